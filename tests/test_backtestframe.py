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
    assert list(table.columns[:3]) == ["date", "cutoff", "window"]
    assert {"y", "y_hat", "y_q0.1", "y_q0.9", "y_repeat"} <= set(table.columns)
    dates, cutoffs = pd.to_datetime(table["date"]), pd.to_datetime(table["cutoff"])
    assert (dates > cutoffs).all() and (dates - cutoffs <= pd.Timedelta(days=3)).all()
    actual = frame.set_index("date")["y"].reindex(dates).to_numpy()
    assert np.allclose(table["y"].to_numpy(), actual, rtol=1e-6)
