"""Scores of the ETT protocol: MSE and MAE (``rnncast.metrics``) over windows x horizon x channels
on the standardized values, on all test windows and on the first ``floor(n / 32) * 32``.

The published code's test loader dropped the last incomplete batch of 32; tables made before 2023
include that flaw, so both variants are reported (``shared/benchmarks/ETT.md``, point 8).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from rnncast import metrics
from rnncast.bench.protocol import target_rows, target_windows
from rnncast.errors import RnncastError
from rnncast.windows import Split

PUBLISHED_TEST_BATCH = 32
DECIMALS, FIGURES = 4, 3  # a score is written with 4 decimals, more where those leave fewer than 3 significant figures


def score_text(value: float) -> str:
    """A measured score as the terminal and results.md write it: 4 decimals (1.9483), more where those leave fewer
    than 3 significant figures (0.00721: at 3 decimals 0.0072 and 0.0078 were 0.007 and 0.008)."""
    value = float(value)
    if not value or not math.isfinite(value):
        return f"{value:.{DECIMALS}f}"
    return f"{value:.{max(DECIMALS, FIGURES - 1 - math.floor(math.log10(abs(value))))}f}"


class Scores(NamedTuple):
    mse: float
    mae: float
    n_windows: int


class TestScores(NamedTuple):
    all_windows: Scores
    drop_last: Scores | None  # first floor(n / 32) * 32 windows, as the published code scored; None: n < 32


REPEAT_TIE_TOLERANCE = 1e-6
"""Relative MSE difference within which a model ties Repeat: a network that kept its untrained
weights forecasts the last value in float32, Repeat in float64, and the two MSEs differ by rounding."""


def against_repeat(mse: float, repeat_mse: float) -> str:
    """``'yes'`` (lower MSE than Repeat on the same windows), ``'tie'`` (equal within
    :data:`REPEAT_TIE_TOLERANCE`, relative) or ``'no'``."""
    if abs(mse - repeat_mse) <= REPEAT_TIE_TOLERANCE * max(abs(repeat_mse), 1e-12):
        return "tie"
    return "yes" if mse < repeat_mse else "no"


def drop_last(n: int, batch: int = PUBLISHED_TEST_BATCH) -> int:
    """Number of windows a loader with ``drop_last=True`` keeps: ``floor(n / batch) * batch``."""
    if n < 0 or batch < 1:
        raise RnncastError(f"need n >= 0 and batch >= 1, got n={n}, batch={batch}")
    return n // batch * batch


def mse_mae(predictions: np.ndarray, targets: np.ndarray, chunk: int = 1024) -> tuple[float, float]:
    """MSE and MAE over all elements (windows x horizon x channels), in float64.

    ``targets`` are usually a view of overlapping windows; scoring ``chunk`` windows at a time keeps
    the float64 copies small (ETTm1, M, H=720 would need about 1.3 GB at once).
    """
    if predictions.shape != targets.shape:
        raise RnncastError(f"predictions {predictions.shape} and targets {targets.shape} differ")
    if predictions.size == 0:
        raise RnncastError("no windows to score")
    squared, absolute = 0.0, 0.0
    for start in range(0, len(predictions), chunk):
        pred, true = predictions[start : start + chunk], targets[start : start + chunk]
        squared += metrics.mse(true, pred) * pred.size
        absolute += metrics.mae(true, pred) * pred.size
    return squared / predictions.size, absolute / predictions.size


def squared_shares(predictions: np.ndarray, targets: np.ndarray, chunk: int = 1024) -> np.ndarray:
    """Each channel's share [K] of the squared errors over windows x horizon x channels, summing to 1 (0 each
    where the forecasts are exact): how much of the MSE (the mean over all of them) each channel makes."""
    if predictions.shape != targets.shape:
        raise RnncastError(f"predictions {predictions.shape} and targets {targets.shape} differ")
    squared = np.zeros(predictions.shape[-1])
    for start in range(0, len(predictions), chunk):
        error = np.asarray(predictions[start : start + chunk], np.float64) - targets[start : start + chunk]
        squared += (error ** 2).sum(axis=(0, 1))
    total = squared.sum()
    return squared / total if total > 0 else squared


def evaluate(
    predictions: np.ndarray,
    values_scaled: np.ndarray,
    target_idx: tuple[int, ...],
    split: Split,
    horizon: int,
) -> TestScores:
    """Scores of test predictions (from ``runners.run_setting``) on all and on drop-last windows."""
    # The test windows' target rows do not depend on the lookback; 1 is the smallest valid one.
    test = target_rows(split, "test", 1, horizon)
    targets = target_windows(values_scaled, test, horizon, target_idx)
    kept = drop_last(len(test))
    return TestScores(
        Scores(*mse_mae(predictions, targets), len(test)),
        Scores(*mse_mae(predictions[:kept], targets[:kept]), kept) if kept else None,
    )
