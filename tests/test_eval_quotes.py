"""Guard for ``eventwire eval quotes``: a fixed slice of PolNeAR dev must stay above measured floors."""

from __future__ import annotations

from eventwire.evaluate.polnear import evaluate_polnear, is_direct, quoted_regions

# Every 6th dev text (14 texts, all publishers). Measured: direct F1 0.938, direct speaker 0.936 (78 quotes),
# indirect F1 0.470, indirect speaker 0.879 (91 quotes); the floors leave a couple of errors of slack.
EVERY = 6
FLOORS = {"direct_f1": 0.92, "direct_speaker": 0.91, "indirect_f1": 0.45, "indirect_speaker": 0.85}


def test_direct_fragments_are_the_quoted_ones():
    text = 'He said that "we will win." Then: ``Go home,\'\' and the team was "very tired" after the game.'
    regions = quoted_regions(text)
    assert is_direct(text, 8, 27, regions)  # that "we will win."
    assert is_direct(text, 34, 46, regions)  # ``Go home,''
    assert not is_direct(text, 51, 92, regions)  # the team was "very tired" after the game


def test_polnear_dev_slice_floors(shared):
    result = evaluate_polnear(shared / "eval" / "quotes" / "polnear" / "dev", every=EVERY)
    assert result["docs"] == 14
    assert result["direct"]["content"]["f1"] >= FLOORS["direct_f1"]
    assert result["direct"]["speaker_accuracy"] >= FLOORS["direct_speaker"]
    assert result["indirect"]["content"]["f1"] >= FLOORS["indirect_f1"]
    assert result["indirect"]["speaker_accuracy"] >= FLOORS["indirect_speaker"]
