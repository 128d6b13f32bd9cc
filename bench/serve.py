"""Workbench latency on a large cloned store: `threadline serve` in its own process, requests from this one.

Usage: python bench/serve.py [--size 50000] [--requests 200] [--format json html] [--budget 600] [--profile]

The store is a cloned store of --size documents (bench/synth.py, cached in the
work directory). Before serving it is resolved once (not timed here):
canonical entities over the whole store; quantities and stories slice by
slice (--slice documents each, the library's own steps run on a copy of the
slice); then, over the whole store, each quantity's sources and independent
sources, as `threadline resolve` stores them (a cached store is migrated and
counted the same way). With --slice as large as --size (as in docs/performance.md) that is
one resolve of the whole store, which now finishes (see bench/resolve.py); a
smaller slice makes a quantity hold the figures of one slice only, so the
ledger has more, smaller quantities than a whole-store run would make.

`threadline serve` is started on 127.0.0.1 at a free port. From this process,
with one keep-alive HTTP client, --requests requests are made to each route,
one at a time, after one warm-up request per route:

  search     /search?q=...          varied queries: entity names, aliases, words of 200 random documents, name + word
  entity     /entities/{id}         the 20 most mentioned entities (2 requests each), the rest at random
  figures    /figures               the figures ledger, default page (25 quantities: conflicts first, then the largest)
  document   /documents/{id}        documents at random

as the JSON twin (path + `.json`) and/or the HTML page (--format). A route
still going after --budget seconds stops early (the count is printed).
Printed per route: p50 / p95 / max latency in ms (wall time at the client),
against the target p95 < 150 ms, and the p50 / p95 CPU time the server's
threads spent per request (schedstat), which other work on the machine does
not inflate. With --profile, for each route that misses the target, the data function
behind it (what the JSON twin returns and the page renders) is run again in
this process under cProfile for three of its slowest requests, printing the
functions with the most cumulative time and the SQL statements per call.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402

TARGET_MS = 150
ROUTES = ("search", "entity", "figures", "document")


# -- preparing the store ------------------------------------------------------------------
def prepared(store: Path) -> bool:
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return bool(db.execute("SELECT count(*) FROM entities").fetchone()[0]) and bool(db.execute("SELECT count(*) FROM quantities").fetchone()[0])
    finally:
        db.close()


def finish(store: Path) -> None:
    """Bring a prepared store to what `threadline resolve` leaves with this code: opened writable
    once (its migrations run), and each quantity's sources and independent sources counted over
    the whole store when they are not stored yet."""
    import threadline
    from threadline.resolve import quantities

    with threadline.open(store) as corpus:
        missing = corpus.store.scalar("SELECT count(*) FROM quantities WHERE sources IS NULL")
        if missing:
            t0 = time.perf_counter()
            counts = quantities.count_sources(corpus.store)
            print(f"  sources of {missing:,} quantities counted: {counts} ({time.perf_counter() - t0:.0f} s)", flush=True)


# -- requests -------------------------------------------------------------------------------
def sample_urls(store: Path, requests: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    docs = [r[0] for r in db.execute("SELECT id FROM documents")]
    ents = [(r[0], r[1], json.loads(r[2])) for r in db.execute("SELECT id, name, aliases FROM entities ORDER BY mentions DESC, id")]
    texts = [r[0] for r in db.execute("SELECT text FROM documents WHERE rowid IN (SELECT rowid FROM documents ORDER BY random() LIMIT 200)")]
    db.close()
    words = sorted({w for t in texts for w in re.findall(r"\b[a-z]{5,}\b", t)})
    names = [n for _, n, _ in ents[:2000]]
    queries = []
    for i in range(requests):
        kind = i % 4
        if kind == 0:
            queries.append(rng.choice(names))
        elif kind == 1:
            queries.append(rng.choice(words))
        elif kind == 2:
            queries.append(rng.choice(rng.choice(ents)[2] or [rng.choice(names)]))
        else:
            queries.append(f"{rng.choice(names).split()[-1]} {rng.choice(words)}")
    top = [e[0] for e in ents[:20]]
    rest = rng.sample([e[0] for e in ents[20:]], min(len(ents) - 20, max(0, requests - 2 * len(top))))
    entity_ids = [*top, *top, *rest][:requests]
    rng.shuffle(entity_ids)
    return {
        "search": [f"/search?q={quote(q)}" for q in queries],
        "entity": [f"/entities/{e}" for e in entity_ids],
        "figures": ["/figures"] * requests,
        "document": [f"/documents/{d}" for d in rng.sample(docs, min(requests, len(docs)))],
    }


def as_format(url: str, fmt: str) -> str:
    if fmt == "html":
        return url
    path, _, query = url.partition("?")
    return f"{path}.json" + (f"?{query}" if query else "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "threadline", "--db", str(store), "serve", "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(url + "/openapi.json", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def server_cpu_ns(pid: int) -> int:
    """CPU time of every thread of the server so far (schedstat, nanoseconds): requests run in its thread pool."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


