"""Event extraction against a hand-written gold file (type, date, main arguments).

Usage: python eval/events.py CORPUS_DIR GOLD_JSONL [--domain PACK]

Runs Threadline over CORPUS_DIR in a temporary store. A gold event (file, type,
trigger words, date, agent, patient) is found when an extracted event of the
same type in the same document has the gold trigger inside its evidence
sentence; pairs are matched one to one. Prints precision and recall of events
(every extracted event counts against precision, so it is a floor: the gold
lists the main events only), per type, the share of found events whose date
lies within the gold date's period (at the gold's precision: a week inside the gold's month
agrees), and whose agent / patient
share a content word with the gold's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import threadline
from threadline.read.events import timeline
from threadline.timeml import interval

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "in", "and", "to", "for", "its", "their", "his", "her"}


def content(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


def date_agrees(ours: str | None, gold: str) -> bool:
    """Our date lies within the gold's period: "2024-05-13" or the week "2024-W20" in the gold "2024-05"."""
    if (ours or "").startswith(gold):
        return True
    mine, theirs = interval(ours), interval(gold)
    return mine is not None and theirs is not None and theirs[0] <= mine[0] and mine[1] <= theirs[1]


def file_key(doc: threadline.Document) -> str:
    name = Path(doc.source_path).name
    return f"{name}:{doc.source_line}" if doc.source_line else name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--domain", default="recruitment")
    ap.add_argument("--date-errors", action="store_true", help="Print each matched event whose date disagrees with the gold's.")
    args = ap.parse_args(argv)
    gold = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="tl-events-"))
    corpus = threadline.open(tmp / "e.db")
    corpus.config["analyze"]["domain"] = args.domain
    corpus.run([str(args.corpus)], report=str(tmp / "r.md"))
    docs = {d.id: d for d in corpus.documents()}
    by_file = {file_key(d): d for d in docs.values()}
    predicted = timeline(corpus.store)
    pool: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for ev in predicted:
        pool[(file_key(docs[ev["doc"]]), ev["type"])].append(ev)
    found = []
    missed: Counter[str] = Counter()
    for g in gold:
        candidates = [e for e in pool[(g["file"], g["type"])] if g["trigger"].lower() in e["evidence"]["text"].lower()]
        if g["file"] not in by_file or not candidates:
            missed[g["type"]] += 1
            continue
        match = candidates[0]
        pool[(g["file"], g["type"])].remove(match)
        found.append((g, match))
    n_pred, n_gold = len(predicted), len(gold)
    p = len(found) / n_pred if n_pred else 0.0
    r = len(found) / n_gold if n_gold else 0.0
    print(f"events: {n_gold} gold, {n_pred} extracted, {len(found)} matched")
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
    dated = [(g, e) for g, e in found if g.get("date")]
    agree = sum(1 for g, e in dated if date_agrees(e["time"]["value"], g["date"]))
    print(f"date agrees at the gold's precision: {agree}/{len(dated)}")
    if args.date_errors:
        for g, e in dated:
            if not date_agrees(e["time"]["value"], g["date"]):
                print(f"  {g['file']}\t{g['type']}\t{g['trigger']!r}\tgold {g['date']}\tours {e['time']['value']} ({e['time'].get('fallback')})\t{e['evidence']['text'][:160]!r}")
    for role in ("agent", "patient"):
        with_role = [(g, e) for g, e in found if g.get(role)]
        ok = sum(1 for g, e in with_role if content(g[role]) & content(e["args"].get(role, {}).get("text")))
        print(f"{role} shares a content word with the gold: {ok}/{len(with_role)}")
    print("\nrecall by type:")
    totals = Counter(g["type"] for g in gold)
    for etype, total in sorted(totals.items()):
        print(f"  {etype:<22} {total - missed[etype]:>3}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
