"""The decimals a CSV file writes every number of a column with (``fixeddecimals.py``): recorded when read, never
from the first rows alone where later ones have more; the data values a forecast frame copies are written with them
(986,00, an integer column's 2 not 2.0), each repeated value and blank in place."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, fixeddecimals
from rnncast.csvtext import csv_text
from rnncast.data import read_table


def _write(path, header, values, sep=";"):
    path.write_text(header + "\n" + "".join(f"{k + 1:02d}.01.2021{sep}{v}\n" for k, v in enumerate(values)))
    return path


def test_fixed_decimals_are_recorded_and_data_copies_written_with_them(tmp_path):
    """A backtest's actual values and repeat baseline are data values: 986,00 stays 986,00, not pandas' 986,0."""
    frame = read_table(_write(tmp_path / "d.csv", "date;a;b;c", ["986,00;986;1.005,50", "1083,80;1083,8;2,25",
                                                                  "1083,85;2;3,00"]))
    assert frame.attrs[fixeddecimals.DECIMALS] == {"a": 2, "c": 2}  # b writes 986 beside 1083,8: no fixed decimals
    point = read_table(_write(tmp_path / "p.csv", "date,a,b", ["986.00,1", "1083.80,", "1083.85,3"], sep=","))
    assert point.attrs[fixeddecimals.DECIMALS] == {"a": 2, "b": 0}  # b: integers pandas holds as floats (1.0) for the gap
    out = frame[["a", "b"]].rename(columns={"a": "a_repeat"})
    out.attrs[fixeddecimals.COPIES] = {"a_repeat": "a", "b": "b"}
    assert fixeddecimals.as_written(out, {"a": 2}, ",")["a_repeat"].tolist() == ["986,00", "1083,80", "1083,85"]
    assert fixeddecimals.as_written(out, {"a": 2}, ",")["b"].tolist() == [986.0, 1083.8, 2.0]  # no fixed decimals: numbers


def test_fixed_decimals_are_not_taken_from_the_first_rows_where_later_ones_have_more(tmp_path, monkeypatch):
    monkeypatch.setattr(fixeddecimals, "CHECKED_ROWS", 2)
    frame = read_table(_write(tmp_path / "d.csv", "date,a", ["1.50", "2.00", "3.125"], sep=","))
    assert fixeddecimals.DECIMALS not in frame.attrs  # 3.125 written with two decimals would be another number


def test_integer_columns_are_written_back_as_integers_not_floats(tmp_path):
    """A tester's weekly demand file of whole units: forecasts.csv wrote its actuals and repeat baseline as 2.0, where
    the README says data values are written with the decimals the file writes every value with (1226)."""
    frame = read_table(_write(tmp_path / "d.csv", "date,units,price", ["0,1.5", "2,2.25", "13,3.0"], sep=","))
    assert frame.attrs[fixeddecimals.DECIMALS] == {"units": 0}  # an int64 column: no decimals; price varies
    weeks = pd.date_range("2020-01-05", periods=80, freq="W-SUN")
    pd.DataFrame({"week": weeks.strftime("%Y-%m-%d"), "units": np.arange(80) % 5}).to_csv(tmp_path / "w.csv", index=False)
    result = Forecaster(**TINY).backtest(tmp_path / "w.csv", n_windows=2, target="units")
    text = csv_text(result.forecasts).splitlines()
    head = text[0].split(",")
    row = dict(zip(head, text[1].split(",")))
    assert row["units"].isdigit() and row["units_repeat"].isdigit()  # '2', not '2.0'
    assert "." in row["units_hat"]  # the forecast is no data value


def test_a_copied_column_writes_each_repeated_value_and_blank_in_place():
    """Each distinct value is written once (an actual repeats in every window it falls in: 1.6 million rows of a
    2,000-series report); each row keeps its own text, a blank stays blank."""
    out = pd.DataFrame({"y": [1.5, np.nan, 1.5, 2.0, np.nan, 2.0]})
    out.attrs[fixeddecimals.COPIES] = {"y": "y"}
    written = fixeddecimals.as_written(out, {"y": 2}, ",")["y"]
    assert written.fillna("blank").tolist() == ["1,50", "blank", "1,50", "2,00", "blank", "2,00"]
    assert fixeddecimals.as_written(out.iloc[[1, 4]], {"y": 1}, ".")["y"].isna().all()
