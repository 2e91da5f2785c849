"""Language identification: which language an article is written in, from the py3langid model it ships."""

from __future__ import annotations

import hashlib
import io
import marshal
import mmap
import pickle
import re
import threading
from array import array
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from eventwire.cache import cache_dir, write_atomically
from eventwire.tuning import Tuning

TUNING = Tuning.load("language")

# The languages of the original langid.py model (a well-tested set). The larger py3langid set adds
# English-lexified creoles (pcm, bcl, ...) that short English news sentences are often mistaken for.
_LANGUAGES = (
    "af am an ar as az be bg bn br bs ca cs cy da de dz el en eo es et eu fa fi fo fr ga gl gu he hi hr ht hu hy "
    "id is it ja jv ka kk km kn ko ku ky la lb lo lt lv mg mk ml mn mr ms mt nb nl nn no oc or pa pl ps pt qu ro "
    "ru rw se si sk sl sq sr sv sw ta te th tl tr ug uk ur vi vo wa xh zh zu"
).split()
# Enough letters to say anything: a headline can be recognised, a name or a number cannot.
MIN_LETTERS = TUNING["min_letters"]
# A non-English verdict must be confident, because it switches the English analysis off.
MIN_CONFIDENCE = TUNING["min_confidence"]
MAX_ENGLISH = TUNING["max_english"]
SAMPLE_CHARS = 20_000
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

_lock = threading.Lock()
_identifier: Any = None


@dataclass(frozen=True)
class Detection:
    """The language of a text: an ISO 639-1 code, the model's probability for it and whether it is English."""

    language: str
    confidence: float
    english: bool
    letters: int

    def to_dict(self) -> dict[str, Any]:
        """Metadata form (confidence rounded)."""
        return {"language": self.language, "confidence": round(self.confidence, 3), "letters": self.letters}


def _model() -> Any:
    """The py3langid identifier with normalised probabilities, loaded once per process.

    The shipped model is LZMA-compressed and takes about half a second to read; the identifier is kept in the
    user cache directory after the first load, with its large arrays apart so that later processes map them from
    the file in milliseconds instead of unpickling them.
    """
    global _identifier
    with _lock:
        if _identifier is None:
            path = _cache_path()
            ident = _read_cached(path)
            if ident is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                ident.set_languages([lang for lang in _LANGUAGES if lang in set(ident.labels)])
                _write_cached(path, ident)
            _identifier = ident
        return _identifier


def _cache_path() -> Path:
    """Where the loaded identifier is kept: one file per py3langid version and language set."""
    try:
        version = metadata.version("py3langid")
    except metadata.PackageNotFoundError:
        version = "unknown"
    langs = hashlib.sha256(" ".join(_LANGUAGES).encode()).hexdigest()[:12]
    return cache_dir() / f"langid-{version}-{langs}-f{CACHE_FORMAT}.bin"


# The cache file: an 8-byte magic, the byte offset of a marshal-ed header, then the pickled identifier and its
# large arrays, each 8-byte aligned; the header says where each lies. Change the layout and bump CACHE_FORMAT.
CACHE_FORMAT = 1
_MAGIC = b"EWLANGID"
# Arrays at least this large are kept out of the pickle (the model's tables; not its small lists).
_OUT_OF_BAND_BYTES = 1 << 16


def _table_from(typecode: str, data: Any) -> Any:
    """The ``typecode`` items of the buffer ``data``, read in place from the mapped file (indexed as the array was)."""
    view: Any = memoryview(data)  # typeshed types cast() by literal format; this one comes from the pickle
    return view.cast(typecode)


class _Pickler(pickle.Pickler):
    """Pickles an identifier with its large ``array.array`` tables out of band (numpy arrays go so by themselves).

    Read back, the tables are views of the mapped file: the tokenizer's 40 MB state table is never copied, and a
    process reads only the pages of the states its texts visit.
    """

    def reducer_override(self, obj: Any) -> Any:
        """Large arrays as their typecode and a buffer; anything else as pickle does it."""
        if type(obj) is array and len(obj) * obj.itemsize >= _OUT_OF_BAND_BYTES:
            return _table_from, (obj.typecode, pickle.PickleBuffer(obj))
        return NotImplemented


