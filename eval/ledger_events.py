"""Whether the ledger relates figures of different news events, on ECB+ (topics and sub-topics).

Usage: python eval/ledger_events.py ECBPLUS_DIR [--topics 1-11] [--show 10]

ECB+ groups its articles by topic and, within a topic, by two similar but
different events (sub-topics "ecb" and "ecbplus": two earthquakes, two bank
attacks, two sackings of a coach). A finding of the ledger (a corroboration, a
restatement, an update, a conflict) between figures of two different events is
a false relation: "four killed" in a courthouse shooting does not corroborate
or contradict "three killed" in a riot. Each file becomes one document, its
tokens rejoined as the source text wrote them (no space before punctuation, a
decimal or a clock time in one piece), and Threadline ingests, analyses and
resolves them. The script counts the findings by kind and by whether their
figures come from one event (one sub-topic), two events of one topic, or two
topics; the same for tolls alone (deaths, wounded, casualties, missing). The
last line gives the share of relations (every kind but `undetermined`) that
join two events. With `--show N`, N such relations are printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from stories import analysed, read_ecb, topic_range  # noqa: E402

TOLLS = ("deaths", "wounded", "casualties", "missing")  # the measures of harm one incident does
RELATIONS = ("corroborates", "restatement", "update", "conflict", "hedge conflict", "part of")


def rejoin(text: str) -> str:
    """Tokens joined by spaces, as the source wrote them: "14 . 4" -> "14.4", "7 : 30" -> "7:30"."""
    text = re.sub(r" ([.,;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r"(\d)([:.]) (\d)", r"\1\2\3", text)
    text = re.sub(r" - ", "-", text)
    return text.replace(" n't", "n't").replace(" 's", "'s").replace("`` ", '"').replace(" ''", '"')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--topics", default=None, help="only these topics: 1-11, 12-22, 1,3,5")
    ap.add_argument("--show", type=int, default=0, help="print this many relations between two events")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: {args.data} is not a folder of ECB+ topics", file=sys.stderr)
        return 2
    docs = read_ecb(args.data, topic_range(args.topics) if args.topics else None)
    if not docs:
        print(f"error: no ECB+ files under {args.data}", file=sys.stderr)
        return 2
    corpus, topic, sub = analysed(docs, rejoin)
    rows = corpus.store.iter_rows("SELECT measure_key, findings FROM quantities")
    counts: dict[str, Counter[tuple[str, str]]] = {"all": Counter(), "tolls": Counter()}
    shown: list[str] = []
    for r in rows:
        toll = (r["measure_key"] or "").split(" ")[0] in TOLLS
        for f in json.loads(r["findings"] or "[]"):
            doc_ids = {fid.split("-")[1] for fid in f["figures"]}
            subs, topics = {sub.get(d) for d in doc_ids}, {topic.get(d) for d in doc_ids}
            where = "one event" if len(subs) == 1 else ("two events, one topic" if len(topics) == 1 else "two topics")
            counts["all"][(f["kind"], where)] += 1
            if toll:
                counts["tolls"][(f["kind"], where)] += 1
            if where != "one event" and f["kind"] in RELATIONS and len(shown) < args.show:
                shown.append(f"  {r['measure_key']}: {f['kind']}: {f['text']}")
    corpus.close()
    print(f"ECB+: {len(topic)} documents, {len(set(topic.values()))} topics, {len(set(sub.values()))} events")
    wheres = ("one event", "two events, one topic", "two topics")
    for name, found in counts.items():
        print(f"{name}: {'kind':<16}" + "".join(f"{w:>24}" for w in wheres))
        for kind in sorted({k for k, _ in found}):
            print(f"{'':<{len(name) + 2}}{kind:<16}" + "".join(f"{found[(kind, w)]:>24}" for w in wheres))
    for line in shown:
        print(line)
    for name, found in counts.items():
        related = sum(n for (k, _), n in found.items() if k in RELATIONS)
        across = sum(n for (k, w), n in found.items() if k in RELATIONS and w != "one event")
        print(f"{name}: relations joining two events {across} of {related} ({across / related if related else 0:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
