"""Tuned numbers of the entities stage: how far the rules look around a name (read by name from ``TUNING``)."""

from __future__ import annotations

from eventwire.tuning import Param, Tuning

TUNING = Tuning(
    "entities",
    Param(
        "title_reach",
        7,
        "Title words before a person's name: the walk back stops once more than this many are read. Raised from 5 "
        "by hand in cb512eb (Quotes: PolNeAR evaluation ...; entities: notable people KB), whose message reports "
        "PolNeAR dev direct F1 0.93 / speaker 0.93 for all its changes together; this value was not measured alone.",
    ),
    Param(
        "ethnic_reach",
        2,
        'Words before a plural demonym in which "ethnic" marks an ethnic group ("ethnic Albanians in Serbia"). '
        "Set by hand in cb512eb (Quotes: PolNeAR evaluation ...; entities: notable people KB); not measured.",
    ),
    Param(
        "coordination_depth",
        4,
        "Coordination links followed up from a country name to find whether it is a participant. Set by hand in "
        "88fa135 (Events: PLOVER evaluation, ..., actor coding); not measured.",
    ),
    Param(
        "acronym_reach",
        16,
        'Characters after a name in which a bracketed acronym ("Islamic State [IS]") is looked for. Set by hand in '
        "c8617e4 (eventwire skeleton); not measured.",
    ),
)
