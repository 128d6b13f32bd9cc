"""Source independence: copies and reports of the same original source count once."""

from __future__ import annotations

import pytest

from threadline.resolve.independence import Origins, count, source_key

ORIGINS = Origins(
    documents={"copy": "orig", "orig": "orig"},
    sources={"E-uk": "state:GB", "E-ukmod": "state:GB"},
)


@pytest.mark.parametrize(
    ("etype", "name", "country", "is_country", "expected"),
    [
        ("GPE", "United Kingdom", "GB", True, "state:GB"),
        ("ORG", "British Ministry of Defence", "GB", False, "state:GB"),
        ("ORG", "Russian Foreign Ministry", "RU", False, "state:RU"),
        ("ORG", "British Intelligence", "GB", False, "state:GB"),
        ("ORG", "Russian Railways Company", "RU", False, None),  # not an organ of the state
        ("GPE", "Kazan", "RU", False, None),  # a city is not its state
        ("PERSON", "Andriy Yusov", "UA", False, None),
        ("ORG", "Ministry of Defence", None, False, None),  # no country: no state to fold into
    ],
)
def test_independence_source_key(etype, name, country, is_country, expected):
    assert source_key(etype, name, country, is_country) == expected


def test_independence_copies_are_one_origin():
    got = count(ORIGINS, [("orig", None), ("copy", None)])
    assert got == {"sources": 2, "independent_sources": 1, "source_documents": ["copy", "orig"]}


def test_independence_state_and_its_ministry_are_one_origin():
    # one article cites the defence ministry, the other "the UK authorities"
    got = count(ORIGINS, [("a", "E-ukmod"), ("b", "E-uk")])
    assert (got["sources"], got["independent_sources"]) == (2, 1)


def test_independence_different_people_are_two_origins_even_in_one_article():
    got = count(ORIGINS, [("a", "E-yusov"), ("a", "E-zablotskyy")])
    assert (got["sources"], got["independent_sources"]) == (2, 2)  # two sources named, never fewer than origins
    assert got["source_documents"] == ["a"]


def test_independence_own_voice_beside_attribution_adds_nothing():
    got = count(ORIGINS, [("a", "E-uk"), ("a", None), ("b", None)])
    # a's own-voice restatement folds into its attributed claim; b speaks for itself
    assert (got["sources"], got["independent_sources"]) == (2, 2)


def test_independence_own_voice_in_a_report_of_the_same_event_takes_its_one_attributed_origin():
    by_event = Origins(documents={}, sources={"E-uk": "state:GB", "E-ukmod": "state:GB"}, events={"a": "S1", "b": "S1", "c": "S2"})
    got = count(by_event, [("a", "E-ukmod"), ("b", None)])  # b gives the ministry's figure in its own words
    assert (got["sources"], got["independent_sources"]) == (2, 1)
    assert count(by_event, [("a", "E-ukmod"), ("c", None)])["independent_sources"] == 2  # another event's report
    two = count(by_event, [("a", "E-ukmod"), ("a", "E-kyiv"), ("b", None)])  # two origins told: b's is its own
    assert two["independent_sources"] == 3
    assert count(ORIGINS, [("a", "E-ukmod"), ("b", None)])["independent_sources"] == 2  # without the stories


def test_independence_unrelated_documents_are_independent():
    got = count(ORIGINS, [("x", None), ("y", None)])
    assert got["independent_sources"] == 2
    assert count(ORIGINS, [])["sources"] == 0


UPDATE_A = """Moscow Turns to Migrant Workers for Recruits

Russia is stepping up efforts to recruit migrant workers from Central Asia for its war in Ukraine, Britain's Ministry of Defence said on Sunday in an intelligence update.

The ministry said there were at least 6 million migrants from Central Asia living in Russia, and that recruiters had placed online advertisements in Armenia and Kazakhstan.

The update added that the Kremlin was keen to avoid another round of mobilisation before the presidential election.

Publish date : 2023-09-03
"""

UPDATE_B = """Central Asians Lured Into Russia's Army

Recruiters working for the Russian military have been approaching labour migrants in Moscow and Saint Petersburg, the UK authorities said in a statement released on Sunday.

According to the UK authorities, at least 6 million migrants from Central Asia live in Russia and many face pressure to sign contracts with the army.

Rights groups in Tashkent said the men were rarely told that the contracts would send them to the front.

Publish date : 2023-09-04
"""


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    import threadline

    src = tmp_path_factory.mktemp("independence")
    (src / "a.txt").write_text(UPDATE_A, encoding="utf-8")
    (src / "b.txt").write_text(UPDATE_B, encoding="utf-8")
    with threadline.open(src / "i.db") as corpus:
        corpus.run([str(src)], report=str(src / "r.md"))
        yield corpus


