"""`threadline watch` at scale: an add to a large store, ingest to alerts; and a simulated day of a feed.

Usage:
  python bench/watch.py add --sizes 20000 100000 [--add 1000] [--dates latest|spread] [--workers 1] [--work DIR] [--keep DIR] [--resolved STORE]
  python bench/watch.py alerts GROWN.db [--max-alerts 50]
  python bench/watch.py simulate [--hours 24] [--item-minutes 5] [--poll-minutes 15]
  python bench/watch.py inspect GROWN.db [--window-days 14]
  python bench/watch.py entities GROWN.db [--add 100] [--runs 3]
  python bench/watch.py resolve STORE.db

`add`: for each size, a cloned store of that many analysed documents
(bench/synth.py), resolved once as a user's store is (its own process, not
counted; kept in the work directory for this code), then, in a fresh process
(so that the peak RSS is the poll's), a
folder of `--add` new synthetic documents (JSON Lines; by default published in
the week after the store's latest date, as a feed's are; `--dates spread`: over
the store's whole range) polled once by a
`Watcher`, stories clustered within `--window-days` (0: over the whole store): listing and ingest, analysis of the new documents (real spaCy,
`--workers`), the incremental resolve (each step timed) and the alerts. Prints
each step's wall and CPU time, the poll's peak RSS (this process and its analysis
workers) and its process's peak so far at the end of each step (the step that raises
it makes the peak), and the growth exponent of each step between sizes (log-log slope of
time against store size; 0 is flat, 1 linear).

`alerts`: on a copy of a grown store (`add --keep`), the poll's alerts
forgotten and computed again by this code: alerts raised, and changes and
alerts per kind (an add of synthetic documents touches hundreds of
quantities and thousands of actors).

`entities`: on a copy of a grown store, the entity step's CPU time, best of
`--runs`: with nothing new to link, and as an add of `--add` documents makes
it (the latest documents' keys and links forgotten, then keyed, merged and
linked again). It calls only `resolve_entities`, so the same command measures
an earlier version of the code (run with that version on `PYTHONPATH`).

`resolve`: `threadline resolve` on STORE (in place: a cloned store's first resolve, as `add` makes
it), each step's wall and CPU seconds and the process's peak RSS at the end of each step.

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
import functools
import hashlib
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

import threadline  # noqa: E402
from threadline import config, watchlist  # noqa: E402
from threadline.analyze import load_model  # noqa: E402
from threadline.watch import Watcher  # noqa: E402


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (VmRSS), or its high-water mark so far (VmHWM), in MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def code_stamp() -> str:
    """A hash of the package's files: a store resolved by other code is resolved again."""
    root = Path(threadline.__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".toml", ".json", ".txt"):
            h.update(str(f.relative_to(root)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:10]


def resolved_store(size: int, work: str | None, base: Path) -> Path:
    """The cloned store of `size` documents resolved once over every document, as a user's store is
    before an add (its own process; cached in the work directory for this code)."""
    store, _ = synth.cached_store(size, seed=0, work=work, base=base)
    path = store.with_name(f"{store.stem}.resolved-{code_stamp()}.db")
    if not path.is_file():
        tmp = path.with_name(path.stem + f".{os.getpid()}.tmp.db")
        shutil.copy(store, tmp)
        t0, c0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "threadline", "--db", str(tmp), "resolve"], check=True, stdout=subprocess.DEVNULL)
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime
        print(f"store {size:,}: first resolve (not counted) {time.perf_counter() - t0:.1f} s, {cpu:.1f} s CPU", flush=True)
        os.replace(tmp, path)
    return path


def resolved_here(path: Path) -> bool:
    """Whether a store is of this code's schema with nothing left for resolve (no document pending, every
    figure fact's cluster stored, the happenings grouped by this code's rules): a store of older code is
    migrated and resolved once before an add."""
    from threadline.migrations import MIGRATIONS
    from threadline.resolve.aggregates import HAPPENINGS_VERSION
    from threadline.store import Store

    with Store(path, readonly=True) as s:
        if s.schema_version() != MIGRATIONS[-1][0] or s.scalar("SELECT version FROM happenings_version") != HAPPENINGS_VERSION:
            return False
        pending = ("claims_pending", "stories_pending", "keys_pending", "aggregates_pending", "happenings_pending")
        return not any(s.scalar(f"SELECT EXISTS (SELECT 1 FROM {t})") for t in pending) and not s.scalar(
            "SELECT EXISTS (SELECT 1 FROM figure_facts INDEXED BY figure_facts_unclustered WHERE bucket IS NOT NULL AND cluster IS NULL)")


