"""Tuned numbers of the times stage: the spans given to vague expressions, and how far cues are looked for.

Calendar arithmetic (days in a week, months in a quarter) is not here; only values someone chose.
"""

from __future__ import annotations

from eventwire.tuning import Tuning

# One batch of changes in be5fc5e raised TimeBank+AQUAINT value F1 0.787 -> 0.814 (`eventwire eval time`,
# CHANGELOG); the values it set were not measured one by one.

TUNING = Tuning.load("times")
