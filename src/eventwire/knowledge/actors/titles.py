"""Titles of ``titles.tsv`` found in text, with the organisation, country or identity written beside them."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from eventwire.data import read_tsv_rows
from eventwire.knowledge.actors.entries import ActorEntry, AgentEntry, TitleEntry, TitleRow
from eventwire.knowledge.actors.folding import acronym_key, fold, is_acronym, nfkc, strip_edges

TITLE_QUALIFIERS = (
    "deputy",
    "acting",
    "former",
    "interim",
    "assistant",
    "ex",
    "senior",
    "top",
    "then",
    "outgoing",
    "junior",
    "ousted",
    "exiled",
)
_ORG_JOINERS = (" of the ", " of ", " for the ", " for ", " at the ", " at ", " to the ", " to ")


class Names(Protocol):
    """The lookups a title needs to read the words beside it (the actor knowledge base gives them)."""

    def lookup(self, text: str) -> ActorEntry | None:
        """The named actor ``text``."""

    def agent(self, lemma: str) -> AgentEntry | None:
        """The agent noun ``lemma``."""

    def identity(self, word: str) -> str | None:
        """The identity label of ``word``."""

    def country_of_demonym(self, word: str) -> str | None:
        """The alpha-3 of the demonym ``word``."""

    def country_by_name(self, name: str) -> str | None:
        """The alpha-3 of the country name ``name``."""


class Titles:
    """The titles of titles.tsv, and the reading of a title with what is written beside it."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.titles: dict[str, TitleRow] = {}
        self.acronyms: dict[str, TitleRow] = {}

    def load(self) -> None:
        """Read titles.tsv."""
        _, rows = read_tsv_rows("titles.tsv")
        for title, role, sector, kind, note in (r[:5] for r in rows):
            value = (title, role, sector or None, kind or "PERSON", note)
            if is_acronym(title):
                self.acronyms.setdefault(acronym_key(title), value)
            else:
                self.titles.setdefault(fold(title), value)

    def title(self, text: str) -> TitleEntry | None:
        """The title in ``text`` ("CIA chief", "Iraqi Prime Minister", "head of the FBI"), else None."""
        words = " ".join(nfkc(text).split()).split(" ")
        qualifiers: list[str] = []
        while len(words) > 1 and fold(words[0]) in TITLE_QUALIFIERS and self.value(" ".join(words)) is None:
            qualifiers.append(fold(words[0]))
            words = words[1:]
        if not words or not words[0]:
            return None
        for i in range(len(words)):
            value = self.value(" ".join(words[i:]))
            if value is None:
                continue
            prefix = " ".join(words[:i])
            identity = None
            if i and self.resolve_org(prefix) is None:
                rest = [fold(w) for w in words[:i]]
                identities = [self.names.identity(w) for w in words[:i] if fold(w) not in TITLE_QUALIFIERS]
                if not all(identities):
                    continue
                qualifiers.extend(w for w in rest if w in TITLE_QUALIFIERS)
                identity, prefix = (identities[0] if identities else None), ""
            entry = self._make_title(value, prefix, tuple(qualifiers))
            return replace(entry, identity=identity) if identity else entry
        joined = " ".join(words)
        for joiner in _ORG_JOINERS:
            left, sep, right = joined.partition(joiner)
            if sep and (value := self.value(left)) is not None and self.resolve_org(right) is not None:
                return self._make_title(value, right, tuple(qualifiers))
        return None

    def value(self, text: str) -> TitleRow | None:
        """The titles.tsv row for exactly ``text``."""
        return self.acronyms.get(acronym_key(text)) or self.titles.get(fold(text))

    def resolve_org(self, text: str) -> tuple[str | None, str | None, str | None] | None:
        """(org name, sector, country) named by ``text``: an actor, agent noun, country or demonym."""
        text = strip_edges(text)
        if not text:
            return None
        names = self.names
        actor = names.lookup(text)
        if actor is not None:
            return actor.name, actor.sector, actor.country if actor.country != "IGO" else None
        country = names.country_of_demonym(text) or names.country_by_name(text)
        if country:
            return None, None, country
        agent = names.agent(text)
        if agent is not None:
            return agent.term, agent.sector, None
        first, _, rest = text.partition(" ")
        country = names.country_of_demonym(first) or names.country_by_name(first)
        if country and rest:
            inner = self.resolve_org(rest)
            if inner is not None:
                return inner[0], inner[1], inner[2] or country
        return None

    def _make_title(self, value: TitleRow, org_text: str, quals: tuple[str, ...]) -> TitleEntry:
        """Combine a title row with the organisation text found beside it."""
        title, role, sector, kind, note = value
        from_org = note.startswith("from_org") or sector is None
        org = country = None
        if org_text:
            resolved = self.resolve_org(org_text)
            if resolved is not None:
                org, org_sector, country = resolved
                if org_sector and (from_org or sector is None):
                    sector = org_sector
        return TitleEntry(title, role, sector, kind, note, from_org, org, country, quals)
