"""Timestamps of no regular calendar (``irregularsteps.py``): said with what gives them one where freq= would not, such
as the same days of every month (dekads), which no pandas alias names."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY

from rnncast import Forecaster
from rnncast.irregularsteps import month_days


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
