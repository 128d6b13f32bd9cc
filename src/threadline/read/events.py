"""Queries over events and indicators: the timeline, exports, and corroboration counts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..resolve import independence
from ..resolve.happenings import _entity_map, corroborate, happening_key, happenings_of, iter_events
from .entities import snippet
from ..pipeline import record_id
from ..store import Store


SOURCE_WORDS = {  # where an event's date was read, as the views say it
    "timex": "from its clause",
    "sentence": "from its sentence",
    "context": "from the paragraph before",
    "lead": "from the lead",
    "dateline": "from the dateline",
    "published": "publication date",
    "none": "undated",
}


def corroboration(store: Store, events: list[dict[str, Any]] | None = None, *, computed: bool = False) -> dict[str, dict[str, Any]]:
    """Per event id, what `with_sources` adds: read from the stored happenings when they are kept up
    (`resolve/aggregates.py`) and not `computed`, else grouped from `events` (every event, `iter_events`,
    in store order)."""
    from ..resolve import aggregates

    origins = independence.load(store)
    if not computed and aggregates.happenings_kept_up(store):
        return corroborate(origins, aggregates.stored_reports(store))
    keys = [happening_key(ev) for ev in (events if events is not None else iter_events(store))]
    lead = happenings_of(keys)
    return corroborate(origins, ((k["id"], k["doc"], k["claimant"], lead[k["id"]]) for k in keys))


def with_sources(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `happening` (the id of the report that stands for the real-world event; see `_same_happening`),
    `reports` (the ids of every report of it), `sources`, `independent_sources` and `source_documents`:
    documents reporting the happening, and their distinct origins (copies share one; claims attributed to
    the same original source share one). `events` are every event of the store, in store order."""
    counted = corroboration(store, events)
    for e in events:
        e.update(counted[e["id"]])
    return events


def timeline(store: Store, *, entity: str | None = None, etype: str | None = None, happenings: bool = False) -> list[dict[str, Any]]:
    """Events ordered by time (undated last), filtered by an entity id or an event type. With
    `happenings`, one entry per real-world event: the report that dates it best, with `reports`."""
    events = with_sources(store, list(iter_events(store)))
    if happenings:
        events = [e for e in events if e["happening"] == e["id"]]
    if etype:
        events = [e for e in events if e["type"] == etype]
    if entity:
        events = [e for e in events if any(a["entity"] == entity for a in e["args"].values())]
    return sorted(events, key=lambda e: (e["time"]["value"] is None, e["time"]["value"] or "", e["doc"], e["trigger"]["start"]))


def export_events(store: Store) -> Iterator[dict[str, Any]]:
    for e in with_sources(store, list(iter_events(store))):
        yield {k: e[k] for k in ("id", "doc", "type", "trigger", "args", "time", "modality", "caption", "claimant", "figure", "happening", "sources", "independent_sources", "source_documents")}


def export_indicators(store: Store) -> Iterator[dict[str, Any]]:
    ents = _entity_map(store)
    for r in store.iter_rows(
        "SELECT r.doc_id, r.seq, r.start, r.end, r.data, substr(d.text, r.start + 1, r.end - r.start) AS t FROM records r"
        " JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'indicator' ORDER BY d.rowid, r.seq"
    ):
        data = json.loads(r["data"])
        yield {
            "id": record_id("indicator", r["doc_id"], r["seq"]),
            "doc": r["doc_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["t"],
            "indicator": data["indicator"],
            "label": data["label"],
            "event": record_id("event", r["doc_id"], data["event"]) if data.get("event") is not None else None,
            "entity": ents.get((r["doc_id"], data["mention"])) if data.get("mention") is not None else None,
        }


def indicators(store: Store) -> list[dict[str, Any]]:
    """Indicator mentions with a snippet of their evidence, grouped order by indicator."""
    texts = {r["id"]: r["text"] for r in store.query("SELECT id, text FROM documents WHERE id IN (SELECT doc_id FROM records WHERE kind = 'indicator')")}
    out = []
    for ind in export_indicators(store):
        ind["snippet"] = snippet(texts[ind["doc"]], ind["start"], ind["end"])
        out.append(ind)
    return sorted(out, key=lambda i: (i["indicator"], i["doc"], i["start"]))
