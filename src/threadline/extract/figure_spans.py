"""Figure spans in text: a number with its hedge, currency, unit or percent sign, and ranges; what is not a figure.

Works on the characters only; `figures` adds the parse. Not figures: numbers
inside dates, times and sets (the timexes), on page-furniture lines (source
links, bylines, "4 min read"), in URLs and phone numbers, after an identifier
word ("Article 172", "No. 5"), glued to letters ("An-124", "M21"), ordinals,
scores ("2-0") and time frames ("over the past two years", "three years ago").
Ages are figures in years of age ("Hemil Mangukiya, 23,"; "aged 30"; "aged
from 18 to 65"); fractions are shares ("two-thirds of", "one in three") or
amounts of a unit ("1/16 of a pint").
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
from .prefilter import may_match, required_literals, screen_text, with_first_char

TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
AGE_AFTER = re.compile(r"^[\s-]+(?P<u>year|month|week|day)s?[\s-]+olds?\b", re.IGNORECASE)
TERM_OF_NOUN = re.compile(r" +(?:[^\W\d_]|[$€£¥]|\d)")
FRAME_AFTER = re.compile(r"^[\s-]*(?:ago|later|earlier|old|before|after|from now|hence|back)\b", re.IGNORECASE)
PHONE = with_first_char(re.compile(
    r"(?<!\w)(?:\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){1,4}\d{2,4}"  # "+977 1-4200 182"
    r"|(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4})(?!\w)"  # "(202) 555-0100", "020 7946 0958"
))
# Web addresses, e-mail addresses and markup tags, each found in time linear in the text: a web
# address runs to the next space; a run of non-space characters holding an "@" is tried as an
# e-mail address once, from its start (`_address_end`); a tag is a "<" and the first ">" after it
# with no "<" between (a "<" with no ">" is passed over at once, not scanned to the end of the text).
URL = re.compile(r"(?:https?://|www\.)\S++")
AT_RUN = re.compile(r"(?<!\S)[^\s@]*+@\S*+")
TAG = re.compile(r"<[^<>]*+>")


def currencies() -> dict[str, Any]:
    return load("currencies")


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    cur = currencies()
    units = measure_lexicon()["units"]
    long_units = [u for u in units if len(u) > 1]
    short_units = [u for u in units if len(u) == 1]  # glued and case-sensitive: "5g", "45m", "5W", "120p"; not "5G"
    qual = _alt([*number_lexicon()["qualifiers"]["before"]])
    scales = _alt([*number_lexicon()["scales"], *number_lexicon()["abbreviations"]])
    return {
        "symbol": re.compile(rf"(?:^|(?<=[^A-Za-z]))(?P<sym>{_alt(cur['symbols'])})\s?$"),
        "sign": re.compile(rf"(?:(?:^|(?<=[\s(=:]))|(?P<sym>{_alt(cur['symbols'])}))[-−]$"),  # "-5%", "$-12.5bn"
        "percent": re.compile(r"^\s?(?:%|percent\b|per\s?cent\b|pc\b)", re.IGNORECASE),
        "currency_word": re.compile(rf"^\s*(?P<w>{_alt(cur['words'])})\b", re.IGNORECASE),
        "unit": re.compile(
            rf"^(?:[\s-]?(?:metric\s+)?(?P<u>{_alt(long_units)})\b|(?-i:(?P<g>{_alt(short_units)}))(?:\b|(?<=[″′]))"
            rf"|\s(?-i:(?P<s>{_alt(measure_lexicon()['spaced_symbols'])}))(?![\w/-]))",
            re.IGNORECASE,
        ),
        # "1/16 of a US pint", "a third of a mile": a fraction of a unit
        "of_unit": re.compile(
            rf"^\s+of\s+(?:a|an|one)\s+(?:(?:US|U\.S\.|UK|imperial|metric|standard)\s+)?(?P<u>{_alt(long_units)})\b", re.IGNORECASE
        ),
        # "($5,130)", "(£175m; $328m)", "($9.37bn: £4.8bn)": the article's conversions, the first kept
        # (a dollar one preferred: `_conversion_of`)
        "conversion": re.compile(
            rf"^\s*\(\s*(?:(?P<q>{qual})\s+)?(?P<sym>{_alt(cur['symbols'])})?\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
            rf"(?:\s?(?P<scale>{scales})\b)?(?:\s+(?P<w>{_alt(cur['words'])}))?"
            rf"(?P<more>(?:\s*[;:,/]\s*(?:{_alt(cur['symbols'])})\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:{scales})\b)?)*)\s*\)",
            re.IGNORECASE,
        ),
        "more_conversion": re.compile(
            rf"[;:,/]\s*(?P<sym>{_alt(cur['symbols'])})\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>{scales})\b)?", re.IGNORECASE
        ),
        "range_gap": re.compile(
            rf"^\s?(?P<unit>%|percent|per\s?cent|pc)?\s*(?P<sep>-|–|—|to|and|or)\s*(?:{_alt(cur['symbols'])})?\s?$", re.IGNORECASE
        ),
        "glued_symbol": re.compile(rf"(?<![A-Za-z])(?P<sym>{_alt(cur['glued'])})(?=\d)"),
        "street": re.compile(
            r"^\s+(?:(?:[A-Z][\w.]*|\d+(?:st|nd|rd|th))\s+){0,3}(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Boulevard|Blvd|Drive|Square|Place)\b"
        ),  # "575 Wilbraham Road", "9 E 71st St"
        "id_before": re.compile(rf"(?:\b(?:{_alt(number_lexicon()['not_figures']['id_words'])})|#|№)\s*-?\s*$", re.IGNORECASE),
        # "aged 30", "ages 47 and 48", "aged 19, 22 and 25": every number of the list is an age
        "age_before": re.compile(r"\b(?:aged|ages?|age of)\s+(?:(?:between|from)\s+)?(?:\d{1,3}(?:\s*,\s*|\s+(?:and|or|to)\s+|,\s+and\s+))*$", re.IGNORECASE),
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


# a list's numbering before a name or an item: "1. John Smith 2. Maria Lopez", "3) Kazakhstan"
LIST_NUMBER = with_first_char(re.compile(r"(?:^|(?<=\s))(?P<n>\d{1,2})[.)]\s+(?=[A-Z\"“‘'])", re.MULTILINE))
# a stock quote: "(NASDAQ: AAPL)", "MOEX:GAZP", "GAZP 180.30 +2.50 (1.4%)", "(GAZP) rose 2.5 to 180.3"
TICKER = re.compile(
    r"\b(?:NYSE|NASDAQ|Nasdaq|LSE|MOEX|TSX|ASX|HKEX|NSE|BSE|SSE|XETRA|Euronext)\s*:\s*[A-Z][A-Z.]{0,6}\b[^\n]{0,60}"
    r"|\b[A-Z]{2,5}(?:\.[A-Z]{1,2})?\s+[$€£]?\d[\d,]*(?:\.\d+)?\s+[+\-−▲▼]\s?\d[\d,]*(?:\.\d+)?(?:\s*\(?[+\-−]?\d[\d,]*(?:\.\d+)?%\)?)?"
    r"|\((?!AP\)|AFP\)|UPI\))[A-Z]{3,5}\)\s+(?:rose|fell|gained|lost|climbed|dropped|slipped|jumped|was up|was down|closed)\b(?:[^.\n]|\.(?=\d)){0,60}"
)

# a result in sport: a win-loss(-tie) record ("improved to 14-0-1", "a 1-6-2 skid"), a score read with
# the word of the result beside it ("a 1-3 defeat", "lost 2-5"), and a score line ("Bruins 5, Devils 1:")
RESULTS = re.compile(
    r"(?=\d)(?<![\w.,/:–-])\d{1,3}(?:[-–]\d{1,3}){2,}(?![\w,/:%–-]|\.\d)"
    r"|(?=\d)(?<![\w.,/:–-])\d{1,2}[-–]\d{1,2}(?=\s+(?:(?:home|away|road|overtime|shootout|penalty|series)\s+)?"
    r"(?:win|wins|victory|defeat|loss|draw|tie|lead|record|start|skid|streak|run|rout|drubbing|thrashing|triumph)\b)"
    r"|(?=[wlbdter])\b(?:won|lost|beat|drew|tied|trail|trailed|trailing|lead|led|leading|edged|routed)\s\d{1,2}[-–]\d{1,2}(?![\w,/:%–-]|\.\d)"
    r"|(?=[A-Z])(?:^|(?<=[.:;!?]\s)|(?<=\n))(?:[A-Z][\w.'’&-]*\s){1,3}\d{1,2},\s(?:[A-Z][\w.'’&-]*\s){1,3}\d{1,2}"
    r"(?=\s*(?:\((?:OT|SO|\d?OT|aet|pens?)\)\s*)?(?:[:;\n]|$))",
    re.MULTILINE,
)  # each branch first tests the character it consumes first, before its lookbehinds: a position fails at one test

# a reference marker citing a source: "tied to skipped meals (5).", "in 52 adults (23). Then", "[12]"; a bare
# number alone in brackets after a word in lower case, closing its clause, is a footnote, not a figure
CITATION = with_first_char(re.compile(
    r"(?<=[a-z%’'\")\]])\s?(?:\((?:\d{1,3}(?:,\s?\d{1,3})*|\d{1,3}[–-]\d{1,3})\)|\[(?:\d{1,3}(?:,\s?\d{1,3})*|\d{1,3}[–-]\d{1,3})\])"
    r"(?=\s*(?:[.,;:!?]|$))",
    re.MULTILINE,
))

def citations(text: str) -> list[tuple[int, int]]:
    """The reference markers of `CITATION`, but for a number after a name, which is an age or a count
    ("John Smith (42)."): the word before the brackets in lower case."""
    out = []
    for m in CITATION.finditer(text):
        word = re.search(r"[\w’'-]+\W*$", text[max(0, m.start() - 40):m.start()])
        if word is None or not word.group()[:1].isupper():
            out.append((m.start(), m.end()))
    return out


# a table row, as the readers write a page's tables: "| HD | THE HOME DEPOT INC. | 225.86 | -12.99 | -5.44% |"
TABLE_ROW = re.compile(r"^[ \t]*\|(?:[^|\n]*\|){2,}[ \t]*$", re.MULTILINE)
QUOTE_CELLS = (re.compile(r"^[A-Z]{1,5}(?:\.[A-Z]{1,2})?$"), re.compile(r"^[+\-−▲▼]\s?\d[\d,]*(?:\.\d+)?%?$"))


def table_rows(text: str) -> list[tuple[int, int]]:
    """The rows of the page's tables (a table's numbers are told what they measure by its header, which a
    sentence does not give them)."""
    return [(m.start(), m.end()) for m in TABLE_ROW.finditer(text)]


# a line of a box score: a name, a number and what it counts, with no verb ("Abenov 25 points.",
# "Serikov 15 points, 8 rebounds."); two or more in a row make the summary of a game
STAT = r"[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+)?\s\d{1,3}\s[a-z]+(?:,\s\d{1,3}\s[a-z]+)*\."
STAT_LINES = re.compile(rf"(?:^|(?<=[.:;]\s)|(?<=\)\s)){STAT}(?:\s{STAT})+", re.MULTILINE)


def stat_lines(text: str) -> list[tuple[int, int]]:
    """The runs of box-score lines: each number is one player's, which no sentence frames, so the figures
    are kept with no measure to compare, as a table's cells are."""
    return [(m.start(), m.end()) for m in STAT_LINES.finditer(text)]


