"""The caveat beside a green verdict (``maecaveat``): a baseline's lower MAE in the units named, its lower MASE as the
table writes it (decision 1705)."""

from __future__ import annotations

import math

from rnncast.maecaveat import caveat

SCALED = "MAE (each series in its own scaled units)"


def blocks(model_mae, seasonal_mae, model_mase, seasonal_mase, mean_mase=1.7):
    scaled = {"model": {"mse": 0.4781, "mae": model_mae}, "mean": {"mse": 0.9, "mae": 0.8},
              "seasonal": {"mse": 0.5201, "mae": seasonal_mae}}
    original = {"model": {"mae": 9.872, "mase": model_mase}, "mean": {"mae": 16.2, "mase": mean_mase},
                "seasonal": {"mae": 9.033, "mase": seasonal_mase}}
    return scaled, original


def test_a_panels_mae_is_labelled_in_its_units_and_a_lower_mase_is_said_beside_it():
    """t34t2 M2: "On MAE, though, ... (0.4673 against 0.4982)", scaled numbers found in no table, unlabelled, while
    the table's MASE (1.0150 against 1.0878) favoured the seasonal naive baseline unsaid."""
    scaled, original = blocks(0.4982, 0.4673, 1.0878, 1.0150)
    assert caveat(scaled, SCALED, original) == (
        " On MAE (each series in its own scaled units), though, the 'seasonal naive' baseline is lower (0.4673 against "
        "0.4982), and on MASE (1.0150 against 1.0878): the model makes fewer large errors, not smaller errors overall.")


def test_mase_alone_or_of_another_baseline_is_named_and_mase_is_compared_only_where_given():
    scaled, original = blocks(0.46, 0.4673, 1.0878, 1.0150)  # the model's MAE lower: MASE alone
    assert caveat(scaled, SCALED, original) == (
        " On MASE, though, the 'seasonal naive' baseline is lower (1.0150 against 1.0878): the model makes fewer large "
        "errors, not smaller errors overall.")
    scaled, original = blocks(0.4982, 0.4673, 1.0878, 1.2, mean_mase=1.05)  # each score's own lowest baseline
    assert "lower (0.4673 against 0.4982), and on MASE the 'training mean' baseline is lower (1.0500 against 1.0878):" \
        in caveat(scaled, SCALED, original)
    assert "MASE" not in caveat(scaled, "MAE")  # one series of one target: MASE says what MAE says
    scaled, original = blocks(0.4982, 0.4673, 1.01501, 1.01496)  # told apart, not "1.0150 against 1.0150"
    assert "(1.01496 against 1.01501)" in caveat(scaled, SCALED, original)


def test_nothing_is_said_where_the_model_is_lowest_or_a_mase_is_no_number():
    scaled, original = blocks(0.46, 0.4673, 1.0, 1.0150)
    assert caveat(scaled, SCALED, original) == ""
    scaled, original = blocks(0.46, 0.4673, math.nan, 1.0150)  # no series with a scale
    assert caveat(scaled, SCALED, original) == ""
    original["model"]["mase"], original["seasonal"]["mase"] = 1.1, math.nan
    assert caveat(scaled, SCALED, original) == ""  # a baseline's NaN MASE is not "lower"


def test_a_baseline_of_fewer_values_is_set_against_the_models_mae_on_those_values():
    """r37r1 1 (decision 1994): the seasonal naive's MAE rests on the 90 of 100 values it has a forecast for; set
    against the model's MAE on all 100 (0.80), its 0.70 read "lower", though on its values the model's is 0.60."""
    left = {"values": 10, "of": 100, "model": {"mse": 1.0, "mae": 0.60, "mase": 0.70}}
    scores = {"model": {"mse": 1.0, "mae": 0.80, "mase": 1.0},
              "seasonal": {"mse": 2.0, "mae": 0.70, "mase": 0.9, "values_left_out": left},
              "repeat": {"mse": 3.0, "mae": 1.2, "mase": 1.5}}
    assert caveat(scores, "MAE", scores) == ""
    worse = {**left, "model": {"mse": 1.0, "mae": 0.75, "mase": 0.95}}  # lower on the pair: said, with the pair's number
    scores["seasonal"]["values_left_out"] = worse
    assert caveat(scores, "MAE", scores) == (" On MAE, though, the 'seasonal naive' baseline is lower (0.7 against "
                                             "0.75), and on MASE (0.9000 against 0.9500): the model makes fewer large "
                                             "errors, not smaller errors overall.")
