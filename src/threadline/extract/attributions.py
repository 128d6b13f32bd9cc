"""Attributions: who said, reported or believes what, from quotations and the dependency parse.

An attribution is a source span (who), a cue span (said, told, according to,
…), a content span (what) and a kind: "direct" (the content is a quotation),
"mixed" (an indirect content with quoted words in it) or "indirect". It is
found in one of these ways, in this order:

1. A quotation framed by a cue in its sentence: "“…,” X said", "X said: “…”",
   "“…,” said X", "“…,” X said, “…”" (the content runs from the first quote to
   the last), "“…,” a statement read".
2. A cue verb with a clause complement: "X said (that) …", "X told Reuters …",
   "X estimated that …", "…, X said" (the clause is the complement, or the cue
   hangs off it as a parenthetical), "X claimed to have …", "X denied any role".
3. "according to X": the rest of the sentence is the content.
4. "X, citing Y, said …": Y is the source of X's content, nested in X's attribution.
5. No named source: "Moscow is said to be …", "… reportedly …".
6. A quotation with no cue in its sentence takes the speaker of the quotation
   just before it (same or previous paragraph, or the same quotation running
   on across paragraphs).

An attribution whose cue and content lie inside another's content is nested in
it (`parent`): "Tass reported that Medvedev said …". Sources are linked to
named mentions by `attribution_sources`.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..pipeline import Context, Record, component, make_record
from .attribution_quotes import Quote, find_quotes, paragraph_gap
from ..discourse.coref import Chains
from .attribution_sources import RELATIVES, Resolution, SourceResolver

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
FRAME_WINDOW = 14  # most tokens between a quotation and the cue that frames it
TRIM = " \n\t,;:.—–-"
MODIFIER_DEPS = ("acl", "relcl", "amod", "compound", "nmod")
ADJUNCT_DEPS = ("prep", "pobj", "advmod", "npadvmod", "dative", "det", "amod", "compound", "nummod", "poss", "case", "punct", "quantmod", "pcomp", "nmod")
ADDRESSEE_VERBS = ("tell", "inform", "assure", "brief", "remind", "warn")
ACCORDING = re.compile(r"according to\b", re.IGNORECASE)
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’ -]{2,}(?:,[A-Za-z. ]{2,20}){0,2}(?:,? [A-Z][a-z]{2}\.? \d{1,2})?\s*(?:\([^)\n]{1,30}\))?"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2}\s*\([A-Z][^)\n]{1,30}\))\s*[—–-]{1,2}\s+"  # "Dec 29 (Reuters) - "
)
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")


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
    intention, object content, accusing, evidence)."""
    c = cues()
    kinds = ("speech", "naming", "naming_as", "prepositional", "stance", "intention", "object_content", "accusing", "evidence")
    return frozenset().union(*(c[k] for k in kinds)) | {"make", "put"}


# lemmas the small model gets wrong for cue words
LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope", "retweeted": "retweet", "retweeting": "retweet"}


def lemma_of(token: Any) -> str:
    return LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()


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


