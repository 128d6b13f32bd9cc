"""Numbers in text: digits with scales ("1.5bn", "6 million", "3 hundred thousand"), scientific notation
("6.2×10^5"), words ("two dozen", "a couple of"), fractions ("two-thirds", "a quarter of", "1/16 of",
"½"), vague plurals and ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from collections.abc import Callable
from typing import Any

from ..datafiles import load
from .prefilter import by_first_char, with_first_char


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
    fraction: bool = False  # a share of a whole ("two-thirds", "one in three", "1/16"): value below 1
    qualifier: str | None = None  # a hedge the words carry themselves ("a couple of": about 2)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# what follows "one household in three" where the share ends: a verb, an adverb or a preposition, not a noun
FRACTION_AFTER = (
    "will|would|is|are|was|were|has|have|had|could|can|may|might|must|should|do|does|did|now|already|still|"
    "who|across|among|nationwide|in|on|at|and|or|to"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The number patterns, each scanned for with a lookahead for the characters its matches
    can start with and its word lists grouped by first character (`prefilter`: the same
    matches, fewer failed attempts)."""
    grouped = _compiled(lambda words: by_first_char(sorted(words, key=len, reverse=True)))  # the same matches, fewer steps
    return {name: pattern if name == "metre_after" else with_first_char(pattern) for name, pattern in grouped.items()}


