"""Weekdays missing from business days given as ``freq='B'`` (``gaps``' warning): the holiday set that explains them
all, named (inference would have found it), else one that explains all but one or two, else a country's subdivision
whose holidays they are (``subdivholidays``: DE-BY's Epiphany), else the general advice:
``businessdays.GAPS_HINT`` where every series lacks the same weekdays (one set for the panel skips them all), else
``businessdays.PANEL_GAPS_HINT``. Decisions 658, 660, 1984. Business days given with a set (``holidays='JP'``) whose
missing weekdays another set explains with them (JPX's own closures): that set named (``other_set``, decision 2046).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import businessdays, nearholidays, otherholidays, subdivholidays, zoneclock
from rnncast.holidaysets import canonical, holiday_of, wall_days, weekday_holidays
from rnncast.errors import RnncastError
from rnncast.rowseries import row_series
from rnncast.timecalendar import Calendar
from rnncast.timetext import shown


def hint(time, offsets, calendar: Calendar, fmt: str | None = None) -> str:
    """What to do about weekdays missing from business days given as ``freq='B'`` (inference would have found a set
    that explains them all): the set that does, named (``businessdays.explain``: "all 17 are KRX holidays"), else
    one that explains all but one or two (``nearholidays``: "6 of 7 ... are NYSE holidays (the other: 2024-06-12)",
    its days written in ``fmt``), else a country's subdivision whose set they are (``subdivholidays.explaining``: "all 22
    ... are DE-BW or DE-BY holidays", decision 1984), else ``businessdays.GAPS_HINT`` (``PANEL_GAPS_HINT`` for a panel whose series lack
    different weekdays). ``time`` [N]: the rows' times, series after series; ``offsets`` [S + 1]: where each series
    begins; ``calendar``: the business-day calendar given, without holidays. Returns one clause of the warning; raises
    nothing (sets that explain the days alike but differ after the data name none). Decisions 658, 660."""
    gaps_hint = businessdays.GAPS_HINT if len(offsets) <= 2 or _same_days(time, offsets, calendar) else \
        businessdays.PANEL_GAPS_HINT  # one set for all: where every series lacks the same weekdays, it is one's advice
    try:
        explained = businessdays.explain(time, offsets, calendar.weekmask)
    except RnncastError:  # sets that explain them alike but differ after the data: none named here
        return gaps_hint
    if explained is None:
        near = nearholidays.near(time, offsets, calendar.weekmask)
        if near is not None and not near.rows_on:
            return nearholidays.said(near, time, fmt)
        days = wall_days(time)  # a subdivision's holidays, which no country's set inference tries holds (decision 1984)
        missing = businessdays.missing_weekdays(days, offsets, calendar.weekmask)
        exact = subdivholidays.explaining(days, missing, calendar.weekmask, fmt) or otherholidays.said(
            days, missing, calendar.weekmask, fmt)  # Carnival (decision 2193)
        if near is not None and not exact:  # a near set needing rows removed: only where none explains them as they
            return nearholidays.said(near, time, fmt)  # are, real trading days kept (decision 2225)
        return exact or gaps_hint
    name, n = explained.name, explained.missing
    every = "the missing weekday is" if n == 1 else f"all {n} missing weekdays are"
    return (f"{every} {name} holidays: give holidays={name!r} (--holidays {name}) with this freq to skip them, or "
            "leave freq unset for rnncast to find them")


def other_set(time, offsets, calendar: Calendar, fmt: str | None = None) -> str:
    """The gap warning's clause where business days given with holiday set ``calendar.holidays`` (JP) leave weekdays
    missing that another set's holidays (JPX, which inference finds: ``businessdays.explain``) are exactly, its own
    among them: "all 8 are JPX holidays (2021-12-31 (Bank Holiday), ...), as are all 69 weekdays the data lacks, JP's
    holidays among them: give
    holidays='JPX' (--holidays JPX) to skip them, or leave holidays unset for rnncast to find them" (decision 2046);
    "" where none is, or where the sets that do differ after the data. ``time`` [N], ``offsets`` [S + 1] as ``hint``'s;
    days written in ``fmt``. Raises nothing."""
    if not isinstance(time, pd.DatetimeIndex) or calendar.holidays is None:
        return ""
    try:
        found = businessdays.explain(time, offsets, calendar.weekmask, refuse=False)
    except RnncastError:  # a set's name the library no longer knows: nothing to name
        return ""
    given = canonical(calendar.holidays)
    days = wall_days(time)
    missing = businessdays.missing_weekdays(days, offsets, calendar.weekmask)
    if found is None or found.differs or given in (found.name,) + found.alike:  # BR-SP's Carnival (decision 2193)
        return otherholidays.said(days, missing, calendar.weekmask, fmt, given)
    left = missing[~np.isin(missing, weekday_holidays(given, int(str(days.min())[:4]), int(str(days.max())[:4]),
                                                      calendar.weekmask))]
    if not len(left):
        return ""
    named = ", ".join(f"{shown(pd.Timestamp(d), True, fmt)} ({holiday_of(found.name, d)})" for d in left[:3])
    every = f"the missing row is a {found.name} holiday" if len(left) == 1 else f"all {len(left)} are {found.name} holidays"
    more = " ..." if len(left) > 3 else ""
    return (f"{every} ({named}{more}), as are all {found.missing} weekdays the data lacks, {given}'s holidays among "
            f"them: give holidays={found.name!r} (--holidays {found.name}) to skip them, or leave holidays unset for "
            "rnncast to find them")


def _same_days(time, offsets, calendar: Calendar) -> bool:
    """Whether every series of a panel lacks the same weekdays of ``calendar`` (each those of all series that fall in
    its own span): one holiday set, given for the panel, would skip them all as it would a single series'. Counted on
    one grid of the calendar's days, not series by series (a panel of thousands)."""
    if not isinstance(time, pd.DatetimeIndex):
        return False
    days = zoneclock.wall(time).normalize()
    grid = pd.date_range(days.min(), days.max(), freq=calendar.freq).normalize()
    at = grid.get_indexer(days)
    if (at < 0).any():
        return False
    series = row_series(offsets)
    first, last = at[offsets[:-1]], at[offsets[1:] - 1]
    spans = np.zeros(len(grid) + 1, dtype=np.int64)
    np.add.at(spans, first, 1)
    np.add.at(spans, last + 1, -1)
    lacked = np.bincount(at, minlength=len(grid)) < np.cumsum(spans)[:-1]  # [G] a day some series in its span lacks
    within = np.concatenate([[0], np.cumsum(lacked)])  # lacked days before each grid day
    on_lacked = np.bincount(series, weights=lacked[at], minlength=len(offsets) - 1)  # rows on a day others lack
    return bool((on_lacked == 0).all() and (np.diff(offsets) == last - first + 1 - (within[last + 1] - within[first])).all())
