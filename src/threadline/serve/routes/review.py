"""Review: the audit trail, the correction forms, and the writes they post (signed in with the serve token)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from ... import review
from ...errors import ReviewError
from ...read.entities import find_entity
from ...store import Store
from .. import auth, schemas
from ..pages import NotFound, get_store, page, render, wants_json

router = APIRouter()
MAX_FORM = 64 * 1024
TARGET = re.compile(r"[A-Za-z0-9_.:' -]{1,200}")
ENTITY_KINDS = {
    "merge": ("Merge with other entities", [("with", "Other entities to merge into this one (names or ids, one a line)", "textarea")]),
    "split": ("Split a name out into its own entity", [("alias", "The name (as written) to move out", "alias")]),
    "rename": ("Rename", [("name", "Canonical name", "text")]),
    "retype": ("Fix type or country", [("type", "Type", "type"), ("country", "Country (two-letter code, e.g. KP)", "text")]),
    "not-an-entity": ("Not an entity (page furniture, a credit, a common word)", []),
}
RECORD_KINDS = {
    "reject": ("Reject: the machine got this wrong", []),
    "claimant": ("Fix the claimant", [("name", "Who claims this figure (an entity's name or the source's words)", "text")]),
}
QUANTITY_KINDS = {"explain": ("Mark the conflict as explained", [])}


def _writing(request: Request) -> dict[str, Any]:
    return {"signed_in": auth.signed_in(request), "csrf": auth.csrf_value(request)}


def _trail_item(store: Store, r: review.Review) -> dict[str, Any]:
    item = {**r.to_json(), "evidence": None}
    if r.kind in ("reject", "claimant"):
        d = r.data
        item["evidence"] = f"/documents/{d['doc']}?hl={d['start']}-{d['end']}#evidence"
    return item


@page(router, "/review", "review.html", summary="Analyst corrections in force and the whole audit trail", model=schemas.ReviewPage)
def trail(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    everything = review.trail(store)
    return {
        "active": sum(1 for r in everything if r.kind != "withdraw" and not r.withdrawn_by),
        "reviews": [_trail_item(store, r) for r in reversed(everything)],
        "writing": _writing(request),
    }


def _subject(store: Store, target: str) -> dict[str, Any]:
    """What a review target is: an entity, a record (figure, quotation, event) or a quantity."""
    if target.startswith(("f-", "a-", "e-")):
        try:
            span = review.record_target(store, target)
        except ReviewError:
            raise NotFound(f"no figure, quotation or event with id {target[:60]!r}") from None
        kinds = RECORD_KINDS if span["record"] == "figure" else {"reject": RECORD_KINDS["reject"]}
        text = store.scalar("SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", (span["start"], span["end"], span["start"], span["doc"]))
        return {"type": span["record"], "label": text, "kinds": kinds, "evidence": f"/documents/{span['doc']}?hl={span['start']}-{span['end']}#evidence"}
    row = store.query("SELECT * FROM quantities WHERE id = ?", (target,)) if target.startswith("Q") else []
    if row:
        digest = json.loads(row[0]["findings_digest"])
        return {"type": "quantity", "label": row[0]["measure"], "kinds": QUANTITY_KINDS, "figures": digest.get("conflict_figures", []), "evidence": None}
    e = find_entity(store, target)
    if e is None:
        raise NotFound(f"nothing to review named {target[:60]!r}")
    return {
        "type": "entity", "label": e["name"], "name": e["name"], "entity_type": e["type"], "country": e["country"],
        "aliases": e["aliases"], "kinds": ENTITY_KINDS, "evidence": f"/entities/{e['id']}",
    }


@page(router, "/review/new", "review_form.html", summary="The correction forms for one item", model=schemas.ReviewForm, not_found=True)
def form(
    request: Request,
    target: str | None = Query(None, min_length=1, max_length=200, pattern=TARGET.pattern, description="An entity (id or name), a record id (f-, a-, e-) or a quantity id."),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    if target is None:
        return {"target": None, "subject": None, "kinds": [], "types": list(review.ENTITY_TYPES), "writing": _writing(request)}
    subject = _subject(store, target)
    kinds = [
        {"kind": kind, "title": title, "fields": [{"name": n, "label": label, "input": i} for n, label, i in fields]}
        for kind, (title, fields) in subject.pop("kinds").items()
    ]
    return {"target": target, "subject": subject, "kinds": kinds, "types": list(review.ENTITY_TYPES), "writing": _writing(request)}


async def _fields(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, "the correction is too large")
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            raise HTTPException(400, "the body is not JSON") from None
        if not isinstance(data, dict):
            raise HTTPException(400, "the body must be a JSON object")
        return {str(k): v if isinstance(v, str) else json.dumps(v) if not isinstance(v, list) else "\n".join(map(str, v)) for k, v in data.items()}
    return {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def _lines(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[\n;]", value) if p.strip()]


def _data(store: Store, kind: str, target: str, f: dict[str, str]) -> dict[str, Any]:
    """The review's data for a form's fields."""
    subject = _subject(store, target)
    if subject["type"] == "entity":
        name = subject["name"]
        return {
            "merge": lambda: {"entities": [name, *_lines(f.get("with", ""))]},
            "split": lambda: {"entity": name, "alias": f.get("alias", "").strip()},
            "rename": lambda: {"entity": name, "name": f.get("name", "").strip()},
            "retype": lambda: {"entity": name, "type": f.get("type") or None, "country": (f.get("country") or "").strip().upper() or None},
            "not-an-entity": lambda: {"names": [target if target != subject["name"] and target in subject["aliases"] else name]},
        }.get(kind, lambda: _wrong(kind, subject))()
    if subject["type"] == "quantity":
        if kind != "explain":
            _wrong(kind, subject)
        return {"figures": sorted(set(_lines(f.get("figures", "")) or subject["figures"]))}
    if kind not in RECORD_KINDS or (kind == "claimant" and subject["type"] != "figure"):
        _wrong(kind, subject)
    data = review.record_target(store, target)
    return {**data, "name": f.get("name", "").strip()} if kind == "claimant" else data


def _wrong(kind: str, subject: dict[str, Any]) -> dict[str, Any]:
    raise HTTPException(400, f"a {kind!r} review does not apply to a {subject['type']}")


def _local(next_url: str | None, fallback: str) -> str:
    """Redirect only to a path of this workbench."""
    if next_url and next_url.startswith("/") and not next_url.startswith("//") and not urlsplit(next_url).netloc:
        return next_url
    return fallback


@router.post("/review", include_in_schema=False)
async def post_review(request: Request) -> Response:
    f = await _fields(request)
    author = auth.writer(request, f.get("csrf"))
    kind, target, reason = f.get("kind", ""), f.get("target", ""), f.get("reason", "")
    if not TARGET.fullmatch(target):
        raise HTTPException(400, "invalid target")
    with Store(request.app.state.db_path) as store:
        try:
            if kind == "withdraw":
                made = review.withdraw(store, target, reason, author=author)
            else:
                data = _data(store, kind, target, f)
                if kind in review.ENTITY_KINDS:
                    data = review.canonical_entities(store, kind, data, find_entity)
                made = review.add(store, kind, target, data, reason, author=author)
        except ReviewError as exc:
            raise HTTPException(400, exc.args[0]) from None
        from ...resolve import resolve

        resolve(store, request.app.state.config)
    if wants_json(request) or request.headers.get("authorization"):
        return JSONResponse({"review": made.to_json()}, status_code=201)
    return RedirectResponse(_local(f.get("next"), f"/review#r-{made.id}"), status_code=303)


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str | None = Query(None, max_length=300)) -> Response:  # noqa: A002
    return render(request, "login.html", {"next": _local(next, "/review"), "failed": False, "writing": _writing(request)})


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    f = await _fields(request)
    access: auth.Access | None = getattr(request.app.state, "access", None)
    if access is None or not access.matches(f.get("token")):
        return render(request, "login.html", {"next": _local(f.get("next"), "/review"), "failed": True, "writing": _writing(request)}, status=401)
    response = RedirectResponse(_local(f.get("next"), "/review"), status_code=303)
    response.set_cookie(auth.COOKIE, access.token, httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/")
    return response

