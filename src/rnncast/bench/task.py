"""What a runner of the ETT benchmark sees and returns: the :class:`Task` (the standardized rows
before the test part), the :class:`TrainConfig`, and the :data:`Predictor` it hands back.

A runner (``Runner``: ``(task, config) -> predictor``) fits one model on the train windows, may stop
early or select a model on the validation windows, and returns a function that forecasts input
windows. The registry of runners is :data:`rnncast.bench.runners.RUNNERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rnncast.bench.protocol import input_windows, target_rows, target_windows
from rnncast.errors import RnncastError
from rnncast.windows import Split


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
    """What a runner may see: the standardized rows *before* the test part and the setting.

    ``values`` stops at ``split.val_end``: the test rows are not there, so a runner cannot
    select models or stop early on them. Use :meth:`windows` for the train and validation windows.
    """

    values: np.ndarray  # [val_end, C_in]
    target_idx: tuple[int, ...]
    split: Split
    lookback: int
    horizon: int

    @property
    def n_inputs(self) -> int:
        return self.values.shape[1]

    def windows(self, part: str) -> tuple[np.ndarray, np.ndarray]:
        """``(inputs [n, lookback, C_in], targets [n, horizon, K])`` of 'train' or 'val' (views)."""
        if part not in ("train", "val"):
            raise RnncastError(f"a runner gets the 'train' and 'val' windows only, not {part!r}")
        rows = target_rows(self.split, part, self.lookback, self.horizon)
        return (
            input_windows(self.values, rows, self.lookback),
            target_windows(self.values, rows, self.horizon, self.target_idx),
        )


Predictor = Callable[[np.ndarray], np.ndarray]
"""A fitted model: input windows ``[n, lookback, C_in]`` -> forecasts ``[n, horizon, K]`` of the
target channels, in standardized units."""

Runner = Callable[[Task, TrainConfig], Predictor]
"""Fits one model on a :class:`Task` (train windows to fit, validation windows for early
stopping / model selection) and returns its :data:`Predictor`."""
