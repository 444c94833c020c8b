"""Forecast times for the Diebold–Mariano test (``forecasttimes.py``): ranks of first target times, a day apart in
weeks one time, the calendar's step before the rows' spacing."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from rnncast import forecasttimes
from rnncast.windowforecasts import WindowForecasts


def test_forecast_times_of_an_uneven_panel_rank_each_windows_first_target_time():
    """Series of different lengths and starts, windows in no order: each window's position is the rank of its
    first target's time among all windows', as found series by series."""
    rng = np.random.default_rng(9)
    times = [pd.date_range(start, periods=n, freq="D") for start, n in
             (("2020-01-01", 40), ("2020-01-15", 12), ("2019-12-20", 60), ("2020-02-01", 25))]
    series = rng.permutation(np.repeat([3, 0, 2], [7, 11, 5]))  # series 1 holds no window
    rows = np.array([rng.integers(0, len(times[s])) for s in series])
    wf = WindowForecasts(starts=rows, target_rows=rows, y_true=np.zeros((len(rows), 1, 1)), y_pred=np.zeros((len(rows), 1, 1)),
                         baselines={}, time=None, series=series, ids=list("abcd"), times=times)
    keys = np.array([times[s][r].value for s, r in zip(series, rows)])
    expected = np.searchsorted(np.unique(keys), keys)
    got = forecasttimes.forecast_times(wf)
    assert got.dtype == np.int64 and list(got) == list(expected)


def test_forecast_times_less_than_half_a_step_apart_are_one():
    """A tester's weekly panel, one series dated Saturdays beside Sundays, made one cutoff "2 forecast times" and a
    Diebold–Mariano test with 1 degree of freedom (decision 1891): a day apart in weeks is one forecast time; a week
    apart stays two, and a daily panel's days stay apart."""
    sunday = pd.date_range("2026-01-04", periods=30, freq="W-SUN")
    saturday = sunday - pd.Timedelta(days=1)
    one = WindowForecasts(starts=np.array([20, 20, 20]), target_rows=np.array([25, 25, 26]),
                          y_true=np.zeros((3, 1, 1)), y_pred=np.zeros((3, 1, 1)), baselines={}, time=None,
                          series=np.array([0, 1, 0]), ids=["sun", "sat"], times=[sunday, saturday])
    assert list(forecasttimes.forecast_times(one)) == [0, 0, 1]  # Sat and Sun of one week; the next week apart
    days = [pd.date_range("2026-01-01", periods=30, freq="D"), pd.date_range("2026-01-02", periods=30, freq="D")]
    daily = WindowForecasts(starts=np.array([20, 20]), target_rows=np.array([25, 25]), y_true=np.zeros((2, 1, 1)),
                            y_pred=np.zeros((2, 1, 1)), baselines={}, time=None, series=np.array([0, 1]),
                            ids=["a", "b"], times=days)
    assert list(forecasttimes.forecast_times(daily)) == [0, 1]
    assert list(forecasttimes.one_time(np.array([0, 3, 4, 7, 14, 0]), 7.0)) == [0, 0, 1, 1, 2, 0]  # half a step from each group's first


def test_forecast_times_take_their_step_from_the_calendar_so_a_sparse_daily_panel_keeps_its_days():
    """The step was the rows' median spacing: a daily panel of intermittent series (rows about 5 days apart, no
    fill_gaps) merged first-target times up to 2.5 days apart, 10 forecast days counted as 4 (reviewer r36r3). The
    forecasts carry the calendar's step (``calendar_step``), the rows' spacing used only without one (decision 1954)."""
    from rnncast.timecalendar import Calendar
    from rnncast.windowforecasts import calendar_step

    day = calendar_step([Calendar(kind="datetime", freq=pd.tseries.frequencies.to_offset("D"))])
    assert day == pd.Timedelta(days=1).value
    assert calendar_step([Calendar(kind="datetime", freq=pd.tseries.frequencies.to_offset(f)) for f in ("W-SUN", "h")]
                         ) == pd.Timedelta(hours=1).value
    assert calendar_step([Calendar(kind="row", freq=None)]) is None
    sparse = [pd.DatetimeIndex(pd.Timestamp("2026-01-01") + pd.to_timedelta(np.arange(30) * 5 + k, "D")) for k in range(10)]
    wf = WindowForecasts(starts=np.zeros(10, int), target_rows=np.full(10, 20), y_true=np.zeros((10, 1, 1)),
                         y_pred=np.zeros((10, 1, 1)), baselines={}, time=None, series=np.arange(10),
                         ids=list("abcdefghij"), times=sparse)
    assert len(set(forecasttimes.forecast_times(wf))) == 4  # by the rows' spacing, without a calendar
    assert list(forecasttimes.forecast_times(replace(wf, step=day))) == list(range(10))  # ten days, ten times


def test_month_starts_beside_month_ends_are_one_forecast_time_a_month():
    """t39t3 L3: one site on month-starts among month-end sites gave a one-cutoff fit "times: 2, df: 1": May 1 and May
    31, the first targets of one month, were 30 days apart, more than half a step. With the panel's grain ('M',
    ``seriesanchors.period_code``) a time is its month (decision 2122); a month apart stays two."""
    ends = pd.date_range("2025-01-31", periods=20, freq="ME")
    starts = pd.date_range("2025-01-01", periods=20, freq="MS")
    wf = WindowForecasts(starts=np.array([10, 10, 10]), target_rows=np.array([16, 16, 17]),
                         y_true=np.zeros((3, 1, 1)), y_pred=np.zeros((3, 1, 1)), baselines={}, time=None,
                         series=np.array([0, 1, 0]), ids=["end", "start"], times=[ends, starts],
                         step=float(pd.Timedelta(days=31).value))
    assert list(forecasttimes.forecast_times(wf)) == [1, 0, 2]  # without the grain: May 1 apart from May 31
    assert list(forecasttimes.forecast_times(replace(wf, grain="M"))) == [0, 0, 1]
