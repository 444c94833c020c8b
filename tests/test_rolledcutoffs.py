"""A cutoff written as one time off the data's calendar (``rolledcutoffs.py``) is said as the time it cuts at."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster


def _frame(freq: str, n: int = 60) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.date_range("2018-01-01", periods=n, freq=freq), "y": np.sin(np.arange(n) / 3)})


@pytest.mark.parametrize("freq, cutoff, said", [
    ("ME", "2021-03-01", "'2021-03-01' read as 2021-02-28, the last month-end on or before it"),
    ("W-SUN", "2018-06-06", "'2018-06-06' read as 2018-06-03, the last Sunday on or before it"),
    ("QS-JAN", "2022-02-15", "'2022-02-15' read as 2022-01-01, the last quarter-start on or before it"),
])
def test_a_cutoff_off_the_calendar_is_said_as_the_time_it_cuts_at(freq, cutoff, said, caplog):
    """--cutoff 2023-03-01 on month-ends cut at 2023-02-28 without a word."""
    with caplog.at_level(logging.INFO, logger="rnncast"):
        bt = Forecaster(**{**TINY, "epochs": 1, "lookback": 4, "horizon": 2, "cutoff": cutoff}).backtest(
            _frame(freq), n_windows=2, target="y")
    assert caplog.text.count(said) == 1 and f"cutoff (--cutoff) {said}" in caplog.text, caplog.text
    assert pd.Timestamp(bt.forecasts["cutoff"].min()) == pd.Timestamp(said.split(" read as ")[1].split(",")[0])


@pytest.mark.parametrize("freq, cutoff", [("ME", "2021-02-28"), ("ME", "2021-02"), ("D", "2018-01-20")])
def test_a_cutoff_on_the_calendar_or_naming_a_period_says_nothing(freq, cutoff, caplog):
    with caplog.at_level(logging.INFO, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1, "lookback": 4, "horizon": 2, "cutoff": cutoff}).backtest(
            _frame(freq), n_windows=2, target="y")
    assert "read as" not in caplog.text
