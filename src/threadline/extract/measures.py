"""What a figure measures: the counted noun phrase and its predicate, its unit, and a normalised key.

From the dependency parse, around the token that carries the figure:
- a count's noun is the head it modifies ("20,000 Cuban men"); a bare number
  that is the object of a verb such as "approach", "reach" or "put ... at"
  measures that verb's subject ("casualties were approaching 300,000");
- an amount of money belongs to the noun it completes ("a salary of 190,000
  roubles", "as a down payment"), else to its verb;
- the measure text is the noun with its modifiers and non-temporal
  prepositional phrases, plus the verb it is the subject or object of
  ("Cuban men fighting for Russia", "people recruited into the army");
- the key is the first concept (data/measures.toml) found in the verb, then
  the noun and its modifiers, then the rest, else the noun's lemma; the
  countries or regions attached to the noun ("Cuban", "from Central Asia"), a
  rate ("per-month") and "planned" for plans and targets are added to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from collections.abc import Callable
from typing import Any

from .. import places
from ..datafiles import load

REPORTING = frozenset(
    "say tell report estimate claim announce add state note write confirm believe think reveal assert declare "
    "testify warn cite quote show indicate suggest allege insist argue explain acknowledge admit".split()
)
TIME_NOUNS = frozenset({"day", "week", "month", "quarter", "half", "year", "period", "season", "time", "decade"})
TIME_PREPS = frozenset({"since", "until", "till", "during", "throughout", "ago", "according"})
NP_LEFT = ("amod", "compound", "nmod", "poss", "advmod", "npadvmod")
NP_RIGHT = ("prep", "acl", "relcl", "amod", "compound")
VERB_KIDS = ("prt", "prep", "dobj", "xcomp", "attr", "oprd", "acomp", "agent", "dative")
# Participles after a bare number that say what it counts: "70,000 killed and 120,000 wounded".
# Prepositions of a bound a level is said to pass or stay within ("inflation fell below 10%", "deficits
# rose above 3%"): what is left of it is a level of the subject, never a change.
BOUNDS = ("below", "above", "under", "beneath")
PARTICIPLES = frozenset({"killed", "wounded", "injured", "dead", "missing", "captured", "arrested", "detained", "displaced", "recruited"})
MAX_TOKENS = 12
CONTEXT_TOKENS = 30


@cache
def lexicon() -> dict[str, Any]:
    data = dict(load("measures"))
    data["people_set"] = frozenset(data["people"])
    data["change_set"] = frozenset(data["change_verbs"])
    data["change_concepts"] = frozenset(c["key"] for c in data["concept"] if c.get("change"))
    data["national_concepts"] = frozenset(c["key"] for c in data["concept"] if c.get("national"))
    data["transitive_change_set"] = frozenset(data["transitive_change_verbs"])
    data["agent_concepts"] = frozenset(c["key"] for c in data["concept"] if c.get("agent"))
    data["owner_concepts"] = frozenset(c["key"] for c in data["concept"] if c.get("owner"))
    data["change_noun_set"] = frozenset(data["change_nouns"])
    data["people_concepts"] = frozenset(data["people_concepts"])
    data["not_people_set"] = frozenset(data["not_people"])
    data["concept_words"] = [
        (c["key"], c.get("applies", "any"), [tuple(w.split()) for w in c["words"]]) for c in data["concept"]
    ]
    return data


@cache
def price_roles() -> frozenset[str]:
    """The first words of the keys of prices, offers and values of a thing ("price yugansk")."""
    lex = lexicon()
    return frozenset([*lex["price_verbs"].values(), *lex["price_nouns"].values()])


def change_concepts() -> frozenset[str]:
    """The concepts that are a change themselves (`change` in measures.toml: growth)."""
    return lexicon()["change_concepts"]


def owner_concepts() -> frozenset[str]:
    """The concepts that measure an organisation (`owner` in measures.toml: a profit, a tax bill)."""
    return lexicon()["owner_concepts"]


def people_concepts() -> frozenset[str]:
    """The concepts that count people (`people_concepts` in measures.toml: recruits, deaths, arrests)."""
    return lexicon()["people_concepts"]


def incident_concepts() -> frozenset[str]:
    """The concepts that count the harm of one incident (`incident_concepts` in measures.toml: deaths, wounded)."""
    return frozenset(lexicon()["incident_concepts"])


@cache
def _regions() -> frozenset[str]:
    return frozenset(lexicon()["regions"].values())


@lru_cache(maxsize=1 << 16)  # read for every claim grouped, of a few thousand keys
def parse_key(key: str) -> tuple[str, tuple[str, ...], str | None, bool]:
    """(role, group, rate, planned) of a measure key: "recruits NP per-month planned" ->
    ("recruits", ("NP",), "per-month", True); modifiers that do not change what is measured
    (`generic_modifiers` in measures.toml: "new jobs", "the federal deficit") leave the role."""
    words = key.split()
    planned = bool(words) and words[-1] == "planned"
    if planned:
        words = words[:-1]
    rate = words.pop() if words and words[-1].startswith("per-") else None
    group: list[str] = []
    while len(words) > 1 and (words[-1].isupper() and len(words[-1]) == 2 or words[-1] in _regions()):
        group.insert(0, words.pop())
    kept = [w for w in words if w not in generic_modifiers()]  # "federal budget deficit" is the budget deficit
    return " ".join(kept or words), tuple(group), rate, planned


@cache
def generic_modifiers() -> frozenset[str]:
    """Modifiers that leave what is measured as it is ("new", "federal", "total")."""
    return frozenset(lexicon()["generic_modifiers"])


def is_toll(key: str | None) -> bool:
    """A measure key that counts the harm of one incident (`incident_concepts`: deaths, wounded, casualties, missing)."""
    return bool(key) and key.split(" ")[0] in incident_concepts()  # type: ignore[union-attr]


def is_bare(key: str | None) -> bool:
    """A measure key of a bare word: no concept of the lexicon, and no country or region qualifying it."""
    return bool(key) and not is_concept(key) and not parse_key(key)[1]  # type: ignore[arg-type]


@lru_cache(maxsize=1 << 16)
def is_concept(key: str) -> bool:
    """Whether a measure key starts with one of the lexicon's concepts (not a bare noun's lemma)."""
    return any(key == c or key.startswith(c + " ") for c, _, _ in lexicon()["concept_words"])


@dataclass
class Measure:
    noun: Any = None  # the counted or owning noun token
    verb: Any = None
    tokens: list[Any] = field(default_factory=list)  # measure phrase tokens, text order
    span: tuple[int, int] | None = None
    text: str | None = None
    key: str | None = None
    unit: str | None = None
    qualifier: str | None = None  # a hedge from the verb ("approaching" -> nearly)
    anaphor: bool = False
    rate: str | None = None  # the stated rate ("per-barrel", "per-month"), whatever the key
    change: bool = False  # how much the measure changed ("rose by 0.8%"), not its level
    role: str | None = None  # a role the construction gives ("price yugansk" for "Yugansk was sold for $9.3bn")
    doing: str | None = None  # what a share of a population does ("work" in "12% of the recruits work abroad")
    bare_change: bool = False  # a change that names nothing changed ("a 0.3% rise"): the measure of the figure before it
    owner: tuple[int, int] | None = None  # the subject of an organisation's measure ("Rosneft reported a profit of ...")
    reached: bool = False  # "up to" is a verb's particle and the level's "to" ("edged up to 5.4%"), not a ceiling


def _is_relative(tok: Any) -> bool:
    return tok.lower_ in ("that", "which", "who", "whom") or tok.tag_ in ("WDT", "WP")


def _in(tok: Any, regions: list[tuple[int, int]]) -> bool:
    return any(s <= tok.idx < e for s, e in regions)


class Scope:
    """What a measure phrase may not take: other figures' spans and temporal expressions."""

    def __init__(self, own: tuple[int, int], figures: list[tuple[int, int]], times: list[tuple[int, int]]) -> None:
        self.own = own
        self.others = [f for f in figures if f != own]
        self.times = times

    def drops(self, tok: Any) -> bool:
        return _in(tok, self.times) or _in(tok, [self.own]) or tok.like_num or tok.dep_ in ("det", "predet", "quantmod", "nummod", "punct") or tok.tag_ in ("WDT", "WP")

    def blocks_subtree(self, tok: Any) -> bool:
        """A modifier whose subtree holds another figure or a date belongs to them, not to this measure."""
        if tok.dep_ == "prep" and tok.lower_ in TIME_PREPS:
            return True
        if tok.dep_ == "relcl" and tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].text == ",":
            return True  # a non-restrictive clause adds, it does not define
        if tok.dep_ == "prep" and any(c.dep_ == "pobj" and _is_relative(c) for c in tok.children):
            return True
        return any(_in(t, self.others) or (tok.dep_ == "prep" and _in(t, self.times)) for t in tok.subtree)


