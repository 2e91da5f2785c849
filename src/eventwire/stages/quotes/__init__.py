"""Quotes: direct quotes and reported speech, each with its cue, content and speaker.

Direct quotes are found from the quotation marks of each paragraph (curly, straight, or the doubled
apostrophe some archives use; an opening mark left open at the end of a paragraph runs to its end, the news
convention for a quote that continues in the next paragraph). Marks inside running text (a mixed quote's
fragment, a title, a scare quote) are not direct quotes: a direct quote follows a paragraph or sentence
start, a lead-in (colon, comma, dash) or a speech verb or "that" when it runs to the end of its sentence.
Each is attributed by the speech verb next to it ("...," Okon said), a transcript label ("WALLACE: ..."),
a credit line ("..." - Jane Doe), "in X's words", the speech verb it hangs from in the parse, "according to
X", a colon lead-in ("Trump: ...", "X responded: ..."), else by the quote it continues, else by a speech verb
in the sentence or paragraph before it. Reported speech is a speech verb with a clausal complement
("officials warned that ...") or "according to X". Speakers are linked to entities by overlap, and pronouns
and descriptions to the nearest compatible entity before them.

Data flows one way through the modules: each imports only modules named before it in
``tuning, ranges, cues, speakers, resolution, marks, clues, direct, reported, finding, __init__``::

    ranges, cues -> speakers -> clues, direct, reported     (who speaks)
    cues -> resolution -> direct, reported                  (which entity speaks)
    ranges -> marks -> clues -> direct -> finding -> __init__
    marks -> reported -> finding

``find_quotes`` is re-exported here: the tests read the quotes of an analysis without adding them to it.
"""

from __future__ import annotations

from eventwire.analysis import Analysis
from eventwire.stages import stage
from eventwire.stages.quotes.finding import find_quotes

__all__ = ["find_quotes", "quotes"]


@stage("quotes", requires=("doc", "excluded", "entities"), assigns=("quotes",))
def quotes(analysis: Analysis) -> None:
    """Append the article's quotes to ``analysis.quotes``."""
    found = find_quotes(analysis)
    for n, q in enumerate(found, len(analysis.quotes) + 1):
        q.id = f"U{n}"
    analysis.quotes.extend(found)
