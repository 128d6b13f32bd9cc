"""Documents, stories, sources and rejected inputs."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...store import Store
from .. import schemas
from ...read import queries
from ..pages import NotFound, Paging, get_store, page, paging
from ...read.records import KIND_LABELS, Lookup
from ..spans import segments

router = APIRouter()
DOC_ID = re.compile(r"[0-9a-f]{16}")


@page(router, "/documents", "documents.html", summary="Documents, newest first", model=schemas.DocumentsPage)
def documents(request: Request, pages: Paging = Depends(paging), store: Store = Depends(get_store)) -> dict[str, Any]:
    return queries.documents(store, pages.limit, pages.offset)


def _document_view(data: dict[str, Any]) -> dict[str, Any]:
    hl = data["highlight"]
    return {
        "segments": segments(data["document"]["text"], data["spans"], (hl["start"], hl["end"]) if hl else None),
        "kind_labels": KIND_LABELS,
    }


@page(
    router,
    "/documents/{doc_id}",
    "document.html",
    summary="One document: metadata, cleaned text and every extracted span",
    model=schemas.DocumentPage,
    not_found=True,
    view=_document_view,
)
def document(
    request: Request,
    doc_id: str,
    hl: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$", description="START-END: a span to highlight (evidence links use it)."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    data = queries.document_page(Lookup(store), doc_id) if DOC_ID.fullmatch(doc_id) else None
    if data is None:
        raise NotFound(f"no document with id {doc_id[:40]!r}")
    highlight = None
    if hl:
        start, end = (int(x) for x in hl.split("-"))
        if 0 <= start < end <= len(data["document"]["text"]):
            highlight = {"start": start, "end": end}
    data["highlight"] = highlight
    return data


@page(router, "/stories", "stories.html", summary="Stories: clusters of documents and their independent origins", model=schemas.StoriesPage)
def stories(request: Request, pages: Paging = Depends(paging), store: Store = Depends(get_store)) -> dict[str, Any]:
    every = queries.stories(store)
    return {"total": len(every), "limit": pages.limit, "offset": pages.offset, "stories": every[pages.offset : pages.offset + pages.limit]}


@page(router, "/sources", "sources.html", summary="Outlets with their documents and copies", model=schemas.SourcesPage)
def sources(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    return queries.sources(store)


@page(router, "/rejected", "rejected.html", summary="Inputs that were rejected, with their reasons", model=schemas.RejectedPage)
def rejected(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    return {"rejected": queries.rejected(store)}
