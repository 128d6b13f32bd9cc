"""CSV and Parquet exports: one file per section of the JSON export, nested values flattened.

A nested object becomes dotted columns (`published.value`, `published.precision`)
down to two levels; anything deeper, and every list, is kept as a JSON string.
Column order follows first appearance; Parquet column types follow the values
(integer, float, boolean, else string).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..files import replacing
from ..store import Store

MAX_DEPTH = 2

# The top-level fields of each section (docs/export.md): the header of an empty table,
# so a CSV or Parquet file of no rows still says what its rows would hold.
EMPTY_COLUMNS = {
    "documents": ["id", "kind", "title", "url", "outlet", "author", "published", "language", "source_path", "text"],
    "rejected": ["path", "line", "offset", "code", "reason"],
    "quarantined": ["doc", "title", "path", "code", "reason"],
    "entities": ["id", "name", "type", "aliases", "country", "lat", "lon", "mentions"],
    "mentions": ["doc", "start", "end", "text", "label", "entity"],
    "attributions": ["id", "doc", "kind", "source", "cue", "content", "parent", "judged"],
    "timexes": ["doc", "start", "end", "text", "type", "value", "precision", "words"],
    "figures": ["id", "doc", "start", "end", "text", "value", "low", "high", "qualifier", "vague", "unit", "measure", "measure_key",
                "claimant", "as_of", "as_of_precision", "as_of_source", "as_of_words", "quantity", "usd", "rate", "conversion",
                "frame", "part_of", "earlier_of", "running"],
    "quantities": ["id", "measure", "measure_key", "unit", "figure_ids", "conflict", "findings", "frame", "sources",
                   "independent_sources", "source_documents"],
    "stories": ["id", "level", "origins", "documents"],
    "events": ["id", "doc", "type", "trigger", "args", "time", "modality", "caption", "claimant", "figure", "happening",
               "sources", "independent_sources", "source_documents"],
    "indicators": ["id", "doc", "start", "end", "text", "indicator", "label", "entity", "event"],
    "relations": ["source", "target", "type", "kind", "weight", "evidence"],
    "versions": ["url", "version", "doc", "previous", "seen"],
    "alerts": ["id", "kind", "created", "title", "delivered", "evidence"],  # plus the fields of each kind
}


def flatten(item: dict[str, Any], prefix: str = "", depth: int = 1) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and depth < MAX_DEPTH and value:
            out.update(flatten(value, f"{name}.", depth + 1))
        elif isinstance(value, (dict, list)):
            out[name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            out[name] = value
    return out


def table(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Flattened rows and the union of their columns in order of first appearance."""
    flat = [flatten(r) for r in rows]
    columns: dict[str, None] = {}
    for r in flat:
        columns.update(dict.fromkeys(r))
    return list(columns), flat


def sections(store: Store) -> dict[str, list[dict[str, Any]]]:
    from .sections import _sections

    return {name: list(section(store)) for name, section in _sections().items()}


def write_tables(store: Store, folder: Path, fmt: str) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, rows in sections(store).items():
        columns, flat = table(rows)
        columns = columns or EMPTY_COLUMNS.get(name, [])
        with replacing(folder / f"{name}.{fmt}") as tmp:
            if fmt == "csv":
                _csv(tmp, columns, flat)
            else:
                _parquet(tmp, columns, flat)
        counts[name] = len(flat)
    return counts


def _csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="raise")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("true" if v is True else "false" if v is False else v) for k, v in r.items()})


def _arrow_type(values: list[Any]) -> Any:
    import pyarrow as pa

    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pa.float64()
    return pa.string()


def _parquet(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays, fields = [], []
    for col in columns:
        values = [r.get(col) for r in rows]
        kind = _arrow_type(values)
        if kind == pa.string():
            values = [None if v is None else v if isinstance(v, str) else json.dumps(v) for v in values]
        arrays.append(pa.array(values, type=kind))
        fields.append(pa.field(col, kind))
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), path)
