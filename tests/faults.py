"""Real `threadline` processes for the fault tests: a small corpus, a clean run stage by stage, and ways to hurt a run.

A random point is drawn from one generator seeded by `THREADLINE_FAULT_SEED`
(a fresh seed when unset); the seed is in every failure message, so a failure
is repeated with `THREADLINE_FAULT_SEED=N pytest tests/test_faults.py`.
"""

from __future__ import annotations

import ctypes
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .conftest import ARTICLE_HTML, ARTICLE_TXT, article
from .test_stories import COPY, FOLLOW_UP, STORY

SEED = int(os.environ.get("THREADLINE_FAULT_SEED") or random.SystemRandom().randrange(10**6))
CLI = [sys.executable, "-m", "threadline"]
STAGES = ("ingest", "analyze", "resolve", "report", "export")
# Tables a rerun must rebuild exactly; `runs` holds timestamps, the FTS index is checked by SQLite itself.
SKIPPED_TABLES = ("runs",)


def rng(*salt: object) -> random.Random:
    """A generator for one test, derived from the seed and the test's own name."""
    return random.Random(f"{SEED}:" + ":".join(map(str, salt)))


def env(**settings: str) -> dict[str, str]:
    """The environment of a child: small ingest batches, so a kill lands between commits."""
    return dict(os.environ, THREADLINE_INGEST_BATCH_SIZE="2", **settings)


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nepal.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (folder / "uzbek.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "copy.txt").write_text(COPY, encoding="utf-8")
    (folder / "follow.txt").write_text(FOLLOW_UP, encoding="utf-8")
    for n in range(3):
        (folder / f"district-{n}.txt").write_text(article(n), encoding="utf-8")
    return folder


def stage_args(stage: str, root: Path) -> list[str]:
    return {
        "ingest": ["ingest", str(root / "corpus")],
        "analyze": ["analyze"],
        "resolve": ["resolve"],
        "report": ["report", "-o", str(root / "report.html")],
        "export": ["export", "-o", str(root / "export.json")],
    }[stage]


def cli(db: Path, *args: str, check: bool = True, preexec=None, timeout: float = 300, **settings: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [*CLI, "--db", str(db), *args], env=env(**settings), capture_output=True, text=True, timeout=timeout, preexec_fn=preexec
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{args} failed ({done.returncode}):\n{done.stderr}")
    return done


def kill_after(db: Path, args: list[str], delay: float, **settings: str) -> str:
    """Start `threadline ARGS`, SIGKILL it and its workers after `delay` seconds; 'killed' or 'finished'."""
    proc = subprocess.Popen(
        [*CLI, "--db", str(db), *args], env=env(**settings), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        proc.wait(timeout=delay)
        return "finished"
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return "killed"


def file_limit(size: int):
    """A child's `preexec_fn`: no file it writes may grow past `size` bytes (a full disk, for that process)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def without_root_override() -> None:
    """A child's `preexec_fn`: file permissions hold even for root (drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a store (SQLite's backup, so a WAL is folded in)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def content(db_path: Path) -> dict[str, list[tuple]]:
    """Every table of the store, rows sorted, after SQLite's own integrity checks pass."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    tables = [
        r[0]
        for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts%'")
        if r[0] not in SKIPPED_TABLES
    ]
    out = {}
    for table in sorted(tables):
        cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        order = ", ".join(f"{c} IS NULL, {c}" for c in cols)
        out[table] = db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()
    out["documents_fts"] = db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'recruiters' ORDER BY rowid").fetchall()
    db.close()
    return out


def assert_same_store(got: Path, want: Path, why: str) -> None:
    a, b = content(got), content(want)
    assert list(a) == list(b), why
    for table in a:
        assert a[table] == b[table], f"{table} differs: {why}"


def assert_clear_error(done: subprocess.CompletedProcess, *words: str) -> None:
    """A non-zero exit with one `threadline: error:` line naming the problem, and no traceback."""
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    assert "threadline: error:" in done.stderr, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@dataclass
class Clean:
    """A clean run made stage by stage: its store after each stage, and each stage's wall time."""

    root: Path
    after: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    def store_before(self, stage: str, target: Path) -> Path:
        """A copy of the clean store as it was before `stage` ran (no file before ingest)."""
        i = STAGES.index(stage)
        if i == 0:
            return target
        return copy_store(self.after[STAGES[i - 1]], target)

    @property
    def final(self) -> Path:
        return self.after["resolve"]


def clean_run(root: Path) -> Clean:
    """The stages run in this process through the library the command calls (its model is loaded once per
    test session); a stage's time, for drawing kill points, adds the start-up of a bare command."""
    import threadline
    from threadline.report import write_report

    write_corpus(root / "corpus")
    clean = Clean(root)
    started = time.monotonic()
    cli(root / "startup.db", "--version")
    startup = time.monotonic() - started
    with threadline.open(root / "clean.db", config=_config()) as corpus:
        steps = {
            "ingest": lambda: corpus.ingest([str(root / "corpus")]),
            "analyze": corpus.analyze,
            "resolve": corpus.resolve,
            "report": lambda: write_report(corpus, root / "report.html"),
            "export": lambda: corpus.export(root / "export.json"),
        }
        for stage in STAGES:
            started = time.monotonic()
            steps[stage]()
            clean.seconds[stage] = startup + time.monotonic() - started
            clean.after[stage] = copy_store(corpus.path, root / f"after-{stage}.db")
    return clean


def _config() -> dict:
    from threadline import config

    return config.load(None, overrides={"ingest.batch_size": 2})


def rerun_all(db: Path, clean: Clean, out: Path) -> None:
    """What a user does after a crash: the same commands again."""
    for stage in STAGES:
        args = stage_args(stage, out) if stage in ("report", "export") else stage_args(stage, clean.root)
        cli(db, *args)
