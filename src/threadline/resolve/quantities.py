"""Figures that measure one quantity, and how each pair of its claims relates.

Claims whose measure frames (`threadline.resolve.frames`) are compatible form a
quantity: one role, rate and plan, one set of countries (the population's, else
the dateline's: "Nepalis", "Nepali nationals" and "citizens of Nepal" are one),
one unit or currency (a bare noun as key, "countries", groups only claims worded
alike), overlapping time scopes, and no two disjoint sets of named entities. Each pair of claims in a quantity is related:
- values are intervals widened by their hedge ("about" +/-15%, "at least" open
  above, "up to" open below, an exact figure by half its last significant
  digit, at most 5%);
- `part of`: one report counts one figure among the other ("including");
- `update`: claims at different times whose values differ, from one report,
  from the same claimant or of a running total that grew; claims more than
  `SAME_TIME_DAYS` apart, and claims whose values differ by at most a factor of
  `PLAUSIBLE_CHANGE` (dates a day apart do not make a sixfold jump a change);
- `hedge conflict`: one figure reported as a ceiling and as a floor ("up to
  15,000" and "more than 15,000") at one time;
- `restatement`: the same value from one source, or from a report and the
  source it names;
- `corroborates`: values that meet within hedges and rounding, an open hedge
  ("up to", "more than") reaching `OPEN_FACTOR` times its bound;
- `conflict`: intervals that do not meet for claims dated within
  `SAME_TIME_DAYS` of each other that differ too much to be one count changing,
  or a running total that fell;
- `undetermined`: values that differ where when each holds is not known.
A quantity is in conflict only through a conflict or a hedge conflict.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from .. import review, timeml
from ..words import NO_SOURCE
from . import independence
from ..extract.measures import change_concepts, generic_modifiers, is_concept, is_toll, owner_concepts, parse_key, people_concepts, price_roles
from ..store import Store, batches, dumps
from .claims import Claim, attach, holds_at
from .frames import Frame, places_meet

SAME_TIME_DAYS = 62
STATED = ("clause", "attribution")  # as-of dates the text gives, not the publish date
PERIOD_PRECISIONS = ("month", "quarter", "half", "season", "year")  # dates that name a period a figure is for, not a day it was said
PLAUSIBLE_CHANGE = 4.0  # within the window, a value that at most quadruples may have changed; more is a conflict
SCOPE_DAYS = 365  # a figure with no stated period speaks for the year up to its date
NEIGHBOURS = 50  # a claim of a large quantity is compared with this many of its successors (by as-of date)
MAX_PAIRWISE = 2 * NEIGHBOURS  # up to this many distinct claims, every pair (no more pairs than NEIGHBOURS each)
MAX_FINDINGS = 1000  # findings stored per quantity (conflicts first); a quantity of thousands of claims has far more
LEAD_FINDINGS = 20  # findings a quantity's digest lists: conflicts, then updates
HEDGE = {"about": 0.15, "nearly": 0.15}
OPEN_FACTOR = 2.0  # an open hedge ("up to", "more than") is read as reaching this factor of its bound
ROUNDING_CAP = 0.05  # a round figure ("300,000") is read as exact to 5% at most


# -- comparing claims -----------------------------------------------------------
def _rounding(value: float) -> float:
    """Half the unit of the last significant digit: 280,000 -> 5,000; 88 -> 0.5; 1.5 -> 0.05."""
    if value == 0:
        return 0.5
    if float(value).is_integer():
        n, unit = int(abs(value)), 1
        while n and n % 10 == 0:
            n //= 10
            unit *= 10
        return unit / 2
    decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
    return 0.5 * 10 ** -decimals


def interval(c: Claim, in_currency: str = "USD") -> tuple[float, float] | None:
    """The values a claim allows; money in `in_currency`, converted from its own by its dollar value."""
    d = c.data
    value, low, high, q = d.get("value"), d.get("low"), d.get("high"), d.get("qualifier") or "exact"
    if value is None:
        return None
    scale = 1.0
    if d.get("currency") and d["currency"] != in_currency:
        usd = (c.usd or {}).get("value")
        if usd is None or not value or in_currency != "USD":
            return None
        scale = usd / value
    r = min(_rounding(value), ROUNDING_CAP * abs(value))
    if low is not None and high is not None:
        lo = low - min(_rounding(low), ROUNDING_CAP * abs(low))
        hi = high + min(_rounding(high), ROUNDING_CAP * abs(high))
    elif q in ("more than", "at least"):
        lo, hi = value, math.inf
    elif q in ("up to", "as many as", "less than"):
        lo, hi = 0.0, value
    elif q == "nearly":
        lo, hi = value * (1 - HEDGE["nearly"]) - r, value
    else:
        lo, hi = value - r, value + r
    if q == "about":
        lo, hi = lo - value * HEDGE["about"], hi + value * HEDGE["about"]
    return lo * scale, hi * scale


def _memo_interval(memo: dict[tuple[int, str], tuple[float, float] | None], c: Claim, currency: str) -> tuple[float, float] | None:
    key = (id(c), currency)
    if key not in memo:
        memo[key] = interval(c, currency)
    return memo[key]


def _gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    if a[0] <= b[1] and b[0] <= a[1]:
        return 0
    return min(abs((b[0] - a[1]).days), abs((a[0] - b[1]).days))


CONFLICTS = ("conflict", "hedge conflict")  # the relations that put a quantity in conflict
LEAD_ORDER = (*CONFLICTS, "update", "part of", "corroborates", "restatement", "undetermined")  # what a digest lists first
CAPPED = ("up to", "as many as", "less than", "nearly")
FLOORED = ("more than", "at least")


def compare(a: Claim, b: Claim, memo: dict[tuple[int, str], tuple[float, float] | None] | None = None) -> tuple[str, str] | None:
    """(relation, one plain sentence) for a pair of claims of one quantity, or None when they cannot be
    compared (no value, or money without a dollar value). Relations: `part of`, `update`, `conflict`,
    `hedge conflict`, `restatement`, `corroborates`, and `undetermined` when the values differ and when
    each holds is not known. `memo` keeps the claims' intervals across the pairs of one quantity."""
    currency = a.data.get("currency") if a.data.get("currency") == b.data.get("currency") else "USD"
    if memo is None:
        ia, ib = interval(a, currency or "USD"), interval(b, currency or "USD")
    else:
        ia, ib = (_memo_interval(memo, c, currency or "USD") for c in (a, b))
    if ia is None or ib is None:
        return None
    ia, ib = _bounded(ia), _bounded(ib)
    if a.doc == b.doc and (b.part_of == a.seq or a.part_of == b.seq):
        whole, part = (a, b) if b.part_of == a.seq else (b, a)
        return "part of", f"{_show(part)} is a part of {_show(whole)}: the report counts it among them"
    if a.doc == b.doc and (b.data.get("earlier_of") == a.seq or a.data.get("earlier_of") == b.seq):
        later, earlier = (a, b) if b.data.get("earlier_of") == a.seq else (b, a)
        return "update", f"{_show(earlier)} then {_show(later)}: the report gives the earlier figure beside the later one"
    if a.doc == b.doc and a.part_of is not None and a.part_of == b.part_of:
        return "undetermined", f"{_show(a)} and {_show(b)}: two parts of one figure the report gives, not a contradiction"
    if a.doc == b.doc and (a.part_of is None) != (b.part_of is None):
        part, other = (a, b) if a.part_of is not None else (b, a)
        if ia[0] <= ib[1] and ib[0] <= ia[1] or _value_in(part, currency or "USD") < _value_in(other, currency or "USD"):
            # "Of the 40 men detained, 25 are from ...": the part beside the whole told again elsewhere in the report
            return "part of", f"{_show(part)} is a part of a figure the report gives, {_show(other)}: the report counts it among them"
        return "undetermined", f"{_show(part)} is a part of another figure the report gives, not a count to set against {_show(other)}"
    va, vb = _value_in(a, currency or "USD"), _value_in(b, currency or "USD")
    one_source = _same_source(a, b) or bool(a.voice) and a.voice == b.voice  # a spokesperson and the organisation they speak for
    meet = ia[0] <= ib[1] and ib[0] <= ia[1]
    wa, wb = a.when, b.when
    cumulative = bool(a.scope_start and b.scope_start)
    gap: int | None
    if wa and wb:
        gap = _gap_days(wa, wb)
        distinct = gap > 0 or a.as_of != b.as_of and (a.as_of_precision == b.as_of_precision == "day")
        first, second = (a, b) if wa[0] <= wb[0] else (b, a)
    elif a.doc == b.doc and (a.as_of is None) != (b.as_of is None) and not str(a.as_of or b.as_of).startswith("X") \
            and (a if a.as_of is None else b).data.get("timex") is None \
            and not math.isclose(va, vb, rel_tol=1e-9) and not (is_toll(a.data.get("measure_key")) and is_toll(b.data.get("measure_key"))):
        # one report's figure with a date and one with no time told at all ("up 4,100 to 19,800", "60,000 tonnes
        # a week" of 2005 and "12 million"): which is later is not told, nor that they are one measure at two times.
        # A time told but not resolved ("$120bn in the last year") or a weekday ("on Wednesday") still orders
        # the report's figures as it tells them, and a report's tolls told twice are the count that grew
        return "undetermined", f"{_show(a)} and {_show(b)}: one report gives one with a date and one without; which holds later is not told"
    elif a.doc == b.doc or one_source and a.as_of != b.as_of and not (wa or wb) and not _untied(a, b) and not _tolls(a, b):
        # two reports' dates left unresolved ("on Wednesday" in one, no date in the other) order neither
        # figures only the word ties nor two tolls, as likely two incidents
        gap = 0
        distinct = a.as_of != b.as_of  # dates left unresolved, but told apart ("in early August", "this Sunday")
        first, second = a, b
    else:
        gap, distinct, first, second = None, False, a, b  # when each holds is not known
    same = math.isclose(va, vb, rel_tol=1e-9)
    vague = "vague" in (a.data.get("qualifier"), b.data.get("qualifier"))
    if distinct and not same and not (meet and vague):  # "thousands" beside "up to 20,000" is no later count
        if a.doc == b.doc or one_source:
            why = "one report gives the earlier and the later figure" if a.doc == b.doc else "the same source, later"
            return "update", f"{_show(first)} then {_show(second)}: {why}"
        if cumulative and second.data["value"] >= first.data["value"]:
            return "update", f"{_show(first)} then {_show(second)}: a running total, later and not smaller"
        if cumulative and not meet:
            return "conflict", f"{_show(first)} then {_show(second)}: a running total cannot fall"
    if not distinct and _hedges_clash(a, b, va, vb) and not _only_the_word(a, b):
        return "hedge conflict", f"{_show(a)} and {_show(b)}: the same figure, reported once as a ceiling and once as a floor"
    one_outlet = bool(a.outlet) and a.outlet == b.outlet and (one_source or _outlets_own(a) or _outlets_own(b))
    if distinct and same and _held_again(a, b, one_source):
        # "rates were held at 4.75% in March" and "... at 4.75% in April": a level that held, told again later
        return "update", f"{_show(first)} then {_show(second)}: the same value again, at a later time its text gives"
    if not meet and bool(a.data.get("running")) != bool(b.data.get("running")):
        total, one = (a, b) if a.data.get("running") else (b, a)
        if _value_in(total, currency or "USD") > _value_in(one, currency or "USD"):
            # "12 magazines were seized in the raid" and "so far the navy has seized 31 magazines"
            return "undetermined", f"{_show(total)} is a running total and {_show(one)} may be one count within it, not a contradiction"
    if meet:
        if _untied(a, b) and _about_others(a, b) and max(_digits(va), _digits(vb)) < 2 and not a.data.get("currency"):
            # "two points" in reports on two matches: a count of one significant digit agrees by chance (a sum
            # of money, "fined £2,000" in two reports, is more often the one sum told again)
            return "undetermined", f"{_show(a)} and {_show(b)} agree, but nothing ties them but the word, and a round count agrees by chance"
        if same and (one_source or a.doc == b.doc and (_outlets_own(a) or _outlets_own(b)) or one_outlet):
            why = "the same source, repeated" if one_source else (
                "the report repeats its source's figure" if a.doc == b.doc else f"{a.outlet} repeats the figure in another report")
            return "restatement", f"{_show(a)} and {_show(b)}: {why}"
        if one_source or one_outlet and a.doc != b.doc:  # "$9.3bn" and "$9.4bn" for one price, rounded two ways
            source = "the same source" if one_source else a.outlet
            return "restatement", f"{_show(a)} and {_show(b)}: {source} gives the figure again, rounded or hedged another way"
        if same and a.doc == b.doc and _sum(a) is not None and _sum(a) == _sum(b) and _digits(va) >= 2:
            # "Howard's £35bn of savings" and, in the same report, a rival's "claims of £35bn": one sum told twice
            return "restatement", f"{_show(a)} and {_show(b)}: the report gives one sum twice"
        if _names_the_other(a, b):  # "the Tories' £35bn of cuts", a rival said: the Tories' figure told again
            return "restatement", f"{_show(a)} and {_show(b)}: one source's figure, told again by another who names it"
        if a.state and a.state == b.state:  # "the UK authorities" and "the British Ministry of Defence"
            return "restatement", f"{_show(a)} and {_show(b)}: one government's figure, given by two of its voices"
        if vague and a.doc == b.doc:  # a headline's "thousands of Cubans" over its body's "up to 20,000"
            return "restatement", f"{_show(a)} and {_show(b)}: the report gives the figure again, as a vague amount"
        if _only_the_word(a, b) and _about_others(a, b):  # "three people" in a report on a jailbreak and in one on a riot
            return "undetermined", f"{_show(a)} and {_show(b)} agree, but nothing ties them: a bare word, from reports about different people"
        if same:
            return "corroborates", f"{_show(a)} and {_show(b)} give the same figure"
        return "corroborates", f"{_show(a)} and {_show(b)} agree within their hedges and rounding"
    if gap is None:
        if (one_source or one_outlet) and abs(va - vb) <= min(2 * max(_rounding(va), _rounding(vb)), ROUNDING_CAP * max(abs(va), abs(vb))):
            # "$9.3bn" and "$9.37bn": within a unit of the coarser figure's last digit, and 5%
            source = "the same source" if one_source else a.outlet
            return "restatement", f"{_show(a)} and {_show(b)}: {source} gives the figure again, to another precision"
        if (one_source or one_outlet) and _ratio(va, vb) <= PLAUSIBLE_CHANGE and not _tolls(a, b):
            # not two reports' tolls: an outlet's "two killed" and its "four killed" are as likely two incidents
            if _untied(a, b):
                # one outlet's "adding 10 points" in one match report and "a lead of four points" in another
                return "undetermined", f"{_show(a)} and {_show(b)} differ, from two reports that nothing but the word ties: two counts, not a change over time"
            source = "the same source" if one_source else a.outlet
            return "update", f"{_show(a)} and {_show(b)}: {source} gives both, in different reports; read as a change over time"
        return "undetermined", f"{_show(a)} and {_show(b)} differ, and when each holds is not known"
    if a.data.get("currency") != b.data.get("currency"):
        return None  # amounts in two currencies are two offers or prices, not one count told two ways
    if not distinct and a.doc == b.doc and (one_source or _outlets_own(a) and _outlets_own(b)):
        return "undetermined", f"{_show(a)} and {_show(b)}: one report gives both from one source, not told apart in time: two counts, not a contradiction"
    if not distinct and a.doc == b.doc and a.as_of_source in STATED and b.as_of_source in STATED and a.as_of_precision != b.as_of_precision:
        return "undetermined", f"{_show(a)} and {_show(b)}: one report gives them for two periods, one within the other (a year's and a month's), not a contradiction"
    if not distinct and a.as_of_source in STATED and b.as_of_source in STATED and a.as_of_precision != b.as_of_precision and _change(a) and _change(b):
        # a fall of 0.4% "in the final quarter of 2006" and, in another report, a rise of 2.1% "in 2006"
        return "undetermined", f"{_show(a)} and {_show(b)}: changes over two periods, one within the other (a year's and a quarter's), not a contradiction"
    if not distinct and a.doc == b.doc and _change(a) and _change(b):
        return "undetermined", f"{_show(a)} and {_show(b)}: one report gives two changes, of two parts or over two periods, not a contradiction"
    if not distinct and a.doc == b.doc and (_outlets_own(a) or _outlets_own(b)) and not (a.data.get("running") or b.data.get("running")):
        # a tracker's 250,000 downloads of the new version beside the outlet's 3 million of the first:
        # a report does not contradict the source it quotes without saying so; two counts of two things
        # (a running total below one count within it still cannot hold, above)
        return "undetermined", f"{_show(a)} and {_show(b)}: one report gives its own figure beside its source's, not told apart in time: two counts, not a contradiction"
    if vague:
        return "undetermined", f"{_show(a)} and {_show(b)} differ, and a vague amount is no count to contradict"
    stated = a.as_of_source in STATED and b.as_of_source in STATED
    if distinct and (gap > SAME_TIME_DAYS or _ratio(va, vb) <= PLAUSIBLE_CHANGE):
        why = "dated apart in the text" if stated and gap <= SAME_TIME_DAYS else f"{gap} days apart"
        return "update", f"{_show(first)} then {_show(second)}: {why}, a change over time"
    if _only_the_word(a, b):
        return "undetermined", f"{_show(a)} and {_show(b)} differ, and nothing but the word says they measure one thing"
    homes = (a.data.get("home"), b.data.get("home"))
    if a.doc != b.doc and None not in homes and homes[0] != homes[1]:
        # a research group's US hybrid sales and a dealers' association's South African car sales
        return "undetermined", f"{_show(a)} and {_show(b)} differ, from reports about two countries ({homes[0]}, {homes[1]}) that name none for it"
    return "conflict", f"{_show(a)} vs {_show(b)}: they cannot both hold at the same time"


