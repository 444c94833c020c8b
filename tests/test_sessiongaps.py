"""Rows missing from a trading session's calendar that no data lost (``sessiongaps.py``, decision 1617): a change of
the session's hours said as such, not to be filled, and a holiday set's holidays and half days named together."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import holidaysets, sessions
from rnncast.sessiongaps import said, weekends

SESSION = sessions.parse("h 09:30-15:30")  # 7 bars


def _rows(days, last=lambda d: "15:30") -> pd.DatetimeIndex:
    return pd.DatetimeIndex([t for d in days for t in pd.date_range(f"{d:%Y-%m-%d} 09:30", f"{d:%Y-%m-%d} {last(d)}",
                                                                      freq="h")])


def _missing(rows: pd.DatetimeIndex, full: pd.DatetimeIndex) -> pd.DatetimeIndex:
    return full[~full.isin(rows)]


def test_the_same_last_bars_missing_up_to_a_day_and_none_after_are_a_change_of_hours_not_to_fill():
    days = pd.bdate_range("2024-10-01", "2024-11-29")
    rows = _rows(days, lambda d: "13:30" if d < pd.Timestamp("2024-11-05") else "15:30")
    text, fill = said(SESSION, _missing(rows, _rows(days)), rows)
    assert text.startswith("the rows missing are the bars from 14:30 on of every session up to 2024-11-04 and of none "
                           "after: the session's hours changed (its last bar 13:30 up to 2024-11-04 and 15:30 from "
                           "2024-11-05), no rows were lost, and filling them would make up 50 bars; fit on the rows "
                           "from 2024-11-05 on") and fill is False
    later = _rows(days, lambda d: "15:30" if d < pd.Timestamp("2024-11-05") else "13:30")  # the close moved earlier
    text, _ = said(SESSION, _missing(later, _rows(days)), later)
    assert "(its last bar 15:30 up to 2024-11-04 and 13:30 from 2024-11-05)" in text
    assert "fit on the rows up to 2024-11-04" in text
    few = _rows(days, lambda d: "13:30" if d == pd.Timestamp("2024-11-29") else "15:30")  # one short day: a half day's
    assert said(SESSION, _missing(few, _rows(days)), few) is None


def test_holidays_and_half_days_missing_together_name_the_set():
    """A tester's NYSE bars under --freq and no holidays=: '228 rows missing', 2 holidays and 2 half days, unnamed."""
    days = pd.bdate_range("2024-10-01", "2024-12-31")
    closed = [pd.Timestamp("2024-11-28"), pd.Timestamp("2024-12-25")]
    half = holidaysets.library().financial_holidays("NYSE", years=2024, categories="half_day")
    held = [d for d in days if d not in closed]
    rows = _rows(held, lambda d: "12:30" if d.date() in half else "15:30")
    text, fill = said(SESSION, _missing(rows, _rows(days)), rows)
    assert text == ("the rows missing are whole sessions on NYSE holidays (14 rows: 2024-11-28, 2024-12-25, "
                    "Thanksgiving Day, Christmas Day) and the last bars of NYSE's half days, which close early (6 rows: "
                    "2024-11-29, 2024-12-24): give holidays='NYSE' (--holidays NYSE), whose calendar skips them")
    assert fill is True
    lost = rows[np.arange(len(rows)) != 40]  # a bar lost mid-session: no such explanation
    assert said(SESSION, _missing(lost, _rows(days)), lost) is None


def test_one_holiday_beside_its_market_s_half_day_names_the_set_and_alone_does_not():
    """Decision 1672 (r33r2 5): Thanksgiving's whole session and the next day's half day were no longer named once
    businessdays.all_of needed two dates (decision 1610); one holiday with no half day stays a possible chance."""
    days = pd.bdate_range("2023-11-13", "2023-12-01")
    rows = _rows([d for d in days if d != pd.Timestamp("2023-11-23")],
                 lambda d: "12:30" if d == pd.Timestamp("2023-11-24") else "15:30")
    text, _ = said(SESSION, _missing(rows, _rows(days)), rows)
    assert text.startswith("the rows missing are whole sessions on NYSE holidays (7 rows: 2023-11-23, Thanksgiving Day)"
                           " and the last bars of NYSE's half days")
    alone = _rows([d for d in days if d != pd.Timestamp("2023-11-23")])
    assert said(SESSION, _missing(alone, _rows(days)), alone) is None


