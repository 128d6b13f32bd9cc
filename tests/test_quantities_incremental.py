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


def _pairs_by_every_intersection(members):
    """`_pairs` as first written: each pair's documents intersected, whatever their number."""
    order = {id(c): i for i, c in enumerate(members)}
    first, by_doc = {}, {}
    for c in members:
        sig = qmod.signature(c)
        first.setdefault(sig, c)
        by_doc.setdefault(sig, {}).setdefault(c.doc, c)
    sigs = list(first)
    reach = len(sigs) if len(sigs) <= qmod.MAX_PAIRWISE else qmod.NEIGHBOURS
    out = []
    for i, s in enumerate(sigs):
        for t in sigs[i + 1 : i + 1 + reach]:
            shared = by_doc[s].keys() & by_doc[t].keys()
            if shared:
                doc = min(shared, key=lambda d: order[id(by_doc[s][d])])
                a, b = by_doc[s][doc], by_doc[t][doc]
            else:
                a, b = first[s], first[t]
            out.append((b, a) if order[id(b)] < order[id(a)] else (a, b))
    return out


@settings(max_examples=200, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(CLAIM, min_size=1, max_size=20))
def test_the_pairs_of_signatures_found_in_one_document_each_are_those_of_every_intersection(small, rows):
    """Claims of few documents and signatures (copies of one figure in several documents, several
    figures in one): the pairs `_pairs` lists, in its order, are those of intersecting every pair's
    documents."""
    members = _ordered(_claims(rows))
    assert [(a.id, b.id) for a, b in qmod._pairs(members)] == [(a.id, b.id) for a, b in _pairs_by_every_intersection(members)]


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


def steps_of(doc):
    """A step of a growing store: documents added, one removed, some attached again for their links
    (records kept), one analysed again (records not kept)."""
    return st.one_of(
        st.tuples(st.just("add"), st.lists(doc, min_size=1, max_size=4)),
        st.tuples(st.just("remove"), st.integers(0, 40)),
        st.tuples(st.just("relink"), st.lists(st.integers(0, 40), max_size=5)),
        st.tuples(st.just("analyse"), st.integers(0, 40)),
    )


STEP = steps_of(DOC)


# sums of money under three wordings of one claim: two buckets of the bare noun (worded apart) and a qualified key
CLAIMS = [("claim", "claim"), ("claim", "demand for damages"), ("legal claim", "legal claim")]


# a key whose role is qualified (its wording is not part of the bucket), under wordings that share no word:
# claims of one bucket and one time that do not join (`_Cluster.shares`)
ENLISTED = ["army recruits", "soldiers signed", "men enlisted"]


def _add_figures(store, doc_id, outlet, published, figures, money=False, dates=PUBLISHED):
    text, records = "", []
    for value, hedge, *wording in figures:
        words = ("about " if hedge == "about" else "up to " if hedge == "up to" else "") + ("$" if money else "") + f"{value:,}"
        text += "Officials counted "
        start = len(text)
        text += words + " recruits. "
        if money:
            key, measure = CLAIMS[wording[0]]
        else:
            key, measure = ("army recruits", ENLISTED[wording[0]]) if wording else ("recruits", "recruits")
        records.append((start, start + len(words), {"value": value, "low": None, "high": None, "qualifier": hedge, "unit": "USD" if money else "people",
                                                      "currency": "USD" if money else None, "measure_key": key, "measure_text": measure}))
    from threadline.store import dumps

    with store.transaction() as db:
        db.execute("INSERT INTO documents(id, text, published, outlet, kind, source_path) VALUES (?,?,?,?,?,?)",
                   (doc_id, text, dates[published], OUTLETS[outlet], "txt", doc_id))
        db.executemany("INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,'figure',?,?,?,'t',1,?)",
                       [(doc_id, seq, s, e, dumps(d)) for seq, (s, e, d) in enumerate(records)])
        db.execute("INSERT INTO claims_pending(doc_id) VALUES (?) ON CONFLICT(doc_id) DO UPDATE SET records_kept = 0", (doc_id,))


