"""The networks (``models.py``): shapes, the zero-initialised start (= the window level's forecast),
channel independence, SegRNN's segment-wise encoder and parallel decoder, the linear highway, static
inputs, and a quantile head trained with the pinball loss. The contract every network keeps is
checked once for all of them in test_model_contract.py. ``_sine`` serves other files too."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import torch

from conftest import TINY
from rnncast import Forecaster
from rnncast.levels import highway, sequence_highway
from rnncast.models import NetSpec, RecurrentNet, SegmentNet, build_net

VARIANTS = list(itertools.product(["rnn", "lstm", "gru"], [False, True], ["direct", "parallel"], [1, 2]))


@pytest.mark.parametrize("cell, independent, decoder, layers", VARIANTS)
def test_segment_net_shape_and_untrained_forecast_is_the_last_value(cell, independent, decoder, layers):
    spec = NetSpec(cell=cell, n_inputs=3, n_targets=3, horizon=20, hidden_size=16, num_layers=layers,
                   segment=8, decoder=decoder, channel_independent=independent)
    net = build_net(spec)
    assert isinstance(net, SegmentNet)
    x = torch.randn(5, 32, 3)
    y = net(x)
    assert y.shape == (5, 20, 3)  # 20 steps from 3 output segments of 8, cut to the horizon
    torch.testing.assert_close(y, x[:, -1:, :].expand(5, 20, 3), rtol=0, atol=0)


@pytest.mark.parametrize("decoder", ["direct", "parallel"])
def test_channel_independent_output_of_a_channel_depends_on_that_channel_only(decoder):
    torch.manual_seed(0)
    spec = NetSpec(cell="gru", n_inputs=3, n_targets=3, horizon=6, hidden_size=8, segment=4, decoder=decoder,
                   channel_independent=True)
    net = build_net(spec)
    torch.nn.init.normal_(net.head.weight)  # leave the zero start, so the network's own output shows
    x = torch.randn(4, 12, 3)
    moved = x.clone()
    moved[:, :6, 1] += 1.0  # change channel 1 early in the window (its last value stays)
    y, y_moved = net(x), net(moved)
    torch.testing.assert_close(y[..., [0, 2]], y_moved[..., [0, 2]])
    assert not torch.allclose(y[..., 1], y_moved[..., 1])


def test_parallel_decoder_gives_channels_different_forecasts_from_the_same_input():
    torch.manual_seed(0)
    spec = NetSpec(cell="gru", n_inputs=2, n_targets=2, horizon=4, hidden_size=8, segment=4,
                   decoder="parallel", channel_independent=True)
    net = build_net(spec)
    torch.nn.init.normal_(net.head.weight)
    x = torch.randn(3, 8, 1).expand(3, 8, 2).contiguous()  # both channels identical
    y = net(x)
    assert not torch.allclose(y[..., 0], y[..., 1])  # the channel embedding tells them apart


def test_recurrent_net_also_starts_as_the_last_value():
    net = RecurrentNet(NetSpec(cell="lstm", n_inputs=2, n_targets=1, horizon=5, hidden_size=8))
    x = torch.randn(3, 10, 2)
    torch.testing.assert_close(net(x), x[:, -1:, :1].expand(3, 5, 1), rtol=0, atol=0)


def test_segments_turn_the_window_into_fewer_recurrent_steps():
    spec = NetSpec(cell="gru", n_inputs=1, n_targets=1, horizon=96, hidden_size=8, segment=48)
    net = build_net(spec)
    calls = []
    net.encoder.register_forward_hook(lambda module, inputs, output: calls.append(inputs[0].shape))
    net(torch.randn(2, 720, 1))
    assert calls[0] == (2, 15, 8)  # 720 steps at 48 per segment: 15 steps of the cell


def _sine(n=600, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return (np.sin(2 * np.pi * t / 24) + 0.1 * rng.standard_normal(n)).astype(np.float32)


@pytest.mark.parametrize("decoder", ["direct", "parallel"])
def test_segment_forecaster_learns_a_daily_cycle_better_than_repeat(decoder):
    params = {**TINY, "lookback": 48, "horizon": 24, "segment": 12, "decoder": decoder, "cell": "gru",
              "hidden_size": 16, "epochs": 15, "lr": 1e-2}
    f = Forecaster(**params).fit(_sine())
    scores = f.evaluate(_sine(), part="test")
    assert scores["scaled"]["model"]["mse"] < 0.5 * scores["scaled"]["repeat"]["mse"]


def test_the_network_takes_numeric_and_categorical_static_inputs_and_emits_quantiles():
    from rnncast.models import NetSpec, RecurrentNet

    net = RecurrentNet(NetSpec(cell="gru", n_inputs=2, n_targets=1, horizon=3, hidden_size=4, n_future=1,
                               n_static=2, static_cardinalities=(3, 5), quantiles=(0.1, 0.5, 0.9)))
    torch.nn.init.normal_(net.head.weight)  # the head starts at zero (the level's forecast); give it weights
    x, future = torch.randn(7, 6, 2), torch.randn(7, 3, 1)
    static, codes = torch.randn(7, 2), torch.randint(0, 3, (7, 2))
    out = net(x, future, static, codes)
    assert out.shape == (7, 3, 1, 3)
    codes[:, 1] = 4  # another category of the second covariate: another forecast
    assert not torch.equal(net(x, future, static, codes), out)


# ---- a quantile head, trained with the pinball loss -------------------------------------------------

LEVELS = (0.1, 0.5, 0.9)


def _gaussian_noise(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    """y ~ N(5, 2²), drawn anew every hour: the 0.1 and 0.9 quantiles are 5 ∓ 2.563 at every step."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n, freq="h"), "y": 5 + 2 * rng.standard_normal(n)})


