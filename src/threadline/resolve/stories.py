"""Stories: near-duplicate copies (MinHash LSH over word shingles) and same-event clusters.

Two levels, both stored:

- near-duplicate: syndicated copies and light rewrites, estimated Jaccard
  similarity of word shingles at or above `stories.near_duplicate_threshold`;
- same-event: documents about the same event, scored by TF-IDF cosine of their
  content words combined with the weighted overlap of their canonical entities,
  halved when they were published more than `stories.max_days` apart, and never
  linked more than `stories.horizon_days` apart. Candidate
  pairs come from LSH and from an inverted index over each document's top
  terms, so the work grows with the number of candidate pairs, not with the
  square of the corpus.

Within a same-event story, documents that are near-duplicates of each other
count as one origin. Fingerprints (MinHash signature and term counts) are kept
per document, so a rerun only fingerprints new documents.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from ..store import Store, dumps
from ..timeutil import TimePoint
from . import minhash

FINGERPRINT_VERSION = 2  # 2: a text's first FINGERPRINT_CHARS characters
FINGERPRINT_CHARS = 200_000  # twice the longest news article; a giant text is fingerprinted by its start
TOP_TERMS = 30
MAX_POSTING = 100  # a term or entity shared by more documents than this proposes no pairs (beyond 2,000 documents)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


@cache
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "told", "according", "also", "would", "could"}


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def fingerprint(text: str, shingle: int, num_perm: int) -> tuple[np.ndarray, dict[str, int]]:
    """MinHash signature of word shingles, and counts of content words, of the text's first
    `FINGERPRINT_CHARS` characters: a copy shares its start, and the memory a fingerprint takes stays
    bounded (the shingles of a 20 MiB text took 600 MB)."""
    tokens = words(text[:FINGERPRINT_CHARS])
    grams = {" ".join(tokens[i : i + shingle]) for i in range(max(1, len(tokens) - shingle + 1))}
    signature = minhash.signature([g.encode("utf-8") for g in grams], num_perm)
    stop = _stopwords()
    terms = Counter(t for t in tokens if len(t) > 2 and t not in stop)
    return signature, dict(terms.most_common(200))


@dataclass
class DocInfo:
    id: str
    signature: np.ndarray
    terms: dict[str, int]
    published: TimePoint | None
    entities: set[str] = field(default_factory=set)


class _Union:
    def __init__(self, items: list[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return [sorted(g) for g in out.values()]


FINGERPRINT_BATCH = 500  # documents fingerprinted and written at a time (their texts are not all held at once)


def _refresh_fingerprints(store: Store, shingle: int, num_perm: int) -> int:
    """Fingerprint documents without a current one; each is then pending until a clustering takes it in.
    A batch of documents at a time, each batch's fingerprints and terms' counts written together (a
    killed run leaves the rest without a current fingerprint, to be made by the next)."""
    todo = [r[0] for r in store.iter_rows(
        "SELECT d.id FROM documents d LEFT JOIN fingerprints f ON f.doc_id = d.id"
        " WHERE f.doc_id IS NULL OR f.version != ? ORDER BY d.rowid",
        (FINGERPRINT_VERSION,),
    )]
    for start in range(0, len(todo), FINGERPRINT_BATCH):
        part = json.dumps(todo[start : start + FINGERPRINT_BATCH])
        rows = []
        delta: Counter[str] = Counter()
        for r in store.iter_rows("SELECT d.id, d.text FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value ORDER BY j.key", (part,)):
            sig, terms = fingerprint(r["text"], shingle, num_perm)
            rows.append((r["id"], FINGERPRINT_VERSION, sig.astype(np.uint64).tobytes(), dumps(terms)))
            delta.update(terms.keys())
        for r in store.iter_rows(
            "SELECT f.terms FROM json_each(?) j CROSS JOIN fingerprints f ON f.doc_id = j.value WHERE f.version != ?", (part, FINGERPRINT_VERSION)
        ):
            delta.subtract(json.loads(r[0]).keys())  # a fingerprint made again no longer counts its old terms
        with store.transaction() as db:
            db.executemany(
                "INSERT INTO term_documents(term, documents) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET documents = documents + excluded.documents",
                sorted(delta.items()),
            )
            db.executemany("INSERT OR REPLACE INTO fingerprints(doc_id, version, minhash, terms) VALUES (?,?,?,?)", rows)
            db.executemany("INSERT OR IGNORE INTO stories_pending(doc_id) VALUES (?)", [(r[0],) for r in rows])
    return len(todo)


def _load(store: Store, only: list[str] | None = None) -> list[DocInfo]:
    """Every fingerprinted document (not a page's earlier version), or those of `only`, in store order, with their entities."""
    scope = "" if only is None else " AND me.doc_id IN (SELECT value FROM json_each(?))"
    params = () if only is None else (json.dumps(only),)
    ents: dict[str, set[str]] = defaultdict(set)
    for r in store.iter_rows(
        "SELECT me.doc_id, me.entity_id FROM mention_entities me JOIN entities e ON e.id = me.entity_id WHERE e.type != 'NORP'" + scope,
        params,
    ):
        ents[r["doc_id"]].add(r["entity_id"])
    out = []
    for r in store.iter_rows(
        "SELECT d.id, d.published, d.published_precision, f.minhash, f.terms FROM documents d"
        " JOIN fingerprints f ON f.doc_id = d.id WHERE d.id NOT IN (SELECT doc_id FROM superseded)"  # a page's earlier version is no report
        + ("" if only is None else " AND d.id IN (SELECT value FROM json_each(?))") + " ORDER BY d.rowid",
        params,
    ):
        published = TimePoint(r["published"], r["published_precision"]) if r["published"] else None
        sig = np.frombuffer(r["minhash"], dtype=np.uint64)
        terms = {sys.intern(t): c for t, c in json.loads(r["terms"]).items()}  # one string per term, not per document
        out.append(DocInfo(r["id"], sig, terms, published, ents.get(r["id"], set())))
    return out


def near_duplicates(docs: list[DocInfo], threshold: float, num_perm: int) -> list[tuple[str, str]]:
    lsh = minhash.Bands(threshold, num_perm)
    signatures = {d.id: d.signature for d in docs}
    for d in docs:
        lsh.insert(d.id, d.signature)
    pairs = set()
    for d in docs:
        for other in lsh.query(d.signature):
            if other != d.id and minhash.jaccard(d.signature, signatures[other]) >= threshold:
                pairs.add(tuple(sorted((d.id, other))))
    return sorted(pairs)


def _tfidf(docs: list[DocInfo], weights: Weights | None = None) -> dict[str, dict[str, float]]:
    return {d.id: vec for d, vec in zip(docs, _vectors(docs, weights))}


def _vectors(docs: list[DocInfo], weights: Weights | None = None) -> Iterator[dict[str, float]]:
    """Each document's tf-idf vector, in order, one at a time (a store's vectors are not all held)."""
    df: Counter[str] | dict[str, int] = Counter()
    if weights is None:
        for d in docs:
            df.update(d.terms.keys())  # type: ignore[attr-defined]
        n = len(docs)
    else:
        df, n = weights.terms, weights.total
    for d in docs:
        vec = {t: (1 + math.log(c)) * math.log((n + 1) / (df.get(t, 1) + 0.5)) for t, c in d.terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        yield {t: v / norm for t, v in vec.items() if v > 0}


def same_event_pairs(docs: list[DocInfo], cfg: dict[str, Any], weights: Weights | None = None) -> list[tuple[str, str, float]]:
    """Pairs of documents scoring at least `same_event_threshold`: candidates from the posting
    lists of each document's top terms and entities, scored in sparse-matrix batches. Terms and
    entities are weighed by their frequency in `docs`, or in the whole store (`weights`)."""
    n = len(docs)
    if n < 2:
        return []
    # entity weights: rare entities say more than "Russia"
    edf: Counter[str] = Counter()
    for d in docs:
        edf.update(d.entities)
    total = n if weights is None else weights.total
    ew = {e: math.log((total + 1) / ((c if weights is None else weights.entities.get(e, c)) + 0.5)) for e, c in edf.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    rows = _Rows()  # the terms' matrix, a document's vector at a time
    for k, vector in enumerate(_vectors(docs, weights)):
        top = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        for term, _ in top:
            postings[term].append(k)
        rows.add(vector)
    for k, d in enumerate(docs):
        for e in d.entities:
            postings["entity:" + e].append(k)
    # a posting list proposes every pair of its documents: common terms are skipped, 5% of the corpus
    # at most (50 at least), and never more than MAX_POSTING, so the pairs grow with the corpus, not its square
    cap = max(50, min(int(0.05 * n), MAX_POSTING))
    codes = _pair_codes([ids for ids in postings.values() if 2 <= len(ids) <= cap], n)
    if not len(codes):
        return []
    left, right = codes // n, codes % n
    terms = rows.matrix()
    weighted = _matrix([{e: ew[e] for e in d.entities} for d in docs])
    present = weighted.copy()
    present.data[:] = 1.0
    entity_mass = np.asarray(weighted.sum(axis=1)).ravel()
    days = np.array([_ordinal(d.published) for d in docs], dtype=np.float64)
    w, threshold, max_days = cfg["entity_weight"], cfg["same_event_threshold"], cfg["max_days"]
    horizon = cfg["horizon_days"] or math.inf
    out = []
    for s in range(0, len(codes), _BATCH):
        a, b = left[s : s + _BATCH], right[s : s + _BATCH]
        cos = np.asarray(terms[a].multiply(terms[b]).sum(axis=1)).ravel()
        shared = np.asarray(weighted[a].multiply(present[b]).sum(axis=1)).ravel()
        union = entity_mass[a] + entity_mass[b] - shared
        ent = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        score = (1 - w) * cos + w * ent
        apart = np.abs(days[a] - days[b])
        score = np.where(apart > max_days, score / 2, score)  # NaN (an unknown date) compares False
        score = np.where(apart > horizon, 0.0, score)  # one firm's press releases months apart: two events
        for k in np.flatnonzero(score >= threshold):
            out.append((docs[a[k]].id, docs[b[k]].id, round(float(score[k]), 4)))
    return out


_BATCH = 10_000  # candidate pairs scored at once (bounds the memory of the row products: each side's rows hold up to 200 terms)


def _pair_codes(lists: list[list[int]], n: int) -> Any:
    """Every pair of documents that share a posting list, once, as sorted integer codes
    `i * n + j` with i < j (document indices in each list ascend). Lists of one length are
    stacked, so the pairs of thousands of short lists come from one index operation."""
    by_length: dict[int, list[list[int]]] = defaultdict(list)
    for ids in lists:
        by_length[len(ids)].append(ids)
    chunks = []
    for length, group in by_length.items():
        arr = np.asarray(group, dtype=np.int64)
        i, j = np.triu_indices(length, 1)
        chunks.append((arr[:, i] * n + arr[:, j]).ravel())
    if not chunks:
        return np.empty(0, dtype=np.int64)
    codes = np.concatenate(chunks)
    codes.sort()
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))]


