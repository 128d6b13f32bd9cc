"""Print the metadata Threadline finds for each article in a folder, and the lines it removed.

Usage: python eval/seeds_metadata.py SEEDS_DIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from threadline.ingest import prepare
from threadline.readers import Rejection, iter_inputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    for item in iter_inputs([str(args.folder)]):
        if isinstance(item, Rejection):
            print(f"== {item.path}: rejected [{item.code}] {item.reason}")
            continue
        doc = prepare(item)
        if isinstance(doc, Rejection):
            print(f"== {item.path}: rejected [{doc.code}] {doc.reason}")
            continue
        print(f"== {Path(item.path).name}")
        for key in ("title", "url", "outlet", "author"):
            print(f"  {key:<10} {getattr(doc, key) or '-'}")
        published = f"{doc.published.value} ({doc.published.precision})" if doc.published else "-"
        print(f"  {'published':<10} {published}")
        print(f"  {'language':<10} {doc.language}")
        for rule, line in doc.cleaning.get("removed", []):
            print(f"  removed    [{rule}] {line[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
