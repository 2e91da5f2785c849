"""Nearness of a name's readings to the article's other places: the local places chosen so far (``Points``),
the local readings of every name (``Readings``) and whether a reading lies among the article's places.
"""

from __future__ import annotations

import math

import numpy as np

from eventwire.knowledge.gazetteer import EARTH_RADIUS_KM, Candidate, haversine_km
from eventwire.stages.places.mention import Mention, point
from eventwire.stages.places.tuning import TUNING

# Distance scale (km) of the nearness of a candidate to the article's other places.
PROXIMITY_KM = TUNING["proximity_km"]
# Local readings kept per name for the coherence of a candidate with the other names.
READINGS = int(TUNING["readings"])
# Distance (km) within which a reading of a doubtful name counts as among the article's places.
AMONG_KM = TUNING["among_km"]


def kin(a: str, b: str) -> bool:
    """True for one name or its longer form ("Hanover", "Hanover Town"): namesakes lie together, proving nothing."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _km_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) from one point to points given in radians: :func:`haversine_km` for arrays."""
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((lats - p1) / 2) ** 2 + math.cos(p1) * np.cos(lats) * np.sin((lons - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def _km_rows(cands: list[Candidate], lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """:func:`_km_many` for several candidates at once, one row each, in one array (the same numbers)."""
    p1 = np.array([math.radians(point(c)[0]) for c in cands])
    l1 = np.array([math.radians(point(c)[1]) for c in cands])
    cos_p1 = np.array([math.cos(v) for v in p1.tolist()])
    a = (
        np.sin((lats[None, :] - p1[:, None]) / 2) ** 2
        + cos_p1[:, None] * np.cos(lats)[None, :] * np.sin((lons[None, :] - l1[:, None]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


class Points:
    """The local places chosen so far, for the proximity of each candidate to the others."""

    def __init__(self, chosen: list[tuple[str, Candidate, int]]) -> None:
        self.keys = [k for k, _, _ in chosen]
        self.cands = [c for _, c, _ in chosen]
        self.weights = np.array([w for _, _, w in chosen], dtype=float)
        self.lat = np.radians(np.array([c.lat for c in self.cands], dtype=float))
        self.lon = np.radians(np.array([c.lon for c in self.cands], dtype=float))
        self.others: dict[str, tuple[np.ndarray, float]] = {}
        self.inside: dict[tuple[str | None, ...], np.ndarray] = {}

    def proximity(self, c: Candidate, key: str) -> float:
        """Share of the article's other local places that lie near ``c`` (local news names neighbouring towns).

        A country or admin1 candidate counts the places inside it as near, so that the big unit a bare name
        may mean ("Mexico") keeps its footing against a city of that name among its own places.
        """
        if not self.keys:
            return 0.0
        other, total = self._others(key)
        if not total:
            return 0.0
        if c.level in ("country", "admin1"):
            unit = (c.level, c.country, c.admin1)
            if unit not in self.inside:
                self.inside[unit] = np.array(
                    [p.country == c.country and (c.level == "country" or p.admin1 == c.admin1) for p in self.cands]
                )
            inside = self.inside[unit]
        elif c.lat is not None and c.lon is not None and c.level in ("place", "admin2"):
            near = np.exp(-_km_many(c.lat, c.lon, self.lat, self.lon) / PROXIMITY_KM)
            return float((near * self.weights)[other].sum()) / total
        else:
            return 0.0
        return float(self.weights[other & inside].sum()) / total

    def _others(self, key: str) -> tuple[np.ndarray, float]:
        """Which chosen places are other names than ``key`` (nor its kin), and their weight.

        It depends only on the name, and every candidate of a name asks for it.
        """
        if key not in self.others:
            other = np.array([not kin(k, key) for k in self.keys])
            self.others[key] = (other, float(self.weights[other].sum()))
        return self.others[key]

    def proximity_many(self, cands: list[Candidate], key: str) -> list[float]:
        """:meth:`proximity` of each candidate of one name, the distances of its towns computed in one array."""
        towns = [
            j
            for j, c in enumerate(cands)
            if self.keys and c.lat is not None and c.lon is not None and c.level in ("place", "admin2")
        ]
        if len(towns) < 2:
            return [self.proximity(c, key) for c in cands]
        other, total = self._others(key)
        if not total:
            return [0.0] * len(cands)
        near = np.exp(-_km_rows([cands[j] for j in towns], self.lat, self.lon) / PROXIMITY_KM)
        by_town = {j: float((near[row] * self.weights)[other].sum()) / total for row, j in enumerate(towns)}
        return [by_town[j] if j in by_town else self.proximity(c, key) for j, c in enumerate(cands)]


class Readings:
    """The local readings of every name in an article, for the coherence of a candidate with the others.

    Two ambiguous neighbours (Alexandria and Douglas County) pick the pair of readings that lie together.
    Distances are computed once per candidate, vectorised over all readings of all names.
    """

    def __init__(self, groups: dict[str, list[Mention]]) -> None:
        self.keys: list[str] = []
        self.weights: list[int] = []
        self.members: list[list[Candidate]] = []
        starts: list[int] = []
        lats: list[float | None] = []
        lons: list[float | None] = []
        for key, ms in groups.items():
            local = [c for c in ms[0].candidates if c.level in ("place", "admin2") and c.lat is not None]
            if not local:
                continue
            local = local[:READINGS]
            self.keys.append(key)
            self.weights.append(len(ms))
            self.members.append(local)
            starts.append(len(lats))
            lats += [c.lat for c in local]
            lons += [c.lon for c in local]
        self.starts = np.array(starts, dtype=np.intp)
        self.lat = np.radians(np.array(lats, dtype=float))
        self.lon = np.radians(np.array(lons, dtype=float))
        self.cache: dict[tuple[str, int], float] = {}
        self.by_key: dict[str, tuple[list[int], int]] = {}

    def coherence(self, c: Candidate, key: str) -> float:
        """Share of the other names that have some local reading near ``c`` (or inside it, for a country/admin1)."""
        hit = self.cache.get((key, c.ref))
        if hit is None:
            hit = self.cache[(key, c.ref)] = self._coherence(c, key)
        return hit

    def prefill(self, cands: list[Candidate], key: str) -> None:
        """Compute the coherence of a name's town readings at once: their distances in one array."""
        towns = [
            c
            for c in cands
            if (key, c.ref) not in self.cache
            and c.level in ("place", "admin2")
            and c.lat is not None
            and c.lon is not None
        ]
        if len(towns) < 2 or not self.keys:
            return
        others, total = self._others(key)
        if not total:
            return
        km = _km_rows(towns, self.lat, self.lon)
        for row, c in enumerate(towns):
            best = np.minimum.reduceat(km[row], self.starts)
            near = sum(self.weights[i] * math.exp(-float(best[i]) / PROXIMITY_KM) for i in others)
            self.cache[(key, c.ref)] = near / total

    def _others(self, key: str) -> tuple[list[int], int]:
        """The names that are not ``key`` (nor its kin), and their weight."""
        if key not in self.by_key:
            others = [i for i, k in enumerate(self.keys) if not kin(k, key)]
            self.by_key[key] = (others, sum(self.weights[i] for i in others))
        return self.by_key[key]

    def _coherence(self, c: Candidate, key: str) -> float:
        others, total = self._others(key)
        if not total:
            return 0.0
        near: float
        if c.level == "country":
            near = sum(self.weights[i] for i in others if any(d.country == c.country for d in self.members[i]))
        elif c.level == "admin1":
            near = sum(
                self.weights[i]
                for i in others
                if any(d.country == c.country and d.admin1 == c.admin1 for d in self.members[i])
            )
        elif c.level in ("place", "admin2") and c.lat is not None and c.lon is not None:
            best = np.minimum.reduceat(_km_many(c.lat, c.lon, self.lat, self.lon), self.starts)
            near = sum(self.weights[i] * math.exp(-float(best[i]) / PROXIMITY_KM) for i in others)
        else:
            return 0.0
        return near / total


def among(cands: list[Candidate], places: list[Candidate]) -> bool:
    """True when some local reading in ``cands`` lies within ``AMONG_KM`` of one of ``places``."""
    for c in cands[:READINGS]:
        if c.lat is None or c.lon is None or c.level not in ("place", "admin2", "admin1"):
            continue
        for p in places:
            if haversine_km(c.lat, c.lon, *point(p)) <= AMONG_KM:
                return True
    return False
