"""Timestamps written as text, read: pandas' own reading, then ISO 8601 of any precision, then day
first (31/01/2024); dates such as 01/02/2016 that read both ways decided by the reading that falls
on a regular calendar (and said); ISO strings whose UTC offset changes (one zone across daylight
saving) read as instants; the first value that is no timestamp named by its row (``badtimes``); a value pandas
reads into a year its text does not write (``15-Jan``: the year 1; ``12:30``: today) refused, as are two-digit years
readers put in two centuries and times on a 12-hour and a 24-hour clock in one column (``1:00 PM``, ``15:00``). Quarters and ISO
weeks (2014Q4, 2021-W01) are ``timetext``'s, months pandas misreads (2000M01, 01.2000) ``monthtext``'s; ``timeaxis.parse_time`` calls :func:`parse_text`.
"""

from __future__ import annotations

import logging
import re
import warnings

import numpy as np
import pandas as pd

from rnncast import cjkdates, colontimes, endofday, fiscalquarters, fiscalyearlabels, halfyears, monthtext, timetext, twoforms
from rnncast.badtimes import first_bad, pattern
from rnncast.csvtext import SHORT_YEARS
from rnncast.dayorder import against_model, day_or_month_first, refuse_month, said_day_first, year_month_day
from rnncast.errors import RnncastError
from rnncast.meridiems import as_ampm
from rnncast.shortorder import clock_of, year_first
from rnncast.textspace import SPACE
from rnncast.twoclocks import TWELVE, two_clocks

log = logging.getLogger(__name__)


def parse_text(column: pd.Series, name: str, place, dayfirst: bool | None = None,
               order: dict | None = None) -> tuple[pd.DatetimeIndex, bool]:
    """Timestamps written as text: quarters and ISO weeks (``timetext``), pandas' own reading, then ISO 8601
    of any precision, then day first (31/01/2024); ISO strings whose UTC offset changes are read as
    instants (True). With ``dayfirst`` True (a model that read its dates so) day first comes first. An ideographic
    space (U+3000) around a value is stripped, as pandas skips an ASCII one (decision 1469)."""
    column = endofday.read(_wide_spaces(column), name, place)  # 2024-09-01 24:00: the next day's 00:00 (decision 1718)
    if (fiscal := (order or {}).get("fiscal")) is not None and fiscalquarters.pattern(column) is not None:
        return fiscalquarters.labels(column, fiscal, name, place)[0], False  # FY2006Q1, 2006Q1 of freq='QE-MAR'
    if (years := (order or {}).get("fiscal_years")) is not None and fiscalyearlabels.pattern(column) is not None:
        return fiscalyearlabels.labels(column, years, name)[0], False  # FY1990, 1989/90 of freq='YE-JUN' (2252)
    if (colon := colontimes.format_of(column, (order or {}).get("colon"))) is not None:  # EViews' 2009:1 (decision 1806)
        return colontimes.read(column, colon, name, place), False
    twoforms.one_form(column, name, place)  # 2001Q4 beside 2001-Q4: read as one, but written back in neither
    monthtext.one_naming(column, name, place)  # Jun 2000 beside June 2001: the same
    monthtext.refuse_number_months(column, name, place, (order or {}).get("colon") == colontimes.QUARTERS or bool(
        (order or {}).get("fiscal")))  # 2008.1: January, or a float's 2008.10; 2008Q1 (decision 1808)
    if (written := timetext.first_form(column)) is not None:  # quarters, ISO weeks: read names a value not so
        time = timetext.read(column, written, name, place)
        _two_digit_years(column, time, name, place, column)  # 1Q50: 2050 to pandas, 1950 to a spreadsheet
        return time, False
    if (written := cjkdates.format_of(column)) is not None:  # 2024년 1월 5일, 2000년 1분기, 2024-01-01(월)
        return cjkdates.read(column, written, name, place), False
    if (written := halfyears.first_form(column)) is not None:  # 2000H1, 2000-S1: read names a value not so
        return halfyears.read(column, written, name, place), False
    if (written := monthtext.format_of(column)) is not None:  # 2000M01, 01.2000, Jan-15: pandas refuses or misreads them
        time = monthtext.read(column, written, name, place)
        _two_digit_years(column, time, name, place, column)  # Jan-62: 2062 to pandas, 1962 to a spreadsheet
        return time, False
    # 9:00 am: pandas' format guess takes 'am' for text, then fails on 'pm'; 23.01.01 오후 1:00 is read year first or not
    # as 23.01.01 13:00 is (each reading of a 12-hour clock is tried as of a 24-hour one)
    written, column = column, _upper_meridiem(as_ampm(column))  # messages quote the file's text, not AM/PM
    _one_clock(column, name, place, written)  # 1:00 PM beside 15:00: pandas reads both, forecasts are written on one
    told = (order or {}).get("told")  # date_order's: day and month ordered, a year first kept (decision 2227)
    if (dayfirst is None or told is not None) and (time := year_first(column, name, place, written, told)) is not None:
        _two_digit_years(column, time, name, place, written)
        return time, False
    month_first, day_first = _readings(column)
    tries = ((month_first, False), ({"format": "ISO8601"}, None), (day_first, True))
    # 2024-13-05 among 2024-01-05: a typo, not a column read year, day, month; 2024-07-01 to a model of 01.07.2024: ISO
    year_leads = (ymd := year_month_day(column)) is not None  # (pandas told dayfirst=True read it as 7 January)
    if year_leads:
        tries = ((ymd, False), ({"format": "ISO8601"}, None))
    elif dayfirst:
        tries = ((day_first, True),) + tries
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for options, day in tries:
            try:
                time = pd.DatetimeIndex(pd.to_datetime(column, **options))
            except (ValueError, TypeError) as err:
                if any(w in str(err).lower() for w in ZONED) and column.astype(str).str.contains(OFFSET.pattern).any():
                    return _instants(column, name, place, dayfirst, order, written), True  # "1:00 P.M.": M is no zone
                continue
            _year_written(column, time, name, place, written)  # Jan 15, 12:30: pandas puts them in the year 1, or today
            _two_digit_years(column, time, name, place, written)  # 01/15/50: 2050 to pandas, 1950 to a spreadsheet
            if day and dayfirst is None:
                said_day_first(column, time, name, order, written)
            elif day is False and dayfirst is None:
                time = day_or_month_first(column, time, name, order, day_first, written)
            elif day is not None and dayfirst is not None and not year_leads:  # a model's order: may be written the other way
                time = against_model(column, time, day, name, month_first if day else day_first, order, written)
            return time, False
    if year_leads:
        refuse_month(column, name, place, written, ymd)
    first_bad(column, name, place, written)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        misfit = np.flatnonzero((pd.to_datetime(column, errors="coerce", utc=True).isna() & column.notna()).to_numpy())
    filled = np.flatnonzero((column.notna() & (written.astype(str).str.strip() != "")).to_numpy())  # not a blank 1st row
    first = int(filled[0]) if len(filled) else 0
    where = (f": {written.iloc[first]!r} at {place(first)}, but {written.iloc[misfit[0]]!r} at {place(int(misfit[0]))}"
             if len(misfit) else "")
    raise RnncastError(f"time column {name!r} mixes date formats{where}; write every timestamp in one format, "
                       "e.g. 2024-01-31 or 2024-01-31 13:00")


