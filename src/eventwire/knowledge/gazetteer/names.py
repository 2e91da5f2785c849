"""Place names to lookup keys: casefolded, unaccented, article-free and transliteration-folded."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from eventwire.knowledge.tuning import TUNING

_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ð": "d", "þ": "th"})
# Arabic article: "al-"/"al " anywhere, "el-" only with a hyphen (so "El Paso" keeps its article),
# and sun-letter assimilations ("as-Sulaymaniyah", "An Najaf") when the next word repeats the letter.
_ARTICLE = re.compile(r"(?:(?<=^)|(?<=[\s\-]))(?:al[\s\-]+|el-\s*|a(sh|th|dh|[tdrzsn])[\s\-]+(?=\1))")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_'’‘`´ʼʻʿʾ\".,()/&]+")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"([aeiou])h\b")
_WORD_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "st": "saint", "ste": "sainte"}

# Abbreviations with a single final dot ("Ill.", "Calif.") are indexed apart and matched only with the dot,
# so that "Ill health" or "Miss Smith" never meet them.
ABBREV_PREFIX = "abbr:"
_LATIN = re.compile(r"^[a-z][a-z \-'’‘ʼʻʿʾ.()]*$")
ALIAS_MIN_CHARS = TUNING["alias_min_chars"]
ALIAS_CODE_MAX_CHARS = TUNING["alias_code_max_chars"]


def deaccent(text: str) -> str:
    """``text`` casefolded, with its accents and special letters reduced to plain Latin letters."""
    if text.isascii():  # most names: nothing to translate or strip
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalise(name: str) -> str:
    """The lookup key of a place name: casefolded, unaccented, article-free and transliteration-folded."""
    text = _ARTICLE.sub("", deaccent(name).strip())
    # Abbreviated generic words ("Mt. Pleasant", "Ft. Wayne", "Sault Ste. Marie") meet their full forms.
    text = " ".join(_WORD_ABBREVIATIONS.get(w, w) for w in _SEPARATORS.sub(" ", text).split())
    # Light transliteration folding so Misrata/Misurata and Kirkouk/Kirkuk meet.
    text = text.replace("ou", "u")
    text = _DOUBLE.sub(r"\1", text)
    text = _FINAL_H.sub(r"\1", text)
    return " ".join(text.split())


# Lookups normalise the same names over and over (every capitalised word of every article); the build does
# not use this cache, so it does not grow with the whole of GeoNames.
lookup_key = lru_cache(maxsize=65536)(normalise)
lookup_key.__doc__ = "The lookup key of a place name as :func:`normalise` gives it, cached for run-time lookups."


def alias_key(name: str) -> str:
    """The index key of an alias: a name with a single final dot ("Calif.") is kept apart from the plain keys."""
    return ABBREV_PREFIX + normalise(name) if name.endswith(".") and "." not in name[:-1] else normalise(name)


def usable_alias(alias: str) -> bool:
    """True for Latin-script alternate names that are not codes (airport, postal)."""
    if len(alias) < ALIAS_MIN_CHARS or (alias.isupper() and len(alias) <= ALIAS_CODE_MAX_CHARS):
        return False
    return bool(_LATIN.match(deaccent(alias)))


# Generic type words, in the order they are tried around the subdivision's own type. The order matters only
# where that type ends in one of them: it keeps "Ningxia Hui Autonomous Region" -> "Ningxia Hui Autonomous" and
# "Afar Regional State" -> "Afar Regional" (the generic word first) but "Abidjan Autonomous District" -> "Abidjan"
# (its own type first). These words were once a set, whose order changed with the hash seed; this fixed order is
# the one the published index was built with.
_TYPES_BEFORE = ("province", "governorate", "state", "region")
_TYPES_AFTER = ("oblast", "district")


def strip_type(name: str, kind: str) -> str:
    """``"Borno State"`` -> ``"Borno"`` when the subdivision type is State."""
    low = name.casefold()
    for word in (*_TYPES_BEFORE, kind.casefold(), *_TYPES_AFTER):
        if word and low.endswith(" " + word):
            return name[: -len(word) - 1].strip()
    return name
