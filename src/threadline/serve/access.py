"""Who may use the workbench: an access token, sent as `Authorization: Bearer` or kept in a cookie after `/login`.

Serving beyond this machine needs a token (`threadline serve --token`, or
THREADLINE_TOKEN). With one, every request but `/login` and `/static/` must
carry it: API clients send `Authorization: Bearer TOKEN`; a browser posts it
once to `/login` and then holds an HttpOnly, SameSite=Strict session cookie
derived from it (the token itself is never stored in the browser).

Writes (none yet) are protected against cross-site requests by `require_csrf`:
a request authorised by the Bearer header passes (browsers never add that
header on their own); a request authorised by the cookie must echo
`csrf_token()` in the `X-CSRF-Token` header or a `csrf` form field, and come
from this origin.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from .middleware import HttpMiddleware

COOKIE = "threadline_session"
CSRF_HEADER = "X-CSRF-Token"
MIN_TOKEN_LENGTH = 16
PUBLIC_PREFIXES = ("/static/", "/login", "/favicon.ico")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    """`host` only answers this machine (`localhost`, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_token(token: str | None, host: str) -> str | None:
    """The token to require, or a message saying why the workbench must not start."""
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        return f"the access token must have at least {MIN_TOKEN_LENGTH} characters (make one with: python3 -c 'import secrets; print(secrets.token_urlsafe())')"
    if token is None and not is_loopback(host):
        return (
            f"serving on {host} lets other machines reach the workbench: give an access token with --token "
            "or THREADLINE_TOKEN, or serve on 127.0.0.1"
        )
    return None


@dataclass(frozen=True)
class Access:
    """The one token of a running workbench, and what is derived from it."""

    token: str

    def _derive(self, purpose: str) -> str:
        return hmac.new(self.token.encode(), purpose.encode(), hashlib.sha256).hexdigest()

    @property
    def session(self) -> str:
        """The cookie value a login sets."""
        return self._derive("session")

    def csrf_token(self) -> str:
        """What a cookie-authorised write must echo (a form field `csrf` or the `X-CSRF-Token` header)."""
        return self._derive("csrf")

    def by_bearer(self, headers: Headers) -> bool:
        scheme, _, value = headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), self.token.encode())

    def by_cookie(self, headers: Headers) -> bool:
        jar = SimpleCookie()
        try:
            jar.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header is simply no session  # noqa: BLE001
            return False
        held = jar.get(COOKIE)
        return held is not None and hmac.compare_digest(held.value.encode(), self.session.encode())

    def allows(self, headers: Headers) -> bool:
        return self.by_bearer(headers) or self.by_cookie(headers)

    def matches(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())


def is_public(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


def login_target(next_path: str | None) -> str:
    """Where a login returns to: a path on this site only (never `//host` or a full URL)."""
    if next_path and next_path.startswith("/") and not next_path.startswith("//") and "\\" not in next_path:
        parts = urlsplit(next_path)
        if not parts.scheme and not parts.netloc:
            return next_path
    return "/"


def form_value(body: bytes, name: str) -> str:
    """One field of a URL-encoded form body ('' when absent)."""
    values = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10).get(name)
    return values[0] if values else ""


async def require_csrf(request: Request) -> None:
    """A dependency for every route that writes: refuses a cross-site request made with the session cookie."""
    access: Access | None = request.app.state.access
    if request.method in SAFE_METHODS or access is None or access.by_bearer(request.headers):
        return
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site request refused")
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        given = form_value(await request.body(), "csrf")
    if not given or not hmac.compare_digest(given.encode(), access.csrf_token().encode()):
        raise HTTPException(403, "missing or wrong CSRF token")


class AccessGuard(HttpMiddleware):
    """A request without the token gets 401 (JSON) or is sent to `/login` (pages)."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        super().__init__(app)
        self.access = access

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if is_public(scope["path"]) or self.access.allows(Headers(scope=scope)):
            await self.app(scope, receive, send)
            return
        from .pages import error_response, wants_json

        request = Request(scope)
        response: Response
        if wants_json(request) or request.method not in SAFE_METHODS:
            detail = "an access token is needed: send the header Authorization: Bearer TOKEN"
            response = error_response(request, 401, detail, headers={"WWW-Authenticate": 'Bearer realm="threadline"'})
        else:
            here = scope["path"] + (f"?{request.url.query}" if request.url.query else "")
            response = RedirectResponse("/login?" + urlencode({"next": here}), status_code=303)
        await response(scope, receive, send)
