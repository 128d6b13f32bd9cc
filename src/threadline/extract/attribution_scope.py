"""Claim scope across sentences: a sentence with no cue of its own that carries on the report before it ("The observatory said 40 soldiers had been killed. Another 12 had been wounded.")."""

from __future__ import annotations

from typing import Any

from .attribution_frames import Frame, FrameFinder, SUBJECTS

CARRIED_SENTENCES = 3  # most sentences one report runs on over


class ContinuedReports(FrameFinder):
    """Frames for sentences that continue a source's report with no cue of their own."""

    def continued_reports(self) -> None:
        """A sentence right after one whose report runs to its end, in the same
        paragraph, with no cue, quotation or frame of its own, continues that report
        when it keeps the report's voice:

        - its tense is shifted back as reported speech is, after a cue in the past
          ("The ministry said 40 soldiers had been killed. Another 12 had been
          wounded."), or
        - its subject is the report's own document, named again or as "it" ("The
          survey said … . It also counted 30 …").

        The scope ends at the first sentence that does neither, at a new source, at
        a paragraph break, and after three sentences."""
        starts = sorted(f.cue[0] for f in self.frames)
        quoted = [False] * len(self.sents)
        for q in self.quotes:
            first = self._token_at(q.start)
            if first is not None:
                quoted[self.sent_of[first.i]] = True
        report: dict[int, tuple[Frame, int]] = {}  # sentence -> (report running to its end, sentences carried so far)
        for f in self.frames:
            if f.source is None or f.kind == "direct" or f.carried_from is not None:
                continue
            last = self._token_at(max(f.content[0], f.content[1] - 1))
            if last is None:
                continue
            k = self.sent_of[last.i]
            rest = self.text[f.content[1] : self.sents[k].end_char]
            if f.cue[0] >= f.content[1] and f.source is not None:
                # "…, the observatory said.", "…, according to a fact sheet from the council.": the report's
                # own cue and source close the sentence
                frame_end = max(f.cue[1], f.source[1])
                if f.content[1] <= min(f.cue[0], f.source[0]) and not self.text[f.content[1] : min(f.cue[0], f.source[0])].strip(" ,"):
                    rest = self.text[frame_end : self.sents[k].end_char]
            if rest.strip(" \n\t,;:.!?”\"’»"):
                continue  # the content stops before the end of its sentence
            if k not in report or f.content[0] < report[k][0].content[0]:
                report[k] = (f, 0)  # the outermost report of the sentence
        for k in range(1, len(self.sents)):
            prev = report.get(k - 1)
            sent = self.sents[k]
            if prev is None or prev[1] >= CARRIED_SENTENCES or quoted[k]:
                continue
            if "\n" in self.text[self.sents[k - 1].end_char - 1 : sent.start_char]:
                continue  # a new paragraph
            if any(sent.start_char <= s < sent.end_char for s in starts):
                continue  # a cue of its own: its own report, or the outlet's
            src = prev[0]
            if not (self._backshifted(sent.root, src) or self._same_document(sent.root, src)):
                continue
            content = self.trimmed(sent.start_char, sent.end_char)
            frame = Frame(src.cue, content, "indirect", src.source, src.head, src.antecedent, carried_from=src, rank=3)
            self.frames.append(frame)
            report[k] = (src, prev[1] + 1)

    def _backshifted(self, verb: Any, src: Frame) -> bool:
        """The clause's tense is shifted back after a cue in the past ("said",
        "reported"), with a pronoun or a count as its subject: the past perfect
        ("Another 12 had been wounded", "he had bounced back"), or "would" with a
        pronoun ("it would also capture …"). A subject that names someone or
        something ("Mrs. Clinton's plan would …", "An earlier raid had netted …")
        speaks in the outlet's voice. After "according to" a document (no tense of its
        own), only its projection in "would" carries on, with a subject that points back
        ("Those riders would save …")."""
        cue = self.doc[src.cue_token] if src.cue_token is not None else None
        document = src.head is not None and src.head.lemma_.lower() in self.cues["document_nouns"]
        according = self.text[src.cue[0] : src.cue[1]].lower().startswith("according")
        if verb.pos_ not in ("VERB", "AUX") or not (cue is not None and cue.tag_ == "VBD" or according and document):
            return False
        subj = next((ch for ch in verb.children if ch.dep_ in SUBJECTS + ("nsubjpass",)), None)
        if subj is None or any(t.pos_ == "PROPN" for t in subj.subtree):
            return False
        if cue is None:
            # after "according to" a document ("…, according to a fact sheet from the council."): its
            # projection in "would", of a pronoun or of a phrase pointing back ("Those riders would save …")
            aux = {ch.lower_ for ch in verb.children if ch.dep_ in ("aux", "auxpass")}
            back = subj.pos_ == "PRON" or any(ch.dep_ == "det" and ch.lower_ in ("those", "these", "that", "this") for ch in subj.children)
            return bool(aux & {"would", "'d"}) and back
        if not (subj.pos_ in ("PRON", "NUM") or any(ch.dep_ == "nummod" for ch in subj.children)):
            return False  # "An earlier raid had netted …": the outlet's own background
        aux = {ch.lower_ for ch in verb.children if ch.dep_ in ("aux", "auxpass")}
        return "had" in aux or bool(aux & {"would", "'d"} and subj.pos_ == "PRON")

    def _same_document(self, verb: Any, src: Frame) -> bool:
        """The clause's subject is the report's source when that source is a document:
        the same noun again ("The survey … The survey also counted …") or "it" with
        "also" ("It also listed …"); a copula ("It's a pace of …") states, not reports."""
        head = src.head
        if head is None or head.lemma_.lower() not in self.cues["document_nouns"] or verb.lemma_ == "be":
            return False
        subj = next((ch for ch in verb.children if ch.dep_ in SUBJECTS), None)
        if subj is None:
            return False
        also = any(ch.dep_ == "advmod" and ch.lower_ == "also" for ch in verb.children)
        return subj.lemma_.lower() == head.lemma_.lower() or (subj.lower_ == "it" and also)
