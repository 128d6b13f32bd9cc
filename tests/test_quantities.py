"""Quantities: tolerance of hedges, conflicts versus updates, grouping, claimants and dates, the ledger, export and CLI."""

from __future__ import annotations

import json
import math
import sqlite3

import pytest

import threadline

from threadline.cli import main
from threadline.exports.sections import write_json
from threadline.read.ledger import ledger
from threadline.resolve.claims import Claim
from threadline.resolve.quantities import LEAD_ORDER, _rounding, compare, findings_digest, group, interval

from .conftest import DROP_CLUSTER_COLUMNS, drop_tables_after, resolved_texts


def claim(value, qualifier="exact", *, as_of=None, source="published", who="Ministry", doc="d1", seq=0, low=None, high=None,
          scope=None, key="recruits NP", unit="people", currency=None, usd=None, measure="nationals recruited"):
    data = {"value": value, "low": low, "high": high, "qualifier": qualifier, "unit": currency or unit, "currency": currency,
            "measure_key": key, "measure_text": measure, "usd": usd}
    c = Claim(doc, seq, 0, 1, data, str(value), claimant_name=who)
    c.as_of, c.as_of_precision, c.as_of_source, c.scope_start = as_of, None, (source if as_of else None), scope
    c.usd = usd
    return c


@pytest.mark.parametrize(("value", "half"), [(280_000, 5_000), (231_000, 500), (300_000, 50_000), (88, 0.5), (1.5, 0.05), (14_000, 500)])
def test_quantities_exact_figures_hold_half_their_last_digit(value, half):
    assert _rounding(value) == half


def test_quantities_hedges_widen_the_interval():
    assert interval(claim(200, "about")) == pytest.approx((160, 240))  # 15%, and 5% for the rounding
    assert interval(claim(10_000, "more than")) == (10_000, math.inf)
    assert interval(claim(15_000, "as many as")) == (0, 15_000)
    assert interval(claim(100, "nearly")) == pytest.approx((80, 100))
    assert interval(claim(280_000)) == (275_000, 285_000)
    assert interval(claim(14_500, low=14_000, high=15_000)) == (13_500, 15_500)
    rub = claim(495_000, currency="RUB", usd={"value": 5_130, "source": "article"}, unit=None)
    assert interval(rub) == pytest.approx((5_124.82, 5_135.18), rel=1e-4)  # in dollars, at the article's rate
    assert interval(claim(495_000, currency="RUB", usd=None)) is None  # no dollar value, no cross-currency comparison
    assert interval(claim(495_000, currency="RUB", usd=None), "RUB") == (494_500, 495_500)


def test_quantities_incompatible_claims_at_one_time_conflict():
    ministry = claim(200, "about", as_of="2024-01-26", who="foreign ministry", doc="a")
    lawmaker = claim(14_500, low=14_000, high=15_000, as_of="2024-03-20", who="lawmaker", doc="b")
    kind, text = compare(ministry, lawmaker)
    assert kind == "conflict" and "same time" in text


def test_quantities_the_same_source_later_is_an_update():
    august = claim(230_000, "about", as_of="2023-08", source="clause", who="Medvedev", doc="a")
    september = claim(280_000, "about", as_of="2023-09-03", source="attribution", who="Medvedev", doc="b")
    assert compare(august, september)[0] == "update"


def test_quantities_one_report_can_give_an_earlier_and_a_later_figure():
    early = claim(230_000, as_of="XXXX-08", source="clause", doc="a")
    later = claim(280_000, as_of="XXXX-WXX-7", source="attribution", doc="a", seq=1)
    assert compare(early, later)[0] == "update"  # dates left unresolved, but told apart


def test_quantities_plausible_growth_is_an_update_a_seventyfold_jump_is_not():
    october = claim(3_000, "about", as_of="2024-10-23", source="attribution", who="spy agency", doc="a")
    december = claim(10_000, "more than", as_of="2024-12-05", who="intelligence service", doc="b")
    assert compare(october, december)[0] == "update"
    small = claim(200, "about", as_of="2024-01-26", who="ministry", doc="a")
    large = claim(14_000, as_of="2024-02-20", who="lawmaker", doc="b")
    assert compare(small, large)[0] == "conflict"


def test_quantities_dates_given_in_the_text_tell_claims_apart():
    july = claim(185_000, as_of="2023-07", source="clause", who="outlet", doc="a")
    august = claim(231_000, "more than", as_of="2023-08", source="clause", who="other outlet", doc="b")
    assert compare(july, august)[0] == "update"


def test_quantities_a_running_total_cannot_fall():
    earlier = claim(280_000, as_of="2023-09-03", scope="2023", who="one", doc="a", source="attribution")
    later = claim(150_000, as_of="2023-10-20", scope="2023", who="another", doc="b", source="attribution")
    kind, text = compare(earlier, later)
    assert kind == "conflict" and "cannot fall" in text
    grown = claim(490_000, as_of="2023-12-20", scope="2023", who="another", doc="b", source="attribution")
    assert compare(earlier, grown)[0] == "update"


def test_quantities_hedged_values_that_meet_corroborate():
    nearly = claim(100, "nearly", doc="a", who="defence ministry", key="aid", unit="ton")
    over = claim(88, "more than", doc="a", seq=1, who="outlet", key="aid", unit="ton")
    kind, text = compare(nearly, over)
    assert kind == "corroborates" and "hedges" in text
    assert compare(claim(20_000, "as many as", doc="a"), claim(20_000, "about", doc="b", as_of="2025-09", who="spokesman"))[0] == "corroborates"
    assert compare(claim(20_000, "as many as", doc="a"), claim(20_000, "about", doc="b", as_of="2025-09"))[0] == "restatement"  # one source


def test_quantities_an_outlets_figure_and_another_reports_under_a_bare_word_nothing_ties_do_not_conflict():
    def spec(value, doc, entities=()):
        c = claim(value, as_of="2024-03-20", who=None, doc=doc, key="torque", unit="pound-foot", measure="torque")
        c.claimant_kind, c.outlet, c.entities = "outlet", "Motor Weekly", entities
        return c

    kind, text = compare(spec(406, "a"), spec(490, "b"))  # two cars' torque, one outlet's two reviews
    assert kind == "undetermined" and "nothing but the word" in text
    assert compare(spec(406, "a", ("E1",)), spec(490, "b", ("E1",)))[0] == "conflict"  # one car named in both
    floor, ceiling = spec(400, "a"), spec(400, "b")
    floor.data["qualifier"], ceiling.data["qualifier"] = "more than", "nearly"
    assert compare(floor, ceiling)[0] != "hedge conflict"  # two shares' losses, "more than" and "nearly" half
    ministry = claim(200, as_of="2024-01-26", who="ministry", doc="a", key="revenue", unit=None)
    ministry.claimant_kind = "attribution"
    lawmaker = claim(900, as_of="2024-01-26", who="lawmaker", doc="b", key="revenue", unit=None)
    lawmaker.claimant_kind = "attribution"
    assert compare(ministry, lawmaker)[0] == "conflict"  # two named sources may dispute one word's figure


def test_quantities_undated_claims_from_two_reports_are_undetermined():
    assert compare(claim(200, doc="a"), claim(14_000, doc="b"))[0] == "undetermined"
    assert compare(claim(200, doc="a"), claim(14_000, doc="b", as_of="2024-03-20"))[0] == "undetermined"