def quote_rows(text: str) -> list[tuple[int, int]]:
    """Table rows of stock quotes: a cell holding a ticker ("HD") and one a signed change ("-12.99", "+0.8%")."""
    out = []
    for start, end in table_rows(text):
        cells = [c.strip() for c in text[start:end].strip().strip("|").split("|")]
        if all(any(p.match(c) for c in cells) for p in QUOTE_CELLS):
            out.append((start, end))
    return out


def list_numbers(text: str) -> list[tuple[int, int]]:
    """The numbering of lists: a number with "." or ")" before a capital at the start of a line, or in a
    run of such numbers counting up on one line ("1. John Smith 2. Maria Lopez"); not "rose to 5. The"."""
    found = list(LIST_NUMBER.finditer(text))
    out = []
    for i, m in enumerate(found):
        line_start = text.rfind("\n", 0, m.start()) + 1
        at_start = not text[line_start:m.start()].strip()
        prev_n = found[i - 1] if i else None
        next_n = found[i + 1] if i + 1 < len(found) else None
        same_line = lambda o: o is not None and "\n" not in text[min(o.start(), m.start()):max(o.start(), m.start())]
        counted = (same_line(prev_n) and int(prev_n["n"]) + 1 == int(m["n"])) or (same_line(next_n) and int(m["n"]) + 1 == int(next_n["n"]))
        if at_start or counted:
            out.append((m.start(), m.end("n") + 1))
    return out


