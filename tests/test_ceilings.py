"""Forecasts above the largest value their series took before them, where the data keep reaching it (a capacity):
counted per column and said in one warning (``ceilings.py``, decision 1981)."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd

from rnncast import ceilings, negatives
from rnncast.loading import load_panel


def _panel():
    """Two plants in long form: 'A' clipped at 5 on many hours, 'B' growing, its top set once."""
    bars = pd.date_range("2025-06-01", periods=48, freq="h")
    a = np.minimum(6 * np.abs(np.sin(np.arange(48) / 4)), 5.0)
    b = np.arange(48, dtype=float)
    frame = pd.concat([pd.DataFrame({"id": "A", "ds": bars, "y": a}), pd.DataFrame({"id": "B", "ds": bars, "y": b})])
    return load_panel(frame, "y", id_col="id", announce=False)


def test_a_top_is_a_bound_only_where_the_series_keeps_reaching_it():
    panel = _panel()
    top = ceilings.tops(panel, np.array([0, 0, 1]), np.array([40, 44, 40]))
    assert top[:2, 0].tolist() == [5.0, 5.0] and np.isnan(top[2, 0])  # B grows: its top is no bound
    assert np.isnan(ceilings.tops(panel, np.array([0]), np.array([2]))[0, 0])  # no rows held it before the window


def test_forecasts_above_a_capacity_are_counted_per_column_and_said():
    """t37t5: 41 of the model's 0.9 quantiles above a 5 MW plant's 5.0 (5.0199 the furthest), and the "repeat" baseline
    at 1.52 times capacity, went unsaid."""
    q = np.zeros((4, 3, 1, 3))
    q[..., 0], q[..., 1], q[..., 2] = 3.0, 4.0, 4.9
    q[0, 1, 0, 2], q[2, 0, 0, 2] = 5.0199, 5.01
    q[1, 2, 0, 2] = 5.0 * (1 + 1e-7)  # float32 rounding of the cap: not above it
    top = np.full((4, 1), 5.0)
    said = ceilings.above(q, top, ["y"], ["A", "A", "C", "A"], "test", (0.1, 0.5, 0.9),
                          baselines={"repeat": np.full((4, 3, 1), 7.5), "mean": np.full((4, 3, 1), 2.0)})
    assert said.startswith("2 of the 12 test 0.9 quantiles ('y_q0.9') are above their series' largest value before "
                           "them (the furthest 5.0199 of series 'A', whose values reach 5 again and again and never "
                           "pass it; in 2 series: 'A', 'C'); so are the baselines' 'repeat' 12 values (the furthest 7.5)")
    assert "a capacity, a bound the target cannot pass?" in said and "The scores are of the forecasts as made" in said
    assert "'mean'" not in said
    middle = q.copy()
    middle[0, 0, 0, 1] = 5.5  # the median above it too: the point forecast, named by both its columns
    both = ceilings.above(middle, top, ["y"], ["A"] * 4, "test", (0.1, 0.5, 0.9))
    assert both.startswith("1 of the 12 test point forecasts ('y_hat', 'y_q0.5'), 2 of the 12 test 0.9 quantiles")
    assert "(forecast[['y_hat', 'y_q0.5', 'y_q0.9']].clip(upper=...))" in both  # both columns, as below_zero says
    assert ceilings.above(q, np.full((4, 1), np.nan), ["y"], ["A"] * 4, "test", (0.1, 0.5, 0.9)) is None
    assert ceilings.above(q, np.full((4, 1), 6.0), ["y"], ["A"] * 4, "test", (0.1, 0.5, 0.9)) is None
    point = ceilings.above(np.full((1, 2, 1), 5.5), top[:1], ["y"], [None], "", point="")
    assert point.startswith("2 of the 2 point forecasts ('y') are above") and "of series" not in point
    assert "The scores" not in point  # predict's: written, not scored


def test_counts_are_written_as_the_below_zero_warning_beside_it_writes_them():
    """t38t1 11 (decision 2057): "806 of the 9264 test forecasts ... are below zero" stood next to "5,827 of the
    9,264 test 0.9 quantiles": both now write counts without thousands separators, as most of the messages do."""
    q = np.full((1158, 8, 1, 3), 4.0)
    q[..., 2] = 5.5  # every 0.9 quantile above the cap of 5
    said = ceilings.above(q, np.full((1158, 1), 5.0), ["y"], ["A"] * 1158, "test", (0.1, 0.5, 0.9),
                          baselines={"repeat": np.full((1158, 8, 1), 7.5)})
    assert said.startswith("9264 of the 9264 test 0.9 quantiles") and "'repeat' 9264 values" in said
    assert "9,264" not in said


