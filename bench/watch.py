"""`threadline watch` at scale: an add to a large store, ingest to alerts; and a simulated day of a feed.

Usage:
  python bench/watch.py add --sizes 20000 100000 [--add 1000] [--workers 1] [--work DIR] [--keep DIR]
  python bench/watch.py simulate [--hours 24] [--item-minutes 5] [--poll-minutes 15]

`add`: for each size, a cloned store of that many analysed documents
(bench/synth.py), resolved once as a user's store is (its own process, not
counted), then, in a fresh process (so that the peak RSS is the poll's), a
folder of `--add` new synthetic documents (JSON Lines) polled once by a
`Watcher`, stories clustered within `--window-days` (0: over the whole store): listing and ingest, analysis of the new documents (real spaCy,
`--workers`), the incremental resolve (each step timed) and the alerts. Prints
each step's wall time, the poll's peak RSS (this process and its analysis
workers), and the growth exponent of each step between sizes (log-log slope of
time against store size; 0 is flat, 1 linear).

`simulate`: a local feed server (127.0.0.1) publishes a new short article every
`--item-minutes` of a simulated clock; its feed lists the latest 20. A watch
polls it every `--poll-minutes` simulated minutes for `--hours`, the simulated
clock running as fast as the polls go. Checks that every published item is
stored exactly once (none lost, none duplicated), and prints RSS after every
tenth poll (memory flat or not).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402  (bench/synth.py)
from incremental import resolve_steps  # noqa: E402  (bench/incremental.py: resolve's steps timed)

import threadline  # noqa: E402
from threadline import config, watchlist  # noqa: E402
from threadline.analyze import load_model  # noqa: E402
from threadline.watch import Watcher  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def add(sizes: list[int], n_add: int, workers: int, work: str | None, window_days: int, keep: Path | None) -> None:
    base = synth.build_base(work)
    tmp = Path(tempfile.mkdtemp(prefix="tl-watch-"))
    folder = tmp / "incoming"
    synth.write_jsonl(folder, n_add, 1, base)
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        store, _ = synth.cached_store(size, seed=0, work=work, base=base)
        grown = (keep or tmp) / f"grown-{size}.db"
        for p in (grown, Path(f"{grown}-wal"), Path(f"{grown}-shm")):
            p.unlink(missing_ok=True)
        shutil.copy(store, grown)
        # the store as a user has it: resolved once over every document (its own process, not counted)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "threadline", "--db", str(grown), "resolve"], check=True, stdout=subprocess.DEVNULL)
        print(f"store {size:,}: first resolve (not counted) {time.perf_counter() - t0:.1f} s; load average {os.getloadavg()[0]:.1f}", flush=True)
        # the poll in a fresh process, so that its peak RSS is the poll's own
        out = subprocess.run(
            [sys.executable, __file__, "poll", str(grown), str(folder), "--workers", str(workers), "--window-days", str(window_days)],
            check=True, capture_output=True, text=True,
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        peak, added, alerts = row.pop("peak_mb"), row.pop("added"), row.pop("alerts_raised")
        results[size] = row
        print(f"  add of {added:,} documents, ingest to alerts: {row['total']:.1f} s; peak RSS {peak:,.0f} MB; {alerts} alerts;"
              f" load average {os.getloadavg()[0]:.1f}", flush=True)
        print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in row.items()), flush=True)
        if keep is None:
            grown.unlink()
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        print(f"exponent {first:,} -> {last:,} (log-log slope of wall time; 0 flat, 1 linear):")
        for step in results[first]:
            a, b = results[first][step], results[last].get(step, 0.0)
            if a > 0.05 and b > 0.05:
                print(f"  {step:<12} {math.log(b / a) / math.log(last / first):5.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


def poll_once(store: Path, folder: Path, workers: int, window_days: int) -> None:
    """One poll of `folder` into a resolved store; prints one JSON line: each step's seconds, peak RSS, documents added, alerts."""
    cfg = config.load(overrides={"store.db": str(store), "analyze.workers": workers})
    cfg["stories"]["window_days"] = window_days
    with threadline.open(config=cfg) as corpus:
        load_model(cfg["analyze"]["model"])  # loading the model is not work of the add
        watcher = Watcher(corpus, watchlist.load([str(folder)]))
        with resolve_steps({}) as steps:
            t0 = time.perf_counter()
            summary = watcher.poll()
            total = time.perf_counter() - t0
        watcher.close()
    row = {**summary.seconds, **{k.removeprefix("resolve_"): v for k, v in steps.items()}, "total": total}
    print(json.dumps({**row, "peak_mb": peak_mb(), "added": summary.ingest.added, "alerts_raised": summary.alerts}))


# -- simulated feed ------------------------------------------------------------------
PLACES = ["Kathmandu", "Tashkent", "Colombo", "Dhaka", "Havana", "Nairobi", "Delhi", "Bishkek"]


