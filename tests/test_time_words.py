"""Dates in words: every TimeML shape a view can meet reads as a reader says it, never as a raw code."""

from __future__ import annotations

import re

import pytest

from threadline.timeml import in_words

RAW = re.compile(r"XXXX|\d{4}-W\d|\bP\d+[YMWD]\b|-Q\d|-H\d|_REF")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2023-09-05", "5 September 2023"),
        ("2023-09-05T03:00", "5 September 2023, 03:00"),
        ("2024-03", "March 2024"),
        ("2019", "2019"),
        ("XXXX-08", "August, year unknown"),
        ("XXXX-08-15", "15 August, year unknown"),
        ("XXXX-WXX-7", "a Sunday, week unknown"),
        ("XXXX-WXX-1", "a Monday, week unknown"),
        ("2024-W12", "the week of 18 March 2024"),
        ("2024-W12-3", "Wednesday 20 March 2024"),
        ("2024-W12-WE", "the weekend of 23 March 2024"),
        ("2023-Q3", "the third quarter of 2023"),
        ("XXXX-Q2", "the second quarter, year unknown"),
        ("2023-H1", "the first half of 2023"),
        ("2023-SU", "summer 2023"),
        ("199", "the 1990s"),
        ("P1Y", "1 year"),
        ("P18M", "18 months"),
        ("PT2H", "2 hours"),
        ("PXY", "some years"),
        ("PRESENT_REF", "now, at the time of writing"),
        ("PAST_REF", "before the time of writing"),
        ("2023-09-05TEV", "5 September 2023, evening"),
        (None, "undated"),
        ("", "undated"),
    ],
)
def test_values_in_words(value: str | None, words: str) -> None:
    assert in_words(value) == words


@pytest.mark.parametrize("value", ["XXXX", "XXXX-XX-XX", "2023-WXX", "XXXX-WXX", "2023-XX-15", "P3W", "PXD", "FUTURE_REF", "garbage", "2024-W99"])
def test_no_raw_code_survives(value: str) -> None:
    assert not RAW.search(in_words(value)), in_words(value)
