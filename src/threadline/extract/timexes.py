"""Temporal expressions with TimeML values, anchored on the document's publish date.

Candidates come from patterns (`timex_patterns`); the longest wins where they
overlap. Each is normalised to a TimeML value: absolute dates as written
("April 13, 2023" -> 2023-04-13), relative ones against the publish date
("last month", "on Tuesday", "since the beginning of the year"), durations
("18 months" -> P18M) and sets ("a month" after an amount -> P1M). The tense of
the governing verb decides the direction of a bare weekday or month: "said on
Tuesday" is the Tuesday before the publish date, "will meet on Tuesday" (or
"would meet", reported speech's future) the one after. A document without a
publish date anchors them on its lead's dateline when that gives a full date
("ALMATY, March 12, 2025 - "), else keeps relative expressions unresolved (`resolved` false, value null or an underspecified "XXXX-08"); they
are never anchored on today. "the same day", "the next day" are anchored on the
last resolved date before them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import islice
from typing import Any

from .. import timeml
from ..pipeline import Context, Record, component, make_record
from ..timeutil import TimePoint
from .attribution_frames import dateline_spans
from .numbers import words_value
from .timex_patterns import CENTURY_WORDS, SEASON_PREPS, TEMPORAL_PREPS, Candidate, find, lexicon, word_before

PRECISION_RANK = {"year": 1, "month": 2, "day": 3, "minute": 4}
NAME_LABELS = ("ORG", "PERSON", "FAC", "LAW")
# Rule preference when two candidates cover the same characters.
PRIORITY = {"rate": 0, "set": 1, "week_of": 2, "date": 3, "ago": 4, "age": 5, "anaphor": 6}
QUANTITY_WORDS = ("about", "some", "nearly", "almost", "over", "than", "to", "least", "around", "roughly", "approximately", "no.", "number", "article")
TIME_NOUNS = (
    "year", "years", "month", "months", "season", "seasons", "quarter", "quarters", "period", "budget", "census",
    "sales", "earnings", "results", "profits", "revenues", "levels", "figures", "elections", "games", "olympics", "talks",
)


# Words after a season that leave it a time ("the winter months", "in spring when ...", "last summer's"); any
# other lower-case word after "the winter" is a noun it qualifies ("the winter fuel allowance").
SEASON_FOLLOWERS = frozenset((
    "months", "month", "weeks", "week", "days", "holidays", "holiday", "break", "recess", "term", "session", "season",
    "of", "and", "or", "but", "when", "while", "as", "after", "before", "until", "to", "in", "on", "at", "for", "from",
    "with", "by", "that", "which", "the", "a", "an", "this", "its", "their", "his", "her", "is", "was", "were", "are",
    "will", "would", "has", "had", "have", "be", "been", "it", "they", "he", "she", "we", "i", "there", "than", "so",
    "if", "because", "then", "too", "again", "already", "also", "alone", "ahead", "approaches", "arrives", "comes",
))


class Anchor:
    """The publish date and the last resolved date, for relative expressions."""

    def __init__(self, published: Any) -> None:
        self.dct: date | None = None
        self.rank = 0
        if published is not None and published.as_date() is not None:
            self.dct = published.as_date()
            self.rank = PRECISION_RANK.get(published.precision, 3)
        self.references: dict[str, tuple[date, str]] = {}  # precision -> (first day, value) of the last date so precise
        self.quarter: tuple[int, int] | None = None  # (year, quarter) of the results being reported, while no longer period is named

    def has(self, precision: str) -> bool:
        return self.dct is not None and self.rank >= PRECISION_RANK[precision]

    @property
    def value(self) -> str | None:
        return timeml.day_value(self.dct) if self.dct else None


def _tense(doc: Any, start: int, end: int) -> str | None:
    """past / future / present from the verb governing the span (None when there is no verb)."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ in ("will", "shall") or a.tag_ == "MD" and a.lower_ in ("will", "'ll", "shall") for a in auxes):
        return "future"
    if any(a.lower_ == "would" for a in auxes) and not any(a.lemma_ == "have" for a in auxes):  # "said it would open in March"
        return "future"
    if any(a.lower_ == "to" for a in auxes) and tok.head.lemma_ in ("plan", "expect", "intend", "schedule", "due", "set", "aim", "hope", "go", "agree", "promise", "vow", "pledge", "decide", "prepare", "threaten", "want", "seek", "likely"):
        return "future"
    if tok.lemma_ == "go" and any(c.dep_ == "xcomp" for c in tok.children):
        return "future"
    if tok.tag_ == "VBN" and auxes and all(a.tag_ in ("VBZ", "VBP", "MD", "VB", "VBG") and a.lemma_ != "have" for a in auxes):
        return "present"  # "is held", "must be repaid", "can be seen": no past in it
    if tok.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if tok.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


