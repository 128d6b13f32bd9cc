"""What a source lists: the entries of an RSS/Atom feed, a (news) sitemap, or a folder's files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from .readers import walk_files

MAX_SITEMAP_CHILDREN = 50  # sitemaps of a sitemap index read per poll


@dataclass(frozen=True)
class Entry:
    """One listed item: its URL (or file path), a stamp that changes when it changes, if the listing gives one, and metadata."""

    url: str
    modified: str | None = None
    meta: tuple[tuple[str, str], ...] = ()


class ListingError(ValueError):
    """A listing that cannot be read (malformed feed or sitemap)."""


def is_sitemap(body: bytes) -> bool:
    head = body[:2000].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def feed_entries(body: bytes) -> list[Entry]:
    """The entries of an RSS or Atom feed that link to a web page; a feed that is malformed and lists none is an error."""
    parsed = feedparser.parse(body)
    if not parsed.entries and not parsed.feed:
        raise ListingError("not a feed: no channel and no entries")
    out = []
    for e in parsed.entries:
        link = e.get("link")
        if not link or not str(link).startswith(("http://", "https://")):
            continue
        meta = {"title": e.get("title"), "published": e.get("published") or e.get("updated")}
        # No change stamp: feeds list few, recent items and their dates do not move on a correction,
        # so every listed page is asked again each poll, with a conditional GET.
        out.append(Entry(str(link), None, _pairs(meta)))
    if parsed.bozo and not out:
        raise ListingError(f"malformed feed: {parsed.get('bozo_exception', 'unreadable')}"[:300])
    return out


def sitemap_entries(body: bytes) -> tuple[list[Entry], list[str]]:
    """(pages listed, child sitemaps listed) of a sitemap or sitemap index."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ListingError(f"malformed sitemap: {exc}") from None
    tag = _local(root.tag)
    if tag not in ("urlset", "sitemapindex"):
        raise ListingError(f"not a sitemap: root element <{tag}>")
    pages, children = [], []
    for node in root:
        loc = modified = title = published = None
        for child in node.iter():
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name == "lastmod":
                modified = text
            elif name == "title":
                title = text
            elif name == "publication_date":
                published = text
        if not loc or not loc.startswith(("http://", "https://")):
            continue
        if tag == "sitemapindex":
            children.append(loc)
        else:
            pages.append(Entry(loc, modified or published, _pairs({"title": title, "published": published})))
    return pages, children[:MAX_SITEMAP_CHILDREN]


def folder_entries(folder: str, skip: frozenset[Path] = frozenset()) -> list[Entry]:
    """Every visible file under `folder` (the paths in `skip` passed over), sorted, stamped with its size and modification time."""
    out = []
    for path in walk_files(Path(folder), skip):
        if isinstance(path, Path):
            try:
                st = path.stat()
            except OSError:
                continue
            out.append(Entry(str(path), f"{st.st_size}:{st.st_mtime_ns}"))
    return sorted(out, key=lambda e: e.url)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _pairs(meta: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(v)) for k, v in meta.items() if v)
