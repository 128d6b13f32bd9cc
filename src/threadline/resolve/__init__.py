"""Corpus-level steps run after analysis, in order."""

from __future__ import annotations

from typing import Any

from ..datafiles import full_collections_spaced
from ..store import Store


def resolve(store: Store, config: dict[str, dict[str, Any]]) -> dict[str, int]:
    from .. import review
    from . import aggregates, entities, quantities, stories

    counts: dict[str, int] = {}
    with full_collections_spaced():
        counts.update(review.withhold_rejected(store))  # analyst reviews: rejected records leave every view
        counts.update(entities.resolve_entities(store, config["resolve"].get("overrides") or None))
        counts.update(quantities.resolve_quantities(store))
        counts.update(stories.resolve_stories(store, config["stories"]))
        counts.update(quantities.count_sources(store))  # independence needs the stories
        counts.update(aggregates.update(store))  # the report's and the pages' co-occurrence, for the documents whose links changed
        counts.update(aggregates.update_happenings(store))  # the timeline's happenings, for the connected sets of the documents whose events changed
    return counts
