"""API security: body limits, JSON errors, tokens, closed CORS, local binding, parameterised SQL, no traversal."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from eventwire.cli.serve import serve
from eventwire.pipeline import Pipeline
from eventwire.server import MAX_BODY_BYTES, create_app
from eventwire.server.filters import event_filter
from helpers import examples_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "x'); DROP TABLE events; --",
    '" OR ""="',
    "1; DELETE FROM articles",
    "%",
    "_",
    "\\",
    "%' --",
    "') UNION SELECT id, text FROM articles --",
    "\x00",
    "Ω' OR 'a'='a",
]
FILTERS = [name for name in inspect.signature(event_filter).parameters if name not in ("since", "until")]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline) -> Path:
    return examples_store(tmp_path_factory.mktemp("apisec") / "store.duckdb", pipeline)


@pytest.fixture(scope="module")
def client(db, pipeline):
    app = create_app(db, token="s3cret-token", max_body_bytes=64 * 1024, pipeline=pipeline)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _counts(client) -> tuple[int, int]:
    stats = client.get("/api/stats").json()
    return stats["events"], stats["articles"]


# --- SQL ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("param", FILTERS)
def test_injection_strings_in_every_filter_match_nothing_and_change_nothing(client, param):
    before = _counts(client)
    assert before[0] > 0
    for value in INJECTIONS:
        for path in ("/api/events", "/api/actors", "/api/places", "/api/stats"):
            r = client.get(path, params={param: value})
            assert r.status_code == 200, (path, param, value, r.text)
            body = r.json()
            if path == "/api/events":
                assert body["total"] == 0, (param, value)
            if path == "/api/stats":
                assert body["events"] == 0, (param, value)
        r = client.get("/api/events", params={param: value, "format": "csv"})
        assert r.status_code == 200 and r.text.count("\n") <= 1
    assert _counts(client) == before


def test_injection_in_ids_dates_and_sorting(client):
    before = _counts(client)
    for value in INJECTIONS:
        quoted = quote(value, safe="")
        assert client.get(f"/api/events/{quoted}").status_code in (404, 422)
        assert client.get(f"/api/articles/{quoted}").status_code in (404, 422)
        assert client.get("/api/events", params={"since": value}).status_code == 422
        assert client.get("/api/events", params={"sort": value}).status_code == 400
        assert client.get("/api/events", params={"order": value}).status_code == 422
        assert client.get("/api/events", params={"limit": value}).status_code == 422
    assert _counts(client) == before


def test_like_wildcards_are_literal(client):
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"actor": "_"}).json()["total"] == 0


# --- requests -------------------------------------------------------------------------------------------


def test_oversized_bodies_get_413(client):
    big = json.dumps({"text": "x" * 70_000})
    r = client.post("/api/analyse", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["status"] == 413

    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    # No Content-Length: the body is counted as it streams in.
    r = client.post("/api/analyse", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    r = client.post("/api/analyse", content=b"{}", headers={"content-type": "application/json", "content-length": "x"})
    assert r.status_code in (400, 413)
    assert MAX_BODY_BYTES >= 8 * 1024 * 1024  # the default fits one article of MAX_TEXT_CHARS


def test_validation_errors_are_json_422(client):
    cases = [
        b"{not json",
        b"[]",
        json.dumps({"text": ""}).encode(),
        json.dumps({"text": 5}).encode(),
        json.dumps({"text": "ok", "published": "yesterday"}).encode(),
        b'{"text": "bad \\ud800 surrogate"}',
        b"[" * 5000 + b"]" * 5000,
    ]
    for body in cases:
        r = client.post("/api/analyse", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 422, (body[:40], r.status_code, r.text[:200])
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["message"] and "Traceback" not in r.text


def test_write_endpoint_needs_the_bearer_token(client):
    article = {"text": "Police arrested 12 protesters in the capital on Monday.", "published": "2024-05-06"}
    before = _counts(client)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret-token"}, {"Authorization": ""}):
        r = client.post("/api/articles", json=article, headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert _counts(client) == before
    ok = client.post("/api/articles", json=article, headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code in (200, 201)


def test_cors_is_closed_by_default(client):
    origin = {"Origin": "http://evil.example"}
    r = client.get("/api/events", headers=origin)
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = client.options(
        "/api/articles",
        headers={**origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"},
    )
    assert "access-control-allow-origin" not in pre.headers and pre.status_code >= 400


def test_serves_this_machine_only_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


# --- static files ---------------------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../server/__init__.py",
    "/static/../../pyproject.toml",
    "/static/%2e%2e/server/__init__.py",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2fserver/__init__.py",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%252e%252e/server/__init__.py",
    "/static/..%5cserver/__init__.py",
    "/static/....//....//etc/passwd",
    "/static//etc/passwd",
    "/static/%00../server/__init__.py",
    "/static/..;/server/__init__.py",
    "/..%2f..%2fetc/passwd",
    "/docs-static/../server/__init__.py",
    "/docs-static/%2e%2e/%2e%2e/fastapi/__init__.py",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_static_files_cannot_escape_their_directory(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404, 405), (path, r.status_code)
    assert "root:" not in r.text and "def create_app" not in r.text and "[project]" not in r.text


def test_static_files_still_served(client):
    r = client.get("/static/app.js")
    assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in r.headers["content-security-policy"]
