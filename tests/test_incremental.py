"""Incremental runs: adding documents to a store analyses only them and ends where a rebuild ends."""

from __future__ import annotations

import sqlite3
from functools import partial

import pytest

import threadline
from threadline.migrations import MIGRATIONS

from .conftest import ARTICLE_HTML, ARTICLE_TXT, DROP_CLUSTER_COLUMNS, drop_tables_after
from .test_stories import COPY, FOLLOW_UP, STORY

# Tables whose content resolve and analyze own; `runs` (timestamps) is left out.
TABLES = {
    "documents": "id", "records": "doc_id, kind, seq", "analyses": "doc_id, component", "entities": "id",
    "mention_entities": "doc_id, seq", "quantities": "id", "figure_facts": "doc_id, seq",
    "stories": "id", "story_documents": "story_id, doc_id", "entity_documents": "entity_id, doc_id",
    "mention_keys": "doc_id, seq", "keyed_documents": "doc_id", "entity_units": "key, form", "claims_pending": "doc_id",
    "term_documents": "term", "stories_pending": "doc_id",
    "cooccurrence": "source, target", "cooccurrence_sentences": "doc_id, sentence, source, target", "aggregates_pending": "doc_id",
    "happening_events": "doc_id, seq", "happening_buckets": "bucket, doc_id, seq", "happenings_pending": "doc_id",
    "key_units": "key, form, type, acronym", "family_keys": "family, key", "org_document_edges": "doc_id, qualified, key",
    "entity_counts": "built",
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


def test_quantities_gaining_claims_are_compared_by_their_new_pairs_and_equal_a_rebuild(stores):
    """The add puts new claims into quantities of the first run: those are compared by the pairs the
    add changes, from their stored findings, and the store still equals a rebuild (above)."""
    resolve = stores["added"].stages["resolve"]
    assert 0 < resolve["quantities compared by their new pairs"] <= resolve["quantities compared"]


def test_entity_documents_follow_the_links_and_the_migration_fills_them(stores):
    """Mentions per entity and document (what an entity page counts by) agree with the links and
    the pronouns and descriptions standing for the linked names, after an add; an older store gets
    them from its links when it is opened, and the references once its next run keys it again."""
    path = stores["root"] / "grown.db"
    names = "SELECT me.entity_id, me.doc_id, count(*), d.published FROM mention_entities me JOIN documents d ON d.id = me.doc_id GROUP BY 1, 2 ORDER BY 1, 2"
    expected = (
        "SELECT me.entity_id, me.doc_id, count(*) + sum(mk.refs), d.published FROM mention_entities me JOIN documents d ON d.id = me.doc_id"
        " JOIN mention_keys mk ON mk.doc_id = me.doc_id AND mk.seq = me.seq GROUP BY 1, 2 ORDER BY 1, 2"
    )
    db = sqlite3.connect(path)
    links = db.execute(expected).fetchall()
    assert links and db.execute("SELECT * FROM entity_documents ORDER BY 1, 2").fetchall() == links
    old = stores["root"] / "old.db"
    db.execute(f"VACUUM INTO '{old}'")
    db.close()
    db = sqlite3.connect(old)
    drop_tables_after(db, 9)
    db.executescript(
        DROP_CLUSTER_COLUMNS + "DROP TABLE entity_documents; ALTER TABLE quantities DROP COLUMN sources;"
        " ALTER TABLE quantities DROP COLUMN independent_sources; ALTER TABLE quantities DROP COLUMN findings_digest;"
        " DROP TABLE mention_keys; DROP TABLE keyed_documents; DROP TABLE entity_units; DROP TABLE claims_pending;"
        " DROP INDEX figure_facts_bucket; ALTER TABLE figure_facts DROP COLUMN bucket; ALTER TABLE figure_facts DROP COLUMN frame;"
        " ALTER TABLE figure_facts DROP COLUMN part_of; PRAGMA user_version = 6;"
    )
    db.close()
    threadline.open(old).close()  # migrates
    db = sqlite3.connect(old)
    assert db.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1][0]
    assert db.execute("SELECT * FROM entity_documents ORDER BY 1, 2").fetchall() == db.execute(names).fetchall()
    db.close()
    with threadline.open(old) as corpus:
        corpus.resolve()  # keys every document again: the references are counted
    db = sqlite3.connect(old)
    assert db.execute("SELECT * FROM entity_documents ORDER BY 1, 2").fetchall() == links
    db.close()


def test_quantities_store_the_source_counts_of_all_their_claims(stores):
    """The counts resolve stores per quantity (what a page listing a few claims shows) are those
    of every claim of it."""
    from threadline.read import ledger as figures

    with threadline.open(stores["root"] / "grown.db", readonly=True) as corpus:
        full = {q["id"]: (q["sources"], q["independent_sources"]) for q in figures.ledger(corpus.store)}
        stored = {r[0]: (r[1], r[2]) for r in corpus.store.query("SELECT id, sources, independent_sources FROM quantities")}
        sampled = {q["id"]: (q["sources"], q["independent_sources"], len(q["claims"]), q["claims_total"]) for q in figures.ledger(corpus.store, limit=50, claims_per_quantity=1)}
    assert full and stored == full
    assert all(v[:2] == full[q] and v[2] == min(1, v[3]) for q, v in sampled.items())