def article(n: int) -> bytes:
    place = PLACES[n % len(PLACES)]
    day = 1 + n % 28
    return (
        f"<!doctype html><html><head><title>Bulletin {n} from {place}</title>"
        f'<meta property="article:published_time" content="2025-03-{day:02d}T08:00:00+00:00"></head><body><article>'
        f"<h1>Bulletin {n} from {place}</h1>"
        f"<p>Officials in {place} said on Monday that {100 + n} men from the region had signed contracts with foreign recruiters this year.</p>"
        f"<p>The labour office in {place} said bulletin number {n} listed {n % 9 + 2} agencies whose licences were suspended after complaints from families.</p>"
        f"<p>Relatives told reporters in {place} that the men had been promised work abroad and a monthly salary of {1000 + 10 * n} dollars.</p>"
        "</article></body></html>"
    ).encode()


class FeedServer:
    def __init__(self) -> None:
        self.published = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/feed.xml":
                    latest = range(max(0, site.published - 20), site.published)
                    items = "".join(f"<item><title>Bulletin {n}</title><link>{site.base}/a/{n}</link></item>" for n in latest)
                    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bulletins</title>{items}</channel></rss>'.encode()
                elif self.path.startswith("/a/") and self.path[3:].isdigit() and int(self.path[3:]) < site.published:
                    body = article(int(self.path[3:]))
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def simulate(hours: float, item_minutes: float, poll_minutes: float) -> int:
    server = FeedServer()
    tmp = Path(tempfile.mkdtemp(prefix="tl-watch-sim-"))
    cfg = config.load(overrides={"store.db": str(tmp / "sim.db"), "analyze.workers": 1})
    cfg["watch"].update({"host_delay": 0.0, "timeout": 5.0, "backoff": 0.1})
    polls = int(hours * 60 / poll_minutes)
    samples = []
    try:
        with threadline.open(config=cfg) as corpus:
            watcher = Watcher(corpus, watchlist.load([f"{server.base}/feed.xml"]))
            t0 = time.perf_counter()
            for i in range(1, polls + 1):
                server.published = int(i * poll_minutes / item_minutes)  # the simulated clock moves one poll interval
                watcher.poll()
                if i % 10 == 0 or i == polls:
                    samples.append((i, rss_mb()))
                    print(f"  poll {i}/{polls}: {server.published} published, RSS {samples[-1][1]:.0f} MB", flush=True)
            elapsed = time.perf_counter() - t0
            watcher.close()
            stored = {r[0] for r in corpus.store.query("SELECT url FROM document_versions")}
            versions = corpus.store.scalar("SELECT count(*) FROM document_versions")
            docs = corpus.store.scalar("SELECT count(*) FROM documents")
    finally:
        server.close()
        shutil.rmtree(tmp, ignore_errors=True)
    expected = {f"{server.base}/a/{n}" for n in range(server.published)}
    lost, extra = expected - stored, stored - expected
    print(f"simulated {hours:g} h ({polls} polls) in {elapsed:.0f} s: {server.published} items published, {docs} documents,"
          f" {versions} versions; lost {len(lost)}, duplicated {versions - len(stored)}, unexpected {len(extra)}")
    growth = samples[-1][1] - samples[0][1] if len(samples) > 1 else 0.0
    print(f"RSS from poll {samples[0][0]} to poll {samples[-1][0]}: {samples[0][1]:.0f} -> {samples[-1][1]:.0f} MB ({growth:+.0f} MB)")
    return 1 if lost or extra or versions != len(stored) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    a = sub.add_parser("add")
    a.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    a.add_argument("--add", type=int, default=1000)
    a.add_argument("--workers", type=int, default=1)
    a.add_argument("--work", default=None, help="cache directory for the cloned stores")
    a.add_argument("--window-days", type=int, default=14, help="stories.window_days for the add (0: cluster the whole store)")
    a.add_argument("--keep", type=Path, default=None, help="keep the grown stores in this directory (for bench/serve.py --store)")
    o = sub.add_parser("poll", help="(used by add) one poll of FOLDER into the resolved STORE, in this process")
    o.add_argument("store", type=Path)
    o.add_argument("folder", type=Path)
    o.add_argument("--workers", type=int, default=1)
    o.add_argument("--window-days", type=int, default=14)
    s = sub.add_parser("simulate")
    s.add_argument("--hours", type=float, default=24)
    s.add_argument("--item-minutes", type=float, default=5)
    s.add_argument("--poll-minutes", type=float, default=15)
    args = ap.parse_args(argv)
    if args.what == "poll":
        poll_once(args.store, args.folder, args.workers, args.window_days)
        return 0
    print(f"machine: {synth.machine()}", flush=True)
    if args.what == "add":
        add(args.sizes, args.add, args.workers, args.work, args.window_days, args.keep)
        return 0
    with contextlib.suppress(KeyboardInterrupt):
        return simulate(args.hours, args.item_minutes, args.poll_minutes)
    return 130


if __name__ == "__main__":
    sys.exit(main())
