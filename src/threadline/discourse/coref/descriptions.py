"""The head, role and lead passes: a definite description and the earlier chain it describes, by its head noun, by a role or a word of a name, by the one person, organisation, country or product named near, or by what a report is about."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

from ...extract.attribution_frames import cues, lemma_of
from ... import places
from .common import HEAD_SENTENCES, THINGS, Mention, _stated_age


NEAR_SENTENCES = 2  # "the country" takes the one country, a lone person noun the one person, named in its sentence or this many before
LEADING_NAMES = 3  # names an organisation needs, twice any other's, to be what a report is about (an organisation noun with no one organisation near takes it)


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


class DescriptionPasses:
    """The sieve's passes for definite descriptions (a part of `Sieve`)."""

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
                    if self._other_possessor(m, e) or self._named_apart(k, j):
                        continue
                    if e.kind == "name" and e.label == "ORG" and self._other_nation(m, self.chain_of[j]):
                        continue  # "the US court" is not "Norway's Supreme Court"
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

    def _other_possessor(self, m: Mention, e: Mention) -> bool:
        """A description a pronoun possesses ("his party", "its steel") is the possessor's: it takes no earlier name of
        its head ("the Harbour Party" … "his party", "Harlow Steel" … "its steel"), nor a mention with a possessor the
        pronoun does not fit ("their work" … "his work"; "Tomas Berg's assistant" … "his assistant" fits). A first- or second-person possessor ("our correspondent") is the speaker's, and
        bars nothing."""
        own = next((c for c in self.doc[m.head].children if c.dep_ == "poss"), None)
        if own is None or own.tag_ != "PRP$" or self.lex["pronouns"].get(own.lower_, ("-", "-", 3))[2] != 3:
            return False  # "our correspondent", "your chancellor": the speaker's own, whom the report names
        head = self.doc[e.head]
        other = next((c for c in head.children if c.dep_ == "poss"), None)
        if other is None:
            # a name ("Harlow Steel" … "its steel"); a description may be the possessor's ("the lead" … "their lead")
            return e.kind == "name" or e.named is not None
        if other.tag_ == "PRP$":
            return other.lower_ != own.lower_
        gender = self.lex["pronouns"].get(own.lower_, ("-", "-", 3))[1]
        j = self._name_or_description_at(other.i)
        if j is None:
            return False
        x = self.mentions[j]
        if gender in ("m", "f"):  # "his" of a person, of a gender that does not differ
            return x.label not in ("PERSON", "") or x.gender not in ("-", gender)
        return gender == "n" and x.label == "PERSON"  # "its" of no person

    def _named_apart(self, k: int, j: int) -> bool:
        """Both chains hold a person's name: names the name pass left apart are two people ("its star, Ada Pike," … "its
        star Lena Voss", "Dan Roe's lawyer, Ivo Marsh," … "Their lawyer, Lena Voss")."""
        return all(any(x.label == "PERSON" for x in self.members(c)) for c in (k, j))

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
        quantified = self._quantified.get(m.head)
        if quantified is None:  # asked again and again of the same heads by the head pass: read once
            quantified = self._quantified[m.head] = any(
                c.lower_ in self.lex["quantifiers"] and c.dep_ in ("det", "predet", "amod") for c in self.doc[m.head].children)
        return quantified

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
            kin_words = frozenset().union(*families)  # a chain's role of one of them is kin
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
                if self._other_possessor(m, e) or e.label == "ORG" and self._other_nation(m, self.chain_of[j]):
                    continue  # "his party" after "the Harbour Party", "the US court" after "Norway's Supreme Court"
                roles = self.chains[self.chain_of[j]].roles
                in_name = e.kind == "name" and e.label == "ORG" and m.lemma in e.words and m.lemma in self.lex["body_nouns"]
                if age is not None and self._ages(self.chain_of[j]) - {age}:
                    continue
                if (m.lemma in roles or in_name or not roles.isdisjoint(kin_words)) and own <= set().union(*(x.words for x in self.members(j))) | roles:
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
        The senator said"; coreference v66), nor an office the description's general noun covers (`general_roles`:
        "President Ivo Marsh … The Cuban leader said"; coreference v68)."""
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
        # "President X said … The Cuban leader said": an office a general noun of `general_roles` covers is no bar
        covered = self.lex["general_roles"].get(m.lemma, frozenset()) if carried else frozenset()
        if chain.roles & self.lex["person_nouns"] - beside - covered - ({m.lemma} if carried else set()):
            return True
        return any(x.kind == "nominal" and x.lemma in self.lex["person_nouns"] and x.lemma not in beside | covered and x.lemma != m.lemma
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
        if m.lemma not in self.lex["any_body"] and any(x.kind == "name" and x.lemma != m.lemma and (x.lemma in self.lex["organisation_nouns"] or x.lemma in self.lex["kind_words"])
                                                       for x in (self.mentions[j] for j in chain.members)):
            return None  # "the court" after "the Home Office", "the panel" after "the University of Tarvik": a body of another kind
        records = [self.all_records[x.named] for x in (self.mentions[j] for j in chain.members) if x.named is not None]
        if not records or all(r.data.get("rule") == "institution" for r in records):
            return None  # "the Russian army": a common noun of its own, no name another noun may stand for
        # its other words are the organisation's ("the recruiting agency" is another one); a relative clause set off by a
        # comma describes it and restricts nothing ("The company, which runs …, said")
        c = self.chain_of[chain.members[0]]
        if self._other_nation(m, c):
            return None  # "the US court" after "Norway's Supreme Court" (a country's code may be a stop word, "us")
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

    def _nations(self, m: Mention) -> set[str]:
        """The countries a description's modifiers name as a country or its people ("the US court", "the Danish firm")."""
        return {code for c in self.doc[m.head].lefts if c.dep_ in ("amod", "compound", "nmod") and (code := _nation_of(self._said(c))) is not None}

    def _other_nation(self, m: Mention, chain: int) -> bool:
        """The description names a country ("the US court", "the Danish firm") and the organisation of `chain` is from
        another by its mentions ("Norway's Supreme Court", "Oslo-based Fjordline"); an organisation whose country the
        text does not tell may be of any."""
        nations = self._nations(m)
        known = self._countries_of(chain) if nations else set()
        return bool(known) and bool(nations - known)

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
