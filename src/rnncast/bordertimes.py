"""A border of the fit's split (the first validation time, the first test time, the last time fit read) as
``model.json`` keeps it (``as_json``) and found again in a series' times (``searcher``): a timestamp in its zone, a
period of its frequency, an integer period; looked up by numpy in the times' int64 form.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import zoneclock


def as_json(value):
    """A time value as JSON: ISO text for timestamps, text for periods, an int for integer periods."""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, pd.Period):
        return str(value)
    return int(value)


def searcher(time: pd.Index):
    """``search(start, length, value, side)``: the row of ``time[start:start + length]`` (one series, ascending)
    where the border ``value`` falls, as ``_position`` finds it; each distinct value converted once and looked up
    by numpy in the times' int64 form (datetimes in their unit, periods as ordinals), not by pandas per series."""
    if isinstance(time, pd.DatetimeIndex):
        flat, key = time.asi8, lambda value: value.as_unit(time.unit, round_ok=False).asm8.view("i8")  # as pandas unboxes
    elif isinstance(time, pd.PeriodIndex):
        flat, key = time.asi8, lambda value: value.ordinal
    elif time.dtype == np.int64:
        flat, key = time.to_numpy(), lambda value: value
    else:
        return lambda start, length, value, side: _position(time[start : start + length], value, side, length)
    keys = {}

    def search(start: int, length: int, value, side: str) -> int:
        if value is None:
            return length
        if value not in keys:
            keys[value] = key(as_time(time, value))
        return int(np.searchsorted(flat[start : start + length], keys[value], side=side))

    return search


def _position(time: pd.Index, value, side: str, length: int) -> int:
    """The row of ``time`` (ascending) where ``value`` falls; the series' length for None (an empty part)."""
    if value is None:
        return length
    return int(time.searchsorted(as_time(time, value), side=side))


def as_time(time: pd.Index, value):
    """A border's JSON value as a value of ``time``'s kind: a Timestamp in its zone, a Period of its frequency, an int."""
    if isinstance(time, pd.DatetimeIndex):
        value = pd.Timestamp(value)
        if time.tz is not None:
            return value.tz_convert(time.tz) if value.tz is not None else value.tz_localize(time.tz)
        return zoneclock.wall(value)
    if isinstance(time, pd.PeriodIndex):
        return pd.Period(value, freq=time.freq)
    return int(value)