def _matrix(rows: list[dict[str, float]]) -> Any:
    """A CSR matrix of one row per mapping (columns: its keys, in order of first use)."""
    out = _Rows()
    for row in rows:
        out.add(row)
    return out.matrix()


class _Rows:
    """The rows of a CSR matrix added one mapping at a time (columns: its keys, in order of first use)."""

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}
        self.indptr, self.indices, self.data = [0], array("q"), array("d")

    def add(self, row: dict[str, float]) -> None:
        for key, value in row.items():
            self.indices.append(self.columns.setdefault(key, len(self.columns)))
            self.data.append(value)
        self.indptr.append(len(self.indices))

    def matrix(self) -> Any:
        from scipy import sparse

        matrix = sparse.csr_matrix(
            (np.asarray(self.data, dtype=np.float64), np.asarray(self.indices, dtype=np.int64), np.asarray(self.indptr, dtype=np.int64)),
            shape=(len(self.indptr) - 1, max(1, len(self.columns))),
        )
        matrix.sort_indices()  # canonical rows: products of rows take scipy's fast path
        return matrix


def _ordinal(point: TimePoint | None) -> float:
    day = point.as_date() if point is not None else None
    return float(day.toordinal()) if day else math.nan


def story_id(level: str, members: list[str]) -> str:
    return "S" + hashlib.sha256((level + ":" + ",".join(sorted(members))).encode()).hexdigest()[:11]


