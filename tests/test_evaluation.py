"""Evaluation (``evaluation.py``): the scores of a model's window forecasts beside its baselines, in
original and in scaled units, MASE against each series' in-sample naive error, pooled over series
or one entry per series, the Diebold–Mariano comparison, and interval scores for quantile models."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel, yearly_stations
from rnncast import Forecaster
from rnncast import evaluation, forecasttimes, metrics, seriesr2
from rnncast.windowforecasts import PartForecasts, WindowForecasts, take
from test_bandcounts import REASON

L, H = TINY["lookback"], TINY["horizon"]


# ---- on hand-made window forecasts ------------------------------------------------------------

def _windows(unit: float = 1.0, quantiles: bool = False) -> WindowForecasts:
    """Four windows of two series (a, a, b, b), horizon 2, one target, in units of ``unit``: the model
    is off by 1 in series a and by 2 in series b, the repeat baseline by -3 everywhere."""
    y_true = np.arange(8.0).reshape(4, 2, 1) * unit
    errors = np.array([1.0, 1.0, 2.0, 2.0])[:, None, None] * unit
    bands = np.stack([y_true - unit, y_true, y_true + unit], axis=-1) if quantiles else None  # [W, H, T, Q]
    return WindowForecasts(starts=np.arange(4), target_rows=np.arange(4) + 5, y_true=y_true, y_pred=y_true + errors,
                           baselines={"repeat": y_true - 3.0 * unit}, time=None, series=np.array([0, 0, 1, 1]),
                           ids=["a", "b"], quantiles=bands, levels=(0.1, 0.5, 0.9) if quantiles else ())


def test_scores_in_both_units_with_mase_against_each_series_naive_error():
    forecasts = PartForecasts(original=_windows(), scaled=_windows(unit=0.5), mase_scales=np.array([[2.0], [4.0]]),
                              ids=["a", "b"])
    result = evaluation.evaluate(forecasts, by_series=True)
    assert (result["windows"], result["horizon"]) == (4, 2)
    model, repeat = result["original"]["model"], result["original"]["repeat"]
    assert model["mse"] == pytest.approx((1 + 1 + 4 + 4) / 4) and model["mae"] == pytest.approx(1.5)
    assert repeat["mse"] == pytest.approx(9.0) and repeat["mae"] == pytest.approx(3.0)
    assert result["scaled"]["model"]["mse"] == pytest.approx(model["mse"] * 0.25)  # half the units, a quarter the MSE
    assert model["mase"] == pytest.approx(0.5)  # 1 / 2 in series a, 2 / 4 in series b
    assert repeat["mase"] == pytest.approx((3 / 2 + 3 / 4) / 2)
    assert result["series"]["a"]["windows"] == 2 and result["series"]["a"]["model"]["mse"] == pytest.approx(1.0)
    b = result["series"]["b"]["model"]
    assert b["mse"] == pytest.approx(4.0) and b["mase"] == pytest.approx(0.5)
    better = result["significance"]["repeat"]
    assert set(result["significance"]) == {"repeat"} and better["statistic"] < 0 and better["p_value"] < 0.5


def test_each_series_of_several_targets_has_each_targets_scores_in_its_own_units():
    """A tester's finding (t30t10): evaluate(by_series=True) of sales and visits gave each store one MSE averaging
    sales² with visits²; its ``by_target`` held pinball and coverage only, no per-target MSE or MASE of a store."""
    two = _windows()
    wide = lambda wf, k: WindowForecasts(wf.starts, wf.target_rows, np.concatenate([wf.y_true, k * wf.y_true], -1),  # noqa: E731
                                         np.concatenate([wf.y_pred, k * wf.y_pred], -1),
                                         {n: np.concatenate([b, k * b], -1) for n, b in wf.baselines.items()},
                                         None, series=wf.series, ids=wf.ids)
    forecasts = PartForecasts(original=wide(two, 10.0), scaled=wide(_windows(unit=0.5), 10.0),
                              mase_scales=np.array([[2.0, 5.0], [4.0, 10.0]]), ids=["a", "b"])
    result = evaluation.evaluate(forecasts, by_series=True)
    a = result["series"]["a"]["by_target"]
    assert len(a) == 2
    first, second = a.values()
    assert first["model"]["mse"] == pytest.approx(1.0) and second["model"]["mse"] == pytest.approx(100.0)  # own units
    assert first["model"]["mase"] == pytest.approx(0.5) and second["model"]["mase"] == pytest.approx(2.0)
    assert result["series"]["a"]["model"]["mse"] == pytest.approx(50.5)  # the pooled block: the targets' mean, as before
    one = evaluation.evaluate(PartForecasts(original=_windows(), scaled=_windows(unit=0.5),
                                            mase_scales=np.array([[2.0], [4.0]]), ids=["a", "b"]), by_series=True)
    assert "by_target" not in one["series"]["a"]  # one target: its scores are the series' own


def _series_windows(copies: int, n: int = 80) -> WindowForecasts:
    """``copies`` series with the same errors at the same 80 weekly times (one window each, horizon 1):
    the model off by noise of spread 1, the repeat baseline by spread 1.15."""
    rng = np.random.default_rng(7)
    model, repeat = rng.normal(0, 1.0, (n, 1, 1)), rng.normal(0, 1.15, (n, 1, 1))
    time = pd.date_range("2020-01-05", periods=n + 10, freq="W-SUN")
    tile = lambda a: np.tile(a, (copies, 1, 1))  # noqa: E731
    return WindowForecasts(starts=np.tile(np.arange(n), copies), target_rows=np.tile(np.arange(n) + 5, copies),
                           y_true=tile(np.zeros((n, 1, 1))), y_pred=tile(model), baselines={"repeat": tile(repeat)},
                           time=time if copies == 1 else None, series=np.repeat(np.arange(copies), n),
                           ids=[str(k) for k in range(copies)], times=[time] * copies)


def test_a_panels_diebold_mariano_test_counts_each_forecast_time_once():
    """Series seen at one time may share its shocks: evaluate's test sums a panel's differentials per
    forecast time, so five series that repeat one series' errors are no more evidence than that series."""
    one = evaluation.evaluate(PartForecasts(_series_windows(1), _series_windows(1), np.ones((1, 1)), ["0"]))
    five = evaluation.evaluate(PartForecasts(_series_windows(5), _series_windows(5), np.ones((5, 1)), list("01234")))
    assert five["significance"]["repeat"]["p_value"] == pytest.approx(one["significance"]["repeat"]["p_value"])
    assert five["significance"]["repeat"]["times"] == 80
    assert list(forecasttimes.forecast_times(_series_windows(5))[::80]) == [0] * 5  # every series' first window at time 0


