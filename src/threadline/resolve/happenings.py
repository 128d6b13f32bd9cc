"""Events as the grouping into happenings reads them, and the grouping: which reports of events are one
real-world happening (`group`), kept in the store per linked set by `aggregates.update_happenings` and
read by the timeline (`read/events.py`)."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from . import independence
from .claimants import claimant_in, load_attributions
from ..pipeline import record_id
from ..store import Store, batches
from .. import timeml
from ..timeml import in_words


def _entity_map(store: Store, doc_ids: list[str] | None = None) -> dict[tuple[str, int], str]:
    """(doc id, mention seq) -> entity id, for every document or for `doc_ids`."""
    if doc_ids is None:
        rows = store.iter_rows("SELECT doc_id, seq, entity_id FROM mention_entities")
        return {(r["doc_id"], r["seq"]): r["entity_id"] for r in rows}
    return {
        (r[0], r[1]): r[2]
        for part in batches(doc_ids)
        for r in store.iter_rows(
            "SELECT me.doc_id, me.seq, me.entity_id FROM json_each(?) j CROSS JOIN mention_entities me ON me.doc_id = j.value", (json.dumps(part),)
        )
    }


UNSURE_PRONOUNS = {"they", "them", "their", "theirs"}  # a link of "they" to an organisation or a country is the least sure one


def references(store: Store, doc_id: str) -> dict[tuple[int, int], tuple[int, str]]:
    """The document's pronouns and descriptions that the discourse layer links to a named mention, by
    span: coreference's ("he" -> the mention "Andriy Yusov"), and where it has none, the named mention an
    attribution resolved its source to elsewhere in the text ("the foreign ministry said", by the speakers
    before it; not a name inside the source's own words, such as "Moldovan" of "the former Moldovan
    president"), so an event's argument and the claim's source are one entity. Each span maps to the named
    mention's seq and how it was linked (`coreference` or `source`, as attributions' `resolved_by`)."""
    out = {
        (r["start"], r["end"]): (r["named"], "source")
        for r in store.iter_rows(
            "SELECT s.start, s.end, s.named FROM (SELECT json_extract(data, '$.source[0]') AS start,"
            " json_extract(data, '$.source[1]') AS end, json_extract(data, '$.source_mention') AS named"
            " FROM records WHERE doc_id = ? AND kind = 'attribution' AND json_extract(data, '$.source_mention') IS NOT NULL) s"
            " JOIN records m ON m.doc_id = ? AND m.kind = 'mention' AND m.seq = s.named"
            " WHERE m.end <= s.start OR m.start >= s.end",
            (doc_id, doc_id),
        )
    }
    out.update(
        ((r["start"], r["end"]), (r["named"], "coreference"))
        for r in store.iter_rows(
            "SELECT start, end, json_extract(data, '$.entity') AS named FROM records WHERE doc_id = ? AND kind = 'reference'"
            " AND json_extract(data, '$.form') != 'name' AND json_extract(data, '$.entity') IS NOT NULL",
            (doc_id,),
        )
    )
    return out


def argument_mention(arg: dict[str, Any], text: str, refs: dict[tuple[int, int], tuple[int, str]]) -> tuple[int | None, str | None]:
    """The mention an event argument stands for, and how: its own mention (None), else the named mention
    the discourse layer links its words to (`references`: "coreference" — "He said …" is Andriy Yusov — or
    "source", an attribution's resolved source), never for "they". A demonym or a place inside a
    description ("the former Russian president") is not the argument."""
    if isinstance(arg.get("mention"), int):
        return arg["mention"], None
    linked = refs.get((arg.get("start"), arg.get("end")))  # type: ignore[arg-type]
    if linked is None or text.lower() in UNSURE_PRONOUNS:
        return None, None
    return linked


def _argument(a: dict[str, Any], text: str, doc_id: str, ents: dict[tuple[str, int], str], refs: dict[tuple[int, int], tuple[int, str]]) -> dict[str, Any]:
    """An event argument's span, words and entity (`argument_mention`: its own mention's, else the one its chain links it to)."""
    out = {"start": a["start"], "end": a["end"], "text": text[a["start"] : a["end"]], "entity": None}
    seq, how = argument_mention(a, out["text"], refs)
    if seq is not None and (doc_id, seq) in ents:
        out["entity"] = ents[(doc_id, seq)]
        if how:
            out["resolved_by"] = how
    return out


def _time(raw: dict[str, Any]) -> dict[str, Any]:
    time = {k: raw.get(k) for k in ("value", "precision", "fallback")}
    time["words"] = in_words(time["value"])
    return time


def iter_events(store: Store, doc_ids: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every event (or the events of `doc_ids`) with argument texts and entities, its claimant and time,
    in store order."""
    ents = _entity_map(store, doc_ids)
    current, in_doc = None, []  # one document's attributions and row (text, outlet, title) at a time
    doc: Any = None
    refs: dict[tuple[int, int], tuple[int, str]] = {}  # a pronoun's or description's span -> the named mention linked, and how
    if doc_ids is None:
        rows = store.iter_rows(
            "SELECT r.doc_id, r.seq, r.start, r.end, r.data FROM records r"
            " JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'event' ORDER BY d.rowid, r.seq"
        )
    else:
        rows = iter(sorted(
            (r for part in batches(doc_ids) for r in store.query(
                "SELECT d.rowid AS rank, r.doc_id, r.seq, r.start, r.end, r.data FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value"
                " JOIN records r ON r.doc_id = d.id AND r.kind = 'event'", (json.dumps(part),)
            )),
            key=lambda r: (r["rank"], r["seq"]),
        ))
    for r in rows:
        data = json.loads(r["data"])
        t0, t1 = data["trigger"]
        if r["doc_id"] != current:
            current, in_doc = r["doc_id"], load_attributions(store, r["doc_id"])
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