def _about_others(a: Claim, b: Claim) -> bool:
    """Two reports whose figures' records name whom each is about (`about`: the people and organisations
    it names most) with none in common."""
    ra, rb = a.data.get("about"), b.data.get("about")
    return bool(ra) and bool(rb) and set(ra).isdisjoint(rb)


def _only_the_word(a: Claim, b: Claim) -> bool:
    """Two reports' figures under a bare noun of no concept ("torque", "revenue"), one of them the
    outlet's own, whose sentences name no entity in common: a review's torque and another review's, a
    firm's revenue and another firm's. Nothing shows one thing measured two ways, so no contradiction
    either; two named sources giving one word's figures at one time may still dispute it."""
    if a.doc == b.doc or is_concept(a.data.get("measure_key") or "") or not (_outlets_own(a) or _outlets_own(b)):
        return False
    fa, fb = a.frame, b.frame
    return fa is None or fb is None or {*fa.entities, *fa.named}.isdisjoint({*fb.entities, *fb.named})


def _untied(a: Claim, b: Claim) -> bool:
    """Two reports' undated figures of a bare word that only the word ties (`_only_the_word`), or from
    reports about different people (`_about_others`): one source's "10 points" in one match report and
    its "four points" in another, or a "22-man squad" and a "30-man squad" of two teams, are two counts of
    two things, not one count that changed between the reports."""
    if a.doc == b.doc or a.data.get("home") and a.data.get("home") == b.data.get("home"):
        return False  # a country's measure ("the budget deficit" of the US, "jobs added" there) is one thing
    return _only_the_word(a, b) or _about_others(a, b)


def _tolls(a: Claim, b: Claim) -> bool:
    """Two reports' tolls ("two killed", "four killed"): as likely two incidents as one count that changed."""
    return a.doc != b.doc and is_toll(a.data.get("measure_key")) and is_toll(b.data.get("measure_key"))


def _same_source(a: Claim, b: Claim) -> bool:
    """One claimant: the same entity, or sources a reader sees named alike ("Labor Department" in two reports)."""
    return a.who == b.who or bool(a.claimant_name) and (a.claimant_name or "").lower() == (b.claimant_name or "").lower()


def _names_the_other(a: Claim, b: Claim) -> bool:
    """One claim's sentence names the other's claimant (a figure in a sentence naming whose it is: "the
    Tories' £35bn of cuts" in a rival's words, "Deutsche Boerse's £1.35bn offer" in a shareholder's,
    "Acme chief Jo Bloggs said Acme's £2bn ..."): the figure of one source, told again."""
    return bool(a.claimant_entity and a.claimant_entity in b.named or b.claimant_entity and b.claimant_entity in a.named)


