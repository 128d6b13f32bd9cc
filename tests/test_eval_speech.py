"""The pure helpers of the speech-verb subject evaluations (eval/speech.py, eval/speech_subjects.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "eval"))

import speech  # noqa: E402
import speech_subjects  # noqa: E402


def test_same_name_takes_a_surname_but_not_a_given_name():
    assert speech.same_name("Orla Fenwick", "Orla Fenwick")
    assert speech.same_name("Fenwick", "Orla Fenwick")
    assert speech.same_name("Orla Fenwick", "Fenwick")
    assert not speech.same_name("Orla", "Orla Fenwick")
    assert not speech.same_name("wick", "Orla Fenwick")


def test_name_run_is_the_proper_nouns_around_the_head_inside_the_mention():
    pos = ["DET", "ADJ", "NOUN", "PROPN", "PROPN", "VERB", "PROPN"]  # "the veteran keeper Orla Fenwick saved Ennis"
    assert speech.name_run(pos, 4, 0, 4) == (3, 4)
    assert speech.name_run(pos, 4, 4, 4) == (4, 4)
    assert speech.name_run(pos, 6, 0, 6) == (6, 6)


class Entity:
    def __init__(self, start: int, end: int, form: str | None = None):
        self.start, self.end, self.data = start, end, {"form": form}


def test_judge_tells_unresolved_from_wrong():
    text = "Orla Fenwick left. Fenwick said she would return."
    named = [(0, 12)]
    assert speech.judge(text, None, named, {"Orla Fenwick"}) == ("unresolved", False)
    assert speech.judge(text, Entity(0, 12), named, {"Orla Fenwick"}) == ("right", True)
    assert speech.judge(text, Entity(19, 26), named, {"Orla Fenwick"}) == ("right", False)  # the same name, elsewhere
    assert speech.judge(text, Entity(40, 46), named, {"Orla Fenwick"}) == ("wrong", False)


def test_detokenized_puts_the_spaces_of_english_text():
    sentences = [["Ennis", "’", "s", "coach", "said", ",", "``", "We", "can", "’", "t", "stop", "now", "''", "(", "he", "did", ")", "."],
                 ["Ada", "said", ":", '"', "No", "."], ["Never", ".", '"', "Then", "she", "left", "."]]
    text, spans = speech_subjects.detokenized(sentences)
    assert text == 'Ennis’s coach said, “We can’t stop now” (he did).\nAda said: "No.\nNever." Then she left.'
    words = [speech_subjects.QUOTE_MARKS.get(w, w) for s in sentences for w in s]
    assert [text[a:b] for a, b in spans] == words


ECB = """<Document doc_name="7_1ecb.xml">
<token t_id="1" sentence="0" number="0">Nils</token>
<token t_id="2" sentence="0" number="1">Brant</token>
<token t_id="3" sentence="0" number="2">resigned</token>
<token t_id="4" sentence="0" number="3">.</token>
<token t_id="5" sentence="1" number="0">The</token>
<token t_id="6" sentence="1" number="1">weather</token>
<token t_id="7" sentence="1" number="2">was</token>
<token t_id="8" sentence="1" number="3">mild</token>
<token t_id="9" sentence="1" number="4">.</token>
<token t_id="10" sentence="2" number="0">He</token>
<token t_id="11" sentence="2" number="1">said</token>
<token t_id="12" sentence="2" number="2">so</token>
<token t_id="13" sentence="2" number="3">.</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="10"/></HUMAN_PART_PER>
<ACTION_REPORTING m_id="3"><token_anchor t_id="11"/></ACTION_REPORTING>
<HUMAN_PART_PER m_id="9" TAG_DESCRIPTOR="brant" instance_id="HUM1"/>
<ACTION_REPORTING m_id="8" TAG_DESCRIPTOR="saying" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1"/><source m_id="2"/><target m_id="9"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="ACT1"><source m_id="3"/><target m_id="8"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_read_keeps_human_chains_and_the_annotated_sentences(tmp_path):
    path = tmp_path / "7_1ecb.xml"
    path.write_text(ECB, "utf-8")
    doc = speech_subjects.read(path)
    assert doc.text == "Nils Brant resigned.\nThe weather was mild.\nHe said so."
    assert doc.topic == "7"
    assert doc.chains == [[(0, 1), (9, 9)]]  # the speaking action is no human participant
    assert doc.annotated == {0, 2}
    assert [doc.text[doc.spans[a][0] : doc.spans[b][1]] for a, b in doc.chains[0]] == ["Nils Brant", "He"]
