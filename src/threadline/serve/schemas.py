"""The JSON API's response shapes, for the OpenAPI description (the handlers return plain data)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class TimePoint(BaseModel):
    value: str
    precision: str | None


class Evidence(BaseModel):
    """The sentence a fact comes from; `url` opens the document with it highlighted."""

    doc: str
    start: int
    end: int
    url: str


class Segment(BaseModel):
    text: str
    mark: bool


class Piece(BaseModel):
    start: int
    end: int
    text: str


class EntityRef(BaseModel):
    id: str
    name: str
    type: str


class Entity(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    country: str | None
    lat: float | None
    lon: float | None
    mentions: int


class DocumentSummary(BaseModel):
    id: str
    title: str | None
    heading: str = Field(description="What pages call the document: its headline, else its first line.")
    outlet: str | None
    url: str | None
    published: TimePoint | None


class RecordView(BaseModel):
    review: dict[str, Any] | None = Field(None, description="How an analyst's review marks it (status, reason, by, at), if one does.")
    id: str
    kind: str
    doc: str
    start: int
    end: int
    text: str


class Mention(RecordView):
    label: str | None
    entity: EntityRef | None


class Attribution(RecordView):
    type: str | None
    cue: Piece | None
    source: Piece | None
    speaker: EntityRef | None
    resolved: bool
    parent: str | None
    evidence: Evidence


class Timex(RecordView):
    type: str | None
    value: str | None
    precision: str | None
    words: str = Field(description="The value as a reader says it: \"August, year unknown\", \"a Sunday, week unknown\".")
    anchor: Any = None
    resolved: Any = None
    evidence: Evidence


class AsOf(BaseModel):
    value: str
    precision: str | None
    source: str
    words: str = Field(description="The date as a reader says it (never a raw TimeML code).")


class Claimant(BaseModel):
    name: str
    entity: EntityRef | None
    source: str


class Figure(RecordView):
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    measure: str | None
    measure_key: str | None
    currency: str | None = None
    usd: Any = None
    as_of: AsOf | None
    claimant: Claimant
    evidence: Evidence


class Argument(BaseModel):
    start: int | None
    end: int | None
    text: str | None
    entity: EntityRef | None


class EventTime(BaseModel):
    value: str | None
    precision: str | None
    fallback: str | None
    words: str = Field(description="The date as a reader says it (\"undated\" when there is none).")


class Event(RecordView):
    type: str | None
    trigger: Piece | None
    args: dict[str, Argument]
    time: EventTime
    modality: str | None
    caption: bool = Field(False, description="Told in a photo caption, not in the article's running text.")
    claimant: Any = None
    evidence: Evidence


class Indicator(RecordView):
    indicator: str | None
    label: str | None
    event: str | None
    evidence: Evidence


class FigureInGroup(Figure):
    conflict: bool


class Finding(BaseModel):
    """How two claims of a quantity relate (docs/figures.md): conflict, hedge conflict, update, part of,
    corroborates, restatement or undetermined, with one plain sentence saying why."""

    kind: str | None
    figures: list[str]
    text: str | None


class FigureGroup(BaseModel):
    key: str
    quantity: str | None
    measure: str
    units: list[str]
    conflict: bool
    claimants: list[str]
    finding_counts: dict[str, int]
    findings: list[Finding]
    figures: list[FigureInGroup]
    sources: int
    independent_sources: int | None  # distinct origins (docs/stories.md); None before the ledger has run
    total_figures: int = Field(0, description="Figures of the quantity; a page lists at most 12 of them (its conflicting ones first, then an even spread by date).")
    frame: str | None = Field(None, description="What the quantity measures, in one line: population, predicate, place, unit, period.")


class StoryDocument(BaseModel):
    id: str
    origin: str
    title: str | None
    outlet: str | None
    published: str | None


class Story(BaseModel):
    id: str
    level: str
    size: int
    origins: list[str]
    documents: list[StoryDocument]


class StoryRef(BaseModel):
    id: str
    level: str


# -- pages -------------------------------------------------------------------------
class OverviewPage(BaseModel):
    counts: dict[str, int]
    top_actors: list[Entity]
    latest_events: list[Event]
    conflicts: list[FigureGroup]
    stories: list[Story]
    stages: dict[str, bool]


class DocumentHit(DocumentSummary):
    snippet: list[Segment]


class EntityHit(Entity):
    snippet: list[Segment]


class QuoteHit(Attribution):
    snippet: list[Segment]


class FigureHit(Figure):
    snippet: list[Segment]


class SearchPage(BaseModel):
    q: str
    documents: list[DocumentHit]
    entities: list[EntityHit]
    quotes: list[QuoteHit]
    figures: list[FigureHit]


class DocumentRow(DocumentSummary):
    records: int


class DocumentsPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentRow]


class FullDocument(DocumentSummary):
    author: str | None
    language: str | None
    kind: str
    source: str
    text: str


class Spans(BaseModel):
    mention: list[Mention]
    attribution: list[Attribution]
    timex: list[Timex]
    figure: list[Figure]
    event: list[Event]
    indicator: list[Indicator]


class Analysis(BaseModel):
    component: str
    version: int
    status: str
    message: str | None


class Highlight(BaseModel):
    start: int
    end: int


class PageVersion(BaseModel):
    url: str = Field(description="the watched page (or file item) the document is a version of")
    version: int = Field(description="1 for the page's first text, then one more for each change")
    previous: str | None = Field(description="the document of the version it replaced")
    replaced_by: str | None = Field(description="the document of the version that replaced it: its figures are then no longer in the ledger")


class DocumentPage(BaseModel):
    document: FullDocument
    stories: list[StoryRef]
    versions: PageVersion | None = Field(description="for a document a watched page made: where it stands among the page's versions")
    spans: Spans
    analyses: list[Analysis]
    highlight: Highlight | None


class EntitiesPage(BaseModel):
    total: int
    limit: int
    offset: int
    type: str | None
    types: list[str]
    entities: list[Entity]


class MentionOfEntity(BaseModel):
    doc: str
    seq: int
    start: int
    end: int
    text: str
    published: str | None
    snippet: list[Segment]
    evidence: Evidence


class Period(BaseModel):
    period: str
    mentions: int


class Related(BaseModel):
    id: str
    name: str
    type: str
    type_of_link: str
    weight: int
    evidence: list[Evidence]


class EntityPage(BaseModel):
    entity: Entity
    documents: int
    documents_read: int = Field(description="The latest documents naming the entity that its events, figures, quotes and related actors come from (all of them up to 25).")
    mentions_over_time: list[Period]
    mentions: list[MentionOfEntity]
    said: list[Attribution]
    said_about: list[Attribution]
    figures: list[Figure]
    events: list[Event]
    related: list[Related]
    stages: dict[str, bool]
    reviews: list[dict[str, Any]] = Field(description="Analyst reviews in force that name this entity.")


class FiguresPage(BaseModel):
    ready: bool
    filters: dict[str, Any]
    offset: int
    limit: int
    more: bool = Field(description="More quantities follow this page (at `offset` + `limit`).")
    groups: list[FigureGroup]


class EventType(BaseModel):
    type: str
    events: int


class Corroboration(BaseModel):
    sources: int | None
    independent_sources: int | None


class TimelineEvent(Event):
    corroboration: Corroboration | None
    story: str | None = Field(description="The story (same-event cluster first) of the event's document.")


class Modality(BaseModel):
    modality: str
    events: int


class StoryHeading(BaseModel):
    id: str
    level: str
    size: int
    title: str


class TimelinePaging(BaseModel):
    offset: int
    rows: int = Field(description="Events per page of the table.")


class TimelineRange(BaseModel):
    """The days the chart shows: asked for with since/until, else the events' days less isolated outliers."""

    from_: str | None = Field(alias="from")
    to: str | None
    outside: int = Field(description="Marks (events, publications) outside the range.")
    first: str | None
    last: str | None


