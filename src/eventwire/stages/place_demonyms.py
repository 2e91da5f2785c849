"""Demonyms of the places stage: countries an article names by their people or adjective ("Iraqi forces").

A demonym is not a place mention (nothing happens *at* "Iraqi"), so it never becomes a place or an
event's location; it is kept apart, with the country's reference point, as evidence of which countries
the article is about.
"""

from __future__ import annotations

from eventwire.analysis import Analysis, Demonym
from eventwire.knowledge.gazetteer import Gazetteer, lookup_key

# "Sri Lankan", "Papua New Guinean": the longest demonyms run to three words.
_MAX_WORDS = 3
# Capitalised words that are someone's name rather than a people's ("Christian Brothers" still counts).
_NOT_PEOPLE = frozenset({"PERSON", "WORK_OF_ART", "LAW"})


def _country(gaz: Gazetteer, text: str) -> str | None:
    """Country of a demonym or its plural ("Russians"), else None."""
    found = gaz.country_of_demonym(text)
    if found is None and len(text) > 3 and text.endswith("s"):
        found = gaz.country_of_demonym(text[:-1])
    return found


def find_demonyms(analysis: Analysis, gaz: Gazetteer) -> None:
    """Fill ``analysis.demonyms`` from capitalised words outside the article's place mentions."""
    doc = analysis.doc
    if doc is None:
        return
    heads = gaz.demonym_heads
    taken = sorted((m.start, m.end) for p in analysis.places for m in p.mentions)
    found: dict[str, Demonym] = {}
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        key = lookup_key(tok.text) if tok.is_alpha and tok.text[:1].isupper() else ""
        if not key or (key not in heads and key[:-1] not in heads) or tok.ent_type_ in _NOT_PEOPLE:
            i += 1
            continue
        for width in range(min(_MAX_WORDS, n - i), 0, -1):
            span = doc[i : i + width]
            country = _country(gaz, span.text)
            if country is None:
                continue
            s, e = span.start_char, span.end_char
            if not analysis.is_excluded(s, e) and not any(a < e and s < b for a, b in taken):
                _add(found, analysis, gaz, country, s, e)
            i += width - 1
            break
        i += 1
    analysis.demonyms.extend(found.values())


def _add(found: dict[str, Demonym], analysis: Analysis, gaz: Gazetteer, country: str, s: int, e: int) -> None:
    """Add one mention to the country's demonym, creating it (with the country's point) on first sight."""
    item = found.get(country)
    if item is None:
        cand = gaz.country(country)
        ident = f"D{len(analysis.demonyms) + len(found) + 1}"
        item = Demonym(id=ident, name=cand.name if cand else country, country=country)
        if cand is not None:
            item.geonameid, item.lat, item.lon = cand.geonameid, cand.lat, cand.lon
        item.place = next(
            (p.id for p in analysis.places if p.level == "country" and p.country == country and p.geonameid), None
        )
        found[country] = item
    item.mentions.append(analysis.span(s, e))