def _wide_spaces(column: pd.Series) -> pd.Series:
    """``column`` with the ideographic spaces (U+3000) around its text values stripped ('\u30002023/01/02'), where it
    holds any: pandas reads ' 2023/01/02' but refused the other as a second date format."""
    text = column.map(lambda v: isinstance(v, str) and "\u3000" in v)
    if not text.any():
        return column
    return column.mask(text, column[text].str.strip())


LOWER_MERIDIEM = re.compile(r"(?<=\d)(\s?)(am|pm)\s*$")  # 9:00 am, 09:00:00pm: a 12-hour clock in lower case


def _upper_meridiem(column: pd.Series) -> pd.Series:
    """``column`` with a 12-hour clock's lower-case ``am``/``pm`` written ``AM``/``PM``, which pandas' format guess
    reads as ``%p`` (it takes ``am`` for literal text, so a column starting in the morning failed at its first
    ``pm``); the column as written is kept for writing forecasts back (``csvtext``, decision 208)."""
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str):
        return column
    text = column.astype("string")
    if not text.str.contains(rf"\d{SPACE}?(?:am|pm){SPACE}*$").any():  # \s written out: pandas' fast path
        return column
    return text.str.replace(LOWER_MERIDIEM, lambda m: m.group(1) + m.group(2).upper(), regex=True).astype(object)


SHORT_ORDER = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d\d)(?!\d)")  # 01/15/20: either way round, and YY


def _readings(column: pd.Series) -> tuple[dict, dict]:
    """How pandas is told to read ``column`` month first and day first. Dates such as ``01/15/20`` are given their
    format (``%m/%d/%y``, ``%d/%m/%y``; a time of day as pandas guesses it with a four-digit year), as pandas finds
    one for ``01/15/2020``: told only ``dayfirst``, dateutil reads ``01/13/20`` by swapping day and month where the
    order asked for names no date, so one column would be read both ways round."""
    first = column.dropna().head(1)
    plain = ({}, {"dayfirst": True})
    if first.empty or not isinstance(first.iloc[0], str) or not (m := SHORT_ORDER.match(first.iloc[0])):
        return plain
    text = first.iloc[0].strip()
    widened = text[:m.start(4) - m.start()] + "20" + text[m.start(4) - m.start():]  # 01/15/2020 ...
    sep = m[2]
    clock = clock_of(widened, (f"%m{sep}%d{sep}%Y", f"%d{sep}%m{sep}%Y"))
    if clock is None:
        return plain
    return {"format": f"%m{sep}%d{sep}%y" + clock}, {"format": f"%d{sep}%m{sep}%y" + clock}


