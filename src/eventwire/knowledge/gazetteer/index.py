"""The shape of the gazetteer index: entry tuples, levels, and the builder that collects entries and name keys.

An entry is ``(geonameid, name, country, admin1, lat, lon, level code, population)``; the name index maps a
lookup key to one entry number or a tuple of them. :data:`CACHE_VERSION` names this shape and what the build puts
in it: change either and bump it, so that older cached indexes are rebuilt.
"""

from __future__ import annotations

from typing import Any

from eventwire.knowledge.gazetteer.names import normalise

CACHE_VERSION = 24
LEVELS = ("country", "admin1", "admin2", "place", "region")
LEVEL_CODE = {name: i for i, name in enumerate(LEVELS)}
# Rank used to order candidates of equal evidence: bigger units first, regions last.
LEVEL_RANK = {"country": 0, "admin1": 1, "region": 2, "admin2": 3, "place": 4}

# Fields of an entry tuple.
LAT, LON, LEVEL = 4, 5, 6

Entry = tuple[Any, ...]


class IndexBuilder:
    """Collects entries and their name keys, then freezes them into a compact index."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.keys: dict[str, list[int]] = {}
        self.region_countries: dict[int, tuple[str, ...]] = {}

    def add(self, entry: Entry, names: list[str]) -> int:
        """Add ``entry`` under the lookup keys of ``names`` (each key once); its entry number."""
        ref = len(self.entries)
        self.entries.append(entry)
        seen: set[str] = set()
        for name in names:
            if not name:
                continue
            key = normalise(name)
            if key and key not in seen:
                seen.add(key)
                self.keys.setdefault(key, []).append(ref)
        return ref

    def add_key(self, key: str, ref: int) -> None:
        """Index the entry ``ref`` under one more ``key`` (an index key as it is, not normalised again)."""
        refs = self.keys.setdefault(key, [])
        if ref not in refs:
            refs.append(ref)

    def move(self, ref: int, lat: float, lon: float) -> None:
        """Re-centre the entry ``ref`` on ``lat``, ``lon``."""
        entry = list(self.entries[ref])
        entry[LAT], entry[LON] = lat, lon
        self.entries[ref] = tuple(entry)

    def freeze(self) -> dict[str, int | tuple[int, ...]]:
        """The name index: each key to its one entry number, or to a tuple of several."""
        return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in self.keys.items()}
