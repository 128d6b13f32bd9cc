"""Signed quotations: “…” ― Sonya Herridge, a quotation closed by a dash and a name at its paragraph's end."""

from __future__ import annotations

import re

from .attribution_frames import Frame, FrameFinder


class SignedQuotes(FrameFinder):
    """Frames of quotations signed with a dash and a name."""

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
