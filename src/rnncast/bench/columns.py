"""The columns of a benchmark table (:mod:`rnncast.bench.tablefile` reads the file): whether its first column is
the time column, that column's order and gaps, and the value columns' numbers.

The first column is the time column where the library finds it one (:func:`rnncast.timeaxis.find_time_column`:
named one of :data:`TIME_NAMES` (any case), months ``194001`` named ``month``, dates written as text), and where
it holds Unix times (``compactdates.epoch_times``) under a name that says time (:func:`epoch_name`: ``ts``,
``unix``, ``epoch``, ``unix_time``, ``OrderDate`` ...) as whole numbers that rise from row to row. Any other
numeric first column is a value column, said in one line; where its numbers look like Unix times the line says
why they were not read as times and how to have them so (name the column ``timestamp``). Its values are read as
the library reads them (months, compact dates, day-first dates; zoned times compare in absolute time), and must
rise from row to row: the protocol takes the rows in file order. A time column (by name or by its dates) holding a
value no time form reads (``hello`` among dates) is refused at its line, as ``rnncast fit`` refuses it. Every value is shown as written, not as numpy's
repr (``1600189754.96``, not ``np.float64(1600189754.96)``).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import calendars, clockchanges, compactdates, data, jitter, timeaxis, timenames, timeunread
from rnncast.errors import RnncastError
from rnncast.spelling import counted, hints

log = logging.getLogger(__name__)

TIME_NAMES = timenames.TIME_NAMES + timenames.INTEGER_NAMES
"""Names (any case) that make the first column the time column even when it holds numbers (unix seconds,
years): the library's (:mod:`rnncast.timeaxis`)."""


def shown(value) -> str:
    """A value as a message shows it: text quoted, numbers plain (``1600189754.96``, not numpy's
    ``np.float64(1600189754.96)``)."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def at(column: pd.Series, row: int, path: Path | None = None) -> str:
    """Where row ``row`` (0-based, as read) of ``column`` is, as ``rnncast fit`` names it (:func:`rnncast.data.place`):
    ``line 402 of b.csv`` in a CSV file (blank lines and quoted line breaks counted), ``row 401 of b.parquet`` in a
    Parquet file (counted from 1, as a viewer numbers them), ``row 400`` in a frame. ``path``: the file, named where
    the column's attrs do not name it."""
    source = column.attrs.get("source") or (path.name if path is not None else None)
    return data.place(row, {**column.attrs, "source": source})


def epoch_name(name) -> bool:
    """Whether a column's name says it holds times: a time name of the library or one of ``timenames.EPOCH_WORDS``
    among its words (``unix_time``, ``unixTime``, ``ts``, ``Timestamp_ms``), ``unix`` or ``epoch`` within it
    (``unixtime``: :func:`rnncast.timenames.epoch_named`), or a date word (``OrderDate``:
    :func:`rnncast.timenames.dated_name`)."""
    text = str(name).strip()
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", text)}
    return bool(words & set(timenames.TIME_NAMES)) or timenames.epoch_named(text) or timenames.dated_name(text)


def time_column(path: Path, frame: pd.DataFrame, notes: list[str], where: str) -> tuple[str | None, pd.DatetimeIndex | None]:
    """``(name, times)``: the first column's name when it is the time column, its order checked, and its values read
    as times (:func:`_check_order`); else ``(None, None)`` (a value column, said in ``notes`` where it holds numbers;
    ``where`` names its place: the first column, or the one after a row index).
    Time by the library's rules (:func:`rnncast.timeaxis.find_time_column`, asked of the first column alone: its
    name, type or values), by a name of :data:`TIME_NAMES` whatever it holds (the rows are windowed in file order;
    only the order is checked), by text that reads as dates, or by Unix times (:func:`_epoch_refused`), which
    rnncast fit does not convert: here they order rows."""
    first = frame.columns[0]
    column = frame[first]
    try:  # Unix times under a Unix-time name (ts): fit's to refuse, bench's to order its rows by (_epoch_refused)
        with hints(time_col=UNREAD_FIRST), timeunread.passed_over() if timenames.epoch_named(first) or (
                timenames.worded(first) and compactdates.epoch_unit(column)) else hints():  # open_time (decision 2242)
            found, _ = timeaxis.find_time_column(frame[[first]])
    except RnncastError as err:
        raise RnncastError(f"{path}: {err}") from None
    named = str(first).strip().lower() in TIME_NAMES
    if named and _counted_values(frame, first, found):
        found, named = None, False  # 'step' of 3.2, 5.1; 'step' or 'time' of numbers beside a date column: a value
    numeric = pd.api.types.is_numeric_dtype(column)
    epoch = compactdates.epoch_times(column) if numeric and found is None and not named else None
    if epoch is not None and (why := _epoch_refused(first, column)):
        notes.append(f"{where} {str(first)!r} {epoch[0].replace(': ', ' (', 1)}), but {why}: read as a value column; "
                     "to read them as times, name the column 'timestamp' (its rows must then rise in time)")
        return None, None
    if found is None and not named and numeric and epoch is None:
        notes.append(f"{where} {str(first)!r} holds numbers, not times (a time column holds dates, or numbers "
                     "under a time's name: date, time, timestamp, whole ones under year, period, step; month for 200001 ...): it is a "
                     "value column")
        return None, None
    if found is None and not named and not numeric:
        _check_dates(path, column)
    times = _check_order(path, column)
    if epoch is not None:
        notes.append(f"{where} {str(first)!r} {epoch[0].replace(': ', ' (', 1)}): read as the time column, "
                     "which orders the rows, not as a series")
    return str(first), times