def test_evaluate_s_check_of_the_forecasts_says_both_bounds(caplog):
    panel = _panel()
    state = SimpleNamespace(layout="long", targets=["y"], settings=SimpleNamespace(model=SimpleNamespace(
        quantiles=(), nonnegative=False)), value_ranges=None)
    made = np.full((2, 3, 1), 5.2)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        negatives.of_panel(state, panel, made, np.array([0, 1]), "test", first=np.array([40, 40]))
    assert "3 of the 6 test point forecasts ('y_hat') are above their series' largest value" in caplog.text
    assert "in 1 series: 'A'" in caplog.text  # B's top is no bound
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"), negatives.quiet():  # a part whose page said them
        negatives.of_panel(state, panel, made, np.array([0, 1]), "val", first=np.array([40, 40]))
    assert "above their" not in caplog.text


def _exchange():
    """Like LTSF Exchange's column '4': its training top, 0.211265, on 3 rows but 2 visits (two days in a row, then
    one), and the test's actuals pass it (0.2379)."""
    values = 0.2 + 0.005 * np.sin(np.arange(60) / 3)
    values[[10, 11, 30]] = 0.211265
    values[48:] = np.linspace(0.212, 0.2379, 12)
    frame = pd.DataFrame({"date": pd.date_range("1990-01-01", periods=60, freq="D"), "4": values})
    return load_panel(frame, "4", announce=False), values


def test_a_top_counts_separate_visits_not_rows_and_is_no_bound_where_the_actuals_pass_it(caplog):
    """r37r2 2: Exchange's '4' reached 0.211265 on 3 rows (two of them one visit) and its test actuals reached 0.2379;
    fit warned that the forecasts, and the 'repeat' baseline's (actuals themselves), passed a capacity (decision 2013)."""
    panel, values = _exchange()
    assert np.isnan(ceilings.tops(panel, np.array([0]), np.array([48]))[0, 0])  # 2 visits: no bound
    values[[10, 30, 40]] = 0.211265  # 3 visits: a bound, but for actuals that pass it
    frame = pd.DataFrame({"date": pd.date_range("1990-01-01", periods=60, freq="D"), "4": values})
    panel = load_panel(frame, "4", announce=False)
    starts = np.array([48, 52])
    actuals = np.stack([values[s:s + 4] for s in starts])[:, :, None]  # [W, H, T]
    assert ceilings.tops(panel, np.array([0, 0]), starts)[:, 0].tolist() == [0.211265] * 2  # predict: visits only
    assert np.isnan(ceilings.tops(panel, np.array([0, 0]), starts, 1, actuals)).all()  # the data pass it
    state = SimpleNamespace(layout="single", targets=["4"], settings=SimpleNamespace(model=SimpleNamespace(
        quantiles=(), nonnegative=False)), value_ranges=None)
    with caplog.at_level(logging.WARNING, logger="rnncast"):  # a perfect forecaster: its forecasts are the actuals
        negatives.of_panel(state, panel, actuals, np.array([0, 0]), "test", first=starts, actuals=actuals)
    assert "above their" not in caplog.text


def test_a_top_is_a_bound_only_where_the_values_pile_up_at_it_not_a_count_s_tail():
    """t39t2 4: an M5-like item's counts {0: 65, 1: 101, 2: 96, 3: 58, 4: 21, 5: 15, 6: 13, 7: 3} reach 7 on 3
    separate days, and fit warned that its 0.995 quantiles passed "a capacity" and asked to clip them at 7: a count's
    tail, not a pile-up. A top is a bound where it holds at least twice the rows of each value just below it, on
    average (decision 2115)."""
    counts = np.repeat(np.arange(8.0), [65, 101, 96, 58, 21, 15, 13, 3])
    item = np.random.default_rng(0).permutation(counts)
    assert not ceilings.piled(item)
    pois = np.random.default_rng(5).poisson(2.0, 500).astype(float)  # the tester's pois.csv: 7 on 4 days, 6 on 1
    assert pois.max() == 7 and (pois == 7).sum() == 4 and not ceilings.piled(pois)
    capped = np.minimum(np.random.default_rng(1).poisson(20.0, 372), 22).astype(float)  # a shelf of 22
    assert ceilings.piled(capped)
    solar = np.minimum(6 * np.abs(np.sin(np.arange(40) / 4)), 5.0)  # 5.0 on 14 hours, each value below on 1
    assert ceilings.piled(solar) and not ceilings.piled(np.r_[solar[:12], np.zeros(28)])  # one visit
    frame = pd.DataFrame({"id": np.repeat(["item", "shelf"], 372),
                          "ds": np.tile(pd.date_range("2015-01-01", periods=372, freq="D"), 2),
                          "y": np.r_[item, capped]})
    panel = load_panel(frame, "y", id_col="id", announce=False)
    top = ceilings.tops(panel, np.array([0, 1]), np.array([300, 300]))
    assert np.isnan(top[0, 0]) and top[1, 0] == 22.0
