"""Geometry for the SVG charts (mentions over time, figure ranges, timeline, network picture), drawn by templates.

Charts are computed here and drawn server-side as SVG, so they show with
JavaScript off and inside the self-contained report; every mark carries the
link to its evidence.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np

from ..timeml import day_range

AT_LEAST = {"at least", "more than", "over", "above", "in excess of", "at minimum", "upwards of"}
AT_MOST = {"up to", "as many as", "as much as", "at most", "fewer than", "less than", "under", "no more than"}
ABOUT = {"about", "around", "approximately", "roughly", "some", "nearly", "almost", "an estimated", "estimated", "close to"}


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step) + 1)]


def short_number(x: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= size:
            return f"{x / size:.3g}{suffix}"
    return f"{x:.3g}"


# -- bars: mentions over time ------------------------------------------------------
def bars(items: list[tuple[str, int]], width: int = 640, height: int = 150) -> dict[str, Any]:
    left, bottom, top = 34, 22, 8
    inner_h = height - bottom - top
    n = max(1, len(items))
    slot = (width - left) / n
    peak = max([v for _, v in items] or [1]) or 1
    out = []
    for i, (label, value) in enumerate(items):
        h = inner_h * value / peak
        out.append({"x": left + i * slot + slot * 0.15, "y": top + inner_h - h, "w": max(1.0, slot * 0.7), "h": h, "label": label, "value": value})
    every = max(1, math.ceil(n / 8))
    ticks = [{"y": top + inner_h - inner_h * t / peak, "label": f"{t:g}"} for t in nice_ticks(0, peak, 3)]
    return {"width": width, "height": height, "bars": out, "labels": out[::every], "ticks": ticks, "base": top + inner_h}


# -- figures: values by claimant and date ------------------------------------------
LABEL_CHARS = 30  # characters of a claimant's name per line of a figure chart's label (two lines at most)


def to_usd_factor(f: dict[str, Any]) -> float | None:
    """USD per unit of a money figure: from its `usd` value (the article's own conversion, else an
    ECB rate at its date); None when there is no rate."""
    usd = (f.get("usd") or {}).get("value")
    base = f.get("value")
    if base is None and isinstance(f.get("low"), (int, float)) and isinstance(f.get("high"), (int, float)):
        base = (f["low"] + f["high"]) / 2
    if not isinstance(usd, (int, float)) or not isinstance(base, (int, float)) or not base:
        return None
    return usd / base


def wrap(text: str, width: int = LABEL_CHARS, lines: int = 2) -> list[str]:
    """`text` in at most `lines` lines of about `width` characters, cut at spaces; the last ends in … when cut."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words or any(len(line) > width for line in out):
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def figure_chart(group: dict[str, Any], width: int = 760) -> dict[str, Any]:
    """One row per figure: a dot at its value, a bar for its range or hedge, a link to its evidence.

    One axis, one unit: money in US dollars (each amount at the article's own conversion or
    the ECB rate of its date, the original on hover; an amount without a rate has no dot and
    says so); other figures in their unit. The claimant's full name is in two lines at most,
    and whole in the row's title."""
    figs = group["figures"]
    money = any(f.get("currency") for f in figs)
    factors = {f["id"]: (to_usd_factor(f) if money else 1.0) for f in figs}
    numbers = [x * factors[f["id"]] for f in figs if factors[f["id"]] is not None for x in (f.get("value"), f.get("low"), f.get("high")) if isinstance(x, (int, float))]
    left, right, row_h, top = 250, 24, 36, 26
    height = top + row_h * max(1, len(figs)) + 8
    units = sorted({f.get("unit") for f in figs if f.get("unit")})
    axis = "US dollars" if money else (units[0] if len(units) == 1 else ", ".join(units) or "value")
    chart: dict[str, Any] = {"width": width, "height": height, "rows": [], "ticks": [], "log": False, "left": left, "right": width - right, "top": top, "axis": axis}
    if not numbers:
        numbers = [0.0]
    lo, hi = min(numbers), max(numbers)
    log = lo > 0 and hi / lo >= 20
    if log:
        lo, hi = 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))
    else:
        lo, hi = (0.0, hi * 1.1) if lo >= 0 else (lo * 1.1, max(hi, 0) * 1.1)
        if hi == lo:
            hi = lo + 1

    def x(v: float) -> float:
        if log:
            t = (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        else:
            t = (v - lo) / (hi - lo)
        return left + t * (width - right - left)

    chart["log"] = log
    ticks = [10**e for e in range(int(math.log10(lo)), int(math.log10(hi)) + 1)] if log else nice_ticks(lo, hi)
    chart["ticks"] = [{"x": x(t), "label": ("$" if money else "") + short_number(t)} for t in ticks]
    for i, f in enumerate(figs):
        y = top + row_h * i + row_h / 2
        factor = factors[f["id"]]
        scaled = {k: (f[k] * factor if isinstance(f.get(k), (int, float)) and factor is not None else None) for k in ("value", "low", "high")}
        value, low, high = scaled["value"], scaled["low"], scaled["high"]
        qualifier = (f.get("qualifier") or "").lower()
        span, open_left, open_right = None, False, False
        if low is not None and high is not None:
            span = (low, high)
        elif value is not None:
            if qualifier in AT_LEAST:
                span, open_right = (value, hi), True
            elif qualifier in AT_MOST:
                span, open_left = (lo, value), True
            elif qualifier in ABOUT:
                span = (value * 0.9, value * 1.1)
        centre = value if value is not None else (sum(span) / 2 if span else None)
        as_of = (f.get("as_of") or {}).get("value") or "undated"
        who = f["claimant"]["name"]
        original = ""
        if money:
            usd = (f.get("usd") or {}).get("value")
            source = (f.get("usd") or {}).get("source") or "no rate"
            original = f" = ${usd:,.0f} ({'the article’s conversion' if source == 'article' else source})" if factor is not None and usd is not None else " (no USD rate for its date)"
        chart["rows"].append(
            {
                "y": y,
                "cx": x(centre) if centre is not None else None,
                "x1": x(span[0]) if span else None,
                "x2": x(span[1]) if span else None,
                "open_left": open_left,
                "open_right": open_right,
                "id": f["id"],
                "lines": wrap(who),
                "when": as_of[:10] + (" · no USD rate" if money and factor is None else ""),
                "label": f"{who} · {as_of[:10]}",
                "title": f"{f['text']}{original} — {who}, as of {as_of}",
                "url": f["evidence"]["url"],
                "conflict": bool(f.get("conflict")),
            }
        )
    return chart


# -- timeline ----------------------------------------------------------------------
OUTLIER_SHARE = 0.05  # at most this share of marks (at least one) may fall outside a timeline's default range


def timeline_marks(events: list[dict[str, Any]], publications: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One mark per dated event and publication: its lane, the days its date covers, its link and title."""
    marks: list[dict[str, Any]] = []
    for v in events:
        days = day_range(v["time"]["value"])
        if days:
            who = ", ".join(a["entity"]["name"] if a["entity"] else (a["text"] or "") for a in v["args"].values() if a.get("text"))
            marks.append({"id": v["id"], "lane": v["type"] or "event", "days": days, "precision": v["time"]["precision"] or "", "url": v["evidence"]["url"],
                          "title": f"{v['time']['value']} ({v['time']['precision']}): {v['type']} — {(v['trigger'] or {}).get('text', '')} {who}".strip()})
    for d in publications:
        days = day_range((d["published"] or {}).get("value"))
        if days:
            marks.append({"id": f"doc-{d['id']}", "lane": "publications", "days": days, "precision": d["published"]["precision"], "url": f"/documents/{d['id']}",
                          "title": f"{d['published']['value']}: {d.get('heading') or d['title'] or d['id']} ({d['outlet'] or 'unknown outlet'})"})
    return marks


def core_days(spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The days [first, last + 1) that the marks cover, less isolated outliers: a mark at either end is
    left out while its gap to the next is wider than a third of what the others span (one stray
    "1961", a "2000" among 2023–25 dates; with fewer than 20 marks, wider than all they span),
    and at most `OUTLIER_SHARE` of the marks are left out."""
    if not spans:
        return None
    mids = sorted(((a + b) / 2, a, b) for a, b in spans)
    lo, hi = 0, len(mids) - 1
    budget = max(1, int(len(mids) * OUTLIER_SHARE))
    share = 1 / 3 if len(mids) >= 20 else 1.0
    while budget > 0 and hi - lo >= 2:
        left_gap, right_gap = mids[lo + 1][0] - mids[lo][0], mids[hi][0] - mids[hi - 1][0]
        if left_gap >= right_gap and left_gap > share * (mids[hi][0] - mids[lo + 1][0]):
            lo += 1
        elif right_gap > share * (mids[hi - 1][0] - mids[lo][0]):
            hi -= 1
        else:
            break
        budget -= 1
    kept = mids[lo : hi + 1]
    return min(m[1] for m in kept), max(m[2] for m in kept)


def timeline_chart(
    events: list[dict[str, Any]], publications: list[dict[str, Any]], width: int = 960, domain: tuple[int, int] | None = None
) -> dict[str, Any]:
    """Lanes per event type plus one for publications; marks span the days their date covers.

    The axis covers `domain` (days as ordinals), by default the marks' days less isolated
    outliers (`core_days`); marks outside it are left out and counted (`outside`)."""
    marks = timeline_marks(events, publications)
    lanes = sorted({m["lane"] for m in marks} - {"publications"}) + (["publications"] if any(m["lane"] == "publications" for m in marks) else [])
    left, right, lane_h, top = 160, 20, 34, 10
    height = top + lane_h * max(1, len(lanes)) + 30
    chart: dict[str, Any] = {"width": width, "height": height, "lanes": [], "marks": [], "ticks": [], "left": left, "right": width - right, "outside": 0}
    span = domain or core_days([m["days"] for m in marks])
    if span is None:
        return chart
    lo, hi = span
    if domain is None:
        pad = max(3, (hi - lo) // 40)
        lo, hi = lo - pad, hi + pad
    hi = max(hi, lo + 1)
    chart.update(lo=lo, hi=hi)

    def x(day: float) -> float:
        return left + (day - lo) / (hi - lo) * (width - right - left)

    chart["lanes"] = [{"name": name, "y": top + i * lane_h, "h": lane_h} for i, name in enumerate(lanes)]
    ys = {name: top + i * lane_h + lane_h / 2 for i, name in enumerate(lanes)}
    for m in marks:
        if m["days"][1] <= lo or m["days"][0] >= hi:
            chart["outside"] += 1
            continue
        x1, x2 = x(max(m["days"][0], lo)), x(min(m["days"][1], hi))
        chart["marks"].append({**m, "x": x1, "w": x2 - x1, "cx": (x1 + x2) / 2, "y": ys[m["lane"]], "point": m["days"][1] - m["days"][0] <= 1 or x2 - x1 < 8})
    chart["ticks"] = _date_ticks(lo, hi, x)
    chart["axis_y"] = top + lane_h * len(lanes)
    return chart


def _date_ticks(lo: int, hi: int, x: Any) -> list[dict[str, Any]]:
    if hi - lo <= 62:  # a zoomed-in view: days or weeks
        step = next(s for s in (1, 2, 7, 14) if (hi - lo) / s <= 10)
        return [{"x": x(d), "label": date.fromordinal(d).isoformat()} for d in range(lo, hi + 1) if (d - lo) % step == 0]
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    months = (last.year - first.year) * 12 + last.month - first.month
    # at most about ten ticks; beyond a century, whole decades
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= 10), 120 * math.ceil(months / 1200))
    out = []
    y, m = first.year, first.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        d = date(y, m, 1)
        if d > last:
            break
        index = y * 12 + m - 1
        if index % step == 0:
            out.append({"x": x(d.toordinal()), "label": str(y) if step >= 12 else f"{y}-{m:02d}"})
    return out


# -- network picture -----------------------------------------------------------------
def network_picture(graph: dict[str, Any], width: int = 760, height: int = 520, max_nodes: int = 40, seed: int = 7) -> dict[str, Any]:
    """A force-directed layout of the most connected actors, deterministic for the same graph."""
    strength: dict[str, float] = {}
    for e in graph["edges"]:
        for end in (e["source"], e["target"]):
            strength[end] = strength.get(end, 0) + e.get("weight", 1)
    keep = sorted(strength, key=lambda n: (-strength[n], n))[:max_nodes]
    index = {n: i for i, n in enumerate(keep)}
    edges = [e for e in graph["edges"] if e["source"] in index and e["target"] in index]
    info = {n["id"]: n for n in graph["nodes"]}
    if not keep:  # no actor is linked to another: nothing to draw
        return {"width": width, "height": height, "nodes": [], "edges": []}
    pos = _layout(len(keep), [(index[e["source"]], index[e["target"]], e.get("weight", 1)) for e in edges], seed)
    margin = 60
    span = np.ptp(pos, axis=0) if len(keep) > 1 else np.ones(2)
    span[span == 0] = 1
    scaled = (pos - pos.min(axis=0)) / span * [width - 2 * margin, height - 2 * margin] + margin
    peak = max([info.get(n, {}).get("mentions", 1) for n in keep] or [1])
    nodes = [
        {
            "id": n,
            "name": info.get(n, {}).get("name", n),
            "type": info.get(n, {}).get("type", ""),
            "x": float(scaled[i][0]),
            "y": float(scaled[i][1]),
            "r": 4 + 12 * math.sqrt(info.get(n, {}).get("mentions", 1) / peak),
        }
        for i, n in enumerate(keep)
    ]
    top_weight = max([e.get("weight", 1) for e in edges] or [1])
    lines = [
        {
            "x1": nodes[index[e["source"]]]["x"],
            "y1": nodes[index[e["source"]]]["y"],
            "x2": nodes[index[e["target"]]]["x"],
            "y2": nodes[index[e["target"]]]["y"],
            "w": 0.6 + 3.4 * e.get("weight", 1) / top_weight,
            "type": e.get("type", ""),
            "title": f"{info.get(e['source'], {}).get('name', e['source'])} — {info.get(e['target'], {}).get('name', e['target'])}: {e.get('type', '')} ×{e.get('weight', 1)}",
        }
        for e in edges
    ]
    return {"width": width, "height": height, "nodes": nodes, "edges": lines}


def _layout(n: int, edges: list[tuple[int, int, float]], seed: int, steps: int = 300, gravity: float = 0.6) -> np.ndarray:
    """Fruchterman–Reingold starting from a seeded circle, with a pull to the centre that keeps
    separate components from drifting apart."""
    rng = np.random.default_rng(seed)
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.c_[np.cos(angle), np.sin(angle)] * 0.5 + rng.normal(0, 0.01, (n, 2))
    k = 1.0 / math.sqrt(n)
    weights = np.zeros((n, n))
    for a, b, w in edges:
        weights[a, b] = weights[b, a] = math.log1p(w)
    temp = 0.1
    for _ in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=-1) + 1e-9
        force = (k * k / dist**2 - weights * dist / k)[:, :, None] * delta
        disp = force.sum(axis=1) - gravity * pos * np.linalg.norm(pos, axis=1)[:, None] / k
        length = np.linalg.norm(disp, axis=1)[:, None] + 1e-9
        pos += disp / length * np.minimum(length, temp)
        pos -= pos.mean(axis=0)
        temp *= 0.985
    return pos