def test_every_weeks_same_closed_span_on_fixed_steps_names_the_24_5_session():
    """Decision 1619: an FX feed's 5-minute bars over three weeks (too few for a session to be found) had "1740 rows
    missing from the '5min' calendar", its weekends, with no word of the session freq= that skips them."""
    full = pd.date_range("2024-10-20 17:00", "2024-11-15 16:55", freq="5min", tz="America/New_York")
    wd, h = full.day_of_week, full.hour
    closed = full[(wd == 5) | ((wd == 4) & (h >= 17)) | ((wd == 6) & (h < 17))].tz_localize(None)  # a fall-back hour twice
    assert weekends(pd.Timedelta("5min"), closed) == (
        "the rows missing are every week's Fri 17:00 to Sun 16:55 (3 weeks), a market's weekend: give freq='5min "
        "17:00-16:55 Sun Mon Tue Wed Thu' (--freq '5min 17:00-16:55 Sun Mon Tue Wed Thu'), the session that skips it, "
        "if the data keeps it")
    assert weekends(pd.Timedelta("5min"), closed[:-5]) is None  # one weekend shorter: no one span
    assert weekends(pd.Timedelta("1D"), closed) is None


def test_one_outage_or_a_span_other_weeks_hold_is_no_weekend():
    """t36t8 F2 (decision 1937): one probe's 4-day battery outage (Fri 00:00 to Mon 21:00 once, in 8 weeks of 3-hour
    readings) was "every week's Fri 00:00 to Mon 21:00 (1 week), a market's weekend", and the session it offered
    was refused on the rows of the other weeks. A span missing once, or one other weeks' rows hold, is no weekend."""
    step = pd.Timedelta("3h")
    full = pd.date_range("2026-03-01", "2026-04-26 21:00", freq=step)
    outage = full[(full >= "2026-03-20") & (full <= "2026-03-23 21:00")]
    assert weekends(step, outage) is None  # once
    twice = outage.append(outage + pd.Timedelta(days=7))
    line = weekends(step, twice)
    assert line is not None and line.startswith("the rows missing are every week's Fri 00:00 to Mon 21:00 (2 weeks)")
    assert weekends(step, twice, full.difference(twice)) is None  # the other six weeks hold Fri to Mon
    fx = pd.date_range("2024-10-20 17:00", "2024-11-15 16:55", freq="5min")
    wd, h = fx.day_of_week, fx.hour
    shut = (wd == 5) | ((wd == 4) & (h >= 17)) | ((wd == 6) & (h < 17))
    assert weekends(pd.Timedelta("5min"), fx[shut], fx[~shut]).startswith("the rows missing are every week's Fri 17:00")


def test_holidays_and_half_days_on_weekdays_of_other_hours_name_the_set():
    """Decision 1837: the clause was off on every calendar whose weekdays keep their own hours; each missing day is
    now judged by its own weekday's bars (a Saturday's 8, a weekday's 24)."""
    session = sessions.parse("30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat")
    full = sessions.grid(session, pd.Timestamp("2024-03-01"), pd.Timestamp("2024-05-31 23:00"))
    gone = full.normalize().isin(pd.to_datetime(["2024-03-29", "2024-04-01", "2024-05-06"]))  # LSE's holidays
    clause, fill = said(session, full[gone], full[~gone])
    assert clause.startswith("the rows missing are whole sessions on LSE holidays (72 rows: 2024-03-29, 2024-04-01, "
                             "2024-05-06") and "--holidays LSE" in clause and fill
