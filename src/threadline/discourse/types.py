"""One entity, one type per document: the type, canonical form and country of each named span."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz

from .. import places
from ..datafiles import load
from ..given_names import is_given_name

VERSION = 51  # of the rules below and data/types.toml: bumping it re-runs the mentions component

# Rules, each measurable on its own (the mentions component's options["disabled_mention_rules"]).
RULES = ("furniture", "lowercase", "capitals", "common-word", "title-word", "of-name", "storm", "event", "thing", "demonym", "full-name", "name-part", "vote", "lone-person", "org-country", "team", "nested-place", "role-tail", "headline", "title-lead", "cued-org")

PLACE_LABELS = ("GPE", "LOC", "FAC")
_COUNTRY_RULES = ("demonym", "capital-metonym", "government-metonym", "country-as-org", "country-actor", "team", "state-form")
_QUALIFIER_GAPS = ("", " ", "'s ", "\u2019s ")  # between a country and the organisation it qualifies


@dataclass(frozen=True)
class Candidate:
    """A named span proposed by the model (after the clean-up rules), with its model label."""

    start: int
    end: int
    label: str
    ent: Any = None  # the model's spaCy span, when the candidate is one


@dataclass(frozen=True)
class Decision:
    """What a named span is in its document.

    `label`: the entity type (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW), one per
    entity in the document. `form`: the entity's canonical form in the document (a full
    name for its truncated repeats). `country`: ISO code of the country the span
    stands for (a country's name, a demonym, a capital or seat used for its government)
    or, for an organisation, the country it belongs to; None for other places (the
    gazetteer gives a city's country) and people. `rule`: the rule that decided the
    type or the country, when one did.
    """

    label: str
    form: str
    country: str | None = None
    rule: str | None = None

    @property
    def stands_for_country(self) -> bool:
        """The span names a country or its government, not something in it."""
        return self.country is not None and (self.label in ("GPE", "NORP") or self.rule in _COUNTRY_RULES)


Typing = dict[tuple[int, int], Decision]  # (start, end) of each kept span -> its decision


@cache
def cues() -> dict[str, Any]:
    return load("types")


_WORD = re.compile(r"[\w'’.-]+")
_NON_SPACE = re.compile(r"\S+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


# -- context cues -------------------------------------------------------------------
def _before(text: str, start: int, n: int = 3) -> list[str]:
    return list(_words_before(text, start)[-n:])


@lru_cache(maxsize=4096)
def _words_before(text: str, start: int) -> tuple[str, ...]:
    """The words on the line before `start` (at most 60 characters back), lower-cased: asked for
    by several rules about each name of a document, so kept."""
    line_start = text.rfind("\n", 0, start) + 1
    return tuple(w.lower().strip(".") for w in _words(text[max(line_start, start - 60) : start]))


def _after(text: str, end: int, n: int = 2) -> list[str]:
    line_end = text.find("\n", end)
    return [w.lower().strip(".") for w in _words(text[end : line_end if line_end != -1 else min(len(text), end + 60)][:60])][:n]


def _name_votes(name: str) -> Counter[str]:
    """Votes for a type from the name itself, once per name: its last word, the gazetteer."""
    k = cues()
    votes: Counter[str] = Counter()
    words = [w.lower().strip(".") for w in name.split()]
    if len(words) >= 2 and words[0] in _honorifics() and name.split()[1][:1].isupper():
        votes["PERSON"] += 4  # "Mr Stearns", "Dr Tuffy": a courtesy title opening the name is a person's, whatever the model says
    if words and (words[-1] in k["org_heads"] or words[-1] in k["org_suffixes"] or _glued_outlet(words)):
        votes["ORG"] += 2
    elif len(words) >= 2 and words[-1] in k["place_name_heads"]:
        votes["GPE"] += 2  # "Kim Il Sung Square", "Prithvi Highway"
    key = _group_key(name)
    if places.country_code(name) or places.capital_country(name) or key in k["former_states"]:
        votes["GPE"] += 2
    elif len(words) <= 2 and places.place(name):
        votes["GPE"] += 1  # many towns share a person's name: one vote, once
    elif _opens_with_given_name(name):
        votes["PERSON"] += 2  # "Dean Kamen", "Thibaut Courtois": a given name, then a surname
    return votes


@cache
def _honorifics() -> frozenset[str]:
    """The courtesy titles (data/coreference.toml's one list) less the titles of office that also open
    names of firms, places and works ("General Motors", "Captain Morgan", "Judge Dredd")."""
    return frozenset(load("coreference")["courtesy_titles"]) - frozenset(cues()["office_titles"])


def _glued_outlet(words: list[str]) -> bool:
    """One word ending in an outlet's head glued to it ("Wikinews", "Euronews")."""
    return len(words) == 1 and outlet_word(words[0])


@lru_cache(maxsize=1 << 16)
def outlet_word(word: str) -> bool:
    """`word` (lower case) is an outlet's name glued to its head word ("wikinews", "euronews"); kept, as
    every word of every document is asked about."""
    return _glued_outlet_pattern().fullmatch(word) is not None


@cache
def _glued_outlet_pattern() -> re.Pattern[str]:
    return re.compile(r".{3,}(?:%s)" % "|".join(map(re.escape, cues()["glued_outlet_heads"])))


def _opens_with_given_name(name: str) -> bool:
    """Two or three capitalised words, the first a given name that is no place or people
    ("Valeska Paris", not "Paris Saint-Germain" or "Jordan Valley"), none a name's head word."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) or not is_given_name(words[0]):
        return False
    k = cues()
    if words[0].lower() in k["not_given_names"] or words[0].lower() in k["person_titles"]:  # "General Staff"
        return False
    if any(w.lower().strip(".") in _head_words() for w in words[1:]):
        return False
    return not (_known_place(words[0]) or _demonym_codes(words[0]))


def _given_full_name(name: str, label: str) -> bool:
    """A full name that opens with a given name: by `_opens_with_given_name`, or, where the model itself took the
    whole for a person, a given name that is also a town's ("Lindsay Lohan", "Wladimir Klitschko"; not a country's
    or a capital's: "Jordan", "Paris")."""
    if _opens_with_given_name(name):
        return True
    words = name.split()
    return label == "PERSON" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and is_given_name(words[0]) and not (
        places.country_code(words[0]) or places.capital_country(words[0]) or _demonym_codes(words[0])
        or words[0].lower() in cues()["not_given_names"] or words[0].lower() in cues()["person_titles"])


def _context_votes(text: str, c: Candidate) -> Counter[str]:
    """Votes for a type from one mention's neighbours."""
    k = cues()
    votes: Counter[str] = Counter()
    before, after = _before(text, c.start), _after(text, c.end)
    if before and (before[-1] in k["org_nouns"] or " ".join(before[-2:]) in k["org_roles"]):
        votes["ORG"] += 2
    if before and (before[-1] in k["person_titles"] or before[-1] in k["occupations"]):
        votes["PERSON"] += 2  # "President Tinubu", "fashion designer Halston"
    possessive = text[c.end : c.end + 2] in ("'s", "’s")
    prep = before[-2] if len(before) >= 2 and before[-1] in k["place_adjectives"] else before[-1] if before else ""
    if not possessive and (prep in k["place_prepositions"] or (prep in k["gazetteer_prepositions"] and _known_place(text[c.start : c.end]))):
        votes["GPE"] += 1
    votes["ORG"] += _article_vote(text, c, after)
    if c.label in PLACE_LABELS and before[-2:] == ["according", "to"] and not _known_place(text[c.start : c.end]):
        votes["ORG"] += 2  # "according to Quantcast": a source is no place, unless the gazetteer knows one of that name
    who = text.startswith(", who ", c.end) and c.ent is not None and any(t.dep_ == "relcl" for t in c.ent.root.children)
    head = _apposition_head(text, c.end)
    if head in k["org_nouns"] or head in k["org_heads"]:
        votes["ORG"] += 4  # "Keep Faith, a Texas political action committee, said": the apposition says what it is, over a given name and the model
    elif head in k["person_titles"] or head in k["occupations"]:
        votes["PERSON"] += 2  # "Rosa Diaz, a spokeswoman for the port, said"
    if c.ent is not None and c.ent.root.dep_ == "poss" and c.ent.root.head.lemma_.lower() in k["org_possessions"]:
        votes["ORG"] += 3  # "Nintendo's handheld console", "Lycos's chief executive": what a firm has, not a person
    if c.label != "NORP" and c.ent is not None and _member_of(text[c.start : c.end], c.ent) and not _state_name(text[c.start : c.end]):
        votes["ORG"] += 4  # "Lib Dem leader …", "the Kestrel spokeswoman", "an analyst at Brannock Hale": a body's member, not a person's
    if AGE.match(text, c.end) or who:
        votes["PERSON"] += 2  # "Hemil Mangukiya, 23, from Surat"; "the words of Tennakoon, who said"
    if (before and " ".join(before[-2:]) in k["place_phrases"]) or (after and after[0] in k["place_heads"]):
        votes["GPE"] += 2
    return votes


def _member_of(name: str, span: Any) -> bool:
    """The name premodifies a noun of a body's member ("Lib Dem leader", "Tory MP", "the Kestrel
    spokeswoman"; only lower-case words between, and the name not
    opening with a given name: "Dana Reyes manager"), or is the object of "at" after such a noun or
    a trade ("a strategist at Brannock Hale", "vice president of marketing at Kestrel"): a person's
    name does neither (a person has a spokesman "for" him, so only "at" counts)."""
    k = cues()
    root = span.root
    if root.dep_ == "compound":
        head = root.head
        while head.lower_ not in k["member_nouns"] and head.dep_ == "compound" and head.is_lower and head.head.i > head.i:
            head = head.head  # "Labour party chairman", "Labour campaign spokesman"
        between = root.doc[span.end : head.i]
        return head.lower_ in k["member_nouns"] and all(t.is_lower for t in between) and not _given_first(name)
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.ent_type_ not in PLACE_LABELS:
        noun = root.head.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head  # "vice president of marketing at …": the role, over what it is of
        return noun.lower_ in _employee_nouns()
    return False


def _given_first(name: str) -> bool:
    """A name of two words or more opening with a given name, whatever else the word names ("Dana Reyes"
    though a town is called Dana): a person's, for the cues that would make it an organisation's."""
    words = name.split()
    return len(words) >= 2 and is_given_name(words[0].title())


@cache
def _employee_nouns() -> frozenset[str]:
    """The nouns after which "at" names an employer: a body's members, those who work at a place, and what a
    firm has ("an analyst at …")."""
    k = cues()
    return frozenset({*k["member_nouns"], *k["staff_nouns"], *k["org_possessions"]})


def cued(text: str, start: int, end: int, label: str) -> bool:
    """Something besides the model votes for `label` on this span: its name ("… Agency", a given
    name, the gazetteer) or its neighbours ("the oil company Tomskneft", "President …")."""
    vote = _vote_label(label)
    return bool(_name_votes(text[start:end])[vote] or _context_votes(text, Candidate(start, end, label))[vote])


AGE = re.compile(r", \d{1,3},")  # a person's age after the name: "Tomas Berg, 52,"
_APPOSITION = re.compile(r", (?:a|an) ([^,.;:()\"“”]{1,80}?)(?= (?:of|for|in|at|on|to|from|with|that|which|who|based)\b|[,.;:)])")


def _apposition_head(text: str, end: int) -> str:
    """The head noun of an indefinite apposition right after a name, before any preposition or
    relative clause ("…, a spokesman for the ministry," gives "spokesman"), in lower case; else "", and
    "" too where the word there is capitalised, a word of a name ("…, a Harbour Club for Reform donor")."""
    m = _APPOSITION.match(text, end)
    head = m.group(1).split()[-1].strip("'’") if m else ""
    return head.lower() if head.islower() or head.isupper() else ""  # an acronym is a head ("a super PAC")


def _state_name(name: str) -> bool:
    """A country, a capital, a state or province: the coach, the MP or the minister of one is its
    team's, its seat's or its state's ("England coach", "Indiana senator"); a town's name may be a
    club's or a firm's ("Bath coach")."""
    return bool(places.country_code(name) or places.capital_country(name) or places.region(name))


def _known_place(name: str) -> bool:
    return bool(places.country_code(name) or places.capital_country(name) or places.place(name))


def _article_vote(text: str, c: Candidate, after: list[str]) -> int:
    """1 when an article before the name votes for an organisation ("The Steppe Herald has contacted …": a person's
    name takes no article), 0 when there is none or it is a noun's ("the Orikhiv front", "the Reyes campaign")."""
    return int(_article(text, c) and not (after and after[0] in cues()["place_heads"])
               and not (c.ent is not None and c.ent.root.dep_ == "compound" and c.ent.root.head.is_lower))


def _article(text: str, c: Candidate) -> bool:
    """"the Mets", "the Hajj": a person's name takes no article."""
    return text[max(0, c.start - 4) : c.start].lower() == "the " or text[max(0, c.start - 5) : c.start] in ("the '", "the \"")


# -- the step -----------------------------------------------------------------------
def decide(doc: Any, text: str, candidates: list[Candidate], disabled: frozenset[str] = frozenset()) -> Typing:
    """Type every candidate of one document (given in text order); candidates that are
    page furniture are left out, and a truncated person name is extended to the full one."""
    kept = [c for c in candidates if "furniture" in disabled or not is_furniture(text, c)]
    if "lowercase" not in disabled:
        kept = [c for c in kept if not _lowercase(text, c)]
    if "common-word" not in disabled:
        common = _common_words(text, kept)
        kept = [c for c in kept if (c.start, c.end) not in common]
    if "title-word" not in disabled:
        kept = [c for c in kept if not _title_word(text, c)]
    if "role-tail" not in disabled:
        kept = [_role_tail(text, c) for c in kept]
    if "of-name" not in disabled:
        kept = _of_names(text, kept)
    if "full-name" not in disabled:
        kept = _full_names(doc, text, kept)
    if "title-lead" not in disabled:
        kept = [_title_lead(text, c) for c in kept]
    if "capitals" not in disabled:
        kept = [c for c in kept if not _capitals(text, c)]
    if "headline" not in disabled:  # after the names are run on: "… Endorses Hillary Clinton" is one run
        kept = [c for c in kept if not _headline_only(text, c.start, c.end)]
    names = {(c.start, c.end): text[c.start : c.end] for c in kept}
    decided: dict[tuple[int, int], tuple[str, str | None]] = {}  # span -> (label, rule)
    if "storm" not in disabled:
        decided.update({span: ("EVENT", "storm") for span in _storms(text, kept)})
    if "event" not in disabled:
        decided.update({span: ("EVENT", "event") for span in _events(text, kept) if span not in decided})
    if "thing" not in disabled:
        decided.update({span: label for span, label in _things(text, kept, doc).items() if span not in decided})
    if "demonym" not in disabled:
        for c in kept:
            if (c.start, c.end) not in decided and (_demonym_codes(names[(c.start, c.end)]) or _group_key(names[(c.start, c.end)]) in cues()["peoples"] or ("-" in names[(c.start, c.end)] and _compound_adjective(text, c))):
                decided[(c.start, c.end)] = ("NORP", "demonym")  # a group: "Nepalis", "the Rohingya", "Euro-Atlantic allies"
    # a truncated name votes with its full name: the full name's own mentions weigh more
    forms = {(c.start, c.end): full for c, full in _name_parts(text, kept).items()} if "name-part" not in disabled else {}
    shared = _shared_surnames(text, kept) if "name-part" not in disabled else set()
    listed = {} if "vote" in disabled else _list_types(text, kept, names, decided)
    affiliated = set() if "vote" in disabled else _affiliations(text, kept)
    groups: dict[str, list[Candidate]] = defaultdict(list)
    keys = {(c.start, c.end): _group_key(forms.get((c.start, c.end)) or names[(c.start, c.end)]) for c in kept}
    for c in kept:
        if (c.start, c.end) not in decided:
            groups[keys[(c.start, c.end)]].append(c)
    parted = set() if "vote" in disabled else _org_parts(set(groups), set(keys.values()))
    for key, members in groups.items():
        parts = any((c.start, c.end) in forms for c in members)
        # once a given name opens the full name, the model's labels on its bare repeats say little ("Paris")
        given = parts and any((c.start, c.end) not in forms and _given_full_name(names[(c.start, c.end)], c.label) for c in members)
        model: Counter[str] = Counter()
        for c in members:
            full = parts and c.label == "PERSON" and len(names[(c.start, c.end)].split()) >= 2
            if not (given and (c.start, c.end) in forms):
                model[_vote_label(c.label)] += 3 if full else 1
        votes = Counter(model)
        if "vote" not in disabled:
            votes.update(_name_votes(names[(members[0].start, members[0].end)]))
            for c in members:
                votes.update(_context_votes(text, c))
                if (c.start, c.end) in affiliated:
                    votes["ORG"] += 2  # "Leung Kwok-hung of LSD": a person's organisation
            for c in members:
                if (c.start, c.end) in listed:
                    votes[listed[(c.start, c.end)]] += 2
            if key in parted and not any(c.label == "NORP" for c in members):
                votes["ORG"] += 2 * len(members)  # "Labour" beside "the Labour party": the party's short name
        if any((c.start, c.end) in shared for c in members):
            votes["PERSON"] += 3 * len(members)  # "Ford" beside "John M. Ford" and "Dale Ford": one of them, whichever
        best = max(votes, key=lambda lab: (votes[lab], model[lab], lab == _vote_label(members[0].label)))
        if best == "PERSON" and "cued-org" not in disabled and not parts and not any((c.start, c.end) in shared for c in members) and not _given_first(names[(members[0].start, members[0].end)]):
            cue = votes - model  # what the name and its neighbours say, the model's labels aside
            articles = sum(_article_vote(text, c, _after(text, c.end)) for c in members)
            if cue["ORG"] - articles >= 2 and not cue["PERSON"]:  # an article alone says little ("the Birdman" of a nickname)
                best = "ORG"  # "oil firm Yukos", "Yukos chief executive …" and nothing of a person: the model's labels alone do not make one
        place = Counter(c.label for c in members if c.label in PLACE_LABELS).most_common(1)
        kind = place[0][0] if place else _place_kind(names[(members[0].start, members[0].end)])
        for c in members:
            label = best
            if best == "GPE":  # a place keeps the model's kind of place, else its name's
                label = c.label if c.label in PLACE_LABELS else kind
            changed = best != _vote_label(c.label)
            decided[(c.start, c.end)] = (label, ("name-part" if (c.start, c.end) in forms else "vote") if changed else None)
        if best != "PERSON":
            for c in members:
                forms.pop((c.start, c.end), None)
    lone = set() if "lone-person" in disabled else _lone_persons(text, kept, names, decided, forms)
    mentioned = _country_mentions(text, kept, decided)
    teams = {} if "team" in disabled else _teams(text, kept, decided)
    out: Typing = {}
    previous: tuple[Candidate, str | None] | None = None
    located: Counter[str] | None = None  # the countries of the report's places, read once if a name is a country's and a region's
    for c in kept:
        span = (c.start, c.end)
        if span in lone:
            continue
        label, rule = decided[span]
        name = names[span]
        country, link = _country(label, name, c.ent, mentioned, disabled)
        if label in PLACE_LABELS and country is not None and link in (None, "country-actor") and (state := places.region(name)) not in (None, country):
            if located is None:
                located = _place_countries(text, kept, decided)
            if located[state] > located[country]:
                country, link = None, "region"  # "Atlanta, Georgia": a US state (a region has no country of its own), not the country
        if country is None and label in ("ORG", "GPE", "LOC") and "state-form" not in disabled:
            state = _state_form(name, mentioned)
            if state:
                label, country, link = "GPE", state, "state-form"
        if label in PLACE_LABELS and _team_name(name, teams) and (_before(text, c.start, 1) or [""])[-1] not in cues()["place_prepositions"]:
            country, link = country or _team_name(name, teams), "team"  # a side of the match report: its national team
        elif label == "NORP" and country in teams.values() and _article(text, c) and name.endswith("s"):
            link = "team"  # "the Belgians" of a match report: the team, not the nation
        if label == "ORG" and country is None and previous and previous[1] and text[previous[0].end : c.start] in _QUALIFIER_GAPS:
            country, link = previous[1], "qualifier"  # "UK Ministry of Defence" split by the model
        out[span] = Decision(label, forms.get(span, name), country, link or rule)
        previous = (c, country if label in ("GPE", "NORP") or link in _COUNTRY_RULES else None)
    return out


def _org_parts(groups: set[str], keys: set[str]) -> set[str]:
    """Names the document also writes followed by an organisation's head word ("Labour" beside "the Labour
    party", "Veritas" beside "Veritas Party"): the organisation's short name. A person's name is left
    to the vote ("Andy Warhol" beside "the Andy Warhol Foundation"), and so are a place's ("New Zealand"
    beside "the New Zealand Herald") and a people's ("Jewish" beside "the Jewish Chronicle", by the caller)."""
    heads = cues()["org_heads"]
    out = set()
    for key in keys:
        short, _, head = key.rpartition(" ")
        if short in groups and head in heads and not _given_first(short) and not _known_place(short):
            out.add(short)
    return out


def _lone_persons(text: str, kept: list[Candidate], names: dict[tuple[int, int], str], decided: dict, forms: dict) -> set[tuple[int, int]]:
    """One-word names that only the model (and the vote on its labels) calls persons, in a document that names its people in
    full (two mentions of full names or more): a person there is introduced by a full name, so a
    lone word ("Stardust" of a spacecraft, "Formica" of a genus, "Surrey" of a county side) is no
    one. A word is kept when a full name of the document holds it or nearly spells it
    ("Zablotsky" after "Maryan Zablotskyy"), when it is a given name or a place the gazetteer knows (left to the vote), when a cue votes for a person
    at one of its mentions (a title, an occupation, an age, "who"), or when it acts or owns at one
    of them (the subject of a verb, "Gorbachev agreed"; a possessive, "Putin's image")."""
    fulls = [names[span] for span, (label, _) in decided.items() if label == "PERSON" and span in names and " " in names[span]]
    if len(fulls) < 2:
        return set()
    surnames = {f.split()[-1].lower() for f in fulls}
    by_name: dict[str, list[Candidate]] = defaultdict(list)
    for c in kept:
        by_name[names[(c.start, c.end)]].append(c)
    out: set[tuple[int, int]] = set()
    for name, members in by_name.items():
        spans = [(c.start, c.end) for c in members]
        if " " in name or any(decided[span][0] != "PERSON" or decided[span][1] not in (None, "vote") or span in forms for span in spans):
            continue
        if is_given_name(name) or _known_place(name) or any(fuzz.ratio(name.lower(), s) >= 85 for s in surnames):
            continue
        if any(_context_votes(text, c)["PERSON"] or _acts_or_owns(text, c) for c in members):
            continue
        out.update(spans)
    return out


def _acts_or_owns(text: str, c: Candidate) -> bool:
    return text[c.end : c.end + 2] in ("'s", "’s") or (c.ent is not None and c.ent.root.dep_ in ("nsubj", "nsubjpass"))


_SCORE = re.compile(r"\s*\d{1,2}\s*[-\u2013\u2014]\s*\d{1,2}\b")  # "3 – 0", "1-2"


def _teams(text: str, kept: list[Candidate], decided: dict[tuple[int, int], tuple[str, str | None]]) -> dict[str, str]:
    """The countries that play in a match report (normalised name -> code): a country's name
    beside a score ("Belgium 3 – 0 Panama", "lost 1 – 2 to England"), and, once the document
    gives a score, the subjects and objects of match verbs ("Sweden faced South Korea")."""
    k = cues()
    scored: dict[str, str] = {}
    verbs: dict[str, str] = {}
    for c in kept:
        if decided[(c.start, c.end)][0] not in PLACE_LABELS:
            continue
        name = text[c.start : c.end]
        code = places.country_code(name)
        if not code:
            continue
        before = text[max(0, c.start - 12) : c.start]
        if _SCORE.match(text, c.end) or re.search(r"\d{1,2}\s*[-\u2013\u2014]\s*\d{1,2}\s+(?:to\s+)?$", before):
            scored[places.norm(name)] = code
        elif c.ent is not None:
            root = c.ent.root
            while root.dep_ == "conj":
                root = root.head
            if root.dep_ in ("nsubj", "dobj") and root.head.lemma_ in k["match_verbs"]:
                verbs[places.norm(name)] = code
    return {**verbs, **scored} if scored else {}


def _team_name(name: str, teams: dict[str, str]) -> str | None:
    """The code of the team a name stands for: a playing country's name, or the last word of
    it ("Korea" after "South Korea")."""
    key = places.norm(name)
    if key in teams:
        return teams[key]
    tails = {t.split()[-1]: code for t, code in teams.items() if " " in t}
    return tails.get(key) if " " not in key else None


def _storms(text: str, kept: list[Candidate]) -> list[tuple[int, int]]:
    """Spans naming a storm: opening with a storm word ("Cyclone Phailin", "the Cyclone") or right
    after one ("T C [Phailin]"), and every other span of a storm's name in the document ("Phailin")."""
    words = cues()["storm_words"]
    rank = _storm_rank()
    names: set[str] = set()
    for c in kept:
        name = places.norm(text[c.start : c.end])
        # the first storm word of the list that is the name or opens it, followed by a space
        heads = [rank[w] for w in _openings(name) if w in rank]
        if heads:
            names.add(name[len(words[min(heads)]) :].strip())
        elif (before := _before(text, c.start, 2)) and (" ".join(before) in words or before[-1] in words):
            names.add(name)
    names.discard("")
    out = []
    for c in kept:
        name = places.norm(text[c.start : c.end])
        if name in names or name in rank or any(w in rank and name[len(w) + 1 :] in names for w in _openings(name)[:-1]):
            out.append((c.start, c.end))
    return out


@cache
def _storm_rank() -> dict[str, int]:
    """Each storm word -> its first place in the list."""
    out: dict[str, int] = {}
    for i, w in enumerate(cues()["storm_words"]):
        out.setdefault(w, i)
    return out


def _openings(name: str) -> list[str]:
    """The parts of `name` before each of its spaces, then the whole name: the words `w` for which
    `name == w or name.startswith(w + " ")`."""
    return [name[:i] for i, ch in enumerate(name) if ch == " "] + [name]


def _events(text: str, kept: list[Candidate]) -> list[tuple[int, int]]:
    """Spans naming an event, never a person, a place or an organisation: a name ending in an
    event's head word ("the Winter Carnival", "Davis Cup", "Commonwealth Games"), a one-word
    event ("Hajj", "Paralympics") or its adjective ("the Olympic movement"), and a bare head word
    ("the Games") in a document that names such an event."""
    k = cues()
    heads, phrases, names = set(k["event_heads"]), k["event_phrases"], set(k["event_names"])
    out, found = [], set()
    for c in kept:
        words = places.norm(text[c.start : c.end]).removeprefix("the ").split()
        if not words:
            continue
        key = " ".join(words)
        if key in names or (len(words) >= 2 and (words[-1] in heads or any(key.endswith(" " + p) or key == p for p in phrases))):
            out.append((c.start, c.end))
            found.add(words[-1])
    bare = {w for w in found if w in heads or any(p.endswith(" " + w) for p in phrases)}
    return out + [(c.start, c.end) for c in kept if places.norm(text[c.start : c.end]).removeprefix("the ") in bare and (c.start, c.end) not in out]


_VERSION = re.compile(r"[2-9]|\d+(?:\.\d+)+")  # a sequel's or a version's number ending a name ("Xbox 2 will", "Firefox 1.0 is")
_LOWER_NEXT = re.compile(r" [a-z]")  # a lower-case word after a name: the name qualifies it ("Gazprom gas")


def _things(text: str, kept: list[Candidate], doc: Any = None) -> dict[tuple[int, int], tuple[str, str]]:
    """Names the document introduces with a kind of thing right before them ("the cruise ship
    Freewinds", "the 1969 film Easy Rider") or says are one ("Glimmr, a photo-sharing website,",
    "Glimmr is a wiki that …": `introduced_thing`; not a name the model tags an organisation anywhere): that thing (PRODUCT, or WORK_OF_ART for a work) at
    every mention of the name, never a person, a place or an organisation; so is a name supplied
    ("the supply of Tomahawks", "deliveries of Leopards", not "deliveries of Gazprom gas"), and a name
    opening with a ship's prefix ("INS Mysore", "MV Gibe"), with its bare name ("the Mysore")."""
    k = cues()
    kinds: dict[str, str] = {}
    ships = set(k["ship_prefixes"])
    introduced: dict[str, str | None] = {}
    # a name the model calls an organisation stays one where the report says it is a website or software ("Glimmr, a
    # news website, said …", "the search engine Glimmr": the firm's name, and its people speak)
    organisations = {_group_key(text[c.start : c.end]) for c in kept if c.label == "ORG"}
    things = {noun: kind for noun, kind in k["thing_nouns"].items() if noun not in k["service_nouns"]}

    def introduced_as(name: str) -> str | None:  # a name's occurrences are read once, not again at each of its repeats
        if name not in introduced:
            introduced[name] = _introduced(text, name, things if _group_key(name) in organisations else k["thing_nouns"])
        return introduced[name]

    for c in kept:
        words = text[c.start : c.end].split()
        if len(words) > 1 and words[0] in ships:  # "INS Mysore": the ship, and "Mysore" after it
            kinds.setdefault(_group_key(text[c.start : c.end]), "PRODUCT")
            kinds.setdefault(_group_key(" ".join(words[1:])), "PRODUCT")
            continue
        if c.label == "PERSON" and len(words) > 1 and _VERSION.fullmatch(words[-1]) and _LOWER_NEXT.match(text, c.end):
            kinds.setdefault(_group_key(text[c.start : c.end]), "PRODUCT")  # "Xbox 2", "Firefox 1.0": a person's name has no number
            continue
        before = _before(text, c.start, 2)
        nouns = k["thing_nouns"] if _group_key(text[c.start : c.end]) not in organisations else things
        if (kind := _kind_right_before(text, c, doc)) in nouns:
            kinds.setdefault(_group_key(text[c.start : c.end]), nouns[kind])
        elif (kind := introduced_as(text[c.start : c.end])) is not None:
            kinds.setdefault(_group_key(text[c.start : c.end]), kind)  # "the comedy Tidewater", untagged there
        elif doc is not None and (span := c.ent if c.ent is not None else doc.char_span(c.start, c.end, alignment_mode="expand")) is not None and len(span) and (
                kind := introduced_thing(doc, span.start, span.end - 1, before=False, nouns=nouns)) is not None:
            kinds.setdefault(_group_key(text[c.start : c.end]), kind)  # "Glimmr is a wiki", "Glimmr, a photo-sharing website"
        elif len(before) == 2 and before[1] == "of" and before[0] in k["supply_nouns"] and not _LOWER_NEXT.match(text, c.end):
            kinds.setdefault(_group_key(text[c.start : c.end]), "PRODUCT")  # "the supply of Tomahawks"
    return {(c.start, c.end): (kinds[key], "thing") for c in kept if (key := _group_key(text[c.start : c.end])) in kinds}


def _kind_right_before(text: str, c: Candidate, doc: Any) -> str:
    """The word right before a name, in lower case: one space before it ("the ship Freewinds"), or a comma when the
    name is set off as that word's apposition, a comma or a full stop after it too ("the West End musical, Harbour
    Lights.") or the parse making it one ("his latest book, Harbour Lights or …"; not "on the band's website, Lind
    said"); else ""."""
    before = _before(text, c.start, 1)
    if not before or text[max(0, c.start - len(before[-1]) - 1) : c.start].lower() == before[-1] + " ":
        return before[-1] if before else ""
    if text[max(0, c.start - len(before[-1]) - 2) : c.start].lower() != before[-1] + ", ":
        return ""
    if text[c.end : c.end + 1] in (",", ".", ";", ")"):
        return before[-1]
    if doc is None:
        return ""
    span = c.ent if c.ent is not None else doc.char_span(c.start, c.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    return before[-1] if root is not None and root.dep_ == "appos" and root.head.lower_ == before[-1] else ""


def name_root(doc: Any, first: int, last: int) -> Any:
    """The root of the name at tokens `first`..`last`: its first token whose head lies outside it, else its last token
    (a one-token name is its own root, with no walk over the tokens)."""
    if first == last:
        return doc[first]
    return next((t for t in doc[first : last + 1] if not first <= t.head.i <= last), doc[last])


def introducing_nouns(doc: Any, first: int, last: int) -> list[Any]:
    """The nouns that say what the name at tokens `first`..`last` is, where it stands: the head of an
    apposition after it that an article opens ("Glimmr, a photo-sharing website, said …", "Glimmr, the
    search engine"), and the attribute of "be" the name is the subject of ("Glimmr is a wiki that …"; a name
    the tagger took for an adverb, "wikiHow is a wiki", is one when "be" follows it right away)."""
    root = name_root(doc, first, last)
    out = [c for c in root.rights if c.dep_ == "appos" and c.i > last]
    verb = root.head
    if verb.lemma_ == "be" and verb.i > last and (root.dep_ == "nsubj" or verb.i == last + 1 and root.dep_ in ("advmod", "npadvmod")):
        out += [c for c in verb.rights if c.dep_ == "attr" or c.dep_ == "nsubj" and root.dep_ != "nsubj"]
    return [n for n in out if n.pos_ == "NOUN" and n.tag_ == "NN" and any(d.dep_ == "det" and d.lower_ in ("a", "an", "the") for d in n.lefts)]


def kind_word(noun: Any) -> str:
    """The kind a noun names, with the noun before it where the two are one kind ("search engine", "video
    game"), in lower case."""
    lemma = noun.lemma_.lower()
    before = noun.doc[noun.i - 1] if noun.i else None
    if before is not None and before.dep_ == "compound" and before.head.i == noun.i and f"{before.lower_} {lemma}" in cues()["thing_nouns"]:
        return f"{before.lower_} {lemma}"
    return lemma


def introduced_thing(doc: Any, first: int, last: int, before: bool = True, nouns: dict[str, str] | None = None) -> str | None:
    """The kind of thing (PRODUCT, WORK_OF_ART: `thing_nouns`) the name at tokens `first`..`last` is said to
    be where it stands: by a kind noun in lower case right before it ("the browser Glimmr", with `before`), by an
    apposition after it ("Glimmr, a web browser made in Oslo,") or as the attribute of "be" ("Glimmr is a
    wiki"), else None; `nouns` the kinds that count, `thing_nouns` unless told."""
    nouns = cues()["thing_nouns"] if nouns is None else nouns
    if before and first and (kind := doc[first - 1]).pos_ == "NOUN" and kind.is_lower and kind.lower_ in nouns:
        return nouns[kind.lower_]
    for noun in introducing_nouns(doc, first, last):
        if (word := kind_word(noun)) in nouns:
            return nouns[word]
    return None


def _introduced(text: str, name: str, nouns: dict[str, str]) -> str | None:
    """The kind of thing a kind noun names `name` as where the model did not tag it ("the comedy
    Tidewater … Tidewater won"): each occurrence of the name, as a word, with the noun right before it."""
    # the occurrences a pattern `(?<!\w)name(?!\w)` finds, in order, by `str.find`: a pattern of its own for every
    # name of every document would be compiled each time (more names than `re` keeps compiled)
    size, at = len(name), text.find(name)
    while at != -1:
        end = at + size
        if (at == 0 or not _is_word(text[at - 1])) and (end == len(text) or not _is_word(text[end])):
            # the kind right before it, or before the title's own article: "the biopic The Harbour Master"
            kind = _KIND_BEFORE.search(text, max(0, at - 40), at)
            if kind and kind.group(1).lower() in nouns:
                return nouns[kind.group(1).lower()]
            at = text.find(name, end if size else at + 1)
        else:
            at = text.find(name, at + 1)
    return None


_KIND_BEFORE = re.compile(r"(\w+) (?:[Tt]he )?$")


def _is_word(ch: str) -> bool:
    """Whether `re` reads the character as part of a word: alphanumeric, or an underscore."""
    return ch.isalnum() or ch == "_"


_LIST_GAP = re.compile(r",? (?:and|or|&) |, ")


def _list_types(text: str, kept: list[Candidate], names: dict[tuple[int, int], str], decided: dict) -> dict[tuple[int, int], str]:
    """Names in one list share a type ("seven cities: Delhi, Madurai, Ambala and Chennai"): each
    member of a run of three or more names joined by commas and "and" gets the type that the
    members' model labels and names vote for together."""
    out: dict[tuple[int, int], str] = {}
    run: list[Candidate] = []
    for c in [*kept, None]:
        if c is not None and run and _LIST_GAP.fullmatch(text[run[-1].end : c.start]):
            run.append(c)
            continue
        members = [m for m in run if (m.start, m.end) not in decided]
        if len(members) >= 3:
            votes: Counter[str] = Counter()
            for m in members:
                votes[_vote_label(m.label)] += 1
                votes.update(_name_votes(names[(m.start, m.end)]))
            top = votes.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:
                out.update({(m.start, m.end): top[0][0] for m in members})
        run = [c] if c is not None else []
    return out


_OF_GAPS = (" of ", " for ", " of the ", " for the ")


def _role_tail(text: str, c: Candidate) -> Candidate:
    """An organisation's name the model ran on over a person's role after it ("the State Department
    Spokesperson", "Gazprom Chairman"): the name ends before the role."""
    if c.label != "ORG":
        return c
    words = list(_NON_SPACE.finditer(text[c.start : c.end]))
    k = cues()
    if len(words) >= 2 and words[-1].group().lower().strip(".") in {*k["person_titles"], *k["occupations"], "spokesperson", "spokesman", "spokeswoman"}:
        return Candidate(c.start, c.start + words[-2].end(), c.label, c.ent)
    return c


def _title_lead(text: str, c: Candidate) -> Candidate:
    """A person's name the model ran back over a title, an office or a party before it ("House Speaker Dana
    Reyes", "Senate Majority Leader Tomas Berg", "Republican Dana Reyes", "Spaniard Vera Lund"): the name
    starts at its given name, when the word right before that is such a word or a people's and two to four capitalised
    words follow, the first a given name that is no title."""
    if c.label != "PERSON":
        return c
    words = list(re.finditer(r"\S+", text[c.start : c.end]))
    lead = _lead_words()
    for i in range(1, len(words) - 1):
        rest = [w.group() for w in words[i:]]
        before = words[i - 1].group().strip(".,")
        if (before.lower() in lead or _demonym_codes(before)) and 2 <= len(rest) <= 4 and all(w[:1].isupper() for w in rest) and (
                is_given_name(rest[0]) and rest[0].lower() not in lead and rest[0].lower() not in cues()["not_given_names"]):
            return Candidate(c.start + words[i].start(), c.end, c.label, c.ent)
    return c


@cache
def _lead_words() -> frozenset[str]:
    """Words that end a title, an office or a party's adjective before a person's name (`title_lead_words` with
    the person titles, occupations and the nouns of a body's members and staff), less the courtesy titles
    ("Mr Jon Sand", "President Dana Reyes" keep theirs)."""
    k = cues()
    words = {*k["title_lead_words"], *k["person_titles"], *k["occupations"], *k["member_nouns"], *k["staff_nouns"]}
    return frozenset(words - set(load("coreference")["courtesy_titles"]))  # "Mr", "Dr", "President" stay: coreference reads them


def _of_names(text: str, kept: list[Candidate]) -> list[Candidate]:
    """An organisation's name that the model cut at "of" or "for" ("Andy Warhol Foundation" + "for
    the" + "Visual Arts"): a name ending in an organisation's head word, then "of" or "for", then a
    name that no gazetteer place is, is one organisation ("Bank" + "of" + "England" is left alone)."""
    out: list[Candidate] = []
    for c in kept:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "ORG"
            and text[prev.end : c.start] in _OF_GAPS
            and places.norm(text[prev.start : prev.end]).split()[-1] in cues()["org_heads"]
            and not _known_place(text[c.start : c.end])
            and not _demonym_codes(text[c.start : c.end])
        ):
            out[-1] = Candidate(prev.start, c.end, "ORG", prev.ent)
            continue
        out.append(c)
    return out


_NAME_WORD = re.compile(r"[^\s,;:()/\[\]\"“”]+")
_OPENING_CITY = 100_000  # people in a one-word city opening a name: smaller towns share common words ("Republic", "Central")
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater"})


def nested_places(text: str, start: int, end: int, inside: bool = False) -> list[tuple[int, int, str]]:
    """Places named inside a name (an organisation's, a facility's, an event's), as (start, end, country code): the place after its
    last "of" ("University of Helsinki", "University of Southern Indiana", "Food Standards of Australia
    and New Zealand") and a place opening it ("Massachusetts Institute of Technology", "US National
    Science Foundation", "Los Angeles Sheriff's Department", "the Volgograd Arena"). Only a country, a
    capital, a state or province, or a city counts: a city of two words or more by any of its names, a
    one-word city by its own name, never a given name ("Lincoln"), and, opening a name, only a city of
    100,000 people or more, since many small towns share a common word ("Republic Windows", "Central Bank")."""
    words = _name_words(text, start, end)
    found: list[tuple[int, int, str]] = []
    ofs = [i for i, w in enumerate(words) if w[2] == "of"]
    if ofs:
        tail = words[ofs[-1] + 1 :]
        if tail and tail[0][2].lower() == "the":
            tail = tail[1:]
        parts: list[list[tuple[int, int, str]]] = [[]]
        for w in tail:
            if w[2] in ("and", "&"):
                parts.append([])
            else:
                parts[-1].append(w)
        for part in parts:
            place = _after_of(text, part)
            if place:
                found.append(place)
    head = words[: (ofs[0] if ofs else len(words)) - 1]  # a place opening the name, never the whole of it
    for k in (3, 2, 1):
        place = _nested_place(text, head[:k], opening=True) if len(head) >= k else None
        if place:
            found.append(place)
            break
    if not inside:
        return found
    inner = words[: ofs[-1] if ofs else len(words)]  # a country, a capital or a state inside the name or ending it ("Hitwise UK")
    for i in range(1, len(inner)):
        before = inner[i - 1][2]
        if not before[:1].isupper() or before.lower() in _DIRECTIONS or before == "Team" or any(s < inner[i][1] and inner[i][0] < e for s, e, _ in found):
            continue
        for k in (3, 2, 1):
            part = inner[i : i + k]
            place = _inner_place(text, part) if len(part) == k and (k == 1 or part[-1][2][:1].isupper()) else None
            if place:
                found.append(place)
                break
    return sorted(found)


def nested_name(text: str, start: int, end: int, names: frozenset[str]) -> tuple[int, int, str] | None:
    """A name of the document opening a longer name: a person ("Andy Warhol" of "the Andy Warhol
    Foundation", "Warhol" of "the Warhol Factory") or an organisation ("USI" of "USI Art
    Collections"), as (start, end, the name): `names` holds the document's forms of that type (a
    person's surnames too); the longer name must go on after it with a capitalised word."""
    words = _name_words(text, start, end)
    for k in range(len(words) - 1, 0, -1):
        name = text[words[0][0] : words[k - 1][1]]
        if name in names and words[k][2][:1].isupper():
            return (words[0][0], words[k - 1][1], name)
    return None


_POSSESSIVE_END = re.compile(r"(?:'s|’s|')$")


def _name_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of a name (start, end, word), a possessive cut off and an opening "the" left out."""
    words = []
    for m in _NAME_WORD.finditer(text, start, end):
        word = _POSSESSIVE_END.sub("", m.group())
        if word:
            words.append((m.start(), m.start() + len(word), word))
    return words[1:] if words and words[0][2].lower() == "the" else words


def _after_of(text: str, part: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The place that the words after a name's "of" are or open ("University of Virginia Health System")."""
    for k in range(len(part), 0, -1):
        place = _nested_place(text, part[:k], opening=False)
        if place:
            return place
    return None


def _inner_place(text: str, part: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """A country, a capital or a state or province named by the words `part` (no city: a town's name is often a common word's)."""
    if not all(w[2][:1].isupper() for w in part) or (len(part) == 1 and part[0][2].lower() in _DIRECTIONS):
        return None
    name = text[part[0][0] : part[-1][1]].rstrip(".")
    code = places.country_code(name) or places.capital_country(name) or places.region(name)
    return (part[0][0], part[-1][1], code) if code and not is_given_name(name) else None


def _nested_place(text: str, part: list[tuple[int, int, str]], opening: bool) -> tuple[int, int, str] | None:
    if not part or len(part) > 4 or not all(w[2][:1].isupper() for w in part):
        return None
    for words in (part, part[1:] if part[0][2].lower() in _DIRECTIONS else []):
        if not words or (len(words) == 1 and words[0][2].lower() in _DIRECTIONS):  # "Central" is a province of several states
            continue
        name = text[words[0][0] : words[-1][1]]
        bare = name.rstrip(".")
        code = places.country_code(name) or places.country_code(bare) or places.capital_country(bare) or places.region(bare)
        if code is None and len(words) > 1:  # a city of two words or more, by any of its names ("Nizhny Novgorod")
            code = (places.place(bare) or {}).get("country")
        elif code is None and not is_given_name(bare):  # of one word, by its own name only ("Art" is no city)
            code = places.city_named(bare, _OPENING_CITY if opening else 0)
        if code:
            return (part[0][0], part[-1][1], code)  # a direction word stays with the place ("Southern Indiana")
    return None


_AFFILIATION_GAPS = (" of ", ", of ", " of the ", ", of the ")


def _affiliations(text: str, kept: list[Candidate]) -> set[tuple[int, int]]:
    """Names right after a person's name and "of" ("Cheng Chung-tai of Civic Passion", "Nick Rhodes
    of Duran"): the person's organisation, when the model calls it no place and the gazetteer
    knows no place of that name ("Hemil Mangukiya of Surat" stays a town)."""
    out = set()
    for prev, c in zip(kept, kept[1:]):
        if prev.label == "PERSON" and text[prev.end : c.start] in _AFFILIATION_GAPS and c.label not in PLACE_LABELS and not _known_place(text[c.start : c.end]):
            out.add((c.start, c.end))
    return out


_HYPHENATED = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")


def _compound_adjective(text: str, c: Candidate) -> bool:
    """A hyphenated adjective of regions or peoples before a lower-case noun ("its Euro-Atlantic
    allies", "Anglo-Dutch group Shell"): a combining form or a demonym, then demonyms or regions'
    adjectives ("Atlantic", "Asian"). "the Indo-Pacific" standing alone is left to the model."""
    name = text[c.start : c.end]
    if c.ent is None or not _HYPHENATED.fullmatch(name) or not re.match(r" [a-z]", text[c.end : c.end + 2]):
        return False
    doc = c.ent.doc
    if c.ent.end >= len(doc) or doc[c.ent.end].pos_ not in ("NOUN", "ADJ"):
        return False  # "crossed the Indo-Pacific in May": a region's name, not an adjective
    k = cues()
    first, *rest = name.split("-")
    if first.lower() not in k["combining_forms"] and not _demonym_codes(first):
        return False
    return all(part.lower() in k["region_adjectives"] or _demonym_codes(part) for part in rest)


def _place_kind(name: str) -> str:
    words = name.lower().split()
    return cues()["place_name_heads"].get(words[-1], "GPE") if len(words) >= 2 else "GPE"


@cache
def _portfolio_words() -> frozenset[str]:
    return frozenset(load("entities")["generic_org_words"])


def _title_word(text: str, c: Candidate) -> bool:
    """A portfolio before a person's title ("Defence Secretary Lloyd Austin", "State Minister of
    Foreign Affairs …") is part of the title, not an organisation."""
    if c.label != "ORG":
        return False
    words = places.norm(text[c.start : c.end]).split()
    k = cues()
    portfolio = bool(words) and all(w in _portfolio_words() for w in words) and words[-1] not in k["org_heads"]  # not "Defence Ministry"
    if not portfolio:
        return False
    after = _after(text, c.end, 1)
    return bool(after) and after[0] in k["person_titles"]


_FIRST_CHAR = re.compile(r"\S")


def _headline_only(text: str, start: int, end: int) -> bool:
    """A name of several words found only in a headline written in title case ("GOP Figure Endorses Hillary
    Clinton", "Two Recruiters Named in Almaty" giving "Recruiters Named"): every word's capital makes the model
    run names over verbs and nouns, and a real name there comes back in the body ("Hillary Clinton")."""
    first = _FIRST_CHAR.search(text)
    first_end = text.find("\n", first.start()) if first else -1
    if first is None or first_end != -1 and start > first_end:
        return False  # not on the first line that holds anything
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) >= 4]
    if len(words) < 3 or sum(w[:1].isupper() for w in words) < 0.7 * len(words):
        return False  # a headline in sentence case keeps the model's names
    name = text[start:end]
    if len(name.split()) < 2:
        return False
    body = text.replace(line, "")  # a headline repeated below it is the headline still
    return len(body.split()) >= 40 and name not in body  # a body to come back in


def _lowercase(text: str, c: Candidate) -> bool:
    """A span with no capital letter ("jargon-free", "the magician", "disco club") names nothing:
    a name has a capital somewhere ("eHow", "de Gaulle")."""
    return not any(ch.isupper() for ch in text[c.start : c.end])


_CAPITALS = re.compile(r"[A-Z0-9][A-Z0-9&.-]*[A-Z0-9.]")


def _capitals(text: str, c: Candidate) -> bool:
    """An acronym or a code in capitals that the model calls a person or a place ("BDSM", "S&M",
    "XR-7"), inside a line written in mixed case, is neither: running text writes a person's name
    and a place's in lower case after the capital, save the abbreviations the gazetteer knows
    ("US", "U.S", "NSW" is not one of them and goes). A line's opening is left alone: a dateline
    ("LONGYEAR, Norway") or a heading writes names in capitals."""
    if c.label != "PERSON" and c.label not in PLACE_LABELS:
        return False
    name = text[c.start : c.end]
    if not _CAPITALS.fullmatch(name) or sum(ch.isupper() for ch in name) < 2:
        return False
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    if not text[line_start : c.start].strip() or not any(ch.islower() for ch in line):
        return False
    return not (_known_place(name) or _known_place(name + ".") or _demonym_codes(name))


def _vote_label(label: str) -> str:
    return "GPE" if label in PLACE_LABELS else label


def _group_key(name: str) -> str:
    return places.norm(name).removeprefix("the ")


def is_furniture(text: str, c: Candidate) -> bool:
    """Share-bar words, picture credits, bylines' labels and capitalised common nouns: never an entity."""
    k = cues()
    name = places.norm(text[c.start : c.end])
    if name in k["furniture_words"] or name.removeprefix("the ") in k["common_nouns"] or (name.startswith(_STANCES) and " " not in name):
        return True  # page furniture, a capitalised common noun ("the Fatherland"), a stance ("pro-Beijing")
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    opened, closed = line.rfind("(", 0, c.start - line_start), line.find(")", c.end - line_start)
    if opened != -1 and closed != -1 and ")" not in line[opened : c.start - line_start]:
        line = line[opened + 1 : closed]  # a caption's credit in brackets: "(Pool Photo via AP)"
    elif len(line) > 160:  # a paragraph: neither a share bar nor a credit line
        return False
    else:
        line = _BRACKETED.sub(" ", line)  # the caption around a credit in brackets is not one
    words = [places.norm(w) for w in _BAR_GAP.split(line) if w]
    # share-bar words, on a line made of such words only ("Facebook Twitter Email")
    if words and all(w in k["share_words"] or w in k["furniture_words"] for w in words):
        return True
    # a picture credit: "Outlet/Photographer", "Name/Agency", "… via Getty Images"
    if len(words) <= 12 and ("/" in line or " via " in line) and any(w in k["credit_words"] for w in words):
        return True
    return len(words) <= 6 and bool(_CREDIT_SLASH.search(line))


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])")
_RUN = re.compile(r"[\w'’-]+")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\"“‘'(\[—–-])\s*$")


