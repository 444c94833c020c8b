"""actualzeros: float rounding's 0s and values near 0, each judged in its own series' and target's scale."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import RnncastError
from rnncast.actualzeros import groups, near_zero, rounded_zeros


def crypto(seed: int = 0, windows: int = 50):
    """A panel's daily closes: BTC ~60000, ETH ~3000, DOGE ~0.12, SHIB ~2e-5, [4W, 1, 1], and each row's series."""
    rng = np.random.default_rng(seed)
    levels = np.array([60000, 3000, 0.12, 2e-5])
    y = np.concatenate([lv * np.exp(np.cumsum(rng.normal(0, 0.02, windows))) for lv in levels])[:, None, None]
    return y, np.repeat(np.array(["BTC", "ETH", "DOGE", "SHIB"]), windows)


def test_a_panel_s_small_series_is_neither_a_rounding_zero_nor_near_zero_in_its_own_scale():
    """Pooled, SHIB's 50 prices lay under 1e-9 of BTC's 60000 (taken for float rounding's 0s) and DOGE's 50 under
    1 % of the pooled mean |actual| (near 0) (decision 869): in each series' own scale, none is either."""
    y, series = crypto()
    assert rounded_zeros(y).sum() == 50 and near_zero(y, ~rounded_zeros(y))[0].sum() == 50  # the old pooled reading
    assert not rounded_zeros(y, series=series).any()
    near, crosses = near_zero(y, np.ones(y.shape, bool), series)
    assert not near.any() and not crosses


def test_rounding_zeros_and_sign_changes_are_still_found_within_a_series():
    """The neighbours: a sine's sin(2 pi k) ~ 1e-15 in a panel beside BTC is still a 0; a series whose own values
    change sign crosses 0; a series of positive values beside one of negative values does not."""
    y, series = crypto()
    sine = np.sin(2 * np.pi / 25 * np.arange(50))  # 0 at k = 0, 25: exactly, then -2.4e-16
    y[series == "ETH", 0, 0] = sine
    zeros = rounded_zeros(y, series=series)
    assert zeros.sum() == 2 and set(series[zeros[:, 0, 0]]) == {"ETH"}
    assert near_zero(y, ~zeros, series)[1]  # ETH's own values change sign
    apart = np.abs(crypto()[0])
    apart[series == "SHIB"] *= -1  # SHIB negative, every other series positive: no series changes sign
    assert not near_zero(apart, np.ones(apart.shape, bool), series)[1]
    dip = crypto()[0]
    dip[np.flatnonzero(series == "DOGE")[10], 0, 0] = 1e-4  # under 1 % of DOGE's own mean (0.12): near 0
    near, _ = near_zero(dip, np.ones(dip.shape, bool), series)
    assert near.sum() == 1 and near[np.flatnonzero(series == "DOGE")[10], 0, 0]


def test_a_series_of_zeros_is_zero_throughout_and_values_left_out_set_no_scale():
    y = np.zeros((6, 1, 1))
    y[3:] = 5.0
    series = np.repeat([7, 9], 3)
    assert rounded_zeros(y, series=series)[:, 0, 0].tolist() == [True] * 3 + [False] * 3
    y[0] = 1e12  # a value left out sets no series' scale: the others are still 0, not 0 to its rounding
    keep = np.ones(y.shape, bool)
    keep[0] = False
    assert rounded_zeros(y, keep, series)[:, 0, 0].tolist() == [False, True, True, False, False, False]


def test_groups_are_each_series_target_column_and_other_labels_are_refused_by_name():
    assert groups((2, 1, 3), ["a", "b"])[:, 0, :].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert groups((4,), None).tolist() == [0, 0, 0, 0] and groups((), None).shape == ()
    assert groups((3, 2), ["b", "a", "b"]).tolist() == [[1, 1], [0, 0], [1, 1]]
    with pytest.raises(RnncastError, match=r"series has shape \(3,\) for values of shape \(4, 1, 1\); give one series "
                                           "label for each row"):
        groups((4, 1, 1), [0, 0, 1])
