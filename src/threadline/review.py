"""Analyst review: corrections kept in the store, applied on every run, with an audit trail.

A review is one row of `reviews`, never edited: what was corrected (`kind`, `target`,
`data`), why (`reason`), by whom (`author`: the serve token's name or the local user) and
when. Withdrawing a review adds a `withdraw` review naming it, so the table is the audit
trail. Kinds:

- on entities, applied by resolve (`resolve/entities.py`) like the TOML overrides:
  `merge` {"entities": [name, ...]}, `split` {"entity", "alias"}, `rename` {"entity", "name"},
  `retype` {"entity", "type", "country"}, `not-an-entity` {"names": [...]};
- on records, keyed by the record id and its span so they survive re-analysis:
  `reject` a figure, quotation or event; `claimant` {"name"} fixes a figure's claimant;
- on quantities: `explain` {"figures": [...]} marks the conflict between those figures
  as explained, so the quantity is no longer "in conflict".
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import ReviewError
from .files import replacing
from .store import CLAIMS_PENDING_NEW_RECORDS, Store, dumps

ENTITY_KINDS = ("merge", "split", "rename", "retype", "not-an-entity")
RECORD_KINDS = ("reject", "claimant")
KINDS = (*ENTITY_KINDS, *RECORD_KINDS, "explain", "withdraw")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
REQUIRED = {
    "merge": ("entities",),
    "split": ("entity", "alias"),
    "rename": ("entity", "name"),
    "retype": ("entity",),
    "not-an-entity": ("names",),
    "reject": ("doc", "start", "end"),
    "claimant": ("doc", "start", "end", "name"),
    "explain": ("figures",),
    "withdraw": (),
}


@dataclass(frozen=True)
class Review:
    id: str
    created: str
    author: str
    kind: str
    target: str
    reason: str
    data: dict[str, Any] = field(default_factory=dict)
    withdrawn_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "created": self.created, "author": self.author, "kind": self.kind, "target": self.target,
            "reason": self.reason, "data": self.data, "withdrawn_by": self.withdrawn_by,
        }

    @classmethod
    def from_row(cls, row: Any) -> "Review":
        return cls(row["id"], row["created"], row["author"], row["kind"], row["target"], row["reason"], json.loads(row["data"]), row["withdrawn_by"])


def local_author() -> str:
    """The local user's name, for reviews made from this machine's command line or unauthenticated workbench."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local user"


def review_id(kind: str, target: str, data: dict[str, Any], author: str, created: str) -> str:
    """Deterministic: the same correction by the same person at the same time has one id."""
    raw = dumps([kind, target, data, author, created])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def validate(kind: str, target: str, data: dict[str, Any], reason: str) -> None:
    if kind not in KINDS:
        raise ReviewError(f"unknown review kind {kind!r}; use one of {', '.join(KINDS)}")
    if not reason.strip():
        raise ReviewError("a review needs a reason")
    if not target.strip():
        raise ReviewError(f"a {kind} review needs a target")
    missing = [k for k in REQUIRED[kind] if data.get(k) in (None, "", [])]
    if missing:
        raise ReviewError(f"a {kind} review needs {', '.join(missing)}")
    if kind == "merge" and len(set(data["entities"])) < 2:
        raise ReviewError("a merge needs two or more entities")
    if kind == "retype" and data.get("type") not in (None, *ENTITY_TYPES):
        raise ReviewError(f"entity type must be one of {', '.join(ENTITY_TYPES)}")
    if kind == "retype" and not (data.get("type") or data.get("country")):
        raise ReviewError("a retype review changes nothing: no type or country given")


def add(
    store: Store, kind: str, target: str, data: dict[str, Any], reason: str, *, author: str | None = None, created: str | None = None
) -> Review:
    """Store one correction (idempotent: the same review twice is stored once)."""
    validate(kind, target, data, reason)
    author = author or local_author()
    created = created or datetime.now(timezone.utc).isoformat(timespec="seconds")
    review = Review(review_id(kind, target, data, author, created), created, author, kind, target, reason.strip(), data)
    _insert(store, [review])
    return review


