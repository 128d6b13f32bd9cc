"""Plain views of stored records (mentions, quotes, dates, figures, events, indicators) with links to their evidence."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..pipeline import KIND_CODES, record_id
from ..sentences import lines_around, sentence_around, sentence_spans
from ..store import Store, batches
from ..timeml import in_words
from ..words import UNNAMED_OUTLET
from ..resolve.happenings import argument_mention, references

KINDS = ("mention", "attribution", "timex", "figure", "event", "indicator")
KIND_LABELS = {
    "mention": "mentions",
    "attribution": "attributions",
    "timex": "dates",
    "figure": "figures",
    "event": "events",
    "indicator": "indicators",
}
Claimant = Callable[[str, int], "dict[str, Any] | None"]


def evidence(doc: str, start: int, end: int) -> dict[str, Any]:
    """Where a fact comes from, with the link that opens it highlighted."""
    return {"doc": doc, "start": start, "end": end, "url": f"/documents/{doc}?hl={start}-{end}#evidence"}


class Lookup:
    """Per-request caches over one store: documents, their sentences and their mentions' entities."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, dict[str, Any] | None] = {}
        self._sentences: dict[tuple[str, int, int], list[tuple[int, int]]] = {}  # (doc, start, end) of lines -> their sentences
        self._mentions: dict[str, dict[int, tuple[int, int, dict[str, Any] | None]]] = {}
        self._references: dict[str, dict[tuple[int, int], tuple[int, str]]] = {}
        self._records: dict[tuple[str, str, int], Any] = {}
        self._entities: dict[str, dict[str, Any] | None] = {}
        self._overlay: Any = None

    @property
    def overlay(self) -> Any:
        """What analyst reviews say (`threadline.review.Overlay`), read once per request."""
        if self._overlay is None:
            from ..review import Overlay

            self._overlay = Overlay.load(self.store)
        return self._overlay

    def doc(self, doc_id: str) -> dict[str, Any] | None:
        if doc_id not in self._docs:
            self.load_docs([doc_id])
        return self._docs[doc_id]

    def load_docs(self, doc_ids: Iterable[str]) -> None:
        """Read these documents in a few queries, for the lookups that follow."""
        self._load_by_id(self._docs, "SELECT id, title, outlet, url, author, published, published_precision, language, text FROM documents", doc_ids)

    def _load_by_id(self, cache: dict[str, dict[str, Any] | None], select: str, ids: Iterable[str]) -> None:
        """Fill `cache` with the rows of `select` for these ids (None for an id not found)."""
        wanted = sorted({i for i in ids if i not in cache})
        for part in batches(wanted):
            for r in self.store.query(f"{select} WHERE id IN ({','.join('?' * len(part))})", part):
                cache[r["id"]] = dict(r)
            for i in part:
                cache.setdefault(i, None)

    def text(self, doc_id: str) -> str:
        doc = self.doc(doc_id)
        return doc["text"] if doc else ""

    def sentence(self, doc_id: str, start: int, end: int) -> tuple[int, int]:
        """The sentence(s) around [start, end), split from the lines holding it only."""
        text = self.text(doc_id)
        spans = self._spans(doc_id, text, *lines_around(text, start, end))
        if not spans or start < spans[0][0]:  # before the first sentence of its line: as the whole text reads it
            spans = self._spans(doc_id, text, 0, len(text))
        return sentence_around(text, start, end, spans)

    def _spans(self, doc_id: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
        if (doc_id, start, end) not in self._sentences:
            self._sentences[(doc_id, start, end)] = [(s + start, e + start) for s, e in sentence_spans(text[start:end])]
        return self._sentences[(doc_id, start, end)]

    def _mention_map(self, doc_id: str) -> dict[int, tuple[int, int, dict[str, Any] | None]]:
        if doc_id not in self._mentions:
            self._mentions[doc_id] = {
                r["seq"]: (r["start"], r["end"], {"id": r["eid"], "name": r["name"], "type": r["type"]} if r["eid"] else None)
                for r in self.store.query(
                    "SELECT r.seq, r.start, r.end, e.id AS eid, e.name, e.type FROM records r"
                    " LEFT JOIN mention_entities me ON me.doc_id = r.doc_id AND me.seq = r.seq"
                    " LEFT JOIN entities e ON e.id = me.entity_id"
                    " WHERE r.doc_id = ? AND r.kind = 'mention' ORDER BY r.seq",
                    (doc_id,),
                )
            }
        return self._mentions[doc_id]

    def entity_of_mention(self, doc_id: str, seq: Any) -> dict[str, Any] | None:
        if not isinstance(seq, int):
            return None
        found = self._mention_map(doc_id).get(seq)
        return found[2] if found else None

    def references(self, doc_id: str) -> dict[tuple[int, int], tuple[int, str]]:
        if doc_id not in self._references:
            self._references[doc_id] = references(self.store, doc_id)
        return self._references[doc_id]

    def entity_in(self, doc_id: str, start: Any, end: Any) -> dict[str, Any] | None:
        """The entity of the mention overlapping [start, end) the most."""
        if not isinstance(start, int) or not isinstance(end, int):
            return None
        best, overlap = None, 0
        for s, e, ent in self._mention_map(doc_id).values():
            common = min(e, end) - max(s, start)
            if ent and common > overlap:
                best, overlap = ent, common
        return best

    def record(self, doc_id: str, kind: str, seq: Any) -> Any:
        if not isinstance(seq, int):
            return None
        if (doc_id, kind, seq) not in self._records:
            self.load_records(kind, [(doc_id, seq)])
        return self._records[(doc_id, kind, seq)]

    def load_records(self, kind: str, keys: Iterable[tuple[str, Any]]) -> None:
        """Read the records of `kind` at these (doc, seq) in a few queries, for the lookups that follow."""
        wanted = sorted({(d, s) for d, s in keys if isinstance(s, int) and (d, kind, s) not in self._records})
        for part in batches(wanted):
            pairs = ", ".join("(?, ?)" for _ in part)
            for r in self.store.query(
                f"WITH wanted(doc_id, seq) AS (VALUES {pairs}) SELECT r.* FROM wanted w"
                " CROSS JOIN records r ON r.doc_id = w.doc_id AND r.kind = ? AND r.seq = w.seq",
                [*(x for pair in part for x in pair), kind],
            ):
                self._records[(r["doc_id"], kind, r["seq"])] = r
            for d, s in part:
                self._records.setdefault((d, kind, s), None)

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        """{id, name, type} of an entity, or None."""
        if entity_id not in self._entities:
            self.load_entities([entity_id])
        return self._entities[entity_id]

    def load_entities(self, entity_ids: Iterable[str]) -> None:
        """Read these entities in a few queries, for the lookups that follow."""
        self._load_by_id(self._entities, "SELECT id, name, type FROM entities", entity_ids)


def rows(store: Store, kind: str, doc: str | None = None, limit: int | None = None) -> Iterator[Any]:
    """Stored records of one kind, in document then text order."""
    sql = "SELECT r.* FROM records r JOIN documents d ON d.id = r.doc_id WHERE r.kind = ?"
    params: list[Any] = [kind]
    if doc:
        sql += " AND r.doc_id = ?"
        params.append(doc)
    sql += " ORDER BY d.rowid, r.seq"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    yield from store.iter_rows(sql, params)


def kind_counts(store: Store) -> dict[str, int]:
    found = {r[0]: r[1] for r in store.query("SELECT kind, count(*) FROM records GROUP BY kind")}
    return {kind: found.get(kind, 0) for kind in KINDS}


def _data(row: Any) -> dict[str, Any]:
    data = json.loads(row["data"] or "{}")
    return data if isinstance(data, dict) else {}


def _piece(text: str, span: Any) -> dict[str, Any] | None:
    if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span):
        s, e = span
        if 0 <= s <= e <= len(text):
            return {"start": s, "end": e, "text": text[s:e]}
    return None


