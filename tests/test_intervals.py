"""Prediction intervals: a quantile head trained with the pinball loss, its coverage, its columns,
and its band in the forecast plot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.report import forecast_plot

L, H = TINY["lookback"], TINY["horizon"]
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


@pytest.fixture(scope="module")
def quantile_model() -> Forecaster:
    return Forecaster(**{**TINY, "quantiles": LEVELS}).fit(make_frame(200), target="y", features=["x"])


def test_predict_adds_quantile_columns_that_never_cross_and_the_median_is_the_forecast(quantile_model):
    forecast = quantile_model.predict(make_frame(200))
    assert list(forecast.columns) == ["y", "y_q0.1", "y_q0.5", "y_q0.9"]
    assert np.array_equal(forecast["y"].to_numpy(), forecast["y_q0.5"].to_numpy())
    assert (forecast["y_q0.1"] <= forecast["y_q0.5"]).all() and (forecast["y_q0.5"] <= forecast["y_q0.9"]).all()


def test_evaluate_adds_pinball_and_coverage_for_quantile_models_only(quantile_model):
    data = make_frame(200)
    model = quantile_model.evaluate(data, part="test")["original"]["model"]
    assert {"pinball", "coverage_80"} <= set(model) and 0 <= model["coverage_80"] <= 1
    point = Forecaster(**TINY).fit(data, target="y", features=["x"])
    assert "coverage_80" not in point.evaluate(data)["original"]["model"]


def test_the_forecast_plot_draws_the_interval_as_a_band(quantile_model):
    fig = forecast_plot(quantile_model, make_frame(200), {"lstm": quantile_model})
    ax = fig.axes[0]
    assert len(ax.collections) == 1  # the band from fill_between
    assert "lstm 80% interval" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_quantile_models_save_and_load(tmp_path, quantile_model):
    quantile_model.save(tmp_path / "m")
    same = Forecaster.load(tmp_path / "m")
    data = make_frame(200)
    pd.testing.assert_frame_equal(quantile_model.predict(data), same.predict(data))


@pytest.mark.parametrize("levels, message", [
    ((0.1, 0.9), "lack 0.5"),
    ((0.9, 0.5, 0.1), "increasing order"),
    ((0.0, 0.5), r"in \(0, 1\)"),
    ("0.1,half", "numbers"),
])
def test_bad_quantile_levels_are_refused(levels, message):
    with pytest.raises(RnncastError, match=message):
        Forecaster(**{**TINY, "quantiles": levels}).fit(make_frame(100), target="y")


def test_quantiles_from_text_as_the_command_line_gives_them():
    f = Forecaster(**{**TINY, "quantiles": "0.25,0.5,0.75"}).fit(make_frame(100), target="y")
    assert f.net_.spec.quantiles == (0.25, 0.5, 0.75)
    assert "coverage_50" in f.evaluate(make_frame(100))["original"]["model"]