def _held_again(a: Claim, b: Claim, one_source: bool) -> bool:
    """Two claims of one value dated apart by their texts, at one precision, as a level that held rather
    than the figure repeated: both dated in the figure's clause ("held at 3.5% in March", "at 3.5% in
    April"); or, from one source, one dated by its cue's sentence, when the date is a month or longer
    ("the rate stayed at 5%, the ministry's figures for April showed"): a period the figure is for. Two
    days of saying it ("said on Tuesday", "said on Wednesday") are the figure repeated, and two sources
    giving one value months apart agree with each other."""
    if a.as_of_precision != b.as_of_precision or a.as_of_source not in STATED or b.as_of_source not in STATED:
        return False
    return a.as_of_source == b.as_of_source == "clause" or one_source and a.as_of_precision in PERIOD_PRECISIONS


def _change(c: Claim) -> bool:
    """A claim of how much something changed ("sales rose 12.4%", "prices were 0.1% higher", "the economy
    grew 2%"): a report that gives two of one measure gives them for two parts (a division, a region) or
    two periods (the year, its last quarter), which its words rarely tell the key."""
    key = c.data.get("measure_key") or ""
    return key.endswith(" change") or " change " in key or key.split(" ", 1)[0] in change_concepts()


def _whose_change(c: Claim) -> bool:
    """A change of a bare noun that is someone's ("sales rose 3.5%": a firm's, a sector's, a shop's;
    "retail sales" and "house prices" say whose) and no country's (`Frame.where`; the economy's growth is its country's, in its key). Where one of
    two reports names no owner for it (`_Cluster.fits`), nothing but the word says the two changes
    are of one thing: they are one quantity only where a report gives the same change again, names
    an entity the other's sentences name, or the same named source gives both. An organisation's
    measure (`owner` concepts) has its own, stricter rule."""
    role = c.frame.role if c.frame else ""
    return role.endswith(" change") and " " not in role[:-7] and not c.frame.where and not _owned_measure(c)  # type: ignore[union-attr]


UNNAMED = frozenset({"he", "she", "it", "they", "we", "you", "i"})  # a pronoun coreference left unresolved names no one


def _outlets_own(c: Claim) -> bool:
    """A figure the outlet states itself, or through a source it does not name ("is expected to", "they
    said" with "they" resolved to no one)."""
    return c.claimant_kind == "outlet" or not c.claimant_name or not c.claimant_entity and c.claimant_name.lower() in UNNAMED


def _bounded(span: tuple[float, float]) -> tuple[float, float]:
    """An open hedge read as a reader does: "up to 15,000" is not borne out by 200, nor "more than
    88" by 1,000; an open end reaches `OPEN_FACTOR` times its bound."""
    lo, hi = span
    if math.isinf(hi):
        hi = lo * OPEN_FACTOR if lo > 0 else hi
    elif lo == 0 and hi > 0:
        lo = hi / OPEN_FACTOR
    return lo, hi


def _hedges_clash(a: Claim, b: Claim, va: float, vb: float) -> bool:
    """One figure given as a ceiling ("up to 15,000") and as a floor ("more than 15,000")."""
    qa, qb = a.data.get("qualifier") or "exact", b.data.get("qualifier") or "exact"
    if not (qa in CAPPED and qb in FLOORED or qa in FLOORED and qb in CAPPED):
        return False
    return abs(va - vb) <= min(_rounding(max(abs(va), abs(vb))), ROUNDING_CAP * max(abs(va), abs(vb)))


def _value_in(c: Claim, currency: str) -> float:
    """The claim's value, converted to `currency` by its dollar value when it is money in another."""
    value = float(c.data["value"])
    if c.data.get("currency") and c.data["currency"] != currency and value:
        return value * float((c.usd or {})["value"]) / value
    return value


def _ratio(a: float, b: float) -> float:
    lo, hi = sorted((abs(a), abs(b)))
    return math.inf if lo == 0 else hi / lo


def _show(c: Claim) -> str:
    who = c.claimant_name or (NO_SOURCE if c.claimant_kind == "attribution" else "the outlet")
    return f"{who}: {c.text} ({timeml.in_words(c.as_of) if c.as_of else 'date unknown'})"


# -- grouping -------------------------------------------------------------------
def _unit_class(c: Claim) -> str:
    """The unit, and for money the currency: amounts in two currencies are two offers or prices; but
    the price, offer or value of one thing (`price_verbs`, `price_nouns`: "Yugansk was sold for $9.3bn",
    "paid 260.75bn roubles ($9.37bn) for Yugansk") is one sum in any currency it is reported in, when
    its dollar value is known."""
    currency = c.data.get("currency")
    if currency and (c.usd or {}).get("value") is not None and (c.data.get("measure_key") or "").split(" ", 1)[0] in price_roles():
        return "money"
    return currency or c.data.get("unit") or ""


def _scope(c: Claim) -> tuple[date, date] | None:
    return _scope_of(c.as_of, c.scope_start)


def _scope_of(as_of: str | None, scope_start: str | None) -> tuple[date, date] | None:
    """The days a claim speaks for, from its as-of date and the start of its period (`Claim.when`)."""
    when = holds_at(as_of, scope_start)
    if when is None:
        return None
    start = timeml.interval(scope_start) if scope_start else None
    return (start[0] if start else when[0] - timedelta(days=SCOPE_DAYS)), when[1]


def _sweep_key(c: Claim) -> tuple[str, str, int] | None:
    """Where a dated claim comes in the sweep that groups its bucket (`_clusters`): by the end of its
    time scope, then document and figure; None for an undated claim (placed after every dated one)."""
    scope = _scope(c)
    return (scope[1].isoformat(), c.doc, c.seq) if scope else None


def signature(c: Claim) -> tuple[object, ...]:
    """Everything `compare` reads of a claim but its document: claims alike in all of it
    (a syndicated copy's figure) compare alike and never with each other."""
    d = c.data
    return (
        c.text, c.claimant_name, c.claimant_kind, c.who, c.named, c.outlet, c.as_of, c.as_of_precision, c.as_of_source, c.scope_start,
        d.get("value"), d.get("low"), d.get("high"), d.get("qualifier"), d.get("currency"), (c.usd or {}).get("value"),
    )


def _pairs(members: list[Claim]) -> list[tuple[Claim, Claim]]:
    """The pairs of claims `findings` compares, in its order: once per pair of distinct signatures,
    a pair found in one document by its claims there, any other by their first claims, the earlier
    claim (in `members` order) first."""
    order = {id(c): i for i, c in enumerate(members)}
    first: dict[tuple[object, ...], Claim] = {}
    by_doc: dict[tuple[object, ...], dict[str, Claim]] = defaultdict(dict)
    for c in members:
        sig = signature(c)
        first.setdefault(sig, c)
        by_doc[sig].setdefault(c.doc, c)
    sigs = list(first)
    reach = len(sigs) if len(sigs) <= MAX_PAIRWISE else NEIGHBOURS
    docs = [by_doc[s] for s in sigs]
    only = [next(iter(d)) if len(d) == 1 else None for d in docs]  # a signature found in one document (most are)
    firsts = [first[s] for s in sigs]
    out: list[tuple[Claim, Claim]] = []
    for i in range(len(sigs)):
        ds, one = docs[i], only[i]
        for j in range(i + 1, min(len(sigs), i + 1 + reach)):
            if one is not None and only[j] is not None:  # one document each: shared if it is the same
                a, b = firsts[i], firsts[j]
            else:
                shared = ds.keys() & docs[j].keys()
                if shared:
                    doc = min(shared, key=lambda d: order[id(ds[d])])
                    a, b = ds[doc], docs[j][doc]
                else:
                    a, b = firsts[i], firsts[j]
            out.append((b, a) if order[id(b)] < order[id(a)] else (a, b))
    return out


def _finding(a: Claim, b: Claim, memo: dict[tuple[int, str], tuple[float, float] | None]) -> dict[str, object] | None:
    found = compare(a, b, memo)
    return {"kind": found[0], "figures": [a.id, b.id], "text": found[1]} if found else None


def findings(members: list[Claim]) -> list[dict[str, object]]:
    """Compare the claims of one quantity (in `members` order) pair by pair, once per pair of
    distinct claims: a pair of signatures found in one document is compared there (one
    report's own figures), any other pair by their first claims. Beyond `MAX_PAIRWISE`
    distinct claims, each is compared with its `NEIGHBOURS` successors only, so a
    quantity of thousands of claims stays linear."""
    memo: dict[tuple[int, str], tuple[float, float] | None] = {}
    return [f for a, b in _pairs(members) if (f := _finding(a, b, memo)) is not None]


def summarise(found: list[dict[str, object]]) -> tuple[list[dict[str, object]], bool, int]:
    """Of every finding of a quantity: those it stores, whether one is a conflict, how many are updates."""
    return kept_findings(found), any(f["kind"] in CONFLICTS for f in found), sum(f["kind"] == "update" for f in found)


class Prior:
    """What a quantity held before an add, for `summary` to compare only the pairs the add
    changes: its claims as they were (`members`, in order: the objects of the claims that did not
    change, as `summary` is given them, and an earlier version of each claim that did), the
    findings it stored (`kept`, as `kept_findings` chose them) and its count of updates."""

    __slots__ = ("members", "kept", "updates")

    def __init__(self, members: list[Claim], kept: list[dict[str, object]], updates: int) -> None:
        self.members, self.kept, self.updates = members, kept, updates


_UNKNOWN: dict[str, object] = {}  # a pair compared before whose finding was not stored (past `MAX_FINDINGS`)
_NOT_CONFLICT: dict[str, object] = {}  # such a pair, known to be no conflict (before the last of the conflicts stored)


