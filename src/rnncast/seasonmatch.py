"""A season given that is no whole number of its calendar's years: ``season=4`` on monthly data compares each month
with the one 4 months earlier, which matches no yearly cycle (12 months in a year), and on yearly data with the
value 4 years earlier, where a year holds no season; the run went on without a word (decision 1048).

``hint`` is the one line said beside the verdict, as ``runnotes.season_hint`` says a season not given. Only
calendars of a month or longer are judged (months, twice a month, quarters, half-years, a fixed day of the month or
quarter, and years): their seasons are the year's. A step of a week or less nests in many cycles that users choose
on purpose (hourly data: season 24 for a day, 168 for a week; daily: 7, 365; business days: 5, 252), so none is
judged. A multiple of the year (monthly season 24) is a season on purpose too and is not hinted.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt

from pandas.tseries import offsets
from pandas.tseries.frequencies import to_offset

from rnncast import monthdays
from rnncast.errors import RnncastError
from rnncast.seasons import MONTHS, QUARTERS, implied_season, one_day
from rnncast.spelling import spelled

YEARS = (offsets.YearBegin, offsets.YearEnd, offsets.BYearBegin, offsets.BYearEnd)
YEARLY = MONTHS + QUARTERS + (offsets.SemiMonthEnd, offsets.SemiMonthBegin)  # and MonthDay, by its type
YEAR_NAMES = ("year", "years", "yr")  # integer periods in a column so named are years (1995, 1996 ...)


class _Given:
    """A calendar read back from a run's recorded ``freq`` text (a backtest's metrics): its kind and offset."""

    kind = "datetime"

    def __init__(self, freq):
        self.freq = freq


def calendar_of(freq_text):
    """The calendar a backtest's metrics recorded as ``freq`` ('MS', 'QS-JAN', 'MS@15'), or None where the text names
    no pandas offset (a session, an integer step)."""
    try:
        freq = monthdays.parse(freq_text) or to_offset(freq_text)
    except (ValueError, TypeError, RnncastError):  # a session's or an integer step's text
        return None
    return _Given(freq)


def hint(season: int, calendar, shown: str) -> str | None:
    """"hint: season 4, but the calendar 'MS' has 12 months in a year ..." where ``season`` (given, above 1) is no
    whole number of the years of ``calendar`` (``timecalendar.Calendar``; ``shown`` as a person reads it), or the
    calendar is yearly; None otherwise, and for calendars of a week or less (see the module)."""
    if season is None or season <= 1 or calendar is None:
        return None
    kind, freq = getattr(calendar, "kind", None), getattr(calendar, "freq", None)
    yearly = kind in ("datetime", "period") and isinstance(freq, YEARS) or (
        kind == "integer" and freq == 1 and str(getattr(calendar, "name", "")).strip().lower() in YEAR_NAMES)
    if yearly:
        steps = f"the calendar {shown} steps a year" if kind != "integer" else \
            f"the time column {calendar.name!r} counts years"
        return (f"hint: season {season}, but {steps}, and a year holds no season: the "
                f"seasonal naive forecast repeats the value {season} years earlier; leave the season at 1 "
                f"({spelled('season', 1)}) unless the values repeat every {season} years")
    if kind not in ("datetime", "period") or not (isinstance(freq, YEARLY) or type(freq) is monthdays.MonthDay):
        return None
    implied = implied_season(calendar)
    if implied is None or season % implied.steps == 0:
        return None
    return (f"hint: season {season}, but the calendar {shown} has {implied.steps} {implied.cycle}: the seasonal naive "
            f"forecast repeats the value {season} steps earlier, which is no whole year; if the values repeat every "
            f"year, give season {implied.steps} ({spelled('season', implied.steps)})")


def leap_note(season: int | None, calendar, times) -> str | None:
    """The note where ``season`` is 365 on a daily ``calendar`` (``timecalendar.Calendar``) and ``times`` (the rows'
    DatetimeIndex or PeriodIndex) span a Feb 29: the season counts steps, so for the year after each Feb 29 the
    seasonal naive value, and MASE's scale, is the day after the same date a year earlier (decision 1576); None
    otherwise."""
    freq = getattr(calendar, "freq", None)
    if season != 365 or times is None or not len(times) or not one_day(freq) or \
            getattr(calendar, "kind", None) not in ("datetime", "period"):
        return None
    first, last = times.min(), times.max()
    leap = [y for y in range(first.year, last.year + 1) if gregorian.isleap(y)
            and (first.year, first.month, first.day) <= (y, 2, 29) <= (last.year, last.month, last.day)]
    if not leap:
        return None
    back = dt.timedelta(days=365)  # the example a day the data holds whose value 365 days back it holds too (t36t6)
    day = max(dt.date(leap[0], 3, 1), dt.date(first.year, first.month, first.day) + back)
    shown = day <= min(dt.date(last.year, last.month, last.day), dt.date(leap[0] + 1, 2, 28))
    return (f"season 365 counts 365 days back, so in the year after each Feb 29 the data spans ({leap[0]}-02-29"
            f"{' ...' if len(leap) > 1 else ''}) the seasonal naive forecast, and MASE's scale, take the value of the "
            f"day after the same date a year earlier{f' (for {day}, {day - back}' + chr(39) + 's)' if shown else ''}")