def addresses_and_tags(text: str) -> list[tuple[int, int]]:
    """Web addresses, e-mail addresses and markup tags."""
    out = [(m.start(), m.end()) for m in URL.finditer(text)]
    out += [(m.start(), end) for m in AT_RUN.finditer(text) if (end := _address_end(text, m.start(), m.end()))]
    return out + [(m.start(), m.end()) for m in TAG.finditer(text)]


def _address_end(text: str, start: int, end: int) -> int | None:
    """Where the e-mail address that the run of non-space characters text[start:end] opens ends
    (`name@host.domain`, read as `\\S+@\\S+\\.\\w+` from its start): after the word that follows the
    run's last "." with a word character after it, when an "@" stands at least two characters
    before that "." and not at the run's start; None when there is none."""
    dot = text.rfind(".", start, end - 1)
    while dot >= 0 and not _word(text[dot + 1]):
        dot = text.rfind(".", start, dot)
    if dot < 0 or text.rfind("@", start + 1, dot - 1) < 0:
        return None
    stop = dot + 1
    while stop < end and _word(text[stop]):
        stop += 1
    return stop


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def blocked_regions(text: str) -> list[tuple[int, int]]:
    """Page-furniture lines, URLs, phone numbers, list numbering, stock quotes, results in sport and reference markers."""
    out = addresses_and_tags(text)
    out += [(m.start(), m.end()) for m in PHONE.finditer(text)]
    out += list_numbers(text)
    out += [(m.start(), m.end()) for m in TICKER.finditer(text)]
    out += quote_rows(text)
    out += [(m.start(), m.end()) for m in RESULTS.finditer(text)]
    out += citations(text)
    # a furniture pattern whose words the text lacks matches none of its lines (`prefilter`): lines are tried
    # against the others only
    lowered, seen = screen_text(text), {}
    furniture = [p for p in _furniture() if may_match(required_literals(p), lowered, seen)]
    if not furniture:
        return out
    pos = 0
    for line in text.split("\n"):
        if any(p.search(line) for p in furniture):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@cache
