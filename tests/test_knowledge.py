"""The knowledge indexes read their data files through ``eventwire.data``; the old entry points still answer."""

from __future__ import annotations

from eventwire.data import data_text, read_json, read_tsv


def test_deprecated_aliases_read_the_same_files():
    from eventwire.knowledge.gazetteer import DATA_DIR
    from eventwire.knowledge.lexicon import read_json as lexicon_read_json

    assert (DATA_DIR / "regions.tsv").read_text(encoding="utf-8") == data_text("regions.tsv")
    assert lexicon_read_json("modality.json") == read_json("modality.json")


def test_region_rows_without_a_kind_are_regions():
    from eventwire.knowledge.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    rows = [row for row in read_tsv("regions.tsv") if not row["kind"]]
    assert rows, "regions.tsv has rows without a kind"
    for row in rows:
        assert any(c.level == "region" and c.name == row["name"] for c in gaz.lookup(row["name"])), row["name"]
