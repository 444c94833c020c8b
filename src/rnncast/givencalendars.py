"""What a calendar given with ``freq=`` is, said against the one the rows follow (decision 1594).

A refusal of a given calendar named only what to give ("the timestamps follow the calendar 'B': give freq=B"), not
what was wrong with the one given; ``owncalendars.followed`` now opens with :func:`against` where it can say it:
'7D' on business days counts weekend days, '2B' is every other business day where the rows are every business day,
'BME' is month ends, one row a month, where the rows are daily.
"""

from __future__ import annotations

import pandas as pd

from rnncast.offsetguess import DAY_NAMES

_O = pd.offsets
_FIXED = (_O.Tick, _O.Day)  # a span of the clock: '7D', '15min'
_WORKDAYS = (_O.BusinessDay, _O.CustomBusinessDay)  # 'B', and 'C' with its week mask and holidays
_UNITS = {"D": "day", "h": "hour", "min": "minute", "s": "second", "ms": "millisecond", "B": "business day",
          "C": "business day"}
_PERIODS = (  # the calendars of one row a week, month, quarter or year: their step and what a row of them is
    ((_O.Week,), "week end", "week"),
    ((_O.MonthEnd, _O.BusinessMonthEnd, _O.CustomBusinessMonthEnd), "month end", "month"),
    ((_O.MonthBegin, _O.BusinessMonthBegin, _O.CustomBusinessMonthBegin), "month start", "month"),
    ((_O.QuarterEnd, _O.BQuarterEnd), "quarter end", "quarter"),
    ((_O.QuarterBegin, _O.BQuarterBegin), "quarter start", "quarter"),
    ((_O.YearEnd, _O.BYearEnd), "year end", "year"),
    ((_O.YearBegin, _O.BYearBegin), "year start", "year"),
)


def against(given, found, text: str) -> str | None:
    """Why the rows are not on ``given`` (a pandas offset, the calendar given to fit), said against ``found`` (the
    offset they follow, ``text`` as freq= spells it): "'7D' counts weekend days (7 calendar days a step), but the
    timestamps follow the calendar 'B', every business day"; "'2B' is every other business day, but ...", "'BME' is
    month ends, one row a month, but ..."; None where neither is one of these (the caller then names ``text`` alone)."""
    if given is None or found is None:
        return None
    rows = every(found)
    if rows is None:
        return None
    name = repr(given.freqstr)
    if isinstance(given, _FIXED) and isinstance(found, _WORKDAYS):
        days = pd.Timedelta(given) / pd.Timedelta(days=1)
        span = f"{days:g} calendar day{'s' if days != 1 else ''} a step" if days >= 1 else f"a step of {given.freqstr}"
        what = f"{name} counts weekend days ({span})"
    elif type(given) is type(found) and given.n > 1 and given.base == found.base and found.n == 1:
        what = f"{name} is {every(given)}"
    elif (period := _period(given)) is not None and (isinstance(found, _FIXED + _WORKDAYS) and (
            not isinstance(found, _FIXED) or pd.Timedelta(found) <= pd.Timedelta(days=1))):
        unit, per = period
        what = f"{name} is {unit}s, one row a {per}" if given.n == 1 else f"{name} is {every(given)}"
    else:
        return None
    return f"{what}, but the timestamps follow the calendar {text!r}, {rows}"


def every(offset) -> str | None:
    """How often a calendar has a row, in words: 'every business day', 'every other business day', 'every 3rd month
    end', 'every other week, on Mondays' ('2W-MON'; decision 2151); None for a calendar with no such name here (a
    fiscal year, a semi-month)."""
    unit = _UNITS.get(offset.base.freqstr) if isinstance(offset, _FIXED + _WORKDAYS) else None
    if isinstance(offset, _O.Week):  # a week's rows on its weekday, not "week ends" (W-MON's weeks end on Mondays)
        unit = "week" + (f", on {DAY_NAMES[offset.weekday]}" if offset.weekday is not None else "")
    unit = unit or (_period(offset) or (None,))[0]
    if unit is None:
        return None
    n = offset.n
    nth = "" if n == 1 else "other " if n == 2 else f"{n}{_suffix(n)} "
    return f"every {nth}{unit}"


def _period(offset) -> tuple[str, str] | None:
    """(a row's name, its period) of a calendar of weeks, months, quarters or years: ('month end', 'month')."""
    return next(((unit, per) for kinds, unit, per in _PERIODS if isinstance(offset, kinds)), None)


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
