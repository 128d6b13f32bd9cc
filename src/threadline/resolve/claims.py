"""Each figure as a claim: who claims it, as of when, over which period, and its value in US dollars.

- claimant: the innermost attribution covering the figure (`resolve/claimants.py`);
  a figure in a sentence that carries on an attributed report ("To this end, ...")
  takes the last source named before it ("in context"); else the outlet. A source
  that told a named outlet or person ("told The New York Times") is relayed via it;
- as-of: a date in the figure's clause (not one that opens a period, "since
  January 1"; a year or quarter is the period the figure covers, and its end
  the as-of date once it is over), else the date of the attribution's cue
  ("said on Sunday", else the date the same source is said to have spoken
  elsewhere in the report, then up the attribution's chain), else the publish
  date; an unresolved date ("XXXX-08" in an undated document) is kept as written;
- scope start: the date a period opens with ("since the beginning of the year");
- money in US dollars, re-priced at the final as-of date unless the article
  gave its own conversion;
- frame (`threadline.resolve.frames`): the canonical entities named in the measure's
  phrase (directly, or by a pronoun or description whose chain names one: "its shares"), the country the report is about (its dateline's), and the figure it is a
  part of ("casualties approaching 300,000, including up to 120,000 deaths").
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from .. import money, places, timeml
from .frames import Frame, frame_of
from ..extract.events import dateline
from .claimants import Coverage, claimant_in
from ..extract.figures import since_before
from ..extract.measures import lexicon, owner_concepts, people_concepts
from ..pipeline import Record, record_id
from ..extract.attribution_frames import dateline_spans
from ..sentences import index_of, sentence_spans
from ..store import Store, batches
from ..timeutil import TimePoint

PERIODS = ("year", "half", "quarter", "season", "decade", "century")


def holds_at(as_of: str | None, scope_start: str | None) -> tuple[date, date] | None:
    """The days a claim dated `as_of` holds at: a total over a past period ("in 2023", its scope starting
    at its as-of date) holds at the period's end."""
    span = timeml.interval(as_of) if as_of else None
    if span and scope_start == as_of:
        return span[1], span[1]
    return span


@dataclass
class Claim:
    doc: str
    seq: int
    start: int
    end: int
    data: dict[str, Any]
    text: str
    claimant_kind: str = "outlet"
    claimant_entity: str | None = None
    claimant_name: str | None = None
    attribution_seq: int | None = None
    chain: list[str] = field(default_factory=list)
    as_of: str | None = None
    as_of_precision: str | None = None
    as_of_source: str | None = None
    scope_start: str | None = None
    usd: dict[str, Any] | None = None
    place: str | None = None
    entities: tuple[str, ...] = ()
    part_of: int | None = None
    outlet: str | None = None  # the outlet of the claim's document, whoever claims it
    state: str | None = None  # `state:CC` when the claimant is a state or one of its organs (set when grouping)
    voice: str | None = None  # the entity whose voice the claimant is: the organisation a spokesperson speaks for, else its own (set when grouping)
    named: tuple[str, ...] = ()  # the organisations, groups and people the figure's sentence names (canonical entities)

    @cached_property
    def id(self) -> str:
        """The figure's record id (hashed once: comparing a quantity's pairs names each claim often)."""
        return record_id("figure", self.doc, self.seq)

    @cached_property
    def when(self) -> tuple[date, date] | None:
        """The days the claim holds at (read once dating is done: `attach` sets `as_of` first)."""
        return holds_at(self.as_of, self.scope_start)

    @cached_property
    def frame(self) -> Frame | None:
        """The measure frame (read once dating is done: it holds the scope start)."""
        return frame_of(self.data, scope_start=self.scope_start, chain=self.chain, place=self.place, entities=self.entities, named=self.named)

    @property
    def who(self) -> str:
        return self.claimant_entity or (self.claimant_name or "").lower() or f"outlet:{self.doc}"