def _days(ev: dict[str, Any]) -> tuple[int, int] | None:
    """`_span` as day numbers (`date.toordinal`)."""
    span = _span(ev)
    return None if span is None else (span[0].toordinal(), span[1].toordinal())


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


def _claimant_entity(claimant: dict[str, Any]) -> str | None:
    return claimant.get("entity") if claimant.get("kind") == "attribution" else None


def happening_key(ev: dict[str, Any]) -> dict[str, Any]:
    """What the grouping into happenings and the corroboration counts read of an event (`iter_events`):
    its id, document, type, who fills each participant role, its participant entities, its date (value,
    where it was read, precision, the days it may have happened on, as day numbers), its trigger's offset and its claimant
    entity. The store keeps it per event (`resolve/aggregates.py`)."""
    return {
        "id": ev["id"],
        "doc": ev["doc"],
        "type": ev["type"],
        "who": {role: _who(a) for role, a in ev["args"].items() if role in PARTICIPANT_ROLES},
        "entities": sorted(set(_participants(ev).values())),
        "value": ev["time"]["value"],
        "fallback": ev["time"]["fallback"],
        "precision": ev["time"]["precision"],
        "span": _days(ev),
        "start": ev["trigger"]["start"],
        "claimant": _claimant_entity(ev["claimant"]),
    }


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Nothing tells two reports apart (`happening_key`s): the same type, no role filled by two different
    entities (or, where neither names an entity, by two different nouns), dates within the tolerance, and
    one article does not date them differently."""
    if a["type"] != b["type"]:
        return False
    for role in a["who"].keys() & b["who"].keys():
        x, y = a["who"][role], b["who"][role]
        if x != y and "" not in (x, y):
            return False  # "the foreign ministry said" and "Lopez said": two speakers, two statements
    if a["doc"] == b["doc"] and a["fallback"] in OWN_DATES and b["fallback"] in OWN_DATES and a["value"] != b["value"]:
        return False  # one article dating two events differently tells two events
    sa, sb = a["span"], b["span"]
    if sa is None or sb is None:
        return a["doc"] == b["doc"] or a["value"] == b["value"] is not None
    return sa[0] <= sb[1] + TOLERANCE_DAYS and sb[0] <= sa[1] + TOLERANCE_DAYS  # the days overlap, within the tolerance


def _same_happening(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One real-world event: compatible, and a shared participant entity or the same article; in one
    article, two named sources telling of events with no participant in common tell two events (a
    recruit on his own signing up, an intelligence officer on 20,000 recruits)."""
    if not _compatible(a, b):
        return False
    shared = not set(a["entities"]).isdisjoint(b["entities"])
    if a["doc"] != b["doc"]:
        return shared
    return shared or not (a["claimant"] and b["claimant"] and a["claimant"] != b["claimant"])


