"""A target that follows a feature's later rows (``laterrows.py``): what fit measures on the training rows, kept in
model.json, and the hint that the columns may be misaligned, given in place of the future_known hint, which cannot
help such a target; never for a target explained by its own row, its window or the model."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, datasets, laterrows
from rnncast.runhints import future_known_hint
from rnncast.windows import Split


def _lead(n=400, k=1, seed=1) -> pd.DataFrame:
    """A tester's misaligned frame: y_t = x_{t+k} (a next-value column made by hand), x white noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = np.r_[x[k:], np.zeros(k)] + rng.normal(0, 0.01, n)
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="D"), "x": x, "y": y})


def _ar(n=600, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.zeros(n)
    for i in range(1, n):
        x[i] = 0.9 * x[i - 1] + rng.normal()
    return x


def test_fit_measures_the_later_rows_against_the_targets_own_row_and_its_window():
    rows = _lead(k=2)[["y", "x"]].to_numpy()
    measured = laterrows.measure(lambda s: rows, [Split(280, 340, 400)], ["y", "x"], 1, 5)
    assert measured["column"] == "x" and measured["rows"] == 2 and measured["lags"] == 5
    assert measured["r2"] > 0.99 and measured["same_r2"] < 0.1 and measured["window_r2"] < 0.2
    assert laterrows.measure(lambda s: rows[:, :1], [Split(280, 340, 400)], ["y"], 1, 5) is None  # no features
    assert laterrows.measure(lambda s: rows, [Split(12, 340, 400)], ["y", "x"], 1, 5) is None  # too few training rows


def test_no_alignment_is_said_of_a_target_its_own_row_or_its_window_explains():
    aligned = datasets.aligned_regression(n=300)[["y", "x"]].to_numpy()  # y_t from x_t: future_known's case
    same = laterrows.measure(lambda s: aligned, [Split(200, 250, 300)], ["y", "x"], 1, 10)
    assert same["same_r2"] > 0.99 and not laterrows.aligned_later(same, -0.01)
    x = _ar()  # co-moving slow series: y_t = 2 x_t + noise, as close to x_{t+1} as to x_{t-1}
    both = np.c_[2 * x + 0.3 * np.random.default_rng(1).normal(size=len(x)), x]
    moving = laterrows.measure(lambda s: both, [Split(400, 500, 600)], ["y", "x"], 1, 24)
    assert moving["r2"] > 0.5 and not laterrows.aligned_later(moving, 0.5)


def test_the_hint_names_the_feature_the_rows_and_both_fixes():
    later = {"column": "x", "rows": 1, "r2": 0.9999, "same_r2": 0.001, "window_r2": 0.012, "lags": 5}
    said = laterrows.hint(later, -0.032, "y")
    assert said.startswith("hint: the target may be aligned with later rows of 'x': least squares on the training rows "
                           "explains R² 1.000 of it from 'x' 1 row later, against 0.001 from the features of its own "
                           "row and 0.012 from the 5 rows before it that a window reads; the model's R² on the test "
                           "split is -0.032.")
    assert "if 'y' is 'x' moved up 1 row" in said and "forecast 'x' itself (target='x', --target x)" in said
    assert "df['x'].shift(-1)" in said and "(future_known=True, --future-known)" in said
    assert laterrows.hint(later, 0.9999, "y") is None  # the model does what the later row does
    declared = laterrows.hint(later, -0.032, "y", known=["x"], features=["x"])  # a model fitted with future_known
    assert declared.endswith("(df['x'].shift(-1))") and "future_known" not in declared
    assert "(future_known=True" in laterrows.hint(later, -0.032, "y", known=["z"], features=["x", "z"])  # x is past
    assert laterrows.hint({**later, "window_r2": 0.9999}, -0.03) is None  # the window explains as much
    assert laterrows.hint({**later, "r2": 0.4}, -0.03) is None  # the later row explains too little
    assert laterrows.hint(None, -0.03) is None


def test_a_fit_on_misaligned_columns_gets_the_alignment_hint_not_the_future_known_one_and_keeps_it(tmp_path):
    """A tester's lead.csv: past-only, told "declare them with future_known=True"; following that: R² -0.008."""
    frame = _lead()
    for known in (False, True):
        model = Forecaster(**{**TINY, "horizon": 1, "lookback": 5, "future_known": known}).fit(
            frame, target="y", features=["x"])
        hints = model.evaluate(frame)["hints"]
        assert any(h.startswith("hint: the target may be aligned with later rows of 'x'") for h in hints)
        assert future_known_hint() not in hints
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").state_.later_rows == model.state_.later_rows


def test_fit_s_words_on_training_point_to_the_alignment_not_to_more_training(caplog):
    """y_t = x_{t+1}: fit warned "the best epoch was the last ... try more epochs or a larger learning rate" and "no
    epoch improved on the untrained network ...; try a larger learning rate or more epochs" beside the alignment hint,
    pointing the user at the network (a tester's find, decision 686). Where the training rows show the alignment,
    those words say to check it first; a target its window explains keeps the advice to train more."""
    import logging

    later = {"column": "x", "rows": 1, "r2": 0.9999, "same_r2": 0.001, "window_r2": 0.012, "lags": 5}
    note = laterrows.training_note(later)
    assert note == ("first check the alignment: the target may follow 'x' 1 row later (least squares on the training "
                    "rows: R² 1.000 from that row, against 0.012 from the 5 rows before it that a window reads); no "
                    "forecast reads later rows, so neither more epochs nor another learning rate would fix that")
    assert laterrows.training_note({**later, "window_r2": 0.9999}) is None and laterrows.training_note(None) is None
    for norm in ("last", "none"):  # the untrained network kept; the best epoch the last
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            caplog.clear()
            Forecaster(**{**TINY, "horizon": 1, "lookback": 5, "window_norm": norm}).fit(_lead(), target="y", features=["x"])
        warned = [r.getMessage() for r in caplog.records if "trained" in r.getMessage()]  # un-, under-
        assert warned and all("first check the alignment: the target may follow 'x' 1 row later" in w for w in warned)
        assert not any("more epochs (" in w or "larger learning rate (" in w for w in warned)


def _fitted(frame: pd.DataFrame, features: list, lookback: int = 24) -> Forecaster:
    return Forecaster(**{**TINY, "lookback": lookback, "horizon": 1}).fit(frame, target="y", features=features)


def test_a_next_value_target_of_two_features_is_flagged_as_the_features_later_rows_together():
    """A tester's y_t = a_{t+1} + b_{t+1}: each feature alone explained about half, and no hint was given."""
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=801), rng.normal(size=801)
    model = _fitted(pd.DataFrame({"a": a[:-1], "b": b[:-1], "y": a[1:] + b[1:]}), ["a", "b"])
    later = model.state_.later_rows
    assert later["joint"]["rows"] == 1 and later["joint"]["r2"] > 0.99 and later["r2"] < 0.7
    said = laterrows.hint(later, 0.0, "y")
    assert said.startswith("hint: the target may be aligned with later rows of the features: least squares on the "
                           "training rows explains R² 1.000 of it from all of them 1 row later together (at most ")
    assert "forecast those columns themselves (target=, --target)" in said
    assert "declare them so" in said
    declared = laterrows.hint(later, 0.0, "y", known=["a", "b"], features=["a", "b"])  # every feature already known
    assert declared.endswith("(.shift(-1))") and "declare" not in declared
    assert "declare them so" in laterrows.hint(later, 0.0, "y", known=["a"], features=["a", "b"])  # b is not
    assert laterrows.training_note(later).startswith("first check the alignment: the target may follow its features 1 "
                                                     "row later")


