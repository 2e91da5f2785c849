"""The actor knowledge base and the entity ruler's phrase table, pickled under the user cache directory.

Both are built from static data only, in about a second together, and load in milliseconds. A file's name holds a
digest of everything it was built from: the data files, the code of this package, the versions of eventwire, Python,
Unicode, ``countryinfo`` and ``pycountry``, and, for the phrase table, spaCy's version and the pipeline whose
vocabulary hashed the patterns. A change to any of them builds it again; a missing, unreadable or read-only cache
directory only means building the slow way.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import eventwire.data
from eventwire.cache import cache_dir, write_atomically
from eventwire.data import data_file
from eventwire.knowledge.actors.kb import ActorKB
from eventwire.knowledge.actors.patterns import Pattern
from eventwire.knowledge.actors.phrases import PhraseTable, compile_phrases

if TYPE_CHECKING:
    from spacy.vocab import Vocab

# Bump when the layout of the pickled objects changes in a way the code digest cannot see.
CACHE_VERSION = 1
# Every data file the knowledge base reads (tests/test_actor_cache.py checks the list).
DATA_FILES = ("actors.tsv", "agents.tsv", "titles.tsv", "people.tsv")
SOURCES = ("countryinfo", "pycountry")
# Modules besides this package's whose code shapes what is built: the data file reader.
CODE_FILES = (Path(eventwire.data.__file__),)
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


@lru_cache(maxsize=1)
def kb_digest() -> str:
    """Digest of everything the knowledge base is built from."""
    python = f"{sys.version_info[:2]} unicode {unicodedata.unidata_version}"
    digest = hashlib.sha256(f"v{CACHE_VERSION} eventwire {eventwire.__version__} python {python}".encode())
    for name in SOURCES:
        try:
            version: str | None = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = None
        digest.update(f"\0{name} {version}".encode())
    for name in DATA_FILES:
        digest.update(f"\0{name}\0".encode() + data_file(name).read_bytes())
    for path in [*sorted(Path(__file__).resolve().parent.glob("*.py")), *CODE_FILES]:
        digest.update(f"\0{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def kb_path() -> Path:
    """Path of the pickled knowledge base for the current data and code."""
    return cache_dir() / f"actors-kb-{kb_digest()[:16]}.pickle"


def phrases_path(fingerprint: str) -> Path:
    """Path of the pickled phrase table for the current data and code and the vocabulary ``fingerprint``."""
    pipeline = re.sub(r"[^\w.-]+", "_", fingerprint.rpartition("pipeline=")[2])[:60]
    digest = hashlib.sha256(f"{kb_digest()}\0{fingerprint}".encode()).hexdigest()
    return cache_dir() / f"actors-phrases-{pipeline}-{digest[:16]}.pickle"


def read_cached(path: Path) -> Any:
    """What was pickled at ``path`` with its full key, or None when missing, unreadable or of another key."""
    try:
        with path.open("rb") as fh:
            # Unpickling many small objects is several times faster without the cyclic GC.
            enabled = gc.isenabled()
            gc.disable()
            try:
                data = pickle.load(fh)
            finally:
                if enabled:
                    gc.enable()
    except _UNREADABLE:
        return None
    if not isinstance(data, dict) or data.get("key") != path.stem:
        return None
    return data.get("value")


def write_cached(path: Path, value: Any) -> None:
    """Pickle ``value`` at ``path`` (whole or not at all) and delete the files it replaces (same name but digest)."""

    def dump(fh: IO[bytes]) -> None:
        pickle.dump({"key": path.stem, "value": value}, fh, protocol=pickle.HIGHEST_PROTOCOL)

    kind = path.stem.rpartition("-")[0]
    stale = [old for old in path.parent.glob(f"{kind}-*.pickle") if old.stem.rpartition("-")[0] == kind]
    write_atomically(path, dump, stale)


def load_kb() -> ActorKB:
    """The actor knowledge base: from the cache, else built and cached."""
    started = time.perf_counter()
    try:
        path: Path | None = kb_path()
    except OSError:
        path = None  # a data or code file cannot be read for the digest: build, and let the build say why
    kb = read_cached(path) if path is not None else None
    if isinstance(kb, ActorKB):
        kb.load_seconds = time.perf_counter() - started
        return kb
    kb = ActorKB()
    if path is not None:
        write_cached(path, kb)
    return kb


def load_phrases(vocab: Vocab, fingerprint: str, patterns: Callable[[], list[Pattern]]) -> PhraseTable:
    """The entity ruler's phrase table for the vocabulary ``vocab`` (named by ``fingerprint``): from the cache, else
    compiled from ``patterns()`` and cached."""
    try:
        path: Path | None = phrases_path(fingerprint)
    except OSError:
        path = None
    table = read_cached(path) if path is not None else None
    if isinstance(table, PhraseTable):
        return table
    table = compile_phrases(vocab, patterns())
    if path is not None:
        write_cached(path, table)
    return table
