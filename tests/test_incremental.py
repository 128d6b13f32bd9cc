"""Incremental runs: adding documents to a store analyses only them and ends where a rebuild ends."""

from __future__ import annotations

import sqlite3

import pytest

import threadline
from threadline.migrations import MIGRATIONS

from .conftest import ARTICLE_HTML, ARTICLE_TXT
from .test_stories import COPY, FOLLOW_UP, STORY

# Tables whose content resolve and analyze own; `runs` (timestamps) is left out.
TABLES = {
    "documents": "id", "records": "doc_id, kind, seq", "analyses": "doc_id, component", "entities": "id",
    "mention_entities": "doc_id, seq", "quantities": "id", "figure_facts": "doc_id, seq",
    "stories": "id", "story_documents": "story_id, doc_id", "entity_documents": "entity_id, doc_id",
}


def _content(db_path):
    db = sqlite3.connect(db_path)
    out = {}
    for table, key in TABLES.items():
        cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in ("source_path",)]
        out[table] = db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {key}").fetchall()
    db.close()
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    first, later = root / "first", root / "later"
    first.mkdir()
    later.mkdir()
    (first / "story.txt").write_text(STORY, encoding="utf-8")
    (first / "nepal.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (first / "uzbek.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (later / "copy.txt").write_text(COPY, encoding="utf-8")
    (later / "follow.txt").write_text(FOLLOW_UP, encoding="utf-8")
    with threadline.open(root / "grown.db") as grown:
        grown.run([str(first)], report=str(root / "a.md"))
        links_before = grown.store.scalar("SELECT count(*) FROM mention_entities")
        added = grown.run([str(later)], report=str(root / "b.md"))
        again = grown.run([str(later)], report=str(root / "c.md"))
    with threadline.open(root / "rebuilt.db") as rebuilt:
        rebuilt.run([str(first), str(later)], report=str(root / "d.md"))
    return {"root": root, "added": added, "again": again, "links_before": links_before}


def test_incremental_add_analyses_only_the_new_documents(stores):
    added = stores["added"]
    assert added.ingest.added == 2
    assert added.stages["analyze"]["documents"] == 2
    # the new documents' links are written; the old documents' links stay as they were
    assert 0 < added.stages["resolve"]["entity links changed"] < added.stages["resolve"]["linked mentions"]
    assert added.stages["resolve"]["linked mentions"] > stores["links_before"]


def test_incremental_rerun_writes_nothing(stores):
    again = stores["again"]
    assert again.ingest.added == 0 and len(again.ingest.duplicates) == 2
    assert again.stages["analyze"].get("documents", 0) == 0
    assert again.stages["resolve"]["entity links changed"] == 0
    assert again.stages["resolve"]["figure facts changed"] == 0
    assert again.stages["resolve"]["fingerprinted"] == 0


def test_incremental_store_equals_a_rebuild(stores):
    grown, rebuilt = _content(stores["root"] / "grown.db"), _content(stores["root"] / "rebuilt.db")
    for table in TABLES:
        assert grown[table] == rebuilt[table], table


def test_entity_documents_follow_the_links_and_the_migration_fills_them(stores):
    """Mentions per entity and document (what an entity page counts by) agree with the links,
    after an add, and an older store gets them from its links when it is opened."""
    path = stores["root"] / "grown.db"
    expected = "SELECT me.entity_id, me.doc_id, count(*), d.published FROM mention_entities me JOIN documents d ON d.id = me.doc_id GROUP BY 1, 2 ORDER BY 1, 2"
    db = sqlite3.connect(path)
    links = db.execute(expected).fetchall()
    assert links and db.execute("SELECT * FROM entity_documents ORDER BY 1, 2").fetchall() == links
    old = stores["root"] / "old.db"
    db.execute(f"VACUUM INTO '{old}'")
    db.close()
    db = sqlite3.connect(old)
    db.executescript(
        "DROP TABLE entity_documents; ALTER TABLE quantities DROP COLUMN sources;"
        " ALTER TABLE quantities DROP COLUMN independent_sources; ALTER TABLE quantities DROP COLUMN findings_digest;"
        " PRAGMA user_version = 6;"
    )
    db.close()
    threadline.open(old).close()  # migrates
    db = sqlite3.connect(old)
    assert db.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1][0]
    assert db.execute("SELECT * FROM entity_documents ORDER BY 1, 2").fetchall() == links
    db.close()


def test_quantities_store_the_source_counts_of_all_their_claims(stores):
    """The counts resolve stores per quantity (what a page listing a few claims shows) are those
    of every claim of it."""
    from threadline import figures

    with threadline.open(stores["root"] / "grown.db", readonly=True) as corpus:
        full = {q["id"]: (q["sources"], q["independent_sources"]) for q in figures.ledger(corpus.store)}
        stored = {r[0]: (r[1], r[2]) for r in corpus.store.query("SELECT id, sources, independent_sources FROM quantities")}
        sampled = {q["id"]: (q["sources"], q["independent_sources"], len(q["claims"]), q["claims_total"]) for q in figures.ledger(corpus.store, limit=50, claims_per_quantity=1)}
    assert full and stored == full
    assert all(v[:2] == full[q] and v[2] == min(1, v[3]) for q, v in sampled.items())
