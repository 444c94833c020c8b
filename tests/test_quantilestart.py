"""A quantile head's start (``quantilestart.py``): its bias is the quantiles of the untrained
forecast's errors on the training windows, per horizon step and target (a channel-independent net's
per target too, in offsets beside the head it shares; pooled in one saved before; relative to the window's spread with ``window_scale``), so an untrained
network's intervals hold their share of the training values; point heads are left alone; fit
starts every quantile head (window scheme: the only one with quantiles) this way."""

from __future__ import annotations

import numpy as np
import torch

from conftest import TINY
from rnncast import Forecaster, datasets, quantilestart
from rnncast.batches import WindowBatches
from rnncast.models import NetSpec, build_net
from rnncast.training import predict_batches

L, H = 8, 3
LEVELS = (0.1, 0.5, 0.9)


def _walk(n: int, channels: int, seed: int) -> np.ndarray:
    """Random walks with drift and unequal noise per channel: [n, channels]."""
    rng = np.random.default_rng(seed)
    steps = rng.standard_normal((n, channels)) * np.arange(1, channels + 1) + 0.2
    return np.cumsum(steps, axis=0)


def _batches(values: np.ndarray) -> WindowBatches:
    tensor = torch.as_tensor(values, dtype=torch.float32)  # [N, C]
    starts = np.arange(len(values) - L - H + 1)
    return WindowBatches(tensor, starts, L, H, n_targets=values.shape[1], future_known=False, batch_size=None)


def _net(channels: int, **spec) -> torch.nn.Module:
    torch.manual_seed(0)
    return build_net(NetSpec(cell="gru", n_inputs=channels, n_targets=channels, horizon=H, hidden_size=4,
                             lookback=L, quantiles=spec.pop("quantiles", LEVELS), **spec))


def _errors(values: np.ndarray) -> np.ndarray:
    """y - last input value of every window: [N, H, C]."""
    windows = np.lib.stride_tricks.sliding_window_view(values, L + H, axis=0)  # [N, C, L + H]
    return (windows[:, :, L:] - windows[:, :, L - 1 : L]).transpose(0, 2, 1)


def test_the_bias_is_the_quantiles_of_the_repeat_forecasts_errors_per_step_and_target():
    values = _walk(300, 2, seed=1)
    net = _net(2)
    offsets = quantilestart.start(net, _batches(values))
    expected = np.moveaxis(np.quantile(_errors(values), LEVELS, axis=0), 0, -1)  # [H, C, Q]
    assert offsets.shape == (H, 2, 3)
    assert np.allclose(offsets, expected, atol=1e-4)
    assert np.allclose(net.head.bias.detach().numpy(), expected.reshape(-1), atol=1e-4)
    assert not net.head.weight.any()  # only the bias moves


def test_the_untrained_intervals_hold_their_share_of_the_training_values():
    values = _walk(400, 2, seed=2)
    batches = _batches(values)
    net = _net(2)
    before = predict_batches(net, batches)  # [N, H, C, Q]: every level the same forecast
    assert np.all(before[..., 0] == before[..., 2])
    quantilestart.start(net, batches)
    pred = predict_batches(net, batches)
    truth = np.stack([values[s + L : s + L + H] for s in range(len(batches))])  # [N, H, C]
    inside = (truth >= pred[..., 0]) & (truth <= pred[..., 2])
    assert abs(inside.mean() - 0.8) < 0.01
    assert abs((truth <= pred[..., 1]).mean() - 0.5) < 0.01


def test_a_channel_independent_net_starts_each_targets_intervals_at_its_own_errors():
    """One head serves every channel; each target's offsets start at its own errors' quantiles, so the
    untrained 80 % interval holds 80 % of each target's values, the smooth one's as the noisy one's
    (pooled, the smooth channel's interval held nearly all and the noisiest's far fewer)."""
    values = _walk(400, 3, seed=3)  # noise 1, 2, 3 per channel
    batches = _batches(values)
    net = _net(3, channel_independent=True, target_offsets=True)
    offsets = quantilestart.start(net, batches)
    expected = np.moveaxis(np.quantile(_errors(values), LEVELS, axis=0), 0, -1)  # [H, C, Q]
    assert offsets.shape == (H, 3, 3) and np.allclose(offsets, expected, atol=1e-4)
    assert not net.head.bias.any() and not net.head.weight.any()
    pred = predict_batches(net, batches)  # [N, H, C, Q]
    truth = np.stack([values[s + L : s + L + H] for s in range(len(batches))])  # [N, H, C]
    inside = ((truth >= pred[..., 0]) & (truth <= pred[..., 2])).mean(axis=(0, 1))  # per target
    assert np.all(np.abs(inside - 0.8) < 0.01), inside


