"""Load a scale-out run's shards into the store through the single writer: in input order, idempotently.

A run's work directory holds `ingest/` (document and rejection rows),
`plan.parquet` (which document rows are new to the store) and `analysis/`
(one extraction row per new document). The merge writes, in `(file, item)`
order and through the same code as the local engine, first the ingest rows
(`ingest._write`: documents, their sources, rejections) and then the
extractions (`analyze.write_extraction`), committing every batch. So:

- the store ends as the local engine leaves it, rowids included;
- a merge that is killed keeps every committed batch, and running it again
  skips what is already there and completes the rest (documents by id,
  sources and rejections by key, extractions whose stored versions already
  match), ending with the same store;
- the plan is made once, before any write, and kept: a resumed merge counts
  documents as the first attempt did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from ..analyze import count, pipeline, write_extraction
from ..document import Document
from ..ingest import IngestSummary, _write
from ..pipeline import Extraction
from ..store import Store
from .shards import NARROW, PLAN_SCHEMA, Location, extraction_of, item_of, ordered_rows, rejection_of


def _existing(store: Store, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        marks = ",".join("?" * len(part))
        found.update(r[0] for r in store.query(f"SELECT id FROM documents WHERE id IN ({marks})", part))
    return found


def make_plan(store: Store, ingest: Location) -> tuple[pa.Table, dict[str, str]]:
    """The document rows the merge will add: the first occurrence of each id not yet in the store."""
    firsts: dict[str, tuple[int, int]] = {}
    for row in ordered_rows(ingest, columns=["file", "item", "type", "doc_id"]):
        if row["type"] == "document" and row["doc_id"] not in firsts:
            firsts[row["doc_id"]] = (row["file"], row["item"])
    present = _existing(store, list(firsts))
    winners = sorted((key, doc) for doc, key in firsts.items() if doc not in present)
    table = pa.Table.from_pylist(
        [{"file": f, "item": i, "doc_id": d} for (f, i), d in winners], schema=PLAN_SCHEMA
    )
    base = store.scalar("SELECT coalesce(max(rowid), 0) FROM documents")
    count = store.scalar("SELECT count(*) FROM documents")
    return table, {"base": str(base), "count": str(count)}


def plan_fits(store: Store, plan: pa.Table, meta: dict[str, str]) -> bool:
    """Whether a kept plan still describes this store: nothing but its own documents added since."""
    base, count = int(meta["base"]), int(meta["count"])
    if store.scalar("SELECT count(*) FROM documents WHERE rowid <= ?", (base,)) != count:
        return False
    planned = set(plan.column("doc_id").to_pylist())
    return all(r[0] in planned for r in store.iter_rows("SELECT id FROM documents WHERE rowid > ?", (base,)))


def save_plan(where: Location, plan: pa.Table, meta: dict[str, str]) -> None:
    where.write_table(plan, metadata=meta)


def load_plan(where: Location) -> tuple[pa.Table, dict[str, str]]:
    table = where.read_table()
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items() if k in (b"base", b"count")}
    return table, meta


def winner_keys(plan: pa.Table) -> set[tuple[int, int]]:
    return set(zip(plan.column("file").to_pylist(), plan.column("item").to_pylist()))


def ingest_summary(ingest: Location, plan: pa.Table) -> IngestSummary:
    """What the ingest part of the run did, counted as the local engine counts it."""
    winners = winner_keys(plan)
    summary = IngestSummary()
    for row in ordered_rows(ingest, columns=NARROW):
        if row["type"] == "rejection":
            summary.rejected.append(rejection_of(row))
        elif (row["file"], row["item"]) in winners:
            summary.added += 1
            summary.kinds[row["kind"]] += 1
            summary.languages[row["language"] or "?"] += 1
        else:
            where = Document(row["doc_id"], "", row["kind"], row["path"], source_line=row["line"], source_offset=row["offset"])
            summary.duplicates.append((where.source(), row["doc_id"]))
    return summary


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def merge_ingest(store: Store, ingest: Location, batch_size: int = 100) -> None:
    """Documents, sources and rejections, in input order, one transaction per batch."""
    for batch in _batches(ordered_rows(ingest), batch_size):
        _write(store, [item_of(r) for r in batch], IngestSummary())


def _stored_state(db: Any, doc_id: str) -> dict[str, tuple[int, str, str | None]]:
    rows = db.execute("SELECT component, version, status, message FROM analyses WHERE doc_id = ?", (doc_id,)).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _wanted_state(ext: Extraction) -> dict[str, tuple[int, str, str | None]]:
    out = {}
    for name, version in ext.versions.items():
        if name in ext.errors:
            out[name] = (version, "error", ext.errors[name])
        elif name in ext.skipped:
            out[name] = (version, "skipped", ext.skipped[name])
        else:
            out[name] = (version, "ok", None)
    return out


def merge_analysis(store: Store, analysis: Location, batch_size: int = 32) -> dict[str, int]:
    """Extractions, in input order, one transaction per batch; returns the analyze stage's counts."""
    by_name = {c.name: c for c in pipeline()}
    counts: Counter[str] = Counter()
    for batch in _batches(ordered_rows(analysis), batch_size):
        exts = [extraction_of(r) for r in batch]
        with store.transaction() as db:
            for ext in exts:
                if not _written(db, ext):
                    write_extraction(db, ext, by_name)
                count(counts, ext)
    return dict(counts)


def _written(db: Any, ext: Extraction) -> bool:
    """Whether a resumed merge already wrote this extraction."""
    if ext.quarantine:
        return db.execute("SELECT 1 FROM quarantine WHERE doc_id = ?", (ext.doc_id,)).fetchone() is not None
    return _stored_state(db, ext.doc_id) == _wanted_state(ext)


def add_counts(*parts: dict[str, int]) -> dict[str, int]:
    """Stage counts added up, keys sorted as the local engine reports them."""
    total: Counter[str] = Counter()
    keys: set[str] = set()
    for part in parts:
        keys.update(part)
        total.update(part)
    return {k: total[k] for k in sorted(keys)}
