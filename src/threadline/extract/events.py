"""Typed events and domain indicators, driven by a domain pack (data, not code).

For every sentence: triggers are tokens whose lemma, or phrases whose words,
a pack's event type names; arguments come from the trigger's dependency
relations and prepositions through the pack's role map (subject -> agent,
"from" -> origin, ...) and are linked to entity mentions; a demonym inside the
recruits ("Cuban men") gives the origin. The time is a date in the trigger's
clause or in what the clause hangs on, else the nearest date in the sentence, else the last date of the
sentence before it, else the day the lead names, else the lead's dateline, else the publish date, always
with the source named; an underspecified date ("XXXX-08") is kept as it is. Modality: question, denied, hypothetical, planned,
reported (inside an attribution) or asserted. An event told in a photo caption
is marked `caption`; a caption's repeat gives no event. Indicators are the pack's regular
expressions, tied to an event of the same sentence and the nearest actor.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import islice
from typing import Any

import numpy as np
from spacy.symbols import NOUN, PRON, PROPN

from .. import timeml
from ..domain import load_pack
from ..pipeline import Context, Record, component, make_record
from . import scan
from .attribution_frames import cues, dateline_spans
from .captions import captions
from .figures import since_before
from .captions import inside as caption_at
from .measures import lexicon as measures_lexicon
from .mentions import ACTOR_LABELS
from .prefilter import Required, may_match, required_literals, screen_text, with_first_char

DATE_TYPES = ("date", "time")
MODAL_HYPOTHETICAL = {"may", "might", "could", "would"}
MODAL_FUTURE = {"will", "shall"}
PLAN_VERBS = {"plan", "intend", "seek", "aim", "want", "prepare", "agree", "expect", "hope", "propose", "threaten"}
DENIAL_VERBS = {"deny", "reject", "dismiss", "refute"}


@cache
def _default_pack() -> dict[str, Any]:
    return load_pack("recruitment")


@cache
def _compiled(fingerprint: str, pack_json: str) -> tuple[
    dict[str, list[tuple[str, str | None]]],
    list[tuple[re.Pattern[str], str, Required]],
    list[tuple[re.Pattern[str], dict[str, Any], Required]],
]:
    """Lemma triggers, phrase patterns and indicator patterns of a pack; each pattern tried
    only where a match can start, with the words its matches need (`prefilter`), so a
    document without them skips it."""
    import json

    pack = json.loads(pack_json)
    lemmas: dict[str, list[tuple[str, str | None]]] = {}
    phrases: list[tuple[re.Pattern[str], str, Required]] = []
    for ev in pack["event"]:
        for lemma in ev.get("lemmas", []):
            word, _, pos = lemma.partition("/")  # "station/VERB": only that part of speech
            lemmas.setdefault(word.lower(), []).append((ev["type"], pos.upper() or None))
        for phrase in ev.get("phrases", []):
            pattern = re.compile(r"\b" + re.escape(phrase) + r"\b", re.IGNORECASE)
            phrases.append((with_first_char(pattern), ev["type"], required_literals(pattern)))
    indicators = []
    for ind in pack.get("indicator", []):
        pattern = re.compile(r"\b(?:" + "|".join(ind["patterns"]) + r")", re.IGNORECASE)
        indicators.append((with_first_char(pattern), ind, required_literals(pattern)))
    return lemmas, phrases, indicators


_last_pack: list[Any] = [None, None]  # the pack object last compiled, and its compiled form
_trigger_screens: dict[int, tuple[Any, scan.Screen]] = {}  # id of a compiled pack's lemma triggers -> (them, their screen)


def _trigger_screen(lemmas: dict[str, Any]) -> scan.Screen:
    """The lemmas that are, lower-cased, word triggers of the compiled pack's `lemmas`: a `Token` is made
    only for the verbs and nouns with one of them."""
    kept = _trigger_screens.get(id(lemmas))
    if kept is None or kept[0] is not lemmas:
        kept = _trigger_screens[id(lemmas)] = (lemmas, scan.Screen("LEMMA", lambda lemma: lemma.lower() in lemmas))
    return kept[1]


def _compiled_pack(pack: dict[str, Any]) -> Any:
    """`_compiled` for this pack object, without re-encoding it for every document."""
    if _last_pack[0] is not pack:
        import json

        _last_pack[:] = [pack, _compiled(pack.get("fingerprint", ""), json.dumps(pack, sort_keys=True))]
    return _last_pack[1]


def _kind_of_thing(tok: Any) -> bool:
    """A participle before the noun it qualifies names a kind of thing, not an event: a present participle
    ("a charging case", "the recruiting agency", "microbe-killing chemicals") always; a past one ("paid ads",
    "suspended animation") unless its noun is people, whom it says what befell ("180,000 injured troops",
    "captured recruits")."""
    if tok.tag_ not in ("VBN", "VBG") or tok.dep_ not in ("amod", "compound") or tok.head.i <= tok.i or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if tok.tag_ == "VBG":
        return True
    noun, people = tok.head, measures_lexicon()["people_set"]
    return not (noun.ent_type_ in ("PERSON", "NORP") or noun.lemma_.lower() in people or noun.lower_ in people)


PLACE_ROLES = ("destination", "origin", "location")
AMOUNT_ENTS = ("QUANTITY", "CARDINAL", "MONEY", "PERCENT", "ORDINAL")


def _pack(ctx: Context) -> dict[str, Any]:
    return ctx.options.get("domain") or _default_pack()


def _roles(pack: dict[str, Any], etype: str) -> dict[str, str]:
    roles = dict(pack.get("roles", {}))
    for ev in pack["event"]:
        if ev["type"] == etype:
            roles.update(ev.get("roles", {}))
    return roles


def _constraints(pack: dict[str, Any], etype: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """(words the patient must contain, words it must not, words the trigger's clause must contain, roles
    that must be found)."""
    for ev in pack["event"]:
        if ev["type"] == etype:
            return (
                [w.lower() for w in ev.get("patient_words", [])],
                [w.lower() for w in ev.get("not_patient_words", [])],
                [w.lower() for w in ev.get("context_words", [])],
                list(ev.get("require", [])),
            )
    return [], [], [], []


class _ChunkIndex:
    """Token index -> the characters of the noun chunk holding it, built on first use (a document
    without event arguments never needs it)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.by_token: dict[int, tuple[int, int]] | None = None

    def get(self, i: int) -> tuple[int, int] | None:
        if self.by_token is None:
            self.by_token = {}
            for start, end in noun_chunks(self.doc):
                first, last = self.doc[start], self.doc[end - 1]
                chars = (first.idx, last.idx + len(last))
                for k in range(start, end):
                    self.by_token[k] = chars
        return self.by_token.get(i)


NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunks(doc: Any) -> list[tuple[int, int]]:
    """The (start, end) tokens of the English parse's noun chunks, as `doc.noun_chunks` gives them (spaCy's
    English rule: a noun or pronoun heading a phrase of a noun phrase's relation, or joined to one, the
    phrase from its left edge; none nested), with a `Token` made for the nouns and pronouns alone."""
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in NP_DEPS}
    conj = strings.add("conj")
    out: list[tuple[int, int]] = []
    prev_end = -1
    for i in scan.positions(doc, "POS", (NOUN, PROPN, PRON)):
        word = doc[i]
        left = word.left_edge.i
        if left <= prev_end:
            continue  # no nested chunks
        if word.dep not in np_deps:
            if word.dep != conj:
                continue
            head = word.head
            while head.dep == conj and head.head.i < head.i:
                head = head.head
            if head.dep not in np_deps:
                continue
        prev_end = i
        out.append((left, i + 1))
    return out


def _span_of(token: Any, chunks: _ChunkIndex) -> tuple[int, int]:
    chunk = chunks.get(token.i)
    if chunk is not None:
        return chunk
    return token.idx, token.idx + len(token.text)


class _ActorIndex:
    """A document's actor mentions ordered by start, built once per document: `at` gives the longest actor mention
    that overlaps start:end (the first in order of two as long), looking only at the mentions that start within
    the longest one's length before `end`."""

    def __init__(self, mentions: list[Record]):
        actors = sorted((m.start, i, m.end) for i, m in enumerate(mentions) if m.data.get("label") in ACTOR_LABELS)
        self.starts = [a[0] for a in actors]
        self.actors = actors
        self.longest = max((e - s for s, _, e in actors), default=0)

    def at(self, start: int, end: int) -> int | None:
        best, best_len = None, -1
        stop = bisect.bisect_left(self.starts, end)  # those starting before `end`
        for k in range(bisect.bisect_right(self.starts, start - self.longest), stop):
            s, i, e = self.actors[k]
            if start < e and (e - s > best_len or e - s == best_len and i < best):  # type: ignore[operator]
                best, best_len = i, e - s
        return best


