"""The dossier report: one self-contained HTML (or Markdown) file, no external requests.

Sections: key figures with their ranges, claimants and conflicts; the
timeline; top actors; notable quotes; the actor network as a picture; stories
and source independence; coercion indicators; how the report was produced.
Every item quotes its evidence sentence and names its document, listed at the
end. A section whose stage has not run yet says so instead of staying blank.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import jinja2
from markupsafe import Markup

from . import __version__
from .datafiles import full_collections_spaced
from .document import Document
from .errors import ConfigError
from .files import replacing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .store import Store


class Source(Protocol):
    """What the report reads: a store, its configuration, and the corpus-level listings
    (`threadline.Corpus` is one; the report does not depend on it)."""

    store: "Store"
    config: dict[str, dict[str, Any]]

    def documents(self) -> "Iterator[Document]": ...

    def stats(self) -> dict[str, Any]: ...

    def rejections(self) -> list[dict[str, Any]]: ...

MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(value: Any) -> str:
    """Text safe inside a Markdown table cell or list item: one line, markup characters escaped."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str("" if value is None else value).split()))


def _env(fmt: str) -> jinja2.Environment:
    from .serve.formats import number, when

    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.PackageLoader("threadline", "templates"), jinja2.PackageLoader("threadline.serve", "templates")]),
        autoescape=fmt != "md",
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md, number=number, when=when)
    return env


def _sentence(lk: Any, ev: dict[str, Any]) -> str:
    return " ".join(lk.text(ev["doc"])[ev["start"] : ev["end"]].split())


