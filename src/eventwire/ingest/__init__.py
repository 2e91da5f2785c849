"""Readers: turn files, directories and JSONL into Articles, or clear errors naming the input."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from eventwire.article import Article
from eventwire.ingest.decoding import decode_bytes
from eventwire.ingest.errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
GZIP_SUFFIX = ".gz"
# One article (a text or HTML file, or one JSONL line) larger than this is refused, not read into memory.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
_READ = 1024 * 1024

__all__ = [
    "InputError",
    "Item",
    "expand",
    "iter_items",
    "kind_of",
    "parse_date",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_stdin",
    "read_text",
]


@dataclass
class Item:
    """One input article, or the error that prevented reading it."""

    where: str
    article: Article | None = None
    error: InputError | None = None


def parse_date(value: object, where: str) -> date | None:
    """Parse an ISO date (YYYY-MM-DD, or a datetime starting with one); None stays None."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InputError(where, f"published {value!r} is not a date (expected YYYY-MM-DD)")


def decode(data: bytes, where: str, encoding: str | None = None) -> str:
    """Decode bytes as text (UTF-8, else a detected encoding), refusing empty and binary input clearly."""
    return decode_bytes(data, where, encoding).text


def _article(data: bytes, where: str, encoding: str | None) -> tuple[str, dict]:
    """Decoded text and the metadata saying how it was decoded when it was not UTF-8."""
    decoded = decode_bytes(data, where, encoding)
    return decoded.text, ({} if decoded.encoding == "utf-8" else {"encoding": decoded.encoding})


def read_text(data: bytes, where: str, published: date | None = None, encoding: str | None = None) -> Article:
    """A plain-text article; the body is the decoded input unchanged."""
    from eventwire.article import article_from_text

    text, meta = _article(data, where, encoding)
    article = article_from_text(text, published=published, source=None)
    article.metadata.update(meta)
    return article


def read_html(data: bytes, where: str, published: date | None = None, encoding: str | None = None) -> Article:
    """An HTML page: body, title and date extracted with trafilatura (scripts, frames and markup dropped)."""
    from eventwire.article import article_from_text
    from eventwire.ingest.html import extract_html

    html, meta = _article(data, where, encoding)
    page = extract_html(html, where)
    article = article_from_text(page.text, published=published or page.published, title=page.title)
    article.url = page.url
    article.source = page.sitename
    article.metadata.update(meta)
    return article