def test_a_panels_r2_is_each_series_own_in_both_blocks_not_the_level_gap():
    """A newcomer read R² 0.99 for the model and 0.976 for the training mean of stores at different
    levels, while the model lost to seasonal naive: pooled, the level gap counts as explained."""
    rng = np.random.default_rng(3)
    y_true = np.concatenate([10 + rng.normal(size=(30, 1, 1)), 1000 + rng.normal(size=(30, 1, 1))])
    series = np.repeat([0, 1], 30)
    level = np.where(series == 0, 10.0, 1000.0)[:, None, None]
    wf = WindowForecasts(starts=np.tile(np.arange(30), 2), target_rows=np.tile(np.arange(30) + 5, 2), y_true=y_true,
                         y_pred=y_true + rng.normal(0, 0.8, y_true.shape), baselines={"mean": np.broadcast_to(level, y_true.shape)},
                         time=None, series=series, ids=["a", "b"])
    result = evaluation.evaluate(PartForecasts(wf, wf, np.ones((2, 1)), ["a", "b"]))
    assert result["original"]["mean"]["r2"] < 0.05  # pooled it would be above 0.99
    assert result["original"]["model"]["r2"] == pytest.approx(np.mean(
        [metrics.r2(y_true[series == s], wf.y_pred[series == s]) for s in (0, 1)]))
    assert result["scaled"]["model"]["r2"] == result["original"]["model"]["r2"]  # it has no units
    assert result["r2_by_series"] == {"series": 2, "of": 2}
    assert "r2_by_series" not in evaluation.evaluate(PartForecasts(_two_targets(), _two_targets(), np.ones((1, 2)), [None]))


def test_the_models_r2_per_series_is_computed_once_for_its_score_and_its_count(monkeypatch):
    """evaluate computed the model's R² per series for its score, then again for how many series it averages."""
    called = []
    real = seriesr2.r2_by_series
    monkeypatch.setattr(seriesr2, "r2_by_series", lambda y, p, *rest: called.append(p) or real(y, p, *rest))
    wf = _windows()
    result = evaluation.evaluate(PartForecasts(wf, _windows(unit=0.5), np.array([[2.0], [4.0]]), ["a", "b"]))
    assert result["r2_by_series"] == {"series": 2, "of": 2}
    assert sum(p is wf.y_pred for p in called) == 1  # once in original units (the scaled block's is its own)


