"""TimeML values as calendar intervals: parse, shift and compare "2023-09", "2024-W12", "2023-Q3", "199"."""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date, timedelta

from .timeutil import TimePoint

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # months; winter runs into next year
PARTS_OF_DAY = ("MO", "MI", "AF", "EV", "NI", "DT")

_VALUE = re.compile(
    r"^(?:(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?P<time>\d{2}:\d{2}|MO|MI|AF|EV|NI|DT))?)?"
    r"|W(?P<week>\d{2})(?:-(?P<wday>WE|\d))?|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2}))$"
)


def precision_of(value: str | None) -> str | None:
    """The granularity a value names: "2023-09" -> "month", "2024-W12" -> "week", "P18M" -> "month"."""
    if not value:
        return None
    if value.startswith("P"):
        unit = value[-1]
        if value.startswith("PT"):
            return {"H": "hour", "M": "minute", "S": "second"}.get(unit)
        return {"Y": "year", "M": "month", "W": "week", "D": "day", "E": "decade", "C": "century"}.get(unit)
    if value.endswith("_REF"):
        return "ref"
    m = _VALUE.match(value.replace("X", "0"))
    if not m:
        return None
    for group, name in (("time", "minute"), ("day", "day"), ("wday", "day"), ("week", "week"), ("month", "month"),
                        ("quarter", "quarter"), ("half", "half"), ("season", "season"), ("year", "year"),
                        ("decade", "decade"), ("century", "century")):
        if m[group]:
            if group == "time" and not m["time"][0].isdigit():
                return "day"
            if group == "wday" and m["wday"] == "WE":
                return "week"
            return name
    return None


@lru_cache(maxsize=1 << 16)
def interval(value: str | None) -> tuple[date, date] | None:
    """First and last day a calendar value covers (None for references, durations and unresolved values)."""
    if not value or "X" in value:
        return None
    m = _VALUE.match(value)
    if not m:
        return None
    try:
        if m["century"]:
            y = int(m["century"]) * 100
            return date(max(1, y), 1, 1), date(y + 99, 12, 31)
        if m["decade"]:
            y = int(m["decade"]) * 10
            return date(max(1, y), 1, 1), date(y + 9, 12, 31)
        year = int(m["year"])
        if m["day"]:
            d = date(year, int(m["month"]), int(m["day"]))
            return d, d
        if m["month"]:
            first = date(year, int(m["month"]), 1)
            return first, _month_end(first)
        if m["week"]:
            monday = date.fromisocalendar(year, int(m["week"]), 1)
            if m["wday"] == "WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if m["wday"]:
                d = monday + timedelta(days=int(m["wday"]) - 1)
                return d, d
            return monday, monday + timedelta(days=6)
        if m["quarter"]:
            q = int(m["quarter"])
            first = date(year, 3 * q - 2, 1)
            return first, _month_end(date(year, 3 * q, 1))
        if m["half"]:
            h = int(m["half"])
            return date(year, 6 * h - 5, 1), _month_end(date(year, 6 * h, 1))
        if m["season"]:
            a, b = SEASONS[m["season"]]
            end = date(year + (b > 12), (b - 1) % 12 + 1, 1)
            return date(year, a, 1), _month_end(end)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def day_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def point(value: str | None, precision: str | None = None) -> TimePoint | None:
    """A TimePoint for a calendar value (None for durations, references and unresolved values)."""
    if not value or interval(value) is None:
        return None
    return TimePoint(value, precision or precision_of(value) or "day")


def overlaps(a: tuple[date, date] | None, b: tuple[date, date] | None, slack_days: int = 0) -> bool:
    """Whether two intervals share a day (unknown intervals overlap everything)."""
    if a is None or b is None:
        return True
    pad = timedelta(days=slack_days)
    return a[0] <= b[1] + pad and b[0] <= a[1] + pad


def midpoint(span: tuple[date, date]) -> date:
    return span[0] + (span[1] - span[0]) / 2


_CAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def day_range(value: str | None) -> tuple[int, int] | None:
    """The days a TimeML-style value covers, as [first, last + 1) ordinals; None if not a calendar value."""
    if not value:
        return None
    week = _WEEK.match(value)
    try:
        if week:
            first = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return first.toordinal(), first.toordinal() + 7
        m = _CAL.match(value)
        if not m:
            return None
        year = int(m[1])
        if m[3]:
            first = date(year, int(m[2]), int(m[3]))
            return first.toordinal(), first.toordinal() + 1
        if m[2]:
            first = date(year, int(m[2]), 1)
            nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal()
        return date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal()
    except ValueError:
        return None