class TimelinePage(BaseModel):
    filters: dict[str, Any]
    types: list[EventType]
    modalities: list[Modality]
    total: int = Field(description="Events matching the filters; `events` holds at most `limit` of them, the best-sourced.")
    events: list[TimelineEvent]
    stories: list[StoryHeading]
    publications: list[DocumentSummary]
    page: TimelinePaging
    range: TimelineRange


class Node(BaseModel):
    id: str
    name: str
    type: str
    mentions: int
    community: int | None = Field(description="The node's community in the edges shown (0 the largest).")


class Edge(BaseModel):
    id: str
    source: str
    target: str
    type: str
    weight: float
    evidence: list[Evidence]
    sentences: list[str] = Field(description="The text of the first evidence sentences.")


class Community(BaseModel):
    id: int
    label: str = Field(description="Its most mentioned member, and how many others.")
    size: int
    members: list[str] = Field(description="Entity ids, most mentioned first.")


class EgoActor(BaseModel):
    id: str
    name: str
    type: str


class NetworkPage(BaseModel):
    filters: dict[str, Any]
    ego: EgoActor | None = Field(description="The actor of an ego view (`actor`), when it is in the graph.")
    edge_types: list[str]
    total_edges: int
    communities: list[Community]
    nodes: list[Node]
    edges: list[Edge]


