"""Peak memory as the corpus grows: ingest and analyze are bounded by their batch, not by the corpus.

Usage: python bench/memory.py [--ingest 10000 20000 50000 100000] [--analyze 500 1000 2000]
                              [--batch-sizes 32] [--workers 1] [--shard 5000]

Ingest: synthetic JSON Lines from bench/synth.py (one file per --shard
documents, written once into the work directory, from a cached cloned store
of as many documents when there is one; the first n documents of the largest
size are the documents of size n) are ingested with the
`threadline ingest` command into a fresh store, one subprocess per size.

Analyze: the first n of the same documents are ingested (not timed, its own
subprocess), then `threadline analyze --workers W` runs in a fresh subprocess
per size, with the real spaCy model and every extractor component, at the
first --batch-sizes value (`analyze.batch_size` through the environment); the
other batch sizes run at the smallest size, to show what the peak follows.

Each subprocess reports its own high-water mark of resident memory (VmHWM,
which starts afresh at exec) and, for analyze with workers, the largest
worker's (ru_maxrss of the children, which counts the pages a forked worker
shares with its parent). Printed per size: documents/s and peak RSS, and the
log-log slope of peak RSS against size (0 = flat, 1 = grows with the corpus).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402


def _hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(argv: list[str]) -> dict[str, Any]:
    """Run one `threadline` command in this process and report its time and peak memory."""
    from threadline.cli import cli

    t0, c0 = time.perf_counter(), _cpu()
    cli.main(argv, prog_name="threadline", standalone_mode=False)
    took, cpu = time.perf_counter() - t0, _cpu() - c0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": took, "cpu": cpu, "peak_mb": _hwm_mb(), "workers_peak_mb": kids}


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (analyze workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", json.dumps(argv)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def jsonl_shards(n: int, shard: int, seed: int, work: Path, base: Path | None) -> list[Path]:
    """Shards of the first n synthetic documents (generated once for the largest n asked)."""
    folder = work / f"jsonl-{seed}-{shard}"
    done = folder / "count"
    have = int(done.read_text()) if done.is_file() else 0
    if have < n:
        base = base or synth.build_base(work)
        stores = sorted(work.glob(f"synth-*-{synth.store_key(seed, base)}.db"), key=lambda p: int(p.name.split("-")[1]))
        big = next((p for p in stores if int(p.name.split("-")[1]) >= n), None)
        if big is not None:  # the same documents, already made: write them out instead of generating again
            synth.store_to_jsonl(big, folder, n, shard)
        else:
            synth.write_jsonl(folder, n, seed, base, shard)
        done.write_text(str(n))
    files = sorted(folder.glob("synthetic-*.jsonl"))
    need = math.ceil(n / shard)
    return files[:need]


def first_lines(files: list[Path], n: int, out: Path) -> Path:
    with out.open("w", encoding="utf-8") as fh:
        left = n
        for f in files:
            for line in f.open(encoding="utf-8"):
                if left == 0:
                    return out
                fh.write(line)
                left -= 1
    return out


def slope(points: list[tuple[int, float]]) -> str:
    if len(points) < 2:
        return "-"
    (n1, m1), (n2, m2) = points[0], points[-1]
    return f"{math.log(m2 / m1) / math.log(n2 / n1):.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ingest", type=int, nargs="*", default=[10_000, 20_000, 50_000, 100_000])
    ap.add_argument("--analyze", type=int, nargs="*", default=[500, 1000, 2000])
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[32], help="analyze.batch_size: the first at every analyze size, the others at the smallest")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--shard", type=int, default=5000, help="documents per JSONL file")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default=None)
    ap.add_argument("--base", type=Path, default=None)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0
    work = synth.work_dir(args.work)
    print(f"machine: {synth.machine()}; load average {os.getloadavg()[0]:.1f} at start (other work runs on this machine)")
    largest = max([*args.ingest, *args.analyze], default=0)
    t0 = time.perf_counter()
    files = jsonl_shards(largest, args.shard, args.seed, work, args.base)
    mb = sum(f.stat().st_size for f in files) / 2**20
    print(f"inputs: {largest:,} synthetic documents in {len(files)} JSONL files of {args.shard:,} ({mb:,.0f} MiB; ready in {time.perf_counter() - t0:.0f} s)")
    tmp = work / f"memory-{os.getpid()}"
    tmp.mkdir(exist_ok=True)
    points = []
    if args.ingest:
        print("\ningest (`threadline ingest`, a fresh store and subprocess per size)")
        for n in sorted(args.ingest):
            need = files[: math.ceil(n / args.shard)]
            inputs = need if n % args.shard == 0 else [*need[:-1], first_lines(need[-1:], n % args.shard, tmp / "tail.jsonl")]
            db = tmp / f"ingest-{n}.db"
            r = run(["--db", str(db), "ingest", *map(str, inputs)])
            size = db.stat().st_size / 2**20
            print(f"  {n:>8,} documents  {n / r['seconds']:6.0f} docs/s wall ({r['seconds']:5.0f} s)  {n / r['cpu']:6.0f} docs/CPU-s  peak RSS {r['peak_mb']:6.0f} MB  store {size:,.0f} MiB", flush=True)
            points.append((n, r["peak_mb"]))
            for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
                p.unlink(missing_ok=True)
        print(f"  peak RSS growth exponent {points[0][0]:,} -> {points[-1][0]:,}: {slope(points)}")
    if args.analyze:
        print(f"\nanalyze (`threadline analyze --workers {args.workers}`, real spaCy, every component; a fresh subprocess per size)")
        for b_i, batch in enumerate(args.batch_sizes):
            points = []
            for n in sorted(args.analyze)[: None if b_i == 0 else 1]:  # other batch sizes: at the smallest size
                db = tmp / f"analyze-{n}.db"
                for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
                    p.unlink(missing_ok=True)
                run(["--db", str(db), "ingest", str(first_lines(files, n, tmp / f"first-{n}.jsonl"))])
                r = run(["--db", str(db), "analyze", "--workers", str(args.workers)], env={"THREADLINE_ANALYZE_BATCH_SIZE": str(batch)})
                workers = f", largest worker {r['workers_peak_mb']:.0f} MB" if args.workers > 1 else ""
                print(f"  {n:>6,} documents, batch {batch:>4}  {n / r['seconds']:5.1f} docs/s wall ({r['seconds']:5.0f} s)  {n / r['cpu']:5.1f} docs/CPU-s  peak RSS {r['peak_mb']:5.0f} MB{workers}", flush=True)
                points.append((n, r["peak_mb"]))
                for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
                    p.unlink(missing_ok=True)
            if len(points) > 1:
                print(f"  batch {batch}: peak RSS growth exponent {points[0][0]:,} -> {points[-1][0]:,}: {slope(points)}")
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
