"""Polls of watched sources: list, fetch what is new or changed, store it as documents and versions, run the incremental pipeline, then alerts."""

from __future__ import annotations

import gc
import hashlib
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from . import listings
from .corpus import Corpus
from .document import Document
from .errors import ConfigError
from .fetch import Fetcher, FetchSettings
from .ingest import IngestSummary, prepare, write_items
from .readers import Limits, RawItem, Rejection, decode, iter_inputs
from .removal import retire_versions
from .store import CLAIMS_PENDING_NEW_RECORDS, dumps
from .watchlist import Source, Watchlist

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(text: str) -> float:
    """ "15m" -> 900.0; a bare number is seconds."""
    m = _DURATION.match(str(text))
    if not m or float(m[1]) <= 0:
        raise ConfigError(f"not a duration: {text!r} (e.g. 90s, 15m, 2h)")
    return float(m[1]) * _UNITS[m[2]]


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class SourceReport:
    name: str
    kind: str
    status: str = "ok"  # ok | error
    error: str | None = None
    listed: int = 0
    fetched: int = 0
    new: int = 0
    versions: int = 0
    unchanged: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PollSummary:
    sources: list[SourceReport] = field(default_factory=list)
    ingest: IngestSummary = field(default_factory=IngestSummary)
    stages: dict[str, Any] = field(default_factory=dict)
    alerts: int = 0
    delivered: int = 0
    webhook_error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step of the poll

    def to_json(self) -> dict[str, Any]:
        return {
            "sources": [s.to_json() for s in self.sources],
            "ingest": self.ingest.to_json(),
            "stages": self.stages,
            "alerts": self.alerts,
            "delivered": self.delivered,
            "webhook_error": self.webhook_error,
            "seconds": self.seconds,
        }


