"""Quantities: numbers with what they count and the role they play (killed, injured, forces, money, ...).

A number phrase is read from the tokens (digits, number words, scale words, vague words such as
"hundreds"), widened by the modifiers in front of it ("at least", "an estimated", "between ... and"),
and then placed in its clause through the dependency parse: the verb that governs it ("killed 49
people", "49 people were killed"), a predicate word ("49 dead"), the counted noun ("10,000 troops")
or a tally ("the death toll rose to 30"). Dates, years, ages and durations belong to the times stage
and are skipped.

Data flows one way through the modules: each imports only modules named before it in
``tuning, cues, numbers, roles, skips, finding, victims, __init__``::

    cues -> numbers -> roles -> skips -> finding -> __init__
    cues -> victims -> __init__

``find_quantities`` is re-exported here: the tests read the numbered quantities before singular victims join.
"""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.stages import stage
from eventwire.stages.quantities.finding import find_quantities
from eventwire.stages.quantities.victims import singular_victims

__all__ = ["find_quantities", "quantities"]


@stage("quantities", requires=("doc", "excluded"), assigns=("quantities",))
def quantities(analysis: Analysis) -> None:
    """Append the article's quantities to ``analysis.quantities``."""
    found = find_quantities(analysis)
    found = sorted(found + singular_victims(analysis, found), key=lambda q: q.mention.start)
    offset = len(analysis.quantities)
    for n, q in enumerate(found, offset + 1):
        q.id = f"Q{n}"
    analysis.quantities.extend(found)
