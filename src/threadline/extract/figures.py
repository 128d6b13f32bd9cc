"""Figures: every number that is a claim, with its hedge, unit, what it measures, and money in US dollars.

Spans come from `figure_spans` (text rules); the parse gives each its measure
(`measures`). The as-of date the component can see is a date in the figure's
clause, else the publish date; money is priced in US dollars at that date
(`threadline.money`): the article's own conversion first ("495,000 roubles
($5,130)" is one claim), else an ECB rate valid at the date, else no value and
the reason. Claimants are attached later, at corpus level, from the
attributions covering each figure.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from .. import money, places
from ..discourse.coref import Chains
from ..pipeline import Context, Record, component, make_record
from ..timeutil import TimePoint
from .captions import captions
from .figure_spans import Span, blocked_regions, currencies, end_with_conversion, find, place_distance, stat_lines, table_rows
from .measures import Measure, Scope, agent, analyse, is_bare, is_toll, lexicon, people_concepts
from .numbers import lexicon as number_lexicon

CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "xcomp", "parataxis", "conj", "acl", "pcomp")
NAME_ENTS = ("ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "LANGUAGE")
ANAPHOR_REACH = 600  # characters back to look for the figure "the number" refers to


def _clause(tok: Any) -> Any:
    """The head of the clause a token sits in."""
    for _ in range(12):
        if tok.dep_ in CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
        tok = tok.head
    return tok


def _token_at(doc: Any, start: int, end: int) -> Any:
    """The figure's syntactic head; the last word when it alone counts the noun after the span ("a quarter
    of a million people", where "quarter" hangs on the verb and "million" on "people")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    last = span[-1]
    if last.dep_ == "nummod" and last.head.i >= span.end and last.head.pos_ in ("NOUN", "PROPN"):
        return last
    return span.root


def _settle_currency(word: str | None, countries: Counter[str]) -> str | None:
    """An ambiguous currency word ("rupees") takes the currency of the country the document mentions most."""
    if word is None or word.isupper():
        return word
    rule = currencies()["ambiguous"].get(word)
    if rule is None:
        return None
    ranked = [c for c, _ in countries.most_common() if c in rule["candidates"]]
    return rule["candidates"][ranked[0]] if ranked else (rule["default"] or None)


def _in_name(names: list[tuple[int, int]], span: Span) -> bool:
    return any(s <= span.num_start and span.num_end <= e for s, e in names)


def _as_of(timex: Record | None, published: TimePoint | None, text: str) -> TimePoint | None:
    if timex is not None and timex.data.get("resolved") and timex.data.get("value") and not since_before(text, timex.start):
        value = timex.data["value"].split("T")[0]
        precision = timex.data.get("precision") or "day"
        return TimePoint(value, precision)
    return published


def since_before(text: str, start: int) -> bool:
    """Whether a timex opens a period ("since January 1", "from the beginning of the year")."""
    before = text[max(0, start - 12):start].lower().rstrip()
    return before.endswith(("since", "from", "starting", "beginning"))


class _TimexClauses:
    """The head of the clause each date of a document sits in (None for a date no token holds),
    found on first use and kept: every figure of the document asks about every date."""

    def __init__(self, doc: Any, timexes: list[Record]) -> None:
        self.doc, self.timexes = doc, timexes
        self.heads: dict[int, int | None] = {}

    def head(self, seq: int) -> int | None:
        if seq not in self.heads:
            t = self.timexes[seq]
            tok = _token_at(self.doc, t.start, t.end)
            self.heads[seq] = None if tok is None else _clause(tok).i
        return self.heads[seq]


