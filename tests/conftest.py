"""Shared fixtures: one spaCy pipeline per test session, an Analysis builder, the gold data path."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from eventwire.analysis import Analysis
from eventwire.article import Article
from eventwire.nlp import load_nlp

SHARED = Path(os.environ.get("EVENTWIRE_SHARED") or Path(__file__).resolve().parents[2] / "shared")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared gold data and seed article (``../shared`` or ``$EVENTWIRE_SHARED``); skips when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"gold data not available: {SHARED} does not exist (set EVENTWIRE_SHARED to its path)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline, loaded once."""
    return load_nlp()


@pytest.fixture
def make_analysis(nlp):
    """Build an Analysis with a parsed doc for ``text`` published on ``published``."""

    def build(text: str, published: date | str | None = "2020-03-10") -> Analysis:
        if isinstance(published, str):
            published = date.fromisoformat(published)
        article = Article(text=text, published=published)
        return Analysis(article=article, doc=nlp(text))

    return build