def test_interval_scores_are_the_models_only():
    result = evaluation.scores(_windows(quantiles=True), np.ones((4, 1)))
    assert result["model"]["coverage_80"] == 1.0  # every truth inside [y - 1, y + 1]
    assert result["model"]["pinball"] == pytest.approx((0.1 * 1 + 0 + 0.1 * 1) / 3)
    assert "coverage_80" not in result["repeat"] and "pinball" not in result["repeat"]


def test_a_baseline_with_intervals_is_scored_as_the_model_is_in_both_units():
    wf, scaled = _windows(quantiles=True), _windows(unit=0.5, quantiles=True)
    wf.baseline_quantiles = {"repeat": wf.baselines["repeat"][..., None] + np.array([-4.0, 0.0, 4.0])}  # [W, H, T, Q]
    scaled.baseline_quantiles = {"repeat": scaled.baselines["repeat"][..., None] + np.array([-2.0, 0.0, 2.0])}
    result = evaluation.scores(wf, np.ones((4, 1)), scaled)
    assert result["repeat"]["coverage_80"] == 1.0  # truth 3 above the forecast, inside [-4, +4]
    assert result["repeat"]["pinball"] == pytest.approx((0.1 * 7 + 0.5 * 3 + 0.1 * 1) / 3)  # in original units


def test_a_baseline_without_an_interval_for_one_series_is_scored_on_the_others_and_says_what_it_left_out():
    """Decision 1876: series b has no seasonal band (too few training windows with a season before them). Its NaN made
    the baseline's pinball loss and coverage NaN for the whole panel, and each level's share of actuals at or below it
    0.0 (NaN compares False); now they are series a's alone, and the block says what was left out."""
    wf, scaled = _windows(quantiles=True), _windows(unit=0.5, quantiles=True)
    for each, unit in ((wf, 1.0), (scaled, 0.5)):
        band = each.baselines["repeat"][..., None] + unit * np.array([-4.0, 0.0, 4.0])
        band[2:] = np.nan  # series b: no interval
        each.baseline_quantiles = {"repeat": band}
    result = evaluation.scores(wf, np.ones((4, 1)), scaled)
    alone = evaluation.scores(take(wf, np.arange(2)), np.ones((2, 1)), take(scaled, np.arange(2)))
    for key in ("pinball", "coverage_80"):
        assert result["repeat"][key] == pytest.approx(alone["repeat"][key]) and np.isfinite(result["repeat"][key])
    assert result["repeat"]["by_level"] == alone["repeat"]["by_level"]  # 4 values, not 8 with 4 counted as not below
    left = result["repeat"]["intervals_left_out"]
    assert {k: v for k, v in left.items() if k != "model"} == {
        "values": 4, "of": 8, "windows": 2, "of_windows": 4, "series": 1, "of_series": 2, "fewest": 9,
        "unlearned": 0, "unlearned_series": 0, "reason": REASON}
    # decision 1909: the model's scores on the same values, which the verdict weighs the baseline's against
    assert left["model"] == {k: alone["model"][k] for k in ("pinball", "wql", "coverage_80", "msis_80")}
    assert "intervals_left_out" not in alone["repeat"] and "intervals_left_out" not in result["model"]
    assert "step_counts" in result["repeat"]["by_level"]  # the block the coverage test reads counts each step
    counted = evaluation.interval_scores(wf, scaled, step_counts=False)  # r38r2 M3: the left-out scores' (decision 2071)
    assert "step_counts" not in counted["by_level"] and counted["pinball"] == evaluation.interval_scores(wf, scaled)["pinball"]
    for each in (wf, scaled):
        each.baseline_quantiles["repeat"][:] = np.nan  # none at all: not computed, never 0.0
    nothing = evaluation.scores(wf, np.ones((4, 1)), scaled)["repeat"]
    assert "model" not in nothing["intervals_left_out"]  # no value to weigh it on
    assert np.isnan(nothing["pinball"]) and np.isnan(nothing["coverage_80"])
    assert all(np.isnan(nothing["by_level"][level]["below"]) for level in ("0.1", "0.5", "0.9"))


