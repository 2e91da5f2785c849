"""The Analysis: the one object every stage reads and writes, and the one declaration of the record.

A stage is a callable ``stage(analysis) -> None``. It reads what earlier stages
assigned and appends its own findings. All spans are ``[start, end)`` character
offsets into ``analysis.text``, which is the article body exactly as given.

The findings' dataclasses are also the one declaration of the ``eventwire/1`` record and its store rows. Each
lists its record fields in record order (``RECORD``, space-separated); a field whose record key, rounding,
reference or store columns are not the plain ones says so with ``field(metadata=fact(...))`` (see
``eventwire.fieldspec``). ``eventwire.record`` builds the JSON from these declarations and ``eventwire.store.rows``
the table rows; tests check them against the JSON Schema and the store's migrations. Adding a field: declare it
here, add it to the schema and, when it is stored, add a migration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from eventwire.fieldspec import Column, Rows, fact

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


# A span stored as the character offsets and text of the finding's row.
SPAN_AT = (
    Column("start_char", "INTEGER", "start"),
    Column("end_char", "INTEGER", "end"),
    Column("text", "VARCHAR", "text"),
)
# An entity named by an event, stored with the name and codes it had in its article.
ACTOR = Rows(
    "event_actors",
    "event_id",
    (
        Column("entity_id", "VARCHAR"),
        Column("name", "VARCHAR", "name"),
        Column("country", "VARCHAR", "country"),
        Column("sector", "VARCHAR", "sector"),
    ),
    tag="role",
)


@dataclass
class Entity:
    """An actor mentioned in the article, merged over its mentions."""

    id: str
    name: str
    kind: str  # PERSON ORG ARMED_GROUP STATE_FORCE GOVERNMENT COLLECTIVE COUNTRY OTHER
    mentions: list[Span] = field(
        default_factory=list, metadata=fact(required=True, store=Rows("mentions", "entity_id", SPAN_AT))
    )
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # PLOVER sector code
    code: str | None = None  # CAMEO-style actor code
    roles: list[str] = field(default_factory=list, metadata=fact(missing=[]))
    aliases: list[str] = field(default_factory=list, metadata=fact(store=()))
    because: dict[str, Any] = field(default_factory=dict)  # not in the record

    RECORD: ClassVar[str] = "id name kind country sector code roles aliases mentions"


@dataclass
class Place:
    """A toponym resolved (or not) to a gazetteer entry."""

    id: str
    name: str
    mentions: list[Span] = field(default_factory=list, metadata=fact(required=True))
    geonameid: int | None = field(default=None, metadata=fact(store=(Column("geonameid", "BIGINT"),)))
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    level: str | None = None  # country admin1 admin2 place region
    population: int = 0  # not in the record
    confidence: float = field(default=0.0, metadata=fact(digits=3, store=()))
    # Where lat/lon come from: "gazetteer" (the entry itself), "namesake" (an unknown "Kiser Lake" near the
    # known Kiser), "article" (an unknown name placed at the known place the text puts it in, else at the article's
    # main local place), None (no position).
    position: str | None = field(default=None, metadata=fact(store=()))

    RECORD: ClassVar[str] = "id name geonameid country admin1 lat lon level position confidence mentions"


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
    # ISO 3166-1 alpha-2; None for a region of several countries. The schema does not require it.
    country: str | None = field(metadata=fact(required=False))
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    level: str | None = None  # country admin1 region
    # id of the place that names the same country (state, region) in the article
    place: str | None = field(default=None, metadata=fact(ref="places"))
    mentions: list[Span] = field(default_factory=list, metadata=fact(required=True))

    RECORD: ClassVar[str] = "id name country level geonameid lat lon place mentions"


@dataclass
class TimeExpr:
    """A temporal expression normalised against the publication date."""

    id: str
    type: str  # DATE TIME DURATION SET
    value: str  # TIMEX3 value
    mention: Span = field(metadata=fact(store=SPAN_AT))
    # The closed interval, "from" and "to" in the record.
    start: date | None = field(default=None, metadata=fact("from", store=(Column("date_from", "DATE"),)))
    end: date | None = field(default=None, metadata=fact("to", store=(Column("date_to", "DATE"),)))
    precision: str | None = None  # day week month season quarter year decade fuzzy

    RECORD: ClassVar[str] = "id type value start end precision mention"


@dataclass
class Quantity:
    """A number with what it counts and the role it plays."""

    id: str
    mention: Span = field(metadata=fact(store=SPAN_AT))
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = field(default=False, metadata=fact(missing=False))
    counts: str | None = None
    role: str | None = None  # killed injured kidnapped arrested displaced missing forces protesters money other

    RECORD: ClassVar[str] = "id value low high approximate counts role mention"


@dataclass
class Quote:
    """Something said, with its cue and speaker."""

    id: str
    direct: bool
    content: Span
    cue: Span | None = field(default=None, metadata=fact(store=()))
    speaker: Span | None = field(default=None, metadata=fact(store=(Column("speaker", "VARCHAR", "text"),)))
    speaker_entity: str | None = field(default=None, metadata=fact(ref="entities"))

    RECORD: ClassVar[str] = "id direct content cue speaker speaker_entity"


@dataclass
class Event:
    """An event mention with its participants, place, time and evidence."""

    id: str
    type: str  # PLOVER type
    trigger: Span
    sentence: Span
    modality: str = field(default="asserted", metadata=fact(required=True))
    mode: str | None = None
    acled: dict[str, str] | None = field(
        default=None,
        metadata=fact(
            store=(
                Column("acled_event_type", "VARCHAR", "event_type"),
                Column("acled_sub_event_type", "VARCHAR", "sub_event_type"),
            )
        ),
    )
    cameo: str | None = None
    source: list[str] = field(default_factory=list, metadata=fact(ref="entities", missing=[], store=ACTOR))
    target: list[str] = field(default_factory=list, metadata=fact(ref="entities", missing=[], store=ACTOR))
    place: str | None = field(
        default=None,
        metadata=fact(
            ref="places",
            store=(
                Column("place_id", "VARCHAR"),
                Column("place_name", "VARCHAR", "name"),
                Column("country", "VARCHAR", "country"),
                Column("admin1", "VARCHAR", "admin1"),
                Column("lat", "DOUBLE", "lat"),
                Column("lon", "DOUBLE", "lon"),
            ),
        ),
    )
    time: str | None = field(default=None, metadata=fact(ref="times", store=(Column("time_id", "VARCHAR"),)))
    fatalities: int | None = None
    quantities: list[str] = field(default_factory=list, metadata=fact(ref="quantities", store=()))
    attributed_to: str | None = field(default=None, metadata=fact(ref="entities"))
    confidence: float = 0.5
    date: dict[str, Any] | None = field(
        default=None,
        metadata=fact(
            store=(
                Column("date_from", "DATE", "from"),
                Column("date_to", "DATE", "to"),
                Column("date_precision", "VARCHAR", "precision"),
            )
        ),
    )
    because: dict[str, Any] | None = None

    RECORD: ClassVar[str] = (
        "id type mode acled cameo source target place time fatalities quantities modality attributed_to"
        " trigger sentence confidence date because"
    )


# The kinds of finding in record order: their list in the Analysis and the record, their dataclass, and their
# store table (None: not stored).
FINDINGS: tuple[tuple[str, type[Any], str | None], ...] = (
    ("entities", Entity, "entities"),
    ("places", Place, "places"),
    ("demonyms", Demonym, None),
    ("times", TimeExpr, "times"),
    ("quantities", Quantity, "quantities"),
    ("quotes", Quote, "quotes"),
    ("events", Event, "events"),
)


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