def summary(members: list[Claim], prior: Prior | None = None) -> tuple[list[dict[str, object]], bool, int]:
    """A quantity's stored findings (`kept_findings` of `findings(members)`), whether one is a
    conflict, and how many are updates. With the quantity as it was (`prior`), the same three,
    comparing only the pairs the add changes: pairs of a new or changed claim, pairs of old
    claims that `_pairs` makes only now (a window moved, a first claim changed), and of the pairs
    compared before and not stored (past `MAX_FINDINGS`), only those whose finding decides what
    is kept or the count of updates. A pair's finding depends only on its two claims; what was
    not stored is known from the order of what was: stored are every conflict, then the first
    other findings in comparison order, or, past `MAX_FINDINGS` conflicts, the first conflicts."""
    if prior is None:
        return summarise(findings(members))
    memo: dict[tuple[int, str], tuple[float, float] | None] = {}
    stored = {(str(f["figures"][0]), str(f["figures"][1])): f for f in prior.kept}  # type: ignore[index]
    truncated = len(prior.kept) >= MAX_FINDINGS  # perhaps more were found than stored
    all_conflicts = truncated and all(f["kind"] in CONFLICTS for f in prior.kept)  # perhaps more conflicts than stored
    before = {(id(a), id(b)): (a, b) for a, b in _pairs(prior.members)}  # by the claims as they are (a changed claim is another)
    last = -1  # the last stored finding that bounds what the others were (comparison order)
    for i, (a, b) in enumerate(before.values()):
        f = stored.get((a.id, b.id))
        if f is not None and (all_conflicts or f["kind"] not in CONFLICTS):
            last = i

    def was(i: int, a: Claim, b: Claim) -> dict[str, object] | None:
        """The finding of an old pair (the `i`th compared before), or what is known of it."""
        if (a.id, b.id) in stored:
            return stored[(a.id, b.id)]
        if not truncated:
            return None
        if all_conflicts:
            return _NOT_CONFLICT if i < last else _UNKNOWN
        return None if i < last else _UNKNOWN

    old_index = {key: i for i, key in enumerate(before)}
    pairs = [((id(a), id(b)), a, b) for a, b in _pairs(members)]
    results: list[dict[str, object] | None] = []
    updates = prior.updates
    for key, a, b in pairs:
        if key in before:  # two claims as they were, compared before: the same finding
            results.append(was(old_index[key], a, b))
            continue
        found = _finding(a, b, memo)
        results.append(found)
        updates += found is not None and found["kind"] == "update"
    now = {key for key, _, _ in pairs}
    for key, (a, b) in before.items():
        if key not in now:  # a pair no longer compared: its update no longer counts
            old = was(old_index[key], a, b)
            if old is _UNKNOWN or old is _NOT_CONFLICT:
                old = _finding(a, b, memo)
            updates -= old is not None and old["kind"] == "update"

    def known(i: int) -> dict[str, object] | None:
        if results[i] is _UNKNOWN or results[i] is _NOT_CONFLICT:
            results[i] = _finding(pairs[i][1], pairs[i][2], memo)
        return results[i]

    def is_conflict(r: dict[str, object] | None) -> bool:
        return r is not None and r is not _UNKNOWN and r is not _NOT_CONFLICT and r["kind"] in CONFLICTS

    count = sum(r is not None and r is not _UNKNOWN and r is not _NOT_CONFLICT for r in results)
    unknown = (i for i, r in enumerate(results) if r is _UNKNOWN or r is _NOT_CONFLICT)
    while count <= MAX_FINDINGS and (i := next(unknown, None)) is not None:
        count += known(i) is not None
    if count <= MAX_FINDINGS:  # every pair known: all of them, as compared
        return [r for r in results if r is not None], any(is_conflict(r) for r in results), updates
    if all_conflicts:  # the first conflicts, found in comparison order; every other pair is then known
        conflicts = []
        for i in range(len(results)):
            if results[i] is not _NOT_CONFLICT and is_conflict(known(i)):
                conflicts.append(results[i])
                if len(conflicts) >= MAX_FINDINGS:
                    return conflicts, True, updates  # type: ignore[return-value]
    else:  # every conflict was stored
        conflicts = [r for r in results if is_conflict(r)]
    others: list[dict[str, object]] = []
    for i in range(len(results)):
        if len(conflicts) + len(others) >= MAX_FINDINGS:
            break
        r = known(i)
        if r is not None and r["kind"] not in CONFLICTS:
            others.append(r)
    return (conflicts + others)[:MAX_FINDINGS], bool(conflicts), updates  # type: ignore[operator]


def kept_findings(found: list[dict[str, object]]) -> list[dict[str, object]]:
    """The findings a quantity stores: every one up to `MAX_FINDINGS`; beyond, conflicts first,
    then the others, in comparison order (the `conflict` and `updates` columns count them all)."""
    if len(found) <= MAX_FINDINGS:
        return found
    rank = {k: 0 for k in CONFLICTS}
    return sorted(found, key=lambda f: rank.get(str(f["kind"]), 1))[:MAX_FINDINGS]


def findings_digest(kept: list[dict[str, object]]) -> dict[str, object]:
    """What a page shows of a quantity's stored findings without reading them all: how many of
    each kind (`kinds`), the first `LEAD_FINDINGS` by kind in `LEAD_ORDER` (conflicts, then
    updates, ...), in stored order within a kind (`lead`), and the figure ids conflicts and hedge
    conflicts name, sorted (`conflict_figures`)."""
    kinds: dict[str, int] = defaultdict(int)
    for f in kept:
        kinds[str(f["kind"])] += 1
    lead = sorted(kept, key=lambda f: LEAD_ORDER.index(str(f["kind"])) if f["kind"] in LEAD_ORDER else len(LEAD_ORDER))
    conflicting = {str(fid) for f in kept if f["kind"] in CONFLICTS for fid in f["figures"]}  # type: ignore[attr-defined]
    return {"kinds": dict(sorted(kinds.items())), "lead": lead[:LEAD_FINDINGS], "conflict_figures": sorted(conflicting)}


def bucket(c: Claim) -> str | None:
    """The claims a claim may share a quantity with: one role, rate and plan, the same countries (of
    the population, else of the report's dateline: `Frame.where`), one unit or currency, and for a bare noun ("countries") the same wording; a concept, a
    qualified noun or a noun whose phrase names an organisation groups by key."""
    key = c.data.get("measure_key")
    if not key:
        return None
    role, group, rate, planned = parse_key(key)
    qualified = is_concept(key) or " " in role or bool(group) or bool(c.entities)  # "profits at Time Warner" is qualified by its entity
    wording = "" if qualified else " ".join(w for w in (c.data.get("measure_text") or "").lower().split() if w not in generic_modifiers())
    where = c.frame.where if c.frame else ()  # "arrests CU", and "arrests" in a report from Havana
    head = " ".join([role, *where, *([rate] if rate else []), *(["planned"] if planned else [])])
    return json.dumps([head, _unit_class(c), wording], ensure_ascii=False)


def group(claims: list[Claim]) -> list[list[Claim]]:
    """Claims of one bucket whose time scopes overlap (single link)."""
    return _group(claims)[0]


def _group(claims: list[Claim]) -> tuple[list[list[Claim]], dict[tuple[str, int], str]]:
    """`group`, and the cluster of each claim grouped (its bucket's cluster, before sums restated
    under other keys join clusters): the id of the cluster's first member."""
    by_bucket: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        b = bucket(c)
        if b is not None:
            by_bucket[b].append(c)
    groups: list[list[Claim]] = []
    cluster_of: dict[tuple[str, int], str] = {}
    for members in by_bucket.values():
        for g in _clusters(members):
            groups.append(g.members)
            cluster_of.update(((c.doc, c.seq), g.members[0].id) for c in g.members)
    return _restated_sums(groups), cluster_of


def _sum(c: Claim) -> tuple[object, ...] | None:
    return _sum_of(c.data)


def _sum_of(d: dict[str, object]) -> tuple[object, ...] | None:
    """A sum of money as written: currency, value and hedge ("more than $60bn")."""
    if not d.get("currency") or d.get("value") is None or d.get("vague"):
        return None
    return (d["currency"], d["value"], d.get("low"), d.get("high"), d.get("qualifier") or "exact")


def _role_words(c: Claim) -> frozenset[str]:
    key = c.data.get("measure_key")
    return frozenset(parse_key(key)[0].split()) if key else frozenset()


def _setting(members: list[Claim]) -> tuple[frozenset[tuple[str, ...]], frozenset[str | None]]:
    """The countries and the rates of a group's figures (one of each within a bucket)."""
    return (frozenset(c.frame.where if c.frame else () for c in members) - {()},
            frozenset(parse_key(c.data.get("measure_key") or "")[2] for c in members))


def _settings_meet(a: list[Claim], b: list[Claim]) -> bool:
    """One rate, and one set of countries where both name some: "Britain's £3bn rebate" and "the £3bn
    rebate" (no country named) are one sum; "a £3bn claim" of Nepal and one of Cuba are two."""
    (where_a, rate_a), (where_b, rate_b) = _setting(a), _setting(b)
    return rate_a == rate_b and len(rate_a) == 1 and len(where_a | where_b) <= 1


def _restated_sums(groups: list[list[Claim]]) -> list[list[Claim]]:
    """Groups of one sum of money named by two keys that share a word of what they measure are one
    quantity: "the government's $280bn claim" and "the $280bn claim for deceit", worded two ways
    (a bare noun's wording is part of its bucket), "a $40m deal" and "the deal's $40m value"; so do
    groups of one report giving one sum of two significant digits or more twice, whatever the words
    ("the government's $280bn claim", "to disgorge $280bn in profits"; not "£5m for schools and £5m
    for roads"). Only
    groups whose every figure gives that one sum join, so that no value of one key meets another
    key's different value, and only of the same countries and rate; nor do groups whose figures name
    different entities."""
    by_sum: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, members in enumerate(groups):
        sums = {_sum(c) for c in members}
        if len(sums) == 1 and None not in sums:
            by_sum[next(iter(sums))].append(i)
    joined: dict[int, set[int]] = {i: {i} for i in range(len(groups))}  # each group's set of groups joined so far
    candidates = {i for found in by_sum.values() if len(found) > 1 for i in found}
    words = {i: frozenset().union(*map(_role_words, groups[i])) for i in candidates}
    named = {i: {e for c in groups[i] if c.frame for e in c.frame.entities} for i in candidates}
    at = {i: [p for c in groups[i] if c.frame for p in c.frame.at] for i in candidates}
    docs = {i: {c.doc for c in groups[i]} for i in candidates}
    for found in by_sum.values():
        for a, b in combinations(found, 2):
            told_again = not docs[a].isdisjoint(docs[b]) and _digits(groups[a][0].data["value"]) >= 2
            if (
                joined[a] is not joined[b] and (words[a] & words[b] or told_again) and _settings_meet(*([c for k in joined[x] for c in groups[k]] for x in (a, b)))
                and not (named[a] and named[b] and named[a].isdisjoint(named[b])) and places_meet(at[a], at[b])
            ):
                union = joined[a] | joined[b]
                for i in union:
                    joined[i] = union
    out, seen = [], set()
    for i in range(len(groups)):
        if id(joined[i]) not in seen:
            seen.add(id(joined[i]))
            out.append([c for k in sorted(joined[i]) for c in groups[k]])
    return out


