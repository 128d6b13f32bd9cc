"""Queries over attributions: who claims a span, quotes by speaker, what an entity said and what was said about it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from ..pipeline import Record, record_id
from ..resolve.claimants import chain, claimant_at, claimant_in, load_attributions
from ..store import Store

_SELECT = (
    "SELECT a.doc_id, a.seq, a.start, a.end, a.data, d.text, d.outlet, d.published, me.entity_id, e.name AS entity_name"
    " FROM records a JOIN documents d ON d.id = a.doc_id"
    " LEFT JOIN mention_entities me ON me.doc_id = a.doc_id AND me.seq = json_extract(a.data, '$.source_mention')"
    " LEFT JOIN entities e ON e.id = me.entity_id"
    " WHERE a.kind = 'attribution'"
)


load = load_attributions  # one document's attribution records, in seq order


def claimant(store: Store, doc_id: str, offset: int) -> dict[str, Any]:
    """Who claims the character at `offset` of document `doc_id`: the innermost
    attribution covering it, else the outlet that published the document."""
    attributions = load(store, doc_id)
    row = store.query("SELECT text, outlet FROM documents WHERE id = ?", (doc_id,))
    text, outlet = (row[0]["text"], row[0]["outlet"]) if row else ("", None)
    linked = {r["seq"]: r["entity_id"] for r in store.query("SELECT seq, entity_id FROM mention_entities WHERE doc_id = ?", (doc_id,))}
    return claimant_in(doc_id, attributions, offset, text, outlet, lambda seq: linked.get(attributions[seq].data.get("source_mention")))


def _span(text: str, span: list[int]) -> dict[str, Any]:
    return {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}


def _item(r: Any) -> dict[str, Any]:
    """An attribution as exported: ids, kind, and source / cue / content spans."""
    data = json.loads(r["data"])
    text = r["text"]
    source = None
    if data["source"]:
        source = {
            **_span(text, data["source"]),
            "entity": r["entity_id"],
            "resolved": bool(data["resolved"]),
            # how the source reached its entity: the phrase, what it stands for ("the statement" -> its owner), the name
            "chain": [_span(text, span) for span in data.get("source_chain") or []],
            "resolved_by": data.get("resolved_by"),
        }
    parent = data["parent"]
    return {
        "id": record_id("attribution", r["doc_id"], r["seq"]),
        "doc": r["doc_id"],
        "kind": data["kind"],
        "source": source,
        "cue": _span(text, data["cue"]),
        "content": _span(text, [r["start"], r["end"]]),
        "parent": record_id("attribution", r["doc_id"], parent) if parent is not None else None,
        "judged": _span(text, data["judged"]) if data.get("judged") else None,
    }


def _listing(r: Any) -> dict[str, Any]:
    """An exported item plus what a reader wants beside it: speaker name, outlet, date."""
    item = _item(r)
    item["speaker"] = r["entity_name"] or (item["source"]["text"] if item["source"] else None)
    item["outlet"] = r["outlet"]
    item["published"] = r["published"]
    return item


def export_attributions(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.iter_rows(_SELECT + " ORDER BY d.rowid, a.seq"):
        yield _item(r)


def quotes(store: Store, speaker: str | None = None, doc: str | None = None) -> list[dict[str, Any]]:
    """Attributions, optionally only those of one speaker (an entity's name, alias
    or id, or words of the source text) and of one document (id or unique prefix)."""
    sql, params = _SELECT, []
    if doc:
        sql += " AND (a.doc_id = ? OR a.doc_id LIKE ?)"
        params += [doc, f"{doc}%"]
    if speaker:
        from .entities import find_entity

        ent = find_entity(store, speaker)
        sql += " AND (me.entity_id = ? OR lower(substr(d.text, json_extract(a.data, '$.source[0]') + 1,"
        sql += " json_extract(a.data, '$.source[1]') - json_extract(a.data, '$.source[0]'))) LIKE ?)"
        params += [ent["id"] if ent else None, f"%{speaker.lower()}%"]
    return [_listing(r) for r in store.query(sql + " ORDER BY d.rowid, a.seq", params)]


def _in_documents(documents: list[str] | None) -> tuple[str, list[str]]:
    if documents is None:
        return "", []
    return f" AND a.doc_id IN ({','.join('?' * len(documents))})" if documents else " AND 0", list(documents)


def said_by(store: Store, entity_id: str, documents: list[str] | None = None) -> list[dict[str, Any]]:
    """What the entity is reported to have said, wherever its source resolves to it
    (in `documents` only, when given)."""
    where, params = _in_documents(documents)
    return [_listing(r) for r in store.query(_SELECT + " AND me.entity_id = ?" + where + " ORDER BY d.rowid, a.seq", (entity_id, *params))]


def said_about(store: Store, entity_id: str, documents: list[str] | None = None) -> list[dict[str, Any]]:
    """What others said whose content mentions the entity (in `documents` only, when given)."""
    where, params = _in_documents(documents)
    sql = _SELECT + where + (
        " AND (me.entity_id IS NULL OR me.entity_id != ?) AND EXISTS (SELECT 1 FROM mention_entities x"
        " JOIN records m ON m.doc_id = x.doc_id AND m.kind = 'mention' AND m.seq = x.seq"
        " WHERE x.entity_id = ? AND x.doc_id = a.doc_id AND a.start <= m.start AND m.end <= a.end)"
        " ORDER BY d.rowid, a.seq"
    )
    return [_listing(r) for r in store.query(sql, (*params, entity_id, entity_id))]