def _subtree(tok: Any, scope: Scope, limit: int, conj: bool = False, clauses: bool = True) -> list[Any]:
    """The token's subtree in text order, without coordinated or appended parts, nested modifiers that
    belong elsewhere (`Scope.blocks_subtree`), relative clauses unless `clauses`, and words `Scope.drops`;
    at most `limit` tokens."""
    out: list[Any] = []

    def walk(t: Any) -> None:
        if t.i != tok.i and (t.dep_ in (("appos",) if conj else ("cc", "conj", "appos")) or scope.blocks_subtree(t)):
            return
        if t.i != tok.i and not clauses and t.dep_ == "relcl":
            return
        if not scope.drops(t):
            out.append(t)
        for child in t.children:
            walk(child)

    walk(tok)
    return sorted(out, key=lambda t: t.i)[:limit]


def noun_phrase(noun: Any, scope: Scope, limit: int = 8, conj: bool = False) -> list[Any]:
    """The noun with its modifiers and non-temporal attachments, in text order (with `conj`, the
    coordinated parts of its clauses too: "who filled out the documents and have been recruited")."""
    toks = [noun]
    for child in noun.lefts:
        if child.dep_ in NP_LEFT and not scope.blocks_subtree(child):
            toks.extend(_subtree(child, scope, limit, conj))
    for child in noun.rights:
        if child.dep_ in NP_RIGHT and not scope.blocks_subtree(child):
            toks.extend(_subtree(child, scope, limit, conj))
    return sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)


def verb_phrase(verb: Any, skip: Any, scope: Scope, limit: int = 6) -> list[Any]:
    """The verb, its particle and its non-temporal complements, without `skip`'s subtree; a relative
    clause in a complement tells of that complement, not of what is counted ("two men ran a network
    that sent migrants to fight" counts men who ran it, not recruits)."""
    skipped = {t.i for t in skip.subtree} if skip is not None else set()
    toks = [verb]
    for child in verb.children:
        if child.dep_ not in VERB_KIDS or child.i in skipped or scope.blocks_subtree(child):
            continue
        toks.extend(t for t in _subtree(child, scope, limit, clauses=False) if t.i not in skipped)
    return sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)


def _text(tokens: list[Any]) -> str:
    out = ""
    for i, t in enumerate(tokens):
        joined = i and tokens[i - 1].i == t.i - 1 and not tokens[i - 1].whitespace_
        out += ("" if not i or joined else " ") + t.text
    return re.sub(r"\s+", " ", out).strip()


def _verb_form(verb: Any) -> str:
    return verb.text if verb.tag_ in ("VBN", "VBG", "VBD") else verb.lemma_


def _lemmas(tokens: list[Any]) -> list[str]:
    syn = lexicon()["synonyms"]
    return [syn.get(t.lemma_.lower(), t.lemma_.lower()) for t in tokens]


def find_concept(tokens: list[Any], applies: str, skip: frozenset[str] = frozenset()) -> str | None:
    """The first concept (in the lexicon's order, less those in `skip`) one of whose words or phrases the
    tokens hold."""
    tokens = sorted(tokens, key=lambda t: t.i)
    lemmas = _lemmas(tokens)
    texts = [t.text.lower() for t in tokens]
    firsts = {*lemmas, *texts}  # a phrase can hold only where its first word occurs
    for key, scope, phrases in lexicon()["concept_words"]:
        if scope not in ("any", applies) and not (applies == "percent" and scope == "money") or key in skip:
            continue  # a percentage takes the concepts of money too ("a 5% fee") and its own
        for phrase in phrases:
            if phrase[0] in firsts and any(_holds(seq, phrase) for seq in (lemmas, texts)):
                return key
    return None


def _holds(seq: list[str], phrase: tuple[str, ...], gap: int = 2) -> bool:
    """Whether the words of `phrase` occur in order in `seq`, at most `gap` words apart."""
    for i, word in enumerate(seq):
        if word != phrase[0]:
            continue
        pos, ok = i, True
        for part in phrase[1:]:
            window = seq[pos + 1:pos + 2 + gap]
            if part not in window:
                ok = False
                break
            pos = pos + 1 + window.index(part)
        if ok:
            return True
    return False


SENDERS = frozenset({"send", "deploy", "dispatch", "supply", "provide", "contribute", "export", "transfer"})


