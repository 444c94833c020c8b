"""The seasonal naive forecast of the calendar's shorter cycle beside a verdict on a longer season
(``shortercycle.py``, decision 1926)."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster
from rnncast.loading import load_panel
from rnncast.shortercycle import naive, pairs, shorter


def _daily(n: int = 240, seed: int = 0, freq: str = "D") -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    y = 100 + 40 * (t % 7 >= 5) + rng.normal(0, 1, n)  # a weekend step every week, little else
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq=freq), "y": y})


def test_the_shorter_cycle_is_the_calendars_own_where_the_season_is_longer():
    days = load_panel(_daily(), target="y", announce=False).calendar
    hours = load_panel(_daily(freq="h"), target="y", announce=False).calendar
    assert shorter(days, 365).steps == 7 and shorter(hours, 168).steps == 24
    assert shorter(days, 7) is None and shorter(days, 1) is None and shorter(hours, 24) is None


def test_the_naive_repeats_the_steps_before_each_windows_first_target_of_its_own_series():
    values = np.arange(20.0)[:, None]  # two series of 10 rows: 0..9 and 10..19
    wf = SimpleNamespace(y_true=np.zeros((2, 4, 1)), series=np.array([0, 1]), target_rows=np.array([5, 2]))
    out = naive(values, np.array([0, 10, 20]), wf, 3)
    assert out[0, :, 0].tolist() == [2.0, 3.0, 4.0, 2.0]  # rows 2, 3, 4 of series 0, repeated
    assert np.isnan(out[1]).all()  # two rows before its first target: fewer than 3


def test_pairs_counts_the_training_differences_one_season_apart():
    assert pairs([767], 365, ["a"]) == "402 pairs of training values 365 steps apart"
    assert pairs([767, 500], 365, ["a", "b"]) == ("537 pairs of training values 365 steps apart over 2 series, the "
                                                  "fewest 135 (of 'b')")


def test_pairs_reads_the_counts_fit_kept_where_there_are_some():
    """The kept count (calendar pairs of every observed row before the cutoff) is the few-pairs warning's, not rows
    minus the season (decision 2206)."""
    assert pairs([767, 500], 365, ["a", "b"], kept=[400, 9]) == ("409 pairs of values before the cutoff 365 steps "
                                                                 "apart over 2 series, the fewest 9 (of 'b')")


def test_evaluate_with_a_longer_season_says_the_weekly_naive_the_model_does_not_beat(caplog):
    """t36t6: one network NOT beating the baselines at season 7 was "lower than every baseline's" at season 365."""
    frame = _daily()
    model = Forecaster(**{**TINY, "epochs": 1}, season=28).fit(frame, target="y")
    with caplog.at_level(logging.INFO, logger="rnncast.shortercycle"):
        model.evaluate(frame)
    [line] = [r for r in caplog.records if r.name == "rnncast.shortercycle"]
    text = line.getMessage()
    assert text.startswith("season 28 is given, so the seasonal naive baseline repeats the values 28 steps before; the "
                           "calendar's shorter cycle (7 days in a week) is not among the baselines the verdict weighs: "
                           "its seasonal naive forecast (the last 7 steps, repeated) has MSE ")
    assert line.levelno == logging.WARNING and "the model does NOT beat repeating the last 7 steps" in text
    assert "; MASE (season 28) divides by the mean absolute change over " in text and text.endswith(
        "; give --season 7 to weigh it")
    assert f"over {int(model.mase_pairs_[0, 0])} pairs of values before the cutoff 28 steps apart" in text  # 2206


def test_the_naive_reads_the_cycle_in_calendar_steps_where_dates_are_missing():
    """Decision 2027: rows at steps 0..11 less 4 and 5, a cycle of 3: the window whose last input is row 4 (step 6)
    forecasts steps 7, 8, 9 from 4, 5 (missing: none) and 6, where 3 rows back read steps 2, 3 and 6, another time
    of the cycle; the one whose last input is row 5 (step 7) forecasts 8, 9, 10 from 5 (none), 6 and 7; one with 2
    steps before its first target has none."""
    own = np.setdiff1d(np.arange(12), [4, 5])
    values = (own * 10.0)[:, None]  # each row's value is its step x 10
    wf = SimpleNamespace(y_true=np.zeros((3, 3, 1)), series=None, target_rows=np.array([5, 6, 2]))
    out = naive(values, np.array([0, len(own)]), wf, 3, {0: (own, None)})
    np.testing.assert_array_equal(out[..., 0], [[np.nan, np.nan, 60.0], [np.nan, 60.0, 70.0], [np.nan] * 3])
    rows = naive(values, np.array([0, len(own)]), wf, 3)  # no calendar: by rows, as before
    np.testing.assert_array_equal(rows[..., 0], [[20.0, 30.0, 60.0], [30.0, 60.0, 70.0], [np.nan] * 3])


def test_evaluate_scores_the_weekly_naive_by_date_on_the_values_it_has_where_dates_are_missing(caplog):
    """Decision 2027: a daily file with five dates missing in its test split, season 28: the weekly naive was read 7
    rows back, another weekday after each missing date; it now reads the same weekday a week back, has no forecast
    where that date is missing, and its MSE and the model's rest on the values it has, as pandas pairs them by date."""
    frame = _daily(240).drop(index=[200, 205, 215, 216, 230])
    model = Forecaster(**{**TINY, "epochs": 1}, season=28).fit(frame, target="y")
    with caplog.at_level(logging.INFO, logger="rnncast.shortercycle"):
        found = model.part_forecasts(frame, part="test")
    [line] = [r.getMessage() for r in caplog.records if r.name == "rnncast.shortercycle"]
    wf, y = found.original, frame.set_index("date")["y"]
    naive_errors, model_errors, missing = [], [], 0
    for w, first in enumerate(wf.target_rows):
        for h in range(wf.y_true.shape[1]):
            date = y.index[first - 1] + pd.Timedelta(days=h + 1)
            if date not in y.index:
                continue
            if date - pd.Timedelta(days=7) not in y.index:
                missing += 1
                continue
            naive_errors.append((y[date] - y[date - pd.Timedelta(days=7)]) ** 2)
            model_errors.append((y[date] - wf.y_pred[w, h, 0]) ** 2)
    assert missing and f"has MSE {np.mean(naive_errors):.4g} on the test split against the model's " \
        f"{np.mean(model_errors):.4g} (on the {len(naive_errors)} of the {len(naive_errors) + missing} values scored it " \
        f"has a forecast for: the step 7 calendar steps before each of the other {missing} is missing from the data)" in line
