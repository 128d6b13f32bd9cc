"""The quantities step of an add, alone: the same prepared store, timed by any code.

Usage:
  python bench/quantities.py prepare RESOLVED.db --add 300 -o PREPARED.db [--dates latest|spread] [--work DIR]
  python bench/quantities.py time PREPARED.db [--profile]

`prepare`: a copy of a resolved store (`bench/watch.py add` keeps one per size in its work
directory) with `--add` new synthetic documents (`bench/synth.py`; published in the week after the
store's latest, or with `--dates spread` over its range) ingested and analysed and the
entity step run, so that the quantities step is all that is left of the add's resolve.

`time`: on a fresh copy of the prepared store, `resolve_quantities` once: its wall and CPU
seconds, its counts, and a digest of the `quantities` and `figure_facts` tables it leaves (two
codes that write the same tables print the same digest; the columns migration 24 added are left
out, so a store taken back to schema 23 compares with the code before it). Run it with each code on the same
prepared store to compare them.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import threadline  # noqa: E402


def prepare(resolved: Path, n_add: int, out: Path, work: str | None, dates: str = "latest") -> None:
    import synth  # bench/synth.py

    from threadline import review
    from threadline.resolve import entities

    base = synth.build_base(work)
    with tempfile.TemporaryDirectory(prefix="tl-quantities-") as tmp:
        folder = Path(tmp) / "incoming"
        synth.write_jsonl(folder, n_add, 1, base, after=synth.latest_day(resolved) if dates == "latest" else None)
        partial = out.with_name(out.stem + ".tmp.db")
        shutil.copy(resolved, partial)
        with threadline.open(partial) as corpus:
            corpus.ingest([str(folder)])
            corpus.analyze()
            review.withhold_rejected(corpus.store)
            entities.resolve_entities(corpus.store, corpus.config["resolve"].get("overrides") or None)
        partial.replace(out)
    print(f"prepared {out}: {n_add} documents added, quantities pending")


# what migration 24 added to the facts: left out of the digest, so that codes before it and after compare
LATER_COLUMNS = {"cluster", "scope_end", "money_sum"}


def digest(path: Path) -> dict[str, tuple[int, str]]:
    db = sqlite3.connect(path)
    out = {}
    for table, key in (("quantities", "id"), ("figure_facts", "doc_id, seq")):
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in LATER_COLUMNS]
        rows = db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {key}").fetchall()
        out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:12])
    db.close()
    return out


def time_step(prepared: Path, profile: bool) -> None:
    from threadline.datafiles import full_collections_spaced
    from threadline.resolve import quantities

    with tempfile.TemporaryDirectory(prefix="tl-quantities-") as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copy(prepared, copy)
        with threadline.open(copy) as corpus, full_collections_spaced():
            prof = cProfile.Profile() if profile else None
            t0, c0 = time.perf_counter(), time.process_time()
            if prof:
                prof.enable()
            counts = quantities.resolve_quantities(corpus.store)
            if prof:
                prof.disable()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"quantities step: {wall:.2f} s wall, {cpu:.2f} s CPU")
        print("counts: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        print("tables: " + ", ".join(f"{t} {n:,} rows, digest {h}" for t, (n, h) in digest(copy).items()))
        if prof:
            pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="a resolved store with new documents analysed and their entities resolved")
    p.add_argument("resolved", type=Path)
    p.add_argument("--add", type=int, default=300)
    p.add_argument("-o", "--out", type=Path, required=True)
    p.add_argument("--work", default=None, help="bench/synth.py's cache directory")
    p.add_argument("--dates", choices=("latest", "spread"), default="latest",
                   help="the new documents published in the week after the store's latest (latest), or over its range (spread)")
    t = sub.add_parser("time", help="the quantities step once, on a copy of a prepared store")
    t.add_argument("prepared", type=Path)
    t.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    if args.cmd == "prepare":
        prepare(args.resolved, args.add, args.out, args.work, args.dates)
    else:
        time_step(args.prepared, args.profile)


if __name__ == "__main__":
    main()
