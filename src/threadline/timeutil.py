"""One representation of points in time: a TimeML-style value plus its precision.

`TimePoint("2023-09-05", "day")`, `TimePoint("2024-03", "month")`,
`TimePoint("2019", "year")`. Documents' `published`, timexes, events and
figures all use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

PRECISIONS = ("year", "month", "day", "minute")

_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[ T](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?$"
)


@dataclass(frozen=True)
class TimePoint:
    value: str
    precision: str

    def as_date(self) -> date | None:
        """The first day the value covers (None if not a calendar value)."""
        m = _ISO.match(self.value)
        if not m:
            return None
        return date(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1))

    def to_json(self) -> dict[str, str]:
        return {"value": self.value, "precision": self.precision}


def from_datetime(dt: datetime | date, precision: str = "day") -> TimePoint:
    if precision == "year":
        return TimePoint(f"{dt.year:04d}", "year")
    if precision == "month":
        return TimePoint(f"{dt.year:04d}-{dt.month:02d}", "month")
    if precision == "minute" and isinstance(dt, datetime):
        return TimePoint(dt.strftime("%Y-%m-%dT%H:%M"), "minute")
    return TimePoint(f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}", "day")


def parse_published(text: str | None) -> TimePoint | None:
    """Parse a publish-date string from metadata (ISO first, then dateparser)."""
    if not text or not text.strip():
        return None
    text = text.strip()
    m = _ISO.match(text)
    if m:
        try:
            if m["H"]:
                dt = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]))
                return from_datetime(dt, "minute")
            if m["d"]:
                return from_datetime(date(int(m["y"]), int(m["m"]), int(m["d"])), "day")
            if m["m"]:
                return from_datetime(date(int(m["y"]), int(m["m"]), 1), "month")
            return from_datetime(date(int(m["y"]), 1, 1), "year")
        except ValueError:
            return None
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    precision = {"year": "year", "month": "month", "time": "minute"}.get(period, "day")
    return from_datetime(data.date_obj, precision)


@cache
def _parser():  # dateparser is slow to import; load it on first use
    import dateparser

    return dateparser.DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False},
    )
