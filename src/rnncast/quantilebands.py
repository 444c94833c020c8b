"""What a forecast figure draws of a quantile model's levels, and how: every level is seen.

Each central interval the levels give (0.05 and 0.95: the 90% interval; ``metrics.interval_pairs``) is a band,
nested widest first, the outer lighter, each labelled with its interval ("90% interval", "50% interval"); of
several, each one's legend swatch is the shade it shows where it overlies those outside it (a drawn band is alpha
over alpha: the swatches of 60%, 40% and 20% inside 80% were one shade). A level without its mirror (0.9 beside
0.05) is a line in the same colour, labelled with its level ("q0.9"), each of a model's such levels in a style of
its own (dotted, dash-dot, long dash, ...: ``LEVEL_STYLES``), never the backtest cutoffs' dashes. The median is the point forecast, drawn as the model's own line. A
level or band of one step alone (a horizon-1 window), which a line or a fill leaves unseen, is a level stroke or a
bar (``lonepoints``). Used by the fit's forecast figure
(``forecastplot``, in report.html too) and the backtest's (``backtestplot``), both drawn by ``plots``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from rnncast import lonepoints
from rnncast.metrics import interval_pairs

ALPHA = 0.2  # a model's one band
NESTED_ALPHA = (0.12, 0.2)  # its outermost band of several, and each one inside it (over the outer: darker still)
LINE_WIDTH = 1.0  # a level without its mirror, in its model's colour: each of a model's in a style in turn
LEVEL_STYLES = (":", "-.", (0, (9, 2.5)), (0, (6, 1.5, 1, 1.5, 1, 1.5)))  # not "--"


class Band(NamedTuple):
    """One drawn interval (``lower`` to ``upper``), or one level (``upper`` None: a line, ``LEVEL_STYLES``)."""

    lower: np.ndarray
    upper: np.ndarray | None = None
    model: str | None = None  # whose colour it takes (the model's line's); None: the caller's, or one in turn
    depth: int = 0  # 0: the outermost interval of its model, 1 the next inside it, ...


def drawn_levels(levels) -> list[tuple[float, float | None, int, str]]:
    """``(lo, hi, depth, label)`` for each central interval of ``levels`` (widest first: depth 0, "90% interval"),
    then ``(q, None, 0, "q0.9")`` for each level but the median without its mirror, in the levels' order."""
    pairs = sorted(interval_pairs(levels), key=lambda pair: float(pair[0]))
    paired = {round(float(q), 6) for lo, hi, _ in pairs for q in (lo, hi)}
    drawn = [(lo, hi, depth, f"{percent}% interval") for depth, (lo, hi, percent) in enumerate(pairs)]
    return drawn + [(q, None, 0, f"q{float(q):g}") for q in levels if round(float(q), 6) not in paired | {0.5}]


def draw(ax, x, bands: dict, colours: dict | str | None = None, labelled: bool = True) -> list[np.ndarray]:
    """Draw ``bands`` (legend label -> ``Band``, or a ``(lower, upper)`` pair) onto ``ax`` over ``x``: an interval
    shaded, lighter the further out it is among its model's (in the legend, the shade it shows: ``shade``), a
    lone level a line, each of a model's in its own ``LEVEL_STYLES``. ``colours``: a model's colour by
    its name, or one colour for all (a backtest window's); a band of no model named takes ``C0``, ``C1``, ... in
    turn. ``labelled``: False draws without legend entries (a backtest's later windows). Returns the values drawn
    (the y limits cover them); an empty ``x`` draws nothing."""
    from matplotlib.collections import PolyCollection  # here: the modules naming bands need no matplotlib

    if not len(x):  # a window left out, no step to draw (matplotlib cannot fill over an empty zoned index)
        return []
    bands = {label: Band(*band) for label, band in bands.items()}
    nested = {}  # how many intervals each model has: one is drawn as before, several nested
    for band in bands.values():
        if band.upper is not None:
            nested[band.model] = nested.get(band.model, 0) + 1
    shown, lines = [], {}  # how many lone levels of each model are drawn: the next takes the next style
    for i, (label, band) in enumerate(bands.items()):
        colour = colours if isinstance(colours, str) else (colours or {}).get(band.model, f"C{i}")
        name = label if labelled else None
        if band.upper is None:
            style = LEVEL_STYLES[lines.get(band.model, 0) % len(LEVEL_STYLES)]
            lines[band.model] = lines.get(band.model, 0) + 1
            ax.plot(x, band.lower, color=colour, label=name, lw=LINE_WIDTH, ls=style,
                    **lonepoints.marks(band.lower, lonepoints.LEVEL_MARK, 9))  # one step: a level stroke
            shown.append(band.lower)
            continue
        one = nested[band.model] == 1
        alpha = ALPHA if one else NESTED_ALPHA[min(band.depth, 1)]
        ax.fill_between(x, band.lower, band.upper, color=colour, alpha=alpha, lw=0, label=name if one else None)
        lonepoints.bars(ax, x, band.lower, band.upper, colour, alpha)  # a band of one step has no width: a bar
        if name is not None and not one:  # the legend's swatch: the shade the band shows, not its own alpha
            ax.add_collection(PolyCollection([], facecolors=colour, alpha=shade(band.depth), lw=0, label=name),
                              autolim=False)
        shown += [band.lower, band.upper]
    return shown


def shade(depth: int) -> float:
    """The alpha a band of several at ``depth`` (0: the outermost) shows, over every band outside it."""
    return float(1 - np.prod([1 - NESTED_ALPHA[min(k, 1)] for k in range(depth + 1)]))
