"""Tuned numbers of the quotes stage: how far the rules look around a quote or a cue (read by name from ``TUNING``)."""

from __future__ import annotations

from eventwire.tuning import Tuning

TUNING = Tuning.load("quotes")
