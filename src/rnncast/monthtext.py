"""Months written as text or numbers in the forms statistics offices, spreadsheets and databases use.

pandas reads most month text itself (``2000/01``, ``Jan 2000``, ``01/2000``, ``2000-1``) but its
``guess_datetime_format`` names no format for them, so ``FORMS`` lists the formats ``csvtext`` tries
to write a forecast back as the data wrote it (each kept only where it writes the checked rows back
exactly). Two forms pandas misreads or refuses are read here, by ``format_of`` and ``read``:
``2000M01`` (Eurostat, IMF, statsmodels; ``%YM%m``) and ``01.2000`` (``%m.%Y``, which pandas reads
as 1 January of the year 1). ``compact_months`` reads an integer column of ``200001`` (``%Y%m``, as
``timetext.compact_dates`` reads ``20000131``). ``dotted`` tells a CSV column of ``01.2000``, which pandas
types as the number 1.2, so that ``data`` keeps the text the file wrote. Two-digit years (``Jan-00``) are
not read as months: the century would be a guess.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError

# formats a month column may be written in, beyond what pandas' guess names; %-m: the month unpadded
FORMS = ("%Y/%m", "%Y.%m", "%Y%m", "%YM%m", "%m/%Y", "%m.%Y", "%m-%Y", "%Y-%-m", "%Y/%-m", "%-m/%Y",
         "%b %Y", "%B %Y", "%Y %b", "%Y %B", "%b-%Y", "%B-%Y", "%Y-%b", "%Y-%B")
# forms pandas refuses or misreads as text: read here
OWN = {"%YM%m": re.compile(r"^\d{4}M\d\d$"), "%m.%Y": re.compile(r"^\d\d\.\d{4}$")}
DOTTED = re.compile(r"^(?:0[1-9]|1[0-2])\.(?:1[6-9]|2[0-3])\d\d$")  # 01.2000: a month, never a number so written


def form(text: str) -> str | None:
    """The format of one value written as ``2000M01`` or ``01.2000``, or None."""
    return next((fmt for fmt, pattern in OWN.items() if pattern.match(text)), None)


def format_of(column: pd.Series) -> str | None:
    """The format of a text column whose first value is a month pandas would not read right
    (``2000M01``, ``01.2000``), or None; ``read`` names any later value written otherwise."""
    values = column.dropna()
    return form(values.iloc[0].strip()) if len(values) and isinstance(values.iloc[0], str) else None


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """Month text in ``fmt`` (``format_of``) as each month's first day; a missing value is NaT. A value not
    so written, or naming no month (``2000M13``), is refused (``RnncastError``) with its place."""
    given = column.notna().to_numpy()
    text = column.astype(str).str.strip().where(given)
    times = pd.to_datetime(text, format=fmt, errors="coerce")
    same = text.map(lambda v: isinstance(v, str) and form(v) == fmt).to_numpy()
    bad = np.flatnonzero(given & (times.isna().to_numpy() | ~same))
    if len(bad):
        i, first = int(bad[0]), str(column.dropna().iloc[0]).strip()
        value = str(column.iloc[i]).strip()
        why = "which names no month (months run 01 .. 12)" if form(value) == fmt else f"but it is written as months ({first!r})"
        raise RnncastError(f"time column {name!r} holds {value!r} at {place(i)}, {why}; write every value as "
                           f"{first!r} is written")
    return pd.DatetimeIndex(times)


def compact_months(column: pd.Series) -> pd.DatetimeIndex | None:
    """An integer column of compact months (``200001``, ``%Y%m``) as each month's first day, when every
    value is six digits naming a month 01 .. 12 of a year 1600 .. 2399; None otherwise. A counter that
    starts at such a number leaves the months within 13 rows (200013); years and row numbers are shorter."""
    values = column.dropna()
    if not len(values) or values.min() < 160001 or values.max() > 239912:
        return None
    months = values.to_numpy(dtype=np.int64) % 100
    if ((months < 1) | (months > 12)).any():
        return None
    times = pd.to_datetime(column.astype("Int64").astype(str), format="%Y%m", errors="coerce")  # <NA>: NaT
    return None if (times.isna() & column.notna()).any() else pd.DatetimeIndex(times)


def dotted(text: pd.Series) -> bool:
    """Whether a CSV column's text (read as strings) is all months written ``01.2000``, which pandas types as
    the number 1.2: a leading zero and four digits of a year 1600 .. 2399 are no number's writing."""
    written = text.dropna().str.strip()
    return bool(len(written)) and bool(written.str.fullmatch(DOTTED).all())
