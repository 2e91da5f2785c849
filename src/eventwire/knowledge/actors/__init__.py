"""Actor knowledge base: named actors, agent nouns, titles, countries, demonyms and identities.

Loaded once per process with :func:`get_actor_kb`. Data comes from ``eventwire/data/actors.tsv``,
``agents.tsv``, ``titles.tsv`` and ``people.tsv`` (hand-written, CC0) plus country names and demonyms from
``countryinfo`` and ``pycountry``.

Matching rules, shared by every lookup:

* names are folded: Unicode NFKC, accents dropped, apostrophes dropped, hyphens/dashes/slashes as
  spaces, dots dropped, case folded, a leading "the " and a trailing " group" dropped, a trailing
  possessive dropped, and British spellings folded to American ("Mobilisation" = "Mobilization",
  "Defence" = "Defense");
* acronyms (an alias of one word with at least two capitals and more capitals than small letters,
  or capitals with digits: IS, LeT, JeM, M23) match case-sensitively: "IS" never matches "is";
* a one-word alias that is written with capitals ("Wagner", "Hamas") does not match an all
  lower-case input ("wagner"), so common words do not turn into actors.

Modules, each importing only those before it::

    folding -> entries -> countries -> agents -> people -> titles -> patterns -> kb -> phrases -> cache -> __init__

``folding`` makes the matching keys; ``entries`` holds the record types; ``countries``, ``agents``, ``people``
and ``titles`` each index one kind of name; ``patterns`` makes the spaCy patterns; ``kb`` joins them in
:class:`ActorKB`; ``phrases`` turns the patterns into the entity ruler's :class:`PhraseTable`; ``cache`` keeps the
knowledge base and the phrase table on disk, so that a process loads them in milliseconds instead of building them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from eventwire.knowledge.actors.entries import (
    ENTITY_KINDS,
    SECTORS,
    ActorEntry,
    AgentEntry,
    PersonEntry,
    TitleEntry,
)
from eventwire.knowledge.actors.folding import fold, is_acronym
from eventwire.knowledge.actors.kb import ActorKB
from eventwire.knowledge.actors.phrases import PhraseTable

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=1)
def get_actor_kb() -> ActorKB:
    """The process-wide actor knowledge base, loaded from the cache or built on first use."""
    from eventwire.knowledge.actors.cache import load_kb

    return load_kb()


def get_phrase_table(nlp: Language) -> PhraseTable:
    """The entity ruler's phrases for the spaCy pipeline ``nlp``: cached, else made from :func:`get_actor_kb`."""
    from eventwire.knowledge.actors.cache import load_phrases
    from eventwire.knowledge.actors.phrases import vocab_fingerprint

    return load_phrases(nlp.vocab, vocab_fingerprint(nlp), lambda: get_actor_kb().patterns())


__all__ = [
    "ENTITY_KINDS",
    "SECTORS",
    "ActorEntry",
    "ActorKB",
    "AgentEntry",
    "PersonEntry",
    "PhraseTable",
    "TitleEntry",
    "fold",
    "get_actor_kb",
    "get_phrase_table",
    "is_acronym",
]
