"""A holiday set that explains all but one or two of the weekdays missing from business days: named where the gap
warning would say no set explains them, never adopted as the calendar.

A market's trading days often miss a day the market was open on paper (an outage, a data feed's hole): NYSE days
less 2024-06-12 leave seven weekdays missing, six of them NYSE holidays, so ``businessdays.explain`` (every missing
weekday a holiday) finds no set, and the warning said none explains them. A set is a near match (decision 660) when

* no row falls on one of its weekday holidays (a market open on its holiday is not that market),
* at least ``LEAST`` of its holidays lie in the data's span, every one of them missing (``explain``'s rule for those),
* and at most ``OTHERS`` missing weekdays are not its holidays.

The sets tried are ``explain``'s (markets, then common countries; the week's own first). Among near matches the one
leaving the fewest other days wins, then a market over a country, then the one with the most holidays in the span,
then the first tried: KRX, not KR, whose public holidays leave its Workers' Day missing too. Only named: the days left
over may be true gaps, so the calendar stays the one found or given, and the user gives ``holidays=`` to adopt it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast import businessdays
from rnncast.holidaysets import NO_EXCHANGE, library, wall_days, weekday_holidays
from rnncast.timetext import at_midnight, shown

OTHERS = 2  # at most this many missing weekdays that are not the set's holidays
LEAST = 4  # at least this many of the set's holidays in the data's span (every one missing)


class Near(NamedTuple):
    """A holiday set whose holidays are all but ``others`` of the missing weekdays."""

    name: str  # "NYSE"
    holidays: int  # the missing weekdays that are its holidays (all of its holidays in the span)
    others: tuple  # the missing weekdays that are not (datetime64[D]), at most OTHERS
    first: np.datetime64  # the span: the data's first and last day
    last: np.datetime64
    weekmask: str | None = None  # the week, when not Monday to Friday (weekmasks)


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
                   weekday_holidays(name, first_year, first_year, weekmask)).any():
            continue  # a row on a holiday of the first year rules out most sets cheaply
        holidays = weekday_holidays(name, first_year, last_year, weekmask)
        if np.isin(days, holidays).any():
            continue
        is_holiday = np.isin(missing, holidays)
        held, others = int(is_holiday.sum()), missing[~is_holiday]
        if 0 < len(others) <= OTHERS and held >= LEAST:
            market = name in markets and name not in NO_EXCHANGE
            found.append(((len(others), not market, -held, order), Near(name, held, tuple(others), low, high, weekmask)))
    return min(found, key=lambda f: f[0])[1] if found else None


def said(found: Near, time: pd.DatetimeIndex, fmt: str | None = None) -> str:
    """The warning's clause: ``6 of 7 missing weekdays are NYSE holidays, every one of its holidays from 2024-03-01 to
    2024-12-20 (the other: 2024-06-12); give holidays='NYSE' (--holidays NYSE) to skip them, ...``: days written as
    the data writes them (``fmt``, where the times are days)."""
    day = at_midnight(time)

    def written(d) -> str:
        return shown(pd.Timestamp(d), True, fmt if day else None)

    n, name = found.holidays + len(found.others), found.name
    days = "weekdays" if found.weekmask is None else f"{found.weekmask} days"
    other = (f"the other: {written(found.others[0])}" if len(found.others) == 1 else
             f"the others: {' and '.join(written(d) for d in found.others)}")
    left = "the other then a gap" if len(found.others) == 1 else "the others then gaps"
    return (f"{found.holidays} of {n} missing {days} are {name} holidays, every one of its holidays from "
            f"{written(found.first)} to {written(found.last)} ({other}); give holidays={name!r} (--holidays {name}) "
            f"to skip them where the data keeps its days ({left})")
