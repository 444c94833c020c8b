"""Batch sources: named batches gathered by index from window views, windows (one step each) or
sequence chunks, many series as one pool.

The loop does not care how a batch was made: a source yields the indices of each global batch
(``epoch_indices(generator)``, shuffled), ``take``s a ``Batch`` for any of them, yields every
window in order (``ordered()``, for evaluation), and says how the network ``predict``s a batch.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

import numpy as np
import torch
from torch import nn

from rnncast import distributed
from rnncast.distributed import Group
from rnncast.windows import torch_windows


class Batch(NamedTuple):
    x: torch.Tensor  # [B, L, C] inputs, targets first
    y: torch.Tensor  # [B, H, T] targets to predict
    future: torch.Tensor | None  # [B, H, F] features known over the horizon, or None
    static: torch.Tensor | None = None  # [B, Kn] numeric static covariates of each window's series
    categories: torch.Tensor | None = None  # [B, Kc] category codes of each window's series
    keep: torch.Tensor | None = None  # [B, H, T] bool: the targets a loss counts (fill made the others), None: all


class WindowBatches:
    """Windows of one series, or of many series stored back to back, gathered a batch at a time from
    a view (only the batch is copied).

    ``starts`` are rows of ``values``; a panel's windows never cross from one series into the next
    because their starts are chosen inside each series. ``series`` [W] says which series each window
    belongs to, so its rows of ``static`` [S, Kn] and ``categories`` [S, Kc] join the batch. The
    columns are targets, then ``n_past`` past-observed covariates, then the future-known ones, whose
    horizon rows are the batch's ``future`` when ``future_known``. ``keep`` [W, H, T] bool: the targets
    a loss over the windows counts (``observed.validation_keep``), carried as each batch's ``keep``.
    """

    def __init__(self, values: torch.Tensor, starts: np.ndarray, lookback: int, horizon: int,
                 n_targets: int, future_known: bool, batch_size: int | None, *, n_past: int = 0,
                 series: np.ndarray | None = None, static: torch.Tensor | None = None,
                 categories: torch.Tensor | None = None, keep: np.ndarray | None = None):
        short = (int(np.max(starts)) + lookback + horizon - len(values)) if len(starts) else 0
        if short > 0:  # a backtest window whose series lacks dates it forecasts ends past the rows (stepactuals): its
            values = torch.cat([values, values.new_full((short, values.shape[1]), float("nan"))])  # forecast reads none
        self.windows = torch_windows(values, lookback + horizon)  # [N, C, L + H], a view
        self.starts = torch.as_tensor(starts, dtype=torch.long, device=values.device)  # [W]
        self.lookback, self.n_targets, self.future_known = lookback, n_targets, future_known
        self.first_future = n_targets + n_past  # the future-known columns come last
        self.series = torch.as_tensor(series, dtype=torch.long, device=values.device) if series is not None else None  # [W]
        self.static, self.categories = static, categories  # [S, Kn], [S, Kc] or None
        self.batch_size = batch_size or max(len(starts), 1)
        self.keep = torch.as_tensor(keep, dtype=torch.bool, device=values.device) if keep is not None else None  # [W, H, T]
        self.dated_at, self.dated_values = None, None  # [W] position in dated_values or -1, [Wd, H, F]: ``dated``

    def dated(self, at: np.ndarray, future: torch.Tensor) -> "WindowBatches":
        """These batches with the future-known inputs of the windows ``at`` [Wd] (positions in ``starts``) taken from
        ``future`` [Wd, H, F] (scaled), not from the rows after their cutoff: the calendar covariates of windows that
        forecast a date without a row, made at each step's own date (``stepactuals.dated_future``, decision 2024)."""
        self.dated_at = torch.full((len(self.starts),), -1, dtype=torch.long, device=self.starts.device)
        self.dated_at[torch.as_tensor(at, dtype=torch.long, device=self.starts.device)] = torch.arange(
            len(at), device=self.starts.device)
        self.dated_values = future.to(self.starts.device)
        return self

    def __len__(self) -> int:
        return len(self.starts)

    def gather(self, starts: torch.Tensor, series: torch.Tensor | None = None) -> Batch:
        w = self.windows[starts].transpose(1, 2)  # [B, L + H, C]
        x = w[:, : self.lookback]  # [B, L, C]
        y = w[:, self.lookback :, : self.n_targets]  # [B, H, T]
        future = w[:, self.lookback :, self.first_future :] if self.future_known else None  # [B, H, F]
        static = self.static[series] if self.static is not None else None  # [B, Kn]
        categories = self.categories[series] if self.categories is not None else None  # [B, Kc]
        return Batch(x, y, future, static, categories)

    def take(self, index: torch.Tensor) -> Batch:
        """The batch of windows ``index`` (positions in ``starts``)."""
        batch = self.gather(self.starts[index], self.series[index] if self.series is not None else None)
        if self.dated_at is not None and batch.future is not None and bool((pick := self.dated_at[index]).ge(0).any()):
            future = batch.future.clone()
            future[pick >= 0] = self.dated_values[pick[pick >= 0]].to(future.dtype)
            batch = batch._replace(future=future)
        return batch if self.keep is None else batch._replace(keep=self.keep[index])

    def epoch_indices(self, generator: torch.Generator) -> Iterator[torch.Tensor]:
        """The windows of each batch of one epoch, in a shuffled order."""
        order = torch.randperm(len(self.starts), generator=generator).to(self.starts.device)
        for i in range(0, len(order), self.batch_size):
            yield order[i : i + self.batch_size]

    def ordered(self, batch_size: int = 4096, group: Group | None = None) -> Iterator[Batch]:
        """Every window in order (this rank's share of them under torchrun)."""
        index = distributed.shard(torch.arange(len(self.starts), device=self.starts.device), group)
        for i in range(0, len(index), batch_size):
            yield self.take(index[i : i + batch_size])

    @staticmethod
    def predict(net: nn.Module, batch: Batch) -> torch.Tensor:
        return net(batch.x, batch.future, batch.static, batch.categories)  # [B, H, T] or [B, H, T, Q]


