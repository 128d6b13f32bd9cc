"""Canonical entities across the corpus: one entity per real-world actor.

Rules, in order (each keeps its evidence in the mention's link):

1. Countries: a mention linked to a country code (the country's name, a demonym
   such as "Cuban", a capital used for its government, "the Kremlin") joins the
   country's entity, keyed by ISO 3166 code.
2. Places: other GPE/LOC/FAC mentions join by normalised name; coordinates from
   the packaged gazetteer when it knows the place.
3. People, within a document: a surname-only mention joins the full name
   introduced in the same document with that surname ("Medvedev" -> "Dmitry
   Medvedev"). If the document has two full names with that surname it stays
   apart.
4. People, across documents: full names join when their normalised forms are
   equal (accents, transliteration endings -i/-y, -ei/-ey, doubled letters:
   Dmitri/Dmitry, Sergei/Sergey, Zablotsky/Zablotskyy) or when the surnames are
   equal and the first names nearly so (similarity >= 85). A surname-only
   cluster joins a full name from another document only if that surname belongs
   to exactly one full-named person in the corpus and the two documents share
   at least two other entities, counted on the clusters before any surname-only
   one is merged (so no decision depends on another, nor on the order of
   documents). Two people with one surname and different first names are never
   merged.
5. Organisations: normalised names with the nationality written as a country
   code ("British"/"UK" -> GB) and word-order variants ("Defence Ministry" /
   "Ministry of Defence"); within a document an unqualified name joins the only
   qualified one ("the Ministry of Defence" -> "British Ministry of Defence");
   an acronym joins the one organisation whose initials it spells ("MoD",
   "ISW"), in its document first, else in the corpus if unique (each acronym
   against the clusters before any acronym is merged).
6. Analyst overrides are applied last, from the TOML file and from the reviews kept in the
   store (`threadline.review`): merge, split, rename, retype, not-an-entity.

The merges are kept in the store as a graph, so a resolve decides again only the merges an add
touches (`update_graph`, at the end of this module).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol

from rapidfuzz import fuzz

from .. import places, review
from ..errors import ConfigError
from ..discourse.types import cues as type_cues
from ..extract.mentions import ACTOR_LABELS, NAME_FUNCTION_WORDS, initials, rules
from ..removal import family_counts, family_names, forget_keys
from ..store import Store, batches, dumps


@dataclass
class Mention:
    doc: str
    seq: int
    text: str
    label: str
    data: dict[str, Any]


# -- normalisation -----------------------------------------------------------
def _translit(token: str) -> str:
    token = re.sub(r"(.)\1", r"\1", token)  # doubled letters
    token = token.replace("ks", "x")
    token = re.sub(r"(ei|ij|iy|ii)$", "ey", token)
    token = re.sub(r"([^aeiouy])i$", r"\1y", token)
    token = token.replace("ey", "y") if token.endswith("ey") else token
    return token


def person_tokens(name: str) -> list[str]:
    titles = set(rules()["person_titles"])
    tokens = [t.strip(".,") for t in re.split(r"[\s]+", places.norm(name)) if t.strip(".,")]
    while tokens and tokens[0] in titles:
        tokens = tokens[1:]
    return [_translit(t) for t in tokens]


@lru_cache(maxsize=1 << 16)
def org_key(name: str, qualifier: str | None = None) -> str:
    key = places.norm(name).removeprefix("the ")
    key = key.replace("defense", "defence").replace("u.s.", "us").replace("u.k.", "uk")
    aliases = rules()["org_aliases"]
    words = key.split()
    # a nationality word in front becomes a country code: "british ministry of defence" -> "GB ministry of defence";
    # an ambiguous one ("korean") only when the qualifier settles it
    code = qualifier
    if len(words) > 1:
        named = places.demonym_countries(words[0]) or tuple(c for c in [places.country_code(words[0])] if c)
        if named and (qualifier in named or (not qualifier and len(named) == 1)):
            code, words = qualifier or named[0], words[1:]
    rest = " ".join(words)
    return f"{code} {aliases.get(rest, rest)}" if code else aliases.get(rest, rest)


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and sum(c.isupper() for c in letters) >= 2


def entity_id(etype: str, key: str) -> str:
    return "E" + hashlib.sha256(f"{etype}|{key}".encode()).hexdigest()[:11]


# -- clustering ---------------------------------------------------------------
class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the smaller key as root, so results do not depend on order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _load(store: Store, doc_ids: list[str]) -> list[Mention]:
    """The actor mentions of these documents, in document and text order."""
    labels = ",".join(f"'{label}'" for label in ACTOR_LABELS)
    out = []
    for row in store.iter_rows(
        "SELECT r.doc_id, r.seq, substr(d.text, r.start + 1, r.end - r.start) AS t, r.data"
        " FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value CROSS JOIN records r ON r.doc_id = d.id AND r.kind = 'mention'"
        f" WHERE json_extract(r.data, '$.label') IN ({labels})"
        " ORDER BY d.rowid, r.seq",
        (json.dumps(doc_ids),),
    ):
        data = json.loads(row["data"])
        out.append(Mention(row["doc_id"], row["seq"], row["t"], data["label"], data))
    return out


def is_generic_org(key: str) -> bool:
    """An unqualified institution name that exists in every country ("ministry of defence", "police")."""
    generic = set(rules()["generic_org_words"])
    return all(w in generic or w in NAME_FUNCTION_WORDS for w in key.split())


def person_keys_in_doc(doc: str, mentions: list[Mention]) -> dict[tuple[str, int], str]:
    """Cluster keys for one document's PERSON mentions (given in text order).

    A full name that ends another, longer full name of the document joins it
    ("Rai Paudyal" -> "Bimala Rai Paudyal"). A single name joins the nearest
    preceding full name whose family name it is, first or last token (so "Kim"
    finds "Kim Jong Un" and "Rodriguez" the Rodriguez just mentioned); with no
    preceding one, the first following; with none, it stays a surname of this
    document.
    """
    tokens = {(m.doc, m.seq): person_tokens(m.data.get("form") or m.text) for m in mentions}
    fulls = {" ".join(t) for t in tokens.values() if len(t) >= 2}  # each name once: a name repeated is not compared again
    longest = {}
    for name in fulls:
        longer = sorted({f for f in fulls if f.endswith(" " + name)}, key=len)
        chain = longer and all(longer[-1].endswith(" " + f) for f in longer[:-1])
        longest[name] = longer[-1] if chain else name
    keys: dict[tuple[str, int], str] = {}
    order = [(m.doc, m.seq) for m in mentions]
    for i, key in enumerate(order):
        toks = tokens[key]
        if not toks:
            keys[key] = f"person-doc:{doc}:{places.norm(mentions[i].text)}"
        elif len(toks) >= 2:
            keys[key] = "person:" + longest[" ".join(toks)]
        else:
            def family(j: int) -> str | None:
                t = tokens[order[j]]
                return "person:" + longest[" ".join(t)] if len(t) >= 2 and toks[0] in (t[0], t[-1]) else None

            found = next((f for j in range(i - 1, -1, -1) if (f := family(j))), None)
            found = found or next((f for j in range(i + 1, len(order)) if (f := family(j))), None)
            keys[key] = found or f"surname:{doc}:{toks[0]}"
    return keys


def _base_key(m: Mention, person_keys: dict[tuple[str, int], str]) -> tuple[str, str]:
    """(entity type, cluster key) before cross-document merging."""
    if m.data.get("country") and (m.label in ("GPE", "NORP") or m.data.get("rule")):
        return "GPE", f"country:{m.data['country']}"
    if m.label in ("GPE", "LOC", "FAC"):
        code = None if m.data.get("rule") == "region" else places.country_code(m.text)  # "Atlanta, Georgia": the state
        if code:
            return "GPE", f"country:{code}"
        return m.label, f"place:{places.norm(m.text).removeprefix('the ')}"
    if m.label == "PERSON":
        return "PERSON", person_keys[(m.doc, m.seq)]
    if m.label == "ORG":
        code = places.country_code(m.text)
        if code:
            return "GPE", f"country:{code}"
        key = org_key(f"{m.text} in {m.data['seat']}" if m.data.get("seat") else m.text, m.data.get("qualifier"))
        if is_generic_org(key):
            return "ORG", f"org-doc:{m.doc}:{key}"  # "the defence ministry": whose depends on the article
        return "ORG", "org:" + key
    if m.label == "NORP":
        return "NORP", "norp:" + places.norm(m.text)
    return m.label, f"{m.label.lower()}:{places.norm(m.text).removeprefix('the ')}"


# -- keys: what each document says, computed once per document --------------------
PLACE_TYPES = {"GPE": 0, "LOC": 1, "FAC": 2}  # broader first: how a tie between a key's types is settled
KeyRow = tuple[str, int, str, str, str, str | None, int]  # doc, seq, key, type, form, country referred to, acronym
AcronymUse = tuple[str, str, str, set[str], set[str]]  # document, acronym's key, its form, candidates, those named in the document


def key_rows(mentions: list[Mention]) -> list[KeyRow]:
    """Each actor mention's cluster key before cross-document merging, with what the
    corpus-level merges read of it. `mentions` are whole documents' mentions in text order."""
    people: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.label == "PERSON":
            people[m.doc].append(m)
    person_keys: dict[tuple[str, int], str] = {}
    for doc, ms in people.items():
        person_keys.update(person_keys_in_doc(doc, ms))
    out = []
    for m in mentions:
        etype, key = _base_key(m, person_keys)
        ref = m.data.get("country") or m.data.get("qualifier")
        form = m.data.get("form", m.text) if m.data.get("rule") == "institution" else m.text  # "Russian army", not "army"
        out.append((m.doc, m.seq, key, etype, form, ref, int(m.label == "ORG" and _is_acronym(m.text))))
    return out


