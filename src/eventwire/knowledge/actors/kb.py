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
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

#: PLOVER sector codes accepted in the data files (the eventwire/1 schema's list).
SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
    + ["IGO", "NGO"]
)
#: Entity kinds of the eventwire/1 schema.
ENTITY_KINDS = frozenset("PERSON ORG ARMED_GROUP STATE_FORCE GOVERNMENT COLLECTIVE COUNTRY OTHER".split())

_APOSTROPHES = "'\u2019\u2018`\u00b4\u02bc\u02bb\u02be\u02bf"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212/"
_ASCII_APOSTROPHES = "".join(c for c in _APOSTROPHES if c.isascii())
_ASCII_DASHES = "".join(c for c in _DASHES if c.isascii())
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
_TITLE_QUALIFIERS = (
    "deputy",
    "acting",
    "former",
    "interim",
    "assistant",
    "ex",
    "senior",
    "top",
    "then",
    "outgoing",
    "junior",
    "ousted",
    "exiled",
)
# Forms of address written before a person's name; never part of a people.tsv key.
_HONORIFICS = frozenset(
    "mr mrs ms dr sir sheikh sheik shaikh president king queen prince emir general gen lt col maj sultan mullah "
    "ayatollah imam maulana mufti archbishop bishop cardinal pope premier chancellor".split()
)
# Alternative spellings in countryinfo that are ordinary English words or ethnic names, not countries.
_NOT_COUNTRY_NAMES = frozenset({"island", "mann", "states", "thai", "montenegrin", "togolese"})
_ORG_JOINERS = (" of the ", " of ", " for the ", " for ", " at the ", " at ", " to the ", " to ")


def _nfkc(text: str) -> str:
    """Unicode NFKC form; plain ASCII is its own."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold a name for case-insensitive matching (see the module docstring); cached, as names recur."""
    ascii_only = text.isascii()  # most names: no normalisation to do, no accents to drop
    t = text.strip() if ascii_only else unicodedata.normalize("NFKC", text).strip()
    t = _POSSESSIVE.sub("", t) if len(t) > 3 else t
    if not ascii_only:
        t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    for ch in _ASCII_APOSTROPHES if ascii_only else _APOSTROPHES:
        t = t.replace(ch, "")
    for ch in _ASCII_DASHES if ascii_only else _DASHES:
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
def _agent_key(text: str) -> str:
    """The folded form of an agent noun; unlike names, "aid group" keeps its "group" (else it would be "aid")."""
    key = fold(text)
    if re.search(r"\sgroup$", text.strip(), re.I) and not key.endswith(" group"):
        key += " group"
    return key


@lru_cache(maxsize=65536)
def _acronym_key(text: str) -> str:
    """The case-preserving key of an acronym: dots dropped, dashes unified."""
    t = _nfkc(text).strip().replace(".", "")
    for ch in _DASHES[1:-1]:
        t = t.replace(ch, "-")
    return t


@lru_cache(maxsize=65536)
def is_acronym(alias: str) -> bool:
    """True when ``alias`` is an acronym that must match case-sensitively (IS, LeT, M23)."""
    s = _acronym_key(alias)
    if not s or any(c.isspace() for c in s):
        return False
    upper = sum(c.isupper() for c in s)
    lower = sum(c.islower() for c in s)
    if upper >= 2 and upper > lower:
        return True
    return upper >= 1 and lower == 0 and any(c.isdigit() for c in s)


@lru_cache(maxsize=65536)
def _strip_edges(text: str) -> str:
    """Drop a leading "the", a possessive and a trailing "group" without changing case."""
    t = " ".join(_nfkc(text).split())
    t = _POSSESSIVE.sub("", t) if len(t) > 3 else t
    if t[:4].lower() == "the ":
        t = t[4:]
    if t[-6:].lower() == " group" and len(t) > 6:
        t = t[:-6]
    return t


