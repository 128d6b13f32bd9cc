"""The figures ledger and the timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...store import Store
from ...read import features, queries
from ...read.records import Lookup
from .. import schemas
from ...timeml import day_range
from ..charts import core_days, figure_chart, timeline_chart, timeline_marks
from ..pages import DATE, get_store, page

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
    offset: int = Query(0, ge=0, le=100_000, description="Quantities to skip (the next page starts at `offset` + `limit`)."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    groups = features.figure_groups(Lookup(store), measure=measure or None, conflicts_only=conflicts, limit=offset + limit + 1)
    return {
        "ready": features.figures_ready(store),
        "filters": {"measure": measure, "conflicts": conflicts},
        "offset": offset,
        "limit": limit,
        "more": len(groups) > offset + limit,
        "groups": groups[offset : offset + limit],
    }


TIMELINE_ROWS = 50  # events in one page of the timeline's table


def _timeline_view(data: dict[str, Any]) -> dict[str, Any]:
    span = data["range"]
    domain = None
    if span["from"] and span["to"]:
        lo, hi = day_range(span["from"])[0], day_range(span["to"])[1]  # type: ignore[index]
        pad = max(1, (hi - lo) // 50)
        domain = (lo - pad, hi + pad)
    chart = timeline_chart(data["events"], data["publications"], domain=domain)
    page = data["page"]
    rows = data["events"][page["offset"] : page["offset"] + page["rows"]]
    titles = {s["id"]: s for s in data["stories"]}
    grouped: dict[str | None, list[dict[str, Any]]] = {}
    for v in rows:
        grouped.setdefault(v.get("story"), []).append(v)
    groups = [{"story": titles.get(k) if k else None, "events": vs} for k, vs in sorted(grouped.items(), key=lambda kv: (kv[0] is None, kv[1][0]["time"]["value"] or "~"))]
    return {"chart": chart, "groups": groups, "zoom": _zoom(span)}


def _zoom(span: dict[str, Any]) -> dict[str, tuple[str, str] | None]:
    """Since/until of the views one click away: zoomed in and out around the centre, moved left and right."""
    if not (span["from"] and span["to"]):
        return {}
    lo, hi = day_range(span["from"])[0], day_range(span["to"])[1]  # type: ignore[index]
    width = max(2, hi - lo)

    def view(a: float, b: float) -> tuple[str, str]:
        return date.fromordinal(int(a)).isoformat(), date.fromordinal(max(int(a) + 1, int(b)) - 1).isoformat()

    centre = (lo + hi) / 2
    return {
        "in": view(centre - width / 4, centre + width / 4),
        "out": view(centre - width, centre + width),
        "earlier": view(lo - width / 2, hi - width / 2),
        "later": view(lo + width / 2, hi + width / 2),
    }


@page(router, "/timeline", "timeline.html", summary="Events by time with their precision, and publication dates", model=schemas.TimelinePage, view=_timeline_view, multi=("type", "modality"))
def timeline(
    request: Request,
    type: list[str] = Query([], max_length=20, description="Only these event types."),  # noqa: A002
    modality: list[str] = Query([], max_length=10, description="Only these modalities (asserted, reported, denied, planned, hypothetical, question)."),
    actor: str | None = Query(None, max_length=200, description="Only events with an argument naming this actor (entity id or name)."),
    since: str | None = Query(None, pattern=DATE, description="Only events whose date reaches this day, month or year or later (YYYY[-MM[-DD]])."),
    until: str | None = Query(None, pattern=DATE, description="Only events whose date starts on or before this day, month or year (YYYY[-MM[-DD]])."),
    limit: int = Query(1000, ge=1, le=5000, description="At most this many events: the best-sourced (most independent sources) of those matching; `total` counts them all."),
    offset: int = Query(0, ge=0, le=10_000_000, description="Events of the table to skip (the table shows 50 at a time, in time order)."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    first, last = _days(since), _days(until)
    days = ((first or (1, 1))[0], (last or (0, date.max.toordinal()))[1]) if (first or last) else None
    data = queries.timeline(Lookup(store), [t for t in type if t][:20], actor or None, limit, [m for m in modality if m][:10], days)
    data["filters"].update(since=since, until=until)
    data["page"] = {"offset": offset, "rows": TIMELINE_ROWS}
    data["range"] = _range(data, days)
    return data


def _days(value: str | None) -> tuple[int, int] | None:
    """The days a since/until value covers; a day past its month's end ("2023-02-30") stands for the month."""
    return (day_range(value) or day_range(value[:7])) if value else None


def _range(data: dict[str, Any], days: tuple[int, int] | None) -> dict[str, Any]:
    """The days the chart shows: those asked for, else the marks' days less isolated outliers; `outside` counts the marks left out."""
    spans = [m["days"] for m in timeline_marks(data["events"], data["publications"])]
    if days is None:
        days = core_days(spans)
    if days is None:
        return {"from": None, "to": None, "outside": 0, "first": None, "last": None}
    lo, hi = max(days[0], min([s[0] for s in spans] or [days[0]])), min(days[1], max([s[1] for s in spans] or [days[1]]))
    hi = max(hi, lo + 1)
    return {
        "from": date.fromordinal(lo).isoformat(),
        "to": date.fromordinal(hi - 1).isoformat(),
        "outside": sum(1 for a, b in spans if b <= lo or a >= hi),
        "first": date.fromordinal(min(s[0] for s in spans)).isoformat() if spans else None,
        "last": date.fromordinal(max(s[1] for s in spans) - 1).isoformat() if spans else None,
    }
