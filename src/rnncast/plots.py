"""Figures for the run directory. Each function returns a matplotlib ``Figure`` made without pyplot:
nothing is shown, and matplotlib's global state (its backend, pyplot's figure list) is left as the
user set it, so a notebook's inline plots keep working."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

MAX_POINTS = 400  # a contiguous stretch short enough to see the shape of the series


def loss_figure(histories: dict[str, list[dict]]) -> Figure:
    """Training (solid) and validation (dashed) loss per epoch, one colour per model."""
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.subplots()
    for i, (name, history) in enumerate(histories.items()):
        colour = f"C{i}"
        epochs = [h["epoch"] for h in history]
        ax.plot(epochs, [h["train_loss"] for h in history], color=colour, label=f"{name} train")
        val = [h["val_loss"] for h in history]
        if any(v is not None for v in val):
            ax.plot(epochs, [np.nan if v is None else v for v in val], color=colour, ls="--", label=f"{name} validation")
            best = min((h for h in history if h["val_loss"] is not None), key=lambda h: h["val_loss"])
            ax.plot(best["epoch"], best["val_loss"], "o", color=colour, ms=5)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE (scaled units)")
    ax.set_title("Loss per epoch (dot: best validation epoch, whose weights are kept)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return fig


def forecast_figure(x, actual: np.ndarray, predictions: dict[str, np.ndarray], title: str, ylabel: str,
                    bands: dict[str, tuple[np.ndarray, np.ndarray]] | None = None) -> Figure:
    """Actual values and forecasts over one contiguous stretch of the test split.

    ``actual`` and each prediction are 1-D over the same points ``x`` (time or row number).
    ``bands``: a prediction interval (lower, upper) per model name, drawn as a shaded band in the
    model's colour, labelled with the name (e.g. "LSTM 80% interval").
    """
    dated = np.issubdtype(np.asarray(x).dtype, np.datetime64)
    years = pd.DatetimeIndex(np.asarray(x)).year if dated else None
    if dated and (years.min() < 2 or years.max() >= 9000):
        x, dated = np.arange(len(actual)), False  # dates matplotlib cannot draw (a typo such as 9999-12-31): positions
    fig = Figure(figsize=(10, 4.5), layout="constrained")
    ax = fig.subplots()
    ax.plot(x, actual, color="black", lw=1.6, label="actual")
    for i, (name, (lower, upper)) in enumerate((bands or {}).items()):
        ax.fill_between(x, lower, upper, color=f"C{i}", alpha=0.2, lw=0, label=name)
    for i, (name, pred) in enumerate(predictions.items()):
        style = {"ls": ":", "color": "grey", "lw": 1.2} if name.startswith("baseline") else {"color": f"C{i}", "lw": 1.2}
        ax.plot(x, pred, label=name, **style)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.autofmt_xdate() if dated else None
    return fig


def contiguous_forecast(y_true: np.ndarray, y_pred: np.ndarray, max_points: int = MAX_POINTS):
    """Stitch forecasts of windows whose origins are one horizon apart into one contiguous curve.

    ``y_true``, ``y_pred``: [W, H] for one target, windows in time order, stride 1. Returns the
    indices of the windows used and the 1-D actual and forecast curves (each step forecast from
    the most recent origin at or before it, as a user who forecasts every H steps would see).
    """
    horizon = y_true.shape[1]
    origins = np.arange(0, len(y_true), horizon)[: max(1, max_points // horizon)]
    actual = y_true[origins].reshape(-1)
    forecast = y_pred[origins].reshape(-1)
    return origins, actual, forecast


def backtest_figure(curves: list[dict], title: str, band_label: str | None = None) -> Figure:
    """One row per series: the actual values (black), every window's forecast (a colour per window)
    with its interval band, its origin as a dashed vertical line, and the repeat baseline (dotted).

    ``curves``: ``{"label", "x", "actual", "windows": [{"x", "forecast", "band", "origin", "baseline"}]}``.
    """
    fig = Figure(figsize=(10, 2.8 * len(curves) + 0.6), layout="constrained")
    axes = fig.subplots(len(curves), 1, squeeze=False)
    for ax, curve in zip(axes[:, 0], curves):
        ax.plot(curve["x"], curve["actual"], color="black", lw=1.4, label="actual")
        for j, w in enumerate(curve["windows"]):
            colour = f"C{j % 10}"
            if w["band"] is not None:
                ax.fill_between(w["x"], w["band"][0], w["band"][1], color=colour, alpha=0.2, lw=0,
                                label=band_label if j == 0 else None)
            ax.plot(w["x"], w["forecast"], color=colour, lw=1.4, label="forecast (one colour per window)" if j == 0 else None)
            ax.plot(w["x"], w["baseline"], color="grey", ls=":", lw=1.0, label="baseline: repeat last value" if j == 0 else None)
            ax.axvline(w["origin"], color=colour, ls="--", lw=0.8, alpha=0.7, label="forecast origins" if j == 0 else None)
        ax.set_ylabel(str(curve["label"]))
        ax.grid(alpha=0.3)
    axes[0, 0].set_title(title)
    axes[0, 0].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if np.issubdtype(np.asarray(curves[0]["x"]).dtype, np.datetime64):
        fig.autofmt_xdate()
    return fig


def png_bytes(fig: Figure, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)  # Agg renders the PNG; no window, no pyplot
    return buffer.getvalue()