def _base(lk: Lookup, row: Any) -> dict[str, Any]:
    doc, kind, start, end = row["doc_id"], row["kind"], row["start"], row["end"]
    return {
        "id": record_id(kind, doc, row["seq"]),
        "kind": kind,
        "doc": doc,
        "start": start,
        "end": end,
        "text": lk.text(doc)[start:end],
        "review": lk.overlay.record(doc, start, end),
    }


def mention(lk: Lookup, row: Any) -> dict[str, Any]:
    out = _base(lk, row)
    out["label"] = _data(row).get("label")
    out["entity"] = lk.entity_of_mention(row["doc_id"], row["seq"])
    return out


def _speaker(lk: Lookup, doc: str, d: dict[str, Any], source: dict[str, Any] | None) -> dict[str, Any] | None:
    speaker = lk.entity_of_mention(doc, d.get("source_mention"))
    if speaker is None and source:
        speaker = lk.entity_in(doc, source["start"], source["end"])
    return speaker


def attribution_outline(lk: Lookup, row: Any) -> dict[str, Any]:
    """What ranks an attribution among others, as its full view has it: id, text, type, source, speaker."""
    d, out = _data(row), _base(lk, row)
    out["source"] = _piece(lk.text(row["doc_id"]), d.get("source"))
    out["type"] = d.get("kind")
    out["speaker"] = _speaker(lk, row["doc_id"], d, out["source"])
    return out


def attribution(lk: Lookup, row: Any) -> dict[str, Any]:
    d, out = _data(row), _base(lk, row)
    doc, text = row["doc_id"], lk.text(row["doc_id"])
    source = _piece(text, d.get("source"))
    speaker = _speaker(lk, doc, d, source)
    parent = d.get("parent")
    out.update(
        {
            "type": d.get("kind"),
            "cue": _piece(text, d.get("cue")),
            "source": source,
            "speaker": speaker,
            "resolved": bool(d.get("resolved")),
            "parent": record_id("attribution", doc, parent) if isinstance(parent, int) else None,
            "evidence": evidence(doc, *lk.sentence(doc, row["start"], row["end"])),
        }
    )
    return out


