"""``sessionsteps``: a backtest's step on a trading session's bars. On weekdays of other hours (a call centre's
24 weekday bars and 8 on Saturday) every span of calendar time is refused in one line offering a week of bars and
never '1D' or the union's bar count (decision 1836); cutoffs a week of bars apart that a holiday week moves are
warned of, naming the holiday (decision 1835)."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, sessions, sessionsteps

CENTRE = "30min 08:00-19:30 Mon Tue Wed Thu Fri; 07:00-12:30 Sat"  # Saturday's 12 bars: the union is 26 bars a day


@pytest.mark.parametrize("given, offset, units", [("2h", pd.offsets.Hour(2), None),
                                                  ("1W", pd.offsets.Week(1), ("day", 7)),
                                                  ("1D", pd.offsets.Day(1), ("day", 1))])
def test_any_span_on_weekdays_of_other_hours_offers_a_week_of_bars(given, offset, units):
    """'2h' and '1W' offered "'1D' for one session, or ... (--step 26 for one)", 26 bars being no weekday's (the
    union of 08:00-19:30 and 07:00-12:30), and '1D' was then refused too."""
    session = sessions.parse(CENTRE)
    panel = SimpleNamespace(calendar=SimpleNamespace(shown=repr(CENTRE)))
    with pytest.raises(RnncastError) as err:
        sessionsteps.steps(offset, units, panel, given, session)
    said = str(err.value)
    assert "(08:00-19:30 Mon Tue Wed Thu Fri (24 bars), 07:00-12:30 Sat (12))" in said and "(--step 132 for a week, whose cutoffs move" in said
    assert "give '1D'" not in said and "26" not in said and "\n" not in said


def _weeks(holiday: str | None) -> pd.DatetimeIndex:
    """Four weeks of the call centre's bars from Monday 2024-01-08, ``holiday`` closed."""
    session = sessions.parse(CENTRE)
    time = sessions.grid(session, pd.Timestamp("2024-01-08"), pd.Timestamp("2024-02-03 23:00"))
    return time if holiday is None else time[time.normalize() != pd.Timestamp(holiday)]


def test_cutoffs_a_week_of_bars_apart_moved_by_a_holiday_are_warned_of_naming_it(caplog):
    """--step 128 (then the refusal's own advice) moved a backtest's cutoffs from Thursday 09:00 to another bar and
    weekday after a holiday week, unsaid."""
    session = sessions.parse(CENTRE)
    time = _weeks("2024-01-17")  # a Wednesday closed
    rows = np.arange(3) * session.week_bars + 3  # Monday 09:30, a week of bars on twice
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        sessionsteps.moved(time, rows, session.week_bars, session)
    said = caplog.text
    assert "move to another bar or weekday after a week of fewer bars (the first short day 2024-01-17" in said
    assert "the first is at Mon 09:30, the cutoff of window 2 at Tue 09:30" in said
    caplog.clear()
    whole = _weeks(None)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        sessionsteps.moved(whole, rows, session.week_bars, session)  # no holiday: the same bar each week
        sessionsteps.moved(time, rows, 100, session)  # no whole week: not a step meant as weeks
    assert not caplog.text


def test_a_cutoff_whose_bar_has_no_row_is_named_by_its_own_time_not_the_row_before_it(caplog):
    """t36t1 M4: window 1's cutoff Mon 15:30 had no row; the warning named the row before it (Sat 12:30) and wrote it
    '2024-...T12:30:00'; the cutoffs' own times are named, as every other line writes times (decision 1919)."""
    session = sessions.parse(CENTRE)
    time = _weeks("2024-01-17")
    rows = np.arange(3) * session.week_bars + 3
    own = pd.DatetimeIndex(["2024-01-08 09:30", "2024-01-16 19:30", "2024-01-23 19:30"])  # the bars, rows or not
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        sessionsteps.moved(time, rows, session.week_bars, session, own)
    assert "the first is at Mon 09:30, the cutoff of window 1 at Tue 19:30 (2024-01-16 19:30:00)" in caplog.text
    assert "T19:30" not in caplog.text
