"""Name lookups over the built index: the :class:`Gazetteer` and the process-wide one, :func:`get_gazetteer`."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from eventwire.knowledge.gazetteer.build import build_index
from eventwire.knowledge.gazetteer.cache import cache_path, load_cached, write_cache
from eventwire.knowledge.gazetteer.index import LEVEL_RANK, LEVELS
from eventwire.knowledge.gazetteer.names import ABBREV_PREFIX, lookup_key
from eventwire.knowledge.gazetteer.packed import PackedIndex, pack


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry that a name may refer to."""

    ref: int  # index of the entry in this gazetteer; stable identity even without a geonameid
    geonameid: int | None
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    lat: float | None
    lon: float | None
    level: str  # country admin1 admin2 place region
    population: int
    primary: bool = True  # matched on the entry's own name rather than an alternate name
    countries: tuple[str, ...] = ()  # member countries of a region (ISO alpha-2)
    capital: bool = False  # the national capital of ``country``


class Gazetteer:
    """Name lookup over countries, admin1 subdivisions, populated places and regions."""

    def __init__(self, index: PackedIndex) -> None:
        self._index = index
        data = index.tables
        self._countries: dict[str, int] = data["countries"]
        self._iso3: dict[str, str] = data["iso3"]
        self._demonyms: dict[str, str] = data["demonyms"]
        self._place_demonyms: dict[str, int] = data["place_demonyms"]
        # First words of the demonyms: most capitalised words are none, and this set says so without a lookup.
        self.demonym_heads: frozenset[str] = frozenset(
            k.split()[0] for k in [*self._demonyms, *self._place_demonyms] if k and not k.startswith("the ")
        )
        self._regions: dict[int, tuple[str, ...]] = data["regions"]
        self._capitals: frozenset[int] = data["capitals"]
        self._populated: dict[tuple[str, str | None], tuple[float, float]] = data["populated"]
        # Names recur across articles; candidates are frozen, so one tuple per name serves every lookup.
        self._found: dict[tuple[str, bool], tuple[Candidate, ...]] = {}

    @classmethod
    def load(cls, rebuild: bool = False) -> Gazetteer:
        """Load the cached index, building and caching it first when missing or stale."""
        path = cache_path()
        index = None if rebuild else load_cached(path)
        if index is None:
            packed = pack(build_index())
            write_cache(path, packed)
            # Read back from the same bytes a later process maps, so both see the very same values.
            index = PackedIndex(packed)
        return cls(index)

    def __len__(self) -> int:
        """How many entries the index holds."""
        return len(self._index)

    def candidate(self, ref: int, primary: bool = True) -> Candidate:
        """The entry ``ref`` as a :class:`Candidate`."""
        gid, name, cc, admin1, lat, lon, level, pop = self._index.entry(ref)
        return Candidate(
            ref,
            gid,
            name,
            cc,
            admin1,
            lat,
            lon,
            LEVELS[level],
            pop,
            primary,
            self._regions.get(ref, ()),
            ref in self._capitals,
        )

    def lookup(self, name: str) -> list[Candidate]:
        """Entries whose normalised name or alternate name equals that of ``name``, biggest units first."""
        key = lookup_key(name)
        dotted = name.endswith(".") and "." not in name.strip()[:-1]
        found = self._found.get((key, dotted))
        if found is None:
            if len(self._found) > 50_000:
                self._found.clear()
            found = self._found[(key, dotted)] = tuple(self._lookup(key, dotted))
        return list(found)

    def _lookup(self, key: str, dotted: bool) -> list[Candidate]:
        """The candidates behind :meth:`lookup` for a normalised key (and whether the name is a dotted abbreviation)."""
        refs = self._index.refs(ABBREV_PREFIX + key) if dotted else None
        if refs is None:
            refs = self._index.refs(key)
        if refs is None:
            return []
        out = [self.candidate(r, lookup_key(self._index.name(r)) == key) for r in refs]
        out.sort(key=lambda c: (not c.primary, LEVEL_RANK[c.level], -c.population))
        return out

    def is_abbreviation(self, name: str) -> bool:
        """True when ``name`` ("Ill.") is an indexed abbreviation that only matches with its dot."""
        return name.endswith(".") and ABBREV_PREFIX + lookup_key(name) in self._index

    def has(self, name: str) -> bool:
        """True when ``name`` has at least one gazetteer entry."""
        return lookup_key(name) in self._index

    def country(self, query: str) -> Candidate | None:
        """The country for an ISO alpha-2 or alpha-3 code or a country name."""
        q = query.strip()
        code = q.upper()
        if len(q) == 3 and code in self._iso3:
            code = self._iso3[code]
        if len(code) == 2 and code in self._countries:
            return self.candidate(self._countries[code])
        for cand in self.lookup(q):
            if cand.level == "country":
                return cand
        return None

    def populated_point(self, unit: Candidate) -> tuple[float, float] | None:
        """Population-weighted median point of the member places of a country or admin1 ``unit``, if any."""
        if unit.country is None or unit.level not in ("country", "admin1"):
            return None
        return self._populated.get((unit.country, unit.admin1 if unit.level == "admin1" else None))

    def place_of_demonym(self, word: str) -> Candidate | None:
        """The country, state or region whose people ``word`` names ("Iraqi" -> Iraq, "Texan" -> Texas)."""
        key = lookup_key(word)
        iso = self._demonyms.get(key)
        if iso is not None:
            return self.country(iso)
        ref = self._place_demonyms.get(key)
        return self.candidate(ref) if ref is not None else None

    def country_of_demonym(self, word: str) -> str | None:
        """ISO alpha-2 of the country whose demonym is ``word`` ("Iraqi" -> "IQ"), else None."""
        return self._demonyms.get(lookup_key(word))


_LOCK = threading.Lock()
_SINGLETON: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded (or built) on first use."""
    global _SINGLETON
    if _SINGLETON is None:
        with _LOCK:
            if _SINGLETON is None:
                _SINGLETON = Gazetteer.load()
    return _SINGLETON


def country_iso3(iso2: str) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code ("IQ" -> "IRQ")."""
    import pycountry

    rec = pycountry.countries.get(alpha_2=iso2.upper()) if len(iso2) == 2 else None
    return rec.alpha_3 if rec is not None else None


def country_iso2(iso3: str) -> str | None:
    """ISO 3166-1 alpha-2 for an alpha-3 code ("IRQ" -> "IQ")."""
    import pycountry

    rec = pycountry.countries.get(alpha_3=iso3.upper()) if len(iso3) == 3 else None
    return rec.alpha_2 if rec is not None else None
