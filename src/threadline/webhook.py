"""Alerts POSTed to a webhook as JSON, signed with HMAC-SHA256, retried with backoff."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import httpx

from .store import Store

SIGNATURE_HEADER = "X-Threadline-Signature"


def signature(secret: str, body: bytes) -> str:
    """`sha256=<hex>` of the body under `secret`: the receiver recomputes it to check the sender."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post(
    url: str,
    alerts: list[dict[str, Any]],
    *,
    secret: str = "",
    retries: int = 3,
    backoff: float = 2.0,
    timeout: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
) -> str | None:
    """POST `{"alerts": [...]}`; None when a 2xx answer came, else the last error after every retry."""
    body = json.dumps({"alerts": alerts}, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, body)
    error = "not sent"
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for attempt in range(retries + 1):
            if attempt:
                sleep(backoff * 2 ** (attempt - 1))
            try:
                response = client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"[:300]
                continue
            if 200 <= response.status_code < 300:
                return None
            error = f"HTTP {response.status_code}"
    return error


def deliver(store: Store, cfg: dict[str, Any], *, sleep: Callable[[float], None] = time.sleep) -> tuple[int, str | None]:
    """Send every undelivered alert to the configured webhook in one POST; mark them delivered when it is accepted.
    Returns (alerts delivered, error); alerts that fail stay undelivered and go with the next poll's."""
    from . import alerts

    pending = alerts.undelivered(store)
    if not cfg["webhook"] or not pending:
        return 0, None
    error = post(
        cfg["webhook"], pending, secret=cfg["webhook_secret"], retries=int(cfg["webhook_retries"]),
        backoff=float(cfg["webhook_backoff"]), sleep=sleep,
    )
    if error:
        return 0, error
    alerts.mark_delivered(store, [a["id"] for a in pending])
    return len(pending), None