def _two_targets(unit_b: float = 1.0) -> WindowForecasts:
    """Ten windows, horizon 1, targets "calm" and "wild" (in units of ``unit_b``): the 0.1-0.9 band
    is [y - 1, y + 1] of a forecast y; calm misses by 0.5 (always inside), wild by 2 on 6 windows of 10."""
    miss = np.stack([np.full(10, 0.5), np.where(np.arange(10) < 6, 2.0, 0.0) * unit_b], axis=-1)[:, None, :]  # [W, 1, 2]
    y_true = np.zeros((10, 1, 2))
    centre = y_true + miss
    width = np.array([1.0, unit_b])
    bands = np.stack([centre - width, centre, centre + width], axis=-1)  # [W, H, T, Q]
    return WindowForecasts(starts=np.arange(10), target_rows=np.arange(10) + 5, y_true=y_true, y_pred=centre,
                           baselines={"repeat": y_true + 1.0}, time=None, series=np.zeros(10, int), ids=[None],
                           quantiles=bands, levels=(0.1, 0.5, 0.9), targets=["calm", "wild"])


def test_several_targets_get_each_targets_coverage_and_pinball_beside_the_pooled_ones():
    """A newcomer saw a pooled 80 % beside targets at 49 % and 97 %: each target's own figures are
    reported beside the pooled ones, the pinball loss in the block's units, coverage without units."""
    result = evaluation.evaluate(PartForecasts(_two_targets(), _two_targets(unit_b=0.5), np.ones((1, 2)), [None]))
    model = result["original"]["model"]
    assert model["coverage_80"] == pytest.approx(0.7)  # pooled: 10 + 4 of 20 values inside
    calm, wild = model["by_target"]["calm"], model["by_target"]["wild"]
    assert calm["coverage_80"] == 1.0 and wild["coverage_80"] == pytest.approx(0.4)
    assert calm["pinball"] == pytest.approx((0.1 * 0.5 + 0.5 * 0.5 + 0.1 * 1.5) / 3)  # levels at -0.5, 0.5, 1.5; truth 0
    assert model["pinball"] == pytest.approx((calm["pinball"] + wild["pinball"]) / 2)
    scaled = result["scaled"]["model"]["by_target"]
    assert scaled["wild"]["pinball"] == pytest.approx(wild["pinball"] / 2) and scaled["wild"]["coverage_80"] == pytest.approx(0.4)
    assert "by_target" not in result["original"]["repeat"]
    assert "step_counts" in model["by_level"] and "step_counts" not in wild["by_level"]  # none tested (decision 2075)
    one = evaluation.scores(_windows(quantiles=True), np.ones((4, 1)))
    assert "by_target" not in one["model"]  # one target: the pooled figures are its own


# ---- through a fitted model -------------------------------------------------------------------------

def test_evaluate_reports_model_and_baselines_in_both_units(fitted, data):
    result = fitted.evaluate(data, part="all")
    assert result["windows"] == len(data) - L - H + 1 and result["horizon"] == H
    for units in ("original", "scaled"):
        assert set(result[units]) == {"model", "repeat", "mean"}
        for scores in result[units].values():
            assert {"mse", "mae", "rmse", "r2"} <= set(scores)
            assert all(np.isfinite(v) for v in scores.values())


def test_scaled_mse_is_original_mse_over_the_target_scale_squared(fitted, data):
    result = fitted.evaluate(data)
    scale = fitted.scaler_.scale[0]
    for name in ("model", "repeat", "mean"):
        assert result["scaled"][name]["mse"] == pytest.approx(result["original"][name]["mse"] / scale**2, rel=1e-4)


def test_model_metrics_match_its_window_forecasts(fitted, data):
    wf = fitted.predict_windows(data, part="test")
    assert len(wf.starts) == fitted.split_.end - fitted.split_.val_end - H + 1
    assert fitted.evaluate(data, part="test")["original"]["model"]["mse"] == pytest.approx(
        np.mean((wf.y_pred.astype(np.float64) - wf.y_true) ** 2), rel=1e-9)


def test_evaluate_pools_the_series_and_can_score_each(panel_fitted, panel_frame):
    result = panel_fitted.evaluate(panel_frame, part="test", by_series=True)
    assert set(result["series"]) == set(panel_fitted.ids_)
    assert result["windows"] == sum(r["windows"] for r in result["series"].values())
    assert {"mse", "mae", "mase", "smape_pct", "mape_pct"} <= set(result["original"]["model"])


def test_one_series_without_an_id_is_keyed_by_its_targets_name_not_none(fitted, data):
    """It was keyed None, which json writes as null; a wide table's series are keyed by their columns' names."""
    import json

    result = fitted.evaluate(data, by_series=True)
    assert list(result["series"]) == ["y"]
    assert result["series"]["y"]["model"] == result["original"]["model"]
    assert '"series": {"y": {' in json.dumps(result, default=str)
    assert evaluation.series_key("s1", ["y"]) == "s1" and evaluation.series_key(7, ["y"]) == 7  # an id as given
    assert evaluation.series_key(None, ["y", "z"]) == "y, z"


