"""ONNX export of a trained model: ``rnncast export RUN --onnx model.onnx``.

The graph takes windows in original units and returns forecasts in original units, both float64: the
scaler (fitted on the training rows) is inside it, and computes as ``predict`` does: ``(x - offset) /
scale`` in float64, cast to float32 for the network (whose per-window normalization works on those
scaled values, as in training), and ``y * scale + offset`` in float64 after it. So a meter near 1e9
keeps its +-100 (float32 input would round it to steps of 64 before the scaler saw it), and a
deployment needs onnxruntime and nothing of rnncast or of Python training code.

- input ``x``: [batch, lookback, columns] float64, targets first, then features: past covariates,
  then future ones (metadata ``x_columns``); the features alone for a model fitted with target_input False
- input ``future``: [batch, horizon, future covariates] float64, only for models that have them
- output ``y``: [batch, horizon, targets] float64 ([batch, horizon, targets, quantiles] with quantiles)

Models of one series without static covariates are exported (one scaler goes into the graph, whose
inputs are ``x`` and ``future``); a model of many series, each scaled on its own, or one trained with
static covariates is refused with a message.

The batch axis is dynamic. The model's metadata (``metadata_props``, keys in ``onnxmeta.METADATA``) names the
columns and gives lookback and horizon. After writing the model in memory, the export runs it in
onnxruntime on 64 seeded windows and compares it with rnncast's own forecasts of them
(``arrayforecasts.window_forecasts``, what ``predict_array`` gives); a difference beyond float32's rounding
of the scaled values is refused and nothing is written. The export uses PyTorch's TorchScript-based
exporter: it writes the ONNX RNN, LSTM and GRU operators in well under a second and needs only the
``onnx`` package.
"""

from __future__ import annotations

import io
import logging
import operator
import os
import sys
import tempfile
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch

from rnncast import files, formatversions, onnxmeta, onnxpackages, pathargs, settingvalues
from rnncast.errors import RnncastError
from rnncast.arrayforecasts import window_forecasts
from rnncast.forecasting import Model
from rnncast.onnxgraph import OnnxGraph, example_inputs
from rnncast.outputs import check_output_file, exists_text
from rnncast.replaceable import judged_onnx, onnx_refusal

if TYPE_CHECKING:  # a fitted Forecaster, typed by its base learned.Learned: forecaster imports this module
    from rnncast.learned import Learned  # (through exporting.Exports), so naming Forecaster here would be a circle

log = logging.getLogger(__name__)

OPSET = formatversions.OPSET  # the default opset, shared with Forecaster.export_onnx and --opset (decision 1818)
QUANTILE_OPSET = 11  # a quantile head's levels are sorted in the graph (torch.sort), which the exporter writes from opset 11
NONNEGATIVE_OPSET = 12  # the clip at 0 on float64: onnxruntime 1.32 runs Clip on double from opset 12 alone (11, 9
# measured: "Could not find an implementation for Clip(11)"; decision 2051)
MIN_OPSET = 9  # below it the exporter writes the recurrent cells' zero state with ConstantFill, which no runtime runs
INSTALL_HINT = "pip install 'rnncast[onnx]' (or: pip install onnx onnxruntime)"
CHECKED_WINDOWS = 64
TOLERANCE = 1e-3  # of a target's scale (of the scaled forecast's size, where larger): float32 rounding leaves ~1e-7
EXPORTED = ("an ONNX model rnncast exported", onnx_refusal)  # what --overwrite replaces (outputs.check_output_file)


@dataclass
class Exported:
    path: Path
    inputs: dict  # name -> shape, "batch" for the dynamic axis
    output: list
    checked_windows: int  # windows onnxruntime and rnncast both forecast (0: not run, onnxruntime not installed)
    max_abs_diff: float | None  # the largest difference between the two, in original units
    max_rel_diff: float | None = None  # the largest difference over its target's scale: float32 leaves ~1e-7
    windows: str = ""  # what the checked windows are, in words
    before: str = ""  # what a caller must do to its rows before x, which predict does and the graph not (onnxmeta.before_x)


