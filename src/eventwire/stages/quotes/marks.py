"""Quoted stretches between quotation marks, paragraph by paragraph: double marks (curly, straight, doubled
apostrophes; one left open runs to the end of its paragraph) and single marks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.analysis import Span
from eventwire.stages.quotes.ranges import trim

_OPEN = ("“", "„", "«", "``")
_CLOSE = ("”", "»")
# Straight marks, and the doubled apostrophe some news archives use for them, both open and close.
_MARKS = re.compile(r"''|``|[“”„«»\"]")
_SINGLE = re.compile(r"(?<![\w’'])['‘](?=\w)([^'‘’\n]{1,200}?[^\s'‘’])['’](?!\w)")


@dataclass
class Direct:
    """A quoted stretch: content ``[start, end)`` and its marks ``[open, close)``."""

    start: int
    end: int
    open: int
    close: int
    para: int
    unclosed: bool = False
    single: bool = False
    cue: Token | None = None
    speaker: Span | None = None
    speaker_entity: str | None = None
    cue_span: Span | None = None
    chain: list[int] = field(default_factory=list)


def double_quotes(text: str, paras: list[tuple[int, int]]) -> list[Direct]:
    """Quoted stretches between double quotation marks, paragraph by paragraph."""
    found: list[Direct] = []
    for pi, (ps, pe) in enumerate(paras):
        opened: re.Match[str] | None = None
        for m in _MARKS.finditer(text, ps, pe):
            # A closing mark that starts a word with nothing open is a mistyped opening one.
            typo = m.group() in _CLOSE and opened is None and m.end() < pe and text[m.end()].isalnum()
            if m.group() in _OPEN or (m.group() not in _CLOSE and opened is None) or typo:
                opened = m
                continue
            if opened is None:
                continue
            s, e = trim(text, opened.end(), m.start(), ",")
            if e > s:
                found.append(Direct(s, e, opened.start(), m.end(), pi))
            opened = None
        if opened is not None:
            s, e = trim(text, opened.end(), pe, ",")
            if e > s:
                found.append(Direct(s, e, opened.start(), pe, pi, unclosed=True))
    return found


def single_quotes(text: str, paras: list[tuple[int, int]], doubles: list[Direct]) -> list[Direct]:
    """Single-quoted stretches outside double quotes (kept later only when a speech cue follows)."""
    found = []
    for pi, (ps, pe) in enumerate(paras):
        for m in _SINGLE.finditer(text, ps, pe):
            if any(d.open <= m.start() < d.close for d in doubles):
                continue
            found.append(Direct(m.start(1), m.end(1), m.start(), m.end(), pi, single=True))
    return found