def _furniture() -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in number_lexicon()["not_figures"]["furniture_lines"]]


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
            before = _before(text, a.start)
            ok = m is not None and _same_kind(text, a, b, m)
            if sep == "and":
                ok = ok and bool(re.search(r"between\s+(?:\S+\s+)?$", before))
            elif sep == "or":
                ok = ok and b.value <= 100 and a.value < b.value
            elif sep == "to":
                ok = ok and a.value < b.value and _to_is_range(text, before, a, b)
            if ok:
                low = a.value * b.scale if a.scale == 1 and b.scale > 1 and a.value < b.value / b.scale else a.value
                if sep in ("-", "–") and _thousands_shared(text, a, b):
                    low = a.value * 1000  # "$50-100,000", "20-30,000 people": the thousands are written once
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


CHANGE_WORDS = (
    r"ris(?:e|es|en|ing)|rose|fell|fall(?:s|en|ing)?|drop(?:s|ped|ping)?|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|"
    r"increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|slip(?:s|ped|ping)?|gr[eo]w(?:s|n|ing|th)?|"
    r"gain(?:s|ed|ing)?|los(?:e|es|t|ing)|up|down|revis(?:e|es|ed|ing|ion)|cut(?:s|ting)?|rais(?:e|es|ed|ing)|"
    r"lower(?:s|ed|ing)?|slid(?:e|es|ing)?|soar(?:s|ed|ing)?|surg(?:e|es|ed|ing)|plung(?:e|es|ed|ing)|plummet(?:s|ed|ing)?|"
    r"tumbl(?:e|es|ed|ing)|slump(?:s|ed|ing)?|s[ai]nk(?:s|ing)?|shr[iau]nk(?:s|ing)?|expand(?:s|ed|ing)?|expansion|"
    r"doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|halv(?:e|es|ed|ing)|go(?:es|ne|ing)?|went|mov(?:e|es|ed|ing)|"
    r"shift(?:s|ed|ing)?|chang(?:e|es|ed|ing)|boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|hik(?:e|es|ed|ing)|"
    r"swell(?:s|ed|ing)?|swollen|rebound(?:s|ed|ing)?|recover(?:s|ed|ing|y)?|improv(?:e|es|ed|ing)|worsen(?:s|ed|ing)?|"
    r"widen(?:s|ed|ing)?|narrow(?:s|ed|ing)?|reduc(?:e|es|ed|ing|tion)|slow(?:s|ed|ing|down)?|accelerat(?:e|es|ed|ing)|"
    r"upgrad(?:e|es|ed|ing)|downgrad(?:e|es|ed|ing)|dip(?:s|ped|ping)?|spik(?:e|es|ed|ing)|balloon(?:s|ed|ing)?|"
    r"extend(?:s|ed|ing)?|adjust(?:s|ed|ing|ment)?|trim(?:s|med|ming)?|slash(?:es|ed|ing)?|tick(?:s|ed|ing)?|"
    r"edg(?:e|es|ed|ing)|eas(?:e|es|ed|ing)"
)
# Right before "X to Y" (no "from"): "rose 7% to $2.3 billion" is a change, "can go 0 to 80km/h" a range.
CHANGE_VERBS = re.compile(
    r"\b(?:rose|rise|rises|risen|fell|fall|falls|fallen|dropped|drop|climbed|climb|jumped|jump|increased|increase|"
    r"decreased|decrease|declined|decline|slipped|grew|grow|gained|lost|up|down|revised|cut|raised|lowered|slid|soared|"
    r"surged|plunged|plummeted|tumbled|slumped|eased|edged)\s+(?:\S+\s+){0,2}$"
)
CHANGE_IN_CLAUSE = re.compile(rf"\b(?:{CHANGE_WORDS})\b", re.IGNORECASE)


def _before(text: str, start: int, width: int = 24) -> str:
    """The lower-cased text before a number, without a currency sign right before it ("between $40")."""
    window = text[max(0, start - width - 8):start]
    window = re.sub(r"(?<=[\s(])[-−]$", "", window)  # "between -5 and 10"
    sym = _patterns()["symbol"].search(window)
    if sym:
        window = window[:sym.start("sym")]
    return window[-width:].lower()