def test_a_channel_independent_quantile_model_scores_each_targets_intervals():
    frame = make_frame(200).assign(z=lambda f: 5 * f["x"] + f["y"])
    model = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}, channel_independent=True).fit(frame, target=["y", "z"])
    result = model.evaluate(frame, by_series=True)
    wf = model.part_forecasts(frame).scaled
    for t, name in enumerate(["y", "z"]):
        inside = (wf.y_true[..., t] >= wf.quantiles[..., t, 0]) & (wf.y_true[..., t] <= wf.quantiles[..., t, 2])
        for block in (result["original"], result["scaled"], result["series"]["y, z"]):  # one series: its targets
            assert block["model"]["by_target"][name]["coverage_80"] == pytest.approx(inside.mean())


def test_evaluate_adds_pinball_and_coverage_for_quantile_models_only(quantile_model):
    data = make_frame(200)
    model = quantile_model.evaluate(data, part="test")["original"]["model"]
    assert {"pinball", "coverage_80"} <= set(model) and 0 <= model["coverage_80"] <= 1
    point = Forecaster(**TINY).fit(data, target="y", features=["x"])
    assert "coverage_80" not in point.evaluate(data)["original"]["model"]


def test_mase_is_the_same_in_both_blocks_and_percentages_only_in_original_units():
    t = np.arange(200)
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=200, freq="D"), "y": 10 + np.sin(2 * np.pi * t / 7)})
    result = Forecaster(**TINY).fit(frame, target="y").evaluate(frame, part="test")
    for name in result["original"]:
        assert result["scaled"][name]["mase"] == result["original"][name]["mase"]
        assert "mape_pct" not in result["scaled"][name] and "mape_pct" in result["original"][name]
        assert "smape_pct" not in result["scaled"][name] and "smape_pct" in result["original"][name]


def test_a_constant_series_in_a_panel_leaves_mase_defined_and_says_so():
    frame = make_panel(3, seed=5)
    frame.loc[frame.unique_id == "s001", "y"] = 7.0  # never changes: a zero naive error
    result = Forecaster(**TINY).fit(frame).evaluate(frame, part="test")
    assert np.isfinite(result["original"]["model"]["mase"]) and np.isfinite(result["original"]["repeat"]["mase"])
    assert result["mase_excluded"]["series"] == ["s001"] and result["mase_excluded"]["count"] == 1
    assert result["mase_excluded"]["causes"] == {"constant": 1} and "never change" in result["mase_excluded"]["why"]


def test_a_series_that_repeats_every_season_is_excluded_as_perfect_for_seasonal_naive_not_as_constant():
    """A weekly pattern tiled over the days has a zero in-sample seasonal-naive error; every message said its
    training rows never change (decision 909)."""
    weekly = pd.DataFrame({"unique_id": "weekly", "ds": pd.date_range("2024-01-01", periods=168, freq="h"),
                           "y": np.tile([10, 12, 15, 11, 9, 20, 25.0], 24)})
    frame = pd.concat([make_panel(2, seed=5), weekly], ignore_index=True)
    model = Forecaster(**{**TINY, "season": 7}).fit(frame)
    assert model.mase_scales_[model.ids_.index("weekly"), 0] == 0.0
    result = model.evaluate(frame, part="test")
    excluded = result["mase_excluded"]
    assert excluded["series"] == ["weekly"] and excluded["causes"] == {"repeats": 1} and excluded["season"] == 7
    assert "repeat exactly every 7 steps" in excluded["why"] and "never change" not in excluded["why"]


def test_mase_excluded_names_each_cause_and_a_model_without_causes_claims_none():
    scales = np.array([[0.0], [0.0], [np.nan], [2.0]])
    codes = np.array([[1], [2], [0], [0]])
    excluded = evaluation.mase_excluded(scales, ["a", "b", "c", "d"], codes, 7)
    assert excluded["causes"] == {"constant": 1, "repeats": 1, "unobserved": 1} and excluded["count"] == 3
    assert excluded["unobserved"] == 1 and "never change" in excluded["why"] and "every 7 steps" in excluded["why"]
    before = evaluation.mase_excluded(scales[:1], ["a"], None, 7)  # a model saved before the causes were kept
    assert before["causes"] == {"unknown": 1} and "never change" not in before["why"]
    dry = evaluation.mase_excluded(np.array([[0.0]]), ["DESERT"], np.array([[4]]), 365, ["rain_mm"])  # decision 1572
    assert not dry["demand"] and "(no nonzero value in those rows)" in dry["why"] and "demand" not in dry["why"]


