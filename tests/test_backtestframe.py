"""A backtest's forecasts as a table (``backtestframe.py``): a row per series, window and step, each forecaster's
column beside the actual value, each cutoff the last row its window reads. The backtests that write it are
tests/test_backtest.py."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY, make_frame
from rnncast import Forecaster


def test_each_row_is_a_series_window_and_step_with_its_cutoff_before_it():
    frame = make_frame(200, freq="D")
    result = Forecaster(**{**TINY, "horizon": 3, "quantiles": (0.1, 0.5, 0.9)}).backtest(frame, target="y", n_windows=2)
    table = result.forecasts
    assert len(table) == 2 * 3
    assert list(table.columns[:4]) == ["date", "cutoff", "window", "step_ahead"]  # by_step's lead (decision 1726)
    assert table["step_ahead"].tolist() == [1, 2, 3, 1, 2, 3]
    assert {"y", "y_hat", "y_q0.1", "y_q0.9", "y_repeat"} <= set(table.columns)
    dates, cutoffs = pd.to_datetime(table["date"]), pd.to_datetime(table["cutoff"])
    assert (dates > cutoffs).all() and (dates - cutoffs <= pd.Timedelta(days=3)).all()
    actual = frame.set_index("date")["y"].reindex(dates).to_numpy()
    assert np.allclose(table["y"].to_numpy(), actual, rtol=1e-6)


def test_the_actuals_zero_fill_wrote_are_marked_apart_from_those_left_out():
    """fill='zero' writes an observed 0, scored, so `<target>_filled` (made, not scored) was False there and a planner
    read the forecasts as "nothing filled". `<target>_zero_filled` now marks them; `_filled` keeps its one meaning."""
    import warnings

    rng = np.random.default_rng(0)
    y = rng.poisson(3, 80).astype(float) + 1
    y[[74, 77]] = np.nan
    y[76] = 0.0  # an observed 0: not marked
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=80, freq="D"), "y": y})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = Forecaster(lookback=5, horizon=2, epochs=1, hidden_size=4, seed=0, fill="zero").backtest(
            frame, target="y", n_windows=4, step=2)
    table = result.forecasts
    made = table["date"].isin(pd.to_datetime(["2024-03-15", "2024-03-18"]))
    assert made.any() and (table["y_zero_filled"] == made).all() and not table["y_filled"].any()
    assert (table.loc[made, "y"] == 0).all() and (table.loc[table["date"] == "2024-03-17", "y"] == 0).all()