def _same_kind(text: str, a: Number, b: Number, gap: re.Match[str]) -> bool:
    """Both ends are the same kind of amount: "$40 and $45", "5% and 6%", "1 to 1.5 degrees", not "6.1% to $75";
    a sign before a range joined by a bare hyphen is both ends' ("$40-45 a barrel")."""
    sym_a = bool(_patterns()["symbol"].search(text[max(0, a.start - 6):a.start]))
    sym_b = bool(_patterns()["symbol"].search(gap.group()))
    if sym_a and not sym_b and gap.group() in ("-", "–"):
        return True
    if sym_a != sym_b:
        return False
    if gap["unit"]:
        return bool(_patterns()["percent"].match(text[b.end:b.end + 9]))
    return True


def _thousands_shared(text: str, a: Number, b: Number) -> bool:
    """ "50-100,000": a bare small number before a hyphen and a number in thousands that it is a
    thousandth of in size (the same order of magnitude once scaled)."""
    assert a.value is not None and b.value is not None
    first, second = text[a.start:a.end], text[b.start:b.end]
    return (
        re.fullmatch(r"\d{1,3}", first) is not None
        and re.fullmatch(r"\d{1,3},000", second) is not None
        and b.value / 10 < a.value * 1000 < b.value
    )


def _to_is_range(text: str, before: str, a: Number, b: Number) -> bool:
    """ "five to ten years", "ranging from 1 to 1.5 per cent", "by 1 to 1.5 degrees", "from 200 to 300
    people were hurt", "aged from 18 to 65", "down from $89 to $93 billion" are ranges; "rose from 185,000
    to 231,000", "rose 7% to $2.3 billion", "by $3.2 billion to $51.7 billion" are changes."""
    assert a.value is not None and b.value is not None
    if re.search(r"\bfrom\s+(?:\S+\s+)?$", before):
        if re.search(r"\b(?:rang\w*|var\w*|between|(?:up|down)\s+from|aged?|ages)\s+from\s+(?:\S+\s+)?$|\b(?:up|down)\s+from\s+(?:\S+\s+)?$", before):
            return True  # a range of one quantity; after "up from", the old value of a change already given
        if _range_then_to(text, b):
            return True  # "revised from 2 to 3 per cent to 1 to 2 per cent": the change's start is a range
        return not _change_before(text, a.start)
    if re.search(r"\bby\s+(?:\S+\s+)?$", before):
        return b.value <= 3 * a.value
    return not CHANGE_VERBS.search(before)


def _range_then_to(text: str, b: Number) -> bool:
    """Another "to" and a number right after "from X to Y (unit)": X to Y is the range a change starts from."""
    units = r"(?:%|percent|per\s?cent|pc|[A-Za-z]+(?:\s+[A-Za-z]+)?)"
    return bool(re.match(rf"\s?{units}?\s+to\s+(?:about\s+|around\s+)?\S?\d", text[b.end:b.end + 40]))


def _change_before(text: str, start: int) -> bool:
    """A word of change (rose, cut, revised, increase, went, ...) in the sentence before "from X to Y"."""
    window = text[max(0, start - 100):start]
    window = re.split(r"[.;!?]\s|\n", window)[-1]
    window = re.sub(r"\bfrom\s+(?:\S+\s+)?$", "", window)
    return bool(CHANGE_IN_CLAUSE.search(window))


# the hyphen of "minus-5" and "sub-5": the pattern opens with the hyphen itself, so `re` skips to the next one in C
# instead of trying the words' lookbehinds at every position of the text (the same hyphens as
# `(?i)(?<=\bminus)-(?=\d)|(?<=\bsub)-(?=\d)`)
GLUED_MINUS = re.compile(r"-(?=\d)(?:(?<=\bminus-)|(?<=\bsub-))", re.IGNORECASE)


# a model's designation, a number with a variant's letters after a hyphen ("the 777-200LR", "an 848-100X"):
# the document's bare "777" ("unveils new 777 aircraft", "Boeing's 777 line") names the model too
MODEL_NAME = re.compile(r"(?<![\w.,-])(\d{3,4})-\d{0,4}[A-Z]{1,4}\b")


def find(text: str, blocked: list[tuple[int, int]]) -> list[Span]:
    """Figure spans in text order; `blocked` are regions where no figure starts (dates, furniture)."""
    pats = _patterns()
    masked = pats["glued_symbol"].sub(lambda m: " " * len(m.group()), text)  # "USD10m": the number alone
    masked = GLUED_MINUS.sub(" ", masked)  # "minus-5 yards", "sub-5 nanometre"
    models = {m.group(1) for m in MODEL_NAME.finditer(text)}
    numbers = [
        n for n in find_numbers(masked)
        if not _inside(n.start, n.end, blocked) and not (models and text[n.start:n.end] in models)
    ]
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
    return _partitive_units(text, _share_change_units(text, out))


def _partitive_units(text: str, spans: list[Span]) -> list[Span]:
    """A part written before its whole takes the whole's unit: "raised 280 million of the 1.5 billion
    shekels", "12 of the 40 tons"."""
    out = list(spans)
    for i in range(len(out) - 1):
        x, y = out[i], out[i + 1]
        if x.kind == "count" and y.kind in ("money", "unit", "percent") and re.fullmatch(r"\s+of\s+(?:the|a|an|its|their|his|her)\s+", text[x.end:y.start]):
            out[i] = replace(x, kind=y.kind, unit=y.unit, currency=y.currency)
    return out


