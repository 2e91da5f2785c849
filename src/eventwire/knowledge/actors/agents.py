"""Generic agent nouns (police, militants, civilians) and identity words (Shiite, Kurdish) of ``agents.tsv``."""

from __future__ import annotations

from eventwire.data import read_tsv_rows
from eventwire.knowledge.actors.countries import CountryNames
from eventwire.knowledge.actors.entries import AgentEntry
from eventwire.knowledge.actors.folding import acronym_key, agent_key, fold, is_acronym, singulars


class Agents:
    """Agent nouns with their sector and kind, and identity words with their label and type."""

    def __init__(self) -> None:
        self.agents: dict[str, AgentEntry] = {}
        self.acronyms: dict[str, AgentEntry] = {}
        self.identities: dict[str, tuple[str, str]] = {}  # folded word -> (label, type)
        self.identity_words: list[tuple[str, str]] = []  # (surface as written, label)
        self._memo: dict[str, AgentEntry | None] = {}

    def load(self, countries: CountryNames) -> None:
        """Read agents.tsv: agent nouns, identity words, and the extra demonyms it gives ``countries``."""
        _, rows = read_tsv_rows("agents.tsv")
        for term, sector, kind, note in (r[:4] for r in rows):
            if kind == "IDENTITY":
                label, _, itype = note.partition(";")
                self.identities.setdefault(fold(term), (label.strip(), itype.strip()))
                self.identity_words.append((term, label.strip()))
            elif kind == "DEMONYM":
                countries.add_demonym(term, note.strip())
            else:
                entry = AgentEntry(term, sector, kind, note, note.startswith("by_context"))
                if is_acronym(term):
                    self.acronyms.setdefault(acronym_key(term), entry)
                else:
                    self.agents.setdefault(agent_key(term), entry)

    def agent(self, lemma: str) -> AgentEntry | None:
        """The generic agent noun ``lemma`` (police, troops, militants ...), plurals folded."""
        # Memoised: the entities stage asks about every noun of every article, and lemmas recur.
        memo = self._memo
        if lemma in memo:
            return memo[lemma]
        if len(memo) > 100_000:
            memo.clear()
        memo[lemma] = hit = self._find(lemma)
        return hit

    def _find(self, lemma: str) -> AgentEntry | None:
        """The lookup behind :meth:`agent`."""
        if not lemma or not lemma.strip():
            return None
        hit = self.acronyms.get(acronym_key(lemma)) or self.acronyms.get(acronym_key(lemma).rstrip("s"))
        if hit is not None:
            return hit
        key = agent_key(lemma)
        if key in self.agents:
            return self.agents[key]
        head, _, last = key.rpartition(" ")
        for single in singulars(last):
            candidate = f"{head} {single}" if head else single
            if candidate in self.agents:
                return self.agents[candidate]
        if head and last in {"group", "groups"}:
            return self.agent(head)  # "rebel group" is a group of rebels
        return None

    def identity(self, word: str) -> str | None:
        """Canonical identity label of a religious/ethnic/regional word ("Shiite" -> "Shia"), else None."""
        key = fold(word)
        hit = self.identities.get(key)
        if hit is None:
            for single in singulars(key):
                if single in self.identities:
                    hit = self.identities[single]
                    break
        return hit[0] if hit else None

    def identity_type(self, word: str) -> str | None:
        """Type of an identity word: religious, ethnic, regional or political."""
        key = fold(word)
        hit = self.identities.get(key) or next(
            (self.identities[s] for s in singulars(key) if s in self.identities), None
        )
        return hit[1] if hit else None
