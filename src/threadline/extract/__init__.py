"""Extractor components, in pipeline order."""

from __future__ import annotations

from .attributions import ATTRIBUTIONS
from .events import EVENTS
from .figures import FIGURES
from .mentions import MENTIONS
from .timexes import TIMEXES

PIPELINE = [MENTIONS, ATTRIBUTIONS, TIMEXES, FIGURES, EVENTS]
