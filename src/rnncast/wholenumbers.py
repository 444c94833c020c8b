"""Whole numbers written as floats (``1871.0``, as pandas writes a float column to CSV, and as statsmodels' bundled
datasets hold their years) read as the integers they hold wherever integers are read as time: years and steps by
name (``year``, ``period``), months ``201901.0`` and weeks under their names, compact dates ``20000131.0``, Excel
serials and Unix times under a date's name (``timeaxis``), compact dates offered as the time (``compactdates``) and
row counters (``labels``). A column with a value that is no whole number (``1871.5``) is no integer column and is
left as it is, for its reader to refuse or pass over as before. ``number`` reads one value so (a cutoff: ``1960.0``).
"""

from __future__ import annotations

import numbers
import re

import numpy as np
import pandas as pd

EXACT = 2**53  # beyond it a float64 no longer holds every integer: such numbers are not read as integers
_DIGITS = re.compile(r"[+-]?\d+")  # a whole number written in digits alone


def all_whole(values) -> bool:
    """Whether every one of ``values`` (floats, any shape) is a whole number a float64 holds exactly: finite, with
    no fraction, under :data:`EXACT` in size (``1871.0``; not NaN, ``inf``, ``1871.5`` nor ``2.0**53``). True for
    none: its callers say whether an empty set is one."""
    values = np.asarray(values, dtype=np.float64)
    return bool(np.isfinite(values).all() and (values == np.round(values)).all()
                and np.abs(values).max(initial=0) < EXACT)


def _whole(column: pd.Series) -> np.ndarray | None:
    """The values of a float column as float64 [N] where every value given is a whole number (NaN allowed) and some
    is given; None for any other column."""
    if not pd.api.types.is_float_dtype(column):
        return None
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    given = values[~np.isnan(values)]
    return values if len(given) and all_whole(given) else None


def number(value) -> int | None:
    """The integer a value holds where it is one: an integer of any type, a whole float, Fraction or Decimal, or text
    of any of them (``1960``, ``1960.0``, ``'1960.0'``, ``' +1960 '``, ``'01960'``, ``'1.96e3'``, ``Fraction(1960)``,
    ``Decimal('1960.00')``), digits alone read exactly however long (``'12345678901234567890'``); None for any other
    value (``1960.5``, ``'1960-06'``, a bool, NaN, ``2.0**60``: past where a float holds every integer). The one rule
    of a cutoff's whole number, held (``settingvalues.cutoff_text``) and read (``cutoffs.as_time``) alike."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    text = str(value).strip()
    try:
        if _DIGITS.fullmatch(text):
            return int(text)  # exact, as no float is past 2**53
        read = float(text)
    except ValueError:  # '1960-06', '3/2' (Fraction(3, 2)), '(140+0j)', digits past int's length limit
        return None
    return int(read) if all_whole(read) else None


def as_whole(column: pd.Series) -> pd.Series:
    """``column`` as int64 where it is a float column of whole numbers without a missing value (``1871.0``); else
    ``column`` itself (a missing value or ``1871.5``: its reader refuses it by name)."""
    values = _whole(column)
    if values is None or np.isnan(values).any():
        return column
    return pd.Series(values.astype(np.int64), index=column.index, name=column.name)


def whole_view(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """``frame`` (a shallow copy, where any column changes) with those of ``columns`` that are float columns of whole
    numbers as integers: int64 without a missing value, pandas' nullable Int64 with one (a year column with a gap is
    still found by its name, and its reader names the missing value)."""
    changed = {}
    for c in columns:
        values = _whole(frame[c])
        if values is not None:
            changed[c] = (pd.Series(values.astype(np.int64), index=frame.index) if not np.isnan(values).any()
                          else frame[c].astype("Int64"))
    if not changed:
        return frame
    view = frame.copy(deep=False)
    for c, column in changed.items():
        view[c] = column
    return view
