"""A one-model backtest's mean baseline interval learned at each window's own cutoff (``cutoffbands.py``, decision
2221): the same as a refit's, cutoff by cutoff, where it was the first cutoff's errors moved to each window's mean."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, cutoffbands

BANDS = ["y_mean_q0.1", "y_mean_q0.9"]


def _growing() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    y = 50 + 0.5 * np.arange(160) + rng.normal(0, 2, 160)  # a level that grows: each cutoff's mean and spread its own
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=160, freq="D"), "y": y})


def _backtest(refit: bool) -> pd.DataFrame:
    return Forecaster(**{**TINY, "epochs": 1, "quantiles": [0.1, 0.5, 0.9]}).backtest(
        _growing(), n_windows=3, step=20, refit=refit, target="y", time_col="date").forecasts


def test_one_model_gives_the_mean_each_cutoffs_own_interval_as_a_refit_does():
    one, refit = _backtest(False), _backtest(True)
    assert (one["y_mean"] == refit["y_mean"]).all()  # the point: each window's own since decision 2174
    for column in BANDS:
        np.testing.assert_allclose(one[column], refit[column], rtol=1e-5)
    width = (one["y_mean_q0.9"] - one["y_mean_q0.1"]).groupby(one["window"]).first()
    assert width.is_monotonic_increasing and width.iloc[-1] > 1.3 * width.iloc[0]  # the later rows' spread, not the first's


def test_a_model_without_quantiles_has_no_interval_to_learn():
    model = Forecaster(**{**TINY, "epochs": 1}).fit(_growing(), target="y", time_col="date")
    assert cutoffbands.mean_errors(model.state_, None, [], np.zeros(1, int), np.zeros(1, int), np.zeros((1, 1))) is None

