"""The exact, apposition, relative, name and age passes: a mention and an earlier one of the same name or description, a name and its apposition, a relative pronoun and its noun, a shorter form of a name, an age description and the person of that age."""

from __future__ import annotations


from ... import places
from .common import HEAD_SENTENCES, KIND_OF_NAME, Mention, _clause_of_relative, _stated_age, _strip_det


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


class NamePasses:
    """The sieve's passes by name and apposition (a part of `Sieve`)."""

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
                if self._listed(head, self.mentions[by_head[head.head.i]]):
                    continue  # "Ada Pike, her record label and two senators": the next of a list, not the person
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

    def _listed(self, appos: Any, e: Mention) -> bool:
        """A description the parse hangs on a person's name `e` as its apposition (headed by `appos`) is the next item
        of a list when a conjunct follows it and it names an organisation ("Ada Pike, her record label and two
        senators"), unlike a person's roles ("Ada Pike, a poet and a critic"): no role of the person, nor the person."""
        lemma = appos.lemma_.lower()
        return (e.label == "PERSON" and lemma in self.lex["organisation_nouns"] | self.lex["business_nouns"]
                and lemma not in self.lex["person_nouns"] and any(c.dep_ == "conj" for c in appos.children))

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