def test_the_80_percent_interval_covers_80_percent_of_a_gaussian_noise_test_series():
    frame = _gaussian_noise()
    f = Forecaster(lookback=8, horizon=4, hidden_size=16, epochs=6, batch_size=64, lr=1e-2, window_norm="none",
                   patience=50, device="cpu", seed=0, quantiles=LEVELS).fit(frame, target="y")
    model = f.evaluate(frame, part="test")["original"]["model"]
    assert 0.75 <= model["coverage_80"] <= 0.85, model["coverage_80"]
    wf = f.predict_windows(frame, part="test")
    assert wf.quantiles.shape == (len(wf.starts), 4, 1, 3) and len(wf.starts) * 4 >= 2000
    lower, upper = wf.quantiles[..., 0, 0].mean(), wf.quantiles[..., 0, 2].mean()
    assert lower == pytest.approx(5 - 1.2816 * 2, abs=0.4) and upper == pytest.approx(5 + 1.2816 * 2, abs=0.4)


# ---- the linear highway (LSTNet's autoregressive component) -------------------------------------

@pytest.mark.parametrize("segment", [0, 8])
def test_a_network_with_a_highway_still_starts_as_the_last_value(segment):
    spec = NetSpec(cell="gru", n_inputs=2, n_targets=2, horizon=5, hidden_size=8, lookback=16, highway=True,
                   segment=segment)
    net = build_net(spec)
    x = torch.randn(3, 16, 2)
    torch.testing.assert_close(net(x), x[:, -1:, :].expand(3, 5, 2), rtol=0, atol=0)


@pytest.mark.parametrize("segment", [0, 8])
def test_the_highway_adds_one_linear_map_of_each_target_column_to_the_forecast(segment):
    torch.manual_seed(0)
    spec = NetSpec(cell="lstm", n_inputs=2, n_targets=2, horizon=3, hidden_size=8, lookback=16, highway=True,
                   segment=segment, channel_independent=True)
    net = build_net(spec)
    weight = torch.randn(3, 16)
    with torch.no_grad():
        net.highway.weight.copy_(weight)  # the cell's head stays zero: the forecast is level + highway
    x = torch.randn(4, 16, 2)
    deviations = x - x[:, -1:, :]  # [B, L, C]
    expected = x[:, -1:, :] + torch.einsum("hl,blc->bhc", weight, deviations)
    torch.testing.assert_close(net(x), expected)


