"""Patterns rewritten to open with the class of their first character (so `re` skips ahead in C) find the
same matches as the patterns they replace, on generated texts made of the characters they turn on."""

from __future__ import annotations

import random
import re

from threadline.extract.figure_spans import GLUED_MINUS, RESULTS, find
from threadline.sentences import _END, sentence_spans

# the patterns as they were written before, entered by `re` at every position of a text
OLD_END = re.compile(r"(?<![.!?])[.!?]++[\"”’)\]]*+(?=\s+[\"“‘(]?[A-Z0-9])|\n+")
OLD_MINUS = re.compile(r"(?i)(?<=\bminus)-(?=\d)|(?<=\bsub)-(?=\d)")
OLD_RESULTS = re.compile(
    r"(?<![\w.,/:–-])\d{1,3}(?:[-–]\d{1,3}){2,}(?![\w,/:%–-]|\.\d)"
    r"|(?<![\w.,/:–-])\d{1,2}[-–]\d{1,2}(?=\s+(?:(?:home|away|road|overtime|shootout|penalty|series)\s+)?"
    r"(?:win|wins|victory|defeat|loss|draw|tie|lead|record|start|skid|streak|run|rout|drubbing|thrashing|triumph)\b)"
    r"|\b(?:won|lost|beat|drew|tied|trail|trailed|trailing|lead|led|leading|edged|routed)\s\d{1,2}[-–]\d{1,2}(?![\w,/:%–-]|\.\d)"
    r"|(?:^|(?<=[.:;!?]\s)|(?<=\n))(?:[A-Z][\w.'’&-]*\s){1,3}\d{1,2},\s(?:[A-Z][\w.'’&-]*\s){1,3}\d{1,2}"
    r"(?=\s*(?:\((?:OT|SO|\d?OT|aet|pens?)\)\s*)?(?:[:;\n]|$))",
    re.MULTILINE,
)


def _texts(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_sentence_ends_are_those_of_the_pattern_entered_everywhere():
    alphabet = list(".!?\n \t\"”’)]“‘(") + ["A", "Z", "0", "9", "a", "é", "Mr", "U.S", "x"]
    for text in _texts(alphabet, 20_000, 30, seed=14):
        assert _spans(_END, text) == _spans(OLD_END, text), text


def test_sentence_ends_in_prose():
    text = "It rose. Then it fell!! \"Why?\" she asked.\n\nA new line... and more. 5 went.\nMr. Lee left."
    assert _spans(_END, text) == _spans(OLD_END, text)
    assert [text[s:e] for s, e in sentence_spans(text)][:3] == ["It rose.", "Then it fell!!", "\"Why?\" she asked."]


def test_a_long_run_of_marks_is_read_in_linear_time():
    text = "Word" + "." * 100_000 + " Next"
    assert _spans(_END, text) == _spans(OLD_END, text)


def test_glued_minus_is_the_hyphen_the_word_pattern_finds():
    alphabet = ["minus", "MINUS", "Sub", "sub", "-", "5", "0", " ", "a", "x", "_", "é"]
    for text in _texts(alphabet, 20_000, 12, seed=5):
        assert _spans(GLUED_MINUS, text) == _spans(OLD_MINUS, text), text


def test_glued_minus_reads_as_a_negative_figure():
    spans = find("The low was minus-5 degrees and the chip is sub-5 nanometre, unlike the 5-a-side game.", [])
    assert [s.value for s in spans][:2] == [-5.0, 5.0]


def test_sport_results_are_those_of_the_pattern_entered_everywhere():
    alphabet = ["1", "4", "12", "-", "–", " ", "\n", ".", ",", ": ", "won ", "lost ", "led ", "Bruins ", "Hawks ", "A.",
                " win", " defeat", " home", "x", "(OT)", "/", "%", ";"]
    for text in _texts(alphabet, 20_000, 14, seed=21):
        assert _spans(RESULTS, text) == _spans(OLD_RESULTS, text), text
    text = "The team improved to 14-0-1 after they won 3-2 at home.\nBruins 5, Devils 1: a 2-1 home win."
    assert [text[s:e] for s, e in _spans(RESULTS, text)] == ["14-0-1", "won 3-2", "Bruins 5, Devils 1", "2-1"]


def _find_without_cores(text: str) -> list:
    from threadline.extract import timex_patterns

    kept = timex_patterns._cores
    timex_patterns._cores = lambda: [None] * len(timex_patterns._screened())
    try:
        return timex_patterns.find(text)
    finally:
        timex_patterns._cores = kept


def test_each_timex_core_is_a_piece_of_its_rule():
    from threadline.extract.timex_patterns import _grouped, _rules

    cores = [(kind, pattern, core) for kind, pattern, core in _rules(_grouped) if core is not None]
    assert len(cores) >= 8
    for kind, pattern, core in cores:
        assert core in pattern, (kind, core)


def test_timex_candidates_are_the_same_with_the_cores_as_without():
    from threadline.extract.timex_patterns import find

    written = [
        "On May 5 the council met, and on the 6th of June 2019 it met again, three years ago.",
        "A 40-year-old man, born in the 1980s, recalled the '70s and the 1900s; a two-week stay followed.",
        "Sales rose 5% in the 2000s. He is 12 years old. It ended 30 days later, in the late 1990s.",
        "Nothing here has a date at all, only words about a meeting.",
    ]
    alphabet = ["May ", "June ", "5 ", "5th ", "the ", "of ", "2019 ", "1990", "s ", "'", "’", "80", "00", "years ", "year",
                "-", "old ", "ago ", "later ", "two ", "week ", "days ", "in ", "late ", "1", ", ", "x"]
    for text in written + _texts(alphabet, 4_000, 16, seed=3):
        assert find(text) == _find_without_cores(text), text
