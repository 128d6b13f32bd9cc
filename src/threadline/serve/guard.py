"""Serving beyond this machine: a token is required to start, and every request but the sign-in must carry it."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from .auth import COOKIE, Access
from .middleware import HttpMiddleware

PUBLIC_PREFIXES = ("/static/", "/login", "/favicon.ico")


def is_loopback(host: str) -> bool:
    """`host` only answers this machine (`localhost`, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refusal(host: str, token: str | None) -> str | None:
    """Why the workbench must not start on `host` (None when it may)."""
    if token or is_loopback(host):
        return None
    return (
        f"serving on {host} lets other machines reach the workbench: give an access token with --token "
        "or THREADLINE_TOKEN, or serve on 127.0.0.1"
    )


def allowed(access: Access, request: Request) -> bool:
    """The request carries the token: `Authorization: Bearer TOKEN`, or the cookie `/login` sets."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return (scheme.lower() == "bearer" and access.matches(value.strip())) or access.matches(request.cookies.get(COOKIE))


class ReadGuard(HttpMiddleware):
    """Reading needs the token too: a request without it gets 401 (JSON, programs) or is sent to `/login` (pages)."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        super().__init__(app)
        self.access = access

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        if scope["path"].startswith(PUBLIC_PREFIXES) or allowed(self.access, request):
            await self.app(scope, receive, send)
            return
        from .pages import error_response, wants_json

        response: Response
        if wants_json(request) or request.method not in ("GET", "HEAD"):
            detail = "an access token is needed: send the header Authorization: Bearer TOKEN, or sign in at /login"
            response = error_response(request, 401, detail, headers={"WWW-Authenticate": 'Bearer realm="threadline"'})
        else:
            here = scope["path"] + (f"?{request.url.query}" if request.url.query else "")
            response = RedirectResponse("/login?" + urlencode({"next": here}), status_code=303)
        await response(scope, receive, send)
