"""Score the figures ledger on BBC News: which figures form one quantity, and how each pair relates.

Usage: python eval/ledger.py DATA_DIR [--gold FILE] [--outlet NAME] [--json]

DATA_DIR is the BBC News folder (holding `bbc/`, or `bbc/` itself). The gold
(default `eval/gold/ledger_bbc.json`) gives measures that two or more articles
report, each figure by file path and character offsets, and the relation of
every pair of figures of a measure. Only the gold's articles are run, into a
temporary store, with the outlet they all come from (`--outlet`, default "BBC News": the
files name none, and two reports of one outlet are not independent sources). Printed per
half of the gold (tune, held-out):
- figures found: gold figures a system figure overlaps, with the article's conversion
  in brackets after it ("260.75bn roubles ($9.37bn: £4.8bn)" is one figure; a file that is an exact
  copy of another is read as that one: the store keeps one document, so the
  copy's figure is the original's, grouped with it and a restatement of it);
- pairwise grouping precision, recall and F1 over every pair of gold figures of
  the half (positive: the same gold measure; predicted: the same quantity);
- relation accuracy over the gold pairs: the ledger's relation of the two
  claims (`threadline.resolve.quantities.compare`) when they share a quantity,
  else `apart`; and the confusion of gold and predicted relations.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import threadline
from threadline import config
from threadline.extract.figure_spans import conversion_length
from threadline.resolve.claims import attach
from threadline.resolve.quantities import compare

GOLD = Path(__file__).resolve().parent / "gold" / "ledger_bbc.json"


def _root(data_dir: Path) -> Path:
    return data_dir / "bbc" if (data_dir / "bbc").is_dir() else data_dir


def _system(root: Path, docs: list[str], outlet: str) -> tuple[dict[str, str | None], dict[str, list[tuple[int, int, int]]], dict, dict]:
    """Run the articles: each gold path's document id, each document's figure spans (seq, start,
    end), the claims by (doc id, seq) and the quantity of each."""
    settings = config.load(overrides={"ingest.outlet": outlet})
    with tempfile.TemporaryDirectory() as tmp, threadline.open(Path(tmp) / "ledger.db", config=settings) as corpus:
        summary = corpus.ingest([str(root / d) for d in docs])
        corpus.analyze(workers=1)
        corpus.resolve()
        store = corpus.store
        by_path = {str(Path(r["source_path"]).resolve()): r["id"] for r in store.query("SELECT id, source_path FROM documents")}
        by_path.update((str(Path(src).resolve()), doc) for src, doc in summary.duplicates)  # an exact copy is its original
        ids = {d: by_path.get(str((root / d).resolve())) for d in docs}
        texts = {r["id"]: r["text"] for r in store.query("SELECT id, text FROM documents")}
        spans: dict[str, list[tuple[int, int, int]]] = {}
        for r in store.query("SELECT doc_id, seq, start, end, json_extract(data, '$.conversion') IS NOT NULL AS converted FROM records WHERE kind = 'figure'"):
            end = r["end"] + (conversion_length(texts[r["doc_id"]], r["end"]) if r["converted"] else 0)  # the article's conversion is the figure's
            spans.setdefault(r["doc_id"], []).append((r["seq"], r["start"], end))
        quantity = {(r["doc_id"], r["seq"]): r["quantity_id"] for r in store.query("SELECT doc_id, seq, quantity_id FROM figure_facts")}
        claims = {(c.doc, c.seq): c for c in attach(store, [i for i in ids.values() if i])}
    offsets = {d: _aligned((root / d).read_bytes().decode("utf-8", "replace"), texts[i]) for d, i in ids.items() if i in texts}
    return ids, spans, claims, quantity, offsets


def _aligned(raw: str, clean: str) -> dict[int, int]:
    """Offsets of the file's characters in the stored (cleaned) text: the gold gives offsets into the
    file, and cleaning joins lines and drops spaces before them."""
    out: dict[int, int] = {}
    for a, b, n in difflib.SequenceMatcher(None, raw, clean, autojunk=False).get_matching_blocks():
        out.update((a + k, b + k) for k in range(n))
    return out


def _span(offsets: dict[int, int], start: int, end: int) -> tuple[int, int]:
    """A gold span of the file as a span of the stored text (as it is where cleaning left it alone)."""
    inside = [offsets[i] for i in range(start, end) if i in offsets]
    return (inside[0], inside[-1] + 1) if inside else (start, end)


def _match(doc_id: str | None, start: int, end: int, spans: dict[str, list[tuple[int, int, int]]]) -> tuple[str, int] | None:
    best = None
    for seq, s, e in spans.get(doc_id or "", []):
        overlap = min(end, e) - max(start, s)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, seq)
    return (doc_id, best[1]) if best and doc_id else None  # type: ignore[return-value]


def score(gold: dict, root: Path, outlet: str = "BBC News") -> dict[str, dict[str, object]]:
    measures = gold["measures"]
    docs = sorted({f["doc"] for m in measures for f in m["figures"]})
    ids, spans, claims, quantity, offsets = _system(root, docs, outlet)
    out: dict[str, dict[str, object]] = {}
    for half in ("tune", "held-out", "all"):
        chosen = [m for m in measures if half == "all" or m["half"] == half]
        figs = [
            (m["measure"], i, f, _match(ids[f["doc"]], *_span(offsets.get(f["doc"], {}), f["start"], f["end"]), spans))
            for m in chosen for i, f in enumerate(m["figures"])
        ]
        tp = fp = fn = 0
        for (ma, _, _, a), (mb, _, _, b) in itertools.combinations(figs, 2):
            same_gold = ma == mb
            same_sys = a is not None and (a == b or b is not None and quantity.get(a) is not None and quantity.get(a) == quantity.get(b))
            tp += same_gold and same_sys
            fp += same_sys and not same_gold
            fn += same_gold and not same_sys
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        confusion: Counter[tuple[str, str]] = Counter()
        at = {(m, i): s for m, i, _, s in figs}
        for m in chosen:
            for i, j, kind in m["relations"]:
                a, b = at[(m["measure"], i)], at[(m["measure"], j)]
                if a is not None and a == b:
                    got = "restatement"  # two files of one text: the store keeps one document, counted once
                elif a is None or b is None or quantity.get(a) is None or quantity.get(a) != quantity.get(b):
                    got = "apart"
                else:
                    found = compare(claims[a], claims[b])
                    got = found[0] if found else "none"
                confusion[(kind, got)] += 1
        pairs = sum(confusion.values())
        out[half] = {
            "measures": len(chosen), "figures": len(figs), "found": sum(s is not None for *_, s in figs),
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "relation_pairs": pairs, "relation_accuracy": sum(n for (g, s), n in confusion.items() if g == s) / pairs if pairs else 0.0,
            "confusion": {f"{g} -> {s}": n for (g, s), n in sorted(confusion.items())},
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--outlet", default="BBC News", help="The outlet of the articles (the files name none).")
    ap.add_argument("--json", action="store_true", help="Print the scores as JSON.")
    args = ap.parse_args(argv)
    root = _root(args.data_dir)
    if not root.is_dir():
        print(f"ledger eval: no BBC News folder at {args.data_dir}", file=sys.stderr)
        return 2
    result = score(json.loads(args.gold.read_text(encoding="utf-8")), root, args.outlet)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for half, s in result.items():
        print(f"== {half}: {s['measures']} measures, {s['figures']} figures ({s['found']} found), {s['relation_pairs']} related pairs")
        print(f"   grouping  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
        print(f"   relations accuracy {s['relation_accuracy']:.3f}")
        for k, n in s["confusion"].items():  # type: ignore[attr-defined]
            print(f"     {k}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
