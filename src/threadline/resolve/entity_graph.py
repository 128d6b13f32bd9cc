"""The entity step bounded by the add: the merges kept as a graph, and only what an add touches decided again.

Every merge of `entities.cluster_graph` is an edge between two keys, decided from a bounded part of the store;
the store keeps the edges (`entity_edges`, with their rule), each key's roots (`entity_keys`: after the near-equal
full names, after every rule but the acronyms, after all), and what finds a rule's candidates without a pass over
every key (`name_keys`: per family token its full-named people and its bare surnames, per person's name the
organisation keys that may be that person, per initials the organisations spelling them and the acronym units
using them). Triggers list every key whose units changed (`entity_pending`: a document keyed, re-keyed or
removed). An update then decides again:

- the near-equal full names of the surname blocks of the pending people (`name`);
- the bare surnames of the families whose people are pending or whose blocks' components changed, the pending
  bare surnames, and those of the documents naming a key whose component changed (their evidence counts the
  roots of their document's keys, `surname`);
- the organisations that may be a pending person, and the pending ones (`person-org`);
- the in-document organisation joins of the pending keys (`org-doc`, from `org_document_edges`);
- the acronyms whose initials a pending organisation spells or spelled, or spelled by an organisation whose
  root before the acronyms changed, and the pending ones (`acronym`);

then compares the edges with the stored ones, and recomputes the components of the keys whose edges changed
(with their former components: a removal may split one), stage by stage, each a walk over the stored edges.
Only the entities of those components are described and written. The result is what one merge of every key
gives (`tests/test_entities_counts.py` compares the tables with a resolve of every document from scratch).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from typing import Any, Iterable

from ..removal import family_names
from . import entities as E

FULL_ABOVE = 20_000  # more pending keys than this: one merge of every key is cheaper than the walks
STAGE_RULES = {
    "name_root": ("name",),
    "org_root": ("name", "surname", "person-org", "org-doc"),
    "root": ("name", "surname", "person-org", "org-doc", "acronym"),
}


def _ids(keys: Iterable[str]) -> str:
    return json.dumps(sorted(keys))


def name_rows(key: str, units: Iterable[tuple[str, int]]) -> set[tuple[str, str, str, str]]:
    """A key's rows of `name_keys` from its (form, acronym) units."""
    units = list(units)
    rows: set[tuple[str, str, str, str]] = set()
    if key.startswith("person:"):
        rows |= {(t, "full", key, "") for t in family_names(key)}
    elif key.startswith("surname:"):
        rows.add((key.split(":", 2)[2], "bare", key, ""))
    else:
        name = E.person_named(key)
        if name is not None:
            rows.add((name, "org", key, ""))
        rows |= {(letters, "spells", key, "") for letters in E.spelled_initials(key, {f for f, _ in units})}
    rows |= {(E.acronym_letters(f), "acronym", key, f) for f, acronym in units if acronym}
    return rows


def built(store: Any) -> bool:
    return bool(store.scalar("SELECT built FROM entity_graph"))


def ready(store: Any) -> bool:
    """The stored graph can be updated: built, and not more pending keys than a whole merge costs."""
    return built(store) and store.scalar("SELECT count(*) FROM (SELECT 1 FROM entity_pending LIMIT ?)", (FULL_ABOVE + 1,)) <= FULL_ABOVE


def write_whole(db: sqlite3.Connection, graph: E.Graph, complete: bool) -> None:
    """The graph of one merge of every key, replacing what the store held; `complete` False (analyst
    overrides moved the entities) makes the next resolve merge every key again."""
    for table in ("entity_keys", "entity_edges", "name_keys", "entity_pending"):
        db.execute(f"DELETE FROM {table}")
    db.executemany(
        "INSERT INTO entity_keys(key, name_root, org_root, root) VALUES (?,?,?,?)",
        [(k, graph.name_roots[k], graph.org_roots[k], root) for k, root in sorted(graph.roots.items())],
    )
    db.executemany("INSERT INTO entity_edges(a, b, rule) VALUES (?,?,?)", sorted(graph.edges))
    units: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for key, form, acronym in db.execute("SELECT key, form, acronym FROM key_units"):
        units[key].add((form, acronym))
    db.executemany(
        "INSERT OR IGNORE INTO name_keys(name, kind, key, form) VALUES (?,?,?,?)",
        sorted(r for key, us in units.items() for r in name_rows(key, us)),
    )
    db.execute("UPDATE entity_graph SET built = ?", (int(complete),))


