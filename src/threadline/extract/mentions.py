"""Entity mentions with offsets: the model's entities, cleaned up and typed per document."""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy
from spacy.parts_of_speech import PROPN

from .. import places
from ..discourse import types
from ..discourse.coref import CAMEL, CAMEL_SHAPES, lexicon
from ..pipeline import Context, Record, component, make_record
from . import scan
from .attribution_frames import cues, lemma_of

# Clean-up and typing rules, each measurable on its own (options["disabled_mention_rules"] turns some off).
RULES = ("trim", "glued", "credit", "headline-fragment", "title-split", "the-split", "untagged-acronym", "untagged-place", "untagged-person", "untagged-speaker", "untagged-organisation", "untagged-thing", *types.RULES, "nested-person", "nested-organisation", "surname-propagation", "given-name-propagation", "name-propagation", "acronym", "outlet", "institution")

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW")
THING_LABELS = ("PRODUCT", "WORK_OF_ART", "LANGUAGE")  # a person's name the model may mistake for one of these
NUMERIC_LABELS = ("DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL")
SUBJECTS = ("nsubj", "nsubjpass")


@cache
def rules() -> dict[str, Any]:
    return tomllib.loads(resources.files("threadline").joinpath("data/entities.toml").read_text("utf-8"))


_TRADE_LEAD = re.compile(r"[A-Z][a-z]+ (?=[A-Z])")  # a capitalised word before another opening a person's span


def _trim(text: str, start: int, end: int, label: str = "") -> tuple[int, int]:
    """Keep the last line of a span that crosses a line break; drop a leading
    article and trailing punctuation, dash or possessive, an unclosed bracket and what
    follows it ("World Health Organisation (WHO") and a dateline's weekday glued to the
    name ("Wikinews Saturday, May 2")."""
    span = text[start:end]
    start += len(span) - len(span.lstrip())
    end -= len(span) - len(span.rstrip())
    span = span.strip()
    if "\n" in span:
        cut = span.rstrip().rfind("\n") + 1
        start += cut
        span = span[cut:]
    while span[:2] in ("- ", "\u2013 ", "\u2014 "):  # "… - Dana Reyes": the dash before a signature or an aside
        span = span[2:].lstrip()
        start = end - len(span)
    for det in ("the ", "The ", "a ", "an "):
        if span.startswith(det) and len(span) > len(det):
            start += len(det)
            span = span[len(det):]
    while span and span[-1] in ".,;:)”\"'’" and not span.endswith("."):
        end -= 1
        span = span[:-1]
    while span.endswith((" -", " \u2013", " \u2014")):  # "Dana Reyes - known as …": the aside's dash
        span = span[:-2].rstrip()
        end = start + len(span)
    while label == "PERSON" and (lead := _TRADE_LEAD.match(span)) and lead.group().strip().lower() in types.cues()["occupations"]:
        start += lead.end()  # "Rapper Dana Reyes" opening a sentence: her trade, not her name
        span = span[lead.end():]
    for poss in ("'s", "’s"):
        if span.endswith(poss):
            end -= 2
            span = span[:-2]
    opened = span.rfind(" (")
    if opened > 0 and ")" not in span[opened:]:
        end -= len(span) - opened
        span = span[:opened]
    weekday = _GLUED_WEEKDAY.search(span)
    if weekday and text[end : end + 1] == "," and label != "EVENT":
        end -= len(weekday.group())
        span = span[: -len(weekday.group())]
    score = _GLUED_SCORE.search(span)
    if score and _SCORE_REST.match(text, end):
        end -= len(score.group())  # "Sweden 1" of "Sweden 1 – 0 Korea": the score is not the name
    elif label == "PERSON" and (runs := _PERSON_SCORE.search(span)) and not _LOWER_WORD_NEXT.match(text, end):
        end -= len(runs.group())  # "T. Varga 84" of a results list: a person's name has no number
    return start, end


_GLUED_WEEKDAY = re.compile(r"(?<=\S) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")
_GLUED_SCORE = re.compile(r"(?<=\w) \d{1,2}$")
_PERSON_SCORE = re.compile(r"(?<=[A-Za-z.]) \d{1,3}$")  # a score or a count of runs after a name in a results list
_LOWER_WORD_NEXT = re.compile(r" [a-z]")  # "Xbox 2 will …": a sequel's number, left to the typing step
_SCORE_REST = re.compile(r"\s*[-\u2013\u2014]\s*\d{1,2}\b")


def _unglue(text: str, start: int, end: int) -> int:
    """The end of a place's name that scraping glued to the next word ("Ukraineaccording to"):
    a one-word span that is no known place but opens with a country or a capital, the rest a
    function word or a reporting word of three letters or more."""
    name = text[start:end]
    if len(name) < 6 or not name[:1].isupper() or not name[1:].isalpha() or not name[1:].islower() or _is_place(name):
        return end
    for cut in range(len(name) - 3, 3, -1):
        if name[cut:] in _glue_words() and (places.country_code(name[:cut]) or places.capital_country(name[:cut])):
            return start + cut
    return end


def _is_place(name: str) -> bool:
    return bool(places.country_code(name) or places.capital_country(name) or places.place(name) or places.demonym_countries(name))


@cache
def _glue_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(rules()["glued_words"])


