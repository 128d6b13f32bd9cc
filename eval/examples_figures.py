"""Check figures, dates and conflicts on the example corpus against its hand-written truth files.

Usage: python eval/examples_figures.py EXAMPLES_DIR [--verbose]

EXAMPLES_DIR holds corpus/ and gold/ (figures.jsonl, timexes.jsonl,
conflicts.toml). The corpus is run into a temporary store. A gold item is
found where its text first occurs in its document; a system item overlapping
it is its match. Printed:
- figures: recall and precision of spans, then, over matches, how often value,
  hedge, unit, claimant (a word of the gold claimant in ours) and as-of date
  (one a prefix of the other) agree;
- timexes: recall and value accuracy;
- the planted conflict (its claims in one quantity that is flagged), the
  planted update (its figures in one quantity, no conflict between them) and
  the near-misses (no conflict between their figures).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path

import threadline
from threadline.read.ledger import export_figures, export_quantities, export_timexes

SAME_HEDGE = {"as many as": "up to", "range": "exact"}


def singular(word: str | None) -> str:
    word = (word or "").lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "cities"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def doc_index(store) -> dict[str, tuple[str, str]]:
    """Gold file name ("x.txt", "batch.jsonl:2") -> (doc id, text)."""
    out = {}
    for r in store.query("SELECT d.id, d.text, s.source_path, s.source_line FROM documents d JOIN document_sources s ON s.doc_id = d.id"):
        name = Path(r["source_path"]).name
        if r["source_line"]:
            name = f"{name}:{r['source_line']}"
        out[name] = (r["id"], r["text"])
    return out


def locate(docs, file: str, text: str) -> tuple[str, int, int] | None:
    if file not in docs:
        return None
    doc, body = docs[file]
    i = body.find(text)
    return (doc, i, i + len(text)) if i >= 0 else None


def overlapping(items: list[dict], where: tuple[str, int, int] | None) -> dict | None:
    if where is None:
        return None
    doc, s, e = where
    hits = [x for x in items if x["doc"] == doc and x["start"] < e and s < x["end"]]
    return min(hits, key=lambda x: abs(x["start"] - s)) if hits else None


def matches(path: Path, items: list[dict], docs, what: str, verbose: bool):
    """(gold item, our item) for each gold line of `path` we found; misses are printed with --verbose."""
    gold = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    out = []
    for g in gold:
        ours = overlapping(items, locate(docs, g["file"], g["text"]))
        if ours is None and verbose:
            print(f"  missed {what}:", g["file"], repr(g["text"]))
        if ours is not None:
            out.append((g, ours))
    return gold, out


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.0%})" if d else "0/0"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("examples_dir")
    ap.add_argument("--verbose", action="store_true", help="Print every disagreement.")
    args = ap.parse_args(argv)
    base = Path(args.examples_dir)
    gold_dir = base / "gold"
    with tempfile.TemporaryDirectory() as tmp, threadline.open(Path(tmp) / "examples.db") as corpus:
        corpus.run([str(base / "corpus")], report=str(Path(tmp) / "report.html"))
        store = corpus.store
        docs = doc_index(store)
        figures = list(export_figures(store))
        timexes = list(export_timexes(store))
        quantities = {q["id"]: q for q in export_quantities(store)}
        names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM entities")}
        claimant_names = {
            f"f-{r['doc_id']}-{r['seq']}": r["claimant_name"] or "" for r in store.query("SELECT doc_id, seq, claimant_name FROM figure_facts")
        }
    ok = True

    gold, found_figures = matches(gold_dir / "figures.jsonl", figures, docs, "figure", args.verbose)
    found, agree = len(found_figures), {"value": 0, "hedge": 0, "unit": 0, "claimant": 0, "as_of": 0}
    matched_ids = {f["id"] for _, f in found_figures}
    for g, f in found_figures:
        checks = {
            "value": f["value"] is not None and abs(f["value"] - g["value"]) <= 1e-6 * max(1, abs(g["value"])),
            "hedge": SAME_HEDGE.get(f["qualifier"], f["qualifier"]) == SAME_HEDGE.get(g["qualifier"], g["qualifier"]),
            "unit": singular(f["unit"]) == singular(g["unit"]) or (g["unit"] == "people" and f["unit"] == "people"),
            "claimant": any(w.lower().strip(".,") in (claimant_names.get(f["id"], "") + " " + names.get(f["claimant"] or "", "")).lower()
                            for w in g["claimant"].replace("(", " ").replace(")", " ").split() if len(w) > 3),
            "as_of": (g["as_of"] is None and f["as_of"] is None) or bool(g["as_of"] and f["as_of"] and (f["as_of"].startswith(g["as_of"]) or g["as_of"].startswith(f["as_of"]))),
        }
        for k, v in checks.items():
            agree[k] += v
            if not v and args.verbose:
                print(f"  {k} differs: {g['file']} {g['text']!r}: gold {g.get(k if k not in ('hedge',) else 'qualifier')!r}"
                      f" / ours {({'hedge': f['qualifier'], 'claimant': claimant_names.get(f['id'])}).get(k, f.get(k))!r}")
    gold_docs = {docs[g["file"]][0] for g in gold if g["file"] in docs}
    in_scope = [f for f in figures if f["doc"] in gold_docs]
    print(f"figures: recall {pct(found, len(gold))}, precision {pct(len(matched_ids), len(in_scope))} (of ours in the documents the gold covers)")
    for k, v in agree.items():
        print(f"  {k:<9} agrees on {pct(v, found)}")

    tgold, found_timexes = matches(gold_dir / "timexes.jsonl", timexes, docs, "timex", args.verbose)
    t_found, t_value = len(found_timexes), 0
    for g, t in found_timexes:
        same = (t["value"] or "") == g["value"]
        t_value += same
        if not same and args.verbose:
            print(f"  timex value differs: {g['file']} {g['text']!r}: gold {g['value']} / ours {t['value']}")
    print(f"timexes: recall {pct(t_found, len(tgold))}, value accuracy {pct(t_value, t_found)}")

    planted = tomllib.loads((gold_dir / "conflicts.toml").read_text("utf-8"))

    def fig_of(file: str, text: str) -> dict | None:
        return overlapping(figures, locate(docs, file, text))

    def conflicts_between(ids: set[str]) -> list[dict]:
        return [f for q in quantities.values() for f in q["findings"] if f["kind"] == "conflict" and set(f["figures"]) <= ids]

    for c in planted.get("conflict", []):
        figs = [fig_of(x["file"], x["text"]) for x in c["claims"]]
        qs = {f["quantity"] for f in figs if f}
        flagged = len(qs) == 1 and None not in qs and quantities[qs.pop()]["conflict"] and all(figs)
        ok &= bool(flagged)
        print(f"conflict {c['measure']!r}: {'flagged' if flagged else 'NOT flagged'} ({sum(1 for f in figs if f)}/{len(figs)} claims found)")
    for u in planted.get("update", []):
        figs = [fig_of(x["file"], x["text"]) for x in u["series"]]
        ids = {f["id"] for f in figs if f}
        qs = {f["quantity"] for f in figs if f}
        clean = not conflicts_between(ids)
        ok &= clean
        print(f"update {u['measure']!r}: {'not a conflict' if clean else 'WRONGLY a conflict'};"
              f" {len(ids)}/{len(figs)} figures found, in {len(qs)} quantit{'y' if len(qs) == 1 else 'ies'}")
    for n in planted.get("not_conflict", []):
        ids = set()
        for text in n["texts"]:
            for file in n["files"]:
                f = fig_of(file, text)
                if f:
                    ids.add(f["id"])
        clean = not conflicts_between(ids)
        ok &= clean
        print(f"near-miss {n['texts'][:2]}…: {'not a conflict' if clean else 'WRONGLY a conflict'} ({len(ids)} figures found)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
