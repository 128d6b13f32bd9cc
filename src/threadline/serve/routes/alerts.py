"""Alerts recorded by `threadline watch`: the page, its JSON twin and an Atom feed."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ... import __version__
from ... import alerts as alerts_mod
from ...store import Store
from .. import schemas
from ..pages import get_store, page

router = APIRouter()
ATOM = "http://www.w3.org/2005/Atom"
SINCE = r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?)?)?$"


@page(router, "/alerts", "alerts.html", summary="Alerts from watched sources, newest first, with evidence links", model=schemas.AlertsPage)
def alerts(
    request: Request,
    since: str | None = Query(None, pattern=SINCE, description="Only alerts created at or after this ISO date or time."),
    limit: int = Query(200, ge=1, le=1000),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return {"since": since, "alerts": alerts_mod.listing(store, since, limit), "kinds": alerts_mod.KINDS}


@router.get("/alerts.atom", include_in_schema=False)
def alerts_feed(request: Request, store: Store = Depends(get_store)) -> Response:
    """The latest alerts as an Atom feed, for any feed reader or tool to subscribe to."""
    base = str(request.base_url).rstrip("/")
    rows = alerts_mod.listing(store, None, 100)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    for tag, text in (("id", f"{base}/alerts"), ("title", "Threadline alerts"), ("updated", rows[0]["created"] if rows else "1970-01-01T00:00:00+00:00")):
        ET.SubElement(feed, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/alerts.atom")
    ET.SubElement(feed, f"{{{ATOM}}}generator", version=__version__).text = "Threadline"
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "Threadline"
    for a in rows:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:threadline:alert:{a['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = a["title"]
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = a["created"]
        ET.SubElement(entry, f"{{{ATOM}}}category", term=a["kind"])
        for e in a.get("evidence", []):
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=base + e["link"])
        lines = [alerts_mod.KINDS.get(a["kind"], a["kind"])] + [f"{e['link']}: {e['text']}" for e in a.get("evidence", []) if e.get("text")]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = "\n".join(lines)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml")
