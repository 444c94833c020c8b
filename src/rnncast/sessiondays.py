"""A trading session's day and clock for its bars, and the few dates a message names: each written once.

A session's bars may run past midnight (FX's 22:00-21:00: the Sunday 22:00 bar and the Monday 20:00 one are of the
session that opened on Sunday), so the day a bar belongs to is its wall time moved back by the session's first bar's
time of day, then floored to midnight (``session_day``), and its time in the session is what that floor leaves
(``clock_in``). ``sessions``, ``halfdays``, ``sessiongaps``, ``movedsessions`` and ``calendarsteps`` read them here
(``halfdays`` is below ``sessions``, so they are not ``sessions``'), as they read a zoned time's wall clock with
``zoneclock.wall``. ``few_dates`` is the "2024-07-03, 2024-11-29 and 2 more" their messages name (``spelling.some``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from rnncast.spelling import some


def session_day(times, session):
    """The day (midnight, naive) each bar's session opened on: ``times`` (naive wall times: a DatetimeIndex [N] or a
    Timestamp) less ``session.first`` (the first bar's time of day, a Timedelta), floored to midnight; the same kind
    back. Any object with a ``first`` Timedelta is a session here (``sessions.Session``)."""
    return (times - session.first).normalize()


def clock_in(times, session):
    """Each bar's time since its session opened (``session.first`` on its ``session_day``): [N] Timedeltas for a
    DatetimeIndex [N] of naive wall times (a Timedelta for a Timestamp), from 0 (the first bar) to under a day; the
    same bar of every session reads the same, in a session past midnight too."""
    moved = times - session.first
    return moved - moved.normalize()


def few_dates(days: Sequence, shown: int = 3) -> str:
    """The first ``shown`` of ``days`` (Timestamps or datetime64s) as ``YYYY-MM-DD``, then how many more:
    ``2024-07-03, 2024-11-29, 2024-12-24 and 2 more``; empty text for no days."""
    days = list(days)
    return some([f"{pd.Timestamp(d):%Y-%m-%d}" for d in days[:shown]], shown, total=len(days))
