"""Weeks written as pandas writes a weekly period (``weekperiods``): read as those periods; a span of other text refused
by its row, never read as a time with a UTC offset."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.weekperiods import read, written
from test_cli import cli

WEEKS = [str(p) for p in pd.period_range("2019-12-30", periods=10, freq="W-SUN")]  # '2019-12-30/2020-01-05' ...


def _row(i: int) -> str:
    return f"row {i}"


def test_weeks_as_pandas_writes_them_are_read_as_periods_of_their_last_weekday():
    got = read(pd.Series(WEEKS, name="ds"), "ds", _row)
    assert isinstance(got.dtype, pd.PeriodDtype) and got.dtype.freq.freqstr in ("W-SUN", "W")
    assert got.tolist() == list(pd.period_range("2019-12-30", periods=10, freq="W-SUN"))
    wednesdays = [str(p) for p in pd.period_range("2020-01-02", periods=3, freq="W-WED")]
    assert read(pd.Series(wednesdays), "ds", _row).dtype == pd.PeriodDtype("W-WED")
    dates = pd.Series(["2020-01-05", "2020-01-12"])
    assert read(dates, "ds", _row) is dates and written(pd.Series(WEEKS[:5])) and not written(dates)


@pytest.mark.parametrize("at, value, said", [
    (3, "2020-01-20/26", "which is not a week as its rows write them: a pandas weekly period, W-SUN, its first and "
                         "last day ('2019-12-30/2020-01-05' at row 0); write every row as a week of seven days ending on that weekday"),
    (4, "2020-01-27", "which is not a week as its rows write them"),  # a plain date among weeks
    (5, "2020-02-03/2020-02-10", "which is not a week as its rows write them"),  # eight days
    (2, "2020-01-09/2020-01-15", "which is not a week as its rows write them: a pandas weekly period, W-SUN"),  # a Wednesday
])
def test_a_row_that_is_no_week_among_weeks_is_refused_by_its_row(at, value, said):
    """'2020-01-20/2020-01-26' at line 5 of a tester's file was blamed, though lines 2-4 were read before it as
    2019-12-30 20:20-05:00, the last day taken for a UTC offset (decision 2034)."""
    column = pd.Series(WEEKS[:at] + [value] + WEEKS[at + 1:])
    with pytest.raises(RnncastError, match="^" + re.escape(f"time column 'ds' holds {value!r} at row {at}, {said}")):
        read(column, "ds", _row)


@pytest.mark.parametrize("value", ["2020-01-05/06", "2020-01-05 10:00/11:00", "2020-01-01/2020-01-31"])
def test_a_span_that_is_no_week_is_refused_not_read_as_a_time_with_an_offset(value):
    # pd.to_datetime(format="mixed") reads '2020-01-05/06' as 06:00 and '2020-01-05 10:00/11:00' as 11:00
    days = [f"2020-01-{d:02d}" for d in range(6, 15)]
    frame = pd.DataFrame({"ds": days[:4] + [value] + days[4:], "y": np.arange(10.0)})
    with pytest.raises(RnncastError, match=r"^time column 'ds' holds " + repr(value) + r" at .*, a span written "
                                           r"'start/end', which is no timestamp; a week is read as pandas writes a "
                                           r"weekly period, its first and last day \(2024-01-29/2024-02-04\)"):
        load_panel(frame, "y", announce=False)


def test_a_csv_of_weekly_periods_is_fitted_predicted_and_its_forecasts_read_back(tmp_path, capsys):
    """A W-SUN Series.to_csv, and the future values of a model fitted on it, were refused ("not a timestamp",
    "mixes date formats"), though rnncast writes the same text in predict's output and test_forecasts.csv."""
    index = pd.period_range("2020-01-05", periods=60, freq="W-SUN")
    pd.DataFrame({"units": np.sin(np.arange(60.0)), "x": np.cos(np.arange(60.0))}, index=index).to_csv(tmp_path / "w.csv")
    pd.DataFrame({"x": [0.5, 0.1]}, index=pd.period_range(index[-1] + 1, periods=2)).to_csv(tmp_path / "f.csv")
    small = ["--lookback", "6", "--horizon", "2", "--epochs", "1", "--hidden-size", "4"]
    code, _, err = cli(capsys, "fit", tmp_path / "w.csv", "--target", "units", "--future-covariates", "x", *small,
                       "--out", tmp_path / "m")
    assert code == 0, err
    code, out, err = cli(capsys, "predict", tmp_path / "m", tmp_path / "w.csv", "--future", tmp_path / "f.csv")
    assert code == 0, err
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["2021-02-22/2021-02-28", "2021-03-01/2021-03-07"]
    written_back = pd.read_csv(tmp_path / "m" / "test_forecasts.csv", index_col=0)
    assert isinstance(read(pd.Series(written_back.index), "ds", _row).dtype, pd.PeriodDtype)
