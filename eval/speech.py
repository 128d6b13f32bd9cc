"""Speech-verb subjects and whether coreference resolves them to a gold name: the rules shared by
eval/coref.py (GUM), eval/speech_subjects.py (ECB+) and eval/speakers.py (text with no gold).

A subject counts when it is the `nsubj` of a speech verb (the speech cues of the attribution frames, a
verb by the parse) and is a third-person pronoun ("he", "which") or a definite or possessed description
("the spokesman", "its minister"). It is resolved when its reference record's chain stands for a named
mention; resolved right when that mention lies inside one of the gold chain's named mentions, or bears
the same name as one of them, or its last words ("King" of "Billy King": a gold chain at times splits one person's mentions over two chains, and a
predicted chain stands for its first name).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from threadline.extract.attribution_frames import cues, lemma_of

FIRST_SECOND = ("i", "me", "we", "us", "you")  # an interview's speakers: not the attributions measured
DEFINITE = ("the", "this", "that", "these", "those")


def speech_subjects(parsed: Any) -> Iterator[tuple[Any, Any]]:
    """(verb, subject) for every `nsubj` of a speech verb of a parsed document."""
    speech = cues()["speech"]
    for verb in parsed:
        if verb.pos_ == "VERB" and lemma_of(verb) in speech:
            for subj in verb.children:
                if subj.dep_ == "nsubj":
                    yield verb, subj


def described(subj: Any) -> bool:
    """A definite or possessed description by the parse: "the minister", "its spokesman"."""
    return any(c.dep_ == "poss" or c.lower_ in DEFINITE for c in subj.children)


def kind(subj: Any) -> str | None:
    """"pronoun" (third person), "description", or None for anything else, by the parse's own tags."""
    if subj.pos_ == "PRON":
        return None if subj.lower_ in FIRST_SECOND else "pronoun"
    return "description" if subj.pos_ == "NOUN" and described(subj) else None


def by_head(refs: list[Any]) -> dict[int, Any]:
    """Reference records by the offset of their head token (the first record of each)."""
    out: dict[int, Any] = {}
    for r in refs:
        out.setdefault(r.data["head"][0], r)
    return out


def resolved(refs_by_head: dict[int, Any], mentions: list[Any], subj: Any) -> Any | None:
    """The named mention the subject's chain stands for, or None when it has none."""
    ref = refs_by_head.get(subj.idx)
    return None if ref is None or ref.data["entity"] is None else mentions[ref.data["entity"]]


def judge(text: str, entity: Any | None, named: list[tuple[int, int]], names: set[str]) -> tuple[str, bool]:
    """("unresolved" | "right" | "wrong", whether the chain's name lies inside a gold named mention) for a
    subject whose chain stands for `entity`, against the gold chain's named mentions (character spans) and
    the names they hold."""
    if entity is None:
        return "unresolved", False
    inside = any(a <= entity.start < b for a, b in named)
    held = {text[entity.start : entity.end], entity.data.get("form")} - {None}
    same = any(same_name(a, b) for a in held for b in names)
    return ("right" if inside or same else "wrong"), inside


def same_name(a: str, b: str) -> bool:
    """One name, or one the last words of the other ("King" of "Billy King")."""
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def name_run(pos: Sequence[str], head: int, first: int, last: int) -> tuple[int, int]:
    """The run of proper nouns (by the tags `pos`) around a mention's head, within its tokens
    first..last: the name "Harry Kane" of "English captain Harry Kane"."""
    a = b = head
    while a > first and pos[a - 1] == "PROPN":
        a -= 1
    while b < last and pos[b + 1] == "PROPN":
        b += 1
    return a, b
