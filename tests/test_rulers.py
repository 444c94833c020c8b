"""Positions on a calendar (``rulers.py``): each row's steps from its series' first, the rows the calendar
has that the data lacks, the first row off it, and the times of any positions, one calendar or several."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import sessions
from rnncast.rulers import Combined, Ruler


def test_a_fixed_step_counts_the_missing_rows_and_gives_back_the_times_of_any_position():
    values = np.array([0, 2, 4, 10, 100, 101, 103])  # two series: 0..10 every 2, 100..103 every 1
    offsets = np.array([0, 4, 7])
    ruler = Ruler.fixed(values, offsets, 1, lambda v: pd.Index(v))
    assert ruler.bad is None and ruler.missing == (11 - 4) + (4 - 3)
    assert ruler.steps.tolist() == [0, 2, 4, 10, 0, 1, 3]
    assert ruler.stamps(np.array([0, 1]), np.array([5, 2])).tolist() == [5, 102]
    assert Ruler.fixed(values, offsets, 2, lambda v: pd.Index(v)).bad == 5  # 101 is no step of 2 after 100


def test_a_regular_series_has_no_gaps_and_computes_its_steps_only_when_asked():
    ruler = Ruler.fixed(np.arange(0, 50, 5), np.array([0, 10]), 5, lambda v: pd.Index(v))
    assert ruler.missing == 0 and callable(ruler._steps)
    assert ruler.steps.tolist() == list(range(10))


def test_timestamps_in_milliseconds_are_placed_in_their_own_unit():
    time = pd.DatetimeIndex(["2021-07-14", "2021-07-15", "2021-07-19"]).as_unit("ms")  # Wed, Thu, Mon
    ruler = Ruler.of(time, np.array([0, 3]), to_offset("B"))
    assert ruler.bad is None and ruler.missing == 1 and ruler.steps.tolist() == [0, 1, 3]
    assert ruler.stamps(np.array([0]), np.array([2]))[0] == pd.Timestamp("2021-07-16")


def test_a_row_off_the_calendar_is_the_first_bad_and_a_step_finer_than_the_unit_places_nothing():
    time = pd.DatetimeIndex(["2024-01-05", "2024-01-06", "2024-01-08"])  # Friday, Saturday, Monday
    assert Ruler.of(time, np.array([0, 3]), to_offset("B")).bad == 1
    assert Ruler.of(time.as_unit("s"), np.array([0, 3]), to_offset("ms")) is None


def test_a_sessions_bars_are_walked_across_the_night_and_the_weekend():
    session = sessions.parse("30min 09:30-15:30")
    time = pd.DatetimeIndex(["2024-01-05 15:00", "2024-01-05 15:30", "2024-01-08 10:00"])  # Friday, then Monday
    ruler = Ruler.of(time, np.array([0, 3]), session)
    assert ruler.bad is None and ruler.steps.tolist() == [0, 1, 3] and ruler.missing == 1
    assert ruler.stamps(np.array([0]), np.array([2]))[0] == pd.Timestamp("2024-01-08 09:30")


def test_periods_count_their_ordinals():
    time = pd.PeriodIndex(["2020Q1", "2020Q2", "2021Q1"], freq="Q")
    ruler = Ruler.periods(time, np.array([0, 3]))
    assert ruler.steps.tolist() == [0, 1, 4] and ruler.missing == 2
    assert ruler.stamps(np.array([0]), np.array([2]))[0] == pd.Period("2020Q3", freq="Q")


def test_combined_rulers_place_each_series_on_its_own_calendar():
    daily = pd.date_range("2024-01-01", periods=5, freq="D")
    weekly = pd.date_range("2024-01-07", periods=3, freq="W-SUN").delete(1)
    offsets = np.array([0, 5, 7])
    panel = Ruler.of(daily.append(weekly), np.array([0, 5, 7]), to_offset("D"))
    own = Ruler.of(weekly, np.array([0, 2]), to_offset("W-SUN"))
    combined = Combined(offsets, panel, {1: own})
    assert combined.bad is None and combined.steps.tolist() == [0, 1, 2, 3, 4, 0, 2] and combined.missing == 1
    stamps = combined.stamps(np.array([1, 0, 1]), np.array([1, 4, 0]))
    assert stamps.tolist() == [pd.Timestamp("2024-01-14"), pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-07")]
