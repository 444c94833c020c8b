"""The season a calendar implies: 12 months in a year, 52 weeks, 4 quarters, 7 days in a week, 5
business days, 24 hours (or 96 15-minute steps) in a day, 13 bars in a trading session (a week's bars where its
weekdays keep different hours: 128 for a call centre's 24 half hours on weekdays and 8 on Saturday); a step of 24
hours ('24h', daily instants on a zone's clock) is a day: 7 in a week.

A run keeps its ``season`` setting as given (1 by default: no season, no seasonal naive baseline);
this only tells the verdict what it did not compare with. The calendar's pandas offset says the
step (``isinstance`` on pandas' offset classes, never its text), and its multiple ``n`` divides the
cycle (``2h``: 12 steps a day); a step that does not divide its cycle evenly, a year, a step under a
minute, integer periods and numbered rows imply none.
"""

from __future__ import annotations

from typing import NamedTuple

from pandas.tseries import offsets

from rnncast.monthdays import MonthDay
from rnncast.sessions import Session


class Season(NamedTuple):
    """A season in steps of the calendar and the cycle it is, said in words ("12 months in a year")."""

    steps: int
    cycle: str


def recorded(metrics: dict) -> Season | None:
    """The season a run's or backtest's ``metrics`` recorded as its calendar's (``implied_season``), or None."""
    season = metrics.get("implied_season")
    return Season(**season) if season else None


DAY_NANOS = 86_400 * 10**9
MONTHS = (offsets.MonthEnd, offsets.MonthBegin, offsets.BusinessMonthEnd, offsets.BusinessMonthBegin,
          offsets.CustomBusinessMonthEnd, offsets.CustomBusinessMonthBegin)
QUARTERS = (offsets.QuarterEnd, offsets.QuarterBegin, offsets.BQuarterEnd, offsets.BQuarterBegin)


def implied_season(calendar) -> Season | None:
    """The season of ``calendar`` (a ``timecalendar.Calendar``: its ``kind`` and ``freq``, a pandas offset),
    or None when its step implies none (see the module)."""
    if calendar is None or getattr(calendar, "kind", None) not in ("datetime", "period"):
        return None
    freq = calendar.freq
    if isinstance(freq, Session):  # a trading session's bars: a day of trading
        if freq.hours is not None:  # weekdays of other hours: a day is no number of rows, a week is (decision 1786)
            return Season(freq.week_bars, "bars in a week of sessions")
        return Season(freq.bars, "bars in a trading session") if freq.bars > 1 else None
    if not isinstance(freq, offsets.BaseOffset) or freq.n < 1:
        return None
    n = freq.n
    if isinstance(freq, (offsets.SemiMonthEnd, offsets.SemiMonthBegin)):
        return _per(24, n, "half months in a year")
    if type(freq) is MonthDay:  # MS@15, QS-JAN@10 (isinstance is True of any offset: DateOffset's metaclass)
        return _per(12, 1, "months in a year") if freq.months == 1 else _per(4, freq.months // 3, "quarters in a year")
    if isinstance(freq, MONTHS):
        return _per(12, n, "months in a year")
    if isinstance(freq, QUARTERS):
        return _per(4, n, "quarters in a year")
    if isinstance(freq, offsets.Week):
        return _per(52, n, "weeks in a year")
    if isinstance(freq, offsets.BusinessDay) and n == 1:  # CustomBusinessDay too: its week mask's days
        mask = str(getattr(freq, "weekmask", None) or "Mon Tue Wed Thu Fri")  # BusinessDay's is None
        days = mask.count("1") if set(mask) <= {"0", "1"} else len(mask.split())
        return Season(days, "business days in a week") if days > 1 else None
    if isinstance(freq, offsets.Day):
        return _days(n)
    if isinstance(freq, offsets.Tick) and freq.nanos % DAY_NANOS == 0:  # '24h', '1440min': days of elapsed time, as
        return _days(freq.nanos // DAY_NANOS)  # daily UTC instants on a zone's clock are read (decision 1813)
    if isinstance(freq, (offsets.Hour, offsets.Minute)) and DAY_NANOS % freq.nanos == 0:  # under a day: > 1 a day
        steps = DAY_NANOS // freq.nanos
        return Season(int(steps), "hours in a day" if steps == 24 else f"{_sized(freq)} steps in a day")
    return None


def one_day(freq) -> bool:
    """Whether ``freq`` (a pandas offset) steps one day: 'D', or 24 hours of elapsed time ('24h', '1440min': daily
    instants read on a zone's clock), whose 365 steps are a year too (decision 1813)."""
    return isinstance(freq, offsets.Day) and freq.n == 1 or isinstance(freq, offsets.Tick) and freq.nanos == DAY_NANOS


def _days(n: int) -> Season | None:
    """The season of a step of ``n`` whole days: a week of days, a year of weeks ('7D': weeks on each series' own
    weekday, ``calendars.weekdays``), else none."""
    if n == 1:
        return Season(7, "days in a week")
    return _per(52, n // 7, "weeks in a year") if n % 7 == 0 else None


SMALL = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _sized(freq) -> str:
    """A step of hours or minutes as an adjective: "one-minute", "15-minute", "two-hour" (pandas' alias, "min" or
    "15min", is no word: "1440 steps of min in a day" read as a typo)."""
    unit = "hour" if isinstance(freq, offsets.Hour) else "minute"
    return f"{SMALL[freq.n - 1] if freq.n <= len(SMALL) else freq.n}-{unit}"


def _per(cycle: int, n: int, words: str) -> Season | None:
    """``cycle`` steps of one (``words``: "months in a year"), in steps of ``n`` of them."""
    if cycle % n or cycle // n < 2:
        return None
    unit, whole = words.split(" in ")
    return Season(cycle // n, words if n == 1 else f"steps of {n} {unit} in {whole}")


def agreed_season(calendar, others=()) -> Season | None:
    """``implied_season`` of ``calendar`` when every calendar in ``others`` (those series of a panel keep of
    their own: a Sun-Thu market beside a Mon-Sat shop) implies the same; None where they differ: no one
    season is the panel's."""
    season = implied_season(calendar)
    return season if all(implied_season(c) == season for c in others) else None

