"""Long texts cut into parser windows at paragraph, else sentence, else word boundaries, offsets kept."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s")


def windows(text: str, size: int) -> list[tuple[int, int]]:
    """Contiguous `[start, end)` windows covering `text`, each at most `size` characters.

    A window ends after the last line break in its second half, else after the last
    sentence end there, else after the last space, else at `size` characters; so the
    windows' texts put together are `text` again, character for character."""
    if size < 2:
        raise ValueError("a window holds at least 2 characters")
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        out.append((start, cut := _cut(text, start + size // 2, start + size)))
        start = cut
    out.append((start, len(text)))
    return out


def _cut(text: str, low: int, high: int) -> int:
    line = text.rfind("\n", low, high)
    if line >= 0:
        return line + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
    if ends:
        return ends[-1]
    space = text.rfind(" ", low, high)
    return space + 1 if space >= 0 else high
