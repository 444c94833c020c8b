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
