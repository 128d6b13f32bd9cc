"""Skip a regular expression over a text it cannot match, exactly.

Python's `re` scans a case-insensitive pattern that starts with an optional
group or a word boundary position by position, which makes running dozens of
such patterns over every document costly. Most of them need some literal text
("quarter", "ago", a month name) that most documents lack. `required_literals`
reads, from the pattern's parse, groups of lower-cased words such that every
match contains at least one word of each group; `may_match` tests them with
plain substring search on the lower-cased text. A pattern is skipped only when
a group has no word in the text, so the matches found are the same as without
the screen.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Non-ASCII characters that case-insensitive `re` matching equates with an ASCII
# letter (the `re` documentation lists these four). A text without them contains
# an ASCII word, case-insensitively, only if its lower-cased form contains it.
ASCII_CASE_EXTRAS = ("\u0130", "\u0131", "\u017f", "\u212a")

Required = tuple[tuple[str, ...], ...]  # every match contains a word of each group


def screen_text(text: str) -> str | None:
    """The lower-cased text to screen with, or None when screening is not exact for it."""
    if any(ch in text for ch in ASCII_CASE_EXTRAS):
        return None
    return text.lower()


def may_match(required: Required, lowered: str | None) -> bool:
    """False only when the pattern cannot match: a group has no word in the text."""
    if lowered is None:
        return True
    return all(any(word in lowered for word in group) for group in required)


@lru_cache(maxsize=4096)
def required_literals(pattern: re.Pattern[str]) -> Required:
    """Groups of words, one of each group in every match (no groups: nothing known)."""
    try:
        from re import _constants, _parser  # the parser `re` itself uses

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        groups = _sequence(list(parsed), _constants)
    except Exception:  # another Python's parser: no screen, the pattern always runs
        return ()
    return tuple(g for g in groups if g and all(w and w.isascii() for w in g))


def _sequence(items: list[tuple[Any, Any]], c: Any) -> list[tuple[str, ...]]:
    """Word groups required by a sequence of parsed items (each group a disjunction)."""
    groups: list[tuple[str, ...]] = []
    run = ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if run:
            groups.append((run.lower(),))
            run = ""
        if op is c.SUBPATTERN:
            groups.extend(_sequence(list(av[3]), c))
        elif op is c.BRANCH:
            alternatives = [_best(_sequence(list(b), c)) for b in av[1]]
            if all(alternatives):
                groups.append(tuple(dict.fromkeys(w for alt in alternatives for w in alt or ())))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)) and av[0] >= 1:
            groups.extend(_sequence(list(av[2]), c))
        elif op is c.ASSERT and av[0] == 1:  # a lookahead's text is in the string too
            groups.extend(_sequence(list(av[1]), c))
        # anything else (classes, boundaries, optional parts, negative lookarounds) requires nothing known
    if run:
        groups.append((run.lower(),))
    return groups


def _best(groups: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The most selective single group: the longest shortest word, then the fewest words."""
    if not groups:
        return None
    return max(groups, key=lambda g: (min(len(w) for w in g), -len(g)))
