"""The Ray engine: the same store as the local engine, an idempotent and resumable merge, and a clear error without Ray.

One module-scoped fixture runs the example corpus plus a folder of awkward
inputs (a duplicate, rejections of several kinds, a WARC, a French article)
through both engines into two stores with the same configuration, on a local
two-CPU Ray instance. Every table listed in sqlite_master is compared row by
row, rowids included, ordered by primary key. Left out: the `started` and
`finished` timestamps of `runs` (wall-clock times of each run). The FTS5 index
shadow tables (`documents_fts_data`, `_idx`) hold b-tree segments whose layout
follows commit history rather than content, so the index is compared through
its `docsize` table and a few searches instead.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from threadline import config as config_mod
from threadline.cli import main
from threadline.corpus import Corpus

from .conftest import ARTICLE_HTML, ARTICLE_TXT, article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"
RUN_SPECIFIC = {"runs": ("started", "finished")}
FTS_LAYOUT = ("documents_fts_data", "documents_fts_idx")

FRENCH = (
    "Des recruteurs ont promis des emplois bien payés à des jeunes hommes venus de plusieurs pays.\n\n"
    "Selon les familles, les contrats signés à Moscou les ont envoyés sur le front quelques semaines plus tard.\n\n"
    "Les autorités ont ouvert une enquête sur les agences qui ont organisé les voyages.\n"
)


def _warc_record(uri: str, ctype: str, body: str) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n".encode() + body.encode("utf-8")
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-14T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{len(uri):012d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n")


def write_awkward_inputs(folder: Path) -> Path:
    """Inputs that exercise duplicates, rejections, WARC offsets, nested folders and a skipped language."""
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / "nepal-recruits-kathmandu-ledger.txt", folder / "copy-of-nepal.txt")
    (folder / "short.txt").write_text("Too short to be an article.\n", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / ".hidden.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        '{"text": %s, "outlet": "Wire Feed"}\n{not json\n{"title": "no body"}\n' % json.dumps(article(7)),
        encoding="utf-8",
    )
    (folder / "crawl.warc.gz").write_bytes(
        _warc_record("https://steppe-courier.example/a", "text/html; charset=utf-8", ARTICLE_HTML)
        + _warc_record("https://steppe-courier.example/logo", "image/png", "not html")
        + _warc_record("https://steppe-courier.example/b", "text/html", ARTICLE_HTML.replace("five years", "six years"))
    )
    (folder / "sub").mkdir()
    (folder / "sub" / "report.txt").write_text(article(3), encoding="utf-8")
    (folder / "sub" / "francais.txt").write_text(FRENCH, encoding="utf-8")
    # analysed in windows (longer than analyze.window_chars), and quarantined (longer than max_document_mb)
    (folder / "sub" / "long.txt").write_text(article(21, words=1400), encoding="utf-8")
    (folder / "sub" / "too-long.txt").write_text(article(22, words=3000), encoding="utf-8")
    return folder


def _config() -> dict:
    cfg = config_mod.load(env={})
    cfg["ingest"]["batch_size"] = 5  # several transactions in ingest and in the merge
    cfg["analyze"]["batch_size"] = 4  # several actor batches
    cfg["analyze"]["workers"] = 2
    cfg["analyze"]["window_chars"] = 7000  # above every example article
    cfg["analyze"]["max_document_mb"] = 15000 / 2**20
    return cfg


def _copy(src: Path, dst: Path) -> Path:
    with closing(sqlite3.connect(src)) as a, closing(sqlite3.connect(dst)) as b:
        a.backup(b)
    return dst


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    ray = pytest.importorskip("ray")
    from threadline.engines import ray_engine

    tmp = tmp_path_factory.mktemp("engines")
    inputs = [str(EXAMPLES), str(write_awkward_inputs(tmp / "awkward"))]
    report = str(tmp / "report.html")  # one path, so the run summaries match too
    with Corpus(tmp / "local.db", config=_config()) as corpus:
        local_summary = corpus.run(inputs, report=report)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Corpus(tmp / "ray.db", config=_config()) as corpus:
            ray_summary = ray_engine.run(corpus, inputs, work=str(tmp / "work"), keep_shards=True, report=report)
    finally:
        ray.shutdown()
    return {
        "dir": tmp, "inputs": inputs, "report": report, "local": tmp / "local.db", "ray": tmp / "ray.db",
        "work": str(tmp / "work"), "summaries": (local_summary, ray_summary),
    }


def _tables(db: sqlite3.Connection) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def _primary_key(db: sqlite3.Connection, table: str) -> list[str]:
    cols = sorted((c for c in db.execute(f"PRAGMA table_info({table})") if c[5]), key=lambda c: c[5])
    return [c[1] for c in cols] or ["rowid"]


def _snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows with their rowids, by primary key; run-specific columns left out."""
    out = {}
    with closing(sqlite3.connect(path)) as db:
        for table in _tables(db):
            if table in FTS_LAYOUT:
                continue
            cols = [c[1] for c in db.execute(f"PRAGMA table_info({table})") if c[1] not in RUN_SPECIFIC.get(table, ())]
            order = ", ".join(_primary_key(db, table))
            try:
                out[table] = db.execute(f"SELECT rowid, {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()
            except sqlite3.OperationalError:  # a WITHOUT ROWID table
                out[table] = db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()
        for term in ("Nepal", "recruiters", "Tashkent"):
            out[f"search {term}"] = db.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid", (term,)
            ).fetchall()
    return out


