"""Sentence spans without a parse, and co-occurrence edges between actors with their evidence."""

from __future__ import annotations

import pytest

from threadline.read.cooccurrence import cooccurrence
from threadline.sentences import index_of, sentence_around, sentence_spans
from threadline.store import Store, dumps

TEXT = (
    "Mr. Saud met Ms. Rai in Kathmandu. Russia denied it.\n\n"
    "Saud said Russia and Nepal would talk; Rai disagreed!\n"
    "Nepal's envoy, Kim J. Lee, left."
)


def spans_text(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_sentences_split_on_punctuation_and_lines_not_abbreviations():
    assert spans_text(TEXT) == [
        "Mr. Saud met Ms. Rai in Kathmandu.",
        "Russia denied it.",
        "Saud said Russia and Nepal would talk; Rai disagreed!",
        "Nepal's envoy, Kim J. Lee, left.",
    ]
    assert spans_text("“We asked,” he said. “Now go.”") == ["“We asked,” he said.", "“Now go.”"]
    assert sentence_spans("") == [] and spans_text("no end") == ["no end"]


def test_sentences_index_of_finds_the_sentence_holding_an_offset():
    spans = [(0, 5), (7, 12), (14, 20)]
    assert [index_of(spans, o) for o in (0, 4, 5, 6, 7, 13, 14, 25)] == [0, 0, 0, 0, 1, 1, 2, 2]
    assert index_of([], 3) == 0 and index_of(spans, -1) == 0


def test_sentences_around_a_span_cover_every_sentence_it_touches():
    start = TEXT.index("Kathmandu")
    assert TEXT[slice(*sentence_around(TEXT, start, start + 9))] == "Mr. Saud met Ms. Rai in Kathmandu."
    a, b = TEXT.index("Kathmandu"), TEXT.index("denied") + 3
    assert TEXT[slice(*sentence_around(TEXT, a, b))] == "Mr. Saud met Ms. Rai in Kathmandu. Russia denied it."


TRICKY = (
    "Talks with Mr.\nSaud ended.  \nPrices rose 5%. \n  Indented line. “Quoted.”\n\n"
    "No stop at the end\nA. B. Smith said so! Then left?\n"
)


def test_sentences_read_from_a_span_s_lines_are_those_of_the_whole_text(tmp_path):
    """The workbench splits only the lines holding a span into sentences: every span's sentence is
    the one a split of the whole text gives (spans in a line's leading space included)."""
    from threadline.read.records import Lookup

    with Store(tmp_path / "s.db") as s:
        with s.transaction() as db:
            for doc, text in (("d1", TEXT), ("d2", TRICKY)):
                db.execute("INSERT INTO documents(id, text, kind, source_path) VALUES (?,?,?,?)", (doc, text, "txt", f"{doc}.txt"))
        lk = Lookup(s)
        for doc, text in (("d1", TEXT), ("d2", TRICKY)):
            for start in range(len(text)):
                for end in range(start + 1, min(len(text), start + 80) + 1):
                    assert lk.sentence(doc, start, end) == sentence_around(text, start, end), (doc, start, end)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "co.db")
    entities = {"saud": ("Narayan Saud", "PERSON"), "rai": ("Bimala Rai", "PERSON"), "ru": ("Russia", "GPE"),
                "np": ("Nepal", "GPE"), "ktm": ("Kathmandu", "GPE"), "tass": ("Tass", "ORG")}
    with s.transaction() as db:
        for doc, published in (("d1", "2024-01-10"), ("d2", "2024-06-02")):
            db.execute(
                "INSERT INTO documents(id, text, published, published_precision, kind, source_path) VALUES (?,?,?,?,?,?)",
                (doc, TEXT, published, "day", "txt", f"{doc}.txt"),
            )
        for key, (name, etype) in entities.items():
            db.execute("INSERT INTO entities(id, name, type) VALUES (?,?,?)", (key, name, etype))
        surfaces = [("Saud", "saud", ""), ("Rai", "rai", ""), ("Kathmandu", "ktm", ""), ("Russia", "ru", ""),
                    ("Saud", "saud", "\n\n"), ("Russia", "ru", "\n\n"), ("Nepal", "np", "\n\n"), ("Rai", "rai", "\n\n"), ("Nepal", "np", "left")]
        for doc in ("d1", "d2"):
            for seq, (surface, entity, after) in enumerate(surfaces):
                if after == "left":
                    start = TEXT.rindex(surface)
                else:
                    start = TEXT.index(surface, TEXT.index(after) if after else 0)
                db.execute("INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                           (doc, "mention", seq, start, start + len(surface), "t", 1, dumps({"label": "X"})))
                db.execute("INSERT INTO mention_entities(doc_id, seq, entity_id) VALUES (?,?,?)", (doc, seq, entity))
    yield s
    s.close()


def pairs(graph):
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    return {frozenset((names[e["source"]], names[e["target"]])): e for e in graph["edges"]}


def test_cooccurrence_links_actors_named_in_one_sentence(store):
    graph = pairs(cooccurrence(store))
    saud_russia = graph[frozenset(("Narayan Saud", "Russia"))]
    assert saud_russia["weight"] == 2 and saud_russia["documents"] == 2
    assert graph[frozenset(("Nepal", "Russia"))]["weight"] == 2
    assert all(e["type"] == "co-occurrence" for e in graph.values())
    first = graph[frozenset(("Bimala Rai", "Narayan Saud"))]["evidence"][0]
    assert TEXT[first["start"] : first["end"]] == "Mr. Saud met Ms. Rai in Kathmandu."
    assert not any("Tass" in pair for pair in graph)  # an entity never mentioned has no edge
    assert graph[frozenset(("Bimala Rai", "Narayan Saud"))]["weight"] == 4  # two sentences in each of two documents


def test_cooccurrence_filters_by_time_type_and_actor(store):
    assert {e["documents"] for e in cooccurrence(store, since="2024-03")["edges"]} == {1}
    assert cooccurrence(store, until="2023")["edges"] == []
    people = cooccurrence(store, types=("PERSON",))
    assert [(e["source"], e["target"]) for e in people["edges"]] == [("rai", "saud")]
    around = cooccurrence(store, around="ktm")
    assert around["edges"] and all("ktm" in (e["source"], e["target"]) for e in around["edges"])
    assert len(cooccurrence(store, max_evidence=1)["edges"][0]["evidence"]) == 1
