"""Notable political figures of ``people.tsv``, found by full name, listed spelling or an unambiguous surname."""

from __future__ import annotations

from eventwire.data import read_tsv_rows
from eventwire.knowledge.actors.entries import PersonEntry
from eventwire.knowledge.actors.folding import fold

# Forms of address written before a person's name; never part of a people.tsv key.
_HONORIFICS = frozenset(
    "mr mrs ms dr sir sheikh sheik shaikh president king queen prince emir general gen lt col maj sultan mullah "
    "ayatollah imam maulana mufti archbishop bishop cardinal pope premier chancellor".split()
)


class People:
    """The people of people.tsv by folded full name and alias, and by bare surname."""

    def __init__(self) -> None:
        self.people: dict[str, PersonEntry] = {}
        self.surnames: dict[str, list[PersonEntry]] = {}

    def load(self) -> None:
        """Read people.tsv: full names index one person; a bare surname only when all who bear it agree."""
        header, rows = read_tsv_rows("people.tsv")
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
            self.people.setdefault(fold(entry.name), entry)
            for alias in entry.aliases:
                key = fold(alias)
                if " " in key:
                    self.people.setdefault(key, entry)
                else:
                    self.surnames.setdefault(key, []).append(entry)

    def person(self, name: str) -> PersonEntry | None:
        """The notable person named ``name`` (full name, listed spelling or an unambiguous surname), else None."""
        if not name or not name.strip() or not name.strip()[0].isupper():
            return None
        key = fold(name)
        hit = self.people.get(key)
        if hit is not None:
            return hit
        words = key.split()
        # Honorifics and a leading title word are not part of the name ("Sheikh Hamad ...", "Mr Putin").
        while len(words) > 1 and words[0] in _HONORIFICS:
            words = words[1:]
            hit = self.people.get(" ".join(words))
            if hit is not None:
                return hit
        if len(words) != 1:
            return None
        bearers = self.surnames.get(words[0], [])
        if bearers and len({(p.country, p.sector) for p in bearers}) == 1:
            return bearers[0]
        return None
