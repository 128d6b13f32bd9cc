"""MinHash signatures and LSH bands: the same signatures, bands and candidates as datasketch's
MinHash and MinHashLSH, whose scheme stored signatures were made with."""

from __future__ import annotations

import numpy as np
import pytest

from threadline.resolve import minhash

WORDS = (
    "the council voted on tuesday to close the old bridge over the river after engineers found cracks "
    "in two of its piers and the mayor said a ferry would run until a new crossing opens next spring"
).split()


def _shingles(words: list[str]) -> list[bytes]:
    return [" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)]


def _variants() -> dict[str, list[bytes]]:
    """The sentence, copies of it with a few words dropped or changed, and unrelated word lists."""
    rng = np.random.default_rng(7)
    out = {"whole": _shingles(WORDS)}
    for k in range(12):
        words = list(WORDS)
        for _ in range(k):
            words[int(rng.integers(len(words)))] = f"word{int(rng.integers(1000))}"
        out[f"changed{k}"] = _shingles(words)
    for k in range(6):
        out[f"other{k}"] = _shingles([f"w{int(x)}" for x in rng.integers(0, 200, 40)])
    return out


@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
def test_minhash_bands_are_datasketchs_optimum(num_perm):
    from datasketch.lsh import _optimal_param

    for threshold in [x / 20 for x in range(1, 20)] + [0.33, 0.66, 0.85]:
        assert minhash.bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_minhash_signatures_and_similarity_match_datasketch():
    from datasketch import MinHash

    variants = _variants()
    sigs = {}
    for name, shingles in variants.items():
        theirs = MinHash(num_perm=128, seed=1, scheme="affine32")
        theirs.update_batch(shingles)
        sigs[name] = minhash.signature(shingles, 128)
        assert (sigs[name] == theirs.hashvalues).all(), name
    whole = MinHash(num_perm=128, seed=1, hashvalues=sigs["whole"], scheme="affine32")
    for name, sig in sigs.items():
        other = MinHash(num_perm=128, seed=1, hashvalues=sig, scheme="affine32")
        assert minhash.jaccard(sigs["whole"], sig) == whole.jaccard(other)
    assert minhash.jaccard(sigs["whole"], sigs["whole"]) == 1.0
    assert minhash.jaccard(sigs["whole"], sigs["other0"]) < 0.1


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_minhash_band_index_finds_what_datasketch_lsh_finds(threshold):
    from datasketch import MinHash, MinHashLSH

    sigs = {name: minhash.signature(shingles, 128) for name, shingles in _variants().items()}
    ours = minhash.Bands(threshold, 128)
    theirs = MinHashLSH(threshold=threshold, num_perm=128)
    for name, sig in sigs.items():
        stored = np.frombuffer(sig.astype(np.uint64).tobytes(), dtype=np.uint64)  # as the store keeps it
        ours.insert(name, stored)
        theirs.insert(name, MinHash(num_perm=128, seed=1, hashvalues=sig, scheme="affine32"))
    found = 0
    for name, sig in sigs.items():
        stored = np.frombuffer(sig.astype(np.uint64).tobytes(), dtype=np.uint64)
        expected = set(theirs.query(MinHash(num_perm=128, seed=1, hashvalues=sig, scheme="affine32")))
        assert ours.query(stored) == expected, name
        found += len(expected) - 1
    assert found > 0  # some copies share a band with the sentence
    assert "other0" not in ours.query(sigs["whole"].astype(np.uint64))