def test_quantities_two_named_sources_bare_word_figures_from_reports_about_two_countries_do_not_conflict():
    def forecast(value, doc, who, home):
        c = claim(value, as_of="2005", source="clause", who=who, doc=doc, key="sale planned", unit=None, measure="sales")
        c.claimant_kind = "attribution"
        if home:
            c.data["home"] = home
        return c

    kind, text = compare(forecast(200_000, "a", "research group", "US"), forecast(500_000, "b", "dealers' body", "ZA"))
    assert kind == "undetermined" and "two countries" in text
    assert compare(forecast(200_000, "a", "research group", "US"), forecast(500_000, "b", "dealers' body", "US"))[0] == "conflict"
    assert compare(forecast(200_000, "a", "research group", "US"), forecast(500_000, "b", "dealers' body", None))[0] == "conflict"


def test_quantities_a_bare_words_agreeing_figures_from_reports_about_different_people_do_not_corroborate():
    def count(doc, who, about):
        c = claim(3, doc=doc, who=who, key="people", unit="people", measure="people")
        c.claimant_kind, c.outlet = ("outlet", "Daily Wire") if who is None else ("attribution", "Evening Post")
        c.data["about"] = about
        return c

    kind, text = compare(count("a", None, ["jail", "okafor"]), count("b", "Minister Vale", ["riot police", "vale"]))
    assert kind == "undetermined" and "nothing ties them" in text  # a jailbreak's and a riot's "three people"
    assert compare(count("a", None, ["okafor", "vale"]), count("b", "Minister Vale", ["vale"]))[0] == "corroborates"
    assert compare(count("a", None, []), count("b", "Minister Vale", ["vale"]))[0] == "corroborates"  # nothing known


def test_quantities_one_outlets_undated_tolls_in_two_reports_are_no_update():
    def toll(value, doc):
        c = claim(value, doc=doc, who=None, key="deaths", measure="people killed")
        c.claimant_kind, c.outlet = "outlet", "Daily Wire"
        return c

    kind, text = compare(toll(2, "a"), toll(4, "b"))  # a prison death and a rail crash's toll, one outlet, undated
    assert kind == "undetermined", text
    recruits = [claim(200, doc=d, who=None, key="recruits NP") for d in "ab"]
    for c, value in zip(recruits, (200, 400)):
        c.claimant_kind, c.outlet, c.data["value"] = "outlet", "Daily Wire", value
    assert compare(*recruits)[0] == "update"  # a count that is no toll still reads as a change


def test_quantities_money_in_one_currency_compares_as_written():
    a = claim(495_000, currency="RUB", usd={"value": 5_000, "source": "article"}, key="sign-up bonus", doc="a")
    b = claim(495_000, currency="RUB", usd={"value": 5_130, "source": "article"}, key="sign-up bonus", doc="b")
    assert compare(a, b)[0] == "restatement"  # the articles' conversions differ, the amounts do not


def test_quantities_amounts_in_two_currencies_do_not_conflict():
    euros = claim(1_000, currency="EUR", usd={"value": 1_100}, key="sign-up bonus", doc="a", as_of="2023-07-31", source="attribution")
    roubles = claim(495_000, currency="RUB", usd={"value": 5_130}, key="sign-up bonus", doc="b", as_of="2023-09-05", who="other")
    assert compare(euros, roubles) is None
    dollars = claim(5_000, currency="USD", usd={"value": 5_000}, key="sign-up bonus", doc="c", as_of="2023-09-05", who="third")
    assert compare(roubles, dollars)[0] == "corroborates"  # at the article's rate, $5,130 and $5,000 meet


def test_quantities_group_by_key_unit_and_time_scope():
    old = claim(100, as_of="2019-05-01", doc="a", measure="recruits from Nepal")
    new = claim(200, as_of="2023-05-01", doc="b", seq=1, measure="recruits from Nepal")
    newer = claim(220, as_of="2023-06-01", doc="c", seq=2, measure="Nepalis recruited")
    undated = claim(210, doc="c", seq=3, measure="Nepalis in the army")
    other_unit = claim(5, as_of="2023-06-01", doc="c", seq=4, unit="brigade", measure="brigades recruited")
    groups = sorted(sorted(c.seq for c in g) for g in group([old, new, newer, undated, other_unit]))
    assert groups == [[0], [1, 2, 3], [4]]


def test_quantities_a_bare_noun_groups_only_claims_worded_alike():
    a = claim(2, key="country", unit="country", measure="countries", doc="a")
    b = claim(3, key="country", unit="country", measure="countries listed as sponsors", doc="b", seq=1)
    c = claim(2, key="country", unit="country", measure="countries", doc="c", seq=2)
    assert sorted(sorted(x.seq for x in g) for g in group([a, b, c])) == [[0, 2], [1]]


KATHMANDU = """Nepal asks Moscow to send its recruits home

The foreign ministry estimates that about 200 Nepali nationals have been recruited into the Russian army, Foreign Minister Narayan Saud said on Thursday.

Police in the capital said on Tuesday they had arrested 12 people who charged job-seekers for visas to Moscow.

Source link : https://kathmandu-daily.example/news/recruits-home
Publish date : 2024-01-26 10:15:00
"""

HIMALAYA = """Lawmaker says 15,000 Nepalis serve in Russia's army

Former foreign minister Bimala Rai Paudyal told parliament that between 14,000 and 15,000 Nepali nationals have been recruited into the Russian army, a figure far above the official count.

The government has not accepted her number, and officials say they cannot check Russian enlistment rolls at all.

Source link : https://himalaya-post.example/politics/lawmaker-15000
Publish date : 2024-03-20 09:00:00
"""

CONTRACTS = """Medvedev: more recruits signed up since January

Dmitry Medvedev said on Thursday that more than 231,000 people had signed contracts with the armed forces since January 1.

In early July he had put the number at 185,000. The ministry pays a one-off bonus of 1,000 euros, an official said on Monday.

Source link : https://front-digest.example/russia/contracts
Publish date : 2023-08-04 09:05:00
"""


INTELLIGENCE = """Intelligence update on recruitment abroad

"Recruiting foreign nationals lets the Kremlin find more men for the war," the British Defence Ministry said in its update.

To this end, recruiters have offered 495,000 roubles ($5,130) as a sign-up bonus to men in Armenia.

In August, U.S. officials told The New York Times that Russian casualties were nearing 300,000.

Source link : https://world-brief.example/intelligence-update
Publish date : 2023-09-05 03:00:00
"""


@pytest.fixture
def resolved(corpus, tmp_path):
    articles = (("kathmandu.txt", KATHMANDU), ("himalaya.txt", HIMALAYA), ("contracts.txt", CONTRACTS), ("intel.txt", INTELLIGENCE))
    for name, text in articles:
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    corpus.analyze(workers=1)
    counts = corpus.resolve()
    assert counts["quantities"] >= 3
    return corpus


def by_id_text(quantity, ids):
    return [c["text"] for c in quantity["claims"] if c["id"] in ids]


def _claims(rows, text):
    return [c for q in rows for c in q["claims"] if c["text"] == text]


