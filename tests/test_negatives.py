"""Forecasts below zero of a target the data never holds below zero (``negatives.py``): one warning, with the
count, the series, the most negative value, what the scores are of and how to clip."""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd

from conftest import TINY, make_panel
from rnncast import Forecaster, negatives
from rnncast.negatives import below_zero


def _pushed_below(model, monkeypatch) -> None:
    """Every forecast of ``model``'s network pushed far below zero (1e6 under its own)."""
    net = model.net_
    monkeypatch.setattr(net, "forward", lambda *a, **k: type(net).forward(net, *a, **k) - 1e6)


def test_forecasts_below_zero_of_a_target_never_negative_are_counted_named_and_said_once(caplog):
    """A tester's finding: 88 of 6368 test forecasts of sales (never negative) fell below zero, the least -0.029,
    and were written without a word."""
    forecasts = np.array([[[0.5], [-0.01]], [[-0.029], [0.2]], [[1.0], [2.0]], [[-0.003], [0.0]], [[-1e-4], [1]],
                          [[-0.5], [1]]], dtype=float)  # [W=6, H=2, T=1]
    ids = ["a", "a", "b", "c", "d", "e"]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        text = below_zero(forecasts, np.array([[0.0], [3.0]]), ["sales"], ids)
    assert text == ("5 of the 12 test forecasts of 'sales' ('sales_hat') are below zero (the least -0.5, of series 'e'; "
                    "in 4 series: 'a', 'c', 'd' and 1 more), though the data's 'sales' is never negative: the "
                    "network's output is not bounded; the scores are of the forecasts as made, not clipped; where the "
                    "target cannot be negative, clip them at 0 (forecast['sales_hat'] = "
                    "forecast['sales_hat'].clip(lower=0)), or fit with nonnegative=True (--nonnegative), which writes "
                    "and scores every forecast so")
    assert caplog.text.count("below zero") == 1
    assert below_zero(forecasts, np.array([[-1.0], [3.0]]), ["sales"], ids) is None  # the data goes below zero
    assert below_zero(np.abs(forecasts), np.array([[0.0]]), ["sales"], ids) is None
    one = below_zero(forecasts[:1], np.array([[0.0]]), ["y"], [None], "", point="")  # predict of one series: 'y'
    assert one.startswith("1 of the 2 forecasts of 'y' are below zero (the least -0.01), though")  # not 'y' ('y')
    assert "the scores are" not in one


