"""Sentence spans of cleaned text found by punctuation, for evidence context without a parse."""

from __future__ import annotations

import bisect
import re

# A sentence ends at terminal punctuation (plus closing quotes or brackets)
# followed by space and a capital, digit or opening quote, or at a line break.
# A run of punctuation is tried once, from its first character (a run of 100,000 dots is linear, not quadratic).
# The pattern opens with the class of its first character, so `re` skips to the next ".", "!", "?" or line
# break in C; each branch then asserts what that character is (a run's first mark: none of the three before
# it; a run of line breaks: its first), the same matches as
# `(?<![.!?])[.!?]++[\"”’)\]]*+(?=\s+[\"“‘(]?[A-Z0-9])|\n+`, which `re` entered at every position.
_END = re.compile(r"[.!?\n](?:(?<=[.!?])(?<![.!?][.!?])[.!?]*+[\"”’)\]]*+(?=\s+[\"“‘(]?[A-Z0-9])|(?<=\n)\n*)")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt sgt maj capt cpl gov sen rep prof rev no vs approx est dept "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e".split()
)

_NEWLINE = re.compile("\n")


def line_breaks(text: str) -> list[int]:
    """The offset of every line break in `text`, in order (found by the pattern engine, not a loop over characters)."""
    return [m.start() for m in _NEWLINE.finditer(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in text order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if m.group().startswith("\n"):
            end = m.start()
        else:
            token = last_word(text[start : m.start()]).lower().rstrip(".")
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue  # "Mr. Saud", "Kim J. Un": not a sentence end
            end = m.end()
        _add(text, spans, start, end)
        start = m.end()
    _add(text, spans, start, len(text))
    return spans


def last_word(text: str) -> str:
    """The run of non-space characters `text` ends with ("" when it ends with a space; a final line break is
    passed over), found without a regular expression that would rescan long runs."""
    if text.endswith("\n"):
        text = text[:-1]
    if not text or text[-1].isspace():
        return ""
    return text.rsplit(None, 1)[-1]


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def lines_around(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the lines holding [start, end). A line break always ends a sentence, so
    `sentence_spans` of these lines alone finds the same sentences there as over the whole text."""
    after = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if after < 0 else after


def index_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence containing `offset` (or the last one starting before it)."""
    return max(0, bisect.bisect_right(spans, offset, key=_start) - 1)


def _start(span: tuple[int, int]) -> int:
    return span[0]


def sentence_around(text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The sentence(s) covering the span [start, end)."""
    spans = spans if spans is not None else sentence_spans(text)
    if not spans:
        return start, end
    first = spans[index_of(spans, start)]
    last = spans[index_of(spans, max(start, end - 1))]
    return min(first[0], start), max(last[1], end)
