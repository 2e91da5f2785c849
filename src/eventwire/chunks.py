"""Very long texts analysed in pieces: split at paragraph or sentence ends, records joined with the text's offsets.

A piece is parsed and analysed on its own, so memory is that of one piece and time grows linearly with
the text (several stages compare every finding with every other one, which is fine per article but not
for a 5 MB page). The pieces' records are joined into one: spans shifted to the full text, ids renumbered,
and entities, resolved places and demonyms that recur in several pieces merged into one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from eventwire.analysis import FINDINGS
from eventwire.fieldspec import fact_of

# Where a piece may end, best first: after a blank line, after a line break, after a sentence, after a space.
_BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)
_KINDS = tuple(kind for kind, _, _ in FINDINGS)
# Fields of the record that hold the id of another finding (a string or a list of them), as declared.
_REFS = {
    kind: tuple(fact_of(f).key or f.name for f in fields(cls) if fact_of(f).ref is not None)
    for kind, cls, _ in FINDINGS
}


def split_points(text: str, limit: int) -> list[int]:
    """Offsets that cut ``text`` into pieces of at most ``limit`` characters, at the best break available."""
    if limit < 2:
        raise ValueError("limit must be at least 2 characters")
    cuts = [0]
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = end  # a single token longer than the limit is cut where the limit falls
        for pattern in _BREAKS:
            # The break is sought in the second half of the window so that no piece is tiny.
            last = None
            for m in pattern.finditer(text, start + limit // 2, end):
                last = m
            if last is not None and last.end() > start:
                cut = last.end()
                break
        cuts.append(cut)
        start = cut
    cuts.append(len(text))
    return cuts


def pieces(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs whose pieces, joined, are ``text``."""
    cuts = split_points(text, limit)
    for a, b in zip(cuts, cuts[1:], strict=False):
        yield a, text[a:b]


def _shift(node: Any, offset: int) -> None:
    """Add ``offset`` to every ``{start, end, text}`` span inside ``node`` (in place)."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys() and isinstance(node.get("start"), int):
            node["start"] += offset
            node["end"] += offset
        for value in node.values():
            _shift(value, offset)
    elif isinstance(node, list):
        for value in node:
            _shift(value, offset)


def _rename(value: Any, names: dict[str, str]) -> Any:
    """An id reference (or list of them) under the new names."""
    if isinstance(value, list):
        return list(dict.fromkeys(names.get(v, v) for v in value))
    if isinstance(value, str):
        return names.get(value, value)
    return value


def _entity_key(e: dict[str, Any]) -> tuple:
    return ("E", e.get("kind"), e.get("name"), e.get("code"), e.get("country"))


def _place_key(p: dict[str, Any]) -> tuple | None:
    return ("P", p["geonameid"]) if p.get("geonameid") is not None else None


def _demonym_key(d: dict[str, Any]) -> tuple:
    return ("D", d.get("level"), d.get("country"), d.get("geonameid"), d.get("name"))


def _key(kind: str, item: dict[str, Any]) -> tuple | None:
    """What makes items of ``kind`` found in two pieces one item, if anything."""
    if kind == "entities":
        return _entity_key(item)
    if kind == "places":
        return _place_key(item)
    if kind == "demonyms":
        return _demonym_key(item)
    return None


def merge_records(text: str, parts: list[tuple[int, dict[str, Any]]], article: dict[str, Any]) -> dict[str, Any]:
    """One record of ``text`` from the records of its pieces (``(offset, record)`` pairs, in text order)."""
    merged: dict[str, Any] = {
        "schema": parts[0][1]["schema"],
        "generator": parts[0][1]["generator"],
        "article": article,
        "text": text,
        **{k: [] for k in _KINDS},
    }
    seen: dict[tuple, dict[str, Any]] = {}
    for offset, record in parts:
        _shift({k: record.get(k, []) for k in _KINDS}, offset)
        names: dict[str, str] = {}
        for kind in _KINDS:
            for item in record.get(kind, []):
                key = _key(kind, item)
                if key is not None and key in seen:
                    first = seen[key]
                    names[item["id"]] = first["id"]
                    first["mentions"].extend(item["mentions"])
                    if kind == "entities":
                        first["roles"] = list(dict.fromkeys([*first.get("roles", []), *item.get("roles", [])]))
                        first["aliases"] = list(dict.fromkeys([*first.get("aliases", []), *item.get("aliases", [])]))
                    elif kind == "demonyms" and first.get("place") is None and item.get("place") is not None:
                        # The piece's places were renamed already: they come before demonyms in _KINDS.
                        first["place"] = names.get(item["place"], item["place"])
                    continue
                new = f"{item['id'][0]}{len(merged[kind]) + 1}"
                names[item["id"]] = new
                item["id"] = new
                merged[kind].append(item)
                if key is not None:
                    seen[key] = item
        for kind in _KINDS:
            for item in record.get(kind, []):
                for field in _REFS[kind]:
                    if field in item:
                        item[field] = _rename(item[field], names)
    return merged