def test_quantities_ledger_flags_the_conflict_between_sources(resolved):
    rows = ledger(resolved.store, measure="recruits NP")
    assert len(rows) == 1 and rows[0]["conflict"]
    by_text = {c["text"]: c for c in rows[0]["claims"]}
    assert {"about 200", "between 14,000 and 15,000", "15,000"} == set(by_text)  # the headline claims too
    assert by_text["about 200"]["claimant_detail"]["kind"] == "attribution"
    assert by_text["about 200"]["as_of"] == "2024-01-25"  # "said on Thursday", the day before publication
    assert by_text["between 14,000 and 15,000"]["as_of"] == "2024-03-20" and by_text["between 14,000 and 15,000"]["as_of_source"] == "published"
    kinds = {tuple(sorted(by_id_text(rows[0], f["figures"]))): f["kind"] for f in rows[0]["findings"]}
    assert kinds[("about 200", "between 14,000 and 15,000")] == "conflict"
    assert kinds[("15,000", "between 14,000 and 15,000")] == "corroborates"
    assert ledger(resolved.store, conflicts_only=True) == rows


def test_quantities_ledger_keeps_an_update_apart_from_a_conflict(resolved):
    rows = ledger(resolved.store, measure="recruits")
    running = next(q for q in rows if q["measure_key"] == "recruits")
    assert not running["conflict"] and running["updates"] == 1
    july, august = sorted(running["claims"], key=lambda c: c["as_of"])
    assert (july["text"], july["as_of"]) == ("185,000", "2023-07")
    assert (august["text"], august["as_of"], august["scope_start"]) == ("more than 231,000", "2023-08-03", "2023-01-01")


def test_quantities_money_is_priced_at_the_claims_date(resolved):
    bonus = _claims(ledger(resolved.store, measure="bonus"), "1,000 euros")[0]
    assert bonus["as_of"] == "2023-07-31"  # "an official said on Monday", before the 2023-08-04 report
    assert bonus["usd"]["computed"] and bonus["usd"]["source"] == "ECB rate 2023-07-31"
    assert 1_050 < bonus["usd"]["value"] < 1_150


def test_quantities_export_sections_carry_the_contract_fields(resolved):
    import io

    out = io.StringIO()
    counts = write_json(resolved.store, out)
    data = json.loads(out.getvalue())
    assert counts["timexes"] and counts["figures"] and counts["quantities"]
    assert set(data["timexes"][0]) == {"doc", "start", "end", "text", "type", "value", "precision", "words"}
    fig = next(f for f in data["figures"] if f["text"] == "about 200")
    assert {"id", "doc", "start", "end", "text", "value", "low", "high", "unit", "qualifier", "measure", "measure_key", "claimant", "as_of", "as_of_precision", "as_of_source", "as_of_words", "usd", "quantity", "rate", "conversion"} <= set(fig)
    quantity = next(q for q in data["quantities"] if q["id"] == fig["quantity"])
    assert fig["id"] in quantity["figure_ids"] and quantity["conflict"] is True
    keys = list(data)
    assert keys.index("timexes") < keys.index("figures") < keys.index("quantities")


