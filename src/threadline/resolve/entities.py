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
   at least two other entities. Two people with one surname and different first
   names are never merged.
5. Organisations: normalised names with the nationality written as a country
   code ("British"/"UK" -> GB) and word-order variants ("Defence Ministry" /
   "Ministry of Defence"); within a document an unqualified name joins the only
   qualified one ("the Ministry of Defence" -> "British Ministry of Defence");
   an acronym joins the one organisation whose initials it spells ("MoD",
   "ISW"), in its document first, else in the corpus if unique.
6. Analyst overrides (TOML) are applied last: merge, split, rename, not-an-entity.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .. import places
from ..errors import ConfigError
from ..extract.mentions import ACTOR_LABELS, rules
from ..store import Store, dumps

_STOP = {"of", "the", "for", "and", "on", "in", "to", "&"}


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
    if qualifier:
        key = f"{qualifier} {key}"
    key = key.replace("defense", "defence").replace("u.s.", "us").replace("u.k.", "uk")
    aliases = rules()["org_aliases"]
    words = key.split()
    # a nationality word in front becomes a country code: "british ministry of defence" -> "GB ministry of defence"
    if len(words) > 1:
        code = words[0].upper() if qualifier else places.demonym_country(words[0]) or places.country_code(words[0])
        if code:
            rest = " ".join(words[1:])
            return f"{code} {aliases.get(rest, rest)}"
    return aliases.get(key, key)


@lru_cache(maxsize=1 << 16)
def initials(name: str) -> frozenset[str]:
    """Initials of an organisation name, with and without function words (a leading country code is ignored)."""
    name = re.sub(r"^[A-Z]{2} ", "", name)
    words = [w for w in re.split(r"[\s-]+", places.norm(name).removeprefix("the ")) if w]
    full = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in _STOP)
    return frozenset({full, content})


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


def _load(store: Store) -> list[Mention]:
    labels = ",".join(f"'{label}'" for label in ACTOR_LABELS)
    out = []
    for row in store.iter_rows(
        "SELECT r.doc_id, r.seq, substr(d.text, r.start + 1, r.end - r.start) AS t, r.data FROM records r"
        " JOIN documents d ON d.id = r.doc_id"
        f" WHERE r.kind = 'mention' AND json_extract(r.data, '$.label') IN ({labels})"
        " ORDER BY d.rowid, r.seq"
    ):
        data = json.loads(row["data"])
        out.append(Mention(row["doc_id"], row["seq"], row["t"], data["label"], data))
    return out


def is_generic_org(key: str) -> bool:
    """An unqualified institution name that exists in every country ("ministry of defence", "police")."""
    generic = set(rules()["generic_org_words"])
    return all(w in generic or w in _STOP for w in key.split())


def person_keys_in_doc(doc: str, mentions: list[Mention]) -> dict[tuple[str, int], str]:
    """Cluster keys for one document's PERSON mentions (given in text order).

    A full name that ends another, longer full name of the document joins it
    ("Rai Paudyal" -> "Bimala Rai Paudyal"). A single name joins the nearest
    preceding full name whose family name it is, first or last token (so "Kim"
    finds "Kim Jong Un" and "Rodriguez" the Rodriguez just mentioned); with no
    preceding one, the first following; with none, it stays a surname of this
    document.
    """
    tokens = {(m.doc, m.seq): person_tokens(m.text) for m in mentions}
    fulls = [" ".join(t) for t in tokens.values() if len(t) >= 2]
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
        code = places.country_code(m.text)
        if code:
            return "GPE", f"country:{code}"
        return m.label, f"place:{places.norm(m.text).removeprefix('the ')}"
    if m.label == "PERSON":
        return "PERSON", person_keys[(m.doc, m.seq)]
    if m.label == "ORG":
        code = places.country_code(m.text)
        if code:
            return "GPE", f"country:{code}"
        key = org_key(m.text, m.data.get("qualifier"))
        if is_generic_org(key):
            return "ORG", f"org-doc:{m.doc}:{key}"  # "the defence ministry": whose depends on the article
        return "ORG", "org:" + key
    if m.label == "NORP":
        return "NORP", "norp:" + places.norm(m.text)
    return m.label, f"{m.label.lower()}:{places.norm(m.text).removeprefix('the ')}"