def is_credit(text: str, start: int, end: int, name: str) -> bool:
    """A mention used as a picture or agency credit, not as an actor."""
    if places.norm(name) not in rules()["credit_names"]:
        return False
    before = text[max(0, start - 6):start]
    after = text[end:end + 8]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start: line_end if line_end != -1 else len(text)]
    return (
        "/" in before[-3:]
        or before.endswith(("via ", "(", "Photo: ", "Photo by "))
        or after.startswith((" Photo", ")", " /", "/", ", File"))
        or len(line.split()) <= 6
    )


def _title_split(ctx: Context, ent: Any) -> list[tuple[int, int, str]] | None:
    """"Ambassador to Caracas Sergey Melik-Bagdasarov" tagged ORG -> GPE + PERSON."""
    tokens = list(ent)
    if len(tokens) < 3:
        return None
    window = ctx.doc[max(0, ent.start - 3):ent.start]
    titles = rules()["titles"]
    if not any(t.lower_ in titles for t in window):
        return None
    first = tokens[0]
    previous = ctx.doc[ent.start - 1].lower_ if ent.start else ""
    if previous not in ("to", "in", "at") or not first.text[:1].isupper():
        return None
    if not (places.country_code(first.text) or places.place(first.text)):
        return None
    rest = tokens[1:]
    if not all(t.text[:1].isupper() or t.text == "-" for t in rest) or len([t for t in rest if t.text != "-"]) < 2:
        return None
    if any(t.lower_ in rules()["org_words"] for t in rest):
        return None
    return [
        (first.idx, first.idx + len(first.text), "GPE"),
        (rest[0].idx, tokens[-1].idx + len(tokens[-1].text), "PERSON"),
    ]


def _headline_fragment(ent: Any) -> bool:
    """A title-case run with a verb in it ("Medvedev Says Recruitment Is Ahead") is not an organisation."""
    return len(ent) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in ent)


def _propagate_surnames(ctx: Context, persons: dict[str, str], taken: list[tuple[int, int]]) -> list[Record]:
    """Occurrences of a surname the model missed, once the full name is known in the document: a
    proper noun, or a word the tagger reads as a common one ("Waters") where it is a subject."""
    out: list[Record] = []
    if not persons:
        return out
    strings = ctx.doc.vocab.strings
    for i in scan.positions(ctx.doc, "ORTH", [strings.add(name) for name in persons]):  # a Token only where a surname is
        token = ctx.doc[i]
        if token.pos != PROPN and token.dep_ not in SUBJECTS:
            continue  # a surname the tagger reads as a common word ("Waters") is the person only as a subject
        if token.text[:1].isupper():
            s, e = token.idx, token.idx + len(token.text)
            if not any(a < e and s < b for a, b in taken):
                out.append(make_record("mention", ctx.text, s, e, label="PERSON", rule="surname-propagation", form=persons[token.text]))
    return out


def _propagate_given_names(ctx: Context, decisions: types.Typing, surnames: dict[str, str], taken: list[tuple[int, int]]) -> list[Record]:
    """Occurrences of the first word of a full name the model left untagged ("Rosa" after "Rosa
    Lindqvist", an interview's way of naming its guest): that person, when the word is a given name that
    opens exactly one of the document's full names and ends none, and the tagger calls it a proper noun."""
    owners: dict[str, set[str]] = {}
    for d in decisions.values():
        words = d.form.split()
        if d.label == "PERSON" and len(words) >= 2 and "\n" not in d.form:
            owners.setdefault(words[0], set()).add(d.form)
    firsts = {w: forms.pop() for w, forms in owners.items() if len(forms) == 1 and w not in surnames and len(w) >= 3 and w[:1].isupper() and w[1:].islower() and types.is_given_name(w) and w.lower() not in types.cues()["person_titles"]}
    out: list[Record] = []
    if not firsts:
        return out
    strings = ctx.doc.vocab.strings
    for i in scan.positions(ctx.doc, "ORTH", [strings.add(w) for w in firsts]):
        token = ctx.doc[i]
        s, e = token.idx, token.idx + len(token.text)
        nxt = ctx.doc[i + 1] if i + 1 < len(ctx.doc) else None
        prev = ctx.doc[i - 1] if i else None
        if nxt is not None and nxt.pos == PROPN and nxt.text[:1].isupper():
            continue  # "Orla Kearns": the opening of a longer name, not the person alone
        if prev is not None and (prev.text[:1].isupper() and prev.pos == PROPN or prev.lower_ == "the" or prev.lower_ in types.cues()["org_nouns"]):
            continue  # "Doc Martin", "Super Mario", "the Lyric", "the comics company Marvel": a word of another name
        if token.pos == PROPN and not _word_char(ctx.text, s - 1) and not _word_char(ctx.text, e) and not any(a < e and s < b for a, b in taken):
            out.append(make_record("mention", ctx.text, s, e, label="PERSON", rule="given-name-propagation", form=firsts[token.text]))
    return out


_CONTEXTUAL = ("capital-metonym", "country-actor")  # rules that hold for one occurrence, not for the name


