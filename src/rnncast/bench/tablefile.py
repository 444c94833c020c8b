"""A benchmark table read from its file: the time column found and its order checked, every other
column a value column of finite numbers, none missing, the target chosen. :func:`read_table` is the one
reader of ``rnncast bench``; :mod:`rnncast.bench.tables` splits what it reads under a protocol.

The file is read as the library reads one (:func:`rnncast.data.read_table`: CSV, also compressed, or
Parquet). Its first line names the columns, read without spaces around them (``date, OT``). A first column
that numbers the rows (``index``, ``idx`` or pandas' unnamed index: 0, 1, 2 ...) is the row order, not a
series. The first column is the time column where the library finds it one (:func:`rnncast.timeaxis.find_time_column`:
named one of :data:`TIME_NAMES` (any case), months ``194001`` named ``month``, dates written as text) or where
its numbers are Unix times; its values are read as the library reads them (months, compact dates, day-first
dates; zoned times compare in absolute time). Every other column must hold finite numbers, none missing (the
protocol scores every row), each refusal naming the file and the column and row at fault; a numeric first
column that is none of these is a value column, and :attr:`Table.notes` says so. The target is ``OT`` when
the file has one (the LTSF files' name for it), else the last column, unless given.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast import calendars, compactdates, data, timeaxis
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
    notes: tuple[str, ...] = ()  # how the file was read where a reader could expect otherwise, one line each
    first_is_value: bool = False  # the first column holds numbers that are no times: a value column


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

    Names are read without the spaces around them; a first column numbering the rows is their order
    (:func:`_without_row_counter`); the first column is then the time column as :func:`_time_column` finds it;
    every other column must hold finite numbers, none missing. ``target``: the column to forecast in S and MS
    modes (default ``OT`` when present, else the last column; as written or stripped). What a reader could
    expect otherwise is said in :attr:`Table.notes`. Raises RnncastError naming the file and the column and row
    at fault.
    """
    path = Path(path)
    if path.is_dir():
        raise RnncastError(f"{path} is a folder; pass --data PATH to a CSV file in it")
    frame, notes, renamed = _stripped_names(path, data.read_table(path))
    given, target = target, renamed.get(target, target)  # ' OT' as the file writes it is OT too
    counted = _without_row_counter(frame, notes)
    frame = frame if counted is None else frame.drop(columns=[counted])
    _check_header(path, list(frame.columns))
    first = frame.columns[0]
    where = "the first column" if counted is None else "the column after the row index"
    time_column = _time_column(path, frame, notes, where)
    if time_column is not None:
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
        raise RnncastError(f"{path}: target {given!r} is {what}; accepted are {columns}")
    values = np.ascontiguousarray(frame.to_numpy(dtype=np.float64))  # [T, C]
    return Table(dataset_name(path), values, columns, time_column, chosen, tuple(notes),
                 first_is_value=time_column is None and pd.api.types.is_numeric_dtype(frame[first]))


ROW_NAMES = ("index", "idx")
"""Names (any case) of a first column that numbers the rows (pandas writes its index unnamed: ``Unnamed: 0``)."""


