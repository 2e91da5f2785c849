"""Store: records in an embedded DuckDB file, one transaction per article, idempotent by article id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

SCHEMA_VERSION = 1

_DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
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


def _iso2(country: str) -> tuple[str | None, str | None]:
    """ISO alpha-2 and alpha-3 for a country code or name, when pycountry knows it."""
    import pycountry

    try:
        c = pycountry.countries.lookup(country)
    except LookupError:
        return None, None
    return c.alpha_2, c.alpha_3


class Store:
    """A DuckDB file holding the tables of DESIGN.md."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open database ({str(exc).splitlines()[0]})") from None
        if not read_only:
            self._migrate()

    def _migrate(self) -> None:
        """Create tables and record the schema version."""
        for ddl in _DDL:
            self.con.execute(ddl)
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING", [str(SCHEMA_VERSION)]
        )

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        """True when the article is stored already."""
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add(self, record: dict[str, Any]) -> bool:
        """Store one record in one transaction; False when the article was already stored."""
        art = record["article"]
        if self.has_article(art["id"]):
            return False
        aid = art["id"]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "INSERT INTO articles (id, ref, title, published, url, source, language, metadata, text, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    aid,
                    art.get("ref"),
                    art.get("title"),
                    art.get("published"),
                    art.get("url"),
                    art.get("source"),
                    art.get("language"),
                    json.dumps(art.get("metadata") or {}),
                    record["text"],
                    json.dumps(record),
                ],
            )
            ents = {e["id"]: e for e in record["entities"]}
            places = {p["id"]: p for p in record["places"]}
            if ents:
                con.executemany(
                    "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            aid,
                            e["id"],
                            e["name"],
                            e["kind"],
                            e.get("country"),
                            e.get("sector"),
                            e.get("code"),
                            json.dumps(e.get("roles", [])),
                        ]
                        for e in ents.values()
                    ],
                )
                rows = [[aid, e["id"], m["start"], m["end"], m["text"]] for e in ents.values() for m in e["mentions"]]
                con.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?)", rows)
            if places:
                con.executemany(
                    "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            aid,
                            p["id"],
                            p["name"],
                            p.get("geonameid"),
                            p.get("country"),
                            p.get("admin1"),
                            p.get("lat"),
                            p.get("lon"),
                            p.get("level"),
                            json.dumps(p["mentions"]),
                        ]
                        for p in places.values()
                    ],
                )
            if record["times"]:
                con.executemany(
                    "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            aid,
                            t["id"],
                            t["type"],
                            t["value"],
                            t.get("from"),
                            t.get("to"),
                            t.get("precision"),
                            t["mention"]["start"],
                            t["mention"]["end"],
                            t["mention"]["text"],
                        ]
                        for t in record["times"]
                    ],
                )
            if record["quantities"]:
                con.executemany(
                    "INSERT INTO quantities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            aid,
                            q["id"],
                            q.get("value"),
                            q.get("low"),
                            q.get("high"),
                            q.get("approximate", False),
                            q.get("counts"),
                            q.get("role"),
                            q["mention"]["start"],
                            q["mention"]["end"],
                            q["mention"]["text"],
                        ]
                        for q in record["quantities"]
                    ],
                )
            if record["quotes"]:
                con.executemany(
                    "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            aid,
                            u["id"],
                            u["direct"],
                            u["content"]["text"],
                            u["content"]["start"],
                            u["content"]["end"],
                            (u.get("speaker") or {}).get("text"),
                            u.get("speaker_entity"),
                        ]
                        for u in record["quotes"]
                    ],
                )
            for v in record["events"]:
                p = places.get(v.get("place")) or {}
                d = v.get("date") or {}
                acled = v.get("acled") or {}
                con.execute(
                    f"INSERT INTO events VALUES ({', '.join(['?'] * 28)})",
                    [
                        aid,
                        v["id"],
                        v["type"],
                        v.get("mode"),
                        acled.get("event_type"),
                        acled.get("sub_event_type"),
                        v.get("cameo"),
                        v.get("place"),
                        p.get("name"),
                        p.get("country"),
                        p.get("admin1"),
                        p.get("lat"),
                        p.get("lon"),
                        v.get("time"),
                        d.get("from"),
                        d.get("to"),
                        d.get("precision"),
                        v.get("fatalities"),
                        v["modality"],
                        v.get("attributed_to"),
                        v["trigger"]["text"],
                        v["trigger"]["start"],
                        v["trigger"]["end"],
                        v["sentence"]["text"],
                        v["sentence"]["start"],
                        v["sentence"]["end"],
                        v.get("confidence"),
                        json.dumps(v.get("because")),
                    ],
                )
                actors = [(eid, "source") for eid in v.get("source", [])] + [
                    (eid, "target") for eid in v.get("target", [])
                ]
                for eid, role in actors:
                    e = ents.get(eid, {})
                    con.execute(
                        "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [aid, v["id"], eid, role, e.get("name"), e.get("country"), e.get("sector")],
                    )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return True

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed table names
            for t in ("articles", "entities", "places", "times", "quantities", "quotes", "events")
        }

    def events(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, with their actors' names."""
        where, params = [], []
        if flt.type:
            where.append("(upper(e.type) = upper(?) OR lower(e.acled_event_type) = lower(?))")
            params += [flt.type, flt.type]
        if flt.actor:
            where.append(
                "EXISTS (SELECT 1 FROM event_actors a WHERE a.article_id = e.article_id AND a.event_id = e.id "
                "AND (a.name ILIKE ? OR a.sector = upper(?)))"
            )
            params += [f"%{flt.actor}%", flt.actor]
        if flt.country:
            iso2, iso3 = _iso2(flt.country)
            where.append(
                "(e.country = ? OR EXISTS (SELECT 1 FROM event_actors a WHERE a.article_id = e.article_id "
                "AND a.event_id = e.id AND a.country = ?))"
            )
            params += [iso2 or flt.country.upper(), iso3 or flt.country.upper()]
        if flt.since:
            where.append("e.date_to >= ?")
            params.append(flt.since)
        if flt.until:
            where.append("e.date_from <= ?")
            params.append(flt.until)
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