def _cited(lk: Any, items: list[dict[str, Any]], cited: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Add each item's evidence sentence and note its document for the list of sources."""
    for item in items:
        ev = item.get("evidence")
        if ev:
            item["sentence"] = _sentence(lk, ev)
            doc = lk.doc(ev["doc"]) or {}
            cited.setdefault(ev["doc"], {"id": ev["doc"], "title": doc.get("title"), "outlet": doc.get("outlet"), "published": doc.get("published")})
    return items


def notable_quotes(quotes: list[dict[str, Any]], limit: int = 12) -> list[dict[str, Any]]:
    """Direct or mixed quotes by named speakers first, one per speaker before a second, longer before shorter."""

    def score(a: dict[str, Any]) -> tuple[Any, ...]:
        length = len(a["text"])
        return (a["speaker"] is None, a["type"] not in ("direct", "mixed"), not 40 <= length <= 400, -min(length, 400), a["id"])

    ranked = sorted(quotes, key=score)
    chosen: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in ranked:
        who = (a["speaker"] or {}).get("id") or (a["source"] or {}).get("text") or a["id"]
        if who not in seen:
            chosen.append(a)
            seen.add(who)
    if len(chosen) < limit:  # fewer speakers than places: second quotes, best first
        rest = []
        for a in ranked:
            if a not in chosen:  # `chosen` is shorter than `limit` here, so this stays cheap
                rest.append(a)
                if len(chosen) + len(rest) >= limit:
                    break
        chosen += rest
    return chosen[:limit]


def _domain(corpus: Source) -> dict[str, str]:
    name = corpus.config.get("analyze", {}).get("domain", "")
    try:
        from .domain import load_pack

        pack = load_pack(name)
        return {"name": pack.get("name", name), "description": pack.get("description", "")}
    except (ImportError, ConfigError):
        return {"name": name or "none", "description": ""}


# A report is read by a person: on a large corpus each section keeps its most telling items
# (conflicts and the largest quantities, the best-corroborated events, the largest stories)
# and says how many there are in all; the web UI and the exports have everything.
LIMITS = {
    "figure_groups": 30,
    "figures_per_group": 25,
    "events": 200,
    "stories": 30,
    "outlets": 30,
    "indicator_passages": 12,
    "documents": 300,
}


def _key_figures(figures: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """Conflicting claims first, then the rest in ledger order; at most `limit`."""
    if len(figures) <= limit:
        return figures
    keep = {id(f) for f in sorted(figures, key=lambda f: not f.get("conflict"))[:limit]}
    return [f for f in figures if id(f) in keep]


def context(corpus: Source) -> dict[str, Any]:
    from .read import features, queries, records
    from .serve import charts
    from .read.records import Lookup

    store = corpus.store
    lk = Lookup(store)
    cited: dict[str, dict[str, Any]] = {}
    totals: dict[str, int] = {}
    groups = features.figure_groups(lk, limit=LIMITS["figure_groups"], per_group=LIMITS["figures_per_group"])  # conflicts first, then the largest
    totals["figure_groups"] = len(groups) if len(groups) < LIMITS["figure_groups"] else features.figure_group_count(lk)
    for g in groups:
        g["total"] = len(g["figures"])
        g["figures"] = _key_figures(g["figures"], LIMITS["figures_per_group"])
        _cited(lk, g["figures"], cited)
    timeline = queries.timeline(lk, [], None, limit=LIMITS["events"])  # the best-sourced events only are built
    totals["events"] = timeline["total"]
    _cited(lk, timeline["events"], cited)
    # every attribution is ranked on its outline; only the chosen ones are built in full
    outlines = [records.attribution_outline(lk, row) for row in records.rows(store, "attribution")]
    quotes = _cited(lk, features.views_of(lk, [a["id"] for a in notable_quotes(outlines)], "attribution"), cited)
    graph = features.actor_graph(store)
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    strongest = sorted(graph["edges"], key=lambda e: (e.get("type") == "co-occurrence", -(e.get("weight") or 1), e["id"]))[:15]
    edges = [
        {"source": names.get(e["source"], e["source"]), "target": names.get(e["target"], e["target"]), "type": e.get("type") or "related",
         "weight": e.get("weight") or 1, "evidence": e["evidence"][0] if e["evidence"] else None}
        for e in strongest
    ]
    _cited(lk, edges, cited)
    indicators = queries.indicators(lk)
    for ind in indicators:
        ind["total"] = len(ind["passages"])
        ind["passages"] = ind["passages"][: LIMITS["indicator_passages"]]
        _cited(lk, ind["passages"], cited)
    components = [
        dict(r)
        for r in store.query(
            "SELECT component, version, count(*) AS documents, sum(status = 'ok') AS ok FROM analyses GROUP BY component, version ORDER BY component"
        )
    ]
    dated = store.query("SELECT min(published) AS first, max(published) AS last FROM documents WHERE published IS NOT NULL")[0]
    totals["documents"] = store.scalar("SELECT count(*) FROM documents")
    if totals["documents"] <= LIMITS["documents"]:
        docs = list(corpus.documents())
    else:  # a large corpus lists the documents the report cites
        docs = [Document.from_row(r) for i in sorted(cited) for r in store.query("SELECT * FROM documents WHERE id = ?", (i,))]
    stories = queries.stories(store)
    outlets = queries.sources(store)["outlets"]
    totals["stories"], totals["outlets"] = len(stories), len(outlets)
    return {
        "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "stats": corpus.stats(),
        "counts": queries.counts(store),
        "stages": queries.stages(store),
        "domain": _domain(corpus),
        "period": {"first": dated["first"], "last": dated["last"]},
        "components": components,
        "documents": docs,
        "rejections": corpus.rejections(),
        "quarantined": corpus.quarantined(),
        "figure_groups": groups,
        "figure_charts": [charts.figure_chart(g, width=720) for g in groups],
        "timeline": timeline,
        "timeline_chart": charts.timeline_chart(timeline["events"], timeline["publications"], width=880),
        "top_actors": queries.top_actors(store, limit=15),
        "quotes": quotes,
        "network": charts.network_picture(graph, width=880, height=560, max_nodes=35),
        "edges": edges,
        "edge_types": graph["edge_types"],
        "stories": stories[: LIMITS["stories"]],
        "outlets": outlets[: LIMITS["outlets"]],
        "totals": totals,
        "indicators": indicators,
        "cited": cited,
        "styles": Markup(resources.files("threadline.serve").joinpath("static/charts.css").read_text("utf-8")),
    }


def render(corpus: Source, fmt: str = "html") -> str:
    template = "report.md.j2" if fmt == "md" else "report.html.j2"
    return _env(fmt).get_template(template).render(**context(corpus))


def write_report(corpus: Source, path: str | Path, fmt: str | None = None) -> Path:
    """Write the report atomically; the format follows the suffix unless given."""
    target = Path(path)
    fmt = fmt or ("md" if target.suffix.lower() in {".md", ".markdown"} else "html")
    with replacing(target) as tmp, full_collections_spaced():
        tmp.write_text(render(corpus, fmt), encoding="utf-8")
    return target
