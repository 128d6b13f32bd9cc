"""Template filters shared by the workbench pages and the report: numbers and dates as shown."""

from __future__ import annotations

import math
from typing import Any


def number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and not math.isfinite(value)):
        return "" if value is None else str(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def when(tp: Any) -> str:
    if isinstance(tp, dict) and tp.get("value"):
        return str(tp["value"]).replace("T", " ")
    return "undated"
