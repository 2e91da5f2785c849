"""The ``times`` stage: TIMEX3 temporal expressions, normalised against the publication date.

Expressions are found with regular expressions built from ``data/temporal.json`` and checked
against the spaCy parse (part of speech, entities) to drop words that only look like times
("may" the modal, "March" the verb, "2000 troops"). Extents follow TimeML: leading prepositions
are left out, determiners and modifiers ("the past three years", "earlier this month") are kept.
Relative values are resolved against the publication date, or against the previously mentioned
date for anaphoric ones ("the next day", "a year earlier"); bare weekdays and months take the
direction of the governing verb's tense.

Modules, in the one direction data flows through them (each imports only modules to its left)::

    tuning, normalise -> patterns ----------------------------------------------------------.
                      \\-> tense -> context -> values -> dates, clock, relative, durations -> tagging -> __init__

- ``tuning``: the stage's tuned numbers; ``normalise``: the temporal vocabulary and TIMEX3 value arithmetic
  (calendar shifts, formatting, intervals, durations).
- ``patterns``: the rules (regexes built from the vocabulary) and the anchor words each rule's matches contain.
- ``tense``: the tense of the verb governing a calendar word; ``context``: the expression found (``Found``) and
  what a handler reads around a match (``Ctx``: the parse, neighbouring words, tense, the last date mentioned).
- ``values``: numbers, units, month and weekday names, dates written without a year.
- handlers by kind, one per rule: ``dates`` (written dates, months, years, decades, quarters, seasons),
  ``clock`` (clock times, recurrences, holidays), ``relative`` (relative days, units and references),
  ``durations``.
- ``tagging``: runs the rules around their anchor words, keeps the longest of overlapping matches and
  normalises them in text order.
"""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.stages import stage
from eventwire.stages.times.tagging import find_times, tag_times

__all__ = ["find_times", "tag_times", "times"]


@stage("times", requires=("doc", "excluded"), assigns=("times",))
def times(analysis: Analysis) -> None:
    """Append the article's temporal expressions to ``analysis.times``."""
    if analysis.doc is None:
        return
    offset = len(analysis.times)
    for t in tag_times(analysis.doc, analysis.published, analysis.excluded, analysis.text):
        t.id = f"T{offset + int(t.id[1:])}"
        analysis.times.append(t)
