"""The time axis: where time comes from (a column, the index, integers or nothing) and how its values
are read (timestamps written as text: ``datetext``; quarters, weeks and compact dates: ``timetext``;
months: ``monthtext``; East Asian dates and quarters: ``cjkdates``), in one unit and zone (what a clock change explains: ``clockchanges``). The calendar that continues a
series is ``timecalendar.Calendar``; ``calendars`` infers which calendar a panel follows.
"""

from __future__ import annotations

import datetime
import functools
import logging
import warnings

import numpy as np
import pandas as pd

from rnncast import cjkdates, clockchanges, colontimes, compactdates, datetext, fiscalquarters, fiscalyears, halfyears, indexcolumns, localtimes, mmwrweeks, monthtext, numbertext, numbertimes, timetext, timeunread, totalrows, weekperiods, weektext, wholenumbers, wordtimes, writtenzones
from rnncast.data import INDEX_TIME
from rnncast.datasetfolder import FOLDER
from rnncast.errors import RnncastError
from rnncast.rowindex import UNNAMED
from rnncast.lookalikes import unicode_form
from rnncast.spelling import config_named, did_you_mean, hint, named
from rnncast.timenames import INTEGER_NAMES, MONTH_NAMES, TIME_NAMES, WEEK_NAMES, dated_name

log = logging.getLogger(__name__)


# ---- where time comes from ----------------------------------------------------------------------

def find_time_column(frame: pd.DataFrame, time_col=None, exclude=(), id_col=None) -> tuple[str | None, str | None]:
    """The time column and how it was found (None when named by the caller): by its name, its
    type (``datetime.date`` objects too: Arrow's date32 as pyarrow gives it) or its values; integer columns only by name
    (``year``, ``period``, ``step``, ``time_idx``; ``month`` when its values are months written ``200001``), else by a word
    of it and their values (years rising in each series of ``id_col`` under ``crop_year``; Unix times under ``open_time``
    refused naming ``time_unit``: ``wordtimes``, decision 2242). ``time_col=False`` (``--no-time-col``): the table has none, by the
    caller's word (``indexcolumns.TOLD_NONE``): the rows are numbered and no column is taken or refused as time."""
    if time_col is False:
        return None, indexcolumns.TOLD_NONE
    if time_col is not None:
        name = str(time_col)
        if name not in frame.columns:
            available = unicode_form(name, frame.columns, "the model's column" if hint("column", "") else "the name given") \
                or did_you_mean(name, frame.columns, cutoff=0.8) + "; available columns: " + ", ".join(map(str, frame.columns))
            steps = (f" ({name!r} is pandas' name for an unnamed index: one of integer steps, such as range(1961, 2021), "
                     "is read as the time, row numbers 0 .. n-1 are not)") if name in indexcolumns.NAMES else ""
            first = str(frame.columns[0]) if len(frame.columns) else ""  # to_csv's index: a header left empty
            steps += (f" ({first!r}, the first column, is pandas' name for a header left empty, as to_csv writes a "
                      f"frame's index: if it holds the times, head it {name!r})") if UNNAMED.fullmatch(first) else ""
            lead = f"{said}: " if (said := config_named("time_col")) else ""  # a file's key: time_col (in config c.json):
            raise RnncastError(f"{lead}time column {name!r} not found{available}{steps}")  # '날짜' in NFD: said (unicode_form)
        return name, None
    excluded = set(exclude)  # once, not per column
    candidates = [c for c in frame.columns if c not in excluded]
    index = frame.attrs.get(INDEX_TIME)  # the column a DatetimeIndex or PeriodIndex became (data.as_frame)
    if index in candidates:  # the columns first, then the index (README)
        name, how = _search(frame, [c for c in candidates if c != index])
        if name is None or how == PERIODS_BY_NAME:  # an integer 'step' column beside dates: a value, the index time
            return timeunread.refuse(frame, candidates, *_search(frame, [index]))
        kind = "PeriodIndex" if isinstance(frame[index].dtype, pd.PeriodDtype) else "DatetimeIndex"
        log.warning("time is column %r (found %s), not the data's %s; to use the index, give time_col=%r "
                    "(--time-col) or drop the column", name, how, kind, index)
        return name, how
    name, how = _search(frame, candidates)
    if name is None and not timeunread.passing_over():  # crop_year of years (decision 2242); not a numbered model's
        name, how = wordtimes.search(frame, candidates, id_col)
    return timeunread.refuse(frame, candidates, name, how)


