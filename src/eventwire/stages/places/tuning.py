"""The tuned numbers of the places stage: priors, focus weights, distances, confidences and thresholds.

Figures quoted from commits are `eventwire eval geo` accuracies at 161 km (acc@161) on LGL and GeoVirus, for the
whole commit that set the value, not for the value alone. "Set by hand" means no measurement is on record.
"""

from __future__ import annotations

from eventwire.tuning import Tuning

TUNING = Tuning.load("places")
