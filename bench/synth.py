"""Synthetic corpora at scale, derived from the bundled example corpus.

Usage:
  python bench/synth.py base                           # analyse the example corpus (real spaCy), print the base store
  python bench/synth.py jsonl -n 100000 -o DIR [--shard 5000] [--after DAY]   # JSON Lines for `threadline ingest` / `run`
  python bench/synth.py store -n 50000 -o FILE.db      # an analysed store, records cloned, no parsing
  python bench/synth.py verify FILE.db                 # re-check a cloned store read back from SQLite
  python bench/synth.py calibrate FILE.db              # vocabulary and candidate pairs per document, any store

What is real and what is cloned:

- real: the base. The example corpus (`examples/corpus`, hand-written
  articles) is ingested and analysed once with the real pipeline (spaCy and
  every extractor component); that store is cached.
- synthetic: every generated document is derived from one base document by
  edits whose effect on offsets is computed exactly (a piece table): a unique
  reference line on top (shifts every offset), whole sentences and paragraphs
  dropped (records inside them go, records crossing the cut go too),
  paragraphs reordered (records crossing a moved boundary go), person names
  replaced (story-wide, token by token: kept, swapped with another name of the
  corpus, or an invented one drawn Zipf-like from a large pool), a country
  name swapped for another country of the corpus (with its code), plain-digit
  figures changed (value updated), a share of ordinary lower-case words
  replaced by invented words drawn Zipf-like from a large pool (the vocabulary
  of a real corpus grows with its size; 16 base articles alone would make
  every clone share every term), publish dates shifted by whole weeks (dates
  resolved relative to the publish date move with it: days and weeks by the
  shift, months and years by the calendar difference).
- cloned: the records (mentions, attributions, timexes, figures, events,
  indicators) of the base document, with offsets mapped through the edits,
  record-to-record references (seq numbers) renumbered, and the analyses rows
  of the base (component versions), so that `analyze` sees nothing to do and
  `resolve`, `serve`, `export` see an analysed store. The cloned records are
  not what spaCy would find in the edited text: the reference line carries no
  records, and an invented word is never a mention.

Documents come in synthetic stories (one base, one date shift, one name and
word map): an original, syndicated copies (near-duplicates: same sentences,
a new reference line and outlet) and rewrites (their own drops, reorder and a
few words of their own). Everything is deterministic from the seed, and the
first n documents of a run of N > n are the documents of a run of n.

Every cloned record is verified as it is made: each of its spans (the record
and the spans in its data: cue, source, trigger, arguments, measure) must read,
in the new text, exactly the base text under the same edits; a substituted
mention must read its new name, a changed figure its new value; references
must point at records of the right kind. `verify` re-checks a store from
SQLite (bounds, mention names, figure values, references).
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SYNTH_VERSION = 1
REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
KINDS = ("mention", "reference", "attribution", "timex", "figure", "event", "indicator")
# what `threadline resolve` writes: emptied, a store is resolved from scratch by its next resolve
RESOLVE_TABLES = (
    "mention_entities", "entities", "entity_documents", "mention_keys", "keyed_documents", "entity_units",
    "figure_facts", "quantities", "claims_pending", "story_documents", "stories", "fingerprints",
    "cooccurrence", "cooccurrence_sentences",
)


def resolve_tables(db: sqlite3.Connection) -> list[str]:
    """The `RESOLVE_TABLES` this store has (a store of an earlier schema lacks the later ones)."""
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in RESOLVE_TABLES if t in have]
# Which record kind each reference in a record's data points at.
REFS = {
    "reference": {"entity": "mention"},
    "attribution": {"parent": "attribution", "source_mention": "mention", "speaks_for": "mention"},
    "figure": {"timex": "timex", "earlier_of": "figure"},
    "event": {"attribution": "attribution", "figure": "figure"},
    "indicator": {"event": "event", "mention": "mention"},
}


def machine() -> str:
    import spacy

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, spaCy {spacy.__version__}"


def work_dir(path: str | Path | None = None) -> Path:
    out = Path(path) if path else Path(tempfile.gettempdir()) / "threadline-bench"
    out.mkdir(parents=True, exist_ok=True)
    return out


# -- the real base: the example corpus, analysed once ----------------------------------
def _base_key(files: list[Path]) -> str:
    import threadline
    from threadline.analyze import pipeline
    from threadline.config import load

    h = hashlib.sha256()
    h.update(threadline.__version__.encode())
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    from threadline.domain import load_pack

    cfg = load()

    options = {"domain": load_pack(cfg["analyze"]["domain"])}
    for comp in pipeline():
        h.update(f"{comp.name}:{comp.stamp(options)}".encode())
    h.update(cfg["analyze"]["model"].encode())
    return h.hexdigest()[:12]


def build_base(work: str | Path | None = None, files: list[Path] | None = None) -> Path:
    """The example corpus (or `files`) ingested and analysed with the real pipeline; cached by content and versions."""
    import threadline

    files = sorted(files) if files else sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    path = work_dir(work) / f"base-{_base_key(files)}.db"
    if path.is_file():
        return path
    tmp = path.with_name(path.stem + f".{os.getpid()}.tmp.db")
    inputs = Path(tempfile.mkdtemp(prefix="tl-base-"))
    for f in files:
        shutil.copy(f, inputs / f.name)
    with threadline.open(tmp) as corpus:
        corpus.ingest([str(inputs)])
        corpus.analyze(workers=1)
        corpus.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.rmtree(inputs, ignore_errors=True)
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return path


# -- base documents ----------------------------------------------------------------------
@dataclass
class Rec:
    kind: str
    seq: int
    start: int
    end: int
    data: dict[str, Any]


@dataclass
class Base:
    row: dict[str, Any]
    text: str
    records: dict[str, list[Rec]]
    analyses: list[tuple[str, int, str, str | None]]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    para: list[int] = field(default_factory=list)  # paragraph index of each sentence
    endpoints: list[int] = field(default_factory=list)  # every span end point of every record, sorted
    words: list[tuple[int, int, str]] = field(default_factory=list)  # replaceable lower-case words
    person_mentions: list[tuple[int, int, list[str]]] = field(default_factory=list)  # (start, end, tokens)
    countries: dict[str, list[Rec]] = field(default_factory=dict)  # plain country-name mentions by text
    numbers: dict[int, tuple[int, int, int, bool]] = field(default_factory=dict)  # figure seq -> (a, b, value, commas)


SPAN_FIELDS = {"reference": {"head"}, "attribution": {"cue", "source", "judged"}, "event": {"trigger"}, "figure": {"measure", "owner"}}
INT_FIELDS = {"reference": {"chain", "entity"}, "attribution": {"parent", "source_mention", "speaks_for"}, "figure": {"timex", "earlier_of"}, "event": {"attribution", "figure", "args.*.mention", "args.*.start", "args.*.end", "time.timex"}, "indicator": {"event", "mention"}}


def check_schema(kind: str, data: dict[str, Any], path: str = "") -> None:
    """Refuse record data with offsets or references this generator does not know how to move."""
    for key, value in data.items():
        here = f"{path}{key}"
        generic = re.sub(r"^args\.[^.]+\.", "args.*.", here)
        if isinstance(value, dict):
            check_schema(kind, value, here + ".")
        elif isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            if here not in SPAN_FIELDS.get(kind, set()):
                raise ValueError(f"{kind} data field {here!r} looks like a span; teach bench/synth.py to map it")
        elif isinstance(value, int) and not isinstance(value, bool) and generic not in INT_FIELDS.get(kind, set()):
            raise ValueError(f"{kind} data field {here!r} is an integer (offset or reference?); teach bench/synth.py to map it")


def spans_of(rec: Rec) -> list[tuple[str, int, int]]:
    """(label, start, end) of the record and of every span in its data."""
    out = [("record", rec.start, rec.end)]
    d = rec.data
    if rec.kind == "attribution":
        for key in ("cue", "source", "judged"):
            if d.get(key):
                out.append((key, d[key][0], d[key][1]))
        for k, (a, b) in enumerate(d.get("source_chain") or []):
            out.append((f"chain{k}", a, b))
    elif rec.kind == "event":
        if d.get("trigger"):
            out.append(("trigger", d["trigger"][0], d["trigger"][1]))
        for role, arg in sorted((d.get("args") or {}).items()):
            out.append(("arg:" + role, arg["start"], arg["end"]))
    elif rec.kind == "figure":
        for key in ("measure", "owner"):
            if d.get(key):
                out.append((key, d[key][0], d[key][1]))
    elif rec.kind == "reference":
        out.append(("head", d["head"][0], d["head"][1]))
    return out


_NUMBER = re.compile(r"(?P<pre>(?:[A-Za-z]+ ){0,3})(?P<num>\d{1,3}(?:,\d{3})+|\d+)")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
_NAME_TOKEN = re.compile(r"[A-Z][a-zà-ÿ]+(?:-[a-z]+)?")
_PARA_BREAK = re.compile(r"\n[ \t]*\n")


def load_bases(path: str | Path) -> list[Base]:
    from spacy.lang.en.stop_words import STOP_WORDS
    from threadline.sentences import sentence_spans
    from threadline.store import Store

    bases = []
    with Store(path, readonly=True) as store:
        docs = [dict(r) for r in store.query("SELECT * FROM documents WHERE language = 'en' ORDER BY rowid")]
        for row in docs:
            recs: dict[str, list[Rec]] = {k: [] for k in KINDS}
            for r in store.query("SELECT kind, seq, start, end, data FROM records WHERE doc_id = ? ORDER BY kind, seq", (row["id"],)):
                data = json.loads(r["data"])
                check_schema(r["kind"], data)
                recs.setdefault(r["kind"], []).append(Rec(r["kind"], r["seq"], r["start"], r["end"], data))
            analyses = [
                (a["component"], a["version"], a["status"], a["message"])
                for a in store.query("SELECT component, version, status, message FROM analyses WHERE doc_id = ? ORDER BY component", (row["id"],))
            ]
            bases.append(Base(row, row["text"], recs, analyses))
    for b in bases:
        text = b.text
        b.sentences = sentence_spans(text)
        breaks = [m.start() for m in _PARA_BREAK.finditer(text)]
        b.para = [bisect.bisect_right(breaks, s) for s, _ in b.sentences]
        points: list[int] = []
        protected: list[tuple[int, int]] = []
        for kind, kind_recs in b.records.items():
            for one in kind_recs:
                for label, s, e in spans_of(one):
                    points += [s, e]
                    if kind in ("mention", "figure", "timex", "indicator") or label in ("cue", "source", "trigger", "measure", "owner"):
                        protected.append((s, e))
        b.endpoints = sorted(points)
        protected.sort()
        starts = [s for s, _ in protected]
        reach = []  # running max of protected ends, for "is this offset inside a protected span"
        top = -1
        for _, e in protected:
            top = max(top, e)
            reach.append(top)

        def covered(a: int, z: int) -> bool:
            i = bisect.bisect_left(starts, z) - 1
            return i >= 0 and reach[i] > a

        for wm in _LOWER_WORD.finditer(text):
            w = wm.group()
            if w not in STOP_WORDS and not covered(wm.start(), wm.end()) and not _inside_endpoint(b.endpoints, wm.start(), wm.end()):
                b.words.append((wm.start(), wm.end(), w))
        for ment in b.records["mention"]:
            mtext = text[ment.start : ment.end]
            if ment.data.get("label") == "PERSON":
                b.person_mentions.append((ment.start, ment.end, mtext.split(" ")))
            elif ment.data.get("label") == "GPE" and ment.data.get("country") and not ment.data.get("rule"):
                b.countries.setdefault(mtext, []).append(ment)
        timex_spans = [(r.start, r.end) for r in b.records["timex"]]
        for fig in b.records["figure"]:
            d = fig.data
            m = _NUMBER.fullmatch(text[fig.start : fig.end])
            if not m or d.get("low") is not None or d.get("high") is not None or d.get("currency") or d.get("value") is None:
                continue
            value = int(m.group("num").replace(",", ""))
            if value != d["value"] or value < 10 or 1900 <= value <= 2100:
                continue
            a = fig.start + len(m.group("pre"))
            if any(s < fig.end and a < e for s, e in timex_spans) or _inside_endpoint(b.endpoints, a, fig.end):
                continue
            b.numbers[fig.seq] = (a, fig.end, value, "," in m.group("num"))
    return bases


def _inside_endpoint(points: list[int], a: int, z: int) -> bool:
    """True if some span starts or ends strictly inside (a, z): replacing [a, z) would cut it."""
    i = bisect.bisect_right(points, a)
    return i < len(points) and points[i] < z


# -- invented vocabulary -------------------------------------------------------------------
_ONSETS = "b c d f g h j k l m n p r s t v z br dr gr kr tr st sh ch pl".split()
_NUCLEI = "a e i o u ai ei ou ia".split()
_SYL = [o + n for o in _ONSETS for n in _NUCLEI]
_CODAS = ["", "n", "r", "s", "l", "k", "m", "v"]


def pseudo_word(rank: int, syllables: int) -> str:
    """A pronounceable word, one per rank: `syllables` syllables for the first ranks (scrambled, so
    neighbouring ranks do not look alike), more beyond."""
    cap = len(_SYL) ** syllables
    n, width = ((rank * 7919 + 1) % cap, syllables) if rank < cap else (rank, 0)
    parts: list[str] = []
    while n or len(parts) < width:
        n, d = divmod(n, len(_SYL))
        parts.append(_SYL[d])
    return "".join(reversed(parts)) + _CODAS[rank % len(_CODAS)]


def zipf_rank(rng: random.Random, pool: int) -> int:
    """A rank in [0, pool) with P(r) ~ 1/(r+1): a few very common, a long tail."""
    return int(pool ** rng.random()) - 1


WORD_POOL = 500_000
NAME_POOL = 100_000


# -- stories and edits ----------------------------------------------------------------------
@dataclass
class Params:
    words: float = 0.7  # share of a story's replaceable word types replaced by invented words (calibrated, see docs/performance.md)
    rewrite_words: float = 0.1  # more, per rewrite
    person_keep: float = 0.35
    person_swap: float = 0.15  # else invented
    country_swap: float = 0.25
    figure_change: float = 0.6
    figure_redraw: float = 0.15  # per document: another value for the same figure (a disagreeing report)
    drop_paragraph: float = 0.12
    drop_sentence: float = 0.15
    reorder: float = 0.3
    copy: float = 0.35  # share of a story's other documents that are syndicated copies
    single: float = 0.5  # share of stories with one document
    outlets: int = 400


@dataclass
class Story:
    id: int
    base: Base
    rng: random.Random
    shift: int  # days, a multiple of 7
    names: dict[str, str]
    country: tuple[str, str, str] | None  # (old text, new text, new code)
    multipliers: dict[int, float]
    words: dict[str, str]
    size: int


@dataclass
class Synth:
    id: str
    text: str
    row: dict[str, Any]
    records: dict[str, list[Rec]]
    analyses: list[tuple[str, int, str, str | None]]
    stats: Counter[str]


class Corpus:
    """The base documents plus what stories draw from them."""

    def __init__(self, bases: list[Base], params: Params | None = None, after: date | None = None) -> None:
        from threadline.extract.mentions import rules

        self.bases = bases
        self.params = params or Params()
        self.after = after  # every dated document published in the week after this day (a feed's latest)
        self.titles = set(rules()["person_titles"])
        tokens: set[str] = set()
        countries = {}
        for b in bases:
            for _, _, toks in b.person_mentions:
                tokens.update(t for t in toks if _NAME_TOKEN.fullmatch(t) and t.lower() not in self.titles)
            for text, recs in b.countries.items():
                countries[text] = recs[0].data["country"]
        self.name_tokens = sorted(tokens)
        self.countries = sorted(countries.items())
        rng = random.Random("threadline-synth-outlets")
        self.outlets = [b.row["outlet"] for b in bases if b.row["outlet"]]
        while len(self.outlets) < self.params.outlets:
            name = " ".join(w.capitalize() for w in (pseudo_word(rng.randrange(10**6), 2), rng.choice(_OUTLET_NOUNS)))
            self.outlets.append(("The " if rng.random() < 0.3 else "") + name)

    def story(self, seed: int, sid: int) -> Story:
        p = self.params
        rng = random.Random(f"{seed}/story/{sid}")
        base = self.bases[rng.randrange(len(self.bases))]
        size = 1 if rng.random() < p.single else min(12, 2 + int(rng.expovariate(0.5)))
        names: dict[str, str] = {}
        for toks in sorted({t for _, _, ts in base.person_mentions for t in ts}):
            if not _NAME_TOKEN.fullmatch(toks) or toks.lower() in self.titles:
                continue
            u = rng.random()
            if u < p.person_keep:
                continue
            if u < p.person_keep + p.person_swap and self.name_tokens:
                names[toks] = rng.choice(self.name_tokens)
            else:
                names[toks] = pseudo_word(zipf_rank(rng, NAME_POOL), 2).capitalize()
        country = None
        if base.countries and rng.random() < p.country_swap:
            old = rng.choice(sorted(base.countries))
            new, code = rng.choice(self.countries)
            if new != old:
                country = (old, new, code)
        multipliers = {seq: rng.uniform(0.5, 1.6) for seq in sorted(base.numbers) if rng.random() < p.figure_change}
        types = sorted({w for _, _, w in base.words})
        words = {w: pseudo_word(zipf_rank(rng, WORD_POOL), 3) for w in types if rng.random() < p.words}
        shift = 7 * rng.randint(-150, 60)
        if self.after is not None and base.row["published"]:  # the base's date moved into the week after `after`
            shift = 7 * ((self.after - date.fromisoformat(base.row["published"][:10])).days // 7 + 1)
        return Story(sid, base, rng, shift, names, country, multipliers, words, size)


_OUTLET_NOUNS = "Herald Courier Post Times Wire Dispatch Observer Ledger Chronicle Monitor Gazette Tribune Bulletin Review Report".split()


def generate(corpus: Corpus, n: int, seed: int = 0) -> Iterator[Synth]:
    """`n` synthetic documents, story after story."""
    made = 0
    sid = 0
    while made < n:
        story = corpus.story(seed, sid)
        original: tuple[list[int], list[int]] | None = None
        for k in range(story.size):
            if made >= n:
                break
            if k == 0:
                role = "original"
            else:
                role = "copy" if story.rng.random() < corpus.params.copy else "rewrite"
            doc, layout = clone(corpus, story, k, role, original)
            if k == 0:
                original = layout
            made += 1
            yield doc
        sid += 1


def _layout(base: Base, rng: random.Random, p: Params) -> tuple[list[int], list[int]]:
    """(kept sentence indexes, paragraph order): the headline paragraph stays first and whole."""
    paras: dict[int, list[int]] = defaultdict(list)
    for i, para in enumerate(base.para):
        paras[para].append(i)
    order = sorted(paras)
    kept: list[int] = []
    body = []
    for para in order:
        sents = paras[para]
        if para == order[0]:
            kept += sents
            continue
        if rng.random() < p.drop_paragraph:
            continue
        chosen = [i for i in sents if rng.random() >= p.drop_sentence]
        if chosen:
            kept += chosen
            body.append(para)
    if len(body) > 2 and rng.random() < p.reorder:
        i = rng.randrange(len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    return kept, [order[0], *body]


class Pieces:
    """The new text as pieces: copies of base ranges, or literals replacing a base range (or none)."""

    def __init__(self) -> None:
        self.src: list[tuple[int, int] | None] = []
        self.lit: list[str | None] = []
        self.new: list[int] = []
        self.length = 0

    def copy(self, a: int, z: int) -> None:
        if a >= z:
            return
        if self.src and self.lit[-1] is None and self.src[-1] is not None and self.src[-1][1] == a:
            self.src[-1] = (self.src[-1][0], z)  # contiguous: extend
            self.length += z - a
            return
        self.src.append((a, z))
        self.lit.append(None)
        self.new.append(self.length)
        self.length += z - a

    def literal(self, text: str, replaces: tuple[int, int] | None) -> None:
        self.src.append(replaces)
        self.lit.append(text)
        self.new.append(self.length)
        self.length += len(text)

    def text(self, base: str) -> str:
        return "".join(lit if lit is not None else base[s[0] : s[1]] for s, lit in zip(self.src, self.lit))  # type: ignore[index]

    def index(self) -> None:
        keyed = sorted((s[0], s[1], i) for i, s in enumerate(self.src) if s is not None)
        self._starts = [k[0] for k in keyed]
        self._keyed = keyed

    def _find(self, p: int, as_end: bool) -> int | None:
        """The piece holding base offset p as a span start (or end), or None if it was cut."""
        i = bisect.bisect_right(self._starts, p - 1 if as_end else p) - 1
        if i < 0:
            return None
        a, z, idx = self._keyed[i]
        if self.lit[idx] is not None:  # a literal maps only the ends of the range it replaces
            return idx if (p == z if as_end else p == a) else None
        return idx if (a < p <= z if as_end else a <= p < z) else None

    def map(self, s: int, e: int) -> tuple[int, int, int, int] | None:
        """New (start, end) of base span [s, e), and the piece range, if it survives whole."""
        if s == e:
            i = self._find(s, False)
            if i is None:
                i = self._find(e, True)
            if i is None:
                return None
            j = i
        else:
            found_i, found_j = self._find(s, False), self._find(e, True)
            if found_i is None or found_j is None or found_j < found_i:
                return None
            i, j = found_i, found_j
        for k in range(i, j):
            left, right = self.src[k], self.src[k + 1]
            if left is None or right is None or left[1] != right[0]:
                return None
        return self._at(i, s), self._at(j, e), i, j

    def _at(self, idx: int, p: int) -> int:
        a, z = self.src[idx]  # type: ignore[misc]
        if self.lit[idx] is not None:
            return self.new[idx] + (0 if p == a else len(self.lit[idx]))  # type: ignore[arg-type]
        return self.new[idx] + p - a

    def expected(self, base: str, s: int, e: int, i: int, j: int) -> str:
        """What base span [s, e) should read after the edits, from the pieces alone."""
        out = []
        for k in range(i, j + 1):
            a, z = self.src[k]  # type: ignore[misc]
            lit = self.lit[k]
            out.append(lit if lit is not None else base[max(s, a) : min(e, z)])
        return "".join(out)


def _format(value: int, commas: bool) -> str:
    return f"{value:,}" if commas else str(value)


def _round_like(value: float, like: int) -> int:
    digits = str(like)
    zeros = len(digits) - len(digits.rstrip("0"))
    step = 10 ** min(zeros, max(0, len(str(int(value))) - 1))
    return max(1, int(round(value / step)) * step)


def clone(corpus: Corpus, story: Story, k: int, role: str, original: tuple[list[int], list[int]] | None) -> tuple[Synth, tuple[list[int], list[int]]]:
    base, p, rng = story.base, corpus.params, story.rng
    text = base.text
    stats: Counter[str] = Counter()
    if role == "copy" and original is not None:
        kept = [i for i in original[0] if base.para[i] == base.para[0] or rng.random() >= 0.03]
        order = original[1]
        layout = (kept, order)
    else:
        layout = _layout(base, rng, p)
        kept, order = layout
    words = dict(story.words)
    if role == "rewrite":
        for w in sorted({w for _, _, w in base.words} - set(words)):
            if rng.random() < p.rewrite_words:
                words[w] = pseudo_word(zipf_rank(rng, WORD_POOL), 3)
    # replacements: base range -> literal
    repl: dict[int, tuple[int, str]] = {}
    starts: list[int] = []

    def put(a: int, z: int, new: str, what: str) -> None:
        if text[a:z] == new or _inside_endpoint(base.endpoints, a, z):
            return
        i = bisect.bisect_left(starts, a)  # no overlap with earlier choices
        if (i < len(starts) and starts[i] < z) or (i > 0 and repl[starts[i - 1]][0] > a):
            return
        starts.insert(i, a)
        repl[a] = (z, new)
        stats[what] += 1

    for s, e, toks in base.person_mentions:
        renamed = [story.names.get(t, t) for t in toks]
        if renamed != toks:
            put(s, e, " ".join(renamed), "names replaced")
    country_recs = set()
    if story.country:
        old, new, code = story.country
        for rec in base.countries.get(old, []):
            put(rec.start, rec.end, new, "countries swapped")
            if rec.start in repl:
                country_recs.add(rec.seq)
    values: dict[int, int] = {}
    for seq, (a, z, value, commas) in sorted(base.numbers.items()):
        mult = story.multipliers.get(seq)
        if role != "copy" and rng.random() < p.figure_redraw:
            mult = rng.uniform(0.5, 1.6)
        if mult is None:
            continue
        new_value = _round_like(value * mult, value)
        if new_value != value:
            put(a, z, _format(new_value, commas), "figures changed")
            if a in repl:
                values[seq] = new_value
    replaced = 0
    for a, z, w in base.words:  # outside every protected span, so never overlapping the edits above
        if w in words:
            repl[a] = (z, words[w])
            replaced += 1
    stats["words replaced"] += replaced
    starts = sorted(repl)
    # lay out the pieces
    ref = f"Ref. S{story.id:06d}-{k}"
    pieces = Pieces()
    pieces.literal(ref + "\n\n", None)
    by_para: dict[int, list[int]] = defaultdict(list)
    for i in sorted(kept):
        by_para[base.para[i]].append(i)
    sequence = [i for para in order for i in by_para[para]]
    for n_i, i in enumerate(sequence):
        s, e = base.sentences[i]
        cur = s
        j = bisect.bisect_left(starts, s)
        while j < len(starts) and starts[j] < e:
            a = starts[j]
            z, lit = repl[a]
            if z > e:
                break
            pieces.copy(cur, a)
            pieces.literal(lit, (a, z))
            cur = z
            j += 1
        pieces.copy(cur, e)
        if n_i + 1 < len(sequence):
            nxt = sequence[n_i + 1]
            if nxt == i + 1:
                pieces.copy(e, base.sentences[nxt][0])  # the base's own gap: spans across it survive
            elif base.para[nxt] == base.para[i] and i + 1 < len(base.sentences):
                pieces.copy(e, base.sentences[i + 1][0])
            else:
                pieces.literal("\n\n", None)
    new_text = pieces.text(text)
    pieces.index()
    # records
    mapped: dict[str, list[tuple[Rec, dict[str, tuple[int, int]]]]] = {}
    for kind in KINDS:
        out = []
        for rec in base.records.get(kind, []):
            spans = {}
            for label, s, e in spans_of(rec):
                got = pieces.map(s, e)
                if got is None:
                    break
                ns, ne, i, j = got
                want = pieces.expected(text, s, e, i, j)
                if new_text[ns:ne] != want:
                    raise AssertionError(f"{kind} {rec.seq} {label}: {new_text[ns:ne]!r} != {want!r}")
                spans[label] = (ns, ne)
            else:
                out.append((rec, spans))
                continue
            stats[f"{kind}s dropped"] += 1
        out.sort(key=lambda x: (x[1]["record"][0], x[1]["record"][1], x[0].seq))
        mapped[kind] = out
    renumber = {kind: {rec.seq: i for i, (rec, _) in enumerate(out)} for kind, out in mapped.items()}
    published, precision = _shift_published(base.row, story.shift, rng)
    records: dict[str, list[Rec]] = {}
    new_timex: dict[int, dict[str, Any]] = {}
    for kind in KINDS:
        recs: list[Rec] = []
        for rec, spans in mapped[kind]:
            data = _copy(rec.data)
            for key, target in REFS.get(kind, {}).items():
                if data.get(key) is not None:
                    data[key] = renumber[target].get(data[key])
            if kind == "mention" and rec.seq in country_recs:
                data["country"] = story.country[2]  # type: ignore[index]
            elif kind == "reference":
                data["head"] = list(spans["head"])
            elif kind == "attribution":
                for key in ("cue", "source", "judged"):
                    if data.get(key):
                        data[key] = list(spans[key])
                data["source_chain"] = [list(spans[f"chain{k}"]) for k in range(len(data.get("source_chain") or []))]
            elif kind == "timex":
                _shift_timex(data, text[rec.start : rec.end], story.shift, base.row, published)
                new_timex[renumber["timex"][rec.seq]] = data
            elif kind == "figure":
                for key in ("measure", "owner"):
                    if data.get(key):
                        data[key] = list(spans[key])
                if rec.seq in values:
                    data["value"] = float(values[rec.seq])
                if data.get("measure_text"):
                    measure_words = set(text[rec.data["measure"][0] : rec.data["measure"][1]].lower().split()) if rec.data.get("measure") else set()
                    data["measure_text"] = " ".join(
                        words.get(w, w) if w not in measure_words else w for w in data["measure_text"].split(" ")
                    )
            elif kind == "event":
                data["trigger"] = list(spans["trigger"])
                for role_name, arg in (data.get("args") or {}).items():
                    arg["start"], arg["end"] = spans["arg:" + role_name]
                    if arg.get("mention") is not None:
                        arg["mention"] = renumber["mention"].get(arg["mention"])
                t = data.get("time") or {}
                if t.get("timex") is not None:
                    t["timex"] = renumber["timex"].get(t["timex"])
                    if t["timex"] is None:
                        t.update(_published_time(published, precision))
                elif t.get("fallback") == "published":
                    t.update(_published_time(published, precision))
            ns, ne = spans["record"]
            recs.append(Rec(kind, len(recs), ns, ne, data))
        records[kind] = recs
    for rec in records["event"]:
        t = rec.data.get("time") or {}
        if t.get("timex") is not None:
            td = new_timex[t["timex"]]
            t["value"], t["precision"] = td.get("value"), td.get("precision")
    row = dict(base.row)
    first_line = text.split("\n", 1)[0]
    row.update(
        id=_doc_id(new_text),
        text=new_text,
        title=new_text[len(ref) + 2 :].split("\n", 1)[0] if base.row["title"] and base.row["title"] == first_line else base.row["title"],
        outlet=corpus.outlets[zipf_rank(rng, len(corpus.outlets))],
        published=published,
        published_precision=precision,
        kind="synthetic",
        source_path=f"synthetic:{story.id}",
        source_line=k,
        source_offset=None,
        cleaning="{}",
    )
    slug = re.sub(r"[^a-z0-9]+", "", row["outlet"].lower())[:24] or "outlet"
    row["url"] = f"https://{slug}.example/{(published or 'undated')[:7]}/s{story.id}-{k}"
    row["author"] = None if rng.random() < 0.4 else " ".join(pseudo_word(zipf_rank(rng, NAME_POOL), 2).capitalize() for _ in range(2))
    doc = Synth(row["id"], new_text, row, records, list(base.analyses), stats)
    check(doc, base, pieces, repl, values, story)
    stats["documents"] += 1
    stats[role + "s"] += 1
    for kind, recs in records.items():
        stats[kind + "s"] += len(recs)
    return doc, layout


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _doc_id(text: str) -> str:
    from threadline.document import doc_id

    return doc_id(text)


def _shift_published(row: dict[str, Any], shift: int, rng: random.Random) -> tuple[str | None, str | None]:
    value, precision = row["published"], row["published_precision"]
    if not value:
        return None, None
    day = date.fromisoformat(value[:10]) + timedelta(days=shift)
    if precision == "minute":
        return f"{day.isoformat()}T{rng.randrange(6, 23):02d}:{rng.randrange(60):02d}", precision
    if precision == "day":
        return day.isoformat(), precision
    return value, precision


def _published_time(published: str | None, precision: str | None) -> dict[str, Any]:
    if published is None:
        return {"value": None, "precision": None, "fallback": "none", "timex": None}
    return {"value": published, "precision": precision, "fallback": "published", "timex": None}


_MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?", re.I)


def _shift_timex(data: dict[str, Any], text: str, shift: int, row: dict[str, Any], published: str | None) -> None:
    """Move a date resolved against the publish date along with it."""
    if not data.get("anchor") or not row["published"] or not published or not isinstance(data.get("value"), str):
        return
    old, new = date.fromisoformat(row["published"][:10]), date.fromisoformat(published[:10])
    years, months = new.year - old.year, (new.year - old.year) * 12 + new.month - old.month
    value = data["value"]
    precision = data.get("precision")
    if _MONTHS.search(text) or precision in ("year", "season", "quarter", "half", "decade", "century"):
        value = _add_years(value, years)
    elif precision == "month":
        value = _add_months(value, months)
    else:
        value = _add_days(value, shift)
    data["value"] = value
    data["anchor"] = _add_days(data["anchor"], shift)


def _add_days(value: str, days: int) -> str:
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(.*)", value)
    if m:
        return (date.fromisoformat(m.group(1)) + timedelta(days=days)).isoformat() + m.group(2)
    m = re.fullmatch(r"(\d{4})-W(\d{2})(.*)", value)
    if m:
        y, w, _ = (date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1) + timedelta(days=days)).isocalendar()
        return f"{y}-W{w:02d}{m.group(3)}"
    return value


def _add_months(value: str, months: int) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})(.*)", value)
    if not m or not m.group(2).isdigit():
        return value
    total = int(m.group(1)) * 12 + int(m.group(2)) - 1 + months
    return f"{total // 12:04d}-{total % 12 + 1:02d}{m.group(3)}"


def _add_years(value: str, years: int) -> str:
    m = re.fullmatch(r"(\d{4})(.*)", value)
    if not m:
        return value
    out = f"{int(m.group(1)) + years:04d}{m.group(2)}"
    return out.replace("-02-29", "-02-28") if out[4:10] == "-02-29" else out


# -- verification -----------------------------------------------------------------------------
def check(doc: Synth, base: Base, pieces: Pieces, repl: dict[int, tuple[int, str]], values: dict[int, int], story: Story) -> None:
    """Raise AssertionError unless every cloned record reads what it claims (see the module docstring)."""
    text = doc.text
    for kind, recs in doc.records.items():
        for rec in recs:
            for label, s, e in spans_of(rec):
                assert 0 <= s <= e <= len(text), (kind, rec.seq, label, s, e)
            for key, target in REFS.get(kind, {}).items():
                ref = rec.data.get(key)
                assert ref is None or 0 <= ref < len(doc.records[target]), (kind, key, ref)
            if kind == "event":
                for arg in (rec.data.get("args") or {}).values():
                    m = arg.get("mention")
                    assert m is None or 0 <= m < len(doc.records["mention"])
                t = rec.data.get("time") or {}
                if t.get("timex") is not None:
                    assert doc.records["timex"][t["timex"]].data.get("value") == t["value"]
    # mentions read their (new) names; changed figures read their new values
    names = {(a, z): lit for a, (z, lit) in repl.items()}
    base_mentions = [(r.start, r.end) for r in base.records["mention"]]
    for rec in doc.records["mention"]:
        got = text[rec.start : rec.end]
        assert got.strip() == got and got, (got,)
    substituted = 0
    for (a, z), lit in names.items():
        if (a, z) in base_mentions:
            where = pieces.map(a, z)
            if where is not None:
                assert text[where[0] : where[1]] == lit
                substituted += 1
    for rec in doc.records["figure"]:
        m = _NUMBER.fullmatch(text[rec.start : rec.end])
        if m and rec.data.get("low") is None and not rec.data.get("currency"):
            num = int(m.group("num").replace(",", ""))
            if num >= 10 and not 1900 <= num <= 2100:
                assert float(num) == rec.data["value"], (text[rec.start : rec.end], rec.data["value"])
    doc.stats["mentions renamed (checked)"] += substituted


# -- outputs ---------------------------------------------------------------------------------
def write_jsonl(
    out: Path, n: int, seed: int, bases_path: Path, shard: int = 5000, params: Params | None = None, after: date | None = None
) -> tuple[list[Path], Counter[str]]:
    """JSON Lines (text, title, url, outlet, author, published); several files of `shard` lines when out is a directory.
    With `after`, every dated document is published in the seven days after it (a feed's new documents);
    else the dates of its stories spread over about four years, as a store's do."""
    corpus = Corpus(load_bases(bases_path), params, after)
    stats: Counter[str] = Counter()
    files: list[Path] = []
    fh = None
    for i, doc in enumerate(generate(corpus, n, seed)):
        if fh is None or (out.suffix != ".jsonl" and i % shard == 0):
            if fh:
                fh.close()
            path = out if out.suffix == ".jsonl" else out / f"synthetic-{i // shard:04d}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = path.open("w", encoding="utf-8")
            files.append(path)
        r = doc.row
        fh.write(json.dumps({"text": r["text"], "title": r["title"], "url": r["url"], "outlet": r["outlet"], "author": r["author"], "published": r["published"]}, ensure_ascii=False) + "\n")
        stats.update(doc.stats)
    if fh:
        fh.close()
    return files, stats


_DOC_COLS = ("id", "text", "title", "url", "outlet", "author", "published", "published_precision", "language", "kind", "source_path", "source_line", "source_offset", "cleaning")


def write_store(path: Path, n: int, seed: int, bases_path: Path, params: Params | None = None, batch: int = 2000) -> Counter[str]:
    """An analysed store of `n` cloned documents (documents, analyses, records rows; full-text index by the store's trigger)."""
    import threadline
    from threadline.store import dumps

    corpus = Corpus(load_bases(bases_path), params)
    stats: Counter[str] = Counter()
    for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
        p.unlink(missing_ok=True)
    comp_of = {}
    with threadline.open(path) as tl:
        db = tl.store.db
        # the records' key and the full-text index take random inserts: with SQLite's default 2 MB
        # page cache a build slows down as the store outgrows it (20 ms a document at 100,000)
        db.execute("PRAGMA cache_size = -1000000")
        for kind, comps in _owners(bases_path).items():
            comp_of[kind] = comps
        pending: list[Synth] = []

        def flush() -> None:
            with tl.store.transaction() as tx:
                tx.executemany(f"INSERT INTO documents({','.join(_DOC_COLS)}) VALUES ({','.join('?' * len(_DOC_COLS))})", [tuple(d.row[c] for c in _DOC_COLS) for d in pending])
                tx.executemany("INSERT INTO document_sources(doc_id, source_path, source_line, source_offset) VALUES (?,?,?,0)", [(d.id, d.row["source_path"], d.row["source_line"]) for d in pending])
                tx.executemany("INSERT INTO analyses(doc_id, component, version, status, message) VALUES (?,?,?,?,?)", [(d.id, *a) for d in pending for a in d.analyses])
                tx.executemany(
                    "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                    [(d.id, r.kind, r.seq, r.start, r.end, *comp_of[r.kind], dumps(r.data)) for d in pending for recs in d.records.values() for r in recs],
                )
            pending.clear()

        seen: set[str] = set()
        for doc in generate(corpus, n, seed):
            if doc.id in seen:
                raise AssertionError(f"duplicate synthetic text {doc.id}")
            seen.add(doc.id)
            pending.append(doc)
            stats.update(doc.stats)
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return stats


def _owners(bases_path: Path) -> dict[str, tuple[str, int]]:
    from threadline.store import Store

    with Store(bases_path, readonly=True) as store:
        return {r["kind"]: (r["component"], r["version"]) for r in store.query("SELECT DISTINCT kind, component, version FROM records")}


def verify_store(path: Path, limit: int | None = None) -> Counter[str]:
    """Re-check a cloned store from SQLite: spans in bounds, mention text non-empty and trimmed, names
    on word boundaries, plain-number figures read their value, references point at existing records, `analyze` has nothing to do."""
    from threadline.extract.mentions import ACTOR_LABELS
    from threadline.store import Store

    out: Counter[str] = Counter()
    with Store(path, readonly=True) as store:
        sql = "SELECT id, text FROM documents ORDER BY rowid" + (f" LIMIT {int(limit)}" if limit else "")
        for d in store.query(sql):
            text = d["text"]
            counts = {r[0]: r[1] for r in store.query("SELECT kind, count(*) FROM records WHERE doc_id = ? GROUP BY kind", (d["id"],))}
            for r in store.query("SELECT kind, seq, start, end, data FROM records WHERE doc_id = ? ORDER BY kind, seq", (d["id"],)):
                rec = Rec(r["kind"], r["seq"], r["start"], r["end"], json.loads(r["data"]))
                for label, s, e in spans_of(rec):
                    assert 0 <= s <= e <= len(text), (d["id"], rec.kind, rec.seq, label)
                for key, target in REFS.get(rec.kind, {}).items():
                    ref = rec.data.get(key)
                    assert ref is None or 0 <= ref < counts.get(target, 0), (d["id"], rec.kind, key)
                if rec.kind == "mention":
                    t = text[rec.start : rec.end]
                    assert t and t == t.strip(), (d["id"], rec.seq, t)
                    if rec.data.get("label") in ACTOR_LABELS:  # names start and end on word boundaries
                        assert not (rec.start > 0 and text[rec.start - 1].isalnum() and t[0].isalnum()), (d["id"], rec.seq, t)
                        assert not (rec.end < len(text) and text[rec.end].isalnum() and t[-1].isalnum()), (d["id"], rec.seq, t)
                if rec.kind == "figure":
                    m = _NUMBER.fullmatch(text[rec.start : rec.end])
                    if m and rec.data.get("low") is None and not rec.data.get("currency"):
                        num = int(m.group("num").replace(",", ""))
                        if num >= 10 and not 1900 <= num <= 2100:
                            assert float(num) == rec.data["value"], (d["id"], rec.seq)
                out["records checked"] += 1
            out["documents checked"] += 1
    from threadline.analyze import _work_items, pipeline

    from threadline.config import load
    from threadline.domain import load_pack

    opts = {"domain": load_pack(load()["analyze"]["domain"])}
    with Store(path, readonly=True) as store:
        todo = sum(len(b) for b in _work_items(store, pipeline(), 500, opts))
    out["documents analyze would re-run"] = todo
    return out


def store_key(seed: int, base: Path, params: Params | None = None) -> str:
    return hashlib.sha256(f"{SYNTH_VERSION}|{base.name}|{seed}|{params or Params()}".encode()).hexdigest()[:8]


def store_to_jsonl(store: Path, out: Path, n: int, shard: int = 5000) -> list[Path]:
    """The first n documents of a cloned store as JSON Lines, `shard` per file (the same lines `jsonl` writes)."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    fh = None
    rows = db.execute("SELECT text, title, url, outlet, author, published FROM documents ORDER BY rowid LIMIT ?", (n,))
    for i, (text, title, url, outlet, author, published) in enumerate(rows):
        if i % shard == 0:
            if fh:
                fh.close()
            files.append(out / f"synthetic-{i // shard:04d}.jsonl")
            fh = files[-1].open("w", encoding="utf-8")
        assert fh is not None
        fh.write(json.dumps({"text": text, "title": title, "url": url, "outlet": outlet, "author": author, "published": published}, ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    db.close()
    return files


def latest_day(store: Path) -> date:
    """The latest publish date of a store's documents (where a feed's next documents follow)."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return date.fromisoformat(db.execute("SELECT max(published) FROM documents").fetchone()[0][:10])
    finally:
        db.close()


