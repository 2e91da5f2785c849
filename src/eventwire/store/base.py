"""The store's interface: what every backend shares (migrations, idempotent batched writes, the read queries)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.store.connection import Connection, fetch_dicts, scalar
from eventwire.store.migrations import META, MIGRATIONS, SCHEMA_VERSION
from eventwire.store.queries import (
    ACTORS,
    EVENT_COLUMNS,
    IN_DATE_ORDER,
    LISTING_COLUMNS,
    NEWEST_FIRST,
    EventFilter,
    EventQuery,
    sort_order,
)
from eventwire.store.rows import TABLES, merge_rows, record_rows

# Public event ids join the article's hash prefix and the event's id in the article: "<16 hex>-V3".
_HEX = frozenset("0123456789abcdef")
# The columns of an event's breakdowns in :meth:`QueryMixin.stats`.
_BREAKDOWNS = (
    ("by_type", "e.type"),
    ("by_acled_type", "e.acled_event_type"),
    ("by_modality", "e.modality"),
    ("by_country", "e.country"),
)


class StoreError(RuntimeError):
    """The database cannot be opened or written; the message names it."""


def _split_uid(uid: str) -> tuple[str, str] | None:
    """``"<hex prefix>-V3"`` as (article id prefix, event id), or None when malformed."""
    prefix, _, event_id = uid.partition("-")
    if len(prefix) < 8 or not set(prefix.lower()) <= _HEX or not event_id:
        return None
    return "sha256:" + prefix.lower(), event_id


class QueryMixin:
    """Read queries for the API, the dashboard and exports (filters, pages, aggregates)."""

    con: Connection

    def _select(self, query: EventQuery, select: str, **parts: Any) -> list[dict[str, Any]]:
        """The rows of ``query.sql(select, **parts)`` as dicts."""
        sql, params = query.sql(select, **parts)
        return fetch_dicts(self.con.execute(sql, params))

    def search_events(self, flt: EventFilter) -> tuple[int, list[dict[str, Any]]]:
        """The total number of matching events and one sorted page of them."""
        query = EventQuery.of(flt)
        total = scalar(self.con.execute(*query.sql("count(*)")))
        order = sort_order(flt)
        return total, self._select(query, EVENT_COLUMNS, order_by=order, limit=flt.limit, offset=flt.offset)

    def export_sql(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """All matching events (no page), in date order, for bulk export."""
        return EventQuery.of(flt).sql(EVENT_COLUMNS, order_by=IN_DATE_ORDER)

    def event_rows(self, flt: EventFilter, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """All matching events (no page) as dicts, in date order, fetched ``batch`` rows at a time."""
        cur = self.con.execute(*self.export_sql(flt))
        cols = [d[0] for d in cur.description]
        while rows := cur.fetchmany(batch):
            for row in rows:
                yield dict(zip(cols, row, strict=True))

    def write_parquet(self, path: str | Path, flt: EventFilter) -> int:
        """Write the matching events to a Parquet file; returns how many."""
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        rows = list(self.event_rows(flt))
        pq.write_table(pa.Table.from_pylist(rows), str(path))
        return len(rows)

    def event(self, uid: str) -> dict[str, Any] | None:
        """One event by its public id, with its actors and the event object of its record."""
        parts = _split_uid(uid)
        if parts is None:
            return None
        prefix, event_id = parts
        query = EventQuery().also("starts_with(e.article_id, ?)", prefix).also("e.id = ?", event_id)
        rows = self._select(query, EVENT_COLUMNS, limit=2)
        if len(rows) != 1:
            return None
        row = rows[0]
        row["actors"] = fetch_dicts(
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
        return self._select(
            EventQuery.of(flt).also("e.date_from IS NOT NULL"),
            "e.date_from AS day, e.type, count(*) AS events, sum(coalesce(e.fatalities, 0)) AS fatalities",
            group_by="e.date_from, e.type",
            order_by="day, e.type",
        )

    def top_actors(self, flt: EventFilter, limit: int = 50) -> list[dict[str, Any]]:
        """Actors of the matching events, most events first."""
        return self._select(
            EventQuery.of(flt).also("a.name IS NOT NULL"),
            "a.name, a.country, a.sector, count(DISTINCT (e.article_id, e.id)) AS events,"
            " count(DISTINCT e.article_id) AS articles,"
            " count(DISTINCT CASE WHEN a.role = 'source' THEN (e.article_id, e.id) END) AS as_source,"
            " count(DISTINCT CASE WHEN a.role = 'target' THEN (e.article_id, e.id) END) AS as_target,"
            " string_agg(DISTINCT e.type, ', ' ORDER BY e.type) AS types",
            source=ACTORS,
            group_by="a.name, a.country, a.sector",
            order_by="events DESC, a.name",
            limit=limit,
        )

    def top_places(self, flt: EventFilter, limit: int = 50) -> list[dict[str, Any]]:
        """Places of the matching events, most events first."""
        return self._select(
            EventQuery.of(flt).also("e.place_name IS NOT NULL"),
            "e.place_name AS name, e.country, e.admin1, min(e.lat) AS lat, min(e.lon) AS lon,"
            " count(*) AS events, sum(coalesce(e.fatalities, 0)) AS fatalities",
            group_by="e.place_name, e.country, e.admin1",
            order_by="events DESC, name",
            limit=limit,
        )

    def stats(self, flt: EventFilter) -> dict[str, Any]:
        """Totals and breakdowns of the matching events."""
        query = EventQuery.of(flt)
        row = self.con.execute(
            *query.sql(
                "count(*), count(DISTINCT e.article_id), count(e.lat), sum(coalesce(e.fatalities, 0)),"
                " min(e.date_from), max(e.date_to)"
            )
        ).fetchone()
        assert row is not None, "an aggregate returns one row"
        out: dict[str, Any] = {
            "events": row[0],
            "articles": row[1],
            "located": row[2],
            "fatalities": int(row[3] or 0),
            "first_date": row[4],
            "last_date": row[5],
        }
        for name, column in _BREAKDOWNS:
            sql, params = query.sql(f"{column}, count(*) AS n", group_by="1", order_by="n DESC, 1")
            out[name] = {k if k is not None else "": n for k, n in self.con.execute(sql, params).fetchall()}
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
        self.con.execute(self._ddl(META))
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
            t: scalar(self.con.execute(f"SELECT count(*) FROM {t}"))  # noqa: S608 - fixed table names
            for t in ("articles", "entities", "places", "times", "quantities", "quotes", "events")
        }

    def events(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, with their actors' names."""
        return self._select(
            EventQuery.of(flt), LISTING_COLUMNS, order_by=NEWEST_FIRST, limit=flt.limit, offset=flt.offset
        )

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, in ingest order."""
        for (rec,) in self.con.execute("SELECT record FROM articles ORDER BY ingested_at, id").fetchall():
            yield json.loads(rec)