def _compiled(alt: Callable[[list[str]], str] = _alternation) -> dict[str, re.Pattern[str]]:
    """The number patterns with their word lists written by `alt`."""
    lex = lexicon()
    word = alt([*lex["words"], *lex["scales"]])
    scale = alt(list(lex["scales"]))
    abbr = alt(list(lex["abbreviations"]))
    vague = alt(list(lex["vague"]))
    mult = alt(list(lex["vague_multipliers"]))
    fr = lex["fractions"]
    denom = alt(list(fr["denominators"]))
    small = alt([w for w, v in lex["words"].items() if 1 <= v <= 20 and w != "dozen"])
    glyphs = re.escape(fr["glyphs"])
    return {
        # 14,000 | 1.5 | 2483805, with an optional scale: "1.5bn", "6 million", "3 hundred thousand", "Rs 50 lakh";
        # or in scientific notation: "6.2×10^5", "2.5×10−3" (a superscript lost in scraping), "6.02e23"
        "digits": re.compile(
            rf"(?<![\w.,/:⁄])(?<![A-Za-z]-)(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
            rf"(?:\s?[×x]\s?10(?:\^|\*\*)(?P<exp>[−-]?\d{{1,3}})|\s?×\s?10(?P<exp2>[−-]\d{{1,3}}|[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
            rf"|(?<=\d)[eE](?P<exp3>[+−-]?\d{{1,3}})(?![\w]))?"
            rf"(?:(?P<sp>\s?|-)(?P<scale>(?:{scale})(?:[\s-]+(?:{scale}))*)\b|(?P<abbr>{abbr})\b)?(?!\d|(?:st|nd|rd|th)\b)",
            re.IGNORECASE,
        ),
        # "two-thirds", "one-quarter"; "a third of", "three quarters of"; "half of"; "one in three", "1 out of 10"
        "fraction_words": re.compile(
            rf"\b(?:(?P<n1>{small})-(?P<d1>{denom})\b"
            rf"|(?P<n2>{small}|an?)\s+(?P<d2>{denom})(?=\s+of\b)"
            rf"|(?P<half>half)(?=\s+of\b)"
            rf"|(?P<n3>{small}|\d{{1,3}})\s+(?:in|out\s+of)\s+(?P<d3>{small}|hundred|thousand|\d{{1,4}})(?=\s+[A-Za-z])(?!\s+(?:{scale})\b)"
            # "one household in three will", "one pupil in 20.": the noun inside, the share's end before a verb or a stop
            rf"|(?P<n4>{small})\s+(?P<noun>[a-z]+)\s+in\s+(?P<d4>{small}|\d{{1,3}})"
            rf"(?=\s*[.,;:!?)\"”]|\s+(?:{FRACTION_AFTER})\b))",
            re.IGNORECASE,
        ),
        # "1/16 of", "1⁄8" (the fraction slash), "2 1/2", "½", "2½"
        "fraction_digits": re.compile(
            rf"(?<![\w.,/⁄])(?:(?P<whole>\d+)(?:\s|(?=[{glyphs}])))?(?:(?P<a>\d{{1,3}})(?P<slash>⁄|/)(?P<b>\d{{1,4}})(?![\w/⁄])|(?P<glyph>[{glyphs}]))",
        ),
        "couple": re.compile(rf"\ba\s+couple\s+of\b(?!\s+(?:{scale}|dozen)\b)", re.IGNORECASE),
        # "45m-long", "a 100m sprint", "45m (148ft)": metres, not millions
        "metre_after": re.compile(
            r"^(?:\s*\(\s*[\d,.]+\s*(?:ft|feet|foot)\s*\))?\s?-?\s?(?:long|high|tall|wide|deep|thick|away|above|below|sprint|"
            r"hurdles|freestyle|butterfly|backstroke|breaststroke|medley|relay|dash|in (?:length|height|diameter|depth)|"
            r"(?:world |olympic |indoor |european )?(?:champion|championships?|title|gold|silver|bronze|final|heats?|race|record|medal(?:list)?s?))\b"
            r"|^\s*\(\s*[\d,.]+\s*(?:ft|feet|foot)\s*\)",
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
        for key in re.split(r"[\s-]+", scale.lower()):  # "3 hundred thousand", "25-hundred": each scale word multiplies
            value *= float(lex["scales"].get(key) or lex["abbreviations"].get(key) or 1)
    return value


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")


def _exponent(m: re.Match[str]) -> int | None:
    raw = m["exp"] or m["exp2"] or m["exp3"]
    return int(raw.translate(SUPERSCRIPTS)) if raw else None


def _word_or_digits(word: str) -> float | None:
    word = word.lower()
    if word.isdigit():
        return float(word)
    if word in ("a", "an"):
        return 1.0
    value = words_value(word)
    return value


TIME_NOUNS = frozenset(("second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "time", "game", "match", "attempt"))


def _fractions(text: str) -> list[Number]:
    """ "two-thirds", "a quarter of", "half of", "one in three", "1/16 of", "1⁄8", "½", "2½"; with a scale
    after them ("a quarter of a million", "three-quarters of a billion") they are numbers, not shares."""
    pats = _patterns()
    lex = lexicon()
    fr = lex["fractions"]
    out: list[Number] = []
    for m in pats["fraction_words"].finditer(text):
        if m["half"]:
            before = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 16):m.start()])
            if before and before.group(1).lower() in fr["not_before_half"]:
                continue  # "the second half of the year"
            num, den = 1.0, 2.0
        elif m["d4"]:
            if m["noun"] in TIME_NOUNS or m["noun"] in ("of", "in", "out", "or", "and", "to", "the", "a", "an"):
                continue  # "one day in three", "one of ... in": not a share of a noun
            num, den = _word_or_digits(m["n4"]), _word_or_digits(m["d4"])
        elif m["d3"]:
            if re.match(r"\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b", text[m.end():m.end() + 10], re.IGNORECASE):
                continue  # "3 in 10 days": a count and a time
            if re.fullmatch(r"1[89]\d\d|20\d\d", m["d3"]):
                continue  # "one in 2019": a year
            num, den = _word_or_digits(m["n3"]), _word_or_digits(m["d3"])
        else:
            num = _word_or_digits(m["n1"] or m["n2"])
            den = float(fr["denominators"][(m["d1"] or m["d2"]).lower()])
        if num is None or not den or num >= den:
            continue
        out.append(_scaled(text, m.start(), m.end(), num / den, spelled=True))
    for m in pats["fraction_digits"].finditer(text):
        whole = float(m["whole"]) if m["whole"] else None
        if m["glyph"]:
            import unicodedata

            part = unicodedata.numeric(m["glyph"])
        else:
            a, b = float(m["a"]), float(m["b"])
            if not 0 < a < b:
                continue  # "24/7", "9/0"
            if m["slash"] == "/" and whole is None and not re.match(r"\s+of\b", text[m.end():m.end() + 4]):
                continue  # "9/11", "4/5 stars": a fraction only where it is a share of something ("1/16 of")
            part = a / b
        if whole is not None:
            out.append(Number(m.start(), m.end(), whole + part))  # "2 1/2 miles", "2½ years"
        else:
            out.append(_scaled(text, m.start(), m.end(), part))
    return out


def _scaled(text: str, start: int, end: int, share: float, spelled: bool = False) -> Number:
    """A share, or with a scale word after it a number: "a quarter of a million" -> 250,000."""
    scale = _alternation(list(lexicon()["scales"]))
    m = re.match(rf"(?:\s+of)?\s+(?:an?\s+)?({scale})\b", text[end:end + 24], re.IGNORECASE)
    if m:
        factor = float(lexicon()["scales"][m.group(1).lower()])
        return Number(start, end + m.end(), share * factor, spelled=spelled, scale=factor)
    return Number(start, end, share, spelled=spelled, fraction=True)


TRACK_DISTANCES = frozenset((60.0, 100.0, 110.0, 200.0, 400.0, 800.0, 1500.0, 3000.0, 5000.0, 10000.0))
# words of a race in the sentence around "the 400m" ("gold", "final", "the Olympics", "seconds"); not words
# business shares with sport ("running", "record", "track")
RACE_WORDS = re.compile(
    r"\b(?:gold|silver|bronze|medal\w*|finals?|heats?|semi-finals?|race[sd]?|relay|hurdles|sprint\w*|athlet\w+|"
    r"olympics?|champion\w*|seconds|sprinters?|runners?)\b",
    re.IGNORECASE,
)


def _race_distance(text: str, m: re.Match[str]) -> bool:
    """ "won the 400m", "entered the 100m and 200m sprints": a track distance with no currency,
    in a sentence about a race, is metres, not millions."""
    if m["sp"] or digits_value(m["num"]) not in TRACK_DISTANCES:
        return False
    if re.search(r"[$£€¥]\s?$|\b[A-Z]{1,3}\$\s?$|\b(?:USD|EUR|GBP)\s?$", text[max(0, m.start() - 5):m.start()]):
        return False  # "£400m"
    if re.search(r"\b(?:cost\w*|worth|pa(?:y|id|ys)|spen[dt]\w*|rais\w+|budget\w*|fund\w*|deal|bid|valued?|sales?|revenues?|profits?)\s+(?:\w+\s+)?$", text[max(0, m.start() - 30):m.start()], re.IGNORECASE):
        return False  # "the track cost 100m": an amount
    if re.match(r"\s*(?:[a-z]+\s+)?(?:dollars?|euros?|pounds?|yen|yuan|rupees?|roubles?|rubles?|francs?)\b", text[m.end():m.end() + 24], re.IGNORECASE):
        return False  # "400m euros"
    start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    stops = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0]
    return bool(RACE_WORDS.search(text, start, min(stops) if stops else len(text)))


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, longest match first, in text order, not overlapping."""
    pats = _patterns()
    lex = lexicon()
    found: list[Number] = _fractions(text)
    for m in pats["couple"].finditer(text):
        found.append(Number(m.start(), m.end(), 2.0, spelled=True, qualifier="about"))  # "a couple of recruits"
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
        end = m.end()
        if m["abbr"] == "m" and (pats["metre_after"].match(text[end:end + 30]) or _race_distance(text, m)):
            scale, end = None, m.start("abbr")  # "45m-long", "won the 400m": metres, the unit follows the number
        value = digits_value(m["num"], scale)
        exponent = _exponent(m)
        if exponent is not None:
            value *= 10.0 ** exponent
        base = digits_value(m["num"])
        found.append(Number(m.start(), end, value, scale=value / base) if base and exponent is None else Number(m.start(), end, value))
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
    for pattern, qualifier in _hedges_before():
        m = pattern.search(before)
        if m:
            pos = start - len(before) + m.start(1)
            if best is None or pos < best[1]:
                best = (qualifier, pos)
    return best


def qualifier_after(text: str, end: int) -> tuple[str, int] | None:
    """The hedge right after `end` ("-plus", " or more"), and where it ends."""
    after = text[end:end + 12]
    for phrase, pattern, qualifier in _hedges_after():
        if pattern is None:
            if after.startswith(phrase) and not after[len(phrase):len(phrase) + 1].isalnum():
                return qualifier, end + len(phrase)
            continue
        m = pattern.match(after)
        if m:
            return qualifier, end + m.end()
    return None


@cache
def _hedges_before() -> list[tuple[re.Pattern[str], str]]:
    """Each hedge of `qualifier_before` as a pattern ending at the number, in lexicon order."""
    out = []
    for phrase, qualifier in lexicon()["qualifiers"]["before"].items():
        if phrase == "~":
            pattern = rf"(?:^|(?<=[\s(“\"]))({re.escape(phrase)})\s*$"
        elif phrase.endswith("-"):  # "sub-5 nanometre"
            pattern = rf"\b({re.escape(phrase)})$"
        else:
            pattern = rf"\b({re.escape(phrase)})\s+$"
        out.append((re.compile(pattern, re.IGNORECASE), qualifier))
    return out


@cache
def _hedges_after() -> list[tuple[str, re.Pattern[str] | None, str]]:
    """Each hedge of `qualifier_after`: (phrase, its pattern, or None for a glued suffix, qualifier)."""
    return [
        (phrase, None if phrase in ("-plus", "+") else re.compile(rf"\s+{re.escape(phrase)}\b", re.IGNORECASE), qualifier)
        for phrase, qualifier in lexicon()["qualifiers"]["after"].items()
    ]
