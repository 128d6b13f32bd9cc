"""Clean scraped article text: mojibake, whitespace, boilerplate, repeats, markers."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import ftfy

_TERMINAL = tuple('.!?:;"”’»)…]')
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "″": '"', "«": '"', "»": '"'})
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


@dataclass(frozen=True)
class Rules:
    boilerplate: tuple[re.Pattern[str], ...]
    boilerplate_max_words: int
    credits: tuple[re.Pattern[str], ...]
    credits_max_words: int
    markers: dict[str, tuple[re.Pattern[str], ...]]
    leading_date: re.Pattern[str]


@dataclass
class Cleaned:
    """Cleaned text plus what was learnt and removed on the way."""

    text: str
    markers: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule, line)
    title: str | None = None
    follow_author: str | None = None


@cache
def rules() -> Rules:
    data = tomllib.loads(resources.files("threadline").joinpath("data/cleaning.toml").read_text("utf-8"))

    def comp(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)

    markers = {k: comp(v) for k, v in data["markers"].items() if isinstance(v, list)}
    return Rules(
        boilerplate=comp(data["boilerplate"]["patterns"]),
        boilerplate_max_words=data["boilerplate"]["max_words"],
        credits=comp(data["credits"]["patterns"]),
        credits_max_words=data["credits"]["max_words"],
        markers=markers,
        leading_date=re.compile(data["markers"]["leading_date"], re.IGNORECASE),
    )


def normalise(text: str) -> str:
    """Fix mojibake and odd characters; keep curly quotes (they mark quotations)."""
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True, normalization="NFC")
    text = text.translate(_ZERO_WIDTH)
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _ASCII_CONTROL.sub("", text)  # C0 controls but the line break, and DEL
    if text.isascii():
        return text
    return _NON_ASCII.sub(_drop_control, text)  # other control, format and unassigned characters


def one_line(text: str) -> str:
    """A metadata field as one line of clean text: no control or format characters (NUL, bidi overrides)."""
    return " ".join(normalise(text).split())


def _drop_control(m: re.Match[str]) -> str:
    return "" if unicodedata.category(m.group())[0] == "C" else m.group()


_ASCII_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _key(line: str) -> str:
    return " ".join(line.translate(_QUOTES).casefold().split()).rstrip(" .…")


def _words(line: str) -> int:
    return len(line.split())


def _full(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    for pattern in patterns:
        m = pattern.fullmatch(line)
        if m:
            return m
    return None


def clean_text(raw: str) -> Cleaned:
    """Apply the cleaning rules to one plain-text article."""
    r = rules()
    lines = [" ".join(line.split()) for line in normalise(raw).split("\n")]
    result = Cleaned(text="")
    # A date glued to the first non-empty line.
    for i, line in enumerate(lines):
        if not line:
            continue
        m = r.leading_date.match(line)
        if m:
            result.markers.setdefault("published", m.group("value"))
            lines[i] = line[m.end():].strip()
            result.removed.append(("marker:published", m.group(0).strip()))
        break

    kept: list[str] = []
    for line in lines:
        if not line:
            kept.append("")
            continue
        rule = _classify(line, result, r)
        if rule:
            result.removed.append((rule, line))
            kept.append("\x00")  # placeholder: a removed line (for orphan-heading rule)
        else:
            kept.append(line)

    paragraphs = _drop_orphan_headings([p for p in kept if p], result)
    paragraphs = _drop_repeats(paragraphs, result)
    paragraphs = _join_broken(paragraphs)
    if paragraphs and _is_headline(paragraphs[0], paragraphs[1:]):
        result.title = paragraphs[0]
    result.text = "\n\n".join(paragraphs)
    return result


def _classify(line: str, result: Cleaned, r: Rules) -> str | None:
    for name, patterns in r.markers.items():
        m = _full(patterns, line)
        if m:
            value = m.group("value").strip()
            if value:
                result.markers.setdefault(name, value)
            return f"marker:{name}"
    words = _words(line)
    if words <= r.boilerplate_max_words:
        m = _full(r.boilerplate, line)
        if m:
            follow = re.fullmatch(r"follow (?P<name>.{1,80}?) on .*", line, re.IGNORECASE)
            if follow:
                result.follow_author = follow.group("name")
            return "boilerplate"
    if words <= r.credits_max_words and _full(r.credits, line):
        return "credit"
    return None


def _drop_orphan_headings(lines: list[str], result: Cleaned) -> list[str]:
    """A short heading right before removed furniture goes with it ("Uncommon Knowledge")."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if line == "\x00":
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        rest = [x for x in lines[i + 1:] if x != "\x00"]
        is_heading = _words(line) <= 4 and not line.endswith(_TERMINAL)
        if is_heading and nxt == "\x00" and (not rest or _tail_is_furniture(lines[i + 1:])):
            result.removed.append(("orphan-heading", line))
            continue
        out.append(line)
    return out


def _tail_is_furniture(lines: list[str]) -> bool:
    """True if what follows is removed lines and repeats only, up to the end."""
    real = [x for x in lines if x != "\x00"]
    return len(set(map(_key, real))) <= 1


def _drop_repeats(lines: list[str], result: Cleaned) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _key(line) == _key(out[-1]):
            result.removed.append(("repeat", line))
            continue
        if out and out[-1].endswith(("…", "...")) and _key(line).startswith(_key(out[-1])) and len(line) > len(out[-1]) - 3:
            result.removed.append(("truncated-repeat", out[-1]))
            out[-1] = line
            continue
        out.append(line)
    return out


def _join_broken(lines: list[str]) -> list[str]:
    """Join a paragraph broken mid-sentence: no end punctuation, next starts lower-case."""
    out: list[str] = []
    for line in lines:
        if out and not out[-1].endswith(_TERMINAL) and line[:1].islower() and _words(out[-1]) > 4:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _is_headline(first: str, rest: list[str]) -> bool:
    return bool(rest) and 3 <= _words(first) <= 30 and not first.endswith((".", "!", ";", ",", ":"))