def add(
    sizes: list[int], n_add: int, workers: int, work: str | None, window_days: int, keep: Path | None, given: Path | None = None,
    dates: str = "latest",
) -> None:
    base = synth.build_base(work)
    tmp = Path(tempfile.mkdtemp(prefix="tl-watch-"))
    results: dict[int, dict[str, dict[str, float]]] = {}
    for size in sizes:
        resolved = given or resolved_store(size, work, base)
        folder = tmp / f"incoming-{size}"
        after = synth.latest_day(resolved) if dates == "latest" else None
        synth.write_jsonl(folder, n_add, 1, base, after=after)
        print(f"store {size:,}: {n_add:,} new documents, " + (f"published in the week after {after}" if after else "dates spread over the store's"), flush=True)
        grown = (keep or tmp) / f"grown-{size}.db"
        for p in (grown, Path(f"{grown}-wal"), Path(f"{grown}-shm")):
            p.unlink(missing_ok=True)
        shutil.copy(resolved, grown)
        if not resolved_here(grown):  # a store of older code: migrated and completed by this code first
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "threadline", "--db", str(grown), "resolve"], check=True, stdout=subprocess.DEVNULL)
            print(f"store {size:,}: resolved again by this code before the add (not counted) {time.perf_counter() - t0:.1f} s", flush=True)
        # the poll in a fresh process, so that its peak RSS is the poll's own
        print(f"store {size:,}: polling; load average {os.getloadavg()[0]:.1f}", flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "poll", str(grown), str(folder), "--workers", str(workers), "--window-days", str(window_days)],
            check=True, capture_output=True, text=True,
        ).stdout
        row = json.loads(out.strip().splitlines()[-1])
        results[size] = row
        print(f"  add of {row['added']:,} documents, ingest to alerts: {row['wall']['total']:.1f} s wall, {row['cpu']['total']:.1f} s CPU;"
              f" peak RSS {row['peak_mb']:,.0f} MB; {row['alerts']} alerts; load average {os.getloadavg()[0]:.1f} at the end", flush=True)
        print("  step: wall / CPU seconds: " + ", ".join(f"{k} {v:.1f} / {row['cpu'].get(k, 0.0):.1f}" for k, v in row["wall"].items()), flush=True)
        print("  resolve: " + ", ".join(f"{k} {v:,}" for k, v in row["resolve"].items()), flush=True)
        print("  peak RSS of the poll's process at the end of each step (MB): " + ", ".join(f"{k} {v:,.0f}" for k, v in row["hwm_mb"].items()), flush=True)
        if keep is None:
            grown.unlink()
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        print(f"exponent {first:,} -> {last:,} (log-log slope of wall and of CPU time against store size; 0 flat, 1 linear):")
        for step in results[first]["wall"]:
            slopes = []
            for kind in ("wall", "cpu"):
                a, b = results[first][kind].get(step, 0.0), results[last][kind].get(step, 0.0)
                slopes.append(f"{math.log(b / a) / math.log(last / first):5.2f}" if a > 0.05 and b > 0.05 else "    -")
            print(f"  {step:<14} wall {slopes[0]}, CPU {slopes[1]}")
    shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def timed_steps(wall: dict[str, float], cpu: dict[str, float], hwm: dict[str, float] | None = None):  # type: ignore[no-untyped-def]
    """Wall and CPU seconds (this process) of each step of a poll and of each step of its resolve;
    and the process's peak RSS so far at the end of each step (`hwm`: the step that raises it makes the peak)."""
    from threadline import alerts, review
    from threadline.corpus import Corpus
    from threadline.resolve import aggregates, entities, quantities, stories

    targets = [
        (Watcher, "_poll_source", "sources"), (Corpus, "analyze", "analyze"), (Corpus, "resolve", "resolve"),
        (review, "withhold_rejected", "reviews"), (entities, "resolve_entities", "entities"), (quantities, "resolve_quantities", "quantities"),
        (stories, "resolve_stories", "stories"), (quantities, "count_sources", "count_sources"),
        (aggregates, "update", "cooccurrence"), (aggregates, "update_happenings", "happenings"), (alerts, "compute", "alerts"),
    ]
    originals = [getattr(owner, attr) for owner, attr, _ in targets]

    def wrap(fn, name):  # type: ignore[no-untyped-def]
        @functools.wraps(fn)
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                wall[name] = wall.get(name, 0.0) + time.perf_counter() - t0
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - c0
                if hwm is not None:
                    hwm[name] = rss_mb("VmHWM")

        return timed

    for (owner, attr, name), fn in zip(targets, originals):
        setattr(owner, attr, wrap(fn, name))
    try:
        yield
    finally:
        for (owner, attr, _), fn in zip(targets, originals):
            setattr(owner, attr, fn)


