"""Months written as text or numbers in the forms statistics offices, spreadsheets and databases use.

pandas reads most month text itself (``2000/01``, ``Jan 2000``, ``01/2000``, ``2000-1``) but its
``guess_datetime_format`` names no format for them, so ``FORMS`` lists the formats ``csvtext`` tries
to write a forecast back as the data wrote it (each kept only where it writes the checked rows back
exactly). Two forms pandas misreads or refuses are read here, by ``format_of`` and ``read``:
``2000M01`` (Eurostat, IMF, statsmodels; ``%YM%m``; IMF's unpadded ``2000M1``, ``%YM%-m``; Stata's ``2000m1``,
``%Ym%-m``, and ``2000m01``) and ``01.2000``
(``%m.%Y``, which pandas reads as 1 January of the year 1). ``compact_months`` reads an integer column of ``200001`` (``%Y%m``, as
``compactdates.compact_dates`` reads ``20000131``); ``refuse_stray`` names the value that breaks a column of
such months in a few rows (``200013``), which would otherwise be read as integer steps. ``one_naming`` refuses
month names written short in some rows and in full in others (``Jun 2000``, ``June 2001``), two forms as
``twoforms.one_form`` refuses others. ``dotted`` tells a CSV column of ``01.2000``, which pandas
types as the number 1.2, or of KOSIS' ``2008.01`` under a time name, so that ``data`` keeps the text the file wrote. A month's name and a two-digit year
(``Jan-15``, ``JAN 15``: Excel's ``mmm-yy``) are read here too, as that month (``%b-%y``), where pandas reads
``Jan-15`` as 15 January of the year 1; ``datetext`` refuses such years outside the span readers agree on.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from rnncast import timetext
from rnncast.errors import RnncastError
from rnncast.sheetcsv import Written
from rnncast.spelling import counted, spelled
from rnncast.timenames import time_named

# formats a month column may be written in, beyond what pandas' guess names; %-m: the month unpadded
FORMS = ("%Y/%m", "%Y.%m", "%Y%m", "%YM%m", "%YM%-m", "%Ym%m", "%Ym%-m", "%m/%Y", "%m.%Y", "%m-%Y", "%Y-%-m", "%Y/%-m", "%-m/%Y",
         "%b %Y", "%B %Y", "%Y %b", "%Y %B", "%b-%Y", "%B-%Y", "%Y-%b", "%Y-%B",
         "%^b %Y", "%^B %Y", "%Y %^b", "%Y %^B", "%^b-%Y", "%^B-%Y", "%Y-%^b", "%Y-%^B",  # %^b: JAN, timetext.write
         "%Y년 %-m월", "%Y년 %m월")  # Korean: 2024년 1월, 2024년 01월
# forms pandas refuses or misreads as text: read here
OWN = {"%YM%m": re.compile(r"^\d{4}M\d\d$"), "%YM%-m": re.compile(r"^\d{4}M\d$"),
       "%Ym%m": re.compile(r"^\d{4}m\d\d$"), "%Ym%-m": re.compile(r"^\d{4}m\d$"),  # Stata's %tm: 1999m1 (decision 1805)
       "%m.%Y": re.compile(r"^\d\d\.\d{4}$"),
       "%Y년 %-m월": re.compile(r"^\d{4}년 \d{1,2}월$")}  # Korean: 2024년 1월 (Korean Excel's, statistics portals')
EITHER = re.compile(r"^\d{4}[Mm]1[0-2]$")  # 2000M10: written so padded (%YM%m) or not (%YM%-m); 2000m10 alike
DOTTED = re.compile(r"^(?:0[1-9]|1[0-2])\.(?:1[6-9]|2[0-3])\d\d$")  # 01.2000: a month, never a number so written
YEAR_DOT_MONTH_PADDED = re.compile(r"^(?:1[6-9]|2[0-3])\d\d\.(?:0[1-9]|1[0-2])$")  # 2008.01: KOSIS' months
YEAR_DOT_MONTH = re.compile(r"^(?:1[6-9]|2[0-3])\d\d\.(?:0?[1-9]|1[0-2])$")  # and 2008.1, a month or a float's 2008.10


NAMED_SHORT_YEAR = re.compile(r"^(?P<m>[A-Za-z]{3,9})(?P<sep>[- ])\d\d$")  # Jan-15, JAN 15, January-15


def form(text: str) -> str | None:
    """The format of one value written as ``2000M01``, ``01.2000`` or a month's name and a two-digit year
    (``Jan-15``: ``%b-%y``; ``JAN 15``: ``%^b %y``; ``January-15``: ``%B-%y``), or None."""
    if (m := NAMED_SHORT_YEAR.match(text)) is not None:
        word = m["m"].lower()
        if word not in SHORT + FULL + ("may",):
            return None
        return ("%^" if m["m"].isupper() else "%") + ("b" if len(word) == 3 else "B") + m["sep"] + "%y"
    return next((fmt for fmt, pattern in OWN.items() if pattern.match(text)), None)


def format_of(column: pd.Series) -> str | None:
    """The format of a text column whose first value is a month pandas would not read right
    (``2000M01``, ``2000M1``, ``01.2000``, ``Jan-15``), or None; ``read`` names any later value written otherwise. A column
    that starts at ``2000M10`` is unpadded (``%YM%-m``) when a later value is (``2001M1``)."""
    values = column.dropna()
    fmt = form(values.iloc[0].strip()) if len(values) and isinstance(values.iloc[0], str) else None
    if fmt in ("%YM%m", "%Ym%m") and EITHER.match(values.iloc[0].strip()):
        unpadded = fmt.replace("%m", "%-m")
        fmt = unpadded if values.astype(str).str.strip().str.fullmatch(OWN[unpadded]).any() else fmt
    if fmt is not None and "b" in fmt and values.iloc[0].strip().lower().startswith("may"):  # May-15: short or full
        fmt = fmt.replace("b", "B") if values.astype(str).str.match(r"\s*[A-Za-z]{4,}").any() else fmt
    return fmt


def _fits(text, fmt: str) -> bool:
    if not isinstance(text, str):
        return False
    written = form(text)
    return written == fmt or (fmt in ("%YM%-m", "%Ym%-m") and bool(EITHER.match(text)) and fmt[2] == text[4]) or (
        written is not None and text.lower().startswith("may") and written.replace("b", "B") == fmt)


def read(column: pd.Series, fmt: str, name: str = "time", place=str) -> pd.DatetimeIndex:
    """Month text in ``fmt`` (``format_of``) as each month's first day; a missing value (a cell of spaces too:
    decision 1921) is NaT. A value not so written, or naming no month (``2000M13``), is refused (``RnncastError``) with
    its place."""
    stripped = column.astype(str).str.strip()
    given = (column.notna() & stripped.ne("")).to_numpy()
    text = stripped.where(given)
    times = pd.to_datetime(text, format=timetext.strptime_form(fmt), errors="coerce")
    same = text.map(lambda v: _fits(v, fmt)).to_numpy()
    bad = np.flatnonzero(given & (times.isna().to_numpy() | ~same))
    if len(bad):
        i, first = int(bad[0]), str(column.dropna().iloc[0]).strip()
        value = str(column.iloc[i]).strip()
        why = "which names no month (months run 01 .. 12)" if _fits(value, fmt) else f"but it is written as months ({first!r})"
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


def stray_months(column: pd.Series) -> np.ndarray | None:
    """The positions of the few values (at most 2, or 1 in 100) that break an integer column whose other
    values, at least 13, are compact months (``200013`` among ``200001`` ...): an array, empty when every
    value is a month; None when the column is not so. A counter that starts at such a number holds at
    most 12 months before it leaves them for 88 rows (200013 .. 200100), so it is never so."""
    given = np.flatnonzero(column.notna().to_numpy())
    values = column.iloc[given]
    if len(values) < 13 or values.min() < 100000 or values.max() > 999999:
        return None
    v = values.to_numpy(dtype=np.int64)
    month = (v // 100 >= 1600) & (v // 100 <= 2399) & (v % 100 >= 1) & (v % 100 <= 12)
    if month.sum() < 13 or (~month).sum() > max(2, len(v) // 100):
        return None
    return given[~month]


def refuse_stray(column: pd.Series, name: str, place=str) -> None:
    """Refuse (``RnncastError``) an integer column of compact months (``200001``) with a few values that name
    no month (``stray_months``), naming the first and its place, rather than read it as integer steps."""
    stray = stray_months(column)
    if stray is None or not len(stray):
        return
    i = int(stray[0])
    value = int(column.iloc[i])
    why = ("which names no month (months run 01 .. 12)" if 1600 <= value // 100 <= 2399 else
           "which is no month of a year 1600 .. 2399")
    others = int(column.notna().sum()) - len(stray)
    raise RnncastError(f"time column {name!r} holds {value} at {place(i)}, {why}, where its other {others} values are "
                       f"months written {int(column[~np.isin(np.arange(len(column)), stray)].dropna().iloc[0])} (year and month); "
                       "correct that value, or name "
                       f"another time column ({spelled('time_col')})")


SHORT = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec")  # May is both: neither
FULL = ("january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december")


def one_naming(column: pd.Series, name: str = "time", place=str) -> None:
    """Refuse (``RnncastError``) a text column that writes month names short (``Jun 2000``, ``%b``) in some rows and
    in full (``June 2001``, ``%B``) in others: two forms, as decisions 103 and 123 refuse separators and cases
    that differ, since no one format writes such a column back. ``May`` is either; ``Sept`` is neither."""
    rows = np.flatnonzero(column.notna().to_numpy())
    if not len(rows) or not all(isinstance(v, str) for v in column.iloc[rows[:5]]):
        return
    if not column.iloc[rows[:100]].astype(str).str.contains(r"[A-Za-z]{3}").any():
        return  # no month names in the first values: a later one is another form, refused or warned of where read
    words = column.iloc[rows].astype(str).str.extract(r"([A-Za-z]{3,})", expand=False).str.lower()
    short, full = words.isin(SHORT).to_numpy(), words.isin(FULL).to_numpy()
    if short.any() and full.any():
        a, b = (f"{str(column.iloc[rows[k]]).strip()!r} at {place(int(rows[k]))} ({counted(int(m.sum()), 'row')} so)"
                for k, m in ((int(np.argmax(short)), short), (int(np.argmax(full)), full)))
        common = column.iloc[rows[int(np.argmax(short if short.sum() >= full.sum() else full))]]
        raise RnncastError(f"time column {name!r} mixes date formats, month names written short and in full: {a} and "
                           f"{b}; write every value in one form, e.g. as {str(common).strip()!r} is written")


def dotted(text: pd.Series, name=None, first: bool = False) -> bool:
    """Whether a CSV column's text (read as strings) is all months written ``01.2000``, which pandas types as
    the number 1.2: a leading zero and four digits of a year 1600 .. 2399 are no number's writing; or, under a
    ``name`` that says time (``timenames.time_named``: month, period, 시점) or as the table's ``first`` column, months
    written ``2008.01`` as KOSIS writes them (decision 677), which pandas types as numbers (2008.10 as 2008.1), named
    so also where a month is written with one digit (``2008.1``: ``refuse_number_months`` refuses it)."""
    written = text.dropna().str.strip()
    if name is not None and len(written) and (time_named(name) or first):
        if written.str.fullmatch(YEAR_DOT_MONTH if time_named(name) else YEAR_DOT_MONTH_PADDED).all():
            return True
    return bool(len(written)) and bool(written.str.fullmatch(DOTTED).all())


def dotted_months(frame: pd.DataFrame, written: Written) -> pd.DataFrame:
    """``frame`` with each float column that the file ``written`` writes as months ``01.2000`` (pandas: the number
    1.2), or ``2008.01`` named as time or first, as that text (``dotted``); every row's text is taken only for columns whose first rows are so."""
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    head = written.columns(floats, 5) if floats else None
    months = [c for c in floats if dotted(head[c], c, c == frame.columns[0])]  # 2008.01 named as time
    if months:
        text = written.columns(months)
        for c in months:
            if dotted(text[c], c, c == frame.columns[0]):
                frame[c] = text[c]
    return frame