def _common_words(text: str, kept: list[Candidate]) -> set[tuple[int, int]]:
    """One-word spans that are the document's common words capitalised ("Iodine is …" where the
    text says "iodine" elsewhere): the word is written in lower case in the document at least twice
    and more often than it is capitalised inside a sentence. A place, a people, a given name and
    a head word of names ("Parliament") are left alone, save a head word the model calls a person."""
    lower: Counter[str] | None = None
    runs: defaultdict[str, list[int]] | None = None  # each run of word characters -> where it starts
    out: set[tuple[int, int]] = set()
    for c in kept:
        name = text[c.start : c.end]
        if len(name) < 3 or not name.isalpha() or not name[:1].isupper() or not name[1:].islower():
            continue
        word = name.lower()
        if text.count(word) < 2:
            continue  # fewer than two lower-case words of it (each one is an occurrence of the string): no count needed
        if lower is None:
            lower = Counter(_LOWER_WORD.findall(text))
        if lower[word] < 2 or word in _head_words() and c.label != "PERSON" or _known_place(name) or _demonym_codes(name) or is_given_name(name):
            continue  # a head word of names alone may be one ("Parliament"), never a person's ("Border agents said")
        if runs is None:
            runs = defaultdict(list)
            for m in _RUN.finditer(text):
                runs[m.group()].append(m.start())
        # the name as a whole word: a run of word characters, apostrophes and hyphens that is the name itself
        inside = sum(1 for at in runs[name] if not _SENTENCE_OPENING.search(text[max(0, at - 3) : at]))
        if lower[word] > inside:
            out.add((c.start, c.end))
    return out


