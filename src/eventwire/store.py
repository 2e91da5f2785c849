"""Store: records in an embedded DuckDB file, one transaction per article, idempotent by article id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store_rows import TABLES, merge_rows, record_rows

_DDL = [
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, ref VARCHAR, title VARCHAR, published DATE, url VARCHAR, source VARCHAR,
        language VARCHAR, metadata JSON, text VARCHAR, record JSON, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS entities (
        article_id VARCHAR, id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR, code VARCHAR,
        roles JSON, PRIMARY KEY (article_id, id))""",
    """CREATE TABLE IF NOT EXISTS mentions (
        article_id VARCHAR, entity_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS places (
        article_id VARCHAR, id VARCHAR, name VARCHAR, geonameid BIGINT, country VARCHAR, admin1 VARCHAR,
        lat DOUBLE, lon DOUBLE, level VARCHAR, mentions JSON, PRIMARY KEY (article_id, id))""",
    """CREATE TABLE IF NOT EXISTS times (
        article_id VARCHAR, id VARCHAR, type VARCHAR, value VARCHAR, date_from DATE, date_to DATE,
        precision VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, PRIMARY KEY (article_id, id))""",
    """CREATE TABLE IF NOT EXISTS quantities (
        article_id VARCHAR, id VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE, approximate BOOLEAN,
        counts VARCHAR, role VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
        PRIMARY KEY (article_id, id))""",
    """CREATE TABLE IF NOT EXISTS quotes (
        article_id VARCHAR, id VARCHAR, direct BOOLEAN, content VARCHAR, content_start INTEGER, content_end INTEGER,
        speaker VARCHAR, speaker_entity VARCHAR, PRIMARY KEY (article_id, id))""",
    """CREATE TABLE IF NOT EXISTS events (
        article_id VARCHAR, id VARCHAR, type VARCHAR, mode VARCHAR, acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR, cameo VARCHAR, place_id VARCHAR, place_name VARCHAR, country VARCHAR,
        admin1 VARCHAR, lat DOUBLE, lon DOUBLE, time_id VARCHAR, date_from DATE, date_to DATE,
        date_precision VARCHAR, fatalities INTEGER, modality VARCHAR, attributed_to VARCHAR, trigger VARCHAR,
        trigger_start INTEGER, trigger_end INTEGER, sentence VARCHAR, sentence_start INTEGER, sentence_end INTEGER,
        confidence DOUBLE, because JSON, PRIMARY KEY (article_id, id))""",
    """CREATE TABLE IF NOT EXISTS event_actors (
        article_id VARCHAR, event_id VARCHAR, entity_id VARCHAR, role VARCHAR, name VARCHAR, country VARCHAR,
        sector VARCHAR)""",
]


_META = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"

# Versioned schema steps: a database at version N gets the steps N+1.. applied in order. Add steps, never edit them.
MIGRATIONS: dict[int, list[str]] = {
    1: _DDL,
    2: [
        "CREATE INDEX IF NOT EXISTS events_date ON events (date_from)",
        "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (article_id, event_id)",
    ],
}
SCHEMA_VERSION = max(MIGRATIONS)


class StoreError(RuntimeError):
    """The database cannot be opened or written; the message names it."""


@dataclass
class EventFilter:
    """Filters for listing events; every field is optional."""

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 100
    offset: int = 0
    acled_type: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    place_country: str | None = None
    admin1: str | None = None
    modality: str | None = None
    text: str | None = None
    sort: str = "date"
    descending: bool = True


def _iso2(country: str) -> tuple[str | None, str | None]:
    """ISO alpha-2 and alpha-3 for a country code or name, when pycountry knows it."""
    import pycountry

    try:
        c = pycountry.countries.lookup(country)
    except LookupError:
        return None, None
    return c.alpha_2, c.alpha_3


