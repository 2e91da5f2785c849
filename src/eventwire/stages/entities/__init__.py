"""Entities stage: actor mentions found, merged within the article and coded.

Mentions come from three places: named entities (spaCy NER plus the entity
ruler fed by the actor knowledge base), noun phrases headed by a generic agent
noun ("US officials", "pro-government militants", "a gunman"), and countries
acting as subjects. Mentions of one actor are merged: knowledge-base aliases
(IS = ISIS = Daesh), surnames (Okon = police spokesman Edet Okon) and
bracketed acronyms ("Islamic State [IS]").

Data flows one way through the modules: each imports only modules named before it in
``tuning, mentions, countries, persons, groups, collectives, merging, coding, __init__``::

    mentions -> countries -> persons -> groups -> __init__
                countries -> collectives -> __init__
    mentions -> merging -> __init__
    mentions -> coding -> __init__

``__init__`` runs them in that order: find mentions (persons, groups, collectives), merge them, then code the
entities left without a country.
"""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.knowledge.actors import get_actor_kb
from eventwire.stages import stage
from eventwire.stages.entities.coding import country_nearby, possessor_country
from eventwire.stages.entities.collectives import (
    collective_mentions,
    event_nationality_mentions,
    misspelt_country_mentions,
)
from eventwire.stages.entities.groups import group_mentions
from eventwire.stages.entities.merging import definite_group_mentions, merge, resolve_overlaps
from eventwire.stages.entities.persons import person_mentions


@stage("entities", requires=("doc", "excluded"), assigns=("entities",))
def entities(analysis: Analysis) -> None:
    """Find actor mentions, merge them into entities and code them (country, sector, CAMEO-style code)."""
    doc = analysis.doc
    if doc is None:
        return
    kb = get_actor_kb()
    mentions = person_mentions(doc, kb, analysis) + group_mentions(doc, kb, analysis)
    mentions += collective_mentions(doc, kb, analysis) + event_nationality_mentions(doc, kb, analysis)
    mentions += misspelt_country_mentions(doc, kb, analysis)
    merged = merge(resolve_overlaps(mentions), analysis.text)
    definite_group_mentions(doc, analysis, merged)
    possessor_country(doc, merged)
    country_nearby(doc, kb, merged)
    analysis.entities.extend(merged)
