"""The login form that turns the access token into a session cookie, and the logout that ends it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from ..access import COOKIE, Access, form_value, login_target, require_csrf
from ..pages import render

router = APIRouter(include_in_schema=False)


def _access(request: Request) -> Access:
    access: Access = request.app.state.access
    return access


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:  # noqa: A002 - the query parameter's name
    return render(request, "login.html", {"next": login_target(next), "failed": False})


@router.post("/login")
async def login(request: Request) -> Response:
    body = await request.body()
    target = login_target(form_value(body, "next"))
    access = _access(request)
    if not access.matches(form_value(body, "token")):
        return render(request, "login.html", {"next": target, "failed": True}, status=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, access.session, httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/")
    return response


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