def test_evaluate_and_predict_say_forecasts_below_zero(caplog, monkeypatch):
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()  # never negative
    model = Forecaster(**TINY).fit(frame)
    _pushed_below(model, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
        model.predict(frame)
    said = [r.getMessage() for r in caplog.records if "below zero" in r.getMessage()]
    assert len(said) == 2 and " test forecasts of 'y' ('y_hat') are below zero" in said[0] and "not clipped" in said[0]
    assert said[1].startswith(f"{3 * TINY['horizon']} of the {3 * TINY['horizon']} forecasts of 'y' ('y_hat') are "
                              "below zero")


def test_quantile_forecasts_below_zero_are_counted_per_level_by_the_columns_written(caplog):
    """A tester's finding: a panel's predict with quantiles (0.1, 0.5, 0.9) said "6 of the 36 forecasts of 'sales'"
    (every level counted together) and advised forecast['sales'].clip(lower=0), a column predict does not write (it
    writes sales_hat, sales_q0.1 ...); all 6 were of the 0.1 quantile."""
    q = np.array([[[[-0.4, 0.1, 0.5]], [[-0.1, 0.2, 0.3]]], [[[0.1, 0.2, 0.9]], [[0.0, 0.1, 0.2]]]])  # [W2, H2, T1, Q3]
    text = below_zero(q, np.array([[0.0]]), ["sales"], ["a", "b"], "", (0.1, 0.5, 0.9))
    assert text.startswith("none of the 4 forecasts of 'sales' ('sales_hat') but 2 of its 0.1 quantiles "
                           "('sales_q0.1') are below zero (the least -0.4, of series 'a'; in 1 series: 'a')")
    assert "(forecast['sales_q0.1'] = forecast['sales_q0.1'].clip(lower=0)), or fit with nonnegative=True" in text
    q[0, 0, 0] = [-0.5, -0.2, -0.1]  # the median (the point forecast) and the 0.9 quantile too
    text = below_zero(q, np.array([[0.0]]), ["sales"], ["a", "b"], "", (0.1, 0.5, 0.9))
    assert text.startswith("1 of the 4 forecasts of 'sales' ('sales_hat') and 2 of its 0.1 quantiles ('sales_q0.1'), "
                           "1 of its 0.9 quantiles ('sales_q0.9') are below zero")
    assert "forecast[['sales_hat', 'sales_q0.5', 'sales_q0.1', 'sales_q0.9']] = " in text  # the median written twice


def test_the_clip_advice_runs_on_predicts_own_frame(caplog, monkeypatch):
    """The columns the advice names are those predict writes, for a panel and for one series: the printed line runs
    and leaves nothing below zero."""
    import pandas as pd
    for frame in (make_panel(3, seed=2), make_panel(1, seed=2).drop(columns="unique_id")):
        frame["y"] = frame["y"] - frame["y"].min()
        model = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame)
        net = model.net_
        monkeypatch.setattr(net, "forward", lambda *a, net=net, **k: type(net).forward(net, *a, **k) - 1e6)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast.negatives"):
            forecast = model.predict(frame)
        said = [r.getMessage() for r in caplog.records if "below zero" in r.getMessage()][0]
        line = said[said.index("(forecast[") + 1: said.index(".clip(lower=0))") + len(".clip(lower=0)")]
        exec(line, {"forecast": forecast, "pd": pd})
        assert (forecast.select_dtypes("number") >= 0).all().all(), line


