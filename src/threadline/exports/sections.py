"""The JSON export's sections, the public contract, and the streamed JSON document they make.

Sections are listed in `_sections()` in order; each stage adds its own
(`entities`, `mentions`, `attributions`, ...). The file is written streaming,
one item at a time, so memory does not grow with the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from ..document import Document
from ..read.queries import quarantined_rows as quarantined
from ..read.queries import rejected_rows as rejected
from ..store import Store

Section = Callable[[Store], Iterator[dict[str, Any]]]


def documents(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.iter_rows("SELECT * FROM documents ORDER BY rowid"):
        yield Document.from_row(row).to_json()


def versions(store: Store) -> Iterator[dict[str, Any]]:
    """Versions of watched pages and files: which document replaced which (docs/watch.md)."""
    for row in store.iter_rows("SELECT url, version, doc_id, previous, seen FROM document_versions ORDER BY url, version"):
        yield {"url": row["url"], "version": row["version"], "doc": row["doc_id"], "previous": row["previous"], "seen": row["seen"]}


def alerts(store: Store) -> Iterator[dict[str, Any]]:
    from ..alerts import as_json

    for row in store.iter_rows("SELECT * FROM alerts ORDER BY created, id"):
        yield as_json(row)


def _sections() -> dict[str, Section]:
    """Top-level lists in order; each stage adds one line here."""
    from ..read.attributions import export_attributions
    from ..read.entities import export_entities, export_mentions
    from ..read.ledger import export_figures, export_quantities, export_timexes
    from ..read.events import export_events, export_indicators
    from ..read.relations import export_relations
    from ..read.stories import export_stories

    return {
        "documents": documents,
        "rejected": rejected,
        "quarantined": quarantined,
        "entities": export_entities,
        "mentions": export_mentions,
        "attributions": export_attributions,
        "timexes": export_timexes,
        "figures": export_figures,
        "quantities": export_quantities,
        "stories": export_stories,
        "events": export_events,
        "indicators": export_indicators,
        "relations": export_relations,
        "versions": versions,
        "alerts": alerts,
    }


def write_json(store: Store, out: TextIO) -> dict[str, int]:
    """Stream every section into `out`; return item counts per section."""
    counts: dict[str, int] = {}
    out.write("{")
    for i, (name, section) in enumerate(_sections().items()):
        out.write(("," if i else "") + f"\n{json.dumps(name)}: [")
        n = 0
        for item in section(store):
            out.write(("," if n else "") + "\n  " + json.dumps(item, ensure_ascii=False, sort_keys=True))
            n += 1
        out.write("\n]" if n else "]")
        counts[name] = n
    out.write("\n}\n")
    return counts
