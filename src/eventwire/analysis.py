"""The Analysis: the one object every stage reads and writes.

A stage is a callable ``stage(analysis) -> None``. It reads what earlier stages
assigned and appends its own findings. All spans are ``[start, end)`` character
offsets into ``analysis.text``, which is the article body exactly as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from eventwire.article import Article


@dataclass(frozen=True, order=True)
class Span:
    """A ``[start, end)`` character span of the article text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the schema form ``{start, end, text}``."""
        return {"start": self.start, "end": self.end, "text": self.text}

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass
class Entity:
    """An actor mentioned in the article, merged over its mentions."""

    id: str
    name: str
    kind: str  # PERSON ORG ARMED_GROUP STATE_FORCE GOVERNMENT COLLECTIVE COUNTRY OTHER
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER sector code
    code: str | None = None  # CAMEO-style actor code
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    because: dict[str, Any] = field(default_factory=dict)


@dataclass
class Place:
    """A toponym resolved (or not) to a gazetteer entry."""

    id: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    geonameid: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    level: str | None = None  # country admin1 admin2 place region
    population: int = 0
    confidence: float = 0.0
    # Where lat/lon come from: "gazetteer" (the entry itself), "namesake" (an unknown "Kiser Lake" near the
    # known Kiser), "article" (an unknown name placed at the known place the text puts it in, else at the article's
    # main local place), None (no position).
    position: str | None = None


@dataclass
class Demonym:
    """A country (state, region) named by its people or adjective ("Iraqi", "Ohioans"): not a place, but where
    it points.

    No event happens at a demonym, so it is never a place mention; it is kept, with the reference point of
    the place it names, because it shows where an article is about and geoparsing golds such as LGL count
    it as a toponym.
    """

    id: str
    name: str  # the named country's, state's or region's name
    country: str | None  # ISO 3166-1 alpha-2; None for a region of several countries
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    level: str | None = None  # country admin1 region
    place: str | None = None  # id of the place that names the same country (state, region) in the article
    mentions: list[Span] = field(default_factory=list)


@dataclass
class TimeExpr:
    """A temporal expression normalised against the publication date."""

    id: str
    type: str  # DATE TIME DURATION SET
    value: str  # TIMEX3 value
    mention: Span
    start: date | None = None  # closed interval, "from" in the record
    end: date | None = None  # "to" in the record
    precision: str | None = None  # day week month season quarter year decade fuzzy


@dataclass
class Quantity:
    """A number with what it counts and the role it plays."""

    id: str
    mention: Span
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    counts: str | None = None
    role: str | None = None  # killed injured kidnapped arrested displaced missing forces protesters money other


@dataclass
class Quote:
    """Something said, with its cue and speaker."""

    id: str
    direct: bool
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None


@dataclass
class Event:
    """An event mention with its participants, place, time and evidence."""

    id: str
    type: str  # PLOVER type
    trigger: Span
    sentence: Span
    modality: str = "asserted"
    mode: str | None = None
    acled: dict[str, str] | None = None
    cameo: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    place: str | None = None
    time: str | None = None
    fatalities: int | None = None
    quantities: list[str] = field(default_factory=list)
    attributed_to: str | None = None
    confidence: float = 0.5
    date: dict[str, Any] | None = None
    because: dict[str, Any] | None = None


@dataclass
class Analysis:
    """Everything known about one article while it is being analysed."""

    article: Article
    doc: Doc | None = None
    # Character ranges of page furniture (credits, reading time, date lines,
    # repeated titles) from which no fact may be taken.
    excluded: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    demonyms: list[Demonym] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The article body; every span indexes into it."""
        return self.article.text

    @property
    def published(self) -> date | None:
        """The publication date, the anchor for relative times."""
        return self.article.published

    def span(self, start: int, end: int) -> Span:
        """Build a :class:`Span` over ``text[start:end]``."""
        return Span(start, end, self.text[start:end])

    def is_excluded(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps page furniture."""
        return any(start < e and s < end for s, e in self.excluded)

    def sentences(self) -> list[SpacySpan]:
        """The spaCy sentences of the body that are not page furniture."""
        if self.doc is None:
            return []
        return [s for s in self.doc.sents if not self.is_excluded(s.start_char, s.end_char)]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)``, if any."""
        return _mentioned_at(self.entities, start, end)

    def place_at(self, start: int, end: int) -> Place | None:
        """The place with a mention overlapping ``[start, end)``, if any."""
        return _mentioned_at(self.places, start, end)


def _mentioned_at(items: list, start: int, end: int) -> Any:
    """The first item (entity or place) with a mention overlapping ``[start, end)``, if any."""
    for x in items:  # plain loops: this runs for every candidate argument of every event
        for m in x.mentions:
            if m.start < end and start < m.end:
                return x
    return None
