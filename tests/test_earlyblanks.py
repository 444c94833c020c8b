"""Blanks in rows predict does not read (``earlyblanks.py``, decision 1986): before a series' last ``lookback`` rows
they are left out as rows missing there are, said in one line; among the rows read, and for evaluate, still refused."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.earlyblanks import unread
from rnncast.loading import load_panel


def test_only_rows_with_a_blank_before_each_series_last_rows_are_left_out():
    values = np.arange(20.0).reshape(10, 2)
    values[[1, 7], 0], values[4, 1] = np.nan, np.nan  # series 0: rows 0-5, series 1: rows 6-9
    offsets = np.array([0, 6, 10])
    time = pd.date_range("2024-01-01", periods=10)
    keep = unread(values, offsets, 3, time)
    assert keep.tolist() == [True, False, True, True, True, True, True, True, True, True]  # row 4: among 0's last 3
    assert unread(values, offsets, 3, None) is None and unread(values, offsets, None, time) is None  # undated; a fit
    assert unread(values, offsets, 6, time) is None  # every blank among the rows read


def test_load_panel_leaves_them_out_and_says_where_the_first_is(caplog):
    frame = make_frame(60)
    frame.loc[[3, 10], "y"], frame.loc[12, "x"] = np.nan, np.nan
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, target="y", features=["x"], announce=False, reads_last=12)
    assert len(panel.values) == 57 and panel.blanks_left_out == 3 and not np.isnan(panel.values).any()
    said = [r.getMessage() for r in caplog.records if "predict reads" in r.getMessage()]
    assert said == ["3 missing values in 3 rows before the last 12 rows of the series predict reads (first: column "
                    "'y' at row 3, 2024-01-01 03:00:00): not read by the forecast, so those rows are left out, as rows "
                    "missing there are; evaluate and predict_windows, which read them, still refuse them"]
    with pytest.raises(RnncastError, match="column 'y' has a missing value"):  # a fit reads every row
        load_panel(frame, target="y", features=["x"], announce=False)


def test_predict_forecasts_over_a_blank_far_back_in_one_series_of_a_panel_and_evaluate_refuses_it(caplog):
    """t37t4: a NaN in row 3 of store 'A', 373 rows before the lookback, blocked every store's forecast."""
    rng = np.random.default_rng(0)
    long = pd.concat([pd.DataFrame({"store": s, "date": pd.date_range("2024-01-01", periods=n, freq="h"),
                                    "sales": 10 + np.sin(np.arange(n) / 4) + rng.normal(0, .1, n)})
                      for s, n in [("A", 90), ("B", 100)]], ignore_index=True)
    model = Forecaster(**TINY).fit(long, target="sales", id_col="store")
    blank = long.copy()
    blank.loc[3, "sales"] = np.nan
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(blank)
    assert forecast.equals(model.predict(long.drop(index=3)))  # as the row missing is read
    assert any(r.getMessage().startswith("1 missing value before the last 12 rows of each series predict reads (column "
                                         "'sales' of series 'A' at row 3,") for r in caplog.records)
    with pytest.raises(RnncastError, match="column 'sales' of series 'A' has a missing value"):
        model.evaluate(blank)
    inside = long.copy()
    inside.loc[85, "sales"] = np.nan  # among A's last 12 rows
    with pytest.raises(RnncastError, match=r"column 'sales' of series 'A' has a missing value \(NaN\) at row 85"):
        model.predict(inside)


def test_a_model_with_a_fill_fills_them_as_before_and_rows_without_time_are_refused_as_before():
    frame = make_frame(120)
    frame.loc[3, "y"] = np.nan
    filled = Forecaster(**TINY, fill="ffill").fit(make_frame(120), target="y", features=["x"])
    assert filled.predict(frame).equals(filled.predict(frame.assign(y=frame["y"].ffill())))
    rows = make_frame(120, time=False)
    undated = Forecaster(**TINY).fit(rows, target="y", features=["x"])
    rows.loc[3, "y"] = np.nan
    with pytest.raises(RnncastError, match="column 'y' has a missing value"):  # its row numbers would move
        undated.predict(rows)