class SequenceBatches:
    """Chunks of the training rows for many-to-many training (truncated backpropagation through time).

    A chunk is ``lookback - 1 + chunk`` input rows; its first ``lookback - 1`` positions only warm
    the network up, and each of the next ``chunk`` positions forecasts the ``horizon`` rows after it.
    Every supervised position has seen at least ``lookback`` rows, as a window does. In each series,
    chunks start ``chunk`` rows apart from a random offset each epoch, so each target is trained once
    per epoch; a chunk never crosses from one series into the next. Many series (``values`` holds
    them one after another, series ``s`` from row ``offsets[s]``, its training rows the first
    ``train_ends[s]``) are one pool of chunks, as windows are in the window scheme. When a series'
    training rows are shorter than one chunk, every chunk is cut to the shortest series' length
    (the chunks of a batch share one shape).
    """

    def __init__(self, values: torch.Tensor, train_ends: list[int] | int, lookback: int, horizon: int, n_targets: int,
                 chunk: int, batch_size: int | None, offsets: list[int] | None = None):
        ends = [int(train_ends)] if isinstance(train_ends, (int, np.integer)) else [int(e) for e in train_ends]
        self.offsets = [0] if offsets is None else [int(o) for o in offsets]
        self.warmup, self.horizon, self.n_targets = lookback - 1, horizon, n_targets
        room = min(ends) - self.warmup - horizon  # the most supervised positions the shortest series holds
        self.chunk = max(1, min(chunk, room))
        span = self.warmup + self.chunk + horizon  # input rows + the rows after the last one
        self.counts = [end - span + 1 for end in ends]  # chunk starts per series: [0, count)
        self.windows = torch_windows(values, span)  # [rows - span + 1, C, span], a view; starts are global rows
        self.batch_size = batch_size or len(self)

    def __len__(self) -> int:
        return sum(-(-count // self.chunk) for count in self.counts)  # chunks per epoch

    def gather(self, starts: torch.Tensor) -> Batch:
        w = self.windows[starts]  # [B, C, span]
        x = w[:, :, : self.warmup + self.chunk].transpose(1, 2)  # [B, S, C]
        y = w[:, : self.n_targets, self.warmup + 1 :].unfold(2, self.horizon, 1)  # [B, T, chunk, H]
        return Batch(x, y.permute(0, 2, 3, 1), None)  # y: [B, chunk, H, T]

    def epoch_indices(self, generator: torch.Generator) -> Iterator[torch.Tensor]:
        """The chunks of each batch of one epoch (a chunk is named by its global start row), in a
        shuffled order: in each series, every ``chunk``-th start from a random offset."""
        shifts = torch.randint(self.chunk, (len(self.counts),), generator=generator)
        starts = torch.cat([torch.arange(int(shift) % count, count, self.chunk) + offset
                            for shift, count, offset in zip(shifts.tolist(), self.counts, self.offsets)])
        starts = starts[torch.randperm(len(starts), generator=generator)].to(self.windows.device)
        for i in range(0, len(starts), self.batch_size):
            yield starts[i : i + self.batch_size]

    def take(self, starts: torch.Tensor) -> Batch:
        return self.gather(starts)

    def predict(self, net: nn.Module, batch: Batch) -> torch.Tensor:
        return net(batch.x, every_step=True)[:, self.warmup :]  # [B, chunk, H, T]


def kept_mean(loss, pred: torch.Tensor, batch: Batch) -> torch.Tensor:
    """``loss(pred, batch.y)`` over the targets ``batch.keep`` counts (every one where None): the others' forecast set
    to them, a zero term with no gradient, and the mean taken over those kept (a blank label: ``blanklabels``)."""
    if batch.keep is None:
        return loss(pred, batch.y)
    quantiles = pred.dim() > batch.y.dim()  # [B, H, T, Q] against [B, H, T]
    keep, y = (batch.keep[..., None], batch.y[..., None]) if quantiles else (batch.keep, batch.y)
    return loss(torch.where(keep, pred, y), batch.y) * (batch.y.numel() / max(int(batch.keep.sum()), 1))


def epoch_draw(train: WindowBatches | SequenceBatches, max_batches: int) -> dict | None:
    """What one epoch of ``train`` draws when ``max_batches`` (the setting; 0: no cap) stops it before a full
    pass: ``{"batches", "drawn", "total", "unit"}``, the windows (the sequence scheme's chunks) drawn of all
    there are; None when an epoch is a full pass."""
    total = len(train)
    if not max_batches or -(-total // train.batch_size) <= max_batches:
        return None
    unit = "chunks" if isinstance(train, SequenceBatches) else "windows"
    return {"batches": int(max_batches), "drawn": int(max_batches * train.batch_size), "total": int(total), "unit": unit}
