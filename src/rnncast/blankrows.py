"""Rows that fill 'drop' removes, removed before the calendar is read where the rows kept keep a calendar
the rows given do not: business-day data whose weekend rows are written with blank values.

Read with the blank rows, such data follows 'D' (every day), so its forecasts would fall on Saturdays and
Sundays, and freq='B' would be refused at the first Saturday. ``kept_first`` settles the calendar (``calendars``)
on the rows fill 'drop' keeps and on every row, quietly: where the rows kept follow a calendar without a row
missing that the rows given do not follow (a calendar given is refused for them, or inferred otherwise), the
blank rows are exactly the steps off it and are removed first (``loading``); so is a session the rows kept follow
whose steps they miss are fewer than the blank rows off it (a call centre shut for weeks, ``_closed_hours``).
Anywhere else the calendar is read on every row, as before, and the rows removed are gaps in it (``fills`` warns of
them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import businessdays, calendars, seriesholidays
from rnncast.errors import RnncastError
from rnncast.holidaysets import canonical, wall_days, weekday_holidays
from rnncast.spelling import counted, spelled
from rnncast.timetext import at_midnight, shown


def kept_first(time: pd.Index, offsets: np.ndarray, values: np.ndarray, freq=None) -> np.ndarray | None:
    """[N] bool: the rows to keep (none of ``values`` [N, C] blank) where they are removed before the calendar is
    read (above), else None. ``time`` [N] each series' sorted times, series cut at ``offsets`` [S + 1];
    ``freq``: the calendar given, or None (inferred). Never raises: a calendar refused here is refused, by name,
    where the rows are read."""
    keep = ~np.isnan(values).any(axis=1)
    if not isinstance(time, pd.DatetimeIndex) or keep.all():
        return None
    lengths = np.add.reduceat(keep, offsets[:-1]) if len(keep) else np.zeros(0, dtype=int)
    if (lengths < 2).any():  # a series of one row or none keeps no calendar: left to the fill's own refusals
        return None
    kept_offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    try:
        kept, ruler, own = calendars.settle(time[keep], kept_offsets, freq, quiet=True)
    except RnncastError:
        return None
    if own or ruler is None or kept.freq is None or \
            (ruler.missing * 10 > int(keep.sum()) and not _closed_hours(time, offsets, keep, kept, ruler)):
        return None  # the rows kept follow no calendar, or one they leave more than a tenth of missing (a market's
        # holidays, blank or absent, are a few in a hundred: the business-day reader names them after this)
    try:
        every, every_ruler, every_own = calendars.settle(time, offsets, freq, quiet=True)
    except RnncastError:
        return keep  # freq='B' given: the blank rows are the steps off it
    if every_own or every.freq != kept.freq:
        return keep
    return keep if freq is None and _holidays_kept(time[keep], kept_offsets, kept, ruler, every_ruler) else None


def _closed_hours(time: pd.DatetimeIndex, offsets: np.ndarray, keep: np.ndarray, kept, ruler) -> bool:
    """Whether the rows kept (``keep`` [N] of ``time`` [N] cut at ``offsets``) follow a session (``kept``, its
    ``ruler``) whose steps they miss are fewer than the blank rows off it: a call centre's half hours written round
    the clock, blank when closed, and shut for two weeks of a 12-week file. The session read ('30min 08:00-19:30 Mon
    ... Fri; 09:00-12:30 Sat', its Saturday's own hours by decision 1786) misses those weeks' 256 bars, more than a
    tenth of the 1280 kept, but the 2426 blank night and Sunday rows are the steps off it; read on every row, as
    '30min', every night was a gap and predict forecast 20:00 to 07:30 (decision 1791)."""
    if kept.session is None:
        return False
    try:
        off = calendars.off_rows(time, offsets, kept.freq)
    except RnncastError:
        return False
    return off is not None and not off[keep].any() and int(off[~keep].sum()) > ruler.missing


def _holidays_kept(time: pd.DatetimeIndex, offsets: np.ndarray, kept, ruler, every_ruler) -> bool:
    """Whether business days whose blank rows are a market's holidays keep them as holidays: the rows kept (times
    [N] cut at ``offsets``, calendar ``kept``) miss weekdays, the rows given miss fewer, and a holiday set explains
    the weekdays the rows kept miss (``businessdays.explain``), or one set each series' (``seriesholidays``). A FRED
    rate written blank on NYSE holidays, tickers of two markets side by side in a wide table: read on every row,
    they followed plain 'B', their holidays were gaps, and their forecasts fell on them."""
    if not businessdays.plain_business(kept.days) or not ruler.missing or every_ruler.missing >= ruler.missing:
        return False
    try:
        return (businessdays.explain(time, offsets, kept.weekmask) is not None
                or seriesholidays.settle(time, offsets, kept, lambda i: f"row {i}") is not None)
    except RnncastError:  # sets that explain them alike differ after the data: still a market's holidays, which set
        return True  # refused by name where the rows kept are read, not 'B' with forecasts on them (as it was)


def markets_apart(time: pd.DatetimeIndex, offsets: np.ndarray, values: np.ndarray, columns: list, ids: list) -> None:
    """Refuses, for fill 'drop', columns of one series (several targets of a wide table) blank on the holidays of
    markets that differ: a column blank on its set's holidays where another column holds a value. Dropped from every
    column, such rows leave one calendar that is no market's (AAPL, 7203 and SAP: forecasts on 12-24 and 12-25), and
    no one holidays= fits the columns. ``time`` [N] each series' sorted times cut at ``offsets`` [S + 1]; ``values``
    [N, C] of ``columns``; ``ids`` the series (named where several)."""
    blank = np.isnan(values)
    partial = blank.any(axis=1) & ~blank.all(axis=1)
    if values.shape[1] < 2 or not partial.any() or len(offsets) > 51:
        return
    days = wall_days(time)
    for s in range(len(offsets) - 1):
        cut = slice(offsets[s], offsets[s + 1])
        sets, apart = {}, False
        for j in np.flatnonzero((blank[cut] & partial[cut, None]).any(axis=0)):
            held = ~blank[cut, j]
            if held.sum() < 2:
                continue
            try:
                found = businessdays.explain(time[cut][held], np.array([0, int(held.sum())]), refuse=False)
            except RnncastError:
                continue
            if found is None:
                continue
            sets[j] = found
            shut = np.isin(days[cut], weekday_holidays(found.name, int(str(days[cut].min())[:4]),
                                                       int(str(days[cut].max())[:4])))
            apart = apart or bool((shut & blank[cut, j] & partial[cut]).any())
        if apart:
            raise RnncastError(_apart_said(sets, columns, ids[s] if len(offsets) > 2 else None))


def _apart_said(sets: dict, columns: list, series) -> str:
    """The refusal of ``markets_apart``: each column's set and the advice that works (one model per market)."""
    owned = lambda n: f"{n}'s"  # noqa: E731
    named = "; ".join(f"{columns[j]!r} on {owned(e.name)}" + (f" (or {', '.join(map(owned, e.alike))})" if e.alike else "")
                      for j, e in sets.items())
    others = [repr(c) for j, c in enumerate(columns) if j not in sets]
    rest = f", and {', '.join(others)} on neither" if others else ""
    groups = {}
    for j, e in sets.items():
        groups.setdefault(e.name, []).append(columns[j])
    each = "; ".join(f"target={cols[0] if len(cols) == 1 else cols!r} with {spelled('holidays', name)}"
                     for name, cols in groups.items())
    where = f"series {series!r}: " if series is not None else ""
    return (f"{where}columns are blank on the holidays of different markets ({named}{rest}), each where another "
            "column holds a value; fill 'drop' removes such a row from every column and the columns share one "
            "calendar, so it would be no market's, its forecasts falling on holidays, and no one holidays= fits "
            f"every column: fit each market's columns apart, one model per market ({each}), or fill='ffill' "
            "(--fill ffill) to keep every weekday in every column")


