"""The model's attribute ruler and lemmatizer, applied by table look-ups: the same annotations for less work.

The English model ends its tagging with two components written in Python: an attribute ruler (179 token
patterns that give each tag its part of speech and morphology, and some words their lemma) and a rule
lemmatizer. spaCy runs the ruler's patterns through its general `Matcher` and sets each match's attributes
token by token, and the lemmatizer visits every token; together they cost about a fifth of the parse.
`TokenAttributes` reads the same patterns and the same lemmatizer from the loaded model and applies them
through two caches: the attributes the ruler gives a token depend only on its tag, lower-case form,
dependency label and whether it is space (a pattern of two tokens is checked where its first token
matches), and a lemma only on the word, its part of speech and morphology (the lemmatizer's own cache
key); the lemmatizer's lists of known words are read as sets. The annotations are those of the model's
components, token for token (`tests/test_token_attributes.py` compares part of speech, morphology, lemma,
tag, dependency and head; `bench/token_attributes.py` does so on a corpus); a model whose ruler uses a
pattern this reader does not know, or whose lemmatizer is not rule-based, keeps its own components
(`install` returns False).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

NAME = "threadline_token_attributes"
FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # what a pattern may test, by place in a token's key
Values = tuple[str, str, str, bool]


def _predicate(spec: dict[str, Any]) -> Callable[[Values], bool]:
    """A test of a token's values for one token of a pattern; KeyError for a kind of test not read here."""
    checks: list[Callable[[Values], bool]] = []
    for name, want in spec.items():
        field = FIELDS[name]
        if isinstance(want, dict):
            ((op, arg),) = want.items()
            if op == "IN":
                allowed = frozenset(arg)
                checks.append(lambda v, f=field, s=allowed: v[f] in s)
            elif op == "NOT_IN":
                barred = frozenset(arg)
                checks.append(lambda v, f=field, s=barred: v[f] not in s)
            elif op == "REGEX":
                pattern = re.compile(arg)
                checks.append(lambda v, f=field, r=pattern: r.search(v[f]) is not None)
            else:
                raise KeyError(op)
        elif isinstance(want, (str, bool)):
            checks.append(lambda v, f=field, w=want: v[f] == w)
        else:
            raise KeyError(name)
    return lambda v: all(check(v) for check in checks)


def _named(want: Any) -> list[str] | None:
    """The values a pattern's test of a field allows, where it names them (a value or a list of them)."""
    if isinstance(want, str):
        return [want]
    if isinstance(want, dict) and set(want) == {"IN"}:
        return list(want["IN"])
    return None


