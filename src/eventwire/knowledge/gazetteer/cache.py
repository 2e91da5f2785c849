"""The built index, pickled under the user cache directory so that later processes load it in well under a second.

One file per :data:`~eventwire.knowledge.gazetteer.index.CACHE_VERSION`; an index built from other versions of the
source packages is stale and built again.
"""

from __future__ import annotations

import gc
import pickle
from pathlib import Path
from typing import IO, Any

from eventwire.cache import cache_dir, write_atomically
from eventwire.knowledge.gazetteer.build import source_versions
from eventwire.knowledge.gazetteer.index import CACHE_VERSION


def cache_path() -> Path:
    """Path of the pickled index for this cache version."""
    return cache_dir() / f"gazetteer-v{CACHE_VERSION}.pickle"


def load_cached(path: Path) -> dict[str, Any] | None:
    """The index pickled at ``path``, or None when it is missing, unreadable, of another version or stale."""
    try:
        with path.open("rb") as fh:
            # Unpickling a million small objects is several times faster without the cyclic GC.
            enabled = gc.isenabled()
            gc.disable()
            try:
                data = pickle.load(fh)
                if isinstance(data, dict) and "index" not in data:
                    data["index"] = pickle.load(fh)
            finally:
                if enabled:
                    gc.enable()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("sources") != source_versions():
        return None
    return data


def write_cache(path: Path, data: dict[str, Any]) -> None:
    """Pickle the index ``data`` at ``path`` (whole or not at all) and delete the files of older versions."""

    def dump(fh: IO[bytes]) -> None:
        """Write the index: everything but the name index, then the name index."""
        pickle.dump({k: v for k, v in data.items() if k != "index"}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        # The name index shares no objects, so pickling it without a memo saves ~100 MB at build time.
        pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        pickler.dump(data["index"])

    # Older indexes are never read again; a newer install's index is left alone.
    older = [
        old
        for old in path.parent.glob("gazetteer-v*.pickle")
        if old.stem.removeprefix("gazetteer-v").isdigit() and int(old.stem.removeprefix("gazetteer-v")) < CACHE_VERSION
    ]
    write_atomically(path, dump, older)
