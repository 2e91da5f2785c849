"""The record's one declaration (the dataclasses of eventwire.analysis) against the JSON Schema, and the record
it gives for a hand-built analysis."""

import json
import types
from dataclasses import fields
from datetime import date
from importlib import resources
from typing import Union, get_args, get_origin, get_type_hints

import pytest

from eventwire.analysis import (
    FINDINGS,
    Analysis,
    Demonym,
    Entity,
    Event,
    Place,
    Quantity,
    Quote,
    Span,
    TimeExpr,
)
from eventwire.article import Article
from eventwire.fieldspec import fact_of, is_required, record_names
from eventwire.record import ARTICLE_KEYS, Record

SCHEMA = json.loads(resources.files("eventwire.schema").joinpath("eventwire-1.schema.json").read_text())
# Fields the record carries that the schema does not name. The schema is a public contract, so naming them is a
# change of its own, not part of a refactor; remove an entry when the schema gains the field.
UNDOCUMENTED = {("entities", "aliases"), ("places", "confidence")}
# Fields of the dataclasses that stay out of the record (what a stage keeps for itself).
INTERNAL = {("entities", "because"), ("places", "population")}
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array", dict: "object"}
JSON_TYPES |= {date: "string", Span: "object", type(None): "null"}
KINDS = [(kind, cls) for kind, cls, _ in FINDINGS]


def _python_types(hint) -> set[str]:
    """The JSON types a field's values take in the record."""
    if get_origin(hint) in (Union, types.UnionType):
        return set().union(*(_python_types(arg) for arg in get_args(hint)))
    return {JSON_TYPES[get_origin(hint) or hint]}


