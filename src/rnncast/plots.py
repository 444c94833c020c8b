"""Figures for the run directory. Each function returns a matplotlib ``Figure`` made without pyplot:
nothing is shown, and matplotlib's global state (its backend, pyplot's figure list) is left as the
user set it, so a notebook's inline plots keep working."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

MAX_POINTS = 400  # a contiguous stretch short enough to see the shape of the series


def loss_figure(histories: dict[str, list[dict]], loss: str = "MSE") -> Figure:
    """Training (solid) and validation (dashed) loss per epoch, one colour per model; ``loss``
    names what was trained on (MSE, MAE, pinball loss), in scaled units."""
    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.subplots()
    untrained = []  # models whose epochs never beat the untrained network on validation
    for i, (name, history) in enumerate(histories.items()):
        colour = f"C{i}"
        epochs = [h["epoch"] for h in history]
        ax.plot(epochs, [h["train_loss"] for h in history], color=colour, label=f"{name} train")
        val = [h["val_loss"] for h in history]
        if any(v is not None for v in val):
            ax.plot(epochs, [np.nan if v is None else v for v in val], color=colour, ls="--", label=f"{name} validation")
            kept = [h for h in history if h.get("best") and h["val_loss"] is not None]  # the epoch whose weights are kept
            if kept:
                ax.plot(kept[-1]["epoch"], kept[-1]["val_loss"], "o", color=colour, ms=5)
            else:
                untrained.append(name)
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole
    plain = FuncFormatter(lambda v, _: f"{v:g}")  # 0.01 and 0.2 rather than 10^-2 and 2 x 10^-1
    low, high = ax.get_ylim()
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(plain if high < 10 * low else NullFormatter())  # within a decade: label 2, 3, ... too
    ax.set_xlabel("epoch")
    ax.set_ylabel(f"{loss} (scaled units)")
    title = "Loss per epoch (dot: best validation epoch, whose weights are kept)"
    if untrained:
        title += f"\nno epoch beat the untrained network for {', '.join(untrained)}: its starting weights are kept"
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return fig


# Each baseline its own colour and line style, in the order drawn (repeat, mean, seasonal): the
# models take the colour cycle C0, C1, ...; baselines keep out of its first colours.
BASELINE_STYLES = ({"color": "grey", "ls": ":"}, {"color": "#8c564b", "ls": "--"}, {"color": "#9467bd", "ls": "-."},
                   {"color": "#bcbd22", "ls": (0, (5, 1, 1, 1, 1, 1))})


def forecast_figure(x, actual: np.ndarray, predictions: dict[str, np.ndarray], title: str, ylabel: str,
                    bands: dict[str, tuple[np.ndarray, np.ndarray]] | None = None, filled: np.ndarray | None = None) -> Figure:
    """Actual values and forecasts over one contiguous stretch of the test split.

    ``actual`` and each prediction are 1-D over the same points ``x`` (time or row number); a NaN
    forecast is a gap (a window left out of the scores). ``bands``: a prediction interval (lower,
    upper) per model name, drawn as a shaded band in the model's colour, labelled with the name
    (e.g. "LSTM 80% interval"). A prediction whose name starts with "baseline" is drawn thin in a
    style of its own (``BASELINE_STYLES``), under the models. ``filled`` [points]: actual values that
    ``fill`` made, drawn as marks apart from the observed line (``draw_actual``).
    """
    fig = Figure(figsize=(10, 4.5), layout="constrained")
    ax = fig.subplots()
    draw_forecast(ax, x, actual, predictions, bands, filled)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def forecast_grid(panels: list[dict], title: str, ylabel: str) -> Figure:
    """One row per series, each drawn as ``forecast_figure`` draws one, under its own title; one
    legend (the rows share their labels), beside the first row.

    ``panels``: ``{"title", "x", "actual", "predictions", "bands", "filled"}`` per row ("bands" and
    "filled" optional).
    """
    fig = Figure(figsize=(10, 2.7 * len(panels) + 0.5), layout="constrained")
    axes = fig.subplots(len(panels), 1, squeeze=False)[:, 0]
    for ax, panel in zip(axes, panels):
        draw_forecast(ax, panel["x"], panel["actual"], panel["predictions"], panel.get("bands"), panel.get("filled"))
        ax.set_title(panel["title"], fontsize=10)
        ax.set_ylabel(ylabel)
    axes[0].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.suptitle(title)
    return fig


FILLED_LABEL = "made by fill, not observed: not scored"


def draw_actual(ax, x, actual: np.ndarray, filled: np.ndarray | None = None, lw: float = 1.6) -> None:
    """The observed values as a black line, broken where ``filled`` [points] says a value was made by
    ``fill`` (an interpolated stretch is no observation); the filled values as grey crosses of their own."""
    filled = None if filled is None or not np.any(filled) else np.asarray(filled, dtype=bool)
    ax.plot(x, actual if filled is None else np.where(filled, np.nan, actual), color="black", lw=lw, label="actual")
    if filled is not None:
        ax.plot(x, np.where(filled, actual, np.nan), ls="none", marker="x", ms=4, color="grey", label=FILLED_LABEL)


def draw_forecast(ax, x, actual: np.ndarray, predictions: dict[str, np.ndarray],
                  bands: dict[str, tuple[np.ndarray, np.ndarray]] | None = None, filled: np.ndarray | None = None) -> None:
    """The actual values (black; ``filled`` ones apart, ``draw_actual``), each band, model and
    baseline onto ``ax``; dates matplotlib cannot draw (a typo such as 9999-12-31) fall back to positions."""
    dated = np.issubdtype(np.asarray(x).dtype, np.datetime64)
    years = pd.DatetimeIndex(np.asarray(x)).year if dated and len(x) else None
    if dated and years is not None and (years.min() < 2 or years.max() >= 9000):
        x, dated = np.arange(len(actual)), False
    draw_actual(ax, x, actual, filled)
    for i, (name, (lower, upper)) in enumerate((bands or {}).items()):
        ax.fill_between(x, lower, upper, color=f"C{i}", alpha=0.2, lw=0, label=name)
    models = baselines = 0
    for name, pred in predictions.items():
        if name.startswith("baseline"):
            style = BASELINE_STYLES[baselines % len(BASELINE_STYLES)]
            ax.plot(x, pred, label=name, lw=1.1, zorder=1.9, **style)  # under the models (zorder 2)
            baselines += 1
        else:
            ax.plot(x, pred, label=name, color=f"C{models}", lw=1.3)
            models += 1
    ax.grid(alpha=0.3)
    if dated:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))


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
    with its interval band, its origin as a dashed vertical line, the repeat baseline (dotted) and
    the seasonal-naive one (dash-dotted) where a window has it. Every row keeps its own time axis
    and labels: the series of a panel need not span the same dates.

    ``curves``: ``{"label", "x", "actual", "filled" (optional: values made by fill, ``draw_actual``),
    "windows": [{"x", "forecast", "band", "origin", "baseline", "seasonal" (or None)}]}``.
    """
    fig = Figure(figsize=(10, 2.8 * len(curves) + 0.6), layout="constrained")
    axes = fig.subplots(len(curves), 1, squeeze=False)
    for ax, curve in zip(axes[:, 0], curves):
        draw_actual(ax, curve["x"], curve["actual"], curve.get("filled"), lw=1.4)
        for j, w in enumerate(curve["windows"]):
            colour = f"C{j % 10}"
            if w["band"] is not None:
                ax.fill_between(w["x"], w["band"][0], w["band"][1], color=colour, alpha=0.2, lw=0,
                                label=band_label if j == 0 else None)
            ax.plot(w["x"], w["forecast"], color=colour, lw=1.4, label="forecast (one colour per window)" if j == 0 else None)
            ax.plot(w["x"], w["baseline"], color="grey", ls=":", lw=1.0, label="baseline: repeat last value" if j == 0 else None)
            if w.get("seasonal") is not None:
                ax.plot(w["x"], w["seasonal"], color="grey", ls="-.", lw=1.0,
                        label="baseline: seasonal naive" if j == 0 else None)
            ax.axvline(w["origin"], color=colour, ls="--", lw=0.8, alpha=0.7, label="forecast origins" if j == 0 else None)
        ax.set_ylabel(str(curve["label"]))
        ax.grid(alpha=0.3)
        if np.issubdtype(np.asarray(curve["x"]).dtype, np.datetime64):  # each row its own dates, slanted
            for label in ax.get_xticklabels():  # (autofmt_xdate would hide all but the bottom row's)
                label.set(rotation=30, horizontalalignment="right")
    fig.suptitle(title, fontsize=11)  # over the legend too: a title line as wide as the figure is not cut
    axes[0, 0].legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def png_bytes(fig: Figure, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)  # Agg renders the PNG; no window, no pyplot
    return buffer.getvalue()
