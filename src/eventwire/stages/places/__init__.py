"""The ``places`` stage: find toponyms and resolve them against the offline gazetteer.

Recognition takes spaCy GPE/LOC/FAC entities, plus capitalised spans the NER missed that the gazetteer
knows, when a locative preposition precedes them or they name a country, admin1 or large place.
Resolution scores each name's candidates by population, level, the article's country focus, a
qualifier next to the name ("Paris, Texas") and one sense per article. Demonyms ("Iraqi") name a country,
not a place mention: they are kept apart and add to the country focus.

One article's data flows one way through the modules. A module imports only modules on the rows above its own
or to its left on its row; the stage (``__init__``) passes the mentions of the second row to the third::

    tuning    words    mention                                    numbers, word lists, the Mention record
    cues -> blocking -> spans -> scan -> runs -> recognition      which spans are toponyms
    proximity -> qualifiers -> resolution -> positions            one reading per name, then the places
    demonyms                                                      the countries and states named by their people
    __init__: recognition, then demonyms, then positions          the stage

- ``cues``: the text around a name (feature words, datelines, jurisdictions, occurrences of a name).
- ``blocking``: names inside persons' and organisations' names, which are no places.
- ``spans``: NER spans mended where the NER cut them badly ("New Jersey", "Rio Grande do Sul").
- ``scan``: the state of one article's recognition and the place context of a span.
- ``runs``: gazetteer-only matches over capitalised runs; ``recognition`` runs every scan in order.
- ``proximity``: nearness of a reading to the article's other places and readings.
- ``qualifiers``: what the text says about a name ("Paris, Texas", "Stroud, Ontario", lists).
- ``resolution``: the prior of a reading and the rounds that pick one reading per name.
- ``positions``: decisions into places: stray readings dropped, approximate positions for unknown names.
- ``demonyms``: the countries, states and regions named by their people ("Iraqi forces", "Ohioans").
"""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.knowledge.gazetteer import get_gazetteer
from eventwire.stages import stage
from eventwire.stages.places.demonyms import find_demonyms, link_places
from eventwire.stages.places.mention import Mention
from eventwire.stages.places.positions import place
from eventwire.stages.places.recognition import recognise


@stage("places", requires=("doc", "excluded", "entities"), assigns=("places", "demonyms"))
def places(analysis: Analysis) -> None:
    """Find and resolve the article's toponyms into ``analysis.places``, and its demonyms."""
    gaz = get_gazetteer()
    pending: list[Mention] = []
    mentions = recognise(analysis, gaz, pending)
    # Demonyms first: the countries they name are part of the article's country focus.
    find_demonyms(analysis, gaz, [(m.start, m.end) for m in mentions])
    if mentions:
        place(analysis, mentions, pending)
    link_places(analysis)


__all__ = ["places"]
