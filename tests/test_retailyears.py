"""Fiscal years and quarters of 52 or 53 weeks (``retailyears.py``): the pandas offset every timestamp keeps, named
by the messages that find no calendar (fit's warning, a refused freq, predict's refusal) instead of rounding to a
364-day grid that would move the dates by weeks."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, jitter, retailyears
from rnncast.calendars import settle

YEARS = [pd.offsets.FY5253(weekday=5, startingMonth=1, variation="last"),
         pd.offsets.FY5253(weekday=6, startingMonth=8, variation="nearest"),
         pd.offsets.FY5253Quarter(weekday=5, startingMonth=1, qtr_with_extra_week=1, variation="last"),
         pd.offsets.FY5253Quarter(weekday=0, startingMonth=9, qtr_with_extra_week=4, variation="nearest")]


def _whole(time):
    return np.array([0, len(time)])


@pytest.mark.parametrize("offset", YEARS, ids=lambda o: o.freqstr)
def test_the_52_53_week_calendar_found_keeps_every_date(offset):
    time = pd.date_range("2000-01-01", periods=40, freq=offset, name="date")
    found = retailyears.found(time, _whole(time))
    assert found is not None
    assert (pd.date_range(time[0], periods=40, freq=found) == time).all()  # the same dates, whichever spelling


@pytest.mark.parametrize("time", [pd.date_range("2000-01-01", periods=40, freq="W"),
                                  pd.date_range("2000-01-01", periods=40, freq="364D"),
                                  pd.date_range("2000-01-01", periods=40, freq="YE-JAN"),
                                  pd.date_range("2000-01-01", periods=40, freq="QS-OCT")])
def test_calendars_of_other_steps_are_no_52_53_week_calendar(time):
    assert retailyears.found(time, _whole(time)) is None


@pytest.mark.parametrize("offset", YEARS, ids=lambda o: o.freqstr)
def test_fit_infers_and_keeps_a_52_53_week_calendar_that_every_date_keeps(offset, caplog):
    """Fit without freq named the calendar to give, then forecast on none (predict refused to date them): where pandas'
    offset reproduces every date it is the data's calendar, said in the log, and forecasts follow it."""
    time = pd.date_range("2000-01-01", periods=40, freq=offset, name="date")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        calendar, ruler, _ = settle(time, _whole(time))
    assert (pd.date_range(time[0], periods=40, freq=calendar.freq) == time).all() and ruler.missing == 0
    assert f"pandas' {type(offset).__name__} '{calendar.freq_text}', which every date keeps" in caplog.text
    ahead = pd.date_range(time[0], periods=43, freq=offset)[40:]
    assert calendar.next(time[-1], 3).equals(ahead.rename("date"))


def test_fit_names_the_calendar_not_a_364_day_rounding_where_rows_are_missing(caplog):
    time = pd.date_range("2000-01-29", periods=40, freq=YEARS[0], name="date").delete(20)  # a year missing
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        calendar, ruler, _ = settle(time, _whole(time))
    said = " ".join(r.getMessage() for r in caplog.records)
    assert calendar.freq is None and "give freq='RE-L-JAN-SAT' (--freq RE-L-JAN-SAT)" in said
    assert "jitter" not in said and "round" not in said
    quarters = pd.date_range("2000-01-29", periods=40, freq=YEARS[2])
    assert "REQ-L-JAN-SAT-1" in jitter.advice(quarters, _whole(quarters))
    calendar, ruler, _ = settle(time, _whole(time), freq="RE-L-JAN-SAT")
    assert ruler.bad is None and ruler.missing == 1


def test_a_calendar_given_that_52_53_week_years_are_not_on_names_theirs():
    time = pd.date_range("2000-01-29", periods=40, freq=YEARS[0], name="date")
    with pytest.raises(RnncastError, match=r"not on the calendar freq='YE-JAN'; they are fiscal years of 52 or 53 "
                                           r"weeks, pandas' FY5253 calendar: give freq='RE-L-JAN-SAT' "
                                           r"\(--freq RE-L-JAN-SAT\)$"):
        settle(time, _whole(time), freq="YE-JAN")


def test_13_week_quarters_before_a_53_week_year_name_the_fiscal_quarters_they_also_keep(caplog):
    offset = pd.offsets.FY5253Quarter(weekday=5, startingMonth=1, qtr_with_extra_week=4, variation="nearest")
    time = pd.date_range("2020-05-02", "2023-07-29", freq=offset, name="period_end")  # no 53-week year yet
    with caplog.at_level(logging.INFO, logger="rnncast"):
        calendar, _, _ = settle(time, _whole(time))
    assert calendar.freq.freqstr == "13W-SAT"  # the data cannot tell: inferred as before (decision 1976)
    said = retailyears.beside(time, _whole(time), calendar.freq)
    assert said in caplog.text and "which parts from '13W-SAT' at the first 53-week year" in said
    given = said.split("e.g. freq='")[1].split("'")[0]
    assert all(pd.tseries.frequencies.to_offset(given).is_on_offset(t) for t in time)  # a freq that keeps them
    weekly = pd.date_range("2020-01-04", periods=40, freq="W-SAT")
    assert retailyears.beside(weekly, _whole(weekly), pd.tseries.frequencies.to_offset("W-SAT")) is None
