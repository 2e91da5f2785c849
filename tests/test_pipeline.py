"""End to end: the public API on short texts written for the tests, checked against the schema."""

from pathlib import Path

import pytest

import eventwire
from eventwire.pipeline import Pipeline
from helpers import check_record

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def test_analyse_returns_valid_record():
    rec = eventwire.analyse(
        "Gunmen killed 9 villagers in an attack on Damasak on Monday, police said.", published="2021-04-14"
    )
    data = rec.to_dict()
    check_record(data)
    assert rec.to_json().startswith("{")
    [event] = [e for e in data["events"] if e["trigger"]["text"] == "killed"]
    assert event["type"] == "ASSAULT" and event["fatalities"] == 9
    assert event["date"] == {"from": "2021-04-12", "to": "2021-04-12", "precision": "day"}
    ents = {e["id"]: e for e in data["entities"]}
    assert [ents[i]["name"] for i in event["source"]] == ["Gunmen"]
    assert ents[event["target"][0]]["sector"] == "CVL"


def test_pipe_preserves_order_and_refs(pipeline):
    texts = [
        {"id": str(i), "text": f"Police arrested {n} protesters in Harare.", "published": "2022-01-0" + str(i + 1)}
        for i, n in enumerate([3, 14, 250, 7, 19])
    ]
    records = list(pipeline.pipe(texts, batch_size=2))
    assert [r["article"]["ref"] for r in records] == ["0", "1", "2", "3", "4"]
    for r, n in zip(records, [3, 14, 250, 7, 19], strict=True):
        check_record(r.to_dict())
        assert any(q["value"] == n and q["role"] == "arrested" for q in r["quantities"])


def test_pipe_in_two_processes_matches_one(pipeline):
    texts = ["Troops clashed with rebels near Beni on Friday.", "Protesters marched in Dakar on Sunday."] * 2
    one = [r.to_dict() for r in pipeline.pipe(texts)]
    two = [r.to_dict() for r in pipeline.pipe(texts, n_process=2, batch_size=2)]
    assert one == two


def test_unknown_published_keeps_events_dated_null(pipeline):
    data = pipeline.analyse("Rebels attacked an army base in the east.").to_dict()
    check_record(data)
    assert data["article"]["published"] is None
    assert data["events"] and data["events"][0]["date"] is None


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_examples_valid_and_eventful(pipeline, path):
    data = pipeline.analyse(path.read_text()).to_dict()
    check_record(data)
    assert data["article"]["published"] is not None and data["article"]["title"]
    assert data["events"], path.name


def test_worker_processes_keep_the_pipeline_settings():
    """Stages, piece size and language detection reach the worker processes unchanged."""
    french = "Des manifestants ont défilé dans les rues de Dakar dimanche pour réclamer la libération des détenus."
    long_text = "\n\n".join(f"Troops clashed with rebels near Beni on day {i} of the offensive." for i in range(12))
    custom = Pipeline(stages=("entities", "places"), chunk_chars=300, detect_languages=False)
    texts = [french, long_text, "Protesters marched in Dakar on Sunday."]
    one = [r.to_dict() for r in custom.pipe(texts)]
    two = [r.to_dict() for r in custom.pipe(texts, n_process=2, batch_size=1)]
    assert one == two
    assert one[0]["article"]["language"] == "en"  # detection off: analysed as English
    assert one[1]["article"]["metadata"]["analysed_in_pieces"] > 1
    assert all(r["places"] and not r["times"] and not r["events"] for r in one[1:])


def test_stage_requirements_are_checked_when_the_pipeline_is_built():
    from eventwire.stages import StageError, check_stages, get_stages

    with pytest.raises(StageError, match=r"stage 'events' requires 'entities'.*assigned by 'entities'"):
        check_stages(get_stages(("times", "events")))
    with pytest.raises(StageError, match="no stage is registered as 'geocode'"):
        Pipeline(stages=("entities", "geocode"))
    check_stages(get_stages(("entities", "quotes")))  # what the quotes evaluation runs
