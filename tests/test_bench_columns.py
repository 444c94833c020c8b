"""The columns of a benchmark table (rnncast.bench.columns): the first column as time where the library's rules,
or Unix times under a time's name, make it so; any other numeric first column a value column, said; values shown
as written."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.bench import columns, tablefile
from rnncast.errors import RnncastError


def _write(tmp_path, first: str, values, name: str = "t.csv"):
    rng = np.random.default_rng(0)
    path = tmp_path / name
    pd.DataFrame({first: values, "a": rng.normal(size=len(values)), "OT": rng.normal(size=len(values))}).to_csv(
        path, index=False)
    return path


def test_numbers_in_the_unix_time_range_under_another_name_are_values_said(tmp_path, caplog) -> None:
    """A first column `sales` of floats about 1.6e9, unsorted, was refused as a time column that "comes before the
    previous row's", and a rising `us_population` of about 3.2e8 was read as times from 1980 (with "1497470 rows
    are missing from the calendar"): both are value columns, in one line that says how to read them as times."""
    rng = np.random.default_rng(1)
    path = _write(tmp_path, "sales", 1.6e9 + rng.uniform(0, 3e7, 50))
    table = tablefile.read_table(path)
    assert (table.time_column, table.columns[0], table.first_is_value) == (None, "sales", True)
    [note] = table.notes
    assert note.startswith("the first column 'sales' holds ") and ", which look like Unix times in seconds (" in note
    assert note.endswith("but its name says no time (date, ds, time, _time, timestamp, datetime, 날짜, 일자, 일시, 日付, 日時, "
                         "日期, 时间, ts, unix, epoch ...): read "
                         "as a value column; to read them as times, name the column 'timestamp' (its rows must then "
                         "rise in time)")
    path = _write(tmp_path, "us_population", 320_000_000 + np.cumsum(rng.integers(900, 1100, 50)))
    with caplog.at_level("WARNING", logger="rnncast"):
        table = tablefile.read_table(path)
    assert table.time_column is None and table.columns == ["us_population", "a", "OT"] and not caplog.records
    assert "but its name says no time" in table.notes[0]


@pytest.mark.parametrize("name", ["ts", "unix", "unix_time", "unixTime", "epoch_ms", "Timestamp_s", "OrderDate"])
def test_whole_rising_unix_times_under_a_times_name_are_the_time_column(tmp_path, name) -> None:
    times = pd.date_range("2024-01-01", periods=40, freq="h").as_unit("s").asi8
    table = tablefile.read_table(_write(tmp_path, name, times))
    assert table.time_column == name and table.columns == ["a", "OT"]
    assert table.notes[0].endswith("read as the time column, which orders the rows, not as a series")


@pytest.mark.parametrize("values, why", [
    (np.arange(40) * 3600 + 1_700_000_000.5, "they are not whole numbers (1700000000.5 at line 2 of t.csv)"),
    (np.r_[1_700_000_000, 1_700_003_600, 1_699_999_000, 1_700_007_200], "they do not rise from row to row "
                                                                        "(1699999000 after 1700003600 at line 4 of t.csv)"),
])
def test_unix_times_under_a_times_name_that_are_not_whole_or_rising_are_values_said(tmp_path, values, why) -> None:
    table = tablefile.read_table(_write(tmp_path, "ts", values))
    assert table.time_column is None and table.columns[0] == "ts"
    assert "which look like Unix times in seconds" in table.notes[0] and f", but {why}: read as a value column" in (
        table.notes[0]) and "name the column 'timestamp'" in table.notes[0]


def test_refusals_show_values_as_written_not_numpys_repr(tmp_path) -> None:
    """"(np.float64(1600189754.96) after np.float64(1602826988.2))": the values, plainly."""
    path = _write(tmp_path, "timestamp", [1602826988.2, 1600189754.96, 1603000000.0])
    with pytest.raises(RnncastError, match=r"comes before the previous row's at line 3 of t.csv \(1600189754\.96 after "
                                           r"1602826988\.2\)") as caught:
        tablefile.read_table(path)
    assert "np." not in str(caught.value)
    path = _write(tmp_path, "step", [3, 2, 4])
    with pytest.raises(RnncastError) as caught:
        tablefile.read_table(path)
    assert "np." not in str(caught.value)
    assert columns.shown(np.int64(3)) == "3" and columns.shown(np.float64(0.5)) == "0.5" and columns.shown("x") == "'x'"


def test_names_that_say_time() -> None:
    assert all(columns.epoch_name(n) for n in ("ts", "TS", "unix", "unixtime", "epoch", "time_s", "timestamp_ms",
                                               "unixTime", "trade_date", "Datum"))
    assert not any(columns.epoch_name(n) for n in ("sales", "us_population", "x", "stats", "lifetime", "posts"))


