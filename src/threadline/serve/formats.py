"""Template filters shared by the workbench pages and the report: numbers and dates as shown."""

from __future__ import annotations

import math
from typing import Any

from ..timeml import in_words


def number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not math.isfinite(value)):
        return "" if value is None else str(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def when(tp: Any) -> str:
    """A date as a reader says it, from a time dict ({"value": ...}) or a TimeML value ("XXXX-08")."""
    value = tp.get("value") if isinstance(tp, dict) else tp
    return in_words(str(value)) if value else "undated"
