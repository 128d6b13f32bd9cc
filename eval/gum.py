"""Read GUM's CoNLL-U files: each document's text, tokens with offsets and parses, and entity mentions.

The text is rebuilt from the tokens (`SpaceAfter=No` respected), one line per
sentence and a blank line per paragraph (`# newpar`), so character offsets of
the rebuilt text point at GUM's tokens. `split` is the held-out discipline of
the evaluation scripts: documents sorted by name, every fourth one held out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_OPEN = re.compile(r"\((\d+)-([a-z]+)")
_CLOSE = re.compile(r"(\d+)\)")


@dataclass(frozen=True)
class Token:
    start: int  # character offsets in the rebuilt text
    end: int
    form: str
    xpos: str
    head: int  # index of the head token in the document, -1 for a root
    deprel: str


@dataclass(frozen=True)
class Mention:
    start: int  # first token index
    end: int  # one past the last token
    etype: str  # GUM entity type: person, organization, place, ...
    entity: int  # GUM entity id within the document


@dataclass
class GumDocument:
    name: str
    text: str = ""
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def head(self, m: Mention) -> int:
        """The mention's syntactic head: its first token whose head lies outside it."""
        for i in range(m.start, m.end):
            if not m.start <= self.tokens[i].head < m.end:
                return i
        return m.start


def split(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(tuned, held out): sorted by file name, every fourth file is held out."""
    ordered = sorted(paths, key=lambda p: p.name)
    return [p for i, p in enumerate(ordered) if i % 4 != 3], [p for i, p in enumerate(ordered) if i % 4 == 3]


def read(path: Path) -> GumDocument:
    doc = GumDocument(path.name.removesuffix(".conllu"))
    parts: list[str] = []
    pos = 0
    sentence: list[tuple[str, str, str, int, str, str]] = []  # id, form, xpos, head, deprel, misc
    multi: dict[int, tuple[int, str, str]] = {}  # first word id -> (last word id, form, misc)
    open_: dict[int, list[tuple[int, str]]] = {}

    def emit(text: str) -> None:
        nonlocal pos
        parts.append(text)
        pos += len(text)

    def flush() -> None:
        base = len(doc.tokens)
        if not sentence:
            return
        if doc.tokens:
            emit("\n")
        last_word = 0
        for wid, form, xpos, head, deprel, misc in sentence:
            n = int(wid)
            if n in multi:  # a multi-word token: its surface form holds the words
                last, surface, mmisc = multi[n]
                start = pos
                emit(surface)
                offsets = _word_offsets(surface, [w[1] for w in sentence[n - 1 : last]], start)
                for k, w in enumerate(sentence[n - 1 : last]):
                    _add(doc, w, offsets[k], base, open_)
                if "SpaceAfter=No" not in mmisc and last < len(sentence):
                    emit(" ")
                last_word = last
                continue
            if n <= last_word:
                continue
            start = pos
            emit(form)
            _add(doc, (wid, form, xpos, head, deprel, misc), (start, pos), base, open_)
            if "SpaceAfter=No" not in misc and n < len(sentence):
                emit(" ")
        sentence.clear()
        multi.clear()

    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            flush()
            if doc.tokens:
                emit("\n")
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            flush()
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            multi[int(a)] = (int(b), cols[1], cols[9])
            continue
        if "." in cols[0]:
            continue
        sentence.append((cols[0], cols[1], cols[4], int(cols[6]), cols[7], cols[9]))
    flush()
    doc.text = "".join(parts)
    return doc


def _word_offsets(surface: str, words: list[str], start: int) -> list[tuple[int, int]]:
    if "".join(words) == surface:
        out, p = [], start
        for w in words:
            out.append((p, p + len(w)))
            p += len(w)
        return out
    return [(start, start + len(surface))] * len(words)


def _add(
    doc: GumDocument,
    word: tuple[str, str, str, int, str, str],
    span: tuple[int, int],
    base: int,
    open_: dict[int, list[tuple[int, str]]],
) -> None:
    wid, form, xpos, head, deprel, misc = word
    index = len(doc.tokens)
    doc.tokens.append(Token(span[0], span[1], form, xpos, base + head - 1 if head else -1, deprel))
    entity = next((f[len("Entity="):] for f in misc.split("|") if f.startswith("Entity=")), "")
    # openings and closings are read left to right: "(3-person...(4-place...)4)" etc.
    i = 0
    while i < len(entity):
        opened = _OPEN.match(entity, i)
        if opened:
            open_.setdefault(int(opened.group(1)), []).append((index, opened.group(2)))
            i = opened.end()
            rest = entity[i:]
            cut = min((k for k in (rest.find("("), rest.find(")")) if k != -1), default=len(rest))
            if cut < len(rest) and rest[cut] == ")":  # a one-token mention closes right after its fields
                eid = int(opened.group(1))
                start, etype = open_[eid].pop()
                doc.mentions.append(Mention(start, index + 1, etype, eid))
                i += cut + 1
            else:
                i += cut
            continue
        closed = _CLOSE.match(entity, i)
        if closed:
            eid = int(closed.group(1))
            start, etype = open_[eid].pop()
            doc.mentions.append(Mention(start, index + 1, etype, eid))
            i = closed.end()
            continue
        i += 1
