"""Queries over events and indicators: the timeline, exports, and corroboration counts."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from . import attributions
from .records import argument_mention, references
from ..resolve import independence
from ..resolve.claimants import claimant_in
from .entities import snippet
from ..pipeline import record_id
from ..store import Store
from .. import timeml
from ..timeml import in_words


def _entity_map(store: Store, doc_ids: set[str] | None = None) -> dict[tuple[str, int], str]:
    rows = store.iter_rows("SELECT doc_id, seq, entity_id FROM mention_entities")
    return {(r["doc_id"], r["seq"]): r["entity_id"] for r in rows if doc_ids is None or r["doc_id"] in doc_ids}


def _argument(a: dict[str, Any], text: str, doc_id: str, ents: dict[tuple[str, int], str], refs: dict[tuple[int, int], int]) -> dict[str, Any]:
    """An event argument's span, words and entity (`argument_mention`: its own mention's, else the one its chain links it to)."""
    out = {"start": a["start"], "end": a["end"], "text": text[a["start"] : a["end"]], "entity": None}
    seq, how = argument_mention(a, out["text"], refs)
    if seq is not None and (doc_id, seq) in ents:
        out["entity"] = ents[(doc_id, seq)]
        if how:
            out["resolved_by"] = how
    return out


SOURCE_WORDS = {  # where an event's date was read, as the views say it
    "timex": "from its clause",
    "sentence": "from its sentence",
    "context": "from the paragraph before",
    "lead": "from the lead",
    "dateline": "from the dateline",
    "published": "publication date",
    "none": "undated",
}


def _time(raw: dict[str, Any]) -> dict[str, Any]:
    time = {k: raw.get(k) for k in ("value", "precision", "fallback")}
    time["words"] = in_words(time["value"])
    return time


def iter_events(store: Store) -> Iterator[dict[str, Any]]:
    """Every event with argument texts and entities, its claimant and time."""
    ents = _entity_map(store)
    current, in_doc = None, []  # one document's attributions and row (text, outlet, title) at a time
    doc: Any = None
    refs: dict[tuple[int, int], int] = {}  # a pronoun's or description's span -> the named mention its chain links it to
    for r in store.iter_rows(
        "SELECT r.doc_id, r.seq, r.start, r.end, r.data FROM records r"
        " JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'event' ORDER BY d.rowid, r.seq"
    ):
        data = json.loads(r["data"])
        t0, t1 = data["trigger"]
        if r["doc_id"] != current:
            current, in_doc = r["doc_id"], attributions.load(store, r["doc_id"])
            doc = store.query("SELECT text, outlet, title FROM documents WHERE id = ?", (current,))[0]
            refs = references(store, current)
        text = doc["text"]
        args = {role: _argument(a, text, r["doc_id"], ents, refs) for role, a in data["args"].items()}
        yield {
            "id": record_id("event", r["doc_id"], r["seq"]),
            "doc": r["doc_id"],
            "title": doc["title"],
            "type": data["type"],
            "trigger": {"start": t0, "end": t1, "text": text[t0:t1]},
            "args": args,
            "time": _time(data["time"]),
            "modality": data["modality"],
            "caption": bool(data.get("caption")),
            "claimant": claimant_in(
                r["doc_id"], in_doc, t0, text, doc["outlet"], lambda seq: ents.get((current, in_doc[seq].data.get("source_mention")))
            ),
            "evidence": {"start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]]},
            "figure": record_id("figure", r["doc_id"], data["figure"]) if data.get("figure") is not None else None,
        }


TOLERANCE_DAYS = 3  # two reports' dates of one happening may differ by this much ("on Tuesday" / "on Wednesday")
REPORTED_WITHIN_DAYS = 7  # an event dated only by its article's publication happened up to a week before
PARTICIPANT_ROLES = ("agent", "patient", "origin", "destination")
OWN_DATES = ("timex", "sentence")


def _span(ev: dict[str, Any]) -> tuple[date, date] | None:
    """The days an event may have happened on: its date's interval; up to a week before a publication date."""
    t = ev["time"]
    span = timeml.interval((t["value"] or "").split("T")[0]) if t["value"] else None
    if span is not None and t["fallback"] == "published":
        return span[0] - timedelta(days=REPORTED_WITHIN_DAYS), span[1]
    return span


def _participants(ev: dict[str, Any]) -> dict[str, str]:
    return {role: a["entity"] for role, a in ev["args"].items() if a["entity"] and role in PARTICIPANT_ROLES}


PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "us", "who", "which", "that", "this", "these", "those"}


def _who(arg: dict[str, Any]) -> str:
    """What fills a role: its entity, else the last word of its text ("the military cooperation
    agreement" -> "agreement"); "" for a pronoun, which may stand for anyone."""
    if arg.get("entity"):
        return arg["entity"]
    words = re.findall(r"\w+", (arg.get("text") or "").lower())
    return "" if not words or words[-1] in PRONOUNS else words[-1]


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Nothing tells two reports apart: the same type, no role filled by two different entities (or, where
    neither names an entity, by two different nouns), dates within the tolerance, and one article does
    not date them differently."""
    if a["type"] != b["type"]:
        return False
    for role in a["args"].keys() & b["args"].keys() & set(PARTICIPANT_ROLES):
        x, y = _who(a["args"][role]), _who(b["args"][role])
        if x != y and "" not in (x, y):
            return False  # "the foreign ministry said" and "Lopez said": two speakers, two statements
    ta, tb = a["time"], b["time"]
    if a["doc"] == b["doc"] and ta["fallback"] in OWN_DATES and tb["fallback"] in OWN_DATES and ta["value"] != tb["value"]:
        return False  # one article dating two events differently tells two events
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return a["doc"] == b["doc"] or ta["value"] == tb["value"] is not None
    return timeml.overlaps(sa, sb, TOLERANCE_DAYS)


def _same_happening(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One real-world event: compatible, and a shared participant entity or the same article."""
    if not _compatible(a, b):
        return False
    return a["doc"] == b["doc"] or bool(set(_participants(a).values()) & set(_participants(b).values()))