def _named_by_apposition(mentions: _ActorIndex, token: Any) -> int | None:
    """The name a description carries in apposition ("The former Russian president, Dmitri Medvedev, declared",
    "the deputy chair and spokesman of the council, Anna Belova, said"): that name's mention."""
    for head in (token, *(c for c in token.children if c.dep_ == "conj")):
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                found = mentions.at(child.idx, child.idx + len(child.text))
                if found is not None:
                    return found
    return None


def _subject_of(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if token.dep_ in ("conj", "xcomp", "advcl") and token.head is not token:
        return _subject_of(token.head)
    return None


def _arguments(trigger: Any, roles: dict[str, str], chunks: _ChunkIndex, times: set[int]) -> dict[str, Any]:
    """Argument head tokens by role. `times` are token indexes inside dates and datelines (never places or
    parties: "MOSCOW, Dec 5 — The treaty took effect" is the treaty's doing, not Moscow's)."""
    found: dict[str, Any] = {}

    clause = trigger
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head  # "people who filled out the forms and were recruited": the relative clause's verb

    def put(role: str | None, tok: Any) -> None:
        if tok is not None and tok.tag_ in ("WDT", "WP", "WP$"):
            if clause.dep_ == "relcl":
                tok = clause.head  # "the network that recruits" -> the network
            elif tok.head.dep_ == "relcl":
                tok = tok.head.head  # "a network that seeks to hire Cubans": hiring is the network's doing
        if tok is not None and tok.i in times:
            # "Almaty, 12 March 2025 - Kazakh border guards on Tuesday detained …", parsed with the city as
            # subject and the guards in apposition to it: the subject is the apposition after the dateline
            tok = next((c for c in tok.children if c.dep_ == "appos" and c.i not in times), None)
        if role and role not in found and tok is not None:
            found[role] = tok

    if trigger.pos_ in ("VERB", "AUX"):
        for child in trigger.children:
            if child.dep_ == "nsubj":
                put(roles.get("subject"), child)
            elif child.dep_ == "nsubjpass":
                put(roles.get("passive_subject"), child)
            elif child.dep_ in ("dobj", "obj"):
                put(roles.get("object"), child)
            elif child.dep_ == "agent":
                put("agent", next((g for g in child.children if g.dep_ == "pobj"), None))
        if "agent" not in found and roles.get("subject") == "agent":
            subj = _subject_of(trigger)
            if subj is not None and subj.dep_ == "nsubj":
                passive = any(c.dep_ == "auxpass" for c in trigger.children)  # "… filled out the forms and were recruited"
                put(roles.get("passive_subject") if passive else "agent", subj)
    else:
        for child in trigger.children:
            if child.dep_ == "poss":
                put("agent", child)
    for child in trigger.children:
        if child.dep_ == "prep":
            role = roles.get(child.lower_)
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if role == "location" and pobj is not None and pobj.lemma_.lower() in cues()["document_nouns"]:
                role = "channel"  # "said in a statement", "at a briefing": what it was said in, not a place
            elif role == "location" and pobj is not None and not _place(pobj):
                role = None  # "in that sense", "in a bid to", "at the time": no place
            if role and role != "with":
                put(role, pobj)
            elif role == "with" and pobj is not None and pobj.pos_ != "PROPN":
                put("instrument", pobj)
    return found


def _place(tok: Any) -> bool:
    """Whether an "in"/"at" phrase's noun can be a place: a name, a place the model names,
    or a common noun of `cues.toml`'s place nouns."""
    nouns = cues()["place_nouns"]  # by lemma and by form: the model lemmatises "bases" as "basis"
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in nouns or tok.lower_.rstrip("s") in nouns


def _modality(trigger: Any, sentence: str, covering: int | None) -> str:
    if sentence.rstrip().endswith("?"):
        return "question"
    if any(c.dep_ == "neg" for c in trigger.children):
        return "denied"
    head = trigger
    for _ in range(3):
        if head.head is head:
            break
        head = head.head
        if head.lemma_ in DENIAL_VERBS and head is not trigger:
            return "denied"
    auxes = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    ancestors = list(trigger.ancestors)[:3]
    if auxes & MODAL_HYPOTHETICAL or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for a in [trigger, *ancestors] for c in a.children):
        return "hypothetical"
    if auxes & MODAL_FUTURE or (trigger.dep_ == "xcomp" and trigger.head.lemma_ in PLAN_VERBS):
        return "planned"
    if covering is not None:
        return "reported"
    return "asserted"


