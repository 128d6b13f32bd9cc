"""Parquet shards of a scale-out run: row schemas, encoding, the work directory, and reading rows back in input order.

Every row carries its position in the input: `file` (the input file's index in
the listing, which follows the local engine's walk order) and `item` (the
item's index within that file: a JSON line, a WARC record). Shards may be
written in any order and layout; `ordered_rows` yields their rows sorted by
`(file, item)`, loading at once only shards whose key ranges overlap (one
shard at a time when each covers a contiguous range, as the engine writes them).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ..document import Document
from ..pipeline import Extraction, Record
from ..readers import Rejection
from ..timeutil import TimePoint

INGEST_SCHEMA = pa.schema(
    [
        ("file", pa.int64()),
        ("item", pa.int64()),
        ("type", pa.string()),  # "document" | "rejection"
        ("doc_id", pa.string()),
        ("kind", pa.string()),
        ("language", pa.string()),
        ("path", pa.string()),
        ("line", pa.int64()),
        ("offset", pa.int64()),
        ("code", pa.string()),
        ("detail", pa.string()),
        ("text", pa.large_string()),
        ("meta", pa.large_string()),  # JSON: the document's other fields
    ]
)
# Everything but the document text and metadata: what planning and the run summary read.
NARROW = ["file", "item", "type", "doc_id", "kind", "language", "path", "line", "offset", "code", "detail"]

EXTRACTION_SCHEMA = pa.schema(
    [("file", pa.int64()), ("item", pa.int64()), ("doc_id", pa.string()), ("payload", pa.large_string())]
)

PLAN_SCHEMA = pa.schema([("file", pa.int64()), ("item", pa.int64()), ("doc_id", pa.string())])


def _json(value: Any) -> str:
    # No key sorting: the order of record kinds and components is the order they are written in.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- ingest rows --------------------------------------------------------------
def ingest_row(file: int, item: int, result: Document | Rejection) -> dict[str, Any]:
    if isinstance(result, Rejection):
        return {
            "file": file, "item": item, "type": "rejection", "doc_id": None, "kind": None, "language": None,
            "path": result.path, "line": result.line, "offset": result.offset,
            "code": result.code, "detail": result.detail, "text": None, "meta": None,
        }
    doc = result
    meta = {
        "title": doc.title, "url": doc.url, "outlet": doc.outlet, "author": doc.author,
        "published": [doc.published.value, doc.published.precision] if doc.published else None,
        "cleaning": doc.cleaning,
    }
    return {
        "file": file, "item": item, "type": "document", "doc_id": doc.id, "kind": doc.kind, "language": doc.language,
        "path": doc.source_path, "line": doc.source_line, "offset": doc.source_offset,
        "code": None, "detail": None, "text": doc.text, "meta": _json(meta),
    }


def ingest_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=INGEST_SCHEMA)


def rejection_of(row: dict[str, Any]) -> Rejection:
    return Rejection(row["path"], row["code"], row["detail"] or "", line=row["line"], offset=row["offset"])


def document_of(row: dict[str, Any]) -> Document:
    meta = json.loads(row["meta"])
    published = TimePoint(*meta["published"]) if meta["published"] else None
    return Document(
        id=row["doc_id"], text=row["text"], kind=row["kind"], source_path=row["path"],
        title=meta["title"], url=meta["url"], outlet=meta["outlet"], author=meta["author"],
        published=published, language=row["language"], source_line=row["line"], source_offset=row["offset"],
        cleaning=meta["cleaning"],
    )


def item_of(row: dict[str, Any]) -> Document | Rejection:
    return document_of(row) if row["type"] == "document" else rejection_of(row)


# -- extraction rows ----------------------------------------------------------
def extraction_row(file: int, item: int, ext: Extraction) -> dict[str, Any]:
    payload = {
        "records": [[kind, [[r.start, r.end, r.data] for r in recs]] for kind, recs in ext.records.items()],
        "versions": list(ext.versions.items()),
        "errors": list(ext.errors.items()),
        "skipped": list(ext.skipped.items()),
        "quarantine": ext.quarantine,
    }
    return {"file": file, "item": item, "doc_id": ext.doc_id, "payload": _json(payload)}


def extraction_of(row: dict[str, Any]) -> Extraction:
    p = json.loads(row["payload"])
    records = {kind: [Record(kind, s, e, data) for s, e, data in recs] for kind, recs in p["records"]}
    held = p.get("quarantine")
    return Extraction(row["doc_id"], records, dict(p["versions"]), dict(p["errors"]), dict(p["skipped"]), tuple(held) if held else None)


def extraction_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=EXTRACTION_SCHEMA)


# -- the work directory (a local path or a URI such as s3://bucket/prefix) ------
@dataclass(frozen=True)
class Location:
    fs: pafs.FileSystem
    path: str  # inside `fs`
    uri: str  # as Ray Data and users see it

    @classmethod
    def of(cls, where: str) -> "Location":
        if "://" in where:
            fs, path = pafs.FileSystem.from_uri(where)
            return cls(fs, path.rstrip("/"), where.rstrip("/"))
        path = os.path.abspath(where)
        return cls(pafs.LocalFileSystem(), path, path)

    def uri_of(self, path: str) -> str:
        """The URI of a path inside this location's filesystem."""
        if "://" not in self.uri:
            return path
        return self.uri.split("://", 1)[0] + "://" + path

    def child(self, name: str) -> "Location":
        return Location(self.fs, f"{self.path}/{name}", f"{self.uri}/{name}")

    def exists(self) -> bool:
        return self.fs.get_file_info(self.path).type != pafs.FileType.NotFound

    def remove(self) -> None:
        info = self.fs.get_file_info(self.path)
        if info.type == pafs.FileType.Directory:
            self.fs.delete_dir(self.path)
        elif info.type == pafs.FileType.File:
            self.fs.delete_file(self.path)

    def is_empty_dir(self) -> bool:
        if self.fs.get_file_info(self.path).type != pafs.FileType.Directory:
            return False
        return not self.fs.get_file_info(pafs.FileSelector(self.path))

    def write_text(self, text: str) -> None:
        parent = self.path.rsplit("/", 1)[0]
        self.fs.create_dir(parent, recursive=True)
        with self.fs.open_output_stream(self.path) as out:
            out.write(text.encode("utf-8"))

    def read_text(self) -> str:
        with self.fs.open_input_stream(self.path) as fh:
            return fh.read().decode("utf-8")

    def parquet_files(self) -> list[str]:
        if self.fs.get_file_info(self.path).type != pafs.FileType.Directory:
            return []
        infos = self.fs.get_file_info(pafs.FileSelector(self.path, recursive=True))
        return sorted(i.path for i in infos if i.type == pafs.FileType.File and i.path.endswith(".parquet"))

    def write_table(self, table: pa.Table, metadata: dict[str, str] | None = None) -> None:
        if metadata:
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
        parent = self.path.rsplit("/", 1)[0]
        self.fs.create_dir(parent, recursive=True)
        pq.write_table(table, self.path, filesystem=self.fs)

    def read_table(self) -> pa.Table:
        return pq.read_table(self.path, filesystem=self.fs)


