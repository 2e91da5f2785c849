"""The words the places stage reads text with: NER labels, prepositions and nouns that mark a place, feature and
direction words, and the stop list of capitalised words that are no toponyms.
"""

from __future__ import annotations

from functools import lru_cache

from eventwire.data import data_lines
from eventwire.knowledge.gazetteer import lookup_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}


# NER labels whose spans are not places: a gazetteer-only match inside them is a false positive.
BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT"}


# Verbs of taking or striking a place, whose object the NER often leaves untagged in conflict news ("retook
# Tikrit", "shelled Marjah"): a gazetteer name right after one is a place as after "in". Verbs that as often
# take a person ("visited", "attacked") are left out: "visited Smith" is no visit to Smith, Nevada.
PLACE_VERBS = {
    "captured", "recaptured", "retook", "seized", "shelled", "bombed", "besieged", "stormed", "overran",
    "liberated", "raided", "entered", "evacuated",
}  # fmt: skip


LOCATIVE = {
    "in", "near", "at", "from", "to", "into", "outside", "inside", "around", "across", "towards", "toward",
    "through", "throughout", "between", "within", "via", "nearby", "north", "south", "east", "west", "of",
} | PLACE_VERBS  # fmt: skip


# Prepositions that mark a place firmly enough for the name to count as a place wherever it recurs.
STRICT_LOCATIVE = {"in", "near", "outside", "inside", "around", "across", "throughout", "within", "nearby"}


# Nouns after a name that make it a place ("Laurel County residents", "the Alexandria area").
PLACE_NOUNS = {
    "area", "areas", "county", "city", "town", "village", "township", "resident", "residents", "native", "natives",
    "man", "woman", "men", "women", "boy", "girl", "police", "officials", "neighborhood", "region",
    "province", "district", "suburb", "suburbs", "campus", "metro", "parish", "borough", "community", "airport",
}  # fmt: skip


# Capitalised words after a jurisdiction's name that make the name a place ("Alexandria Police Department").
INSTITUTION_WORDS = {
    "police", "fire", "sheriff", "sheriff's", "sheriff’s", "city", "county", "township", "town", "village",
    "public", "high", "school", "schools", "elementary", "council", "board", "department", "court", "courthouse",
    "hospital", "library", "chamber", "mayor", "municipal", "regional", "community", "medical", "health",
    "parks", "park", "jail", "district", "area", "airport", "metro", "memorial", "civic", "superior", "circuit",
    "volunteer", "ems", "fair", "fairgrounds",
}  # fmt: skip


# Words that continue a place's own name ("Walker County"), so the shorter name before them is not the place.
NAME_SUFFIXES = {"county", "city", "township", "town", "village", "parish", "borough"}


# Generic words of a feature's own name ("Kiser Lake", "Griffith Park", "Tennessee Colony"): a known name
# before them is only the stem of another, unknown place, which at best lies near its namesake.
FEATURE_WORDS = {
    "lake", "lakes", "river", "creek", "park", "island", "islands", "mountain", "mountains", "bay", "delta",
    "plateau", "valley", "colony", "grove", "square", "beach", "falls", "hills", "hill", "heights",
    "canyon", "forest", "reservoir", "dam", "pass", "peak", "harbor", "harbour", "mile", "township", "twp",
    "springs", "sound", "strait", "range", "coast", "desert", "basin", "peninsula",
}  # fmt: skip


# Direction words of French, Spanish and Portuguese names ("Kasai Occidental", "Davao del Sur").
FOREIGN_DIRECTIONS = {"occidental", "oriental", "orientale", "septentrional", "meridional", "norte", "sur", "sul"}
GENERIC_WORDS = frozenset(FEATURE_WORDS | FOREIGN_DIRECTIONS)


# Words that may open a place's name before a known name ("South Philadelphia", "the Greater Manchester").
DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
    "southeast", "southwest", "central", "downtown", "greater", "metro", "upper", "lower", "the",
}  # fmt: skip


# Words that join two names ("Norman to D.C.", "Darfur and Malakal").
CONNECTORS = {"and", "to", "of", "in", "at", "near", "from"}


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Normalised keys of capitalised words that are not toponyms (``data/toponym_stoplist.txt``)."""
    return frozenset(lookup_key(w) for w in data_lines("toponym_stoplist.txt"))
