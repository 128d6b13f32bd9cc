"""The regex screen skips a pattern only where it cannot match: same matches as without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from threadline.domain import load_pack
from threadline.extract import events as events_mod
from threadline.extract.prefilter import (
    ASCII_CASE_EXTRAS,
    FirstCharScan,
    by_first_char,
    first_char_scan,
    may_match,
    required_literals,
    screen_text,
    with_first_char,
)
from threadline.extract.numbers import _compiled as number_patterns
from threadline.extract.timex_patterns import Candidate, find, patterns

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"

TEXTS = [
    "The deal was signed on April 13, 2023, three weeks ago, and the second quarter ended at 5 p.m.",
    "Sales rose in the 1990s and again in the ’90s; next Tuesday the board meets, the same day as last year.",
    "Nothing temporal here at all, only words and a number: 42.",
    "RECRUITERS PROMISED JOBS AS DRIVERS AND TOOK THEIR PASSPORTS, THE MINISTRY SAID IN JUNE 2024.",
    "Signed Up by a broker: they were sent to the front line within weeks.",
    # characters that case-insensitive matching equates with ASCII letters
    "Two-thirds of the 1,500 recruits, a couple of dozen men and tens of thousands more; one in three got ½ or 2 1/2 "
    "times the $1.5bn (about 6.2×10^5 roubles), some 45m-long trucks, hundreds of them, twenty-four in all.",
    "The contract was S\u0130GNED in Decemb\u0131r; the men were \u017fent to the front \u212aherson last \u212aeek.",
    "",
]


def corpus_texts() -> list[str]:
    return TEXTS + [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def all_patterns() -> list[re.Pattern[str]]:
    out = [p for _, p in patterns()]
    _, phrases, indicators = events_mod._compiled_pack(load_pack("recruitment"))
    out += [p for p, _, _ in phrases] + [p for p, _, _ in indicators]
    return out + [p for name, p in number_patterns().items() if name != "metre_after"]


def test_screen_never_skips_a_pattern_that_matches():
    texts = corpus_texts()
    for pattern in all_patterns():
        needs = required_literals(pattern)
        for text in texts:
            if pattern.search(text):
                assert may_match(needs, screen_text(text)), (pattern.pattern[:80], text[:60])


def test_screen_with_the_words_seen_kept_decides_as_without():
    patterns = all_patterns()
    for text in corpus_texts():
        lowered, seen = screen_text(text), {}
        for pattern in patterns:
            needs = required_literals(pattern)
            assert may_match(needs, lowered, seen) == may_match(needs, lowered)
        assert lowered is None or all((word in lowered) == found for word, found in seen.items())


def test_screen_skips_absent_words():
    pattern = re.compile(r"\b(?:(?P<mod>early|late)\s+)?(?P<ord>first|second)\s+quarter\b", re.IGNORECASE)
    needs = required_literals(pattern)
    assert ("quarter",) in needs and ("first", "second") in needs
    assert not may_match(needs, screen_text("Profits rose in the first half."))
    assert may_match(needs, screen_text("Profits rose in the FIRST QUARTER."))


def test_required_literals_of_constructs():
    def needs(p: str, flags: int = re.IGNORECASE) -> tuple[tuple[str, ...], ...]:
        return required_literals(re.compile(p, flags))

    assert needs(r"\bsign up\b") == (("sign up",),)
    assert needs(r"ab?c") == (("a",), ("c",))  # the optional letter requires nothing
    assert needs(r"(?:x|y)?z") == (("z",),)
    assert needs(r"(?:foo|bar\w)baz") == (("foo", "bar"), ("baz",))
    assert needs(r"(?:foo|\d+)") == ()  # one alternative needs no letters: nothing known
    assert needs(r"(?=abc)\w+") == (("abc",),)
    assert needs(r"(?!abc)\w+") == ()
    assert needs(r"(?:ab)+c") == (("ab",), ("c",))
    assert needs(r"(?:ab)*c") == (("c",),)
    assert needs(r"caf\u00e9") == ()  # not ASCII: no screen on it
    assert needs(r"(?-i:May)\s+\d") == (("may",),)


def test_special_characters_turn_the_screen_off():
    for ch in ASCII_CASE_EXTRAS:
        assert screen_text(f"a {ch} b") is None
        assert may_match((("never there",),), None)
    # the dotted capital I matches "i" case-insensitively, so "S\u0130GNED" is "signed"
    assert re.search(r"signed", "S\u0130GNED", re.IGNORECASE)


def _unscreened_find(text: str) -> list[Candidate]:
    out = []
    for kind, pattern in patterns():
        for m in pattern.finditer(text):
            if m.end() > m.start():
                out.append(Candidate(m.start(), m.end(), kind, {k: v for k, v in m.groupdict().items() if v is not None}))
    return out


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_find_equals_unscreened_find(index):
    text = TEXTS[index]
    assert find(text) == _unscreened_find(text)


def test_find_equals_unscreened_find_on_the_example_corpus():
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text("utf-8")
        assert find(text) == _unscreened_find(text), path.name


def _matches(pattern: re.Pattern[str], text: str, *window: int) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, *window)]


def test_first_char_lookahead_finds_the_same_matches():
    texts = corpus_texts()
    for pattern in all_patterns():
        wrapped = with_first_char(pattern)
        assert wrapped.groupindex == pattern.groupindex
        for text in texts:
            assert _matches(wrapped, text) == _matches(pattern, text), (pattern.pattern[:80], text[:60])
            if len(text) > 40:  # the events extractor searches sentence windows
                assert _matches(wrapped, text, 5, len(text) - 7) == _matches(pattern, text, 5, len(text) - 7)


def test_first_char_lookahead_constructs():
    def first(p: str, flags: int = re.IGNORECASE) -> str:
        return with_first_char(re.compile(p, flags)).pattern

    assert first(r"\bab") == r"(?=(?i:[a]))(?:\bab)"
    assert first(r"(?:the\s+)?(?P<n>\d+|one)\s+days?") == r"(?=(?i:[\dot]))(?:(?:the\s+)?(?P<n>\d+|one)\s+days?)"
    assert first(r"(?<=[a-z] )a\s+day").startswith("(?=(?i:[a]))")
    assert first(r"[-\]^]x") == "(?=(?i:[\\-\\]\\^]))(?:[-\\]^]x)"
    for unchanged in (r"a?", r"(?:x|)", r"[^a]b", r".b"):  # can be empty, or the first character is open
        assert first(unchanged) == unchanged
    assert _matches(with_first_char(re.compile(r"(a)\1", re.I)), "xaAa") == [((1, 3), {})]  # group numbers kept
    # case-sensitive parts: the lookahead admits both cases, a superset
    assert _matches(with_first_char(re.compile(r"(?-i:May)\s+\d", re.I)), "in May 5 and may 6") == [((3, 8), {})]


def test_by_first_char_groups_words_and_keeps_their_order():
    assert by_first_char(["march", "may", "june", "july", "a"]) == "m(?:arch|ay)|j(?:une|uly)|a"
    assert by_first_char(["an", "a"]) == "a(?:n|)"
    assert by_first_char(["May", "march"]) == "May|march"  # first characters differ in case: written out
    assert by_first_char(["a.m.", "a"]) == r"a(?:\.m\.|)"


def test_word_lists_grouped_by_first_char_find_the_same_matches():
    from threadline.extract import numbers
    from threadline.extract import timex_patterns as tp

    pairs = [(a, b) for (_, a), (_, b) in zip(tp.patterns(), tp._compile(tp._grouped), strict=True)]
    grouped = numbers._compiled(lambda words: by_first_char(sorted(words, key=len, reverse=True)))
    pairs += [(p, grouped[name]) for name, p in numbers._compiled().items()]
    for plain, fast in pairs:
        assert fast.groupindex == plain.groupindex
        for text in corpus_texts():
            assert _matches(fast, text) == _matches(plain, text), (plain.pattern[:80], text[:60])


def _scanned(scan: FirstCharScan, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [((start, end), groups) for start, end, groups in scan.finditer(text)]


def test_first_char_scan_finds_the_same_matches():
    texts = corpus_texts() + ["\uff11\uff19\uff19\uff10s and \uff12\uff10\uff12\uff13-01-05, 5\u00a0p.m., \u0130n M\u0131d-May"]
    scanned = 0
    for pattern in all_patterns():
        scan = first_char_scan(pattern)
        if scan is None:
            continue
        scanned += 1
        for text in texts:
            assert _scanned(scan, text) == [(s, g) for s, g in _matches(pattern, text) if s[1] > s[0]], (pattern.pattern[:80], text[:60])
    assert scanned > 40


def test_first_char_scan_constructs():
    def spans(p: str, text: str) -> list[tuple[int, int]]:
        scan = first_char_scan(re.compile(p, re.IGNORECASE))
        assert scan is not None
        return [(s, e) for s, e, _ in scan.finditer(text)]

    # overlapping candidates: the first match, then the first one starting at or after its end
    assert spans(r"\b\w+ \w+", "aa bb cc dd") == [(0, 5), (6, 11)]
    assert spans(r"ab|b\w", "abc bc") == [(0, 2), (4, 6)]
    assert spans(r"(?<=x)day", "xDAY day") == [(1, 4)]  # a lookbehind still sees the text before the match
    assert spans(r"\d+\s*(?P<u>km|miles)", "12 KM and 3miles") == [(0, 5), (10, 16)]
    for unscanned in (r"a?", r"[^a]b", r"(a)\1"):  # can be empty, the first character is open, a numbered reference
        assert first_char_scan(re.compile(unscanned, re.IGNORECASE)) is None


def test_case_insensitive_classes_of_ascii_characters_match_nothing_above_the_range_scanned():
    from threadline.extract.prefilter import _CASE_RANGE

    above = "".join(chr(c) for c in range(_CASE_RANGE, 0x110000))
    ascii_signs = "".join(chr(c) for c in range(0x20, 0x7F))
    assert re.findall(f"(?i:[{re.escape(ascii_signs)}])", above) == []
    # the characters `re` equates with ASCII letters are all below it
    assert all(ord(ch) < _CASE_RANGE for ch in ASCII_CASE_EXTRAS)


def test_furniture_lines_screened_by_their_words_are_the_lines_every_pattern_finds(monkeypatch):
    from threadline.extract import figure_spans

    texts = corpus_texts() + [
        "Prices rose 5% in May.\nShare this article\nRelated: Markets slide 3%\n4 min read\nhttps://example.org/a/1",
        "Donate $25 today to keep us going\nPlease, support independent reporting\nThe fund raised $3m.",
        "RELATED STORIES: Ferry fares up 7%\n\u212aiev, 2 May\nPhoto: a harbour in 2019",
    ]
    screened = [figure_spans.blocked_regions(text) for text in texts]
    monkeypatch.setattr(figure_spans, "may_match", lambda *_: True)  # every pattern tried on every line
    assert screened == [figure_spans.blocked_regions(text) for text in texts]
    assert all(screened[-3:])
