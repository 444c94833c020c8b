"""Fiscal (retail) weeks and periods of 52/53-week years, which no calendar rnncast reads keeps (decisions 1974, 1975): a
retailer's year ends on the Saturday nearest 31 January, so some years have a week 53 where neither ISO nor CDC's
MMWR gives that year one (2023), and its 12 periods run 4-4-5 weeks (28, 28 and 35 days, 42 in the 53-week year's
P12). Such stamps were set aside with the rows numbered (``week`` = 202353), called irregular with "give freq="
(4-4-5 period ends), or a fiscal quarter (``FY2020-P01``). Here they are recognised and refused, or said, in one
line naming what they look like and what works: each week's ending date (read as ``W-SAT``), the periods numbered
(read as integer steps), or ``--no-time-col`` where the column is no time.

``compact`` finds a YYYYWW column under a week's name with such a week 53; ``odd_year`` the first year of
(year, week) pairs given a week 53 no ISO or MMWR year has; ``split_clause`` says how to join a year and its fiscal
week or period; ``period_ends`` recognises 4-4-5 period ends; ``label`` says what ``FY2020-P01`` is; ``season_note``
says that a season of 52 weeks repeats a week's event a week early after a 53-week year (decision 1977).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast import wholenumbers
from rnncast.errors import RnncastError
from rnncast.mmwrweeks import iso_long, long_year
from rnncast.offsetguess import inside
from rnncast.spelling import spelled

WEEK_WORDS = {"week", "weeks", "wk", "wks", "fw", "yyyyww", "yearweek", "kw", "woche", "kalenderwoche", "epiweek",
              "isoweek", "fiscalweek", "retailweek"}  # the words of a name that say it holds weeks
FISCAL = re.compile(r"(?i)\s*(fiscal|fisc|fy(?![a-z])|retail|accounting)")  # fiscal_week, fy_week, retail week
LABEL = re.compile(r"(?i)\s*(?:(?P<ua>P|PD|PER|W|WK)\s*(?P<na>\d{1,2})\s*[-/ ]?\s*)?FY\s*'?(?P<y>\d{4}|\d{2})"
                   r"(?:\s*[-/ ]?\s*(?P<ub>P|PD|PER|W|WK)\s*(?P<nb>\d{1,2}))?\s*")  # FY2020-P01, FY2020-W01, P1 FY20


def odd_year(years: np.ndarray, weeks: np.ndarray) -> int | None:
    """The first year of ``years`` [N] whose week (``weeks`` [N]) 53 is given where neither ISO nor MMWR gives that
    year 53 weeks (2023): a fiscal 52/53-week year's; None where there is none."""
    return next((int(y) for y in sorted(set(years[weeks == 53].tolist())) if not (iso_long(int(y)) or long_year(int(y)))),
                None)


def week_named(name) -> bool:
    """Whether a column's name says it holds weeks: ``week``, ``fiscal_week``, ``FW``, ``yyyyww``, ``retail week``."""
    words = [w for w in re.split(r"[^a-z]+", str(name).strip().lower()) if w]
    return bool(words) and (bool(set(words) & WEEK_WORDS) or "".join(words) in WEEK_WORDS)


def fiscal_named(name) -> bool:
    """Whether a column's name says fiscal (``fiscal_year``, ``FY``, ``fy_week``, ``retail_week``)."""
    return FISCAL.match(str(name)) is not None


def compact(frame: pd.DataFrame, candidates) -> str | None:
    """Where no time column was found: the refusal of the first of ``candidates`` under a week's name
    (``week_named``) holding whole numbers that all write weeks YYYYWW with a week 53 of a year that neither ISO nor
    MMWR gives one (``odd_weeks``: 202353), which both calendars' readers refuse, so that the column was set aside and
    the rows numbered; None where none does."""
    for c in candidates:
        column = wholenumbers.as_whole(frame[c])
        if pd.api.types.is_integer_dtype(column) and not pd.api.types.is_bool_dtype(column) and not \
                column.isna().any() and (said := odd_weeks(column.to_numpy(dtype=np.int64), c)) is not None:
            return (f"no time column was found: {said}; or, if it is no time, say the table has none with "
                    f"{spelled('time_col', False)}")
    return None