def _scale_of(text: str, span: Span) -> float:
    """The factor of the scale word a span's number ends with ("33-35 billion" -> 1e9), else 1."""
    lex = number_lexicon()
    m = re.search(r"(?:(?<=\d)|\s)([A-Za-z]+)$", text[span.num_start:span.num_end])
    if not m:
        return 1.0
    word = m.group(1).lower()
    return float(lex["scales"].get(word) or lex["abbreviations"].get(word) or 1.0)


def _share_change_units(text: str, spans: list[Span]) -> list[Span]:
    """The two ends of a change share a unit and a scale written once: "from 4 to 6 per cent",
    "from 90 kilograms to 82", "from 1.5 to 2 billion euros"."""
    out = list(spans)
    for i in range(len(out) - 1):
        x, y = out[i], out[i + 1]
        opened = re.search(r"\bfrom\s+$", text[max(0, x.start - 8):x.start]) or re.match(r"from\s", text[x.start:x.start + 5], re.IGNORECASE)
        if not re.fullmatch(r"\s+to\s+", text[x.end:y.start]) or not opened:
            continue
        if x.kind == "count" and y.kind in ("percent", "money", "unit") and x.low is None and x.high is None:
            factor = _scale_of(text, y)
            if factor > 1 and _scale_of(text, x) == 1 and x.value is not None and x.value < factor:
                x = replace(x, value=x.value * factor)
            out[i] = replace(x, kind=y.kind, unit=y.unit, currency=y.currency)
        elif y.kind == "count" and x.kind in ("percent", "money", "unit"):
            out[i + 1] = replace(y, kind=x.kind, unit=x.unit, currency=x.currency)
    return out


def _amount(num: str, scale: str | None) -> float:
    amount = float(num.replace(",", ""))
    if scale:
        amount *= float(number_lexicon()["scales"].get(scale.lower()) or number_lexicon()["abbreviations"].get(scale.lower()) or 1)
    return amount


def conversion_length(text: str, end: int) -> int:
    m = _patterns()["conversion"].match(text[end:end + 60])
    return m.end() if m else 0


def end_with_conversion(text: str, span: Span) -> int:
    """Where a figure ends with the article's own conversion in brackets after it ("$5,130 (£4,000)")."""
    return span.end + (conversion_length(text, span.end) if span.conversion else 0)


