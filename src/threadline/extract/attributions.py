"""Attributions: who said, reported or believes what, from quotations and the dependency parse.

An attribution is a source span (who), a cue span (said, told, according to,
…), a content span (what) and a kind: "direct" (the content is a quotation),
"mixed" (an indirect content with quoted words in it) or "indirect". It is
found in one of these ways, in this order:

1. A quotation framed by a cue in its sentence: "“…,” X said", "X said: “…”",
   "“…,” said X", "“…,” X said, “…”" (the content runs from the first quote to
   the last), "“…,” a statement read".
2. A cue verb with a clause complement: "X said (that) …", "X told Reuters …",
   "X estimated that …", "…, X said" (the clause is the complement, or the cue
   hangs off it as a parenthetical), "X claimed to have …", "X denied any role";
   "…, records show." however the parser reads it.
3. "according to X": the rest of the sentence is the content; so is the clause
   "By X's own admission, …", "by one estimate, …", "Under X's plan, …" qualify.
4. "X, citing Y, said …": Y is the source of X's content, nested in X's attribution.
5. No named source: "Moscow is said to be …", "… reportedly …".
6. A quotation with no cue in its sentence takes the speaker of the quotation
   just before it (same or previous paragraph, or the same quotation running
   on across paragraphs).
7. A sentence with no cue that carries on the report before it, in reported
   speech's shifted tense or with the report's document as its subject, takes
   that report's source (claim scope across sentences).

An attribution whose cue and content lie inside another's content is nested in
it (`parent`): "Tass reported that Medvedev said …". Sources are linked to
named mentions by `attribution_sources`, and, when their own phrase does not
tell, through the coreference chains of the discourse layer.

Each family of constructions is a module of its own: `attribution_runs`
(1 and 6), `attribution_verbs` (2), `attribution_according` (3, 4 and "in a
poll by X"), `attribution_unnamed` (5), `attribution_labels` (headline and
transcript labels), `attribution_signed` (signed quotations); what they share
is in `attribution_frames`; 7 is `attribution_scope`.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..discourse.coref import Chains, name_gender
from ..pipeline import Context, Record, component, make_record
from .attribution_according import AccordingTo
from .attribution_frames import Frame, cues
from .attribution_labels import SpeakerLabels
from .attribution_quotes import Quote
from .attribution_runs import QuotationRuns
from .attribution_scope import ContinuedReports
from .attribution_signed import SignedQuotes
from .attribution_sources import GENDERED, PERSON_ROLES, RELATIVES, Resolution, SourceResolver
from .attribution_unnamed import Unnamed
from .attribution_verbs import VerbCues


class Finder(QuotationRuns, SignedQuotes, VerbCues, AccordingTo, Unnamed, SpeakerLabels, ContinuedReports):
    """Finds the attribution frames of one parsed document, one construction family per base class."""

    def run(self) -> list[Frame]:
        self.framed_quotes()
        self.signed_quotes()
        self.verb_frames()
        self.noun_cue_frames()
        self.parenthetical_findings()
        self.adjective_frames()
        self.noun_frames()
        self.according_frames()
        self.in_source_frames()
        self.by_source_frames()
        self.citing_frames()
        self.sourceless_frames()
        self.headline_frames(self.mentions)
        self.tidy()
        self.carried_quotes()
        self.continued_reports()
        return self.frames

    def tidy(self) -> None:
        """Sources never hold a cue or a dateline; a sourceless cue inside a sourced
        content is that source's word."""
        cue_spans = [f.cue for f in self.frames]
        for f in self.frames:
            f.content = self.undated(*f.content)
            aside = EVEN_AS.search(self.text, f.content[0], f.content[1])
            if aside is not None and f.cue[1] <= f.content[0] and self.quote_at(aside.start()) is None:
                # "… have each told their citizens that joining is a crime, even as Russian recruiters target the
                # millions …": the writer sets the report beside a fact of its own
                f.content = self.trimmed(f.content[0], aside.start())
            if f.source is None:
                continue
            s, e = self.undated(*f.source)
            relative: list[tuple[int, int]] = []  # contents of relative clauses inside this source
            for c0, c1 in sorted(cue_spans):
                if s <= c0 and c1 <= e:
                    if c0 > s and (c0, c1) == f.cue:
                        e = c0
                    else:
                        owner = next((g for g in self.frames if g.cue == (c0, c1)), None)
                        if owner is not None and owner.source and self.text[owner.source[0] : owner.source[1]].lower() in RELATIVES:
                            relative.append(owner.content)
                            continue  # "X, who revealed …, testified": the relative clause is part of X
                        if any(a <= c0 < b for a, b in relative):
                            continue  # "X, who noted that the company has vowed …": a cue inside it
                        if owner is not None and owner.source and any(a <= owner.source[0] < b for a, b in relative):
                            continue
                        if owner is not None and owner.content[0] <= f.cue[0] and f.cue[1] <= owner.content[1]:
                            continue  # "Two in five of those asked in the survey said …": the survey's phrase inside the share is the outer report's
                        s = max(s, owner.source[1] if owner is not None and owner.source and owner.source[1] <= e else c1)
            s, e = self.trimmed(s, e)
            if e <= s:
                f.source, f.head = None, None
                continue
            if (s, e) != f.source:
                f.source = (s, e)
                if f.head is not None and not (s <= f.head.idx < e):
                    f.head = self._root_in(s, e)
        sourced = [f.content for f in self.frames if f.source is not None]
        self.frames = [
            f for f in self.frames
            if f.source is not None or f.rank < 2 or not any(a <= f.cue[0] and f.cue[1] <= b for a, b in sourced)
        ]



