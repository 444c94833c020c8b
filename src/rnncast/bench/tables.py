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

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast.bench.protocol import select_mode, standardize
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
            raise RnncastError(f"{name}: {n_rows} data rows, the ETT split needs {split.end}")
        return split
    return custom_split(n_rows)


def default_horizons(split: Split, lookback: int | None = None) -> tuple[int, ...]:
    """96, 192, 336, 720 when every one fits the split (with ``lookback`` when given), else 24,
    36, 48, 60; refuses a split too short for either."""
    for horizons in (LONG_HORIZONS, SHORT_HORIZONS):
        shortest = min(split.val_end - split.train_end, split.end - split.val_end)
        room = split.train_end - (lookback or DEFAULT_LOOKBACK[horizons])
        if max(horizons) <= shortest and max(horizons) <= room:
            return horizons
    raise RnncastError(
        f"the split {split.train_end}/{split.val_end - split.train_end}/{split.end - split.val_end} rows "
        f"(train/validation/test) is too short for horizons up to 60: pass --horizons"
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


def read_table(path: str | Path, target: str | None = None) -> Table:
    """Read a benchmark CSV; every value column is used, none is dropped silently.

    The first column is the time column when it is named ``date`` (any case) or holds anything
    but numbers; every other column must be numeric and complete. ``target``: the column to
    forecast in S and MS modes (default ``OT`` when present, else the last column). Raises
    RnncastError naming the file and the column or row at fault.
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path)
    except (OSError, ValueError, pd.errors.ParserError) as err:
        raise RnncastError(f"{path}: cannot read it as CSV ({err})") from None
    if frame.shape[1] == 0 or len(frame) == 0:
        raise RnncastError(f"{path}: no columns or no rows")
    first = frame.columns[0]
    time_column = None
    if str(first).strip().lower() == "date" or not pd.api.types.is_numeric_dtype(frame[first]):
        time_column = str(first)
        frame = frame.drop(columns=[first])
    columns = [str(c) for c in frame.columns]
    if not columns:
        raise RnncastError(f"{path}: only a time column ({time_column!r}); a benchmark needs value columns")
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            raise RnncastError(
                f"{path}: column {str(column)!r} is not numeric (e.g. {frame[column].iloc[0]!r}); every "
                f"column after the time column is a value column and must hold numbers"
            )
        missing = frame[column].isna().to_numpy()
        if missing.any():
            raise RnncastError(
                f"{path}: column {str(column)!r} has {int(missing.sum())} missing values (first at data row "
                f"{int(np.argmax(missing))}); the protocol scores every row, so fill the file first"
            )
    chosen = target if target is not None else (TARGET if TARGET in columns else columns[-1])
    if chosen not in columns:
        raise RnncastError(f"{path}: target {chosen!r} is not a value column; accepted are {columns}")
    values = np.ascontiguousarray(frame.to_numpy(dtype=np.float64))  # [T, C]
    return Table(path.stem, values, columns, time_column, chosen)


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
    table = read_table(path, target)
    chosen = protocol_of(table.name, protocol)
    split = split_for(table.name, len(table.values), chosen)
    scaled, scaler = standardize(table.values, split.train_end, table.columns)
    values, target_idx = select_mode(scaled, table.columns, mode, table.target)
    return BenchData(table.name, mode, table.columns, split, values, target_idx, scaler,
                     table.target, chosen, table.time_column)
