"""A line drawn under another: a baseline whose values equal the model's over the plotted range (a slowly moving
series, where the model learned to repeat the last value) lies wholly under the model's line, and a baseline or model
that follows the actual values within the actual line's width (repeat-last on hourly data: the actual line one step
later, less than that line's width apart on the figure) lies under the thick actual line. Its legend entry would show
a style the figure never shows; the entry says where it is instead."""

from __future__ import annotations

import numpy as np

from rnncast.rowlegend import legend_below, legend_beside

TOLERANCE = 0.01  # of the span of the actual values: about a line's width on a figure a few inches high


def under(baseline, models: dict[str, object], span: float) -> str | None:
    """The name of the first of ``models`` (name -> values over the same points as ``baseline``) whose
    values equal ``baseline``'s within ``TOLERANCE`` of ``span`` wherever both are drawn (finite), or None."""
    baseline = np.asarray(baseline, dtype=np.float64)
    for name, values in models.items():
        values = np.asarray(values, dtype=np.float64)
        both = np.isfinite(baseline) & np.isfinite(values)
        if both.any() and np.all(np.abs(baseline[both] - values[both]) <= TOLERANCE * max(span, 1e-12)):
            return name
    return None


def note(label: str, model: str | None, several: bool) -> str:
    """``label`` with where the baseline is: "(under the model's line)", or with several models drawn,
    "(under model (lstm)'s line)"; ``label`` itself where ``model`` is None."""
    if model is None:
        return label
    owner = f"{model}'s" if several else "the model's"
    return f"{label} (under {owner} line)"


def span(*curves) -> float:
    """The range of the finite values of ``curves``; 0 without any."""
    values = np.concatenate([np.asarray(c, dtype=np.float64).reshape(-1) for c in curves]) if curves else np.array([])
    values = values[np.isfinite(values)]
    return float(values.max() - values.min()) if len(values) else 0.0


UNDER_ACTUAL = "(under the actual line)"
ON_POINTS = "(on the actual points)"  # actual values drawn as points, no line (decision 1631): each point on one of them


def legend(fig, axes, carried: tuple[str, ...] = (), below: bool = False) -> None:
    """The figure's one legend, beside the first of ``axes`` (their lines share labels; ``carried``: marks a later row
    alone may draw, ``rowlegend.legend_beside``), or with ``below`` under the one axes (``rowlegend.legend_below``),
    drawn again where, the figure laid out with it once, an entry then says it lies under the actual line
    (``under_actual``): the legend drawn last holds every label."""
    def place():
        legend_below(axes[0], carried) if below else legend_beside(axes, carried)

    place()
    if under_actual(fig, axes):
        place()


def under_actual(fig, axes) -> bool:
    """Once ``fig`` is laid out: each group of lines (those of ``axes`` sharing a ``gid``: a model's or a baseline's,
    one per row or window) whose every drawn point lies on the actual line of its own row (within half the two lines'
    widths, on the figure), has its legend entry (the first line of the group labelled) say so, ``UNDER_ACTUAL``.
    Where the actual values are points with no line (``lonepoints.apart``), a group each of whose points lies on one of
    them (within the actual dot's radius) says ``ON_POINTS``. Whether any entry changed (the caller then draws its
    legend again)."""
    fig.draw_without_rendering()  # the axes' final size, with the legend beside them
    groups: dict[str, list] = {}
    for ax in axes:
        actual = next((line for line in ax.get_lines() if line.get_label() == "actual"), None)
        for line in ax.get_lines():
            if line.get_gid() is not None and actual is not None:
                groups.setdefault(line.get_gid(), []).append((ax, line, actual))
    changed = False
    for members in groups.values():
        labelled = next((line for _, line, _ in members if not line.get_label().startswith("_")), None)
        if labelled is None or "(under " in labelled.get_label() or ON_POINTS in labelled.get_label():
            continue
        if all(_within(ax, line, actual) for ax, line, actual in members):
            points = members[0][2].get_linestyle() == "None"
            labelled.set_label(f"{labelled.get_label()} {ON_POINTS if points else UNDER_ACTUAL}")
            changed = True
    return changed


def _within(ax, line, over) -> bool:
    """Whether every finite point of ``line`` lies within half the two lines' widths of ``over``'s polyline, in pixels
    (``over``'s points in order of x; each point is measured against the few segments about its x)."""
    points = _pixels(ax, line)
    path = _pixels(ax, over)
    if over.get_linestyle() == "None" and len(points) and len(path):  # dots: each point on one of them
        reach = over.get_markersize() * ax.figure.dpi / 72 / 2  # the dot's radius, in pixels
        return bool(all(np.hypot(*(path - p).T).min() <= reach for p in points))
    if not len(points) or len(path) < 2:
        return False
    # the two lines touch at every point (a thin faint line one pixel off a black one is not told from it)
    reach = (over.get_linewidth() + line.get_linewidth()) * ax.figure.dpi / 72 / 2  # in pixels
    order = np.argsort(path[:, 0], kind="stable")
    path = path[order]
    near = np.searchsorted(path[:, 0], points[:, 0])[:, None] + np.arange(-3, 3)[None, :]  # [N, 6] segment starts
    near = np.clip(near, 0, len(path) - 2)
    a, b = path[near], path[near + 1]  # [N, 6, 2] each segment's ends
    d = b - a
    t = np.clip(((points[:, None, :] - a) * d).sum(-1) / np.maximum((d * d).sum(-1), 1e-12), 0.0, 1.0)  # [N, 6]
    gap = np.hypot(*(a + t[..., None] * d - points[:, None, :]).transpose(2, 0, 1))  # [N, 6]
    return bool(np.all(gap.min(axis=1) <= reach))


def _pixels(ax, line) -> np.ndarray:
    """``line``'s finite points, on the figure in pixels [N, 2]."""
    xy = ax.transData.transform(np.column_stack([ax.convert_xunits(line.get_xdata()),
                                                 ax.convert_yunits(line.get_ydata())]).astype(np.float64))
    return xy[np.isfinite(xy).all(axis=1)]