def test_value_columns_hold_finite_numbers(tmp_path) -> None:
    column = pd.Series([1.0, np.nan, np.nan], name="a")
    with pytest.raises(RnncastError, match="column 'a' has 2 missing values .first at row 2 of t.csv."):  # no lines: rows from 1
        columns.check_values(tmp_path / "t.csv", "a", column)
    with pytest.raises(RnncastError, match=r"column 'a' is not numeric \('x' at row 2 of t\.csv\)"):
        columns.check_values(tmp_path / "t.csv", "a", pd.Series(["1", "x"]))


@pytest.mark.parametrize("name, bad", [("date", "hello"), ("Datetime", "2019/13/45"), ("when", "n/a?")])
def test_a_time_column_with_one_unreadable_cell_is_refused_at_its_line(tmp_path, name, bad) -> None:
    """A first column named `date` or `Datetime` (time by its name) or `when` (by its dates) with one cell that is
    no date was taken in file order without a word: a reversed file with one bad cell was scored time-reversed. It
    is refused as rnncast fit refuses it, naming the column, the cell, its line in the file and the form accepted."""
    dates = list(pd.date_range("2022-02-28", periods=40, freq="-1D").strftime("%Y/%m/%d"))  # descending
    dates[10] = bad
    path = _write(tmp_path, name, dates)
    with pytest.raises(RnncastError) as err:
        tablefile.read_table(path)
    why = ("whose month 13 is no month: dates written year first are read year, month, day" if bad == "2019/13/45" else
           "which is not a date written as its other 39 values are")  # a year-first typo: decision 1398
    assert str(err.value) == (
        f"{path}: time column {name!r} holds {bad!r} at line 12 of t.csv, {why} (YYYY/MM/DD, as '2022/02/28' at line 2 "
        "of t.csv); correct that value (rnncast bench reads the time from the first column and orders the rows by it; "
        "it has no --time-col)")


def test_a_time_named_column_of_labels_is_refused(tmp_path) -> None:
    """A column named `date` that holds no date at all is no value column (text) and no time: refused at line 2."""
    path = _write(tmp_path, "date", [f"x{i}" for i in range(30)])
    with pytest.raises(RnncastError, match=r"time column 'date' holds 'x0' at line 2 of t.csv, which is not a "
                                           r"timestamp; give dates such as 2024-01-31"):
        tablefile.read_table(path)


def test_a_time_named_first_column_of_text_no_time_form_reads_is_refused_with_what_bench_takes(tmp_path) -> None:
    """A first column 'period' of codes was refused with "name the time column with time_col=, --time-col", flags
    bench does not take (rnncast bench --help)."""
    path = _write(tmp_path, "period", [f"P{i:03d}x" for i in range(30)])
    with pytest.raises(RnncastError) as err:
        tablefile.read_table(path)
    assert str(err.value).endswith(
        "its name says time, so its rows are not numbered: correct it, or, to number the rows, leave the column out of "
        "the table (rnncast bench reads the time from the first column; it has no --time-col)")
    assert "time_col=" not in str(err.value)


@pytest.mark.parametrize("name", ["step", "period", "year", "time"])
def test_a_first_column_of_values_under_a_periods_name_is_no_time(tmp_path, name) -> None:
    """A first column `step` of 3.2, 5.1 ... (a value) was the time column, refused "comes before the previous row's
    ... give them sorted by time, each time once", advice that destroys the data. Numbers that are not whole, or whole
    ones beside a date column, are values; the date column is the time (said where it is not first)."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2020-01-01", periods=60, freq="D").strftime("%Y-%m-%d")
    path = tmp_path / "v.csv"
    pd.DataFrame({name: rng.normal(5, 1, 60).round(1), "OT": rng.normal(100, 5, 60)}).to_csv(path, index=False)
    if name != "time":  # 'time' alone is the time whatever numbers it holds (Unix times), its order checked
        table = tablefile.read_table(path)
        assert (table.time_column, table.columns[0]) == (None, name)
    for values in (rng.normal(5, 1, 60).round(1), rng.integers(0, 9, 60)):
        pd.DataFrame({name: values, "date": days, "OT": rng.normal(100, 5, 60)}).to_csv(path, index=False)
        with pytest.raises(RnncastError, match=rf"column 'date' holds times but is not the first column \('{name}' is\)"):
            tablefile.read_table(path)
    pd.DataFrame({name: np.arange(2000, 2060), "OT": rng.normal(100, 5, 60)}).to_csv(path, index=False)
    assert tablefile.read_table(path).time_column == name  # whole numbers and nothing else: the time
