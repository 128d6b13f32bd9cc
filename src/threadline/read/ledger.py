"""Queries over figures and quantities: the ledger (who claims how many of what, as of when) and the exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..resolve import independence
from .entities import snippet
from ..pipeline import record_id
from ..resolve.frames import describe, merged
from ..store import Store, batches
from ..timeml import in_words

_FIGURE_ROWS = (
    "SELECT r.doc_id, r.seq, r.start, r.end, r.data, d.text, d.title, d.outlet, d.published, f.*"
    " FROM {records} JOIN documents d ON d.id = r.doc_id"
    " LEFT JOIN figure_facts f ON f.doc_id = r.doc_id AND f.seq = r.seq"
    " WHERE r.kind = 'figure'"
)
_FIGURES = _FIGURE_ROWS.format(records="records r")


def _figures_at(store: Store, keys: list[tuple[str, int]]) -> list[Any]:
    """The figure rows at these (doc, seq), in a few queries."""
    out = []
    for part in batches(keys):
        pairs = ", ".join("(?, ?)" for _ in part)
        sql = f"WITH wanted(doc_id, seq) AS (VALUES {pairs}) " + _FIGURE_ROWS.format(
            records="wanted w CROSS JOIN records r ON r.doc_id = w.doc_id AND r.seq = w.seq"
        )
        out += store.query(sql, [x for key in part for x in key])
    return out


def _usd(r: Any, data: dict[str, Any]) -> dict[str, Any] | None:
    if not data.get("currency"):
        return None
    if r["usd_source"] is None and r["usd_reason"] is None and r["quantity_id"] is None and r["claimant_kind"] is None:
        return data.get("usd")  # not resolved yet: the component's value
    out: dict[str, Any] = {"value": r["usd"], "computed": bool(r["usd_computed"]), "source": r["usd_source"]}
    stated = data.get("usd") or {}
    if r["usd_source"] == "article" and stated.get("qualifier"):
        out["qualifier"] = stated["qualifier"]
    for key in ("rate", "date"):
        if r["usd_computed"] and key in stated and stated.get("source") == r["usd_source"]:
            out[key] = stated[key]
    if r["usd_reason"]:
        out["reason"] = r["usd_reason"]
    return out


def _claimant(r: Any) -> dict[str, Any]:
    if r["claimant_kind"] in ("attribution", "context"):
        return {
            "kind": r["claimant_kind"],
            "entity": r["claimant_entity"],
            "name": r["claimant_name"],
            "attribution": record_id("attribution", r["doc_id"], r["attribution_seq"]) if r["attribution_seq"] is not None else None,
            "chain": json.loads(r["chain"] or "[]"),
        }
    return {"kind": "outlet", "entity": None, "name": r["claimant_name"] or r["outlet"], "attribution": None, "chain": []}


def _figure(r: Any, with_context: bool = False) -> dict[str, Any]:
    data = json.loads(r["data"])
    text = r["text"]
    as_of = r["as_of"] if r["claimant_kind"] else (r["published"] or None)
    out = {
        "id": record_id("figure", r["doc_id"], r["seq"]),
        "doc": r["doc_id"],
        "start": r["start"],
        "end": r["end"],
        "text": text[r["start"]:r["end"]],
        "value": data.get("value"),
        "low": data.get("low"),
        "high": data.get("high"),
        "unit": data.get("unit"),
        "qualifier": data.get("qualifier"),
        "vague": bool(data.get("vague")),
        "measure": data.get("measure_text"),
        "measure_key": data.get("measure_key"),
        "claimant": (r["claimant_entity"] or r["claimant_name"] or r["outlet"]) if r["claimant_kind"] else r["outlet"],
        "as_of": as_of,
        "as_of_precision": r["as_of_precision"] if r["claimant_kind"] else None,
        "as_of_source": r["as_of_source"] if r["claimant_kind"] else ("published" if as_of else None),
        "as_of_words": in_words(as_of),
        "usd": _usd(r, data),
        "quantity": r["quantity_id"],
        "rate": data.get("rate"),
        "conversion": data.get("conversion"),
        "frame": json.loads(r["frame"]) if r["frame"] else None,
        "part_of": record_id("figure", r["doc_id"], r["part_of"]) if r["part_of"] is not None else None,
        "earlier_of": record_id("figure", r["doc_id"], data["earlier_of"]) if data.get("earlier_of") is not None else None,
        "running": bool(data.get("running")),
    }
    if with_context:
        out.update(
            claimant_detail=_claimant(r),
            scope_start=r["scope_start"],
            currency=data.get("currency"),
            outlet=r["outlet"],
            title=r["title"],
            snippet=snippet(text, r["start"], r["end"]),
        )
    return out


def export_figures(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.iter_rows(_FIGURES + " ORDER BY d.rowid, r.seq"):
        yield _figure(r)


def export_timexes(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.iter_rows(
        "SELECT r.doc_id, r.start, r.end, r.data, substr(d.text, r.start + 1, r.end - r.start) AS t"
        " FROM records r JOIN documents d ON d.id = r.doc_id WHERE r.kind = 'timex' ORDER BY d.rowid, r.seq"
    ):
        data = json.loads(r["data"])
        yield {
            "doc": r["doc_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["t"],
            "type": data["type"],
            "value": data.get("value"),
            "precision": data.get("precision"),
            "words": in_words(data.get("value")),
        }


_DIGESTED = (  # a quantity's row without its stored findings (long), which its digest sums up
    "id, measure, measure_key, unit, figures, claimants, conflict, updates, first_as_of, last_as_of, findings_digest"
)


def _quantity(q: Any) -> dict[str, Any]:
    digest = json.loads(q["findings_digest"])
    out = {
        "id": q["id"],
        "measure": q["measure"],
        "measure_key": q["measure_key"],
        "unit": q["unit"],
        "conflict": bool(q["conflict"]),
        "updates": q["updates"],
        "claimants": q["claimants"],
        "first_as_of": q["first_as_of"],
        "last_as_of": q["last_as_of"],
        "finding_counts": digest["kinds"],
        "lead_findings": digest["lead"],
        "conflict_figures": digest["conflict_figures"],
    }
    if "findings" in q.keys():
        out["findings"] = json.loads(q["findings"])
    return out


def _claim_entity(r: Any) -> str | None:
    return r["claimant_entity"] if r["claimant_kind"] in ("attribution", "context") else None


def export_quantities(store: Store) -> Iterator[dict[str, Any]]:
    members: dict[str, list[str]] = {}
    claims: dict[str, list[tuple[str, str | None]]] = {}
    frames: dict[str, list[dict[str, Any]]] = {}
    for r in store.iter_rows(
        "SELECT f.quantity_id, f.doc_id, f.seq, f.claimant_kind, f.claimant_entity, f.frame FROM figure_facts f"
        " JOIN documents d ON d.id = f.doc_id WHERE f.quantity_id IS NOT NULL ORDER BY d.rowid, f.seq"
    ):
        members.setdefault(r["quantity_id"], []).append(record_id("figure", r["doc_id"], r["seq"]))
        claims.setdefault(r["quantity_id"], []).append((r["doc_id"], _claim_entity(r)))
        frames.setdefault(r["quantity_id"], []).extend([json.loads(r["frame"])] if r["frame"] else [])
    origins = independence.load(store, by_event=True)
    for q in store.iter_rows("SELECT * FROM quantities ORDER BY id"):
        yield {
            "id": q["id"],
            "measure": q["measure"],
            "figure_ids": members.get(q["id"], []),
            "conflict": bool(q["conflict"]),
            "measure_key": q["measure_key"],
            "unit": q["unit"],
            "findings": json.loads(q["findings"]),
            "frame": merged(frames.get(q["id"], [])),
            **independence.count(origins, claims.get(q["id"], [])),
        }


def ledger(
    store: Store, measure: str | None = None, conflicts_only: bool = False, limit: int | None = None,
    claims_per_quantity: int | None = None,
) -> list[dict[str, Any]]:
    """Quantities with their claims, by claimant and date; `measure` keeps those whose measure key or
    text contains it (any case); `conflicts_only` keeps those with a conflict. Conflicts first, then
    the largest; with `limit`, only that many are read. Each has its stored `findings` and their
    digest: `finding_counts` by kind, `lead_findings` (conflicts, then updates) and
    `conflict_figures` (the figure ids conflicts name). With `claims_per_quantity`, a larger quantity
    keeps the claims its conflicts name and an even spread of the rest by date (`claims_total` counts
    them all; `sources` and `independent_sources` are over all of them), and only the digest of the
    findings is read (no `findings`)."""
    columns = "*" if claims_per_quantity is None else _DIGESTED
    rows = "FROM quantities"
    where, params = [], []
    if conflicts_only:
        where.append("conflict = 1")
    if measure:
        needle = f"%{measure.lower()}%"
        where.append(
            "(lower(measure_key) LIKE ? OR lower(measure) LIKE ? OR id IN (SELECT f.quantity_id FROM figure_facts f"
            " JOIN records r ON r.doc_id = f.doc_id AND r.kind = 'figure' AND r.seq = f.seq"
            " WHERE lower(json_extract(r.data, '$.measure_text')) LIKE ?))"
        )
        params += [needle, needle, needle]
    if where:
        rows += " WHERE " + " AND ".join(where)
    sql = f"SELECT {columns} {rows}"
    if limit is not None:  # the order below, on the stored counts; the rows (findings are long) only for those
        sql = f"SELECT {columns} FROM quantities WHERE id IN (SELECT id {rows} ORDER BY conflict DESC, figures DESC, claimants DESC, measure_key, id LIMIT ?)"
        params.append(limit)
    quantities = {q["id"]: _quantity(q) for q in store.query(sql, params)}
    for q in quantities.values():
        q["claims"] = []
    if not quantities:
        return []
    marks = ",".join("?" * len(quantities))
    origins = independence.load(store, by_event=True) if claims_per_quantity is None else None  # the sampled path reads stored counts
    if claims_per_quantity is None:
        for r in store.iter_rows(_FIGURES + f" AND f.quantity_id IN ({marks}) ORDER BY d.rowid, r.seq", list(quantities)):
            quantities[r["quantity_id"]]["claims"].append(_figure(r, with_context=True))
        for q in quantities.values():
            q.update(independence.count(origins, ((c["doc"], c["claimant_detail"]["entity"]) for c in q["claims"])))
            q["claims_total"] = len(q["claims"])
    else:
        _some_claims(store, quantities, marks, origins, claims_per_quantity)
    out = list(quantities.values())
    for q in out:
        q["claims"].sort(key=lambda c: (c["as_of"] or "~", c["claimant_detail"]["name"] or "", c["id"]))
        q["frame"] = merged([c["frame"] for c in q["claims"] if c["frame"]])
    _describe_frames(store, out)
    out.sort(key=lambda q: (-int(q["conflict"]), -q["claims_total"], -q["claimants"], q["measure_key"], q["id"]))
    return out


def _describe_frames(store: Store, quantities: list[dict[str, Any]]) -> None:
    """Each quantity's `frame_text`: its frame in one line, with the names of the entities it names."""
    ids = sorted({e for q in quantities if q["frame"] for e in q["frame"]["population"]["entities"]})
    names = {r[0]: r[1] for part in batches(ids) for r in store.query(
        f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(part))})", part)}
    for q in quantities:
        q["frame_text"] = describe(q["frame"], names) if q["frame"] else None