# Public event ids join the article's hash prefix and the event's id in the article: "<16 hex>-V3".
_UID_HEX = 16
_HEX = frozenset("0123456789abcdef")
_SORTS = {
    "date": "e.date_from",
    "type": "e.type",
    "acled": "e.acled_event_type",
    "modality": "e.modality",
    "fatalities": "e.fatalities",
    "country": "e.country",
    "admin1": "e.admin1",
    "place": "e.place_name",
    "confidence": "e.confidence",
    "title": "ar.title",
    "published": "ar.published",
}
SORT_KEYS = tuple(_SORTS)
_ACTOR_JOIN = "e.article_id = a.article_id AND e.id = a.event_id"
_ACTOR_MATCH = "EXISTS (SELECT 1 FROM event_actors a WHERE a.article_id = e.article_id AND a.event_id = e.id AND ({}))"
_EVENT_COLUMNS = (
    "substr(e.article_id, 8, 16) || '-' || e.id AS id, e.article_id, e.id AS event_id, e.date_from, e.date_to,"
    " e.date_precision, e.type, e.mode, e.acled_event_type, e.acled_sub_event_type, e.cameo, e.modality,"
    " e.fatalities, e.place_name, e.country, e.admin1, e.lat, e.lon,"
    " (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors a WHERE a.article_id = e.article_id"
    "   AND a.event_id = e.id AND a.role = 'source') AS source,"
    " (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors a WHERE a.article_id = e.article_id"
    "   AND a.event_id = e.id AND a.role = 'target') AS target,"
    " e.trigger, e.sentence, e.confidence, ar.title, ar.published, ar.url, ar.source AS article_source"
)


