"""Many short texts joined into one string, so that the first texts holding a needle are found by a C-speed scan."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

SEPARATOR = "\x00"  # never in a needle: a hit cannot span two texts


@dataclass(frozen=True)
class Haystack:
    text: str
    starts: tuple[int, ...]  # where each text starts in `text`

    @classmethod
    def of(cls, texts: Iterable[str]) -> Haystack:
        starts, parts, at = [], [], 0
        for t in texts:
            starts.append(at)
            parts.append(t)
            at += len(t) + 1
        return cls(SEPARATOR.join(parts), tuple(starts))

    def first(self, needles: Iterable[str], limit: int) -> list[int]:
        """Indexes of the first `limit` texts, in order, that hold any of `needles`. Each needle's
        first `limit` holders are found with `str.find`, jumping to the next text after a hit; the
        union of those holds the first `limit` holders of any needle."""
        found: set[int] = set()
        for needle in needles:
            if not needle or SEPARATOR in needle:
                continue
            at, hits = 0, 0
            while hits < limit and (j := self.text.find(needle, at)) >= 0:
                k = bisect_right(self.starts, j) - 1
                found.add(k)
                hits += 1
                at = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
        return sorted(found)[:limit]
