"""The actor network and the map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...store import Store
from .. import schemas
from ...read import features
from ...read import queries
from ..pages import get_store, page
from ...read.records import Lookup

router = APIRouter()
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _network_view(data: dict[str, Any]) -> dict[str, Any]:
    return {"names": {n["id"]: n for n in data["nodes"]}}


@page(
    router,
    "/network",
    "network.html",
    summary="The actor graph: relations and co-occurrence, every edge with its evidence",
    model=schemas.NetworkPage,
    view=_network_view,
    multi=("type",),
)
def network(
    request: Request,
    type: list[str] = Query([], max_length=20, description="Only edges of these types."),  # noqa: A002
    since: str | None = Query(None, pattern=DATE, description="Only evidence from documents published on or after (YYYY[-MM[-DD]])."),
    until: str | None = Query(None, pattern=DATE, description="Only evidence from documents published on or before (YYYY[-MM[-DD]])."),
    limit: int = Query(150, ge=1, le=2000, description="Most edges shown, strongest first."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    graph = features.actor_graph(store, since=since, until=until, edge_types=[t for t in type if t] or None)
    edges = sorted(graph["edges"], key=lambda e: (-(e.get("weight") or 1), e["id"]))[:limit]
    used = {e["source"] for e in edges} | {e["target"] for e in edges}
    return {
        "filters": {"type": type, "since": since, "until": until, "limit": limit},
        "edge_types": graph["edge_types"],
        "total_edges": len(graph["edges"]),
        "nodes": [n for n in graph["nodes"] if n["id"] in used],
        "edges": [{**e, "type": e.get("type") or "related", "weight": e.get("weight") or 1} for e in edges],
    }


@page(router, "/map", "map.html", summary="Places and countries sized by mentions, and origin → destination flows", model=schemas.MapPage)
def map_page(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    return queries.map_data(Lookup(store))
