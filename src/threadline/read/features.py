"""What the read modules of attributions, the ledger and relations return, in the one shape pages show.

Their results are reduced here to record ids, which the record views in
`records` turn into the shapes the pages and the JSON API promise, so a page
does not change when a stage adds fields.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from . import attributions, ledger, relations
from .cooccurrence import ACTOR_TYPES, EDGE_TYPE, cooccurrence
from ..store import Store
from ..timeml import in_words
from ..words import NO_SOURCE
from .records import Claimant, Lookup, evidence, figure, load_figures, parse_id



def has_table(store: Store, name: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))


# -- identities --------------------------------------------------------------
def locate(store: Store, item: Any, kind: str) -> tuple[str, int] | None:
    """(doc, seq) of the record of `kind` that `item` stands for: a record id,
    or a dict with `id`, or `doc`+`seq`, or `doc`+`start`+`end`."""
    if isinstance(item, str):
        found = parse_id(item)
        return (found[1], found[2]) if found and found[0] == kind else None
    if not isinstance(item, dict):
        return None
    for key in ("id", "record", "record_id"):
        found = parse_id(item.get(key))  # type: ignore[arg-type]
        if found and found[0] == kind:
            return found[1], found[2]
    doc = item.get("doc") or item.get("doc_id")
    if not isinstance(doc, str):
        return None
    if isinstance(item.get("seq"), int):
        return doc, item["seq"]
    if isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
        seq = store.scalar(
            "SELECT seq FROM records WHERE doc_id = ? AND kind = ? AND start = ? AND end = ? ORDER BY seq LIMIT 1",
            (doc, kind, item["start"], item["end"]),
        )
        return (doc, seq) if seq is not None else None
    return None


def views_of(lk: Lookup, items: Any, kind: str, **kwargs: Any) -> list[dict[str, Any]]:
    """The record views of `items` (ids or what `locate` reads), in their order, each once."""
    from .records import VIEWS

    out, seen = [], set()
    for item in items or ():
        where = locate(lk.store, item, kind)
        if where is None or where in seen:
            continue
        seen.add(where)
        row = lk.record(where[0], kind, where[1])
        if row is not None:
            out.append(VIEWS[kind](lk, row, **kwargs))
    return out


# -- attributions --------------------------------------------------------------
def said_by(lk: Lookup, entity_id: str, documents: list[str] | None = None) -> list[dict[str, Any]]:
    return views_of(lk, attributions.said_by(lk.store, entity_id, documents), "attribution")


def said_about(lk: Lookup, entity_id: str, documents: list[str] | None = None) -> list[dict[str, Any]]:
    return views_of(lk, attributions.said_about(lk.store, entity_id, documents), "attribution")


def quotes(lk: Lookup, speaker: str | None = None, doc: str | None = None) -> list[dict[str, Any]]:
    return views_of(lk, attributions.quotes(lk.store, speaker=speaker, doc=doc), "attribution")


def claimant(lk: Lookup) -> Claimant:
    """A function (doc, offset) -> the claimant of that character."""

    def who(doc: str, offset: int) -> dict[str, Any] | None:
        return normalise_claimant(lk, attributions.claimant(lk.store, doc, offset))

    return who


def normalise_claimant(lk: Lookup, value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"name": value, "entity": None, "source": "attribution"}
    if not isinstance(value, dict):
        return None
    name = next((value[k] for k in ("name", "text", "source", "speaker", "outlet") if isinstance(value.get(k), str)), None)
    entity = value.get("entity") or value.get("entity_id")
    if isinstance(entity, str):
        entity = lk.entity(entity)
    if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
        entity = None
    if name is None and entity:
        name = entity.get("name")
    kind = value.get("kind") if value.get("kind") in ("outlet", "attribution") else ("attribution" if entity or name else "outlet")
    if kind == "outlet" and name is None:
        return None  # the page falls back to the document's outlet
    return {"name": name or NO_SOURCE, "entity": entity, "source": kind}  # "reportedly": reported, no one named


# -- figures -------------------------------------------------------------------
def figures_ready(store: Store) -> bool:
    """The store has the ledger's tables (a store read before its migration has not)."""
    return has_table(store, "quantities")