_BRACKETED = re.compile(r"\([^()]*\)")
_BAR_GAP = re.compile(r"[\s|/·•]+")  # what parts a share bar's words
_STANCES = ("pro-", "anti-", "pan-")  # "the pro-Beijing camp", "anti-Pyongyang propaganda", "pan-democrats"
_CREDIT_SLASH = re.compile(r"[A-Z][\w.’'-]*/[A-Z]")  # "Colombo Chronicle/Nuwan Perera", "Ledger/File"


def _demonym_codes(name: str) -> tuple[str, ...]:
    return places.demonym_countries(name)


def _full_names(doc: Any, text: str, cands: list[Candidate]) -> list[Candidate]:
    """A person's name runs on over the capitalised proper nouns that follow it on its line
    ("Frank Dario" + "Jarrosay Manfuga"), and a one-word span right before a person's name, or
    before proper nouns ending in a name the document gives a person, is its first name
    ("Milan" + "Raj Tuladhar"); the spans it swallows go."""
    if doc is None:
        return cands
    k = cues()
    stop = set(k["name_stop_words"])
    surnames = {text[c.start : c.end].split()[-1] for c in cands if c.label == "PERSON"}
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        first_name = (
            c.label != "PERSON"
            and " " not in text[c.start : c.end]
            and not places.country_code(text[c.start : c.end])
            and not _demonym_codes(text[c.start : c.end])
            and (_before(text, c.start, 1) or [""])[-1] not in k["place_markers"]
        )
        if first_name and nxt is not None and nxt.label == "PERSON" and _name_gap(doc, text, c.end, nxt.start):
            c = Candidate(c.start, nxt.end, "PERSON", None)
            i += 1
        elif first_name and nxt is not None and _given_name_then_surname(text, c, nxt):
            c = Candidate(c.start, nxt.end, "PERSON", None)  # "Valeska" + "Paris": the model split one name in two
            i += 1
        elif first_name:
            run = _propn_run(doc, text, c.end, stop | set(k["person_titles"]))[:2]
            if run and run[-1].text in surnames and (nxt is None or nxt.start >= run[-1].idx + len(run[-1])):
                c = Candidate(c.start, run[-1].idx + len(run[-1]), "PERSON", None)
        if c.label != "PERSON" and " " not in text[c.start : c.end] and not _known_place(text[c.start : c.end]):
            c = _after_title(doc, text, c, out[-1] if out else None, stop | set(k["person_titles"]))
        if c.label == "PERSON" and text[c.end : c.end + 1] == " " and text[c.end + 1 : c.end + 2].isupper():
            run = _propn_run(doc, text, c.end, stop)
            run = run[: next((j for j, t in enumerate(run) if places.country_code(t.text)), len(run))]
            end = run[-1].idx + len(run[-1]) if run else c.end
            if end != c.end:
                c = Candidate(c.start, end, "PERSON", None)
                while i + 1 < len(cands) and cands[i + 1].start < end:
                    i += 1
        out.append(c)
        i += 1
    return out