def origins(noun: Any, countries: dict[int, str]) -> list[str]:
    """Countries and regions the noun is qualified by: "Cuban men", "migrants from Central Asia",
    "Nepalis", and the sender of what is sent ("North Korea has sent 3,000 troops")."""
    toks = [noun, *[t for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod", "poss") for t in c.subtree]]
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in SENDERS:
        verb = noun.head
        sender = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
        if sender is None and verb.dep_ == "xcomp":  # "North Korea is expected to send ..."
            sender = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if sender is not None and sender.dep_ == "agent":
            sender = next((c for c in sender.children if c.dep_ == "pobj"), None)
        if sender is not None:
            toks.extend(t for t in sender.subtree if t.dep_ in ("compound", "amod", "nsubj", "pobj") or t.i == sender.i)
    toks.extend(_objects_of(noun.rights, ("from", "of")))
    return _places_named(toks, countries)


def _objects_of(children: Any, preps: Any) -> list[Any]:
    """The objects of the prepositions `preps` among `children`, with their compounds and adjectives."""
    return [
        t for child in children if child.dep_ == "prep" and child.lower_ in preps
        for obj in child.children if obj.dep_ == "pobj"
        for t in (obj, *[m for m in obj.lefts if m.dep_ in ("compound", "amod")])
    ]


PLACE_PREPS = frozenset({"in", "across", "for", "within", "throughout"})


def _located(holders: list[Any], countries: dict[int, str]) -> list[str]:
    """Countries and regions a national measure is placed in by a phrase on its noun, its verb or its
    clause ("growth of 1.3% across the European Union", "growth in the euro zone is expected to reach
    1.6%", "In Japan, growth slowed to 0.5%"): the object of "in", "across", "for", "within" or
    "throughout". Not for counts of people, where "in" says where they are, not whose they are."""
    return _places_named([t for holder in holders for t in _objects_of(holder.children, PLACE_PREPS)], countries)


def _places_named(toks: list[Any], countries: dict[int, str]) -> list[str]:
    """The countries and regions the tokens name: regions of one or two words, the people of a region,
    countries by the document's mentions, demonyms and names."""
    toks = sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)
    regions = lexicon()["regions"]
    found: set[str] = set()
    used: set[int] = set()
    words = [t.text.lower() for t in toks]
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            if any(toks[j].i in used for j in range(i, i + n)):
                continue
            phrase = " ".join(words[i:i + n])
            if phrase in regions and all(toks[j + 1].i == toks[j].i + 1 for j in range(i, i + n - 1)):
                found.add(regions[phrase])
                used.update(toks[j].i for j in range(i, i + n))
    for t in toks:  # "British Columbians", "West Virginians": the people of a region, not "British", "West"
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.i not in used and nxt is not None and t.text[:1].isupper() and nxt.text[:1].isupper():
            code = _region_people(t.text, nxt.text)
            if code:
                found.add(code)
                used.update((t.i, nxt.i))
    for t in toks:
        if t.i in used:
            continue
        code = countries.get(t.idx)
        if code is None and t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN"):
            code = places.demonym_country(t.text) or places.country_code(t.text)
        if code:
            found.add(code)
    return sorted(found)


def _clause_root(verb: Any) -> Any:
    """The verb heading the clause a verb completes ("… is expected to reach"), for a phrase fronted
    before it ("In Japan, growth is expected to slow"); None for the verb itself or no verb."""
    if verb is None:
        return None
    head = verb
    while head.dep_ in ("xcomp", "ccomp", "conj") and head.head.pos_ in ("VERB", "AUX"):
        head = head.head
    return head if head is not verb else None


def _region_people(first: str, second: str) -> str | None:
    """The country of a region whose people two words name ("British Columbians" -> "British Columbia", CA;
    "New Mexicans" -> "New Mexico", US), or None."""
    for suffix, ending in (("ns", ""), ("ans", "a"), ("cans", "co"), ("ers", ""), ("s", "")):
        if second.endswith(suffix):
            place = f"{first} {second[: len(second) - len(suffix)]}{ending}"
            code = places.region(place) or places.country_code(place)
            if code:
                return code
    return None


def _planned(anchor: Any) -> bool:
    planned = set(lexicon()["planned"])
    nouns = set(lexicon()["planned_nouns"])
    tok = anchor
    for _ in range(5):
        lemma = tok.lemma_.lower()
        counted = tok.i == anchor.head.i and anchor.dep_ == "nummod"  # "scored two goals", "hit three targets": what is counted
        if tok.pos_ == "VERB" and lemma in planned or tok.pos_ == "NOUN" and lemma in nouns and not counted:
            return True
        if any(c.dep_ == "aux" and c.lower_ in planned for c in tok.children):
            return True
        if tok.dep_ == "ROOT" or tok.lemma_.lower() in REPORTING:
            return False
        tok = tok.head
    return False


def _subject(verb: Any) -> Any:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and _is_relative(subj):
        before = verb.doc[subj.i - 1] if subj.i else None
        subj = before if before is not None and before.pos_ in ("NOUN", "PROPN") else (verb.head if verb.dep_ == "relcl" else None)
    return subj


def _copula(anchor: Any) -> tuple[Any, Any, str, bool] | None:
    """(verb, measured noun, hedge, change) when a bare number is what a verb's subject (or, for a verb of
    change with an object, its object) amounts to, or by how much it changed: "casualties approached
    300,000", "house prices rose by 0.8%", "pushed the deficit to $427bn", "a deficit projected to peak at
    $427bn" (a verb with no subject of its own takes that of the clause or noun it hangs on)."""
    lex = lexicon()
    anchor = _described(anchor)
    reached = _reached(anchor)
    if reached is not None:
        verb, obj = reached
        held = obj if obj is not None else _referent(_clause_subject(verb))
        return (verb, held, "exact", False) if held is not None and held.pos_ in ("NOUN", "PROPN") else None
    small = _small_clause(anchor)
    if small is not None:
        return None, small, "exact", True
    directed = _directed(anchor)
    if directed is not None:
        verb, change = directed
        subj = _referent(_clause_subject(verb))
        if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
            return None
        return verb, subj, lex["copulas"].get(verb.lemma_.lower(), "exact"), change
    verb = anchor.head
    prep = None
    start = _from_start(anchor)
    if start is not None:  # "fell from 5.4% to 5.2%": both ends are levels the subject had
        prep, verb = "from", start.head
    elif anchor.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("at", "to", "of", "by", *BOUNDS):
        prep = verb.lower_
        verb = verb.head
    elif anchor.dep_ not in ("dobj", "attr", "oprd", "npadvmod", "appos", "acomp", "advmod"):
        return None
    copulas = lex["copulas"]
    lemma = verb.lemma_.lower()
    if lemma in lex["level_verbs"] and prep == "at" and verb.pos_ in ("VERB", "AUX"):
        # "kept rates at 2%", "left interest rates unchanged at 4.75%": the object's level; "rates held at
        # 4.75%", "unemployment is stuck at 10%": the subject's
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < anchor.i), None)
        held = obj if obj is not None else _referent(_clause_subject(verb))
        return (verb, held, "exact", False) if held is not None and held.pos_ in ("NOUN", "PROPN") else None
    if lemma not in copulas or verb.pos_ not in ("VERB", "AUX"):
        return None
    hedge = copulas[lemma]
    changes = lemma in lex["change_set"]
    if prep == "by" and not changes:
        return None
    if prep in BOUNDS and not (changes or lemma in ("be", "stay", "remain")):
        return None
    change = changes and (prep == "by" or prep is None)
    if lemma == "reach" and any(c.dep_ == "aux" and c.lower_ in ("can", "could", "may", "might") for c in verb.children):
        hedge = "up to"
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < anchor.i), None)  # what changed is named before by how much
    if prep == "from" and not changes:
        return None
    if lemma == "put" or lemma in lex["transitive_change_set"]:
        if lemma != "put" and prep not in ("to", "by", "from"):
            return None  # "the firm raised $5m" is money raised, not a level of the firm
        return (verb, obj, hedge, change) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None
    if changes and prep in ("to", "by", "from") and obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        return verb, obj, hedge, change  # "Kazakhstan raised its grain exports by 8.5%"
    subj = _referent(_clause_subject(verb))
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return verb, subj, hedge, change


def _referent(subj: Any) -> Any:
    """A subject "it" stands for the thing the report was just speaking of: the last common noun before
    it, in its sentence or the one before, that is the subject of a clause not of saying ("Brazil's
    unemployment rate fell in December. The office said it fell to 9.6%" -> rate). Other subjects are
    themselves."""
    if subj is None or subj.lower_ != "it":
        return subj
    sent = subj.sent
    start = sent.start
    if start > 0:
        start = subj.doc[start - 1].sent.start
    for tok in reversed(subj.doc[start:subj.i]):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and tok.head.lemma_.lower() not in REPORTING and tok.lemma_.lower() not in lexicon()["people_set"]:
            return tok
    return None


def _reached(anchor: Any) -> tuple[Any, Any] | None:
    """(verb, its object or None) when "up to" before an amount is a verb of change's particle and the "to"
    of the level it reached ("the jobless rate edged up to 5.4%", "interest rates went up to 4.75%", "pushed
    rates up to 2.25%"): a level the subject (or the object) reached, told as done. A verb with a modal or
    an infinitive's "to" ("prices may rise up to 10%") is a ceiling of a change, as written."""
    doc = anchor.doc
    num = next((t for t in anchor.subtree if t.like_num), None)
    if num is None or num.i < 3 or doc[num.i - 1].lower_ != "to" or doc[num.i - 2].lower_ != "up":
        return None
    before = doc[num.i - 3]
    obj = None
    verb = before
    if before.pos_ in ("NOUN", "PROPN") and before.dep_ == "dobj":
        obj, verb = before, before.head
    lex = lexicon()
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lex["change_set"] or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return None
    if any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in verb.children):
        return None
    if obj is None and verb.lemma_.lower() in lex["transitive_change_set"]:
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < num.i), None)
    return verb, obj


def _described(anchor: Any) -> Any:
    """An amount a word describes between its article and its number ("rose by a strong 0.7%", "remains
    at a breakneck 9.1%"), which the parse makes the preposition's object with the amount hung on it: the
    word stands in the amount's place; any other amount is itself."""
    head = anchor.head
    if anchor.dep_ not in ("npadvmod", "appos") or head.dep_ != "pobj" or head.i != anchor.left_edge.i - 1:
        return anchor
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in head.children):
        return anchor
    return head