def _digits(value: float) -> int:
    """Significant digits of a value: 280,000,000,000 -> 2 ("$280bn"); 9,370,000,000 -> 3; 5,000,000 -> 1."""
    return len(f"{abs(value):.6f}".replace(".", "").strip("0"))


def _words(c: Claim) -> frozenset[str]:
    return _measure_words(c.data.get("measure_text") or "")


@lru_cache(maxsize=1 << 16)
def _measure_words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.lower().replace("(", " ").replace(")", " ").split() if len(w) > 2)


class _Cluster:
    """Claims grouped so far, with what `_belongs` asks of them kept up to date: the days every
    member's scope shares (intervals overlap all members iff they overlap this meet of them all),
    and the claimants, documents, measure words and values of any member."""

    __slots__ = ("members", "latest_start", "earliest_end", "whos", "docs", "words", "entities", "named", "values", "spans", "counted", "at")

    def __init__(self) -> None:
        self.members: list[Claim] = []
        self.latest_start: date = date.min
        self.earliest_end: date = date.max
        self.whos: set[str] = set()
        self.docs: set[str] = set()
        self.words: set[str] = set()
        self.entities: set[str] = set()
        self.named: set[str] = set()  # the entities the members' sentences name
        self.values: set[tuple[object, str]] = set()
        self.spans: list[tuple[float, float]] = []
        self.counted = False  # a member is a count one named person made ("Omarov recruited 40 men")
        self.at: list[tuple[str | None, str | None]] = []  # the places the members' tolls name

    def add(self, c: Claim, scope: tuple[date, date] | None) -> None:
        self.members.append(c)
        if scope:
            self.latest_start = max(self.latest_start, scope[0])
            self.earliest_end = min(self.earliest_end, scope[1])
        self.whos.add(c.who)
        self.docs.add(c.doc)
        self.words.update(_words(c))
        if c.frame is not None:
            self.entities.update(c.frame.entities)
            self.named.update(c.frame.named)
            self.at.extend(p for p in c.frame.at if p not in self.at)
        self.values.add((c.data.get("value"), _unit_class(c)))
        span = _span(c)
        if span is not None:
            self.spans.append(span)
        self.counted = self.counted or _counted_by(c)

    def fits(self, c: Claim) -> bool:
        """A claim's frame is compatible with the cluster's: one of its named entities among the
        members', where both name some ("profits at Time Warner" and "profits at GM" are two); and an
        organisation's measure (`owner` concepts: a profit, a tax bill) whose organisation one side
        does not name joins only figures its own claimant gives in its report, or figures it agrees
        with as an amount of money (a report repeating it): never as a change or a contradiction of
        another firm's (a percentage change agrees with too much by chance: "40%", "more than 40%"). A
        count of people one named person made (`_counted_by`: one recruiter's recruits) and a count that
        names no one meet on the same terms, either way round, the amount being the same count given again.
        Tolls whose clauses name places that meet nowhere are of two incidents (`places_meet`)."""
        frame = c.frame
        if frame is None:
            return True
        if not places_meet(frame.at, self.at):
            return False  # two incidents' tolls: "21 killed in Odesa", "three killed in Kharkiv"
        if frame.entities and self.entities:
            return not self.entities.isdisjoint(frame.entities)
        if c.doc not in self.docs and _whose_change(c):
            return self._restates(c) or not self.named.isdisjoint(frame.named) or not _outlets_own(c) and c.who in self.whos
        counted = _counted_by(c) or self.counted
        if not (_owned_measure(c) or counted) or c.doc in self.docs and c.who in self.whos:
            return True
        if counted:
            return self._restates(c)
        span = _span(c) if c.data.get("currency") else None
        return span is not None and any(span[0] <= hi and lo <= span[1] for lo, hi in self.spans)

    def _restates(self, c: Claim) -> bool:
        return (c.data.get("value"), _unit_class(c)) in self.values

    def shares(self, c: Claim) -> bool:
        """A claimant, a document or a word of the measure in common with a member."""
        return c.who in self.whos or c.doc in self.docs or not self.words.isdisjoint(_words(c))

    def admits(self, c: Claim, scope: tuple[date, date]) -> bool:
        """A claim joins a cluster whose every member's time scope overlaps its own, and one of whose
        members it shares a word of the measure or its claimant with."""
        return scope[0] <= self.earliest_end and self.latest_start <= scope[1] and self.shares(c) and self.fits(c)


def _place(out: list[_Cluster], c: Claim, scope: tuple[date, date]) -> None:
    """A dated claim joins the first cluster (in the order they were made) that admits it and holds a
    figure of its report, else the first that admits it, else makes one (a report's toll that names no
    place goes with the toll its report places: "Three dead after bank fire", then "in Athens")."""
    home = next((g for g in out if c.doc in g.docs and g.admits(c, scope)), None) or next((g for g in out if g.admits(c, scope)), None)
    if home is None:
        home = _Cluster()
        out.append(home)
    home.add(c, scope)


def _clusters(members: list[Claim]) -> list[_Cluster]:
    """The claims of one bucket in clusters, in the order they were made (each cluster's first member
    made it): the dated claims swept in order of `_sweep_key`, then the undated ones."""
    scopes = {id(c): _scope(c) for c in members}
    known = sorted((c for c in members if scopes[id(c)]), key=lambda c: (scopes[id(c)][1], c.doc, c.seq))  # type: ignore[index]
    out: list[_Cluster] = []
    for c in known:
        _place(out, c, scopes[id(c)])  # type: ignore[arg-type]
    for c in sorted(members, key=lambda c: not (c.frame and c.frame.at)):  # tolls that name their place lead their reports'
        if scopes[id(c)]:
            continue
        home = next((g for g in out if c.doc in g.docs and g.fits(c)), None)
        if home is None:  # the cluster it fits and shares a claimant or a word of the measure with
            near = [g for g in out if g.fits(c) and (c.who in g.whos or not g.words.isdisjoint(_words(c)))]
            home = max(near, key=lambda g: _closeness(g, c)) if near else None
        if home is None:
            home = _Cluster()
            out.append(home)
        home.add(c, None)
    return out


def _span(c: Claim) -> tuple[float, float] | None:
    """The values a claim allows, in its own unit or currency, open hedges bounded as a reader reads them."""
    found = interval(c, c.data.get("currency") or "USD")
    return _bounded(found) if found is not None else None


def _owned_measure(c: Claim) -> bool:
    """A measure of an organisation (a concept with `owner` in measures.toml)."""
    return (c.data.get("measure_key") or "").split(" ", 1)[0] in owner_concepts()


def _counted_by(c: Claim) -> bool:
    """A count of people one named person made: a people concept whose figure has an `owner` (the
    subject who recruited, arrested, killed them) that resolve kept as the frame's entity."""
    concept = (c.data.get("measure_key") or "").split(" ", 1)[0]
    return concept in people_concepts() and bool(c.data.get("owner")) and bool(c.frame and c.frame.entities)


def _closeness(g: _Cluster, c: Claim) -> tuple[int, int, int, int]:
    """How near an undated claim is to a cluster of its bucket: a member giving the same value (a
    report repeating the figure), then the same claimant, then the words of the measure shared, then
    the cluster's size (the earlier cluster on a tie)."""
    value = c.data.get("value")
    same = value is not None and (value, _unit_class(c)) in g.values
    return int(same), int(c.who in g.whos), len(g.words & _words(c)), len(g.members)


def quantity_id(members: list[Claim]) -> str:
    first = min(c.id for c in members)
    key = f"{members[0].data['measure_key']}|{_unit_class(members[0])}|{first}"
    return "Q" + hashlib.sha256(key.encode()).hexdigest()[:11]


def _measure_text(members: list[Claim]) -> str:
    texts: list[str] = [c.data["measure_text"] for c in members if c.data.get("measure_text")]
    if not texts:
        return str(members[0].data["measure_key"])
    return max(sorted(set(texts)), key=lambda t: (texts.count(t), -len(t)))


