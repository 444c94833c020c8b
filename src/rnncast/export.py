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
import operator
import os
import sys
import tempfile
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from rnncast import files, pathargs
from rnncast.version import __version__
from rnncast.errors import RnncastError
from rnncast.forecaster import Forecaster
from rnncast.outputs import check_output_file
from rnncast.replaceable import onnx_refusal

OPSET = 17
QUANTILE_OPSET = 11  # a quantile head's levels are sorted in the graph (torch.sort), which the exporter writes from opset 11
MIN_OPSET = 9  # below it the exporter writes the recurrent cells' zero state with ConstantFill, which no runtime runs
INSTALL_HINT = "pip install 'rnncast[onnx]' (or: pip install onnx onnxruntime)"
EXPORTED = ("an ONNX model rnncast exported", onnx_refusal)  # what --overwrite replaces (outputs.check_output_file)


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
        if y.dim() == 4:  # quantiles: the levels share their target's scale, and never cross (as predict sorts them)
            scale, offset = scale[:, None], offset[:, None]  # [T, 1]
            y = torch.sort(y, dim=-1).values  # [B, H, T, Q]
        return y * scale + offset  # [B, H, T] (or [B, H, T, Q])


@dataclass
class Exported:
    path: Path
    inputs: dict  # name -> shape, "batch" for the dynamic axis
    output: list
    checked_windows: int  # windows onnxruntime and PyTorch both forecast (0: onnxruntime not installed)
    max_abs_diff: float | None  # the largest difference between the two, in original units
    max_rel_diff: float | None = None  # that difference over the largest forecast's size: float32 leaves ~1e-7


def export_onnx(forecaster: Forecaster, path, opset: int = OPSET, check: bool = True, overwrite: bool = False) -> Exported:
    """Write ``forecaster``'s model as ONNX to ``path``; with ``check`` (and onnxruntime installed),
    run both on 64 windows and report how far apart they are.

    The file is written only once the model is made, passes ONNX's checker and (with ``check``)
    loads and runs in onnxruntime: a failed export is one ``RnncastError`` and leaves no file (an
    older file at ``path`` stays as it was). ``path`` must end in ``.onnx``; an existing file is
    replaced only with ``overwrite``, and only an ONNX model rnncast exported (``replaceable.onnx_refusal``); a
    model folder's file, or a file of a run, backtest or tune folder
    (its report.html, say), never: each is a ``RnncastError`` (``outputs.check_output_file``, which
    ``rnncast export --onnx`` applies too)."""
    pathargs.checked("export_onnx's path", path, "the .onnx file to write")
    forecaster.check_fitted()
    opset = _check_opset(opset)
    if forecaster.settings_.model.quantiles and opset < QUANTILE_OPSET:
        raise RnncastError(f"a quantile model exports at opset {QUANTILE_OPSET} or later (its levels are sorted in the graph, "
                           f"as predict sorts them, with an operator opset {opset} lacks), got opset {opset}; the default "
                           f"is {OPSET}")
    try:
        import onnx
    except ImportError:
        raise RnncastError(f"ONNX export needs the onnx package: {INSTALL_HINT}") from None
    # the guard `rnncast export --onnx` applies: a name ending in .onnx, never a folder, a model folder's file or a
    # file of a run, backtest or tune (with or without overwrite), another existing file only with overwrite, and
    # then an ONNX model rnncast exported alone (which onnx reads, so it is imported first)
    path = check_output_file(path, "path", ".onnx", suffixes=(".onnx",), overwrite=overwrite, own=EXPORTED)
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
        try:
            with _quiet_stdout():
                torch.onnx.export(graph, example, buffer, dynamo=False, input_names=names, output_names=["y"],
                                  dynamic_axes={**{name: {0: "batch"} for name in names}, "y": {0: "batch"}},
                                  opset_version=opset)
        except Exception as err:  # an operator the opset lacks, an exporter bug: no file, one line
            said = _first_line(err).split("[Caused by")[0].strip()  # the rest names graph values
            raise RnncastError(f"the ONNX exporter failed at opset {opset}: {said.rstrip('.')}; nothing was written; "
                               f"try the default opset {OPSET}") from None
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
    output = ["batch", data_s.horizon, len(forecaster.targets_)] + ([len(forecaster.settings_.model.quantiles)]
                                                                     if forecaster.settings_.model.quantiles else [])
    for dim, size in zip(model.graph.output[0].type.tensor_type.shape.dim[1:], output[1:]):
        dim.dim_value = size  # the exporter names them as symbols (Addy_dim_1, ...): only batch varies
    content = model.SerializeToString()
    try:
        onnx.checker.check_model(model)
    except Exception as err:  # onnx.checker.ValidationError
        raise RnncastError(f"the ONNX model made at opset {opset} is invalid ({_first_line(err)}); nothing was "
                           f"written; try the default opset {OPSET}") from None
    checked, diff, relative = 0, None, None
    if check and importlib.util.find_spec("onnxruntime") is not None:
        import onnxruntime

        windows = _example_inputs(graph, data_s.lookback, data_s.horizon, batch=64)
        try:
            session = onnxruntime.InferenceSession(content, providers=["CPUExecutionProvider"])
            ran = run_onnx(None, *windows, session=session)
        except Exception as err:  # onnxruntime's errors have types of their own
            raise RnncastError(f"onnxruntime cannot run the model made at opset {opset} ({_first_line(err)}); "
                               f"nothing was written; try the default opset {OPSET}") from None
        expected = torch_forecast(graph, *windows)
        checked, diff, size = 64, float(np.abs(ran - expected).max()), float(np.abs(expected).max())
        relative = diff / size if size > 0 else diff
    files.write_bytes(path, content)  # atomic: a temporary name in the folder, then renamed
    return Exported(path, inputs, output, checked, diff, relative)


def _check_opset(opset) -> int:
    """The opset as an int (NumPy integers too), or a ``RnncastError`` saying which opsets export."""
    try:
        value = operator.index(opset) if not isinstance(opset, bool) else None
    except TypeError:
        value = None
    try:
        from torch.onnx._constants import ONNX_MAX_OPSET as highest  # the newest opset this torch writes
    except ImportError:
        highest = 20
    if value is None or not MIN_OPSET <= value <= highest:
        raise RnncastError(f"opset must be a whole number from {MIN_OPSET} to {highest} (the ONNX opsets this "
                           f"PyTorch exports recurrent networks to), got {opset!r}; the default is {OPSET}")
    return value


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


@contextmanager
def _quiet_stdout():
    """Drop what C++ code writes to file descriptor 1 meanwhile: PyTorch's exporter prints its whole
    graph there when it fails ("Torch IR graph at exception"), and a failed export is one line."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):  # no descriptor 1 to guard
        yield
        return
    try:
        with tempfile.TemporaryFile() as sink:
            os.dup2(sink.fileno(), 1)
            try:
                yield
            finally:
                os.dup2(saved, 1)
    finally:
        os.close(saved)


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
