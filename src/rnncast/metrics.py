"""Forecast metrics as pure functions of (y_true, y_pred), arrays of any matching shape.

Arrays shaped [windows, horizon, targets] are scored per target column and averaged over targets,
so a column with large values does not drown the others in R².
"""

from __future__ import annotations

import math

import numpy as np


def mse(y_true, y_pred) -> float:
    return float(np.mean((_f64(y_pred) - _f64(y_true)) ** 2))


def mae(y_true, y_pred) -> float:
    return float(np.mean(np.abs(_f64(y_pred) - _f64(y_true))))


def rmse(y_true, y_pred) -> float:
    return float(np.sqrt(mse(y_true, y_pred)))


def r2(y_true, y_pred) -> float:
    """Coefficient of determination of the flattened values (1 is perfect, 0 is the mean)."""
    y_true, y_pred = _f64(y_true).ravel(), _f64(y_pred).ravel()
    total = np.sum((y_true - y_true.mean()) ** 2)
    if total == 0:
        return float("nan")
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / total)


def smape(y_true, y_pred) -> float:
    """Symmetric MAPE in percent; pairs where both values are 0 count as exact."""
    y_true, y_pred = _f64(y_true), _f64(y_pred)
    denom = np.abs(y_true) + np.abs(y_pred)
    ratio = np.divide(2 * np.abs(y_pred - y_true), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(100 * np.mean(ratio))


def mape(y_true, y_pred) -> float:
    """MAPE in percent over the points whose true value is not 0 (NaN when every one is 0)."""
    y_true, y_pred = _f64(y_true), _f64(y_pred)
    keep = y_true != 0
    if not keep.any():
        return float("nan")
    return float(100 * np.mean(np.abs((y_pred[keep] - y_true[keep]) / y_true[keep])))


def score(y_true, y_pred) -> dict:
    """MSE, MAE, RMSE, R², sMAPE and MAPE; for [W, H, T] arrays, the mean over the T target columns."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred differ in shape: {y_true.shape} vs {y_pred.shape}")
    columns = [(y_true[..., k], y_pred[..., k]) for k in range(y_true.shape[-1])] if y_true.ndim == 3 else [(y_true, y_pred)]
    names = {"mse": mse, "mae": mae, "rmse": rmse, "r2": r2, "smape": smape, "mape": mape}
    return {name: float(np.mean([fn(t, p) for t, p in columns])) for name, fn in names.items()}


def _f64(a) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


def diebold_mariano(errors_a: np.ndarray, errors_b: np.ndarray, horizon: int) -> dict:
    """Is forecaster A's squared error lower than B's beyond chance? (Diebold–Mariano test.)

    ``errors_*``: [W, H, T] forecast errors on the same stride-1 windows. The loss difference per
    window is averaged over horizon and targets; its variance uses Newey–West weights over
    ``horizon - 1`` lags, because windows that overlap share targets. Returns the statistic (negative
    when A is better) and the one-sided p-value that A is not better than B.
    """
    d = (_f64(errors_a) ** 2 - _f64(errors_b) ** 2).reshape(len(errors_a), -1).mean(axis=1)  # [W]
    n = len(d)
    if n < 2:
        return {"statistic": float("nan"), "p_value": float("nan")}
    centred = d - d.mean()
    variance = centred @ centred / n
    for lag in range(1, min(horizon, n)):
        weight = 1 - lag / horizon
        variance += 2 * weight * (centred[lag:] @ centred[:-lag]) / n
    if variance <= 0:
        return {"statistic": float("nan"), "p_value": float("nan")}
    statistic = d.mean() / np.sqrt(variance / n)
    p_value = 0.5 * (1 + math.erf(statistic / math.sqrt(2)))  # P(Z <= statistic) under "no difference"
    return {"statistic": float(statistic), "p_value": float(p_value)}