@dataclass
class KeyIndex:
    """The corpus's keys as the merges read them: built in one pass over the key rows in
    document and text order (`mention_keys`), never from the mentions' texts."""

    first_types: dict[str, str] = field(default_factory=dict)  # key -> its first mention's entity type
    other_types: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, another type than its first's) -> mentions
    forms: dict[str, Counter[str]] = field(default_factory=dict)  # key -> surface form -> mentions
    doc_keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first: dict[tuple[str, str], int] = field(default_factory=dict)  # (doc, key or "country:XX" referred to) -> first seq
    acronyms: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, key, form) of acronym mentions, in order
    _families: dict[str, set[str]] | None = None  # family name -> documents naming a full-named person of it (when asked)

    def add(self, row: KeyRow) -> None:
        doc, seq, key, etype, form, ref, acronym = row
        if self.first_types.setdefault(key, etype) != etype:
            self.other_types[(key, etype)] += 1
        self.forms.setdefault(key, Counter())[form] += 1
        self.doc_keys[doc].add(key)
        self.first.setdefault((doc, key), seq)
        if ref:
            self.first.setdefault((doc, "country:" + ref), seq)
        if acronym:
            self.acronyms.append((doc, key, form))

    @property
    def types(self) -> dict[str, str]:
        """key -> entity type: the one most of its mentions give (not the first mention's, which would
        depend on the order documents came in); a tie goes to the broader kind of place (GPE, then
        LOC, then FAC: only a place's key is tagged with several types), else to the first by name."""
        out = dict(self.first_types)
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for (key, etype), n in self.other_types.items():
            counts[key][etype] = n
        for key, others in counts.items():
            others[self.first_types[key]] = sum(self.forms[key].values()) - sum(others.values())
            out[key] = majority(others)
        return out

    # what the merges read of documents, in memory (`StoredKeys` reads the same from the store's counts)
    def keys_in(self, doc: str) -> set[str]:
        return self.doc_keys.get(doc, set())

    def co_mentioned(self, family: str, keys: set[str]) -> set[str]:
        """The `keys` named in a document that names a full-named person of this family (first or last name)."""
        if self._families is None:
            self._families = defaultdict(set)
            for doc, ks in self.doc_keys.items():
                for k in ks:
                    for t in family_names(k):
                        self._families[t].add(doc)
        return {k for k in keys if any(k in self.doc_keys[d] for d in self._families.get(family, ()))}

    def org_edges(self) -> list[tuple[str, str]]:
        return [(q, k) for _, q, k in org_document_edges(self.doc_keys, self.first)]

    def acronym_uses(self, candidates: Callable[[str, str], set[str]]) -> Iterator[AcronymUse]:
        """(document, acronym's key and form, the organisation keys it may spell, those named in its document),
        per acronym mention."""
        for doc, own, form in self.acronyms:
            found = candidates(own, form)
            if found:
                yield doc, own, form, found, found & self.doc_keys[doc]


def org_document_edges(doc_keys: dict[str, set[str]], first: dict[tuple[str, str], int]) -> list[tuple[str, str, str]]:
    """(document, qualified organisation, unqualified one that joins it): in a document, an unqualified name
    joins the only qualified variant named there, when it or its country is named first ("Britain's
    defence ministry … the ministry"; "According to British intelligence, … The Defence Ministry said");
    a ministry named before any mention of that country is another one. Each document on its own."""
    out = []
    for doc, ks in sorted(doc_keys.items()):
        doc_orgs = sorted(k for k in ks if k.startswith(("org:", "org-doc:")))
        for k in doc_orgs:
            b = _org_body(k)
            qualified = [o for o in doc_orgs if o != k and _country_qualified(_org_body(o), b)]
            country = _org_body(qualified[0])[:2] if len(qualified) == 1 else ""
            if country and min(first[(doc, qualified[0])], first.get((doc, "country:" + country), 1 << 30)) < first[(doc, k)]:
                out.append((doc, qualified[0], k))
    return out


def _org_body(key: str) -> str:
    return key.split(":", 2)[-1] if key.startswith("org-doc:") else key[4:]


