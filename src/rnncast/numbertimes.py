"""Times written as numbers, read as the user names them (``time_unit``): Unix times in seconds or milliseconds
(UTC), or Excel serial day numbers (the 1900 date system: day 0 is 1899-12-30, its leap-year bug folded in).

rnncast never reads a numeric column as such times by itself (decision 220: the numbers may mean something else,
and the zone is not guessed); ``compactdates`` refuses them under a time name, naming this setting. Given it,
``read`` reads the time column so, refusing by name a column that is not numeric or whose values lie outside the
unit's plausible range (Unix times of 1980 .. 2100, ``EPOCHS``; serials of 1950 .. 2100, ``EXCEL_SERIALS``;
``compactdates`` uses the same ranges to tell such numbers apart from steps). The calendar is then inferred as for any timestamps. ``FORMS`` is the written
form the calendar keeps (``Calendar.text_format``, ``unix:s``), with which ``timetext.write`` and
``timetext.reads_back`` hand forecast times here (``write``, ``reads_back``), so they are written back as
numbers in the column's unit, as compact dates are written back ``YYYYMMDD``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import spelled

UNITS = {"s": "Unix times in seconds", "ms": "Unix times in milliseconds", "excel": "Excel serial day numbers"}
FORMS = {"s": "unix:s", "ms": "unix:ms", "excel": "excel"}  # the written form a calendar keeps (text_format)
EXCEL_ORIGIN = pd.Timestamp("1899-12-30")  # Excel's day 0 of the 1900 date system
STEPS = {"s": pd.Timedelta(1, unit="s"), "ms": pd.Timedelta(1, unit="ms"), "excel": pd.Timedelta(days=1)}
ORIGINS = {"s": pd.Timestamp(0), "ms": pd.Timestamp(0), "excel": EXCEL_ORIGIN}
EXCEL_SERIALS = (18264, 73415)  # Excel's day numbers of 1 Jan 1950 .. 31 Dec 2100: dates a table plausibly holds
EPOCHS = {"s": (315532800, 4102444800), "ms": (315532800_000, 4102444800_000)}  # Unix times of 1980 .. 2100


def span(unit: str) -> tuple[int, int, str]:
    """The plausible values of ``unit`` (low, high) and the years they cover."""
    if unit == "excel":
        return (*EXCEL_SERIALS, "1950 .. 2100")
    return (*EPOCHS[unit], "1980 .. 2100")


def read(column: pd.Series, name: str, unit: str, place=str) -> pd.DatetimeIndex:
    """The numbers [N] of time column ``name`` as naive timestamps (in microseconds): Unix times (``s``, ``ms``) as
    UTC's wall clock, as ``pd.to_datetime(x, unit='s')`` reads them; Excel serials (``excel``) as the dates and
    times they write, to the millisecond (Excel's precision). ``in_utc(unit)`` says which are UTC instants
    (``timeaxis.parse_time`` places them in ``tz=``). ``RnncastError`` naming the setting where the column is not
    numeric, a value is missing, or a value lies outside ``span(unit)`` (naming the unit the values look like, if
    another); ``place(i)`` names row ``i``."""
    said = f"time_unit={unit!r} reads the time column as {UNITS[unit]}"
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        given = column.dropna()
        what = f"{given.iloc[0]!r} at {place(int(np.flatnonzero(column.notna().to_numpy())[0]))}" if len(given) else "no values"
        kind = ("timestamps" if pd.api.types.is_datetime64_any_dtype(column) else "text"
                if pd.api.types.is_string_dtype(column) or column.dtype == object else str(column.dtype))
        raise RnncastError(f"{said}, but time column {name!r} holds {kind} ({what}), not numbers; leave time_unit unset "
                           f"to read it as it is written")
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isnan(values).any():
        raise RnncastError(f"time column {name!r} is missing a timestamp at {place(int(np.flatnonzero(np.isnan(values))[0]))}; "
                           "fill it in, or drop the row")
    low, high, years = span(unit)
    off = np.flatnonzero((values < low) | (values > high))
    if len(off):
        i = int(off[0])
        other = next((u for u in UNITS if u != unit and span(u)[0] <= values.min() and values.max() <= span(u)[1]), None)
        like = f"; they look like {UNITS[other]} ({spelled('time_unit', other)})" if other else ""
        raise RnncastError(f"{said} of {years} ({low} .. {high}), but time column {name!r} holds {values[i]:.15g} at "
                           f"{place(i)}{like}; give the unit its values are in, or leave time_unit unset")
    whole = bool((values == np.round(values)).all())
    if unit == "excel":
        time = EXCEL_ORIGIN + pd.to_timedelta(values, unit="D")
        time = pd.DatetimeIndex(time).round("ms")
    else:
        time = pd.to_datetime(values.astype(np.int64) if whole else values, unit=unit)
    return pd.DatetimeIndex(time, name=name).round("us").as_unit("us")  # timeaxis.one_unit's unit


def in_utc(unit: str) -> bool:
    """Whether ``unit``'s numbers are instants on UTC's clock (Unix times), not wall times (Excel serials)."""
    return unit != "excel"


def unit_of(fmt) -> str | None:
    """The unit whose written form is ``fmt`` (a calendar's ``text_format``: ``unix:s``), else None."""
    return next((u for u, f in FORMS.items() if f == fmt), None)


def _numbers(times, unit: str) -> np.ndarray:
    """[N] ``times`` (Unix times: any zone, as instants; serials: as their wall clock reads) in ``unit``, float."""
    times = pd.DatetimeIndex(times)
    if times.tz is not None:
        times = times.tz_convert("UTC").tz_localize(None) if unit != "excel" else times.tz_localize(None)
    return np.asarray((times - ORIGINS[unit]) / STEPS[unit], dtype=np.float64)


def write(times, fmt: str) -> np.ndarray:
    """[N] ``times`` as text in the written form ``fmt`` (``FORMS``): whole numbers without a decimal point
    (``1704067200``, ``45292``), others as the shortest text that reads back (``45292.5``)."""
    numbers = _numbers(times, unit_of(fmt))
    return np.array([str(int(v)) if v == round(v) else repr(float(v)) for v in numbers], dtype=object)


def reads_back(times, fmt: str) -> bool:
    """Whether ``times`` written in the form ``fmt`` read back as the same instants (Unix times) or wall
    times (serials, to the millisecond)."""
    unit = unit_of(fmt)
    times = pd.DatetimeIndex(times)
    try:
        back = read(pd.Series(write(times, fmt).astype(np.float64)), "time", unit) if len(times) else times
    except RnncastError:  # beyond the unit's years (a forecast past 2100)
        return False
    if times.tz is not None:
        times = times.tz_convert("UTC").tz_localize(None) if unit != "excel" else times.tz_localize(None)
    try:
        return bool((back == times).all())
    except (TypeError, ValueError):
        return False
