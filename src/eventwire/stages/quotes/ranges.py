"""Character and token ranges of the article: paragraphs (news paragraphs are lines), trimmed ranges, the tokens
inside a range."""

from __future__ import annotations

from spacy.tokens import Doc, Token


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every non-empty line: news paragraphs are lines."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def trim(text: str, start: int, end: int, extra: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace (and ``extra`` characters) at both ends."""
    strip = " \t\r\n\u00a0" + extra
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying inside the character range ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    return list(span)


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token indices covering the character range ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return 0, 0
    return span.start, span.end