def _one_clock(column: pd.Series, name: str, place, written: pd.Series) -> None:
    """Refuse (``RnncastError``, ``twoclocks.two_clocks``) the first value of ``column`` (its 오후 read as PM) whose
    time of day is on the other clock than its first time's: ``15:00`` among ``1:00 PM`` .., or ``3:00 PM`` among
    ``13:00`` ..; pandas read both, and the forecasts were written on one of them."""
    first = column.dropna().head(1)
    if first.empty or not isinstance(first.iloc[0], str):
        return
    joined = "".join(v for v in column if isinstance(v, str))  # no M, no 12-hour time: 0.2 s a million rows, not 1.4
    if "M" not in joined and "m" not in joined:
        return
    text = column.astype("string")
    timed = text.str.contains(r"\d:\d\d").fillna(False).to_numpy(dtype=bool)
    twelve = text.str.contains(TWELVE.pattern).fillna(False).to_numpy(dtype=bool)
    if not twelve.any():  # Mar 2024: an M, no 12-hour time
        return
    rows = np.flatnonzero(timed)
    other = rows[twelve[rows] != twelve[rows[0]]]
    if len(other):
        i, j = int(other[0]), int(rows[0])
        raise RnncastError(two_clocks(name, str(written.iloc[i]).strip(), place(i),
                                      str(written.iloc[j]).strip()))


def _year_written(column: pd.Series, time: pd.DatetimeIndex, name: str, place, written: pd.Series) -> None:
    """Refuse (``RnncastError``) a value pandas read into a year its text does not write: dateutil puts a date
    without a year (``Jan 15``, ``15-Jan``, ``3/15``) in the year 1 and a time alone (``12:30``) on today's date.
    Only values read so are looked at: a year before 1000, or today. ``written``: the column as its file writes it,
    quoted (``Jan 5 오전 9:00``, read as ``9:00 AM``)."""
    years = np.asarray(time.year, dtype=float)
    today = pd.Timestamp.now(tz=time.tz).normalize()
    near_today = np.abs(np.asarray((time.normalize() - today) / pd.Timedelta(days=1), dtype=float)) <= 1
    looked = np.flatnonzero((years < 1000) | near_today)
    if len(looked) > 1000:  # a day of ticks read onto today: those whose text writes its year pass at once
        text = column.iloc[looked].astype(str).to_numpy(dtype=str)
        looked = looked[np.char.find(text, np.char.mod("%04d", years[looked].astype(int))) < 0]
    for i in looked:
        value = str(column.iloc[i]).strip()
        dates = re.sub(r"\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?", " ", value)  # a time of day writes no year
        year = int(years[i])
        if f"{year:04d}" in dates or (year >= 1000 and re.search(rf"(?<!\d){year % 100:02d}(?!\d)", dates)):
            continue
        value = str(written.iloc[i]).strip()
        raise RnncastError(f"time column {name!r} holds {value!r} at {place(int(i))}, which names no year (pandas would "
                           f"read it as {time[i].isoformat(sep=' ').removesuffix(' 00:00:00')}); give dates with their year, such as 2024-01-31 or "
                           "2024-01-31 13:00")