def float_months(column: pd.Series) -> str | None:
    """Where a float column's values are all months written year dot month (``2008.01`` .. ``2008.12``: a year 1600 ..
    2399 and two decimals 01 .. 12), as ``pd.read_csv`` types KOSIS' months, the clause naming them and how to keep
    their text, which a number cannot (2008.1 is 2008.10); else None."""
    values = column.dropna().to_numpy(dtype=float) if pd.api.types.is_float_dtype(column) else np.array([])
    cents = np.round(values * 100)
    if not len(values) or not np.allclose(values * 100, cents, rtol=0, atol=1e-6):
        return None
    year, month = cents // 100, cents % 100
    if ((year < 1600) | (year > 2399) | (month < 1) | (month > 12)).any():
        return None
    return (f"holds {values[0]:.2f} .. {values[-1]:.2f}, numbers that write months as year.month ({values[0]:.2f}), "
            f"which a number cannot keep ({year[0]:.0f}.1 is {year[0]:.0f}.10); hand rnncast the file's path, which keeps "
            f"the text, or read it with pd.read_csv(path, dtype={{{str(column.name)!r}: str}})")


def refuse_number_months(column: pd.Series, name: str, place=str, quarterly: bool = False) -> None:
    """Refuse (``RnncastError``) a text column of months written year dot month (``dotted``) where a month has one
    digit (``2008.1``): January to a writer of unpadded months, October where a number lost the 0 of ``2008.10``.
    ``quarterly``: read under calendar quarters (a quarterly model's, a freq given): the quarter form is named, as a
    month written ``2008.01`` would be refused as no quarter (decision 1808)."""
    text = column.dropna()
    if not len(text) or not all(isinstance(v, str) for v in text.iloc[:5]) or not (
            written := text.astype(str).str.strip()).str.fullmatch(YEAR_DOT_MONTH).all():
        return
    short = np.flatnonzero(~written.str.fullmatch(YEAR_DOT_MONTH_PADDED).to_numpy())
    if len(short):
        i = int(np.flatnonzero(column.notna().to_numpy())[short[0]])
        value = written.iloc[short[0]]
        year = value.split(".")[0]
        if quarterly:
            raise RnncastError(f"time column {name!r} holds {value!r} at {place(i)}, a quarter written as a number, which "
                               f"rnncast does not read ({value!r} is also January {year}, or {year}.10 with its 0 dropped); "
                               f"the calendar is quarterly: write quarters such as {year}Q1, {year}-Q1 or Q1 {year}")
        raise RnncastError(f"time column {name!r} holds {value!r} at {place(i)}, a month written as a number: {value!r} "
                           f"is January {year}, or October where a number dropped the 0 of {year}.10; write every month "
                           f"with two digits ({year}.01, {year}.10) or as {year}-01")
