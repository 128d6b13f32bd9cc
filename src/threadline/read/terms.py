"""Search terms: a query's words with the gazetteer's other names for a country (Nepal ↔ Nepali ↔ Nepalese) and whole-word marks."""

from __future__ import annotations

import re
from functools import lru_cache

from ..places import country_code, country_words, demonym_country

WORD = re.compile(r"\w+")
_SUFFIXES = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A word without a plural or verb ending, to find its other forms as a word start ("recruits" → "recruit")."""
    w = word.casefold()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


@lru_cache(maxsize=4096)
def alternatives(word: str) -> tuple[str, ...]:
    """The word and, when it names a country or its people, the country's other names and demonyms."""
    w = word.casefold()
    code = None
    if w.isalpha() and len(w) > 3:  # "in", "us": not India, not the United States
        code = demonym_country(w) or country_code(w)
    return tuple(dict.fromkeys([w, *(country_words(code) if code else ())]))


def groups(query: str) -> list[tuple[str, ...]]:
    """One group of alternatives per word of the query; a match needs one of each."""
    return [alternatives(w) for w in WORD.findall(query)]


def fts_query(query: str) -> str:
    """The full-text query: every word (or another name of the same country) must occur.
    The index stems words (porter), so "recruits" finds "recruited" and "Nepalis" finds "Nepali"."""
    parts = ["(" + " OR ".join(f'"{a}"' for a in alts) + ")" for alts in groups(query)]
    return " AND ".join(parts) or '""'


def needles(query: str) -> list[str]:
    """Lower-case texts one of which a record's text must hold: the query, and for a one-word
    query the starts of its other forms and other names."""
    q = " ".join(query.split()).lower()
    found = groups(q)
    extra = [stem(a) for a in found[0]] if len(found) == 1 and q.isalpha() else []
    return list(dict.fromkeys([q, *extra]))


def find(text: str, query: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The first place in text[start:end] that holds the query or another form of it, widened to whole words."""
    end = len(text) if end is None else end
    folded = text.lower()
    hits = [(i, i + len(n)) for n in needles(query) if (i := folded.find(n, start, end)) >= 0]
    if not hits:
        return None
    i, j = min(hits)
    while i > start and text[i - 1].isalnum():
        i -= 1
    while j < end and text[j].isalnum():
        j += 1
    return i, j
