"""Baseline forecasts that every model is shown beside, from the same windows the model sees.

Each takes the input windows ``x`` [W, L, C] (targets first) and returns [W, H, T].
"""

from __future__ import annotations

import numpy as np


def repeat_last(x: np.ndarray, horizon: int, n_targets: int) -> np.ndarray:
    """The last input value of each target, repeated over the horizon."""
    return np.repeat(x[:, -1:, :n_targets], horizon, axis=1)


def train_mean(x: np.ndarray, horizon: int, mean: np.ndarray) -> np.ndarray:
    """The mean of each target over the training rows, for every window and step."""
    return np.broadcast_to(np.asarray(mean, dtype=np.float32), (len(x), horizon, len(mean))).copy()


def seasonal_naive(x: np.ndarray, horizon: int, n_targets: int, period: int) -> np.ndarray:
    """The value one season (``period`` steps) before each horizon step, repeating the last season."""
    last_season = x[:, -period:, :n_targets]  # [W, P, T]
    reps = -(-horizon // period)
    return np.tile(last_season, (1, reps, 1))[:, :horizon]


