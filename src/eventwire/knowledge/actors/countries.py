"""Countries as actors: names and alternative spellings, acronyms, demonyms, capitals and misspellings.

Curated names (``actors.tsv`` COUNTRY rows, ``agents.tsv`` DEMONYM rows) are added first and win; then
``countryinfo`` and ``pycountry`` add theirs with :meth:`CountryNames.load_sources`. Codes are ISO 3166-1 alpha-3.
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from eventwire.knowledge.actors.folding import acronym_key, deletions, fold, is_acronym, singulars, strip_edges
from eventwire.knowledge.tuning import TUNING

# Alternative spellings in countryinfo that are ordinary English words or ethnic names, not countries.
_NOT_COUNTRY_NAMES = frozenset({"island", "mann", "states", "thai", "montenegrin", "togolese"})
MISSPELT_WORD_MIN_CHARS = TUNING["misspelt_word_min_chars"]
MISSPELT_NAME_MIN_CHARS = TUNING["misspelt_name_min_chars"]


class CountryNames:
    """Country names, acronyms, demonyms and capitals, each to its country's alpha-3 code."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # folded name -> alpha-3
        self.acronyms: dict[str, str] = {}  # acronym key -> alpha-3
        self.names_of: dict[str, list[str]] = {}  # alpha-3 -> names as written (for patterns)
        self.demonyms: dict[str, str] = {}  # folded demonym -> alpha-3
        self.capitals: dict[str, str] = {}  # folded capital -> alpha-3
        self._slips: dict[str, set[str]] | None = None  # one-letter deletions of country names, built when first asked

    # -- loading -----------------------------------------------------------------------------

    def add_name(self, name: str, iso3: str) -> None:
        """Index a country name; curated rows are read first, so they win."""
        if not name or not iso3:
            return
        if is_acronym(name):
            self.acronyms.setdefault(acronym_key(name), iso3)
        else:
            self.names.setdefault(fold(name), iso3)
        self.names_of.setdefault(iso3, []).append(name)

    def add_demonym(self, word: str, iso3: str) -> None:
        """Index a demonym; the first country to claim it keeps it."""
        self.demonyms.setdefault(fold(word), iso3)

    def load_sources(self, identities: Container[str]) -> None:
        """Country names, alternative spellings, capitals and demonyms from countryinfo, then pycountry's names.

        A demonym that is also an identity word (folded, in ``identities``) is not a country's.
        """
        import pycountry
        from countryinfo._cache import load_countries

        demonym_pop: dict[str, int] = {}
        found: dict[str, str] = {}
        for info in load_countries()["countries"].values():
            iso3 = (info.get("ISO") or {}).get("alpha3")
            if not iso3:
                continue
            self.add_name(info.get("name", ""), iso3)
            for alt in info.get("altSpellings") or ():
                # Two- and three-letter codes (IQ, IRQ) are not names in running text.
                if not (alt.isupper() and len(alt) <= 3) and fold(alt) not in _NOT_COUNTRY_NAMES:
                    self.add_name(alt, iso3)
            self._add_capitals(info.get("capital") or [], iso3)
            population = int(info.get("population") or 0)
            for demonym in (info.get("demonym") or "").split(","):
                key = fold(demonym)
                # Ethnic identities (Turkmen, Uzbek) are not demonyms unless agents.tsv says so.
                if not key or key in self.demonyms or key in identities:
                    continue
                if population >= demonym_pop.get(key, -1):
                    # Shared demonyms (Dominican) go to the more populous country.
                    demonym_pop[key] = population
                    found[key] = iso3
        for key, iso3 in found.items():
            self.demonyms.setdefault(key, iso3)
        for country in pycountry.countries:
            for attr in ("common_name", "name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    self.add_name(value, country.alpha_3)

    def _add_capitals(self, capitals: str | list[str], iso3: str) -> None:
        """Index the capital(s) of a countryinfo record."""
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            self.capitals.setdefault(fold(capital), iso3)
            # "Washington D.C." is written "Washington" when it stands for the government.
            bare = re.sub(r",?\s+D\.?C\.?$", "", capital)
            if bare != capital:
                self.capitals.setdefault(fold(bare), iso3)

    # -- lookups ------------------------------------------------------------------------------

    def of_demonym(self, word: str) -> str | None:
        """Alpha-3 of a demonym ("Iraqi", "Americans"), else None."""
        key = fold(word)
        if not key:
            return None
        if key in self.demonyms:
            return self.demonyms[key]
        for single in singulars(key):
            if single in self.demonyms:
                return self.demonyms[single]
        return None

    def capital_of(self, name: str) -> str | None:
        """Alpha-3 of the country whose capital is ``name`` ("Berlin" -> DEU), else None."""
        return self.capitals.get(fold(name)) if name and name.strip() else None

    def by_name(self, name: str) -> str | None:
        """Alpha-3 of a country name or common alternative ("US", "Britain", "Iraq")."""
        if not name or not name.strip():
            return None
        stripped = strip_edges(name)
        if is_acronym(stripped):
            return self.acronyms.get(acronym_key(stripped))
        return self.names.get(fold(name))

    def misspelt(self, word: str) -> str | None:
        """Country of a one-word name one typing slip away from exactly one country name ("Ethopia", "Quatar",
        "Isreal"); short words are too often other names, so only words of six letters or more count."""
        key = fold(word)
        if len(key) < MISSPELT_WORD_MIN_CHARS or " " in key or key in self.names:
            return None
        if self._slips is None:
            self._slips = {}
            for name, iso3 in self.names.items():
                if len(name) >= MISSPELT_NAME_MIN_CHARS and " " not in name:
                    for variant in deletions(name) | {name}:
                        self._slips.setdefault(variant, set()).add(iso3)
        found: set[str] = set()
        for variant in deletions(key) | {key}:
            found |= self._slips.get(variant, set())
        return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=512)
def alpha3(alpha2: str) -> str | None:
    """Alpha-3 code of an ISO 3166-1 alpha-2 code."""
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None
