"""The figure of one benchmark forecast: a test window's target channel, its input, the actual values and the
forecast. Returns the Figure; the caller writes it (``rnncast bench`` under
:func:`rnncast.bench.results.plot_name`)."""

from __future__ import annotations

import numpy as np

from rnncast.bench.tables import BenchData
from rnncast.lonepoints import marks

QUICK_TITLE = "QUICK smoke test (few epochs): "  # a --quick run's plot, never taken for a benchmark result


def forecast_window_figure(data: BenchData, lookback: int, horizon: int, model: str,
                           predictions: np.ndarray, repeat: np.ndarray | None = None, window: int = 0,
                           quick: bool = False):
    """The target channel (``data.target``) around test window ``window`` (0: the first): the input,
    the actual values and the forecast (Repeat dotted, for reference), z-scored; ``quick``: a ``--quick`` run's,
    its title saying so. Returns a matplotlib Figure."""
    from rnncast.fonts import drawing  # matplotlib only when a figure is drawn; no pyplot state

    with drawing():  # a Korean column name drawn, not boxes; the caller's rcParams untouched
        return _figure(data, lookback, horizon, model, predictions, repeat, window, quick)


def _figure(data, lookback, horizon, model, predictions, repeat, window, quick):
    from matplotlib.figure import Figure

    from rnncast.axislabels import label

    channel = data.columns.index(data.target) if data.values.shape[1] == len(data.columns) else 0
    k = list(data.target_idx).index(channel)
    first_target = data.split.val_end + window  # the data row of the window's first target
    past = np.arange(-lookback, 0)
    ahead = np.arange(horizon)
    fig = Figure(figsize=(9, 4), layout="constrained")
    ax = fig.subplots()
    before = data.values[first_target - lookback : first_target, channel]
    ax.plot(past, before, color="0.35", lw=1.2, label="input", **marks(before))
    actual = data.values[first_target : first_target + horizon, channel]
    ax.plot(ahead, actual, color="black", lw=1.6, label="actual", **marks(actual))  # horizon 1: dots, not nothing
    if repeat is not None and model != "repeat":
        ax.plot(ahead, repeat[window, :, k], color="grey", ls=":", lw=1.2, label="repeat", **marks(repeat[window, :, k], "s", 4))
    ax.plot(ahead, predictions[window, :, k], color="C1", lw=1.4, label=model, **marks(predictions[window, :, k], "D", 4))
    ax.axvline(-0.5, color="0.7", lw=0.8)
    ax.set_xlabel(f"step relative to the first forecast, data row {first_target} (the cutoff is step -1)")
    ax.set_title(f"{QUICK_TITLE if quick else ''}{data.name} {data.mode}, L={lookback}, H={horizon}: {model}, test window {window + 1}", wrap=True)
    label(ax, f"{data.target} (z-scored)")  # a long column name wrapped, or written whole under the title
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    return fig