def _from_start(anchor: Any) -> Any:
    """The "from" of a change from one level to another ("fell from 5.4% to 5.2%", "cut rates from 4.75%
    to 4.5%") that either end of it hangs on, however the parse attaches the two (the "to" on the "from"
    or on the first amount, the first amount a modifier of the second): the first "from" above the
    amount before any verb or noun that is not an amount."""
    tok = anchor
    for _ in range(4):
        if tok.dep_ not in ("pobj", "quantmod", "nummod", "prep"):
            return None
        tok = tok.head
        if tok.lower_ == "from" and tok.dep_ == "prep":
            return tok
        if tok.pos_ in ("VERB", "AUX") or tok.pos_ in ("NOUN", "PROPN") and tok.text not in ("%", "percent", "per", "cent"):
            return None
    return None


def _directed(anchor: Any) -> tuple[Any, bool] | None:
    """(verb, change) when an amount sits with a word of direction after a verb of being or of a market's
    close (`direction_verbs`): the amount before the word is how much the subject changed ("net profit was
    up 6%", "sales were 3% lower", "shares closed 12% down"), one after its "at" or "to" the level reached
    ("was up 4% at $9.2bn", "ended down 30 cents at $12")."""
    lex = lexicon()
    directions, verbs = lex["directions"], lex["direction_verbs"]
    head = anchor.head
    if anchor.dep_ in ("npadvmod", "dobj", "advmod") and head.lower_ in directions and head.dep_ in ("advmod", "acomp", "prt", "advcl"):
        verb, change = head.head, True  # "was up 6%", "were 0.5% higher"
    elif anchor.dep_ == "pobj" and head.lower_ in ("at", "to") and head.head.lower_ in directions:
        verb, change = head.head.head, False  # "was up 6% at $16.6bn"
    elif anchor.dep_ in ("npadvmod", "dobj") and head.pos_ in ("VERB", "AUX") and any(
        c.lower_ in directions and c.dep_ in ("advmod", "prt") for c in head.children
    ):
        verb, change = head, True  # "closed 12% down"
    else:
        return None
    if verb.lemma_.lower() not in verbs and not (change and verb.lemma_.lower() in lex["change_set"]) or verb.pos_ not in ("VERB", "AUX"):
        return None  # a verb of change with its word of direction says the same: "went up 0.5%"
    return verb, change


def _small_clause(anchor: Any) -> Any:
    """The noun a word of direction says changed when no verb of being joins them: a headline ("crop
    output up 24%"), the object of a verb ("the figures showed imports down 2.1%", "posted sales up 3%")
    or of "with" ("with the Hang Seng down 1%"). The amount before the word is how much the noun changed."""
    head = anchor.head
    directions = lexicon()["directions"]
    if anchor.dep_ == "npadvmod" and head.pos_ in ("NOUN", "PROPN") and head.i < anchor.i and any(
        c.lower_ in directions and head.i < c.i < anchor.i for c in head.children
    ):
        return head  # "crop output up 24%", the amount hung on the noun
    if anchor.dep_ not in ("npadvmod", "dobj", "advmod") or head.lower_ not in directions:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is not None:
        return subject  # "with the Nikkei down 2%", the word of direction the clause's predicate
    holder = head.head
    if holder.pos_ in ("NOUN", "PROPN") and head.dep_ in ("advmod", "amod") and holder.i < head.i:
        return holder  # "crop output up 24%"
    if holder.pos_ not in ("VERB", "AUX") or holder.lemma_.lower() in lexicon()["direction_verbs"]:
        return None
    before = head.doc[head.i - 1]
    for noun in (c for c in holder.subtree if c.pos_ in ("NOUN", "PROPN") and c.right_edge.i == before.i):
        if noun.dep_ == "dobj" and noun.head.i == holder.i or noun.dep_ == "pobj" and noun.head.lower_ == "with":
            return noun  # "showed imports down 2.1%", "with the Hang Seng down 1%"
    return None


def _clause_subject(verb: Any) -> Any:
    """The verb's subject, else that of the clause it completes ("after reaching $377bn", "expected to
    peak"), or the noun a participle describes ("a deficit projected to peak at $427bn")."""
    for _ in range(4):
        subj = _subject(verb)
        if subj is not None:
            return subj
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head
        elif verb.dep_ in ("xcomp", "advcl", "conj", "acomp"):
            verb = verb.head  # "… after reaching", "growth is likely to peak at 2%"
        else:
            return None
    return None


def _priced(anchor: Any, named: Callable[[Any], str | None] | None = None) -> tuple[Any, Any, str] | None:
    """(verb, thing, role) when an amount is what a thing was sold, bought or valued for (`price_verbs`):
    "the unit was sold for $9.3bn", "bought the unit for $9.3bn", "paid $5m for the site", "values the
    club at £800m", "a mill sold to a group for $800m"; a pronoun ("It was bought for $9.4bn") is the name
    its coreference chain stands for (`named`), else no key."""
    head = anchor.head
    if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("for", "at"):
        verb = head.head
    elif anchor.dep_ == "dobj":
        verb = head
    else:
        return None
    role = lexicon()["price_verbs"].get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
    if role is None:
        return None
    thing = None
    for holder in (verb, verb.head if verb.dep_ == "conj" else None):  # "seized and sold for $10bn"
        if holder is None or thing is not None:
            continue
        kids = list(holder.children)
        if anchor.dep_ == "dobj":  # "paid $5m for the site", the "for" on the verb or on the amount
            preps = [*kids, *anchor.children] if holder is verb else kids
            thing = next((o for c in preps if c.dep_ == "prep" and c.lower_ == "for" for o in c.children if o.dep_ == "pobj"), None)
        else:
            thing = next((c for c in kids if c.dep_ in ("dobj", "nsubjpass") and c.i != anchor.i), None)
        if thing is None and holder.dep_ == "acl" and holder.head.pos_ in ("NOUN", "PROPN"):
            thing = holder.head
    if thing is not None and thing.pos_ == "PRON":
        name = named(thing) if named is not None else None
        words = [w.lower() for w in (name or "").split() if w[:1].isupper()]
        return (verb, thing, f"{role} {' '.join(words)}") if words else None
    if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    return verb, thing, f"{role} {_thing(thing)}"


def _priced_noun(noun: Any) -> str | None:
    """ "offer london" for "a £1.3bn offer for the London market": a noun of `price_nouns` with what
    it is for or of, keyed as `_priced` keys "offered £1.3bn for the London market"."""
    role = lexicon()["price_nouns"].get(noun.lemma_.lower())
    if role is None:
        return None
    thing = next((o for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("for", "of", "on") for o in c.children if o.dep_ == "pobj"), None)
    return f"{role} {_thing(thing)}" if thing is not None and thing.pos_ in ("NOUN", "PROPN") else None


def _thing(noun: Any) -> str:
    """What a price is of, in words that stay the same across reports: its proper names ("the
    Yugansk unit" -> "yugansk"), else its noun with its modifiers ("steel mill")."""
    parts = [t for t in noun.lefts if t.dep_ == "compound"] + [noun]
    names = [t.text.lower() for t in parts if t.pos_ == "PROPN"]
    if names:
        return " ".join(names)
    mods = [t.lemma_.lower() for t in noun.lefts if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ") and _wordlike(t)]
    return " ".join([*(w for w in mods if w not in lexicon()["generic_modifiers"]), noun.lemma_.lower()])


def _money_owner(tok: Any, verb: Any) -> Any:
    """The noun an amount belongs to: "a salary of X", "a $700,000 award", "X as a down payment", "the
    demand for X" (a noun of what is asked or offered: `demanded`, `price_nouns`), "a X (£Y) claim" (the
    noun after the article's conversion), "Arsenal's £100m deal" (a noun the tagger read as a verb)."""
    glued = _glued_noun(tok)
    if glued is not None:
        return glued
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "at", "worth") and head.head.pos_ == "NOUN":
        return head.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for" and head.head.pos_ == "NOUN" and _asked(head.head):
        return head.head
    if tok.dep_ in ("compound", "nmod", "amod", "nummod", "appos") and head.pos_ == "NOUN" and head.i != tok.i and not _scale_word(head):
        return head
    after = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i and c.pos_ == "NOUN" and _wordlike(c) and not _scale_word(c)), None)
    if after is not None:
        return after
    for holder in (tok, verb):
        if holder is None:
            continue
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return _in_kind(tok)