def resolve_stories(store: Store, cfg: dict[str, Any]) -> dict[str, int]:
    """Cluster the whole store; or, with `window_days`, only the documents not clustered yet
    against those published within that many days of them (see docs/stories.md)."""
    fresh = _refresh_fingerprints(store, cfg["shingle_size"], cfg["num_perm"])
    window = int(cfg.get("window_days", 0))
    if window > 0:
        pending = [r[0] for r in store.query("SELECT doc_id FROM stories_pending ORDER BY doc_id")]
        scope = window_scope(store, pending, window)
        touched = {r[0]: r[1] for r in store.iter_rows(
            "SELECT DISTINCT s.id, s.level FROM story_documents sd JOIN stories s ON s.id = sd.story_id"
            " WHERE sd.doc_id IN (SELECT value FROM json_each(?))", (json.dumps(scope),))}
        docs = _load(store, scope)
        weights = _stored_weights(store, docs)
    else:
        touched, docs, weights = None, _load(store), None
    ids = [d.id for d in docs]
    kept: dict[str, list[list[str]]] = defaultdict(list)  # level -> members of the stories the window touches
    for sid, level in (touched or {}).items():
        kept[level].append([r[0] for r in store.query(
            "SELECT doc_id FROM story_documents WHERE story_id = ? AND doc_id NOT IN (SELECT doc_id FROM superseded) ORDER BY doc_id", (sid,))])
    ids += sorted({m for found in kept.values() for members in found for m in members} - set(ids))
    near = _Union(ids)
    for a, b in [*near_duplicates(docs, cfg["near_duplicate_threshold"], cfg["num_perm"]), *_chains(kept["near-duplicate"])]:
        near.union(a, b)
    origin_of = {x: near.find(x) for x in ids}
    event = _Union(ids)
    for a, b in [(a, b) for a, b in ((x, origin_of[x]) for x in ids)]:
        event.union(a, b)
    for a, b in [*((a, b) for a, b, _score in same_event_pairs(docs, cfg, weights)), *_chains(kept["same-event"])]:
        event.union(a, b)
    groups = [(level, members) for level, found in (("near-duplicate", near.groups()), ("same-event", event.groups())) for members in found if len(members) >= 2]
    counts: Counter[str] = Counter(fingerprinted=fresh, clustered=len(docs))
    counts.update(level + " stories" for level, _ in groups)
    counts["story rows changed"] = _write(store, groups, origin_of, None if touched is None else set(touched))
    return dict(counts)


