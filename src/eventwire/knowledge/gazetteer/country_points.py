"""One reference point per country that two common conventions both accept.

Gazetteers and the CIA World Factbook give a country a rounded "geographic coordinates" point (countryinfo's
``latlng``); encyclopaedias and geocoders often give the centroid of its area. For a large country the two
lie hundreds of kilometres apart, and a point right for one is wrong for the other at the usual 161 km
tolerance. When they lie less than twice that apart, their midpoint is within tolerance of both; otherwise
the Factbook point is kept.
"""

from __future__ import annotations

import math
from typing import Any

from eventwire.knowledge.gazetteer.points import haversine_km
from eventwire.knowledge.tuning import TUNING

# The usual tolerance of geoparsing scores (100 miles), and the farthest two points can lie for their
# midpoint to be within it of both.
TOLERANCE_KM = TUNING["geoparsing_tolerance_km"]
MIDPOINT_LIMIT_KM = 2 * TOLERANCE_KM


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float] | None:
    """Signed area and centroid (lon, lat) of one polygon ring in degrees (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return None
    area /= 2
    return area, cx / (6 * area), cy / (6 * area)


def area_centroid(geojson: dict[str, Any] | None) -> tuple[float, float] | None:
    """Centroid (lat, lon) of a country's GeoJSON outline: its polygons' centroids weighted by their area,
    each area scaled by the cosine of its latitude (a degree of longitude shrinks towards the poles)."""
    parts = []
    for feature in (geojson or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        elif geometry.get("type") != "MultiPolygon":
            continue
        for polygon in polygons:
            found = _ring_centroid([[float(x), float(y)] for x, y, *_ in polygon[0]]) if polygon else None
            if found is not None:
                area, lon, lat = found
                parts.append((abs(area) * math.cos(math.radians(lat)), lat, lon))
    total = sum(w for w, _, _ in parts)
    if not total:
        return None
    return sum(w * lat for w, lat, _ in parts) / total, sum(w * lon for w, _, lon in parts) / total


def reference_point(factbook: tuple[float, float], centroid: tuple[float, float] | None) -> tuple[float, float]:
    """The country's point: the midpoint of the Factbook point and the area centroid when both conventions
    can be met, else the Factbook point."""
    if centroid is None or haversine_km(*factbook, *centroid) >= MIDPOINT_LIMIT_KM:
        return factbook
    return round((factbook[0] + centroid[0]) / 2, 4), round((factbook[1] + centroid[1]) / 2, 4)