@dataclass(frozen=True)
class ActorEntry:
    """A named actor of the knowledge base."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    source: str


@dataclass(frozen=True)
class AgentEntry:
    """A generic agent noun (police, militants, civilians) with its sector and kind."""

    term: str
    sector: str
    kind: str
    note: str
    by_context: bool  # a qualifier in the text may override the sector


@dataclass(frozen=True)
class TitleEntry:
    """A title resolved from text, with the organisation or country it names when given."""

    title: str
    role: str
    sector: str | None
    kind: str
    note: str
    from_org: bool  # the organisation's sector wins over the title's default
    org: str | None = None  # canonical actor name or agent term found with the title
    country: str | None = None  # ISO 3166-1 alpha-3 found with the title
    qualifiers: tuple[str, ...] = ()  # deputy, acting, former ...
    identity: str | None = None  # "Kurdish commander" -> Kurdish


@dataclass(frozen=True)
class PersonEntry:
    """A notable political figure of ``people.tsv``: country and sector of the best-known role."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    period: str
    role: str
    source: str


def _read_tsv(name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a tab-separated data file, ``#`` lines skipped."""
    text = resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = [c.strip() for c in ln.split("\t")]
        rows.append(cells + [""] * (len(header) - len(cells)))
    return header, rows


def _singulars(word: str) -> list[str]:
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


class ActorKB:
    """Indexes over the actor, agent and title data; build once with :func:`get_actor_kb`."""

    def __init__(self) -> None:
        """Load every data file and build the indexes."""
        started = time.perf_counter()
        self.actors: tuple[ActorEntry, ...] = ()
        self.conflicts: list[tuple[str, str, str]] = []  # (alias key, kept actor, dropped actor)
        self._by_name: dict[str, ActorEntry] = {}
        self._by_acronym: dict[str, ActorEntry] = {}
        self._agent_memo: dict[str, AgentEntry | None] = {}
        self._needs_capital: set[str] = set()
        self._countries: dict[str, str] = {}
        self._country_acronyms: dict[str, str] = {}
        self._country_names: dict[str, list[str]] = {}
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._slips: dict[str, set[str]] | None = None  # one-letter deletions of country names, built when first asked
        self._identities: dict[str, tuple[str, str]] = {}
        self._identity_words: list[tuple[str, str]] = []  # (surface as written, label)
        self._default_patterns: list[dict[str, Any]] | None = None
        self._agents: dict[str, AgentEntry] = {}
        self._agent_acronyms: dict[str, AgentEntry] = {}
        self._titles: dict[str, tuple[str, str, str | None, str, str]] = {}
        self._title_acronyms: dict[str, tuple[str, str, str | None, str, str]] = {}
        self._load_actors()
        self._load_agents()
        self._load_titles()
        self._people: dict[str, PersonEntry] = {}
        self._surnames: dict[str, list[PersonEntry]] = {}
        self._load_people()
        self._load_countries()
        self.load_seconds = time.perf_counter() - started

    # -- loading -----------------------------------------------------------------------------

    def _index_actor(self, alias: str, entry: ActorEntry) -> None:
        """Add one alias of ``entry``; the first actor to claim an alias keeps it."""
        if is_acronym(alias):
            key, index = _acronym_key(alias), self._by_acronym
        else:
            key, index = fold(alias), self._by_name
            if " " not in key and any(c.isupper() for c in alias):
                self._needs_capital.add(key)
        if not key:
            return
        held = index.get(key)
        if held is None:
            index[key] = entry
        elif held.name != entry.name:
            self.conflicts.append((key, held.name, entry.name))

    def _load_actors(self) -> None:
        """Read actors.tsv into the actor indexes and the curated country names."""
        header, rows = _read_tsv("actors.tsv")
        col = {name: i for i, name in enumerate(header)}
        actors = []
        for row in rows:
            name = row[col["name"]]
            aliases = tuple(a.strip() for a in row[col["aliases"]].split("|") if a.strip())
            kind, country = row[col["kind"]], row[col["country"]] or None
            if kind == "COUNTRY":
                for alias in (name, *aliases):
                    self._add_country_name(alias, country or "")
                continue
            entry = ActorEntry(
                name=name,
                aliases=aliases,
                kind=kind,
                country=country,
                sector=row[col["sector"]] or None,
                code=row[col["code"]] or None,
                source=row[col["source"]],
            )
            actors.append(entry)
            for alias in (name, *aliases):
                self._index_actor(alias, entry)
        self.actors = tuple(actors)

    def _load_agents(self) -> None:
        """Read agents.tsv: agent nouns, identity words and extra demonyms."""
        _, rows = _read_tsv("agents.tsv")
        for term, sector, kind, note in (r[:4] for r in rows):
            if kind == "IDENTITY":
                label, _, itype = note.partition(";")
                self._identities.setdefault(fold(term), (label.strip(), itype.strip()))
                self._identity_words.append((term, label.strip()))
            elif kind == "DEMONYM":
                self._demonyms.setdefault(fold(term), note.strip())
            else:
                entry = AgentEntry(term, sector, kind, note, note.startswith("by_context"))
                if is_acronym(term):
                    self._agent_acronyms.setdefault(_acronym_key(term), entry)
                else:
                    self._agents.setdefault(_agent_key(term), entry)

    def _load_titles(self) -> None:
        """Read titles.tsv."""
        _, rows = _read_tsv("titles.tsv")
        for title, role, sector, kind, note in (r[:5] for r in rows):
            value = (title, role, sector or None, kind or "PERSON", note)
            if is_acronym(title):
                self._title_acronyms.setdefault(_acronym_key(title), value)
            else:
                self._titles.setdefault(fold(title), value)

    def _load_people(self) -> None:
        """Read people.tsv: full names index one person; a bare surname only when all who bear it agree."""
        header, rows = _read_tsv("people.tsv")
        col = {name: i for i, name in enumerate(header)}
        for row in rows:
            entry = PersonEntry(
                name=row[col["name"]],
                aliases=tuple(a.strip() for a in row[col["aliases"]].split("|") if a.strip()),
                country=row[col["country"]] or None,
                sector=row[col["sector"]] or None,
                period=row[col["period"]],
                role=row[col["role"]],
                source=row[col["source"]],
            )
            self._people.setdefault(fold(entry.name), entry)
            for alias in entry.aliases:
                key = fold(alias)
                if " " in key:
                    self._people.setdefault(key, entry)
                else:
                    self._surnames.setdefault(key, []).append(entry)

    def person(self, name: str) -> PersonEntry | None:
        """The notable person named ``name`` (full name, listed spelling or an unambiguous surname), else None."""
        if not name or not name.strip() or not name.strip()[0].isupper():
            return None
        key = fold(name)
        hit = self._people.get(key)
        if hit is not None:
            return hit
        words = key.split()
        # Honorifics and a leading title word are not part of the name ("Sheikh Hamad ...", "Mr Putin").
        while len(words) > 1 and words[0] in _HONORIFICS:
            words = words[1:]
            hit = self._people.get(" ".join(words))
            if hit is not None:
                return hit
        if len(words) != 1:
            return None
        bearers = self._surnames.get(words[0], [])
        if bearers and len({(p.country, p.sector) for p in bearers}) == 1:
            return bearers[0]
        return None

    def _add_country_name(self, name: str, iso3: str) -> None:
        """Index a country name; curated rows are read first, so they win."""
        if not name or not iso3:
            return
        if is_acronym(name):
            self._country_acronyms.setdefault(_acronym_key(name), iso3)
        else:
            self._countries.setdefault(fold(name), iso3)
        self._country_names.setdefault(iso3, []).append(name)

    def _load_countries(self) -> None:
        """Country names, alternative spellings and demonyms from countryinfo and pycountry."""
        import pycountry
        from countryinfo._cache import load_countries

        demonym_pop: dict[str, int] = {}
        found: dict[str, str] = {}
        for info in load_countries()["countries"].values():
            iso3 = (info.get("ISO") or {}).get("alpha3")
            if not iso3:
                continue
            self._add_country_name(info.get("name", ""), iso3)
            for alt in info.get("altSpellings") or ():
                # Two- and three-letter codes (IQ, IRQ) are not names in running text.
                if not (alt.isupper() and len(alt) <= 3) and fold(alt) not in _NOT_COUNTRY_NAMES:
                    self._add_country_name(alt, iso3)
            capitals = info.get("capital") or []
            for capital in [capitals] if isinstance(capitals, str) else capitals:
                self._capitals.setdefault(fold(capital), iso3)
                # "Washington D.C." is written "Washington" when it stands for the government.
                bare = re.sub(r",?\s+D\.?C\.?$", "", capital)
                if bare != capital:
                    self._capitals.setdefault(fold(bare), iso3)
            population = int(info.get("population") or 0)
            for demonym in (info.get("demonym") or "").split(","):
                key = fold(demonym)
                # Ethnic identities (Turkmen, Uzbek) are not demonyms unless agents.tsv says so.
                if not key or key in self._demonyms or key in self._identities:
                    continue
                if population >= demonym_pop.get(key, -1):
                    # Shared demonyms (Dominican) go to the more populous country.
                    demonym_pop[key] = population
                    found[key] = iso3
        for key, iso3 in found.items():
            self._demonyms.setdefault(key, iso3)
        for country in pycountry.countries:
            for attr in ("common_name", "name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    self._add_country_name(value, country.alpha_3)

    # -- lookups ------------------------------------------------------------------------------

    def lookup(self, text: str) -> ActorEntry | None:
        """The named actor whose name or alias is ``text`` (exact after folding), else None."""
        if not text or not text.strip():
            return None
        stripped = _strip_edges(text)
        hit = self._by_acronym.get(_acronym_key(stripped))
        if hit is not None:
            return hit
        key = fold(text)
        if key in self._needs_capital and not any(c.isupper() for c in text):
            return None
        hit = self._by_name.get(key)
        if hit is None:
            # "Afghan Taliban": a leading demonym or country name adds nothing.
            first, _, rest = stripped.partition(" ")
            if rest and (self.country_of_demonym(first) or self.country_by_name(first)):
                return self.lookup(rest)
        return hit

    def agent(self, lemma: str) -> AgentEntry | None:
        """The generic agent noun ``lemma`` (police, troops, militants ...), plurals folded."""
        # Memoised: the entities stage asks about every noun of every article, and lemmas recur.
        memo = self._agent_memo
        if lemma in memo:
            return memo[lemma]
        if len(memo) > 100_000:
            memo.clear()
        memo[lemma] = hit = self._find_agent(lemma)
        return hit

    def _find_agent(self, lemma: str) -> AgentEntry | None:
        """The lookup behind :meth:`agent`."""
        if not lemma or not lemma.strip():
            return None
        hit = self._agent_acronyms.get(_acronym_key(lemma)) or self._agent_acronyms.get(_acronym_key(lemma).rstrip("s"))
        if hit is not None:
            return hit
        key = _agent_key(lemma)
        if key in self._agents:
            return self._agents[key]
        head, _, last = key.rpartition(" ")
        for single in _singulars(last):
            candidate = f"{head} {single}" if head else single
            if candidate in self._agents:
                return self._agents[candidate]
        if head and last in {"group", "groups"}:
            return self.agent(head)  # "rebel group" is a group of rebels
        return None

    def title(self, text: str) -> TitleEntry | None:
        """The title in ``text`` ("CIA chief", "Iraqi Prime Minister", "head of the FBI"), else None."""
        words = " ".join(_nfkc(text).split()).split(" ")
        qualifiers: list[str] = []
        while len(words) > 1 and fold(words[0]) in _TITLE_QUALIFIERS and self._title_value(" ".join(words)) is None:
            qualifiers.append(fold(words[0]))
            words = words[1:]
        if not words or not words[0]:
            return None
        for i in range(len(words)):
            value = self._title_value(" ".join(words[i:]))
            if value is None:
                continue
            prefix = " ".join(words[:i])
            identity = None
            if i and self._resolve_org(prefix) is None:
                rest = [fold(w) for w in words[:i]]
                identities = [self.identity(w) for w in words[:i] if fold(w) not in _TITLE_QUALIFIERS]
                if not all(identities):
                    continue
                qualifiers.extend(w for w in rest if w in _TITLE_QUALIFIERS)
                identity, prefix = (identities[0] if identities else None), ""
            entry = self._make_title(value, prefix, tuple(qualifiers))
            return replace(entry, identity=identity) if identity else entry
        joined = " ".join(words)
        for joiner in _ORG_JOINERS:
            left, sep, right = joined.partition(joiner)
            if sep and (value := self._title_value(left)) is not None and self._resolve_org(right) is not None:
                return self._make_title(value, right, tuple(qualifiers))
        return None

    def _title_value(self, text: str) -> tuple[str, str, str | None, str, str] | None:
        """The titles.tsv row for exactly ``text``."""
        return self._title_acronyms.get(_acronym_key(text)) or self._titles.get(fold(text))

    def _resolve_org(self, text: str) -> tuple[str | None, str | None, str | None] | None:
        """(org name, sector, country) named by ``text``: an actor, agent noun, country or demonym."""
        text = _strip_edges(text)
        if not text:
            return None
        actor = self.lookup(text)
        if actor is not None:
            return actor.name, actor.sector, actor.country if actor.country != "IGO" else None
        country = self.country_of_demonym(text) or self.country_by_name(text)
        if country:
            return None, None, country
        agent = self.agent(text)
        if agent is not None:
            return agent.term, agent.sector, None
        first, _, rest = text.partition(" ")
        country = self.country_of_demonym(first) or self.country_by_name(first)
        if country and rest:
            inner = self._resolve_org(rest)
            if inner is not None:
                return inner[0], inner[1], inner[2] or country
        return None

    def _make_title(self, value: tuple[str, str, str | None, str, str], org_text: str, quals: tuple) -> TitleEntry:
        """Combine a title row with the organisation text found beside it."""
        title, role, sector, kind, note = value
        from_org = note.startswith("from_org") or sector is None
        org = country = None
        if org_text:
            resolved = self._resolve_org(org_text)
            if resolved is not None:
                org, org_sector, country = resolved
                if org_sector and (from_org or sector is None):
                    sector = org_sector
        return TitleEntry(title, role, sector, kind, note, from_org, org, country, quals)

    def country_of_demonym(self, word: str) -> str | None:
        """ISO 3166-1 alpha-3 of a demonym ("Iraqi", "Americans"), else None; identities are not countries."""
        key = fold(word)
        if not key:
            return None
        if key in self._demonyms:
            return self._demonyms[key]
        for single in _singulars(key):
            if single in self._demonyms:
                return self._demonyms[single]
        return None

    def capital_of(self, name: str) -> str | None:
        """ISO 3166-1 alpha-3 of the country whose capital is ``name`` ("Berlin" -> DEU), else None."""
        return self._capitals.get(fold(name)) if name and name.strip() else None

    def country_by_name(self, name: str) -> str | None:
        """ISO 3166-1 alpha-3 of a country name or common alternative ("US", "Britain", "Iraq")."""
        if not name or not name.strip():
            return None
        stripped = _strip_edges(name)
        if is_acronym(stripped):
            return self._country_acronyms.get(_acronym_key(stripped))
        return self._countries.get(fold(name))

    def country_misspelt(self, word: str) -> str | None:
        """Country of a one-word name one typing slip away from exactly one country name ("Ethopia", "Quatar",
        "Isreal"); short words are too often other names, so only words of six letters or more count."""
        key = fold(word)
        if len(key) < 6 or " " in key or key in self._countries:
            return None
        if self._slips is None:
            self._slips = {}
            for name, iso3 in self._countries.items():
                if len(name) >= 5 and " " not in name:
                    for variant in _deletions(name) | {name}:
                        self._slips.setdefault(variant, set()).add(iso3)
        found: set[str] = set()
        for variant in _deletions(key) | {key}:
            found |= self._slips.get(variant, set())
        return found.pop() if len(found) == 1 else None

    def country_of_alpha2(self, alpha2: str | None) -> str | None:
        """ISO 3166-1 alpha-3 of an alpha-2 code (a resolved place's country), else None."""
        return _alpha3(alpha2.upper()) if alpha2 else None

    def identity(self, word: str) -> str | None:
        """Canonical identity label of a religious/ethnic/regional word ("Shiite" -> "Shia"), else None."""
        key = fold(word)
        hit = self._identities.get(key)
        if hit is None:
            for single in _singulars(key):
                if single in self._identities:
                    hit = self._identities[single]
                    break
        return hit[0] if hit else None

    def identity_type(self, word: str) -> str | None:
        """Type of an identity word: religious, ethnic, regional or political."""
        key = fold(word)
        hit = self._identities.get(key) or next(
            (self._identities[s] for s in _singulars(key) if s in self._identities), None
        )
        return hit[1] if hit else None

    # -- spaCy patterns -----------------------------------------------------------------------

    def patterns(self, tokenizer: Any = None) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns for every actor alias, country name, demonym and identity.

        Labels: ARMED_GROUP for armed groups, ORG for other actors, GPE for countries, NORP for
        demonyms and identities; ``id`` is the canonical actor name, the ISO-3 code or the identity
        label. Acronyms match on ORTH (case-sensitive), other names on LOWER; a one-word name must
        not be written all in lower case. ``tokenizer`` defaults to a blank English tokenizer.
        """
        if tokenizer is None:
            if self._default_patterns is None:
                self._default_patterns = self.patterns(_blank_tokenizer())
            return [dict(p) for p in self._default_patterns]
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, tuple]] = set()

        def add(label: str, ident: str, phrase: str, suffix: tuple[str, ...] = ()) -> None:
            for variant in _variants(phrase):
                tokens = [t.text for t in tokenizer(variant)] + list(suffix)
                if not tokens:
                    continue
                if is_acronym(phrase):
                    pattern = [{"ORTH": t} for t in tokens]
                else:
                    pattern = [{"LOWER": t.lower()} for t in tokens]
                    if len(tokens) == 1 and any(c.isupper() for c in phrase):
                        pattern[0]["IS_LOWER"] = False
                sig = (label, tuple(tuple(sorted(p.items())) for p in pattern))
                if sig not in seen:
                    seen.add(sig)
                    out.append({"label": label, "pattern": pattern, "id": ident})

        for actor in self.actors:
            label = "ARMED_GROUP" if actor.kind == "ARMED_GROUP" else "ORG"
            for alias in (actor.name, *actor.aliases):
                if "(" in alias:
                    continue  # disambiguated titles such as "Badr (Iraq)" are not written in text
                add(label, actor.name, alias)
                if actor.kind == "ARMED_GROUP" and not fold(alias).endswith("group") and not is_acronym(alias):
                    add(label, actor.name, alias, ("group",))
        for iso3, names in self._country_names.items():
            for name in names:
                if "(" not in name and "," not in name:
                    add("GPE", iso3, name)
        for key, iso3 in self._demonym_surfaces():
            add("NORP", iso3, key)
        for surface, label in self._identity_surfaces():
            add("NORP", label, surface)
        return out

    def _demonym_surfaces(self) -> list[tuple[str, str]]:
        """Capitalised demonyms with simple plurals, for patterns."""
        out = []
        for key, iso3 in self._demonyms.items():
            surface = " ".join(w.capitalize() for w in key.split())
            out.append((surface, iso3))
            if not re.search(r"(s|sh|ch|x|z|ese)$", key):
                out.append((surface + "s", iso3))
        return out

    def _identity_surfaces(self) -> list[tuple[str, str]]:
        """Capitalised identity words with simple plurals of the nouns, for patterns."""
        out = []
        for term, label in self._identity_words:
            if term[:1].isupper():
                out.append((term, label))
                if not re.search(r"(s|sh|ch|ic|ern|ese|an|ean|ist)$", term.lower()):
                    out.append((term + "s", label))
        return out


def _deletions(word: str) -> set[str]:
    """The word with one letter left out, every way (two words a slip apart share a deletion or contain each other)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=512)
def _alpha3(alpha2: str) -> str | None:
    """Alpha-3 code of an ISO 3166-1 alpha-2 code."""
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


def _variants(phrase: str) -> list[str]:
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
def _blank_tokenizer() -> Any:
    """The tokenizer of a blank English spaCy pipeline (same rules as the packaged models)."""
    import spacy

    return spacy.blank("en").tokenizer


@lru_cache(maxsize=1)
def get_actor_kb() -> ActorKB:
    """The process-wide actor knowledge base, built on first use."""
    return ActorKB()
