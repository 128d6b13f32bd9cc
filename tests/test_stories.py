"""Stories: near-duplicates, same-event clusters, origins."""

from __future__ import annotations

import json

import numpy as np
import pytest

import threadline
from threadline.read.stories import list_stories
from threadline.resolve.stories import fingerprint, story_id

from .conftest import ARTICLE_HTML, ARTICLE_TXT

UNRELATED = """Havana Receives Fuel Shipment

A tanker carrying diesel from Venezuela docked in Matanzas on Saturday, Cuba's energy ministry said, easing blackouts that have hit the island for weeks.

Officials said the cargo would keep power plants running until the end of the month. Cuba has struggled to import enough fuel since its economy contracted sharply, and long queues at petrol stations have become common in Havana.

Publish date : 2024-02-10
"""

STORY = """Kyrgyz Court Jails Two Recruiters

A district court in Bishkek on Thursday sentenced two men to eight years in prison for recruiting Kyrgyz migrant workers to fight for Russia in Ukraine, the prosecutor general's office said.

According to the prosecutors, the men promised the workers residence papers, a signing bonus and monthly pay of 210,000 roubles, and took their passports once they reached a training camp near Rostov.

Kyrgyzstan's criminal code treats taking part in a foreign war as mercenarism. The country's foreign ministry has repeatedly warned citizens working in Russia not to sign military contracts, however high the pay.

Rights groups in Bishkek say families often learn of the contracts only when the men stop calling home from the front.

Publish date : 2024-06-14
"""

COPY = STORY.replace("Kyrgyz Court Jails Two Recruiters", "Bishkek court sentences army recruiters").replace(
    "Rights groups in Bishkek say", "Human rights groups in the capital say"
) + "\nThis article first appeared in the Steppe Courier.\n"

