"""backtesting: Forecaster.backtest, a base of Forecaster's: a setting given to it is refused as given before, and a
fitted Forecaster's backtest reads the data with its fit's roles and writes times as the data wrote them."""

import pandas as pd
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.backtesting import Backtests


def test_forecasters_backtest_is_this_bases_and_a_setting_given_to_it_is_said_to_be_given_before():
    assert issubclass(Forecaster, Backtests) and "backtest" not in vars(Forecaster)
    with pytest.raises(RnncastError, match=r"^backtest takes no epochs=: it is a setting of Forecaster, given as "
                                           r"Forecaster\(epochs=\.\.\.\) or set_params\(epochs=\.\.\.\) before backtest$"):
        Forecaster(**TINY).backtest(make_frame(80), epochs=1)
    with pytest.raises(RnncastError, match="refit"):
        Forecaster(**TINY).backtest(make_frame(80), refit="no")  # 'no' would read as yes


def test_a_fitted_forecasters_backtest_takes_its_fits_target_and_leaves_it_as_it_was():
    frame = make_frame(120)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", features=["x"])
    net = model.net_
    result = Forecaster.backtest(model, frame, n_windows=2)  # the fit's target and features: none given again
    assert model.net_ is net  # models with its settings are trained, never the Forecaster itself
    assert {"cutoff", "window", "y", "y_hat"} <= set(result.forecasts.columns)
    assert result.forecasts["window"].nunique() == 2
    assert pd.api.types.is_datetime64_any_dtype(result.forecasts["date"])
