"""Candidate temporal expressions found by patterns over the text, before they are normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from collections.abc import Callable
from typing import Any

from ..datafiles import load
from .numbers import lexicon as number_lexicon
from .prefilter import FirstCharScan, Required, by_first_char, first_char_scan, may_match, required_literals, screen_text, with_first_char


def lexicon() -> dict[str, Any]:
    return load("timexes")


# the centuries spelled as ordinals, in order ("the fourteenth century" is the 14th)
CENTURY_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
    "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty first",
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str  # the rule that found it; `normalise` dispatches on it
    groups: dict[str, str]


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cap(words: Any, dot: str = r"\.?", case: Callable[[str], str] = str.capitalize) -> str:
    """Capitalised forms only (month and weekday names; with `case=str.upper`, the forms in capitals, "MAY",
    "SEPT."); abbreviations take `dot` after them."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        form = re.escape(case(w))
        out.append(form if len(w) > 4 or w in ("may", "june", "july") else form + dot)
    return "(?-i:" + "|".join(out) + ")"


# Words before a bare month or season that make it a date ("in June", not "June Smith").
TEMPORAL_PREPS = (
    "in", "on", "since", "by", "until", "till", "through", "from", "to", "of", "during", "before", "after",
    "last", "next", "this", "early", "late", "mid", "and", "or", "between", "around", "throughout", "as of",
    "for", "at", "that", "the", "past", "coming", "each", "every", "into", "a", "an",
)
# Words before a bare season that make it a date ("in spring", not "to fall").
SEASON_PREPS = ("in", "since", "by", "until", "through", "during", "before", "after", "over", "throughout", "of", "and", "or", "early", "late", "mid")


@cache
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """The rules, their word lists written as plain alternations (what the screens read)."""
    return _compile(_alt)


def _grouped(words: Any) -> str:
    return by_first_char(sorted(words, key=len, reverse=True))


def _compile(alt: Callable[[Any], str]) -> list[tuple[str, re.Pattern[str]]]:
    """The rules with their word lists written by `alt`."""
    return [(kind, re.compile(p, re.IGNORECASE)) for kind, p, _ in _rules(alt)]