class StoredKeys:
    """The corpus's keys as the merges read them, from what the store keeps (migration 21): one row per
    (key, form, type, acronym) unit, instead of one per mention; a document's keys, a family's co-mentioned
    keys and an acronym's documents are looked up only when a rule asks for them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.forms: dict[str, Counter[str]] = {}
        self.type_counts: dict[str, Counter[str]] = {}
        self.acronym_units: set[tuple[str, str]] = set()
        self.refs: Counter[tuple[str, str]] = Counter()
        for key, form, etype, acronym, mentions, refs in store.iter_rows(
            "SELECT key, form, type, acronym, mentions, refs FROM key_units"
        ):
            self.forms.setdefault(key, Counter())[form] += mentions
            self.type_counts.setdefault(key, Counter())[etype] += mentions
            if acronym:
                self.acronym_units.add((key, form))
            if refs:
                self.refs[(key, form)] += refs

    @property
    def types(self) -> dict[str, str]:
        return {key: majority(counts) for key, counts in self.type_counts.items()}

    def keys_in(self, doc: str) -> set[str]:
        return {r[0] for r in self.store.iter_rows("SELECT DISTINCT key FROM mention_keys WHERE doc_id = ?", (doc,))}

    def co_mentioned(self, family: str, keys: set[str]) -> set[str]:
        return {
            r[0]
            for r in self.store.iter_rows(
                "SELECT key FROM family_keys WHERE family = ? AND key IN (SELECT value FROM json_each(?))", (family, json.dumps(sorted(keys)))
            )
        }

    def org_edges(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.store.iter_rows("SELECT DISTINCT qualified, key FROM org_document_edges")]

    def acronym_uses(self, candidates: Callable[[str, str], set[str]]) -> Iterator[AcronymUse]:
        for own, form in sorted(self.acronym_units):
            found = candidates(own, form)
            if not found:
                continue
            present: dict[str, set[str]] = defaultdict(set)
            for doc, key in self.store.iter_rows(
                "SELECT a.doc_id, c.key FROM (SELECT DISTINCT doc_id FROM mention_keys WHERE key = ? AND form = ? AND acronym = 1) a"
                " LEFT JOIN mention_keys c ON c.doc_id = a.doc_id AND c.key IN (SELECT value FROM json_each(?))",
                (own, form, json.dumps(sorted(found))),
            ):
                present[doc].update([key] if key else [])
            for doc in present:
                yield doc, own, form, found, present[doc]


def majority(counts: Counter[str]) -> str:
    """The type most mentions give; a tie goes to the broader kind of place (GPE, then LOC, then FAC),
    else to the first by name."""
    return min(counts, key=lambda t: (-counts[t], PLACE_TYPES.get(t, len(PLACE_TYPES)), t))


class Keys(Protocol):
    """What the merges read of the corpus's keys: `KeyIndex` (in memory) or `StoredKeys` (the store's counts)."""

    forms: dict[str, Counter[str]]

    @property
    def types(self) -> dict[str, str]: ...
    def keys_in(self, doc: str) -> set[str]: ...
    def co_mentioned(self, family: str, keys: set[str]) -> set[str]: ...
    def org_edges(self) -> list[tuple[str, str]]: ...
    def acronym_uses(self, candidates: Callable[[str, str], set[str]]) -> Iterator[AcronymUse]: ...


@dataclass
class Graph:
    """The merges as a graph: each merge an edge (key, key, rule), and each key's root after the near-equal full
    names (`name_roots`), after every rule but the acronyms (`org_roots`) and after all (`roots`); a root is the
    smallest key of its component, so it depends on no order."""

    edges: set[tuple[str, str, str]] = field(default_factory=set)
    acronym_joins: set[tuple[str, str, str, str]] = field(default_factory=set)  # (document, acronym's key, form, target)
    name_roots: dict[str, str] = field(default_factory=dict)
    org_roots: dict[str, str] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)
    root_types: dict[str, str] = field(default_factory=dict)


def cluster_keys(index: Keys) -> tuple[dict[str, str], dict[str, str]]:
    """Merge keys across documents; return (key -> root key, root -> type)."""
    graph = cluster_graph(index)
    return graph.roots, graph.root_types


def cluster_graph(index: Keys) -> Graph:
    """Merge keys across documents, keeping every merge as an edge and each stage's roots."""
    uf = _Union()
    graph = Graph()
    types = index.types
    for key in types:
        uf.find(key)

    def join(a: str, b: str, rule: str) -> None:
        graph.edges.add((a, b, rule))
        uf.union(a, b)

    _merge_people(types, index, uf, join, graph)
    _merge_people_taken_for_organisations(types, join)
    _merge_orgs(index, types, uf, join, graph)
    graph.roots = {k: uf.find(k) for k in types}
    graph.root_types = cluster_types(graph.roots, types, index.forms)
    return graph


