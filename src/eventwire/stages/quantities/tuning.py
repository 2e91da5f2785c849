"""Tuned numbers of the quantities stage: how far the rules look around a number (read by name from ``TUNING``)."""

from __future__ import annotations

from eventwire.tuning import Tuning

TUNING = Tuning.load("quantities")