PERIODS_BY_NAME = "by its name (integer periods)"  # found last: only where nothing else, the index included, is time


def _search(frame: pd.DataFrame, candidates: list) -> tuple[str | None, str | None]:
    """The first of ``candidates`` that is time, and how it was found: by name, type, values, then as integer periods
    (whole numbers written as floats, 1871.0, as the integers they hold: ``wholenumbers``); a folder's partition key
    (``date=2026-12-01``) only where no column of its files is time (decision 2276)."""
    keys = set(frame.attrs.get(FOLDER) or ())
    own = _first(frame, [c for c in candidates if c not in keys]) if keys & set(candidates) else (None, None)
    return own if own[0] is not None else _first(frame, candidates)


def _first(frame: pd.DataFrame, candidates: list) -> tuple[str | None, str | None]:
    """``_search``'s rules over ``candidates``, in their order."""
    frame = wholenumbers.whole_view(frame, candidates)
    for c in candidates:  # a 'time' of numbers (3.2, 5.1) beside dates is a value: the dates are the time
        if str(c).lower() in TIME_NAMES and not _beside_dates(frame, c, candidates):
            return c, "by its name"
    for c in candidates:  # 'ts' of text: a timestamp's short name (of numbers: Unix times, numbertimes)
        if str(c).lower() == "ts" and not pd.api.types.is_numeric_dtype(frame[c]) and not \
                pd.api.types.is_bool_dtype(frame[c]):
            return c, "by its name"
    for typed in (lambda c: pd.api.types.is_datetime64_any_dtype(frame[c]) or isinstance(frame[c].dtype, pd.PeriodDtype),
                  lambda c: _dates(frame[c])):  # a timestamp before a date column beside it: the finer (decision 2276)
        for c in candidates:
            if typed(c):
                return c, "by its type"
    for c in candidates:  # 2014 W01, tsibble's yearweek: weeks by their mark, as months and quarters (decision 2181)
        if _looks_like_dates(frame[c]) or weektext.marked(frame[c].head(5), c):
            return c, "by its values"
    for c in candidates:  # 200001 ... in a column named month: months, or one typed wrong that parse_time names
        if str(c).lower() in MONTH_NAMES and pd.api.types.is_integer_dtype(frame[c]) and (
                monthtext.stray_months(frame[c]) is not None or monthtext.compact_months(frame[c]) is not None):
            return c, "by its name"
    for c in candidates:  # 201902 or 2019-02 ... in a column named week: ISO weeks (MMWR's: refused by parse_time)
        if str(c).strip().lower() in WEEK_NAMES and (weektext.written(frame[c], c) or (pd.api.types.is_integer_dtype(
                frame[c]) and frame[c].notna().all() and _weeks(frame[c].to_numpy(dtype=np.int64))
                and weektext.in_order(c, frame[c].to_numpy()))):
            return c, "by its name"
    for c in candidates:  # 2009:1, last: codes such as 1700:01 before the dates are no time (decision 1852)
        if _colon_times(frame[c]):
            return c, "by its values"  # read under a quarterly or monthly freq, else refused naming it (decision 1806)
    for c in candidates:
        if str(c).lower() in INTEGER_NAMES and pd.api.types.is_integer_dtype(frame[c]):
            return c, PERIODS_BY_NAME
    return None, None


def _beside_dates(frame: pd.DataFrame, name, candidates: list) -> bool:
    """Whether column ``name`` holds numbers while another of ``candidates`` holds dates (by type or values)."""
    if not pd.api.types.is_numeric_dtype(frame[name]) or pd.api.types.is_bool_dtype(frame[name]):
        return False
    return any(pd.api.types.is_datetime64_any_dtype(frame[c]) or isinstance(frame[c].dtype, pd.PeriodDtype)
               or _dates(frame[c]) or _looks_like_dates(frame[c]) for c in candidates if c != name)


