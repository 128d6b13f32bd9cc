"""The overview and search pages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...store import Store
from .. import schemas
from ...read import queries
from ..pages import get_store, page
from ...read.records import Lookup

router = APIRouter()


@page(router, "/", "overview.html", summary="Overview: counts, top actors, latest events, open conflicts, best-sourced stories", model=schemas.OverviewPage)
def overview(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    return queries.overview(Lookup(store))


@page(router, "/search", "search.html", summary="Full-text search over documents, entities, quotes and figures", model=schemas.SearchPage)
def search(
    request: Request,
    q: str = Query("", max_length=200, description="Words to find; every word must occur."),
    limit: int = Query(20, ge=1, le=100),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return queries.search(Lookup(store), q, limit)
