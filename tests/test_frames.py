"""Measure frames and the relations between claims of one quantity."""

from __future__ import annotations

import io
import json

import pytest

from threadline.read.ledger import ledger
from threadline.resolve.claims import Claim
from threadline.extract.measures import parse_key
from threadline.resolve.frames import Frame, describe, frame_of, merged
from threadline.resolve.quantities import LEAD_ORDER, compare, group

from .test_quantities import claim, resolved  # noqa: F401 (the fixture)


def framed(*args, place=None, entities=(), part_of=None, **kwargs) -> Claim:
    c = claim(*args, **kwargs)
    c.place, c.entities, c.part_of = place, tuple(entities), part_of
    return c


def test_frames_read_role_group_rate_and_plan_off_the_key():
    assert parse_key("recruits NP per-month planned") == ("recruits", ("NP",), "per-month", True)
    assert parse_key("migrants central-asia") == ("migrants", ("central-asia",), None, False)
    assert parse_key("quarterly profit") == ("quarterly profit", (), None, False)
    assert parse_key("sign-up bonus") == ("sign-up bonus", (), None, False)
    assert parse_key("budget federal deficit")[0] == parse_key("budget deficit")[0] == "budget deficit"
    assert parse_key("new job")[0] == "job" and parse_key("record")[0] == "record"


def test_frames_hold_predicate_place_unit_period_and_sources():
    data = {"measure_key": "recruits NP", "measure_text": "Nepalis recruited", "unit": "people", "currency": None}
    f = frame_of(data, scope_start="2024-01-01", chain=["a-d-0", "a-d-1"], place="RU", entities=())
    assert f == Frame("recruits", ("NP",), (), "recruited", None, "people", None, "cumulative", "2024-01-01", None, False, ("a-d-0", "a-d-1"))
    assert f.where == ("NP",)  # the population's nationality, not the report's country
    assert Frame.from_dict(f.as_dict()) == f
    point = frame_of(data, scope_start=None, chain=[], place=None, entities=())
    shared = merged([f.as_dict(), point.as_dict()])
    assert shared["periods"] == ["cumulative", "point"] and shared["population"]["group"] == ["NP"]
    assert describe(shared) == "recruits (NP), recruited, people, cumulative since a date or at a point"
    pay = frame_of({"measure_key": "salary per-month", "unit": "RUB", "currency": "RUB"}, scope_start=None, chain=[], place="AM", entities=())
    assert (pay.period, pay.per, pay.predicate, pay.where) == ("rate", "per-month", "paid", ("AM",))
    noun = frame_of({"measure_key": "profit", "measure_text": "profits at Time Warner", "currency": "USD"}, scope_start=None, chain=[],
                    place=None, entities=("E1",))
    assert (noun.role, noun.predicate, noun.entities, noun.period) == ("profit", None, ("E1",), "point")
    assert frame_of({"measure_key": None}, scope_start=None, chain=[], place=None, entities=()) is None


def test_frames_the_same_figure_as_ceiling_and_floor_is_a_hedge_conflict():
    up_to = claim(15_000, "up to", doc="a", who="intelligence", as_of="2025-09", source="clause")
    more = claim(15_000, "more than", doc="b", who="outlet b", as_of="2025-09", source="clause")
    kind, text = compare(up_to, more)
    assert kind == "hedge conflict" and "ceiling" in text and "floor" in text
    later = claim(15_000, "more than", doc="b", who="outlet b", as_of="2026-09", source="clause")
    assert compare(up_to, later)[0] != "hedge conflict"  # a year later the count may have passed its old ceiling


def test_frames_a_figure_counted_among_another_is_a_part_of_it():
    casualties = framed(300_000, "nearly", doc="a", seq=1, as_of="2023-08", source="clause")
    deaths = framed(120_000, "up to", doc="a", seq=2, as_of="2023-08", source="clause", part_of=1)
    kind, text = compare(casualties, deaths)
    assert kind == "part of" and "part of" in text
    elsewhere = framed(120_000, "up to", doc="b", seq=1, as_of="2023-08", source="clause", part_of=1)
    assert compare(casualties, elsewhere)[0] != "part of"  # another report's seq 1 is another figure