def test_a_quiet_block_as_tunes_trials_use_says_no_forecasts_below_zero(caplog, monkeypatch):
    """A reviewer's finding: the check sits in every part's forecast, so tune warned once per trial of validation
    scores no one reads as forecasts; `negatives.quiet` (tune's trials, a run's validation part) says nothing."""
    from rnncast import negatives
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()
    model = Forecaster(**TINY).fit(frame)
    _pushed_below(model, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        with negatives.quiet():
            model.evaluate(frame, part="val")
        assert "below zero" not in caplog.text
        model.evaluate(frame, part="val")
    assert caplog.text.count("below zero") == 1


def test_every_parts_forecasts_are_said_scored_not_all(caplog, monkeypatch):
    """t40t1 LOW: evaluate --part all said "none of the 2004 all forecasts of 'y'" (decision 2172)."""
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()
    model = Forecaster(**TINY).fit(frame)
    _pushed_below(model, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame, part="all")
    assert " scored forecasts of 'y'" in caplog.text and " all forecasts" not in caplog.text


def _far_below(monkeypatch, series_shift=None):
    """Backtest's window forecasts (and quantiles) moved 1e6 below, of every window or of ``series_shift``'s alone."""
    from rnncast import backtest
    made = backtest.forecast_windows

    def low(*a, **k):
        original, scaled = made(*a, **k)
        hit = np.ones(len(original.series), bool) if series_shift is None else original.series == series_shift
        original.y_pred[hit] -= 1e6
        if original.quantiles is not None:
            original.quantiles[hit] -= 1e6
        return original, scaled
    monkeypatch.setattr(backtest, "forecast_windows", low)


def test_backtest_says_its_windows_forecasts_below_zero_as_evaluate_does(caplog, monkeypatch):
    """A tester's finding: predict and evaluate warned of forecasts below zero of a target never negative; backtest's
    windows of the same model said nothing. Counted, with the series and the windows, once per backtest, refit too."""
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()  # never negative
    _far_below(monkeypatch, series_shift=1)
    for refit in (False, True):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            Forecaster(**TINY).backtest(frame, n_windows=2, refit=refit)
        said = [r.getMessage() for r in caplog.records if "below zero" in r.getMessage()]
        h = TINY["horizon"]
        assert len(said) == 1 and said[0].startswith(
            f"{2 * h} of the {3 * 2 * h} backtest forecasts of 'y' ('y_hat') are below zero (the least "), said
        assert "of series 's001' in window " in said[0] and "; in 1 series: 's001'; in 2 windows of 2: 0, 1)" in said[0]
        assert "the scores are of the forecasts as made, not clipped" in said[0]


def test_backtest_of_quantiles_and_of_one_series_names_levels_and_windows(caplog, monkeypatch):
    """A model of quantiles counts each level by its column (evaluate of one raised AxisError on its point forecasts
    taken as levels); one series names no id but its windows."""
    frame = make_panel(1, seed=2).drop(columns="unique_id")
    frame["y"] = frame["y"] - frame["y"].min()
    _far_below(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).backtest(frame, n_windows=3)
    said = [r.getMessage() for r in caplog.records if "below zero" in r.getMessage()]
    h = TINY["horizon"]
    assert len(said) == 1 and said[0].startswith(f"{3 * h} of the {3 * h} backtest forecasts of 'y' ('y_hat') and "
                                                 f"{3 * h} of its 0.1 quantiles ('y_q0.1'), "), said
    assert ", in window " in said[0] and "; in 3 windows of 3: 0, 1, 2)" in said[0] and "series" not in said[0]


def test_evaluate_of_a_quantile_model_below_zero_counts_each_level(caplog, monkeypatch):
    """The part's forecasts of a model of quantiles were handed over as [W, H, T] with the levels: AxisError."""
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()
    model = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame)
    _pushed_below(model, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    assert "of its 0.1 quantiles ('y_q0.1'), " in caplog.text and "of its 0.9 quantiles ('y_q0.9')" in caplog.text


def test_the_backtest_command_says_forecasts_below_zero_in_one_line(tmp_path, monkeypatch, caplog):
    from rnncast.cli import main
    frame = make_panel(2, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()
    frame.to_csv(tmp_path / "d.csv", index=False)
    _far_below(monkeypatch)
    with caplog.at_level(logging.WARNING):  # the command's logging line (rnncast: WARNING: ...) is this record
        assert main(["backtest", str(tmp_path / "d.csv"), "--n-windows", "2", "--lookback", str(TINY["lookback"]),
                     "--horizon", str(TINY["horizon"]), "--hidden-size", "8", "--epochs", "2", "--device", "cpu",
                     "--out", str(tmp_path / "bt")]) == 0
    lines = [r.getMessage() for r in caplog.records if "below zero" in r.getMessage()]
    assert len(lines) == 1 and "\n" not in lines[0] and "backtest forecasts of 'y' ('y_hat')" in lines[0]
    assert "in 2 series: 's000', 's001'; in 2 windows of 2: 0, 1)" in lines[0]


def _sunk(model, by=1e3):
    """The fitted network's every output moved ``by`` scaled units below zero (its head's bias), kept by a copy."""
    import torch
    with torch.no_grad():
        model.net_.head.bias -= by
    return model


def test_nonnegative_writes_and_scores_every_forecast_clipped_at_zero(tmp_path, caplog):
    """A user's request: counts and sales forecast below zero had to be clipped by hand, and the scores were of the
    forecasts as made. ``nonnegative=True`` clips predict's, evaluate's, predict_windows', predict_array's and
    backtest's forecasts (point and every quantile) at 0, scores them as written, and is saved with the model."""
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()
    settings = {**TINY, "quantiles": (0.1, 0.5, 0.9), "nonnegative": True}
    model = _sunk(Forecaster(**settings).fit(frame))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
        windows = model.predict_windows(frame, part="test")
        scores = model.evaluate(frame)
        backtest = Forecaster(**settings).backtest(frame, n_windows=2)
    assert "below zero" not in caplog.text
    assert (forecast.select_dtypes("number") >= 0).all().all() and (forecast["y_hat"] == 0).all()
    assert (windows.y_pred == 0).all() and (windows.quantiles == 0).all()
    mse = float(np.nanmean((windows.y_true - 0.0) ** 2))  # scored as written: every forecast 0
    assert np.isclose(scores["original"]["model"]["mse"], mse, rtol=1e-6)
    assert (backtest.forecasts.filter(regex=r"_hat$|_q").to_numpy() >= 0).all()
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.nonnegative is True and loaded.settings_.model.nonnegative is True
    assert (loaded.predict(frame).select_dtypes("number") >= 0).all().all()
    plain = _sunk(Forecaster(**{**settings, "nonnegative": False}).fit(frame))
    assert (plain.predict(frame)["y_hat"] < 0).all()  # without it, as made
    one = make_panel(1, seed=2).drop(columns="unique_id")
    one["y"] = one["y"] - one["y"].min()
    single = _sunk(Forecaster(**{**TINY, "nonnegative": True}).fit(one))
    x = one[["y"]].to_numpy()[None, -TINY["lookback"]:]
    assert (single.predict_array(x) == 0).all()


def test_the_below_zero_warning_names_the_setting_that_clips_and_the_flag_exists(caplog, monkeypatch):
    from rnncast.cli.parser import build_parser
    text = below_zero(np.array([[[-1.0]]]), np.array([[0.0]]), ["sales"], [None])
    assert text.endswith("clip(lower=0)), or fit with nonnegative=True (--nonnegative), which writes and scores every "
                         "forecast so")
    for command in ("fit", "backtest", "tune"):
        flags = build_parser().parse_args([command, "d.csv", "--nonnegative"])
        assert flags.nonnegative is True


def test_test_forecasts_csv_of_a_nonnegative_model_is_at_least_zero_exactly():
    """``test_forecasts.csv`` found each clipped forecast again through its scaler's float32 and wrote -3e-08 (72
    cells of one run, 168 of a keyed panel) where predict's and a backtest's were 0: the clip is now after every
    unscaling (``negatives.unscaled``), in original units, and a keyed panel's table is >= 0 exactly too."""
    from rnncast.testforecasts import table
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min() + 0.37  # an offset whose scaled zero is no round float32
    model = _sunk(Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9), "nonnegative": True}).fit(frame), by=3.0)
    written = table(model.state_, model.part_forecasts(frame, "test")).filter(regex=r"_hat$|_q")
    assert (written.to_numpy() >= 0).all() and (written.to_numpy() == 0).any()