def cached_store(
    n: int, seed: int = 0, work: str | Path | None = None, params: Params | None = None, base: Path | None = None
) -> tuple[Path, Counter[str] | None]:
    """A cloned store of n documents in the work directory, built once (keyed by base, seed, parameters)."""
    base = base or build_base(work)
    path = work_dir(work) / f"synth-{n}-{store_key(seed, base, params)}.db"
    while not path.is_file() and any(_alive(p) for p in path.parent.glob(path.stem + ".*.tmp.db")):
        time.sleep(10)  # another process is building it
    if path.is_file():
        return path, None
    tmp = path.with_name(path.stem + f".{os.getpid()}.tmp.db")
    stats = write_store(tmp, n, seed, base, params)
    os.replace(tmp, path)
    return path, stats


def calibrate(store: Path, limit: int | None = None) -> dict[str, Any]:
    """What the realism knob (`--words`) is set against: on any store's texts (first `limit`), the
    vocabulary, near-duplicate pairs and same-event candidate pairs from word postings (entities left
    out, so an analysed and an unanalysed store compare), per document, as `resolve` would find them."""
    from threadline.config import load
    from threadline.resolve import stories

    cfg = load()["stories"]
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    sql = "SELECT id, text FROM documents ORDER BY rowid" + (f" LIMIT {int(limit)}" if limit else "")
    docs = []
    for doc, text in db.execute(sql):
        sig, terms = stories.fingerprint(text, cfg["shingle_size"], cfg["num_perm"])
        docs.append(stories.DocInfo(doc, sig, terms, None, set()))
    db.close()
    n = len(docs)
    vectors = stories._tfidf(docs)
    cap = max(50, int(0.05 * n))
    pairs: set[tuple[str, str]] = set()
    postings: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        for t, _ in sorted(vectors[d.id].items(), key=lambda kv: (-kv[1], kv[0]))[: stories.TOP_TERMS]:
            postings[t].append(d.id)
    for ids in postings.values():
        if len(ids) <= cap:
            pairs.update((a, b) if a < b else (b, a) for i, a in enumerate(ids) for b in ids[i + 1 :])
    near = stories.near_duplicates(docs, cfg["near_duplicate_threshold"], cfg["num_perm"])
    return {
        "documents": n,
        "vocabulary": len({t for d in docs for t in d.terms}),
        "candidate pairs per document (words)": round(len(pairs) / n, 1),
        "near-duplicate pairs per document": round(len(near) / n, 3),
    }