def _clause_timexes(
    doc: Any, anchor: Any, timexes: list[Record], span: Span, text: str, regions: list[tuple[int, int]], clauses: _TimexClauses,
    alike: list[Span] | None = None,
) -> tuple[int | None, str | None]:
    """(seq of the date in the figure's clause, the rate of a set: for money the one right after
    the amount, "190,000 roubles a month"; for counts any in the clause, "1,500 people ... every day",
    unless it is right after another figure, whose rate it is: "pay $2,400 a month in rent and have two children").
    A date with another figure of the same kind (`alike`) between it and this one is that figure's ("was
    9.4%, down from 10.1% in 2002"; not "$318bn in the 12 months to 31 March", a duration between)."""
    clause = _clause(anchor)
    best: tuple[int, int] | None = None
    period = None
    end = end_with_conversion(text, span)
    for seq, t in enumerate(timexes):
        if t.data["type"] == "set" and span.kind != "count" and 0 <= t.start - end <= 3:
            period = lexicon()["periods"].get(t.data.get("value") or "")
            continue
        head = clauses.head(seq)
        if head is None or head != clause.i:
            continue
        if t.data["type"] == "set":
            if span.kind == "count" and not any(0 <= t.start - e <= 3 for s, e in regions if s != span.start):
                period = lexicon()["periods"].get(t.data.get("value") or "")
            continue
        if t.data["type"] not in ("date", "time") or str(t.data.get("value")).endswith("_REF"):
            continue
        low, high = sorted((t.start, span.start))
        if any(low < other.start and other.end <= high for other in alike or [] if other.start != span.start):
            continue  # "was 9.4%, down from 10.1% in 2002": a date past another figure is that one's
        distance = abs(t.start - anchor.idx)
        if best is None or distance < best[0]:
            best = (distance, seq)
    if best is None and _participle(clause):
        # "It was known as the Black Death in the 14th century, causing 50 million deaths": a participle
        # with no subject of its own happens when the clause it hangs on does
        outer = _clause(clause.head)
        for seq, t in enumerate(timexes):
            if clauses.head(seq) == outer.i and t.data["type"] in ("date", "time") and not str(t.data.get("value")).endswith("_REF"):
                distance = abs(t.start - anchor.idx)
                if best is None or distance < best[0]:
                    best = (distance, seq)
    return (best[1] if best else None), period


def _participle(clause: Any) -> bool:
    """A clause of a participle in -ing with no subject, hanging on another ("…, causing 50 million deaths")."""
    return clause.dep_ in ("advcl", "acl") and clause.tag_ == "VBG" and clause.head.i != clause.i and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children
    )