def _propagate_names(text: str, decisions: types.Typing, taken_spans: list[tuple[int, int]]) -> list[Record]:
    """Further occurrences of a name the document gives an entity, which the model left untagged
    ("Scientology", "The Onion" tagged once and missed elsewhere), with that mention's type."""
    generic = set(rules()["generic_org_words"])
    names: dict[str, dict[str, Any]] = {}
    tagged = Counter(text[start:end] for start, end in decisions)  # how often the model tagged each name
    for (start, end), d in decisions.items():
        name = text[start:end]
        thing = d.rule == "thing"  # a thing the report says the name is ("the probe Vantara", "Glimmr is a wiki"), at every occurrence
        if len(name) < 3 or not (name[:1].isupper() or thing and CAMEL.match(name)) or d.label not in ACTOR_LABELS and not thing or (d.label == "PERSON" and " " not in name):
            continue
        if tagged[name] < 2 and " " not in name and not d.rule and not (d.label in types.PLACE_LABELS and _is_place(name)) and not types.cued(text, start, end, d.label):
            continue  # one word tagged once, typed on the model's word alone: too little to tag its other occurrences
        if all(w in generic for w in name.lower().split()):
            continue  # "State", "Defence": a word of many names, not one
        data: dict[str, Any] = {"label": d.label, "rule": "thing" if thing else "name-propagation"}
        if d.country and d.stands_for_country and d.rule not in _CONTEXTUAL:
            data["country"] = d.country
        elif d.country and d.label == "ORG":
            data["qualifier"] = d.country
        if d.form != name:
            data["form"] = d.form
        if d.rule == "team":  # a side of the match report at every occurrence
            data.update(rule="team", country=d.country)
            names[name] = data
        names.setdefault(name, data)
    taken = bytearray(len(text) + 1)  # 1 where a mention or a model entity already is
    for a, b in [*decisions, *taken_spans]:
        taken[a:b] = b"\x01" * (b - a)
    found: list[tuple[int, int, str]] = []
    for name in sorted(names, key=len, reverse=True):  # a longer name first: "New Delhi" before "Delhi"
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            if not (_word_char(text, at - 1) or _word_char(text, end)) and not any(taken[at:end]) and not any(a < end and at < b for a, b, _ in found):
                found.append((at, end, name))
            at = text.find(name, at + 1)
    out = []
    for s, e, name in sorted(found):
        if not types.is_furniture(text, types.Candidate(s, e, names[name]["label"])):
            out.append(make_record("mention", text, s, e, **names[name]))
    return out


NAME_FUNCTION_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "to", "&"})  # "Ministry of Defence": M, D


@lru_cache(maxsize=1 << 16)
def initials(name: str) -> frozenset[str]:
    """Initials of an organisation name, with and without function words (a leading country code is ignored)."""
    name = re.sub(r"^[A-Z]{2} ", "", name)
    words = [w for w in re.split(r"[\s-]+", places.norm(name).removeprefix("the ")) if w]
    full = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in NAME_FUNCTION_WORDS)
    return frozenset({full, content})


_BRACKETED_ACRONYM = re.compile(r" \(([A-Z]{2,6})\)")


