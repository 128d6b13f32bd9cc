"""Article text is attacker-controlled: escaping, headers, input validation, static files, errors."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import quote

import pytest

from threadline.serve.pages import CSP, safe_url

from .workbench_data import HOSTILE_FILE_NAME, Client

PROBE_QUERIES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]


@pytest.fixture(scope="module")
def client(workbench):
    return Client(workbench["db"])


def hostile_pages(workbench):
    return [
        "/",
        f"/documents/{workbench['doc']}",
        f"/documents/{workbench['doc']}?hl=0-40",
        "/documents",
        "/figures",
        "/timeline",
        "/network?limit=2000",
        "/map",
        "/stories",
        "/sources",
        "/rejected",
        "/entities?limit=500",
        *[f"/search?q={quote(q)}" for q in PROBE_QUERIES],
    ]


def assert_inert(html: str) -> None:
    """No markup from the data survives: every script is ours, no handler attribute, no script URL."""
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert tag == '<script type="application/json" id="span-data">' or re.fullmatch(r'<script( type="application/json" id="[a-z-]+"| src="/static/[\w./-]+")>', tag), tag
    assert not re.search(r"<(img|svg|a|iframe)\b[^>]*\son\w+=", html, re.I)
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    assert "<img" not in html and "<svg onload" not in html.lower()
    json_blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert all("<" not in block for block in json_blocks)


def test_serve_hostile_text_is_escaped_everywhere(client, workbench):
    for path in hostile_pages(workbench):
        page = client.get(path)
        assert page.status_code == 200, path
        assert_inert(page.text)
    doc = client.get(f"/documents/{workbench['doc']}").text
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in doc
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in doc
    assert "javascript:alert(document.domain)" in doc and 'href="javascript' not in doc
    rejected = client.get("/rejected").text
    assert quote(HOSTILE_FILE_NAME) not in rejected and "&#34;&gt;&lt;img src=x onerror=alert(7)&gt;.pdf" in rejected


def test_serve_hostile_search_is_echoed_escaped(client):
    page = client.get("/search?q=" + quote('"><img src=x onerror=alert(1)>'))
    assert 'value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in page.text
    assert client.get("/search.json?q=" + quote("<script>")).json()["q"] == "<script>"


def test_serve_security_headers_on_every_response(client, workbench):
    for path in ["/", "/index.json", f"/documents/{workbench['doc']}", "/static/app.css", "/nowhere", "/documents/nothing.json", "/entities.json?limit=0"]:
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "same-origin"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


@pytest.mark.parametrize(
    "path",
    [
        "/documents/zzzz",
        "/documents/ffffffffffffffff",
        "/documents/" + quote("<script>alert(1)</script>", safe=""),
        "/documents/" + "a" * 5000,
        "/entities/" + quote("'; DROP TABLE entities; --", safe=""),
        "/entities/Enothere",
        "/no/such/page",
    ],
)
def test_serve_bad_ids_give_404_in_one_shape(client, path):
    page = client.get(path)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Traceback" not in page.text and "<h1>404 Not Found</h1>" in page.text
    as_json = client.get(path + ".json") if not path.startswith("/no/") else client.get(path, accept="application/json")
    assert as_json.status_code == 404
    body = as_json.json()
    assert set(body) == {"error"} and body["error"]["status"] == 404 and body["error"]["title"] == "Not Found"
    assert "<script>" not in client.get(path).text


@pytest.mark.parametrize(
    "path",
    [
        "/entities.json?limit=0",
        "/entities.json?limit=100000",
        "/entities.json?limit=abc",
        "/entities.json?offset=-1",
        "/entities.json?type=" + quote("GPE' OR 1=1"),
        "/documents/0000000000000000.json?hl=abc",
        "/documents/0000000000000000.json?hl=1-2-3",
        "/search.json?q=" + "x" * 201,
        "/network.json?since=yesterday",
        "/network.json?limit=5000",
        "/figures.json?conflicts=maybe",
    ],
)
def test_serve_bad_parameters_give_400(client, path):
    r = client.get(path)
    assert r.status_code == 400, path
    error = r.json()["error"]
    assert error["status"] == 400 and error["detail"].startswith("invalid parameter:")


@pytest.mark.parametrize(
    "path",
    ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/vendor/..%2f..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fstore.py", "/static/"],
)
def test_serve_static_routes_refuse_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "create_app" not in r.text and "import" not in r.text


def test_serve_wrong_method_is_405_with_allow(client):
    r = client.request("POST", "/index.json")
    assert r.status_code == 405 and r.headers["allow"] and r.json()["error"]["status"] == 405


def test_serve_internal_error_shows_no_trace(workbench, monkeypatch):
    from threadline.read import queries

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /private/path")

    monkeypatch.setattr(queries, "sources", broken)
    client = Client(workbench["db"], raise_errors=False)
    for path in ("/sources", "/sources.json"):
        r = client.get(path)
        assert r.status_code == 500 and "secret" not in r.text and "Traceback" not in r.text
        assert r.headers["content-security-policy"] == CSP
    assert client.get("/sources.json").json()["error"]["detail"] == "internal error; see the server log"


def test_serve_reads_while_a_writer_holds_the_store(workbench, tmp_path):
    source = sqlite3.connect(workbench["db"])
    copy = tmp_path / "busy.db"
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.execute("PRAGMA journal_mode = WAL")
    target.execute("BEGIN IMMEDIATE")
    target.execute("DELETE FROM rejections")
    client = Client(copy)
    assert client.get("/rejected.json").json()["rejected"]  # the uncommitted delete is not seen
    target.execute("ROLLBACK")
    target.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        (" http://example.org ", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("http:///nohost", None),
        (None, None),
    ],
)
def test_serve_only_http_links_are_links(url, expected):
    assert safe_url(url) == expected


def test_serve_repeated_single_parameters_are_refused(client):
    assert client.get("/timeline.json?actor=a&actor=b").status_code == 400
    assert client.get("/search?q=a&q=b").status_code == 400
    assert client.get("/timeline.json?type=recruitment&type=arrest").status_code == 200  # a list parameter
