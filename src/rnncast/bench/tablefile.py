"""A benchmark table read from its file: the time column found and its order checked, every other
column a value column of finite numbers, none missing, the target chosen. :func:`read_table` is the one
reader of ``rnncast bench``; :mod:`rnncast.bench.tables` splits what it reads under a protocol.

The file is read as the library reads one (:func:`rnncast.data.read_table`: CSV, also compressed, or
Parquet). Its first line names the columns. The first column is the time column when it is named one
of :data:`TIME_NAMES` (any case), or when it is not numeric and every value parses as a date (zoned
times compare in absolute time); every other column must hold finite numbers, none missing (the
protocol scores every row), each refusal naming the file and the column and row at fault. The target
is ``OT`` when the file has one (the LTSF files' name for it), else the last column, unless given.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import calendars, data, timeaxis
from rnncast.bench.protocol import TARGET
from rnncast.errors import RnncastError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Table:
    """A benchmark CSV as read: the values of every value column, raw units."""

    name: str  # the file's name less its suffixes: 'ETTh1', 'exchange_rate', ...
    values: np.ndarray  # [T, C] float64
    columns: list[str]  # the value columns, the file's order
    time_column: str | None  # the column read as time (not a value), or None
    target: str


TIME_NAMES = timeaxis.TIME_NAMES + timeaxis.INTEGER_NAMES
"""Names (any case) that make the first column the time column even when it holds numbers (unix seconds,
years): the library's (:mod:`rnncast.timeaxis`)."""


def dataset_name(path: str | Path) -> str:
    """The dataset's name, the file's name less its suffixes: ``ETTh1`` for ETTh1.csv and ETTh1.csv.gz."""
    name = Path(path).name
    for suffix in reversed(Path(name).suffixes):
        if suffix.lower() not in (".csv", ".txt", ".tsv", ".parquet", ".pq", *data.COMPRESSIONS):
            break
        name = name[: -len(suffix)]
    return name or Path(path).stem


def read_table(path: str | Path, target: str | None = None) -> Table:
    """Read a benchmark table (CSV, also compressed, or Parquet: :func:`rnncast.data.read_table`); every
    value column is used, none is dropped silently.

    The first column is the time column when it is named one of :data:`TIME_NAMES` (any case), or
    when it is not numeric and every value parses as a date; every other column must hold finite
    numbers, none missing. ``target``: the column to forecast in S and MS modes (default ``OT`` when
    present, else the last column). Raises RnncastError naming the file and the column and row at fault.
    """
    path = Path(path)
    if path.is_dir():
        raise RnncastError(f"{path} is a folder; pass --data PATH to a CSV file in it")
    frame = data.read_table(path)
    _check_header(path, list(frame.columns))
    first = frame.columns[0]
    time_column = None
    if str(first).strip().lower() in TIME_NAMES or not pd.api.types.is_numeric_dtype(frame[first]):
        if str(first).strip().lower() not in TIME_NAMES:
            _check_dates(path, frame[first])
        _check_order(path, frame[first])
        time_column = str(first)
        frame = frame.drop(columns=[first])
    columns = [str(c) for c in frame.columns]
    if not columns:
        raise RnncastError(f"{path}: only a time column ({time_column!r}); a benchmark needs value columns")
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]) and (
                str(column).strip().lower() in TIME_NAMES or _as_times(frame[column]).notna().all()):
            raise RnncastError(f"{path}: column {column!r} holds times but is not the first column ({first!r} is); "
                               "the protocol reads the time from the first column, so move it to the front")
        _check_values(path, str(column), frame[column])
    chosen = target if target is not None else (TARGET if TARGET in columns else columns[-1])
    if chosen not in columns:
        what = "the time column" if chosen == time_column else "not a value column"
        raise RnncastError(f"{path}: target {chosen!r} is {what}; accepted are {columns}")
    values = np.ascontiguousarray(frame.to_numpy(dtype=np.float64))  # [T, C]
    return Table(dataset_name(path), values, columns, time_column, chosen)


def _check_header(path: Path, names: list[str]) -> None:
    """The first line names the columns: a column without a name (pandas' 'Unnamed: 0', an index written
    by ``to_csv``) or a first line of values, numbers after a number or a date (no header: they would be
    read as names, their row lost), is refused; columns counted 0, 1, 2 ... are names."""
    unnamed = [i for i, name in enumerate(names) if re.fullmatch(r"Unnamed: \d+", name)]
    if unnamed:
        raise RnncastError(f"{path}: column {unnamed[0] + 1} has no name in the header line (a row index written by "
                           "pandas' to_csv?); name it, or write the file with index=False")
    numbers = pd.to_numeric(pd.Series(names[1:] if len(names) > 1 else names), errors="coerce")
    head = pd.Series(names[:1])
    first = _as_times(head).notna().all() or pd.to_numeric(head, errors="coerce").notna().all()
    counted = names in ([str(i) for i in range(len(names))], [str(i) for i in range(1, len(names) + 1)])  # 0,1,2: names
    if numbers.notna().all() and first and not counted:
        raise RnncastError(f"{path}: the header line holds values, not names ({', '.join(names[:3])}"
                           f"{', ...' if len(names) > 3 else ''}); the first line must name the columns, e.g. date,OT")