# the same steps with sums of money under three keys sharing a word (`_restated_sums` joins their groups across buckets)
MONEY_DOC = st.tuples(st.integers(0, 2), st.integers(0, 4), st.lists(st.tuples(st.sampled_from([100, 120]), st.sampled_from(["exact", "about"]), st.integers(0, 2)), min_size=1, max_size=3))
MONEY_STEP = steps_of(MONEY_DOC)


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


# publish dates over three years, and none: a bucket of several clusters, an add before, among or after them
SPREAD = ["2022-02-01", "2022-07-15", "2023-01-10", "2023-01-12", "2023-06-30", "2023-12-01", "2024-03-05", "2024-03-06", "2024-11-20", None]
SPREAD_DOC = st.tuples(st.integers(0, 2), st.integers(0, len(SPREAD) - 1), st.lists(
    st.tuples(st.sampled_from(VALUES), st.sampled_from(["exact", "about", "up to"]), st.integers(0, 2)), min_size=1, max_size=3))
SPREAD_STEP = steps_of(SPREAD_DOC)


@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(SPREAD_STEP, st.booleans()), min_size=1, max_size=10))
def test_a_store_grown_by_adds_anywhere_in_its_dates_holds_the_quantities_of_one_resolve(small, steps):
    """Claims of one bucket over three years and of three wordings, added before, among and after the
    stored ones, removed, attached again or analysed again, some undated: a bucket grouped again from
    its first change on (or whole, once it holds an undated claim) ends as grouping every claim does."""
    _grow(steps, dates=SPREAD)


# claimants of three entities, each renamed at times (an add that makes an entity's name another form)
RENAME_STEP = st.one_of(SPREAD_STEP, st.tuples(st.just("rename"), st.integers(0, 2)))


def _claimant_entities(monkeypatch, names, entity_of=lambda doc, n: int(doc[-3:]) % n):
    """Claims attributed to one of `len(names)` entities by their document (`entity_of`; None: the
    outlet's own), named as `names` holds now."""
    real = qmod.attach

    def attach(store, docs):
        out = real(store, docs)
        for c in out:
            k = entity_of(c.doc, len(names))
            if k is not None:
                c.claimant_kind, c.claimant_entity, c.claimant_name = "attribution", f"E{k}", names[k]
        return out

    monkeypatch.setattr(qmod, "attach", attach)


@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(RENAME_STEP, st.booleans()), min_size=1, max_size=10))
def test_a_store_whose_claimants_are_renamed_holds_the_quantities_of_one_resolve(small, monkeypatch, steps):
    """As above, with claimant entities renamed between resolves (their documents' claims attached
    again from the records they had): a renamed claim stays where it was, its pairs are compared
    again, and the store ends as one resolve of every claim leaves it."""
    names = ["Ministry", "Police", "Officials"]
    _claimant_entities(monkeypatch, names)
    _grow(steps, dates=SPREAD, names=names)


def _grow(steps, money=False, dates=PUBLISHED, names=None):
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
                    _add_figures(s, f"doc{made * 7919 % 1000:03d}", outlet, published, figures, money, dates)
            elif step[0] == "remove" and docs:
                remove_documents(s, [docs[step[1] % len(docs)]])
            elif step[0] == "relink" and docs:
                with s.transaction() as db:
                    db.executemany("INSERT OR IGNORE INTO claims_pending(doc_id, records_kept) VALUES (?, 1)", [(docs[i % len(docs)],) for i in step[1]])
            elif step[0] == "analyse" and docs:
                with s.transaction() as db:
                    db.execute("INSERT INTO claims_pending(doc_id) VALUES (?) ON CONFLICT(doc_id) DO UPDATE SET records_kept = 0", (docs[step[1] % len(docs)],))
            elif step[0] == "rename" and names is not None:
                k = step[1] % len(names)
                names[k] = names[k].split(" (")[0] + f" ({made})"  # another name of the same entity
                with s.transaction() as db:
                    db.executemany("INSERT OR IGNORE INTO claims_pending(doc_id, records_kept) VALUES (?, 1)",
                                   [(d,) for d in docs if int(d[-3:]) % len(names) == k])
            if resolve_now:
                qmod.resolve_quantities(s)
        qmod.resolve_quantities(s)
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)


