"""MinHash signatures of word shingles and the LSH bands that find near-duplicate pairs among them.

A signature holds, for each of `num_perm` permutations, the least permuted hash of a
document's shingles; two documents agree at a permutation with probability equal to
the Jaccard similarity of their shingle sets. The scheme is the one stored signatures
were made with (datasketch's "affine32", seed 1): each shingle's hash is the first four
bytes of its SHA-1 digest (little-endian), mixed by the MurmurHash3 32-bit finalizer,
then permuted as `a * h + b` modulo 2**32, with odd multipliers `a` and offsets `b`
drawn from NumPy's legacy generator seeded 1. Any change to that makes stored
signatures incomparable with new ones.

LSH cuts a signature into `bands` runs of `rows` values; documents that agree on a
whole run are candidates. The number of bands is the one that minimises the mean of
the false-positive and false-negative probabilities at the similarity threshold (both
integrals of a polynomial, computed exactly by Gauss-Legendre quadrature; of equal
ones, the first in the order of fewest bands, then fewest rows).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

import numpy as np

SEED = 1
EMPTY = np.uint32(0xFFFFFFFF)  # a signature value no shingle has lowered yet
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@cache
def permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The multipliers and offsets of the `num_perm` permutations (read-only, shared)."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    for array in (a, b):
        array.flags.writeable = False
    return a, b


def _hashes(shingles: Iterable[bytes]) -> np.ndarray:
    """Each shingle's 32-bit SHA-1 hash, mixed by the MurmurHash3 finalizer."""
    digests = b"".join(hashlib.sha1(s).digest()[:4] for s in shingles)
    h = np.frombuffer(digests, dtype="<u4").astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)


def signature(shingles: Iterable[bytes], num_perm: int) -> np.ndarray:
    """The MinHash signature (uint32) of a set of shingles: each permutation's least value
    (`EMPTY` throughout for no shingle)."""
    a, b = permutations(num_perm)
    hashes = _hashes(shingles)
    if not len(hashes):
        return np.full(num_perm, EMPTY, dtype=np.uint32)
    return (hashes[:, None] * a + b).min(axis=0)


def jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """The similarity two signatures estimate: the share of permutations they agree at."""
    return float(np.count_nonzero(x == y)) / len(x)


@cache
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of least mean false-positive and false-negative probability at
    `threshold`; of equal ones, the fewest bands, then the fewest rows."""
    shapes = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    b, r = (np.array(column)[:, None] for column in zip(*shapes, strict=True))
    # a pair of similarity s misses every band with probability (1 - s**r)**b, a polynomial of degree
    # b * r <= num_perm: Gauss-Legendre quadrature of num_perm / 2 + 1 points integrates it exactly
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(lo: float, hi: float, caught: bool) -> np.ndarray:
        half = (hi - lo) / 2
        missed = (1 - (half * nodes + (hi + lo) / 2) ** r) ** b
        return half * ((1 - missed if caught else missed) @ weights)

    false_positive, false_negative = integral(0.0, threshold, True), integral(threshold, 1.0, False)
    return shapes[int(np.argmin(0.5 * false_positive + 0.5 * false_negative))]


class Bands:
    """An LSH index: the keys inserted, by the value of each band of their signatures."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        count, self.rows = bands(threshold, num_perm)
        self.tables: list[dict[bytes, list[str]]] = [defaultdict(list) for _ in range(count)]

    def _keys(self, sig: np.ndarray) -> list[bytes]:
        return [sig[k * self.rows : (k + 1) * self.rows].tobytes() for k in range(len(self.tables))]

    def insert(self, key: str, sig: np.ndarray) -> None:
        for table, band in zip(self.tables, self._keys(sig), strict=True):
            table[band].append(key)

    def query(self, sig: np.ndarray) -> set[str]:
        """The keys whose signatures agree with `sig` on at least one whole band."""
        found: set[str] = set()
        for table, band in zip(self.tables, self._keys(sig), strict=True):
            found.update(table.get(band, ()))
        return found