def _scale_word(word: Any) -> bool:
    """A number's scale, which the parse may take for a noun, the amount's or its conversion's: the "m"s
    of "$12.4m (£6.5m) in ticket sales" are part of the figure, never what it is an amount of."""
    before = word.doc[word.i - 1] if word.i else None
    if before is None or not before.like_num or word.lower_ not in SCALE_SUFFIXES:
        return False
    return not before.whitespace_ or word.lower_ in ("million", "billion", "trillion")


def _asked(noun: Any) -> bool:
    """A noun of a sum asked, claimed or offered ("demand", "claim", "bid"), whose "for" names the sum."""
    lemma = noun.lemma_.lower()
    return lemma in lexicon()["demanded"] or lemma in lexicon()["price_nouns"]


def _glued_noun(tok: Any) -> Any:
    """The noun right after an amount whose scale the tagger read as a verb ("Arsenal's £100m deal with
    Emirates": "m" an auxiliary, the parse astray): the word after it, a noun, or a "verb" a possessive
    hangs on, which only a noun takes."""
    doc = tok.doc
    i = tok.i if tok.lower_ in SCALE_SUFFIXES else tok.i + 1  # the span's root may be the scale itself
    if i >= len(doc) or doc[i].lower_ not in SCALE_SUFFIXES or doc[i].pos_ not in ("VERB", "AUX"):
        return None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or not nxt.is_alpha:
        return None
    if nxt.pos_ == "NOUN" or nxt.pos_ == "VERB" and any(c.dep_ == "poss" for c in nxt.children):
        return nxt
    return None


SCALE_SUFFIXES = frozenset({"m", "bn", "mn", "k", "tn", "million", "billion", "trillion"})


def _in_kind(tok: Any) -> Any:
    """The bare noun an amount is counted in, right after it: "$20bn in damages", "$2bn in sales"
    (not "in an auction", "in 2004", nor a form of payment: "in cash")."""
    doc = tok.doc
    i = tok.i + 1
    if i < len(doc) and _scale_word(doc[i]):  # past its own scale: "$12.4m in ticket sales"
        i += 1
    if i < len(doc) and doc[i].text == "(":  # past the article's conversion: "$20bn (£11bn) in damages"
        i = next((j + 1 for j in range(i, min(i + 8, len(doc))) if doc[j].text == ")"), i)
    if i + 1 >= len(doc) or doc[i].lower_ != "in":
        return None
    obj = doc[i + 1]
    if obj.pos_ != "NOUN" or obj.head.i != i or obj.lemma_.lower() in lexicon()["payment_forms"]:
        return None
    return obj


def _verb_of(tok: Any) -> Any:
    head = tok
    for _ in range(3):
        if head.dep_ == "pobj":
            head = head.head
        if head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "prep", "oprd"):
            return head.head
        if head.dep_ == "ROOT":
            break
        head = head.head
    return None


def _noun_after(tok: Any) -> Any:
    """The noun a fraction's last word counts: "one in three Germans" -> Germans."""
    for t in tok.doc[tok.i + 1:tok.i + 5]:
        if t.pos_ in ("NOUN", "PROPN"):
            return t
        if t.pos_ not in ("ADP", "NUM", "DET", "ADJ"):
            return None
    return None


def _share_doing(anchor: Any) -> str | None:
    """What the share of a population does, as lemmas: "16% of women earn more than £50,000" -> "earn",
    "60% hold degrees" -> "hold degree", "compared with 30% of men" -> the compared clause's "earn"."""
    verb = None
    if anchor.dep_ in ("nsubj", "nsubjpass"):
        verb = anchor.head
    elif anchor.dep_ == "pobj" and anchor.head.lower_ in ("with", "to") and anchor.head.head.lower_ in ("compared", "against"):
        verb = anchor.head.head.head
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in (*REPORTING, "be", "have", "compare"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    return " ".join(_lemmas([verb, *([obj] if obj is not None else [])]))


def _changed(noun: Any, anchor: Any, scope: Scope) -> Any:
    """What a noun of change names as changed: the noun after its "in" or "of" ("a rise in sales", "an
    increase of exports"), not the amount itself ("a rise of 0.4%") nor a time ("a rise in January")."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and not (obj.left_edge.i <= anchor.i <= obj.right_edge.i) and not scope.blocks_subtree(child) and obj.lemma_.lower() not in TIME_NOUNS:
                return obj
    return None


def _changer(noun: Any) -> Any:
    """What a change that names nothing changed is of, when it is the object of a verb that says a thing
    underwent it (`change_holders`: "house prices saw a 0.5% rise", "margins, which showed a 3.1% rise"):
    that subject; not people, nor a name ("Kestrel posted a 5% rise"), nor a forecast ("analysts forecast a
    0.1% rise")."""
    if noun.dep_ not in ("dobj", "attr") or noun.head.pos_ not in ("VERB", "AUX") or noun.head.lemma_.lower() not in lexicon()["change_holders"]:
        return None
    subj = _referent(_clause_subject(noun.head))
    if subj is None or subj.pos_ != "NOUN" or subj.lemma_.lower() in lexicon()["people_set"] or subj.text.lower() in lexicon()["people_set"]:
        return None
    return subj


def _owner(tok: Any, verb: Any) -> tuple[int, int] | None:
    """The span of the subject whose measure a figure is, when the phrase itself names no owner: the
    subject of its verb or of the clause it completes ("Rosneft reported a profit of $1bn", "BP, whose
    sales rose 5%"); None when the figure's own noun is the subject ("Sales rose 5%")."""
    head = verb if verb is not None else tok
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            break
        if head.dep_ in ("nsubj", "nsubjpass") or head.head.i == head.i:
            return None
        head = head.head
    else:
        return None
    subj = _clause_subject(head)
    if subj is None or subj.left_edge.i <= tok.i <= subj.right_edge.i:
        return None
    return subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)


def agent(counted: Any, verb: Any) -> tuple[int, int] | None:
    """Who did what a count of people counts, when the count is the object of an active verb whose
    subject is a name or "he"/"she": "Omarov recruited 40 men", "his partner, Ruslan Tulegenov, signed up
    12", "while Tulegenov brought in 15". The span of the name (or pronoun, for its coreference chain);
    resolve keeps it only where it is a person's, so each recruiter's count is a measure of its own while
    a state or an army as subject ("Moscow recruited 280,000") leaves the population's count whole."""
    if counted.dep_ not in ("dobj", "obj") or counted.head.i != verb.i:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.lower_ in ("he", "she"):
        return subj.idx, subj.idx + len(subj.text)
    name = subj if subj.pos_ == "PROPN" else next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if name is None:
        return None
    first = min((c for c in name.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), key=lambda c: c.i, default=name)
    return first.idx, name.idx + len(name.text)


def _equated(noun: Any) -> bool:
    """ "equivalent to 22 million people": a generic noun a figure is said to be equal to."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lemma_.lower() in ("equivalent", "equal")


def _apposed(noun: Any) -> Any:
    """The noun a generic "people" is in apposition to (or said to be equal to): "US adults" in "One
    in 10 US adults - 22 million people - ...", through a share's "in"/"of"."""
    head = noun.head.head.head if _equated(noun) else noun.head
    if head.pos_ == "NUM":
        head = next((o for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for o in c.children if o.dep_ == "pobj"), None)
    return head if head is not None and head.pos_ in ("NOUN", "PROPN") else None


def _stake(anchor: Any, noun: Any) -> tuple[Any, str] | None:
    """(noun, role) of a percentage that is a holding in a firm, keyed with the firm as a price is with
    the thing sold: "an 18.8% stake in Southcorp", "bought 18.8% of Southcorp", "owns 6.7% of Circuit
    City's shares" are all `stake southcorp` / `stake circuit city`, however the report words it."""
    thing = verb = holder = None
    if noun is not None and noun.lemma_.lower() == "stake":
        thing = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "in" for o in c.children if o.dep_ == "pobj"), None)
        holder = next((c for c in noun.children if c.dep_ == "poss"), None)  # "Foster's 18.8% stake in Southcorp"
        verb = noun.head if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX") else None
    elif anchor.dep_ == "dobj" and anchor.head.pos_ == "VERB" and anchor.head.lemma_.lower() in lexicon()["stake_verbs"]:
        verb = anchor.head
        thing = noun if noun is not None else _of_object(anchor)
        if thing is not None and thing.lemma_.lower() in lexicon()["holding_nouns"]:  # "6.7% of Circuit City's shares"
            thing = next((c for c in thing.children if c.dep_ == "poss"), None)
        if thing is not None and thing.i < anchor.i:
            thing = None
    if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    holder = holder if holder is not None else _holder(verb)
    held = f"stake {_thing(thing)}" + (f" {_thing(holder)}" if holder is not None and holder.pos_ in ("NOUN", "PROPN") else "")
    return (noun if noun is not None and noun.lemma_.lower() == "stake" else thing), held