@dataclass(frozen=True)
class Weights:
    """Document frequencies of terms and entities over the whole store, and its size: what a windowed
    clustering weighs its documents' words and entities by, as a clustering of the whole store does."""

    total: int
    terms: dict[str, int]
    entities: dict[str, int]


def _stored_weights(store: Store, docs: list[DocInfo]) -> Weights:
    terms = sorted({t for d in docs for t in d.terms})
    entities = sorted({e for d in docs for e in d.entities})
    return Weights(
        int(store.scalar("SELECT count(*) FROM fingerprints")),
        {r[0]: r[1] for r in store.iter_rows("SELECT term, documents FROM term_documents WHERE term IN (SELECT value FROM json_each(?))", (json.dumps(terms),))},
        {r[0]: r[1] for r in store.iter_rows(
            "SELECT entity_id, count(*) FROM entity_documents WHERE entity_id IN (SELECT value FROM json_each(?)) GROUP BY entity_id",
            (json.dumps(entities),))},
    )


def window_scope(store: Store, pending: list[str], days: int) -> list[str]:
    """The pending documents, and every document published within `days` of one of their dates
    (an undated pending document is compared with the other pending ones only)."""
    from datetime import date, timedelta

    dated = sorted({str(r[0])[:10] for r in store.query(
        "SELECT published FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND published IS NOT NULL", (json.dumps(pending),))})
    spans: list[list[date]] = []
    for value in dated:
        point = TimePoint(value, "day").as_date()
        if point is None:
            continue
        lo, hi = point - timedelta(days=days), point + timedelta(days=days)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    scope = set(pending)
    for lo, hi in spans:
        scope.update(r[0] for r in store.iter_rows(
            "SELECT id FROM documents WHERE published >= ? AND published < ?", (lo.isoformat(), (hi + timedelta(days=1)).isoformat())))
    return sorted(scope)


