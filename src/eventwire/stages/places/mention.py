"""The ``Mention`` record of the places stage (one toponym span and its gazetteer readings) and the tests on a
name's readings that recognition and resolution both ask: is it big, does a country or state hold it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.knowledge.gazetteer import Candidate
from eventwire.stages.places.tuning import TUNING

# A gazetteer-only match with no locative cue must be a big, unambiguous kind of place.
BIG_PLACE = TUNING["big_place"]


@dataclass
class Mention:
    """One toponym span of the article with its gazetteer readings, best first."""

    start: int
    end: int
    text: str
    from_ner: bool
    candidates: list[Candidate] = field(default_factory=list)
    qualifier: Mention | None = None
    # The country or state named after this name ("Stroud, Ontario") that holds no place of the name.
    unheld: Candidate | None = None
    stem: str = ""  # the known name that opens this unknown one ("Kiser" in "Kiser Lake"), whose candidates it has
    # For a name the gazetteer lacks, the known name the text puts it in ("Abu Shok camp in Al-Fashir").
    within: Mention | None = None


def point(c: Candidate) -> tuple[float, float]:
    """The latitude and longitude of a reading known to have them."""
    assert c.lat is not None and c.lon is not None
    return c.lat, c.lon


def located(cands: list[Candidate]) -> list[Candidate]:
    """The readings that have coordinates, when some do: a reading without them can only be wrong."""
    if all(c.lat is not None for c in cands):
        return cands
    with_coords = [c for c in cands if c.lat is not None]
    return with_coords or cands


def capital_or_state(cands: list[Candidate]) -> bool:
    """True when the best reading is a national capital, a country or a first-level subdivision."""
    best = cands[0] if cands else None
    return bool(best and best.primary and (best.capital or best.level in ("country", "admin1")))


def is_big(cands: list[Candidate]) -> bool:
    """True when the best reading, under its own name, is a country, admin1, region or a big place."""
    best = cands[0] if cands else None
    return bool(
        best
        and best.primary
        and (best.level in ("country", "admin1", "region") or (best.level == "place" and best.population >= BIG_PLACE))
    )


def containing(inner: list[Candidate], outer: list[Candidate]) -> list[Candidate]:
    """The candidates of ``inner`` that lie in one of the ``outer`` country/admin1 candidates."""
    hits = []
    for c in inner:
        for q in outer:
            if q.level == "country" and c.country == q.country and c.level != "country":
                hits.append(c)
                break
            if q.level == "admin1" and c.country == q.country and c.admin1 == q.admin1 and c.level == "place":
                hits.append(c)
                break
    return hits


def inside(c: Candidate, unit: Candidate) -> bool:
    """True when ``c`` lies in the country or admin1 ``unit``."""
    return c.country == unit.country and c.level != unit.level and (unit.level == "country" or c.admin1 == unit.admin1)
