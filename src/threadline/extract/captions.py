"""Photo captions in scraped text: lines before a photo credit, "(AP / file)" lines, repeated lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

# a credit line: "Contributor/Getty Images", "Jane Doe/AP Photo", "... via Getty Images", "Photo: ...", "SOURCE: KREMLIN.RU"
CREDIT = re.compile(
    r"(?:getty images|shutterstock|\bap photo\b|/\s*(?:ap|afp|reuters|epa|tass|sputnik|anadolu)\b|\bvia (?:reuters|afp|ap)\b"
    r"|^(?:photo|photograph|picture|image|credit|source)\s*:)",
    re.IGNORECASE,
)
# a caption that carries its own credit at the end: "Campaign in Moscow (Reuters)", "Recruits in Volgograd (AP/file)"
CREDIT_TAIL = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|TASS|Getty|Sputnik|Anadolu|file|photo)\b[^()]{0,30}\)(?:\s*\([^()]{0,40}\))?\s*$", re.IGNORECASE
)
FILE_PHOTO = re.compile(r"^(?:FILE|FILE PHOTO|IN PICTURES|PHOTO)\s*[-–—:]\s")  # wire photos: "FILE - Recruits walk ..."
STUBS = {"more", "expand", "enlarge", "show caption", "hide caption", "close", "view image", "open image"}
LONGEST_CREDIT = 120
LONGEST_CAPTION = 600


@dataclass(frozen=True)
class Caption:
    start: int
    end: int
    copy: bool  # a repeat of the caption beside it (often cut short with "…"): its facts are already counted


def captions(text: str, removed: list | tuple = ()) -> list[Caption]:
    """Caption lines of a document, in order. `removed` is the cleaner's record of removed lines
    (`Document.cleaning["removed"]`): a kept line whose repeat the cleaner dropped is a caption
    (scraped pages print a photo's caption twice, once cut short), the headline excepted."""
    repeated = {_key(line) for rule, line in removed if rule in ("repeat", "truncated-repeat")}
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    found: dict[int, bool] = {}
    for i, (start, _, line) in enumerate(lines):
        if i and repeated and len(line) >= 30 and any(_key(line).startswith(k) for k in repeated if len(k) >= 30):
            found.setdefault(i, False)
        if len(line) <= LONGEST_CAPTION and (CREDIT_TAIL.search(line) or FILE_PHOTO.match(line)):
            found.setdefault(i, False)
        if len(line) <= LONGEST_CREDIT and CREDIT.search(line):
            j, taken = i - 1, 0
            while j >= 0 and taken < 3 and _adjacent(text, lines[j], lines[j + 1]):
                if lines[j][2].lower() not in STUBS:
                    found.setdefault(j, False)
                    taken += 1
                j -= 1
        if i + 1 < len(lines) and _adjacent(text, lines[i], lines[i + 1]):
            copy = _repeat(line, lines[i + 1][2])
            if copy is not None:
                found[i], found[i + 1] = copy == 0, copy == 1
    return [Caption(lines[i][0], lines[i][1], copy) for i, copy in sorted(found.items())]


def _key(line: str) -> str:
    return " ".join(line.rstrip("….").split()).lower()


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Two lines with no blank line between them."""
    return text.count("\n", a[1], b[0]) <= 1


def _repeat(a: str, b: str) -> int | None:
    """Which of two neighbouring lines repeats the other (0 or 1): the one cut short ("…"), else the second."""
    short_a, short_b = a.rstrip("….").rstrip(), b.rstrip("….").rstrip()
    if len(short_a) < 30 or len(short_b) < 30:
        return None
    if a == b:
        return 1
    if b.startswith(short_a) and a.endswith(("…", "...")):
        return 0
    if a.startswith(short_b) and b.endswith(("…", "...")):
        return 1
    if b.startswith(a):  # "Campaign in Moscow (Reuters)" then the same with the photographer's name
        return 0
    return None


def inside(start: int, end: int, found: list[Caption], copies_only: bool = False) -> Caption | None:
    """The caption holding [start, end), if any."""
    return next((c for c in found if c.start <= start and end <= c.end and (c.copy or not copies_only)), None)
