"""An outage written as values (``outageruns.py``): a run of zeros in a series never else 0, or one repeated value
ending a moving series beyond its range, named at fit, evaluate, backtest and predict (decision 1925)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, metrics
from rnncast.loading import load_panel
from rnncast.noticed import said_once
from rnncast.outageruns import at_end, find, warn

N = 200


def _views(seed: int = 0, n: int = N) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return np.round(1000 * (1 + 0.3 * np.sin(2 * np.pi * t / 7)) * np.exp(rng.normal(0, 0.05, n)))


def _panel(**columns):
    dates = pd.date_range("2024-01-01", periods=N, freq="D")
    frame = pd.concat([pd.DataFrame({"unique_id": k, "date": dates, "y": v}) for k, v in columns.items()])
    return load_panel(frame, target="y", announce=False)


def test_a_week_of_zeros_inside_and_at_the_end_is_found_with_its_dates():
    inside, end = _views(0), _views(1)
    inside[100:107] = 0.0
    end[-7:] = 0.0
    found = find(_panel(a=inside, b=end))
    assert [(f["series"], f["rows"], f["start"], f["end"], f["at_end"]) for f in found] == [
        (0, 7, "2024-04-10", "2024-04-16", False), (1, 7, "2024-07-12", "2024-07-18", True)]
    assert found[1]["least"] == _views(1)[:-7].min()


@pytest.mark.parametrize("name, column", [
    ("two zeros in a row: a quiet day or two", np.r_[_views()[:100], 0.0, 0.0, _views()[102:]]),
    ("scattered zeros: 0 is one of its values", np.where(np.arange(N) % 9 == 0, 0.0, _views())),
    ("values below zero: 0 is a value", np.r_[_views()[:50] - 2000, np.zeros(7), _views()[57:]]),
    ("a moving series", _views()),
    ("closed every night: zeros that recur", np.where(np.arange(N) % 7 < 3, 0.0, _views())),
])
def test_zeros_that_are_the_series_own_values_are_left_alone(name, column):
    assert find(_panel(a=column)) == [], name


def test_a_repeated_value_ending_the_series_beyond_its_range_is_found_and_one_within_it_is_not():
    frozen, inside = _views(0), _views(1)
    frozen[-5:] = 5.0  # below every earlier value: an outage's stand-in
    inside[-5:] = np.median(inside)
    assert [(f["series"], f["value"], f["rows"]) for f in find(_panel(a=frozen, b=inside))] == [(0, 5.0, 5)]


def test_fit_names_the_outage_once(caplog):
    """t36t6: site02's week of 0s was learned and scored as traffic, said only inside the fill's and MAPE's lines."""
    y = _views()
    y[60:67] = 0.0
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=N, freq="D"), "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY).fit(frame, target="y")
    said = [r.getMessage() for r in caplog.records if "an outage" in r.getMessage()]
    train = y[: model.splits_[0].val_end]  # every row before the cutoff, as MASE's scale reads them (decision 2210)
    scale, rest = metrics.naive_scale(train), metrics.naive_scale(train, 1, ~((np.arange(len(train)) >= 60) &
                                                                              (np.arange(len(train)) < 67)))
    assert np.isclose(scale, np.ravel(model.mase_scales_)[0])  # the "with" figure is the scale MASE divides by
    assert scale > rest  # the two steps into and out of the run outweigh its six zero steps
    assert said == [f"column 'y' holds 7 values of 0 in a row (2024-03-01 to 2024-03-07), its other values "
                    f"{y[y > 0].min():.6g} to {y.max():.6g}, never 0: an outage (a tracking tag or feed down) written "
                    "as values? The network learns from them, and the scores count them as actuals where they are "
                    f"scored; they raise the series' MASE scale {scale / rest:.2f} times ({scale:.6g} with their "
                    f"pairs, {rest:.6g} without), so its MASE reads lower; if they are not measurements, leave the "
                    "cells blank and fill them (--fill interpolate), or cut the stretch out"]  # decision 2162


def test_the_scale_clause_says_a_lowered_scale_and_nothing_after_the_cutoff():
    """t40-t5 3 (decision 2162): the refurbishment's 0s raised S015's scale 1.68 times, unsaid; a run whose pairs are
    calmer than the rest lowers it, and one after the training rows leaves it as it is."""
    from types import SimpleNamespace

    from rnncast.outageruns import scale_clause

    y = _views()
    y[100:130] = 0.0
    panel = _panel(a=y)
    f = find(panel)[0]
    lowered = scale_clause(panel, f, [SimpleNamespace(val_end=150)], 1)  # 29 steps of 0 to 0: calmer than the rest
    assert lowered.startswith("; they lower the series' MASE scale to 0.") and lowered.endswith("reads higher")
    assert scale_clause(panel, f, [SimpleNamespace(val_end=150)], 7).startswith("; they raise")  # 0 against a week
    assert scale_clause(panel, f, [SimpleNamespace(val_end=100)], 7) == ""  # the run after the cutoff
    assert scale_clause(panel, f, None, 7) == ""  # evaluate, backtest: no split given