def cluster(mentions: list[Mention]) -> tuple[dict[tuple[str, int], str], dict[str, str]]:
    """Map each mention to a cluster root key; return (mention -> root, root -> type)."""
    people: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.label == "PERSON":
            people[m.doc].append(m)
    person_keys: dict[tuple[str, int], str] = {}
    for doc, ms in people.items():
        person_keys.update(person_keys_in_doc(doc, ms))
    keys: dict[tuple[str, int], str] = {}
    forms: dict[str, set[str]] = defaultdict(set)
    types: dict[str, str] = {}
    doc_keys: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        etype, key = _base_key(m, person_keys)
        keys[(m.doc, m.seq)] = key
        forms[key].add(m.text)
        types.setdefault(key, etype)
        doc_keys[m.doc].add(key)
    uf = _Union()
    for key in types:
        uf.find(key)
    _merge_people(types, doc_keys, uf)
    _merge_orgs(mentions, keys, types, doc_keys, forms, uf)
    roots = {mk: uf.find(k) for mk, k in keys.items()}
    root_types = {uf.find(k): t for k, t in sorted(types.items())}
    return roots, root_types


def _merge_people(types: dict[str, str], doc_keys: dict[str, set[str]], uf: _Union) -> None:
    fulls = sorted(k for k in types if k.startswith("person:"))
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in fulls:
        by_surname[k.split()[-1]].append(k)
    # same surname, nearly the same first names
    for group in by_surname.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                fa, fb = a[7:].split()[:-1], b[7:].split()[:-1]
                if fa and fb and fuzz.ratio(" ".join(fa), " ".join(fb)) >= 85:
                    uf.union(a, b)
    # surname-only clusters: only with a unique full name and co-mention evidence
    docs_of: dict[str, set[str]] = defaultdict(set)
    for doc, ks in doc_keys.items():
        for k in ks:
            docs_of[k].add(doc)
    by_family: dict[str, list[str]] = defaultdict(list)  # first or last token: "kim jong un" is a Kim
    for k in fulls:
        tokens = k[7:].split()
        for t in {tokens[0], tokens[-1]}:
            by_family[t].append(k)
    for key in sorted(k for k in types if k.startswith("surname:")):
        _, doc, surname = key.split(":", 2)
        candidates = {uf.find(k) for k in by_family.get(surname, [])}
        if len(candidates) != 1:
            continue
        target = candidates.pop()
        target_docs = {d for k in by_family[surname] for d in docs_of[k]}
        mine = {uf.find(k) for k in doc_keys[doc]} - {uf.find(key)}
        theirs = {uf.find(k) for d in target_docs for k in doc_keys[d]} - {target}
        if len(mine & theirs) >= 2:
            uf.union(target, key)


