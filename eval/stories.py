"""Story clustering quality on ECB+ (topics and sub-topics), B-cubed precision/recall/F1.

Usage: python eval/stories.py ECBPLUS_DIR [--thresholds 0.15 0.2 0.3] [--topics 1-11]
       python eval/stories.py ECBPLUS_DIR --tune-on 1-11 [--thresholds ...]

ECBPLUS_DIR holds topic folders (1, 2, ...) of tokenised XML files; `T_Necb.xml`
is sub-topic "ecb" of topic T and `T_Necbplus.xml` sub-topic "ecbplus". Each
file becomes one document (tokens joined by spaces, one sentence per line),
Threadline ingests, analyses and resolves them, and both story levels are
scored against both gold levels: topic, and topic + sub-topic (the two similar
but different events of each topic). Documents outside any story count as
singletons. The same-event step is re-run for each threshold given.
`--topics` scores only those topics (a store of their documents alone).
`--tune-on` is the held-out protocol: a threshold is chosen on those topics,
then the other topics are scored at that threshold only. `--pick best` takes
the threshold with the best same-event sub-topic B-cubed F1 on the tuned
topics; `--pick smoothed` (default) the one whose F1 averaged with its
neighbours in the grid is best, so a peak at the edge of a cliff is not
chosen.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import threadline
from threadline.resolve.stories import resolve_stories


def topic_range(spec: str) -> set[str]:
    """ "1-11" -> {"1", ..., "11"}; "1,3" -> {"1", "3"}."""
    out: set[str] = set()
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.update(str(t) for t in range(int(lo), int(hi or lo) + 1))
    return out


def ecb_files(folder: Path, topics: set[str] | None = None) -> list[tuple[Path, re.Match[str]]]:
    """The ECB+ article files under `folder` ("3_12ecbplus.xml": topic, number, sub-topic), by path, of the
    `topics` only when given."""
    out = []
    for path in sorted(folder.rglob("*.xml")):
        m = re.fullmatch(r"(\d+)_(\d+)(ecbplus|ecb)\.xml", path.name)
        if m and (topics is None or m.group(1) in topics):
            out.append((path, m))
    return out


def read_ecb(folder: Path, topics: set[str] | None = None) -> list[dict[str, str]]:
    docs = []
    for path, m in ecb_files(folder, topics):
        root = ET.parse(path).getroot()
        sentences: dict[str, list[str]] = defaultdict(list)
        for tok in root.iter("token"):
            sentences[tok.get("sentence", "0")].append(tok.text or "")
        text = "\n".join(" ".join(t) for _, t in sorted(sentences.items(), key=lambda kv: int(kv[0])))
        docs.append({"name": path.name, "topic": m.group(1), "sub": f"{m.group(1)}{m.group(3)}", "text": text})
    return docs


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
    for item, label in pred.items():
        by_pred[label].add(item)
    p = r = 0.0
    for item in gold:
        g, s = by_gold[gold[item]], by_pred[pred[item]]
        both = len(g & s)
        p += both / len(s)
        r += both / len(g)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def clusters(corpus: threadline.Corpus, level: str) -> dict[str, str]:
    out = {d.id: d.id for d in corpus.documents()}
    for row in corpus.store.query(
        "SELECT sd.doc_id, sd.story_id FROM story_documents sd JOIN stories s ON s.id = sd.story_id WHERE s.level = ?", (level,)
    ):
        out[row["doc_id"]] = row["story_id"]
    return out


def analysed(docs: list[dict[str, str]], text: Callable[[str], str] = str) -> tuple[threadline.Corpus, dict[str, str], dict[str, str]]:
    """A fresh store of these ECB+ documents (their text through `text`), ingested, analysed and resolved,
    with each stored document's topic and sub-topic."""
    tmp = Path(tempfile.mkdtemp(prefix="tl-ecb-"))
    batch = tmp / "ecb.jsonl"
    batch.write_text("\n".join(json.dumps({"text": text(d["text"]), "title": d["name"]}) for d in docs) + "\n", "utf-8")
    corpus = threadline.open(tmp / "ecb.db")
    corpus.config["ingest"]["min_chars"] = 1
    corpus.ingest([str(batch)])
    corpus.analyze()
    corpus.resolve()
    by_title = {d.title: d.id for d in corpus.documents()}
    topic = {by_title[d["name"]]: d["topic"] for d in docs if d["name"] in by_title}
    sub = {by_title[d["name"]]: d["sub"] for d in docs if d["name"] in by_title}
    return corpus, topic, sub


def score(docs: list[dict[str, str]], thresholds: list[float] | None, quiet: bool = False) -> dict[float, float]:
    """Print B-cubed per level and threshold; return the same-event sub-topic F1 per threshold."""
    corpus, topic, sub = analysed(docs)
    print(f"ECB+: {len(docs)} documents, {len(set(topic.values()))} topics, {len(set(sub.values()))} sub-topics")
    cfg = dict(corpus.config["stories"])
    thresholds = thresholds or [cfg["same_event_threshold"]]
    print(f"{'level':<16}{'threshold':>10}{'gold':>16}{'P':>8}{'R':>8}{'F1':>8}")
    out = {}
    for t in thresholds:
        cfg["same_event_threshold"] = t
        resolve_stories(corpus.store, cfg)
        for level in ("near-duplicate", "same-event"):
            pred = clusters(corpus, level)
            pred = {k: v for k, v in pred.items() if k in topic}
            for name, gold in (("topic", topic), ("topic+sub-topic", sub)):
                p, r, f = bcubed(gold, pred)
                if level == "same-event" and name == "topic+sub-topic":
                    out[t] = f
                print(f"{level:<16}{t:>10.2f}{name:>16}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    corpus.close()
    return out


def pick(found: dict[float, float], how: str) -> float:
    """The threshold with the best F1 ("best"), or with the best mean of its F1 and its grid neighbours'."""
    grid = sorted(found)
    if how == "best":
        return max(grid, key=lambda t: found[t])

    def smoothed(i: int) -> float:
        near = [found[grid[k]] for k in (i - 1, i, i + 1) if 0 <= k < len(grid)]
        return sum(near) / len(near)

    return grid[max(range(len(grid)), key=smoothed)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--thresholds", type=float, nargs="+", default=None, help="same-event thresholds to score")
    ap.add_argument("--topics", default=None, help="only these topics: 1-11, 12-22, 1,3,5")
    ap.add_argument("--tune-on", default=None, help="choose the threshold on these topics, score the others at it")
    ap.add_argument("--pick", choices=("best", "smoothed"), default="smoothed", help="how --tune-on chooses the threshold")
    args = ap.parse_args(argv)
    if args.tune_on:
        tune = topic_range(args.tune_on)
        print(f"tuning on topics {args.tune_on}")
        found = score(read_ecb(args.data, tune), args.thresholds)
        best = pick(found, args.pick)
        rest = {d["topic"] for d in read_ecb(args.data)} - tune
        print(f"chosen threshold {best:.2f} (sub-topic F1 {found[best]:.3f} on the tuned topics); the other topics at it:")
        score(read_ecb(args.data, rest), [best])
        return 0
    score(read_ecb(args.data, topic_range(args.topics) if args.topics else None), args.thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
