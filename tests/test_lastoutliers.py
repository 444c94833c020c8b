"""An outlying last value a forecast is normalized by (``lastoutliers.py``): named at predict (decision 2270)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import lastoutliers
from rnncast.loading import load_panel


def _paid(last: float) -> pd.DataFrame:
    paid = np.random.default_rng(41).lognormal(np.log(36000), 0.3, 60)
    paid[-1] = last
    return pd.DataFrame({"month": pd.date_range("2021-01-01", periods=60, freq="MS"), "paid": paid})


def test_a_catastrophe_in_the_last_row_is_named_with_its_date_and_the_ways_out(caplog):
    panel = load_panel(_paid(2.39e6), "paid", time_col="month")
    assert [(s, j) for s, j, _ in lastoutliers.at_end(panel, 1)] == [(0, 0)]
    with caplog.at_level(logging.WARNING):
        lastoutliers.warn(panel, ["paid"], "last")
    said = caplog.text
    assert "2.39e+06" in said and "2025-12" in said and "window_norm 'last'" in said
    assert "--window-norm none or mean" in said and "blank it" in said


def test_a_usual_last_value_or_another_setting_says_nothing(caplog):
    with caplog.at_level(logging.WARNING):
        lastoutliers.warn(load_panel(_paid(37000.0), "paid", time_col="month"), ["paid"], "last")
        lastoutliers.warn(load_panel(_paid(2.39e6), "paid", time_col="month"), ["paid"], "none")
    assert "outlying" not in caplog.text
