"""Timestamps are the same data in any unit (s, ms, us, ns; Parquet written by pyarrow often holds
ms) and in any zone: calendars, gaps, forecast dates, scores and the resume check agree (decisions 104, 105)."""

from __future__ import annotations

import dataclasses
import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel
from rnncast.gapwindows import window_gaps
from rnncast.timeaxis import one_unit
from rnncast.timecalendar import Calendar

SETTINGS = {**TINY, "lookback": 8, "epochs": 1}


def _frame(freq: str, tz: str | None = None, n: int = 70) -> pd.DataFrame:
    t = np.arange(n)
    return pd.DataFrame({"date": pd.date_range("2021-05-03", periods=n, freq=freq, tz=tz),
                         "y": np.sin(0.3 * t) + 0.1 * np.cos(t), "x": np.cos(0.2 * t)})


def _in_unit(frame: pd.DataFrame, unit: str, tmp_path) -> pd.DataFrame:
    tz = frame["date"].dt.tz
    frame = frame.assign(date=frame["date"].astype(f"datetime64[{unit}, {tz}]" if tz else f"datetime64[{unit}]"))
    if unit == "ms":  # as a Parquet file written by pyarrow holds it
        path = tmp_path / "data.parquet"
        frame.to_parquet(path)
        return pd.read_parquet(path)
    return frame


def _run(frame: pd.DataFrame, caplog):
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**SETTINGS).fit(frame, target="y", future_covariates=["x"])
        future = pd.DataFrame({"date": model.calendar_.next(frame["date"].iloc[-1], 3), "x": [0.1, 0.2, 0.3]})
        forecast = model.predict(frame, future=future)
        scores = model.evaluate(frame)
    return forecast, scores, [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize("freq, tz", [("D", None), ("B", None), ("h", None), ("MS", None), ("B", "America/New_York"),
                                      ("h", "Europe/Berlin")])
def test_fit_predict_evaluate_agree_whatever_unit_the_timestamps_are_stored_in(freq, tz, tmp_path, caplog):
    """Business days stored in ms or s warned at predict that calendar steps were missing after a day
    that had none (pandas' date_range gave us for them, compared as numbers with ms); the forecast's
    dates came back in whatever unit the data had (us for business days)."""
    frame = _frame(freq, tz)
    forecast, scores, said = _run(_in_unit(frame, "ns", tmp_path), caplog)
    assert not [m for m in said if "calendar steps missing" in m]
    assert forecast.index.dtype == (f"datetime64[us, {tz}]" if tz else "datetime64[us]")
    for unit in ("us", "ms", "s"):
        other, other_scores, other_said = _run(_in_unit(frame, unit, tmp_path), caplog)
        pd.testing.assert_frame_equal(other, forecast)
        assert json.dumps(other_scores, sort_keys=True) == json.dumps(scores, sort_keys=True)  # nan == nan
        assert other_said == said


def test_a_run_fitted_on_ns_data_resumes_on_the_same_data_saved_to_parquet_in_ms(tmp_path):
    checkpoint = tmp_path / "checkpoint.safetensors"
    frame = _frame("B")
    Forecaster(**SETTINGS).fit(frame.assign(date=frame["date"].astype("datetime64[ns]")), target="y", checkpoint=checkpoint)
    again = _in_unit(frame, "ms", tmp_path)
    Forecaster(**{**SETTINGS, "epochs": 2}).fit(again, target="y", checkpoint=checkpoint, resume=True)
    with pytest.raises(RnncastError, match="other times"):  # the check still sees other times
        moved = again.assign(date=again["date"] + pd.Timedelta(1, "s"))
        Forecaster(**{**SETTINGS, "epochs": 2}).fit(moved, target="y", checkpoint=checkpoint, resume=True)


def test_timestamps_are_read_in_microseconds_unless_they_hold_nanoseconds():
    days = pd.date_range("2021-07-12", periods=3, freq="B")
    for unit in ("s", "ms", "us", "ns"):
        assert one_unit(days.as_unit(unit)).unit == "us"
    fine = pd.DatetimeIndex(["2021-07-12 00:00:00.000000001", "2021-07-13"])
    assert one_unit(fine).unit == "ns" and one_unit(fine).equals(fine)
    far = pd.DatetimeIndex(np.array([10**13], dtype="M8[s]"))  # past the microsecond range: kept
    assert one_unit(far).unit == "s"


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_the_next_business_days_keep_the_unit_of_the_last(unit):
    last = pd.Timestamp("2021-07-15").as_unit(unit)
    dates = Calendar("datetime", pd.offsets.BDay(), None, "date").next(last, 3)
    assert dates.unit == unit and list(dates) == list(pd.to_datetime(["2021-07-16", "2021-07-19", "2021-07-20"]))


@pytest.mark.parametrize("unit", ["s", "ms"])
def test_business_days_in_s_or_ms_have_no_gap_in_the_window_predict_reads(unit):
    """A Panel built with ms times (not through the reader, which makes them us): the window check
    placed ms numbers on a grid of us numbers and found a gap after 2021-07-15."""
    model = Forecaster(**SETTINGS).fit(_frame("B"), target="y")
    panel = load_panel(_frame("B"), target="y")
    panel = dataclasses.replace(panel, time=panel.time.as_unit(unit))
    assert window_gaps(panel, SETTINGS["lookback"], model.state_.calendar, model.state_.calendars) == (0, [])


def test_a_window_whose_first_row_is_off_the_calendar_is_named():
    """The first row of the window on a Saturday among business days: the old check began the
    calendar there, rolled on to Monday, and found nothing wrong."""
    model = Forecaster(**SETTINGS).fit(_frame("B", n=73), target="y")
    panel = load_panel(_frame("B", n=73), target="y")
    first = len(panel.time) - SETTINGS["lookback"]  # a Monday: 2021-08-02
    saturday = panel.time[first] - pd.Timedelta(2, "D")
    panel = dataclasses.replace(panel, time=panel.time.delete(first).insert(first, saturday))
    assert panel.time[first].day_name() == "Saturday"
    assert window_gaps(panel, SETTINGS["lookback"], model.state_.calendar, model.state_.calendars) == (1, [f"after {saturday:%Y-%m-%d}"])  # a date: every time is midnight


@pytest.mark.parametrize("freq", ["B", "h", "MS"])
def test_gaps_and_fills_are_the_same_in_any_unit(freq, tmp_path):
    frame = _frame(freq).drop(index=[20, 21, 40])
    frame.loc[30, "y"] = np.nan
    read = {unit: load_panel(_in_unit(frame, unit, tmp_path), target="y", fill="ffill", fill_gaps=True, announce=False)
            for unit in ("ns", "us", "ms", "s")}
    for unit, panel in read.items():
        assert panel.time.equals(read["ns"].time) and panel.time.dtype == "datetime64[us]", unit
        assert len(panel.time) == 70 and panel.calendar == read["ns"].calendar
        np.testing.assert_array_equal(panel.values, read["ns"].values)
        np.testing.assert_array_equal(panel.filled, read["ns"].filled)
