"""Forecast dates of data written with one UTC offset and no zone (``fixedoffsets.py``): hourly loads of
Europe/Berlin written ``2024-10-26T23:00:00+02:00`` on every row, read without tz= at that fixed offset, were
forecast across 27 October 2024 at +02:00 (``03:00+02:00`` where the user's later rows write ``02:00+01:00``); now
dated in UTC there, said once, naming the zone and refit with --tz; at the data's offset where no zone that keeps it
changes within the horizon."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, fixedoffsets


@pytest.fixture(autouse=True)
def _machine_in_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")  # the machine's own zone is named first where it fits: none here


def _loads(start, end, zone="Europe/Berlin") -> pd.DataFrame:
    """Hourly loads as ``isoformat`` writes a zone's times: each with its UTC offset."""
    time = pd.date_range(start, end, freq="h", tz=zone)
    load = 100 + 10 * np.sin(np.arange(len(time)) * 2 * np.pi / 24) + np.random.default_rng(0).normal(0, 1, len(time))
    return pd.DataFrame({"time": [t.isoformat() for t in time], "load": load})


def _fixed(text: list[str]) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(pd.Series(text), format="ISO8601"))


def test_forecasts_across_a_change_of_a_zone_with_the_datas_offset_are_dated_in_utc(caplog):
    time = _fixed(["2024-10-26T21:00:00+02:00", "2024-10-26T22:00:00+02:00", "2024-10-26T23:00:00+02:00"])
    when = [pd.date_range("2024-10-27 00:00", periods=5, freq="h", tz=time.tz)]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        dated = fixedoffsets.in_one_clock(time, when, set(), "%Y-%m-%dT%H:%M:%S%:z")
    assert str(dated[0].tz) == "UTC" and (dated[0] == when[0]).all()  # the same instants
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "dated in UTC" in said[0] and "Europe/Berlin" in said[0]
    assert "to +01:00 at 2024-10-27T01:00:00+00:00" in said[0]
    assert "rnncast fit DATA --tz ZONE, tz= in Python" in said[0]


def test_forecasts_that_cross_no_change_keep_the_datas_offset(caplog):
    time = _fixed(["2024-10-20T21:00:00+02:00", "2024-10-20T22:00:00+02:00", "2024-10-20T23:00:00+02:00"])
    when = [pd.date_range("2024-10-21 00:00", periods=5, freq="h", tz=time.tz)]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert fixedoffsets.in_one_clock(time, when, set()) is when
    assert not caplog.records


def test_a_clock_at_one_offset_all_year_is_no_zone_that_changes():
    """A logger at +02:00 in January too keeps no zone's summer time (Africa/Johannesburg's clock): its offset stays."""
    time = _fixed([t.isoformat() for t in pd.date_range("2024-01-01", "2024-10-26 23:00", freq="h", tz="Africa/Johannesburg")])
    when = [pd.date_range("2024-10-27 00:00", periods=5, freq="h", tz=time.tz)]
    assert fixedoffsets.in_one_clock(time, when, set()) is when


def test_it_is_said_once_per_model(caplog):
    time = _fixed(["2024-03-30T22:00:00+01:00", "2024-03-30T23:00:00+01:00"])
    when = [pd.date_range("2024-03-31 00:00", periods=5, freq="h", tz=time.tz)]
    said = set()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        for _ in range(2):
            assert str(fixedoffsets.in_one_clock(time, when, said)[0].tz) == "UTC"
    assert len(caplog.records) == 1 and "to +02:00" in caplog.records[0].getMessage()


@pytest.mark.parametrize("start, end, after", [("2024-10-20", "2024-10-26 23:00", "2024-10-27 01:00:00+00:00"),
                                               ("2024-03-24", "2024-03-30 23:00", "2024-03-31 01:00:00+00:00")])
def test_predict_dates_them_in_utc_where_the_zone_changes_within_the_horizon(start, end, after):
    """Autumn: 03:00+02:00 after the change (02:00+01:00 on Berlin's clock); spring: 02:00+01:00, an hour Berlin skips."""
    frame = _loads(start, end)
    model = Forecaster(**{**TINY, "horizon": 6}).fit(frame, target="load")
    forecast = model.predict(frame)
    assert str(forecast.index.tz) == "UTC" and after in set(forecast.index.astype(str))
    assert forecast.index[0] == pd.Timestamp(frame["time"].iloc[-1]) + pd.Timedelta(hours=1)
