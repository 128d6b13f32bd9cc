"""Alerts: what a poll's new documents and versions changed, each with evidence links, each fired once (its id is a hash of the change)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from .store import Store, batches, dumps
from .watchlist import Watchlist

KINDS = {
    "finding": "a quantity with a new conflict, update or other finding",
    "measure": "a new value for a watched measure",
    "threshold": "an actor crossing the mention threshold",
    "linked": "an actor newly named with a watched actor",
    "independent-source": "a story gaining an independent source",
    "indicator": "a domain indicator seen for the first time",
    "revision": "a document revised so that a figure or quote changes",
}
QUIET_FINDINGS = frozenset({"undetermined"})  # findings that are not a change worth an alert


def alert_id(kind: str, *parts: object) -> str:
    raw = "\x00".join([kind, *(str(p) for p in parts)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def evidence(doc: str, start: int | None = None, end: int | None = None, text: str | None = None) -> dict[str, Any]:
    link = f"/documents/{doc}" + (f"?hl={start}-{end}" if start is not None and end is not None else "")
    return {"doc": doc, "start": start, "end": end, "text": text, "link": link}


def compute(store: Store, watch: Watchlist) -> int:
    """Alerts for every document version not yet looked at; returns how many are new. Safe to run again."""
    pending = store.query(
        "SELECT v.url, v.version, v.doc_id, v.previous FROM document_versions v WHERE v.alerted = 0 ORDER BY v.seen, v.url, v.version"
    )
    if not pending:
        return 0
    docs = sorted({r["doc_id"] for r in pending if _tagged(store, r["url"], watch.tags)})
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for alert in (
        *_findings(store, docs),
        *_measures(store, docs, watch.measures),
        *_actors(store, docs, watch),
        *_independent(store, docs),
        *_indicators(store, docs, watch.indicators),
        *_revisions(store, [r for r in pending if r["previous"] and r["doc_id"] in set(docs)]),
    ):
        found.setdefault(alert[0], alert[1:])  # type: ignore[arg-type]
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.transaction() as db:
        before = db.total_changes
        db.executemany(
            "INSERT OR IGNORE INTO alerts(id, kind, created, title, data) VALUES (?,?,?,?,?)",
            [(aid, kind, created, title, dumps(data)) for aid, (kind, title, data) in sorted(found.items())],
        )
        added = db.total_changes - before
        db.executemany("UPDATE document_versions SET alerted = 1 WHERE url = ? AND version = ?", [(r["url"], r["version"]) for r in pending])
    return added


def _tagged(store: Store, key: str, tags: tuple[str, ...]) -> bool:
    """Without watched tags every source counts; with them, only documents from a source carrying one."""
    if not tags:
        return True
    url = key.rsplit(":", 1)[0] if store.scalar("SELECT 1 FROM watch_urls WHERE url = ?", (key,)) is None else key
    row = store.query("SELECT s.tags FROM watch_urls u JOIN watch_sources s ON s.name = u.source WHERE u.url = ?", (url,))
    return bool(row) and bool(set(json.loads(row[0]["tags"])) & set(tags))


Alert = tuple[str, str, str, dict[str, Any]]  # id, kind, title, data


def _rows(store: Store, sql: str, docs: list[str]) -> Iterable[sqlite3.Row]:
    for chunk in batches(docs):
        yield from store.query(sql.format(ids=",".join("?" * len(chunk))), chunk)


def _figure_evidence(store: Store, fid: str) -> dict[str, Any] | None:
    _code, doc, seq = fid.split("-")
    row = store.query("SELECT r.start, r.end, substr(d.text, r.start + 1, r.end - r.start) AS t FROM records r JOIN documents d ON d.id = r.doc_id"
                      " WHERE r.doc_id = ? AND r.kind = 'figure' AND r.seq = ?", (doc, int(seq)))
    return evidence(doc, row[0]["start"], row[0]["end"], row[0]["t"]) if row else None


def _findings(store: Store, docs: list[str]) -> Iterable[Alert]:
    """Findings of the quantities the new documents' figures joined that name one of those figures."""
    new = set(docs)
    quantities = {r[0] for r in _rows(store, "SELECT DISTINCT quantity_id FROM figure_facts WHERE quantity_id IS NOT NULL AND doc_id IN ({ids})", docs)}
    for chunk in batches(sorted(quantities)):
        for q in store.query(f"SELECT id, measure, unit, findings FROM quantities WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            for f in json.loads(q["findings"]):
                figures = [str(x) for x in f.get("figures", [])]
                if f.get("kind") in QUIET_FINDINGS or not any(x.split("-")[1] in new for x in figures if x.count("-") == 2):
                    continue
                links = [e for e in (_figure_evidence(store, x) for x in figures) if e]
                data = {"quantity": q["id"], "measure": q["measure"], "finding": f.get("kind"), "text": f.get("text"), "evidence": links}
                yield alert_id("finding", f.get("kind"), *sorted(figures)), "finding", f"{f.get('kind')}: {q['measure']}", data


def _measures(store: Store, docs: list[str], measures: tuple[str, ...]) -> Iterable[Alert]:
    if not measures:
        return
    wanted = {m.lower() for m in measures}
    for r in _rows(store, "SELECT doc_id, seq, start, end, data FROM records WHERE kind = 'figure' AND doc_id IN ({ids})", docs):
        d = json.loads(r["data"])
        if not _measure_matches(d, wanted):
            continue
        text = store.scalar("SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", (r["start"], r["end"], r["start"], r["doc_id"]))
        data = {"measure": d.get("measure_text") or d.get("measure_key"), "value": d.get("value"), "unit": d.get("unit"),
                "evidence": [evidence(r["doc_id"], r["start"], r["end"], text)]}
        yield alert_id("measure", r["doc_id"], r["seq"]), "measure", f"new value for {data['measure']}: {text}", data


def _measure_matches(d: dict[str, Any], wanted: set[str]) -> bool:
    """A watched measure names the figure's measure key ("recruits NP"), its concept ("recruits"), or words of its text."""
    key = str(d.get("measure_key") or "").lower()
    text = f' {" ".join(str(d.get("measure_text") or "").lower().split())} '
    return any(w in (key, key.split(" ")[0]) or f" {w} " in text for w in wanted)


def _actors(store: Store, docs: list[str], watch: Watchlist) -> Iterable[Alert]:
    """Actors of the new documents at or past the mention threshold (once per actor and threshold), and pairs newly
    named together with a watched actor (once per pair)."""
    touched: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, "SELECT entity_id, doc_id FROM entity_documents WHERE doc_id IN ({ids})", docs):
        touched[r["entity_id"]].add(r["doc_id"])
    if not touched:
        return
    names = {}
    for chunk in batches(sorted(touched)):
        for e in store.query(f"SELECT id, name, type, aliases, mentions FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            names[e["id"]] = e
            if e["mentions"] >= watch.mention_threshold:
                doc = min(touched[e["id"]])
                data = {"entity": e["id"], "name": e["name"], "mentions": e["mentions"], "threshold": watch.mention_threshold,
                        "evidence": [evidence(doc)]}
                yield alert_id("threshold", e["id"], watch.mention_threshold), "threshold", f"{e['name']} reached {watch.mention_threshold} mentions", data
    watched = _watched_entities(store, watch.entities)
    if not watched:
        return
    for w in watched & touched.keys():
        for other, in_docs in touched.items():
            if other == w:
                continue
            shared = sorted(in_docs & touched[w])
            if not shared:
                continue
            together = store.scalar(
                "SELECT count(*) FROM entity_documents a JOIN entity_documents b ON b.doc_id = a.doc_id AND b.entity_id = ? WHERE a.entity_id = ?",
                (other, w),
            )
            before = together > len(shared)  # named together in a document older than this poll's
            if before:
                continue
            pair = sorted((w, other))
            data = {"watched": w, "entity": other, "name": names[other]["name"], "evidence": [evidence(d) for d in shared[:5]]}
            yield alert_id("linked", *pair), "linked", f"{names[other]['name']} named with {names[w]['name']}", data


def _watched_entities(store: Store, wanted: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for name in wanted:
        for r in store.query("SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE", (name, name)):
            out.add(r["id"])
    return out


def _independent(store: Store, docs: list[str]) -> Iterable[Alert]:
    """A new document that is its own origin, in a same-event story with other origins: one more independent source."""
    for r in _rows(
        store,
        "SELECT sd.story_id, sd.doc_id, sd.origin, s.origins, s.data FROM story_documents sd JOIN stories s ON s.id = sd.story_id"
        " WHERE s.level = 'same-event' AND sd.doc_id = sd.origin AND sd.doc_id IN ({ids})",
        docs,
    ):
        if r["origins"] < 2:
            continue
        first = store.scalar("SELECT min(doc_id) FROM story_documents WHERE story_id = ? AND doc_id <> ?", (r["story_id"], r["doc_id"]))
        title = json.loads(r["data"]).get("title") or r["story_id"]
        data = {"story": r["story_id"], "origins": r["origins"], "evidence": [evidence(r["doc_id"]), evidence(first)]}
        yield alert_id("independent-source", r["doc_id"], first), "independent-source", f"independent source for: {title}", data


def _indicators(store: Store, docs: list[str], watched: tuple[str, ...]) -> Iterable[Alert]:
    new = set(docs)
    seen: set[str] = set()
    for r in _rows(store, "SELECT doc_id, start, end, data FROM records WHERE kind = 'indicator' AND doc_id IN ({ids}) ORDER BY doc_id, seq", docs):
        d = json.loads(r["data"])
        ind = str(d.get("indicator"))
        if ind in seen or (watched and ind not in watched):
            continue
        seen.add(ind)
        earlier = store.query(
            "SELECT doc_id FROM records WHERE kind = 'indicator' AND json_extract(data, '$.indicator') = ? LIMIT 1000", (ind,)
        )
        if any(e["doc_id"] not in new for e in earlier):
            continue
        text = store.scalar("SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", (r["start"], r["end"], r["start"], r["doc_id"]))
        data = {"indicator": ind, "label": d.get("label", ind), "evidence": [evidence(r["doc_id"], r["start"], r["end"], text)]}
        yield alert_id("indicator", ind), "indicator", f"first seen: {d.get('label', ind)}", data


def _spans(store: Store, doc: str) -> dict[str, dict[str, tuple[int, int]]]:
    """A document's figures and direct quotes, by their normalised text."""
    out: dict[str, dict[str, tuple[int, int]]] = {"figure": {}, "quote": {}}
    for r in store.query(
        "SELECT r.kind, r.start, r.end, r.data, substr(d.text, r.start + 1, r.end - r.start) AS t FROM records r JOIN documents d ON d.id = r.doc_id"
        " WHERE r.doc_id = ? AND r.kind IN ('figure', 'attribution') ORDER BY r.seq",
        (doc,),
    ):
        if r["kind"] == "attribution" and json.loads(r["data"]).get("kind") != "quote":
            continue
        group = "figure" if r["kind"] == "figure" else "quote"
        out[group].setdefault(" ".join(r["t"].split()), (r["start"], r["end"]))
    return out


def _revisions(store: Store, versions: list[sqlite3.Row]) -> Iterable[Alert]:
    for v in versions:
        old, new = _spans(store, v["previous"]), _spans(store, v["doc_id"])
        changes = []
        for group in ("figure", "quote"):
            gone = sorted(old[group].keys() - new[group].keys())
            added = sorted(new[group].keys() - old[group].keys())
            if gone or added:
                changes.append({"what": group, "removed": gone, "added": added})
        if not changes:
            continue
        links = [evidence(v["doc_id"], *new[c["what"]][t], t) for c in changes for t in c["added"]]
        links += [evidence(v["previous"], *old[c["what"]][t], t) for c in changes for t in c["removed"]]
        data = {"url": v["url"], "version": v["version"], "previous": v["previous"], "doc": v["doc_id"], "changes": changes, "evidence": links}
        what = " and ".join(sorted({c["what"] + "s" for c in changes}))
        yield alert_id("revision", v["url"], v["previous"], v["doc_id"]), "revision", f"revised {what}: {v['url']}", data


# -- reading -------------------------------------------------------------------
def listing(store: Store, since: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Alerts newest first, optionally only those created at or after `since` (ISO date or time)."""
    if not store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'alerts'"):
        return []  # a store made before watching existed
    rows = store.query(
        "SELECT id, kind, created, title, data, delivered FROM alerts WHERE created >= ? ORDER BY created DESC, id LIMIT ?",
        (since or "", limit),
    )
    return [as_json(r) for r in rows]


def as_json(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "kind": r["kind"], "created": r["created"], "title": r["title"], "delivered": bool(r["delivered"]), **json.loads(r["data"])}


def undelivered(store: Store) -> list[dict[str, Any]]:
    return [as_json(r) for r in store.query("SELECT * FROM alerts WHERE delivered = 0 ORDER BY created, id")]


def mark_delivered(store: Store, ids: list[str]) -> None:
    with store.transaction() as db:
        db.executemany("UPDATE alerts SET delivered = 1 WHERE id = ?", [(i,) for i in ids])
