"""The axes of the loss figure (``plots.loss_figure``): whole epochs from the first to the last, a log scale of
the losses labelled end to end.

matplotlib's integer locator ticked 20 epochs at 3, 6 ... 18, leaving out the first epoch and the last, where the
kept epoch's dot often is, and a figure of few epochs at an epoch 0 that has no loss. ``epoch_xaxis`` ticks the first
and the last epoch, each kept one, and the multiples of a round step between them (``epoch_ticks``)."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, MaxNLocator, NullFormatter

MAX_EPOCH_TICKS = 8  # the most epochs ticked: 1, 5, 10, 15, 20 for 20 epochs, not 1, 4, 6 ... 18, 20
MIN_TICK_GAPS = 20  # a kept epoch is ticked at least 1/20 of the axis from every other tick it is given with


def epoch_ticks(first: int, last: int, marked=()) -> list[int]:
    """The epochs to tick from ``first`` to ``last``: both, each of ``marked`` (the kept epochs) between them (but one
    nearer another of them than ``1 / MIN_TICK_GAPS`` of the axis, whose labels would run together), and
    the multiples of the smallest round step (1, 2, 5, 10, 20, 25, 50 ...) that leaves at most ``MAX_EPOCH_TICKS``,
    a multiple not more than half a step from one of the others left out (1, 5, 10, 15, 20; not 1, 2, 4 ...)."""
    fixed = [int(first), int(last)]
    for m in sorted({int(m) for m in marked if first <= m <= last}):  # a kept epoch's label beside another's ran into
        if all(abs(m - f) >= (last - first) / MIN_TICK_GAPS for f in fixed):  # it ("39", "40": "3940"): left out
            fixed.append(m)
    fixed = sorted(set(fixed))
    for step in round_steps(max(1, last - first)):
        inner = [e for e in range(-(-first // step) * step, last + 1, step) if all(abs(e - f) > step / 2 for f in fixed)]
        ticks = sorted({*fixed, *inner})
        if len(ticks) <= MAX_EPOCH_TICKS or step >= last - first:
            return ticks
    return fixed


def round_steps(span: int):
    """1, 2, 5, 10, 20, 25, 50, 100 ... up to the first at least ``span``."""
    scale = 1
    while True:
        for step in (1, 2, 2.5, 5):
            if float(step * scale).is_integer():
                yield int(step * scale)
                if step * scale >= span:
                    return
        scale *= 10


def epoch_xaxis(ax, first: int, last: int, kept=()) -> None:
    """``ax``'s x axis ticked at whole epochs from ``first`` to ``last`` with the ``kept`` ones (``epoch_ticks``)."""
    ax.xaxis.set_major_locator(FixedLocator(epoch_ticks(first, last, kept)))
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
