"""Where the highway starts: zero (the network starts as the window level's forecast) or the
closed-form least-squares fit of the training windows, its penalty chosen on validation.

The highway (``levels.highway``) is one linear map from a window's targets, less the window's
level, to the horizon, shared by the target columns. Trained by gradient steps it is the linear
models of the LTSF papers (NLinear, DLinear), and those are linear regressions with a closed-form
optimum: Toner & Darlow, "An Analysis of Linear Time Series Forecasting Models", ICML 2024
(arXiv:2403.14587), find the closed-form fit as good as or better than the gradient-trained one in
72 % of their settings. ``least_squares`` starts the highway there, so the recurrent cell learns,
from its first step, what a linear forecast misses.

The fit is ridge regression over (window, target column) rows: inputs the lookback deviations
``[L]`` and a bias, outputs the horizon deviations ``[H]``, all in scaled units. The penalty
``p * mean(diag(X'X))`` on the weights (not the bias), ``p`` in ``PENALTIES``, is chosen by the
training loop's own validation loss (MSE, MAE or pinball) over the validation windows, with the zero
start (the untrained network) among the candidates: a fit that does not beat the window level's
forecast on validation is not taken. Without validation windows (``val_frac=0``) there is nothing to
judge by: the smallest penalty is taken, and the log says so.
"""

from __future__ import annotations

import logging

import torch
from torch import nn

from rnncast.batches import WindowBatches
from rnncast.distributed import Group
from rnncast.levels import window_levels, window_spread
from rnncast.training import mean_loss

log = logging.getLogger(__name__)

PENALTIES = (1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0)  # ridge penalty, relative to mean(diag(X'X))
MAX_WINDOWS = 50_000  # training windows the fit reads at most (evenly spaced over all of them)
CHUNK_VALUES = 2 ** 22  # values gathered per chunk of windows (C * (L + H) each): memory stays that of a batch


def moments(train: WindowBatches, window_norm: str, max_windows: int = MAX_WINDOWS,
            window_scale: bool = False, season: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """The normal equations' sums over the training windows (at most ``max_windows``, evenly spaced):
    ``X'X`` [L + 1, L + 1] and ``X'Y`` [L + 1, H], float64, one row per (window, target column); the
    last input is the bias's 1. Inputs are taken less the window's level, targets less the forecast's
    start (``levels.window_levels``), both divided by the window's spread with ``window_scale``, as
    the network sees them. Windows are read a chunk at a time, about ``CHUNK_VALUES`` values each."""
    index = evenly_spaced(len(train), max_windows)
    _, channels, span = train.windows.shape  # [N, C, L + H]
    per_chunk = max(1, CHUNK_VALUES // (channels * span))
    gram = cross = None
    for chunk in index.to(train.starts.device).split(per_chunk):
        batch = train.take(chunk)
        targets = batch.x[..., : train.n_targets]  # [B, L, T]
        level, begin = window_levels(targets, window_norm, season, batch.y.shape[1])  # [B, 1, T], [B, H | 1, T]
        x, y = targets - level, batch.y - begin  # [B, L, T], [B, H, T]
        if window_scale:
            spread = window_spread(targets)  # [B, 1, T]
            x, y = x / spread, y / spread
        x = x.transpose(1, 2).reshape(-1, targets.shape[1]).double()  # [B * T, L]
        y = y.transpose(1, 2).reshape(-1, batch.y.shape[1]).double()  # [B * T, H]
        x = torch.cat([x, x.new_ones(len(x), 1)], dim=1)  # [B * T, L + 1]
        gram = x.T @ x if gram is None else gram + x.T @ x
        cross = x.T @ y if cross is None else cross + x.T @ y
    return gram, cross


def evenly_spaced(n: int, most: int) -> torch.Tensor:
    """``min(n, most)`` positions in ``[0, n)``, evenly spaced, the first and the last included (int64,
    exact in integers: float32 steps would round past ``n - 1`` beyond 2**24 windows)."""
    k = min(n, most)
    return torch.arange(k, dtype=torch.int64) * (n - 1) // max(k - 1, 1)


def solve(gram: torch.Tensor, cross: torch.Tensor, penalty: float) -> torch.Tensor:
    """Ridge weights [L + 1, H] for a relative ``penalty``; the bias (last row) is not penalised."""
    size = gram.shape[0]
    ridge = torch.ones(size, dtype=gram.dtype, device=gram.device)
    ridge[-1] = 0.0
    scale = torch.diagonal(gram)[:-1].mean().clamp_min(1e-12)
    return torch.linalg.solve(gram + torch.diag(ridge) * penalty * scale, cross)


def start(net: nn.Module, train: WindowBatches, val: WindowBatches | None, loss: str = "mse",
          group: Group | None = None) -> dict:
    """Set ``net.highway`` to the least-squares fit whose penalty has the lowest validation loss
    (``loss``: the training loop's mse | mae; a quantile head's pinball loss), or leave it at zero
    when no fit beats zero there. ``train`` holds the training windows ([B, L, C] inputs, [B, H, T]
    targets). Returns ``{"penalty", "val_loss", "zero_val_loss"}`` (penalty None: zero kept)."""
    layer = net.highway
    _set(layer, None)
    gram, cross = moments(train, net.spec.window_norm, window_scale=net.spec.window_scale, season=net.spec.season)
    if val is None or not len(val):
        chosen = min(PENALTIES)
        _set(layer, solve(gram, cross, chosen))
        log.info("the highway starts at the least-squares fit, penalty %g: without validation windows the "
                 "smallest penalty is taken", chosen)
        return {"penalty": chosen, "val_loss": None, "zero_val_loss": None}
    zero = mean_loss(net, val, group, loss)  # the highway starts at zero
    fits = {penalty: solve(gram, cross, penalty) for penalty in PENALTIES}  # positive definite: every penalty > 0
    best, best_loss = None, zero
    for penalty, weights in fits.items():
        _set(layer, weights)
        value = mean_loss(net, val, group, loss)
        if value < best_loss:
            best, best_loss = penalty, value
    kind = "pinball" if net.spec.quantiles else loss  # what mean_loss scored (training.loss_of)
    if best is None:
        _set(layer, None)
        log.info("the highway starts at zero: no least-squares fit beat it on validation (%s %.5g)", kind, zero)
    else:
        _set(layer, fits[best])
        log.info("the highway starts at the least-squares fit, penalty %g (validation %s %.5g; zero: %.5g)",
                 best, kind, best_loss, zero)
    return {"penalty": best, "val_loss": best_loss, "zero_val_loss": zero}


@torch.no_grad()
def _set(layer: nn.Linear, weights: torch.Tensor | None) -> None:
    """Load ridge weights [L + 1, H] into the highway (``Linear(L, H)``), or zero it (None)."""
    if weights is None:
        layer.weight.zero_()
        layer.bias.zero_()
        return
    layer.weight.copy_(weights[:-1].T.to(layer.weight.dtype))  # [H, L]
    layer.bias.copy_(weights[-1].to(layer.bias.dtype))  # [H]