class TokenAttributes:
    """The attribute ruler's and the lemmatizer's annotations, by look-up (see the module's docstring)."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise KeyError("lemmatizer")
        column = {POS: 0, MORPH: 1, LEMMA: 2, TAG: 3, DEP: 4}
        if lemmatizer.lookups.has_table("lemma_index"):
            # the lemmatizer asks whether a form is in a part of speech's list of words, a scan of
            # thousands each time; a set answers the same
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index):
                index[pos] = frozenset(index[pos])
        self.ruler, self.lemmatizer, self.strings = ruler, lemmatizer, ruler.vocab.strings
        # each pattern's first token, filed under the tags or the words it allows where it names them, so
        # that a new key tries only the patterns that may match it
        Entry = tuple[int, Callable[[Values], bool], Callable[[Values], bool] | None, int]
        self.general: list[Entry] = []
        self.by_tag: dict[str, list[Entry]] = {}
        self.by_lower: dict[str, list[Entry]] = {}
        for number, entry in enumerate(ruler.patterns):
            index = entry.get("index", 0)
            for pattern in entry["patterns"]:
                if not 1 <= len(pattern) <= 2 or not -len(pattern) <= index < len(pattern):
                    raise KeyError("pattern length")
                tests = [_predicate(token) for token in pattern]
                filed: Entry = (number, tests[0], tests[1] if len(tests) == 2 else None, index % len(tests))
                for field, table in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
                    allowed = _named(pattern[0].get(field))
                    if allowed is not None:
                        for value in allowed:
                            table.setdefault(value, []).append(filed)
                        break
                else:
                    self.general.append(filed)
        if len(ruler.attrs) != len(ruler.patterns):
            raise KeyError("attrs")
        self.sets = [{column[attr]: value for attr, value in attrs.items()} for attrs in ruler.attrs]
        self.keys: dict[tuple[int, int, int, int], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self.starts: dict[tuple[int, int, int, int], tuple[tuple[int, Any, int], ...]] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def _values(self, key: tuple[int, int, int, int]) -> Values:
        strings = self.strings
        return strings[key[0]], strings[key[1]], strings[key[2]] if key[2] else "", bool(key[3])

    def _apply(self, numbers: tuple[int, ...], key: tuple[int, int, int, int]) -> tuple[int, ...]:
        """POS, MORPH, LEMMA, TAG and DEP after the patterns `numbers` in the ruler's order (later ones win)."""
        out = [0, 0, 0, key[0], key[2]]
        for number in sorted(numbers):
            for column, value in self.sets[number].items():
                out[column] = value
        return tuple(out)

    def _single(self, key: tuple[int, int, int, int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        found = self.keys.get(key)
        if found is None:
            values = self._values(key)
            tried = self.general + self.by_tag.get(values[0], []) + self.by_lower.get(values[1], [])
            passed = [(number, second, index) for number, first, second, index in tried if first(values)]
            numbers = tuple(sorted(number for number, second, _ in passed if second is None))
            found = self.keys[key] = (numbers, self._apply(numbers, key))
            self.starts[key] = tuple(start for start in passed if start[1] is not None)
        return found

    def __call__(self, doc: Any) -> Any:
        import numpy as np
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        table = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA])
        if not len(table):
            return doc
        if table[:, 4:].any():  # set before: the model's own components, which know what to keep
            return self.lemmatizer(self.ruler(doc))
        keys = [tuple(row) for row in table[:, :4].tolist()]
        single = self._single
        found = [single(key) for key in keys]
        out = [attrs for _, attrs in found]
        starts, extra = self.starts, dict[int, list[int]]()
        for i, key in enumerate(keys[:-1]):
            for number, second, index in starts[key]:
                if second(self._values(keys[i + 1])):
                    extra.setdefault(i + index, []).append(number)
        for i, numbers in extra.items():
            out[i] = self._apply(found[i][0] + tuple(numbers), keys[i])
        result = np.array(out, dtype="uint64")
        doc.from_array([POS, MORPH, LEMMA], result[:, :3])
        for i in np.flatnonzero((result[:, 3] != table[:, 0]) | (result[:, 4] != table[:, 2])).tolist():
            token = doc[i]  # a tag or a dependency label the ruler sets (space tokens): rare
            token.tag, token.dep = int(result[i, 3]), int(result[i, 4])
        words = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = words[:, 3]
        missing = np.flatnonzero(lemmas == 0)
        if len(missing):
            cache, lemmatize, strings = self.lemmas, self.lemmatizer.lemmatize, self.strings
            for i, (orth, pos, morph) in zip(missing.tolist(), words[missing, :3].tolist(), strict=True):
                lemma = cache.get((orth, pos, morph))
                if lemma is None:
                    lemma = cache[orth, pos, morph] = strings.add(lemmatize(doc[i])[0])
                lemmas[i] = lemma
            doc.from_array([LEMMA], lemmas)
        return doc


def install(nlp: Any) -> bool:
    """Put `TokenAttributes` where the model's attribute ruler stands and take the ruler and the lemmatizer
    out of the pipeline; False, and the pipeline as it was, when the model's components are of a kind it
    does not read."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return False
    if not Language.has_factory(NAME):
        Language.factory(NAME)(lambda nlp, name: TokenAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")))
    try:
        nlp.add_pipe(NAME, before="attribute_ruler")
    except KeyError:  # a pattern or a lemmatizer of a kind it does not read: nothing was added
        return False
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return True
