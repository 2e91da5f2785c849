"""Number phrases read from the tokens: digits, number words, scale words, vague words ("hundreds"), the
modifiers in front ("at least", "an estimated") and ranges ("10 to 20", "between 10 and 20")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LOWER, SHAPE  # type: ignore[import-not-found]
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from eventwire.stages.quantities.cues import cues, lower

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]{0,3})$", re.IGNORECASE)


@dataclass
class Phrase:
    """A number phrase over tokens ``[start, end)`` of the doc."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    weak: bool = False
    digits: bool = False


def _word_value(word: str) -> float | None:
    """Value of one number word or hyphenated compound ("twenty-three"), else None."""
    c = cues()
    word = word.lower()
    if word in c["units"]:
        return float(c["units"][word])
    if "-" in word:
        parts = word.split("-")
        if len(parts) == 2 and all(p in c["units"] for p in parts):
            return float(c["units"][parts[0]] + c["units"][parts[1]])
    return None


def _digit_value(text: str) -> float | None:
    """Value of a digit token such as ``30,000``, ``1.5`` or ``3bn``; None if it is not one."""
    m = _DIGITS.match(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    suffix = m.group(3).lower()
    if suffix:
        scale = cues()["scale_suffixes"].get(suffix)
        if scale is None:
            return None
        value *= scale
    return value


def _joins(current: float | None, word: float) -> bool:
    """True when number word ``word`` continues ``current`` ("twenty" + "three", "hundred" + "five")."""
    if current is None or current == 0:
        return True
    rest = current % 100
    return (rest == 0 and word < 100) or (rest >= 20 and rest % 10 == 0 and word < 10)


def _is_scale(tok: Token) -> int | None:
    """Scale of ``hundred``/``million``/``bn``-like tokens, else None."""
    c = cues()
    low = lower(tok)
    if low in c["scales"]:
        return c["scales"][low]
    return None


def read_phrase(doc: Doc, i: int, end: int) -> Phrase | None:
    """Read the number phrase starting at token ``i`` (not beyond ``end``), if one starts there."""
    low = lower(doc[i])
    # Multi-word vague quantities ("a few", "a handful") and "a dozen"/"a hundred".
    if low in ("a", "an") and i + 1 < end:
        return _article_phrase(doc, i, end)
    if low in cues()["vague"]:
        return _vague_phrase(doc, i, end, low)
    return _exact_phrase(doc, i, end)


def _article_phrase(doc: Doc, i: int, end: int) -> Phrase | None:
    """A phrase opened by "a"/"an": a vague quantity ("a few", "a handful") or a scale ("a dozen", "a hundred")."""
    c = cues()
    vague = c["vague"]
    nxt = lower(doc[i + 1])
    if f"a {nxt}" in vague:
        lo, hi = vague[f"a {nxt}"]
        j = i + 2
        scale = _is_scale(doc[j]) if j < end else None
        if scale:
            return Phrase(i, j + 1, None, lo * scale, hi * scale, True, weak=False)
        return Phrase(i, j, None, lo, hi, True, weak=f"a {nxt}" in c["weak_vague"])
    if nxt == "dozen" or _is_scale(doc[i + 1]):
        val = 12.0 if nxt == "dozen" else float(_is_scale(doc[i + 1]) or 0)
        j = i + 2
        scale = _is_scale(doc[j]) if j < end else None
        if scale:
            return Phrase(i, j + 1, val * scale)
        return Phrase(i, j, val)
    return None


def _vague_phrase(doc: Doc, i: int, end: int, low: str) -> Phrase | None:
    """A vague quantity ("hundreds", "hundreds of thousands", "several thousand") as a range."""
    c = cues()
    vague = c["vague"]
    lo, hi = vague[low]
    j = i + 1
    # "hundreds of thousands", "tens of thousands"
    if j + 1 < end and lower(doc[j]) == "of" and lower(doc[j + 1]) in vague:
        inner = lower(doc[j + 1]).rstrip("s")
        scale = c["scales"].get(inner)
        if scale:
            return Phrase(i, j + 2, None, lo * scale, (hi + 1) * scale - 1, True)
    if low in c["weak_vague"] and j < end and _is_scale(doc[j]):
        scale = _is_scale(doc[j]) or 1
        return Phrase(i, j + 1, None, lo * scale, hi * scale, True)
    if low == "tens" or (low == "scores" and not (j < end and lower(doc[j]) == "of")):
        return None  # "tens" alone, or "scores" as a verb, is not a count
    return Phrase(i, j, None, float(lo), float(hi), True, weak=low in c["weak_vague"])


def _exact_phrase(doc: Doc, i: int, end: int) -> Phrase | None:
    """An exact number: digits or number words followed by scale words ("30,000", "twenty-three", "1.5 million")."""
    c = cues()
    total = 0.0
    current: float | None = None
    j = i
    digits = False
    while j < end:
        t = doc[j]
        text = t.text
        dv = _digit_value(text) if j == i else None
        wv = _word_value(text)
        scale = _is_scale(t)
        if dv is not None:
            current, digits = dv, True
        elif scale and current is not None:
            if scale >= 1000:
                total += current * scale
                current = 0.0
            else:
                current *= scale
        elif wv is not None and not digits and _joins(current, wv):
            current = (current or 0.0) + wv
        elif _connector(doc, i, j, end, current, digits):
            pass
        elif text.lower() in c["scale_suffixes"] and current is not None and digits and j == i + 1:
            current *= c["scale_suffixes"][text.lower()]
        else:
            break
        j += 1
    if j == i or current is None:
        return None
    return Phrase(i, j, total + current, digits=digits)


def _connector(doc: Doc, i: int, j: int, end: int, current: float | None, digits: bool) -> bool:
    """True when token ``j`` joins two number words: the hyphen of "twenty - three", the "and" of "hundred and five"."""
    if current is None or j + 1 >= end or _word_value(doc[j + 1].text) is None:
        return False
    if doc[j].text == "-":
        return not digits
    return lower(doc[j]) == "and" and j > i and bool(_is_scale(doc[j - 1]))


def modifier(doc: Doc, start: int, floor: int) -> tuple[int, str | None]:
    """The modifier right before token ``start`` (longest first): new start and its kind."""
    mods = cues()["modifiers"]
    for n in (3, 2, 1):
        s = start - n
        if s < floor:
            continue
        words = " ".join(lower(t) for t in doc[s:start])
        if words in mods and not words.startswith("_"):
            return s, mods[words]
    return start, None


def range_partner(doc: Doc, ph: Phrase, sent_end: int) -> Phrase | None:
    """The second number of "10 to 20", "10-20", "two or three", "between 10 and 20"."""
    j = ph.end
    if j + 1 >= sent_end:
        return None
    joiner = lower(doc[j])
    if joiner not in ("to", "-", "–", "or", "and"):
        return None
    if joiner == "and" and not (ph.start > 0 and lower(doc[ph.start - 1]) == "between"):
        return None
    other = read_phrase(doc, j + 1, sent_end)
    if other is None or other.value is None or ph.value is None or other.value <= ph.value:
        return None
    return other


@lru_cache(maxsize=1)
def _starter_hashes() -> frozenset[int]:
    """Hashes of the lower-case words a number phrase can begin with (see :func:`read_phrase`)."""
    c = cues()
    units = [w for w in c["units"] if not w.startswith("_")]
    words = {"a", "an", *units, *(f"{a}-{b}" for a in units for b in units)}
    words |= {w for w in c["vague"] if not w.startswith("_") and " " not in w}
    # The ids the LOWER column holds: a word's hash (no starter word is one of spaCy's reserved symbols).
    return frozenset(get_string_id(w) for w in words)


def may_start_at(doc: Doc) -> list[bool]:
    """Per token, whether a number phrase may begin there: a cheap filter before :func:`read_phrase`.

    Reading a phrase at every token made Python objects for the whole doc several times over.
    """
    starters = _starter_hashes()
    strings = doc.vocab.strings
    digit_shape: dict[int, bool] = {}
    out = []
    for lower_id, shape in doc.to_array([LOWER, SHAPE]).tolist():
        if lower_id in starters:
            out.append(True)
            continue
        if shape not in digit_shape:
            digit_shape[shape] = strings[shape].startswith("d")
        out.append(digit_shape[shape])
    return out
