"""The scored windows whose seasonal naive forecast reads a bar at another time of its session, a half day between
(``shiftedwindows.py``): counted for what was scored and a backtest's metrics.json (decision 1682)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, holidaysets
from rnncast.loading import load_panel
from rnncast.shiftedwindows import across
from test_sessions import _bars, _frame, _half_bars

DAYS = pd.date_range("2024-10-01", "2024-12-10", freq=holidaysets.offset("NYSE"))  # 2024-11-29: a half day


def _panel(time):
    return load_panel(_frame(time), target="price", holidays="NYSE", announce=False)


def _every(panel, lookback, horizon):
    return np.arange(len(panel.time) - lookback - horizon + 1), np.zeros(len(panel.time) - lookback - horizon + 1,
                                                                          dtype=np.int64)


def test_windows_whose_seasonal_step_reads_another_bar_after_a_half_day_are_counted():
    """t33t2 HIGH 2's case in hourly bars: season 7 (one session) forecast 2024-12-02 09:30 with 11-27 13:30's."""
    panel = _panel(_half_bars(DAYS))
    starts, series = _every(panel, 8, 3)
    found = across(panel, starts, series, 8, 3, 7)
    clock = [t.strftime("%H:%M") for t in panel.time]
    off = [any(clock[s + 8 + h - 1] != clock[s + 8 + h - 1 - 7] for h in (1, 2, 3)) for s in starts]  # by hand
    steps = sum(clock[s + 8 + h - 1] != clock[s + 8 + h - 1 - 7] for s in starts for h in (1, 2, 3))
    assert (found["windows"], found["of"], found["steps"], found["series"]) == (sum(off), len(starts), steps, 1)
    assert found["first"] == {"time": "2024-12-02 09:30", "reads": "2024-11-27 13:30"}
    assert found["text"].startswith(f"the seasonal naive forecast of {sum(off)} of the {len(starts)} windows "
                                    f"({steps} steps) reads a bar at another time of its session, a half day between "
                                    "(for 2024-12-02 09:30, 2024-11-27 13:30's): season 7 is counted in bars")
    assert across(panel, starts, series, 8, 3, 14)["first"]["reads"] == "2024-11-26 13:30"  # two sessions back
    assert across(panel, starts, series, 8, 3, 24) is None  # no whole number of sessions
    assert across(panel, starts, series, 8, 3, 7, scored=False) is None  # predict_windows scores no baseline


def test_no_half_day_no_session_no_count():
    whole = load_panel(_frame(_bars(DAYS, step="h")), target="price", freq="h 09:30-15:30", holidays="NYSE",
                       announce=False)
    assert across(whole, *_every(whole, 8, 3), 8, 3, 7) is None
    hourly = load_panel(_frame(pd.date_range("2024-01-01", periods=300, freq="h")), target="price", announce=False)
    assert across(hourly, *_every(hourly, 8, 3), 8, 3, 24) is None  # no session


def test_evaluate_and_backtest_say_them_in_what_was_scored_and_metrics():
    frame = _frame(_half_bars(DAYS))
    settings = {**TINY, "epochs": 1, "lookback": 8, "horizon": 3, "season": 7, "holidays": "NYSE"}
    scored = Forecaster(**settings).fit(frame, target="price").evaluate(frame)["scored"]
    assert scored["seasonal_shifted"]["first"] == {"time": "2024-12-02 09:30", "reads": "2024-11-27 13:30"}
    assert scored["seasonal_shifted"]["text"] in scored["text"]
    bt = Forecaster(**{**settings, "cutoff": "2024-11-27 12:30"}).backtest(frame, n_windows=4, step=3, target="price")
    assert (bt.metrics["seasonal_shifted"]["windows"], bt.metrics["seasonal_shifted"]["of"]) == (2, 4)
    plain = Forecaster(**{**settings, "season": 1}).backtest(frame, n_windows=2, target="price")
    assert "seasonal_shifted" not in plain.metrics
