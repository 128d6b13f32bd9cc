"""Who may write through the workbench: the serve token, its name, and cross-site request checks.

Reading needs nothing on this machine. Writing (analyst review) needs the token, sent
either as `Authorization: Bearer TOKEN` (scripts) or as the cookie the sign-in form sets
(browsers). A browser's write must also carry the form's anti-forgery field, derived from
the token, and come from the workbench's own origin; the cookie is `SameSite=Strict` and
`HttpOnly`, so another site can neither send nor read it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

COOKIE = "threadline_token"


@dataclass(frozen=True)
class Access:
    """The token that allows writing, and the name reviews made with it are signed with."""

    token: str
    name: str

    @classmethod
    def parse(cls, value: str, default_name: str) -> "Access":
        """`NAME:SECRET` or just `SECRET` (then signed as `default_name`)."""
        name, sep, secret = value.partition(":")
        if not sep:
            name, secret = default_name, value
        if len(secret) < 8:
            raise ValueError("the serve token must be at least 8 characters")
        return cls(secret, name or default_name)

    @classmethod
    def generate(cls, name: str) -> "Access":
        return cls(secrets.token_urlsafe(18), name)

    def matches(self, presented: str | None) -> bool:
        return bool(presented) and hmac.compare_digest(presented.encode("utf-8"), self.token.encode("utf-8"))  # type: ignore[union-attr]

    def csrf(self) -> str:
        """The anti-forgery value forms carry: derived from the token, so it cannot be guessed without it."""
        return hmac.new(self.token.encode("utf-8"), b"threadline-review-form", hashlib.sha256).hexdigest()[:32]


def _access(request: Request) -> Access | None:
    return getattr(request.app.state, "access", None)


def signed_in(request: Request) -> bool:
    """Whether this browser holds the token's cookie (pages then show the review forms)."""
    access = _access(request)
    return access is not None and access.matches(request.cookies.get(COOKIE))


def csrf_value(request: Request) -> str | None:
    access = _access(request)
    return access.csrf() if access is not None and signed_in(request) else None


def writer(request: Request, form_csrf: str | None) -> str:
    """The author of a write request, or an HTTP error: 401 without the token, 403 for a
    browser write without the form's anti-forgery value or from another origin."""
    access = _access(request)
    if access is None:
        raise HTTPException(403, "this workbench was started without writing")
    bearer = request.headers.get("authorization", "")
    if bearer.lower().startswith("bearer ") and access.matches(bearer[7:].strip()):
        return access.name
    if not access.matches(request.cookies.get(COOKIE)):
        raise HTTPException(401, "sign in with the serve token to correct items (/login)")
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "a correction must come from the workbench's own pages")
    if not form_csrf or not hmac.compare_digest(form_csrf.encode("utf-8"), access.csrf().encode("utf-8")):
        raise HTTPException(403, "the form's anti-forgery field is missing or wrong; reload the page")
    return access.name