def refuse_told(time: pd.Index) -> None:
    """Refuse (``RnncastError``) an integer time index named as weeks (``time_col='week'``) whose values ``odd_weeks``
    finds fiscal (202353), which would be read as integer steps with 50 missing after each year's last week."""
    if pd.api.types.is_integer_dtype(time) and len(time) and \
            (said := odd_weeks(time.to_numpy(dtype=np.int64), time.name)) is not None:
        raise RnncastError(f"time column {said}; or give a "
                           f"step ({spelled('freq', 1)}) to read them as integer steps")


def odd_weeks(values: np.ndarray, name) -> str | None:
    """Where column ``name``, named as weeks (``week_named``), holds whole numbers ``values`` [N] that all write weeks
    YYYYWW (a year 1600 .. 2399, weeks 1 .. 53) with a week 53 of a year neither ISO nor MMWR gives one (``odd_year``):
    the clause naming it, the week and what works; else None."""
    if not week_named(name) or not len(values) or values.min() < 160001 or values.max() > 239953 or \
            (values % 100 < 1).any() or (values % 100 > 53).any():
        return None
    if (year := odd_year(values // 100, values % 100)) is None:
        return None
    return (f"{str(name)!r} holds {values[0]} .. {values[-1]}, weeks written YYYYWW, and {year}53 is a week 53, which "
            f"neither ISO nor MMWR gives {year}: fiscal (retail) weeks of 52/53-week years? rnncast reads no such week "
            f"numbers: write each week's ending date (its Saturday, say) in the column, read as weekly ('W-SAT'), and "
            f"name it with {spelled('time_col', name)}")


def split_clause(time_col: str, name: str, unit: str, example: str) -> str:
    """The clause a refusal of repeated years adds where ``time_col`` (the year) and ``name`` hold a fiscal week
    (``unit`` "fiscal week"; ``example``: why, "2023 has a week 53, which neither ISO nor MMWR gives 2023" or the
    names) or period ("fiscal period"; ``example``: "first year;periods a year", 2020;12)."""
    if unit == "fiscal week":
        return (f"; the time is split over {time_col!r} (the year) and {name!r} (the week of the year), and {example}: "
                f"fiscal (retail) weeks of 52/53-week years, which no week label rnncast reads keeps; write each week's "
                f"ending date (its Saturday, say: the fiscal year's first Saturday + 7 * (week - 1) days) as one time "
                f"column, read as weekly ('W-SAT'), and name it with time_col= (--time-col); {name!r} is no series id")
    first, count = example.split(";")
    return (f"; the time is split over {time_col!r} (the year) and {name!r} (the fiscal period of the year, 1 .. "
            f"{count}): fiscal periods (4-4-5 weeks of a 52/53-week year) have no pandas calendar, and their end dates "
            f"keep none either, so number them as one time column, e.g. frame['step'] = (frame[{time_col!r}] - "
            f"{first}) * {count} + frame[{name!r}], read as integer steps, and name it with time_col= (--time-col); "
            f"{name!r} is no series id")


def period_ends(time: pd.Index, offsets: np.ndarray) -> str | None:
    """What a message about timestamps that keep no calendar says where they are the period ends of a 4-4-5 (4-5-4,
    5-4-4) fiscal calendar: midnights on one weekday ``time`` [N] (series cut at ``offsets`` [S + 1]) stepping 4 and
    5 weeks (6 where a 53-week year's extra week falls), which no pandas offset keeps; None otherwise."""
    if not isinstance(time, pd.DatetimeIndex) or len(time) < 4 or time.hasnans or time.tz is not None:
        return None
    if (time != time.normalize()).any() or len(set(time.day_of_week)) != 1:
        return None
    days = set((np.diff(time.as_unit("s").asi8 // 86_400)[inside(offsets, len(time))]).tolist())
    if not days or not days <= {28, 35, 42} or not {28, 35} <= days:
        return None
    six = ", 6 where a 53-week year's extra week falls" if 42 in days else ""
    return (f"they look like the period ends of a 4-4-5 fiscal calendar (or 4-5-4, 5-4-4: steps of 4 and 5 weeks{six}, "
            f"every one a {time[0]:%A}), which no pandas calendar keeps, so freq= cannot date them either; to forecast "
            f"them, number the periods (a time column of whole numbers 1, 2, 3 ..., read as integer steps, named with "
            f"time_col= (--time-col)) or say the table has none (time_col=False, --no-time-col), and date the "
            f"forecasts from your fiscal calendar")


def label(value) -> tuple[str, str] | None:
    """What ``value`` is and what to write instead where it labels a fiscal period or week (``FY2020-P01``,
    ``FY2020-W01``, ``P1 FY20``): ("a fiscal period", remedy); None for any other value (``FY2005 Q1``)."""
    found = LABEL.fullmatch(str(value))
    unit = found and (found["ua"] or found["ub"])
    if not unit or (found["ua"] and found["ub"]):
        return None
    if unit.upper().startswith("W"):
        return "a fiscal week", ("fiscal weeks of 52/53-week years have no pandas calendar: write each week's ending "
                                 "date (its Saturday, say), read as weekly ('W-SAT'), or number the weeks 1, 2, 3 ... "
                                 "(read as integer steps)")
    return "a fiscal period", ("fiscal periods (4-4-5 weeks of a 52/53-week year) have no pandas calendar, and their end "
                               "dates keep none either: number the periods 1, 2, 3 ... in a column named step, read as "
                               "integer steps")


def season_note(season: int | None, calendar, times) -> str | None:
    """The note where ``season`` is 52 on a weekly ``calendar`` (``timecalendar.Calendar``, one week on a weekday)
    that looks fiscal, and ``times`` (the rows' DatetimeIndex or PeriodIndex) span a whole calendar year holding 53 of
    its weekday (2022's Saturdays): 52 weeks are a year less a day or two, so after such a year the seasonal naive
    forecast (the value 52 rows back) repeats an event of a week of the year a week early (decision 1977). Looks
    fiscal: weeks ending on Saturday or Sunday, as retail weeks do, or a time column named so (``FISCAL``: fiscal_week,
    retail week); almost any weekly series of 6 years holds such a year, and a flu count's Tuesdays are no fiscal
    weeks (decision 2018). None otherwise."""
    freq = getattr(calendar, "freq", None)
    if season != 52 or times is None or not len(times) or not isinstance(freq, pd.offsets.Week) or freq.n != 1 or \
            freq.weekday is None or getattr(calendar, "kind", None) not in ("datetime", "period"):
        return None
    named = bool(FISCAL.match(str(getattr(calendar, "name", None) or "")))
    if freq.weekday not in (5, 6) and not named:  # W-SAT, W-SUN: retail week ends
        return None
    if isinstance(times, pd.PeriodIndex):
        times = times.to_timestamp(how="end")
    first, last = times.min(), times.max()
    day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=freq.weekday)  # a Monday, moved to the weekday
    long = [y for y in range(first.year + 1, last.year) if
            len(pd.date_range(f"{y}-01-01", f"{y}-12-31", freq=freq)) == 53]
    if not long:
        return None
    fiscal = ", as after a retailer's 53-week fiscal year," if named else ""
    return (f"season 52 counts 52 weeks back, a year less a day or two, so after a year of 53 {day:%A}s ({long[0]}"
            f"{' ...' if len(long) > 1 else ''}){fiscal} the seasonal naive forecast and MASE's scale repeat an event "
            f"tied to a week of the year a week early; no season keeps such years")
