"""What the loader says of the time it read (``calendarnotes.py``): the time column and how it was found, the calendar
(each series' where they differ), the blank rows fill 'drop' removed; said at fit (``announce``), quiet otherwise."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