# -- reading shards back in order ---------------------------------------------
def _key_range(fs: pafs.FileSystem, path: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    keys = pq.read_table(path, columns=["file", "item"], filesystem=fs)
    if keys.num_rows == 0:
        return None
    ordered = keys.sort_by([("file", "ascending"), ("item", "ascending")])
    first, last = ordered.slice(0, 1).to_pylist()[0], ordered.slice(ordered.num_rows - 1, 1).to_pylist()[0]
    return (first["file"], first["item"]), (last["file"], last["item"])


def shard_spans(where: Location) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """(first key, last key, path) of every non-empty shard under `where`, by first key."""
    spans = []
    for path in where.parquet_files():
        found = _key_range(where.fs, path)
        if found is not None:
            spans.append((found[0], found[1], path))
    return sorted(spans)


def ordered_rows(where: Location, columns: list[str] | None = None, chunk: int = 256) -> Iterator[dict[str, Any]]:
    """All rows of the shards under `where`, sorted by (file, item), each key once."""
    spans = shard_spans(where)
    groups: list[list[str]] = []
    reach: tuple[int, int] | None = None
    for low, high, path in spans:
        if reach is not None and low <= reach:
            groups[-1].append(path)
            reach = max(reach, high)
        else:
            groups.append([path])
            reach = high
    previous: tuple[int, int] | None = None
    for group in groups:
        table = pa.concat_tables(
            [pq.read_table(p, columns=columns, filesystem=where.fs) for p in group], promote_options="permissive"
        ).sort_by([("file", "ascending"), ("item", "ascending")])
        for batch in table.to_batches(max_chunksize=chunk):
            for row in batch.to_pylist():
                key = (row["file"], row["item"])
                if key == previous:  # a retried task's second copy
                    continue
                previous = key
                yield row
        del table
