"""Tuned numbers of the entities stage: how far the rules look around a name (read by name from ``TUNING``)."""

from __future__ import annotations

from eventwire.tuning import Tuning

TUNING = Tuning.load("entities")
