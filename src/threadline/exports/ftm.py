"""FollowTheMoney entities (JSON lines) for loading into Aleph and other FtM tools.

Mapping:
- document -> Article (title, body text, publisher, author, URL, date);
- PERSON -> Person; ORG -> Organization; a state (GPE whose name is its
  country) -> LegalEntity with that country; other places -> Address with
  coordinates; groups (NORP) are left out;
- an entity named in a document -> Documentation (role "mentioned");
- an actor-graph edge -> UnknownLink (role = edge type; co-occurrence says so),
  with the documents behind it as proof;
- an event -> Event (date, actors involved, places, the evidence sentence);
- a figure or a quote -> Note on its claimant or speaker (else the article).
Ids are deterministic: the same store gives the same file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..files import replacing
from ..store import Store

PREFIX = "tl"


def _id(*parts: str) -> str:
    return "-".join((PREFIX, *parts))


def write_ftm(store: Store, path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8") as out:
        for proxy in entities(store):
            out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
    return dict(sorted(counts.items()))


def _schema_of(ent: dict[str, Any]) -> str | None:
    from ..places import country_code

    if ent["type"] == "PERSON":
        return "Person"
    if ent["type"] == "ORG":
        return "Organization"
    if ent["type"] == "GPE" and ent["country"] and country_code(ent["name"]) == ent["country"]:
        return "LegalEntity"
    if ent["type"] in ("GPE", "LOC", "FAC"):
        return "Address"
    return None


def entities(store: Store) -> Any:
    """Yield FtM entity proxies for the whole store."""
    from followthemoney import model

    from ..read.entities import export_entities
    from ..read import features
    from ..read.records import Lookup, views

    lk = Lookup(store)
    articles: dict[str, str] = {}
    for row in store.iter_rows("SELECT id, title, text, outlet, author, url, published, language FROM documents ORDER BY rowid"):
        art = model.make_entity("Article")
        art.id = articles[row["id"]] = _id("doc", row["id"])
        art.add("title", row["title"])
        art.add("name", row["title"] or row["id"])
        art.add("bodyText", row["text"])
        art.add("publisher", row["outlet"])
        art.add("author", row["author"])
        art.add("sourceUrl", row["url"])
        art.add("publishedAt", row["published"])
        art.add("language", row["language"])
        yield art

    schemas: dict[str, str] = {}
    for ent in export_entities(store):
        schema = _schema_of(ent)
        if schema is None:
            continue
        proxy = model.make_entity(schema)
        proxy.id = _id("ent", ent["id"])
        schemas[ent["id"]] = schema
        if schema == "Address":
            proxy.add("full", ent["name"])
            proxy.add("latitude", ent["lat"])
            proxy.add("longitude", ent["lon"])
        else:
            proxy.add("name", ent["name"])
            proxy.add("alias", [a for a in ent["aliases"] if a != ent["name"]])
        proxy.add("country", ent["country"])
        yield proxy

    for r in store.iter_rows("SELECT DISTINCT entity_id, doc_id FROM mention_entities ORDER BY entity_id, doc_id"):
        if r["entity_id"] in schemas and r["doc_id"] in articles:
            doc = model.make_entity("Documentation")
            doc.id = _id("doc", r["doc_id"], "ent", r["entity_id"])
            doc.add("document", articles[r["doc_id"]])
            doc.add("entity", _id("ent", r["entity_id"]))
            doc.add("role", "mentioned")
            yield doc

    graph = features.actor_graph(store)
    for e in graph["edges"]:
        if e["source"] not in schemas or e["target"] not in schemas:
            continue
        link = model.make_entity("UnknownLink")
        link.id = _id("link", (e.get("type") or "related").replace(" ", "_"), e["source"], e["target"])
        link.add("subject", _id("ent", e["source"]))
        link.add("object", _id("ent", e["target"]))
        link.add("role", e.get("type") or "related")
        link.add("summary", f"{e.get('weight') or 1} pieces of evidence")
        link.add("proof", sorted({articles[x["doc"]] for x in e["evidence"] if x["doc"] in articles}))
        if e["evidence"]:
            first = e["evidence"][0]
            link.add("description", " ".join(lk.text(first["doc"])[first["start"] : first["end"]].split()))
        yield link

    for v in views(lk, "event"):
        ev = model.make_entity("Event")
        ev.id = _id(v["id"])
        ev.add("name", f"{v['type']}: {(v['trigger'] or {}).get('text', '')}".strip())
        ev.add("date", v["time"]["value"])
        ev.add("description", " ".join(v["text"].split()))
        ev.add("proof", articles.get(v["doc"]))
        for arg in v["args"].values():
            ent = arg["entity"]
            schema = schemas.get(ent["id"]) if ent else None
            if schema == "Address":
                ev.add("addressEntity", _id("ent", ent["id"]))
            elif schema:
                ev.add("involved", _id("ent", ent["id"]))
        yield ev

    who = features.claimant(lk)
    for v in views(lk, "figure", claimant=who):
        ent = v["claimant"]["entity"]
        note = model.make_entity("Note")
        note.id = _id(v["id"])
        amount = f"{v['qualifier'] + ' ' if v['qualifier'] and v['qualifier'] != 'exact' else ''}{v['text']}"
        note.add("name", f"{v['measure'] or 'figure'}: {amount}")
        note.add("description", f"Claimed by {v['claimant']['name']}, as of {(v['as_of'] or {}).get('value') or 'unknown'}: "
                                f"“{' '.join(lk.text(v['doc'])[v['evidence']['start']:v['evidence']['end']].split())}”")
        note.add("entity", _id("ent", ent["id"]) if ent and ent["id"] in schemas else articles.get(v["doc"]))
        note.add("proof", articles.get(v["doc"]))
        yield note
    for v in views(lk, "attribution"):
        speaker = v["speaker"]
        if not speaker or speaker["id"] not in schemas:
            continue
        note = model.make_entity("Note")
        note.id = _id(v["id"])
        note.add("name", f"{speaker['name']}: {v['type'] or 'statement'}")
        note.add("description", " ".join(v["text"].split()))
        note.add("entity", _id("ent", speaker["id"]))
        note.add("proof", articles.get(v["doc"]))
        yield note
