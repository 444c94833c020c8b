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


@pytest.mark.parametrize("freq, cutoff, said", [
    ("MS", "2019", "'2019' read as 2019-12-01, the data's last time in 2019"),
    ("D", "2018-01", "'2018-01' read as 2018-01-31, the data's last time in 2018-01"),
])
def test_a_period_of_several_of_the_datas_times_is_said_as_its_last_time(freq, cutoff, said, caplog):
    """A tester's finding (t31t6 #2): --cutoff 1958 of monthly data cut at 1958-12-01 unsaid (a Darts user's start
    is the first forecast time; a year names its last row here). Said once, as '2023.0' is (decision 1491)."""
    frame = _frame(freq, 60 if freq == "MS" else 90)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        bt = Forecaster(**{**TINY, "epochs": 1, "lookback": 4, "horizon": 2, "cutoff": cutoff}).backtest(
            frame, n_windows=2, target="y")
    assert caplog.text.count(said) == 1 and "the forecasts start after it" in caplog.text, caplog.text
    assert pd.Timestamp(bt.forecasts["cutoff"].min()) == pd.Timestamp(said.split(" read as ")[1].split(",")[0])


def test_a_period_given_to_period_data_is_said_where_it_holds_several(caplog):
    from types import SimpleNamespace

    from rnncast.noticed import one_call
    from rnncast.rolledcutoffs import period_said

    time = pd.period_range("2018-01", periods=30, freq="M")
    panel = SimpleNamespace(time=time, calendar=SimpleNamespace(text_format=None))
    with caplog.at_level(logging.INFO, logger="rnncast"), one_call():
        period_said(pd.Period("2018-12", "M"), pd.Period("2018-01", "M"), panel, "2018")
        period_said(pd.Period("2019-01", "M"), pd.Period("2019-01", "M"), panel, "2019-01")  # one month: nothing
    assert "'2018' read as 2018-12, the data's last time in 2018" in caplog.text and "2019-01" not in caplog.text


def test_a_quarter_given_as_a_period_of_other_quarters_is_said_as_the_datas_period_of_its_days(caplog):
    """Q-DEC's 2016Q3 (July to September 2016) on fiscal Q-MAR quarters cuts after the data's 2017Q2, said once per
    call; the data's own period given so says nothing (decision 2032)."""
    y = pd.Series(np.sin(np.arange(60) / 3), index=pd.period_range("2004Q1", periods=60, freq="Q-MAR"), name="y")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        bt = Forecaster(**{**TINY, "epochs": 1, "lookback": 4, "horizon": 2, "season": 4,
                           "cutoff": pd.Period("2016Q3", "Q-DEC")}).backtest(y, n_windows=2)
    said = "'2016-07-01/2016-09-30' read as 2017Q2, the data's Q-MAR period that holds its last day, 2016-09-30"
    assert caplog.text.count(said) == 1, caplog.text
    assert str(bt.forecasts["cutoff"].min()) == "2017Q2"
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):
        bt = Forecaster(**{**TINY, "epochs": 1, "lookback": 4, "horizon": 2, "season": 4,
                           "cutoff": pd.Period("2016Q3", "Q-DEC")}).backtest(y.set_axis(y.index.asfreq("Q-DEC")), n_windows=2)
    assert "cutoff (--cutoff)" not in caplog.text and str(bt.forecasts["cutoff"].min()) == "2016Q3"