def _stripped_names(path: Path, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """``frame`` with its column names read without the spaces around them (``date, OT, a`` written with a space
    after each comma: ``' OT'`` is ``OT``, the target as in a file written without them), and the notes
    saying so, and the names changed (as written -> as read); names that become one are refused."""
    names = [str(c) for c in frame.columns]
    stripped = [n.strip() for n in names]
    changed = {n: s for n, s in zip(names, stripped) if n != s}
    if not changed:
        return frame, [], {}
    twice = sorted({s for s in stripped if stripped.count(s) > 1})
    if twice:
        same = [repr(n) for n, s in zip(names, stripped) if s == twice[0]]
        raise RnncastError(f"{path}: columns {' and '.join(same)} have the same name without the spaces around it; "
                           "rename one so that every column has a name of its own")
    frame = frame.set_axis(stripped, axis=1)
    shown = ", ".join(f"{n!r} as {s!r}" for n, s in changed.items())
    return frame, [f"column names read without the spaces around them: {shown}"], changed


def _without_row_counter(frame: pd.DataFrame, notes: list[str]) -> str | None:
    """The name of a first column that numbers the rows (named :data:`ROW_NAMES` or left unnamed, as pandas'
    ``to_csv`` writes its index; rising whole numbers from 0 or more: 0, 1, 2 ... or 1, 2, 3 ...), which is the
    row order and not a series to forecast, said in ``notes``; None for any other first column."""
    first = frame.columns[0] if frame.shape[1] > 1 else None
    if first is None or not (str(first).lower() in ROW_NAMES or re.fullmatch(r"Unnamed: \d+", str(first))):
        return None
    column = frame[first]
    if not pd.api.types.is_integer_dtype(column) or not len(column):
        return None
    numbers = column.to_numpy(dtype=np.int64)
    if numbers[0] < 0 or (np.diff(numbers) <= 0).any():
        return None
    skipped = int(numbers[-1] - numbers[0] + 1 - len(numbers))
    shown = "its header leaves unnamed" if str(first).startswith("Unnamed") else repr(str(first))
    notes.append(f"the first column ({shown}) numbers the rows {numbers[0]}-{numbers[-1]}"
                 f"{f', skipping {skipped} numbers' if skipped else ''}, a row index as pandas' to_csv writes one: "
                 "read as the row order, not as a series")
    return first


def _time_column(path: Path, frame: pd.DataFrame, notes: list[str], where: str) -> str | None:
    """The first column's name when it is the time column, its order checked; else None (a value column, said in
    ``notes`` where it holds numbers; ``where`` names its place: the first column, or the one after a row index). Time by the library's rules (:func:`rnncast.timeaxis.find_time_column`,
    asked of the first column alone: its name, type or values), by a name of :data:`TIME_NAMES` whatever it holds
    (the rows are windowed in file order; only the order is checked), by text that reads as dates, or by numbers
    that are Unix times (``compactdates.epoch_times``), which rnncast fit does not convert: here they order rows."""
    first = frame.columns[0]
    column = frame[first]
    try:
        found, _ = timeaxis.find_time_column(frame[[first]])
    except RnncastError as err:
        raise RnncastError(f"{path}: {err}") from None
    named = str(first).strip().lower() in TIME_NAMES
    numeric = pd.api.types.is_numeric_dtype(column)
    epoch = compactdates.epoch_times(column) if numeric and found is None and not named else None
    if found is None and not named and numeric and epoch is None:
        notes.append(f"{where} {str(first)!r} holds numbers, not times (a time column holds dates, or numbers "
                     "under a time's name: date, time, timestamp, year, period, step, month for 200001 ...): it is a "
                     "value column")
        return None
    if found is None and not named and not numeric:
        _check_dates(path, column)
    _check_order(path, column)
    if epoch is not None:
        notes.append(f"{where} {str(first)!r} {epoch[0].replace(': ', ' (', 1)}): read as the time column, "
                     "which orders the rows, not as a series")
    return str(first)


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
    if pd.api.types.is_integer_dtype(column) and compactdates.epoch_times(column) is None:
        try:  # as the library reads integers: months 194001 named month, compact dates 20200131, else steps
            index = timeaxis.parse_time(column, str(column.name), None, lambda i: f"data row {i}")
        except RnncastError as err:
            raise RnncastError(f"{path}: {err}") from None
        times = index.to_numpy()
    elif numbers.notna().all():  # Unix times (steps of seconds), whole or fractional numbers
        index = pd.Index(numbers.to_numpy(dtype=np.int64)) if (numbers == numbers.round()).all() else None
        times = numbers.to_numpy()
    elif _as_times(column).isna().any():  # ISO weeks (2021-W01) and the like, as the library reads them
        try:
            index = timeaxis.parse_time(column, str(column.name), None, lambda i: f"data row {i}")
        except RnncastError:
            return  # a time column named so but unreadable as times: its rows are taken in file order, as written
        times = index.to_numpy()
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
        clock = timeaxis.clock_change(index[row:row + 1], repr(column.iloc[row]), repeated=True, remedy=(
            "write the times with their UTC offsets (ISO 8601: 02:00:00+01:00) or in UTC")) if (
            isinstance(index, pd.DatetimeIndex)) else ""
        raise RnncastError(
            f"{path}: the time column {str(column.name)!r} {what} the previous row's at data row {row} "
            f"({column.iloc[row]!r} after {column.iloc[row - 1]!r}); the protocol takes the rows in file order, so "
            f"give them sorted by time, each time once{clock}")
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