def _holder(verb: Any) -> Any:
    """Who holds, buys or sells a stake: the verb's subject ("Kestrel bought 18.8% of ..."), through a verb
    it completes ("will take 40% of ..."), or the noun a relative or participle clause describes
    ("a Cypriot fund, which holds a 3% stake in ...", "a Baltic bank, owning 5% of ..."). Two holders'
    stakes in one firm are two measures, never a contradiction."""
    for _ in range(3):
        if verb is None:
            return None
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ not in ("WDT", "WP"):
            return subject
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        verb = verb.head if verb.dep_ in ("xcomp", "conj") else None
    return None


def _of_object(tok: Any) -> Any:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def analyse(
    anchor: Any,
    kind: str,
    scope: Scope,
    countries: dict[int, str],
    period: str | None = None,
    vague: bool = False,
    home: str | None = None,
    named: Callable[[Any], str | None] | None = None,
) -> Measure:
    """The measure of a figure whose syntactic head is `anchor`.

    `kind` is "count", "money", "percent", "fraction", "unit" or "time"; `scope` keeps other
    figures and dates out of the phrase; `countries` maps mention offsets to
    country codes; `period` is a rate read off the text ("per-month")."""
    m = Measure()
    noun = verb = participle = None
    nxt = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if kind == "count" and nxt is not None and nxt.lower_ in PARTICIPLES and anchor.dep_ != "nummod":
        participle = nxt
    if kind == "count" and vague:
        noun = _of_object(anchor)
    if noun is None and kind == "count" and anchor.dep_ in ("nummod", "quantmod") and anchor.head.pos_ in ("NOUN", "PROPN"):
        noun = anchor.head
    if noun is None and kind == "count" and anchor.pos_ == "NOUN":
        noun = _of_object(anchor)  # "a couple of guards", "a quarter of a million people"
    if noun is not None and noun.lemma_.lower() in ("people", "person") and (noun.dep_ == "appos" or _equated(noun)):
        noun = _apposed(noun) or noun  # "One in 8 recruits - some 4,000 men - came ...", "- equal to 4,000 men -"
    priced = _priced(anchor, named) if noun is None and kind == "money" else None
    if priced:
        verb, noun, m.role = priced
    if noun is None:
        cop = _copula(anchor)
        if cop:
            verb, noun, m.qualifier, m.change = cop
            m.reached = _reached(_described(anchor)) is not None
        elif kind == "fraction":  # "two-thirds of the sales", "one in three Germans"
            parts = [anchor, *[c for c in anchor.children if c.dep_ in ("quantmod", "compound", "nummod")]]
            noun = next((o for o in map(_of_object, parts) if o is not None), None) or _noun_after(anchor)
            verb = None if noun is not None else _verb_of(anchor)
        elif kind in ("money", "percent"):
            noun = _money_owner(anchor, _verb_of(anchor))
            if noun is None and kind == "percent":
                noun = _of_object(anchor)
                m.doing = _share_doing(anchor) if noun is not None else None
            verb = None if noun is not None else _verb_of(anchor)
        elif kind in ("unit", "time"):
            noun = _of_object(anchor)
    lex = lexicon()
    staked = _stake(anchor, noun) if kind == "percent" and m.role is None else None
    if staked is not None:
        noun, m.role = staked
    if noun is not None and noun.lemma_.lower() in lex["change_noun_set"] and kind in ("money", "percent", "unit"):
        changed = _changed(noun, anchor, scope)  # "a rise in sales of 5%", "a 5% rise in sales"
        if changed is None:
            changed = _changer(noun)  # "house prices saw a 0.5% rise"
        if changed is None:
            m.bare_change = True
            return m
        noun, m.change = changed, True
    phrase = noun  # the words the measure is read from: "the number of Indians in Russian uniform"
    if noun is not None and kind == "count" and noun.lemma_.lower() in lex["anaphors"]:
        counted = _of_object(noun)  # "the number of films shown rose to 240": films, named
        if counted is not None and counted.pos_ in ("NOUN", "PROPN") and counted.lemma_.lower() not in (*lex["anaphors"], *lex["pronoun_nouns"]):
            noun = counted
    if noun is not None and noun.lemma_.lower() in lex["anaphors"]:
        m.anaphor = True
    stand_in = None  # "wounded 30 others": the word that stands for the counted, the verb's object all the same
    if noun is not None and noun.lemma_.lower() in lex["pronoun_nouns"]:
        stand_in, noun, phrase = noun, None, None
    if verb is None and not m.qualifier and kind == "count" and participle is None:
        holder = phrase if phrase is not None else stand_in if stand_in is not None else anchor
        if holder.dep_ in ("nsubj", "nsubjpass", "dobj") and holder.head.pos_ in ("VERB", "AUX"):
            verb = holder.head
    copular = verb is not None and verb.lemma_.lower() in ("be", "remain", "stay") and not m.qualifier
    if verb is not None and verb.lemma_.lower() in (*REPORTING, "have") and not m.qualifier:
        verb = None
    clause = None
    if noun is None and verb is None and kind == "count":
        # "16 who have been killed": a bare number with its own clause says what it counts
        clause = next((c for c in anchor.children if c.dep_ in ("relcl", "acl")), None)
    noun_toks = noun_phrase(phrase, scope) if phrase is not None else (_subtree(clause, scope, 8) if clause is not None else [])
    verb_toks = []
    if verb is not None and not m.qualifier:
        verb_toks = [t for t in verb_phrase(verb, noun if noun is not None else anchor, scope) if t.i not in {x.i for x in noun_toks}]
        if copular:  # "15,000 Nepalis are in Russia's army": what they are, not the verb
            verb_toks = [t for t in verb_toks if t.i != verb.i]
            verb = None
    m.noun, m.verb = noun, (verb if not m.qualifier else None)
    m.tokens = noun_toks + verb_toks
    if noun_toks:
        m.span = (noun_toks[0].idx, noun_toks[-1].idx + len(noun_toks[-1].text))
    elif participle is not None:
        m.span = (participle.idx, participle.idx + len(participle.text))
    elif verb_toks:
        m.span = (verb_toks[0].idx, verb_toks[-1].idx + len(verb_toks[-1].text))
    parts = [participle.text] if participle is not None else []
    if noun_toks:
        parts.append(f"({_text(noun_toks)})" if participle is not None else _text(noun_toks))
    if verb_toks:
        head = verb.i if verb is not None else -1
        rest = _text([t for t in verb_toks if t.i != head])
        parts.append(" ".join(x for x in (_verb_form(verb) if head in {t.i for t in verb_toks} else "", rest) if x))
    m.text = " ".join(p for p in parts if p) or None
    m.unit = _unit(kind, noun, verb, anchor, participle)
    if clause is not None and any(t.lower_ == "who" for t in clause.subtree):
        m.unit = "people"
    context = noun_phrase(phrase, scope, limit=CONTEXT_TOKENS, conj=True) if phrase is not None else noun_toks
    m.rate = period
    m.key = _key(m, kind, anchor, context, participle, countries, period, home)
    if m.key and m.key.split()[0] in lex["owner_concepts"]:
        m.owner = _owner(noun if noun is not None else anchor, m.verb)
    elif m.key and m.key.split()[0] in lex["people_concepts"] and m.verb is not None:
        m.owner = agent(noun if noun is not None else anchor, m.verb)
    if m.key and m.unit is None and kind == "count" and m.key.split()[0] in lex["people_concepts"]:
        m.unit = "people"
    return m


