"""The long-horizon (LTSF) protocol's scaling, modes and windows, shared by the ETT and the custom
protocol (``shared/benchmarks/ETT.md``, ``shared/data/LTSF/README.md``) and by Informer,
Autoformer, LTSF-Linear (DLinear/NLinear), PatchTST and SegRNN, in the library's terms. The files
and their borders are :mod:`rnncast.bench.tables`. Read top to bottom:

1. :func:`standardize` z-scores every column with a standard :class:`~rnncast.scaling.Scaler`
   fitted on the train rows (mean and population std).
2. :func:`select_mode` picks the input columns and the target channels for S, M or MS.
3. :func:`target_rows` lists the windows of a part (train, val, test) by their *first target row*
   ``t``: inputs are rows ``[t - lookback, t)``, targets rows ``[t, t + horizon)``, and every
   target lies inside the part (``rnncast.windows.window_starts``). So there are ``2881 - H`` test
   windows on ETTh (``test rows + 1 - H`` in general) whatever the lookback is; the first test
   input reaches ``lookback`` rows back into the validation rows, which is allowed (those values
   are known at forecast time).

A runner then sees only the rows before the test part (:mod:`rnncast.bench.task`), and its test
forecasts are scored by :mod:`rnncast.bench.scoring`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rnncast.errors import RnncastError
from rnncast import scaling
from rnncast.scaling import Scaler
from rnncast.lookalikes import unicode_form
from rnncast.windows import PARTS, Split, sliding_windows, window_starts


UNREAD_KEYS = ("val_frac", "test_frac", "cutoff", "missing_values")
"""Forecaster settings a bench fit never reads: the runner hands it the protocol's split (``fit(split=)``), which
results.csv's ``settings["split"]`` records with each part's rows and times, and rows bench read (``--set
missing_values`` is the file's reading: ``settings["data_notes"]`` says what it read as missing)."""


def unread_keys(settings: dict) -> tuple[str, ...]:
    """The keys of a bench fit's ``settings`` (``Forecaster.get_params``, or a results.csv row's ``settings``) it
    did not read: :data:`UNREAD_KEYS`, and ``chunk`` but for the sequence scheme (nothing else reads it). The
    recurrent runner leaves them out of what it records (``recurrent.ran_with``); ``seedruns`` reads rows that
    recorded them before as the same setting."""
    return UNREAD_KEYS + (() if settings.get("scheme") == "sequence" else ("chunk",))

TARGET = "OT"  # the LTSF files' name for the column forecast in S and MS modes
MODES = ("S", "M", "MS")


# --------------------------------------------------------------------------------------------
# 1. Scaling: z-score with statistics of the train rows only
# --------------------------------------------------------------------------------------------


def fit_scaler(values: np.ndarray, train_end: int, columns: Sequence[str] | None = None) -> Scaler:
    """A standard scaler (per-column mean and population std, ddof=0) of rows ``[0, train_end)``.

    A column constant on those rows keeps scale 1 and is only centred, as the published code's
    scikit-learn ``StandardScaler`` does."""
    names = list(columns) if columns is not None else [str(c) for c in range(values.shape[1])]
    return Scaler.fit("standard", values[:train_end], names, constant="center")


def constant_columns(values: np.ndarray, train_end: int, columns: Sequence[str]) -> list[str]:
    """The columns constant on rows ``[0, train_end)``, which :func:`fit_scaler` only centres (the library's
    rule, :func:`rnncast.scaling.constant_columns`)."""
    return [str(c) for c, flat in zip(columns, scaling.constant_columns(values[:train_end])) if flat]


def standardize(values: np.ndarray, train_end: int,
                columns: Sequence[str] | None = None) -> tuple[np.ndarray, Scaler]:
    """``(scaled values, scaler)``: every row scaled with the train rows' statistics.

    The scaled values stay float64 (``Scaler.transform`` hands the networks float32): the protocol
    scores on them, and the harness's tables were made in float64.
    """
    scaler = fit_scaler(values, train_end, columns)
    scaled = (values - scaler.offset) / scaler.scale
    beyond = np.flatnonzero(np.abs(scaled).max(axis=0, initial=0.0) > FLOAT32_REACH)
    if len(beyond):
        names = list(columns) if columns is not None else [str(c) for c in range(values.shape[1])]
        c = int(beyond[0])
        raise RnncastError(
            f"column {names[c]!r} reaches {np.abs(scaled[:, c]).max():.3g} once scaled by its training rows "
            f"(mean {scaler.offset[c]:.4g}, standard deviation {scaler.scale[c]:.4g}): the networks compute in "
            "float32, whose squares end near 1e38, so its errors would be inf or NaN; leave the column out or "
            "rescale it so that its training rows show its range")
    return scaled, scaler


FLOAT32_REACH = 1e18  # a scaled value beyond it squares past float32's range (3.4e38)


# --------------------------------------------------------------------------------------------
# 2. Modes
# --------------------------------------------------------------------------------------------


def select_mode(
    values: np.ndarray, columns: list[str], mode: str, target: str = TARGET
) -> tuple[np.ndarray, tuple[int, ...]]:
    """Model inputs and the indices (into the inputs' columns) of the channels to forecast.

    S: the target column in, the same out. M: all columns in, all out. MS: all in, target out.
    """
    if target not in columns:
        raise RnncastError(f"target {target!r} is not among the columns {columns}{unicode_form(target, columns)}")
    target_col = columns.index(target)
    if mode == "S":
        return values[:, [target_col]], (0,)
    if mode == "M":
        return values, tuple(range(len(columns)))
    if mode == "MS":
        return values, (target_col,)
    raise RnncastError(f"unknown mode {mode!r}: accepted are {MODES}")


# --------------------------------------------------------------------------------------------
# 3. Windows
# --------------------------------------------------------------------------------------------


def target_rows(split: Split, part: str, lookback: int, horizon: int) -> range:
    """First target rows of the stride-1 windows of ``part`` ('train', 'val' or 'test').

    Every target row of a window lies in the part's rows: train ``[lookback, train_end)`` (train
    inputs may not reach before row 0), validation ``[train_end, val_end)``, test
    ``[val_end, end)``. This matches the published loaders, whose val/test slices start
    ``lookback`` rows before the border.
    """
    _check_window_lengths(lookback, horizon, split)
    if part not in PARTS:
        raise RnncastError(f"unknown part {part!r}: accepted are {PARTS}")
    starts = window_starts(split, part, lookback, horizon)  # first input rows, ascending by 1
    return range(int(starts[0]) + lookback, int(starts[-1]) + lookback + 1)


def _check_window_lengths(lookback: int, horizon: int, split: Split) -> None:
    """Refuse a lookback and horizon that leave a part of ``split`` without a window."""
    if lookback < 1 or horizon < 1:
        raise RnncastError(f"lookback and horizon must be >= 1, got {lookback} and {horizon}")
    shortest = min(split.val_end - split.train_end, split.end - split.val_end)
    if horizon > shortest:
        raise RnncastError(f"horizon {horizon} is longer than the shortest part ({shortest} rows); pass horizons "
                           f"up to {shortest} with --horizons")
    if lookback + horizon > split.train_end:
        raise RnncastError(
            f"lookback + horizon = {lookback + horizon} leaves no training window before "
            f"row {split.train_end}"
        )


def input_windows(values: np.ndarray, rows: range, lookback: int) -> np.ndarray:
    """Input windows ``[n, lookback, C]`` of the windows whose first targets are ``rows``
    (contiguous; a view, no copy)."""
    _check_contiguous(rows)
    if rows.start < lookback:
        raise RnncastError(f"target row {rows.start} has fewer than {lookback} rows before it")
    return sliding_windows(values, lookback)[rows.start - lookback : rows.stop - lookback]


def target_windows(
    values: np.ndarray, rows: range, horizon: int, target_idx: tuple[int, ...]
) -> np.ndarray:
    """Target windows ``[n, horizon, K]`` of the channels ``target_idx`` (a view of a copy of
    the K target columns)."""
    _check_contiguous(rows)
    if rows.stop - 1 + horizon > len(values):
        raise RnncastError(f"windows up to target row {rows.stop - 1} run past row {len(values)}")
    return sliding_windows(values[:, list(target_idx)], horizon)[rows.start : rows.stop]


def _check_contiguous(rows: range) -> None:
    if not isinstance(rows, range) or rows.step != 1 or len(rows) == 0:
        raise RnncastError(f"target rows must be a non-empty range with step 1, got {rows!r}")