class _Update:
    """One update of the stored graph, inside the caller's transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.added: set[tuple[str, str, str]] = set()
        self.dropped: set[tuple[str, str, str]] = set()
        self._name_root: dict[str, str] = {}

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.db.execute(sql, params)]

    def names(self, name: str, kind: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM name_keys WHERE name = ? AND kind = ?", (name, kind))}

    def replace_edges(self, rule: str, old: Iterable[tuple[str, str]], new: Iterable[tuple[str, str]]) -> None:
        """Bring the stored edges of `rule` in the scope `old` was read from to `new`."""
        old_set, new_set = {(a, b, rule) for a, b in old}, {(a, b, rule) for a, b in new}
        gone, came = old_set - new_set, new_set - old_set
        self.db.executemany("DELETE FROM entity_edges WHERE a = ? AND b = ? AND rule = ?", sorted(gone))
        self.db.executemany("INSERT INTO entity_edges(a, b, rule) VALUES (?,?,?)", sorted(came))
        self.dropped |= gone
        self.added |= came

    def edges_of(self, rule: str, column: str, keys: Iterable[str]) -> list[tuple[str, str]]:
        return self.rows(
            f"SELECT e.a, e.b FROM json_each(?) j CROSS JOIN entity_edges e ON e.{column} = j.value AND e.rule = ?", _ids(keys), rule
        )

    def name_root(self, key: str) -> str:
        if key not in self._name_root:
            found = self.db.execute("SELECT name_root FROM entity_keys WHERE key = ?", (key,)).fetchone()
            self._name_root[key] = found[0] if found else key
        return self._name_root[key]

    def changed_endpoints(self) -> set[str]:
        return {k for a, b, _ in self.added | self.dropped for k in (a, b)}

    def components(self, column: str, seeds: set[str], old_roots: dict[str, str]) -> tuple[dict[str, str], set[str]]:
        """The components, over the stored edges of the rules before `column`'s stage, of `seeds` and of
        every key that shared a component with one (`old_roots`: removed keys' former roots): (key ->
        its new root, for every key reached; the keys whose stored root changed)."""
        rules = STAGE_RULES[column]
        roots = {old_roots[k] for k in seeds if k in old_roots}
        roots |= {r[0] for r in self.rows(f"SELECT k.{column} FROM json_each(?) j CROSS JOIN entity_keys k ON k.key = j.value", _ids(seeds))}
        stored: dict[str, str] = dict(
            self.rows(f"SELECT k.key, k.{column} FROM json_each(?) j CROSS JOIN entity_keys k ON k.{column} = j.value", _ids(roots))
        )
        stored.update(self.rows(f"SELECT k.key, k.{column} FROM json_each(?) j CROSS JOIN entity_keys k ON k.key = j.value", _ids(seeds)))
        uf = E._Union()
        seen = set(stored)
        frontier = set(stored)
        marks = ",".join("?" * len(rules))
        while frontier:
            batch = _ids(frontier)
            frontier = set()
            for a, b in self.rows(
                f"SELECT e.a, e.b FROM json_each(?) j CROSS JOIN entity_edges e ON e.a = j.value AND e.rule IN ({marks})"
                f" UNION ALL SELECT e.a, e.b FROM json_each(?) j CROSS JOIN entity_edges e ON e.b = j.value AND e.rule IN ({marks})",
                batch, *rules, batch, *rules,
            ):
                uf.union(a, b)
                for k in (a, b):
                    if k not in seen:
                        seen.add(k)
                        frontier.add(k)
            fresh = frontier - stored.keys()
            stored.update(self.rows(f"SELECT k.key, k.{column} FROM json_each(?) j CROSS JOIN entity_keys k ON k.key = j.value", _ids(fresh)))
        new = {k: uf.find(k) for k in seen}
        changed = {k for k, root in new.items() if stored.get(k) != root}
        self.db.executemany(f"UPDATE entity_keys SET {column} = ? WHERE key = ?", [(new[k], k) for k in sorted(changed)])
        return new, changed


def update(store: Any, db: sqlite3.Connection) -> tuple[dict[str, str], set[str]]:
    """Bring the stored graph up to date with the pending keys, in `db`'s transaction; returns (key -> root
    for every key of the components that may have changed, the keys that are no more)."""
    up = _Update(db)
    pending = {r[0] for r in db.execute("SELECT key FROM entity_pending")}
    units: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for key, form, acronym in up.rows("SELECT k.key, k.form, k.acronym FROM json_each(?) j CROSS JOIN key_units k ON k.key = j.value", _ids(pending)):
        units[key].add((form, acronym))
    removed = pending - units.keys()
    old = {r[0]: r[1:] for r in up.rows("SELECT k.key, k.name_root, k.org_root, k.root FROM json_each(?) j CROSS JOIN entity_keys k ON k.key = j.value", _ids(pending))}
    db.executemany("DELETE FROM entity_keys WHERE key = ?", [(k,) for k in sorted(removed)])
    db.executemany(
        "INSERT OR IGNORE INTO entity_keys(key, name_root, org_root, root) VALUES (?,?,?,?)", [(k, k, k, k) for k in sorted(units)]
    )
    # what finds the rules' candidates
    old_names = set(up.rows("SELECT n.name, n.kind, n.key, n.form FROM json_each(?) j CROSS JOIN name_keys n ON n.key = j.value", _ids(pending)))
    new_names = {r for key, us in units.items() for r in name_rows(key, us)}
    db.executemany("DELETE FROM name_keys WHERE name = ? AND kind = ? AND key = ? AND form = ?", sorted(old_names - new_names))
    db.executemany("INSERT INTO name_keys(name, kind, key, form) VALUES (?,?,?,?)", sorted(new_names - old_names))
    spells_changed = {r[0] for r in old_names ^ new_names if r[1] == "spells"}
    acronym_keys = {r[2] for r in old_names | new_names if r[1] == "acronym"}

    # near-equal full names, per surname block of a pending person
    people = {k for k in pending if k.startswith("person:")}
    moved: set[str] = set()  # keys whose component of full names is another set of keys
    for block in sorted({k.split()[-1] for k in people}):
        now = sorted(k for k in up.names(block, "full") if k.split()[-1] == block)
        gone = sorted(k for k in removed if k.startswith("person:") and k.split()[-1] == block)
        stored = up.edges_of("name", "a", now + gone)
        # a pair is decided from its two keys alone: the stored pairs of keys still here stand, the new keys' are decided
        fresh = {k for k in now if k in pending and k not in old}
        edges = sorted({(a, b) for a, b in stored if a not in removed and b not in removed} | set(E.name_edges(now, fresh)))
        up.replace_edges("name", stored, edges)
        uf = E._Union()
        for k in now:
            uf.find(k)
        for a, b in edges:
            uf.union(a, b)
        before_roots = {k: (old[k][0] if k in old else up.name_root(k)) for k in now + gone if k in old or k not in pending}
        before: dict[str, set[str]] = defaultdict(set)
        for k, r in before_roots.items():
            before[r].add(k)
        after: dict[str, set[str]] = defaultdict(set)
        for k in now:
            after[uf.find(k)].add(k)
        for k in now + gone:
            was = before[before_roots[k]] if k in before_roots else None
            if was != (after[uf.find(k)] if k in now else None):
                moved.add(k)
        db.executemany("UPDATE entity_keys SET name_root = ? WHERE key = ?", [(uf.find(k), k) for k in now])
        up._name_root.update({k: uf.find(k) for k in now})

    # bare surnames
    families = {t for k in moved | people for t in family_names(k)}
    bare = {k for k in units if k.startswith("surname:")}
    for family in sorted(families):
        bare |= up.names(family, "bare")
    named = {r[0] for r in up.rows(
        "SELECT DISTINCT mk.doc_id FROM json_each(?) j CROSS JOIN mention_keys mk ON mk.key = j.value", _ids(moved - removed)
    )}
    for doc in sorted(named):
        bare |= {r[0] for r in db.execute("SELECT DISTINCT key FROM key_units WHERE key >= ? AND key < ?", (f"surname:{doc}:", f"surname:{doc};"))}
    candidates: dict[str, set[str]] = {}

    def keys_in(doc: str) -> set[str]:
        return {r[0] for r in db.execute("SELECT DISTINCT key FROM mention_keys WHERE doc_id = ?", (doc,))}

    def members(root: str) -> set[str]:
        if not root.startswith("person:"):
            return {root}
        return {r[0] for r in db.execute("SELECT key FROM entity_keys WHERE name_root = ?", (root,))}

    def co_mentioned(family: str, keys: set[str]) -> set[str]:
        return {r[0] for r in db.execute(
            "SELECT key FROM family_keys WHERE family = ? AND key IN (SELECT value FROM json_each(?))", (family, _ids(keys))
        )}

    joins = []
    for key in sorted(bare):
        family = key.split(":", 2)[2]
        if family not in candidates:
            candidates[family] = {up.name_root(k) for k in up.names(family, "full")}
        target = E.surname_target(key, candidates[family], up.name_root, keys_in, members, co_mentioned)
        if target:
            joins.append((target, key))
    up.replace_edges("surname", up.edges_of("surname", "b", bare | {k for k in removed if k.startswith("surname:")}), joins)

    # organisations that may be a person
    orgs = {k for k in units if E.person_named(k) is not None}
    for person in sorted(people):
        orgs |= up.names(person[7:], "org")
    joins = []
    for key in sorted(orgs):
        name = E.person_named(key)
        if name is not None and db.execute("SELECT 1 FROM entity_keys WHERE key = ?", ("person:" + name,)).fetchone():
            joins.append(("person:" + name, key))
    up.replace_edges("person-org", up.edges_of("person-org", "b", orgs | {k for k in removed if k.startswith("org:")}), joins)

    # in-document organisation joins
    touched = _ids(pending)
    up.replace_edges(
        "org-doc",
        up.edges_of("org-doc", "a", pending) + up.edges_of("org-doc", "b", pending),
        up.rows(
            "SELECT o.qualified, o.key FROM json_each(?) j CROSS JOIN org_document_edges o ON o.qualified = j.value"
            " UNION SELECT o.qualified, o.key FROM json_each(?) j CROSS JOIN org_document_edges o ON o.key = j.value",
            touched, touched,
        ),
    )

    old_org = {k: v[1] for k, v in old.items()}
    org_roots, org_changed = up.components("org_root", pending | up.changed_endpoints(), old_org)

    # acronyms
    letters = spells_changed | {r[0] for r in up.rows(
        "SELECT n.name FROM json_each(?) j CROSS JOIN name_keys n ON n.key = j.value AND n.kind = 'spells'", _ids(org_changed)
    )}
    for initials in sorted(letters):
        acronym_keys |= {r[0] for r in db.execute("SELECT key FROM name_keys WHERE name = ? AND kind = 'acronym'", (initials,))}

    def org_root(key: str) -> str:
        if key not in org_roots:
            org_roots[key] = db.execute("SELECT org_root FROM entity_keys WHERE key = ?", (key,)).fetchone()[0]
        return org_roots[key]

    joins = []
    for own in sorted(acronym_keys - removed):
        for initials, form in up.rows("SELECT name, form FROM name_keys WHERE key = ? AND kind = 'acronym'", own):
            found = up.names(initials, "spells") - {own}
            if not found:
                continue
            present: dict[str, set[str]] = defaultdict(set)
            for doc, key in db.execute(
                "SELECT a.doc_id, c.key FROM (SELECT DISTINCT doc_id FROM mention_keys WHERE key = ? AND form = ? AND acronym = 1) a"
                " LEFT JOIN mention_keys c ON c.doc_id = a.doc_id AND c.key IN (SELECT value FROM json_each(?))",
                (own, form, _ids(found)),
            ):
                present[doc].update([key] if key else [])
            for in_doc in present.values():
                target = E.acronym_target(in_doc, found, org_root)
                if target:
                    joins.append((target, own))
    up.replace_edges("acronym", up.edges_of("acronym", "b", acronym_keys), joins)

    roots, _ = up.components("root", pending | up.changed_endpoints(), {k: v[2] for k, v in old.items()})
    db.execute("DELETE FROM entity_pending")
    return roots, removed