def _merge_orgs(
    mentions: list[Mention],
    keys: dict[tuple[str, int], str],
    types: dict[str, str],
    doc_keys: dict[str, set[str]],
    forms: dict[str, set[str]],
    uf: _Union,
) -> None:
    orgs = {k for k in types if k.startswith(("org:", "org-doc:"))}

    def body(key: str) -> str:
        return key.split(":", 2)[-1] if key.startswith("org-doc:") else key[4:]

    first: dict[tuple[str, str], int] = {}  # (doc, key) -> its first mention (mentions are in text order)
    for m in mentions:
        first.setdefault((m.doc, keys[(m.doc, m.seq)]), m.seq)
        country = m.data.get("country") or m.data.get("qualifier")
        if country:
            first.setdefault((m.doc, "country:" + country), m.seq)
    # unqualified name -> the only qualified variant in the same document, when it or its
    # country is named first ("Britain's defence ministry … the ministry"; "According to
    # British intelligence, … The Defence Ministry said"); a ministry named before any
    # mention of that country is another one
    for doc, ks in sorted(doc_keys.items()):
        doc_orgs = sorted(k for k in ks if k in orgs)
        for k in doc_orgs:
            b = body(k)
            qualified = [o for o in doc_orgs if o != k and re.fullmatch(r"[A-Z]{2} " + re.escape(b), body(o))]
            country = body(qualified[0])[:2] if len(qualified) == 1 else ""
            if country and min(first[(doc, qualified[0])], first.get((doc, "country:" + country), 1 << 30)) < first[(doc, k)]:
                uf.union(qualified[0], k)
    # acronyms: the organisation whose name (any surface form) it spells, in its document first
    spelled: dict[str, set[str]] = defaultdict(set)  # initials -> organisation keys with a form spelling them
    for k in sorted(orgs):
        for f in forms[k]:
            if not _is_acronym(f):
                for letters in initials(f):
                    spelled[letters].add(k)
    for m in mentions:
        if m.label != "ORG" or not _is_acronym(m.text):
            continue
        acro = m.text.replace(".", "").lower()
        own = keys[(m.doc, m.seq)]
        candidates = spelled.get(acro, set()) - {own}
        in_doc = {uf.find(k) for k in candidates & doc_keys[m.doc]}
        pool = in_doc or {uf.find(k) for k in candidates if not k.startswith("org-doc:")}
        if len(pool) == 1:
            uf.union(pool.pop(), own)


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
    allowed = {"merge", "split", "rename", "not-an-entity"}
    unknown = set(data) - allowed
    if unknown:
        raise ConfigError(f"{p}: unknown override kinds {sorted(unknown)}; use {sorted(allowed)}")
    return data


# -- the step ----------------------------------------------------------------
def resolve_entities(store: Store, overrides_path: str | Path | None = None) -> dict[str, int]:
    mentions = _load(store)
    overrides = load_overrides(overrides_path)
    roots, root_types = cluster(mentions)
    by_root: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_root[roots[(m.doc, m.seq)]].append(m)
    # overrides name entities by id, name or alias: describe them first only when there are any
    entities = {
        root: _describe(root, root_types[root], ms) if overrides else {"type": root_types[root]} for root, ms in by_root.items()
    }
    assignment = {(m.doc, m.seq): roots[(m.doc, m.seq)] for m in mentions}
    _apply_overrides(overrides, entities, by_root, assignment)
    rows: dict[str, tuple[Any, ...]] = {}
    links: dict[tuple[str, int], str] = {}
    counts: Counter[str] = Counter()
    for root, ent in sorted(entities.items()):
        members = [m for m in by_root[root] if assignment.get((m.doc, m.seq)) == root]
        if not members:
            continue
        ent = _describe(root, ent["type"], members, name=ent.get("rename"))
        rows[ent["id"]] = (ent["name"], ent["type"], dumps(ent["aliases"]), ent["country"], ent["lat"], ent["lon"], len(members))
        links.update(((m.doc, m.seq), ent["id"]) for m in members)
        counts["entities"] += 1
        counts["linked mentions"] += len(members)
    counts["entity links changed"] = _write(store, rows, links)
    return dict(counts)


