"""A moving column that holds one value for a long stretch of its training rows (``stuckruns.py``): named at fit."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.noticed import said_once as once
from rnncast.stuckruns import _run, warn

RNG = np.random.default_rng(0)
N = 2000


def _sensor() -> np.ndarray:
    return np.sin(np.arange(N) / 30) + RNG.normal(0, 0.1, N)


def test_a_stuck_stretch_of_a_moving_signal_is_found():
    column = _sensor()
    column[800:1100] = column[800]
    assert _run(column) == (800, 300)


@pytest.mark.parametrize("name, column", [
    ("a moving signal", _sensor()),
    ("intermittent sales, often 0", np.where(RNG.random(N) < 0.1, RNG.poisson(5, N), 0) * 1.0),
    ("a price updated weekly", np.repeat(RNG.normal(100, 5, N // 7 + 1), 7)[:N]),
    ("a promotion flag", (RNG.random(N) < 0.05) * 1.0),
    ("a counter that resets", np.r_[np.cumsum(RNG.integers(1, 5, 1000)), np.cumsum(RNG.integers(1, 5, 1000))] * 1.0),
    ("a short stall of 10 rows", np.r_[_sensor()[:500], np.full(10, 0.3), _sensor()[510:]]),
])
def test_columns_that_repeat_by_nature_or_stall_briefly_are_not_named(name, column):
    assert _run(column) is None, name


def test_fit_says_the_stuck_stretch_once_per_tune_and_once_per_fit(caplog):
    """A reliability tester's 10-second sensor read one value for 300 rows, and fit trained on them without a word."""
    y = _sensor()
    y[800:1100] = y[800]
    frame = pd.DataFrame({"time": pd.date_range("2024-03-01", periods=N, freq="10s"), "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(frame, target="y")
    [said] = [r.getMessage() for r in caplog.records if "stuck sensor" in r.getMessage()]
    assert said.startswith(f"column 'y' holds {y[800]:.6g} for 300 rows from 2024-03-01 02:13:20 (21% of its training "
                           "rows), though it moves at nearly every other step")
    found = [{"series": None, "column": "y", "value": 1.0, "start": "row 5", "rows": 300, "share": 0.2}]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"), once():
        warn(found)
        warn(found)
    assert len(caplog.records) == 1