def test_unscaled_clips_in_original_units_after_the_scaler():
    from types import SimpleNamespace
    from rnncast.negatives import unscaled
    state = lambda on: SimpleNamespace(settings=SimpleNamespace(model=SimpleNamespace(nonnegative=on)))  # noqa: E731
    offset, scale = np.array([[7.3]]), np.array([[2.9]])
    y = np.full((1, 2, 1), np.float32(-7.3 / 2.9) - np.float32(1e-6), np.float32)  # just below the scaled zero
    assert (unscaled(state(True), y, np.array([0]), offset, scale) == 0).all()
    assert (unscaled(state(False), y, np.array([0]), offset, scale) < 0).all()


def test_nonnegative_on_training_values_below_zero_is_said_once_at_fit_and_at_backtest(caplog):
    """A tester's finding: nonnegative=True on a target often below zero (647 of 1200 values of sales - 3) was fit,
    evaluated and backtested without a word while 61.6% of the forecasts came out 0. Fit and backtest now warn once:
    how many training values are below zero, the least, in how many series, and that every forecast below 0 is
    written as 0. Not a refusal (a few negative corrections in sales data are real); nothing said without the setting
    or without a value below zero."""
    frame = make_panel(3, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()
    frame.loc[frame.index[[0, 1, 2]], "y"] = [-1.5, -0.25, -2.0]  # all in the first series' training rows
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "nonnegative": True, "epochs": 1}).fit(frame)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("nonnegative=True")]
    assert len(said) == 1 and said[0].startswith("nonnegative=True (--nonnegative), but 3 of the ")
    assert (" training values of 'y' are below zero (the least -2; in 1 of the 3 series: series 's000' from 2024-01-06 10:00:00 to "
            "2024-01-06 12:00:00, 3 values): every forecast below 0 is written as 0 (and scored so)") in said[0], said[0]
    assert said[0].endswith("where it cannot (a concentration) these values are the fault: blank them and fit with "
                            "--fill interpolate")  # the run named, and the remedy for a floor (decision 2237)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "nonnegative": True, "epochs": 1}).backtest(frame, n_windows=2, refit=True)
        Forecaster(**{**TINY, "epochs": 1}).fit(frame)  # the setting left out: nothing said
    assert sum(r.getMessage().startswith("nonnegative=True") for r in caplog.records) == 1  # once, not per refit
    frame["y"] = frame["y"].clip(lower=0)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "nonnegative": True, "epochs": 1}).fit(frame)
    assert not any(r.getMessage().startswith("nonnegative=True") for r in caplog.records)


