"""The corpus-level entity merges do not depend on the order documents come in nor on how their ids sort:
each bare surname and each acronym is decided against the clusters as they stand before any of them
is merged, and a key's type is the one most of its mentions give."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadline.resolve.entities import Mention, cluster

# (text, label, data): few names, so that families, initials and shared entities repeat across documents
POOL = [
    ("Anna Marek", "PERSON", {}),
    ("Ana Marek", "PERSON", {}),  # nearly the same first name: one person with Anna Marek
    ("Boris Marek", "PERSON", {}),  # a second Marek: a bare "Marek" is then nobody's
    ("Eva Lind", "PERSON", {}),
    ("Jonas Vale", "PERSON", {}),
    ("Marek", "PERSON", {}),
    ("Lind", "PERSON", {}),
    ("Vale", "PERSON", {}),
    ("Harbour Authority", "ORG", {}),
    ("HA", "ORG", {}),
    ("Northern Rail Board", "ORG", {}),
    ("NRB", "ORG", {}),
    ("Estonia", "GPE", {"country": "EE"}),
    ("Riverford", "GPE", {}),
    ("Riverford", "LOC", {}),  # one place key, two labels: its type by the count, not by which came first
    ("Coldwater Mill", "FAC", {}),
]

DOCS = st.lists(st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=8), min_size=1, max_size=7)


def _clusters(docs: list[list[int]], order: list[int], ids: list[str]) -> set[tuple[frozenset[tuple[int, int]], str]]:
    """Each cluster as the set of (document's place in `docs`, mention's place in it), with its type, when
    the documents come in `order` and document i is stored under the id `ids[i]`."""
    mentions = []
    for i in order:
        for seq, choice in enumerate(docs[i]):
            text, label, data = POOL[choice]
            mentions.append(Mention(ids[i], seq, text, label, {"label": label, **data}))
    roots, types = cluster(mentions)
    place = {ids[i]: i for i in range(len(docs))}
    members: dict[str, set[tuple[int, int]]] = {}
    for (doc, seq), root in roots.items():
        members.setdefault(root, set()).add((place[doc], seq))
    return {(frozenset(ms), types[root]) for root, ms in members.items()}


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=DOCS, data=st.data())
def test_entities_the_merges_do_not_depend_on_document_order_or_ids(docs, data):
    n = len(docs)
    order = data.draw(st.permutations(range(n)))
    ids = data.draw(st.permutations([f"doc{i:02d}" for i in range(n)]))
    assert _clusters(docs, order, ids) == _clusters(docs, list(range(n)), [f"doc{i:02d}" for i in range(n)])


def _person(mentions: list[Mention], doc: str, text: str) -> str:
    roots, _ = cluster(mentions)
    return next(roots[(m.doc, m.seq)] for m in mentions if m.doc == doc and m.text == text)


def test_entities_a_bare_surname_counts_no_evidence_from_another_bare_surname_merged_before_it():
    """Document a names two people by surname only, with the harbour authority and Riverford; b names
    the first one in full with both; c names the second one in full with the authority and the first
    one. The first surname joins its person (two shared entities with b); the second shares only the
    authority with c: the first's person is not counted as a second shared entity, whether its surname
    sorts before "marek" (and was once decided first) or after."""

    def doc(doc_id: str, *names: tuple[str, str]) -> list[Mention]:
        return [Mention(doc_id, i, text, label, {"label": label}) for i, (text, label) in enumerate(names)]

    for bare, full in (("Lind", "Eva Lind"), ("Vale", "Eva Vale")):
        mentions = [
            *doc("a", (bare, "PERSON"), ("Marek", "PERSON"), ("Harbour Authority", "ORG"), ("Riverford", "GPE")),
            *doc("b", (full, "PERSON"), ("Harbour Authority", "ORG"), ("Riverford", "GPE")),
            *doc("c", ("Jonas Marek", "PERSON"), ("Harbour Authority", "ORG"), (full, "PERSON")),
        ]
        assert _person(mentions, "a", bare) == _person(mentions, "b", full)
        assert _person(mentions, "a", "Marek") != _person(mentions, "c", "Jonas Marek")


def test_entities_a_key_tagged_with_two_types_takes_the_one_most_of_its_mentions_give():
    for labels in (["LOC", "GPE", "GPE"], ["GPE", "LOC", "GPE"], ["GPE", "GPE", "LOC"]):
        mentions = [Mention(f"d{i}", 0, "Riverford", label, {"label": label}) for i, label in enumerate(labels)]
        roots, types = cluster(mentions)
        assert len(set(roots.values())) == 1 and types[roots[("d0", 0)]] == "GPE"
    for first, second, broader in (("LOC", "GPE", "GPE"), ("FAC", "LOC", "LOC"), ("GPE", "FAC", "GPE")):
        tie = [Mention("d0", 0, "Riverford", first, {"label": first}), Mention("d1", 0, "Riverford", second, {"label": second})]
        assert set(cluster(tie)[1].values()) == set(cluster(tie[::-1])[1].values()) == {broader}  # a tie: the broader kind of place