def _happenings(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Events grouped into happenings. Candidates share a type and an article or a participant entity;
    within such a bucket they are compared in date order, each with those starting before its end
    plus the tolerance, so a crowded entity ("Russia") does not make every pair a candidate. Two groups
    join only if every report of one is compatible with every report of the other (no chains: "Maduro
    announced" and "Stepanov told" stay apart though each matches "the ambassador told")."""
    group = list(range(len(events)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}

    def join(i: int, j: int) -> None:
        gi, gj = group[i], group[j]
        if gi == gj or not _same_happening(events[i], events[j]):
            return
        if not all(_compatible(events[x], events[y]) for x in members[gi] for y in members[gj]):
            return
        for y in members[gj]:
            group[y] = gi
        members[gi].extend(members.pop(gj))

    buckets: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        buckets[(ev["type"], "doc", ev["doc"])].append(i)
        for entity in set(_participants(ev).values()):
            buckets[(ev["type"], "entity", entity)].append(i)
    spans = [_span(ev) for ev in events]
    for (_, kind, _), bucket in buckets.items():
        dated = sorted((i for i in bucket if spans[i] is not None), key=lambda i: (spans[i][0], i))  # type: ignore[index]
        for k, i in enumerate(dated):
            reach = spans[i][1] + timedelta(days=TOLERANCE_DAYS)  # type: ignore[index]
            for j in dated[k + 1:]:
                if spans[j][0] > reach:  # type: ignore[index]
                    break
                join(i, j)
        if kind == "doc":
            for i in (i for i in bucket if spans[i] is None):
                for j in bucket:
                    if j != i and (spans[j] is not None or j > i):
                        join(i, j)
    return [[events[i] for i in sorted(ids)] for ids in members.values()]


_PRECISION_RANK = {"minute": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6}


def _representative(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The report that dates the happening best: its own date first, then the finest precision, then the
    earliest date."""
    return min(members, key=lambda e: (
        e["time"]["value"] is None,
        e["time"]["fallback"] not in OWN_DATES,
        _PRECISION_RANK.get(e["time"]["precision"] or "", 9),
        e["time"]["value"] or "", e["doc"], e["trigger"]["start"],
    ))


def _claimant_entity(claimant: dict[str, Any]) -> str | None:
    return claimant.get("entity") if claimant.get("kind") == "attribution" else None


def with_sources(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `happening` (the id of the report that stands for the real-world event; see `_same_happening`),
    `reports` (the ids of every report of it), `sources`, `independent_sources` and `source_documents`:
    documents reporting the happening, and their distinct origins (copies share one; claims attributed to
    the same original source share one)."""
    origins = independence.load(store)
    for members in _happenings(events):
        counted = independence.count(origins, ((e["doc"], _claimant_entity(e["claimant"])) for e in members))
        counted["independent_sources"] = min(counted["independent_sources"], counted["sources"])  # origins among the documents
        lead = _representative(members)
        reports = sorted(e["id"] for e in members)
        for e in members:
            e.update(counted, happening=lead["id"], reports=reports)
    return events


def timeline(store: Store, *, entity: str | None = None, etype: str | None = None, happenings: bool = False) -> list[dict[str, Any]]:
    """Events ordered by time (undated last), filtered by an entity id or an event type. With
    `happenings`, one entry per real-world event: the report that dates it best, with `reports`."""
    events = with_sources(store, list(iter_events(store)))
    if happenings:
        events = [e for e in events if e["happening"] == e["id"]]
    if etype:
        events = [e for e in events if e["type"] == etype]
    if entity:
        events = [e for e in events if any(a["entity"] == entity for a in e["args"].values())]
    return sorted(events, key=lambda e: (e["time"]["value"] is None, e["time"]["value"] or "", e["doc"], e["trigger"]["start"]))


def export_events(store: Store) -> Iterator[dict[str, Any]]:
    for e in with_sources(store, list(iter_events(store))):
        yield {k: e[k] for k in ("id", "doc", "type", "trigger", "args", "time", "modality", "caption", "claimant", "figure", "happening", "sources", "independent_sources", "source_documents")}


def export_indicators(store: Store) -> Iterator[dict[str, Any]]:
    ents = _entity_map(store)
    for r in store.iter_rows(
        "SELECT r.doc_id, r.seq, r.start, r.end, r.data, substr(d.text, r.start + 1, r.end - r.start) AS t FROM records r"
        " JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'indicator' ORDER BY d.rowid, r.seq"
    ):
        data = json.loads(r["data"])
        yield {
            "id": record_id("indicator", r["doc_id"], r["seq"]),
            "doc": r["doc_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["t"],
            "indicator": data["indicator"],
            "label": data["label"],
            "event": record_id("event", r["doc_id"], data["event"]) if data.get("event") is not None else None,
            "entity": ents.get((r["doc_id"], data["mention"])) if data.get("mention") is not None else None,
        }


def indicators(store: Store) -> list[dict[str, Any]]:
    """Indicator mentions with a snippet of their evidence, grouped order by indicator."""
    texts = {r["id"]: r["text"] for r in store.query("SELECT id, text FROM documents WHERE id IN (SELECT doc_id FROM records WHERE kind = 'indicator')")}
    out = []
    for ind in export_indicators(store):
        ind["snippet"] = snippet(texts[ind["doc"]], ind["start"], ind["end"])
        out.append(ind)
    return sorted(out, key=lambda i: (i["indicator"], i["doc"], i["start"]))