def test_predict_names_the_outage_its_input_ends_in_and_the_cause_it_returns(caplog):
    """t36t6: site05's last 7 days of 0 gave a collapsed forecast, and the only line advised clipping at 0."""
    y = _views()
    y[-7:] = 0.0
    frame = pd.DataFrame({"unique_id": "site05", "date": pd.date_range("2024-01-01", periods=N, freq="D"), "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        cause = at_end(load_panel(frame, target="y", announce=False), 1)
    assert cause == "the 7 values of 0 of series 'site05' its input ends in"
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith("column 'y' of series 'site05' ends in 7 values of 0 in a row (2024-07-12 to 2024-07-18)")
    assert "The forecast starts from them, so it forecasts from an outage" in line


def test_one_named_by_the_stuck_run_check_is_not_said_again_but_still_the_cause(caplog):
    y = _views()
    y[-7:] = 0.0
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert at_end(_panel(a=y), 1, {(0, 0)}) is not None
    assert not caplog.records


def test_warn_says_the_first_and_counts_the_others_once(caplog):
    a, b = _views(0), _views(1)
    a[10:15], b[20:30] = 0.0, 0.0
    panel = _panel(a=a, b=b)
    with caplog.at_level(logging.WARNING, logger="rnncast"), said_once():
        warn(panel, find(panel), "evaluate")
        warn(panel, find(panel), "evaluate")
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith("column 'y' of series 'a' holds 5 values of 0 in a row (2024-01-11 to 2024-01-15)")
    assert "; so do 1 other run (of this or other series): " in line and "The scores count them" in line


def test_zeros_before_a_series_first_reading_are_a_launch_to_start_after_not_to_fill(caplog):
    """t37t1 5 (decision 1991): 60 days of 0 before a product's first sale were called an outage and advised
    --fill interpolate, which writes 60 copies of the first sale; a run at the series' start is said as before its
    first non-zero value, with the row to start at; an outage inside keeps its advice."""
    launch, inside = _views(0), _views(1)
    launch[:40], inside[100:107] = 0.0, 0.0
    panel = _panel(a=launch, b=inside)
    found = find(panel)
    assert [(f["at_start"], f["resumes"]) for f in found] == [(True, "2024-02-10"), (False, "2024-04-17")]
    with caplog.at_level(logging.WARNING, logger="rnncast"), said_once():
        warn(panel, found)
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith("column 'y' of series 'a' begins with 40 values of 0 in a row (2024-01-01 to 2024-02-09)")
    assert ("never 0: before the series' first non-zero value (not launched yet?). The network learns from them, and "
            "the scores count them as actuals where they are scored; start the series at its first non-zero row "
            "(2024-02-10) rather than fill them, which would repeat that value; 1 other run too (of this or other "
            "series): cut out those at a series' start, and leave the others blank and fill them") in line
    caplog.clear()
    panel = _panel(b=inside)  # an outage inside: its own advice
    with caplog.at_level(logging.WARNING, logger="rnncast"), said_once():
        warn(panel, find(panel))
    assert "an outage (a tracking tag or feed down)" in caplog.records[0].getMessage()


def test_a_final_fit_that_scores_nothing_says_the_network_learns_them_not_that_scores_count_them(caplog):
    """Decision 2159: a final fit (test_frac 0, val_frac 0) scores nothing, yet its line said "the scores count them
    as actuals where they are scored"; a fit with validation rows, which it scores, keeps it."""
    y = _views()
    y[60:67] = 0.0
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=N, freq="D"), "y": y})
    for val_frac, scored in ((0.0, False), (0.1, True)):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            Forecaster(**{**TINY, "epochs": 1}, test_frac=0, val_frac=val_frac).fit(frame, target="y")
        [line] = [r.getMessage() for r in caplog.records if "an outage" in r.getMessage()]
        assert ("scores" in line) is scored
        assert ("written as values? The network learns them as actuals; if they are not measurements, leave the "
                "cells blank" in line) is not scored


def test_weeks_of_zeros_are_said_closed_or_not_recorded_and_a_week_an_outage(caplog):
    """t41-t6 (decision 2251): an 88-day closure written as 0 was "an outage" here and "a stuck sensor" in stuckruns'
    line; weeks of 0s in a column far from 0 read as a closure in both."""
    weeks, week = _views(0), _views(1)
    weeks[100:128], week[100:107] = 0.0, 0.0
    for column, words in ((weeks, "closed or not recorded (a closure, or an outage"), (week, "an outage (a tracking")):
        panel = _panel(a=column)
        with caplog.at_level(logging.WARNING, logger="rnncast"), said_once():
            assert words in warn(panel, find(panel), "evaluate")