# -- a bucket grouped again from its first change on ------------------------------------------------
MONTHLY = [f"{2022 + m // 12}-{m % 12 + 1:02d}-15" for m in range(36)] + ["2023-06-20", "2025-01-20"]


def _monthly_store(s, months):
    from threadline.datafiles import full_collections_spaced

    for m in months:
        _add_figures(s, f"m{m:02d}", m % 3, m, [(1_000 + 10 * m, "exact", 0)], dates=MONTHLY)
    with full_collections_spaced():
        return qmod.resolve_quantities(s)


def test_an_add_after_the_stored_dates_reads_only_the_clusters_it_may_join(tmp_path):
    """A bucket of three years of monthly figures: an add dated after them all reads back the claims
    of the clusters whose first figure's year reaches its own (the last year's), not the bucket; one
    dated among them reads from its place on; both, and a removal, leave what one resolve of every
    claim leaves."""
    from threadline.datafiles import full_collections_spaced
    from threadline.removal import remove_documents
    from threadline.store import Store

    from .conftest import rebuilt_rows, table_rows

    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}
    with Store(tmp_path / "q.db") as s:
        first = _monthly_store(s, range(36))
        assert first["claims grouped again"] == 36
        clusters = s.query("SELECT cluster, count(*), min(scope_end) FROM figure_facts GROUP BY cluster ORDER BY 3")
        assert len(clusters) >= 3
        latest = _monthly_store(s, [37])  # 2025-01-20: its year reaches back to 2024-01-20
        reached = sum(n for _, n, first_end in clusters if first_end >= "2024-01-20")
        assert latest["claims grouped again"] == 1 + reached < 36
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)
        among = _monthly_store(s, [36])  # 2023-06-20, among the stored dates
        assert 1 < among["claims grouped again"] < 38
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)
        remove_documents(s, ["m20"])
        with full_collections_spaced():
            qmod.resolve_quantities(s)
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)


def test_a_renamed_claimant_reads_back_only_the_clusters_of_its_claims(tmp_path, monkeypatch):
    """Three years of monthly figures, the first month's attributed to a source: once the source is
    renamed (its entity the same), its claim is placed where it was and only its cluster is read back
    and compared again, not the bucket from its place on; the tables are those of one resolve."""
    from threadline.store import Store

    from .conftest import rebuilt_rows, table_rows

    names = ["Harbour Authority"]
    _claimant_entities(monkeypatch, names, lambda doc, n: 0 if doc == "m00" else None)
    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}
    with Store(tmp_path / "q.db") as s:
        _monthly_store(s, range(36))
        first = s.scalar("SELECT cluster FROM figure_facts WHERE doc_id = 'm00'")
        size = s.scalar("SELECT count(*) FROM figure_facts WHERE cluster = ?", (first,))
        assert size < 36
        names[0] = "Port Authority of the Harbour"
        with s.transaction() as db:
            db.execute("INSERT INTO claims_pending(doc_id, records_kept) VALUES ('m00', 1)")
        renamed = _monthly_store(s, [])
        assert renamed["claims grouped again"] == size
        assert s.scalar("SELECT claimant_name FROM figure_facts WHERE doc_id = 'm00'") == names[0]
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)


def test_clusters_of_other_rules_or_from_before_the_migration_are_grouped_whole_once(tmp_path, monkeypatch):
    """A store whose facts hold no clusters (from before migration 24), or clusters stored by other
    rules (`CLUSTERS_VERSION`), has every bucket grouped whole by its next resolve; the tables then
    are those of one resolve of every claim, and the add after it is grouped from its change on."""
    from threadline.store import Store

    from .conftest import rebuilt_rows, store_of_version, table_rows

    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}
    path = tmp_path / "q.db"
    with Store(path) as s:
        _monthly_store(s, range(24))
        expected = table_rows(s, tables)
    store_of_version(path, 23)
    with Store(path) as s:  # migrates: no clusters
        assert s.scalar("SELECT count(*) FROM figure_facts WHERE cluster IS NULL") == 24
        assert _monthly_store(s, [])["claims grouped again"] == 24
        assert table_rows(s, tables) == expected
        monkeypatch.setattr(qmod, "CLUSTERS_VERSION", qmod.CLUSTERS_VERSION + 1)
        counts = _monthly_store(s, [])
        assert counts["claims grouped again"] == 24 and counts["claims attached"] == 24  # and compared again
        assert counts["quantities compared"] == s.scalar("SELECT count(*) FROM quantities")
        assert table_rows(s, tables) == expected
        assert _monthly_store(s, [37])["claims grouped again"] < 24
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)


