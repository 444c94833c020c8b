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


@pytest.mark.parametrize("freq, dropped, want", [
    ("B", ["2024-03-11", "2024-12-31"], pd.bdate_range("2025-02-24", periods=4)),  # the days after 2025-02-21
    ("MS", ["2012-07-01", "2019-10-01"], pd.date_range("2020-01-01", periods=4, freq="MS")),
])
def test_predict_computes_the_calendar_covariates_at_the_forecast_dates_of_a_calendar_with_gaps(monkeypatch, freq,
                                                                                                dropped, want):
    """Decision 2024's check of predict: on business days and months, rows missing, the covariates are made at the
    next dates of the calendar past the file's end (2025-02-24 is a Monday after the Friday 02-21), not at rows."""
    from rnncast import calendarcovariates

    time = pd.bdate_range("2024-01-01", periods=300) if freq == "B" else pd.date_range("2010-01-01", periods=120,
                                                                                      freq="MS")
    frame = pd.DataFrame({"ds": time, "y": 10 + time.month + np.random.default_rng(0).normal(0, 0.1, len(time))})
    frame = frame[~frame["ds"].isin(pd.to_datetime(dropped))]
    model = Forecaster(lookback=10, horizon=4, hidden_size=4, epochs=1, max_batches=2, device="cpu", freq=freq,
                       calendar_covariates="month" if freq == "MS" else "day_of_week,month").fit(
        frame, target="y", time_col="ds")
    made, real = [], calendarcovariates.values
    monkeypatch.setattr(calendarcovariates, "values", lambda time, value: made.append(time) or real(time, value))
    forecast = model.predict(frame)
    assert list(forecast.index) == list(want) and list(made[-1]) == list(want)