def test_independence_one_intelligence_update_reported_twice(reported):
    """Two articles relaying one government's figure: two sources, one independent origin."""
    from threadline.read.ledger import export_quantities, ledger

    quantities = [q for q in export_quantities(reported.store) if "migrant" in q["measure"]]
    assert len(quantities) == 1
    q = quantities[0]
    assert (q["sources"], q["independent_sources"]) == (2, 1)
    assert len(q["source_documents"]) == 2
    (row,) = [x for x in ledger(reported.store, measure="migrant")]
    assert (row["sources"], row["independent_sources"]) == (2, 1)


def test_independence_events_carry_counts(reported):
    from threadline.read.events import export_events

    events = list(export_events(reported.store))
    assert events
    for e in events:
        assert e["doc"] in e["source_documents"]
        assert e["sources"] == len(e["source_documents"])
        assert 1 <= e["independent_sources"]


FERRY_A = """Storm halts Harbourline sailings

Harbourline Ferries said it had cancelled 40 sailings on Friday, affecting about 2,000 passengers.

"We regret the disruption," Dana Whitcombe, a Harbourline Ferries spokeswoman, told reporters. Ms Whitcombe said that 130 further sailings were delayed by up to three hours, affecting almost 9,000 passengers.

Publish date : 2024-11-08
"""

FERRY_B = """Ferry firm counts cost of storm

Dana Whitcombe, a spokeswoman for Harbourline Ferries, said the operator had cancelled 40 sailings on Friday.

Engineers were checking the ramps at both terminals before the first crossing of the weekend, and the harbour master said the outer breakwater had lost a section of its wall. Travel agents in the town said bookings for the coming month had held up well despite the weather.

Publish date : 2024-11-09
"""

FERRY_C = """Harbourline expects storm loss

Harbourline Ferries said it had cancelled 40 sailings on Friday.

Coastguard crews spent the night towing two fishing boats back to port after their engines failed in the swell. Shopkeepers along the seafront were clearing sand and seaweed from the promenade on Saturday morning, and the council promised to repair the damaged railings within a fortnight.

Publish date : 2024-11-10
"""


@pytest.fixture(scope="module")
def ferries(tmp_path_factory):
    import threadline

    src = tmp_path_factory.mktemp("voices")
    for name, text in (("a", FERRY_A), ("b", FERRY_B), ("c", FERRY_C)):
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    with threadline.open(src / "v.db") as corpus:
        corpus.run([str(src)], report=str(src / "r.md"))
        yield corpus


def test_independence_a_spokeswoman_is_her_companys_voice(ferries):
    """A spokeswoman's figure and her company's, in one report, are one voice's two counts, not a conflict;
    in two reports they are one origin, not corroboration. The claimant stays the spokeswoman."""
    from threadline.read.ledger import ledger

    quantities = ledger(ferries.store)
    passengers = [q for q in quantities if any("9,000" in c["text"] or "2,000" in c["text"] for c in q["claims"])]
    assert passengers and not any(q["conflict"] for q in passengers), passengers
    assert all(q["independent_sources"] == 1 for q in passengers)
    (cancelled,) = [q for q in quantities if "cancelled" in q["measure"]]
    names = {c["claimant_detail"]["name"] for c in cancelled["claims"]}
    assert names == {"Dana Whitcombe", "Harbourline Ferries"}, names
    assert (cancelled["sources"], cancelled["independent_sources"]) == (3, 1)


def test_independence_voices_are_read_by_their_index(ferries, tmp_path):
    """A person's voice is read through the index of the attributions that name one (migration 27),
    and a store without that index (opened read-only before it is migrated) reads the same voices."""
    import shutil
    import sqlite3

    from threadline.resolve.independence import VOICES, voice_keys
    from threadline.store import Store

    voices = voice_keys(ferries.store)
    assert voices, "the spokeswoman speaks for her company"
    assert voice_keys(ferries.store, list(voices)) == voices
    plan = " ".join(str(tuple(r)) for r in ferries.store.query(
        "EXPLAIN QUERY PLAN " + VOICES.format(source="mention_entities ms", index="INDEXED BY records_voice")))
    assert "records_voice" in plan
    copy = tmp_path / "old.db"
    ferries.store.db.execute("PRAGMA wal_checkpoint(FULL)")
    shutil.copy(ferries.store.path, copy)
    db = sqlite3.connect(copy)
    db.execute("DROP INDEX records_voice")
    db.commit()
    db.close()
    with Store(copy, readonly=True) as old:
        assert voice_keys(old) == voices
        assert voice_keys(old, list(voices)) == voices