@component("figures", 33, requires=("mention", "timex", "reference"), assigns=("figure",))
def FIGURES(ctx: Context) -> list[Record]:
    text, doc = ctx.text, ctx.doc
    timexes = ctx.of("timex")
    dated = [(t.start, t.end) for t in timexes if t.data["type"] in ("date", "time", "set")]
    for t in timexes:  # "between Oct. 8 and 13": the second day belongs to the date
        tail = re.match(r"\s*(?:-|–|and|to|through)\s*(?:[12]\d|3[01]|0?[1-9])\b", text[t.end:t.end + 12])
        if tail and t.data.get("precision") == "day":
            dated.append((t.end, t.end + tail.end()))
    times = [(t.start, t.end) for t in timexes]
    copies = [(c.start, c.end) for c in captions(text, ctx.document.cleaning.get("removed", ())) if c.copy]
    spans = find(text, blocked_regions(text) + dated + copies)  # a caption's repeat states its figures again
    countries: dict[int, str] = {}
    counts: Counter[str] = Counter()
    for mention in ctx.of("mention"):
        code = mention.data.get("country")
        if code:
            counts[code] += 1
            for i in range(mention.start, mention.end):
                countries[i] = code
    home = counts.most_common(1)[0][0] if counts else None  # the country the report mentions most
    chains = Chains.of(ctx.of("reference"))
    mentions = ctx.of("mention")
    about: list[str] | None = None  # the people and organisations the report is about, read once if a figure asks

    def named(tok: Any) -> str | None:
        """The name a pronoun's coreference chain stands for ("It" -> "Yugansk")."""
        seq = chains.entity(tok.idx, tok.idx + len(tok.text))
        return text[mentions[seq].start:mentions[seq].end] if seq is not None and seq < len(mentions) else None

    regions = [(s.start, end_with_conversion(text, s)) for s in spans]
    rows = table_rows(text) + stat_lines(text)
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_ENTS]  # entities a number can be part of
    clauses = _TimexClauses(doc, timexes)
    out: list[Record] = []
    previous: list[tuple[int, Any, Measure, str, int]] = []  # (start, anchor, measure, kind, seq) of keyed figures
    of_kind: dict[str, list[Span]] = defaultdict(list)  # the figures a date may be another's of (`_clause_timexes`)
    for span in spans:
        of_kind[span.kind].append(span)
    for span in spans:
        if span.kind == "money" and span.currency == "pound" and _settle_currency("pound", counts) is None:
            span = replace(span, kind="unit", unit="pound-mass", currency=None)
        anchor = _token_at(doc, span.num_start, span.end if span.kind in ("money", "percent", "unit", "time") else span.num_end)
        if anchor is None or span.kind == "count" and _not_counted(doc, span, anchor, text, names):
            continue
        timex_seq, period = _clause_timexes(doc, anchor, timexes, span, text, regions, clauses, of_kind[span.kind])
        period = period or (_rate_after(text, span) if span.kind in ("money", "unit") else None)
        scope = Scope((span.start, span.end), regions, times)
        m = analyse(anchor, span.kind, scope, countries, period, vague=span.vague, home=home, named=named)
        if span.vague and span.kind == "count" and m.noun is None:
            continue  # "hundreds--if not thousands--": no telling of what
        if m.key and span.kind in ("count", "unit") and place_distance(text, span.num_end):
            m.key = None  # "13 nautical miles from the ship": where it was, a figure but no measure to compare
        if m.key and m.span and span.unit in PERIOD_UNITS and any(s <= m.span[0] and m.span[1] <= e for s, e in times):
            m.key = None  # "in the first three months of 2004": a period of a date, not a duration to compare
        if m.key and span.kind == "count" and _sample_size(anchor):
            m.key = None  # "a second study in 52 adults": the size of a study's sample, no count to compare
        if m.key and _class_threshold(anchor):
            m.key = None  # "in countries with a prevalence of 10-19%": the bound of a class, no one's figure
        if m.key and span.kind == "count" and m.noun is not None and m.noun.lower_ in ("time", "times"):
            m.key = None  # "won the title six times", "arrested three times": how often, of whatever the verb says
        if any(s <= span.start < e for s, e in rows):
            m.key = None  # a table's cell or a box score's line: what it measures is in no sentence
            m.unit = m.unit if m.unit and any(ch.isalpha() for ch in m.unit) else None  # not the "|" beside it
        earlier = _earlier(text, span)
        if m.anaphor or (m.key is None and span.kind == "count" and m.noun is None and not MULTIPLIER.search(text[max(0, span.start - 20):span.start])):
            m = _antecedent(m, span, anchor, [(s, a, p) for s, a, p, _, _ in previous])
        elif m.key is None and (anchor.dep_ == "conj" or m.bare_change or earlier):
            # "$412bn in 2004 and $377bn the year before", "a 0.3% rise", "up from 0.3%": the measure before it
            m = _antecedent(m, span, anchor, [(s, a, p) for s, a, p, k, _ in previous if k == span.kind])
            if m.key is None and m.bare_change:  # "Prices rose 0.9% in May. There was a 0.5% rise in June."
                m = _antecedent(m, span, anchor, [(s, a, p) for s, a, p, k, _ in previous if k == span.kind and p.change], across=True)
        if m.owner is None and m.key and m.key.split()[0] in people_concepts():
            m.owner = agent(anchor, anchor.head)  # "while Tulegenov brought in 15": the count before's measure, his own
        before = next((seq for s, a, p, k, seq in reversed(previous) if p.key == m.key and a.sent.start == anchor.sent.start), None) if earlier and m.key else None
        qualifier = span.qualifier if span.qualifier != "exact" or not m.qualifier else m.qualifier
        if span.vague:
            qualifier = "vague"  # "dozens", "several hundred": a range [low, high], never an exact count
        value, low, high = span.value, span.low, span.high
        if m.reached and qualifier == "up to" and span.low is None:
            qualifier, high = "exact", None  # "edged up to 5.4%": the level reached, no ceiling
        if qualifier != span.qualifier and span.low is None and span.high is None:
            if qualifier in ("up to", "as many as", "nearly", "less than"):
                high = value
            elif qualifier in ("at least", "more than"):
                low = value
        currency = _settle_currency(span.currency, counts) if span.kind == "money" else None
        unit = currency if span.kind == "money" else (span.unit or m.unit)
        if span.kind == "money" and currency is None and span.currency not in (None, ""):
            unit = "pound-mass" if span.currency == "pound" else None
        usd = None
        if span.kind == "money":
            as_of = _as_of(timexes[timex_seq] if timex_seq is not None else None, ctx.document.published, text)
            usd = _usd(span, currency, value, as_of, ctx.document.published)
        # "for $60 less", "$200 more than locals": a difference between two amounts, no amount of the measure
        # (which a figure joined to it still takes: "and $2,000 a month in all")
        difference = span.kind == "money" and DIFFERENCE.match(text, end_with_conversion(text, span))
        data: dict[str, Any] = {
            "value": value,
            "low": low,
            "high": high,
            "unit": unit,
            "qualifier": qualifier,
            "vague": span.vague,
            "measure": list(m.span) if m.span else None,
            "measure_text": m.text,
            "measure_key": None if difference else m.key,
            "owner": list(m.owner) if m.owner else None,
            "earlier_of": before,
            "rate": m.rate,
            "currency": currency,
            "usd": usd,
            "conversion": _conversion(span),
            "timex": timex_seq,
        }
        if _running(text, anchor):
            data["running"] = True
        if is_bare(data["measure_key"]):
            if home:
                data["home"] = home  # a bare word's figure: the country its report is about, which no two reports' conflict crosses
            if about is None:
                about = _about(text, mentions)
            if about:
                data["about"] = about  # and whom: two reports' bare words agreeing by chance tie to no one in common
        if is_toll(data["measure_key"]):
            at = incident_places(anchor, mentions, text)
            if at:
                data["at"] = at
        out.append(make_record("figure", text, span.start, span.end, **data))
        if m.key:
            previous.append((span.start, anchor, m, span.kind, len(out) - 1))
    _from_to(text, out)
    return out