def test_frames_one_source_repeated_is_a_restatement_two_sources_corroborate():
    a = claim(17, doc="a", who="police", as_of="2023-09-09")
    assert compare(a, claim(17, doc="b", seq=1, who="police", as_of="2023-09-09"))[0] == "restatement"
    assert compare(a, claim(17, doc="b", seq=1, who="ministry", as_of="2023-09-09"))[0] == "corroborates"
    outlet = claim(17, doc="a", seq=2, who="outlet a", as_of="2023-09-09")
    outlet.claimant_kind = "outlet"
    assert compare(a, outlet)[0] == "restatement"  # the report repeating its source


def test_frames_a_running_total_later_and_not_smaller_is_an_update():
    july = claim(185_000, as_of="2023-07-31", scope="2023-01-01", who="Medvedev", doc="a")
    august = claim(231_000, "more than", as_of="2023-08-03", scope="2023-01-01", who="outlet", doc="b")
    kind, text = compare(july, august)
    assert kind == "update" and "not smaller" in text


def test_frames_amounts_in_two_currencies_are_two_quantities():
    roubles = claim(190_000, currency="RUB", usd={"value": 2_000, "source": "article"}, key="salary per-month", doc="a")
    again = claim(190_000, currency="RUB", usd=None, key="salary per-month", doc="b", who="outlet")
    offer = claim(4_160, "up to", currency="USD", usd={"value": 4_160, "source": "stated"}, key="salary per-month", doc="a", seq=1)
    groups = sorted(sorted((c.doc, c.seq) for c in g) for g in group([roubles, again, offer]))
    assert groups == [[("a", 0), ("b", 0)], [("a", 1)]]


def test_frames_group_by_countries_and_named_entities():
    cuba = framed(17, key="arrests CU", doc="a", as_of="2023-09-09", place="CU", measure="people arrested")
    cuba_police = framed(17, key="arrests", doc="b", seq=1, as_of="2023-09-10", place="CU", measure="people arrested")
    nepal = framed(22, key="arrests", doc="c", seq=2, as_of="2023-09-12", place="NP", measure="suspects arrested")
    nowhere = framed(20, key="arrests", doc="d", seq=3, as_of="2023-09-12", measure="suspects arrested")
    groups = sorted(sorted(c.seq for c in g) for g in group([cuba, cuba_police, nepal, nowhere]))
    assert groups == [[0, 1], [2], [3]]  # a claim of no known country is not taken to be of any
    tw = framed(1.13e9, key="profit", currency="USD", doc="a", entities=["E-tw"], measure="profits at Time Warner", as_of="2005-02")
    tw2 = framed(1.1e9, "about", key="profit", currency="USD", doc="b", seq=1, entities=["E-tw"], measure="profits", as_of="2005-02")
    other = framed(4e8, key="profit", currency="USD", doc="c", seq=2, entities=["E-gm"], measure="profits at GM", as_of="2005-02")
    groups = sorted(sorted(c.seq for c in g) for g in group([tw, tw2, other]))
    assert groups == [[0, 1], [2]]


@pytest.mark.parametrize("phrase", ["Nepalis", "Nepali nationals", "citizens of Nepal"])
def test_frames_one_population_whatever_its_wording(corpus, tmp_path, phrase):
    (tmp_path / "a.txt").write_text(
        "Nepal counts its men in Russia's army\n\n"
        "Nepal's foreign ministry said on Thursday that about 200 Nepalis had been recruited into the Russian army.\n\n"
        "Officials said they would publish a list of names when their checks are done, and asked relatives to come forward.\n\n"
        "Publish date : 2024-01-26 10:15:00\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Lawmaker puts the count far higher\n\n"
        f"A lawmaker told parliament on Wednesday that some 1,200 {phrase} had been recruited into the Russian army.\n\n"
        "The government has not accepted the number, and officials say they cannot check the enlistment rolls.\n\n"
        "Publish date : 2024-01-25 09:00:00\n",
        encoding="utf-8",
    )
    corpus.ingest([str(tmp_path)])
    corpus.analyze(workers=1)
    corpus.resolve()
    rows = [q for q in ledger(corpus.store) if any(c["value"] in (200, 1_200) for c in q["claims"])]
    assert len(rows) == 1 and {c["value"] for c in rows[0]["claims"]} == {200, 1_200}
    assert all(c["frame"]["population"]["group"] == ["NP"] for c in rows[0]["claims"])
    assert rows[0]["conflict"], rows[0]["findings"]  # a sixfold gap within a day, between two sources


