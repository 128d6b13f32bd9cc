"""Aggregates the report and the pages read, kept in the store and updated per document: co-occurrence,
and the timeline's happenings (below, `update_happenings`).

Co-occurrence (two actors named in one sentence; `read/cooccurrence.py`) is kept at two levels:

- `cooccurrence_sentences`: per document, one row per sentence and actor pair (source before target),
  with the sentence's span;
- `cooccurrence`: per pair, the sentences naming both (`weight`), the documents holding them, and the
  first `STORED_EVIDENCE` sentences in store order as evidence.

Triggers (migration 18) list in `aggregates_pending` every document whose actor mentions may have
changed: a mention record or link written or deleted, an entity whose type changed or that was
deleted, a document deleted. `update` redoes those documents' sentence rows and then the pair rows
of every pair they held before or hold now, so a store grown by adds has the rows of one built at once.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations, groupby
from collections.abc import Iterable, Iterator
from typing import Any

from ..sentences import index_of, sentence_spans
from ..store import Store, batches

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")  # the types the actor graph links
STORED_EVIDENCE = 20  # evidence sentences kept per pair in the `cooccurrence` table


def sentence_pairs(text: str, mentions: list[tuple[int, str]]) -> list[tuple[int, str, str, int, int]]:
    """A document's actor pairs, one per sentence naming both: (sentence index, source, target, start, end),
    in sentence order, source before target; `mentions` are (offset, entity id) of actor mentions."""
    spans = sentence_spans(text)
    in_sentence: dict[int, set[str]] = defaultdict(set)
    for start, entity in mentions:
        in_sentence[index_of(spans, start)].add(entity)
    return [(idx, a, b, *spans[idx]) for idx in sorted(in_sentence) for a, b in combinations(sorted(in_sentence[idx]), 2)]


def update(store: Store) -> dict[str, int]:
    """Bring the co-occurrence tables up to date with the documents in `aggregates_pending`.

    A pair's row is changed by the difference its redone documents make (sentences and documents
    added or gone) when its evidence cannot change: it holds `STORED_EVIDENCE` sentences, and every
    redone document holding the pair comes after the last of them in store order (an add's new
    documents do). Otherwise the pair is counted again from its sentence rows."""
    pending = [r[0] for r in store.iter_rows("SELECT doc_id FROM aggregates_pending ORDER BY doc_id")]
    if not pending:
        return {"co-occurrence documents": 0, "co-occurrence pairs updated": 0, "co-occurrence pairs recounted": 0}
    marks = ",".join("?" * len(ACTOR_TYPES))
    weight: Counter[tuple[str, str]] = Counter()  # sentences the redone documents add to a pair (negative: take away)
    documents: Counter[tuple[str, str]] = Counter()  # documents they add to it
    redone: dict[tuple[str, str], set[str]] = defaultdict(set)  # the redone documents that hold or held the pair
    for part in batches(pending):
        batch = json.dumps(part)
        mentions: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for r in store.iter_rows(
            "SELECT r.doc_id, r.start, me.entity_id FROM json_each(?) j CROSS JOIN records r ON r.doc_id = j.value AND r.kind = 'mention'"
            f" JOIN mention_entities me ON me.doc_id = r.doc_id AND me.seq = r.seq JOIN entities e ON e.id = me.entity_id AND e.type IN ({marks})"
            " ORDER BY r.doc_id, r.start",
            (batch, *ACTOR_TYPES),
        ):
            mentions[r[0]].append((r[1], r[2]))
        rows: list[tuple[Any, ...]] = []
        for doc_id, found in mentions.items():
            text = store.scalar("SELECT text FROM documents WHERE id = ?", (doc_id,))
            if text is not None:
                rows.extend((doc_id, *pair) for pair in sentence_pairs(text, found))
        with store.transaction() as db:
            for doc_id, a, b, n in db.execute(
                "SELECT c.doc_id, c.source, c.target, count(*) FROM json_each(?) j CROSS JOIN cooccurrence_sentences c ON c.doc_id = j.value"
                " GROUP BY c.doc_id, c.source, c.target",
                (batch,),
            ).fetchall():
                weight[(a, b)] -= n
                documents[(a, b)] -= 1
                redone[(a, b)].add(doc_id)
            now: Counter[tuple[str, str, str]] = Counter((r[0], r[2], r[3]) for r in rows)
            for (doc_id, a, b), n in now.items():
                weight[(a, b)] += n
                documents[(a, b)] += 1
                redone[(a, b)].add(doc_id)
            db.execute("DELETE FROM cooccurrence_sentences WHERE doc_id IN (SELECT value FROM json_each(?))", (batch,))
            db.executemany("INSERT INTO cooccurrence_sentences(doc_id, sentence, source, target, start, end) VALUES (?,?,?,?,?,?)", rows)
    order = {r[0]: r[1] for part in batches(pending) for r in store.iter_rows(
        "SELECT d.id, d.rowid FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value", (json.dumps(part),)
    )}
    recounted = 0
    with store.transaction() as db:
        for pair in sorted(redone):
            row = db.execute("SELECT weight, documents, evidence FROM cooccurrence WHERE source = ? AND target = ?", pair).fetchone()
            if row is not None and _evidence_stays(db, json.loads(row[2]), redone[pair], order):
                db.execute(
                    "UPDATE cooccurrence SET weight = ?, documents = ? WHERE source = ? AND target = ?",
                    (row[0] + weight[pair], row[1] + documents[pair], *pair),
                )
                continue
            recounted += 1
            n, docs = db.execute("SELECT count(*), count(DISTINCT doc_id) FROM cooccurrence_sentences WHERE source = ? AND target = ?", pair).fetchone()
            if not n:
                db.execute("DELETE FROM cooccurrence WHERE source = ? AND target = ?", pair)
                continue
            evidence = db.execute(
                "SELECT c.doc_id, c.start, c.end FROM cooccurrence_sentences c JOIN documents d ON d.id = c.doc_id"
                " WHERE c.source = ? AND c.target = ? ORDER BY d.rowid, c.sentence LIMIT ?",
                (*pair, STORED_EVIDENCE),
            ).fetchall()
            db.execute(
                "INSERT OR REPLACE INTO cooccurrence(source, target, weight, documents, evidence) VALUES (?,?,?,?,?)",
                (*pair, n, docs, json.dumps([list(e) for e in evidence], separators=(",", ":"))),
            )
        db.execute("DELETE FROM aggregates_pending WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(pending),))
    return {"co-occurrence documents": len(pending), "co-occurrence pairs updated": len(redone), "co-occurrence pairs recounted": recounted}


def _evidence_stays(db: Any, evidence: list[list[Any]], docs: set[str], order: dict[str, int]) -> bool:
    """Whether a pair's stored evidence is still its first sentences after `docs` were redone: it is full,
    and each of them is still in the store and comes after the document of its last sentence."""
    if len(evidence) < STORED_EVIDENCE:
        return False
    last = db.execute("SELECT rowid FROM documents WHERE id = ?", (evidence[-1][0],)).fetchone()
    return last is not None and all(d in order and order[d] > last[0] for d in docs)


# -- the timeline's happenings -------------------------------------------------------------------------
# Grouping events into happenings (`resolve/happenings.py`, `group`) joins only linked events (compared, for they
# share a bucket and their dates are within reach, and possibly one happening) and groups each connected
# set of linked events on its own, article by article in store order, so it is kept per set, and the groups
# of the events up to an article depend on those events only. Migration 19's tables, and 25's columns:
#
# - `happening_events`: per event, what the grouping and the counts read of it (`happening_key`), the
#   linked set it belongs to (`component`, the smallest event id in it) and its happening (the id of the
#   report that stands for it; indexed, so a group is read by it);
# - `happening_buckets`: per bucket, its events with their days (a short date indexed by its first day, a
#   long one by its last), so the events an event is compared with are read by their dates;
# - `happenings_pending`: the documents whose events may have changed (triggers list them: an event,
#   attribution or coreference record written or deleted, a mention link written, moved or deleted, a document deleted).
#
# `update_happenings` redoes those documents' events. When they are an add (documents that had no events,
# after every document that has), it joins the added events to the stored groups (`_appended`), reading only
# the stored events within reach of their dates and the groups those are in; otherwise it groups again, in
# store order, every linked set that holds one of their events now or held one before (a removal or a change
# may split a set). The counts (sources, independent sources) are taken when read, from the stored members
# and the current origins, because the origins (near-duplicate clusters, entities' source keys) change on
# every resolve.

_EVENT_COLUMNS = "type, who, entities, value, fallback, precision, lo, hi, start, claimant"
# of the grouping (`resolve/happenings.py`: `happening_key`, `linked`, `group`, `representative`) and of the claimant
# rules the keys read: a change groups every event again (the tables are read only at this version).
# 4: article by article in store order (it was bucket by bucket)
HAPPENINGS_VERSION = 4


def _bucket(bucket: tuple[str, str, str]) -> str:
    return "\t".join(bucket)


def _seq(event_id: str) -> int:
    return int(event_id.rsplit("-", 1)[1])


def _key_row(key: dict[str, Any]) -> tuple[Any, ...]:
    span = key["span"]
    return (
        key["doc"], _seq(key["id"]), key["type"], json.dumps(key["who"], sort_keys=True, separators=(",", ":")),
        json.dumps(key["entities"], separators=(",", ":")), key["value"], key["fallback"], key["precision"],
        span[0] if span else None, span[1] if span else None, key["start"], key["claimant"],
    )


class _Key:
    """An event's key as stored (`happening_key`'s fields and the rank of its document), read as the key's
    dict is (`key["span"]`), in a fraction of a dict's memory: a first grouping holds every event's. Its
    repeated values (document, type, fillers, entities, dates) are one object each."""

    __slots__ = ("id", "doc", "type", "who", "entities", "value", "fallback", "precision", "span", "start", "claimant", "rank")
    __getitem__ = object.__getattribute__

    def __init__(self, r: Any) -> None:
        from ..pipeline import record_id

        self.id = record_id("event", r["doc_id"], r["seq"])
        self.doc, self.type, self.value = _shared(r["doc_id"]), _shared(r["type"]), _shared(r["value"])
        self.who, self.entities = _who(r["who"]), _entities(r["entities"])
        self.fallback, self.precision, self.claimant = _shared(r["fallback"]), _shared(r["precision"]), _shared(r["claimant"])
        self.span = _days(r["lo"], r["hi"]) if r["lo"] is not None else None
        self.start, self.rank = r["start"], r["rank"]


def _shared(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) else value


@lru_cache(maxsize=1 << 16)
def _who(stored: str) -> dict[str, str]:
    """The fillers of an event's roles, as stored: one dict for every event filled alike (read, never changed)."""
    return {_shared(role): _shared(v) for role, v in json.loads(stored).items()}