def _json_article(line: bytes, at: str, published: date | None, encoding: str | None) -> Article:
    """The article of one JSONL line."""
    from eventwire.article import article_from_text

    try:
        text = line.decode(encoding or "utf-8")
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputError(at, f"is not valid {encoding or 'UTF-8'} ({exc.__class__.__name__})") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(at, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(at, "JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise InputError(at, "expected a JSON object with a 'text' field")
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(at, "missing or empty 'text' field")
    for key in ("title", "url", "source", "language"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(at, f"'{key}' must be a string")
    article = article_from_text(
        body,
        published=parse_date(obj.get("published"), at) or published,
        title=obj.get("title"),
    )
    article.url = obj.get("url")
    article.source = obj.get("source")
    if obj.get("language"):
        article.language = obj["language"].strip().lower()[:16] or "en"
    ref = obj.get("id")
    article.ref = str(ref) if ref is not None else None
    return article


def _jsonl_items(lines: Iterable[bytes], where: str, published: date | None, encoding: str | None) -> Iterator[Item]:
    """One Item per non-blank line; a bad line is an error naming it, and reading goes on."""
    for n, line in enumerate(lines, 1):
        at = f"{where}:{n}"
        if n == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        if len(line) > MAX_ARTICLE_BYTES:
            yield Item(at, error=InputError(at, f"line longer than {MAX_ARTICLE_BYTES // 2**20} MB; skipped"))
            continue
        try:
            yield Item(at, article=_json_article(line, at, published, encoding))
        except InputError as exc:
            yield Item(at, error=exc)


def read_jsonl(data: bytes, where: str, published: date | None = None, encoding: str | None = None) -> Iterator[Item]:
    """One article per JSON line: ``text`` required; ``id``, ``title``, ``published``, ``url``, ``source`` optional."""
    if not data.strip():
        yield Item(where, error=InputError(where, "file is empty"))
        return
    yield from _jsonl_items(data.splitlines(), where, published, encoding)


def kind_of(path: Path) -> str | None:
    """``text``, ``html`` or ``jsonl`` by suffix (``a.jsonl.gz`` is jsonl), None for unknown suffixes."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == GZIP_SUFFIX:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in HTML_SUFFIXES:
        return "html"
    if last in TEXT_SUFFIXES:
        return "text"
    return None


def _open(path: Path) -> BinaryIO:
    """The file's bytes, decompressed when it is gzip (by suffix or by its magic number)."""
    raw = path.open("rb")
    if path.suffix.lower() == GZIP_SUFFIX or raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    raw.seek(0)
    return raw


def _gzip_problem(exc: Exception) -> str:
    """What went wrong reading a gzip file, in words."""
    if isinstance(exc, EOFError):
        return "gzip file is truncated (it ends before the end of the compressed data)"
    return f"damaged gzip file ({exc})"


_GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


def _read_all(stream: BinaryIO, where: str) -> bytes:
    """The whole (decompressed) content, refusing one article larger than MAX_ARTICLE_BYTES."""
    chunks, size = [], 0
    while block := stream.read(_READ):
        size += len(block)
        if size > MAX_ARTICLE_BYTES:
            raise InputError(where, f"larger than {MAX_ARTICLE_BYTES // 2**20} MB (uncompressed); skipped")
        chunks.append(block)
    return b"".join(chunks)


def _stream_lines(stream: BinaryIO, where: str, errors: list[InputError]) -> Iterator[bytes]:
    """Lines of a (possibly compressed) stream; a damaged end is recorded in ``errors`` and ends the lines."""
    try:
        yield from stream
    except _GZIP_ERRORS as exc:
        # The last line read before the damage may be cut short; it is yielded and judged as JSON like any other.
        errors.append(InputError(where, _gzip_problem(exc) + "; the lines before it were read"))


def read_path(path: Path, published: date | None = None, encoding: str | None = None) -> Iterator[Item]:
    """Items from one file (by suffix, ``.gz`` decompressed; unknown suffixes are read as text)."""
    where = str(path)
    try:
        stream = _open(path)
    except OSError as exc:
        yield Item(where, error=InputError(where, exc.strerror or str(exc)))
        return
    with stream:
        kind = kind_of(path) or "text"
        if kind == "jsonl":
            errors: list[InputError] = []
            try:
                yield from _jsonl_items(_stream_lines(stream, where, errors), where, published, encoding)
            except OSError as exc:
                errors.append(InputError(where, exc.strerror or str(exc)))
            for error in errors:
                yield Item(where, error=error)
            return
        try:
            data = _read_all(stream, where)
        except _GZIP_ERRORS as exc:
            yield Item(where, error=InputError(where, _gzip_problem(exc)))
            return
        except OSError as exc:
            yield Item(where, error=InputError(where, exc.strerror or str(exc)))
            return
        except InputError as exc:
            yield Item(where, error=exc)
            return
    reader = read_html if kind == "html" else read_text
    try:
        yield Item(where, article=reader(data, where, published, encoding))
    except InputError as exc:
        yield Item(where, error=exc)


def read_stdin(data: bytes, published: date | None = None, encoding: str | None = None) -> Iterator[Item]:
    """Items from standard input: JSONL when every line is a JSON object, else one text article."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except _GZIP_ERRORS as exc:
            yield Item("<stdin>", error=InputError("<stdin>", _gzip_problem(exc)))
            return
    stripped = data.strip()
    if stripped.startswith(b"{") and all(ln.strip().startswith(b"{") for ln in stripped.splitlines() if ln.strip()):
        yield from read_jsonl(data, "<stdin>", published, encoding)
        return
    try:
        yield Item("<stdin>", article=read_text(data, "<stdin>", published, encoding))
    except InputError as exc:
        yield Item("<stdin>", error=exc)


def expand(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the readable files inside named directories (sorted, recursive; ``.gz`` included)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p) is not None)
        else:
            yield path


def iter_items(paths: list[Path], published: date | None = None, encoding: str | None = None) -> Iterator[Item]:
    """Items from files and directories, in order; a file that fails never stops the others."""
    for path in expand(paths):
        if not path.exists():
            yield Item(str(path), error=InputError(str(path), "no such file or directory"))
            continue
        if path.is_dir():
            yield Item(str(path), error=InputError(str(path), "is a directory"))
            continue
        try:
            yield from read_path(path, published, encoding)
        except Exception as exc:  # noqa: BLE001 - one unreadable file must not end a batch
            yield Item(str(path), error=InputError(str(path), f"could not be read ({exc.__class__.__name__}: {exc})"))