def _clause_text(text: str, head: Any, start: int, end: int) -> str:
    """The trigger's clause, lowercased: its dependency subtree (with the trigger words themselves); for
    an adverbial clause, the clause it modifies ("Russia agreed to release them after Modi pressed the matter")."""
    scope = head.head if head.dep_ == "advcl" else head
    lo, hi = _extent(scope)
    return text[min(start, lo) : max(end, hi)].lower()


def _covering(attributions: list[Record], offset: int) -> int | None:
    best = None
    for i, a in enumerate(attributions):
        if a.start <= offset < a.end and (best is None or a.end - a.start < attributions[best].end - attributions[best].start):
            best = i
    return best


def _present(token: Any) -> bool:
    """A verb in the present tense: "has", "includes", "is negotiating"."""
    if token.tag_ in ("VBZ", "VBP"):
        return True
    return token.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in token.children)


def _past(token: Any) -> bool:
    """A verb in the past tense: "was captured", "fled", "had signed"."""
    if token.tag_ == "VBD":
        return True
    return token.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in token.children)


def _tensed(token: Any) -> bool:
    """A verb that carries a tense, itself or through an auxiliary: "fled", "has signed", "is believed", "would go"."""
    finite = ("VBD", "VBZ", "VBP", "MD")
    return token.tag_ in finite or any(c.dep_ in ("aux", "auxpass") and c.tag_ in finite for c in token.children)


def _told_in_past(token: Any) -> bool:
    """A past-tense event, or a word without a tense of its own (a noun, an infinitive, a participle) in the
    phrase of a past-tense verb: "the attack" in "rebels launched the attack", "started calling", "attacked the
    town, killing five". A modifier of a noun ("a country taking part", "which runs") keeps its own."""
    node = token
    for _ in range(6):
        if _tensed(node) or node.head.i == node.i or node.dep_ in ("acl", "relcl"):
            break
        node = node.head
    return _past(node)


def _datable(t: Record) -> bool:
    """A date or time with a calendar value, resolved ("2024-03") or underspecified ("XXXX-08"), or a
    reference to the time of writing ("now", "recently", "in the future": PRESENT_REF, PAST_REF, FUTURE_REF),
    which dates an event better than the publication day it is not."""
    value = t.data.get("value") or ""
    return t.data.get("type") in DATE_TYPES and bool(re.match(r"\d{4}|XXXX|(?:PRESENT|PAST|FUTURE)_REF$", value))


WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)|@\w|\.(?:com|org|net|gov|edu|io|co|uk|ru)(?:/|$)", re.IGNORECASE)


def dateline(text: str, timexes: list[Record]) -> int | None:
    """The timex of the lead's dateline ("MOSCOW, Oct. 8 (Reuters) - "), found among the first four paragraphs."""
    ends = [m.end() for m in islice(re.finditer(r"[^\n]+", text), 4)]  # the first four lines that hold anything
    spans = dateline_spans(text, ends[-1]) if ends else []
    if not spans:
        return None
    start, end = spans[0]
    return next((i for i, t in enumerate(timexes) if start <= t.start and t.end <= end and _datable(t)), None)


def _lead_day(doc: Any, timexes: list[Record], published: Any) -> int | None:
    """The first date the lead sentence names ("Rebels on Friday seized ...", "posted a loss for the third
    quarter"), not starting after the publication: the time of the story's main event, which the past-tense
    sentences after it tell more of (the lead's own events have been dated by then)."""
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    latest = published.value[:10] if published is not None else None
    for i, t in enumerate(timexes):
        if t.end > first.end_char:
            break
        span = timeml.interval(t.data.get("value")) if t.data.get("type") in DATE_TYPES else None
        if span is not None and (latest is None or span[0].isoformat() <= latest):
            return i
    return None