def cluster_types(roots: dict[str, str], types: dict[str, str], forms: dict[str, Counter[str]]) -> dict[str, str]:
    """root -> type: its keys' types, each weighed by the key's mentions."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for k, root in roots.items():
        votes[root][types[k]] += sum(forms[k].values())
    return {root: majority(n) for root, n in votes.items()}


def cluster(mentions: list[Mention]) -> tuple[dict[tuple[str, int], str], dict[str, str]]:
    """Map each mention to a cluster root key; return (mention -> root, root -> type)."""
    index = KeyIndex()
    rows = key_rows(mentions)
    for row in rows:
        index.add(row)
    roots, root_types = cluster_keys(index)
    return {(doc, seq): roots[key] for doc, seq, key, *_ in rows}, root_types


def name_edges(block: list[str], among: set[str] | None = None) -> list[tuple[str, str]]:
    """The full names of one surname block (sorted) that join: the same surname, nearly the same first names.
    Each pair is decided from its two keys alone; with `among`, only the pairs with a key in it."""
    out = []
    for i, a in enumerate(block):
        for b in block[i + 1:]:
            if among is not None and a not in among and b not in among:
                continue
            if given_names_agree(a[7:].split()[:-1], b[7:].split()[:-1]):
                out.append((a, b))
    return out


def given_names_agree(fa: list[str], fb: list[str]) -> bool:
    """Two people's given names, their surname the same, name one person: the first names nearly the same
    ("Dmitry", "Dmitri"), and the middle names the same, or initials of each other ("John M." and "John
    Milo"), or one side giving none against one of the other's ("Owen" and "Owen John"; not "George"
    against "George H. W.", nor "George H. W." against "George W.")."""
    fa, fb = " ".join(fa).replace("-", " ").split(), " ".join(fb).replace("-", " ").split()
    if not fa or not fb:
        return False
    if len(fa) == len(fb) and fuzz.ratio(" ".join(fa), " ".join(fb)) >= 85:
        return True  # spelled two ways: "Dmitry", "Dmitri"; "Mary Ann", "Mary Anne"
    if fuzz.ratio(fa[0], fb[0]) < 85:
        return False
    ma, mb = [t.strip(".") for t in fa[1:]], [t.strip(".") for t in fb[1:]]
    if not ma or not mb:
        return len(ma) + len(mb) <= 1
    return len(ma) == len(mb) and all(x == y or x[:1] == y[:1] and min(len(x), len(y)) == 1 for x, y in zip(ma, mb))


def surname_target(
    key: str, candidates: set[str], name_root: Callable[[str], str], keys_in: Callable[[str], set[str]],
    members: Callable[[str], set[str]], co_mentioned: Callable[[str, set[str]], set[str]],
) -> str | None:
    """The person (a root of the full names) a bare surname joins, or None: `candidates` are the roots of its
    family's full-named people; it joins the only one if its document shares two other entities (roots) with
    a document naming the family (`members`: a root's keys)."""
    if len(candidates) != 1:
        return None
    _, doc, surname = key.split(":", 2)
    target = next(iter(candidates))
    # shared: the roots of this document's keys (but itself and the target) that a key of some
    # document naming the family belongs to
    mine = {name_root(k) for k in keys_in(doc)} - {key, target}
    if len(mine) < 2:
        return None
    found = co_mentioned(surname, {k for r in mine for k in members(r)})
    return target if len({name_root(k) for k in found} & mine) >= 2 else None


def _merge_people(types: dict[str, str], index: Keys, uf: _Union, join: Callable[[str, str, str], None], graph: Graph) -> None:
    fulls = sorted(k for k in types if k.startswith("person:"))
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in fulls:
        by_surname[k.split()[-1]].append(k)
    # same surname, nearly the same first names
    for group in by_surname.values():
        for a, b in name_edges(group):
            join(a, b, "name")
    # surname-only clusters: only with a unique full name and co-mention evidence
    by_family: dict[str, list[str]] = defaultdict(list)  # first or last token: "kim jong un" is a Kim
    for k in fulls:
        for t in family_names(k):
            by_family[t].append(k)
    # every bare surname is decided against the roots as they stand before any is merged, so no
    # decision depends on another (nor on the order of documents or keys), and an add need re-decide
    # only the surnames whose family or evidence it touches
    before = {k: uf.find(k) for k in types}
    graph.name_roots = before
    members: dict[str, set[str]] = defaultdict(set)  # root -> its keys, for the roots people's names joined
    for k in fulls:
        members[before[k]].add(k)
    joins = []
    for key in sorted(k for k in types if k.startswith("surname:")):
        candidates = {before[k] for k in by_family.get(key.split(":", 2)[2], [])}
        target = surname_target(key, candidates, before.__getitem__, index.keys_in, lambda r: members.get(r, {r}), index.co_mentioned)
        if target:
            joins.append((target, key))
    for target, key in joins:
        join(target, key, "surname")


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    """The words an organisation's name is made of ("ministry", "group", "ltd", "of", ...)."""
    k = type_cues()
    return frozenset({*k["org_heads"], *k["org_suffixes"], *k["org_nouns"], *NAME_FUNCTION_WORDS})


def person_named(key: str) -> str | None:
    """The person's name an organisation's key may be (`_merge_people_taken_for_organisations`), or None."""
    if not key.startswith("org:"):
        return None
    words = key[4:].split()
    org_words = _org_words()
    if len(words) < 2 or any(w in org_words for w in words):
        return None
    return " ".join(person_tokens(key[4:]))


def _merge_people_taken_for_organisations(types: dict[str, str], join: Callable[[str, str, str], None]) -> None:
    """An organisation's key whose words are a person's full name elsewhere in the corpus is that person:
    the model called "Bakyt Omarov" an organisation in one report and a person in another, and the two
    were two actors (each recruiter's count then lost its recruiter). Only a name of two words or more
    with no word an organisation's name is made of ("ministry", "group", "ltd", "of", ...): "Baker
    McKenzie" stays a firm unless a person of exactly that name is known, which the rule cannot tell
    apart. The cluster takes the type most of its mentions give (`cluster_keys`)."""
    people = {k_[7:] for k_ in types if k_.startswith("person:")}
    for key in sorted(k_ for k_ in types if k_.startswith("org:")):
        name = person_named(key)
        if name is not None and name in people:
            join("person:" + name, key, "person-org")


def _country_qualified(name: str, bare: str) -> bool:
    """`name` is `bare` after a country code and a space ("RU defence ministry" of "defence
    ministry"). Tested by hand, not by a pattern made for each name: there are thousands."""
    return (
        len(name) == len(bare) + 3
        and name[2] == " "
        and name.endswith(bare)
        and "A" <= name[0] <= "Z"
        and "A" <= name[1] <= "Z"
    )


def spelled_initials(key: str, forms: Iterable[str]) -> set[str]:
    """The initials an organisation key's (non-acronym) forms spell."""
    if not key.startswith(("org:", "org-doc:")):
        return set()
    return {letters for f in forms if not _is_acronym(f) for letters in initials(f)}


def acronym_letters(form: str) -> str:
    return form.replace(".", "").lower()


def acronym_target(in_doc: set[str], found: set[str], org_root: Callable[[str], str]) -> str | None:
    """The organisation (a root before acronyms) an acronym's mention joins: the only one spelling it named in
    its document, else the only one in the corpus (not counting in-document organisations), else None."""
    pool = {org_root(k) for k in in_doc} or {org_root(k) for k in found if not k.startswith("org-doc:")}
    return pool.pop() if len(pool) == 1 else None


def _merge_orgs(index: Keys, types: dict[str, str], uf: _Union, join: Callable[[str, str, str], None], graph: Graph) -> None:
    orgs = {k for k in types if k.startswith(("org:", "org-doc:"))}
    # unqualified name -> the only qualified variant in the same document (`org_document_edges`)
    for qualified, key in index.org_edges():
        join(qualified, key, "org-doc")
    # acronyms: the organisation whose name (any surface form) it spells, in its document first
    spelled: dict[str, set[str]] = defaultdict(set)  # initials -> organisation keys with a form spelling them
    for k in sorted(orgs):
        for letters in spelled_initials(k, index.forms[k]):
            spelled[letters].add(k)

    def candidates(own: str, form: str) -> set[str]:
        return spelled.get(acronym_letters(form), set()) - {own}

    # each acronym against the roots before any acronym is merged: no decision depends on another's
    graph.org_roots = {k: uf.find(k) for k in types}
    joins = []
    for doc, own, form, found, in_doc in index.acronym_uses(candidates):
        target = acronym_target(in_doc, found, graph.org_roots.__getitem__)
        if target:
            joins.append((target, own))
            graph.acronym_joins.add((doc, own, form, target))
    for target, own in joins:
        join(target, own, "acronym")


# -- overrides ---------------------------------------------------------------
def load_overrides(path: str | Path | None) -> dict[str, list[dict[str, Any]]]:
    if not path:
        return {}
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"overrides file not found: {p}")
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: {exc}") from None
    allowed = {"merge", "split", "rename", "retype", "not-an-entity"}
    unknown = set(data) - allowed
    if unknown:
        raise ConfigError(f"{p}: unknown override kinds {sorted(unknown)}; use {sorted(allowed)}")
    return data