@cache
def _head_words() -> frozenset[str]:
    """Last words of organisations' and places' names ("Council", "Ltd", "Square", "Shelf")."""
    k = cues()
    return frozenset([*k["org_heads"], *k["org_suffixes"], *k["place_name_heads"], *k["place_heads"]])


def _given_name_then_surname(text: str, c: Candidate, nxt: Candidate) -> bool:
    """A given name that is no place, then, one space on, one capitalised word that is no country."""
    name, surname = text[c.start : c.end], text[nxt.start : nxt.end]
    if text[c.end : nxt.start] != " " or " " in surname or not surname[:1].isupper() or places.country_code(surname):
        return False
    k = cues()
    return is_given_name(name) and name.lower() not in k["not_given_names"] and name.lower() not in k["person_titles"] and not _known_place(name)


def _after_title(doc: Any, text: str, c: Candidate, previous: Candidate | None, stop: set[str]) -> Candidate:
    """A surname the model mistyped after the untagged rest of a name that follows a title
    ("State Minister of Defence Premitha Bandara" + "Tennakoon"): the whole run is the person."""
    span = doc.char_span(c.start, c.end)
    if span is None:
        return c
    run: list[Any] = []
    j, start = span.start - 1, c.start
    while j >= 0 and len(run) < 2:
        t = doc[j]
        if t.idx + len(t.text) + 1 != start or t.pos_ != "PROPN" or not t.text[:1].isupper() or t.lower_ in stop:
            break
        if previous is not None and t.idx < previous.end:
            break
        run.append(t)
        start, j = t.idx, j - 1
    if not run or j < 0:
        return c
    before = doc[j]
    titled = before.lower_.strip(".") in cues()["person_titles"] or (
        previous is not None and previous.label == "ORG" and previous.end == before.idx + len(before.text)
    )
    return Candidate(start, c.end, "PERSON", None) if titled and before.idx + len(before.text) + 1 == start else c