def resolve_quantities(store: Store) -> dict[str, int]:
    """Claims and quantities, again only where something changed.

    The claims of documents in `claims_pending` (analysed since, or naming an entity whose
    links or name changed) and of documents with a figure that has no facts yet are attached
    again. Only the buckets their old and new claims fall in are grouped again. A bucket of dated
    claims and no sum of money is grouped again from its first change on (`_regroup_from`): its
    clusters as they stood before that change, from the clusters stored, and the claims from it on
    placed again, reading only the clusters they may join. Any other touched bucket (undated
    claims, sums of money, clusters not stored yet) is grouped whole from its stored claims,
    read back from `figure_facts`, with the buckets a restated sum may join to it. A quantity whose
    claims are the ones it had, none of them changed, keeps its row without its pairs being
    compared again."""
    _check_clusters_version(store)
    pending = [
        r[0]
        for r in store.iter_rows(
            "SELECT doc_id FROM claims_pending UNION SELECT r.doc_id FROM records r WHERE r.kind = 'figure'"
            " AND NOT EXISTS (SELECT 1 FROM figure_facts f WHERE f.doc_id = r.doc_id AND f.seq = r.seq)"
        )
    ]
    overlay = review.Overlay.load(store)
    if _nothing_grouped(store):  # a first resolve, or other rules: bucket by bucket, never every claim at once
        return _group_afresh(store, pending, overlay)
    if not pending and (ungrouped := _ungrouped(store)):  # a first grouping killed part way: the buckets it left
        return _group_ungrouped(store, overlay, ungrouped)
    pending_docs = set(pending)
    records_kept = {r[0] for r in store.iter_rows("SELECT doc_id FROM claims_pending WHERE records_kept = 1")}
    fresh = attach(store, pending)
    review.correct_claimants(store, overlay, fresh)
    old_f: dict[tuple[str, int], tuple[object, ...]] = {}  # the facts as stored, of pending documents and of the claims read back
    for part in batches(pending):
        old_f.update(
            ((r[0], r[1]), tuple(r[2:]))
            for r in store.iter_rows(f"SELECT doc_id, seq, {_FACT_COLUMNS} FROM figure_facts WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(part),))
        )
    # claims attached again from the records they had, whose facts are as they were: no change to group or compare
    same = {(c.doc, c.seq) for c in fresh if c.doc in records_kept and (c.doc, c.seq) in old_f and _same_fact(c, old_f[(c.doc, c.seq)])}
    # claims attached again whose claimant was only renamed: placed where they were, their pairs compared again
    alike = {(c.doc, c.seq) for c in fresh if c.doc in records_kept and (c.doc, c.seq) in old_f and (c.doc, c.seq) not in same
             and _placed_alike(c, old_f[(c.doc, c.seq)])}
    fresh_in: dict[str, list[Claim]] = defaultdict(list)
    for c in fresh:
        if (b := bucket(c)) is not None:
            fresh_in[b].append(c)
    touched = set(fresh_in) | {str(row[14]) for row in old_f.values() if row[14]}
    whole = _ungrouped(store)  # buckets whose clusters are not stored
    whole_before = bool(whole)
    whole |= {b for b in touched if not _sweeps(store, b, fresh_in.get(b, []))}
    buckets = sorted(whole)
    stored = stored_claims(store, buckets, pending_docs, old_f)
    loaded = set(buckets)
    while linked := _linked_buckets(store, [c for c in fresh if bucket(c) in loaded] + stored, {k: r for k, r in old_f.items() if r[14] in loaded}) - loaded:
        loaded |= linked  # a sum restated under another key: both buckets
        stored += stored_claims(store, sorted(linked), pending_docs, old_f)
    claims = sorted([c for c in fresh if bucket(c) in loaded] + stored, key=lambda c: (c.doc, c.seq))
    groups, cluster_of = _group(claims)
    regrouped = {key for key, row in old_f.items() if row[14] in loaded}  # the stored claims whose quantities are grouped again
    assigned: dict[tuple[str, int], str] = {}
    was_in: dict[str, dict[tuple[str, int], tuple[object, ...]]] = defaultdict(dict)  # the pending documents' facts as stored, by bucket
    for key, row in old_f.items():
        if key[0] in pending_docs and row[14] is not None:
            was_in[str(row[14])][key] = row
    for b in sorted(touched - loaded):
        swept = _regroup_from(store, b, fresh_in[b], was_in[b], old_f, same, pending_docs, alike)
        placed = {(c.doc, c.seq) for g in swept.clusters for c in g.members}
        for c in fresh_in[b]:  # left where it was: in a cluster no change reaches, or in a bucket that did not change
            if (c.doc, c.seq) not in placed:
                assigned[(c.doc, c.seq)], cluster_of[(c.doc, c.seq)] = str(old_f[(c.doc, c.seq)][13]), str(old_f[(c.doc, c.seq)][17])
        stored += swept.stored
        claims += [c for g in swept.clusters for c in g.members]
        regrouped |= swept.regrouped
        for g in swept.clusters:
            groups.append(g.members)
            cluster_of.update(((c.doc, c.seq), g.members[0].id) for c in g.members)
    old_members: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for key in regrouped:
        if old_f[key][13]:
            old_members[str(old_f[key][13])].add(key)
    old_q = {r[0]: tuple(r[1:]) for q in sorted(old_members) for r in store.iter_rows(f"SELECT id, {_QUANTITY_COLUMNS} FROM quantities WHERE id = ?", (q,))}
    # every claim as it was before this run, where that is known: a claim not attached again, and a
    # claim attached again from the records it had (its links or names changed), as its facts were
    as_they_were = {(c.doc, c.seq): c for c in stored}
    unchanged = set(as_they_were)
    for c in fresh:
        key = (c.doc, c.seq)
        if key in same:
            as_they_were[key] = c
            unchanged.add(key)
        elif c.doc in records_kept and key in old_f:
            as_they_were[key] = _stored_claim(c.doc, c.seq, old_f[key], c.start, c.end, c.data, c.text, c.outlet)
    changed_ones = [c for key, c in as_they_were.items() if key not in unchanged]
    _set_voices(store, claims + changed_ones)
    rows = {}
    kept = 0
    updated = 0
    for members in groups:
        members.sort(key=lambda c: (c.as_of or "", c.doc, c.seq))
        qid = quantity_id(members)
        keys = {(c.doc, c.seq) for c in members}
        for key in keys:
            assigned[key] = qid
        if qid in old_q and old_members[qid] == keys and keys <= unchanged and old_q[qid][3] == len(keys):
            rows[qid] = old_q[qid]  # the same claims as they were (none gone with its document): the same comparisons
            kept += 1
            continue
        prior = None if overlay.explained else _prior(members, old_f, old_members, old_q, as_they_were)
        updated += prior is not None
        rows[qid] = _quantity_row(members, overlay, prior)
    facts = {(c.doc, c.seq): _fact(c, assigned.get((c.doc, c.seq)), cluster_of.get((c.doc, c.seq))) for c in fresh + claims}
    changed = _write(store, rows, facts, old_f, old_q, pending)
    if whole_before:
        _drop_orphans(store)  # a first grouping killed part way leaves quantities no claim is in
    total, conflicting = store.query("SELECT count(*), coalesce(sum(conflict), 0) FROM quantities")[0]
    return {
        "quantities": total, "conflicting quantities": conflicting, "figure facts changed": changed,
        "claims attached": len(fresh), "quantities regrouped": len(rows), "quantities compared": len(rows) - kept,
        "quantities compared by their new pairs": updated, "claims grouped again": len(claims),
        "buckets grouped whole": len(loaded), "buckets grouped from a change": len(touched - loaded),
    }


FIRST_DOCS = 400  # documents a first grouping attaches and writes at a time (one query's worth of keys)
FIRST_CLAIMS = 20_000  # claims a first grouping holds before it writes (whole buckets: one set of linked buckets may hold more)


def _quantity_row(members: list[Claim], overlay: review.Overlay, prior: Prior | None) -> tuple[object, ...]:
    """A quantity's row from its members (in order of as-of date), its pairs compared (`summary`
    from `prior`, the quantity as it was, when known; every pair again when reviews explain
    conflicts away)."""
    if overlay.explained:
        keep, conflict, updates = summarise(review.explain_findings(overlay, findings(members), CONFLICTS))
    else:
        keep, conflict, updates = summary(members, prior)
    dated = sorted(c.as_of for c in members if c.when and c.as_of)
    return (
        _measure_text(members), members[0].data["measure_key"], members[0].data.get("unit"), len(members),
        len({c.who for c in members}), int(conflict), updates, dated[0] if dated else None, dated[-1] if dated else None,
        dumps(keep), dumps(findings_digest(keep)),
    )


def _set_voices(store: Store, claims: list[Claim]) -> None:
    """Each claim's claimant's state and voice (`independence`), which comparing its pairs reads."""
    entities = [c.claimant_entity for c in claims if c.claimant_entity and c.claimant_kind != "outlet"]
    states = independence.state_keys(store, iter(entities))
    voices = independence.voice_keys(store, iter(entities))
    for c in claims:
        c.state = states.get(c.claimant_entity or "") if c.claimant_kind != "outlet" else None
        c.voice = voices.get(c.claimant_entity or "", c.claimant_entity) if c.claimant_kind != "outlet" else None


def _nothing_grouped(store: Store) -> bool:
    """No claim's cluster is stored: a first resolve, or one after a change of rules (`_check_clusters_version`)."""
    return not store.scalar("SELECT EXISTS (SELECT 1 FROM figure_facts WHERE cluster IS NOT NULL)")


def _ungrouped(store: Store) -> set[str]:
    """The buckets holding a claim whose cluster is not stored (by an index that holds only those facts)."""
    return {r[0] for r in store.iter_rows(
        "SELECT DISTINCT bucket FROM figure_facts INDEXED BY figure_facts_unclustered WHERE bucket IS NOT NULL AND cluster IS NULL"
    )}


def _drop_orphans(store: Store) -> None:
    """Delete the quantities no claim is in (a first grouping takes its claims out of the quantities they were in)."""
    with store.transaction() as db:
        db.execute("DELETE FROM quantities WHERE NOT EXISTS (SELECT 1 FROM figure_facts f WHERE f.quantity_id = quantities.id)")


def _group_afresh(store: Store, pending: list[str], overlay: review.Overlay) -> dict[str, int]:
    """`resolve_quantities` when no cluster is stored, in two passes whose memory does not grow with the store.

    First the pending documents' claims are attached a batch of documents at a time, and their facts
    written with no quantity or cluster (the quantities they were in are left to be deleted once no
    claim is in them); the documents leave `claims_pending` with their batch. Then the buckets are
    grouped from the store (`_group_ungrouped`). A run killed in the first pass goes on by this path
    (still no cluster stored), one killed in the second by `_group_ungrouped` (nothing pending)."""
    attached = written = 0
    pending = sorted(pending)
    for part in (pending[i : i + FIRST_DOCS] for i in range(0, len(pending), FIRST_DOCS)):
        fresh = attach(store, part)
        review.correct_claimants(store, overlay, fresh)
        facts = {(c.doc, c.seq): _fact(c, None) for c in fresh}
        gone = [key for key in ((r[0], r[1]) for r in store.iter_rows(
            "SELECT f.doc_id, f.seq FROM json_each(?) j CROSS JOIN figure_facts f ON f.doc_id = j.value", (json.dumps(part),)
        )) if key not in facts]
        with store.transaction() as db:
            db.executemany("DELETE FROM figure_facts WHERE doc_id = ? AND seq = ?", gone)
            db.executemany(
                f"INSERT OR REPLACE INTO figure_facts(doc_id, seq, {_FACT_COLUMNS}) VALUES ({', '.join('?' * (2 + _FACT_WIDTH))})",
                [(*key, *row) for key, row in facts.items()],
            )
            db.execute("DELETE FROM claims_pending WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(part),))
        attached += len(fresh)
        written += len(facts) + len(gone)
    counts = _group_ungrouped(store, overlay, _ungrouped(store))
    counts["claims attached"] = attached
    counts["figure facts changed"] += written
    return counts


def _group_ungrouped(store: Store, overlay: review.Overlay, buckets: set[str]) -> dict[str, int]:
    """Group the buckets holding a claim with no stored cluster (`buckets`), from the stored claims, one set
    of linked buckets at a time: a bucket with the buckets a sum of money it holds may join
    (`_restated_sums`, `_linked_buckets`), and those of the quantities its claims were in. Sets of
    linked buckets share no group, so each is grouped as grouping every claim at once groups it
    (its claims in the same order); an undated claim joins the closest cluster of its bucket, read
    whole. The quantities and clusters are written a few sets at a time (`FIRST_CLAIMS`); then
    the quantities no claim is in any more are deleted."""
    done: set[str] = set()
    grouped = compared = changed = written = largest = 0  # `written`: the claims grouped when last written
    rows: dict[str, tuple[object, ...]] = {}
    placed: list[tuple[str, str, str, int]] = []  # (quantity, cluster, doc, seq) of the claims whose place changed
    was: set[str] = set()  # the quantities the grouped claims were in

    def flush() -> None:
        nonlocal rows, placed, was, changed, written
        ids = sorted(set(rows) | was)
        old = {r[0]: tuple(r[1:]) for part in batches(ids) for r in store.iter_rows(
            f"SELECT id, {_QUANTITY_COLUMNS} FROM quantities WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(part),)
        )}
        with store.transaction() as db:
            db.executemany("DELETE FROM quantities WHERE id = ?", [(q,) for q in sorted(was) if q in old and q not in rows])
            db.executemany(
                f"INSERT OR REPLACE INTO quantities(id, {_QUANTITY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(q, *row) for q, row in rows.items() if old.get(q) != row],
            )
            db.executemany("UPDATE figure_facts SET quantity_id = ?, cluster = ? WHERE doc_id = ? AND seq = ?", placed)
        changed += len(placed)
        written = grouped
        rows, placed, was = {}, [], set()

    for b in sorted(buckets):
        if b in done:
            continue
        facts: dict[tuple[str, int], tuple[object, ...]] = {}
        loaded = {b}
        claims = stored_claims(store, [b], set(), facts)
        while linked := _linked_buckets(store, claims, facts) - loaded:
            loaded |= linked
            claims += stored_claims(store, sorted(linked), set(), facts)
        done |= loaded
        claims.sort(key=lambda c: (c.doc, c.seq))
        groups, cluster_of = _group(claims)
        _set_voices(store, claims)
        for members in groups:
            members.sort(key=lambda c: (c.as_of or "", c.doc, c.seq))
            qid = quantity_id(members)
            rows[qid] = _quantity_row(members, overlay, None)
            for c in members:
                row = facts[(c.doc, c.seq)]
                if (row[13], row[17]) != (qid, cluster_of[(c.doc, c.seq)]):
                    placed.append((qid, cluster_of[(c.doc, c.seq)], c.doc, c.seq))
        was.update(str(row[13]) for row in facts.values() if row[13])
        grouped += len(claims)
        compared += len(groups)
        largest = max(largest, len(claims))
        if grouped - written >= FIRST_CLAIMS:
            flush()
    flush()
    _drop_orphans(store)
    total, conflicting = store.query("SELECT count(*), coalesce(sum(conflict), 0) FROM quantities")[0]
    return {
        "quantities": total, "conflicting quantities": conflicting, "figure facts changed": changed, "claims attached": 0,
        "quantities regrouped": compared, "quantities compared": compared, "quantities compared by their new pairs": 0,
        "claims grouped again": grouped, "buckets grouped whole": len(done), "buckets grouped from a change": 0,
        "claims of the largest linked buckets": largest,
    }


# The rules the stored clusters and findings were made by (`bucket`, `_Cluster`, `_clusters`, `relation`):
# a change makes the next resolve attach every claim again, group every bucket whole and compare every
# quantity's pairs again, once. 3: figures of two reports under a bare word that nothing else ties are
# no conflict (`_only_the_word`); 4: nor are one report's own figure and its source's, not told apart in time,
# nor two reports' changes over two periods, one within the other; 5: a toll keeps the places its clause
# names; 6: a spokesperson and the organisation they speak for are one source; 8: two reports' undated
# figures of a bare word that nothing else ties are no change over time (`_untied`), nor, from reports
# about different people, does a round count of theirs agree.
CLUSTERS_VERSION = 9


def _check_clusters_version(store: Store) -> None:
    """Clusters and findings stored by other rules are forgotten: every document with figures is pending
    (its records unchanged but its claims compared again), every bucket grouped whole, once."""
    if store.scalar("SELECT version FROM quantity_clusters_version") != CLUSTERS_VERSION:
        with store.transaction() as db:
            db.execute("UPDATE figure_facts SET cluster = NULL WHERE cluster IS NOT NULL")
            db.execute("INSERT OR REPLACE INTO claims_pending(doc_id, records_kept) SELECT DISTINCT doc_id, 0 FROM records WHERE kind = 'figure'")
            db.execute("UPDATE quantity_clusters_version SET version = ?", (CLUSTERS_VERSION,))


def _same_fact(c: Claim, row: tuple[object, ...]) -> bool:
    """A claim attached again gives the facts it had (its quantity and cluster as they were)."""
    return _fact(c, row[13], row[17]) == row  # type: ignore[arg-type]


def _placed_alike(c: Claim, row: tuple[object, ...]) -> bool:
    """A claim attached again from the records it had (so the same record data) whose facts differ from
    those stored only in its claimant's name, the claimant being the same entity (an entity renamed by
    an add) and named before and after: grouping reads of a claimant its entity (`Claim.who`) and whether
    it is named (`_outlets_own`), so the claim is placed where it was, whatever else changes; only the
    pairs it is in are compared again (`compare` reads the name)."""
    if not c.claimant_entity or not c.claimant_name or not row[_NAME]:
        return False
    new = _fact(c, row[13], row[17])  # type: ignore[arg-type]
    return all(a == b for i, (a, b) in enumerate(zip(new, row)) if i != _NAME)


def _sweeps(store: Store, b: str, fresh: list[Claim]) -> bool:
    """Whether a touched bucket may be grouped again from its first change on: every claim in it,
    stored or new, dated, none a sum of money (a sum may join clusters of any date, and of other
    buckets: `_restated_sums`), and its clusters stored."""
    if any(_scope(c) is None or _sum(c) is not None for c in fresh):
        return False
    return not store.scalar(
        "SELECT EXISTS (SELECT 1 FROM figure_facts WHERE bucket = ? AND scope_end IS NULL)"
        " OR EXISTS (SELECT 1 FROM figure_facts WHERE bucket = ? AND money_sum IS NOT NULL)",
        (b, b),
    )


_AFTER_EVERY = ("\uffff", "", 0)  # a sweep key after every claim's (`_sweep_key`): nothing placed again


class _Swept(NamedTuple):
    clusters: list[_Cluster]
    stored: list[Claim]
    regrouped: set[tuple[str, int]]


def _regroup_from(
    store: Store, b: str, fresh: list[Claim], before: dict[tuple[str, int], tuple[object, ...]],
    facts: dict[tuple[str, int], tuple[object, ...]], same: set[tuple[str, int]], exclude: set[str],
    alike: set[tuple[str, int]] = frozenset(),  # type: ignore[assignment]
) -> _Swept:
    """One bucket (`_sweeps`) grouped again from its earliest change, as grouping it whole groups it.

    The sweep (`_clusters`) places the claims in the order of `_sweep_key`, each decision reading
    only the claims placed before it; so up to the earliest change (a new claim, a claim gone or
    changed, at its old or new place: `start`), every claim is where it was. From there the
    claims are placed again, into the clusters as they stood then. A claim joins a cluster only if
    its scope begins before the end of the cluster's first member's scope (the earliest end of
    all, members coming in order of their ends), so only the clusters whose first member ends on
    or after the earliest beginning of a claim placed again can take one; they, and the clusters
    of the claims gone or changed, are read back, members and all (`stored`; their facts go into
    `facts`), and the others stay as they are. A claim whose claimant was only renamed (`alike`,
    `_placed_alike`) is no change: it is where it was, and only its cluster is read back, so that its
    quantity's pairs are compared again. Returns the clusters read and made, in the order they
    were made, and the stored claims whose clusters they replace (`regrouped`)."""
    mine = {(c.doc, c.seq): c for c in fresh}  # `before`: the pending documents' claims in the bucket, as stored
    kept = same | alike  # claims that are where they were
    changes = [_sweep_key(c) for key, c in mine.items() if key not in kept]
    touched_clusters = set()
    for key, row in before.items():
        if key in alike:  # read back, not placed again
            touched_clusters.add(str(row[17]))
        elif key not in same:  # gone, changed, or moved to another bucket: where it was
            changes.append((str(row[18]), key[0], key[1]))
            touched_clusters.add(str(row[17]))
    if not touched_clusters and not changes:
        return _Swept([], [], set())
    start = min(changes) if changes else _AFTER_EVERY  # type: ignore[type-var]
    # the earliest beginning of a claim placed again: stored from `start` on, and the new or changed ones
    begins = [_scope(c)[0] for key, c in mine.items() if _sweep_key(c) >= start]  # type: ignore[index, operator]
    again = 0
    for doc, as_of, scope_start in store.iter_rows(
        "SELECT doc_id, as_of, scope_start FROM figure_facts WHERE bucket = ? AND (scope_end, doc_id, seq) >= (?, ?, ?)", (b, *start)
    ) if changes else ():
        if doc not in exclude:
            again += 1
            begins.append(_scope_of(as_of, scope_start)[0])  # type: ignore[index]
    reached = set(touched_clusters)
    if begins:
        reached.update(r[0] for r in store.iter_rows(
            "SELECT cluster FROM figure_facts WHERE bucket = ? GROUP BY cluster HAVING min(scope_end) >= ?", (b, min(begins).isoformat())
        ))
    stored = _read_claims(
        store, "f.bucket = ? AND f.cluster IN (SELECT value FROM json_each(?))", (b, json.dumps(sorted(reached))), exclude, facts
    )
    regrouped = {(c.doc, c.seq) for c in stored} | {key for key, row in before.items() if str(row[17]) in reached}
    was = {key: str(facts[key][17]) for key in regrouped}
    members = stored + [c for key, c in mine.items() if key in kept and was.get(key) in reached]
    prefix: dict[str, list[tuple[tuple[str, str, int], Claim]]] = defaultdict(list)
    replay: list[tuple[tuple[str, str, int], Claim]] = []
    for c in members:
        k = _sweep_key(c)
        (prefix[was[(c.doc, c.seq)]] if k < start else replay).append((k, c))  # type: ignore[operator, arg-type]
    if len(replay) != again + sum(1 for key, c in mine.items() if key in kept and _sweep_key(c) >= start):  # type: ignore[operator]
        # every claim from `start` on is in a cluster read
        raise AssertionError(f"the stored clusters of bucket {b} do not hold every claim from its first change on")
    replay += [(_sweep_key(c), c) for key, c in mine.items() if key not in kept]  # type: ignore[misc]
    clusters: list[_Cluster] = []
    for placed in sorted(prefix.values(), key=lambda ms: min(ms)[0]):  # as the clusters were made: by their first members
        g = _Cluster()
        for _, c in sorted(placed, key=lambda kc: kc[0]):
            g.add(c, _scope(c))
        clusters.append(g)
    for _, c in sorted(replay, key=lambda kc: kc[0]):
        _place(clusters, c, _scope(c))  # type: ignore[arg-type]
    return _Swept(clusters, stored, regrouped)


def _linked_buckets(store: Store, claims: list[Claim], facts: dict[tuple[str, int], tuple[object, ...]]) -> set[str]:
    """Buckets that grouping these claims may join to theirs (`_restated_sums`): those holding a
    figure of a sum one of them gives (by the stored sums' index), and those of the quantities they
    were in (a quantity of two buckets is grouped again whole, or split whole)."""
    out: set[str] = set()
    quantities = sorted({str(row[13]) for row in facts.values() if row[13]})
    for part in batches(quantities):
        out.update(r[0] for r in store.iter_rows(
            "SELECT DISTINCT bucket FROM figure_facts WHERE bucket IS NOT NULL AND quantity_id IN (SELECT value FROM json_each(?))",
            (json.dumps(part),),
        ))
    sums = sorted({key for c in claims if (key := _sum_key(_sum(c))) is not None})
    for part in batches(sums):
        out.update(r[0] for r in store.iter_rows(
            "SELECT DISTINCT bucket FROM figure_facts WHERE money_sum IN (SELECT value FROM json_each(?)) AND bucket IS NOT NULL",
            (json.dumps(part),),
        ))
    return out


def _sum_key(found: tuple[object, ...] | None) -> str | None:
    """A sum of money (`_sum`) as `figure_facts.money_sum` keeps it, for the sums' index."""
    if found is None:
        return None
    currency, value, low, high, qualifier = found
    return dumps([currency, float(value), None if low is None else float(low), None if high is None else float(high), qualifier])  # type: ignore[arg-type]


def _prior(
    members: list[Claim], facts: dict[tuple[str, int], tuple[object, ...]], old_members: dict[str, set[tuple[str, int]]],
    old_q: dict[str, tuple[object, ...]], as_they_were: dict[tuple[str, int], Claim],
) -> Prior | None:
    """The quantity most of these claims were in before, with its claims as they were
    (`as_they_were`: every claim not attached again, every claim attached again whose records
    were kept, as it was), its stored findings and updates; None when one of its claims cannot
    be told as it was (its document was analysed again, or removed)."""
    held: dict[str, int] = defaultdict(int)
    for c in members:
        if (c.doc, c.seq) in facts:
            held[str(facts[(c.doc, c.seq)][13])] += 1
    if not held:
        return None
    q = max(sorted(held), key=lambda k: held[k])
    if q not in old_q or not old_members.get(q) or any(k not in as_they_were for k in old_members[q]):
        return None
    row = old_q[q]
    if len(old_members[q]) != row[3]:  # a claim of it is gone with its facts (its document removed)
        return None
    old = sorted((as_they_were[k] for k in old_members[q]), key=lambda c: (c.as_of or "", c.doc, c.seq))
    return Prior(old, json.loads(str(row[9])), int(row[6]))  # type: ignore[call-overload]


def _fact(c: Claim, quantity: str | None, cluster: str | None = None) -> tuple[object, ...]:
    usd = c.usd or {}
    where = bucket(c)
    key = _sweep_key(c) if where is not None else None
    return (
        c.claimant_kind, c.claimant_entity, c.claimant_name, c.attribution_seq, dumps(c.chain), c.as_of,
        c.as_of_precision, c.as_of_source, c.scope_start, usd.get("value"), int(bool(usd.get("computed"))),
        usd.get("source"), usd.get("reason"), quantity, where, dumps(c.frame.as_dict()) if c.frame else None, c.part_of,
        cluster if where is not None else None, key[0] if key else None, _sum_key(_sum(c)) if where is not None else None,
    )


def stored_claims(
    store: Store, buckets: list[str], exclude: set[str], facts: dict[tuple[str, int], tuple[object, ...]]
) -> list[Claim]:
    """The claims kept in `figure_facts` for these buckets, as `attach` made them (what grouping
    and comparing read of a claim is its record and its facts), but of the `exclude` documents;
    every fact row read, of those too, goes into `facts` as stored."""
    out = []
    for b in buckets:
        out += _read_claims(store, "f.bucket = ?", (b,), exclude, facts)
    return out


def _read_claims(
    store: Store, where: str, params: tuple[object, ...], exclude: set[str], facts: dict[tuple[str, int], tuple[object, ...]]
) -> list[Claim]:
    """`stored_claims` of the fact rows `where` selects (by an index of `figure_facts`)."""
    out = []
    n = _FACT_WIDTH
    for r in store.iter_rows(
        f"SELECT f.doc_id, f.seq, {_FACT_COLUMNS}, r.start, r.end, r.data, substr(d.text, r.start + 1, r.end - r.start), d.outlet"
        " FROM figure_facts f CROSS JOIN records r ON r.doc_id = f.doc_id AND r.kind = 'figure' AND r.seq = f.seq"
        f" CROSS JOIN documents d ON d.id = f.doc_id WHERE {where}",  # CROSS JOIN: this order, by the facts' index
        params,
    ):
        row = tuple(r)
        facts[(row[0], row[1])] = row[2 : 2 + n]
        if row[0] in exclude:
            continue
        start, end, data, text, outlet = row[2 + n :]
        out.append(_stored_claim(row[0], row[1], row[2 : 2 + n], start, end, json.loads(data), text, outlet))
    return out


def _stored_claim(
    doc: str, seq: int, fact: tuple[object, ...], start: int, end: int, data: dict[str, object], text: str, outlet: str | None
) -> Claim:
    """A claim from its stored facts (a row of `_FACT_COLUMNS`) and its record."""
    (kind, entity, name, attribution, chain, as_of, precision, source, scope, usd, computed, usd_source, reason) = fact[:13]
    frame = Frame.from_dict(json.loads(str(fact[15]))) if fact[15] else None
    money = {"value": usd, "computed": bool(computed), "source": usd_source, "reason": reason}
    return Claim(
        doc, seq, start, end, data, text, kind, entity, name, attribution, json.loads(str(chain)), as_of,  # type: ignore[arg-type]
        precision, source, scope, money if any(v is not None for v in (usd, usd_source, reason)) or computed else None,  # type: ignore[arg-type]
        frame.place if frame else None, frame.entities if frame else (), fact[16], outlet,  # type: ignore[arg-type]
        named=frame.named if frame else (),
    )


_FACT_COLUMNS = (
    "claimant_kind, claimant_entity, claimant_name, attribution_seq, chain, as_of, as_of_precision, as_of_source,"
    " scope_start, usd, usd_computed, usd_source, usd_reason, quantity_id, bucket, frame, part_of, cluster, scope_end, money_sum"
)
_FACT_COLUMNS_LIST = [c.strip() for c in _FACT_COLUMNS.split(",")]
_FACT_WIDTH = len(_FACT_COLUMNS_LIST)
_NAME = _FACT_COLUMNS_LIST.index("claimant_name")
_QUANTITY_COLUMNS = "measure, measure_key, unit, figures, claimants, conflict, updates, first_as_of, last_as_of, findings, findings_digest"


def _write(
    store: Store,
    quantities: dict[str, tuple[object, ...]],
    facts: dict[tuple[str, int], tuple[object, ...]],
    old_f: dict[tuple[str, int], tuple[object, ...]],
    old_q: dict[str, tuple[object, ...]],
    pending: list[str],
) -> int:
    """Bring the quantities of the regrouped buckets (`old_q`: their rows before) and the facts of
    their claims and of the pending documents (`old_f`) to the new rows, writing only what
    differs; returns facts changed. The pending documents leave `claims_pending` in the same
    transaction."""
    pending_docs = set(pending)
    gone = [key for key in old_f if key not in facts and key[0] in pending_docs]
    changed = [(*key, *row) for key, row in facts.items() if old_f.get(key) != row]
    with store.transaction() as db:
        db.executemany("DELETE FROM quantities WHERE id = ?", [(q,) for q in old_q if q not in quantities])
        db.executemany(
            f"INSERT OR REPLACE INTO quantities(id, {_QUANTITY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(q, *row) for q, row in quantities.items() if old_q.get(q) != row],
        )
        db.executemany("DELETE FROM figure_facts WHERE doc_id = ? AND seq = ?", gone)
        db.executemany(
            f"INSERT OR REPLACE INTO figure_facts(doc_id, seq, {_FACT_COLUMNS}) VALUES ({', '.join('?' * (2 + _FACT_WIDTH))})",
            changed,
        )
        db.executemany("DELETE FROM claims_pending WHERE doc_id = ?", [(d,) for d in pending])
    return len(gone) + len(changed)


def count_sources(store: Store) -> dict[str, int]:
    """Each quantity's `sources` and `independent_sources` (independence.count over all its
    claims), stored once stories are resolved, so a page that lists a few claims of a large
    quantity still shows the counts of all of them."""
    origins = independence.load(store, by_event=True)
    reports: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for r in store.iter_rows(
        "SELECT quantity_id, doc_id, CASE WHEN claimant_kind IN ('attribution', 'context') THEN claimant_entity END AS e"
        " FROM figure_facts WHERE quantity_id IS NOT NULL"
    ):
        reports[r["quantity_id"]].append((r["doc_id"], r["e"]))
    new = {q: independence.count(origins, claims) for q, claims in reports.items()}
    old = {r[0]: (r[1], r[2]) for r in store.iter_rows("SELECT id, sources, independent_sources FROM quantities")}
    changed = [(c["sources"], c["independent_sources"], q) for q, c in new.items() if old.get(q) != (c["sources"], c["independent_sources"])]
    with store.transaction() as db:
        db.executemany("UPDATE quantities SET sources = ?, independent_sources = ? WHERE id = ?", changed)
    return {"quantity sources changed": len(changed)}
