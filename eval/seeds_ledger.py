"""Print the figures ledger and the dates of a folder of articles, for checking by reading.

Usage: python eval/seeds_ledger.py SEEDS_DIR [--all]

The articles are run into a temporary store. Printed: each document with its
publish date and the dates found in it (value, or "unresolved"); then the
ledger: quantities with their claims by date and claimant, conflicts and
updates; with --all, also the figures that measure nothing the ledger groups.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import threadline
from threadline.cli.figures import format_quantity, format_value
from threadline.read.ledger import export_timexes, ledger, unquantified


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seeds_dir")
    ap.add_argument("--all", action="store_true", help="Also list figures outside any quantity.")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, threadline.open(Path(tmp) / "seeds.db") as corpus:
        corpus.run([args.seeds_dir], report=str(Path(tmp) / "report.html"))
        store = corpus.store
        docs = {r["id"]: r for r in store.query("SELECT id, title, source_path, published FROM documents ORDER BY rowid")}
        timexes: dict[str, list[dict]] = {}
        for t in export_timexes(store):
            timexes.setdefault(t["doc"], []).append(t)
        print("== dates")
        for doc_id, d in docs.items():
            print(f"{doc_id}  {Path(d['source_path']).name}  published {d['published'] or 'unknown'}")
            for t in timexes.get(doc_id, []):
                print(f"    {t['text']!r:<34} {t['type']:<9} {t['value'] or 'unresolved'}")
        print("\n== ledger")
        for q in ledger(store):
            print(format_quantity(q))
            print()
        if args.all:
            print("== figures outside any quantity")
            for f in unquantified(store):
                print(f"  {f['id']}: {f['text']!r} -> {format_value(f)}; measure {f['measure']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
