"""Mentions of the sieve: names, pronouns, relative pronouns and noun phrases read off the parse, with their number, gender, words and the name they hold."""

from __future__ import annotations

import bisect
import re
from typing import Any

import numpy as np

from ... import given_names, places
from ...extract import scan
from ...pipeline import Record
from .common import KIND_OF_NAME, THINGS, Chain, Mention, _clause_of_relative, _strip_det, lexicon


NOT_MENTIONS = ("TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
RELATIVES = ("who", "which", "whom", "whose")
CUT_DEPS = ("appos", "cc", "conj", "punct")  # a noun phrase ends before its apposition or conjunct
DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")  # "U.S", "U.K": initials with their last full stop left off
CAMEL = re.compile(r"^[a-z]+[A-Z][A-Za-z]*$")  # a name written with a capital inside a lowercase word: "wikiHow", "eBay", "iPad"
CAMEL_SHAPE = re.compile(r"^x+X[xX]*$|^LONG$")  # the shape of every word CAMEL matches (spaCy shapes a word of 100 characters or more "LONG")
MISREAD_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")  # where a misread noun heads a phrase
CAMEL_SHAPES = scan.Screen("SHAPE", lambda shape: CAMEL_SHAPE.match(shape) is not None)  # each shape tested once per process
LEMMA_LOWER: dict[int, str] = {}  # a lemma's id -> the lemma in lower case (the ids are the strings' hashes, the same in every document)
GIVEN_BEFORE = re.compile(r"(?:^|\s)([A-Z][a-z]+) $")  # a capitalised word and one space at the end of a text
BRACKETS = {")": "(", "]": "["}
SCORE_DASHES = ("–", "-", "—")


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


def _dotted_country(name: str) -> str | None:
    """The country of initials whose last full stop the text left off ("the U.S embassy", "U.K officials")."""
    return places.country_code(name + ".") if DOTTED.match(name) else None


class Detection:
    """The sieve's mention detection (a part of `Sieve`)."""

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
        surnames = self._surnames()
        for tok in (self.doc[i] for i in self._openers(pronoun_ids | relative_ids | someone_ids | set(surnames), nouns, inner, numeric)):
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
            elif self._misread_noun(tok) or low in surnames and self._misread_surname(tok, surnames[low]):
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
            if len(LEMMA_LOWER) > scan.Screen.LIMIT:  # a long watch meets ever new words: start again rather than grow
                LEMMA_LOWER.clear()
        skip, lemmas = self._word_columns
        lower, strings = LEMMA_LOWER, self.doc.vocab.strings
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
        hit = scan.mask(doc, "LOWER", words) | scan.mask(doc, "DEP", [ids.add(d) for d in MISREAD_DEPS]) | CAMEL_SHAPES.mask(doc)
        hit |= scan.mask(doc, "POS", nouns) & ~scan.mask(doc, "DEP", inner) & ~scan.mask(doc, "ENT_TYPE", numeric)
        return np.flatnonzero(hit).tolist()

    def _surnames(self) -> dict[int, int]:
        """The last word of each person's name of two words or more the typing step found (its lower-case id), with
        where the first such name ends."""
        ids, out = self.doc.vocab.strings, {}
        for _, rec in self.records:
            words = (rec.data.get("form") or self.text[rec.start : rec.end]).split()
            if rec.data["label"] == "PERSON" and len(words) > 1:
                out.setdefault(ids.add(words[-1].lower()), rec.end)
        return out

    def _misread_surname(self, tok: Any, after: int) -> bool:
        """A person's surname the tagger read as an adverb or an adjective ("“…,” says Early", "Early still says"): a
        capitalised word inside a sentence, after the person's full name, that the typing step put in no name and
        that modifies no noun. The name pass then takes it for the person (`_surname_like`)."""
        return (tok.pos_ in ("ADV", "ADJ") and tok.idx >= after and tok.text.istitle() and not tok.is_sent_start
                and tok.ent_type_ == "" and not (tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN")))

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
        # the names of each kind by their start: a name that holds the mention starts at most the longest name's length
        # before the mention's end, and not after its start
        outer: dict[str | None, list[tuple[int, int, int]]] = {}
        for seq, rec in self.records:
            outer.setdefault(KIND_OF_NAME.get(rec.data["label"]), []).append((rec.start, rec.end, seq))
        starts, longest = {}, {}
        for kind, spans in outer.items():
            spans.sort()
            starts[kind] = [a for a, _, _ in spans]
            longest[kind] = max(b - a for a, b, _ in spans)
        kept = []
        for m in self.mentions:
            kind = KIND_OF_NAME.get(m.label) if m.kind == "name" else None
            if kind is not None and kind in outer and (m.start, m.end) not in self.inner:
                low = bisect.bisect_left(starts[kind], m.end - longest[kind])
                high = bisect.bisect_right(starts[kind], m.start)
                if any(m.end <= b and (a, b) != (m.start, m.end) and seq != m.named for a, b, seq in outer[kind][low:high]):
                    continue
            kept.append(m)
        self.mentions = kept

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
        lefts, rights = list(head.lefts), list(head.rights)  # the head's children, walked once (spaCy walks its subtree for them)
        children = lefts + rights
        for child in lefts:
            if child.dep_ not in CUT_DEPS:
                tokens.extend(child.subtree)
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
        appos = [c for c in rights if c.dep_ == "appos"]
        if (appos and head.pos_ == "PROPN" and appos[0].pos_ == "PROPN" and appos[0].ent_type_ != head.ent_type_
                and appos[0].lower_ not in self.lex["person_nouns"]):
            # "Reno, the Great Lakes Magic Convention in Duluth …", "NATO, Hoop Scheffer": a list or a misparse, not one name; a role
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
        det = next((t.lower_ for t in children if t.dep_ in ("det", "poss")), "")
        # "The President", "the Prime Minister": a title with a determiner and no name is a description
        title = named is None and det in self.lex["definite"] and head.lemma_.lower() in self.lex["person_nouns"]
        proper = (proper_head and not title) or named is not None
        m = Mention(start, end, head.i, "name" if proper else "nominal", self.sent_of[head.i], lemma=head.lemma_.lower(),
                    words=self._words([t.i for t in tokens]), number="pl" if head.tag_ in ("NNS", "NNPS") else "sg")
        if not proper:
            m.gender = self.lex["gender"].get(m.lemma, "-")
            if m.lemma in self.lex["partitives"] and any(
                    c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") for g in c.children) for c in rights):
                m.number = "pl"  # "a number of factors … them", "a bunch of suppliers … they": the parts are plural
        m.definite = proper or det in self.lex["definite"] or any(t.dep_ == "poss" for t in children)
        if named is not None:
            m.named, m.label = named[0], named[1].data["label"]
            m.name = self._name(named[1])
            m.gender = name_gender(self.text, named[1], self.text[start:end])
            m.guess = guessed_gender(self.text, named[1]) if m.gender == "-" else "-"
            if m.label == "NORP" and head.tag_ != "NNPS":
                m.number = "-"
            elif m.label in ("PERSON", "GPE") or m.label == "ORG" and head.lower_ in self.lex["trade_plurals"]:
                # "Wilkins", "the United States": a person or a country is one, whatever the tag; so is a company named
                # by a plural of its trade ("Kestrel Holdings", "Harbour Airlines")
                m.number = "sg"
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
