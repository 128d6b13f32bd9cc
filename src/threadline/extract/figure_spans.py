"""Figure spans in text: a number with its hedge, currency, unit or percent sign, and ranges; what is not a figure.

Works on the characters only; `figures` adds the parse. Not figures: numbers
inside dates, times and sets (the timexes), on page-furniture lines (source
links, bylines, "4 min read"), in URLs and phone numbers, after an identifier
word ("Article 172", "No. 5"), glued to letters ("An-124", "M21"), ordinals,
scores ("2-0"), ages ("Hemil Mangukiya, 23,"; "aged 30") and time frames
("over the past two years", "three years ago").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ..datafiles import load
from .measures import lexicon as measure_lexicon
from .numbers import Number, find_numbers, qualifier_after, qualifier_before
from .numbers import lexicon as number_lexicon

TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
AGE_AFTER = re.compile(r"^[\s-]+(?P<u>year|month|week|day)s?[\s-]+olds?\b", re.IGNORECASE)
FRAME_AFTER = re.compile(r"^[\s-]*(?:ago|later|earlier|old|before|after|from now|hence|back)\b", re.IGNORECASE)
PHONE = re.compile(
    r"(?<!\w)(?:\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){1,4}\d{2,4}"  # "+977 1-4200 182"
    r"|(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4})(?!\w)"  # "(202) 555-0100", "020 7946 0958"
)
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|<[^>]*>")


def currencies() -> dict[str, Any]:
    return load("currencies")


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    cur = currencies()
    units = measure_lexicon()["units"]
    long_units = [u for u in units if len(u) > 1]
    short_units = [u for u in units if len(u) == 1]
    qual = _alt([*number_lexicon()["qualifiers"]["before"]])
    scales = _alt([*number_lexicon()["scales"], *number_lexicon()["abbreviations"]])
    return {
        "symbol": re.compile(rf"(?:^|(?<=[^A-Za-z]))(?P<sym>{_alt(cur['symbols'])})\s?$"),
        "percent": re.compile(r"^\s?(?:%|percent\b|per\s?cent\b|pc\b)", re.IGNORECASE),
        "currency_word": re.compile(rf"^\s*(?P<w>{_alt(cur['words'])})\b", re.IGNORECASE),
        "unit": re.compile(rf"^(?:[\s-]?(?P<u>{_alt(long_units)})\b|(?P<g>{_alt(short_units)})\b)", re.IGNORECASE),
        "conversion": re.compile(
            rf"^\s*\(\s*(?:(?P<q>{qual})\s+)?(?P<sym>{_alt(cur['symbols'])})?\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
            rf"(?:\s?(?P<scale>{scales})\b)?(?:\s+(?P<w>{_alt(cur['words'])}))?\s*\)",
            re.IGNORECASE,
        ),
        "range_gap": re.compile(
            rf"^\s?(?P<unit>%|percent|per\s?cent|pc)?\s*(?P<sep>-|–|—|to|and|or)\s*(?:{_alt(cur['symbols'])})?\s?$", re.IGNORECASE
        ),
        "glued_symbol": re.compile(rf"(?<![A-Za-z])(?P<sym>{_alt(cur['glued'])})(?=\d)"),
        "street": re.compile(r"^\s+(?:[A-Z][\w.]*\s+){0,3}(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Boulevard|Blvd|Drive|Square|Place)\b"),
        "id_before": re.compile(rf"(?:\b(?:{_alt(number_lexicon()['not_figures']['id_words'])})|#|№)\s*$", re.IGNORECASE),
        "age_before": re.compile(r"\b(?:aged|ages?|age of)\s+$", re.IGNORECASE),
        "person_age": re.compile(r"[A-Z][\w'’-]+,\s$"),
    }


@dataclass(frozen=True)
class Span:
    """A figure found in the text, before the parse adds its measure."""

    start: int
    end: int
    num_start: int  # the number itself, for finding its head in the parse
    num_end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str  # count / money / percent / unit / time
    unit: str | None = None  # unit name for kind unit/time, "percent", or None
    currency: str | None = None  # ISO code, or an ambiguous word ("rupee") to settle per document
    spelled: bool = False
    vague: bool = False
    conversion: tuple[float, str | None, str | None] | None = None  # (amount, currency, qualifier) in brackets after it


def blocked_regions(text: str) -> list[tuple[int, int]]:
    """Page-furniture lines, URLs and phone numbers."""
    out = [(m.start(), m.end()) for m in URL.finditer(text)]
    out += [(m.start(), m.end()) for m in PHONE.finditer(text)]
    furniture = [re.compile(p, re.IGNORECASE) for p in number_lexicon()["not_figures"]["furniture_lines"]]
    pos = 0
    for line in text.split("\n"):
        if any(p.search(line) for p in furniture):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _inside(start: int, end: int, regions: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in regions)


def _merge_ranges(text: str, numbers: list[Number]) -> list[tuple[Number, Number | None]]:
    out: list[tuple[Number, Number | None]] = []
    i = 0
    pats = _patterns()
    while i < len(numbers):
        a = numbers[i]
        b = numbers[i + 1] if i + 1 < len(numbers) else None
        if b is not None and not a.vague and not b.vague and a.value is not None and b.value is not None:
            gap = text[a.end:b.start]
            m = pats["range_gap"].match(gap)
            sep = m["sep"].lower() if m else ""
            before = text[max(0, a.start - 24):a.start].lower()
            ok = m is not None and _same_kind(text, a, b, m)
            if sep == "and":
                ok = ok and bool(re.search(r"between\s+(?:\S+\s+)?$", before))
            elif sep == "or":
                ok = ok and b.value <= 100 and a.value < b.value
            elif sep == "to":
                ok = ok and a.value < b.value and _to_is_range(before, a.value, b.value)
            if ok:
                low = a.value * b.scale if a.scale == 1 and b.scale > 1 and a.value < b.value / b.scale else a.value
                if sep in ("-", "–", "—") and low >= b.value:
                    i += 2  # "2-0", "89-89": a score
                    continue
                if low < b.value:
                    out.append((replace(a, value=low), b))
                    i += 2
                    continue
        out.append((a, None))
        i += 1
    return out


CHANGE_VERBS = re.compile(
    r"\b(?:rose|rise|rises|risen|fell|fall|falls|fallen|dropped|drop|climbed|climb|jumped|jump|increased|increase|"
    r"decreased|decrease|declined|decline|slipped|grew|grow|gained|lost|up|down|revised|cut|raised|lowered|slid|soared|"
    r"surged|plunged|tumbled)\s+(?:\S+\s+){0,2}$"
)


def _same_kind(text: str, a: Number, b: Number, gap: re.Match[str]) -> bool:
    """Both ends are the same kind of amount: "$62 and $68", "5% and 6%", "1 to 1.5 degrees", not "9.4% to $84"."""
    sym_a = bool(_patterns()["symbol"].search(text[max(0, a.start - 6):a.start]))
    sym_b = bool(_patterns()["symbol"].search(gap.group()))
    if sym_a != sym_b:
        return False
    if gap["unit"]:
        return bool(_patterns()["percent"].match(text[b.end:b.end + 9]))
    return True


def _to_is_range(before: str, low: float, high: float) -> bool:
    """ "five to ten years", "ranging from 1 to 1.5 per cent", "by 1 to 1.5 degrees" are ranges;
    "from 185,000 to 231,000", "rose 7% to $2.3 billion", "by $43.6 billion to $419.2 billion" are changes."""
    if re.search(r"\bfrom\s+(?:\S+\s+)?$", before):
        return bool(re.search(r"\b(?:rang\w*|var\w*|between)\s+from\s+(?:\S+\s+)?$", before))
    if re.search(r"\bby\s+(?:\S+\s+)?$", before):
        return high <= 3 * low
    return not CHANGE_VERBS.search(before)


def find(text: str, blocked: list[tuple[int, int]]) -> list[Span]:
    """Figure spans in text order; `blocked` are regions where no figure starts (dates, furniture)."""
    pats = _patterns()
    masked = pats["glued_symbol"].sub(lambda m: " " * len(m.group()), text)  # "USD10m": the number alone
    masked = re.sub(r"(?i)(?<=\bminus)-(?=\d)", " ", masked)  # "minus-5 yards"
    numbers = [n for n in find_numbers(masked) if not _inside(n.start, n.end, blocked)]
    consumed: list[tuple[int, int]] = []
    out: list[Span] = []
    for a, b in _merge_ranges(text, numbers):
        if _inside(a.start, a.end, consumed):
            continue
        span = _build(text, a, b)
        if span is None:
            continue
        if span.conversion is not None:
            consumed.append((span.end, span.end + conversion_length(text, span.end)))
        out.append(span)
    return out


def conversion_length(text: str, end: int) -> int:
    m = _patterns()["conversion"].match(text[end:end + 60])
    return m.end() if m else 0


def _build(text: str, a: Number, b: Number | None) -> Span | None:
    pats = _patterns()
    last = b or a
    start, end = a.start, last.end
    if a.spelled and not b and (a.value in (0.5,) or text[a.start:a.end].lower() in ("half", "zero")):
        return None
    hyphened = re.match(r"-([a-z]+)", text[a.end:a.end + 12])
    if a.spelled and hyphened and hyphened.group(1) not in measure_lexicon()["units"]:
        return None  # "one-off", "two-thirds": part of a compound word ("five-year" is a span of time)
    kind, unit, currency = "count", None, None
    # before the number: a currency symbol, then a hedge
    sym = pats["symbol"].search(text[max(0, start - 6):start])
    if sym:
        currency = currencies()["symbols"][sym["sym"]]
        kind = "money"
        start -= len(text[max(0, start - 6):start]) - sym.start("sym")
    negative = re.search(r"\bminus[\s-]?$", text[max(0, start - 7):start], re.IGNORECASE)
    # after it: a hedge ("a dozen or so days"), then percent, currency word or unit
    early = qualifier_after(text, end)
    if early and early[0] == "about" and not b:
        end = early[1]
    after = text[end:end + 40]
    age = AGE_AFTER.match(after)
    if kind == "count" and age:
        kind, unit, end = "unit", f"{age['u'].lower()} of age", end + age.end()
    if kind == "count":
        m = pats["percent"].match(after)
        if m:
            kind, unit, end = "percent", "percent", end + m.end()
        elif re.match(r"\s?[€£¥₽₹]", after):
            sign = after.strip()[0]
            kind, currency, end = "money", currencies()["symbols"][sign], end + after.index(sign) + 1
        else:
            m = pats["currency_word"].match(after)
            if m:
                word = m["w"].lower()
                code = currencies()["words"][word]
                kind, currency, end = "money", code, end + m.end()
            else:
                m = pats["unit"].match(after)
                if m and not (m["g"] and a.spelled):
                    word = (m["u"] or m["g"]).lower()
                    unit = measure_lexicon()["units"][word]
                    kind = "time" if unit in TIME_UNITS else "unit"
                    end += m.end()
    if kind == "time" and FRAME_AFTER.match(text[end:end + 12]):
        return None  # "three years ago": a date
    if kind == "count" and _not_a_count(text, a, b):
        if pats["person_age"].search(text[max(0, a.start - 16):a.start]) and text[a.end:a.end + 1] == "," and (a.value or 0) < 120:
            kind, unit = "unit", "year of age"  # "Hemil Mangukiya, 23, from Surat"
        else:
            return None
    qualifier = "exact"
    q = qualifier_before(text, start)
    if q and not (q[0] == "about" and _about_is_concerning(text, q[1])):
        qualifier, start = q
    if b is not None:
        between = re.search(r"\bbetween\s+$", text[max(0, start - 10):start], re.IGNORECASE)
        if between:
            start -= len(text[max(0, start - 10):start]) - between.start()
            q = qualifier_before(text, start) if qualifier == "exact" else None
            if q:  # "roughly between 35 and 50"
                qualifier, start = q
    if kind == "money" and qualifier == "exact" and b is None:
        floor = re.search(r"\b(?:pay|pays|salary|salaries|wages?|prices?|fees?|costs?|rates?|starting|start)\s+(?:\w+\s+)?from\s+$", text[max(0, start - 30):start], re.IGNORECASE)
        if floor:  # "starting pay from 204,000 roubles a month": a minimum
            qualifier = "at least"
    qa = early if early and early[1] == end else qualifier_after(text, end)
    if qa and qualifier == "exact":
        qualifier, end = qa[0], max(end, qa[1])
    value, low, high = _values(a, b, qualifier)
    if negative:
        start -= len(text[max(0, start - 7):start]) - negative.start()
        value, low, high = (-x if x is not None else None for x in (value, high, low))
    conversion = None
    m = pats["conversion"].match(text[end:end + 60])
    if m and (m["sym"] or m["w"]) and kind in ("money", "count"):
        amount = float(m["num"].replace(",", ""))
        if m["scale"]:
            scale = m["scale"].lower()
            amount *= float(number_lexicon()["scales"].get(scale) or number_lexicon()["abbreviations"].get(scale) or 1)
        conv_cur = currencies()["symbols"].get(m["sym"]) if m["sym"] else currencies()["words"][m["w"].lower()]
        conv_q = number_lexicon()["qualifiers"]["before"].get(m["q"].lower()) if m["q"] else None
        conversion = (amount, conv_cur, conv_q)
        if kind == "count":
            kind = "money"  # "1.356 billion ($1.762bn)": an amount whose currency sign was lost
    return Span(start, end, a.start, last.end, value, low, high, qualifier, kind, unit, currency, a.spelled, a.vague, conversion)


def _values(a: Number, b: Number | None, qualifier: str) -> tuple[float | None, float | None, float | None]:
    if b is not None:
        assert a.value is not None and b.value is not None
        return (a.value + b.value) / 2, a.value, b.value
    if a.vague:
        return a.low, a.low, a.high
    value = a.value
    if qualifier in ("up to", "as many as", "nearly", "less than"):
        return value, None, value
    if qualifier in ("at least", "more than"):
        return value, value, None
    return value, None, None


def _not_a_count(text: str, a: Number, b: Number | None) -> bool:
    """Identifiers, bare years, ages and glued labels."""
    pats = _patterns()
    before = text[max(0, a.start - 16):a.start]
    if pats["id_before"].search(before) or pats["age_before"].search(before):
        return True
    if re.search(r"[A-Za-z]-$|[A-Za-z]$", before) or re.match(r"[A-Za-z]", text[(b or a).end:(b or a).end + 1]):
        return True  # "An-124", "M21", "5s"
    if re.match(r"\s*/\s*\d", text[a.end:a.end + 4]) or re.search(r"\d\s*/\s*$", before):
        return True  # "24/7", "3/4"
    digits = text[a.start:a.end]
    if not a.spelled and b is None and re.fullmatch(r"1[89]\d\d|20\d\d", digits):
        return True  # a year the timex tagger passed over ("the 2000 treaty")
    if pats["person_age"].search(before) and re.match(r",", text[a.end:a.end + 1]) and (a.value or 0) < 120:
        return True  # an age: "Hemil Mangukiya, 23, from Surat"
    if pats["street"].match(text[(b or a).end:(b or a).end + 40]):
        return True  # an address: "575 Wilbraham Road"
    furniture_after = number_lexicon()["not_figures"]["furniture_after"]
    tail = text[a.end:a.end + 14].lower().strip()
    return any(tail.startswith(f) for f in furniture_after)


def _about_is_concerning(text: str, pos: int) -> bool:
    """ "information about 16 who have been killed": "about" as a preposition, not a hedge."""
    m = re.search(r"([A-Za-z]+)\s+$", text[max(0, pos - 20):pos])
    return m is not None and m.group(1).lower() in measure_lexicon()["about_heads"]
