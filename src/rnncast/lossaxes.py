"""The axes of the loss figure (``plots.loss_figure``): whole epochs at regular steps, a log scale of the losses
labelled end to end, and its legend below them (``loss_legend``).

The epochs are ticked by matplotlib's integer locator at round steps (5, 10, 15, 20), the view kept to the epochs
drawn, so that no tick stands at an epoch 0 that has no loss. The kept epochs are not ticked: ticks at 1, 10, 12, 20,
30, 38 (the first, the kept ones and the last) read as a scale of uneven steps (decision 684); each kept epoch is
its dot, and the legend names it beside its model (``plots.loss_figure``)."""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from rnncast.lonepoints import MODEL_MARKS

EPOCH_STEPS = (1, 2, 5, 10)  # the steps between epoch ticks, times a power of ten: 5, 10, 15, 20; never 2.5
EPOCH_GAPS = 8  # at most: the gaps between epoch ticks (the smallest step leaving no more)


def epoch_xaxis(ax, first: int, last: int) -> None:
    """``ax``'s x axis over the epochs ``first`` to ``last``, ticked at whole epochs in round steps (``EPOCH_STEPS``, ``EPOCH_GAPS``),
    the view a little beyond both ends (half an epoch at most: no epoch 0 is shown)."""
    span = last - first
    pad = min(0.5, max(0.1, 0.02 * span)) if span else 0.5
    ax.set_xlim(first - pad, last + pad)
    ax.xaxis.set_major_locator(MaxNLocator(EPOCH_GAPS, integer=True, steps=list(EPOCH_STEPS), min_n_ticks=1))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))


# Labelled ticks of a log axis by the decades its values span: nice numbers of a linear axis (matplotlib's
# AutoLocator steps) within a factor of about 2, where log ticks would leave most of it unlabelled; then
# ticks of matplotlib's LogLocator at these multiples of each decade, fewer as the span grows.
LOG_TICKS = ((0.35, None), (0.8, (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)),
             (1.5, (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)), (4.0, (1.0, 2.0, 5.0)), (np.inf, (1.0,)))


def log_yaxis(ax, values) -> None:
    """A log scale on ``ax``'s y axis labelled over the whole range of ``values``: ticks chosen by the
    decades they span (``LOG_TICKS``), the limits taken out to the ticks just beyond the smallest and
    largest value, so that a label stands at each end, written as plain numbers (0.2, not 2 x 10^-1);
    minor ticks unlabelled. Values that are not positive and finite cannot be drawn on a log scale;
    with none left the axis stays linear."""
    values = np.asarray([v for v in values if v is not None], dtype=np.float64)
    values = values[np.isfinite(values) & (values > 0)]
    if not len(values):
        return
    low, high = float(values.min()), float(values.max())
    if high == low:
        low, high = low / 1.5, high * 1.5  # one value: a span around it
    ax.set_yscale("log")
    subs = next(subs for most, subs in LOG_TICKS if np.log10(high / low) <= most)
    locator = MaxNLocator(nbins=10, steps=[1, 2, 2.5, 5, 10]) if subs is None else LogLocator(subs=subs, numticks=12)
    ticks = np.asarray(locator.tick_values(low, high))
    below, above = ticks[(ticks > 0) & (ticks <= low)], ticks[ticks >= high]
    low, high = (below.max() if len(below) else low), (above.min() if len(above) else high)
    pad = (high / low) ** 0.02  # 2 % of the span beyond the end ticks, so that curves do not run along the frame
    ax.yaxis.set_major_locator(locator)
    ax.yaxis.set_minor_locator(LogLocator(subs="auto", numticks=12))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylim(low / pad, high * pad)


LEGEND_SIZE = 9  # points: the legend's text, readable in the PNG at its own size (8 was cramped)
KEY_COLOUR = "#404040"  # the line styles' and the dot's entries: no model's colour
PAD = 2.0  # a legend column's room besides its text, in font sizes: handle 2.0, gap to the text 0.8, border and spacing


def loss_legend(fig, colours: dict[str, str], validated: bool, kept: bool, untrained: bool = False,
                marked: bool = False) -> None:
    """The loss figure's legend, below its axes across the figure (beside them, four entries of long names left the
    curves half the width): each model once by its colour (``colours``: name -> colour), then, with validation
    curves, what the solid and the dashed line are, and the kept epoch's dot where one is drawn; in as many columns
    as fit the figure's width (``legend_columns``, checked against the legend drawn), the figure taller by the rows
    below; ``untrained``: the dotted line of the untrained network's validation loss is drawn; ``marked``: each model's
    lines carry its own mark (``lonepoints.model``, the k-th model's the k-th), shown beside its name. Decision 670."""
    key = [Line2D([], [], color=KEY_COLOUR, label="train (solid)"),
           Line2D([], [], color=KEY_COLOUR, ls="--", label="validation (dashed)")] if validated else []
    if untrained:
        key.append(Line2D([], [], color=KEY_COLOUR, ls=":", label="untrained network, validation (dotted)"))
    if kept:
        best = "best validation loss" if validated else "lowest training loss"
        key.append(Line2D([], [], ls="", marker="o", ms=6.5, mec="white", mew=1, color=KEY_COLOUR, label=f"kept epoch ({best})"))
    handles = [Line2D([], [], color=colour, lw=2, label=name, **({"marker": MODEL_MARKS[k % len(MODEL_MARKS)], "mfc": "white"}
                                                                  if marked else {}))
               for k, (name, colour) in enumerate(colours.items())] + key
    columns = legend_columns([h.get_label() for h in handles], fig.get_figwidth() * 72)
    while True:  # the estimate checked against the legend as drawn (its spacing and font), fewer columns while wider
        legend = fig.legend(handles=handles, loc="outside lower center", ncols=columns, fontsize=LEGEND_SIZE)
        with warnings.catch_warnings():  # a glyph no font has: warned of once the figure is drawn (``fonts``), not here
            warnings.simplefilter("ignore")
            wide = legend.get_window_extent().width
        if columns == 1 or wide <= 0.98 * fig.get_figwidth() * fig.dpi:
            break
        legend.remove()
        rows = -(-len(handles) // (columns - 1))
        columns = min(columns - 1, -(-len(handles) // rows))
    fig.set_figheight(fig.get_figheight() + 0.22 * -(-len(handles) // columns))


def legend_columns(labels: list[str], width: float, size: float = LEGEND_SIZE) -> int:
    """The columns of a legend of ``labels`` in ``width`` points at ``size``: all in one row where they fit (split as
    matplotlib splits a legend's entries into columns: in order, the first columns one longer), else in as few rows
    as fit, as few columns as those rows need; one at least."""
    font = FontProperties(size=size)
    with warnings.catch_warnings():  # a glyph no font has: warned of once the figure is drawn (``fonts``), not here
        warnings.simplefilter("ignore")
        sizes = [text_to_path.get_text_width_height_descent(label, font, ismath=False)[0] for label in labels]
    for columns in range(len(labels), 1, -1):
        split = np.array_split(np.asarray(sizes), columns)
        if sum(part.max() + PAD * size for part in split) + (columns - 1) * 2.0 * size <= 0.95 * width:
            rows = -(-len(labels) // columns)
            return -(-len(labels) // rows)  # as few columns as the rows allow: 4 entries 2 by 2, not 2, 1 and 1
    return 1
