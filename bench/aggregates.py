"""The report and the pages with the co-occurrence aggregate kept in the store, against computing it.

Usage: python bench/aggregates.py STORE.db [--rounds 1]

Takes a resolved store (for instance the grown store of bench/incremental.py, or a
cloned store of bench/synth.py once `threadline resolve` has run on it), works on a
copy, and times, each in this process (wall and CPU seconds):

- the aggregate built from scratch (every document's sentence pairs, then every pair),
  what the first resolve after migration 18 does;
- the latest 1% of the documents redone (their sentence pairs, then the pairs they name),
  the aggregate's part of an add of that many documents (their rows do not change);
- the report, the actor-graph page's graph (`features.actor_graph`) and the timeline
  page's data (`queries.timeline`, 1,000 events), computed as before the aggregate
  (one document is listed as pending, so co-occurrence is computed from every actor
  mention and its document's sentences) and read from the aggregate.

Checks that the graph read from the aggregate is the computed graph.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import threadline
from threadline.read import features, queries
from threadline.read.cooccurrence import kept_up
from threadline.read.records import Lookup
from threadline.report import write_report
from threadline.resolve import aggregates


def timed(label: str, fn: Callable[[], Any]) -> tuple[float, float, Any]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"  {label:<40} {wall:8.1f} s  ({cpu:.1f} s CPU)", flush=True)
    return wall, cpu, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    ap.add_argument("--rounds", type=int, default=1, help="times each read is measured, computed then stored")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="tl-agg-"))
    path = tmp / "s.db"
    shutil.copy(args.store, path)
    with threadline.open(path) as corpus:
        store = corpus.store
        docs = store.scalar("SELECT count(*) FROM documents")
        print(f"store: {docs:,} documents, {store.scalar('SELECT count(*) FROM records WHERE kind = ' + repr('mention')):,} mentions,"
              f" {store.scalar('SELECT count(*) FROM records WHERE kind = ' + repr('event')):,} events")
        with store.transaction() as db:
            db.execute("DELETE FROM cooccurrence")
            db.execute("DELETE FROM cooccurrence_sentences")
            db.execute("INSERT OR IGNORE INTO aggregates_pending(doc_id) SELECT id FROM documents")
        timed("aggregate from scratch", lambda: aggregates.update(store))
        print(f"  ({store.scalar('SELECT count(*) FROM cooccurrence_sentences'):,} sentence rows,"
              f" {store.scalar('SELECT count(*) FROM cooccurrence'):,} pairs)")
        latest = max(1, docs // 100)
        before = {t: store.query(f"SELECT * FROM {t}") for t in ("cooccurrence", "cooccurrence_sentences")}
        with store.transaction() as db:  # what an add of 1% costs the aggregate: its documents redone, their pairs updated
            db.execute("INSERT INTO aggregates_pending(doc_id) SELECT id FROM documents ORDER BY rowid DESC LIMIT ?", (latest,))
        counts = timed(f"the latest {latest:,} documents redone", lambda: aggregates.update(store))[2]
        print(f"  ({counts}; rows unchanged: {before == {t: store.query(f'SELECT * FROM {t}') for t in before}})")
        graphs = {}
        for _ in range(args.rounds):
            for how in ("computed", "stored"):
                with store.transaction() as db:  # a pending id no document has: the readers compute, as before
                    db.execute("DELETE FROM aggregates_pending")
                    if how == "computed":
                        db.execute("INSERT INTO aggregates_pending(doc_id) VALUES ('-')")
                assert kept_up(store) == (how == "stored")
                print(f"{how}:")
                timed("report", lambda: write_report(corpus, str(tmp / f"report-{how}.html")))
                graphs[how] = timed("actor graph page (features.actor_graph)", lambda: features.actor_graph(store))[2]
                timed("timeline page (queries.timeline, 1,000)", lambda: queries.timeline(Lookup(store), [], None, 1000)["total"])
        with store.transaction() as db:
            db.execute("DELETE FROM aggregates_pending")
    same = graphs["computed"] == graphs["stored"]
    print(f"graph read from the aggregate == computed graph: {same} ({len(graphs['stored']['edges']):,} edges)")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
