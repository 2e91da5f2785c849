"""Demonyms of the places stage: countries, states and regions an article names by their people or adjective
("Iraqi forces", "Ohioans", "South Ossetian militias").

A demonym is not a place mention (nothing happens *at* "Iraqi"), so it never becomes a place or an
event's location; it is kept apart, with the named place's reference point, as evidence of where the
article is about.
"""

from __future__ import annotations

from functools import partial

from eventwire.analysis import Analysis, Demonym
from eventwire.knowledge.gazetteer import Candidate, Gazetteer, lookup_key
from eventwire.nlp import indices_passing

# "Sri Lankan", "Papua New Guinean": the longest demonyms run to three words.
_MAX_WORDS = 3
# Capitalised words that are someone's or something's name rather than a people's.
_NOT_PEOPLE = frozenset({"PERSON", "WORK_OF_ART", "LAW"})


def _named(gaz: Gazetteer, text: str) -> Candidate | None:
    """The country, state or region a demonym or its plural ("Russians", "Ohioans") names, else None."""
    found = gaz.place_of_demonym(text)
    if found is None and len(text) > 3 and text.endswith("s"):
        found = gaz.place_of_demonym(text[:-1])
    return found


def _opens(heads: frozenset[str], word: str) -> bool:
    """True when ``word`` (or its singular) opens a known demonym."""
    key = lookup_key(word)
    return key in heads or (key.endswith("s") and key[:-1] in heads)


def find_demonyms(analysis: Analysis, gaz: Gazetteer, taken: list[tuple[int, int]]) -> None:
    """Fill ``analysis.demonyms`` from capitalised words outside the toponym mentions ``taken``."""
    doc = analysis.doc
    if doc is None:
        return
    found: dict[int, Demonym] = {}
    n = len(doc)
    after = 0  # the end of the last demonym read: its words are not read again
    heads = gaz.demonym_heads
    for i in indices_passing(doc, "LOWER", partial(_opens, heads), ("demonym", heads)):
        tok = doc[i]
        if i < after or not tok.is_alpha or not tok.text[:1].isupper() or tok.ent_type_ in _NOT_PEOPLE:
            continue
        for width in range(min(_MAX_WORDS, n - i), 0, -1):
            span = doc[i : i + width]
            if not span[-1].is_alpha:
                continue  # "Illinoisan ,": the key drops the comma, the span must not keep it
            place = _named(gaz, span.text)
            if place is None:
                continue
            s, e = span.start_char, span.end_char
            nxt = doc[i + width] if i + width < n else None
            # "Indian Ocean", "American Samoa": the word opens a place's own name, found or not.
            opens_place = nxt is not None and nxt.text[:1].isupper() and gaz.has(f"{span.text} {nxt.text}")
            if not (opens_place or analysis.is_excluded(s, e) or any(a < e and s < b for a, b in taken)):
                _add(found, analysis, place, s, e)
            after = i + width
            break
    analysis.demonyms.extend(found.values())


def _add(found: dict[int, Demonym], analysis: Analysis, place: Candidate, s: int, e: int) -> None:
    """Add one mention to the demonym of ``place``, creating it on first sight."""
    item = found.get(place.ref)
    if item is None:
        ident = f"D{len(analysis.demonyms) + len(found) + 1}"
        item = Demonym(ident, place.name, place.country, place.geonameid, place.lat, place.lon, place.level)
        found[place.ref] = item
    item.mentions.append(analysis.span(s, e))


def link_places(analysis: Analysis) -> None:
    """Point each demonym at the place that names the same country, state or region, if the text names it."""
    for item in analysis.demonyms:
        item.place = next(
            (
                p.id
                for p in analysis.places
                if p.level == item.level
                and p.country == item.country
                and p.geonameid == item.geonameid
                and (p.geonameid is not None or p.name == item.name)
            ),
            None,
        )
