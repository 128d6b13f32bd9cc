"""Speaker labels: a headline's "Medvedev: recruitment ahead of plan" and a transcript's "TAPPER: …"."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ..pipeline import Record
from .attribution_frames import ACTOR_LABELS, Frame, FrameFinder


class SpeakerLabels(FrameFinder):
    """Frames from speaker labels opening a paragraph."""

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
        verbless: list[tuple[str, Frame]] = []  # label frames whose words have no finite verb
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
            if not any("Fin" in t.morph.get("VerbForm") for t in self.doc.char_span(*content, alignment_mode="expand") or ()):
                verbless.append((label.lower(), frame))
        self._drop_rosters(verbless)

    def _drop_rosters(self, verbless: list[tuple[str, Frame]]) -> None:
        """A list of entries, one per name ("Jane Q. Roe: Possession of heroin, held in lieu of $70,000
        bond."), is no one speaking: three or more label paragraphs, each a name of its own and none with
        a finite verb, are a roster. A headline's one "Medvedev: recruitment ahead of plan" and a
        transcript's labels, which come back, stay."""
        names = Counter(name for name, _ in verbless)
        once = [frame for name, frame in verbless if names[name] == 1]
        if len(once) >= 3:
            dropped = {id(frame) for frame in once}
            self.frames[:] = [f for f in self.frames if id(f) not in dropped]
