"""Tests of calibration: each level's exceedance and pinball, and the binomial rule for far from level."""

from __future__ import annotations

import numpy as np
import pytest


def test_far_from_level_scales_with_the_level_and_the_sample():
    """A fixed 10 points named neither a 98% interval at 94% (three times the misses) nor a 90% one at 81.9% of a
    thousand values; a binomial test of the misses names both, and a lone level (0.95, VaR style) too."""
    from rnncast.calibration import binomial_p, far_from_level

    n = {"by_level": {"values": 1000}}
    assert "the 98% interval held 94.00%, 6.0% misses where 2% were due, 3.0 times as many" in far_from_level(
        {"coverage_98": 0.94, **n})
    assert "the 90% interval held 81.90%" in far_from_level({"coverage_90": 0.819, **n})
    assert far_from_level({"coverage_90": 0.819, "by_level": {"values": 20}}) == ""  # 20 values: chance
    lone = far_from_level({"by_level": {"values": 1000, "0.5": {"below": 0.51, "pinball": 1.0},
                                        "0.95": {"below": 0.90, "pinball": 1.0}}})
    assert "level 0.95 had 90.0% of the actuals at or below it, not 95%" in lone and "level 0.5" not in lone
    assert binomial_p(2, 100, 0.02) == 1.0 and binomial_p(0, 0, 0.1) != binomial_p(0, 0, 0.1)  # NaN for no draws


def test_by_level_gives_each_levels_share_at_or_below_and_its_pinball():
    from rnncast.calibration import by_level
    from rnncast.metrics import pinball

    y = np.array([0.0, 1.0, 2.0, 3.0])
    q = np.stack([y - 1, y + 0.5], axis=-1)  # every actual above the first level, below the second
    levels = by_level(y, q, (0.1, 0.9))
    assert levels["values"] == 4 and levels["0.1"]["below"] == 0.0 and levels["0.9"]["below"] == 1.0
    assert levels["0.9"]["pinball"] == pytest.approx(pinball(y, q[:, 1], 0.9))
    assert by_level(y, q, (0.1, 0.9), keep=np.array([True, True, False, False]))["values"] == 2
