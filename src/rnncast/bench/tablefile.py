"""A benchmark table read from its file: the time column found and its order checked, every other
column a value column of finite numbers, none missing, the target chosen. :func:`read_table` is the one
reader of ``rnncast bench``; :mod:`rnncast.bench.tables` splits what it reads under a protocol.

The first column is the time column when it is named one of :data:`TIME_NAMES` (any case), or when it
is not numeric and every value parses as a date; every other column must hold finite numbers, none
missing (the protocol scores every row), each refusal naming the file and the column and row at
fault. The target is ``OT`` when the file has one (the LTSF files' name for it), else the last column,
unless given.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast.bench.protocol import TARGET
from rnncast.errors import RnncastError


@dataclass(frozen=True)
class Table:
    """A benchmark CSV as read: the values of every value column, raw units."""

    name: str  # the file's stem: 'ETTh1', 'exchange_rate', ...
    values: np.ndarray  # [T, C] float64
    columns: list[str]  # the value columns, the file's order
    time_column: str | None  # the column read as time (not a value), or None
    target: str


TIME_NAMES = ("date", "time", "timestamp", "datetime", "ds")
"""Names (any case) that make the first column the time column even when it holds numbers (unix seconds)."""


def read_table(path: str | Path, target: str | None = None) -> Table:
    """Read a benchmark CSV; every value column is used, none is dropped silently.

    The first column is the time column when it is named one of :data:`TIME_NAMES` (any case), or
    when it is not numeric and every value parses as a date; every other column must hold finite
    numbers, none missing. ``target``: the column to forecast in S and MS modes (default ``OT`` when
    present, else the last column). Raises RnncastError naming the file and the column and row at fault.
    """
    path = Path(path)
    if path.is_dir():
        raise RnncastError(f"{path} is a folder; pass --data PATH to a CSV file in it")
    try:
        with path.open(newline="") as f:
            header = next(csv.reader(f), [])
        frame = pd.read_csv(path)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise RnncastError(f"{path}: cannot read it as CSV ({err})") from None
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        raise RnncastError(f"{path}: the column name(s) {twice} appear more than once; give every column its own name")
    if frame.shape[1] == 0 or len(frame) == 0:
        raise RnncastError(f"{path}: no columns or no rows")
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
        _check_values(path, str(column), frame[column])
    chosen = target if target is not None else (TARGET if TARGET in columns else columns[-1])
    if chosen not in columns:
        what = "the time column" if chosen == time_column else "not a value column"
        raise RnncastError(f"{path}: target {chosen!r} is {what}; accepted are {columns}")
    values = np.ascontiguousarray(frame.to_numpy(dtype=np.float64))  # [T, C]
    return Table(path.stem, values, columns, time_column, chosen)


def _check_dates(path: Path, column: pd.Series) -> None:
    """A non-numeric first column is the time column only if every value is a date."""
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().mean() > 0.5:  # mostly numbers: a value column with text in it, not a time column
        _check_values(path, str(column.name), column)
    parsed = pd.to_datetime(column, errors="coerce", format="mixed")
    bad = parsed.isna().to_numpy()
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
    numbers = pd.to_numeric(column, errors="coerce")
    times = numbers if numbers.notna().all() else pd.to_datetime(column, errors="coerce", format="mixed")
    if times.isna().any():
        return  # a time column named so but unreadable as times: its rows are taken in file order, as written
    steps = np.diff(times.to_numpy())
    back = np.flatnonzero(steps <= steps.dtype.type(0))
    if len(back):
        row = int(back[0]) + 1
        what = "repeats" if steps[back[0]] == steps.dtype.type(0) else "comes before"
        raise RnncastError(
            f"{path}: the time column {str(column.name)!r} {what} the previous row's at data row {row} "
            f"({column.iloc[row]!r} after {column.iloc[row - 1]!r}); the protocol takes the rows in file order, so "
            "give them sorted by time, each time once")


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
