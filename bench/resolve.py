"""Corpus-level steps at scale: entity resolution, quantities, story clustering on cloned stores.

Usage: python bench/resolve.py [--sizes 10000 50000 100000] [--seed 0] [--timeout 1200] [--max-rss-gb 8]
                               [--steps entities quantities fingerprints stories] [--diagnose]

For each size, a cloned store is built with bench/synth.py (cached in the work
directory; building it is not timed), everything resolve writes is cleared (so
each size is a resolve from scratch), and each step runs in a fresh
subprocess, in the order `threadline resolve` runs them:

  entities      resolve.entities.resolve_entities (canonical entities, mention links)
  quantities    resolve.quantities.resolve_quantities (claims, grouping, pairwise comparison)
  fingerprints  the MinHash signatures and term counts stories keep per document
  stories       resolve.stories.resolve_stories with fingerprints in place (near-duplicates, same-event clusters)

so the peak RSS printed is that step's own (the high-water mark of its
process, from getrusage; a process that only imports Threadline and opens the
store is the `baseline`). A step still running after --timeout seconds, or
above --max-rss-gb, is stopped (CPU seconds, so that other work on the machine does not count; or
ten times that in wall time); what it reached is printed, and the steps of
that size after it still run (they read what the earlier steps stored).

Growth exponent: the log-log slope of time (and of peak RSS above the
baseline) between consecutive sizes; 1 is linear. For a stopped step the
slope is a lower bound.

--diagnose adds, per size, the work the superlinear parts do: the pairs the
quantities step compares (sum over quantities of m(m-1)/2, from the stored
quantities) and the same-event candidate pairs the postings generate (an
upper bound: sum over posting lists under the cap of len(len-1)/2), with the
cap as the library applies it (5% of the corpus, at most stories.MAX_POSTING)
and with the earlier, uncapped 5%.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402

STEPS = ("entities", "quantities", "fingerprints", "stories")


# -- the child: one step ------------------------------------------------------------------
def child(step: str, store_path: str) -> dict[str, Any]:
    import threadline
    from threadline.resolve import entities, quantities, stories

    corpus = threadline.open(store_path)
    cfg = corpus.config
    t0, c0 = time.perf_counter(), time.process_time()
    if step == "baseline":
        out: dict[str, Any] = {"documents": corpus.store.scalar("SELECT count(*) FROM documents")}
    elif step == "entities":
        out = entities.resolve_entities(corpus.store, cfg["resolve"].get("overrides") or None)
    elif step == "quantities":
        out = quantities.resolve_quantities(corpus.store)
    elif step == "fingerprints":
        out = {"fingerprinted": stories._refresh_fingerprints(corpus.store, cfg["stories"]["shingle_size"], cfg["stories"]["num_perm"])}
    elif step == "stories":
        out = stories.resolve_stories(corpus.store, cfg["stories"])
    elif step == "postings":
        out = _postings(corpus)
    else:
        raise SystemExit(f"unknown step {step}")
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    corpus.close()
    return {"step": step, "seconds": took, "cpu": cpu, "peak_mb": _hwm_mb(os.getpid()), "counts": out}


def _postings(corpus: Any) -> dict[str, Any]:
    """Same-event candidate pairs from the postings (an upper bound: pairs counted once per shared list)."""
    from collections import defaultdict

    from threadline.resolve import stories

    docs = stories._load(corpus.store)
    n = len(docs)
    vectors = stories._tfidf(docs)
    lengths: dict[str, int] = defaultdict(int)
    for d in docs:
        for term, _ in sorted(vectors[d.id].items(), key=lambda kv: (-kv[1], kv[0]))[: stories.TOP_TERMS]:
            lengths[term] += 1
        for e in d.entities:
            lengths["entity:" + e] += 1
    out = {}
    capped = max(50, min(int(0.05 * n), stories.MAX_POSTING))
    for name, cap in (("cap 5% (the earlier rule)", max(50, int(0.05 * n))), (f"cap as used ({capped})", capped)):
        pairs = sum(k * (k - 1) // 2 for k in lengths.values() if k <= cap)
        out[name] = {"cap": cap, "pairs": pairs, "pairs per document": round(pairs / n, 1)}
    return out


# -- the parent ---------------------------------------------------------------------------
def _hwm_mb(pid: int) -> float | None:
    """Peak resident memory of a process (VmHWM: per address space, so not inherited across exec like ru_maxrss)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


_CPU: dict[int, float] = {}