# -- the step ----------------------------------------------------------------
KEYS_VERSION = 5  # of `key_rows` and the rules it reads: a change re-keys every document

Unit = tuple[str, str]  # (key, surface form): what merges and overrides move as one


def key_documents(store: Store) -> int:
    """Key the actor mentions of documents not keyed by this version (new or re-analysed:
    writing a document's mentions drops its `keyed_documents` row). Each batch commits with
    its documents marked unlinked, so a killed run keys nothing twice and loses no link. The
    documents are found by what triggers list (`keys_pending`: a document stored, a keyed row
    dropped) and by the version's index, not by a pass over every document."""
    todo = [
        r[0]
        for r in store.iter_rows(
            "SELECT d.id FROM documents d WHERE d.id IN"
            " (SELECT doc_id FROM keys_pending UNION SELECT doc_id FROM keyed_documents WHERE version < ? OR version > ?)"
            " AND NOT EXISTS (SELECT 1 FROM keyed_documents k WHERE k.doc_id = d.id AND k.version = ?) ORDER BY d.rowid",
            (KEYS_VERSION, KEYS_VERSION, KEYS_VERSION),
        )
    ]
    for batch in batches(todo):  # one transaction each
        rows = key_rows(_load(store, batch))
        refs = _references(store, batch)
        with store.transaction() as db:
            forget_keys(db, batch)
            db.executemany(
                "INSERT INTO mention_keys(doc_id, seq, key, type, form, ref, acronym, refs) VALUES (?,?,?,?,?,?,?,?)",
                [(*r, refs.get((r[0], r[1]), 0)) for r in rows],
            )
            _count_documents(db, batch, rows)
            db.executemany(
                "INSERT OR REPLACE INTO keyed_documents(doc_id, version, linked) VALUES (?,?,0)", [(d, KEYS_VERSION) for d in batch]
            )
            db.executemany("DELETE FROM keys_pending WHERE doc_id = ?", [(d,) for d in batch])
    with store.transaction() as db:
        db.execute("DELETE FROM keys_pending")  # what is left: documents removed since, or keyed already
    return len(todo)


def _count_documents(db: sqlite3.Connection, doc_ids: list[str], rows: list[KeyRow]) -> None:
    """Count these newly keyed documents (whole, their rows `rows`) in `family_keys` and `org_document_edges`."""
    if not db.execute("SELECT built FROM entity_counts").fetchone()[0]:
        return  # built from every document's keys by the next `_build_counts`
    index = KeyIndex()
    for row in rows:
        index.add(row)
    added = family_counts((doc, k) for doc, ks in index.doc_keys.items() for k in ks)
    db.executemany(
        "INSERT INTO family_keys(family, key, documents) VALUES (?,?,?)"
        " ON CONFLICT(family, key) DO UPDATE SET documents = documents + excluded.documents",
        [(*fk, n) for fk, n in sorted(added.items())],
    )
    db.executemany("INSERT OR IGNORE INTO org_document_edges(doc_id, qualified, key) VALUES (?,?,?)", org_document_edges(index.doc_keys, index.first))


def _build_counts(store: Store) -> None:
    """Once, on a store migrated with keys (migration 21): the families' co-mentions and the in-document
    organisation joins of every keyed document, from `mention_keys`."""
    if store.scalar("SELECT built FROM entity_counts"):
        return
    with store.transaction() as db:
        db.execute("DELETE FROM family_keys")
        db.execute("DELETE FROM org_document_edges")
        db.execute("UPDATE entity_counts SET built = 1")
        docs = [r[0] for r in db.execute("SELECT DISTINCT doc_id FROM mention_keys")]
        for batch in batches(docs):
            rows = db.execute(
                "SELECT mk.doc_id, mk.seq, mk.key, mk.type, mk.form, mk.ref, mk.acronym FROM json_each(?) j"
                " CROSS JOIN mention_keys mk ON mk.doc_id = j.value ORDER BY mk.doc_id, mk.seq",
                (json.dumps(batch),),
            ).fetchall()
            _count_documents(db, batch, [tuple(r) for r in rows])  # type: ignore[misc]


def _references(store: Store, doc_ids: list[str]) -> dict[tuple[str, int], int]:
    """(doc, seq of a named mention) -> how many pronouns and descriptions of its document's
    coreference chain stand for it ("it", "the ministry"): they are mentions of its entity too."""
    return {
        (r[0], r[1]): r[2]
        for r in store.iter_rows(
            "SELECT r.doc_id, json_extract(r.data, '$.entity') AS named, count(*) FROM json_each(?) j"
            " CROSS JOIN records r ON r.doc_id = j.value AND r.kind = 'reference'"
            " WHERE json_extract(r.data, '$.form') != 'name' AND named IS NOT NULL GROUP BY r.doc_id, named",
            (json.dumps(doc_ids),),
        )
    }


def load_index(store: Store) -> KeyIndex:
    """Every key row of the store, in memory (one row per mention): what `StoredKeys` reads from the
    store's counts, kept to check them and to measure."""
    index = KeyIndex()
    for row in store.iter_rows(
        "SELECT mk.doc_id, mk.seq, mk.key, mk.type, mk.form, mk.ref, mk.acronym FROM documents d"
        " JOIN mention_keys mk ON mk.doc_id = d.id ORDER BY d.rowid, mk.seq"
    ):
        index.add(tuple(row))  # type: ignore[arg-type]
    return index


