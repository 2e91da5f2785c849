"""The built index packed into flat arrays: written once, then mapped from the cache file and read lazily.

Unpickling the index made a million small Python objects at every start (about half a second); packed, a process
maps the file and decodes only the keys and entries it looks up. Layout: an 8-byte magic, the byte offset
of the header, 8-byte-aligned sections of machine-order arrays, and last the ``marshal``-ed header::

    key_hashes   I   CRC-32 of each key's UTF-8 bytes, ascending (ties in key order)
    key_offsets  I   where each key's bytes start in key_text (one more than there are keys)
    key_text     B   the keys' UTF-8 bytes
    ref_offsets  I   where each key's entry numbers start in refs (one more than there are keys)
    refs         I   the entry numbers of each key, in the order the build indexed them
    gids         q   GeoNames id of each entry, -1 for none
    countries    I   index of the entry's country code in the header's ``codes`` (0 for none)
    admin1s      I   index of the entry's admin1 name in the header's ``admin1_names`` (0 for none)
    lats, lons   d   coordinates, NaN for none
    levels       B   level codes
    populations  q
    name_offsets I   where each entry's name starts in name_text (one more than there are entries)
    name_text    B   the names' UTF-8 bytes

The header holds the section layout and the index's small tables (countries, demonyms, regions, capitals,
populated points) as they are. Floats are stored as the same doubles, so every value reads back exactly as the
build made it.
"""

from __future__ import annotations

import marshal
import math
import sys
from array import array
from bisect import bisect_left
from typing import Any
from zlib import crc32

from eventwire.knowledge.gazetteer.index import Entry

MAGIC = b"EWGAZ\x00\x01\x00"
# Tables the header carries as they are (everything but the entries and the name index).
SMALL_TABLES = (
    "version",
    "sources",
    "countries",
    "iso3",
    "demonyms",
    "place_demonyms",
    "regions",
    "capitals",
    "populated",
)
ALIGN = 8
NONE_ID = -1


def encode_text(text: str) -> bytes:
    """The bytes a key or name is stored as (lone surrogates from hostile text kept, so that they never match)."""
    return text.encode("utf-8", "surrogatepass")


class Sections:
    """The arrays of the packed file, in the order they are written."""

    def __init__(self) -> None:
        self.arrays: dict[str, array[Any]] = {}

    def add(self, name: str, typecode: str, values: Any = ()) -> array[Any]:
        """A new array ``name`` of ``typecode``, holding ``values``."""
        self.arrays[name] = array(typecode, values)
        return self.arrays[name]

    def add_text(self, name: str, texts: list[bytes]) -> None:
        """The ``texts`` one after another as ``name``, and their start offsets (one more) as ``name_offsets``."""
        offsets = self.add(name.removesuffix("_text") + "_offsets", "I", [0])
        total = 0
        for text in texts:
            total += len(text)
            offsets.append(total)
        self.arrays[name] = array("B", b"".join(texts))


def pack_keys(sections: Sections, index: dict[str, int | tuple[int, ...]]) -> None:
    """The name index as sorted key hashes, key text, and each key's entry numbers."""
    keyed = sorted((crc32(b), b, refs) for b, refs in ((encode_text(k), v) for k, v in index.items()))
    sections.add("key_hashes", "I", (h for h, _, _ in keyed))
    sections.add_text("key_text", [b for _, b, _ in keyed])
    ref_offsets = sections.add("ref_offsets", "I", [0])
    refs = sections.add("refs", "I")
    for _, _, hit in keyed:
        refs.extend((hit,) if isinstance(hit, int) else hit)
        ref_offsets.append(len(refs))


def _number(value: Any, kind: type) -> Any:
    """``value`` when it has exactly the type ``kind`` (or is None); anything else would not read back the same."""
    if value is not None and type(value) is not kind:
        raise TypeError(f"gazetteer entry field {value!r} is not {kind.__name__}")
    return value


def _code(table: dict[str | None, int], value: str | None) -> int:
    """The number of ``value`` in a table of distinct strings (None is number 0)."""
    return table.setdefault(_number(value, str), len(table))


def pack_entries(sections: Sections, entries: list[Entry]) -> dict[str, list[str | None]]:
    """The entries as one array per field; the tables of distinct country codes and admin1 names."""
    codes: dict[str | None, int] = {None: 0}
    admin1_names: dict[str | None, int] = {None: 0}
    gids, countries, admin1s = sections.add("gids", "q"), sections.add("countries", "I"), sections.add("admin1s", "I")
    lats, lons, levels, pops = sections.add("lats", "d"), sections.add("lons", "d"), sections.add("levels", "B"), []
    for gid, _name, cc, admin1, lat, lon, level, pop in entries:
        gids.append(NONE_ID if _number(gid, int) is None else gid)
        countries.append(_code(codes, cc))
        admin1s.append(_code(admin1_names, admin1))
        lats.append(math.nan if _number(lat, float) is None else lat)
        lons.append(math.nan if _number(lon, float) is None else lon)
        levels.append(_number(level, int))
        pops.append(_number(pop, int))
    sections.add("populations", "q", pops)
    sections.add_text("name_text", [encode_text(e[1]) for e in entries])
    return {"codes": list(codes), "admin1_names": list(admin1_names)}


