"""Co-occurrence edges between actors named in the same sentence, each with its evidence sentences.

These are not relations: two actors in one sentence may be allies, enemies or
merely listed together. The edges are typed "co-occurrence" so every view keeps
them apart from extracted relations.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from ..sentences import index_of, sentence_spans
from ..store import Store

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
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
) -> dict[str, Any]:
    """The actor graph of sentence co-occurrence.

    Returns {"nodes": [...], "edges": [{"source", "target", "type", "weight",
    "documents", "evidence": [{"doc", "start", "end"}]}]}, where `weight` is the
    number of sentences naming both actors and `evidence` the first
    `max_evidence` of them. `since`/`until` bound the documents' publish dates
    (TimeML-style prefixes, inclusive; undated documents are left out when
    either is given). With `around` (an entity id) only that actor's edges are
    computed, from the documents that mention it; with `documents`, only those are read.
    """
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
        spans = sentence_spans(text)
        in_sentence: dict[int, set[str]] = defaultdict(set)
        for start, entity in mentions:
            in_sentence[index_of(spans, start)].add(entity)
        for idx in sorted(in_sentence):
            for pair in combinations(sorted(in_sentence[idx]), 2):
                weight[pair] += 1
                docs[pair].add(doc_id)
                if len(evidence[pair]) < max_evidence:
                    s, e = spans[idx]
                    evidence[pair].append({"doc": doc_id, "start": s, "end": e})

    kept = sorted((p for p, w in weight.items() if w >= min_weight and (not around or around in p)), key=lambda p: (-weight[p], p))
    edges: list[dict[str, Any]] = [
        {
            "source": a,
            "target": b,
            "type": EDGE_TYPE,
            "weight": weight[(a, b)],
            "documents": len(docs[(a, b)]),
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