EVEN_AS = re.compile(r",\s+even\s+as\b", re.I)


def _kind(frame: Frame, quotes: list[Quote]) -> str:
    """direct: the content is a quotation; mixed: it holds quoted words; else indirect."""
    if frame.kind == "direct":
        return "direct"
    s, e = frame.content
    inside = [q for q in quotes if s <= q.start < e]
    if not inside:
        return "indirect"
    quoted = sum(min(q.end, e) - q.start for q in inside)
    return "direct" if quoted >= (e - s) - 2 else "mixed"


def _dedupe(frames: list[Frame]) -> list[Frame]:
    """One frame per cue (the best-ranked), none without content."""
    best: dict[tuple[int, int], int] = {}
    for k, f in enumerate(frames):
        if f.content[1] <= f.content[0]:
            continue
        key = f.cue if f.carried_from is None else (f.content[0], -1)
        if key not in best or f.rank < frames[best[key]].rank:
            best[key] = k
    keep = sorted(best.values())
    return [frames[k] for k in keep]


def _parents(frames: list[Frame], order: list[int]) -> list[int | None]:
    """For each frame (in final order) the seq of its parent: the one its
    construction names, else the smallest other frame whose content holds its
    cue and content (a run-on quotation: its content)."""
    out: list[int | None] = []
    pos = {k: i for i, k in enumerate(order)}
    index_of = {id(f): k for k, f in enumerate(frames)}
    for k in order:
        f = frames[k]
        if f.parent is not None and id(f.parent) in index_of:
            out.append(pos[index_of[id(f.parent)]])
            continue
        best: tuple[int, int] | None = None
        for j in order:
            if j == k:
                continue
            g = frames[j]
            holds_content = g.content[0] <= f.content[0] and f.content[1] <= g.content[1] and g.content != f.content
            holds_cue = g.content[0] <= f.cue[0] and f.cue[1] <= g.content[1]
            if holds_content and (holds_cue or f.carried_from is not None):
                size = g.content[1] - g.content[0]
                if best is None or size < best[0]:
                    best = (size, pos[j])
        out.append(best[1] if best else None)
    return out


def known_genders(text: str, mentions: list[Record], references: list[Record]) -> dict[int, str]:
    """The gender of each named person the document tells it for, so that a source "she" never takes
    a man: the "he" or "she" forms of one gender only that the name's coreference chain holds
    ("Colonel Peter Hale … He … him"), else the name's courtesy title or first name ("Kathleen …")."""
    found: dict[int, set[str]] = {}
    names: list[tuple[int, int]] = []  # (head offset, entity) of the chains' names
    for r in references:
        if r.data["entity"] is None:
            continue
        gender = GENDERED.get(text[r.start : r.end].lower())
        if gender is not None:
            found.setdefault(r.data["entity"], set()).add(gender)
        elif r.data["form"] == "name":
            names.append((r.data["head"][0], r.data["entity"]))
    names.sort()
    heads = [h for h, _ in names]
    out: dict[int, str] = {}
    for seq, m in enumerate(mentions):
        if m.data.get("label") != "PERSON":
            continue
        k = bisect.bisect_left(heads, m.start)  # the chain a repeat of the name is in ("Andrew" of "Prince Andrew … he")
        entity = names[k][1] if k < len(heads) and heads[k] < m.end else seq
        genders = found.get(entity)
        gender = (next(iter(genders)) if len(genders) == 1 else "-") if genders else name_gender(text, m)
        if gender != "-":
            out[seq] = gender
    return out


