"""Faults met by real processes: kill -9 in every stage, a full disk, a read-only, busy or damaged store.

The default suite kills one whole `run` at a random point and each writer of a
finished file once; `pytest -m slow tests/test_faults.py` kills every stage
`THREADLINE_FAULT_REPEATS` times (default 4) and adds the slower faults.
The seed of the random points is in every failure message (tests/faults.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import threading
import time

import pytest

from threadline.store import WriterLock

from .faults import (
    CLI,
    SEED,
    STAGES,
    assert_clear_error,
    assert_same_store,
    clean_run,
    cli,
    copy_store,
    env,
    file_limit,
    kill_after,
    rerun_all,
    rng,
    stage_args,
    without_root_override,
)

REPEATS = int(os.environ.get("THREADLINE_FAULT_REPEATS", "4"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return clean_run(tmp_path_factory.mktemp("faults"))


def assert_whole_outputs(folder, why: str) -> None:
    """A report or export under its final name is complete; nothing half-written is left beside it."""
    report, export = folder / "report.html", folder / "export.json"
    if report.exists():
        assert report.read_text(encoding="utf-8").rstrip().endswith("</html>"), why
    if export.exists():
        assert set(json.loads(export.read_text(encoding="utf-8"))) >= {"documents", "entities"}, why


def kill_stage_and_rerun(clean, stage: str, tmp_path, draw) -> str:
    out = tmp_path / "out"
    out.mkdir(parents=True)
    db = clean.store_before(stage, tmp_path / "killed.db")
    delay = draw.uniform(0.0, clean.seconds[stage])
    args = stage_args(stage, out) if stage in ("report", "export") else stage_args(stage, clean.root)
    outcome = kill_after(db, args, delay)
    why = f"seed {SEED}: {stage} {outcome} after {delay:.2f} s of {clean.seconds[stage]:.2f} s"
    assert_whole_outputs(out, why)
    rerun_all(db, clean, out)
    assert_same_store(db, clean.final, why)
    assert_whole_outputs(out, why)
    assert json.loads((out / "export.json").read_text("utf-8")) == json.loads((clean.root / "export.json").read_text("utf-8")), why
    assert not [p.name for p in out.iterdir() if p.name.endswith(".part")], why
    return why


def test_faults_kill_9_during_a_run_then_rerun_equals_a_clean_run(clean, tmp_path):
    draw = rng("run")
    db = tmp_path / "killed.db"
    whole = sum(clean.seconds[s] for s in STAGES[:4])
    delay = draw.uniform(0.0, whole)
    args = ["run", str(clean.corpus), "--report", str(tmp_path / "report.html")]
    outcome = kill_after(db, args, delay)
    why = f"seed {SEED}: run {outcome} after {delay:.2f} s of about {whole:.2f} s"
    assert_whole_outputs(tmp_path, why)
    cli(db, *args)
    assert_same_store(db, clean.final, why)
    assert_whole_outputs(tmp_path, why)


@pytest.mark.parametrize("stage", ["report", "export"])
def test_faults_kill_9_while_writing_a_file_leaves_none_half_written(clean, stage, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # a complete earlier file under the final name: a killed writer must leave it whole
    (out / "report.html").write_text((clean.root / "report.html").read_text("utf-8"), encoding="utf-8")
    (out / "export.json").write_text((clean.root / "export.json").read_text("utf-8"), encoding="utf-8")
    db = copy_store(clean.final, tmp_path / "s.db")
    draw = rng("file", stage)
    for _ in range(2):
        delay = draw.uniform(0.0, clean.seconds[stage])
        outcome = kill_after(db, stage_args(stage, out), delay)
        assert_whole_outputs(out, f"seed {SEED}: {stage} {outcome} after {delay:.2f} s")
    cli(db, *stage_args(stage, out))
    assert not [p.name for p in out.iterdir() if p.name.endswith(".part")]  # the next write removes what a killed one left
    assert_same_store(db, clean.final, f"{stage} only reads the store")


@pytest.mark.slow
@pytest.mark.parametrize("stage", STAGES)
def test_faults_kill_9_at_random_points_of_each_stage(clean, stage, tmp_path):
    draw = rng("stage", stage)
    for attempt in range(REPEATS):
        kill_stage_and_rerun(clean, stage, tmp_path / str(attempt), draw)


def test_faults_disk_full_during_ingest_is_a_clear_error_and_the_rerun_completes(clean, tmp_path):
    db = tmp_path / "full.db"
    done = cli(db, *stage_args("ingest", clean.root), check=False, preexec=file_limit(150_000))
    assert_clear_error(done, "[T007]", "disk is full")
    assert cli(db, "stats").returncode == 0  # the store still opens
    cli(db, *stage_args("ingest", clean.root))
    assert_same_store(db, clean.after["ingest"], "ingest after a full disk")


@pytest.mark.slow
def test_faults_disk_full_at_random_points_of_a_run(clean, tmp_path):
    """The limit is drawn between the store's size after ingest and its final size, so each stage meets it."""
    draw = rng("disk-full")
    low, high = clean.after["ingest"].stat().st_size, clean.final.stat().st_size * 2
    for attempt in range(REPEATS):
        limit = draw.randrange(low, high)
        db = tmp_path / f"full-{attempt}.db"
        args = ["run", str(clean.corpus), "--report", str(tmp_path / "report.html")]
        done = cli(db, *args, check=False, preexec=file_limit(limit))
        why = f"seed {SEED}: file size limit {limit} bytes"
        if done.returncode != 0:
            assert_clear_error(done, "[T007]")
        assert cli(db, "stats").returncode == 0, why
        cli(db, *args)
        assert_same_store(db, clean.final, why)


