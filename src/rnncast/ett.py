"""The ETT long-horizon benchmark protocol (ETTh1, ETTm1), as in ``shared/benchmarks/ETT.md``.

This is the protocol shared by Informer, Autoformer, LTSF-Linear (DLinear/NLinear), PatchTST and
SegRNN. Read top to bottom:

1. :func:`load_ett` reads the CSV; the file name says whether it is hourly (ETTh*) or
   15-minute (ETTm*) data, which fixes the split :func:`borders`.
2. :func:`standardize` z-scores every column with the mean and population std of the train rows.
3. :func:`select_mode` picks the input columns and the target channels for S, M or MS.
4. :func:`window_origins` lists the windows of a split. A window is named by its *origin* ``t``,
   the row of its first target: inputs are rows ``[t - L, t)``, targets rows ``[t, t + H)``, and
   all ``H`` targets lie inside the split. So there are ``2881 - H`` test windows on ETTh and
   ``11521 - H`` on ETTm whatever ``L`` is; the first test input reaches ``L`` rows back into the
   validation rows, which is allowed (those values are known at forecast time).
5. :func:`run_setting` trains a model through a *runner* (see :data:`RUNNERS`) that sees only the
   rows before the test split, then forecasts every test window once.
6. :func:`evaluate` gives MSE and MAE over windows x horizon x channels on the standardized
   values, on all test windows and on the first ``floor(n / 32) * 32`` (the published code's
   test loader dropped the last incomplete batch of 32; tables made before 2023 include it).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import torch
from numpy.lib.stride_tricks import sliding_window_view

from rnncast import linear
from rnncast.errors import RnncastError

logger = logging.getLogger(__name__)

COLUMNS = ("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT")
TARGET = "OT"
MODES = ("S", "M", "MS")
SPLITS = ("train", "val", "test")
PUBLISHED_TEST_BATCH = 32
HORIZONS = (96, 192, 336, 720)

_NAME_PATTERN = re.compile(r"^(ETT[hm])\d+$")
_HOURLY_BORDERS = (8640, 11520, 14400)  # 12, 16 and 20 months of 30 days, in hours
_MINUTE_FACTOR = 4  # ETTm has four 15-minute rows per hour


# --------------------------------------------------------------------------------------------
# 1. Data and splits
# --------------------------------------------------------------------------------------------


class Borders(NamedTuple):
    """Split borders in 0-based data rows: train ``[0, train_end)``, validation targets
    ``[train_end, val_end)``, test targets ``[val_end, test_end)``; later rows are never used."""

    train_end: int
    val_end: int
    test_end: int


def dataset_name(path: str | Path) -> str:
    """``'ETTh1'`` for ``.../ETTh1.csv``; raises RnncastError (a ValueError)
    for a name that is not ETTh*/ETTm*."""
    stem = Path(path).stem
    if not _NAME_PATTERN.match(stem):
        raise RnncastError(
            f"cannot tell the ETT variant from the file name {Path(path).name!r}: accepted are "
            "names like ETTh1.csv, ETTh2.csv (hourly) or ETTm1.csv, ETTm2.csv (15-minute)"
        )
    return stem


def borders(kind: str) -> Borders:
    """Split borders for ``kind``: 'ETTh' / 'ETTm' or a dataset name such as 'ETTh1'."""
    match = _NAME_PATTERN.match(kind)
    prefix = match.group(1) if match else kind
    if prefix == "ETTh":
        return Borders(*_HOURLY_BORDERS)
    if prefix == "ETTm":
        return Borders(*(b * _MINUTE_FACTOR for b in _HOURLY_BORDERS))
    raise RnncastError(
        f"unknown ETT kind {kind!r}: accepted are 'ETTh', 'ETTm' or names like 'ETTh1', 'ETTm1'"
    )


def load_ett(path: str | Path) -> tuple[np.ndarray, list[str], str]:
    """Read an ETT CSV: ``(values [T, 7] float64, column names, dataset name)``.

    The date column is dropped; the 7 value columns keep the file's order (OT last).
    """
    name = dataset_name(path)
    frame = pd.read_csv(path)
    columns = [str(c) for c in frame.columns[1:]]
    if frame.columns[0] != "date" or tuple(columns) != COLUMNS:
        raise RnncastError(
            f"{path}: columns {list(frame.columns)} are not the ETT columns "
            f"{['date', *COLUMNS]}"
        )
    values = np.ascontiguousarray(frame[columns].to_numpy(dtype=np.float64))  # [T, 7], rows
    needed = borders(name).test_end
    if len(values) < needed:
        raise RnncastError(f"{path}: {len(values)} data rows, the {name} splits need {needed}")
    return values, columns, name


# --------------------------------------------------------------------------------------------
# 2. Scaling: z-score with statistics of the train rows only
# --------------------------------------------------------------------------------------------


def fit_scaler(values: np.ndarray, train_end: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-column mean and population std (ddof=0) of rows ``[0, train_end)``."""
    train = values[:train_end]
    std = train.std(axis=0, ddof=0)
    if np.any(std == 0):
        constant = np.flatnonzero(std == 0).tolist()
        raise RnncastError(f"columns {constant} are constant on the train rows: cannot z-score")
    return train.mean(axis=0), std


