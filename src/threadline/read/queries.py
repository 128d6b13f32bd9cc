"""Read-only queries behind the workbench pages and the report that no stage module provides."""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from .cooccurrence import ACTOR_TYPES, cooccurrence
from .entities import _row as entity_row
from ..pipeline import record_id
from ..store import Store
from . import terms
from .haystack import Haystack
from . import features
from .records import Lookup, evidence, kind_counts, rows, views

# Markers around full-text hits; private-use characters never found in cleaned text.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
PLACE_TYPES = ("GPE", "LOC", "FAC")
ENTITY_PAGE_DOCUMENTS = 25  # an entity page reads events, figures, quotes and links from this many of its latest documents


def segments(marked: str) -> list[dict[str, Any]]:
    """Split text with hit markers into [{"text", "mark"}] pieces, so templates escape every piece."""
    out = []
    for i, piece in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", marked)):
        if piece:
            out.append({"text": piece, "mark": i % 2 == 1})
    return out


def around(text: str, start: int, end: int, width: int = 70) -> list[dict[str, Any]]:
    """The span marked, with up to `width` characters either side, on one line."""
    left, right = max(0, start - width), min(len(text), end + width)
    flat = " ".join
    pieces: tuple[dict[str, Any], ...] = (
        {"text": ("…" if left else "") + flat(text[left:start].split()) + " ", "mark": False},
        {"text": flat(text[start:end].split()), "mark": True},
        {"text": " " + flat(text[end:right].split()) + ("…" if right < len(text) else ""), "mark": False},
    )
    return [p for p in pieces if p["text"].strip()]


def heading(title: str | None, text: str) -> str:
    """What a document is called on a page: its headline, else its first line (cut at 120 characters)."""
    if title and title.strip():
        return " ".join(title.split())
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    return line if len(line) <= 120 else line[:119].rstrip() + "…"


def document_summary(row: Any) -> dict[str, Any]:
    published = {"value": row["published"], "precision": row["published_precision"]} if row["published"] else None
    return {
        "id": row["id"],
        "title": row["title"],
        "heading": heading(row["title"], row["text"]) or row["id"],
        "outlet": row["outlet"],
        "url": row["url"],
        "published": published,
    }


# -- overview -------------------------------------------------------------------
def counts(store: Store) -> dict[str, int]:
    q = store.scalar
    out = {
        "documents": q("SELECT count(*) FROM documents"),
        "outlets": q("SELECT count(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL"),
        "rejected": q("SELECT count(*) FROM rejections"),
        "entities": q("SELECT count(*) FROM entities"),
    }
    out.update({f"{k}s" if not k.endswith("x") else f"{k}es": v for k, v in kind_counts(store).items()})
    out["stories"] = q("SELECT count(*) FROM stories") if features.has_table(store, "stories") else 0
    return out


def top_actors(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(ACTOR_TYPES))
    return [
        entity_row(r)
        for r in store.query(f"SELECT * FROM entities WHERE type IN ({marks}) ORDER BY mentions DESC, name LIMIT ?", (*ACTOR_TYPES, limit))
    ]


def latest_events(lk: Lookup, limit: int = 8) -> list[dict[str, Any]]:
    from .records import event

    found = lk.store.query(
        "SELECT * FROM records WHERE kind = 'event' AND json_extract(data, '$.time.value') IS NOT NULL"
        " ORDER BY json_extract(data, '$.time.value') DESC, doc_id, seq LIMIT ?",
        (limit,),
    )
    return [event(lk, r) for r in found]