def _assert_same(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> None:
    assert sorted(a) == sorted(b)
    for table in a:
        assert len(a[table]) == len(b[table]), table
        for x, y in zip(a[table], b[table]):
            assert x == y, table


def test_ray_and_local_engines_write_identical_stores(stores):
    local, ray_store = _snapshot(stores["local"]), _snapshot(stores["ray"])
    # the inputs reach every table that has a row per document, item or finding
    for table in ("documents", "document_sources", "rejections", "records", "analyses", "entities",
                  "mention_entities", "stories", "quantities", "figure_facts", "fingerprints", "runs"):
        assert local[table], table
    assert {r[-2] for r in local["analyses"]} == {"ok", "skipped"}  # the French article is skipped
    assert len(local["document_sources"]) == len(local["documents"]) + 1  # the copied article
    assert {r[5] for r in local["rejections"]} == {"R103", "R104", "R106", "R113"}
    _assert_same(local, ray_store)
    local_summary, ray_summary = stores["summaries"]
    assert ray_summary.to_json() == local_summary.to_json()


def test_ray_engine_quarantines_and_windows_as_the_local_engine(stores):
    with closing(sqlite3.connect(stores["ray"])) as db:
        held = db.execute("SELECT d.source_path, q.code FROM quarantine q JOIN documents d ON d.id = q.doc_id").fetchall()
        windowed = db.execute(
            "SELECT count(*) FROM records r JOIN documents d ON d.id = r.doc_id WHERE d.source_path LIKE '%/long.txt'"
        ).fetchone()[0]
    assert [(Path(p).name, c) for p, c in held] == [("too-long.txt", "R201")]
    assert windowed > 0
    local, ray = stores["summaries"]
    assert local.stages["analyze"]["quarantined"] == ray.stages["analyze"]["quarantined"] == 1


@pytest.mark.slow
def test_ray_engine_quarantines_a_document_over_its_time_budget(tmp_path):
    """A Ray actor runs its batches in a thread no timer signal reaches: a long document is still cut at
    its budget (3 s for some 80 windows that take a minute), quarantined, and the rest analysed."""
    ray = pytest.importorskip("ray")
    from threadline.engines import ray_engine

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (folder / "other.txt").write_text(article(5), encoding="utf-8")
    sentences = (f"Officials said {1000 + 37 * k:,} workers had left for the Gulf in week {k % 50}." for k in range(5000))
    (folder / "giant.txt").write_text(" ".join(sentences), encoding="utf-8")
    cfg = _config()
    cfg["analyze"].update({"window_chars": 5000, "max_document_mb": 1.0, "window_seconds": 60.0, "document_seconds": 3.0})
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Corpus(tmp_path / "ray.db", config=cfg) as corpus:
            summary = ray_engine.run(corpus, [str(folder)], work=str(tmp_path / "work"), report=str(tmp_path / "r.html"))
    finally:
        ray.shutdown()
    assert summary.stages["analyze"]["quarantined"] == 1 and summary.stages["analyze"]["documents"] == 2
    with closing(sqlite3.connect(tmp_path / "ray.db")) as db:
        held = db.execute("SELECT d.source_path, q.code, q.reason FROM quarantine q JOIN documents d ON d.id = q.doc_id").fetchall()
    assert [(Path(p).name, c, r) for p, c, r in held] == [("giant.txt", "R203", "took longer than its budget of 3 s")]


def test_an_add_to_a_store_whose_older_analysis_is_out_of_date_matches_the_local_engine(tmp_path):
    """A component's new version leaves the stored documents to analyse again: both engines write them before
    the new documents, so the stores agree row for row, rowids included."""
    ray = pytest.importorskip("ray")
    from threadline.engines import ray_engine

    files = sorted(EXAMPLES.glob("*.txt"))
    first, later = tmp_path / "first", tmp_path / "later"
    for folder, part in ((first, files[:4]), (later, files[4:8])):
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
    base = tmp_path / "base.db"
    with Corpus(base, config=_config()) as corpus:
        corpus.run([str(first)], report=str(tmp_path / "base.html"))
    with closing(sqlite3.connect(base)) as db, db:
        db.execute("UPDATE analyses SET version = version - 1 WHERE component = 'events'")  # as after an upgrade
    report = str(tmp_path / "report.html")
    with Corpus(_copy(base, tmp_path / "local.db"), config=_config()) as corpus:
        local_summary = corpus.run([str(later)], report=report)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Corpus(_copy(base, tmp_path / "ray.db"), config=_config()) as corpus:
            ray_summary = ray_engine.run(corpus, [str(later)], work=str(tmp_path / "work"), report=report)
    finally:
        ray.shutdown()
    assert local_summary.stages["analyze"]["documents"] == 8  # the four stored ones again, and the four new
    _assert_same(_snapshot(tmp_path / "local.db"), _snapshot(tmp_path / "ray.db"))
    assert ray_summary.to_json() == local_summary.to_json()


def test_merging_again_changes_nothing(stores, tmp_path):
    from threadline.engines.merge import merge_analysis, merge_ingest
    from threadline.engines.shards import Location

    db = _copy(stores["ray"], tmp_path / "again.db")
    root = next(Location.of(stores["work"]).child(p.name) for p in Path(stores["work"]).iterdir())
    with Corpus(db, config=_config()) as corpus:
        merge_ingest(corpus.store, root.child("ingest"), 3)
        merge_analysis(corpus.store, root.child("analysis"), 2)
    _assert_same(_snapshot(stores["ray"]), _snapshot(db))


def _work_copy(stores, dest: Path, *, finished: bool) -> str:
    """A copy of the fixture's kept work directory; `finished=False` makes it what a killed merge leaves."""
    shutil.copytree(stores["work"], dest)
    if not finished:
        for marker in dest.glob("*/merged.done"):
            marker.unlink()
    return str(dest)


def _no_ray(monkeypatch):
    from threadline.engines import ray_engine

    def fail(self):
        raise AssertionError("a Ray stage started although its shards were kept")

    monkeypatch.setattr(ray_engine._Session, "get", fail)


def test_killed_merge_resumes_to_the_same_store(stores, tmp_path, monkeypatch):
    """Kill the merge during ingest, then during extractions; each rerun keeps what was committed."""
    from threadline.engines import merge, ray_engine

    db, work = tmp_path / "resumed.db", _work_copy(stores, tmp_path / "work", finished=False)
    _no_ray(monkeypatch)

    def dying(real, after):
        calls = {"n": 0}

        def wrapper(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] > after:
                raise KeyboardInterrupt("killed")
            return real(*args, **kwargs)

        return wrapper

    for name, after in (("_write", 2), ("write_extraction", 9)):
        with monkeypatch.context() as m:
            m.setattr(merge, name, dying(getattr(merge, name), after))
            with Corpus(db, config=_config()) as corpus, pytest.raises(KeyboardInterrupt):
                ray_engine.run(corpus, stores["inputs"], work=work, keep_shards=True, report=stores["report"])
        with closing(sqlite3.connect(db)) as check:
            assert check.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
            assert check.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    with Corpus(db, config=_config()) as corpus:
        summary = ray_engine.run(corpus, stores["inputs"], work=work, report=stores["report"])
    _assert_same(_snapshot(stores["ray"]), _snapshot(db))
    assert summary.to_json() == stores["summaries"][1].to_json()
    assert not Path(work).exists()  # shards removed after a successful run


def test_rerunning_the_command_matches_a_local_rerun(stores, tmp_path, monkeypatch):
    from threadline.engines import ray_engine

    local, ray_db = _copy(stores["local"], tmp_path / "local.db"), _copy(stores["ray"], tmp_path / "ray.db")
    work = _work_copy(stores, tmp_path / "work", finished=True)
    with Corpus(local, config=_config()) as corpus:
        local_summary = corpus.run(stores["inputs"], report=stores["report"])
    _no_ray(monkeypatch)  # every document is in the store already: nothing to analyse
    with Corpus(ray_db, config=_config()) as corpus:
        ray_summary = ray_engine.run(corpus, stores["inputs"], work=work, keep_shards=True, report=stores["report"])
    assert ray_summary.ingest.added == 0 and ray_summary.to_json() == local_summary.to_json()
    _assert_same(_snapshot(local), _snapshot(ray_db))


def test_uri_inputs_read_like_local_paths(stores):
    from threadline.engines.ray_engine import list_inputs, read_entry
    from threadline.readers import Limits

    folder = stores["inputs"][1]
    local = [r for e in list_inputs([folder], Limits(), 200) for r in read_entry(e, Limits(), 200)]
    remote = [r for e in list_inputs(["file://" + folder], Limits(), 200) for r in read_entry(e, Limits(), 200)]
    assert len(local) == len(remote) > 5
    for a, b in zip(local, remote):
        assert b["path"] == "file://" + a["path"]
        assert {k: v for k, v in a.items() if k != "path"} == {k: v for k, v in b.items() if k != "path"}


def test_ray_engine_without_ray_says_how_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)
    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    code = main(["--db", str(tmp_path / "t.db"), "run", "--engine", "ray", str(tmp_path / "a.txt")])
    err = capsys.readouterr().err.strip()
    assert code == 1 and "\n" not in err
    assert "pip install 'threadline[ray]'" in err


def test_ray_options_need_the_ray_engine(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    assert main(["--db", str(tmp_path / "t.db"), "run", "--address", "auto", str(tmp_path / "a.txt")]) == 2
    assert "--engine ray" in capsys.readouterr().err


