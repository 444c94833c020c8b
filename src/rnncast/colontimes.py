"""Quarters and months written year colon number, as EViews and the IMF's IFS write them (``2009:1``, ``1999:01``), read
under the calendar the freq given names (decision 1806): ``%Y:%q`` under calendar quarters' starts (``QS``,
``QS-JAN``), ``%Y:%m`` under months' (``MS``), the first day ``read`` gives each (decision 1851: ``QE``, ``ME`` and the
business offsets, whose dates lie elsewhere, are not offered). Without such a freq they stay refused, and ``clause``
names the freq that reads them by the number written (decision 1853). A time of day (``12:30``) is never so read: the year
has four digits (1600 .. 2399) and no hour has. ``timetext`` passes the formats on to ``read`` and ``write`` here
(``owns``), so a forecast is written ``2024:1``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast import aliasnames
from rnncast.errors import RnncastError
from rnncast.spelling import spelled

QUARTERS, MONTHS = "%Y:%q", "%Y:%m"
PATTERNS = {QUARTERS: re.compile(r"^(?P<y>(?:1[6-9]|2[0-3])\d\d):(?P<n>\d)$"),
            MONTHS: re.compile(r"^(?P<y>(?:1[6-9]|2[0-3])\d\d):(?P<n>\d\d)$")}
ANY = re.compile(r"^(?:1[6-9]|2[0-3])\d\d:\d{1,2}$")  # 2009:1, 1999:01: named by clause where no freq reads them
LAST = {QUARTERS: 4, MONTHS: 12}


def given(freq) -> dict:
    """``{"colon": fmt}`` for ``load_panel``'s reading order where the freq given names calendar quarters' starts
    (``QS``, ``QS-JAN``: ``%Y:%q``) or months' (``MS``: ``%Y:%m``), the days ``read`` gives, else {}: a fiscal year's
    ``2009:1`` is no calendar quarter, nor ``3MS``'s a month; under ``QE``, ``ME`` or ``BMS`` the dates read would lie
    off the calendar (decision 1851)."""
    if freq is None or isinstance(freq, pd.PeriodDtype) or not str(freq).strip():
        return {}
    offset = None
    for name in (str(freq).strip(), aliasnames.renamed(str(freq).strip()) or ""):
        try:
            offset = pd.tseries.frequencies.to_offset(name)
            break
        except (ValueError, TypeError):
            continue
    if offset is None or offset.n != 1:
        return {}
    if type(offset) is pd.offsets.QuarterBegin and offset.startingMonth == 1:
        return {"colon": QUARTERS}
    return {"colon": MONTHS} if type(offset) is pd.offsets.MonthBegin else {}


def format_of(column: pd.Series, fmt: str | None) -> str | None:
    """``fmt`` (``given``'s) where the first value of the text ``column`` is written in it (``2009:1``), else None;
    ``read`` names a later value written otherwise."""
    values = column.dropna()
    if fmt is None or not len(values) or not isinstance(values.iloc[0], str):
        return None
    return fmt if PATTERNS[fmt].match(values.iloc[0].strip()) else None


def written(column: pd.Series) -> str | None:
    """The format a text column's first value is written in (``2009:1``: ``%Y:%q``; ``1999:01``: ``%Y:%m``), or None:
    for ``csvtext.written_format``, which keeps it only where it writes the times read back as the column."""
    values = column.dropna()
    first = values.iloc[0].strip() if len(values) and isinstance(values.iloc[0], str) else ""
    return next((fmt for fmt, pattern in PATTERNS.items() if pattern.match(first)), None)


def owns(fmt: str | None) -> bool:
    """Whether ``fmt`` is one of the formats read and written here (``timetext`` passes them on)."""
    return fmt in PATTERNS


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """Text in ``fmt`` as each quarter's or month's first day; a missing value is NaT. A value written otherwise
    (``2009Q2`` among ``2009:1``; ``1999:1`` among ``1999:01``) or naming no quarter or month (``2009:5``) is refused
    (``RnncastError``) with its place (``place(i)``: row ``i``)."""
    given_ = column.notna().to_numpy()
    parts = column.astype(str).str.strip().where(given_).str.extract(PATTERNS[fmt])
    number = pd.to_numeric(parts["n"], errors="coerce")
    what = "quarter" if fmt == QUARTERS else "month"
    for i in np.flatnonzero(given_ & (number.isna() | (number < 1) | (number > LAST[fmt])).to_numpy()):
        value, first = str(column.iloc[i]).strip(), str(column.dropna().iloc[0]).strip()
        if parts["n"].notna().iloc[i]:
            rule = "quarters run 1 .. 4" if fmt == QUARTERS else "months run 01 .. 12"
            raise RnncastError(f"time column {name!r} holds {value!r} at {place(int(i))}, which names no {what}: {rule}")
        raise RnncastError(f"time column {name!r} is written as {what}s ({first!r}), but holds {value!r} at "
                           f"{place(int(i))}; write every value as {first!r} is written")
    if fmt == QUARTERS:
        return pd.PeriodIndex(parts["y"] + "Q" + parts["n"], freq="Q").to_timestamp()
    return pd.DatetimeIndex(pd.to_datetime(parts["y"] + "-" + parts["n"], format="%Y-%m"))


def write(times: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """``times`` as ``2009:1`` (``%Y:%q``: the quarter each lies in) or ``1999:01`` (``%Y:%m``)."""
    times = pd.DatetimeIndex(times)
    numbers = (times.month - 1) // 3 + 1 if fmt == QUARTERS else times.month
    pad = 1 if fmt == QUARTERS else 2
    return np.asarray([f"{y:04d}:{n:0{pad}d}" for y, n in zip(times.year, numbers)], dtype=object)


def clause(value) -> str:
    """Where ``value`` is written year colon number (``2009:1``) and no freq read it so, words naming what the number
    can be and the freq that reads it (beginning '; '), else '': one digit 1 .. 4 a quarter (``QS``) or, written
    ``2009:01``, a month (``MS``); two digits 01 .. 12 a month alone; any other number neither (decision 1853)."""
    if not isinstance(value, str) or not ANY.match(value.strip()):
        return ""
    text = value.strip()
    year, number = text.split(":")
    month = f"{spelled('freq', 'MS')}"
    if len(number) == 2 and 1 <= int(number) <= 12:
        return f"; {text!r} is read as a month (1999:01) with a monthly freq ({month})"
    if len(number) == 1 and 1 <= int(number) <= 4:
        return (f"; {text!r} is read as a quarter (EViews' 2009:1) with a quarterly freq ({spelled('freq', 'QS')}); "
                f"a month is written {year}:0{number} and read with a monthly one ({month})")
    if len(number) == 1 and int(number) >= 5:
        return (f"; {text!r} names no quarter (quarters run 1 .. 4); a month is written {year}:0{number} and read "
                f"with a monthly freq ({month})")
    return f"; {text!r} names no quarter (1 .. 4) or month (01 .. 12)"
