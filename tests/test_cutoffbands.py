"""A one-model backtest's baseline intervals learned at each window's own cutoff (``cutoffbands.py``, decisions 2221,
2248): the same as a refit's, cutoff by cutoff, where the mean's was the first cutoff's errors moved to each window's
mean and the repeat's and seasonal naive's the first cutoff's errors."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, cutoffbands

BANDS = ["y_mean_q0.1", "y_mean_q0.9"]


def _growing(noise=None) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    y = 50 + 0.5 * np.arange(160) + rng.normal(0, 2, 160) * (1 if noise is None else noise)  # a level that grows: each
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=160, freq="D"), "y": y})  # cutoff's mean its own


def _backtest(refit: bool, data=None, **settings) -> pd.DataFrame:
    return Forecaster(**{**TINY, "epochs": 1, "quantiles": [0.1, 0.5, 0.9], **settings}).backtest(
        _growing() if data is None else data, n_windows=3, step=20, refit=refit, target="y", time_col="date").forecasts


def test_one_model_gives_the_mean_each_cutoffs_own_interval_as_a_refit_does():
    one, refit = _backtest(False), _backtest(True)
    assert (one["y_mean"] == refit["y_mean"]).all()  # the point: each window's own since decision 2174
    for column in BANDS:
        np.testing.assert_allclose(one[column], refit[column], rtol=1e-5)
    width = (one["y_mean_q0.9"] - one["y_mean_q0.1"]).groupby(one["window"]).first()
    assert width.is_monotonic_increasing and width.iloc[-1] > 1.3 * width.iloc[0]  # the later rows' spread, not the first's


def test_one_model_gives_the_repeat_and_seasonal_naive_each_cutoffs_own_interval_as_a_refit_does():
    """Decision 2248: their points read the rows before each window, their intervals were the first cutoff's errors;
    noise that grows makes each cutoff's errors spread wider than the first's."""
    data = _growing(noise=1 + np.arange(160) / 20)
    one, refit = _backtest(False, data, season=7), _backtest(True, data, season=7)
    for name in ("repeat", "seasonal"):
        assert (one[f"y_{name}"] == refit[f"y_{name}"]).all()
        for level in ("0.1", "0.9"):
            np.testing.assert_allclose(one[f"y_{name}_q{level}"], refit[f"y_{name}_q{level}"], rtol=1e-5)
        width = (one[f"y_{name}_q0.9"] - one[f"y_{name}_q0.1"]).groupby(one["window"]).first()
        assert width.is_monotonic_increasing and width.iloc[-1] > 1.05 * width.iloc[0], (name, width)  # not the first's


def test_a_model_without_quantiles_has_no_interval_to_learn():
    model = Forecaster(**{**TINY, "epochs": 1}).fit(_growing(), target="y", time_col="date")
    assert cutoffbands.window_errors(model.state_, None, [], np.zeros(1, int), np.zeros(1, int), np.zeros((1, 1))) is None