def timex(lk: Lookup, row: Any) -> dict[str, Any]:
    d, out = _data(row), _base(lk, row)
    out.update({k: d.get(k) for k in ("type", "value", "precision", "anchor", "resolved")})
    out["words"] = in_words(d.get("value"))
    out["evidence"] = evidence(row["doc_id"], *lk.sentence(row["doc_id"], row["start"], row["end"]))
    return out


def load_figures(lk: Lookup, keys: Iterable[tuple[str, int]]) -> None:
    """Read what `figure` views of these (doc, seq) read (records, dated timexes, documents) in a few queries."""
    keys = list(keys)
    lk.load_records("figure", keys)
    rows = [row for row in (lk.record(doc, "figure", seq) for doc, seq in keys) if row is not None]
    lk.load_records("timex", ((row["doc_id"], _data(row).get("timex")) for row in rows))
    lk.load_docs(row["doc_id"] for row in rows)


def figure(lk: Lookup, row: Any, claimant: Claimant | None = None) -> dict[str, Any]:
    d, out = _data(row), _base(lk, row)
    doc = row["doc_id"]
    meta = lk.doc(doc) or {}
    as_of = None
    linked = lk.record(doc, "timex", d.get("timex"))
    if linked is not None:
        td = _data(linked)
        if td.get("value"):
            as_of = {"value": td["value"], "precision": td.get("precision"), "source": "timex"}
    if as_of is None and meta.get("published"):
        as_of = {"value": meta["published"], "precision": meta["published_precision"], "source": "published"}
    who = claimant(doc, row["start"]) if claimant else None
    if not who:
        who = {"name": meta.get("outlet") or UNNAMED_OUTLET, "entity": None, "source": "outlet"}
    out.update({k: d.get(k) for k in ("value", "low", "high", "unit", "qualifier", "measure_key", "currency", "usd")})
    out["measure"] = d.get("measure_text") or d.get("measure_key")
    if as_of is not None:
        as_of["words"] = in_words(as_of["value"])
    out["as_of"] = as_of
    out["claimant"] = who
    out["evidence"] = evidence(doc, *lk.sentence(doc, row["start"], row["end"]))
    return out


def event(lk: Lookup, row: Any) -> dict[str, Any]:
    d, out = _data(row), _base(lk, row)
    doc, text = row["doc_id"], lk.text(row["doc_id"])
    args: dict[str, Any] = {}
    for role, arg in (d.get("args") or {}).items():
        if not isinstance(arg, dict):
            continue
        piece = _piece(text, [arg.get("start"), arg.get("end")])
        seq, how = argument_mention(arg, piece["text"] if piece else "", lk.references(doc))
        entity = lk.entity_of_mention(doc, seq)
        args[role] = {**(piece or {"start": None, "end": None, "text": None}), "entity": entity, **({"resolved_by": how} if entity and how else {})}
    raw_time = d.get("time")
    time: dict[str, Any] = raw_time if isinstance(raw_time, dict) else {}
    out.update(
        {
            "type": d.get("type"),
            "trigger": _piece(text, d.get("trigger")),
            "args": args,
            "time": {"value": time.get("value"), "precision": time.get("precision"), "fallback": time.get("fallback"), "words": in_words(time.get("value"))},
            "modality": d.get("modality"),
            "caption": bool(d.get("caption")),
            "claimant": d.get("claimant"),
            "evidence": evidence(doc, row["start"], row["end"]),
        }
    )
    return out


def indicator(lk: Lookup, row: Any) -> dict[str, Any]:
    d, out = _data(row), _base(lk, row)
    doc = row["doc_id"]
    ev = d.get("event")
    out.update(
        {
            "indicator": d.get("indicator"),
            "label": d.get("label") or d.get("indicator"),
            "event": record_id("event", doc, ev) if isinstance(ev, int) else None,
            "evidence": evidence(doc, *lk.sentence(doc, row["start"], row["end"])),
        }
    )
    return out


VIEWS: dict[str, Callable[..., dict[str, Any]]] = {
    "mention": mention,
    "attribution": attribution,
    "timex": timex,
    "figure": figure,
    "event": event,
    "indicator": indicator,
}


def views(lk: Lookup, kind: str, doc: str | None = None, limit: int | None = None, **kwargs: Any) -> list[dict[str, Any]]:
    return [VIEWS[kind](lk, row, **kwargs) for row in rows(lk.store, kind, doc, limit)]


def parse_id(ref: str) -> tuple[str, str, int] | None:
    """("figure", doc, seq) from a record id such as "f-<doc>-3"."""
    codes = {code: kind for kind, code in KIND_CODES.items()}
    parts = ref.split("-") if isinstance(ref, str) else []
    if len(parts) == 3 and parts[0] in codes and parts[2].isdigit():
        return codes[parts[0]], parts[1], int(parts[2])
    return None
