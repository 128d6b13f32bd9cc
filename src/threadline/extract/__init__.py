"""Extractor components, in pipeline order."""

from __future__ import annotations

from .mentions import MENTIONS

PIPELINE = [MENTIONS]
