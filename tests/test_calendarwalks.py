"""calendarwalks: rows placed on a calendar already settled, and where each series first leaves it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.calendarwalks import first_gaps, walk
from rnncast.timecalendar import Calendar


def _days(*dates: str) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(list(dates)))


def test_walk_places_each_row_by_its_steps_from_its_series_first():
    time = _days("2024-01-01", "2024-01-02", "2024-01-04", "2024-03-01", "2024-03-03")
    ruler = walk(time, np.array([0, 3, 5]), Calendar("datetime", pd.offsets.Day()))
    assert ruler.bad is None and ruler.steps.tolist() == [0, 1, 3, 0, 2]
    integers = walk(pd.Index([10, 12, 16]), np.array([0, 3]), Calendar("integer", 2))
    assert integers.steps.tolist() == [0, 1, 3]


def test_first_gaps_names_the_row_before_each_series_first_missing_step_and_minus_one_without():
    time = _days("2024-01-01", "2024-01-02", "2024-01-04", "2024-03-01", "2024-03-02", "2024-03-03")
    first = first_gaps(time, np.array([0, 3, 6]), Calendar("datetime", pd.offsets.Day()))
    assert first.tolist() == [1, -1]  # 'a' lacks 2024-01-03 after its second row; 'b' keeps every day


def test_first_gaps_of_a_row_off_the_calendar_walks_each_series_alone():
    time = _days("2024-01-01", "2024-01-08", "2024-01-15", "2024-01-01", "2024-01-08", "2024-01-16")
    first = first_gaps(time, np.array([0, 3, 6]), Calendar("datetime", pd.offsets.Week(weekday=0)))
    assert first.tolist() == [-1, 1]  # 2024-01-16, a Tuesday, is off 'W-MON': the row before it