class Finder:
    """Finds the attribution frames of one parsed document."""

    def __init__(self, ctx: Context):
        self.text = ctx.text
        self.mentions = ctx.of("mention")
        self.doc = ctx.doc
        self.cues = cues()
        self.quotes = find_quotes(self.text)
        self.qstarts = [q.start for q in self.quotes]
        self.sents = list(self.doc.sents)
        self.sent_of = [0] * len(self.doc)
        for k, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.frames: list[Frame] = []
        self._scanned: tuple[list[Any], list[Any], list[Any]] | None = None

    # -- small helpers ------------------------------------------------------
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

    # -- sources --------------------------------------------------------------
    def subject(self, verb: Any) -> tuple[Any, Any]:
        """(subject token, antecedent of a relative pronoun) of a cue verb, following
        conjunctions, participles and relative clauses."""
        subjects = [ch for ch in verb.children if ch.dep_ in SUBJECTS]
        for child in sorted(subjects, key=lambda ch: abs(verb.i - ch.i))[:1]:  # two subjects: the nearer
            if child.dep_ in SUBJECTS:
                antecedent = None
                if verb.dep_ == "relcl" and child.lower_ in RELATIVES:
                    antecedent = verb.head.head if verb.head.dep_ == "appos" else verb.head
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
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subject(verb.head.head)  # "won the nomination by promising …"
        if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head, None
        return None, None

    def source_span(self, subj: Any, content: tuple[int, int]) -> tuple[int, int]:
        """The subject's phrase, kept clear of the content it is the source of."""
        start, end = self.subtree_span(subj)
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

    # -- 1. quotations framed by a cue ----------------------------------------
    def _cue_word(self, token: Any, quote_frame: bool) -> bool:
        lemma = lemma_of(token)
        c = self.cues
        if lemma in c["not_cues"] or token.dep_ in MODIFIER_DEPS:
            return False
        if token.pos_ in ("VERB", "AUX"):
            return lemma in c["speech"] or (quote_frame and lemma in c["quote_only"])
        # the small model sometimes tags a framing "read" as a noun ("…,” a statement read.)
        return quote_frame and token.pos_ == "NOUN" and token.lower_ in ("read", "reads", "reading")

    def framed_quotes(self) -> None:
        used: dict[int, int] = {}  # cue token -> frame index
        for q in self.quotes:
            first = self._token_at(q.start)
            last = self._token_at(q.end - 1)
            if first is None or last is None or not self._quotable(q):
                continue
            # a piece left open at a paragraph end can only be introduced ("X said: “…")
            found = (self._after_frame(q, last) if q.closed else None) or self._before_frame(q, first)
            if found is None:
                continue
            verb, subj = found
            if verb.i in used:  # “A,” he said, “B.”: one attribution from A to B
                frame = self.frames[used[verb.i]]
                frame.content = (min(frame.content[0], q.start), max(frame.content[1], q.end))
                continue
            frame = Frame(self.cue_span(verb), (q.start, q.end), "direct", cue_token=verb.i, rank=0)
            if subj is not None:
                frame.source = self.source_span(subj, frame.content)
                frame.head = subj
                if subj.lower_ in RELATIVES and verb.dep_ == "relcl":
                    frame.antecedent = verb.head
            used[verb.i] = len(self.frames)
            self.frames.append(frame)

    _SIGNATURE = re.compile(r"[ \t]*(―|—|–|--)[ \t]*([A-Z][^\n,;()]{1,60}?)[ \t]*(?:[,;(][^\n]{0,80})?[ \t]*(?=\n|$)")

    def signed_quotes(self) -> None:
        """“…” ― Sonya Herridge: a quotation signed with a dash and a name at the paragraph's end
        (letters pages, vox pops, epigraphs)."""
        covered = [f.content for f in self.frames]
        for q in self.quotes:
            if not q.closed or any(a <= q.start < b for a, b in covered) or not self._quotable(q):
                continue
            m = self._SIGNATURE.match(self.text, q.end)
            if m is None:
                continue
            name = self.text[m.start(2) : m.end(2)].split()
            if not 1 <= len(name) <= 6 or not all(w[0].isupper() or w.lower() in ("de", "da", "van", "von", "del", "bin") for w in name):
                continue
            frame = Frame(m.span(1), (q.start, q.end), "direct", rank=1, signed=True)
            frame.source, frame.head = self.trimmed(*m.span(2)), self._token_at(m.start(2))
            self.frames.append(frame)

    def _quotable(self, q: Quote) -> bool:
        """Long enough to be a statement: three words, or a shorter quotation that
        ends in punctuation of its own (“Never,” he said)."""
        inner = q.inner(self.text)
        return len(inner.split()) >= 3 or (bool(inner) and self.text[q.start : q.end].rstrip("”\"’'» ")[-1:] in ",.!?")

    def _token_at(self, offset: int) -> Any:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _after_frame(self, q: Quote, last: Any) -> tuple[Any, Any] | None:
        """“…,” X said / “…,” said X / “…,” a statement read."""
        sent = self.sents[self.sent_of[last.i]]
        tokens = []
        for t in self.doc[last.i + 1 : sent.end]:
            if self.in_quote(t):
                break
            tokens.append(t)
        words = [t for t in tokens if not t.is_punct]
        nxt = self.sent_of[last.i] + 1
        if not words and nxt < len(self.sents) and "\n" not in self.text[q.end : self.sents[nxt].start_char]:
            # “… do you need?’” Weaver said.: the parser ended the sentence inside the frame
            after = [t for t in self.sents[nxt] if not t.is_punct and not self.in_quote(t)]
            if len(after) <= FRAME_WINDOW and not any(self.in_quote(t) for t in self.sents[nxt]):
                if not any(ch.dep_ == "ccomp" for t in after for ch in t.children):
                    words = after
        for t in words[:FRAME_WINDOW]:
            if self._cue_word(t, quote_frame=True):
                subj, _ = self.subject(t)
                if subj is not None and t.dep_ == "conj" and q.start <= subj.idx < q.end:
                    # "“We were wrong,” Ramos, 58, told AFP": the parser made the cue a
                    # conjunct of the quotation's verb and lent it the quotation's subject
                    subj = self._surface_source(words, t) if any(w.i < t.i for w in words) else None
                    if subj is None:
                        return None
                    return t, subj
                if subj is not None and subj.i < last.i:
                    return None  # the quotation sits inside the subject or precedes another frame
                if subj is None:
                    if t.tag_ == "VBG":
                        return None  # "“…,” suggesting that …": the author's own participle
                    subj = self._surface_source(words, t)
                return t, subj
            if t.pos_ == "VERB" and t.dep_ not in MODIFIER_DEPS:
                return None  # another clause comes first
        return None

    def _surface_source(self, words: list[Any], cue: Any) -> Any:
        """The head noun of the words between the quote and the cue, or right after the cue."""
        before = [t for t in words if t.i < cue.i]
        pool = before or [t for t in words if t.i > cue.i]
        nouns = [t for t in pool if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if not nouns:
            return None
        ids = {t.i for t in pool}
        outer = [t for t in nouns if t.head.i not in ids or t.head.i == t.i]  # the phrase's own head
        return outer[0] if outer else nouns[0]

    def _before_frame(self, q: Quote, first: Any) -> tuple[Any, Any] | None:
        """X said: “…” / X said, “…” / X said on Sunday in a statement, “…”."""
        sent = self.sents[self.sent_of[first.i]]
        tokens = [t for t in self.doc[sent.start : first.i] if not self.in_quote(t)]
        if not tokens:
            # the quote opens its sentence: a previous sentence ending in "X said:" frames it
            prev = self.sent_of[first.i] - 1
            if prev < 0 or not self.sents[prev].text.rstrip().endswith(":"):
                return None
            tokens = [t for t in self.sents[prev] if not self.in_quote(t)]
        colon = self.text[: q.start].rstrip().endswith(":")
        words = [t for t in tokens if not t.is_punct]
        for t in reversed(words):
            if not (self._cue_word(t, quote_frame=True) and t.pos_ in ("VERB", "AUX")):
                continue
            between = [w for w in words if w.i > t.i]
            if not colon and not self._only_adjuncts(t, between):
                return None
            subj, _ = self.subject(t)
            if subj is not None and self.in_quote(subj):
                subj = None
            return t, subj
        return None

    def _only_adjuncts(self, cue: Any, tokens: list[Any]) -> bool:
        """Every token between a cue and its quotation hangs off the cue as an
        adjunct ("said on Sunday in its latest update", "told reporters")."""
        for w in tokens:
            if w.pos_ in ("ADV", "ADP", "CCONJ", "PART", "PUNCT"):
                continue
            t = w
            while True:
                if t.dep_ not in ADJUNCT_DEPS and not (t.dep_ == "dobj" and t.head.i == cue.i and cue.lemma_ in ADDRESSEE_VERBS):
                    return False
                if t.head.i == cue.i:
                    break
                if t.head.i == t.i:
                    return False
                t = t.head
        return True

    # -- 2. cue verbs with a complement ---------------------------------------
    def verb_frames(self) -> None:
        c = self.cues
        known = _cue_lemmas()
        taken = {f.cue_token for f in self.frames}
        verbs = {self.doc.vocab.strings["VERB"], self.doc.vocab.strings["AUX"]}  # part-of-speech symbols: integer tests
        for t in self.doc:
            if t.pos not in verbs or t.i in taken:
                continue
            lemma = lemma_of(t)
            if lemma not in known or lemma in c["not_cues"] or t.lower_ in c["citing"]:
                continue  # "citing" and "quoting" are read by citing_frames
            if self.in_quote(t) or self.text[t.idx - 1 : t.idx] in ("<", "/"):
                continue  # quoted, or markup ("<tweet author=…>")
            if any(ch.dep_ in PASSIVE_SUBJECTS or ch.dep_ == "neg" for ch in t.children):
                continue  # passives are handled with the sourceless ones; "did not say" reports nothing
            misparsed = self._subject_clause(t) if lemma in c["speech"] else None
            if misparsed is not None:
                self.frames.append(misparsed)
                continue
            content = self._complement(t, lemma)
            if content is None:
                continue
            if t.dep_ == "acl" and not any(ch.dep_ == "ccomp" for ch in t.children):
                continue  # "ads promising bonuses", "a billboard urging Russians to …": no speaker
            subj, antecedent = self.subject(t)
            frame = Frame(self.cue_span(t), content, "indirect", cue_token=t.i, rank=1)
            medial = t.dep_ == "parataxis" and content[0] < t.idx < content[1] and subj is not None and t.left_edge.i <= subj.i <= t.right_edge.i
            if subj is not None and (medial or not (content[0] <= subj.idx < content[1])):
                # a parenthetical cue ("In his state, X said, …") sits inside its content
                frame.source = self.subtree_span(subj) if medial else self.source_span(subj, content)
                frame.head = subj
                frame.antecedent = antecedent
            elif subj is not None:
                continue
            if frame.source is None and t.dep_ not in ("ROOT", "ccomp", "conj", "parataxis"):
                continue  # a bare participle ("the warning issued") is no attribution
            if (lemma in c["stance"] or lemma in c["intention"]) and lemma not in c["speech"] and not self._actor(subj):
                continue  # "a network that seeks to hire …": a position needs someone to hold it
            self.frames.append(frame)

    def _subject_clause(self, t: Any) -> Frame | None:
        """"Multiple outlets reported on Wednesday the Secret Service had …": the
        parser made the cue a modifier of its own subject, and that subject a
        second subject of the reported clause's verb."""
        noun, verb = t.head, t.head.head
        if t.dep_ != "acl" or t.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or noun.dep_ not in SUBJECTS:
            return None
        if noun.i > t.i or verb.i < t.i or verb.pos_ not in ("VERB", "AUX"):
            return None
        other = next((ch for ch in verb.children if ch.dep_ in SUBJECTS + PASSIVE_SUBJECTS and ch.i > t.right_edge.i), None)
        if other is None:
            return None
        content = self.trimmed(other.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
        frame = Frame(self.cue_span(t), content, "indirect", cue_token=t.i, rank=1)
        frame.source, frame.head = self.subtree_span(noun, exclude=t), noun
        return frame

    def _ids(self, words: Any) -> set[int]:
        """The integer ids of `words` in the parse's string store: `t.lower in ids` tests a
        token without building its text."""
        strings = self.doc.vocab.strings
        return {strings.add(w) for w in words}

    def _candidates(self) -> tuple[list[Any], list[Any], list[Any]]:
        """One pass over the tokens on integer attributes: the "in" tokens, the
        adjectives and the nouns whose lemma may be a cue (read by in_source_frames,
        adjective_frames and noun_frames)."""
        if self._scanned is None:
            strings = self.doc.vocab.strings
            adj, noun = strings["ADJ"], strings["NOUN"]  # the part-of-speech symbols
            word_in = strings.add("in")
            belief, claim = self._ids(self.cues["belief_adjectives"]), self._ids(self.cues["claim_nouns"])
            ins: list[Any] = []
            adjectives: list[Any] = []
            nouns: list[Any] = []
            for t in self.doc:
                pos = t.pos
                if t.lower == word_in:
                    ins.append(t)
                elif pos == adj and t.lemma in belief:
                    adjectives.append(t)
                elif pos == noun and (t.lemma in claim or (t.is_title and t.lemma_.lower() in self.cues["claim_nouns"])):
                    nouns.append(t)
            self._scanned = (ins, adjectives, nouns)
        return self._scanned

    def adjective_frames(self) -> None:
        """"Sanders's aides are confident that …", "X was convinced that …": a belief
        held by a person or institution, with the clause as its content."""
        c = self.cues
        taken = {f.cue_token for f in self.frames}
        for t in self._candidates()[1]:
            if t.dep_ != "acomp" or t.lemma_.lower() not in c["belief_adjectives"]:
                continue
            verb = t.head
            if verb.i in taken or t.i in taken or verb.lemma_.lower() not in ("be", "seem", "appear", "remain", "become", "grow", "feel", "sound"):
                continue
            if self.in_quote(t) or any(ch.dep_ == "neg" for ch in list(verb.children) + list(t.children)):
                continue
            clause = next((ch for ch in list(t.children) + list(verb.children) if ch.i > t.i and (
                ch.dep_ == "ccomp" or (ch.dep_ in ("advcl", "csubj") and any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children)))), None)
            if clause is None:
                continue
            subj, antecedent = self.subject(verb)
            if subj is None or not self._actor(subj):
                continue
            content = self._clause_span(clause)
            if content is None:
                continue
            first = min((ch for ch in verb.children if ch.dep_ in ("aux", "neg") and ch.i < verb.i), key=lambda ch: ch.i, default=verb)
            frame = Frame(self.span(first, t), content, "indirect", cue_token=verb.i, rank=1)
            frame.source, frame.head, frame.antecedent = self.source_span(subj, content), subj, antecedent
            self.frames.append(frame)

    def noun_frames(self) -> None:
        """"Trump's assertion that the migrants are …", "the ministry's estimate that
        …", "a claim by Tass that …": a claim noun with its owner and its clause."""
        c = self.cues
        for t in self._candidates()[2]:
            if t.lemma_.lower() not in c["claim_nouns"] or self.in_quote(t):
                continue
            clause = next((ch for ch in t.children if ch.i > t.i and ch.dep_ in ("acl", "ccomp", "relcl", "appos") and (
                any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children)
                or (t.lemma_.lower() in c["infinitive_nouns"] and any(m.dep_ == "aux" and m.lower_ == "to" for m in ch.children)))), None)
            if clause is None and t.lemma_.lower() in ("call", "demand", "plea", "appeal", "proposal"):
                # "Trump's call for a ban on …", "the union's demand for a 5% raise"
                prep = next((ch for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "for" and ch.i > t.i), None)
                clause = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
            if clause is None:
                continue
            owner = next((ch for ch in t.children if ch.dep_ == "poss" and ch.i < t.i), None)
            if owner is None:
                by = next((ch for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "by" and ch.i < clause.i), None)
                owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            if owner is None or not (self._actor(owner) or owner.lower_ in ("his", "her", "its", "their", "our", "my")):
                continue
            content = self._clause_span(clause)
            if content is None:
                continue
            start, end = self.subtree_span(owner)
            if self.text[start:end].endswith(("’s", "'s")):
                end -= 2
            elif self.text[start:end].endswith(("’", "'")):
                end -= 1
            frame = Frame(self.span(t, t), content, "indirect", cue_token=t.i, rank=1)
            frame.source, frame.head = self.trimmed(start, end), owner
            self.frames.append(frame)

    def _complement(self, verb: Any, lemma: str) -> tuple[int, int] | None:
        c = self.cues
        kids = [ch for ch in verb.children if ch.dep_ == "ccomp"]
        if kids and lemma in c["speech"]:
            kid = max(kids, key=lambda k: len(list(k.subtree)))
            return self._clause_span(kid)
        if lemma in c["speech"]:
            # "testified at the hearing that …": the parser hangs the clause on the hearing
            for prep in (ch for ch in verb.children if ch.dep_ == "prep"):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    clause = next((r for r in obj.children if r.dep_ in ("relcl", "acl") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in r.children)), None)
                    if clause is not None:
                        return self._clause_span(clause)
        if lemma in c["naming"] or lemma in c["naming_as"]:  # "called Trump “unhinged”", "described the plan as a threat"
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            pred = next((ch for ch in verb.children if ch.dep_ in ("oprd", "xcomp", "ccomp") or (ch.dep_ == "prep" and ch.lower_ == "as")), None)
            if lemma not in c["naming"] and (pred is None or pred.lower_ != "as" or obj is None or obj.i < verb.i):
                pred = None  # "saw him leave" is no judgement
            if pred is None and obj is not None and lemma in c["naming"]:
                # "called his actions “a crucial step”": the parser makes the name an apposition
                pred = next((ch for ch in obj.children if ch.dep_ == "appos" and ch.i > obj.i), None)
            if obj is not None and pred is not None and obj.i < pred.i:
                return self.trimmed(obj.left_edge.idx, self._clause_span(pred)[1] if self._clause_span(pred) else pred.idx + len(pred.text))
        if lemma in c["accusing"]:  # "accused Republicans of placing …", "blamed the ministry for …"
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            prep = None if obj is None else next((ch for ch in list(verb.children) + list(obj.children) if ch.dep_ == "prep" and ch.lower_ in ("of", "for") and ch.i > obj.i), None)
            if prep is not None:
                return self.trimmed(obj.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text))
        preps = c["prepositional"].get(lemma, ())
        for ch in verb.children:  # "called for a ceasefire", "warned against any interference"
            if ch.dep_ == "advcl" and ch.i > verb.i and any(m.dep_ == "mark" and m.lower_ in preps for m in ch.children):
                return self._clause_span(ch)  # "is calling for the United States to take …"
            if ch.dep_ == "prep" and ch.lower_ in preps:
                obj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    span = self._clause_span(obj)
                    # "called on the United States to act": the infinitive is part of it
                    xcomp = next((g for g in verb.children if g.dep_ == "xcomp" and g.i > obj.i), None)
                    if span is not None and xcomp is not None:
                        span = (span[0], max(span[1], self.subtree_span(xcomp)[1]))
                    return span
        if lemma == "make":  # "made it clear that …", "made the case that …", "made the case for …"
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            clauses = [ch for ch in verb.children if ch.dep_ == "ccomp"]
            clear = next((ch for ch in verb.children if ch.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and ch.lower_ in ("clear", "plain")), None)
            if clear is not None:
                clauses += [ch for ch in clear.children if ch.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children)]
                clauses = [k for k in clauses if k.i != clear.i]
                if clauses:
                    return self._clause_span(clauses[0])
            if obj is not None and obj.lemma_.lower() in c["claim_nouns"]:
                for ch in obj.children:
                    if ch.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children):
                        return self._clause_span(ch)
                    if ch.dep_ == "prep" and ch.lower_ in ("for", "against"):
                        pobj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
                        if pobj is not None:
                            return self._clause_span(pobj)
                if clauses:
                    return self._clause_span(clauses[0])
        if lemma == "put":
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            at = next((ch for ch in verb.children if ch.dep_ == "prep" and ch.lower_ == "at"), None)
            figure = at is not None and any(g.like_num or g.text in ("$", "%", "€", "£") for g in at.subtree)
            if obj is not None and at is not None and obj.i < at.i and obj.lower_ != "it" and figure:  # not "put it at risk"
                # "Forbes put his net worth at $45 billion": an estimate
                return self.trimmed(obj.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
            if obj is not None and obj.lower_ == "it" and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
                if any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children):  # "as X put it, …"
                    return self._clause_span(verb.head, exclude=verb)
        if lemma in c["evidence"]:
            # "a poll shows Clinton with a lead", "the study found a 3% rise": a document's finding
            subj = next((ch for ch in verb.children if ch.dep_ in SUBJECTS), None)
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj" and ch.pos_ in ("NOUN", "PROPN", "NUM")), None)
            if subj is not None and obj is not None and subj.lemma_.lower() in c["document_nouns"] | c["in_sources"]:
                return self.trimmed(obj.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
        if lemma in c["infinitive_content"] or lemma in c["intention"]:
            for ch in verb.children:
                if ch.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
                    return self._clause_span(ch)
        if lemma in c["object_content"] or lemma in c["stance"]:
            for ch in verb.children:
                # a bare common noun ("denied it", "backed down") is too little to be a content
                if ch.dep_ == "dobj" and (ch.pos_ == "PROPN" or (ch.pos_ == "NOUN" and len(list(ch.subtree)) > 1)):
                    return self._clause_span(ch, minimum=1)
                # "reported $9 million in cash", "reported holding shares in Ford"
                if lemma in c["object_content"] and (
                    (ch.dep_ == "dobj" and ch.pos_ in ("NUM", "SYM"))
                    or (ch.dep_ in ("xcomp", "ccomp") and ch.tag_ == "VBG" and not any(g.dep_ in SUBJECTS for g in ch.children))
                ):
                    return self._clause_span(ch, minimum=1)
        if lemma in c["speech"]:  # "asked workers if they planned to attend": the question
            for ch in verb.children:
                if ch.dep_ == "advcl" and ch.i > verb.i and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in ch.children):
                    return self._clause_span(ch)
        if lemma in c["speech"] and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and any(
            m.dep_ == "mark" and m.lower_ == "as" for m in verb.children
        ):
            return self._clause_span(verb.head, exclude=verb)  # "As the Times reported on Saturday, he has …"
        if (
            verb.dep_ == "conj" and lemma in c["speech"] and verb.i > 0 and self.doc[verb.i - 1].text == ","
            and any(ch.dep_ in SUBJECTS and ch.i > verb.i for ch in verb.children)
            and verb.head.left_edge.i < verb.i - 1
        ):
            # "…, but it is under pressure from imports, said the chief executive": the
            # parser made the inverted cue a conjunct of the clause it reports
            return self.trimmed(verb.head.left_edge.idx, self.doc[verb.i - 1].idx)
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            # "…, X said" and "In his state, X said, offenders are …": the clause around the cue
            return self._clause_span(verb.head, exclude=verb)
        return None

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

    # -- 3. according to -------------------------------------------------------
    def according_frames(self) -> None:
        for m in ACCORDING.finditer(self.text):
            if self.quote_at(m.start()) is not None:
                continue
            tok = self._token_at(m.start())
            if tok is None:
                continue
            sent = self.sents[self.sent_of[tok.i]]
            to_tok = self._token_at(m.end() - 2)
            if to_tok is None:
                continue
            obj = next((ch for ch in to_tok.children if ch.dep_ == "pobj"), None)
            if obj is not None:
                src = self._according_source(tok, obj)
                # "the Russian news agency Tass": a name right after the phrase belongs to it
                nxt = obj.right_edge.i + 1
                while nxt < sent.end and self.doc[nxt].pos_ == "PROPN" and not self.text[src[1] : self.doc[nxt].idx].strip():
                    src = (src[0], self.doc[nxt].idx + len(self.doc[nxt].text))
                    nxt += 1
            else:
                rest = [t for t in self.doc[to_tok.i + 1 : sent.end]]
                stop = next((t for t in rest if t.is_punct), None)
                last = stop.i - 1 if stop is not None else sent.end - 1
                if last <= to_tok.i:
                    continue
                src = self.trimmed(rest[0].idx, self.doc[last].idx + len(self.doc[last].text))
                obj = self.doc[last]
            s_start, s_end = sent.start_char, sent.end_char
            left = self.trimmed(s_start, m.start())
            right = self.trimmed(src[1], s_end)
            if self.text[right[0] : right[1]].split(" ", 1)[0].lower() in RELATIVES:
                right = (right[0], right[0])  # "…, according to X, which attributes …": not the content
            if left[1] - left[0] < 3 and right[1] - right[0] >= 3:
                content = right
            elif right[1] - right[0] < 3 and left[1] - left[0] >= 3:
                content = left
            elif left[1] - left[0] >= 3:
                content = self.trimmed(s_start, s_end)
            else:
                continue
            frame = Frame((m.start(), m.end()), content, "indirect", rank=1)
            frame.source, frame.head = src, obj
            self.frames.append(frame)

    def _according_source(self, according: Any, obj: Any) -> tuple[int, int]:
        """The object of "according to" with its modifiers: "three people briefed on
        the talks", "Brian Wieser, an analyst at Pivotal Research", "a senior official
        who spoke on condition of anonymity". Anything else after a comma is not
        part of it: "according to Tass, Medvedev said …", "according to X, which …"."""
        verb = according.head
        subjectless = verb.pos_ in ("VERB", "AUX") and not any(ch.dep_ in SUBJECTS + PASSIVE_SUBJECTS for ch in verb.children)
        end = obj.i
        for ch in sorted((ch for ch in obj.children if ch.i > obj.i and not ch.is_punct), key=lambda ch: ch.i):
            gap = self.doc[end + 1 : ch.left_edge.i]
            if any(t.text in (",", "—", "–", "(") for t in gap):
                # an apposition or a clause set off by commas belongs to the source, unless
                # the parser took the content's subject for an apposition ("according to
                # the ministry, the recruits were sent …": "were sent" has no subject)
                # (a clause after a comma, "X, which attributes …", says something new)
                if not (ch.dep_ == "appos" and ch.pos_ == "NOUN") or (subjectless and verb.i > ch.i):
                    break
                end = ch.right_edge.i
                continue
            inner = [t for t in ch.subtree if t.text == ","]
            if inner:  # "according to data from the ministry, Medvedev said"
                end = inner[0].i - 1
                break
            end = ch.right_edge.i
        return self.trimmed(obj.left_edge.idx, self.doc[end].idx + len(self.doc[end].text))

    # -- 3b. in a poll ------------------------------------------------------------
    def in_source_frames(self) -> None:
        """"In a CNN poll released Monday, 50 percent chose …", "Trump leads in the
        polls", "in Forbes' words, …": the poll, survey or words are the source of
        the clause (or noun phrase) the phrase qualifies."""
        c = self.cues
        for t in self._candidates()[0]:
            if t.dep_ != "prep" or self.in_quote(t):
                continue
            obj = next((ch for ch in t.children if ch.dep_ == "pobj"), None)
            if obj is None or obj.pos_ != "NOUN" or not ({obj.lemma_.lower(), obj.lower_} & c["in_sources"]):
                continue
            if obj.lemma_.lower() in c["in_views"] and not any(ch.dep_ == "poss" for ch in obj.children):
                continue  # "in his view", "in Forbes' words"; not "in other words", "in plain view"
            head = t.head
            if head.lemma_.lower() in c["speech"] or head.lemma_.lower() in c["in_not_sources"]:
                continue  # "said in a statement", "took part in the poll": a venue, not a source
            if head.pos_ in ("VERB", "AUX"):
                content = self._clause_span(head, exclude=t)
            elif head.pos_ in ("NOUN", "PROPN") and head.dep_ in SUBJECTS:
                content = self.subtree_span(head, exclude=t)  # "Clinton's lead in a CBS poll has evaporated"
            elif head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
                content = self._clause_span(head.head, exclude=t)  # "Trump has a lead in the polls"
            else:
                continue
            if content is None or len(self.text[content[0] : content[1]].split()) < 3:
                continue
            if self.text[content[0] : content[1]].split(" ", 1)[0].lower() in RELATIVES:
                continue  # "… who leads in the polls": the relative clause is no statement
            frame = Frame(self.span(t, t), content, "indirect", cue_token=t.i, rank=1)
            frame.source = self.trimmed(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
            frame.head = obj
            self.frames.append(frame)

    # -- 4. citing --------------------------------------------------------------
    def citing_frames(self) -> None:
        by_cue = {f.cue_token: f for f in self.frames if f.cue_token is not None}
        citing = self._ids(self.cues["citing"])
        for t in self.doc:
            if t.lower not in citing or self.in_quote(t):
                continue
            obj = next((ch for ch in t.children if ch.dep_ in ("dobj", "pobj")), None)
            if obj is None:
                continue
            outer = by_cue.get(t.head.i)
            if outer is not None:
                content = outer.content
            else:
                content = self._clause_span(t.head, exclude=t) if t.head.pos_ in ("VERB", "AUX") else None
                if content is None:
                    continue
            frame = Frame(self.span(t, t), content, "indirect", cue_token=t.i, parent=outer, rank=1)
            frame.source, frame.head = self.source_span(obj, content), obj
            self.frames.append(frame)

    # -- 5. no named source ------------------------------------------------------
    def sourceless_frames(self) -> None:
        c = self.cues
        taken = {f.cue_token for f in self.frames}
        adverbs = self._ids(c["sourceless_adverbs"])
        passive: dict[int, bool] = {}  # lemma id -> whether the lower-cased lemma is a sourceless passive cue
        for t in self.doc:
            adverb = t.lower in adverbs
            if not adverb:
                lemma = t.lemma
                if lemma not in passive:
                    passive[lemma] = t.lemma_.lower() in c["sourceless_passives"]
                if not passive[lemma]:
                    continue  # neither kind of cue
            if t.i in taken or self.in_quote(t):
                continue
            if adverb and t.dep_ == "advmod" and t.head.pos_ in ("VERB", "AUX"):
                content = self._clause_span(t.head)
                if content is not None:
                    self.frames.append(Frame(self.span(t, t), content, "indirect", cue_token=t.i, rank=2))
            elif t.lemma_.lower() in c["sourceless_passives"] and t.tag_ == "VBN":
                subj = next((ch for ch in t.children if ch.dep_ in PASSIVE_SUBJECTS), None)
                xcomp = next((ch for ch in t.children if ch.dep_ == "xcomp"), None)
                if subj is None or xcomp is None or any(ch.dep_ == "agent" for ch in t.children):
                    continue
                start = subj.left_edge.idx
                end = self.subtree_span(xcomp)[1]
                self.frames.append(Frame(self.cue_span(t), self.trimmed(start, end), "indirect", cue_token=t.i, rank=2))

    # -- 6. quotations that run on ------------------------------------------------
    def carried_quotes(self) -> None:
        covered = sorted((f.content for f in self.frames), key=lambda s: s[0])
        direct = sorted(
            ((k, f) for k, f in enumerate(self.frames) if (f.kind == "direct" or f.carried_from is not None) and not f.signed),
            key=lambda kf: kf[1].content[0],
        )
        last_of_group: dict[int, int] = {}
        for k, f in direct:
            q = self.quote_at(f.content[0])
            if q is not None:
                last_of_group[self.quotes[q].group] = k
        labelled = [f.source[0] for f in self.frames if f.source and f.cue_token is not None and self.doc[f.cue_token].text == ":"]
        for qi, q in enumerate(self.quotes):
            if any(s <= q.start < e for s, e in covered):
                continue
            if any(q.start < at <= q.start + 2 for at in labelled):
                continue  # '"PENCE: …': a transcript paragraph, its label's own
            if not self._speech_like(q):
                continue
            origin = last_of_group.get(q.group)
            if origin is None:
                # the nearest earlier direct attribution, in this or the previous paragraph
                earlier = [k for k, f in enumerate(self.frames) if f.kind == "direct" and f.content[1] <= q.start]
                if not earlier:
                    continue
                k = max(earlier, key=lambda j: self.frames[j].content[1])
                prev = self.frames[k]
                if prev.signed:
                    continue
                if paragraph_gap(self.text, prev.content[1], q.start) > 0:
                    continue
                if self._text_between(prev.content[1], q.start):
                    continue
                origin = k
            src = self.frames[origin]
            frame = Frame(src.cue, (q.start, q.end), "direct", src.source, src.head, src.antecedent, carried_from=src, rank=3)
            self.frames.append(frame)
            last_of_group[q.group] = len(self.frames) - 1
            covered.append(frame.content)

    def _speech_like(self, q: Quote) -> bool:
        """A whole-sentence quotation of at least three words (not a scare-quoted term)."""
        inner = q.inner(self.text)
        if len(inner.split()) < 3:
            return False
        first = self._token_at(q.start)
        if first is None:
            return False
        sent = self.sents[self.sent_of[first.i]]
        before = self.text[sent.start_char : q.start].strip()
        return not before

    def _text_between(self, a: int, b: int) -> bool:
        """True when a sentence of the author's own lies between two quotations."""
        # the rest of the attributing sentence ("…,” he said.") may lie between; more may not
        words = re.sub(r"[“”\"«»‘’]", " ", self.text[a:b])
        return any(len(part.split()) > FRAME_WINDOW for part in words.split(".")[1:])

    def undated(self, start: int, end: int) -> tuple[int, int]:
        """Drop a leading dateline ("RENO, Nev. (AP) — ", "MACAU (Reuters) – ")."""
        m = DATELINE.match(self.text, start, end)
        return (m.end(), end) if m and m.end() < end else (start, end)

    def headline_frames(self, mentions: list[Record]) -> None:
        """"Medvedev: recruitment ahead of plan": a named actor opening a paragraph,
        a colon, a statement."""
        starts = [m.start for m in mentions]
        names: set[str] = set()  # actors named elsewhere, in full and (people) by family name
        for m in mentions:
            if m.data.get("label") in ACTOR_LABELS:
                surface = " ".join(self.text[m.start : m.end].split()).lower()
                names.add(surface)
                if m.data.get("label") == "PERSON":
                    names.add(surface.split()[-1])
        # a transcript's speaker labels ("TAPPER: …") open several paragraphs
        # (in some transcripts each paragraph opens a quotation mark that the next one opens again)
        labels = Counter(re.findall(r"(?m)^[\"“]?([A-Z][A-Z.'’ -]{1,30}):", self.text))
        for sent in self.sents:
            if sent.start_char and self.text[sent.start_char - 1] != "\n":
                continue
            colon = next((t for t in sent[:7] if t.text == ":"), None)
            if colon is None or colon.i == sent.start:
                continue
            qk = self.quote_at(colon.idx)
            opened = qk is not None and self.quotes[qk].start == sent.start_char  # '"PENCE: Well, …'
            if qk is not None and not opened:
                continue
            name = sent[: colon.i - sent.start]
            words = [t for t in name if not t.is_punct]
            if not words or words[0].lower_ in self.cues["not_headline"] or any(t.like_num for t in words):
                continue
            if any(t.pos_ == "VERB" and t.text[0].islower() for t in words):
                continue  # "said:", "told WEEI:": the end of a broken line, not a name
            k = bisect.bisect_left(starts, name.start_char)
            named = k < len(mentions) and mentions[k].end <= name.end_char and mentions[k].data.get("label") in ACTOR_LABELS
            label = " ".join(t.text for t in words)
            named = (
                named
                or label.lower() in names  # "Sanders: …" where the tagger missed the name
                or labels[self.text[name.start_char : name.end_char].strip().lstrip('"“')] >= 2
                or (len(words) == 1 and words[0].lemma_.lower() in self.cues["headline_documents"])  # "Poll: …"
            )
            if not named or len(words) > 4:
                continue
            # the speaker's words run to the end of the paragraph's quotation when it opened one
            content = self.trimmed(colon.idx + 1, self.quotes[qk].end if opened else sent.end_char)  # type: ignore[index]
            if len(self.text[content[0] : content[1]].split()) < 3:
                continue
            frame = Frame((colon.idx, colon.idx + 1), content, "direct" if opened else "indirect", cue_token=colon.i, rank=1)
            frame.source, frame.head = self.trimmed(words[0].idx, name.end_char), name.root
            self.frames.append(frame)

    def run(self) -> list[Frame]:
        self.framed_quotes()
        self.signed_quotes()
        self.verb_frames()
        self.adjective_frames()
        self.noun_frames()
        self.according_frames()
        self.in_source_frames()
        self.citing_frames()
        self.sourceless_frames()
        self.headline_frames(self.mentions)
        self.tidy()
        self.carried_quotes()
        return self.frames

    def tidy(self) -> None:
        """Sources never hold a cue or a dateline; a sourceless cue inside a sourced
        content is that source's word."""
        cue_spans = [f.cue for f in self.frames]
        for f in self.frames:
            f.content = self.undated(*f.content)
            if f.source is None:
                continue
            s, e = self.undated(*f.source)
            relative: list[tuple[int, int]] = []  # contents of relative clauses inside this source
            for c0, c1 in sorted(cue_spans):
                if s <= c0 and c1 <= e:
                    if c0 > s and (c0, c1) == f.cue:
                        e = c0
                    else:
                        owner = next((g for g in self.frames if g.cue == (c0, c1)), None)
                        if owner is not None and owner.source and self.text[owner.source[0] : owner.source[1]].lower() in RELATIVES:
                            relative.append(owner.content)
                            continue  # "X, who revealed …, testified": the relative clause is part of X
                        if any(a <= c0 < b for a, b in relative):
                            continue  # "X, who noted that the company has vowed …": a cue inside it
                        if owner is not None and owner.source and any(a <= owner.source[0] < b for a, b in relative):
                            continue
                        s = max(s, owner.source[1] if owner is not None and owner.source and owner.source[1] <= e else c1)
            s, e = self.trimmed(s, e)
            if e <= s:
                f.source, f.head = None, None
                continue
            if (s, e) != f.source:
                f.source = (s, e)
                if f.head is not None and not (s <= f.head.idx < e):
                    f.head = self._token_at(s)
        sourced = [f.content for f in self.frames if f.source is not None]
        self.frames = [
            f for f in self.frames
            if f.source is not None or f.rank < 2 or not any(a <= f.cue[0] and f.cue[1] <= b for a, b in sourced)
        ]


def _kind(frame: Frame, quotes: list[Quote]) -> str:
    """direct: the content is a quotation; mixed: it holds quoted words; else indirect."""
    if frame.kind == "direct":
        return "direct"
    s, e = frame.content
    inside = [q for q in quotes if s <= q.start < e]
    if not inside:
        return "indirect"
    quoted = sum(min(q.end, e) - q.start for q in inside)
    return "direct" if quoted >= (e - s) - 2 else "mixed"


def _dedupe(frames: list[Frame]) -> list[Frame]:
    """One frame per cue (the best-ranked), none without content."""
    best: dict[tuple[int, int], int] = {}
    for k, f in enumerate(frames):
        if f.content[1] <= f.content[0]:
            continue
        key = f.cue if f.carried_from is None else (f.content[0], -1)
        if key not in best or f.rank < frames[best[key]].rank:
            best[key] = k
    keep = sorted(best.values())
    return [frames[k] for k in keep]


def _parents(frames: list[Frame], order: list[int]) -> list[int | None]:
    """For each frame (in final order) the seq of its parent: the one its
    construction names, else the smallest other frame whose content holds its
    cue and content (a run-on quotation: its content)."""
    out: list[int | None] = []
    pos = {k: i for i, k in enumerate(order)}
    index_of = {id(f): k for k, f in enumerate(frames)}
    for k in order:
        f = frames[k]
        if f.parent is not None and id(f.parent) in index_of:
            out.append(pos[index_of[id(f.parent)]])
            continue
        best: tuple[int, int] | None = None
        for j in order:
            if j == k:
                continue
            g = frames[j]
            holds_content = g.content[0] <= f.content[0] and f.content[1] <= g.content[1] and g.content != f.content
            holds_cue = g.content[0] <= f.cue[0] and f.cue[1] <= g.content[1]
            if holds_content and (holds_cue or f.carried_from is not None):
                size = g.content[1] - g.content[0]
                if best is None or size < best[0]:
                    best = (size, pos[j])
        out.append(best[1] if best else None)
    return out


@component("attributions", 7, requires=("mention", "reference"), assigns=("attribution",))
def ATTRIBUTIONS(ctx: Context) -> list[Record]:
    text = ctx.text
    finder = Finder(ctx)
    frames = _dedupe(finder.run())
    order = sorted(range(len(frames)), key=lambda k: (frames[k].content[0], -frames[k].content[1], frames[k].cue[0]))
    parents = _parents(frames, order)
    c = cues()
    resolver = SourceResolver(text, ctx.doc, ctx.of("mention"), c["pronouns"], c["document_nouns"])
    chains = Chains.of(ctx.of("reference"))
    # sources are resolved in text order, so that "he" and "the ministry" can follow earlier speakers
    resolutions: dict[int, Any] = {}
    for f in sorted((f for f in frames if f.source is not None), key=lambda f: f.source[0]):  # type: ignore[index]
        if f.carried_from is not None and id(f.carried_from) in resolutions:
            resolutions[id(f)] = resolutions[id(f.carried_from)]
            continue
        res = resolver.resolve(f.source[0], f.source[1], f.head, f.content, f.antecedent)
        if res.mention is None and f.head is not None:
            # the chain the source's head sits in ("he", "the watchdog", "which") stands for a name
            seq = chains.entity(f.head.idx, f.head.idx + len(f.head))
            if seq is not None:
                res = Resolution(seq, True, "coreference")
        resolutions[id(f)] = res
    out = []
    for seq, k in enumerate(order):
        f = frames[k]
        res = resolutions.get(id(f))
        data = {
            "kind": _kind(f, finder.quotes),  # a data key named like make_record's first argument
            "cue": list(f.cue),
            "source": list(f.source) if f.source else None,
            "source_mention": res.mention if res else None,
            "resolved": bool(res and res.resolved),
            "resolved_by": res.rule if res and res.resolved else None,
            "parent": parents[seq],
        }
        span = make_record("attribution", text, f.content[0], f.content[1])
        out.append(Record(span.kind, span.start, span.end, data))
    return out
