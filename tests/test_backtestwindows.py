"""Each window's entry in a backtest's metrics (``backtestwindows.py``): its scores in original and scaled units, or
why it keeps none, and when its forecasts start over the series that hold it. The backtests that write the entries
whole are tests/test_backtest.py."""

from __future__ import annotations

import numpy as np

from conftest import TINY, staggered_frame
from rnncast import Forecaster
from rnncast.backtestwindows import window_scores
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
