"""Calendar inference (``calendars.py``): the offset that explains every row with the fewest
missing rows, calendars near the most common step when no window is free of gaps, a calendar of
its own for a series the panel's does not fit, and the rows missing after each row."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast.calendars import missing_rows, settle


def _stack(*indexes):
    time = indexes[0].append(list(indexes[1:])) if len(indexes) > 1 else indexes[0]
    offsets = np.concatenate([[0], np.cumsum([len(i) for i in indexes])])
    return time, offsets


def test_the_calendar_with_the_fewest_missing_rows_wins():
    time, offsets = _stack(pd.bdate_range("2024-01-01", periods=60))
    calendar, ruler, own = settle(time, offsets)
    assert calendar.freq == to_offset("B") and ruler.missing == 0 and own == {}


def test_month_starts_with_a_gap_in_every_window_are_still_month_starts():
    index = pd.date_range("2010-01-01", periods=120, freq="MS").delete(np.arange(3, 120, 7))
    calendar, ruler, _ = settle(*_stack(index))
    assert calendar.freq == to_offset("MS") and ruler.missing == len(np.arange(3, 120, 7))


def test_missing_rows_counts_the_steps_skipped_after_each_row():
    index = pd.date_range("2024-01-01", periods=10, freq="D").delete([3, 4, 7])
    time, offsets = _stack(index, pd.date_range("2024-03-01", periods=5, freq="D"))
    _, ruler, _ = settle(time, offsets)
    after = missing_rows(ruler.steps, offsets)
    assert after.tolist() == [0, 0, 2, 0, 1, 0, 0] + [0] * 5


def test_a_series_that_the_panels_calendar_does_not_fit_keeps_its_own():
    time, offsets = _stack(pd.date_range("2020-01-01", periods=50, freq="D"),
                           pd.date_range("2020-01-05", periods=50, freq="W-SUN"))
    calendar, _, own = settle(time, offsets)
    assert calendar.freq == to_offset("D") and own[1].freq == to_offset("W-SUN")