def _two_digit_years(column: pd.Series, time: pd.DatetimeIndex, name: str, place, written: pd.Series) -> None:
    """Refuse (``RnncastError``) a column written with two-digit years (``01/15/50``, ``15-Jan-50``: no year of
    four digits) where a date read lies outside the years every common reader names alike
    (``timetext.short_year_span``, 1976 .. 2029 today): pandas (dateutil) reads ``50`` as 2050, a spreadsheet as
    1950, and a file of 1950 .. 2020 would be refused as unsorted or a file of 1950 .. 1974 misdated by a
    century. The first such value is named, its form and both readings. Inside the span the dates are read
    as every reader reads them, and said (INFO) once. ``written``: the column as its file writes it, quoted."""
    first_value = column.dropna().head(1)
    if first_value.empty or not isinstance(first_value.iloc[0], str) or not len(time):
        return
    if not _short_years(first_value).any():  # one form to a column (twoforms.one_form): its first value tells
        return
    short = _short_years(column)
    first, last = timetext.short_year_span()
    years = np.asarray(time.year, dtype=float)  # NaT: NaN, outside nothing
    outside = short & ((years < first) | (years > last))
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        value = str(column.iloc[i]).strip()
        pandas_year, sheet_year = timetext.short_year_readings(int(years[i]) % 100)
        form = next((f for f in SHORT_YEARS if timetext.write(time[i:i + 1], f)[0] == value), None)
        shown = str(written.iloc[i]).strip()
        said = f" ({pattern(form)})" if form and shown == value else ""  # 23.01.01 오후 1:00 is no YY.MM.DD h:mm AM
        raise RnncastError(f"time column {name!r} is written with two-digit years{said}, and {shown!r} at "
                           f"{place(i)} is {pandas_year} to pandas but {sheet_year} to a spreadsheet: readers name a two-digit "
                           f"year alike only in {first} .. {last}; write four-digit years"
                           + (f" ({pattern(form.replace('%y', '%Y'))})" if said else ""))
    read = years[short]
    log.info("time column %r has two-digit years: read as %d .. %d, as every common reader reads them", name,
             int(np.nanmin(read)), int(np.nanmax(read)))


def _short_years(column: pd.Series) -> np.ndarray:
    """[rows] whether each value is a date written with a two-digit year: a number in its date (the part before a
    time of day) and no run of three digits (``01/15/50``, ``15-Jan-50``, ``Jan-50``, ``1/50``). A date read
    from such text has its year from two digits (``_year_written`` refuses one read with no year)."""
    dates = column.astype(str).str.strip().where(column.notna()).str.replace(r"[ T]\d{1,2}:\d{2}.*$", "", regex=True)
    return (dates.notna() & ~dates.str.contains(r"\d{3}", na=True) & dates.str.contains(r"\d", na=False)).to_numpy()


OFFSET = re.compile(r"(?:[+-]\d\d:?\d\d|(?<![A-Za-z])Z)$")  # a UTC offset ending a timestamp: +02:00, +0200, Z (not MEZ's Z)
ZONED = ("timezone", "offset", "tz-aware")  # pandas' refusals of zones: mixed offsets; aware Timestamps among naive ones


def _instants(column: pd.Series, name: str, place, dayfirst: bool | None, order: dict | None,
              written: pd.Series) -> pd.DatetimeIndex:
    """Strings with UTC offsets that change (one zone across daylight saving), as instants: ISO 8601, or any form
    ``parse_text`` reads with an offset after it (``03.11.2024 01:00-04:00``, ``11/03/2024 01:00-05:00``, as
    rnncast writes forecasts in the hour the clocks repeat): the times without their offsets read as
    ``parse_text`` reads them (day first or month first alike), less each one's offset (``offsets``).
    A column that mixes strings with and without an offset is refused, naming the first of each (as ``written``,
    the column as its file writes it, has them)."""
    text = column.astype(str)
    shown = written.astype(str)
    aware = text.str.contains(OFFSET.pattern, regex=True).to_numpy()
    if not aware.all():
        i, j = int(np.flatnonzero(aware)[0]), int(np.flatnonzero(~aware)[0])
        raise RnncastError(f"time column {name!r} mixes timestamps with a UTC offset ({shown.iloc[i]!r} at {place(i)}) "
                           f"and without one ({shown.iloc[j]!r} at {place(j)}); give every one an offset, or none")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pd.DatetimeIndex(pd.to_datetime(column, utc=True, format="ISO8601"))
    except (ValueError, TypeError):
        pass
    wall = text.str.strip().str.replace(OFFSET.pattern, "", regex=True).str.strip()
    if not wall.str.contains(OFFSET.pattern, regex=True).any():  # a second offset: no time this reads
        wall_time, _ = parse_text(pd.Series(wall.to_numpy(), index=column.index, name=column.name), name, place,
                                  dayfirst, order)
        if wall_time.tz is None:
            return (wall_time - offsets(column).as_unit(wall_time.unit)).tz_localize("UTC")
    first_bad(column, name, place, written)
    raise RnncastError(f"time column {name!r} holds timestamps that cannot be read; write them as ISO 8601, "
                       "e.g. 2024-10-27T02:00:00+01:00")


def offsets(column: pd.Series) -> pd.TimedeltaIndex:
    """[N] the UTC offset each value of ``column`` [N] ends with (``+02:00``, ``-0500``, ``Z``), read by pandas."""
    written = column.astype(str).str.strip().str.extract(f"({OFFSET.pattern})", expand=False)
    base = pd.Timestamp("2000-01-01")
    read = pd.to_datetime("2000-01-01T00:00:00" + written, format="ISO8601", utc=True)
    return pd.TimedeltaIndex(base - pd.DatetimeIndex(read).tz_localize(None))
