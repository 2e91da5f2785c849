"""Names to matching keys: folded names, case-preserving acronym keys, and the plural and typo forms of a word."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "'\u2019\u2018`\u00b4\u02bc\u02bb\u02be\u02bf"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212/"
_ASCII_APOSTROPHES = "".join(c for c in APOSTROPHES if c.isascii())
_ASCII_DASHES = "".join(c for c in DASHES if c.isascii())
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_SPELLING = [
    (re.compile(r"isation"), "ization"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\bcentre\b"), "center"),
    (re.compile(r"\bprogramme\b"), "program"),
    (re.compile(r"\blabour\b"), "labor"),
    (re.compile(r"\bprotestor\b"), "protester"),
]
_SPELLING_ANY = re.compile("|".join(pattern.pattern.replace(r"\b", "") for pattern, _ in _SPELLING))


def nfkc(text: str) -> str:
    """Unicode NFKC form; plain ASCII is its own."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold a name for case-insensitive matching (see the package docstring); cached, as names recur."""
    ascii_only = text.isascii()  # most names: no normalisation to do, no accents to drop
    t = text.strip() if ascii_only else unicodedata.normalize("NFKC", text).strip()
    t = _POSSESSIVE.sub("", t) if len(t) > 3 else t
    if not ascii_only:
        t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    for ch in _ASCII_APOSTROPHES if ascii_only else APOSTROPHES:
        t = t.replace(ch, "")
    for ch in _ASCII_DASHES if ascii_only else DASHES:
        t = t.replace(ch, " ")
    t = t.replace(".", "").replace("&", " and ").casefold()
    t = " ".join(t.split())
    if _SPELLING_ANY.search(t):  # one search rules out all the spelling rules for most names
        for pattern, repl in _SPELLING:
            t = pattern.sub(repl, t)
    if t.startswith("the "):
        t = t[4:]
    if t.endswith(" group") and len(t) > 6:
        t = t[:-6]
    return t


@lru_cache(maxsize=65536)
def agent_key(text: str) -> str:
    """The folded form of an agent noun; unlike names, "aid group" keeps its "group" (else it would be "aid")."""
    key = fold(text)
    if re.search(r"\sgroup$", text.strip(), re.I) and not key.endswith(" group"):
        key += " group"
    return key


@lru_cache(maxsize=65536)
def acronym_key(text: str) -> str:
    """The case-preserving key of an acronym: dots dropped, dashes unified."""
    t = nfkc(text).strip().replace(".", "")
    for ch in DASHES[1:-1]:
        t = t.replace(ch, "-")
    return t


@lru_cache(maxsize=65536)
def is_acronym(alias: str) -> bool:
    """True when ``alias`` is an acronym that must match case-sensitively (IS, LeT, M23)."""
    s = acronym_key(alias)
    if not s or any(c.isspace() for c in s):
        return False
    upper = sum(c.isupper() for c in s)
    lower = sum(c.islower() for c in s)
    if upper >= 2 and upper > lower:
        return True
    return upper >= 1 and lower == 0 and any(c.isdigit() for c in s)


@lru_cache(maxsize=65536)
def strip_edges(text: str) -> str:
    """Drop a leading "the", a possessive and a trailing "group" without changing case."""
    t = " ".join(nfkc(text).split())
    t = _POSSESSIVE.sub("", t) if len(t) > 3 else t
    if t[:4].lower() == "the ":
        t = t[4:]
    if t[-6:].lower() == " group" and len(t) > 6:
        t = t[:-6]
    return t


def singulars(word: str) -> list[str]:
    """Plausible singular forms of an English plural noun (for agent nouns)."""
    out = []
    if word.endswith("men") and len(word) > 4:
        out.append(word[:-3] + "man")
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        out.append(word[:-1])
    return out


def deletions(word: str) -> set[str]:
    """The word with one letter left out, every way (two words a slip apart share a deletion or contain each other)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
