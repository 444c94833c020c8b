"""A panel's R² (``seriesr2.py``): each series' own R² about its own mean, averaged over the series (and over the
targets, each over the series whose values vary)."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import metrics
from rnncast.seriesr2 import r2_by_series, r2_series_counts


def test_r2_by_series_is_each_series_own_r2_averaged_and_skips_series_that_do_not_vary():
    """Two series at levels 10 and 1000: pooled, the level gap is variance a forecast of the right level
    explains (R² near 1 for each series' mean); each series' own R² of its mean is 0."""
    rng = np.random.default_rng(0)
    low, high = 10 + rng.normal(size=(20, 1, 1)), 1000 + rng.normal(size=(20, 1, 1))
    y = np.concatenate([low, high])
    series = np.repeat([0, 1], 20)
    means = np.concatenate([np.full_like(low, low.mean()), np.full_like(high, high.mean())])
    assert metrics.r2(y, means) > 0.99  # pooled: misleading
    assert r2_by_series(y, means, series) == (pytest.approx(0.0, abs=1e-12), 2)
    good = y + rng.normal(0, 0.5, y.shape)
    by_hand = np.mean([metrics.r2(y[series == s], good[series == s]) for s in (0, 1)])
    assert r2_by_series(y, good, series)[0] == pytest.approx(by_hand)
    flat = y.copy()
    flat[series == 0] = 5.0  # a series whose values do not vary has no R²: the mean is over the other
    assert r2_by_series(flat, good, series) == (pytest.approx(metrics.r2(y[20:], good[20:])), 1)
    keep = np.ones(y.shape, bool)
    keep[:5] = False
    assert r2_by_series(y, good, series, keep)[0] == pytest.approx(
        np.mean([metrics.r2(y[5:20], good[5:20]), metrics.r2(y[20:], good[20:])]))
    assert np.isnan(r2_by_series(np.ones((4, 1, 1)), np.ones((4, 1, 1)), [0, 0, 1, 1])[0])


def test_r2_of_several_targets_is_the_mean_of_the_targets_r2_each_over_the_series_that_vary():
    """Three series, targets a and b, b constant in series 2: the targets' mean R² averaged each series over its
    targets (series 2 counted a alone), not the targets' R² (a's over 3 series, b's over 2) shown beside it."""
    rng = np.random.default_rng(1)
    y = rng.normal(size=(30, 2, 2))
    series = np.repeat([0, 1, 2], 10)
    y[series == 2, :, 1] = 4.0
    p = y + rng.normal(0, 0.7, y.shape)
    each = [r2_by_series(y[..., t : t + 1], p[..., t : t + 1], series)[0] for t in (0, 1)]
    assert r2_by_series(y, p, series) == (pytest.approx(np.mean(each)), 3)
    assert r2_series_counts(y, series) == [3, 2]
    one = y[series == 2]  # one series: b never varies, so the targets' mean is a's alone, not NaN
    assert metrics.score(one, p[series == 2])["r2"] == pytest.approx(metrics.r2(one[..., 0], p[series == 2][..., 0]))
    assert np.isnan(metrics.score(np.ones((3, 2, 2)), np.ones((3, 2, 2)))["r2"])
