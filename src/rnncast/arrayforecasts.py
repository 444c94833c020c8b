"""Forecasts of input windows handed over as an array, as ``Forecaster.predict_array`` and the ONNX export's
check take them: ``predict_array`` checks the windows (the model's kind, their shape, a missing or infinite value by
window, step and column, ``batch_size``), ``window_forecasts`` runs the network over windows already checked, in
batches, scaled by the one series' scaler. Shapes: windows [N, lookback L, columns C], horizon H, targets T,
quantile levels Q; values float64 in original units in and out (float32 inside the network).
"""

from __future__ import annotations

import logging
import operator

import numpy as np
import pandas as pd
import torch

from rnncast import arrays, calendarcovariates, negatives
from rnncast.errors import RnncastError
from rnncast.forecasting import Model, few_threads
from rnncast.spelling import some

log = logging.getLogger(__name__)


def predict_array(model: Model, inputs: np.ndarray, batch_size: int = 4096) -> np.ndarray:
    """Forecasts for a batch of input windows [N, lookback, columns] in original units -> [N, H, targets] float64 in
    original units; a model fitted with quantiles gives every level, [N, H, targets, quantiles] sorted as ``predict``
    sorts them (the point forecast, the median, at ``quantiles.index(0.5)``): what the ONNX export's ``y`` gives.

    Columns in training order (targets, then features); a model fitted with ``target_input=False`` takes the
    features alone, [N, lookback, features], as the ONNX export's ``x`` does, or (as before decision 1780) the windows
    with its target columns first, which are never read nor checked (blanks too). For many windows of the one series a
    model was trained on. Models trained with future-known or static covariates (calendar covariates too: no window
    of numbers holds the times they are computed from, decision 2026), or on many series (each with its own scaler),
    need ``predict`` instead. A masked array's masked entries, ``pd.NA`` and
    ``None`` are missing values; booleans are read as 1 and 0, with a note. Raises ``RnncastError`` for such a model,
    for inputs of another shape, of complex numbers, dates or timedeltas (datetime64, timedelta64), or holding a
    missing or infinite value (named by window, step and column), or a batch_size that is not a positive integer.
    """
    state = model.state
    if made := calendarcovariates.columns(state.settings.data.calendar_covariates):  # decision 2026
        own = calendarcovariates.given(state.future_covariates, state.settings.data.calendar_covariates)
        raise RnncastError(
            f"predict_array takes windows without their times, and this model reads calendar covariates computed from "
            f"each step's time (calendar_covariates={state.settings.data.calendar_covariates!r}: {', '.join(made)}), "
            f"over the forecast steps too, which no window of numbers holds; use predict(data) with a frame holding "
            f"the time column{f' {state.time_col!r}' if state.time_col else ''}"
            + (f", and future= for {', '.join(map(repr, own))}" if own else "") + ", which computes them")
    if state.future_covariates:
        raise RnncastError("predict_array does not take future feature values; use predict(data, future=...)")
    if len(state.ids) > 1 or state.static_encoder is not None:
        raise RnncastError("predict_array takes windows of one series; a model of many series predicts with predict(data)")
    inputs = _as_numbers(inputs)  # float64 until scaled
    inputs, columns = _read_columns(state, inputs)  # [N, L, C]; the columns read, the last (not a model's unread targets)
    read = inputs[..., inputs.shape[-1] - len(columns) :]  # [N, L, columns read]
    bad = ~np.isfinite(read)
    if bad.any():
        windows = np.flatnonzero(bad.any(axis=(1, 2)))
        w = int(windows[0])
        step, column = (int(k) for k in np.argwhere(bad[w])[0])
        listed = some([str(k) for k in windows[:10]], 10, total=len(windows))
        raise RnncastError(f"{len(windows)} input window(s) hold a missing or infinite value: window {w} has "
                           f"{read[w, step, column]} at step {step}, column {columns[column]!r} (windows {listed}); "
                           "a forecast needs every value: fill them first")
    try:
        size = operator.index(batch_size) if not isinstance(batch_size, bool) else 0
    except TypeError:
        size = 0
    if size < 1:
        raise RnncastError(f"batch_size must be a positive integer, got {batch_size!r}")
    return window_forecasts(model, inputs, batch_size=size)  # every quantile level, sorted, as the ONNX export's y


