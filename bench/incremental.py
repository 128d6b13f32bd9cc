"""The cost of adding documents to a large store, against rebuilding it.

Usage: python bench/incremental.py [--size 20000] [--add 0.01] [--work DIR] [--profile]

Takes a cloned store of `--size` analysed documents (bench/synth.py: records
cloned from the real analysis of the example corpus, no parsing), then adds
`--add` of that many new synthetic documents as JSON Lines and times each stage
of the incremental run on them: ingest, analyze (real spaCy, one worker: only the
new documents are parsed), resolve (entity keys of the new documents, then the
corpus's keys merged again; claims of the new and affected documents, and the
quantities of the buckets they fall in; stories over the whole store; each
writing only what changed; the time of each step is printed) and the report. The rebuild is timed on a copy
of the grown store with every resolve table emptied (resolve from scratch), and
its analysis of every document is the measured per-document analysis time of
the new documents times the store's size (printed as an estimate: the cloned
documents cannot be parsed in a benchmark's time; ingest is left out, so the
rebuild figure is a lower bound). The store is resolved once before the add, as
a user's store is. Prints the figures, the machine and the ratio rebuild /
incremental. With --profile, the incremental resolve runs under cProfile and
its top costs are printed. After the add, the actor-graph page and the timeline page
(1,000 events) of the grown store are timed too (not counted in the add).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402  (bench/synth.py)
from run import _timed  # noqa: E402  (bench/run.py: a function timed into a dict)

import threadline  # noqa: E402
from threadline.analyze import load_model  # noqa: E402
from threadline.read import features, queries  # noqa: E402
from threadline.read.records import Lookup  # noqa: E402
from threadline.report import write_report  # noqa: E402

def timed(label: str, fn, results: dict[str, float]):  # type: ignore[no-untyped-def]
    """Run `fn`, keep its wall time, print wall and CPU time (this process's threads; the add
    analyses with one worker in this process, so CPU time is all of its work)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    results[label] = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(f"  {label:<22} {results[label]:8.1f} s  ({cpu:.1f} s CPU)  {out if isinstance(out, dict) else ''}", flush=True)
    return out


@contextlib.contextmanager
def resolve_steps(into: dict[str, float]):  # type: ignore[no-untyped-def]
    """Time each step `threadline resolve` runs (wall seconds, summed per step)."""
    from threadline.resolve import entities, quantities, stories

    steps = [(entities, "resolve_entities"), (quantities, "resolve_quantities"), (stories, "resolve_stories"), (quantities, "count_sources")]
    with contextlib.suppress(ImportError):  # the co-occurrence aggregate (code before it has no such step)
        from threadline.resolve import aggregates

        steps.append((aggregates, "update"))
    originals = [getattr(mod, name) for mod, name in steps]

    for (mod, name), fn in zip(steps, originals):
        setattr(mod, name, _timed(fn, name, into))
    try:
        yield into
    finally:
        for (mod, name), fn in zip(steps, originals):
            setattr(mod, name, fn)


def _steps(into: dict[str, float]) -> str:
    return ", ".join(f"{name.removeprefix('resolve_')} {t:.1f} s" for name, t in into.items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=20_000)
    ap.add_argument("--add", type=float, default=0.01, help="share of --size to add (default 1%%)")
    ap.add_argument("--work", default=None, help="cache directory for the cloned store")
    ap.add_argument("--profile", action="store_true", help="run the incremental resolve under cProfile and print its top costs")
    args = ap.parse_args(argv)
    print(f"machine: {synth.machine()}")
    base = synth.build_base(args.work)
    store, _ = synth.cached_store(args.size, seed=0, work=args.work, base=base)
    n_add = max(1, round(args.size * args.add))
    tmp = Path(tempfile.mkdtemp(prefix="tl-incr-"))
    files, _ = synth.write_jsonl(tmp / "new", n_add, 1, base)
    grown = tmp / "grown.db"
    shutil.copy(store, grown)
    print(f"store: {args.size:,} analysed documents; adding {n_add:,} new documents")
    with threadline.open(grown) as corpus:
        t0 = time.perf_counter()
        corpus.resolve()  # the store as a user has it: analysed and resolved before the add
        print(f"  (first resolve of the store, not counted: {time.perf_counter() - t0:.1f} s)")
        load_model(corpus.config["analyze"]["model"])  # model loading is not per-document work

    inc: dict[str, float] = {}
    with threadline.open(grown) as corpus:
        timed("ingest", lambda: corpus.ingest([str(f) for f in files]).to_json()["added"], inc)
        timed("analyze (1 worker)", lambda: corpus.analyze(workers=1), inc)
        with resolve_steps({}) as steps:
            if args.profile:
                profiler = cProfile.Profile()
                timed("resolve", lambda: profiler.runcall(corpus.resolve), inc)
            else:
                timed("resolve", corpus.resolve, inc)
        print(f"    steps: {_steps(steps)}")
        if args.profile:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue())
        timed("report", lambda: str(write_report(corpus, str(tmp / "report.html"))), inc)
        pages: dict[str, float] = {}  # not part of the add: what serving the grown store's two aggregate pages reads
        timed("graph page", lambda: len(features.actor_graph(corpus.store)["edges"]), pages)
        timed("timeline page", lambda: queries.timeline(Lookup(corpus.store), [], None, 1000)["total"], pages)
        total_docs = corpus.store.scalar("SELECT count(*) FROM documents")
    incremental = sum(inc.values())

    rebuilt = tmp / "rebuilt.db"
    shutil.copy(grown, rebuilt)
    db = sqlite3.connect(rebuilt)
    for table in synth.resolve_tables(db):
        db.execute(f"DELETE FROM {table}")
    db.commit()
    db.close()
    full: dict[str, float] = {}
    print("rebuild:")
    with threadline.open(rebuilt) as corpus:
        with resolve_steps({}) as steps:
            timed("resolve from scratch", corpus.resolve, full)
        print(f"    steps: {_steps(steps)}")
    per_doc = inc["analyze (1 worker)"] / n_add
    analysis = per_doc * total_docs
    rebuild = analysis + full["resolve from scratch"] + inc["report"]  # ingest left out: a lower bound

    print(f"\nincremental add of {n_add:,} to {args.size:,}: {incremental:.1f} s in all")
    print(f"rebuild of {total_docs:,}: resolve {full['resolve from scratch']:.1f} s measured;"
          f" analysis {analysis:.0f} s estimated from the add's {per_doc * 1000:.0f} ms per document; report as measured;"
          f" {rebuild:.0f} s in all (ingest left out)")
    print(f"resolve incremental / from scratch: {inc['resolve'] / full['resolve from scratch']:.2f}")
    print(f"rebuild / incremental: {rebuild / incremental:.1f}x")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
