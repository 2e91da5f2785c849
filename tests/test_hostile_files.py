"""Hostile files: odd encodings, dangerous HTML, damaged gzip, broken JSONL lines: handled or named clearly."""

from __future__ import annotations

import gzip
import json

import pytest
from typer.testing import CliRunner

from eventwire.ingest import iter_items, kind_of, read_stdin
from eventwire.ingest.html import plain_text

BODY = (
    "Separatist fighters clashed with government forces in the port city on Saturday, killing at least eight "
    "people, medical sources said. The fighting spread to several districts."
)


def _items(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return list(iter_items([p]))


# --- encodings ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Caf\xe9 bombing in Alg\xe9rie kills three, the minist\xe8re said. " * 3, "latin-1"),
        ("Полиция задержала в понедельник демонстрантов в столице, сообщили власти. " * 3, "cp1251"),
        ("Soldiers fired on protesters – “three killed”, officials said. " * 3, "utf-16"),
    ],
)
def test_legacy_encodings_are_detected_and_decoded(tmp_path, text, encoding):
    [item] = _items(tmp_path, "a.txt", text.encode(encoding))
    assert item.error is None, item.error
    assert item.article.text.strip() == text.strip()
    assert item.article.metadata["encoding"]


def test_mixed_encodings_decode_line_by_line(tmp_path):
    data = "Soldiers entered the café district on Monday.\n".encode() + "Residents fled the caf\xe9s.\n".encode(
        "cp1252"
    )
    [item] = _items(tmp_path, "mixed.txt", data)
    assert item.article.text == "Soldiers entered the café district on Monday.\nResidents fled the cafés.\n"
    assert item.article.metadata["encoding"].startswith("mixed: utf-8")


def test_given_encoding_wins_and_a_wrong_one_is_named(tmp_path):
    p = tmp_path / "k.txt"
    p.write_bytes("Полиция задержала демонстрантов.".encode("koi8-r"))
    [item] = list(iter_items([p], encoding="koi8-r"))
    assert item.article.text == "Полиция задержала демонстрантов."
    [bad] = list(iter_items([p], encoding="no-such-codec"))
    assert str(p) in str(bad.error) and "no-such-codec" in str(bad.error)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"  \n", "file is empty"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("bad16.txt", b"\xff\xfe" + b"\x00\xd8", "not valid utf-16"),
    ],
)
def test_unreadable_files_are_named(tmp_path, name, data, problem):
    [item] = _items(tmp_path, name, data)
    assert item.article is None
    assert str(tmp_path / name) in str(item.error) and problem in str(item.error)


# --- HTML -----------------------------------------------------------------------------------------------


def _page(inner: str) -> bytes:
    return f"<html><head><title>Clashes</title></head><body><article>{inner}</article></body></html>".encode()


def test_scripts_frames_and_handlers_never_reach_the_text(tmp_path):
    html = _page(
        f"<p>{BODY}</p><script>alert('x')</script><iframe src='http://example.invalid/'>frame fallback</iframe>"
        "<img src=x onerror=alert(2)><object data='x.swf'>object fallback</object><noscript>enable js</noscript>"
        "<style>p { color: red }</style><svg><script>alert(3)</script></svg>"
    )
    [item] = _items(tmp_path, "p.html", html)
    text = item.article.text
    assert "Separatist fighters" in text
    for bad in ("alert", "frame fallback", "object fallback", "enable js", "color", "onerror"):
        assert bad not in text


def test_deep_nesting_is_read(tmp_path):
    html = "<html><body>" + "<div>" * 60_000 + f"<p>{BODY}</p>" + "</div>" * 60_000 + "</body></html>"
    [item] = _items(tmp_path, "deep.html", html.encode())
    assert item.error is None and "Separatist fighters" in item.article.text


def test_entity_bombs_and_external_entities_are_not_expanded(tmp_path):
    lol = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    bomb = f"<!DOCTYPE html [{lol}<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>".encode()
    html = bomb + _page(f"<p>{BODY}</p><p>&i; &xxe;</p>")
    [item] = _items(tmp_path, "bomb.html", html)
    assert item.error is None
    assert "Separatist fighters" in item.article.text
    assert "lollol" not in item.article.text and "root:" not in item.article.text
    assert len(item.article.text) < 1000


def test_html_without_text_is_named(tmp_path):
    [item] = _items(tmp_path, "empty.html", b"<html><body><script>var a = 1;</script><div></div></body></html>")
    assert "no article text" in str(item.error) and "empty.html" in str(item.error)