def _propn_run(doc: Any, text: str, end: int, stop: set[str]) -> list[Any]:
    """The capitalised proper nouns that follow `end` one space apart, up to a stop word or a new sentence."""
    span = doc.char_span(0, end, alignment_mode="expand") if end else None
    run: list[Any] = []
    for token in doc[len(span) if span is not None else 0 :]:
        if token.idx != end + 1 or text[end : end + 1] != " " or token.pos_ != "PROPN" or not token.text[:1].isupper():
            break
        if token.lower_ in stop or token.is_sent_start:
            break
        run.append(token)
        end = token.idx + len(token.text)
    return run


def _name_gap(doc: Any, text: str, end: int, start: int) -> bool:
    """Between a first name and the rest of the name: one space, or capitalised proper nouns the
    model left out ("Milan" + "Raj" + "Tuladhar")."""
    gap = text[end:start]
    if gap == " ":
        return True
    if not re.fullmatch(r"(?: [A-Z][\w'’-]*){1,2} ", gap):
        return False
    span = doc.char_span(end + 1, start - 1)
    k = cues()
    return span is not None and all(t.pos_ == "PROPN" and t.lower_ not in k["name_stop_words"] and t.lower_ not in k["person_titles"] for t in span)


def _name_parts(text: str, cands: list[Candidate]) -> dict[Candidate, str]:
    """Spans that are a run of words of exactly one longer person name of the document
    ("Jarrosay", "Frank Dario" of "Frank Dario Jarrosay Manfuga") -> that full name (of several, the one
    name the span ends: "Kowalczyk" of "Marta Kowalczyk", not of "Kowalczyk Rally", a rally the model took for a
    person), and
    other spellings of a full name ("Kristen Wilkins" after "Kristin Wilkins") -> its first
    spelling. A country's name stays the country unless the model called it a person."""
    fulls: dict[str, str] = {}  # normalised full name -> its first form in the document
    spelling: dict[str, str] = {}  # normalised full name -> the first of its spellings
    for c in cands:
        name = text[c.start : c.end]
        key = places.norm(name)
        if c.label == "PERSON" and len(name.split()) >= 2 and key not in fulls and not any(ch.isdigit() for ch in name):  # "House Bill 1523" is no one's name
            fulls[key] = name
            spelling[key] = next((f for f in fulls if fuzz.ratio(f, key) >= 85 and f.split()[-1] == key.split()[-1]), key)
    tokens = {f: f.split() for f in fulls}
    having: dict[str, list[str]] = defaultdict(list)  # a word -> the full names that hold it
    for f, t in tokens.items():
        for w in dict.fromkeys(t):
            having[w].append(f)
    out: dict[Candidate, str] = {}
    for c in cands:
        name = text[c.start : c.end]
        words = places.norm(name).split()
        if not words or not name[:1].isupper():
            continue
        if c.label != "PERSON" and (places.country_code(name) or len(words) > 1):
            continue
        owners = {f for f in having.get(words[0], ()) if len(t := tokens[f]) > len(words) and any(t[k : k + len(words)] == words for k in range(len(t)))}
        longest = {spelling[f] for f in owners if not any(f != g and f in g for g in owners)}
        if len(longest) > 1:  # "Kowalczyk" of "Marta Kowalczyk" beside "Kowalczyk Rally", a rally taken for a person
            longest = {f for f in longest if tokens[f][-len(words) :] == words} or longest
        key = " ".join(words)
        if len(longest) == 1:
            out[c] = fulls[longest.pop()]
        elif not owners and c.label == "PERSON" and spelling.get(key, key) != key:
            out[c] = fulls[spelling[key]]
    return out


