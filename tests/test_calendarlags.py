"""A season counted in calendar steps where rows are missing from a known calendar (``calendarlags.py``): MASE's
in-sample scale pairs values a season of steps apart, and the seasonal naive values read from another time of the
season are counted (decision 1885); since decision 1966 the values it has none for, the step a season back missing. A tester found the scale of an hourly series with 3 training hours missing 12 %
too large (2.5038: 24 rows back, against 2.2267: 24 hours back), every MASE of the run 11 % too low."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import metrics
from rnncast.calendarlags import clause, scale


def test_rows_that_are_consecutive_steps_are_scaled_by_rows_to_the_bit():
    rng = np.random.default_rng(0)
    y = rng.normal(size=80)
    seen = rng.random(80) > 0.1
    for season in (1, 7, 24):
        assert scale(y, np.arange(5, 85), season) == metrics.naive_scale(y, season)
        assert scale(y, None, season, seen) == metrics.naive_scale(y, season, seen)
        assert scale(y, np.arange(80), season, seen) == metrics.naive_scale(y, season, seen)


def test_values_are_paired_a_season_of_calendar_steps_apart_a_missing_partner_left_out():
    rng = np.random.default_rng(1)
    full = rng.normal(size=100)  # a value at every step of the calendar
    gone = np.array([30, 31, 32, 70])
    steps = np.setdiff1d(np.arange(100), gone)  # the rows the data holds
    pairs = [abs(full[p] - full[p - 24]) for p in range(24, 100) if p not in gone and p - 24 not in gone]
    assert scale(full[steps], steps, 24) == pytest.approx(np.mean(pairs), rel=1e-12)
    assert scale(full[steps], steps, 24) != pytest.approx(metrics.naive_scale(full[steps], 24))  # the rows' lag
    seen = np.ones(len(steps), bool)
    seen[np.searchsorted(steps, 50)] = False  # a value fill made: its pairs left out too
    made = [abs(full[p] - full[p - 24]) for p in range(24, 100)
            if not {p, p - 24} & {30, 31, 32, 70, 50}]
    assert scale(full[steps], steps, 24, seen) == pytest.approx(np.mean(made), rel=1e-12)
    assert np.isnan(scale(full[[0, 1, 30]], np.array([0, 1, 30]), 24))  # no pair a season apart


def test_the_clause_says_the_count_and_what_the_scale_pairs():
    said = clause(12, 823, 24, "validation and test steps with an actual")
    assert said.startswith("; the seasonal naive baseline reads the same time a season (24 calendar steps) back, which "
                           "the data lacks for 12 of the 823 validation and test steps with an actual: it has no "
                           "forecast there")  # decision 1966: no longer another time of the season
    assert "MASE's scale pairs the training values 24 calendar steps apart" in said
    assert clause(0, 823, 24) == ""


def test_rows_on_one_fixed_step_are_not_walked_and_rows_missing_from_it_are_placed():
    import pandas as pd

    from rnncast.calendarlags import placed
    from rnncast.loading import load_panel

    frame = pd.DataFrame({"date": pd.date_range("2024-03-01", periods=60, freq="h"), "y": np.arange(60.0)})
    assert placed(load_panel(frame, "y", time_col="date", announce=False)) == {}  # its rows are its steps
    gapped = load_panel(frame.drop(index=[10, 11]), "y", time_col="date", announce=False)
    np.testing.assert_array_equal(placed(gapped)[0][0], np.setdiff1d(np.arange(60), [10, 11]))
    business = frame.assign(date=pd.bdate_range("2024-03-01", periods=60)).drop(index=[10])  # walked: no Tick
    np.testing.assert_array_equal(placed(load_panel(business, "y", time_col="date", announce=False))[0][0],
                                  np.setdiff1d(np.arange(60), [10]))


def test_no_calendar_is_walked_where_no_step_is_missing_days_weeks_and_months_too(monkeypatch):
    """Under pandas 3 a day is no longer a fixed ``Tick``: the "rows on one fixed step" check walked every series of a
    gap-free daily panel (and of every B, W-SUN, MS one), at each refit cutoff. Each series' row count is now set
    against its calendar's periods from its first row to its last (decision 1951); a missing day is placed."""
    import pandas as pd

    from rnncast import calendarcuts
    from rnncast.calendarlags import consecutive, placed
    from rnncast.loading import load_panel

    walks = []
    real = calendarcuts.placed_series
    monkeypatch.setattr(calendarcuts, "placed_series", lambda panel: walks.append(1) or real(panel))
    for freq in ("D", "B", "W-SUN", "MS", "h"):
        for tz in (None, "Europe/Berlin"):
            frame = pd.DataFrame({"id": np.repeat(["a", "b"], 40), "y": np.arange(80.0),
                                  "date": np.r_[pd.date_range("2024-01-01", periods=40, freq=freq, tz=tz),
                                                pd.date_range("2024-02-05", periods=40, freq=freq, tz=tz)]})
            panel = load_panel(frame, "y", time_col="date", id_col="id", announce=False)
            assert consecutive(panel) and placed(panel) == {}, (freq, tz)
            gapped = load_panel(frame.drop(index=[52]), "y", time_col="date", id_col="id", announce=False)
            assert not consecutive(gapped), (freq, tz)
            np.testing.assert_array_equal(placed(gapped)[1][0], np.setdiff1d(np.arange(40), [12]))
    assert len(walks) == 10  # the gapped panels alone


def test_a_fit_on_rows_missing_from_its_calendar_walks_it_once(monkeypatch):
    """A gapped fit walked its calendar three times (the gap warning's missing steps and seasonal naive count, MASE's
    scale); it is walked once and passed on (decision 1951), and not at all where no step is missing."""
    import pandas as pd

    from conftest import TINY
    from rnncast import Forecaster, calendarcuts, gapwindows

    walks, missing = [], []
    real = calendarcuts.placed_series
    monkeypatch.setattr(calendarcuts, "placed_series", lambda panel: walks.append(1) or real(panel))
    monkeypatch.setattr(gapwindows, "panel_missing", lambda *a: missing.append(1))
    t = pd.date_range("2024-03-01", periods=300, freq="h")
    frame = pd.DataFrame({"date": t, "y": np.sin(np.arange(300) / 24 * 2 * np.pi) + np.arange(300) / 100})
    Forecaster(**{**TINY, "season": 24}).fit(frame.drop(index=[100, 101]), target="y", time_col="date")
    assert len(walks) == 1 and not missing
    walks.clear()
    Forecaster(**{**TINY, "season": 24}).fit(frame, target="y", time_col="date")
    assert not walks and not missing


def test_a_seasonal_naive_lacking_every_step_is_said_to_have_no_scores_not_the_other_values():
    """r37r1 5, 11 (decision 1995): "its scores are those of the other values" was said where it lacked all 48."""
    said = clause(48, 48, 24, "steps")
    assert "no forecast at any of them, so it has no scores and no verdict weighs it" in said
    assert "other values" not in said and "other values" in clause(12, 48, 24, "steps")
