"""The co-occurrence aggregate resolve keeps: updated per document, it holds what one build from every document holds."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadline.read.cooccurrence import cooccurrence, kept_up, stored
from threadline.removal import remove_documents
from threadline.resolve import aggregates
from threadline.store import Store, dumps

from .conftest import rebuilt_rows, table_rows

compute = partial(cooccurrence, computed=True)  # from every mention, never from the aggregate

ACTORS = {  # id: (name, type); "Lisbon" is a place, not an actor, until it is retyped
    "ana": ("Ana Lima", "PERSON"), "bo": ("Bo Chen", "PERSON"), "fund": ("Harbour Fund", "ORG"),
    "peru": ("Peru", "GPE"), "lis": ("Lisbon", "LOC"),
}
NAMES = list(ACTORS)
VERBS = ["met", "wrote to", "sued", "praised"]


def _text(sentences: list[list[str]]) -> tuple[str, list[tuple[int, str, str]]]:
    """A text of one sentence per list ("Ana Lima met Peru and Bo Chen."), and its mentions (start, surface, entity)."""
    text, mentions = "", []
    for k, names in enumerate(sentences):
        words = []
        for i, entity in enumerate(names):
            if i:
                words.append(VERBS[k % len(VERBS)] if i == 1 else "and")
            mentions.append((len(text) + len(" ".join(words)) + (1 if words else 0), ACTORS[entity][0], entity))
            words.append(ACTORS[entity][0])
        text += " ".join(words or ["Nothing happened"]) + ". "
    return text.strip(), mentions


def add_document(store: Store, doc_id: str, sentences: list[list[str]], published: str | None = None) -> None:
    text, mentions = _text(sentences)
    with store.transaction() as db:
        db.execute(
            "INSERT INTO documents(id, text, published, kind, source_path) VALUES (?,?,?,?,?)", (doc_id, text, published, "txt", f"{doc_id}.txt")
        )
        for seq, (start, surface, entity) in enumerate(mentions):
            assert text[start : start + len(surface)] == surface
            db.execute(
                "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, "mention", seq, start, start + len(surface), "t", 1, dumps({"label": "X"})),
            )
            db.execute("INSERT INTO mention_entities(doc_id, seq, entity_id) VALUES (?,?,?)", (doc_id, seq, entity))


def new_store(path: Path) -> Store:
    s = Store(path)
    with s.transaction() as db:
        db.executemany("INSERT INTO entities(id, name, type) VALUES (?,?,?)", [(i, n, t) for i, (n, t) in ACTORS.items()])
    return s


TABLES = {"cooccurrence": "source, target", "cooccurrence_sentences": "doc_id, sentence, source, target"}


def rows(store: Store) -> dict[str, list[tuple]]:
    return table_rows(store, TABLES)


def rebuilt(store: Store) -> dict[str, list[tuple]]:
    """The aggregate rows one update from every document makes (the grown rows are put back after)."""
    return rebuilt_rows(store, TABLES, "aggregates_pending", aggregates.update)


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "agg.db")
    yield s
    s.close()


def test_the_stored_graph_is_the_computed_graph_and_is_read_once_kept_up(store):
    add_document(store, "d1", [["ana", "bo", "peru"], ["ana", "lis"], ["fund"]], "2024-01-05")
    add_document(store, "d2", [["bo", "ana"], ["peru", "fund", "bo"]], "2024-03-20")
    assert not kept_up(store)  # the documents wait for resolve: the graph is computed
    assert cooccurrence(store) == compute(store)
    counts = aggregates.update(store)
    assert counts == {"co-occurrence documents": 2, "co-occurrence pairs updated": 5, "co-occurrence pairs recounted": 5}
    assert kept_up(store)
    graph = stored(store)
    assert graph == compute(store) and cooccurrence(store) == graph
    ana_bo = next(e for e in graph["edges"] if (e["source"], e["target"]) == ("ana", "bo"))
    assert (ana_bo["weight"], ana_bo["documents"]) == (2, 2)
    assert [store.scalar("SELECT text FROM documents WHERE id = ?", (x["doc"],))[x["start"] : x["end"]] for x in ana_bo["evidence"]] == [
        "Ana Lima met Bo Chen and Peru.", "Bo Chen met Ana Lima."
    ]
    assert not any("lis" in (e["source"], e["target"]) for e in graph["edges"])  # a place is not an actor
    for since, until in (("2024-02", None), (None, "2024-01"), ("2024-01-05", "2024-03"), ("2025", None)):
        for max_evidence, min_weight in ((20, 1), (1, 2)):
            assert stored(store, since=since, until=until, max_evidence=max_evidence, min_weight=min_weight) == compute(
                store, since=since, until=until, max_evidence=max_evidence, min_weight=min_weight
            ), (since, until)
    assert aggregates.update(store) == {"co-occurrence documents": 0, "co-occurrence pairs updated": 0, "co-occurrence pairs recounted": 0}


def test_a_retyped_entity_a_relinked_mention_and_a_removed_document_redo_their_documents(store):
    add_document(store, "d1", [["ana", "lis"], ["bo", "peru"]])
    add_document(store, "d2", [["lis", "fund"]])
    add_document(store, "d3", [["ana", "bo"]])
    aggregates.update(store)
    with store.transaction() as db:  # resolve rewrites an entity whose type changed
        db.execute("INSERT OR REPLACE INTO entities(id, name, type) VALUES ('lis', 'Lisbon', 'GPE')")
    assert store.query("SELECT doc_id FROM aggregates_pending ORDER BY doc_id") and kept_up(store) is False
    assert sorted(r[0] for r in store.query("SELECT doc_id FROM aggregates_pending")) == ["d1", "d2"]
    aggregates.update(store)
    assert {(e["source"], e["target"]) for e in stored(store)["edges"]} >= {("ana", "lis"), ("fund", "lis")}
    with store.transaction() as db:  # a count changes, the type does not: nothing to redo
        db.execute("INSERT OR REPLACE INTO entities(id, name, type, mentions) VALUES ('lis', 'Lisbon', 'GPE', 7)")
    assert kept_up(store)
    with store.transaction() as db:  # a mention moves to another entity
        db.execute("UPDATE mention_entities SET entity_id = 'fund' WHERE doc_id = 'd3' AND seq = 1")
    remove_documents(store, ["d2"])
    aggregates.update(store)
    assert stored(store) == compute(store)
    assert rows(store) == rebuilt(store)
    assert not store.query("SELECT 1 FROM cooccurrence_sentences WHERE doc_id = 'd2'")


SENTENCE = st.lists(st.sampled_from(NAMES), min_size=0, max_size=4, unique=True)
DOCUMENT = st.tuples(st.lists(SENTENCE, min_size=1, max_size=5), st.sampled_from([None, "2024-01-02", "2024-02-10", "2024-05"]))
STEP = st.one_of(
    st.tuples(st.just("add"), st.lists(DOCUMENT, min_size=1, max_size=3)),
    st.tuples(st.just("remove"), st.integers(0, 50)),
    st.tuples(st.just("retype"), st.sampled_from(NAMES), st.sampled_from(["PERSON", "ORG", "GPE", "LOC"])),
    st.tuples(st.just("relink"), st.integers(0, 50), st.sampled_from(NAMES)),
    st.tuples(st.just("unlink"), st.integers(0, 50)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(STEP, st.booleans()), min_size=1, max_size=8), evidence=st.sampled_from([1, 2, 20]))
def test_a_store_grown_by_adds_holds_the_rows_of_one_built_at_once(steps, evidence):
    """Adds, removals, retyped entities and moved links, with resolve's update after some of them:
    the rows always end as one update over every document makes them, and the stored graph is the computed one.
    With fewer evidence sentences kept, most pairs' evidence is full, so most updates only add counts."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setattr(aggregates, "STORED_EVIDENCE", evidence)
        s = new_store(Path(tmp) / "p.db")
        made = 0
        for step, resolve_now in steps:
            docs = [r[0] for r in s.query("SELECT id FROM documents ORDER BY rowid")]
            links = [tuple(r) for r in s.query("SELECT doc_id, seq FROM mention_entities ORDER BY doc_id, seq")]
            if step[0] == "add":
                for sentences, published in step[1]:
                    made += 1
                    add_document(s, f"doc{made * 7919 % 1000:03d}", sentences, published)  # ids out of store order
            elif step[0] == "remove" and docs:
                remove_documents(s, [docs[step[1] % len(docs)]])
            elif step[0] == "retype":
                with s.transaction() as db:
                    db.execute("INSERT OR REPLACE INTO entities(id, name, type) VALUES (?,?,?)", (step[1], ACTORS[step[1]][0], step[2]))
            elif step[0] == "relink" and links:
                with s.transaction() as db:
                    db.execute("UPDATE mention_entities SET entity_id = ? WHERE doc_id = ? AND seq = ?", (step[2], *links[step[1] % len(links)]))
            elif step[0] == "unlink" and links:
                with s.transaction() as db:
                    db.execute("DELETE FROM mention_entities WHERE doc_id = ? AND seq = ?", links[step[1] % len(links)])
            if resolve_now:
                aggregates.update(s)
        aggregates.update(s)
        assert rows(s) == rebuilt(s)
        assert stored(s, max_evidence=evidence) == compute(s, max_evidence=evidence)
        assert stored(s, since="2024-02") == compute(s, since="2024-02")
        s.close()


def test_the_migration_lists_every_linked_document_for_the_next_resolve(tmp_path):
    """A store from before migration 18 gets the tables and every document with links pending: its
    pages compute the graph until resolve has filled them."""
    from threadline.migrations import MIGRATIONS

    from .conftest import store_of_version

    path = tmp_path / "old.db"
    with new_store(path) as s:
        add_document(s, "d1", [["ana", "bo"], ["peru", "fund", "ana"]])
        add_document(s, "d2", [["bo", "ana"]])
        aggregates.update(s)
        expected = rows(s)
    store_of_version(path, 17)
    with Store(path) as s:  # migrates
        assert s.schema_version() == MIGRATIONS[-1][0]
        assert sorted(r[0] for r in s.query("SELECT doc_id FROM aggregates_pending")) == ["d1", "d2"]
        assert not kept_up(s) and cooccurrence(s) == compute(s)
        aggregates.update(s)
        assert rows(s) == expected and cooccurrence(s) == compute(s)
