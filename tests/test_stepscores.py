"""Scores per step ahead (``stepscores``, decisions 1660, 2030): each lead's MSE, MAE and MASE of the model and
every baseline, pooled over windows and series, agree with forecasts.csv grouped by step."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster
from rnncast.stepscores import SCORES, by_step, of_part, step_of
from rnncast.windowforecasts import WindowForecasts, scored


def _wf() -> WindowForecasts:
    rng = np.random.default_rng(0)
    y = rng.normal(size=(4, 3, 1))
    return WindowForecasts(np.arange(4), np.arange(4) + 5, y, y + np.arange(3)[None, :, None],
                           {"repeat": y + 1.0}, None, series=np.zeros(4, dtype=np.int64), targets=["y"])


def test_a_step_is_every_window_cut_to_that_lead():
    wf = _wf()
    one = step_of(wf, 2)
    assert one.y_true.shape == (4, 1, 1) and np.array_equal(one.y_pred, wf.y_pred[:, 2:3])
    assert np.array_equal(one.baselines["repeat"], wf.baselines["repeat"][:, 2:3]) and one.quantiles is None
    assert np.array_equal(one.target_rows, wf.target_rows + 2)  # the step's own row: its time, once per series


def test_each_step_scores_its_own_errors_and_a_worse_lead_scores_worse():
    steps = by_step(_wf(), np.full((4, 1), 2.0))
    assert [s["step"] for s in steps] == [1, 2, 3]
    assert [s["model"]["mae"] for s in steps] == pytest.approx([0.0, 1.0, 2.0])  # the error grows by 1 a step
    assert [s["model"]["mase"] for s in steps] == pytest.approx([0.0, 0.5, 1.0])  # over the scale, 2
    assert all(set(s["model"]) == {*SCORES, "rmse"} and s["repeat"]["mse"] == pytest.approx(1.0) for s in steps)


def test_a_backtests_by_step_agrees_with_its_forecasts_grouped_by_lead():
    frame = make_panel(2, lengths=(90, 110), seed=3)
    result = Forecaster(**TINY).backtest(frame, n_windows=2)
    steps, fc = result.metrics["by_step"], result.forecasts
    assert [s["step"] for s in steps] == list(range(1, TINY["horizon"] + 1))
    lead = fc["step_ahead"] - 1  # forecasts.csv's own column (decision 1726): 1 .. H within each window
    assert lead.tolist() == fc.groupby(["unique_id", "window"]).cumcount().tolist()
    for h, entry in enumerate(steps):
        at = fc[lead == h]
        assert set(entry) == {"step", "model", "repeat", "mean"}
        assert entry["model"]["mse"] == pytest.approx(float(((at["y_hat"] - at["y"]) ** 2).mean()), rel=1e-6)
        assert entry["repeat"]["mae"] == pytest.approx(float((at["y_repeat"] - at["y"]).abs().mean()), rel=1e-6)
    assert np.mean([s["model"]["mse"] for s in steps]) == pytest.approx(result.metrics["overall"]["model"]["mse"])
    scaled = result.metrics["by_step_scaled"]  # a panel's verdict weighs scaled MSE: its steps in those units too
    assert result.metrics["verdict_units"] == "scaled" and list(scaled[0]["model"]) == ["mse", "mae", "mase", "rmse"]
    assert all(s["model"]["mase"] == o["model"]["mase"] for s, o in zip(scaled, steps))  # no units (decision 2098)
    assert np.mean([s["model"]["mse"] for s in scaled]) == pytest.approx(
        result.metrics["overall_scaled"]["model"]["mse"])


def test_without_scales_a_step_holds_its_mse_and_mae_alone():
    """``by_step_scaled`` (decision 1726): MASE has no scaled form of its own, the original's is it."""
    wf = _wf()
    with_scales, alone = by_step(wf, np.full((4, 1), 2.0)), by_step(wf, None)
    for a, b in zip(with_scales, alone):
        assert set(b["model"]) == {"mse", "mae", "rmse"} and b["model"] == {k: a["model"][k] for k in ("mse", "mae", "rmse")}


