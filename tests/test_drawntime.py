"""A figure's x axis over time (``drawntime.py``): the times as matplotlib draws them, dates or positions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import drawntime


def test_dates_are_drawn_as_dates_with_their_zone_and_periods_at_their_start():
    naive = pd.date_range("2024-01-01", periods=3, freq="D")
    x, zone = drawntime.drawn_time(naive)
    assert (x == naive).all() and zone is None
    zoned = naive.tz_localize("Europe/Berlin")
    assert drawntime.drawn_time(zoned)[1] == zoned.tz
    x, zone = drawntime.drawn_time(pd.period_range("2024Q1", periods=2, freq="Q"))
    assert list(x) == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-04-01")] and zone is None


def test_row_numbers_undrawable_dates_and_a_sessions_bars_are_positions():
    rows = np.arange(5)
    x, zone = drawntime.drawn_time(rows)
    assert x is rows and zone is False
    typo = pd.DatetimeIndex(["2024-01-01", "9999-12-31"])  # matplotlib draws no year 9999: positions
    x, zone = drawntime.drawn_time(typo)
    assert list(x) == [0, 1] and zone is False
    x, zone = drawntime.drawn_time(pd.date_range("2024-01-01", periods=4, freq="h"), session=object())
    assert list(x) == [0, 1, 2, 3] and zone is False
