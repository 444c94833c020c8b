"""The networks: shapes, the zero-initialised start (= the window level's forecast), channel
independence, SegRNN's segment-wise encoder and parallel decoder, and their settings' checks."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.models import NetSpec, RecurrentNet, SegmentNet, build_net, highway, sequence_highway

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


def test_segment_model_saves_and_loads_bit_identically(tmp_path):
    params = {**TINY, "lookback": 24, "horizon": 6, "segment": 6, "decoder": "parallel"}
    f = Forecaster(**params).fit(_sine(200))
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    assert isinstance(g.net_, SegmentNet)
    np.testing.assert_array_equal(f.predict(_sine(200)), g.predict(_sine(200)))


@pytest.mark.parametrize("params, words", [
    ({"lookback": 50, "segment": 12}, "lookback 50 is not a whole number of segments of 12"),
    ({"decoder": "parallel"}, "needs segment > 0"),
    ({"segment": 4, "scheme": "sequence"}, "scheme 'sequence'"),
    ({"segment": -1}, "segment must be an integer >= 0"),
    ({"decoder": "sideways"}, "unknown decoder 'sideways'"),
])
def test_segment_settings_are_checked_with_a_clear_message(params, words):
    with pytest.raises(RnncastError, match=words):
        Forecaster(**{**TINY, "lookback": 48, **params}).fit(_sine(200))


def test_a_run_whose_epochs_never_beat_the_untrained_network_keeps_it():
    # Adam at lr 1 throws the weights far from the start: every epoch ends worse on validation than the
    # untrained network (the repeat-last forecast), which therefore stays
    f = Forecaster(**{**TINY, "lr": 1.0, "epochs": 2}).fit(_sine(300))
    assert not any(h["best"] for h in f.history_)
    x = _sine(300)
    np.testing.assert_allclose(f.predict(x)[f.targets_[0]], np.repeat(x[-1], 3), rtol=1e-5, atol=1e-5)


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


def _saved_before_the_highway(tmp_path):
    """A model folder as rnncast wrote it before the highway existed: no highway in it anywhere."""
    import json

    y = _sine(200)
    Forecaster(**TINY, highway=False).fit(y).save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    del meta["params"]["highway"], meta["network"]["highway"], meta["network"]["lookback"]
    return y, path, meta


def test_a_model_saved_before_the_highway_loads_and_keeps_none(tmp_path):
    import json

    y, path, meta = _saved_before_the_highway(tmp_path)
    path.write_text(json.dumps(meta))
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.get_params()["highway"] is False and loaded.net_.highway is None
    assert np.isfinite(loaded.predict(y).to_numpy(dtype=float)).all()


def test_a_model_whose_settings_claim_a_highway_its_network_lacks_is_refused(tmp_path):
    import json

    _, path, meta = _saved_before_the_highway(tmp_path)
    meta["params"]["highway"] = True
    path.write_text(json.dumps(meta))
    with pytest.raises(RnncastError, match="highway"):
        Forecaster.load(tmp_path / "m")
