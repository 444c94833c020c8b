"""A target that follows the future-known features of its own step (``samestep.py``): what fit measures on the
training rows, kept in model.json, and the hint of window_norm='none' it gives a model forecasting relative to the
window, only where the features explain the target more than its last value and better than the model does."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, samestep
from rnncast.windows import Split


def _sensor(n=400, seed=0) -> pd.DataFrame:
    """y made of its own step's readings: x1 slow (AR 0.9), x2 white noise."""
    rng = np.random.default_rng(seed)
    x1 = np.zeros(n)
    for i in range(1, n):
        x1[i] = 0.9 * x1[i - 1] + rng.normal()
    x2 = rng.normal(size=n)
    y = 3 * x1 + 5 * x2 + 0.05 * rng.normal(size=n)
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="h"), "x1": x1, "x2": x2, "y": y})


def test_fit_measures_the_features_of_the_targets_own_step_against_its_last_value():
    frame = _sensor()
    rows = frame[["y", "x1", "x2"]].to_numpy()
    measured = samestep.measure(lambda s: rows, [Split(280, 340, 400)], 1, [1, 2])
    assert measured["features_r2"] > 0.999 and measured["last_r2"] < 0.5
    assert samestep.measure(lambda s: rows, [Split(280, 340, 400)], 1, []) is None  # no future-known features


def test_the_hint_names_window_norm_none_only_where_the_features_explain_more_than_the_model_and_the_last_value():
    same = {"features_r2": 0.9999, "last_r2": 0.8}
    said = samestep.hint(same, "last", 0.869)
    assert said.startswith("hint: the target follows the future-known features of its own step more than its own last "
                           "value (least squares on the training rows: R² 1.000 from the features, 0.800 from the last "
                           "value), and the model's R² on the test split is 0.869")
    assert "(window_norm='none', --window-norm none)" in said
    assert samestep.hint(same, "none", 0.869).startswith("hint: least squares")  # forecasts the value already: train on
    assert samestep.hint(same, "last", 0.99995) is None  # as good as the features' least squares
    assert samestep.hint({"features_r2": 0.67, "last_r2": 0.81}, "last", 0.5) is None  # its past explains more
    assert samestep.hint({"features_r2": 0.003, "last_r2": 0.0}, "last", -0.1) is None  # neither explains it
    assert samestep.hint(None, "last", 0.5) is None  # no future-known features


def test_evaluate_of_a_future_known_model_gives_the_hint_and_a_loaded_model_too(tmp_path):
    """a_same.csv: test MSE 30.75 with window_norm='last' where least squares on the same step's features gets
    0.0027; nothing said that the target does not follow its last value."""
    frame = _sensor()
    model = Forecaster(**{**TINY, "future_known": True, "horizon": 1}).fit(frame, target="y", features=["x1", "x2"])
    hints = model.evaluate(frame)["hints"]
    assert any(h.startswith("hint: the target follows the future-known features of its own step") for h in hints)
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").state_.same_step == model.state_.same_step
    plain = Forecaster(**{**TINY, "future_known": True, "horizon": 1, "window_norm": "none"}).fit(
        frame, target="y", features=["x1", "x2"])
    result = plain.evaluate(frame)  # no window_norm hint; a tiny model is told to train on instead, its R² said once:
    hints, behind = result["hints"], result["verdict"].startswith("A linear fit")  # in the verdict or the hint (decision 1674)
    told = "hint: training has not yet found" if behind else "hint: least squares"
    assert not any("window_norm" in h for h in hints) and any(h.startswith(told) for h in hints)


def test_the_hint_never_says_more_than_over_two_equal_numbers():
    """"more than its own last value (... R² 0.990 from the features, 0.990 from the last value)": digits enough now."""
    said = samestep.hint({"features_r2": 0.99012, "last_r2": 0.98987}, "last", 0.9)
    assert "R² 0.9901 from the features, 0.9899 from the last value), and the model's R² on the test split is 0.9000" in said


def test_a_model_of_the_value_far_below_its_own_inputs_least_squares_is_told_to_train_on():
    """A green "beats every baseline" at R² 0.064 (5 epochs at the default lr) said nothing of the features' least
    squares, R² 1.000: the window_norm hint does not fire where window_norm is already 'none'."""
    same = {"features_r2": 0.99999, "last_r2": 0.005}
    said = samestep.hint(same, "none", 0.0635)
    assert said == ("hint: least squares on the training rows explains R² 1.000 of the target from the future-known "
                    "features of its own step, a linear fit of inputs the model reads, and the model's R² on the test "
                    "split is 0.064: training has not yet found what that fit does; more epochs (epochs=, --epochs) or "
                    "a larger learning rate (lr=, --lr) may close the gap")
    assert samestep.hint(same, "none", 0.0635, said=True) == (  # the verdict gave both R²: the advice alone (decision 1674)
        "hint: training has not yet found what that linear fit does; more epochs (epochs=, --epochs) or a larger "
        "learning rate (lr=, --lr) may close the gap")
    assert samestep.hint(same, "none", 0.95) is None  # within GAP of it: noise, not training left undone
    assert samestep.hint({"features_r2": 0.6, "last_r2": 0.0}, "none", 0.3) is None  # leaves not twice its 0.4
    assert samestep.hint({"features_r2": 0.4, "last_r2": 0.0}, "none", -0.5) is None  # the features explain little
    assert samestep.hint(same, "none", None) is None


def test_the_verdict_names_the_linear_fit_only_where_the_model_is_far_behind_it():
    """Decision 1628: a model far behind least squares of its own inputs (``far_behind``: the hint's rule) gets a
    sentence opening its verdict; one at, above or near the fit's R² gets none, so a network that beats the linear fit
    keeps its green box."""
    same = {"features_r2": 0.99999, "last_r2": 0.005}
    assert samestep.behind_text(same, 0.1347) == (
        "A linear fit of the model's own inputs does far better than the model: least squares on the training rows "
        "explains R² 1.000 of the target from the future-known features of its own step, and the model's R² on the "
        "test split is 0.135. ")
    assert samestep.far_behind(same, 0.1347) == 0.99999
    assert samestep.behind_text(same, 0.999995) is None  # beats the linear fit
    assert samestep.behind_text(same, 0.95) is None  # within GAP of it
    assert samestep.behind_text({"features_r2": 0.6, "last_r2": 0.0}, 0.3) is None  # leaves not twice its 0.4
    assert samestep.behind_text({"features_r2": 0.4, "last_r2": 0.0}, -0.5) is None  # the features explain little
    assert samestep.behind_text(None, 0.1) is None and samestep.behind_text(same, None) is None
