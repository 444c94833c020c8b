"""A backtest's result (``backtestresult.py``): the verdict, notes and hints it holds in words, and a repr of one
line (the cutoffs, series, horizon and the verdict in short), never the metrics dict."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster

H = TINY["horizon"]
K = 3  # windows


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)  # test_backtest.py's panel


def test_the_backtest_result_holds_the_verdict_notes_and_hints_and_reprs_in_a_line(frame):
    """A Python user found no verdict on the result (``dir``: cutoffs, figure, forecasts, metrics, panel;
    the metrics hold numbers only) and a repr of the whole metrics dict, thousands of characters."""
    from rnncast.runnotes import backtest_season_hint
    from rnncast.seasons import Season
    from rnncast.backtestverdict import backtest_test, backtest_verdict
    from rnncast.intervalverdict import pinball_verdict
    from rnncast.verdicts import headline

    result = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).backtest(frame, n_windows=K)
    m = result.metrics
    assert result.verdict.startswith(backtest_verdict(m)[1]) and "on the backtest windows" in result.verdict
    assert result.verdict.endswith(pinball_verdict(backtest_test(m), m["verdict_units"], "the backtest values"))
    assert "Its quantiles: mean pinball loss" in result.verdict  # beside the baselines' (intervalverdict)
    assert len(result.notes) == 1 and result.notes[0].startswith("Prediction intervals (quantiles [0.1, 0.5, 0.9]): 80% "
                                                                 "interval covers") and "of the backtest values" in result.notes[0]
    hint = backtest_season_hint(m)  # hourly data, season 1: the daily season was not weighed
    assert hint and result.hints == [hint] and "season=24, --season 24" in hint
    text = repr(result)
    short = headline(backtest_test(m), "scaled", season=Season(**m["implied_season"]))  # the figure's title line
    assert text == f"Backtest(3 cutoffs, 3 series, horizon {H}: {short})" and short.startswith("the model ")
    assert len(text) < 300  # not the metrics dict
    point = Forecaster(**{**TINY, "season": 24, "lookback": 24}).backtest(frame, n_windows=2, refit=True)
    assert point.notes == [] and point.verdict.startswith("The model does NOT beat the baselines")
    assert repr(point).startswith(f"Backtest(2 cutoffs, 3 series, horizon {H}, refit at every cutoff: the model ")
    # the seasonal naive forecast not beaten: the window_norm hint fit and evaluate give (runhints.seasonal_hint)
    assert point.hints == [point.said.hints[0]] and point.hints[0].startswith("hint: the seasonal naive forecast ")
    assert "window_norm='season', --window-norm season" in point.hints[0]
    started = Forecaster(**{**TINY, "season": 24, "lookback": 24, "window_norm": "season"}).backtest(frame, n_windows=2)
    assert started.hints == []  # the network already starts at the seasonal naive forecast


def test_by_step_is_metrics_by_step_as_a_table(frame):
    """Prophet's performance_metrics needed the JSON dug into (t37t7 2): ``Backtest.by_step`` is a row per step and
    forecaster, the model first, its scores metrics.json's, RMSE their MSE's root (decision 2002)."""
    import numpy as np

    result = Forecaster(**{**TINY, "epochs": 1}).backtest(frame, n_windows=K)
    table = result.by_step
    assert list(table.columns) == ["step", "forecaster", "mse", "mae", "rmse", "mase"]
    first = table[table["forecaster"] == "model"]
    assert list(first["step"]) == list(range(1, H + 1))
    assert list(first["mae"]) == pytest.approx([e["model"]["mae"] for e in result.metrics["by_step"]])
    assert np.allclose(table["rmse"] ** 2, table["mse"])
