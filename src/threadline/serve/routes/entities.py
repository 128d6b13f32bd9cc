"""Entity index and entity pages."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...store import Store
from .. import schemas
from ...read import queries
from ..charts import bars
from ..pages import NotFound, Paging, get_store, page, paging
from ...read.records import Lookup

router = APIRouter()
ENTITY_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


@page(router, "/entities", "entities.html", summary="Canonical entities, most mentioned first", model=schemas.EntitiesPage)
def entities(
    request: Request,
    type: str | None = Query(None, max_length=20, pattern=r"^[A-Za-z_]+$", description="Only this type (PERSON, ORG, GPE, ...)."),  # noqa: A002
    pages: Paging = Depends(paging),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return queries.entities(store, type, pages.limit, pages.offset)


def _entity_view(data: dict[str, Any]) -> dict[str, Any]:
    return {"chart": bars([(p["period"], p["mentions"]) for p in data["mentions_over_time"]])}


@page(
    router,
    "/entities/{entity_id}",
    "entity.html",
    summary="One entity: names, mentions over time, what it said and what was said about it, figures, events, related actors",
    model=schemas.EntityPage,
    not_found=True,
    view=_entity_view,
)
def entity(request: Request, entity_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    data = queries.entity_page(Lookup(store), entity_id) if ENTITY_ID.fullmatch(entity_id) else None
    if data is None:
        raise NotFound(f"no entity with id {entity_id[:40]!r}")
    return data