def _sticky(n: int = 600, seed: int = 3) -> pd.DataFrame:
    """A price that moves on 4 % of the rows and otherwise repeats its last value exactly."""
    rng = np.random.default_rng(seed)
    moves = rng.random(n) < 0.04
    return pd.DataFrame({"y": 100.123456789 + np.cumsum(np.where(moves, rng.normal(0, 1.5, n), 0.0))})


def test_a_value_the_interval_repeats_counts_as_covered():
    """Untrained, every level of a sticky price is its last value (the training errors' quantiles
    are 0); a test value that repeats it lies on the interval. In original units the float32
    forecast lands a rounding step beside it, so coverage is counted where both share float32's
    grid: every repeated value is inside, in both blocks and per series."""
    frame = _sticky()
    model = Forecaster(**{**TINY, "epochs": 1, "lr": 1e-9}, quantiles=(0.1, 0.5, 0.9)).fit(frame, target="y")
    result = model.evaluate(frame, by_series=True)
    wf = model.part_forecasts(frame).scaled
    repeated = wf.y_true == wf.quantiles[..., 0]  # [W, H, T]: the interval is that one value
    assert repeated.mean() > 0.5
    inside = (wf.y_true >= wf.quantiles[..., 0]) & (wf.y_true <= wf.quantiles[..., 2])
    for block in (result["original"], result["scaled"], *result["series"].values()):
        assert block["model"]["coverage_80"] == pytest.approx(inside.mean())
    assert result["original"]["model"]["coverage_80"] >= repeated.mean()


def test_evaluate_notes_mape_and_smape_where_actual_values_are_zero():
    """An intermittent series (half its values 0): MAPE was over the others and sMAPE 200 % at each 0, unsaid."""
    y = np.maximum(np.sin(0.3 * np.arange(300)), 0) * 10
    frame = pd.DataFrame({"y": y})
    result = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y").evaluate(frame)
    zeros = result["zero_actuals"]
    assert 0 < zeros["zeros"] < zeros["values"] == result["windows"] * result["horizon"]
    assert f"MAPE is over the {zeros['values'] - zeros['zeros']} of {zeros['values']} forecast steps" in result["notes"][0]
    assert "sMAPE counts 200 %, its bound" in result["notes"][0]
    assert zeros["text"] == result["notes"][0]  # metrics.json says what the page and the terminal say (decision 848)
    assert "zero_actuals" not in Forecaster(**{**TINY, "epochs": 1}).fit(frame + 1, target="y").evaluate(frame + 1)


def crypto_panel(n: int = 160, sine: bool = False) -> pd.DataFrame:
    """Daily closes of BTC ~60000, ETH ~3000, DOGE ~0.12 and SHIB ~2e-5 (long); ``sine``: ETH a sine through 0."""
    rng = np.random.default_rng(0)
    frames = [pd.DataFrame({"id": s, "y": lv * np.exp(np.cumsum(rng.normal(0, 0.02, n)))})
              for s, lv in (("BTC", 60000), ("ETH", 3000), ("DOGE", 0.12), ("SHIB", 2e-5))]
    if sine:
        frames[1]["y"] = np.sin(2 * np.pi * np.arange(n) / 25)
    return pd.concat(frames, ignore_index=True)


def test_a_panel_s_zero_actuals_are_judged_in_each_series_own_scale():
    """crypto.csv's panel: the note said SHIB's prices (2e-5 beside BTC's 60000) were 0s but for float rounding, MAPE
    covered 3 of 4 series (decision 869). Now no note and MAPE over every series' values; a sine among the series
    still has its rounding 0s counted and said as each series' own."""
    frame = crypto_panel()
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", id_col="id")
    result = model.evaluate(frame)
    assert "zero_actuals" not in result and not any("MAPE" in note for note in result["notes"])
    each = [model.evaluate(frame[frame.id == s])["original"]["model"] for s in ("BTC", "ETH", "DOGE", "SHIB")]
    assert min(e["mape_pct"] for e in each) < result["original"]["model"]["mape_pct"] < max(e["mape_pct"] for e in each)
    mixed = crypto_panel(sine=True)
    result = Forecaster(**{**TINY, "epochs": 1}).fit(mixed, target="y", id_col="id").evaluate(mixed)
    zeros = result["zero_actuals"]
    assert zeros["rounded"] > 0 and zeros["series"] == 4 and zeros["crosses_zero"] and zeros["near"] == 0
    assert zeros["text"] in result["notes"] and "of its own series (4 series, each in its own scale)" in zeros["text"]


