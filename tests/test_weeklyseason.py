"""weeklyseason: whether hourly training rows repeat every week more than every day, so that the season hint names
168 (decision 1719), by yearlyseason's test of a cycle (decision 1702)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from conftest import TINY
from rnncast import Forecaster, weeklyseason
from rnncast.panel import Panel
from rnncast.runnotes import fitted_season_hint
from rnncast.seasons import Season
from rnncast.timecalendar import Calendar
from rnncast.windows import Split


def _load(hours: int, weekly: bool, seed: int = 0) -> np.ndarray:
    """Hourly load: a daily shape, lower on weekends where ``weekly``, with noise (else a wandering level)."""
    rng, t = np.random.default_rng(seed), np.arange(hours)
    day = 60 + 15 * np.sin(2 * np.pi * (t % 24) / 24)
    if weekly:
        return day - 25 * ((t // 24) % 7 >= 5) + rng.normal(0, 1, hours)
    return day + np.cumsum(rng.normal(0, 1, hours)) + rng.normal(0, 1, hours)


def _panel(values, freq="h"):
    time = pd.date_range("2024-01-01", periods=len(values), freq=freq, name="time")
    panel = Panel(values=np.asarray(values, dtype=np.float64)[:, None], offsets=np.array([0, len(values)]), ids=[None],
                  columns=["load"], n_targets=1, time=time, calendar=Calendar(freq=to_offset(freq), name="time"))
    return panel, [Split(int(len(values) * 0.7), int(len(values) * 0.8), len(values))]


def test_weekly_load_is_weekly_and_a_daily_shape_white_noise_or_a_wandering_level_are_not():
    """t34t1 LOW 5: the hint named 24 on hourly load whose seasonal naive MSE was 20.2 at 168 and 54.8 at 24."""
    measured = weeklyseason.measure(*_panel(_load(24 * 7 * 6, True)), 1, 24)
    assert set(measured) == set(weeklyseason.KEYS) and weeklyseason.weekly(measured)
    assert weeklyseason.implied(Season(24, "hours in a day"), measured) == (168, "hours in a week")
    assert weeklyseason.why(weeklyseason.WEEK, measured).startswith(
        " (on the training rows a value differs from the value a week before by a median 0.")
    assert "a sign test of the hours, z = " in weeklyseason.why(weeklyseason.WEEK, measured)
    rng, hours = np.random.default_rng(5), np.arange(24 * 7 * 6)
    daily = 60 + 15 * np.sin(2 * np.pi * (hours % 24) / 24) + rng.normal(0, 1, len(hours))
    for values in (_load(len(hours), False), daily, *(np.random.default_rng(k).normal(size=len(hours)) for k in range(10))):
        found = weeklyseason.measure(*_panel(values), 1, 24)
        assert not weeklyseason.weekly(found)
        assert weeklyseason.implied(Season(24, "hours in a day"), found) == (24, "hours in a day")
    assert weeklyseason.read(measured) == measured and weeklyseason.read(None) is None  # model.json's record


def test_not_measured_under_two_weeks_with_a_season_or_off_hours():
    assert weeklyseason.measure(*_panel(_load(24 * 15, True)), 1, 24) is None  # 10.5 training days
    assert weeklyseason.measure(*_panel(_load(24 * 7 * 6, True)), 24, 24) is None  # a season given: no hint
    assert weeklyseason.measure(*_panel(_load(24 * 7 * 6, True), freq="30min"), 1, 24) is None


def test_the_fitted_hint_names_168():
    values = _load(24 * 7 * 6, True)
    frame = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=len(values), freq="h"), "load": values})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 24, "horizon": 6}).fit(frame, target="load")
    hint = fitted_season_hint(model)
    assert hint.startswith("hint: the calendar is 'h', 168 hours in a week (on the training rows a value differs from "
                           "the value a week before by a median ")
    assert "(season=168, --season 168) to compare the model" in hint  # with lookback 24 as it is (decision 1778)
    assert "if the values repeat every week" in hint and "(season=168, --season 168)" in hint


def test_why_of_the_week_on_a_daily_record_that_finds_the_year_too():
    """Decision 1760: the 7 hint of a daily record that finds the year as well says so; an hourly record's 24 or a
    daily record without the year says nothing."""
    both = {"year_vs_day": 0.3, "year_vs_week": 0.4, "year_vs_half": 0.2, "year_z": -26.3, "week_vs_half": 0.5,
            "week_z": -28.5}
    week = Season(7, "days in a week")
    assert weeklyseason.why(week, both, True).startswith(" (a yearly cycle is found too, z = -26.3: the 'climatology'")
    assert "a season of 365" in weeklyseason.why(week, both)
    assert weeklyseason.why(week, {**both, "year_z": 0.4}, True) == ""
    hourly = {"week_vs_day": 0.9, "week_z_day": 0.1, "week_vs_hour": 1.2, "week_z_hour": 3.0}
    assert weeklyseason.why(Season(24, "hours in a day"), hourly, True) == ""