def _resolve(prop: dict) -> dict:
    """A schema property with its ``$ref`` followed."""
    if "$ref" in prop:
        return {**SCHEMA["$defs"][prop["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in prop.items() if k != "$ref"}}
    return prop


def _schema_types(prop: dict) -> set[str]:
    """The JSON types a schema property allows."""
    prop = _resolve(prop)
    if "oneOf" in prop:
        return set().union(*(_schema_types(p) for p in prop["oneOf"]))
    if "enum" in prop:
        return {JSON_TYPES[type(v)] for v in prop["enum"]}
    return {prop["type"]} if isinstance(prop["type"], str) else set(prop["type"])


def _is_span(prop: dict) -> bool:
    """True when a schema property is a span (or null)."""
    refs = [p.get("$ref") for p in prop.get("oneOf", [prop])]
    return "#/$defs/span" in refs


def _record_fields(cls):
    """``(record key, field, type hint)`` of each record field of a finding's dataclass, in record order."""
    hints = get_type_hints(cls)
    by_name = {f.name: f for f in fields(cls)}
    return [(fact_of(by_name[n]).key or n, by_name[n], hints[n]) for n in record_names(cls)]


def _properties(kind: str) -> dict:
    return SCHEMA["properties"][kind]["items"]["properties"]


@pytest.mark.parametrize(("kind", "cls"), KINDS, ids=[k for k, _ in KINDS])
def test_record_fields_are_the_schema_fields(kind, cls):
    keys = {key for key, _, _ in _record_fields(cls)}
    assert keys - set(_properties(kind)) == {name for k, name in UNDOCUMENTED if k == kind}
    assert set(_properties(kind)) - keys == set(), "the schema names a field the dataclass does not declare"


@pytest.mark.parametrize(("kind", "cls"), KINDS, ids=[k for k, _ in KINDS])
def test_record_field_types_match_the_schema(kind, cls):
    props = _properties(kind)
    for key, _, hint in _record_fields(cls):
        if key not in props:
            continue
        prop = props[key]
        assert _python_types(hint) == _schema_types(prop), f"{kind}.{key}"
        if get_origin(hint) is list:
            [hint] = get_args(hint)
            prop = prop["items"]
            assert _python_types(hint) == _schema_types(prop), f"{kind}.{key} items"
        assert (Span in get_args(hint) or hint is Span) == _is_span(prop), f"{kind}.{key} is a span in one only"
        if date in get_args(hint):
            assert prop.get("format") == "date", f"{kind}.{key}"


@pytest.mark.parametrize(("kind", "cls"), KINDS, ids=[k for k, _ in KINDS])
def test_required_fields_are_the_schema_required(kind, cls):
    required = {key for key, f, _ in _record_fields(cls) if is_required(f)}
    assert required == set(SCHEMA["properties"][kind]["items"]["required"])


def test_every_dataclass_field_is_in_the_record_or_internal():
    for kind, cls in KINDS:
        left_out = {f.name for f in fields(cls)} - set(record_names(cls))
        assert {(kind, name) for name in left_out} <= INTERNAL, kind
    assert all(name in {f.name for f in fields(dict(KINDS)[kind])} for kind, name in INTERNAL)


def test_article_and_top_level_keys_are_the_schema_keys():
    assert set(ARTICLE_KEYS) == set(SCHEMA["properties"]["article"]["properties"])
    record = Record.from_analysis(Analysis(article=Article(text="x"))).to_dict()
    assert set(record) == set(SCHEMA["properties"])
    assert [kind for kind, _ in KINDS] == [k for k in SCHEMA["properties"] if k in dict(KINDS)]


def hand_built_analysis() -> Analysis:
    text = "Gunmen killed 9 villagers in Damasak, Iraqi police said on Monday."
    a = Analysis(article=Article(text=text, title="T", published=date(2021, 4, 14), ref="r1"))
    span = a.span
    a.entities.append(
        Entity("E1", "Gunmen", "ARMED_GROUP", [span(0, 6)], sector="REB", roles=["gunman"], because={"x": 1})
    )
    a.places.append(Place("P1", "Damasak", [span(29, 36)], 2334802, "NG", "Borno", 13.1, 12.5, "place", 900, 0.87654))
    a.demonyms.append(Demonym("D1", "Iraq", "IQ", 99237, 33.0, 44.0, "country", None, [span(38, 43)]))
    a.times.append(TimeExpr("T1", "DATE", "2021-04-12", span(59, 65), date(2021, 4, 12), date(2021, 4, 12), "day"))
    a.quantities.append(Quantity("Q1", span(14, 15), 9.0, 9.0, 9.0, False, "villagers", "killed"))
    a.quotes.append(Quote("U1", False, span(0, 36), span(51, 55), span(38, 50), None))
    a.events.append(
        Event(
            "V1",
            "ASSAULT",
            span(7, 13),
            span(0, 66),
            modality="reported",
            mode="firearms",
            acled={"event_type": "Violence against civilians", "sub_event_type": "Attack"},
            cameo="18",
            source=["E1"],
            place="P1",
            time="T1",
            fatalities=9,
            quantities=["Q1"],
            confidence=0.8,
            date={"from": "2021-04-12", "to": "2021-04-12", "precision": "day"},
            because={"rule": "kill"},
        )
    )
    return a


def test_record_of_a_hand_built_analysis():
    """Key order and every value, as the record has always had them."""
    s = [
        {"start": 0, "end": 6, "text": "Gunmen"},
        {"start": 29, "end": 36, "text": "Damasak"},
        {"start": 38, "end": 43, "text": "Iraqi"},
        {"start": 59, "end": 65, "text": "Monday"},
        {"start": 14, "end": 15, "text": "9"},
    ]
    expected = {
        "schema": "eventwire/1",
        "generator": {"eventwire": "0"},
        "article": {
            "id": Article(text=hand_built_analysis().text).id,
            "title": "T",
            "published": "2021-04-14",
            "url": None,
            "source": None,
            "language": "en",
            "metadata": {},
            "ref": "r1",
        },
        "text": hand_built_analysis().text,
        "entities": [
            {
                "id": "E1",
                "name": "Gunmen",
                "kind": "ARMED_GROUP",
                "country": None,
                "sector": "REB",
                "code": None,
                "roles": ["gunman"],
                "aliases": [],
                "mentions": [s[0]],
            }
        ],
        "places": [
            {
                "id": "P1",
                "name": "Damasak",
                "geonameid": 2334802,
                "country": "NG",
                "admin1": "Borno",
                "lat": 13.1,
                "lon": 12.5,
                "level": "place",
                "position": None,
                "confidence": 0.877,
                "mentions": [s[1]],
            }
        ],
        "demonyms": [
            {
                "id": "D1",
                "name": "Iraq",
                "country": "IQ",
                "level": "country",
                "geonameid": 99237,
                "lat": 33.0,
                "lon": 44.0,
                "place": None,
                "mentions": [s[2]],
            }
        ],
        "times": [
            {
                "id": "T1",
                "type": "DATE",
                "value": "2021-04-12",
                "from": "2021-04-12",
                "to": "2021-04-12",
                "precision": "day",
                "mention": s[3],
            }
        ],
        "quantities": [
            {
                "id": "Q1",
                "value": 9.0,
                "low": 9.0,
                "high": 9.0,
                "approximate": False,
                "counts": "villagers",
                "role": "killed",
                "mention": s[4],
            }
        ],
        "quotes": [
            {
                "id": "U1",
                "direct": False,
                "content": {"start": 0, "end": 36, "text": hand_built_analysis().text[:36]},
                "cue": {"start": 51, "end": 55, "text": "said"},
                "speaker": {"start": 38, "end": 50, "text": "Iraqi police"},
                "speaker_entity": None,
            }
        ],
        "events": [
            {
                "id": "V1",
                "type": "ASSAULT",
                "mode": "firearms",
                "acled": {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
                "cameo": "18",
                "source": ["E1"],
                "target": [],
                "place": "P1",
                "time": "T1",
                "fatalities": 9,
                "quantities": ["Q1"],
                "modality": "reported",
                "attributed_to": None,
                "trigger": {"start": 7, "end": 13, "text": "killed"},
                "sentence": {"start": 0, "end": 66, "text": hand_built_analysis().text},
                "confidence": 0.8,
                "date": {"from": "2021-04-12", "to": "2021-04-12", "precision": "day"},
                "because": {"rule": "kill"},
            }
        ],
    }
    record = Record.from_analysis(hand_built_analysis(), {"eventwire": "0"})
    assert record.to_json() == json.dumps(expected, ensure_ascii=False)
