"""Queries over canonical entities and their mentions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..store import Store


def _row(r: Any) -> dict[str, Any]:
    return {
        "id": r["id"],
        "name": r["name"],
        "type": r["type"],
        "aliases": json.loads(r["aliases"]),
        "country": r["country"],
        "lat": r["lat"],
        "lon": r["lon"],
        "mentions": r["mentions"],
    }


def list_entities(store: Store, *, etype: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM entities"
    params: list[Any] = []
    if etype:
        sql += " WHERE type = ?"
        params.append(etype.upper())
    sql += " ORDER BY mentions DESC, name"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [_row(r) for r in store.query(sql, params)]


def find_entity(store: Store, ref: str) -> dict[str, Any] | None:
    """By id, exact name (any case), then alias; the most mentioned wins."""
    rows = store.query("SELECT * FROM entities WHERE id = ?", (ref,))
    if not rows:
        rows = store.query("SELECT * FROM entities WHERE name = ? COLLATE NOCASE ORDER BY mentions DESC LIMIT 1", (ref,))
    if not rows:
        rows = store.query(
            "SELECT e.* FROM entities e, json_each(e.aliases) a WHERE a.value = ? COLLATE NOCASE ORDER BY e.mentions DESC LIMIT 1",
            (ref,),
        )
    return _row(rows[0]) if rows else None


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """The span in brackets with up to `width` characters either side, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = ("…" if left else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def mentions_of(store: Store, entity_id: str, limit: int | None = None, documents: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The entity's mentions in document order (the first `limit`), or in `documents` in that
    order; texts are read only for those."""
    if documents is not None:
        left = limit
        for doc in documents:
            if left is not None and left <= 0:
                return
            rows = store.query(
                "SELECT r.doc_id, r.seq, r.start, r.end, d.text, d.published FROM mention_entities me"
                " CROSS JOIN records r ON r.doc_id = me.doc_id AND r.kind = 'mention' AND r.seq = me.seq"
                " CROSS JOIN documents d ON d.id = r.doc_id WHERE me.doc_id = ? AND +me.entity_id = ? ORDER BY r.seq LIMIT ?",  # '+': by the document's links, not the entity's
                (doc, entity_id, -1 if left is None else left),
            )
            for r in rows:
                yield _mention(r)
            if left is not None:
                left -= len(rows)
        return
    for r in store.iter_rows(
        "SELECT m.doc_id, m.seq, m.start, m.end, d.text, d.published FROM ("
        " SELECT r.doc_id, r.seq, r.start, r.end, d.rowid AS n FROM mention_entities me"  # from the entity's links
        " CROSS JOIN records r ON r.doc_id = me.doc_id AND r.kind = 'mention' AND r.seq = me.seq"
        " CROSS JOIN documents d ON d.id = r.doc_id WHERE me.entity_id = ? ORDER BY d.rowid, r.seq LIMIT ?"
        ") m JOIN documents d ON d.rowid = m.n ORDER BY m.n, m.seq",
        (entity_id, -1 if limit is None else limit),
    ):
        yield _mention(r)


def _mention(r: Any) -> dict[str, Any]:
    return {
        "doc": r["doc_id"],
        "seq": r["seq"],
        "start": r["start"],
        "end": r["end"],
        "text": r["text"][r["start"]:r["end"]],
        "published": r["published"],
        "snippet": snippet(r["text"], r["start"], r["end"]),
    }


def entity_detail(store: Store, entity_id: str) -> dict[str, Any]:
    rows = store.query("SELECT * FROM entities WHERE id = ?", (entity_id,))
    detail = _row(rows[0])
    detail["mention_list"] = list(mentions_of(store, entity_id))
    return detail


def export_entities(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.iter_rows("SELECT * FROM entities ORDER BY id"):
        yield _row(r)


def export_mentions(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.iter_rows(
        "SELECT r.doc_id, r.seq, r.start, r.end, r.data, me.entity_id, substr(d.text, r.start + 1, r.end - r.start) AS t"
        " FROM records r JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN mention_entities me ON me.doc_id = r.doc_id AND me.seq = r.seq"
        " WHERE r.kind = 'mention' ORDER BY d.rowid, r.seq"
    ):
        data = json.loads(r["data"])
        yield {
            "doc": r["doc_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["t"],
            "label": data["label"],
            "entity": r["entity_id"],
        }
