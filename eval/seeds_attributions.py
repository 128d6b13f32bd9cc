"""Print every attribution Threadline finds in a folder of articles, with speaker, entity and nesting.

Usage: python eval/seeds_attributions.py SEEDS_DIR

The articles are ingested, analysed and resolved into a temporary store exactly
as `threadline run` would; for each document every attribution is printed as
its id, kind, the source text and the canonical entity it resolves to (or
"unresolved"), the cue, the content, and the attribution it is nested in.
Unattributed sentences belong to the outlet, printed in each document's header.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import threadline
from threadline.read.attributions import quotes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, threadline.open(Path(tmp) / "seeds.db") as corpus:
        corpus.ingest([str(args.folder)])
        corpus.analyze(workers=1)
        corpus.resolve()
        rows = quotes(corpus.store)
        for doc in corpus.documents():
            print(f"== {Path(doc.source_path).name}  ({doc.id}; outlet: {doc.outlet or 'unknown'})")
            for a in (r for r in rows if r["doc"] == doc.id):
                if a["source"] is None:
                    who = "(no named source)"
                else:
                    who = f"{a['source']['text']!r} -> {a['speaker'] if a['source']['entity'] else 'unresolved'}"
                nested = f"  [within {a['parent']}]" if a["parent"] else ""
                content = " ".join(a["content"]["text"].split())
                print(f"  {a['id']} {a['kind']:<8} {who} | {a['cue']['text']}{nested}")
                print(f"      {content[:200]}{'…' if len(content) > 200 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