@lru_cache(maxsize=1 << 16)
def _entities(stored: str) -> tuple[str, ...]:
    return tuple(_shared(e) for e in json.loads(stored))


@lru_cache(maxsize=1 << 16)
def _days(lo: int, hi: int) -> tuple[int, int]:
    return (lo, hi)


def happenings_kept_up(store: Store) -> bool:
    """Whether the stored happenings hold every event (resolve has updated them since the last change)."""
    try:
        return bool(store.scalar(
            "SELECT (SELECT version FROM happenings_version) = ? AND NOT EXISTS (SELECT 1 FROM happenings_pending)", (HAPPENINGS_VERSION,)
        ))
    except sqlite3.OperationalError:  # a store from before the tables (read-only, not migrated)
        return False


def stored_keys(store: Store) -> list[dict[str, Any]]:
    """Every stored event's key (`happening_key`), in store order."""
    keys = [_Key(r) for r in store.iter_rows(f"{_SELECT_KEYS} FROM happening_events h JOIN documents d ON d.id = h.doc_id")]
    keys.sort(key=lambda k: (k["rank"], _seq(k["id"])))
    return keys


def stored_reports(store: Store) -> Iterator[tuple[str, str, str | None, str]]:
    """Every stored event: (its id, its document, its claimant entity, its happening)."""
    from ..pipeline import record_id

    for r in store.iter_rows("SELECT doc_id, seq, claimant, happening FROM happening_events"):
        yield record_id("event", r[0], r[1]), r[0], r[2], r[3]


