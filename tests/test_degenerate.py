"""Every CLI command, every workbench page and its JSON twin, the report and every export on degenerate
stores: empty, one document, no English document, no actors. Commands and routes are enumerated from the
click group and the FastAPI app, so a new one is covered without being listed here."""

from __future__ import annotations

import json
import shutil
from xml.etree import ElementTree

import pytest

import threadline
from threadline.cli import cli, main

from .degenerate_data import CORPORA, REVIEW_OPTIONS, invocations, review_values, routes, write_corpus
from .workbench_data import Client

NOTHING = ("no ", "nothing", "none", ": 0")  # how an empty listing says so


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """Each degenerate corpus run once through the main job; tests copy the store before writing to it."""
    built = {}
    for name, texts in CORPORA.items():
        folder = tmp_path_factory.mktemp(name.replace(" ", "-"))
        inputs = write_corpus(folder / "in", texts)
        with threadline.open(folder / "store.db") as corpus:
            summary = corpus.run([str(inputs)], report=str(folder / "report.html"))
            counts = corpus.export(folder / "export.json")
        built[name] = {"db": folder / "store.db", "inputs": inputs, "summary": summary, "counts": counts}
    return built


def test_degenerate_stores_are_what_they_say(stores):
    counts = {name: s["counts"] for name, s in stores.items()}
    assert counts["empty"]["documents"] == 0
    assert counts["one document"]["documents"] == 1 and counts["one document"]["entities"] > 0
    for kind in ("figures", "events", "stories"):
        assert counts["one document"][kind] == 0, kind
    assert counts["no English document"]["documents"] == 2 and counts["no English document"]["mentions"] == 0
    assert counts["no actors"]["documents"] == 1 and counts["no actors"]["entities"] == 0
    for s in stores.values():
        assert s["summary"].report  # the main job wrote its report


def _values(store, folder):
    with threadline.open(store["db"], readonly=True) as corpus:
        doc = next(corpus.documents(), None)
        entity = corpus.store.scalar("SELECT name FROM entities ORDER BY mentions DESC LIMIT 1")
    return {
        "paths": str(store["inputs"]),
        "sources": str(store["inputs"]),
        "query": "rain",
        "doc_id": doc.id if doc else "0123456789abcdef",
        "name_or_id": entity or "Nobody",
        **review_values(entity, doc.id if doc else None, folder),
    }


@pytest.mark.parametrize("kind", list(CORPORA))
def test_degenerate_every_command_works_or_says_what_is_missing(kind, stores, tmp_path, monkeypatch, capsys):
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(app))
    from threadline.cli import watch as watch_cli

    polls = watch_cli.run
    monkeypatch.setattr(watch_cli, "run", lambda watcher, **kw: polls(watcher, **{**kw, "once": True}))  # one poll, not forever
    monkeypatch.chdir(tmp_path)  # commands writing to default paths write here
    values = _values(stores[kind], tmp_path)
    tried = 0
    for i, (name, argv) in enumerate(invocations(cli, values, {"output": "{out}", **REVIEW_OPTIONS})):
        db = tmp_path / f"{i}.db"
        shutil.copy(stores[kind]["db"], db)
        out = tmp_path / f"out-{i}"
        argv = [str(out) if a == "{out}" else a for a in argv]
        code = main(["--db", str(db), *argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, name
        if code:  # only a lookup of something that is not there may fail, with one plain line
            assert code == 1 and argv[0] in ("show", "entity", "review"), (name, captured.err)
            assert captured.err.startswith("threadline: error:") and captured.err.count("\n") == 1, name
            assert " no " in captured.err, name
            continue
        text = captured.out.strip()
        assert text, f"{name} printed nothing"
        if "--json" in argv:
            json.loads(text)
        elif kind == "empty" and argv[0] not in ("config", "serve", "export", "report", "run", "ingest"):
            assert any(word in text.lower() for word in NOTHING), (name, text)
        if "-o" in argv or "--output" in argv:
            assert out.exists(), name
        tried += 1
    assert tried > 20 and served  # the commands ran, `serve` up to starting the server


@pytest.mark.parametrize("kind", list(CORPORA))
def test_degenerate_every_page_and_twin(kind, stores):
    client = Client(stores[kind]["db"])
    with threadline.open(stores[kind]["db"], readonly=True) as corpus:
        doc_id = corpus.store.scalar("SELECT id FROM documents LIMIT 1")
        entity_id = corpus.store.scalar("SELECT id FROM entities ORDER BY mentions DESC LIMIT 1")
    params = {"doc_id": doc_id or "0123456789abcdef", "entity_id": entity_id or "E0123456789a"}
    missing = {"{doc_id}": doc_id is None, "{entity_id}": entity_id is None}
    paths = routes(client.app)
    assert len(paths) > 10
    for path in paths:
        url = path.format(**params)
        response = client.get(url)
        if any(missing[p] for p in missing if p in path):  # the item is not there: a 404 in the one error shape
            assert response.status_code == 404, url
            assert not url.endswith(".json") or response.json()["error"]["status"] == 404
            continue
        assert response.status_code == 200, (url, response.text[:300])
        if url.endswith(".json"):
            response.json()
        elif url.endswith(".atom"):
            ElementTree.fromstring(response.content)
        else:
            assert "<h1>" in response.text
            if kind == "empty" and url not in ("/search", "/login"):  # a search box and a sign-in form list nothing
                assert 'class="empty"' in response.text, url


@pytest.mark.parametrize("kind", list(CORPORA))
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_degenerate_report_says_nothing_yet(kind, fmt, stores, tmp_path):
    from threadline.report import write_report

    with threadline.open(stores[kind]["db"], readonly=True) as corpus:
        text = write_report(corpus, tmp_path / f"r.{fmt}", fmt).read_text("utf-8")
    if kind in ("empty", "no English document", "no actors"):
        assert "No actor is named together with another yet" in text
    if kind == "empty":
        assert "Nothing yet: the store holds no documents" in text
        assert "No figures have been extracted" in text and "No events" in text
