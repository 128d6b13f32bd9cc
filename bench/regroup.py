"""One corpus-level step grouping every row of a store again, alone: its CPU time and peak memory.

Usage: python bench/regroup.py STORE.db --step happenings|quantities|stories [--keep]

On a copy of STORE.db (left in a temporary directory, removed unless --keep), the step's stored rules
version is set to 0, as after a change of its rules, so that the step groups every row again, as a
store's first resolve does: `happenings` runs `aggregates.update_happenings` (every event's key
written and grouped into linked sets and happenings), `quantities` runs
`quantities.resolve_quantities` (every claim attached again and every bucket grouped whole);
`stories` deletes the fingerprints (and the terms' document counts), so that `stories.resolve_stories`,
with the store's configuration, fingerprints every document again and clusters them all. Printed:
the step's CPU seconds, the process's peak resident memory (getrusage) and what it held before the
step began (the store opened, the code imported), the step's counts, and a digest of the tables it
writes, so that two codes that group alike print the same digest. Run it with each code on the same
store (a resolved one, e.g. the stores `bench/watch.py add --keep DIR` leaves) to compare them.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

TABLES = {
    "happenings": {"happening_events": "doc_id, seq", "happening_buckets": "bucket, doc_id, seq"},
    "quantities": {"quantities": "id", "figure_facts": "doc_id, seq"},
    "stories": {"stories": "id", "story_documents": "story_id, doc_id", "fingerprints": "doc_id", "term_documents": "term"},
}
RESETS = {  # what makes the step do its work again on every row, as in a store's first resolve
    "happenings": ["UPDATE happenings_version SET version = 0"],
    "quantities": ["UPDATE quantity_clusters_version SET version = 0"],
    "stories": ["DELETE FROM fingerprints", "DELETE FROM term_documents"],
}


def digest(path: Path, step: str) -> str:
    h = hashlib.sha256()
    with sqlite3.connect(path) as db:
        for table, order in TABLES[step].items():
            for row in db.execute(f"SELECT * FROM {table} ORDER BY {order}"):
                h.update(repr(row).encode())
    return h.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    ap.add_argument("--step", choices=sorted(TABLES), required=True)
    ap.add_argument("--keep", action="store_true", help="keep the copy (its path is printed)")
    args = ap.parse_args(argv)
    if not args.store.is_file():
        print(f"error: no store at {args.store}", file=sys.stderr)
        return 2
    import threadline
    from threadline.resolve import aggregates, quantities, stories

    work = Path(tempfile.mkdtemp(prefix="tl-regroup-"))
    copy = work / "store.db"
    shutil.copy(args.store, copy)
    try:
        with threadline.open(copy) as corpus:
            with corpus.store.transaction() as db:
                for sql in RESETS[args.step]:
                    db.execute(sql)
            run = {
                "happenings": lambda: aggregates.update_happenings(corpus.store),
                "quantities": lambda: quantities.resolve_quantities(corpus.store),
                "stories": lambda: stories.resolve_stories(corpus.store, corpus.config["stories"]),
            }[args.step]
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            cpu = time.process_time()
            counts = run()
            cpu = time.process_time() - cpu
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{args.step}: {cpu:.1f} s of CPU, peak RSS {peak} MB ({before} MB before the step)")
        print("counts:", {k: v for k, v in counts.items() if v})
        print("digest:", digest(copy, args.step))
        if args.keep:
            print("copy:", copy)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
