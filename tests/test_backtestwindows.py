"""Each window's entry in a backtest's metrics (``backtestwindows.py``): its scores in original and scaled units, or
why it keeps none, and when its forecasts start over the series that hold it. The backtests that write the entries
whole are tests/test_backtest.py."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TINY, staggered_frame
from rnncast import Forecaster
from rnncast.backtestwindows import record_scales, spread_note, window_scores
from rnncast.windowforecasts import WindowForecasts


def windows(reads_later=None) -> WindowForecasts:
    """Three windows of one series, horizon 2: the model 0.1 off every actual, the repeat baseline 1.0 off."""
    y = np.random.default_rng(0).normal(size=(3, 2, 1))
    return WindowForecasts(np.arange(3), np.arange(3) + 1, y, y + 0.1, {"repeat": y + 1.0}, None,
                           series=np.zeros(3, int), targets=["y"], reads_later=reads_later)


def test_a_window_s_entry_holds_its_first_step_and_each_forecaster_s_scores_in_both_units():
    wf = windows()
    entry = window_scores(1, {"first_step": [5, 5]}, wf, wf, np.ones((3, 1)), np.array([False, True, False]))
    assert list(entry)[:2] == ["window", "first_step"] and entry["window"] == 1 and "left_out" not in entry
    assert np.isclose(entry["model"]["mae"], 0.1) and np.isclose(entry["repeat"]["mae"], 1.0)
    assert np.isclose(entry["scaled"]["model"]["mse"], 0.01) and "smape_pct" not in entry["scaled"]["model"]


def test_a_window_without_a_scored_value_says_why():
    wf = windows()
    entry = window_scores(2, {"first_step": [6, 6]}, wf, wf, np.ones((3, 1)), np.zeros(3, bool))
    assert entry["left_out"] == "a row missing" and np.isnan(entry["model"]["mae"])
    later = windows(reads_later=np.array([False, False, True]))
    entry = window_scores(2, {"first_step": [6, 6]}, later, later, np.ones((3, 1)), np.array([False, False, True]))
    assert entry["left_out"] == "inputs filled from later rows"


def test_a_window_s_first_step_spans_the_series_that_end_on_other_dates():
    frame = staggered_frame({"a": "2024-01-01", "b": "2024-01-03"}, n=80)
    m = Forecaster(**TINY).backtest(frame, target="y", id_col="unique_id", time_col="ds", n_windows=2).metrics
    assert [w["first_step"] for w in m["windows"]] == [["2024-03-15", "2024-03-17"], ["2024-03-18", "2024-03-20"]]


def _metrics(refit: bool = True) -> dict:
    return {"refit": refit, "targets": 1, "windows": [{"window": k, "first_step": [d, d]} for k, d in
                                                      enumerate(["Jul 2021", "Jul 2022", "Jul 2023"])]}


def test_each_windows_mase_scales_are_recorded_and_a_refits_spread_said():
    """t38t5: a refit backtest's windows divided by Alps' 12,056, 22,356 and 29,650, with nothing recorded."""
    each = np.array([[[12056.0], [22356.0], [29650.0]], [[100.0], [110.0], [1.0]]])  # [S, K, T]
    held = np.array([[True, True, True], [True, True, False]])  # B lacks the last cutoff's row: its 1 unread
    m = _metrics()
    record_scales(m, each, held, ["Alps", "B"], ["y"])
    assert m["windows"][0]["mase_scales"] == {"Alps": 12056.0, "B": 100.0} and m["windows"][2]["mase_scales"] == {
        "Alps": 29650.0}
    spread = m["mase_scale_spread"]
    assert spread["series"] == "Alps" and spread["low"]["window"] == 0 and spread["high"]["window"] == 2
    note = spread_note(m)
    assert "that of series 'Alps' is 12056 in window 0 (Jul 2021) but 29650 in window 2 (Jul 2023), 2.46 times" in note


def test_scales_within_the_spread_say_nothing_and_one_models_spread_is_said_too():
    """Each window's scale is of the rows before its own cutoff, refit or not (decision 2173): a one-model backtest's
    scales move too, and the line says so as a refit's does."""
    each = np.array([[[100.0], [120.0], [140.0]]])
    held = np.ones((1, 3), bool)
    for refit in (True, False):
        m = _metrics(refit)
        record_scales(m, each, held, [None], ["y"])
        assert "mase_scale_spread" not in m and spread_note(m) is None
        assert m["windows"][0]["mase_scales"] == 100.0  # a lone series: its number
    m = _metrics(False)
    record_scales(m, each * [[[1.0], [2.0], [3.0]]], held, [None], ["y"])
    assert m["mase_scale_spread"]["times"] == pytest.approx(4.2)
    assert spread_note(m).startswith("MASE's scale moves across the windows: each window divides by the in-sample "
                                     "seasonal naive MAE of every row before its cutoff, and the series' is 100 in "
                                     "window 0 (Jul 2021) but 420 in window 2 (Jul 2023), 4.20 times")


def test_a_windows_blocks_keep_no_coverage_step_counts_the_overall_block_keeps_them():
    """r38r1 (decision 2082): every window's block kept the coverage test's step counts, which only the overall block's
    far line reads; they made most of a quantile backtest's metrics.json."""
    data = staggered_frame({"a": "2024-01-01", "b": "2024-01-01"}, 150)
    result = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).backtest(data, n_windows=3)
    assert "step_counts" in result.metrics["overall"]["model"]["by_level"]
    for entry in result.metrics["windows"]:
        for units in (entry, entry["scaled"]):
            for name, block in units.items():
                if isinstance(block, dict) and "by_level" in block:
                    assert "step_counts" not in block["by_level"], (entry["window"], name)