def measure(base_url: str, urls: list[str], budget: float, pid: int) -> dict[str, Any]:
    import httpx

    times: list[tuple[float, str, int]] = []
    cpu: list[float] = []
    with httpx.Client(base_url=base_url, timeout=budget + 60) as client:
        t0 = time.perf_counter()
        first = client.get(urls[0])
        cold = time.perf_counter() - t0
        if first.status_code != 200:
            raise SystemExit(f"{urls[0]}: HTTP {first.status_code}: {first.text[:300]}")
        start = time.perf_counter()
        for url in urls:
            c = server_cpu_ns(pid)
            t = time.perf_counter()
            r = client.get(url)
            took = time.perf_counter() - t
            cpu.append((server_cpu_ns(pid) - c) / 1e6)
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:300]}")
            times.append((took * 1000, url, len(r.content)))
            if time.perf_counter() - start > budget:
                break
    ms = [t for t, _, _ in times]
    return {
        "n": len(ms),
        "cold_ms": cold * 1000,
        "p50": statistics.median(ms),
        "p95": percentile(ms, 0.95),
        "max": max(ms),
        "cpu_p50": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 0.95),
        "kb": statistics.median(b for _, _, b in times) / 1024,
        "slowest": [u for _, u, _ in sorted(times, reverse=True)[:3]],
    }


# -- profiling a route in-process --------------------------------------------------------------
def _handler(route: str, url: str) -> Any:
    """The data function behind a route's JSON twin, for one URL (what the page renders from)."""
    from urllib.parse import parse_qs, unquote, urlsplit

    from threadline.read import features, queries
    from threadline.read.records import Lookup
    from threadline.serve.routes.figures import LEDGER_GROUPS

    parts = urlsplit(url)
    tail = unquote(parts.path.rsplit("/", 1)[-1].removesuffix(".json"))
    if route == "search":
        q = parse_qs(parts.query).get("q", [""])[0]
        return lambda store: queries.search(Lookup(store), q, 20)
    if route == "entity":
        return lambda store: queries.entity_page(Lookup(store), tail)
    if route == "figures":
        return lambda store: features.figure_groups(Lookup(store), limit=LEDGER_GROUPS)
    return lambda store: queries.document_page(Lookup(store), tail)


