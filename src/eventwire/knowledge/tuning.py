"""Tuned numbers of the knowledge indexes (gazetteer and actor knowledge base), with where each came from."""

from __future__ import annotations

from eventwire.tuning import Tuning

TUNING = Tuning.load("knowledge")