def test_faults_read_only_store_refuses_writes_clearly_and_still_reads(clean, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = copy_store(clean.final, folder / "s.db")
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    try:
        done = cli(db, *stage_args("ingest", clean.root), check=False, preexec=without_root_override)
        assert_clear_error(done, "[T006]", str(db), "read-only")
        assert cli(db, "export", "-o", str(tmp_path / "e.json"), preexec=without_root_override).returncode == 0
    finally:
        os.chmod(folder, 0o755)
        os.chmod(db, 0o644)
    assert_same_store(db, clean.final, "a read-only store is not changed")


def test_faults_a_store_held_by_another_writer_is_waited_for_then_refused(clean, tmp_path):
    db = copy_store(clean.after["ingest"], tmp_path / "s.db")
    lock = WriterLock(db, wait=0)
    try:
        done = cli(db, *stage_args("ingest", clean.root), check=False, THREADLINE_STORE_LOCK_WAIT="1")
    finally:
        lock.release()
    assert_clear_error(done, "[T005]", f"pid {os.getpid()}", "another threadline process")
    assert "waiting for another threadline process" in done.stderr and "waited 1 s" in done.stderr
    assert cli(db, "stats").returncode == 0  # readers never wait for the writer
    assert_same_store(db, clean.after["ingest"], "nothing written by the refused command")


def test_faults_two_ingests_at_once_one_waits_and_the_store_is_whole(clean, tmp_path):
    db = tmp_path / "s.db"
    args = [*CLI, "--db", str(db), *stage_args("ingest", clean.root), "--json"]
    procs = [subprocess.Popen(args, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    added = sorted(json.loads(out)["added"] for out, _ in outputs)
    assert added == [0, 8], outputs  # one wrote them all, the other found them there
    assert_same_store(db, clean.after["ingest"], "two ingests at once")


@pytest.mark.slow
def test_faults_two_runs_at_once_end_in_a_clean_store(clean, tmp_path):
    db = tmp_path / "s.db"
    procs = [
        subprocess.Popen([*CLI, "--db", str(db), "run", str(clean.corpus), "--report", str(tmp_path / f"r{i}.html")],
                         env=env(THREADLINE_STORE_LOCK_WAIT="600"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(2)
    ]
    outputs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert sum("waiting for another threadline process" in err for _, err in outputs) == 1, outputs
    assert_same_store(db, clean.final, "two runs at once")


@pytest.mark.slow
def test_faults_a_foreign_sqlite_writer_gives_a_clear_busy_error(clean, tmp_path):
    db = copy_store(clean.after["ingest"], tmp_path / "s.db")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("DELETE FROM rejections")
    try:
        (tmp_path / "more.txt").write_text(clean.corpus.joinpath("nepal.txt").read_text("utf-8") + "\nA later paragraph.\n", encoding="utf-8")
        done = cli(db, "ingest", str(tmp_path / "more.txt"), check=False)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert_clear_error(done, "[T005]", "locked")
    assert_same_store(db, clean.after["ingest"], "nothing written while another program held the store")


@pytest.mark.slow
def test_faults_serve_reads_while_a_run_writes(clean, tmp_path):
    """Pages are served from one snapshot each: every response is a 200, and a page's counts agree with its items."""
    import httpx

    db = copy_store(clean.after["ingest"], tmp_path / "s.db")
    port = 18000 + rng("port").randrange(1000)
    server = subprocess.Popen([*CLI, "--db", str(db), "serve", "--port", str(port)], env=env(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/index.json", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        writer = threading.Thread(target=cli, args=(db, "run", str(clean.corpus), "--report", str(tmp_path / "r.html")))
        writer.start()
        pages, problems = 0, []
        paths = ["/", "/index.json", "/documents.json", "/entities.json?limit=500", "/figures.json", "/timeline.json", "/network.json",
                 "/stories.json", "/sources.json", "/map.json", "/search.json?q=recruiters", "/entities", "/network", "/figures"]
        while writer.is_alive() or pages < len(paths):
            for path in paths:
                r = httpx.get(base + path, timeout=30)
                pages += 1
                if r.status_code != 200:
                    problems.append((path, r.status_code, r.text[:200]))
                elif path.startswith(("/entities.json", "/documents.json")):
                    body = r.json()
                    items = body["entities" if "entities" in body else "documents"]
                    if len(items) != body["total"]:
                        problems.append((path, "total", body["total"], len(items)))
        writer.join()
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors, errors
    assert not problems, problems[:5]
    assert pages >= len(paths)
    assert_same_store(db, clean.final, "a run with a reader beside it")


def damaged_stores(clean, folder) -> list:
    store_bytes = clean.final.read_bytes()
    cases = {
        "truncated": store_bytes[: len(store_bytes) // 3],
        "not-a-database": b"these are not the bytes of a database\n" * 200,
        "zeroed-pages": store_bytes[:4096] + bytes(len(store_bytes) - 4096),
    }
    for name, data in cases.items():
        (folder / f"{name}.db").write_bytes(data)
    return [folder / f"{name}.db" for name in cases]


def test_faults_damaged_store_files_give_a_clear_error(clean, tmp_path):
    for db in damaged_stores(clean, tmp_path):
        assert_clear_error(cli(db, "stats", check=False), str(db))


@pytest.mark.slow
def test_faults_every_writer_and_reader_on_a_damaged_store_gives_a_clear_error(clean, tmp_path):
    for db in damaged_stores(clean, tmp_path):
        for args in (["run", str(clean.corpus), "--report", str(tmp_path / "r.html")], ["export", "-o", str(tmp_path / "e.json")],
                     ["serve", "--port", "1"]):
            assert_clear_error(cli(db, *args, check=False), str(db))
