"""A model's readers and the series that keep a calendar of their own (decisions 414-415): a series fit left out as too
short is not judged on the panel's calendar (fit gave it its own), and a series forecast on its own calendar is read
on that calendar's grid, as a calendar given to fit is."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.runnotes import missing_season

SMALL = dict(lookback=4, horizon=2, hidden_size=8, epochs=1)


def panel(c_dates) -> pd.DataFrame:
    """Series a and b, 200 daily rows from 2020-01-01, and series c on ``c_dates``."""
    parts = [pd.DataFrame({"id": s, "date": pd.date_range("2020-01-01", periods=200, freq="D"),
                           "y": np.sin(np.arange(200) / 5) + k}) for k, s in enumerate("ab")]
    parts.append(pd.DataFrame({"id": "c", "date": c_dates, "y": np.cos(np.arange(len(c_dates)) / 5)}))
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize("freq, rows", [("2D", 3), ("W", 4), ("D", 3)])
def test_a_short_series_on_its_own_spacing_is_left_out_not_refused_by_every_reader(caplog, freq, rows):
    data = panel(pd.date_range("2020-01-01", periods=rows, freq=freq))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**SMALL).fit(data, target="y", time_col="date", id_col="id")
    assert model.ids_ == ["a", "b"] and "too short" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(data)
    assert sorted(set(forecast["id"])) == ["a", "b"]
    assert list(forecast["date"].iloc[:2]) == [pd.Timestamp("2020-07-19"), pd.Timestamp("2020-07-20")]
    assert "series 'c' was too short to train and is not forecast" in caplog.text
    assert model.evaluate(data, part="all") is not None
    assert missing_season(model).steps == 7  # the daily calendar's season is hinted: c, not trained, does not differ


def test_a_series_with_its_own_calendar_refuses_a_date_off_its_grid_as_one_series_does():
    data = panel(pd.date_range("2020-01-01", periods=100, freq="2D"))
    model = Forecaster(**SMALL).fit(data, target="y", time_col="date", id_col="id")
    assert model.state_.calendars["c"].freq == pd.tseries.frequencies.to_offset("2D")
    last = model.predict(data).query("id == 'c'")["date"]
    assert list(last) == [pd.Timestamp("2020-07-19"), pd.Timestamp("2020-07-21")]
    moved = data.copy()
    moved.loc[moved.index[-1], "date"] = pd.Timestamp("2020-07-18")  # off the grid from 2020-01-01 (was 07-17)
    for read in (model.predict, lambda d: model.evaluate(d, part="all"), model.predict_windows):
        with pytest.raises(RnncastError, match=r"^timestamp 2020-07-18 of series 'c' is not on the calendar freq='2D' "
                                               r"the model keeps for that series; the model was fitted on that calendar"):
            read(moved)
    one = Forecaster(**SMALL, freq="2D").fit(data.query("id == 'c'").drop(columns="id"), target="y", time_col="date")
    with pytest.raises(RnncastError, match=r"timestamp 2020-07-18 \(row 99\) is not on the calendar freq='2D'"):
        one.predict(moved.query("id == 'c'").drop(columns="id"))
