"""The period a time written as text names (``periodspans.py``, moved from cutoffs.py): its first and last instant
and its start; how a cutoff given so cuts is tested in test_cutoffs.py."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.periodspans import as_held, held, held_days, on_calendar, period_start, span


@pytest.mark.parametrize("text, first, after", [
    ("2015", "2015-01-01", "2016-01-01"),
    ("2017Q3", "2017-07-01", "2017-10-01"),
    ("2021-07", "2021-07-01", "2021-08-01"),
    ("2022-W20", "2022-05-16", "2022-05-23"),  # an ISO week: Monday to Sunday
    ("2022-W20-3", "2022-05-18", "2022-05-19"),  # one day of it
    ("2021-05-17/2021-05-23", "2021-05-17", "2021-05-24"),  # a pd.Period of weeks as str() writes it
])
def test_a_period_written_as_text_spans_from_its_first_to_its_last_instant(text, first, after):
    start, last = span(text)
    assert start == pd.Timestamp(first) and period_start(text) == start
    assert pd.Timestamp(after) - pd.Timedelta(1, "us") <= last < pd.Timestamp(after)  # its last instant, to pandas' unit


def test_an_instant_with_its_offset_is_no_period_and_text_of_no_time_is_refused():
    assert span("2024-10-25T10:00:00+00:00") is None
    assert period_start("2024-10-25T10:00:00+00:00") == pd.Timestamp("2024-10-25 10:00", tz="UTC")
    assert span("soon") is None
    with pytest.raises(ValueError):
        period_start("soon")


def test_a_quarter_or_year_period_is_held_as_its_days_and_other_periods_as_pandas_writes_them():
    # decision 2032: str() of Q-MAR's 2016Q3 is '2016Q3', which names other days on calendar quarters
    assert held(pd.Period("2016Q3", "Q-MAR")) == "2015-10-01/2015-12-31"
    assert held(pd.Period("2016Q3", "Q-DEC")) == "2016-07-01/2016-09-30"
    assert held(pd.Period("2016", "Y-MAR")) == "2015-04-01/2016-03-31"
    assert held(pd.Period("2021-07", "M")) == "2021-07" and held(pd.Period("2021-05-17", "W")) == "2021-05-17/2021-05-23"
    assert held_days("2016-07-01/2016-09-30") and not held_days("2021-05-17/2021-05-23") and not held_days("2016Q3")
    assert as_held(pd.Period("2016Q3", "Q-DEC"), "2016-07-01/2016-09-30")
    assert not as_held(pd.Period("2017Q2", "Q-MAR"), "2016-07-01/2016-09-30")  # the same days, named otherwise


@pytest.mark.parametrize("text, freq, period", [
    ("2016Q3", "Q-MAR", "2016Q3"),  # October to December 2015, as y.loc[:'2016Q3'] slices fiscal quarters
    ("2016Q3", "Q-DEC", "2016Q3"),
    ("2016Q3", "Y-MAR", "2016"),  # pandas reads the quarter on the years' calendar: in the year ending March 2016
    ("2016", "Y-DEC", "2016"),
])
def test_quarter_and_year_text_is_read_on_the_datas_calendar_as_pandas_reads_it(text, freq, period):
    found = on_calendar(text, pd.period_range("2010", periods=3, freq=freq).freq, "cutoff")
    assert found == pd.Period(period, freq) and found.freqstr == freq
    assert found == pd.Series(0, index=pd.period_range("2010", periods=40, freq=freq)).loc[:text].index[-1]


def test_other_text_or_frequency_is_left_to_its_span_and_a_year_of_fiscal_years_is_refused_naming_both_readings():
    quarters, months = (pd.period_range("2010", periods=3, freq=f).freq for f in ("Q-MAR", "M"))
    assert on_calendar("2016", quarters, "cutoff") is None and on_calendar("2016-07", quarters, "cutoff") is None
    assert on_calendar("2016Q3", months, "cutoff") is None
    with pytest.raises(RnncastError, match=re.escape(
            "cutoff '2016' is ambiguous on the data's Y-MAR years: pandas reads it as the year 2016 of that calendar, "
            "2015-04-01 to 2016-03-31 (pd.Period('2016', freq='Y-MAR')), and slices y.loc[:'2016'] to the calendar "
            "year's end, in its year 2017; give 2016-03 for the first or 2016-12 for the second")):
        on_calendar("2016", pd.period_range("2010", periods=3, freq="Y-MAR").freq, "cutoff")
