"""Token scans on an integer array.

Walking a parse token by token makes spaCy build a Python `Token` for every
token it yields. A scan for a few kinds of token ("every verb and noun") reads
one attribute of every token once per document into a numpy array (kept in the
parse's `user_data`) and returns only the positions that pass; the caller builds
a `Token` for those alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from spacy.attrs import IDS

ARRAYS = "threadline_arrays"


def column(doc: Any, attr: str) -> Any:
    """The integer attribute `attr` ("POS", "LOWER", "LEMMA", ...) of every token of `doc`."""
    kept = doc.user_data.setdefault(ARRAYS, {})
    if attr not in kept:
        kept[attr] = doc.to_array(IDS[attr]) if len(doc) else np.zeros(0, dtype="uint64")
    return kept[attr]


def distinct(doc: Any, attr: str) -> set[int]:
    """The distinct values of `attr` in `doc` (kept with its column)."""
    kept = doc.user_data.setdefault(ARRAYS, {})
    key = (attr, "distinct")
    if key not in kept:
        kept[key] = set(index(doc, attr)[1])
    return kept[key]


def index(doc: Any, attr: str) -> tuple[Any, dict[int, int], list[int]]:
    """`doc`'s token positions ordered by their `attr` (in text order within one value), each distinct value's
    number, and where each number's positions begin in that order (the last entry: the end): the positions of
    any set of values without a pass over the column. Built once per document and attribute (an ordering
    and a count of the column) and kept with it; only integers, nothing the cyclic collector walks."""
    kept = doc.user_data.setdefault(ARRAYS, {})
    key = (attr, "index")
    if key not in kept:
        col = column(doc, attr)
        order = np.argsort(col, kind="stable")
        ranked = col[order]
        starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1]))) if len(col) else order
        values = ranked[starts]
        kept[key] = (order, dict(zip(values.tolist(), range(len(values)))), [*starts.tolist(), len(col)])
    return kept[key]


def mask(doc: Any, attr: str, values: Iterable[int]) -> Any:
    """Whether each token's `attr` is one of `values` (integer ids or symbols)."""
    col = column(doc, attr)
    values = list(values)
    hit = np.zeros(len(col), dtype=bool)
    if len(values) > 4:  # the values' slices of the document's index (the ids are 64-bit hashes: unsigned)
        order, number, bounds = index(doc, attr)
        found = [number[v] for v in values if v in number]
        if found:
            hit[np.concatenate([order[bounds[k] : bounds[k + 1]] for k in found])] = True
        return hit
    for value in values:
        hit |= col == value
    return hit


def positions(doc: Any, attr: str, values: Iterable[int]) -> list[int]:
    """Indices of the tokens whose `attr` is one of `values` (integer ids or symbols), in text order."""
    return np.flatnonzero(mask(doc, attr, values)).tolist()


class Screen:
    """The ids of one integer attribute (`"LEMMA"`, `"LOWER"`, ...) whose string passes `test`: each id is
    tested once per process (the ids are the strings' hashes, the same in every document), and a document's
    tokens are screened by set operations and one array test, with no `Token` built for them."""

    LIMIT = 500_000  # a long watch meets ever new words: start again rather than grow

    def __init__(self, attr: str, test: Callable[[str], bool]):
        self.attr, self.test = attr, test
        self.tested: set[int] = set()
        self.passed: set[int] = set()

    def ids(self, doc: Any) -> list[int]:
        """The ids of `doc`'s tokens that pass, sorted."""
        words = distinct(doc, self.attr)
        new = words - self.tested
        if new:
            if len(self.tested) > self.LIMIT:
                self.tested.clear()
                self.passed.clear()
                new = words
            strings = doc.vocab.strings
            self.passed.update(w for w in new if self.test(strings[w]))
            self.tested.update(new)
        return sorted(words & self.passed)

    def mask(self, doc: Any) -> Any:
        """Whether each token of `doc` passes."""
        return mask(doc, self.attr, self.ids(doc))