def stories(store: Store, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    if not features.has_table(store, "stories"):
        return []
    from .stories import list_stories

    found = list_stories(store)
    return found[offset : offset + limit if limit else None]


def overview(lk: Lookup) -> dict[str, Any]:
    conflicts = features.figure_groups(lk, conflicts_only=True, limit=6)
    return {
        "counts": counts(lk.store),
        "top_actors": top_actors(lk.store),
        "latest_events": latest_events(lk),
        "conflicts": conflicts[:6],
        "stories": stories(lk.store, limit=6),
        "stages": stages(lk.store),
    }


def stages(store: Store) -> dict[str, bool]:
    """Which later stages have produced anything yet (so pages can say what is still to come)."""
    kinds = kind_counts(store)
    return {
        "attributions": kinds["attribution"] > 0,
        "figures": kinds["figure"] > 0,
        "timexes": kinds["timex"] > 0,
        "events": kinds["event"] > 0,
        "indicators": kinds["indicator"] > 0,
        "stories": features.has_table(store, "stories") and bool(store.scalar("SELECT count(*) FROM stories")),
        "relations": True,  # the actor graph's typed links are always read
    }


# -- search ---------------------------------------------------------------------
def fts_quote(query: str) -> str:
    """Make any user text a safe FTS5 query: every word a quoted term."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words) or '""'


def fts_prefixes(query: str) -> str:
    """A full-text query for the documents that can hold `query` as text: its words as a phrase,
    the last one as a word or a word's start."""
    words = re.findall(r"\w+", query)
    return f'"{" ".join(words)}"*' if words else '""'


_HELD: dict[tuple[str, str], tuple[tuple[object, ...], Any]] = {}


def _held(store: Store, name: str, build: Callable[[Store], Any]) -> Any:
    """`build(store)`, kept in memory per store file and name until the file changes."""
    stamp = tuple((st.st_mtime_ns, st.st_size) if (st := _stat(f"{store.path}{suffix}")) else None for suffix in ("", "-wal"))
    key = (str(store.path), name)
    held = _HELD.get(key)
    if held is None or held[0] != stamp:
        held = (stamp, build(store))
        _HELD[key] = held
    return held[1]


def entity_names(store: Store) -> tuple[list[str], Haystack]:
    """The id of every entity, most mentioned first, and its name and aliases casefolded, joined
    (held in memory: a search scans it, not the table)."""

    def build(store: Store) -> tuple[list[str], Haystack]:
        rows = store.query("SELECT id, name, aliases FROM entities ORDER BY mentions DESC, name")
        names = ("\n".join([r["name"], *json.loads(r["aliases"] or "[]")]).casefold() for r in rows)
        return [r["id"] for r in rows], Haystack.of(names)

    return _held(store, "entity names", build)


def measure_texts(store: Store) -> tuple[list[tuple[int, int, str]], Haystack]:
    """(document rowid, seq, document id) of every figure with a measure, newest document first, and
    its measure text casefolded, joined (held in memory)."""

    def build(store: Store) -> tuple[list[tuple[int, int, str]], Haystack]:
        figures, texts = [], []
        for r in store.iter_rows(
            "SELECT d.rowid AS n, r.seq, r.doc_id, json_extract(r.data, '$.measure_text') AS m FROM records r"
            " JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'figure' AND m IS NOT NULL ORDER BY d.rowid DESC, r.seq"
        ):
            figures.append((r["n"], r["seq"], r["doc_id"]))
            texts.append(r["m"].casefold())
        return figures, Haystack.of(texts)

    return _held(store, "measure texts", build)


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _mark(text: str, span: tuple[int, int] | None) -> list[dict[str, Any]]:
    if span is None:
        return [{"text": text, "mark": False}]
    i, j = span
    return [p for p in ({"text": text[:i], "mark": False}, {"text": text[i:j], "mark": True}, {"text": text[j:], "mark": False}) if p["text"]]


RANKED = 5000  # documents ranked for a search: the latest added this many that hold its words
SCANNED = 500  # documents whose quotes and figures a search reads: the latest added this many that may hold it


def search(lk: Lookup, q: str, limit: int = 20) -> dict[str, Any]:
    """Documents ranked by the full-text index (words stemmed, a country's names and demonyms
    alike: `terms`), then entities, quotes and figures whose text holds the query or another
    form of it, each with the matching words marked whole.

    Bounded whatever the store's size: the documents are the best ranked (bm25) of the latest
    `RANKED` that hold the words; quotes and figures are read in the latest `SCANNED` documents
    that may hold the query, newest first (figures also by their measure's words, in every
    document); entities by their names, most mentioned first."""
    q = " ".join(q.split())
    out: dict[str, Any] = {"q": q, "documents": [], "entities": [], "quotes": [], "figures": []}
    if not q:
        return out
    store = lk.store
    match = terms.fts_query(q)
    # rank the latest matches (the index walks them newest first and stops), then build snippets
    # for the documents shown only
    for r in store.query(
        f"SELECT d.*, snippet(documents_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', ' … ', 16) AS snip, t.score AS rank FROM"
        " (SELECT id, score FROM (SELECT rowid AS id, bm25(documents_fts) AS score FROM documents_fts WHERE documents_fts MATCH ?"
        " ORDER BY rowid DESC LIMIT ?) ORDER BY score, id LIMIT ?) t"
        " JOIN documents_fts ON documents_fts.rowid = t.id JOIN documents d ON d.rowid = t.id"
        " WHERE documents_fts MATCH ? ORDER BY t.score, t.id",
        (match, RANKED, limit, match),
    ):
        out["documents"].append({**document_summary(r), "snippet": segments(r["snip"])})
    needles = terms.needles(q)
    entity_ids, names = entity_names(store)
    ids = [entity_ids[i] for i in names.first(needles, limit)]
    by_id = {r["id"]: r for r in store.query(f"SELECT * FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids)} if ids else {}
    for eid in ids:
        ent = entity_row(by_id[eid])
        shown = next((n for n in (ent["name"], *ent["aliases"]) if terms.find(n, q)), ent["name"])
        ent["snippet"] = _mark(shown, terms.find(shown, q))
        out["entities"].append(ent)
    held = " OR ".join(["instr(lower(substr(d.text, r.start + 1, r.end - r.start)), ?) > 0"] * len(needles))
    for kind, key in (("attribution", "quotes"), ("figure", "figures")):
        # the first `limit` records, newest document first, whose text holds the query: of the
        # latest documents the full-text index says hold its words, their records of the kind in
        # order; figures also by their measure's words (held in memory)
        found = store.query(
            "SELECT d.rowid AS n, r.* FROM documents d CROSS JOIN records r ON r.doc_id = d.id AND r.kind = ?"
            " WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
            f" AND ({held}) ORDER BY d.rowid DESC, r.seq LIMIT ?",
            (kind, f"({match}) OR ({fts_prefixes(q)})", SCANNED, *needles, limit),
        )
        if kind == "figure":
            measured, measures = measure_texts(store)
            by_measure = [measured[i] for i in measures.first(needles, limit)]
            seen = {(r["doc_id"], r["seq"]) for r in found}
            extra = [
                row
                for n, seq, doc in by_measure
                if (doc, seq) not in seen
                for row in store.query("SELECT ? AS n, r.* FROM records r WHERE r.doc_id = ? AND r.kind = 'figure' AND r.seq = ?", (n, doc, seq))
            ]
            found = sorted([*found, *extra], key=lambda r: (-r["n"], r["seq"]))[:limit]
        who = features.claimant(lk) if kind == "figure" else None
        for r in found:
            from .records import VIEWS

            view = VIEWS[kind](lk, r, claimant=who) if kind == "figure" else VIEWS[kind](lk, r)
            text = lk.text(r["doc_id"])
            span = terms.find(text, q, r["start"], r["end"])
            view["snippet"] = around(text, *span) if span else around(text, r["start"], r["end"])
            out[key].append(view)
    return out


# -- documents, sources, rejections ------------------------------------------------
def documents(store: Store, limit: int, offset: int) -> dict[str, Any]:
    found = store.query(
        "SELECT d.*, (SELECT count(*) FROM records r WHERE r.doc_id = d.id) AS records FROM documents d"
        " ORDER BY d.published IS NULL, d.published DESC, d.rowid LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return {
        "total": store.scalar("SELECT count(*) FROM documents"),
        "limit": limit,
        "offset": offset,
        "documents": [{**document_summary(r), "records": r["records"]} for r in found],
    }


def document_page(lk: Lookup, doc_id: str) -> dict[str, Any] | None:
    meta = lk.doc(doc_id)
    if meta is None:
        return None
    row = lk.store.query("SELECT * FROM documents WHERE id = ?", (doc_id,))[0]
    who = features.claimant(lk)
    spans: dict[str, list[dict[str, Any]]] = {}
    for kind in ("mention", "attribution", "timex", "figure", "event", "indicator"):
        spans[kind] = views(lk, kind, doc_id, claimant=who) if kind == "figure" else views(lk, kind, doc_id)
    in_stories = []
    if features.has_table(lk.store, "stories"):
        from .stories import stories_of

        in_stories = stories_of(lk.store, doc_id)
    return {
        "document": {
            **document_summary(row),
            "author": row["author"],
            "language": row["language"],
            "kind": row["kind"],
            "source": row["source_path"],
            "text": row["text"],
        },
        "stories": in_stories,
        "versions": page_versions(lk.store, doc_id),
        "spans": spans,
        "analyses": [
            dict(r)
            for r in lk.store.query("SELECT component, version, status, message FROM analyses WHERE doc_id = ? ORDER BY component", (doc_id,))
        ],
    }


def page_versions(store: Store, doc_id: str) -> dict[str, Any] | None:
    """Where a watched page's document stands among the page's versions: the page, its version number,
    the version it replaced and the one that replaced it (None for a document no watched page made)."""
    if not features.has_table(store, "document_versions"):
        return None
    row = store.query("SELECT url, version, previous FROM document_versions WHERE doc_id = ? ORDER BY version DESC LIMIT 1", (doc_id,))
    if not row:
        return None
    later = store.query(
        "SELECT doc_id, version FROM document_versions WHERE url = ? AND previous = ? AND version > ? ORDER BY version LIMIT 1",
        (row[0]["url"], doc_id, row[0]["version"]),
    )
    return {
        "url": row[0]["url"],
        "version": row[0]["version"],
        "previous": row[0]["previous"],
        "replaced_by": later[0]["doc_id"] if later else None,
    }


def sources(store: Store) -> dict[str, Any]:
    copies: dict[str, int] = {}
    if features.has_table(store, "stories"):
        copies = {
            r[0]: r[1]
            for r in store.query(
                "SELECT d.outlet, count(DISTINCT sd.doc_id) FROM story_documents sd JOIN stories s ON s.id = sd.story_id"
                " JOIN documents d ON d.id = sd.doc_id WHERE s.level = 'near-duplicate' AND sd.origin != sd.doc_id GROUP BY 1"
            )
        }
    outlets = [
        {
            "outlet": r["outlet"],
            "documents": r["n"],
            "copies": copies.get(r["outlet"], 0),
            "first": r["first"],
            "last": r["last"],
        }
        for r in store.query(
            "SELECT outlet, count(*) AS n, min(published) AS first, max(published) AS last FROM documents"
            " GROUP BY outlet ORDER BY n DESC, outlet IS NULL, outlet"
        )
    ]
    return {"outlets": outlets, "watched": watched_sources(store)}


def watched_sources(store: Store) -> list[dict[str, Any]]:
    """Each source `threadline watch` follows, with its health: last poll, last success, failures, failing URLs."""
    if not features.has_table(store, "watch_sources"):
        return []
    rows = store.query(
        "SELECT s.*, (SELECT count(*) FROM watch_urls u WHERE u.source = s.name) AS urls,"
        " (SELECT count(*) FROM watch_urls u WHERE u.source = s.name AND u.status NOT IN ('ok', 'unchanged')) AS failing"
        " FROM watch_sources s ORDER BY s.name"
    )
    keys = ("name", "kind", "location", "status", "error", "listed", "urls", "failing", "failures", "last_poll", "last_ok")
    return [{**{k: r[k] for k in keys}, "tags": json.loads(r["tags"])} for r in rows]


# -- entities ------------------------------------------------------------------
def entities(store: Store, etype: str | None, limit: int, offset: int) -> dict[str, Any]:
    where, params = ("WHERE type = ?", [etype.upper()]) if etype else ("", [])
    total = store.scalar(f"SELECT count(*) FROM entities {where}", params)
    found = store.query(f"SELECT * FROM entities {where} ORDER BY mentions DESC, name LIMIT ? OFFSET ?", [*params, limit, offset])
    types = [r[0] for r in store.query("SELECT DISTINCT type FROM entities ORDER BY 1")]
    return {"total": total, "limit": limit, "offset": offset, "type": etype, "types": types, "entities": [entity_row(r) for r in found]}


def mentions_by_month(store: Store, entity_id: str) -> list[dict[str, Any]]:
    found = store.query(
        "SELECT substr(published, 1, 7) AS period, sum(mentions) AS n FROM entity_documents"
        " WHERE entity_id = ? GROUP BY 1 ORDER BY period IS NULL, period",
        (entity_id,),
    )
    return [{"period": r["period"] or "undated", "mentions": r["n"]} for r in found]


def entity_page(lk: Lookup, entity_id: str, mention_limit: int = 50) -> dict[str, Any] | None:
    from .entities import mentions_of

    found = lk.store.query("SELECT * FROM entities WHERE id = ?", (entity_id,))
    if not found:
        return None
    entity = entity_row(found[0])
    named = {entity["id"], entity["name"], *entity["aliases"]}
    reviews = [r.to_json() for r in {r.id: r for n in named for r in lk.overlay.entities.get(n, [])}.values()]
    documents = lk.store.scalar("SELECT count(*) FROM entity_documents WHERE entity_id = ?", (entity_id,))
    # an actor named in thousands of documents: its events, figures, quotes and links come from the latest
    docs = [
        r[0]
        for r in lk.store.query(
            "SELECT doc_id FROM entity_documents WHERE entity_id = ? AND published IS NOT NULL ORDER BY published DESC, doc_id LIMIT ?",
            (entity_id, ENTITY_PAGE_DOCUMENTS),
        )
    ]
    if len(docs) < min(documents, ENTITY_PAGE_DOCUMENTS):  # then undated ones
        docs += [
            r[0]
            for r in lk.store.query(
                "SELECT doc_id FROM entity_documents WHERE entity_id = ? AND published IS NULL ORDER BY doc_id LIMIT ?",
                (entity_id, ENTITY_PAGE_DOCUMENTS - len(docs)),
            )
        ]
    sampled = documents > len(docs)
    mentions = []  # in document order; an actor of many documents: in its latest documents
    for m in mentions_of(lk.store, entity_id, mention_limit, docs if sampled else None):
        text = lk.text(m["doc"])
        m["snippet"] = around(text, m["start"], m["end"])
        m["evidence"] = evidence(m["doc"], *lk.sentence(m["doc"], m["start"], m["end"]))
        mentions.append(m)
    events: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    who = features.claimant(lk)
    for doc in docs:
        events.extend(v for v in views(lk, "event", doc) if any((a["entity"] or {}).get("id") == entity_id for a in v["args"].values()))
        figures.extend(v for v in views(lk, "figure", doc, claimant=who) if (v["claimant"]["entity"] or {}).get("id") == entity_id)
    graph = cooccurrence(lk.store, around=entity_id, max_evidence=3, documents=docs if sampled else None)
    names = {n["id"]: n for n in graph["nodes"]}
    related = [
        {**names[e["target"] if e["source"] == entity_id else e["source"]], "type_of_link": e["type"], "weight": e["weight"],
         "evidence": [evidence(x["doc"], x["start"], x["end"]) for x in e["evidence"]]}
        for e in graph["edges"][:25]
    ]
    return {
        "entity": entity,
        "documents": documents,
        "documents_read": len(docs),
        "mentions_over_time": mentions_by_month(lk.store, entity_id),
        "mentions": mentions,
        # what it said, and what was said about it, is in the documents that name it: read only those
        "said": features.said_by(lk, entity_id, docs),
        "said_about": features.said_about(lk, entity_id, docs),
        "figures": figures,
        "events": events,
        "related": related,
        "stages": {"attributions": True},
        "reviews": reviews,
    }


# -- timeline ------------------------------------------------------------------
def _event_weight(d: dict[str, Any], sources: dict[str, Any] | None) -> tuple[Any, ...]:
    """Best-sourced first: more independent sources, more sources, dated before undated."""
    c = sources or {}
    dated = isinstance(d.get("time"), dict) and d["time"].get("value") is not None
    return (-(c.get("independent_sources") or 0), -(c.get("sources") or 0), not dated)


def timeline(
    lk: Lookup,
    types: list[str],
    actor: str | None,
    limit: int | None = None,
    modalities: list[str] | None = None,
    days: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """Events in time order with their corroboration. With `limit`, only the `limit`
    best-sourced of the matching events are returned (`total` counts them all; without an
    actor filter the others are never built), and when more documents than `limit` carry a
    publication date, the publications are those of the returned events' documents.
    `modalities` keeps events of those modalities; `days` ([first, last + 1) as ordinals) the
    events whose date overlaps them, and the publications within them."""
    from ..timeml import day_range
    from .records import _data, event

    def in_days(value: str | None) -> bool:
        covered = day_range(value)
        return days is None or (covered is not None and covered[0] < days[1] and covered[1] > days[0])

    all_types: Counter[str] = Counter()
    all_modalities: Counter[str] = Counter()
    from .events import corroboration

    sources: dict[str, dict[str, Any]] = {
        rid: {"sources": c.get("sources"), "independent_sources": c.get("independent_sources"), "happening": c.get("happening")}
        for rid, c in corroboration(lk.store).items()
    }
    needle = (actor or "").casefold()
    matching: list[tuple[tuple[Any, ...], int, Any]] = []  # (weight, id to break ties), row order, row
    for k, r in enumerate(rows(lk.store, "event")):
        d = _data(r)
        etype = d.get("type") or "event"
        modality = d.get("modality") or "asserted"
        all_types[etype] += 1
        all_modalities[modality] += 1
        if (types and etype not in types) or (modalities and modality not in modalities):
            continue
        if days is not None and not in_days((d.get("time") or {}).get("value") if isinstance(d.get("time"), dict) else None):
            continue
        rid = record_id("event", r["doc_id"], r["seq"])
        if sources.get(rid, {}).get("happening", rid) != rid:
            continue  # another report of the same happening stands for it
        matching.append(((*_event_weight(d, sources.get(rid)), rid), k, r))
    if limit is not None and not needle and len(matching) > limit:
        total = len(matching)
        matching = sorted(matching, key=lambda m: m[:2])[:limit]
    else:
        total = None
    kept: list[tuple[tuple[Any, ...], int, dict[str, Any]]] = []
    for weight, k, r in matching:
        v = event(lk, r)
        if needle and not any(
            needle == (a["entity"] or {}).get("id", "").casefold()
            or needle in ((a["entity"] or {}).get("name") or "").casefold()
            or needle in (a["text"] or "").casefold()
            for a in v["args"].values()
        ):
            continue
        v["corroboration"] = {k: c for k, c in sources[v["id"]].items() if k != "happening"} if v["id"] in sources else None
        kept.append((weight, k, v))
    if total is None:
        total = len(kept)
        if limit is not None and len(kept) > limit:
            kept = sorted(kept, key=lambda m: m[:2])[:limit]
    out = [v for _w, _k, v in kept]
    out.sort(key=lambda v: (v["time"]["value"] is None, v["time"]["value"] or "", v["id"]))
    sql = "SELECT * FROM documents WHERE published IS NOT NULL"
    if limit is not None and lk.store.scalar("SELECT count(*) FROM documents WHERE published IS NOT NULL") > limit:
        shown = sorted({v["doc"] for v in out})
        sql += f" AND id IN ({','.join('?' * len(shown))})" if shown else " AND 0"
        pubs = [document_summary(r) for r in lk.store.query(sql + " ORDER BY published, rowid", shown)]
    else:
        pubs = [document_summary(r) for r in lk.store.query(sql + " ORDER BY published, rowid")]
    pubs = [p for p in pubs if in_days(p["published"]["value"])]
    stories = story_of_documents(lk.store, {v["doc"] for v in out})
    for v in out:
        v["story"] = (stories.get(v["doc"]) or {}).get("id")
    return {
        "filters": {"type": types, "actor": actor, "modality": modalities or []},
        "types": [{"type": t, "events": n} for t, n in sorted(all_types.items())],
        "modalities": [{"modality": m, "events": n} for m, n in sorted(all_modalities.items())],
        "total": total,
        "events": out,
        "stories": sorted({s["id"]: s for s in stories.values()}.values(), key=lambda s: s["id"]),
        "publications": pubs,
    }


def story_of_documents(store: Store, docs: set[str]) -> dict[str, dict[str, Any]]:
    """The story each document belongs to (a same-event story before a near-duplicate one), with its headline."""
    if not docs or not features.has_table(store, "stories"):
        return {}
    marks = ",".join("?" * len(docs))
    out: dict[str, dict[str, Any]] = {}
    for r in store.query(
        "SELECT sd.doc_id, s.id, s.level, s.size, (SELECT coalesce(d.title, substr(d.text, 1, 200)) FROM story_documents o"
        " JOIN documents d ON d.id = o.doc_id WHERE o.story_id = s.id ORDER BY d.published, d.rowid LIMIT 1) AS first"
        f" FROM story_documents sd JOIN stories s ON s.id = sd.story_id WHERE sd.doc_id IN ({marks})"
        " ORDER BY s.level = 'same-event' DESC, s.size DESC, s.id",
        sorted(docs),
    ):
        out.setdefault(r["doc_id"], {"id": r["id"], "level": r["level"], "size": r["size"], "title": heading(None, r["first"] or "") or r["id"]})
    return out


# -- map ---------------------------------------------------------------------
@cache
def numeric_code(alpha2: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2)
    return found.numeric if found else None


@cache
def country_name(alpha2: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2)
    return getattr(found, "common_name", None) or (found.name if found else alpha2)


def map_data(lk: Lookup) -> dict[str, Any]:
    store = lk.store
    marks = ",".join("?" * len(PLACE_TYPES))
    places = [
        entity_row(r)
        for r in store.query(f"SELECT * FROM entities WHERE type IN ({marks}) AND lat IS NOT NULL ORDER BY mentions DESC, name", PLACE_TYPES)
    ]
    by_country: dict[str, int] = defaultdict(int)
    for r in store.query("SELECT country, sum(mentions) FROM entities WHERE country IS NOT NULL GROUP BY country"):
        by_country[r[0]] += r[1]
    countries = [
        {"code": c, "numeric": numeric_code(c), "name": country_name(c), "mentions": n}
        for c, n in sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    from .flows import flows

    return {"places": places, "countries": countries, "flows": flows(lk)}


def rejected_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Inputs that were rejected, with their reasons (the JSON export's `rejected` section)."""
    for row in store.iter_rows("SELECT path, line, offset, code, reason FROM rejections ORDER BY path, line, offset, code"):
        yield {"path": row["path"], "line": row["line"], "offset": row["offset"], "code": row["code"], "reason": row["reason"]}


def rejected(store: Store) -> list[dict[str, Any]]:
    return list(rejected_rows(store))


def quarantined(store: Store) -> list[dict[str, Any]]:
    return list(quarantined_rows(store))


def quarantined_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Documents kept but not analysed, with the reason (docs/entities.md)."""
    for row in store.iter_rows(
        "SELECT q.doc_id, d.title, d.source_path, q.code, q.reason FROM quarantine q JOIN documents d ON d.id = q.doc_id ORDER BY q.doc_id"
    ):
        yield {"doc": row["doc_id"], "title": row["title"], "path": row["source_path"], "code": row["code"], "reason": row["reason"]}


def indicators(lk: Lookup) -> list[dict[str, Any]]:
    """Indicators grouped by id, each with its evidence."""
    groups: dict[str, dict[str, Any]] = {}
    for v in views(lk, "indicator"):
        key = v["indicator"] or "indicator"
        g = groups.setdefault(key, {"indicator": key, "label": v["label"], "documents": set(), "passages": []})
        g["documents"].add(v["doc"])
        g["passages"].append(v)
    out = [{**g, "documents": len(g["documents"])} for g in groups.values()]
    return sorted(out, key=lambda g: (-g["documents"], -len(g["passages"]), g["indicator"]))

