"""A drop that lasts months and comes back is a stretch whatever its length (``longstretches.py``, decision 2250)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.longstretches import runs

DAYS = pd.date_range("2019-01-01", "2023-12-31", freq="D")


def _hotel(seed: int = 0) -> np.ndarray:
    """Daily rooms sold: a yearly swing, busier from Friday, 5 % noise (t41-t6's mini.py)."""
    rng = np.random.default_rng(seed)
    occ = 0.68 + 0.12 * np.sin(2 * np.pi * (DAYS.day_of_year.values - 100) / 365.25) \
        + np.where(DAYS.day_of_week.values >= 4, 0.08, -0.03) + rng.normal(0, 0.05, len(DAYS))
    return np.round(np.clip(occ, 0, 1) * 200)


def _at(day: str) -> int:
    return int(DAYS.get_loc(pd.Timestamp(day)))


@pytest.mark.parametrize("start, end, share", [("2020-03-15", "2021-05-31", 0.35), ("2022-01-09", "2022-04-09", 0.3)])
def test_a_collapse_or_a_renovation_that_comes_back_is_found_with_its_days(start, end, share):
    """t41-t6: 14 months at 35 % and 91 days at 30 % were called a level shift that stays."""
    y = _hotel()
    y[_at(start): _at(end) + 1] *= share
    for season in (7, 364, 1):
        [(lo, hi, low, high)] = runs(y, season, 1, DAYS.values)
        assert (lo, hi) == (_at(start), _at(end) + 1)
        assert share * 0.6 < low < share < high < share * 1.5


def test_a_closure_left_blank_inside_the_collapse_is_the_stretchs():
    y = _hotel()
    y[_at("2020-03-15"): _at("2021-05-31") + 1] *= 0.35
    y[_at("2020-03-20"): _at("2020-06-15") + 1] = np.nan
    [(lo, hi, _, _)] = runs(y, 7, 1, DAYS.values)
    assert (lo, hi) == (_at("2020-03-15"), _at("2021-05-31") + 1)


def _walk(seed: int) -> np.ndarray:
    return 100 * np.exp(np.cumsum(np.random.default_rng(seed).normal(0, 0.02, len(DAYS))))


@pytest.mark.parametrize("name, y", [
    ("no drop", _hotel()),
    ("a low season every year", 100 * np.where((DAYS.day_of_year > 120) & (DAYS.day_of_year < 300), 0.05, 1.0)),
    ("a deep yearly swing", 100 * np.exp(1.2 * np.sin(2 * np.pi * DAYS.day_of_year.values / 365.25))),
    ("a trend", np.linspace(20, 200, len(DAYS))),
    ("a drop that stays (a migration: levelshifts')", np.r_[_hotel()[:800], 0.3 * _hotel()[800:]]),
    ("a drop at the start: not seen to come back from", np.r_[0.3 * _hotel()[:200], _hotel()[200:]]),
    ("a random walk", _walk(3)),
    ("values below 0", _hotel() - 150),
])
def test_columns_without_a_drop_that_comes_back_are_left_alone(name, y):
    assert runs(y, 7, 1, DAYS.values) == [], name
