"""The figures ledger and the timeline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...store import Store
from .. import schemas
from ...read import features
from ...read import queries
from ..charts import figure_chart, timeline_chart
from ..pages import get_store, page
from ...read.records import Lookup

router = APIRouter()
LEDGER_GROUPS = 25  # quantities on the default ledger page


def _figures_view(data: dict[str, Any]) -> dict[str, Any]:
    return {"chart_list": [figure_chart(g) for g in data["groups"]]}


@page(router, "/figures", "figures.html", summary="Figures grouped by what they measure, with claimants, dates and conflicts", model=schemas.FiguresPage, view=_figures_view)
def figures(
    request: Request,
    measure: str | None = Query(None, max_length=200, description="Only groups whose measure contains this text."),
    conflicts: bool = Query(False, description="Only groups with conflicting figures."),
    limit: int = Query(LEDGER_GROUPS, ge=1, le=500, description="At most this many quantities: conflicts first, then the largest."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    groups = features.figure_groups(Lookup(store), measure=measure or None, conflicts_only=conflicts, limit=limit)
    return {
        "ready": features.figures_ready(store),
        "filters": {"measure": measure, "conflicts": conflicts},
        "groups": groups,
    }


def _timeline_view(data: dict[str, Any]) -> dict[str, Any]:
    return {"chart": timeline_chart(data["events"], data["publications"])}


@page(router, "/timeline", "timeline.html", summary="Events by time with their precision, and publication dates", model=schemas.TimelinePage, view=_timeline_view, multi=("type",))
def timeline(
    request: Request,
    type: list[str] = Query([], max_length=20, description="Only these event types."),  # noqa: A002
    actor: str | None = Query(None, max_length=200, description="Only events with an argument naming this actor (entity id or name)."),
    limit: int = Query(1000, ge=1, le=5000, description="At most this many events: the best-sourced (most independent sources) of those matching; `total` counts them all."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return queries.timeline(Lookup(store), [t for t in type if t][:20], actor or None, limit)
