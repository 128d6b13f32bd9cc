"""Reader of the GUM corpus' news and interview documents: text, tokens, OntoNotes-scheme chains, and the held-out split.

DATA_DIR holds `conllu/` (tokens, spacing, paragraphs, parses, entities) and
`ontogum/` (coreference in the OntoNotes scheme: no singletons, no predicative
or appositive links). A document's text is rebuilt from its tokens and their
`SpaceAfter=No` marks, a paragraph (`# newpar`) starting a new line, so every
gold token has character offsets into the text Threadline analyses.

The split is fixed before any document is read: documents sorted by name, every
fourth one (the 4th, 8th, …) held out; the rules are written against the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

Chain = list[tuple[int, int]]  # gold mentions as (first token, last token)


@dataclass(frozen=True)
class GumDoc:
    name: str
    text: str
    tokens: list[tuple[int, int]]  # character span of each token
    upos: list[str]
    entities: list[tuple[int, int, str]]  # (first token, last token, GUM entity type) of every GUM entity mention
    chains: list[Chain]  # OntoGUM chains
    published: str | None
    heads: list[int] = field(default_factory=list)  # index of each token's syntactic head (-1 for a root)
    deprels: list[str] = field(default_factory=list)

    def head(self, first: int, last: int) -> int:
        """The token of a span whose head lies outside it (the first such one)."""
        return next((i for i in range(first, last + 1) if not first <= self.heads[i] <= last), first)

    def named(self, first: int, last: int) -> bool:
        """A mention headed by a proper noun, or by a common noun with a proper-noun apposition
        ("Cuba's state news agency Prensa Latina")."""
        head = self.head(first, last)
        return self.upos[head] == "PROPN" or any(
            self.heads[i] == head and self.deprels[i] in ("appos", "flat") and self.upos[i] == "PROPN" for i in range(first, last + 1))


def split(names: list[str]) -> tuple[list[str], list[str]]:
    """(tuned, held out): sorted by name, every fourth held out."""
    ordered = sorted(names)
    return [n for i, n in enumerate(ordered) if i % 4 != 3], [n for i, n in enumerate(ordered) if i % 4 == 3]


def names(data_dir: Path) -> list[str]:
    return sorted(p.stem for p in (data_dir / "ontogum").glob("*.conll"))


def _brackets(column: str, i: int, opened: dict[str, list[int]], chains: dict[str, Chain]) -> None:
    """Apply one token's coreference column ("(6(1)", "8)22)") to the open and finished mentions."""
    for m in re.finditer(r"(\()?(\d+)(\))?", column):
        key = m.group(2)
        if m.group(1) and m.group(3):
            chains.setdefault(key, []).append((i, i))
        elif m.group(1):
            opened.setdefault(key, []).append(i)
        elif m.group(3) and opened.get(key):
            chains.setdefault(key, []).append((opened[key].pop(), i))


def read(data_dir: Path, name: str) -> GumDoc:
    text_parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    upos: list[str] = []
    heads: list[int] = []
    deprels: list[str] = []
    entities: list[tuple[int, int, str]] = []
    ent_open: dict[str, list[tuple[int, str]]] = {}
    published = None
    pos = 0
    for line in (data_dir / "conllu" / f"{name}.conllu").read_text("utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            published = line.split("=", 1)[1].strip()
        if line.startswith("# newpar") and not line.startswith("# newpar_block") and tokens:
            if text_parts and text_parts[-1] == " ":
                text_parts.pop()
                pos -= 1
            text_parts.append("\n")
            pos += 1
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not cols[0].isdigit():
            continue
        i = len(tokens)
        tokens.append((pos, pos + len(cols[1])))
        upos.append(cols[3])
        heads.append(i - int(cols[0]) + int(cols[6]) if cols[6] != "0" else -1)
        deprels.append(cols[7])
        text_parts.append(cols[1])
        pos += len(cols[1])
        if "SpaceAfter=No" not in cols[9]:
            text_parts.append(" ")
            pos += 1
        for m in re.finditer(r"\((\d+)-([a-z]+)[^()|]*\)?|(\d+)\)", cols[9].split("Entity=", 1)[1].split("|")[0] if "Entity=" in cols[9] else ""):
            if m.group(1):
                if m.group(0).endswith(")"):
                    entities.append((i, i, m.group(2)))
                else:
                    ent_open.setdefault(m.group(1), []).append((i, m.group(2)))
            elif m.group(3) in ent_open and ent_open[m.group(3)]:
                start, etype = ent_open[m.group(3)].pop()
                entities.append((start, i, etype))
    opened: dict[str, list[int]] = {}
    chains: dict[str, Chain] = {}
    k = 0
    for line in (data_dir / "ontogum" / f"{name}.conll").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        _brackets(cols[-1], k, opened, chains)
        k += 1
    return GumDoc(name, "".join(text_parts), tokens, upos, sorted(entities), [sorted(c) for c in chains.values()], published, heads, deprels)
