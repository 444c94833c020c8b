"""Each series' Diebold–Mariano test against each baseline, Holm-adjusted over the series (``seriestests.py``,
decision 2241): the pooled verdict's test, per station."""

from __future__ import annotations

import math

import numpy as np

from rnncast import seriestests, significance
from rnncast.comparison import holm
from rnncast.windowforecasts import WindowForecasts


def _panel(seed: int = 0) -> WindowForecasts:
    """Three series of 40 consecutive windows, horizon 1: the model is off by noise; the repeat baseline by more in
    series a and b, by the same amount in c."""
    rng = np.random.default_rng(seed)
    n = 40
    y = rng.normal(size=(3 * n, 1, 1))
    model = y + rng.normal(0, 1.0, y.shape)
    wider = np.repeat([3.0, 3.0, 1.0], n)[:, None, None]
    repeat = y + rng.normal(0, 1.0, y.shape) * wider
    return WindowForecasts(starts=np.tile(np.arange(n), 3), target_rows=np.tile(np.arange(n) + 5, 3), y_true=y,
                           y_pred=model, baselines={"repeat": repeat}, time=None, series=np.repeat([0, 1, 2], n),
                           ids=["a", "b", "c"])


def test_each_series_gets_the_pooled_tests_p_holm_adjusted_over_the_series():
    wf = _panel()
    series = {"a": {}, "b": {}, "c": {}}
    seriestests.attach(series, wf, ["a", "b", "c"])
    raw = [significance.diebold_mariano(wf.y_pred[s * 40:(s + 1) * 40] - wf.y_true[s * 40:(s + 1) * 40],
                                        wf.baselines["repeat"][s * 40:(s + 1) * 40] - wf.y_true[s * 40:(s + 1) * 40],
                                        1, np.arange(40))["p_value"] for s in range(3)]
    got = [series[k]["dm_p_holm_repeat"] for k in "abc"]
    assert np.allclose(got, holm(raw)) and got[0] < 0.05 and got[2] > got[0]
    assert all(g >= r for g, r in zip(got, raw))  # adjusted: never below the series' own p


def test_one_series_gets_none_and_a_series_without_a_test_is_nan():
    wf = _panel()
    one = WindowForecasts(wf.starts[:40], wf.target_rows[:40], wf.y_true[:40], wf.y_pred[:40],
                          {"repeat": wf.baselines["repeat"][:40]}, None, np.zeros(40, np.int64), ["a"])
    series = {"a": {}}
    seriestests.attach(series, one, ["a"])
    assert series == {"a": {}}
    flat = WindowForecasts(wf.starts, wf.target_rows, wf.y_true, wf.y_pred,
                           {"repeat": wf.y_pred.copy()}, None, wf.series, ["a", "b", "c"])  # never differs: no test
    series = {"a": {}, "b": {}, "c": {}}
    seriestests.attach(series, flat, ["a", "b", "c"])
    assert all(math.isnan(series[k]["dm_p_holm_repeat"]) for k in "abc")
