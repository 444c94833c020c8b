"""A time column's value that is no timestamp, refused by its row: where most of the column is written in one form,
the first value not written so, named with that form as a person writes it (``pattern``: ``DD/MM/YYYY``) and a value
written in it (``2020-02-30`` among ``YYYY-MM-DD``); else the first value pandas reads as no timestamp. A CJK time
``cjkunread`` names (``午前12時``, ``中午 12:00``, full-width digits) is refused first, by what it is. ``datetext``
refuses so a column it cannot read (``first_bad``), and ``timeunread`` names a column not read as time by its first
value that is not (``first_unread``).
"""

from __future__ import annotations

import calendar
import re
import warnings

import numpy as np
import pandas as pd

from rnncast import cjkdates, cjkunread, colontimes, dayorder, halfyears, monthnames, monthtext, owncalendars, timetext, totalrows, weektext, zonenames
from rnncast.csvtext import SHORT_YEARS, guess
from rnncast.errors import RnncastError
from rnncast.spelling import counted, hint, spelled
from rnncast.twoclocks import TWELVE, two_clocks



def first_bad(column: pd.Series, name: str, place, written: pd.Series | None = None) -> None:
    """Refuse the first value of ``column`` that is no timestamp, naming it and its row (``place(i)``): where most
    values are written in one form (``_form_of``), the first not a date in it (``2020-02-30``), and that form.
    ``written``: the column as its file writes it (``01/05/2023 오후 1:00``, read as ``1:00 PM``), quoted."""
    written = column if written is None else written
    if pd.api.types.is_timedelta64_dtype(column.dtype):  # elapsed times: no time axis reads them (decision 1865)
        raise RnncastError(f"time column {name!r} holds elapsed times (timedeltas such as {column.iloc[0]}), which "
                           f"are not timestamps: make them timestamps (data[{name!r}] += pd.Timestamp('2024-01-01'))")
    _cjk_unread(name, place, written)
    _cjk_meridiem(column, name, place, written)
    _out_of_form(column, name, place, written)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(column, errors="coerce", utc=True, format="mixed")
    if len(bad := np.flatnonzero((parsed.isna() & column.notna()).to_numpy())):
        i = int(bad[0])
        if re.search(r"\d\s?[AP]\.M\.$", str(column.iloc[i])):  # dateutil reads a.m. and PM, not A.M.
            raise RnncastError(f"time column {name!r} holds {written.iloc[i]!r} at {place(i)}, whose A.M./P.M. pandas "
                               "does not read; write the times with AM/PM, am/pm or a.m./p.m. (or as 13:00)")
        if (zoned := zonenames.in_timestamp(written, i, name)) is not None:  # '07:00 MEZ': what MEZ is (decision 1795)
            raise RnncastError(f"time column {name!r} holds {written.iloc[i]!r} at {place(i)}{zoned}")
        raise RnncastError(f"time column {name!r} holds {written.iloc[i]!r} at {place(i)}, which is not a timestamp; "
                           f"give dates such as 2024-01-31 or 2024-01-31 13:00, or {weektext.EXAMPLE}"
                           f"{hint('time_col', ' (or name another --time-col)')}{halfyears.clause(column.iloc[i])}"
                           f"{weektext.clause(column.iloc[i])}{monthnames.clause(column, column.iloc[i])}"  # decision 1714
                           f"{colontimes.clause(column.iloc[i])}")  # 2009:1: read under a quarterly freq (decision 1806)


def _cjk_unread(name: str, place, written: pd.Series) -> None:
    """Refuse the first value written as no CJK time is read (``cjkunread``: ``中午 12:00``, ``午前12時``, full-width
    digits), naming what is wrong rather than "no timestamp"."""
    found = written.astype("string").str.contains(cjkunread.FOUND).fillna(False).to_numpy(dtype=bool)
    if found.any() and (clause := cjkunread.why(str(written.iloc[i := int(np.flatnonzero(found)[0])]), name)):
        raise RnncastError(f"time column {name!r} holds {written.iloc[i]!r} at {place(i)}, {clause}")


def _cjk_meridiem(column: pd.Series, name: str, place, written: pd.Series) -> None:
    """Refuse the first value that keeps its 오전/오후 (午前/午後, 上午/下午): ``datetext`` writes each beside a time
    of a 12-hour clock as AM/PM, so one left is beside none (``오후 13:00``, ``오후`` alone)."""
    marks = column.astype("string").str.contains(cjkdates.MARK).fillna(False).to_numpy(dtype=bool)
    if marks.any():
        i = int(np.flatnonzero(marks)[0])
        cjkdates.refuse_mark(name, written.iloc[i], place(i))


PATTERNS = {"%Y": "YYYY", "%y": "YY", "%m": "MM", "%-m": "M", "%d": "DD", "%-d": "D", "%H": "hh", "%-H": "h", "%M": "mm",
            "%S": "ss", "%f": "ffffff", "%b": "Mon", "%B": "Month", "%^b": "MON", "%^B": "MONTH", "%z": "+hhmm",
            "%:z": "+hh:mm", "%I": "hh", "%-I": "h", "%p": "AM", "%P": "am"}  # a format as a person writes a form: %d/%m/%Y is DD/MM/YYYY


