"""The library API: a `Corpus` over one store, with the operations the CLI exposes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import config as config_mod
from . import exports
from .document import Document
from .ingest import IngestSummary, ingest
from .read.queries import fts_quote, quarantined_rows, rejected_rows
from .readers import Limits
from .store import Store, damaged, dumps, is_damage


@dataclass(frozen=True)
class SearchHit:
    doc: str
    title: str | None
    snippet: str
    rank: float


@dataclass
class RunSummary:
    ingest: IngestSummary
    stages: dict[str, Any] = field(default_factory=dict)
    report: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"ingest": self.ingest.to_json(), "stages": self.stages, "report": self.report}


class Corpus:
    """A Threadline store plus its configuration.

    >>> import threadline
    >>> corpus = threadline.open("threadline.db")       # doctest: +SKIP
    >>> corpus.ingest(["examples/corpus"]).added         # doctest: +SKIP
    """

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        *,
        config: dict[str, dict[str, Any]] | None = None,
        readonly: bool = False,
    ) -> None:
        self.config = config or config_mod.load()
        self.path = Path(db) if db else Path(self.config["store"]["db"])
        self.store = Store(self.path, readonly=readonly, lock_wait=float(self.config["store"]["lock_wait"]))

    # -- writing ---------------------------------------------------------
    def ingest(self, paths: list[str], *, progress: Any = None, report: str | None = None) -> IngestSummary:
        """Read `paths` into the store; a folder's files that are this corpus's own (`own_files`) are passed over."""
        cfg = self.config["ingest"]
        limits = Limits(
            max_file_bytes=int(cfg["max_file_mb"] * 2**20),
            max_decompressed_bytes=int(cfg["max_decompressed_mb"] * 2**20),
        )
        return ingest(
            self.store, paths, limits=limits, min_chars=cfg["min_chars"], batch_size=cfg["batch_size"], progress=progress,
            outlet=cfg["outlet"] or None, skip=self.own_files(report),
        )

    def own_files(self, report: str | os.PathLike[str] | None = None) -> frozenset[Path]:
        """What a run writes, which may sit inside a folder it reads: the store with its journal,
        shared-memory and lock files, the Ray engine's default work folder, and the report."""
        store = [self.path.with_name(self.path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal", "-lock", ".shards")]
        return frozenset(p.resolve() for p in [*store, Path(report) if report else self.report_path()])

    def analyze(
        self, *, workers: int | None = None, progress: bool = False, retry_failed: bool = False, through: int | None = None
    ) -> dict[str, int]:
        """Parse and extract every document not yet analysed by the current components (up to rowid
        `through`, when given); with `retry_failed`, the quarantined documents and the failed
        components are tried again."""
        from .analyze import analyze, retry_failed as retry

        cfg = self.config["analyze"]
        retried = retry(self.store) if retry_failed else 0
        counts = analyze(
            self.store,
            model=cfg["model"],
            workers=cfg["workers"] if workers is None else workers,
            batch_size=cfg["batch_size"],
            options=self.options(),
            budget=self.budget(),
            progress=progress,
            through=through,
        )
        return {"retried": retried, **counts} if retry_failed else counts

    def budget(self) -> Any:
        """What one document may cost at analysis, from the configuration."""
        from .analyze import Budget

        cfg = self.config["analyze"]
        return Budget(int(cfg["max_document_mb"] * 2**20), cfg["window_chars"], cfg["window_seconds"], cfg["document_seconds"])

    def remove(self, doc_ids: list[str]) -> dict[str, Any]:
        """Remove documents (ids or unique id prefixes) and everything derived from them, then resolve
        again so entities, quantities and stories are those of the documents that remain."""
        from .errors import ThreadlineError
        from .removal import remove_documents

        found = []
        for given in doc_ids:
            doc = self.document(given)
            if doc is None:
                raise ThreadlineError(f"no document with id {given} (or the prefix is not unique); nothing removed", code="T004")
            found.append(doc.id)
        removed = remove_documents(self.store, sorted(set(found)))
        return {"removed": removed, "resolve": self.resolve()}

    def resolve(self) -> dict[str, int]:
        """Corpus-level steps: entity canonicalisation and what later stages add."""
        from .resolve import resolve

        return resolve(self.store, self.config)

    def options(self) -> dict[str, Any]:
        """Options passed to every extractor component (plain data): the domain pack."""
        from .domain import load_pack

        return {"domain": load_pack(self.config["analyze"]["domain"])}

    def run(self, paths: list[str], *, progress: bool = False, report: str | None = None) -> RunSummary:
        """The main job: ingest, then every later stage, then the report."""
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        bar = _bar(progress, "ingest")
        try:
            summary = RunSummary(ingest=self.ingest(paths, progress=bar, report=report))
        finally:
            if bar is not None:
                bar.close()
        summary.stages["analyze"] = self.analyze(progress=progress)
        summary.stages["resolve"] = self.resolve()
        from .report import write_report

        summary.report = str(write_report(self, report or self.report_path()))
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO runs(started, finished, summary) VALUES (?,?,?)",
                (started, datetime.now(timezone.utc).isoformat(timespec="seconds"), dumps(summary.to_json())),
            )
        return summary

    def report_path(self) -> Path:
        """Where the report goes unless a command says: `report.path`, else beside the store."""
        configured = self.config["report"]["path"]
        return Path(configured) if configured else self.path.with_name(f"{self.path.stem}-report.html")

    # -- reading ---------------------------------------------------------
    def documents(self) -> Iterator[Document]:
        for row in self.store.iter_rows("SELECT * FROM documents ORDER BY rowid"):
            yield Document.from_row(row)

    def document(self, doc_id: str) -> Document | None:
        rows = self.store.query("SELECT * FROM documents WHERE id = ? OR id LIKE ? ORDER BY rowid LIMIT 2", (doc_id, f"{doc_id}%"))
        if len(rows) != 1 and not (rows and rows[0]["id"] == doc_id):
            return None
        return Document.from_row(rows[0])

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over documents, best first (bm25 among the latest `RANKED` that match),
        with highlighted snippets built for the documents returned only."""
        from .read.queries import RANKED

        sql = (
            "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snip, t.rank FROM"
            " (SELECT id, rank FROM (SELECT rowid AS id, bm25(documents_fts) AS rank FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT ?) ORDER BY rank, id LIMIT ?) t"
            " JOIN documents_fts ON documents_fts.rowid = t.id JOIN documents d ON d.rowid = t.id"
            " WHERE documents_fts MATCH ? ORDER BY t.rank, t.id"
        )
        try:
            rows = self.store.query(sql, (query, RANKED, limit, query))
        except sqlite3.OperationalError:
            rows = self.store.query(sql, (fts_quote(query), RANKED, limit, fts_quote(query)))
        return [SearchHit(r["id"], r["title"], r["snip"], r["rank"]) for r in rows]

    def totals(self) -> dict[str, int]:
        """What the store holds, for a person: articles, actors, figures, quantities in conflict, events, stories."""
        from .read import features
        from .read.queries import counts

        held = counts(self.store)
        has_quantities = features.has_table(self.store, "quantities")
        return {
            "articles": held["documents"],
            "actors": held["entities"],
            "figures": held.get("figures", 0),
            "quantities": self.store.scalar("SELECT count(*) FROM quantities") if has_quantities else 0,
            "conflicts": self.store.scalar("SELECT count(*) FROM quantities WHERE conflict > 0") if has_quantities else 0,
            "events": held.get("events", 0),
            "stories": held["stories"],
        }

    def rejections(self) -> list[dict[str, Any]]:
        return list(rejected_rows(self.store))

    def quarantined(self) -> list[dict[str, Any]]:
        """Documents kept but not analysed, with the reason."""
        return list(quarantined_rows(self.store))

    def stats(self) -> dict[str, Any]:
        q = self.store.scalar
        return {
            "documents": q("SELECT count(*) FROM documents"),
            "rejected": q("SELECT count(*) FROM rejections"),
            "outlets": q("SELECT count(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL"),
            "languages": {r[0] or "?": r[1] for r in self.store.query("SELECT language, count(*) FROM documents GROUP BY 1 ORDER BY 1")},
            "kinds": {r[0]: r[1] for r in self.store.query("SELECT kind, count(*) FROM documents GROUP BY 1 ORDER BY 1")},
            "undated": q("SELECT count(*) FROM documents WHERE published IS NULL"),
            "words": q("SELECT coalesce(sum(length(text) - length(replace(text, ' ', '')) + 1), 0) FROM documents"),
        }

    def export(self, path: str | os.PathLike[str], fmt: str = "json") -> dict[str, int]:
        return exports.export(self.store, path, fmt)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close()
        if exc is not None and is_damage(exc):  # a page found damaged after the store opened
            raise damaged(self.path, exc) from None


def _bar(enabled: bool, desc: str) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(desc=desc, unit="doc", leave=False)


def open(db: str | os.PathLike[str] | None = None, **kwargs: Any) -> Corpus:  # noqa: A001 - public API name
    """Open (or create) the store at `db` and return a `Corpus`."""
    return Corpus(db, **kwargs)
