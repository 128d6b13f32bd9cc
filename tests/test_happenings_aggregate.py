"""The timeline's happenings kept in the store: regrouped per connected set of events, they hold what one
grouping of every event holds, and the stored corroboration is the computed one."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadline.read.events import corroboration, timeline
from threadline.removal import remove_documents
from threadline.resolve import aggregates
from threadline.store import Store, dumps

from .conftest import rebuilt_rows, table_rows

ENTITIES = {"ana": "Ana Lima", "bo": "Bo Chen", "peru": "Peru", "fund": "Harbour Fund"}
NOUNS = ["minister", "envoy", "he"]  # a role filled by a word, not an entity ("he" may stand for anyone)
TYPES = ["meeting", "arrest"]
DATES = [(None, None, "none"), ("2024-03-04", "day", "timex"), ("2024-03-06", "day", "timex"), ("2024-03-20", "day", "published"),
         ("2024-03", "month", "sentence"), ("2024-09-01", "day", "timex")]

# an event: (type, agent, patient, date); agent and patient are an entity id, a noun or None (the role is empty)
# (few fillers and close dates, so that most events have others they may be one happening with)
FILLER = st.one_of(st.none(), st.sampled_from(["ana", "bo", "peru"]), st.sampled_from(["envoy", "he"]))
EVENT = st.tuples(st.just("meeting"), FILLER, FILLER, st.integers(0, len(DATES) - 1)) | st.tuples(st.just("arrest"), FILLER, st.none(), st.integers(0, 4))
# a document: its events, and who says them (an entity: an attribution covering every event; None: the outlet)
DOCUMENT = st.tuples(st.lists(EVENT, min_size=1, max_size=4), st.one_of(st.none(), st.sampled_from(list(ENTITIES))))


def add_document(store: Store, doc_id: str, events: list[tuple[str, str | None, str | None, int]], speaker: str | None = None,
                 dates: list[tuple[str | None, str | None, str]] = DATES) -> None:
    """A document of one sentence per event ("Ana Lima met the minister."), its mentions linked to their
    entities; with `speaker`, "Peru said:" first and an attribution to it covering the events."""
    text, mentions, records = "", [], []

    def word(w: str, entity: str | None = None) -> tuple[int, int, int | None]:
        nonlocal text
        start = len(text)
        text += w
        seq = None
        if entity:
            seq = len(mentions)
            mentions.append((start, start + len(w), entity))
        text += " "
        return start, start + len(w), seq

    source = word(ENTITIES[speaker] + " said:", speaker) if speaker else None
    begin = len(text)
    for etype, agent, patient, when in events:
        args = {}
        if agent:
            s, e, seq = word(ENTITIES.get(agent, "the " + agent), agent if agent in ENTITIES else None)
            args["agent"] = {"start": s, "end": e, "mention": seq}
        t0, t1, _ = word("met" if etype == "meeting" else "arrested")
        if patient:
            s, e, seq = word(ENTITIES.get(patient, "the " + patient), patient if patient in ENTITIES else None)
            args["patient"] = {"start": s, "end": e, "mention": seq}
        value, precision, fallback = dates[when]
        records.append({"type": etype, "trigger": [t0, t1], "args": args, "time": {"value": value, "precision": precision, "fallback": fallback},
                        "modality": "asserted"})
        text = text.rstrip() + ". "
    with store.transaction() as db:
        db.execute("INSERT INTO documents(id, text, published, kind, source_path) VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET text = excluded.text",
                   (doc_id, text, "2024-03-20", "txt", doc_id))  # a document stored before may be analysed now
        for seq, (start, end, entity) in enumerate(mentions):
            db.execute(
                "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, "mention", seq, start, end, "t", 1, dumps({"label": "X"})),
            )
            db.execute("INSERT INTO mention_entities(doc_id, seq, entity_id) VALUES (?,?,?)", (doc_id, seq, entity))
        for seq, data in enumerate(records):
            db.execute(
                "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, "event", seq, data["trigger"][0], data["trigger"][1], "t", 1, dumps(data)),
            )
        if source:
            db.execute(
                "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, "attribution", 0, begin, len(text), "t", 1, dumps({"source": [source[0], source[1]], "source_mention": source[2], "parent": None})),
            )


def new_store(path: Path) -> Store:
    s = Store(path)
    with s.transaction() as db:
        db.executemany("INSERT INTO entities(id, name, type, country) VALUES (?,?,?,?)",
                       [(i, n, "GPE" if i == "peru" else "PERSON", "PE" if i == "peru" else None) for i, n in ENTITIES.items()])
    return s


TABLES = {"happening_events": "doc_id, seq", "happening_buckets": "bucket, doc_id, seq"}


def rows(store: Store) -> dict[str, list[tuple]]:
    return table_rows(store, TABLES)


def rebuilt(store: Store) -> dict[str, list[tuple]]:
    """The rows one update over every document makes (the grown rows are put back after)."""
    return rebuilt_rows(store, TABLES, "happenings_pending", aggregates.update_happenings)


def computed(store: Store) -> dict[str, dict]:
    """The corroboration grouped from every event, as before the tables."""
    with store.transaction() as db:
        db.execute("INSERT INTO happenings_pending(doc_id) VALUES ('-')")  # no document has it: the readers compute
    try:
        assert not aggregates.happenings_kept_up(store)
        return {"corroboration": corroboration(store), "timeline": timeline(store, happenings=True)}
    finally:
        with store.transaction() as db:
            db.execute("DELETE FROM happenings_pending WHERE doc_id = '-'")


def read(store: Store) -> dict[str, dict]:
    assert aggregates.happenings_kept_up(store)
    return {"corroboration": corroboration(store), "timeline": timeline(store, happenings=True)}


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "h.db")
    yield s
    s.close()


def test_reports_of_one_happening_are_grouped_counted_and_read_from_the_store(store):
    add_document(store, "d1", [("meeting", "ana", "bo", 1), ("arrest", "minister", "fund", 5)])
    add_document(store, "d2", [("meeting", "bo", "ana", 2)], speaker="peru")  # two days later, said by Peru
    add_document(store, "d3", [("meeting", "ana", "bo", 1)])
    assert not aggregates.happenings_kept_up(store)
    counts = aggregates.update_happenings(store)
    assert counts == {"happening documents": 3, "happening events regrouped": 4}
    kept = read(store)
    assert kept == computed(store)
    meeting = kept["corroboration"]["e-d1-0"]
    # agent and patient differ between d1 and d2 (Ana met Bo / Bo met Ana): two happenings; d3 repeats d1
    assert (meeting["happening"], meeting["reports"], meeting["sources"], meeting["independent_sources"]) == ("e-d1-0", ["e-d1-0", "e-d3-0"], 2, 2)
    assert kept["corroboration"]["e-d2-0"]["reports"] == ["e-d2-0"]
    assert store.scalar("SELECT claimant FROM happening_events WHERE doc_id = 'd2'") == "peru"
    # d3 is a copy of d1: one near-duplicate cluster, one origin; the counts follow without a regrouping
    with store.transaction() as db:
        db.execute("INSERT INTO stories(id, level, size, origins) VALUES ('s1', 'near-duplicate', 2, 1)")
        db.executemany("INSERT INTO story_documents(story_id, doc_id, origin) VALUES ('s1', ?, 'd1')", [("d1",), ("d3",)])
    assert aggregates.happenings_kept_up(store)
    assert read(store)["corroboration"]["e-d1-0"]["independent_sources"] == 1 and read(store) == computed(store)
    assert aggregates.update_happenings(store) == {"happening documents": 0, "happening events regrouped": 0}


def test_an_add_regroups_only_the_connected_sets_it_touches(store):
    add_document(store, "d1", [("meeting", "ana", "bo", 1)])
    add_document(store, "d2", [("arrest", "fund", None, 5)])
    add_document(store, "d3", [("meeting", "peru", None, 1)])
    aggregates.update_happenings(store)
    add_document(store, "d4", [("meeting", None, "bo", 2)])  # two days after d1, Bo met again: linked to d1 only
    assert aggregates.update_happenings(store) == {"happening documents": 1, "happening events regrouped": 2}
    assert store.scalar("SELECT component FROM happening_events WHERE doc_id = 'd4'") == "e-d1-0"
    # Bo is merged into Peru: d4 (Peru met) may be d3 (Peru met); d1 (Ana met) cannot, but d1, d3 and d4 are one set
    with store.transaction() as db:
        db.execute("UPDATE mention_entities SET entity_id = 'peru' WHERE entity_id = 'bo'")
    assert sorted(r[0] for r in store.query("SELECT doc_id FROM happenings_pending")) == ["d1", "d4"]
    assert aggregates.update_happenings(store) == {"happening documents": 2, "happening events regrouped": 3}
    assert read(store)["corroboration"]["e-d4-0"]["reports"] == ["e-d1-0", "e-d4-0"]
    with store.transaction() as db:  # d3's link to Peru is removed: d3 leaves the set
        db.execute("DELETE FROM mention_entities WHERE doc_id = 'd3'")
    assert aggregates.update_happenings(store) == {"happening documents": 1, "happening events regrouped": 3}
    assert [r[0] for r in store.query("SELECT component FROM happening_events ORDER BY doc_id")] == ["e-d1-0", "e-d2-0", "e-d3-0", "e-d1-0"]
    remove_documents(store, ["d1"])
    aggregates.update_happenings(store)
    assert rows(store) == rebuilt(store) and read(store) == computed(store)
    assert store.scalar("SELECT count(DISTINCT component) FROM happening_events") == 3


def test_a_removal_regroups_the_sets_its_events_were_in(store):
    """The reports left of a happening whose representative is removed get another, though none of their
    documents changed; a month-long date reaches a day three weeks after its start."""
    add_document(store, "d1", [("meeting", "ana", "bo", 1)])
    add_document(store, "d2", [("meeting", None, "bo", 2)])
    add_document(store, "d3", [("meeting", "he", "bo", 4)])  # "in March": may be either
    aggregates.update_happenings(store)
    assert {r[0] for r in store.query("SELECT happening FROM happening_events")} == {"e-d1-0"}
    remove_documents(store, ["d1"])
    assert aggregates.update_happenings(store) == {"happening documents": 1, "happening events regrouped": 2}
    assert [r[0] for r in store.query("SELECT happening FROM happening_events ORDER BY doc_id")] == ["e-d2-0", "e-d2-0"]
    add_document(store, "d4", [("meeting", None, "bo", 3)])  # March 20th, published: linked to d3 only (d2 is two weeks before)
    # an add: d4 cannot join d3's group (d2 is in it), and the set's stored groups stay as they are
    assert aggregates.update_happenings(store) == {"happening documents": 1, "happening events regrouped": 1}
    assert [r[0] for r in store.query("SELECT happening FROM happening_events ORDER BY doc_id")] == ["e-d2-0", "e-d2-0", "e-d4-0"]
    assert rows(store) == rebuilt(store) and read(store) == computed(store)


ADD = st.tuples(st.just("add"), st.lists(DOCUMENT, min_size=1, max_size=3))
REMOVE = st.tuples(st.just("remove"), st.integers(0, 50))
REMOVE_LEAD = st.tuples(st.just("remove lead"), st.integers(0, 50))  # the document of a stored happening's representative
STEP = st.one_of(
    ADD, ADD, REMOVE, REMOVE_LEAD,  # (adds drawn twice as often as the rest)
    st.tuples(st.just("retype"), st.integers(0, 50), st.sampled_from(TYPES)),  # an event's type rewritten by a new analysis
    st.tuples(st.just("merge"), st.sampled_from(list(ENTITIES)), st.sampled_from(list(ENTITIES))),  # one entity's links moved to another
    st.tuples(st.just("unlink"), st.integers(0, 50)),
    st.tuples(st.just("restory"), st.integers(0, 50), st.integers(0, 50)),  # two documents found to be copies
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(STEP, st.booleans()), min_size=1, max_size=10))
def test_a_store_grown_by_adds_holds_the_happenings_of_one_grouping_of_every_event(steps):
    """Adds, removals, retyped events, merged entities, removed links and new near-duplicate clusters, with
    resolve's update after some of them: the rows always end as one update over every document makes them,
    and the stored corroboration and timeline are the computed ones."""
    with tempfile.TemporaryDirectory() as tmp:
        s = new_store(Path(tmp) / "p.db")
        made = 0
        for step, resolve_now in steps:
            docs = [r[0] for r in s.query("SELECT id FROM documents ORDER BY rowid")]
            events = [tuple(r) for r in s.query("SELECT doc_id, seq, data FROM records WHERE kind = 'event' ORDER BY doc_id, seq")]
            links = [tuple(r) for r in s.query("SELECT doc_id, seq FROM mention_entities ORDER BY doc_id, seq")]
            if step[0] == "add":
                for evs, speaker in step[1]:
                    made += 1
                    add_document(s, f"doc{made * 7919 % 1000:03d}", evs, speaker)  # ids out of store order
            elif step[0] == "remove" and docs:
                remove_documents(s, [docs[step[1] % len(docs)]])
            elif step[0] == "remove lead":
                leads = [r[0] for r in s.query("SELECT DISTINCT h.doc_id FROM happening_events h JOIN happening_events o ON o.happening = h.happening"
                                               " AND o.doc_id != h.doc_id WHERE h.happening = 'e-' || h.doc_id || '-' || h.seq ORDER BY h.doc_id")]
                if leads:
                    remove_documents(s, [leads[step[1] % len(leads)]])
            elif step[0] == "retype" and events:
                doc_id, seq, data = events[step[1] % len(events)]
                with s.transaction() as db:  # analysis writes records anew
                    db.execute("DELETE FROM records WHERE doc_id = ? AND kind = 'event' AND seq = ?", (doc_id, seq))
                    db.execute(
                        "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                        (doc_id, "event", seq, 0, 1, "t", 2, dumps({**json.loads(data), "type": step[2]})),
                    )
            elif step[0] == "merge":
                with s.transaction() as db:
                    db.execute("UPDATE mention_entities SET entity_id = ? WHERE entity_id = ?", (step[2], step[1]))
            elif step[0] == "unlink" and links:
                with s.transaction() as db:
                    db.execute("DELETE FROM mention_entities WHERE doc_id = ? AND seq = ?", links[step[1] % len(links)])
            elif step[0] == "restory" and len(docs) > 1:
                a, b = sorted((docs[step[1] % len(docs)], docs[step[2] % len(docs)]))
                if a != b:
                    with s.transaction() as db:
                        db.execute("INSERT OR REPLACE INTO stories(id, level, size, origins) VALUES (?, 'near-duplicate', 2, 1)", (f"s-{a}-{b}",))
                        db.executemany("INSERT OR IGNORE INTO story_documents(story_id, doc_id, origin) VALUES (?,?,?)",
                                       [(f"s-{a}-{b}", a, a), (f"s-{a}-{b}", b, a)])
            if resolve_now:
                aggregates.update_happenings(s)
        aggregates.update_happenings(s)
        assert rows(s) == rebuilt(s)
        assert read(s) == computed(s)
        s.close()


# dates for adds only: days a few apart (chains of linked events), a week of publication, a month, a quarter and
# a year (long dates, found by the buckets' other index), and one undated
WIDE_DATES = [*DATES[:5], ("2024-03-09", "day", "timex"), ("2024-03-12", "day", "sentence"), ("2024-Q1", "quarter", "timex"),
              ("2024", "year", "sentence"), ("2024-04-02", "day", "timex")]
WIDE_EVENT = st.tuples(st.sampled_from(TYPES), FILLER, FILLER, st.integers(0, len(WIDE_DATES) - 1))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adds=st.lists(st.lists(st.tuples(st.lists(WIDE_EVENT, min_size=1, max_size=4), st.one_of(st.none(), st.sampled_from(list(ENTITIES)))),
                              min_size=1, max_size=4), min_size=2, max_size=6))
def test_adds_join_the_stored_groups_as_one_grouping_of_every_event_does(adds):
    """A store grown by adds, updated after each: every update after the first joins the added events to
    the stored groups without following their linked sets (`_linked_sets` is not called), and the rows,
    the corroboration and the timeline end as one update over every document makes them."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as m:
        s = new_store(Path(tmp) / "a.db")
        made = 0
        for i, docs in enumerate(adds):
            for evs, speaker in docs:
                made += 1
                add_document(s, f"doc{made * 7919 % 1000:03d}", evs, speaker, dates=WIDE_DATES)  # ids out of store order
            aggregates.update_happenings(s)
            if i == 0:
                m.setattr(aggregates, "_linked_sets", None)  # an add never follows a linked set
        assert rows(s) == rebuilt(s)
        assert read(s) == computed(s)
        s.close()


