"""Rows missing from a trading session's calendar that no data lost: the session's hours changed, or the market's
holidays and half days, told as such in the missing-rows warning (decision 1617).

A tester's Tokyo 5-minute bars, whose afternoon close moved from 15:00 to 15:30 on 2024-11-05, were "138 rows
missing from the '5min 09:00-11:25 12:30-15:25' calendar" with the advice to fill them (30 minutes of made-up flat
prices on 23 days); NYSE's bars read with ``--freq '5min 09:30-15:55'`` and no ``holidays=`` (the refusal's own
alternative) were "228 rows missing", 2 holidays and 2 half days' afternoons, named as neither. ``said`` names both:
the bars from one time of day to the close of every session up to a date and of none after it (or from a date on)
as a change of hours, to fit apart; whole sessions on a holiday set's days and the last bars of its half days as
that set's, to give with ``holidays=``. ``halfdays.short_days`` keeps the case of a few half days alone.
``weekends`` names, on a calendar of fixed steps, every week's same closed span (an FX feed over three weeks, too
few for its session to be found) and the 24-hour session that skips it (decision 1619).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import businessdays, halfdays, holidaysets, sessiontext, weekhours, weekmasks
from rnncast.sessiondays import few_dates, session_day
from rnncast.spelling import counted


def said(session, missing: pd.DatetimeIndex, rows: pd.DatetimeIndex) -> tuple[str, bool] | None:
    """The clause of the missing-rows warning for the bars ``missing`` [M] of a session calendar without half days
    (``session``; naive wall times, as ``rows`` [N], the data's) and whether the advice to fill them still follows
    (False for a change of hours, where filling makes up bars); None where neither case explains every row."""
    if session is None or session.early is not None or not len(missing):
        return None
    bars = pd.TimedeltaIndex([session.first + a for a in session.after]).to_numpy()  # [B]
    day = session_day(missing, session)  # the day each missing bar's session opened on
    grouped = pd.Series(missing - day, index=day).groupby(level=0)
    starts, ends, counts = grouped.min(), grouped.max(), grouped.size().to_numpy()
    opened = pd.DatetimeIndex(starts.index)
    own = weekhours.each_day(session, opened)  # [D, B] each day's own weekday's bars (decision 1837)
    tail = (ends.to_numpy() == np.array([bars[k][-1] for k in own])) & \
        (counts == np.array([int(((bars >= s) & k).sum()) for s, k in zip(starts.to_numpy(), own)])) & \
        (starts.to_numpy() > np.array([bars[k][0] for k in own]))  # a session's last bars, from some bar on
    whole = counts == own.sum(axis=1)
    if tail.all() and starts.nunique() == 1 and session.hours is None:
        return _changed(session, opened, starts.iloc[0], rows, len(missing))
    if not (tail | whole).all():
        return None
    dates = (opened + session.first).normalize()
    least = 1 if tail.any() else 2  # one holiday beside that market's half day is no chance match (decision 1672)
    name = businessdays.all_of(dates[whole].to_numpy().astype("datetime64[D]"), least) if whole.any() else None
    if whole.any() and name is None or tail.any() and halfdays.likely(dates[tail], name) is None:
        return None
    name = name or halfdays.likely(dates[tail], None)
    parts = []
    if whole.any():
        names = [n for n in dict.fromkeys((holidaysets.holiday_of(name, d) or "").replace(" (observed)", "")
                                          for d in dates[whole][:3]) if n]  # in date order, each once
        parts.append(f"whole sessions on {name} holidays ({counted(int(counts[whole].sum()), 'row')}: "
                     f"{few_dates(dates[whole])}{', ' + ', '.join(names) if names else ''})")
    if tail.any():
        parts.append(f"the last bars of {name}'s half days, which close early ({counted(int(counts[tail].sum()), 'row')}: "
                     f"{few_dates(dates[tail])})")
    return (f"the rows missing are {' and '.join(parts)}: give holidays={name!r} (--holidays {name}), whose calendar "
            "skips them", True)


def _changed(session, opened: pd.DatetimeIndex, start: pd.Timedelta, rows: pd.DatetimeIndex, missing: int
             ) -> tuple[str, bool] | None:
    """The clause where the same last bars (from ``start``) are missing from every session the data holds up to a
    day and from none after it, or from none up to a day and every one after it: the session's hours changed."""
    held = session_day(rows, session).unique().sort_values()
    k = len(opened)
    if k >= len(held) or k < max(2, len(held) // 20):  # every day (another session) or a few (half days)
        return None
    before, after = held[:k].equals(opened), held[-k:].equals(opened)
    if not (before or after):
        return None
    short, full = halfdays.clock(start - session.step), halfdays.clock(session.first + session.after[-1])
    shown = lambda d: f"{d + session.first:%Y-%m-%d}"  # noqa: E731
    if before:
        when = f"up to {shown(held[k - 1])} and {full} from {shown(held[k])}"
        fit = f"fit on the rows from {shown(held[k])} on"
    else:
        when = f"up to {shown(held[-k - 1])} and {short} from {shown(held[-k])}"
        fit = f"fit on the rows up to {shown(held[-k - 1])}"
        short, full = full, short
    return (f"the rows missing are the bars from {halfdays.clock(start)} on of every session "
            f"{'up to' if before else 'from'} {shown(opened[0] if after else opened[-1])} and of none "
            f"{'after' if before else 'before'}: the session's hours changed (its last bar {short} {when}), no rows "
            f"were lost, and filling them would make up {counted(missing, 'bar')}; {fit}, or give freq= (--freq) "
            "of the session the rows you keep follow", False)


RECUR = 2  # weeks a closed span must be missing in to be a weekend: once is an outage (decision 1937)


def weekends(step, missing: pd.DatetimeIndex, rows: pd.DatetimeIndex | None = None) -> str | None:
    """The clause where the rows ``missing`` [M] (naive wall times) of a calendar of fixed ``step`` under a day are
    every week's same closed span, in ``RECUR`` weeks or more, too few weeks for a session to be found (an FX feed's
    Friday 17:00 to Sunday 16:55 over three weeks), and no row of the data, ``rows`` [N] (naive wall times; any
    series), lies in that span of any week: that span, and the 24-hour session that skips it as ``freq=`` writes
    it; else None (a 4-day battery outage: one span, beside weeks that hold those hours)."""
    if not isinstance(step, pd.Timedelta) or step >= halfdays.DAY or halfdays.DAY % step or len(missing) < 2:
        return None
    missing = missing.unique()  # the hour a fall-back repeats, once on the wall clock
    cuts = np.flatnonzero(np.asarray(missing[1:] - missing[:-1]) != step.to_timedelta64()) + 1
    runs = [(r[0], r[-1]) for r in np.split(missing, cuts)]
    spans = {(f"{a:%a %H:%M}", f"{b:%a %H:%M}", b - a) for a, b in runs}
    first, last = runs[0]
    if len(spans) != 1 or len(runs) < RECUR or last - first < halfdays.DAY or last - first >= pd.Timedelta(days=6):
        return None
    if rows is not None and _held(rows, first, last):
        return None  # other weeks keep those hours: the session would refuse them
    opening = last + step - (last + step).normalize()  # the session opens when the rows resume
    instants = [first.normalize() + pd.Timedelta(days=k) + opening for k in range(-1, 8)]
    closed = {t.day_of_week for t in instants if first <= t <= last}
    week = weekmasks.canonical([d not in closed for d in range(7)])
    freq = sessiontext.write(step, opening, tuple(step * i for i in range(halfdays.DAY // step)), week)
    return (f"the rows missing are every week's {first:%a %H:%M} to {last:%a %H:%M} ({counted(len(runs), 'week')}), "
            f"a market's weekend: give freq={freq!r} (--freq {freq!r}), the session that skips it, if the data keeps it")



def _held(rows: pd.DatetimeIndex, first: pd.Timestamp, last: pd.Timestamp) -> bool:
    """Whether any of ``rows`` [N] lies, in its own week, within the span from ``first``'s weekday and time to
    ``last``'s (a span across Sunday night wraps)."""
    at = lambda t: t.day_of_week * halfdays.DAY.value + (t - t.normalize()).value  # noqa: E731  ns into its week
    pos = np.asarray(rows.day_of_week, dtype=np.int64) * halfdays.DAY.value + \
        (rows - rows.normalize()).to_numpy().astype("timedelta64[ns]").view(np.int64)
    a, b = at(first), at(last)
    inside = (pos >= a) & (pos <= b) if a <= b else (pos >= a) | (pos <= b)
    return bool(inside.any())