def resolve_entities(store: Store, overrides_path: str | Path | None = None) -> dict[str, int]:
    """Canonical entities and mention links. Keys are computed once per document; the merges are kept
    as a graph (`update_graph`), and a run decides again only the merges the keys changed since touch,
    and describes and writes only the entities of the components they reach: the links of new documents
    and of the (key, form) units whose entity changed, nothing else. With analyst overrides, or when the
    graph is not built, every key is merged again (one row per (key, form) unit, from the counts the
    store keeps, and the documents a rule asks about)."""
    overrides = review.combine(load_overrides(overrides_path), review.entity_overrides(store))
    _build_counts(store)
    keyed = key_documents(store)
    counts: Counter[str] = Counter(**{"keyed documents": keyed})
    if not overrides and graph_ready(store):
        with store.transaction() as db:
            roots, removed = update_graph(store, db)
            units: dict[Unit, int] = {}
            type_counts: dict[str, Counter[str]] = defaultdict(Counter)
            unit_refs: Counter[Unit] = Counter()
            for key, form, etype, mentions, n_refs in db.execute(
                "SELECT k.key, k.form, k.type, k.mentions, k.refs FROM json_each(?) j CROSS JOIN key_units k ON k.key = j.value",
                (json.dumps(sorted(roots)),),
            ):
                units[(key, form)] = units.get((key, form), 0) + mentions
                type_counts[key][etype] += mentions
                unit_refs[(key, form)] += n_refs
            forms: dict[str, Counter[str]] = defaultdict(Counter)
            for (key, form), n in units.items():
                forms[key][form] += n
            root_types = cluster_types(roots, {k: majority(c) for k, c in type_counts.items()}, forms)
            assignment = {u: roots[u[0]] for u in units}
            rows, linked, _ = _entity_rows(assignment, units, unit_refs, root_types, {}, {})
            old_units = {(r[0], r[1]): r[2] for r in db.execute(
                "SELECT e.key, e.form, e.entity_id FROM json_each(?) j CROSS JOIN entity_units e ON e.key = j.value",
                (json.dumps(sorted(roots.keys() | removed)),),
            )}
            old_rows = {r[0]: tuple(r[1:]) for r in db.execute(
                "SELECT e.id, e.name, e.type, e.aliases, e.country, e.lat, e.lon, e.mentions FROM json_each(?) j"
                " CROSS JOIN entities e ON e.id = j.value", (json.dumps(sorted(set(old_units.values()))),),
            )}
            changed = _write(db, rows, linked, old_units, old_rows)
        counts["entities"] = store.scalar("SELECT count(*) FROM entities")
        counts["linked mentions"] = store.scalar("SELECT coalesce(sum(mentions), 0) FROM key_units")
        counts["entity links changed"] = changed
        return dict(counts)
    index = StoredKeys(store)
    graph = cluster_graph(index)
    units = {(k, f): n for k, forms_ in index.forms.items() for f, n in forms_.items()}
    assignment = {u: graph.roots[u[0]] for u in units}
    if overrides:
        members = _members(assignment, units)
        entities = {root: _describe(root, graph.root_types[root], forms_) for root, forms_ in members.items()}
        _apply_overrides(overrides, entities, units, assignment)
        types = {root: ent["type"] for root, ent in entities.items()}
        renamed = {root: ent["rename"] for root, ent in entities.items() if ent.get("rename")}
        countries = {root: ent["recountry"] for root, ent in entities.items() if ent.get("recountry")}
    else:
        types, renamed, countries = graph.root_types, {}, {}
    rows, linked, n_linked = _entity_rows(assignment, units, index.refs, types, renamed, countries)
    counts["entities"] = len(rows)
    counts["linked mentions"] = n_linked
    old_units = {(r[0], r[1]): r[2] for r in store.iter_rows("SELECT key, form, entity_id FROM entity_units")}
    old_rows = {r[0]: tuple(r[1:]) for r in store.iter_rows("SELECT id, name, type, aliases, country, lat, lon, mentions FROM entities")}
    with store.transaction() as db:
        write_graph(db, graph, complete=not overrides)
        counts["entity links changed"] = _write(db, rows, linked, old_units, old_rows)
    return dict(counts)


def _entity_rows(
    assignment: dict[Unit, str], units: dict[Unit, int], unit_refs: Counter[Unit], types: dict[str, str],
    renamed: dict[str, str], countries: dict[str, str],
) -> tuple[dict[str, tuple[Any, ...]], dict[Unit, str], int]:
    """The entities' rows (id -> row) of the roots units are assigned to, each unit's entity id, and the mentions linked."""
    rows: dict[str, tuple[Any, ...]] = {}
    ids: dict[str, str] = {}
    refs: Counter[str] = Counter()  # root -> pronouns and descriptions standing for its named mentions
    for unit, n in unit_refs.items():
        if unit in assignment:
            refs[assignment[unit]] += n
    linked = 0
    for root, forms in sorted(_members(assignment, units).items()):
        ent = _describe(root, types[root], forms, name=renamed.get(root))
        if root in countries:
            ent["country"] = countries[root]
        n = sum(forms.values())
        rows[ent["id"]] = (ent["name"], ent["type"], dumps(ent["aliases"]), ent["country"], ent["lat"], ent["lon"], n + refs[root])
        ids[root] = ent["id"]
        linked += n
    return rows, {u: ids[root] for u, root in assignment.items()}, linked


