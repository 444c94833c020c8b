"""A backtest's ``step`` as calendar time ('1D', '7D', '6h'): each cutoff that span after the one before on the
series' own clock, read with pandas' offsets in the data's zone, so that a desk's 10:00 cutoff stays at 10:00 across
daylight saving (a calendar day is 23, 24 or 25 hours there); and the warning for a step in rows whose cutoffs move
on that clock.

A tester's day-ahead backtest with ``--step 24`` on Berlin's hourly load cut at 10:00+02:00 three times, then at
09:00+01:00 (24 hours after 10:00+02:00 on the 26th), silently off the desk's wall clock; ``--step 1D`` was refused
by argparse. A step in rows keeps its meaning (every cutoff that many rows on), said in one warning where the
cutoffs move on the local clock; a span of calendar time is refused where a cutoff it gives falls between the
data's steps ('90min' on hourly data), or where the clocks repeat or skip it, naming the cutoff.
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast import sessions, tradingweeks, weekhours, zoneclock
from rnncast.errors import RnncastError
from rnncast.sessiondays import clock_in, few_dates, session_day
from rnncast.spelling import counted
from rnncast.wholenumbers import number

log = logging.getLogger(__name__)

SPANS = "a whole number of the data's steps nor a span of calendar time such as '1D', '7D' or '6h'"  # "neither ..."


def read(step, data=None):
    """``step`` as given: None (the horizon), a whole number of steps (whole-number text too: the command's '24'),
    or a ``pd.DateOffset`` of fixed calendar days or of hours, minutes, seconds ('1D', '7D', '12h'); anything else
    refused by name, offering spans of calendar time only where the data (``data()``, read only then) has dates."""
    if step is None or isinstance(step, (bool, np.bool_)) or not isinstance(step, str):
        return step  # a number: checked as one (settingvalues.positive_int)
    text = step.strip()
    if (whole := number(text)) is not None:
        return whole
    bare = re.fullmatch(r"(\d*)\s*([MQY])", text)  # pandas 3 reads '2M' no more: months, as 'ME' would
    try:
        offset = (pd.tseries.frequencies.to_offset(text) if bare is None else
                  {"M": pd.offsets.MonthEnd, "Q": pd.offsets.QuarterEnd, "Y": pd.offsets.YearEnd}[bare[2]](
                      int(bare[1] or 1)))
    except ValueError:
        offset = None
    if offset is None or (not isinstance(offset, (pd.offsets.Day, pd.offsets.Tick)) and _units(offset) is None) \
            or offset.n < 1:
        times = None if data is None else data().time  # '1.5' on whole-number times: no span offered (decision 1438)
        if times is not None and not isinstance(times, (pd.DatetimeIndex, pd.PeriodIndex)):
            raise RnncastError(f"step={step!r} (--step) is no whole number of the data's steps, and its times are "
                               "whole numbers, counted in steps: give step as a whole number of them (--step 1 or 2)")
        raise RnncastError(f"step={step!r} (--step) is neither {SPANS}, weeks or months "
                           "('1W', '2M', '1Q') on data of such steps, and a span must be positive")
    return offset


def _units(offset) -> tuple[str, int] | None:
    """``offset`` in days or in months, whatever its anchor: ``('day', 7)`` for '1W' or '7D', ``('month', 3)`` for
    '1Q' or '3ME'; None for a span of neither (business days, hours not whole days)."""
    months = {pd.offsets.MonthEnd: 1, pd.offsets.MonthBegin: 1, pd.offsets.BusinessMonthEnd: 1,
              pd.offsets.BusinessMonthBegin: 1, pd.offsets.QuarterEnd: 3, pd.offsets.QuarterBegin: 3,
              pd.offsets.BQuarterEnd: 3, pd.offsets.BQuarterBegin: 3, pd.offsets.YearEnd: 12,
              pd.offsets.CustomBusinessMonthEnd: 1, pd.offsets.CustomBusinessMonthBegin: 1,  # 'BME' without holidays
              pd.offsets.YearBegin: 12, pd.offsets.BYearEnd: 12, pd.offsets.BYearBegin: 12}.get(type(offset))
    if months is not None:
        return "month", months * offset.n
    if isinstance(offset, pd.offsets.Week) or tradingweeks.kind_of(offset):  # 'W-FRI' without NYSE holidays too
        return "day", 7 * offset.n
    if isinstance(offset, (pd.offsets.Day, pd.offsets.Tick)) and not _length(offset) % pd.Timedelta(days=1):
        return "day", _length(offset) // pd.Timedelta(days=1)
    return None


def in_steps(offset, panel, given: str) -> int | None:
    """A span given as calendar time (``read``) on data whose calendar has no fixed step, weekly or monthly
    (quarterly, yearly): the whole number of its steps it spans ('7D', '1W' on 'W-SUN': 1; '2M' on 'ME': 2; '1Q'
    on 'MS': 3), said in one line; None where the calendar has a fixed step (the span then counted on the clock,
    ``nominal``). Refused, naming the steps that would do, where it is no whole number of them."""
    numbered(panel, given)
    freq = None if panel.time is None else panel.calendar.freq
    if freq is None or isinstance(freq, (pd.offsets.Day, pd.offsets.Tick)):
        if freq is not None and isinstance(offset, pd.offsets.Week):  # '2W' on 'D': '14D', as exact (decision 1555)
            days = f"{_days(offset).n}D"
            log.info("step %r (--step) read as %r on the data's calendar %s: each cutoff %s after the one before, on the "
                     "series' own clock, whatever its weekday", given, days, panel.calendar.shown,
                     counted(_days(offset).n, "day"))
        elif freq is not None and not isinstance(offset, (pd.offsets.Day, pd.offsets.Tick)):
            raise RnncastError(f"step={given!r} (--step) is a span of months (quarters, years), and the data's "
                               f"calendar ({panel.calendar.shown}) steps by fixed time; give a span such as '7D' or "
                               "'30D', or a whole number of its steps")
        return None
    if isinstance(freq, sessions.Session):
        return _sessions(offset, panel, given, freq)
    mine, theirs = _units(offset), _units(freq)
    if mine is not None and theirs is not None and mine[0] == theirs[0] and not mine[1] % theirs[1]:
        steps = mine[1] // theirs[1]
        log.info("step %r (--step) read as %s of the data's calendar %s", given, counted(steps, "step"),
                 panel.calendar.shown)
        return steps
    unit = f"{theirs[1]} {theirs[0]}{'s' if theirs[1] > 1 else ''}" if theirs else None
    raise RnncastError(f"step={given!r} (--step) is not a whole number of the data's steps ({panel.calendar.shown}"
                       f"{f', {unit} each' if unit else ', which have no fixed length'}); give step as a whole number "
                       f"of its steps{f' (--step 1 for {unit}, --step 2 for twice that)' if unit else ''}")


def _sessions(offset, panel, given: str, session) -> int:
    """A span of whole days ('1D') on a trading session's bars: as many sessions, each cutoff at the same bar of the
    session that many trading days on (nights, weekends and holidays are no steps), said in one line; refused, naming
    the bars of a session, for any other span, or where sessions of the data are shorter (half days: a number of bars
    then moves the cutoffs on the clock after them) (decision 1616). A panel's series each count the bars of their
    own calendar: refused, naming them, where they keep sessions of different lengths (Tokyo's 10 bars among Hong
    Kong's 11) or a calendar of no session, as one number of bars is no session of each (decision 1683)."""
    units, bars = _units(offset), session.bars
    shown = f"{panel.calendar.shown}, {bars} bars a session"
    if units is None or units[0] != "day" or isinstance(offset, pd.offsets.Week):
        raise RnncastError(f"step={given!r} (--step) is not a whole number of sessions of the data's calendar ({shown}); "
                           f"give '1D' for one session, or step as a whole number of its bars (--step {bars} for one)")
    _one_length(panel, given)
    if session.hours is not None:  # a Saturday's 8 bars among weekdays' 24: a day is no number of bars (decision 1786)
        raise RnncastError(f"step={given!r} (--step) is a span of days, and the weekdays of the data's calendar "
                           f"({panel.calendar.shown}) keep different hours ({weekhours.days_said(session)}), so no "
                           "number of bars keeps each cutoff at the same bar of a later session; give step as a whole "
                           f"number of bars (--step {session.week_bars} for a week)")
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


def text(metrics: dict) -> str:
    """How a backtest's step is said (its metrics): ``24 steps``, ``'1D'`` (``step_span``; ``step`` its length in
    the calendar's steps, a day without a change of clocks)."""
    return repr(metrics["step_span"]) if metrics.get("step_span") else counted(metrics["step"], "step")


def nominal(offset: pd.DateOffset, panel, given: str) -> int:
    """How many of the calendar's steps ``offset`` spans on a day without a change of clocks (a calendar day of
    hourly data: 24; 23 or 25 across one, which the cutoffs themselves follow: ``targets``): what a backtest's need
    of rows counts (``panel``: the data). Refused where the data has no time, or its calendar no fixed step (months,
    business days)."""
    if panel.time is None:
        unplaced(given, None, True)
    numbered(panel, given)
    freq = panel.calendar.freq
    if not isinstance(freq, (pd.offsets.Day, pd.offsets.Tick)):
        raise RnncastError(f"step={given!r} (--step) is a span of calendar time, and the data's calendar "
                           f"({panel.calendar.shown}) has no fixed step to count it in; give step as a "
                           "whole number of its steps")
    return max(1, int(-(-_length(offset) // _length(freq))))


def numbered(panel, given: str) -> None:
    """Refuse a span of calendar time where the data's times are whole numbers (a 'step' column 10, 20, ...): they
    have no calendar to measure it on, only steps to count."""
    if panel.time is not None and not isinstance(panel.time, (pd.DatetimeIndex, pd.PeriodIndex)):
        raise RnncastError(f"step={given!r} (--step) is a span of calendar time, and the data's times are whole "
                           "numbers; give step as a whole number of its steps")


def _days(offset):
    """A span of weeks ('2W', anchored on a weekday or not) as its calendar days (``pd.offsets.Day(14)``), which steps
    from any day as '14D' does, where adding the anchored week rolls to its weekday first; any other span as it is."""
    return pd.offsets.Day(7 * offset.n) if isinstance(offset, pd.offsets.Week) else offset


def _length(offset) -> pd.Timedelta:
    offset = _days(offset)
    return pd.Timedelta(days=offset.n) if isinstance(offset, pd.offsets.Day) else pd.Timedelta(offset)


def unplaced(given: str, who, untimed: bool) -> None:
    """Refuse a span of calendar time where a series' rows are counted, not placed on a calendar."""
    why = ("the data has no time column" if untimed else
           f"the times of {'the series' if who is None else repr(who)} follow no calendar (irregular, or a row off it)")
    raise RnncastError(f"step={given!r} (--step) is a span of calendar time, and {why}; give step as a whole number "
                       "of rows")


def targets(steps: np.ndarray, stamps, at, horizon: int, n_windows: int, step, given: str | None = None
            ) -> np.ndarray | None:
    """[K] each window's first target position on a series' calendar (its rows at ``steps``, ``stamps``: positions ->
    times), the cutoffs ``step`` apart: a whole number of calendar steps, or a span of calendar time on the series'
    clock (a pandas offset, ``read``; ``given``: as the caller wrote it, for messages). The first cutoff at the
    last position at or before ``at`` (``cutoffs.as_time``; None: the last a horizon before the series' end, the
    others counted back from it); None where a window reaches past the series' end (or, with a span, its start).
    Refused where a span's cutoff falls between the calendar's steps or in an hour the clocks repeat or skip."""
    last = int(steps[-1])
    k = np.arange(n_windows)
    if not isinstance(step, pd.offsets.BaseOffset):  # calendar steps: positions
        if at is None:
            return last + 1 - horizon - (n_windows - 1 - k) * step
        # positions at or before the cutoff, compared as fit compares (cutoffs._rows_up_to): searchsorted would cast
        # the cutoff to the times' unit, and the last nanosecond of '2020-W50' has none in seconds (ValueError)
        target = int(np.count_nonzero(np.asarray(stamps(np.arange(last + 1)) <= at))) + step * k
        return target if target[-1] + horizon - 1 <= last else None
    every, step = stamps(np.arange(last + 1)), _days(step)  # weeks on a calendar of fixed steps: their days
    if at is None:
        base, moves = every[last - horizon], k - (n_windows - 1)  # the last cutoff a horizon before the end
    else:
        first = int(np.count_nonzero(np.asarray(every <= at)))
        if first < 1:
            return None
        base, moves = every[first - 1], k
    cuts = []
    for j, n in enumerate(moves.tolist()):
        try:
            cut = base + n * step
        except ValueError:  # pandas' nonexistent or ambiguous wall time
            wall = (base.tz_localize(None) + n * step).strftime("%Y-%m-%d %H:%M")
            raise RnncastError(f"step={given!r} (--step) puts the cutoff of window {j} at {wall}, which the clocks of "
                               f"{base.tz} repeat or skip at a change of daylight saving; give a cutoff at another time "
                               "of day, or step by a number of steps") from None
        position = _at_or_before(every, cut)
        if position < 0 or cut > every[-1]:
            return None
        if every[position] != cut:
            raise RnncastError(f"step={given!r} (--step) is not a whole number of the data's steps here: the cutoff of "
                               f"window {j}, {cut.isoformat()}, falls between its times {every[position].isoformat()} "
                               f"and {every[position + 1].isoformat()}; give a span its steps divide, or a number of "
                               "steps")
        cuts.append(position)
    target = np.asarray(cuts, dtype=np.int64) + 1
    return target if target[0] - 1 >= 0 and target[-1] + horizon - 1 <= last else None


def _at_or_before(every: pd.Index, cut) -> int:
    """The position of the last of the sorted times ``every`` at or before ``cut`` (-1: none), found by bisection; by
    comparing each where ``cut`` has no value in the times' unit (a millisecond among times in seconds)."""
    try:
        return int(every.searchsorted(cut, side="right")) - 1
    except (TypeError, ValueError):
        return int(np.count_nonzero(np.asarray(every <= cut))) - 1


def moved(time: pd.Index, cut_rows: np.ndarray, step: int, freq) -> None:
    """Warn once where cutoffs a whole number of days apart in rows (``step`` of the calendar ``freq``) move on the
    local clock of the data's zone (``cut_rows``: each window's cutoff row of one series, in time order), naming the
    first cutoff that moved and the calendar step that keeps them: step='1D' (--step 1D)."""
    if isinstance(freq, sessions.Session) and isinstance(time, pd.DatetimeIndex):
        return _moved_sessions(time, cut_rows, step, freq)
    if not isinstance(time, pd.DatetimeIndex) or time.tz is None or not isinstance(freq, pd.offsets.Tick):
        return
    span = pd.Timedelta(freq) * step
    if span % pd.Timedelta(days=1) or len(cut_rows) < 2:
        return
    cuts = time[np.asarray(cut_rows)]
    clock = cuts.tz_localize(None) - cuts.tz_localize(None).normalize()  # each cutoff's time of day, on its clock
    off = np.flatnonzero(clock != clock[0])
    if not len(off):
        return
    days = f"{span // pd.Timedelta(days=1)}D"
    j = int(off[0])
    log.warning("the cutoffs %s apart move on the local clock of %s, which changes for daylight saving: the first is "
                "at %s, the cutoff of window %d at %s (%s); to keep every cutoff at the same local time, step by "
                "calendar time (step=%r, --step %s)", counted(step, "step"), time.tz, f"{cuts[0]:%H:%M}", j,
                f"{cuts[j]:%H:%M}", cuts[j].isoformat(), days, days)


def _one_length(panel, given: str) -> None:
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


def _moved_sessions(time: pd.DatetimeIndex, cut_rows: np.ndarray, step: int, session) -> None:
    """``moved`` of cutoffs a whole number of sessions apart in bars (``step``: 78 on NYSE's 5-minute bars) that
    move on the clock after a half day, which keeps fewer bars (decision 1616)."""
    if step % session.bars or len(cut_rows) < 2:
        return
    cuts = time[np.asarray(cut_rows)]
    wall = zoneclock.wall(cuts)
    clock = clock_in(wall, session)  # each cutoff's time in its session
    off = np.flatnonzero(clock != clock[0])
    if not len(off):
        return
    j, n = int(off[0]), step // session.bars
    log.warning("the cutoffs %s apart (%s of %d bars) move on the clock after %s, which keeps fewer bars: the "
                "first is at %s, the cutoff of window %d at %s (%s); the bars a session keeps are counted, not the "
                "sessions", counted(step, "step"), "one session" if n == 1 else f"{n} sessions", session.bars,
                "a half day" if session.hours is None else "a weekday of shorter hours or a half day",
                f"{wall[0]:%H:%M}", j, f"{wall[j]:%H:%M}", cuts[j].isoformat())