def test_a_channel_independent_net_saved_without_offsets_per_target_pools_the_channels():
    values = _walk(300, 3, seed=3)
    net = _net(3, channel_independent=True)
    offsets = quantilestart.start(net, _batches(values))
    pooled = _errors(values).transpose(0, 2, 1).reshape(-1, H)  # [N * C, H]
    assert offsets.shape == (H, 1, 3)
    assert np.allclose(offsets[:, 0, :], np.quantile(pooled, LEVELS, axis=0).T, atol=1e-4)


def test_with_window_scale_the_errors_are_in_units_of_the_window_spread():
    values = _walk(300, 1, seed=4) * 50.0
    batches = _batches(values)
    net = _net(1, window_scale=True)
    quantilestart.start(net, batches)
    pred = predict_batches(net, batches)
    truth = np.stack([values[s + L : s + L + H] for s in range(len(batches))])
    inside = (truth >= pred[..., 0]) & (truth <= pred[..., 2])
    assert abs(inside.mean() - 0.8) < 0.01  # per window, the offsets are stretched by its spread


def test_a_point_head_or_no_windows_is_left_alone():
    values = _walk(100, 1, seed=5)
    point = _net(1, quantiles=())
    state = {k: v.clone() for k, v in point.state_dict().items()}
    assert quantilestart.start(point, _batches(values)) is None
    assert all(torch.equal(state[k], v) for k, v in point.state_dict().items())
    empty = WindowBatches(torch.zeros(20, 1), np.arange(0), L, H, n_targets=1, future_known=False, batch_size=None)
    net = _net(1)
    assert quantilestart.start(net, empty) is None
    assert not net.head.bias.any()


def test_fit_starts_a_quantile_head_there():
    model = Forecaster(**{**TINY, "epochs": 1, "lr": 1e-9}, quantiles=LEVELS).fit(datasets.sine_wave(n=400), target="y")
    bias = model.net_.head.bias.detach().view(model.horizon, 1, 3)  # [H, T, Q]
    assert torch.all(bias[..., 0] < bias[..., 1]) and torch.all(bias[..., 1] < bias[..., 2])


def test_fit_gives_a_channel_independent_quantile_head_offsets_per_target():
    data = datasets.sine_wave(n=300).assign(z=lambda d: d["y"] + np.random.default_rng(0).standard_normal(len(d)))
    model = Forecaster(**{**TINY, "epochs": 1, "lr": 1e-9}, quantiles=LEVELS, channel_independent=True)
    model.fit(data, target=["y", "z"])
    width = (model.net_.target_offsets[..., 2] - model.net_.target_offsets[..., 0]).detach().squeeze(-1)  # [T, H]
    assert model.net_.spec.target_offsets and torch.all(width[1] > 2 * width[0])  # the noisy target's wider


def test_a_start_read_from_few_windows_says_so(caplog):
    values = _walk(L + H + 4, 1, seed=6)  # 5 windows
    with caplog.at_level("WARNING", logger="rnncast.quantilestart"):
        quantilestart.start(_net(1), _batches(values))
    assert "quantiles of 5 training windows' errors (fewer than 20)" in caplog.text


def test_the_start_reads_back_from_the_net_as_start_set_it():
    """``start_offsets``: what an untrained net's head adds, read back for the note that the model is that net."""
    values = _walk(300, 3, seed=3)
    for spec in ({}, {"channel_independent": True, "target_offsets": True}, {"channel_independent": True}):
        net = _net(3, **spec)
        offsets = quantilestart.start(net, _batches(values))
        assert np.allclose(quantilestart.start_offsets(net), offsets, atol=1e-6)
    assert quantilestart.start_offsets(_net(1, quantiles=())) is None
