"""verdictfields: metrics.json's verdict for a machine, the same verdict as the sentence, from the same place."""

from __future__ import annotations

import pytest

from types import SimpleNamespace

from rnncast.verdictfields import added, fields, model_kept
from rnncast.verdicts import verdict

NAN = float("nan")


def part(model: float, repeat: float, mean: float, p_repeat, p_mean) -> dict:
    scores = {"model": {"mse": model, "mae": model}, "repeat": {"mse": repeat, "mae": repeat},
              "mean": {"mse": mean, "mae": mean}}
    return {"windows": 40, "horizon": 1, "original": scores, "scaled": scores,
            "significance": {"repeat": {"p_value": p_repeat}, "mean": {"p_value": p_mean}}}


@pytest.mark.parametrize("scores,word,opening", [
    ((1.0, 2.0, 3.0, 0.01, 0.001), "beats", "The model beats"),
    ((1.0, 2.0, 3.0, 0.3, 0.001), "lower_not_beyond_chance", None),
    ((1.0, 2.0, 0.5, 0.01, NAN), "does_not_beat", "The model does NOT beat"),
    ((NAN, 2.0, 3.0, NAN, NAN), "no_verdict", "No verdict"),
])
def test_the_word_is_the_sentences_verdict(scores, word, opening):
    test = part(*scores)
    said = fields(test, "original")
    good, sentence = verdict(test, "original")
    assert said["verdict"] == word and said["beats_baselines"] == (word == "beats") == good
    assert opening is None or sentence.startswith(opening)
    assert "does NOT beat" not in sentence or word == "does_not_beat"


def test_each_baseline_has_its_outcome_and_p_value():
    said = fields(part(1.0, 2.0, 0.5, 0.01, NAN), "original")
    assert said["baseline"] == "mean" and said["verdict_units"] == "original" and said["alpha"] == 0.05
    assert said["each"] == {"repeat": {"beaten": True, "lower": True, "p_value": 0.01},
                            "mean": {"beaten": False, "lower": False, "p_value": None}}  # None: JSON null, no NaN


def test_added_puts_it_in_each_scored_part_and_leaves_the_rest():
    metrics = {"val": part(1.0, 2.0, 3.0, 0.01, 0.01), "test": part(1.0, 2.0, 0.5, 0.5, 0.5), "notes": []}
    out = added(metrics, "scaled")
    assert out["val"]["against_baselines"]["verdict"] == "beats"
    assert out["test"]["against_baselines"]["verdict"] == "does_not_beat" and out["notes"] == []
    assert "against_baselines" not in metrics["val"]  # the caller's dict is not changed


def test_model_kept_reads_the_epochs_and_says_nothing_of_a_model_without_them():
    """fit's metrics.json and evaluate's result say which network a model is from its epochs (decisions 1861, 1878);
    a model saved before it kept them has none to read: null, not a guess of "trained"."""
    def model(history, diverged=None):
        return SimpleNamespace(history_=history, diverged_epoch_=diverged)

    assert model_kept(model([{"epoch": 1, "best": False}, {"epoch": 2, "best": False}])) == "untrained"
    assert model_kept(model([{"epoch": 1, "best": True}, {"epoch": 2, "best": False}])) == "trained"
    assert model_kept(model([{"epoch": 1, "best": False}], diverged=2)) == "trained"  # its best finished epoch
    assert model_kept(model([])) is None


def test_a_climatology_apart_that_beats_the_model_is_in_the_word_and_in_each():
    """decision 1914: the sentence says "except the climatology" (decision 1826); so do the fields a gate reads."""
    test = {**part(1.0, 2.0, 3.0, 0.01, 0.001), "climatology_series": {
        "series": ["A", "B"], "lacking": ["C"], "windows": 20, "significance": {"p_value": 0.99},
        "scaled": {"model": {"mse": 1.3}, "climatology": {"mse": 1.0}}, "original": {}}}
    said, (good, sentence) = fields(test, "original"), verdict(test, "original")
    assert good and "except the climatology" in sentence
    assert said["verdict"] == "beats_except_climatology" and said["beats_baselines"] is False
    assert said["each"]["climatology"] == {"beaten": False, "lower": False, "p_value": 0.99, "apart": True,
                                           "series": ["A", "B"]}
    behind = {**test, "climatology_series": {**test["climatology_series"], "significance": {"p_value": 0.01},
                                             "scaled": {"model": {"mse": 1.0}, "climatology": {"mse": 1.3}}}}
    said = fields(behind, "original")  # the model beats the climatology apart too: "beats", and it is beaten
    assert said["verdict"] == "beats" and said["beats_baselines"] is True
    assert said["each"]["climatology"]["beaten"] is True and said["each"]["climatology"]["p_value"] == 0.01
