"""A week's last or first trading day: weekly closes dated Friday, Thursday when Friday is a holiday of the
market (``'W-FRI'`` without NYSE holidays), or weekly opens dated Monday, Tuesday after a Monday holiday
(``'W-MON'``).

pandas has business days without holidays (``CustomBusinessDay``) and month ends without them (``businessmonths``)
but no such week, so ``TradingWeek`` is that offset: each week's anchor day (pandas' ``W-FRI``, ``W-MON``) rolled
back (Friday) or forward (Monday) over the set's holidays by its ``CustomBusinessDay``; a week that is all holidays
has no row. ``freq=`` spells it as the weekly alias with ``holidays=`` (``given``), model.json keeps both
(``Calendar.state``), or it is found (``explain``) as ``businessmonths`` finds a market's month ends: every row a
weekday of its week no later than its Friday (no earlier than its Monday), the weekdays the rows were moved over all
holidays of one set and no row one of them, the set chosen as ``businessmonths.sets`` orders them; sets that explain
the rows alike but date the forecasts otherwise are named.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import businessdays, zoneclock
from rnncast.businessmonths import AHEAD, first_differences, moved_words, sets, weekday_days
from rnncast.holidaysets import canonical, offset as business_days, wall_days
from rnncast.offsetguess import inside

KINDS = {"W-FRI": (4, True), "W-MON": (0, False)}  # the alias: its anchor weekday, rolled back over holidays or not
WEEK = pd.Timedelta(days=7)


class TradingWeek(pd.DateOffset):
    """Every ``n``-th week's trading day: the anchor day of ``alias`` (``W-FRI``, ``W-MON``) rolled back (Friday)
    or forward (Monday) over the holidays of set ``market``, a week with no trading day passed over."""

    def __init__(self, n: int = 1, normalize: bool = False, *, alias: str = "W-FRI", market: str = "NYSE"):
        super().__init__(n, normalize)
        object.__setattr__(self, "alias", alias)  # pandas offsets are immutable once made
        object.__setattr__(self, "market", market)
        object.__setattr__(self, "_business", business_days(market))  # not 'days': pandas reads that as a kwd

    @property
    def kwds(self) -> dict:  # what pandas makes a copy from (offset.base, pickling)
        return {"alias": self.alias, "market": self.market}

    def _anchor(self, day: pd.Timestamp) -> pd.Timestamp:
        """The anchor day of the week ``day`` (midnight) belongs to: the Friday on or after it, the Monday on or
        before it."""
        weekday, back = KINDS[self.alias]
        return day + pd.Timedelta(days=(weekday - day.weekday()) % 7) if back else \
            day - pd.Timedelta(days=(day.weekday() - weekday) % 7)

    def _day(self, anchor: pd.Timestamp) -> pd.Timestamp | None:
        """The trading day of the week of ``anchor``, None where the week has none."""
        day = self._business.rollback(anchor) if KINDS[self.alias][1] else self._business.rollforward(anchor)
        return day if abs(day - anchor) < WEEK else None

    def _walk(self, dt, n: int) -> pd.Timestamp:
        """The ``n``-th week's trading day after ``dt`` (before, for ``n`` < 0), at ``dt``'s time of day."""
        dt = pd.Timestamp(dt)
        tz = dt.tz
        wall = zoneclock.wall(dt)
        day = wall.normalize()
        step = WEEK if n > 0 else -WEEK
        anchor, left = self._anchor(day) - step, abs(n)  # a week early: the week's day may lie on either side of dt
        while True:
            found = self._day(anchor)
            if found is not None and (found > day if n > 0 else found < day):
                left -= 1
                if not left:
                    at = found + (wall - day)
                    return at.tz_localize(tz) if tz is not None else at
            anchor += step

    def _add_datetime(self, other):  # what pandas' date_range and ``timestamp + offset`` call
        return self._walk(other, self.n) if self.n else pd.Timestamp(other)

    def is_on_offset(self, dt) -> bool:
        dt = pd.Timestamp(dt)
        day = zoneclock.wall(dt).normalize()
        return self._day(self._anchor(day)) == day

    def rollback(self, dt) -> pd.Timestamp:
        return pd.Timestamp(dt) if self.is_on_offset(dt) else self._walk(dt, -1)

    def rollforward(self, dt) -> pd.Timestamp:
        return pd.Timestamp(dt) if self.is_on_offset(dt) else self._walk(dt, 1)

    def __mul__(self, k):
        return TradingWeek(self.n * int(k), self.normalize, alias=self.alias, market=self.market)

    __rmul__ = __mul__

    def __neg__(self):
        return self * -1

    def copy(self):
        return self * 1

    def __eq__(self, other) -> bool:
        return type(other) is TradingWeek and (self.n, self.alias, self.market) == (other.n, other.alias, other.market)

    def __hash__(self) -> int:
        return hash(("TradingWeek", self.n, self.alias, self.market))

    @property
    def freqstr(self) -> str:
        return f"{self.n if self.n != 1 else ''}{self.alias}"

    def __repr__(self) -> str:
        return f"<TradingWeek {self.freqstr} without {self.market} holidays>"


class Found(NamedTuple):
    """The holiday set that explains weekly rows moved off plain ``W-FRI`` (``W-MON``) over its holidays."""

    name: str  # "NYSE"
    offset: TradingWeek
    moved: int  # rows moved over holidays of the set
    differ: tuple = ()  # (set, the first forecast date it gives otherwise): sets that explain the rows alike

    def __str__(self) -> str:
        kind = self.offset.freqstr
        rows, other = moved_words(kind, self.moved, self.differ)
        return (f"{kind!r} without {self.name} holidays ({which(self.offset.alias)}: {rows} moved "
                f"{'back' if KINDS[self.offset.alias][1] else 'forward'} over {self.name} holidays{other}; give holidays= (--holidays) to name another set)")


def kind_of(freq) -> tuple[str, int] | None:
    """``('W-FRI' | 'W-MON', n)`` where ``freq`` (text or a pandas offset) is weeks anchored on Friday or Monday,
    every ``n`` of them (``W-FRI``, ``2W-MON``, a ``TradingWeek``), else None."""
    if type(freq) is TradingWeek:
        return freq.alias, int(freq.n)
    if isinstance(freq, str):
        try:
            freq = to_offset(freq)
        except (ValueError, TypeError):
            return None
    if isinstance(freq, pd.offsets.Week) and freq.n > 0 and freq.weekday in (4, 0):
        return ("W-FRI" if freq.weekday == 4 else "W-MON"), int(freq.n)
    return None


def text(freq) -> str | None:
    """``freq=``'s alias of a ``TradingWeek`` (``W-FRI``, ``2W-MON``), else None."""
    return freq.freqstr if type(freq) is TradingWeek else None


