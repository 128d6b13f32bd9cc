"""A quantity that gains or loses claims on an add compares only the pairs the add changes, and stores
what comparing every pair again stores: the same kept findings, conflict and count of updates."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadline.resolve import quantities as qmod
from threadline.resolve.quantities import Prior, summary

from .test_quantities import claim

VALUES = [100, 120, 150, 300, 1_000, 1_200]
HEDGES = ["exact", "about", "up to", "more than"]
DATES = [None, "2024-01-10", "2024-01-20", "2024-03-05", "2024-06", "2024-09-01"]
SOURCES = ["Ministry", "Police", "A lawmaker", "Officials"]

# a claim: value, hedge, date, source, document (few of each, so that signatures repeat and documents share them)
CLAIM = st.tuples(st.sampled_from(VALUES), st.sampled_from(HEDGES), st.sampled_from(DATES), st.sampled_from(SOURCES), st.integers(0, 5))


def _claims(rows, offset=0):
    out = []
    for i, (value, hedge, as_of, who, doc) in enumerate(rows):
        out.append(claim(value, hedge, as_of=as_of, who=who, doc=f"d{doc}", seq=offset + i, source="clause"))
    return out


def _ordered(members):
    return sorted(members, key=lambda c: (c.as_of or "", c.doc, c.seq))


def _everything(members):
    return qmod.summarise(qmod.findings(members))


@pytest.fixture
def small(monkeypatch):
    """Small limits, so that a few claims cross into the windowed and the capped regimes."""
    monkeypatch.setattr(qmod, "NEIGHBOURS", 3)
    monkeypatch.setattr(qmod, "MAX_PAIRWISE", 6)
    monkeypatch.setattr(qmod, "MAX_FINDINGS", 7)


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    old=st.lists(CLAIM, min_size=1, max_size=14), new=st.lists(CLAIM, max_size=6), gone=st.sets(st.integers(0, 13), max_size=4),
    changed=st.dictionaries(st.integers(0, 13), st.tuples(st.sampled_from(SOURCES), st.sampled_from(DATES)), max_size=3),
)
def test_a_quantity_updated_by_its_new_pairs_stores_what_every_pair_gives(small, old, new, gone, changed):
    """Claims added (anywhere in date order, in new or in old documents' shapes), old claims moved to
    another quantity, and old claims attached again with another claimant or date (the same figure,
    another claim object): the summary from the quantity as it was equals comparing every pair."""
    before = _ordered(_claims(old))
    kept, _, updates = _everything(before)
    prior = Prior(before, kept, updates)
    now = []
    for i, c in enumerate(before):
        if i in changed:  # attached again: its record as it was, its facts changed
            who, as_of = changed[i]
            c = claim(c.data["value"], c.data["qualifier"], as_of=as_of, who=who, doc=c.doc, seq=c.seq, source="clause")
        if i not in gone:
            now.append(c)
    after = _ordered(now + _claims(new, offset=100))
    if not after:
        return
    assert summary(after, prior) == _everything(after)


@pytest.mark.parametrize(("date", "bound"), [("2024-12-31", 1), ("2024-02-10", 4)])
def test_an_added_claim_is_compared_with_its_neighbours_only(small, date, bound):
    """In the windowed regime, past the stored findings, an added claim costs the pairs around it (the
    latest claim: its pairs with the claims before it; one in the middle: those, its successors, and
    the pairs the window then leaves or the kept findings then reach), not every pair again."""
    days = [f"2024-{m:02d}-{d:02d}" for m in range(1, 7) for d in (5, 15, 25)]
    before = _ordered([claim(100, as_of=day, who=f"Source {i}", doc=f"d{i:02d}", seq=0, source="clause") for i, day in enumerate(days)])
    kept, _, updates = _everything(before)
    assert len(kept) == qmod.MAX_FINDINGS and not any(f["kind"] in qmod.CONFLICTS for f in kept)  # past the cap, no conflict
    calls = []
    real = qmod.compare

    def counted(a, b, memo=None):
        calls.append((a.id, b.id))
        return real(a, b, memo)

    after = _ordered([*before, claim(100, as_of=date, who="New source", doc="n1", seq=0, source="clause")])
    with pytest.MonkeyPatch.context() as m:
        m.setattr(qmod, "compare", counted)
        result = summary(after, Prior(before, kept, updates))
        incremental = len(calls)
        calls.clear()
        assert result == _everything(after)
    assert incremental <= bound * qmod.NEIGHBOURS and len(calls) >= 2 * len(days)


def test_documents_pending_before_the_migration_have_their_pairs_compared_again(tmp_path):
    """A store from before migration 20: its pending documents may have been analysed again, so none
    is taken to have kept its records (only the entity step and removals mark documents that did)."""

    from threadline.migrations import MIGRATIONS
    from threadline.store import Store

    from .conftest import store_of_version

    path = tmp_path / "s.db"
    with Store(path) as s, s.transaction() as db:
        db.execute("INSERT INTO claims_pending(doc_id) VALUES ('analysed')")
    store_of_version(path, 19)
    with Store(path) as s:  # migrates
        assert s.schema_version() == MIGRATIONS[-1][0]
        assert [tuple(r) for r in s.query("SELECT doc_id, records_kept FROM claims_pending")] == [("analysed", 0)]


# -- a store grown by adds, removals and re-attached documents ------------------------------------
OUTLETS = ["Daily Ledger", "Harbour Post", "Valley Times"]
PUBLISHED = ["2024-01-10", "2024-01-12", "2024-02-20", "2024-06-01", "2024-09-15"]
# a document: its outlet, its publish date, and its figures (value, hedge), all of one measure
DOC = st.tuples(st.integers(0, 2), st.integers(0, 4), st.lists(st.tuples(st.sampled_from(VALUES), st.sampled_from(["exact", "about", "up to"])), min_size=1, max_size=3))
STEP = st.one_of(
    st.tuples(st.just("add"), st.lists(DOC, min_size=1, max_size=4)),
    st.tuples(st.just("remove"), st.integers(0, 40)),
    st.tuples(st.just("relink"), st.lists(st.integers(0, 40), max_size=5)),  # attached again for their links: records kept
    st.tuples(st.just("analyse"), st.integers(0, 40)),  # analysed again: records not kept
)


# sums of money under three wordings of one claim: two buckets of the bare noun (worded apart) and a qualified key
CLAIMS = [("claim", "claim"), ("claim", "demand for damages"), ("legal claim", "legal claim")]


def _add_figures(store, doc_id, outlet, published, figures, money=False):
    text, records = "", []
    for value, hedge, *wording in figures:
        words = ("about " if hedge == "about" else "up to " if hedge == "up to" else "") + ("$" if money else "") + f"{value:,}"
        text += "Officials counted "
        start = len(text)
        text += words + " recruits. "
        key, measure = CLAIMS[wording[0]] if money else ("recruits", "recruits")
        records.append((start, start + len(words), {"value": value, "low": None, "high": None, "qualifier": hedge, "unit": "USD" if money else "people",
                                                      "currency": "USD" if money else None, "measure_key": key, "measure_text": measure}))
    from threadline.store import dumps

    with store.transaction() as db:
        db.execute("INSERT INTO documents(id, text, published, outlet, kind, source_path) VALUES (?,?,?,?,?,?)",
                   (doc_id, text, PUBLISHED[published], OUTLETS[outlet], "txt", doc_id))
        db.executemany("INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,'figure',?,?,?,'t',1,?)",
                       [(doc_id, seq, s, e, dumps(d)) for seq, (s, e, d) in enumerate(records)])
        db.execute("INSERT INTO claims_pending(doc_id) VALUES (?) ON CONFLICT(doc_id) DO UPDATE SET records_kept = 0", (doc_id,))


# the same steps with sums of money under three keys sharing a word (`_restated_sums` joins their groups across buckets)
MONEY_DOC = st.tuples(st.integers(0, 2), st.integers(0, 4), st.lists(st.tuples(st.sampled_from([100, 120]), st.sampled_from(["exact", "about"]), st.integers(0, 2)), min_size=1, max_size=3))
MONEY_STEP = st.one_of(
    st.tuples(st.just("add"), st.lists(MONEY_DOC, min_size=1, max_size=4)),
    st.tuples(st.just("remove"), st.integers(0, 40)),
    st.tuples(st.just("relink"), st.lists(st.integers(0, 40), max_size=5)),
    st.tuples(st.just("analyse"), st.integers(0, 40)),
)


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(MONEY_STEP, st.booleans()), min_size=1, max_size=8))
def test_a_store_grown_by_adds_holds_the_sums_restated_under_other_keys_of_one_resolve(small, steps):
    """As below, with sums of money whose groups join across buckets: a quantity of two buckets is
    grouped again whole whenever one of its buckets is touched, and split whole."""
    _grow(steps, money=True)


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(STEP, st.booleans()), min_size=1, max_size=8))
def test_a_store_grown_by_adds_holds_the_quantities_of_one_resolve_of_every_claim(small, steps):
    """Adds, removals, documents attached again for their links (records kept) or analysed again,
    with the quantities step after some of them: the quantities and facts always end as one
    resolve over every claim makes them."""
    _grow(steps)


def _grow(steps, money=False):
    import tempfile
    from pathlib import Path

    from threadline.datafiles import full_collections_spaced
    from threadline.removal import remove_documents
    from threadline.store import Store

    from .conftest import rebuilt_rows, table_rows

    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "q.db") as s, full_collections_spaced():
        made = 0
        for step, resolve_now in steps:
            docs = [r[0] for r in s.query("SELECT id FROM documents ORDER BY rowid")]
            if step[0] == "add":
                for outlet, published, figures in step[1]:
                    made += 1
                    _add_figures(s, f"doc{made * 7919 % 1000:03d}", outlet, published, figures, money)
            elif step[0] == "remove" and docs:
                remove_documents(s, [docs[step[1] % len(docs)]])
            elif step[0] == "relink" and docs:
                with s.transaction() as db:
                    db.executemany("INSERT OR IGNORE INTO claims_pending(doc_id, records_kept) VALUES (?, 1)", [(docs[i % len(docs)],) for i in step[1]])
            elif step[0] == "analyse" and docs:
                with s.transaction() as db:
                    db.execute("INSERT INTO claims_pending(doc_id) VALUES (?) ON CONFLICT(doc_id) DO UPDATE SET records_kept = 0", (docs[step[1] % len(docs)],))
            if resolve_now:
                qmod.resolve_quantities(s)
        qmod.resolve_quantities(s)
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)
