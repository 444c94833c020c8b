"""Whatever predict, evaluate and backtest are handed is used, or refused or warned of by name:
wide columns new since fit, wide series fit left out or the data lacks, a static table for a model
without static covariates, series a pooled backtest MASE leaves out, future rows of other series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError


def _wide(n: int = 120) -> pd.DataFrame:
    t = np.arange(n)
    frame = pd.DataFrame({"ds": pd.date_range("2021-01-01", periods=n, freq="D"),
                          "a": 10 + np.sin(t / 3.0), "b": 20 + np.cos(t / 4.0), "short one": np.nan})
    frame.loc[n - 5:, "short one"] = 1.0 + t[n - 5:]  # five values: too short to train
    return frame


@pytest.fixture(scope="module")
def wide_all() -> Forecaster:
    return Forecaster(**TINY).fit(_wide(), series="all")


def test_a_new_column_of_a_wide_model_fitted_on_every_column_is_refused_as_an_unseen_series(caplog, wide_all):
    with pytest.raises(RnncastError, match=r"series \['new col'\] \(1 in all\) were not in the data the model was fitted on"):
        wide_all.predict(_wide().assign(**{"new col": 1.0}))
    named = Forecaster(**TINY).fit(_wide(), series=["a", "b"])  # other columns were never series
    with caplog.at_level("WARNING", logger="rnncast"):
        named.predict(_wide().assign(**{"new col": 1.0}))
    assert "column(s) ['new col'] are not used" in caplog.text


def test_a_wide_series_left_out_at_fit_or_absent_from_the_data_is_named(caplog, wide_all):
    with caplog.at_level("WARNING", logger="rnncast"):
        forecast = wide_all.predict(_wide().drop(columns=["b"]))
    assert set(forecast["unique_id"]) == {"a"}
    assert "series 'short one' was too short to train and is not forecast" in caplog.text
    assert "series ['b'] the model was trained on are not in the data" in caplog.text


def test_a_static_table_for_a_model_without_static_covariates_is_refused():
    frame = make_panel(2, seed=1)
    model = Forecaster(**TINY).fit(frame)
    table = pd.DataFrame({"unique_id": ["s000", "s001"], "size": [1.0, 2.0]})
    for use in (lambda: model.predict(frame, static_covariates=table),
                lambda: model.evaluate(frame, static_covariates=table)):
        with pytest.raises(RnncastError, match="trained without static covariates"):
            use()


def test_a_backtest_says_which_series_its_pooled_mase_leaves_out():
    frame = make_panel(3, seed=5)
    frame.loc[frame.unique_id == "s001", "y"] = 7.0  # never changes: a zero naive error
    result = Forecaster(**TINY).backtest(frame, n_windows=2)
    assert result.metrics["mase_excluded"]["series"] == ["s001"]


def test_an_unseen_series_list_ends_in_an_ellipsis_when_it_is_cut():
    frame = make_panel(2, seed=1)
    model = Forecaster(**TINY).fit(frame)
    others = pd.concat([frame[frame.unique_id == "s000"].assign(unique_id=f"x{k}") for k in range(6)])
    with pytest.raises(RnncastError, match=r"\['x0', 'x1', 'x2', 'x3', 'x4', \.\.\.\] \(6 in all\)"):
        model.predict(others)


def test_future_values_name_each_series_missing_steps_and_the_series_not_forecast(caplog):
    n, horizon = 120, TINY["horizon"]
    parts = [pd.DataFrame({"unique_id": i, "ds": pd.date_range("2021-01-01", periods=n, freq="D"),
                           "promo": (np.arange(n) % 3 == k).astype(float), "y": 10 + k + np.sin(np.arange(n) / 2.0)})
             for k, i in enumerate(["n", "s", "w"])]
    frame = pd.concat(parts, ignore_index=True)
    model = Forecaster(**TINY).fit(frame, future_covariates=["promo"])
    dates = pd.date_range("2021-05-01", periods=horizon, freq="D")
    future = pd.DataFrame({"unique_id": np.repeat(["n", "s", "w", "ghost"], horizon), "ds": np.tile(dates, 4),
                           "promo": 1.0})
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(frame, future=future)
    assert f"{horizon} rows of series ['ghost'], which the model was not fitted on" in caplog.text
    lacking = future[(future.unique_id == "n") | ((future.unique_id == "w") & (future.ds != dates[0]))]
    with pytest.raises(RnncastError, match=rf"series-steps missing: 's' {horizon}, 'w' 1\)"):
        model.predict(frame, future=lacking)