def _records(store: Store, kind: str, docs: str) -> dict[str, list[tuple[int, int, int, dict[str, Any]]]]:
    """The records of one kind of the documents in `docs` (a JSON list of ids), in text order."""
    out: dict[str, list[tuple[int, int, int, dict[str, Any]]]] = defaultdict(list)
    for r in store.iter_rows(
        "SELECT r.doc_id, r.seq, r.start, r.end, r.data FROM json_each(?) j CROSS JOIN records r ON r.doc_id = j.value AND r.kind = ?"
        " ORDER BY r.doc_id, r.seq",
        (docs, kind),
    ):
        out[r["doc_id"]].append((r["seq"], r["start"], r["end"], json.loads(r["data"])))
    return out


def entity_names(store: Store, ids: Iterable[str | None]) -> dict[str, tuple[str, str]]:
    """Entity id -> (name, type), for these ids (None left out): what `speaker_name` names a claimant with."""
    wanted = sorted({i for i in ids if i})
    return {
        r["id"]: (r["name"], r["type"])
        for r in store.iter_rows("SELECT id, name, type FROM entities WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(wanted),))
    }


def speaker_name(source: str | None, entity: str | None, etype: str | None) -> str | None:
    """The claimant's name: the entity a source resolves to ("he" -> "Andriy Yusov"); for a place, the
    source's own words with it when they are short and not its name ("U.S. officials [United States]",
    "the Russian defense ministry [Russia]", "Moscow [Russia]", but "Russia"), or when they name someone
    in that place ("a newspaper in the Russian city of Ryazan [Ryazan]"); else the place's name."""
    source = " ".join(source.split()) if source else None
    if source and len(source.split()) > 8:
        source = " ".join(source.split()[:8]) + "…"
    if entity and etype == "GPE" and source and source.lower() != entity.lower():
        located = re.search(rf"\b(?:in|of|from|near)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}{re.escape(entity)}\b", source)
        if len(source.split()) <= 4 or located:  # people or bodies of a place, not the place: "a newspaper in the city of Ryazan"
            return f"{source} [{entity}]"
    return entity or source


def _naming_phrase(text: str, attribution: dict[str, Any]) -> str | None:
    """The phrase of a source's chain that holds the name ("The officials" -> "U.S. officials"), so that
    one claimant shows one name however the article refers back to it."""
    chain = attribution.get("source_chain") or []
    if len(chain) >= 2:
        return text[chain[-2][0] : chain[-2][1]]
    return None


def _addressee(text: str, attribution: tuple[int, int, dict[str, Any]] | None, mentions: list[tuple[int, int, str]]) -> str | None:
    """Whom a source told, when the cue is "told" and a named outlet or person follows it:
    "Officials in Kyiv told The Kyiv Independent ..." is relayed via The Kyiv Independent."""
    if attribution is None:
        return None
    cue = attribution[2].get("cue")
    if not cue or text[cue[0]:cue[1]].lower() not in ("told", "tells", "telling"):
        return None
    after = cue[1] + len(text[cue[1]:]) - len(text[cue[1]:].lstrip())
    hit = next(((s, e) for s, e, _ in mentions if s in (after, after + 4) and text[after:s] in ("", "the ", "The ")), None)
    return text[hit[0]:hit[1]] if hit else None


JOINED = re.compile(r"[^;,.:!?]{0,60}?(?:;|,\s*(?:and|but)\s)")  # "; …", ", and …" after the frame and its adjuncts


def _joined_clause(text: str, start: int, sent_start: int, attributions: list[Record], coverage: Coverage | None) -> int | None:
    """For a figure in a clause joined to an attributed one of its sentence ("The researchers reported that
    A; B holds $10.7 billion", "X paid 8.9 percent, the agency said, and Y paid 0.8 percent"), an offset
    inside that attribution's content. Only attributions whose content starts in the sentence before the
    figure can be such a frame (found by bisection when `coverage` is given)."""
    if coverage is None:
        seqs: Sequence[int] = range(len(attributions))
    else:
        seqs = coverage.order[bisect.bisect_left(coverage.starts, sent_start) : bisect.bisect_left(coverage.starts, start)]
    best: tuple[int, int] | None = None
    for r in (attributions[seq] for seq in seqs):
        frame = [(r.start, r.end)] + [tuple(r.data[k]) for k in ("cue", "source") if r.data.get(k)]
        first, last = min(a for a, _ in frame), max(b for _, b in frame)
        if sent_start <= first and last <= start and (best is None or last > best[1]):
            best = (r.start, last)
    if best is None or not JOINED.match(text, best[1], start):
        return None
    return best[0]


def _carried_on(text: str, start: int, attributions: list[Record], coverage: Coverage | None = None) -> int | None:
    """For a figure in a sentence that carries on an attributed report ("To this end, ..."), an offset
    inside the content of the last attribution before it, at most three paragraphs back; for one in a
    clause joined to an attributed clause of its own sentence, that attribution's."""
    stop = text.rfind(". ", 0, start)
    sent_start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    joined = _joined_clause(text, start, sent_start, attributions, coverage)
    if joined is not None:
        return joined
    opening = text[sent_start:sent_start + 40].lower()
    if not any(opening.startswith(c + " ") or opening.startswith(c + ",") for c in lexicon()["continuations"]):
        return None
    floor = sent_start
    for _ in range(4):
        floor = text.rfind("\n", 0, max(0, floor - 1)) + 1 if floor > 0 else 0
        while floor > 0 and not text[floor:text.find("\n", floor) if text.find("\n", floor) != -1 else len(text)].strip():
            floor = text.rfind("\n", 0, floor - 1) + 1
    before = [r for r in attributions if floor <= r.start and r.end <= sent_start]
    if not before:
        return None
    return max(before, key=lambda r: r.end).start


def figure_claimant(
    doc_id: str,
    attributions: list[Record],
    start: int,
    text: str,
    outlet: str | None,
    speaker: Callable[[int], str | None],
    coverage: Coverage | None = None,
) -> tuple[dict[str, Any], int | None]:
    """Who claims the figure at `start`: the innermost attribution covering it, else the report its
    sentence carries on (then the offset it was carried from is returned too), else the outlet."""
    who = claimant_in(doc_id, attributions, start, text, outlet, speaker, coverage)
    if who["kind"] != "outlet":
        return who, None
    context = _carried_on(text, start, attributions, coverage)
    if context is not None:
        who = claimant_in(doc_id, attributions, context, text, outlet, speaker, coverage)
    return who, context


class _Dates:
    """The dates one document's figures are read from, indexed once: a figure's clause timex by its
    seq, a cue's sentence and that sentence's timexes by bisection, each attribution's cue date
    computed once, and per source the attributions whose cue is dated. A document of thousands of
    figures and attributions is then dated in n log n, not in the product of their numbers."""

    def __init__(
        self,
        text: str,
        timexes: list[tuple[int, int, int, dict[str, Any]]],
        attributions: dict[int, tuple[int, int, dict[str, Any]]],
        speakers: dict[int, str | None],
    ) -> None:
        self.text, self.timexes, self.attributions, self.speakers = text, timexes, attributions, speakers
        self.by_seq = {t[0]: t for t in timexes}
        self.in_order = sorted(timexes, key=lambda t: t[1])
        self.starts = [t[1] for t in self.in_order]
        self.sentences = sentence_spans(text) if attributions else []
        self.cue_dates: dict[int, tuple[str, str] | None] = {}
        self.dated_by_source: dict[str, list[int]] = {}
        self.lead: list[int | None] = []

    def sentence(self, offset: int) -> tuple[int, int] | None:
        if not self.sentences:
            return None
        s, e = self.sentences[index_of(self.sentences, offset)]
        return (s, e) if s <= offset < e else None

    def cue_date(self, seq: int) -> tuple[str, str] | None:
        """The date told with attribution `seq`'s cue: the timex of the cue's sentence nearest the cue,
        outside the reported content (the first in seq order of two as near)."""
        if seq not in self.cue_dates:
            start, end, data = self.attributions[seq]
            cue = data["cue"]
            sent = self.sentence(cue[0])
            best = None
            if sent is not None and LATER_CUE.search(self.text, max(0, cue[0] - 16), cue[0]):
                sent = None  # "It opened the scheme in 2009, but it later conceded …": the date is the earlier event's
            if sent is not None:
                lo, hi = bisect.bisect_left(self.starts, sent[0]), bisect.bisect_left(self.starts, sent[1])
                for t_seq, t_start, _, t_data in self.in_order[lo:hi]:
                    if t_data["type"] not in ("date", "time") or start <= t_start < end:
                        continue
                    if str(t_data.get("value")).endswith("_REF") or since_before(self.text, t_start):
                        continue
                    key = (abs(t_start - cue[0]), t_seq)
                    if best is None or key < best[0]:
                        best = (key, t_data)
            self.cue_dates[seq] = _point(best[1]) if best else None
        return self.cue_dates[seq]

    def source_date(self, seq: int) -> tuple[str, str] | None:
        """The date the source of attribution `seq` is said to have spoken elsewhere in the report
        ("the CBI said on Thursday ... the CBI said"): of its other attributions with a dated cue,
        the nearest by seq (the earlier of two as near)."""
        source = self.speakers.get(seq)
        if not source:
            return None
        if source not in self.dated_by_source:
            self.dated_by_source[source] = sorted(s for s, e in self.speakers.items() if e == source and self.cue_date(s))
        dated = self.dated_by_source[source]
        i = bisect.bisect_left(dated, seq)
        near = [s for s in dated[max(0, i - 1) : i + 2] if s != seq]
        return self.cue_date(min(near, key=lambda s: (abs(s - seq), s))) if near else None

    def dateline(self) -> tuple[str, str] | None:
        if not self.lead:
            self.lead.append(dateline(self.text, [Record("timex", s, e, d) for _, s, e, d in self.timexes]))
        lead = self.lead[0]
        return _point(self.timexes[lead][3]) if lead is not None else None


LATER_CUE = re.compile(r"\b(?:later|subsequently|afterwards|since)\s+$", re.IGNORECASE)


def _point(data: dict[str, Any]) -> tuple[str, str] | None:
    value = data.get("value")
    if not value:
        return None
    return value.split("T")[0], data.get("precision") or timeml.precision_of(value) or "day"


def attach(store: Store, doc_ids: list[str]) -> list[Claim]:
    """Every figure of these documents with its claimant, as-of date, scope and dollar value, in
    (document id, seq) order, a batch of documents at a time. A document's claims depend on its
    own records and text, and on the entities its attributions' sources link to."""
    out: list[Claim] = []
    for part in batches(sorted(set(doc_ids))):
        out.extend(_attach_batch(store, json.dumps(part)))
    return out


def _attach_batch(store: Store, batch: str) -> list[Claim]:
    figures = _records(store, "figure", batch)
    for r in store.iter_rows(  # a page's earlier version: its figures are history (a `revision` alert), not claims beside the new one's
        "SELECT s.doc_id FROM json_each(?) j CROSS JOIN superseded s ON s.doc_id = j.value", (batch,)
    ):
        figures.pop(r["doc_id"], None)
    timexes = _records(store, "timex", batch)
    attributions = _records(store, "attribution", batch)
    docs = {
        r["id"]: r
        for r in store.iter_rows(
            "SELECT d.id, d.text, d.outlet, d.published, d.published_precision FROM json_each(?) j CROSS JOIN documents d ON d.id = j.value",
            (batch,),
        )
    }
    linked = {
        (r["doc_id"], r["seq"]): r["entity_id"]
        for r in store.iter_rows("SELECT me.doc_id, me.seq, me.entity_id FROM json_each(?) j CROSS JOIN mention_entities me ON me.doc_id = j.value", (batch,))
    }
    names = entity_names(store, linked.values())
    doc_mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    # ORG and PERSON mentions linked to an entity, by label and document, with the pronouns and descriptions
    # whose chains stand for them ("its shares", "he recruited"): (start, end, entity) in text order
    by_label: dict[str, dict[str, list[tuple[int, int, str]]]] = {"ORG": defaultdict(list), "PERSON": defaultdict(list)}
    named_as: dict[tuple[str, int], tuple[str, str]] = {}  # (doc, mention seq) -> (label, entity)
    for r in store.iter_rows(
        "SELECT r.doc_id, r.seq, r.start, r.end, json_extract(r.data, '$.label') AS label FROM json_each(?) j"
        " CROSS JOIN records r ON r.doc_id = j.value AND r.kind = 'mention' WHERE json_extract(r.data, '$.label') IN ('ORG', 'PERSON')",
        (batch,),
    ):
        doc_mentions[r["doc_id"]].append((r["start"], r["end"], r["label"]))
        entity = linked.get((r["doc_id"], r["seq"]))
        if entity is not None:
            by_label[r["label"]][r["doc_id"]].append((r["start"], r["end"], entity))
            named_as[(r["doc_id"], r["seq"])] = (r["label"], entity)
    for r in store.iter_rows(
        "SELECT r.doc_id, r.start, r.end, json_extract(r.data, '$.entity') AS named FROM json_each(?) j"
        " CROSS JOIN records r ON r.doc_id = j.value AND r.kind = 'reference' WHERE json_extract(r.data, '$.entity') IS NOT NULL",
        (batch,),
    ):
        found = named_as.get((r["doc_id"], r["named"]))
        if found is not None:
            by_label[found[0]][r["doc_id"]].append((r["start"], r["end"], found[1]))
    # linked mentions of those who may own a figure (firms, bodies, parties, people; not the places
    # figures are about, nor a people's adjective linked to its country), (start, entity) in text order
    named_at: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in store.iter_rows(
        "SELECT me.doc_id, r.start, me.entity_id FROM json_each(?) j CROSS JOIN mention_entities me ON me.doc_id = j.value"
        " CROSS JOIN records r ON r.doc_id = me.doc_id AND r.kind = 'mention' AND r.seq = me.seq"
        " CROSS JOIN entities e ON e.id = me.entity_id WHERE e.type IN ('ORG', 'PERSON', 'NORP')",
        (batch,),
    ):
        named_at[r["doc_id"]].append((r["start"], r["entity_id"]))
    for ordered_at in named_at.values():
        ordered_at.sort()
    orgs, people = by_label["ORG"], by_label["PERSON"]
    for ordered in (*orgs.values(), *people.values()):
        ordered.sort()
    claims: list[Claim] = []
    for doc_id, recs in figures.items():
        doc = docs[doc_id]
        text = doc["text"]
        published = TimePoint(doc["published"].split("T")[0], "day" if doc["published_precision"] == "minute" else doc["published_precision"]) if doc["published"] else None
        doc_timexes = timexes.get(doc_id, [])
        by_seq = {seq: (start, end, data) for seq, start, end, data in attributions.get(doc_id, [])}
        speakers = {seq: linked.get((doc_id, data.get("source_mention"))) for seq, (_, _, data) in by_seq.items()}
        dates = _Dates(text, doc_timexes, by_seq, speakers)
        in_doc = [Record("attribution", start, end, data) for _, start, end, data in attributions.get(doc_id, [])]
        coverage = Coverage(in_doc)
        speaker = speakers.get
        place = dateline_country(text)
        previous: tuple[int, int, int, int | None] | None = None  # (seq, start, end, part_of) of the figure before
        in_sentence = _Named(text, named_at.get(doc_id, []))
        named_in_doc: dict[str, str | None] = {}
        for seq, start, end, data in recs:
            c = Claim(doc_id, seq, start, end, data, text[start:end], place=place, outlet=doc["outlet"])
            c.entities = _named(data.get("measure"), orgs.get(doc_id, [])) or _owned(data, orgs.get(doc_id, []), people.get(doc_id, []))
            c.part_of = _part_of(text, start, previous)
            c.named = in_sentence.at(start)
            previous = (seq, start, end, c.part_of)
            who, context = figure_claimant(doc_id, in_doc, start, text, doc["outlet"], speaker, coverage)
            if who["kind"] == "attribution":
                c.claimant_kind = "attribution" if context is None else "context"
                c.claimant_entity = who.get("entity")
                c.attribution_seq = int(who["attribution"].rsplit("-", 1)[1])
                phrase = _naming_phrase(text, by_seq[c.attribution_seq][2]) if c.claimant_entity else None
                c.claimant_name = speaker_name(phrase or who.get("text"), *(names.get(c.claimant_entity) or (None, None)))
                if c.claimant_entity:  # one claimant, one name in its document: the name its first figure gave it
                    c.claimant_name = named_in_doc.setdefault(c.claimant_entity, c.claimant_name)
                via = _addressee(text, by_seq.get(c.attribution_seq), doc_mentions.get(doc_id, []))
                if via and c.claimant_name:
                    c.claimant_name += f" via {via}"
                c.chain = who.get("chain", [])
            else:
                c.claimant_name = who.get("outlet") or doc["outlet"]
            _date(c, dates, published)
            _price(c, published)
            claims.append(c)
    return claims


class _Named:
    """The canonical entities each sentence of a document names, found by bisection over its linked
    mentions (`at`: those of the sentence holding an offset); sentences are split only for a document
    whose figures ask and that names someone."""

    def __init__(self, text: str, mentions: list[tuple[int, str]]) -> None:
        self.text, self.mentions = text, mentions
        self.starts = [m[0] for m in mentions]
        self.sentences: list[tuple[int, int]] | None = None

    def at(self, offset: int) -> tuple[str, ...]:
        if not self.mentions:
            return ()
        if self.sentences is None:
            self.sentences = sentence_spans(self.text)
        if not self.sentences:
            return ()
        start, end = self.sentences[index_of(self.sentences, offset)]
        if not start <= offset < end:
            return ()
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return tuple(sorted({entity for _, entity in self.mentions[lo:hi]}))


def dateline_country(text: str) -> str | None:
    """The country of a report's dateline ("KATHMANDU — ...", "KYIV/HAVANA — ...", "SEOUL (Reuters) - ..."):
    the place it is reported from (the first named), taken as the place a figure that names no country is about."""
    found = dateline_spans(text, 1500)
    if not found:
        return None
    start, end = found[0]
    name = re.split(r"\s*(?:/|,|\(|[—–]|-\s)", text[start:end], maxsplit=1)[0].strip().title()
    return places.country_code(name) or places.capital_country(name)


def _named(measure: list[int] | None, orgs: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """The canonical entities of the organisations named in a measure's phrase ("profits at Time Warner");
    `orgs` in text order (by start), so only those starting inside the phrase are looked at."""
    if not measure:
        return ()
    first = bisect.bisect_left(orgs, measure[0], key=lambda o: o[0])
    last = bisect.bisect_right(orgs, measure[1], key=lambda o: o[0])
    return tuple(sorted({entity for start, end, entity in orgs[first:last] if end <= measure[1]}))


def _owned(data: dict[str, Any], orgs: list[tuple[int, int, str]], people: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """Whose measure a figure is when its phrase names no organisation: for an organisation's measure (a
    concept with `owner`: profit, sales, a tax bill) the organisation its clause's subject names ("Rosneft
    reported a profit of ..."); for a count of people, the person who did what it counts ("Omarov recruited
    40 men"; "he" through its coreference chain)."""
    concept = (data.get("measure_key") or "").split(" ", 1)[0]
    if concept in owner_concepts():
        return _named(data.get("owner"), orgs)
    if concept in people_concepts():
        return _named(data.get("owner"), people)
    return ()


WHOLE_OPENS = re.compile(r"(?:of|out of|from)\s+(?:the\s+|these\s+|those\s+|all\s+(?:the\s+)?)?", re.IGNORECASE)


def _part_of(text: str, start: int, previous: tuple[int, int, int, int | None] | None) -> int | None:
    """The seq of the figure a figure is a part of: the one before it in its sentence, when a word of
    inclusion stands between them ("nearly 9,000 wounded, among them 2,000 seriously"), or when the one
    before opens its sentence as the whole it is taken out of ("Of the 40 men detained, 25 are from
    Tajikistan and 15 from Kyrgyzstan": both are parts of the 40)."""
    if previous is None:
        return None
    seq, whole_start, end, its_whole = previous
    between = text[end:start].lower()
    if len(between) > 80 or any(stop in between for stop in (". ", "\n", "; ")):
        return None
    if any(f" {cue} " in f" {between} " for cue in lexicon()["subset_cues"]):
        return seq
    if its_whole is not None and re.fullmatch(r"[^,;]*?(?:,\s*|\s)(?:and|while|with)\s+(?:another\s+|the other\s+)?", between):
        return its_whole  # "25 are from Tajikistan and 15 from Kyrgyzstan": the second part, of the same whole
    line = text.rfind("\n", 0, whole_start) + 1
    sentence = max(line, text.rfind(". ", line, whole_start) + 2 if text.rfind(". ", line, whole_start) >= 0 else line)
    opens = WHOLE_OPENS.fullmatch(text[sentence:whole_start].lstrip(" \"“‘'("))
    return seq if opens and re.fullmatch(r"[^,;]*,\s*", between) else None


def _date(c: Claim, dates: _Dates, published: TimePoint | None) -> None:
    tseq = c.data.get("timex")
    found = dates.by_seq.get(tseq) if tseq is not None else None
    clause = found[1:] if found else None
    if clause is not None and since_before(dates.text, clause[0]):
        point = _point(clause[2])
        c.scope_start = point[0] if point else None
        clause = None
    if clause is not None and _point(clause[2]):
        value, precision = _point(clause[2])  # type: ignore[misc]
        span = timeml.interval(value)
        if precision in PERIODS and span is not None:
            c.scope_start = value  # "in 2023", "this year": the period the figure covers
            if published is None or span[1] < (published.as_date() or span[1]):
                c.as_of, c.as_of_precision, c.as_of_source = value, precision, "clause"
                return
        else:
            c.as_of, c.as_of_precision, c.as_of_source = value, precision, "clause"
            return
    seq = c.attribution_seq
    seen: set[int] = set()
    while seq is not None and seq in dates.attributions and seq not in seen:
        seen.add(seq)
        told = dates.cue_date(seq) or dates.source_date(seq)
        if told:
            c.as_of, c.as_of_precision = told
            c.as_of_source = "attribution"
            return
        seq = dates.attributions[seq][2].get("parent")
    lead = dates.dateline()
    if lead is not None:
        c.as_of, c.as_of_precision = lead
        c.as_of_source = "dateline"
        return
    if published is not None:
        c.as_of, c.as_of_precision, c.as_of_source = published.value, published.precision, "published"


def _price(c: Claim, published: TimePoint | None) -> None:
    usd = c.data.get("usd")
    if not usd or usd.get("source") in ("article", "stated") or not c.data.get("currency"):
        c.usd = usd
        return
    as_of = TimePoint(c.as_of, c.as_of_precision or "day") if c.as_of and timeml.interval(c.as_of) else None
    c.usd = money.to_usd(c.data.get("value"), c.data["currency"], as_of, published)
