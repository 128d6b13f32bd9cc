"""Numbers in text: digits with scales ("1.5bn", "6 million"), words ("two dozen"), vague plurals and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..datafiles import load


def lexicon() -> dict[str, Any]:
    return load("numbers")


@dataclass(frozen=True)
class Number:
    """A number found in text: `value`, or the range `low`..`high` (vague plurals and ranges)."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    spelled: bool = False
    scale: float = 1.0  # the scale word's factor ("1 to 1.5 million": the first number takes it)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    word = _alternation([*lex["words"], *lex["scales"]])
    scale = _alternation(list(lex["scales"]))
    abbr = _alternation(list(lex["abbreviations"]))
    vague = _alternation(list(lex["vague"]))
    mult = _alternation(list(lex["vague_multipliers"]))
    return {
        # 14,000 | 1.5 | 2483805, with an optional scale: "1.5bn", "6 million", "Rs 50 lakh"
        "digits": re.compile(
            rf"(?<![\w.,/:])(?<![A-Za-z]-)(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
            rf"(?:(?P<sp>\s?)(?P<scale>{scale})\b|(?P<abbr>{abbr})\b)?(?!\d|(?:st|nd|rd|th)\b)",
            re.IGNORECASE,
        ),
        # "twenty-four", "six million", "a dozen", "one hundred and twenty", "half a million"
        "words": re.compile(
            rf"\b(?:(?:a|an|half a)\s+(?={scale}|dozen))?(?:{word})(?:(?:\s+and\s+|[\s-]+)(?:{word}))*\b",
            re.IGNORECASE,
        ),
        # "tens of thousands", "hundreds", "several thousand", "dozens"
        "vague": re.compile(
            rf"\b(?:(?P<mult>{mult})\s+(?P<mscale>{scale}|dozen)|(?P<v1>{vague})(?:\s+of\s+(?P<v2>{vague}))?)\b",
            re.IGNORECASE,
        ),
    }


def words_value(text: str) -> float | None:
    """The value of a number written in words: "twenty-four" -> 24, "two dozen" -> 24, "six million" -> 6e6."""
    lex = lexicon()
    words, scales = lex["words"], lex["scales"]
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "and"]
    if not tokens:
        return None
    total, current, seen = 0.0, 0.0, False
    for i, tok in enumerate(tokens):
        if tok in ("a", "an"):
            current = current or 1.0
            continue
        if tok == "half" and i + 1 < len(tokens) and tokens[i + 1] in ("a", "an"):
            current = 0.5
            continue
        if tok in words:
            value = float(words[tok])
            if tok == "dozen":
                current = (current or 1.0) * 12
            elif tok == "half":
                current += 0.5
            else:
                current += value
            seen = True
        elif tok in scales:
            scale = float(scales[tok])
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def digits_value(num: str, scale: str | None = None) -> float:
    value = float(num.replace(",", ""))
    if scale:
        lex = lexicon()
        key = scale.lower()
        value *= float(lex["scales"].get(key) or lex["abbreviations"].get(key) or 1)
    return value


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, longest match first, in text order, not overlapping."""
    pats = _patterns()
    lex = lexicon()
    found: list[Number] = []
    for m in pats["vague"].finditer(text):
        if m["mult"]:
            lo, hi = lex["vague_multipliers"][m["mult"].lower()]
            base = 12.0 if m["mscale"].lower() == "dozen" else float(lex["scales"][m["mscale"].lower()])
            found.append(Number(m.start(), m.end(), None, lo * base, hi * base, vague=True, spelled=True))
            continue
        low = float(lex["vague"][m["v1"].lower()])
        if m["v2"]:
            low *= float(lex["vague"][m["v2"].lower()])
        found.append(Number(m.start(), m.end(), None, low, low * 10, vague=True, spelled=True))
    for m in pats["digits"].finditer(text):
        scale = m["scale"] or m["abbr"]
        if m["abbr"] and m["abbr"].lower() == "b" and not text[m.end():m.end() + 1].isspace() and m.end() < len(text):
            scale = m["abbr"]
        value = digits_value(m["num"], scale)
        found.append(Number(m.start(), m.end(), value, scale=value / digits_value(m["num"])) if digits_value(m["num"]) else Number(m.start(), m.end(), value))
    for m in pats["words"].finditer(text):
        spelled = words_value(m.group())
        if spelled is not None:
            last = re.split(r"[\s-]+", m.group().lower())[-1]
            found.append(Number(m.start(), m.end(), spelled, spelled=True, scale=float(lex["scales"].get(last, 1))))
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    out: list[Number] = []
    for n in found:
        if out and n.start < out[-1].end:
            continue
        out.append(n)
    return out


def qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """The hedge right before `start` ("more than ", "up to "), and where it begins."""
    before = text[max(0, start - 24):start]
    best: tuple[str, int] | None = None
    for phrase, qualifier in lexicon()["qualifiers"]["before"].items():
        pattern = rf"(?:^|(?<=[\s(“\"]))({re.escape(phrase)})\s*$" if phrase == "~" else rf"\b({re.escape(phrase)})\s+$"
        m = re.search(pattern, before, re.IGNORECASE)
        if m:
            pos = start - len(before) + m.start(1)
            if best is None or pos < best[1]:
                best = (qualifier, pos)
    return best


def qualifier_after(text: str, end: int) -> tuple[str, int] | None:
    """The hedge right after `end` ("-plus", " or more"), and where it ends."""
    after = text[end:end + 12]
    for phrase, qualifier in lexicon()["qualifiers"]["after"].items():
        if phrase in ("-plus", "+"):
            if after.startswith(phrase) and not after[len(phrase):len(phrase) + 1].isalnum():
                return qualifier, end + len(phrase)
            continue
        m = re.match(rf"\s+{re.escape(phrase)}\b", after, re.IGNORECASE)
        if m:
            return qualifier, end + m.end()
    return None
