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


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = ("first", "second", "third", "fourth")
_SEASON_WORDS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PART_WORDS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "DE": "decade", "CE": "century", "E": "decade",
                   "C": "century", "Q": "quarter", "H": "hour", "TM": "minute", "S": "second"}
_REFS = {"PRESENT_REF": "now, at the time of writing", "PAST_REF": "before the time of writing", "FUTURE_REF": "after the time of writing"}
_SHAPE = re.compile(
    r"^(?P<year>\d{4}|XXXX)(?:-(?:(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"
    r"|W(?P<week>\d{2}|XX)(?:-(?P<wday>WE|\d))?|Q(?P<quarter>[1-4X])|H(?P<half>[12X])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?P<time>\d{2}:\d{2}(?::\d{2})?|MO|MI|AF|EV|NI|DT))?$"
)


@lru_cache(maxsize=1 << 14)
def in_words(value: str | None) -> str:
    """A TimeML value as a reader says it: "2024-03" -> "March 2024", "XXXX-WXX-7" -> "a Sunday, week
    unknown", "XXXX-08" -> "August, year unknown", "2024-W12" -> "the week of 18 March 2024", "P1Y" -> "1 year".
    Every view shows dates through this function, so no raw code reaches a reader. Memoised: the
    quantities step words the dates of every pair of claims it compares."""
    if not value:
        return "undated"
    value = value.strip().upper()
    if value in _REFS:
        return _REFS[value]
    if value.startswith("P"):
        return _duration_words(value)
    m = re.fullmatch(r"(\d{2})(\d)?X*", value)
    if m and len(value) < 4:  # "199" the 1990s, "19" the 1900s
        return f"the {m[1]}{m[2]}0s" if m[2] else f"the {m[1]}00s"
    m = _SHAPE.match(value)
    if not m:
        return "a date that could not be read"
    year = None if m["year"] == "XXXX" else int(m["year"])
    words = _calendar_words(m, year)
    time = m["time"]
    if time:
        words += f", {_PART_WORDS[time]}" if time in _PART_WORDS else f", {time[:5]}"
    return words


def _calendar_words(m: re.Match[str], year: int | None) -> str:
    def with_year(words: str, unknown: str = "year unknown") -> str:
        return f"{words} {year}" if year is not None else f"{words}, {unknown}"

    if m["month"]:
        if m["month"] == "XX":
            day = f"day {int(m['day'])} of a month" if m["day"] and m["day"] != "XX" else "a day"
            return f"{day} in {year}, month unknown" if year is not None else f"{day}, month and year unknown"
        month = MONTHS[int(m["month"]) - 1]
        if m["day"] and m["day"] != "XX":
            return with_year(f"{int(m['day'])} {month}")
        if m["day"]:
            return with_year(f"a day in {month}")
        return with_year(month)
    if m["week"]:
        if m["week"] == "XX" or year is None:
            what = "a weekend" if m["wday"] == "WE" else f"a {WEEKDAYS[int(m['wday']) - 1]}" if m["wday"] else "a week"
            return f"{what} in {year}, week unknown" if year is not None else f"{what}, {'date' if what == 'a week' else 'week'} unknown"
        try:
            monday = date.fromisocalendar(year, int(m["week"]), 1)
        except ValueError:
            return "a date that could not be read"
        if m["wday"] == "WE":
            saturday = monday + timedelta(days=5)
            return f"the weekend of {saturday.day} {MONTHS[saturday.month - 1]} {saturday.year}"
        if m["wday"]:
            d = monday + timedelta(days=int(m["wday"]) - 1)
            return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"
        return f"the week of {monday.day} {MONTHS[monday.month - 1]} {monday.year}"
    if m["quarter"]:
        if m["quarter"] == "X":
            return f"a quarter of {year}" if year is not None else "a quarter, year unknown"
        return with_year(f"the {_ORDINALS[int(m['quarter']) - 1]} quarter of", "year unknown").replace(" of,", ",")
    if m["half"]:
        if m["half"] == "X":
            return f"a half of {year}" if year is not None else "a half year, year unknown"
        return with_year(f"the {_ORDINALS[int(m['half']) - 1]} half of", "year unknown").replace(" of,", ",")
    if m["season"]:
        return with_year(_SEASON_WORDS[m["season"]])
    return str(year) if year is not None else "year unknown"


def _duration_words(value: str) -> str:
    m = re.fullmatch(r"P(T)?(\d+(?:\.\d+)?|X+)(DE|CE|[YMWDQHSE])", value)
    if not m:
        return "a length of time"
    unit = _DURATION_UNITS["TM" if m[1] and m[3] == "M" else m[3]]
    if m[2].startswith("X"):
        return f"some {unit}s" if unit != "century" else "some centuries"
    n = float(m[2])
    amount = str(int(n)) if n.is_integer() else m[2]
    if n == 1:
        return f"1 {unit}"
    return f"{amount} {'centuries' if unit == 'century' else unit + 's'}"


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
