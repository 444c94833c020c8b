"""What explains a target's outlying value or short run as real (``spikecauses.py``): its rows' covariates and a
like peak a season apart, read on the training rows alone (decisions 1890, 1948, 2007)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import spikecauses
from rnncast.loading import load_panel


def test_what_explains_a_spike_is_read_on_the_training_rows_alone():
    """The like peak a season after a spike, and a covariate's usual value and lifts, were read on the whole series,
    the validation and test rows too, though ``find`` weighs the training rows alone (decision 1948)."""
    y = 60 + np.random.default_rng(0).normal(0, 10, 260)
    y[100], y[152] = 300, 130
    frame = pd.DataFrame({"date": pd.date_range("2020-01-05", periods=260, freq="W-SUN"), "close": y})
    panel = load_panel(frame, "close", time_col="date", announce=False)
    assert spikecauses.explained(panel, 0, 0, 100, season=52)[0].startswith("a like peak one season after it (130 at")
    assert spikecauses.explained(panel, 0, 0, 100, season=52, end=150) == []


def test_a_two_row_run_is_asked_what_explains_it_as_a_one_row_spike_is():
    """A promotion held two weeks, each season, or on two weeks flagged ``promo`` whose other promotion weeks rise
    too: a like peak a season apart, and promo=1, explain it (decision 2007), as they did a one-row spike; a run a
    season from no like run, with no covariate off its usual value, is explained by nothing."""
    y = 60 + np.random.default_rng(0).normal(0, 5, 260)
    y[100:102], y[152:154] = 300, 250  # two weeks, a season apart
    promo = np.zeros(260)
    promo[[30, 31, 100, 101, 200]] = 1
    y[[30, 31]] += 150
    frame = pd.DataFrame({"date": pd.date_range("2020-01-05", periods=260, freq="W-SUN"), "close": y,
                          "promo": promo})
    panel = load_panel(frame, "close", time_col="date", future_covariates=["promo"], announce=False)
    said = spikecauses.explained(panel, 0, 0, 100, season=52, end=200, rows=2)
    assert said[0] == "promo=1" and said[1].startswith("a like peak one season after it (250 at")
    assert spikecauses.explained(panel, 0, 0, 152, season=52, end=200, rows=2)[-1].startswith(
        "a like peak one season before it (300 at")
    alone = frame.assign(promo=0.0)
    alone.loc[152:153, "close"] = 60
    panel = load_panel(alone, "close", time_col="date", future_covariates=["promo"], announce=False)
    assert spikecauses.explained(panel, 0, 0, 100, season=52, end=200, rows=2) == []


def test_a_runs_height_is_over_the_rows_beside_it_one_side_at_an_end():
    y = np.array([10.0, 10.0, 50.0, 70.0, 10.0, 30.0])
    assert spikecauses.height(y, 2, 2) == 50.0 and spikecauses.height(y, 0, 1) == 0.0
    assert spikecauses.height(y, 5, 1) == 20.0 and spikecauses.height(y, 5, 2) == 0.0