HOLIDAYS = 0.1  # blank weekdays (a market's holidays, about 4% of them) weekends_blank allows, as a share of weekdays


def weekends_blank(time, blank: np.ndarray) -> bool:
    """Whether ``time`` [N] (days) is business-day data written daily with its weekends blank: every Saturday and
    Sunday row is ``blank`` [N] (no target value), weekends before the last one among them; a few weekdays blank too
    (holidays, at most ``HOLIDAYS`` of the weekday rows, each before the last value: read as the data ending on a
    Friday reads them, decision 1587); and every row after the last value a weekend's. Its blank last rows are then a
    weekend, not the days to come (``appendedrows.future``, decision 1535)."""
    if not isinstance(time, pd.DatetimeIndex) or not blank.any() or blank.all():
        return False
    weekend = np.asarray(time.day_of_week >= 5)
    after = np.asarray(time > time[~blank].max())  # the rows dated after every value: the weekend, or days to come
    holidays = blank & ~weekend
    return bool(blank[weekend].all() and weekend[after].all() and time[weekend].normalize().nunique() > 2
                and holidays.sum() <= HOLIDAYS * (~weekend).sum())


def said(time: pd.Index, keep: np.ndarray, shown_calendar: str, fmt: str | None = None) -> str:
    """The note that the rows with a missing value were removed before the calendar was read: how many, the
    first few as the data writes them (``fmt``), and the calendar the rows kept follow."""
    count, first = _removed(time, keep, fmt)
    return (f"fill 'drop' removed {count} that hold a missing value (first: {first}) before the calendar was read: "
            f"the rows kept follow the calendar {shown_calendar}, and the rows removed are the steps off it, so the "
            "forecasts follow it too")


