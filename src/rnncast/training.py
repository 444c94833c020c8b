"""The training loop: Adam, gradient clipping, early stopping on validation loss with the best
weights restored, a weight average, divergence, resume.

Batches come from a batch source (``batches.py``): the loop draws the indices of each global batch
from ``epoch_indices(generator)``, ``take``s them and lets the source ``predict`` them; evaluation
walks ``ordered()``. Under torchrun every rank takes only its share of each global batch (see
``distributed.py``); in one process the share is the whole batch.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np
import torch
from torch import nn
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn

from rnncast import distributed
from rnncast.batches import SequenceBatches, WindowBatches, kept_mean
from rnncast.config import TrainSettings
from rnncast.distributed import Group
from rnncast.errors import RnncastError, TrainingDiverged
from rnncast.interrupts import stop_if_asked
from rnncast.spelling import spelled
from rnncast.runhistory import best_epoch, end_text
from rnncast.untrainedadvice import untrained_advice

log = logging.getLogger(__name__)


@dataclass(eq=False)  # Mapping's ==: equal to the dict history_ holds for the epoch
class EpochRecord(Mapping):
    """One finished epoch, what ``on_epoch`` receives; read by attribute or by key (``record["epoch"]``, ``dict(record)``:
    the dict ``history_`` holds). ``epoch`` from 1; ``train_loss``, ``val_loss`` (None without validation rows) the mean
    loss (``loss_name``) in the scaled units trained in (original under ``scaler='none'``); ``seconds`` its wall time;
    ``best`` whether it is the best so far, whose weights are kept (decision 773)."""

    epoch: int
    train_loss: float
    val_loss: float | None
    seconds: float
    best: bool

    def __getitem__(self, key: str):
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self):
        return iter(self.__dataclass_fields__)

    def __len__(self) -> int:
        return len(self.__dataclass_fields__)


@dataclass
class LoopState:
    """Everything the loop carries from one epoch to the next, besides weights and optimizer."""

    epoch: int = 0  # epochs completed
    best_loss: float = math.inf
    bad_epochs: int = 0
    history: list = field(default_factory=list)
    best_state: dict | None = None  # weights of the best epoch so far
    average: dict | None = None  # the weight average's state (settings.ema), for checkpoints
    stopped: bool = False  # early stopping (or a divergence after finished epochs) has ended the run
    diverged: dict | None = None  # {"epoch", "what", "loss", "kept"}: the epoch whose loss became NaN or infinite,
    # which loss ("training loss" | "validation loss"), its value as text ("nan", "inf") and the epoch kept (0: none)


POINT_LOSSES = {"mse": nn.functional.mse_loss, "mae": nn.functional.l1_loss}


def loss_of(net: nn.Module, kind: str = "mse") -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """The loss that trains ``net``'s output: a quantile head's own pinball loss, else ``kind`` (mse | mae)."""
    if getattr(getattr(net, "spec", None), "quantiles", ()):
        return net.loss
    return POINT_LOSSES[kind]


def loss_name(net: nn.Module, kind: str = "mse") -> str:
    """The name of the loss that trains ``net`` (:func:`loss_of`), as messages give it beside its value: ``MSE``,
    ``MAE``, or ``pinball`` for a quantile head; so that a validation loss is not taken for another measure."""
    return "pinball" if getattr(getattr(net, "spec", None), "quantiles", ()) else kind.upper()


def fit_network(net: nn.Module, train: WindowBatches | SequenceBatches, val: WindowBatches | None, settings: TrainSettings,
                on_epoch: Callable[[EpochRecord], None] | None = None,
                checkpoint: Callable[[nn.Module, torch.optim.Optimizer, torch.Generator, LoopState], None] | None = None,
                resume: Callable[[nn.Module, torch.optim.Optimizer, torch.Generator], LoopState] | None = None,
                group: Group | None = None, on_diverged: Callable[[dict], None] | None = None,
                untrained: Callable[[], str] | None = None, units: str = "scaled units", alignment: str | None = None,
                squeezed: str | None = None, on_untrained: Callable[[float], None] | None = None) -> list[dict]:
    """Train ``net`` in place; return the per-epoch history. The best validation weights are kept: where no epoch
    beat the untrained network, a warning says so with what it forecasts, ``untrained()`` (``untrained.forecast_text``),
    and what to try (``untrained_advice``; ``alignment``: ``laterrows.training_note``, said in place of more training;
    ``squeezed``: ``outliers.note``, said first: a value that sets a column's scale). ``on_untrained``: called with the
    untrained network's validation loss where it is measured (a fit with validation rows, not a resumed one).

    ``checkpoint`` is called after every epoch with the whole state; ``resume`` restores one, so
    that a run killed at any moment continues from its last finished epoch and ends with the same
    weights as a run that was never stopped. The loss is ``loss_of(net, settings.loss)``: MSE or MAE, or the
    pinball loss of a quantile head; validation and early stopping use the same loss. ``group``:
    the ranks of a torchrun launch (the same history and weights come back on every rank).

    A training or validation loss that becomes NaN or infinite ends the run. After finished epochs
    the best of them is kept, as early stopping keeps it: a warning names both epochs, ``checkpoint``
    receives the run as ended (the kept weights; a resume has nothing left to train and says so),
    and ``on_diverged`` is called with ``LoopState.diverged``, ``{"epoch", "what", "loss", "kept"}``
    (``kept`` 0: the untrained network, which no finished epoch beat on validation); the checkpoint
    records it, so a resume says what happened. Diverging before any epoch finished raises
    ``TrainingDiverged``: there is nothing to keep.
    """
    generator = torch.Generator().manual_seed(settings.seed)  # the same on every rank: one order of windows
    optimizer = torch.optim.Adam(net.parameters(), lr=settings.lr)
    state = resume(net, optimizer, generator) if resume is not None else LoopState()
    if state.stopped and state.diverged is None and state.bad_epochs < settings.patience:
        # a run ends early only by early stopping or by diverging; a checkpoint written before the
        # divergence was recorded (resume.save_training_state) does not say which, nor the loss
        state.diverged = {"epoch": state.epoch + 1, "what": None, "loss": None, "kept": best_epoch(state.history)}
    if resume is not None and state.diverged is not None and (group is None or group.main):
        d = state.diverged
        loss = f" ({d['what'] or 'loss'} {d['loss']})" if d["loss"] is not None else ""
        log.warning("this run ended when training diverged in epoch %d%s; its model keeps %s, and there is nothing left "
                    "to train. To train further, start a new fit with a lower learning rate (%s, now %g)", d["epoch"],
                    loss, _kept_text(d["kept"]), spelled("lr"), settings.lr)
    if state.epoch == 0 and val is not None and len(val):
        # the untrained network is the first candidate: a run whose epochs never beat it on validation
        # keeps it (with its zero-initialised head, the window level's forecast) rather than a worse one
        state.best_loss = mean_loss(net, val, group, settings.loss)
        state.best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
        if on_untrained is not None:
            on_untrained(state.best_loss)
    model = distributed.wrap(net, group)  # what a training step calls; DDP averages gradients over ranks
    average = weight_average(net, settings.ema, state.average)  # None when settings.ema is 0
    scored = average.module if average is not None else net  # the weights validation judges and keeps

    while state.epoch < settings.epochs and not state.stopped:
        started = time.perf_counter()
        for param_group in optimizer.param_groups:
            param_group["lr"] = epoch_lr(settings, state.epoch)
        train_loss = _train_epoch(model, train, optimizer, generator, settings, state.epoch + 1, group, average)
        val_loss = (mean_loss(scored, val, group, settings.loss) if val is not None and len(val)
                    and math.isfinite(train_loss) else None)
        if not math.isfinite(train_loss) or (val_loss is not None and not math.isfinite(val_loss)):
            what, value = ("training loss", train_loss) if not math.isfinite(train_loss) else ("validation loss", val_loss)
            _end_diverged(net, optimizer, state, settings, what, value, speak=group is None or group.main)
            if checkpoint is not None:
                checkpoint(net, optimizer, generator, state)  # the run as ended: a resume trains no further
            break
        score = val_loss if val_loss is not None else train_loss
        improved = score < state.best_loss
        if improved:
            state.best_loss, state.bad_epochs = score, 0
            state.best_state = {k: v.detach().clone() for k, v in scored.state_dict().items()}
        else:
            state.bad_epochs += 1
        state.epoch += 1
        state.stopped = state.bad_epochs >= settings.patience
        record = EpochRecord(state.epoch, train_loss, val_loss, time.perf_counter() - started, improved)
        state.history.append(asdict(record))
        state.average = average.state_dict() if average is not None else None
        if checkpoint is not None:
            checkpoint(net, optimizer, generator, state)
        if on_epoch is not None:
            on_epoch(record)
        if state.stopped or state.epoch == settings.epochs:
            said = end_text(state.history, settings.epochs, settings.patience)
            if said:  # None: the last epoch's weights are kept, as a reader expects
                name = loss_name(net, settings.loss)
                log.info("%s (%s %s%s %.5g, %s)", said, "training" if val_loss is None else "validation",
                         name, " loss" if name == "pinball" else "", state.best_loss, units)

    if state.best_state is not None:
        net.load_state_dict(state.best_state)
    if state.history and not best_epoch(state.history) and state.diverged is None and (group is None or group.main):
        log.warning("no epoch improved on the untrained network's validation loss (%s) %.5g, so the model is the untrained "
                    "network%s; %s", loss_name(net, settings.loss), state.best_loss,
                    f": it forecasts {untrained()}" if untrained else "", untrained_advice(state.history, state.best_loss,
                                                                                            settings.lr, alignment, squeezed))
    if state.diverged is not None and on_diverged is not None:
        on_diverged(dict(state.diverged))
    return state.history


def _kept_text(kept: int) -> str:
    if kept:
        return f"the weights of epoch {kept}, the best finished one"
    return "the untrained network's weights, which no finished epoch beat on validation"


def _advice(settings: TrainSettings) -> str:
    clip = (f"keep gradient clipping on ({spelled('grad_clip')}, now {settings.grad_clip:g})" if settings.grad_clip
            else f"turn gradient clipping on ({spelled('grad_clip', 1)})")
    return f"try a lower learning rate ({spelled('lr')}, now {settings.lr:g}) and {clip}"


def _end_diverged(net: nn.Module, optimizer, state: LoopState, settings: TrainSettings, what: str, value: float,
                  speak: bool = True) -> None:
    """End the run at a NaN or infinite loss in epoch ``state.epoch + 1``: keep the best finished epoch
    (raise ``TrainingDiverged`` when none finished) and leave ``state`` as the record of an ended run."""
    epoch = state.epoch + 1
    if state.epoch == 0 or state.best_state is None:
        raise TrainingDiverged(f"training diverged in epoch {epoch} ({what} {value}) before any epoch finished, so no "
                               f"weights were kept and no model was saved; {_advice(settings)}")
    kept = best_epoch(state.history)
    state.stopped, state.diverged = True, {"epoch": epoch, "what": what, "loss": str(value), "kept": kept}
    net.load_state_dict(state.best_state)  # the checkpoint holds the kept weights, not the diverged ones
    optimizer.state.clear()  # Adam's moments went non-finite with the weights; an ended run has no use for them
    state.average = None
    best = f" ({'validation' if state.history and state.history[-1]['val_loss'] is not None else 'training'} " \
           f"loss {state.best_loss:.5g})" if math.isfinite(state.best_loss) else ""
    if speak:  # rank 0 of a torchrun launch speaks for all
        log.warning("training diverged in epoch %d (%s %s); kept %s%s; %s", epoch, what, value, _kept_text(kept), best,
                    _advice(settings))


def weight_average(net: nn.Module, decay: float, saved: dict | None = None) -> AveragedModel | None:
    """An exponential moving average of ``net``'s weights (and buffers), or None when ``decay`` is 0.

    Updated after every optimizer step; the loop scores and keeps the averaged weights, which follow
    the same path as the trained ones with the step-to-step noise smoothed out. ``saved``: the
    average's ``state_dict`` from a checkpoint.
    """
    if not decay:
        return None
    average = AveragedModel(net, multi_avg_fn=get_ema_multi_avg_fn(decay), use_buffers=True)
    if saved is not None:
        average.load_state_dict(saved)
    return average


def epoch_lr(settings: TrainSettings, epoch: int) -> float:
    """The learning rate of epoch ``epoch`` (0-based); a function of the epoch alone, so resuming needs no state."""
    if settings.lr_schedule == "cosine":
        return settings.lr * 0.5 * (1 + math.cos(math.pi * epoch / settings.epochs))
    return settings.lr


def _train_epoch(model, train: WindowBatches | SequenceBatches, optimizer, generator, settings: TrainSettings,
                 epoch: int, group: Group | None, average: AveragedModel | None = None) -> float:
    """One pass; returns the mean loss over the epoch's windows (all ranks together), or the first
    NaN or infinite batch loss, where the pass stops (before that batch's step)."""
    model.train()
    loss_fn = loss_of(getattr(model, "module", model), settings.loss)  # DDP wraps the network as .module
    world = group.world if group else 1
    total, count = 0.0, 0
    for step, index in enumerate(train.epoch_indices(generator)):
        stop_if_asked()
        if settings.max_batches and step >= settings.max_batches:
            break
        mine = distributed.shard(index, group)  # this rank's windows of the global batch
        batch = train.take(mine if len(mine) else index[:1])  # an empty share still joins the step, weighted 0
        pred = train.predict(model, batch)  # shaped as batch.y
        part = kept_mean(loss_fn, pred, batch) * (len(mine) / len(index))  # this share's part of the global batch's mean
        loss = part * world  # DDP averages the gradients over the ranks: the gradient of the sum of the parts
        value = distributed.total([part.item()], group)[0]  # the global batch's mean loss
        if not math.isfinite(value):
            return value  # the loop ends the run (fit_network)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if settings.grad_clip:
            nn.utils.clip_grad_norm_(model.parameters(), settings.grad_clip)
        optimizer.step()
        if average is not None:
            average.update_parameters(getattr(model, "module", model))
        total += value * len(index)
        count += len(index)
    return total / count


@torch.inference_mode()
def mean_loss(net: nn.Module, batches: WindowBatches, group: Group | None = None, kind: str = "mse") -> float:
    """The loss (``loss_of(net, kind)``) over every window (under torchrun each rank scores its share
    and the sums are added up): over the targets each batch's ``keep`` counts where it has one (fill
    made the others: their forecast is set to them, a zero term of MSE, MAE and the pinball loss alike,
    and they leave the count)."""
    net.eval()
    loss = loss_of(net, kind)
    total, count = 0.0, 0
    for batch in batches.ordered(group=group):
        stop_if_asked()
        pred = batches.predict(net, batch)
        if batch.keep is None:
            total += loss(pred, batch.y).item() * batch.y.numel()
            count += batch.y.numel()
        else:
            quantiles = pred.dim() > batch.y.dim()  # [B, H, T, Q] against [B, H, T]
            keep, y = (batch.keep[..., None], batch.y[..., None]) if quantiles else (batch.keep, batch.y)
            total += loss(torch.where(keep, pred, y), batch.y).item() * batch.y.numel()
            count += int(batch.keep.sum())
    total, count = distributed.total([total, count], group)
    if not count and getattr(batches, "keep", None) is not None:  # filledwindows.check_parts refuses such a fit before it trains
        raise RnncastError("no validation target is left to score: fill made every one (or the inputs of their windows "
                           "were filled from them)")
    return total / count


@torch.inference_mode()
def predict_batches(net: nn.Module, batches: WindowBatches) -> np.ndarray:
    """Forecasts for every window, in order, as a CPU array [W, H, T] (or [W, H, T, Q])."""
    net.eval()
    outputs = [batches.predict(net, batch).float().cpu() for batch in batches.ordered()]
    if not outputs:
        return np.zeros((0, 0, 0), dtype=np.float32)
    return torch.cat(outputs).numpy()
