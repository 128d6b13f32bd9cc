"""Taking documents out of the store, or only what analysis derived from them, so resolve stays consistent.

The tables resolve keeps per document (keys, links, figure facts) lose the document's rows; the
documents sharing a figure bucket with it are marked for their claims to be attached again, so
the quantities they made up are regrouped without it (each such bucket whole: its clusters are
forgotten); a quantity left with no figure is dropped.
What the entity merges count of the keys (per family name and key, its documents; per document, its
in-document organisation joins) loses the document's share. Stories and entities are recomputed by the next resolve from what remains.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable

from .store import Store

# Rows resolve or analysis keep per document, in tables without a foreign key to `documents`.
_PER_DOCUMENT = ("records", "analyses", "keyed_documents", "mention_entities", "entity_documents", "figure_facts", "claims_pending")


# -- the entity merges' counts of keys (migration 21), kept here so that every removal keeps them --
def family_names(key: str) -> set[str]:
    """A full-named person's family names: the first and last token of its key ("kim jong un" is a Kim)."""
    if not key.startswith("person:"):
        return set()
    tokens = key[7:].split()
    return {tokens[0], tokens[-1]} if tokens else set()


def forget_keys(db: sqlite3.Connection, doc_ids: list[str]) -> None:
    """Take these documents' keys out of the store, and out of what is counted of them (`key_units`
    by its triggers; the families' co-mentions and the in-document organisation joins here)."""
    ids = json.dumps(doc_ids)
    if db.execute("SELECT built FROM entity_counts").fetchone()[0]:
        gone = family_counts(db.execute(
            "SELECT DISTINCT mk.doc_id, mk.key FROM json_each(?) j CROSS JOIN mention_keys mk ON mk.doc_id = j.value", (ids,)
        ))
        db.executemany("UPDATE family_keys SET documents = documents - ? WHERE family = ? AND key = ?", [(n, *fk) for fk, n in gone.items()])
        db.executemany("DELETE FROM family_keys WHERE family = ? AND key = ? AND documents <= 0", list(gone))
    db.execute("DELETE FROM org_document_edges WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
    db.execute("DELETE FROM acronym_joins WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))  # decided again if keyed again
    db.execute("DELETE FROM mention_keys WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))


def family_counts(pairs: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """(family name, key) -> documents naming both a full-named person of that family and the key, from
    (document, key) pairs."""
    doc_keys: dict[str, set[str]] = defaultdict(set)
    for doc, key in pairs:
        doc_keys[doc].add(key)
    out: Counter[tuple[str, str]] = Counter()
    for ks in doc_keys.values():
        for family in {t for k in ks for t in family_names(k)}:
            for k in ks:
                out[(family, k)] += 1
    return out


def forget_analysis(db: sqlite3.Connection, doc_ids: list[str]) -> None:
    """Delete what analysis and resolve derived from these documents (the documents stay)."""
    ids = json.dumps(doc_ids)
    db.execute(
        "INSERT OR IGNORE INTO claims_pending(doc_id, records_kept) SELECT DISTINCT f.doc_id, 1 FROM figure_facts f"
        " WHERE f.bucket IN (SELECT bucket FROM figure_facts WHERE doc_id IN (SELECT value FROM json_each(?)))"
        " AND f.doc_id NOT IN (SELECT value FROM json_each(?))",
        (ids, ids),
    )
    # and those buckets are grouped whole again: a claim gone leaves no place to regroup from (`resolve_quantities`)
    db.execute(
        "UPDATE figure_facts SET cluster = NULL WHERE cluster IS NOT NULL"
        " AND bucket IN (SELECT bucket FROM figure_facts WHERE doc_id IN (SELECT value FROM json_each(?)))",
        (ids,),
    )
    forget_keys(db, doc_ids)  # and what is counted of them
    for table in _PER_DOCUMENT:
        db.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
    db.execute("DELETE FROM quantities WHERE id NOT IN (SELECT quantity_id FROM figure_facts WHERE quantity_id IS NOT NULL)")


def retire_versions(store: Store) -> int:
    """Set aside the analysis of every page version a later one replaced once the later one's alerts are
    computed (its `revision` alert read both versions' figures and quotes): the earlier text stays, with its
    version row, but its mentions, figures and events leave the entities, the ledger and the timeline, as a
    revised page is one article, not two. Analysis does not take it up again (`analyze`). Returns how many."""
    ids = [r[0] for r in store.query(
        "SELECT s.doc_id FROM superseded s WHERE EXISTS (SELECT 1 FROM analyses a WHERE a.doc_id = s.doc_id)"
        " AND NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.previous = s.doc_id AND v.alerted = 0) ORDER BY s.doc_id"
    )]
    if ids:
        with store.transaction() as db:
            forget_analysis(db, ids)
    return len(ids)


def _forget_terms(db: sqlite3.Connection, ids: str) -> None:
    """Take the documents' fingerprint terms out of `term_documents` (documents per term), dropping terms left in none."""
    counts = db.execute(
        "SELECT t.key, count(*) FROM json_each(?) j CROSS JOIN fingerprints f ON f.doc_id = j.value, json_each(f.terms) t GROUP BY t.key",
        (ids,),
    ).fetchall()
    db.executemany("UPDATE term_documents SET documents = documents - ? WHERE term = ?", [(n, term) for term, n in counts])
    db.executemany("DELETE FROM term_documents WHERE term = ? AND documents <= 0", [(term,) for term, _ in counts])


def remove_documents(store: Store, doc_ids: list[str]) -> int:
    """Delete these documents and everything derived from them, in one transaction; returns how many.
    Their sources, fingerprints (and their terms' document counts) and quarantine rows go with them; a watched URL that
    fetched one forgets which document it made, and the document's versions are dropped."""
    ids = json.dumps(doc_ids)
    with store.transaction() as db:
        forget_analysis(db, doc_ids)
        _forget_terms(db, ids)
        db.execute("DELETE FROM stories_pending WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
        db.execute("DELETE FROM story_documents WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
        db.execute("UPDATE watch_urls SET doc_id = NULL WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
        # the version a removed current version had replaced is current again
        db.execute(
            "DELETE FROM superseded WHERE doc_id IN (SELECT v.previous FROM document_versions v WHERE v.doc_id IN (SELECT value FROM json_each(?)))",
            (ids,),
        )
        db.execute("DELETE FROM document_versions WHERE doc_id IN (SELECT value FROM json_each(?))", (ids,))
        db.execute("UPDATE document_versions SET previous = NULL WHERE previous IN (SELECT value FROM json_each(?))", (ids,))
        return db.execute("DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))", (ids,)).rowcount
