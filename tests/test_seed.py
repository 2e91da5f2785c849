"""The founding article: its important facts come out, from general rules (skipped without ../shared)."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline
from helpers import check_record


@pytest.fixture(scope="module")
def record(shared):
    path = next((shared / "seed").glob("*.txt"))
    return Pipeline().analyse(path.read_text(encoding="utf-8")).to_dict()


def _entity(record, name):
    return next(e for e in record["entities"] if e["name"] == name)


def _names(record, ids):
    ents = {e["id"]: e["name"] for e in record["entities"]}
    return [ents[i] for i in ids]


def test_record_valid(record):
    check_record(record)
    art = record["article"]
    assert art["published"] == "2016-06-23"
    assert art["title"] == record["text"].splitlines()[0]
    assert art["metadata"]["reading_time"] == "2 min read"
    assert art["metadata"]["photo_credits"] == ["Getty"]


def test_islamic_state_is_one_entity(record):
    ent = _entity(record, "Islamic State")
    surfaces = {m["text"] for m in ent["mentions"]}
    assert {"IS", "ISIL", "Islamic State"} <= surfaces
    assert ent["kind"] == "ARMED_GROUP"
    assert sum(1 for e in record["entities"] if "Islamic State" in e["name"]) == 1


def test_brennan_with_role(record):
    ent = _entity(record, "John Brennan")
    assert ent["roles"] == ["CIA chief"] and ent["country"] == "USA" and ent["sector"] == "SPY"
    assert {m["text"] for m in ent["mentions"]} >= {"Brennan", "CIA chief John Brennan"}


def test_places(record):
    places = {p["name"]: p for p in record["places"]}
    for country, code in [("Iraq", "IQ"), ("Syria", "SY"), ("Libya", "LY")]:
        assert places[country]["level"] == "country" and places[country]["country"] == code
    fallujah = places["Fallujah"]
    assert fallujah["country"] == "IQ" and abs(fallujah["lat"] - 33.35) < 0.1 and abs(fallujah["lon"] - 43.78) < 0.1
    assert places["Florida"]["country"] == "US" and places["Florida"]["level"] == "admin1"
    # Nothing is taken from the photo credit or the reading-time line.
    furniture = record["article"]["metadata"]["furniture_spans"]
    for p in record["places"]:
        for m in p["mentions"]:
            assert not any(s < m["end"] and m["start"] < e for s, e in furniture)


def test_times(record):
    times = {t["mention"]["text"]: t for t in record["times"]}
    assert (times["Last week"]["from"], times["Last week"]["to"]) == ("2016-06-13", "2016-06-19")
    assert (times["Earlier this month"]["from"], times["Earlier this month"]["to"]) == ("2016-06-01", "2016-06-22")
    assert times["August 2014"]["value"] == "2014-08" and times["August 2014"]["precision"] == "month"


def test_quantities(record):
    found = {q["mention"]["text"]: q for q in record["quantities"]}
    by_number = {int(q["value"]) if q["value"] is not None else None: q for q in record["quantities"]}
    assert by_number[30000]["role"] == "forces"
    assert by_number[5000]["role"] == "forces" and by_number[5000]["approximate"]
    assert by_number[49]["role"] == "killed"
    hundreds = found["hundreds"]
    assert hundreds["low"] == 200 and hundreds["high"] == 999 and hundreds["role"] == "killed"


def test_quotes_attributed(record):
    brennan = _entity(record, "John Brennan")["id"]
    direct = [q for q in record["quotes"] if q["direct"]]
    assert len(direct) == 3 and all(q["speaker_entity"] == brennan for q in direct)
    officials = {e["id"] for e in record["entities"] if e["name"].startswith("US") and "officials" in e["name"]}
    reported_by_officials = [q for q in record["quotes"] if not q["direct"] and q["speaker_entity"] in officials]
    assert len(reported_by_officials) >= 2


def test_events(record):
    events = record["events"]
    attack = next(v for v in events if v["fatalities"] == 49)
    assert attack["type"] == "ASSAULT" and attack["acled"]["event_type"] == "Violence against civilians"
    places = {p["id"]: p["name"] for p in record["places"]}
    assert places[attack["place"]] == "Florida"
    demand = [v for v in events if v["type"] == "DEMAND" and "Haider al-Abadi" in _names(record, v["target"])]
    assert demand and demand[0]["modality"] == "asserted"
    killings = [v for v in events if v["type"] == "ASSAULT" and v["modality"] != "asserted" and v["fatalities"]]
    assert killings and all(v["modality"] in {"alleged", "possible", "reported"} for v in killings)
    offensive = next(v for v in events if v["time"] and v["date"]["from"] == "2014-08-01")
    assert offensive["type"] == "FIGHT" and "Islamic State" in _names(record, offensive["target"])
    for v in events:
        assert v["because"]["rule"] and v["trigger"]["text"] and v["sentence"]["text"]
