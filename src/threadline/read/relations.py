"""The actor graph: typed edges from events and attributions, with co-occurrence kept apart.

Edge kinds:
- `event`: agent -> patient, destination or origin of an event (agreements and
  meetings between two states or people are undirected), typed by the event type;
- `attribution`: speaker -> an actor mentioned in what they said ("said-about");
- `co-occurrence`: two actors named in the same sentence, weaker and separate
  (from `threadline.read.cooccurrence`).
Every edge carries its evidence: document and character span.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..store import Store

UNDIRECTED = {"agreement_signed", "agreement_ratified", "agreement_in_force", "visit_meeting", "meeting", "agreement"}


def graph(store: Store, *, kinds: tuple[str, ...] = ("event", "attribution", "co-occurrence")) -> dict[str, Any]:
    """Nodes (entities with at least one edge) and edges with evidence."""
    entities = {
        r["id"]: dict(r) for r in store.query("SELECT id, name, type, country, mentions FROM entities")
    }
    ents: dict[tuple[str, int], str] = {(r["doc_id"], r["seq"]): r["entity_id"] for r in store.iter_rows("SELECT * FROM mention_entities")}
    edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}

    def add(kind: str, etype: str, a: str | None, b: str | None, doc: str, start: int, end: int) -> None:
        if not a or not b or a == b or a not in entities or b not in entities:
            return
        if kind != "event" or etype in UNDIRECTED:
            a, b = sorted((a, b))
        key = (kind, etype, a, b)
        edge = edges.setdefault(key, {"source": a, "target": b, "kind": kind, "type": etype, "weight": 0, "evidence": []})
        edge["weight"] += 1
        if len(edge["evidence"]) < 20:
            edge["evidence"].append({"doc": doc, "start": start, "end": end})

    if "event" in kinds:
        for r in store.iter_rows("SELECT doc_id, start, end, data FROM records WHERE kind = 'event'"):
            data = json.loads(r["data"])
            args = {role: ents.get((r["doc_id"], a["mention"])) for role, a in data["args"].items() if a.get("mention") is not None}
            agent = args.get("agent")
            for role in ("patient", "destination", "origin"):
                add("event", data["type"], agent, args.get(role), r["doc_id"], r["start"], r["end"])
    if "attribution" in kinds:
        mentions_by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for r in store.iter_rows("SELECT doc_id, seq, start, end FROM records WHERE kind = 'mention'"):
            mentions_by_doc[r["doc_id"]].append((r["start"], r["end"], r["seq"]))
        for r in store.iter_rows("SELECT doc_id, start, end, data FROM records WHERE kind = 'attribution'"):
            data = json.loads(r["data"])
            if data.get("source_mention") is None:
                continue
            speaker = ents.get((r["doc_id"], data["source_mention"]))
            for s, e, seq in mentions_by_doc[r["doc_id"]]:
                if r["start"] <= s and e <= r["end"]:
                    add("attribution", "said-about", speaker, ents.get((r["doc_id"], seq)), r["doc_id"], r["start"], r["end"])
    out = sorted(edges.values(), key=lambda e: (e["kind"], -e["weight"], e["source"], e["target"]))
    if "co-occurrence" in kinds:
        from .cooccurrence import cooccurrence

        for e in cooccurrence(store)["edges"]:
            out.append({"source": e["source"], "target": e["target"], "kind": "co-occurrence", "type": "co-occurrence", "weight": e["weight"], "evidence": e["evidence"]})
    used = {x for e in out for x in (e["source"], e["target"])}
    return {"nodes": [entities[i] for i in sorted(used) if i in entities], "edges": out}


def export_relations(store: Store) -> list[dict[str, Any]]:
    return graph(store)["edges"]
