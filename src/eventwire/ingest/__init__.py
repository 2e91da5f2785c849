"""Readers: turn files, directories and JSONL into Articles, or clear errors naming the input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventwire.article import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


class InputError(ValueError):
    """Bad input: the message names the file (and line) and the problem."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


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


def decode(data: bytes, where: str) -> str:
    """Decode bytes as UTF-8 text, refusing empty, binary and non-UTF-8 input with a clear message."""
    if not data.strip():
        raise InputError(where, "file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(where, "looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            where, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-encode it as UTF-8"
        ) from None


def read_text(data: bytes, where: str, published: date | None = None) -> Article:
    """A plain-text article; the body is the input unchanged."""
    from eventwire.article import article_from_text

    return article_from_text(decode(data, where), published=published, source=None)


def read_html(data: bytes, where: str, published: date | None = None) -> Article:
    """An HTML page: body, title and date extracted with trafilatura."""
    import trafilatura

    from eventwire.article import article_from_text

    html = decode(data, where)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise InputError(where, "no article text found in this HTML page")
    page_date = None
    if doc.date:
        try:
            page_date = date.fromisoformat(doc.date[:10])
        except ValueError:
            page_date = None
    article = article_from_text(doc.text, published=published or page_date, title=doc.title)
    article.url = doc.url
    article.source = doc.sitename
    return article


def read_jsonl(data: bytes, where: str, published: date | None = None) -> Iterator[Item]:
    """One article per JSON line: ``text`` required; ``id``, ``title``, ``published``, ``url``, ``source`` optional."""
    from eventwire.article import article_from_text

    text = decode(data, where)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        at = f"{where}:{n}"
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(at, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(obj, dict):
                raise InputError(at, "expected a JSON object with a 'text' field")
            body = obj.get("text")
            if not isinstance(body, str) or not body.strip():
                raise InputError(at, "missing or empty 'text' field")
            article = article_from_text(
                body,
                published=parse_date(obj.get("published"), at) or published,
                title=obj.get("title"),
            )
            article.url = obj.get("url")
            article.source = obj.get("source")
            ref = obj.get("id")
            article.ref = str(ref) if ref is not None else None
            yield Item(at, article=article)
        except InputError as exc:
            yield Item(at, error=exc)


def read_path(path: Path, published: date | None = None) -> Iterator[Item]:
    """Items from one file (by suffix; unknown suffixes are read as text)."""
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Item(where, error=InputError(where, exc.strerror or str(exc)))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            yield from read_jsonl(data, where, published)
        except InputError as exc:
            yield Item(where, error=exc)
        return
    reader = read_html if suffix in HTML_SUFFIXES else read_text
    try:
        yield Item(where, article=reader(data, where, published))
    except InputError as exc:
        yield Item(where, error=exc)


def read_stdin(data: bytes, published: date | None = None) -> Iterator[Item]:
    """Items from standard input: JSONL when every line is a JSON object, else one text article."""
    stripped = data.strip()
    if stripped.startswith(b"{") and all(ln.strip().startswith(b"{") for ln in stripped.splitlines() if ln.strip()):
        yield from read_jsonl(data, "<stdin>", published)
        return
    try:
        yield Item("<stdin>", article=read_text(data, "<stdin>", published))
    except InputError as exc:
        yield Item("<stdin>", error=exc)


def expand(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the readable files inside named directories (sorted, recursive)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def iter_items(paths: list[Path], published: date | None = None) -> Iterator[Item]:
    """Items from files and directories, in order."""
    for path in expand(paths):
        if not path.exists():
            yield Item(str(path), error=InputError(str(path), "no such file or directory"))
            continue
        yield from read_path(path, published)
