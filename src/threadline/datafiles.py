"""Packaged data files: the TOML word lists and rules in `threadline/data/`, each read once."""

from __future__ import annotations

import contextlib
import gc
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any


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
