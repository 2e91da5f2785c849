"""spaCy entity-ruler patterns for every actor alias, country name, demonym and identity word.

Labels: ARMED_GROUP for armed groups, ORG for other actors, GPE for countries, NORP for demonyms and identities;
``id`` is the canonical actor name, the ISO-3 code or the identity label. Acronyms match on ORTH (case-sensitive),
other names on LOWER; a one-word name must not be written all in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from eventwire.knowledge.actors.entries import ActorEntry
from eventwire.knowledge.actors.folding import fold, is_acronym

# A phrase to match: (label, id, phrase as written, words that follow it).
Phrase = tuple[str, str, str, tuple[str, ...]]
Pattern = dict[str, Any]


def build_patterns(
    tokenizer: Callable[[str], Any],
    actors: Iterable[ActorEntry],
    country_names: dict[str, list[str]],
    demonyms: dict[str, str],
    identity_words: list[tuple[str, str]],
) -> list[Pattern]:
    """The patterns of actors, then countries (alpha-3 -> names), demonyms (folded -> alpha-3) and identity words
    ((surface, label) pairs), each phrase tokenised by ``tokenizer``; a pattern already made is not repeated."""
    patterns = PatternSet(tokenizer)
    for phrases in (
        actor_phrases(actors),
        country_phrases(country_names),
        demonym_phrases(demonyms),
        identity_phrases(identity_words),
    ):
        for label, ident, phrase, suffix in phrases:
            patterns.add(label, ident, phrase, suffix)
    return patterns.out


class PatternSet:
    """Patterns in the order they were made, each once per label."""

    def __init__(self, tokenizer: Callable[[str], Any]) -> None:
        self.tokenizer = tokenizer
        self.out: list[Pattern] = []
        self.seen: set[tuple[str, tuple[Any, ...]]] = set()

    def add(self, label: str, ident: str, phrase: str, suffix: tuple[str, ...] = ()) -> None:
        """Add the patterns of ``phrase`` and its spelling variants, each followed by the words ``suffix``."""
        for variant in variants(phrase):
            tokens = [t.text for t in self.tokenizer(variant)] + list(suffix)
            if not tokens:
                continue
            pattern = token_pattern(phrase, tokens)
            sig = (label, tuple(tuple(sorted(p.items())) for p in pattern))
            if sig not in self.seen:
                self.seen.add(sig)
                self.out.append({"label": label, "pattern": pattern, "id": ident})


def token_pattern(phrase: str, tokens: list[str]) -> list[dict[str, Any]]:
    """The token pattern of ``tokens`` (a form of ``phrase``): ORTH for acronyms, else LOWER, and a one-word name
    written with capitals must not be all lower case."""
    if is_acronym(phrase):
        return [{"ORTH": t} for t in tokens]
    pattern: list[dict[str, Any]] = [{"LOWER": t.lower()} for t in tokens]
    if len(tokens) == 1 and any(c.isupper() for c in phrase):
        pattern[0]["IS_LOWER"] = False
    return pattern


def actor_phrases(actors: Iterable[ActorEntry]) -> Iterator[Phrase]:
    """Each alias of each actor, armed groups also followed by "group" ("Wagner group")."""
    for actor in actors:
        label = "ARMED_GROUP" if actor.kind == "ARMED_GROUP" else "ORG"
        for alias in (actor.name, *actor.aliases):
            if "(" in alias:
                continue  # disambiguated titles such as "Badr (Iraq)" are not written in text
            yield label, actor.name, alias, ()
            if actor.kind == "ARMED_GROUP" and not fold(alias).endswith("group") and not is_acronym(alias):
                yield label, actor.name, alias, ("group",)


def country_phrases(country_names: dict[str, list[str]]) -> Iterator[Phrase]:
    """Country names, except ISO's inverted and qualified forms ("Korea, Republic of", "Congo (the)")."""
    for iso3, names in country_names.items():
        for name in names:
            if "(" not in name and "," not in name:
                yield "GPE", iso3, name, ()


def demonym_phrases(demonyms: dict[str, str]) -> Iterator[Phrase]:
    """Capitalised demonyms with simple plurals."""
    for key, iso3 in demonyms.items():
        surface = " ".join(w.capitalize() for w in key.split())
        yield "NORP", iso3, surface, ()
        if not re.search(r"(s|sh|ch|x|z|ese)$", key):
            yield "NORP", iso3, surface + "s", ()


def identity_phrases(identity_words: list[tuple[str, str]]) -> Iterator[Phrase]:
    """Capitalised identity words with simple plurals of the nouns."""
    for term, label in identity_words:
        if term[:1].isupper():
            yield "NORP", label, term, ()
            if not re.search(r"(s|sh|ch|ic|ern|ese|an|ean|ist)$", term.lower()):
                yield "NORP", label, term + "s", ()


def variants(phrase: str) -> list[str]:
    """Spelling variants of a phrase as written in news text (hyphen/space, British/American)."""
    out = [phrase]
    if is_acronym(phrase):
        return out
    for a, b in (("isation", "ization"), ("ization", "isation"), ("efence", "efense"), ("efense", "efence")):
        if a in phrase:
            out.append(phrase.replace(a, b))
    if "-" in phrase:
        out += [v.replace("-", " ") for v in list(out)]
    if "'" in phrase:
        out += [v.replace("'", "\u2019") for v in list(out)]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def blank_tokenizer() -> Any:
    """The tokenizer of a blank English spaCy pipeline (same rules as the packaged models)."""
    import spacy

    return spacy.blank("en").tokenizer