class CountryCount(BaseModel):
    code: str
    numeric: str | None
    name: str
    mentions: int


class Flow(BaseModel):
    """An origin → destination pair: its ends are countries (a city counts as its country) or regions."""

    origin: Entity
    destination: Entity
    events: int
    inferred: int = Field(description="Events of this flow whose origin or destination was completed from the sentence or document.")
    documents: int
    types: list[str]
    evidence: list[Evidence]


class MapPage(BaseModel):
    places: list[Entity]
    countries: list[CountryCount]
    flows: list[Flow]


class StoriesPage(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[Story]


class Outlet(BaseModel):
    outlet: str | None
    documents: int
    copies: int
    first: str | None
    last: str | None


class WatchedSource(BaseModel):
    """A source `threadline watch` follows and its health."""

    name: str
    kind: str
    location: str
    tags: list[str]
    status: str = Field(description="ok, error, or new (not polled yet)")
    error: str | None
    listed: int = Field(description="Entries the last listing gave")
    urls: int = Field(description="URLs (or files) ever seen from it")
    failing: int = Field(description="Of those, how many failed or were refused at their last fetch")
    failures: int = Field(description="Polls in a row whose listing failed")
    last_poll: str | None
    last_ok: str | None


class SourcesPage(BaseModel):
    outlets: list[Outlet]
    watched: list[WatchedSource]


class AlertEvidence(BaseModel):
    doc: str
    start: int | None
    end: int | None
    text: str | None
    link: str


class Alert(BaseModel, extra="allow"):
    """One alert; further fields depend on `kind` (docs/watch.md)."""

    id: str
    kind: str
    created: str
    title: str
    delivered: bool
    evidence: list[AlertEvidence]


class AlertsPage(BaseModel):
    since: str | None
    alerts: list[Alert]
    kinds: dict[str, str]


class Rejection(BaseModel):
    path: str
    line: int | None
    offset: int | None
    code: str
    reason: str


class Quarantined(BaseModel):
    doc: str
    title: str | None
    path: str
    code: str
    reason: str


class RejectedPage(BaseModel):
    rejected: list[Rejection]
    quarantined: list[Quarantined]


class Writing(BaseModel):
    """Whether this browser is signed in to correct items, and the anti-forgery value its forms carry."""

    signed_in: bool
    csrf: str | None


class ReviewItem(BaseModel):
    id: str
    created: str
    author: str
    kind: str
    target: str
    reason: str
    data: dict[str, Any]
    withdrawn_by: str | None
    evidence: str | None = None


class ReviewPage(BaseModel):
    active: int
    reviews: list[ReviewItem]
    writing: Writing


class ReviewField(BaseModel):
    name: str
    label: str
    input: str


class ReviewKind(BaseModel):
    kind: str
    title: str
    fields: list[ReviewField]


class ReviewForm(BaseModel):
    target: str | None
    subject: dict[str, Any] | None
    kinds: list[ReviewKind]
    types: list[str]
    writing: Writing
