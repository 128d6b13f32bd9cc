"""The parts every attribution construction shares: cue word lists, the frame under construction, and parse helpers (spans, subjects, sources)."""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from spacy.strings import get_string_id

from ..pipeline import Context
from . import scan
from .attribution_quotes import find_quotes
from .attribution_sources import RELATIVES

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
FRAME_WINDOW = 14  # most tokens between a quotation and the cue that frames it
TRIM = " \n\t,;:.—–-"
MODIFIER_DEPS = ("acl", "relcl", "amod", "compound", "nmod")
ADJUNCT_DEPS = ("prep", "pobj", "advmod", "npadvmod", "dative", "det", "amod", "compound", "nummod", "poss", "case", "punct", "quantmod", "pcomp", "nmod")
ADDRESSEE_VERBS = ("tell", "inform", "assure", "brief", "remind", "warn")
ACCORDING = re.compile(r"according to\b", re.IGNORECASE)
DATELINE = re.compile(  # "RENO, Nev. (AP) — ", "KYIV/HAVANA — ", "MOSCOW, Dec 5 — ", "Dec 29 (Reuters) - "
    r"(?:[A-Z][A-Z.'’ -]{2,}(?:/[A-Z][A-Z.'’ -]{2,})*(?:,[A-Za-z. ]{2,20}){0,2}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?)?\s*(?:\([^)\n]{1,30}\))?"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2}\s*\([A-Z][^)\n]{1,30}\)"  # "Dec 29 (Reuters) - "
    # "Almaty, 12 March 2025 - ", "Tashkent, March 12, 2025 – ": a city in title case only with a full date
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}, (?:\d{1,2} [A-Z][a-z]{2,8}\.?,? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})(?: \([^)\n]{1,30}\))?)"
    r"\s*[—–-]{1,2}\s+"
)
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def dateline_spans(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """The datelines opening the document's paragraphs (in its first `limit` characters)."""
    out = []
    for m in re.finditer(r"(?:^|\n)[ \t]*", text[:limit] if limit else text):
        d = DATELINE.match(text, m.end())
        if d and "\n" not in text[m.end() : d.end()]:
            out.append((m.end(), d.end()))
    return out


@cache
def cues() -> dict[str, Any]:
    data = tomllib.loads(resources.files("threadline").joinpath("data/cues.toml").read_text("utf-8"))
    out: dict[str, Any] = {k: set(v) for k, v in data.items() if isinstance(v, list)}
    out["pronouns"] = data["pronouns"]
    out["prepositional"] = data["prepositional"]
    return out




@cache
def _cue_lemmas() -> frozenset[str]:
    """Every lemma that can be a cue verb (speech, naming, prepositional, stance,
    intention, object content, accusing, evidence, cognition, evaluation)."""
    c = cues()
    kinds = ("speech", "naming", "naming_as", "prepositional", "stance", "intention", "object_content", "accusing", "evidence", "cognition", "evaluation")
    return frozenset().union(*(c[k] for k in kinds)) | {"make", "put"}


@cache
def finding_subjects() -> frozenset[str]:
    """The subjects whose evidence verb reports a finding ("a poll showed …", "the study found …",
    "researchers found …"): documents, sources named with "in" and finders."""
    c = cues()
    return frozenset(c["document_nouns"] | c["in_sources"] | c["finders"])


# lemmas the small model gets wrong for cue words
LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope", "retweeted": "retweet", "retweeting": "retweet"}


def lemma_of(token: Any) -> str:
    return LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()


@cache
def word_ids(*words: str) -> frozenset[int]:
    """The integer ids of `words` (their hashes in every parse's string store): `t.lower in ids` tests a
    token without building its text."""
    return frozenset(get_string_id(w) for w in words)


@cache
def cue_ids(*kinds: str) -> frozenset[int]:
    """The integer ids of the cue words of `kinds` (word lists of `cues()`)."""
    return word_ids(*sorted(set().union(*(cues()[k] for k in kinds))))


@cache
def lemma_screen(kind: str) -> scan.Screen:
    """The lemmas that are, lower-cased, cue words of `kind` (a word list of `cues()`, or "verbs" for every
    cue verb, `_cue_lemmas`)."""
    words = _cue_lemmas() if kind == "verbs" else cues()[kind]
    return scan.Screen("LEMMA", lambda lemma: lemma.lower() in words)


def _before_relative(pronoun: Any) -> Any:
    """The noun just before a relative pronoun, or before its comma, dash or bracket, in its sentence ("Mark
    Bellamy who", "the agency, which", "Orbis - which"), if any."""
    k = pronoun.i - 1
    if k > pronoun.sent.start and pronoun.doc[k].text in (",", "-", "–", "—", "("):
        k -= 1
    if k < pronoun.sent.start:
        return None
    tok = pronoun.doc[k]
    return tok if tok.pos_ in ("NOUN", "PROPN") else None


@dataclass
class Frame:
    """An attribution under construction (character offsets)."""

    cue: tuple[int, int]
    content: tuple[int, int]
    kind: str
    source: tuple[int, int] | None = None
    head: Any = None  # syntactic head token of the source
    antecedent: Any = None  # the noun a relative-pronoun source stands for
    cue_token: int | None = None
    parent: Frame | None = None  # the frame it is nested in, when the construction says so
    carried_from: Frame | None = None  # the frame whose speaker a run-on quotation takes
    rank: int = 0  # lower wins when two frames share a cue
    signed: bool = False  # “…” ― Name: the signature closes the quotation, nothing runs on from it
    judged: tuple[int, int] | None = None  # what a naming verb judges ("sees [six million migrants] as recruits"): not its claim


class FrameFinder:
    """One parsed document's quotations, sentences and frames found so far, with the helpers the constructions share."""

    def __init__(self, ctx: Context):
        self.text = ctx.text
        self.mentions = ctx.of("mention")
        self.doc = ctx.doc
        self.cues = cues()
        self.quotes = find_quotes(self.text)
        self.qstarts = [q.start for q in self.quotes]
        self.sents = list(self.doc.sents)
        self.sent_of = np.repeat(np.arange(len(self.sents)), [s.end - s.start for s in self.sents]).tolist()
        self.frames: list[Frame] = []
        self._scanned: tuple[list[Any], list[Any], list[Any]] | None = None

    def quote_at(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.qstarts, offset) - 1
        if k >= 0 and self.quotes[k].start <= offset < self.quotes[k].end:
            return k
        return None

    def in_quote(self, token: Any) -> bool:
        return self.quote_at(token.idx) is not None

    def span(self, first: Any, last: Any) -> tuple[int, int]:
        return first.idx, last.idx + len(last.text)

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """Drop surrounding spaces and punctuation (a closing quotation mark stays)."""
        while start < end and self.text[start] in TRIM:
            start += 1
        while end > start and self.text[end - 1] in TRIM:
            end -= 1
        return start, end

    def subtree_span(self, token: Any, exclude: Any = None) -> tuple[int, int]:
        tokens = [t for t in token.subtree if exclude is None or not (exclude.left_edge.i <= t.i <= exclude.right_edge.i)]
        if not tokens:
            return token.idx, token.idx
        return self.trimmed(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))

    def cue_span(self, verb: Any) -> tuple[int, int]:
        """The cue verb with its auxiliaries, negation and particle ("has said", "pointed out")."""
        first = last = verb
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i and child.i >= first.i - 3:
                first = min(first, child, key=lambda t: t.i)
            if child.dep_ == "prt" and child.i == verb.i + 1:
                last = child
        return self.span(first, last)

    def subject(self, verb: Any) -> tuple[Any, Any]:
        """(subject token, antecedent of a relative pronoun) of a cue verb, following
        conjunctions, participles and relative clauses."""
        subjects = [ch for ch in verb.children if ch.dep_ in SUBJECTS]
        # two subjects: the nearer, but not a floating "each", "all" or "both" ("The governments … have each told")
        for child in sorted(subjects, key=lambda ch: (ch.lower_ in ("each", "all", "both") and len(subjects) > 1, abs(verb.i - ch.i)))[:1]:
            if child.dep_ in SUBJECTS:
                antecedent = None
                if verb.dep_ == "relcl" and child.lower_ in RELATIVES:
                    antecedent = verb.head.head if verb.head.dep_ == "appos" else verb.head
                    before = _before_relative(child)
                    if before is not None and before.dep_ == "conj" and antecedent in before.ancestors:
                        antecedent = before  # "filed by Oracle and attorney general Mark Bellamy who alleged": the conjunct it follows
                elif child.lower_ in ("who", "which"):
                    # "… filed by state prosecutor Dana Whitlow who alleged that …", the clause misparsed
                    # as the main verb's complement: the noun just before the pronoun is whom it stands for
                    antecedent = _before_relative(child)
                return child, antecedent
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj, None
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            head = verb.head
            if verb.tag_ == "VBG":  # "saying it intends to … and denying …": the participle it pairs with
                head = next((a for a in verb.ancestors if a.tag_ == "VBG"), head)
            return self.subject(head)
        if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
            if verb.lemma_.lower() in self.cues["inference"]:
                return None, None  # "…, suggesting that …" is the author's inference
            if self.in_quote(verb.head) and not self.in_quote(verb):
                return None, None  # "“…,” she said, pointing to …, “you hand …”": the quoted clause's subject is not the participle's
            return self.subject(verb.head)
        if verb.dep_ == "xcomp" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children):
            # "took to Twitter to say …", "is quick to point out …", "are more likely to say …":
            # the subject of the verb or adjective that governs the infinitive, unless
            # that verb has an object of its own ("asked her to say": she would say it)
            head = verb.head.head if verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp" else verb.head
            own = any(ch.dep_ in ("dobj", "dative") or (ch.dep_ == "prep" and ch.lower_ in ("on", "upon")) for ch in verb.head.children)
            if (
                head.pos_ in ("VERB", "AUX")
                and not own
                and lemma_of(verb) in self.cues["speech"]
                and lemma_of(verb.head) not in self.cues["not_saying"]
            ):
                return self.subject(head)
        purpose = self._purpose_of(verb)
        if purpose is not None:
            return self.subject(purpose)
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subject(verb.head.head)  # "won the nomination by promising …"
        if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN") and verb.head.pos_ in ("NOUN", "PROPN"):
            return self.sender(verb.head), None
        return None, None

    def _purpose_of(self, verb: Any) -> Any:
        """The verb a cue infinitive of purpose with no subject of its own serves: "called a news
        conference to announce that …", "held a briefing to boast that …" (the parser hangs the
        infinitive on the verb or on the occasion it names: `occasion_nouns`), whose subject says
        it. Not an infinitive on another noun ("hired a lawyer to argue …": the lawyer argues;
        "had no reason to believe …") nor one on a negated verb."""
        if verb.dep_ not in ("advcl", "relcl", "acl") or verb.tag_ != "VB" or lemma_of(verb) not in self.cues["speech"]:
            return None
        if not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children) or any(ch.dep_ in SUBJECTS for ch in verb.children):
            return None
        head = verb.head
        if verb.dep_ != "advcl":
            if head.pos_ != "NOUN" or head.dep_ != "dobj" or head.lemma_.lower() not in self.cues["occasion_nouns"]:
                return None
            head = head.head
        if head.pos_ not in ("VERB", "AUX") or any(ch.dep_ == "neg" for ch in head.children):
            return None
        return head if self._actor(self.subject(head)[0]) else None

    def sender(self, noun: Any) -> Any:
        """The noun a participle after it speaks for: itself, or, when the parser hangs the
        participle on the addressee, the document sent to it ("a note to its members
        saying …", "sent a letter to the council warning …": the note, the letter) or the
        one who wrote to it ("Parents wrote to the principal saying …": the parents)."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "to":
            return noun
        above = noun.head.head
        if above.pos_ in ("VERB", "AUX"):
            document = next((ch for ch in above.children if ch.dep_ == "dobj"), None)
            if document is None and lemma_of(above) in self.cues["speech"]:
                writer = self.subject(above)[0]
                return writer if writer is not None else noun
            above = document if document is not None else above
        documents = self.cues["document_nouns"]
        return above if above.pos_ == "NOUN" and above.lemma_.lower() in documents else noun

    def source_span(self, subj: Any, content: tuple[int, int]) -> tuple[int, int]:
        """The subject's phrase, kept clear of the content it is the source of, and of a time the parse
        hangs on it ("Harlow on Tuesday announced …" is Harlow's)."""
        start, end = self.subtree_span(subj)
        when = [c for c in subj.rights if c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in c.children)
                or c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME")]
        if when:
            first = min(w.left_edge.i for w in when)
            before = [t for t in subj.subtree if t.i < first]
            start, end = self.trimmed(before[0].idx, before[-1].idx + len(before[-1].text))
        if start < content[1] and content[0] < end:
            if content[0] > subj.idx:
                end = min(end, content[0])
            elif content[1] <= subj.idx:
                start = max(start, content[1])
            else:
                start, end = subj.idx, subj.idx + len(subj.text)
        return self.trimmed(start, end)

    def _actor(self, token: Any) -> bool:
        """A person, group or institution (by name, pronoun or role noun)."""
        if token is None:
            return False
        if token.pos_ == "PROPN" or token.ent_type_ in ACTOR_LABELS:
            return True
        if token.lower_ in ("he", "she", "they", "we", "i", "who") or token.lemma_.lower() in self.cues["actor_nouns"]:
            return True
        # "52 percent support the ban", "about three-quarters oppose it": a share of people
        return token.lemma_.lower() in self.cues["share_nouns"]

    def _token_at(self, offset: int) -> Any:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _root_in(self, start: int, end: int) -> Any:
        """The syntactic head of text[start:end]: its first token whose head lies outside it ("U.S. Trade
        Representative Maria Ellison" after a dateline the parse made the subject: "Ellison", not "U.S."), else its
        first token."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return next((t for t in span if not start <= t.head.idx < end or t.head.i == t.i), span[0])

    def _tokens(self, hit: Any) -> list[Any]:
        """The tokens where the mask `hit` is true, in text order."""
        return [self.doc[i] for i in np.flatnonzero(hit).tolist()]

    def _may_be(self, kind: str, pos: tuple[str, ...] = ()) -> list[Any]:
        """The tokens (of a part of speech in `pos`, when given) whose `lemma_of` may be a cue
        word of `kind` (`lemma_screen`): a lemma of the list, or a word whose lemma the model
        gets wrong; a `Token` for those alone."""
        hit = lemma_screen(kind).mask(self.doc) | scan.mask(self.doc, "LOWER", word_ids(*LEMMA_FIXES))
        if pos:
            strings = self.doc.vocab.strings
            hit &= scan.mask(self.doc, "POS", [strings[p] for p in pos])
        return self._tokens(hit)

    def _candidates(self) -> tuple[list[Any], list[Any], list[Any]]:
        """One pass over the tokens on integer attributes: the "in" tokens, the
        adjectives and the nouns whose lemma may be a cue (read by in_source_frames,
        adjective_frames and noun_frames)."""
        if self._scanned is None:
            strings = self.doc.vocab.strings
            adj, noun = strings["ADJ"], strings["NOUN"]  # the part-of-speech symbols
            word_in = strings.add("in")
            belief = cue_ids("belief_adjectives", "evaluation_adjectives")
            claim = cue_ids("claim_nouns")
            ins: list[Any] = []
            adjectives: list[Any] = []
            nouns: list[Any] = []
            doc = self.doc
            hit = scan.mask(doc, "LOWER", [word_in, *belief]) | scan.mask(doc, "LEMMA", belief) | lemma_screen("claim_nouns").mask(doc)
            for t in self._tokens(hit):  # the tokens that may pass one of the tests below
                pos = t.pos
                if t.lower == word_in:
                    ins.append(t)
                elif (pos == adj and t.lemma in belief) or (t.tag_ == "VBN" and t.lower in belief):
                    adjectives.append(t)
                elif pos == noun and (t.lemma in claim or (t.is_title and t.lemma_.lower() in self.cues["claim_nouns"])):
                    nouns.append(t)
            self._scanned = (ins, adjectives, nouns)
        return self._scanned

    def _clause_span(self, token: Any, exclude: Any = None, minimum: int = 2) -> tuple[int, int] | None:
        start, end = self.subtree_span(token, exclude)
        # "said Tuesday his actions are …": a leading time adjunct belongs to the saying
        subj = next((ch for ch in token.children if ch.dep_ in SUBJECTS), None)
        for ch in token.children:
            if subj is None or ch.i > subj.i or ch.dep_ not in ("npadvmod", "prep"):
                continue
            phrase = list(ch.subtree)
            if phrase[0].idx == start and all(t.ent_type_ in ("DATE", "TIME") or t.lower_ == "on" or t.is_punct for t in phrase):
                start = self.trimmed(phrase[-1].idx + len(phrase[-1].text), end)[0]
        if end - start < minimum:
            return None
        # a clause complement that ends just inside a closing quotation mark takes the mark
        tail = self.text[end : end + 2]
        if tail[:1] in ("”", '"', "’", "»") and self.quote_at(end) is not None:
            end += 1
        elif len(tail) == 2 and tail[0] in ".,!?" and tail[1] in "”\"’»" and self.quote_at(end + 1) is not None:
            end += 2
        return start, end

    def undated(self, start: int, end: int) -> tuple[int, int]:
        """Drop a leading dateline ("RENO, Nev. (AP) — ", "MACAU (Reuters) – ")."""
        m = DATELINE.match(self.text, start, end)
        return (m.end(), end) if m and m.end() < end else (start, end)
