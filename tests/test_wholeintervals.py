"""Central intervals of count data that hold no whole number (``wholeintervals.py``): counted per interval width,
the worst series named, said beside the intervals' coverage with the outward rounding (t39t2 3, decision 2141)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import Forecaster
from rnncast.wholeintervals import KEY, beside, counting, empty, measure, note, record
from rnncast.windowforecasts import WindowForecasts

LEVELS = (0.165, 0.25, 0.5, 0.75, 0.835)


class Rows:
    """A panel as ``counting`` and ``record`` read it: each series' rows, their number, their ids."""

    def __init__(self, *series):
        self.series = [np.asarray(s, dtype=float).reshape(len(s), -1) for s in series]
        self.n_series = len(series)

    def rows(self, s):
        return self.series[s]

    def given_id(self, s):
        return f"item{s}"


def forecasts(bands, series, y_true=None, filled=None) -> WindowForecasts:
    """Windows of 4 steps and one target 'sales' whose quantiles at ``LEVELS`` are ``bands`` [W, 5] at every step."""
    bands = np.asarray(bands, dtype=float)
    w = len(bands)
    quantiles = np.repeat(bands[:, None, None, :], 4, axis=1)
    y_true = np.zeros((w, 4, 1)) if y_true is None else y_true
    return WindowForecasts(np.zeros(w, np.int64), np.full(w, 10), y_true, quantiles[..., 2], {}, None,
                           series=np.asarray(series), quantiles=quantiles, levels=LEVELS, targets=["sales"],
                           filled=filled)


def test_an_interval_between_two_whole_numbers_holds_none_one_on_a_whole_number_to_float32_does():
    assert empty(np.array([0.05, 0.0, 0.4, 2.0000001, 1.9999999, 0.2]),
                 np.array([0.40, 0.3, 1.0, 2.6, 1.9999999, np.nan])).tolist() == [True, False, False, False, False,
                                                                                    False]


def test_count_targets_are_told_by_the_rows_before_the_forecasts():
    panel = Rows([0, 1, 3, 0, 2.5], [2, 0, 1, 1, 1])
    assert counting(panel, [0, 1], [4, 5], 1) == [True]  # 2.5 is after series 0's first target row
    assert counting(panel, [0, 1], [5, 5], 1) == [False]
    assert counting(Rows([0, -1, 2]), [0], [3], 1) == [False]  # below zero: no count
    assert counting(Rows([np.nan, np.nan]), [0], [2], 1) == [False]  # no value: nothing told


def test_empty_intervals_are_counted_per_width_with_the_worst_series():
    # windows 0, 1 of series 0 (intermittent): 50% [0.05, 0.4] empty, 67% [0.001, 0.63] empty, then one that holds 0
    bands = [[0.001, 0.05, 0.1, 0.4, 0.63], [0.001, 0.05, 0.1, 0.4, 0.63], [0.0, 0.05, 0.1, 0.4, 0.63],
             [17.0, 18.2, 20.0, 21.4, 23.0]]  # a fast mover's 50% [18.2, 21.4] holds 19, 20, 21
    wf = forecasts(bands, [0, 0, 0, 1])
    found = measure(wf, [True], lambda s: f"series 'item{s}'")
    assert found == [{"target": "sales", "intervals": [
        {"width": "50", "lower": 0.25, "upper": 0.75, "empty": 12, "of": 16, "series": 1},
        {"width": "67", "lower": 0.165, "upper": 0.835, "empty": 8, "of": 16, "series": 1}],
        "worst": {"name": "series 'item0'", "values": 12, "empty": {"50": 12, "67": 8}}}]
    assert measure(wf, [False], str) is None  # not count data: nothing said
    filled = np.zeros((4, 4, 1), bool)
    filled[0] = True  # a value fill made is not scored, nor counted here
    assert measure(forecasts(bands, [0, 0, 0, 1], filled=filled), [True], str)[0]["intervals"][0]["empty"] == 8
    point = forecasts(bands, [0, 0, 0, 1])
    assert measure(WindowForecasts(point.starts, point.target_rows, point.y_true, point.y_pred, {}, None,
                                   series=point.series), [True], str) is None  # a point model


def test_the_note_names_the_counts_the_worst_series_and_the_outward_rounding_beside_the_coverage():
    bands = [[0.001, 0.05, 0.1, 0.4, 0.63]] * 3 + [[17.0, 18.2, 20.0, 21.4, 23.0]]
    panel = Rows([0, 1, 0, 2] * 3, [20, 18, 22] * 4)
    said = record({"text": "scored 4 windows"}, panel, forecasts(bands, [0, 0, 0, 1]))
    assert said["text"] == "scored 4 windows" and said[KEY][0]["worst"]["name"] == "series 'item0'"
    assert record(None, Rows([0.5, 1, 2]), forecasts(bands[:1], [0])) is None  # not whole: as given
    text = beside("Prediction intervals (...): 50% interval covers 50.00% of the test values.", said)
    assert text == (
        "Prediction intervals (...): 50% interval covers 50.00% of the test values. Of the 16 test values, 12 50% "
        "intervals (in 1 series) and 12 67% intervals (in 1 series) hold no whole number, where every 'sales' value "
        "before them is one: they cover no value a count can take, whatever happens, and the coverage above hides "
        "it; the most in series 'item0': 12 of its 12 50% intervals and 12 of its 12 67% intervals. For intervals of "
        "whole numbers, round the bounds outward (forecast[['sales_q0.165', 'sales_q0.25']].apply(np.floor), "
        "forecast[['sales_q0.75', 'sales_q0.835']].apply(np.ceil)); no setting does, and the scores are of the "
        "bounds as made.")
    assert beside(None, said) is None and beside("x.", {"text": "t"}) == "x."
    one = record(None, Rows([0, 1, 0, 2] * 3), forecasts(bands[:1], [0]))
    assert note(one[KEY], values="the backtest values").startswith(
        " Of the 4 backtest values, 4 50% intervals and 4 67% intervals hold no whole number")
    assert "the most in" not in note(one[KEY])  # one series: none to name


def test_a_fit_on_intermittent_counts_says_it_beside_the_intervals_and_keeps_it_in_its_scores():
    rng = np.random.default_rng(0)
    frames = [pd.DataFrame({"id": name, "t": np.arange(160), "sales": rng.poisson(lam, 160).astype(float)})
              for name, lam in (("slow", 0.15), ("fast", 20.0))]
    model = Forecaster(lookback=14, horizon=7, epochs=1, hidden_size=4, quantiles=[0.4, 0.5, 0.6], seed=0,
                       max_batches=2)
    model.fit(pd.concat(frames), target="sales", id_col="id", time_col="t")
    result = model.evaluate(pd.concat(frames))
    found = result["scored"][KEY][0]
    assert found["intervals"][0]["width"] == "20" and found["worst"]["name"] == "series 'slow'"
    assert any("hold no whole number" in line and "interval covers" in line for line in result["notes"])
