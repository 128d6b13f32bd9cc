"""Who speaks a document's quotations, and the first and second persons they stand for: a quotation's "I" and "we", an interview's questioner and interviewee."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.symbols import VERB

from ...extract import scan
from ...extract.attribution_frames import cues, lemma_of
from .common import Mention


QUESTION_SENTENCES = 3  # an interview's question is a paragraph of at most this many sentences that ends with "?"
INTERVIEW = re.compile(r"\binterview|\b(?:tells|told|talks to|talks with|speaks to|speaks with)\b", re.IGNORECASE)


class Speakers:
    """The sieve's quotation speakers and first and second persons (a part of `Sieve`)."""

    def _speakers_team(self) -> None:
        """A bare "the team" (or another noun of `collective_nouns`) inside a quotation, of no name, is the one
        organisation or country its speaker is named with, as the quotation's "we" is, when the speaker is its coach
        or manager (`side_voices`: "Panama's coach Ivan Ruiz said: “The team was nervous at the start”"): the
        speaker's own side. A player is not enough: he may speak of his country's side, named with his club."""
        bare = [k for k, m in enumerate(self.mentions) if m.kind == "nominal" and m.quote is not None and m.number == "sg"
                and m.lemma in self.lex["collective_nouns"] and m.words == {m.lemma} and self._the(m)
                and all(x.named is None for x in self.members(k))]
        if not bare:
            return
        speakers = self._speaker_of_quote()
        for k in bare:
            j = speakers.get(self.mentions[k].quote)
            voice = j is not None and bool(({x.lemma for x in self.members(j)} | self.chains[self.chain_of[j]].roles) & self.lex["side_voices"])
            body = self._speaks_for(j) if voice else None
            if body is not None:
                self.merge(k, body, "quoted")

    def _the(self, m: Mention) -> bool:
        """The description opens with "the" and has no possessor ("the team", not "their team" or "a team")."""
        return any(c.dep_ == "det" and c.lower_ == "the" for c in self.doc[m.head].children) and not any(c.dep_ == "poss" for c in self.doc[m.head].children)

    def _speaks_for(self, j: int) -> int | None:
        """The one organisation or country a quotation's speaker is named with ("Morocco's coach Hakim Saadi",
        "Ana Ruiz, the Trade Ministry spokesperson", "Hakim Saadi, the Morocco coach"): the "we" of that quotation."""
        m = self.mentions[j]
        if self.animate(j) is not True:
            return None
        bodies = {self.chain_of[i] for i, e in enumerate(self.mentions) if e.kind == "name" and e.label in ("ORG", "GPE")
                  and m.start <= e.start and e.end <= m.end and (e.start, e.end) != (m.start, m.end)}
        return next(iter(bodies)) if len(bodies) == 1 else None

    def _questions(self) -> set[int]:
        """The paragraphs that are an interview's questions: short (at most QUESTION_SENTENCES sentences) and ending
        with a question mark. An answer may end with a question of its own, but it is longer."""
        bounds = [0, *self.breaks, len(self.text)]
        asking = [p for p in range(len(bounds) - 1) if self.text[bounds[p] : bounds[p + 1]].rstrip().endswith("?")]
        if not asking:
            return set()
        # the sentences of each paragraph, counted once the text has a paragraph that asks (a sentence of
        # blank tokens alone is not counted)
        short: Counter[int] = Counter(bisect.bisect_right(self.breaks, s.start_char) for s in self.sents if s.text.strip())
        return {p for p in asking if short[p] <= QUESTION_SENTENCES}

    def _speaker_of_quote(self) -> dict[int, int]:
        """`_speakers`, read once, at the first pronoun that asks (a speaker is found by its chain: the chains as
        they stand then); the quotations' "I" is matched later by a fresh reading."""
        if self._speaker_map is None:
            self._speaker_map = self._speakers()
        return self._speaker_map

    def _speakers(self) -> dict[int, int]:
        """Start of each quotation -> the mention it is attributed to; a quotation with no speech verb of its own
        carries on the one before it in its paragraph or the paragraph before ("“…,” Allton said. “I …”")."""
        heads = {m.head: k for k, m in enumerate(self.mentions) if m.kind != "relative"}
        out: dict[int, int] = {}
        last: tuple[int, int] | None = None  # (paragraph it closes in, speaker) of the quotation before
        for start, end in self.quotes:
            para = bisect.bisect_right(self.breaks, start)
            j = self._speaker(start, end, heads)
            # from the paragraph before only a quotation that opens its paragraph ("“…\n“I …”"), not one a
            # paragraph of another speaker leads into ("Carl Berg welcomed it with a promise: “I will …”")
            opens = para == 0 or not self.text[self.breaks[para - 1] : start].strip()
            if j is None and last is not None and (para == last[0] or opens and para == last[0] + 1):
                j = last[1]
            if j is not None:
                out[start] = j
                last = (bisect.bisect_right(self.breaks, end - 1), j)
        return out

    def _verbs(self) -> list[int]:
        """The positions of the document's verbs, read from the parse's part-of-speech column once."""
        if self._verb_positions is None:
            self._verb_positions = scan.positions(self.doc, "POS", [VERB])
        return self._verb_positions

    def _speaker(self, quote: int, end: int, heads: dict[int, int]) -> int | None:
        """The mention a quotation is attributed to: the subject of a speech verb outside the quotation, in the
        sentence the quotation starts or ends in, or the one after it ("“…,” said Harry Kane", "She said: “…”")."""
        speech = cues()["speech"]
        span = self.doc.char_span(quote, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        sents = {self.sent_of[span[0].i], self.sent_of[span[-1].i]}
        if span[-1].i + 1 < len(self.doc):
            sents.add(self.sent_of[span[-1].i + 1])
        found = set()
        verbs = self._verbs()
        for si in sorted(sents):
            sent = self.sents[si]
            for tok in (self.doc[i] for i in verbs[bisect.bisect_left(verbs, sent.start) : bisect.bisect_left(verbs, sent.end)]):
                if quote <= tok.idx < end or lemma_of(tok) not in speech:
                    continue
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                if not subjects and tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG":
                    # "…, writing on her blog “I …”", "… while pledging: “I …”": the participle's subject is its clause's
                    subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
                for subj in subjects:
                    if not quote <= subj.idx < end and subj.i in heads:
                        found.add(heads[subj.i])
        chains = {self.chain_of[j] for j in found}
        return min(found) if len(chains) == 1 else None

    def _interviewee(self) -> int | None:
        """The one person a headline names as interviewed ("The Herald interviews Lena Marsh", "Interview
        with museum founder Rosa Duarte", "Tomas Berg tells the Herald …"): the answering "I" of the text."""
        headline_end = self.text.find("\n")
        if headline_end < 0:
            return None
        if not INTERVIEW.search(self.text, 0, headline_end):
            return self._introduced()
        people = {m.name: k for k, m in enumerate(self.mentions) if m.kind == "name" and m.label == "PERSON" and m.end <= headline_end}
        if not people:
            # the model missed the headline's person ("The Herald interviews Lena Marsh on …"): the headline's
            # name whose head word is the surname of the one person the text names by it
            surnames = {self.doc[m.head].text: k for k, m in enumerate(self.mentions) if m.kind == "name" and m.label == "PERSON" and m.start > headline_end}
            heads = {self.doc[m.head].text for m in self.mentions if m.kind == "name" and not m.label and m.end <= headline_end}
            people = {h: surnames[h] for h in heads if h in surnames}
        if not people:
            return self._introduced()
        return next(iter(people.values())) if len(people) == 1 else None

    def _introduced(self) -> int | None:
        """The one person the lines before an interview's first question say it was held with ("The station spoke
        with Maria Ortega, head of …", "… interviewed her in May"): the object of "interview", or of "with" or
        "to" after "speak" or "talk", a person's chain."""
        questions = self._questions()
        if not questions:
            return None
        first = min(questions)
        end = self.breaks[first - 1] if first > 0 else 0
        heads = {m.head: k for k, m in enumerate(self.mentions) if m.start < end}
        found = set()
        for tok in self.doc.char_span(0, end, alignment_mode="contract") or ():
            if tok.pos_ != "VERB" or tok.lemma_ not in ("interview", "speak", "talk"):
                continue
            objects = [c for c in tok.children if c.dep_ == "dobj"] if tok.lemma_ == "interview" else [
                g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to") for g in c.children if g.dep_ == "pobj"]
            found |= {self.chain_of[heads[o.i]] for o in objects if o.i in heads and self._one_person(heads[o.i])}
        if len(found) != 1:
            return None
        chain = found.pop()
        return next(j for j in self.chains[chain].members)

    def _one_person(self, k: int) -> bool:
        return self.animate(k) is True and {x.number for x in self.members(k)} <= {"sg", "-"}

    def _sentence_quotation(self, s: int) -> int | None:
        """Where the one quotation that sentence `s` lies inside starts, or None when it lies in none."""
        sent = self.sents[s]
        text = self.text[sent.start_char : sent.end_char]
        quote = self._quotation_at(sent.start_char + len(text) - len(text.lstrip()))
        return quote[0] if quote is not None and sent.end_char - (len(text) - len(text.rstrip())) <= quote[1] else None

    def _quotation_at(self, at: int) -> tuple[int, int] | None:
        """The quotation (start, end) that the character at `at` lies inside, or None."""
        k = bisect.bisect_right(self.quotes, (at, len(self.text))) - 1
        return self.quotes[k] if k >= 0 and self.quotes[k][0] <= at < self.quotes[k][1] else None
