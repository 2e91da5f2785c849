"""DuckDB store: idempotent ingest, one transaction per article, filters."""

import duckdb
import pytest

from eventwire.pipeline import Pipeline
from eventwire.store import EventFilter, Store, StoreError


@pytest.fixture(scope="module")
def records():
    pipe = Pipeline()
    texts = [
        {"text": "Soldiers killed 12 rebels in clashes near Kidal on Monday.", "published": "2023-02-08"},
        {"text": "Police arrested 40 protesters in Karachi on Friday.", "published": "2023-03-04"},
    ]
    return [r.to_dict() for r in pipe.pipe(texts)]


def test_add_is_idempotent(tmp_path, records):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        assert [s.add(r) for r in records] == [True, True]
        before = s.counts()
        assert [s.add(r) for r in records] == [False, False]
        assert s.counts() == before and before["articles"] == 2 and before["events"] >= 2


def test_filters(tmp_path, records):
    with Store(tmp_path / "s.duckdb") as s:
        for r in records:
            s.add(r)
        everything = s.events(EventFilter())
        assert {e["type"] for e in s.events(EventFilter(type="COERCE"))} == {"COERCE"}
        assert all(e["date_from"].isoformat() >= "2023-03-01" for e in s.events(EventFilter(since=_d("2023-03-01"))))
        pk = s.events(EventFilter(country="Pakistan"))
        assert pk and all(e["country"] == "PK" for e in pk)
        assert len(s.events(EventFilter(limit=1))) == 1 <= len(everything)
        assert s.events(EventFilter(actor="x' OR '1'='1")) == []


def test_failed_write_leaves_no_half_article(tmp_path, records):
    bad = dict(records[0])
    bad["events"] = [{**records[0]["events"][0], "trigger": None}]
    with Store(tmp_path / "s.duckdb") as s:
        with pytest.raises(TypeError):
            s.add(bad)
        assert s.counts()["articles"] == 0 and s.counts()["entities"] == 0
        assert s.add(records[0]) is True


def test_unopenable_database_is_named(tmp_path):
    path = tmp_path / "not-a-db.duckdb"
    path.write_text("this is not a database")
    with pytest.raises(StoreError, match="not-a-db.duckdb"):
        Store(path)


def _d(s):
    from datetime import date

    return date.fromisoformat(s)


def test_duckdb_tables(tmp_path):
    with Store(tmp_path / "t.duckdb"):
        pass
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    expected = {"articles", "entities", "mentions", "places", "times", "quantities", "quotes", "events", "event_actors"}
    assert expected <= tables


def test_migrations_bring_an_old_database_up_to_date(tmp_path):
    from eventwire.store import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for sql in MIGRATIONS[1]:
        con.execute(sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION >= 2
        indexes = {r[0] for r in s.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
        assert "events_date" in indexes


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    with Store(path) as s:
        s.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer eventwire"):
        Store(path)


def test_rows_fill_the_columns_the_migrations_build(tmp_path):
    """The columns derived from the analysis declarations are the columns of a migrated database, type for type:
    a stored field declared without its migration (or a migration without its field) fails here."""
    from eventwire.record import Record
    from eventwire.store.rows import TABLES, record_rows, table_columns
    from test_record_schema import hand_built_analysis

    with Store(tmp_path / "c.duckdb") as s:
        built = {
            table: dict(
                s.con.execute(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                    " ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            )
            for table in TABLES
        }
    assert built["articles"].pop("ingested_at") == "TIMESTAMP"  # filled by the database
    assert built == table_columns()
    rows = record_rows(Record.from_analysis(hand_built_analysis()).to_dict())
    for table in TABLES:
        assert rows[table], table
        assert all(set(row) == set(table_columns()[table]) for row in rows[table]), table


def test_one_query_builder_keeps_values_out_of_the_sql():
    from eventwire.store.queries import EventQuery

    flt = EventFilter(text="x' OR '1'='1", actor="50%", country="Pakistan", limit=5, offset=10)
    sql, params = EventQuery.of(flt).also("e.lat IS NOT NULL").sql("count(*)", order_by="1", limit=5, offset=10)
    assert "'1'='1" not in sql and "50" not in sql and "Pakistan" not in sql
    assert sql.startswith("SELECT count(*) FROM events e JOIN articles ar ON ar.id = e.article_id WHERE ")
    assert sql.endswith(" AND e.lat IS NOT NULL ORDER BY 1 LIMIT ? OFFSET ?")
    assert sql.count("?") == len(params) and params[-2:] == [5, 10] and "%50\\%%" in params
    assert EventQuery().sql("1") == ("SELECT 1 FROM events e JOIN articles ar ON ar.id = e.article_id", [])


def test_listing_and_pages_select_the_same_events(tmp_path, records):
    with Store(tmp_path / "s.duckdb") as s:
        s.add_many(records)
        for flt in (EventFilter(), EventFilter(country="Pakistan"), EventFilter(text="rebels"), EventFilter(limit=1)):
            listed = [(e["article_id"], e["id"]) for e in s.events(flt)]
            paged = [(e["article_id"], e["event_id"]) for e in s.search_events(flt)[1]]
            exported = [(e["article_id"], e["event_id"]) for e in s.event_rows(flt)]
            assert listed == paged and sorted(listed) == sorted(exported)[: flt.limit]
            assert listed or flt.text