def _as_numbers(inputs) -> np.ndarray:
    """``inputs`` as float64: a masked array's masked entries, ``pd.NA`` and ``None`` as NaN (missing values, refused
    by window, step and column, as ``fit`` reads them: decisions 790, 1866, 1868); booleans as 1 and 0 with ``fit``'s
    note. Raises ``RnncastError`` for complex numbers (the imaginary part would be dropped), dates and timedeltas
    (datetime64, timedelta64: epoch numbers), as ``fit`` refuses them (decisions 348, 1867), and for values not
    numbers."""
    array = arrays.unmasked(inputs) if isinstance(inputs, np.ma.MaskedArray) else inputs
    try:
        array = np.asarray(array)
        if array.dtype.kind == "O":  # pd.NA, None: missing values, not float()'s error (decision 1868)
            array = np.where(pd.isna(array), np.nan, array)
    except (TypeError, ValueError) as err:
        raise RnncastError(f"inputs must be numbers in an array [N, lookback, columns]; {err}") from None
    kind = array.dtype.kind
    if kind == "c":  # np.asarray(..., float64) kept the real part, with NumPy's ComplexWarning
        raise RnncastError(f"inputs hold complex numbers ({array.dtype}), and the values must be real: give the real "
                           "part (np.real) or the magnitude (np.abs)")
    if kind in "mM":  # read as epoch numbers
        what = "dates" if kind == "M" else "timedeltas"
        raise RnncastError(f"inputs hold {what} ({array.dtype}), not numbers: give the windows' values in the units "
                           "the model was trained on")
    if kind == "b":
        log.info("inputs hold booleans (True, False), read as the numbers 1 and 0")  # as fit says it (decision 2183)
    try:
        return np.asarray(array, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise RnncastError(f"inputs must be numbers in an array [N, lookback, columns]; {err}") from None


def _read_columns(state, inputs: np.ndarray) -> tuple[np.ndarray, list]:
    """``inputs`` [N, L, C] in the columns the network's scaler takes (targets, then features), and the names of
    those a forecast reads: all, or, for a model fitted with ``target_input=False``, the features alone, which it
    takes as [N, L, features] (the ONNX export's ``x``) or after its target columns; those stand at the target's
    training level (scaled 0, as the ONNX graph fills them), so a blank there is not read (decision 1780)."""
    lookback, n_t, features = state.settings.data.lookback, len(state.targets), list(state.features)
    full = (lookback, n_t + len(features))
    if state.settings.data.target_input:
        if inputs.ndim != 3 or inputs.shape[1:] != full:
            raise RnncastError(f"inputs must have shape [N, {full[0]}, {full[1]}], got {inputs.shape}")
        return inputs, state.targets + features
    alone = (lookback, len(features))
    if inputs.ndim != 3 or inputs.shape[1:] not in (alone, full):
        raise RnncastError(f"inputs must have shape [N, {lookback}, {len(features)}] (the features {features}: the "
                           f"model reads no target, target_input=False), or [N, {lookback}, {full[1]}] with the "
                           f"target columns first, which it does not read; got {inputs.shape}")
    level = np.broadcast_to(state.scalers[0].offset[:n_t], (*inputs.shape[:2], n_t))  # [N, L, T]
    return np.concatenate([level, inputs[..., n_t:] if inputs.shape[1:] == full else inputs], axis=-1), features


def window_forecasts(model: Model, inputs: np.ndarray, future: np.ndarray | None = None,
                     batch_size: int = 4096) -> np.ndarray:
    """``predict_array``'s forecasts, every quantile level kept (sorted), of windows already checked: ``inputs``
    [N, L, C] and ``future`` [N, H, F] (future covariates, for a model that has them) float64 in original units,
    scaled in float64 by the one series' scaler, then float32 -> [N, H, T] (or [N, H, T, Q]) float64 in original units."""
    state = model.state
    scaler, n_t, first = state.scalers[0], len(state.targets), len(state.targets) + len(state.past_covariates)
    outputs = []
    with torch.inference_mode(), few_threads(len(inputs)):
        for i in range(0, len(inputs), batch_size):
            x = torch.from_numpy(scaler.transform(inputs[i : i + batch_size])).to(model.device)  # [B, L, C]
            fut = None if future is None else torch.from_numpy(
                scaler.transform(future[i : i + batch_size], slice(first, None))).to(model.device)  # [B, H, F]
            outputs.append(model.net(x, fut).float().cpu().numpy())  # [B, H, T] or [B, H, T, Q]
    levels = state.settings.model.quantiles
    empty = (0, state.settings.data.horizon, n_t) + ((len(levels),) if levels else ())
    y = np.concatenate(outputs) if outputs else np.zeros(empty, np.float32)
    if not levels:
        return negatives.clipped(state, scaler.inverse(y, slice(0, n_t)))  # nonnegative: at 0, as predict
    return negatives.clipped(state, scaler.inverse(np.sort(y, axis=-1).swapaxes(-1, -2), slice(0, n_t)).swapaxes(-1, -2))
