"""Dates written as integers, ``20150131`` (compact ISO 8601, ``%Y%m%d``), which are not integer periods.

``compact_dates`` reads an integer column whose every value is such a date as timestamps (a row counter,
years or a step counter never are); ``stray_dates`` finds the few values that break a column otherwise of
such dates (``20200230``, ``2020023``) and ``refuse_stray_dates`` names the first, its place and why, rather
than the column be read as integer steps. ``timeaxis.parse_time`` calls both; months written ``200001`` are
``monthtext``'s.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import monthtext, timetext
from rnncast.errors import RnncastError
from rnncast.spelling import spelled


def compact_dates(column: pd.Series) -> pd.DatetimeIndex | None:
    """An integer column of compact ISO 8601 dates (``20000131``, ``%Y%m%d``) as timestamps, when every
    value is one: eight digits that name a day of a year 1600 .. 2399; None otherwise. A row counter
    (1 .. n), years or a step counter are never all so, and stay integers."""
    values = column.dropna()
    if not len(values) or values.min() < 16000101 or values.max() > 23991231:
        return None
    times = pd.to_datetime(column.astype("Int64").astype(str), format="%Y%m%d", errors="coerce")  # <NA>: NaT
    return None if (times.isna() & column.notna()).any() else pd.DatetimeIndex(times)


STRAY_DATES_FROM = 32  # dates a column holds before a few others in it are typed wrong: a counter holds 31


def stray_dates(column: pd.Series) -> np.ndarray | None:
    """The positions of the few values (at most 2, or 1 in 100) that break an integer column whose other values,
    at least 32, are compact dates (``20200230`` or ``2020023`` among ``20200101`` ...): an array, empty when
    every value is a date; None when the column is not so. A counter that starts at such a number holds at most
    31 dates before it leaves them for 68 rows (20000132 .. 20000199), so it is never so."""
    given = np.flatnonzero(column.notna().to_numpy())
    if len(given) < STRAY_DATES_FROM:
        return None
    v = column.iloc[given].to_numpy(dtype=np.int64)
    plausible = (v >= 16000101) & (v <= 23991231)
    if plausible.sum() < STRAY_DATES_FROM:
        return None
    text = pd.Series(np.where(plausible, v, 0).astype(str))
    date = plausible & pd.to_datetime(text, format="%Y%m%d", errors="coerce").notna().to_numpy()
    if date.sum() < STRAY_DATES_FROM or (~date).sum() > max(2, len(v) // 100):
        return None
    return given[~date]


def refuse_stray_dates(column: pd.Series, name: str, place=str) -> None:
    """Refuse (``RnncastError``) an integer column of compact dates (``20200101``) with a few values that are no
    date (``stray_dates``), naming the first, its place and why, rather than read it as integer steps (whose
    first complaint would be that ``20200221`` comes after ``20200230``)."""
    stray = stray_dates(column)
    if stray is None or not len(stray):
        return
    i = int(stray[0])
    value = int(column.iloc[i])
    year, month = value // 10000, value // 100 % 100
    if not 10000000 <= value <= 99999999:
        why = "not eight digits"
    elif not 1600 <= year <= 2399:
        why = "no year 1600 .. 2399"
    elif not 1 <= month <= 12:
        why = "months run 01 .. 12"
    else:
        last = pd.Timestamp(year=year, month=month, day=1).days_in_month
        why = f"{pd.Timestamp(year=year, month=month, day=1):%B %Y} has {last} days"
    others = int(column.notna().sum()) - len(stray)
    good = column[~np.isin(np.arange(len(column)), stray)].dropna()  # the example of the form: a date, not the stray
    raise RnncastError(f"time column {name!r} holds {value} at {place(i)}, which is not a date written YYYYMMDD ({why}), "
                       f"where its other {others} values are dates written so ({int(good.iloc[0])}); correct "
                       f"that value, or name another time column ({spelled('time_col')})")


def refuse_short_years(column: pd.Series, name: str) -> None:
    """Refuse (``RnncastError``) an integer column, named as time is, whose every value is a date written
    ``YYMMDD`` (``190301``: six digits, ``050301`` five), at least two of them: read as integer steps, ``190331``
    to ``190401`` is 70 steps and the forecast runs on to ``190631``. Called where the column is neither
    ``YYYYMMDD`` dates nor ``YYYYMM`` months (``190301`` .. ``190312`` stays March 1903 .. December 1903)."""
    values = column.dropna()
    if len(values) < 2 or values.min() < 10101 or values.max() > 991231:
        return
    times = pd.to_datetime(values.astype("int64").astype(str).str.zfill(6), format="%y%m%d", errors="coerce")
    if times.isna().any():
        return
    first = int(values.iloc[0])
    raise RnncastError(f"time column {name!r} holds {first:06d} .. {int(values.iloc[-1]):06d}, which look like dates written "
                       f"YYMMDD, with two-digit years ({first:06d}: {timetext.spoken(times.iloc[0])}?), not integer steps; "
                       f"write them YYYYMMDD ({times.iloc[0]:%Y%m%d}) or as text dates ({times.iloc[0]:%Y-%m-%d})")


def written_as(column: pd.Series) -> str | None:
    """How an integer column is written where every value is a compact date: ``YYYYMMDD`` (``20190301``) or
    ``YYYYMM`` (``201501``, ``monthtext.compact_months``); None otherwise (and for any other column)."""
    if not pd.api.types.is_integer_dtype(column) or column.isna().all():
        return None
    if compact_dates(column) is not None:
        return "YYYYMMDD"
    return "YYYYMM" if monthtext.compact_months(column) is not None else None


EXCEL_SERIALS = (18264, 73415)  # Excel's day numbers of 1 Jan 1950 .. 31 Dec 2100: dates a table plausibly holds
EXCEL_ORIGIN = pd.Timestamp("1899-12-30")  # Excel's day 0 (its 1900 leap-year bug folded in)


def _excel_reading(column: pd.Series) -> tuple[str, str, str] | None:
    """Where every value of a numeric column lies among Excel's serial day numbers of 1950 .. 2100 (``42005`` is
    2015-01-01): its first and last value as written and the first one's date; else None. Years (1950), steps
    from 0 or 1 and compact dates (``20150101``, ``201501``, ``YYMMDD``) lie outside it."""
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return None
    values = column.dropna().to_numpy(dtype=np.float64)
    if not len(values) or values.min() < EXCEL_SERIALS[0] or values.max() > EXCEL_SERIALS[1]:
        return None
    first = float(values[0])
    when = EXCEL_ORIGIN + pd.Timedelta(days=first)
    shown = f"{first:.0f}" if first == round(first) else f"{first:g}"
    date = f"{when:%Y-%m-%d}" if when == when.normalize() else f"{when:%Y-%m-%d %H:%M}"
    return shown, f"{values[-1]:g}", date


def excel_serials(column: pd.Series) -> str | None:
    """Where a numeric column holds Excel serial day numbers (``_excel_reading``): the clause saying so (``holds
    42005 .. 42400, which look like Excel serial day numbers: 42005 would be 2015-01-01 as an Excel serial
    date``); else None (and for any other column)."""
    reading = _excel_reading(column)
    if reading is None:
        return None
    shown, last, date = reading
    return (f"holds {shown} .. {last}, which look like Excel serial day numbers: {shown} would be {date} as "
            "an Excel serial date")


EXCEL_FIX = ("write the column as dates (in Excel: Format Cells > Date) or convert with "
             "pd.to_datetime(x, unit='D', origin='1899-12-30')")


def refuse_excel_serials(column: pd.Series, name: str) -> None:
    """Refuse (``RnncastError``) a numeric column, named as time is (``Date``), of Excel serial day numbers
    (``_excel_reading``): read as integer steps, monthly serials leave thousands of steps 'missing' and the
    forecast runs on 44167, 44168 ... Called after compact dates are read or refused."""
    reading = _excel_reading(column)
    if reading is not None:
        shown, last, date = reading
        raise RnncastError(f"time column {name!r} holds {shown} .. {last}, which look like Excel serial day numbers, "
                           f"not integer steps: {shown} would be {date} as an Excel serial date; {EXCEL_FIX}")