def test_plain_text_fallback_keeps_paragraphs():
    assert plain_text("<p>One <b>two</b></p><p>three<script>x()</script></p>") == "One two\n\nthree"


# --- gzip -----------------------------------------------------------------------------------------------


def test_gzip_inputs_are_read(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(BODY.encode()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(_page(f"<p>{BODY}</p>")))
    lines = "\n".join(json.dumps({"id": i, "text": BODY}) for i in range(3))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    (tmp_path / "ignored.bin.gz").write_bytes(gzip.compress(b"x"))
    items = list(iter_items([tmp_path]))
    assert all(i.error is None for i in items)
    assert [i.where.rsplit("/", 1)[-1] for i in items] == [
        "a.txt.gz",
        "b.html.gz",
        *[f"c.jsonl.gz:{n}" for n in (1, 2, 3)],
    ]
    assert kind_of(tmp_path / "c.jsonl.gz") == "jsonl" and kind_of(tmp_path / "x.gz") is None


def test_truncated_gzip_is_named(tmp_path):
    whole = gzip.compress((BODY * 50).encode())
    [item] = _items(tmp_path, "cut.txt.gz", whole[: len(whole) // 2])
    assert item.article is None and "cut.txt.gz" in str(item.error) and "truncated" in str(item.error)
    [item] = _items(tmp_path, "notgz.txt.gz", b"plain text pretending")
    assert item.article is None and "gzip" in str(item.error)


def test_truncated_jsonl_gzip_keeps_whole_lines_and_names_the_damage(tmp_path):
    lines = "\n".join(json.dumps({"id": i, "text": f"{BODY} ({i})"}) for i in range(400)).encode()
    whole = gzip.compress(lines)
    items = _items(tmp_path, "cut.jsonl.gz", whole[: len(whole) * 2 // 3])
    good = [i for i in items if i.article is not None]
    bad = [i for i in items if i.error is not None]
    assert len(good) > 50
    assert [i.article.ref for i in good] == [str(n) for n in range(len(good))]
    assert any("truncated" in str(i.error) for i in bad)
    assert all("cut.jsonl.gz" in str(i.error) for i in bad)


def test_gzip_on_stdin():
    [item] = list(read_stdin(gzip.compress(BODY.encode())))
    assert item.article.text == BODY


# --- JSONL ----------------------------------------------------------------------------------------------


def test_broken_jsonl_lines_are_named_and_the_rest_read(tmp_path):
    lines = [
        json.dumps({"id": "ok1", "text": BODY}).encode(),
        b'{"id": "cut", "text": "Soldiers ente',
        b"\xff\xfe not utf-8 \x81",
        b"[1, 2, 3]",
        b"[" * 100_000,
        json.dumps({"id": "t", "text": BODY, "title": ["not", "a", "string"]}).encode(),
        json.dumps({"id": "ok2", "text": BODY, "language": "EN"}).encode(),
        b"",
        json.dumps({"text": "\u0000\u200b" + BODY}).encode(),
    ]
    items = _items(tmp_path, "in.jsonl", b"\n".join(lines))
    by_line = {int(i.where.rsplit(":", 1)[1]): i for i in items}
    assert sorted(by_line) == [1, 2, 3, 4, 5, 6, 7, 9]
    assert by_line[1].article.ref == "ok1" and by_line[7].article.ref == "ok2"
    assert by_line[9].article is not None
    assert "not valid JSON" in str(by_line[2].error)
    assert "UTF-8" in str(by_line[3].error)
    assert "JSON object" in str(by_line[4].error)
    assert by_line[5].error is not None
    assert "'title' must be a string" in str(by_line[6].error)
    assert all(f"in.jsonl:{n}" in str(by_line[n].error) for n in (2, 3, 4, 5, 6))


def test_ingest_skips_bad_items_and_summarises(tmp_path):
    from eventwire import cli

    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(BODY)
    (src / "bad.txt").write_bytes(b"")
    (src / "lines.jsonl").write_text(json.dumps({"text": BODY + " Again."}) + "\n{oops\n")
    (src / "cut.txt.gz").write_bytes(gzip.compress(BODY.encode())[:20])
    result = CliRunner().invoke(cli.app, ["ingest", str(src), "--db", str(tmp_path / "s.duckdb")])
    out = " ".join(result.output.split())
    assert result.exit_code == 0, out
    assert "2 stored" in out and "3 skipped (bad input)" in out
    for name in ("bad.txt: file is empty", "lines.jsonl:2: not valid JSON", "cut.txt.gz: gzip file is truncated"):
        assert name in out