def _where(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions (over ``events e``) and their parameters for a filter; values are never interpolated."""
    where: list[str] = []
    params: list[Any] = []
    if flt.type:
        where.append("(upper(e.type) = upper(?) OR lower(e.acled_event_type) = lower(?))")
        params += [flt.type, flt.type]
    if flt.acled_type:
        where.append("(lower(e.acled_event_type) = lower(?) OR lower(e.acled_sub_event_type) = lower(?))")
        params += [flt.acled_type, flt.acled_type]
    if flt.actor:
        where.append(_ACTOR_MATCH.format("a.name ILIKE ? ESCAPE '\\' OR a.sector = upper(?)"))
        params += [f"%{_like_escape(flt.actor)}%", flt.actor]
    if flt.country:
        iso2, iso3 = _iso2(flt.country)
        where.append(f"(e.country = ? OR {_ACTOR_MATCH.format('a.country = ?')})")
        params += [iso2 or flt.country.upper(), iso3 or flt.country.upper()]
    if flt.place_country:
        iso2, _ = _iso2(flt.place_country)
        where.append("e.country = ?")
        params.append(iso2 or flt.place_country.upper())
    if flt.actor_country:
        _, iso3 = _iso2(flt.actor_country)
        where.append(_ACTOR_MATCH.format("a.country = ?"))
        params.append(iso3 or flt.actor_country.upper())
    if flt.actor_sector:
        where.append(_ACTOR_MATCH.format("a.sector = upper(?)"))
        params.append(flt.actor_sector)
    if flt.admin1:
        where.append("lower(e.admin1) = lower(?)")
        params.append(flt.admin1)
    if flt.modality:
        where.append("lower(e.modality) = lower(?)")
        params.append(flt.modality)
    if flt.since:
        where.append("e.date_to >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("e.date_from <= ?")
        params.append(flt.until)
    if flt.text:
        like = f"%{_like_escape(flt.text)}%"
        where.append(
            "(e.sentence ILIKE ? ESCAPE '\\' OR e.place_name ILIKE ? ESCAPE '\\' OR ar.title ILIKE ? ESCAPE '\\' OR "
            + _ACTOR_MATCH.format("a.name ILIKE ? ESCAPE '\\'")
            + ")"
        )
        params += [like] * 4
    return where, params


def _like_escape(value: str) -> str:
    """Escape LIKE wildcards so a search for "50%" matches the text "50%"."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _split_uid(uid: str) -> tuple[str, str] | None:
    """``"<hex prefix>-V3"`` as (article id prefix, event id), or None when malformed."""
    prefix, _, event_id = uid.partition("-")
    if len(prefix) < 8 or not set(prefix.lower()) <= _HEX or not event_id:
        return None
    return "sha256:" + prefix.lower(), event_id


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Fetch a cursor's rows as dicts."""
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


class QueryMixin:
    """Read queries for the API, the dashboard and exports (filters, pages, aggregates)."""

    con: duckdb.DuckDBPyConnection

    def _filtered(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """``FROM ... WHERE ...`` over events joined to their articles, with parameters."""
        where, params = _where(flt)
        sql = " FROM events e JOIN articles ar ON ar.id = e.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params

    def search_events(self, flt: EventFilter) -> tuple[int, list[dict[str, Any]]]:
        """The total number of matching events and one sorted page of them."""
        body, params = self._filtered(flt)
        total = self.con.execute("SELECT count(*)" + body, params).fetchone()[0]
        key = _SORTS.get(flt.sort)
        if key is None:
            raise ValueError(f"cannot sort by {flt.sort!r}; choose one of {', '.join(SORT_KEYS)}")
        direction = "DESC" if flt.descending else "ASC"
        sql = (
            f"SELECT {_EVENT_COLUMNS}{body} ORDER BY {key} {direction} NULLS LAST, e.date_from DESC NULLS LAST,"
            " e.article_id, e.trigger_start LIMIT ? OFFSET ?"
        )
        return total, _rows(self.con.execute(sql, [*params, flt.limit, flt.offset]))

    def _export_sql(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """All matching events (no page), in date order, for bulk export."""
        body, params = self._filtered(flt)
        return f"SELECT {_EVENT_COLUMNS}{body} ORDER BY e.date_from NULLS LAST, e.article_id, e.trigger_start", params

    def event_rows(self, flt: EventFilter, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """All matching events (no page) as dicts, in date order, fetched ``batch`` rows at a time."""
        sql, params = self._export_sql(flt)
        cur = self.con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        while rows := cur.fetchmany(batch):
            for row in rows:
                yield dict(zip(cols, row, strict=True))

    def write_parquet(self, path: str | Path, flt: EventFilter) -> int:
        """Write the matching events to a Parquet file; returns how many."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(self.event_rows(flt))
        pq.write_table(pa.Table.from_pylist(rows), str(path))
        return len(rows)

    def event(self, uid: str) -> dict[str, Any] | None:
        """One event by its public id, with its actors and the event object of its record."""
        parts = _split_uid(uid)
        if parts is None:
            return None
        prefix, event_id = parts
        sql = (
            f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles ar ON ar.id = e.article_id"
            " WHERE starts_with(e.article_id, ?) AND e.id = ? LIMIT 2"
        )
        rows = _rows(self.con.execute(sql, [prefix, event_id]))
        if len(rows) != 1:
            return None
        row = rows[0]
        row["actors"] = _rows(
            self.con.execute(
                "SELECT entity_id, role, name, country, sector FROM event_actors WHERE article_id = ? AND event_id = ?"
                " ORDER BY role, name",
                [row["article_id"], event_id],
            )
        )
        record = self.article(row["article_id"]) or {}
        row["record_event"] = next((v for v in record.get("events", []) if v["id"] == event_id), None)
        return row

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored record of an article: by full id (``sha256:…``), bare hash or a unique prefix of 8+ hex."""
        key = article_id.lower().removeprefix("sha256:")
        if len(key) < 8 or not set(key) <= _HEX:
            return None
        found = self.con.execute(
            "SELECT record FROM articles WHERE starts_with(id, ?) LIMIT 2", ["sha256:" + key]
        ).fetchall()
        return json.loads(found[0][0]) if len(found) == 1 else None

    def timeline(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events per day (the first day of each event's date) and PLOVER type."""
        body, params = self._filtered(flt)
        sql = (
            "SELECT e.date_from AS day, e.type, count(*) AS events, sum(coalesce(e.fatalities, 0)) AS fatalities"
            + body
            + (" AND" if " WHERE " in body else " WHERE")
            + " e.date_from IS NOT NULL GROUP BY e.date_from, e.type ORDER BY day, e.type"
        )
        return _rows(self.con.execute(sql, params))

    def top_actors(self, flt: EventFilter, limit: int = 50) -> list[dict[str, Any]]:
        """Actors of the matching events, most events first."""
        body, params = self._filtered(flt)
        sql = (
            "SELECT a.name, a.country, a.sector, count(DISTINCT (e.article_id, e.id)) AS events,"
            " count(DISTINCT e.article_id) AS articles,"
            " count(DISTINCT CASE WHEN a.role = 'source' THEN (e.article_id, e.id) END) AS as_source,"
            " count(DISTINCT CASE WHEN a.role = 'target' THEN (e.article_id, e.id) END) AS as_target,"
            " string_agg(DISTINCT e.type, ', ' ORDER BY e.type) AS types"
            + body.replace(
                " FROM events e",
                " FROM event_actors a JOIN events e ON e.article_id = a.article_id AND e.id = a.event_id",
            )
            + (" AND" if " WHERE " in body else " WHERE")
            + " a.name IS NOT NULL GROUP BY a.name, a.country, a.sector ORDER BY events DESC, a.name LIMIT ?"
        )
        return _rows(self.con.execute(sql, [*params, limit]))

    def top_places(self, flt: EventFilter, limit: int = 50) -> list[dict[str, Any]]:
        """Places of the matching events, most events first."""
        body, params = self._filtered(flt)
        sql = (
            "SELECT e.place_name AS name, e.country, e.admin1, min(e.lat) AS lat, min(e.lon) AS lon,"
            " count(*) AS events, sum(coalesce(e.fatalities, 0)) AS fatalities"
            + body
            + (" AND" if " WHERE " in body else " WHERE")
            + " e.place_name IS NOT NULL GROUP BY e.place_name, e.country, e.admin1"
            " ORDER BY events DESC, name LIMIT ?"
        )
        return _rows(self.con.execute(sql, [*params, limit]))

    def stats(self, flt: EventFilter) -> dict[str, Any]:
        """Totals and breakdowns of the matching events."""
        body, params = self._filtered(flt)
        row = self.con.execute(
            "SELECT count(*), count(DISTINCT e.article_id), count(e.lat), sum(coalesce(e.fatalities, 0)),"
            " min(e.date_from), max(e.date_to)" + body,
            params,
        ).fetchone()
        out: dict[str, Any] = {
            "events": row[0],
            "articles": row[1],
            "located": row[2],
            "fatalities": int(row[3] or 0),
            "first_date": row[4],
            "last_date": row[5],
        }
        for name, column in (
            ("by_type", "e.type"),
            ("by_acled_type", "e.acled_event_type"),
            ("by_modality", "e.modality"),
            ("by_country", "e.country"),
        ):
            out[name] = {
                k if k is not None else "": n
                for k, n in self.con.execute(
                    f"SELECT {column}, count(*) AS n{body} GROUP BY 1 ORDER BY n DESC, 1", params
                ).fetchall()
            }
        return out

    def facets(self) -> dict[str, list[str]]:
        """Every distinct value of the categorical filters, for pick lists."""
        out: dict[str, list[str]] = {}
        for name, sql in (
            ("type", "SELECT DISTINCT type FROM events"),
            ("acled_type", "SELECT DISTINCT acled_event_type FROM events"),
            ("modality", "SELECT DISTINCT modality FROM events"),
            ("country", "SELECT DISTINCT country FROM events"),
            ("admin1", "SELECT DISTINCT admin1 FROM events"),
            ("actor_sector", "SELECT DISTINCT sector FROM event_actors"),
            ("actor_country", "SELECT DISTINCT country FROM event_actors"),
        ):
            out[name] = sorted(v for (v,) in self.con.execute(sql).fetchall() if v)
        return out


class BaseStore(QueryMixin):
    """What every store backend shares: migrations, idempotent batched writes, listing."""

    path: str
    # Whether :meth:`reader` views may read from several threads while the store writes.
    concurrent_reads = False

    def reader(self) -> QueryMixin:
        """A view for one thread's reads (the store itself where reads cannot run side by side)."""
        return self

    def _append(self, table: str, items: list[dict[str, Any]]) -> None:
        """Append rows to a table (backend-specific)."""
        raise NotImplementedError

    def _ddl(self, sql: str) -> str:
        """A migration statement in this backend's dialect."""
        return sql

    def schema_version(self) -> int:
        """The schema version the database is at (0 for a new database)."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        """Bring the database to ``SCHEMA_VERSION``, one versioned step per transaction."""
        self.con.execute(self._ddl(_META))
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer eventwire (schema {current}; this one knows {SCHEMA_VERSION})"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            self.con.execute("BEGIN TRANSACTION")
            try:
                for sql in MIGRATIONS[version]:
                    self.con.execute(self._ddl(sql))
                self.con.execute("DELETE FROM meta WHERE key = 'schema_version'")
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(version)])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> BaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        """True when the article is stored already."""
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add(self, record: dict[str, Any]) -> bool:
        """Store one record in one transaction; False when the article was already stored."""
        return self.add_many([record]) == 1

    def add_many(self, records: list[dict[str, Any]]) -> int:
        """Store records in one transaction (Arrow appends); returns how many were new.

        An article is never half-written: when anything fails, the whole batch is rolled
        back and the error raised, so the caller can retry the records one by one.
        """
        fresh: dict[str, dict[str, Any]] = {}
        for record in records:
            aid = record["article"]["id"]
            if aid not in fresh and not self.has_article(aid):
                fresh[aid] = record
        if not fresh:
            return 0
        rows = merge_rows([record_rows(r) for r in fresh.values()])
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLES:
                if rows[table]:
                    self._append(table, rows[table])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(fresh)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed table names
            for t in ("articles", "entities", "places", "times", "quantities", "quotes", "events")
        }

    def events(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, with their actors' names."""
        where, params = _where(flt)
        sql = (
            "SELECT e.article_id, e.id, e.date_from, e.date_to, e.date_precision, e.type, e.mode, e.acled_event_type,"
            " e.acled_sub_event_type, e.modality, e.fatalities, e.place_name, e.country, e.admin1, e.lat, e.lon,"
            " (SELECT string_agg(a.name, '; ') FROM event_actors a WHERE a.article_id = e.article_id"
            "   AND a.event_id = e.id AND a.role = 'source') AS source,"
            " (SELECT string_agg(a.name, '; ') FROM event_actors a WHERE a.article_id = e.article_id"
            "   AND a.event_id = e.id AND a.role = 'target') AS target,"
            " e.trigger, e.sentence, e.confidence, ar.title"
            " FROM events e JOIN articles ar ON ar.id = e.article_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date_from DESC NULLS LAST, e.article_id, e.trigger_start LIMIT ? OFFSET ?"
        params += [flt.limit, flt.offset]
        cur = self.con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, in ingest order."""
        for (rec,) in self.con.execute("SELECT record FROM articles ORDER BY ingested_at, id").fetchall():
            yield json.loads(rec)


class ReadView(QueryMixin):
    """The read queries over one DuckDB cursor: several threads read side by side, each through its own view."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path


class Store(BaseStore):
    """A DuckDB file holding the tables of DESIGN.md."""

    # DuckDB lets cursors of one connection read in parallel threads while another writes (MVCC).
    concurrent_reads = True

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open database ({str(exc).splitlines()[0]})") from None
        if not read_only:
            self._migrate()

    def reader(self) -> ReadView:
        """A view for one thread's reads, on a cursor of its own."""
        return ReadView(self.con.cursor(), self.path)

    def write_parquet(self, path: str | Path, flt: EventFilter) -> int:
        """Write the matching events to a Parquet file with DuckDB's own writer (streams; no rows in Python)."""
        sql, params = self._export_sql(flt)
        self.con.sql(sql, params=params).write_parquet(str(path))
        return self.con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0]

    def _append(self, table: str, items: list[dict[str, Any]]) -> None:
        """Append rows to a table through an Arrow table (one statement, columns named)."""
        import pyarrow as pa

        columns = list(items[0])
        arrow = pa.table({c: [row[c] for row in items] for c in columns})
        name = f"_rows_{table}"
        self.con.register(name, arrow)
        try:
            cols = ", ".join(columns)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")  # noqa: S608 - fixed names
        finally:
            self.con.unregister(name)


def is_url(db: str | Path) -> bool:
    """True for a PostgreSQL URL rather than a DuckDB file."""
    return str(db).startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path, read_only: bool = False) -> BaseStore:
    """A store for a DuckDB file path, or for a ``postgresql://`` URL (PostgreSQL, psycopg 3)."""
    if is_url(db):
        from eventwire.store_postgres import PostgresStore

        return PostgresStore(str(db), read_only=read_only)
    return Store(db, read_only=read_only)