CLAUSES = ("relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "xcomp", "conj")


def _own(token: Any, dated: list[tuple[int, Record]]) -> list[tuple[int, Record]]:
    """The dates of the token's own clause: its subtree without the clauses embedded in it."""
    out = []
    for i, t in dated:
        tok = token.doc.char_span(t.start, t.end, alignment_mode="expand")
        if tok is None:
            continue
        node = tok.root
        while node.i != token.i and node.dep_ not in CLAUSES and node.head.i != node.i:
            node = node.head
        if node.i == token.i:
            out.append((i, t))
    return out


def _hung_on(trigger: Any, dated: list[tuple[int, Record]]) -> list[tuple[int, Record]]:
    """For a clause that hangs on another word, the date of what it hangs on: "on Monday, when the
    ministry said" (the date itself), "an announcement on Saturday by X, who told Putin" (the noun's
    date), "confirmed on Monday, saying" (the verb's own clause); a noun, the date of its verb's clause.
    A modifier ("according to") takes nothing from what it modifies."""
    if trigger.dep_ not in CLAUSES and trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    node = trigger
    for _ in range(6):
        if node.dep_ not in CLAUSES and node.i != trigger.i and node.pos_ in ("VERB", "AUX"):
            return _own(node, dated)
        if node.head.i == node.i:
            return []
        node = node.head
        at = [(i, t) for i, t in dated if t.start <= node.idx < t.end]
        if at:
            return at
        own = _own(node, dated) if node.pos_ in ("VERB", "AUX", "NOUN", "PROPN") else []
        if own:
            return own
    return []


def _object_modifier(t: Record, trigger: Any) -> bool:
    """A date that describes the thing acted on, not the act: "reported a third-quarter loss", "passed the
    1990 budget", "follows Tuesday's declaration" (a modifier of the verb's object)."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return False
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    if node.dep_ not in ("compound", "amod", "poss", "nmod", "nummod") or node.head.i < node.i:  # before its noun only
        return False
    head = node.head
    while head.dep_ in ("compound", "amod", "conj") and head.head.i != head.i and head.i != trigger.i:
        head = head.head
    return head.dep_ in ("dobj", "obj") and head.head.i == trigger.i


def _other_noun_clause(t: Record, trigger: Any) -> bool:
    """A reference to the time of writing inside a clause that describes another noun than the trigger
    ("Avon, which currently has 3 million shares, said", "a leader who now runs the city"): the state of
    that noun now, not the time of the event. A calendar date there still dates the event."""
    if not t.data["value"].endswith("_REF"):
        return False
    span = trigger.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    above = {trigger.i, *(a.i for a in trigger.ancestors)}
    node = span.root
    for _ in range(40):
        if node.i in above or node.head.i == node.i:
            return False
        if node.dep_ in ("relcl", "acl") and node.head.i != trigger.i and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        node = node.head
    return False


RELATIVE_ADJECTIVES = {"recent": "PAST_REF", "future": "FUTURE_REF"}


def _relative_word(trigger: Any) -> str | None:
    """A word that places the event before or after the time of writing without being a date of its own:
    "soon" on the event or on the verb it hangs on ("will soon begin selling", "may soon seek"; not "as soon
    as" or "soon after", which date it by another event) is `FUTURE_REF`; "recent" or "future" before an
    event noun ("the recent sale", "all future losses") is `PAST_REF` or `FUTURE_REF`. These words are no
    timexes (the annotation of dates leaves them out), but they say the publication day is not the event's."""
    if trigger.pos_ == "NOUN":
        for c in trigger.children:
            if c.dep_ == "amod" and c.lower_ in RELATIVE_ADJECTIVES:
                return RELATIVE_ADJECTIVES[c.lower_]
    node = trigger
    for _ in range(4):
        if any(c.lower_ == "soon" and c.dep_ == "advmod" and not any(g.lower_ in ("as", "after") for g in c.children) for c in node.children):
            return "FUTURE_REF"
        if _tensed(node) or node.head.i == node.i or node.dep_ in ("acl", "relcl"):
            break
        node = node.head
    return None


COMPARED = ("than", "versus", "vs.", "vs")


def _compared(t: Record, head: Any) -> bool:
    """A date of the amount a figure is compared with, not of the event under `head`: "rose to $5 million
    from $4 million a year earlier", "lower than a year ago", "compared with a profit of $2 million last year"."""
    span = head.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(12):
        if node.i == head.i or node.head.i == node.i:
            return False
        if node.lower_ in COMPARED or (node.lemma_ == "compare" and node.tag_ in ("VBN", "VBG")):
            return True
        if node.lower_ == "from" and any(c.lower_ == "to" and c.dep_ == "prep" for c in node.head.children):
            return True  # "from X" beside "to Y": the earlier amount of a change
        node = node.head
    return False


def _extent(token: Any) -> tuple[int, int]:
    """The characters a word's subtree spans, first to last (its edges: spaCy keeps them for every token)."""
    last = token.right_edge
    return token.left_edge.idx, last.idx + len(last.text)


def event_time(text: str, published: Any, sent: Any, trigger: Any, timexes: list[Record], lead: int | None) -> dict[str, Any]:
    """The event's date: a date in the trigger's clause, its own clause's before one of a clause embedded in it
    ("The governor, who resigned on Monday, said on Tuesday") (for a clause with none that hangs on another word,
    that word's date: `_hung_on`), else in its sentence, else the last date of the
    sentence before it in the same paragraph ("In March 2024, X announced the capture of a man. He was
    captured when ..."), else the first date the lead sentence names ("Rebels on Friday seized the town.
    They shelled ..."), else the lead's dateline, else the publication; the source is named in `fallback`.
    A date of an amount the event is compared with is not the event's ("rose to $5m from $4m a year
    earlier": `_compared`), nor is "now" in a clause describing another noun (`_other_noun_clause`). With no
    date in its clause, "soon", "recent" or "future" on the event places it after or before the time of
    writing (`_relative_word`).
    An act of saying ("said", "told", "according to") with no date of its own is dated by the dateline or
    publication: the other dates of its sentence are those of what was said; so is a verb in the present
    tense ("the thrift has assets of", "is negotiating"), which holds when the article is written. Only an
    event told in the past tense (a word without a tense of its own takes its verb's: `_told_in_past`)
    takes its date from the sentence before or from the lead, and never one after the publication."""
    lo, hi = _extent(trigger)
    dated = [(i, t) for i, t in enumerate(timexes) if sent.start_char <= t.start and t.end <= sent.end_char and _datable(t) and not _compared(t, trigger) and not _object_modifier(t, trigger) and not _other_noun_clause(t, trigger)]
    in_clause = [(i, t) for i, t in dated if lo <= t.start and t.end <= hi]
    saying = trigger.pos_ == "VERB" and trigger.lemma_ in cues()["speech"] or trigger.lower_ == "according" or _present(trigger)
    if trigger.pos_ == "VERB" and trigger.lemma_ in cues()["speech"]:  # "X happened on Tuesday, he said": not the saying's date
        told = [_extent(c) for c in trigger.children if c.dep_ in ("ccomp", "parataxis")]
        in_clause = [(i, t) for i, t in in_clause if not any(s <= t.start < e for s, e in told)]
    own = _own(trigger, in_clause)
    if own:  # "The minister, who resigned on Monday, said on Tuesday": the clause's own date before an embedded one's
        in_clause = own
    relative = _relative_word(trigger) if not in_clause else None
    if relative is not None:  # "will soon begin", "the recent sale": read from the clause, no timex of its own
        return {"value": relative, "precision": None, "fallback": "timex", "timex": None}
    pools = ((in_clause or _hung_on(trigger, dated), "timex"), ([] if saying else dated, "sentence"))
    for pool, fallback in pools:
        if pool:
            i, t = min(pool, key=lambda it: (not it[1].data.get("resolved", True), abs(it[1].start - trigger.idx)))
            return {"value": t.data["value"], "precision": t.data.get("precision"), "fallback": fallback, "timex": i}
    previous = trigger.doc[sent.start - 1].sent if sent.start > 0 else None
    paragraph = max(text.rfind("\n", 0, sent.start_char) + 1, previous.start_char if previous is not None else sent.start_char)
    before = [(i, t) for i, t in enumerate(timexes) if paragraph <= t.start and t.end <= sent.start_char and _datable(t)]
    if previous is not None:  # nor "now" there: the time of writing does not date a past event told after it
        before = [(i, t) for i, t in before if not _compared(t, previous.root) and not t.data["value"].endswith("_REF")]
    before = [(i, t) for i, t in before if not since_before(text, t.start)]  # "joined from January 1": a period's start dates no other event
    past = _told_in_past(trigger)
    if before and past:
        i, t = before[-1]
        return {"value": t.data["value"], "precision": t.data.get("precision"), "fallback": "context", "timex": i}
    day = _lead_day(trigger.doc, timexes, published) if past and sent.start > 0 else None
    if day is not None and saying and timexes[day].data.get("precision") not in ("day", "minute"):
        day = None  # an act of saying happens on a day: the quarter or year the lead names is what it reports on
    if day is not None:
        t = timexes[day]
        return {"value": t.data["value"], "precision": t.data.get("precision"), "fallback": "lead", "timex": day}
    if lead is not None:
        t = timexes[lead]
        return {"value": t.data["value"], "precision": t.data.get("precision"), "fallback": "dateline", "timex": lead}
    if published is not None:  # the day of publication: the minute an article went out does not date what it tells
        day = published.precision == "minute"
        return {"value": published.value.split("T")[0], "precision": "day" if day else published.precision, "fallback": "published", "timex": None}
    return {"value": None, "precision": None, "fallback": "none", "timex": None}


@component(
    "events", 20, requires=("mention", "attribution", "timex", "figure"), assigns=("event", "indicator"), option="domain"
)
def EVENTS(ctx: Context) -> list[Record]:
    pack = _pack(ctx)
    lemmas, all_phrases, all_indicators = _compiled_pack(pack)
    text = ctx.text
    lowered = screen_text(text)  # patterns whose required words are absent cannot match: skip them
    seen: dict[str, bool] = {}
    phrases = [(pattern, etype) for pattern, etype, needs in all_phrases if may_match(needs, lowered, seen)]
    indicators = [(pattern, ind) for pattern, ind, needs in all_indicators if may_match(needs, lowered, seen)]
    mentions = ctx.of("mention")
    attributions = ctx.of("attribution")
    timexes = ctx.of("timex")
    figures = ctx.of("figure")
    doc = ctx.doc
    chunks = _ChunkIndex(doc)
    actors = _ActorIndex(mentions)
    trigger_pos = (doc.vocab.strings["VERB"], doc.vocab.strings["NOUN"])  # a word trigger's parts of speech, as integer symbols
    times = {
        tok.i
        for m in mentions if m.data.get("label") in ("DATE", "TIME")
        for tok in (doc.char_span(m.start, m.end, alignment_mode="expand") or [])
    }
    lead = dateline(text, timexes)
    datelines = dateline_spans(text)
    for start, end in datelines:
        times.update(tok.i for tok in (doc.char_span(start, end, alignment_mode="expand") or []))
    in_captions = captions(text, ctx.document.cleaning.get("removed", ()))
    events: list[tuple[int, int, Record]] = []
    # the verbs and nouns whose lemma is a word trigger
    words = np.flatnonzero(scan.mask(doc, "POS", trigger_pos) & _trigger_screen(lemmas).mask(doc)).tolist()
    for sent in doc.sents:
        caption = caption_at(sent.start_char, sent.start_char + 1, in_captions)
        if caption is not None and caption.copy:
            continue  # a repeat of the caption beside it
        sentence = text[sent.start_char:sent.end_char]  # the parse's text is the document's
        triggers: list[tuple[Any, int, int, str]] = []
        taken: set[int] = set()
        for pattern, etype in phrases:
            for m in pattern.finditer(text, sent.start_char, sent.end_char):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or any(t.i in taken for t in span):
                    continue
                taken.update(t.i for t in span)
                triggers.append((span.root, m.start(), m.end(), etype))
        for tok in (doc[i] for i in words[bisect.bisect_left(words, sent.start) : bisect.bisect_left(words, sent.end)]):
            if tok.i in taken:
                continue
            types = lemmas.get(tok.lemma_.lower())
            if not types:
                continue
            inside = actors.at(tok.idx, tok.idx + len(tok.text))
            if inside is not None and mentions[inside].data.get("label") in ("ORG", "PERSON", "GPE", "FAC"):
                continue
            if _kind_of_thing(tok):
                continue  # "a charging case", "paid ads", "microbe-killing chemicals": a kind of thing, no event
            for etype, pos in types:
                if pos is None or pos == tok.pos_:
                    triggers.append((tok, tok.idx, tok.idx + len(tok.text), etype))
        for head, t_start, t_end, etype in triggers:
            found = _arguments(head, _roles(pack, etype), chunks, times)
            covering = _covering(attributions, t_start)
            source = attributions[covering].data.get("source") if covering is not None else None
            if source and "agent" in found and source[0] <= found["agent"].idx < source[1]:
                del found["agent"]  # "according to Tass, the Duma ratified ...": Tass is the claimant, not the agent
            if head.pos_ == "NOUN" and not found and t_end - t_start == len(head.text):
                continue  # a bare noun ("the recruitment", "casualties") names no event by itself
            if any(WEB_ADDRESS.search(tok.text) for tok in found.values()):
                continue  # "visit www.example.com", "contact info@…": an address to the reader, no event
            args: dict[str, Any] = {}
            for role, tok in found.items():
                if role in PLACE_ROLES and (tok.ent_type_ in AMOUNT_ENTS or tok.like_num):
                    continue  # "travelled more than 1,200 miles", "delivers 1 …": an amount is no place
                s, e = _span_of(tok, chunks)
                s = next((d_end for d_start, d_end in datelines if d_start <= s < d_end < e), s)  # "PYONGYANG/SEOUL - Russian President …"
                own = actors.at(tok.idx, tok.idx + len(tok.text))
                args[role] = {"start": s, "end": e, "mention": own if own is not None else _named_by_apposition(actors, tok)}
            patient = args.get("patient")
            if patient and "origin" not in args:
                for i, m in enumerate(mentions):
                    if patient["start"] <= m.start and m.end <= patient["end"] and m.data.get("country") and m.data.get("label") == "NORP":
                        args["origin"] = {"start": m.start, "end": m.end, "mention": i}
                        break
            patient_words, not_patient_words, context_words, required = _constraints(pack, etype)
            patient_text = text[patient["start"]:patient["end"]].lower() if patient else ""
            if patient_words and not any(w in patient_text for w in patient_words):
                continue
            if not_patient_words and any(re.search(rf"\b{re.escape(w)}\b", patient_text) for w in not_patient_words):
                continue
            if context_words and not any(w in _clause_text(text, head, t_start, t_end) for w in context_words):
                continue
            if any(role not in args for role in required):
                continue
            amount = next(
                (i for i, f in enumerate(figures) if patient and patient["start"] <= f.start and f.end <= patient["end"]),
                None,
            )
            start = sent.start_char + (len(sentence) - len(sentence.lstrip()))
            end = sent.start_char + len(sentence.rstrip())
            rec = make_record(
                "event", text, start, end,
                type=etype,
                trigger=[t_start, t_end],
                args=args,
                time=event_time(text, ctx.document.published, sent, head, timexes, lead),
                modality=_modality(head, sentence, covering),
                caption=caption is not None,
                attribution=covering,
                figure=amount,
            )
            events.append((start, t_start, rec))
    # one event per type and sentence: the trigger that found the most arguments
    best: dict[tuple[int, str], tuple[int, int, Record]] = {}
    for item in events:
        key = (item[0], item[2].data["type"])
        if key not in best or len(item[2].data["args"]) > len(best[key][2].data["args"]):
            best[key] = item
    events = sorted(best.values(), key=lambda x: (x[0], x[1], x[2].data["type"]))
    event_records = [r for _, _, r in events]
    out: list[Record] = list(event_records)
    found_ind: list[Record] = []
    for pattern, ind in indicators:
        for m in pattern.finditer(text):
            sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sent is None:
                continue
            sent = sent.sent
            same = [i for i, ev in enumerate(event_records) if ev.start <= m.start() < ev.end]
            near = [
                (abs(mm.start - m.start()), i) for i, mm in enumerate(mentions)
                if mm.data.get("label") in ACTOR_LABELS and sent.start_char <= mm.start < sent.end_char
            ]
            found_ind.append(
                make_record(
                    "indicator", text, m.start(), m.end(),
                    indicator=ind["id"], label=ind.get("label", ind["id"]),
                    event=same[0] if same else None,
                    mention=min(near)[1] if near else None,
                )
            )
    found_ind.sort(key=lambda r: (r.start, r.end, r.data["indicator"]))
    return out + found_ind
