"""Gazetteer: name normalisation, lookups and country helpers (the index is built once and cached)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.knowledge.gazetteer import country_iso2, country_iso3, get_gazetteer, normalise


@pytest.fixture(scope="session")
def gaz():
    """The process-wide gazetteer (built on first use, then loaded from the cache dir)."""
    return get_gazetteer()


@pytest.mark.parametrize("variant", ["Fallujah", "Falluja", "Al Fallujah", "al-Falluja", "FALLŪJAH", "Al-Fallūjah"])
def test_transliteration_variants_share_a_key(variant):
    assert normalise(variant) == normalise("Fallujah")


def test_normalisation_keeps_distinct_names_apart():
    assert normalise("El Paso") != normalise("Paso")  # "el" is only dropped as "el-"
    assert normalise("An Najaf") == normalise("Najaf")  # sun-letter article
    assert normalise("An Giang") != normalise("Giang")  # "an" before another letter is not an article
    assert normalise("Kirkouk") == normalise("Kirkuk")


def test_variants_resolve_to_the_same_place(gaz):
    ids = {gaz.lookup(v)[0].geonameid for v in ("Fallujah", "Falluja", "Al-Fallujah")}
    assert len(ids) == 1
    top = gaz.lookup("Falluja")[0]
    assert top.country == "IQ" and top.level == "place" and top.admin1 is not None


def test_levels_and_ids(gaz):
    florida = gaz.lookup("Florida")[0]
    assert (florida.level, florida.country, florida.geonameid) == ("admin1", "US", 4155751)
    assert florida.lat is not None and 24 < florida.lat < 31
    iraq = gaz.lookup("Iraq")[0]
    assert iraq.level == "country" and iraq.geonameid and iraq.population > 10_000_000
    west = gaz.lookup("the West")
    assert west and west[0].level == "region" and west[0].geonameid is None


def test_subdivision_names_with_type_words(gaz):
    borno = [c for c in gaz.lookup("Borno State") if c.level == "admin1"]
    assert borno and borno[0].country == "NG"
    assert any(c.level == "admin1" and c.country == "UA" for c in gaz.lookup("Donetsk Oblast"))


def test_ambiguous_name_has_several_countries(gaz):
    countries = {c.country for c in gaz.lookup("Tripoli")}
    assert {"LY", "LB"} <= countries


def test_unknown_name_has_no_candidates(gaz):
    assert gaz.lookup("Zorblaxistan") == []


def test_country_helpers(gaz):
    assert gaz.country("IQ").name == "Iraq"
    assert gaz.country("IRQ").country == "IQ"
    assert gaz.country("United Kingdom").country == "GB"
    assert gaz.country("Syrian Arab Republic").country == "SY"
    assert gaz.country("Nowhereland") is None
    assert country_iso3("ng") == "NGA" and country_iso2("LBY") == "LY"
    assert country_iso3("XX") is None
    assert gaz.country_of_demonym("Iraqi") == "IQ"


def test_short_demonyms_and_split_demonym_fields(gaz):
    # "Saudi" is from demonyms.tsv (countryinfo has only "Saudi Arabian"); "Barbudan" from a comma-joined field.
    assert gaz.country_of_demonym("Saudi") == "SA" and gaz.country_of_demonym("Saudi Arabian") == "SA"
    assert gaz.country_of_demonym("Barbudan") == "AG" and gaz.country_of_demonym("Antiguan") == "AG"


def test_demonym_file_rows_are_sourced_countries(gaz):
    from eventwire.data import read_tsv

    for row in read_tsv("demonyms.tsv"):
        assert gaz.country(row["country"]) is not None and row["source"], row


def test_admin2_and_abbreviations(gaz):
    rapides = gaz.lookup("Rapides Parish")[0]
    assert rapides.level == "admin2" and rapides.admin1 == "Louisiana" and 30 < rapides.lat < 32
    assert gaz.lookup("Calif.")[0].admin1 == "California"
    assert gaz.is_abbreviation("Calif.") and not gaz.is_abbreviation("Calif")
    assert gaz.lookup("U.S.")[0].country == "US"


def test_admin1_centre_is_the_middle_of_its_area(gaz):
    texas = next(c for c in gaz.lookup("Texas") if c.level == "admin1")
    # The population-weighted mean would sit near Dallas-Houston; the area's middle is west of 98.5 W.
    assert texas.lon < -98.5 and 29 < texas.lat < 33


def test_populated_point_lies_where_the_people_live(gaz):
    ontario = next(c for c in gaz.lookup("Ontario") if c.level == "admin1")
    lat, lon = gaz.populated_point(ontario)
    assert 42 < lat < 45 and -81 < lon < -78  # the Toronto region, far south of the area's middle
    assert gaz.populated_point(next(c for c in gaz.lookup("Nairobi") if c.level == "place")) is None


def test_bare_county_names_and_country_aliases(gaz):
    # "DeKalb" may mean DeKalb County, as an alternate name behind the town of that name.
    dekalb = gaz.lookup("DeKalb")
    assert dekalb[0].level == "place" and dekalb[0].primary
    assert any(c.level == "admin2" and c.admin1 == "Georgia" and not c.primary for c in dekalb)
    assert any(c.level == "country" and c.country == "MM" for c in gaz.lookup("Burma"))
    assert gaz.lookup("NSW")[0].admin1 == "New South Wales"


def test_oceans_seas_and_great_lakes_are_regions(gaz):
    for name in ("Indian Ocean", "Lake Erie", "the Atlantic Ocean", "Caribbean Sea", "Pacific Northwest"):
        best = gaz.lookup(name)[0]
        assert best.level == "region" and best.lat is not None, name


def test_bare_pacific_has_the_ocean_among_its_readings(gaz):
    assert any(c.name == "Pacific Ocean" and c.level == "region" for c in gaz.lookup("Pacific"))


def test_subdivision_without_an_admin1_code_is_centred_on_its_places(gaz):
    # Irish counties sit under provinces in GeoNames, so no admin1 code groups their towns.
    mayo = next(c for c in gaz.lookup("County Mayo") if c.level == "admin1")
    assert mayo.country == "IE" and mayo.lat is not None
    assert 53.4 < mayo.lat < 54.4 and -10.2 < mayo.lon < -8.7


def test_sparse_north_provinces_are_centred_on_their_area(gaz):
    # Ontario's towns crowd its south; the middle of its towns would sit near Sudbury, not mid-province.
    ontario = next(c for c in gaz.lookup("Ontario") if c.level == "admin1" and c.country == "CA")
    assert 48.5 < ontario.lat < 50.5


def test_abbreviated_generic_words_meet_their_full_forms():
    assert normalise("Mt. Pleasant") == normalise("Mount Pleasant")
    assert normalise("St. Paul") == normalise("Saint Paul")
    assert normalise("Sault Ste. Marie") == normalise("Sault Sainte Marie")
    assert normalise("Ft. Wayne") == normalise("Fort Wayne")


def test_former_provinces_of_kenya_are_regions(gaz):
    # Kenya's eight provinces (1963-2013) are no longer ISO 3166-2 subdivisions, but news still names them.
    for name in ("Nyanza Province", "Nyanza", "Rift Valley", "North Eastern Province"):
        best = next(c for c in gaz.lookup(name) if c.level == "region")
        assert best.countries == ("KE",) and -2 < best.lat < 4 and 33 < best.lon < 42, name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_normalise_takes_the_same_path_for_plain_ascii_as_for_accented_text(text: str) -> None:
    """Plain ASCII skips Unicode decomposition; an accented letter must normalise as its plain letter does."""
    assert normalise(text + "\u00e9") == normalise(text + "e")


def test_writing_the_index_drops_older_versions_only(tmp_path):
    from eventwire.knowledge.gazetteer import CACHE_VERSION
    from eventwire.knowledge.gazetteer.cache import write_cache

    (tmp_path / "gazetteer-v1.pickle").write_bytes(b"old")
    (tmp_path / f"gazetteer-v{CACHE_VERSION - 1}.bin").write_bytes(b"old")
    (tmp_path / f"gazetteer-v{CACHE_VERSION + 1}.bin").write_bytes(b"a newer install's")
    (tmp_path / "gazetteer-notes.txt").write_bytes(b"not ours")
    current = tmp_path / f"gazetteer-v{CACHE_VERSION}.bin"
    write_cache(current, b"packed")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [current.name, f"gazetteer-v{CACHE_VERSION + 1}.bin", "gazetteer-notes.txt"]
    )
    assert current.read_bytes() == b"packed"


def test_packed_index_reads_back_what_was_built():
    from eventwire.knowledge.gazetteer.packed import PackedIndex, pack

    entries = [
        (3041565, "Andorra", "AD", None, 42.513, 1.565, 0, 77006),
        (None, "Lake Baikal", None, None, 53.5, 108.0, 4, 0),
        (12, "Zürich", "CH", "Zürich", None, None, 3, 5),
        (13, "Zurich", "CH", "Zürich", 47.36667, 8.55, 3, 0),
    ]
    index = {"andorra": 0, "lake baikal": 1, "zurich": (2, 3), "abbr:and": 0, "züri": (3, 2)}
    tables = {"version": 1, "sources": {}, "countries": {"AD": 0}, "iso3": {"AND": "AD"}, "demonyms": {}}
    tables |= {"place_demonyms": {}, "regions": {1: ("RU",)}, "capitals": frozenset([0]), "populated": {}}
    packed = PackedIndex(pack({**tables, "entries": entries, "index": index}))
    assert len(packed) == 4 and [packed.entry(r) for r in range(4)] == entries
    assert repr([packed.entry(r) for r in range(4)]) == repr(entries)  # floats stay floats, None stays None
    assert [packed.refs(k) for k in index] == [[0], [1], [2, 3], [0], [3, 2]]  # entry order kept
    assert packed.refs("zorblax") is None and "zurich" in packed and "zuri" not in packed
    assert packed.refs("x\ud800") is None  # a lone surrogate from hostile text is no error
    assert {k: packed.tables[k] for k in tables} == tables


@pytest.mark.parametrize(
    "blob", [b"", b"EWGAZ", b"not a packed index at all, only text", b"EWGAZ\x00\x01\x00" + bytes(8)]
)
def test_a_damaged_cache_file_is_built_again(tmp_path, blob):
    from eventwire.knowledge.gazetteer.cache import load_cached

    path = tmp_path / "gazetteer.bin"
    path.write_bytes(blob)
    assert load_cached(path) is None
    assert load_cached(tmp_path / "missing.bin") is None


def test_a_cut_short_cache_file_is_built_again(tmp_path):
    from eventwire.knowledge.gazetteer.cache import load_cached
    from eventwire.knowledge.gazetteer.packed import pack

    tables = {"version": 1, "sources": {}, "countries": {}, "iso3": {}, "demonyms": {}, "place_demonyms": {}}
    tables |= {"regions": {}, "capitals": frozenset(), "populated": {}}
    blob = pack({**tables, "entries": [(1, "A", "AD", None, 1.0, 2.0, 0, 3)], "index": {"a": 0}})
    # Drop the last byte of the sections and move the header (at the end) up to meet them.
    start = int.from_bytes(blob[8:16], "little")
    path = tmp_path / "gazetteer.bin"
    path.write_bytes(blob[:8] + (start - 1).to_bytes(8, "little") + blob[16 : start - 1] + blob[start:])
    assert load_cached(path) is None
    path.write_bytes(blob[:20])  # cut inside the sections: the header's offset points past the end
    assert load_cached(path) is None


@pytest.mark.parametrize(
    "name", ["Abidjan Autonomous District", "Ningxia Hui Autonomous Region", "Afar Regional State"]
)
def test_type_words_strip_the_same_under_every_hash_seed(name):
    import json
    import os
    import subprocess
    import sys

    kind = " ".join(name.split()[-2:])
    code = f"from eventwire.knowledge.gazetteer.names import strip_type; print(strip_type({name!r}, {kind!r}))"
    seen = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        seen.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout.strip())
    expected = {"Abidjan Autonomous District": "Abidjan"}.get(name, " ".join(name.split()[:-1]))
    assert seen == {expected}, json.dumps(sorted(seen))


def test_country_point_meets_both_conventions_when_it_can():
    from eventwire.knowledge.gazetteer import haversine_km
    from eventwire.knowledge.gazetteer.country_points import area_centroid, reference_point

    square = {"features": [{"geometry": {"type": "Polygon", "coordinates": [[[10, 0], [12, 0], [12, 2], [10, 2]]]}}]}
    lat, lon = area_centroid(square)
    assert lat == pytest.approx(1.0) and lon == pytest.approx(11.0)
    # Two islands: the larger weighs more.
    two = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [
        [[[0, 0], [4, 0], [4, 4], [0, 4]]], [[[10, 0], [11, 0], [11, 1], [10, 1]]]]}}]}  # fmt: skip
    assert area_centroid(two)[1] < 3.0 and area_centroid(None) is None
    near, far = (35.0, 105.0), (36.5, 103.9)
    mid = reference_point(near, far)
    assert haversine_km(*mid, *near) <= 161 and haversine_km(*mid, *far) <= 161
    assert reference_point((0.0, 25.0), (-2.9, 23.6)) == (0.0, 25.0)  # 355 km apart: the Factbook point stays
    assert reference_point((0.0, 25.0), None) == (0.0, 25.0)


def test_large_countries_lie_between_factbook_point_and_area_centroid(gaz):
    from eventwire.knowledge.gazetteer import haversine_km

    china = gaz.country("CN")
    assert haversine_km(china.lat, china.lon, 35.0, 105.0) < 161
