"""Bytes to text: UTF-8 first, then a detected encoding (whole file or line by line), else a clear error."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from eventwire.ingest.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A detected single-byte encoding may decode the lines that are not UTF-8 in a file of mixed encodings.
_SINGLE_BYTE_PREFIXES = ("cp125", "windows-125", "latin", "iso8859", "iso-8859", "mac_", "koi8", "cp8", "cp437")


@dataclass
class Decoded:
    """Text decoded from bytes, and how (``utf-8``, a detected encoding, or ``mixed: utf-8 + cp1252``)."""

    text: str
    encoding: str


def _utf8(data: bytes) -> str | None:
    """The UTF-8 text of ``data`` (a leading BOM dropped), or None when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most plausible for ``data``, if any."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def decode_bytes(data: bytes, where: str, encoding: str | None = None) -> Decoded:
    """Decode ``data`` (read from ``where``): the given encoding, UTF-8, UTF-16/32 by BOM, or a detected one."""
    decoded = _decode(data, where, encoding)
    if not decoded.text.strip():
        raise InputError(
            where, "file is empty" + ("" if decoded.encoding == "utf-8" else f" (read as {decoded.encoding})")
        )
    return decoded


def _decode(data: bytes, where: str, encoding: str | None) -> Decoded:
    """Text and encoding of ``data``, or an error naming ``where``."""
    if not data.strip():
        raise InputError(where, "file is empty")
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(where, f"cannot be decoded as {encoding} ({exc})") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    where, f"starts with a {name} byte order mark but is not valid {name} ({exc})"
                ) from None
    if b"\x00" in data[:8192]:
        raise InputError(where, "looks like a binary file (it contains NUL bytes), not text")
    text = _utf8(data)
    if text is not None:
        return Decoded(text, "utf-8")
    first_bad = _first_bad_byte(data)
    guess = _detect(data)
    if guess is None:
        raise InputError(
            where,
            f"is not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) and its encoding could not be "
            "recognised; re-encode it as UTF-8",
        )
    lines = data.splitlines(keepends=True)
    utf8_lines = sum(1 for ln in lines if _utf8(ln) is not None and any(b > 0x7F for b in ln))
    if utf8_lines and guess.lower().replace("_", "-").startswith(_SINGLE_BYTE_PREFIXES):
        # Some lines are UTF-8 with non-ASCII characters, others are not: files joined from two sources.
        return Decoded("".join(_line_text(ln, guess) for ln in lines), f"mixed: utf-8 + {guess}")
    try:
        return Decoded(data.decode(guess), guess)
    except (LookupError, UnicodeDecodeError):
        raise InputError(
            where, f"is not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}); re-encode it as UTF-8"
        ) from None


def _line_text(line: bytes, fallback: str) -> str:
    """One line of a file of mixed encodings: UTF-8 when it is, else decoded as ``fallback``."""
    text = _utf8(line)
    return text if text is not None else line.decode(fallback, errors="replace")


def _first_bad_byte(data: bytes) -> int:
    """Offset of the first byte that is not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0