# -- a first grouping, bucket by bucket from the store ------------------------------------------------
# documents of three wordings of one sum of money (two buckets of the bare noun and a qualified key, which
# `_restated_sums` joins) and of counts over three years, some undated (joining the closest cluster of their bucket)
FIRST_DOCS = [
    (True, 0, 0, [(100, "exact", 0), (120, "exact", 2)]),
    (True, 1, 3, [(100, "exact", 1)]),
    (True, 2, 6, [(100, "about", 2), (120, "exact", 0)]),
    (True, 0, 9, [(120, "exact", 1)]),  # undated
    (False, 1, 0, [(100, "exact", 0), (1_000, "about", 1)]),
    (False, 2, 2, [(120, "exact", 0)]),
    (False, 0, 9, [(100, "exact", 0), (150, "up to", 2)]),  # undated
    (False, 1, 5, [(1_200, "exact", 1)]),
    (False, 2, 9, [(300, "about", 1)]),  # undated
    (False, 0, 8, [(150, "exact", 2), (120, "about", 0)]),
]


def _first_store(s, docs=FIRST_DOCS, prefix="f"):
    for i, (money, outlet, published, figures) in enumerate(docs):
        _add_figures(s, f"{prefix}{i:03d}", outlet, published, figures, money, SPREAD)


def _whole_at_once(monkeypatch):
    """Resolve as before the bucket-by-bucket path: every claim attached and grouped in memory at once."""
    monkeypatch.setattr(qmod, "_nothing_grouped", lambda store: False)


def _held(monkeypatch):
    """The number of claims each grouping held (`_group` is called once per set of linked buckets)."""
    sizes = []
    real = qmod._group

    def group(claims):
        sizes.append(len(claims))
        return real(claims)

    monkeypatch.setattr(qmod, "_group", group)
    return sizes


def test_a_first_grouping_bucket_by_bucket_stores_what_grouping_every_claim_at_once_stores(tmp_path, monkeypatch):
    """A first resolve groups one set of linked buckets at a time from the store (a sum of money
    given under two keys joins across buckets; an undated figure joins the closest cluster of its
    bucket), writing a few sets at a time: the tables are those of grouping every claim at once,
    and no grouping held every claim."""
    from threadline.datafiles import full_collections_spaced
    from threadline.store import Store

    from .conftest import table_rows

    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}
    with full_collections_spaced():
        with Store(tmp_path / "whole.db") as s, monkeypatch.context() as m:
            _first_store(s)
            _whole_at_once(m)
            sizes = _held(m)
            qmod.resolve_quantities(s)
            expected = table_rows(s, tables)
        assert sizes == [len(expected["figure_facts"])]
        monkeypatch.setattr(qmod, "FIRST_DOCS", 3)
        monkeypatch.setattr(qmod, "FIRST_CLAIMS", 2)
        sizes = _held(monkeypatch)
        with Store(tmp_path / "sets.db") as s:
            _first_store(s)
            counts = qmod.resolve_quantities(s)
            assert table_rows(s, tables) == expected
            assert counts["claims grouped again"] == sum(sizes) == len(expected["figure_facts"])
            assert len(sizes) > 1 and max(sizes) < sum(sizes)
            # the sets held: a quantity across buckets (the sum restated), and undated figures with dated ones
            assert s.scalar("SELECT count(*) FROM (SELECT quantity_id FROM figure_facts GROUP BY quantity_id HAVING count(DISTINCT bucket) > 1)")
            assert s.scalar(
                "SELECT count(*) FROM (SELECT quantity_id FROM figure_facts GROUP BY quantity_id"
                " HAVING count(*) > count(scope_end) AND count(scope_end) > 0)"
            )


@settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.tuples(st.booleans(), st.integers(0, 2), st.integers(0, len(SPREAD) - 1), st.lists(
    st.tuples(st.sampled_from([100, 120, 150, 1_000]), st.sampled_from(["exact", "about", "up to"]), st.integers(0, 2)), min_size=1, max_size=3,
)), min_size=1, max_size=12))
def test_any_first_grouping_bucket_by_bucket_is_grouping_every_claim_at_once(small, monkeypatch, docs):
    """Sums of money of three keys and counts over three years, dated or not, in any mix: grouped a set of
    linked buckets at a time, the tables are those of grouping every claim at once."""
    import tempfile
    from pathlib import Path

    from threadline.datafiles import full_collections_spaced
    from threadline.store import Store

    from .conftest import table_rows

    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}
    monkeypatch.setattr(qmod, "FIRST_CLAIMS", 1)
    with tempfile.TemporaryDirectory() as tmp, full_collections_spaced():
        with Store(Path(tmp) / "whole.db") as s, monkeypatch.context() as m:
            _first_store(s, docs)
            _whole_at_once(m)
            qmod.resolve_quantities(s)
            expected = table_rows(s, tables)
        with Store(Path(tmp) / "sets.db") as s:
            _first_store(s, docs)
            qmod.resolve_quantities(s)
            assert table_rows(s, tables) == expected


class _Killed(Exception):
    pass


@pytest.mark.parametrize("where", ["attaching", "grouping", "grouping, then an add"])
def test_a_killed_first_grouping_goes_on_to_the_tables_of_one_resolve(tmp_path, monkeypatch, where):
    """A first grouping killed after its first batch of documents (their facts written, no cluster yet),
    or after its first sets of buckets were written, goes on at the next resolve, also when documents
    were added in between, and the tables are those of one uninterrupted resolve, with no quantity left
    that no claim is in. The store held quantities of other rules before (`CLUSTERS_VERSION`)."""
    from threadline.datafiles import full_collections_spaced
    from threadline.store import Store

    from .conftest import killed_at_call, rebuilt_rows, table_rows

    tables = {"quantities": "id", "figure_facts": "doc_id, seq"}
    monkeypatch.setattr(qmod, "FIRST_DOCS", 3)
    monkeypatch.setattr(qmod, "FIRST_CLAIMS", 2)
    with Store(tmp_path / "q.db") as s, full_collections_spaced():
        _first_store(s)
        with monkeypatch.context() as m:  # quantities of other rules: every claim a quantity of its own
            m.setattr(qmod, "_clusters", _each_alone)
            qmod.resolve_quantities(s)
        before = s.scalar("SELECT count(*) FROM quantities")
        with s.transaction() as db:
            db.execute("UPDATE quantity_clusters_version SET version = 0")
        with monkeypatch.context() as m:
            if where == "attaching":  # after the first batch of documents
                killed_at_call(m, qmod, "attach", 2, _Killed)
            else:  # after the first sets of buckets were written
                killed_at_call(m, qmod, "_quantity_row", 4, _Killed)
            with pytest.raises(_Killed):
                qmod.resolve_quantities(s)
        if where == "attaching":
            assert not s.scalar("SELECT count(*) FROM figure_facts WHERE cluster IS NOT NULL")
            assert s.scalar("SELECT count(*) FROM claims_pending") == len(FIRST_DOCS) - 3
        else:
            assert 0 < s.scalar("SELECT count(*) FROM figure_facts WHERE cluster IS NOT NULL") < len(table_rows(s, tables)["figure_facts"])
            assert not s.scalar("SELECT count(*) FROM claims_pending")
        if where == "grouping, then an add":
            _first_store(s, FIRST_DOCS[:3], prefix="g")
        qmod.resolve_quantities(s)
        assert not s.scalar("SELECT count(*) FROM figure_facts WHERE bucket IS NOT NULL AND cluster IS NULL")
        assert not s.scalar("SELECT count(*) FROM quantities q WHERE NOT EXISTS (SELECT 1 FROM figure_facts f WHERE f.quantity_id = q.id)")
        assert s.scalar("SELECT count(*) FROM quantities") != before
        assert table_rows(s, tables) == rebuilt_rows(s, tables, "claims_pending", qmod.resolve_quantities)


def _each_alone(members):
    out = []
    for c in members:
        out.append(qmod._Cluster())
        out[-1].add(c, qmod._scope(c))
    return out