def _role_of_someone(head: Any, named: Record) -> bool:
    """A source headed by one person's role that resolved to a name that only qualifies it ("The Tory
    leader": the party), not to a person."""
    return head is not None and head.pos_ == "NOUN" and head.tag_ != "NNS" and head.lemma_.lower() in PERSON_ROLES and named.data["label"] != "PERSON"


def _by_chain(f: Any, chains: Chains, mentions: list[Record], label: str | None = None) -> Resolution | None:
    """The name of the coreference chain the source's head sits in (of `label` if given), as its resolution."""
    ref = chains.at(f.head.idx, f.head.idx + len(f.head))
    if ref is None or ref.data["entity"] is None:
        return None
    named = mentions[ref.data["entity"]]
    if label is not None and named.data["label"] != label:
        return None
    return Resolution(ref.data["entity"], True, "coreference", (tuple(f.source), (named.start, named.end)))


@component("attributions", 42, requires=("mention", "reference"), assigns=("attribution",))
def ATTRIBUTIONS(ctx: Context) -> list[Record]:
    text = ctx.text
    finder = Finder(ctx)
    frames = _dedupe(finder.run())
    order = sorted(range(len(frames)), key=lambda k: (frames[k].content[0], -frames[k].content[1], frames[k].cue[0]))
    parents = _parents(frames, order)
    c = cues()
    references = ctx.of("reference")
    resolver = SourceResolver(text, ctx.doc, ctx.of("mention"), c["pronouns"], c["document_nouns"], known_genders(text, ctx.of("mention"), references), c["own_voice_nouns"])
    chains = Chains.of(references)
    # sources are resolved in text order, so that "he" and "the ministry" can follow earlier speakers
    resolutions: dict[int, Any] = {}
    by_span: dict[tuple[int, int], Any] = {}  # one source phrase, one speaker: "he claimed, saying …" is one "he"
    for f in sorted((f for f in frames if f.source is not None), key=lambda f: f.source[0]):  # type: ignore[index]
        if f.carried_from is not None and id(f.carried_from) in resolutions:
            resolutions[id(f)] = resolutions[id(f.carried_from)]
            continue
        if tuple(f.source) in by_span:
            resolutions[id(f)] = by_span[tuple(f.source)]
            continue
        res = resolver.resolve(f.source[0], f.source[1], f.head, f.content, f.antecedent)
        mentions = ctx.of("mention")
        if res.mention is not None and _role_of_someone(f.head, mentions[res.mention]):
            # "Michael Howard … The Tory leader said": the person the chain names, not the party that qualifies him
            definite = any(c.dep_ == "det" and c.lower_ == "the" for c in f.head.children)
            res = _by_chain(f, chains, mentions, "PERSON") or definite and resolver.last_person(f.source[0], mentions[res.mention]) or res
        elif res.mention is None and f.head is not None:
            # the chain the source's head sits in ("he", "the watchdog", "which") stands for a name
            res = _by_chain(f, chains, mentions) or res
            if res.mention is not None:
                resolver.learn(f.source[0], f.source[1], res.mention)  # later pronouns follow the chain's speaker
        resolutions[id(f)] = by_span[tuple(f.source)] = res
    out = []
    for seq, k in enumerate(order):
        f = frames[k]
        res = resolutions.get(id(f))
        data = {
            "kind": _kind(f, finder.quotes),  # a data key named like make_record's first argument
            "cue": list(f.cue),
            "source": list(f.source) if f.source else None,
            "source_mention": res.mention if res else None,
            "resolved": bool(res and res.resolved),
            "resolved_by": res.rule if res and res.resolved else None,
            "source_chain": [list(span) for span in res.path] if res and res.resolved else [],
            "parent": parents[seq],
        }
        if f.judged is not None:
            data["judged"] = list(f.judged)
        span = make_record("attribution", text, f.content[0], f.content[1])
        out.append(Record(span.kind, span.start, span.end, data))
    _speaks_for(text, ctx.doc, ctx.of("mention"), out)
    return out


VOICE_NOUNS = ("spokesman", "spokeswoman", "spokesperson", "official")  # who speaks for an organisation
PORTFOLIOS = ("health", "education", "treasury", "defence", "defense", "transport", "environment", "justice", "culture",
              "trade", "home", "foreign", "affairs", "economy", "finance", "housing", "campaign", "policy", "press", "media")