def _chains(groups: list[list[str]]) -> list[tuple[str, str]]:
    """Pairs that join each group's members into one: the stories a windowed clustering keeps."""
    return [(g[0], m) for g in groups for m in g[1:]]


def _write(store: Store, groups: list[tuple[str, list[str]]], origin_of: dict[str, str], only: set[str] | None = None) -> int:
    """Bring `stories` and `story_documents` to these groups, writing only what differs (a story's
    id is a hash of its level and members, so an unchanged story keeps its rows); returns the
    stories written or deleted. With `only`, the groups replace those stories, and the others stay."""
    sql, params = "SELECT id, level, size, origins, data FROM stories", ()
    if only is not None:
        sql, params = sql + " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(only)),)
    old = {r[0]: tuple(r[1:]) for r in store.iter_rows(sql, params)}
    new: dict[str, tuple[tuple[object, ...], list[tuple[str, str, str]]]] = {}
    members_of = {story_id(level, members): (level, members) for level, members in groups}
    in_new = {m for sid in members_of.keys() - old.keys() for m in members_of[sid][1]}
    meta = {
        r["id"]: r
        for r in store.iter_rows(
            "SELECT d.id, d.title, d.outlet, d.published, substr(d.text, 1, 120) AS head FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value",
            (json.dumps(sorted(in_new)),),
        )
    }
    for sid, (level, members) in members_of.items():
        if sid in old:
            continue  # same level and members: same row, and its documents' origins are those members' own
        origins = sorted({origin_of[m] for m in members})
        dates = sorted(meta[m]["published"] for m in members if meta[m]["published"])
        first = meta[members[0]]
        data = {
            "title": first["title"] or " ".join(first["head"].split())[:100],
            "start": dates[0] if dates else None,
            "end": dates[-1] if dates else None,
            "outlets": sorted({meta[m]["outlet"] for m in members if meta[m]["outlet"]}),
        }
        new[sid] = ((level, len(members), len(origins), dumps(data)), [(sid, m, origin_of[m]) for m in members])
    gone = [sid for sid in old if sid not in members_of]
    with store.transaction() as db:
        db.executemany("DELETE FROM story_documents WHERE story_id = ?", [(sid,) for sid in gone])
        db.executemany("DELETE FROM stories WHERE id = ?", [(sid,) for sid in gone])
        db.executemany("INSERT INTO stories(id, level, size, origins, data) VALUES (?,?,?,?,?)", [(sid, *row) for sid, (row, _) in new.items()])
        db.executemany("INSERT INTO story_documents(story_id, doc_id, origin) VALUES (?,?,?)", [m for _, members in new.values() for m in members])
        db.execute("DELETE FROM stories_pending")
    return len(gone) + len(new)


def origin(store: Store, doc_id: str) -> str:
    """The document's origin: the first member of its near-duplicate cluster, else itself."""
    row = store.query(
        "SELECT sd.origin FROM story_documents sd JOIN stories s ON s.id = sd.story_id"
        " WHERE sd.doc_id = ? AND s.level = 'near-duplicate'",
        (doc_id,),
    )
    return row[0]["origin"] if row else doc_id