def _sample_cpu(pid: int) -> None:
    """Remember the CPU seconds a running child has used (for a child that gets stopped)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        _CPU[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        pass


def _cpu(pid: int, t0: float) -> float:
    return _CPU.get(pid, 0.0)


def run_step(step: str, store: Path, timeout: float, max_rss_mb: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", step, "--store", str(store)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    stopped = None
    while proc.poll() is None:
        time.sleep(0.25)
        hwm = _hwm_mb(proc.pid)
        _sample_cpu(proc.pid)
        if hwm:
            peak = max(peak, hwm)
        elapsed = time.perf_counter() - t0
        cpu = _CPU.get(proc.pid, 0.0)
        if cpu > timeout or elapsed > 10 * timeout:
            stopped = f"stopped after {cpu:.0f} CPU s ({elapsed:.0f} s wall)"
        elif peak > max_rss_mb:
            stopped = f"stopped at {peak / 1024:.1f} GiB RSS after {elapsed:.0f} s"
        if stopped:
            proc.kill()
            proc.wait()
            return {"step": step, "seconds": time.perf_counter() - t0, "cpu": _cpu(proc.pid, t0), "peak_mb": peak, "stopped": stopped, "counts": {}}
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        return {"step": step, "seconds": time.perf_counter() - t0, "cpu": 0.0, "peak_mb": peak, "stopped": f"failed (exit {proc.returncode})", "counts": {}}
    return json.loads(out.strip().splitlines()[-1])


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n / 1000:g}k"


def slope(a: float, b: float, n1: int, n2: int) -> float | None:
    if a <= 0 or b <= 0:
        return None
    return math.log(b / a) / math.log(n2 / n1)


def quantities_pairs(store: Path) -> dict[str, int]:
    db = sqlite3.connect(store)
    rows = [r[0] for r in db.execute("SELECT figures FROM quantities")]
    db.close()
    from threadline.resolve.quantities import MAX_PAIRWISE, NEIGHBOURS

    def compared(m: int) -> int:  # an upper bound: claims alike (copies) are compared once
        if m <= MAX_PAIRWISE:
            return m * (m - 1) // 2
        return sum(min(NEIGHBOURS, m - 1 - i) for i in range(m))

    return {
        "quantities": len(rows),
        "largest": max(rows, default=0),
        "every pair": sum(m * (m - 1) // 2 for m in rows),
        "pairs compared (at most)": sum(compared(m) for m in rows),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default=None)
    ap.add_argument("--base", default=None, help="analysed base store to clone (see bench/synth.py)")
    ap.add_argument("--steps", nargs="+", default=list(STEPS), choices=STEPS)
    ap.add_argument("--timeout", type=float, nargs="+", default=[1200], help="CPU seconds before a step is stopped (or ten times that in wall time): one value, or one per size")
    ap.add_argument("--max-rss-gb", type=float, default=8.0)
    ap.add_argument("--diagnose", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.store)))
        return 0
    print(f"machine: {synth.machine()}; load average {os.getloadavg()[0]:.1f} at start (other work runs on this machine)")
    results: dict[int, dict[str, dict[str, Any]]] = {}
    timeouts = dict(zip(sorted(args.sizes), args.timeout * len(args.sizes) if len(args.timeout) == 1 else args.timeout))
    for n in sorted(args.sizes):
        t0 = time.perf_counter()
        cmd = [sys.executable, str(Path(synth.__file__)), *(["--work", args.work] if args.work else []), *(["--base", args.base] if args.base else []), "cached", "-n", str(n), "--seed", str(args.seed)]
        built = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
        store = Path(built[-1])
        how = f"built in {time.perf_counter() - t0:.0f} s" if any(line.startswith("built") for line in built) else "cached"
        db = sqlite3.connect(store)
        for table in synth.RESOLVE_TABLES:  # each size is resolved from scratch
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
                db.execute(f"DELETE FROM {table}")
        db.commit()
        words = db.execute("SELECT sum(length(text) - length(replace(text, ' ', '')) + 1) FROM documents").fetchone()[0]
        records = db.execute("SELECT count(*) FROM records").fetchone()[0]
        db.close()
        print(f"\n== {n:,} documents ({words:,} words, {records:,} records; store {how}, {store.stat().st_size / 2**20:,.0f} MiB)")
        results[n] = {}
        for step in ["baseline", *args.steps]:
            r = run_step(step, store, timeouts[n], args.max_rss_gb * 1024)
            results[n][step] = r
            counts = ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in r["counts"].items())
            note = f"  ** {r['stopped']} **" if r.get("stopped") else ""
            print(f"  {step:<13} {r['seconds']:8.1f} s wall {r['cpu']:8.1f} s CPU  peak RSS {r['peak_mb']:7.0f} MB  {counts}{note}", flush=True)
        if args.diagnose:
            if "quantities" in args.steps and not results[n]["quantities"].get("stopped"):
                print(f"  diagnose: quantities {quantities_pairs(store)}")
            r = run_step("postings", store, timeouts[n], args.max_rss_gb * 1024)
            print(f"  diagnose: same-event candidate pairs from postings {r['counts'] or r.get('stopped')}", flush=True)
    sizes = sorted(results)
    print("\nsummary: wall s / CPU s / peak RSS MB per size; growth exponent = log-log slope between consecutive sizes")
    print("of CPU time (t) and of peak RSS above the baseline process (m); '>' a stopped run, '>=' a lower bound")
    header = f"  {'step':<13}" + "".join(f"{n:>26,}" for n in sizes) + "".join(f"{'exp ' + _k(a) + '->' + _k(b):>18}" for a, b in zip(sizes, sizes[1:]))
    print(header)
    for step in args.steps:
        cells = []
        for n in sizes:
            r = results[n][step]
            mark = ">" if r.get("stopped") else " "
            cells.append(f"{mark}{r['seconds']:.0f} / {mark}{r['cpu']:.0f} / {r['peak_mb']:.0f}")
        exps = []
        for a, b in zip(sizes, sizes[1:]):
            ra, rb = results[a][step], results[b][step]
            if ra.get("stopped"):
                exps.append("n/a")
                continue
            base_a, base_b = results[a]["baseline"]["peak_mb"], results[b]["baseline"]["peak_mb"]
            st, sm = slope(ra["cpu"], rb["cpu"], a, b), slope(ra["peak_mb"] - base_a, rb["peak_mb"] - base_b, a, b)
            ge = ">=" if rb.get("stopped") else ""
            mem = f"{sm:.2f}" if sm is not None and not rb.get("stopped") else "-"
            exps.append(f"{ge}{st:.2f} t, {mem} m" if st is not None else "?")
        print(f"  {step:<13}" + "".join(f"{c:>26}" for c in cells) + "".join(f"{e:>18}" for e in exps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
