"""Threadline: turn a pile of news articles into an evidence-grounded knowledge base."""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import Corpus, RunSummary, SearchHit, open
from .document import Document
from .errors import ConfigError, InputError, StoreError, ThreadlineError
from .timeutil import TimePoint

__all__ = [
    "ConfigError",
    "Corpus",
    "Document",
    "InputError",
    "RunSummary",
    "SearchHit",
    "StoreError",
    "ThreadlineError",
    "TimePoint",
    "__version__",
    "open",
]
