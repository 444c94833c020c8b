"""Which window forecast.png draws each test step from (``tiledsteps.py``): windows a horizon apart on their steps'
dates, every date once, a break where no window draws a date."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import plots
from rnncast.tiledsteps import broken, rows, tiles


def _dated(present: pd.DatetimeIndex, horizon: int):
    """Windows of a daily series holding the dates ``present``: one per cutoff row with a step after it, each
    forecasting the ``horizon`` days after its cutoff (as ``stepactuals`` dates them)."""
    cuts = present[:-1]
    return cuts, np.stack([cuts + pd.Timedelta(days=h + 1) for h in range(horizon)], axis=1)


def test_counted_in_rows_the_windows_are_a_horizon_apart_and_the_last_draws_the_rows_after_them():
    cuts, times = rows(np.arange(1, 11), 3)  # 10 windows of 3 steps: 12 rows
    tile = tiles(cuts, times, 400)
    assert tile.windows.tolist() == [0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9] and tile.steps.tolist() == [0, 1, 2] * 4
    tile = tiles(*rows(np.arange(1, 12), 3), 400)  # 11 windows: the last, a cutoff 1 step after the one before
    assert tile.windows.tolist()[-4:] == [9, 9, 9, 10] and tile.steps.tolist()[-1] == 2 and tile.last == 1
    assert tile.whole and not tile.short and not len(tile.gaps)
    assert plots.contiguous_forecast(np.zeros((11, 3)), np.zeros((11, 3)))[0][0].tolist() == tile.windows.tolist()


def test_max_points_keeps_the_first_whole_windows():
    tile = tiles(*rows(np.arange(1, 11), 3), 7)
    assert tile.windows.tolist() == [0, 0, 0, 3, 3, 3] and not tile.whole
    assert len(tiles(*rows(np.arange(1, 11), 3), 1).windows) == 3  # the first window at least


def test_where_the_data_lacks_days_every_date_is_drawn_once_from_the_latest_cutoff_before_it():
    """Lacking 01-08 and 01-11: counted in rows, the window 7 rows after the first (cutoff 01-01) was cut at 01-09,
    and 01-09 was drawn by none; the next, 7 rows on, at 01-17, 01-16 drawn by none. Here the next window is the
    latest cutoff at or before the last step drawn (01-08, which lacks a row: 01-07)."""
    days = pd.date_range("2024-01-01", "2024-01-31")
    present = days[~days.isin(pd.to_datetime(["2024-01-08", "2024-01-11"]))]
    cuts, times = _dated(present, 7)
    tile = tiles(cuts, times, 400)
    drawn = pd.DatetimeIndex(times[tile.windows, tile.steps])
    assert drawn.equals(pd.date_range(times[0, 0], times[-1, -1]))  # every date once, the last window's last too
    assert cuts[tile.windows[7]] == pd.Timestamp("2024-01-07") and tile.short == 1  # drawn from 01-09 on
    assert times[tile.windows, tile.steps][tile.short_at].tolist() == [pd.Timestamp("2024-01-08")]  # its cutoff's
    assert tile.steps[7] == 1 and tile.last == 2  # the last window: 2 days after the one before
    counted = tiles(*rows(np.arange(1, len(cuts) + 1), 7), 400)  # the rows' way: dates skipped
    assert not pd.DatetimeIndex(times[counted.windows, counted.steps]).equals(drawn)
    assert tile.whole and not len(tile.gaps)


def test_a_break_comes_where_the_data_lacks_every_date_a_window_forecasts():
    days = pd.date_range("2024-01-01", "2024-01-31")
    present = days[(days < "2024-01-10") | (days > "2024-01-17")]  # 8 days lacking: a cutoff 01-09's whole horizon
    cuts, times = _dated(present, 7)
    tile = tiles(cuts, times, 400)
    drawn = pd.DatetimeIndex(times[tile.windows, tile.steps])
    assert drawn.is_unique and drawn.is_monotonic_increasing
    assert tile.gaps.tolist() == [int(np.searchsorted(drawn, pd.Timestamp("2024-01-19")))]  # before 01-19
    assert pd.Timestamp("2024-01-18") not in drawn  # the cutoff after the gap: a row no window forecasts
    line = broken(np.arange(len(drawn), dtype=float), tile.gaps)
    assert np.isnan(line[tile.gaps[0]]) and len(line) == len(drawn) + 1
    x = broken(drawn, tile.gaps)
    assert isinstance(x, pd.DatetimeIndex) and x[tile.gaps[0]] == x[tile.gaps[0] - 1]
    assert broken(np.ones(len(drawn), dtype=bool), tile.gaps)[tile.gaps[0]] == np.False_


def test_periods_and_zoned_times_are_ordered_as_dates():
    present = pd.period_range("2024-01", periods=12, freq="M").delete([5])
    cuts = present[:-1]
    times = np.stack([np.asarray(cuts + h + 1) for h in range(3)], axis=1)
    drawn = pd.PeriodIndex(times[tuple(np.asarray(a) for a in (tiles(cuts, times, 400).windows,
                                                             tiles(cuts, times, 400).steps))].tolist())
    assert drawn.equals(pd.period_range(times[0, 0], times[-1, -1], freq="M"))
    zoned = pd.date_range("2024-01-01", periods=20, freq="D", tz="Europe/Paris").delete([6])
    cuts, times = zoned[:-1], np.stack([np.asarray(zoned[:-1] + pd.Timedelta(days=h + 1)) for h in range(4)], axis=1)
    tile = tiles(cuts, times, 400)
    assert pd.DatetimeIndex(times[tile.windows, tile.steps].tolist()).is_unique and tile.whole


def test_a_window_left_out_at_a_present_date_is_said_where_the_next_one_begins():
    """Every day present but the window cut at 01-08 left out (a model reading future covariates): the next window
    drawn is cut at 01-07, one step short, and ``short_at`` names the point at 01-08, a date with a row."""
    days = pd.date_range("2024-01-01", "2024-01-31")
    cuts, times = _dated(days, 7)
    keep = cuts != pd.Timestamp("2024-01-08")
    tile = tiles(cuts[keep], times[keep], 400)
    drawn = pd.DatetimeIndex(times[keep][tile.windows, tile.steps])
    assert drawn.equals(pd.date_range(times[0, 0], times[-1, -1])) and tile.short == 1
    assert drawn[tile.short_at].tolist() == [pd.Timestamp("2024-01-08")]
