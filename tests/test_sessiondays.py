"""A session's day and clock for its bars, and the few dates a message names (``sessiondays.py``)."""

from __future__ import annotations

import pandas as pd

from rnncast import sessions
from rnncast.sessiondays import clock_in, few_dates, session_day


def test_a_session_past_midnight_dates_its_bars_by_the_day_it_opened_on():
    fx = sessions.parse("h 22:00-21:00 Sun Mon Tue Wed Thu")
    bars = pd.DatetimeIndex(["2024-03-03 22:00", "2024-03-04 00:00", "2024-03-04 21:00", "2024-03-04 22:00"])
    assert list(session_day(bars, fx)) == list(pd.DatetimeIndex(["2024-03-03"] * 3 + ["2024-03-04"]))
    assert list(clock_in(bars, fx)) == [pd.Timedelta(0), pd.Timedelta(hours=2), pd.Timedelta(hours=23),
                                        pd.Timedelta(0)]
    assert session_day(pd.Timestamp("2024-03-04 21:00"), fx) == pd.Timestamp("2024-03-03")


def test_a_day_session_reads_each_bar_from_its_opening():
    nyse = sessions.parse("30min 09:30-15:30")
    bars = pd.DatetimeIndex(["2024-07-03 09:30", "2024-07-03 12:30", "2024-07-05 09:30"])
    assert list(session_day(bars, nyse)) == list(pd.DatetimeIndex(["2024-07-03", "2024-07-03", "2024-07-05"]))
    assert list(clock_in(bars, nyse)) == [pd.Timedelta(0), pd.Timedelta(hours=3), pd.Timedelta(0)]


def test_few_dates_names_three_then_counts_the_rest():
    days = pd.date_range("2024-07-01", periods=5)
    assert few_dates(days) == "2024-07-01, 2024-07-02, 2024-07-03 and 2 more"
    assert few_dates(days[:2]) == "2024-07-01, 2024-07-02"
    assert few_dates(list(days[:3].to_numpy())) == "2024-07-01, 2024-07-02, 2024-07-03"
    assert few_dates([]) == ""
