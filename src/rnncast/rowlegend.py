"""One legend for a figure of rows (forecast.png of a panel, backtest.png): the first row's entries, and those of
marks a later row alone draws, so that a series without filled values drawn first does not leave the crosses of the
series below it unexplained (the legend of the first row alone named only what it drew)."""

from __future__ import annotations

from rnncast.lossaxes import LEGEND_SIZE  # points, as the loss legend's: about 10 pt on a page 1,100 px wide, which draws the PNG
# near its own size (8 was 5 px at 650 px wide: decision 1543)


def legend_beside(axes, carried: tuple[str, ...] = ()) -> None:
    """The legend of ``axes`` (rows sharing their labels) beside the first: its entries, each label once, then each
    label of ``carried`` (``plots.draw_actual``'s marks) that only a later row draws, with that row's handle."""
    pairs = {}
    for handle, label in zip(*axes[0].get_legend_handles_labels()):
        pairs.setdefault(label, handle)
    for ax in axes[1:]:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            if label in carried:
                pairs.setdefault(label, handle)
    axes[0].legend(list(pairs.values()), list(pairs), fontsize=LEGEND_SIZE, loc="upper left", bbox_to_anchor=(1.01, 1.0))