def pack(data: dict[str, Any]) -> bytes:
    """The built index ``data`` as the bytes of a packed file."""
    sections = Sections()
    pack_keys(sections, data["index"])
    header: dict[str, Any] = {k: data[k] for k in SMALL_TABLES}
    header |= pack_entries(sections, data["entries"])
    header["byteorder"] = sys.byteorder
    header["sections"] = layout = {}
    out = bytearray(MAGIC + bytes(8))
    for name, arr in sections.arrays.items():
        out += bytes(_aligned(len(out)) - len(out))
        layout[name] = (len(out), len(arr), arr.typecode)
        out += arr.tobytes()
    out[len(MAGIC) : len(MAGIC) + 8] = len(out).to_bytes(8, "little")
    return bytes(out + marshal.dumps(header))


def _aligned(offset: int) -> int:
    """``offset`` rounded up to the section alignment."""
    return -(-offset // ALIGN) * ALIGN


class PackedIndex:
    """A packed index over a buffer (the mapped cache file, or the bytes just built): keys found, entries decoded."""

    def __init__(self, buffer: Any) -> None:
        view = memoryview(buffer)
        if bytes(view[: len(MAGIC)]) != MAGIC:
            raise ValueError("not a packed gazetteer index")
        header_at = int.from_bytes(view[len(MAGIC) : len(MAGIC) + 8], "little")
        header = marshal.loads(view[header_at:])
        if not isinstance(header, dict) or header.get("byteorder") != sys.byteorder:
            raise ValueError("packed gazetteer index of another machine")
        self.buffer = buffer  # slicing the buffer itself gives bytes (a mapped file's slice too)
        self.tables: dict[str, Any] = header
        arrays = {}
        for name, (offset, count, typecode) in header["sections"].items():
            size = count * array(typecode).itemsize
            part = view[offset : min(offset + size, header_at)]
            if len(part) != size:
                raise ValueError(f"packed gazetteer index cut short in {name}")
            arrays[name] = part if typecode == "B" else part.cast(typecode)
        self._hashes, self._key_offsets = arrays["key_hashes"], arrays["key_offsets"]
        self._ref_offsets, self._refs = arrays["ref_offsets"], arrays["refs"]
        self._name_offsets, self._gids = arrays["name_offsets"], arrays["gids"]
        self._countries, self._admin1s = arrays["countries"], arrays["admin1s"]
        self._lats, self._lons = arrays["lats"], arrays["lons"]
        self._levels, self._pops = arrays["levels"], arrays["populations"]
        self._key_text = header["sections"]["key_text"][0]
        self._name_text = header["sections"]["name_text"][0]
        self._codes: list[str | None] = header["codes"]
        self._admin1_names: list[str | None] = header["admin1_names"]

    def __len__(self) -> int:
        """How many entries the index holds."""
        return len(self._gids)

    def find(self, key: str) -> int:
        """The slot of ``key`` in the name index, or -1 when it is not there."""
        raw = encode_text(key)
        digest = crc32(raw)
        hashes, offsets, base = self._hashes, self._key_offsets, self._key_text
        slot = bisect_left(hashes, digest)
        while slot < len(hashes) and hashes[slot] == digest:
            if self.buffer[base + offsets[slot] : base + offsets[slot + 1]] == raw:
                return slot
            slot += 1
        return -1

    def __contains__(self, key: str) -> bool:
        """True when ``key`` is in the name index."""
        return self.find(key) >= 0

    def refs(self, key: str) -> list[int] | None:
        """The entry numbers under ``key``, in index order, or None when the key is not there."""
        slot = self.find(key)
        if slot < 0:
            return None
        return self._refs[self._ref_offsets[slot] : self._ref_offsets[slot + 1]].tolist()

    def name(self, ref: int) -> str:
        """The name of entry ``ref``."""
        start = self._name_text + self._name_offsets[ref]
        return self.buffer[start : self._name_text + self._name_offsets[ref + 1]].decode("utf-8", "surrogatepass")

    def entry(self, ref: int) -> Entry:
        """Entry ``ref`` as the build made it: ``(geonameid, name, country, admin1, lat, lon, level, population)``."""
        gid, lat, lon = self._gids[ref], self._lats[ref], self._lons[ref]
        return (
            None if gid == NONE_ID else gid,
            self.name(ref),
            self._codes[self._countries[ref]],
            self._admin1_names[self._admin1s[ref]],
            None if math.isnan(lat) else lat,
            None if math.isnan(lon) else lon,
            self._levels[ref],
            self._pops[ref],
        )
