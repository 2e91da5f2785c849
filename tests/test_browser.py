"""The dashboard in a real headless Chromium (Debian's ``chromium``, driven by Playwright), against a live server.

Screenshots go to ``$EVENTWIRE_ARTIFACTS`` (default ``artifacts/screenshots/`` in the repository).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from eventwire.ingest import expand, iter_items
from eventwire.pipeline import Pipeline
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHOTS = Path(os.environ.get("EVENTWIRE_ARTIFACTS") or ROOT / "artifacts" / "screenshots")
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = (
    "Police arrested 5 protesters in Nairobi on Monday, a police spokesman said.\n\n"
    '<script>window.__pwned = "script";</script> <img src="x" onerror="window.__pwned = \'img\'"> '
    "<b>bold</b> & more."
)

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright (pip install playwright)")
if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium, or set EVENTWIRE_CHROMIUM)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A uvicorn server in a thread on a free port, over a store of examples/ and one hostile article."""
    import uvicorn

    from eventwire.server import create_app

    db = tmp_path_factory.mktemp("browser") / "dash.duckdb"
    articles = [i.article for i in iter_items(expand([EXAMPLES]), None)]
    with Store(db) as store:
        for record in Pipeline().pipe([*articles, {"text": HOSTILE, "published": "2024-06-04", "title": "<i>t</i>"}]):
            store.add(record.to_dict())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(db, read_only=True), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # an unusable Chromium is a skip with its reason, never a silent pass
            pytest.skip(f"cannot start Chromium at {CHROMIUM}: {str(exc).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that records errors and every request, so tests can check nothing left this machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors, pg.requests = [], []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


def _get(url: str, **params: object) -> dict:
    """JSON from the test server."""
    with urllib.request.urlopen(f"{url}?{urllib.parse.urlencode(params)}", timeout=30) as r:
        return json.load(r)


def _wait_rows(pg, condition: str) -> None:
    """Wait until the events view has loaded and its table's row count ``n`` meets ``condition`` (JS)."""
    # A function, not a bare expression: the dashboard's CSP forbids evaluating strings.
    pg.wait_for_function(
        "() => { if (document.body.dataset.loaded !== 'events') return false;"
        f" const n = document.querySelectorAll('#events-table tbody tr').length; return {condition}; }}",
        timeout=20_000,
    )


def _loaded(pg, view: str) -> None:
    pg.wait_for_selector(f"body[data-loaded={view}]", timeout=20_000)


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name), full_page=True)


def test_map_shows_a_point_per_located_event(page, server):
    page.goto(server + "/")
    _loaded(page, "events")
    geo = _get(server + "/api/events", format="geojson", limit=10000)
    ids = sorted(page.locator("circle.point").evaluate_all("els => els.map(e => e.dataset.eventId)"))
    assert ids and ids == sorted(f["id"] for f in geo["features"])
    assert page.locator("path.country").count() > 100
    assert page.locator("#timeline rect.bar").count() > 0
    total = _get(server + "/api/events")["total"]
    assert page.locator("#events-table tbody tr").count() == min(total, 50)
    _shot(page, "events.png")
    assert not page.errors, page.errors
    assert all(url.startswith(server) or url.startswith("data:") for url in page.requests), page.requests


def test_filters_change_the_table(page, server):
    page.goto(server + "/")
    _loaded(page, "events")
    before = page.locator("#events-table tbody tr").count()
    page.select_option("select[name=type]", "PROTEST")
    _wait_rows(page, f"n < {before}")
    types = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert types and set(types) == {"PROTEST"}
    assert page.locator("circle.point").count() == len(types)
    _shot(page, "events-filtered.png")
    page.locator("th[data-sort=fatalities]").click()
    page.wait_for_selector("th.sorted-desc[data-sort=fatalities]")
    assert not page.errors, page.errors


def test_article_view_highlights_spans(page, server):
    page.goto(server + "/")
    _loaded(page, "events")
    page.locator("th[data-sort=fatalities]").click()
    page.wait_for_selector("th.sorted-desc[data-sort=fatalities]")
    _loaded(page, "events")
    page.locator("#events-table tbody tr").first.click()
    _loaded(page, "article")
    text = page.locator("#article-text")
    for kind in ("entity", "place", "time", "quantity", "trigger"):
        assert text.locator(f".hl-{kind}").count() > 0, kind
    assert page.locator("#article-events li.selected").count() == 1
    linked = text.locator(".linked").all_inner_texts()
    assert any(t.strip() for t in linked)
    assert text.locator(".hl-trigger.linked").count() >= 1 and text.locator(".in-sentence").count() >= 1
    page.locator("#article-text .hl-place").first.click()
    assert "place" in page.locator("#article-detail").inner_text()
    _shot(page, "article.png")
    assert not page.errors, page.errors


def test_hostile_article_runs_nothing(page, server):
    page.goto(server + "/")
    _loaded(page, "events")
    page.fill("input[name=q]", "protesters in Nairobi on Monday")
    page.press("input[name=q]", "Enter")
    _wait_rows(page, "n === 1")
    page.locator("#events-table tbody tr").first.click()
    _loaded(page, "article")
    text = page.locator("#article-text")
    assert "<script>" in text.inner_text() and "onerror" in text.inner_text()
    assert text.locator("script, img, b").count() == 0
    assert page.locator("#article-title").inner_text() == "<i>t</i>"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    _shot(page, "article-hostile.png")
    assert not page.errors, page.errors


def test_actor_view_filters_events(page, server):
    page.goto(server + "/#/actors")
    _loaded(page, "actors")
    rows = page.locator("#actors-table tbody tr")
    assert rows.count() > 0 and page.locator("#places-table tbody tr").count() > 0
    _shot(page, "actors.png")
    name = rows.first.get_attribute("data-actor")
    rows.first.locator("td").first.click()
    _loaded(page, "events")
    assert page.input_value("input[name=actor]") == name
    assert 0 < page.locator("#events-table tbody tr").count()
    assert not page.errors, page.errors