def _shared_surnames(text: str, cands: list[Candidate]) -> set[tuple[int, int]]:
    """One-word names that end two or more of the document's full person names ("Ford" of "John M. Ford"
    and "Dale Ford"): a person, though which one the name alone does not say, so `_name_parts` gives no
    form. A country's name is left alone."""
    last: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        name = text[c.start : c.end]
        words = places.norm(name).split()
        if c.label == "PERSON" and len(words) >= 2:
            last[words[-1]].add(" ".join(words))
    out: set[tuple[int, int]] = set()
    for c in cands:
        name = text[c.start : c.end]
        words = places.norm(name).split()
        if len(words) == 1 and name[:1].isupper() and len(last.get(words[0], ())) >= 2 and not places.country_code(name):
            out.add((c.start, c.end))
    return out


def _country_mentions(text: str, cands: list[Candidate], decided: dict[tuple[int, int], tuple[str, str | None]]) -> Counter[str]:
    """How often the document names each country (names and unambiguous demonyms)."""
    out: Counter[str] = Counter()
    for c in cands:
        name = text[c.start : c.end]
        code = places.country_code(name) or places.demonym_country(name) or places.capital_country(name)
        if code and decided[(c.start, c.end)][0] in ("GPE", "NORP"):
            out[code] += 1
    return out