FO = {**TINY, "target_input": False, "window_norm": "none", "highway": False}  # a model of the features alone


def test_a_features_only_model_judges_never_negative_by_the_datas_own_target_or_the_fits_never_the_stand_in(caplog):
    """A tester's finding: a features-only model's predict warned "though the data's 'y' is never negative" of a y
    that is never above -15: the check read the stood-in column (the training mean, a constant), not the data."""
    rng = np.random.default_rng(3)
    a = rng.normal(0, 1, 120)
    frame = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=120, freq="h"), "a": a, "y": a - 20})
    low = Forecaster(**FO).fit(frame, target="y", features=["a"])
    _sunk(low, -1e3)  # every forecast far above zero: then far below, by the other model
    high = Forecaster(**FO).fit(frame.assign(y=frame["a"] + 20), target="y",
                                                             features=["a"])
    _sunk(high)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        _sunk(low, 2e3).predict(frame)  # the data's y: all below zero
        low.predict(frame.drop(columns="y"))  # no y: the fit's, all below zero
        assert "below zero" not in caplog.text
        high.predict(frame.assign(y=frame["a"] + 20))
        assert "though the data's 'y' is never negative" in caplog.text
        caplog.clear()
        high.predict(frame.drop(columns="y"))
        assert "though the 'y' the model was fitted on is never negative" in caplog.text
        caplog.clear()
        high.predict(frame.assign(y=-1.0))  # the data's own y, below zero: no claim it never is
        assert "below zero" not in caplog.text


def test_a_wide_fits_training_values_below_zero_are_named_by_their_columns(caplog):
    """A tester's finding: a wide --nonnegative fit (--series y1,y2,y3) warned "47 of the 308 training values of 'y'
    are below zero", a column the data does not have."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=80, freq="D"), "y1": rng.uniform(1, 2, 80),
                          "y2": rng.uniform(1, 2, 80), "y3": rng.uniform(1, 2, 80)})
    frame.loc[[0, 1], "y1"] = -1.0
    frame.loc[[3], "y3"] = -0.5
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "nonnegative": True, "epochs": 1}).fit(frame, series=["y1", "y2", "y3"])
    said = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("nonnegative=True"))
    assert ("but 3 of the 168 training values of the series' columns 'y1' (2), 'y3' (1) are below zero (the least "
            "-1; in 2 of the 3 columns: column 'y1' from 2024-01-01 to 2024-01-02, 2 values; column 'y3' from "
            "2024-01-04 to 2024-01-04, 1 value)") in said and "'y'" not in said, said


def test_a_wide_models_forecasts_below_zero_are_named_by_the_series_columns(caplog, monkeypatch):
    """The forecast warning of a wide model (--series y1,y2,y3) led with "forecasts of 'y'", the one target's inner name,
    no column of the data; it names the series' columns, each with its count, as fit's training values do (1172)."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=80, freq="D"), "y1": rng.uniform(1, 2, 80),
                          "y2": rng.uniform(1, 2, 80), "y3": rng.uniform(1, 2, 80)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, series=["y1", "y2", "y3"])
    _pushed_below(model, monkeypatch)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
        model.evaluate(frame)
    said = [r.getMessage() for r in caplog.records if "below zero" in r.getMessage()]
    h = TINY["horizon"]
    assert len(said) == 2 and said[0].startswith(
        f"{3 * h} of the {3 * h} forecasts of the series' columns 'y1' ({h}), 'y2' ({h}), 'y3' ({h}) ('y_hat') are "
        "below zero (the least "), said
    assert " test forecasts of the series' columns 'y1' (" in said[1] and "though the data's columns are never" in said[1]
    assert all("of 'y'" not in s and "data's 'y'" not in s and " series: " not in s for s in said)


