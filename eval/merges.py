"""Entity canonicalisation: pairwise merge precision/recall against a hand-written gold file.

Usage: python eval/merges.py CORPUS_DIR GOLD_TOML [--extra DIR ...] [--table N]

Runs Threadline over CORPUS_DIR (plus any --extra folders, e.g. the seed
articles) in a temporary store, prints the entity table, and scores merges:
every mention whose text is a form of exactly one gold entity (in the files
that entity names, when it names any) gets that entity as its gold label; over
all pairs of such mentions, a pair is a gold merge when both labels agree and a
predicted merge when both mentions are linked to the same canonical entity.
Gold `[[distinct]]` pairs that were merged are listed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import threadline
from threadline.read.entities import list_entities


def file_key(doc: threadline.Document) -> str:
    name = Path(doc.source_path).name
    return f"{name}:{doc.source_line}" if doc.source_line else name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--extra", type=Path, nargs="*", default=[])
    ap.add_argument("--table", type=int, default=40, help="entities to print")
    args = ap.parse_args(argv)
    gold = tomllib.loads(args.gold.read_text("utf-8"))
    tmp = Path(tempfile.mkdtemp(prefix="tl-merges-"))
    corpus = threadline.open(tmp / "m.db")
    corpus.run([str(args.corpus), *map(str, args.extra)], report=str(tmp / "r.md"))
    print(f"{'mentions':>8}  {'type':<7} entity [country]  aliases")
    for e in list_entities(corpus.store, limit=args.table):
        country = f" [{e['country']}]" if e["country"] else ""
        print(f"{e['mentions']:>8}  {e['type']:<7} {e['name']}{country}  {', '.join(e['aliases'][:5])}")

    keys = {d.id: file_key(d) for d in corpus.documents()}
    forms: dict[str, list[tuple[str, set[str] | None]]] = defaultdict(list)
    for ent in gold["entity"]:
        files = set(ent["files"]) if ent.get("files") else None
        for form in ent["forms"]:
            forms[form.removeprefix("the ").removeprefix("The ")].append((ent["name"], files))
    labelled = []
    for r in corpus.store.query(
        "SELECT r.doc_id, substr(d.text, r.start + 1, r.end - r.start) AS t, me.entity_id,"
        " substr(d.text, max(1, r.start - 39), min(r.start, 40)) AS before FROM records r"
        " JOIN documents d ON d.id = r.doc_id JOIN mention_entities me ON me.doc_id = r.doc_id AND me.seq = r.seq"
        " WHERE r.kind = 'mention'"
    ):
        f = keys[r["doc_id"]]
        # a gold form that extends the mention to the left ("Britain's" + "defence ministry") decides first
        longer = [form for form in forms if form.endswith(" " + r["t"]) and (r["before"] + r["t"]).endswith(form)]
        options = forms[max(longer, key=len)] if longer else forms.get(r["t"], [])
        cands = {name for name, files in options if files is None or f in files}
        if len(cands) == 1:
            labelled.append((cands.pop(), r["entity_id"], f, r["t"]))
    tp = fp = fn = 0
    for (g1, p1, *_), (g2, p2, *_) in combinations(labelled, 2):
        if g1 == g2 and p1 == p2:
            tp += 1
        elif p1 == p2:
            fp += 1
        elif g1 == g2:
            fn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"\n{len(labelled)} gold-labelled mentions of {len({g for g, *_ in labelled})} gold entities")
    print(f"pairwise merges: precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / (p + r) if p + r else 0:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    for g, pred, _f, _t in labelled:
        by_gold[g][pred] += 1
    split = {g: c for g, c in by_gold.items() if len(c) > 1}
    if split:
        print("gold entities split over several predicted entities:")
        for g, c in sorted(split.items()):
            forms_of = sorted({t for gg, pp, _f, t in labelled if gg == g})
            print(f"  {g}: {len(c)} entities ({', '.join(forms_of)})")
    merged_wrongly = []
    for pair in gold.get("distinct", []):
        a = {pred for g, pred, f, _ in labelled if g == pair["a"]}
        b = {pred for g, pred, f, _ in labelled if g == pair["b"]}
        if a & b:
            merged_wrongly.append(f"{pair['a']} / {pair['b']}")
    print(f"distinct pairs merged: {len(merged_wrongly)} of {len(gold.get('distinct', []))} {merged_wrongly or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
