"""Records flattened into table rows, as the field declarations of ``eventwire.analysis`` say.

Every backend stores the same rows: :func:`record_rows` turns one ``eventwire/1`` record (a dict, as analysed,
loaded or received) into rows keyed by column name. A field that every record holds (``is_required``) is read
with ``record[key]``, so a broken record fails; any other is read with ``.get`` and its declared ``missing``
value. :func:`table_columns` lists the columns the rows fill, which a test compares with what the migrations build.
"""

from __future__ import annotations

import json
import types
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Union, get_args, get_origin, get_type_hints

from eventwire.analysis import FINDINGS, Span
from eventwire.fieldspec import Column, Rows, fact_of, is_required, record_names

TableRows = dict[str, list[dict[str, Any]]]

# The column type of a field that declares no columns, by the type it holds.
SQL_TYPES: dict[type, str] = {
    str: "VARCHAR",
    int: "INTEGER",
    float: "DOUBLE",
    bool: "BOOLEAN",
    date: "DATE",
    list: "JSON",
    dict: "JSON",
}
# The article's row also holds the body and the whole record (Article lives in eventwire.article); the database
# adds ``ingested_at``.
ARTICLE_COLUMNS = (
    ("id", "VARCHAR"),
    ("ref", "VARCHAR"),
    ("title", "VARCHAR"),
    ("published", "DATE"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("language", "VARCHAR"),
    ("metadata", "JSON"),
    ("text", "VARCHAR"),
    ("record", "JSON"),
)
STORED = tuple((kind, cls, table) for kind, cls, table in FINDINGS if table is not None)


@dataclass(frozen=True)
class StoredField:
    """One record field of a finding as the store reads it."""

    key: str
    required: bool
    missing: Any
    ref: str | None
    columns: tuple[Column, ...]  # columns of the finding's own row
    rows: Rows | None  # or rows of a table of its own


def plain_type(hint: Any) -> Any:
    """The type a field holds, without ``| None`` and type arguments (``list[Span] | None`` -> ``list``)."""
    if get_origin(hint) in (Union, types.UnionType):
        [hint] = [arg for arg in get_args(hint) if arg is not type(None)]
    return get_origin(hint) or hint


def default_columns(key: str, hint: Any) -> tuple[Column, ...]:
    """The columns of a field that declares none: one named after it, or three for a span."""
    held = plain_type(hint)
    if held is Span:
        return (
            Column(f"{key}_start", "INTEGER", "start"),
            Column(f"{key}_end", "INTEGER", "end"),
            Column(key, "VARCHAR", "text"),
        )
    return (Column(key, SQL_TYPES[held]),)


def stored_fields(cls: type[Any]) -> tuple[StoredField, ...]:
    """The stored fields of a finding's dataclass, in record order."""
    hints = get_type_hints(cls)
    by_name = {f.name: f for f in fields(cls)}
    out = []
    for name in record_names(cls):
        f = by_name[name]
        fact = fact_of(f)
        key = fact.key or name
        store = default_columns(key, hints[name]) if fact.store is None else fact.store
        if store == ():
            continue
        own = store if isinstance(store, tuple) else ()
        rows = store if isinstance(store, Rows) else None
        out.append(StoredField(key, is_required(f), fact.missing, fact.ref, own, rows))
    return tuple(out)


STORED_FIELDS = {cls: stored_fields(cls) for _, cls, _ in STORED}


def _looked_up() -> frozenset[str]:
    """The kinds of finding whose columns other rows copy (an event's place name, its actors' names)."""
    kinds = set()
    for _, cls, _ in STORED:
        for stored in STORED_FIELDS[cls]:
            columns = stored.rows.columns if stored.rows else stored.columns
            if stored.ref and any(c.key for c in columns):
                kinds.add(stored.ref)
    return frozenset(kinds)


LOOKED_UP = _looked_up()


def table_columns() -> dict[str, dict[str, str]]:
    """The columns (name -> SQL type) that the rows of each table fill, tables in writing order."""
    out = {"articles": dict(ARTICLE_COLUMNS)}
    for _, cls, table in STORED:
        own = out.setdefault(table, {"article_id": "VARCHAR"})
        for stored in STORED_FIELDS[cls]:
            if stored.rows is None:
                own.update((c.name, c.sql) for c in stored.columns)
                continue
            child = {"article_id": "VARCHAR", stored.rows.owner: "VARCHAR"}
            if stored.rows.tag:
                child[stored.rows.tag] = "VARCHAR"
            child.update((c.name, c.sql) for c in stored.rows.columns)
            out.setdefault(stored.rows.table, child)
    return out


TABLES = tuple(table_columns())


def _cell(value: Any, column: Column, stored: StoredField, index: dict[str, dict[str, Any]]) -> Any:
    """What a column holds for a field's value (or one item of a list field)."""
    if column.key is None:
        out = value
    elif stored.ref is not None:
        out = (index[stored.ref].get(value) or {}).get(column.key)
    elif stored.required:
        out = value[column.key]
    else:
        out = (value or {}).get(column.key)
    return json.dumps(out) if column.sql == "JSON" else out


def _article_row(record: dict[str, Any]) -> dict[str, Any]:
    """The row of ``articles``."""
    art = record["article"]
    return {
        "id": art["id"],
        "ref": art.get("ref"),
        "title": art.get("title"),
        "published": art.get("published"),
        "url": art.get("url"),
        "source": art.get("source"),
        "language": art.get("language"),
        "metadata": json.dumps(art.get("metadata") or {}),
        "text": record["text"],
        "record": json.dumps(record),
    }


def _child_rows(
    aid: str, item: dict[str, Any], stored: StoredField, value: list[Any], index: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The rows of a list field stored in a table of its own, one per item."""
    assert stored.rows is not None
    out = []
    for each in value:
        row = {"article_id": aid, stored.rows.owner: item["id"]}
        if stored.rows.tag:
            row[stored.rows.tag] = stored.key
        row.update((c.name, _cell(each, c, stored, index)) for c in stored.rows.columns)
        out.append(row)
    return out


def record_rows(record: dict[str, Any]) -> TableRows:
    """Rows of every table for one ``eventwire/1`` record (dicts keyed by column name)."""
    aid = record["article"]["id"]
    # A finding that other rows look up is stored once per id (the last of the same id wins).
    index = {kind: {x["id"]: x for x in record[kind]} for kind in LOOKED_UP}
    rows: TableRows = {t: [] for t in TABLES}
    rows["articles"].append(_article_row(record))
    for kind, cls, table in STORED:
        for item in index[kind].values() if kind in index else record[kind]:
            row = {"article_id": aid}
            for stored in STORED_FIELDS[cls]:
                value = item[stored.key] if stored.required else item.get(stored.key, stored.missing)
                if stored.rows is None:
                    row.update((c.name, _cell(value, c, stored, index)) for c in stored.columns)
                else:
                    rows[stored.rows.table] += _child_rows(aid, item, stored, value, index)
            rows[table].append(row)
    return rows


def merge_rows(batch: list[TableRows]) -> TableRows:
    """Rows of several records, table by table."""
    out: TableRows = {t: [] for t in TABLES}
    for rows in batch:
        for table, items in rows.items():
            out[table].extend(items)
    return out
