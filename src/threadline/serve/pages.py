"""Pages and their JSON twins: registration, content negotiation, templates and the one error shape."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

from .. import __version__, words
from ..errors import StoreError
from ..store import Store
from .formats import number, when

NAV = [
    ("/", "Overview"),
    ("/documents", "Documents"),
    ("/entities", "Entities"),
    ("/figures", "Figures"),
    ("/timeline", "Timeline"),
    ("/network", "Network"),
    ("/map", "Map"),
    ("/stories", "Stories"),
    ("/sources", "Sources"),
    ("/rejected", "Rejected"),
    ("/alerts", "Alerts"),
    ("/review", "Review"),
]
DATE = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"  # a since/until parameter: YYYY[-MM[-DD]]
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # other sites get nothing; our own form posts carry their Origin (auth.writer checks it)
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class ErrorDetail(BaseModel):
    status: int
    title: str
    detail: str


class ErrorBody(BaseModel):
    """The one error shape of the whole API."""

    error: ErrorDetail


class NotFound(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(404, detail)


def get_store(request: Request) -> Iterator[Store]:
    """A read-only connection per request, closed after the response; every query of the request reads
    one snapshot (a read transaction), so a page stays consistent while a run writes the store."""
    try:
        store = Store(request.app.state.db_path, readonly=True)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from None
    store.db.execute("BEGIN")
    try:
        yield store
    finally:
        store.close()


class Paging(BaseModel):
    limit: int
    offset: int


def paging(
    limit: int = Query(100, ge=1, le=500, description="Most items in the page."),
    offset: int = Query(0, ge=0, le=10_000_000, description="Items to skip."),
) -> Paging:
    """The `limit` and `offset` query parameters of every listing."""
    return Paging(limit=limit, offset=offset)


# -- templates -------------------------------------------------------------------
def safe_url(url: Any) -> str | None:
    """An outside link only when it is plain http(s); anything else is shown as text."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def link(path: str, items: list[tuple[str, str]], **changes: Any) -> str:
    """`path` with the current query parameters (`items`, repeated keys kept) and `changes`
    (a value of None drops the parameter; `offset` is dropped unless changed, a new view starting at its top)."""
    from urllib.parse import urlencode

    kept = [(k, v) for k, v in items if k not in changes and k != "offset" and v != ""]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None]
    return path + ("?" + urlencode(kept) if kept else "")


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("threadline.serve", "templates"), jinja2.PackageLoader("threadline", "templates")]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(safe_url=safe_url, number=number, when=when, count=words.count, findings=words.findings)
    env.globals.update(nav=NAV, version=__version__, link=link)
    return env


def render(request: Request, template: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
    query = request.url.query
    path = request.url.path.rstrip("/") or "/index"
    context = {
        **data,
        "data": data,
        "path": request.url.path,
        "json_url": f"{path}.json" + (f"?{query}" if query else ""),
        "query": dict(request.query_params),
        "query_items": request.query_params.multi_items(),
    }
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers={"Vary": "Accept"})


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    from http import HTTPStatus

    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = {"error": {"status": status, "title": title, "detail": detail}}
    if wants_json(request):
        response: Response = JSONResponse(body, status_code=status, headers=headers)
    else:
        response = render(request, "error.html", body, status=status)
        for key, value in (headers or {}).items():
            response.headers[key] = value
    response.headers.update(SECURITY_HEADERS)
    return response


# -- registration ------------------------------------------------------------------
def _single_values(request: Request, lists: set[str]) -> None:
    seen: set[str] = set()
    for key, _ in request.query_params.multi_items():
        if key in seen and key not in lists:
            raise HTTPException(400, f"invalid parameter: {key[:40]} given more than once")
        seen.add(key)


def page(
    router: APIRouter,
    path: str,
    template: str,
    *,
    summary: str,
    model: type[BaseModel],
    not_found: bool = False,
    view: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    multi: tuple[str, ...] = (),
) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """Register `fn` as a page at `path` and as its JSON twin at `path` + ".json".

    `fn` takes the request (as `request`) and query parameters and returns
    plain data: the JSON twin serves it as is; the page renders `template`
    with it plus what `view` adds for drawing (chart geometry, text segments).
    Only the parameters named in `multi` may be given more than once.
    """
    responses: dict[int | str, dict[str, Any]] = {
        200: {"model": model, "description": summary},
        400: {"model": ErrorBody, "description": "A query parameter is invalid."},
        414: {"model": ErrorBody, "description": "The path or the query is too long (the request limits)."},
    }
    if not_found:
        responses[404] = {"model": ErrorBody, "description": "No such item."}
    json_path = "/index.json" if path == "/" else f"{path}.json"
    name = json_path.strip("/").replace("/", "_").replace("{", "").replace("}", "").replace(".json", "")

    lists = set(multi)

    def register(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        @functools.wraps(fn)
        def as_json(*args: Any, **kwargs: Any) -> Response:
            _single_values(kwargs["request"], lists)
            return JSONResponse(fn(*args, **kwargs))

        @functools.wraps(fn)
        def as_page(*args: Any, **kwargs: Any) -> Response:
            request = kwargs["request"]
            _single_values(request, lists)
            data = fn(*args, **kwargs)
            if wants_json(request):
                return JSONResponse(data, headers={"Vary": "Accept"})
            return render(request, template, {**data, **(view(data) if view else {})})

        router.add_api_route(
            json_path, as_json, methods=["GET"], summary=summary, responses=responses, response_model=None, operation_id=name
        )
        if path == "/":
            router.add_api_route("/.json", as_json, methods=["GET"], include_in_schema=False, response_model=None)
        router.add_api_route(path, as_page, methods=["GET", "HEAD"], include_in_schema=False, response_model=None, response_class=HTMLResponse)
        return fn

    return register
