"""What `threadline watch` follows and what it alerts on: sources with names and tags, watched entities, measures, indicators and tags."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

KINDS = ("folder", "feed", "sitemap")
LISTS = ("entities", "measures", "indicators", "tags", "findings")  # the [watch] keys that are lists of strings


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # folder | feed | sitemap
    location: str  # a folder path or an http(s) URL
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Watchlist:
    """The sources, and what counts as worth an alert beyond the changes every watch reports."""

    sources: tuple[Source, ...] = ()
    entities: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    mention_threshold: int = 10
    findings: tuple[str, ...] = ()  # kinds of quantity findings to alert on (conflicts, hedge conflicts and updates when empty)
    max_alerts: int = 50  # alerts one poll raises; the rest of its changes are counted in one digest alert


def guess_kind(location: str) -> str:
    if "://" not in location:
        return "folder"
    return "sitemap" if re.search(r"sitemap[^/]*\.xml", location, re.I) else "feed"


def source_from_argument(arg: str) -> Source:
    if "://" in arg and not arg.startswith(("http://", "https://")):
        raise ConfigError(f"not an http(s) URL: {arg}")
    if "://" not in arg and not Path(arg).is_dir():
        raise ConfigError(f"not a folder, a feed URL or a watch file: {arg}")
    return Source(arg, guess_kind(arg), arg)


def load(arguments: list[str]) -> Watchlist:
    """Sources given on the command line: folders, feed or sitemap URLs, and watch files (`.toml`)."""
    sources: list[Source] = []
    merged: dict[str, Any] = {key: [] for key in LISTS}
    numbers = {"mention_threshold": Watchlist.mention_threshold, "max_alerts": Watchlist.max_alerts}
    for arg in arguments:
        if arg.endswith(".toml") and "://" not in arg:
            file_sources, watch = _read_file(Path(arg))
            sources.extend(file_sources)
            for key in merged:
                merged[key].extend(watch.get(key, []))
            numbers.update({key: int(watch[key]) for key in numbers if key in watch})
        else:
            sources.append(source_from_argument(arg))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"source named more than once: {', '.join(dupes)}")
    return Watchlist(tuple(sources), **{k: tuple(dict.fromkeys(v)) for k, v in merged.items()}, **numbers)


def _read_file(path: Path) -> tuple[list[Source], dict[str, Any]]:
    if not path.is_file():
        raise ConfigError(f"watch file not found: {path}")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    unknown = set(data) - {"source", "watch"}
    if unknown:
        raise ConfigError(f"{path}: unknown section [{sorted(unknown)[0]}] (expected [[source]] and [watch])")
    sources = []
    for i, entry in enumerate(data.get("source", []), 1):
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: source {i} is not a table")
        extra = set(entry) - {"name", "url", "path", "kind", "tags"}
        if extra:
            raise ConfigError(f"{path}: source {i}: unknown key {sorted(extra)[0]}")
        location = entry.get("url") or entry.get("path")
        if not isinstance(location, str) or bool(entry.get("url")) == bool(entry.get("path")):
            raise ConfigError(f"{path}: source {i} needs exactly one of url or path")
        if entry.get("path"):
            location = str((path.parent / location).resolve()) if not Path(location).is_absolute() else location
            if not Path(location).is_dir():
                raise ConfigError(f"{path}: source {i}: not a folder: {entry['path']}")
        elif not location.startswith(("http://", "https://")):
            raise ConfigError(f"{path}: source {i}: not an http(s) URL: {location}")
        kind = entry.get("kind") or guess_kind(location)
        if kind not in KINDS:
            raise ConfigError(f"{path}: source {i}: kind must be one of {', '.join(KINDS)}")
        tags = entry.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ConfigError(f"{path}: source {i}: tags must be a list of strings")
        sources.append(Source(str(entry.get("name") or location), kind, location, tuple(tags)))
    watch = data.get("watch", {})
    if not isinstance(watch, dict):
        raise ConfigError(f"{path}: [watch] must be a table")
    extra = set(watch) - {*LISTS, "mention_threshold", "max_alerts"}
    if extra:
        raise ConfigError(f"{path}: [watch]: unknown key {sorted(extra)[0]}")
    for key in LISTS:
        value = watch.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [watch] {key} must be a list of strings")
    for key in ("mention_threshold", "max_alerts"):
        if not isinstance(watch.get(key, 1), int) or isinstance(watch.get(key, 1), bool) or watch.get(key, 1) < 1:
            raise ConfigError(f"{path}: [watch] {key} must be a positive integer")
    return sources, watch
