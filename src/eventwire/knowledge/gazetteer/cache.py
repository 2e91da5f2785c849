"""The packed index (``packed``) in a file under the user cache directory, mapped by later processes.

One file per :data:`~eventwire.knowledge.gazetteer.index.CACHE_VERSION`; an index built from other versions of the
source packages is stale and built again. Mapping the file costs milliseconds: a process reads only the pages of
the keys and entries it looks up, and worker processes share those pages.
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import IO

from eventwire.cache import cache_dir, write_atomically
from eventwire.knowledge.gazetteer.build import source_versions
from eventwire.knowledge.gazetteer.index import CACHE_VERSION
from eventwire.knowledge.gazetteer.packed import PackedIndex

PREFIX = "gazetteer-v"
# Versions up to 23 pickled the index; their files are dropped like those of any older version.
SUFFIXES = (".bin", ".pickle")


def cache_path() -> Path:
    """Path of the packed index for this cache version."""
    return cache_dir() / f"{PREFIX}{CACHE_VERSION}.bin"


def load_cached(path: Path) -> PackedIndex | None:
    """The index packed at ``path``, or None when it is missing, unreadable, of another version or stale."""
    try:
        with path.open("rb") as fh:
            buffer = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        index = PackedIndex(buffer)
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, IndexError):
        return None
    if index.tables.get("version") != CACHE_VERSION or index.tables.get("sources") != source_versions():
        return None
    return index


def file_version(path: Path) -> int | None:
    """The cache version of a gazetteer file name (``gazetteer-v23.pickle`` -> 23), None for other files."""
    for suffix in SUFFIXES:
        number = path.name.removeprefix(PREFIX).removesuffix(suffix)
        if path.name.startswith(PREFIX) and path.name.endswith(suffix) and number.isdigit():
            return int(number)
    return None


def write_cache(path: Path, packed: bytes) -> None:
    """Write the ``packed`` index at ``path`` (whole or not at all) and delete the files of older versions."""
    # Older indexes are never read again; a newer install's index is left alone.
    older = [old for old in path.parent.glob(PREFIX + "*") if (file_version(old) or CACHE_VERSION) < CACHE_VERSION]

    def dump(fh: IO[bytes]) -> None:
        """Write the packed bytes."""
        fh.write(packed)

    write_atomically(path, dump, older)