def standardize(values: np.ndarray, train_end: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(scaled values, mean, std)``: every row scaled with the train rows' statistics."""
    mean, std = fit_scaler(values, train_end)
    return (values - mean) / std, mean, std


# --------------------------------------------------------------------------------------------
# 3. Modes
# --------------------------------------------------------------------------------------------


def select_mode(
    values: np.ndarray, columns: list[str], mode: str, target: str = TARGET
) -> tuple[np.ndarray, tuple[int, ...]]:
    """Model inputs and the indices (into the inputs' columns) of the channels to forecast.

    S: the target column in, the same out. M: all columns in, all out. MS: all in, target out.
    """
    if target not in columns:
        raise RnncastError(f"target {target!r} is not among the columns {columns}")
    target_col = columns.index(target)
    if mode == "S":
        return values[:, [target_col]], (0,)
    if mode == "M":
        return values, tuple(range(len(columns)))
    if mode == "MS":
        return values, (target_col,)
    raise RnncastError(f"unknown mode {mode!r}: accepted are {MODES}")


@dataclass(frozen=True)
class EttData:
    """One ETT file prepared for one mode: scaled inputs, target channels, borders."""

    name: str
    mode: str
    columns: list[str]
    borders: Borders
    values: np.ndarray  # [T, C_in] standardized model inputs
    target_idx: tuple[int, ...]  # channels of ``values`` that are forecast and scored
    mean: np.ndarray  # [7] train-row means of the raw columns
    std: np.ndarray  # [7] train-row population stds of the raw columns


def prepare_ett(path: str | Path, mode: str) -> EttData:
    """Steps 1-3 in one call: load, standardize with train statistics, select the mode."""
    raw, columns, name = load_ett(path)
    split = borders(name)
    scaled, mean, std = standardize(raw, split.train_end)
    values, target_idx = select_mode(scaled, columns, mode)
    return EttData(name, mode, columns, split, values, target_idx, mean, std)


# --------------------------------------------------------------------------------------------
# 4. Windows
# --------------------------------------------------------------------------------------------


def window_origins(split: str, split_borders: Borders, input_len: int, horizon: int) -> range:
    """Origins (first target rows) of the stride-1 windows of ``split``.

    Every target row of a window lies in the split's target rows: train ``[input_len,
    train_end)`` (train inputs may not reach before row 0), validation ``[train_end, val_end)``,
    test ``[val_end, test_end)``. This matches the published loaders, whose val/test slices start
    ``input_len`` rows before the border.
    """
    _check_window_lengths(input_len, horizon, split_borders)
    train_end, val_end, test_end = split_borders
    if split == "train":
        first_target, end = input_len, train_end
    elif split == "val":
        first_target, end = train_end, val_end
    elif split == "test":
        first_target, end = val_end, test_end
    else:
        raise RnncastError(f"unknown split {split!r}: accepted are {SPLITS}")
    return range(first_target, end - horizon + 1)  # the last window's targets end at ``end``


def _check_window_lengths(input_len: int, horizon: int, split_borders: Borders) -> None:
    if input_len < 1 or horizon < 1:
        raise RnncastError(f"input_len and horizon must be >= 1, got {input_len} and {horizon}")
    shortest = min(split_borders.val_end - split_borders.train_end,
                   split_borders.test_end - split_borders.val_end)
    if horizon > shortest:
        raise RnncastError(f"horizon {horizon} is longer than the shortest split ({shortest} rows)")
    if input_len + horizon > split_borders.train_end:
        raise RnncastError(
            f"input_len + horizon = {input_len + horizon} leaves no training window before "
            f"row {split_borders.train_end}"
        )


def drop_last(n: int, batch: int = PUBLISHED_TEST_BATCH) -> int:
    """Number of windows a loader with ``drop_last=True`` keeps: ``floor(n / batch) * batch``."""
    if n < 0 or batch < 1:
        raise RnncastError(f"need n >= 0 and batch >= 1, got n={n}, batch={batch}")
    return n // batch * batch


def input_windows(values: np.ndarray, origins: range, input_len: int) -> np.ndarray:
    """Input windows ``[n, input_len, C]`` for contiguous ``origins`` (a view, no copy)."""
    _check_contiguous(origins)
    if origins.start < input_len:
        raise RnncastError(f"origin {origins.start} has fewer than {input_len} rows before it")
    view = sliding_window_view(values, input_len, axis=0)  # [T - L + 1, C, L]
    return view[origins.start - input_len : origins.stop - input_len].transpose(0, 2, 1)


def target_windows(
    values: np.ndarray, origins: range, horizon: int, target_idx: tuple[int, ...]
) -> np.ndarray:
    """Target windows ``[n, horizon, K]`` of the channels ``target_idx`` (a view of a copy of
    the K target columns)."""
    _check_contiguous(origins)
    if origins.stop - 1 + horizon > len(values):
        raise RnncastError(f"windows up to origin {origins.stop - 1} run past row {len(values)}")
    targets = values[:, list(target_idx)]  # [T, K]
    view = sliding_window_view(targets, horizon, axis=0)  # [T - H + 1, K, H]
    return view[origins.start : origins.stop].transpose(0, 2, 1)


def _check_contiguous(origins: range) -> None:
    if not isinstance(origins, range) or origins.step != 1 or len(origins) == 0:
        raise RnncastError(f"origins must be a non-empty range with step 1, got {origins!r}")


# --------------------------------------------------------------------------------------------
# 5. Models: runners
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainConfig:
    """Training settings passed to every runner. The defaults are LTSF-Linear's ETTh1 recipe
    (Adam, lr 0.005, batch 32, <= 10 epochs, lr halved each epoch, patience 3, seed 2021).

    ``options`` carries model-specific settings (e.g. a hidden size) that a runner reads.
    """

    seed: int = 2021
    epochs: int = 10
    batch_size: int = 32
    learning_rate: float = 0.005
    patience: int = 3
    halve_lr_each_epoch: bool = True
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Task:
    """What a runner may see: the standardized rows *before* the test split and the setting.

    ``values`` stops at ``borders.val_end``: the test rows are not there, so a runner cannot
    select models or stop early on them. Use :meth:`windows` for the train and validation sets.
    """

    values: np.ndarray  # [val_end, C_in]
    target_idx: tuple[int, ...]
    borders: Borders
    input_len: int
    horizon: int

    @property
    def n_inputs(self) -> int:
        return self.values.shape[1]

    def windows(self, split: str) -> tuple[np.ndarray, np.ndarray]:
        """``(inputs [n, L, C_in], targets [n, H, K])`` of 'train' or 'val' (views)."""
        if split not in ("train", "val"):
            raise RnncastError(f"a runner gets the 'train' and 'val' windows only, not {split!r}")
        origins = window_origins(split, self.borders, self.input_len, self.horizon)
        return (
            input_windows(self.values, origins, self.input_len),
            target_windows(self.values, origins, self.horizon, self.target_idx),
        )


Predictor = Callable[[np.ndarray], np.ndarray]
"""A fitted model: input windows ``[n, L, C_in]`` -> forecasts ``[n, H, K]`` of the target
channels, in standardized units."""

Runner = Callable[[Task, TrainConfig], Predictor]
"""Fits one model on a :class:`Task` (train windows to fit, validation windows for early
stopping / model selection) and returns its :data:`Predictor`."""


def fit_repeat(task: Task, config: TrainConfig) -> Predictor:
    """Repeat: the last input value of each target channel, for every step of the horizon.

    Its forecasts are a read-only broadcast view (no memory for the H copies).
    """
    channels, horizon = list(task.target_idx), task.horizon

    def predict(inputs: np.ndarray) -> np.ndarray:
        last = inputs[:, -1:, channels]  # [n, 1, K]
        return np.broadcast_to(last, (len(last), horizon, len(channels)))  # [n, H, K]

    return predict


def fit_nlinear(task: Task, config: TrainConfig) -> Predictor:
    """NLinear, trained with LTSF-Linear's recipe (see :mod:`rnncast.linear`)."""
    torch.manual_seed(config.seed)
    return _fit_torch(linear.NLinear(task.input_len, task.horizon), task, config)


def fit_dlinear(task: Task, config: TrainConfig) -> Predictor:
    """DLinear, trained with LTSF-Linear's recipe. ``config.options``: ``kernel_size`` (25),
    ``uniform_init`` (True: weights start at 1/L as in LTSF-Linear)."""
    torch.manual_seed(config.seed)
    model = linear.DLinear(
        task.input_len,
        task.horizon,
        kernel_size=config.options.get("kernel_size", linear.MOVING_AVERAGE_KERNEL),
        uniform_init=config.options.get("uniform_init", True),
    )
    return _fit_torch(model, task, config)


def _fit_torch(model: torch.nn.Module, task: Task, config: TrainConfig) -> Predictor:
    report = linear.fit(
        model,
        task.windows("train"),
        task.windows("val"),
        task.target_idx,
        epochs=config.epochs,
        batch_size=config.batch_size,
        learning_rate=config.learning_rate,
        patience=config.patience,
        seed=config.seed,
        halve_lr_each_epoch=config.halve_lr_each_epoch,
    )
    logger.info(
        "%s: best epoch %d of %d, val MSE %.5f",
        type(model).__name__,
        report.best_epoch + 1,
        len(report.val_losses),
        report.best_val_loss,
    )
    channels = list(task.target_idx)
    return lambda inputs: linear.predict(model, inputs)[:, :, channels]


RUNNERS: dict[str, Runner] = {
    "repeat": fit_repeat,
    "nlinear": fit_nlinear,
    "dlinear": fit_dlinear,
}
"""Model name -> runner. To add a model, write ``fit_x(task, config) -> predictor`` and set
``RUNNERS["x"] = fit_x``; :func:`run_setting` then runs it under the protocol."""


def run_setting(
    values_scaled: np.ndarray,
    target_idx: tuple[int, ...],
    split_borders: Borders,
    input_len: int,
    horizon: int,
    model_name: str,
    config: TrainConfig | None = None,
) -> np.ndarray:
    """Fit ``model_name`` on the train/validation windows, forecast all test windows once.

    Returns predictions ``[2881 - H (ETTh) or 11521 - H (ETTm), H, K]`` in standardized units,
    in the order of :func:`window_origins` ``('test', ...)``; score them with :func:`evaluate`.
    """
    if model_name not in RUNNERS:
        raise RnncastError(f"unknown model {model_name!r}: accepted are {sorted(RUNNERS)}")
    if len(values_scaled) < split_borders.test_end:
        raise RnncastError(
            f"{len(values_scaled)} rows given, the splits need {split_borders.test_end}"
        )
    config = config or TrainConfig()
    test = window_origins("test", split_borders, input_len, horizon)
    task = Task(values_scaled[: split_borders.val_end], tuple(target_idx), split_borders,
                input_len, horizon)
    started = time.perf_counter()
    predictor = RUNNERS[model_name](task, config)
    predictions = predictor(input_windows(values_scaled, test, input_len))
    expected = (len(test), horizon, len(target_idx))
    if predictions.shape != expected:
        raise RnncastError(
            f"runner {model_name!r} returned predictions of shape {predictions.shape}, "
            f"expected {expected}"
        )
    logger.info("%s L=%d H=%d: %.1f s", model_name, input_len, horizon,
                time.perf_counter() - started)
    return predictions


# --------------------------------------------------------------------------------------------
# 6. Metrics
# --------------------------------------------------------------------------------------------


class Scores(NamedTuple):
    mse: float
    mae: float
    n_windows: int


class TestScores(NamedTuple):
    all_windows: Scores
    drop_last: Scores  # first floor(n / 32) * 32 windows, as the published code scored


def mse_mae(predictions: np.ndarray, targets: np.ndarray, chunk: int = 1024) -> tuple[float, float]:
    """MSE and MAE over all elements (windows x horizon x channels), accumulated in float64."""
    if predictions.shape != targets.shape:
        raise RnncastError(f"predictions {predictions.shape} and targets {targets.shape} differ")
    squared, absolute = 0.0, 0.0
    for start in range(0, len(predictions), chunk):
        error = (np.asarray(predictions[start : start + chunk], dtype=np.float64)
                 - targets[start : start + chunk])
        squared += float(np.sum(error**2))
        absolute += float(np.sum(np.abs(error)))
    return squared / predictions.size, absolute / predictions.size


def evaluate(
    predictions: np.ndarray,
    values_scaled: np.ndarray,
    target_idx: tuple[int, ...],
    split_borders: Borders,
    horizon: int,
) -> TestScores:
    """Scores of test predictions (from :func:`run_setting`) on all and on drop-last windows."""
    # Test origins do not depend on the input length; 1 is the smallest valid one.
    test = window_origins("test", split_borders, 1, horizon)
    targets = target_windows(values_scaled, test, horizon, target_idx)
    kept = drop_last(len(test))
    return TestScores(
        Scores(*mse_mae(predictions, targets), len(test)),
        Scores(*mse_mae(predictions[:kept], targets[:kept]), kept),
    )
