"""Photo captions: found beside credits, by their own credit, and by the cleaner's record of repeats."""

from __future__ import annotations

from threadline.clean import clean_text
from threadline.extract.captions import captions

BODY = "The ministry said on Monday that 40 men had been detained at the border after a raid in the capital."


def _texts(text, removed=()):
    return [(text[c.start:c.end], c.copy) for c in captions(text, removed)]


def test_caption_before_a_photo_credit_and_its_repeat():
    caption = "A recruitment poster outside a metro station in the capital, where officers hand out leaflets to passers-by."
    text = f"Headline about recruits\n\n{BODY}\n\n{caption[:60]}…\n{caption}\nMore\nJane Roe/Getty Images\n\n{BODY}"
    found = _texts(text)
    assert found == [(caption[:60] + "…", True), (caption, False)]


def test_captions_with_their_own_credit_and_wire_file_photos():
    text = f"Headline\n\n{BODY}\n\nRecruits board a train in the south (AP/file)\n\nFILE - Recruits walk to a train in the south of the country.\n\n{BODY}"
    assert [t for t, _ in _texts(text)] == [
        "Recruits board a train in the south (AP/file)",
        "FILE - Recruits walk to a train in the south of the country.",
    ]


def test_caption_known_from_the_cleaners_removed_repeat():
    caption = "Military helmets are shown on a street in the capital on August 23, 2023, as the losses of the war mount."
    cleaned = clean_text(f"Headline about helmets\n\n{BODY}\n\n{caption}\n{caption}\nJohn Doe/Agency via Getty Images\n\n{BODY}")
    assert cleaned.text.count(caption) == 1
    assert _texts(cleaned.text, cleaned.removed) == [(caption, False)]


def test_running_text_is_not_a_caption():
    assert captions(f"Headline\n\n{BODY}\n\n{BODY} Another sentence follows here.") == []