def pattern(fmt: str) -> str:
    """``fmt`` (strftime) as a person writes the form: ``%Y%m%d`` is ``YYYYMMDD``, ``%b %Y`` is ``Mon YYYY``."""
    return re.sub(r"%[-:^]?[A-Za-z]", lambda m: PATTERNS.get(m[0], m[0]), fmt)


def _form_of(column: pd.Series) -> tuple[str, np.ndarray] | None:
    """The format most of a text column's values are written in (pandas' guesses from its first value, month
    first and day first, and ``monthtext.FORMS``) and which values it reads, when it reads more than half of
    them; None otherwise. Of two that read as many, the one whose calendar misses fewer rows (``_missing``); in a
    tie (01.01.2022 ... 01.12.2022: months, or 1-12 January) day first where the dates are dotted, as ``dayorder``."""
    text = column.astype(str).str.strip().where(column.notna())
    first = text.dropna()
    if not len(first):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dotted = dayorder.DOTTED.match(first.iloc[0]) is not None  # 01.02.2022: day first in a tie, as dayorder takes it
        guesses = [guess(first.iloc[0], d) for d in ((True, False) if dotted else (False, True))]  # 01-MAR-2019 too
        best, read, missing = None, np.zeros(len(text), dtype=bool), 0.0
        for fmt in dict.fromkeys([g for g in guesses if g] + list(monthtext.FORMS + SHORT_YEARS)):
            times = pd.to_datetime(text, format=timetext.strptime_form(fmt), errors="coerce", utc=True)  # offsets
            ok = times.notna()
            gaps = _missing(times) if ok.sum() >= read.sum() and ok.any() else missing
            if ok.sum() > read.sum() or ok.sum() == read.sum() and gaps < missing:  # a tie: the reading of no gaps
                best, read, missing = fmt, ok.to_numpy(), gaps  # 01.02.2022 ... day first: months, none missing
    return (best, read) if best is not None and read.sum() * 2 > column.notna().sum() else None


def _missing(times: pd.Series) -> float:
    """How many rows the calendar fit would infer for the distinct dates of ``times`` (read; NaT left out) misses
    (``owncalendars.alone``, as ``dayorder`` settles the order of a clean column): month first, 01.02.2022 ...
    01.12.2024 are days with hundreds missing, day first months with none (decision 1478); inf where no calendar
    explains every date."""
    days = pd.DatetimeIndex(times.dropna().unique()).sort_values()
    if len(days) < 3:
        return 0.0
    found = owncalendars.alone(days.tz_convert(None) if days.tz is not None else days)
    return float("inf") if found is None else float(found[1].missing)


def _serial(value) -> str:
    """'; 44774 looks like an Excel serial day number (2022-08-01): ...' for a whole number of five digits among
    dates (a cell Excel left unformatted), else ""."""
    text = str(value).strip()
    if not re.fullmatch(r"\d{5}(\.\d+)?", text) or not 20000 <= float(text) < 80000:
        return ""
    day = pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(float(text)))  # Excel's day 1 is 1900-01-01 (its 1900 leap day)
    return (f"; {text} looks like an Excel serial day number ({day:%Y-%m-%d}): format that cell as a date in Excel "
            "(or write it as the others are)")


def _footnote(column: pd.Series, read: np.ndarray, i: int) -> str:
    """'; it stands below the last date ... a footnote?' where value ``i`` of ``column`` holds a word (two letters or
    more) and stands after every value read as a date (``read`` [rows]: those read): text below the table, as a
    spreadsheet's source line or note (decision 1480); else ""."""
    if i < int(np.flatnonzero(read).max(initial=-1)) or not re.search(r"[^\W\d_]{2}", str(column.iloc[i])):
        return ""
    return ("; it stands below the last date, at the end of the table: a footnote or a source line (text below the "
            "table)? remove that line and any below it, so that the file ends with its last row of data")


