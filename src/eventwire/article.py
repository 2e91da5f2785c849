"""Article: the input of one analysis, and page-furniture recognition."""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.tuning import Tuning

TUNING = Tuning.load("article")


@dataclass
class Article:
    """One news article: the body text and what is known about it."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    ref: str | None = None
    language: str = "en"
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """``sha256:<hex>`` of the normalised body text (stable across whitespace and Unicode forms)."""
        norm = " ".join(unicodedata.normalize("NFC", self.text).split())
        return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()


_READING_TIME = re.compile(r"^\s*\d{1,3}\s*(?:min|mins|minutes?)\.?\s+read\s*$", re.I)
_BYLINE = re.compile(
    r"^\s*(?:By|Written by|Reporting by)\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,4}(?:\s*(?:,|and|&)\s*.*)?$"
)
# A caption ends in a short bracketed credit: "[Getty]", "(AFP)", "[Photo: Reuters]".
_CREDIT = re.compile(r"[\[(]\s*((?:photo|image|file|credit)?\s*:?\s*[A-Z][\w/&.' -]{0,40})\s*[\])]\s*$", re.I)
_CREDIT_WORDS = re.compile(
    r"photo|image|getty|afp|reuters|\bap\b|epa|anadolu|pool|file|credit|handout|\w+ images", re.I
)
_WEEKDAY = "|".join(list(calendar.day_name) + list(calendar.day_abbr))
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_LINE = re.compile(
    rf"""^\s*(?:(?:published|updated|posted|date)\s*:?\s*)?(?:(?:{_WEEKDAY})\.?,?\s+)?
    (?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_RE})\.?,?\s+(?P<y1>\d{{4}})
      |(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
      |(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))
    (?:[,\s]+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\s*$""",
    re.I | re.X,
)
_MAX_HEADER_LINES = int(TUNING["max_header_lines"])
_MAX_TITLE_CHARS = TUNING["max_title_chars"]
_MAX_BYLINE_CHARS = TUNING["max_byline_chars"]
_MAX_CAPTION_CHARS = TUNING["max_caption_chars"]
_MAX_CREDIT_WORDS = TUNING["max_credit_words"]


@dataclass
class Furniture:
    """Page furniture found at the top of a plain-text article."""

    title: str | None = None
    published: date | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    excluded: list[tuple[int, int]] = field(default_factory=list)


def parse_date_line(line: str) -> date | None:
    """Parse a line that holds only a date ("23 June, 2016", "June 23, 2016 10:30", "2016-06-23")."""
    m = _DATE_LINE.match(line)
    if not m:
        return None
    g = m.groupdict()
    if g["y3"]:
        y, mo, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
    elif g["y1"]:
        y, mo, d = int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"])
    else:
        y, mo, d = int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"])
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _lines(text: str) -> list[tuple[int, int, str]]:
    """Non-empty lines with their character ranges (whitespace trimmed)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            start = m.start() + (len(raw) - len(raw.lstrip()))
            out.append((start, start + len(stripped), stripped))
    return out


def _looks_like_title(line: str) -> bool:
    """A headline is short and does not end like a sentence of running text."""
    return len(line) <= _MAX_TITLE_CHARS and not re.search(r"[.:;,]\s*$", line) and len(line.split()) >= 2


def _credit(line: str) -> str | None:
    """The photo credit ending a caption line, if any."""
    m = _CREDIT.search(line)
    if not m or len(m.group(1).split()) > _MAX_CREDIT_WORDS:
        return None
    if _CREDIT_WORDS.search(m.group(1)) or m.group(1).isupper():
        return m.group(1).strip()
    return None


def detect_furniture(text: str) -> Furniture:
    """Recognise title, date line, reading time, byline and photo captions at the top of ``text``.

    The text is not changed: furniture is reported as metadata and as character
    ranges that stages must not take facts from.
    """
    found = Furniture()
    lines = _lines(text)
    if len(lines) < 2:
        return found
    i = 0
    first = lines[0]
    rest_is_body = any(len(ln[2]) > _MAX_TITLE_CHARS or re.search(r"[.!?\"”]$", ln[2]) for ln in lines[1:])
    if _looks_like_title(first[2]) and rest_is_body:
        found.title = first[2]
        found.excluded.append(first[:2])
        i = 1
        while i < len(lines) and lines[i][2] == first[2]:
            found.excluded.append(lines[i][:2])
            found.metadata["title_repeated"] = True
            i += 1
    candidates = []
    last_furniture = -1
    for j in range(i, min(len(lines), i + _MAX_HEADER_LINES)):
        start, end, line = lines[j]
        kind, value = None, None
        if _READING_TIME.match(line):
            kind, value = "reading_time", line
        elif (d := parse_date_line(line)) is not None:
            kind, value = "dateline", line
            found.published = found.published or d
        elif _BYLINE.match(line) and len(line) < _MAX_BYLINE_CHARS:
            kind, value = "byline", line
        elif (credit := _credit(line)) is not None and len(line) < _MAX_CAPTION_CHARS:
            kind, value = "caption", line
            found.metadata.setdefault("photo_credits", []).append(credit)
        candidates.append((j, kind, value))
        if kind:
            found.excluded.append((start, end))
            if kind == "caption":
                found.metadata.setdefault("captions", []).append(value)
            else:
                found.metadata[kind] = value
            last_furniture = j
    # Lines between the title and the last furniture line form the standfirst;
    # they are kept as body text (they state facts) but recorded as metadata.
    stand = [lines[j][2] for j, kind, _ in candidates if kind is None and j < last_furniture]
    if stand and found.title:
        found.metadata["standfirst"] = " ".join(stand)
    return found


def article_from_text(
    text: str,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    ref: str | None = None,
) -> Article:
    """An Article whose title, date and furniture come from the text when not given."""
    furniture = detect_furniture(text)
    metadata = dict(furniture.metadata)
    if furniture.excluded:
        metadata["furniture_spans"] = [list(r) for r in furniture.excluded]
    if furniture.published and published and furniture.published != published:
        metadata["dateline_date"] = furniture.published.isoformat()
    return Article(
        text=text,
        title=title or furniture.title,
        published=published or furniture.published,
        url=url,
        source=source,
        ref=ref,
        metadata=metadata,
    )