def _rules(alt: Callable[[Any], str]) -> list[tuple[str, str, str | None]]:
    """Each rule: its kind, its pattern and, for some, a core: a run of the pattern's own items, one after
    the other, that are not optional, so every match of the rule holds a match of its core (a rule whose
    core the text lacks cannot match: `_cores`)."""
    lex = lexicon()
    mon = rf"(?P<mon>{_cap([m for m in lex['months'] if m not in ('mar', 'may')] + ['may'])}|(?-i:Mar\.))"
    upper_mon = rf"(?P<mon>{_cap(lex['months'], case=str.upper)})"
    dot = r"\."
    weekdays = _cap(lex["weekdays"], dot=dot)
    wday = rf"(?P<wd>{weekdays})"
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[6-9]|20)\d\d)"
    num_words = alt([*number_lexicon()["words"], *number_lexicon()["scales"]])
    num = rf"(?P<n>\d+(?:\.\d+)?|(?:{num_words})(?:[\s-]+(?:and\s+)?(?:{num_words}))*|an?|a few|several|a couple of|many|few)"
    units = r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|quarters?|years?|decades?|century|centuries)"
    season = rf"(?P<season>{alt(lex['seasons'])})"
    mods = alt(lex["modifiers"])
    dmods = alt(lex["duration_modifiers"])
    refs = alt(lex["references"])
    centuries = "|".join(w.replace(" ", r"[\s-]") for w in sorted(CENTURY_WORDS, key=len, reverse=True))
    pod = rf"(?P<pod>{alt(lex['parts_of_day'])})"
    sets = alt(lex["sets"])
    rules = [
        ("date", rf"(?:{wday},?\s+)?{mon}\s+{day}(?:,?\s+{year})?(?![\d,]*\d)", rf"{mon}\s+{day}"),
        ("date", rf"(?:{wday},?\s+)?(?:the\s+)?{day}(?:\s+of)?\s+{mon}(?:,?\s+{year})?\b", rf"{day}(?:\s+of)?\s+{mon}"),
        ("month_year", rf"\b(?:(?P<mod>{mods})[\s-]+)?{mon}(?:\s+of)?,?\s+{year}\b"),
        # a month in capitals is a date only with its year ("MAY 3, 2013" in a page's byline; "MARCH 12 MILES" is not)
        ("date", rf"\b{upper_mon}\s+{day},?\s+{year}(?![\d,]*\d)"),
        ("date", rf"\b{day}\s+{upper_mon},?\s+{year}\b"),
        ("month_year", rf"\b{upper_mon},?\s+{year}\b"),
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("slash", r"\b(?P<month>1[0-2]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])/(?P<year>(?:19|20)\d\d)\b"),
        ("year", rf"\b(?:(?P<mod>{mods})[\s-]+)?(?:(?P<fiscal>fiscal)\s+)?(?<![\d$£€.,]){year}(?!\d|,\d{{3}}|\.\d|\s*%|-\d)"),
        ("decade", rf"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>(?:1[6-9]|20)\d0)['’]?s\b", r"(?P<dec>(?:1[6-9]|20)\d0)['’]?s\b"),
        ("decade", r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?['’](?P<short>\d0)s\b", r"['’](?P<short>\d0)s\b"),
        ("century", r"(?:the\s+)?(?P<ord>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century\b"),
        ("century", rf"(?:the\s+)?(?P<cword>{centuries})[\s-]+century\b"),
        ("century", r"(?:the\s+)?(?<![\d$£€.,])(?P<hundreds>1[0-5]|[1-9])00['’]?s\b", r"(?<![\d$£€.,])(?P<hundreds>1[0-5]|[1-9])00['’]?s\b"),
        ("quarter", rf"\b(?:(?P<det>the|this|last|next|the current|this year's|last year's|next year's|the year-ago|the year-earlier)\s+)?(?:(?P<year0>(?:19|20)\d\d)\s+)?(?:fiscal[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)(?P<hy>[\s-])(?:fiscal[\s-]+)?quarter(?:(?:\s+of\s+(?:fiscal\s+)?|\s+){year})?\b"),
        ("fin_quarter", r"\b(?P<det>the latest|the most recent|the year-ago|the year-earlier|the comparable year-ago|the current|the)\s+quarter\b"),
        ("year_back", r"\b(?:the\s+(?:(?P<latest>latest|most\s+recent)|(?:comparable\s+|corresponding\s+|same\s+)?(?P<back>year-ago|year-earlier)|(?P<year>(?:19|20)\d\d))\s+period|the\s+(?P<year2>(?:19|20)\d\d)\s+quarter|the\s+(?:corresponding|comparable|same)\s+(?:period|quarter)\s+(?P<back2>last\s+year|a\s+year\s+(?:ago|earlier))|(?P<adj>year-ago|year-earlier))(?![\w-])"),
        ("quarter", rf"\bQ(?P<q>[1-4])(?:\s+{year})?\b"),
        ("half", rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+{year})?\b"),
        # "the final quarter of 2006", "the first three months of 2007", "the last six months of 2006": a year's part
        ("quarter", rf"\bthe\s+(?P<edge>first|last|final)\s+(?:quarter|three\s+months)\s+of\s+{year}\b"),
        ("half", rf"\bthe\s+(?P<edge>first|last|final|second)\s+six\s+months\s+of\s+{year}\b"),
        ("season", rf"\b(?:(?P<rel>this past|this coming|this|last|next|the)\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?{season}(?:(?:\s+of\s+|\s+){year})?\b"),
        ("relday", rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rd>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow)(?:\s+{pod})?\b"),
        ("ref", rf"\b(?P<ref>{refs})\b"),
        ("spelled_year", rf"\b(?:(?:(?P<mod>{mods})[\s-]+)?{mon},?\s+|(?:the\s+)?{season}\s+of\s+|the\s+year\s+)?(?P<syear>(?:nineteen|twenty)[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?(?:{num_words})(?:[\s-]+(?:{num_words}))?|two\s+thousand(?:[\s-]+(?:and[\s-]+)?(?:{num_words}))?)\b"),
        ("decade", r"\bthe\s+(?:(?P<mod>early|mid|late)[\s-]+)?(?:nineteen[\s-]+)?(?P<dword>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
        ("weekday", rf"(?:(?P<rel>this past|this coming|the previous|the following|this|last|next|early|late|earlier|later)\s+)?{wday}(?:\s+{pod}s?)?"),
        ("rel_unit", r"\b(?P<rel>this|last|next|the past|the last|the previous|the coming|the next|the following|the current|this past|the latest)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal year)\b"),
        ("mod_unit", rf"\b(?P<mod>{mods}|earlier|later)[\s-]+(?P<rel>this|last|next|the|that)\s+(?P<unit>week|month|year|quarter|decade|century)\b"),
        ("year_end", r"\b(?P<rel>year|month|quarter)[-\s](?P<which>end|start)\b"),
        ("month", rf"\b(?:(?P<mod>{mods})[\s-]+)?(?:(?P<rel>this past|this coming|last|next|this)\s+)?{mon}(?:\s+(?P<yrel>this|last|next)\s+year)?(?![\w-])"),
        ("ago", rf"\b(?:(?P<q>{dmods})\s+)?{num}\s+{units}\s+(?P<dir>ago|earlier|later|before|from now|hence)\b", rf"{units}\s+(?P<dir>ago|earlier|later|before|from now|hence)\b"),
        ("anaphor", r"\b(?P<a>the same|that|the next|the following|the previous|the preceding)\s+(?P<unit>day|week|month|year|weekend)\b"),
        ("weekend", r"\b(?:(?P<rel>this|last|next|the)\s+)weekend\b"),
        ("week_of", rf"\bthe\s+week\s+of\s+{mon}\s+{day}\b"),
        ("age", rf"\b(?P<n>\d+|{num_words})(?:[\s-])(?P<unit>year|month|week|day)s?[\s-]olds?\b", r"(?P<unit>year|month|week|day)s?[\s-]olds?\b"),
        ("duration", rf"\b(?:(?P<frame>the\s+(?:past|last|next|first|coming|previous|following|latest|final|remaining)\s+)|(?P<q>{dmods})\s+)?{num}\s+(?:(?:more|additional|full|straight|consecutive|trading|long|further|single|whole)\s+)?{units}(?!\s+(?:ago|earlier|later|before|from now|hence|old)\b)(?![\w-])"),
        ("duration", rf"\b(?P<n>\d+|{num_words})-{units}(?![\w-])", rf"-{units}(?![\w-])"),
        ("vague_duration", r"\b(?P<lead>for|over|the past few|the last few|the next few|the coming|the past several|several|many|a few)\s+(?P<unit>days|weeks|months|years|decades|centuries|hours|minutes)\b"),
        ("set", rf"\b(?P<setword>{sets})\b"),
        ("set", rf"\b(?P<every>every|each|per)\s+(?:(?P<wd2>{weekdays})|(?P<unit>day|week|month|year|quarter|hour|morning|evening|night|weekend))\b"),
        ("rate", r"(?<=[\w%)] )(?P<a>a)\s+(?P<unit>day|week|month|year)\b"),
        ("time", r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?P<tz>(?-i:[A-Z]{2,4})))?"),
        ("time", r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b"),
        # a clock time in four digits before its zone ("at 0930 GMT", "(1500 GMT)", "14.05 BST")
        ("time", r"\b(?P<h>[01]\d|2[0-3])[.:]?(?P<mi>[0-5]\d)\s*(?P<zone>(?-i:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST))\b"),
        ("daypart", rf"\b(?P<rel>this|last|yesterday|tomorrow)\s+{pod}\b"),
        ("daypart", r"\b(?P<word>noon|midnight|overnight)\b"),
    ]
    return [(kind, p, core) for kind, p, core in ((*rule, None)[:3] for rule in rules)]


@cache
def _cores() -> list[Any]:
    """Each rule's core as a search that tells whether the text holds a match of it (None: no core). The core
    is searched for by the pattern engine's own search for its first characters (`FirstCharScan`) where it
    can be; a rule whose required words are all present often still lacks its core ("May 5", "'80s"). A core
    is given where searching for it costs less than the rule's scans it saves over the BBC articles of
    docs/performance.md (a month's name in capitals, for one, is looked for at every letter a month's name
    may start with, in either case, and costs as much as the rules it would skip)."""
    out = []
    for _, _, core in _rules(_grouped):
        compiled = re.compile(core, re.IGNORECASE) if core is not None else None
        scan = first_char_scan(compiled) if compiled is not None else None
        out.append(scan.scan.search if scan is not None else compiled.search if compiled is not None else None)
    return out


@cache
def _screened() -> list[tuple[str, re.Pattern[str] | FirstCharScan, Required]]:
    """Each rule's pattern (word lists grouped by first character), tried only where a match
    can start (found by the pattern engine's search for the characters a match can start with,
    `FirstCharScan`, where it can be), with the words it needs (read from the plain pattern)."""
    return [
        (kind, first_char_scan(fast) or with_first_char(fast), required_literals(plain))
        for (kind, plain), (_, fast) in zip(patterns(), _compile(_grouped), strict=True)
    ]


def find(text: str) -> list[Candidate]:
    """Every candidate, overlapping; the caller picks among them."""
    out = []
    lowered = screen_text(text)  # a rule whose required words are absent cannot match: skip it
    seen: dict[str, bool] = {}
    for (kind, pattern, needs), core in zip(_screened(), _cores(), strict=True):
        if not may_match(needs, lowered, seen) or core is not None and core(text) is None:
            continue
        if isinstance(pattern, FirstCharScan):  # never an empty match
            for start, end, found in pattern.finditer(text):
                out.append(Candidate(start, end, kind, {k: v for k, v in found.items() if v is not None}))
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                out.append(Candidate(m.start(), m.end(), kind, groups))
    return out


def word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 20):start])
    return m.group(1).lower() if m else ""