def _out_of_form(column: pd.Series, name: str, place, written: pd.Series) -> None:
    """Refuse the first value not written in the form most of ``column`` is (``_form_of``), naming it, its row,
    the form and a value written so (as ``written``, the column as its file writes it, has them; the form only where
    it is the file's: not the AM/PM its 오후 or pm was read as)."""
    if (found := _form_of(column)) is None:
        return
    fmt, read = found
    bad = np.flatnonzero(~read & column.notna().to_numpy())
    if not len(bad):
        return
    i, good = int(bad[0]), int(np.argmax(read))
    if (days := _no_days(column, fmt, bad)) and days[0][0] == i:  # 2018-02-30: a date the Gregorian calendar lacks
        raise RnncastError(_no_day_text(name, place, written, days))
    twelve = TWELVE.search(str(column.iloc[i])) is not None  # 오후 read as PM
    if re.search(r"\d:\d\d", str(column.iloc[i])) and "%H" in fmt and twelve or "%p" in fmt and not twelve:
        raise RnncastError(two_clocks(name, str(written.iloc[i]).strip(), place(i),  # 오후 3:00 among 13:00
                                      str(written.iloc[good]).strip()))
    example = str(column.iloc[good]).strip()  # 1/5/2020 is M/D/YYYY, not MM/DD/YYYY: the form that writes it back
    stamp = pd.DatetimeIndex([pd.to_datetime(example, format=timetext.strptime_form(fmt))])
    forms = (fmt, *timetext.unpadded(fmt))
    forms += tuple(f.replace("%z", "%:z") for f in forms if "%z" in f)  # -04:00, which %z reads too
    forms += tuple(f.replace("%p", "%P") for f in forms if "%p" in f)  # 9:00 am, read as 9:00 AM
    shown = str(written.iloc[good]).strip()
    fmt = next((f for f in forms if timetext.write(stamp, f)[0] == shown), fmt if shown == example else None)
    form = f"{pattern(fmt)}, as " if fmt is not None else ""  # 01/05/2023 오후 1:00 is no MM/DD/YYYY h:mm AM
    totalrows.refuse_word(name, column.iloc[i], place(i))  # 'Total' below the table
    raise RnncastError(f"time column {name!r} holds {str(written.iloc[i]).strip()!r} at {place(i)}, which is not a date "
                       f"written as its other {counted(int(read.sum()), 'value')} are ({form}"
                       f"{shown!r} at {place(good)}){monthnames.clause(column, column.iloc[i]) or _serial(column.iloc[i]) or _footnote(column, read, i) or '; correct that value'}"
                       f"{hint('time_col', ', or name another time column (' + spelled('time_col') + ')')}"
                       f"{weektext.clause(column.iloc[i])}")  # '2019-13' among 2019-01 ..: weeks, not months


NUMBERS = {"%Y": r"(?P<Y>\d{4})", "%m": r"(?P<m>\d{1,2})", "%d": r"(?P<d>\d{1,2})"}  # a date's parts in a form


def _no_days(column: pd.Series, fmt: str, bad: np.ndarray) -> list[tuple[int, int, int]]:
    """``(position, year, month)`` of each value of ``column`` among ``bad`` (positions) written in ``fmt`` (with a
    year, month and day in numbers) whose day its month lacks in the Gregorian calendar: '2018-02-29', '2018-02-30',
    '2019-04-31'."""
    parts = [part for part in re.split(r"(%.)", timetext.strptime_form(fmt)) if part]
    if not set(NUMBERS) <= set(parts):
        return []
    found = re.compile("".join(NUMBERS.get(p, ".+?" if p.startswith("%") else re.escape(p)) for p in parts))
    days = []
    for i in bad:
        if (m := found.fullmatch(str(column.iloc[i]).strip())) and 1 <= int(m["m"]) <= 12 and int(m["Y"]) > 0:
            if calendar.monthrange(int(m["Y"]), int(m["m"]))[1] < int(m["d"]) <= 31:
                days.append((int(i), int(m["Y"]), int(m["m"])))
    return days


def _no_day_text(name: str, place, written: pd.Series, days: list[tuple[int, int, int]]) -> str:
    """The refusal of a date the Gregorian calendar lacks (``_no_days``' ``days``; decision 1575): one is a typo to
    correct; several (Feb 29 of years not leap, Feb 30) are a climate model's 360-day or all-leap calendar, whose
    dates are converted first."""
    (i, year, month), other = days[0], days[1:]
    said = (f"time column {name!r} holds {str(written.iloc[i]).strip()!r} at {place(i)}, which is no day of the "
            f"Gregorian calendar ({calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days)")
    if other:
        said += (f", nor {'is' if len(other) == 1 else 'are'} {counted(len(other), 'other value')} (as "
                 f"{str(written.iloc[other[0][0]]).strip()!r} at {place(other[0][0])}): the dates of a climate "
                 "model's 360-day or all-leap calendar are not read; convert them to the Gregorian calendar first "
                 "(xarray's convert_calendar, or cftime)")
    else:
        said += "; correct that value"
    return said + hint("time_col", ", or name another time column (" + spelled("time_col") + ")")


UNREAD_CHECKED = 1000  # the first values of a column looked at for the first that reads as no timestamp


def first_unread(column: pd.Series, place) -> tuple[str, str]:
    """The first of the first ``UNREAD_CHECKED`` values of ``column`` (text) that pandas reads as no timestamp, and
    where it is (`` at line 4 of FILE``, ``place(i)`` naming row ``i``), else its first value: of a column not read
    as time, the value that is not ('Mär 2018' below 'Jan 2018', 'Feb 2018')."""
    text = column.iloc[:UNREAD_CHECKED].astype("string").str.strip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read = pd.to_datetime(text, errors="coerce", format="mixed")
    bad = np.flatnonzero((read.isna() & text.notna()).to_numpy())
    i = int(bad[0]) if len(bad) else int(np.flatnonzero(text.notna().to_numpy())[0])
    return str(text.iloc[i]), f" at {place(i)}"
