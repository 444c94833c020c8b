"""What an untrained network forecasts, in words (``untrained.py``): the window_norm start with the
baseline it is (or none), the highway's fit, and a quantile head's shift of the median in original units,
so that the note that the model is the untrained network never calls its forecast a baseline it is not."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, datasets
from rnncast.untrained import forecast_text

BASE = dict(lookback=24, horizon=4, hidden_size=4, epochs=1, lr=1e-12, season=12, device="cpu", seed=0)


@pytest.fixture(scope="module")
def trend() -> pd.DataFrame:
    """A season of 12 on a trend: the seasonal-naive forecast is a season's trend (0.12) too low."""
    t = np.arange(300)
    return pd.DataFrame({"y": 5 + np.sin(2 * np.pi * t / 12) + 0.01 * t + np.random.default_rng(0).normal(0, 0.1, 300)})


def _said(model: Forecaster) -> str:
    assert not any(h["best"] for h in model.history_)  # the untrained network was kept
    return forecast_text(model.net_, model.state_)


@pytest.mark.parametrize("settings, words", [
    ({"window_norm": "last"}, "the window's last value (the 'repeat the last value' baseline)"),
    ({"window_norm": "season"}, "the window's last season (the 'seasonal naive' baseline)"),
    ({"window_norm": "mean"}, "the window's mean (no baseline forecasts it)"),
    ({"window_norm": "none"}, "zero in scaled units, so the scaler's offset: the training rows' mean (the 'training "
                              "mean' baseline)"),
    ({"window_norm": "none", "scaler": "minmax"}, "zero in scaled units, so the scaler's offset: the training rows' minimum"),
    ({"window_norm": "last", "highway": True, "highway_start": "least_squares"},
     "the window's last value (the 'repeat the last value' baseline) plus the highway's least-squares fit"),
])
def test_a_point_forecast_is_named_by_where_window_norm_starts_it(trend, settings, words):
    assert _said(Forecaster(**BASE, **settings).fit(trend, target="y")) == words


def test_a_quantile_heads_median_is_said_shifted_by_what_it_is_in_original_units(trend):
    """The tester read "the untrained network ... (the 'seasonal naive' baseline)" beside "the model beats every
    baseline (seasonal naive)": the median is seasonal naive plus the training errors' median, and says so."""
    model = Forecaster(**BASE, window_norm="season", quantiles=(0.1, 0.5, 0.9)).fit(trend * 100, target="y")
    said = _said(model)
    wf = model.predict_windows(trend * 100, part="test")
    shift = (wf.y_pred - wf.baselines["seasonal"])[..., 0]  # [W, H]: the same for every window
    assert np.allclose(shift, shift[0], atol=1e-3) and shift.mean() > 5  # a season's trend, in original units
    low, high = (f"{v:+.3g}" for v in (shift[0].min(), shift[0].max()))
    span = low if low == high else f"{low} to {high} over the horizon steps"
    assert said == ("the window's last season (the 'seasonal naive' baseline) shifted by the training errors' quantiles "
                    f"(the median, the point forecast, by {span})")


def test_with_window_scale_the_shift_is_in_window_spreads(trend):
    said = _said(Forecaster(**BASE, window_norm="last", quantiles=(0.1, 0.5, 0.9), window_scale=True).fit(trend, target="y"))
    assert said.startswith("the window's last value (the 'repeat the last value' baseline) shifted by the training "
                           "errors' quantiles times the window's spread (the median, the point forecast, by ")
    assert said.endswith(" spreads)")


def test_a_panels_shifts_differ_by_series_and_are_given_as_a_range(caplog):
    panel = datasets.sine_panel(3, scales=(1, 100), seed=1)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**BASE, window_norm="season", quantiles=(0.25, 0.5, 0.75)).fit(panel)
    said = _said(model)
    assert " to " in said and said.endswith(" over the horizon steps and series)")
    [warned] = [r.getMessage() for r in caplog.records if "untrained network's validation loss" in r.getMessage()]
    assert f"so the model is the untrained network: it forecasts {said}; try a larger learning rate" in warned


def test_kept_is_true_only_where_no_epoch_beat_the_untrained_network_and_training_did_not_diverge():
    from types import SimpleNamespace

    from rnncast.untrained import kept

    best = [{"epoch": 1, "best": False}, {"epoch": 2, "best": True}]
    none = [{"epoch": 1, "best": False}, {"epoch": 2, "best": False}]
    assert kept(SimpleNamespace(history_=none)) and not kept(SimpleNamespace(history_=best))
    assert not kept(SimpleNamespace(history_=[])) and not kept(SimpleNamespace(history_=none, diverged_epoch_=2))
