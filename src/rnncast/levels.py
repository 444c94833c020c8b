"""What a network's forecast is taken relative to, shared by ``models.RecurrentNet`` and
``models.SegmentNet``: the channel split (channel independence), each window's level and start
(``window_norm``: last value, mean, none, or the last season: seasonal naive), its spread
(``window_scale``, RevIN's) and the linear highway over the window's deviations from its level
(LSTNet's). Tensors in, tensors out, in scaled units; no Python branching on data, so the networks
that use them still trace for ONNX.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def split_channels(x: torch.Tensor, channel_independent: bool) -> torch.Tensor:
    """Channel-independent: every channel of every window becomes a series of its own."""
    if not channel_independent:
        return x  # [B, S, C]
    batch, length, channels = x.shape
    return x.transpose(1, 2).reshape(batch * channels, length, 1)  # [B * C, S, 1]


def window_levels(targets: torch.Tensor, window_norm: str, season: int = 1,
                  horizon: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """What the network's inputs are taken relative to, and where its forecast starts: ``(level [B, 1,
    T], start [B, 1 | H, T])`` from the window's targets [B, L, T]. The level is the last value
    ('last'), the mean ('mean') or 0 ('none'), and the forecast starts there; with 'season' the level is
    the last value and the forecast starts at the window's last season repeated over the horizon, the
    seasonal naive forecast (``baselines.seasonal_naive``)."""
    last = targets[:, -1:, :]  # [B, 1, T]
    if window_norm == "season":
        index = targets.shape[1] - season + torch.arange(horizon, device=targets.device) % season  # [H]
        return last, targets[:, index, :]
    if window_norm == "mean":
        level = targets.mean(dim=1, keepdim=True)
    else:
        level = last if window_norm == "last" else torch.zeros_like(last)
    return level, level


def window_spread(targets: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    """What each window's targets are divided by before the network and its forecast multiplied by
    after, with ``window_scale``: their standard deviation over the window, ``sqrt(var + eps)`` as RevIN
    takes it (Kim et al., "Reversible Instance Normalization", ICLR 2022; here without its affine
    weights): [B, L, T] -> [B, 1, T]. Scaled units in, scaled units out."""
    return torch.sqrt(targets.var(dim=1, keepdim=True, unbiased=False) + eps)


def highway(layer: nn.Linear | None, deviations: torch.Tensor) -> torch.Tensor | float:
    """LSTNet's autoregressive highway: one linear map (shared by the target columns) from a window's
    targets, less its level, to the horizon, added to the network's forecast: [B, L, T] -> [B, H, T].
    It starts at zero, and carries the part of the forecast that is linear in the window, so the
    cell learns what a linear forecast misses. 0 where the network has none."""
    if layer is None:
        return 0.0
    return layer(deviations.transpose(1, 2)).transpose(1, 2)


def sequence_highway(layer: nn.Linear, targets: torch.Tensor, lookback: int, window_norm: str) -> torch.Tensor:
    """The highway at every position of a chunk: [B, S, T] -> [B, S, H, T]. Position p >= L - 1 maps
    rows p - L + 1 .. p less its level, as ``forward`` maps a window ending at p; the first L - 1
    positions, which the sequence scheme only warms up on, get 0. A convolution with the layer's
    weights slides it over the chunk without building the windows."""
    batch, length, n = targets.shape
    series = targets.transpose(1, 2).reshape(batch * n, 1, length)  # [B * T, 1, S]
    out = F.conv1d(series, layer.weight[:, None, :], layer.bias)  # [B * T, H, S - L + 1]: W . rows p-L+1..p
    if window_norm == "last":  # W . (window - x_p) = W . window - (sum of W's row) * x_p
        out = out - layer.weight.sum(dim=1)[None, :, None] * series[:, :, lookback - 1 :]
    out = out.view(batch, n, -1, length - lookback + 1).permute(0, 3, 2, 1)  # [B, S - L + 1, H, T]
    return torch.cat([out.new_zeros(batch, lookback - 1, *out.shape[2:]), out], dim=1)  # [B, S, H, T]
