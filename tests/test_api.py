"""HTTP API against a real DuckDB file built from examples/, through the ASGI app."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventwire.cli.serve import register
from eventwire.pipeline import Pipeline
from eventwire.server import create_app
from eventwire.store import QueryMixin
from helpers import check_record, examples_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline) -> Path:
    """A store holding the example articles (closed, so each app opens its own connection)."""
    return examples_store(tmp_path_factory.mktemp("api") / "examples.duckdb", pipeline)


@pytest.fixture(scope="module")
def client(db, pipeline):
    app = create_app(db, token="", read_only=True, pipeline=pipeline)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writable(db, pipeline, tmp_path):
    """A client over a copy of the store, with ingest guarded by a token."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)

    def make(token: str | None = None) -> TestClient:
        app = create_app(copy, token=token, pipeline=pipeline)
        return TestClient(app, raise_server_exceptions=False)

    return make


def _all(client, **params):
    body = client.get("/api/events", params={"limit": 10000, **params}).json()
    return body["events"]


def test_events_page_sort_and_total(client):
    body = client.get("/api/events").json()
    assert body["total"] == len(body["events"]) >= 5
    ids = [e["id"] for e in body["events"]]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[0-9a-f]{16}-V\d+", i) for i in ids)
    first = client.get("/api/events", params={"limit": 3, "offset": 0}).json()["events"]
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()["events"]
    assert len(first) == 3 and not {e["id"] for e in first} & {e["id"] for e in second}
    by_deaths = _all(client, sort="fatalities", order="desc")
    assert by_deaths[0]["fatalities"] == max(e["fatalities"] or 0 for e in by_deaths)
    dates = [e["date_from"] for e in _all(client, sort="date", order="asc") if e["date_from"]]
    assert dates == sorted(dates)


def test_event_filters(client):
    everything = _all(client)
    protests = _all(client, type="PROTEST")
    assert protests and {e["type"] for e in protests} == {"PROTEST"} and len(protests) < len(everything)
    kenya = _all(client, country="Kenya")
    assert kenya and {e["country"] for e in kenya} == {"KE"} and kenya == _all(client, country="KE")
    assert {e["country"] for e in _all(client, admin1=kenya[0]["admin1"])} == {"KE"}
    late = _all(client, since="2024-10-01")
    assert late and all(e["date_to"] >= "2024-10-01" for e in late)
    assert all(e["date_from"] <= "2024-05-31" for e in _all(client, until="2024-05-31"))
    acled = everything[0]["acled_event_type"] or "Battles"
    assert {e["acled_event_type"] for e in _all(client, acled_type=acled)} == {acled}
    assert {e["modality"] for e in _all(client, modality="asserted")} == {"asserted"}
    police = _all(client, actor="police")
    assert police and all("police" in (f"{e['source']} {e['target']}").lower() for e in police)
    assert _all(client, actor_sector="COP") and len(_all(client, actor_sector="COP")) < len(everything)
    searched = _all(client, q="market")
    assert searched and all("market" in (e["sentence"] + (e["title"] or "")).lower() for e in searched)
    assert _all(client, q="x' OR '1'='1") == [] and _all(client, actor="%") == []
    assert _all(client, type="NO-SUCH-TYPE") == []


def test_csv_and_geojson(client):
    total = client.get("/api/events").json()["total"]
    r = client.get("/api/events", params={"format": "csv", "limit": 10000})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and {"id", "type", "lat", "lon", "sentence"} <= rows[0].keys()
    geo = client.get("/api/events", params={"format": "geojson", "limit": 10000}).json()
    located = [e for e in _all(client) if e["lat"] is not None]
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(located)
    f = geo["features"][0]
    row = next(e for e in located if e["id"] == f["id"])
    assert f["geometry"] == {"type": "Point", "coordinates": [row["lon"], row["lat"]]}


def test_event_and_article_by_id(client):
    row = _all(client, sort="fatalities")[0]
    event = client.get(f"/api/events/{row['id']}").json()
    assert event["id"] == row["id"] and event["record_event"]["id"] == row["event_id"]
    assert event["record_event"]["trigger"]["text"] == row["trigger"]
    assert all(a["role"] in ("source", "target") for a in event["actors"])
    record = client.get(f"/api/articles/{row['article_id']}").json()
    check_record(record)
    assert record["article"]["id"] == row["article_id"]
    assert client.get(f"/api/articles/{row['article_id'][7:19]}").json() == record
    for bad in ("/api/events/nope", "/api/events/0123456789abcdef-V1", "/api/articles/sha256:00", "/api/articles/zz"):
        r = client.get(bad)
        assert r.status_code == 404 and r.json()["status"] == 404 and r.json()["message"]


def test_aggregates(client):
    events = _all(client)
    stats = client.get("/api/stats").json()
    assert stats["events"] == len(events) and sum(stats["by_type"].values()) == len(events)
    assert stats["articles"] == 5 and stats["located"] == sum(e["lat"] is not None for e in events)
    assert sum(t["events"] for t in stats["timeline"]) == sum(e["date_from"] is not None for e in events)
    assert "PROTEST" in stats["facets"]["type"]
    assert client.get("/api/stats", params={"type": "PROTEST"}).json()["by_type"] == {
        "PROTEST": len(_all(client, type="PROTEST"))
    }
    actors = client.get("/api/actors").json()["actors"]
    assert actors and all(a["events"] >= 1 and a["name"] for a in actors)
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    places = client.get("/api/places").json()["places"]
    assert places and sum(p["events"] for p in places) == sum(e["place_name"] is not None for e in events)