_MADE: dict = {}  # (set, alias, n): its offset, made once


def offset(name: str, alias: str = "W-FRI", n: int = 1) -> TradingWeek:
    """The week's trading day of ``alias`` every ``n`` weeks without the holidays of set ``name``."""
    key = (canonical(name), alias, n)
    if key not in _MADE:
        _MADE[key] = TradingWeek(n, alias=alias, market=key[0])
    return _MADE[key]


def given(time, name: str, freq, where, fmt: str | None = None) -> TradingWeek:
    """The calendar ``freq`` (``kind_of``) without set ``name``'s holidays for the times [N], none of which may
    fall on one of them (``RnncastError`` naming the first such row, as ``businessdays.given``)."""
    alias, n = kind_of(freq)
    businessdays.given(time, name, where, fmt, calendar=f"{which(alias)} without {canonical(name)} holidays")
    return offset(name, alias, n)


def which(alias: str) -> str:
    """How a person reads ``alias``: ``each week's last trading day`` (``first`` for ``W-MON``)."""
    return f"each week's {'last' if KINDS[alias][1] else 'first'} trading day"


def explain(time: pd.Index, offsets: np.ndarray) -> Found | None:
    """The holiday set that explains the stacked dates [N] of series cut at ``offsets`` [S + 1] (each sorted)
    as each week's last (first) trading day, some moved over the set's holidays, or None (no row moved, a row at a
    time of day or on a weekend, two rows in one week)."""
    read = weekday_days(time)
    if read is None:
        return None
    wall, days = read
    for alias in KINDS:
        low, high, steps = _spans(days, offsets, alias)
        if len(steps) and (steps <= 0).any():
            continue  # two rows in one week
        moved = np.flatnonzero(high > low)
        if not len(moved):
            continue
        over = np.unique(np.concatenate([np.arange(low[i], high[i]) for i in moved]))
        found = sets(days, over[np.is_busday(over)])
        n = int(np.gcd.reduce(steps)) if len(steps) else 1  # 2: every other week
        if found:
            chosen = offset(found[0], alias, n)
            ends = wall[offsets[1:][offsets[1:] > offsets[:-1]] - 1]
            return Found(found[0], chosen, len(moved), _differ(chosen, found[1:], alias, n, ends))
    return None


