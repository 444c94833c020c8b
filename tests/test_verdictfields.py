"""verdictfields: metrics.json's verdict for a machine, the same verdict as the sentence, from the same place."""

from __future__ import annotations

import pytest

from types import SimpleNamespace

from rnncast.intervalverdict import pinball_verdict
from rnncast.verdictfields import INTERVAL_WORDS, added, fields, intervals, machine, model_kept
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
    out = added(metrics, lambda _, scores: machine(scores, "scaled"))  # fit's: each part's Said.fields (decision 1958)
    assert out["val"]["against_baselines"]["verdict"] == "beats"
    assert out["test"]["against_baselines"]["verdict"] == "does_not_beat" and out["notes"] == []
    assert out["test"]["intervals_against_baselines"] is None  # a point model: no quantiles' verdict
    assert "against_baselines" not in metrics["val"]  # the caller's dict is not changed


def test_a_model_far_behind_a_linear_fit_of_its_inputs_is_no_win_in_the_fields_either():
    """r36r2 1: the sentence opens with the linear fit and the page's box is not green (decision 1628), yet
    ``against_baselines`` said "beats" and ``beats_baselines`` true (decision 1956)."""
    test = part(1.0, 2.0, 3.0, 0.01, 0.001)
    fit = {"linear_fit_r2": 1.0, "model_r2": 0.135}
    said = fields(test, "original", behind=fit)
    assert said["verdict"] == "beats_behind_linear_fit" and said["beats_baselines"] is False
    assert said["behind_linear_fit"] == fit and all(e["beaten"] for e in said["each"].values())  # each still beaten
    assert fields(test, "original")["behind_linear_fit"] is None


def quantiles(model: float, repeat: float = 6.0, seasonal: float = 2.0, p: dict | None = None) -> dict:
    block = lambda q: {"mse": 1.0, "pinball": q, "coverage_80": 0.8}  # noqa: E731
    scores = {"model": block(model), "repeat": block(repeat), "seasonal": block(seasonal)}
    return {**part(1.0, 2.0, 3.0, 0.01, 0.01), "original": scores,
            **({"significance_pinball": {k: {"p_value": v} for k, v in p.items()}} if p is not None else {})}


@pytest.mark.parametrize("model,p,word,said", [
    (1.0, {"seasonal": 0.001, "repeat": 0.01}, "beats", "its quantiles beat every baseline's"),
    (1.0, {"seasonal": 0.001, "repeat": 0.2}, "lower_not_beyond_chance", "but not against 'repeat the last value'"),
    (1.0, {"seasonal": 0.3, "repeat": 0.2}, "lower_not_beyond_chance", "but not beyond chance against 'seasonal"),
    (1.0, None, "lower_not_beyond_chance", "lower (not tested against chance)"),
    (2.0, {"seasonal": 0.5, "repeat": 0.001}, "does_not_beat", "the same loss"),
    (5.76, {"seasonal": 0.9, "repeat": 0.0}, "does_not_beat", "as high, but not beyond chance"),
    (5.76, {"seasonal": 0.999, "repeat": 0.0}, "baseline_better", "the baseline's quantiles are better (one-sided"),
])
def test_the_quantiles_word_is_the_sentences_verdict(model, p, word, said):
    """r36r2 8: the terminal's "Its quantiles: ..." verdict had no field; ``intervals`` gives it from the sentence's
    own functions (``intervalverdict.standing``, decision 1957)."""
    test = quantiles(model, p=p)
    got = intervals(test, "original")
    assert said in pinball_verdict(test) and got["verdict"] == word and word in INTERVAL_WORDS
    assert got["beats_baselines"] == (word == "beats") == all(e["beaten"] for e in got["each"].values())
    assert got["baseline"] == "seasonal" and got["verdict_units"] == "original" and got["alpha"] == 0.05
    assert got["each"]["seasonal"]["p_value"] == (p or {}).get("seasonal") and got["each"]["seasonal"]["weighed"]


def test_the_quantiles_fields_say_which_baseline_was_weighed_on_fewer_values_and_which_not_at_all():
    test = quantiles(3.0, p={"seasonal": 0.01, "repeat": 0.01})
    test["original"]["seasonal"]["intervals_left_out"] = {"values": 4, "of": 8, "model": {"pinball": 1.5}}
    got = intervals(test, "original")
    assert "'seasonal naive' is weighed on the values it has an interval for (4 of the 8)" in pinball_verdict(test)
    assert got["verdict"] == "beats" and got["baseline"] == "seasonal"
    assert got["each"]["seasonal"] == {"weighed": True, "on_fewer_values": True, "values_left_out": 4,
                                       "values_unlearned": 0, "pinball": 2.0,
                                       "model_pinball": 1.5, "lower": True, "beaten": True, "p_value": 0.01}
    assert got["each"]["repeat"]["on_fewer_values"] is False and got["each"]["repeat"]["model_pinball"] == 3.0
    test["original"]["seasonal"].update(pinball=NAN, intervals_left_out={"values": 8, "of": 8, "unlearned": 8})
    del test["significance_pinball"]["seasonal"]
    got = intervals(test, "original")
    assert "'seasonal naive' has no interval at any value scored and is not weighed" in pinball_verdict(test)
    assert got["verdict"] == "beats" and got["baseline"] == "repeat"  # beats every weighed baseline's
    assert got["each"]["seasonal"] == {"weighed": False, "on_fewer_values": False, "values_left_out": 8,
                                       "values_unlearned": 8, "pinball": None, "model_pinball": None, "lower": False, "beaten": False,
                                       "p_value": None}
    del test["original"]["repeat"]
    assert intervals(test, "original")["verdict"] == "not_weighed" and intervals(test, "original")["baseline"] is None
    test["original"]["model"]["pinball"] = NAN
    assert intervals(test, "original")["verdict"] == "no_verdict" and pinball_verdict(test) == ""


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


def test_a_seasonal_naive_with_no_forecast_is_in_each_with_nulls_and_why():
    """Decision 2029: a seasonal naive with no forecast at any value scored is weighed by no verdict (decision 1995);
    ``each`` says so plainly, with nulls, where it left it out without a word."""
    test = part(1.0, 2.0, 3.0, 0.01, 0.001)
    test["original"]["seasonal"] = {"mse": NAN, "mae": NAN, "values_left_out": {"values": 12, "of": 12, "model": {}}}
    said = fields(test, "original")
    assert said["verdict"] == "beats" and said["each"]["seasonal"] == {
        "beaten": None, "p_value": None, "lower": None,
        "no_forecast": "every value's step a season back is missing from the data"}
