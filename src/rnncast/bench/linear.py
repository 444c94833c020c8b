"""NLinear and DLinear, the reference models of the ETT tables, with the training recipe of their
published rows.

Source: Zeng et al., "Are Transformers Effective for Time Series Forecasting?", AAAI 2023
(the DLinear paper); code: https://github.com/cure-lab/LTSF-Linear.

Both models map an input window ``x`` of shape ``[batch, lookback, channels]`` to a forecast of
shape ``[batch, horizon, channels]`` with linear layers over the time axis. As in LTSF-Linear's
default (``individual=False``) one set of weights is shared by all channels: every channel is
forecast from its own past only, with the same weights.

The recipe (:func:`rnncast.bench.linearfit.fit`) is LTSF-Linear's, not the library's training
loop, because the published rows were made with it and the harness must land on them;
:func:`fit_nlinear` and :func:`fit_dlinear` are the runners (:mod:`rnncast.bench.runners`). DLinear's
weights start at 1/lookback as the code of its published rows did.
"""

from __future__ import annotations

import logging
import time

import torch
import torch.nn.functional as F
from torch import nn

from rnncast.bench.linearfit import fit, predict
from rnncast.bench.task import Predictor, Task, TrainConfig
from rnncast.errors import RnncastError

logger = logging.getLogger(__name__)

MOVING_AVERAGE_KERNEL = 25  # LTSF-Linear's DLinear kernel


class NLinear(nn.Module):
    """Subtract the last input value, one Linear(L -> H) over time, add the last value back."""

    def __init__(self, lookback: int, horizon: int) -> None:
        super().__init__()
        _check_lengths(lookback, horizon)
        self.linear = nn.Linear(lookback, horizon)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        last = x[:, -1:, :]  # [B, 1, C]
        centred = (x - last).transpose(1, 2)  # [B, C, L]
        out = self.linear(centred).transpose(1, 2)  # [B, H, C]
        return out + last  # [B, H, C]


class DLinear(nn.Module):
    """Split the input into trend (moving average) and remainder; one Linear(L -> H) each, summed.

    The trend is a centred moving average of ``kernel_size`` steps over the input, the window
    padded at both ends by repeating its first and last values (so the trend has length L).
    ``uniform_init`` starts both weight matrices at 1/L, as the code of the published DLinear rows
    did (cure-lab/LTSF-Linear at 04ffd8d, June 2022; later versions keep PyTorch's default); the
    biases keep PyTorch's default initialisation. The layers are built in that code's order (the
    remainder's, then the trend's, then a third it never used), so that one seed gives them the
    same starting biases.
    """

    def __init__(
        self,
        lookback: int,
        horizon: int,
        kernel_size: int = MOVING_AVERAGE_KERNEL,
        uniform_init: bool = True,
    ) -> None:
        super().__init__()
        _check_lengths(lookback, horizon)
        if kernel_size < 1 or kernel_size % 2 == 0:
            raise RnncastError(f"kernel_size must be a positive odd integer, got {kernel_size}")
        self.kernel_size = kernel_size
        self.remainder_linear = nn.Linear(lookback, horizon)
        self.trend_linear = nn.Linear(lookback, horizon)
        if uniform_init:
            nn.Linear(lookback, horizon)  # the June-2022 code's unused decoder: built only to draw what it drew
            with torch.no_grad():
                self.trend_linear.weight.fill_(1.0 / lookback)
                self.remainder_linear.weight.fill_(1.0 / lookback)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        trend = moving_average(x, self.kernel_size)  # [B, L, C]
        remainder = x - trend  # [B, L, C]
        out_trend = self.trend_linear(trend.transpose(1, 2))  # [B, C, H]
        out_remainder = self.remainder_linear(remainder.transpose(1, 2))  # [B, C, H]
        return (out_trend + out_remainder).transpose(1, 2)  # [B, H, C]


def moving_average(x: torch.Tensor, kernel_size: int) -> torch.Tensor:
    """Centred moving average over time with edge-replication padding; keeps the length."""
    pad = (kernel_size - 1) // 2
    front = x[:, :1, :].expand(-1, pad, -1)  # [B, pad, C]
    back = x[:, -1:, :].expand(-1, pad, -1)  # [B, pad, C]
    padded = torch.cat([front, x, back], dim=1).transpose(1, 2)  # [B, C, L + 2 pad]
    averaged = F.avg_pool1d(padded, kernel_size=kernel_size, stride=1)  # [B, C, L]
    return averaged.transpose(1, 2)  # [B, L, C]


def _check_lengths(lookback: int, horizon: int) -> None:
    if lookback < 1 or horizon < 1:
        raise RnncastError(
            f"lookback and horizon must be positive integers, got {lookback} and {horizon}"
        )


# --------------------------------------------------------------------------------------------
# Runners
# --------------------------------------------------------------------------------------------


def fit_nlinear(task: Task, config: TrainConfig) -> Predictor:
    """NLinear, trained with LTSF-Linear's recipe."""
    torch.manual_seed(config.seed)
    return _fit_runner(NLinear(task.lookback, task.horizon), task, config)


def fit_dlinear(task: Task, config: TrainConfig) -> Predictor:
    """DLinear, trained with LTSF-Linear's recipe. ``config.options``: ``kernel_size`` (25),
    ``uniform_init`` (True: weights start at 1/lookback as in the code of the published rows)."""
    torch.manual_seed(config.seed)
    model = DLinear(
        task.lookback,
        task.horizon,
        kernel_size=config.options.get("kernel_size", MOVING_AVERAGE_KERNEL),
        uniform_init=config.options.get("uniform_init", True),
    )
    return _fit_runner(model, task, config)


def _fit_runner(model: nn.Module, task: Task, config: TrainConfig) -> Predictor:
    started = time.perf_counter()
    report = fit(
        model,
        task.windows("train"),
        task.windows("val"),
        task.target_idx,
        epochs=config.epochs,
        batch_size=config.batch_size,
        learning_rate=config.learning_rate,
        patience=config.patience,
        halve_lr_each_epoch=config.halve_lr_each_epoch,
    )
    logger.info(
        "%s: best epoch %d of %d, val MSE %.5f",
        type(model).__name__,
        report.best_epoch + 1,
        len(report.val_losses),
        report.best_val_loss,
    )
    on_fit = config.options.get("on_fit")
    if on_fit is not None:  # what the harness writes beside the scores (results.csv)
        on_fit({"epochs_run": len(report.val_losses), "best_epoch": report.best_epoch + 1,
                "best_val_mse": report.best_val_loss, "train_seconds": time.perf_counter() - started,
                "batches": {"batch_size": report.batch_size, "val_batch_size": report.val_batch_size}})
    channels = list(task.target_idx)
    return lambda inputs: predict(model, inputs)[:, :, channels]
