"""The words with which ``eventwire.analysis`` declares how each field of a finding appears in the record and the
store: ``field(metadata=fact(...))`` for a field whose form is not the plain one."""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    """A store column that a field fills: with its value, one key of it, or one key of the finding it names."""

    name: str
    sql: str  # the column's type, as the migrations create it; "JSON" columns hold the value as JSON text
    key: str | None = None  # a key of the value (a span's "start"); for a field with ``ref``, of the named finding


@dataclass(frozen=True)
class Rows:
    """A list field stored in a table of its own: one row per item, holding its owner's id."""

    table: str
    owner: str  # the column of the owning finding's id
    columns: tuple[Column, ...]
    tag: str | None = None  # a column holding the field's record key, when several fields share the table


@dataclass(frozen=True)
class Fact:
    """How one field of a finding appears in the record and the store; every default is the plain case."""

    key: str | None = None  # its key in the record (the field's name)
    digits: int | None = None  # rounded in the record to this many decimals (not rounded)
    required: bool | None = None  # present in every record (when the constructor requires it)
    missing: Any = None  # what an older record that lacks it means to the store
    ref: str | None = None  # the kind of finding whose id (or ids) it holds
    # Its store columns: by default one column named after its record key and typed after the field (a span
    # gives "<key>_start", "<key>_end" and "<key>" for its text); () when it is not stored.
    store: tuple[Column, ...] | Rows | None = None


def fact(
    key: str | None = None,
    *,
    digits: int | None = None,
    required: bool | None = None,
    missing: Any = None,
    ref: str | None = None,
    store: tuple[Column, ...] | Rows | None = None,
) -> dict[str, Fact]:
    """Field metadata declaring a field's record and store form: ``field(metadata=fact(...))``."""
    return {"fact": Fact(key, digits, required, missing, ref, store)}


def fact_of(f: Field[Any]) -> Fact:
    """The declared record and store form of a dataclass field (the defaults when it declares none)."""
    declared = f.metadata.get("fact")
    return declared if isinstance(declared, Fact) else Fact()


def is_required(f: Field[Any]) -> bool:
    """True when every record holds the field: declared so, or else required by the constructor."""
    declared = fact_of(f).required
    if declared is not None:
        return declared
    return f.default is MISSING and f.default_factory is MISSING


def record_names(cls: type[Any]) -> list[str]:
    """The record fields of a finding's dataclass, in record order: its space-separated ``RECORD``."""
    names: str = cls.__dict__["RECORD"]
    return names.split()
