"""The actor network and the map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...store import Store
from ...read import features, queries
from ...read.records import Lookup
from .. import schemas
from ..communities import communities
from ..pages import DATE, get_store, page

router = APIRouter()


NETWORK_EDGES = 40  # edges on the first view: the strongest, so it reads
EDGE_CHOICES = (20, 40, 80, 150, 400)
COLOURED = 8  # communities and edge types with a colour of their own (and a legend entry); the rest are grey
SENTENCES_PER_EDGE = 5


def _network_view(data: dict[str, Any]) -> dict[str, Any]:
    return {"names": {n["id"]: n for n in data["nodes"]}, "edge_choices": EDGE_CHOICES, "coloured": COLOURED}


@page(
    router,
    "/network",
    "network.html",
    summary="The actor graph: relations and co-occurrence, communities, every edge with its evidence",
    model=schemas.NetworkPage,
    view=_network_view,
    multi=("type",),
)
def network(
    request: Request,
    type: list[str] = Query([], max_length=20, description="Only edges of these types."),  # noqa: A002
    since: str | None = Query(None, pattern=DATE, description="Only evidence from documents published on or after (YYYY[-MM[-DD]])."),
    until: str | None = Query(None, pattern=DATE, description="Only evidence from documents published on or before (YYYY[-MM[-DD]])."),
    actor: str | None = Query(None, max_length=200, description="Ego view: this actor (entity id or name), the actors linked to it and the links among them."),
    limit: int = Query(NETWORK_EDGES, ge=1, le=2000, description="Most edges shown, strongest first."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    graph = features.actor_graph(store, since=since, until=until, edge_types=[t for t in type if t] or None)
    edges = graph["edges"]
    ego = _ego(graph["nodes"], actor) if actor else None
    if actor:
        around = {e["target"] if e["source"] == ego["id"] else e["source"] for e in edges if ego["id"] in (e["source"], e["target"])} if ego else set()
        keep = around | ({ego["id"]} if ego else set())
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    # strongest first; in an ego view, the actor's own links before those among its neighbours
    edges = sorted(edges, key=lambda e: (bool(ego) and ego["id"] not in (e["source"], e["target"]), -(e.get("weight") or 1), e["id"]))[:limit]
    used = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [n for n in graph["nodes"] if n["id"] in used]
    member = communities([(e["source"], e["target"], float(e.get("weight") or 1)) for e in edges])
    lk = Lookup(store)
    shown = [
        {
            **e,
            "type": e.get("type") or "related",
            "weight": e.get("weight") or 1,
            "sentences": [_sentence(lk, x) for x in e["evidence"][:SENTENCES_PER_EDGE]],
        }
        for e in edges
    ]
    return {
        "filters": {"type": type, "since": since, "until": until, "actor": actor, "limit": limit},
        "ego": {"id": ego["id"], "name": ego["name"], "type": ego["type"]} if ego else None,
        "edge_types": graph["edge_types"],
        "total_edges": len(graph["edges"]),
        "communities": _communities(nodes, member),
        "nodes": [{"id": n["id"], "name": n["name"], "type": n["type"], "mentions": n.get("mentions") or 0, "community": member.get(n["id"])} for n in nodes],
        "edges": shown,
    }


def _ego(nodes: list[dict[str, Any]], actor: str) -> dict[str, Any] | None:
    """The node an actor parameter names: its entity id, else its name (any case)."""
    wanted = actor.strip().casefold()
    return next((n for n in nodes if n["id"] == actor.strip()), None) or next((n for n in nodes if n["name"].casefold() == wanted), None)


def _communities(nodes: list[dict[str, Any]], member: dict[str, int]) -> list[dict[str, Any]]:
    """Each community with its members, most mentioned first, named after the first."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for n in sorted(nodes, key=lambda n: (-(n.get("mentions") or 0), n["name"], n["id"])):
        groups.setdefault(member[n["id"]], []).append(n)
    out = []
    for c, members in sorted(groups.items()):
        lead = members[0]["name"]
        label = lead if len(members) == 1 else f"{lead} and {len(members) - 1} {'other' if len(members) == 2 else 'others'}"
        out.append({"id": c, "label": label, "size": len(members), "members": [m["id"] for m in members]})
    return out


def _sentence(lk: Lookup, ev: dict[str, Any]) -> str:
    text = lk.text(ev["doc"])[ev["start"] : ev["end"]]
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299].rstrip() + "…"


@page(router, "/map", "map.html", summary="Places and countries sized by mentions, and origin → destination flows", model=schemas.MapPage)
def map_page(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    return queries.map_data(Lookup(store))
