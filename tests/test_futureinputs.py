"""The future covariates a forecast takes (``futureinputs.py``): future= refused by a model fitted without them, asked
for by name by one fitted with them; aligned, checked and scaled as the model's inputs."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.futureinputs import scaled_future


def _model(future_covariates, layout="single"):
    data = SimpleNamespace(horizon=3, calendar_covariates=None)
    state = SimpleNamespace(future_covariates=future_covariates, layout=layout, id_col=None, time_col="ds",
                            ids=[None], settings=SimpleNamespace(data=data))
    return SimpleNamespace(state=state, device="cpu")


def test_a_model_without_future_covariates_refuses_future_values():
    with pytest.raises(RnncastError, match=r"was given but the model was trained without future covariates"):
        scaled_future(_model([]), None, pd.DataFrame({"promo": [1.0]}), [], None, None)
    assert scaled_future(_model([]), None, None, [], None, None) is None


def test_a_model_with_future_covariates_asks_for_them_by_name():
    with pytest.raises(RnncastError, match=r"needs the future values of its future covariates \['promo'\] over the 3 forecast steps: "
                                           r"pass future="):
        scaled_future(_model(["promo"]), None, None, [], None, None)


def test_the_values_given_reach_the_network_scaled_as_its_inputs():
    n = 80
    frame = pd.DataFrame({"ds": pd.date_range("2020-01-01", periods=n, freq="D"), "y": np.sin(np.arange(n) / 3.0),
                          "promo": np.arange(n) % 2 * 1.0})
    model = Forecaster(lookback=6, horizon=3, hidden_size=4, epochs=1, max_batches=1, device="cpu").fit(
        frame, target="y", time_col="ds", future_covariates=["promo"])
    future = pd.DataFrame({"ds": pd.date_range("2020-03-21", periods=3, freq="D"), "promo": [1.0, 0.0, 1.0]})
    forecast = model.predict(frame, future=future)
    assert len(forecast) == 3 and np.isfinite(forecast["y"]).all()