def _weekday(anchor: Anchor, wd: int, rel: str, tense: str | None) -> date:
    dct = anchor.dct
    assert dct is not None
    back = (dct.isoweekday() - wd) % 7
    fwd = (wd - dct.isoweekday()) % 7
    if rel in ("last", "the previous", "this past"):
        return dct - timedelta(days=back or 7)
    if rel in ("next", "the following", "this coming"):
        return dct + timedelta(days=fwd or 7)
    if tense == "future":
        return dct + timedelta(days=fwd)
    if tense in ("past", "present") or back <= 4:
        return dct - timedelta(days=back)
    return dct + timedelta(days=fwd)


def _year_for(anchor: Anchor, position: int, current: int, tense: str | None, rel: str = "", span: int = 12, slack: int = 1) -> int:
    """The year of a month/quarter/season named without one (`position` and `current` count in the
    same unit, `span` of them a year): in the past for a past-tense verb, in the future for a future
    one, else the nearest, leaning to the past. `slack` tolerates a date just the other side of the
    anchor ("said it will pay on Nov. 20" in a report of Nov. 2 is this year's)."""
    assert anchor.dct is not None
    year = anchor.dct.year
    if rel in ("last", "this past"):
        return year if position < current else year - 1
    if rel in ("next", "this coming"):
        return year if position > current else year + 1
    if rel == "this":
        return year
    if tense == "past" and position > current + slack:
        return year - 1
    if tense == "future" and position < current - slack:
        return year + 1
    if tense not in ("past", "future"):
        if position - current > span // 4:
            return year - 1
        if current - position > 3 * span // 4:
            return year + 1
    return year


def _month(name: str) -> int:
    return int(lexicon()["months"][name.lower().rstrip(".")])


def _number(text: str) -> float | None:
    text = text.lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in ("a", "an", "one"):
        return 1.0
    if text == "a couple of":
        return 2.0
    if text in ("a few", "several", "many", "few"):
        return None
    return words_value(text)


