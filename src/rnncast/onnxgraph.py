"""The module an ONNX export writes (``export.export_onnx``): the network between the scaler and its inverse, float64
original units in and out, float32 between, as ``predict`` computes (``OnnxGraph``); its forecasts in PyTorch
(``torch_forecast``); seeded windows around the training data's level and spread to trace and check it
(``example_inputs``). A model of many series or with static covariates is refused (``RnncastError``).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import numpy as np
import torch
from torch import nn

from rnncast.errors import RnncastError

if TYPE_CHECKING:  # a fitted Forecaster, typed by its base learned.Learned: forecaster imports this module (through
    from rnncast.learned import Learned  # exporting.Exports and export), so naming Forecaster here would be a circle


class OnnxGraph(nn.Module):
    """The network between the scaler and its inverse: float64 original units in and out, float32 between,
    as ``predict`` computes. ``RnncastError`` for a model of many series or with static covariates."""

    def __init__(self, forecaster: Learned):
        super().__init__()
        reasons = []  # both named at once: refitting for one still leaves the other (decision 2050)
        if len(forecaster.ids_) > 1:
            reasons.append(f"takes a model of one series (one scaler goes into the graph); this one was trained on "
                           f"{len(forecaster.ids_)} series, each scaled on its own")
        if forecaster.static_encoder_ is not None:
            encoder = forecaster.static_encoder_
            reasons.append(f"does not carry static covariates (the graph's inputs are x and future); this model was "
                           f"trained with {encoder.numeric_names + encoder.categorical_names}")
        if reasons:
            static = "without static covariates (static_covariates=, --static-covariates, --static)"
            fix = {1: "export a model fitted on one series", 2: f"refit {static} to export",
                   3: f"refit on one series {static} to export"}[(len(forecaster.ids_) > 1) +
                                                                  2 * (forecaster.static_encoder_ is not None)]
            raise RnncastError("ONNX export " + ", and it ".join(reasons) + f": forecast with rnncast predict, or {fix}")
        scaler = forecaster.scalers_[0]
        self.net = copy.deepcopy(forecaster.net_).cpu().eval()  # the forecaster keeps its own, where it is
        self.n_targets = len(forecaster.targets_)
        self.first_future = self.n_targets + len(forecaster.past_covariates_)  # future-known columns come last
        self.nonnegative = bool(forecaster.settings_.model.nonnegative)  # forecasts clipped at 0, as predict's
        self.upper = forecaster.settings_.model.upper  # and at most this, as predict's (decision 2257)
        self.target_input = forecaster.settings_.data.target_input  # False: x holds the features alone
        self.register_buffer("offset", torch.tensor(scaler.offset, dtype=torch.float64))  # [C]
        self.register_buffer("scale", torch.tensor(scaler.scale, dtype=torch.float64))  # [C]

    def given(self, inputs: tuple) -> tuple:
        """``(x [B, L, C], future)`` as the graph takes them: x without the targets' columns where it reads none."""
        return (inputs[0] if self.target_input else inputs[0][..., self.n_targets :], *inputs[1:])

    def forward(self, x: torch.Tensor, future: torch.Tensor | None = None) -> torch.Tensor:
        """``x`` [B, L, C] (features alone: [B, L, F], with target_input False) and ``future`` [B, H, F] float64 in original units -> [B, H, T] (or [B, H, T, Q]) float64."""
        n, f = self.n_targets, self.first_future
        if not self.target_input:  # the targets' columns the network drops unread: their training level (scaled 0)
            x = torch.cat([self.offset[:n].expand(x.shape[0], x.shape[1], n), x], dim=-1)  # [B, L, C]
        x = ((x - self.offset) / self.scale).float()  # [B, L, C]: scaled in float64, as Scaler.transform
        if future is not None:
            future = ((future - self.offset[f:]) / self.scale[f:]).float()  # [B, H, F]
        y = self.net(x, future)  # [B, H, T] (or [B, H, T, Q]) float32
        scale, offset = self.scale[:n], self.offset[:n]  # [T]
        if y.dim() == 4:  # quantiles: the levels share their target's scale, and never cross (as predict sorts them)
            scale, offset = scale[:, None], offset[:, None]  # [T, 1]
            y = torch.sort(y, dim=-1).values  # [B, H, T, Q]
        y = y.double() * scale + offset  # float64: a forecast near 1e9 keeps its +-100, as Scaler.inverse
        y = torch.clamp(y, min=0.0) if self.nonnegative else y
        return y if self.upper is None else torch.clamp(y, max=float(self.upper))


@torch.inference_mode()
def torch_forecast(graph: OnnxGraph, x, future=None) -> np.ndarray:
    """The same forecasts from the PyTorch module that was exported, float64 in and out."""
    x = torch.as_tensor(np.asarray(x, dtype=np.float64))
    future = None if future is None else torch.as_tensor(np.asarray(future, dtype=np.float64))
    return graph(x, future).numpy()


def example_inputs(graph: OnnxGraph, lookback: int, horizon: int, batch: int) -> tuple:
    """Seeded windows around the training data's level and spread, float64 in original units: x [batch, L, C]
    (and future [batch, H, F])."""
    generator = torch.Generator().manual_seed(0)
    n_cols, f = graph.offset.numel(), graph.first_future
    x = graph.offset + graph.scale * torch.randn(batch, lookback, n_cols, generator=generator, dtype=torch.float64)
    if f == n_cols:
        return (x,)
    future = graph.offset[f:] + graph.scale[f:] * torch.randn(batch, horizon, n_cols - f, generator=generator,
                                                              dtype=torch.float64)
    return (x, future)
