"""Packaged data files: the TOML word lists and rules in `threadline/data/`, each read once."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `data/<name>.toml`."""
    return tomllib.loads(resources.files("threadline").joinpath(f"data/{name}.toml").read_text("utf-8"))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Build a large table (the gazetteer's small towns, `places._town_index`) without the cyclic
    garbage collector: reading tens of thousands of JSON objects would otherwise set off
    collections that walk everything the process holds (the parser model among it) for no
    garbage, and cost as much as the reading. The collector is left as it was found."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextlib.contextmanager
def full_collections_spaced(factor: int = 10) -> Iterator[None]:
    """Run a corpus-wide step (resolve, the report) with the cyclic garbage collector's full
    collections `factor` times further apart. Such a step reads and keeps many rows, which set off
    full collections that walk everything the process holds (the parser model among it) and find
    little garbage; young collections run as usual, so cyclic garbage is still reclaimed. The
    thresholds are left as they were found."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, old * factor)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def cache_dir() -> Path | None:
    """Where built tables are kept between runs: `THREADLINE_CACHE_DIR` (empty: nowhere), else
    `$XDG_CACHE_HOME/threadline`, else `~/.cache/threadline`."""
    configured = os.environ.get("THREADLINE_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "threadline"


def source_key(*files: str) -> tuple[Any, ...]:
    """What a table built from `files` depends on: each file's path, size and modification time."""
    out: list[Any] = []
    for name in files:
        st = os.stat(name)
        out.extend((os.path.abspath(name), st.st_size, st.st_mtime_ns))
    return tuple(out)


def kept(name: str, key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """`build()`'s table, kept marshalled in `cache_dir()` as `<name>-<digest of key>.marshal`
    with `key` (what it was built from, and how): read back when the key is the same, else
    built and written. A table that reading a large packaged data file builds (the gazetteer's city index)
    loads about ten times faster this way. The table must hold only what `marshal` writes
    (numbers, strings, tuples, lists, dicts, sets). A cache that cannot be read or written
    (missing, damaged, read-only) costs only the build."""
    key = (sys.version_info[:2], marshal.version, *key)
    folder = cache_dir()
    # one file per key: installs of other paths or versions sharing the folder keep their own
    digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:16]
    path = folder / f"{name}-{digest}.marshal" if folder is not None else None
    if path is not None:
        try:
            with collector_paused():
                stored_key, table = marshal.loads(path.read_bytes())
            if stored_key == key:
                return table  # type: ignore[no-any-return]
        except (OSError, EOFError, ValueError, TypeError):
            pass
    table = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(marshal.dumps((key, table)))
                os.replace(tmp, path)  # whole or not at all, whoever reads it meanwhile
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError):
            pass
    return table