def _some_claims(store: Store, quantities: dict[str, dict[str, Any]], marks: str, origins: Any, keep: int) -> None:
    """Fill each quantity's `claims` with at most `keep` of them (the ones its conflicts name,
    then an even spread by date), reading the texts of those only; `sources` and
    `independent_sources` count all of them (stored by resolve, else counted here)."""
    stored = {
        r["id"]: r for r in store.query(f"SELECT id, figures, sources, independent_sources FROM quantities WHERE id IN ({marks})", list(quantities))
    }
    picks: dict[tuple[str, int], str] = {}  # (doc, seq) of each claim shown -> its quantity
    for qid, q in quantities.items():
        row = stored[qid]
        if row["sources"] is None:  # resolved before the counts were stored
            origins = origins or independence.load(store, by_event=True)
            reports = [
                (r["doc_id"], _claim_entity(r))
                for r in store.query("SELECT doc_id, claimant_kind, claimant_entity FROM figure_facts WHERE quantity_id = ?", (qid,))
            ]
            q.update(independence.count(origins, reports))
        else:
            q.update(sources=row["sources"], independent_sources=row["independent_sources"])
        named = q["conflict_figures"][:keep]
        picked = [(doc, int(seq)) for doc, seq in (fid.split("-", 1)[1].rsplit("-", 1) for fid in named)]
        room = keep - len(picked)
        if room > 0:  # an even spread of the rest by date, chosen in SQL (rows k where k*room/n steps up)
            taken = set(picked)
            picked += [
                (r[0], r[1])
                for r in store.query(
                    "SELECT doc_id, seq FROM (SELECT doc_id, seq, row_number() OVER (ORDER BY coalesce(as_of, '~'),"
                    " coalesce(claimant_name, ''), doc_id, seq) - 1 AS k, count(*) OVER () AS n FROM figure_facts WHERE quantity_id = ?)"
                    " WHERE n <= ? OR k = 0 OR (k * ?) / n > ((k - 1) * ?) / n",
                    (qid, room, room, room),
                )
                if (r[0], r[1]) not in taken
            ][:room]
        q["claims_total"] = row["figures"]
        picks.update((key, qid) for key in picked)
    for r in _figures_at(store, list(picks)):
        quantities[picks[(r["doc_id"], r["seq"])]]["claims"].append(_figure(r, with_context=True))


def unquantified(store: Store) -> list[dict[str, Any]]:
    """Figures with no measure key (no quantity), for review."""
    return [_figure(r, with_context=True) for r in store.query(_FIGURES + " AND f.quantity_id IS NULL ORDER BY d.rowid, r.seq")]
