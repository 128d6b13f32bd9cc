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
   words of a quotation the name is outside of: a quoted title the parse hangs on it, nor an organisation listed after
   a person's name that the parse hangs on it, "Mara Quill, her record label and two senators"), and so is a singular
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
   and a director, I …" … "the director"); a description a third-person pronoun possesses takes only a mention
   with a possessor the pronoun fits, or one with none that is no name ("Tomas Berg's assistant" … "his
   assistant", "the lead" … "their lead"; not "the Harbour Party" … "his party", "Harlow Steel" … "its steel",
   "their work" … "his work"), two chains that each hold a person's name stay apart ("its star, Ada Pike," …
   "its star Lena Voss"), and a description naming a country takes no organisation's name the text says is of
   another ("the US court" after "Norway's Supreme Court"; also in the role pass);
6. role: a definite description naming a role an earlier chain was given by
   apposition, title, predicate or the noun its name is written with ("the rover
   Perseverance"; an age before it is no word of the role, "the 73-year-old senator", but another age than the
   person's bars it) ("the spokesman" after "Andriy Yusov, a
   spokesman for …"), a word of an earlier organisation's name that is a noun of an organisation's kind ("the
   ministry" after "the Ministry of Defence"; not "the world" after "the World Bank"), the one country named just before ("the
   Caribbean nation"; a city or a state named there is no rival, and "his country" is the possessor's), or the storm named last ("the storm", "this cyclone"
   after "Cyclone Phailin"; a storm's name never stands for a person), or the one product the typing step named in
   its sentence or the two before, for a bare description of a product's kind ("the site" after "Glimmr is a
   wiki", "the craft" after "the probe Vantara"; not "the Danish site", "the site of the crash"); a title
   with a determiner and no name ("The President") is such a description, and a
   chain of descriptions is taken up by its first; an organisation noun with no possessor that takes none of
   these ("the company") takes the one organisation named in its sentence or the two before (not a body whose
   name says it is of another kind, "the court" after "the Home Office", "the club" after "the Youth League";
   "the organisation", "the body", "the group", "the company", "the firm" fit any), or of several
   there, when it is its sentence's subject, the one a sentence before is about (the subject of that sentence's
   main verb or its possessor: "Kestrel bought a stake in Harlow. Kestrel reported a loss. The company said …");
   a relative clause set off by commas ("The company, which employs …, said") and a country the organisation is
   from by its other mentions ("Oslo-based Fjordline … The Norwegian group") restrict it no further; so does the
   first definite repeat of a headline's bare noun ("UK firm quits port deal" … "the firm"); a person noun that
   speaks the quotation of its sentence, anywhere in a report, carries on the person the sentence before is about
   ("Tomas Berg criticised the shows. “…,” said the 60-year-old actor"), and after a sentence wholly quoted, that
   quotation's speaker ("“…,” Berg said. “… .” “…,” the comedian added"), and so does a person noun that is the subject
   of its sentence's main verb, one of saying ("Senator Vera Lund says the race is close. The Porto senator said …";
   the role a person was given bars no description of that role, nor an office a general noun covers, "the Cuban
   leader" of a president, "the Danish monarch" of a king (`general_roles`), and one held beside an office or a trade,
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
   is Dan Roe), nor does the "someone" of a quotation ("“I can't have someone burst in,” he wrote. Then he …"), nor a person named
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
   the person many, nor does a plural of its trade that ends a company's name, "Ostra Holdings", the company);
   first-person pronouns of one quotation or
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
bears it ("Waters said"), and so is one it took for an adverb or an adjective after that person's full name
("“…,” says Early"). A proper noun modifying another noun is a mention of
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

The modules, one per family of rules: `detect` reads the mentions; `names` holds the exact, apposition,
relative, name and age passes (1–4); `descriptions` the head and role passes (5–6) and the lead pass, which
joins a lead's indefinite description that withholds a name ("A prominent lawmaker has told …") to the person
named soon after with its role; `pronouns` the pronoun pass (7); `speakers`
who speaks each quotation and whom its first and second persons stand for; `quotations` where the quotations
lie; `sieve` the chains the passes build and give out; `common` what they share (the word lists of
`data/coreference.toml`, a mention, a chain).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...pipeline import Context, Record, component, make_record
from .common import HEAD_SENTENCES, lexicon
from .detect import CAMEL, CAMEL_SHAPE, CAMEL_SHAPES, name_gender
from .sieve import Sieve

__all__ = ["CAMEL", "CAMEL_SHAPE", "CAMEL_SHAPES", "COREFERENCE", "HEAD_SENTENCES", "Chains", "Sieve", "lexicon", "name_gender", "references"]


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


@component("coreference", 69, requires=("mention",), assigns=("reference",))
def COREFERENCE(ctx: Context) -> list[Record]:
    return references(ctx.text, ctx.doc, ctx.of("mention"))