def _acronyms(text: str, decisions: types.Typing, taken: list[tuple[int, int]]) -> list[Record]:
    """An organisation's acronym given in brackets right after its name ("the World Health
    Organisation (WHO)"), whose letters are the name's initials, is that organisation there and at
    every other occurrence the model left untagged ("WHO recommends …": a word the model reads as
    "who")."""
    given: dict[str, types.Decision] = {}
    for (start, end), d in decisions.items():
        m = _BRACKETED_ACRONYM.match(text, end) if d.label == "ORG" else None
        if m and m.group(1).lower() in initials(text[start:end]):
            given.setdefault(m.group(1), d)
    out: list[Record] = []
    for acronym, d in given.items():
        for m in re.finditer(rf"(?<![\w'’-]){acronym}(?![\w'’-])", text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                data: dict[str, Any] = {"label": "ORG", "rule": "acronym"}
                if d.country:
                    data["qualifier"] = d.country
                out.append(make_record("mention", text, m.start(), m.end(), **data))
    return out


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_'’-")


# 6: the parse splits curly quote marks glued to a word (analyze.GLUED_QUOTES); every later
# component reads the mentions, so a new tokenization reaches them all. 7: a one-word name
# tagged once on the model's word alone is not propagated. 8: an organisation's acronym given in
# brackets after its name is the organisation wherever it stands. 9: a dash that opens an aside
# after a name ("Dana Reyes - known as DJ Ray - said") is not part of it, nor a trade that opens
# a sentence ("Rapper Dana Reyes"). 10: a run of proper nouns the model types as no one, or as a product or
# a work, that speaks with a given name or holds a person's role in apposition is a person (untagged-speaker).
# 11: an untyped name right after a noun of an organisation's kind is an organisation (untagged-organisation)
# 12: untagged-speaker takes a name coordinated with a person's name ("Tomas Berg and Vera Lund")
# 13: a name the model types as no one, or as a product or a work, that the report says is a product or an
# organisation is one at every occurrence (untagged-thing); a thing's name is propagated as a thing
@component("mentions", 13 + types.VERSION, assigns=("mention",))
def MENTIONS(ctx: Context) -> list[Record]:
    text = ctx.text
    off = frozenset(ctx.options.get("disabled_mention_rules", ()))
    out: list[Record] = []
    candidates: list[types.Candidate] = []
    model_spans: list[tuple[int, int]] = []  # every entity of the model, of any label
    ents = ctx.doc.ents  # spaCy builds the tuple anew at each `doc.ents`
    model_labels: list[str] = []
    for ent in ents:
        model_spans.append((ent.start_char, ent.end_char))
        label = ent.label_
        model_labels.append(label)
        if label in NUMERIC_LABELS:
            out.append(make_record("mention", text, ent.start_char, ent.end_char, label=label))
            continue
        if label not in ACTOR_LABELS:
            continue
        start, end = (ent.start_char, ent.end_char) if "trim" in off else _trim(text, ent.start_char, ent.end_char, label)
        if "glued" not in off:
            end = _unglue(text, start, end)
        name = text[start:end]
        if not name.strip():
            continue
        if "the-split" not in off:
            parts = _the_split(text, start, end, ents)
            if parts:
                candidates.extend(types.Candidate(s, e, label) for s, e in parts)
                continue
        if "credit" not in off and is_credit(text, start, end, name):
            continue
        if label == "ORG" and "headline-fragment" not in off and _headline_fragment(ent):
            continue
        if label == "ORG" and "title-split" not in off:
            split = _title_split(ctx, ent)
            if split:
                candidates.extend(types.Candidate(s, e, lab) for s, e, lab in split)
                continue
        candidates.append(types.Candidate(start, end, label, ent))
    candidates.extend(_untagged(ctx, model_spans, off, model_labels))
    decisions = types.decide(ctx.doc, text, candidates, off)
    persons: dict[str, str] = {}  # surname -> full name within this document
    forms = {d.form for d in decisions.values() if d.label == "PERSON" and "\n" not in d.form}
    people = frozenset([*forms, *(f.split()[-1] for f in forms)])  # the document's people, by full name and surname
    # the document's organisations of two words or more, or acronyms: a one-word name the model calls one is often none
    organisations = frozenset(n for (s, e), d in decisions.items() if d.label == "ORG" and "\n" not in (n := text[s:e]) and (" " in n or n.isupper()))
    for (start, end), d in decisions.items():
        data: dict[str, Any] = {"label": d.label}
        if d.rule:
            data["rule"] = d.rule
        if d.form != text[start:end]:
            data["form"] = d.form
        if d.stands_for_country:
            data["country"] = d.country
        elif d.country:
            data["qualifier"] = d.country  # the organisation's country
        if d.label not in ("PERSON", "NORP") and "nested-place" not in off:
            inner = types.nested_places(text, start, end, inside=d.label in ("ORG", "FAC"))
            if inner:  # "University of Helsinki": the place its name holds
                data["places"] = [{"start": s, "end": e, "name": text[s:e], "country": code} for s, e, code in inner]
                codes = {code for _, _, code in inner}
                if d.label == "ORG" and not data.get("qualifier") and not data.get("country") and len(codes) == 1:
                    data["qualifier"] = codes.pop()  # and the organisation's country: "University of Helsinki" is Finland's
        if d.label not in ("PERSON", "NORP") and "nested-person" not in off:
            person = types.nested_name(text, start, end, people)
            if person:  # "the Andy Warhol Foundation": the person it is named after
                data["persons"] = [{"start": person[0], "end": person[1], "name": text[person[0] : person[1]], "form": person[2]}]
        if d.label not in ("PERSON", "NORP") and "nested-organisation" not in off:
            org = types.nested_name(text, start, end, organisations - {text[start:end]})
            if org:  # "USI Art Collections": the organisation it belongs to
                data["organisations"] = [{"start": org[0], "end": org[1], "name": text[org[0] : org[1]]}]
        out.append(make_record("mention", text, start, end, **data))
        if d.label == "PERSON" and len(d.form.split()) >= 2 and "\n" not in d.form:
            persons.setdefault(d.form.split()[-1], d.form)
    if "surname-propagation" not in off:
        out.extend(_propagate_surnames(ctx, persons, [(r.start, r.end) for r in out]))
    if "given-name-propagation" not in off:
        out.extend(_propagate_given_names(ctx, decisions, persons, [(r.start, r.end) for r in out]))
    if "name-propagation" not in off:
        out.extend(_propagate_names(text, decisions, [*((r.start, r.end) for r in out), *model_spans]))
    if "acronym" not in off:
        out.extend(_acronyms(text, decisions, [(r.start, r.end) for r in out]))
    if "outlet" not in off:
        out.extend(_outlets(ctx, [*((r.start, r.end) for r in out), *model_spans]))
    out.sort(key=lambda r: (r.start, r.end))
    if "institution" not in off:
        out.extend(_institutions(ctx, out))
        _bare_institutions(ctx, out)
    return sorted(out, key=lambda r: (r.start, r.end))


def _the_split(text: str, start: int, end: int, ents: Any) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Two names the model ran together over a lower-case "the" ("according to Rathbun the
    Scientology official …"): when the words before "the" are a name the model tags on its own
    elsewhere in the document, the span is that name and the one after "the" ("Alexander the
    Great", whose first word the document never names alone, stays one name)."""
    name = text[start:end]
    cut = name.find(" the ")
    if cut <= 0 or not name[cut + 5 : cut + 6].isupper():
        return None
    first = name[:cut]
    if not any(e.text == first and e.start_char != start for e in ents):
        return None
    return (start, start + cut), (start + cut + 5, end)


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_CODE_BEFORE = re.compile(r"[A-Z0-9][-/]$")  # "CC BY-SA": a part of a code
_MONEY_NEXT = re.compile(r" ?[$€£¥\d]")  # "NZ $26 million", "US 5": a currency's or a unit's code


def _untagged(ctx: Context, model_spans: list[tuple[int, int]], off: frozenset[str], model_labels: list[str] | tuple[()] = ()) -> list[types.Candidate]:
    """Names the model left out of its entities entirely: an acronym in capitals the tagger calls a
    proper noun ("the lawmaker of ADPL", "members of the WTA") is an organisation, or the place the
    gazetteer knows by it ("the US"), but no credit word ("FILE - …"); a run of proper nouns that is
    a country, a capital or a state or province ("back home in Tasmania", a dateline's "KYIV,
    Ukraine") is a place, unless it is also a given name ("Georgia"). An acronym on a line written
    in capitals (a heading) is left alone."""
    out: list[types.Candidate] = []
    taken = bytearray(len(ctx.text) + 1)  # 1: an actor's or a number's span of the model; 2: a thing's ("Dana Reyes" as a product)
    for n, (a, b) in enumerate(model_spans):  # a span with no label given is an actor's
        label = model_labels[n] if n < len(model_labels) else ""
        taken[a:b] = (b"\x02" if label in THING_LABELS else b"\x01") * (b - a)
    doc = ctx.doc
    unnamed: list[tuple[int, int, int, int]] = []  # (start, end, first, last) of the runs no rule above took
    i = 0
    for p in scan.positions(doc, "POS", [PROPN]):  # a run opens with a proper noun: a `Token` for those alone
        if p < i:
            continue  # inside the run before
        i = p
        token = doc[i]
        kind = max(taken[token.idx : token.idx + len(token.text)], default=0)
        if kind == 1 or kind == 2 and "untagged-speaker" in off:
            continue
        j, last = i, token
        while j + 1 < len(doc):  # the run goes on over capitalised proper nouns one space apart, of the same kind of span
            after = doc[j + 1]
            if not (after.pos == PROPN and after.text[:1].isupper() and max(taken[after.idx : after.idx + len(after.text)], default=0) == kind and after.idx == last.idx + len(last.text) + 1):
                break
            j, last = j + 1, after
        start, end = token.idx, doc[j].idx + len(doc[j].text)
        name = ctx.text[start:end]
        one_word, first = i == j, i
        i = j + 1
        if kind == 2:  # inside a thing's name of the model: only a person who acts as one or bears a capitalised title
            # is taken from it ("Superintendent Nawaraj Adhikari", not the car of "new-model Lada automobiles")
            lead = _titled_name(ctx.text, doc, first, j)
            if lead and not doc[lead - 1].text[:1].isupper():
                lead = 0
            if lead or _acts_as_person(ctx.text, doc, first, j):
                out.append(types.Candidate(doc[lead].idx if lead else start, end, "PERSON"))
            else:
                unnamed.append((start, end, first, j))
            continue
        known = places.country_code(name) or places.capital_country(name) or places.region(name)
        if "untagged-speaker" not in off and not known and _acts_as_person(ctx.text, doc, first, j):
            out.append(types.Candidate(start, end, "PERSON"))
        elif "untagged-place" not in off and known and not types.is_given_name(name):
            out.append(types.Candidate(start, end, "GPE"))
        elif "untagged-person" not in off and (lead := _titled_name(ctx.text, doc, first, j)):
            out.append(types.Candidate(doc[lead].idx, end, "PERSON"))
        elif "untagged-acronym" not in off and one_word and (not known or len(name) <= 3) and _untagged_acronym(ctx.text, start, end):
            out.append(types.Candidate(start, end, "GPE" if places.country_code(name) else "ORG"))
        elif "untagged-organisation" not in off and not known and _kind_named(ctx.text, doc, first, j):
            out.append(types.Candidate(start, end, "ORG"))
        elif not known:
            unnamed.append((start, end, first, j))
    if "untagged-thing" not in off:
        actors = {ctx.text[a:b] for n, (a, b) in enumerate(model_spans) if n < len(model_labels) and model_labels[n] in ACTOR_LABELS}
        out.extend(_said_kinds(ctx, [*unnamed, *_camel_words(doc, taken)], actors))
    return out


def _camel_words(doc: Any, taken: bytearray) -> list[tuple[int, int, int, int]]:
    """(start, end, first, last) of each word written with a capital inside it ("wikiHow", "eBay") that the tagger
    took for no proper noun and the model for no name (a proper noun's is in the runs of proper nouns)."""
    out = []
    for i in numpy.flatnonzero(CAMEL_SHAPES.mask(doc)).tolist():
        tok = doc[i]
        if tok.pos != PROPN and CAMEL.match(tok.text) and not any(taken[tok.idx : tok.idx + len(tok.text)]):
            out.append((tok.idx, tok.idx + len(tok.text), i, i))
    return out


def _said_kinds(ctx: Context, runs: list[tuple[int, int, int, int]], actors: set[str]) -> list[types.Candidate]:
    """Names the model left untyped, or typed as a product or a work, that the document says are a kind of
    product or of organisation at one of their occurrences (`types.introduced_thing`: "the browser Glimmr",
    "Glimmr, a web browser,", "Glimmr is a wiki that …"; an organisation's kind, the coreference lexicon's
    `organisation_nouns`, as an apposition or after "is": "Kestrel, a Leeds charity,", "Kestrel is a
    consultancy"): that product or an organisation, at every occurrence that is such a name. Not a name the
    model tags as an actor elsewhere in the document (the typing step's vote and propagation type it), not a
    work (a title runs over words in lower case that the runs of proper nouns stop at: "Blown for Good"), not
    a name on a line in capitals (a heading)."""
    if not runs:
        return []
    text, doc = ctx.text, ctx.doc
    said: dict[str, str | None] = {}
    for start, end, first, last in runs:
        name = text[start:end]
        if said.get(name) or name in actors or _capitals_line(text, start):
            continue
        kind = types.introduced_thing(doc, first, last)
        if kind == "WORK_OF_ART":
            said[name] = None
            continue
        if kind is None and any(_organisation_kind(n) for n in types.introducing_nouns(doc, first, last)):
            kind = "ORG"
        if kind is not None and not _is_place(name):
            said[name] = kind
    return [types.Candidate(start, end, kind) for start, end, _, _ in runs if (kind := said.get(text[start:end]))]


def _organisation_kind(noun: Any) -> bool:
    """A noun of an organisation's kind ("charity", "consultancy"), not one of a set of things ("the group of
    chemicals", "a network of roads")."""
    lemma = noun.lemma_.lower()
    return (lemma in lexicon()["organisation_nouns"] or lemma in ORGANISATION_KINDS) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.rights)


ORGANISATION_KINDS = frozenset({"consultancy", "pollster", "brewer", "carmaker", "chipmaker", "drugmaker", "insurer", "lender", "supermarket"})
FIRMS_STAFF = frozenset({"analyst", "consultant", "researcher"})  # "analysts Datamonitor": the staff for the firm


def _kind_named(text: str, doc: Any, first: int, last: int) -> bool:
    """A name of one to three words the model left untyped, right after a lowercase noun of an organisation's
    kind ("the consultancy Harwell", "research firm Marlow", "pollster Ipsos") or a plural of a firm's staff
    ("analysts Datamonitor"): an organisation. Not a place the gazetteer knows, not a given name's, not a
    line in capitals."""
    if first == 0 or last - first > 2:
        return False
    kind = doc[first - 1]
    if kind.pos_ != "NOUN" or not kind.is_lower:
        return False
    lemma = kind.lemma_.lower()
    if not (lemma in lexicon()["organisation_nouns"] or lemma in ORGANISATION_KINDS or kind.tag_ == "NNS" and lemma in FIRMS_STAFF):
        return False
    name = text[doc[first].idx : doc[last].idx + len(doc[last].text)]
    return not (_is_place(name) or types.is_given_name(doc[first].text) or _capitals_line(text, doc[first].idx))


def _acts_as_person(text: str, doc: Any, first: int, last: int) -> bool:
    """A run of proper nouns the model took for no one that acts as a person: a name of one to three words in
    apposition with a person's role ("Reyes, a spokeswoman for …", "Tomas Berg, director of …") or followed by an
    age ("Tomas Berg, 52, said"); or a name of two or three words opening with a given name that is the subject of
    a speech verb ("Regina Ip told the council …"), that is coordinated with a person's name the model tagged
    ("written by Tomas Berg and Vera Lund", where the model tags the first name only), or a subject or a
    possessor that "he" or "she" takes up in its sentence or the next ("Regina Ip won the seat. She …"). Not a name with an article before it ("the Foreign
    Ministry said"), an organisation's or a place's head word last, a place the gazetteer knows, or a line in capitals."""
    if last - first > 2:
        return False
    root = types.name_root(doc, first, last)
    before = doc[first - 1] if first > 0 else None
    if before is not None and before.lower_ in ("the", "a", "an"):
        return False
    words = [t.text for t in doc[first : last + 1]]
    if words[-1].lower().strip(".") in types.cues()["org_heads"] or _is_place(" ".join(words)) or _capitals_line(text, doc[first].idx):
        return False
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" and (c.lemma_.lower() in _person_nouns() or _is_title(c)) for c in root.children):
        return True
    end = doc[last].idx + len(doc[last].text)
    if types.AGE.match(text, end):
        return True
    if first == last or not types.is_given_name(words[0]):
        return False
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB" and lemma_of(root.head) in cues()["speech"]:
        return True
    if any(t.ent_type_ == "PERSON" and not first <= t.i <= last for t in root.conjuncts):
        return True  # "Tomas Berg and Vera Lund": named together with a person, as one of the people
    return (root.dep_ in ("nsubj", "nsubjpass", "poss") or text.startswith(("'s", "’s"), end)) and _taken_up(doc, last)


def _taken_up(doc: Any, last: int) -> bool:
    """"he", "she" or their forms after token `last`, in its sentence or the next."""
    sent = doc[last].sent
    stop = sent.end
    if stop < len(doc):
        stop = doc[stop].sent.end
    return any(t.lower_ in _GENDERED for t in doc[last + 1 : stop])


_GENDERED = frozenset({"he", "him", "his", "she", "her", "hers"})


@cache
def _person_nouns() -> frozenset[str]:
    """The nouns of a person's role ("spokesman", "director"), the coreference sieve's list."""
    return lexicon()["person_nouns"]


def _is_title(token: Any) -> bool:
    """A person's title or occupation ("Dr", "Senator", "sculptor")."""
    word = token.lower_.strip(".")
    return word in types.cues()["person_titles"] or word in types.cues()["occupations"]


def _titled_name(text: str, doc: Any, first: int, last: int) -> int:
    """The first token of a person's name of one to three words in the proper nouns `first`..`last`
    that a title or an occupation opens or comes right before ("Dr Ingrid Solberg", "the sculptor
    Tomas Vennberg"), else 0: no place the gazetteer knows, not on a line in capitals."""
    lead = first
    while lead <= last and _is_title(doc[lead]):
        lead += 1
    if lead > last or last - lead >= 3 or (lead == first and (first == 0 or not _is_title(doc[first - 1]))):
        return 0
    name = text[doc[lead].idx : doc[last].idx + len(doc[last].text)]
    if _is_place(name) or places.region(name) or not name[:1].isupper() or _capitals_line(text, doc[lead].idx):
        return 0
    return lead


def _untagged_acronym(text: str, start: int, end: int) -> bool:
    """An acronym standing as a word of its own on a line in mixed case, no common noun's ("DNA",
    "CEO": `common_acronyms`), no part of a code ("CC BY-SA") or a currency's ("NZ $26"), and not one
    that brackets spell out for the words before them ("Interview of the Month (IOTM)", an
    organisation's being the `acronym` rule's)."""
    name = text[start:end]
    if not _ACRONYM.fullmatch(name) or name.lower() in types.cues()["common_acronyms"] or name.lower() in types.cues()["credit_words"] or _capitals_line(text, start):
        return False
    if _CODE_BEFORE.search(text, 0, start) or (end < len(text) and text[end] in "-$/&") or _MONEY_NEXT.match(text, end):
        return False
    if text[start - 1 : start] == "(":
        words = text[max(0, start - 100) : start - 1].split(",")[-1].split(".")[-1].split()
        if any(name.lower() in initials(" ".join(words[-k:])) for k in range(1, min(len(words), 2 * len(name)) + 1)):
            return False
    return True


def _capitals_line(text: str, at: int) -> bool:
    line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]
    return not any(ch.islower() for ch in line)


def _outlets(ctx: Context, taken: list[tuple[int, int]]) -> list[Record]:
    """An outlet's name glued to its head word ("Wikinews", "Euronews", "Businesswire") that the model
    left untagged ("Wikinews interviews …", "Wikinews spoke with …") is an organisation mention: one
    capitalised word, ending in "news" or "wire" after three letters or more."""
    out: list[Record] = []
    # the document's words in lower case, each tested once in the process, and a `Token` made only where one is such a word
    glued = _outlet_ids(ctx.doc)
    if not glued:
        return out
    for tok in (ctx.doc[i] for i in scan.positions(ctx.doc, "LOWER", glued)):
        start, end = tok.idx, tok.idx + len(tok.text)
        if tok.text[:1].isupper() and not any(s < end and start < e for s, e in taken):
            out.append(make_record("mention", ctx.text, start, end, label="ORG", rule="outlet"))
    return out


_OUTLET_TESTED: set[int] = set()  # lower-cased word ids (the vocabulary's hashes) already tested
_OUTLET_IDS: set[int] = set()  # those that are glued outlet names


def _outlet_ids(doc: Any) -> list[int]:
    """The lower-cased word ids of `doc` that are glued outlet names (`types.outlet_word`): a word is tested
    once per process, the document's other words found known by set operations."""
    words = scan.distinct(doc, "LOWER")
    new = words - _OUTLET_TESTED
    if new:
        if len(_OUTLET_TESTED) > 500_000:  # a long watch meets ever new words: start again rather than grow
            _OUTLET_TESTED.clear()
            _OUTLET_IDS.clear()
            new = words
        strings = doc.vocab.strings
        _OUTLET_IDS.update(w for w in new if types.outlet_word(strings[w]))
        _OUTLET_TESTED.update(new)
    return sorted(words & _OUTLET_IDS)


INSTITUTION_HEADS = frozenset({
    "ministry", "council", "court", "parliament", "service", "office", "department", "police", "army", "navy",
    "agency", "guard", "forces", "cabinet", "presidency", "embassy", "government", "prosecutor", "intelligence",
})


def _bare_institutions(ctx: Context, found: list[Record]) -> None:
    """An institution named by its portfolio alone ("the Ministry of the Interior", "the Security Council",
    "figures of the Ministry of Defence") is the one of the country the report is telling of there: the one
    country its sentence names (or the one it names twice and more often than any other), else the one the
    sentences of its paragraph before it name (up to three); none when two are named as often, or none."""
    generic = set(rules()["generic_org_words"])

    def portfolio(m: Record) -> frozenset[str]:  # "British Ministry of Defence" and "the Defence Ministry": one
        words = [w.replace("defense", "defence") for w in re.split(r"[\s'’-]+", ctx.text[m.start : m.end].lower()) if w]
        return frozenset(w for w in words if w not in ("the", "of", "and", "s") and not places.demonym_countries(w) and not places.country_code(w))

    # an institution the document also names with its country is left to that name ("the Defence Ministry" after
    # "the British Ministry of Defence"): resolve joins them in the document
    qualified = {portfolio(m) for m in found if m.data.get("label") == "ORG" and (m.data.get("qualifier") or m.data.get("country"))}
    bare = []
    for m in found:
        if m.data.get("label") != "ORG" or m.data.get("qualifier") or m.data.get("country"):
            continue
        words = [w for w in re.split(r"[\s'’-]+", ctx.text[m.start : m.end].lower()) if w and w not in ("the", "of", "and", "s")]
        if words and all(w in generic for w in words) and INSTITUTION_HEADS & set(words) and portfolio(m) not in qualified:
            bare.append(m)
    if not bare:
        return  # most documents: no sentences listed, no place looked up
    sents = list(ctx.doc.sents)
    starts = [x.start_char for x in sents]
    named = []  # (offset, country) of every country, people or place named ("London" is in the United Kingdom)
    for m in found:
        if m.data.get("label") in ("GPE", "NORP", "LOC", "FAC"):
            place = places.place(ctx.text[m.start : m.end]) if not m.data.get("country") else None
            code = m.data.get("country") or (place or {}).get("country")
            if code:
                named.append((m.start, code))
    for m in bare:
        k = bisect.bisect_right(starts, m.start) - 1
        if k < 0:
            continue
        paragraph = ctx.text.rfind("\n", 0, m.start) + 1
        own = Counter(c for at, c in named if sents[k].start_char <= at < sents[k].end_char and not m.start <= at < m.end)
        floor = max(paragraph, sents[max(0, k - 3)].start_char)
        before = Counter(c for at, c in named if floor <= at < sents[k].start_char)
        for codes in (own, before):
            if codes:
                ranked = codes.most_common(2)
                if len(ranked) == 1 or ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]:
                    m.data["qualifier"] = ranked[0][0]  # the one country, or the one named twice and more than any other
                break