def _as_times(column: pd.Series) -> pd.Series:
    """``column`` read as dates one by one, in UTC (zoned times and offsets that change with daylight saving are
    dates too), NaT where a value is no date: whether a column holds dates, not how to read them."""
    return pd.to_datetime(column.astype(str), errors="coerce", format="mixed", utc=True)


def _check_dates(path: Path, column: pd.Series) -> None:
    """A non-numeric first column is the time column only if every value is a date."""
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().mean() > 0.5:  # mostly numbers: a value column with text in it, not a time column
        _check_values(path, str(column.name), column)
    bad = _as_times(column).isna().to_numpy()
    if bad.any():
        row = int(np.argmax(bad))
        raise RnncastError(
            f"{path}: the first column {str(column.name)!r} is neither numbers nor dates ({column.iloc[row]!r} at "
            f"data row {row}); a time column holds dates (or is named {', '.join(TIME_NAMES)}), a value column numbers"
        )


def _check_order(path: Path, column: pd.Series) -> None:
    """The protocol splits and windows the rows in file order, so the time column must rise from row
    to row: a repeated or earlier time is refused at its row (sorting it quietly would score
    another table than the file's)."""
    if column.isna().any():
        row = int(np.argmax(column.isna().to_numpy()))
        raise RnncastError(f"{path}: the time column {str(column.name)!r} has no value at data row {row}; the protocol "
                           "takes the rows in file order, so give every row its time")
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().all():
        index = pd.Index(numbers.to_numpy(dtype=np.int64)) if (numbers == numbers.round()).all() else None
        times = numbers.to_numpy()
    elif _as_times(column).isna().any():
        return  # a time column named so but unreadable as times: its rows are taken in file order, as written
    else:  # read as the library reads dates (31/01/2024 day first where that is the regular reading), in UTC
        try:
            index = timeaxis.parse_time(column, str(column.name), "UTC", lambda i: f"data row {i}").tz_localize(None)
        except RnncastError as err:
            raise RnncastError(f"{path}: {err}") from None
        times = index.to_numpy()  # UTC, without its zone: steps are plain durations
        if column.astype(str).str.contains(r"(?:[+-]\d\d:?\d\d|Z)$", regex=True).any():
            index = None  # zoned: its local calendar is not UTC's (a day across daylight saving is 23 or 25 hours)
    steps = np.diff(times)
    back = np.flatnonzero(steps <= steps.dtype.type(0))
    if len(back):
        row = int(back[0]) + 1
        what = "repeats" if steps[back[0]] == steps.dtype.type(0) else "comes before"
        raise RnncastError(
            f"{path}: the time column {str(column.name)!r} {what} the previous row's at data row {row} "
            f"({column.iloc[row]!r} after {column.iloc[row - 1]!r}); the protocol takes the rows in file order, so "
            "give them sorted by time, each time once")
    if index is not None:
        _note_gaps(path, str(column.name), index)


def _note_gaps(path: Path, name: str, times: pd.Index) -> None:
    """Rows missing from the calendar the time column follows (the library's :func:`rnncast.calendars.settle`) are
    said in a warning, the run goes on: the protocol windows rows, not times, as the published loaders did."""
    offsets = np.array([0, len(times)])
    try:
        calendar, ruler, _ = calendars.settle(times, offsets, quiet=True)
    except RnncastError:
        return
    if ruler is None and len(times) > 2:
        gaps = np.diff(times.asi8)
        low, high = (pd.Timedelta(int(v), unit=times.unit) for v in (gaps.min(), gaps.max()))
        log.warning("%s: the time column %r follows no regular calendar (steps from %s to %s); the protocol windows "
                    "rows, not times, so windows span unequal times", path, name, low, high)
    elif ruler is not None and ruler.missing:
        row = int(np.flatnonzero(calendars.missing_rows(ruler.steps, offsets))[0])
        log.warning("%s: %d rows are missing from the calendar of the time column %r (%s), the first after data row %d "
                    "(%s); the protocol windows rows, not times, so a window across a gap spans more time than the others",
                    path, ruler.missing, name, calendar.freq_text, row, times[row])


def _check_values(path: Path, name: str, column: pd.Series) -> None:
    """A value column holds finite numbers, none missing; refusals name the first row at fault."""
    numbers = pd.to_numeric(column, errors="coerce")
    text = (numbers.isna() & column.notna()).to_numpy()
    if text.any():
        row = int(np.argmax(text))
        raise RnncastError(
            f"{path}: column {name!r} is not numeric ({column.iloc[row]!r} at data row {row}); every column after "
            f"the time column is a value column and must hold numbers"
        )
    values = numbers.to_numpy(dtype=np.float64)
    missing = np.isnan(values)
    if missing.any():
        raise RnncastError(
            f"{path}: column {name!r} has {int(missing.sum())} missing values (first at data row "
            f"{int(np.argmax(missing))}); the protocol scores every row, so fill the file first"
        )
    infinite = ~np.isfinite(values)
    if infinite.any():
        row = int(np.argmax(infinite))
        raise RnncastError(f"{path}: column {name!r} holds {values[row]} at data row {row}; values must be finite numbers")
