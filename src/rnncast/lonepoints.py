"""Points a line cannot show. matplotlib draws a line between neighbouring finite values, so a finite value
with no finite neighbour (each window of a horizon-1 backtest, a test part of one window, a value between
gaps, a loss of one epoch) is a line of no length, and a band of one point a polygon of no width: nothing
is seen, though the legend names it. Every drawer of a forecast, a baseline, a level or a band asks here:
such a point gets a marker (the rest of its line drawn as before), a band's such point a vertical bar.
"""

from __future__ import annotations

import numpy as np

MODEL_MARK = "o"  # a model's forecast, the actual values, a loss (a baseline's: ``baselinelooks.MARKS``)
MODEL_MARKS = ("^", "v", "P", "X", "h", "*")  # each of several models drawn together, in turn: told apart by shape too
MARKS_PER_LINE = 12  # a model's own marks along its line, where several share a figure
STAGGER = 3  # the fewest points between a model's marks: three models' marks on points of their own, never one point
LEVEL_MARK = "_"  # a quantile level without its mirror: a short level stroke
BAR_WIDTH = 6.0  # points: a band's lone point, drawn as a bar from its lower to its upper value


def lone(values) -> np.ndarray:
    """Where ``values`` (1-D; or a boolean mask of the values drawn) hold a finite value whose neighbours are
    both missing (NaN, or past an end): the points a line through them leaves unseen."""
    values = np.asarray(values)
    finite = values.astype(bool) if values.dtype == bool else np.isfinite(np.asarray(values, dtype=np.float64))
    finite = finite.reshape(-1)
    before = np.r_[False, finite[:-1]]
    after = np.r_[finite[1:], False]
    return finite & ~before & ~after


def marks(values, marker: str = MODEL_MARK, size: float = 5.0, every: bool = False) -> dict:
    """``ax.plot``'s keywords that mark ``values``' lone points only (``markevery``), so that each is seen;
    {} where every finite value has a neighbour (the line shows them). ``every``: mark every point."""
    where = np.flatnonzero(lone(values))
    if not (len(where) or every):
        return {}
    return {"marker": marker, "markevery": None if every else where.tolist(), "ms": size, "mew": 1.5 if marker in "_|" else 1.0}


def model(values, k: int, size: float = 5.0) -> dict:
    """``marks`` for the ``k``-th of several models drawn together: its own hollow mark (``MODEL_MARKS``) at about
    ``MARKS_PER_LINE`` evenly spaced points, at least ``STAGGER`` apart and staggered by ``k`` so that the models' marks
    do not fall on each other (two lines that coincide show both marks in turn), and at each lone point, so that the models are told apart by shape as well as colour (RNN, LSTM and GRU's
    orange and green alone did not)."""
    n = len(np.asarray(values).reshape(-1))
    step = max(STAGGER, n // MARKS_PER_LINE)  # under 24 points a step of 1 marked every point of every model alike
    where = sorted(set(range((k * step // STAGGER) % step, n, step)) | set(np.flatnonzero(lone(values)).tolist()))
    return {"marker": MODEL_MARKS[k % len(MODEL_MARKS)], "markevery": where, "ms": size, "mfc": "white", "mew": 1.2}


def bars(ax, x, lower, upper, colour, alpha: float) -> np.ndarray:
    """The points of a band (``lower`` to ``upper`` over ``x``) that ``fill_between`` leaves unseen, drawn as
    vertical bars ``BAR_WIDTH`` wide in the band's colour and shade, without a legend entry (the band's own
    gives it). Returns where they are (a boolean mask over ``x``)."""
    lower, upper = (np.asarray(v, dtype=np.float64).reshape(-1) for v in (lower, upper))
    where = lone(np.isfinite(lower) & np.isfinite(upper))
    if where.any():
        at = np.asarray(x)[where] if isinstance(x, (list, tuple)) else x[where]  # an Index keeps its dates' zone
        ax.vlines(at, lower[where], upper[where], colors=colour, alpha=alpha, lw=BAR_WIDTH, label=None)
    return where


def apart(style: dict, marker: str = MODEL_MARK, size: float = 4.0) -> dict:
    """``style`` (``ax.plot``'s keywords) drawn as points with no line between them: a mark at every point. A model of
    the features alone (target_input=False) forecasts each row from its own features, and rows drawn of a regression's
    independent draws joined by a line were a thicket of unrelated points (decision 1631)."""
    return {**style, "ls": "none", "marker": marker, "markevery": None, "ms": size}