def test_several_targets_are_scored_each_in_its_own_units_beside_their_mean():
    """Two targets in kWh and % gave one "original units" MSE, the mean of kWh² and %², and no target's own score
    anywhere (a tester's finding, decision 559)."""
    from rnncast.cli.commands import score_tables

    n = 300
    t = np.arange(n)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="h"), "kwh": 200 + 20 * np.sin(t / 4.0),
                          "humidity": 60 + 2 * np.cos(t / 7.0)})
    model = Forecaster(**TINY).fit(frame, target=["kwh", "humidity"])
    result = model.evaluate(frame)
    each = result["by_target"]
    assert list(each) == ["kwh", "humidity"]
    for name in ("model", "repeat"):
        assert result["original"][name]["mse"] == pytest.approx((each["kwh"][name]["mse"] + each["humidity"][name]["mse"]) / 2)
    assert each["kwh"]["model"]["mse"] > 10 * each["humidity"]["model"]["mse"]  # kWh² against %²: not one scale
    printed = score_tables(result, 1)  # what fit and evaluate print
    assert "original units, the targets' mean" in printed and "target 'humidity' (its own units)" in printed
    assert "by_target" not in Forecaster(**TINY).fit(frame, target="kwh").evaluate(frame)  # one target: its table is it


def test_the_mape_note_names_mases_scale_by_the_models_season():
    """A season-7 model's MAPE note said "read MASE, which divides by the training values' naive error", where its
    MASE divides by the seasonal naive forecast's (decision 945 names it so)."""
    y = pd.Series(np.sin(np.arange(300) * 2 * np.pi / 7) + 0.05 * np.random.default_rng(0).normal(size=300))
    for season, named in ((7, "training values' seasonal naive error"), (1, "training values' naive error")):
        zeros = Forecaster(**{**TINY, "epochs": 1}, season=season).fit(y).evaluate(y)["zero_actuals"]
        assert zeros["season"] == season and f"read MASE, which divides by the {named}, not by each actual" in zeros["text"]


def test_each_series_is_scored_on_its_own_windows_wherever_they_lie_among_the_others():
    """evaluate --by-series found each series' windows with a mask over every window (2,000 series: 6.8 s of
    quadratic work, t30t2); found once now: series whose windows interleave, and one with none, score as alone."""
    wf = _windows()
    mixed = take(wf, np.array([0, 2, 1, 3]))  # a, b, a, b
    mixed.ids = ["a", "c", "b"]  # 'c' has no window
    mixed.series = np.array([0, 2, 0, 2])
    forecasts = PartForecasts(original=mixed, scaled=mixed, mase_scales=np.array([[2.0], [1.0], [4.0]]),
                              ids=["a", "c", "b"])
    result = evaluation.evaluate(forecasts, by_series=True)
    assert list(result["series"]) == ["a", "b"]
    assert result["series"]["a"]["windows"] == 2 and result["series"]["a"]["model"]["mse"] == pytest.approx(1.0)
    assert result["series"]["b"]["model"]["mse"] == pytest.approx(4.0)
    assert result["series"]["b"]["model"]["mase"] == pytest.approx(0.5)


def test_a_climatology_some_series_lack_is_scored_on_the_others_beside_the_model_on_the_same_windows(caplog):
    """Decision 1693: 'B' with under two years of training rows took the climatology from 'A' too; now 'A' keeps its
    own, scored apart on its windows beside the model's score on them, and the pooled rows and tests leave it out."""
    data = yearly_stations({"A": "2015-01-01", "B": "2018-06-01"})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 7}).fit(data, target="y", id_col="id")
    assert "'B' (" in caplog.text and "made only for the series" in caplog.text
    result = model.evaluate(data, by_series=True)
    part = result["climatology_series"]
    assert part["series"] == ["A"] and part["lacking"] == ["B"] and part["windows"] == result["series"]["A"]["windows"]
    assert "climatology" not in result["original"] and "climatology" not in result["significance"]
    assert "climatology" in result["series"]["A"] and "climatology" not in result["series"]["B"]
    for name in ("model", "climatology"):  # like with like: the same windows as 'A's own scores
        assert part["original"][name]["mse"] == pytest.approx(result["series"]["A"][name]["mse"])
    assert part["significance"]  # the test of those windows, as the verdict weighs




