"""Where a document's quotations lie: paired double marks (two apostrophes are one), and single marks outside them."""

from __future__ import annotations

import bisect
import re

from ...extract.attribution_quotes import reopens


QUOTES = re.compile(r"[“”\"]|''")  # a straight mark may be written as two apostrophes


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of paired quotation marks, in text order. A straight mark's side is read from its neighbours
    where they tell it (an opening one follows a space and comes before a word, a closing one the reverse), so a
    stray closing mark ("… your poems kept me going.\" at a line's end, its opening one a single quote) opens no
    quotation that runs over the paragraphs after it; an opening mark while a quotation from an earlier line is
    open ends that one at the end of its line, as a quotation that runs over paragraphs reopens each of them,
    and so does one that reopens after a stop on its line (paragraphs run together: "… the Act. "Now …"). Two
    apostrophes are one straight mark, as some papers' archives write it ("''We will stay,'' he said"; coreference v66)."""
    out, opened = [], None
    for m in QUOTES.finditer(text):
        ch, at = m.group(), m.start()
        side = {"“": "open", "”": "close"}.get(ch) or _side(text, at, m.end())
        if side == "open" or side == "either" and opened is None:
            if opened is not None and ch in ('"', "''"):
                line_end = text.find("\n", opened)
                if 0 <= line_end < at:
                    out.append((opened, line_end))
                elif reopens(text, at):  # "… the Act. "Now …": run-together paragraphs of one quotation
                    out.append((opened, len(text[:at].rstrip())))
                else:
                    out.append((opened, m.end()))  # two opening marks on one line: the second closes, as before
                    opened = None
                    continue
            opened = at
        elif opened is not None:
            out.append((opened, m.end()))
            opened = None
    return out


SINGLE_QUOTES = re.compile(r"[‘’']")


def _with_single(text: str, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The double quotations and, outside them, the quotations in single marks ("the letter read, 'Frank, I will
    …'"), each on one line: an opening mark ("‘" or "'") after a space or a bracket and before a letter, a closing
    one ("’" or "'") after a letter or a stop and before a space or a stop, with a space between them, so an
    apostrophe inside a word ("Warhol's", "don’t") opens or closes none."""
    out = list(double)
    opened = None
    for m in SINGLE_QUOTES.finditer(text):
        at = m.start()
        k = bisect.bisect_right(double, (at, len(text))) - 1
        if k >= 0 and double[k][0] <= at < double[k][1]:
            continue  # a quotation inside a quotation is its speaker's words
        if opened is not None and "\n" in text[opened:at]:
            opened = None
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if m.group() != "’" and (before.isspace() or before in "([") and after.isalpha():
            opened = at
        elif opened is not None and m.group() != "‘" and (before.isalpha() or before in ".,!?") and (after.isspace() or after in ".,;:!?)"):
            if " " in text[opened:at]:
                out.append((opened, m.end()))
            opened = None
    return sorted(out)


def _side(text: str, at: int, end: int | None = None) -> str:
    """Which side of a quotation a straight mark at `at` (ending at `end`: two apostrophes are one mark) stands on:
    "open", "close", or "either"."""
    end = at + 1 if end is None else end
    before = text[at - 1] if at else " "
    after = text[end] if end < len(text) else " "
    if (before.isspace() or before in "([") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)"):
        return "close"
    return "either"