def export_onnx(forecaster: Learned, path, opset: int = OPSET, check: bool = True, overwrite: bool = False,
                flag: str = "path") -> Exported:
    """Write ``forecaster``'s model as ONNX to ``path`` (float64 in and out, see the module's docstring); with
    ``check`` (and onnxruntime installed), forecast 64 seeded windows around the scaler's offset and scale
    (the training data's level and spread; 0 and 1 for scaler none) with onnxruntime and with rnncast
    (``arrayforecasts.window_forecasts``) and report how far apart they are (``Exported``).

    The file is written only once the model is made, passes ONNX's checker and (with ``check``)
    loads and runs in onnxruntime and forecasts as rnncast does (within ``TOLERANCE`` of each target's
    scale): a failed export is one ``RnncastError`` and leaves no file (an older file at ``path`` stays
    as it was). A model of many series or with static covariates is refused (``onnxgraph.OnnxGraph``), and so is an
    opset below 11 for a quantile model (``QUANTILE_OPSET``) or below 12 for a nonnegative one (``NONNEGATIVE_OPSET``). ``path``
    must end in ``.onnx``; an existing file is replaced only with ``overwrite``, and only an ONNX model
    rnncast exported (``replaceable.onnx_refusal``); a model folder's file, or a file of a run, backtest
    or tune folder (its report.html, say), never: each is a ``RnncastError`` (``outputs.check_output_file``,
    which ``rnncast export --onnx`` applies too, naming it ``flag``); a file another process wrote there since, too;
    ``check`` or ``overwrite`` not True or False (decision 1841)."""
    for name, value in (("overwrite", overwrite), ("check", check)):  # 'no' would read as yes (decision 1841)
        settingvalues.flag(name, value)
    path = pathargs.checked("export_onnx's path", path, "the .onnx file to write")
    forecaster.check_fitted()
    opset = _check_opset(opset)
    if forecaster.settings_.model.quantiles and opset < QUANTILE_OPSET:
        raise RnncastError(f"a quantile model exports at opset {QUANTILE_OPSET} or later (its levels are sorted in the graph, "
                           f"as predict sorts them, with an operator opset {opset} lacks), got opset {opset}; the default "
                           f"is {OPSET}")
    if (clip := "nonnegative" if forecaster.settings_.model.nonnegative else "upper" * (
            forecaster.settings_.model.upper is not None)) and opset < NONNEGATIVE_OPSET:  # upper: decision 2257
        raise RnncastError(f"a{'' if clip == 'upper' else ' nonnegative'} model{' with upper' if clip == 'upper' else ''} "
                           f"exports at opset {NONNEGATIVE_OPSET} or later (its clip at {'its bound' if clip == 'upper' else 0} on float64 "
                           f"forecasts is an operator onnxruntime runs on float64 from opset {NONNEGATIVE_OPSET}), got "
                           f"opset {opset}; the default is {OPSET}")
    try:
        onnx = onnxpackages.imported("onnx")  # a user's own onnx.py is refused by name, before the exporter uses it
    except ImportError:
        raise RnncastError(f"ONNX export needs the onnx package: {INSTALL_HINT}") from None
    # the guard `rnncast export --onnx` applies: a name ending in .onnx, never a folder, a model folder's file or a
    # file of a run, backtest or tune (with or without overwrite), another existing file only with overwrite, and
    # then an ONNX model rnncast exported alone (which onnx reads, so it is imported first)
    judged = []  # the old file read once, for both what it is and whether a newer rnncast wrote it
    own = (EXPORTED[0], lambda old: (judged.append(judged_onnx(old)) or judged[-1][0]))
    path = check_output_file(path, flag, ".onnx", suffixes=(".onnx",), overwrite=overwrite, own=own)
    graph = OnnxGraph(forecaster)
    data_s = forecaster.settings_.data
    n_future = len(forecaster.future_covariates_)
    example = graph.given(example_inputs(graph, data_s.lookback, data_s.horizon, batch=2))
    names = ["x", "future"][: len(example)]
    inputs = {"x": ["batch", data_s.lookback, example[0].shape[-1]]}
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
            raise RnncastError(f"the ONNX exporter failed at opset {opset}: {said.rstrip('.')}; nothing was written"
                               f"{_advice(opset)}") from None
    model = onnx.load_from_string(buffer.getvalue())
    model.doc_string = onnxmeta.description(forecaster)
    for key, value in onnxmeta.metadata(forecaster).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnxmeta.read(model)  # what a reader checks reads back
    output = ["batch", data_s.horizon, len(forecaster.targets_)] + ([len(forecaster.settings_.model.quantiles)]
                                                                     if forecaster.settings_.model.quantiles else [])
    for dim, size in zip(model.graph.output[0].type.tensor_type.shape.dim[1:], output[1:]):
        dim.dim_value = size  # the exporter names them as symbols (Addy_dim_1, ...): only batch varies
    content = model.SerializeToString()
    try:
        onnx.checker.check_model(model)
    except Exception as err:  # onnx.checker.ValidationError
        raise RnncastError(f"the ONNX model made at opset {opset} is invalid ({_first_line(err)}); nothing was "
                           f"written{_advice(opset)}") from None
    checked, diff, relative = 0, None, None
    if check and onnxpackages.installed("onnxruntime"):
        checked, diff, relative = _check(forecaster, graph, content, opset)
    newer = judged[-1][1] if overwrite and judged else None  # a roll back by mistake: said (decision 1531)
    files.write_bytes(path, content, None if overwrite else exists_text(path, flag))  # atomic; new: a file of another
    # export written there since the check stays (decision 861)
    if newer:
        log.warning("replaced %s, %s, as overwrite asked", path, newer)
    none = forecaster.scalers_[0].kind == "none"  # it keeps no level or spread of the data
    said = "seeded windows " + ("of values around 0 with spread 1 (scaler none)" if none else
                                "around the training data's level and spread")
    return Exported(path, inputs, output, checked, diff, relative, said, onnxmeta.before_x(forecaster))


