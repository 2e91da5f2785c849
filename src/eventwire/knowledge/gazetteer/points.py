"""Distances, and the points that stand for an area: the middle of its places, their populated centre."""

from __future__ import annotations

import math

from eventwire.knowledge.gazetteer.index import LEVEL_CODE, Entry
from eventwire.knowledge.tuning import TUNING

EARTH_RADIUS_KM = 6371.0088
MIDPOINT_TRIM = TUNING["midpoint_trim"]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def box_centre(e: list[float]) -> tuple[float, float, int]:
    """Centre of a member-place extent ``[min lat, max lat, min lon, max lon, population]`` and its population."""
    return round((e[0] + e[1]) / 2, 4), round((e[2] + e[3]) / 2, 4), int(e[4])


def midpoint(lats: list[float], lons: list[float], trim: float = MIDPOINT_TRIM) -> tuple[float, float]:
    """Centre of the box spanned by member places, ignoring the outer ``trim`` share on each side.

    Gold standards give a subdivision the centre of its area (GeoNames, Wikipedia); the middle of its
    places' extent is much nearer that than a population-weighted mean pulled toward the big city.
    """
    la, lo = sorted(lats), sorted(lons)
    k = int(trim * len(la))
    return round((la[k] + la[-1 - k]) / 2, 4), round((lo[k] + lo[-1 - k]) / 2, 4)


def weighted_median(values: list[tuple[float, int]]) -> float:
    """The value that splits the total weight in half."""
    values.sort()
    half, acc = sum(w for _, w in values) / 2, 0
    for v, w in values:
        acc += w
        if acc >= half:
            return v
    return values[-1][0]


def populated_points(entries: list[Entry]) -> dict[tuple[str, str | None], tuple[float, float]]:
    """Population-weighted median point of each country's and admin1's member places.

    The centre of an area is often far from where its people live (northern Ontario, inland Queensland);
    a place only known to lie in the unit most likely lies near this point instead.
    """
    groups: dict[tuple[str, str | None], tuple[list[tuple[float, int]], list[tuple[float, int]]]] = {}
    place = LEVEL_CODE["place"]
    for _gid, _name, cc, admin1, lat, lon, level, pop in entries:
        if level != place or not cc or lat is None or pop <= 0:
            continue
        for unit in ((cc, None), (cc, admin1)) if admin1 else ((cc, None),):
            g = groups.setdefault(unit, ([], []))
            g[0].append((lat, pop))
            g[1].append((lon, pop))
    return {unit: (weighted_median(la), weighted_median(lo)) for unit, (la, lo) in groups.items()}
