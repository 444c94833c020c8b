"""Baseline intervals (``baselinebands.py``): each baseline's forecast plus the quantiles of its own errors on the
training rows alone (Hyndman and Athanasopoulos, FPP3 section 5.5), each series its own, clipped for a nonnegative
model as its own quantiles are."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import make_frame
from rnncast import baselinebands
from rnncast.windows import Split

LEVELS = (0.1, 0.5, 0.9)


def _series(n: int = 60, seed: int = 0, scale: float = 1.0) -> np.ndarray:
    return (scale * np.cumsum(np.random.default_rng(seed).normal(size=n)))[:, None]  # [N, 1]


def _quantiles(values, splits, offsets, lookback=4, horizon=2, season=1, levels=LEVELS):
    means = np.stack([values[a:b, :1].mean(axis=0) for a, b in zip(offsets[:-1], offsets[1:])])  # [S, T]
    return baselinebands.error_quantiles(values, np.asarray(offsets), splits, None, means, np.arange(len(splits)),
                                         levels, lookback, horizon, 1, season)


def test_a_repeat_baselines_quantiles_are_those_of_its_own_training_errors_by_hand():
    y = _series()
    out = _quantiles(y, [Split(40, 50, 60)], [0, 60])
    # training windows: targets in rows [0, 40), inputs of 4 rows; step h (0-based) of the window whose first target
    # is row r forecasts y[r + h] by y[r - 1]
    first = np.arange(4, 40 - 2 + 1)
    for h in range(2):
        errors = y[first + h, 0] - y[first - 1, 0]
        assert out["repeat"][0, h, 0] == pytest.approx(np.quantile(errors, LEVELS))
    assert set(out) == {"repeat", "mean"}  # a season of 1: no seasonal naive forecast


def test_no_validation_or_test_row_reaches_the_quantiles():
    y = _series()
    changed = y.copy()
    changed[40:] += 1e6  # every row after the training rows
    before, after = _quantiles(y, [Split(40, 50, 60)], [0, 60]), _quantiles(changed, [Split(40, 50, 60)], [0, 60])
    for name in before:
        if name != "mean":  # the mean baseline's own level is given (the training mean), not read here
            np.testing.assert_array_equal(before[name], after[name])


def test_the_seasonal_naive_errors_are_a_season_back_and_every_series_has_its_own():
    small, large = _series(seed=1), _series(seed=1, scale=1000.0)
    values, offsets = np.concatenate([small, large]), [0, 60, 120]
    out = _quantiles(values, [Split(40, 50, 60)] * 2, offsets, lookback=8, horizon=3, season=7)
    np.testing.assert_allclose(out["seasonal"][1], 1000 * out["seasonal"][0], rtol=1e-9)  # per series, not pooled
    first = np.arange(8, 40 - 3 + 1)
    errors = small[first + 2, 0] - small[first + 2 - 7, 0]  # step 3 (h = 2) one season back
    assert out["seasonal"][0, 2, 0] == pytest.approx(np.quantile(errors, LEVELS))


def test_bands_add_each_windows_series_quantiles_and_clip_at_the_floor():
    forecast = {"repeat": np.array([[[1.0]], [[5.0]]])}  # [W=2, H=1, T=1]
    quantiles = {"repeat": np.array([[[[-3.0, 0.0, 2.0]]], [[[-1.0, 0.0, 1.0]]]])}  # [S=2, H, T, Q]
    bands = baselinebands.bands(forecast, quantiles, np.array([0, 1]))
    np.testing.assert_array_equal(bands["repeat"][:, 0, 0], [[-2.0, 1.0, 3.0], [4.0, 5.0, 6.0]])
    clipped = baselinebands.bands(forecast, quantiles, np.array([0, 1]), floor=0.0)
    np.testing.assert_array_equal(clipped["repeat"][0, 0, 0], [0.0, 1.0, 3.0])


def test_a_quantile_models_baselines_are_scored_with_intervals_from_their_training_errors(quantile_model):
    data = make_frame(200)
    wf = quantile_model.part_forecasts(data).original
    split, lookback, horizon = quantile_model.split_, quantile_model.settings_.data.lookback, 3
    y = data["y"].to_numpy()
    first = np.arange(lookback, split.train_end - horizon + 1)  # each training window's first target row
    errors = y[first + 1] - y[first - 1]  # the repeat baseline's step-2 errors
    expected = wf.baselines["repeat"][:, 1, 0, None] + np.quantile(errors, (0.1, 0.5, 0.9))
    np.testing.assert_allclose(wf.baseline_quantiles["repeat"][:, 1, 0], expected, rtol=1e-5)
    result = quantile_model.evaluate(data)
    for units in ("original", "scaled"):
        for name in ("repeat", "mean"):
            assert {"pinball", "coverage_80"} <= set(result[units][name])
    assert "Its quantiles: mean pinball loss" in result["verdict"]


def test_grouped_quantiles_are_numpys_per_group_leaving_out_nan_in_blocks_of_any_size():
    rng = np.random.default_rng(1)
    errors = rng.normal(size=(50, 3, 2))
    errors[rng.random(errors.shape) < 0.2] = np.nan  # values fill made
    group = np.sort(rng.integers(0, 6, 50))
    group[group == 3] = 2  # a series with no training window
    levels = (0.05, 0.5, 0.9)
    for cells in (40, 4_000_000):
        got = baselinebands.grouped_quantiles(errors, group, 6, levels, cells=cells)
        assert np.isnan(got[3]).all()
        for k in (0, 1, 2, 4, 5):
            expected = np.moveaxis(np.nanquantile(errors[group == k], levels, axis=0), 0, -1)
            np.testing.assert_allclose(got[k], expected)