def test_every_steps_scores_equal_the_scorer_run_on_that_step_alone():
    """One pass over [W, H, T] gives what ``evaluation.scores`` gives of each step cut out (decision 1676): several
    targets, a filled target value left out, a series without a MASE scale, a target with no value at one step."""
    from rnncast.evaluation import scores
    rng = np.random.default_rng(1)
    y = rng.normal(size=(6, 4, 2))
    filled = np.zeros((6, 4, 2), dtype=bool)
    filled[:3, 1, 0], filled[:, 2, 1] = True, True  # step 3: target 2 never scored; step 2: half of target 1's
    wf = WindowForecasts(np.arange(6), np.arange(6) + 8, y, y + rng.normal(size=y.shape),
                         {"repeat": y + rng.normal(size=y.shape), "mean": y * 0.5}, None, filled=filled,
                         series=np.array([0, 0, 1, 1, 2, 2]), targets=["a", "b"])
    scales = np.array([[1.0, 2.0], [1.0, 2.0], [0.0, 3.0], [0.0, 3.0], [0.5, np.nan], [0.5, np.nan]])
    for h, entry in enumerate(by_step(wf, scales)):
        alone = scores(step_of(wf, h), scales)
        assert list(entry) == ["step", *alone]
        for name, block in alone.items():
            assert [entry[name][k] for k in SCORES] == pytest.approx([block[k] for k in SCORES], rel=1e-12)


def test_a_quantile_models_steps_hold_pinball_and_each_levels_share_at_or_below():
    """A planner asked "is the 0.95 quantile 14 days ahead right?" and by_step held MSE, MAE and MASE alone; the
    shares by lead had to be recomputed from forecasts.csv (t36t2, decision 1896)."""
    from rnncast.evaluation import interval_scores
    rng = np.random.default_rng(2)
    y = rng.normal(size=(50, 3, 1))
    q = np.sort(rng.normal(size=(50, 3, 1, 3)), axis=-1)

    def made(h=slice(None)):
        return WindowForecasts(np.arange(50), np.arange(50) + 5, y[:, h], q[:, h, :, 1], {"repeat": y[:, h] + 1.0},
                               None, series=np.zeros(50, dtype=np.int64), targets=["y"], quantiles=q[:, h],
                               levels=(0.1, 0.5, 0.9), baseline_quantiles={"repeat": q[:, h] + 1.0})
    for h, entry in enumerate(by_step(made(), None)):
        alone = interval_scores(made(slice(h, h + 1)))  # the overall block's rule, on that step's windows alone
        assert entry["model"]["pinball"] == pytest.approx(alone["pinball"], rel=1e-12)
        assert entry["model"]["by_level"]["0.9"]["below"] == pytest.approx(float(np.mean(y[:, h, 0] <= q[:, h, 0, 2])))
        assert "step_counts" in alone["by_level"] and "step_counts" not in entry["model"]["by_level"]  # the overall's (decision 2042)
        assert entry["model"]["by_level"] == _no_steps(alone["by_level"])  # one function, the same values
        assert entry["repeat"]["pinball"] > 0 and entry["repeat"]["by_level"]["values"] == 50
        assert "step_counts" not in entry["repeat"]["by_level"]  # not counted at all for a step alone (decision 2071)
    assert "pinball" not in by_step(_wf(), None)[0]["model"]  # a point model's steps as before


def _no_steps(levels: dict) -> dict:
    """``by_level`` without its ``step_counts`` and ``actuals``: a step's block has none, as a step cut alone has no
    origins apart to count them on; the overall block's hold them (decisions 2042, 2093)."""
    return {k: v for k, v in levels.items() if k not in ("step_counts", "actuals")}


def _banded(y, q, bands, series):
    return WindowForecasts(np.arange(len(y)), np.arange(len(y)) + 5, y, q[..., 1], {"repeat": y + 0.2}, None,
                           series=series, ids=["a", "b"], targets=["y"], quantiles=q, levels=(0.1, 0.5, 0.9),
                           baseline_quantiles={"repeat": bands})