def _counted_values(frame: pd.DataFrame, first, found) -> bool:
    """Whether a first column under a time's name holds values, not time: under an integer period's name (``step``,
    ``period``, ``year``) numbers that are not all whole (``3.2``, ``5.1``), or under any (``time`` too) numbers where
    another column holds dates (the time is the date column; a ``step`` column is the time only where nothing else is)."""
    column = frame[first]
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return False
    if found is None and str(first).strip().lower() in timenames.INTEGER_NAMES:
        return True
    return any(pd.api.types.is_datetime64_any_dtype(frame[c]) or (
        not pd.api.types.is_numeric_dtype(frame[c]) and as_times(frame[c]).notna().all()) for c in frame.columns[1:])


def _epoch_refused(name, column: pd.Series) -> str:
    """Why numbers in the Unix-time range (``compactdates.epoch_times``) are not read as times: "" where they are
    (a name that says time, :func:`epoch_name`; whole numbers; rising from row to row), else the clause saying
    what they lack. A column of sales or a population in that range is numbers, not times."""
    if not epoch_name(name):
        return f"its name says no time ({', '.join((*timenames.TIME_NAMES, *timenames.EPOCH_WORDS))} ...)"
    values = column.to_numpy(dtype=np.float64)
    fractional = ~np.isnan(values) & (values != np.round(values))  # a missing time is the order check's to refuse
    if fractional.any():
        row = int(np.argmax(fractional))
        return f"they are not whole numbers ({shown(column.iloc[row])} at {at(column, row)})"
    back = np.flatnonzero(np.diff(values) <= 0)
    if len(back):
        row = int(back[0]) + 1
        return (f"they do not rise from row to row ({shown(column.iloc[row])} after {shown(column.iloc[row - 1])} "
                f"at {at(column, row)})")
    return ""


def as_times(column: pd.Series) -> pd.Series:
    """``column`` read as dates one by one, in UTC (zoned times and offsets that change with daylight saving are
    dates too), NaT where a value is no date: whether a column holds dates, not how to read them."""
    return pd.to_datetime(column.astype(str), errors="coerce", format="mixed", utc=True)


def _check_dates(path: Path, column: pd.Series) -> None:
    """A non-numeric first column is the time column only if every value is a date."""
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().mean() > 0.5:  # mostly numbers: a value column with text in it, not a time column
        check_values(path, str(column.name), column)
    bad = as_times(column).isna().to_numpy()
    if bad.any():
        row = int(np.argmax(bad))
        raise RnncastError(
            f"{path}: the first column {str(column.name)!r} is neither numbers nor dates ({shown(column.iloc[row])} at "
            f"{at(column, row, path)}); a time column holds dates (or is named {', '.join(TIME_NAMES)}), a value column numbers"
        )


