"""The entity merges read the counts the store keeps (one row per key unit, a family's co-mentioned keys, an
acronym's documents, the in-document organisation joins) instead of every mention's key, and an update decides
again only the merges its keys touch (the stored graph, `entities.update_graph`): a store grown by adds,
removals and re-analyses, each resolve an update, holds the counts, graph, entities and links of one merge of
every key over one resolve of every document."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from threadline.removal import remove_documents
from threadline.resolve import entities
from threadline.store import Store, dumps

from .conftest import DROP_CLUSTER_COLUMNS, drop_tables_after, table_rows
from .test_entities_order import POOL

# the pool of the order test, with a qualified and an unqualified ministry (the in-document join) and the
# country it names; more people of the Marek family, so that a bare "Marek" has evidence to weigh
MORE = [
    ("Estonian Ministry of Defence", "ORG", {}),
    ("Ministry of Defence", "ORG", {}),
    ("MoD", "ORG", {}),
    ("Estonians", "NORP", {"country": "EE"}),
    ("Anna Marek", "PERSON", {}),
    # three first names each near the next and not the third: one added or removed joins or splits a person;
    # the bare first name is a family (its first token) of a person whose component that changes
    ("Kristina Lind", "PERSON", {}),
    ("Kristine Lind", "PERSON", {}),
    ("Kristiane Lind", "PERSON", {}),
    ("Kristiane", "PERSON", {}),
    ("Jonas Vale", "ORG", {}),  # a person's name taken for an organisation's
    ("JV", "ORG", {}),  # its initials
    ("Kristiana Lind", "PERSON", {}),  # near Kristiane, and a smaller key: the person's root changes
    ("Highland Assembly", "ORG", {}),  # a second organisation spelling "HA"
]
CHOICES = POOL + MORE

TABLES = {
    "mention_keys": "doc_id, seq", "key_units": "key, form, type, acronym", "family_keys": "family, key",
    "org_document_edges": "doc_id, qualified, key", "entities": "id", "mention_entities": "doc_id, seq",
    "entity_units": "key, form", "entity_documents": "entity_id, doc_id",
    # the merges as a graph (migration 22): what an update decides again and walks
    "entity_keys": "key", "entity_edges": "a, b, rule", "name_keys": "name, kind, key, form", "acronym_joins": "doc_id, key, form",
}


def add_document(store: Store, doc_id: str, choices: list[int]) -> None:
    """A document of one sentence per mention ("Anna Marek. HA. Estonia."), its mentions as analysis records them."""
    text, records = "", []
    for seq, i in enumerate(choices):
        surface, label, data = CHOICES[i]
        records.append((doc_id, "mention", seq, len(text), len(text) + len(surface), "t", 1, dumps({"label": label, **data})))
        text += surface + ". "
    with store.transaction() as db:
        db.execute("INSERT INTO documents(id, text, kind, source_path) VALUES (?,?,?,?)", (doc_id, text, "txt", f"{doc_id}.txt"))
        db.executemany("INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)", records)


def reanalyse(store: Store, doc_id: str, keep: int) -> None:
    """The document analysed again, finding only its first `keep` mentions (analysis drops its keyed row)."""
    with store.transaction() as db:
        db.execute("DELETE FROM records WHERE doc_id = ? AND kind = 'mention' AND seq >= ?", (doc_id, keep))
        db.execute("DELETE FROM keyed_documents WHERE doc_id = ?", (doc_id,))


def _same_clusters(store: Store) -> None:
    """The merges over the store's counts give what they give over every mention's key row."""
    assert entities.cluster_keys(entities.StoredKeys(store)) == entities.cluster_keys(entities.load_index(store))


DOCUMENT = st.lists(st.integers(0, len(CHOICES) - 1), min_size=1, max_size=7)
STEP = st.one_of(
    st.tuples(st.just("add"), st.lists(DOCUMENT, min_size=1, max_size=4)),
    st.tuples(st.just("remove"), st.integers(0, 50)),
    st.tuples(st.just("reanalyse"), st.integers(0, 50), st.integers(0, 4)),
)


# cases the generated steps rarely reach, kept as examples (every resolve after the first an update), each
# once as an add and once as the removal that undoes it:
# - a bare "Marek" whose evidence is two people of its document (Kristina and Kristiane Lind, named with Anna
#   Marek elsewhere); an added "Kristine Lind", near both, makes them one person, and the evidence one entity:
#   the bare surname is decided again because its document names a person whose component changed;
# - a bare "Kristiane" joined to Kristiane Lind; an added "Kristiana Lind" joins that person under a smaller
#   key, so the bare surname's target is another root: decided again because its family's person changed;
# - an unqualified ministry joined to the qualified one named before it in its document, that document removed;
# - an "HA" joined to the only organisation spelling it, until a second one is named elsewhere.
MAREK, KRISTIANE = [[0, 21, 23, 12], [5, 21, 23]], [[23, 12, 13], [24, 12, 13]]
CASES = [
    [(("add", MAREK), True), (("add", [[22]]), True)],
    [(("add", [*MAREK, [22]]), True), (("remove", 2), True)],
    [(("add", KRISTIANE), True), (("add", [[27]]), True)],
    [(("add", [*KRISTIANE, [27]]), True), (("remove", 2), True)],
    [(("add", [[16, 17], [16, 8]]), True), (("remove", 0), True)],
    [(("add", [[8, 9], [9]]), True), (("add", [[28]]), True)],
    [(("add", [[8, 9], [9], [28]]), True), (("remove", 2), True)],
]


def _examples(test):  # type: ignore[no-untyped-def]
    for steps in CASES:
        test = example(steps=steps)(test)
    return test


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(STEP, st.booleans()), min_size=1, max_size=8))
@_examples
def test_entities_a_store_grown_by_adds_and_removals_holds_what_one_resolve_of_every_document_makes(steps):
    updates = 0  # the first resolve merges every key (the graph is built then); every later one updates it
    update = entities.update_graph

    def counted(*args):  # type: ignore[no-untyped-def]
        nonlocal updates
        updates += 1
        return update(*args)

    with tempfile.TemporaryDirectory() as tmp, patch.object(entities, "update_graph", counted):
        grown = Store(Path(tmp) / "grown.db")
        made = 0
        for step, resolve_now in steps:
            docs = [r[0] for r in grown.query("SELECT id FROM documents ORDER BY rowid")]
            if step[0] == "add":
                for choices in step[1]:
                    made += 1
                    add_document(grown, f"doc{made * 7919 % 1000:03d}", choices)  # ids out of store order
            elif step[0] == "remove" and docs:
                remove_documents(grown, [docs[step[1] % len(docs)]])
            elif step[0] == "reanalyse" and docs:
                reanalyse(grown, docs[step[1] % len(docs)], step[2])
            if resolve_now:
                entities.resolve_entities(grown)
                _same_clusters(grown)
        entities.resolve_entities(grown)
        _same_clusters(grown)
        assert updates == sum(resolve_now for _, resolve_now in steps)
        assert not grown.query("SELECT 1 FROM entity_pending UNION ALL SELECT 1 FROM keys_pending")
        once = Store(Path(tmp) / "once.db")
        with once.transaction() as db:
            for doc_id, text, kind, path in grown.query("SELECT id, text, kind, source_path FROM documents ORDER BY rowid"):
                db.execute("INSERT INTO documents(id, text, kind, source_path) VALUES (?,?,?,?)", (doc_id, text, kind, path))
            db.executemany(
                "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                [tuple(r) for r in grown.query("SELECT doc_id, kind, seq, start, end, component, version, data FROM records ORDER BY doc_id, seq")],
            )
        assert not entities.graph_built(once)
        entities.resolve_entities(once)  # one merge of every key
        assert table_rows(grown, TABLES) == table_rows(once, TABLES)
        assert not grown.query("SELECT 1 FROM key_units WHERE mentions <= 0 UNION ALL SELECT 1 FROM family_keys WHERE documents <= 0")
        grown.close()
        once.close()


def test_entities_a_store_keyed_before_the_counts_builds_them_once_at_its_next_resolve(tmp_path):
    """A store keyed by a version without the counts (migration 21): the units are counted by the migration,
    the families and in-document joins by the next resolve, from the keys it holds; links are not written again."""
    path = tmp_path / "old.db"
    with Store(path) as s:
        add_document(s, "a", [0, 5, 8, 13, 16, 17])  # Anna Marek, Marek, Harbour Authority, Riverford, the ministries
        add_document(s, "b", [5, 8, 13, 12])
        add_document(s, "c", [2, 8, 18, 19])
        entities.resolve_entities(s)
        expected = table_rows(s, TABLES)
    assert expected["org_document_edges"] and expected["family_keys"]
    db = sqlite3.connect(path)
    drop_tables_after(db, 20)
    db.executescript(DROP_CLUSTER_COLUMNS)
    db.execute("PRAGMA user_version = 20")
    db.commit()
    db.close()
    with Store(path) as s:
        assert s.scalar("SELECT built FROM entity_counts") == 0 and not s.query("SELECT 1 FROM family_keys")
        assert table_rows(s, {"key_units": TABLES["key_units"]})["key_units"] == expected["key_units"]
        assert entities.resolve_entities(s)["entity links changed"] == 0
        assert table_rows(s, TABLES) == expected
        _same_clusters(s)


def test_entities_a_graph_decided_by_other_rules_is_merged_again_whole(tmp_path):
    """The stored graph records the version of the merge rules that decided it; with nothing pending, a graph
    of another version (its edges here emptied, as stale decisions would be) is merged again whole, not kept."""
    with Store(tmp_path / "s.db") as s:
        add_document(s, "a", [0, 5, 8, 13, 16, 17])
        add_document(s, "b", [5, 8, 13, 12, 19, 20])
        entities.resolve_entities(s)
        expected = table_rows(s, TABLES)
        assert expected["entity_edges"] and entities.graph_built(s)
        with s.transaction() as db:
            db.execute("DELETE FROM entity_edges")
            db.execute("UPDATE entity_graph SET built = ?", (entities.MERGE_RULES - 1,))
        assert not entities.graph_built(s)
        entities.resolve_entities(s)
        assert entities.graph_built(s) and table_rows(s, TABLES) == expected
