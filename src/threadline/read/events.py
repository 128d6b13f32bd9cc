"""Queries over events and indicators: the timeline, exports, and corroboration counts."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from . import attributions
from ..resolve import independence
from ..resolve.claimants import claimant_in
from .entities import snippet
from ..pipeline import record_id
from ..store import Store


def _entity_map(store: Store, doc_ids: set[str] | None = None) -> dict[tuple[str, int], str]:
    rows = store.iter_rows("SELECT doc_id, seq, entity_id FROM mention_entities")
    return {(r["doc_id"], r["seq"]): r["entity_id"] for r in rows if doc_ids is None or r["doc_id"] in doc_ids}


def iter_events(store: Store) -> Iterator[dict[str, Any]]:
    """Every event with argument texts and entities, its claimant and time."""
    ents = _entity_map(store)
    current, in_doc = None, []  # one document's attributions and row (text, outlet, title) at a time
    doc: Any = None
    for r in store.iter_rows(
        "SELECT r.doc_id, r.seq, r.start, r.end, r.data FROM records r"
        " JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'event' ORDER BY d.rowid, r.seq"
    ):
        data = json.loads(r["data"])
        t0, t1 = data["trigger"]
        if r["doc_id"] != current:
            current, in_doc = r["doc_id"], attributions.load(store, r["doc_id"])
            doc = store.query("SELECT text, outlet, title FROM documents WHERE id = ?", (current,))[0]
        text = doc["text"]
        args = {
            role: {
                "start": a["start"],
                "end": a["end"],
                "text": text[a["start"]:a["end"]],
                "entity": ents.get((r["doc_id"], a["mention"])) if a.get("mention") is not None else None,
            }
            for role, a in data["args"].items()
        }
        yield {
            "id": record_id("event", r["doc_id"], r["seq"]),
            "doc": r["doc_id"],
            "title": doc["title"],
            "type": data["type"],
            "trigger": {"start": t0, "end": t1, "text": text[t0:t1]},
            "args": args,
            "time": {k: data["time"].get(k) for k in ("value", "precision", "fallback")},
            "modality": data["modality"],
            "claimant": claimant_in(
                r["doc_id"], in_doc, t0, text, doc["outlet"], lambda seq: ents.get((current, in_doc[seq].data.get("source_mention")))
            ),
            "evidence": {"start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]]},
            "figure": record_id("figure", r["doc_id"], data["figure"]) if data.get("figure") is not None else None,
        }


def _group_key(ev: dict[str, Any]) -> tuple[Any, ...]:
    """Events of one type with the same agent/patient/origin entities in the same month are one happening."""
    ents = tuple(sorted((role, a["entity"]) for role, a in ev["args"].items() if a["entity"] and role in ("agent", "patient", "origin", "destination")))
    month = (ev["time"]["value"] or "")[:7] if ev["time"]["fallback"] != "published" else ""
    return (ev["type"], ents, month)


def _claimant_entity(claimant: dict[str, Any]) -> str | None:
    return claimant.get("entity") if claimant.get("kind") == "attribution" else None


def with_sources(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `sources`, `independent_sources` and `source_documents`: documents reporting the
    same happening, and their distinct origins (copies share one; claims attributed to
    the same original source share one)."""
    origins = independence.load(store)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        if any(a["entity"] for a in ev["args"].values()):
            groups[_group_key(ev)].append(ev)
        else:
            groups[("single", ev["id"])].append(ev)
    for members in groups.values():
        counted = independence.count(origins, ((e["doc"], _claimant_entity(e["claimant"])) for e in members))
        for e in members:
            e.update(counted)
    return events


def timeline(store: Store, *, entity: str | None = None, etype: str | None = None) -> list[dict[str, Any]]:
    """Events ordered by time (undated last), filtered by an entity id or an event type."""
    events = with_sources(store, list(iter_events(store)))
    if etype:
        events = [e for e in events if e["type"] == etype]
    if entity:
        events = [e for e in events if any(a["entity"] == entity for a in e["args"].values())]
    return sorted(events, key=lambda e: (e["time"]["value"] is None, e["time"]["value"] or "", e["doc"], e["trigger"]["start"]))


def export_events(store: Store) -> Iterator[dict[str, Any]]:
    for e in with_sources(store, list(iter_events(store))):
        yield {k: e[k] for k in ("id", "doc", "type", "trigger", "args", "time", "modality", "claimant", "figure", "sources", "independent_sources", "source_documents")}


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
