"""The files a long-horizon benchmark reads, and where their protocol puts the borders.

Two protocols, both from the LTSF papers' loaders (Informer, Autoformer, LTSF-Linear, PatchTST,
SegRNN, iTransformer):

* ``ett``: ETTh*/ETTm* files, fixed borders of 12 / 4 / 4 months (``shared/benchmarks/ETT.md``):
  rows ``[0, 8640)`` train, ``[8640, 11520)`` validate, ``[11520, 14400)`` test on the hourly
  files, four times as many rows on the 15-minute ones; later rows are not used.
* ``custom``: any other table (Exchange, ILI, Weather, Electricity, Traffic, or a file of one's
  own): the first ``int(0.7 n)`` rows train, the last ``int(0.2 n)`` test, the rows between
  validate (LTSF-Linear's ``Dataset_Custom``; ``shared/data/LTSF/README.md``).

:func:`read_table` reads any such CSV: an optional time column first (named ``date``, or any
column whose values are not numbers), then numeric value columns, every one of them used; a
non-numeric or incomplete value column is refused by name. The target is ``OT`` when the file has
one (the LTSF files' name for it), else the last column, unless given.

:func:`prepare_table` then applies the protocol (:mod:`rnncast.bench.protocol`): train-row z-score
and the mode's columns. :func:`default_horizons` gives the dataset's horizons: 96, 192, 336, 720
where they fit, else the short set 24, 36, 48, 60 of the small files (ILI).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast.bench.protocol import select_mode, standardize, target_rows
from rnncast.errors import RnncastError
from rnncast.scaling import Scaler
from rnncast.windows import Split

PROTOCOLS = ("ett", "custom")
LONG_HORIZONS = (96, 192, 336, 720)
SHORT_HORIZONS = (24, 36, 48, 60)
DEFAULT_LOOKBACK = {LONG_HORIZONS: 96, SHORT_HORIZONS: 36}
"""The papers' usual input length with each set of horizons (L = 36 for ILI in Informer,
Autoformer and iTransformer; LTSF-Linear and PatchTST also report L = 104 there)."""
TARGET = "OT"
TRAIN_SHARE, TEST_SHARE = 0.7, 0.2  # the custom protocol's split

_ETT_NAME = re.compile(r"^(ETT[hm])\d+$")
_HOURLY_BORDERS = (8640, 11520, 14400)  # 12, 16 and 20 months of 30 days, in hours
_MINUTE_FACTOR = 4  # ETTm has four 15-minute rows per hour


# --------------------------------------------------------------------------------------------
# Splits
# --------------------------------------------------------------------------------------------


def ett_split(kind: str) -> Split:
    """The ETT protocol's split for ``kind`` ('ETTh' / 'ETTm' or a dataset name such as 'ETTh1'),
    in 0-based data rows: train ``[0, train_end)``, validation targets ``[train_end, val_end)``,
    test targets ``[val_end, end)``; later rows are never used."""
    match = _ETT_NAME.match(kind)
    prefix = match.group(1) if match else kind
    if prefix == "ETTh":
        return Split(*_HOURLY_BORDERS)
    if prefix == "ETTm":
        return Split(*(b * _MINUTE_FACTOR for b in _HOURLY_BORDERS))
    raise RnncastError(
        f"unknown ETT kind {kind!r}: accepted are 'ETTh', 'ETTm' or names like 'ETTh1', 'ETTm1'"
    )


def custom_split(n_rows: int) -> Split:
    """The custom protocol's split of ``n_rows`` rows: ``int(0.7 n)`` train rows, ``int(0.2 n)``
    test rows at the end, the rest validation (LTSF-Linear's ``Dataset_Custom``)."""
    train, test = int(n_rows * TRAIN_SHARE), int(n_rows * TEST_SHARE)
    if min(train, test, n_rows - train - test) < 1:
        raise RnncastError(f"{n_rows} rows are too few to split 70/10/20 into train, validation and test")
    return Split(train, n_rows - test, n_rows)


def protocol_of(name: str, protocol: str = "auto") -> str:
    """``'ett'`` or ``'custom'``: ``auto`` picks ``ett`` for ETTh*/ETTm* names, ``custom`` otherwise.
    Asking for ``ett`` on another name is an error (its borders are the ETT files' months)."""
    if protocol == "auto":
        return "ett" if _ETT_NAME.match(name) else "custom"
    if protocol not in PROTOCOLS:
        raise RnncastError(f"unknown protocol {protocol!r}: accepted are auto, {', '.join(PROTOCOLS)}")
    if protocol == "ett" and not _ETT_NAME.match(name):
        raise RnncastError(
            f"cannot tell the ETT variant from the file name {name!r}: the ETT protocol takes names "
            "like ETTh1.csv, ETTh2.csv (hourly) or ETTm1.csv, ETTm2.csv (15-minute); other tables "
            "run under the custom protocol (rnncast bench ltsf)"
        )
    return protocol


def split_for(name: str, n_rows: int, protocol: str) -> Split:
    """The split of a table of ``n_rows`` rows under ``protocol`` (``ett`` or ``custom``)."""
    if protocol == "ett":
        split = ett_split(name)
        if n_rows < split.end:
            raise RnncastError(f"{name}: {n_rows} data rows, the ETT split needs {split.end}; a shorter table of "
                               "the same name runs under the custom protocol with rnncast bench ltsf --protocol custom")
        return split
    return custom_split(n_rows)


def fits(split: Split, lookback: int, horizon: int) -> bool:
    """Whether every part of ``split`` holds a window of ``lookback`` + ``horizon`` (the protocol's
    rule, :func:`rnncast.bench.protocol.target_rows`)."""
    try:
        target_rows(split, "test", lookback, horizon)
    except RnncastError:
        return False
    return True


def default_horizons(split: Split, lookback: int | None = None) -> tuple[tuple[int, ...], int, str]:
    """``(horizons, lookback, why)``: the dataset's horizons and, when not given, its lookback.

    The long set 96, 192, 336, 720 (L = 96) where at least two of them fit, keeping those that do;
    else the short set 24, 36, 48, 60 of the small tables (ILI; L = 36), keeping those that fit; else
    an error that names --horizons and --lookback with the limits. ``why`` says what was left out.
    """
    shortest = min(split.val_end - split.train_end, split.end - split.val_end)
    for horizons in (LONG_HORIZONS, SHORT_HORIZONS):
        length = lookback or DEFAULT_LOOKBACK[horizons]
        kept = tuple(h for h in horizons if fits(split, length, h))
        if len(kept) >= (2 if horizons is LONG_HORIZONS else 1):
            left = [h for h in horizons if h not in kept]
            why = (f" ({', '.join(map(str, left))} do not fit: the shortest part has {shortest} rows, "
                   f"{split.train_end} training rows)") if left else ""
            return kept, length, why
    raise RnncastError(
        f"the split {split.train_end}/{split.val_end - split.train_end}/{split.end - split.val_end} rows "
        f"(train/validation/test) holds none of the horizons 96-720 or 24-60"
        f"{f' with lookback {lookback}' if lookback else ''}: pass --horizons (each at most {shortest}) and "
        f"--lookback (lookback + horizon at most {split.train_end})"
    )


def default_lookback(split: Split, horizons: tuple[int, ...]) -> int:
    """The lookback for horizons given without one: 96 when it leaves room for all of them, else 36;
    refuses, naming --lookback, when neither does."""
    shortest = min(split.val_end - split.train_end, split.end - split.val_end)
    if max(horizons) > shortest:
        raise RnncastError(f"horizon {max(horizons)} is longer than the shortest part ({shortest} rows): pass "
                           f"--horizons of at most {shortest}")
    for length in DEFAULT_LOOKBACK.values():  # 96, then 36
        if all(fits(split, length, h) for h in horizons):
            return length
    room = split.train_end - max(horizons)
    raise RnncastError(
        f"horizons {','.join(map(str, horizons))} leave room for a lookback of at most {room} rows "
        f"({split.train_end} training rows): pass --lookback (at most {room})"
    )


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class BenchData:
    """One table prepared for one mode: scaled inputs, target channels, split."""

    name: str
    mode: str
    columns: list[str]  # every value column of the file, raw order
    split: Split
    values: np.ndarray  # [T, C_in] standardized model inputs
    target_idx: tuple[int, ...]  # channels of ``values`` that are forecast and scored
    scaler: Scaler | None  # the train rows' statistics of the raw columns
    target: str = TARGET
    protocol: str = "ett"
    time_column: str | None = "date"


def prepare_table(path: str | Path, mode: str, target: str | None = None,
                  protocol: str = "auto") -> BenchData:
    """Read, split under the protocol, standardize with train statistics, select the mode."""
    return prepare(read_table(path, target), mode, protocol)


def prepare(table: Table, mode: str, protocol: str = "auto") -> BenchData:
    """A table already read (:func:`read_table`): split under the protocol, standardize with train
    statistics, select the mode."""
    chosen = protocol_of(table.name, protocol)
    split = split_for(table.name, len(table.values), chosen)
    scaled, scaler = standardize(table.values, split.train_end, table.columns)
    values, target_idx = select_mode(scaled, table.columns, mode, table.target)
    return BenchData(table.name, mode, table.columns, split, values, target_idx, scaler,
                     table.target, chosen, table.time_column)