def _dump(ident: Any, fh: IO[bytes]) -> None:
    """Write ``ident`` in the cache file layout."""
    buffers: list[pickle.PickleBuffer] = []
    pickled = io.BytesIO()
    _Pickler(pickled, protocol=5, buffer_callback=buffers.append).dump(ident)
    parts = [pickled.getbuffer(), *(b.raw() for b in buffers)]
    where, offset = [], len(_MAGIC) + 8
    for part in parts:
        offset += -offset % 8
        where.append((offset, part.nbytes))
        offset += part.nbytes
    fh.write(_MAGIC + offset.to_bytes(8, "little"))
    written = len(_MAGIC) + 8
    for (start, size), part in zip(where, parts, strict=True):
        fh.write(bytes(start - written))
        fh.write(part)
        written = start + size
    fh.write(marshal.dumps(where))


def _read_cached(path: Path) -> Any:
    """The cached identifier, or None when missing or unreadable (then the model is read again)."""
    try:
        with path.open("rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        view = memoryview(mapped)
        if bytes(view[: len(_MAGIC)]) != _MAGIC:
            return None
        header_at = int.from_bytes(view[len(_MAGIC) : len(_MAGIC) + 8], "little")
        where = marshal.loads(view[header_at:])
        parts = [view[start : min(start + size, header_at)] for start, size in where]
        if any(len(part) != size for part, (_, size) in zip(parts, where, strict=True)):
            return None
        return pickle.loads(parts[0], buffers=parts[1:])
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        return None


def _write_cached(path: Path, ident: Any) -> None:
    """Keep the identifier for later processes, written whole or not at all, and drop older versions' files."""
    try:
        # The identifier keeps the whole model besides the chosen languages; only the chosen ones are used.
        ident._full_model = (ident.nb_ptc, ident.nb_pc, ident.nb_classes)
    except AttributeError:
        pass  # another py3langid layout: keep it all
    # Files of other py3langid versions, language sets and cache formats (older ones were pickles).
    stale = [*path.parent.glob("langid-*.pickle"), *path.parent.glob("langid-*.bin")]
    write_atomically(path, lambda fh: _dump(ident, fh), stale)


def sample(text: str, limit: int = SAMPLE_CHARS) -> str:
    """Up to ``limit`` characters from the start, middle and end of ``text`` (cheap for huge articles)."""
    if len(text) <= limit:
        return text
    third = limit // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2 : mid + third // 2], text[-third:]))


# Function words that make up a fifth or more of running English and almost nothing of any other language.
_ENGLISH_WORDS = frozenset("the and of to is was that with for said by from have has are were".split())
ENGLISH_SHARE = TUNING["english_share"]
ENGLISH_MIN_WORDS = TUNING["english_min_words"]
_WORD = re.compile(r"[a-z]+")


def looks_english(text: str, limit: int = 3000) -> bool:
    """A cheap yes for plainly English text (40+ words, 12%+ English function words); no means "ask the model".

    The language model costs about a millisecond an article; news in English is the common case.
    """
    words = _WORD.findall(sample(text, limit).lower())
    return len(words) >= ENGLISH_MIN_WORDS and sum(w in _ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words)


def detect_language(text: str) -> Detection:
    """The language of ``text``; English unless the model is confident of another language."""
    piece = sample(text)
    letters = len(_LETTER.findall(piece))
    if letters < MIN_LETTERS:
        return Detection("en", 0.0, True, letters)
    ranked = dict(_model().rank(piece))
    best, confidence = max(ranked.items(), key=lambda kv: kv[1])
    english = best == "en" or confidence < MIN_CONFIDENCE or ranked.get("en", 0.0) > MAX_ENGLISH
    return Detection(best, float(confidence), english, letters)


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code ("es" -> "Spanish"), or the code itself."""
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code)
    except (ImportError, KeyError, LookupError):
        found = None
    return found.name if found is not None else code
