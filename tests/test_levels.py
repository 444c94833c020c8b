"""What a network's forecast is relative to (``levels.py``): the channel split, each window's level
and start, its spread, and the linear highway. The networks built on them are tested in
test_models.py (the sequence-scheme highway there, beside the network it must agree with)."""

from __future__ import annotations

import pytest
import torch

from rnncast.levels import highway, split_channels, window_levels, window_spread


def test_split_channels_makes_every_channel_of_every_window_a_series_of_its_own():
    x = torch.arange(2 * 3 * 4, dtype=torch.float32).reshape(2, 3, 4)  # [B, L, C]
    assert split_channels(x, False) is x
    split = split_channels(x, True)  # [B * C, L, 1]
    assert split.shape == (8, 3, 1)
    torch.testing.assert_close(split[1 * 4 + 2, :, 0], x[1, :, 2])  # window 1, channel 2


@pytest.mark.parametrize("norm", ["last", "mean", "none"])
def test_window_levels_take_the_level_named_and_start_the_forecast_there(norm):
    torch.manual_seed(0)
    targets = torch.randn(3, 10, 2)
    level, start = window_levels(targets, norm)
    expected = {"last": targets[:, -1:], "mean": targets.mean(dim=1, keepdim=True),
                "none": torch.zeros(3, 1, 2)}[norm]
    torch.testing.assert_close(level, expected)
    assert start is level


def test_with_season_the_level_is_the_last_value_and_the_start_the_last_season_repeated():
    targets = torch.arange(10, dtype=torch.float32).reshape(1, 10, 1)  # 0 .. 9
    level, start = window_levels(targets, "season", season=4, horizon=6)
    torch.testing.assert_close(level, targets[:, -1:])
    assert start[0, :, 0].tolist() == [6.0, 7.0, 8.0, 9.0, 6.0, 7.0]  # the last 4 rows, then again


def test_window_spread_is_the_population_standard_deviation_over_the_window():
    targets = torch.tensor([[[1.0], [3.0], [5.0], [7.0]]])  # var (ddof 0) 5
    torch.testing.assert_close(window_spread(targets, eps=0.0), torch.tensor([[[5.0 ** 0.5]]]))
    assert window_spread(torch.ones(1, 4, 1)).item() > 0  # a flat window: sqrt(eps), no division by zero


def test_highway_maps_each_target_column_with_one_shared_linear_layer():
    torch.manual_seed(0)
    layer = torch.nn.Linear(5, 3)
    deviations = torch.randn(2, 5, 4)  # [B, L, T]
    out = highway(layer, deviations)  # [B, H, T]
    assert out.shape == (2, 3, 4)
    torch.testing.assert_close(out[:, :, 1], layer(deviations[:, :, 1]))
    assert highway(None, deviations) == 0.0