def test_events_of_a_document_stored_before_grouped_ones_are_not_an_add(store):
    """A document stored before others but analysed after them: its events come first in store order, so
    their set is grouped again in that order, as one grouping of every event does, not joined after."""
    with store.transaction() as db:
        db.execute("INSERT INTO documents(id, text, published, kind, source_path) VALUES ('d0', 'Not analysed yet.', '2024-03-20', 'txt', 'd0')")
    add_document(store, "d1", [("meeting", None, "peru", 1)])
    add_document(store, "d2", [("meeting", "bo", "peru", 2)])  # may be d1's meeting
    aggregates.update_happenings(store)
    assert {r[0] for r in store.query("SELECT happening FROM happening_events")} == {"e-d1-0"}
    add_document(store, "d0", [("meeting", "ana", "peru", 1)])  # Ana, not Bo: d1's meeting, not d2's
    aggregates.update_happenings(store)
    assert [r[0] for r in store.query("SELECT happening FROM happening_events ORDER BY doc_id")] == ["e-d0-0", "e-d0-0", "e-d2-0"]
    assert rows(store) == rebuilt(store) and read(store) == computed(store)


def test_a_document_whose_events_read_as_before_changes_no_group(store, monkeypatch):
    """A link written in a stored document that none of its events names (an entity merge moves many such)
    lists the document, but its events read as they did: the add beside it still only joins the stored
    groups, and the rows are those of one grouping of every event."""
    add_document(store, "d1", [("meeting", "ana", "bo", 1)])
    add_document(store, "d2", [("meeting", None, "bo", 2)])
    aggregates.update_happenings(store)
    with store.transaction() as db:
        db.execute("INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES ('d1', 'mention', 50, 0, 3, 't', 1, '{}')")
        db.execute("INSERT INTO mention_entities(doc_id, seq, entity_id) VALUES ('d1', 50, 'peru')")
    add_document(store, "d3", [("meeting", "ana", None, 2)])  # Ana met, as in d1: joins d1's and d2's happening
    monkeypatch.setattr(aggregates, "_linked_sets", None)  # no linked set is followed
    assert aggregates.update_happenings(store) == {"happening documents": 2, "happening events regrouped": 3}
    assert {r[0] for r in store.query("SELECT happening FROM happening_events")} == {"e-d1-0"}
    assert rows(store) == rebuilt(store) and read(store) == computed(store)


