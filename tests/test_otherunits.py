"""Values handed to a fitted model far beyond the range it was fitted on, as another unit lies (``otherunits.py``):
named at predict and evaluate, one line per column, with the fitted and the given range."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.otherunits import beyond, counted, named, unit_factor

RNG = np.random.default_rng(0)
N = 600


def test_another_unit_lies_beyond_the_fitted_range_and_a_drift_does_not():
    """The tester's figures: load fitted 9330 to 32711 kW, temperatures 0.15 to 14.97 °C."""
    low, high = 9330.3, 32711.0
    assert unit_factor(np.array([9.33, 32.7, 20.1]), low, high).all()  # kW given as MW
    assert beyond(np.array([9.33e6]), low, high).all()  # as W
    drifts = np.array([high * 1.2, high * 1.5, low * 0.8, 0.0, np.nan])
    assert not beyond(drifts, low, high).any() and not unit_factor(drifts, low, high).any()  # drifts, an outage
    assert not unit_factor(np.array([-500.0, -400, -300]), low, high).any()  # the other sign: a reading, not a unit
    cold, warm = 0.15, 14.97
    assert beyond(np.array([cold, warm]) * 9 / 5 + 32, cold, warm).all()  # °F
    assert beyond(np.array([warm + 30]), cold, warm).all()  # shifted +30
    assert not beyond(np.array([warm * 1.2, warm * 1.5, -10.0, 0.01]), cold, warm).any()  # a warmer day, a cold snap
    assert not beyond(np.array([132.0, 80.0]), 100.0, 110.0).any()  # 20 % above a narrow range's greatest
    assert unit_factor(np.array([0.105, 0.101, 0.108]), 100.0, 110.0).all()  # its thousandth
    assert not unit_factor(np.array([0.0004, 0.0003, 0.0002]), 0.0, 0.5).any()  # solar from 0: its own small values
    assert unit_factor(np.array([-0.05, -0.02, -0.03]), -30.0, -10.0).all()  # negative, a thousand times nearer zero


def test_a_unit_factor_moves_every_value_so_a_few_near_zero_or_a_collapse_are_no_unit():
    """t23t7: a future temperature of 0.3 on a 3.9..28.4 fit was called another unit, -2.0 not; 9 values in 0..0.44
    among 485 down to -3.8 were too."""
    low, high = 3.9, 28.4
    for snap in ([0.3], [-2.0], [0.3, 0.2], [5.0, 2.0, 0.3, -1.0, -2.0, 0.1, 4.0]):  # a lone step, a cold snap
        assert not unit_factor(np.array(snap), low, high).any() and not beyond(np.array(snap), low, high).any()
    winter = np.r_[np.linspace(-3.8, 23.5, 476), np.full(9, 0.3)]
    assert not unit_factor(winter, low, high).any()
    assert not unit_factor(np.linspace(0.5, 4.0, 14), 150.0, 250.0).any()  # a shop closing: ratios not kept
    switched = np.r_[np.full(2, 1200.0), np.linspace(1.0, 2.6, 22)]  # nearly all (22 of 24) a thousand times nearer
    assert unit_factor(switched, 1000.0, 2600.0).sum() == 22
    assert not unit_factor(np.r_[np.full(4, 1200.0), np.linspace(1.0, 2.6, 20)], 1000.0, 2600.0).any()  # 4 of 24 kW


@pytest.fixture(scope="module")
def load_model():
    """Hourly load in kW near 1000 and a temperature near 10 °C known for the future."""
    hours = np.arange(N)
    data = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=N, freq="h"),
                         "load": np.round(1000 + 200 * np.sin(2 * np.pi * hours / 24) + RNG.normal(0, 20, N), 1),
                         "temp": np.round(10 + 4 * np.sin(2 * np.pi * hours / 24), 2)})
    return data, Forecaster(**TINY).fit(data, target="load", future_covariates=["temp"])


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "rnncast.otherunits"]


