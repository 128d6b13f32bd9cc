"""The sieve's shared pieces: its word lists, a mention and a chain, and what a token or a name tells (an age, a country, a shorter form)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any


THINGS = ("PRODUCT",)  # a thing's name, a named mention of the sieve when the typing step introduced it as one (a work's is not: it takes bare surnames too)
KIND_OF_NAME = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "place"}
HEAD_SENTENCES = 8  # a description takes an earlier one of its head noun this far back; further, it is more often another of its kind


@cache
def lexicon() -> dict[str, Any]:
    data = tomllib.loads(resources.files("threadline").joinpath("data/coreference.toml").read_text("utf-8"))
    gender = {w: "f" for w in data["female_nouns"]} | {w: "m" for w in data["male_nouns"]}
    persons = frozenset(data["person_nouns"]) | frozenset(gender)
    first = {w: "f" for w in data["first_names"]["female"]} | {w: "m" for w in data["first_names"]["male"]}
    return {**data, "role_families": [frozenset(f) for f in data["role_families"]], "person_nouns": persons, "country_nouns": frozenset(data["country_nouns"]), "organisation_nouns": frozenset(data["organisation_nouns"]), "business_nouns": frozenset(data["business_nouns"]), "trade_plurals": frozenset(data["trade_plurals"]), "general_roles": {k: frozenset(v) for k, v in data["general_roles"].items()}, "storm_nouns": frozenset(data["storm_nouns"]), "product_nouns": frozenset(data["product_nouns"]), "quantifiers": frozenset(data["quantifiers"]), "partitives": frozenset(data["partitives"]), "time_nouns": frozenset(data["time_nouns"]), "set_phrases": frozenset(tuple(p.split()) for p in data["set_phrases"]), "someone": frozenset(data["someone"]), "collective_nouns": frozenset(data["collective_nouns"]), "content_nouns": frozenset(data["content_nouns"]), "side_voices": frozenset(data["side_voices"]), "courtesy_titles": frozenset(data["courtesy_titles"]), "held_beside": frozenset(data["held_beside"]), "kind_words": frozenset(data["kind_words"]), "any_body": frozenset(data["any_body"]), "body_nouns": frozenset(data["organisation_nouns"] + data["business_nouns"] + data["collective_nouns"] + data["institution_nouns"]), "gender": gender, "first_names": first}


@dataclass(slots=True)
class Mention:
    """A mention under construction (character offsets, token index of its head)."""

    start: int
    end: int
    head: int
    kind: str  # name, nominal, pronoun, relative
    sent: int
    label: str = ""
    named: int | None = None  # seq of the named mention record it holds
    number: str = "-"
    gender: str = "-"
    guess: str = "-"  # the gender a first name suggests (`guessed_gender`), for pronouns only
    person: int = 3
    definite: bool = False
    lemma: str = ""
    words: frozenset[str] = frozenset()
    subject: bool = False
    para: int = 0
    quote: int | None = None  # start offset of the quotation it sits in
    rule: str = ""  # the pass that linked it to its chain
    name: str = ""  # the name it holds, without its title or apposition ("Harry Kane" of "English captain Harry Kane")


@dataclass(slots=True)
class Chain:
    members: list[int] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # role nouns given by apposition, title or predicate


def _stated_age(tok: Any) -> int | None:
    """The age a noun phrase's head gives its person: "34-year-old" before it or as the phrase itself ("the
    34-year-old"; "19 year old" without hyphens), a bare number in apposition ("Tomas Berg, 34,"), or "aged 22"."""
    children = list(tok.children)  # walked once (spaCy walks the token's subtree for them)
    olds = [tok] if tok.lower_ == "old" else [c for c in children if c.dep_ == "amod" and c.lower_ == "old"]
    for old in olds:
        for year in (c for c in old.children if c.lower_ in ("year", "years") and c.dep_ == "npadvmod"):
            number = next((c for c in year.children if c.dep_ == "nummod" and c.like_num), None)
            if number is not None and number.text.isdigit() and 0 < int(number.text) < 120:
                return int(number.text)
    if tok.tag_ == "CD" and tok.dep_ == "appos" and tok.text.isdigit() and 0 < int(tok.text) < 120 and not any(children):
        return int(tok.text)
    for aged in (c for c in children if c.dep_ in ("amod", "acl") and c.lower_ == "aged"):
        number = next((c for c in aged.children if c.like_num and c.text.isdigit()), None)
        if number is not None and 0 < int(number.text) < 120:
            return int(number.text)
    return None


DETERMINER = re.compile(r"^(?:the|this|that|these|those)\s+", re.IGNORECASE)


def _clause_of_relative(verb: Any) -> Any:
    """The verb of the relative clause `verb` heads or is a later conjunct of, or a conjunct of a verb that clause's
    verb governs ("…, who are trying to keep her … and who have argued …", as the parse hangs the second clause on
    "keep": the second "who" is the first's noun too), or None (coreference v65)."""
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.dep_ == "relcl" else None


def _strip_det(s: str) -> str:
    return DETERMINER.sub("", s.strip())
