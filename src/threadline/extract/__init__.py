"""Extractor components, in pipeline order."""

from __future__ import annotations

from ..discourse.coref import COREFERENCE
from .attributions import ATTRIBUTIONS
from .events import EVENTS
from .figures import FIGURES
from .mentions import MENTIONS
from .timexes import TIMEXES

PIPELINE = [MENTIONS, COREFERENCE, ATTRIBUTIONS, TIMEXES, FIGURES, EVENTS]
