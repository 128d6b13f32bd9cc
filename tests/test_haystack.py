"""The joined-text scan finds the same first texts as testing every text in turn."""

import random

from threadline.read.haystack import Haystack


def test_first_holders_match_a_scan_of_every_text():
    rng = random.Random(7)
    words = ["nepal", "army", "recruit", "wagner", "kim", "jong", "un", "ministry", "of", "defence"]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 4))) for _ in range(400)]
    hay = Haystack.of(texts)
    for _ in range(300):
        needles = [" ".join(rng.choices(words, k=rng.randint(1, 2)))[: rng.randint(1, 12)] for _ in range(rng.randint(1, 3))]
        limit = rng.randint(1, 30)
        assert hay.first(needles, limit) == [i for i, t in enumerate(texts) if any(n in t for n in needles)][:limit]


def test_a_hit_never_spans_two_texts_and_empty_needles_find_nothing():
    hay = Haystack.of(["ab", "cd", "", "abcd"])
    assert hay.first(["bc"], 10) == [3]
    assert hay.first(["", "b\x00c"], 10) == []
    assert hay.first(["d"], 1) == [1] and Haystack.of([]).first(["a"], 5) == []