def _place_countries(text: str, cands: list[Candidate], decided: dict[tuple[int, int], tuple[str, str | None]]) -> Counter[str]:
    """How often the document names a place of each country: countries, regions and towns the gazetteer
    knows by one name only (a name that is a country's and another country's region, "Georgia", casts no vote)."""
    out: Counter[str] = Counter()
    for c in cands:
        if decided[(c.start, c.end)][0] not in PLACE_LABELS:
            continue
        name = text[c.start : c.end]
        code, state = places.country_code(name), places.region(name)
        if code and state and code != state:
            continue
        town = None if code or state else places.town(name)
        found = code or state or (town["country"] if town else None)
        if found:
            out[found] += 1
    return out


def _pick(codes: tuple[str, ...], mentioned: Counter[str]) -> str | None:
    """One code of an ambiguous nationality ("Korean"): the country the document names most."""
    if len(codes) == 1:
        return codes[0]
    named = [c for c in codes if mentioned[c]]
    return max(named, key=lambda c: mentioned[c]) if named else None


def _is_metonym(ent: Any) -> bool:
    """A capital standing for its state: "Moscow denied", "Havana's stance", "ties between Havana
    and Moscow", "pressure from Moscow"; not "Doha's airport" or "flown from Doha"."""
    k = cues()
    root = ent.root
    if root.dep_ == "poss":
        return root.head.lemma_.lower() not in k["city_possessions"]
    if root.dep_ in k["metonym_deps"]:
        return True
    head = root
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ not in k["metonym_preps"]:
        return False
    return head.head.lower_ != "from" or head.head.head.lemma_.lower() in k["metonym_from_heads"]


