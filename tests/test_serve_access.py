"""The workbench off this machine: the token every request needs beyond loopback, and request limits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from urllib.parse import quote

import httpx
import pytest

from threadline.cli import main
from threadline.serve.auth import COOKIE, Access
from threadline.serve.guard import is_loopback
from threadline.serve.limits import MAX_BODY, MAX_PARAMETERS, MAX_QUERY
from threadline.serve.pages import CSP

from .workbench_data import Client

TOKEN = "correct-horse-battery-staple-42"
BEARER = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def guarded(workbench):
    return Client(workbench["db"], access=Access(TOKEN, "analyst"), guard_reads=True)


def routes(items):
    """The app's routes, through the routers it includes."""
    for route in items:
        included = getattr(route, "original_router", None)
        yield from routes(included.routes) if included is not None else [route]


def page_paths(client, workbench) -> list[str]:
    """Every page and JSON twin the app has, its ids filled from the workbench store."""
    fill = {"{doc_id}": workbench["doc"], "{entity_id}": "E" + "0" * 15}
    paths = []
    for route in routes(client.app.routes):
        path = getattr(route, "path", "")
        if "GET" not in (getattr(route, "methods", None) or ()) or path in ("/login", "/openapi.json") or path.startswith("/static"):
            continue
        for key, value in fill.items():
            path = path.replace(key, value)
        if "{" in path:  # an id of a kind the workbench store has no fixture for (review targets)
            continue
        paths.append(path)
    return paths


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("example.org", False)],
)
def test_serve_access_knows_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("args", [["--host", "0.0.0.0"], ["--host", "192.168.1.4", "--port", "9000"], ["--host", "::"]])
def test_serve_access_refuses_other_hosts_without_a_token(workbench, capsys, monkeypatch, args):
    monkeypatch.delenv("THREADLINE_TOKEN", raising=False)
    assert main(["--db", str(workbench["db"]), "serve", *args]) == 2
    err = capsys.readouterr().err
    assert "access token" in err and "--token" in err and "THREADLINE_TOKEN" in err and "Traceback" not in err


def test_serve_access_every_page_needs_the_token(guarded, workbench):
    paths = page_paths(guarded, workbench)
    assert len(paths) > 20 and "/documents.json" in paths and "/entities/E000000000000000" in paths
    for path in paths:
        bare = guarded.get(path)
        if path.endswith(".json"):
            assert bare.status_code == 401, path
            assert bare.json()["error"]["status"] == 401 and bare.headers["www-authenticate"].startswith("Bearer")
        else:
            assert bare.status_code == 303 and bare.headers["location"] == "/login?next=" + quote(path, safe=""), path
        assert bare.headers["content-security-policy"] == CSP, path
        assert guarded.get(path, authorization="Bearer wrong-token-wrong-token").status_code in (401, 303), path
        assert guarded.get(path, **BEARER).status_code in (200, 404), path
        assert guarded.request("GET", path, cookies={COOKIE: TOKEN}).status_code in (200, 404), path
    assert guarded.get("/entities/E000000000000000.json", **BEARER).status_code == 404
    assert guarded.get("/openapi.json").status_code == 401 and guarded.get("/openapi.json", **BEARER).status_code == 200
    assert guarded.get("/index.json", accept="application/json", authorization=f"bearer {TOKEN}").status_code == 200


def test_serve_access_static_files_and_the_sign_in_are_public(guarded):
    assert guarded.get("/static/app.css").status_code == 200
    form = guarded.get("/login?next=/figures")
    assert form.status_code == 200 and 'name="token"' in form.text
    signed = guarded.request("POST", "/login", data={"token": TOKEN, "next": "/figures"})
    assert signed.status_code == 303 and signed.headers["location"] == "/figures" and "HttpOnly" in signed.headers["set-cookie"]
    assert guarded.request("POST", "/login", data={"token": "not-the-token-at-all"}).status_code == 401


def test_serve_access_malformed_credentials_are_refused(guarded):
    for headers in ({"authorization": "Bearer"}, {"authorization": "Basic " + TOKEN}, {"cookie": f"{COOKIE}=\"unclosed"},
                    {"cookie": "a=b; " + COOKIE + "=" + "f" * 64}, {"authorization": "Bearer " + TOKEN + "x"}):
        assert guarded.get("/index.json", **headers).status_code == 401, headers


def test_serve_access_loopback_reads_without_a_token(workbench):
    assert Client(workbench["db"], access=Access(TOKEN, "analyst")).get("/index.json").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/search.json?q=" + "x" * (MAX_QUERY + 1), {}, 414),
        ("GET", "/timeline.json?" + "&".join(f"type=t{i}" for i in range(MAX_PARAMETERS + 1)), {}, 400),
        ("GET", "/documents/" + "a" * 9000, {}, 414),
        ("POST", "/index.json", {"content": b"x" * (MAX_BODY + 1)}, 413),
        ("POST", "/index.json", {"headers": {"content-length": "12x"}, "content": b"x"}, 400),
    ],
)
def test_serve_limits_refuse_oversized_requests(workbench, method, path, kwargs, status):
    r = Client(workbench["db"]).request(method, path, **kwargs)
    assert r.status_code == status, (path[:60], r.status_code)
    assert r.headers["content-security-policy"] == CSP
    assert "Traceback" not in r.text


def test_serve_limits_refuse_a_body_of_unknown_length(workbench):
    async def chunks():
        yield b"token=" + b"x" * 10

    r = Client(workbench["db"], access=Access(TOKEN, "analyst")).request("POST", "/login", content=chunks())
    assert r.status_code == 411


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_access_token_from_the_environment_guards_a_real_server(workbench):
    port = _free_port()
    env = dict(os.environ, THREADLINE_TOKEN=TOKEN)
    server = subprocess.Popen([sys.executable, "-m", "threadline", "--db", str(workbench["db"]), "serve", "--host", "0.0.0.0", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                first = httpx.get(base + "/index.json", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()
                time.sleep(0.1)
        assert first.status_code == 401
        assert httpx.get(base + "/index.json", headers=BEARER, timeout=5).status_code == 200
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert "every request needs the token" in out and TOKEN not in out