_SELECT_KEYS = f"SELECT d.rowid AS rank, h.doc_id, h.seq, {', '.join('h.' + c for c in _EVENT_COLUMNS.split(', '))}"


_SHORT_DAYS = 35  # a date spanning more days (a quarter, a year) is looked at in every comparison of its bucket


class _Linker:
    """The events linked to an event (`resolve/happenings.py`, `linked`): those of its buckets that the grouping
    compares with it and that may be one happening with it. Each bucket is read once, its events with a
    short date in date order, so an event is compared only with those within reach of its dates (and with
    the few of a long date)."""

    def __init__(self, store: Store, before: int | None = None) -> None:
        self.store = store
        self.before = before  # only the events of documents before this rank (an add's are joined after)
        self.keys: dict[str, dict[str, Any]] = {}  # event id -> its key, each read once
        self.buckets: dict[tuple[str, str, str], tuple[list[int], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]] = {}

    def _bucket(self, bucket: tuple[str, str, str]) -> tuple[list[int], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """The bucket's events with a short date (and their first days, in order), with a long one, undated."""
        if bucket not in self.buckets:
            keys = [self.key(r) for r in self.store.iter_rows(
                f"{_SELECT_KEYS} FROM happening_buckets b JOIN happening_events h ON h.doc_id = b.doc_id AND h.seq = b.seq"
                " JOIN documents d ON d.id = h.doc_id WHERE b.bucket = ? AND d.rowid < ?", (_bucket(bucket), self.before or 1 << 62)
            )]
            dated = [k for k in keys if k["span"] is not None]
            short = sorted((k for k in dated if k["span"][1] - k["span"][0] <= _SHORT_DAYS), key=lambda k: k["span"][0])
            long = [k for k in dated if k["span"][1] - k["span"][0] > _SHORT_DAYS]
            self.buckets[bucket] = ([k["span"][0] for k in short], short, long, [k for k in keys if k["span"] is None])
        return self.buckets[bucket]

    def key(self, r: Any) -> dict[str, Any]:
        from ..pipeline import record_id

        rid = record_id("event", r["doc_id"], r["seq"])
        if rid not in self.keys:
            self.keys[rid] = _Key(r)
        return self.keys[rid]

    def neighbours(self, key: dict[str, Any], placed: set[str]) -> Iterator[dict[str, Any]]:
        """The events linked to `key` that are not `placed` yet."""
        from bisect import bisect_left, bisect_right

        from .happenings import TOLERANCE_DAYS, _same_happening, buckets_of, candidates

        for bucket in buckets_of(key):
            starts, short, long, undated = self._bucket(bucket)
            near: Iterable[dict[str, Any]]
            if key["span"] is None:  # undated: compared with every event of its article, with none of an entity
                near = [*short, *long, *undated] if bucket[1] == "doc" else []
            elif bucket[1] == "doc" and undated:
                near = [*short, *long, *undated]
            else:  # the events that may start within reach of its dates, or reach its start
                lo, hi = key["span"]
                near = [*short[bisect_left(starts, lo - _SHORT_DAYS - TOLERANCE_DAYS):bisect_right(starts, hi + TOLERANCE_DAYS)], *long]
            for other in near:
                if other["id"] not in placed and candidates(key, other) and _same_happening(key, other):
                    yield other


def _linked_sets(linker: _Linker, seeds: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The linked sets `seeds` (stored events' keys) are in, each found by following links from one of them."""
    placed: set[str] = set()
    sets = []
    for seed in seeds:
        if seed["id"] in placed:
            continue
        placed.add(seed["id"])
        members, frontier = [seed], [seed]
        while frontier:
            found = []
            for key in frontier:
                for other in linker.neighbours(key, placed):
                    placed.add(other["id"])
                    found.append(other)
            members.extend(found)
            frontier = found
        sets.append(members)
    return sets


def _bucket_row(bucket: tuple[str, str, str], key: dict[str, Any]) -> tuple[Any, ...]:
    """A `happening_buckets` row: the bucket, the event, its days, and whether they are long (`_SHORT_DAYS`)."""
    span = key["span"]
    if span is None:
        return _bucket(bucket), key["doc"], _seq(key["id"]), None, None, 0
    return _bucket(bucket), key["doc"], _seq(key["id"]), span[0], span[1], int(span[1] - span[0] > _SHORT_DAYS)


def _earlier(store: Store, key: dict[str, Any], first: int) -> Iterator[Any]:
    """The stored events of `key`'s entity buckets that the grouping may compare with it (rows of `_SELECT_KEYS`
    with the component): those with a short date starting within reach of its dates, and those with a
    long one overlapping them within the tolerance, each found by the bucket's date indexes; only those
    of documents before `first` (the first added one's rank). An undated event is compared in its
    article only, and an added article has no stored event.

    Of the events of one group with one filler per role and one date, only the first in store order: the
    others are compared alike and are in its group already (`happenings.sets_and_groups`)."""
    from .happenings import TOLERANCE_DAYS, buckets_of

    if key["span"] is None:
        return
    lo, hi = key["span"]
    first_of = "min(d.rowid * 1048576 + h.seq)"  # SQLite reads the other columns from the row holding the minimum
    for bucket in buckets_of(key)[1:]:  # the first is its article's
        yield from store.iter_rows(
            f"{_SELECT_KEYS}, h.component, h.happening, {first_of} FROM happening_buckets b JOIN happening_events h ON h.doc_id = b.doc_id AND h.seq = b.seq"
            " JOIN documents d ON d.id = h.doc_id WHERE b.bucket = ? AND b.long = 0 AND b.lo BETWEEN ? AND ? AND d.rowid < ?"
            " GROUP BY h.happening, h.who, h.lo, h.hi"
            f" UNION ALL {_SELECT_KEYS}, h.component, h.happening, {first_of} FROM happening_buckets b JOIN happening_events h ON h.doc_id = b.doc_id AND h.seq = b.seq"
            " JOIN documents d ON d.id = h.doc_id WHERE b.bucket = ? AND b.long = 1 AND b.hi >= ? AND b.lo <= ? AND d.rowid < ?"
            " GROUP BY h.happening, h.who, h.lo, h.hi",
            (_bucket(bucket), lo - _SHORT_DAYS - TOLERANCE_DAYS, hi + TOLERANCE_DAYS, first,
             _bucket(bucket), lo - TOLERANCE_DAYS, hi + TOLERANCE_DAYS, first),
        )


def _appended(store: Store, keys: list[dict[str, Any]], first: int, pending: list[str]) -> int:
    """Join added events (`keys`, in store order, of documents from rank `first` on, after every stored
    event; their rows written) to the stored groups, as `happenings.sets_and_groups` does in one grouping of
    every event: article by article, each of its events with the linked events of the articles before
    it, the earliest first (stored ones, then added ones), then its events among themselves. Reads only
    the stored events within reach of the added ones' dates in their entities' buckets (`_earlier`) and
    the groups those are in; writes the groups that changed, and the linked sets' labels (the smallest
    event id: a stored set joined to one with a smaller label takes it). Clears `pending` with the
    writes; returns the number of events whose happening was written."""
    from .happenings import Groups, _same_happening, buckets_of, candidates, document_calls, representative

    groups = Groups()
    label: dict[str, str] = {}  # stored event id -> its linked set's label
    parent: dict[str, str] = {}  # union-find over the added events' ids and the stored sets' labels

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def link(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    def linked_before(key: dict[str, Any]) -> list[dict[str, Any]]:
        """The stored events linked to `key`, in store order, each with its group (read whole the first time)."""
        found = {}
        for r in _earlier(store, key, first):
            other = _Key(r)
            if candidates(key, other) and _same_happening(key, other):
                found[other["id"]] = other
                label[other["id"]] = r["component"]
                if other["id"] not in groups.owner:
                    groups.put([_Key(m) for m in store.iter_rows(
                        f"{_SELECT_KEYS} FROM happening_events h JOIN documents d ON d.id = h.doc_id WHERE h.happening = ?", (r["happening"],)
                    )])
        return sorted(found.values(), key=lambda k: (k["rank"], _seq(k["id"])))

    added: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)  # entity bucket -> the added events of articles before
    position = {k["id"]: i for i, k in enumerate(keys)}

    def in_store_order(k: dict[str, Any]) -> tuple[int, ...]:  # the stored events (by rank), then the added
        return (1, position[k["id"]]) if k["id"] in position else (0, k["rank"], _seq(k["id"]))

    for _, events in groupby(keys, key=lambda k: k["doc"]):
        article = list(events)
        for key in article:
            groups.put([key])
            parent[key["id"]] = key["id"]
        for key in article:
            later = {o["id"]: o for bucket in buckets_of(key)[1:] for o in added[bucket] if candidates(key, o) and _same_happening(key, o)}
            for other in [*linked_before(key), *sorted(later.values(), key=in_store_order)]:
                link(label.get(other["id"], other["id"]), key["id"])
                groups.join(key, other)
        for i, j in document_calls(article):
            if _same_happening(article[i], article[j]):
                link(article[i]["id"], article[j]["id"])
                groups.join(article[i], article[j])
        for key in article:
            for bucket in buckets_of(key)[1:]:
                added[bucket].append(key)
    smallest: dict[str, str] = {}
    for x in list(parent):
        root = find(x)
        smallest[root] = min(smallest.get(root, x), x)
    relabelled = sorted({(smallest[find(x)], x) for x in set(label.values()) if x in parent and smallest[find(x)] != x})
    written = [groups.members[g] for g in sorted({groups.owner[k["id"]] for k in keys})]  # the groups holding an added event
    leads = [representative(sorted(members, key=in_store_order))["id"] for members in written]
    rows = [(lead, k["doc"], _seq(k["id"])) for lead, members in zip(leads, written) for k in members]
    with store.transaction() as db:
        db.executemany("UPDATE happening_events SET component = ? WHERE component = ?", relabelled)  # (`happening_events_component`)
        db.executemany("UPDATE happening_events SET happening = ? WHERE doc_id = ? AND seq = ?", rows)
        db.executemany(
            "UPDATE happening_events SET component = ? WHERE doc_id = ? AND seq = ?",
            [(smallest[find(k["id"])], k["doc"], _seq(k["id"])) for k in keys],
        )
        db.execute("DELETE FROM happenings_pending WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(pending),))
    return len(rows)


def update_happenings(store: Store) -> dict[str, int]:
    """Bring the stored happenings up to date with the documents in `happenings_pending`."""
    from .happenings import happening_key, happenings_of, iter_events

    if store.scalar("SELECT version FROM happenings_version") != HAPPENINGS_VERSION:  # other rules: every event again
        with store.transaction() as db:
            db.execute("DELETE FROM happening_events")
            db.execute("DELETE FROM happening_buckets")
            db.execute("INSERT OR IGNORE INTO happenings_pending(doc_id) SELECT DISTINCT doc_id FROM records WHERE kind = 'event'")
            db.execute("UPDATE happenings_version SET version = ?", (HAPPENINGS_VERSION,))
    pending = [r[0] for r in store.iter_rows("SELECT doc_id FROM happenings_pending ORDER BY doc_id")]
    if not pending:
        return {"happening documents": 0, "happening events regrouped": 0}
    if not store.scalar("SELECT EXISTS (SELECT 1 FROM happening_events)"):
        # nothing grouped yet (a first resolve, or other rules): the keys are written a batch of documents at a
        # time and grouped from the store, never all held at once beside it (a killed run goes on by the path below)
        for part in batches(pending):
            with store.transaction() as db:
                _write_keys(db, [happening_key(ev) for ev in iter_events(store, part)])
        return _group_afresh(store, pending)
    keys = [happening_key(ev) for ev in iter_events(store, pending)]
    now: dict[str, set[tuple[Any, ...]]] = defaultdict(set)  # per pending document, its events' rows
    for k in keys:
        now[k["doc"]].add(_key_row(k))
    stored: dict[str, set[tuple[Any, ...]]] = defaultdict(set)  # and as stored
    components: dict[str, set[str]] = defaultdict(set)  # the linked sets its stored events are in
    for part in batches(pending):
        for r in store.iter_rows(
            f"SELECT h.doc_id, h.seq, {', '.join('h.' + c for c in _EVENT_COLUMNS.split(', '))}, h.component"
            " FROM json_each(?) j CROSS JOIN happening_events h ON h.doc_id = j.value", (json.dumps(part),)
        ):
            if r[-1] == "":
                continue  # stored but not grouped yet (a run killed between the two): grouped again as new
            stored[r[0]].add(tuple(r)[:-1])
            components[r[0]].add(r[-1])
    # a document whose events read as they did (a link moved by an entity merge that none of them names) changes no group
    changed = [d for d in pending if d not in stored or stored[d] != now[d]]
    redo = set(changed)
    keys = [k for k in keys if k["doc"] in redo]
    touched = {c for d in changed for c in components[d]}  # the linked sets the changed documents' events were in
    # an add: the changed documents that had no events, from the first after every stored event on
    ranks = {r[0]: r[1] for part in batches(changed) for r in store.iter_rows(
        "SELECT d.id, d.rowid FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value", (json.dumps(part),)
    )}
    last = max((ranks[d] for d in changed if d in stored and d in ranks), default=0)  # a changed document with events before
    del now, stored, components  # every event's rows twice over: not held while the groups are made
    with store.transaction() as db:
        for part in batches(changed):
            for table in ("happening_events", "happening_buckets"):
                db.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(part),))
        fresh = db.execute("SELECT NOT EXISTS (SELECT 1 FROM happening_events)").fetchone()[0]
        after = {k["doc"] for k in keys if ranks[k["doc"]] > last}
        if after:
            last = max(last, db.execute(  # the last stored event's document, if after one of them
                "SELECT max(d.rowid) FROM documents d JOIN happening_events h ON h.doc_id = d.id WHERE d.rowid > ?", (min(ranks[d] for d in after),)
            ).fetchone()[0] or 0)
        _write_keys(db, keys)
    if fresh:  # every event is new: group them at once, from the stored rows alone (the keys read above let go)
        del keys
        return _group_afresh(store, pending)
    added = [k for k in keys if ranks[k["doc"]] > last]
    first = min((ranks[k["doc"]] for k in added), default=None)
    redone = [k for k in keys if first is None or ranks[k["doc"]] < first]  # grouped again with their linked sets
    lead: dict[str, str] = {}
    linker = _Linker(store, first)
    seeds = [linker.key(r) for part in batches([[k["doc"], _seq(k["id"])] for k in redone]) for r in store.iter_rows(
        f"{_SELECT_KEYS} FROM json_each(?) j CROSS JOIN happening_events h"
        " ON h.doc_id = json_extract(j.value, '$[0]') AND h.seq = json_extract(j.value, '$[1]') JOIN documents d ON d.id = h.doc_id",
        (json.dumps(part),),
    )]
    for part in batches(sorted(touched)):
        seeds.extend(linker.key(r) for r in store.iter_rows(
            f"{_SELECT_KEYS} FROM json_each(?) j CROSS JOIN happening_events h ON h.component = j.value JOIN documents d ON d.id = h.doc_id",
            (json.dumps(part),),
        ))
    sets = _linked_sets(linker, seeds) if seeds else []
    for members in sets:
        members.sort(key=lambda r: (r["rank"], _seq(r["id"])))  # store order
        lead.update(happenings_of(members))
    rows = _write_groups(store, sets, lead, pending if not added else None)
    if first is not None:  # then the add, after every event grouped
        return {"happening documents": len(pending), "happening events regrouped": rows + _appended(store, added, first, pending)}
    return {"happening documents": len(pending), "happening events regrouped": rows}


def _write_keys(db: sqlite3.Connection, keys: list[dict[str, Any]]) -> None:
    """Store these events' keys and their buckets (not yet grouped)."""
    from .happenings import buckets_of

    db.executemany(
        f"INSERT INTO happening_events(doc_id, seq, {_EVENT_COLUMNS}, component, happening) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'','')",
        [_key_row(k) for k in keys],
    )
    db.executemany(
        "INSERT INTO happening_buckets(bucket, doc_id, seq, lo, hi, long) VALUES (?,?,?,?,?,?)",
        [_bucket_row(b, k) for k in keys for b in buckets_of(k)],
    )


def _group_afresh(store: Store, pending: list[str]) -> dict[str, int]:
    """Group every stored event at once (the documents in `pending` all stored), from the store's rows."""
    from .happenings import leads, sets_and_groups

    rows = stored_keys(store)
    linked, grouped = sets_and_groups(rows)
    lead = leads(rows, grouped)
    written = _write_groups(store, [[rows[i] for i in ids] for ids in linked], lead, pending)
    return {"happening documents": len(pending), "happening events regrouped": written}


def _write_groups(store: Store, sets: list[list[dict[str, Any]]], lead: dict[str, str], done: list[str] | None) -> int:
    """Write each event's linked set (by its smallest id) and happening; the documents `done` are no longer
    pending. Returns how many events were written."""
    component: dict[str, str] = {}
    for members in sets:
        smallest = min(k["id"] for k in members)
        component.update((k["id"], smallest) for k in members)
    with store.transaction() as db:
        db.executemany(
            "UPDATE happening_events SET component = ?, happening = ? WHERE doc_id = ? AND seq = ?",
            [(component[k["id"]], lead[k["id"]], k["doc"], _seq(k["id"])) for members in sets for k in members],
        )
        if done is not None:
            db.execute("DELETE FROM happenings_pending WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(done),))
    return len(component)