def _write(store: Store, rows: dict[str, tuple[Any, ...]], links: dict[tuple[str, int], str]) -> int:
    """Bring the tables to `rows` and `links`, writing only what differs (an incremental
    run over a large store touches a few rows, not every link); returns links changed.
    `entity_documents` (mentions per entity and document, with its publish date) follows the links."""
    old_rows = {r[0]: tuple(r[1:]) for r in store.iter_rows("SELECT id, name, type, aliases, country, lat, lon, mentions FROM entities")}
    old_links = {(r[0], r[1]): r[2] for r in store.iter_rows("SELECT doc_id, seq, entity_id FROM mention_entities")}
    gone = [(doc, seq) for (doc, seq) in old_links if (doc, seq) not in links]
    changed = [(doc, seq, e) for (doc, seq), e in links.items() if old_links.get((doc, seq)) != e]
    per_doc = Counter((e, doc) for (doc, _seq), e in links.items())
    published = {r[0]: r[1] for r in store.iter_rows("SELECT id, published FROM documents")}
    new_docs = {key: (n, published.get(key[1])) for key, n in per_doc.items()}
    old_docs = {(r[0], r[1]): (r[2], r[3]) for r in store.iter_rows("SELECT entity_id, doc_id, mentions, published FROM entity_documents")}
    with store.transaction() as db:
        db.executemany("DELETE FROM entity_documents WHERE entity_id = ? AND doc_id = ?", [k for k in old_docs if k not in new_docs])
        db.executemany(
            "INSERT OR REPLACE INTO entity_documents(entity_id, doc_id, mentions, published) VALUES (?,?,?,?)",
            [(*k, *v) for k, v in new_docs.items() if old_docs.get(k) != v],
        )
        db.executemany("DELETE FROM entities WHERE id = ?", [(i,) for i in old_rows if i not in rows])
        db.executemany(
            "INSERT OR REPLACE INTO entities(id, name, type, aliases, country, lat, lon, mentions) VALUES (?,?,?,?,?,?,?,?)",
            [(i, *row) for i, row in rows.items() if old_rows.get(i) != row],
        )
        db.executemany("DELETE FROM mention_entities WHERE doc_id = ? AND seq = ?", gone)
        db.executemany("INSERT OR REPLACE INTO mention_entities(doc_id, seq, entity_id) VALUES (?,?,?)", changed)
    return len(gone) + len(changed)


def _describe(root: str, etype: str, members: list[Mention], name: str | None = None) -> dict[str, Any]:
    forms = Counter(m.text for m in members)
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
                preferred = True
            return (-int(preferred), -forms[form], -len(form), form)

        canonical = sorted(forms, key=score)[0]
        point = None
        qualified = re.match(r"org:([A-Z]{2}) ", root)
        named = re.match(r"([A-Z]{2}) ", org_key(canonical)) if etype == "ORG" else None
        if etype == "ORG" and (qualified or named):
            country = (qualified or named).group(1)  # "British Ministry of Defence" belongs to GB
        if etype in ("GPE", "LOC", "FAC"):
            found = places.place(canonical)
            if found:
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
    by_root: dict[str, list[Mention]],
    assignment: dict[tuple[str, int], str],
) -> None:
    def find(ref: str) -> str | None:
        for root, ent in entities.items():
            if ref in (ent["id"], ent["name"]) or ref in ent["aliases"]:
                return root
        return None

    for item in overrides.get("not-an-entity", []):
        names = set(item.get("names", [])) | ({item["name"]} if "name" in item else set())
        for key, root in list(assignment.items()):
            m = next(x for x in by_root[root] if (x.doc, x.seq) == key)
            if m.text in names or entities[root]["name"] in names:
                del assignment[key]
    for item in overrides.get("merge", []):
        roots = [r for r in (find(ref) for ref in item.get("entities", [])) if r]
        if len(roots) < 2:
            continue
        target = min(roots)
        for key, root in list(assignment.items()):
            if root in roots:
                assignment[key] = target
                if root != target:
                    by_root[target].extend(m for m in by_root[root] if (m.doc, m.seq) == key)
    for item in overrides.get("split", []):
        root = find(item.get("entity", ""))
        form = item.get("alias")
        if root is None or not form:
            continue
        new_root = f"split:{root}:{form}"
        moved = [m for m in by_root[root] if m.text == form and assignment.get((m.doc, m.seq)) == root]
        if moved:
            by_root[new_root] = moved
            entities[new_root] = _describe(new_root, entities[root]["type"], moved)
            for m in moved:
                assignment[(m.doc, m.seq)] = new_root
    for item in overrides.get("rename", []):
        root = find(item.get("entity", ""))
        if root is not None and item.get("name"):
            entities[root]["rename"] = item["name"]
