"""Queries over stories: clusters of documents and their independent origins."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..store import Store


def list_stories(store: Store, level: str | None = None) -> list[dict[str, Any]]:
    """Stories with their documents, most independent origins first."""
    sql = "SELECT * FROM stories"
    params: list[Any] = []
    if level:
        sql += " WHERE level = ?"
        params.append(level)
    sql += " ORDER BY origins DESC, size DESC, id"
    out = []
    for s in store.query(sql, params):
        docs = [
            {"id": r["doc_id"], "origin": r["origin"], "title": r["title"], "outlet": r["outlet"], "published": r["published"]}
            for r in store.query(
                "SELECT sd.doc_id, sd.origin, d.title, d.outlet, d.published FROM story_documents sd"
                " JOIN documents d ON d.id = sd.doc_id WHERE sd.story_id = ? ORDER BY d.published, d.rowid",
                (s["id"],),
            )
        ]
        out.append(
            {
                "id": s["id"],
                "level": s["level"],
                "size": s["size"],
                "origins": sorted({d["origin"] for d in docs}),
                "documents": docs,
                **json.loads(s["data"]),
            }
        )
    return out


def export_stories(store: Store) -> Iterator[dict[str, Any]]:
    for s in list_stories(store):
        yield {"id": s["id"], "level": s["level"], "documents": [d["id"] for d in s["documents"]], "origins": s["origins"]}


def stories_of(store: Store, doc_id: str) -> list[dict[str, str]]:
    return [
        {"id": r["id"], "level": r["level"]}
        for r in store.query(
            "SELECT s.id, s.level FROM stories s JOIN story_documents sd ON sd.story_id = s.id WHERE sd.doc_id = ? ORDER BY s.level",
            (doc_id,),
        )
    ]
