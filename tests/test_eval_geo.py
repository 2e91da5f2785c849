"""Geoparsing evaluation: the LGL/GeoVirus readers and metrics, and a guard on a fixed slice of the gold."""

from __future__ import annotations

import pytest

from eventwire.evaluate.geo import (
    GoldDoc,
    GoldToponym,
    SystemToponym,
    error_auc,
    haversine_km,
    parse_gold,
    score_docs,
)

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><text><![CDATA[Rain hit Springfield and Nowhere.]]></text>
<toponyms><toponym><start>9</start><end>20</end><phrase>Springfield</phrase>
<gaztag geonameid="4250542"><lat>39.80</lat><lon>-89.64</lon></gaztag></toponym>
<toponym><start>25</start><end>32</end><phrase>Nowhere</phrase></toponym></toponyms></article></articles>
"""
GEOVIRUS = """<articles><article><source>x</source><text>Flu in Lima.</text><locations>
<location><name>Lima</name><start>8</start><end>12</end><lat>-12.05</lat><lon>-77.04</lon></location>
</locations></article></articles>
"""


def test_formats_are_detected_and_offsets_aligned(tmp_path):
    lgl, gv = tmp_path / "a.xml", tmp_path / "b.xml"
    lgl.write_text(LGL, encoding="utf-8")
    gv.write_text(GEOVIRUS, encoding="utf-8")
    fmt, docs = parse_gold(lgl)
    assert fmt == "lgl" and docs[0].ref == "7"
    spring, nowhere = docs[0].toponyms
    assert spring.geonameid == 4250542 and spring.lat == pytest.approx(39.8) and nowhere.lat is None
    fmt, docs = parse_gold(gv)
    lima = docs[0].toponyms[0]
    # GeoVirus offsets count from 1; the reader re-aligns them on the name.
    assert fmt == "geovirus" and docs[0].text[lima.start : lima.end] == "Lima"


def test_scores_count_misses_and_unresolved():
    doc = GoldDoc("1", "x" * 100, [GoldToponym(0, 5, "a", 0.0, 0.0), GoldToponym(10, 15, "b", 10.0, 10.0)])
    doc.toponyms.append(GoldToponym(20, 25, "c", 0.0, 0.0))
    system = [SystemToponym(0, 5, 0.5, 0.5), SystemToponym(10, 15, None, None), SystemToponym(50, 55, 1.0, 1.0)]
    r = score_docs([doc], [system])
    assert (r["gold_toponyms"], r["detected"]) == (3, 2)
    assert r["acc161_gold"] == pytest.approx(1 / 3, abs=1e-3) and r["acc161_detected"] == 0.5
    assert r["system_precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)
    assert error_auc([0.0, 0.0]) == 0.0 and error_auc([20039.0]) == pytest.approx(1.0)


def test_demonym_mentions_count_as_toponyms_unless_places_only():
    from types import SimpleNamespace

    from eventwire.analysis import Span
    from eventwire.evaluate.geo import system_toponyms

    place = SimpleNamespace(mentions=[Span(10, 15, "Basra")], lat=30.5, lon=47.8)
    people = SimpleNamespace(mentions=[Span(0, 5, "Iraqi"), Span(30, 36, "Iraqis")], lat=33.0, lon=44.0)
    analysis = SimpleNamespace(places=[place], demonyms=[people])
    assert [(s.start, s.lat) for s in system_toponyms(analysis)] == [(0, 33.0), (10, 30.5), (30, 33.0)]
    assert [s.start for s in system_toponyms(analysis, demonyms=False)] == [10]


# Measured on the first 30 documents of each corpus (see the report of issue 3): LGL 0.874 / 0.939 (places
# only 0.718), GeoVirus 0.856 / 0.883; floors a little lower.
FLOORS = {
    "lgl/lgl.xml": {"acc161_gold": 0.865, "acc161_detected": 0.93, "places_only.acc161_gold": 0.71},
    "geovirus/GeoVirus.xml": {"acc161_gold": 0.85, "acc161_detected": 0.875},
}


@pytest.mark.parametrize("rel", sorted(FLOORS))
def test_guard_on_gold_slice(shared, rel):
    from eventwire.evaluate.geo import evaluate_geo

    path = shared / "eval" / "geo" / rel
    if not path.exists():
        pytest.skip(f"{path} not present")
    result = evaluate_geo(path, limit=30)
    for metric, floor in FLOORS[rel].items():
        value = result
        for part in metric.split("."):
            value = value[part]
        assert value >= floor, (metric, value, floor)