SURNAME_ONLY = """Kyiv Says Thousands of Cubans Serve With Russian Units

Ukraine's military intelligence has followed Moscow's recruitment drive in Cuba for more than a year.

Speaking in Kyiv on Tuesday, Yusov said that about 20,000 Cubans had signed contracts to fight for Russia.

Most were drawn in by social media adverts that promised Russian citizenship. Havana denies any role and says it prosecutes recruiters.

Publish date : 2025-10-07
"""

FULL_NAME = """Cuban Recruits on the Front, Kyiv Spokesman Says

Andriy Yusov, a spokesman for Ukraine's military intelligence, said on Wednesday that Cubans now make up one of the largest foreign groups fighting for Russia.

He said Kyiv had passed its findings to partners in Europe. Havana has repeatedly said it does not allow its citizens to join the war.

Publish date : 2025-10-08
"""


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """A store whose later document gives a full name to a speaker the first one names by surname."""
    root = tmp_path_factory.mktemp("renamed")
    (root / "first").mkdir()
    (root / "later").mkdir()
    (root / "first" / "surname.txt").write_text(SURNAME_ONLY, encoding="utf-8")
    (root / "later" / "full.txt").write_text(FULL_NAME, encoding="utf-8")
    claimant = "SELECT f.claimant_name FROM figure_facts f JOIN documents d ON d.id = f.doc_id WHERE d.title LIKE 'Kyiv Says%'"
    with threadline.open(root / "grown.db") as grown:
        grown.run([str(root / "first")], report=str(root / "a.md"))
        before = [r[0] for r in grown.store.query(claimant)]
        added = grown.run([str(root / "later")], report=str(root / "b.md"))
        after = [r[0] for r in grown.store.query(claimant)]
    with threadline.open(root / "rebuilt.db") as rebuilt:
        rebuilt.run([str(root / "first"), str(root / "later")], report=str(root / "c.md"))
    return {"root": root, "before": before, "after": after, "added": added}


def test_an_added_document_renames_an_old_documents_speaker_and_its_claims_follow(renamed):
    """The old document's surname-only speaker joins the full name the new document gives: its
    links change, and its figure is attached again with the new claimant name."""
    assert "Yusov" in renamed["before"] and "Andriy Yusov" not in renamed["before"]
    assert "Andriy Yusov" in renamed["after"] and "Yusov" not in renamed["after"]
    resolve = renamed["added"].stages["resolve"]
    assert resolve["keyed documents"] == 1
    assert resolve["claims attached"] >= 1  # the old document's figure, attached again
    grown, rebuilt = _content(renamed["root"] / "grown.db"), _content(renamed["root"] / "rebuilt.db")
    for table in TABLES:
        assert grown[table] == rebuilt[table], table


def test_a_killed_resolve_loses_no_link(tmp_path, monkeypatch):
    """Keys are committed in batches before the links: a resolve killed between the two links the
    documents on its next run, and the store ends as a run that was never killed."""
    from threadline.resolve import entities

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "surname.txt").write_text(SURNAME_ONLY, encoding="utf-8")
    (tmp_path / "in" / "full.txt").write_text(FULL_NAME, encoding="utf-8")
    with threadline.open(tmp_path / "killed.db") as corpus:
        corpus.ingest([str(tmp_path / "in")])
        corpus.analyze()

        def killed(*_args, **_kwargs):
            raise KeyboardInterrupt

        with monkeypatch.context() as m:
            m.setattr(entities, "_write", killed)
            with pytest.raises(KeyboardInterrupt):
                corpus.resolve()
        assert corpus.store.scalar("SELECT count(*) FROM keyed_documents WHERE linked = 0") == 2
        assert corpus.store.scalar("SELECT count(*) FROM mention_entities") == 0
        corpus.resolve()
    with threadline.open(tmp_path / "whole.db") as corpus:
        corpus.ingest([str(tmp_path / "in")])
        corpus.analyze()
        corpus.resolve()
    killed_store, whole = _content(tmp_path / "killed.db"), _content(tmp_path / "whole.db")
    for table in TABLES:
        assert killed_store[table] == whole[table], table


def test_reanalysis_keys_a_document_again(stores):
    """Writing a document's mentions again drops its keys' mark, and its claims are pending."""
    from threadline.analyze import pipeline, write_extraction
    from threadline.pipeline import Extraction

    path = stores["root"] / "grown.db"
    with threadline.open(path) as corpus:
        doc = corpus.store.scalar("SELECT doc_id FROM keyed_documents ORDER BY doc_id LIMIT 1")
        comps = {c.name: c for c in pipeline()}
        mentions = next(c for c in comps.values() if "mention" in c.assigns)
        ext = Extraction(doc, {"mention": []}, {mentions.name: 1}, {}, {})
        with corpus.store.transaction() as db:
            db.execute("SAVEPOINT probe")
            write_extraction(db, ext, comps)
            assert db.execute("SELECT count(*) FROM keyed_documents WHERE doc_id = ?", (doc,)).fetchone()[0] == 0
            assert db.execute("SELECT count(*) FROM claims_pending WHERE doc_id = ?", (doc,)).fetchone()[0] == 1
            db.execute("ROLLBACK TO probe")