@pytest.mark.parametrize("window_norm", ["last", "none"])
def test_the_sequence_scheme_highway_maps_the_last_lookback_rows_at_every_position(window_norm):
    torch.manual_seed(0)
    layer, lookback = torch.nn.Linear(6, 3), 6
    x = torch.randn(2, 10, 1)
    every = sequence_highway(layer, x, lookback, window_norm)  # [B, S, H, T]
    assert every.shape == (2, 10, 3, 1) and not every[:, : lookback - 1].any()  # warm-up positions: 0
    for p in range(lookback - 1, 10):
        window = x[:, p - lookback + 1 : p + 1]
        level = window[:, -1:] if window_norm == "last" else 0
        torch.testing.assert_close(every[:, p], highway(layer, window - level))
    # a sequence-trained net whose cell head is still zero forecasts its last position as a window
    net = RecurrentNet(NetSpec(cell="gru", n_inputs=1, n_targets=1, horizon=3, hidden_size=8, lookback=lookback,
                               highway=True, scheme="sequence", window_norm=window_norm))
    torch.nn.init.normal_(net.highway.weight)
    torch.testing.assert_close(net.forward_sequence(x)[:, -1], net(x[:, -lookback:]))


def test_a_spec_saved_before_the_highway_loads_without_one():
    saved = NetSpec(cell="lstm", n_inputs=1, n_targets=1, horizon=4).to_dict()
    del saved["highway"], saved["lookback"]
    net = build_net(NetSpec(**saved))
    assert net.highway is None


# ---- window_scale (RevIN's division by the window's spread) --------------------------------------

@pytest.mark.parametrize("segment", [0, 8])
def test_with_window_scale_the_untrained_network_still_forecasts_the_last_value(segment):
    spec = NetSpec(cell="lstm", n_inputs=2, n_targets=2, horizon=5, hidden_size=8, lookback=16, highway=True,
                   segment=segment, window_scale=True)
    x = torch.randn(3, 16, 2) * 50
    torch.testing.assert_close(build_net(spec)(x), x[:, -1:, :].expand(3, 5, 2), rtol=0, atol=0)


@pytest.mark.parametrize("segment, window_norm, independent",
                         [(0, "last", False), (0, "mean", True), (8, "last", True), (8, "mean", False)])
def test_with_window_scale_the_forecast_moves_and_stretches_with_the_window(segment, window_norm, independent):
    """a * window + b forecasts a * forecast + b (a > 0): the network sees every window at one scale."""
    torch.manual_seed(0)
    spec = NetSpec(cell="gru", n_inputs=2, n_targets=2, horizon=4, hidden_size=8, lookback=16, highway=True,
                   segment=segment, window_norm=window_norm, channel_independent=independent, window_scale=True)
    net = build_net(spec)
    for p in net.parameters():  # every weight non-zero, the zero-started head and highway too
        torch.nn.init.normal_(p, std=0.3)
    x = torch.randn(3, 16, 2)
    with torch.no_grad():
        base, stretched = net(x), net(20.0 * x + 7.0)
    torch.testing.assert_close(stretched, 20.0 * base + 7.0, rtol=1e-4, atol=1e-3)
    plain = build_net(NetSpec(**{**spec.to_dict(), "window_scale": False}))
    plain.load_state_dict(net.state_dict())
    with torch.no_grad():  # without it the same weights do not stretch with the window
        assert not torch.allclose(plain(20.0 * x + 7.0), 20.0 * plain(x) + 7.0, rtol=1e-2, atol=1e-1)