def buckets_of(key: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The buckets an event is a candidate in: its type and article, its type and each participant entity
    (in sorted order, so the grouping does not depend on the order of a set)."""
    return [(key["type"], "doc", key["doc"]), *((key["type"], "entity", entity) for entity in key["entities"])]


def _buckets(keys: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[int]]:
    """Each bucket's events (indices of `keys`), buckets in the order their first event comes in."""
    buckets: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        for name in buckets_of(key):
            buckets[name].append(i)
    return buckets


def _bucket_calls(keys: list[dict[str, Any]], kind: str, bucket: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs of one bucket's events compared for a join (`candidates`): events in date order, each with
    those starting before its end plus the tolerance, so a crowded entity ("Russia") does not make every
    pair a candidate; in an article's bucket, an undated event with every other of its type there."""
    spans = {i: keys[i]["span"] for i in bucket}
    dated = sorted((i for i in bucket if spans[i] is not None), key=lambda i: (spans[i][0], i))  # type: ignore[index]
    for k, i in enumerate(dated):
        reach = spans[i][1] + TOLERANCE_DAYS  # type: ignore[index]
        for j in dated[k + 1:]:
            if spans[j][0] > reach:  # type: ignore[index]
                break
            yield i, j
    if kind == "doc":
        for i in (i for i in bucket if spans[i] is None):
            for j in bucket:
                if j != i and (spans[j] is not None or j > i):
                    yield i, j


def candidates(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether the grouping compares two events of one bucket: both dated and the later-starting one starts
    before the other's end plus the tolerance, or one undated and both in one article."""
    sa, sb = a["span"], b["span"]
    if sa is None or sb is None:
        return a["doc"] == b["doc"]
    if sa[0] > sb[0]:
        sa, sb = sb, sa
    return sb[0] <= sa[1] + TOLERANCE_DAYS


def document_calls(keys: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The pairs of one article's events (`happening_key`s, in store order) compared for a join, in the
    order they are: its buckets' (`_bucket_calls`), bucket by bucket."""
    return [pair for (_, kind, _), bucket in _buckets(keys).items() if kind == "doc" for pair in _bucket_calls(keys, kind, bucket)]


class _Reports:
    """What `_compatible` reads of a group's reports, which are compatible two by two: their type, each
    participant role's one filler other than a pronoun, each article's one date of its own, the latest first
    day and the earliest last day of the dated ones, the undated ones' articles and dates, and counts of the
    reports by article, by date and by both; so two groups are compared (`compatible`) without comparing
    every report of one with every report of the other, and with the same answer."""

    __slots__ = ("type", "roles", "own", "lo", "hi", "undated", "size", "docs", "values", "both")

    def __init__(self, key: dict[str, Any]) -> None:
        self.type = key["type"]
        self.roles = {role: who for role, who in key["who"].items() if who}
        self.own = {key["doc"]: key["value"]} if key["fallback"] in OWN_DATES else {}
        span = key["span"]
        self.lo, self.hi = span if span is not None else (None, None)
        self.undated = [] if span is not None else [(key["doc"], key["value"])]
        self.size = 1
        self.docs = Counter([key["doc"]])
        self.values = Counter([key["value"]] if key["value"] is not None else [])
        self.both = Counter([(key["doc"], key["value"])] if key["value"] is not None else [])

    def compatible(self, other: _Reports) -> bool:
        """Whether every report of one group is compatible with every report of the other (`_compatible`)."""
        if self.type != other.type:
            return False
        if any(self.roles[r] != other.roles[r] for r in self.roles.keys() & other.roles.keys()):
            return False
        if any(self.own[d] != other.own[d] for d in self.own.keys() & other.own.keys()):
            return False
        if self.lo is not None and other.lo is not None and (self.lo > other.hi + TOLERANCE_DAYS or other.lo > self.hi + TOLERANCE_DAYS):
            return False
        return all(b._reach(doc, value) for a, b in ((self, other), (other, self)) for doc, value in a.undated)

    def _reach(self, doc: str, value: str | None) -> bool:
        """Whether every report here is in article `doc` or dated `value` (what an undated report asks of another)."""
        same = self.docs[doc] + (self.values[value] - self.both[(doc, value)] if value is not None else 0)
        return same == self.size

    def add(self, other: _Reports) -> None:
        """Take in a compatible group's reports."""
        for role, who in other.roles.items():
            self.roles.setdefault(role, who)
        for doc, value in other.own.items():
            self.own.setdefault(doc, value)
        if other.lo is not None:
            self.lo, self.hi = (other.lo, other.hi) if self.lo is None else (max(self.lo, other.lo), min(self.hi, other.hi))
        self.undated.extend(other.undated)
        self.size += other.size
        self.docs.update(other.docs)
        self.values.update(other.values)
        self.both.update(other.both)


class Groups:
    """Events grouped by joins tried in turn (`join`); groups only grow. Two groups join only if every
    report of one is compatible with every report of the other (no chains: "Maduro announced" and
    "Stepanov told" stay apart though each matches "the ambassador told"), which what each group's reports
    tell answers (`_Reports`). A group's id is a label: the smaller of two joined groups moves into the larger.
    An event no join has reached is a group of its own, made when a join first reads it."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}  # event id -> its group's id
        self.members: dict[str, list[dict[str, Any]]] = {}  # group id -> its events
        self.reports: dict[str, _Reports] = {}  # group id -> what its events tell
        self.apart: set[tuple[str, str]] = set()  # groups found incompatible: they stay so, for groups only grow

    def put(self, members: list[dict[str, Any]]) -> None:
        """A group as it stands (a new event alone, or a stored group)."""
        gid = members[0]["id"]
        self.members[gid] = list(members)
        self.reports[gid] = reports = _Reports(members[0])
        for k in members[1:]:
            reports.add(_Reports(k))
        self.owner.update((k["id"], gid) for k in members)

    def of(self, key: dict[str, Any]) -> str:
        """The id of `key`'s group (itself alone, if no join has reached it)."""
        gid = self.owner.get(key["id"])
        if gid is None:
            self.put([key])
            gid = key["id"]
        return gid

    def join(self, a: dict[str, Any], b: dict[str, Any], same: bool | None = None) -> bool:
        """Join the groups of `a` and `b` if they may be one happening (`same`, when known: `_same_happening`);
        whether they were joined."""
        ga, gb = self.of(a), self.of(b)
        pair = (min(ga, gb), max(ga, gb))
        if ga == gb or pair in self.apart or not (_same_happening(a, b) if same is None else same):
            return False
        if not self.reports[ga].compatible(self.reports[gb]):
            self.apart.add(pair)
            return False
        if len(self.members[ga]) < len(self.members[gb]):
            ga, gb = gb, ga
        for y in self.members[gb]:
            self.owner[y["id"]] = ga
        self.members[ga].extend(self.members.pop(gb))
        self.reports[ga].add(self.reports.pop(gb))
        return True


_SPAN_CLASSES = (7, 35, 400)  # dates of up to a week, a month, a year, in days past the first; longer ones are read in every comparison


class _Dated:
    """The dated events of one entity's bucket (indices of `happening_key`s, added in store order), in
    entries of one date and one filler per role (`_fillers`): events of one entry are compared alike with
    any other (`candidates`, `_same_happening`), so an event is compared with each entry within reach of its
    days, found by first day per class of date length (`_SPAN_CLASSES`), not with each of its events."""

    __slots__ = ("at", "firsts", "entries", "long")

    def __init__(self) -> None:
        self.at: dict[tuple[tuple[int, int], tuple[tuple[str, str], ...]], list[int]] = {}  # (days, fillers) -> its events
        self.firsts: list[list[int]] = [[] for _ in _SPAN_CLASSES]  # per class, the entries' first days, in order
        self.entries: list[list[tuple[int, list[int]]]] = [[] for _ in _SPAN_CLASSES]  # and (last day, events), in the same order
        self.long: list[tuple[int, int, list[int]]] = []  # (first day, last day, events) of longer dates

    def add(self, i: int, span: tuple[int, int], fillers: tuple[tuple[str, str], ...]) -> None:
        events = self.at.get((span, fillers))
        if events is not None:
            events.append(i)
            return
        self.at[(span, fillers)] = events = [i]
        for c, most in enumerate(_SPAN_CLASSES):
            if span[1] - span[0] <= most:
                at = bisect_right(self.firsts[c], span[0])
                self.firsts[c].insert(at, span[0])
                self.entries[c].insert(at, (span[1], events))
                return
        self.long.append((span[0], span[1], events))

    def near(self, span: tuple[int, int]) -> Iterator[list[int]]:
        """The entries whose days overlap `span`'s within the tolerance."""
        lo, hi = span[0] - TOLERANCE_DAYS, span[1] + TOLERANCE_DAYS
        for most, firsts, entries in zip(_SPAN_CLASSES, self.firsts, self.entries):
            for last, events in entries[bisect_left(firsts, lo - most):bisect_right(firsts, hi)]:
                if last >= lo:
                    yield events
        yield from (events for first, last, events in self.long if first <= hi and last >= lo)


def _fillers(key: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Who fills each of an event's participant roles, but a pronoun (which may stand for anyone)."""
    return tuple(sorted((role, who) for role, who in key["who"].items() if who))


def sets_and_groups(keys: list[dict[str, Any]]) -> tuple[list[list[int]], list[list[int]]]:
    """Events (`happening_key`s, in store order) in linked sets and grouped into happenings, as lists of
    indices, in one pass, article by article: each of its events with the linked events of the articles
    before it (sharing an entity's bucket, their days within reach), the earliest first, then its events
    among themselves (`document_calls`); each pair that may be one happening (`_same_happening`) links
    the two (`linked`) and is a join (`Groups`). So the groups of the events up to an article depend on
    those events only, and an add (its articles after every stored one) joins the stored groups without
    regrouping them (`aggregates.update_happenings`).

    The earlier events an event is compared with are found by their dates, in entries of one date and one
    filler per role (`_Dated`), and of an entry's events in one group only the first is compared: a join
    with any of them is a join with their group, tried at its earliest member as comparing every event in
    store order does, and groups never part. So an event costs the entries and groups within reach of its
    days, not every report of them (copies of one story tell the same event)."""
    groups = Groups()
    parent = list(range(len(keys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def owner(j: int) -> str:
        return groups.owner.get(keys[j]["id"], keys[j]["id"])

    def tie(i: int, j: int) -> None:
        """`keys[i]` and `keys[j]` are compared: linked and joined if they may be one happening."""
        a, b = keys[i], keys[j]
        if owner(i) == owner(j):
            return  # one group already, so one linked set
        if _same_happening(a, b):
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
            groups.join(a, b, True)

    def first_of_each_group(events: list[int]) -> list[int]:
        """An entry's events, but the first of each group (the others are dropped: groups never part)."""
        first: dict[str, int] = {}
        for j in events:
            first.setdefault(owner(j), j)
        if len(first) < len(events):
            events[:] = first.values()
        return events

    spans = [k["span"] for k in keys]
    dated: dict[tuple[str, str, str], _Dated] = {}  # entity bucket -> its events of the articles before
    starts = [i for i in range(len(keys)) if i == 0 or keys[i]["doc"] != keys[i - 1]["doc"]]  # each article's first event
    for start, end in zip(starts, [*starts[1:], len(keys)]):
        for i in range(start, end):
            span = spans[i]
            if span is None:  # an undated event is compared in its article only
                continue
            earlier: set[int] = set()
            for bucket in buckets_of(keys[i])[1:]:
                if bucket in dated:
                    for events in dated[bucket].near(span):
                        if _same_happening(keys[i], keys[events[0]]):  # as with every event of the entry
                            earlier.update(first_of_each_group(events))
            for j in sorted(earlier):
                tie(i, j)
        for i, j in document_calls(keys[start:end]):
            tie(start + i, start + j)
        for i in range(start, end):
            if spans[i] is not None:
                fillers = _fillers(keys[i])
                for bucket in buckets_of(keys[i])[1:]:
                    dated.setdefault(bucket, _Dated()).add(i, spans[i], fillers)  # type: ignore[arg-type]
    sets: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        sets[find(i)].append(i)
    index = {k["id"]: i for i, k in enumerate(keys)}
    grouped = [sorted(index[k["id"]] for k in members) for members in groups.members.values()]
    grouped.extend([i] for i, k in enumerate(keys) if k["id"] not in groups.owner)
    return list(sets.values()), grouped


def linked(keys: list[dict[str, Any]]) -> list[list[int]]:
    """The connected sets of events (`happening_key`s, in store order): linked when they are compared
    (`candidates`: sharing a bucket, their days within reach) and may be one happening (`_same_happening`),
    transitively. No join crosses two sets, so the store keeps the groups per set."""
    return sets_and_groups(keys)[0]


def group(keys: list[dict[str, Any]]) -> list[list[int]]:
    """Events (`happening_key`s, in store order) grouped into happenings, as lists of indices (`sets_and_groups`):
    a set's happenings depend on its events and their order only."""
    return sets_and_groups(keys)[1]


_PRECISION_RANK = {"minute": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6}


def representative(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The report (`happening_key`) that dates the happening best: its own date first, then the finest
    precision, then the earliest date."""
    return min(members, key=lambda k: (
        k["value"] is None,
        k["fallback"] not in OWN_DATES,
        _PRECISION_RANK.get(k["precision"] or "", 9),
        k["value"] or "", k["doc"], k["start"],
    ))


def corroborate(origins: independence.Origins, reports: Iterable[tuple[str, str, str | None, str]]) -> dict[str, dict[str, Any]]:
    """Per event id: its `happening`, `reports`, `sources`, `independent_sources` and `source_documents`,
    given every event as (id, document, claimant entity, the id of its happening's representative)."""
    members: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for rid, doc, claimant, lead in reports:
        members[lead].append((rid, doc, claimant))
    out: dict[str, dict[str, Any]] = {}
    for lead, reported in members.items():
        counted = independence.count(origins, ((doc, claimant) for _, doc, claimant in reported))
        counted["independent_sources"] = min(counted["independent_sources"], counted["sources"])  # origins among the documents
        ids = sorted(rid for rid, _, _ in reported)
        for rid in ids:
            out[rid] = {**counted, "happening": lead, "reports": ids}
    return out


def happenings_of(keys: list[dict[str, Any]]) -> dict[str, str]:
    """Event id -> the id of its happening's representative, for `happening_key`s in store order."""
    return leads(keys, group(keys))


def leads(keys: list[dict[str, Any]], groups: list[list[int]]) -> dict[str, str]:
    """Event id -> the id of its happening's representative, for `happening_key`s and their `groups`."""
    out: dict[str, str] = {}
    for ids in groups:
        lead = representative([keys[i] for i in ids])["id"]
        out.update((keys[i]["id"], lead) for i in ids)
    return out