def _alive(tmp: Path) -> bool:
    """Whether the process that named this temporary file (…/name.PID.tmp.db) still runs."""
    try:
        os.kill(int(tmp.name.rsplit(".", 3)[-3]), 0)
    except (ValueError, IndexError, ProcessLookupError, PermissionError):
        return False
    return True


def summary(stats: Counter[str]) -> str:
    keys = ["documents", "originals", "copys", "rewrites"] + [k + "s" for k in KINDS]
    head = ", ".join(f"{k.replace('copys', 'copies')} {stats[k]:,}" for k in keys if stats[k])
    edits = ", ".join(f"{k} {v:,}" for k, v in sorted(stats.items()) if k not in keys and not k.startswith("_"))
    return f"{head}\nedits: {edits}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=None, help="cache directory (default: the system temp dir / threadline-bench)")
    ap.add_argument("--base", type=Path, default=None, help="an analysed base store to clone (default: the example corpus, analysed by the current code)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("base", help="analyse the example corpus once (real spaCy) and print the store")
    for name in ("jsonl", "store"):
        p = sub.add_parser(name)
        p.add_argument("-n", type=int, required=True)
        p.add_argument("-o", "--out", type=Path, required=True)
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--words", type=float, default=Params.words, help="share of a story's word types replaced by invented words")
        if name == "jsonl":
            p.add_argument("--shard", type=int, default=5000, help="lines per file when OUT is a directory")
            p.add_argument("--after", type=date.fromisoformat, default=None,
                           help="publish every dated document in the week after this day (YYYY-MM-DD), as a feed's new documents")
    p = sub.add_parser("cached", help="build (once) the cached store of n documents in the work directory and print its path")
    p.add_argument("-n", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p = sub.add_parser("calibrate", help="vocabulary, near-duplicates and same-event candidates per document of any store's texts")
    p.add_argument("store", type=Path)
    p.add_argument("--limit", type=int, default=None)
    p = sub.add_parser("verify")
    p.add_argument("store", type=Path)
    p.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    print(f"machine: {machine()}")
    t0 = time.perf_counter()
    if args.cmd == "base":
        path = build_base(args.work)
        print(f"base store: {path} ({time.perf_counter() - t0:.1f} s)")
        return 0
    if args.cmd == "calibrate":
        print(", ".join(f"{k} {v:,}" for k, v in calibrate(args.store, args.limit).items()))
        return 0
    if args.cmd == "verify":
        out = verify_store(args.store, args.limit)
        print(", ".join(f"{k} {v:,}" for k, v in out.items()), f"({time.perf_counter() - t0:.1f} s)")
        return 0
    if args.cmd == "cached":
        path, built = cached_store(args.n, args.seed, args.work, base=args.base)
        if built is not None:
            print(f"built in {time.perf_counter() - t0:.1f} s: {summary(built)}")
        print(path)
        return 0
    base = args.base or build_base(args.work)
    params = Params(words=args.words)
    t1 = time.perf_counter()
    if args.cmd == "jsonl":
        files, stats = write_jsonl(args.out, args.n, args.seed, base, args.shard, params, args.after)
        took = time.perf_counter() - t1
        print(f"wrote {len(files)} file(s) under {args.out}: {args.n:,} documents in {took:.1f} s ({args.n / took:,.0f} docs/s)")
    else:
        stats = write_store(args.out, args.n, args.seed, base, params)
        took = time.perf_counter() - t1
        size = args.out.stat().st_size / 2**20
        print(f"wrote {args.out}: {args.n:,} documents in {took:.1f} s ({args.n / took:,.0f} docs/s), {size:,.0f} MiB")
    print(summary(stats))
    print("verified: every cloned record's spans read the base text under the same edits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
