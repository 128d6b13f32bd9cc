"""A damaged store (truncated, not a database, random bytes, a damaged schema page, damaged data pages):
every command exits non-zero with one line naming the file, `serve` refuses to start, and the workbench
answers a page it cannot read with a 503 naming the file. Never a traceback."""

from __future__ import annotations

import os
import sqlite3

import pytest

import threadline
from threadline.cli import cli, main
from threadline.errors import StoreError

from .conftest import ARTICLE_TXT, article
from .degenerate_data import REVIEW_OPTIONS, invocations, review_values
from .workbench_data import Client


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A small store with documents and no analysis (damage does not depend on what the store holds)."""
    folder = tmp_path_factory.mktemp("damage")
    inputs = folder / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    for n in range(40):
        (inputs / f"n{n}.txt").write_text(article(n, words=400), encoding="utf-8")
    with threadline.open(folder / "good.db") as corpus:
        corpus.ingest([str(inputs)])
        corpus.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"db": folder / "good.db", "inputs": inputs}


def _page_size(data: bytes) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


def damage(good: bytes, how: str) -> bytes:
    page = _page_size(good)
    if how == "truncated":
        return good[: len(good) // 3]
    if how == "text file":
        return b"these are not the pages you are looking for\n" * 10
    if how == "random bytes":
        return bytes((i * 7919 + 13) % 251 for i in range(len(good)))
    if how == "schema page":  # the header kept, the first page's table of contents overwritten
        return good[:100] + b"\xa5" * (page - 100) + good[page:]
    raise ValueError(how)


KINDS = ["truncated", "text file", "random bytes", "schema page"]


@pytest.mark.parametrize("how", KINDS)
def test_store_damage_every_command_fails_with_one_line_naming_the_file(how, good, tmp_path, monkeypatch, capsys):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("serve started on a damaged store"))
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "damaged.db"
    data = damage(good["db"].read_bytes(), how)
    values = {"paths": str(good["inputs"]), "sources": str(good["inputs"]), "query": "recruits", "doc_id": "0123456789abcdef", "name_or_id": "Nepal",
              **review_values("Nepal", None, tmp_path)}
    tried = 0
    for name, argv in invocations(cli, values, {"output": str(tmp_path / "out"), **REVIEW_OPTIONS}):
        if argv[:2] == ["config", "show"]:  # reads no store
            continue
        db.write_bytes(data)
        for extra in ("-wal", "-shm"):
            if os.path.exists(f"{db}{extra}"):
                os.remove(f"{db}{extra}")
        code = main(["--db", str(db), *argv])
        err = capsys.readouterr().err
        assert code == 1, (name, err)
        assert err.startswith("threadline: error: [T002]") and err.count("\n") == 1, (name, err)
        assert str(db) in err and "damaged or not a Threadline store" in err, (name, err)
        tried += 1
    assert tried > 20


@pytest.mark.parametrize("how", KINDS)
def test_store_damage_workbench_refuses_to_start(how, good, tmp_path):
    from threadline.serve.app import create_app

    db = tmp_path / "damaged.db"
    db.write_bytes(damage(good["db"].read_bytes(), how))
    with pytest.raises(StoreError, match="damaged or not a Threadline store") as caught:
        create_app(db)
    assert str(db) in str(caught.value)


def test_store_damage_found_while_serving_is_a_503_naming_the_file(good, tmp_path):
    db = tmp_path / "served.db"
    data = good["db"].read_bytes()
    db.write_bytes(data)
    client = Client(db, raise_errors=False)
    assert client.get("/documents.json").status_code == 200
    page = _page_size(data)
    db.write_bytes(data[:page] + b"\xee" * (len(data) - page))  # every page but the first
    response = client.get("/documents.json")
    assert response.status_code == 503
    detail = response.json()["error"]["detail"]
    assert str(db) in detail and "damaged" in detail


def test_store_damage_a_good_store_still_opens(good, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(good["db"].read_bytes())
    with threadline.open(db, readonly=True) as corpus:
        assert corpus.stats()["documents"] == 41


@pytest.mark.parametrize("argv", [["stats"], ["search", "recruits"], ["export", "-o", "out.json"], ["report", "-o", "r.md"], ["analyze"]])
def test_store_damage_found_after_opening_names_the_file(argv, good, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "pages.db"
    data = bytearray(good["db"].read_bytes())
    page = _page_size(data)
    with sqlite3.connect(good["db"]) as con:  # the schema's pages kept, every other page overwritten
        schema = {n for (n,) in con.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")}
    for n in range(2, len(data) // page + 1):
        if n not in schema:
            data[(n - 1) * page : n * page] = b"\xee" * page
    db.write_bytes(data)
    with threadline.open(db, readonly=True):  # it opens: the damage is found by the first read
        pass
    assert main(["--db", str(db), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("threadline: error: [T002]") and err.count("\n") == 1 and str(db) in err, err
    assert not list(tmp_path.glob("*.part"))  # no half-written file left behind