def withdraw(store: Store, withdrawn: str, reason: str, *, author: str | None = None) -> Review:
    """Withdraw an active review: the correction stops applying; both rows stay in the trail."""
    rows = store.query("SELECT * FROM reviews WHERE id = ? OR id LIKE ?", (withdrawn, f"{withdrawn}%"))
    if len(rows) != 1:
        raise ReviewError(f"no single review with id {withdrawn}")
    old = Review.from_row(rows[0])
    if old.withdrawn_by or old.kind == "withdraw":
        raise ReviewError(f"review {old.id} is not active")
    return add(store, "withdraw", old.id, {}, reason, author=author)


def _insert(store: Store, reviews: Iterable[Review]) -> int:
    """Insert the reviews not stored yet; returns how many were new. A document whose record a
    new review (or the withdrawal of one) touches has its claims attached again on the next resolve."""
    added = 0
    with store.transaction() as db:
        for r in reviews:
            if not db.execute(
                "INSERT OR IGNORE INTO reviews(id, created, author, kind, target, reason, data) VALUES (?,?,?,?,?,?,?)",
                (r.id, r.created, r.author, r.kind, r.target, r.reason, dumps(r.data)),
            ).rowcount:
                continue
            added += 1
            touched = [r]
            if r.kind == "withdraw":
                db.execute("UPDATE reviews SET withdrawn_by = ? WHERE id = ? AND withdrawn_by IS NULL", (r.id, r.target))
                touched = [Review.from_row(row) for row in db.execute("SELECT * FROM reviews WHERE id = ?", (r.target,))]
            for t in touched:
                for doc in _documents_of(t):
                    db.execute(CLAIMS_PENDING_NEW_RECORDS, (doc,))
    return added


def _documents_of(r: Review) -> list[str]:
    """The documents whose claims a review changes."""
    if r.kind in RECORD_KINDS:
        return [r.data["doc"]]
    if r.kind == "explain":
        return sorted({f.split("-")[1] for f in r.data["figures"] if f.count("-") == 2})
    return []


def trail(store: Store) -> list[Review]:
    """Every review ever made, oldest first: the audit trail."""
    if not _has_table(store):
        return []
    return [Review.from_row(r) for r in store.query("SELECT * FROM reviews ORDER BY created, rowid")]


def active(store: Store) -> list[Review]:
    """Corrections in force: not withdrawn, and not themselves withdrawals."""
    return [r for r in trail(store) if r.kind != "withdraw" and not r.withdrawn_by]


def record_target(store: Store, record: str, kinds: tuple[str, ...] = ("figure", "attribution", "event")) -> dict[str, Any]:
    """The span of a stored record named by its id ("f-<doc>-<seq>"), for a record review."""
    from .pipeline import KIND_CODES

    code, _, rest = record.partition("-")
    doc, _, seq = rest.rpartition("-")
    kind = next((k for k, c in KIND_CODES.items() if c == code), None)
    row = None
    if kind in kinds and seq.isdigit():
        row = store.query("SELECT start, end FROM records WHERE doc_id = ? AND kind = ? AND seq = ?", (doc, kind, int(seq)))
    if not row:
        raise ReviewError(f"no {' / '.join(kinds)} with id {record}")
    return {"record": kind, "doc": doc, "start": row[0]["start"], "end": row[0]["end"]}


def canonical_entities(
    store: Store, kind: str, data: dict[str, Any], find: Callable[[Store, str], dict[str, Any] | None]
) -> dict[str, Any]:
    """An entity review's data with each entity it names written as that entity's canonical
    name (`find`: by id, name in any case, then alias, as `read.entities.find_entity`); an
    unknown one is an error."""

    def canonical(ref: str) -> str:
        found = find(store, ref)
        if found is None:
            raise ReviewError(f"no entity named {ref!r}")
        return str(found["name"])

    out = dict(data)
    if "entity" in out:
        out["entity"] = canonical(out["entity"])
    if kind == "merge":
        out["entities"] = list(dict.fromkeys(canonical(e) for e in out["entities"]))
    if kind == "not-an-entity":
        for name in out["names"]:
            canonical(name)  # a name that is no entity's name or alias drops nothing
    return out


