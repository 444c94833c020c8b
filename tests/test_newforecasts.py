"""``Forecaster``'s entry points on new data (``newforecasts.py``): the data read the model's way, then forecast; a
part's windows forecast without the baselines' intervals (tune's) score the model as evaluate does."""

from __future__ import annotations

from conftest import make_frame
from rnncast import evaluation, newforecasts
from rnncast.forecasting import Model


def test_windows_without_the_baselines_intervals_score_the_model_alike(quantile_model):
    """tune reads the model's validation score alone: its windows leave out the baselines' intervals (their training
    errors' quantiles, twice over every training window), and the model's scores are those evaluate gives."""
    data = make_frame(200)
    whole = quantile_model.part_forecasts(data, part="val")
    fitted = Model(quantile_model.net_, quantile_model.state_, quantile_model.device_)
    alone = newforecasts.new_part(fitted, data, "val", with_bands=False)
    assert whole.original.baseline_quantiles and not alone.original.baseline_quantiles
    assert not alone.scaled.baseline_quantiles
    assert evaluation.evaluate(alone)["scaled"]["model"] == evaluation.evaluate(whole)["scaled"]["model"]


def test_predict_lists_on_its_frame_the_series_it_did_not_forecast_and_why():
    """t40-t5 6 (decision 2163): which stores predict skipped, and why, was only in WARNING lines; a pipeline had to
    diff the forecast's ids against its store list."""
    import numpy as np
    import pandas as pd

    from conftest import TINY
    from rnncast import Forecaster

    rng = np.random.default_rng(0)
    weeks = pd.date_range("2022-01-02", periods=120, freq="W-SUN")
    frame = pd.concat([pd.DataFrame({"store": s, "week": weeks, "sales": 100 + rng.normal(0, 5, 120)}) for s in "AB"]
                      + [pd.DataFrame({"store": "T", "week": weeks[-10:], "sales": 100.0})])
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 2, "epochs": 1}).fit(frame, id_col="store",
                                                                                 time_col="week", target="sales")
    new = pd.concat([frame, pd.DataFrame({"store": "Z9", "week": weeks, "sales": 100.0})])
    forecast = model.predict(new)
    short = model.skipped_series_[0]
    assert sorted(forecast["store"].unique()) == ["A", "B"]
    assert forecast.attrs[newforecasts.NOT_FORECAST] == [
        {"id": "T", "reason": f"too short to train at fit (10 rows at fit; needs {short['needed']} rows)"},
        {"id": "Z9", "reason": "not in the data the model was fitted on (no scaler for it)"}]
    assert model.predict(frame[frame["store"] != "T"]).attrs[newforecasts.NOT_FORECAST] == []
