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
on them (``benchmarks/ett/linear_check.py``, ``benchmarks/ltsf/results/README.md``): it follows
their ``exp/exp_main.py``: Adam, MSE loss, shuffled batches with the last incomplete one dropped
(their ``drop_last=True``), at most 10 epochs, the learning rate halved after every epoch from the
second on (their ``lradj='type1'``), early stopping on the validation loss (the mean of the
shuffled validation batches' losses, as theirs) with patience 3, and the weights of the best
validation epoch restored at the end; the batch size and learning rate of the script for the
dataset, horizon and model (:func:`rnncast.bench.published.linear_recipe`). The shuffles draw
from torch's global generator in the reference's order, so one seed gives the reference's
batches: run on this project's CPU, the reference code and this harness land on the same published
rows (``benchmarks/ltsf/results/README.md``, section 2). DLinear's weights start at 1/lookback as
the code of its published rows did. The defaults live in :class:`rnncast.bench.task.TrainConfig`;
:func:`fit_nlinear` and :func:`fit_dlinear` are the runners (:mod:`rnncast.bench.runners`).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

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
    halve_lr_each_epoch: bool = True,
) -> FitReport:
    """Train ``model`` with Adam on the MSE of the target channels; restore the best epoch.

    ``train`` and ``val`` are ``(inputs [n, L, C], targets [n, H, K])`` arrays (views are fine:
    batches are gathered from them). The model's output channels ``target_idx`` are compared with
    the K target channels. Every epoch runs as LTSF-Linear's ``exp/exp_main.py`` ran it, so that
    from one seed the harness draws what the reference code drew: training batches from a shuffled
    ``DataLoader`` that drops the last incomplete batch, then the validation loss as the mean of the
    batch losses of a shuffled validation ``DataLoader`` that also drops its last incomplete batch
    (all validation windows as one batch when there are fewer than ``batch_size``, where the
    reference had none), then one number drawn from torch's global generator where the reference
    made its test loader's iterator (it scored the test windows after every epoch, for its log
    only; nothing here reads them). Both loaders draw from the global generator, so the caller
    seeds it (``torch.manual_seed``) before building the model, as the reference did. Training stops
    once the validation loss has not improved for ``patience`` epochs.

    Raises ``RnncastError`` for a non-positive setting or fewer training windows than one batch.
    """
    if epochs < 1 or batch_size < 1 or patience < 1:
        raise RnncastError(
            f"epochs, batch_size and patience must be >= 1, got {epochs}, {batch_size}, {patience}"
        )
    train_x, train_y = train
    n_train = len(train_x)
    if n_train < batch_size:
        raise RnncastError(f"{n_train} training windows is fewer than one batch of {batch_size}")
    train_batches = _shuffled_batches(n_train, batch_size)
    val_batches = _shuffled_batches(len(val[0]), min(batch_size, max(len(val[0]), 1)))
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    channels = list(target_idx)
    report = FitReport()
    best_state: dict[str, torch.Tensor] | None = None
    epochs_without_improvement = 0

    for epoch in range(epochs):
        lr = ltsf_learning_rate(learning_rate, epoch) if halve_lr_each_epoch else learning_rate
        for group in optimizer.param_groups:
            group["lr"] = lr
        model.train()
        total, n_batches = 0.0, 0
        for (idx,) in train_batches:
            x, y = _gather(train, idx.numpy())  # [B, L, C], [B, H, K]
            optimizer.zero_grad()
            loss = F.mse_loss(model(x)[:, :, channels], y)
            loss.backward()
            optimizer.step()
            total += loss.item()
            n_batches += 1
        val_loss = _batch_mean_mse(model, val, val_batches, channels)
        torch.empty((), dtype=torch.int64).random_()  # the reference's test-loader iterator drew this
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


def _shuffled_batches(n: int, batch_size: int) -> DataLoader:
    """Window positions ``[B]`` in a shuffled order per pass, the last incomplete batch dropped:
    LTSF-Linear's training and validation loaders (each pass draws from torch's global generator)."""
    return DataLoader(TensorDataset(torch.arange(n)), batch_size=batch_size, shuffle=True, drop_last=True)


def _gather(windows: tuple[np.ndarray, np.ndarray], idx: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """The windows at ``idx`` as float32 tensors ([B, L, C], [B, H, K]), cast from float64 as the
    reference cast its batches."""
    inputs, targets = windows
    return (torch.from_numpy(np.asarray(inputs[idx])).float(), torch.from_numpy(np.asarray(targets[idx])).float())


@torch.no_grad()
def _batch_mean_mse(model: nn.Module, val: tuple[np.ndarray, np.ndarray], batches: DataLoader,
                    channels: list[int]) -> float:
    """The mean over ``batches`` of each batch's MSE on the target channels (the reference's
    validation loss); NaN without a batch."""
    model.eval()
    losses = []
    for (idx,) in batches:
        x, y = _gather(val, idx.numpy())
        losses.append(F.mse_loss(model(x)[:, :, channels], y).item())
    return float(np.mean(losses)) if losses else float("nan")


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
    channels = list(task.target_idx)
    return lambda inputs: predict(model, inputs)[:, :, channels]
