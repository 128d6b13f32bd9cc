"""The report and the pages with the aggregates kept in the store (co-occurrence, the timeline's
happenings), against computing them.

Usage: python bench/aggregates.py STORE.db [--rounds 1] [--latest N ...] [--no-reads] [--happenings]

Takes a resolved store (for instance the grown store of bench/incremental.py, or a
cloned store of bench/synth.py once `threadline resolve` has run on it), works on a
copy (migrated by this code), and times, each in this process (wall and CPU seconds):

- each aggregate built from scratch (co-occurrence: every document's sentence pairs, then
  every pair; happenings: every event's grouping key and buckets, then every connected set
  of events grouped), what the first resolve after its migration does;
- the latest 1% of the documents redone (co-occurrence: their sentence pairs, then the pairs
  they name; happenings: their events, then every connected set holding one of them), the
  aggregates' part of an add of that many documents (their rows do not change);
- the report, the actor-graph page's graph (`features.actor_graph`) and the timeline
  page's data (`queries.timeline`, 1,000 events), three ways: both aggregates computed
  (a document is listed as pending, so co-occurrence is computed from every actor mention
  and the happenings from every event), co-occurrence read and happenings computed (the
  code before the happenings were kept), and both read from the store.

With `--latest N ...` it also redoes the happenings of the latest N documents, and it times
every stored event regrouped from its stored key (what an update that regrouped the whole store
would cost, the events not read again); `--no-reads` stops there.

`--happenings`: only the happenings from scratch, and whether this code writes the rows the
store holds (each event's grouping key, linked set and happening).

Checks that the graph and the timeline page read from the aggregates are the computed ones.
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
from threadline.resolve.happenings import happenings_of
from threadline.resolve import aggregates


def timed(label: str, fn: Callable[[], Any]) -> tuple[float, float, Any]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"  {label:<40} {wall:8.1f} s  ({cpu:.1f} s CPU)", flush=True)
    return wall, cpu, out


def happenings_again(store: Any) -> int:
    """The happenings grouped again from scratch; whether the rows are the stored ones."""
    stored = [tuple(r) for r in store.query("SELECT * FROM happening_events ORDER BY doc_id, seq")]
    with store.transaction() as db:
        db.execute("DELETE FROM happening_events")
        db.execute("DELETE FROM happening_buckets")
        db.execute("INSERT OR IGNORE INTO happenings_pending(doc_id) SELECT DISTINCT doc_id FROM records WHERE kind = 'event'")
    counts = timed("happenings from scratch", lambda: aggregates.update_happenings(store))[2]
    again = [tuple(r) for r in store.query("SELECT * FROM happening_events ORDER BY doc_id, seq")]
    print(f"  ({counts}; the stored rows, {len(stored):,} events: {'the same' if again == stored else 'not the same'})")
    return 0 if again == stored else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    ap.add_argument("--rounds", type=int, default=1, help="times each read is measured, computed then stored")
    ap.add_argument("--latest", type=int, nargs="*", default=[], help="also redo the happenings of this many latest documents")
    ap.add_argument("--no-reads", action="store_true", help="time the aggregates' updates only, not the report and the pages")
    ap.add_argument("--happenings", action="store_true", help="only the happenings from scratch, compared with the stored rows")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="tl-agg-"))
    path = tmp / "s.db"
    shutil.copy(args.store, path)
    with threadline.open(path) as corpus:
        store = corpus.store
        docs = store.scalar("SELECT count(*) FROM documents")
        print(f"store: {docs:,} documents, {store.scalar('SELECT count(*) FROM records WHERE kind = ' + repr('mention')):,} mentions,"
              f" {store.scalar('SELECT count(*) FROM records WHERE kind = ' + repr('event')):,} events")
        if args.happenings:
            status = happenings_again(store)
            corpus.close()
            shutil.rmtree(tmp, ignore_errors=True)
            return status
        with store.transaction() as db:
            db.execute("DELETE FROM cooccurrence")
            db.execute("DELETE FROM cooccurrence_sentences")
            db.execute("INSERT OR IGNORE INTO aggregates_pending(doc_id) SELECT id FROM documents")
        with store.transaction() as db:
            db.execute("DELETE FROM happening_events")
            db.execute("DELETE FROM happening_buckets")
            db.execute("INSERT OR IGNORE INTO happenings_pending(doc_id) SELECT id FROM documents")
        timed("co-occurrence from scratch", lambda: aggregates.update(store))
        print(f"  ({store.scalar('SELECT count(*) FROM cooccurrence_sentences'):,} sentence rows,"
              f" {store.scalar('SELECT count(*) FROM cooccurrence'):,} pairs)")
        timed("happenings from scratch", lambda: aggregates.update_happenings(store))
        sizes = sorted((r[0] for r in store.query("SELECT count(*) FROM happening_events GROUP BY component")), reverse=True)
        print(f"  ({sum(sizes):,} events, {store.scalar('SELECT count(DISTINCT happening) FROM happening_events'):,} happenings,"
              f" {len(sizes):,} connected sets, the largest {sizes[:3]})")
        latest = max(1, docs // 100)
        tables = ("cooccurrence", "cooccurrence_sentences", "happening_events", "happening_buckets")
        before = {t: store.query(f"SELECT * FROM {t}") for t in tables}
        with store.transaction() as db:  # what an add of 1% costs the aggregates: its documents redone, what they name updated
            for pending in ("aggregates_pending", "happenings_pending"):
                db.execute(f"INSERT INTO {pending}(doc_id) SELECT id FROM documents ORDER BY rowid DESC LIMIT ?", (latest,))
        counts = timed(f"co-occurrence: the latest {latest:,} documents redone", lambda: aggregates.update(store))[2]
        print(f"  ({counts})")
        counts = timed(f"happenings: the latest {latest:,} documents redone", lambda: aggregates.update_happenings(store))[2]
        print(f"  ({counts}; rows unchanged: {before == {t: store.query(f'SELECT * FROM {t}') for t in before}})")
        for n in args.latest:
            with store.transaction() as db:
                db.execute("INSERT INTO happenings_pending(doc_id) SELECT id FROM documents ORDER BY rowid DESC LIMIT ?", (n,))
            counts = timed(f"happenings: the latest {n:,} documents redone", lambda: aggregates.update_happenings(store))[2]
            print(f"  ({counts})")
        keys = aggregates.stored_keys(store)
        lead = timed("happenings: every stored event regrouped from its key", lambda: happenings_of(keys))[2]
        print(f"  (the stored happenings: {lead == {r[0]: r[3] for r in aggregates.stored_reports(store)}})")
        graphs, timelines = {}, {}
        for _ in range(0 if args.no_reads else args.rounds):
            for how in ("computed", "co-occurrence stored", "stored"):
                with store.transaction() as db:  # a pending id no document has: the readers compute, as before
                    db.execute("DELETE FROM aggregates_pending")
                    db.execute("DELETE FROM happenings_pending")
                    if how == "computed":
                        db.execute("INSERT INTO aggregates_pending(doc_id) VALUES ('-')")
                    if how != "stored":
                        db.execute("INSERT INTO happenings_pending(doc_id) VALUES ('-')")
                assert kept_up(store) == (how != "computed") and aggregates.happenings_kept_up(store) == (how == "stored")
                print(f"{how}:")
                timed("report", lambda: write_report(corpus, str(tmp / f"report-{how}.html")))
                graphs[how] = timed("actor graph page (features.actor_graph)", lambda: features.actor_graph(store))[2]
                timelines[how] = timed("timeline page (queries.timeline, 1,000)", lambda: queries.timeline(Lookup(store), [], None, 1000))[2]
        with store.transaction() as db:
            db.execute("DELETE FROM aggregates_pending")
            db.execute("DELETE FROM happenings_pending")
    shutil.rmtree(tmp, ignore_errors=True)
    if args.no_reads:
        return 0
    same = graphs["computed"] == graphs["stored"]
    print(f"graph read from the aggregate == computed graph: {same} ({len(graphs['stored']['edges']):,} edges)")
    same_timeline = timelines["computed"] == timelines["stored"]
    print(f"timeline page read from the happenings == computed timeline page: {same_timeline} ({timelines['stored']['total']:,} happenings)")
    return 0 if same and same_timeline else 1


if __name__ == "__main__":
    sys.exit(main())
