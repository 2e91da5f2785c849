"""The entity ruler's phrase table: every pattern as a sequence of token hashes, found as spaCy's PhraseMatcher does.

Building spaCy's PhraseMatchers takes a Doc per pattern and a lexeme per match key, a third of a second at every
start. The table holds the same phrases in plain tries of hashes instead, so it is pickled once (see ``cache``) and
loaded in milliseconds, and :meth:`PhraseTable.matches` returns what the two PhraseMatchers returned, in their order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from eventwire.knowledge.actors.patterns import Pattern

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# A trie node: token hash -> next node, and END -> the indices of the keys of the phrases that end here.
Trie = dict[int, Any]
# Token hashes are unsigned, so no token is ever END.
END = -1
# A match: (key index, start, end), as spaCy's (match id, start, end).
Match = tuple[int, int, int]
ATTRS = ("LOWER", "ORTH")
# Before a token is looked up in a trie, its hash modulo this size is looked up in a table of bits, all tokens of a
# text at once: most tokens begin no phrase, and the table rules them out without a Python step each.
FILTER_SIZE = 1 << 18


@dataclass
class PhraseTable:
    """Phrases of token hashes by key: a trie matched on LOWER (names) and one on ORTH (acronyms)."""

    keys: list[tuple[str, str, bool]]  # by key index: label, id, and whether an all lower-case word may match
    lower: Trie
    orth: Trie

    def __getstate__(self) -> dict[str, Any]:
        """The fields only: the filters are made again where the table is loaded."""
        return {"keys": self.keys, "lower": self.lower, "orth": self.orth}

    @cached_property
    def filters(self) -> tuple[np.ndarray, np.ndarray]:
        """The table of bits of each trie's first words."""
        return first_words(self.lower), first_words(self.orth)

    def matches(self, doc: Doc) -> list[Match]:
        """The matches on LOWER, then those on ORTH, each in the order spaCy's PhraseMatcher gives them."""
        if not len(doc):
            return []
        columns = doc.to_array(list(ATTRS))
        lower, orth = self.filters
        return find(self.lower, columns[:, 0], lower) + find(self.orth, columns[:, 1], orth)


def first_words(trie: Trie) -> np.ndarray:
    """The table of bits of the hashes that begin a phrase of ``trie`` (modulo :data:`FILTER_SIZE`)."""
    import numpy as np

    bits = np.zeros(FILTER_SIZE, dtype=bool)
    bits[np.array(list(trie), dtype=np.uint64) % np.uint64(FILTER_SIZE)] = True
    return bits


def find(trie: Trie, column: np.ndarray, bits: np.ndarray) -> list[Match]:
    """Every phrase of ``trie`` in the token hashes ``column``: by start, then by end, then in the key order of its
    phrase (what ``PhraseMatcher.find_matches`` walks); ``bits`` is the trie's table of first words."""
    found: list[Match] = []
    size = len(column)
    for start in bits[column % FILTER_SIZE].nonzero()[0].tolist():
        node = trie.get(int(column[start]))
        end = start + 1
        while node is not None:
            keys = node.get(END)
            if keys:
                found.extend((key, start, end) for key in keys)
            if end == size:
                break
            node = node.get(int(column[end]))
            end += 1
    return found


def pattern_key(pattern: Pattern) -> tuple[str, list[str], str, tuple[str, str, bool]]:
    """The attribute a pattern matches on, its words, and its match key as a string and as (label, id, keep_lower)."""
    tokens = pattern["pattern"]
    attr = "ORTH" if "ORTH" in tokens[0] else "LOWER"
    # A one-word name written with capitals must not match the same word in lower case ("Wagner").
    keep_lower = not any(tok.get("IS_LOWER") is False for tok in tokens)
    label, ident = pattern["label"], pattern.get("id", "")
    return attr, [tok[attr] for tok in tokens], f"{label}\t{ident}\t{int(keep_lower)}", (label, ident, keep_lower)


def compile_phrases(vocab: Vocab, patterns: Iterable[Pattern]) -> PhraseTable:
    """The phrase table of entity-ruler ``patterns`` whose tokens are all LOWER or all ORTH (the slow path).

    Each pattern is hashed through ``vocab`` as a PhraseMatcher pattern Doc is. Where one phrase has several keys
    (Myanmar is a country and a demonym), the order of its keys is read from spaCy's own PhraseMatchers, built with
    the same phrases in the same order, as that order decides which key ``filter_spans`` keeps.
    """
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    index: dict[str, int] = {}
    keys: list[tuple[str, str, bool]] = []
    tries: dict[str, Trie] = {attr: {} for attr in ATTRS}
    matchers = {attr: PhraseMatcher(vocab, attr=attr) for attr in ATTRS}
    shared: list[tuple[str, list[str], Trie]] = []  # phrases of several keys: attribute, words, end node
    for pattern in patterns:
        attr, words, key, entry = pattern_key(pattern)
        if key not in index:
            index[key] = len(keys)
            keys.append(entry)
        hashes = Doc(vocab, words=words).to_array(attr).tolist()
        matchers[attr].add(key, [hashes])
        node = tries[attr]
        for h in hashes:
            node = node.setdefault(h, {})
        ends = node.setdefault(END, [])
        if index[key] not in ends:
            ends.append(index[key])
            if len(ends) == 2:
                shared.append((attr, words, node))
    for attr, words, node in shared:
        found = matchers[attr](Doc(vocab, words=words))
        node[END] = [index[vocab.strings[m]] for m, start, end in found if (start, end) == (0, len(words))]
    return PhraseTable(keys, tries["LOWER"], tries["ORTH"])


def vocab_fingerprint(nlp: Language) -> str:
    """What decides the hashes of the patterns besides the patterns: spaCy's version and the pipeline's vocabulary."""
    import spacy

    meta = nlp.meta
    return f"spacy={spacy.__version__} lang={nlp.lang} pipeline={meta.get('name')}-{meta.get('version')}"