def _acts(ent: Any) -> bool:
    """A country's name as the doer of an action ("North Korea fired …", "Sweden defeated South
    Korea"): the subject of a verb other than "be", or the object of a match verb."""
    k = cues()
    root = ent.root
    while root.dep_ == "conj":
        root = root.head
    verb = root.head
    if root.dep_ in ("nsubj", "agent") and verb.pos_ in ("VERB", "AUX") and verb.lemma_ != "be":
        return True
    return root.dep_ == "dobj" and verb.lemma_ in k["match_verbs"]


def _country(label: str, name: str, ent: Any, mentioned: Counter[str], disabled: frozenset[str]) -> tuple[str | None, str | None]:
    """(country, rule): the country a span stands for, or an organisation's country."""
    if label in ("NORP", "GPE"):
        code = _pick(_demonym_codes(name), mentioned)
        if code:
            return code, "demonym"
    if label in PLACE_LABELS:
        code = places.country_code(name)
        if code:
            return code, "country-actor" if ent is not None and _acts(ent) else None
        code = places.capital_country(name)
        if code and ent is not None and _is_metonym(ent):
            return code, "capital-metonym"
    if label in ("ORG", "FAC", "GPE", "PERSON"):
        code = places.government_metonym(name)
        if code:
            return code, "government-metonym"
    if label == "ORG":
        code = places.country_code(name)
        if code:
            return code, "country-as-org"
        code = None if "org-country" in disabled else places.national_institution(name) or _org_country(name, mentioned)
        if code:
            return code, "org-country"
    return None, None


def _state_form(name: str, mentioned: Counter[str]) -> str | None:
    """A state's form standing alone for the state ("the Federation runs the risk …" in a report on Russia):
    the one country the document names whose own names hold that word (`state_forms`, `places.official_words`)."""
    word = name.lower().removeprefix("the ").strip()
    if word not in cues()["state_forms"]:
        return None
    found = [code for code in mentioned if word in places.official_words(code)]
    return found[0] if len(found) == 1 else None


def _org_country(name: str, mentioned: Counter[str]) -> str | None:
    """The country an organisation's name gives: a nationality or country word in it
    ("Korean Central News Agency", "Bank of England"); an ambiguous one is settled by the
    country the document names most. Never a letter code that happens to match a word."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    for i, word in enumerate(words):
        if not word[:1].isupper() or word.lower() in ("the", "of"):
            continue
        codes = _demonym_codes(word)
        if not codes and i + 1 < len(words):
            codes = _demonym_codes(f"{word} {words[i + 1]}")
        if codes:
            return _pick(codes, mentioned)
        if len(word) > 3 or word.isupper():
            code = places.country_code(word)
            if code and (i == 0 or words[i - 1].lower() in ("of", "for", "in")):
                return code
    return None
