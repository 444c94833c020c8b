"""Where a quantile head starts: at the quantiles of the untrained network's errors on the training windows.

Every output layer starts at zero (``models.RecurrentNet``), so an untrained quantile head forecasts
the same value at every level: its intervals have no width, and gradient steps open them slowly (a
10-epoch monthly fit had 80 % intervals that held 6 % of the test values). With the head's weights
at zero, the pinball loss of level ``q`` at horizon step ``h`` of target ``t`` is lowest for the
offset that is the ``q`` quantile of the untrained forecast's errors there (Koenker & Bassett,
"Regression Quantiles", Econometrica 1978: the constant quantile regression is the sample
quantile). The head's bias starts at those quantiles, so the untrained network forecasts the
window's level (plus the highway's start) with empirical intervals around it, as a conformal
interval of the naive forecast would, and training refines both.

Errors are in scaled units, divided by the window's spread with ``window_scale`` (the head's output
is multiplied by it), per target (a channel-independent network adds each target's own offsets to
the head it shares), and read from at most ``MAX_VALUES`` error values (windows evenly spaced).
"""

from __future__ import annotations

import logging

import numpy as np
import torch
from torch import nn

from rnncast.batches import WindowBatches
from rnncast.highwaystart import evenly_spaced
from rnncast.levels import window_spread

log = logging.getLogger(__name__)

MAX_VALUES = 2 ** 24  # error values ([windows, H, T]) the quantiles are read from at most
CHUNK_WINDOWS = 4096  # windows forecast at a time
FEW_WINDOWS = 20  # fewer error values per level than this: said in the log (a 0.1 level from 5 is a guess)


@torch.no_grad()
def start(net: nn.Module, train: WindowBatches) -> np.ndarray | None:
    """Set the bias of ``net``'s quantile head (weights zero) to the quantiles of the errors
    ``y - net(x)`` over ``train``'s windows ([B, L, C] inputs, [B, H, T] targets, scaled units).

    A channel-independent net starts each target's offsets (``target_offsets``) at that target's own
    errors' quantiles, its shared head's bias at zero (one saved before it had them: pooled over the
    channels). Returns the offsets [H, T', Q] (T' 1 for a pooled start), or None when the net has
    no quantile head or ``train`` no windows (the head is then left at zero)."""
    spec = net.spec
    if not spec.quantiles or not len(train):
        return None
    head = net.head
    per_window = spec.horizon * spec.n_targets
    index = evenly_spaced(len(train), max(1, MAX_VALUES // per_window))
    was_training = net.training
    net.eval()
    errors = []
    for chunk in index.to(train.starts.device).split(CHUNK_WINDOWS):
        batch = train.take(chunk)
        pred = train.predict(net, batch)[..., 0]  # [B, H, T]: at zero weights every level is this forecast
        error = batch.y - pred  # [B, H, T]
        if spec.window_scale:
            error = error / window_spread(batch.x[..., : batch.y.shape[-1]])  # [B, H, T]
        errors.append(error.float().cpu())
    net.train(was_training)
    error = torch.cat(errors).numpy()  # [N, H, T]
    per_target = getattr(net, "target_offsets", None) is not None  # a channel-independent net's offset per target
    if net.n_rows == 1 and error.shape[-1] > 1 and not per_target:  # one head row serves every channel: pooled
        error = error.transpose(0, 2, 1).reshape(-1, spec.horizon, 1)  # [N * T, H, 1]
    if len(error) < FEW_WINDOWS:
        log.warning("the quantile head starts at quantiles of %d training windows' errors (fewer than %d): its "
                    "intervals start rough, from so few values; more rows, or a shorter lookback or horizon, give "
                    "more windows", len(error), FEW_WINDOWS)
    offsets = np.moveaxis(np.quantile(error, spec.quantiles, axis=0), 0, -1)  # [H, T', Q]
    if per_target:  # the shared head's bias stays zero; each target starts at its own errors' quantiles
        net.target_offsets.copy_(torch.from_numpy(offsets.transpose(1, 0, 2)[:, :, None, :]).to(net.target_offsets))
    else:
        head.bias.copy_(torch.from_numpy(offsets.reshape(-1)).to(head.bias))
    log.info("the quantile head starts at the training errors' quantiles (%d windows): untrained, each level "
             "is the window's forecast shifted by that level's quantile of its errors", len(index))
    return offsets


def start_offsets(net: nn.Module) -> np.ndarray | None:
    """What ``start`` set, read back from ``net``: the offsets [H, T', Q] its quantile head adds to the
    window's forecast (scaled units; with ``window_scale`` in window spreads), which is what the net
    forecasts while its head's weights are zero (untrained). None for a net without a quantile head."""
    spec = net.spec
    if not spec.quantiles:
        return None
    per_target = getattr(net, "target_offsets", None)
    if per_target is not None:  # [T, H, 1, Q]: each target's own offsets beside the shared head (bias zero)
        return per_target.detach().cpu().numpy()[:, :, 0, :].transpose(1, 0, 2)
    return net.head.bias.detach().cpu().numpy().reshape(spec.horizon, -1, len(spec.quantiles))
