"""Load a table or an array into a ``Series``: numeric values [T, C] with the target columns first.

Every check on the way names the column and the place of the problem and what would be accepted.
Places are given as ``line N of FILE`` (what a text editor shows, header = line 1) for CSV files,
and as ``row N`` (0-based position) otherwise.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

TIME_COLUMN_NAMES = ("date", "ds", "time", "timestamp", "datetime")


@dataclass
class Series:
    """One multivariate series. ``values[:, :n_targets]`` are the targets, the rest features."""

    values: np.ndarray  # [T, C] float32
    columns: list[str]
    n_targets: int
    time: pd.DatetimeIndex | None = None
    step: pd.Timedelta | None = None
    time_col: str | None = None

    @property
    def targets(self) -> list[str]:
        return self.columns[: self.n_targets]

    @property
    def features(self) -> list[str]:
        return self.columns[self.n_targets :]

    def __len__(self) -> int:
        return len(self.values)


def read_table(path) -> pd.DataFrame:
    """Read a CSV or Parquet file, with errors that say what is wrong and what is accepted."""
    path = Path(path)
    if not path.exists():
        raise RnncastError(f"file not found: {path} (expected a CSV or Parquet file)")
    if path.is_dir():
        raise RnncastError(f"{path} is a folder; expected a CSV or Parquet file")
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            frame = pd.read_parquet(path)
        elif suffix in (".csv", ".txt", ".tsv", ""):
            frame = pd.read_csv(path, sep=_separator(path))
        else:
            raise RnncastError(f"unsupported file type {suffix!r} for {path}; use a .csv or .parquet file")
    except RnncastError:
        raise
    except pd.errors.EmptyDataError:
        raise RnncastError(f"{path} is empty; expected a header line and rows of values") from None
    except UnicodeDecodeError as err:
        raise RnncastError(f"{path} is not UTF-8 text ({err.reason} at byte {err.start}); save it as UTF-8 CSV") from None
    except (pd.errors.ParserError, ValueError, OSError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RnncastError(f"cannot read {path}: {first}; expected a comma-separated CSV or a Parquet file") from None
    if frame.shape[0] == 0:
        raise RnncastError(f"{path} has a header but no rows of data")
    frame.attrs["source"] = path.name
    frame.attrs["line_offset"] = 2 if suffix != ".parquet" else None  # data row 0 is line 2
    return frame


def _separator(path: Path) -> str:
    """Comma, unless the header line has none and is cut by semicolons, tabs or bars instead."""
    with open(path, "rb") as f:
        header = f.readline().decode("utf-8", errors="replace")
    if "," not in header:
        for sep in (";", "\t", "|"):
            if sep in header:
                log.info("%s is separated by %r, not commas", path.name, sep)
                return sep
    return ","


def to_series(
    data,
    target=None,
    features=None,
    time_col=None,
    fill: str | None = None,
) -> Series:
    """Turn a DataFrame, a file path or an array into a checked ``Series``.

    ``target``: a column name or a list of names (default: the only numeric column, or column 0 of
    an array). ``features``: names, ``"all"`` (every other numeric column) or None.
    ``time_col``: a column of timestamps; by default a column named date/ds/time/timestamp/datetime.
    """
    if isinstance(data, (str, Path)):
        data = read_table(data)
    frame = _as_frame(data)
    time_col = _find_time_column(frame, time_col)
    targets = _as_list(target) if target is not None else _default_target(frame, time_col)
    feats = _feature_list(frame, features, targets, time_col)
    columns = targets + feats
    for name in columns:
        _require_column(frame, name)
    if len(set(columns)) != len(columns):
        raise RnncastError(f"a column is named twice among target and features: {columns}")

    time = _parse_time(frame, time_col) if time_col is not None else None
    values = np.column_stack([_numeric_column(frame[name], name, frame.attrs) for name in columns])  # [T, C]
    positions = np.arange(len(values))  # row of each kept row in the input, for messages
    values, time, positions = _handle_missing(values, columns, time, positions, fill, frame.attrs)
    values = values.astype(np.float32)
    _check_finite(values, columns, positions, frame.attrs)
    step = _check_time(time, positions, frame.attrs) if time is not None else None
    return Series(values=values, columns=columns, n_targets=len(targets), time=time, step=step,
                  time_col=str(time_col) if time_col is not None else None)


def _as_frame(data) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pd.Series):
        return data.to_frame(name=str(data.name) if data.name is not None else "y")
    if isinstance(data, np.ndarray) or isinstance(data, (list, tuple)):
        array = np.asarray(data)
        if array.ndim == 1:
            array = array[:, None]
        if array.ndim != 2:
            raise RnncastError(f"an array must be 1-D [time] or 2-D [time, columns], got shape {array.shape}")
        return pd.DataFrame(array, columns=[str(i) for i in range(array.shape[1])])
    raise RnncastError(
        f"cannot use data of type {type(data).__name__}; pass a pandas DataFrame, a NumPy array, "
        "or the path of a CSV or Parquet file"
    )


def _as_list(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _require_column(frame: pd.DataFrame, name: str) -> None:
    if name not in frame.columns:
        available = ", ".join(map(str, frame.columns))
        hint = (" (the file reads as a single column: are its values separated by commas, semicolons or tabs?)"
                if frame.shape[1] == 1 and frame.attrs.get("source") else "")
        raise RnncastError(f"column {name!r} not found; available columns: {available}{hint}")


def _find_time_column(frame: pd.DataFrame, time_col):
    if time_col is not None:
        _require_column(frame, time_col)
        return time_col
    for name in frame.columns:
        if str(name).lower() in TIME_COLUMN_NAMES:
            return name
    return None


def _default_target(frame: pd.DataFrame, time_col) -> list[str]:
    candidates = [c for c in frame.columns if c != time_col]
    numeric = [c for c in candidates if pd.api.types.is_numeric_dtype(frame[c])]
    if len(candidates) == 1:
        return [str(candidates[0])]
    if list(frame.columns) == [str(i) for i in range(frame.shape[1])]:
        return ["0"]  # an array: column 0 is the target
    raise RnncastError(
        f"say which column to forecast with target= (--target); numeric columns: {', '.join(map(str, numeric))}"
    )


def _feature_list(frame: pd.DataFrame, features, targets: list[str], time_col) -> list[str]:
    if features is None:
        return []
    if isinstance(features, str) and features == "all":
        return [
            str(c)
            for c in frame.columns
            if c != time_col and str(c) not in targets and pd.api.types.is_numeric_dtype(frame[c])
        ]
    return _as_list(features)


def _place(i: int, attrs: dict) -> str:
    offset = attrs.get("line_offset")
    if offset is not None and attrs.get("source"):
        return f"line {i + offset} of {attrs['source']}"
    return f"row {i}"


def _numeric_column(column: pd.Series, name: str, attrs: dict) -> np.ndarray:
    """The column as float64 numbers (missing values as NaN), or an error at its first non-number."""
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    converted = pd.to_numeric(column, errors="coerce")
    bad = converted.isna() & column.notna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise RnncastError(
            f"column {name!r} is not numeric: {_place(i, attrs)} holds {column.iloc[i]!r} "
            f"({int(bad.sum())} non-numeric value(s) in all); the target and features must be numbers"
        )
    return converted.to_numpy(dtype=np.float64, na_value=np.nan)


def _handle_missing(values: np.ndarray, columns: list[str], time, positions: np.ndarray, fill, attrs):
    missing = np.isnan(values)  # [T, C]
    if not missing.any():
        return values, time, positions
    for j, name in enumerate(columns):
        if missing[:, j].all():
            raise RnncastError(f"column {name!r} has no values at all (every row is missing); drop it")
    if fill is None:
        j = next(j for j in range(len(columns)) if missing[:, j].any())
        i = int(np.flatnonzero(missing[:, j])[0])
        raise RnncastError(
            f"column {columns[j]!r} has a missing value (NaN) at {_place(i, attrs)} ({int(missing.sum())} missing "
            "in all); fill them with --fill ffill|interpolate|drop (fill= in Python)"
        )
    log.info("filling %d missing values with %s", int(missing.sum()), fill)
    table = pd.DataFrame(values, columns=columns)
    if fill == "ffill":
        table = table.ffill().bfill()
    elif fill == "interpolate":
        table = table.interpolate(method="linear", limit_direction="both")
    elif fill == "drop":
        keep = ~missing.any(axis=1)
        table = table[keep]
        time = time[keep] if time is not None else None
        positions = positions[keep]
    else:
        raise RnncastError(f"unknown fill {fill!r}; choose one of: ffill, interpolate, drop")
    return table.to_numpy(dtype=np.float64), time, positions


def _check_finite(values: np.ndarray, columns: list[str], positions: np.ndarray, attrs: dict) -> None:
    bad = ~np.isfinite(values)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise RnncastError(
            f"column {columns[j]!r} holds an infinite value ({values[i, j]}) at {_place(int(positions[i]), attrs)}; "
            "only finite numbers are accepted"
        )


def _parse_time(frame: pd.DataFrame, time_col) -> pd.DatetimeIndex:
    column = frame[time_col]
    try:
        time = pd.DatetimeIndex(column if pd.api.types.is_datetime64_any_dtype(column) else pd.to_datetime(column))
    except (ValueError, TypeError) as err:
        raise RnncastError(f"time column {time_col!r} holds values that are not timestamps ({err})") from None
    if time.hasnans:
        i = int(np.flatnonzero(time.isna())[0])
        raise RnncastError(f"time column {time_col!r} is missing a timestamp at {_place(i, frame.attrs)}")
    return time


def _check_time(time: pd.DatetimeIndex, positions: np.ndarray, attrs: dict) -> pd.Timedelta | None:
    """Timestamps must increase strictly; uneven steps are allowed with a warning."""
    if len(time) < 2:
        return None
    diffs = np.diff(time.as_unit("ns").asi8)  # [T - 1] nanoseconds (pandas may hold s, ms or us)
    if (diffs == 0).any():
        i = int(np.flatnonzero(diffs == 0)[0]) + 1
        raise RnncastError(
            f"duplicated timestamp {time[i]} at {_place(int(positions[i - 1]), attrs)} and "
            f"{_place(int(positions[i]), attrs)}; each time step must appear once"
        )
    if (diffs < 0).any():
        i = int(np.flatnonzero(diffs < 0)[0]) + 1
        raise RnncastError(
            f"timestamps are not sorted: {time[i]} at {_place(int(positions[i]), attrs)} comes after {time[i - 1]}; "
            "sort the rows by time"
        )
    steps, counts = np.unique(diffs, return_counts=True)
    step = int(steps[np.argmax(counts)])  # the most common step (the smallest of equally common ones)
    irregular = int((diffs != step).sum())
    if irregular:
        log.warning("%d of %d time steps differ from the usual step %s", irregular, len(diffs), pd.Timedelta(step))
    return pd.Timedelta(step)
