"""Fiscal and season years written as two years (``2001-02``, ``2001/02``, ``2001-2002``: the year from April 2001 to
March 2002, or a 2001-02 season), which pandas reads as months (``2001-02`` is February 2001) or not at all.

A column every value of which is so written, each second year the first plus one, is refused by name: read as
months it makes a 13-month calendar ('2001-02', '2002-03' ...) and forecasts dated '2013-01' (a tester's find).
``refuse`` is asked by ``timeaxis.parse_time`` of a text time column before its values are read as dates;
``clause`` gives ``timeaxis.unread`` its words where such a column was not taken as time.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError

TWO_YEARS = re.compile(r"^(?P<first>\d{4})\s*[-/\u2013]\s*(?P<second>\d{2}|\d{4})$")  # 2001-02, 2001/02, 2001–2002


def _years(value) -> int | None:
    """The first year of ``value`` where it writes two successive years, else None."""
    m = TWO_YEARS.match(str(value).strip()) if isinstance(value, str) else None
    if m is None:
        return None
    first, second = int(m["first"]), m["second"]
    following = (first + 1) % 100 if len(second) == 2 else first + 1
    return first if int(second) == following else None


def written(column: pd.Series) -> bool:
    """Whether every value of ``column`` (two or more) writes two successive years, as fiscal or season years do."""
    values = column.dropna()
    return len(values) >= 2 and all(_years(v) is not None for v in values)


def clause(value) -> str:
    """The words saying what ``value`` (``2001-02``) is and what to write instead."""
    first = _years(value)
    return (f"{str(value).strip()!r}, two successive years: a fiscal or season year, which rnncast does not read as "
            f"time (as a date, '2001-02' would be February 2001); write each as its first year ({first}) in a column "
            "named year, read as integer periods, or as the date its year starts")


def refuse(column: pd.Series, name: str, place) -> None:
    """Refuse a time column of fiscal or season years (``2001-02`` ...), naming its first value and line."""
    if not pd.api.types.is_numeric_dtype(column) and written(column):
        first = int(np.flatnonzero(column.notna().to_numpy())[0])  # its position, as place counts rows
        raise RnncastError(f"time column {name!r} holds {clause(column.iloc[first])} (first at {place(first)})")
