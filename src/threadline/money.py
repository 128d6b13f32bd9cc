"""Amounts in US dollars: the article's own conversion, else an ECB rate valid at the as-of date, else none with the reason.

The rates are the European Central Bank's daily reference history packaged
with `currencyconverter`. A rate is used only if it was published on the day
the amount is dated, or at most `MAX_LOOKBACK_DAYS` before it (weekends and
holidays); an older rate is never used. The packaged history has no rouble
rate after 2022-03-01 and none at all for many currencies (NPR, KES, KZT, AMD,
UZS, CUP, LKR, GHS, ...): such amounts keep a null value and say why.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import cache
from typing import Any

from . import timeml
from .datafiles import kept, source_key
from .timeutil import TimePoint

MAX_LOOKBACK_DAYS = 7


_RATES_VERSION = 1  # of the rate table as kept between runs (`datafiles.kept`): bump when its build changes


@cache
def _converter() -> Any:
    """The ECB rate history, without fallbacks. Reading the packaged CSV (7,000 days of 40-odd
    currencies) is done once and its table kept between runs (`datafiles.kept`); a converter
    is then given that table instead of reading the file again."""
    from currency_converter import CurrencyConverter
    from currency_converter import currency_converter as package

    conv = CurrencyConverter(currency_file=None, fallback_on_missing_rate=False, fallback_on_wrong_date=False)
    key = (_RATES_VERSION, *source_key(package.CURRENCY_FILE, package.__file__))
    table = kept("ecb-rates", key, _rate_table)
    days = {o: date.fromordinal(o) for o in range(table["first"], table["last"] + 1)}  # one object a day
    conv._rates = defaultdict(dict)
    for currency, (ordinals, rates) in table["rates"].items():
        conv._rates[currency] = dict(zip(map(days.__getitem__, ordinals), rates))
    conv.bounds = {c: package.Bounds(date.fromordinal(a), date.fromordinal(b)) for c, (a, b) in table["bounds"].items()}
    conv.currencies = set(table["currencies"])
    return conv


def _rate_table() -> dict[str, Any]:
    """The converter's table as the package reads it from its file: each currency's days and
    rates in its order (a missing rate is None), the first and last day of each and of all, the
    currencies. Days are ordinals (`marshal` writes no dates)."""
    from currency_converter import CurrencyConverter

    conv = CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)
    every = [d.toordinal() for rates in conv._rates.values() for d in rates]
    return {
        "first": min(every, default=1),
        "last": max(every, default=0),
        "rates": {c: ([d.toordinal() for d in rates], list(rates.values())) for c, rates in conv._rates.items()},
        "bounds": {c: (b.first_date.toordinal(), b.last_date.toordinal()) for c, b in conv.bounds.items()},
        "currencies": sorted(conv.currencies),
    }


def rate_day(as_of: TimePoint | None, published: TimePoint | None = None) -> date | None:
    """The day whose rate prices an amount dated `as_of`: the day itself; for a
    coarser date, the publish day if it falls inside it, else its middle."""
    if as_of is None:
        return None
    span = timeml.interval(as_of.value.split("T")[0])
    if span is None:
        return None
    if span[0] == span[1]:
        return span[0]
    pub = published.as_date() if published else None
    if pub and span[0] <= pub <= span[1]:
        return pub
    return timeml.midpoint(span)


def ecb_rate(currency: str, day: date) -> tuple[float, date] | None:
    """(USD per unit of `currency`, the rate's date) from the ECB history, at most a week old."""
    conv = _converter()
    if currency not in conv.currencies:
        return None
    from currency_converter import RateNotFoundError

    for back in range(MAX_LOOKBACK_DAYS + 1):
        d = day - timedelta(days=back)
        try:
            return conv.convert(1.0, currency, "USD", d), d
        except RateNotFoundError:
            continue
    return None


def _bounds(currency: str) -> tuple[date, date] | None:
    conv = _converter()
    if currency not in conv.currencies:
        return None
    b = conv.bounds[currency]
    return b.first_date, b.last_date


def stated(value: float | None) -> dict[str, Any]:
    return {"value": value, "computed": False, "source": "stated"}


def from_article(value: float | None, qualifier: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "computed": False, "source": "article"}
    if qualifier and qualifier != "exact":
        out["qualifier"] = qualifier
    return out


def to_usd(amount: float | None, currency: str | None, as_of: TimePoint | None, published: TimePoint | None = None) -> dict[str, Any] | None:
    """The USD record of an amount: stated, computed at an ECB rate, or null with a reason."""
    if currency is None:
        return None
    if currency == "USD":
        return stated(amount)
    none: dict[str, Any] = {"value": None, "computed": False, "source": None}
    if amount is None:
        return {**none, "reason": "no single amount to convert"}
    day = rate_day(as_of, published)
    if day is None:
        return {**none, "reason": "no as-of date to pick a rate"}
    bounds = _bounds(currency)
    if bounds is None:
        return {**none, "reason": f"no ECB rate for {currency}"}
    found = ecb_rate(currency, day)
    if found is None:
        first, last = bounds
        return {
            **none,
            "reason": f"no ECB rate for {currency} within {MAX_LOOKBACK_DAYS} days of {day.isoformat()}"
            f" (the packaged history covers {first.isoformat()} to {last.isoformat()})",
        }
    rate, rate_date = found
    return {
        "value": round(amount * rate, 2),
        "computed": True,
        "source": f"ECB rate {rate_date.isoformat()}",
        "rate": rate,
        "date": rate_date.isoformat(),
    }
