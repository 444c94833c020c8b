"""NLinear and DLinear (rnncast.bench.linear): shapes, level invariance, the moving average; the
loop that trains them is test_bench_linearfit.py."""

from __future__ import annotations

import pytest
import torch

from rnncast.bench import linear


def test_linear_models_shapes_and_level_invariance() -> None:
    torch.manual_seed(0)
    x = torch.randn(4, 48, 3)  # [B, L, C]
    for model in (linear.NLinear(48, 12), linear.DLinear(48, 12, kernel_size=5)):
        assert model(x).shape == (4, 12, 3)
    nlinear = linear.NLinear(48, 12)
    # NLinear forecasts relative to the last value: shifting the input shifts the forecast.
    torch.testing.assert_close(nlinear(x + 5.0), nlinear(x) + 5.0)


def test_moving_average_keeps_length_and_constants() -> None:
    x = torch.full((2, 30, 1), 3.0)
    torch.testing.assert_close(linear.moving_average(x, 25), x)
    ramp = torch.arange(30.0).reshape(1, 30, 1)
    smoothed = linear.moving_average(ramp, 5)
    assert smoothed.shape == ramp.shape
    torch.testing.assert_close(smoothed[0, 10:20, 0], ramp[0, 10:20, 0])  # interior unchanged
    assert smoothed[0, 0, 0] == pytest.approx((0 + 0 + 0 + 1 + 2) / 5)  # edge replicated
