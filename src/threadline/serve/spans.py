"""Cut a document's text into segments, each carrying the kinds and records of the spans that cover it."""

from __future__ import annotations

from typing import Any

from .formats import when


def pieces(spans: dict[str, list[dict[str, Any]]]) -> list[tuple[int, int, str, str, str]]:
    """(start, end, css kind, record id, description) for every highlighted piece of every record."""
    out: list[tuple[int, int, str, str, str]] = []
    for v in spans.get("mention", []):
        ent = v["entity"]
        out.append((v["start"], v["end"], "mention", v["id"], f"mention: {ent['name']} ({ent['type']})" if ent else f"mention: {v['label']}"))
    for v in spans.get("attribution", []):
        who = (v["speaker"] or {}).get("name") or (v["source"] or {}).get("text") or "unnamed source"
        out.append((v["start"], v["end"], "attribution", v["id"], f"{v['type'] or 'attribution'} attribution to {who}"))
        for role in ("cue", "source"):
            if v[role]:
                out.append((v[role]["start"], v[role]["end"], f"attribution-{role}", v["id"], f"attribution {role}: {v[role]['text']}"))
    for v in spans.get("timex", []):
        out.append((v["start"], v["end"], "timex", v["id"], f"date: {when(v['value'])}"))
    for v in spans.get("figure", []):
        out.append((v["start"], v["end"], "figure", v["id"], f"figure: {v['text']} — {v['measure'] or 'unclassified'}, claimed by {v['claimant']['name']}"))
    for v in spans.get("event", []):
        trigger = v["trigger"] or {"start": v["start"], "end": v["end"]}
        out.append((trigger["start"], trigger["end"], "event", v["id"], f"event: {v['type']} ({when(v['time'])})"))
    for v in spans.get("indicator", []):
        out.append((v["start"], v["end"], "indicator", v["id"], f"indicator: {v['label']}"))
    return out


def segments(text: str, spans: dict[str, list[dict[str, Any]]], highlight: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """Consecutive segments of `text`; each lists the css kinds, record ids and descriptions covering it.

    The first segment inside `highlight` is flagged `anchor` (the page puts
    id="evidence" on it, so an evidence link scrolls there).
    """
    marks = [p for p in pieces(spans) if 0 <= p[0] < p[1] <= len(text)]
    if highlight and 0 <= highlight[0] < highlight[1] <= len(text):
        marks.append((highlight[0], highlight[1], "evidence", "", "evidence"))
    cuts = sorted({0, len(text)} | {p[0] for p in marks} | {p[1] for p in marks})
    starts: dict[int, list[int]] = {}
    for i, p in enumerate(marks):
        starts.setdefault(p[0], []).append(i)
    active: set[int] = set()
    out: list[dict[str, Any]] = []
    anchored = False
    for a, b in zip(cuts, cuts[1:]):
        active = {i for i in active if marks[i][1] > a} | set(starts.get(a, ()))
        covering = sorted(active, key=lambda i: (marks[i][0], -marks[i][1], marks[i][2]))
        kinds = sorted({marks[i][2] for i in covering})
        anchor = "evidence" in kinds and not anchored
        anchored = anchored or anchor
        out.append(
            {
                "text": text[a:b],
                "kinds": kinds,
                "ids": sorted({marks[i][3] for i in covering if marks[i][3]}),
                "title": "; ".join(dict.fromkeys(marks[i][4] for i in covering if marks[i][2] != "evidence")),
                "anchor": anchor,
            }
        )
    return out
