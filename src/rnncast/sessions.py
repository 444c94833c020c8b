"""Intraday bars of a trading session: the same times of day on each trading day, nothing between sessions.

A market's 30-minute bars run 09:30 to 15:30 (or 16:00) on business days; an FX market's hourly bars run
from Sunday 22:00 to Friday 21:00, each session from 22:00 to 21:00 the next day. No pandas offset walks
them (``BusinessHour`` steps in whole hours and carries the rest of a step into the next day), so the
calendar is a ``Session``: a step (a pandas ``Tick``), the first bar's time of day, the bars in a session,
and the days sessions open on (a business-day offset: ``B``, a week mask of ``weekmasks``, holidays of
``businessdays``). It is written as ``freq=`` takes it: the step's alias and the first and last bar's
times, both included, then the week when it is not Monday to Friday (``30min 09:30-15:30``,
``h 22:00-21:00 Sun Mon Tue Wed Thu``: a last bar before the first ends the session on the next day).

``grid`` lays the bars of the sessions between two times (the calendar's walk: fit's ruler, predict's
forecast dates), ``infer`` finds a session in timestamps whose most common step is under a day, only
where chance cannot explain the times they never have (``weekmasks.CHANCE``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import weekmasks
from rnncast.errors import RnncastError

DAY = pd.Timedelta(days=1)
ACCEPTED = ("a session is written as the step, the first and the last bar's times of day (both included) and, if not "
            "Monday to Friday, the week: '30min 09:30-15:30', 'h 09:00-17:00', 'h 22:00-21:00 Sun Mon Tue Wed Thu' "
            "(a last bar before the first ends on the next day)")
_FORM = re.compile(r"^\s*(\S+)\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*-\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*(.*?)\s*$")


class Session(NamedTuple):
    """Bars every ``step`` from ``first`` (time of day) on, ``bars`` of them, on the days of ``days``."""

    step: pd.Timedelta  # 30 minutes
    first: pd.Timedelta  # the first bar's time of day: 09:30
    bars: int  # bars in a session: 13
    days: pd.offsets.BaseOffset  # the days sessions open on: B, a week mask's CustomBusinessDay, holidays skipped

    @property
    def week(self) -> str:
        """The weekdays sessions open on, canonical (``weekmasks.BUSINESS`` for Monday to Friday)."""
        return weekmasks.of(self.days) or weekmasks.BUSINESS

    @property
    def freqstr(self) -> str:
        """As ``freq=`` takes it and model.json keeps it: ``30min 09:30-15:30`` (holidays apart)."""
        last = self.first + (self.bars - 1) * self.step
        week = "" if self.week == weekmasks.BUSINESS else f" {self.week}"
        return f"{to_offset(self.step).freqstr} {_clock(self.first)}-{_clock(last % DAY)}{week}"

    def on(self, days: pd.offsets.BaseOffset) -> "Session":
        """The session on other days (the same week without a holiday set's days)."""
        return self._replace(days=days)


def _clock(t: pd.Timedelta) -> str:
    seconds = int(t.total_seconds())
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    return text if seconds % 60 == 0 else f"{text}:{seconds % 60:02d}"


def parse(freq) -> Session | None:
    """The session ``freq`` spells (``30min 09:30-15:30``, see the module), or None when it writes no
    time of day (an alias, a week mask, an integer step). A step that is not a fixed time under a day, a
    time that is none, a last bar no whole number of steps after the first, or a session longer than a day
    is refused in one line naming what is accepted (``RnncastError``)."""
    if not isinstance(freq, str) or not re.search(r"\d:\d\d", freq):
        return None
    form = _FORM.match(freq)
    if form is None:
        raise RnncastError(f"freq={freq!r} is no session; {ACCEPTED}")
    alias, start, end, rest = form.groups()
    try:
        step = to_offset(alias)
    except (ValueError, TypeError):
        step = None
    if not isinstance(step, pd.offsets.Tick) or step.n <= 0 or pd.Timedelta(step) >= DAY:
        raise RnncastError(f"freq={freq!r}: the step {alias!r} is no fixed time under a day (such as 30min, h, 15min); "
                           f"{ACCEPTED}")
    step = pd.Timedelta(step)
    first, last = (_time_of_day(t, freq) for t in (start, end))
    span = (last - first) % DAY
    if span % step:
        raise RnncastError(f"freq={freq!r}: the last bar {end} is not a whole number of {alias} steps after the first "
                           f"{start}; {ACCEPTED}")
    bars = int(span // step) + 1
    if bars * step > DAY:
        raise RnncastError(f"freq={freq!r}: {bars} bars of {alias} last longer than a day; {ACCEPTED}")
    try:
        mask = weekmasks.parse(rest) if rest else weekmasks.BUSINESS
    except RnncastError as err:  # 'Thur': named with the whole freq
        raise RnncastError(str(err).replace(f"freq={rest!r}", f"freq={freq!r}", 1)) from None
    if mask is None:
        raise RnncastError(f"freq={freq!r}: {rest!r} is no week; {ACCEPTED}")
    return Session(step, first, bars, weekmasks.offset(mask))


def _time_of_day(text: str, freq: str) -> pd.Timedelta:
    parts = [int(p) for p in text.split(":")]
    if parts[0] > 23 or any(p > 59 for p in parts[1:]):
        raise RnncastError(f"freq={freq!r}: {text!r} is no time of day (00:00 to 23:59); {ACCEPTED}")
    return pd.Timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) > 2 else 0)