def poll_once(store: Path, folder: Path, workers: int, window_days: int) -> None:
    """One poll of `folder` into a resolved store; prints one JSON line: each step's wall and CPU seconds,
    the peak RSS (this process and any analysis workers), documents added, alerts raised."""
    cfg = config.load(overrides={"store.db": str(store), "analyze.workers": workers})
    cfg["stories"]["window_days"] = window_days
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    hwm: dict[str, float] = {}
    with threadline.open(config=cfg) as corpus:
        load_model(cfg["analyze"]["model"])  # loading the model is not work of the add
        watcher = Watcher(corpus, watchlist.load([str(folder)]))
        hwm["before"] = rss_mb("VmHWM")
        with timed_steps(wall, cpu, hwm):
            t0, c0 = time.perf_counter(), time.process_time()
            summary = watcher.poll()
            wall["total"], cpu["total"] = time.perf_counter() - t0, time.process_time() - c0
        watcher.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu["total"] += children.ru_utime + children.ru_stime  # analysis workers, when there are
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak_mb(), "hwm_mb": hwm, "added": summary.ingest.added, "alerts": summary.alerts,
                      "resolve": summary.stages.get("resolve") or {}}))


def resolve_once(store: Path) -> None:
    """`threadline resolve` on a store, in this process: each step's wall and CPU seconds and the peak RSS at its end."""
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    hwm: dict[str, float] = {"before": rss_mb("VmHWM")}
    with threadline.open(store) as corpus:
        print(f"store: {corpus.store.scalar('SELECT count(*) FROM documents'):,} documents; load average {os.getloadavg()[0]:.1f}", flush=True)
        with timed_steps(wall, cpu, hwm):
            counts = corpus.resolve()
    print(f"resolve: {wall['resolve']:.1f} s wall, {cpu['resolve']:.1f} s CPU; peak RSS {peak_mb():,.0f} MB;"
          f" load average {os.getloadavg()[0]:.1f} at the end")
    print("  step: wall / CPU seconds: " + ", ".join(f"{k} {v:.1f} / {cpu[k]:.1f}" for k, v in wall.items()))
    print("  peak RSS at the end of each step (MB): " + ", ".join(f"{k} {v:,.0f}" for k, v in hwm.items()))
    print("  " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))


def inspect(store: Path, window_days: int) -> None:
    """On a grown store (after `add --keep`): how many documents the added documents' story windows
    hold, and where the entity step's CPU time goes when nothing new is to be linked (it runs on the store)."""
    from threadline.resolve import entities
    from threadline.resolve.stories import window_scope
    from threadline.store import Store

    with Store(store) as s:
        added = [r[0] for r in s.query("SELECT doc_id FROM document_versions")]
        scope = window_scope(s, added, window_days)
        print(f"story windows of the {len(added):,} added documents ({window_days} days): {len(scope):,} of {s.scalar('SELECT count(*) FROM documents'):,} documents")
        entities.resolve_entities(s)  # keys what this code keys differently, builds the counts a migration asks for
        c0 = time.process_time()
        index = entities.load_index(s)
        c1 = time.process_time()
        roots, _ = entities.cluster_keys(index)
        c2 = time.process_time()
        stored = entities.StoredKeys(s)
        c3 = time.process_time()
        assert entities.cluster_keys(stored)[0] == roots
        c4 = time.process_time()
        out = entities.resolve_entities(s)
        c5 = time.process_time()
    print(f"entities, nothing new: every mention's key read {c1 - c0:.2f} s CPU and merged {c2 - c1:.2f} s ({len(roots):,} keys);"
          f" the store's counts read {c3 - c2:.2f} s and merged {c4 - c3:.2f} s (the same clusters); the whole step {c5 - c4:.2f} s; {out}")


def entity_step(store: Path, added: int, runs: int) -> None:
    """The entity step on a grown store, best of `runs`: nothing new; then an add of the latest `added` documents."""
    from threadline.resolve import entities
    from threadline.store import Store

    with Store(store) as s:
        entities.resolve_entities(s)  # keys what this code keys differently; builds what a migration asks for (not counted)
        latest = [r[0] for r in s.query("SELECT id FROM documents ORDER BY rowid DESC LIMIT ?", (added,))]
        idle = add = math.inf
        for _ in range(runs):
            c0 = time.process_time()
            entities.resolve_entities(s)
            idle = min(idle, time.process_time() - c0)
            with s.transaction() as db:
                db.executemany("DELETE FROM keyed_documents WHERE doc_id = ?", [(d,) for d in latest])
            c0 = time.process_time()
            out = entities.resolve_entities(s)
            add = min(add, time.process_time() - c0)
        docs = s.scalar("SELECT count(*) FROM documents")
        mentions, keys = s.query("SELECT count(*), count(DISTINCT key) FROM mention_keys")[0]
    print(f"{docs:,} documents, {mentions:,} keyed mentions, {keys:,} keys, {out['entities']:,} entities: the entity step,"
          f" nothing new {idle:.3f} s CPU, an add of {len(latest):,} documents {add:.3f} s (best of {runs}; {entities.__file__})")


