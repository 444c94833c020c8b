"""One legend for a figure of rows (forecast.png of a panel, backtest.png): the first row's entries, and those of
marks a later row alone draws, so that a series without filled values drawn first does not leave the crosses of the
series below it unexplained (the legend of the first row alone named only what it drew). A figure of one axes (a run's
forecast.png of one series) has its legend below the axes instead (``legend_below``, decision 1701)."""

from __future__ import annotations

from matplotlib.transforms import ScaledTranslation

from rnncast.lossaxes import LEGEND_SIZE  # points, as the loss legend's: about 10 pt on a page 1,100 px wide, which draws the PNG
# near its own size (8 was 5 px at 650 px wide: decision 1543)


BELOW = "legend below"  # the gid of a legend ``legend_below`` placed: placed again, it is placed so (``legend_again``)
GAP = 0.08  # inches between the axis label and the legend below it


def legend_beside(axes, carried: tuple[str, ...] = ()) -> None:
    """The legend of ``axes`` (rows sharing their labels) beside the first: its entries, each label once, then each
    label of ``carried`` (``plots.draw_actual``'s marks) that only a later row draws, with that row's handle."""
    pairs = _entries(axes, carried)
    axes[0].legend(list(pairs.values()), list(pairs), fontsize=LEGEND_SIZE, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def legend_below(ax, carried: tuple[str, ...] = ()) -> None:
    """The legend of ``ax``, the one axes of its figure, below it: under its tick labels and axis label, centred, in as
    many columns as fit the figure's width (checked against the legend drawn). Beside the axes, a legend of long
    entries ("baseline: repeat the last value (under the actual line)") took 40% of the figure's width, and a page on a
    phone drew the curves 200 px wide (decision 1701). The figure grows by the legend's height the first time, so the
    axes keep theirs; placed again (its entries relabelled, ``covered``), it replaces the legend there."""
    fig, old = ax.figure, ax.get_legend()
    again = old is not None and old.get_gid() == BELOW
    if old is not None:
        old.remove()
    pairs = _entries([ax], carried)
    fig.draw_without_rendering()  # the tick labels' and the axis label's height below the axes, as laid out
    drop = (ax.get_window_extent().y0 - ax.get_tightbbox().y0) / fig.dpi + GAP
    below = ax.transAxes + ScaledTranslation(0, -drop, fig.dpi_scale_trans)  # follows the axes as the layout moves them
    columns = max(len(pairs), 1)
    while True:
        legend = ax.legend(list(pairs.values()), list(pairs), fontsize=LEGEND_SIZE, loc="upper center", ncols=columns,
                           bbox_to_anchor=(0.5, 0.0), bbox_transform=below)
        box = legend.get_window_extent()
        if columns == 1 or box.width <= 0.98 * fig.bbox.width:
            break
        columns -= 1
    legend.set_gid(BELOW)
    if not again:
        fig.set_figheight(fig.get_figheight() + box.height / fig.dpi + GAP)


def legend_again(axes) -> None:
    """The legend of ``axes`` placed again where it was (below the one axes, or beside the first row), once lines
    were added to them (``forecastplot``'s end of the fit's data)."""
    if axes[0].get_legend() is not None and axes[0].get_legend().get_gid() == BELOW:
        legend_below(axes[0])
    else:
        axes[0].legend(fontsize=LEGEND_SIZE, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _entries(axes, carried: tuple[str, ...]) -> dict:
    """label -> handle of ``axes``' legend: the first's entries, then the ``carried`` labels only a later one draws,
    matched with what that row added in brackets ("... ('A' only) (under the model's line)") and listed without it:
    the note is that row's alone (decision 1944)."""
    pairs = {}
    for handle, label in zip(*axes[0].get_legend_handles_labels()):
        pairs.setdefault(label, handle)
    within = lambda label, base: label == base or label.startswith(f"{base} (")  # noqa: E731
    for ax in axes[1:]:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            base = next((c for c in carried if within(label, c)), None)
            if base is not None and not any(within(listed, base) for listed in pairs):
                pairs[base] = handle
    return pairs