class Watcher:
    """One store and one watch list; `poll()` does one round over every source."""

    def __init__(self, corpus: Corpus, watchlist: Watchlist, *, fetcher: Fetcher | None = None) -> None:
        self.corpus = corpus
        self.store = corpus.store
        self.watchlist = watchlist
        self.fetcher = fetcher or Fetcher(FetchSettings.from_config(corpus.config["watch"]))
        ingest_cfg = corpus.config["ingest"]
        self.min_chars = int(ingest_cfg["min_chars"])
        self.outlet = ingest_cfg["outlet"] or None
        self.limits = Limits(int(ingest_cfg["max_file_mb"] * 2**20), int(ingest_cfg["max_decompressed_mb"] * 2**20))

    def close(self) -> None:
        self.fetcher.close()

    def poll(self) -> PollSummary:
        """List every source, fetch what is pending, analyse and resolve what was added, then compute and deliver alerts."""
        from . import alerts, webhook

        started = now_iso()
        summary = PollSummary()
        clock = time.perf_counter()

        def lap(step: str) -> None:
            nonlocal clock
            summary.seconds[step] = round(time.perf_counter() - clock, 3)
            clock = time.perf_counter()

        self.fetcher.new_round()
        for source in self.watchlist.sources:
            summary.sources.append(self._poll_source(source, summary.ingest))
        lap("sources")
        summary.stages["analyze"] = self.corpus.analyze()
        lap("analyze")
        summary.stages["resolve"] = self.corpus.resolve()
        lap("resolve")
        summary.alerts = alerts.compute(self.store, self.watchlist)
        lap("alerts")
        retired = retire_versions(self.store)  # the pages' earlier versions, now that their revisions are told
        if retired:
            summary.stages["retire"] = {"earlier versions set aside": retired, **self.corpus.resolve()}
        lap("retire")
        summary.delivered, summary.webhook_error = webhook.deliver(self.store, self.corpus.config["alerts"])
        lap("webhook")
        with self.store.transaction() as db:
            db.execute("INSERT INTO polls(started, finished, summary) VALUES (?,?,?)", (started, now_iso(), dumps(summary.to_json())))
        # a poll leaves reference cycles behind (parses, HTML trees, HTTP exchanges) that the collector's
        # oldest generation reaches only rarely: collected here, a long watch stays flat (docs/watch.md)
        gc.collect()
        return summary

    # -- one source --------------------------------------------------------
    def _poll_source(self, source: Source, ingest: IngestSummary) -> SourceReport:
        report = SourceReport(source.name, source.kind)
        when = now_iso()
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO watch_sources(name, kind, location, tags) VALUES (?,?,?,?) ON CONFLICT(name) DO UPDATE"
                " SET kind = excluded.kind, location = excluded.location, tags = excluded.tags",
                (source.name, source.kind, source.location, dumps(list(source.tags))),
            )
        try:
            entries, kind = self._list(source)
            report.kind = kind
            report.listed = len(entries)
            self._remember(source, entries, when)
        except (listings.ListingError, OSError) as exc:
            report.status, report.error = "error", str(exc)
        for url, meta in self._pending(source):
            self._fetch_one(source, url, meta, report, ingest)
        with self.store.transaction() as db:
            db.execute(
                "UPDATE watch_sources SET kind = ?, last_poll = ?, status = ?, error = ?, listed = ?,"
                " last_ok = CASE WHEN ? = 'ok' THEN ? ELSE last_ok END,"
                " failures = CASE WHEN ? = 'ok' THEN 0 ELSE failures + 1 END WHERE name = ?",
                (report.kind, when, report.status, report.error, report.listed, report.status, when, report.status, source.name),
            )
        return report

    def _list(self, source: Source) -> tuple[list[listings.Entry], str]:
        if source.kind == "folder":
            return listings.folder_entries(source.location, self.corpus.own_files()), "folder"
        got = self.fetcher.get(source.location)
        if got.status != "ok":
            raise listings.ListingError(got.error or got.status)
        if not listings.is_sitemap(got.body):
            return listings.feed_entries(got.body), "feed"
        pages, children = listings.sitemap_entries(got.body)
        for child in children:
            sub = self.fetcher.get(child)
            if sub.status != "ok":
                raise listings.ListingError(f"sitemap {child[:200]}: {sub.error or sub.status}")
            more, _nested = listings.sitemap_entries(sub.body)
            pages.extend(more)
        return pages, "sitemap"

    def _remember(self, source: Source, entries: list[listings.Entry], when: str) -> None:
        """Every listed URL is kept; new ones, and known ones whose listed stamp changed or is absent, become pending."""
        with self.store.transaction() as db:
            for e in entries:
                db.execute(
                    "INSERT INTO watch_urls(url, source, first_seen, last_seen, listed_modified, meta) VALUES (?,?,?,?,?,?)"
                    " ON CONFLICT(url) DO UPDATE SET last_seen = excluded.last_seen, meta = excluded.meta,"
                    " pending = CASE WHEN pending = 1 OR excluded.listed_modified IS NULL"
                    "   OR excluded.listed_modified IS NOT listed_modified THEN 1 ELSE 0 END,"
                    " listed_modified = excluded.listed_modified",
                    (e.url, source.name, when, when, e.modified, dumps(dict(e.meta))),
                )

    def _pending(self, source: Source) -> list[tuple[str, dict[str, Any]]]:
        import json

        rows = self.store.query("SELECT url, meta FROM watch_urls WHERE source = ? AND pending = 1 ORDER BY first_seen, url", (source.name,))
        return [(r["url"], json.loads(r["meta"])) for r in rows]

    # -- one URL or file -----------------------------------------------------
    def _fetch_one(self, source: Source, url: str, meta: dict[str, Any], report: SourceReport, ingest: IngestSummary) -> None:
        state = self.store.query("SELECT etag, last_modified, content_hash FROM watch_urls WHERE url = ?", (url,))[0]
        if source.kind == "folder":
            items, status, error, etag, modified, body = self._read_file(url)
        else:
            got = self.fetcher.get(url, etag=state["etag"], last_modified=state["last_modified"])
            status, error, etag, modified, body = got.status, got.error, got.etag, got.last_modified, got.body
            items = []
            if got.status == "ok":
                html = decode(got.body)
                if html is None:
                    items = [Rejection(url, "R105")]
                else:
                    items = [RawItem(url, "html", html=html, meta={"url": url, **{k: meta.get(k) for k in ("title", "published")}})]
        report.fetched += 1
        digest = hashlib.sha256(body).hexdigest() if status == "ok" else state["content_hash"]
        with self.store.transaction() as db:
            if status == "ok" and digest != state["content_hash"]:
                for item in items:
                    prepared = item if isinstance(item, Rejection) else prepare(item, self.min_chars, self.outlet)
                    self._store(db, source, prepared, report, ingest)
            elif status in ("ok", "unchanged"):
                report.unchanged += 1
            else:
                report.failed.append({"url": url, "status": status, "error": error or status})
            db.execute(
                "UPDATE watch_urls SET pending = ?, last_fetched = ?, status = ?, etag = coalesce(?, etag),"
                " last_modified = coalesce(?, last_modified), content_hash = ? WHERE url = ?",
                (0, now_iso(), status if status != "error" else f"error: {error}", etag, modified, digest, url),
            )

    def _read_file(self, path: str) -> tuple[list[RawItem | Rejection], str, str | None, None, None, bytes]:
        try:
            with open(path, "rb") as fh:
                body = fh.read(self.limits.max_file_bytes + 1)
        except OSError as exc:
            return [], "error", f"{type(exc).__name__}: {exc}", None, None, b""
        return list(iter_inputs([path], self.limits)), "ok", None, None, None, body

    def _store(self, db: sqlite3.Connection, source: Source, item: Document | Rejection, report: SourceReport, ingest: IngestSummary) -> None:
        """A document of a URL (or a file's item) is stored once; when the text behind the same key changes, the new text is its next version."""
        write_items(db, [item], ingest)
        if isinstance(item, Rejection):
            report.failed.append({"url": item.path, "status": "rejected", "error": f"[{item.code}] {item.reason}"})
            return
        key = item.source()
        last = db.execute("SELECT version, doc_id FROM document_versions WHERE url = ? ORDER BY version DESC LIMIT 1", (key,)).fetchone()
        if last is not None and last["doc_id"] == item.id:
            report.unchanged += 1
            return
        version = 1 if last is None else last["version"] + 1
        db.execute(
            "INSERT INTO document_versions(url, version, doc_id, previous, seen) VALUES (?,?,?,?,?)",
            (key, version, item.id, None if last is None else last["doc_id"], now_iso()),
        )
        db.execute("UPDATE watch_urls SET doc_id = ?, versions = ? WHERE url = ?", (item.id, version, item.source_path))
        if last is not None:  # the version it replaces leaves the ledger: its claims are attached again, as none
            db.execute("INSERT OR IGNORE INTO superseded(doc_id) VALUES (?)", (last["doc_id"],))
            db.execute(CLAIMS_PENDING_NEW_RECORDS, (last["doc_id"],))
        db.execute("DELETE FROM superseded WHERE doc_id = ?", (item.id,))  # a page's earlier text come back is current again
        if last is None:
            report.new += 1
        else:
            report.versions += 1


def run(watcher: Watcher, *, every: float, once: bool, on_poll: Callable[[PollSummary], None], sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll now, then every `every` seconds (measured from the start of each poll) until interrupted; once with `once`."""
    while True:
        began = time.monotonic()
        on_poll(watcher.poll())
        if once:
            return
        sleep(max(0.0, every - (time.monotonic() - began)))
