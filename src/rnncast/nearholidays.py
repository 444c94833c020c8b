"""A holiday set that explains all but one or two of the weekdays missing from business days: named where the gap
warning would say no set explains them, never adopted as the calendar.

A market's trading days often miss a day the market was open on paper (an outage, a data feed's hole): NYSE days
less 2024-06-12 leave seven weekdays missing, six of them NYSE holidays, so ``businessdays.explain`` (every missing
weekday a holiday) finds no set, and the warning said none explains them. A set is a near match (decision 660) when

* at least ``LEAST`` of its holidays lie in the data's span and are missing,
* and at most ``OTHERS`` days are off it: missing weekdays that are not its holidays, and rows on its holidays (a
  vendor's row filled on Memorial Day hid NYSE: "16 rows are missing ... which no known set explains exactly").
  A market open on more of its holidays is not that market.

The sets tried are ``explain``'s (markets, then common countries; the week's own first). Among near matches the one
leaving the fewest other days wins, then a market over a country, then the one with the most holidays in the span,
then the first tried: KRX, not KR, whose public holidays leave its Workers' Day missing too. Only named: the days left
over may be true gaps, and a row on a holiday may be the data's (a half day's close), so the calendar stays the one
found or given; the user removes such rows and gives ``holidays=`` to adopt it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast import businessdays, subdivholidays, weekmasks
from rnncast.holidaysets import NO_EXCHANGE, holiday_of, library, wall_days, weekday_holidays
from rnncast.timetext import at_midnight, shown
from rnncast.rowseries import row_series

OTHERS = 2  # at most this many days off the set: missing weekdays not its holidays, and rows on its holidays
LEAST = 4  # at least this many of the set's holidays in the data's span (every one missing)


class Near(NamedTuple):
    """A holiday set whose holidays are all but ``others`` of the missing weekdays."""

    name: str  # "NYSE"
    holidays: int  # the missing weekdays that are its holidays (all of its holidays in the span)
    others: tuple  # the missing weekdays that are not (datetime64[D]), at most OTHERS
    first: np.datetime64  # the span: the data's first and last day
    last: np.datetime64
    weekmask: str | None = None  # the week, when not Monday to Friday (weekmasks)
    rows_on: tuple = ()  # the days (datetime64[D]) a row falls on that are its holidays; with ``others``, at most OTHERS


def near(time: pd.DatetimeIndex, offsets: np.ndarray, weekmask: str | None = None) -> Near | None:
    """The near match (the module's rule) for the weekdays missing from the series of the stacked times [N] cut at
    ``offsets`` [S + 1] (each sorted, on the business days of ``weekmask``: Monday to Friday when None), or None:
    where none is missing, where a set explains every one (``businessdays.explain``'s case), or where no set is near."""
    days = wall_days(time)
    missing = businessdays.missing_weekdays(days, offsets, weekmask)
    if len(missing) < LEAST:
        return None
    low, high = days.min(), days.max()
    first_year, last_year = int(str(low)[:4]), int(str(high)[:4])
    markets, found = set(library().list_supported_financial()), []
    for order, name in enumerate(businessdays.tried(weekmask)):
        if np.isin(days[days < np.datetime64(f"{first_year + 1}-01-01", "D")],
                   weekday_holidays(name, first_year, first_year, weekmask)).sum() > OTHERS:
            continue  # rows on holidays of the first year rule out most sets cheaply
        holidays = weekday_holidays(name, first_year, last_year, weekmask)
        rows_on = np.unique(days[np.isin(days, holidays)])
        if len(rows_on) > OTHERS:
            continue
        is_holiday = np.isin(missing, holidays)
        held, others = int(is_holiday.sum()), missing[~is_holiday]
        if not len(others) and not len(rows_on):
            return None  # it explains them all (explain's case), though another is near with rows on its holidays
        if 0 < len(others) + len(rows_on) <= OTHERS and held >= LEAST:
            market = name in markets and name not in NO_EXCHANGE
            found.append(((len(others) + len(rows_on), not market, -held, order),
                          Near(name, held, tuple(others), low, high, weekmask, tuple(rows_on))))
    return min(found, key=lambda f: f[0])[1] if found else None


def without(time: pd.DatetimeIndex, offsets: np.ndarray, off: list, weekmask: str | None = None) -> Near | None:
    """``near`` for the rows of ``time`` but ``off`` (positions; a Saturday among NYSE days, ``offcalendar``'s): the
    set that a holiday row among them keeps from being the calendar is still named (decision 1433)."""
    series = row_series(offsets)
    keep = np.setdiff1d(np.arange(len(time)), off)
    cut = np.concatenate([[0], np.cumsum(np.bincount(series[keep], minlength=len(offsets) - 1))])
    return near(time[keep], cut, weekmask)


def said(found: Near, time: pd.DatetimeIndex, fmt: str | None = None, panel: bool = False,
         keepers: list | None = None) -> str:
    """The warning's clause: ``6 of 7 missing weekdays are NYSE holidays, every one of its holidays from 2024-03-01 to
    2024-12-20 (the other: 2024-06-12); give holidays='NYSE' (--holidays NYSE) to skip them, ...``; with a row on one
    of its holidays, ``... every one of its holidays from ... to ... but 2023-05-29 (Memorial Day), which a row falls
    on; remove that row and give holidays='NYSE' ...``: days written as the data writes them (``fmt``, where the
    times are days). ``panel``: said of one series of a panel, where ``holidays=`` names every series' set: removing
    the rows on its holidays lets the series keep it alone (``seriesholidays``), else it is fitted apart, or, where
    every other series keeps this set or none (``keepers``: the ids of those that keep it), the panel given it."""
    day = at_midnight(time)

    def written(d) -> str:
        return shown(pd.Timestamp(d), True, fmt if day else None)

    n, name = found.holidays + len(found.others), found.name
    days = "weekdays" if found.weekmask is None else f"{found.weekmask} days"
    other = (f" (the other: {written(found.others[0])})" if len(found.others) == 1 else
             f" (the others: {' and '.join(written(d) for d in found.others)})" if found.others else "")
    left = ("" if not found.others else " (the other then a gap)" if len(found.others) == 1 else
            " (the others then gaps)")
    on = ", ".join(f"{written(d)} ({holiday_of(name, d)})" for d in found.rows_on)
    but = (f" but {on}, which {'a row falls' if len(found.rows_on) == 1 else 'rows fall'} on" if found.rows_on else "")
    remove = (f"remove the {'row' if len(found.rows_on) == 1 else 'rows'} on {'it' if len(found.rows_on) == 1 else 'them'}"
              f" and " if found.rows_on else "")
    count = f"{found.holidays} of {n}" if found.others else f"all {n}"
    keeps = f" where the data keeps its days{left}" if found.others else ""
    give = f"give holidays={name!r} (--holidays {name}) to skip them{keeps}"
    if subs := [] if panel or found.rows_on or not found.others else subdivisions(found):  # decision 2194
        own = ", ".join(f"{written(d)} ({holiday_of(subs[0], d)})" for d in found.others)
        give = (f"give holidays={subs[0]!r} (--holidays {subs[0]}), whose holidays are all {n} missing {days}, {own} "
                f"its own{' (as ' + ' and '.join(subs[1:3]) + ' keep them)' if len(subs) > 1 else ''}, or {give}")
    if panel:
        whole = (f"give holidays={name!r} (--holidays {name}) for the panel (series {', '.join(keepers[:3])} "
                 f"keep{'s' if len(keepers) == 1 else ''} it too) to skip them{left}" if keepers else None)
        give = ((whole or f"fit the series apart and {give}") if found.others else
                f"the series then keeps {name}'s days (each series is explained alone)")
    return (f"{count} missing {days} are {name} holidays, every one of its holidays from {written(found.first)} to "
            f"{written(found.last)}{but}{other}; {remove}{give}")


def subdivisions(found: Near) -> list[str]:
    """The subdivisions of country ``found.name`` whose weekday holidays in the span are exactly the missing weekdays,
    its own among them ``found.others`` (09/07/2024, BR-SP's Constitutionalist Revolution, beside all of BR's): in
    two or three years a subdivision may hold one such weekday only (09/07 fell on a weekend in 2022 and 2023), too few
    for ``subdivholidays`` (two at least), so BR was advised and BR-SP's day left unnamed (decision 2194). Asked of
    ``subdivholidays.keeping``, the span's other weekdays standing for the rows."""
    years = (int(str(found.first)[:4]), int(str(found.last)[:4]))
    span = np.arange(found.first, found.last + np.timedelta64(1, "D"))
    span = span[np.is_busday(span, weekmask=found.weekmask or weekmasks.BUSINESS)]
    missing = np.union1d(span[np.isin(span, weekday_holidays(found.name, *years, found.weekmask))],
                         np.array(found.others, dtype="datetime64[D]"))
    return subdivholidays.keeping(found.name, *years, np.setdiff1d(span, missing), missing, found.weekmask)
