"""Quotation spans in a text: paired quote marks, including quotes that run on across paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = ("“", "„", "«", "‘", '"', "``", "''")
CLOSERS = {"“": "”″\"", "„": "”“\"", "«": "»", "‘": "’", '"': '"”″', "``": "''”", "''": "''”"}
# The first character of every mark `_mark_at` can return: elsewhere there is none.
_MARK_START = re.compile("[“”„«»\"″‘’`']")


@dataclass(frozen=True)
class Quote:
    """A quotation from its opening mark to its closing mark (both included).

    `group` is shared by the pieces of one quotation that runs on across
    paragraphs (a paragraph that opens a quote without closing it, followed by
    a paragraph that opens again); `closed` is False for such a piece."""

    start: int
    end: int
    group: int
    closed: bool = True

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip("“”„«»‘’\"'` \n")


def _mark_at(text: str, i: int) -> str | None:
    pair = text[i : i + 2]
    if pair in ("``", "''"):
        return pair
    ch = text[i]
    if ch in "“”„«»\"″":
        return ch
    if ch in "‘’":  # not an apostrophe inside or at the end of a word (don’t, Moscow’s)
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == "‘" and not before.isalnum():
            return ch
        if ch == "’" and not after.isalnum():
            return ch
    return None


REOPENING = re.compile(r"[.?!][’'”)]?\s+$")


def reopens(text: str, i: int) -> bool:
    """A straight mark at `i` that opens a quotation while one is open: it follows a sentence's stop and a space
    and comes before a word ("… the Act. "Now …"), where a closing mark would follow the stop itself."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return (after.isalnum() or after in "‘'(") and REOPENING.search(text, max(0, i - 4), i) is not None


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of top-level quotations in text[start:end]; a quote
    left open at the end of the paragraph is returned with closed=False."""
    out: list[tuple[int, int, bool]] = []
    i = start
    open_at: int | None = None
    open_mark = ""
    inner = 0  # curly quotations opened inside a straight one ("… the question: “…?” Forty-three, yes.")
    while i < end:
        found = _MARK_START.search(text, i, end)
        if found is None:
            break
        i = found.start()
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        if open_at is None:
            before = text[i - 1] if i > start else " "
            if mark in OPENERS and not (mark == "''" and before.isalnum()):
                open_at, open_mark = i, mark
        elif mark == "“" and open_mark == '"':
            inner += 1
        elif mark == "”" and inner:
            inner -= 1
        elif mark == '"' and open_mark == '"' and reopens(text, i):
            # "… the Act. "Now the ministry …": paragraphs of one quotation run together, each reopening it
            # without closing the one before; the piece before ends at its stop, unclosed, and the next opens
            stop = i
            while stop > open_at and text[stop - 1].isspace():
                stop -= 1
            out.append((open_at, stop, False))
            open_at, inner = i, 0
        elif mark in CLOSERS[open_mark]:
            out.append((open_at, i + len(mark), True))
            open_at, inner = None, 0
        i += len(mark)
    if open_at is not None:
        out.append((open_at, end, False))
    return out


def find_quotes(text: str) -> list[Quote]:
    """Every top-level quotation in `text`, in order."""
    quotes: list[Quote] = []
    group = -1
    carry = False  # the previous paragraph left a quote open
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        found = _paragraph_quotes(text, start, end)
        stripped = start + len(line) - len(line.lstrip())
        for k, (s, e, closed) in enumerate(found):
            continues = carry and k == 0 and s == stripped or k > 0 and not found[k - 1][2]  # reopened on its line too
            if not continues:
                group += 1
            quotes.append(Quote(s, e, group, closed))
        carry = bool(found) and not found[-1][2]
    return quotes


def paragraph_gap(text: str, a: int, b: int) -> int:
    """How many whole paragraphs with text lie between offsets a <= b."""
    return sum(1 for para in text[a:b].split("\n")[1:-1] if para.strip())