def test_quantities_cli_prints_the_ledger(resolved, capsys):
    db = str(resolved.path)
    assert main(["--db", db, "figures", "--conflicts"]) == 0
    out = capsys.readouterr().out
    assert "CONFLICT" in out and "about 200" in out and "between 14,000 and 15,000" in out and "! conflict:" in out
    assert main(["--db", db, "figures", "--measure", "arrests", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [c["text"] for q in rows for c in q["claims"]] == ["12"]
    assert main(["--db", db, "figures", "--measure", "no such measure"]) == 0
    assert "no figures" in capsys.readouterr().out


def test_quantities_claimants_carry_on_and_relay(resolved):
    bonus = _claims(ledger(resolved.store, measure="sign-up bonus"), "495,000 roubles")[0]
    assert bonus["claimant_detail"]["kind"] == "context" and "Defence Ministry" in bonus["claimant_detail"]["name"]
    assert (bonus["usd"]["value"], bonus["usd"]["source"]) == (5_130, "article")
    casualties = _claims(ledger(resolved.store, measure="casualties"), "300,000")[0]
    assert "New York Times" in casualties["claimant_detail"]["name"].split(" via ")[1]
    assert (casualties["as_of"], casualties["qualifier"]) == ("2023-08", "nearly")


def test_quantities_digest_their_findings_as_resolve_and_the_migration_do(resolved, tmp_path):
    """The digest a page reads instead of the findings (counts by kind, conflicts then updates,
    the figures in conflict) is the findings' own, written by resolve and by the migration that adds it."""
    db = sqlite3.connect(resolved.store.path)
    stored = {q: (json.loads(f), json.loads(d)) for q, f, d in db.execute("SELECT id, findings, findings_digest FROM quantities")}
    old = tmp_path / "old.db"
    db.execute(f"VACUUM INTO '{old}'")
    db.close()
    assert any(d["conflict_figures"] for _, d in stored.values()) and any(d["kinds"].get("update") for _, d in stored.values())
    assert all(d == findings_digest(f) for f, d in stored.values())
    db = sqlite3.connect(old)
    drop_tables_after(db, 9)
    db.executescript(
        DROP_CLUSTER_COLUMNS + "ALTER TABLE quantities DROP COLUMN findings_digest; ALTER TABLE figure_facts DROP COLUMN frame;"
        " ALTER TABLE figure_facts DROP COLUMN part_of; ALTER TABLE mention_keys DROP COLUMN refs;"
        " ALTER TABLE claims_pending DROP COLUMN records_kept; PRAGMA user_version = 8;"
    )
    db.close()
    threadline.open(old).close()  # migrates
    db = sqlite3.connect(old)
    migrated = {q: json.loads(d) for q, d in db.execute("SELECT id, findings_digest FROM quantities")}
    db.close()
    assert migrated == {q: d for q, (_, d) in stored.items()}


def test_quantities_ledger_page_shows_the_findings_through_their_digest(resolved):
    """The workbench's bounded ledger reads the digest, not the findings, and shows what the
    findings say: their counts by kind, the first conflicts then updates, and a conflict flag on
    exactly the figures conflicts name."""
    from collections import Counter

    from .workbench_data import Client

    stored = {q["id"]: q["findings"] for q in ledger(resolved.store)}
    groups = [g for g in Client(resolved.store.path).get("/figures.json?limit=500").json()["groups"] if g["quantity"]]
    assert groups and any(g["findings"] for g in groups) and any(f["conflict"] for g in groups for f in g["figures"])
    for g in groups:
        found = stored[g["quantity"]]
        assert g["finding_counts"] == dict(sorted(Counter(f["kind"] for f in found).items()))
        assert g["findings"] == sorted(found, key=lambda f: LEAD_ORDER.index(f["kind"]))[:20]
        named = {fid for f in found if f["kind"] == "conflict" for fid in f["figures"]}
        assert [f["conflict"] for f in g["figures"]] == [f["id"] in named for f in g["figures"]]


def test_quantities_store_at_most_max_findings_conflicts_first(monkeypatch):
    from threadline.resolve import quantities as qmod

    found = [{"kind": "update", "figures": [f"a{i}", f"b{i}"], "text": ""} for i in range(5)]
    found.insert(3, {"kind": "conflict", "figures": ["x", "y"], "text": ""})
    monkeypatch.setattr(qmod, "MAX_FINDINGS", 3)
    kept = qmod.kept_findings(found)
    assert [f["kind"] for f in kept] == ["conflict", "update", "update"] and kept[1]["figures"] == ["a0", "b0"]
    monkeypatch.setattr(qmod, "MAX_FINDINGS", 10)
    assert qmod.kept_findings(found) == found


def outlet_claim(value, *, doc, seq=0, who=None, kind="outlet", outlet="Daily Ledger", **kw):
    c = claim(value, doc=doc, seq=seq, who=who or outlet, **kw)
    c.claimant_kind, c.outlet = kind, outlet
    return c


def test_quantities_one_outlet_repeating_a_figure_restates_it():
    first = outlet_claim(9_300_000_000, doc="a")
    again = outlet_claim(9_300_000_000, doc="b")
    kind, text = compare(first, again)
    assert kind == "restatement" and "Daily Ledger" in text
    quoted = outlet_claim(9_300_000_000, doc="b", who="the ministry", kind="attribution")
    assert compare(first, quoted)[0] == "restatement"  # the outlet's own figure and a source it quotes in another report
    other = outlet_claim(9_300_000_000, doc="b", outlet="Evening Wire")
    assert compare(first, other)[0] == "corroborates"  # two outlets
    rounded = outlet_claim(9_400_000_000, doc="b")
    kind, text = compare(first, rounded)
    assert kind == "restatement" and "rounded" in text  # one price given as $9.3bn and as $9.4bn


def test_quantities_one_reports_own_figure_beside_its_sources_is_no_conflict():
    own = outlet_claim(4_000_000, doc="a", seq=0, key="copy", unit="copy")
    sourced = outlet_claim(677_000, doc="a", seq=1, who="Latest figures", kind="attribution", key="copy", unit="copy")
    kind, text = compare(own, sourced)
    assert kind == "undetermined" and "its own figure beside its source's" in text
    rival = outlet_claim(5_000_000, doc="a", seq=2, who="Chartwell Research", kind="attribution", key="copy", unit="copy")
    assert compare(sourced, rival)[0] == "conflict"  # two named sources of one report may still dispute a count
    recruits = outlet_claim(200, doc="a", seq=3, as_of="2024-05-02")
    ministry = outlet_claim(14_000, doc="b", seq=0, who="the ministry", kind="attribution", outlet="Evening Wire", as_of="2024-05-02")
    assert compare(recruits, ministry)[0] == "conflict"  # another outlet's source: not one report's two counts


def test_quantities_one_outlet_giving_a_figure_to_another_precision_restates_it():
    rounded = outlet_claim(9_300_000_000, doc="a")
    precise = outlet_claim(9_370_000_000, doc="b")  # within a unit of the last digit of "$9.3bn"
    kind, text = compare(rounded, precise)
    assert kind == "restatement" and "another precision" in text
    assert compare(rounded, outlet_claim(9_500_000_000, doc="b"))[0] == "update"  # two units away: another value


def test_quantities_a_price_of_one_thing_is_one_sum_in_any_currency():
    dollars = claim(9.3e9, currency="USD", usd={"value": 9.3e9}, key="price kestrel", doc="a", measure="Kestrel unit sold for")
    roubles = claim(260e9, currency="RUB", usd={"value": 9.37e9, "source": "article"}, key="price kestrel", doc="b", seq=1,
                    measure="Kestrel paid for")
    assert [len(g) for g in group([dollars, roubles])] == [2]
    unpriced = claim(260e9, currency="RUB", key="price kestrel", doc="c", seq=2, measure="Kestrel paid for")
    salaries = [claim(190_000, currency="RUB", usd={"value": 2_000}, key="salary per-month", doc="d", seq=3, measure="salary"),
                claim(4_160, "up to", currency="USD", usd={"value": 4_160}, key="salary per-month", doc="e", seq=4, measure="salary")]
    assert sorted(len(g) for g in group([dollars, unpriced])) == [1, 1]  # no dollar value: its own currency
    assert sorted(len(g) for g in group(salaries)) == [1, 1]  # two offers of pay, not one sum


def test_quantities_an_earlier_value_the_report_gives_is_an_update():
    later = outlet_claim(410, doc="a", seq=0, unit="GBP", key="profit")
    earlier = outlet_claim(380, doc="a", seq=1, unit="GBP", key="profit")
    earlier.data["earlier_of"] = 0
    kind, text = compare(later, earlier)
    assert kind == "update" and text.startswith("Daily Ledger: 380") and "earlier figure" in text


def owned(value, doc, seq=0, entities=(), currency=None, who="Daily Ledger", key="profit"):
    c = outlet_claim(value, doc=doc, seq=seq, who=who, key=key, unit=currency or "percent", currency=currency,
                     usd={"value": value} if currency else None, measure="profits")
    c.entities = entities
    return c


def test_quantities_an_organisations_measure_without_its_organisation_joins_only_what_agrees():
    named = owned(410e6, "a", currency="GBP", entities=("E-kestrel",))
    repeated = owned(410e6, "b", currency="GBP")  # another report, no firm named: the same amount
    other = owned(95e6, "c", currency="GBP")  # a smaller firm's profit, its name not in the phrase
    groups = sorted(sorted(c.doc for c in g) for g in group([named, repeated, other]))
    assert groups == [["a", "b"], ["c"]]
    rise, other_rise = owned(40, "d", key="profit change"), owned(40, "e", key="profit change")
    assert len(group([rise, other_rise])) == 2  # two reports' 40% rises in profit: nothing says one firm
    same_report = [owned(40, "f", key="profit change"), owned(38, "f", seq=1, key="profit change")]
    assert len(group(same_report)) == 1
    rival = owned(52, "f", seq=2, key="profit change", who="Brixton Motors")
    assert len(group([*same_report, rival])) == 2  # another claimant of the report: its own firm's, maybe


def test_quantities_one_source_giving_two_values_in_two_undated_reports_is_an_update():
    first = outlet_claim(412, doc="a")
    later = outlet_claim(377, doc="b")
    kind, text = compare(first, later)
    assert kind == "update" and "different reports" in text
    strangers = (claim(412, who="a bank", doc="a"), claim(377, who="a ministry", doc="b"))
    assert compare(*strangers)[0] == "undetermined"


def test_quantities_sources_named_alike_are_one_source():
    a, b = claim(20, who="Labour Office", doc="a"), claim(20, who="labour office", doc="b")
    a.claimant_entity, b.claimant_entity = "E1", "E2"  # two entities the entity step left apart
    assert compare(a, b)[0] == "restatement"


def test_quantities_one_report_does_not_contradict_itself():
    earn_more = outlet_claim(16, doc="a", as_of="2024-05-02", unit="percent")
    earn_less = outlet_claim(35, doc="a", seq=1, as_of="2024-05-02", unit="percent")
    kind, text = compare(earn_more, earn_less)
    assert kind == "undetermined" and "not a contradiction" in text
    ministry = outlet_claim(200, as_of="2024-05-02", who="ministry", kind="attribution", doc="a")
    lawmaker = outlet_claim(15_000, as_of="2024-05-02", who="lawmaker", kind="attribution", doc="a", seq=1)
    assert compare(ministry, lawmaker)[0] == "conflict"  # two sources in one report still can


def test_quantities_a_vague_amount_contradicts_nothing():
    thousands = claim(1_000, "vague", low=1_000, high=9_999, as_of="2024-05-02", who="union", doc="a")
    exact = claim(12_500, as_of="2024-05-02", who="minister", doc="b")
    assert compare(thousands, exact)[0] == "undetermined"


def test_quantities_a_reports_vague_amount_restates_its_count():
    # a headline's "thousands" (dated by the publication) over the body's "up to 20,000" (dated last month)
    headline = claim(1_000, "vague", low=1_000, high=10_000, as_of="2025-10-02", who="Ukrainian intelligence", doc="a", seq=0)
    body = claim(20_000, "up to", as_of="2025-09", who="Andriy Yusov", doc="a", seq=2)
    assert compare(body, headline)[0] == "restatement"
    # one that does not fit the count is still told apart in time
    dozens = claim(12, "vague", low=12, high=99, as_of="2025-10-02", who="Ukrainian intelligence", doc="a", seq=0)
    assert compare(body, dozens)[0] == "update"
    # and in two reports, a vague amount that fits is no update either
    other = claim(1_000, "vague", low=1_000, high=10_000, as_of="2025-10-02", who="Andriy Yusov", doc="b")
    assert compare(body, other)[0] not in ("update", "conflict")


def test_quantities_an_undated_claim_joins_the_quantity_that_gives_its_value():
    dated = claim(412, as_of="2024-09-30", who="Daily Ledger", doc="a", key="budget deficit", measure="budget deficit")
    other = claim(230, as_of="2024-03-01", who="Daily Ledger", doc="c", key="budget deficit", measure="deficit")
    other_far = claim(100, as_of="2020-03-01", who="Daily Ledger", doc="d", key="budget deficit", measure="deficit")
    undated = claim(412, who="Evening Wire", doc="b", key="budget deficit", measure="federal budget deficit")
    groups = group([dated, other, other_far, undated])
    home = next(g for g in groups if undated in g)
    assert dated in home  # the cluster that gives the same value, of the two it shares words with


def test_quantities_one_states_organs_restate_rather_than_corroborate():
    """A state and its organs are one source: their equal figures are one government's figure."""
    uk = claim(6_000_000, "at least", who="United Kingdom", doc="a")
    ministry = claim(6_000_000, "at least", who="British Ministry of Defence", doc="b")
    assert compare(uk, ministry)[0] == "corroborates"  # no state known: two names
    uk.state = ministry.state = "state:GB"
    kind, text = compare(uk, ministry)
    assert kind == "restatement" and "one government" in text
    ministry.state = "state:FR"
    assert compare(uk, ministry)[0] == "corroborates"


def test_quantities_a_ministry_and_its_state_restate_in_the_store(tmp_path):
    articles = {
        "a.txt": "Kremlin eyes Central Asian workers for the front\n\nPublish date : 2023-09-04\n\n"
        "Russia is courting labourers from Central Asia to fill its ranks, the British authorities believe. "
        "At least 6 million migrants from Central Asia live in Russia, the UK authorities said on Sunday.\n",
        "b.txt": "London: Moscow looks to migrants for soldiers\n\nPublish date : 2023-09-05\n\n"
        "The British Ministry of Defence said on Sunday that at least 6 million migrants from Central Asia live in Russia, "
        "and that the Kremlin sees them as possible recruits.\n",
    }
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text)
    db = str(tmp_path / "s.db")
    assert main(["--db", db, "run", str(corpus), "-o", str(tmp_path / "r.html")]) == 0
    con = sqlite3.connect(db)
    rows = [json.loads(r[0]) for r in con.execute("SELECT findings FROM quantities WHERE figures = 2")]
    con.close()
    kinds = [f["kind"] for found in rows for f in found]
    assert kinds == ["restatement"], kinds


@pytest.mark.parametrize(("text", "country"), [
    ("Recruits freed\n\nKATHMANDU — Nepal's government said ...", "NP"),
    ("KYIV/HAVANA — Two governments said ...", "UA"),
    ("MOSCOW, Dec 5 — The treaty took effect ...", "RU"),
    ("BEIJING, March 5 (Wire) -- The ministry said ...", "CN"),
    ("SEOUL (Wire) - The spy agency said ...", "KR"),
    ("Dec 29 (Wire) - Markets fell ...", None),
    ("A headline with no dateline\n\nThe ministry said ...", None),
])
def test_quantities_a_figure_takes_the_place_of_the_reports_dateline(text, country):
    from threadline.resolve.claims import dateline_country

    assert dateline_country(text) == country


def test_quantities_two_changes_in_one_report_are_two_parts_not_a_contradiction():
    # a firm's overall sales and one division's, or a year's price change and its last quarter's
    overall = claim(12.4, as_of="2024-05-02", who="Kestrel Foods", doc="a", key="sale change", unit="percent")
    division = outlet_claim(13.4, as_of="2024-05-02", doc="a", seq=1, key="sale change", unit="percent")
    overall.claimant_kind = "attribution"
    kind, text = compare(overall, division)
    assert kind == "undetermined" and "two changes" in text
    # two sources' levels in one report may still conflict, and two reports' changes too
    ministry = outlet_claim(2, as_of="2024-05-02", who="ministry", kind="attribution", doc="a", key="sale change", unit="percent")
    lawmaker = outlet_claim(15, as_of="2024-05-02", who="lawmaker", kind="attribution", doc="b", key="sale change", unit="percent")
    assert compare(ministry, lawmaker)[0] == "conflict"
    ministry_level = outlet_claim(200, as_of="2024-05-02", who="ministry", kind="attribution", doc="a")
    lawmaker_level = outlet_claim(15_000, as_of="2024-05-02", who="lawmaker", kind="attribution", doc="a", seq=1)
    assert compare(ministry_level, lawmaker_level)[0] == "conflict"


def test_quantities_a_year_s_figure_and_a_month_s_in_one_report_are_two_periods():
    # "the rate averaged 8.1% over 2003" and "it was 7.2% in December 2003", named by two sources
    year = claim(8.1, as_of="2003", source="clause", who="statistics office", doc="a", key="unemployment", unit="percent")
    month = claim(7.2, as_of="2003-12", source="clause", who="the office's head", doc="a", seq=1, key="unemployment", unit="percent")
    year.as_of_precision, month.as_of_precision = "year", "month"
    year.claimant_kind = month.claimant_kind = "attribution"
    kind, text = compare(year, month)
    assert kind == "undetermined" and "two periods" in text
    # in two reports, or at one precision, they are compared as before
    other = claim(7.2, as_of="2003-12", source="clause", who="the office's head", doc="b", seq=1, key="unemployment", unit="percent")
    other.as_of_precision, other.claimant_kind = "month", "attribution"
    assert compare(year, other)[0] == "conflict"


def test_quantities_two_reports_changes_over_a_year_and_its_quarter_are_two_measures():
    year = claim(1.7, as_of="2004", source="clause", doc="a", key="growth DE", unit="percent")
    quarter = claim(-0.2, as_of="2004-Q4", source="clause", doc="b", key="growth DE", unit="percent")
    year.as_of_precision, quarter.as_of_precision = "year", "quarter"
    kind, text = compare(year, quarter)
    assert kind == "undetermined" and "two periods" in text
    other_year = claim(0.4, as_of="2004", source="clause", doc="c", key="growth DE", unit="percent")
    other_year.as_of_precision = "year"
    assert compare(year, other_year)[0] == "conflict"  # two years' growth of one country still disagree


RECRUITERS_A = """Two Accused Recruiters Appear in Shymkent Court

Publish date : 2024-05-14

Prosecutors in Shymkent said on Monday that Daniyar Seitkali recruited 40 men from nearby villages for the Russian army between January and March. His partner, Arman Bekov, recruited 12 men over the same months, the prosecutors said.

Both men deny the charges, and their lawyers say the contracts were for building work. The charge sheet says the network they ran recruited 40 men in all.
"""

RECRUITERS_B = """Shymkent recruitment trial opens

date 2024-06-02

The trial of two men accused of sending labour migrants into the Russian army opened in Shymkent on Sunday.

Investigators told the court that Daniyar Seitkali signed up 40 men this year, while Arman Bekov brought in 15. Relatives of several of the men were in the court.
"""


def test_quantities_each_recruiters_count_is_a_measure_of_its_own(corpus, tmp_path):
    """Two recruiters' counts are two measures: the same count of one recruiter in two reports corroborates,
    the other recruiter's two counts (12 and 15) are compared with each other, never with the first's 40;
    a count that names no recruiter joins one only as the same count given again; the accused are not recruits."""
    (tmp_path / "a.txt").write_text(RECRUITERS_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RECRUITERS_B, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    corpus.analyze(workers=1)
    corpus.resolve()
    rows = ledger(corpus.store)
    values = sorted(sorted(c["value"] for c in q["claims"]) for q in rows if q["frame"]["population"]["role"] == "recruits")
    assert values == [[12.0, 15.0], [40.0, 40.0, 40.0]]  # the charge sheet's unnamed 40 is Seitkali's given again
    accused = [q for q in rows if q["frame"]["population"]["role"] == "accused"]
    assert accused and {c["value"] for q in accused for c in q["claims"]} == {2.0}  # the two on trial are not recruits


def test_quantities_the_same_value_at_two_times_the_text_gives_is_an_update():
    # "the bank held its rate at 3.5% in March" and, in another report, "held it at 3.5% in April"
    march = outlet_claim(3.5, as_of="2024-03", doc="a", key="interest rate", unit="percent")
    april = outlet_claim(3.5, as_of="2024-04", doc="b", key="interest rate", unit="percent")
    for c in (march, april):
        c.as_of_source, c.as_of_precision = "clause", "month"
    kind, text = compare(march, april)
    assert kind == "update" and "same value again" in text
    # dated by when it was said ("said on Tuesday", "said on Wednesday"), it is the figure repeated
    tuesday = outlet_claim(3.5, as_of="2024-04-09", doc="a", key="interest rate", unit="percent")
    wednesday = outlet_claim(3.5, as_of="2024-04-10", doc="b", key="interest rate", unit="percent")
    for c in (tuesday, wednesday):
        c.as_of_source, c.as_of_precision = "attribution", "day"
    assert compare(tuesday, wednesday)[0] == "restatement"


def test_quantities_the_same_value_for_two_months_one_dated_by_its_cue_is_an_update():
    # "Unemployment held at 5.1% in March, the ministry said" in one report and, in another, "In April the
    # jobless rate was still 5.1%, the ministry said": the month in the cue's sentence is the period the
    # figure is for, not a day of saying it, so the level that held is told again later
    march = outlet_claim(5.1, as_of="2024-03", doc="a", key="unemployment", unit="percent", who="the ministry", kind="attribution")
    april = outlet_claim(5.1, as_of="2024-04", doc="b", key="unemployment", unit="percent", who="the ministry", kind="attribution")
    march.as_of_source, april.as_of_source = "clause", "attribution"
    for c in (march, april):
        c.as_of_precision = "month"
    kind, text = compare(march, april)
    assert kind == "update" and "same value again" in text
    # two sources giving one value for two months agree with each other
    other = outlet_claim(5.1, as_of="2024-04", doc="b", key="unemployment", unit="percent", who="a think tank", kind="attribution")
    other.as_of_source, other.as_of_precision = "attribution", "month"
    assert compare(march, other)[0] == "corroborates"
    # one of a month and one of a day are told at two precisions: the figure repeated
    april.as_of, april.as_of_precision = "2024-04-12", "day"
    assert compare(march, april)[0] == "restatement"
    # nor does a date the text does not give (the publish date) make it an update
    april.as_of, april.as_of_precision, april.as_of_source = "2024-04", "month", "published"
    assert compare(march, april)[0] == "restatement"


def test_quantities_one_sum_under_two_keys_sharing_a_word_is_one_quantity():
    """A sum of money restated in another report under another wording of its measure ("the council's
    £12m claim", "a claim of £12m for lost rents", "the legal claim") is one quantity, restated; keys
    sharing no word, another sum, or a group that gives two sums stay apart."""
    money = {"unit": "GBP", "currency": "GBP", "who": "Harbour Post"}
    first = claim(12_000_000, key="claim", measure="council's claim", doc="a", **money)
    second = claim(12_000_000, key="claim", measure="claim for lost rents", doc="b", seq=1, **money)
    qualified = claim(12_000_000, key="legal claim", measure="legal claim", doc="c", seq=2, **money)
    unrelated = claim(12_000_000, key="stadium deal", measure="stadium deal", doc="d", seq=3, **money)
    other_sum = claim(15_000_000, key="claim", measure="claim filed in March", doc="e", seq=4, **money)
    groups = sorted(sorted(c.seq for c in g) for g in group([first, second, qualified, unrelated, other_sum]))
    assert groups == [[0, 1, 2], [3], [4]]
    assert compare(first, second)[0] == "restatement"
    # a group already holding two sums of its key takes no other key's figure
    earlier = claim(9_000_000, key="legal claim", measure="legal claim", doc="f", seq=5, **money)
    groups = sorted(sorted(c.seq for c in g) for g in group([first, qualified, earlier]))
    assert groups == [[0], [2, 5]]
    # nor do figures naming different entities ("the council's claim" and "the port's claim")
    council = claim(12_000_000, key="claim", measure="claim", doc="g", seq=6, **money)
    port = claim(12_000_000, key="legal claim", measure="legal claim", doc="h", seq=7, **money)
    council.entities, port.entities = ("Ecouncil",), ("Eport",)
    assert sorted(sorted(c.seq for c in g) for g in group([council, port])) == [[6], [7]]
    # a figure of no country joins one of a country, not figures of two countries
    nepal = claim(12_000_000, key="claim NP", measure="Nepal's claim", doc="i", seq=8, **money)
    cuba = claim(12_000_000, key="legal claim CU", measure="Cuba's legal claim", doc="j", seq=9, **money)
    assert sorted(sorted(c.seq for c in g) for g in group([nepal, qualified])) == [[2, 8]]
    assert sorted(sorted(c.seq for c in g) for g in group([nepal, cuba])) == [[8], [9]]
    assert sorted(len(g) for g in group([nepal, qualified, cuba])) == [1, 2]


def test_quantities_a_source_named_by_a_pronoun_coreference_left_unresolved_is_no_named_source():
    """"They said the settlement was worth $206bn" in one report, with "they" resolved to no one, and the
    ministry's $206bn in another report of the outlet: the outlet repeating a figure, as with a source
    it does not name; two named sources still corroborate."""
    told = outlet_claim(206_000_000_000, doc="a", who="they", kind="attribution")
    named = outlet_claim(206_000_000_000, doc="b", who="the ministry", kind="attribution")
    assert compare(told, named)[0] == "restatement"
    resolved = outlet_claim(206_000_000_000, doc="a", who="they", kind="attribution")
    resolved.claimant_entity = "Eunion"  # "they" is the union, named earlier in its report
    assert compare(resolved, named)[0] == "corroborates"
    other = outlet_claim(206_000_000_000, doc="c", who="the union", kind="attribution")
    assert compare(other, named)[0] == "corroborates"


DETAINED = """Border guards hold 40 men on their way to the front

ALMATY, March 12, 2025 - Kazakh border guards on Tuesday detained 40 men who were travelling to Russia on work visas, the border service said.

Of the 40 men detained, 25 are reportedly from Tajikistan and 15 from Kyrgyzstan.
"""


def test_quantities_parts_of_a_whole_the_report_opens_with_are_parts(corpus, tmp_path):
    """"Of the 40 men detained, 25 are … and 15 …": both counts are parts of the 40 (and of the same 40 the
    border service gave), and two parts of one whole contradict nothing. The parts are reported with no one
    named."""
    (tmp_path / "a.txt").write_text(DETAINED, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    corpus.analyze(workers=1)
    corpus.resolve()
    rows = [q for q in ledger(corpus.store) if 25.0 in {c["value"] for c in q["claims"]}]
    assert len(rows) == 1
    found = {(f["kind"], f["text"].split(":")[0]) for f in rows[0]["findings"]}
    kinds = {kind for kind, _ in found}
    assert "part of" in kinds and not kinds & {"update", "conflict", "hedge conflict"}
    parts = [f["text"] for f in rows[0]["findings"] if f["kind"] == "part of"]
    assert any(t.startswith("(no named source): 25") and "the border service: 40" in t for t in parts)
    assert any("two parts of one figure" in f["text"] for f in rows[0]["findings"] if f["kind"] == "undetermined")
    wholes = {c["id"]: c["part_of"] for c in rows[0]["claims"]}
    whole = next(c["id"] for c in rows[0]["claims"] if c["text"] == "40" and "Of the" in c["snippet"])
    assert sorted(wholes[c["id"]] for c in rows[0]["claims"] if c["value"] in (25.0, 15.0)) == [whole, whole]


def test_quantities_cli_names_a_figure_reported_by_no_one_as_such(corpus, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(DETAINED, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    corpus.analyze(workers=1)
    corpus.resolve()
    assert main(["--db", str(corpus.store.path), "figures"]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for i, line in enumerate(lines) if i + 1 < len(lines) and "[25]" in lines[i + 1])
    assert "(no named source)" in row and "outlet" not in row


def test_quantities_pages_name_a_figure_reported_by_no_one_as_such():
    from threadline.read.features import normalise_claimant

    sourceless = normalise_claimant(None, {"kind": "attribution", "entity": None, "name": None, "attribution": "a-x-3"})
    assert sourceless == {"name": "(no named source)", "entity": None, "source": "attribution"}
    assert normalise_claimant(None, {"kind": "outlet", "entity": None, "name": None}) is None  # the page shows the outlet


def test_quantities_a_running_total_does_not_contradict_one_count_within_it():
    raid = outlet_claim(12, doc="a", key="magazine", unit="magazine")
    total = outlet_claim(31, doc="a", seq=1, who="navy spokesman", kind="attribution", key="magazine", unit="magazine")
    total.data["running"] = True  # "So far, the navy has confiscated 31 magazines"
    kind, text = compare(raid, total)
    assert kind == "undetermined" and "running total" in text
    smaller = outlet_claim(40, doc="a", key="magazine", unit="magazine")
    assert compare(smaller, total)[0] == "conflict"  # a total below one count within it still cannot hold


def test_quantities_one_report_giving_one_sum_twice_under_two_keys_gives_one_figure():
    """"The court rejected the council's £12.5m claim. … The council had asked the firm to repay £12.5m in
    fees": one report giving a sum of two significant digits or more twice is one figure, whatever the
    keys; a round sum ("£5m for schools and £5m for roads") and two reports' sums stay apart."""
    money = {"unit": "GBP", "currency": "GBP", "who": "Harbour Post"}
    claimed = claim(12_500_000, key="claim", measure="council's claim", doc="a", **money)
    repaid = claim(12_500_000, key="fee planned", measure="fees", doc="a", seq=1, **money)
    elsewhere = claim(12_500_000, key="grant", measure="grant", doc="b", seq=2, **money)
    assert sorted(sorted(c.seq for c in g) for g in group([claimed, repaid, elsewhere])) == [[0, 1], [2]]
    schools = claim(5_000_000, key="school", measure="schools", doc="c", seq=3, **money)
    roads = claim(5_000_000, key="road", measure="roads", doc="c", seq=4, **money)
    assert sorted(sorted(c.seq for c in g) for g in group([schools, roads])) == [[3], [4]]


PORT_BID = """Harbour Group bids for Ellsworth port

date 2005-03-01

Harbour Group said on Monday that it had offered £1.35bn for the Port of Ellsworth. The port handles a third of the region's grain and employs about 2,000 dockers along the river.

The board of the port has asked for two weeks to study the proposal before it meets the unions.
"""

PORT_CRITIC = """Shareholder attacks port bid

date 2005-03-02

Calder Partners, a fund which owns 4% of Harbour Group, said in Norway that Harbour Group's £1.35bn offer for the Port of Ellsworth was too high. The fund wants a vote of all shareholders on the deal.

Harbour Group declined to comment on the fund's letter, which was sent to the board late on Tuesday evening.
"""

PORT_ANALYSTS = """Port bid backed by analysts

date 2005-03-03

Analysts at Fenwick Research said the £1.35bn offer for the Port of Ellsworth was fair. They expect the deal to close in the summer, once the competition authorities have looked at it.

Shares in the port's parent were unchanged in early trading on Thursday, while the wider market rose slightly.
"""


def test_quantities_a_figure_whose_sentence_names_the_other_claimant_restates_its_figure(corpus, tmp_path):
    """"Harbour Group's £1.35bn offer", in a shareholder's words, is Harbour Group's own £1.35bn told again:
    a restatement, not a second source agreeing; an analyst who names no one else corroborates it. A
    figure's sentence names the firms, bodies, parties and people in it, not its places."""
    from threadline.resolve.claims import attach

    for name, text in (("bid.txt", PORT_BID), ("critic.txt", PORT_CRITIC), ("analysts.txt", PORT_ANALYSTS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    corpus.analyze(workers=1)
    corpus.resolve()
    store = corpus.store
    names = {r["id"]: (r["name"], r["type"]) for r in store.query("SELECT id, name, type FROM entities")}
    offers = {names[c.claimant_entity][0]: c for c in attach(store, [r["id"] for r in store.query("SELECT id FROM documents")])
              if c.text == "£1.35bn" and c.claimant_entity}
    assert set(offers) == {"Harbour Group", "Calder Partners", "Fenwick Research"}
    critic = offers["Calder Partners"]
    assert {names[e][0] for e in critic.named} == {"Calder Partners", "Harbour Group"}
    assert not any(names[e][1] in ("GPE", "LOC") for c in offers.values() for e in c.named)
    kind, text = compare(offers["Harbour Group"], critic)
    assert kind == "restatement" and "names it" in text
    assert compare(critic, offers["Fenwick Research"])[0] == "corroborates"


def test_quantities_one_report_giving_one_sum_twice_restates_it_whoever_says_it():
    """A report quoting a party's "£35bn of savings" and a rival's "claims of £35bn" gives one sum twice: a
    restatement; a round sum of one significant digit ("£5m" twice) may be two sums and still corroborates."""
    money = {"unit": "GBP", "currency": "GBP", "key": "saving", "doc": "r"}
    def said(value, who, seq, doc="r"):
        c = claim(value, who=who, seq=seq, **{**money, "doc": doc})
        c.claimant_kind, c.claimant_entity = "attribution", "E" + who.split()[-1]
        return c

    party, rival = said(35_000_000_000, "the party", 0), said(35_000_000_000, "a rival", 1)
    kind, text = compare(party, rival)
    assert kind == "restatement" and "one sum twice" in text
    assert compare(said(5_000_000, "the party", 2), said(5_000_000, "a rival", 3))[0] == "corroborates"
    assert compare(party, said(35_000_000_000, "a rival", 1, doc="s"))[0] == "corroborates"  # two reports, two sources


def test_quantities_a_frame_stored_before_it_had_named_entities_reads_back():
    from threadline.resolve.frames import Frame

    frame = Frame("offer port", entities=("Eharbour",), named=("Eharbour", "Ecalder"))
    assert Frame.from_dict(frame.as_dict()) == frame
    older = frame.as_dict()
    del older["named"]  # a frame stored before figures v18
    assert Frame.from_dict(older).named == ()


def test_quantities_a_bare_change_whose_owner_one_report_leaves_unnamed_joins_only_on_evidence():
    def sales(value, doc, seq=0, named=(), entities=(), who=None, kind="outlet"):
        c = outlet_claim(value, doc=doc, seq=seq, who=who, kind=kind, key="sale change", unit="percent", measure="sales")
        c.named, c.entities = named, entities
        return c

    kestrel = sales(21.1, "a", named=("E-kestrel",))
    unnamed = sales(4, "b")  # another report's "sales rose 4%": a firm it names elsewhere, or a sector
    assert len(group([kestrel, unnamed])) == 2
    again = sales(21.1, "c")  # the same change given again
    named_again = sales(18, "d", named=("E-kestrel",))  # a sentence naming the same firm
    same_source = [sales(9, "e", who="Ostrava Steel", kind="attribution"), sales(12, "f", who="Ostrava Steel", kind="attribution")]
    assert sorted(len(g) for g in group([kestrel, again, named_again])) == [3]
    assert len(group(same_source)) == 1
    one_report = [sales(3.1, "g"), sales(3.5, "g", seq=1)]
    assert len(group(one_report)) == 1  # one report's two changes stay together (two parts, told apart by `compare`)
    retail = [outlet_claim(v, doc=d, key="retail sale change", unit="percent", measure="retail sales") for v, d in ((0.5, "h"), (0.2, "i"))]
    assert len(group(retail)) == 1  # "retail sales" say whose: the one measure, reported twice


def _outlets(value, doc, *, key="point", unit="point", entities=(), home=None, as_of=None):
    c = claim(value, as_of=as_of, who=None, doc=doc, key=key, unit=unit, measure=key)
    c.claimant_kind, c.outlet, c.entities = "outlet", "Sport Daily", entities
    if home:
        c.data["home"] = home
    return c


def test_quantities_one_outlets_undated_figures_of_a_bare_word_in_two_reports_are_no_change_over_time():
    # "the fly-half added 10 points" in one match report, "cut the lead to four points" in another
    kind, text = compare(_outlets(10, "a"), _outlets(4, "b"))
    assert kind == "undetermined" and "nothing but the word ties" in text
    # a team named in both reports ties them: the outlet's later figure of the same thing
    assert compare(_outlets(10, "a", entities=("E1",)), _outlets(4, "b", entities=("E1",)))[0] == "update"
    # one country's measure in two reports about it ("the budget deficit" of two reports on one economy)
    deficit = {"key": "budget deficit", "unit": "USD", "home": "US"}
    assert compare(_outlets(412, "a", **deficit), _outlets(427, "b", **deficit))[0] == "update"
    # one report's two figures are still told apart as it tells them
    assert compare(_outlets(10, "a"), _outlets(4, "a", as_of="XXXX-WXX-3"))[0] == "update"


def test_quantities_an_unresolved_weekday_orders_no_two_reports_figures_nothing_ties():
    # "slipped to 13 points behind on Wednesday" in one report, an undated "five points off fourth" in another
    wednesday, undated = _outlets(13, "a", as_of="XXXX-WXX-3"), _outlets(5, "b")
    assert compare(wednesday, undated)[0] == "undetermined"
    assert compare(undated, wednesday)[0] == "undetermined"
    # two reports' tolls, one dated by an unresolved weekday: as likely two incidents as one count that changed
    toll = {"key": "deaths", "unit": "people"}
    assert compare(_outlets(5_300, "a", as_of="XXXX-WXX-4", **toll), _outlets(250, "b", **toll))[0] == "undetermined"
    assert compare(_outlets(5_300, "a", as_of="XXXX-WXX-4", entities=("E1",)), _outlets(2_000, "b", entities=("E1",)))[0] == "update"


def test_quantities_a_round_count_two_reports_about_different_people_share_under_a_bare_word_agrees_by_chance():
    def score(value, doc, about, **kw):
        c = _outlets(value, doc, **kw)
        c.data["about"] = about
        return c

    # "cut the gap to two points" in a report on one match and "trailed by two points" in one on another
    kind, text = compare(score(2, "a", ["okonkwo"]), score(2, "b", ["brandt", "ivers"]))
    assert kind == "undetermined" and "by chance" in text
    assert compare(score(10, "a", ["teague"]), score(10, "b", ["lowrie"]))[0] == "undetermined"
    # a count of two significant digits given again is the one count told again ("a 44-man touring squad")
    assert compare(score(44, "a", ["harcourt"], key="squad"), score(44, "b", ["mbeki"], key="squad"))[0] == "restatement"
    # two reports about the same people ("three Grammys" in two reports on one duo), or one report, tie them
    assert compare(score(3, "a", ["the vantas"]), score(3, "b", ["the vantas", "rell"]))[0] == "restatement"
    assert compare(score(2, "a", ["okonkwo"]), score(2, "a", ["okonkwo"], as_of="XXXX-WXX-3"))[0] != "undetermined"
    # one country's measure in two reports about it
    assert compare(score(2, "a", ["treasury"], home="US"), score(2, "b", ["central bank"], home="US"))[0] == "restatement"
    # a sum of money in two reports ("fined £2,000") is more often the one sum told again
    fine = {"key": "fine", "unit": "GBP"}
    a, b = score(2_000, "a", ["quill"], **fine), score(2_000, "b", ["farrow"], **fine)
    for c in (a, b):
        c.data["currency"] = "GBP"
    assert compare(a, b)[0] == "restatement"


def test_quantities_a_cue_told_later_takes_no_date_of_the_earlier_event(corpus, tmp_path):
    text = (
        "Kestrel pays miners\n\nAustralian mining group Kestrel Mining has agreed to pay $2.4bn to miners who fell ill.\n\n"
        "The firm said its compensation scheme had nearly run dry. Kestrel opened that scheme in 2009 for sick "
        "workers, but it later conceded the scheme held too little.\n"
    )
    found = _claims(ledger(resolved_texts(corpus, tmp_path, {"kestrel.txt": text}).store), "$2.4bn")
    assert found and found[0]["as_of"] != "2009"


def test_quantities_one_report_s_dated_and_untimed_figures_are_no_update():
    dated = claim(23_600, as_of="2004", source="clause", who="Outlet", doc="r", seq=1)
    untimed = claim(27_700, who="Outlet", doc="r", seq=2)
    assert compare(dated, untimed)[0] == "undetermined"
    told = claim(27_700, who="Outlet", doc="r", seq=2)
    told.data["timex"] = 4  # "in the previous year": a time told, not resolved
    assert compare(dated, told)[0] == "update"
    early = claim(3, as_of="2024-05-06", source="clause", who="Outlet", doc="r", seq=1, key="deaths")
    grown = claim(7, who="Outlet", doc="r", seq=2, key="deaths")
    assert compare(early, grown)[0] == "update"  # a report's toll told again is the count that grew
