"""Coreference: an entity-centric sieve that links pronouns, names and definite descriptions to the entity they stand for.

The design is the multi-pass deterministic sieve of Lee et al. (2013): mentions
are read off the parse (noun phrases, pronouns, relative pronouns) and merged
into chains by passes ordered from the most precise to the least, each pass
seeing the chains the earlier ones built (a chain's number, gender, types,
names and role nouns). Precision comes first: a link the rules are unsure of is
not made, and the span keeps its own text.

1. exact: the same name or definite description ("the ministry" … "the ministry"), joining the first
   earlier chain of those words it agrees with, unless a more specific definite description of its head
   came between ("the exhibit" … "the exhibit of harbour photographs" … "the exhibit" is the harbour
   one), or unless, as a bare "the company" that is a subject outside quotations, its sentence or the one before
   has another name as its main subject since ("Kestrel Systems fell 4 … . The company said …": that name); a
   country by its code and by its words;
2. apposition and relative: "Andriy Yusov, a spokesman for …" is one entity (not the
   words of a quotation the name is outside of: a quoted title the parse hangs on it), and so is a singular
   definite description a name follows in apposition ("their youngest daughter, Mira Holt");
   "…, which said" is the noun phrase the relative clause hangs on, and so is the relative pronoun of a later
   conjunct ("…, who live in Bergen and who have argued they …");
3. name: a shorter form of an earlier name ("Yusov" after "Andriy Yusov", "Ms Hewitt" after "Patricia Hewitt":
   a title that opens a name is no word of it; "the
   IMF" after "the International Monetary Fund"; a storm's own name, "Delia" after "Hurricane Delia"; an
   organisation's name before its "for" or "of", "the
   Andy Warhol Foundation", or after the country it opens with, "the Home Office" after "the United
   Kingdom Home Office"); a person's surname is the one last written with it, not a given name alone that the
   typing step filled out ("Varga" after "Mateo Varga", "Andres Varga" and "Mateo" is Andres Varga);
4. age: a definite description that gives an age ("the 34-year-old", "the 27-year-old nurse") and the one person
   named before whose age the text gives as that ("Tomas Berg, 34,", "34-year-old Tomas Berg", "aged 34");
5. head: a definite description whose head noun and modifiers an earlier chain
   carries ("the foreign ministry" after "Cuba's Foreign Ministry"), named or
   described at most eight sentences back; never a quantified phrase ("every
   country") or a stretch of time ("this week" is not "last week"), nor a role someone takes ("As a painter
   and a director, I …" … "the director");
6. role: a definite description naming a role an earlier chain was given by
   apposition, title, predicate or the noun its name is written with ("the rover
   Perseverance"; an age before it is no word of the role, "the 73-year-old senator", but another age than the
   person's bars it) ("the spokesman" after "Andriy Yusov, a
   spokesman for …"), a word of an earlier organisation's name ("the ministry"
   after "the Ministry of Defence"), the one country named just before ("the
   Caribbean nation"; a city or a state named there is no rival, and "his country" is the possessor's), or the storm named last ("the storm", "this cyclone"
   after "Cyclone Phailin"; a storm's name never stands for a person), or the one product the typing step named in
   its sentence or the two before, for a bare description of a product's kind ("the site" after "Glimmr is a
   wiki", "the craft" after "the probe Vantara"; not "the Danish site", "the site of the crash"); a title
   with a determiner and no name ("The President") is such a description, and a
   chain of descriptions is taken up by its first; an organisation noun with no possessor that takes none of
   these ("the company") takes the one organisation named in its sentence or the two before, or of several
   there, when it is its sentence's subject, the one a sentence before is about (the subject of that sentence's
   main verb or its possessor: "Kestrel bought a stake in Harlow. Kestrel reported a loss. The company said …");
   a relative clause set off by commas ("The company, which employs …, said") and a country the organisation is
   from by its other mentions ("Oslo-based Fjordline … The Norwegian group") restrict it no further; so does the
   first definite repeat of a headline's bare noun ("UK firm quits port deal" … "the firm"); a person noun that
   speaks the quotation of its sentence, anywhere in a report, carries on the person the sentence before is about
   ("Tomas Berg criticised the shows. “…,” said the 60-year-old actor"), and after a sentence wholly quoted, that
   quotation's speaker ("“…,” Berg said. “… .” “…,” the comedian added"), and so does a person noun that is the subject
   of its sentence's main verb, one of saying ("Senator Vera Lund says the race is close. The Porto senator said …";
   the role a person was given bars no description of that role, and one held beside an office or a trade,
   `held_beside`, "presidential candidate Vera Lund", "billionaire Tomas Berg", bars none); an organisation noun that is the subject
   of a clause inside its sentence takes, of several near, the sentence's own main subject before it ("The
   Courier was sued … after the newspaper claimed …"), unless that verb is one of saying; a business report's
   description of a company by its place and trade, as a subject ("Kestrel Corp. cut its dividend. The Leeds, Ala.,
   maker of pumps said …"), takes the named organisation a sentence before is about, or as the subject of a clause
   its sentence's own subject, whatever its other words, save a country the organisation is not from;
7. pronoun: he, she, it, they and their forms, to the most salient compatible
   chain of the same or the previous sentences (subjects first, but a possessive takes the name that is
   its own clause's subject: "Toyota cut its forecast"; a predicate nominal or a
   later conjunct is no antecedent, save a person's name for "he" or "she", nor a stretch of time, nor for a subject
   a noun of content whose clause "be" gives ("the question is why the alliance exists … why it should"); a pronoun outside
   a quotation never takes the quoted words of its own sentence, and the sentences of a quotation do not count in
   how far back "he" or "she" outside it looks ("Ann Rye said: “… . … . …” She added …"), and as the subject of a speech
   verb it takes a mention outside quotations there before one inside them ("“Marsh is done,” Dan Roe said. He added …"
   is Dan Roe), nor does a person named
   only inside quotations whose speaker fits ("“… my sister Annika,” … she added"); a pronoun inside a quotation is
   never its speaker ("“He was quicker,” Blaylock said"); "he" or "she" below a person's relative clause takes the
   one the relative stands for ("Daniel Hurst, who has a year left on a deal he signed"); "he" or "she" as a subject is
   never a person named after it in the clause it governs, a relative clause aside ("he came back and repaid Teale"),
   and as the subject of an adverbial clause takes the subject of the verb it hangs on, or that passive verb's agent,
   unless a person that verb acts on fits too ("Hugo Varga would be dismissed unless he returned the keys"); "he" or "she"
   of what someone's lawyer, agent or aide says is that someone ("Mara Quell's lawyer said she …"); "she" passes over a
   first candidate of its sentence whose gender nothing tells for a later subject or possessor told to be a woman; "they" of a clause whose
   verb an organisation or a country is the subject of takes it, when no plural of its sentence comes before it
   ("Harwell Holdings knows that they have the cash"); "they" as a speech verb's subject outside quotations takes the
   organisation or country its sentence names last, when nothing plural there fits ("… a threat to Russia, and they responded"); "they" takes an
   organisation or a country when no plural fits, of its own sentence or the subject of one before, on its side of
   quotation marks, not a place after a preposition of place nor one of several named together ("Norway are a good
   side. They …") nor a name that only modifies a noun ("since the Norstad Agency ruling came out, they …"), "their" and "them" do not; an "it" that is no subject takes no named organisation or place ("Kestrel
   built the plant and shut it down"); further back than the sentence before the one before, "he" or "she" as a subject
   takes the one person who fits, past no other person named since; "they", "their" and "them" take a
   group named by a singular noun, "the team", "Team Norway", as they take a plural); a first name or a courtesy
   title tells a person's gender (and, for "he" and "she" alone, a first name the wider given-name lists hold
   for one gender only, when nothing surer does; a plural apposition the parse gives a person does not make
   the person many); first-person pronouns of one quotation or
   paragraph are one speaker (with "Maria and I", a "we" of its own), a quotation's "I" is the one the quotation is
   attributed to (the subject of a speech verb outside it, in the sentence it
   starts or ends in: "“I have never seen …,” said Tomas Lindqvist"; a
   quotation with no such verb carries on the one before it in its paragraph, or in the paragraph before
   when it opens its own), a quotation's "we" is the one organisation or country its speaker is named with
   ("Morocco's coach Hakim Saadi said, “We …”"), and so is its bare "the team" when the speaker is that side's coach, "they" may stand for "someone" or "anyone", and an
   interview's unquoted "I" is the person its headline names as interviewed, or else the one its lines before
   the first question say it was held with ("The station spoke with Maria Ortega …"; in a question, a short paragraph
   ending with "?", "you" is that person and "I" the one who asks; in an answer "you" is the one who asked).

A phrase takes in a relative clause set off by a comma ("the port authority, which was founded in
1902"), as OntoNotes spans do, and a team's name in a score line ends before its goals ("Norway 2 – 1 Chile"); a
person's name holds no second person's name set apart by a conjunction or a comma, or in apposition to it
("Ada Pike of the Harbour Party and Joel Marr of …", a line-up "Petrov (Novak 70), Horvat"), and a name ends
before a capitalised preposition, where a caption runs into the sentence after it. Names match by the name they hold, not the phrase around it ("Harry Kane" in
"English captain Harry Kane"), by the document's full form of a truncated name,
and a country by its code ("the U.S." is "the United States"); a lone
capitalised word the parse took for a noun is a surname when an earlier person
bears it ("Waters said"). A proper noun modifying another noun is a mention of
its own when the document names it alone elsewhere ("Massachusetts" of
"Massachusetts Institute of Technology"), as OntoNotes marks such premodifiers;
a name inside a longer name of its own kind is part of it ("North" of "North Korea"). The names the typing
step finds inside a longer name are mentions too, whether or not the document names them alone: a place
("Helsinki" of "the University of Helsinki"; a country by its code, so "US" of "the US State Department" is
"the United States"), a person or an organisation of the document ("Andy Warhol" of "the Andy Warhol
Foundation"), and a proper-noun modifier inside such a recorded name is none of its own ("Warhol" of "the
Andy Warhol Foundation"). A word with a capital inside it ("wikiHow") is a name whatever the tagger made
of it, and "US" tagged as a proper noun is a name ("the US"), not the pronoun it spells in lower case. "One
of …" over a plural is a mention of its own, one thing ("one of the camps … it").

The component writes one `reference` record per mention of a chain of two or
more that stands for a named mention (a person, an organisation, a place or a
people; a storm, or a thing the typing step found the report introduce by its
kind, "the probe Vantara"; its chain number, that mention, and the pass that
linked it); `Chains` answers "which entity is this span?" from them.
A chain with no name ("the survey" … "it") answers nothing, so it is not stored.
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from .. import given_names, places
from ..extract import scan
from ..extract.attribution_frames import cues, lemma_of
from ..extract.attribution_quotes import reopens
from ..pipeline import Context, Record, component, make_record
from ..sentences import line_breaks

ACTORS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
THINGS = ("PRODUCT",)  # a thing's name, a named mention of the sieve when the typing step introduced it as one (a work's is not: it takes bare surnames too)
NAME_PREFERENCE = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}
KIND_OF_NAME = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "place"}
CURLY_BE = ("’s", "’re", "’m")
NOT_MENTIONS = ("TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
RELATIVES = ("who", "which", "whom", "whose")
CUT_DEPS = ("appos", "cc", "conj", "punct")  # a noun phrase ends before its apposition or conjunct
NOT_ANTECEDENTS = ("attr", "conj")  # a predicate describes its subject; a later conjunct is one of the things named together
SENTENCES_BACK = {1: 0, 3: 2}  # how many sentences back a pronoun of that person looks
PERSON_SENTENCES = 6  # further back, "he" or "she" takes the one person who fits, if only one does
QUESTION_SENTENCES = 3  # an interview's question is a paragraph of at most this many sentences that ends with "?"
NEAR_SENTENCES = 2  # "the country" takes the one country, a lone person noun the one person, named in its sentence or this many before
LEADING_NAMES = 3  # names an organisation needs, twice any other's, to be what a report is about (an organisation noun with no one organisation near takes it)
HEAD_SENTENCES = 8  # a description takes an earlier one of its head noun this far back; further, it is more often another of its kind
DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")  # "U.S", "U.K": initials with their last full stop left off
CAMEL = re.compile(r"^[a-z]+[A-Z][A-Za-z]*$")  # a name written with a capital inside a lowercase word: "wikiHow", "eBay", "iPad"
CAMEL_SHAPE = re.compile(r"^x+X[xX]*$|^LONG$")  # the shape of every word CAMEL matches (spaCy shapes a word of 100 characters or more "LONG")
MISREAD_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")  # where a misread noun heads a phrase
GIVEN_BEFORE = re.compile(r"(?:^|\s)([A-Z][a-z]+) $")  # a capitalised word and one space at the end of a text
LOCATIVE = ("in", "at", "from", "near", "inside", "outside", "around", "across", "throughout", "within")  # a place named after them is where, not who
QUOTES = re.compile(r"[“”\"]|''")  # a straight mark may be written as two apostrophes
INTERVIEW = re.compile(r"\binterview|\b(?:tells|told|talks to|talks with|speaks to|speaks with)\b", re.IGNORECASE)


@cache
def lexicon() -> dict[str, Any]:
    data = tomllib.loads(resources.files("threadline").joinpath("data/coreference.toml").read_text("utf-8"))
    gender = {w: "f" for w in data["female_nouns"]} | {w: "m" for w in data["male_nouns"]}
    persons = frozenset(data["person_nouns"]) | frozenset(gender)
    first = {w: "f" for w in data["first_names"]["female"]} | {w: "m" for w in data["first_names"]["male"]}
    return {**data, "role_families": [frozenset(f) for f in data["role_families"]], "person_nouns": persons, "country_nouns": frozenset(data["country_nouns"]), "organisation_nouns": frozenset(data["organisation_nouns"]), "business_nouns": frozenset(data["business_nouns"]), "storm_nouns": frozenset(data["storm_nouns"]), "product_nouns": frozenset(data["product_nouns"]), "quantifiers": frozenset(data["quantifiers"]), "partitives": frozenset(data["partitives"]), "time_nouns": frozenset(data["time_nouns"]), "set_phrases": frozenset(tuple(p.split()) for p in data["set_phrases"]), "someone": frozenset(data["someone"]), "collective_nouns": frozenset(data["collective_nouns"]), "content_nouns": frozenset(data["content_nouns"]), "side_voices": frozenset(data["side_voices"]), "courtesy_titles": frozenset(data["courtesy_titles"]), "held_beside": frozenset(data["held_beside"]), "gender": gender, "first_names": first}


def name_gender(text: str, rec: Record, phrase: str = "") -> str:
    """A person's gender told by a courtesy title ("Mrs. Clinton") or a first name the word lists know
    ("m", "f", or "-" when neither tells it)."""
    if rec.data["label"] != "PERSON":
        return "-"
    title = (phrase or text[rec.start : rec.end]).split(maxsplit=1)[0].lower().rstrip(".")
    if title in ("mr", "mrs", "ms"):
        return "m" if title == "mr" else "f"
    words = (rec.data.get("form") or text[rec.start : rec.end]).split()
    return lexicon()["first_names"].get(words[0].lower(), "-") if len(words) > 1 else "-"


def guessed_gender(text: str, rec: Record) -> str:
    """The gender a person's first name suggests by the wider lists of given names (`given_names.gender`):
    "Henrik Dalgaard" "m", "Ingeborg Faltskog" "f"; weaker than a title or the word lists ("Lakshmi Mittal" is
    "Mr Mittal"), so it chooses between antecedents of "he" or "she" and never keeps two names apart. The given
    names right before the model's name open it ("Shani Rhys James" where the model's name is "Rhys James")."""
    if rec.data["label"] != "PERSON":
        return "-"
    words = (rec.data.get("form") or text[rec.start : rec.end]).split()
    if not rec.data.get("form"):
        before = text[max(0, rec.start - 40) : rec.start]
        while (given := GIVEN_BEFORE.search(before)) and given_names.is_given_name(given.group(1)) and len(words) < 4:
            words.insert(0, given.group(1))
            before = before[: given.start(1)]
    return given_names.gender(words[0]) if len(words) > 1 else "-"


@dataclass(slots=True)
class Mention:
    """A mention under construction (character offsets, token index of its head)."""

    start: int
    end: int
    head: int
    kind: str  # name, nominal, pronoun, relative
    sent: int
    label: str = ""
    named: int | None = None  # seq of the named mention record it holds
    number: str = "-"
    gender: str = "-"
    guess: str = "-"  # the gender a first name suggests (`guessed_gender`), for pronouns only
    person: int = 3
    definite: bool = False
    lemma: str = ""
    words: frozenset[str] = frozenset()
    subject: bool = False
    para: int = 0
    quote: int | None = None  # start offset of the quotation it sits in
    rule: str = ""  # the pass that linked it to its chain
    name: str = ""  # the name it holds, without its title or apposition ("Harry Kane" of "English captain Harry Kane")


@dataclass(slots=True)
class Chain:
    members: list[int] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # role nouns given by apposition, title or predicate


class Sieve:
    """Builds the chains of one parsed document."""

    def __init__(self, text: str, doc: Any, mentions: list[Record]):
        self.text, self.doc = text, doc
        self.lex = lexicon()
        self.sents = list(doc.sents)
        self.sent_of = np.repeat(np.arange(len(self.sents)), [s.end - s.start for s in self.sents]).tolist()
        self.breaks = line_breaks(text)
        self.quotes = _with_single(text, _quotations(text))
        self.records = [(seq, m) for seq, m in enumerate(mentions) if m.data.get("label") in ACTORS or self._thing(m)]
        self.all_records = mentions
        self.inner: set[tuple[int, int]] = set()  # names the typing step found inside longer names
        self.mentions: list[Mention] = []
        self.chain_of: list[int] = []
        self.chains: list[Chain] = []
        self._word_columns: tuple[list[bool], list[int]] | None = None
        self._lemma_lower: dict[int, str] = {}
        self._by_head: dict[int, int] | None = None  # head token -> name or description, read once the chains are being built
        self._heads: dict[int, list[int]] | None = None  # head token -> the mentions it heads, relative pronouns aside
        self._speaker_map: dict[int, int] | None = None  # start of each quotation -> its speaker, read when first asked

    def _thing(self, rec: Record) -> bool:
        """A thing's name the typing step found: a storm ("Cyclone Phailin", "Phailin" of it), or a name the document
        introduces as a kind of thing ("the probe Stardust", "the ship Freewinds"; its rule "thing"). A named mention
        of the sieve, so that "it" of the thing stands for its name, as an organisation's does."""
        label = rec.data.get("label")
        if label in THINGS:
            return rec.data.get("rule") == "thing"
        words = _strip_det(rec.data.get("form") or self.text[rec.start : rec.end]).split()
        return label == "EVENT" and (rec.data.get("rule") == "storm" or bool(words) and words[0].lower() in self.lex["storm_nouns"])

    # -- mentions -----------------------------------------------------------
    def detect(self) -> None:
        named_at: dict[int, tuple[int, Record]] = {}
        for seq, rec in self.records:
            span = self.doc.char_span(rec.start, rec.end, alignment_mode="expand")
            if span is not None and len(span):
                named_at[span.root.i] = (seq, rec)
        self.persons_at = {i for i, (_, rec) in named_at.items() if rec.data["label"] == "PERSON"}
        pronouns = self.lex["pronouns"]
        ids = self.doc.vocab.strings  # integer attributes: no string is built for most tokens
        pronoun_ids = {ids.add(w) for w in pronouns}
        relative_ids = {ids.add(w) for w in RELATIVES}
        someone_ids = {ids.add(w) for w in self.lex["someone"]}
        nouns = {ids.add("NOUN"), ids.add("PROPN")}
        inner = {ids.add("compound"), ids.add("flat")}
        numeric = {ids.add(label) for label in NOT_MENTIONS}
        for tok in (self.doc[i] for i in self._openers(pronoun_ids | relative_ids | someone_ids, nouns, inner, numeric)):
            low = tok.lower
            if low in pronoun_ids and tok.tag_ in ("PRP", "PRP$"):  # "US" tagged as a proper noun is a name: "the US"
                number, gender, person = pronouns[tok.lower_]
                self._add(Mention(tok.idx, tok.idx + len(tok), tok.i, "pronoun", self.sent_of[tok.i], number=number, gender=gender, person=person, lemma=tok.lower_))
            elif low in someone_ids:  # "someone … they": a person of no known number or gender
                self._add(Mention(tok.idx, tok.idx + len(tok), tok.i, "nominal", self.sent_of[tok.i], lemma=tok.lower_, words=frozenset({tok.lower_})))
            elif low in relative_ids:
                if _clause_of_relative(tok.head) is not None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
                    self._add(Mention(tok.idx, tok.idx + len(tok), tok.i, "relative", self.sent_of[tok.i], lemma=tok.lower_))
            elif tok.pos in nouns and tok.dep not in inner and tok.ent_type not in numeric:
                self._add(self._phrase(tok, named_at.get(tok.i)))
            elif self._misread_noun(tok):
                self._add(self._phrase(tok, named_at.get(tok.i)))
            elif CAMEL.match(tok.text) and tok.i not in named_at and not (tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN")):
                # "wikiHow is a wiki", "In March wikiHow had …": a name the tagger took for an adverb or a determiner
                self._add(Mention(tok.idx, tok.idx + len(tok), tok.i, "name", self.sent_of[tok.i], number="sg", lemma=tok.lower_,
                                  words=frozenset({tok.lower_}), definite=True, name=tok.text))
        self._first_person_groups()
        self._one_of()
        headed = {m.head for m in self.mentions}
        for tok_i, (seq, rec) in named_at.items():  # a name the parse did not head with a noun
            tok = self.doc[tok_i]
            if tok_i not in headed and not (tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN")):
                self._add(Mention(rec.start, rec.end, tok_i, "name", self.sent_of[tok_i], label=rec.data["label"], named=seq,
                                  number="sg", lemma=tok.lemma_.lower(), words=self._words((tok_i,)), definite=True,
                                  name=self._name(rec), gender=name_gender(self.text, rec),
                                  guess=guessed_gender(self.text, rec)))
        self._nested_names()
        self._recorded_names()
        self._name_parts()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.chain_of = list(range(len(self.mentions)))
        self.chains = [Chain([k]) for k in range(len(self.mentions))]

    def _words(self, positions: Any) -> frozenset[str]:
        """The lemmas, in lower case, of the tokens at `positions` that are no stop word, punctuation, space or
        determiner (`_words` of those tokens), read from the parse's integer columns once per document."""
        if self._word_columns is None:
            doc, ids = self.doc, self.doc.vocab.strings
            skip = scan.mask(doc, "IS_STOP", [1]) | scan.mask(doc, "IS_PUNCT", [1]) | scan.mask(doc, "IS_SPACE", [1])
            skip |= scan.mask(doc, "DEP", [ids.add("det")])
            self._word_columns = (skip.tolist(), scan.column(doc, "LEMMA").tolist())
        skip, lemmas = self._word_columns
        lower, strings = self._lemma_lower, self.doc.vocab.strings
        out = set()
        for i in positions:
            if not skip[i]:
                lemma = lemmas[i]
                word = lower.get(lemma)
                if word is None:
                    word = lower[lemma] = strings[lemma].lower()
                out.add(word)
        return frozenset(out)

    def _first_person_groups(self) -> None:
        """"Rebecca and I", "my sister and me": a coordination that holds the speaker is a "we" of its own."""
        for i in np.flatnonzero(scan.mask(self.doc, "LOWER", [self.doc.vocab.strings.add(w) for w in ("i", "me")])).tolist():
            tok = self.doc[i]
            if tok.dep_ != "conj" or tok.head.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            first = min(tok.head.subtree, key=lambda t: t.i)
            self._add(Mention(first.idx, tok.idx + len(tok), tok.head.i, "nominal", self.sent_of[tok.i], number="pl", person=1, lemma="we"))

    def _one_of(self) -> None:
        """"one of the camps that the ministry had shut … it": the phrase a singular quantifier heads over an "of" is one
        thing, a mention of its own (OntoNotes marks it; the plural after "of" keeps its own mention)."""
        ids = self.doc.vocab.strings
        for i in np.flatnonzero(scan.mask(self.doc, "LOWER", [ids.add(w) for w in ("one", "either", "neither", "each")])).tolist():
            tok = self.doc[i]
            if tok.dep_ not in MISREAD_DEPS or tok.pos_ in ("NOUN", "PROPN") or not any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children):
                continue
            tokens = sorted(tok.subtree, key=lambda t: t.i)
            while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
                tokens.pop()
            # a thing unless what it is one of names people ("one of the founders"): "it" may take it, "he" may not
            whole = next(g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj")
            thing = whole.lemma_.lower() not in self.lex["person_nouns"] and whole.ent_type_ in ("", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")
            self._add(Mention(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), tok.i, "nominal", self.sent_of[tok.i], number="sg",
                              gender="n" if thing else "-", lemma=tok.lower_))

    def _openers(self, words: set[int], nouns: set[int], inner: set[int], numeric: set[int]) -> list[int]:
        """The tokens that may open a mention, read from the parse's integer columns so that a `Token` is made for
        these alone: a listed word, a noun that is not inside a name, a subject or an object (a misread noun),
        and a word shaped like a camel-case name ("xxxxXxx": the shape writes letters as x and X)."""
        doc, ids = self.doc, self.doc.vocab.strings
        camel = [s for s in set(scan.column(doc, "SHAPE").tolist()) if CAMEL_SHAPE.match(ids[s])]
        hit = scan.mask(doc, "LOWER", words) | scan.mask(doc, "DEP", [ids.add(d) for d in MISREAD_DEPS]) | scan.mask(doc, "SHAPE", camel)
        hit |= scan.mask(doc, "POS", nouns) & ~scan.mask(doc, "DEP", inner) & ~scan.mask(doc, "ENT_TYPE", numeric)
        return np.flatnonzero(hit).tolist()

    def _misread_noun(self, tok: Any) -> bool:
        """A noun the tagger misread, heading a phrase with a determiner in a subject or object position: an
        adjective ("each ant was dipped") or a common noun it took for a number ("in the second half")."""
        if tok.dep_ not in MISREAD_DEPS or not any(c.dep_ == "det" for c in tok.children):
            return False
        return tok.pos_ == "ADJ" or tok.tag_ == "NN" and tok.ent_type_ in ("CARDINAL", "ORDINAL")

    def _nested_names(self) -> None:
        """A proper noun modifying another noun is a mention of its own (OntoNotes marks "[U.S.] policy") when the
        document names it on its own elsewhere: "Massachusetts" of "Massachusetts Institute of Technology" after
        "Cambridge, Massachusetts", "Mets" of "the Mets Poet"."""
        names = {_strip_det(self.text[m.start : m.end]): m for m in self.mentions if m.kind == "name" and m.label}
        taken = {(m.start, m.end) for m in self.mentions}
        ids = self.doc.vocab.strings
        compounds = scan.mask(self.doc, "DEP", [ids.add("compound")]) & scan.mask(self.doc, "POS", [ids.add("PROPN")])
        for tok in (self.doc[i] for i in np.flatnonzero(compounds).tolist()):  # a proper noun in a compound
            if tok.head.pos_ not in ("PROPN", "NOUN") or tok.head.dep_ == "compound" and tok.head.pos_ == "PROPN":
                continue
            first = min(tok.subtree, key=lambda t: t.i)
            start, end = first.idx, tok.idx + len(tok)
            same = names.get(self.text[start:end])
            if same is None or (start, end) in taken:
                continue
            self._add(Mention(start, end, tok.i, "name", self.sent_of[tok.i], label=same.label, number=same.number, gender=same.gender,
                              lemma=tok.lemma_.lower(), words=self._words(range(first.i, tok.i + 1)), definite=True, name=same.name))

    def _recorded_names(self) -> None:
        """The names the typing step found inside a longer name are mentions of their own, as OntoNotes marks them:
        a place ("Helsinki" of "the University of Helsinki", "LA" of "LA Weekly"), a person of the document
        ("Andy Warhol" of "the Andy Warhol Foundation") or an organisation of the document ("USI" of "USI Art
        Collections"). Each holds its name (a country by its code), so the exact and name passes link it to the
        same name standing alone."""
        taken = {(m.start, m.end): m for m in self.mentions}
        for rec in self.all_records:
            for key, label in (("places", "GPE"), ("persons", "PERSON"), ("organisations", "ORG")):
                for inner in rec.data.get(key) or ():
                    start, end = inner["start"], inner["end"]
                    span = self.doc.char_span(start, end)
                    if span is None:
                        continue  # a name that cuts a token is no mention of the parse
                    text = self.text[start:end]
                    code = places.country_code(text) or _dotted_country(text) if key == "places" else None
                    name = "@" + code if code else inner.get("form") or _strip_det(text)
                    if (start, end) in taken:
                        continue  # the parse's own phrase ("Helsinki" of "the University of Helsinki") stays as it is
                    gender = lexicon()["first_names"].get(name.split()[0].lower(), "-") if label == "PERSON" and len(name.split()) > 1 else "-"
                    root = span.root
                    taken[start, end] = self._add(Mention(start, end, root.i, "name", self.sent_of[root.i], label=label, number="sg", gender=gender,
                                                          lemma=root.lemma_.lower(), words=self._words(range(span.start, span.end)), definite=True, name=name))
                    self.inner.add((start, end))
        # "Warhol" of "the Andy Warhol Foundation", taken as a name of its own where the parse hangs "Andy" and "Warhol"
        # side by side: the recorded name ("Andy Warhol") is the mention
        self.mentions = [m for m in self.mentions if not (m.kind == "name" and m.named is None and (m.start, m.end) not in self.inner and self.doc[m.head].dep_ == "compound"
                                                          and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in self.inner))]

    def _name_parts(self) -> None:
        """A name inside a longer name of its own kind is a part of that name, not a mention: "Lena" of the
        person "Lena Marsh", "North" of the country "North Korea", "State" of "the State Department". A name of
        another kind inside it stays one ("Massachusetts" of "Massachusetts Institute of Technology", "Ada
        Lovelace" of "the Ada Lovelace Institute"), as OntoNotes marks such names."""
        outer = [(rec.start, rec.end, KIND_OF_NAME.get(rec.data["label"]), seq) for seq, rec in self.records]
        self.mentions = [
            m for m in self.mentions
            if m.kind != "name" or KIND_OF_NAME.get(m.label) is None or (m.start, m.end) in self.inner
            or not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) and kind == KIND_OF_NAME[m.label] and seq != m.named
                       for a, b, kind, seq in outer)
        ]

    def _add(self, m: Mention) -> Mention:
        m.para = bisect.bisect_right(self.breaks, m.start)
        quote = self._quotation_at(m.start)
        if quote is not None:
            m.quote = quote[0]
        m.subject = self.doc[m.head].dep_ in ("nsubj", "nsubjpass")
        words = (m.name or _strip_det(self.text[m.start : m.end])).split() if m.kind == "name" else ()
        if words and words[0].lower() in self.lex["storm_nouns"]:
            if len(words) == 1:  # "the Cyclone": a description, not a name
                m.kind, m.named, m.label, m.name = "nominal", None, "", ""
            else:  # "Cyclone Phailin", "Hurricane Katrina": a storm, never a person
                m.label, m.gender = "EVENT", "n"
        self.mentions.append(m)
        return m

    def _phrase(self, head: Any, named: tuple[int, Record] | None) -> Mention:
        tokens = [head]
        for child in head.lefts:
            if child.dep_ not in CUT_DEPS:
                tokens.extend(child.subtree)
        rights = list(head.rights)
        for n, child in enumerate(rights):
            if child.dep_ in CUT_DEPS:
                if child.text == "," and n + 1 < len(rights) and rights[n + 1].dep_ == "relcl":
                    continue  # "the port authority, which was founded in 1902": OntoNotes spans take the relative clause in
                break
            tokens.extend(child.subtree)
        tokens.sort(key=lambda t: t.i)
        if named is not None and named[1].data["label"] == "PERSON":
            tokens = self._one_name(head, tokens, named[1])
        if head.pos_ == "PROPN":
            # "Ann Rye of the HFP In the … district, …": a caption run into the sentence after it, which a
            # capitalised preposition opens; the name ends before it
            run_in = next((t.i for t in tokens if t.i > head.i and t.pos_ == "ADP" and t.is_title and t.ent_type_ == ""), None)
            if run_in is not None:
                tokens = [t for t in tokens if t.i < run_in]
        if head.pos_ == "PROPN" and tokens[-1].i > head.i and self._score(tokens[-1]):
            tokens.pop()  # a score line, "Norway 2 – 1 Chile": the team's name ends before its goals
        # a possessor keeps its apostrophe ("the parents '", as the span of "Warhol 's" keeps its "'s")
        while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].tag_ != "POS":
            tokens.pop()
        proper_head = head.pos_ == "PROPN" or CAMEL.match(head.text) is not None
        # "explain what wikiHow is": the wh-word the parse hangs on a name opens the clause, not the name
        while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space or proper_head and tokens[0].tag_ in ("WDT", "WP")):
            tokens.pop(0)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        own_end = end  # the phrase's end before its apposition
        appos = [c for c in head.rights if c.dep_ == "appos"]
        if (appos and head.pos_ == "PROPN" and appos[0].pos_ == "PROPN" and appos[0].ent_type_ != head.ent_type_
                and appos[0].lower_ not in self.lex["person_nouns"]):
            # "Las Vegas, the Midwest Magic Jubilee …", "NATO, Hoop Scheffer": a list or a misparse, not one name; a role
            # the tagger wrote as a name stays one ("Ana Ruiz, the Trade Ministry Spokesperson")
            appos = []
        if appos and named is not None and named[1].data["label"] == "PERSON" and appos[0].i in self.persons_at:
            appos = []  # a second person's name: a list, or a caption run into the sentence after it, not one person
        if appos:  # the OntoNotes span of a name with its apposition: "Marta Lind, curator of the museum"
            last = max(appos[-1].subtree, key=lambda t: t.i)
            while last.i > appos[-1].i and (last.is_punct or last.is_space):
                last = self.doc[last.i - 1]
            after = self.doc[last.i + 1] if last.i + 1 < len(self.doc) else None
            if after is not None and after.text in BRACKETS and any(t.text == BRACKETS[after.text] for t in self.doc[head.i : last.i + 1]):
                last = after  # "the World Health Organization (WHO)": the bracket the apposition opened closes the span
            end = max(end, last.idx + len(last))
        if named is not None and named[1].data["label"] in THINGS and _strip_det(self.text[start:own_end]) != _strip_det(named[1].text(self.text)):
            # "Stardust @ home" of which the typing step called "Stardust" a probe: another name, not the thing's
            # ("Glimmr, a web browser": the thing's name with what it is)
            named = None
        det = next((t.lower_ for t in head.children if t.dep_ in ("det", "poss")), "")
        # "The President", "the Prime Minister": a title with a determiner and no name is a description
        title = named is None and det in self.lex["definite"] and head.lemma_.lower() in self.lex["person_nouns"]
        proper = (proper_head and not title) or named is not None
        m = Mention(start, end, head.i, "name" if proper else "nominal", self.sent_of[head.i], lemma=head.lemma_.lower(),
                    words=self._words([t.i for t in tokens]), number="pl" if head.tag_ in ("NNS", "NNPS") else "sg")
        if not proper:
            m.gender = self.lex["gender"].get(m.lemma, "-")
            if m.lemma in self.lex["partitives"] and any(
                    c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") for g in c.children) for c in head.rights):
                m.number = "pl"  # "a number of factors … them", "a bunch of suppliers … they": the parts are plural
        m.definite = proper or det in self.lex["definite"] or any(t.dep_ == "poss" for t in head.children)
        if named is not None:
            m.named, m.label = named[0], named[1].data["label"]
            m.name = self._name(named[1])
            m.gender = name_gender(self.text, named[1], self.text[start:end])
            m.guess = guessed_gender(self.text, named[1]) if m.gender == "-" else "-"
            if m.label == "NORP" and head.tag_ != "NNPS":
                m.number = "-"
            elif m.label in ("PERSON", "GPE"):
                m.number = "sg"  # "Wilkins", "the United States": a person or a country is one, whatever the tag
        return m

    def _one_name(self, head: Any, tokens: list[Any], rec: Record) -> list[Any]:
        """A person's phrase holds no second person's name that a conjunction or a comma sets apart: the parse hangs
        "and Dara Quinn of …" on the party of "Mei Lin of the Harbour Party", and a caption run into the
        sentence after it ("Ann Rye of the HFP In the … district, councillors Ann Rye …") on the name that
        sentence holds, so the phrase would run over the whole list. It ends before the conjunction or comma ahead
        of the other name, or starts after the last one behind it."""
        others = [t.i for t in tokens if t.i in self.persons_at and not rec.start <= t.idx < rec.end]
        after = [i for i in others if i > head.i]
        if after:
            cut = next((t.i for t in tokens if head.i < t.i < after[0] and (t.dep_ == "cc" or t.text == ",")), None)
            if cut is not None:
                tokens = [t for t in tokens if t.i < cut]
        before = [i for i in others if i < head.i]
        if before:
            cut = max((t.i for t in tokens if before[-1] < t.i and t.idx < rec.start and (t.dep_ == "cc" or t.text == ",")), default=None)
            if cut is not None:
                tokens = [t for t in tokens if t.i > cut]
        return tokens

    def _score(self, tok: Any) -> bool:
        """A number that a dash and another number follow: a team's goals in a score line ("Norway 2 – 1 Chile")."""
        i = tok.i
        return tok.like_num and i + 2 < len(self.doc) and self.doc[i + 1].text in SCORE_DASHES and self.doc[i + 2].like_num

    def _name(self, rec: Record) -> str:
        """The name a named mention holds: its canonical form in the document ("Jarrosay" is "Frank Dario
        Jarrosay Manfuga"), and a country by its code ("U.S." and "the United States" are one name)."""
        if rec.data["label"] == "GPE" and rec.data.get("country"):
            return "@" + rec.data["country"]
        name = _strip_det(rec.data.get("form") or self.text[rec.start : rec.end])
        code = _dotted_country(name) if rec.data["label"] == "GPE" else None
        return "@" + code if code else name

    # -- chains ---------------------------------------------------------------
    def merge(self, anaphor: int, antecedent: int, rule: str) -> None:
        a, b = self.chain_of[anaphor], self.chain_of[antecedent]
        if a == b:
            return
        keep, drop = min(a, b), max(a, b)
        for k in self.chains[drop].members:
            self.chain_of[k] = keep
        self.chains[keep].members.extend(self.chains[drop].members)
        self.chains[keep].members.sort()
        self.chains[keep].roles |= self.chains[drop].roles
        self.chains[drop] = Chain()
        if not self.mentions[anaphor].rule:
            self.mentions[anaphor].rule = rule

    def members(self, k: int) -> list[Mention]:
        return [self.mentions[j] for j in self.chains[self.chain_of[k]].members]

    def labels(self, k: int) -> set[str]:
        return {m.label for m in self.members(k) if m.label}

    def animate(self, k: int) -> bool | None:
        """True for a person, False for a thing or an institution, None when the chain does not tell."""
        ms = self.members(k)
        if any(m.label == "PERSON" or (m.kind == "nominal" and m.lemma in self.lex["person_nouns"]) or m.gender in ("m", "f") for m in ms):
            return True
        if any(m.label in ("ORG", "GPE", "LOC", "FAC", *THINGS) or m.gender == "n" for m in ms):
            return False
        if self.chains[self.chain_of[k]].roles & self.lex["person_nouns"]:
            return True
        if any(m.kind == "nominal" and self.doc[m.head].ent_type_ == "" for m in ms):
            return False  # a common noun that names no person: "the survey", "the company"
        return None

    def _person_noun(self, m: Mention) -> bool:
        """A description headed by a noun of a person ("the spokesman"), or by an age alone ("the 34-year-old")."""
        return m.lemma in self.lex["person_nouns"] or m.lemma == "old" and _stated_age(self.doc[m.head]) is not None

    def run(self) -> None:
        self.detect()
        self.attributes()
        for name in ("exact", "apposition", "relative", "name", "age", "head", "role", "lead", "pronoun"):
            getattr(self, "pass_" + name)()

    def attributes(self) -> None:
        """Role nouns given to a name by apposition ("Yusov, a spokesman"), title ("Foreign Minister Lavrov") or predicate."""
        by_head = {m.head: k for k, m in enumerate(self.mentions)}
        for k, m in enumerate(self.mentions):
            head = self.doc[m.head]
            clauses = []  # "who served as …": read after the head's own role nouns
            for child in head.children:
                dep = child.dep_
                if dep == "appos" and (child.pos_ == "NOUN" or child.lower_ in self.lex["person_nouns"]):
                    self.chains[k].roles.add(child.lemma_.lower())
                elif dep == "compound" and (child.pos_ in ("NOUN", "PROPN") and child.lemma_.lower() in self.lex["person_nouns"]
                                            or child.is_lower and m.kind == "name" and head.pos_ == "PROPN"):
                    self.chains[k].roles.add(child.lemma_.lower())
                elif dep == "relcl" and child.lemma_ in ("serve", "work", "act"):
                    clauses.append(child)
            for clause in clauses:
                for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ == "as"):  # "who served as foreign minister"
                    role = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
                    if role is not None:
                        target = by_head.get(head.head.i, k) if head.dep_ == "appos" else k
                        self.chains[target].roles.add(role.lemma_.lower())
            if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.i in by_head:
                self.chains[by_head[head.head.i]].roles.add(m.lemma)
            if head.dep_ == "attr" and head.head.lemma_ == "be" and m.kind == "nominal":
                subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i in by_head and self.mentions[by_head[subj.i]].kind == "name":
                    self.chains[by_head[subj.i]].roles.add(m.lemma)

    def _earlier(self, k: int) -> range:
        return range(k - 1, -1, -1)

    def pass_exact(self) -> None:
        seen: dict[str, list[int]] = {}
        for k, m in enumerate(self.mentions):
            # a name matches by the name it holds even when all its words are stop words ("the US": "us")
            if m.kind not in ("name", "nominal") or not m.definite or not (m.words or m.kind == "name" and m.name):
                continue
            own = " ".join(_strip_det(self.text[m.start : m.end]).lower().split())
            # a country matches by its code ("the U.S." … "the United States") and by its words, which a name the model
            # left untyped holds ("Chile" of "the University of Chile")
            keys = dict.fromkeys((m.name.lower(), own) if m.name.startswith("@") else (" ".join((m.name or own).lower().split()),))
            # the first earlier chain of that name it agrees with: "the Sea Lark" … "the Sea Lark" tagged as plurals
            # after a singular "Sea Lark" that the tags keep apart from them
            j = next((j for key in keys for j in seen.get(key, ()) if self._agree(k, j)), None)
            # a more specific description of its head since its last repeat: "the constituency" is the one just named
            last = max(i for key in keys for i in seen.get(key, ())) if j is not None else -1
            turned = self._company_named_since(k, last) if j is not None and m.kind == "nominal" else None
            if turned is not None:
                self.merge(k, turned, "role")
                for key in keys:
                    seen[key] = [k]  # another company's "the company": its later repeats are this one
                continue
            nearer = self._nearer_description(k, last) if j is not None and m.kind == "nominal" else None
            if nearer is not None:
                self.merge(k, nearer, "head")
                for key in keys:
                    seen[key] = [k]  # its later repeats are this one
                continue
            if j is not None:
                self.merge(k, j, "exact")
            for key in keys:
                seen.setdefault(key, []).append(k)

    def _company_named_since(self, k: int, last: int) -> int | None:
        """A bare "the company" (a singular noun of `business_nouns` with no other word) as a subject, whose sentence or the
        one before has as the subject of its main verb a name that came after `last`, its last repeat: a report that
        turns to another company ("An Orbis spokeswoman said on Monday that the company … . Kestrel, which …, still plans … .
        The company said …" is Kestrel; a market report's "Harlow Tools dropped 3 to 22. The company said …"). That name's
        mention, an organisation's or one the model typed as nothing, which the description then stands for, rather
        than join its earlier repeat (coreference v65); None otherwise."""
        m = self.mentions[k]
        if m.words != {m.lemma} or m.lemma not in self.lex["business_nouns"] or m.number != "sg" or not self._the(m) or self.doc[m.head].dep_ not in ("nsubj", "nsubjpass"):
            return None
        if m.quote is not None:
            return None  # a quoted speaker's "the company" is the one the report is about, as often as the one just named
        for s in (m.sent, m.sent - 1):
            if s < 0:
                continue
            root = self.sents[s].root
            for subject in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
                j = self._name_or_description_at(subject.i)
                e = self.mentions[j] if j is not None else None
                if e is not None and e.kind == "name" and e.label in ("ORG", "") and e.quote is None and self.mentions[last].end <= e.start < m.start:
                    return j
        return None

    def _nearer_description(self, k: int, last: int) -> int | None:
        """A repeated description that a more specific one of its head came between ("the constituency" …
        "the Harbour North constituency" … "this constituency") takes that one: the nearest
        definite mention of its head after `last`, its last repeat, when that one carries all its words and
        more, agrees with it, and lies within the head pass's reach (coreference v40)."""
        m = self.mentions[k]
        if self._by_words_only(m):
            return None
        for i in range(k - 1, last, -1):
            e = self.mentions[i]
            if e.kind not in ("name", "nominal") or e.lemma != m.lemma or not e.definite or e.end > m.start:
                continue
            if self.chain_of[i] == self.chain_of[last] or m.sent - e.sent > HEAD_SENTENCES or self._by_words_only(e):
                return None
            words = set().union(*(x.words for x in self.members(i)))
            return i if m.words <= words and len(e.words) > len(m.words) and self._agree(k, i) else None
        return None

    def pass_apposition(self) -> None:
        """"Andriy Yusov, a spokesman for …": one entity (its chain carries the role; the
        OntoNotes scheme does not count the apposition as a mention of its own)."""
        by_head = {m.head: k for k, m in enumerate(self.mentions) if m.kind in ("name", "nominal")}
        for k, m in enumerate(self.mentions):
            head = self.doc[m.head]
            if head.dep_ == "appos" and head.head.i in by_head and m.kind == "name" and self._role_name(m, by_head[head.head.i]):
                # "Maria Lopez, the Trade Ministry Spokesperson": a role the model took for an organisation's name
                m.kind, m.label, m.named, m.name, m.gender = "nominal", "", None, "", "-"
            if head.dep_ == "appos" and head.head.i in by_head and m.kind == "nominal":
                if m.quote is not None and self.mentions[by_head[head.head.i]].quote != m.quote:
                    continue  # "Kathryn Dale, curator of “Frida Kahlo: Photographs and Prints …”": a quoted title's words, not the person
                self.merge(k, by_head[head.head.i], "apposition")
            elif head.dep_ == "appos" and head.head.i in by_head and m.kind == "name" and self._named_by_apposition(m, self.mentions[by_head[head.head.i]]):
                self.merge(k, by_head[head.head.i], "apposition")

    def _named_by_apposition(self, m: Mention, e: Mention) -> bool:
        """A description that a name follows in apposition ("their youngest daughter, Mira Holt", "the capital,
        Havana") is that name: a singular definite description, not a list ("two ports, Brest and Vigo"), not the
        words of a quotation the description is outside of."""
        head = self.doc[m.head]
        return (e.kind == "nominal" and e.definite and e.number == "sg" and m.quote == e.quote
                and not any(c.dep_ == "conj" for c in head.children) and not self._time(e))

    def _role_name(self, m: Mention, j: int) -> bool:
        """A name in apposition to a person's name whose head word is a role ("the Trade Ministry Spokesperson")."""
        return self.mentions[j].label == "PERSON" and m.label != "PERSON" and self.doc[m.head].lower_ in self.lex["person_nouns"]

    def pass_relative(self) -> None:
        by_head = {m.head: k for k, m in enumerate(self.mentions) if m.kind in ("name", "nominal")}
        for k, m in enumerate(self.mentions):
            if m.kind != "relative":
                continue
            verb = _clause_of_relative(self.doc[m.head].head) or self.doc[m.head].head
            noun = verb.head.head if verb.head.dep_ == "appos" else verb.head
            if noun.i in by_head:
                self.merge(k, by_head[noun.i], "relative")

    def pass_name(self) -> None:
        by_key: dict[str, list[int]] = {}  # last word and initials of the names seen so far -> mentions
        storms: dict[str, int] = {}  # a storm's own name ("Phailin" of "Cyclone Phailin") -> its mention
        for k, m in enumerate(self.mentions):
            if m.kind == "name":
                words = (m.name or _strip_det(self.text[m.start : m.end])).split()
                if m.label == "EVENT" and len(words) > 1 and words[0].lower() in self.lex["storm_nouns"]:
                    storms.setdefault(words[-1], k)
                elif len(words) == 1 and words[0] in ("North", "South", "East", "West"):
                    # "the North" after "North Korea": the one country named before whose name opens with that word
                    halves = {self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.kind == "name" and KIND_OF_NAME.get(e.label) == "place"
                              and _strip_det(self.text[e.start : e.end]).split()[:1] == words and len(_strip_det(self.text[e.start : e.end]).split()) > 1}
                    j = self.chains[halves.pop()].members[0] if len(halves) == 1 else None
                    if j is not None and KIND_OF_NAME.get(m.label, "place") == "place":  # the model may call it a region: a place all the same
                        self.merge(k, j, "name")
                        continue
                elif words and words[-1] in storms:
                    # "Phailin's winds", "T C Phailin" after "Cyclone Phailin": the storm, whatever type the model gave it
                    # (its own record when the typing step called it a storm)
                    m.named = m.named if m.label == "EVENT" else None
                    m.label, m.gender = "EVENT", "n"
                    self.merge(k, storms[words[-1]], "name")
                    continue
            if m.kind == "nominal" and self._surname_like(m):
                for j in reversed(by_key.get(self.text[m.start : m.end], [])):
                    e = self.mentions[j]
                    if e.label == "PERSON" and _shorter_form(self.text[m.start : m.end], e.name, "PERSON"):
                        m.kind, m.label, m.number, m.gender = "name", "PERSON", "sg", "-"  # "Waters" tagged as a plural noun
                        self.merge(k, j, "name")
                        break
                continue
            if m.kind != "name":
                continue
            short = m.name or _strip_det(self.text[m.start : m.end])
            # "Ms Hewitt" after "Patricia Hewitt": a title is no word of the name it opens
            for key in dict.fromkeys((short, self._untitled(short) if m.label == "PERSON" else short)):
                j = self._longer_form(k, m, key, by_key.get(key.replace(".", ""), []))
                if j is not None:
                    self.merge(k, j, "name")
                    break
            words = short.split()
            if len(words) > 1:
                # a name written with its last word ("Juan Diaz", not "Juan" the typing step filled out to "Juan Diaz"):
                # a later bare "Diaz" is the one last written so, where the son goes by his given name and the father
                # by the family's (coreference v65)
                if words[-1] in self.text[m.start : m.end]:
                    by_key.setdefault(words[-1], []).append(k)
                by_key.setdefault("".join(w[0] for w in words if w[:1].isupper()), []).append(k)
            if m.label == "ORG" and len(words) > 2:  # an organisation's shorter forms: see `_shorter_form`
                for n in range(2, len(words)):
                    if words[n] in ("for", "of"):
                        by_key.setdefault(" ".join(words[:n]), []).append(k)
                        break
                for n in range(1, len(words) - 1):
                    if places.country_code(" ".join(words[:n])) is not None:
                        by_key.setdefault(" ".join(words[n:]), []).append(k)

    def _longer_form(self, k: int, m: Mention, short: str, earlier: list[int]) -> int | None:
        """The latest of the `earlier` name mentions before `m` whose name `short` is a shorter form of."""
        for j in reversed(earlier):
            e = self.mentions[j]
            if e.end <= m.start and self._agree(k, j) and _shorter_form(short, e.name or self.text[e.start : e.end], m.label or e.label):
                return j
        return None

    def _untitled(self, name: str) -> str:
        """A person's name without the titles that open it ("Ms Hewitt" -> "Hewitt", "Lord Butler" -> "Butler"),
        keeping one word at least."""
        words = name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in self.lex["courtesy_titles"]:
            words = words[1:]
        return " ".join(words)

    def _surname_like(self, m: Mention) -> bool:
        """One capitalised word inside a sentence, with no determiner: "Waters said" where the parse saw a noun."""
        tok = self.doc[m.head]
        return m.start == tok.idx and m.end == tok.idx + len(tok) and tok.text.istitle() and not tok.is_sent_start

    def pass_age(self) -> None:
        """A definite description that gives an age ("the 34-year-old", "the 27-year-old nurse") is the one person
        named before whose age the text gives as that ("Tomas Berg, 34,", "34-year-old Tomas Berg", "Rina Solberg, a
        27-year-old nurse", "Anna Vik, aged 22"), when no other person named before has that age; without such a
        person, a bare "the 34-year-old" is a person noun of the role pass ("the teenager")."""
        aged: dict[int, set[int]] = {}  # age -> the persons' names given it
        for k, m in enumerate(self.mentions):
            if m.kind == "nominal" and m.definite and self._first_unnamed(k):
                age = _stated_age(self.doc[m.head])
                chains = {self.chain_of[j] for j in aged.get(age, ())} if age is not None else set()
                if len(chains) == 1:
                    c = chains.pop()
                    if self._agree(k, self.chains[c].members[0]):
                        self.merge(k, self.chains[c].members[0], "age")
            if m.kind == "name" and m.label == "PERSON":
                for age in self._stated_ages(m):
                    aged.setdefault(age, set()).add(k)

    def _stated_ages(self, m: Mention) -> set[int]:
        """The ages the text gives the person of a mention: by its own head or an apposition to it."""
        head = self.doc[m.head]
        return ({_stated_age(head)} | {_stated_age(c) for c in head.children if c.dep_ == "appos"}) - {None}

    def _ages(self, c: int) -> set[int]:
        """The ages the text gives the person of chain `c` by any of its mentions."""
        return set().union(*(self._stated_ages(self.mentions[j]) for j in self.chains[c].members))

    def pass_head(self) -> None:
        by_lemma: dict[str, list[int]] = {}  # head lemma -> names and descriptions seen so far
        for k, m in enumerate(self.mentions):
            if m.kind not in ("name", "nominal"):
                continue
            if m.kind == "nominal" and m.definite and (self.chain_of[k] == k or len(self.chains[self.chain_of[k]].members) == 1) and not self._by_words_only(m):
                framed = self._framed(m)  # a speaker is not what its own quotation names
                for j in reversed(by_lemma.get(m.lemma, [])):
                    e = self.mentions[j]
                    if e.end > m.start or self.chain_of[j] == self.chain_of[k] or self._by_words_only(e):
                        continue
                    if any(a <= e.start < b for a, b in framed):
                        continue
                    if self._as_role(e):
                        continue  # "As a painter and a director, I …": a role the speaker takes, not someone a later "the director" is
                    if m.sent - e.sent > HEAD_SENTENCES:
                        break
                    # a repeat of "the company" (not "a watchdog" … "the watchdog", which introduces it) after a sentence about another company
                    turned = self._company_named_since(k, j) if e.kind == "nominal" and e.definite and e.words == m.words else None
                    if turned is not None:
                        self.merge(k, turned, "role")
                        break
                    chain_words = set().union(*(x.words for x in self.members(j)))
                    if m.words <= chain_words and self._agree(k, j):
                        self.merge(k, j, "head")
                        break
            by_lemma.setdefault(m.lemma, []).append(k)

    def _as_role(self, e: Mention) -> bool:
        """An indefinite person noun that is the object of "as", or a conjunct of one ("as a painter and a director"): the
        role someone takes, which names no one a later definite description takes up."""
        if e.kind != "nominal" or e.definite or e.lemma not in self.lex["person_nouns"]:
            return False  # "run it as a business … the business": a thing so described may be taken up
        head = self.doc[e.head]
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        return head.dep_ == "pobj" and head.head.lower_ == "as"

    def _by_words_only(self, m: Mention) -> bool:
        """A phrase the head pass leaves alone: a quantified one ("every country", "each referendum", "more
        animals": no one thing a description can take up) or a stretch of time ("this week" after "last
        week" is another week)."""
        if m.kind != "nominal":
            return False
        if self._time(m):
            return True
        return any(c.lower_ in self.lex["quantifiers"] and c.dep_ in ("det", "predet", "amod") for c in self.doc[m.head].children)

    def _time(self, m: Mention) -> bool:
        """A description of a stretch of time ("this week", "the first half", "that time"): no other week, and
        no pronoun's antecedent ("In the first week it ran smoothly" is not the week that ran)."""
        return m.kind == "nominal" and (m.lemma in self.lex["time_nouns"] or self.doc[m.head].ent_type_ in ("DATE", "TIME"))

    def pass_role(self) -> None:
        countries = [(k, m) for k, m in enumerate(self.mentions) if m.label == "GPE" and m.kind == "name"]
        storms = [(k, m) for k, m in enumerate(self.mentions) if m.label == "EVENT" and m.kind == "name"]
        products = [(k, m) for k, m in enumerate(self.mentions) if m.label in THINGS and m.kind == "name"]
        for k, m in enumerate(self.mentions):
            if m.kind == "nominal" and m.definite and m.number == "sg" and m.lemma in self.lex["storm_nouns"] and self._first_unnamed(k):
                named = [j for j, c in storms if c.end <= m.start]  # "the storm", "this cyclone" after "Cyclone Phailin": the storm named last
                if named:
                    self.merge(k, named[-1], "role")
                continue
            if m.kind == "nominal" and m.definite and m.number == "sg" and m.lemma in self.lex["product_nouns"] and products and self._described_only(k):
                j = self._one_product_near(k, m, products)
                if j is not None:
                    self.merge(k, j, "role")
                    continue
            if m.kind == "nominal" and m.definite and m.lemma in self.lex["organisation_nouns"] and self._after_bare_repeats(k):
                # "US firm quits Iraq" (a headline) … "the firm": the bare noun before it names no one, so the one organisation near does
                j = self._one_organisation_near(k, m, self._framed(m))
                if j is not None:
                    self.merge(k, j, "role")
                continue
            # the first of a chain of descriptions takes its chain along ("The Prime Minister said … The Prime Minister also …")
            if m.kind != "nominal" or not m.definite or not self._first_unnamed(k) or m.number == "pl" and m.lemma not in ("official", "authority"):
                continue
            if m.lemma in self.lex["country_nouns"]:
                if any(c.dep_ == "prep" and c.lower_ == "of" for c in self.doc[m.head].children):
                    continue  # "the current state of magic", "the island of Crete": a noun with its own "of" is not the country just named
                if any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in self.doc[m.head].children):
                    continue  # "his country", "our nation": the possessor's country, not the one just named (coreference v41)
                # only a country competes: "Porto … Canada. The country …" is Canada (a name that stands for a country is
                # named by its code, "@CA"; a city or a state is not)
                near = {self.chain_of[j] for j, c in countries if c.end <= m.start and self.sent_of[m.head] - c.sent <= NEAR_SENTENCES and c.name.startswith("@")}
                if len(near) == 1:
                    self.merge(k, near.pop(), "role")
                continue
            framed = self._framed(m)  # "“The interior ministry has found …,” the foreign ministry said": another ministry
            families = [family for family in self.lex["role_families"] if m.lemma in family]
            # an age is no word of the role ("the 73-year-old senator"), but another age than the person's bars it
            age = _stated_age(self.doc[m.head])
            own = m.words - {m.lemma} - ({str(age), "year", "old"} if age is not None else set())
            merged, exhausted = False, True
            for j in self._earlier(k):
                e = self.mentions[j]
                if self.sent_of[m.head] - e.sent > 6:
                    exhausted = False
                    break  # out of reach: the one organisation near may still take it, below
                if e.kind not in ("name", "nominal") or e.end > m.start or self.chain_of[j] == self.chain_of[k]:
                    continue
                if framed and any(a <= e.start < b for a, b in framed):
                    continue
                roles = self.chains[self.chain_of[j]].roles
                in_name = e.kind == "name" and e.label == "ORG" and m.lemma in e.words
                kin = any(roles & family for family in families)
                if age is not None and self._ages(self.chain_of[j]) - {age}:
                    continue
                if (m.lemma in roles or in_name or kin) and own <= set().union(*(x.words for x in self.members(j))) | roles:
                    self.merge(k, j, "role")
                    merged = True
                    break
            if not merged:
                # a lone person noun only early in a report (a list of roles further on names others: "the deputy
                # minister, … and the commander of …"); an organisation noun anywhere
                j = self._one_person_near(k, m, framed) if exhausted else None
                if j is None and (framed or self._main_subject(m) and self._speech_subject(m)):
                    j = self._quoting_on(k, m, framed)
                if j is None:
                    j = self._one_organisation_near(k, m, framed)
                if j is None:
                    j = self._described_company(k, m, framed)
                if j is not None:
                    self.merge(k, j, "role")

    def _described_only(self, k: int) -> bool:
        """The chain of mention `k` holds no name, nor a description that names its own ("the Galileo and Ulysses
        spacecraft … the spacecraft": other craft than the one named near)."""
        return not any(self.mentions[j].kind == "name" or any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" for c in self.doc[self.mentions[j].head].children)
                       for j in self.chains[self.chain_of[k]].members)

    def _one_product_near(self, k: int, m: Mention, products: list[tuple[int, Mention]]) -> int | None:
        """A singular description of a kind of product ("the site", "the browser", "the craft") that took no chain
        takes the one product the typing step named in its sentence or the two before ("Glimmr is a wiki … How did
        the site grow?"); not with words of its own ("the JPL Vantara website"), a possessor ("its site") or an "of" of its own ("the site of the crash"), nor as a
        predicate or an apposition, which describe their own subject."""
        head = self.doc[m.head]
        if m.words - {m.lemma} or head.dep_ in ("attr", "appos") or any(c.dep_ in ("poss", "predet") or c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return None  # "the JPL Vantara website", "all the software": another thing than the one named
        near = {self.chain_of[j] for j, e in products if e.end <= m.start and m.sent - e.sent <= NEAR_SENTENCES}
        return self.chains[near.pop()].members[0] if len(near) == 1 else None

    def _one_person_near(self, k: int, m: Mention, framed: list[tuple[int, int]]) -> int | None:
        """A singular person noun given to no one ("the teenager", "the Home Secretary"), alone or with its own
        repeats ("The prime minister … the prime minister", coreference v46), takes the one person named in its
        sentence or the two before whose gender agrees and who was given no other role ("Lena Marsh won … The
        teenager …"); not as a predicate or an apposition, which describe their own subject (coreference v43). A
        person given another role is no rival of the one a sentence before is about when the description is its
        sentence's subject ("Tomas Berg pledged not to attack opposition leader Vera Lund. The prime minister
        said …", coreference v51). A bare age ("The 23-year-old …") is such a noun, but of no role: every person
        named near outside quotations is its rival (coreference v62)."""
        repeats = all(x.kind == "nominal" and x.lemma == m.lemma for x in self.members(k))
        if not self._person_noun(m) or m.number != "sg" or not repeats or self.doc[m.head].dep_ in ("attr", "appos"):
            return None
        if not self._withholds_a_person(m):
            return None
        near = {self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.kind == "name" and e.label == "PERSON"
                and m.sent - e.sent <= NEAR_SENTENCES and not any(a <= e.start < b for a, b in framed)}
        near = {c for c in near if self._agree(k, self.chains[c].members[0])}
        if m.lemma == "old":
            # an age alone is no role: any person named near outside quotations is a rival, roles or not ("Ola Berg
            # got the post … Ivo Lunde's spell ended … is Berg the right man? The 56-year-old starts …"; "“I have
            # phoned Coach Ivo Lunde …” The 26-year-old is up against …" is the one who phoned)
            near = {c for c in near if any(x.kind == "name" and x.quote is None for x in (self.mentions[j] for j in self.chains[c].members)
                                           if x.start < m.start)}
            if len(near) != 1:
                return None
            c = near.pop()
            return self.chains[c].members[0] if self._named_in_full(c) else None
        # a person given another role is no rival of one a sentence before is about ("Tony Blair has pledged never to
        # attack Tory leader Michael Howard … The prime minister told …" is Mr Blair)
        free = {c for c in near if not self._other_role(c, m)}
        if len(free) == 1 and len(near) > 1 and self._main_subject(m) and self._subject_among(m, free) is not None:
            near = free
        if len(near) != 1:
            return None
        c = near.pop()
        return self.chains[c].members[0] if self._may_hold_role(c, m) else None

    def _quoting_on(self, k: int, m: Mention, framed: list[tuple[int, int]]) -> int | None:
        """A person noun that speaks the quotation of its sentence ("“…,” said the retired goalkeeper") carries on
        the person the sentence just before is about (the subject of its main verb, or its possessor: "Tomas Berg
        also criticised the show. “…,” the comedian said"), anywhere in a report: when that person agrees with it, may
        hold its role, and no other person is named outside the quotation between them, nor in that sentence but
        in what its speech verb reports (coreference v53). The pass asks it too of a person noun that is the subject of
        its sentence's main verb, one of saying, with no quotation ("Tomas Berg says the race is close. The senator
        said …", coreference v66)."""
        if not self._person_noun(m) or m.number != "sg" or m.sent == 0 or not self._withholds_a_person(m):
            return None
        if any(x.kind != "nominal" or x.lemma != m.lemma for x in self.members(k)):
            return None
        before = self.sents[m.sent - 1]
        quote = self._sentence_quotation(m.sent - 1)
        if quote is not None:
            return self._quoting_on_after_quote(k, m, quote)
        between = [e for e in self.mentions[:k] if e.kind == "name" and e.label == "PERSON" and e.start >= before.end_char
                   and not any(a <= e.start < b for a, b in framed)]
        if between:
            return None
        persons = {self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.label == "PERSON" and e.kind == "name"}
        c = self._subject_among(m, persons, back=1)
        if c is None or not self._agree(k, self.chains[c].members[0]) or not self._may_hold_role(c, m, carried=True):
            return None
        # another person named in that sentence is a rival ("Tomas Berg vowed to go on, despite a call from Lena Voss"),
        # unless its speech verb reports what that person did ("Lena Voss has failed, Tomas Berg has said")
        root = before.root
        reported = {t.i for r in root.children if r.dep_ == "ccomp" for t in r.subtree} if lemma_of(root) in cues()["speech"] else set()
        if any(e.label == "PERSON" and e.kind == "name" and e.sent == m.sent - 1 and e.quote is None and self.chain_of[j] != c
               and e.head not in reported for j, e in enumerate(self.mentions[:k])):
            return None
        return self.chains[c].members[0]

    def _quoting_on_after_quote(self, k: int, m: Mention, quote: int) -> int | None:
        """A person noun that speaks the quotation of its sentence right after a sentence wholly quoted ("“…,” Tomas
        Berg said. “… .” “…,” the comedian added") carries on the speaker of that quotation, when it agrees with it, may
        hold its role, and no person is named outside quotations between them (`quote`: where the quotation of the
        sentence before starts)."""
        j = self._speakers().get(quote)
        if j is None:
            return None
        c = self.chain_of[j]
        if any(e.kind == "name" and e.label == "PERSON" and e.quote is None and self.chain_of[i] != c and self.mentions[j].end <= e.start
               for i, e in enumerate(self.mentions[:k])):
            return None
        # a role it was given is no bar when it is this one ("Comedian Tomas Berg … the comedian")
        roles = self.chains[c].roles & self.lex["person_nouns"]
        if not self._agree(k, self.chains[c].members[0]) or (roles - {m.lemma} or not roles) and not self._may_hold_role(c, m):
            return None
        return self.chains[c].members[0]

    def _withholds_a_person(self, m: Mention) -> bool:
        """A person description that may stand for a person named near: not a person's ("Lena's mother", "his
        aide", "the minister's spokesman"; a place's or an organisation's may be, "Scotland's first minister",
        "its chief executive"), not one of several named
        together ("both the chancellor and …"), not an institution a people's adjective names ("the Scottish
        Executive"), and not a role the speaker of its clause speaks of ("Ms Marsh said she opposed the home
        secretary's bill": someone else; coreference v46)."""
        head = self.doc[m.head]
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        if possessor is not None and (possessor.tag_ == "PRP$" and possessor.lower_ != "its" or possessor.ent_type_ == "PERSON"
                                      or possessor.lemma_.lower() in self.lex["person_nouns"]):
            return False
        if any(c.dep_ in ("conj", "preconj") for c in head.children) or head.dep_ == "conj":
            return False
        if head.text[:1].isupper() and any(c.ent_type_ in ("NORP", "GPE") and c.dep_ in ("amod", "compound") for c in head.children):
            return False
        speech = cues()["speech"]
        for verb in head.ancestors:
            if verb.pos_ in ("VERB", "AUX") and lemma_of(verb) in speech and any(c.dep_ == "nsubj" and c.i != head.i and c.ent_type_ == "PERSON" for c in verb.children):
                return False
        return True

    def _may_hold_role(self, c: int, m: Mention, carried: bool = False) -> bool:
        """The person of chain `c` may be the description `m`: named in full somewhere (a lone name the model took
        for a person, "Labour", is too weak a match), given no other role by apposition or title ("Olena
        Hrytsenko, an analyst … The commander …"; "Liberal leader X" is not "the Conservative leader"), and described by no other person noun ("The prime minister
        … the home secretary" are two people; coreference v46). For a description that carries on the one a sentence
        before is about (`carried`), a role it was given is no bar when it is this one ("Senator Lena Voss … The Porto
        senator said"), nor is one held beside an office or a trade (`held_beside`: "presidential candidate Lena Voss …
        The senator said"; coreference v66)."""
        return not self._other_role(c, m, carried) and self._named_in_full(c)

    def _named_in_full(self, c: int) -> bool:
        """The person of chain `c` is named in full somewhere (a lone name the model took for a person, "Labour", is
        too weak a match for a description)."""
        return any(x.kind == "name" and len(self.text[x.start : x.end].split()) > 1 for x in (self.mentions[j] for j in self.chains[c].members))

    def _other_role(self, c: int, m: Mention, carried: bool = False) -> bool:
        """The person of chain `c` was given a role by apposition or title (its own role, of other words, took no
        link in the role pass: "Liberal leader X" is not "the Conservative leader"), or is described by a person
        noun other than the description `m`'s ("The prime minister … the home secretary" are two people); for one
        `carried` on (`_may_hold_role`), less its own role and the roles held beside another."""
        chain = self.chains[c]
        beside = self.lex["held_beside"] if carried else frozenset()
        if chain.roles & self.lex["person_nouns"] - beside - ({m.lemma} if carried else set()):
            return True
        return any(x.kind == "nominal" and x.lemma in self.lex["person_nouns"] and x.lemma not in beside and x.lemma != m.lemma
                   for x in (self.mentions[j] for j in chain.members))

    def _one_organisation_near(self, k: int, m: Mention, framed: list[tuple[int, int]]) -> int | None:
        """A singular organisation noun that took no earlier chain by its words ("the group", "the company")
        takes the one organisation named in its sentence or the two before ("Harbourline cut its timetable. The
        company said …"); not with a possessor ("its office") or a word the organisation's mentions lack ("the
        recruiting agency"), as a predicate or an apposition, nor a name in the quotation its speech verb frames,
        nor an organisation named only by a common noun ("the Russian army"). Of several organisations near, a
        subject takes the one a sentence before is about (`_subject_among`, coreference v51)."""
        head = self.doc[m.head]
        # "the company" … "The company", and the relative pronoun a comma sets after it ("The company, which …")
        repeats = all(x.kind == "nominal" and x.lemma == m.lemma or x.kind == "relative" for x in self.members(k))
        if m.lemma not in self.lex["organisation_nouns"] or m.number != "sg" or not repeats or head.dep_ in ("attr", "appos"):
            return None
        if any(c.dep_ == "poss" for c in head.children):
            return None  # "its office", "the firm's board": the possessor's, not the organisation named
        near = {self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.kind == "name" and e.label == "ORG"
                and m.sent - e.sent <= NEAR_SENTENCES and not any(a <= e.start < b for a, b in framed)}
        near = {c for c in near if self._agree(k, self.chains[c].members[0]) and self.labels(self.chains[c].members[0]) == {"ORG"}}
        top = self._leading_organisation(k) if len(near) != 1 else None
        if len(near) > 1 and top is None and not self._main_subject(m):
            about = self._clause_subject_among(m, near)
            if about is not None:
                near = {about}  # "The Herald was sued after the newspaper claimed …": the subject of the sentence it sits in
        elif len(near) > 1 and top is None:
            about = self._subject_among(m, near)
            here = {self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.sent == m.sent and self.chain_of[j] in near}
            if about is not None and here <= {about}:
                # "Siemens showed a handset. The German company said …": the one the sentence before is about, unless
                # its own sentence names another ("With United in trouble, the carrier …")
                near = {about}
        if len(near) != 1:
            if top is None or near and top not in near or not (self._agree(k, self.chains[top].members[0]) and self.labels(self.chains[top].members[0]) == {"ORG"}):
                return None
            near = {top}  # "Lufthansa … told the BBC. … The company said": the organisation the report is about
        chain = self.chains[near.pop()]
        records = [self.all_records[x.named] for x in (self.mentions[j] for j in chain.members) if x.named is not None]
        if not records or all(r.data.get("rule") == "institution" for r in records):
            return None  # "the Russian army": a common noun of its own, no name another noun may stand for
        # its other words are the organisation's ("the recruiting agency" is another one); a relative clause set off by a
        # comma describes it and restricts nothing ("The company, which runs …, said")
        c = self.chain_of[chain.members[0]]
        return chain.members[0] if self._restrictive_words(m, c) - {m.lemma} <= set().union(*(self.mentions[j].words for j in chain.members)) else None

    def _described_company(self, k: int, m: Mention, framed: list[tuple[int, int]]) -> int | None:
        """A business report's description of the company it is about, by its place and trade ("Kestrel Corp. cut its
        dividend. The Leeds, Ala., maker of gaskets said …", "The Boston thrift holding company said", "The computer
        maker said"): a singular "the" description headed by a noun of `business_nouns`, with no possessor, the first
        of its chain, takes the named organisation its sentence continues from, whatever its other words. As its
        sentence's subject, that is the organisation a sentence before is about, when its own sentence names no
        other before it; as the subject of a clause inside its sentence, the sentence's own subject ("Harlow rose 3
        after the jewelry retailer said …"). Never across a verb of saying whose subject speaks of another ("Kestrel
        said it dropped its bid because the Ohio carrier …"), nor as a predicate, an apposition or an object, which
        may well be another company (coreference v61)."""
        head = self.doc[m.head]
        if m.lemma not in self.lex["business_nouns"] or m.number != "sg" or m.quote is not None or not self._the(m):
            return None
        if head.dep_ not in ("nsubj", "nsubjpass") or any(x.kind != "nominal" or x.lemma != m.lemma for x in self.members(k) if x.kind != "relative"):
            return None
        # named within the head pass's reach: the sentences it continues from may take it up by a description
        # ("GOODY Corp. cut … . The Leeds maker said … . The company reported …")
        orgs = {self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.kind == "name" and e.label == "ORG"
                and m.sent - e.sent <= HEAD_SENTENCES and not any(a <= e.start < b for a, b in framed)}
        orgs = {c for c in orgs if self._agree(k, self.chains[c].members[0]) and self.labels(self.chains[c].members[0]) == {"ORG"}}
        if not orgs:
            return None
        if self._main_subject(m):
            about = self._subject_among(m, orgs)
            here = {self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.sent == m.sent and self.chain_of[j] in orgs}
            if about is None or not here <= {about}:
                return None
        else:
            about = self._clause_subject_among(m, orgs)
            if about is None:
                return None
        chain = self.chains[about]
        if all(self.all_records[x.named].data.get("rule") == "institution" for x in (self.mentions[j] for j in chain.members) if x.named is not None):
            return None  # "the Russian army": a common noun of its own, no company's name
        # a country it names must be the company's by its other mentions ("The Norwegian group" after "Oslo-based
        # Fjordline"); a city or a state need not be ("The Leeds, Ala., maker": a business report's way to describe it)
        countries = {code for c in self.doc[m.head].lefts if c.dep_ in ("amod", "compound", "nmod")
                     and (code := _nation_of(self._said(c))) is not None}
        return chain.members[0] if countries <= self._countries_of(about) else None

    def _restrictive_words(self, m: Mention, chain: int | None = None) -> frozenset[str]:
        """The words of a description without a relative clause that a comma sets off ("the company, which
        runs three mills, …" restricts nothing: "company") and without a country the organisation of `chain` is
        from by its other mentions ("Oslo-based Fjordline … the Norwegian group": one country, so the same one)."""
        head = self.doc[m.head]
        rights = list(head.rights)
        aside = {t.i for n, c in enumerate(rights) if c.dep_ == "relcl" and n > 0 and rights[n - 1].text == "," for t in c.subtree}
        if chain is not None:
            known = self._countries_of(chain)
            aside |= {t.i for c in head.lefts if c.dep_ in ("amod", "compound") and _country_of(self._said(c)) in known for t in c.subtree}
        if not aside:
            return m.words
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return self._words([t.i for t in span if t.i not in aside]) if span is not None else m.words

    def _said(self, tok: Any) -> str:
        """The words of a modifier with its own ("Madrid-based" is three tokens)."""
        return self.doc[tok.left_edge.i : tok.right_edge.i + 1].text

    def _countries_of(self, chain: int) -> set[str]:
        """The countries an organisation is from by the modifiers of its mentions ("Oslo-based Fjordline")."""
        return {code for j in self.chains[chain].members for c in self.doc[self.mentions[j].head].children
                if c.dep_ in ("amod", "compound", "poss") and (code := _country_of(self._said(c))) is not None}

    def _main_subject(self, m: Mention) -> bool:
        """The mention is the subject of its sentence's main verb, where a report keeps to what the sentence before
        it was about ("Siemens showed a handset. The German company said …"; not "the firm's board", "a spokesman
        said the party would …")."""
        head = self.doc[m.head]
        return head.dep_ in ("nsubj", "nsubjpass") and head.head.i == self.sents[m.sent].root.i

    def _clause_subject_among(self, m: Mention, chains: set[int]) -> int | None:
        """For the subject of a clause inside a sentence ("… after the newspaper claimed"), the one of `chains` that
        is the subject of the main verb of its sentence before it, or that subject's possessor; not through a verb of
        saying, whose subject speaks of another ("Kestrel said the company …")."""
        head = self.doc[m.head]
        root = self.sents[m.sent].root
        if head.dep_ not in ("nsubj", "nsubjpass") or lemma_of(root) in cues()["speech"]:
            return None
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i), None)
        if subject is None:
            return None
        found = self._chains_of_subject(subject, chains)
        return found.pop() if len(found) == 1 else None

    def _chains_of_subject(self, subject: Any, chains: set[int]) -> set[int]:
        """Those of `chains` whose name or description is the `subject` token or its possessor ("Delta's fares")."""
        return {self.chain_of[j] for tok in (subject, *(c for c in subject.children if c.dep_ == "poss"))
                if (j := self._name_or_description_at(tok.i)) is not None and self.chain_of[j] in chains}

    def _name_or_description_at(self, i: int) -> int | None:
        """The name or description the token `i` heads, if any (indexed once, when first asked)."""
        if self._by_head is None:
            self._by_head = {x.head: j for j, x in enumerate(self.mentions) if x.kind in ("name", "nominal")}
        return self._by_head.get(i)

    def _subject_among(self, m: Mention, chains: set[int], back: int = NEAR_SENTENCES) -> int | None:
        """Of the `chains` named near a description, the one a sentence before it is about: the subject of that
        sentence's main verb, or the subject's possessor ("Microsoft's operating system is often attacked. The
        company …"), the nearest sentence first, within `back` sentences; None when no such subject is one of them."""
        for s in range(m.sent - 1, max(-1, m.sent - back - 1), -1):
            root = self.sents[s].root
            # a sentence a source is given for is that source's ("According to the Herald, Kestrel will …")
            subject = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "according"
                            for t in c.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj"), None)
            subject = subject or next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                continue
            found = self._chains_of_subject(subject, chains)
            if found:
                # "Delta's new fares were tried …": the firm or what it owns, so neither
                return found.pop() if len(found) == 1 else None
        return None

    def _leading_organisation(self, k: int) -> int | None:
        """The chain of the organisation a report is about, by the names before mention `k`: named at least
        `LEADING_NAMES` times and at least twice as often as any other organisation; None otherwise."""
        counts = Counter(self.chain_of[j] for j, e in enumerate(self.mentions[:k]) if e.kind == "name" and e.label == "ORG")
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < LEADING_NAMES or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        return ranked[0][0]

    def _after_bare_repeats(self, k: int) -> bool:
        """The first definite mention of a chain that holds no name, after the headline's mentions of its noun with no
        article ("US firm quits Iraq", then "the firm"): a headline's bare noun names nothing another rule could take."""
        first_line = self.breaks[0] if self.breaks else -1
        if first_line < 0 or self.text[:first_line].rstrip().endswith("."):
            return False  # the first line is a sentence of the report, no headline
        members = self.chains[self.chain_of[k]].members
        before = [self.mentions[j] for j in members if j < k]
        m = self.mentions[k]
        return bool(before) and all(x.kind == "nominal" and x.end <= first_line and x.lemma == m.lemma and not any(
            c.dep_ in ("det", "poss") for c in self.doc[x.head].children) for x in before) and all(self.mentions[j].kind != "name" for j in members)

    def _first_unnamed(self, k: int) -> bool:
        """The first mention of a chain that holds no name."""
        members = self.chains[self.chain_of[k]].members
        return members[0] == k and all(self.mentions[j].kind != "name" for j in members)

    def pass_lead(self) -> None:
        """A news lead that withholds the name: "A prominent lawmaker has told parliament …" in the first
        sentences, then "Bimala Rai Paudyal, a senior lawmaker …" within the next two. The indefinite
        description, a subject, joins the one person named there whose chain carries its role noun."""
        people = self.lex["person_nouns"]
        # mentions are in text order: the first five sentences hold every candidate and every name it may take
        lead = list(itertools.takewhile(lambda km: km[1].sent <= 4, enumerate(self.mentions)))
        for k, m in lead:
            if m.sent > 2 or m.kind != "nominal" or m.definite or not m.subject or m.number != "sg" or m.lemma not in people:
                continue
            if len(self.members(k)) > 1:
                continue
            named = {
                self.chain_of[j]
                for j, e in lead
                if e.kind == "name" and e.label == "PERSON" and m.sent < e.sent <= m.sent + 2 and m.lemma in self.chains[self.chain_of[j]].roles
            }
            if len(named) == 1:
                self.merge(k, named.pop(), "lead")
        self._withheld_role(lead)

    def _withheld_role(self, lead: list[tuple[int, Mention]]) -> None:
        """A lead that names a person by role before naming them: "the region's first minister has informed …"
        (or "…, the first minister told the assembly.") then "Jo Bloggs …" in the next two sentences. The
        definite description, a subject of one of the first three sentences (or the possessor of one) whose
        chain holds no name, joins the one person named there who carries its role noun (by title or
        apposition, with its other words: "the foreign secretary" is not "Home Secretary Charles Clarke"), else
        the one named there whom the headline names too, the only person the headline names, and who was given
        no other role; not once the report has named someone before it (coreference v46). A headline with no
        person the model tagged names the one person there whose surname is one of its words ("Fairweather denies
        … claim", coreference v55). Never by the headline's position alone: "Ferry boss aide quits" names the boss."""
        people = self.lex["person_nouns"]
        first_line = self.breaks[0] if self.breaks else -1
        if self.text[:first_line].rstrip().endswith("."):
            first_line = -1  # the first line is a sentence of the report, no headline
        headline = {(e.name or self.text[e.start : e.end]).split()[-1] for j, e in lead if e.kind == "name" and e.label == "PERSON" and e.end <= first_line}
        for k, m in lead:
            if m.sent > 2 or m.kind != "nominal" or not m.definite or m.number != "sg" or m.lemma not in people or not self._first_unnamed(k):
                continue
            head = self.doc[m.head]
            subject = head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass")
            if not subject or m.start < first_line or not self._withholds_a_person(m):
                continue
            if any(e.kind == "name" and e.label == "PERSON" and first_line < e.start < m.start for _, e in lead):
                continue  # the report has named someone already: "Tony Blair faces … . Meanwhile, the chancellor …"
            later = {self.chain_of[j] for j, e in lead if e.kind == "name" and e.label == "PERSON" and m.sent < e.sent <= m.sent + 2
                     and self._agree(k, j)}
            if not headline and first_line > 0:
                # a surname the model did not tag in the headline ("Goldsmith denies war claim"): a word of the headline
                # that is the surname of one person named in the lead
                words = set(re.findall(r"[A-Z][\w'-]+", self.text[:first_line]))
                headline = {(x.name or self.text[x.start : x.end]).split()[-1] for c in later for x in self.members(self.chains[c].members[0])
                            if x.kind == "name" and (x.name or self.text[x.start : x.end]).split()[-1] in words}
            # its title's other words as well: "the foreign secretary" is not "Home Secretary Charles Clarke"
            titled = {c for c in later if m.lemma in self.chains[c].roles
                      and m.words - {m.lemma} <= set().union(*(x.words for x in self.members(self.chains[c].members[0])))}
            plain = {c for c in later if len(headline) == 1 and not self.chains[c].roles & people and any(
                (x.name or self.text[x.start : x.end]).split()[-1] in headline for x in self.members(self.chains[c].members[0]) if x.kind == "name")}
            found = {c for c in titled or plain if self._may_hold_role(c, m) or c in titled}
            if len(found) == 1:
                self.merge(k, self.chains[found.pop()].members[0], "lead")

    def pass_pronoun(self) -> None:
        self.in_sentence: dict[int, list[int]] = {}
        for k, m in enumerate(self.mentions):
            self.in_sentence.setdefault(m.sent, []).append(k)
        first: dict[tuple[str, Any], int] = {}  # (number, quotation or paragraph) -> first first-person pronoun
        questions: set[int] | None = None  # read only when an unquoted first or second person needs them
        for k, m in enumerate(self.mentions):
            if m.kind != "pronoun" and not (m.kind == "nominal" and m.person == 1):
                continue
            if m.person in (1, 2):
                # an interview's "you" (unquoted) is the one who answers "I"
                key = ("sg" if m.person == 2 and m.quote is None else m.number if m.person == 1 else "you", m.quote)  # one quotation's speaker; outside quotations, the writer's own voice
                asks = False
                if m.quote is None and (m.person == 2 or m.number == "sg"):
                    if questions is None:
                        questions = self._questions()
                    asks = m.para in questions
                if asks:
                    # an interview's question: its "you" is the one who answers, its "I" the one who asks
                    key = ("sg" if m.person == 2 else "asking", None)
                elif m.quote is None and m.person == 2:
                    key = ("asking", None)  # in an answer, "you" is the one who asked (or anyone), not the one answering
                if key in first:
                    self.merge(k, first[key], "speaker")
                else:
                    first[key] = k
                continue
            if m.person != 3 or self._pleonastic(m):
                continue
            j = self._pronoun_antecedent(k, m)
            if j is not None:
                self.merge(k, j, "pronoun")
        voice, person = first.get(("sg", None)), self._interviewee()
        if voice is not None and person is not None:
            self.merge(voice, person, "interviewee")
        speakers = self._speakers() if any(quote is not None and number in ("sg", "pl") for number, quote in first) else {}
        for (number, quote), k in first.items():  # a quotation's "I" is the one it is attributed to
            j = speakers.get(quote) if number in ("sg", "pl") else None
            if j is None:
                continue
            if number == "sg" and self.animate(j) is not False and {x.number for x in self.members(j)} <= {"sg", "-"}:
                self.merge(k, j, "quoted")
            elif number == "pl" and self.mentions[k].kind == "pronoun":
                body = self._speaks_for(j)
                if body is not None:
                    self.merge(k, body, "quoted")
        self._speakers_team()

    def _speakers_team(self) -> None:
        """A bare "the team" (or another noun of `collective_nouns`) inside a quotation, of no name, is the one
        organisation or country its speaker is named with, as the quotation's "we" is, when the speaker is its coach
        or manager (`side_voices`: "Panama's coach Ivan Ruiz said: “The team was nervous at the start”"): the
        speaker's own side. A player is not enough: he may speak of his country's side, named with his club."""
        bare = [k for k, m in enumerate(self.mentions) if m.kind == "nominal" and m.quote is not None and m.number == "sg"
                and m.lemma in self.lex["collective_nouns"] and m.words == {m.lemma} and self._the(m)
                and all(x.named is None for x in self.members(k))]
        if not bare:
            return
        speakers = self._speaker_of_quote()
        for k in bare:
            j = speakers.get(self.mentions[k].quote)
            voice = j is not None and bool(({x.lemma for x in self.members(j)} | self.chains[self.chain_of[j]].roles) & self.lex["side_voices"])
            body = self._speaks_for(j) if voice else None
            if body is not None:
                self.merge(k, body, "quoted")

    def _the(self, m: Mention) -> bool:
        """The description opens with "the" and has no possessor ("the team", not "their team" or "a team")."""
        return any(c.dep_ == "det" and c.lower_ == "the" for c in self.doc[m.head].children) and not any(c.dep_ == "poss" for c in self.doc[m.head].children)

    def _speaks_for(self, j: int) -> int | None:
        """The one organisation or country a quotation's speaker is named with ("Morocco's coach Hakim Saadi",
        "Ana Ruiz, the Trade Ministry spokesperson", "Hakim Saadi, the Morocco coach"): the "we" of that quotation."""
        m = self.mentions[j]
        if self.animate(j) is not True:
            return None
        bodies = {self.chain_of[i] for i, e in enumerate(self.mentions) if e.kind == "name" and e.label in ("ORG", "GPE")
                  and m.start <= e.start and e.end <= m.end and (e.start, e.end) != (m.start, m.end)}
        return next(iter(bodies)) if len(bodies) == 1 else None

    def _questions(self) -> set[int]:
        """The paragraphs that are an interview's questions: short (at most QUESTION_SENTENCES sentences) and ending
        with a question mark. An answer may end with a question of its own, but it is longer."""
        bounds = [0, *self.breaks, len(self.text)]
        asking = [p for p in range(len(bounds) - 1) if self.text[bounds[p] : bounds[p + 1]].rstrip().endswith("?")]
        if not asking:
            return set()
        # the sentences of each paragraph, counted once the text has a paragraph that asks (a sentence of
        # blank tokens alone is not counted)
        short: Counter[int] = Counter(bisect.bisect_right(self.breaks, s.start_char) for s in self.sents if s.text.strip())
        return {p for p in asking if short[p] <= QUESTION_SENTENCES}

    def _speaker_of_quote(self) -> dict[int, int]:
        """`_speakers`, read once, at the first pronoun that asks (a speaker is found by its chain: the chains as
        they stand then); the quotations' "I" is matched later by a fresh reading."""
        if self._speaker_map is None:
            self._speaker_map = self._speakers()
        return self._speaker_map

    def _speakers(self) -> dict[int, int]:
        """Start of each quotation -> the mention it is attributed to; a quotation with no speech verb of its own
        carries on the one before it in its paragraph or the paragraph before ("“…,” Allton said. “I …”")."""
        heads = {m.head: k for k, m in enumerate(self.mentions) if m.kind != "relative"}
        out: dict[int, int] = {}
        last: tuple[int, int] | None = None  # (paragraph it closes in, speaker) of the quotation before
        for start, end in self.quotes:
            para = bisect.bisect_right(self.breaks, start)
            j = self._speaker(start, end, heads)
            # from the paragraph before only a quotation that opens its paragraph ("“…\n“I …”"), not one a
            # paragraph of another speaker leads into ("Carl Berg welcomed it with a promise: “I will …”")
            opens = para == 0 or not self.text[self.breaks[para - 1] : start].strip()
            if j is None and last is not None and (para == last[0] or opens and para == last[0] + 1):
                j = last[1]
            if j is not None:
                out[start] = j
                last = (bisect.bisect_right(self.breaks, end - 1), j)
        return out

    def _speaker(self, quote: int, end: int, heads: dict[int, int]) -> int | None:
        """The mention a quotation is attributed to: the subject of a speech verb outside the quotation, in the
        sentence the quotation starts or ends in, or the one after it ("“…,” said Harry Kane", "She said: “…”")."""
        speech = cues()["speech"]
        span = self.doc.char_span(quote, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        sents = {self.sent_of[span[0].i], self.sent_of[span[-1].i]}
        if span[-1].i + 1 < len(self.doc):
            sents.add(self.sent_of[span[-1].i + 1])
        found = set()
        for si in sorted(sents):
            for tok in self.sents[si]:
                if quote <= tok.idx < end or tok.pos_ != "VERB" or lemma_of(tok) not in speech:
                    continue
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                if not subjects and tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG":
                    # "…, writing on her blog “I …”", "… while pledging: “I …”": the participle's subject is its clause's
                    subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
                for subj in subjects:
                    if not quote <= subj.idx < end and subj.i in heads:
                        found.add(heads[subj.i])
        chains = {self.chain_of[j] for j in found}
        return min(found) if len(chains) == 1 else None

    def _interviewee(self) -> int | None:
        """The one person a headline names as interviewed ("The Herald interviews Lena Marsh", "Interview
        with museum founder Rosa Duarte", "Tomas Berg tells the Herald …"): the answering "I" of the text."""
        headline_end = self.text.find("\n")
        if headline_end < 0:
            return None
        if not INTERVIEW.search(self.text, 0, headline_end):
            return self._introduced()
        people = {m.name: k for k, m in enumerate(self.mentions) if m.kind == "name" and m.label == "PERSON" and m.end <= headline_end}
        if not people:
            # the model missed the headline's person ("The Herald interviews Lena Marsh on …"): the headline's
            # name whose head word is the surname of the one person the text names by it
            surnames = {self.doc[m.head].text: k for k, m in enumerate(self.mentions) if m.kind == "name" and m.label == "PERSON" and m.start > headline_end}
            heads = {self.doc[m.head].text for m in self.mentions if m.kind == "name" and not m.label and m.end <= headline_end}
            people = {h: surnames[h] for h in heads if h in surnames}
        if not people:
            return self._introduced()
        return next(iter(people.values())) if len(people) == 1 else None

    def _introduced(self) -> int | None:
        """The one person the lines before an interview's first question say it was held with ("The station spoke
        with Maria Ortega, head of …", "… interviewed her in May"): the object of "interview", or of "with" or
        "to" after "speak" or "talk", a person's chain."""
        questions = self._questions()
        if not questions:
            return None
        first = min(questions)
        end = self.breaks[first - 1] if first > 0 else 0
        heads = {m.head: k for k, m in enumerate(self.mentions) if m.start < end}
        found = set()
        for tok in self.doc.char_span(0, end, alignment_mode="contract") or ():
            if tok.pos_ != "VERB" or tok.lemma_ not in ("interview", "speak", "talk"):
                continue
            objects = [c for c in tok.children if c.dep_ == "dobj"] if tok.lemma_ == "interview" else [
                g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to") for g in c.children if g.dep_ == "pobj"]
            found |= {self.chain_of[heads[o.i]] for o in objects if o.i in heads and self._one_person(heads[o.i])}
        if len(found) != 1:
            return None
        chain = found.pop()
        return next(j for j in self.chains[chain].members)

    def _one_person(self, k: int) -> bool:
        return self.animate(k) is True and {x.number for x in self.members(k)} <= {"sg", "-"}

    def _pleonastic(self, m: Mention) -> bool:
        tok = self.doc[m.head]
        if m.lemma != "it":
            return False
        if tok.dep_ == "expl":
            return True
        verb = tok.head
        clause = ("ccomp", "xcomp", "csubj")
        lemma = "be" if verb.lower_ in CURLY_BE else verb.lemma_  # the lemmatiser reads "it’s" as "’"
        if any(c.dep_ in clause for c in verb.children) and lemma in ("be", "seem", "appear", "take", "make"):
            return True
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return False
        # the clause hangs on the adjective it is said to be: "it's hard to tell", "it is important that we …"
        if any(c.dep_ == "acomp" and c.pos_ == "ADJ" and any(_extraposed(g) for g in c.children) for c in verb.children):
            return True
        # a to-infinitive the parse hangs on the verb as an adverbial clause: "it cannot be fair to expect …" (the
        # verb "be" with an adjective), "it took a long time for the town to accept it", "making it easier for them to
        # stay" (the adjective heads the clause)
        if (lemma == "be" and any(c.dep_ == "acomp" for c in verb.children) or lemma == "take" or verb.pos_ == "ADJ") and any(
                c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children):
            return True
        # a participle the parse reads as the verb, with a "that" clause: "it was damning that the office had not acted"
        # (not a verb of saying: "it was warning that …" is the one who warns)
        if verb.tag_ in ("VBG", "VBN") and lemma_of(verb) not in cues()["speech"] and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children) and any(
                c.dep_ == "ccomp" and any(a.dep_ == "mark" and a.lower_ == "that" for a in c.children) for c in verb.children):
            return True
        # a passive that reports a clause: "it is asserted that …", "it was decided that …"
        return tok.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" and _extraposed(c) for c in verb.children)

    def _framed(self, m: Mention) -> list[tuple[int, int]]:
        """The quotations of its sentence that a speaker's speech verb frames (none unless `m` is the subject of a
        speech verb, outside them)."""
        verb = self.doc[m.head].head
        if self.doc[m.head].dep_ != "nsubj" or verb.pos_ != "VERB" or lemma_of(verb) not in cues()["speech"] or m.quote is not None:
            return []
        sent = self.sents[self.sent_of[m.head]]
        return [(a, b) for a, b in self.quotes if a < sent.end_char and b > sent.start_char and not a <= m.start < b]

    def _quoted_others(self, m: Mention) -> set[int]:
        """Chains named in the quotation a pronoun's speech verb frames: "He said, “Andy Warhol was the
        center of the Zeitgeist …”" — a speaker does not name himself in the third person, so he is not Warhol."""
        framed = self._framed(m)
        if not framed:
            return set()
        return {self.chain_of[j] for j, e in enumerate(self.mentions)
                if e.kind == "name" and e.label == "PERSON" and any(a <= e.start < b for a, b in framed)}

    def _quoting(self, m: Mention) -> set[int]:
        """The chain of the one a quotation is attributed to, for a third-person pronoun inside it: "“He was
        faster tonight,” Ivo Marsh said" — a speaker speaks of himself as "I", so "he" is someone else. Not a
        frame's subject after a comma ("… shortages, it said."): a closing mark left out, not quoted words."""
        tok = self.doc[m.head]
        if m.quote is None:
            return set()
        if tok.i > 0 and self.doc[tok.i - 1].text == "," and tok.head.i == tok.i + 1 and lemma_of(tok.head) in cues()["speech"]:
            return set()
        j = self._speaker_of_quote().get(m.quote)
        return set() if j is None else {self.chain_of[j]}

    def _reported_others(self, m: Mention) -> set[int]:
        """Persons named in the clause a pronoun's speech verb reports, outside quotation marks: "Mr Marsh has
        failed, he claimed", "he said Mr Marsh had failed" — the speaker is not the one he speaks of by name."""
        tok = self.doc[m.head]
        verb = tok.head
        if tok.dep_ != "nsubj" or verb.pos_ != "VERB" or lemma_of(verb) not in cues()["speech"] or m.quote is not None:
            return set()
        framed = tok.i > 0 and self.doc[tok.i - 1].text == ","  # "…, he claimed": the frame after the clause it reports
        content = [c for c in verb.children if c.dep_ == "ccomp" and (c.i > verb.i or framed)]
        if verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i and framed:
            content.append(verb.head)  # the clause before the frame is what he claims
        if not content:
            return set()
        frame = {t.i for t in verb.subtree}
        held: set[int] = set()
        for c in content:
            held |= {t.i for t in c.subtree} - (frame if c.i == verb.head.i else set())
        return {self.chain_of[j] for j, e in enumerate(self.mentions)
                if e.kind == "name" and e.label == "PERSON" and e.head in held and e.quote is None}

    def _pronoun_antecedent(self, k: int, m: Mention) -> int | None:
        sent = self.sent_of[m.head]
        back = SENTENCES_BACK[3] if m.gender in ("m", "f") else 1
        others = self._quoted_others(m) | self._reported_others(m) | self._quoting(m) | self._commanded_names(m)
        fits_here = (lambda p, j: self.chain_of[j] not in others and self._pronoun_fits(p, j)) if others else self._pronoun_fits
        if m.quote is None and m.gender in ("m", "f"):
            fits_plain = fits_here
            fits_here = lambda p, j: fits_plain(p, j) and not self._quoted_only(p, j, k, fits_plain)  # noqa: E731
        found = self._own_subject(k, m, fits_here)
        if found is None:
            found = self._speakers_principal(k, m, fits_here)
        if found is None:
            found = self._speaker_of_its_clause(k, m, fits_here)
        if found is None:
            found = self._relative_owner(k, m, fits_here)
        if found is None and m.lemma == "they":
            found = self._institution_speaking(k, m, fits_here)
        if found is None:
            found = self._governing_subject(k, m, fits_here)
        if found is None:
            found = self._nearest(k, m, back, fits_here)
        if found is None and m.lemma == "they":  # "their" and "them" never took an organisation rightly on GUM's tuned part
            found = self._nearest(k, m, 3, lambda p, j: self.chain_of[j] not in others and self._institution_they_near(k, p, j))
        if found is not None:
            return found
        if m.gender in ("m", "f") and m.subject:
            # further back, only when one person alone fits, for a subject ("… Thomas Sam … . … . … ," he replied): a
            # possessive or an object so far from a name was as often another's, one the rules could not fit (a gender
            # or a type misread)
            floor = max(0, sent - PERSON_SENTENCES)
            fits = {self.chain_of[j] for j in range(k) if floor <= self.mentions[j].sent < sent - back
                    and self.mentions[j].kind != "relative" and self.mentions[j].person == 3 and fits_here(m, j)}
            if len(fits) == 1:
                chain = fits.pop()
                last = max(j for j in range(k) if self.chain_of[j] == chain)
                # not past another person named since ("… Tomas Berg … . Lena Voss said … . … he said"), nor an organisation
                # named since as a subject (a person the model took for one is as likely meant); one named in what its speech
                # verb reports is no rival ("Mr Marsh has failed, he claimed": `_reported_others`)
                known = {chain} | self._reported_others(m)
                if not any(e.kind == "name" and (e.label == "PERSON" or e.label == "ORG" and e.subject) and self.chain_of[i] not in known
                           for i, e in enumerate(self.mentions[last + 1 : k], last + 1)):
                    return last
        return None

    def _own_subject(self, k: int, m: Mention, fits: Any) -> int | None:
        """A possessive takes the name that is the subject of its own clause, before the sentence's other
        subjects: "will the broadcaster Rai give its best commentators …", "Team Norway had to rebuild their
        robot" (the subject of an infinitive with none of its own is the verb's object, else its subject)."""
        tok = self.doc[m.head]
        if tok.tag_ != "PRP$":
            return None
        verb = next((v for v in tok.ancestors if v.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ == "xcomp":
            above = list(verb.head.children)
            subj = next((c for c in above if c.dep_ == "dobj"), None) or next((c for c in above if c.dep_ in ("nsubj", "nsubjpass")), None)
        j = next((j for j in range(k) if subj is not None and self.mentions[j].head == subj.i), None)
        if j is None or self.mentions[j].kind != "name" or self.chain_of[j] == self.chain_of[k]:
            return None
        if m.quote is None and self.mentions[j].quote is not None:
            return None
        return j if fits(m, j) else None

    def _speaker_of_its_clause(self, k: int, m: Mention, fits: Any) -> int | None:
        """A subject pronoun of the clause a speech verb reports takes that verb's subject first, when it
        fits: the speaker speaks of itself ("Seoul admitting that it had sent ships", "the ministry
        said it would act"), before the other subjects of a long sentence ("The agreement …, which preceded
        Seoul admitting that it …"). "They" takes an organisation or a country that is the subject of any verb
        its clause hangs on, when no plural comes before it in its sentence ("Harwell Holdings knows that they
        have the cash"), as British reports write of a firm."""
        verb, subj = self._reporting(m)
        if verb is None:
            return None
        speech = lemma_of(verb) in cues()["speech"]
        if not speech and m.lemma != "they":
            return None
        j = next((j for j in range(k) if subj is not None and self.mentions[j].head == subj.i), None)
        if j is not None and self.mentions[j].kind == "relative":
            # "the girl's uncles, who have argued they …": the noun the relative pronoun stands for speaks
            j = next((i for i in self.chains[self.chain_of[j]].members if self.mentions[i].kind != "relative" and i < j), None)
        if j is None or self.chain_of[j] == self.chain_of[k]:
            return None
        if m.lemma == "they" and self._institution_they(m, j) and fits(m, j) is False and not any(
                self.mentions[x].number == "pl" for x in self.in_sentence.get(m.sent, ()) if x < k and self.mentions[x].person == 3):
            return j  # "Lionsgate admits that they …", "Vodafone said they would …": the organisation speaks of itself
        return j if speech and fits(m, j) else None

    def _institution_speaking(self, k: int, m: Mention, fits: Any) -> int | None:
        """"They" as the subject of a speech verb takes the organisation or country its own sentence names last before
        it, when nothing plural there fits, before a plural of an earlier sentence: "… a threat to Russia, and they
        responded by …", "… the deal with Harwell Holdings, and they said …": an institution speaks as "they". Not a
        place named after a preposition of place ("in Dublin"), and not inside a quotation, where a speaker's "they"
        was as often the people about him ("“… when I got to the clinic in Dublin they said …”", "Argentina's
        president said: “… they called our plan madness”": the creditors, as "we" is Argentina)."""
        tok = self.doc[m.head]
        if m.quote is not None or tok.dep_ != "nsubj" or lemma_of(tok.head) not in cues()["speech"]:
            return None
        cands = [j for j in self.in_sentence.get(m.sent, ()) if self.mentions[j].end <= m.start and self.mentions[j].kind != "relative"
                 and self.mentions[j].person == 3 and self.chain_of[j] != self.chain_of[k] and self.mentions[j].quote is None]
        if any(fits(m, j) for j in cands):
            return None  # a plural of its own sentence: the nearest pass takes it
        for j in sorted(cands, key=lambda j: -self.mentions[j].start):
            head = self.doc[self.mentions[j].head]
            if head.dep_ in NOT_ANTECEDENTS or not self._institution_they(m, j):
                continue
            if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE:
                continue  # "when I got to the clinic in Dublin they said": a place where, not a body that speaks
            return j
        return None

    @staticmethod
    def _modifier_only(head: Any) -> bool:
        """A name that only modifies the noun after it ("the Norstad Agency ruling", "the girl's Bergen uncles"): it says what
        kind the noun's thing is, and is no body that speaks (coreference v65)."""
        return head.dep_ == "compound" and head.head.pos_ == "NOUN"

    def _quoted_only(self, m: Mention, j: int, k: int, fits: Any) -> bool:
        """The chain of `j` is a person named only inside quotations before `k`, one of whose speakers `m` fits: "“…
        thank my wife Ana,” Rosa Lind said. … she added" — the speaker, not one named in her words."""
        inside = [x.quote for x in self.members(j) if x.start < m.start]
        if not inside or None in inside or not any(x.kind == "name" for x in self.members(j)):
            return False
        speakers = {self._speaker_of_quote().get(q) for q in inside} - {None}
        return any(self.chain_of[s] != self.chain_of[j] and self.chain_of[s] != self.chain_of[k] and fits(m, s) for s in speakers)

    def _relative_owner(self, k: int, m: Mention, fits: Any) -> int | None:
        """"He" or "she" inside a clause below a relative clause of a person takes the one the relative stands
        for: "Ada Pike, who said she would stay", "the keeper, whose contract ran out before he signed again"
        (not an argument of the relative clause's own verb: "the man who hired him")."""
        if m.gender not in ("m", "f"):
            return None
        tok = self.doc[m.head]
        below = tok.head  # the relative clause must lie above the pronoun's own verb
        for verb in below.ancestors if below.i != tok.i else ():
            if verb.dep_ != "relcl":
                continue
            relative = any(c.lower_ in ("who", "whom") or any(g.lower_ == "whose" for g in c.children) for c in verb.children)
            if not relative:
                continue  # "the contract he signed": no person's relative clause
            if verb.i == tok.head.i:
                return None
            noun = verb.head.head if verb.head.dep_ == "appos" else verb.head
            j = next((j for j in range(k) if self.mentions[j].head == noun.i and self.mentions[j].kind in ("name", "nominal")), None)
            return j if j is not None and self.chain_of[j] != self.chain_of[k] and fits(m, j) else None
        return None

    def _reporting(self, m: Mention) -> tuple[Any, Any]:
        """(the verb whose clause `m` is the subject of, that verb's own subject or None), or (None, None) when `m` is
        no subject of a clause a verb reports ("the ministry said it would act": "said", "the ministry")."""
        tok = self.doc[m.head]
        clause = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
            return None, None
        return clause.head, next((c for c in clause.head.children if c.dep_ == "nsubj"), None)

    def _speakers_principal(self, k: int, m: Mention, fits: Any) -> int | None:
        """"He" or "she", the subject of the clause a speech verb reports whose speaker is named as someone's ("Ada
        Pike's lawyer, Tomas Berg, said she was in a clinic", "her agent said she would rest"), takes that someone,
        the possessor of the speaker's noun, when it fits: first, for one who speaks for another (a lawyer, an
        agent, an aide: not one of `own_voice_nouns`, "Pike's sister said she …" is the sister), and for any
        speaker that does not fit ("Pike's husband said she …")."""
        if m.gender not in ("m", "f"):
            return None
        verb, subj = self._reporting(m)
        if verb is None or subj is None or lemma_of(verb) not in cues()["speech"]:
            return None
        # the possessor of the speaker's noun, or of the role its name is written with ("Pike's lawyer Tomas Berg")
        nouns = [n for n in (subj, *(c for c in subj.children if c.dep_ in ("compound", "appos")))
                 if n.pos_ == "NOUN" and n.lemma_.lower() in self.lex["person_nouns"]]
        role, owner = next(((n, p) for n in nouns for p in n.children if p.dep_ == "poss"), (None, None))
        if owner is None:
            return None
        j, speaker = self._headed_before(k, owner.i), self._headed_before(k, subj.i)
        if j is None or self.chain_of[j] == self.chain_of[k] or not fits(m, j):
            return None
        if role.lemma_.lower() in cues()["own_voice_nouns"] and speaker is not None and fits(m, speaker):
            return None  # "Pike's sister said she …": the sister speaks of herself (`_speaker_of_its_clause`)
        return j

    def _headed_before(self, k: int, i: int) -> int | None:
        """The last mention before `k` that token `i` heads (relative pronouns aside), or None."""
        if self._heads is None:
            self._heads = {}
            for j, x in enumerate(self.mentions):
                if x.kind != "relative":
                    self._heads.setdefault(x.head, []).append(j)
        return next((j for j in reversed(self._heads.get(i, ())) if j < k), None)

    def _commanded_names(self, m: Mention) -> set[int]:
        """Persons named after "he" or "she" inside the clause it is the subject of, its verb's other words and
        their conjuncts: "… unless he returned and worked with Lind", "she told Ada Pike's sister" — a pronoun is
        never one named in the clause it governs (binding's principle C)."""
        tok = self.doc[m.head]
        if m.gender not in ("m", "f") or tok.dep_ not in ("nsubj", "nsubjpass"):
            return set()
        own = {t.i for t in tok.subtree}
        # a relative clause is said aside ("He flew out to see Lind, who had told Ivo Marsh he would help"): not governed
        aside = {t.i for t in tok.head.subtree if t.dep_ == "relcl" for t in t.subtree}
        governed = {t.i for t in tok.head.subtree if t.i > tok.i and t.i not in own and t.i not in aside}
        # a possessor is left alone: a misread clause may hang one the pronoun does not govern ("By business he means
        # …, and locking … is Ivo Marsh's mission")
        return {self.chain_of[j] for j, e in enumerate(self.mentions)
                if e.kind == "name" and e.label == "PERSON" and e.head in governed and self.doc[e.head].dep_ != "poss"}

    def _governing_subject(self, k: int, m: Mention, fits: Any) -> int | None:
        """"He" or "she", the subject of an adverbial clause ("after she left", "unless he returned"), takes the
        subject of the verb that clause hangs on, named before it, when it fits; of a passive whose subject does not
        fit, its agent ("The keys were returned by Ivo Marsh shortly after he left"); not when a person the verb acts on
        fits as well ("Berg signed him when he was in Oslo")."""
        if m.gender not in ("m", "f"):
            return None
        tok = self.doc[m.head]
        clause = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "advcl":
            return None
        verb = clause.head
        while not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head  # "Lena Voss came back and left after she …": the subject the conjuncts share
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        objects = [j for c in verb.children if c.dep_ in ("dobj", "dative") and (j := self._headed_before(k, c.i)) is not None]
        if any(self.chain_of[j] != self.chain_of[k] and fits(m, j) for j in objects):
            return None  # "Berg signed him when he was in Oslo": the one it was done to may be meant as well
        for subj in subjects:
            j = self._headed_before(k, subj.i)
            if j is None or self.chain_of[j] == self.chain_of[k]:
                continue
            if fits(m, j):
                return j
        return None

    def _nearest(self, k: int, m: Mention, back: int, fits: Any) -> int | None:
        """The most salient earlier mention that `fits` the pronoun, in its sentence or up to `back` before."""
        sent = self.sent_of[m.head]
        pronoun = self.doc[m.head]
        if m.quote is None and m.gender in ("m", "f"):
            # "Ann Rye said: “… . … . …” She added …": the quoted sentences are the speaker's, and do not put her out of reach
            reach, counted, s = [], 0, sent
            while s >= 0 and counted <= back:
                reach.append(s)
                counted += self._sentence_quotation(s) is None
                s -= 1
        else:
            reach = list(range(sent, max(-1, sent - back - 1), -1))
        # "“… .” “… .” he added": a speaker outside quotations is first sought among the mentions outside them
        rounds = (True, False) if m.quote is None and m.gender in ("m", "f") and self._speech_subject(m) else (None,)
        for s, narrated in ((s, narrated) for narrated in rounds for s in reach):
            cands = [j for j in self.in_sentence.get(s, ()) if self.mentions[j].end <= m.start
                     and (narrated is None or self._narrated(self.mentions[j]) == narrated)]
            # subjects first, then left to right (Lee et al.'s breadth-first order, roughly)
            cands.sort(key=lambda j: (not self.mentions[j].subject, self.mentions[j].start))
            for j in cands:
                e = self.mentions[j]
                if e.kind == "relative" or e.person != 3 or self.chain_of[j] == self.chain_of[k]:
                    continue
                if self.doc[e.head].dep_ in NOT_ANTECEDENTS and not self._named_conjunct(m, e):
                    continue  # "X is the head of the port authority. It …": a predicate or one conjunct is no pronoun's antecedent
                if self._time(e):
                    continue  # "By that time we had clinched it": a stretch of time is no pronoun's antecedent
                if self._bare_adverbial(e):
                    continue  # "In addition, Russia … whom it offers": a set phrase's bare noun names nothing
                if m.subject and self._specified(e):
                    continue  # "the question is why NATO should exist … why it should": the question's content, not the question
                if m.quote is None and e.quote is not None and s == sent:
                    continue  # "“… provocation deserves punishment,” it added": the quoted words are not its antecedents
                if pronoun.lower_ == "it" and not m.subject and self._institution(j):
                    continue  # "Kestrel withdrew the drug but may sell it again": an "it" that is no subject is more often a thing than a named organisation or place
                if s == sent and self.doc[e.head].head.i == pronoun.head.i and pronoun.tag_ != "PRP$" and not m.lemma.endswith("self"):
                    continue  # arguments of one verb are not one entity ("he praised him")
                if fits(m, j):
                    return self._gendered_rival(k, m, j, cands, fits)
        return None

    def _speech_subject(self, m: Mention) -> bool:
        """The mention is the subject of a verb of saying ("he added", "she told reporters")."""
        tok = self.doc[m.head]
        return tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and lemma_of(tok.head) in cues()["speech"]

    def _narrated(self, e: Mention) -> bool:
        """The mention's head lies outside quotations (a phrase the parse runs on from a quotation into its frame,
        "“It’s over,” councillor Ada Pike", is the frame's)."""
        return self._quotation_at(self.doc[e.head].idx) is None

    def _gendered_rival(self, k: int, m: Mention, j: int, cands: list[int], fits: Any) -> int:
        """For "she", of the candidates `cands` of one sentence, the first that fits (`j`) unless nothing tells its
        gender and a later subject or possessor that fits is told to be a woman (by a title, a first name, a noun or
        an earlier "she"), who is named on her own somewhere (`_stands_alone`): "Prosecutor Kim Vale spoke … where Ada
        Pike's lawyer said she was … “I hear she is gone”" is Ada Pike, where nothing tells Kim Vale's gender. A "he"
        keeps the first: in news a person whose gender nothing tells is more often a man."""
        if m.gender != "f" or self._gender_told(j):
            return j
        for i in cands[cands.index(j) + 1 :]:
            e = self.mentions[i]
            if e.kind != "relative" and e.person == 3 and (e.subject or self.doc[e.head].dep_ == "poss") \
                    and self.chain_of[i] not in (self.chain_of[k], self.chain_of[j]) \
                    and m.gender in self._gender_told(i) and self._stands_alone(i) and fits(m, i):
                return i
        return j

    def _stands_alone(self, j: int) -> bool:
        """The chain of `j` names its person somewhere on its own, not only inside a longer name: "Betty Ford" of
        "the Betty Ford Center" and of a headline's "Betty Ford Clinic" is a clinic's name."""
        return any(x.kind == "name" and (x.start, x.end) not in self.inner and not re.match(r"\s?[A-Z]", self.text[x.end : x.end + 2])
                   for x in self.members(j))

    def _gender_told(self, j: int) -> set[str]:
        """The genders the chain of `j` is told to have: by a title, a first name, a gendered noun or pronoun, or
        else the gender its first name suggests."""
        chain = self.members(j)
        return ({x.gender for x in chain} - {"-"}) or ({x.guess for x in chain} - {"-"})

    def _sentence_quotation(self, s: int) -> int | None:
        """Where the one quotation that sentence `s` lies inside starts, or None when it lies in none."""
        sent = self.sents[s]
        text = self.text[sent.start_char : sent.end_char]
        quote = self._quotation_at(sent.start_char + len(text) - len(text.lstrip()))
        return quote[0] if quote is not None and sent.end_char - (len(text) - len(text.rstrip())) <= quote[1] else None

    def _quotation_at(self, at: int) -> tuple[int, int] | None:
        """The quotation (start, end) that the character at `at` lies inside, or None."""
        k = bisect.bisect_right(self.quotes, (at, len(self.text))) - 1
        return self.quotes[k] if k >= 0 and self.quotes[k][0] <= at < self.quotes[k][1] else None

    def _bare_adverbial(self, e: Mention) -> bool:
        """The lone noun of a set phrase, which no pronoun takes up: a connective that opens its sentence or
        stands between commas ("In addition, Russia … it", "…, in fact, …"), or a phrase of the lexicon's
        ("at stake", "in exchange"). A bare noun elsewhere may be a referent ("touched by poetry. It …")."""
        head = self.doc[e.head]
        if e.kind != "nominal" or head.tag_ != "NN" or head.dep_ != "pobj" or any(True for _ in head.children):
            return False
        prep = head.head
        if prep.i != head.i - 1:
            return False
        if (prep.lower_, head.lower_) in self.lex["set_phrases"]:
            return True
        before = self.doc[prep.i - 1] if prep.i > 0 else None
        after = self.doc[head.i + 1] if head.i + 1 < len(self.doc) else None
        opens = before is None or before.is_sent_end or prep.is_sent_start or before.text in (",", ";", "—", "–")
        return opens and after is not None and after.text == ","

    def _specified(self, e: Mention) -> bool:
        """A description by a noun of content (`content_nouns`) that a clause gives as the subject of "be" ("the
        question is why …", "the theory was that …", "The problem is that …"): it stands for that content, which no
        pronoun takes up by the noun; a pronoun near it is of a thing the clause names ("… why should the pact survive? …
        why it should …"), for a pronoun that is a subject (an object there was as often an abstraction: "… that the
        union seeks integration, and we oppose it"). Not a pseudo-cleft's subject ("combat is what has changed"),
        which is no such noun."""
        head = self.doc[e.head]
        verb = head.head
        if e.kind != "nominal" or e.lemma not in self.lex["content_nouns"] or head.dep_ != "nsubj" or verb.lemma_ != "be":
            return False
        if any(c.dep_ in ("attr", "acomp") for c in verb.children):
            return False
        # the clause opens with "that", "whether" or a wh-word ("why", "what", "how"): not a misparse of a predicate noun
        return any(c.dep_ == "ccomp" and c.i > verb.i and any(g.i < c.i and (g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") or g.tag_ in ("WRB", "WP", "WDT"))
                                                                for g in c.children) for c in verb.children)

    def _named_conjunct(self, m: Mention, e: Mention) -> bool:
        """A person named as a later conjunct may be "he" or "she" ("Lena Marsh and Tomas Berg said … He …"): a
        gendered pronoun names one of the people named together, which the earlier conjuncts, taken first, may not fit."""
        return m.gender in ("m", "f") and e.kind == "name" and e.label == "PERSON" and self.doc[e.head].dep_ == "conj"

    def _institution_they(self, m: Mention, j: int) -> bool:
        """"They" for an organisation or a country named as a subject, when no plural fits
        ("the Church of Scientology … They claimed", "Russia … they responded"); not a name that only modifies the
        noun after it ("since the Norstad Agency ruling came out, they …", "the girl's Bergen uncles")."""
        e = self.mentions[j]
        return (e.kind == "name" and bool(self.labels(j) & {"ORG", "GPE"}) and not self.labels(j) & {"PERSON", "NORP"}
                and not self._modifier_only(self.doc[e.head]))

    def _institution(self, j: int) -> bool:
        """The chain of `j` is a named organisation or place (and no person)."""
        return any(x.kind == "name" for x in self.members(j)) and bool(self.labels(j) & {"ORG", "GPE", "LOC", "FAC"}) and "PERSON" not in self.labels(j)

    def _institution_they_near(self, k: int, m: Mention, j: int) -> bool:
        """"They" for an organisation or a country of a sentence near (`_institution_they`), when no plural fits: not a
        place named after a preposition of place ("in Dublin", "from Leeds": where, not who), not one of several named together, nor
        one named before a coordination of names ("Ada Pike and Norway had no luck until they …": the two of them), and
        for a "they" inside a quotation only one named inside a quotation as well, and outside only one outside (a
        speaker's "they" is as often the people about him: "“… when they ask”, said Lena Voss of Kestrel"); a "they"
        outside quotations does not reach into the quoted words of its sentence or those before."""
        if not self._institution_they(m, j):
            return False
        e = self.mentions[j]
        head = self.doc[e.head]
        if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE and head.head.lower_ != "at" and "ORG" not in self.labels(j):
            return False  # "at" names where one works as often ("his time at Second City … they")
        if (m.quote is None) != (e.quote is None) or e.sent != m.sent and not e.subject:
            return False  # a sentence before names it as its subject ("Ireland are a fine side. They …"), not in passing
        return not any(x.kind in ("name", "nominal") and self.doc[x.head].dep_ == "conj" and x.start < m.start for x in self.mentions[j:k])

    def _collective(self, j: int) -> bool:
        """A group of people named by a singular noun ("the team", "the Syrian refugee team", "Team Norway"; the
        nouns of `collective_nouns`), which "they", "their" and "them" may stand for, as plurals do: unless its
        chain has a gender or was taken up by "it"."""
        e = self.mentions[j]
        if e.number != "sg" or not (e.lemma in self.lex["collective_nouns"] or e.kind == "name" and e.words & self.lex["collective_nouns"]):
            return False
        return not any(x.gender != "-" or x.kind == "pronoun" and x.number == "sg" for x in self.members(j))

    def _pronoun_fits(self, m: Mention, j: int) -> bool:
        chain = self.members(j)
        numbers = {x.number for x in chain} - {"-"}
        if "pl" in numbers and any(x.label == "PERSON" and x.kind == "name" for x in chain):
            # "David Lund, operations and safety editor": the parse's plural apposition does not make a person many
            numbers = {x.number for x in chain if x.rule != "apposition"} - {"-"}
        if m.gender == "n" and numbers == {"sg", "pl"} and self._institution_they(m, j):
            # "Russia … they … its offensive": a country or an organisation is "they" and "it" by turns
            numbers = {x.number for x in chain if x.kind != "pronoun"} - {"-"}
        genders = {x.gender for x in chain} - {"-"}
        animate = self.animate(j)
        if m.gender in ("m", "f"):  # the gender its chain is told, else its first name suggests
            return animate is True and numbers <= {"sg"} and self._gender_told(j) <= {m.gender}
        if m.gender == "n":
            return animate is False and numbers <= {"sg"} and not genders - {"n"}
        # they: a plural chain (of either gender: "the girls … they"), a group named by its demonym, "someone", or
        # a chain already taken by "they"
        if numbers == {"pl"}:
            return True
        if self._collective(j):
            return True  # "the team … they", "Team Norway … their": a group of people
        if self.mentions[j].lemma in self.lex["someone"] and not numbers or any(x.kind == "pronoun" and x.number == "pl" and x.person == 3 for x in chain):
            return not genders - {"-"}
        return self.labels(j) == {"NORP"} and not genders - {"-"}

    def _agree(self, k: int, j: int) -> bool:
        """Two chains may merge unless their types, numbers or genders differ."""
        a, b = self.labels(k), self.labels(j)
        if a and b and not a & b:
            return False
        for attr in ("number", "gender"):
            one = {getattr(x, attr) for x in self.members(k)} - {"-"}
            two = {getattr(x, attr) for x in self.members(j)} - {"-"}
            if one and two and not one & two:
                return False
        return True

    # -- output ---------------------------------------------------------------
    def output(self, named_only: bool) -> list[tuple[Mention, int, int | None]]:
        """(mention, chain number, named mention seq the chain stands for) of every chain of two or more
        (with `named_only`, of those that stand for a named mention)."""
        out = []
        number = 0
        for chain in self.chains:
            if len(chain.members) < 2 or named_only and all(self.mentions[j].named is None for j in chain.members):
                continue
            ms = [self.mentions[j] for j in chain.members]
            named = [x for x in ms if x.named is not None]
            entity = None
            if named:
                counts = Counter(x.label for x in named)
                label = min(counts, key=lambda lab: (-counts[lab], NAME_PREFERENCE.get(lab, 9)))
                best = max((x for x in named if x.label == label), key=lambda x: (x.end - x.start, -x.start))
                entity = best.named
            for x in ms:
                out.append((x, number, entity))
            number += 1
        out.sort(key=lambda t: (t[0].start, t[0].end))
        return out


def _quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of paired quotation marks, in text order. A straight mark's side is read from its neighbours
    where they tell it (an opening one follows a space and comes before a word, a closing one the reverse), so a
    stray closing mark ("… your poems kept me going.\" at a line's end, its opening one a single quote) opens no
    quotation that runs over the paragraphs after it; an opening mark while a quotation from an earlier line is
    open ends that one at the end of its line, as a quotation that runs over paragraphs reopens each of them,
    and so does one that reopens after a stop on its line (paragraphs run together: "… the Act. "Now …"). Two
    apostrophes are one straight mark, as some papers' archives write it ("''We will stay,'' he said"; coreference v66)."""
    out, opened = [], None
    for m in QUOTES.finditer(text):
        ch, at = m.group(), m.start()
        side = {"“": "open", "”": "close"}.get(ch) or _side(text, at, m.end())
        if side == "open" or side == "either" and opened is None:
            if opened is not None and ch in ('"', "''"):
                line_end = text.find("\n", opened)
                if 0 <= line_end < at:
                    out.append((opened, line_end))
                elif reopens(text, at):  # "… the Act. "Now …": run-together paragraphs of one quotation
                    out.append((opened, len(text[:at].rstrip())))
                else:
                    out.append((opened, m.end()))  # two opening marks on one line: the second closes, as before
                    opened = None
                    continue
            opened = at
        elif opened is not None:
            out.append((opened, m.end()))
            opened = None
    return out


SINGLE_QUOTES = re.compile(r"[‘’']")


def _with_single(text: str, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The double quotations and, outside them, the quotations in single marks ("the letter read, 'Frank, I will
    …'"), each on one line: an opening mark ("‘" or "'") after a space or a bracket and before a letter, a closing
    one ("’" or "'") after a letter or a stop and before a space or a stop, with a space between them, so an
    apostrophe inside a word ("Warhol's", "don’t") opens or closes none."""
    out = list(double)
    opened = None
    for m in SINGLE_QUOTES.finditer(text):
        at = m.start()
        k = bisect.bisect_right(double, (at, len(text))) - 1
        if k >= 0 and double[k][0] <= at < double[k][1]:
            continue  # a quotation inside a quotation is its speaker's words
        if opened is not None and "\n" in text[opened:at]:
            opened = None
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if m.group() != "’" and (before.isspace() or before in "([") and after.isalpha():
            opened = at
        elif opened is not None and m.group() != "‘" and (before.isalpha() or before in ".,!?") and (after.isspace() or after in ".,;:!?)"):
            if " " in text[opened:at]:
                out.append((opened, m.end()))
            opened = None
    return sorted(out)


def _side(text: str, at: int, end: int | None = None) -> str:
    """Which side of a quotation a straight mark at `at` (ending at `end`: two apostrophes are one mark) stands on:
    "open", "close", or "either"."""
    end = at + 1 if end is None else end
    before = text[at - 1] if at else " "
    after = text[end] if end < len(text) else " "
    if (before.isspace() or before in "([") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)"):
        return "close"
    return "either"


BRACKETS = {")": "(", "]": "["}
SCORE_DASHES = ("–", "-", "—")


def _stated_age(tok: Any) -> int | None:
    """The age a noun phrase's head gives its person: "34-year-old" before it or as the phrase itself ("the
    34-year-old"; "19 year old" without hyphens), a bare number in apposition ("Tomas Berg, 34,"), or "aged 22"."""
    olds = [tok] if tok.lower_ == "old" else [c for c in tok.children if c.dep_ == "amod" and c.lower_ == "old"]
    for old in olds:
        for year in (c for c in old.children if c.lower_ in ("year", "years") and c.dep_ == "npadvmod"):
            number = next((c for c in year.children if c.dep_ == "nummod" and c.like_num), None)
            if number is not None and number.text.isdigit() and 0 < int(number.text) < 120:
                return int(number.text)
    if tok.tag_ == "CD" and tok.dep_ == "appos" and tok.text.isdigit() and 0 < int(tok.text) < 120 and not any(tok.children):
        return int(tok.text)
    for aged in (c for c in tok.children if c.dep_ in ("amod", "acl") and c.lower_ == "aged"):
        number = next((c for c in aged.children if c.like_num and c.text.isdigit()), None)
        if number is not None and 0 < int(number.text) < 120:
            return int(number.text)
    return None


def _extraposed(tok: Any) -> bool:
    """A clause that an expletive "it" stands in for: a to-infinitive or a "that" / "whether" clause."""
    return tok.dep_ in ("xcomp", "ccomp", "csubj") and any(
        c.dep_ in ("aux", "mark") and c.lower_ in ("to", "that", "whether") for c in tok.children)


DETERMINER = re.compile(r"^(?:the|this|that|these|those)\s+", re.IGNORECASE)


def _dotted_country(name: str) -> str | None:
    """The country of initials whose last full stop the text left off ("the U.S embassy", "U.K officials")."""
    return places.country_code(name + ".") if DOTTED.match(name) else None


def _country_of(word: str) -> str | None:
    """The country a modifier names: a country ("US", "Spain's"), its people ("Spanish") or a city a firm is
    based in ("Madrid-based")."""
    word = word.removesuffix("'s").removesuffix("’s")
    if word.lower().endswith("-based"):
        word = word[: -len("-based")]
    if not word[:1].isupper():
        return None
    return places.country_code(word) or places.demonym_country(word) or places.city_named(word, 100_000)


def _nation_of(words: str) -> str | None:
    """The country a modifier names as a country or its people ("Norwegian", "U.S.", "Spain's"), not a city."""
    words = words.removesuffix("'s").removesuffix("’s")
    if not words[:1].isupper():
        return None
    return places.country_code(words) or places.demonym_country(words)


def _clause_of_relative(verb: Any) -> Any:
    """The verb of the relative clause `verb` heads or is a later conjunct of, or a conjunct of a verb that clause's
    verb governs ("…, who are trying to keep her … and who have argued …", as the parse hangs the second clause on
    "keep": the second "who" is the first's noun too), or None (coreference v65)."""
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.dep_ == "relcl" else None


def _strip_det(s: str) -> str:
    return DETERMINER.sub("", s.strip())


def _shorter_form(short: str, full: str, label: str) -> bool:
    """"Yusov" of "Andriy Yusov", "IMF" of "International Monetary Fund"."""
    short, full = _strip_det(short), _strip_det(full)
    if short == full or len(short) >= len(full):
        return False
    words, full_words = short.split(), full.split()
    if label == "PERSON" or not label:
        return len(words) == 1 and words[0] == full_words[-1] and words[0][:1].isupper() and len(full_words) > 1
    if short.isupper() and len(short) >= 2:
        initials = "".join(w[0] for w in full_words if w[:1].isupper())
        return short.replace(".", "") == initials
    n = len(words)
    if label == "ORG" and 2 <= n < len(full_words) and all(w[:1].isupper() for w in words):
        # "the Ada Holm Foundation" of "the Ada Holm Foundation for the Coastal Arts": the name before its "for" or "of"
        if full_words[:n] == words and full_words[n] in ("for", "of"):
            return True
        # "the Home Office" of "the United Kingdom Home Office": the name after the country it opens with
        return full_words[-n:] == words and places.country_code(" ".join(full_words[:-n])) is not None
    return False


@dataclass(frozen=True)
class Chains:
    """A document's chains, read from its reference records: which named mention a span stands for."""

    references: tuple[Record, ...]

    @classmethod
    def of(cls, records: list[Record]) -> Chains:
        return cls(tuple(records))

    def at(self, start: int, end: int) -> Record | None:
        """The reference whose head lies in [start, end), the shortest first."""
        found = [r for r in self.references if start <= r.data["head"][0] < end and r.start <= start + (end - start)]
        return min(found, key=lambda r: (r.end - r.start, r.start)) if found else None

    def entity(self, start: int, end: int) -> int | None:
        """Seq of the named mention the span's chain stands for, or None."""
        ref = self.at(start, end)
        return ref.data["entity"] if ref is not None else None

    def chain(self, number: int) -> list[Record]:
        return [r for r in self.references if r.data["chain"] == number]


def references(text: str, doc: Any, mentions: list[Record], named_only: bool = True) -> list[Record]:
    """The reference records of one parsed document: of the chains that stand for a named mention
    (all that a later component can ask for), or with `named_only=False` of every chain."""
    sieve = Sieve(text, doc, mentions)
    sieve.run()
    out = []
    for m, number, entity in sieve.output(named_only):
        head = doc[m.head]
        out.append(make_record("reference", text, m.start, m.end, chain=number, entity=entity, form=m.kind,
                               head=[head.idx, head.idx + len(head)], rule=m.rule or None))
    return out


@component("coreference", 66, requires=("mention",), assigns=("reference",))
def COREFERENCE(ctx: Context) -> list[Record]:
    return references(ctx.text, ctx.doc, ctx.of("mention"))
