"""What the actor knowledge base holds: named actors, agent nouns, titles and notable people."""

from __future__ import annotations

from dataclasses import dataclass

#: PLOVER sector codes accepted in the data files (the eventwire/1 schema's list).
SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
    + ["IGO", "NGO"]
)
#: Entity kinds of the eventwire/1 schema.
ENTITY_KINDS = frozenset("PERSON ORG ARMED_GROUP STATE_FORCE GOVERNMENT COLLECTIVE COUNTRY OTHER".split())

# A titles.tsv row: title, role, sector, kind, note.
TitleRow = tuple[str, str, str | None, str, str]


@dataclass(frozen=True)
class ActorEntry:
    """A named actor of the knowledge base."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    source: str


@dataclass(frozen=True)
class AgentEntry:
    """A generic agent noun (police, militants, civilians) with its sector and kind."""

    term: str
    sector: str
    kind: str
    note: str
    by_context: bool  # a qualifier in the text may override the sector


@dataclass(frozen=True)
class TitleEntry:
    """A title resolved from text, with the organisation or country it names when given."""

    title: str
    role: str
    sector: str | None
    kind: str
    note: str
    from_org: bool  # the organisation's sector wins over the title's default
    org: str | None = None  # canonical actor name or agent term found with the title
    country: str | None = None  # ISO 3166-1 alpha-3 found with the title
    qualifiers: tuple[str, ...] = ()  # deputy, acting, former ...
    identity: str | None = None  # "Kurdish commander" -> Kurdish


@dataclass(frozen=True)
class PersonEntry:
    """A notable political figure of ``people.tsv``: country and sector of the best-known role."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    period: str
    role: str
    source: str
