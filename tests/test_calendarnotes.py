"""What the loader says of the time it read (``calendarnotes.py``): the time column and how it was found, the calendar
(each series' where they differ), the blank rows fill 'drop' removed; said at fit (``announce``), quiet otherwise."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.calendarnotes import time_source
from rnncast.indexcolumns import HOW, INDEX_NAMES, INDEX_TIME
from rnncast.loading import load_panel


def _frame(freq="D", n=30):
    return pd.DataFrame({"date": pd.date_range("2020-01-06", periods=n, freq=freq), "y": np.arange(n, dtype=float)})


def test_the_time_column_and_its_calendar_are_said_at_fit(caplog):
    with caplog.at_level("INFO", logger="rnncast.loading"):
        load_panel(_frame(), "y")
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("time: ")]
    assert said == ["time: column 'date' (found by its name; name another with time_col=, --time-col), calendar 'D'"]


def test_each_series_calendar_is_said_where_they_differ(caplog):
    daily, weekly = _frame("D"), _frame("W-MON")
    frame = pd.concat([daily.assign(unique_id="d"), weekly.assign(unique_id="w")])
    with caplog.at_level("INFO", logger="rnncast.loading"):
        load_panel(frame, "y", id_col="unique_id")
    assert "calendars differ by series:" in caplog.text


def test_nothing_is_said_where_the_loader_does_not_announce(caplog):
    with caplog.at_level("INFO", logger="rnncast.loading"):
        load_panel(_frame(), "y", announce=False)
    assert "time: column" not in caplog.text


def test_the_blank_weekend_rows_drop_removes_are_said(caplog):
    frame = _frame("D", 28)
    frame.loc[frame["date"].dt.day_of_week >= 5, "y"] = np.nan
    with caplog.at_level("INFO", logger="rnncast.loading"):
        panel = load_panel(frame, "y", fill="drop")
    assert len(panel.values) == 20  # four weeks of weekdays
    assert "fill 'drop' removed 8 rows that hold a missing value (first: 2020-01-11, 2020-01-12, 2020-01-18)" in caplog.text
    assert "time: column 'date' (found by its name; name another with time_col=, --time-col), calendar 'B'" in caplog.text


def test_a_time_index_is_said_as_the_index_not_as_a_column(caplog):
    """A Series on a DatetimeIndex named 'month' was said as "time: column 'month'": the data has no such column."""
    y = np.sin(np.arange(40) / 3.0)
    monthly = pd.Series(y, index=pd.date_range("2020-01-31", periods=40, freq="ME", name="month"), name="y")
    periods = pd.DataFrame({"y": y}, index=pd.period_range("2020-01", periods=40, freq="M", name="month"))
    unnamed = monthly.rename_axis(None)
    said = []
    for data in (monthly, periods, unnamed):
        caplog.clear()
        with caplog.at_level("INFO", logger="rnncast.loading"):
            load_panel(data, "y")
        said += [r.getMessage() for r in caplog.records if r.getMessage().startswith("time: ")]
    advice = "; name another with time_col=, --time-col), calendar 'ME'"
    assert said == [f"time: the index 'month' (found by its type{advice}"] * 2 + [
        f"time: the data's unnamed index, read as 'ds' (found by its type{advice}"]


def test_where_the_time_came_from_is_said_of_a_column_a_named_index_and_an_unnamed_one():
    assert time_source("date", "by its name", {}) == ("column 'date'", "by its name")
    assert time_source("date", None, {INDEX_NAMES: {"store": "store"}}) == ("column 'date'", None)
    assert time_source("year", "by its name", {INDEX_NAMES: {"year": "year"}}) == ("the index 'year'", "by its name")
    assert time_source("index", HOW, {INDEX_NAMES: {"index": None}}) == (
        "the data's unnamed index, read as 'index'", "by its integer steps")
    assert time_source("ds", "by its name", {INDEX_NAMES: {"ds": None}, INDEX_TIME: "ds"}) == (
        "the data's unnamed index, read as 'ds'", "by its type")
    assert time_source("ds", None, {INDEX_NAMES: {"ds": None}, INDEX_TIME: "ds"})[1] is None  # named by the caller


def test_quarter_text_read_without_freq_is_said_read_as_calendar_quarters_naming_the_fiscal_freq(caplog, tmp_path):
    """'2016Q1' is how pandas writes a Q-MAR PeriodIndex's first quarter (April to June 2015) as well as the calendar's:
    read without freq= as calendar quarters, it is said so, with the freq that reads fiscal ones (decision 2104); not
    where a freq was given, nor for dates."""
    periods = pd.period_range("2016Q1", periods=12, freq="Q-MAR")
    pd.Series(np.arange(12.0), index=periods.rename("q"), name="y").to_csv(tmp_path / "q.csv")
    with caplog.at_level("INFO", logger="rnncast.loading"):
        load_panel(tmp_path / "q.csv", "y")
    said = [r.getMessage() for r in caplog.records if "calendar quarters" in r.getMessage()]
    assert said == ["time: quarters read as calendar quarters, as pandas reads '2016Q1' (January to March 2016); pandas "
                    "writes a fiscal year's alike (a Q-MAR PeriodIndex writes April to June 2015 as '2016Q1'): for "
                    "fiscal quarters give the month the year ends in, freq='QE-MAR', --freq QE-MAR (or pandas' Period "
                    "alias Q-MAR) for years ending in March, QE-JUN, QE-SEP ..."]
    for freq in ("QS-JAN", "Q-MAR"):
        caplog.clear()
        with caplog.at_level("INFO", logger="rnncast.loading"):
            load_panel(tmp_path / "q.csv", "y", freq=freq)
        assert "calendar quarters" not in caplog.text
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast.loading"):
        load_panel(_frame("QS"), "y")
    assert "calendar quarters" not in caplog.text
