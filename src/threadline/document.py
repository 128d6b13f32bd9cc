"""The stored document: immutable cleaned text plus metadata."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .timeutil import TimePoint


def doc_id(text: str) -> str:
    """Deterministic id: a hash of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    kind: str
    source_path: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: TimePoint | None = None
    language: str | None = None
    source_line: int | None = None
    source_offset: int | None = None
    cleaning: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "Document":
        published = TimePoint(row["published"], row["published_precision"]) if row["published"] else None
        return cls(
            id=row["id"],
            text=row["text"],
            kind=row["kind"],
            source_path=row["source_path"],
            title=row["title"],
            url=row["url"],
            outlet=row["outlet"],
            author=row["author"],
            published=published,
            language=row["language"],
            source_line=row["source_line"],
            source_offset=row["source_offset"],
            cleaning=json.loads(row["cleaning"] or "{}"),
        )

    def source(self) -> str:
        """The input location: path, plus `:line` for JSONL or `@offset` for WARC."""
        if self.source_line is not None:
            return f"{self.source_path}:{self.source_line}"
        if self.source_offset is not None:
            return f"{self.source_path}@{self.source_offset}"
        return self.source_path

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_path": self.source(),
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "author": self.author,
            "published": self.published.to_json() if self.published else None,
            "language": self.language,
            "text": self.text,
        }