def _wording(m: Measure, anchor: Any) -> str | None:
    """The key of an amount no noun owns, from its verb's wording: the verb and the content words
    of its complements, with the proper names of its subject where the amount is not the subject
    ("£947m has been designated as unrecoverable" -> "designate unrecoverable"). None when the
    wording says nothing of what is measured ("sold for", "raised from investors" by no one named)."""
    verb = m.verb
    if verb is None:
        return None
    content = [t for t in m.tokens if t.i != verb.i and t.pos_ in ("NOUN", "ADJ", "PROPN")]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    named = []
    if subject is not None and not (subject.i <= anchor.i <= subject.right_edge.i and subject.left_edge.i <= anchor.i):
        named = [t for t in subject.subtree if t.pos_ == "PROPN"]
        if not named:
            return None  # "the firm raised $5m from investors": whose, the words do not say
    if not content and not named:
        return None
    return " ".join(_lemmas([*named, verb, *content]))


def _capitalised_noun(t: Any) -> bool:
    """A common noun that opens its sentence and that the tagger, misled by the capital, reads as a name
    ("House prices rose 0.5%"): a word the model's lemmatizer knows as a common noun."""
    from ..analyze import common_noun

    return t.pos_ == "PROPN" and t.is_sent_start and t.text[:1].isupper() and not t.text.isupper() and common_noun(t.text)


def _wordlike(t: Any) -> bool:
    """A modifier that says what is measured, not an amount ("10bn" in "a $10bn lawsuit", "%")."""
    return not t.like_num and t.is_alpha or "-" in t.text and not any(ch.isdigit() for ch in t.text)


def _named_kind(noun: Any) -> tuple[str, ...]:
    """The noun compounds a bare noun has where its document names it in full, when it names it one
    way only: "the deficit" in a report that speaks of "the budget deficit" is the budget deficit."""
    if noun.tag_ != "NN" or any(c.dep_ == "nummod" for c in noun.children):
        return ()  # a counted plural ("337,000 jobs") is all of them
    forms = _compound_forms(noun.doc).get(noun.lemma_.lower(), set())
    return next(iter(forms)) if len(forms) == 1 else ()


def _compound_forms(doc: Any) -> dict[str, set[tuple[str, ...]]]:
    """Each noun lemma of a document with the sets of noun compounds it is named with, read once per
    document (kept in the parse's `user_data`)."""
    if "compound_forms" not in doc.user_data:
        generic = lexicon()["generic_modifiers"]
        forms: dict[str, set[tuple[str, ...]]] = {}
        for t in doc:
            if t.pos_ != "NOUN":
                continue
            mods = tuple(sorted(c.lemma_.lower() for c in t.lefts if c.dep_ == "compound" and c.pos_ == "NOUN" and _wordlike(c) and c.lemma_.lower() not in generic))
            if mods:
                forms.setdefault(t.lemma_.lower(), set()).add(mods)
        doc.user_data["compound_forms"] = forms
    return doc.user_data["compound_forms"]


def _unit(kind: str, noun: Any, verb: Any, anchor: Any, participle: Any) -> str | None:
    lex = lexicon()
    if kind != "count":
        return None
    if participle is not None:
        return "people"
    if noun is None:
        if verb is not None and verb.lemma_.lower() in lex["people_verbs"] and anchor.dep_ in ("nsubj", "nsubjpass"):
            return "people"
        return None
    lemma = noun.lemma_.lower()
    if lemma in lex["anaphors"]:
        return None
    if lemma in lex["people_set"] or noun.text.lower() in lex["people_set"]:
        return "people"
    if noun.text[:1].isupper() and places.demonym_country(noun.text):
        return "people"
    return " ".join([*_compounds(noun), lemma])  # "heart transplant", "cargo plane", "first-team player"


def _compounds(noun: Any) -> list[str]:
    """The nouns compounded right before a noun ("heart" in "heart transplant", "wind farm" in "wind farm
    project"), with a word hyphened to the first of them ("first-team" in "first-team players")."""
    doc = noun.doc
    words: list[str] = []
    i = noun.i - 1
    while i >= 0 and doc[i].dep_ == "compound" and doc[i].pos_ == "NOUN" and doc[i].head.i in (noun.i, i + 1):
        words.insert(0, doc[i].lemma_.lower())
        i -= 1
    if words and i >= 1 and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_ and doc[i - 1].is_alpha and doc[i - 1].pos_ != "NUM":
        words[0] = f"{doc[i - 1].lower_}-{words[0]}"
    return words


def _doer(verb: Any, holder: Any) -> bool:
    """Whether a count is the active subject of a verb of `patient_verbs` that has an object of its own: who
    did to the object what the verb's concept counts ("three gunmen killed 12 people", "two recruiters signed
    up 40 men"), not the ones it befell."""
    if verb is None or holder.dep_ != "nsubj" or holder.head.i != verb.i:
        return False
    lemma = verb.lemma_.lower()
    verbs = lexicon()["patient_verbs"]
    if lemma not in verbs and not any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in verbs for c in verb.children):
        return False
    return any(c.dep_ in ("dobj", "dative") for c in verb.children)


def _purpose(tok: Any) -> bool:
    """An infinitive of purpose on a verb, which says what the counted went or were taken for ("15,000 have
    gone to fight"): a clause of the verb with its own "to"."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


LASTING = frozenset({"last", "go", "fight", "take"})  # verbs whose object is how long a contest ran ("went 11 rounds")


def _contest_length(noun: Any) -> bool:
    """Whether a count of a contest's periods (`contest_periods`: rounds, laps) is how long the contest ran ("in
    six rounds", "the bout went 11 rounds"), not things counted: rounds "of" something ("two rounds of talks")
    or that a verb other than one of lasting acts on ("fired 30 rounds", "30 rounds were fired")."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return False
    return not (noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() not in LASTING)


