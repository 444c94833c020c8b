"""Dates that keep one period each but switch how they name it (``switchedanchors.py``): month-ends then
month-starts, quarter or year ends then starts, Sundays then Mondays are named in one line with the pandas line that
puts them on one calendar; a month written twice in two forms is refused as given twice."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.switchedanchors import found


def _frame(dates) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.DatetimeIndex(dates).strftime("%Y-%m-%d"),
                         "y": 100 + np.sin(np.arange(len(dates))).round(3)})


def _switched(first, then, n=30, m=20):
    a = pd.date_range(end="2021-12-31", periods=n, freq=first)
    return a.append(pd.date_range(a[-1] + pd.Timedelta(days=1), periods=m, freq=then))


def _fit(frame, **kw):
    return Forecaster(**TINY, **kw).fit(frame, target="y", time_col="date")


def test_month_ends_then_month_starts_are_named_with_a_line_that_makes_them_one_calendar(caplog):
    """A tester's file switched from month-ends to month-starts at line 32: read as irregular, its steps said as
    pandas' Timedelta text ("1 days 00:00:00 to 31 days 00:00:00"), and freq='ME' and 'MS' were both refused with
    advice that could not work. The switch is named, and the pandas line it gives reads as 'ME'."""
    frame = _frame(_switched("ME", "MS"))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        _fit(frame)
    assert "the dates switch from month-ends to month-starts at row 30 (2022-01-01 after 2021-12-31), though each " \
           "row is the month after the one before, so no one calendar keeps them" in caplog.text, caplog.text
    assert "days 00:00:00" not in caplog.text
    line = "pd.to_datetime(df['date']).dt.to_period('M').dt.end_time.dt.normalize(), then the calendar is 'ME'"
    assert f"put every row on month-ends (the form most rows keep), e.g. with pandas: df['date'] = {line}" in caplog.text
    for freq in ("ME", "MS"):
        with pytest.raises(RnncastError, match="the dates switch from month-ends to month-starts at row 30"):
            _fit(frame, freq=freq)
    frame["date"] = pd.to_datetime(frame["date"]).dt.to_period("M").dt.end_time.dt.normalize()
    assert _fit(frame).state_.calendar.freq_text == "ME"


@pytest.mark.parametrize("first, then, said, alias", [
    ("QE-DEC", "QS-JAN", "from quarter-ends to quarter-starts", "QS-JAN"),
    ("YE-DEC", "YS-JAN", "from year-ends to year-starts", "YS-JAN"),
    ("W-SUN", "W-MON", "from Sundays to Mondays", "W-SUN"),
])
def test_quarters_years_and_weeks_that_switch_form_are_named_too(first, then, said, alias):
    dates = _switched(first, then, 20, 24)
    text = found(dates.rename("date"), np.array([0, len(dates)]), lambda i: f"row {i + 1}")
    assert text is not None and text[0].startswith(f"switch {said} at row 21") and f"the calendar is {alias!r}" in text[1]


def test_one_calendar_and_dates_on_neither_end_are_not_called_a_switch():
    for dates in (pd.date_range("2020-01-31", periods=30, freq="ME"), pd.date_range("2020-01-15", periods=30,
                  freq="MS") + pd.Timedelta(days=14), _switched("ME", "MS").delete(35)):  # a month left out
        assert found(dates, np.array([0, len(dates)]), str) is None


def test_the_same_month_as_its_first_day_and_its_last_is_refused_as_given_twice():
    """2023-06-01 beside 2023-06-30 among month-ends was warned as an off-calendar typo and June scored twice."""
    dates = list(pd.date_range(end="2024-06-30", periods=60, freq="ME"))
    dates.insert(40, dates[40] - pd.offsets.MonthBegin(1))
    with pytest.raises(RnncastError) as refused:
        _fit(_frame(dates))
    assert str(refused.value).startswith(
        f"timestamps {dates[40]:%Y-%m-%d} (row 40) and {dates[41]:%Y-%m-%d} (row 41) are the same month, "
        f"{dates[41]:%Y-%m}, written as its first day and as its last: each month of a series must appear once")
    assert "dt.to_period('M').dt.end_time.dt.normalize(); df = df.drop_duplicates(subset=['date'], keep='last')" \
        in str(refused.value)
