"""Timestamps of no regular calendar (``irregularsteps.py``): said with what gives them one where freq= would not, such
as the same days of every month (dekads), which no pandas alias names."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY

from rnncast import Forecaster
from rnncast.irregularsteps import month_days, remedy, week_days


def test_dekads_are_told_no_freq_names_them_and_the_way_that_forecasts_them(caplog):
    months = pd.date_range("2010-01-01", periods=24, freq="MS")
    time = pd.DatetimeIndex(sorted(m + pd.Timedelta(days=d) for m in months for d in (0, 10, 20)))[4:]  # starts mid-month
    assert month_days(time).startswith("they keep the days 1, 11, 21 of every month (dekads), a calendar no pandas "
                                       "offset alias names, so freq= cannot date them either")
    pentads = pd.DatetimeIndex(sorted(m + pd.Timedelta(days=d) for m in months for d in (0, 5, 10, 15, 20, 25)))
    assert month_days(pentads).startswith("they keep the days 1, 6, 11, 16, 21, 26 of every month, a calendar")
    assert month_days(pd.date_range("2010-01-01", periods=60, freq="SMS")) is None  # pandas names 1st and 15th
    assert month_days(time + pd.Timedelta(hours=6)) is None  # not midnights
    frame = pd.DataFrame({"time": time, "rain": np.random.default_rng(0).gamma(2, 10, len(time))})
    with caplog.at_level("WARNING"):
        Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="rain", time_col="time")
    said = caplog.text
    assert "(dekads)" in said and "give freq= (--freq) to name their calendar" not in said
    steps = frame.assign(time=np.arange(1, len(frame) + 1))  # the way out it gives
    assert len(Forecaster(**{**TINY, "epochs": 1}).fit(steps, target="rain", time_col="time").predict(steps)) == TINY["horizon"]


def test_a_few_weeks_of_mon_wed_fri_rows_are_told_their_week_mask_not_rounding_to_2_days():
    """Four weeks of Mon/Wed/Fri rows (too few to find the week) were told "the timestamps lie within 12 h of a 2-day
    grid (jitter); round them to it", which moves them: now the week mask to give (decision 2106)."""
    time = pd.bdate_range("2021-01-04", periods=12, freq="C", weekmask="Mon Wed Fri")
    said = "they fall on Mon Wed Fri alone: if each row is one day of that week, give it as their calendar, "
    assert week_days(time, np.array([0, 12])).startswith(said)
    assert remedy(time, np.array([0, 12]), str).startswith(said)
    assert week_days(pd.date_range("2021-01-01", periods=12, freq="2D"), np.array([0, 12])) is None
