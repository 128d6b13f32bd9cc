"""The sieve: a document's mentions, the chains the passes build of them, and the chains it gives out."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from ...pipeline import Record
from ...sentences import line_breaks
from .common import THINGS, Chain, Mention, _stated_age, _strip_det, lexicon
from .descriptions import DescriptionPasses
from .detect import Detection
from .names import NamePasses
from .pronouns import PronounPass
from .quotations import _quotations, _with_single
from .speakers import Speakers


ACTORS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
NAME_PREFERENCE = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}


class Sieve(Detection, NamePasses, DescriptionPasses, Speakers, PronounPass):
    """Builds the chains of one parsed document."""

    def __init__(self, text: str, doc: Any, mentions: list[Record]):
        self.text, self.doc = text, doc
        self.lex = lexicon()
        self.sents = list(doc.sents)
        self.sent_of = np.repeat(np.arange(len(self.sents)), [s.end - s.start for s in self.sents]).tolist()
        self.breaks = line_breaks(text)
        self.quotes = _with_single(text, _quotations(text))
        self.records = [(seq, m) for seq, m in enumerate(mentions) if m.data.get("label") in ACTORS or self._thing(m)]
        self.all_records = mentions
        self.inner: set[tuple[int, int]] = set()  # names the typing step found inside longer names
        self.mentions: list[Mention] = []
        self.chain_of: list[int] = []
        self.chains: list[Chain] = []
        self._word_columns: tuple[list[bool], list[int]] | None = None
        self._quantified: dict[int, bool] = {}  # head token -> whether a quantifier opens its phrase
        self._by_head: dict[int, int] | None = None  # head token -> name or description, read once the chains are being built
        self._all_heads: dict[int, list[int]] | None = None  # head token -> every mention it heads
        self._verb_positions: list[int] | None = None  # the document's verbs, read when first asked
        self._speaker_map: dict[int, int] | None = None  # start of each quotation -> its speaker, read when first asked

    def _thing(self, rec: Record) -> bool:
        """A thing's name the typing step found: a storm ("Cyclone Phailin", "Phailin" of it), or a name the document
        introduces as a kind of thing ("the probe Stardust", "the ship Freewinds"; its rule "thing"). A named mention
        of the sieve, so that "it" of the thing stands for its name, as an organisation's does."""
        label = rec.data.get("label")
        if label in THINGS:
            return rec.data.get("rule") == "thing"
        words = _strip_det(rec.data.get("form") or self.text[rec.start : rec.end]).split()
        return label == "EVENT" and (rec.data.get("rule") == "storm" or bool(words) and words[0].lower() in self.lex["storm_nouns"])

    def merge(self, anaphor: int, antecedent: int, rule: str) -> None:
        a, b = self.chain_of[anaphor], self.chain_of[antecedent]
        if a == b:
            return
        keep, drop = min(a, b), max(a, b)
        for k in self.chains[drop].members:
            self.chain_of[k] = keep
        self.chains[keep].members.extend(self.chains[drop].members)
        self.chains[keep].members.sort()
        self.chains[keep].roles |= self.chains[drop].roles
        self.chains[drop] = Chain()
        if not self.mentions[anaphor].rule:
            self.mentions[anaphor].rule = rule

    def members(self, k: int) -> list[Mention]:
        return [self.mentions[j] for j in self.chains[self.chain_of[k]].members]

    def labels(self, k: int) -> set[str]:
        return {m.label for m in self.members(k) if m.label}

    def animate(self, k: int) -> bool | None:
        """True for a person, False for a thing or an institution, None when the chain does not tell."""
        ms = self.members(k)
        if any(m.label == "PERSON" or (m.kind == "nominal" and m.lemma in self.lex["person_nouns"]) or m.gender in ("m", "f") for m in ms):
            return True
        if any(m.label in ("ORG", "GPE", "LOC", "FAC", *THINGS) or m.gender == "n" for m in ms):
            return False
        if self.chains[self.chain_of[k]].roles & self.lex["person_nouns"]:
            return True
        if any(m.kind == "nominal" and self.doc[m.head].ent_type_ == "" for m in ms):
            return False  # a common noun that names no person: "the survey", "the company"
        return None

    def _person_noun(self, m: Mention) -> bool:
        """A description headed by a noun of a person ("the spokesman"), or by an age alone ("the 34-year-old")."""
        return m.lemma in self.lex["person_nouns"] or m.lemma == "old" and _stated_age(self.doc[m.head]) is not None

    def run(self) -> None:
        self.detect()
        self.attributes()
        for name in ("exact", "apposition", "relative", "name", "age", "head", "role", "lead", "pronoun"):
            getattr(self, "pass_" + name)()

    def attributes(self) -> None:
        """Role nouns given to a name by apposition ("Yusov, a spokesman"), title ("Foreign Minister Lavrov") or predicate."""
        by_head = {m.head: k for k, m in enumerate(self.mentions)}
        for k, m in enumerate(self.mentions):
            head = self.doc[m.head]
            clauses = []  # "who served as …": read after the head's own role nouns
            for child in head.children:
                dep = child.dep_
                if dep == "appos" and (child.pos_ == "NOUN" or child.lower_ in self.lex["person_nouns"]) and not self._listed(child, m):
                    self.chains[k].roles.add(child.lemma_.lower())
                elif dep == "compound" and (child.pos_ in ("NOUN", "PROPN") and child.lemma_.lower() in self.lex["person_nouns"]
                                            or child.is_lower and m.kind == "name" and head.pos_ == "PROPN"):
                    self.chains[k].roles.add(child.lemma_.lower())
                elif dep == "relcl" and child.lemma_ in ("serve", "work", "act"):
                    clauses.append(child)
            for clause in clauses:
                for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ == "as"):  # "who served as foreign minister"
                    role = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
                    if role is not None:
                        target = by_head.get(head.head.i, k) if head.dep_ == "appos" else k
                        self.chains[target].roles.add(role.lemma_.lower())
            if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.i in by_head and not self._listed(head, self.mentions[by_head[head.head.i]]):
                self.chains[by_head[head.head.i]].roles.add(m.lemma)
            if head.dep_ == "attr" and head.head.lemma_ == "be" and m.kind == "nominal":
                subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i in by_head and self.mentions[by_head[subj.i]].kind == "name":
                    self.chains[by_head[subj.i]].roles.add(m.lemma)

    def _earlier(self, k: int) -> range:
        return range(k - 1, -1, -1)

    def output(self, named_only: bool) -> list[tuple[Mention, int, int | None]]:
        """(mention, chain number, named mention seq the chain stands for) of every chain of two or more
        (with `named_only`, of those that stand for a named mention)."""
        out = []
        number = 0
        for chain in self.chains:
            if len(chain.members) < 2 or named_only and all(self.mentions[j].named is None for j in chain.members):
                continue
            ms = [self.mentions[j] for j in chain.members]
            named = [x for x in ms if x.named is not None]
            entity = None
            if named:
                counts = Counter(x.label for x in named)
                label = min(counts, key=lambda lab: (-counts[lab], NAME_PREFERENCE.get(lab, 9)))
                best = max((x for x in named if x.label == label), key=lambda x: (x.end - x.start, -x.start))
                entity = best.named
            for x in ms:
                out.append((x, number, entity))
            number += 1
        out.sort(key=lambda t: (t[0].start, t[0].end))
        return out
