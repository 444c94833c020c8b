"""A target's level that moves once and stays, named at fit (``levelshifts.py``, decision 1931)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.levelshifts import find
from rnncast.loading import load_panel
from rnncast.windows import Split

N = 400
DATES = pd.date_range("2023-01-02", periods=N, freq="D")  # a Monday


def _views(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    weekly = np.where(DATES.day_of_week >= 5, 0.6, 1.0)  # weekends at 0.6: large steps every week
    return 1000 * weekly * np.exp(rng.normal(0, 0.05, N))


def _found(y: np.ndarray, season: int = 7) -> list[dict]:
    panel = load_panel(pd.DataFrame({"date": DATES, "y": y}), target="y", announce=False)
    return find(panel, [Split(300, 350, N)], season)


def test_a_migrations_lasting_drop_under_the_step_rule_is_found_at_its_day():
    """t36t6: site03 at 0.4 from 2023-09-01, 12.6 times the median step (jumps' TIMES is 20): nothing named it."""
    y = _views()
    y[200:] *= 0.4
    [f] = _found(y)
    assert f["time"] == str(DATES[200].date()) and f["after"] / f["before"] == pytest.approx(0.4, abs=0.05)
    assert [g["time"] for g in _found(y, 1)] == [f["time"]]  # no season: weeks all the same


@pytest.mark.parametrize("name, y", [
    ("weekly swing and noise", _views()),
    ("steady growth", _views() * np.exp(0.003 * np.arange(N))),
    ("a one-day spike", _views() * np.where(np.arange(N) == 150, 20.0, 1.0)),
    ("a two-week dip that comes back", _views() * np.where((np.arange(N) >= 150) & (np.arange(N) < 164), 0.7, 1.0)),
    ("a random walk", 5000 + np.cumsum(np.random.default_rng(1).normal(0, 20, N))),
    ("a yearly cycle", _views() * (1 + 0.3 * np.sin(2 * np.pi * np.arange(N) / 365.25))),
    ("an outage's zeros as the season rises (t36t6's site02 in a later fit)",  # the rise alone is no shift
     _views() * np.exp(0.006 * np.arange(N)) * np.where((np.arange(N) >= 150) & (np.arange(N) < 157), 0.0, 1.0)),
])
def test_series_that_move_without_a_shift_are_left_alone(name, y):
    assert _found(y) == [], name


def test_fit_names_the_shift_once(caplog):
    y = _views()
    y[200:] *= 0.4
    frame = pd.DataFrame({"date": DATES, "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}, season=7).fit(frame, target="y")
    said = [r.getMessage() for r in caplog.records if "shifts level" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith(f"column 'y' shifts level at {DATES[200].date()} and stays there")
    assert "a migration, a tracking or unit change?" in said[0]


def test_a_migration_in_a_column_with_days_of_bot_traffic_is_still_found():
    """Decision 1963: a column whose only named jumps are outlying values (x20 days, back the next day) is weighed
    for a level shift too; one with a split named as a step is not, as before."""
    from rnncast import jumps

    y = _views()
    y[200:] *= 0.4
    y[[50, 120, 250]] *= 20
    panel = load_panel(pd.DataFrame({"date": DATES, "y": y}), target="y", announce=False)
    named = jumps.find(panel, [Split(300, 350, N)], 7)
    assert len(named[0]["spikes"]) == 3 and named[0]["steps"] == []
    assert [f["time"] for f in find(panel, [Split(300, 350, N)], 7, named)] == [DATES[200].strftime("%Y-%m-%d")]
    assert find(panel, [Split(300, 350, N)], 7, [{**named[0], "steps": [{"row": 200}]}]) == []
