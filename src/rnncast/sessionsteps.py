"""A backtest's step on a trading session's bars: a span of whole days ('1D') read as as many sessions, each cutoff
at the same bar of a later session, refused by name where no number of bars keeps it there (half days, a panel's
sessions of different lengths, weekdays of other hours); a step in bars warned of where its cutoffs move on the
clock after a half day, a holiday week or a shorter weekday (decisions 1616, 1683, 1786, 1835)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast import sessions, weekhours, zoneclock
from rnncast.errors import RnncastError
from rnncast.sessiondays import clock_in, few_dates, session_day
from rnncast.spelling import counted
from rnncast.timetext import shown

log = logging.getLogger(__name__)


def steps(offset, units, panel, given: str, session) -> int:
    """A span of whole days ('1D') on a trading session's bars: as many sessions, each cutoff at the same bar of the
    session that many trading days on (nights, weekends and holidays are no steps), said in one line; refused, naming
    the bars of a session, for any other span, or where sessions of the data are shorter (half days: a number of bars
    then moves the cutoffs on the clock after them) (decision 1616). A panel's series each count the bars of their
    own calendar: refused, naming them, where they keep sessions of different lengths (Tokyo's 10 bars among Hong
    Kong's 11) or a calendar of no session, as one number of bars is no session of each (decision 1683). On weekdays
    of other hours every span is refused first, offering a week of bars (decision 1836): ``units`` is
    ``calendarsteps``' (('day', 7) for '1W')."""
    if session.hours is not None:  # a Saturday's 8 bars among weekdays' 24: no '1D', no union (decisions 1786, 1836)
        raise RnncastError(f"step={given!r} (--step) is a span of calendar time, and the weekdays of the data's "
                           f"calendar ({panel.calendar.shown}) keep different hours ({weekhours.days_said(session)}), "
                           "so no number of bars keeps each cutoff at the same bar of a later session; give step as a "
                           f"whole number of bars (--step {session.week_bars} for a week, whose cutoffs move after a "
                           "holiday or half day)")
    bars = session.bars
    shown = f"{panel.calendar.shown}, {bars} bars a session"
    if units is None or units[0] != "day" or isinstance(offset, pd.offsets.Week):
        raise RnncastError(f"step={given!r} (--step) is not a whole number of sessions of the data's calendar ({shown}); "
                           f"give '1D' for one session, or step as a whole number of its bars (--step {bars} for one)")
    one_length(panel, given)
    wall = zoneclock.wall(panel.time)
    laid = sessions.grid(session, wall.min(), wall.max())
    opened = session_day(laid, session)
    days, counts = np.unique(opened, return_counts=True)
    short = days[1:-1][counts[1:-1] < bars]  # the whole sessions the data spans that keep fewer bars: half days
    if len(short):
        raise RnncastError(f"step={given!r} (--step) is a span of days, and the data's calendar ({shown}) has sessions "
                           f"of fewer bars ({few_dates(short)}: half days), so no number of bars keeps each cutoff at "
                           f"the same bar of a later session; give step as a whole number of bars (--step {bars} for "
                           "one session), whose cutoffs move on the clock after a half day")
    steps = units[1] * bars
    log.info("step %r (--step) read as %s of the data's calendar %s: %s, each cutoff at the same bar of %s",
             given, counted(steps, "step"), panel.calendar.shown,
             "one session" if units[1] == 1 else f"{units[1]} sessions",
             "the next session" if units[1] == 1 else f"the session {units[1]} trading days on")
    return steps


def one_length(panel, given: str) -> None:
    """Refuse a span of days on a panel whose series keep sessions of different numbers of bars, or one a calendar of
    no session (``panel.calendars``, each series' own): the step is one number of bars for every series, counted on
    its own calendar, so one session of the panel's moved the others' cutoffs across the session (decision 1683)."""
    own = panel.calendars  # series -> its calendar
    if not own:
        return
    bars = panel.calendar.session.bars
    kept = {s: c for s, c in own.items() if c.session is None or c.session.bars != bars}
    if not kept:
        return
    base = [s for s in range(panel.n_series) if s not in own][:1]  # one on the panel's calendar, named beside them
    named = [f"{panel.given_id(s)!r} ({c.shown}, " + ("no session" if c.session is None else f"{c.session.bars} bars")
             + ")" for s, c in [(s, panel.calendar) for s in base] + list(kept.items())[:3]]  # as given (decision 1744)
    more = f" and {len(kept) - 3} more" if len(kept) > 3 else ""
    raise RnncastError(f"step={given!r} (--step) is a span of sessions, but the panel's series keep sessions of "
                       f"different lengths: {', '.join(named)}{more}; a step is one number of bars for every series "
                       f"({bars} for one session of {panel.calendar.shown}), which is no whole session of each, so "
                       "backtest each market's series apart (each with --step 1D), or give step as a whole number of "
                       "bars, whose cutoffs then move on the clock of the others")


def moved(time: pd.DatetimeIndex, cut_rows: np.ndarray, step: int, session, cut_times=None) -> None:
    """``calendarsteps.moved`` of cutoffs a whole number of sessions apart in bars (``step``: 78 on NYSE's 5-minute
    bars) that move on the clock after a half day, which keeps fewer bars (decision 1616); on weekdays of other hours,
    of cutoffs a whole number of weeks apart (128 bars) that move to another bar or weekday after a week of fewer
    bars, naming its first short day (a holiday, a half day: decision 1835). ``cut_times``: the cutoffs' own times on
    the calendar where the caller has them: a cutoff whose bar has no row is not the row before it (decision 1919)."""
    if session.hours is not None:
        return _moved_weeks(time, cut_rows, step, session, cut_times)
    if step % session.bars or len(cut_rows) < 2:
        return
    cuts = time[np.asarray(cut_rows)] if cut_times is None else pd.DatetimeIndex(cut_times)
    wall = zoneclock.wall(cuts)
    clock = clock_in(wall, session)  # each cutoff's time in its session
    off = np.flatnonzero(clock != clock[0])
    if not len(off):
        return
    j, n = int(off[0]), step // session.bars
    log.warning("the cutoffs %s apart (%s of %d bars) move on the clock after a half day, which keeps fewer bars: the "
                "first is at %s, the cutoff of window %d at %s (%s); the bars a session keeps are counted, not the "
                "sessions", counted(step, "step"), "one session" if n == 1 else f"{n} sessions", session.bars,
                f"{wall[0]:%H:%M}", j, f"{wall[j]:%H:%M}", shown(cuts[j], time))


def _moved_weeks(time: pd.DatetimeIndex, cut_rows: np.ndarray, step: int, session, cut_times=None) -> None:
    """``moved`` on weekdays of other hours: cutoffs ``step`` bars apart, a whole number of weeks of bars, compared by
    weekday and bar; the first short day between the first moved cutoff and the one before named."""
    week = session.week_bars
    if step % week or len(cut_rows) < 2:
        return
    rows = np.asarray(cut_rows)
    cuts = time[rows] if cut_times is None else pd.DatetimeIndex(cut_times)  # the cutoff bars, with a row or not
    wall = zoneclock.wall(cuts)
    clock = clock_in(wall, session)
    weekday = session_day(wall, session).day_of_week
    off = np.flatnonzero((clock != clock[0]) | (weekday != weekday[0]))
    if not len(off):
        return
    j, n = int(off[0]), step // week
    short = weekhours.first_short(session, zoneclock.wall(time[rows[j - 1] : rows[j] + 1]))  # from cutoff to cutoff
    log.warning("the cutoffs %s apart (%s of %d bars) move to another bar or weekday after a week of fewer bars (%s: "
                "a holiday or a half day): the first is at %s, the cutoff of window %d at %s (%s); the bars a week "
                "keeps are counted, not the weeks", counted(step, "step"), "one week" if n == 1 else f"{n} weeks",
                week, f"the first short day {short:%Y-%m-%d}" if short is not None else "a day between them", f"{wall[0]:%a %H:%M}", j,
                f"{wall[j]:%a %H:%M}", shown(cuts[j], time))
