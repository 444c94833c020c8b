"""The dates of a forecast's next horizon (``horizondates.py``): a forecast dated on a market's holiday that the
data never trades on, or skipped in an earlier year, warned of once, each calendar's check reading its own series'
rows."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster


# ---- a forecast dated on a market's holiday ------------------------------------------------------

def _closes(start: str) -> pd.DataFrame:
    days = pd.bdate_range(start, "2023-12-22")
    return pd.DataFrame({"Date": days, "Close": 100 + np.cumsum(np.random.default_rng(0).normal(0, 1, len(days)))})


def test_predict_on_plain_business_days_warns_once_of_a_forecast_on_christmas(caplog):
    frame = _closes("2023-10-02")  # no LSE holiday in the rows: inferred plain 'B'
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4}).fit(frame, target="Close")
    assert model.calendar_.holidays is None
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    closed = [r.getMessage() for r in caplog.records if "is a holiday of" in r.getMessage()]
    assert str(forecast.index[0].date()) == "2023-12-25"
    assert len(closed) == 1 and closed[0].startswith("forecast date 2023-12-25 is a holiday of LSE, ")
    assert "--holidays LSE" in closed[0]


def test_predict_is_quiet_where_the_rows_trade_on_the_markets_holidays(caplog):
    frame = _closes("2022-12-01")  # a row on every weekday: no market whose holidays the data keeps
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4}).fit(frame, target="Close")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
    assert not any("is a holiday of" in r.getMessage() for r in caplog.records)


def test_a_holiday_skipped_is_read_from_the_series_own_rows(caplog):
    """A business-day store from 2023 beside a weekly store from 2022: predict warned "forecast date 2023-10-09 is
    Sports Day (JPX), a day the data has no row on in earlier years (2022-10-10, 2023-10-09)" from the weekly
    store's dates; the business-day store alone gave no warning. Each calendar's check reads only its own series'
    rows (decision 575)."""
    a, b = pd.bdate_range("2023-01-02", periods=200), pd.date_range("2022-06-05", periods=100, freq="W-SUN")
    data = pd.concat([pd.DataFrame({"id": "a", "date": a, "y": np.sin(np.arange(200) / 3)}),
                      pd.DataFrame({"id": "b", "date": b, "y": np.cos(np.arange(100) / 3)})], ignore_index=True)
    model = Forecaster(**TINY).fit(data, target="y", time_col="date", id_col="id")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(data)
    assert sorted(set(forecast["id"])) == ["a", "b"]
    assert "Sports Day" not in caplog.text and "earlier years" not in caplog.text, caplog.text
