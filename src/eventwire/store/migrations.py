"""The store's schema, as versioned steps: a database at version N gets the steps N+1.. applied in order.

A step is history: add steps, never edit them. The columns the steps build must be the ones that
``eventwire.store.rows`` fills from the analysis declarations (a test compares them), so a new stored field is
one declaration in ``eventwire.analysis`` plus one step here (``ALTER TABLE ... ADD COLUMN``).
"""

from __future__ import annotations

# Version 1: the tables of DESIGN.md.
TABLES_V1 = [
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

META = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"

MIGRATIONS: dict[int, list[str]] = {
    1: TABLES_V1,
    2: [
        "CREATE INDEX IF NOT EXISTS events_date ON events (date_from)",
        "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (article_id, event_id)",
    ],
}
SCHEMA_VERSION = max(MIGRATIONS)
