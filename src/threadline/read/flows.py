"""Origin → destination flows: from which country to which the corpus says people were moved, with the events that say so."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from .entities import _row as entity_row
from ..places import country_point, region_point
from .records import Lookup, _data, event, rows

# Event types whose patient moves from an origin to a destination: for these, an end the
# sentence leaves implicit is completed (see `flows`).
MOVES = ("recruitment", "deployment")
EVIDENCE_PER_FLOW = 10
# "the Russian army", "Russia's war", "fight for Russia", "into its armed forces": the side a recruit is sent to
_SIDE_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:army|armed forces|forces|military|war|side|troops|service)\b"
    r"(?!\s+(?:intelligence|ministry|spokes\w*|officials?|agency|command|analysts?|experts?))",
    re.IGNORECASE,
)
_SIDE_BEFORE = re.compile(r"\b(?:for|into|join|joining|joined|to)\s+(?:the\s+)?$", re.IGNORECASE)


def flows(lk: Lookup) -> list[dict[str, Any]]:
    """One flow per (origin country, destination country), weighted by its events.

    An end is the country of the entity an event's `origin` or `destination` names
    (a city counts as its country; a region such as Central Asia as itself). Most
    recruitment sentences name one end only ("lured young Indian men with promises
    of jobs", "Russia was trying to enlist migrants from Central Asia", "recruited to
    fight for the Russian army"), so for the event types in `MOVES` a missing end is
    completed, first from the sentence, then from the document:
    the origin from the recruits' nationality (the patient's entity), then the origins
    the document's other events name, then the nationality the document names most
    (a demonym) other than the destination; the destination from the agent when it is
    a state, then the side the sentence sends people to ("for Russia", "the Russian
    army", "Russia's war"), then the destinations the document's other events name.
    Each flow counts how many of its events had an end completed (`inferred`).
    """
    store = lk.store
    places = {r["id"]: dict(r) for r in store.query("SELECT * FROM entities WHERE country IS NOT NULL OR lat IS NOT NULL OR type IN ('GPE', 'LOC')")}
    by_country = _country_entities(places)
    ends: dict[str, dict[str, Any]] = {}

    def end_of(entity: dict[str, Any] | None) -> dict[str, Any] | None:
        row = places.get((entity or {}).get("id", ""))
        found = _end(row, by_country) if row is not None else None
        if found:
            ends[found["key"]] = found
        return found

    events: list[tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any] | None]] = []
    named: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: {"origin": Counter(), "destination": Counter()})
    for r in rows(store, "event"):
        data = _data(r)
        args = data.get("args") or {}
        if "origin" not in args and "destination" not in args and data.get("type") not in MOVES:
            continue
        v = event(lk, r)
        origin, destination = (end_of((v["args"].get(role) or {}).get("entity")) for role in ("origin", "destination"))
        for role, e in (("origin", origin), ("destination", destination)):
            if e:
                named[v["doc"]][role][e["key"]] += 1
        events.append((v, origin, destination))
    demonyms = _document_demonyms(lk, {v["doc"] for v, o, d in events if v["type"] in MOVES and not (o and d)})
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for v, origin, destination in events:
        if v["type"] in MOVES and not (origin and destination):
            doc = named[v["doc"]]
            if destination is None:
                agent = v["args"].get("agent") or {}
                state = agent.get("entity") if (agent.get("entity") or {}).get("type") == "GPE" and _names_only(agent) else None
                destination = (end_of(state) if state else None) or _side(lk, v, places, end_of)
                if destination is None and (key := _most(doc["destination"], exclude=origin["key"] if origin else None)):
                    destination = ends[key]
                destination = destination and {**destination, "inferred": True}
            if origin is None and destination is not None:
                origin = end_of((v["args"].get("patient") or {}).get("entity"))
                if origin is None or origin["key"] == destination["key"]:
                    key = _most(doc["origin"], exclude=destination["key"]) or _most(demonyms[v["doc"]], exclude=destination["key"])
                    origin = (ends.get(key) or (end_of(dict(by_country[key])) if key in by_country else None)) if key else None
                origin = origin and {**origin, "inferred": True}
        if origin and destination:
            _add(found, v, origin, destination)
    for flow in found.values():
        del flow["_docs"]
    return sorted(found.values(), key=lambda f: (-f["events"], f["origin"]["name"], f["destination"]["name"]))


def _names_only(arg: dict[str, Any]) -> bool:
    """The argument is the entity's name itself ("Russia"), not people described by it ("Cuban men")."""
    return " ".join((arg.get("text") or "").split()).casefold() == arg["entity"]["name"].casefold()


def _side(lk: Lookup, v: dict[str, Any], places: dict[str, Any], end_of: Any) -> dict[str, Any] | None:
    """The country the event's sentence sends people to ("for Russia", "the Russian army", "Russia's war"):
    the first such after the trigger, else the nearest before it."""
    text = lk.text(v["doc"])
    ev = v["evidence"]
    at = (v["trigger"] or {}).get("start") or ev["start"]
    found = []
    for start, end, entity in lk._mention_map(v["doc"]).values():
        if not entity or not (ev["start"] <= start and end <= ev["end"]) or not (places.get(entity["id"]) or {}).get("country"):
            continue
        if _SIDE_AFTER.match(text[end : end + 48]) or _SIDE_BEFORE.search(text[max(ev["start"], start - 12) : start]):
            found.append((start < at, abs(start - at), entity))
    return end_of(min(found, key=lambda f: f[:2])[2]) if found else None


def _country_entities(places: dict[str, Any]) -> dict[str, Any]:
    """The entity that stands for each country: the one named as the country, else its most mentioned place."""
    from ..places import country_name

    best: dict[str, Any] = {}
    for row in places.values():
        code = row["country"]
        if not code:
            continue
        current = best.get(code)
        rank = (row["name"] == country_name(code), row["type"] == "GPE", row["mentions"])
        if current is None or rank > (current["name"] == country_name(code), current["type"] == "GPE", current["mentions"]):
            best[code] = row
    return best


def _end(row: Any, by_country: dict[str, Any]) -> dict[str, Any] | None:
    """A flow's end for an entity row: its country (as the country's entity, at the capital), or a region."""
    if row["country"]:
        stand = by_country.get(row["country"], row)
        point = country_point(row["country"]) or ((stand["lat"], stand["lon"]) if stand["lat"] is not None else None)
        key = row["country"]
    else:
        stand = row
        point = (row["lat"], row["lon"]) if row["lat"] is not None else region_point(row["name"])
        key = row["id"]
    if point is None:
        return None
    return {"key": key, "entity": {**entity_row(stand), "lat": point[0], "lon": point[1]}}


def _most(counts: Counter[str], exclude: str | None = None) -> str | None:
    ranked = sorted(((n, k) for k, n in counts.items() if k != exclude), key=lambda nk: (-nk[0], nk[1]))
    return ranked[0][1] if ranked else None


def _document_demonyms(lk: Lookup, docs: set[str]) -> dict[str, Counter[str]]:
    """Per document, how often each country is named by a demonym ("Sri Lankan", "Nepali")."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    if not docs:
        return out
    marks = ",".join("?" * len(docs))
    for r in lk.store.query(
        f"SELECT doc_id, json_extract(data, '$.country') AS country FROM records WHERE kind = 'mention' AND doc_id IN ({marks})"
        " AND json_extract(data, '$.label') = 'NORP' AND json_extract(data, '$.country') IS NOT NULL",
        sorted(docs),
    ):
        out[r["doc_id"]][r["country"]] += 1
    return out


def _add(found: dict[tuple[str, str], dict[str, Any]], v: dict[str, Any], origin: dict[str, Any], destination: dict[str, Any]) -> None:
    if origin["key"] == destination["key"]:
        return
    flow = found.setdefault(
        (origin["key"], destination["key"]),
        {"origin": origin["entity"], "destination": destination["entity"], "events": 0, "inferred": 0, "documents": 0, "types": [], "evidence": [], "_docs": set()},
    )
    flow["events"] += 1
    flow["inferred"] += bool(origin.get("inferred") or destination.get("inferred"))
    if v["doc"] not in flow["_docs"]:
        flow["_docs"].add(v["doc"])
        flow["documents"] = len(flow["_docs"])
    if v["type"] and v["type"] not in flow["types"]:
        flow["types"].append(v["type"])
    if len(flow["evidence"]) < EVIDENCE_PER_FLOW:
        flow["evidence"].append(v["evidence"])