def test_a_stored_document_changed_beside_an_add_regroups_its_set_and_the_add_joins_after(store, monkeypatch):
    """An add that re-links a stored document's event (an entity merge): that event's linked set is grouped
    again, the added events are not followed through linked sets but joined to the stored groups after."""
    add_document(store, "d1", [("meeting", "ana", "bo", 1)])
    add_document(store, "d2", [("meeting", None, "bo", 2)])
    add_document(store, "d3", [("arrest", "fund", None, 5)])
    aggregates.update_happenings(store)
    with store.transaction() as db:
        db.execute("UPDATE mention_entities SET entity_id = 'peru' WHERE doc_id = 'd3'")
    add_document(store, "d4", [("meeting", "ana", None, 2)])
    followed = []
    real = aggregates._linked_sets

    def spy(linker, seeds):
        followed.extend(k["doc"] for k in seeds)
        return real(linker, seeds)

    monkeypatch.setattr(aggregates, "_linked_sets", spy)
    assert aggregates.update_happenings(store) == {"happening documents": 2, "happening events regrouped": 4}
    assert followed == ["d3"]
    assert store.scalar("SELECT entities FROM happening_events WHERE doc_id = 'd3'") == '["peru"]'
    assert {r[0] for r in store.query("SELECT happening FROM happening_events WHERE doc_id != 'd3'")} == {"e-d1-0"}
    assert rows(store) == rebuilt(store) and read(store) == computed(store)


