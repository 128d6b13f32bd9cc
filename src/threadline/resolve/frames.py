"""What a claim measures, as a frame: who is counted, what they did or are, where, in what unit, over which period, per whom."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..extract.measures import lexicon, parse_key

PERIOD_KINDS = ("point", "cumulative", "rate")


@dataclass(frozen=True)
class Frame:
    """A figure's measure frame. `role` is the counted thing ("recruits", "profit"), `group` the countries or
    regions that qualify it ("NP" for "Nepalis", "Nepali nationals" and "citizens of Nepal" alike),
    `entities` the canonical entities its phrase names ("profits at Time Warner"), `predicate` what the
    counted did or are ("recruited", "killed", "paid per month"), `place` the country the report is about
    when the measure names none, `period` a point, a cumulative count `since` a date, or a rate `per` a
    period, `sources` the chain of attributions the claim comes through, outermost first
    (the claimant's own last), `named` the canonical entities the figure's sentence names
    (whose figure it may be: "the Tories' £35bn of cuts", said by a rival), and `at` the places a
    toll's clause names, (country, city or region) pairs (`threadline.extract.figures.incident_places`)."""

    role: str
    group: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    predicate: str | None = None
    place: str | None = None
    unit: str | None = None
    currency: str | None = None
    period: str = "point"
    since: str | None = None
    per: str | None = None
    planned: bool = False
    sources: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    at: tuple[tuple[str | None, str | None], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "population": {"role": self.role, "group": list(self.group), "entities": list(self.entities)},
            "predicate": self.predicate,
            "place": self.place,
            "unit": self.unit,
            "currency": self.currency,
            "period": {"kind": self.period, "since": self.since, "per": self.per},
            "planned": self.planned,
            "sources": list(self.sources),
            "named": list(self.named),
            **({"at": [list(p) for p in self.at]} if self.at else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Frame:
        pop, period = d["population"], d["period"]
        return cls(
            pop["role"], tuple(pop["group"]), tuple(pop["entities"]), d["predicate"], d["place"], d["unit"], d["currency"],
            period["kind"], period["since"], period["per"], bool(d["planned"]), tuple(d["sources"]), tuple(d.get("named") or ()),
            _pairs(d.get("at")),
        )

    @property
    def where(self) -> tuple[str, ...]:
        """The countries or regions a frame is about: its population's group, else its place; claims
        of one quantity share it exactly (a claim that names none is not taken to mean any)."""
        return self.group or ((self.place,) if self.place else ())


@cache
def _predicates() -> dict[str, str]:
    return {c["key"]: c["predicate"] for c in lexicon()["concept"] if c.get("predicate")}


def predicate(role: str, measure_text: str | None) -> str | None:
    """What the counted did or are: the concept's predicate ("recruited"), else the first verb form
    of the measure's phrase after its noun ("fighting" in "Cuban men fighting for Russia")."""
    if role in _predicates():
        return _predicates()[role]
    for word in (measure_text or "").split()[1:]:
        w = word.strip("(),").lower()
        if len(w) > 4 and w.endswith(("ed", "ing")) and w.isalpha():
            return w
    return None


def frame_of(data: dict[str, Any], *, scope_start: str | None, chain: list[str], place: str | None,
             entities: tuple[str, ...], named: tuple[str, ...] = ()) -> Frame | None:
    """The frame of a figure's record `data` and its claim's facts; None for a figure with no measure key."""
    key = data.get("measure_key")
    if not key:
        return None
    role, group, rate, planned = parse_key(key)
    per = rate or data.get("rate")
    kind = "rate" if per else ("cumulative" if scope_start else "point")
    return Frame(
        role, group, entities, predicate(role, data.get("measure_text")), None if group else place,
        data.get("unit"), data.get("currency"), kind, scope_start, per, planned, tuple(chain), named,
        _pairs(data.get("at")),
    )


def _pairs(at: list[list[str | None]] | None) -> tuple[tuple[str | None, str | None], ...]:
    """`at` as stored (JSON lists) to the frame's tuples."""
    return tuple((p[0], p[1]) for p in at or ())


def places_meet(a: Any, b: Any) -> bool:
    """Two tolls' places (`Frame.at` pairs) meet when one place of each can be the same: the same
    country, or one unknown, and the same city or region, or one naming only its country ("Athens"
    and "Greece" meet; "Odesa" and "Kharkiv" do not). A toll that names no place meets any."""
    if not a or not b:
        return True
    for ca, na in a:
        for cb, nb in b:
            if (ca is None or cb is None or ca == cb) and (na is None or nb is None or na.lower() == nb.lower()):
                return True
    return False


def merged(frames: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The frame a quantity's claims share (`Frame.as_dict` forms): the most common role and predicate,
    the countries, entities and places of any, the first unit and currency, and every period kind."""
    if not frames:
        return None

    def common(values: list[Any]) -> Any:
        values = [v for v in values if v]
        return max(sorted(set(values)), key=values.count) if values else None

    return {
        "population": {
            "role": common([f["population"]["role"] for f in frames]),
            "group": sorted({g for f in frames for g in f["population"]["group"]}),
            "entities": sorted({e for f in frames for e in f["population"]["entities"]}),
        },
        "predicate": common([f["predicate"] for f in frames]),
        "places": sorted({f["place"] for f in frames if f["place"]}),
        **({"at": at} if (at := sorted({p[1] or p[0] for f in frames for p in f.get("at") or () if p[1] or p[0]})) else {}),
        "unit": frames[0]["unit"],
        "currency": frames[0]["currency"],
        "periods": sorted({f["period"]["kind"] for f in frames}),
        "per": common([f["period"]["per"] for f in frames]),
    }


def describe(frame: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """A quantity's frame (`merged`) in one line: "recruits (NP) of …, recruited, people, cumulative or point"."""
    pop = frame["population"]
    who = pop["role"] + (f" ({', '.join(pop['group'])})" if pop["group"] else "")
    if pop["entities"]:
        who += " of " + ", ".join((names or {}).get(e, e) for e in pop["entities"])
    parts = [who]
    if frame["predicate"]:
        parts.append(frame["predicate"])
    if frame.get("at"):
        parts.append("at " + ", ".join(frame["at"]))
    if frame["places"]:
        parts.append("in " + ", ".join(frame["places"]))
    parts.append(frame["currency"] or frame["unit"] or "no unit")
    kinds = {"point": "at a point", "cumulative": "cumulative since a date", "rate": f"a rate {frame['per'] or ''}".strip()}
    parts.append(" or ".join(kinds[k] for k in frame["periods"]))
    return ", ".join(parts)