FIGURES_PER_GROUP = 12  # figures of one quantity shown on a bounded ledger page (conflicting ones first)


def figure_groups(
    lk: Lookup, measure: str | None = None, conflicts_only: bool = False, limit: int | None = None, per_group: int | None = None
) -> list[dict[str, Any]]:
    """Figures grouped into quantities, each figure with claimant, as-of date and conflict flag.

    With the figures ledger installed, its quantities are the groups, with
    their conflicts, updates and the claimant and as-of date it resolved for
    each claim; figures it could not place in a quantity come last. Before,
    figures are grouped by their `measure_key` and nothing is flagged. With `limit`, the first
    `limit` groups (with the ledger, the others are never read), each with at most `per_group`
    figures (default `FIGURES_PER_GROUP`).
    """
    if figures_ready(lk.store):
        # a bounded page also bounds each group
        return _ledger_groups(lk, measure, conflicts_only, limit, (per_group or FIGURES_PER_GROUP) if limit is not None else None)
    from .records import rows

    who = claimant(lk)
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows(lk.store, "figure"):
        v = figure(lk, row, claimant=who)
        v["conflict"] = False
        by_key[v["measure_key"] or v["measure"] or v["unit"] or "unclassified"].append(v)
    groups = [_group(k, vs) for k, vs in by_key.items()]
    if measure:
        groups = [g for g in groups if measure.lower() in (g["key"] + " " + g["measure"]).lower()]
    return [] if conflicts_only else sorted(groups, key=lambda g: (-len(g["figures"]), g["key"]))[:limit]


def figure_group_count(lk: Lookup) -> int:
    """How many groups `figure_groups` returns without a limit."""
    if not figures_ready(lk.store):
        return len(figure_groups(lk))
    unplaced = lk.store.scalar(
        "SELECT EXISTS (SELECT 1 FROM records r LEFT JOIN figure_facts f ON f.doc_id = r.doc_id AND f.seq = r.seq"
        " WHERE r.kind = 'figure' AND f.quantity_id IS NULL)"
    )
    return int(lk.store.scalar("SELECT count(*) FROM quantities")) + int(bool(unplaced))


def _ledger_groups(lk: Lookup, measure: str | None, conflicts_only: bool, limit: int | None, per_group: int | None) -> list[dict[str, Any]]:
    groups = []
    found = ledger.ledger(lk.store, measure=measure, conflicts_only=conflicts_only, limit=limit, claims_per_quantity=per_group)
    _load_claims(lk, [c for q in found for c in q.get("claims") or []])
    for q in found:
        findings = [f for f in q.get("lead_findings") or [] if isinstance(f, dict)]
        conflicting = set(q.get("conflict_figures") or ())
        views = [_ledger_figure(lk, claim, conflicting) for claim in q.get("claims") or []]
        group = _group(
            q.get("measure_key"), [v for v in views if v], bool(q.get("conflict")), q.get("measure"), findings, q.get("finding_counts"), q.get("id")
        )
        group.update(
            sources=q.get("sources"), independent_sources=q.get("independent_sources"), total_figures=q.get("claims_total"), frame=q.get("frame_text")
        )
        groups.append(group)
    if not conflicts_only and not measure and (limit is None or len(groups) < limit):
        unplaced = ledger.unquantified(lk.store)
        _load_claims(lk, unplaced)
        rest = [_ledger_figure(lk, claim, set()) for claim in unplaced]
        if rest:
            groups.append(_group("unquantified", [v for v in rest if v], False, "Figures not matched to a measure"))
    return groups


def _load_claims(lk: Lookup, claims: list[dict[str, Any]]) -> None:
    """Read what the views of these ledger claims need for the whole page at once."""
    load_figures(lk, [w for w in (locate(lk.store, c, "figure") for c in claims) if w])
    details = [c.get("claimant_detail") for c in claims]
    lk.load_entities(d["entity"] for d in details if isinstance(d, dict) and isinstance(d.get("entity"), str))