def _speaks_for(text: str, doc: Any, mentions: list[Record], records: list[Record]) -> None:
    """Record the organisation a person speaks for (`speaks_for`, the seq of its named mention): a source
    phrase naming a person whose apposition or title is a spokesperson's or an official's role of one named
    organisation ("Jo Bloggs, an Acme spokesman", "Acme spokeswoman Jo Bloggs", "Jo Bloggs, a spokesman for
    Acme"), and the same person's other attributions in the document ("Mr Bloggs said …", by surname). The
    person stays the source; the ledger counts the two as one voice. None for a portfolio ("the Liberal
    Democrats' home affairs spokesman", "Health spokesman Jo Bloggs", "the Green party's spokeswoman for the
    Treasury": a party's voice on a subject, not the office's), a former official, a role of another
    person ("a spokesman for Acme chairman Al Vale"), a person whose role the parse does not tie to the
    name, a person given two organisations' roles in one document, or one of two people of one surname."""
    full_names: dict[str, set[str]] = {}  # surname -> the full names of the document's people who bear it
    for m in mentions:
        name = m.data.get("form") or m.text(text)
        if m.data.get("label") == "PERSON" and len(name.split()) > 1 and name.split()[0] not in COURTESY:
            full_names.setdefault(_surname(text, m), set()).add(name)
    persons = [_person_source(text, mentions, r, full_names) for r in records]
    if not any(persons):
        return
    org_at = {t: seq for seq, o in enumerate(mentions) if o.data.get("label") == "ORG"
              for t in range(o.start, o.end)}
    found: dict[str, set[int]] = {}
    for r, person in zip(records, persons):
        source = r.data["source"]
        if person is None or not source:
            continue
        m = mentions[r.data["source_mention"]]
        if not (source[0] <= m.start and m.end <= source[1]):
            continue  # the person is named in the phrase itself, not reached through a chain
        named = doc.char_span(m.start, m.end, alignment_mode="expand")
        org = _voice_of(named.root, org_at) if named is not None and len(named) else None
        if org is not None and mentions[org].text(text).lower().removeprefix("the ") not in PORTFOLIOS:
            found.setdefault(person, set()).add(org)
    for r, person in zip(records, persons):
        if person in found and len({mentions[seq].data.get("form") or mentions[seq].text(text) for seq in found[person]}) == 1:
            r.data["speaks_for"] = min(found[person])


def _voice_of(person: Any, org_at: dict[int, int]) -> int | None:
    """The seq of the one organisation mention a person's role ties them to, by the parse: the role noun in
    apposition to the name or as its title, the organisation as the role's modifier ("an Acme spokesman"),
    its title's ("Acme spokesman Jo Bloggs") or its "for" ("a spokesman for Acme")."""
    roles = [t for t in (*person.children, person.head) if t.lemma_.lower() in VOICE_NOUNS or t.lower_ in VOICE_NOUNS]
    roles = [t for t in roles if t.dep_ in ("appos", "compound") and t.head == person or person.dep_ == "appos" and person.head == t]
    if len(roles) != 1:
        return None
    role = roles[0]
    if any(t.lower_ in ("former", "ex", "then") for t in role.subtree):
        return None  # "a former Acme official": no longer its voice
    words = [c for c in role.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    words += [c for c in person.children if c.dep_ == "compound" and c.i < role.i and c.ent_type_ != "PERSON"]  # "Acme spokesman Jo Bloggs" parsed flat
    for prep in (c for c in role.children if c.dep_ == "prep" and c.lower_ == "for"):
        words += [c for c in prep.children if c.dep_ == "pobj"]
    orgs, others = set(), []
    for w in words:
        seq = org_at.get(w.idx)
        if seq is not None:
            orgs.add(seq)
        elif w.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or w.tag_ == "PRP$" or w.dep_ == "poss":
            others.append(w)  # another organisation, party, country or person qualifies the role
        elif w.lower_ in PORTFOLIOS or w.pos_ == "NOUN":
            return None  # a portfolio: "home affairs spokesman", "housing spokesman"
    return orgs.pop() if len(orgs) == 1 and not others else None


def _person_source(text: str, mentions: list[Record], r: Record, full_names: dict[str, set[str]]) -> str | None:
    """The surname of the person an attribution's source resolved to ("Whitcombe" of "Dana Whitcombe" and of
    "Ms Whitcombe"), or None; None too when the document names two people of that surname (`full_names`)."""
    seq = r.data.get("source_mention")
    if seq is None or mentions[seq].data.get("label") != "PERSON":
        return None
    surname = _surname(text, mentions[seq])
    return surname if len(full_names.get(surname, ())) <= 1 else None


COURTESY = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.")


def _surname(text: str, m: Record) -> str:
    name = re.sub(r"[’']s?$", "", m.data.get("form") or m.text(text)).split()
    return name[-1] if name else ""
