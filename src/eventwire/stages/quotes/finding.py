"""Every quote of an article, direct and reported, in text order."""

from __future__ import annotations

from eventwire.analysis import Analysis, Quote
from eventwire.stages.quotes.direct import direct_quotes
from eventwire.stages.quotes.ranges import paragraphs
from eventwire.stages.quotes.reported import reported
from eventwire.stages.quotes.resolution import Resolver


def find_quotes(analysis: Analysis) -> list[Quote]:
    """Every direct quote and reported speech in the article, in text order, with ids U1, U2, ..."""
    if analysis.doc is None:
        return []
    paras = paragraphs(analysis.text)
    res = Resolver(analysis, paras)
    direct = direct_quotes(analysis, paras, res)
    quotes = [Quote("", True, analysis.span(q.start, q.end), q.cue_span, q.speaker, q.speaker_entity) for q in direct]
    quotes.extend(reported(analysis, direct, res))
    quotes.sort(key=lambda q: (q.content.start, q.content.end))
    for n, q in enumerate(quotes, 1):
        q.id = f"U{n}"
    return quotes