def test_the_migration_lists_every_document_with_events_for_the_next_resolve(tmp_path):
    """A store from before migration 19 gets the tables and every document with events pending: its
    pages group every event until resolve has filled them."""
    from threadline.migrations import MIGRATIONS

    from .conftest import store_of_version

    path = tmp_path / "old.db"
    with new_store(path) as s:
        add_document(s, "d1", [("meeting", "ana", "bo", 1), ("meeting", "bo", None, 2)])
        add_document(s, "d2", [("arrest", "fund", "he", 0)], speaker="ana")
        with s.transaction() as db:
            db.execute("INSERT INTO documents(id, text, kind, source_path) VALUES ('d3', 'Nothing happened.', 'txt', 'd3')")
        aggregates.update_happenings(s)
        expected = rows(s)
        kept = read(s)
    store_of_version(path, 18)
    with Store(path) as s:  # migrates
        assert s.schema_version() == MIGRATIONS[-1][0]
        assert sorted(r[0] for r in s.query("SELECT doc_id FROM happenings_pending")) == ["d1", "d2"]
        assert not aggregates.happenings_kept_up(s) and corroboration(s) == kept["corroboration"]
        aggregates.update_happenings(s)
        assert rows(s) == expected and read(s) == kept


def test_other_grouping_rules_group_every_event_again(store, monkeypatch):
    """A store grouped by other rules (an older `HAPPENINGS_VERSION`) is not read, and its next update
    groups every event again."""
    add_document(store, "d1", [("meeting", "ana", "bo", 1)])
    add_document(store, "d2", [("meeting", None, "bo", 2)])
    aggregates.update_happenings(store)
    expected = rows(store)
    monkeypatch.setattr(aggregates, "HAPPENINGS_VERSION", aggregates.HAPPENINGS_VERSION + 1)
    assert not aggregates.happenings_kept_up(store)
    assert aggregates.update_happenings(store) == {"happening documents": 2, "happening events regrouped": 2}
    assert aggregates.happenings_kept_up(store) and rows(store) == expected
    assert store.scalar("SELECT version FROM happenings_version") == aggregates.HAPPENINGS_VERSION