FOLLOW_UP = """Kyrgyz Recruiters Lose Appeal

An appeals court in Bishkek upheld the eight-year sentences handed to two men convicted of recruiting Kyrgyz migrant workers for the Russian army, prosecutors said on Monday.

The men had promised residence papers and monthly pay of 210,000 roubles and kept the workers' passports at a camp near Rostov, the court found. Their lawyers said they would not go further.

Kyrgyzstan's foreign ministry again urged citizens in Russia not to sign military contracts, calling mercenarism a serious crime under Kyrgyz law.

Publish date : 2024-06-20
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    src = tmp_path_factory.mktemp("stories")
    (src / "story.txt").write_text(STORY, encoding="utf-8")
    (src / "copy.txt").write_text(COPY, encoding="utf-8")
    (src / "follow.txt").write_text(FOLLOW_UP, encoding="utf-8")
    (src / "nepal.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (src / "uzbek.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (src / "fuel.txt").write_text(UNRELATED, encoding="utf-8")
    c = threadline.open(src / "s.db")
    c.run([str(src)], report=str(src / "r.md"))
    yield c
    c.close()


def _by_source(corpus):
    return {d.id: d.source_path.rsplit("/", 1)[-1] for d in corpus.documents()}


def test_stories_fingerprint_is_deterministic():
    a, ta = fingerprint(STORY, 5, 64)
    b, tb = fingerprint(STORY, 5, 64)
    assert (a == b).all() and ta == tb and ta["bishkek"] == 2


def test_stories_fingerprint_signs_as_the_stored_scheme_does():
    """A signature is the one datasketch's MinHash (scheme "affine32", seed 1) gives for the same
    shingles, the scheme stored signatures were made with; the permutations are drawn once per size."""
    from datasketch import MinHash

    from threadline.resolve import minhash, stories

    sig, _ = fingerprint(STORY, 5, 64)
    own = MinHash(num_perm=64, seed=1, scheme="affine32")
    tokens = stories.words(STORY)
    own.update_batch([" ".join(tokens[i : i + 5]).encode("utf-8") for i in range(len(tokens) - 4)])
    assert sig.dtype == np.uint32 and (sig == own.hashvalues).all()
    assert minhash.permutations(64) is minhash.permutations(64)
    assert not any(p.flags.writeable for p in minhash.permutations(64))
    assert (np.array(minhash.permutations(64)) == own.permutations).all()
    assert (minhash.signature([], 64) == MinHash(num_perm=64, seed=1, scheme="affine32").hashvalues).all()


def test_stories_syndicated_copy_is_a_near_duplicate(corpus):
    names = _by_source(corpus)
    near = list_stories(corpus.store, "near-duplicate")
    assert [sorted(names[d["id"]] for d in s["documents"]) for s in near] == [["copy.txt", "story.txt"]]
    assert len(near[0]["origins"]) == 1


def test_stories_follow_up_joins_the_same_event_story_as_a_second_origin(corpus):
    names = _by_source(corpus)
    same = list_stories(corpus.store, "same-event")
    assert len(same) == 1
    assert sorted(names[d["id"]] for d in same[0]["documents"]) == ["copy.txt", "follow.txt", "story.txt"]
    assert len(same[0]["origins"]) == 2  # the copy is not an independent origin


def test_stories_ids_are_deterministic():
    assert story_id("same-event", ["b", "a"]) == story_id("same-event", ["a", "b"])
    assert story_id("same-event", ["a", "b"]) != story_id("near-duplicate", ["a", "b"])


def test_stories_rerun_is_stable_and_fingerprints_are_cached(corpus):
    before = [tuple(r) for r in corpus.store.query("SELECT * FROM stories ORDER BY id")]
    counts = corpus.resolve()
    assert counts.get("fingerprinted") == 0
    assert [tuple(r) for r in corpus.store.query("SELECT * FROM stories ORDER BY id")] == before


def test_stories_cli_and_export(corpus, capsys, tmp_path):
    from threadline.cli import main

    assert main(["--db", str(corpus.path), "stories", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["level"] for r in rows} == {"near-duplicate", "same-event"}
    corpus.export(tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text())
    assert all(set(s) == {"id", "level", "documents", "origins"} for s in data["stories"])


@pytest.mark.parametrize(("later", "linked"), [("2024-06-20", True), ("2024-07-12", True), ("2024-11-20", False)])
def test_stories_reports_past_the_horizon_are_never_one_event(later, linked):
    """Past `horizon_days` no score links two reports (one firm's releases months apart share its
    name and its boilerplate, not an event); the halving past `max_days` is set aside here."""
    from threadline import config
    from threadline.resolve.stories import DocInfo, same_event_pairs
    from threadline.timeutil import TimePoint

    cfg = {**config.load()["stories"], "max_days": 365}
    assert cfg["horizon_days"] == 30
    court = {"E-bishkek-court", "E-prosecutors"}
    docs = [
        DocInfo(name, *fingerprint(text, 5, 64), TimePoint(day, "day"), entities)
        for name, text, day, entities in (
            ("first", STORY, "2024-06-14", court), ("second", COPY, later, court), ("other", UNRELATED, "2024-06-14", {"E-havana"}),
        )
    ]
    pairs = {frozenset((a, b)) for a, b, _ in same_event_pairs(docs, cfg)}
    assert (frozenset(("first", "second")) in pairs) is linked
    assert not any("other" in p for p in pairs)


def test_fingerprints_are_made_a_batch_at_a_time_and_a_killed_run_goes_on(corpus, tmp_path, monkeypatch):
    """Fingerprints are written a batch of documents at a time with their terms' document counts, so a
    run killed after a batch leaves counts that hold for the fingerprints stored, and the next run makes
    the rest: the tables are those of one run."""
    import sqlite3

    from threadline.resolve import stories
    from threadline.store import Store

    from .conftest import killed_at_call

    copy = tmp_path / "copy.db"
    with sqlite3.connect(corpus.path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    tables = {"fingerprints": "doc_id", "term_documents": "term"}
    cfg = corpus.config["stories"]
    with Store(copy) as s:
        expected = {t: [tuple(r) for r in s.query(f"SELECT * FROM {t} ORDER BY {o}")] for t, o in tables.items()}
        with s.transaction() as db:
            db.execute("DELETE FROM fingerprints")
            db.execute("DELETE FROM term_documents")
        monkeypatch.setattr(stories, "FINGERPRINT_BATCH", 2)
        real = stories.fingerprint
        killed_at_call(monkeypatch, stories, "fingerprint", 4)
        with pytest.raises(KeyboardInterrupt):
            stories._refresh_fingerprints(s, cfg["shingle_size"], cfg["num_perm"])
        assert s.scalar("SELECT count(*) FROM fingerprints") == 2
        counted = {}
        for (terms,) in s.query("SELECT terms FROM fingerprints"):
            for t in json.loads(terms):
                counted[t] = counted.get(t, 0) + 1
        assert dict(s.query("SELECT term, documents FROM term_documents")) == counted
        monkeypatch.setattr(stories, "fingerprint", real)
        assert stories._refresh_fingerprints(s, cfg["shingle_size"], cfg["num_perm"]) == len(expected["fingerprints"]) - 2
        assert {t: [tuple(r) for r in s.query(f"SELECT * FROM {t} ORDER BY {o}")] for t, o in tables.items()} == expected
