"""Document metadata: outlet from URL, HTML extraction, language."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit


@cache
def _extractor():
    import tldextract

    # The bundled public-suffix snapshot: never fetch the list at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain of a URL ("www.newsweek.com/x" -> "newsweek.com")."""
    if not url:
        return None
    parts = _extractor()(url)
    domain = getattr(parts, "top_domain_under_public_suffix", None) or parts.registered_domain
    if domain:
        return domain
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


def language(text: str) -> str:
    """ISO 639-1 code of the text's language: "en" for a text that is clearly English,
    else what py3langid says (its model takes over a second to load, once per process)."""
    if clearly_english(text[:5000]):
        return "en"
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return str(lang)


# English words that are no common word of another language written in Latin letters
# ("to", "for", "at", "is", "was" are left out: Polish, Danish, Dutch, German use them).
_ENGLISH_WORDS = frozenset("the and of that with are this it have has from which said were not but they their would been".split())
_WORD = re.compile(r"[a-z]+")


def clearly_english(text: str) -> bool:
    """Thirty words or more, one in twenty of them an English function word of `_ENGLISH_WORDS`
    (news in English: 6% to 40%; other languages: none)."""
    words = _WORD.findall(text.lower())
    return len(words) >= 30 and sum(w in _ENGLISH_WORDS for w in words) * 20 >= len(words)


def from_html(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of an HTML page with trafilatura; None if no text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
        deduplicate=False,
    )
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        return None
    return {
        "text": text,
        "title": data.get("title"),
        "author": data.get("author"),
        "published": data.get("date"),
        "outlet": data.get("sitename"),
        "url": data.get("url"),
    }