def near(time: pd.Index, offsets: np.ndarray) -> list:
    """The calendar a market's weekly rows keep where a few are off it (a typo): ``explain`` of every row, else the
    set whose holidays explain the most rows moved off plain 'W-FRI' ('W-MON'), two at least and most of them, as a
    candidate for ``offcalendar.few_off``, which then names only the rows truly off it, and for a series' own
    calendar in a panel (``owncalendars.alone``); else [] (and for rows that are not weekly)."""
    found = explain(time, offsets)
    if found is not None or not isinstance(time, pd.DatetimeIndex) or len(time) < 3:
        return [] if found is None else [found.offset]
    wall = zoneclock.wall(time)
    days = wall_days(time)
    for alias in KINDS:
        low, high, steps = _spans(days, offsets, alias)
        moved = np.flatnonzero((high > low) & np.asarray(wall == wall.normalize()))
        if (steps <= 0).sum() > max(1, len(days) // 20) or not 2 <= len(moved) <= len(days) // 5:
            continue  # not weekly rows, or too many moved for a market's holidays
        votes: dict = {}
        for i in moved:
            span = np.arange(low[i], high[i])
            span = span[np.is_busday(span)]
            for rank, name in enumerate(sets(days[i : i + 1], span) if len(span) else []):
                count, best = votes.get(name, (0, rank))
                votes[name] = (count + 1, min(best, rank))
        chosen = max(votes, key=lambda v: (votes[v][0], -votes[v][1]), default=None)
        if chosen is not None and votes[chosen][0] >= 2 and 2 * votes[chosen][0] > len(moved):
            return [offset(chosen, alias)]
    return []


def set_of(freq) -> str | None:
    """The holiday set of a ``TradingWeek`` (``'NYSE'``), else None."""
    return freq.market if type(freq) is TradingWeek else None


def _spans(days: np.ndarray, offsets: np.ndarray, alias: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The days [N] each row was moved over from plain ``alias`` (from ``low`` up to, not including, ``high``; none
    where ``high <= low``, a row after its Friday or before its Monday) and the steps in weeks between rows of a
    series [N - S]."""
    weekday, back = KINDS[alias]
    weekdays = (days.view("int64") + 3) % 7  # Monday 0: 1970-01-01 was a Thursday
    anchors = days + ((weekday - weekdays) % 7 if back else -((weekdays - weekday) % 7)).astype("timedelta64[D]")
    steps = np.diff(anchors).astype(np.int64)[inside(offsets, len(days))] // 7
    low, high = (days + 1, anchors + 1) if back else (anchors, days)
    return low, high, steps


def _differ(chosen: TradingWeek, alike: list[str], alias: str, n: int, ends: pd.DatetimeIndex) -> tuple:
    """(set, first date) for each of ``alike`` whose calendar dates the weeks from the earliest series' end ``ends``
    through ``AHEAD`` years after the latest otherwise than ``chosen``."""
    first, last = ends.min(), ends.max()
    weeks = ((last - first).days // 7 + 52 * AHEAD) // n
    return first_differences(chosen, {name: offset(name, alias, n) for name in alike}, first, weeks)
