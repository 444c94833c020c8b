"""Fiscal years written alone as labels (``fiscalyearlabels.py``, decision 2252): 'FY1990' and '1989/90' read under a
fiscal yearly freq as pandas names the year (by the year it ends), and forecasts written back in the column's form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, fiscalyearlabels
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from conftest import TINY


@pytest.mark.parametrize("freq, periods", [("YE-JUN", "Y-JUN"), ("YS-JUL", "Y-JUN"), ("YE-MAR", "Y-MAR"),
                                           ("YE-DEC", None), ("QE-JUN", None), ("2YE-JUN", None), ("xyz", None)])
def test_period_freq_names_the_fiscal_years_of_a_yearly_calendar_not_ending_in_december(freq, periods):
    assert fiscalyearlabels.period_freq(freq) == periods


@pytest.mark.parametrize("values, template", [(["FY1990", "FY1991"], "FY{end}"), (["1989/90", "1990/91"], "{first}/{end2}"),
                                              (["1999-2000", "2000-2001"], "{first}-{end}"), (["1989/91", "1990/92"], None),
                                              (["FY1990", "1990/91"], None), (["FY1990"], None)])
def test_pattern_is_the_one_form_every_value_is_written_in(values, template):
    assert fiscalyearlabels.pattern(pd.Series(values)) == template


def test_labels_are_dated_as_the_calendar_dates_the_year_pandas_names_by_its_end():
    column = pd.Series(["FY1990", "FY1991"])
    ends, fmt = fiscalyearlabels.labels(column, "YE-JUN", "fy")
    assert list(ends) == [pd.Timestamp("1990-06-30"), pd.Timestamp("1991-06-30")] and fmt == "FY{end}|YE-JUN"
    starts, _ = fiscalyearlabels.labels(column, "YS-JUL", "fy")
    assert starts[0] == pd.Period("1990", "Y-JUN").start_time == pd.Timestamp("1989-07-01")
    assert list(fiscalyearlabels.write(starts, "{first}/{end2}|YS-JUL")) == ["1989/90", "1990/91"]
    assert fiscalyearlabels.format_of(column, ends) == "FY{end}|YE-JUN"
    with pytest.raises(RnncastError, match="not written as fiscal years of freq 'YE-DEC'"):
        fiscalyearlabels.labels(column, "YE-DEC", "fy")


def test_a_yearly_fiscal_table_is_read_under_its_freq_and_forecast_in_its_own_form():
    """t41-t2 M1: 'FY1990' .. under --freq YE-JUN was refused "freq 'YE-JUN' names no quarters", though 'FY2006Q1'
    is read under QE-JUN; without the freq it stays refused, now naming the freq that reads it."""
    frame = pd.DataFrame({"fy": [f"{y - 1}/{y % 100:02d}" for y in range(1990, 2026)], "v": np.sin(np.arange(36.0))})
    with pytest.raises(RnncastError, match=r"'1989/90', two successive years.*--freq YE-JUN \(freq='YE-JUN'\)"):
        load_panel(frame, target="v", time_col="fy")
    panel = load_panel(frame, target="v", time_col="fy", freq="YE-JUN")
    assert panel.time[0] == pd.Timestamp("1990-06-30") and panel.calendar.freq == "YE-JUN"
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 4, "horizon": 2, "freq": "YE-JUN"}).fit(frame, target="v", time_col="fy")
    assert list(model.predict(frame).index) == [pd.Timestamp("2026-06-30"), pd.Timestamp("2027-06-30")]  # 2025/26 ..


def test_the_cli_writes_forecasts_back_as_the_labels_read(tmp_path):
    from rnncast.cli import main

    path = tmp_path / "fy.csv"
    pd.DataFrame({"fy": [f"FY{y}" for y in range(1990, 2026)], "v": np.sin(np.arange(36.0))}).to_csv(path, index=False)
    assert main(["fit", str(path), "--target", "v", "--time-col", "fy", "--freq", "YE-JUN", "--lookback", "4",
                 "--horizon", "2", "--epochs", "1", "--hidden-size", "4", "--out", str(tmp_path / "run")]) == 0
    assert main(["predict", str(tmp_path / "run"), str(path), "--out", str(tmp_path / "f.csv")]) == 0
    assert list(pd.read_csv(tmp_path / "f.csv")["fy"]) == ["FY2026", "FY2027"]