def _unit(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def _duration(n: float | None, unit: str) -> str:
    letter, timed = lexicon()["units"][unit]
    if unit == "quarter":
        letter, n = "M", (n * 3 if n is not None else None)
    amount = "X" if n is None else (f"{int(n)}" if float(n).is_integer() else f"{n:g}")
    return f"P{'T' if timed else ''}{amount}{letter}"


def _shift(d: date, unit: str, n: int) -> tuple[str, str]:
    """The value `n` units from day `d`, at the unit's precision."""
    if unit == "day":
        return timeml.day_value(d + timedelta(days=n)), "day"
    if unit in ("week", "weekend"):
        value = timeml.week_value(d + timedelta(weeks=n))
        return (value + "-WE", "week") if unit == "weekend" else (value, "week")
    if unit == "month":
        y, m = timeml.add_months(d.year, d.month, n)
        return timeml.month_value(y, m), "month"
    if unit == "quarter":
        y, m = timeml.add_months(d.year, d.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter"
    if unit == "decade":
        return f"{(d.year + 10 * n) // 10:03d}", "decade"
    if unit == "century":
        return f"{(d.year + 100 * n) // 100:02d}", "century"
    return f"{d.year + n:04d}", "year"


NEEDS = {"day": "day", "week": "day", "weekend": "day", "month": "month", "quarter": "month", "year": "year", "decade": "year", "century": "year"}


def normalise(c: Candidate, text: str, anchor: Anchor, tense: str | None) -> dict[str, Any] | None:
    """TimeML type/value/precision/mod for a candidate; None to drop it."""
    if tense != "past" and word_before(text, c.start) in ("until", "till", "through", "effective", "by"):
        tense = "future"  # the end or start of a term not told in the past: "runs through January", "effective Feb. 1"
    g = c.groups
    kind = c.kind
    mod = _mod(g.get("mod"))
    out: dict[str, Any] = {"type": "date", "value": None, "precision": None, "anchor": None, "resolved": True}
    if mod:
        out["mod"] = mod

    def relative(value: str | None, precision: str, need: str, partial: str | None = None) -> dict[str, Any]:
        if value is not None and anchor.has(need):
            out.update(value=value, precision=precision, anchor=anchor.value)
        else:
            out.update(value=partial, precision=precision, resolved=False)
        return out

    if kind in ("date", "iso", "slash", "week_of"):
        month = _month(g["mon"]) if "mon" in g else int(g["month"])
        day = int(g["day"])
        if "year" in g:
            try:
                d = date(int(g["year"]), month, day)
            except ValueError:
                return None
            out.update(value=timeml.day_value(d), precision="day")
        elif anchor.has("year"):
            dct = anchor.dct
            assert dct is not None
            year = _year_for(anchor, month * 31 + day, dct.month * 31 + dct.day, tense, span=372, slack=60)
            try:
                d = date(year, month, day)
            except ValueError:
                return None
            out.update(value=timeml.day_value(d), precision="day", anchor=anchor.value)
        else:
            out.update(value=f"XXXX-{month:02d}-{day:02d}", precision="day", resolved=False)
            return out
        if kind == "week_of":
            out.update(value=timeml.week_value(d), precision="week")
        return out
    if kind == "month_year":
        out.update(value=timeml.month_value(int(g["year"]), _month(g["mon"])), precision="month")
        return out
    if kind == "year":
        if "mod" not in g and not _plausible_year(c, text):
            return None
        out.update(value=g["year"], precision="year")
        return out
    if kind == "decade":
        if "dword" in g:  # "the nineties"
            tens = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties").index(g["dword"].lower()) + 2
            dec = f"19{tens}"
        else:
            dec = g["dec"][:3] if "dec" in g else "19" + g["short"][0]
        out.update(value=dec, precision="decade")
        return out
    if kind == "century":  # "the 14th century", "the fourteenth century", "the 1300s": the years 13xx
        if "cword" in g:
            number = CENTURY_WORDS.index(re.sub(r"[\s-]+", " ", g["cword"].lower())) + 1
        else:
            number = int(g["ord"]) if "ord" in g else int(g["hundreds"]) + 1
        out.update(value=f"{number - 1:02d}", precision="century")
        return out
    if kind in ("quarter", "half"):
        ords = lexicon()["ordinals"]
        letter = "Q" if kind == "quarter" else "H"
        if "edge" in g:  # "the final quarter of 2006": the year's first or last part
            n = 1 if g["edge"].lower() == "first" else (4 if letter == "Q" else 2)
        else:
            n = int(g["q"]) if "q" in g else int(ords[g["ord"].lower()])
        if "year" in g or "year0" in g:
            out.update(value=f"{g.get('year') or g['year0']}-{letter}{n}", precision="quarter" if letter == "Q" else "half")
            return out
        if not anchor.has("month"):
            return relative(None, "quarter", "month", f"XXXX-{letter}{n}")
        assert anchor.dct is not None
        current = timeml.quarter_of(anchor.dct) if letter == "Q" else (anchor.dct.month - 1) // 6 + 1
        rel = re.sub(r"\s+", " ", (g.get("det") or "").lower())
        if rel.endswith("year's"):  # "this year's third quarter", "next year's first quarter"
            year = anchor.dct.year + {"this": 0, "last": -1, "next": 1}[rel.split()[0]]
        else:
            year = _year_for(anchor, n, current, tense or "past", rel if rel in ("last", "next", "this") else "", span=4, slack=0 if tense == "past" else 1)
            year -= rel in ("the year-ago", "the year-earlier")  # "the year-ago third quarter"
        return relative(f"{year}-{letter}{n}", "quarter" if letter == "Q" else "half", "month")
    if kind == "season":
        code = lexicon()["seasons"][g["season"].lower()]
        rel = (g.get("rel") or "").lower()
        if "year" in g:
            out.update(value=f"{g['year']}-{code}", precision="season")
            return out
        if not rel and word_before(text, c.start) not in SEASON_PREPS and "mod" not in g:
            return None
        if re.match(r"\s+of\s+(?!\d)", text[c.end:c.end + 6]):
            return None
        after = re.match(r"[ \t]+([a-z]+)\b", text[c.end:c.end + 24])
        if rel in ("", "the") and after and after.group(1) not in SEASON_FOLLOWERS and not after.group(1).endswith(("ed", "ly")):
            return None  # "the winter fuel allowance", "a summer school": the season names a kind of thing, not a time
        if not anchor.has("month"):
            return relative(None, "season", "month", f"XXXX-{code}")
        assert anchor.dct is not None
        first = timeml.SEASONS[code][0]
        year = _year_for(anchor, first, anchor.dct.month, tense, "" if rel == "the" else rel)
        return relative(f"{year}-{code}", "season", "month")
    if kind == "relday":
        word = g["rd"].lower()
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}[word]
        part = lexicon()["parts_of_day"].get((g.get("pod") or "").lower()) or ("NI" if word == "tonight" else None)
        if anchor.has("day"):
            assert anchor.dct is not None
            value = timeml.day_value(anchor.dct + timedelta(days=shift))
            if part:
                out["type"] = "time"
                value += "T" + part
            return relative(value, "day", "day")
        return relative(None, "day", "day")
    if kind == "ref":
        value = lexicon()["references"][re.sub(r"\s+", " ", g["ref"].lower())]
        out.update(value=value, precision="ref")
        return out
    if kind == "weekday":
        wd = int(lexicon()["weekdays"][g["wd"].lower().rstrip(".")])
        rel = (g.get("rel") or "").lower()
        if rel in ("early", "late", "earlier", "later"):
            out["mod"] = _mod(rel) or out.get("mod")
            rel = ""
        part = lexicon()["parts_of_day"].get((g.get("pod") or "").lower().rstrip("s"))
        if part:
            out["type"] = "time"
        if not anchor.has("day"):
            return relative(None, "day", "day", f"XXXX-WXX-{wd}")
        value = timeml.day_value(_weekday(anchor, wd, rel, tense))
        return relative(value + (f"T{part}" if part else ""), "day", "day")
    if kind in ("rel_unit", "mod_unit", "weekend", "year_end"):
        rel = (g.get("rel") or "the").lower()
        unit = (g.get("unit") or ("weekend" if kind == "weekend" else "")).lower().replace("fiscal year", "year")
        if kind == "year_end":
            unit, rel = rel, "the"
            out["mod"] = "END" if g["which"].lower() == "end" else "START"
        if kind == "mod_unit" and g["mod"].lower() in ("earlier", "later"):
            out.pop("mod", None)
        if rel in ("the past", "the last", "the latest") and kind == "rel_unit" and unit != "weekend":
            out.update(type="duration", value=_duration(1, unit), precision=unit)
            return out
        if rel == "that":
            return _anaphor(out, anchor, unit, 0)
        n = {"last": -1, "the previous": -1, "next": 1, "the coming": 1, "the next": 1, "the following": 1, "this past": -1}.get(rel, 0)
        need = NEEDS.get(unit, "year")
        if not anchor.has(need):
            return relative(None, unit, need)
        assert anchor.dct is not None
        weekday = anchor.dct.isoweekday()
        if unit == "weekend" and rel in ("the", "this") and tense != "future" and (weekday <= 2 or tense == "past" and weekday < 6):
            n = -1  # "over the weekend" in a weekday's report: the one just gone
        value, precision = _shift(anchor.dct, unit, n)
        return relative(value, precision, need)
    if kind == "fin_quarter":
        if not anchor.has("month"):
            return relative(None, "quarter", "month")
        assert anchor.dct is not None
        det = re.sub(r"\s+", " ", g["det"].lower())
        if anchor.quarter and det != "the current":  # the quarter of the results reported, or that quarter a year back
            y, q = anchor.quarter
            return relative(f"{y - ('year' in det):04d}-Q{q}", "quarter", "month")
        shift = {"the current": 0}.get(det, -1) - (4 if "year" in det else 0)
        y, m = timeml.add_months(anchor.dct.year, anchor.dct.month, 3 * shift)
        return relative(f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter", "month")
    if kind == "spelled_year":
        spelled = _spelled_year(g["syear"])
        if spelled is None and re.fullmatch(r"the\s+year\s+two\s+thousand", text[c.start:c.end], re.IGNORECASE):
            spelled = 2000  # "the year two thousand"; bare "two thousand" is a count
        if spelled is None or COUNT_AFTER.match(text, c.end):  # "two thousand and five hundred people": a count
            return None
        if "mon" in g:  # "January nineteen ninety-seven"
            out.update(value=timeml.month_value(spelled, _month(g["mon"])), precision="month")
        elif "season" in g:  # "the winter of nineteen ninety-four"
            out.update(value=f"{spelled:04d}-{lexicon()['seasons'][g['season'].lower()]}", precision="season")
        else:
            out.update(value=f"{spelled:04d}", precision="year")
        return out
    if kind == "month":
        rel = (g.get("rel") or "").lower()
        if not rel and "mod" not in g and "yrel" not in g and not _month_context(c, text):
            return None
        month = _month(g["mon"])
        if "yrel" in g:
            if not anchor.has("year"):
                return relative(None, "month", "year", None)
            assert anchor.dct is not None
            year = anchor.dct.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
            return relative(timeml.month_value(year, month), "month", "year")
        if not anchor.has("month"):
            return relative(None, "month", "month", f"XXXX-{month:02d}")
        assert anchor.dct is not None
        year = _year_for(anchor, month, anchor.dct.month, tense, rel)
        return relative(timeml.month_value(year, month), "month", "month")
    if kind == "ago":
        count = _number(g["n"])
        unit = _unit(g["unit"])
        direction = lexicon()["directions"][g["dir"].lower()]
        if g.get("q"):
            out["mod"] = lexicon()["duration_modifiers"][g["q"].lower()]
        need = NEEDS.get(unit, "year")
        if count is None and direction < 0 and g["dir"].lower() == "ago":  # "a few years ago": before the time of writing
            out.update(value="PAST_REF", precision="ref")
            return out
        if count is None or unit not in NEEDS or not float(count).is_integer():
            return relative(None, unit if unit in NEEDS else "year", need)
        if not anchor.has(need):
            return relative(None, unit, need)
        assert anchor.dct is not None
        if unit == "year" and count == 1 and direction < 0 and anchor.has("month"):
            sentence = _sentence(text, c.start, c.end)
            if anchor.quarter and AMOUNT.search(sentence):
                # "from $85 million a year ago" in a report of a quarter's results: that quarter, a year back
                return relative(f"{anchor.quarter[0] - 1:04d}-Q{anchor.quarter[1]}", "quarter", "month")
            if "quarter" in sentence:  # next to quarterly results: the latest quarter, a year back
                y, m = timeml.add_months(anchor.dct.year, anchor.dct.month, -15)
                return relative(f"{y:04d}-Q{(m - 1) // 3 + 1}", "quarter", "month")
        value, precision = _shift(anchor.dct, unit, int(direction * count))
        return relative(value, precision, need)
    if kind == "year_back":
        return _year_back(out, g, anchor, relative)
    if kind == "anaphor":
        a = g["a"].lower()
        shift = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}.get(a, 0)
        return _anaphor(out, anchor, g["unit"].lower(), shift)
    if kind in ("duration", "age"):
        unit = _unit(g["unit"])
        amount = _number(g["n"])
        if amount is None and g["n"].lower() not in ("a few", "several", "many", "few") or (amount or 0) > 500:
            return None
        if g.get("q"):
            out["mod"] = lexicon()["duration_modifiers"][g["q"].lower()]
        out.update(type="duration", value=_duration(amount, unit), precision=unit)
        return out
    if kind == "vague_duration":
        unit = _unit(g["unit"])
        out.update(type="duration", value=_duration(None, unit), precision=unit)
        return out
    if kind == "set":
        if "setword" in g:
            value = lexicon()["sets"][g["setword"].lower()]
        elif "wd2" in g:
            value = f"XXXX-WXX-{lexicon()['weekdays'][g['wd2'].lower().rstrip('.')]}"
        else:
            unit = g["unit"].lower()
            if unit in ("morning", "evening", "night"):
                value = f"TXX{lexicon()['parts_of_day'][unit]}"
            else:
                value = _duration(1, unit)
        out.update(type="set", value=value, precision=timeml.precision_of(value) or "day")
        return out
    if kind == "rate":
        if not re.search(r"(?:\d|%|\)|\b(?:twice|once|times|[a-z]+s))\s$", text[max(0, c.start - 30):c.start], re.IGNORECASE):
            return None
        if re.match(r"\s+(?:after|before|later|earlier|ago|since|into)\b", text[c.end:c.end + 12], re.IGNORECASE):
            return None  # "The crash comes a day after the swap": how long after, not how often
        unit = g["unit"].lower()
        out.update(type="set", value=_duration(1, unit), precision=unit)
        return out
    if kind == "time":
        hour = int(g["h"])
        ap = (g.get("ap") or "").lower().replace(".", "")
        if ap == "pm" and hour < 12:
            hour += 12
        if ap == "am" and hour == 12:
            hour = 0
        if not ap and not g.get("zone") and ":" not in text[c.start:c.end]:
            return None
        clock = f"T{hour:02d}:{g.get('mi') or '00'}"
        out["type"] = "time"
        if anchor.has("day"):
            return relative(timeml.day_value(anchor.dct) + clock, "minute", "day")  # type: ignore[arg-type]
        return relative(None, "minute", "day", "XXXX-XX-XX" + clock)
    if kind == "daypart":
        out["type"] = "time"
        word = (g.get("word") or "").lower()
        if word:
            part = {"noon": "T12:00", "midnight": "T24:00", "overnight": "TNI"}[word]
            shift = 0
        else:
            rel = g["rel"].lower()
            part = "T" + lexicon()["parts_of_day"][g["pod"].lower()]
            shift = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(rel, 0)
        if anchor.has("day"):
            assert anchor.dct is not None
            return relative(timeml.day_value(anchor.dct + timedelta(days=shift)) + part, "day", "day")
        return relative(None, "day", "day")
    return None


AMOUNT = re.compile(r"[$£€]\s?\d|\d\s?%|\b(?:cents?|percent|million|billion)\b")


def _year_back(out: dict[str, Any], g: dict[str, str], anchor: Anchor, relative: Any) -> dict[str, Any] | None:
    """The periods of results reports: "the year-ago period", "year-earlier profit", "the corresponding period
    last year" (the quarter reported, a year back; else the year before the publication), "the 1989 period"
    (that year's quarter, else the year), "the latest period" (the quarter reported; else not a date)."""
    year = g.get("year") or g.get("year2")
    if anchor.quarter:
        y, q = anchor.quarter
        if year:
            y = int(year)
        elif not g.get("latest"):
            y -= 1
        return relative(f"{y:04d}-Q{q}", "quarter", "month")
    if year:
        out.update(value=year, precision="year")
        return out
    if g.get("latest"):
        return None
    return relative(f"{anchor.dct.year - 1:04d}" if anchor.dct else None, "year", "year")


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min(x for x in (text.find(". ", end), text.find("\n", end), len(text)) if x != -1)
    return text[left:right].lower()


COUNT_AFTER = re.compile(r"[\s-]+(?:hundred|thousand|million|billion|people|persons|men|women|children)\b", re.IGNORECASE)


def _spelled_year(words: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001; None for a count: "twenty-five"
    (a hyphen after the century word makes one number) and "twenty-five hundred" (a scale word ends it)."""
    if re.match(r"(?:nineteen|twenty)-", words.lower()):
        return None
    parts = re.split(r"[\s-]+", words.lower())
    if parts[-1] in ("hundred", "thousand"):
        return None
    if parts[:2] == ["two", "thousand"]:
        rest = words_value(" ".join(p for p in parts[2:] if p != "and")) if len(parts) > 2 else 0
        return 2000 + int(rest or 0)
    head = words_value(parts[0])
    rest_words = [p for p in parts[1:] if p not in ("hundred", "and")]
    rest = words_value(" ".join(rest_words)) if rest_words else 0
    if head is None or rest is None or not 0 <= rest < 100:
        return None
    return int(head) * 100 + int(rest)


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    word = re.sub(r"\s+", " ", word.lower())
    return lexicon()["modifiers"].get(word) or {"earlier": "START", "later": "END"}.get(word)


def _anaphor(out: dict[str, Any], anchor: Anchor, unit: str, shift: int) -> dict[str, Any]:
    """ "the same day", "the next month": from the last date mentioned at least as precisely."""
    need = NEEDS.get(unit, "year")
    ref = anchor.references.get(need)
    if ref is None:
        out.update(value=None, precision=unit, resolved=False)
        return out
    value, precision = _shift(ref[0], unit, shift)
    out.update(value=value, precision=precision, anchor=ref[1])
    return out


def _plausible_year(c: Candidate, text: str) -> bool:
    """A bare four-digit number is a year unless it counts something or is an amount."""
    if c.groups.get("fiscal"):
        return True
    before = text[max(0, c.start - 16):c.start].lower().split()
    if before and before[-1].strip("(") in QUANTITY_WORDS:
        return False
    nxt = re.match(r"\s+([A-Za-z]+)", text[c.end:c.end + 20])
    if nxt and nxt.group(1).islower() and nxt.group(1).endswith("s") and nxt.group(1) not in TIME_NOUNS:
        return False
    return not re.match(r"\s*(?:%|percent|per cent)", text[c.end:c.end + 9])


def _month_context(c: Candidate, text: str) -> bool:
    before = word_before(text, c.start)
    after = text[c.end:c.end + 12]
    if re.match(r"\s*(?:,\s*)?(?:19|20)\d\d", after):
        return True
    if before not in TEMPORAL_PREPS:
        return False
    return not re.match(r"[ \t]+(?-i:[A-Z][a-z])", after)  # "in May Day", "in June Smith's"


def _select(cands: list[Candidate]) -> list[Candidate]:
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), PRIORITY.get(c.kind, 10), c.start))
    chosen: list[Candidate] = []
    for c in ordered:
        if all(c.end <= k.start or c.start >= k.end for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def tag(text: str, published: Any, doc: Any = None, names: list[tuple[int, int]] | None = None) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, data) for every temporal expression in `text`, in order."""
    anchor = Anchor(published)
    names = names or []
    out = []
    for c in _select(find(text)):
        if any(s <= c.start and c.end <= e for s, e in names):
            continue
        data = normalise(c, text, anchor, _tense(doc, c.start, c.end))
        if data is None:
            continue
        start = c.start
        if c.kind == "vague_duration" and c.groups["lead"].lower() in ("for", "over"):
            start = c.start + len(c.groups["lead"]) + 1
        out.append((start, c.end, data))
        _results_period(anchor, c, data, text)
        if data["type"] in ("date", "time") and data["resolved"] and data["value"]:
            span = timeml.interval(data["value"].split("T")[0])
            rank = PRECISION_RANK.get("day" if data["precision"] in ("day", "minute") else data["precision"], 0)
            if span:
                for level, r in PRECISION_RANK.items():
                    if level != "minute" and r <= rank:
                        anchor.references[level] = (span[0], data["value"].split("T")[0])
    return out


LONGER_PERIODS = ("P6M", "P9M", "P12M", "P1Y")


def _results_period(anchor: Anchor, c: Candidate, data: dict[str, Any], text: str) -> None:
    """Keep the quarter whose results a report gives ("third-quarter net rose"), for the year-back expressions
    after it: a quarter over by the publication, the first one named or a later one named with an amount
    ("posted fiscal second-quarter net of $8.6 million"), not one forecast ("a fourth-quarter charge") or
    recalled in passing ("after a flat second quarter"); a longer period named ("the first nine months",
    "1989", "this year", "the first half") ends it."""
    value = data.get("value") or ""
    det = (c.groups.get("det") or "").lower()
    if c.kind == "quarter" and re.fullmatch(r"\d{4}-Q[1-4]", value) and "year-" not in det:
        year, q = int(value[:4]), int(value[-1])
        over = anchor.dct is not None and date(*timeml.add_months(year, 3 * q + 1, 0), 1) <= anchor.dct
        if over and (anchor.quarter is None or AMOUNT.search(_sentence(text, c.start, c.end))):
            anchor.quarter = (year, q)
    elif c.kind in ("year", "half") or c.kind == "rel_unit" and data.get("precision") == "year" or value in LONGER_PERIODS:
        anchor.quarter = None


def dateline_day(text: str, found: list[tuple[int, int, dict[str, Any]]]) -> TimePoint | None:
    """The full date of the lead's dateline ("ALMATY, March 12, 2025 - ", "Almaty, 12 March 2025 - "), among
    the first four lines that hold anything: the day the report is written on."""
    ends = [m.end() for m in islice(re.finditer(r"[^\n]+", text), 4)]
    spans = dateline_spans(text, ends[-1]) if ends else []
    if not spans:
        return None
    start, end = spans[0]
    return next((TimePoint(d["value"], "day") for s, e, d in found
                 if start <= s and e <= end and d["type"] == "date" and re.fullmatch(r"\d{4}-\d\d-\d\d", d.get("value") or "")), None)


@component("timexes", 8, requires=("mention",), assigns=("timex",))
def TIMEXES(ctx: Context) -> list[Record]:
    names = [(m.start, m.end) for m in ctx.of("mention") if m.data.get("label") in NAME_LABELS]
    published = ctx.document.published
    found = tag(ctx.text, published, ctx.doc, names)
    lead = dateline_day(ctx.text, found) if published is None else None
    if lead is not None:  # no publish date: "on Tuesday" is the Tuesday before the dateline's day
        found = tag(ctx.text, lead, ctx.doc, names)
    return [make_record("timex", ctx.text, start, end, **data) for start, end, data in found]