def test_window_scale_divides_by_the_standard_deviation_over_the_window_and_reaches_the_quantile_head():
    torch.manual_seed(0)
    spec = NetSpec(cell="lstm", n_inputs=1, n_targets=1, horizon=2, hidden_size=4, lookback=6, window_scale=True,
                   quantiles=(0.1, 0.5, 0.9))
    net = RecurrentNet(spec)
    x = torch.randn(2, 6, 1)
    with torch.no_grad():
        net.head.bias.copy_(torch.tensor([-1.0, 0.0, 1.0, -1.0, 0.0, 1.0]))  # [H * Q]: the levels' offsets
        y = net(x)  # [B, H, T, Q]
    spread = torch.sqrt(x.var(dim=1, unbiased=False) + 1e-5)  # [B, 1]
    torch.testing.assert_close(y[..., 2] - y[..., 1], spread[:, None, :].expand(2, 2, 1))
    torch.testing.assert_close(y[..., 1], x[:, -1:, :].expand(2, 2, 1))


# ---- window_norm 'season': the forecast starts at the seasonal-naive forecast ---------------------

@pytest.mark.parametrize("segment, independent, scale", [(0, False, False), (0, True, True), (8, True, False),
                                                         (8, False, True)])
def test_with_window_norm_season_the_untrained_network_is_the_seasonal_naive_forecast(segment, independent, scale):
    from rnncast.baselines import seasonal_naive

    spec = NetSpec(cell="gru", n_inputs=2, n_targets=2, horizon=20, hidden_size=8, lookback=16, highway=True,
                   segment=segment, channel_independent=independent, window_norm="season", season=7,
                   window_scale=scale)
    x = torch.randn(3, 16, 2)
    expected = torch.from_numpy(seasonal_naive(x.numpy(), 20, 2, 7))  # the last 7 steps, repeated over 20
    torch.testing.assert_close(build_net(spec)(x), expected, rtol=0, atol=0)


def test_with_window_norm_season_the_inputs_are_taken_less_the_last_value():
    """The highway maps the window less its last value, and adds to the seasonal start."""
    torch.manual_seed(0)
    spec = NetSpec(cell="lstm", n_inputs=1, n_targets=1, horizon=3, hidden_size=4, lookback=8, highway=True,
                   window_norm="season", season=4)
    net = build_net(spec)
    weight = torch.randn(3, 8)
    with torch.no_grad():
        net.highway.weight.copy_(weight)
    x = torch.randn(2, 8, 1)
    start = x[:, [4, 5, 6], :]  # L - season + h % season
    expected = start + torch.einsum("hl,blc->bhc", weight, x - x[:, -1:, :])
    torch.testing.assert_close(net(x), expected)


def test_parameters_are_counted_by_part_the_cell_the_head_and_the_highway():
    """The demo alone showed parameter counts (a tester's find); a run records them by part (decision 1700). The
    README's GRU of 64 units on one input column: 12,864 in the cell, 65 in the head, 51 in a highway of lookback 50."""
    from rnncast.models import parameter_parts, parameters_text

    net = RecurrentNet(NetSpec(cell="gru", n_inputs=1, n_targets=1, horizon=1, hidden_size=64, lookback=50, highway=True))
    parts = parameter_parts(net)
    assert parts == {"total": 12980, "cell": 12864, "head": 65, "highway": 51}
    assert parameters_text(parts) == "12,980 (cell 12,864, head 65, highway 51)"
    alone = parameter_parts(RecurrentNet(NetSpec(cell="rnn", n_inputs=1, n_targets=1, horizon=1, hidden_size=64,
                                                 lookback=50, highway=False)))
    assert alone == {"total": 4353, "cell": 4288, "head": 65}  # 64 + 4096 + 128 in the cell, as the README adds them
    segment = parameter_parts(SegmentNet(NetSpec(cell="lstm", n_inputs=1, n_targets=1, horizon=8, hidden_size=8,
                                                 segment=4, highway=False)))
    assert segment["other"] == 4 * 8 + 8 and sum(v for k, v in segment.items() if k != "total") == segment["total"]
