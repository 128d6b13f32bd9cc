"""Quotations framed by a cue in their sentence ("“…,” X said", "X said: “…”"), and quotations that run on from the last speaker."""

from __future__ import annotations

import re
from typing import Any

from .attribution_quotes import Quote, paragraph_gap
from .attribution_sources import RELATIVES
from .attribution_frames import ADDRESSEE_VERBS, ADJUNCT_DEPS, FRAME_WINDOW, Frame, FrameFinder, MODIFIER_DEPS, lemma_of


class QuotationRuns(FrameFinder):
    """Frames of quotations: framed by a cue in their sentence, or run on from the last speaker."""

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
            found = (self._after_frame(q, last) if q.closed else None) or self._before_frame(q, first) or self._document_label(q, first)
            if found is None or (found[0].tag_ == "VBG" and found[0].i not in used):
                found = self._resumed(q, first, used) or found
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

    def _resumed(self, q: Quote, first: Any, used: dict[int, int]) -> tuple[Any, Any] | None:
        """“Every time you say that,” Tester said, referring to the 1 percent excuse,
        “you give ammunition …”: an interrupted quotation resumes after a participle
        of the cue that framed its first part (the participle is the speaker's too)."""
        sent = self.sents[self.sent_of[first.i]]
        cue = next((t for t in reversed(self.doc[sent.start : first.i]) if t.i in used), None)
        if cue is None:
            return None
        between = [w for w in self.doc[cue.i + 1 : first.i] if not (w.is_punct or w.is_space)]
        if not between or self._only_adjuncts(cue, between):
            return cue, None
        if between[0].tag_ != "VBG" or any(w.tag_ in ("VBD", "VBZ", "VBP", "MD") for w in between):
            return None  # only a participle phrase, no clause of its own, stands between the parts
        if not self.text[: q.start].rstrip().endswith((",", "—", "–")):
            return None  # "asking lawmakers to look into “developing …”": a quotation inside the phrase
        return cue, None

    def _quotable(self, q: Quote) -> bool:
        """Long enough to be a statement: three words, or a shorter quotation that
        ends in punctuation of its own (“Never,” he said)."""
        inner = q.inner(self.text)
        return len(inner.split()) >= 3 or (bool(inner) and self.text[q.start : q.end].rstrip("”\"’'» ")[-1:] in ",.!?")

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
                # not a sentence with a content of its own ("The mayor announced 40 new buses.")
                if not any(ch.dep_ == "ccomp" or ch.dep_ == "dobj" and lemma_of(t) in self.cues["object_content"] for t in after for ch in t.children):
                    words = after
        for t in words[:FRAME_WINDOW]:
            if self._cue_word(t, quote_frame=True):
                if len(q.inner(self.text).split()) < 3 and any(
                    ch.dep_ == "ccomp" and ch.left_edge.idx < q.start <= ch.right_edge.idx for ch in t.children
                ):
                    # "Pryce kept 40 ballots in a “spare drawer,” the Herald reported on Monday.": a
                    # word or two quoted inside the clause the cue reports; that clause is the content (mixed)
                    return None
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

    def _document_label(self, q: Quote, first: Any) -> tuple[Any, Any] | None:
        """"… is exemplified by this finding: “27 companies reported …”": a quotation
        introduced by a colon right after a document or claim noun is that
        document's words; the colon is the cue."""
        colon = first.i - 1
        while colon >= 0 and self.doc[colon].is_space:
            colon -= 1
        if colon < 1 or self.doc[colon].text != ":" or self.text[self.doc[colon].idx + 1 : q.start].strip():
            return None
        noun = self.doc[colon - 1]
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.cues["document_nouns"] | self.cues["claim_nouns"]:
            return None
        if not any(ch.dep_ in ("det", "poss", "compound", "amod") for ch in noun.children):
            return None  # "Update: …", "Note: …" page furniture has no determiner
        return self.doc[colon], noun

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
                # a speaker quoted last, in full or in part ("“You squeezed employees,” she said, …")
                earlier = [k for k, f in enumerate(self.frames) if f.content[1] <= q.start and (f.kind == "direct" or self._quotes_in(f.content))]
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

    def _quotes_in(self, span: tuple[int, int]) -> bool:
        return any(span[0] <= q.start and q.end <= span[1] for q in self.quotes)

    def _speech_like(self, q: Quote) -> bool:
        """A whole-sentence quotation of at least three words (not a scare-quoted term)."""
        inner = q.inner(self.text)
        if len(inner.split()) < 3:
            return False
        opening = self.text[q.start : q.end]
        # the first word, not the mark: the parser often ends the sentence before after a doubled
        # apostrophe ("… said Mark Hale. ''The governor …")
        first = self._token_at(q.start + len(opening) - len(opening.lstrip("“„«‘\"'` ")))
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
