"""Tuned numbers of the times stage: the spans given to vague expressions, and how far cues are looked for.

Calendar arithmetic (days in a week, months in a quarter) is not here; only values someone chose.
"""

from __future__ import annotations

from eventwire.tuning import Param, Tuning

# One batch of changes in be5fc5e raised TimeBank+AQUAINT value F1 0.787 -> 0.814 (`eventwire eval time`,
# CHANGELOG); the values it set were not measured one by one.
_BATCH = (
    "set by hand in be5fc5e (Times: value F1 0.814 on TimeBank+AQUAINT), within a batch that raised value F1 "
    "0.787 -> 0.814 (CHANGELOG); not measured alone"
)
_SKELETON = "set by hand in c8617e4 (eventwire skeleton); not measured"

TUNING = Tuning(
    "times",
    Param("headline_capitals", 0.6, f"share of capitalised words from which a line is a title-case headline: {_BATCH}"),
    Param("verb_search_hops", 6, f"heads a calendar word climbs to reach its governing verb: {_SKELETON}"),
    Param("clause_climb_hops", 4, f"governing clauses read for a tense above that verb: {_BATCH}"),
    Param(
        "tense_override_days",
        30,
        "days a month-and-day without a year may lie on the wrong side of publication before tense moves it: "
        "set by hand in 0842a92 (Stages end to end); not measured",
    ),
    Param("few_units_nearest", 2, f"'a few years ago': the nearest end, in units from publication: {_BATCH}"),
    Param("few_units_farthest", 7, f"'a few years ago': the farthest end, in units from publication: {_BATCH}"),
    Param("recently_months", 1, f"how far back 'recently' and 'lately' reach, in months: {_BATCH}"),
    Param("vague_count", 3, f"units spanned by 'the past few years' (or a fractional count): {_SKELETON}"),
    Param("ahead_units", 3, f"units spanned by 'the years ahead': {_SKELETON}"),
    Param("recent_days", 7, f"days spanned by 'recent days': {_SKELETON}"),
    Param("recent_units", 3, f"units spanned by 'recent weeks' (months, years): {_SKELETON}"),
    Param("undated_reference_year", 1999, f"the year 'the nineties' is read from without a publication date: {_BATCH}"),
)
