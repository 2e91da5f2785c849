"""The knowledge indexes read their data files through ``eventwire.data``."""

from __future__ import annotations

from eventwire.data import data_text, read_json, read_tsv


def test_data_readers_skip_comments_and_cache_json():
    text = data_text("regions.tsv")
    assert text.startswith("#")
    rows = read_tsv("regions.tsv")
    assert rows and "#" not in rows[0]["name"]
    assert read_json("modality.json") is read_json("modality.json")


def test_region_rows_without_a_kind_are_regions():
    from eventwire.knowledge.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    rows = [row for row in read_tsv("regions.tsv") if not row["kind"]]
    assert rows, "regions.tsv has rows without a kind"
    for row in rows:
        assert any(c.level == "region" and c.name == row["name"] for c in gaz.lookup(row["name"])), row["name"]
