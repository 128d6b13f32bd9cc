"""Parser windows: contiguous, within the size, cut at the best boundary in reach."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadline.windows import windows


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n!", max_size=400), st.integers(2, 60))
def test_windows_cover_the_text_exactly(text, size):
    cuts = windows(text, size)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(0 < end - start <= size for start, end in cuts) or text == ""
    assert "".join(text[s:e] for s, e in cuts) == text


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("First paragraph here.\nSecond one. And more words", "First paragraph here.\n"),  # a line break first
        ("One sentence ends. Another sentence goes on and on", "One sentence ends. "),  # then a sentence end
        ("words without any full stop at all in them", "words without any full "),  # then a space
        ("x" * 40, "x" * 25),  # then a hard cut
    ],
)
def test_windows_cut_at_the_best_boundary(text, first):
    start, end = windows(text, 25)[0]
    assert text[start:end] == first


def test_windows_short_text_is_one_window():
    assert windows("short", 100) == [(0, 5)]
    assert windows("", 100) == [(0, 0)]
