"""Several models of one series told apart (the demo's figures of RNN, LSTM and GRU, decision 1699): their forecasts
lie on one another, so below the actual values and every model and baseline each model gets a row of its squared
error, a running mean over the test split, beside repeating the last value's and the data's noise floor. Its curves
are the forecast figure's (``forecastplot.curves``), every test point drawn.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from rnncast import axislabels, baselinelooks, covered, fonts, forecastplot, lonepoints, plots, targetrows
from rnncast.forecastplot import Fitted
from rnncast.rowlegend import LEGEND_SIZE
from rnncast.spelling import counted

SMOOTH = 25  # points in the running mean of a squared error: a noisy error's level, seen over time


@fonts.drawn
def errors_apart(reference: Fitted, data, models: dict[str, Fitted], floor: float | None = None,
                 smooth: int = SMOOTH, group: str = "") -> Figure:
    """Several models of one series, told apart: on top the actual values of the whole test split with every
    model and baseline (their lines lie on each other where the models forecast alike), then one row per model
    of its squared error over the same points, as a running mean over ``smooth`` points, beside that of
    repeating the last value (and the data's noise ``floor``, an MSE, where known, dashed: repeat's line is
    dotted); the rows share their axes. A line of the top panel that lies under the actual one (repeat-last on a
    smooth wave) says so in its legend entry (``covered.legend``: decision 1902). ``models`` as
    ``forecastplot.forecast_plot`` takes them; ``group``: which models, in the title (decision 1699)."""
    test = reference.part_forecasts(data, part="test")
    horizon = reference.settings_.data.horizon
    panel = forecastplot.curves(reference, data, models, test, 0, test.original.y_true.size)[0]  # every date: none cut
    x, actual, total = panel["x"], panel["actual"], panel["points"]
    fig = Figure(figsize=(10, 1.9 * len(models) + 3.4), layout="constrained")
    axes = fig.subplots(len(models) + 1, 1, sharex=True, height_ratios=[1.6] + [1] * len(models))
    plots.draw_forecast(axes[0], x, actual, panel["predictions"], calendar=reference.calendar_)
    axes[0].set_title("actual and forecast: the models' lines lie on each other; their errors, below, tell them apart",
                      fontsize=10, wrap=True)
    repeat = (panel["predictions"][plots.baseline_label("repeat", reference.settings_.data.season)] - actual) ** 2
    for i, (ax, name) in enumerate(zip(axes[1:], models)):
        error = (panel["predictions"][name] - actual) ** 2
        mean_repeat, mean_error = running_mean(repeat, smooth), running_mean(error, smooth)
        ax.plot(x, mean_repeat, lw=1.2, label="repeat the last value",  # the top panel's look (decision 1733)
                **baselinelooks.look("repeat", mean_repeat))
        ax.plot(x, mean_error, color=f"C{i}", lw=1.5, label=name, **lonepoints.model(mean_error, i))  # the top's mark
        if floor:
            ax.axhline(floor, color="black", lw=0.8, ls="--", label="noise floor")  # dashed: not repeat's dots (decision 1902)
        ax.set_title(f"{name}: squared error, running mean over {smooth} points (MSE {np.nanmean(error):.3g}; "
                     f"repeating the last value: {np.nanmean(repeat):.3g})", fontsize=10, wrap=True)
        ax.set_ylabel("squared error")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=LEGEND_SIZE, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if i:
            ax.sharey(axes[1])
    axes[-1].set_xlabel(axislabels.time_label(reference.calendar_))
    how = "one step ahead" if horizon == 1 else f"{horizon} steps at a time"
    every = "all" if panel["whole"] else "the first of"
    title = fig.suptitle(f"Test split, forecast {how}{', ' + group if group else ''}: {every} {counted(total, 'test point')}"
                         f"{targetrows.note(reference.targets_, 1)}",
                         wrap=True)
    axislabels.label(axes[0], forecastplot.values_label(reference), title)  # a long name wrapped, or written whole under the title
    covered.legend(fig, [axes[0]])  # the rows laid out: a line under the actual one says so (decision 1902)
    return fig


def running_mean(values: np.ndarray, width: int) -> np.ndarray:
    """The centred running mean of ``values`` over ``width`` points (fewer at the ends), NaNs left out."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    kernel = np.ones(max(1, int(width)))
    start = (len(kernel) - 1) // 2  # "same" as np.convolve's, but as long as values when fewer than width
    total = np.convolve(np.where(finite, values, 0.0), kernel)[start : start + len(values)]
    count = np.convolve(finite.astype(np.float64), kernel)[start : start + len(values)]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)
