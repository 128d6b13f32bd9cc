"""Words for people: counts ("1 claim", "19 updates", "no figures") and names every view shares."""

from __future__ import annotations

UNNAMED_OUTLET = "the outlet (unnamed)"  # a claim in the own voice of a document that names no outlet
NO_SOURCE = "(no named source)"  # a claim reported with no one named: "X is said to", "reportedly"

IRREGULAR = {"quantity": "quantities", "story": "stories", "analysis": "analyses", "entity": "entities", "summary": "summaries"}


def plural(noun: str) -> str:
    """The plural of an English noun as this project uses them."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


# What a reader calls n ledger findings of a kind ("6 parts of a whole", not "6 part ofs")
FINDINGS = {
    "part of": ("part of a whole", "parts of a whole"),
    "corroborates": ("corroboration", "corroborations"),
    "undetermined": ("pair left undetermined", "pairs left undetermined"),
}


def findings(n: int, kind: str) -> str:
    """`n` findings of a relation kind in words: findings(6, "part of") == "6 parts of a whole"."""
    one, many = FINDINGS.get(kind, (kind, plural(kind)))
    return count(n, one, many)


def count(n: int, noun: str, many: str | None = None) -> str:
    """`n` and the noun, singular or plural: count(1, "claim") == "1 claim"."""
    return f"{n:,} {noun if n == 1 else (many or plural(noun))}"
