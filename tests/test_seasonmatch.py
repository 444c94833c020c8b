"""A season given that is no whole number of its calendar's years (``seasonmatch``): one hint line, and none where
the season is one of the year's multiples or the calendar's step nests in cycles chosen on purpose."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from conftest import TINY
from rnncast import Forecaster, monthdays, seasonmatch
from rnncast.runnotes import backtest_season_hint, fitted_season_hint
from rnncast.timecalendar import Calendar


@pytest.mark.parametrize("freq, season, said", [
    ("MS", 4, "hint: season 4, but the calendar 'MS' has 12 months in a year: the seasonal naive forecast repeats the "
              "value 4 steps earlier, which is no whole year; if the values repeat every year, give season 12 "
              "(season=12, --season 12)"),
    ("ME", 6, "12 months in a year"), ("QS-JAN", 2, "4 quarters in a year"), ("QE-DEC", 3, "4 quarters in a year"),
    ("SMS", 12, "24 half months in a year"), ("YS-JAN", 4, "steps a year, and a year holds no season"),
    ("YE-JUN", 2, "the value 2 years earlier")])
def test_a_season_off_the_calendars_year_is_hinted(freq, season, said):
    """The tester's season 4 on monthly (MS) CPI and on annual output ran without a word."""
    calendar = Calendar("datetime", to_offset(freq))
    assert said in seasonmatch.hint(season, calendar, calendar.shown)


@pytest.mark.parametrize("freq, season", [("MS", 12), ("MS", 24), ("MS", 1), ("QS-JAN", 4), ("QE-DEC", 8),
                                          ("h", 24), ("h", 168), ("h", 5), ("D", 365), ("D", 4), ("B", 252),
                                          ("W-SUN", 4), ("15min", 96), ("2QS-JAN", 2)])
def test_a_season_on_the_year_or_on_a_fine_calendar_is_not_hinted(freq, season):
    """Edges (decision 1048): a whole number of years (monthly 24, quarterly 8) is a season on purpose; a step of a week
    or less nests in cycles users choose (hourly 24 or 168, daily 365, 252 trading days, 4 weeks): not judged."""
    calendar = Calendar("datetime", to_offset(freq))
    assert seasonmatch.hint(season, calendar, calendar.shown) is None


def test_a_fixed_day_and_integer_years_are_judged_and_other_integers_are_not():
    day = Calendar("datetime", monthdays.parse("QS-JAN@10"))
    assert "4 quarters in a year" in seasonmatch.hint(3, day, day.shown)
    assert seasonmatch.hint(3, Calendar("datetime", to_offset("W-MON")), "'W-MON'") is None  # not a MonthDay
    years = Calendar("integer", 1, name="year")
    assert "the time column 'year' counts years" in seasonmatch.hint(4, years, "1")
    assert seasonmatch.hint(4, Calendar("integer", 1, name="t"), "1") is None


def test_a_fit_and_a_backtest_say_the_hint():
    frame = pd.DataFrame({"ds": pd.date_range("2010-01-01", periods=80, freq="MS"),
                          "y": np.sin(np.arange(80) / 12 * 2 * np.pi) + np.arange(80) / 40})
    fitted = Forecaster(**{**TINY, "season": 4}).fit(frame, target="y")
    assert fitted_season_hint(fitted).startswith("hint: season 4, but the calendar 'MS' has 12 months in a year")
    m = {"season": 4, "freq": "MS", "calendar": "'MS'", "lookback": 12, "implied_season": None}
    assert backtest_season_hint(m).startswith("hint: season 4, but the calendar 'MS' has 12 months in a year")
    assert backtest_season_hint({**m, "freq": "h", "calendar": "'h'", "season": 168}) is None


def test_season_365_on_daily_rows_across_a_feb_29_notes_the_day_after_a_year_earlier():
    """Season 365 on a 'D' calendar across 2020-02-29 compared 2020-03-01 with 2019-03-02 (and so on for a year)
    without a word (decision 1576): one note, only where the rows span a Feb 29, season 365 on a daily calendar."""
    daily = Calendar("datetime", to_offset("D"))
    across = pd.date_range("2018-01-01", "2020-12-31", freq="D")
    note = seasonmatch.leap_note(365, daily, across)
    assert note.startswith("season 365 counts 365 days back, so in the year after each Feb 29 the data spans "
                           "(2020-02-29) the seasonal naive forecast, and MASE's scale, take the value of the day after")
    assert note.endswith("(for 2020-03-01, 2019-03-02's)")
    assert "(2016-02-29 ...)" in seasonmatch.leap_note(365, daily, pd.date_range("2015-06-01", "2020-06-01"))
    assert seasonmatch.leap_note(365, daily, across.to_period("D")) == note
    before = pd.date_range("2018-01-01", "2020-02-28", freq="D")
    assert seasonmatch.leap_note(365, daily, before) is None  # no Feb 29 in the rows' span
    assert seasonmatch.leap_note(7, daily, across) is None and seasonmatch.leap_note(None, daily, across) is None
    assert seasonmatch.leap_note(365, Calendar("datetime", to_offset("B")), across) is None
    assert seasonmatch.leap_note(365, Calendar("datetime", to_offset("24h")), across) == note  # decision 1813


def test_the_feb_29_notes_example_is_a_day_the_data_holds_with_its_value_a_year_before():
    """t36t6: 14 months from 2023-11-01 were told "for 2024-03-01, 2023-03-02's", a day before the data (decision 1928)."""
    daily = Calendar("datetime", to_offset("D"))
    note = seasonmatch.leap_note(365, daily, pd.date_range("2023-11-01", "2024-12-31"))
    assert note.endswith("a year earlier (for 2024-10-31, 2023-11-01's)")
    few = seasonmatch.leap_note(365, daily, pd.date_range("2024-01-01", "2024-06-30"))  # no day a year after the first
    assert few.endswith("take the value of the day after the same date a year earlier")