def test_analyse_stores_nothing(client):
    before = client.get("/api/stats").json()["events"]
    r = client.post(
        "/api/analyse", json={"text": "Police arrested 12 protesters in Lagos on Monday.", "published": "2023-05-03"}
    )
    assert r.status_code == 200
    record = r.json()
    check_record(record)
    assert any(e["type"] == "COERCE" for e in record["events"])
    assert client.get("/api/stats").json()["events"] == before


def test_ingest_needs_token_and_is_idempotent(writable):
    client = writable(token="s3cret")
    article = {"text": "Soldiers killed 9 rebels near Goma on Tuesday, the army said.", "published": "2023-04-12"}
    r = client.post("/api/articles", json=article)
    assert r.status_code == 401 and r.json()["message"] and r.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    before = client.get("/api/stats").json()["articles"]
    r = client.post("/api/articles", json=article, headers=auth)
    assert r.status_code == 201 and r.json()["stored"] == 1
    again = client.post("/api/articles", json={"articles": [article]}, headers=auth).json()
    assert again["stored"] == 0 and again["already_stored"] == 1
    many = [article, {"text": "Protesters marched in Dakar on Friday."}]
    assert client.post("/api/articles", json=many, headers=auth).json()["stored"] == 1
    assert client.get("/api/stats").json()["articles"] == before + 2
    stored = client.get(f"/api/articles/{r.json()['articles'][0]['id']}").json()
    assert stored["text"] == article["text"]


def test_ingest_without_token_and_bad_bodies(writable, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    client = writable()
    assert client.post("/api/articles", json={"text": "Police arrested two men in Lima."}).status_code == 201
    for body in ({"text": ""}, {"title": "no text"}, [], 5, [{"text": "x", "published": "2020-15-01"}]):
        r = client.post("/api/articles", json=body)
        assert r.status_code == 422 and isinstance(r.json()["message"], str), body
    r = client.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["message"]


def test_token_from_environment(db, pipeline, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TOKEN", "from-env")
    shutil.copy(db, tmp_path / "c.duckdb")
    client = TestClient(create_app(tmp_path / "c.duckdb"), raise_server_exceptions=False)
    assert client.post("/api/articles", json={"text": "Police arrested two men in Lima."}).status_code == 401


def test_read_only_refuses_ingest(client):
    r = client.post("/api/articles", json={"text": "Police arrested two men in Lima."})
    assert r.status_code == 403 and "read-only" in r.json()["message"]


def test_errors_are_json_without_traces(client, monkeypatch):
    for path, status in (
        ("/api/events?sort=nonsense", 400),
        ("/api/events?since=2024-13-01", 422),
        ("/api/events?limit=0", 422),
        ("/api/events?format=xml", 422),
        ("/api/nowhere", 404),
    ):
        r = client.get(path)
        assert r.status_code == status and r.headers["content-type"].startswith("application/json"), path
        assert r.json()["message"] and "Traceback" not in r.text
    monkeypatch.setattr(QueryMixin, "stats", lambda self, flt: (_ for _ in ()).throw(RuntimeError("secret internals")))
    r = client.get("/api/stats")
    monkeypatch.undo()
    assert r.status_code == 500 and r.json()["message"] and "secret" not in r.text and "Traceback" not in r.text


def test_docs_and_dashboard_are_local(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    if "/docs-static/" in docs.text:
        assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    index = client.get("/")
    assert index.status_code == 200 and "default-src 'self'" in index.headers["content-security-policy"]
    refs = re.findall(r'(?:src|href)="([^"]+)"', index.text)
    assert refs and all(ref.startswith(("/", "#", "data:")) for ref in refs), refs
    assert client.get("/static/app.js").status_code == 200 and client.get("/static/style.css").status_code == 200


def test_register_adds_serve():
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    r = CliRunner().invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--db" in r.output and "127.0.0.1" in r.output


def test_reads_run_side_by_side_with_a_writer(tmp_path, pipeline):
    """Readers on their own cursors see only whole articles while another thread stores new ones."""
    import threading

    texts = [f"Police arrested {n} protesters in Nairobi on Monday." for n in range(12, 20)]
    records = [r.to_dict() for r in pipeline.pipe(texts)]
    app = create_app(tmp_path / "r.duckdb")
    errors: list[str] = []
    with TestClient(app, raise_server_exceptions=False) as c:
        service = app.state.service

        def write() -> None:
            for rec in records:
                with service.lock:
                    service.store.add(rec)

        def read() -> None:
            for _ in range(20):
                r = c.get("/api/events")
                body = r.json()
                if r.status_code != 200 or body["total"] != len(body["events"]):
                    errors.append(str(body)[:200])

        threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert c.get("/api/events").json()["total"] == sum(len(r["events"]) for r in records)
