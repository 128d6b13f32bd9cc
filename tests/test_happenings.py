"""One real-world event told by several sentences or articles is one happening with its sources."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from threadline.read.events import export_events, timeline

ARTICLES = [
    {
        "title": "Moscow lawmakers back defence pact with Havana",
        "outlet": "Harbour Gazette",
        "published": "2025-10-08",
        "text": "Moscow lawmakers back defence pact with Havana\n\n"
        "Russia ratified a military cooperation agreement with Cuba on Tuesday, the parliament said.\n\n"
        "The agreement was ratified after a short debate, according to the Tass news agency.\n",
    },
    {
        "title": "Russian parliament ratifies Cuba accord",
        "outlet": "Island Courier",
        "published": "2025-10-09",
        "text": "Russian parliament ratifies Cuba accord\n\n"
        "Russia ratified the military cooperation agreement with Cuba on Wednesday, officials in Havana said.\n",
    },
    {
        "title": "A second pact for Havana",
        "outlet": "Island Courier",
        "published": "2026-02-20",
        "text": "A second pact for Havana\n\n"
        "Russia ratified a trade agreement with Cuba on February 18, the ministry said.\n",
    },
]


def test_reports_of_one_ratification_are_one_happening(corpus, tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    corpus.config["ingest"]["min_chars"] = 1
    corpus.run([str(batch)], report=str(tmp_path / "report.html"))
    events = [e for e in export_events(corpus.store) if e["type"] == "agreement_ratified"]
    for e in events:
        assert e["independent_sources"] <= e["sources"]
    by_day = {e["time"]["value"]: e for e in events if e["time"]["fallback"] in ("timex", "sentence")}
    first, second, later = by_day["2025-10-07"], by_day["2025-10-08"], by_day["2026-02-18"]
    assert first["happening"] == second["happening"] == first["id"] != later["happening"]
    undated_repeat = next(e for e in events if e["doc"] == first["doc"] and e["time"]["fallback"] == "published")
    assert undated_repeat["happening"] == first["id"]  # "The agreement was ratified": the same vote
    assert first["sources"] == 2 and later["sources"] == 1
    shown = timeline(corpus.store, etype="agreement_ratified", happenings=True)
    values = [e["time"]["value"] for e in shown]
    assert values.count("2025-10-07") == 1 and "2025-10-08" not in values and "2026-02-18" in values  # not twice on consecutive days
    assert {second["id"], undated_repeat["id"]} <= set(shown[0]["reports"])


def _key(doc, claimant, entities=(), who=None):
    return {"id": f"e-{doc}-{claimant}", "doc": doc, "type": "recruitment", "who": who or {}, "entities": list(entities),
            "value": None, "fallback": "published", "precision": None, "span": None, "start": 0, "claimant": claimant}


def test_two_named_sources_in_one_article_with_no_participant_in_common_tell_two_events():
    from threadline.resolve.happenings import _same_happening

    recruit = _key("d1", "E-recruit", who={"agent": "E-recruit"}, entities=["E-recruit"])  # "he had no idea the contract was for the army"
    officer = _key("d1", "E-officer", who={"patient": "people"})  # "20,000 people … have been recruited", he said
    assert not _same_happening(recruit, officer)
    assert _same_happening(recruit, _key("d1", None))  # the outlet's own report of it in the same article
    assert _same_happening(_key("d1", "E-a", entities=["E-x"]), _key("d1", "E-b", entities=["E-x"]))  # one participant
    assert _same_happening(_key("d1", "E-a"), _key("d1", "E-a"))  # one source, twice


# reports as the grouping reads them (`happening_key`): few types, fillers, articles and dates, so that many are compatible
_KEY = st.builds(
    lambda n, typ, agent, patient, doc, when, fallback: {
        "id": f"e-{doc}-{n}", "doc": doc, "type": typ, "who": {r: w for r, w in (("agent", agent), ("patient", patient)) if w is not None},
        "entities": sorted({w for w in (agent, patient) if w and w.isupper()}), "value": when[0], "fallback": fallback,
        "precision": "day", "span": when[1], "start": n, "claimant": None,
    },
    st.integers(0, 10 ** 6), st.sampled_from(["meeting", "arrest"]), st.sampled_from([None, "", "ANA", "BO", "envoy"]),
    st.sampled_from([None, "", "BO", "minister"]), st.sampled_from(["d1", "d2", "d3"]),
    st.sampled_from([(None, None), ("2024-Q1", None), ("2024-03-04", (10, 10)), ("2024-03-06", (12, 12)), ("2024-03-09", (15, 15)), ("2024-03-10", (16, 16)), ("2024-03", (1, 31)), ("2024-09-01", (40, 40))]),
    st.sampled_from(["timex", "sentence", "published", "none"]),
)


def _pairwise(keys: list[dict]) -> list[dict]:
    """The reports of `keys`, in order, that are compatible with every one kept before them (a group)."""
    from threadline.resolve.happenings import _compatible

    kept: list[dict] = []
    for k in keys:
        if k["id"] not in {x["id"] for x in kept} and all(_compatible(k, x) for x in kept):
            kept.append(k)
    return kept


@settings(max_examples=300, deadline=None)
@given(a=st.lists(_KEY, min_size=1, max_size=6), b=st.lists(_KEY, min_size=1, max_size=6))
def test_two_groups_are_compatible_as_every_two_of_their_reports_are(a, b):
    """What a group's reports tell (`_Reports`: its type, role fillers, own dates, date bounds, undated
    reports and counts) answers whether two groups may join as comparing every report of one with every
    report of the other does."""
    from threadline.resolve.happenings import _compatible, _Reports

    a = _pairwise(a)
    b = [k for k in _pairwise(b) if k["id"] not in {x["id"] for x in a}]
    if not b:
        return

    def reports(keys):
        out = _Reports(keys[0])
        for k in keys[1:]:
            out.add(_Reports(k))
        return out

    assert reports(a).compatible(reports(b)) == all(_compatible(x, y) for x in a for y in b)


def _grouped_pair_by_pair(keys: list[dict]) -> tuple[set, set]:
    """The linked sets and the happenings of `keys` (in store order) as every pair of every bucket makes
    them: linked sets by every compared pair that may be one happening; each set joined article by article,
    each event with the linked events of earlier articles in its entities' buckets (earliest first), then
    the article's pairs."""
    from threadline.resolve.happenings import Groups, _bucket_calls, _buckets, _same_happening, document_calls

    parent = list(range(len(keys)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for (_, kind, _), bucket in _buckets(keys).items():
        for i, j in _bucket_calls(keys, kind, bucket):
            if _same_happening(keys[i], keys[j]):
                parent[find(i)] = find(j)
    sets: dict[int, list[int]] = {}
    for i in range(len(keys)):
        sets.setdefault(find(i), []).append(i)
    happenings = set()
    for ids in sets.values():
        members = [keys[i] for i in ids]
        groups = Groups()
        across = sorted({(max(p), min(p)) for (_, kind, _), bucket in _buckets(members).items() if kind == "entity"
                         for p in _bucket_calls(members, kind, bucket) if members[p[0]]["doc"] != members[p[1]]["doc"]})
        starts = [i for i in range(len(members)) if i == 0 or members[i]["doc"] != members[i - 1]["doc"]]
        for start, end in zip(starts, [*starts[1:], len(members)]):
            for later, earlier in (p for p in across if start <= p[0] < end):
                groups.join(members[later], members[earlier])
            for i, j in document_calls(members[start:end]):
                groups.join(members[start + i], members[start + j])
        happenings.update(frozenset(k["id"] for k in groups.members.get(groups.of(k), [k])) for k in members)
    return {frozenset(keys[i]["id"] for i in ids) for ids in sets.values()}, happenings


_DAYS = st.sampled_from([None, (10, 10), (12, 12), (14, 14), (17, 17), (3, 10), (20, 27), (1, 31), (30, 60), (1, 90), (1, 365), (200, 1000)])
_EVENT = st.tuples(st.sampled_from(["meeting", "arrest"]), st.sampled_from([None, "", "ANA", "BO", "envoy"]),
                   st.sampled_from([None, "", "BO", "PERU", "minister"]), _DAYS, st.sampled_from(["timex", "sentence", "published"]),
                   st.sampled_from([None, "ANA", "BO"]))


@settings(max_examples=300, deadline=None)
@given(articles=st.lists(st.lists(_EVENT, min_size=1, max_size=4), min_size=1, max_size=12))
def test_one_pass_by_dates_groups_as_every_pair_of_every_bucket_does(articles):
    """The grouping finds the events an event is compared with by their dates (`_Dated`, dates of a day to
    years) and skips pairs already in one group; its linked sets and happenings are those of comparing
    every pair of every bucket, each set on its own."""
    from threadline.resolve.happenings import sets_and_groups

    keys = _keys(articles)
    sets, groups = sets_and_groups(keys)
    assert ({frozenset(keys[i]["id"] for i in ids) for ids in sets}, {frozenset(keys[i]["id"] for i in ids) for ids in groups}) == _grouped_pair_by_pair(keys)


def _keys(articles: list[list[tuple]]) -> list[dict]:
    return [
        {"id": f"e-d{a:02d}-{n}", "doc": f"d{a:02d}", "type": typ, "who": {r: w for r, w in (("agent", agent), ("patient", patient)) if w is not None},
         "entities": sorted({w for w in (agent, patient) if w and w.isupper()}), "value": None if days is None else f"v{days[0]}-{days[1]}",
         "fallback": "none" if days is None else fallback, "precision": "day", "span": days, "start": n, "claimant": claimant}
        for a, events in enumerate(articles) for n, (typ, agent, patient, days, fallback, claimant) in enumerate(events)
    ]


@settings(max_examples=300, deadline=None)
@given(articles=st.lists(st.lists(_EVENT, min_size=1, max_size=4), min_size=1, max_size=16), pick=st.randoms(use_true_random=False))
def test_a_pass_over_some_whole_groups_gives_them_as_the_pass_over_every_event(articles, pick):
    """The events of any choice of happenings, grouped on their own in store order, come out as those
    happenings, whatever else the store holds (a join reads only the two groups it joins, and a comparison
    that joins nothing changes nothing): what a regroup of a change's neighbourhood rests on (docs/scale.md)."""
    from threadline.resolve.happenings import sets_and_groups

    keys = _keys(articles)
    chosen = [ids for ids in sets_and_groups(keys)[1] if pick.random() < 0.5]
    part = [keys[i] for i in sorted(i for ids in chosen for i in ids)]
    again = {frozenset(part[i]["id"] for i in ids) for ids in sets_and_groups(part)[1]}
    assert again == {frozenset(keys[i]["id"] for i in ids) for ids in chosen}
