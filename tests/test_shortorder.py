"""Dates of three two-digit numbers (``shortorder.py``): ``19-03-01`` read year first where that reading alone
puts the dates in order on a regular calendar; a column that reads so both year first and year last is refused,
naming both readings; day-first and month-first columns are read as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import RnncastError
from rnncast.datetext import parse_text
from rnncast.loading import load_panel


def _days(n: int, fmt: str, freq: str = "D", start: str = "2019-03-01") -> pd.Series:
    return pd.Series(pd.date_range(start, periods=n, freq=freq).strftime(fmt))


@pytest.mark.parametrize("sep", ["-", "/"])
def test_daily_dates_written_year_first_with_two_digit_years_are_read_year_first_and_said(sep, caplog):
    """19-03-01 .. 19-03-28 were read as 19 March 2001 .. 2028: a yearly axis the fit trained on."""
    frame = pd.DataFrame({"date": _days(28, f"%y{sep}%m{sep}%d"), "y": np.arange(28.0)})
    with caplog.at_level("WARNING"):
        panel = load_panel(frame, target="y")
    assert panel.time[0] == pd.Timestamp("2019-03-01") and panel.time[-1] == pd.Timestamp("2019-03-28")
    assert panel.calendar.freq == to_offset("D")
    assert (f"is read year first (19{sep}03{sep}01 is 1 March 2019, YY{sep}MM{sep}DD): as DD{sep}MM{sep}YY they would "
            "be 19 March 2001 .. 19 March 2028, on no regular calendar") in caplog.text


def test_a_longer_year_first_file_is_read_not_refused_with_advice_for_day_first():
    """120 days were refused as 'write four-digit years (DD-MM-YYYY)': '19-03-30' read as 2030."""
    time, _ = parse_text(_days(120, "%y-%m-%d"), "date", str)
    assert time[0] == pd.Timestamp("2019-03-01") and time[-1] == pd.Timestamp("2019-06-28")


def test_a_monthly_year_first_file_is_read_as_months():
    """15-01-01, 15-02-01 ...: day first they go back in time ('not sorted')."""
    panel = load_panel(pd.DataFrame({"date": _days(48, "%y-%m-%d", "MS", "2015-01-01"), "y": np.arange(48.0)}), target="y")
    assert panel.calendar.freq == to_offset("MS") and panel.time[-1] == pd.Timestamp("2018-12-01")


def test_dates_in_order_and_regular_both_year_first_and_year_last_are_refused_naming_both():
    column = pd.Series([f"01-01-{i:02d}" for i in range(1, 11)])  # 1 .. 10 January 2001, or 1 January 2001 .. 2010
    with pytest.raises(RnncastError) as err:
        parse_text(column, "date", lambda i: f"row {i}")
    assert str(err.value) == ("time column 'date' could be read year first or year last: '01-01-02' at row 1 is "
                              "2 January 2001 as YY-MM-DD but 1 January 2002 as DD-MM-YY, and both put the dates in "
                              "order on regular calendars (D and YS-JAN); write four-digit years (YYYY-MM-DD or "
                              "DD-MM-YYYY)")


@pytest.mark.parametrize("fmt", ["%d-%m-%y", "%m/%d/%y", "%d/%m/%y"])
def test_day_first_and_month_first_two_digit_years_are_read_as_before(fmt):
    for n in (28, 80):
        time, _ = parse_text(_days(n, fmt), "date", str)
        assert time[0] == pd.Timestamp("2019-03-01") and time[1] == pd.Timestamp("2019-03-02")


def test_a_model_that_read_its_dates_day_first_reads_new_data_so():
    time, _ = parse_text(pd.Series([f"01-01-{i:02d}" for i in range(1, 11)]), "date", str, dayfirst=True)
    assert time[1] == pd.Timestamp("2002-01-01")


def test_the_clock_of_a_widened_date_is_pandas_guess_after_its_date_part():
    from rnncast.shortorder import clock_of

    assert clock_of("2019-03-01 13:00", ("%Y-%m-%d",)) == " %H:%M"
    assert clock_of("2019-03-01", ("%Y-%m-%d",)) == ""
    assert clock_of("01/15/2020", ("%Y-%m-%d",)) is None and clock_of("01/15/2020", ("%m/%d/%Y",)) == ""
    assert clock_of("2023.01.01 1:00 PM", ("%Y.%m.%d",)) == " %I:%M %p"  # pandas' guess names no %p


def _twelve_hour(t: pd.Timestamp, date: str, korean: bool) -> str:
    hour = f"{t.hour % 12 or 12}:{t:%M}"
    if korean:
        return f"{t:{date}} {'오전' if t.hour < 12 else '오후'} {hour}"
    return f"{t:{date}} {hour} {'AM' if t.hour < 12 else 'PM'}"


@pytest.mark.parametrize("date,korean", [("%y.%m.%d", True), ("%y-%m-%d", True), ("%y.%m.%d", False),
                                         ("%y/%m/%d", False), ("%d.%m.%y", False), ("%m/%d/%y", True)])
def test_two_digit_year_dates_of_a_12_hour_clock_are_read_in_the_order_of_their_24_hour_neighbours(date, korean):
    """'23.01.01 오전 12:00' .. (300 hours) were read day first (23 January 2001 ..): pandas' guess names no %p, so
    the year-first reading was never tried, and 104904 hours were missing from the calendar."""
    hours = pd.date_range("2023-01-01", periods=300, freq="h")
    time, _ = parse_text(pd.Series([_twelve_hour(t, date, korean) for t in hours]), "date", str)
    assert time.equals(pd.DatetimeIndex(hours))


@pytest.mark.parametrize("fmt", ["%y.%m.%d.", "%y.%m.%d. %H:%M"])
def test_year_first_dotted_dates_ending_in_a_dot_are_read_year_first(fmt):
    """23.01.01. .. (Korean offices end a dotted date with a dot) were read year last, then refused at '23.01.30.' as
    '2030 to pandas but 1930 to a spreadsheet' though 23.01.01 .. was read year first."""
    time, _ = parse_text(_days(300, fmt, start="2023-01-01"), "date", str)
    assert time[0] == pd.Timestamp("2023-01-01") and time[-1] == pd.Timestamp("2023-10-27")


@pytest.mark.parametrize("told", [True, False])
def test_date_order_orders_day_and_month_only_a_year_first_column_stays_year_first(told):
    """t41-t1 M3: '24/01/30' read year first without date_order was read DD/MM/YY under date_order='month' and
    refused as 2030 to pandas (decision 2227)."""
    column = _days(120, "%y/%m/%d", start="2024-01-01")
    time, _ = parse_text(column, "date", str, dayfirst=told, order={"told": told})
    assert time[0] == pd.Timestamp("2024-01-01") and time[-1] == pd.Timestamp("2024-04-29")


def test_date_order_takes_the_year_last_where_it_reads_in_order():
    """01/01/01 .. 10/01/01 under date_order='day': 1 .. 10 January 2001, not refused as year first or last."""
    column = pd.Series([f"{i:02d}/01/01" for i in range(1, 11)])
    time, _ = parse_text(column, "date", str, dayfirst=True, order={"told": True})
    assert time[1] == pd.Timestamp("2001-01-02")