def _ledger_figure(lk: Lookup, claim: dict[str, Any], conflicting: set[str]) -> dict[str, Any] | None:
    """The record view of a ledger claim, with the claimant and as-of date the ledger resolved."""
    where = locate(lk.store, claim, "figure")
    row = lk.record(where[0], "figure", where[1]) if where else None
    if row is None:
        return None
    view = figure(lk, row)
    who = normalise_claimant(lk, claim.get("claimant_detail"))
    if who:
        view["claimant"] = who
    if claim.get("as_of"):
        view["as_of"] = {"value": claim["as_of"], "precision": claim.get("as_of_precision"), "source": claim.get("as_of_source") or "ledger", "words": in_words(claim["as_of"])}
    view["conflict"] = view["id"] in conflicting
    return view


def _group(
    key: str | None,
    views: list[dict[str, Any]],
    conflict: bool = False,
    measure: str | None = None,
    findings: list[dict[str, Any]] | None = None,
    finding_counts: dict[str, int] | None = None,
    quantity: str | None = None,
) -> dict[str, Any]:
    key = key or (views[0]["measure_key"] if views else None) or "unclassified"
    views.sort(key=lambda v: ((v["as_of"] or {}).get("value") or "~", v["claimant"]["name"], v["id"]))
    return {
        "key": key,
        "quantity": quantity,
        "measure": measure or _most_common([v["measure"] for v in views if v["measure"]]) or key,
        "units": sorted({v["unit"] for v in views if v["unit"]}),
        "conflict": conflict or any(v.get("conflict") for v in views),
        "claimants": sorted({v["claimant"]["name"] for v in views}),
        "finding_counts": dict(sorted((finding_counts or {}).items())),
        "findings": [{"kind": f.get("kind"), "figures": f.get("figures") or [], "text": f.get("text")} for f in findings or []],
        "figures": views,
        "sources": len({v["doc"] for v in views}),
        "independent_sources": None,
        "total_figures": len(views),
        "frame": None,
    }


def _most_common(values: list[str]) -> str | None:
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], -values.index(v))) if counts else None


# -- the actor graph -------------------------------------------------------------
def actor_graph(
    store: Store, *, since: str | None = None, until: str | None = None, edge_types: list[str] | None = None
) -> dict[str, Any]:
    """Relations plus co-occurrence, with evidence links on every edge."""
    edges: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}
    graph = relations.graph(store, kinds=("event", "attribution"))  # co-occurrence is computed below, once
    dates = {r["id"]: r["published"] or "" for r in store.query("SELECT id, published FROM documents")}
    for edge in graph.get("edges", []):
        if edge.get("type") == EDGE_TYPE or edge.get("kind") == EDGE_TYPE:
            continue  # co-occurrence is added below, computed with the same filters
        ev = [e for e in edge.get("evidence", []) if _in_range(dates.get(e.get("doc"), ""), since, until)]
        if ev or not (since or until):
            edges.append({**edge, "evidence": ev})
    nodes.update({n["id"]: n for n in graph.get("nodes", []) if isinstance(n, dict) and "id" in n})
    co = cooccurrence(store, types=ACTOR_TYPES, since=since, until=until)
    edges.extend(co["edges"])
    nodes.update({n["id"]: n for n in co["nodes"] if n["id"] not in nodes})
    nodes = dict(sorted(nodes.items()))  # the relations graph's order (by id), as when it held co-occurrence too
    types = sorted({e.get("type") or "related" for e in edges})
    if edge_types:
        edges = [e for e in edges if (e.get("type") or "related") in edge_types]
    used = {e["source"] for e in edges} | {e["target"] for e in edges}
    for i, e in enumerate(edges):
        e["id"] = f"r{i}"
        e["evidence"] = [evidence(x["doc"], x["start"], x["end"]) for x in e.get("evidence", []) if _evidence_ok(x)]
    return {"nodes": [n for n in nodes.values() if n["id"] in used], "edges": edges, "edge_types": types}


def _evidence_ok(x: Any) -> bool:
    return isinstance(x, dict) and isinstance(x.get("doc"), str) and isinstance(x.get("start"), int) and isinstance(x.get("end"), int)


def _in_range(published: str, since: str | None, until: str | None) -> bool:
    if since and (not published or published < since):
        return False
    if until and (not published or published[: len(until)] > until):
        return False
    return True