def test_a_coreference_record_lists_its_document(store):
    """An argument ("he") may stand for the entity its coreference chain names, so a reference record
    written or deleted lists its document, as an event or an attribution does."""
    add_document(store, "d1", [("meeting", "he", "bo", 1)])
    aggregates.update_happenings(store)
    data = dumps({"chain": 0, "entity": 0, "form": "pronoun"})
    with store.transaction() as db:
        db.execute("INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES ('d1', 'reference', 0, 0, 6, 't', 1, ?)", (data,))
    assert [r[0] for r in store.query("SELECT doc_id FROM happenings_pending")] == ["d1"]
    aggregates.update_happenings(store)
    with store.transaction() as db:
        db.execute("DELETE FROM records WHERE kind = 'reference'")
    assert not aggregates.happenings_kept_up(store)
    aggregates.update_happenings(store)
    assert rows(store) == rebuilt(store) and read(store) == computed(store)


def test_a_first_grouping_killed_after_some_keys_were_written_ends_as_a_whole_one(store, monkeypatch):
    """A first grouping writes its keys a batch of documents at a time, then groups them from the store; killed
    between, the next run groups the written but ungrouped events as new, and the tables end as one run's."""
    add_document(store, "d1", [("meeting", "ana", "bo", 1), ("arrest", "minister", "fund", 5)])
    add_document(store, "d2", [("meeting", "bo", "ana", 2)], speaker="peru")
    add_document(store, "d3", [("meeting", "ana", "bo", 1)])
    monkeypatch.setattr(aggregates, "batches", lambda items, *a, **k: [[x] for x in items])  # one document a batch

    def killed(store, pending):
        raise KeyboardInterrupt

    monkeypatch.setattr(aggregates, "_group_afresh", killed)
    with pytest.raises(KeyboardInterrupt):
        aggregates.update_happenings(store)
    assert store.scalar("SELECT count(*) FROM happening_events WHERE component = ''") == 4  # written, not grouped
    monkeypatch.undo()
    aggregates.update_happenings(store)
    assert not store.scalar("SELECT count(*) FROM happening_events WHERE component = ''")
    assert rows(store) == rebuilt(store) and read(store) == computed(store)