def _has_table(store: Store) -> bool:
    return bool(store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'reviews'"))


# -- files --------------------------------------------------------------------
def export_file(store: Store, path: str | Path) -> int:
    """Write the whole trail as JSON Lines (one review a line), atomically."""
    reviews = trail(store)
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8") as out:
        for r in reviews:
            out.write(json.dumps(r.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
    return len(reviews)


def read_file(path: str | Path) -> Iterator[Review]:
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"cannot read reviews from {p}: {exc}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            review = Review(
                str(item["id"]), str(item["created"]), str(item["author"]), str(item["kind"]), str(item["target"]),
                str(item["reason"]), dict(item.get("data") or {}),
            )
            validate(review.kind, review.target, review.data, review.reason)
        except (ValueError, KeyError, TypeError, ReviewError) as exc:
            raise ReviewError(f"{p}:{n}: not a review: {exc}") from None
        yield review


def import_file(store: Store, path: str | Path) -> int:
    """Add the reviews of a file written by `export_file`; those already here are skipped. Returns how many were new."""
    reviews = sorted(read_file(path), key=lambda r: (r.kind == "withdraw", r.created))
    return _insert(store, reviews)


# -- what reviews change -------------------------------------------------------
def entity_overrides(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Active entity reviews in the shape of the TOML overrides file (`resolve.overrides`)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in active(store):
        if r.kind in ENTITY_KINDS:
            out.setdefault(r.kind, []).append({**r.data, "review": r.id})
    return out


def combine(*overrides: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for o in overrides:
        for kind, items in o.items():
            out.setdefault(kind, []).extend(items)
    return out


def span_key(doc: str, start: int, end: int) -> tuple[str, int, int]:
    return (doc, int(start), int(end))


@dataclass
class Overlay:
    """What active reviews say about records and quantities, for the read side and resolve."""

    rejected: dict[tuple[str, int, int], Review] = field(default_factory=dict)  # by span
    claimants: dict[tuple[str, int, int], Review] = field(default_factory=dict)
    explained: list[Review] = field(default_factory=list)
    entities: dict[str, list[Review]] = field(default_factory=dict)  # by any name, alias or id the review named

    @classmethod
    def load(cls, store: Store) -> "Overlay":
        overlay = cls()
        for r in active(store):
            if r.kind == "reject":
                overlay.rejected[span_key(r.data["doc"], r.data["start"], r.data["end"])] = r
            elif r.kind == "claimant":
                overlay.claimants[span_key(r.data["doc"], r.data["start"], r.data["end"])] = r
            elif r.kind == "explain":
                overlay.explained.append(r)
            elif r.kind in ENTITY_KINDS:
                for name in _named(r):
                    overlay.entities.setdefault(name, []).append(r)
        return overlay

    def record(self, doc: str, start: int, end: int) -> dict[str, Any] | None:
        """The review mark of a record at this span: rejected, or its claimant corrected."""
        key = span_key(doc, start, end)
        if key in self.rejected:
            return mark(self.rejected[key], "rejected")
        if key in self.claimants:
            return {**mark(self.claimants[key], "claimant corrected"), "claimant": self.claimants[key].data["name"]}
        return None

    def explains(self, figure_ids: Iterable[str]) -> Review | None:
        """The review that explains a conflict between these figures, if one covers them all."""
        wanted = set(figure_ids)
        for r in self.explained:
            if wanted and wanted <= set(r.data["figures"]):
                return r
        return None

    def entity(self, entity: dict[str, Any]) -> dict[str, Any] | None:
        names = {entity.get("id"), entity.get("name"), *entity.get("aliases", [])}
        found = [r for n in names if n in self.entities for r in self.entities[n]]
        if not found:
            return None
        latest = max(found, key=lambda r: r.created)
        return mark(latest, f"{latest.kind} reviewed")


def _named(r: Review) -> list[str]:
    d = r.data
    names = [*d.get("entities", []), *d.get("names", []), d.get("entity"), d.get("name"), d.get("alias")]
    return [str(n) for n in names if n]


def mark(r: Review, status: str) -> dict[str, Any]:
    """How a reviewed item says so in every view."""
    return {"status": status, "review": r.id, "reason": r.reason, "by": r.author, "at": r.created}


# -- applied by resolve ----------------------------------------------------------
def withhold_rejected(store: Store) -> dict[str, int]:
    """Move the records that active `reject` reviews name (by span) out of `records` into
    `withheld_records`, so no view, count or export shows them; move back those whose review
    was withdrawn. A re-analysed document writes its records again, and they are withheld again."""
    rejected = {
        (r.data.get("record") or _kind_of(r.target), r.data["doc"], int(r.data["start"]), int(r.data["end"])): r.id
        for r in active(store) if r.kind == "reject"
    }
    moved = restored = 0
    touched: set[str] = set()
    with store.transaction() as db:
        for w in db.execute("SELECT * FROM withheld_records").fetchall():
            key = (w["kind"], w["doc_id"], w["start"], w["end"])
            again = db.execute(
                "SELECT 1 FROM records WHERE doc_id = ? AND kind = ? AND start = ? AND end = ?", (w["doc_id"], w["kind"], w["start"], w["end"])
            ).fetchone()
            if key in rejected and not again:
                continue  # still withheld
            db.execute("DELETE FROM withheld_records WHERE doc_id = ? AND kind = ? AND seq = ?", (w["doc_id"], w["kind"], w["seq"]))
            if key not in rejected and not again:
                db.execute(
                    "INSERT OR IGNORE INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                    (w["doc_id"], w["kind"], w["seq"], w["start"], w["end"], w["component"], w["version"], w["data"]),
                )
                restored += 1
                touched.add(w["doc_id"])
        for (kind, doc, start, end), rid in rejected.items():
            for row in db.execute(
                "SELECT * FROM records WHERE doc_id = ? AND kind = ? AND start = ? AND end = ?", (doc, kind, start, end)
            ).fetchall():
                db.execute(
                    "INSERT OR REPLACE INTO withheld_records(doc_id, kind, seq, start, end, component, version, data, review)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (row["doc_id"], row["kind"], row["seq"], row["start"], row["end"], row["component"], row["version"], row["data"], rid),
                )
                db.execute("DELETE FROM records WHERE doc_id = ? AND kind = ? AND seq = ?", (row["doc_id"], row["kind"], row["seq"]))
                moved += 1
                touched.add(doc)
        db.executemany(CLAIMS_PENDING_NEW_RECORDS, [(d,) for d in sorted(touched)])
    return {"records withheld by review": moved, "records restored": restored}


def _kind_of(record: str) -> str:
    from .pipeline import KIND_CODES

    code = record.split("-", 1)[0]
    return next((k for k, c in KIND_CODES.items() if c == code), code)


def correct_claimants(store: Store, overlay: Overlay, claims: list[Any]) -> None:
    """Set the claimant of each claim an active `claimant` review names (by span): the entity
    of that name or alias when there is one, else the name as written."""
    if not overlay.claimants:
        return
    for c in claims:
        r = overlay.claimants.get(span_key(c.doc, c.start, c.end))
        if r is None:
            continue
        name = r.data["name"]
        found = store.query(
            "SELECT id, name FROM entities WHERE name = ? OR EXISTS (SELECT 1 FROM json_each(entities.aliases) WHERE value = ?)"
            " ORDER BY name = ? DESC, mentions DESC LIMIT 1",
            (name, name, name),
        )
        c.claimant_kind = "attribution"  # a source the analyst named for it
        c.claimant_entity = found[0]["id"] if found else None
        c.claimant_name = found[0]["name"] if found else name
        c.attribution_seq = None
        c.chain = [c.claimant_name]


def explain_findings(overlay: Overlay, found: list[dict[str, Any]], conflicts: Iterable[str] = ("conflict",)) -> list[dict[str, Any]]:
    """Findings of the `conflicts` kinds between figures an active `explain` review covers become "explained" ones."""
    conflicts = set(conflicts)
    if not overlay.explained:
        return found
    out = []
    for f in found:
        r = overlay.explains(f.get("figures", [])) if f.get("kind") in conflicts else None
        out.append({**f, "kind": "explained", "text": f"{f['text']} (explained: {r.reason})", "review": r.id} if r else f)
    return out
