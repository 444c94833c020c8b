"""The season a calendar implies (``seasons.py``), read from its pandas offset: months, weeks,
quarters, days, business days, hours and minutes in their cycles, multiples that divide them, and
none for years, seconds, integer periods and numbered rows."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import sessions
from rnncast.seasons import Season, implied_season, one_day
from rnncast.timecalendar import Calendar


@pytest.mark.parametrize("freq,steps", [
    ("ME", 12), ("MS", 12), ("BME", 12), ("BMS", 12), ("3ME", 4), ("SME", 24), ("QE", 4), ("QS-FEB", 4),
    ("W-SUN", 52), ("W-WED", 52), ("2W", 26), ("D", 7), ("B", 5), ("C", 5), ("h", 24), ("2h", 12), ("30min", 48),
    ("15min", 96), ("YE", None), ("5ME", None), ("7h", None), ("s", None), ("10min", 144), ("7D", 52), ("14D", 26),
    ("3D", None),
])


def test_each_calendar_implies_the_steps_of_its_cycle(freq, steps):
    season = implied_season(Calendar("datetime", to_offset(freq)))
    assert (season.steps if season else None) == steps


def test_the_cycle_is_said_in_words_and_periods_and_custom_weeks_count():
    assert implied_season(Calendar("datetime", to_offset("ME"))) == Season(12, "months in a year")
    assert implied_season(Calendar("datetime", to_offset("2h"))) == Season(12, "two-hour steps in a day")
    assert implied_season(Calendar("datetime", to_offset("3ME"))) == Season(4, "steps of 3 months in a year")
    # minutes and hours as words, not pandas' aliases: "1440 steps of min in a day" read as a typo (decision 1559)
    assert implied_season(Calendar("datetime", to_offset("min"))) == Season(1440, "one-minute steps in a day")
    assert implied_season(Calendar("datetime", to_offset("15min"))) == Season(96, "15-minute steps in a day")
    assert implied_season(Calendar("datetime", to_offset("90min"))) == Season(16, "90-minute steps in a day")
    assert implied_season(Calendar("period", pd.PeriodIndex(["2020-01"], freq="M").freq)).steps == 12
    six_days = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    assert implied_season(Calendar("datetime", six_days)) == Season(6, "business days in a week")
    assert implied_season(Calendar("integer", 1)) is None and implied_season(Calendar()) is None
    assert implied_season(Calendar("datetime", None)) is None  # timestamps no calendar explains


def test_a_panel_has_a_season_only_where_its_series_agree_on_it():
    from rnncast import weekmasks
    from rnncast.seasons import agreed_season

    sun, six = (Calendar("datetime", weekmasks.offset(m)) for m in ("Sun Mon Tue Wed Thu", "Mon Tue Wed Thu Fri Sat"))
    business, daily = Calendar("datetime", to_offset("B")), Calendar("datetime", to_offset("D"))
    assert agreed_season(sun, [business]) == Season(5, "business days in a week")
    assert agreed_season(sun, [business, six]) is None  # a shop of six days: no one week
    assert agreed_season(daily, [sun, business, six]) is None
    assert agreed_season(daily) == Season(7, "days in a week")


def test_the_season_a_run_recorded_is_read_back_or_none():
    from rnncast.seasons import Season, recorded

    assert recorded({"implied_season": {"steps": 12, "cycle": "12 months in a year"}}) == Season(12, "12 months in a year")
    assert recorded({}) is None and recorded({"implied_season": None}) is None


def test_weekdays_of_other_hours_imply_a_week_of_their_bars():
    """Decision 1787: a call centre's 24 weekday bars and 8 Saturday ones implied 24 ("bars in a trading session"),
    which from Monday 08:00 reads Friday 12:00; a week is 128 of its bars."""
    calendar = Calendar("datetime", freq=sessions.parse("30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat"))
    assert implied_season(calendar) == Season(128, "bars in a week of sessions")
    assert implied_season(Calendar("datetime", freq=sessions.parse("30min 09:30-15:30"))).steps == 13

@pytest.mark.parametrize("freq, season", [("24h", Season(7, "days in a week")), ("1440min", Season(7, "days in a week")),
                                          ("86400s", Season(7, "days in a week")), ("168h", Season(52, "weeks in a year")),
                                          ("48h", None), ("2D", None)])
def test_a_step_of_24_hours_is_a_day_not_a_season_of_1(freq, season):
    """Daily values stamped 23:00Z read with tz Europe/Berlin keep the '24h' calendar (decision 813), which implied
    Season(1, "24-hour steps in a day"): the hint said "1 24-hour steps in a day, but season is 1 ... give the season
    (season=1)" (t35t2 M5, decision 1813). Whole days of elapsed time are days, as 'D' is."""
    assert implied_season(Calendar("datetime", to_offset(freq))) == season


def test_one_day_is_d_or_24_hours_of_elapsed_time():
    assert one_day(to_offset("D")) and one_day(to_offset("24h")) and one_day(to_offset("1440min"))
    assert not one_day(to_offset("2D")) and not one_day(to_offset("h")) and not one_day(to_offset("B"))
    assert not one_day(to_offset("W-SUN")) and not one_day(None)