def _opponent(noun: Any) -> str | None:
    """The name of whom a contest whose length is counted was fought against: the named object of the verb
    the count hangs on ("stopped Olsen in six rounds", "beats Tomas Olsen over five rounds") or its passive
    subject ("Olsen was stopped in six rounds"), by surname; None when no one is named."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    name = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "PROPN" and c.i != noun.i), None)
    return name.text.lower() if name is not None else None


def _kind_named(noun: Any, group: list[Any], applies: str) -> list[Any] | None:
    """The counted noun's phrase without the nouns compounded before it, when those hold a concept's word
    that only names the noun's kind ("two contract extensions", "three arrest warrants", "40 death row
    inmates"): the count is of the noun, keyed by its own word's concept or by the noun. None when they do
    not: nothing compounded holds a concept, the noun is the last word of a concept's phrase ("death toll")
    or a word of amount ("the death count" is a count of deaths)."""
    compounds = noun.doc[noun.i - len(_compounds(noun)):noun.i]
    if not len(compounds) or noun.lemma_.lower() in lexicon()["anaphors"] or find_concept(list(compounds), applies) is None:
        return None
    lemmas, texts = _lemmas([*compounds, noun]), [t.lower_ for t in (*compounds, noun)]
    if any(
        len(phrase) > 1 and seq[-len(phrase):] == list(phrase)
        for _key, scope, phrases in lexicon()["concept_words"] if scope in ("any", applies)
        for phrase in phrases for seq in (lemmas, texts)
    ):
        return None
    return [t for t in group if t.i not in range(compounds.start, compounds.end)]


def _pays_out(verb: Any, period: str | None) -> bool:
    """A sum the subject of "pay" pays once to no one it employs ("Halvorsen Motors is to pay Brightwell
    $1.5bn", "the broker agreed to pay $640m to settle the lawsuit"): the payer's payment, not a salary.
    Paid per period ("pays the foreign recruits $2,100 a month"), to people ("the mill paid its workers
    $800") or in the passive ("volunteers are paid 210,000 roubles"), it is a wage."""
    if verb.lemma_.lower() != "pay" or period is not None or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    people = lexicon()["people_set"]
    return not any(
        c.dep_ in ("dative", "dobj") and (c.lemma_.lower() in people or c.ent_type_ == "PERSON" or c.pos_ == "PRON")
        for c in verb.children
    )


def _firm_earns(verb: Any) -> bool:
    """A firm that "earned" a sum made it as its profit ("for the year Harlow Bank earned $420m", "it
    earned $97m"); a person earns a wage."""
    if verb.lemma_.lower() != "earn":
        return False
    subj = _clause_subject(verb)
    return subj is not None and _firm(subj)


def _firm(tok: Any) -> bool:
    """A word that stands for a firm: an organisation's name, "it" or "its", or an organisation's noun."""
    return tok.ent_type_ == "ORG" or tok.lower_ in ("it", "its") or tok.lemma_.lower() in load("types")["org_nouns"]


def _firm_earnings(tok: Any) -> bool:
    """ "Earnings" a firm made: its profit. Owned by the firm ("its earnings", "Harlow's earnings", "the
    company's earnings"), or, owned by no one, in a clause whose subject, or that of the verb of saying it
    completes, is a firm ("it could restate $9bn in earnings", "Boeing said earnings … fell"); not a
    person's or people's ("nurses' earnings", "average earnings", "her earnings")."""
    if tok.lower_ != "earnings":
        return False
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None:
        return _firm(owner)
    if any(c.dep_ == "amod" and c.lower_ in ("average", "weekly", "monthly", "annual", "real") for c in tok.children):
        return False  # a wage statistic
    verb = tok.head
    for _ in range(3):
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        subj = _clause_subject(verb)
        if subj is not None and subj.i != tok.i and not tok.is_ancestor(subj):
            return _firm(subj)
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _key(
    m: Measure, kind: str, anchor: Any, context: list[Any], participle: Any, countries: dict[int, str], period: str | None,
    home: str | None = None,
) -> str | None:
    lex = lexicon()
    applies = {"unit": "any", "fraction": "count"}.get(kind, kind)
    groups: list[list[Any]] = []
    if participle is not None:
        groups.append([participle])
    holder = m.noun if m.noun is not None else anchor
    doer = kind == "count" and _doer(m.verb, holder)  # "three gunmen killed 12 people": the gunmen did it
    if m.verb is not None:
        groups.append([] if doer else [m.verb, *[c for c in m.verb.children if c.dep_ in ("prt", "xcomp") or _purpose(c)]])
    elif m.noun is not None and kind == "count":
        # a headline's "Two soldiers killed near Gori", the participle parsed as the noun's modifier: what befell them
        told = next((c for c in m.noun.rights if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == m.noun.i + 1), None)
        if told is not None:
            groups.append([told, *[c for c in told.children if c.dep_ == "prt"]])
    named = None  # the counted noun's phrase when a concept's word compounded before it only names its kind
    if m.noun is not None:
        groups.append([m.noun, *[t for c in m.noun.lefts if c.dep_ in NP_LEFT for t in c.subtree if not t.like_num]])
        named = _kind_named(m.noun, groups[-1], applies) if kind == "count" else None
        groups[-1] = named if named is not None else groups[-1]
    acted = {t.i for t in m.verb.subtree} - {t.i for t in holder.subtree} if doer else set()  # what the doer did
    groups.append([t for t in (*context, *[t for t in m.tokens if t.i not in {c.i for c in context}]) if t.i not in acted])
    concept = m.role
    if m.noun is not None and kind == "count":
        lemma = m.noun.lemma_.lower()
        if lemma in lex["contest_periods"] and _contest_length(m.noun):
            opponent = _opponent(m.noun)
            return f"{lemma} {opponent}" if opponent else None  # "stopped Olsen in six rounds": that fight's length
    # a count of what is never a person ("16 fights", "two brigades") is no count of people, whatever its words
    unpeopled = lex["people_concepts"] if m.noun is not None and kind == "count" and m.noun.lemma_.lower() in lex["not_people_set"] else frozenset()
    n = len(groups)
    for n, group in enumerate(groups if concept is None else []):
        concept = find_concept(group, applies, unpeopled)
        if concept or group is named:
            break  # "two contract extensions" are extensions, whatever the words around them say
    from_verb = concept is not None and m.verb is not None and participle is None and n == 0
    if concept == "salary" and from_verb:  # a payer's payment, a firm's profit, else a wage
        concept = "payment" if _pays_out(m.verb, period) else "profit" if _firm_earns(m.verb) else concept
    elif concept == "salary" and any(_firm_earnings(t) for t in groups[n]):
        concept = "profit"  # "restate its earnings by $9bn", "Boeing said earnings … dropped by 84%"
    if concept is None and m.noun is None and not m.anaphor and kind in ("money", "percent"):
        concept = _wording(m, anchor)
        if concept is None:
            return None
    elif concept is None:
        if m.noun is None or m.anaphor:
            return None
        head = "people" if m.unit == "people" else _lemmas([m.noun])[0]
        mods = sorted({
            w for w in _lemmas([t for c in m.noun.lefts if c.dep_ in ("amod", "compound") for t in c.subtree
                                if _wordlike(t) and (t.pos_ in ("ADJ", "NOUN", "VERB") or _capitalised_noun(t))])
            if places.demonym_country(w.capitalize()) is None and w not in lex["regions"]
            and not (head == "people" and w in lex["people_set"])  # "adult Americans" are the people "US adults" are
        })
        if head != "people" and not set(mods) - set(lex["generic_modifiers"]):
            mods = sorted(set(mods) | set(_named_kind(m.noun)))  # "the deficit" of a report on "the budget deficit"
        concept = " ".join([*mods, head])
        thing = _priced_noun(m.noun)
        if thing:
            concept = thing  # "a £1.3bn offer for the exchange" is the offer for the exchange, whoever makes it
    change = m.change and concept not in lex["change_concepts"]  # growth is a change already
    others = m.noun is not None and any(c.lower_ in ("another", "other") and c.i < anchor.i for c in m.noun.children)
    parts = [" ".join([*(["other"] if others else []), concept, *([m.doing] if m.doing else []), *(["change"] if change else [])])]
    found = origins(m.noun, countries) if m.noun is not None else []
    if concept in lex["agent_concepts"] and m.verb is not None:
        subject = next((c for c in m.verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            found = sorted(set(found) | {countries[t.idx] for t in subject.subtree if t.idx in countries})
    if not found and concept in lex["national_concepts"]:
        verb = m.verb if m.verb is not None else (m.noun.head if m.noun is not None and m.noun.dep_ in ("nsubj", "nsubjpass", "dobj") else None)
        found = _located([t for t in (anchor, m.noun, verb, _clause_root(verb)) if t is not None], countries)
    if not found and home and concept in lex["national_concepts"]:
        found = [home]  # "growth slowed to 2%" in a report about France is France's growth
    parts.extend(found)
    rate = period
    if rate is None and m.noun is not None:
        for t in [m.noun, *m.noun.lefts]:
            rate = lex["periods"].get(t.lower_) or rate
    m.rate = rate
    if not from_verb:  # a salary is taken as monthly, not a sum someone "paid ... for flights"
        rate = rate or lex["periods"]["default"].get(concept)
    if rate:
        parts.append(rate)
    if _planned(anchor) and not (m.noun is not None and _lemmas([m.noun])[0] in lex["demanded"]):
        parts.append("planned")
    return " ".join(parts)
