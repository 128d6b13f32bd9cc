"""Store: migrations, read-only readers, and surviving SIGKILL mid-run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from threadline.errors import StoreError
from threadline.migrations import MIGRATIONS
from threadline.store import Store

from .conftest import article


def dump(db_path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(db_path)
    tables = ["documents", "document_sources", "rejections"]
    out = {t: db.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    out["fts"] = db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'recruiters' ORDER BY rowid").fetchall()
    db.close()
    return out


def test_store_migrations_are_numbered_and_recorded(tmp_path):
    versions = [v for v, _, _ in MIGRATIONS]
    assert versions == sorted(set(versions)) and versions[0] == 1
    store = Store(tmp_path / "s.db")
    assert store.schema_version() == versions[-1]
    assert store.scalar("PRAGMA journal_mode") == "wal"
    store.close()
    Store(tmp_path / "s.db").close()  # reopening migrates nothing and fails nothing


def test_store_refuses_newer_schema(tmp_path):
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute("PRAGMA user_version = 9999")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "s.db")


def test_store_refuses_non_sqlite_file(tmp_path):
    (tmp_path / "s.db").write_text("not a database at all, just text" * 100)
    with pytest.raises(StoreError):
        Store(tmp_path / "s.db")


def test_store_readonly_cannot_write(tmp_path):
    Store(tmp_path / "s.db").close()
    ro = Store(tmp_path / "s.db", readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.db.execute("INSERT INTO runs(started) VALUES ('x')")


def test_store_readonly_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "none.db", readonly=True)


def _ingest_cmd(db, src):
    return [sys.executable, "-m", "threadline", "--db", str(db), "ingest", str(src)]


def test_store_sigkill_mid_run_then_resume_equals_uninterrupted(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(1500):
        (src / f"a{i:05d}.txt").write_text(article(i), encoding="utf-8")
    (src / "zz-bad.pdf").write_bytes(b"%PDF-1.4 junk")
    env = dict(os.environ, THREADLINE_INGEST_BATCH_SIZE="25")

    killed_db = tmp_path / "killed.db"
    proc = subprocess.Popen(_ingest_cmd(killed_db, src), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if killed_db.exists():
            try:
                ro = sqlite3.connect(f"file:{killed_db}?mode=ro", uri=True)
                committed = ro.execute("SELECT count(*) FROM documents").fetchone()[0]
                ro.close()
            except sqlite3.OperationalError:
                committed = 0
            if committed >= 100:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = dump(killed_db)
    assert 100 <= len(partial["documents"]) < 1500
    # every committed document is whole: its text is there and indexed
    assert all(row[2] for row in partial["documents"])

    subprocess.run(_ingest_cmd(killed_db, src), env=env, check=True, capture_output=True)
    clean_db = tmp_path / "clean.db"
    subprocess.run(_ingest_cmd(clean_db, src), env=env, check=True, capture_output=True)
    resumed, clean = dump(killed_db), dump(clean_db)
    assert len(clean["documents"]) == 1500
    assert resumed == clean


def test_store_dumps_writes_what_json_dumps_with_the_stored_options_writes():
    """The one shared encoder writes each column as `json.dumps` with sorted keys, no ASCII
    escaping and no spaces did, so stored JSON is unchanged."""
    import json

    from threadline.store import dumps

    values = [
        {"text": "Kyiv’s mayor", "start": 3, "end": 9, "entity": None, "hedged": True, "b": [1.5, -0.0, 1e21]},
        {"z": {"y": {"x": ["é", "\u2028", "\n"]}}, "a": []},
        "a plain string",
        42,
        [],
        {},
    ]
    for value in values:
        assert dumps(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert dumps({"b": 1, "a": 2}) == '{"a":2,"b":1}'
