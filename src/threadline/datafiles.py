"""Packaged data files: the TOML word lists and rules in `threadline/data/`, each read once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed `data/<name>.toml`."""
    return tomllib.loads(resources.files("threadline").joinpath(f"data/{name}.toml").read_text("utf-8"))