def test_a_target_lagged_past_the_lookback_is_told_of_a_longer_lookback_not_of_future_known():
    """A tester's y_t = a_{t-30} under lookback 24 was told of --future-known, which cannot help."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=830)
    model = _fitted(pd.DataFrame({"a": x[30:], "y": x[:-30] + 0.05 * rng.normal(size=800)}), ["a"])
    assert model.state_.later_rows["earlier"]["column"] == "a" and model.state_.later_rows["earlier"]["rows"] == 30
    hints = model.evaluate(pd.DataFrame({"a": x[30:], "y": x[:-30]}))["hints"]
    assert any(h.startswith("hint: the target follows 'a' 30 rows earlier (least squares on the training rows: R² ")
               and h.endswith("farther back than the lookback of 24 reads: a lookback of at least 30 (lookback=30, "
                              "--lookback 30) lets the window read it") for h in hints)
    assert future_known_hint() not in hints
    assert laterrows.before_window(model.state_.later_rows, 30) is None  # a lookback that reads it: nothing to say


def test_a_target_of_its_own_rows_features_is_told_of_future_known_even_where_the_model_beats_the_mean():
    """A learner's target made from its own step's features (same_r2 0.99) beat the mean from the window and was told
    nothing; with --future-known its MSE fell from 29.5 to 13.4."""
    rng = np.random.default_rng(2)
    a = np.cumsum(rng.normal(size=800))
    b = np.zeros(800)
    for i in range(1, 800):
        b[i] = 0.8 * b[i - 1] + rng.normal()
    frame = pd.DataFrame({"a": a, "b": b, "y": 2 * a + 3 * b + 0.1 * rng.normal(size=800)})
    model = _fitted(frame, ["a", "b"])
    own = laterrows.own_row(model.state_.later_rows)
    assert own.startswith("the target follows the features of its own row: least squares on the training rows "
                          "explains R² 1.000 of it from them, against 0.")
    assert future_known_hint().replace("hint: the features are", f"hint: {own}; the features are") in \
        model.evaluate(frame)["hints"]


def _lagged(n: int = 1000, lag: int = 3) -> np.ndarray:
    """A learner's regression table: y_t = 2 x1_{t-1} + 1.5 x2_{t-lag}, [n, 3] as (y, x1, x2)."""
    rng = np.random.default_rng(0)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    y = np.r_[np.zeros(lag), 2 * x1[lag - 1 : -1] + 1.5 * x2[: -lag]] + 0.1 * rng.normal(size=n)
    return np.c_[y, x1, x2]


