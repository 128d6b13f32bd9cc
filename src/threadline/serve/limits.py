"""Request size and query limits, checked before any route runs."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from .middleware import HttpMiddleware

MAX_BODY = 64 * 1024  # bytes: the sign-in and review forms (routes/review.py reads at most as much)
MAX_QUERY = 4 * 1024  # bytes of query string
MAX_PARAMETERS = 40
MAX_PATH = 8 * 1024


class RequestLimits(HttpMiddleware):
    """Refuses an over-long path (414) or query (414, 400), and a body that is too large (413)
    or of unknown length (411), in the one error shape."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = _problem(scope)
        if problem is None:
            await self.app(scope, _bounded(receive), send)
            return
        from .pages import error_response

        status, detail = problem
        await error_response(Request(scope), status, detail)(scope, receive, send)


def _problem(scope: Scope) -> tuple[int, str] | None:
    query = scope.get("query_string", b"")
    if len(scope.get("raw_path") or scope["path"].encode()) > MAX_PATH:
        return 414, f"the path is longer than {MAX_PATH} bytes"
    if len(query) > MAX_QUERY:
        return 414, f"the query is longer than {MAX_QUERY} bytes"
    if query.count(b"&") + 1 > MAX_PARAMETERS:
        return 400, f"invalid parameter: more than {MAX_PARAMETERS} query parameters"
    headers = Headers(scope=scope)
    length = headers.get("content-length")
    if length is None:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return 411, "a request body needs a Content-Length"
        return None
    if not length.isdigit():
        return 400, "invalid Content-Length"
    if int(length) > MAX_BODY:
        return 413, f"the request body is larger than {MAX_BODY} bytes"
    return None


def _bounded(receive: Receive) -> Receive:
    """Never hand the app more body than `MAX_BODY`, whatever the client sends after its Content-Length."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                return {"type": "http.disconnect"}
        return message

    return bounded
