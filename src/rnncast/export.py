"""ONNX export of a trained model: ``rnncast export RUN --onnx model.onnx``.

The graph takes windows in original units and returns forecasts in original units: the scaler
(fitted on the training rows) and the per-window normalization are inside it, so a deployment
needs onnxruntime and nothing of rnncast or of Python training code.

- input ``x``: [batch, lookback, columns] float32, targets first, then features (training order)
- input ``future``: [batch, horizon, future covariates] float32, only for models that have them
- output ``y``: [batch, horizon, targets] float32 ([batch, horizon, targets, quantiles] with quantiles)

Models of one series are exported (one scaler goes into the graph); a model of many series, each
scaled on its own, is refused with a message.

The batch axis is dynamic. The model's metadata (``metadata_props``) names the columns and gives
lookback and horizon. The export uses PyTorch's TorchScript-based exporter: it writes the ONNX
RNN, LSTM and GRU operators in well under a second and needs only the ``onnx`` package.
"""

from __future__ import annotations

import copy
import importlib.util
import io
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from rnncast import files
from rnncast.version import __version__
from rnncast.errors import RnncastError
from rnncast.forecaster import Forecaster

OPSET = 17
INSTALL_HINT = "pip install 'rnncast[onnx]' (or: pip install onnx onnxruntime)"


class OnnxGraph(nn.Module):
    """The network between the scaler and its inverse: original units in, original units out."""

    def __init__(self, forecaster: Forecaster):
        super().__init__()
        if len(forecaster.ids_) > 1 or forecaster.static_encoder_ is not None:
            raise RnncastError(
                f"ONNX export takes a model of one series (one scaler in the graph); this one was trained on "
                f"{len(forecaster.ids_)} series{' with static covariates' if forecaster.static_encoder_ is not None else ''}"
            )
        scaler = forecaster.scalers_[0]
        self.net = copy.deepcopy(forecaster.net_).cpu().eval()  # the forecaster keeps its own, where it is
        self.n_targets = len(forecaster.targets_)
        self.first_future = self.n_targets + len(forecaster.past_covariates_)  # future-known columns come last
        self.register_buffer("offset", torch.tensor(scaler.offset, dtype=torch.float32))  # [C]
        self.register_buffer("scale", torch.tensor(scaler.scale, dtype=torch.float32))  # [C]

    def forward(self, x: torch.Tensor, future: torch.Tensor | None = None) -> torch.Tensor:
        n, f = self.n_targets, self.first_future
        x = (x - self.offset) / self.scale  # [B, L, C]
        if future is not None:
            future = (future - self.offset[f:]) / self.scale[f:]  # [B, H, F]
        y = self.net(x, future)  # [B, H, T] (or [B, H, T, Q])
        scale, offset = self.scale[:n], self.offset[:n]  # [T]
        if y.dim() == 4:  # quantiles: the levels share their target's scale
            scale, offset = scale[:, None], offset[:, None]  # [T, 1]
        return y * scale + offset  # [B, H, T] (or [B, H, T, Q])


@dataclass
class Exported:
    path: Path
    inputs: dict  # name -> shape, "batch" for the dynamic axis
    output: list
    checked_windows: int  # windows onnxruntime and PyTorch both forecast (0: onnxruntime not installed)
    max_abs_diff: float | None  # the largest difference between the two, in original units


def export_onnx(forecaster: Forecaster, path, opset: int = OPSET, check: bool = True) -> Exported:
    """Write ``forecaster``'s model as ONNX to ``path``; with ``check`` (and onnxruntime installed),
    run both on 64 windows and report how far apart they are."""
    forecaster.check_fitted()
    try:
        import onnx
    except ImportError:
        raise RnncastError(f"ONNX export needs the onnx package: {INSTALL_HINT}") from None
    graph = OnnxGraph(forecaster)
    data_s = forecaster.settings_.data
    n_cols, n_future = graph.offset.numel(), len(forecaster.future_covariates_)
    example = _example_inputs(graph, data_s.lookback, data_s.horizon, batch=2)
    names = ["x", "future"][: len(example)]
    inputs = {"x": ["batch", data_s.lookback, n_cols]}
    if n_future:
        inputs["future"] = ["batch", data_s.horizon, n_future]
    buffer = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        # the TorchScript exporter is deprecated in favour of torch.export, which needs onnxscript and
        # takes seconds per model; and it warns that RNNs exported at batch 2 may not run at other
        # batch sizes, which the check below (and tests/test_export.py) show they do
        warnings.simplefilter("ignore")
        torch.onnx.export(graph, example, buffer, dynamo=False, input_names=names, output_names=["y"],
                          dynamic_axes={**{name: {0: "batch"} for name in names}, "y": {0: "batch"}},
                          opset_version=opset)
    model = onnx.load_from_string(buffer.getvalue())
    model.doc_string = (f"rnncast {forecaster.cell} forecaster: windows of {data_s.lookback} steps of "
                        f"{forecaster.targets_ + forecaster.features_} -> {data_s.horizon} steps of {forecaster.targets_}, "
                        "original units in and out")
    meta = {"rnncast_version": __version__, "lookback": data_s.lookback, "horizon": data_s.horizon,
            "targets": json.dumps(forecaster.targets_), "features": json.dumps(forecaster.features_),
            "future_covariates": json.dumps(forecaster.future_covariates_), "cell": forecaster.cell,
            "quantiles": json.dumps(list(forecaster.settings_.model.quantiles)), "scaler": forecaster.scalers_[0].kind}
    for key, value in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    path = Path(path)
    files.write_bytes(path, model.SerializeToString())
    output = ["batch", data_s.horizon, len(forecaster.targets_)] + ([len(forecaster.settings_.model.quantiles)]
                                                                     if forecaster.settings_.model.quantiles else [])
    if not check:
        return Exported(path, inputs, output, 0, None)
    if importlib.util.find_spec("onnxruntime") is None:
        return Exported(path, inputs, output, 0, None)
    windows = _example_inputs(graph, data_s.lookback, data_s.horizon, batch=64)
    diff = float(np.abs(run_onnx(path, *windows) - torch_forecast(graph, *windows)).max())
    return Exported(path, inputs, output, 64, diff)


def run_onnx(path, x: torch.Tensor | np.ndarray, future=None, session=None) -> np.ndarray:
    """Forecasts of the ONNX model at ``path`` (or of an open ``session``) with onnxruntime on CPU."""
    import onnxruntime

    session = session or onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feed = {"x": np.asarray(x, dtype=np.float32)}
    if future is not None:
        feed["future"] = np.asarray(future, dtype=np.float32)
    return session.run(["y"], feed)[0]


@torch.inference_mode()
def torch_forecast(graph: OnnxGraph, x, future=None) -> np.ndarray:
    """The same forecasts from the PyTorch module that was exported."""
    x = torch.as_tensor(np.asarray(x, dtype=np.float32))
    future = None if future is None else torch.as_tensor(np.asarray(future, dtype=np.float32))
    return graph(x, future).numpy()


def _example_inputs(graph: OnnxGraph, lookback: int, horizon: int, batch: int) -> tuple:
    """Seeded windows around the training data's level and spread, in original units."""
    generator = torch.Generator().manual_seed(0)
    x = graph.offset + graph.scale * torch.randn(batch, lookback, graph.offset.numel(), generator=generator)
    f = graph.first_future
    if f == graph.offset.numel():
        return (x,)
    future = graph.offset[f:] + graph.scale[f:] * torch.randn(batch, horizon, graph.offset.numel() - f, generator=generator)
    return (x, future)
