"""The user cache directory: built indexes and models that later processes load quickly instead of rebuilding.

``$EVENTWIRE_CACHE_DIR`` overrides the platform's user cache directory.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

CACHE_ENV = "EVENTWIRE_CACHE_DIR"


def cache_dir() -> Path:
    """Directory of the cached files: ``$EVENTWIRE_CACHE_DIR`` or the platform user cache."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("eventwire"))


def write_atomically(path: Path, dump: Callable[[IO[bytes]], None], stale: Iterable[Path] = ()) -> None:
    """Write ``path`` whole or not at all with ``dump``, then delete the ``stale`` files it replaces.

    A read-only or full cache directory is no error: the cache only saves time, so the next process
    builds or loads the slow way again.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                dump(fh)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in stale:
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
