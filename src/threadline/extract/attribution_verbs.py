"""Cue verbs, belief adjectives and claim nouns with a clause complement ("X said (that) …", "X is confident that …", "X's claim that …")."""

from __future__ import annotations

import re
from typing import Any

from .attribution_frames import Frame, FrameFinder, PASSIVE_SUBJECTS, SUBJECTS, _cue_lemmas, finding_subjects, lemma_of


NOUN_PHRASE = ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON", "ADP", "PART")  # words a noun phrase before a misparsed cue may hold
DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})  # a subject of one word: a thing or a turn of phrase ("That said, …")
# a score set off by a comma: ", 45 percent to 18 percent", ", 52-48", ", 7 points to 3"
SCORE = re.compile(r",\s+(?:by\s+)?\d[\d.,]*\s?(?:%|percent|per cent|points?)?\s*(?:to|-|–)\s*\d[\d.,]*\s?(?:%|percent|per cent|points?)?(?!\w)")
WHEN_WHERE = ("during", "at", "on", "in", "after", "before", "amid", "while", "since", "until", "throughout", "ahead", "following")


class VerbCues(FrameFinder):
    """Frames of cue verbs, adjectives and nouns with a clause complement."""

    def verb_frames(self) -> None:
        c = self.cues
        known = _cue_lemmas()
        taken = {f.cue_token for f in self.frames}
        for t in self._may_be("verbs", ("VERB", "AUX")):
            if t.i in taken:
                continue
            lemma = lemma_of(t)
            if lemma not in known or lemma in c["not_cues"] or t.lower_ in c["citing"]:
                continue  # "citing" and "quoting" are read by citing_frames
            if self.in_quote(t) or self.text[t.idx - 1 : t.idx] in ("<", "/"):
                continue  # quoted, or markup ("<tweet author=…>")
            if any(ch.dep_ in PASSIVE_SUBJECTS or ch.dep_ in ("neg", "auxpass") for ch in t.children):
                continue  # passives are handled with the sourceless ones; "did not say" reports nothing
            if t.head.lemma_ == "let" and any(ch.dep_ in SUBJECTS and ch.lower_ in ("'s", "’s", "us") for ch in t.children):
                continue  # "Let's hope …", "let us say …": the writer's own voice, no one's report
            if t.tag_ == "VBG" and t.dep_ in ("xcomp", "ccomp") and t.head.lemma_ in c["generic_gerund_heads"]:
                continue  # "It means acknowledging that …": what something amounts to, no one's report
            misparsed = (self._inverted(t) or self._subject_clause(t)) if lemma in c["speech"] else None
            if misparsed is not None:
                self.frames.append(misparsed)
                continue
            content = self._complement(t, lemma)
            if t.dep_ == "acl" and not any(ch.dep_ == "ccomp" for ch in t.children):
                # "ads promising bonuses", "a billboard urging Russians to …": no speaker; but
                # "a poll showing her 14 points ahead", "a statement confirming …" report
                content = self._document_participle(t, lemma)
            if content is None:
                continue
            subj, antecedent = self.subject(t)
            if subj is not None and antecedent is None and t.dep_ != "relcl" and subj.lower_ in DEMONSTRATIVES and subj.n_lefts + subj.n_rights == 0:
                continue  # "That said, …", "That promises 310 horsepower": a thing or a turn of phrase, no one's report
            if subj is None and _imperative(t):
                continue  # "Remember that …", "Tell us what you think": the reader addressed, no one's report
            frame = Frame(self.cue_span(t), content, "indirect", cue_token=t.i, rank=1, judged=self._judged(t, lemma, content))
            medial = t.dep_ == "parataxis" and content[0] < t.idx < content[1] and subj is not None and t.left_edge.i <= subj.i <= t.right_edge.i
            if subj is not None and (medial or not (content[0] <= subj.idx < content[1])):
                # a parenthetical cue ("In his state, X said, …") sits inside its content
                frame.source = self.subtree_span(subj) if medial else self.source_span(subj, content)
                frame.head = subj
                frame.antecedent = antecedent
            elif subj is not None:
                continue
            if frame.source is None and t.dep_ not in ("ROOT", "ccomp", "conj", "parataxis"):
                continue  # a bare participle ("the warning issued") is no attribution
            attitude = c["stance"] | c["intention"] | c["cognition"] | c["evaluation"]
            if lemma in attitude and lemma not in c["speech"] and not self._actor(subj):
                continue  # "a network that seeks to hire …": a position needs someone to hold it
            if self._phrase_of(t, content):
                frame.content = self._phrase_content(t, content)
            elif self._finding(t):
                frame.content = self._listed_on(t, content)
            if lemma in c["speech"] or self._finding(t):
                frame.content = self._scored(t, frame.content)
            self.frames.append(frame)

    def _scored(self, verb: Any, content: tuple[int, int]) -> tuple[int, int]:
        """"The survey found Calder ahead of Pryce in the city, 47 percent to 29 percent,
        among renters": the score set off by a comma after the content, which the parser hangs
        on a verb of saying or finding, is the report's own figures, with the phrase that
        qualifies it. After a stance ("renters backed the levy, 61 percent to 22 percent") it
        is the split of those who hold it, which the report around them gives."""
        if not SCORE.match(self.text, content[1]):
            return content
        for ch in verb.children:
            if ch.i > verb.i and ch.left_edge.idx > content[1] and not self.text[content[1] : ch.left_edge.idx].strip(", "):
                return content[0], self.subtree_span(ch)[1]
        return content

    def _document_participle(self, verb: Any, lemma: str) -> tuple[int, int] | None:
        """"a new poll showing her support at 31 percent", "issued a statement confirming
        that the party would hire 120 organizers", "a note saying: …": a participle of reporting
        (`document_participles`) hung on a document noun tells what the document says; its
        words after the participle are the content, the document the source. An ad or a
        billboard that promises or urges is left alone: that is no report of a fact."""
        head = self.sender(verb.head)
        if verb.tag_ != "VBG" or head.pos_ != "NOUN" or head.lemma_.lower() not in self.cues["document_nouns"]:
            return None
        if lemma not in self.cues["document_participles"] or head.i > verb.i:
            return None
        after = [t for t in verb.subtree if t.i > verb.i]
        while after and (after[0].is_punct or after[0].lower_ == "that" and after[0].dep_ == "mark"):
            after = after[1:]
        if len(after) < 2:
            return None
        return self.trimmed(after[0].idx, after[-1].idx + len(after[-1].text))

    def _phrase_of(self, verb: Any, content: tuple[int, int]) -> bool:
        """Whether the content is a phrase the verb governs (an object, an infinitive, a
        prepositional object), not a clause complement or the clause around the cue."""
        tok = self._token_at(content[0])
        while tok is not None and tok.head.i != verb.i:
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        return tok is not None and tok.dep_ in ("dobj", "xcomp", "prep", "dative", "oprd")

    def _phrase_content(self, verb: Any, content: tuple[int, int]) -> tuple[int, int]:
        """A content that is a phrase, not a clause ("cited his endorsements", "wants to
        sign up 5 million people"): it runs on over the verb's own adjuncts after it,
        and stops before an aside the outlet adds about it."""
        return self._without_aside(self._run_on(verb, content), finding=self._finding(verb))

    def _listed_on(self, verb: Any, content: tuple[int, int]) -> tuple[int, int]:
        """"The poll showed Trump leading with 31 percent, followed by Cruz at 17 percent": a
        participle the parser hung on the finding's verb right after its clause lists more of it."""
        start, end = content
        for ch in verb.children:
            if (
                ch.dep_ == "advcl" and ch.tag_ in ("VBG", "VBN") and ch.left_edge.i == ch.i and self.text[end : ch.idx].strip() == ","
                and lemma_of(ch) not in self.cues["method_participles"]
            ):
                end = self.subtree_span(ch)[1]
        return self.trimmed(start, end)

    def _finding(self, verb: Any) -> bool:
        """Whether the verb reports what a document found ("a poll showed …", "the study found …"): an
        evidence verb with a document or a finder as its subject."""
        if lemma_of(verb) not in self.cues["evidence"]:
            return False
        subj = self.subject(verb)[0]
        return subj is not None and subj.lemma_.lower() in finding_subjects()

    def _run_on(self, verb: Any, content: tuple[int, int]) -> tuple[int, int]:
        """"cited his endorsements from 88 generals": the adjuncts the parser hung on the
        verb right after the phrase belong to it; a comma, a conjunction, a clause with
        a conjunction of its own ("after hackers targeted …"), or when and where it was said end it."""
        start, end = content
        for ch in sorted((ch for ch in verb.children if ch.i > verb.i), key=lambda ch: ch.i):
            first = ch.left_edge
            if first.idx < end:
                continue
            if self.text[end : first.idx].strip() or ch.dep_ not in ("prep", "npadvmod", "advmod", "dative", "xcomp", "advcl"):
                break
            if ch.dep_ in ("advcl", "xcomp") and any(m.dep_ == "mark" for m in ch.children):
                break
            if (ch.ent_type_ in ("DATE", "TIME") and ch.dep_ == "npadvmod") or (ch.dep_ == "prep" and ch.lower_ in WHEN_WHERE):
                break  # "… Tuesday", "… during a meeting with …": when and where it was said
            end = self.subtree_span(ch)[1]
        return start, end

    def _without_aside(self, content: tuple[int, int], finding: bool = False) -> tuple[int, int]:
        """"doubted the account of the mayor, who is 58", "wants to sign up 5 million
        people, focusing on people under 30": a relative clause or a participle after a
        comma that closes the phrase is the outlet's aside, not the position held. After a
        document's finding only a participle of method is ("…, using the five most recent
        polls"): any other lists more of it ("…, followed by Cruz at 17 percent")."""
        start, end = content
        span = self.doc.char_span(start, end, alignment_mode="expand")
        for t in span if span is not None else ():
            if t.idx <= start or self.text[t.left_edge.idx - 2 : t.left_edge.idx] != ", ":
                continue
            if finding:
                participle = t.dep_ in ("advcl", "acl") and t.tag_ in ("VBG", "VBN") and lemma_of(t) in self.cues["method_participles"]
            else:
                participle = t.dep_ in ("advcl", "acl") and t.tag_ == "VBG" and t.left_edge.i == t.i
            aside = (t.dep_ == "relcl" and t.left_edge.lower_ in ("who", "which")) or participle
            if aside and self.subtree_span(t)[1] >= end and lemma_of(t) not in _cue_lemmas():
                return self.trimmed(start, t.left_edge.idx)
        return self.trimmed(start, end)

    def _inverted(self, t: Any) -> Frame | None:
        """"The drive, says Tamar Levi, an analyst at …, draws on prisoners": a speech verb
        set off by commas inside the sentence it reports, its speaker right after it. The
        parser makes the speaker the subject of the reported verb, and the cue a verb of
        its own (whose subject is then the reported clause's: "The drive … says") or an
        aside with none. The sentence is the content, the cue inside it, as for any
        parenthetical cue."""
        doc = self.doc
        if t.i < 2 or doc[t.i - 1].text != ",":
            return None
        head = doc[t.i + 1] if t.i + 1 < len(doc) else None
        while head is not None and head.dep_ in ("compound", "det", "amod", "poss") and head.head.i > head.i:
            head = head.head
        if head is None or head.dep_ not in SUBJECTS or head.pos_ not in ("NOUN", "PROPN") or head.head.i <= t.i:
            return None  # no subject of a verb that comes after the cue: "…, said John Smith." is his own clause
        last = head.right_edge
        after = last.i if last.text == "," else last.i + 1  # the comma closing the speaker's phrase, often its own last token
        if after >= len(doc) or doc[after].text != "," or head.head.i <= after:
            return None
        sentence = t.sent
        frame = Frame(self.cue_span(t), self.trimmed(sentence.start_char, sentence.end_char), "indirect", cue_token=t.i, rank=1)
        frame.source, frame.head = self.subtree_span(head), head
        return frame

    def _subject_clause(self, t: Any) -> Frame | None:
        """"Several papers reported on Friday the border guards had …": the
        parser made the cue a modifier of its own subject, and that subject a
        second subject of the reported clause's verb."""
        noun, verb = t.head, t.head.head
        if t.dep_ != "acl" or t.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or noun.dep_ not in SUBJECTS:
            return None
        if noun.i > t.i or verb.i < t.i or verb.pos_ not in ("VERB", "AUX"):
            return None
        other = next((ch for ch in verb.children if ch.dep_ in SUBJECTS + PASSIVE_SUBJECTS and ch.i > t.right_edge.i), None)
        if other is None:
            return None
        content = self.trimmed(other.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
        frame = Frame(self.cue_span(t), content, "indirect", cue_token=t.i, rank=1)
        frame.source, frame.head = self.subtree_span(noun, exclude=t), noun
        return frame

    def noun_cue_frames(self) -> None:
        """"Leaked documents show he took a $916 million loss", "Trump charges that
        countries … donated millions": the parser read the cue verb as a noun and hung
        the reported clause on it. A bare noun spelled like a speech verb, right after
        a noun phrase it agrees with in number (a plural before "show", a singular
        before "charges"), with a finite clause hung on it, is that phrase's cue."""
        speech = self.cues["speech"]
        taken = {f.cue_token for f in self.frames}
        for t in self._may_be("speech", ("NOUN",)):
            if t.i in taken or t.i == 0 or self.in_quote(t):
                continue
            if t.tag_ not in ("NN", "NNS") or lemma_of(t) not in speech or any(ch.dep_ in ("det", "poss", "amod", "nummod") for ch in t.children):
                continue
            clause = next((ch for ch in t.children if ch.dep_ in ("ccomp", "acl") and ch.i > t.i and ch.pos_ in ("VERB", "AUX")
                           and any(g.dep_ in SUBJECTS + PASSIVE_SUBJECTS for g in ch.children)), None)
            before = self.doc[t.i - 1]
            if clause is None or before.pos_ not in ("NOUN", "PROPN") or self.text[before.idx + len(before) : t.idx] != " ":
                continue
            first, subj = self._phrase_before(t)
            third_singular = t.lower_.endswith("s") and t.tag_ == "NNS"
            plural = subj.tag_ in ("NNS", "NNPS")
            if third_singular == plural or (not third_singular and t.lower_ != t.lemma_.lower()):
                continue  # "documents show", "Trump charges": the verb agrees with its subject
            named = any(m.start <= subj.idx < m.end and m.data.get("label") in ("PERSON", "ORG") for m in self.mentions)
            if not (named or self._actor(subj) or subj.lemma_.lower() in self.cues["document_nouns"]):
                continue
            content = self.trimmed(clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text))
            frame = Frame(self.span(t, t), content, "indirect", cue_token=t.i, rank=1)
            frame.source, frame.head = self.trimmed(first.idx, t.idx), subj
            self.frames.append(frame)

    def parenthetical_findings(self) -> None:
        """"The jet was insured at $35 million in 2011, records show.", "In that period, county records
        show, the jet flew 216 hours.": a document and its finding verb set off by a comma, closing the
        sentence or set off by a second comma inside it, that the parser read as a noun, a subject or a
        modifier of the sentence it reports. The sentence is the content (before the comma when the cue
        closes it)."""
        c = self.cues
        taken = {f.cue_token for f in self.frames if f.source is not None}  # a cue found with no source is read again
        for t in self._may_be("evidence"):
            if t.tag_ not in ("VBZ", "VBP", "VBD", "NN", "NNS") or lemma_of(t) not in c["evidence"]:
                continue
            if t.i in taken or t.i < 2 or t.i + 1 >= len(self.doc) or self.in_quote(t):
                continue
            after, sent = self.doc[t.i + 1], t.sent
            # the stop ends the sentence, or only the paragraph's line break follows it in the parse
            closing = after.text in (".", "!", "?") and all(w.is_space for w in self.doc[after.i + 1 : sent.end])
            if not closing and after.text != ",":
                continue
            first, head = self._phrase_before(t)
            if self.text[max(0, first.idx - 2) : first.idx] != ", " or first.i <= sent.start + 1:
                continue
            if head.lemma_.lower() not in c["document_nouns"] | c["finders"] or head.i >= t.i:
                continue
            comma = first.idx - 2  # the content ends there when the cue closes its sentence
            ends_it = closing or not self.text[after.idx + 1 : sent.end_char].strip(" .!?")
            content = self.trimmed(sent.start_char, comma if ends_it else sent.end_char)
            if content[1] <= content[0]:
                continue
            frame = Frame(self.span(t, t), content, "indirect", cue_token=t.i, rank=1)
            frame.source, frame.head = self.trimmed(first.idx, t.idx), head
            self.frames = [f for f in self.frames if f.cue_token != t.i]
            self.frames.append(frame)

    def _phrase_before(self, cue: Any) -> tuple[Any, Any]:
        """(first token, head) of the noun phrase that ends right before `cue`: the
        words of a noun phrase back to the clause's edge ("leaked documents from his
        tax return", "fundraising documents"), its head the last noun before its first preposition."""
        k = cue.i - 1
        while k > 0 and not self.doc[k - 1].is_sent_end and self.doc[k - 1].lower_ not in ("that", "which", "who") and (
            self.doc[k - 1].pos_ in NOUN_PHRASE or self.doc[k - 1].tag_ == "VBG" and self.doc[k].pos_ in ("NOUN", "PROPN")
        ):
            k -= 1  # a gerund before a noun qualifies it ("fundraising documents", "polling data")
        while k < cue.i - 1 and self.doc[k].pos_ in ("ADP", "DET", "CCONJ"):
            k += 1  # a phrase does not open with a preposition
        head = self.doc[cue.i - 1]
        for tok in self.doc[k : cue.i]:
            if tok.pos_ == "ADP":
                break
            if tok.pos_ in ("NOUN", "PROPN"):
                head = tok
        return self.doc[k], head

    def adjective_frames(self) -> None:
        """"Sanders's aides are confident that …", "X was convinced that …": a belief
        held by a person or institution, with the clause as its content."""
        c = self.cues
        taken = {f.cue_token for f in self.frames}
        for t in self._candidates()[1]:
            if t.pos_ == "VERB" and any(ch.dep_ == "auxpass" for ch in t.children):
                verb = t  # "Republicans were incensed that …": the parser read the adjective as a passive
            elif t.dep_ != "acomp" or t.lemma_.lower() not in c["belief_adjectives"] | c["evaluation_adjectives"]:
                continue
            else:
                verb = t.head
            if verb.i in taken or t.i in taken or (verb is not t and verb.lemma_.lower() not in ("be", "seem", "appear", "remain", "become", "grow", "feel", "sound")):
                continue
            if self.in_quote(t) or any(ch.dep_ == "neg" for ch in list(verb.children) + list(t.children)):
                continue
            clause = next((ch for ch in list(t.children) + list(verb.children) if ch.i > t.i and (
                ch.dep_ == "ccomp" or (ch.dep_ in ("advcl", "csubj") and any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children)))), None)
            if clause is None:
                continue
            subj, antecedent = self.subject(verb) if verb is not t else (next((ch for ch in t.children if ch.dep_ in PASSIVE_SUBJECTS), None), None)
            if subj is None or not self._actor(subj):
                continue
            content = self._clause_span(clause)
            if content is None:
                continue
            first = min((ch for ch in verb.children if ch.dep_ in ("aux", "auxpass", "neg") and ch.i < verb.i), key=lambda ch: ch.i, default=verb)
            frame = Frame(self.span(first, t), content, "indirect", cue_token=verb.i, rank=1)
            frame.source, frame.head, frame.antecedent = self.source_span(subj, content), subj, antecedent
            self.frames.append(frame)

    def noun_frames(self) -> None:
        """"Trump's assertion that the migrants are …", "the ministry's estimate that
        …", "a claim by Tass that …": a claim noun with its owner and its clause."""
        c = self.cues
        for t in self._candidates()[2]:
            if t.lemma_.lower() not in c["claim_nouns"] or self.in_quote(t):
                continue
            clause = next((ch for ch in t.children if ch.i > t.i and ch.dep_ in ("acl", "ccomp", "relcl", "appos") and (
                any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children)
                or (t.lemma_.lower() in c["infinitive_nouns"] and any(m.dep_ == "aux" and m.lower_ == "to" for m in ch.children)))), None)
            if clause is None and t.lemma_.lower() in ("call", "demand", "plea", "appeal", "proposal"):
                # "the mayor's call for a curfew on …", "the union's demand for a 5% raise"
                prep = next((ch for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "for" and ch.i > t.i), None)
                clause = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
            if clause is None:
                continue
            owner = next((ch for ch in t.children if ch.dep_ == "poss" and ch.i < t.i), None)
            if owner is None:
                by = next((ch for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "by" and ch.i < clause.i), None)
                owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            named = [ch for ch in t.children if ch.dep_ == "compound" and ch.i < t.i and ch.pos_ == "PROPN"]
            if owner is None and named:  # "a New York Times report that …": the name before the noun
                owner = named[-1]
            if owner is None or not (self._actor(owner) or owner.lower_ in ("his", "her", "its", "their", "our", "my")):
                continue
            content = self._clause_span(clause)
            if content is None:
                continue
            start, end = self.subtree_span(owner)
            if owner.dep_ == "compound":
                start = min(start, named[0].left_edge.idx)
            if self.text[start:end].endswith(("’s", "'s")):
                end -= 2
            elif self.text[start:end].endswith(("’", "'")):
                end -= 1
            frame = Frame(self.span(t, t), content, "indirect", cue_token=t.i, rank=1)
            frame.source, frame.head = self.trimmed(start, end), owner
            self.frames.append(frame)

    def _judged(self, verb: Any, lemma: str, content: tuple[int, int]) -> tuple[int, int] | None:
        """The object a naming verb judges, when the content opens with it: "Russia sees [at least six million
        migrants] as a pool of soldiers" judges the migrants; how many there are is not Russia's claim but
        the report's it sits in."""
        if lemma not in self.cues["naming"] and lemma not in self.cues["naming_as"]:
            return None
        obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
        if obj is None or obj.left_edge.idx != content[0]:
            return None
        return obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)

    def _complement(self, verb: Any, lemma: str) -> tuple[int, int] | None:
        c = self.cues
        kids = [ch for ch in verb.children if ch.dep_ == "ccomp"]
        if kids and (lemma in c["speech"] or lemma in c["cognition"]):
            after = [k for k in kids if k.i > verb.i]
            if len(after) > 1 and len(after) == len(kids):
                # "said he had a source who told him the company hadn't paid taxes": the parser hung
                # the inner report's clause on the outer cue; one content runs to the end of the last
                first, last = self._clause_span(after[0]), self._clause_span(after[-1])
                if first is not None and last is not None:
                    return first[0], max(first[1], last[1])
            kid = max(kids, key=lambda k: len(list(k.subtree)))
            return self._clause_span(kid)
        if lemma in c["speech"]:
            # "testified at the hearing that …": the parser hangs the clause on the hearing
            for prep in (ch for ch in verb.children if ch.dep_ == "prep"):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    clause = next((r for r in obj.children if r.dep_ in ("relcl", "acl") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in r.children)), None)
                    if clause is not None:
                        return self._clause_span(clause)
        if lemma in c["naming"] or lemma in c["naming_as"]:  # "called Trump “unhinged”", "described the plan as a threat"
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            pred = next((ch for ch in verb.children if ch.dep_ in ("oprd", "xcomp", "ccomp") or (ch.dep_ == "prep" and ch.lower_ == "as")), None)
            if lemma not in c["naming"] and (pred is None or pred.lower_ != "as" or obj is None or obj.i < verb.i):
                pred = None  # "saw him leave" is no judgement
            if pred is None and obj is not None and lemma in c["naming"]:
                # "called his actions “a crucial step”": the parser makes the name an apposition
                pred = next((ch for ch in obj.children if ch.dep_ == "appos" and ch.i > obj.i), None)
            if obj is not None and pred is not None and obj.i < pred.i:
                return self.trimmed(obj.left_edge.idx, self._clause_span(pred)[1] if self._clause_span(pred) else pred.idx + len(pred.text))
        if lemma in c["accusing"]:  # "accused Republicans of placing …", "blamed the ministry for …"
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            preps = ("of", "for", "with") if lemma in c["accusing_with"] else ("of", "for")
            prep = None if obj is None else next((ch for ch in list(verb.children) + list(obj.children) if ch.dep_ == "prep" and ch.lower_ in preps and ch.i > obj.i), None)
            if prep is not None:
                return self.trimmed(obj.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text))
        preps = c["prepositional"].get(lemma, ())
        for ch in verb.children:  # "called for a ceasefire", "warned against any interference"
            if ch.dep_ == "advcl" and ch.i > verb.i and any(m.dep_ == "mark" and m.lower_ in preps for m in ch.children):
                return self._clause_span(ch)  # "is calling for the government to send …"
            if ch.dep_ == "prep" and ch.lower_ in preps:
                obj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    span = self._clause_span(obj)
                    # "called on the United States to act": the infinitive is part of it
                    xcomp = next((g for g in verb.children if g.dep_ == "xcomp" and g.i > obj.i), None)
                    if span is not None and xcomp is not None:
                        span = (span[0], max(span[1], self.subtree_span(xcomp)[1]))
                    return span
        if lemma == "make":  # "made it clear that …", "made the case that …", "made the case for …"
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            clauses = [ch for ch in verb.children if ch.dep_ == "ccomp"]
            clear = next((ch for ch in verb.children if ch.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and ch.lower_ in ("clear", "plain")), None)
            if clear is not None:
                clauses += [ch for ch in clear.children if ch.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children)]
                clauses = [k for k in clauses if k.i != clear.i]
                if clauses:
                    return self._clause_span(clauses[0])
            if obj is not None and obj.lemma_.lower() in c["claim_nouns"]:
                for ch in obj.children:
                    if ch.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children):
                        return self._clause_span(ch)
                    if ch.dep_ == "prep" and ch.lower_ in ("for", "against"):
                        pobj = next((g for g in ch.children if g.dep_ in ("pobj", "pcomp")), None)
                        if pobj is not None:
                            return self._clause_span(pobj)
                if clauses:
                    return self._clause_span(clauses[0])
        if lemma == "put":
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj"), None)
            at = next((ch for ch in verb.children if ch.dep_ == "prep" and ch.lower_ == "at"), None)
            figure = at is not None and any(g.like_num or g.text in ("$", "%", "€", "£") for g in at.subtree)
            if obj is not None and at is not None and obj.i < at.i and obj.lower_ != "it" and figure:  # not "put it at risk"
                # "a magazine put his fortune at $2 billion": an estimate
                return self.trimmed(obj.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
            if obj is not None and obj.lower_ == "it" and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
                if any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children):  # "as X put it, …"
                    return self._clause_span(verb.head, exclude=verb)
        if self._finding(verb):
            # "a poll shows Clinton with a lead", "the study found a 3% rise": a document's finding
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj" and ch.pos_ in ("NOUN", "PROPN", "NUM")), None)
            if obj is None:  # "the poll shows her with a lead of 5 points": a pronoun placed by the phrase after it
                obj = next((ch for ch in verb.children if ch.dep_ == "dobj" and ch.pos_ == "PRON" and ch.lower_ not in ("it", "that", "this", "what")
                            and any(p.dep_ == "prep" and p.i > ch.i for p in verb.children)), None)
            if obj is not None:
                return self.trimmed(obj.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text))
        if lemma in c["infinitive_content"] or lemma in c["intention"]:
            for ch in verb.children:
                if ch.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
                    return self._clause_span(ch)
            if any(ch.dep_ in ("dobj", "npadvmod") and ch.ent_type_ in ("DATE", "TIME") for ch in verb.children):
                # "pledged Saturday during a rally to scrap …": past the day it was said (which the parser may
                # take for the object), an infinitive the parser hangs as an adjunct, or on the occasion
                # where it was said, is the promise
                places = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                          and o.lemma_.lower() in c["occasion_nouns"]]
                for ch in [*verb.children, *(g for o in places for g in o.children if g.dep_ == "acl")]:
                    if ch.dep_ in ("advcl", "acl") and ch.i > verb.i and ch.tag_ == "VB" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
                        return self._clause_span(ch)
        if lemma in c["object_content"] or lemma in c["stance"] or lemma in c["evaluation"]:
            obj = next((ch for ch in verb.children if ch.dep_ == "dobj" and ch.pos_ == "NOUN"), None)
            if obj is not None and obj.lemma_.lower() in c["infinitive_nouns"]:
                # "announced plans this week to give $15 million": the parser hung the noun's infinitive on the verb
                infinitive = next((ch for ch in verb.children if ch.dep_ in ("xcomp", "advcl") and ch.i > obj.right_edge.i
                                   and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children)), None)
                if infinitive is not None:
                    return self.trimmed(obj.left_edge.idx, self.subtree_span(infinitive)[1])
            for ch in verb.children:
                if ch.dep_ == "dobj" and ch.ent_type_ in ("DATE", "TIME") and len(list(ch.subtree)) == 1:
                    continue  # "announced Sunday …": when, not what
                # a bare common noun ("denied it", "backed down") is too little to be a content
                if ch.dep_ == "dobj" and (ch.pos_ == "PROPN" or (ch.pos_ == "NOUN" and len(list(ch.subtree)) > 1)):
                    return self._clause_span(ch, minimum=1)
                # "reported $9 million in cash", "reported holding shares in Ford"
                if lemma in c["object_content"] and (
                    (ch.dep_ == "dobj" and ch.pos_ in ("NUM", "SYM"))
                    or (ch.dep_ in ("xcomp", "ccomp") and ch.tag_ == "VBG" and not any(g.dep_ in SUBJECTS for g in ch.children))
                ):
                    return self._clause_span(ch, minimum=1)
        if lemma in c["speech"]:  # "asked the men if they meant to return": the question
            for ch in verb.children:
                if ch.dep_ == "advcl" and ch.i > verb.i and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in ch.children):
                    return self._clause_span(ch)
        if lemma in c["speech"] and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and any(
            m.dep_ == "mark" and m.lower_ == "as" for m in verb.children
        ):
            return self._clause_span(verb.head, exclude=verb)  # "As the Times reported on Saturday, he has …"
        if (
            verb.dep_ == "conj" and lemma in c["speech"] and verb.i > 0 and self.doc[verb.i - 1].text == ","
            and any(ch.dep_ in SUBJECTS and ch.i > verb.i for ch in verb.children)
            and verb.head.left_edge.i < verb.i - 1
        ):
            # "…, but it is under pressure from imports, said the chief executive": the
            # parser made the inverted cue a conjunct of the clause it reports
            return self.trimmed(verb.head.left_edge.idx, self.doc[verb.i - 1].idx)
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            # "…, X said" and "In his state, X said, offenders are …": the clause around the cue
            return self._clause_span(verb.head, exclude=verb)
        return None


def _imperative(verb: Any) -> bool:
    """A bare present form that heads its sentence with no subject or auxiliary ("Remember that the
    museum shuts at five", "Assess where you stand"), or one joined to such a verb ("… and tell us")."""
    def bare(t: Any) -> bool:
        return t.tag_ in ("VB", "VBP") and not any(ch.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "expl", "csubj") for ch in t.children)
    if verb.dep_ == "conj":
        return bare(verb) and verb.head.dep_ == "ROOT" and bare(verb.head)
    return verb.dep_ == "ROOT" and bare(verb)
