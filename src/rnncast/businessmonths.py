"""A month's last or first business day without a holiday set: month-end (``BME``) or month-start (``BMS``) data
of a market, whose last trading day of May is the Friday when Memorial Day is the 31st.

Plain ``BME`` takes that Friday for a row off its calendar; pandas' ``CustomBusinessMonthEnd(holidays=...)``
(``CustomBusinessMonthBegin`` for the first day) steps over the set's holidays, so that offset is the calendar,
given as ``freq='BME'`` (``'BMS'``, ``'3BME'`` each quarter's) with ``holidays=`` (``given``), or found
(``explain``) as ``businessdays`` finds business days' holidays: the weekdays each row was moved back (forward)
over must all be holidays of the set, and no row may fall on one. Among the sets that do so alike, a market
is chosen before a country, a ``PREFERRED`` market (in its order: NYSE first) before another (a few rows a year say little
of which market it is: the large one is likelier), then the set with the fewest holidays over the data's years,
then the first in ``holidaysets.candidates()``'s order. Twelve rows a year rarely tell sets apart, so those that date the
forecasts otherwise are named (not refused, as ``businessdays`` does for daily rows that could tell them apart).
The model keeps the alias and the set's name (``text``, ``offset``: ``Calendar.state``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset

from rnncast import businessdays, zoneclock
from rnncast.offsetguess import inside
from rnncast.holidaysets import PREFERRED, candidates, canonical, library, wall_days, weekday_holidays
from rnncast.rowseries import row_series

# the alias as freq= gives it: pandas' offset with holidays, and the plain one it reads as
KINDS = {"BME": (pd.offsets.CustomBusinessMonthEnd, pd.offsets.BusinessMonthEnd),
         "BMS": (pd.offsets.CustomBusinessMonthBegin, pd.offsets.BusinessMonthBegin)}
MOST_SKIPPED = 7  # weekdays a row may be moved over (a lunar new year's week at a month's end)
AHEAD = 10  # the years after the data in which sets that explain it alike are compared
DAY = np.timedelta64(1, "D")  # date arithmetic in days (a bare integer is numpy's deprecated generic unit)


class Found(NamedTuple):
    """The holiday set that explains month-end (-start) rows moved off plain ``BME`` (``BMS``)."""

    name: str  # "NYSE"
    offset: pd.offsets.BaseOffset  # CustomBusinessMonthEnd or CustomBusinessMonthBegin, holidays and all
    moved: int  # rows moved over holidays of the set
    differ: tuple = ()  # (set, the first forecast date it gives otherwise): sets that explain the rows alike

    def __str__(self) -> str:
        kind = text(self.offset)
        rows, other = moved_words(kind, self.moved, self.differ)
        return (f"{kind!r} without {self.name} holidays ({which(*kind_of(self.offset))}: {rows} moved by "
                f"{self.name} holidays{other}; give holidays= (--holidays) to name another set)")


def moved_words(kind: str, moved: int, differ: tuple) -> tuple[str, str]:
    """``(rows, other)``: the words for ``moved`` rows off calendar ``kind`` and for the sets in ``differ`` (set, first
    forecast date it gives otherwise) that explain them alike: shared by month ends and ``tradingweeks``' weeks."""
    rows = f"the row off {kind!r} is" if moved == 1 else f"{moved} rows off {kind!r} are"
    other = ", ".join(f"{n}'s (from {d:%Y-%m-%d})" for n, d in differ[:3])
    other = (f"; {other}{' ...' if len(differ) > 3 else ''} holidays explain them too but date the "
             "forecasts otherwise" if other else "")
    return rows, other

def kind_of(freq) -> tuple[str, int] | None:
    """``('BME' | 'BMS', n)`` where ``freq`` (text or a pandas offset) is the last or first business day of
    every ``n`` months (``BME``, ``3BMS``, ``CBME``), else None."""
    if isinstance(freq, str):
        try:
            freq = to_offset(freq)
        except (ValueError, TypeError):
            return None
    for kind, offsets in KINDS.items():
        if isinstance(freq, offsets) and freq.n > 0 and not getattr(freq, "offset", None):
            return kind, int(freq.n)
    return None


def text(freq) -> str | None:
    """``freq=``'s alias of a month's last or first business day (``BME``, ``3BMS``; pandas names the
    offset with holidays ``CBME``), else None."""
    found = kind_of(freq)
    return None if found is None else f"{found[1] if found[1] > 1 else ''}{found[0]}"


_MADE: dict = {}  # (set, kind, n): its offset, made once (a set's holidays over 200 years take a while)


