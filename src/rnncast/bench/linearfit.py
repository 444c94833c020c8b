"""LTSF-Linear's training loop, as its code ran it, for the harness's NLinear and DLinear.

Source: Zeng et al., "Are Transformers Effective for Time Series Forecasting?", AAAI 2023; code:
https://github.com/cure-lab/LTSF-Linear, ``exp/exp_main.py``. The loop follows it: Adam, MSE loss,
shuffled batches with the last incomplete one dropped (their ``drop_last=True``), at most 10
epochs, the learning rate halved after every epoch from the second on (their ``lradj='type1'``),
early stopping on the validation loss (the mean of the shuffled validation batches' losses, as
theirs) with patience 3, and the weights of the best validation epoch restored at the end; the batch
size and learning rate are those of the script for the dataset, horizon and model
(:func:`rnncast.bench.published.linear_recipe`). The shuffles draw from torch's global generator
in the reference's order, so one seed gives the reference's batches: run on this project's CPU, the
reference code and this loop land on the same published rows (``benchmarks/ltsf/results/README.md``,
section 2; decision 63). The defaults live in :class:`rnncast.bench.task.TrainConfig`.
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

from rnncast.errors import RnncastError

logger = logging.getLogger(__name__)


@dataclass
class FitReport:
    """What happened during :func:`fit`: per-epoch losses and the epoch whose weights were kept."""

    train_losses: list[float] = field(default_factory=list)
    val_losses: list[float] = field(default_factory=list)
    learning_rates: list[float] = field(default_factory=list)
    best_epoch: int = -1  # 0-based
    stopped_early: bool = False
    batch_size: int = 0  # the training batch used: the recipe's, or every window when there are fewer
    val_batch_size: int = 0  # the validation batch used, likewise

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
    batch losses of a shuffled validation ``DataLoader`` that also drops its last incomplete batch,
    then one number drawn from torch's global generator where the reference
    made its test loader's iterator (it scored the test windows after every epoch, for its log
    only; nothing here reads them). Both loaders draw from the global generator, so the caller
    seeds it (``torch.manual_seed``) before building the model, as the reference did. Training stops
    once the validation loss has not improved for ``patience`` epochs.

    A table too small for the recipe (fewer training or validation windows than ``batch_size``,
    where the reference would have had no batch) runs with all of them as one batch, said in a
    warning and in the report (``batch_size``, ``val_batch_size``). Raises ``RnncastError`` for a
    non-positive setting or no training window.
    """
    if epochs < 1 or batch_size < 1 or patience < 1:
        raise RnncastError(
            f"epochs, batch_size and patience must be >= 1, got {epochs}, {batch_size}, {patience}"
        )
    train_x, train_y = train
    n_train, n_val = len(train_x), len(val[0])
    if not n_train:
        raise RnncastError("no training window: the training part is shorter than lookback + horizon")
    report = FitReport(batch_size=min(batch_size, n_train), val_batch_size=min(batch_size, max(n_val, 1)))
    for part, n, used in (("training", n_train, report.batch_size), ("validation", n_val, report.val_batch_size)):
        if 0 < n < batch_size:
            logger.warning("%s: %d %s windows, fewer than the recipe's batch of %d: all %d as one batch (the "
                           "reference code would have had no %s batch)", type(model).__name__, n, part, batch_size,
                           used, part)
    train_batches = _shuffled_batches(n_train, report.batch_size)
    val_batches = _shuffled_batches(n_val, report.val_batch_size)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    channels = list(target_idx)
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
        logger.debug(
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
