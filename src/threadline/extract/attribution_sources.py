"""Who a source is: the named mention a source phrase names, or the one its pronoun or role noun stands for."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..pipeline import Record
from ..sentences import line_breaks

ACTORS = ("PERSON", "ORG", "GPE", "NORP")
PREFERENCE = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
RELATIVES = ("who", "which", "that", "whom", "whose")
# verbs whose subject puts a document out: its owner when the document names no author
PUBLISHING = ("release", "publish", "issue", "post", "circulate", "distribute", "send", "file", "submit", "unveil", "share", "produce")
# how many paragraphs back a pronoun may look for its antecedent (the same one counts as 0)
PRONOUN_PARAGRAPHS = 1
# sources that stand for no one in particular
INDEFINITES = frozenset({"no one", "nobody", "none", "everyone", "everybody", "someone", "somebody", "anyone", "anybody", "all", "many", "few", "others"})
# role nouns for a group, which no one person's title stands for
COLLECTIVES = frozenset({"family", "couple", "group", "team", "crowd", "panel", "committee", "board", "jury", "parents", "relatives", "friends"})
# role nouns of one person: "the Green leader" is a person the party's name only qualifies
PERSON_ROLES = frozenset({
    "leader", "minister", "president", "premier", "chancellor", "spokesman", "spokeswoman", "spokesperson", "chairman",
    "chairwoman", "chair", "chief", "head", "boss", "director", "secretary", "governor", "mayor", "mp", "senator",
    "lawmaker", "ambassador", "commander", "general", "founder", "candidate", "executive", "envoy",
})
# a share of a population as a source ("47 percent of voters saying …", "one in three said"): the
# people answering a poll, whose shares are the poll's or the outlet's figures, not their own claims
SHARE_SOURCE = re.compile(
    r"(?:about |nearly |almost |roughly |some |only |just |more than |less than |fewer than |at least |over |under )?"
    r"(?:[\d.,]+ ?(?:percent|per cent|%)|[a-z]+(?:-[a-z]+)? (?:percent|per cent)|(?:one|two|three|four|five|\d+) (?:in|out of) (?:\w+)"
    r"|(?:a|one|two) (?:third|quarter|fifth|half)s? of|half of|(?:a|the) majority of)(?!\w)",  # "31% of": no word boundary after "%"
    re.IGNORECASE,
)
# one inquiry's texts, which a report names by any of these words ("a report by analysts X" … "according to
# the study"): a later one without its own author is the earlier one's
INQUIRY_NOUNS = frozenset({"report", "study", "survey", "research", "analysis", "finding", "findings", "paper", "review", "investigation", "assessment"})
# texts a client commissions, whose owner follows "for" ("a poll for the BBC", "a survey for the charity"); a
# statement or letter "for" someone is addressed to them
COMMISSIONED = frozenset({"survey", "poll", "study", "research"})
# nouns for a body of a state (or one who holds its office), for which the place or people that qualify
# it stand: "U.S. officials" are the United States, "Cuban authorities" Cuba; a coach, a team, a woman,
# settlers, lawyers or scientists of a place are not its voice ("the Afghan team's coach", "Israeli settlers")
STATE_VOICES = frozenset({
    "government", "official", "authority", "administration", "regime", "state", "police", "military", "army", "navy",
    "force", "troops", "court", "judge", "ministry", "department", "office", "agency", "bureau", "service", "regulator",
    "leader", "leadership", "chief", "diplomat", "embassy", "consulate", "delegation", "negotiator", "prosecutor",
    "parliament", "congress", "cabinet", "legislature", "lawmaker", "legislator", "council", "commission", "intelligence",
    "investigator", "inspector", "customs", "guard", "health", "spy", "envoy", "representative", "mission",
}) | PERSON_ROLES
GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


@dataclass(frozen=True)
class Resolution:
    mention: int | None  # seq of the named mention the source is or stands for
    resolved: bool
    rule: str = "source"  # how: the source phrase and the speakers before it, or its coreference chain
    path: tuple[tuple[int, int], ...] = ()  # spans from the source phrase to the named mention ("the statement", its owner, the name)


class SourceResolver:
    """Links source phrases of one document to its named mentions.

    `earlier` holds (start, end, head lemma, mention seq or None, plural) of the
    sources already resolved, in text order, so that "the ministry" and "he"
    can follow a source named before them."""

    def __init__(
        self, text: str, doc: Any, mentions: list[Record], pronouns: dict[str, list[str]], document_nouns: set[str], genders: dict[int, str],
        own_voices: set[str] = frozenset(),  # type: ignore[assignment]
    ):
        self.text = text
        self.own_voices = own_voices
        self.genders = genders
        self.doc = doc
        self.pronouns = pronouns
        self.document_nouns = document_nouns
        self.actors = [(i, m) for i, m in enumerate(mentions) if m.data.get("label") in ACTORS]
        self.starts = [m.start for _, m in self.actors]
        self.label = {seq: m.data["label"] for seq, m in self.actors}
        self.named = dict(self.actors)
        self.breaks = line_breaks(text)
        self.earlier: list[tuple[int, int, str, int | None, bool]] = []
        self.via: list[tuple[int, int]] = []  # spans the current resolution went through

    # -- helpers ------------------------------------------------------------
    def paragraph(self, offset: int) -> int:
        """Paragraph number of a character offset (blank lines do not count twice)."""
        return bisect.bisect_right(self.breaks, offset)

    def mentions_in(self, start: int, end: int) -> list[tuple[int, Record]]:
        lo = bisect.bisect_left(self.starts, start)
        out = []
        for k in range(lo, len(self.actors)):
            seq, m = self.actors[k]
            if m.start >= end:
                break
            if m.end <= end or not self.text[end:m.end].strip(".’'"):
                out.append((seq, m))  # "James Kennedy Jr." in a source trimmed of its final stop
        return out

    def _containing(self, offset: int) -> int | None:
        """The actor mention covering a character offset."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and self.actors[k][1].start <= offset < self.actors[k][1].end:
            return self.actors[k][0]
        return None

    def _best_in(self, start: int, end: int, head: Any, aside: list[tuple[int, int]] = ()) -> int | None:  # type: ignore[assignment]
        found = [(seq, m) for seq, m in self.mentions_in(start, end) if not any(a <= m.start < b for a, b in aside)]
        if not found:
            return None
        if head is not None:
            h0 = head.idx
            for seq, m in found:
                if m.start <= h0 < m.end:
                    return seq
            # "the minister, who spoke in Kyiv": a name in the source's relative clause is not who it is
            asides = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in head.children if c.dep_ == "relcl"]
            # "the Oscar-nominated actor", "a Kremlin-backed militia": a name inside the adjective that
            # qualifies the source is not the source
            asides += [(c.left_edge.idx, c.idx) for c in head.children if c.dep_ == "amod" and c.pos_ in ("VERB", "ADJ") and c.left_edge.i < c.i]
            if head.pos_ == "PROPN":  # "Harbour Gazette" untagged, its "Harbour" a place: a word of a name, not who
                asides += [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in head.lefts if c.dep_ == "compound"]
            found = [(seq, m) for seq, m in found if not any(a <= m.start < b for a, b in asides)]
            if not found:
                return None
            # "the Kyrgyz embassy in Moscow": where a source sits names it only when nothing else does
            # ("prosecutors in Almaty")
            where = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "inside")]
            found = [(seq, m) for seq, m in found if not any(a <= m.start < b for a, b in where)] or found
        return min(found, key=lambda sm: (PREFERENCE[sm[1].data["label"]], sm[1].start))[0]

    def _titled_person(self, lemma: str, before: int, limit: int) -> int | None:
        """The nearest PERSON mention before `before` that carries `lemma` as its
        title ("Ambassador ... Sergey Melik-Bagdasarov") or apposition ("Andriy
        Yusov, a spokesman for ...")."""
        k = bisect.bisect_left(self.starts, before) - 1
        while k >= 0:
            seq, m = self.actors[k]
            if m.start < limit:
                break
            if m.data["label"] == "PERSON":
                if lemma in self._title_words(m) or lemma in self._apposition_words(m):
                    return seq
            k -= 1
        return None

    def _title_words(self, m: Record) -> list[str]:
        """The words before a name, up to five, that may hold its title ("Ambassador to Armenia Sergey …",
        "a spokesman for the ministry, Andriy Yusov"), not crossing the end of a clause or sentence
        ("… family were conservative Christians; Jane Starner"), nor another person's name ("Green Party
        leader Ruth Calder has dismissed Owen Pryce's budget": "leader" is Calder's title, not Pryce's)."""
        floor = max(0, m.start - 60)
        k = bisect.bisect_left(self.starts, m.start) - 1
        while k >= 0 and self.actors[k][1].end > floor:  # a person named before; a place or a body may be in the title
            if self.actors[k][1].data["label"] == "PERSON" and self.actors[k][1].end <= m.start:
                floor = self.actors[k][1].end
                break
            k -= 1
        before = re.split(r"[.;:!?”\"]\s", self.text[floor : m.start])[-1]
        return [w.strip(",.") for w in before.lower().split()[-5:]]

    def _apposition_words(self, m: Record) -> list[str]:
        """The words of the apposition after a name ("Andriy Yusov, a spokesman for …"), by the parse: not the
        clause that follows a comma ("Milan Raj Tuladhar, said … that the embassy had urged" gives no role)."""
        after = self.text[m.end : m.end + 80].lower()
        if not after.startswith(","):
            return []
        words = re.split(r"[,.;]", after[1:], maxsplit=1)[0].split()
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        nxt = self.doc[span.end + 1] if span is not None and span.end + 1 < len(self.doc) else None  # the word after the comma
        return [] if nxt is not None and nxt.pos_ in ("VERB", "AUX") else words

    def _fits(self, word: str, seq: int) -> bool:
        """Whether a pronoun can stand for the named mention: "she" never for a man his chain calls "he"."""
        gender = GENDERED.get(word)
        return gender is None or self.genders.get(seq, gender) == gender

    def _nearest(self, labels: list[str], before: int, limit: int, skip: tuple[int, int], word: str = "") -> int | None:
        k = bisect.bisect_left(self.starts, before) - 1
        while k >= 0:
            seq, m = self.actors[k]
            if m.start < limit:
                break
            if m.data["label"] in labels and not (skip[0] <= m.start < skip[1]) and self._fits(word, seq):
                return seq
            k -= 1
        return None

    def _paragraph_floor(self, offset: int, back: int) -> int:
        """Start offset of the paragraph `back` non-empty paragraphs before the one holding offset."""
        para = self.paragraph(offset)
        floor = self.breaks[para - 1] + 1 if para else 0
        while back > 0 and para > 0:
            para -= 1
            floor = self.breaks[para - 1] + 1 if para else 0
            if self.text[floor : self.breaks[para]].strip():
                back -= 1
        return floor

    # -- main ---------------------------------------------------------------
    def resolve(self, start: int, end: int, head: Any, content: tuple[int, int], antecedent: Any = None) -> Resolution:
        """Resolve the source text[start:end] whose syntactic head is `head`.
        `antecedent` is the noun a relative pronoun source ("who") refers to."""
        self.via = []
        surface = self.text[start:end].strip().lower()
        lemma = head.lemma_.lower() if head is not None else surface
        plural = head is not None and head.tag_ in ("NNS", "NNPS")
        if surface in RELATIVES and antecedent is not None:
            seq = self._containing(antecedent.idx)
            if seq is None and antecedent.pos_ == "NOUN" and antecedent.lemma_.lower() in self.document_nouns:
                # "a letter from his doctor that says …", "released a report which found …": the document's owner
                self.via.append((antecedent.left_edge.idx, antecedent.right_edge.idx + len(antecedent.right_edge)))
                seq = self._owner(antecedent, start, content)
            elif seq is None:
                seq = self._role(antecedent.lemma_.lower(), start, content)
            return self._remember(start, end, lemma, seq, plural)
        if surface in INDEFINITES or head is not None and any(c.dep_ == "det" and c.lower_ in ("no", "every", "each", "any") for c in head.children):
            return self._remember(start, end, lemma, None, plural)  # "No one knew …", "Every expert said …": no one in particular
        if surface in self.pronouns:
            seq = self._pronoun(surface, start, content)
            return self._remember(start, end, lemma, seq, surface in ("they", "them", "their"))
        if head is not None and head.pos_ == "NOUN" and lemma in self.document_nouns:
            # "the ministry's statement", "a report by Tass": the author named inside the phrase
            # (or who put it out: "released a statement confirming …" is the releaser's)
            author = self._author(head)
            if author is not None:
                seq = self._by_author(author, start, content)
            elif self._publisher(head) is not None:
                seq = self._owner(head, start, content)
            else:
                seq = self._document_author(head, start, content)
            return self._remember(start, end, lemma, seq, plural)
        seq = self._best_in(start, end, head, self._relative_of(head))
        if seq is not None and self._place_qualifies(seq, head, lemma):
            # "the Brazilian team's goalkeeper", "Canadian settlers": not the place's voice; who they are is
            # left to the coreference chain, not to an earlier bearer of the noun ("a group", "lawyers")
            return self._remember(start, end, lemma, None, plural)
        if seq is not None and not plural and head is not None and head.pos_ == "NOUN" and lemma in PERSON_ROLES and self.label[seq] != "PERSON":
            # "The Green leader said": one person, whom the party only qualifies; the leader named before
            mark = len(self.via)
            person = self._role(lemma, start, content)
            if person is not None and self.label[person] == "PERSON":
                return self._remember(start, end, lemma, person, plural)
            del self.via[mark:]  # not that path: the qualifier's
        if seq is None and head is not None and head.pos_ in ("NOUN", "PROPN") and not SHARE_SOURCE.match(self.text, start):
            seq = self._role(lemma, start, content)  # not a share of people ("40 percent of voters"): no role
        return self._remember(start, end, lemma, seq, plural)

    def _place_qualifies(self, seq: int, head: Any, lemma: str) -> bool:
        """The mention found is a place or a people that only qualifies a common noun which is no body
        of a state ("an Australian woman", "Sports in the United States", "Many in Hong Kong")."""
        if head is None or head.pos_ not in ("NOUN", "ADJ") or self.label[seq] not in ("GPE", "NORP") or lemma in STATE_VOICES:
            return False
        named = self.named[seq]
        if named.start <= head.idx < named.end:
            return False
        root = next((t for t in self.doc.char_span(named.start, named.end, alignment_mode="expand") or () if not named.start <= t.head.idx < named.end), None)
        # "a series of Norwegians", "one of the Danes": the people themselves, not a qualifier
        return not (root is not None and root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i == head.i)

    def _relative_of(self, head: Any) -> list[tuple[int, int]]:
        """ "Ford's now-deceased father", "friends of the singer": a relative or friend named by someone
        else speaks for themself; the spans naming that someone, which are not the source ("Ford's
        wife, Jane Ford, said" is still Jane Ford's)."""
        if head is None or head.pos_ != "NOUN" or head.lemma_.lower() not in self.own_voices:
            return []
        return [
            (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
            for c in head.children
            if c.dep_ == "poss" and c.pos_ == "PROPN" or c.dep_ == "prep" and c.lower_ == "of"
        ]

    def last_person(self, start: int, qualifier: Record) -> Resolution | None:
        """The person who spoke last, in this paragraph or the one before, for a definite role that names only a
        body qualifying it ("Michael Howard has said … . “…,” the Conservative leader said"): not one whose
        own source phrase names another body ("Labour's spokesman Fraser Kemp … the Conservative leader")."""
        floor = self._paragraph_floor(start, PRONOUN_PARAGRAPHS)
        named = qualifier.text(self.text).lower()
        for s, e, _lemma, seq, plural in reversed(self.earlier):
            if s < floor:
                return None
            if s >= start or seq is None or plural:
                continue
            if self.label[seq] != "PERSON":
                return None
            if any(self.label[q] in ("ORG", "NORP", "GPE") and m.text(self.text).lower() != named for q, m in self.mentions_in(s, e)):
                return None
            speaker = self.named[seq].text(self.text)
            if any(self.label[q] == "PERSON" and m.text(self.text).split()[-1] not in speaker for q, m in self.mentions_in(e, start)):
                return None  # "… from Hanne Volker. The Green leader said": someone else was named since
            return Resolution(seq, True, "speaker", ((s, e),))
        return None

    def learn(self, start: int, end: int, seq: int) -> None:
        """The source at (start, end), left unresolved here, stands for `seq` (by its coreference chain)."""
        if self.earlier and self.earlier[-1][:2] == (start, end) and self.earlier[-1][3] is None:
            s, e, lemma, _, plural = self.earlier[-1]
            self.earlier[-1] = (s, e, lemma, seq, plural)

    def _remember(self, start: int, end: int, lemma: str, seq: int | None, plural: bool) -> Resolution:
        self.earlier.append((start, end, lemma, seq, plural))
        if seq is None:
            return Resolution(None, False)
        named = self.named[seq]
        path = [(start, end), *self.via]
        if not (start <= named.start and named.end <= end):
            path.append((named.start, named.end))
        return Resolution(seq, True, path=tuple(dict.fromkeys(path)))

    def _pronoun(self, word: str, start: int, content: tuple[int, int]) -> int | None:
        """The latest earlier speaker of a compatible kind in this or the previous
        paragraph; else (not for "they") the nearest compatible named mention there.
        "it" after an unnamed institution ("the ministry … it") stays with it, unresolved."""
        labels = self.pronouns[word]
        plural = word in ("they", "them", "their")
        person = labels == ["PERSON"]
        floor = self._paragraph_floor(start, PRONOUN_PARAGRAPHS)
        for s, e, _lemma, seq, was_plural in reversed(self.earlier):
            if s < floor:
                break
            if s >= start or was_plural != plural:
                continue
            if seq is None:
                if not person and not plural:
                    return None
                continue
            if self.label[seq] in labels and self._fits(word, seq):
                self.via.append((s, e))
                return seq
        if plural:
            return None
        shared = self._shared_subject(start)
        if shared is not None:  # "The government … suspended the permits, and it has asked Moscow …"
            seq = self._best_in(shared.left_edge.idx, shared.idx + len(shared), shared)  # up to its head: not "for Russia"
            return seq if seq is not None and self.label[seq] in labels and self._fits(word, seq) else None
        return self._nearest(labels, start, floor, content, word)

    def _shared_subject(self, start: int) -> Any:
        """The subject of the clause a pronoun's clause is joined to by a conjunction ("X suspended …, and it
        asked …"): the pronoun stands for it, named or not, not for a name nearer in the text."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None
        verb = span[0].head
        if span[0].dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "conj":
            return None
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None

    def _role(self, lemma: str, start: int, content: tuple[int, int]) -> int | None:
        """A role noun ("the ministry", "the officials", "the ambassador") stands for
        the latest earlier source or named mention that carries the same noun."""
        for s, e, earlier_lemma, seq, _pl in reversed(self.earlier):
            if s < start and earlier_lemma == lemma:
                self.via.append((s, e))
                return seq  # the same role spoke before: it is that speaker, named or not
        k = bisect.bisect_left(self.starts, start) - 1
        while k >= 0:
            seq, m = self.actors[k]
            if m.data["label"] in ("ORG", "PERSON") and not (content[0] <= m.start < content[1]):
                words = [w.strip(",.").lower() for w in self.text[m.start : m.end].split()]
                if lemma in words or lemma + "s" in words or lemma.rstrip("s") in words:
                    return seq
            k -= 1
        return None if lemma in COLLECTIVES else self._titled_person(lemma, start, 0)  # "the family" is no one person

    def _owner(self, document: Any, start: int, content: tuple[int, int]) -> int | None:
        """Who a document stands for: the author its phrase names ("a report by Tass"), else who
        published it ("He released a letter … that says": the subject of `released`)."""
        author = self._author(document)
        if author is not None:
            return self._by_author(author, start, content)
        subj = self._publisher(document)
        if subj is None:
            return None
        self.via.append((subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)))
        seq = self._containing(subj.idx)
        if seq is None and subj.lower_ in self.pronouns:
            seq = self._pronoun(subj.lower_, subj.idx, content)
        elif seq is None and subj.pos_ in ("NOUN", "PROPN"):
            seq = self._role(subj.lemma_.lower(), subj.idx, content)
        return seq

    @staticmethod
    def _publisher(document: Any) -> Any:
        """The subject of the verb that put the document out ("She released a letter …"), if any."""
        verb = document.head
        if document.dep_ != "dobj" or verb.lemma_.lower() not in PUBLISHING:
            return None
        return next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)

    def _by_author(self, author: Any, start: int, content: tuple[int, int]) -> int | None:
        """The actor a document's author phrase names ("by Tass", "the ministry's"), else the one its role noun stands for."""
        end = author.right_edge.idx + len(author.right_edge)
        self.via.append((author.left_edge.idx, end))
        seq = self._best_in(author.left_edge.idx, end, author)
        return seq if seq is not None else self._role(author.lemma_.lower(), start, content)

    @staticmethod
    def _author(head: Any) -> Any:
        """The possessor, agent or origin of a document noun ("the ministry's", "by Tass", "from the MoD")."""
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN"):
                return child
        for child in head.children:
            if child.dep_ in ("prep", "agent") and (child.lower_ in ("by", "from", "of") or child.lower_ == "for" and head.lemma_.lower() in COMMISSIONED):
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            if child.dep_ == "acl":  # "a report shared by the Ministry of Defence"
                agent = next((g for g in child.children if g.dep_ == "agent"), None)
                obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                if obj is not None:
                    return obj
                # "a statement posted to the ministry's website": the owner of the place it was posted on
                for prep in (g for g in child.children if g.dep_ == "prep" and g.lower_ in ("to", "on")):
                    place = next((g for g in prep.children if g.dep_ == "pobj"), None)
                    owner = next((g for g in place.children if g.dep_ == "poss"), None) if place is not None else None
                    if owner is not None:
                        return owner
        return None

    def _document_author(self, head: Any, start: int, content: tuple[int, int]) -> int | None:
        """"the statement read": the author of the latest earlier source of that kind ("the study"
        after "a report by X": one inquiry's, by any of its words). "A study hints …" brings in a new
        one, whose author is not the last study's."""
        if any(ch.dep_ == "det" and ch.lower_ in ("a", "an", "another", "one") for ch in head.children):
            return None
        lemma = head.lemma_.lower()
        for s, e, earlier_lemma, seq, _pl in reversed(self.earlier):
            if s < start and (earlier_lemma == lemma or lemma in INQUIRY_NOUNS and earlier_lemma in INQUIRY_NOUNS and seq is not None):
                self.via.append((s, e))
                return seq
        return None