def offset(name: str, kind: str = "BME", n: int = 1) -> pd.offsets.BaseOffset:
    """The last (``BME``) or first (``BMS``) business day of every ``n`` months without the holidays of set
    ``name`` over ``holidaysets.YEARS``: pandas' ``CustomBusinessMonthEnd`` (``...Begin``)."""
    key = (name, kind, n)
    if key not in _MADE:
        _MADE[key] = KINDS[kind][0](n=n, holidays=list(weekday_holidays(canonical(name))))
    return _MADE[key]


def set_of(freq) -> str | None:
    """The name of the holiday set of an offset ``offset`` made (``'NYSE'``), else None."""
    return next((key[0] for key, made in _MADE.items() if made is freq), None)


def near(time: pd.Index, offsets: np.ndarray) -> list:
    """The calendar a market's month ends (starts) keep, where a few rows may be off it (a typo mid-month, a first
    row mid-month, a row at a time of day): ``explain`` of the rows near a month's end (start), as a candidate for
    ``calendars``' search of the rows off a calendar, which then names only the rows truly off it, and for a
    series' own calendar in a panel whose other series keep another (``calendars._own_calendars``); else []."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3:
        return []
    wall = zoneclock.wall(time)
    days = wall_days(time)
    fit = np.asarray(wall == wall.normalize()) & np.is_busday(days)

    series = row_series(offsets)
    found = []
    for kind, most in ((k, m) for k in KINDS for m in (MOST_SKIPPED, 1)):  # then a typo a few days off: one holiday
        keep = fit.copy()
        keep[keep] = _near_rows(days[keep], kind, most)
        if keep.sum() < 3:
            continue
        cut = np.concatenate([[0], np.cumsum(np.bincount(series[keep], minlength=len(offsets) - 1))])
        moved = explain(time[keep], cut)
        if moved is not None and kind_of(moved.offset)[0] == kind:
            found.append(moved.offset)
            break
        if (stale := _stale(days[keep], cut, kind)) is not None:  # a row or two on its holidays (decision 2045)
            found.append(stale)
            break
    return found


STALE = 2  # rows on a set's holidays that ``near`` lets pass (a vendor's old rows), fewer than the rows it moved


def _stale(days: np.ndarray, offsets: np.ndarray, kind: str) -> pd.offsets.BaseOffset | None:
    """The calendar ``kind`` without the holidays of the set (``sets``' order) that hold every weekday the rows [N]
    (datetime64[D], near their month's ``kind``; series cut at ``offsets`` [S + 1]) were moved over, and at most
    ``STALE`` rows (fewer than the rows moved): NYSE month ends with a stale 2013-03-29 (Good Friday), which
    ``explain`` must refuse as a calendar but ``near`` offers as one, so that ``offcalendar`` names that row off it,
    not the rows moved over its holidays (decision 2045); else None."""
    skipped = _skipped(days, kind)
    if skipped is None or skipped[1] < 2:
        return None
    found = sets(days, skipped[0], min(STALE, skipped[1] - 1))
    steps = np.diff(days.astype("datetime64[M]").astype(np.int64))[inside(offsets, len(days))]
    n = int(np.gcd.reduce(steps)) if len(steps) else 1  # 3: each quarter's
    return offset(found[0], kind, n) if found and n > 0 else None


def given(time, name: str, freq, where, fmt: str | None = None) -> pd.offsets.BaseOffset:
    """The calendar ``freq`` (``kind_of``) without set ``name``'s holidays for the times [N], none of which may
    fall on one of them (``RnncastError`` naming the first such row, as ``businessdays.given``)."""
    kind, n = kind_of(freq)
    businessdays.given(time, name, where, fmt, calendar=f"{which(kind, n)} without {canonical(name)} holidays")
    return offset(canonical(name), kind, n)


def which(kind: str, n: int = 1) -> str:
    """How a person reads ``kind`` every ``n`` months: ``the last business day of each month``, ``... of each
    quarter (every 3rd month)``."""
    day = "last" if kind == "BME" else "first"
    every = {1: "each month", 3: "each quarter (every 3rd month)", 6: "each half-year (every 6th month)",
             12: "each year (every 12th month)"}.get(n, f"every {n}th month" if n > 3 else f"every {n}nd month")
    return f"the {day} business day of {every}"


def weekday_days(time: pd.Index) -> tuple[pd.DatetimeIndex, np.ndarray] | None:
    """``(wall, days)``: the dates [N] without their zone and as days, where every one is a weekday at midnight
    (at least 3 of them); None otherwise. What a market's month ends and ``tradingweeks``' weeks both read."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 3:
        return None
    wall = zoneclock.wall(time)
    if not (wall == wall.normalize()).all():
        return None
    days = wall_days(time)
    return (wall, days) if np.is_busday(days).all() else None

def explain(time: pd.Index, offsets: np.ndarray) -> Found | None:
    """The holiday set that explains the stacked dates [N] of series cut at ``offsets`` [S + 1] (each sorted)
    as a month's last (first) business day, some moved over the set's holidays, or None (no row moved, a row
    at a time of day, on a weekend, or further from its month's end than ``MOST_SKIPPED`` weekdays)."""
    read = weekday_days(time)
    if read is None:
        return None
    wall, days = read
    for kind in KINDS:
        skipped = _skipped(days, kind)
        if skipped is None or not len(skipped[0]):
            continue
        found = sets(days, skipped[0])
        steps = np.diff(days.astype("datetime64[M]").astype(np.int64))[inside(offsets, len(days))]
        n = int(np.gcd.reduce(steps)) if len(steps) else 1  # 3: each quarter's
        if found and n > 0:
            name, alike = found[0], found[1:]
            chosen = offset(name, kind, n)
            ends = wall[offsets[1:][offsets[1:] > offsets[:-1]] - 1]
            return Found(name, chosen, skipped[1], _differ(chosen, alike, kind, n, ends))
    return None


def _spans(days: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The days [N] each row was moved over from plain ``kind``: from ``low`` up to (not including) ``high``."""
    month = days.astype("datetime64[M]")
    if kind == "BME":
        plain = np.busday_offset((month + np.timedelta64(1, "M")).astype("datetime64[D]") - DAY, 0, roll="backward")
        return days + DAY, plain + DAY  # moved back over [day + 1, plain]
    plain = np.busday_offset(month.astype("datetime64[D]"), 0, roll="forward")
    return plain, days  # moved forward over [plain, day)


def _near_rows(days: np.ndarray, kind: str, most: int = MOST_SKIPPED) -> np.ndarray:
    """[N] whether each weekday is its month's plain ``kind`` or at most ``most`` weekdays from it."""
    low, high = _spans(days, kind)
    return (high >= low) & (np.busday_count(low, np.maximum(high, low)) <= most)


def _skipped(days: np.ndarray, kind: str) -> tuple[np.ndarray, int] | None:
    """The weekdays the rows were moved over from plain ``kind`` (sorted, unique) and how many rows were
    moved; None where a row is after its month's last (before its first) business day or too far from it."""
    if not _near_rows(days, kind).all():
        return None
    low, high = _spans(days, kind)
    count = np.busday_count(low, high)
    moved = np.flatnonzero(count > 0)
    spans = [np.arange(low[i], high[i]) for i in moved]
    over = np.unique(np.concatenate(spans)) if spans else np.array([], dtype="datetime64[D]")
    return over[np.is_busday(over)], len(moved)


def sets(days: np.ndarray, skipped: np.ndarray, rows_on: int = 0) -> list[str]:
    """The sets whose holidays hold every skipped weekday and no row (at most ``rows_on`` rows), best first (see the
    module)."""
    first, last, year = int(str(days.min())[:4]), int(str(days.max())[:4]), int(str(skipped[0])[:4])
    markets, tried = set(library().list_supported_financial()), candidates()
    found = []
    for i, name in enumerate(tried):
        if not np.isin(skipped[skipped.astype("datetime64[Y]") == skipped[0].astype("datetime64[Y]")],
                       weekday_holidays(name, year, year)).all():
            continue  # the year of the first moved row rules out nearly every set
        holidays = weekday_holidays(name, first, last)
        if np.isin(skipped, holidays).all() and np.isin(days, holidays).sum() <= rows_on:
            rank = PREFERRED.index(name) if name in PREFERRED else len(PREFERRED)
            found.append((name not in markets, rank, len(holidays), i, name))
    return [f[-1] for f in sorted(found)]


def _differ(chosen, alike: list[str], kind: str, n: int, ends: pd.DatetimeIndex) -> tuple:
    """(set, first date) for each of ``alike`` whose calendar dates the months from the earliest series' end
    ``ends`` through ``AHEAD`` years after the latest otherwise than ``chosen``."""
    first, last = ends.min(), ends.max()
    months = ((last.year - first.year) * 12 + last.month - first.month + 12 * AHEAD) // n
    return first_differences(chosen, {name: offset(name, kind, n) for name in alike}, first, months)


def first_differences(chosen, others: dict, first: pd.Timestamp, periods: int) -> tuple:
    """``(name, first date)`` of each of ``others`` (name -> offset) whose ``periods`` dates after ``first`` differ
    from ``chosen``'s, earliest first: what month ends and ``tradingweeks``' weeks both name as sets alike."""
    ours = pd.date_range(start=first, periods=periods + 1, freq=chosen)[1:]
    differ = []
    for name, theirs in others.items():
        theirs = pd.date_range(start=first, periods=periods + 1, freq=theirs)[1:]
        off = np.flatnonzero(ours != theirs)
        if len(off):
            differ.append((name, theirs[off[0]]))
    return tuple(sorted(differ, key=lambda d: d[1]))
