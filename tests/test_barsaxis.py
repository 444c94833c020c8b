"""A session's bar axis (``barsaxis.py``): bars drawn at consecutive positions, ticked at session starts with
their dates, thinned when many, times of day when the view holds a day or two (none crowding a session's
first), sessions across midnight and zoned times read on the wall clock. Read back from matplotlib's Axes."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from rnncast import barsaxis, sessions
from rnncast.timecalendar import Calendar

NYSE_BARS = sessions.parse("30min 09:30-15:30")  # 13 bars a day


def bars(session, start: str, count: int, tz=None) -> pd.DatetimeIndex:
    times = sessions.grid(session, pd.Timestamp(start) - pd.Timedelta("1min"), count=count)
    return times.tz_localize(tz) if tz else times


def axes(times, session=NYSE_BARS, xlim=None):
    ax = Figure().subplots()
    ax.plot(np.arange(len(times)), np.zeros(len(times)))
    barsaxis.label(ax, times, session)
    if xlim is not None:
        ax.set_xlim(*xlim)
    return ax


def ticks(ax) -> tuple[list[int], list[str]]:
    return [int(t) for t in ax.get_xticks()], [t.get_text() for t in ax.get_xticklabels()]


def test_a_few_sessions_are_ticked_at_each_first_bar_with_its_date():
    times = bars(NYSE_BARS, "2024-02-15 09:30", 4 * 13)  # Thu, Fri, Mon, Tue
    where, labels = ticks(axes(times))
    assert where == [0, 13, 26, 39] and all(times[where].time == pd.Timestamp("09:30").time())
    assert labels == ["Feb 15\n2024", "Feb 16", "Feb 19", "Feb 20"]  # the year under the first only


def test_a_stretch_starting_mid_session_is_ticked_from_the_next_session():
    times = bars(NYSE_BARS, "2024-02-15 12:00", 60)
    where, labels = ticks(axes(times))
    assert where[0] > 0 and times[where[0]] == pd.Timestamp("2024-02-16 09:30") and labels[0] == "Feb 16\n2024"


def test_many_sessions_are_thinned_and_a_new_year_is_written_under_its_first():
    times = bars(NYSE_BARS, "2024-12-02 09:30", 30 * 13)
    where, labels = ticks(axes(times))
    assert len(where) <= barsaxis.MAX_DATES and np.all(np.diff(where) == 3 * 13)  # every third session
    assert labels[0] == "Dec 2\n2024" and "Jan 3\n2025" in labels and sum("\n" in t for t in labels) == 2


def test_a_day_in_view_is_ticked_at_times_of_day_with_the_date_under_a_session_start():
    times = bars(NYSE_BARS, "2024-02-15 09:30", 4 * 13)
    where, labels = ticks(axes(times, xlim=(5, 30)))  # 12:00 on the 15th to 11:30 on the 19th: two starts in view
    assert len(where) <= barsaxis.MAX_TIMES + 2 and {13, 26} <= set(where)
    assert labels[where.index(13)] == "09:30\n2024-02-16" and labels[0].endswith("\n2024-02-15")
    assert all(len(t.split("\n")[0]) == 5 for t in labels)  # HH:MM
    gaps = np.diff(where)
    assert gaps.min() >= gaps.max() // 2  # a session's last bar does not crowd the next session's first


def test_a_session_across_midnight_starts_at_its_first_bar_and_zoned_times_are_read_on_the_wall_clock():
    fx = sessions.parse("h 22:00-21:00 Sun Mon Tue Wed Thu")  # 24 bars
    times = bars(fx, "2024-03-04 22:00", 5 * 24, tz="Europe/London")
    where, labels = ticks(axes(times, fx))
    assert where == [0, 24, 48, 72, 96] and labels[:2] == ["Mar 4\n2024", "Mar 5"]
    assert labels[3:] == ["Mar 7", "Mar 10"]  # Thursday's session, then Sunday's


def test_a_window_is_placed_at_its_bars_in_the_curve_and_a_time_outside_it_is_not_drawn():
    times = bars(NYSE_BARS, "2024-02-15 09:30", 26)
    window = list(times[13:16]) + [pd.Timestamp("2024-02-17 10:00")]
    assert list(barsaxis.positions(times, window)[:3]) == [13.0, 14.0, 15.0]
    assert np.isnan(barsaxis.positions(times, window)[3])


def test_only_a_session_calendar_is_drawn_on_bars():
    assert barsaxis.session_of(Calendar(kind="datetime", freq=NYSE_BARS)) is NYSE_BARS
    assert barsaxis.session_of(Calendar(kind="datetime", freq=pd.offsets.BDay())) is None
    assert barsaxis.session_of(None) is None


def test_a_session_closed_for_lunch_is_drawn_one_step_per_bar_and_ticked_at_round_times_across_the_break():
    shanghai = sessions.parse("30min 09:30-11:00 13:00-14:30")  # 8 bars; three steps of lunch
    times = bars(shanghai, "2024-02-15 09:30", 4 * 8)
    assert ticks(axes(times, shanghai)) == ([0, 8, 16, 24], ["Feb 15\n2024", "Feb 16", "Feb 19", "Feb 20"])
    where, labels = ticks(axes(times, shanghai, xlim=(0, 9)))  # a day and two bars: the hours, 10:00 crowding 09:30
    assert where == [0, 3, 4, 6, 8] and labels == ["09:30\n2024-02-15", "11:00", "13:00", "14:00", "09:30\n2024-02-16"]


def test_minute_bars_are_ticked_at_round_times_of_day_not_every_few_bars():
    tokyo = sessions.parse("min 09:00-11:29 12:30-14:59")  # 300 bars a day
    times = bars(tokyo, "2024-02-15 09:00", 2 * 300)
    where, labels = ticks(axes(times, tokyo, xlim=(0, 299)))  # one day
    assert [t.split("\n")[0] for t in labels] == ["09:00", "10:00", "11:00", "13:00", "14:00"]
    where, labels = ticks(axes(times, tokyo, xlim=(100, 200)))  # 10:40 to 13:20, across lunch
    assert [t.split("\n")[0] for t in labels] == ["10:45", "11:00", "11:15", "12:30", "12:45", "13:00", "13:15"]
    hourly = sessions.parse("h 09:00-11:00 12:30-14:30")  # each part from its own open: 12:30 off the hours
    where, labels = ticks(axes(bars(hourly, "2024-02-15 09:00", 12), hourly, xlim=(0, 5)))
    assert labels == ["09:00\n2024-02-15", "10:00", "11:00", "12:30", "13:30", "14:30"]


def test_the_views_first_tick_is_not_dated_beside_the_next_sessions_date():
    """t33t2 LOW 8: Tokyo 1-minute bars from Fri 14:00 were ticked "14:00 / 2024-11-08" and, 60 bars on, "09:00 /
    2024-11-11", the two dates running into each other on a 390-bar plot; the view's first tick, dated too, is left
    out where it stands less than two ticks' spacing before a session's first (decision 1644)."""
    tokyo = sessions.parse("min 09:00-11:29 12:30-14:59")
    where, labels = ticks(axes(bars(tokyo, "2024-11-08 14:00", 390), tokyo))
    assert where == [60, 120, 180, 240, 300, 360], (where, labels)
    assert labels[0] == "09:00\n2024-11-11" and sum("\n" in t for t in labels) == 2, labels
    where, labels = ticks(axes(bars(tokyo, "2024-11-08 13:00", 450), tokyo))  # two hours before: room for its date
    assert where[:3] == [0, 60, 120] and labels[:3] == ["13:00\n2024-11-08", "14:00", "09:00\n2024-11-11"], labels