def _build(text: str, a: Number, b: Number | None) -> Span | None:
    pats = _patterns()
    last = b or a
    start, end = a.start, last.end
    if a.spelled and not b and not a.fraction and (a.value in (0.5,) or text[a.start:a.end].lower() in ("half", "zero")):
        return None
    hyphened = re.match(r"-([a-z]+)", text[a.end:a.end + 12])
    if a.spelled and not a.fraction and hyphened and hyphened.group(1) not in measure_lexicon()["units"]:
        return None  # "one-off", "six-cylinder": part of a compound word ("five-year" is a span of time)
    kind, unit, currency = "count", None, None
    # before the number: a sign ("-5%"), a currency symbol ("$-12.5bn", "-$3m"), then a hedge
    sign = pats["sign"].search(text[max(0, start - 8):start])
    if sign:
        start -= 1
        if b is not None:  # "between -5 and 10 degrees": the low end is negative
            a = replace(a, value=-(a.value or 0))
    sym = pats["symbol"].search(text[max(0, start - 6):start])
    if sym:
        currency = currencies()["symbols"][sym["sym"]]
        kind = "money"
        start -= len(text[max(0, start - 6):start]) - sym.start("sym")
    if not sign and not b and re.search(r"(?:^|(?<=[\s(=:]))[-−]$", text[max(0, start - 2):start]):
        sign, start = True, start - 1  # "-$3m"
    minus = re.search(r"\bminus[\s-]?$", text[max(0, start - 7):start], re.IGNORECASE)
    minus_at = max(0, start - 7) + minus.start() if minus else None
    if minus and b is not None:  # "minus 5 to 10": the low end
        a = replace(a, value=-(a.value or 0))
    negative = bool(minus or sign) and b is None
    # after it: a hedge ("a dozen or so days"), then percent, currency word or unit
    early = qualifier_after(text, end)
    if early and early[0] == "about" and not b:
        end = early[1]
    if a.qualifier:
        early = early or (a.qualifier, end)  # "a couple of": about two
    after = text[end:end + 40]
    age = AGE_AFTER.match(after)
    if kind == "count" and age:
        kind, unit, end = "unit", f"{age['u'].lower()} of age", end + age.end()
    elif kind == "count" and a.fraction:
        of = pats["of_unit"].match(after)
        if of:  # "1/16 of a US pint": an amount of the unit
            kind, unit, end = "unit", measure_lexicon()["units"][of["u"].lower()], end + of.end()
    if kind == "count":
        m = pats["percent"].match(after)
        if m:
            kind, unit, end = "percent", "percent", end + m.end()
        elif re.match(r"\s?[€£¥₽₹]", after):
            sign = after.strip()[0]
            kind, currency, end = "money", currencies()["symbols"][sign], end + after.index(sign) + 1
        else:
            m = pats["currency_word"].match(after)
            if m and not re.match(r"-[A-Za-z]", after[m.end():]):  # not "275 pound-feet"
                word = m["w"].lower()
                code = currencies()["words"][word]
                kind, currency, end = "money", code, end + m.end()
            else:
                m = pats["unit"].match(after)
                if m and not (m["g"] and (a.spelled or _resolution(m["g"], last.value))):
                    unit = measure_lexicon()["spaced_symbols"][m["s"]] if m["s"] else measure_lexicon()["units"][m["u"].lower() if m["u"] else m["g"]]
                    kind = "time" if unit in TIME_UNITS else "unit"
                    end += m.end()
    if kind == "count" and a.fraction:
        kind, unit = "fraction", "fraction"  # "two-thirds of the sales", "one in three Germans"
    if kind == "count" and (last.value or 0) < 130 and pats["age_before"].search(text[max(0, start - 24):start]):
        kind, unit = "unit", "year of age"  # "aged 30", "over the age of 21", "aged from 18 to 65"
    if kind == "count" and b is None and (a.value or 0) < 120 and AGE_AT_DEATH.search(text, max(0, a.start - 40), a.start) and AGE_AT_DEATH_AFTER.match(text, a.end):
        kind, unit = "unit", "year of age"  # an age at death: "died Thursday at 91.", "dies at 85 in Rome"
    if kind == "time" and FRAME_AFTER.match(text[end:end + 12]):
        return None  # "three years ago": a date
    if kind == "time" and text[last.end:last.end + 1] == "-" and TERM_OF_NOUN.match(text, end):
        return None  # "a five-year award", "a 30-year high": the term of the noun after it, not a figure
    if a.vague and b is None and kind in ("count", "unit") and place_distance(text, a.end):
        return None  # "hundreds of miles from the coast": roughly where a place is, not a figure
    if a.spelled and b is None and _in_title(text, a, end):
        return None  # "an award for Million Dollar Baby": a name, not an amount
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
        opener = r"between|from" if re.search(r"\bto\b", text[a.end:b.start]) else "between"  # "from 200 to 300 people"
        between = re.search(rf"\b(?:{opener})\s+$", text[max(0, start - 10):start], re.IGNORECASE)
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
    if minus_at is not None:
        start = min(start, minus_at)
    if negative:
        value, low, high = (-x if x is not None else None for x in (value, high, low))
    conversion = None
    m = pats["conversion"].match(text[end:end + 60])
    if m and (m["sym"] or m["w"]) and kind in ("money", "count"):
        conv_cur = currencies()["symbols"].get(m["sym"]) if m["sym"] else currencies()["words"][m["w"].lower()]
        conv_q = number_lexicon()["qualifiers"]["before"].get(m["q"].lower()) if m["q"] else None
        conversion = (_amount(m["num"], m["scale"]), conv_cur, conv_q)
        for more in pats["more_conversion"].finditer(m["more"] or ""):  # "(£175m; $328m)": the dollar one
            if conversion[1] != "USD" and currencies()["symbols"].get(more["sym"]) == "USD":
                conversion = (_amount(more["num"], more["scale"]), "USD", None)
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


AGE_AT_DEATH = re.compile(r"\b(?:died|dies|passed away)(?:\s+(?:on\s+)?[A-Za-z]+){0,2}?\s+at\s+$", re.IGNORECASE)
AGE_AT_DEATH_AFTER = re.compile(r"[.,;)]|\s+(?:in|on|after|of|from|following|at|and|while)\b|\s*$")