def test_a_window_that_explains_the_target_the_model_missed_is_told_of_more_training_not_future_known():
    """A learner's y_t = 2 x1_{t-1} + 1.5 x2_{t-3} lost to the mean after 10 epochs at the default learning rate and
    was told of future_known, which changed nothing (R² 0.963 at lr 3e-3)."""
    later = laterrows.measure(lambda s: _lagged(), [Split(700, 800, 1000)], ["y", "x1", "x2"], 1, 10)
    assert later["window_r2"] > 0.99 and later["lags"] == 10 and laterrows.own_row(later) is None
    said = laterrows.window_holds(later, -0.059, "last")
    assert said.startswith(f"hint: the window holds what the target needs, and the network has not learned it yet: "
                           f"least squares on the training rows explains R² {later['window_r2_held_out']:.3f} of it "
                           "(on rows it was not fitted to) from the 10 rows before it that a window reads, against the model's R² -0.059 on the test split; train "
                           "longer (epochs=, --epochs) or with a larger learning rate (lr=, --lr); and where the target "
                           "does not follow its own last value, start the network from nothing (window_norm='none'")
    assert laterrows.window_holds(later, later["window_r2_held_out"], "last") is None  # the model learned it
    assert "window_norm" not in laterrows.window_holds(later, -0.059, "none")


def test_a_lag_of_ten_inside_a_window_of_ten_is_weighed_and_a_longer_window_said_in_part():
    """Only 8 rows were weighed: y_t = 3 x_{t-10} under a lookback of 10 "explained nothing" from the window."""
    later = laterrows.measure(lambda s: _lagged(lag=10), [Split(700, 800, 1000)], ["y", "x1", "x2"], 1, 10)
    assert later["window_r2"] > 0.99
    wide = laterrows.measure(lambda s: _lagged(), [Split(700, 800, 1000)], ["y", "x1", "x2"], 1, 48)
    assert "from the last 24 of the 48 rows before it that a window reads" in laterrows.window_holds(wide, 0.0, "none")


def test_pure_noise_is_not_told_that_its_window_holds_the_target():
    """A newcomer's 200 days of noise with 3 noise covariates was told "the window holds what the target needs ... R²
    0.831": least squares on 96 inputs over 113 training rows, measured on those rows."""
    noise = np.random.default_rng(0).normal(size=(200, 4))
    later = laterrows.measure(lambda s: noise, [Split(140, 160, 200)], ["y", "x0", "x1", "x2"], 1, 24)
    assert later["window_r2"] > 0.5 and later.get("window_r2_held_out", 0) < 0.2
    assert laterrows.window_holds(later, -1.3, "last") is None
