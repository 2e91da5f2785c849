"""eventwire: news articles into structured, evidence-linked event records, offline.

>>> import eventwire
>>> record = eventwire.analyse("Police arrested 12 protesters in Nairobi on Monday.", published="2024-05-08")
>>> record.to_dict()["events"][0]["type"]
'COERCE'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from eventwire.article import Article
from eventwire.record import Record

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

__all__ = ["Article", "Pipeline", "Record", "analyse"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """Import the Pipeline lazily so that ``import eventwire`` stays cheap."""
    if name == "Pipeline":
        from eventwire.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


def _default_pipeline() -> Pipeline:
    """The process-wide default Pipeline."""
    from eventwire.pipeline import shared_pipeline

    return shared_pipeline()


def analyse(
    text: str,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Record:
    """Analyse one article's text and return its ``eventwire/1`` record."""
    return _default_pipeline().analyse(text, published=published, title=title, url=url)