def _not_a_count(text: str, a: Number, b: Number | None) -> bool:
    """Identifiers, bare years, ages and glued labels."""
    pats = _patterns()
    before = text[max(0, a.start - 16):a.start]
    if pats["id_before"].search(before) or pats["age_before"].search(before):
        return True
    if re.search(r"[A-Za-z]-$|[A-Za-z]$", before) and not re.search(r"\bsub-$", before, re.IGNORECASE):
        return True  # "An-124", "M21" (not "sub-5")
    if re.match(r"[A-Za-z]", text[(b or a).end:(b or a).end + 1]):
        return True  # "5s", "5G"
    if re.match(r"\s*/\s*\d", text[a.end:a.end + 4]) or re.search(r"\d\s*/\s*$", before):
        return True  # "24/7", "3/4"
    digits = text[a.start:a.end]
    if not a.spelled and b is None and re.fullmatch(r"1[89]\d\d|20\d\d", digits):
        return True  # a year the timex tagger passed over ("the 2000 treaty")
    if not a.spelled and b is None and re.fullmatch(r"2[1-9]\d\d", digits) and re.search(r"\b(?:by|in|until|till|before|after|since|through)\s+$", before, re.IGNORECASE):
        return True  # a year further off: "by 2100", "in 2120"
    if pats["person_age"].search(before) and re.match(r",", text[a.end:a.end + 1]) and (a.value or 0) < 120:
        return True  # an age: "Hemil Mangukiya, 23, from Surat"
    if pats["street"].match(text[(b or a).end:(b or a).end + 40]):
        return True  # an address: "575 Wilbraham Road"
    furniture_after = number_lexicon()["not_figures"]["furniture_after"]
    tail = text[a.end:a.end + 14].lower().strip()
    if a.spelled and b is None and _position(text[(b or a).end:(b or a).end + 30]):
        return True  # "one step below general": a rank, not a count
    if any(tail.startswith(f) for f in furniture_after):
        return True
    line_start, line_end = text.rfind("\n", 0, a.start) + 1, text.find("\n", a.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    social = number_lexicon()["not_figures"]["social_after"]
    return len(line.split()) <= 8 and any(re.match(rf"{re.escape(f)}\b", tail) for f in social)


def _in_title(text: str, a: Number, end: int) -> bool:
    """A number spelled with a capital inside a sentence, its unit or currency word too, and a capitalised
    word after them, in a line that is not in title case: a part of a name ("won Best Actress for Million
    Dollar Baby", "the Six Nations", "told Radio Five Live"), not an amount ("spent Ten Million Dollars on
    it" is one)."""
    if not text[a.start].isupper():
        return False
    before = text[max(0, a.start - 3):a.start]
    if not before.strip() or re.search(r"[.!?:\n\"“‘'(]\s*$", before):
        return _name_elsewhere(text, a, end)  # a sentence, a line or a quotation opens with it
    if not all(w[:1].isupper() for w in text[a.start:end].split()):
        return False
    after = re.match(r"\s+[A-Z][a-z]+", text[end:end + 30])
    line_start, line_end = text.rfind("\n", 0, a.start) + 1, text.find("\n", a.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return after is not None and len(re.findall(r"(?:^|\s)[a-z]{3,}", line)) >= 2


def _name_elsewhere(text: str, a: Number, end: int) -> bool:
    """A capitalised number and the capitalised word after it, opening a line or a sentence, that the
    document also writes inside a sentence ("the Six Nations", "RBS Six Nations"), or that opens a line
    as a heading's label ("Six Nations: ..."): a name there too."""
    m = re.match(r"\s+([A-Z][a-z]+)", text[end:end + 30])
    if m is None:
        return False
    name = text[a.start:end] + m.group()
    if text.startswith(":", end + m.end()) and (a.start == 0 or text[a.start - 1] == "\n"):
        return True
    inside = re.compile(rf"(?:\b[a-z]+|\b[A-Z]{{2,}}|\b[A-Z][a-z]+) {re.escape(name)}\b")  # on its line, after a word
    return inside.search(text) is not None


def _position(after: str) -> bool:
    """ " step below", " notches above": a noun of rank followed by a word of direction."""
    lex = number_lexicon()["not_figures"]
    m = re.match(r"\s+([a-z]+)\s+([a-z]+)", after.lower())
    return m is not None and m.group(1) in lex["position_nouns"] and m.group(2) in lex["position_after"]


def place_distance(text: str, end: int) -> bool:
    """A distance after the number ending at `end` that says where something is: " miles from the coast",
    " nautical miles west of Aden", " km north of the border", " kilometres away"; "within a few km of"."""
    lex = number_lexicon()["not_figures"]
    m = re.match(r"(?:\s+of)?[\s-]+(?:nautical\s+)?([a-z]+)(?:\s*\([^()]{0,30}\))?\s+([a-z-]+)", text[end:end + 70].lower())
    if m is None or m.group(1) not in lex["distance_units"]:
        return False
    if m.group(2) in lex["distance_after"]:
        return True
    line = text.rfind("\n", 0, end) + 1
    return m.group(2) == "of" and re.search(r"\bwithin\s+(?:\S+\s+){0,3}$", text[max(line, end - 30):end], re.IGNORECASE) is not None


def _resolution(unit: str, value: float | None) -> bool:
    """ "1080p", "720p": a video resolution, not pence."""
    return unit == "p" and value in (144, 240, 360, 480, 576, 720, 1080, 1440, 2160, 4320)


def _about_is_concerning(text: str, pos: int) -> bool:
    """ "information about 16 who have been killed": "about" as a preposition, not a hedge."""
    m = re.search(r"([A-Za-z]+)\s+$", text[max(0, pos - 20):pos])
    return m is not None and m.group(1).lower() in measure_lexicon()["about_heads"]
