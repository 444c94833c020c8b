"""A cutoff written as a number on data whose times are numbers (``time_unit``: Unix seconds or milliseconds, Excel
serials), checked against the data before it is used.

A number in another unit than the data's is a common slip (milliseconds given to data in seconds, or the reverse):
read in the data's unit it is a time decades or millennia away, which crashed deep in the cut (a year 58805 past
pandas' nanosecond range) or was refused as a cutoff with no rows before it, saying nothing of how it was read. Here
such a number is refused in one line naming how it reads in the data's unit, the data's times, and the unit it reads
in inside them (``1793563200000 reads as ms: give 1793563200``), where one does.
"""

from __future__ import annotations

import pandas as pd

from rnncast import numbertimes, zoneclock
from rnncast.errors import RnncastError
from rnncast.spelling import named

OTHER_UNITS = ("s", "ms", "us", "ns")  # the units a Unix time is written in by the usual tools (pandas' to_datetime)


def read(text: str, time: pd.DatetimeIndex, fmt) -> pd.Timestamp | None:
    """``text`` as the time it is in the unit of the calendar's form ``fmt`` (``numbertimes.given``: a Unix time in
    UTC, a serial as a wall time), or None where ``fmt`` is no unit's or ``text`` no number. ``RnncastError`` where
    the number reads as no time there (outside the unit's plausible years, ``numbertimes.span``, or pandas' range),
    or as one outside the data's times ``time`` that another unit reads inside them."""
    unit, number = numbertimes.unit_of(fmt), pd.to_numeric(str(text).strip(), errors="coerce")
    if unit is None or pd.isna(number):
        return None
    low, high, years = numbertimes.span(unit)
    stamp = _stamp(text, fmt) if abs(number) < 9e18 else None  # beyond int64 (inf too): no time in any unit
    plausible = stamp is not None and low <= number <= high + 1  # as the data's own times must be
    first, last = _clock(time, unit)
    if plausible and first <= _naive(stamp) <= last:
        return stamp
    other = next((u for u in OTHER_UNITS if u != unit and first <= _as(number, u) <= last), None) \
        if abs(number) < 9e18 else None
    if plausible and other is None:  # a time of the unit's years outside the data: cut there, as any time
        return stamp
    data = numbertimes.write(pd.DatetimeIndex([time.min(), time.max()]), fmt)
    runs = f"the data's times run {data[0]} .. {data[1]} ({_wall(first, unit)} .. {_wall(last, unit)})"
    how = (f"reads in the data's unit ({unit}) as {_wall(_naive(stamp), unit)}, outside its years ({years})"
           if stamp is not None and not plausible else
           f"reads in the data's unit ({unit}) as {_wall(_naive(stamp), unit)}, outside the data's times"
           if stamp is not None else f"is no time in the data's unit ({unit}: {numbertimes.UNITS[unit]} of {years}, "
                                     f"{low} .. {high})")
    if other is None:
        raise RnncastError(f"{named('cutoff')} {text!r} {how}: {runs}; give a time among them, as the data writes "
                           "its times or in ISO 8601")
    at = _as(number, other)
    give = numbertimes.write(pd.DatetimeIndex([at.tz_localize("UTC").tz_convert(time.tz) if time.tz else at]), fmt)[0]
    raise RnncastError(f"{named('cutoff')} {text!r} {how}: {runs}; {text} reads as {other} ({_wall(at, unit)}): "
                       f"give {give}")


def _stamp(text: str, fmt) -> pd.Timestamp | None:
    """``numbertimes.given``'s time, None where pandas cannot hold it in nanoseconds (the cut compares in them)."""
    try:
        stamp = numbertimes.given(text, fmt)
        return None if stamp is None or pd.isna(stamp) else stamp.as_unit("ns")
    except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
        return None


def _clock(time: pd.DatetimeIndex, unit: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The data's first and last time on the clock the unit's numbers count (naive): UTC for Unix times."""
    naive = time.tz_convert("UTC").tz_localize(None) if time.tz is not None and numbertimes.in_utc(unit) else \
        zoneclock.wall(time)
    return naive.min(), naive.max()


def _naive(stamp: pd.Timestamp) -> pd.Timestamp:
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tz is not None else stamp


def _as(number: float, unit: str) -> pd.Timestamp:
    """``number`` read as a Unix time in ``unit`` (naive UTC), NaT where pandas cannot hold it."""
    try:
        return pd.Timestamp(int(number) if float(number).is_integer() else float(number), unit=unit)
    except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT


def _wall(stamp: pd.Timestamp, unit: str) -> str:
    """A time in words: to the minute (its seconds where it has them), UTC named for Unix times."""
    fmt = "%Y-%m-%d %H:%M" if stamp == stamp.floor("min") else "%Y-%m-%d %H:%M:%S"
    return f"{stamp:{fmt}}" + (" UTC" if numbertimes.in_utc(unit) else "")
