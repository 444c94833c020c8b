"""Times given back to Python in the data's own form (``datatimes.py``): a ``time_unit`` model's Unix times and Excel
serials, and ISO weeks written YYYYWW, come back from predict, backtest and predict_windows as the numbers the data
wrote (they came back as Timestamps from backtest and predict_windows, and weeks from all three), and join back onto
its column; text dates stay Timestamps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, datatimes, numbertimes
from rnncast.csvtext import csv_text

DAYS = 1704067200 + 86400 * np.arange(80)  # 2024-01-01 .. 2024-03-20 as Unix seconds
WEEKS = [int(f"{d:%G%V}") for d in pd.date_range("2020-06-01", periods=60, freq="W-MON")]  # 202023 .. 202129, 202053 among them


def _fit(frame, **settings) -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 6, "horizon": 3, "epochs": 1, **settings}).fit(frame, target="y")


def test_a_time_unit_models_backtest_and_windows_give_the_datas_numbers_as_predict_does():
    """predict gave 1710979200 (decision 957) but backtest's forecasts were dated 2024-03-12 (datetime64) and
    predict_windows' times 2024-01-01: a join of the backtest onto the data's column matched nothing."""
    frame = pd.DataFrame({"timestamp": DAYS, "y": np.sin(np.arange(80) / 3.0)})
    model = _fit(frame, time_unit="s")
    assert model.predict(frame).index.tolist() == [1710979200, 1711065600, 1711152000]
    forecasts = model.backtest(frame).forecasts
    assert forecasts["timestamp"].dtype == np.int64 and forecasts["cutoff"].dtype == np.int64
    assert forecasts["timestamp"].iloc[0] == 1710201600 and forecasts["cutoff"].iloc[0] == 1710115200
    assert set(forecasts["timestamp"]) <= set(DAYS)  # joins back onto the data's column
    for scaled in (False, True):
        windows = model.predict_windows(frame, scaled=scaled)
        assert windows.time.dtype == np.int64 and list(windows.time[:2]) == list(DAYS[:2])
        assert list(windows.times[0]) == list(DAYS)


def test_hourly_excel_serials_come_back_as_the_serials_written():
    hours = pd.Series(45292 + np.arange(80) / 24).round(6)  # 2024-01-01 00:00 .. hourly
    frame = pd.DataFrame({"Date": hours, "y": np.sin(np.arange(80) / 3.0)})
    model = _fit(frame, time_unit="excel")
    windows = model.predict_windows(frame)
    assert windows.time.dtype == np.float64 and np.allclose(windows.time, hours, atol=1e-6)
    assert len(set(windows.time)) == 80  # no two hours of a day made one
    stamps = model.backtest(frame).forecasts["Date"]
    first = int(np.argmin(np.abs(hours.to_numpy() - stamps.iloc[0])))  # the data's row of the first time forecast
    assert stamps.dtype == np.float64 and np.allclose(stamps.iloc[:3], hours.iloc[first:first + 3], atol=1e-6)


def test_weeks_written_yyyyww_come_back_as_yyyyww_from_predict_backtest_and_windows():
    """ISO weeks written 202023 .. 202129 under 'week' (decision 965) were forecast as Timestamps, 2021-07-26:
    now as the weeks after 202129, 202130 .., as the data writes them; 2020's week 53 among the windows' times."""
    frame = pd.DataFrame({"week": WEEKS, "y": np.sin(np.arange(60.0))})
    model = _fit(frame)
    assert model.calendar_.text_format == "%G%V"
    forecast = model.predict(frame)
    assert forecast.index.dtype == np.int64 and forecast.index.tolist() == [202130, 202131, 202132]
    forecasts = model.backtest(frame).forecasts
    assert forecasts["week"].dtype == np.int64 and set(forecasts["week"]) <= set(WEEKS)
    assert list(model.predict_windows(frame).times[0]) == WEEKS  # 202053 among them: 2020 has a week 53
    panel = pd.concat([frame.assign(store=k) for k in ("a", "b")], ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 3, "epochs": 1}).fit(panel, target="y", id_col="store")
    forecast = model.predict(panel)
    assert forecast["week"].tolist() == [202130, 202131, 202132] * 2


def test_text_dates_stay_timestamps_and_the_forms_are_named():
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=60).strftime("%Y-%m-%d"), "y": np.arange(60.0) % 7})
    assert _fit(frame).predict(frame).index.dtype.kind == "M"
    assert [datatimes.as_numbers(f) for f in ("unix:s", "excel", "%G%V", "%Y%m%d", "%G-W%V", None)] == \
        [True, True, True, False, False, False]
    mondays = pd.DatetimeIndex(["2020-12-28", "2021-01-04"], name="week")
    assert datatimes.as_data(mondays, "%G%V").tolist() == [202053, 202101]
    assert datatimes.as_data(mondays, "%Y-%m-%d") is mondays


def test_whole_serials_among_fractional_ones_are_written_as_the_data_writes_them():
    """A forecast of hourly Excel serials is float64 in Python, and the CLI's CSV wrote its midnights 45305.0 (predict,
    decision 957) and, once backtest gave numbers, its forecasts.csv too, where the data writes 45305."""
    stamps = pd.DatetimeIndex(["2024-01-13 23:00", "2024-01-14 00:00", "2024-01-14 01:00"], name="Date")
    frame = datatimes.in_frame(pd.DataFrame({"cutoff": stamps, "y": [1.0, 2.0, 3.0]}, index=stamps), "excel")
    assert frame.index.dtype == np.float64 and frame.attrs[datatimes.NUMBER_TIMES] == [None, "cutoff"]
    assert csv_text(frame, index=True).splitlines() == [
        "Date,cutoff,y", "45304.958333333336,45304.958333333336,1.0", "45305,45305,2.0",
        "45305.041666666664,45305.041666666664,3.0"]  # the floats pandas computes (decision 1009): forecasts join back
    whole = datatimes.in_frame(pd.DataFrame({"t": stamps[1:2]}), "excel")
    assert whole["t"].dtype == np.int64 and csv_text(whole).splitlines() == ["t", "45305"]


def test_the_csv_text_of_number_times_is_what_numbertimes_writes():
    """``written`` formatted number times with its own copy of ``numbertimes``' text (now ``number_text``, one owner):
    a serial written to the data's decimals and a whole one read the same from both, so the two cannot drift."""
    stamps = pd.DatetimeIndex(["2024-01-13 23:00", "2024-01-14 00:00", "2024-01-14 01:00"])
    for fmt in ("excel", "excel:5"):
        frame = datatimes.in_frame(pd.DataFrame({"t": stamps}), fmt)
        assert list(datatimes.written(frame)["t"]) == list(numbertimes.write(stamps, fmt))