_INSTITUTION_NOUNS = scan.Screen("LEMMA", lambda lemma: lemma.lower() in rules()["institution_nouns"])


def _institutions(ctx: Context, found: list[Record]) -> list[Record]:
    """An institution of a country named by description: "Cuba's foreign ministry", "the Cuban embassy",
    "the Caribbean nation's foreign ministry" (the nation: the one country named in the three sentences before)."""
    r = rules()
    country_nouns, seated = set(r["country_nouns"]), set(r["seated_institution_nouns"])
    taken = [(m.start, m.end) for m in found]
    places_at = {m.start: ctx.text[m.start : m.end] for m in found if m.data.get("label") in ("GPE", "LOC")}
    out = []
    strings = ctx.doc.vocab.strings
    # a Token is made only for a singular noun of the list (its lemma screened once per process); a lowercase singular
    # noun the tagger took for a proper noun ("the Russian defense ministry/NNP") is one too
    singular = scan.mask(ctx.doc, "TAG", [strings["NN"], strings["NNP"]]) & _INSTITUTION_NOUNS.mask(ctx.doc)
    for i in numpy.flatnonzero(singular).tolist():
        tok = ctx.doc[i]
        if tok.pos_ != "NOUN" and not (tok.pos_ == "PROPN" and tok.text.islower()):
            continue
        code, giver = None, None
        words = [tok]
        for child in tok.children:
            if child.dep_ == "poss":
                code = places.country_code(child.text) or (_country_before(ctx, found, child) if child.lemma_.lower() in country_nouns else None)
                giver = child
            elif child.dep_ == "amod" and places.demonym_country(child.text):
                code, giver = places.demonym_country(child.text), child
            elif child.dep_ in ("amod", "compound") and child.i < tok.i and child.text.islower():
                words.append(child)
        if code is None or giver is None:
            continue
        first = min(words, key=lambda t: t.i)
        if any(t.i not in {w.i for w in words} for t in ctx.doc[first.i : tok.i]):
            first = tok  # "foreign" must run on to the noun
        start, end = first.idx, tok.idx + len(tok)
        if any(a < end and start < b for a, b in taken):
            continue
        # its name reads with its country ("Russian army", "Cuba's foreign ministry"), and an embassy
        # with its seat ("Russian embassy in Havana": one country has many)
        between = ctx.doc[giver.i + 1 : first.i]
        if giver.lemma_.lower() in country_nouns or not all(t.dep_ == "case" for t in between):
            form = f"{places.country_name(code)}'s {ctx.text[start:end]}"
        else:
            form = ctx.text[giver.idx : end]
        data: dict[str, Any] = {"label": "ORG", "rule": "institution", "qualifier": code, "form": form}
        after = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
        seat = places_at.get(after.idx + len(after.text) + 1) if after is not None and after.lower_ == "in" and tok.lemma_.lower() in seated else None
        if seat:
            data.update(form=f"{form} in {seat}", seat=seat)
        out.append(make_record("mention", ctx.text, start, end, **data))
    return out


def _country_before(ctx: Context, found: list[Record], token: Any) -> str | None:
    """The country a "the nation" stands for: of those named in its sentence before it or in the three
    sentences before that, the one named as (or in) the subject of a main verb ("Cuban authorities claim …"),
    else of any verb, else the only one."""
    sents = list(ctx.doc.sents)
    k = next(i for i, s in enumerate(sents) if s.start <= token.i < s.end)
    floor = sents[max(0, k - 3)].start_char
    codes, subjects, main = set(), set(), set()  # all, subjects of any clause, subjects of a sentence's main verb
    for m in found:
        if not (m.data.get("country") and m.data.get("label") in ("GPE", "NORP") and floor <= m.start < token.idx):
            continue
        codes.add(m.data["country"])
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if root is not None and root.dep_ in ("amod", "compound", "poss"):
            root = root.head
        if root is not None and root.dep_ in SUBJECTS:
            subjects.add(m.data["country"])
            if root.head.dep_ == "ROOT":
                main.add(m.data["country"])
    for group in (main, subjects, codes):
        if len(group) == 1:
            return group.pop()
    return None