def profile(store_path: Path, route: str, urls: list[str], top: int = 16) -> str:
    """cProfile of the route's data function (and its JSON encoding) for `urls`, with SQL statements counted."""
    from collections import defaultdict

    from threadline.store import Store

    statements = [0]
    sql_time: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])

    def timed(name: str) -> Any:
        original = getattr(Store, name)

        def run(self: Any, sql: str, params: Any = ()) -> Any:
            key = " ".join(sql.split())[:150]
            t = time.perf_counter()
            out = original(self, sql, params)
            if name == "iter_rows":
                out = list(out)
            sql_time[key][0] += 1
            sql_time[key][1] += time.perf_counter() - t
            return out

        return original, run

    patched = {name: timed(name) for name in ("query", "scalar", "iter_rows")}
    for name, (_, run) in patched.items():
        setattr(Store, name, run)
    prof = cProfile.Profile()
    took = []
    try:
        for url in urls:
            fn = _handler(route, url)
            with Store(store_path, readonly=True) as store:
                store.db.set_trace_callback(lambda _sql: statements.__setitem__(0, statements[0] + 1))
                t0 = time.perf_counter()
                prof.enable()
                json.dumps(fn(store))
                prof.disable()
                took.append(time.perf_counter() - t0)
    finally:
        for name, (original, _) in patched.items():
            setattr(Store, name, original)
    heavy = sorted(sql_time.items(), key=lambda kv: -kv[1][1])[:6]
    sql_lines = [f"    SQL {t / len(urls) * 1000:8,.0f} ms/call  x{n / len(urls):<7,.0f} {q}" for q, (n, t) in heavy]
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(r"threadline|\{method '(execute|fetchall|fetchone)'|json", top)
    lines = [line for line in out.getvalue().splitlines() if re.match(r"\s*\d", line)]
    head = f"    {len(urls)} calls under cProfile: {statistics.mean(took) * 1000:,.0f} ms each, {statements[0] / len(urls):,.0f} SQL statements each"
    return "\n".join([head, *sql_lines, "    ncalls  tottime  percall  cumtime  percall filename:lineno(function)", *("    " + line.strip() for line in lines)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--routes", nargs="+", default=list(ROUTES), choices=ROUTES)
    ap.add_argument("--format", nargs="+", default=["json", "html"], choices=["json", "html"])
    ap.add_argument("--budget", type=float, default=600, help="seconds per route and format before it stops early")
    ap.add_argument("--slice", type=int, default=5000, help="documents per slice for quantities and stories")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--prepare-only", action="store_true", help="build and resolve the store, then stop")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default=None)
    ap.add_argument("--base", default=None)
    ap.add_argument("--store", type=Path, default=None, help="serve this store as it is instead of a cloned one")
    args = ap.parse_args(argv)
    work = synth.work_dir(args.work)
    print(f"machine: {synth.machine()}; load average {os.getloadavg()[0]:.1f} at start (other work runs on this machine)")
    if args.store:
        store = args.store
    else:
        cmd = [sys.executable, str(Path(synth.__file__)), "--work", str(work), *(["--base", args.base] if args.base else []), "cached", "-n", str(args.size), "--seed", str(args.seed)]
        cloned = Path(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        store = cloned.with_name(cloned.stem + f"-served-{args.slice}.db")
        if not store.is_file() or not prepared(store):
            print(f"preparing {store.name} (resolve: entities whole, quantities and stories per {args.slice:,} documents)", flush=True)
            tmp = store.with_name(store.stem + ".tmp.db")
            shutil.copy(cloned, tmp)
            prepare(tmp, args.slice, work)
            os.replace(tmp, store)
        finish(store)  # also a store prepared by an earlier version
    if args.prepare_only:
        print(f"prepared: {store}")
        return 0
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "records", "entities", "quantities", "figure_facts", "stories")}
    db.close()
    print("store: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f"; {store.stat().st_size / 2**20:,.0f} MiB")
    urls = sample_urls(store, args.requests, args.seed)
    proc, base_url = start_server(store)
    results: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        print(f"server: threadline serve at {base_url} (own process); {args.requests} requests per route, one at a time, after a warm-up request")
        print("  latency is wall time seen by the client; server CPU is the CPU time the server's threads used per request")
        print(f"  {'route':<9} {'format':<6} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'first ms':>9} {'CPU p50':>9} {'CPU p95':>9} {'median KiB':>11}  target p95 < {TARGET_MS} ms")
        for route in args.routes:
            for fmt in args.format:
                r = measure(base_url, [as_format(u, fmt) for u in urls[route]], args.budget, proc.pid)
                results[(route, fmt)] = r
                ok = "met" if r["p95"] < TARGET_MS else "MISSED"
                short = "" if r["n"] == len(urls[route]) else f"  (stopped after {args.budget:.0f} s)"
                cpu_ok = "met" if r["cpu_p95"] < TARGET_MS else "MISSED"
                print(
                    f"  {route:<9} {fmt:<6} {r['n']:>5} {r['p50']:9.1f} {r['p95']:9.1f} {r['max']:9.1f} {r['cold_ms']:9.1f} {r['cpu_p50']:9.1f} {r['cpu_p95']:9.1f}"
                    f" {r['kb']:11.1f}  wall {ok}, CPU {cpu_ok}{short}",
                    flush=True,
                )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    if args.profile:
        for (route, fmt), r in results.items():
            if r["p95"] >= TARGET_MS and (fmt == "json" or (route, "json") not in results or results[(route, "json")]["p95"] < TARGET_MS):
                print(f"\nprofile: {route} ({fmt}), slowest: {', '.join(r['slowest'])}")
                print(profile(store, route, r["slowest"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
