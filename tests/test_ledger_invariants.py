"""Invariants of the ledger, as properties over generated claims and generated stores: independent
sources never exceed sources, every figure's quantity holds it, every relation's claims share a quantity,
and a figure given as the earlier value of another is that figure's update."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import threadline
from threadline.read.events import export_events
from threadline.read.ledger import export_figures, export_quantities
from threadline.resolve.independence import Origins, count
from threadline.resolve.claims import Claim
from threadline.resolve.quantities import findings, group

ORIGINS = Origins(documents={"d1": "d0", "d0": "d0"}, sources={"E1": "state:GB", "E2": "state:GB"})
HEDGES = ["exact", "about", "up to", "more than", "nearly", "at least", "as many as"]
KEYS = ["recruits NP", "recruits", "arrests CU", "salary per-month", "deaths", "profit", "shares change"]


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["d0", "d1", "d2", "d3"]), st.sampled_from([None, "E1", "E2", "E3", "E4"])), max_size=12))
def test_invariants_independent_sources_never_exceed_sources(reports):
    got = count(ORIGINS, reports)
    assert got["independent_sources"] <= got["sources"]
    assert got["source_documents"] == sorted({d for d, _ in reports})
    assert (got["sources"] == 0) == (not reports)


claim_data = st.fixed_dictionaries({
    "doc": st.sampled_from(["a", "b", "c", "d"]),
    "value": st.sampled_from([12, 17, 200, 1_200, 14_500, 20_000, 231_000, 280_000]),
    "qualifier": st.sampled_from(HEDGES),
    "key": st.sampled_from(KEYS),
    "who": st.sampled_from(["Ministry", "Lawmaker", "Police", "outlet"]),
    "as_of": st.sampled_from([None, "2024-01-26", "2024-03-20", "2024-09", "XXXX-08", "2023"]),
    "scope": st.sampled_from([None, None, "2024-01-01"]),
    "place": st.sampled_from([None, "NP", "CU"]),
    "entities": st.sampled_from([(), ("E-a",), ("E-b",)]),
    "currency": st.sampled_from([None, None, "RUB", "USD"]),
})


def _claims(rows: list[dict]) -> list[Claim]:
    out = []
    for seq, r in enumerate(rows):
        data = {"value": r["value"], "low": None, "high": None, "qualifier": r["qualifier"], "measure_key": r["key"],
                "measure_text": r["key"].split()[0], "unit": r["currency"] or "people", "currency": r["currency"], "usd": None}
        c = Claim(r["doc"], seq, 0, 1, data, str(r["value"]), claimant_name=r["who"], place=r["place"], entities=r["entities"])
        c.as_of, c.as_of_source, c.scope_start = r["as_of"], "clause" if r["as_of"] else None, r["scope"]
        c.as_of_precision = {10: "day", 7: "month", 4: "year"}.get(len(r["as_of"] or ""))
        c.part_of = seq - 1 if seq and rows[seq - 1]["doc"] == r["doc"] and r["value"] < rows[seq - 1]["value"] else None
        if seq and c.part_of is None and rows[seq - 1]["doc"] == r["doc"] and rows[seq - 1]["key"] == r["key"]:
            data["earlier_of"] = seq - 1  # "rose to X, up from Y"
        out.append(c)
    return out


@settings(max_examples=200, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claim_data, min_size=1, max_size=14))
def test_invariants_groups_hold_each_claim_once_and_relate_only_their_own(rows):
    claims = _claims(rows)
    groups = group(claims)
    placed = [c.id for g in groups for c in g]
    assert len(placed) == len(set(placed))  # no claim in two quantities
    assert set(placed) == {c.id for c in claims if c.data["measure_key"]}
    for g in groups:
        assert len({c.data.get("currency") or c.data["unit"] for c in g}) == 1  # one unit, one currency
        wheres = {c.frame.where for c in g}
        # one set of countries; a group that gives one sum of money may add figures naming none ("the £3bn rebate")
        assert len(wheres) == 1 or len(wheres - {()}) == 1 and len({(c.data["value"], c.data["qualifier"]) for c in g}) == 1
        ids = {c.id for c in g}
        found = findings(g)
        for f in found:
            assert set(f["figures"]) <= ids and len(f["figures"]) == 2
            assert f["kind"] in ("part of", "update", "conflict", "hedge conflict", "restatement", "corroborates", "undetermined")
            assert f["text"]
        by_pair = {frozenset(f["figures"]): f["kind"] for f in found}
        for c in g:
            later = next((o for o in g if o.doc == c.doc and o.seq == c.data.get("earlier_of")), None)
            if later is not None and frozenset((c.id, later.id)) in by_pair:
                assert by_pair[frozenset((c.id, later.id))] == "update"


NATIONS = [("Nepali", "Nepalis", "KATHMANDU"), ("Cuban", "Cubans", "HAVANA"), ("Indian", "Indians", "NEW DELHI")]
SOURCES = ["The foreign ministry", "A lawmaker", "Police", "Officials"]

article = st.fixed_dictionaries({
    "nation": st.sampled_from(NATIONS),
    "source": st.sampled_from(SOURCES),
    "hedge": st.sampled_from(["", "about ", "up to ", "more than ", "some "]),
    "value": st.sampled_from(["200", "1,200", "15,000", "17", "231,000"]),
    "second": st.sampled_from(["12", "22", "300", "40"]),
    "day": st.integers(1, 28),
    "month": st.sampled_from(["01", "03", "09"]),
    "dateline": st.booleans(),
})


def _write(tmp_path, n: int, a: dict) -> None:
    adjective, plural, city = a["nation"]
    lead = f"{city} — " if a["dateline"] else ""
    text = (
        f"{plural} drawn into Russia's war\n\n"
        f"{lead}{a['source']} said on Thursday that {a['hedge']}{a['value']} {plural} had been recruited into the Russian army.\n\n"
        f"Police said they had arrested {a['second']} people who charged {adjective} job-seekers for visas, including 3 officials.\n\n"
        f"Profits at the recruiting agency rose to ${a['value']}m, up from ${a['second']}m a year earlier.\n\n"
        "Relatives asked the government to publish a full list of names, and officials said checks would take weeks.\n\n"
        f"Publish date : 2024-{a['month']}-{a['day']:02d} 09:00:00\n"
    )
    (tmp_path / f"a{n}.txt").write_text(text, encoding="utf-8")


def _check_store(path) -> None:
    with threadline.open(path, readonly=True) as corpus:
        store = corpus.store
        quantities = {q["id"]: q for q in export_quantities(store)}
        assert quantities  # every generated article reports recruits and arrests
        for q in quantities.values():
            assert q["independent_sources"] <= q["sources"]
            assert q["conflict"] == any(f["kind"] in ("conflict", "hedge conflict") for f in q["findings"])
            members = set(q["figure_ids"])
            assert members, q["id"]
            for f in q["findings"]:
                assert set(f["figures"]) <= members  # a relation's two claims are in one quantity
        figures = {f["id"]: f for f in export_figures(store)}
        for f in figures.values():
            if f["quantity"] is not None:
                assert f["id"] in quantities[f["quantity"]]["figure_ids"]  # the figure's quantity holds it
            if f["earlier_of"] is not None:  # an earlier value and its figure: one quantity, related by update
                later = figures[f["earlier_of"]]
                assert f["quantity"] is not None and f["quantity"] == later["quantity"]
                kinds = [x["kind"] for x in quantities[f["quantity"]]["findings"] if set(x["figures"]) == {f["id"], later["id"]}]
                assert kinds == ["update"]
        stored = {r[0]: json.loads(r[1]) for r in store.query("SELECT id, findings FROM quantities")}
        assert set(stored) == set(quantities)
        for e in export_events(store):
            assert e["independent_sources"] <= e["sources"]


@settings(max_examples=3, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(article, min_size=2, max_size=3))
def test_invariants_hold_in_generated_stores(tmp_path_factory, articles):
    folder = tmp_path_factory.mktemp("articles")
    for n, a in enumerate(articles):
        _write(folder, n, a)
    path = tmp_path_factory.mktemp("store") / "t.db"
    with threadline.open(path) as corpus:
        corpus.ingest([str(folder)])
        corpus.analyze(workers=1)
        corpus.resolve()
    _check_store(path)


@pytest.mark.slow
@settings(max_examples=25, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(article, min_size=2, max_size=5))
def test_invariants_hold_in_more_generated_stores(tmp_path_factory, articles):
    test_invariants_hold_in_generated_stores.hypothesis.inner_test(tmp_path_factory, articles)


ORDINALS = ["first", "second", "third", "fourth"]


@settings(max_examples=3, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(article, min_size=3, max_size=4), st.integers(0, 3))
def test_invariants_a_store_grown_among_its_dates_and_by_a_removal_holds_the_ledger_of_one_resolve(tmp_path_factory, articles, gone):
    """Articles added to a resolved store with publish dates before, among and after its own (each
    article's month and day are drawn), then one removed: the quantities and figure facts are those
    one resolve of every claim gives, and the invariants hold."""
    from threadline.removal import remove_documents
    from threadline.resolve.quantities import count_sources, resolve_quantities

    from .conftest import rebuilt_rows, table_rows

    first, later = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("later")
    for n, a in enumerate(articles):
        folder = first if n < 2 else later
        _write(folder, n, a)
        page = folder / f"a{n}.txt"  # no two alike (an article repeated is a duplicate, not stored)
        page.write_text(page.read_text(encoding="utf-8").replace("Relatives", f"In the {ORDINALS[n]} town, relatives"), encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "t.db"
    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}

    def once(store):
        resolve_quantities(store)
        count_sources(store)

    with threadline.open(path) as corpus:
        for folder in (first, later):
            corpus.ingest([str(folder)])
            corpus.analyze(workers=1)
            corpus.resolve()
        store = corpus.store
        assert table_rows(store, tables) == rebuilt_rows(store, tables, "claims_pending", once)
        docs = [r[0] for r in store.query("SELECT id FROM documents ORDER BY rowid")]
        remove_documents(store, [docs[gone % len(docs)]])
        corpus.resolve()
        assert table_rows(store, tables) == rebuilt_rows(store, tables, "claims_pending", once)
    _check_store(path)
