"""The registry of the ETT benchmark's models, and one setting run under the protocol.

:data:`RUNNERS` names every model ``rnncast bench ett`` can run, in one place: Repeat, NLinear and
DLinear with LTSF-Linear's recipe (:mod:`rnncast.bench.linear`), and the library's recurrent
models (:mod:`rnncast.bench.recurrent`). :func:`run_setting` trains one of them on the rows before
the test part and forecasts every test window once.
"""

from __future__ import annotations

import logging
import time

import numpy as np

from rnncast.bench import linear, recurrent
from rnncast.bench.protocol import input_windows, target_rows
from rnncast.bench.task import Predictor, Runner, Task, TrainConfig
from rnncast.errors import RnncastError
from rnncast.windows import Split

logger = logging.getLogger(__name__)


def fit_repeat(task: Task, config: TrainConfig) -> Predictor:
    """Repeat: the last input value of each target channel, for every step of the horizon.

    Its forecasts are a read-only broadcast view (no memory for the H copies).
    """
    channels, horizon = list(task.target_idx), task.horizon

    def predict(inputs: np.ndarray) -> np.ndarray:
        last = inputs[:, -1:, channels]  # [n, 1, K]
        return np.broadcast_to(last, (len(last), horizon, len(channels)))  # [n, H, K]

    return predict


RUNNERS: dict[str, Runner] = {
    "repeat": fit_repeat,
    "nlinear": linear.fit_nlinear,
    "dlinear": linear.fit_dlinear,
    **{model: recurrent.make_runner(model) for model in recurrent.MODELS},  # rnn, lstm, gru, presets
}
"""Model name -> runner. To add a model, write ``fit_x(task, config) -> predictor`` and name it
here; :func:`run_setting` then runs it under the protocol."""

DEFAULT_MODELS = tuple(RUNNERS)
"""Every model, in the order of the result tables' columns."""


def run_setting(
    values_scaled: np.ndarray,
    target_idx: tuple[int, ...],
    split: Split,
    lookback: int,
    horizon: int,
    model_name: str,
    config: TrainConfig | None = None,
) -> np.ndarray:
    """Fit ``model_name`` on the train/validation windows, forecast all test windows once.

    Returns predictions ``[2881 - H (ETTh) or 11521 - H (ETTm), H, K]`` in standardized units,
    in the order of :func:`rnncast.bench.protocol.target_rows` ``(split, 'test', ...)``; score
    them with :func:`rnncast.bench.scoring.evaluate`.
    """
    if model_name not in RUNNERS:
        raise RnncastError(f"unknown model {model_name!r}: accepted are {sorted(RUNNERS)}")
    if len(values_scaled) < split.end:
        raise RnncastError(f"{len(values_scaled)} rows given, the split needs {split.end}")
    config = config or TrainConfig()
    test = target_rows(split, "test", lookback, horizon)
    task = Task(values_scaled[: split.val_end], tuple(target_idx), split, lookback, horizon)
    started = time.perf_counter()
    predictor = RUNNERS[model_name](task, config)
    predictions = predictor(input_windows(values_scaled, test, lookback))
    expected = (len(test), horizon, len(target_idx))
    if predictions.shape != expected:
        raise RnncastError(
            f"runner {model_name!r} returned predictions of shape {predictions.shape}, "
            f"expected {expected}"
        )
    if model_name != "repeat":  # the baseline runs once per horizon for every model's comparison too
        logger.info("%s L=%d H=%d: %.1f s", model_name, lookback, horizon, time.perf_counter() - started)
    return predictions
