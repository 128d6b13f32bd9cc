"""Cleaning rules, each on text written for the test."""

from __future__ import annotations

import pytest

from threadline.clean import clean_text

BODY = "Officials in Bishkek said the recruitment drive targeted young men from rural districts with offers of fast citizenship."


@pytest.mark.parametrize(
    "line",
    [
        "Exit mobile version",
        "Please, also have a look into : Kyrgyz court hears first mercenary case",
        "Read also: Kazakh migrants warned about army adverts",
        "Follow Jane Doe on Facebook and Twitter.",
        "[Disclaimer]",
        "More",
        "Sign up for our daily newsletter",
        "Copyright of syndicated material stays with the original publisher.",
        "Share this article",
        "Advertisement",
    ],
)
def test_clean_removes_boilerplate_line(line):
    cleaned = clean_text(f"{BODY}\n\n{line}\n\n{BODY.replace('Bishkek', 'Osh')}")
    assert line not in cleaned.text
    assert ("boilerplate", line) in cleaned.removed
    assert "Osh" in cleaned.text and "Bishkek" in cleaned.text


@pytest.mark.parametrize(
    "credit",
    ["Vladimir Smirnov/TASS via Getty Images", "Contributor/Getty Images", "(AP Photo, File)", "SOURCE: MID.RU"],
)
def test_clean_removes_picture_credit(credit):
    cleaned = clean_text(f"{BODY}\n\n{credit}\n\n{BODY}!")
    assert credit not in cleaned.text
    assert ("credit", credit) in cleaned.removed


def test_clean_collapses_repeated_headline():
    text = "Nepal Halts Work Permits for Russia\n\nNepal Halts Work Permits for Russia\n\n" + BODY
    cleaned = clean_text(text)
    assert cleaned.text.count("Nepal Halts Work Permits") == 1
    assert cleaned.title == "Nepal Halts Work Permits for Russia"


def test_clean_collapses_headline_with_different_apostrophes():
    text = "Moscow’s Offer to Migrants\nMoscow's Offer to Migrants\n" + BODY
    assert clean_text(text).text.count("Offer to Migrants") == 1


def test_clean_drops_caption_repeated_twice():
    caption = "Recruits board a train in Rostov on May 2, 2024. The army is expanding its contract drive."
    cleaned = clean_text(f"{BODY}\n\n{caption}\n{caption}\n\n{BODY}")
    assert cleaned.text.count("Recruits board a train") == 1


def test_clean_drops_truncated_caption_before_full_one():
    full = "A poster in Kazan urges men to sign contracts, on March 3, 2024. The campaign offers large bonuses."
    cut = "A poster in Kazan urges men to sign contracts, on March 3, 2024. The campaign offers…"
    cleaned = clean_text(f"{BODY}\n\n{cut}\n{full}\n\n{BODY}")
    assert cut not in cleaned.text and full in cleaned.text


def test_clean_orphan_heading_goes_with_furniture():
    text = f"{BODY}\n\nOur Promise\n\nThe Daily Steppe is committed to fearless reporting.\n\nExit mobile version"
    cleaned = clean_text(text)
    assert "Our Promise" not in cleaned.text
    assert cleaned.text == BODY


def test_clean_keeps_short_heading_inside_article():
    text = f"{BODY}\n\nThe hiring drive\n\n{BODY.replace('Bishkek', 'Almaty')}"
    assert "The hiring drive" in clean_text(text).text


def test_clean_joins_paragraph_broken_mid_sentence():
    text = "The deputy minister promised support to the island during a\n\nmeeting with the ambassador in Moscow."
    assert "during a meeting with" in clean_text(text).text


def test_clean_fixes_mojibake_and_whitespace():
    text = "The ministryâ€™s   statement\u00a0was   clear about the recruits and their families, officials said."
    cleaned = clean_text(text)
    assert "ministry’s statement was clear" in cleaned.text


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Source link : https://www.example-news.example/a/b", "url", "https://www.example-news.example/a/b"),
        ("Source: <https://institute.example/russia-aid/>", "url", "https://institute.example/russia-aid/"),
        ("Author : Maria Lopez", "author", "Maria Lopez"),
        ("Publish date : 2023-09-05 03:00:00", "published", "2023-09-05 03:00:00"),
        ("date 2024-06-02", "published", "2024-06-02"),
        ("Published 2024-06-02 14:05", "published", "2024-06-02 14:05"),
    ],
)
def test_clean_reads_and_removes_marker(line, key, value):
    cleaned = clean_text(f"{BODY}\n\n{line}")
    assert cleaned.markers[key] == value
    assert line not in cleaned.text


def test_clean_a_date_line_under_the_headline_is_no_part_of_it():
    cleaned = clean_text(f"Court hears case of two army recruiters\n\ndate 2024-06-02\n\n{BODY}")
    assert cleaned.markers["published"] == "2024-06-02"
    assert cleaned.title == "Court hears case of two army recruiters"
    sentence = clean_text(f"{BODY}\n\nFigures released under the date 2024-06-02 show a rise in recruits.")
    assert "published" not in sentence.markers and "2024-06-02 show" in sentence.text


def test_clean_empty_author_marker_is_removed_without_value():
    cleaned = clean_text(f"{BODY}\n\nAuthor :")
    assert "author" not in cleaned.markers and "Author" not in cleaned.text


def test_clean_leading_date_prefix():
    cleaned = clean_text(" date 2025-10-08 Russia's parliament approved the treaty with Havana on Tuesday, officials said.")
    assert cleaned.markers["published"] == "2025-10-08"
    assert cleaned.text.startswith("Russia's parliament approved")


def test_clean_follow_line_gives_author():
    cleaned = clean_text(f"{BODY}\n\nFollow Ana Petrova on Facebook and Twitter.")
    assert cleaned.follow_author == "Ana Petrova"


def test_clean_sentence_is_not_a_headline():
    cleaned = clean_text(BODY + "\n\n" + BODY)
    assert cleaned.title is None


def test_normalise_drops_control_and_format_characters_but_line_breaks():
    import random
    import unicodedata

    from threadline.clean import normalise
    from threadline.readers import _control_ratio

    chars = [chr(c) for c in [*range(128), 0x85, 0xAD, 0x200E, 0xE000, 0xFEFF, 0x378, 0xE9, 0x1F600, 0x2019, 0x301]]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 30)))
        out = normalise(text)
        assert "\n" in out or "\n" not in text.replace("\r", "\n")
        assert not any(unicodedata.category(ch)[0] == "C" and ch != "\n" for ch in out), repr(out)
        bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
        assert _control_ratio(text) == bad / len(text)
    assert normalise("caf\u00e9\u200e \u00a9 2024\x07") == "caf\u00e9 \u00a9 2024"
