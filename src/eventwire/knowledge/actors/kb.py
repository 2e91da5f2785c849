"""The actor knowledge base: one object answering every actor, agent, title, person and country lookup."""

from __future__ import annotations

import time
from typing import Any

from eventwire.data import read_tsv_rows
from eventwire.knowledge.actors.agents import Agents
from eventwire.knowledge.actors.countries import CountryNames, alpha3
from eventwire.knowledge.actors.entries import ActorEntry, AgentEntry, PersonEntry, TitleEntry
from eventwire.knowledge.actors.folding import acronym_key, fold, is_acronym, strip_edges
from eventwire.knowledge.actors.patterns import Pattern, blank_tokenizer, build_patterns
from eventwire.knowledge.actors.people import People
from eventwire.knowledge.actors.titles import Titles


class ActorKB:
    """Indexes over the actor, agent and title data; build once with :func:`get_actor_kb`."""

    def __init__(self) -> None:
        """Load every data file and build the indexes."""
        started = time.perf_counter()
        self.actors: tuple[ActorEntry, ...] = ()
        self.conflicts: list[tuple[str, str, str]] = []  # (alias key, kept actor, dropped actor)
        self._by_name: dict[str, ActorEntry] = {}
        self._by_acronym: dict[str, ActorEntry] = {}
        self._needs_capital: set[str] = set()
        self._default_patterns: list[Pattern] | None = None
        self._countries = CountryNames()
        self._agents = Agents()
        self._titles = Titles(self)
        self._people = People()
        # Curated names first: actors.tsv's countries and agents.tsv's demonyms win over countryinfo's.
        self._load_actors()
        self._agents.load(self._countries)
        self._titles.load()
        self._people.load()
        self._countries.load_sources(self._agents.identities)
        self.load_seconds = time.perf_counter() - started

    # -- loading -----------------------------------------------------------------------------

    def _index_actor(self, alias: str, entry: ActorEntry) -> None:
        """Add one alias of ``entry``; the first actor to claim an alias keeps it."""
        if is_acronym(alias):
            key, index = acronym_key(alias), self._by_acronym
        else:
            key, index = fold(alias), self._by_name
            if " " not in key and any(c.isupper() for c in alias):
                self._needs_capital.add(key)
        if not key:
            return
        held = index.get(key)
        if held is None:
            index[key] = entry
        elif held.name != entry.name:
            self.conflicts.append((key, held.name, entry.name))

    def _load_actors(self) -> None:
        """Read actors.tsv into the actor indexes and the curated country names."""
        header, rows = read_tsv_rows("actors.tsv")
        col = {name: i for i, name in enumerate(header)}
        actors = []
        for row in rows:
            name = row[col["name"]]
            aliases = tuple(a.strip() for a in row[col["aliases"]].split("|") if a.strip())
            kind, country = row[col["kind"]], row[col["country"]] or None
            if kind == "COUNTRY":
                for alias in (name, *aliases):
                    self._countries.add_name(alias, country or "")
                continue
            entry = ActorEntry(
                name=name,
                aliases=aliases,
                kind=kind,
                country=country,
                sector=row[col["sector"]] or None,
                code=row[col["code"]] or None,
                source=row[col["source"]],
            )
            actors.append(entry)
            for alias in (name, *aliases):
                self._index_actor(alias, entry)
        self.actors = tuple(actors)

    # -- lookups ------------------------------------------------------------------------------

    def lookup(self, text: str) -> ActorEntry | None:
        """The named actor whose name or alias is ``text`` (exact after folding), else None."""
        if not text or not text.strip():
            return None
        stripped = strip_edges(text)
        hit = self._by_acronym.get(acronym_key(stripped))
        if hit is not None:
            return hit
        key = fold(text)
        if key in self._needs_capital and not any(c.isupper() for c in text):
            return None
        hit = self._by_name.get(key)
        if hit is None:
            # "Afghan Taliban": a leading demonym or country name adds nothing.
            first, _, rest = stripped.partition(" ")
            if rest and (self.country_of_demonym(first) or self.country_by_name(first)):
                return self.lookup(rest)
        return hit

    def agent(self, lemma: str) -> AgentEntry | None:
        """The generic agent noun ``lemma`` (police, troops, militants ...), plurals folded."""
        return self._agents.agent(lemma)

    def title(self, text: str) -> TitleEntry | None:
        """The title in ``text`` ("CIA chief", "Iraqi Prime Minister", "head of the FBI"), else None."""
        return self._titles.title(text)

    def person(self, name: str) -> PersonEntry | None:
        """The notable person named ``name`` (full name, listed spelling or an unambiguous surname), else None."""
        return self._people.person(name)

    def country_of_demonym(self, word: str) -> str | None:
        """ISO 3166-1 alpha-3 of a demonym ("Iraqi", "Americans"), else None; identities are not countries."""
        return self._countries.of_demonym(word)

    def capital_of(self, name: str) -> str | None:
        """ISO 3166-1 alpha-3 of the country whose capital is ``name`` ("Berlin" -> DEU), else None."""
        return self._countries.capital_of(name)

    def country_by_name(self, name: str) -> str | None:
        """ISO 3166-1 alpha-3 of a country name or common alternative ("US", "Britain", "Iraq")."""
        return self._countries.by_name(name)

    def country_misspelt(self, word: str) -> str | None:
        """Country of a one-word name one typing slip away from exactly one country name ("Ethopia", "Isreal")."""
        return self._countries.misspelt(word)

    def country_of_alpha2(self, alpha2: str | None) -> str | None:
        """ISO 3166-1 alpha-3 of an alpha-2 code (a resolved place's country), else None."""
        return alpha3(alpha2.upper()) if alpha2 else None

    def identity(self, word: str) -> str | None:
        """Canonical identity label of a religious/ethnic/regional word ("Shiite" -> "Shia"), else None."""
        return self._agents.identity(word)

    def identity_type(self, word: str) -> str | None:
        """Type of an identity word: religious, ethnic, regional or political."""
        return self._agents.identity_type(word)

    # -- spaCy patterns -----------------------------------------------------------------------

    def patterns(self, tokenizer: Any = None) -> list[Pattern]:
        """spaCy EntityRuler patterns for every actor alias, country name, demonym and identity (see ``patterns``).

        ``tokenizer`` defaults to a blank English tokenizer; those patterns are made once and copied.
        """
        if tokenizer is None:
            if self._default_patterns is None:
                self._default_patterns = self.patterns(blank_tokenizer())
            return [dict(p) for p in self._default_patterns]
        countries, agents = self._countries, self._agents
        return build_patterns(tokenizer, self.actors, countries.names_of, countries.demonyms, agents.identity_words)
