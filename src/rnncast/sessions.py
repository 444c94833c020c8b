"""Intraday bars of a trading session: the same times of day on each trading day, nothing between sessions.

A market's 30-minute bars run 09:30 to 15:30 (or 16:00) on business days; Tokyo's run 09:00 to 11:00 and,
after lunch, 12:30 to 14:30; an FX market's hourly bars run from Sunday 22:00 to Friday 21:00, each session
from 22:00 to 21:00 the next day. No pandas offset walks them (``BusinessHour`` steps in whole hours and
carries the rest of a step into the next day), so the calendar is a ``Session``: a step (a pandas ``Tick``),
the first bar's time of day, each bar's time after the first (every step within each part, each part from its
own first bar, on the first's step grid or off it: Tokyo's hourly 09:00 .. 11:00, 12:30 .. 14:30; a break, such
as lunch, is the time between parts), and the days sessions open on (a business-day offset: ``B``, a week mask of
``weekmasks``, holidays of
``businessdays``). It is written as ``freq=`` takes it (``sessiontext``): the step and each part's first and
last bar, both included, then the week when it is not Monday to Friday (``30min 09:30-15:30``,
``30min 09:00-11:00 12:30-14:30``, ``h 22:00-21:00 Sun Mon Tue Wed Thu``: a time before the one before it is
on the next day); weekdays that keep other hours follow after ``;`` (``weekhours``, decision 1786).

``grid`` lays the bars of the sessions between two times (the calendar's walk: fit's ruler, predict's
forecast dates), ``infer`` finds a session in timestamps whose most common step is under a day, only
where chance cannot explain the times they never have (``weekmasks.CHANCE``): the longest gap between the
times of day they hold is the night, any other a break. ``other_sessions`` marks the series of a panel that keep
a session of their own (Tokyo's bars among Hong Kong's).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import halfdays, sessiontext, weekhours, weekmasks, zoneclock
from rnncast.sessiondays import clock_in, session_day
from rnncast.spelling import counted

DAY = sessiontext.DAY  # one day: sessions run within one, their text is read against it


class Session(NamedTuple):
    """Bars every ``step`` within each part, at the times ``after`` after ``first`` (time of day), on the days of
    ``days``."""

    step: pd.Timedelta  # 30 minutes
    first: pd.Timedelta  # the first bar's time of day: 09:00
    after: tuple[pd.Timedelta, ...]  # each bar's time after the first, rising from 0: (0, 30min, ... 2h, 3h30min, ...)
    days: pd.offsets.BaseOffset  # the days sessions open on: B, a week mask's CustomBusinessDay, holidays skipped
    early: halfdays.Early | None = None  # the holiday set's half days and their closes: no bars from a close on
    hours: tuple | None = None  # [7][B] the bars each weekday keeps, Monday first, where they differ (weekhours)

    @property
    def bars(self) -> int:
        """The bars in a session: 10 for ``30min 09:00-11:00 12:30-14:30``; those of all its weekdays together where
        they keep different hours (``hours``: 24 for ``30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat``)."""
        return len(self.after)

    @property
    def week_bars(self) -> int:
        """The bars of a week of sessions, holidays apart: 128 for ``30min 08:00-19:30 Mon Tue Wed Thu Fri;
        09:00-12:30 Sat``."""
        return weekhours.week_bars(self)

    @property
    def span(self) -> pd.Timedelta:
        """From the first bar's time to the end of the last bar's step, breaks included: a day at most."""
        return self.after[-1] + self.step

    @property
    def week(self) -> str:
        """The weekdays sessions open on, canonical (``weekmasks.BUSINESS`` for Monday to Friday)."""
        return weekmasks.of(self.days) or weekmasks.BUSINESS

    @property
    def freqstr(self) -> str:
        """As ``freq=`` takes it and model.json keeps it: ``30min 09:00-11:00 12:30-14:30`` (holidays apart)."""
        if self.hours is not None:
            return weekhours.write(self.step, self.first, self.after, self.hours, self.week)
        return sessiontext.write(self.step, self.first, self.after, self.week)

    def on(self, days: pd.offsets.BaseOffset) -> "Session":
        """The session on other days (the same week without a holiday set's days)."""
        return self._replace(days=days)

    def closing(self, early: "halfdays.Early | None") -> "Session":
        """The session whose half days (``halfdays.Early``) close early: their bars from the close on are none."""
        return self._replace(early=early)


def parse(freq) -> Session | None:
    """The session ``freq`` spells (``30min 09:30-15:30``, ``30min 09:00-11:00 12:30-14:30``: ``sessiontext``)
    or pandas' business hours name (``bh``, ``cbh``: ``business_hours``), or None when it writes no time of day
    (an alias, a week mask, an integer step). Text that spells no session (a step that is not a fixed time under
    a day, parts overlapping or out of order, a part not a whole number of steps, a session longer than a day) is
    refused in one line naming what is accepted (``RnncastError``). Weekdays of other hours follow after ``;``
    (``30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat``: ``weekhours.read``)."""
    if (week := weekhours.read(freq)) is not None:
        step, first, after, mask, hours = week
        return Session(step, first, after, weekmasks.offset(mask), None, hours)
    spelled = sessiontext.read(freq)
    if spelled is None:
        return business_hours(freq)
    step, first, after, mask = spelled
    return Session(step, first, after, weekmasks.offset(mask))


def business_hours(freq) -> Session | None:
    """The session pandas' business hours walk (``freq``: ``bh``, ``cbh``, ``2bh`` or a ``BusinessHour`` offset,
    start and end included): a bar every ``n`` hours from each opening to a step before its close, on its weekdays
    (``bh``, 09:00 to 17:00 on Monday to Friday: ``h 09:00-16:00``), so that its days skip holidays as any
    session's do; each part's bars run from its own opening (``start=['09:00', '12:30']``). None for anything
    else, and for business hours no session walks: a part that is no whole number of steps (``BusinessHour``
    then carries the rest into the next day), a shifted ``offset``, or a
    ``CustomBusinessHour`` with holidays of its own (a holiday set is named with ``holidays=``)."""
    if isinstance(freq, str):
        try:
            freq = to_offset(freq)
        except (ValueError, TypeError):
            return None
    if not isinstance(freq, pd.offsets.BusinessHour) or freq.n <= 0 or freq.offset:
        return None
    if isinstance(freq, pd.offsets.CustomBusinessHour):
        if len(freq.holidays):
            return None
        days = weekmasks.offset(weekmasks.canonical(np.asarray(freq.calendar.weekmask, dtype=bool)))
    else:
        days = pd.offsets.BusinessDay()
    step = pd.Timedelta(hours=freq.n)
    clock = [pd.Timedelta(hours=t.hour, minutes=t.minute, seconds=t.second) for t in freq.start + freq.end]
    starts, ends = clock[: len(freq.start)], clock[len(freq.start):]
    after: list[pd.Timedelta] = []
    for start, end in zip(starts, ends):  # pandas keeps the parts in order from the first
        begin, length = (start - starts[0]) % DAY, (end - start) % DAY or DAY
        if length % step:
            return None
        after += [begin + i * step for i in range(length // step)]
    if any(b - a < step for a, b in zip(after, after[1:])) or after[-1] + step > DAY:
        return None
    return Session(step, starts[0], tuple(after), days)


def grid(session: Session, start: pd.Timestamp, end: pd.Timestamp | None = None, count: int = 0) -> pd.DatetimeIndex:
    """The bars (naive wall times) of the sessions from the one ``start`` (naive) falls in or before, through
    ``end``, or, without ``end``, the first ``count`` bars after ``start``. A session's bars may end on the
    next day; the days are ``session.days``' (pandas' ``date_range``), a half day's ending at its close
    (``session.early``: ``halfdays``), each weekday keeping its own hours' bars (``session.hours``: ``weekhours``)."""
    opened = session_day(start, session)  # the day the session of ``start`` opened on, or would have
    periods = count // session.bars + 3
    bars = session.first.value + np.array([t.value for t in session.after], dtype=np.int64)  # [bars] after midnight
    while True:
        if end is None:
            days = pd.date_range(opened, periods=periods, freq=session.days)
        else:
            days = pd.date_range(opened, session_day(end, session), freq=session.days)
        days = days.normalize().as_unit("ns")
        stamps = days.asi8[:, None] + bars[None, :]
        keep = np.ones(stamps.shape, dtype=bool)
        if session.early is not None:  # a half day's bars from its close on are none
            keep &= halfdays.kept(session.early, session.first, session.after, days.asi8)
        if session.hours is not None:  # a weekday's bars outside its hours are none (decision 1786)
            keep &= weekhours.kept(session.hours, days.asi8)
        stamps = stamps[keep]
        stamps = pd.DatetimeIndex(stamps.reshape(-1).view("M8[ns]"))
        if end is not None or (stamps > start).sum() >= count:
            break
        periods *= 2  # half days that keep few bars
    if end is None:
        return stamps[stamps > start][:count]
    return stamps[(stamps >= start) & (stamps <= end)] if len(stamps) else stamps


def following(session: Session, last: pd.Timestamp, horizon: int, name=None) -> pd.DatetimeIndex:
    """The ``horizon`` bars after ``last`` (a timestamp, zoned or not; sessions run on its wall clock), in its unit."""
    tz = last.tz
    stamps = grid(session, zoneclock.wall(last), count=horizon)
    if tz is not None:
        stamps = stamps.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    return stamps.as_unit(last.unit).rename(name)


def opened(time: pd.Index, session: "Session | None") -> pd.Index:
    """``time`` [N] as the days its sessions opened on read it (a naive wall time moved back by the first bar's
    time of day), where ``session``'s bars run past midnight (holidays are those days'); else ``time`` itself."""
    if not isinstance(session, Session) or session.first + session.span <= DAY:
        return time
    wall = zoneclock.wall(time)
    return (wall - session.first).rename(time.name)


def infer(wall: pd.DatetimeIndex, offsets: np.ndarray, step: pd.Timedelta) -> Session | None:
    """The session of the stacked naive wall times [N] (each series sorted, cut at ``offsets`` [S + 1])
    whose most common step is ``step``, or None. The times of day the rows hold, in order, run every ``step``
    within each part of the session, a part starting at any time (Tokyo's hourly 12:30 after 11:00); no two are
    closer than ``step``. The longest gap between them is the night between sessions, any other a break within
    the session (lunch), when, at the rate the data misses its other bars, no day of the ``weekmasks.MIN_WEEKS``
    or more it spans would miss them all by chance (``weekmasks.CHANCE``). A weekday whose rows lack some of those
    times on each of its days, where chance cannot explain it, keeps its own hours (``weekhours.found``: a Saturday's
    09:00-12:30 among weekdays' 08:00-19:30, decision 1786).
    Every time of day has rows (FX): a session of a whole day, opening where the rows resume after the
    longest gaps, when its days keep a week (``weekmasks.kept``) other than every day."""
    if not isinstance(step, pd.Timedelta) or step >= DAY or DAY % step or len(wall) < 2:
        return None
    unit = pd.Timedelta(1, unit=wall.unit)
    values = wall.asi8
    tick, day = step // unit, DAY // unit
    held = np.unique(values % day)  # [K] the times of day the rows hold
    gaps = np.diff(np.append(held, held[0] + day))  # [K] from each to the next, round the clock
    if (gaps < tick).any():
        return None
    whole = bool((gaps == tick).all())  # every step of the day held
    if whole:
        start = _resumes(values, offsets, day, tick, int(held[0]))
        if start is None:
            return None
        first, after = int(held[0]) + start * tick, np.arange(day // tick) * tick
    else:
        opens = (int(np.argmax(gaps)) + 1) % len(held)  # after the night: the first of the longest gaps
        first = int(held[opens])
        after = np.sort((held - first) % day)
        days = np.unique((values - first) // day)
        rate = len(values) / (len(days) * len(after))
        if len(days) < weekmasks.MIN_WEEKS or (1 - min(rate, 1.0)) ** len(days) >= weekmasks.CHANCE:
            return None
    opened, cut = _days_opened(values, offsets, first, day)
    week = weekmasks.likely(opened, cut)
    if whole and week == weekmasks.EVERY:
        return None
    hours = None if whole else weekhours.on_week(weekhours.found(  # a Saturday's shorter hours (decision 1786)
        values, offsets, first, np.asarray(after), day, weekmasks.MIN_WEEKS, weekmasks.CHANCE), week)
    return Session(step, pd.Timedelta(first * unit), tuple(pd.Timedelta(int(t) * unit) for t in after),
                   weekmasks.offset(week), None, hours)


def other_sessions(wall: pd.DatetimeIndex, offsets: np.ndarray, session: Session, missing: np.ndarray,
                   most: int) -> np.ndarray:
    """[S] True for a series with missing rows (``missing`` [S]) whose own rows keep another session's bars than
    ``session`` (found in the whole panel's: a Tokyo stock's 09:00-11:00 12:30-14:30 among Hong Kong's 09:30-11:30
    13:00-15:30 make one session of both, which each series misses a part of every day), for the stacked naive wall
    times [N] cut at ``offsets`` [S + 1]; the first ``most`` + 1 such series looked at, at most."""
    odd = np.zeros(len(offsets) - 1, dtype=bool)
    for s in np.flatnonzero(missing > 0)[: most + 1]:
        own = infer(wall[offsets[s] : offsets[s + 1]], np.array([0, offsets[s + 1] - offsets[s]]), session.step)
        odd[s] = own is not None and (own.first, own.after, own.hours) != (session.first, session.after, session.hours)
    return odd


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
    bars = (values[after] % day - phase) // tick
    return int(np.bincount(bars).argmax())


def whole(session: Session, season: int | None) -> int:
    """How many of ``session``'s sessions ``season`` (steps) is: 0 where it is none, one step or no whole number of
    them (78 on NYSE's 5-minute bars: 1; 7 on its hourly 09:30-15:30 bars: 1; 24 there: 0). Where its weekdays keep
    different hours, how many weeks (128 on a call centre's ``30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30
    Sat``: 1), else how many of some weekday's sessions (144: 6 of 24 bars, which reads other bars after a
    Saturday's 8: decision 1786)."""
    if season is None or season <= 1:
        return 0
    sizes = (session.week_bars, *sorted(set(weekhours.day_bars(session).values()), reverse=True)) \
        if session.hours is not None else (session.bars,)
    return next((season // n for n in sizes if not season % n), 0)


def shifted_season(session: Session, times, season: int | None, shown: str = "") -> str | None:
    """The warning where ``season`` (steps) is a whole number of ``session``'s sessions but, counted in bars across
    the sessions ``times`` (the rows' DatetimeIndex, zoned or not) span, reaches another time of day (a half day's
    42 bars among 78: the 09:30 bar after it reads the session before's 13:00): the seasonal naive baseline and
    MASE's scale take those bars, not the same bar of the previous session (decision 1615); where the weekdays keep
    different hours, ``weekhours.shifted``'s line (decision 1786); None otherwise."""
    if session is None or not whole(session, season) or not isinstance(times, pd.DatetimeIndex) or len(times) < 2:
        return None
    wall = zoneclock.wall(times)
    bars = grid(session, wall.min(), wall.max())
    if len(bars) <= season:
        return None
    clock = clock_in(bars, session)  # [B] each bar's time in its session
    off = np.flatnonzero(np.asarray(clock[season:] != clock[:-season]))  # [K] bars reading another time of day
    if not len(off):
        return None
    now, back = bars[season + off[0]], bars[off[0]]
    if session.hours is not None:  # weekdays of other hours, not half days (decision 1786)
        short = weekhours.first_short(session, bars[off[0] : season + off[0] + 1])  # the holiday (decision 1839)
        return weekhours.shifted(session, season, shown or repr(session.freqstr), len(off), now, back, short)
    back_n = whole(session, season)
    opened = session_day(bars, session)  # [B] the day each bar's session opened on
    days = opened.unique()
    then = days[days.get_loc(opened[season + off[0]]) - back_n] + session.first + clock[season + off[0]]
    same = f"{then:%Y-%m-%d %H:%M}'s" if then in bars else f"{then:%Y-%m-%d}, which has no {then:%H:%M} bar"
    return (f"season {season} is {'one session' if back_n == 1 else f'{back_n} sessions'} of "
            f"{shown or repr(session.freqstr)} ({session.bars} bars each), but half days keep fewer bars: counted in "
            f"bars, the seasonal naive forecast and MASE's scale read another time of day on the "
            f"{counted(len(off), 'bar')} after them (for {now:%Y-%m-%d %H:%M}, {back:%Y-%m-%d %H:%M}'s, not {same}), so that baseline, and the "
            f"model's comparison with it, are off there")
