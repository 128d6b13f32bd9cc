"""Skip a regular expression over a text it cannot match, exactly, and try it only where a match can start.

Python's `re` scans a case-insensitive pattern that starts with an optional
group or a word boundary position by position, which makes running dozens of
such patterns over every document costly. Most of them need some literal text
("quarter", "ago", a month name) that most documents lack. `required_literals`
reads, from the pattern's parse, groups of lower-cased words such that every
match contains at least one word of each group; `may_match` tests them with
plain substring search on the lower-cased text. A pattern is skipped only when
a group has no word in the text, so the matches found are the same as without
the screen.

`by_first_char` writes a word list as an alternation grouped by first character,
and `with_first_char` puts a lookahead for the characters a match can start with
in front of a pattern: positions where no match can start then fail at one
character test instead of inside the pattern's alternatives. The lookahead
consumes nothing and admits every character a match can begin with, so the
matches (spans and groups) are the same.
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


def may_match(required: Required, lowered: str | None, seen: dict[str, bool] | None = None) -> bool:
    """False only when the pattern cannot match: a group has no word in the text. `seen`
    (one per text) keeps the words already looked up, which many patterns share."""
    if lowered is None:
        return True
    found: bool | None
    for group in required:  # plain loops: this runs for every pattern of every document
        for word in group:
            if seen is None:
                found = word in lowered
            else:
                found = seen.get(word)
                if found is None:
                    found = seen[word] = word in lowered
            if found:
                break
        else:
            return False
    return True


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


def by_first_char(words: list[str]) -> str:
    """An alternation of `words` (in their order of preference) with the words that begin
    with the same character written behind it once: "m(?:arch|ay)|j(?:une|uly)". `re` tries
    an alternation's branches one by one, and every failed branch costs a step; this way a
    position fails at one test per first character. The matches are the same: branches
    with different first letters (ignoring case) cannot match at the same position, and
    those with the same first character keep their order."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1].lower(), []).append(word)
    parts = []
    for same in groups.values():
        if len(same) > 1 and len({w[:1] for w in same}) == 1 and all(same):
            parts.append(re.escape(same[0][0]) + "(?:" + "|".join(re.escape(w[1:]) for w in same) + ")")
        else:  # one word, or first characters differing in case: written out in full
            parts.extend(re.escape(w) for w in same)
    return "|".join(parts)


def with_first_char(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a lookahead for the characters its matches can start with
    (the pattern itself when that set is unknown or a match can be empty)."""
    try:
        from re import _constants, _parser

        atoms, nullable = _first(list(_parser.parse(pattern.pattern, pattern.flags)), _constants)
        if atoms is None or nullable or not atoms:
            return pattern
        screened = re.compile(f"(?=(?i:[{''.join(sorted(atoms))}]))(?:{pattern.pattern})", pattern.flags)
    except Exception:  # another Python's parser, or a pattern that cannot be wrapped
        return pattern
    if screened.groupindex != pattern.groupindex or screened.groups != pattern.groups:
        return pattern
    return screened


# Every character below this one that case-insensitive matching equates with a character of a class of
# ASCII letters and digits: `re` names four non-ASCII ones (`ASCII_CASE_EXTRAS`), all below it. A test
# checks it over every code point.
_CASE_RANGE = 0x3000
_BELOW = "".join(chr(c) for c in range(_CASE_RANGE))


class FirstCharScan:
    """The matches of a case-insensitive pattern that `with_first_char` screens, found with the
    pattern engine's own fast search: `re` skips, in C, to the next character of a set only when
    the pattern opens with a case-sensitive class, so the scan here consumes one character of the
    class of every case form a match can start with, and asserts, from that character, that the
    pattern matches there (a lookahead in a one-character lookbehind, its match held in group 1).
    It finds every position where the pattern matches; `finditer` keeps, like the pattern's own,
    the first match, then the first that starts at or after its end. Same spans, same groups."""

    def __init__(self, pattern: re.Pattern[str], scan: re.Pattern[str]):
        self.pattern, self.scan = pattern, scan

    def finditer(self, text: str) -> Any:
        last = 0
        for m in self.scan.finditer(text):
            start = m.start(1)
            if start >= last:
                last = m.end(1)
                yield start, last, m.groupdict()


def first_char_scan(pattern: re.Pattern[str]) -> FirstCharScan | None:
    """A `FirstCharScan` of a pattern that cannot match the empty string and whose first character
    is one of a known set of letters, digits, signs or classes (\\d, \\w, \\s); None for any other."""
    try:
        from re import _constants, _parser

        if re.search(r"\\[1-9]", pattern.pattern):
            return None  # a reference to a group by number would move with the group added in front
        atoms, nullable = _first(list(_parser.parse(pattern.pattern, pattern.flags)), _constants)
        if atoms is None or nullable or not atoms:
            return None
        categories = [a for a in atoms if a in _CATEGORIES.values()]
        letters = re.compile(f"(?i:[{''.join(sorted(set(atoms) - set(categories)))}])") if len(categories) < len(atoms) else None
        chars = "".join(re.escape(ch) for ch in letters.findall(_BELOW)) if letters is not None else ""
        scan = re.compile(f"(?-i:[{chars}{''.join(categories)}])(?<=(?=({pattern.pattern}))(?s:.))", pattern.flags)
    except Exception:  # another Python's parser, or a pattern that cannot be wrapped
        return None
    if scan.groups != pattern.groups + 1 or {k: v + 1 for k, v in pattern.groupindex.items()} != dict(scan.groupindex):
        return None
    return FirstCharScan(pattern, scan)


def _first(items: list[tuple[Any, Any]], c: Any) -> tuple[set[str] | None, bool]:
    """(class atoms for the first character a match of the sequence can consume, or None
    when unknown; whether the sequence can match the empty string)."""
    atoms: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # consumes nothing
        got, nullable = _first_item(op, av, c)
        if got is None:
            return None, False
        atoms |= got
        if not nullable:
            return atoms, False
    return atoms, True


def _first_item(op: Any, av: Any, c: Any) -> tuple[set[str] | None, bool]:
    if op is c.LITERAL:
        return {_class_char(av)}, False
    if op is c.IN:
        atoms = set()
        for kind, value in av:
            if kind is c.LITERAL:
                atoms.add(_class_char(value))
            elif kind is c.RANGE:
                atoms.add(f"{_class_char(value[0])}-{_class_char(value[1])}")
            elif kind is c.CATEGORY and value in _CATEGORIES:
                atoms.add(_CATEGORIES[value])
            else:  # a negated class or anything else: unknown
                return None, False
        return atoms, False
    if op is c.SUBPATTERN:
        return _first(list(av[3]), c)
    if op is c.BRANCH:
        atoms = set()
        nullable = False
        for branch in av[1]:
            got, empty = _first(list(branch), c)
            if got is None:
                return None, False
            atoms |= got
            nullable = nullable or empty
        return atoms, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        got, empty = _first(list(av[2]), c)
        return got, empty or av[0] == 0
    return None, False


def _class_char(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else ch


_CATEGORIES: dict[Any, str] = {}
try:
    from re import _constants as _c

    _CATEGORIES = {
        _c.CATEGORY_DIGIT: r"\d",
        _c.CATEGORY_NOT_DIGIT: r"\D",
        _c.CATEGORY_SPACE: r"\s",
        _c.CATEGORY_NOT_SPACE: r"\S",
        _c.CATEGORY_WORD: r"\w",
        _c.CATEGORY_NOT_WORD: r"\W",
    }
except Exception:  # another Python: classes with categories stay unknown
    pass
