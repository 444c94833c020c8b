"""Values handed to a fitted model far beyond the range it was fitted on, as another unit lies (``otherunits.py``):
named at predict and evaluate, one line per column, with the fitted and the given range."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.otherunits import beyond

RNG = np.random.default_rng(0)
N = 600


def test_another_unit_lies_beyond_the_fitted_range_and_a_drift_does_not():
    """The tester's figures: load fitted 9330 to 32711 kW, temperatures 0.15 to 14.97 °C."""
    low, high = 9330.3, 32711.0
    assert beyond(np.array([9.33, 32.7]), low, high).all()  # kW given as MW
    assert beyond(np.array([9.33e6]), low, high).all()  # as W
    assert not beyond(np.array([high * 1.2, high * 1.5, low * 0.8, 0.0, np.nan]), low, high).any()  # drifts, an outage
    assert not beyond(np.array([-500.0]), low, high).any()  # the other sign: a reading, not a unit
    cold, warm = 0.15, 14.97
    assert beyond(np.array([cold, warm]) * 9 / 5 + 32, cold, warm).all()  # °F
    assert beyond(np.array([warm + 30]), cold, warm).all()  # shifted +30
    assert not beyond(np.array([warm * 1.2, warm * 1.5, -10.0, 0.01]), cold, warm).any()  # a warmer day, a cold snap
    assert not beyond(np.array([132.0, 80.0]), 100.0, 110.0).any()  # 20 % above a narrow range's greatest
    assert beyond(np.array([0.105]), 100.0, 110.0).all()  # its thousandth
    assert not beyond(np.array([0.0004]), 0.0, 0.5).any()  # solar from 0: its small values are its own
    assert beyond(np.array([-0.05]), -30.0, -10.0).all()  # negative, a thousand times nearer zero


@pytest.fixture(scope="module")
def load_model():
    """Hourly load in kW near 1000 and a temperature near 10 °C known for the future."""
    hours = np.arange(N)
    data = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=N, freq="h"),
                         "load": np.round(1000 + 200 * np.sin(2 * np.pi * hours / 24) + RNG.normal(0, 20, N), 1),
                         "temp": np.round(10 + 4 * np.sin(2 * np.pi * hours / 24), 2)})
    return data, Forecaster(**TINY).fit(data, target="load", future_covariates=["temp"])


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "another unit" in r.getMessage()]


def test_rows_in_another_unit_are_named_once_with_both_ranges_and_the_fits_own_rows_are_not(load_model, caplog):
    data, model = load_model
    future = pd.DataFrame({"time": pd.date_range(data["time"].iloc[-1], periods=4, freq="h")[1:], "temp": [9.0, 10, 11]})
    recent = data.iloc[-50:].assign(load=data["load"].iloc[-50:] / 1000)  # re-exported in MW
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(recent, future=future)
        model.predict(recent, future=future)  # a forecasting loop: said once
    [said] = _said(caplog)
    low, high = data["load"].min(), data["load"].max()
    assert said.startswith(f"column 'load' of the rows handed to the model holds values far outside those the model "
                           f"was fitted on ({recent['load'].min():.6g} to {recent['load'].max():.6g} given (50 of 50 "
                           f"beyond), fitted {low:.6g} to {high:.6g}): another unit")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(data)  # the rows it was fitted on
        model.predict(data.iloc[-50:].assign(load=data["load"].iloc[-50:] * 1.2), future=future)  # a 20 % drift
    assert not _said(caplog)
    for temps in ([9.0 * 9 / 5 + 32, 50.0, 51.8], [39.0, 40.0, 41.0]):  # °F, shifted +30
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            model.predict(data, future=future.assign(temp=temps))
        [said] = _said(caplog)
        assert said.startswith("column 'temp' of the future values holds values far outside those the model was "
                               f"fitted on ({min(temps):.6g} to {max(temps):.6g} given (3 of 3 beyond), fitted")


def test_a_panel_names_each_series_in_the_columns_one_line(caplog):
    hours = np.arange(300)
    data = pd.concat([pd.DataFrame({"id": s, "time": pd.date_range("2024-01-01", periods=300, freq="h"),
                                    "load": np.round(level + 100 * np.sin(hours / 4) + RNG.normal(0, 5, 300), 1)})
                      for s, level in (("north", 1000), ("south", 3000))])
    model = Forecaster(**TINY).fit(data, target="load", id_col="id")
    recent = data.groupby("id").tail(30).assign(load=lambda f: f["load"] / 1000)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(recent)
    [said] = _said(caplog)
    assert "series 'north': " in said and "; series 'south': " in said
