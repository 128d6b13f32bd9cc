"""Extractor components and the per-document analysis they make up.

A component is a plain function from a `Context` to a list of `Record`s,
declared with a name, a version, the record kinds it reads (`requires`) and the
kinds it adds (`assigns`). `check_order` refuses a pipeline in which a component
reads a kind that no earlier component assigns. `analyze_document` is a pure
function: a document in, plain serialisable records out, so it runs the same in
one process, a process pool or on a cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .document import Document

# Short codes for record ids: "<code>-<doc id>-<seq>".
KIND_CODES = {
    "mention": "m",
    "attribution": "a",
    "timex": "t",
    "figure": "f",
    "event": "e",
    "indicator": "i",
}


# Which record kind each reference in a record's data points at (by its position in that kind's list);
# events also point at mentions from their arguments and at a timex from their time; a coreference
# `reference` names its chain by a number of its own ("chain" in `base` moves it).
REFS = {
    "attribution": {"parent": "attribution", "source_mention": "mention"},
    "figure": {"timex": "timex"},
    "event": {"attribution": "attribution", "figure": "figure"},
    "indicator": {"event": "event", "mention": "mention"},
    "reference": {"entity": "mention"},
}


def shift_refs(kind: str, data: dict[str, Any], base: dict[str, int]) -> dict[str, Any]:
    """`data` with every reference to another record moved by `base[target kind]`."""
    if not any(base.values()):
        return data
    out = dict(data)
    for key, target in REFS.get(kind, {}).items():
        if out.get(key) is not None:
            out[key] = out[key] + base.get(target, 0)
    if kind == "event":
        out["args"] = {
            role: {**arg, "mention": arg["mention"] + base.get("mention", 0)} if arg.get("mention") is not None else arg
            for role, arg in (out.get("args") or {}).items()
        }
        time = out.get("time")
        if time and time.get("timex") is not None:
            out["time"] = {**time, "timex": time["timex"] + base.get("timex", 0)}
    if kind == "reference" and out.get("chain") is not None:
        out["chain"] = out["chain"] + base.get("chain", 0)
    return out


class OffsetError(ValueError):
    """A record whose offsets do not point at the text it claims."""


@dataclass(frozen=True)
class Record:
    """One extracted item: a span of the document's text plus plain data."""

    kind: str
    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


def record_id(kind: str, doc_id: str, seq: int) -> str:
    return f"{KIND_CODES.get(kind, kind)}-{doc_id}-{seq}"


def make_record(kind: str, text: str, start: int, end: int, expect: str | None = None, **data: Any) -> Record:
    """Build a record, verifying its offsets against the document text."""
    if not (0 <= start <= end <= len(text)):
        raise OffsetError(f"{kind} span {start}:{end} outside text of length {len(text)}")
    if expect is not None and text[start:end] != expect:
        raise OffsetError(f"{kind} span {start}:{end} is {text[start:end]!r}, expected {expect!r}")
    return Record(kind, start, end, data)


@dataclass
class Context:
    """What a component sees: the document, its parse, and earlier records."""

    document: Document
    doc: Any  # spacy.tokens.Doc
    records: dict[str, list[Record]]
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    def of(self, kind: str) -> list[Record]:
        return self.records.get(kind, [])


@dataclass(frozen=True)
class Component:
    name: str
    version: int
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    fn: Callable[[Context], list[Record]]
    english_only: bool = True
    option: str | None = None  # an option whose content the output depends on (e.g. "domain")

    def stamp(self, options: dict[str, Any] | None = None) -> int:
        """The version stored with the output: the component's version, and a
        fingerprint of the option it depends on, so changing it re-runs the component."""
        if not self.option:
            return self.version
        value = (options or {}).get(self.option)
        if value is None:  # run without the option: the bare version, as with no option at all
            return self.version
        fp = value.get("fingerprint", "") if isinstance(value, dict) else str(value)
        return self.version * 10**6 + (int(fp[:8], 16) % 10**6 if fp else 0)


def component(
    name: str,
    version: int,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str],
    english_only: bool = True,
    option: str | None = None,
) -> Callable[[Callable[[Context], list[Record]]], Component]:
    """Declare a function as an extractor component."""

    def wrap(fn: Callable[[Context], list[Record]]) -> Component:
        return Component(name, version, tuple(requires), tuple(assigns), fn, english_only, option)

    return wrap


def check_order(components: list[Component]) -> None:
    """Raise ValueError if a component reads a kind no earlier component assigns."""
    seen: set[str] = set()
    names: set[str] = set()
    for comp in components:
        if comp.name in names:
            raise ValueError(f"component {comp.name!r} appears twice")
        names.add(comp.name)
        missing = [k for k in comp.requires if k not in seen]
        if missing:
            raise ValueError(f"component {comp.name!r} requires {missing} but no earlier component assigns them")
        overlap = [k for k in comp.assigns if k in seen]
        if overlap:
            raise ValueError(f"component {comp.name!r} assigns {overlap}, already assigned earlier")
        seen.update(comp.assigns)


def stale(components: list[Component], done: dict[str, int], options: dict[str, Any] | None = None) -> list[Component]:
    """Components to (re)run given the versions already stored, plus everything downstream."""
    dirty_kinds: set[str] = set()
    out: list[Component] = []
    for comp in components:
        if done.get(comp.name) != comp.stamp(options) or any(k in dirty_kinds for k in comp.requires):
            out.append(comp)
            dirty_kinds.update(comp.assigns)
    return out


@dataclass
class Extraction:
    """The result of analysing one document: plain data only."""

    doc_id: str
    records: dict[str, list[Record]]  # only the kinds produced in this run
    versions: dict[str, int]  # component -> version run (or skipped)
    errors: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # component -> reason
    quarantine: tuple[str, str] | None = None  # (code, reason): the document was not analysed


def analyze_document(
    document: Document,
    doc: Any,
    components: list[Component],
    kept: dict[str, list[Record]] | None = None,
    options: dict[str, Any] | None = None,
) -> Extraction:
    """Run `components` over one parsed document. `kept` holds records of
    components that are up to date and not re-run."""
    ctx = Context(document, doc, dict(kept or {}), options or {})
    result = Extraction(document.id, {}, {})
    english = (document.language or "en") == "en"
    failed_kinds: set[str] = set()
    for comp in components:
        result.versions[comp.name] = comp.stamp(options)
        if comp.english_only and not english:
            result.skipped[comp.name] = f"language {document.language}"
            for kind in comp.assigns:
                result.records[kind] = []
            continue
        if any(k in failed_kinds for k in comp.requires):
            result.errors[comp.name] = "skipped: an earlier component it depends on failed"
            failed_kinds.update(comp.assigns)
            continue
        try:
            produced = comp.fn(ctx)
            for rec in produced:
                if rec.kind not in comp.assigns:
                    raise ValueError(f"{comp.name} produced {rec.kind!r}, not declared in assigns")
                if not (0 <= rec.start <= rec.end <= len(document.text)):
                    raise OffsetError(f"{rec.kind} span {rec.start}:{rec.end} outside the text")
        except Exception as exc:  # one bad document never stops the batch
            result.errors[comp.name] = f"{type(exc).__name__}: {exc}"
            failed_kinds.update(comp.assigns)
            continue
        for kind in comp.assigns:
            # seq = position in this list; components return records in text order
            recs = [r for r in produced if r.kind == kind]
            ctx.records[kind] = recs
            result.records[kind] = recs
    return result
