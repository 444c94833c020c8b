"""Many series in one structure: a ``Panel`` holds the rows of every series back to back in one
array [N, C] and the row where each series starts, so windows stay views over one array.

Three inputs give a panel:

* **long format** (Nixtla's convention): one row per (series, time step), columns ``unique_id``,
  ``ds``, ``y`` and covariates; the column names can be chosen (``id_col``, ``time_col``, ``target``);
* **wide format**: one column per series (``series=["a", "b"]`` or ``"all"``), rows in time order;
  leading and trailing gaps of a column are where that series has not started or has ended;
* **one series** as before (``to_series``): a panel of one, ``id_col`` None.

Columns are ordered by role: targets, then past-observed covariates (known up to the forecast
time), then future-known covariates (known over the horizon too). Static covariates are
per-series attributes, numeric or categorical, kept beside the rows in ``Static``. Every check
names the series, the column and the place of the problem.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from rnncast.data import (Series, _as_frame, _check_finite, _default_target, _find_time_column, _handle_missing,
                          _numeric_column, _parse_time, _place, _require_column, read_table, to_series)
from rnncast.errors import RnncastError

log = logging.getLogger(__name__)

ID_COLUMN = "unique_id"  # the long format's default names, as in Nixtla's libraries
TARGET_COLUMN = "y"


@dataclass
class Static:
    """Per-series attributes: numeric values [S, Kn] and categorical labels [S, Kc] (as text)."""

    numeric_names: list[str] = field(default_factory=list)
    numeric: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # [S, Kn] float64
    categorical_names: list[str] = field(default_factory=list)
    categorical: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=object))  # [S, Kc] str

    @property
    def names(self) -> list[str]:
        return self.numeric_names + self.categorical_names

    def take(self, index: np.ndarray) -> "Static":
        return Static(self.numeric_names, self.numeric[index], self.categorical_names, self.categorical[index])


@dataclass
class Panel:
    """Series of their own lengths and start times, stored back to back.

    Series ``s`` is rows ``offsets[s]:offsets[s + 1]`` of ``values``. ``ids`` name the series (one
    ``None`` for a single series given without ids, the single-series API).
    """

    values: np.ndarray  # [N, C] float32: targets, past covariates, future covariates
    offsets: np.ndarray  # [S + 1] int64
    ids: list
    columns: list[str]
    n_targets: int
    n_past: int = 0
    times: list = field(default_factory=list)  # per series: DatetimeIndex, integer Index, or None
    step: pd.Timedelta | int | None = None
    time_col: str | None = None
    id_col: str | None = None
    static: Static | None = None

    @property
    def n_series(self) -> int:
        return len(self.offsets) - 1

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)  # [S]

    @property
    def targets(self) -> list[str]:
        return self.columns[: self.n_targets]

    @property
    def past(self) -> list[str]:
        return self.columns[self.n_targets : self.n_targets + self.n_past]

    @property
    def future(self) -> list[str]:
        return self.columns[self.n_targets + self.n_past :]

    @property
    def features(self) -> list[str]:
        return self.columns[self.n_targets :]

    def rows(self, s: int) -> np.ndarray:
        return self.values[self.offsets[s] : self.offsets[s + 1]]  # [T_s, C], a view

    def time(self, s: int):
        return self.times[s] if self.times else None

    def label(self, s: int) -> str:
        return "the series" if self.id_col is None else f"series {self.ids[s]!r}"

    def subset(self, keep) -> "Panel":
        """The panel of the series ``keep`` (positions), in that order; their rows are copied once."""
        keep = np.asarray(keep, dtype=np.int64)
        lengths = self.lengths[keep]
        values = np.concatenate([self.rows(s) for s in keep]) if len(keep) else self.values[:0]
        return Panel(values, np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64), [self.ids[s] for s in keep],
                     self.columns, self.n_targets, self.n_past, [self.time(s) for s in keep] if self.times else [],
                     self.step, self.time_col, self.id_col, self.static.take(keep) if self.static is not None else None)

    @classmethod
    def from_series(cls, series: Series, n_past: int) -> "Panel":
        return cls(series.values, np.array([0, len(series)], dtype=np.int64), [None], series.columns,
                   series.n_targets, n_past, [series.time] if series.time is not None else [], series.step,
                   series.time_col, None, None)


# ---- reading ----------------------------------------------------------------------------------

def load_panel(data, target=None, features=None, time_col=None, fill: str | None = None, *, future_known: bool = False,
               id_col=None, series=None, past_covariates=None, future_covariates=None, static_covariates=None) -> Panel:
    """Read long-format, wide-format or single-series data into a checked ``Panel``.

    Long format is chosen by ``id_col`` or by a column named ``unique_id``; wide format by
    ``series``. ``features`` are past covariates, or future-known ones with ``future_known``;
    ``past_covariates`` / ``future_covariates`` name the roles directly. ``static_covariates``:
    column names (constant within each series) or a frame with the id column and one column per
    attribute (numeric columns are numeric attributes, others categorical).
    """
    if isinstance(data, (str, Path)):
        data = read_table(data)
    if series is not None:
        if id_col is not None:
            raise RnncastError("give series= (wide format: one column per series) or id_col= (long format), not both")
        if not isinstance(data, pd.DataFrame):
            raise RnncastError(f"series= needs a table with one column per series, got {type(data).__name__}")
        return _wide_panel(data, series, target, time_col, fill, features, future_known, past_covariates,
                           future_covariates, static_covariates)
    if isinstance(data, pd.DataFrame) and (id_col is not None or ID_COLUMN in data.columns):
        return _long_panel(data, id_col or ID_COLUMN, target, time_col, fill, features, future_known, past_covariates,
                           future_covariates, static_covariates)
    if static_covariates is not None and len(static_covariates):  # [] (a run's config.json): none
        raise RnncastError(
            "static covariates describe each of many series; give long-format data with an id column "
            "(id_col=, --id-col) or wide-format data (series=, --series)"
        )
    frame = _as_frame(data)
    found = _find_time_column(frame, time_col)
    targets = _as_list(target) if target is not None else _default_target(frame, found)
    past, future = _roles(frame, features, future_known, past_covariates, future_covariates, exclude=targets,
                          time_col=found)
    one = to_series(frame, targets, (past + future) or None, time_col, fill)
    return Panel.from_series(one, len(past))


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.split(",") if v] if "," in value else [value]
    return [str(v) for v in value]


def _roles(frame, features, future_known: bool, past_covariates, future_covariates, exclude: list[str],
           time_col) -> tuple[list[str], list[str]]:
    """Past-observed and future-known covariate columns. ``features`` join the future-known role
    with ``future_known``, the past-observed one otherwise; ``"all"`` is every other numeric column."""
    past, future = _as_list(past_covariates), _as_list(future_covariates)
    if isinstance(features, str) and features == "all":
        if frame is None:
            feats = []  # an array: to_series names its columns by number; "all" of an array is resolved there
        else:
            named = set(exclude) | set(past) | set(future) | {time_col}
            found = _find_time_column(frame, time_col)
            feats = [str(c) for c in frame.columns
                     if c not in named and str(c) not in named and c != found and pd.api.types.is_numeric_dtype(frame[c])]
    else:
        feats = _as_list(features)
    (future if future_known else past).extend(feats)
    every = past + future
    twice = sorted({c for c in every if every.count(c) > 1})
    if twice:
        raise RnncastError(f"covariate column(s) {twice} named in more than one role; give each column one role")
    return past, future


def _long_panel(frame: pd.DataFrame, id_col, target, time_col, fill, features, future_known, past_covariates,
                future_covariates, static_covariates, positions: np.ndarray | None = None) -> Panel:
    id_col = str(id_col)
    if id_col not in frame.columns:
        available = ", ".join(map(str, frame.columns))
        raise RnncastError(
            f"id column {id_col!r} not found; available columns: {available}. Name the column that says which "
            f"series a row belongs to with id_col= (--id-col)"
        )
    time_col = _find_time_column(frame, time_col)
    if target is None:
        if TARGET_COLUMN not in frame.columns:
            raise RnncastError(f"say which column to forecast with target= (--target); columns: "
                               f"{', '.join(map(str, frame.columns))}")
        target = TARGET_COLUMN
    targets = _as_list(target)
    static_names = _as_list(static_covariates) if not isinstance(static_covariates, pd.DataFrame) else []
    past, future = _roles(frame, features, future_known, past_covariates, future_covariates,
                          exclude=targets + static_names + [id_col], time_col=time_col)
    columns = targets + past + future
    for name in columns + static_names:
        _require_column(frame, name)
    clash = {id_col, str(time_col)} & set(columns + static_names)
    if clash or len(set(columns + static_names)) != len(columns + static_names):
        raise RnncastError(f"a column is named twice among id, time, target and covariates: "
                           f"{[id_col, time_col] + columns + static_names}")
    positions = np.arange(len(frame)) if positions is None else positions
    attrs = frame.attrs
    ids_column = frame[id_col]
    if ids_column.isna().any():
        i = int(np.flatnonzero(ids_column.isna().to_numpy())[0])
        raise RnncastError(f"id column {id_col!r} is empty at {_place(int(positions[i]), attrs)}; every row needs a series id")
    codes, uniques = pd.factorize(ids_column, sort=True)
    ids = [_plain(v) for v in uniques]
    values = np.column_stack([_numeric_column(frame[name], name, attrs) for name in columns])  # [N, C]
    time = _time_values(frame, time_col) if time_col is not None else None
    panel = _group(codes, ids, time, values, positions, columns, len(targets), len(past), fill, attrs,
                   str(time_col) if time_col is not None else None, id_col)
    if static_covariates is not None:
        panel.static = (_static_from_frame(static_covariates, panel, id_col) if isinstance(static_covariates, pd.DataFrame)
                        else _static_from_columns(frame, codes, static_names, panel, positions))
    return panel


def _wide_panel(frame: pd.DataFrame, series, target, time_col, fill, features, future_known, past_covariates,
                future_covariates, static_covariates) -> Panel:
    """One column per series: melted to long format, each series trimmed to its first and last value."""
    if target is not None and _as_list(target) != [TARGET_COLUMN]:
        raise RnncastError(f"with series= (wide format) each series column is a target; leave target unset, got {target!r}")
    time_col = _find_time_column(frame, time_col)
    shared_past, shared_future = _roles(None, features if features != "all" else None, future_known, past_covariates,
                                        future_covariates, exclude=[], time_col=time_col)
    covariates = shared_past + shared_future
    if isinstance(series, str) and series == "all":
        names = [str(c) for c in frame.columns
                 if c != time_col and str(c) not in covariates and pd.api.types.is_numeric_dtype(frame[c])]
    else:
        names = _as_list(series)
    if not names:
        raise RnncastError("series= names no column; give the series columns (e.g. series=['a', 'b']) or 'all'")
    for name in names + covariates:
        _require_column(frame, name)
    clash = sorted(set(names) & ({ID_COLUMN, TARGET_COLUMN} | set(covariates)))
    if clash:
        raise RnncastError(f"column(s) {clash} cannot be both a series and a covariate or the id/target of the long format")
    numeric = {c: _numeric_column(frame[c], c, frame.attrs) for c in covariates}  # places in the wide table
    parts, rows = [], []
    for name in names:
        y = _numeric_column(frame[name], name, frame.attrs)
        present = np.flatnonzero(~np.isnan(y))
        if not len(present):
            raise RnncastError(f"series column {name!r} has no values at all (every row is missing); drop it")
        keep = np.arange(present[0], present[-1] + 1)  # not started yet / ended: the gaps at either end
        part = {ID_COLUMN: np.full(len(keep), name, dtype=object), TARGET_COLUMN: y[keep]}
        if time_col is not None:
            part[time_col] = frame[time_col].to_numpy()[keep]
        for c in covariates:
            part[c] = numeric[c][keep]
        parts.append(pd.DataFrame(part))
        rows.append(keep)
    long = pd.concat(parts, ignore_index=True)
    long.attrs = dict(frame.attrs)
    return _long_panel(long, ID_COLUMN, TARGET_COLUMN, time_col, fill, None, False, shared_past, shared_future,
                       static_covariates, positions=np.concatenate(rows))


def _plain(value):
    """A series id as JSON-ready Python data (int or text)."""
    if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
        return int(value)
    return str(value)


def _time_values(frame: pd.DataFrame, time_col) -> pd.Index:
    column = frame[time_col]
    if pd.api.types.is_integer_dtype(column):
        return pd.Index(column.to_numpy(dtype=np.int64))  # time steps numbered 0, 1, 2, ...
    return _parse_time(frame, time_col)


def _time_key(time: pd.Index) -> np.ndarray:
    return time.as_unit("ns").asi8 if isinstance(time, pd.DatetimeIndex) else time.to_numpy(dtype=np.int64)


def _group(codes, ids, time, values, positions, columns, n_targets, n_past, fill, attrs, time_col, id_col) -> Panel:
    """Sort the rows by (series, time), check them per series, and store the series back to back."""
    n_series = len(ids)
    if time is not None:
        key = _time_key(time)
        order = np.lexsort((key, codes))  # by series, then time
        same = (codes[order][1:] == codes[order][:-1]) & (key[order][1:] == key[order][:-1])
        if same.any():
            a, b = order[np.flatnonzero(same)[0]], order[np.flatnonzero(same)[0] + 1]
            raise RnncastError(
                f"duplicated timestamp {time[a]} in series {ids[codes[a]]!r} at {_place(int(positions[a]), attrs)} and "
                f"{_place(int(positions[b]), attrs)}; each time step of a series must appear once"
            )
    else:
        order = np.argsort(codes, kind="stable")  # rows of a series in the order given
    codes, values, positions = codes[order], values[order], positions[order]
    time = time[order] if time is not None else None
    counts = np.bincount(codes, minlength=n_series)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    if np.isnan(values).any():
        values, time, positions, offsets = _fill_per_series(values, time, positions, offsets, ids, columns, fill, attrs)
    values = values.astype(np.float32)
    _check_finite(values, columns, positions, attrs)
    times = [time[offsets[s] : offsets[s + 1]] for s in range(n_series)] if time is not None else []
    step = _common_step(time, offsets) if time is not None else None
    return Panel(values, offsets, ids, columns, n_targets, n_past, times, step, time_col, id_col)


def _fill_per_series(values, time, positions, offsets, ids, columns, fill, attrs):
    """Missing values: refused with their place, or filled within each series (never across two)."""
    if fill is None:
        missing = np.isnan(values)
        j = next(j for j in range(len(columns)) if missing[:, j].any())
        i = int(np.flatnonzero(missing[:, j])[0])
        s = int(np.searchsorted(offsets, i, side="right") - 1)
        raise RnncastError(
            f"column {columns[j]!r} of series {ids[s]!r} has a missing value (NaN) at {_place(int(positions[i]), attrs)} "
            f"({int(missing.sum())} missing in all); fill them with --fill ffill|interpolate|drop (fill= in Python)"
        )
    parts = []
    for s in range(len(ids)):
        lo, hi = offsets[s], offsets[s + 1]
        piece = values[lo:hi]
        if np.isnan(piece).all(axis=0).any():
            j = int(np.flatnonzero(np.isnan(piece).all(axis=0))[0])
            raise RnncastError(f"column {columns[j]!r} of series {ids[s]!r} has no values at all; drop the column or the series")
        parts.append(_handle_missing(piece, columns, time[lo:hi] if time is not None else None, positions[lo:hi], fill, attrs))
    values = np.concatenate([p[0] for p in parts])
    time = parts[0][1].append([p[1] for p in parts[1:]]) if time is not None else None
    positions = np.concatenate([p[2] for p in parts])
    offsets = np.concatenate([[0], np.cumsum([len(p[0]) for p in parts])]).astype(np.int64)
    return values, time, positions, offsets


def _common_step(time: pd.Index, offsets: np.ndarray):
    """The most common step between consecutive rows of a series (uneven steps are logged)."""
    key = _time_key(time)
    inside = np.ones(len(key) - 1, dtype=bool) if len(key) > 1 else np.zeros(0, dtype=bool)
    inside[offsets[1:-1] - 1] = False  # the step from one series' last row to the next series' first
    diffs = np.diff(key)[inside]
    if not len(diffs):
        return None
    steps, counts = np.unique(diffs, return_counts=True)
    step = int(steps[np.argmax(counts)])
    irregular = int((diffs != step).sum())
    if isinstance(time, pd.DatetimeIndex):
        if irregular:
            log.warning("%d of %d time steps differ from the usual step %s", irregular, len(diffs), pd.Timedelta(step))
        return pd.Timedelta(step)
    if irregular:
        log.warning("%d of %d time steps differ from the usual step %d", irregular, len(diffs), step)
    return step


# ---- static covariates ------------------------------------------------------------------------

def _static_from_columns(frame: pd.DataFrame, codes: np.ndarray, names: list[str], panel: Panel,
                         positions: np.ndarray) -> Static:
    """Attributes given as columns of the long table: each must hold one value per series."""
    per_series = {}
    for name in names:
        column = frame[name]
        counts = column.groupby(codes).nunique(dropna=False)
        varying = counts.index[counts.to_numpy() > 1]
        if len(varying):
            s = int(varying[0])
            seen = column[codes == s].unique()[:2]
            raise RnncastError(
                f"static covariate {name!r} changes within series {panel.ids[s]!r} ({seen[0]!r}, then {seen[1]!r}); "
                "a static covariate holds one value per series; make it a past or future covariate instead"
            )
        first = column.groupby(codes).first()
        if first.isna().any():
            s = int(first.index[first.isna().to_numpy()][0])
            raise RnncastError(f"static covariate {name!r} is missing for series {panel.ids[s]!r}")
        per_series[name] = first.reindex(range(panel.n_series))
    return _static_table(pd.DataFrame(per_series))


def _static_from_frame(table: pd.DataFrame, panel: Panel, id_col: str) -> Static:
    """Attributes given as a separate table: one row per series, the id column and one column per attribute."""
    if id_col not in table.columns:
        if table.index.name == id_col:
            table = table.reset_index()
        else:
            raise RnncastError(f"the static covariate table needs the id column {id_col!r}; it has "
                               f"{', '.join(map(str, table.columns))}")
    if table[id_col].duplicated().any():
        raise RnncastError(f"the static covariate table lists series {table[id_col][table[id_col].duplicated()].iloc[0]!r} "
                           "twice; give one row per series")
    table = table.set_index(table[id_col].map(_plain)).drop(columns=[id_col])
    missing = [i for i in panel.ids if i not in table.index]
    if missing:
        raise RnncastError(f"the static covariate table has no row for series {missing[:5]} ({len(missing)} in all)")
    table = table.loc[panel.ids]
    if table.isna().any().any():
        name = str(table.columns[table.isna().any().to_numpy()][0])
        raise RnncastError(f"static covariate {name!r} is missing for series {list(table.index[table[name].isna()])[:5]}")
    return _static_table(table.reset_index(drop=True))


def _static_table(table: pd.DataFrame) -> Static:
    numeric = [str(c) for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]
    categorical = [str(c) for c in table.columns if str(c) not in numeric]
    table.columns = [str(c) for c in table.columns]
    return Static(numeric, table[numeric].to_numpy(dtype=np.float64).reshape(len(table), len(numeric)),
                  categorical, table[categorical].astype(str).to_numpy(dtype=object).reshape(len(table), len(categorical)))
