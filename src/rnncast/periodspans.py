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
QUARTER, YEAR = re.compile(r"\d{4}Q[1-4]"), re.compile(r"\d{4}")  # as pandas writes a quarter's, a year's period


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


def held(period: pd.Period) -> str:
    """A ``pd.Period`` as text that names its days on any data: a quarter's or a year's as the days it spans
    ('2016-07-01/2016-09-30' for ``pd.Period('2016Q3', 'Q-DEC')``, '2015-10-01/2015-12-31' for Q-MAR's 2016Q3), since
    '2016Q3' and '2016' name other days on data of a fiscal calendar (``on_calendar``); any other period as pandas
    writes it ('2021-07', a week's '2021-05-17/2021-05-23': days already). Raises nothing."""
    if isinstance(period.freq, (pd.offsets.QuarterEnd, pd.offsets.YearEnd)):
        return f"{period.start_time:%Y-%m-%d}/{period.end_time:%Y-%m-%d}"
    return str(period)


def held_days(text: str) -> bool:
    """Whether ``text`` is the days of a quarter or year as ``held`` writes them ('2016-07-01/2016-09-30'), not a
    week's ('2021-05-17/2021-05-23', as pandas writes a week)."""
    days = DAYS.fullmatch(text)
    return days is not None and (pd.Timestamp(days[2]) - pd.Timestamp(days[1])).days > 6


def as_held(period: pd.Period, text: str) -> bool:
    """Whether ``text`` is what ``held`` writes for ``period`` and ``period`` is named as the calendar names those days
    (Q-DEC's 2016Q3, not Q-MAR's 2016Q3, which is October to December 2015): a cutoff of such text needs no word."""
    plain = pd.Period(period.start_time, freq=period.freqstr.split("-")[0])
    return held(period) == text and str(plain) == str(period)


def on_calendar(text: str, freq, what: str) -> pd.Period | None:
    """The period of ``freq`` (a PeriodIndex's quarters or years) that quarter text ('2016Q3') or, on years, year text
    ('2016') names as pandas reads it there: on a fiscal calendar that is the fiscal period, ``pd.Period('2016Q3',
    freq='Q-MAR')`` (October to December 2015), as ``y.loc[:'2016Q3']`` slices, not the calendar quarter. None for
    other text or another frequency (read by its span: ``span``). Raises ``RnncastError`` for a year of fiscal years
    (Y-MAR's '2016'), which pandas reads two ways: ``pd.Period('2016', freq='Y-MAR')`` is its year ending March 2016,
    ``y.loc[:'2016']`` slices to the calendar year's end, in its year 2017; both are named, with text for each."""
    quarters, years = isinstance(freq, pd.offsets.QuarterEnd), isinstance(freq, pd.offsets.YearEnd)
    if QUARTER.fullmatch(text) and (quarters or years):
        return pd.Period(text, freq=freq)
    if not (YEAR.fullmatch(text) and years):
        return None
    own, sliced = pd.Period(text, freq=freq), pd.Period(pd.Period(text, freq="Y").end_time, freq=freq)
    if own == sliced:
        return own
    raise RnncastError(f"{what} {text!r} is ambiguous on the data's {own.freqstr} years: pandas reads it as the year "
                       f"{own} of that calendar, {own.start_time:%Y-%m-%d} to {own.end_time:%Y-%m-%d} "
                       f"(pd.Period({text!r}, freq={own.freqstr!r})), and slices y.loc[:{text!r}] to the calendar "
                       f"year's end, in its year {sliced}; give {own.end_time:%Y-%m} for the first or {text}-12 for the "
                       f"second")
