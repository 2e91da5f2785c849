"""Tuned numbers of the quantities stage: how far the rules look around a number (read by name from ``TUNING``)."""

from __future__ import annotations

from eventwire.tuning import Param, Tuning

_SKELETON = "Set by hand in c8617e4 (eventwire skeleton: data model, ...); not measured."

TUNING = Tuning(
    "quantities",
    Param(
        "counted_noun_reach",
        4,
        "Tokens after a number phrase in which a plural or people noun is taken for what it counts when the parse "
        "does not say. " + _SKELETON,
    ),
    Param(
        "counted_span_reach",
        5,
        "A counted noun this close after the phrase (in tokens) closes the quantity's mention. " + _SKELETON,
    ),
    Param(
        "verb_chain_depth",
        4,
        'Coordination, apposition and "including/among" links followed up from a number to its verb. ' + _SKELETON,
    ),
    Param(
        "tally_chain_depth",
        3,
        'Prepositions ("at", "to", "of") followed up from a number to the tally noun it hangs from. ' + _SKELETON,
    ),
    Param("year_min", 1800, "Earliest four-digit number read as a year, not a count. " + _SKELETON),
    Param("year_max", 2100, "Latest four-digit number read as a year, not a count. " + _SKELETON),
)
