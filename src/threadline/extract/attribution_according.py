"""Sources named in a phrase: "according to X", "in a poll by X", "in X's view", "X, citing Y, said …"."""

from __future__ import annotations

from typing import Any

from . import scan
from .attribution_sources import SHARE_SOURCE
from .attribution_frames import RELATIVES, ACCORDING, Frame, FrameFinder, PASSIVE_SUBJECTS, SUBJECTS, cue_ids, word_ids


class AccordingTo(FrameFinder):
    """Frames whose source sits in a phrase: "according to X", "in a poll by X", "X, citing Y, said …"."""

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
            frame = Frame((m.start(), m.end()), self._without_inference(content), "indirect", rank=1)
            frame.source, frame.head = src, obj
            self.frames.append(frame)

    def _without_inference(self, content: tuple[int, int]) -> tuple[int, int]:
        """"According to Tass, the Duma ratified an agreement …, suggesting that such
        cooperation already existed": a participle of inference after a comma at the end
        of the content is the author's reading of the report, not the report."""
        span = self.doc.char_span(*content, alignment_mode="expand")
        for t in span if span is not None else ():
            before = self.text[max(content[0], t.idx - 4) : t.idx].rstrip().rstrip("”\"’")
            if t.tag_ == "VBG" and t.lemma_.lower() in self.cues["inference"] and before.endswith(","):
                if self.subtree_span(t)[1] >= content[1] and t.dep_ in ("advcl", "xcomp", "conj", "acl"):
                    return self.trimmed(content[0], t.idx)
        return content

    def _according_source(self, according: Any, obj: Any) -> tuple[int, int]:
        """The object of "according to" with its modifiers: "three people briefed on
        the talks", "Mira Sand, an analyst at a Riga think tank", "a senior official
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
            asked = next((a for a in (head, *head.ancestors) if a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in c["speech"]
                          and self._share_subject(a)), None)
            if head.lemma_.lower() in c["speech"] and asked is None:
                continue  # "said in a statement": a venue, not a source; but "In a poll, 31% of voters said …" is the poll's
            if head.lemma_.lower() in c["in_not_sources"]:
                continue  # "took part in the poll": a venue, not a source
            if asked is not None:
                # "64% of Democrats said they were worried … in a poll released Monday": wherever the
                # phrase stands, the shares that answered and what they said are the poll's findings
                content = self._clause_span(asked, exclude=t)
            elif head.pos_ in ("VERB", "AUX"):
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

    def _share_subject(self, verb: Any) -> bool:
        """Whether the verb's subject is a share of a population ("31% of Republicans", "one in four"):
        the people answering a poll, whose answers are the poll's findings."""
        subj = next((ch for ch in verb.children if ch.dep_ in SUBJECTS), None)
        return subj is not None and bool(SHARE_SOURCE.match(self.text, subj.left_edge.idx))

    def by_source_frames(self) -> None:
        """"By Trump's own admission, his returns are …", "by one estimate, 300,000
        acres …", "Under Mrs. Clinton's plan, taxpayers would pay …": the clause the
        phrase qualifies is the owner's (or, with no owner, the estimate's)."""
        c = self.cues
        for t in self._tokens(scan.mask(self.doc, "LOWER", word_ids("by", "under"))):
            if t.dep_ != "prep" or self.in_quote(t):
                continue
            obj = next((ch for ch in t.children if ch.dep_ == "pobj" and ch.pos_ == "NOUN"), None)
            nouns = c["by_sources"] if t.lower_ == "by" else c["under_sources"]
            if obj is None or obj.lower_ not in nouns or t.head.pos_ not in ("VERB", "AUX"):
                continue
            owner = next((ch for ch in obj.children if ch.dep_ == "poss"), None)
            if owner is None and t.lower_ == "under":
                continue  # "under the plan": which plan, and whose, the phrase does not say
            if owner is None and t.head.lemma_.lower() in c["in_not_sources"] | {"pay", "elect", "choose", "measure"}:
                continue
            sent = self.sents[self.sent_of[t.i]]
            before = self.trimmed(sent.start_char, t.idx)
            after = self.trimmed(obj.right_edge.idx + len(obj.right_edge.text), sent.end_char)
            if before[1] > before[0] and after[1] > after[0]:
                continue  # only a phrase at the sentence's edge: not "were killed by the count of …"
            content = after if after[1] > after[0] else before
            if len(self.text[content[0] : content[1]].split()) < 3:
                continue
            frame = Frame(self.span(t, obj), content, "indirect", cue_token=obj.i, rank=1)
            if owner is not None:
                start, end = self.subtree_span(owner)
                end -= 2 if self.text[start:end].endswith(("’s", "'s")) else 0
                frame.source, frame.head = self.trimmed(start, end), owner
            else:
                frame.source, frame.head = self.subtree_span(obj, exclude=None), obj
            self.frames.append(frame)

    def citing_frames(self) -> None:
        by_cue = {f.cue_token: f for f in self.frames if f.cue_token is not None}
        for t in self._tokens(scan.mask(self.doc, "LOWER", cue_ids("citing"))):
            if self.in_quote(t):
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