def test_rows_in_another_unit_are_named_once_with_both_ranges_and_the_fits_own_rows_are_not(load_model, caplog):
    data, model = load_model
    future = pd.DataFrame({"time": pd.date_range(data["time"].iloc[-1], periods=4, freq="h")[1:], "temp": [9.0, 10, 11]})
    recent = data.iloc[-50:].assign(load=data["load"].iloc[-50:] / 1000)  # re-exported in MW
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(recent, future=future)
        model.predict(recent, future=future)  # a forecasting loop: said once
    [said] = _said(caplog)
    low, high, read = data["load"].min(), data["load"].max(), recent["load"].iloc[-12:]  # lookback 12: the rows read
    assert said.startswith(f"column 'load' of the rows handed to the model holds values ten times and more nearer zero "
                           f"than any the model was fitted on, their ratios kept (12 of 12 given below the fitted minimum {low:.6g} (all "
                           f"of them ten times and more nearer zero than it); given {read.min():.6g} to "
                           f"{read.max():.6g}, fitted {low:.6g} to {high:.6g}): another unit (MW for "
                           "kW, Wh for kWh)?")
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
        assert said.startswith("column 'temp' of the future values holds values far beyond those the model was "
                               "fitted on (3 of 3 given above the fitted maximum ")
        assert f"; given {min(temps):.6g} to {max(temps):.6g}, fitted " in said
        assert said.endswith("another unit or a shifted scale (°F for °C)? Give them in the fit's unit; if they are "
                             "real, the model extrapolates there: fit again on data that holds them")


def test_only_the_rows_the_model_reads_are_weighed_and_a_cold_snap_is_no_unit(load_model, caplog):
    """t23t7: predict named 100 MW rows before the last lookback rows in kW it reads; a future 0.3 °C on a fit from 6
    °C was another unit, -2.0 not; evaluate quoted the whole range given beside a count of a few values."""
    data, model = load_model
    future = pd.DataFrame({"time": pd.date_range(data["time"].iloc[-1], periods=4, freq="h")[1:], "temp": [9.0, 10, 11]})
    later = data.assign(time=data["time"] + pd.Timedelta(hours=N))  # new rows
    mixed = later.assign(load=np.where(np.arange(N) < N - 12, data["load"] / 1000, data["load"]))  # MW, then kW read
    future = future.assign(time=future["time"] + pd.Timedelta(hours=N))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(mixed, future=future)
        for snap in ([9.0, 2.0, 0.3], [9.0, 2.0, -2.0], [2.0, 0.3, -2.0]):  # a cold snap crossing 0, either side
            model.predict(later, future=future.assign(temp=snap))
    assert not _said(caplog)
    later.loc[N - 40 :, "load"] = later["load"].iloc[N - 40 :] * 3  # grown threefold: beyond, real or not
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        scored = model.evaluate(pd.concat([data, later], ignore_index=True))  # the test split's windows and the new
    [said] = _said(caplog)
    grown = later["load"].iloc[N - 40 :]
    far = grown[grown > 2 * data["load"].max() - data["load"].min()]
    above = grown[grown > data["load"].max()]
    read = scored["windows"] + 12 + 3 - 1  # stride-1 windows of lookback 12 + horizon 3: their rows, not all 2N
    assert read < 2 * N and len(far) == len(above) == 40
    assert (f"{len(above)} of {read} given above the fitted maximum {data['load'].max():.6g} (all of them "
            f"beyond it by more than {(data['load'].max()) / 2:.6g} (half the fitted range's larger end)); ") in said
    assert "if they are real, the model extrapolates there" in said and "(MW for kW" not in said


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


def test_the_line_counts_the_values_above_and_below_the_fit_and_those_beyond_it_by_the_margin():
    """t27t3: 48 future temperatures in °F, all above a fit of 0.8 to 28.8 °C, were said "1 of 48 given beyond,
    57.38 to 57.38 (all given: 34.88 to 57.38)": the one beyond by the range's width counted, as if 47 were in range."""
    found: dict = {}
    named(found, "temp", None, np.append(np.linspace(34.88, 56.5, 47), 57.38), [15.0, 5.0, 0.8, 28.8])
    [record] = found[("temp", False)]
    assert counted(record) == ("48 of 48 given above the fitted maximum 28.8 (1 of them beyond it by more than 28 "
                               "(the fitted range's width)); given 34.88 to 57.38, fitted 0.8 to 28.8")
    found = {}  # both sides; a narrow range far from zero: half its larger end is the margin
    named(found, "load", "north", np.array([50.0, 99.0, 121.0, 200.0, np.nan]), [105.0, 3.0, 100.0, 110.0])
    assert counted(found[("load", False)][0]) == (
        "series 'north': 2 of 4 given above the fitted maximum 110 (1 of them beyond it by more than 55 (half the "
        "fitted range's larger end)) and 2 of 4 given below the fitted minimum 100; given 50 to 200, "
        "fitted 100 to 110")
    found = {}
    named(found, "load", None, np.array([101.0, 120.0, 150.0]), [105.0, 3.0, 100.0, 110.0])  # none beyond: not named
    assert found == {}