def test_float_rounding_of_a_zero_forecast_is_not_said_below_zero(caplog):
    """A tester's ETTm1 MUFL (decision 1301): an untrained model repeating exact zeros wrote -2.5e-07 after the scaler,
    and 14400 of 202320 test forecasts were said to be below zero. Here an untrained model (lr 1e-9) of a series
    whose test rows are all 0 wrote -4.1e-08 for 174 of 174; a forecast below zero beyond rounding still warns."""
    y = np.abs(np.random.default_rng(0).normal(3.3, 1, 300))
    y[150:] = 0.0
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=300, freq="h"), "y": y})
    model = Forecaster(**{**TINY, "epochs": 1, "lr": 1e-9}).fit(frame)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    assert "below zero" not in caplog.text
    forecasts = np.array([[[-2.5e-7], [-1e-4]]])  # [W=1, H=2, T=1]; the series' largest magnitude 20: 1.9e-05
    text = below_zero(forecasts, np.array([[0.0], [20.0]]), ["y"], [None], tolerance=np.array([[20 * 9.5e-7]]))
    assert text.startswith("1 of the 2 test forecasts of 'y' ('y_hat') are below zero (the least -0.0001)")


def test_predict_of_a_nonnegative_model_says_how_many_forecasts_it_wrote_as_zero(caplog):
    """A --nonnegative model fit on temperatures wrote 0.0 for every winter forecast at predict without a word (fit
    warned of the training rows); one warning now counts them (decision 1578)."""
    def state(nonnegative, quantiles=()):
        return SimpleNamespace(settings=SimpleNamespace(model=SimpleNamespace(nonnegative=nonnegative,
                                                                              quantiles=quantiles)))

    y = np.array([[[-2.5], [-1.0], [0.5]], [[1.0], [2.0], [-0.25]]])  # [S, H, T] scaled
    offset, scale = np.zeros((2, 1)), np.ones((2, 1))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        out = negatives.predicted(state(True), y, offset, scale)
    assert out.min() == 0.0 and out[0, 2, 0] == 0.5
    assert "3 of the 6 point forecasts were below 0 and are written as 0, as nonnegative=True" in caplog.text
    assert "(the least -2.5)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert negatives.predicted(state(False), y, offset, scale).min() == -2.5  # not clipped: nothing to say
        quantiles = np.stack([y - 1.0, y, y + 1.0], axis=-1)  # [S, H, T, Q]: the median is the point
        negatives.predicted(state(True, (0.1, 0.5, 0.9)), quantiles, offset, scale)
    assert caplog.text.count("point forecasts") == 1 and "3 of the 6 point forecasts" in caplog.text


def test_one_spike_does_not_widen_the_rounding_so_far_that_a_written_negative_goes_uncounted():
    """t33t2 LOW 9: Tokyo volume with one bar of 378,528 shares: 8 float32 epsilons of the largest magnitude let
    forecasts down to -0.36 count as a rounded zero, and the warning said 2136 where test_forecasts.csv holds 2138
    negative values (-0.135, -0.266). The rounding is of the mean magnitude and the spread now (decision 1645)."""
    volume = np.full(3300, 220.0)
    volume[1000] = 378528.0
    panel = SimpleNamespace(target_least=None, n_series=1, rows=lambda s: volume[:, None])
    tolerance = negatives.rounding(SimpleNamespace(targets=["volume"]), panel, np.zeros(4, np.int64))
    assert tolerance.shape == (4, 1) and tolerance.max() < 0.01, tolerance  # it was 0.36
    assert tolerance.min() > 3e-5  # -2.5e-07 of a float32 zero still within it
    forecasts = np.array([[[-0.135], [-0.266], [-1e-4], [5.0]]] * 4)  # [W=4, H=4, T=1]
    text = below_zero(forecasts, volume[:, None], ["volume"], [None] * 4, tolerance=tolerance)
    assert text.startswith("8 of the 16 test forecasts of 'volume' ('volume_hat') are below zero"), text


