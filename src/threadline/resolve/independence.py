"""Source independence: which reports of a claim share one origin, so corroboration is not inflated.

Two reports of a claim count as one origin when
- their documents are copies of each other (one near-duplicate cluster), or
- they attribute the claim to the same original source: the same entity, where a
  state and its organs (its ministries, intelligence services, armed forces,
  "the UK authorities") are one source, because a government does not
  corroborate itself, and a spokesperson or an official of an organisation
  ("Jo Bloggs, an Acme spokeswoman"; the attribution's `speaks_for`) is the
  organisation's voice.
A claim the outlet makes in its own voice, or whose source is not resolved to an
entity, has its document's origin, unless the same article also attributes the
claim to a source (then the own-voice report is taken to restate it). For the
ledger's figures (`load(by_event=True)`), an own-voice report whose document is
in a same-event story where the claim is attributed to one origin only has that
origin: two reports of one intelligence update, one naming the ministry and one
giving its figures in the outlet's words, are one source, not two.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..store import Store


@dataclass(frozen=True)
class Origins:
    """What is needed to name the origin of any claim in the store."""

    documents: dict[str, str]  # doc id -> its near-duplicate cluster's origin document
    sources: dict[str, str]  # entity id -> its source key ("state:GB" for the UK and its organs)
    events: dict[str, str] = field(default_factory=dict)  # doc id -> its same-event story (with `by_event`)

    def of(self, doc_id: str, entity: str | None) -> str:
        """The origin of a claim made in `doc_id`, attributed to `entity` (None: the outlet's own)."""
        if entity:
            return self.sources.get(entity, "entity:" + entity)
        return "doc:" + self.documents.get(doc_id, doc_id)


def _is_state_organ(name: str) -> bool:
    """An institution every state has ("Ministry of Defence", "British Intelligence", "the authorities")."""
    from .entities import is_generic_org, org_key

    return is_generic_org(re.sub(r"^[A-Z]{2} ", "", org_key(name)))


def source_key(entity_type: str, name: str, country: str | None, is_country: bool) -> str | None:
    """`state:CC` for a country or an organ of its state; None for any other entity."""
    if not country:
        return None
    if is_country or (entity_type == "ORG" and _is_state_organ(name)):
        return "state:" + country
    return None


def load(store: Store, by_event: bool = False) -> Origins:
    """What `count` needs; with `by_event`, each document's same-event story too."""
    documents = {
        r["doc_id"]: r["origin"]
        for r in store.iter_rows(
            "SELECT sd.doc_id, sd.origin FROM story_documents sd JOIN stories s ON s.id = sd.story_id"
            " WHERE s.level = 'near-duplicate'"
        )
    }
    events = {
        r["doc_id"]: r["story_id"]
        for r in store.iter_rows(
            "SELECT sd.doc_id, sd.story_id FROM story_documents sd JOIN stories s ON s.id = sd.story_id WHERE s.level = 'same-event'"
        )
    } if by_event else {}
    sources = _state_keys(store.iter_rows("SELECT id, name, type, country FROM entities WHERE country IS NOT NULL"))
    for person, org in voice_keys(store).items():  # a spokesperson is the organisation's voice
        sources[person] = sources.get(org, "entity:" + org)
    return Origins(documents, sources, events)


def state_keys(store: Store, entities: Iterable[str]) -> dict[str, str]:
    """`state:CC` of each of these entities that is a country or an organ of its state."""
    ids = json.dumps(sorted(set(entities)))
    return _state_keys(store.iter_rows(
        "SELECT e.id, e.name, e.type, e.country FROM json_each(?) j CROSS JOIN entities e ON e.id = j.value WHERE e.country IS NOT NULL", (ids,)
    ))


VOICES = (
    "SELECT ms.entity_id AS person, mo.entity_id AS org FROM {source} CROSS JOIN records r {index} ON r.doc_id = ms.doc_id"
    " AND r.kind = 'attribution' AND json_extract(r.data, '$.source_mention') = ms.seq"
    " CROSS JOIN mention_entities mo ON mo.doc_id = r.doc_id AND mo.seq = json_extract(r.data, '$.speaks_for')"
    " WHERE json_extract(r.data, '$.speaks_for') IS NOT NULL"
)


def voice_keys(store: Store, entities: Iterable[str] | None = None) -> dict[str, str]:
    """The organisation (its entity id) each person speaks for: the one organisation the attributions of
    that person name as the one they speak for ("Jo Bloggs, an Acme spokeswoman": Acme); a person recorded
    for two organisations speaks for neither. Of `entities` only, or of every person in the store."""
    # by the index of the attributions that name a voice (migration 27; a store opened read-only may predate it)
    index = "INDEXED BY records_voice" if store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'records_voice'") else ""
    if entities is None:
        rows = store.iter_rows(VOICES.format(source="mention_entities ms", index=index))
    else:
        rows = store.iter_rows(VOICES.format(source="json_each(?) j CROSS JOIN mention_entities ms ON ms.entity_id = j.value", index=index),
                               (json.dumps(sorted(set(entities))),))
    found: dict[str, set[str]] = {}
    for r in rows:
        found.setdefault(r["person"], set()).add(r["org"])
    return {person: orgs.pop() for person, orgs in found.items() if len(orgs) == 1 and person not in orgs}


def _state_keys(rows: Iterable[Any]) -> dict[str, str]:
    from .. import places

    out = {}
    for r in rows:
        is_country = r["type"] == "GPE" and places.country_name(r["country"]) == r["name"]
        key = source_key(r["type"], r["name"], r["country"], is_country)
        if key:
            out[r["id"]] = key
    return out


def count(origins: Origins, claims: Iterable[tuple[str, str | None]]) -> dict[str, Any]:
    """`sources` (reports: each document once per source it names for the claim, or once in its own
    voice), `independent_sources` (distinct origins of those reports, so never more than `sources`)
    and `source_documents` for the reports of one claim, given as (doc id, claimant entity or None) pairs."""
    claims = list(claims)
    docs = sorted({doc for doc, _ in claims})
    attributed = {doc for doc, entity in claims if entity}
    # an outlet's own-voice report beside an attributed one in the same article adds no source
    reports = {(doc, entity) for doc, entity in claims if entity or doc not in attributed}
    by_story: dict[str, set[str]] = {}  # the origins a same-event story's reports attribute the claim to
    for doc, entity in reports:
        if entity and doc in origins.events:
            by_story.setdefault(origins.events[doc], set()).add(origins.of(doc, entity))
    keys = set()
    for doc, entity in reports:
        told = by_story.get(origins.events.get(doc, "")) if not entity else None
        # an outlet's own report of what another report of the event attributes to one source: that source
        keys.add(next(iter(told)) if told and len(told) == 1 else origins.of(doc, entity))
    return {"sources": len(reports), "independent_sources": len(keys), "source_documents": docs}