def off_given(time: pd.DatetimeIndex, offsets: np.ndarray, values: np.ndarray, freq, holidays: str | None = None
              ) -> np.ndarray | None:
    """[N] bool: the rows to keep where the calendar given (``freq``; ``holidays``, a set's name, skipped from
    business days) has rows off it and each of them holds no value (every one of ``values`` [N, C] blank):
    business-day data with blank weekend rows under freq='B', or blank rows on the holidays of a set given (a FRED rate
    read by a model fitted on NYSE's days), whatever the fill. None where no row is off it, where a row off it holds a
    value (refused by name where the rows are read) or where a series would keep no row. ``time`` [N] each series'
    sorted times, cut at ``offsets`` [S + 1]. Raises ``RnncastError`` for a ``freq`` that is no calendar
    (``calendars.off_rows``)."""
    if (freq is None and holidays is None) or not isinstance(time, pd.DatetimeIndex) or \
            not np.isnan(values).all(axis=1).any():
        return None  # no row without a value (most data): nothing to measure
    off = calendars.off_rows(time, offsets, freq) if freq is not None else np.zeros(len(time), dtype=bool)
    if off is not None and holidays is not None:
        off = off | np.isin(wall_days(time), weekday_holidays(canonical(holidays)))
    if off is None or not off.any() or not np.isnan(values[off]).all():
        return None
    keep = ~off
    return keep if (np.add.reduceat(keep, offsets[:-1]) > 0).all() else None


def said_off(time: pd.Index, keep: np.ndarray, shown_calendar: str, fmt: str | None = None) -> str:
    """The note that the rows off the calendar given, each without a value, were removed (``off_given``): how
    many, the first few as the data writes them (``fmt``)."""
    count, first = _removed(time, keep, fmt)
    return (f"removed {count} off the calendar {shown_calendar} given (first: {first}): each holds no value, so "
            "nothing of the data is lost; a row off it that held a value would be refused")


def _removed(time: pd.Index, keep: np.ndarray, fmt: str | None) -> tuple[str, str]:
    """How many rows of ``time`` [N] ``keep`` [N] leaves out ("34 rows"), and the first three as the data writes them."""
    gone = time[~keep]
    day = at_midnight(time)
    return counted(len(gone), "row"), ", ".join(shown(t, day, fmt) for t in gone[:3])
