"""The highway's start (``highwaystart.py``): the ridge fit recovers a linear map, the penalty is
chosen on validation with zero among the candidates, and ``highway_start`` reaches fit (both schemes),
is refused by name when misspelt or without a highway, and the start taken is kept with the model
(model.json) and said on its page."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from conftest import TINY
from rnncast import Forecaster, RnncastError, datasets
from rnncast.batches import WindowBatches
from rnncast import highwaystart
from rnncast.highwaystart import PENALTIES, evenly_spaced, moments, solve, start
from rnncast.models import NetSpec, build_net
from rnncast.report import run_metrics
from rnncast.reportpage import highway_start_text, run_blocks
from rnncast.training import mean_loss

L, H = 8, 3


def _batches(series: np.ndarray) -> WindowBatches:
    values = torch.as_tensor(series, dtype=torch.float32).reshape(-1, 1)  # [N, 1]
    starts = np.arange(len(series) - L - H + 1)
    return WindowBatches(values, starts, L, H, n_targets=1, future_known=False, batch_size=None)


def _net() -> torch.nn.Module:
    torch.manual_seed(0)
    return build_net(NetSpec(cell="lstm", n_inputs=1, n_targets=1, horizon=H, hidden_size=4, lookback=L, highway=True))


def _ar(n: int, seed: int) -> np.ndarray:
    """An AR(2) series: x_t = 1.6 x_{t-1} - 0.8 x_{t-2} + noise (a damped oscillation a linear map forecasts)."""
    rng = np.random.default_rng(seed)
    x = np.zeros(n)
    for t in range(2, n):
        x[t] = 1.6 * x[t - 1] - 0.8 * x[t - 2] + 0.1 * rng.standard_normal()
    return x


def test_the_ridge_fit_recovers_an_exact_linear_map():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((500, L)).astype(np.float64)
    true = rng.standard_normal((L, H))
    inputs = np.concatenate([x, np.ones((500, 1))], axis=1)  # [N, L + 1] with the bias's 1
    targets = x @ true + 0.5  # [N, H], bias 0.5
    gram = torch.as_tensor(inputs.T @ inputs)
    cross = torch.as_tensor(inputs.T @ targets)
    weights = solve(gram, cross, 1e-10).numpy()
    assert np.allclose(weights[:-1], true, atol=1e-6)
    assert np.allclose(weights[-1], 0.5, atol=1e-6)


def test_moments_are_the_sums_over_every_window_less_its_last_value():
    series = np.arange(20, dtype=np.float64) ** 1.5
    gram, cross = moments(_batches(series), "last")
    rows = [(series[s : s + L] - series[s + L - 1], series[s + L : s + L + H] - series[s + L - 1])
            for s in range(len(series) - L - H + 1)]
    x = np.array([np.append(r[0], 1.0) for r in rows])  # [W, L + 1]
    y = np.array([r[1] for r in rows])  # [W, H]
    assert np.allclose(gram.numpy(), x.T @ x, rtol=1e-5)
    assert np.allclose(cross.numpy(), x.T @ y, rtol=1e-5)


def test_windows_are_read_evenly_spaced_and_never_past_the_last():
    index = evenly_spaced(16_777_220, 50_000)  # past 2**24: float32 steps would round beyond the last window
    assert len(index) == 50_000 and index[0] == 0 and index[-1] == 16_777_219
    assert bool((index[1:] > index[:-1]).all())
    assert evenly_spaced(5, 50_000).tolist() == [0, 1, 2, 3, 4] and evenly_spaced(1, 10).tolist() == [0]


def test_the_sums_do_not_depend_on_how_many_windows_a_chunk_reads(monkeypatch):
    batches = _batches(_ar(300, 4))
    whole = moments(batches, "last")
    monkeypatch.setattr(highwaystart, "CHUNK_VALUES", 3 * (L + H))  # three windows a chunk
    chunked = moments(batches, "last")
    assert torch.allclose(whole[0], chunked[0]) and torch.allclose(whole[1], chunked[1])


def test_a_linear_series_starts_the_highway_at_a_fit_that_beats_zero_on_validation():
    net = _net()
    train, val = _batches(_ar(600, 1)), _batches(_ar(200, 2))
    zero = mean_loss(net, val)
    chosen = start(net, train, val)
    assert chosen["penalty"] in PENALTIES
    assert chosen["zero_val_loss"] == pytest.approx(zero)
    assert mean_loss(net, val) == pytest.approx(chosen["val_loss"], rel=1e-5)
    assert chosen["val_loss"] < 0.5 * zero
    assert net.highway.weight.abs().sum() > 0


def test_zero_is_kept_where_no_fit_beats_it_on_validation():
    net = _net()
    flat = np.full(60, 3.0)  # the window's last value is exactly right: zero's loss is 0
    chosen = start(net, _batches(_ar(600, 1)), _batches(flat))
    assert chosen["penalty"] is None and chosen["zero_val_loss"] == 0.0
    assert net.highway.weight.abs().sum() == 0 and net.highway.bias.abs().sum() == 0


def test_without_validation_windows_the_smallest_penalty_is_taken():
    net = _net()
    chosen = start(net, _batches(_ar(600, 1)), None)
    assert chosen == {"penalty": min(PENALTIES), "val_loss": None, "zero_val_loss": None}


@pytest.mark.parametrize("scheme", ["window", "sequence"])
def test_fit_starts_at_the_least_squares_fit_when_asked(scheme):
    wave = datasets.sine_wave(n=400)
    settings = {**TINY, "lookback": 20, "horizon": 4, "epochs": 1, "scheme": scheme, "lr": 1e-12,
                **({"chunk": 32} if scheme == "sequence" else {})}  # the window scheme refuses a chunk
    zero = Forecaster(**settings).fit(wave, target="y")
    fitted = Forecaster(**settings, highway_start="least_squares").fit(wave, target="y")
    # with a learning rate of 1e-12 the network stays where it started: the fit is far better than zero
    assert fitted.evaluate(wave, part="val")["scaled"]["model"]["mse"] < 0.2 * zero.evaluate(wave, part="val")["scaled"]["model"]["mse"]
    assert fitted.get_params()["highway_start"] == "least_squares"


def test_a_misspelt_start_is_refused_by_name():
    with pytest.raises(RnncastError, match="highway_start"):
        Forecaster(**TINY, highway_start="ols").fit(datasets.sine_wave(n=200), target="y")


def test_a_least_squares_start_without_a_highway_is_refused_not_ignored():
    with pytest.raises(RnncastError, match="highway_start 'least_squares' starts the highway, and this model has none"):
        Forecaster(**TINY, highway=False, highway_start="least_squares").fit(datasets.sine_wave(n=200), target="y")


def test_the_start_taken_is_kept_with_the_model_and_shown_on_its_page(tmp_path):
    wave = datasets.sine_wave(n=400)
    settings = {**TINY, "lookback": 20, "horizon": 4, "epochs": 1}
    fitted = Forecaster(**settings, highway_start="least_squares").fit(wave, target="y")
    start_ = fitted.highway_start_
    assert start_["penalty"] in PENALTIES and start_["val_loss"] < start_["zero_val_loss"]
    fitted.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").highway_start_ == start_
    blocks = run_blocks(fitted, run_metrics(fitted, wave), "sine", None)
    row = next(r for b in blocks if b[0] == "table" for r in b[1] if r[0] == "highway start")
    assert row[1].startswith(f"the least-squares fit, penalty {start_['penalty']:g}: validation mse")
    assert Forecaster(**settings).fit(wave, target="y").highway_start_ is None  # zero start: nothing to record


def test_the_page_says_which_start_was_taken():
    assert highway_start_text({"penalty": None, "val_loss": 0.3, "zero_val_loss": 0.25}, "mae") == \
        "zero: no least-squares fit beat it on validation (mae 0.25, scaled units)"
    assert highway_start_text({"penalty": 1e-4, "val_loss": None, "zero_val_loss": None}, "mse") == \
        "the least-squares fit, penalty 0.0001 (no validation windows: the smallest penalty)"


def test_with_window_scale_the_sums_are_taken_over_windows_divided_by_their_spread():
    series = np.arange(20, dtype=np.float64) ** 1.5
    gram, cross = moments(_batches(series), "last", window_scale=True)
    rows = []
    for s in range(len(series) - L - H + 1):
        window, last = series[s : s + L], series[s + L - 1]
        spread = np.sqrt(window.var() + 1e-5)
        rows.append(((window - last) / spread, (series[s + L : s + L + H] - last) / spread))
    x = np.array([np.append(r[0], 1.0) for r in rows])  # [W, L + 1]
    y = np.array([r[1] for r in rows])  # [W, H]
    assert np.allclose(gram.numpy(), x.T @ x, rtol=1e-4)
    assert np.allclose(cross.numpy(), x.T @ y, rtol=1e-4)


def test_with_window_norm_season_the_targets_are_taken_less_the_last_season():
    series = np.arange(20, dtype=np.float64) ** 1.5
    gram, cross = moments(_batches(series), "season", season=4)
    rows = []
    for s in range(len(series) - L - H + 1):
        window = series[s : s + L]
        start = window[L - 4 + np.arange(H) % 4]
        rows.append((window - window[-1], series[s + L : s + L + H] - start))
    x = np.array([np.append(r[0], 1.0) for r in rows])  # [W, L + 1]
    y = np.array([r[1] for r in rows])  # [W, H]
    assert np.allclose(gram.numpy(), x.T @ x, rtol=1e-4)
    assert np.allclose(cross.numpy(), x.T @ y, rtol=1e-4)