def _check_order(path: Path, column: pd.Series) -> pd.DatetimeIndex | None:
    """The protocol splits and windows the rows in file order, so the time column must rise from row
    to row: a repeated or earlier time is refused at its row (sorting it quietly would score
    another table than the file's). Returns the column read as times, as the library reads them (dates, compact
    dates and months; in UTC, without the zone) or as Unix times (``compactdates.epoch_unit``); None where it holds
    none (integer steps, other numbers under a time's name). Text that does not read as times is refused at its
    line (:func:`_read_text`), whether the column is time by its name or by its values."""
    if column.isna().any():
        row = int(np.argmax(column.isna().to_numpy()))
        place = at(column, row, path)  # its line
        cell = _written(path, str(column.name), row)  # 'n/a' as written, read as missing
        what = f"holds {shown(cell)}, no time," if cell else "has no value"
        raise RnncastError(f"{path}: the time column {str(column.name)!r} {what} at {place}; the protocol takes the rows "
                           "in file order, so give every row its time")
    numbers = pd.to_numeric(column, errors="coerce")  # datetimes too: their nanoseconds, hence they go first below
    if pd.api.types.is_datetime64_any_dtype(column):  # a Parquet file's (or a frame's) datetimes: times as they are
        stamps = pd.DatetimeIndex(column)
        read = stamps.tz_convert("UTC").tz_localize(None) if stamps.tz is not None else stamps
        times = read.to_numpy()  # UTC, without its zone, as text with offsets is read
        index = read if stamps.tz is None else None  # zoned: its local calendar is not UTC's
    elif pd.api.types.is_integer_dtype(column) and compactdates.epoch_times(column) is None:
        try:  # as the library reads integers: months 194001 named month, compact dates 20200131, else steps
            index = timeaxis.parse_time(column, str(column.name), None, lambda i: at(column, i, path))
        except RnncastError as err:
            raise RnncastError(f"{path}: {err}") from None
        times = index.to_numpy()
        read = _datetimes(index)
    elif numbers.notna().all():  # Unix times (steps of seconds), whole or fractional numbers
        index = pd.Index(numbers.to_numpy(dtype=np.int64)) if (numbers == numbers.round()).all() else None
        times = numbers.to_numpy()
        unit = compactdates.epoch_unit(column)
        read = pd.DatetimeIndex(pd.to_datetime(numbers, unit=unit)) if unit else None
    elif as_times(column).isna().any():  # ISO weeks (2021-W01) and the like, as the library reads them
        index = _read_text(path, column, None)  # a value no time form reads is refused, as rnncast fit refuses it
        times = index.to_numpy()
        read = _datetimes(index)
    else:  # read as the library reads dates (31/01/2024 day first where that is the regular reading), in UTC
        index = _read_text(path, column, "UTC").tz_localize(None)
        times = index.to_numpy()  # UTC, without its zone: steps are plain durations
        read = index
        if column.astype(str).str.contains(r"(?:[+-]\d\d:?\d\d|Z)$", regex=True).any():
            index = None  # zoned: its local calendar is not UTC's (a day across daylight saving is 23 or 25 hours)
    steps = np.diff(times)
    zero = np.zeros((), dtype=steps.dtype)  # 0 in the steps' own unit (a bare 0 is numpy's deprecated generic unit)
    back = np.flatnonzero(steps <= zero)
    if len(back):
        row = int(back[0]) + 1
        what = "repeats" if steps[back[0]] == zero else "comes before"
        clock = clockchanges.clock_change(index[row:row + 1], shown(column.iloc[row]), repeated=True, remedy=(
            "write the times with their UTC offsets (ISO 8601: 02:00:00+01:00) or in UTC")) if (
            isinstance(index, pd.DatetimeIndex)) else ""
        raise RnncastError(
            f"{path}: the time column {str(column.name)!r} {what} the previous row's at {at(column, row, path)} "
            f"({shown(column.iloc[row])} after {shown(column.iloc[row - 1])}); the protocol takes the rows in file "
            f"order, so give them sorted by time, each time once{clock}")
    if index is not None:
        _note_gaps(path, column, index)
    return read


NO_TIME_COL = " (rnncast bench reads the time from the first column and orders the rows by it; it has no --time-col)"
"""What a refusal of a time value says instead of the library's "name another time column (--time-col)"."""
UNREAD_FIRST = ("or, to number the rows, leave the column out of the table (rnncast bench reads the time from the first "
                "column; it has no --time-col)")
"""What bench's refusal of a first column whose name says time but whose text is no time offers after "correct it,":
the library's "name the time column with time_col=, --time-col" is no flag of bench's (decision 691)."""


def _written(path: Path, name: str, row: int) -> str | None:
    """The cell of column ``name`` at ``row`` as the file writes it, stripped ('n/a', which pandas reads as missing);
    None where it is blank or not text (a Parquet file's missing value, a name read otherwise)."""
    try:
        cell = data.read_table(path, text_columns=[name])[name].iloc[row]
    except (RnncastError, KeyError, IndexError):
        return None
    return cell.strip() or None if isinstance(cell, str) else None


def _read_text(path: Path, column: pd.Series, tz: str | None) -> pd.Index:
    """A time column of text read as the library reads it (:func:`rnncast.timeaxis.parse_time`); a value no time
    form reads (``hello`` among dates) is refused as ``rnncast fit`` refuses it, at its line in the file
    (:func:`rnncast.data.place`): taking the rows in file order instead would score a table that may not be in
    time order."""
    try:
        with hints(time_col=NO_TIME_COL):
            return timeaxis.parse_time(column, str(column.name), tz, lambda i: at(column, i, path))
    except RnncastError as err:
        raise RnncastError(f"{path}: {err}") from None