def grid(session: Session, start: pd.Timestamp, end: pd.Timestamp | None = None, count: int = 0) -> pd.DatetimeIndex:
    """The bars (naive wall times) of the sessions from the one ``start`` (naive) falls in or before, through
    ``end``, or, without ``end``, the first ``count`` bars after ``start``. A session's bars may end on the
    next day; the days are ``session.days``' (pandas' ``date_range``)."""
    opened = (start - session.first).normalize()  # the day the session of ``start`` opened on, or would have
    if end is None:
        days = pd.date_range(opened, periods=count // session.bars + 3, freq=session.days)
    else:
        days = pd.date_range(opened, (end - session.first).normalize(), freq=session.days)
    days = days.normalize().as_unit("ns")
    bars = session.first.value + session.step.value * np.arange(session.bars)  # [bars] ns after each day's midnight
    stamps = pd.DatetimeIndex((days.asi8[:, None] + bars[None, :]).reshape(-1).view("M8[ns]"))
    if end is None:
        return stamps[stamps > start][:count]
    return stamps[(stamps >= start) & (stamps <= end)] if len(stamps) else stamps


def following(session: Session, last: pd.Timestamp, horizon: int, name=None) -> pd.DatetimeIndex:
    """The ``horizon`` bars after ``last`` (a timestamp, zoned or not; sessions run on its wall clock), in its unit."""
    tz = last.tz
    wall = last.tz_localize(None) if tz is not None else last
    stamps = grid(session, wall, count=horizon)
    if tz is not None:
        stamps = stamps.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    return stamps.as_unit(last.unit).rename(name)


def opened(time: pd.Index, session: "Session | None") -> pd.Index:
    """``time`` [N] as the days its sessions opened on read it (a naive wall time moved back by the first bar's
    time of day), where ``session``'s bars run past midnight (holidays are those days'); else ``time`` itself."""
    if not isinstance(session, Session) or session.first + session.bars * session.step <= DAY:
        return time
    wall = time.tz_localize(None) if getattr(time, "tz", None) is not None else time
    return (wall - session.first).rename(time.name)


def infer(wall: pd.DatetimeIndex, offsets: np.ndarray, step: pd.Timedelta) -> Session | None:
    """The session of the stacked naive wall times [N] (each series sorted, cut at ``offsets`` [S + 1])
    whose most common step is ``step``, or None. Some times of day have no row on any day: they are the
    night between sessions when they are one run and, at the rate the data misses its other bars, no day
    of the ``weekmasks.MIN_WEEKS`` or more it spans would miss them all by chance (``weekmasks.CHANCE``).
    Every time of day has rows (FX): a session of a whole day, opening where the rows resume after the
    longest gaps, when its days keep a week (``weekmasks.kept``) other than every day."""
    if not isinstance(step, pd.Timedelta) or step >= DAY or DAY % step or len(wall) < 2:
        return None
    unit = pd.Timedelta(1, unit=wall.unit)
    values = wall.asi8
    tick, day = step // unit, DAY // unit
    phase = values[0] % tick
    if ((values - phase) % tick).any():
        return None
    slot = (values % day - phase) // tick  # [N] each row's bar of the day
    per_day = day // tick
    held = np.bincount(slot, minlength=per_day) > 0
    if held.all():
        start = _resumes(values, offsets, day, tick, phase)
        if start is None:
            return None
        first = phase + start * tick
        bars = per_day
    else:
        opens = np.flatnonzero(held & ~np.roll(held, 1))
        if len(opens) != 1:
            return None  # a break within the session (a lunch break): no one run
        first, bars = phase + int(opens[0]) * tick, int(held.sum())
        days = np.unique((values - first) // day)
        rate = len(values) / (len(days) * bars)
        if len(days) < weekmasks.MIN_WEEKS or (1 - min(rate, 1.0)) ** len(days) >= weekmasks.CHANCE:
            return None
    opened, cut = _days_opened(values, offsets, first, day)
    week = weekmasks.likely(opened, cut)
    if held.all() and week == weekmasks.EVERY:
        return None
    return Session(step, pd.Timedelta(int(first) * unit), int(bars), weekmasks.offset(week))


def _days_opened(values: np.ndarray, offsets: np.ndarray, first: int, day: int) -> tuple[np.ndarray, np.ndarray]:
    """The days (``datetime64[D]``) sessions opened on, each once per series, and their series' cuts [S + 1]:
    ``weekmasks.kept`` counts days, so the rate it misses them at is a day's, not a bar's."""
    opened = (values - first) // day
    new = np.ones(len(opened), dtype=bool)
    new[1:] = opened[1:] != opened[:-1]
    new[offsets[:-1][offsets[:-1] < len(opened)]] = True
    cut = np.append(np.cumsum(new)[offsets[:-1] - 1] * (offsets[:-1] > 0), new.sum())
    return opened[new].astype("datetime64[D]"), cut


def _resumes(values: np.ndarray, offsets: np.ndarray, day: int, tick: int, phase: int) -> int | None:
    """The bar of the day (from ``phase``) at which rows most often resume after a gap of a day or more, or None."""
    after = np.flatnonzero(np.diff(values) >= day) + 1
    inside = np.ones(len(after), dtype=bool) if len(offsets) == 2 else ~np.isin(after, offsets[1:-1])
    after = after[inside]
    if not len(after):
        return None
    slots = (values[after] % day - phase) // tick
    return int(np.bincount(slots).argmax())