def test_a_baseline_without_a_band_for_one_series_is_scored_each_step_on_the_values_it_has_one_for():
    """r36r4: series 'b' had too few training errors for a repeat band (NaN, ``bandcounts``); the overall block scored
    repeat's intervals on series 'a' (pinball 0.136), and every step said pinball NaN and each level's share NaN
    beside ``values`` 40 (decision 1943)."""
    from rnncast.evaluation import scores
    rng = np.random.default_rng(0)
    y, series = rng.normal(size=(40, 2, 1)), np.repeat([0, 1], 20)
    q = np.sort(np.stack([y - 1, y, y + 1], -1) + rng.normal(0, 0.5, (40, 2, 1, 3)), axis=-1)
    bands = q + 0.3
    bands[series == 1] = np.nan
    wf, scales = _banded(y, q, bands, series), np.ones((40, 1))
    for h, entry in enumerate(by_step(wf, scales)):
        alone = scores(step_of(wf, h, intervals=True), scales)  # the overall block's scorer on this step alone
        block = entry["repeat"]
        assert np.isfinite(block["pinball"]) and block["by_level"]["values"] == 20
        assert all(np.isfinite(level["below"]) for level in block["by_level"].values() if isinstance(level, dict))
        assert block["intervals_left_out"]["series"] == 1 and block["intervals_left_out"]["values"] == 20
        for name in ("model", "repeat"):
            own = {k: v for k, v in entry[name].items() if k not in (*SCORES, "rmse")}  # pinball, coverages, by_level, left out
            assert own and own == {k: _no_steps(alone[name][k]) if k == "by_level" else alone[name][k] for k in own}


def test_a_series_that_stays_put_counts_each_steps_shares_in_scaled_units_as_the_overall_block_does():
    """r36r4: a series flat at 0.7 whose levels repeat it; in original units each level lands a float32 step below
    0.7, so by_step said 0% at or below every level where the overall block, counting on the scaled windows, said
    100% (decision 1943)."""
    from rnncast.evaluation import scores
    y, put = np.full((20, 2, 1), 0.7), np.zeros((20, 2, 1, 3))
    q = np.full((20, 2, 1, 3), float(np.float32(0.7)))
    wf, wf_scaled = _banded(y, q, q, np.zeros(20, np.int64)), _banded(y * 0, put, put, np.zeros(20, np.int64))
    overall = scores(wf, np.ones((20, 1)), wf_scaled)["model"]
    for entry in by_step(wf, np.ones((20, 1)), wf_scaled):
        for block in (entry["model"], entry["repeat"]):
            assert [block["by_level"][k]["below"] for k in ("0.1", "0.5", "0.9")] == [1.0, 1.0, 1.0]
        assert entry["model"]["coverage_80"] == overall["coverage_80"] == 1.0
    assert [overall["by_level"][k]["below"] for k in ("0.1", "0.5", "0.9")] == [1.0, 1.0, 1.0]


def test_a_seasonal_naive_without_a_value_at_some_steps_scores_each_step_on_the_values_it_has():
    """Where the step a season back is missing the seasonal naive has no value (NaN, decision 1966): each step's scores
    are those of the values it has, not NaN and not a 0 error."""
    wf = _wf()
    seasonal = wf.y_true + 2.0
    seasonal[[0, 1], 1] = np.nan
    wf.baselines["seasonal"] = seasonal
    steps = by_step(wf, np.full((4, 1), 2.0))
    assert [s["seasonal"]["mse"] for s in steps] == pytest.approx([4.0, 4.0, 4.0])
    assert [s["seasonal"]["mase"] for s in steps] == pytest.approx([1.0, 1.0, 1.0])
    assert [s["repeat"]["mse"] for s in steps] == pytest.approx([1.0, 1.0, 1.0])


def test_a_step_whose_seasonal_naive_lacks_values_keeps_the_models_scores_on_the_values_it_has():
    """r37r1 9, 10 (decision 1994): by_step's seasonal entries rested on its own values beside the model's on all, with
    no pair record, and its mask was keyed on the errors, so a NaN actual changed only this mask."""
    wf = _wf()
    seasonal = wf.y_true + 0.5
    seasonal[0, 1] = np.nan  # step 2 of window 0: no forecast
    wf = WindowForecasts(wf.starts, wf.target_rows, wf.y_true, wf.y_pred, {"repeat": wf.baselines["repeat"],
                         "seasonal": seasonal}, None, series=wf.series, targets=["y"])
    steps = by_step(wf, np.full((4, 1), 2.0))
    assert "values_left_out" not in steps[0]["seasonal"] and "values_left_out" not in steps[2]["seasonal"]
    left = steps[1]["seasonal"]["values_left_out"]
    assert (left["values"], left["of"]) == (1, 4)
    assert left["model"]["mse"] == pytest.approx(1.0) and left["model"]["mase"] == pytest.approx(0.5)  # its error: 1
    assert left["model"]["rmse"] == pytest.approx(1.0) and steps[1]["seasonal"]["rmse"] == pytest.approx(0.5)  # 2002
    assert steps[1]["seasonal"]["mse"] == pytest.approx(0.25) and steps[1]["model"]["mse"] == pytest.approx(1.0)
    assert all("values_left_out" not in s["repeat"] for s in steps)


