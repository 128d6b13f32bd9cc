"""Polite HTTP fetching: timeouts, retries with backoff, a per-host delay, robots.txt, conditional GET, a size cap, bounded redirects."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    host_delay: float = 1.0
    max_bytes: int = 8 * 2**20
    max_redirects: int = 5
    user_agent: str = "Threadline"

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> "FetchSettings":
        return cls(
            timeout=float(cfg["timeout"]),
            retries=int(cfg["retries"]),
            backoff=float(cfg["backoff"]),
            host_delay=float(cfg["host_delay"]),
            max_bytes=int(float(cfg["max_mb"]) * 2**20),
            max_redirects=int(cfg["max_redirects"]),
            user_agent=str(cfg["user_agent"]),
        )


@dataclass(frozen=True)
class Fetched:
    """One fetch: `status` is "ok", "unchanged" (304), "robots" (disallowed) or "error"; `code` the HTTP status."""

    url: str
    status: str
    code: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


class Fetcher:
    """One HTTP client for a poll: robots.txt read once per host, requests to a host spaced by `host_delay`."""

    def __init__(self, settings: FetchSettings, *, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.client = httpx.Client(
            timeout=settings.timeout, follow_redirects=False, headers={"User-Agent": settings.user_agent}
        )
        self._robots: dict[str, Protego | None] = {}
        self._last: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def new_round(self) -> None:
        """Forget robots.txt rules, so each poll reads them afresh."""
        self._robots.clear()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, following at most `max_redirects` redirects, each hop allowed by robots.txt."""
        seen: set[str] = set()
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                return Fetched(url, "error", error=f"not an http(s) URL: {current[:200]}")
            if not self.allowed(current):
                return Fetched(url, "robots", error=f"disallowed by robots.txt: {current[:200]}")
            seen.add(current)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            result = self._request(url, current, headers)
            if not isinstance(result, str):
                return result
            if result in seen:
                return Fetched(url, "error", error=f"redirect loop at {result[:200]}")
            current = result
        return Fetched(url, "error", error=f"more than {self.settings.max_redirects} redirects")

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            got = self._request(host + "/robots.txt", host + "/robots.txt", {})
            ok = isinstance(got, Fetched) and got.status == "ok"
            self._robots[host] = Protego.parse(got.body.decode("utf-8", "replace")) if ok else None  # type: ignore[union-attr]
        rules = self._robots[host]
        return rules is None or bool(rules.can_fetch(url, self.settings.user_agent))

    def _request(self, url: str, current: str, headers: dict[str, str]) -> Fetched | str:
        """One hop with retries: a `Fetched`, or the next URL of a redirect."""
        error = ""
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.sleep(self.settings.backoff * 2 ** (attempt - 1))
            self._wait(current)
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        return urljoin(current, response.headers["location"])
                    if response.status_code in RETRY_STATUS:
                        error = f"HTTP {response.status_code}"
                        continue
                    if response.status_code == 304:
                        return Fetched(url, "unchanged", 304, etag=headers.get("If-None-Match"), last_modified=headers.get("If-Modified-Since"))
                    if response.status_code >= 400:
                        return Fetched(url, "error", response.status_code, error=f"HTTP {response.status_code}")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > self.settings.max_bytes:
                            return Fetched(url, "error", response.status_code, error=f"larger than {self.settings.max_bytes} bytes")
                    return Fetched(
                        url, "ok", response.status_code, bytes(body), response.headers.get("content-type", ""),
                        response.headers.get("etag"), response.headers.get("last-modified"),
                    )
            except httpx.TimeoutException:
                error = f"timed out after {self.settings.timeout:g} s"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"[:300]
        return Fetched(url, "error", error=error)

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            pause = last + self.settings.host_delay - self.clock()
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.clock()
