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
