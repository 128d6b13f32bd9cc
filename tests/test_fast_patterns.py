"""Patterns rewritten to open with the class of their first character (so `re` skips ahead in C) find the
same matches as the patterns they replace, on generated texts made of the characters they turn on."""

from __future__ import annotations

import random
import re

from threadline.extract.figure_spans import GLUED_MINUS, find
from threadline.sentences import _END, sentence_spans

# the patterns as they were written before, entered by `re` at every position of a text
OLD_END = re.compile(r"(?<![.!?])[.!?]++[\"”’)\]]*+(?=\s+[\"“‘(]?[A-Z0-9])|\n+")
OLD_MINUS = re.compile(r"(?i)(?<=\bminus)-(?=\d)|(?<=\bsub)-(?=\d)")


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