def _members(assignment: dict[Unit, str], units: dict[Unit, int]) -> dict[str, Counter[str]]:
    """root -> surface form -> mentions, over the units assigned to it."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for (key, form), root in assignment.items():
        out[root][form] += units[(key, form)]
    return out


def _write(
    db: sqlite3.Connection, rows: dict[str, tuple[Any, ...]], linked: dict[Unit, str],
    old_units: dict[Unit, str], old_rows: dict[str, tuple[Any, ...]],
) -> int:
    """Bring the tables to `rows` and the unit links, writing only what differs; returns links changed.
    `old_units` and `old_rows` are the stored units and entities these may replace (all of them, or those
    of the components an update reached), in the caller's transaction.

    The links of documents keyed since the last run are written whole; of the others, only the
    mentions of units whose entity changed (each unit's entity is kept in `entity_units`). Every
    document whose links changed gets its `entity_documents` rows (mentions per entity and
    document, with its publish date) again, and is marked for the quantities step, as are the
    documents naming an entity whose name or type changed (a claimant's name comes from it)."""
    changed_units = sorted(u for u in old_units.keys() | linked.keys() if old_units.get(u) != linked.get(u))  # sorted: rowids never follow set order
    renamed = [(i,) for i, row in rows.items() if i in old_rows and old_rows[i][:2] != row[:2]]
    fresh = [r[0] for r in db.execute("SELECT doc_id FROM keyed_documents WHERE linked = 0")]
    changed = 0
    db.execute("CREATE TEMP TABLE IF NOT EXISTS touched(doc_id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM touched")
    db.executemany("INSERT INTO touched(doc_id) VALUES (?)", [(d,) for d in fresh])
    for part in batches(fresh):
        batch = json.dumps(part)
        old = {(r[0], r[1]): r[2] for r in db.execute(
            "SELECT me.doc_id, me.seq, me.entity_id FROM json_each(?) j CROSS JOIN mention_entities me ON me.doc_id = j.value", (batch,)
        )}
        new = {(r[0], r[1]): linked.get((r[2], r[3])) for r in db.execute(
            "SELECT mk.doc_id, mk.seq, mk.key, mk.form FROM json_each(?) j CROSS JOIN mention_keys mk ON mk.doc_id = j.value", (batch,)
        )}
        new = {k: e for k, e in new.items() if e}
        changed += sum(old.get(k) != e for k, e in new.items()) + sum(k not in new for k in old)
        db.execute("DELETE FROM mention_entities WHERE doc_id IN (SELECT value FROM json_each(?))", (batch,))
        db.executemany("INSERT INTO mention_entities(doc_id, seq, entity_id) VALUES (?,?,?)", [(*k, e) for k, e in new.items()])
    # the mentions, in documents linked before, of units whose entity changed (NULL: no entity now)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS unit_changes(key TEXT, form TEXT, entity_id TEXT, PRIMARY KEY (key, form))")
    db.execute("DELETE FROM unit_changes")
    db.executemany("INSERT INTO unit_changes(key, form, entity_id) VALUES (?,?,?)", [(*u, linked.get(u)) for u in changed_units])
    moved = (
        "SELECT mk.doc_id, mk.seq, c.entity_id FROM unit_changes c CROSS JOIN mention_keys mk ON mk.key = c.key AND mk.form = c.form"
        " CROSS JOIN keyed_documents k ON k.doc_id = mk.doc_id AND k.linked = 1"
    )
    changed += db.execute(f"SELECT count(*) FROM ({moved})").fetchone()[0]
    db.execute(f"INSERT OR IGNORE INTO touched(doc_id) SELECT doc_id FROM ({moved})")
    db.execute(f"DELETE FROM mention_entities WHERE (doc_id, seq) IN (SELECT doc_id, seq FROM ({moved}) WHERE entity_id IS NULL)")
    db.execute(f"INSERT OR REPLACE INTO mention_entities(doc_id, seq, entity_id) SELECT doc_id, seq, entity_id FROM ({moved}) WHERE entity_id IS NOT NULL")
    db.execute("DELETE FROM entity_documents WHERE doc_id IN (SELECT doc_id FROM touched)")
    db.execute(
        "INSERT INTO entity_documents(entity_id, doc_id, mentions, published)"
        " SELECT me.entity_id, me.doc_id, count(*) + coalesce(sum(mk.refs), 0), d.published FROM touched t"
        " CROSS JOIN mention_entities me ON me.doc_id = t.doc_id CROSS JOIN documents d ON d.id = me.doc_id"
        " LEFT JOIN mention_keys mk ON mk.doc_id = me.doc_id AND mk.seq = me.seq GROUP BY me.entity_id, me.doc_id"
    )
    db.execute("INSERT OR IGNORE INTO claims_pending(doc_id, records_kept) SELECT doc_id, 1 FROM touched")  # links changed, not records
    db.executemany(
        "INSERT OR IGNORE INTO claims_pending(doc_id, records_kept) SELECT doc_id, 1 FROM entity_documents WHERE entity_id = ?", renamed
    )
    db.executemany("DELETE FROM entities WHERE id = ?", [(i,) for i in old_rows if i not in rows])
    db.executemany(
        "INSERT OR REPLACE INTO entities(id, name, type, aliases, country, lat, lon, mentions) VALUES (?,?,?,?,?,?,?,?)",
        [(i, *row) for i, row in rows.items() if old_rows.get(i) != row],
    )
    db.executemany("DELETE FROM entity_units WHERE key = ? AND form = ?", [u for u in changed_units if u not in linked])
    db.executemany(
        "INSERT OR REPLACE INTO entity_units(key, form, entity_id) VALUES (?,?,?)",
        [(*u, linked[u]) for u in changed_units if u in linked],
    )
    db.execute("UPDATE keyed_documents SET linked = 1 WHERE linked = 0")
    db.execute("DELETE FROM touched")
    db.execute("DELETE FROM unit_changes")
    return changed


def _describe(root: str, etype: str, forms: Counter[str], name: str | None = None) -> dict[str, Any]:
    """An entity's id, name, aliases and place from its surface forms (form -> mentions)."""
    country = lat = lon = None
    if root.startswith("country:"):
        country = root.split(":", 1)[1]
        canonical = places.country_name(country)
        point = places.country_point(country)
    else:
        def score(form: str) -> tuple[int, int, int, str]:
            if etype == "PERSON":
                preferred = len(form.split()) >= 2  # a full name over a surname
            elif etype == "ORG":
                preferred = bool(re.match(r"[A-Z]{2} ", org_key(form)))  # "British Ministry of Defence"
            else:
                preferred = not (form.isupper() and len(form) > 3)  # "Havana" over a dateline's "HAVANA"
            return (-int(preferred), -forms[form], -len(form), form)

        canonical = sorted(forms, key=score)[0]
        point = None
        qualified = re.match(r"org:([A-Z]{2}) ", root)
        named = re.match(r"([A-Z]{2}) ", org_key(canonical)) if etype == "ORG" else None
        if etype == "ORG" and (qualified or named):
            country = (qualified or named).group(1)  # "British Ministry of Defence" belongs to GB
        if etype in ("GPE", "LOC", "FAC"):
            found = places.town(canonical)
            state = places.region(canonical)  # "Texas", "British Columbia", "Ontario": a state or province
            if state:  # its country; a point only from a city of that very name in that country ("New York")
                country = state
                if found and places.city_named(canonical) == state:
                    point = (found["lat"], found["lon"])
            elif found:
                point = (found["lat"], found["lon"])
                country = found["country"]
    if point:
        lat, lon = point
    return {
        "id": entity_id(etype, root),
        "name": name or canonical,
        "type": etype,
        "aliases": sorted(f for f in forms if f != (name or canonical)),
        "country": country,
        "lat": lat,
        "lon": lon,
    }


def _apply_overrides(
    overrides: dict[str, list[dict[str, Any]]],
    entities: dict[str, dict[str, Any]],
    units: dict[Unit, int],
    assignment: dict[Unit, str],
) -> None:
    """Analyst overrides on (key, form) units: not-an-entity drops units, merge and split move them."""

    def find(ref: str) -> str | None:
        """The entity named `ref`: by id or canonical name first, else by an alias."""
        found = next((r for r, e in entities.items() if ref in (e["id"], e["name"])), None)
        found = found or next((r for r, e in entities.items() if ref in e["aliases"]), None)
        while found is not None and entities[found].get("merged_into"):
            found = entities[found]["merged_into"]
        return found

    for item in overrides.get("not-an-entity", []):
        names = set(item.get("names", [])) | ({item["name"]} if "name" in item else set())
        for unit, root in list(assignment.items()):
            if unit[1] in names or entities[root]["name"] in names:
                del assignment[unit]
    for item in overrides.get("merge", []):
        roots = [r for r in (find(ref) for ref in item.get("entities", [])) if r]
        if len(roots) < 2:
            continue
        target = min(roots)
        for unit, root in list(assignment.items()):
            if root in roots:
                assignment[unit] = target
        for root in roots:
            if root != target:
                entities[root]["merged_into"] = target
    for item in overrides.get("split", []):
        root = find(item.get("entity", ""))
        form = item.get("alias")
        if root is None or not form:
            continue
        new_root = f"split:{root}:{form}"
        moved = [u for u, r in assignment.items() if r == root and u[1] == form]
        if moved:
            entities[new_root] = _describe(new_root, entities[root]["type"], Counter({form: sum(units[u] for u in moved)}))
            for unit in moved:
                assignment[unit] = new_root
    for item in overrides.get("rename", []):
        root = find(item.get("entity", ""))
        if root is not None and item.get("name"):
            entities[root]["rename"] = item["name"]
    for item in overrides.get("retype", []):
        root = find(item.get("entity", ""))
        if root is not None:
            entities[root]["type"] = item.get("type") or entities[root]["type"]
            if item.get("country"):
                entities[root]["recountry"] = str(item["country"]).upper()


# -- the merges kept as a graph: a step bounded by the add ---------------------------------
# The entity step bounded by the add: the merges kept as a graph, and only what an add touches decided again.
#
# Every merge of `entities.cluster_graph` is an edge between two keys, decided from a bounded part of the store;
# the store keeps the edges (`entity_edges`, with their rule), each key's roots (`entity_keys`: after the near-equal
# full names, after every rule but the acronyms, after all), and what finds a rule's candidates without a pass over
# every key (`name_keys`: per family token its full-named people and its bare surnames, per person's name the
# organisation keys that may be that person, per initials the organisations spelling them and the acronym units
# using them). Triggers list every key whose units changed (`entity_pending`: a document keyed, re-keyed or
# removed). An update then decides again:
#
# - the near-equal full names of the surname blocks of the pending people (`name`);
# - the bare surnames of the families whose people are pending or whose blocks' components changed, the pending
#   bare surnames, and those of the documents naming a key whose component changed (their evidence counts the
#   roots of their document's keys, `surname`);
# - the organisations that may be a pending person, and the pending ones (`person-org`);
# - the in-document organisation joins of the pending keys (`org-doc`, from `org_document_edges`);
# - the acronyms whose initials a pending organisation spells or spelled, or spelled by an organisation whose
#   root before the acronyms changed, in every document naming them; any other acronym in the documents keyed
#   since only, each document's decision being kept (`acronym_joins`; `acronym`);
#
# then compares the edges with the stored ones, and recomputes the components of the keys whose edges changed
# (with their former components: a removal may split one), stage by stage, each a walk over the stored edges.
# Only the entities of those components are described and written. The result is what one merge of every key
# gives (`tests/test_entities_counts.py` compares the tables with a resolve of every document from scratch).

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
        name = person_named(key)
        if name is not None:
            rows.add((name, "org", key, ""))
        rows |= {(letters, "spells", key, "") for letters in spelled_initials(key, {f for f, _ in units})}
    rows |= {(acronym_letters(f), "acronym", key, f) for f, acronym in units if acronym}
    return rows


MERGE_RULES = 2  # of the stored graph's decisions (`entity_graph.built`): a graph of other rules is merged again whole


def graph_built(store: Any) -> bool:
    return store.scalar("SELECT built FROM entity_graph") == MERGE_RULES


def graph_ready(store: Any) -> bool:
    """The stored graph can be updated: built, and not more pending keys than a whole merge costs."""
    return graph_built(store) and store.scalar("SELECT count(*) FROM (SELECT 1 FROM entity_pending LIMIT ?)", (FULL_ABOVE + 1,)) <= FULL_ABOVE


def write_graph(db: sqlite3.Connection, graph: Graph, complete: bool) -> None:
    """The graph of one merge of every key, replacing what the store held; `complete` False (analyst
    overrides moved the entities) makes the next resolve merge every key again."""
    for table in ("entity_keys", "entity_edges", "name_keys", "acronym_joins", "entity_pending"):
        db.execute(f"DELETE FROM {table}")
    db.executemany(
        "INSERT INTO entity_keys(key, name_root, org_root, root) VALUES (?,?,?,?)",
        [(k, graph.name_roots[k], graph.org_roots[k], root) for k, root in sorted(graph.roots.items())],
    )
    db.executemany("INSERT INTO entity_edges(a, b, rule) VALUES (?,?,?)", sorted(graph.edges))
    db.executemany("INSERT INTO acronym_joins(doc_id, key, form, target) VALUES (?,?,?,?)", sorted(graph.acronym_joins))
    units: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for key, form, acronym in db.execute("SELECT key, form, acronym FROM key_units"):
        units[key].add((form, acronym))
    db.executemany(
        "INSERT OR IGNORE INTO name_keys(name, kind, key, form) VALUES (?,?,?,?)",
        sorted(r for key, us in units.items() for r in name_rows(key, us)),
    )
    db.execute("UPDATE entity_graph SET built = ?", (MERGE_RULES if complete else 0,))


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
        uf = _Union()
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


def update_graph(store: Any, db: sqlite3.Connection) -> tuple[dict[str, str], set[str]]:
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
        edges = sorted({(a, b) for a, b in stored if a not in removed and b not in removed} | set(name_edges(now, fresh)))
        up.replace_edges("name", stored, edges)
        uf = _Union()
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
        target = surname_target(key, candidates[family], up.name_root, keys_in, members, co_mentioned)
        if target:
            joins.append((target, key))
    up.replace_edges("surname", up.edges_of("surname", "b", bare | {k for k in removed if k.startswith("surname:")}), joins)

    # organisations that may be a person
    orgs = {k for k in units if person_named(k) is not None}
    for person in sorted(people):
        orgs |= up.names(person[7:], "org")
    joins = []
    for key in sorted(orgs):
        name = person_named(key)
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

    # acronyms: each document's decision is kept (`acronym_joins`). An acronym whose initials' organisations
    # changed, or their roots before the acronyms, is decided again in every document naming it; any other in
    # the documents keyed since only (a removed or re-keyed document's decisions went with its keys)
    letters = spells_changed | {r[0] for r in up.rows(
        "SELECT n.name FROM json_each(?) j CROSS JOIN name_keys n ON n.key = j.value AND n.kind = 'spells'", _ids(org_changed)
    )}
    redo: set[str] = set()
    for initials in sorted(letters):
        redo |= {r[0] for r in db.execute("SELECT key FROM name_keys WHERE name = ? AND kind = 'acronym'", (initials,))}
    fresh = up.rows(
        "SELECT DISTINCT mk.doc_id, mk.key, mk.form FROM keyed_documents k CROSS JOIN mention_keys mk ON mk.doc_id = k.doc_id"
        " WHERE k.linked = 0 AND mk.acronym = 1"
    )
    acronym_keys |= redo | {own for _, own, _ in fresh}

    def org_root(key: str) -> str:
        if key not in org_roots:
            org_roots[key] = db.execute("SELECT org_root FROM entity_keys WHERE key = ?", (key,)).fetchone()[0]
        return org_roots[key]

    db.executemany("DELETE FROM acronym_joins WHERE key = ?", [(k,) for k in sorted(redo)])
    decided = []
    for own in sorted(redo - removed):
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
            decided += [(doc, own, form, acronym_target(in_doc, found, org_root)) for doc, in_doc in present.items()]
    spells: dict[str, set[str]] = {}
    for doc, own, form in sorted(fresh):
        if own in redo:
            continue
        initials = acronym_letters(form)
        if initials not in spells:
            spells[initials] = up.names(initials, "spells")
        found = spells[initials] - {own}
        if found:
            decided.append((doc, own, form, acronym_target(found & keys_in(doc), found, org_root)))
    db.executemany(
        "INSERT OR REPLACE INTO acronym_joins(doc_id, key, form, target) VALUES (?,?,?,?)", [d for d in decided if d[3]]
    )
    up.replace_edges(
        "acronym",
        up.edges_of("acronym", "b", acronym_keys),
        up.rows("SELECT DISTINCT a.target, a.key FROM json_each(?) j CROSS JOIN acronym_joins a ON a.key = j.value", _ids(acronym_keys)),
    )

    roots, _ = up.components("root", pending | up.changed_endpoints(), {k: v[2] for k, v in old.items()})
    db.execute("DELETE FROM entity_pending")
    return roots, removed