def test_an_add_keeps_the_quantities_it_does_not_touch(tmp_path):
    """Added figures share a bucket with old ones: the bucket is grouped again, but a quantity whose
    claims are all old and unchanged keeps its row without its pairs compared again; the store
    still equals a rebuild."""
    import shutil
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    # the later decree's monthly pay in roubles shares its bucket with the earlier warnings' (another quantity)
    for name in ("central-asia-mercenary-warnings-silk-road-observer.txt", "cuba-interior-ministry-ring-caribbean-monitor.txt"):
        shutil.copy(examples / name, first / name)
    for name in ("central-asia-citizenship-decree-steppe-herald.txt", "nepal-lawmaker-15000-claim-himalaya-wire.txt"):
        shutil.copy(examples / name, later / name)
    with threadline.open(tmp_path / "grown.db") as grown:
        grown.run([str(first)], report=str(tmp_path / "a.md"))
        resolve = grown.run([str(later)], report=str(tmp_path / "b.md")).stages["resolve"]
    assert 0 < resolve["quantities compared"] < resolve["quantities regrouped"] < resolve["quantities"]
    with threadline.open(tmp_path / "rebuilt.db") as rebuilt:
        rebuilt.run([str(first), str(later)], report=str(tmp_path / "c.md"))
    grown_store, rebuilt_store = _content(tmp_path / "grown.db"), _content(tmp_path / "rebuilt.db")
    for table in TABLES:
        assert grown_store[table] == rebuilt_store[table], table


def test_windowed_stories_compare_new_documents_with_their_window_only(stores):
    """With `stories.window_days`, an add clusters its documents with those published near them
    and extends the stories these are in; here that gives the stories of a full clustering."""
    from threadline import config
    from threadline.resolve.stories import window_scope

    root = stores["root"]
    cfg = config.load(overrides={"store.db": str(root / "windowed.db")})
    cfg["stories"]["window_days"] = 10
    with threadline.open(config=cfg) as windowed:
        windowed.run([str(root / "first")], report=str(root / "w1.md"))
        assert windowed.store.scalar("SELECT count(*) FROM stories_pending") == 0
        added = windowed.run([str(root / "later")], report=str(root / "w2.md"))
        names = {d.id: d.source_path.rsplit("/", 1)[-1] for d in windowed.documents()}
        ids = {v: k for k, v in names.items()}
        scope = window_scope(windowed.store, [ids["follow.txt"]], 10)
    assert added.stages["resolve"]["clustered"] == 3  # the two new documents and the story of 14 June, not the others
    assert sorted(names[d] for d in scope) == ["copy.txt", "follow.txt", "story.txt"]
    content, rebuilt = _content(root / "windowed.db"), _content(root / "rebuilt.db")
    for table in ("stories", "story_documents"):
        assert content[table] == rebuilt[table], table


def test_the_co_occurrence_aggregate_of_a_grown_store_is_the_graph_of_every_mention(stores):
    """What the report and the pages read (the pairs resolve keeps per added document) is the graph
    computed from every actor mention and its sentence."""
    from threadline.read.cooccurrence import cooccurrence, kept_up

    compute = partial(cooccurrence, computed=True)

    with threadline.open(stores["root"] / "grown.db", readonly=True) as corpus:
        assert kept_up(corpus.store)
        graph = cooccurrence(corpus.store)
        assert graph["edges"] and graph == compute(corpus.store)
    assert stores["added"].stages["resolve"]["co-occurrence documents"] > 0  # the new documents and those whose links moved
    assert stores["again"].stages["resolve"]["co-occurrence documents"] == 0


def test_the_happenings_of_a_grown_store_are_the_grouping_of_every_event(stores):
    """What the report, the timeline and the exports read (the happenings resolve regroups per connected
    set of events an add touches) is the grouping of every event, counted with the current origins."""
    from threadline.read.events import corroboration, iter_events
    from threadline.resolve.aggregates import happenings_kept_up

    with threadline.open(stores["root"] / "grown.db", readonly=True) as corpus:
        assert happenings_kept_up(corpus.store)
        kept = corroboration(corpus.store)
        assert len(kept) == len(list(iter_events(corpus.store))) > 0
        assert kept == corroboration(corpus.store, computed=True)
        assert any(len(c["reports"]) > 1 for c in kept.values())  # the copy reports the story's events again
    assert stores["added"].stages["resolve"]["happening documents"] > 0
    assert stores["again"].stages["resolve"]["happening documents"] == 0