def test_written_zero_counts_the_point_forecasts_and_each_quantile_level_in_one_line(caplog):
    """A planner's --nonnegative fit wrote 2708 of 6240 test q0.1 forecasts as 0 and said nothing; predict wrote all
    24 as 0 and warned only of point forecasts (t36t2, decision 1895)."""
    low = np.zeros((2, 3, 1, 3), bool)
    low[0, :, 0, 0] = True  # three 0.1 quantiles, no median
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        text = negatives.written_zero(low, (0.1, 0.5, 0.9))
    assert text == ("none of the 6 test point forecasts but 3 of the 6 0.1 quantiles were below 0 and are written as 0 "
                    "(and scored so), as nonnegative=True (--nonnegative, given at fit) asks") and caplog.text.count(
        "\n") == 1  # evaluate has no --nonnegative: the fit's (r36r4, decision 1947)
    assert negatives.written_zero(low, (0.1, 0.5, 0.9), "backtest").endswith("(--nonnegative) asks")  # its own flag
    low[1, 0, 0, :] = True
    assert negatives.written_zero(low, (0.1, 0.5, 0.9), "", "-2.5") == (
        "1 of the 6 point forecasts, 4 of the 6 0.1 quantiles, 1 of the 6 0.9 quantiles were below 0 and are written "
        "as 0, as nonnegative=True (--nonnegative, given at fit) asks (the least -2.5)")
    assert negatives.written_zero(np.zeros((2, 3, 1), bool)) is None


def test_evaluate_and_backtest_of_a_nonnegative_model_say_how_many_they_wrote_as_zero(caplog, monkeypatch):
    frame = make_panel(2, seed=2)
    frame["y"] = frame["y"] - frame["y"].min()
    settings = {**TINY, "quantiles": (0.1, 0.5, 0.9), "nonnegative": True, "epochs": 1}
    model = _sunk(Forecaster(**settings).fit(frame))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    (said,) = [r.getMessage() for r in caplog.records if "written as 0" in r.getMessage()]
    assert re.match(r"(\d+) of the \1 test point forecasts, \1 of the \1 0.1 quantiles, \1 of the \1 0.9 quantiles "
                    r"were below 0 and are written as 0 \(and scored so\)", said)
    from rnncast import backtest
    made = backtest.forecast_windows

    def clipped(*a, **k):  # every forecast below 0 and clipped by the model, as a sunk network's are
        original, scaled = made(*a, **k)
        original.y_pred[:], original.quantiles[:] = 0.0, 0.0
        return original, scaled
    monkeypatch.setattr(backtest, "forecast_windows", clipped)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**settings).backtest(frame, n_windows=2)
    (said,) = [r.getMessage() for r in caplog.records if "written as 0" in r.getMessage()]
    assert re.match(r"\d+ of the \d+ backtest point forecasts, ", said)

def test_a_forecast_from_an_outage_names_it_as_the_cause_and_does_not_advise_clipping(caplog):
    """t36t6: site05's input ended in 7 days of 0; clipping its forecast at 0 kept a forecast made from an outage."""
    cause = "the 7 values of 0 of series 'site05' its input ends in"
    text = below_zero(np.array([[[-1.0]]]), np.array([[0.0]]), ["y"], ["site05"], "", cause=cause)
    assert f"though the data's 'y' is never negative: most likely from {cause}, an outage (said above)" in text
    assert "clip(lower=0)" not in text and "nonnegative" not in text
    assert text.endswith("clipping them at 0 would keep a forecast made from it: give the rows up to the last real "
                         "reading instead")
