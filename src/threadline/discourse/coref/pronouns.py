"""The pronoun pass: he, she, it, they and their forms, to the most salient chain that fits of their sentence or the ones before."""

from __future__ import annotations

import re
from typing import Any

from ...extract.attribution_frames import cues, lemma_of
from .common import Mention


CURLY_BE = ("’s", "’re", "’m")
NOT_ANTECEDENTS = ("attr", "conj")  # a predicate describes its subject; a later conjunct is one of the things named together
SENTENCES_BACK = {1: 0, 3: 2}  # how many sentences back a pronoun of that person looks
PERSON_SENTENCES = 6  # further back, "he" or "she" takes the one person who fits, if only one does
LOCATIVE = ("in", "at", "from", "near", "inside", "outside", "around", "across", "throughout", "within")  # a place named after them is where, not who


def _extraposed(tok: Any) -> bool:
    """A clause that an expletive "it" stands in for: a to-infinitive or a "that" / "whether" clause."""
    return tok.dep_ in ("xcomp", "ccomp", "csubj") and any(
        c.dep_ in ("aux", "mark") and c.lower_ in ("to", "that", "whether") for c in tok.children)


class PronounPass:
    """The sieve's pronoun pass (a part of `Sieve`)."""

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
        """Chains named in the quotation a pronoun's speech verb frames: "He said, “Ada Pike was the
        heart of that whole scene …”" — a speaker does not name himself in the third person, so he is not Ada Pike."""
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
        j = self._first_headed(k, subj.i) if subj is not None else None
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
        j = self._first_headed(k, subj.i) if subj is not None else None
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
        return next((j for j in reversed(self._headed(i)) if j < k and self.mentions[j].kind != "relative"), None)

    def _headed(self, i: int) -> list[int]:
        """The mentions token `i` heads, of every kind, in order (an index read once the mentions are all found)."""
        if self._all_heads is None:
            self._all_heads = {}
            for j, x in enumerate(self.mentions):
                self._all_heads.setdefault(x.head, []).append(j)
        return self._all_heads.get(i, [])

    def _first_headed(self, k: int, i: int) -> int | None:
        """The first mention that token `i` heads, if it comes before `k`."""
        headed = self._headed(i)
        return headed[0] if headed and headed[0] < k else None

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
        return {self.chain_of[j] for i in governed for j in self._headed(i)
                if (e := self.mentions[j]).kind == "name" and e.label == "PERSON" and self.doc[e.head].dep_ != "poss"}

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
                if m.quote is None and e.quote is not None and e.lemma in self.lex["someone"]:
                    continue  # "“I can't have someone burst in,” he wrote. Then he …": a quotation's "someone" is no one narrated
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
