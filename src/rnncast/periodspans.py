"""The period a time written as text names (a year '2015', quarter '2017Q3', month '2021-07', ISO week '2022-W20' or
week date '2022-W20-3', a week of days '2021-05-17/2021-05-23', a day, hour or minute): its first and last instant, as
pandas' partial-string slicing reads it, and its start (what a cutoff given so means: ``cutoffs``).
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from rnncast.errors import RnncastError

ISO_WEEK = re.compile(r"(\d{4})-?W(\d{2})(?:-?([1-7]))?")  # a week, or a day of it (2020-W50-1), as data reads them
DAYS = re.compile(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})")  # a pd.Period of weeks as str() writes it
DOTTED = re.compile(r"([+-]?\d{4})\.(\d+)")  # '2024.5': a year, a point and a number: pandas' guess, no form of its own


def span(text: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """(first, last instant) of the period ``text`` names in ISO 8601 or pandas' forms: a year ('2015'), quarter
    ('2017Q3'), month ('2021-07', 'Jul 2021'), ISO week ('2022-W20') or week date ('2022-W20-3', that day), week of
    days ('2021-05-17/2021-05-23'), day, hour, minute; None for a time with a UTC offset (an instant), or text no such
    period."""
    week, days = ISO_WEEK.fullmatch(text), DAYS.fullmatch(text)
    try:
        if week or days:
            day = int(week[3] or 1) if week else 1
            start = pd.Timestamp.fromisocalendar(int(week[1]), int(week[2]), day) if week else pd.Timestamp(days[1])
            last = start + pd.Timedelta(days=0 if week and week[3] else 6) if week else pd.Timestamp(days[2])
            return start, last + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")
        with warnings.catch_warnings():  # pandas 3 warns of a quarter's text read as a Timestamp
            warnings.simplefilter("ignore")
            if getattr(_read_stamp(text), "tz", None) is not None:
                return None  # '2024-10-25T10:00:00+00:00': an instant, its offset kept
        period = pd.Period(text)
        return period.start_time, period.end_time
    except (ValueError, TypeError, AttributeError):
        return None


def _read_stamp(text: str):
    try:
        return pd.Timestamp(text)
    except (ValueError, TypeError):
        return None


def period_start(text: str) -> pd.Timestamp:
    """The time ``text`` writes in ISO 8601 or pandas' forms, a period read as its start ('2017Q3': 2017-07-01, which
    pandas 3 no longer reads as a Timestamp), a time with a UTC offset as that instant."""
    found = span(text)
    if found is not None:
        return found[0]
    stamp = _read_stamp(text)
    if stamp is None:
        raise ValueError(text)
    return stamp


def refuse_dotted(text: str, what: str) -> None:
    """Refuse ``text`` written as a year, a point and a number ('2024.5', '2024.13'), naming its readings: pandas reads
    '2024.5' as May 2024 (as Korea and China write a month), '2024.13' and '2024.50' as all of 2024 and '2024.1' as
    January, and such text is also a fraction of a year or a number; no one of them is taken. Where the data write
    their times so (a format such as %Y.%m) the caller reads it in that form first and does not come here."""
    found = DOTTED.fullmatch(text)
    if found is None:
        return
    year, month = found[1], int(found[2])
    if 1 <= month <= 12:
        raise RnncastError(f"{what} {text!r} is ambiguous: a month ({year}-{month:02d}, as {year}.{month} is written in "
                           f"Korea or China), a fraction of the year {year} or a number; give the month as "
                           f"{year}-{month:02d} (to its end) or a day such as {pd.Period(f'{year}-{month:02d}').end_time:%Y-%m-%d}")
    raise RnncastError(f"{what} {text!r} is no time: {found[2]} is no month, and a year with a fraction is none either; "
                       f"give a month such as {year}-12 (to its end) or a day such as {year}-12-31 (ISO 8601)")
