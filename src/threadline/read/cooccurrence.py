"""Co-occurrence edges between actors named in the same sentence, each with its evidence sentences.

These are not relations: two actors in one sentence may be allies, enemies or
merely listed together. The edges are typed "co-occurrence" so every view keeps
them apart from extracted relations.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from ..resolve.aggregates import ACTOR_TYPES, STORED_EVIDENCE, sentence_pairs
from ..store import Store

__all__ = ["ACTOR_TYPES", "EDGE_TYPE", "cooccurrence", "kept_up", "nodes", "stored"]

EDGE_TYPE = "co-occurrence"


def cooccurrence(
    store: Store,
    *,
    types: tuple[str, ...] = ACTOR_TYPES,
    since: str | None = None,
    until: str | None = None,
    min_weight: int = 1,
    max_evidence: int = 20,
    around: str | None = None,
    documents: list[str] | None = None,
    computed: bool = False,
) -> dict[str, Any]:
    """The actor graph of sentence co-occurrence.

    Returns {"nodes": [...], "edges": [{"source", "target", "type", "weight",
    "documents", "evidence": [{"doc", "start", "end"}]}]}, where `weight` is the
    number of sentences naming both actors and `evidence` the first
    `max_evidence` of them. `since`/`until` bound the documents' publish dates
    (TimeML-style prefixes, inclusive; undated documents are left out when
    either is given). With `around` (an entity id) only that actor's edges are
    computed, from the documents that mention it; with `documents`, only those are read.

    The whole graph (no `around`, no `documents`, the actor types) is read from the aggregate
    resolve keeps (`resolve/aggregates.py`) when no document waits for it; else, or with `computed`,
    it is computed here from every mention read and its document's sentences.
    """
    if not computed and around is None and documents is None and tuple(types) == ACTOR_TYPES and max_evidence <= STORED_EVIDENCE and kept_up(store):
        return stored(store, since=since, until=until, min_weight=min_weight, max_evidence=max_evidence)
    marks = ",".join("?" * len(types))
    sql = (
        "SELECT r.doc_id, r.start, me.entity_id FROM records r"
        " JOIN mention_entities me ON me.doc_id = r.doc_id AND me.seq = r.seq"
        f" JOIN entities e ON e.id = me.entity_id AND e.type IN ({marks})"
        " JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'mention'"
    )
    params: list[Any] = list(types)
    if since:
        sql += " AND d.published >= ?"
        params.append(since)
    if until:
        sql += " AND substr(d.published, 1, ?) <= ?"
        params.extend([len(until), until])
    if documents is not None:
        sql += f" AND r.doc_id IN ({','.join('?' * len(documents))})" if documents else " AND 0"
        params.extend(documents)
    elif around:
        sql += " AND r.doc_id IN (SELECT doc_id FROM mention_entities WHERE entity_id = ?)"
        params.append(around)
    sql += " ORDER BY d.rowid, r.start"
    by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in store.iter_rows(sql, params):
        by_doc[row["doc_id"]].append((row["start"], row["entity_id"]))

    weight: dict[tuple[str, str], int] = defaultdict(int)
    evidence: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id, mentions in by_doc.items():
        text = store.scalar("SELECT text FROM documents WHERE id = ?", (doc_id,))
        for _idx, a, b, s, e in sentence_pairs(text, mentions):
            pair = (a, b)
            weight[pair] += 1
            docs[pair].add(doc_id)
            if len(evidence[pair]) < max_evidence:
                evidence[pair].append({"doc": doc_id, "start": s, "end": e})
    return _edges(store, weight, {p: len(d) for p, d in docs.items()}, evidence, min_weight, around)


def _edges(
    store: Store,
    weight: dict[tuple[str, str], int],
    docs: dict[tuple[str, str], int],
    evidence: dict[tuple[str, str], list[dict[str, Any]]],
    min_weight: int,
    around: str | None,
) -> dict[str, Any]:
    """The graph of these pairs: `weight` their sentences, `docs` their documents, counted."""
    kept = sorted((p for p, w in weight.items() if w >= min_weight and (not around or around in p)), key=lambda p: (-weight[p], p))
    edges: list[dict[str, Any]] = [
        {
            "source": a,
            "target": b,
            "type": EDGE_TYPE,
            "weight": weight[(a, b)],
            "documents": docs[(a, b)],
            "evidence": evidence[(a, b)],
        }
        for a, b in kept
    ]
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    return {"nodes": nodes(store, ids), "edges": edges}


def nodes(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Node records for entity ids, most mentioned first."""
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.extend(
            {"id": r["id"], "name": r["name"], "type": r["type"], "country": r["country"], "mentions": r["mentions"]}
            for r in store.query(f"SELECT id, name, type, country, mentions FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        )
    return sorted(out, key=lambda n: (-n["mentions"], n["name"], n["id"]))


def kept_up(store: Store) -> bool:
    """Whether the store's co-occurrence tables hold every document (resolve has updated them since the last change)."""
    try:
        return store.scalar("SELECT count(*) FROM (SELECT 1 FROM aggregates_pending LIMIT 1)") == 0
    except sqlite3.OperationalError:  # a store from before the tables (read-only, not migrated)
        return False


def stored(store: Store, *, since: str | None = None, until: str | None = None, min_weight: int = 1, max_evidence: int = STORED_EVIDENCE) -> dict[str, Any]:
    """The co-occurrence graph from the stored aggregates: per pair for the whole store; summed from the
    per-sentence rows of the documents published within `since`/`until` when either is given."""
    weight: dict[tuple[str, str], int] = {}
    docs: dict[tuple[str, str], int] = {}
    evidence: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if not since and not until:
        for r in store.iter_rows("SELECT source, target, weight, documents, evidence FROM cooccurrence WHERE weight >= ?", (min_weight,)):
            pair = (r[0], r[1])
            weight[pair], docs[pair] = r[2], r[3]
            evidence[pair] = [{"doc": d, "start": s, "end": e} for d, s, e in json.loads(r[4])[:max_evidence]]
        return _edges(store, weight, docs, evidence, min_weight, None)
    where, params = [], []
    if since:
        where.append("d.published >= ?")
        params.append(since)
    if until:
        where.append("substr(d.published, 1, ?) <= ?")
        params.extend([len(until), until])
    rows = (
        "SELECT c.source, c.target, c.doc_id, c.start, c.end, row_number() OVER"
        " (PARTITION BY c.source, c.target ORDER BY d.rowid, c.sentence) AS k FROM cooccurrence_sentences c"
        f" JOIN documents d ON d.id = c.doc_id WHERE {' AND '.join(where)}"
    )
    sql = (
        "SELECT source, target, count(*), count(DISTINCT doc_id), json_group_array(json_array(k, doc_id, start, end)) FILTER (WHERE k <= ?)"
        f" FROM ({rows}) GROUP BY source, target HAVING count(*) >= ?"
    )
    for r in store.iter_rows(sql, [max_evidence, *params, min_weight]):
        pair = (r[0], r[1])
        weight[pair], docs[pair] = r[2], r[3]
        evidence[pair] = [{"doc": d, "start": s, "end": e} for _k, d, s, e in sorted(json.loads(r[4] or "[]"))]
    return _edges(store, weight, docs, evidence, min_weight, None)