def test_a_quantile_models_wql_and_msis_rest_on_masess_scale_and_have_no_units():
    """Decision 2036 (t38t2 M3): evaluate adds wql (GluonTS's mean_wQuantileLoss) and msis_80 (M4's MSIS, on each
    series' MASE scale), checked by hand; the scaled block carries the original's, as it does MASE."""
    forecasts = PartForecasts(original=_windows(quantiles=True), scaled=_windows(unit=0.5, quantiles=True),
                              mase_scales=np.array([[2.0], [4.0]]), ids=["a", "b"])
    result = evaluation.evaluate(forecasts)
    model, y = result["original"]["model"], np.arange(8.0)
    # bands y - 1, y, y + 1 at 0.1, 0.5, 0.9: every actual on its median, pinball 0.1 at 0.1 and 0.9, 0 at 0.5
    assert model["pinball"] == pytest.approx(0.2 / 3)
    assert model["wql"] == pytest.approx(np.mean([2 * 0.1 * 8 / y.sum(), 0.0, 2 * 0.1 * 8 / y.sum()]))
    assert model["by_level"]["0.9"]["wql"] == pytest.approx(2 * 0.1 * 8 / y.sum())
    assert model["msis_80"] == pytest.approx(np.mean([2 / 2.0] * 4 + [2 / 4.0] * 4))  # width 2, every actual inside
    assert [k for k in model if k in ("pinball", "wql", "coverage_80", "msis_80")] == ["pinball", "wql", "coverage_80", "msis_80"]
    scaled = result["scaled"]["model"]
    assert scaled["pinball"] == pytest.approx(model["pinball"] / 2)  # in scaled units
    assert (scaled["wql"], scaled["msis_80"], scaled["by_level"]["0.9"]["wql"]) == (
        model["wql"], model["msis_80"], model["by_level"]["0.9"]["wql"])


def test_a_series_without_a_mase_scale_is_left_out_of_msis_as_of_mase():
    forecasts = PartForecasts(original=_windows(quantiles=True), scaled=_windows(unit=0.5, quantiles=True),
                              mase_scales=np.array([[2.0], [0.0]]), ids=["a", "b"])
    model = evaluation.evaluate(forecasts)["original"]["model"]
    assert model["mase"] == pytest.approx(0.5) and model["msis_80"] == pytest.approx(1.0)  # series a's alone


def test_evaluates_wql_and_msis_match_numpy_on_the_written_test_forecasts():
    """t38t2 M3 (decision 2036), as the tester checked pinball: from predict_windows' frame and the training rows
    alone, wql is 2 * summed pinball / summed |actual| averaged over the levels and msis_80 M4's interval score over
    the seasonal naive MAE of the rows before the cutoff (MASE's own scale, MASE checked beside it: decision 2173)."""
    rng = np.random.default_rng(0)
    t = np.arange(120)
    y = pd.Series(50 + 0.2 * t + 5 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 1, 120),
                  index=pd.date_range("2000-01-01", periods=120, freq="MS"), name="y")
    m = Forecaster(**{**TINY, "season": 12, "quantiles": (0.1, 0.5, 0.9)}).fit(y)
    model = m.evaluate(y)["original"]["model"]
    w = m.predict_windows(y, part="test").to_frame()
    actual = w["y"].to_numpy()
    train = y.to_numpy()[: m.split_.val_end]  # every row before the cutoff, validation rows too (decision 2173)
    scale = np.mean(np.abs(train[12:] - train[:-12]))
    assert model["mase"] == pytest.approx(np.mean(np.abs(w["y_hat"] - actual)) / scale)
    wql = [2 * np.sum(np.maximum(q * (actual - w[f"y_q{q}"]), (q - 1) * (actual - w[f"y_q{q}"]))) / np.abs(actual).sum()
           for q in (0.1, 0.5, 0.9)]
    assert model["wql"] == pytest.approx(np.mean(wql), rel=1e-5) and model["by_level"]["0.1"]["wql"] == pytest.approx(wql[0], rel=1e-5)
    lo, hi = w["y_q0.1"].to_numpy(), w["y_q0.9"].to_numpy()
    interval = hi - lo + 2 / 0.2 * (np.maximum(lo - actual, 0) + np.maximum(actual - hi, 0))
    assert model["msis_80"] == pytest.approx(interval.mean() / scale, rel=1e-5)