def test_a_parts_by_step_weighted_by_its_values_scored_is_its_overall_mse():
    """A user forecasting 24 steps saw how error grows by step in a backtest only (decision 2030): evaluate's
    ``by_step`` (``of_part``, fit's test part's too) is the overall block's scores split by step. Filled targets leave
    the steps 29 to 31 values each, so the steps' MSEs weighted by those counts give the overall MSE, not their mean."""
    frame = make_panel(2, lengths=(90, 110), seed=3)
    frame.loc[[85, 88, 194], "y"] = np.nan  # in the test windows of both series: fill makes them, none is scored
    model = Forecaster(**{**TINY, "horizon": 5}, fill="interpolate").fit(frame)
    result = model.evaluate(frame)
    counts = scored(model.part_forecasts(frame).original).sum(axis=(0, 2))  # [H] the values scored at each step
    assert counts.tolist() == [29, 29, 30, 30, 31] and [s["step"] for s in result["by_step"]] == [1, 2, 3, 4, 5]
    for name in ("model", "repeat", "mean"):
        mse = np.array([s[name]["mse"] for s in result["by_step"]])
        assert (mse * counts).sum() / counts.sum() == pytest.approx(result["original"][name]["mse"], rel=1e-9)
    assert np.mean([s["model"]["mse"] for s in result["by_step"]]) != pytest.approx(result["original"]["model"]["mse"])
    assert of_part(model.part_forecasts(frame)) == result["by_step"]


def test_a_scaled_step_carries_the_originals_mase_wql_and_msis_in_the_originals_order():
    """``by_step_scaled`` had no MASE while every other by-step block has one (decision 2098): MASE has no units, so the
    scaled step's is the original's number, as ``overall_scaled``'s is; so are wQL and MSIS (decisions 2036, 2079). The
    model's scores beside a seasonal naive's values left out carry it too."""
    from rnncast.stepscores import scaled_step
    original = {"step": 1, "model": {"mse": 4.0, "mae": 2.0, "mase": 0.5, "rmse": 2.0, "pinball": 1.0, "wql": 0.1,
                                     "coverage_80": 0.8, "msis_80": 3.0},
                "seasonal": {"mse": 9.0, "mae": 3.0, "mase": 0.9, "rmse": 3.0,
                             "values_left_out": {"values": 2, "of": 8, "model": {"mse": 4.0, "mae": 2.0, "mase": 0.4,
                                                                                  "rmse": 2.0}}}}
    scaled = {"step": 1, "model": {"mse": 0.04, "mae": 0.2, "rmse": 0.2, "pinball": 0.1, "wql": 9.9, "coverage_80": 0.75},
              "seasonal": {"mse": 0.09, "mae": 0.3, "rmse": 0.3,
                           "values_left_out": {"values": 2, "of": 8, "model": {"mse": 0.04, "mae": 0.2, "rmse": 0.2}}}}
    step = scaled_step(scaled, original)
    assert step["model"] == {"mse": 0.04, "mae": 0.2, "mase": 0.5, "rmse": 0.2, "pinball": 0.1, "wql": 0.1,
                             "coverage_80": 0.75, "msis_80": 3.0}
    assert list(step["model"]) == list(original["model"])
    assert step["seasonal"]["mase"] == 0.9 and step["seasonal"]["mse"] == 0.09
    assert step["seasonal"]["values_left_out"]["model"] == {"mse": 0.04, "mae": 0.2, "mase": 0.4, "rmse": 0.2}