def _dates(column: pd.Series) -> bool:
    """Whether a column of objects holds ``datetime.date`` values only (pyarrow's date32, decision 2242)."""
    given = column.dropna() if column.dtype == object else ()
    return bool(len(given)) and all(isinstance(v, datetime.date) for v in given)


def _weeks(values: np.ndarray) -> bool:
    """Whether integers are all weeks written YYYYWW, ISO's or MMWR's (201453: an epiweek ISO's 2014 lacks)."""
    return compactdates.iso_weeks(values) is not None or mmwrweeks.weeks(values) is not None


def _colon_times(column: pd.Series) -> bool:
    """Whether the first five values of a text column are all written year colon number (EViews' 2009:1)."""
    sample = column.dropna().head(5)
    return bool(len(sample)) and all(isinstance(v, str) and colontimes.ANY.match(v.strip()) for v in sample)


def _looks_like_dates(column: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return False
    sample = column.dropna().head(5)
    if timetext.format_of(sample) is not None or cjkdates.format_of(sample) is not None or halfyears.format_of(
            sample) is not None or fiscalquarters.pattern(sample) or (  # 2014Q4, 2021-W01, 2024년 1월 5일, 2000H1, FY2006Q1
            len(sample) and all(isinstance(v, str) and monthtext.form(v.strip()) for v in sample)) or weekperiods.written(sample):
        return True  # 2022-11-14/2022-11-20 too: a W-SUN period's text, never a time read with a UTC offset
    if not len(sample) or not all(isinstance(v, str) for v in sample):
        return False
    dated = sample[sample.str.contains(r"\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", regex=True) & ~numbertext.decimal_commas(sample)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            read = int(pd.to_datetime(dated, errors="coerce", utc=True, format="mixed").notna().sum())
        except (ValueError, TypeError):
            return False
    return read == len(sample) or read >= 4  # one of five typed wrong (2020-02-30): found, and parse_time names it


def parse_time(column: pd.Series, name: str, tz: str | None, place, dayfirst: bool | None = None,
               order: dict | None = None, used=None, unit: str | None = None, told: bool = False) -> pd.Index:
    """The values of a time column as a ``DatetimeIndex`` (in one unit: ``one_unit``), ``PeriodIndex``
    or integer ``Index``.

    ``tz``: the zone of the timestamps (naive ones are localized to it, aware ones converted).
    ISO strings with changing UTC offsets (one zone across daylight saving) are read as instants;
    without ``tz`` they stay in UTC, with a warning naming ``tz=`` and the zones that have those offsets, or, with
    ``order``, the times as written are ``order["written"]``, for ``load_panel`` to warn or refuse
    (``writtenzones.settle``). ``place(i)`` names row ``i``.
    ``dayfirst``: how a fitted model read dates such as 01/02/2016 (its ``Calendar.dayfirst``),
    used for new data; None reads them as ``datetext`` decides, and ``order`` (a dict)
    receives that decision as ``order["dayfirst"]`` where the dates read both ways, and ``order["weeks"]`` the weeks
    ``weektext.iso_codes`` read.
    ``used``: the naive wall times read (a future file's forecast steps; ``localtimes.localize``), or None for all.
    ``unit``: ``time_unit``'s: the numbers are Unix times or Excel serials (``numbertimes.read``); with ``tz``
    Unix times are converted to that zone and serials placed in it (``localtimes.in_zone``, ``used`` as there).
    ``told``: the caller named the column as the time (``time_col=``): Unix times in it are refused, naming
    ``time_unit``, as under a time's name (decision 1534), but by a fitted model's reader (``hint("time_unit")``).
    """
    if tz is not None and not str(tz).strip():
        raise RnncastError(f"{named('tz')} is empty; give an IANA zone name such as Europe/Berlin or UTC, or leave it unset")
    if unit is not None:  # numbers named as times: Unix seconds, milliseconds, Excel serials
        time = numbertimes.read(column, name, unit, place)
        if tz is None:
            return time
        return localtimes.in_zone(time.tz_localize("UTC") if numbertimes.in_utc(unit) else time, tz, name, place, used)
    column = weekperiods.read(column, name, place)  # '2022-11-14/2022-11-20': a W-SUN period's text (decision 2034)
    if isinstance(column.dtype, pd.PeriodDtype):
        _refuse_tz(tz, name, "periods")
        if column.dtype.freq.rule_code == "B":  # pandas deprecates business-day periods: read as their days, holidays too
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)
                column = pd.Series(_no_gaps(pd.PeriodIndex(column), name, place).to_timestamp(), index=column.index)
        else:
            return _no_gaps(pd.PeriodIndex(column), name, place)
    if pd.api.types.is_bool_dtype(column):
        raise RnncastError(f"time column {name!r} holds true/false values; give timestamps or integer periods")
    if not (order or {}).get("steps"):  # 202301 under a week's name (week, kw): the ISO week 2023-W01; freq=1: steps
        column, given = weektext.iso_codes(column, name, place), column
        if order is not None:  # the ISO weeks read (None: none), for the text format: not read again (layouts)
            order["weeks"] = column if column is not given else None
    column = wholenumbers.as_whole(column)  # 1871.0, 20000131.0: the integers they hold (1871.5 stays, refused below)
    counter = str(name).lower() in INTEGER_NAMES  # 'step', 'year': periods by name, never compact dates
    if pd.api.types.is_integer_dtype(column) and (counter or (dates := _compact(column)) is None):
        if not counter:
            if str(name).lower() in TIME_NAMES + MONTH_NAMES:  # 200013 among months: named, not steps
                monthtext.refuse_stray(column, name, place)
            compactdates.refuse_stray_dates(column, name, place)  # 20200230 among dates: not steps out of order
            if str(name).lower() in TIME_NAMES:  # 190301: YYMMDD, not steps that skip 190332 .. 190400
                compactdates.refuse_short_years(column, name)
            if dated_name(name):  # 42005: 2015-01-01 in Excel, not step 42005 (Date, OrderDate)
                compactdates.refuse_excel_serials(column, name)
                compactdates.refuse_epoch_times(column, name)  # 1704067200: 2024-01-01 as a Unix time
            elif told and hint("time_unit", None) is None and not (order or {}).get("steps"):  # --time-col _time
                _refuse_told_epochs(column, name)  # (decision 1534); freq=1 reads them as steps (decision 1586)
        _refuse_tz(tz, name, "integers")
        return _epoch_note(pd.Index(column.to_numpy(dtype=np.int64), name=name), column, order)
    column = dates if pd.api.types.is_integer_dtype(column) else column  # 20000131, 200001: dates, not periods
    if pd.api.types.is_float_dtype(column):
        if not counter and dated_name(name):  # 42005.0 or 42005.5 (noon): Excel's, not periods
            compactdates.refuse_excel_serials(column, name)
            compactdates.refuse_epoch_times(column, name)
        return _epoch_note(_whole_periods(column, name, tz, place), column, order)
    fiscalyears.refuse(column, name, place, order)  # 2001-02, 2002-03 ...: fiscal years, not a 13-month calendar
    time, mixed = ((pd.DatetimeIndex(column), False) if pd.api.types.is_datetime64_any_dtype(column)
                   else datetext.parse_text(column, name, place, dayfirst, order))
    time = one_unit(_no_gaps(time, name, place).rename(name))
    if tz is not None:
        if order is not None and (mixed or time.tz is not None):  # each row's clock as written, read where needed
            order["clocks"] = (functools.partial(writtenzones.wall_clock, column, time) if mixed else  # seriesclocks
                               functools.partial(time.tz_localize, None))
        time = localtimes.in_zone(time, tz, name, place, used)
    elif mixed:
        wall = writtenzones.wall_clock(column, time)
        if order is not None:  # said, or refused, where the calendar is settled (loading: writtenzones.settle)
            order["written"] = wall
        elif owner := hint("offsets_of", ""):  # a future file's: instants matched to the steps, no refit (decision 839)
            log.info("%s %r carries several UTC offsets (%s): each time is read as the instant it writes, matched to "
                     "the forecast step at that instant", owner, name, writtenzones.offsets_text(time, wall))
        else:
            log.warning("%s", writtenzones.read_in_utc(name, time, wall, writtenzones.zones(time, wall, clockchanges.preferred())))
    return time


def _refuse_told_epochs(column: pd.Series, name: str) -> None:
    """``compactdates.refuse_epoch_times`` of a column ``time_col`` named (a counter, ``seq``), naming the third way
    too: integer steps, read as such under ``freq=1`` (decision 1586)."""
    try:
        compactdates.refuse_epoch_times(column, name)
    except RnncastError as err:
        raise RnncastError(f"{err}; or give freq=1 (--freq 1) if they are integer steps") from None


def one_unit(time: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """``time`` in microseconds (pandas' unit for timestamps read from text), or in nanoseconds where a
    value has a part finer than a microsecond: the same instants are the same index whichever unit
    they were stored in (s, ms, us, ns; Parquet often holds ms), so calendars, gaps, forecast dates and
    the resume fingerprint never compare numbers of two units (decision 105)."""
    if time.unit == "ns" and (time.asi8 % 1000).any():
        return time
    try:
        return time.as_unit("us")
    except (OverflowError, ValueError):  # beyond the year 294247 in s or ms: kept as given
        return time


def _whole_periods(column: pd.Series, name: str, tz, place) -> pd.Index:
    """A float time column (a year column with a gap reads as float) as integer periods, if whole."""
    _refuse_tz(tz, name, "numbers")
    values = column.to_numpy(dtype=np.float64)
    if np.isnan(values).any():
        raise RnncastError(f"time column {name!r} is missing a value at {place(int(np.flatnonzero(np.isnan(values))[0]))}; "
                           "fill it in, or drop the row")
    if len(broken := np.flatnonzero(values != np.round(values))):
        i = int(broken[0])
        if (epoch := compactdates.epoch_times(column)) is not None:  # time.time()'s 1709294400.123 (decision 1592)
            raise RnncastError(f"time column {name!r} holds {values[i]:g} at {place(i)}, a number that is not a whole "
                               f"period; the column {epoch[0]}; {epoch[1]}")
        raise RnncastError(f"time column {name!r} holds {values[i]:g} at {place(i)}, a number that is not a whole "
                           "period; give timestamps (2024-01-31) or integer periods (years, step numbers)")
    return pd.Index(values.astype(np.int64), name=name)


def _epoch_note(time: pd.Index, column: pd.Series, order: dict | None) -> pd.Index:
    """``time`` (integer periods), with a warning where ``column`` holds Unix times under a name not said to be time's;
    none where the caller gave a whole-number freq (``order["steps"]``: ``freq=1`` says they are steps, decision 1593)."""
    if not (order or {}).get("steps") and (epoch := compactdates.epoch_times(column)) is not None:
        log.warning("time column %r %s; they are read as integer steps: to read them as times, %s",
                    time.name, epoch[0], epoch[1])
    return time


def _compact(column: pd.Series) -> pd.DatetimeIndex | None:
    """An integer column of compact dates (20000131) or months (200001) as timestamps; None otherwise."""
    dates = compactdates.compact_dates(column)
    return dates if dates is not None else monthtext.compact_months(column)


def _refuse_tz(tz, name, what) -> None:
    if tz is not None:
        raise RnncastError(f"tz={tz!r} applies to timestamps, but time column {name!r} holds {what}; leave tz unset")


def _no_gaps(time: pd.Index, name: str, place) -> pd.Index:
    if time.hasnans:
        i = int(np.flatnonzero(time.isna())[0])
        raise RnncastError(f"time column {name!r} is missing a timestamp at {place(i)}"
                           f"{totalrows.last_row_note(i == len(time) - 1 and len(time) > 2)} fill it in, or drop the row")
    return time
