"""The y range of a forecast figure: what the verdict is about, with a baseline far from it named.

A forecast figure draws the actual values, the models and every baseline. Left to matplotlib, a
baseline far from the data (the training mean of a series that has since drifted: ETTh1's oil
temperature between 0 and 8 with a training mean of 16) stretches the y axis to reach it and squashes
the curves that matter into part of the plot. ``frame`` sets the y limits from the actual values and
the models' forecasts (and their bands), widened to the whole of each baseline that is partly among them
(the seasonal naive forecast the verdict names may dip below the data), with a margin, and names each
baseline that falls wholly outside them: its legend entry says where it is ("baseline: training mean (16.0, off the chart
above)"), and a note at the edge of the plot, in the baseline's colour, points to it.
"""

from __future__ import annotations

import numpy as np

MARGIN = 0.06  # of the shown span, above and below, so that curves do not run along the frame


def frame(ax, shown, baselines, named: bool = True) -> list[str]:
    """Set ``ax``'s y limits to cover every value of ``shown`` (arrays: the actual values, the models'
    forecasts, their bands) and every baseline partly within their range, with a margin, and mark each baseline of ``baselines`` whose finite values all
    fall outside them, each a matplotlib ``Line2D`` or a list of them (one baseline drawn in pieces, a
    backtest's over its windows, named by the first's label): its label gets "(value, off the chart above|below)",
    and the axes a note at that edge. Returns the labels so marked. Without a finite value shown the
    axes keep matplotlib's limits. ``named`` False: the labels are left as they are, the note alone says the value
    (rows of a figure sharing one legend: a finance tester's legend quoted the first ticker's training mean, 64.5,
    beside rows whose own means were 3,375 and 2,650)."""
    values = np.concatenate([np.asarray(v, dtype=np.float64).ravel() for v in shown] or [np.empty(0)])
    values = values[np.isfinite(values)]
    if not len(values):
        return []
    low, high = float(values.min()), float(values.max())
    drawn = []
    for item in baselines:
        pieces = [item] if hasattr(item, "get_ydata") else list(item)
        y = np.concatenate([np.asarray(piece.get_ydata(), dtype=np.float64).ravel() for piece in pieces])
        drawn.append((pieces[0], y[np.isfinite(y)]))
    inside = [y for _, y in drawn if len(y) and y.max() >= low and y.min() <= high]
    if inside:  # a baseline partly among the data is drawn whole: the verdict may name it (a seasonal naive's dips)
        low, high = min(low, *(y.min() for y in inside)), max(high, *(y.max() for y in inside))
    span = high - low or max(abs(high), 1.0) * 0.1  # one value: a span around it
    bottom, top = low - MARGIN * span, high + MARGIN * span
    ax.set_ylim(bottom, top)
    marked, notes = [], {"above": [], "below": []}
    for line, y in drawn:
        if not len(y) or bottom <= y.max() and y.min() <= top:
            continue  # drawn whole
        side = "above" if y.min() > top else "below"
        value = f"{y[0]:.3g}" if y.min() == y.max() else f"{y.min():.3g} to {y.max():.3g}"
        name = line.get_label()
        if named:
            line.set_label(f"{name} ({value}, off the chart {side})")
        marked.append(line.get_label())
        notes[side].append((f"{name.removeprefix('baseline: ')} {value}", line.get_color()))
    if notes["above"] or notes["below"]:  # room at that edge for its notes, below any baseline noted off it
        ax.set_ylim(*_room(bottom, top, low, high, len(notes["above"]), len(notes["below"]), drawn))
    for side, arrow, y, va in (("above", "\u2191", 0.98, "top"), ("below", "\u2193", 0.02, "bottom")):
        for i, (text, colour) in enumerate(notes[side]):
            offset = -0.07 * i if side == "above" else 0.07 * i
            ax.text(0.99, y + offset, f"{arrow} {text}, off the chart", transform=ax.transAxes, ha="right", va=va,
                    fontsize=7.5, color=colour)
    return marked


NOTE = 0.07  # of the axes' height, each note at an edge; the data is kept this much per note (and ROOM) away from it
ROOM = 0.03


def _room(bottom: float, top: float, low: float, high: float, above: int, below: int, drawn) -> tuple[float, float]:
    """The y limits widened from ``bottom``, ``top`` so that the data's ``low`` to ``high`` stay clear of the
    ``above`` notes at the top edge and the ``below`` notes at the bottom (t36t8: the training mean's note written
    over the actual line at the top right; decision 1942); never so far as to bring a baseline noted off the chart
    (``drawn``: (line, finite values)) into view."""
    share_top, share_bottom = NOTE * above + ROOM * bool(above), NOTE * below + ROOM * bool(below)
    clear = 1.0 - share_top - share_bottom  # of the axes' height left to the data and its margins
    span = ((high if above else top) - (low if below else bottom)) / clear  # a noted edge's margin is its notes' room
    new_bottom = low - share_bottom * span if below else bottom
    new_top = high + share_top * span if above else top
    over = [y.min() for _, y in drawn if len(y) and y.min() > top]
    under = [y.max() for _, y in drawn if len(y) and y.max() < bottom]
    new_top = min([new_top, *[v - 1e-9 * (abs(v) + 1) for v in over]])  # noted off the chart: stays off it
    new_bottom = max([new_bottom, *[v + 1e-9 * (abs(v) + 1) for v in under]])
    return new_bottom, new_top