def test_frames_and_relations_in_the_cli_and_the_export(resolved, capsys):
    from threadline.cli import main
    from threadline.exports.sections import write_json

    assert main(["--db", str(resolved.path), "figures", "--conflicts"]) == 0
    out = capsys.readouterr().out
    assert "  measures: recruits (NP), recruited, people, at a point" in out
    assert "! conflict: " in out and "they cannot both hold at the same time" in out
    out = io.StringIO()
    write_json(resolved.store, out)
    exported = json.loads(out.getvalue())
    nepal = next(q for q in exported["quantities"] if q["conflict"])
    assert nepal["frame"]["population"] == {"role": "recruits", "group": ["NP"], "entities": []}
    assert all(f["text"] and f["kind"] in LEAD_ORDER for f in nepal["findings"])
    figure = next(f for f in exported["figures"] if f["id"] in nepal["figure_ids"])
    assert figure["frame"]["population"]["group"] == ["NP"] and figure["frame"]["period"]["kind"] == "point"


def test_frames_a_pronoun_in_the_measure_names_its_organisation(tmp_path):
    import threadline

    (tmp_path / "a.txt").write_text(
        "Exchange turns down the bid\n\n"
        "The London Stock Exchange rejected the offer. It said the bid undervalued the business. "
        "Its shares rose 4% to a new high.\n\n"
        "Analysts said a higher offer could follow, and traders bought the stock all day.\n",
        encoding="utf-8",
    )
    with threadline.open(tmp_path / "t.db") as corpus:
        corpus.ingest([str(tmp_path / "a.txt")])
        corpus.analyze(workers=1)
        corpus.resolve()
        rows = [q for q in ledger(corpus.store) if any(c["value"] == 4 for c in q["claims"])]
        names = {e["name"] if isinstance(e, dict) else e for e in rows[0]["frame"]["population"]["entities"]} if rows else set()
        entity = corpus.store.query("SELECT id FROM entities WHERE name LIKE '%London Stock Exchange'")
    assert rows and entity and entity[0]["id"] in names, rows  # "its shares" are the exchange's shares


def test_frames_tolls_of_places_that_meet_nowhere_are_two_incidents():
    from threadline.resolve.frames import places_meet

    assert places_meet([("GR", "Athens")], [("GR", None)])  # the city and its country
    assert places_meet([(None, "Lesbos")], [("GR", None)])  # a place of unknown country meets by name or country
    assert places_meet([], [("UA", "Kharkiv")])  # a toll that names no place
    assert not places_meet([("UA", "Odesa")], [("UA", "Kharkiv")])
    assert not places_meet([("US", "Atlanta")], [("GR", None)])
    assert places_meet([("US", "Atlanta"), ("GE", None)], [("US", "atlanta")])  # one pair is enough, names by case

    def toll(value, doc, at, day):
        c = framed(value, as_of=day, source="clause", who=f"official {doc}", doc=doc, key="deaths", measure="people killed")
        if at:
            c.data["at"] = [list(p) for p in at]
        return c

    odesa = toll(21, "a", [("UA", "Odesa")], "2024-03-15")
    kharkiv = toll(3, "b", [("UA", "Kharkiv")], "2024-03-15")
    again = toll(23, "c", [("UA", "Odesa")], "2024-03-15")
    groups = group([odesa, kharkiv, again])
    assert sorted(sorted(c.doc for c in g) for g in groups) == [["a", "c"], ["b"]]
    assert "at Odesa" in describe(merged([c.frame.as_dict() for c in (odesa, again)]))
    assert Frame.from_dict(odesa.frame.as_dict()) == odesa.frame
