"""Token scans on an integer array.

Walking a parse token by token makes spaCy build a Python `Token` for every
token it yields. A scan for a few kinds of token ("every verb and noun") reads
one attribute of every token once per document into a numpy array (kept in the
parse's `user_data`) and returns only the positions that pass; the caller builds
a `Token` for those alone.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def mask(doc: Any, attr: str, values: Iterable[int]) -> Any:
    """Whether each token's `attr` is one of `values` (integer ids or symbols)."""
    col = column(doc, attr)
    hit = np.zeros(len(col), dtype=bool)
    for value in values:
        hit |= col == value
    return hit


def positions(doc: Any, attr: str, values: Iterable[int]) -> list[int]:
    """Indices of the tokens whose `attr` is one of `values` (integer ids or symbols), in text order."""
    return np.flatnonzero(mask(doc, attr, values)).tolist()