def replay_alerts(grown: Path, max_alerts: int) -> None:
    """On a copy of a grown store (after `add --keep`): its poll's alerts forgotten and computed again
    with this code; prints the alerts raised, and the changes and alerts of each kind."""
    from collections import Counter

    from threadline import alerts
    from threadline.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="tl-alerts-"))
    copy = tmp / grown.name
    try:
        with Store(grown, readonly=True) as s:
            s.db.execute(f"VACUUM INTO '{copy}'")
        with threadline.open(copy) as corpus:
            store = corpus.store
            with store.transaction() as db:
                before = db.execute("SELECT count(*) FROM alerts").fetchone()[0]
                db.execute("DELETE FROM alerts")
                db.execute("DELETE FROM alert_changes")
                db.execute("UPDATE document_versions SET alerted = 0")
            c0 = time.process_time()
            raised = alerts.compute(store, watchlist.Watchlist(max_alerts=max_alerts))
            took = time.process_time() - c0
            changes = Counter(r[0] for r in store.query("SELECT a.kind FROM alert_changes c JOIN alerts a ON a.id = c.alert_id WHERE a.kind <> 'digest'"))
            kinds = Counter(r[0] for r in store.query("SELECT kind FROM alerts"))
            folded = [json.loads(r[0]) for r in store.query("SELECT data FROM alerts WHERE kind = 'digest'")]
            versions = store.scalar("SELECT count(*) FROM document_versions")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for d in folded:
        for kind, n in d["by_kind"].items():
            changes[kind] += n["changes"]
    print(f"{versions:,} new document versions; alerts stored before: {before:,}; computed again: {raised:,} alerts"
          f" ({sum(changes.values()):,} changes; max_alerts {max_alerts}), {took:.1f} s CPU")
    for kind in alerts.KINDS:
        if changes[kind] or kinds[kind]:
            print(f"  {kind:<19} {changes[kind]:>7,} changes  {kinds[kind]:>4} alerts")


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
    a.add_argument("--resolved", type=Path, default=None, help="add to a copy of this resolved store (one size) instead of a cached one")
    a.add_argument("--dates", choices=("latest", "spread"), default="latest",
                   help="latest: the new documents published in the week after the store's latest (a feed); spread: over the store's range")
    r = sub.add_parser("alerts", help="the alerts of a grown store's poll computed again (on a copy): alerts and changes per kind")
    r.add_argument("store", type=Path)
    r.add_argument("--max-alerts", type=int, default=watchlist.Watchlist.max_alerts)
    o = sub.add_parser("poll", help="(used by add) one poll of FOLDER into the resolved STORE, in this process")
    o.add_argument("store", type=Path)
    o.add_argument("folder", type=Path)
    o.add_argument("--workers", type=int, default=1)
    o.add_argument("--window-days", type=int, default=14)
    i = sub.add_parser("inspect", help="story windows and the entity step's costs on a grown store (runs resolve's entity step on it)")
    i.add_argument("store", type=Path)
    i.add_argument("--window-days", type=int, default=14)
    e = sub.add_parser("entities", help="the entity step's CPU time on a grown store (on a copy): nothing new, and an add")
    e.add_argument("store", type=Path)
    e.add_argument("--add", type=int, default=100)
    e.add_argument("--runs", type=int, default=3)
    v = sub.add_parser("resolve", help="threadline resolve on STORE (in place), each step timed")
    v.add_argument("store", type=Path)
    s = sub.add_parser("simulate")
    s.add_argument("--hours", type=float, default=24)
    s.add_argument("--item-minutes", type=float, default=5)
    s.add_argument("--poll-minutes", type=float, default=15)
    args = ap.parse_args(argv)
    if args.what == "poll":
        poll_once(args.store, args.folder, args.workers, args.window_days)
        return 0
    print(f"machine: {synth.machine()}", flush=True)
    if args.what == "inspect":
        inspect(args.store, args.window_days)
        return 0
    if args.what == "resolve":
        resolve_once(args.store)
        return 0
    if args.what == "entities":
        entity_step(args.store, args.add, args.runs)
        return 0
    if args.what == "add":
        if args.resolved and len(args.sizes) != 1:
            ap.error("--resolved takes one size")
        add(args.sizes, args.add, args.workers, args.work, args.window_days, args.keep, args.resolved, args.dates)
        return 0
    if args.what == "alerts":
        replay_alerts(args.store, args.max_alerts)
        return 0
    with contextlib.suppress(KeyboardInterrupt):
        return simulate(args.hours, args.item_minutes, args.poll_minutes)
    return 130


if __name__ == "__main__":
    sys.exit(main())
