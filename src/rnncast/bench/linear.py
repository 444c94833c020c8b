"""NLinear and DLinear, the reference models of the ETT tables, with the training recipe of their
published rows.

Source: Zeng et al., "Are Transformers Effective for Time Series Forecasting?", AAAI 2023
(the DLinear paper); code: https://github.com/cure-lab/LTSF-Linear.

Both models map an input window ``x`` of shape ``[batch, lookback, channels]`` to a forecast of
shape ``[batch, horizon, channels]`` with linear layers over the time axis. As in LTSF-Linear's
default (``individual=False``) one set of weights is shared by all channels: every channel is
forecast from its own past only, with the same weights.

The recipe (:func:`fit`) is LTSF-Linear's, not the library's training loop
(``rnncast.training``), because the published rows were made with it and the harness must land
on them (``benchmarks/ett/linear_check.py``): it follows their ``exp/exp_main.py`` with the
arguments of ``scripts/EXP-LongForecasting/Linear/etth1.sh`` and ``.../univariate/etth1.sh``:
Adam, MSE loss, learning rate 0.005, batch size 32 with the last incomplete training batch dropped
(their ``drop_last=True``), shuffled batches, at most 10 epochs, the learning rate halved after
every epoch from the second on (their ``lradj='type1'``), early stopping on the validation loss
with patience 3 (one check per epoch), and the weights of the best validation epoch restored at
the end. DLinear's weights start at 1/lookback as theirs did. One difference: the validation loss
here is the MSE over every validation window (their validation loader, like the training one,
dropped the last incomplete batch, and they averaged the batches' losses). The defaults live in
:class:`rnncast.bench.task.TrainConfig`; :func:`fit_nlinear` and :func:`fit_dlinear` are the
runners (:mod:`rnncast.bench.runners`).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

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
    ``uniform_init`` starts both weight matrices at 1/L, as LTSF-Linear's DLinear did; the biases
    keep PyTorch's default initialisation.
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
        self.trend_linear = nn.Linear(lookback, horizon)
        self.remainder_linear = nn.Linear(lookback, horizon)
        if uniform_init:
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
# Training
# --------------------------------------------------------------------------------------------


@dataclass
class FitReport:
    """What happened during :func:`fit`: per-epoch losses and the epoch whose weights were kept."""

    train_losses: list[float] = field(default_factory=list)
    val_losses: list[float] = field(default_factory=list)
    learning_rates: list[float] = field(default_factory=list)
    best_epoch: int = -1  # 0-based
    stopped_early: bool = False

    @property
    def best_val_loss(self) -> float:
        return self.val_losses[self.best_epoch]


def ltsf_learning_rate(base_lr: float, epoch: int) -> float:
    """Learning rate of 0-based ``epoch`` under LTSF-Linear's ``lradj='type1'``.

    Their loop sets ``lr = base * 0.5 ** (e - 1)`` after finishing 1-based epoch ``e``, so epochs
    0 and 1 both run at ``base``, epoch 2 at ``base / 2``, epoch 3 at ``base / 4`` and so on.
    """
    return base_lr * 0.5 ** max(0, epoch - 1)


def fit(
    model: nn.Module,
    train: tuple[np.ndarray, np.ndarray],
    val: tuple[np.ndarray, np.ndarray],
    target_idx: tuple[int, ...],
    *,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    patience: int,
    seed: int,
    halve_lr_each_epoch: bool = True,
    drop_last_train_batch: bool = True,
) -> FitReport:
    """Train ``model`` with Adam on the MSE of the target channels; restore the best epoch.

    ``train`` and ``val`` are ``(inputs [n, L, C], targets [n, H, K])`` arrays (views are fine:
    batches are gathered from them). The model's output channels ``target_idx`` are compared with
    the K target channels. Validation loss is the MSE over all validation windows; training stops
    once it has not improved for ``patience`` epochs. Training batches are shuffled with a
    generator seeded by ``seed``; the last incomplete batch is dropped as LTSF-Linear did.
    """
    if epochs < 1 or batch_size < 1 or patience < 1:
        raise RnncastError(
            f"epochs, batch_size and patience must be >= 1, got {epochs}, {batch_size}, {patience}"
        )
    train_x, train_y = train
    n_train = len(train_x)
    if n_train < batch_size:
        raise RnncastError(f"{n_train} training windows is fewer than one batch of {batch_size}")
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    channels = list(target_idx)
    report = FitReport()
    best_state: dict[str, torch.Tensor] | None = None
    epochs_without_improvement = 0

    for epoch in range(epochs):
        lr = ltsf_learning_rate(learning_rate, epoch) if halve_lr_each_epoch else learning_rate
        for group in optimizer.param_groups:
            group["lr"] = lr
        order = torch.randperm(n_train, generator=generator).numpy()
        n_batches = n_train // batch_size if drop_last_train_batch else -(-n_train // batch_size)
        model.train()
        total = 0.0
        for b in range(n_batches):
            idx = order[b * batch_size : (b + 1) * batch_size]
            x = torch.from_numpy(np.asarray(train_x[idx], dtype=np.float32))  # [B, L, C]
            y = torch.from_numpy(np.asarray(train_y[idx], dtype=np.float32))  # [B, H, K]
            optimizer.zero_grad()
            loss = F.mse_loss(model(x)[:, :, channels], y)
            loss.backward()
            optimizer.step()
            total += loss.item()
        val_loss = mse_of(model, val, target_idx)
        report.train_losses.append(total / n_batches)
        report.val_losses.append(val_loss)
        report.learning_rates.append(lr)
        logger.info(
            "epoch %d lr %.2e train %.5f val %.5f", epoch + 1, lr, total / n_batches, val_loss
        )
        if best_state is None or val_loss < report.best_val_loss:
            report.best_epoch = epoch
            best_state = copy.deepcopy(model.state_dict())
            epochs_without_improvement = 0
        else:
            epochs_without_improvement += 1
            if epochs_without_improvement >= patience:
                report.stopped_early = True
                break

    assert best_state is not None  # at least one epoch ran
    model.load_state_dict(best_state)
    model.eval()
    return report


@torch.no_grad()
def predict(model: nn.Module, inputs: np.ndarray, batch_size: int = 256) -> np.ndarray:
    """Forecasts ``[n, H, C]`` (float32) of ``model`` for the input windows ``[n, L, C]``."""
    model.eval()
    outputs = []
    for start in range(0, len(inputs), batch_size):
        x = torch.from_numpy(np.asarray(inputs[start : start + batch_size], dtype=np.float32))
        outputs.append(model(x).numpy())  # [b, H, C]
    return np.concatenate(outputs, axis=0)


@torch.no_grad()
def mse_of(
    model: nn.Module, windows: tuple[np.ndarray, np.ndarray], target_idx: tuple[int, ...]
) -> float:
    """Mean squared error of ``model`` over all ``(inputs, targets)`` windows, target channels."""
    inputs, targets = windows
    squared_error, count = 0.0, 0
    for start in range(0, len(inputs), 256):
        pred = predict(model, inputs[start : start + 256])[:, :, list(target_idx)]  # [b, H, K]
        true = np.asarray(targets[start : start + 256], dtype=np.float64)  # [b, H, K]
        squared_error += float(np.sum((pred - true) ** 2))
        count += true.size
    return squared_error / count


# --------------------------------------------------------------------------------------------
# Runners
# --------------------------------------------------------------------------------------------


def fit_nlinear(task: Task, config: TrainConfig) -> Predictor:
    """NLinear, trained with LTSF-Linear's recipe."""
    torch.manual_seed(config.seed)
    return _fit_runner(NLinear(task.lookback, task.horizon), task, config)


def fit_dlinear(task: Task, config: TrainConfig) -> Predictor:
    """DLinear, trained with LTSF-Linear's recipe. ``config.options``: ``kernel_size`` (25),
    ``uniform_init`` (True: weights start at 1/lookback as in LTSF-Linear)."""
    torch.manual_seed(config.seed)
    model = DLinear(
        task.lookback,
        task.horizon,
        kernel_size=config.options.get("kernel_size", MOVING_AVERAGE_KERNEL),
        uniform_init=config.options.get("uniform_init", True),
    )
    return _fit_runner(model, task, config)


def _fit_runner(model: nn.Module, task: Task, config: TrainConfig) -> Predictor:
    report = fit(
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
    return lambda inputs: predict(model, inputs)[:, :, channels]
