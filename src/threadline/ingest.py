"""Ingest: read inputs, reject bad ones with a reason, clean, extract metadata, store."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import metadata
from .clean import clean_text, one_line
from .document import Document, doc_id
from .readers import Limits, RawItem, Rejection, iter_inputs
from .store import Store, dumps, is_disk_full
from .timeutil import parse_published

log = logging.getLogger("threadline.ingest")


@dataclass
class IngestSummary:
    added: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, doc id)
    rejected: list[Rejection] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": [{"source": s, "doc": d} for s, d in self.duplicates],
            "rejected": [{"path": r.path, "line": r.line, "code": r.code, "reason": r.reason} for r in self.rejected],
            "kinds": dict(sorted(self.kinds.items())),
            "languages": dict(sorted(self.languages.items())),
        }


def prepare(item: RawItem, min_chars: int = 200, outlet: str | None = None) -> Document | Rejection:
    """Turn one raw input into a cleaned `Document`, or reject it; `outlet` is the outlet of a document
    that names none (a folder of one outlet's plain-text articles)."""
    meta: dict[str, Any] = {}
    body = item.text
    if item.html is not None:
        extracted = metadata.from_html(item.html, url=item.meta.get("url"))
        if extracted is None:
            return Rejection(item.path, "R111", line=item.line, offset=item.offset)
        body = extracted.pop("text")
        meta = {k: v for k, v in extracted.items() if v}
    cleaned = clean_text(body or "")
    if len(cleaned.text) < min_chars:
        return Rejection(item.path, "R104", f"{len(cleaned.text)} characters", line=item.line, offset=item.offset)
    explicit = {k: v for k, v in item.meta.items() if v}

    def pick(key: str, *fallbacks: str | None) -> str | None:
        for value in (explicit.get(key), meta.get(key), cleaned.markers.get(key), *fallbacks):
            field = one_line(str(value)) if value else ""
            if field:
                return field
        return None

    url = pick("url")
    published = None
    for candidate in (explicit.get("published"), meta.get("published"), cleaned.markers.get("published")):
        published = parse_published(candidate)
        if published:
            break
    text = cleaned.text
    return Document(
        id=doc_id(text),
        text=text,
        kind=item.kind,
        source_path=item.path,
        source_line=item.line,
        source_offset=item.offset,
        title=pick("title", cleaned.title),
        url=url,
        outlet=pick("outlet", metadata.outlet_from_url(url), outlet),
        author=pick("author", cleaned.follow_author),
        published=published,
        language=metadata.language(text),
        cleaning={"removed": [[rule, line] for rule, line in cleaned.removed], "markers": cleaned.markers},
    )


def rejection_key(r: Rejection) -> str:
    raw = f"{r.path}\x00{r.line}\x00{r.offset}\x00{r.code}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def ingest(
    store: Store,
    paths: list[str],
    *,
    limits: Limits = Limits(),
    min_chars: int = 200,
    batch_size: int = 100,
    progress: Any = None,
    outlet: str | None = None,
    skip: frozenset[Path] = frozenset(),
) -> IngestSummary:
    """Ingest `paths` into `store`, committing every `batch_size` documents; `outlet` for documents that
    name none; a folder's files in `skip` are passed over."""
    summary = IngestSummary()
    batch: list[Document | Rejection] = []
    for result in _prepared(iter_inputs(paths, limits, skip), min_chars, outlet):
        batch.append(result)
        if progress is not None:
            progress.update(1)
        if len(batch) >= batch_size:
            _write(store, batch, summary)
            batch = []
    if batch:
        _write(store, batch, summary)
    return summary


def _prepared(items: Iterable[RawItem | Rejection], min_chars: int, outlet: str | None) -> Iterator[Document | Rejection]:
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            yield prepare(item, min_chars, outlet)
        except Exception as exc:  # noqa: BLE001 - a library failing on one document must not stop the batch
            if is_disk_full(exc):
                raise  # a full disk is not the document's fault: the command stops ([T007]) and a rerun reads it again
            log.warning("cannot clean %s: %r", item.path, exc)
            yield Rejection(item.path, "R115", f"{type(exc).__name__}: {exc}"[:200], line=item.line, offset=item.offset)


def _write(store: Store, batch: list[Document | Rejection], summary: IngestSummary) -> None:
    with store.transaction() as db:
        write_items(db, batch, summary)


def write_items(db: sqlite3.Connection, batch: list[Document | Rejection], summary: IngestSummary) -> None:
    """Store documents (new ones; duplicates only gain a source) and rejections, inside the caller's transaction."""
    for item in batch:
        if isinstance(item, Rejection):
            summary.rejected.append(item)
            db.execute(
                "INSERT OR IGNORE INTO rejections(key, path, line, offset, code, reason) VALUES (?,?,?,?,?,?)",
                (rejection_key(item), item.path, item.line, item.offset, item.code, item.reason),
            )
            continue
        doc = item
        exists = db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if exists:
            summary.duplicates.append((doc.source(), doc.id))
        else:
            db.execute(
                "INSERT INTO documents(id, text, title, url, outlet, author, published, published_precision,"
                " language, kind, source_path, source_line, source_offset, cleaning)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id, doc.text, doc.title, doc.url, doc.outlet, doc.author,
                    doc.published.value if doc.published else None,
                    doc.published.precision if doc.published else None,
                    doc.language, doc.kind, doc.source_path, doc.source_line, doc.source_offset,
                    dumps(doc.cleaning),
                ),
            )
            summary.added += 1
            summary.kinds[doc.kind] += 1
            summary.languages[doc.language or "?"] += 1
        db.execute(
            "INSERT OR IGNORE INTO document_sources(doc_id, source_path, source_line, source_offset) VALUES (?,?,?,?)",
            (doc.id, doc.source_path, doc.source_line or 0, doc.source_offset or 0),
        )
