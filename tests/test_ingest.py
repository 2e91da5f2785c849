"""Readers: text, HTML, JSONL, and clear errors for bad input."""

import json
from datetime import date

import pytest

from eventwire.ingest import InputError, iter_items, parse_date


def _one(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return list(iter_items([p]))


def test_text_file(tmp_path):
    [item] = _one(tmp_path, "a.txt", b"Rebels attacked a convoy near Goma.\n")
    assert item.error is None and item.article.text == "Rebels attacked a convoy near Goma.\n"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"  \n", "file is empty"),
        ("bin.txt", b"\x89PNG\x00\x00\x01", "binary"),
        ("bad16.txt", b"\xff\xfe\x00\xd8", "not valid utf-16"),
    ],
)
def test_bad_files_named(tmp_path, name, data, problem):
    [item] = _one(tmp_path, name, data)
    assert item.article is None
    assert str(tmp_path / name) in str(item.error) and problem in str(item.error)


def test_jsonl_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Troops clashed with rebels.", "published": "2021-05-04", "title": "T"}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"text": "Protesters marched.", "published": "last week"}),
        json.dumps({"text": "Police arrested 3 men."}),
    ]
    items = _one(tmp_path, "in.jsonl", "\n".join(lines).encode())
    assert [i.where.rsplit(":", 1)[1] for i in items] == ["1", "2", "3", "4", "5"]
    assert items[0].article.ref == "a1" and items[0].article.published == date(2021, 5, 4)
    assert "not valid JSON" in str(items[1].error)
    assert "'text'" in str(items[2].error)
    assert "not a date" in str(items[3].error)
    assert items[4].article is not None


def test_html_page(tmp_path):
    html = (
        "<html><head><title>Clashes in Aden</title>"
        '<meta property="article:published_time" content="2019-08-10"></head><body><article>'
        "<h1>Clashes in Aden</h1><p>Separatist fighters clashed with government forces in Aden on Saturday, "
        "killing at least eight people, medical sources said. The fighting spread to several districts.</p>"
        "<script>alert(1)</script></article></body></html>"
    )
    [item] = _one(tmp_path, "page.html", html.encode())
    assert item.article.published == date(2019, 8, 10)
    assert "Separatist fighters" in item.article.text and "alert" not in item.article.text


def test_parse_date():
    assert parse_date("2020-01-02", "x") == date(2020, 1, 2)
    assert parse_date(None, "x") is None
    with pytest.raises(InputError, match="x: published '2020-13-45' is not a date"):
        parse_date("2020-13-45", "x")