def _check(forecaster: Learned, graph: OnnxGraph, content: bytes, opset: int) -> tuple[int, float, float]:
    """onnxruntime's forecasts of the model ``content`` against rnncast's (``window_forecasts``, as ``predict_array``
    gives them) on seeded windows: (windows, largest difference in original units, that over its target's scale),
    or ``RnncastError`` when onnxruntime cannot run it or differs beyond float32's rounding of the scaled values."""
    onnxruntime = onnxpackages.imported("onnxruntime")

    data_s = forecaster.settings_.data
    windows = [w.numpy() for w in example_inputs(graph, data_s.lookback, data_s.horizon, batch=CHECKED_WINDOWS)]
    try:
        session = onnxruntime.InferenceSession(content, providers=["CPUExecutionProvider"])
        ran = run_onnx(None, *graph.given(windows), session=session)
    except Exception as err:  # onnxruntime's errors have types of their own
        raise RnncastError(f"onnxruntime cannot run the model made at opset {opset} ({_first_line(err)}); "
                           f"nothing was written{_advice(opset)}") from None
    expected = window_forecasts(Model(forecaster.net_, forecaster.state_, forecaster.device_), *windows)
    scale, offset = graph.scale[: graph.n_targets].numpy(), graph.offset[: graph.n_targets].numpy()  # [T]
    if expected.ndim == 4:
        scale, offset = scale[:, None], offset[:, None]  # [T, 1]
    gap = np.abs(ran - expected)
    diff, relative = float(gap.max()), float((gap / scale).max())
    allowed = TOLERANCE * np.maximum(1.0, np.abs(expected - offset) / scale)  # float32's rounding is relative
    if not np.all(gap / scale <= allowed):  # NaN too
        raise RnncastError(f"onnxruntime's forecasts differ from rnncast's by up to {diff:.2g} in original units "
                           f"({relative:.2g} of the target's scale) on {CHECKED_WINDOWS} windows, more than float32's "
                           f"rounding explains ({TOLERANCE:g} of the scale); nothing was written{_advice(opset)}"
                           f"{', or' if opset != OPSET else ';'} report it with the run")
    return CHECKED_WINDOWS, diff, relative


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


def _advice(opset: int) -> str:
    """The opset to try instead after a failure at ``opset``: the default, never the one that failed."""
    return f"; try the default opset {OPSET}" if opset != OPSET else ""


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
    """Forecasts of the ONNX model at ``path`` (or of an open ``session``) with onnxruntime on CPU: ``x`` [N, L, C]
    (and ``future`` [N, H, F]) in original units, fed as float64 -> [N, H, T] (or [N, H, T, Q]) float64."""
    onnxruntime = onnxpackages.imported("onnxruntime")
    session = session or onnxruntime.InferenceSession(str(pathargs.expanded(path)), providers=["CPUExecutionProvider"])
    feed = {"x": np.asarray(x, dtype=np.float64)}
    if future is not None:
        feed["future"] = np.asarray(future, dtype=np.float64)
    return session.run(["y"], feed)[0]
