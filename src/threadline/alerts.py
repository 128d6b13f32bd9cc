"""Alerts: what a poll's new documents and versions changed, each with evidence links, each fired once (its id is a hash of the change)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .store import Store, batches, dumps
from .watchlist import Watchlist

KINDS = {
    "finding": "a quantity with new conflicts, updates or other findings",
    "measure": "new values for a watched measure",
    "threshold": "an actor crossing the mention threshold",
    "linked": "actors newly named with a watched actor",
    "independent-source": "a story gaining independent sources",
    "indicator": "a domain indicator seen for the first time",
    "revision": "a document revised so that a figure or quote changes",
    "digest": "the rest of a poll's changes, counted, past the alerts a poll may raise",
}
RANK = {kind: i for i, kind in enumerate(("revision", "measure", "linked", "finding", "indicator", "independent-source", "threshold"))}
FINDINGS = ("conflict", "hedge conflict", "update")  # the finding kinds alerted on unless the watch names others
ITEMS = 20  # changes listed in one alert (all are counted)
EVIDENCE = 10  # evidence links of one alert


def alert_id(kind: str, *parts: object) -> str:
    raw = "\x00".join([kind, *(str(p) for p in parts)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def evidence(doc: str, start: int | None = None, end: int | None = None, text: str | None = None) -> dict[str, Any]:
    link = f"/documents/{doc}" + (f"?hl={start}-{end}" if start is not None and end is not None else "")
    return {"doc": doc, "start": start, "end": end, "text": text, "link": link}


@dataclass(frozen=True)
class Change:
    """One thing a poll changed; an alert reports the changes of one subject."""

    id: str  # a hash of what changed: each change is reported once
    kind: str
    subject: str  # what alerts group on: a quantity, measure, actor, watched actor, story, indicator or URL
    head: dict[str, Any]  # the subject's fields, alike for each of its changes
    item: dict[str, Any]  # this change's fields, with its evidence


def compute(store: Store, watch: Watchlist) -> int:
    """Alerts for every document version not yet looked at; returns how many are new. Safe to run again.

    The changes found are grouped: one alert per subject and poll (a quantity's new findings, a
    measure's new values, a story's new independent sources...), listing its changes; past
    `watch.max_alerts` alerts, the rest of the poll's changes are counted in one `digest` alert.
    A change already reported is not reported again."""
    pending = store.query(
        "SELECT v.url, v.version, v.doc_id, v.previous FROM document_versions v WHERE v.alerted = 0 ORDER BY v.seen, v.url, v.version"
    )
    if not pending:
        return 0
    docs = sorted({r["doc_id"] for r in pending if _tagged(store, r["url"], watch.tags)})
    found: dict[str, Change] = {}
    for change in (
        *_findings(store, docs, watch.findings),
        *_measures(store, docs, watch.measures),
        *_actors(store, docs, watch),
        *_independent(store, docs),
        *_indicators(store, docs, watch.indicators),
        *_revisions(store, [r for r in pending if r["previous"] and r["doc_id"] in set(docs)]),
    ):
        found.setdefault(change.id, change)
    reported = {r[0] for chunk in batches(sorted(found)) for r in store.query(
        f"SELECT id FROM alert_changes WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
    rows = digest([c for i, c in sorted(found.items()) if i not in reported], watch.max_alerts)
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.transaction() as db:
        before = db.total_changes
        db.executemany(
            "INSERT OR IGNORE INTO alerts(id, kind, created, title, data) VALUES (?,?,?,?,?)",
            [(aid, kind, created, title, dumps(data)) for aid, kind, title, data, _ in rows],
        )
        added = db.total_changes - before
        db.executemany("INSERT OR IGNORE INTO alert_changes(id, alert_id) VALUES (?,?)", [(c, row[0]) for row in rows for c in row[4]])
        db.executemany("UPDATE document_versions SET alerted = 1 WHERE url = ? AND version = ?", [(r["url"], r["version"]) for r in pending])
    return added


Row = tuple[str, str, str, dict[str, Any], list[str]]  # alert id, kind, title, data, change ids


def digest(changes: list[Change], limit: int) -> list[Row]:
    """One alert per (kind, subject), the first `limit` of them by kind (revisions and watched
    measures and actors first) then by changes; the rest folded into one `digest` alert."""
    groups: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for c in changes:
        groups[(c.kind, c.subject)].append(c)
    ordered = sorted(groups.items(), key=lambda g: (RANK[g[0][0]], -len(g[1]), g[0][1]))
    rows = [_group(kind, members) for (kind, _), members in ordered[:limit]]
    rest = ordered[limit:]
    if rest:
        ids = sorted(c.id for _, members in rest for c in members)
        by_kind: dict[str, dict[str, int]] = {}
        for (kind, _), members in rest:
            counts = by_kind.setdefault(kind, {"alerts": 0, "changes": 0})
            counts["alerts"] += 1
            counts["changes"] += len(members)
        folded = [_group(kind, members) for (kind, _), members in rest[:ITEMS]]
        data = {"count": len(ids), "alerts": len(rest), "by_kind": by_kind, "items": [{"kind": r[1], "title": r[2]} for r in folded], "evidence": []}
        what = ", ".join(f"{n['changes']} {kind} ({n['alerts']} alerts)" for kind, n in sorted(by_kind.items(), key=lambda kv: RANK[kv[0]]))
        rows.append((alert_id("digest", *ids), "digest", f"{len(ids)} more changes in this poll: {what}", data, ids))
    return rows


def _group(kind: str, members: list[Change]) -> Row:
    ids = sorted(c.id for c in members)
    items = [c.item for c in sorted(members, key=lambda c: c.id)]
    links: dict[str, dict[str, Any]] = {}
    for item in items:
        for e in item["evidence"]:
            if len(links) < EVIDENCE:
                links.setdefault(e["link"], e)
    head = members[0].head
    data = {**head, "count": len(items), "items": items[:ITEMS], "evidence": list(links.values())}
    return alert_id(kind, members[0].subject, *ids), kind, _title(kind, head, items), data, ids


def _title(kind: str, head: dict[str, Any], items: list[dict[str, Any]]) -> str:
    n, one = len(items), items[0]
    if kind == "finding":
        kinds = Counter(i["finding"] for i in items)
        what = one["finding"] if n == 1 else f"{n} findings (" + ", ".join(f"{c} {k}" for k, c in sorted(kinds.items())) + ")"
        return f"{what}: {head['measure']}"
    if kind == "measure":
        return f"new value for {head['measure']}: {one['text']}" if n == 1 else f"{n} new values for {head['measure']}"
    if kind == "threshold":
        return f"{head['name']} reached {head['threshold']} mentions"
    if kind == "linked":
        return f"{one['name']} named with {head['watched_name']}" if n == 1 else f"{n} actors newly named with {head['watched_name']}"
    if kind == "independent-source":
        return f"independent source for: {head['title']}" if n == 1 else f"{n} independent sources for: {head['title']}"
    if kind == "indicator":
        return f"first seen: {head['label']}"
    what = " and ".join(sorted({c["what"] + "s" for i in items for c in i["changes"]}))
    return f"revised {what}: {head['url']}" if n == 1 else f"{n} revisions ({what}): {head['url']}"


def _tagged(store: Store, key: str, tags: tuple[str, ...]) -> bool:
    """Without watched tags every source counts; with them, only documents from a source carrying one."""
    if not tags:
        return True
    url = key.rsplit(":", 1)[0] if store.scalar("SELECT 1 FROM watch_urls WHERE url = ?", (key,)) is None else key
    row = store.query("SELECT s.tags FROM watch_urls u JOIN watch_sources s ON s.name = u.source WHERE u.url = ?", (url,))
    return bool(row) and bool(set(json.loads(row[0]["tags"])) & set(tags))


def _rows(store: Store, sql: str, docs: list[str]) -> Iterable[sqlite3.Row]:
    for chunk in batches(docs):
        yield from store.query(sql.format(ids=",".join("?" * len(chunk))), chunk)


def _figure_evidence(store: Store, fid: str) -> dict[str, Any] | None:
    _code, doc, seq = fid.split("-")
    row = store.query("SELECT r.start, r.end, substr(d.text, r.start + 1, r.end - r.start) AS t FROM records r JOIN documents d ON d.id = r.doc_id"
                      " WHERE r.doc_id = ? AND r.kind = 'figure' AND r.seq = ?", (doc, int(seq)))
    return evidence(doc, row[0]["start"], row[0]["end"], row[0]["t"]) if row else None


def _findings(store: Store, docs: list[str], kinds: tuple[str, ...]) -> Iterable[Change]:
    """Findings (of `kinds`, else of `FINDINGS`) of the quantities the new documents' figures joined that name one of those figures."""
    kinds = kinds or FINDINGS
    new = set(docs)
    pages: dict[str, tuple[str | None, list[tuple[int, str]]]] = {}  # per document: its watched page and its figures' words
    quantities = {r[0] for r in _rows(store, "SELECT DISTINCT quantity_id FROM figure_facts WHERE quantity_id IS NOT NULL AND doc_id IN ({ids})", docs)}
    for chunk in batches(sorted(quantities)):
        for q in store.query(f"SELECT id, measure, unit, findings FROM quantities WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            for f in json.loads(q["findings"]):
                figures = [str(x) for x in f.get("figures", [])]
                kind = f.get("kind")
                if kind not in kinds or not any(x.split("-")[1] in new for x in figures if x.count("-") == 2):
                    continue
                found = [_figure_evidence(store, x) for x in figures]
                links = [e for e in found if e]
                head = {"quantity": q["id"], "measure": q["measure"]}
                keys = sorted(_figure_key(store, x, e, pages) for x, e in zip(figures, found))
                yield Change(alert_id("finding", kind, *keys), "finding", q["id"], head, {"finding": kind, "text": f.get("text"), "evidence": links})


def _figure_key(store: Store, fid: str, found: dict[str, Any] | None, pages: dict[str, tuple[str | None, list[tuple[int, str]]]]) -> str:
    """What a finding's figure is across a page's versions: its page, its words and which of the page's figures
    of those words it is ("ministry.example/a.html", "280,000", 0), so that a finding a new version repeats
    unchanged is the change reported before, not a new one; a figure of a document no watched page made is its id."""
    parts = fid.split("-")
    if len(parts) != 3 or found is None:
        return fid
    doc, seq = parts[1], int(parts[2])
    if doc not in pages:
        url = store.scalar("SELECT url FROM document_versions WHERE doc_id = ? LIMIT 1", (doc,))
        words = [] if url is None else [(r["seq"], " ".join(r["t"].split())) for r in store.query(
            "SELECT r.seq, substr(d.text, r.start + 1, r.end - r.start) AS t FROM records r JOIN documents d ON d.id = r.doc_id"
            " WHERE r.doc_id = ? AND r.kind = 'figure' ORDER BY r.seq", (doc,))]
        pages[doc] = (url, words)
    url, words = pages[doc]
    if url is None:
        return fid
    text = " ".join(str(found["text"]).split())
    nth = sum(1 for k, w in words if k < seq and w == text)
    return f"{url}\x00{text}\x00{nth}"


def _measures(store: Store, docs: list[str], measures: tuple[str, ...]) -> Iterable[Change]:
    if not measures:
        return
    wanted = {m.lower() for m in measures}
    for r in _rows(store, "SELECT doc_id, seq, start, end, data FROM records WHERE kind = 'figure' AND doc_id IN ({ids})", docs):
        d = json.loads(r["data"])
        if not _measure_matches(d, wanted):
            continue
        text = store.scalar("SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", (r["start"], r["end"], r["start"], r["doc_id"]))
        measure = d.get("measure_text") or d.get("measure_key")
        item = {"value": d.get("value"), "unit": d.get("unit"), "text": text, "evidence": [evidence(r["doc_id"], r["start"], r["end"], text)]}
        yield Change(alert_id("measure", r["doc_id"], r["seq"]), "measure", str(measure), {"measure": measure}, item)


def _measure_matches(d: dict[str, Any], wanted: set[str]) -> bool:
    """A watched measure names the figure's measure key ("recruits NP"), its concept ("recruits"), or words of its text."""
    key = str(d.get("measure_key") or "").lower()
    text = f' {" ".join(str(d.get("measure_text") or "").lower().split())} '
    return any(w in (key, key.split(" ")[0]) or f" {w} " in text for w in wanted)


def _actors(store: Store, docs: list[str], watch: Watchlist) -> Iterable[Change]:
    """Actors of the new documents whose mentions crossed the threshold with them (had fewer before, once per actor
    and threshold), and actors newly named together with a watched actor (once per pair)."""
    touched: dict[str, set[str]] = defaultdict(set)
    added: Counter[str] = Counter()  # mentions the new documents gave each actor
    for r in _rows(store, "SELECT entity_id, doc_id, mentions FROM entity_documents WHERE doc_id IN ({ids})", docs):
        touched[r["entity_id"]].add(r["doc_id"])
        added[r["entity_id"]] += r["mentions"]
    if not touched:
        return
    names = {}
    t = watch.mention_threshold
    for chunk in batches(sorted(touched)):
        marks = ",".join("?" * len(chunk))
        retired = {  # the mentions of pages' earlier versions: a revised page is counted once
            r["entity_id"]: r["n"] for r in store.query(
                f"SELECT ed.entity_id, sum(ed.mentions) AS n FROM entity_documents ed WHERE ed.entity_id IN ({marks})"
                " AND ed.doc_id IN (SELECT doc_id FROM superseded) GROUP BY ed.entity_id", chunk)
        }
        for e in store.query(f"SELECT id, name, type, aliases, mentions FROM entities WHERE id IN ({marks})", chunk):
            names[e["id"]] = e
            now = e["mentions"] - retired.get(e["id"], 0)
            if now - added[e["id"]] < t <= now:
                head = {"entity": e["id"], "name": e["name"], "mentions": now, "threshold": t}
                yield Change(alert_id("threshold", e["id"], t), "threshold", e["id"], head, {"evidence": [evidence(min(touched[e["id"]]))]})
    watched = _watched_entities(store, watch.entities)
    for w in sorted(watched & touched.keys()):
        for other, in_docs in sorted(touched.items()):
            if other == w:
                continue
            shared = sorted(in_docs & touched[w])
            if not shared:
                continue
            together = store.scalar(
                "SELECT count(*) FROM entity_documents a JOIN entity_documents b ON b.doc_id = a.doc_id AND b.entity_id = ? WHERE a.entity_id = ?",
                (other, w),
            )
            if together > len(shared):  # named together in a document older than this poll's
                continue
            head = {"watched": w, "watched_name": names[w]["name"]}
            item = {"entity": other, "name": names[other]["name"], "evidence": [evidence(d) for d in shared[:5]]}
            yield Change(alert_id("linked", *sorted((w, other))), "linked", w, head, item)


def _watched_entities(store: Store, wanted: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for name in wanted:
        for r in store.query("SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE", (name, name)):
            out.add(r["id"])
    return out


def _independent(store: Store, docs: list[str]) -> Iterable[Change]:
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
        head = {"story": r["story_id"], "title": json.loads(r["data"]).get("title") or r["story_id"], "origins": r["origins"]}
        yield Change(alert_id("independent-source", r["doc_id"], first), "independent-source", r["story_id"], head,
                     {"doc": r["doc_id"], "evidence": [evidence(r["doc_id"]), evidence(first)]})


def _indicators(store: Store, docs: list[str], watched: tuple[str, ...]) -> Iterable[Change]:
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
        yield Change(alert_id("indicator", ind), "indicator", ind, {"indicator": ind, "label": d.get("label", ind)},
                     {"evidence": [evidence(r["doc_id"], r["start"], r["end"], text)]})


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


def _revisions(store: Store, versions: list[sqlite3.Row]) -> Iterable[Change]:
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
        item = {"version": v["version"], "previous": v["previous"], "doc": v["doc_id"], "changes": changes, "evidence": links}
        yield Change(alert_id("revision", v["url"], v["previous"], v["doc_id"]), "revision", v["url"], {"url": v["url"]}, item)


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
