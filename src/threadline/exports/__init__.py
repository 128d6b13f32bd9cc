"""Exports: the JSON file (its sections in `sections.py`), CSV and Parquet per table, GraphML of the actor graph, FollowTheMoney entities."""

from __future__ import annotations

from pathlib import Path

from ..files import replacing
from ..store import Store

FORMATS = ("json", "csv", "parquet", "graphml", "ftm")


def write(store: Store, path: str | Path, fmt: str) -> dict[str, int]:
    """Write the store in `fmt` to `path` (a directory for csv and parquet); return counts."""
    if fmt in ("csv", "parquet"):
        from .tables import write_tables

        return write_tables(store, Path(path), fmt)
    if fmt == "graphml":
        from .graphml import write_graphml

        return write_graphml(store, Path(path))
    if fmt == "ftm":
        from .ftm import write_ftm

        return write_ftm(store, Path(path))
    raise ValueError(f"unknown export format: {fmt} (one of {', '.join(FORMATS)})")


def export(store: Store, path: str | Path, fmt: str = "json") -> dict[str, int]:
    """Write the store as `fmt` to `path`: one JSON file (docs/export.md), else through `write`."""
    if fmt != "json":
        return write(store, path, fmt)
    from .sections import write_json

    with replacing(path) as tmp, tmp.open("w", encoding="utf-8") as out:
        counts = write_json(store, out)
    return counts
