"""Corpus-level steps run after analysis, in order."""

from __future__ import annotations

from typing import Any

from ..store import Store


def resolve(store: Store, config: dict[str, dict[str, Any]]) -> dict[str, int]:
    from . import entities

    counts: dict[str, int] = {}
    counts.update(entities.resolve_entities(store, config["resolve"].get("overrides") or None))
    return counts
