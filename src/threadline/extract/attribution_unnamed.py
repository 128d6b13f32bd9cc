"""No named source: "Moscow is said to be …", "… reportedly …"."""

from __future__ import annotations

from . import scan
from .attribution_frames import Frame, FrameFinder, PASSIVE_SUBJECTS, cue_ids, lemma_screen


class Unnamed(FrameFinder):
    """Frames with no named source: sourceless passives and hearsay adverbs."""

    def sourceless_frames(self) -> None:
        c = self.cues
        taken = {f.cue_token for f in self.frames}
        adverbs = cue_ids("sourceless_adverbs")
        # the tokens of either kind of cue: a hearsay adverb, or a lemma that is a sourceless passive's
        for t in self._tokens(scan.mask(self.doc, "LOWER", adverbs) | lemma_screen("sourceless_passives").mask(self.doc)):
            adverb = t.lower in adverbs
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