def _datetimes(index: pd.Index) -> pd.DatetimeIndex | None:
    """A time index as the library parsed it, as timestamps (periods at their start); None for integer steps."""
    if isinstance(index, pd.PeriodIndex):
        return index.to_timestamp()
    return index if isinstance(index, pd.DatetimeIndex) else None


def _note_gaps(path: Path, column: pd.Series, times: pd.Index) -> None:
    """Rows missing from the calendar the time column follows (the library's :func:`rnncast.calendars.settle`) are
    said in a warning, the run goes on: the protocol windows rows, not times, as the published loaders did."""
    offsets = np.array([0, len(times)])
    name = str(column.name)
    try:
        calendar, ruler, _ = calendars.settle(times, offsets, quiet=True)
    except RnncastError:
        return
    if ruler is None and len(times) > 2:
        gaps = np.diff(times.asi8)
        low, high = (jitter.duration(pd.Timedelta(int(v), unit=times.unit)) for v in (gaps.min(), gaps.max()))
        log.warning("%s: the time column %r follows no regular calendar (steps from %s to %s); the protocol windows "
                    "rows, not times, so windows span unequal times", path, name, low, high)
    elif ruler is not None and ruler.missing:
        row = int(np.flatnonzero(calendars.missing_rows(ruler.steps, offsets))[0])
        log.warning("%s: %d rows are missing from the calendar of the time column %r (%s), the first after %s "
                    "(%s); the protocol windows rows, not times, so a window across a gap spans more time than the others",
                    path, ruler.missing, name, calendar.freq_text, at(column, row, path), times[row])


def missing_said(columns: dict, path: Path | None = None) -> str | None:
    """The refusal's words for the columns of ``columns`` (name -> the column as read) that miss values, every one
    of them with its count and first line (``at``; a file with gaps in two columns was refused one column per run),
    else None."""
    gaps = {name: pd.to_numeric(column, errors="coerce").isna().to_numpy() for name, column in columns.items()}
    said = [f"column {name!r} has {counted(int(m.sum()), 'missing value')} (first at "
            f"{at(columns[name], int(np.argmax(m)), path)})" for name, m in gaps.items() if m.any()]
    return f"{'; '.join(said)}; the protocol scores every row, so fill the file first" if said else None


def check_values(path: Path, name: str, column: pd.Series, gaps: bool = True) -> None:
    """A value column holds finite numbers, none missing (``gaps=False``: the caller says every column's gaps at
    once, ``missing_said``); refusals name the first row at fault."""
    numbers = pd.to_numeric(column, errors="coerce")
    text = (numbers.isna() & column.notna()).to_numpy()
    if text.any():
        row = int(np.argmax(text))
        raise RnncastError(
            f"{path}: column {name!r} is not numeric ({shown(column.iloc[row])} at {at(column, row, path)}); every column after "
            f"the time column is a value column and must hold numbers"
        )
    values = numbers.to_numpy(dtype=np.float64)
    if gaps and (said := missing_said({name: column}, path)):
        raise RnncastError(f"{path}: {said}")
    infinite = ~np.isfinite(values) & ~np.isnan(values)
    if infinite.any():
        row = int(np.argmax(infinite))
        raise RnncastError(f"{path}: column {name!r} holds {values[row]} at {at(column, row, path)}; values must be "
                           "finite numbers")


def fault(column: pd.Series) -> str | None:
    """What keeps a value column from being read, in a few words (``not numeric: 'x' at line 5 of a.csv``, ``2 missing
    values, first at line 7 of a.csv``, ``inf at line 9 of a.csv``: :func:`check_values`' refusals, shorter, each
    value's line named by :func:`at`), None where it holds finite numbers, none missing."""
    numbers = pd.to_numeric(column, errors="coerce")
    text = (numbers.isna() & column.notna()).to_numpy()
    if text.any():
        return f"not numeric: {shown(column.iloc[int(np.argmax(text))])} at {at(column, int(np.argmax(text)))}"
    values = numbers.to_numpy(dtype=np.float64)
    missing = np.isnan(values)
    if missing.any():
        return f"{counted(int(missing.sum()), 'missing value')}, first at {at(column, int(np.argmax(missing)))}"
    infinite = ~np.isfinite(values)
    if infinite.any():
        return f"{values[int(np.argmax(infinite))]} at {at(column, int(np.argmax(infinite)))}"
    return None
