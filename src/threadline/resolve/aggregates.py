"""Aggregates the report and the pages read, kept in the store and updated per document.

Co-occurrence (two actors named in one sentence; `read/cooccurrence.py`) is kept at two levels:

- `cooccurrence_sentences`: per document, one row per sentence and actor pair (source before target),
  with the sentence's span;
- `cooccurrence`: per pair, the sentences naming both (`weight`), the documents holding them, and the
  first `STORED_EVIDENCE` sentences in store order as evidence.

Triggers (migration 18) list in `aggregates_pending` every document whose actor mentions may have
changed: a mention record or link written or deleted, an entity whose type changed or that was
deleted, a document deleted. `update` redoes those documents' sentence rows and then the pair rows
of every pair they held before or hold now, so a store grown by adds has the rows of one built at once.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from ..sentences import index_of, sentence_spans
from ..store import Store, batches

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")  # the types the actor graph links
STORED_EVIDENCE = 20  # evidence sentences kept per pair in the `cooccurrence` table


def sentence_pairs(text: str, mentions: list[tuple[int, str]]) -> list[tuple[int, str, str, int, int]]:
    """A document's actor pairs, one per sentence naming both: (sentence index, source, target, start, end),
    in sentence order, source before target; `mentions` are (offset, entity id) of actor mentions."""
    spans = sentence_spans(text)
    in_sentence: dict[int, set[str]] = defaultdict(set)
    for start, entity in mentions:
        in_sentence[index_of(spans, start)].add(entity)
    return [(idx, a, b, *spans[idx]) for idx in sorted(in_sentence) for a, b in combinations(sorted(in_sentence[idx]), 2)]


def update(store: Store) -> dict[str, int]:
    """Bring the co-occurrence tables up to date with the documents in `aggregates_pending`.

    A pair's row is changed by the difference its redone documents make (sentences and documents
    added or gone) when its evidence cannot change: it holds `STORED_EVIDENCE` sentences, and every
    redone document holding the pair comes after the last of them in store order (an add's new
    documents do). Otherwise the pair is counted again from its sentence rows."""
    pending = [r[0] for r in store.iter_rows("SELECT doc_id FROM aggregates_pending ORDER BY doc_id")]
    if not pending:
        return {"co-occurrence documents": 0, "co-occurrence pairs updated": 0, "co-occurrence pairs recounted": 0}
    marks = ",".join("?" * len(ACTOR_TYPES))
    weight: Counter[tuple[str, str]] = Counter()  # sentences the redone documents add to a pair (negative: take away)
    documents: Counter[tuple[str, str]] = Counter()  # documents they add to it
    redone: dict[tuple[str, str], set[str]] = defaultdict(set)  # the redone documents that hold or held the pair
    for part in batches(pending):
        batch = json.dumps(part)
        mentions: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for r in store.iter_rows(
            "SELECT r.doc_id, r.start, me.entity_id FROM json_each(?) j CROSS JOIN records r ON r.doc_id = j.value AND r.kind = 'mention'"
            f" JOIN mention_entities me ON me.doc_id = r.doc_id AND me.seq = r.seq JOIN entities e ON e.id = me.entity_id AND e.type IN ({marks})"
            " ORDER BY r.doc_id, r.start",
            (batch, *ACTOR_TYPES),
        ):
            mentions[r[0]].append((r[1], r[2]))
        rows: list[tuple[Any, ...]] = []
        for doc_id, found in mentions.items():
            text = store.scalar("SELECT text FROM documents WHERE id = ?", (doc_id,))
            if text is not None:
                rows.extend((doc_id, *pair) for pair in sentence_pairs(text, found))
        with store.transaction() as db:
            for doc_id, a, b, n in db.execute(
                "SELECT c.doc_id, c.source, c.target, count(*) FROM json_each(?) j CROSS JOIN cooccurrence_sentences c ON c.doc_id = j.value"
                " GROUP BY c.doc_id, c.source, c.target",
                (batch,),
            ).fetchall():
                weight[(a, b)] -= n
                documents[(a, b)] -= 1
                redone[(a, b)].add(doc_id)
            now: Counter[tuple[str, str, str]] = Counter((r[0], r[2], r[3]) for r in rows)
            for (doc_id, a, b), n in now.items():
                weight[(a, b)] += n
                documents[(a, b)] += 1
                redone[(a, b)].add(doc_id)
            db.execute("DELETE FROM cooccurrence_sentences WHERE doc_id IN (SELECT value FROM json_each(?))", (batch,))
            db.executemany("INSERT INTO cooccurrence_sentences(doc_id, sentence, source, target, start, end) VALUES (?,?,?,?,?,?)", rows)
    order = {r[0]: r[1] for part in batches(pending) for r in store.iter_rows(
        "SELECT d.id, d.rowid FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value", (json.dumps(part),)
    )}
    recounted = 0
    with store.transaction() as db:
        for pair in sorted(redone):
            row = db.execute("SELECT weight, documents, evidence FROM cooccurrence WHERE source = ? AND target = ?", pair).fetchone()
            if row is not None and _evidence_stays(db, json.loads(row[2]), redone[pair], order):
                db.execute(
                    "UPDATE cooccurrence SET weight = ?, documents = ? WHERE source = ? AND target = ?",
                    (row[0] + weight[pair], row[1] + documents[pair], *pair),
                )
                continue
            recounted += 1
            n, docs = db.execute("SELECT count(*), count(DISTINCT doc_id) FROM cooccurrence_sentences WHERE source = ? AND target = ?", pair).fetchone()
            if not n:
                db.execute("DELETE FROM cooccurrence WHERE source = ? AND target = ?", pair)
                continue
            evidence = db.execute(
                "SELECT c.doc_id, c.start, c.end FROM cooccurrence_sentences c JOIN documents d ON d.id = c.doc_id"
                " WHERE c.source = ? AND c.target = ? ORDER BY d.rowid, c.sentence LIMIT ?",
                (*pair, STORED_EVIDENCE),
            ).fetchall()
            db.execute(
                "INSERT OR REPLACE INTO cooccurrence(source, target, weight, documents, evidence) VALUES (?,?,?,?,?)",
                (*pair, n, docs, json.dumps([list(e) for e in evidence], separators=(",", ":"))),
            )
        db.execute("DELETE FROM aggregates_pending WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(pending),))
    return {"co-occurrence documents": len(pending), "co-occurrence pairs updated": len(redone), "co-occurrence pairs recounted": recounted}


def _evidence_stays(db: Any, evidence: list[list[Any]], docs: set[str], order: dict[str, int]) -> bool:
    """Whether a pair's stored evidence is still its first sentences after `docs` were redone: it is full,
    and each of them is still in the store and comes after the document of its last sentence."""
    if len(evidence) < STORED_EVIDENCE:
        return False
    last = db.execute("SELECT rowid FROM documents WHERE id = ?", (evidence[-1][0],)).fetchone()
    return last is not None and all(d in order and order[d] > last[0] for d in docs)