def _about(text: str, mentions: list[Record], most: int = 5) -> list[str]:
    """The people (by surname) and organisations a report names at least twice, the `most` named most
    often, in lower case: whom its figures are about ("teixeira", "red sox")."""
    named: Counter[str] = Counter()
    for m in mentions:
        label = m.data.get("label")
        if label in ("PERSON", "ORG"):
            name = " ".join((m.data.get("form") or text[m.start:m.end]).split()).lower()
            named[name.split()[-1] if label == "PERSON" else name] += 1
    return sorted(n for n, k in named.most_common(most) if k >= 2)


CLAUSE_LINKS = ("advcl", "conj", "xcomp", "relcl", "acl", "pcomp")  # ways up that stay in the incident's clause
OTHER_STATEMENTS = ("ccomp", "parataxis")  # a clause of its own: who said it, or another report


def incident_places(anchor: Any, mentions: list[Record], text: str) -> list[list[str | None]]:
    """The places a toll's clause names, as [country, city or region] pairs ("A missile
    strike on Odesa killed 21" -> [["UA", "Odesa"]]; "a bank in Greece" -> [["GR", None]]): the clause of
    the figure's verb, up through the clauses it continues ("the guard who killed two inmates in Atlanta",
    "a fire at a warehouse in Lagos, killing nine"), without the statements beside it ("…, the
    governor of Kherson said"). A toll is of the incident where it happened: two tolls whose places
    meet nowhere are of two incidents (`threadline.resolve.quantities`)."""
    head = anchor
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in OTHER_STATEMENTS:
        head = head.head
    while head.dep_ in CLAUSE_LINKS and head.head.i != head.i:
        head = head.head
    skip = {t.i for child in head.children if child.dep_ in OTHER_STATEMENTS for t in child.subtree}
    lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
    found: list[list[str | None]] = []
    doc = anchor.doc
    for m in mentions:
        if m.start < lo or m.end > hi or m.data.get("label") not in ("GPE", "LOC"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or all(t.i in skip for t in span) or not _where(span.root):
            continue
        name = text[m.start:m.end]
        code = m.data.get("country")
        if code is None:
            town = places.town(name)
            pair = [town["country"], town["name"]] if town else [None, name]
        else:
            pair = [code, None]
        if pair not in found:
            found.append(pair)
    inside = [(m.start, m.end) for m in mentions]
    for t in head.subtree:  # a city the model left untagged, as a preposition's object ("the port of Odesa")
        if t.i in skip or t.pos_ != "PROPN" or t.dep_ != "pobj" or not _where(t) or not t.text[:1].isupper() or any(s <= t.idx < e for s, e in inside):
            continue
        code = places.city_named(t.text, 100_000)
        pair = [code, t.text]
        if code and pair not in found:
            found.append(pair)
    return found


LOCATIVE_PREPS = frozenset({"in", "at", "on", "near", "off", "outside", "inside", "across", "around", "of", "into", "over", "along", "throughout"})


def _where(tok: Any) -> bool:
    """A place named as where something happened: the object of a locative preposition ("in Kharkiv",
    "the port of Odesa") or a noun's modifier ("an Atlanta courthouse"); not a side ("fighting for
    Russia") nor an actor ("Russia said", "shelled by Ukraine")."""
    if tok.dep_ == "pobj":
        return tok.head.lower_ in LOCATIVE_PREPS
    if tok.dep_ == "dobj":  # "capsized off Lesbos", the preposition parsed as the verb's particle
        return any(c.dep_ == "prt" and c.lower_ in LOCATIVE_PREPS for c in tok.head.children)
    return tok.dep_ in ("compound", "nmod", "poss") and tok.head.pos_ in ("NOUN", "PROPN")


HEDGE_WORDS = r"(?:just|only|about|around|some|nearly|almost)?"  # a hedge between "from" or "to" and its figure
FROM_TO = (re.compile(rf"\bfrom\s+{HEDGE_WORDS}\s*$", re.I), re.compile(rf"\s+to\s+{HEDGE_WORDS}\s*", re.I))


def _from_to(text: str, figures: list[Record]) -> None:
    """ "were raised from 10% to 25% in May": the value after "from" is the earlier of the one "to"
    reaches, which the sentence gives second (`_earlier` reads the other order, "25%, up from 10%").
    Only for two figures of one measure and unit with nothing but "to" between them."""
    opening, between = FROM_TO
    for k, (first, second) in enumerate(zip(figures, figures[1:])):
        a, b = first.data, second.data
        if a["earlier_of"] is not None or b["earlier_of"] is not None or not a["measure_key"] or (a["measure_key"], a["unit"]) != (b["measure_key"], b["unit"]):
            continue
        if opening.search(text[max(0, first.start - 20):first.start]) and between.fullmatch(text[first.end:second.start]):
            a["earlier_of"] = k + 1


def _conversion(span: Span) -> dict[str, Any] | None:
    """The article's own conversion in brackets, in whatever currency: "$US55,931,000 ($A82,615,680)"."""
    if span.conversion is None:
        return None
    amount, conv_currency, conv_q = span.conversion
    return {"value": amount, "currency": conv_currency, "qualifier": conv_q or "exact"}


RATE_BASE = re.compile(r"\b(?:per|for\s+every|out\s+of\s+every|in\s+every)\s+$", re.I)  # "7.5 lines per 100 people"
ONE_TO_ANOTHER = re.compile(r"(?:\s+[a-z]+)?\s+(?:to|or|after)\s+another\b", re.I)  # "from one phone to another"
OWNING_DETERMINERS = ("the", "this", "that", "its", "their", "his", "her", "our", "your", "my")


def _not_counted(doc: Any, span: Span, anchor: Any, text: str, names: list[tuple[int, int]]) -> bool:
    """Numbers in names ("S&P 500"), a pronoun "one", "divide in two territory", a rate's base ("per 100
    people"), "from one phone to another", a model's number ("the 7610 phone")."""
    if _in_name(names, span) or not span.spelled and _beside_name(doc, anchor, span):
        return True
    if RATE_BASE.search(text, max(0, span.num_start - 16), span.num_start):
        return True  # the base of a rate given beside it, not a count of its own
    if text[span.num_start:span.num_end].lower() == "one" and ONE_TO_ANOTHER.match(text, span.num_end):
        return True
    if not span.spelled and _model_number(anchor, span, text):
        return True
    if span.spelled and not span.vague:
        words = text[span.num_start:span.num_end].lower()
        counted = anchor.dep_ == "nummod" and anchor.head.pos_ == "NOUN" and not span.num_start <= anchor.head.idx < span.num_end
        if words == "one" and not counted:
            return True
        if counted and (span.value or 0) > 1 and anchor.head.tag_ == "NN" and not anchor.head.lower_.endswith("s"):
            return True
    return False


def _model_number(anchor: Any, span: Span, text: str) -> bool:
    """ "the 7610 phone", "its 2000 series": a number before a singular noun that a determiner owns is
    the thing's name; a count would make it plural ("the 300 phones"). Not a measure's compound
    ("a 35-man squad", "a 10 point lead": no owning determiner, or a hyphen)."""
    head = anchor.head
    if anchor.dep_ != "nummod" or head.i <= anchor.i or head.pos_ != "NOUN" or head.tag_ != "NN" or (span.value or 0) <= 1:
        return False
    if text[span.num_end:span.num_end + 1] == "-" or head.lower_.endswith("s"):
        return False
    det = next((c for c in head.children if c.dep_ in ("det", "poss") and c.i < anchor.i), None)
    return det is not None and det.lower_ in OWNING_DETERMINERS


def _rate_after(text: str, span: Span) -> str | None:
    """ "$80 a barrel", "$1,900 an ounce", "$950 per sq m", "41 cents a share", "11 feet per century":
    the amount is a price or a rate per unit of something (a period is left to the timexes)."""
    end = end_with_conversion(text, span)
    glued = re.match(r"-(?:a|an|per)-(day|week|month|year)\b", text[end:end + 12])
    if glued:  # "a 9,000 barrel-a-day plant"
        return lexicon()["periods"][f"P1{glued.group(1)[0].upper()}"]
    m = re.match(r"\s*(?:per|a|an)\s+((?:square|cubic|sq\.?)\s+)?([A-Za-z]+)\b", text[end:end + 30])
    if not m:
        return None
    noun = m.group(2) if m.group(2).isupper() else m.group(2).lower()
    if noun.lower() in ("year", "month", "week", "day", "hour", "few", "lot", "bit", "total", "further", "result", "while", "number", "couple", "time"):
        return None
    if span.kind == "unit" and span.unit not in ("cent", "penny") and m.group(0).split()[0] != "per":
        return None  # a measurement is a rate only with "per" ("11 feet per century"); "88 tons a ..." is not
    units = lexicon()["units"]
    square = "square-" if m.group(1) and m.group(1).strip(" .").lower() in ("square", "sq") else ("cubic-" if m.group(1) else "")
    name = units.get(noun) or units.get(noun.lower())
    if name is None:
        low = noun.lower()
        name = low[:-1] if low.endswith("s") and len(low) > 3 and not low.endswith("ss") else low
    return "per-" + square + name.replace(" ", "-")


def _beside_name(doc: Any, anchor: Any, span: Span) -> bool:
    """A number that is part of a name: "S&P 500", "Big 12", "737 Max jets", "Galaxy Note 20", "Oregon 99"."""
    first = doc.char_span(span.num_start, span.num_end, alignment_mode="expand")
    if first is None:
        return False
    before = doc[first.start - 1] if first.start > 0 else None
    after = doc[first.end] if first.end < len(doc) else None
    if before is not None and not before.is_sent_start and before.pos_ == "PROPN" and before.text[:1].isupper():
        if before.ent_type_ not in ("DATE", "TIME", "MONEY", "GPE", "NORP", "LOC"):
            return True
        if before.ent_type_ in ("GPE", "LOC") and anchor.dep_ == "nummod" and anchor.head.i == before.i:
            return True  # a place's number ("Oregon 99", a highway) or its score ("Ukraine 3, Russia 1"), no count
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() and after.ent_type_ not in ("NORP", "GPE", "LOC"):
        if not places.demonym_country(after.text) and anchor.dep_ != "nummod":
            return True
    head = anchor.head
    if anchor.dep_ == "nummod" and head.i != anchor.i and (span.value or 0) > 1:
        if head.tag_ in ("NNP", "NN") and head.text[:1].isupper() and not head.is_sent_start and len(head.text) > 2 and not head.text.isupper() and head.ent_type_ not in ("NORP", "GPE", "LOC") and not places.demonym_country(head.text):
            return True  # "the 787 Dreamliner", "the Big 12", "iPhone 11 Pro": a count of one named thing is a name
        counted = any(c.dep_ == "nummod" and c.i < anchor.i for c in head.children)
        if counted and after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
            return True  # "three new 737 Max jets": the count is "three", 737 is the model
    return False


PERIOD_UNITS = ("day", "week", "month", "quarter", "year")
DIFFERENCE = re.compile(r"\s+(?:less|more|cheaper|dearer|extra)\b(?!\s+or\b)", re.I)


GENERIC_DETERMINERS = ("those", "all", "any")


def _class_threshold(anchor: Any) -> bool:
    """A figure inside "with …" after a bare plural noun ("regions with a jobless rate of 12-15%",
    "firms with more than 250 staff") bounds a class of things, and claims nothing of any one of them;
    counted or owned things ("two planes with 300 passengers", "its banks with …") keep their figures."""
    tok = anchor
    for _ in range(6):
        if tok.dep_ == "prep" and tok.lower_ == "with":
            noun = tok.head
            if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
                return False
            return not any(c.dep_ in ("nummod", "poss") or c.dep_ == "det" and c.lower_ not in GENERIC_DETERMINERS for c in noun.children)
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _sample_size(anchor: Any) -> bool:
    """A count sizing a study's sample: "a study in 38 people", "a survey of 1,000 adults", "a review of 14
    studies" (the counted noun the object of a preposition of `sample_preps` after a noun of `samples`)."""
    words = number_lexicon()["not_figures"]
    noun = anchor.head if anchor.dep_ == "nummod" else anchor
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in words["sample_preps"] and prep.head.lemma_.lower() in words["samples"]


# A running total: "So far, the navy has seized 14 rifles", "has detained a total of 120 people", "to date".
RUNNING = re.compile(r"\b(?:so far|thus far|to date|till date|until now|up to now|a total of|in total|altogether)\b", re.I)


def _running(text: str, anchor: Any) -> bool:
    """Whether the figure's clause gives a running total ("So far, the navy has confiscated 14 rifles, 31
    magazines and 923 rounds"), which holds every count of one operation within it."""
    sent = anchor.sent  # its text sliced from the document's (`text`): `Span.text` joins the tokens' texts anew
    return RUNNING.search(text[sent.start_char : sent.end_char]) is not None


MULTIPLIER = re.compile(r"\b(?:factor|multiple)\s+of\s*$", re.I)  # "rise by a factor of 10": how many times, not a count
MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# The time an earlier value is of, as a possessive before it ("up from November's 4.2%", "down from the third
# quarter's 5.1%", "compared with last year's 2.2%"): a month, a period, "last year", "the previous quarter".
EARLIER_OWNER = rf"(?:(?:the|last|a)\s+)?(?:(?:previous|prior|same|first|second|third|fourth|final|last|earlier)\s+)?(?:{MONTHS}|year|month|quarter|period|week|(?:19|20)\d\d)['’]s\s+"
EARLIER = re.compile(rf"\b(?:up|down|from|compared\s+(?:with|to))\s+(?:{EARLIER_OWNER})?{HEDGE_WORDS}\s*$", re.I)
EARLIER_TIME = re.compile(
    rf"^\S*\s+(?:in\s+|during\s+|for\s+)?(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior|preceding|year|month|quarter)|last\s+(?:year|month|quarter)|in\s+(?:19|20)\d\d|(?:19|20)\d\d\b|"
    rf"(?:a|one|the)\s+(?:month|quarter)\s+(?:earlier|before)|{MONTHS}\b)",
    re.I,
)


def _earlier(text: str, span: Span) -> bool:
    """A figure a sentence gives as the earlier value of the one before it: "up from 0.3%", "down from
    $1bn", "fell to 5.2% from 5.4%", "compared with £1.9bn a year earlier" ("compared with" only with a
    time after it: "compared to 34% who said ..." is another group, not an earlier count); the time may be
    a possessive before it ("up from November's 4.2%") or a phrase after it ("compared with 0.5% in the
    previous quarter", "compared with 5.6% in October")."""
    m = EARLIER.search(text[max(0, span.start - 60):span.start])
    if m is None:
        return False
    if m.group(0).lower().startswith("compared"):
        return re.search(r"['’]s\s+\S*$", m.group(0)) is not None or EARLIER_TIME.match(text[span.end:span.end + 40]) is not None
    return True


def _antecedent(m: Measure, span: Span, anchor: Any, previous: list[tuple[int, Any, Measure]], across: bool = False) -> Measure:
    """ "put the number at 185,000" takes the measure of the last figure before it within reach; a
    bare number ("up from 231,000") that of the last figure in its own sentence."""
    for start, prior_anchor, prior in reversed(previous):
        if span.start - start > ANAPHOR_REACH:
            break
        if not (m.anaphor or across) and prior_anchor.sent.start != anchor.sent.start:
            break
        m.key = prior.key
        m.unit = m.unit or prior.unit
        m.text = f"{m.text} ({prior.text})" if m.text and m.anaphor else prior.text
        return m
    return m


def _usd(span: Span, currency: str | None, value: float | None, as_of: TimePoint | None, published: TimePoint | None) -> dict[str, Any] | None:
    if span.conversion is not None:
        amount, conv_currency, conv_q = span.conversion
        if conv_currency == "USD":
            return money.from_article(amount, conv_q)
        if currency is None and conv_currency:
            return money.to_usd(amount, conv_currency, as_of, published)
    if currency is None:
        return {"value": None, "computed": False, "source": None, "reason": "currency not stated"}
    return money.to_usd(value, currency, as_of, published)
