"""The workbench application: `create_app(db_path)` builds the FastAPI app over a read-only store."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Message, Receive, Scope, Send

from .. import __version__
from .. import config as config_mod
from ..store import Store, damaged, is_damage
from .auth import Access
from .guard import ReadGuard
from .limits import RequestLimits
from .middleware import HttpMiddleware
from .pages import SECURITY_HEADERS, error_response

log = logging.getLogger("threadline.serve")


class SecurityHeaders(HttpMiddleware):
    """Adds the Content-Security-Policy and friends to every response."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in _LOWER]
                headers.extend((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items())
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


_LOWER = {k.lower() for k in SECURITY_HEADERS}


def create_app(
    db_path: str | Path, *, access: Access | None = None, config: dict[str, Any] | None = None, guard_reads: bool = False
) -> FastAPI:
    """The web UI and JSON API over the store at `db_path`, opened read-only per request.
    Corrections (review) are written with `access`'s token; without one, pages only read.
    With `guard_reads` (serving beyond this machine), every request needs the token (`serve/guard.py`)."""
    path = Path(db_path)
    Store(path, readonly=True).close()  # refuse a missing, damaged or newer store before serving
    app = FastAPI(
        title="Threadline workbench",
        version=__version__,
        description="Every page of the workbench as JSON: the same path plus `.json`. Errors share one shape: "
        '`{"error": {"status", "title", "detail"}}`.',
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db_path = path
    app.state.access = access
    app.state.config = config or config_mod.load()
    static = resources.files("threadline.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static), follow_symlink=False), name="static")

    from .routes import alerts, documents, entities, figures, graph, overview, review

    for module in (overview, documents, entities, figures, graph, alerts, review):
        app.include_router(module.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, detail, headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 400, "invalid parameter: " + "; ".join(problems))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        if is_damage(exc):  # the store was damaged after the server started
            return error_response(request, 503, str(damaged(path, exc)))
        log.error("error serving %s", request.url.path, exc_info=exc)
        return error_response(request, 500, "internal error; see the server log")

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    if guard_reads:
        if access is None:
            raise ValueError("guarding reads needs an access token")
        app.add_middleware(ReadGuard, access=access)
    app.add_middleware(RequestLimits)
    app.add_middleware(SecurityHeaders)
    return app


# OpenAPI links: the ids one answer holds open the next page (operation -> link, target, parameter, where).
LINKS = {
    "index": [("top_actor", "entities_entity_id", "entity_id", "$response.body#/top_actors/0/id")],
    "search": [("found_document", "documents_doc_id", "doc_id", "$response.body#/documents/0/id"),
               ("found_entity", "entities_entity_id", "entity_id", "$response.body#/entities/0/id")],
    "documents": [("document", "documents_doc_id", "doc_id", "$response.body#/documents/0/id")],
    "entities": [("entity", "entities_entity_id", "entity_id", "$response.body#/entities/0/id")],
    "entities_entity_id": [("timeline", "timeline", "actor", "$response.body#/entity/id")],
}


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated description, with invalid input documented as 400 in the one error shape, and links."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for item in schema.get("paths", {}).values():
        for op in item.values():
            op.get("responses", {}).pop("422", None)
            for name, target, parameter, where in LINKS.get(op.get("operationId"), []):
                links = op["responses"]["200"].setdefault("links", {})
                links[name] = {"operationId": target, "parameters": {parameter: where}}
    for name in ("HTTPValidationError", "ValidationError"):
        schema.get("components", {}).get("schemas", {}).pop(name, None)
    app.openapi_schema = schema
    return schema
