"""One legend for a figure of rows (``rowlegend.py``): the first row's entries and the carried marks of later rows."""

from __future__ import annotations

from matplotlib.figure import Figure

from rnncast.rowlegend import legend_beside


def test_a_mark_only_a_later_row_draws_is_named_once_and_other_later_labels_are_not():
    axes = Figure().subplots(3, 1)
    axes[0].plot([0, 1], label="actual")
    axes[1].plot([0, 1], label="actual")
    axes[1].plot([0], marker="x", label="made by fill")
    axes[1].plot([0], label="a row's own note")
    axes[2].plot([1], marker="x", label="made by fill")
    legend_beside(axes, ("made by fill",))
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == ["actual", "made by fill"]
    assert axes[1].get_legend() is None


def test_a_carried_label_a_later_row_adds_a_note_to_is_listed_once_without_that_rows_note():
    """r36r4: a later row's "baseline: climatology ('B' only) (under the model's line)" did not equal the carried
    label and was left out of the legend (decision 1944); the note is that row's, the entry the carried label."""
    axes = Figure().subplots(3, 1)
    axes[0].plot([0, 1], label="actual")
    axes[1].plot([0, 1], label="baseline: climatology ('B', 'C' only) (under the model's line)")
    axes[2].plot([0, 1], label="baseline: climatology ('B', 'C' only)")
    axes[2].plot([0, 1], label="baseline: climatology ('B', 'C' only) extra")  # no bracket: another label, not carried
    legend_beside(axes, ("baseline: climatology ('B', 'C' only)",))
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == [
        "actual", "baseline: climatology ('B', 'C' only)"]


def test_the_legend_is_readable_at_the_pages_width():
    """t32t5's MED-5: the legend, 8 pt in a PNG 1,100 px wide at 110 dpi, was about 5 px on a page 650 px wide and
    4.5 pt printed; at 9 pt (110 dpi) it is about 10 pt where the page draws the picture near its own width."""
    axes = Figure().subplots(2, 1)
    axes[0].plot([0, 1], label="actual")
    legend_beside(axes)
    (text,) = axes[0].get_legend().get_texts()
    assert text.get_fontsize() >= 9


def test_a_legend_below_lies_under_the_axis_label_within_the_figure_and_leaves_the_axes_the_width():
    """t34t4 8: beside the axes, forecast.png's legend ("baseline: repeat the last value (under the actual line)") took
    about 40% of the width; below them, the curves take the figure's width and nothing overlaps (decision 1701)."""
    from rnncast.rowlegend import BELOW, legend_again, legend_below

    fig = Figure(figsize=(10, 4.5), layout="constrained")
    ax = fig.subplots()
    for label in ("actual", "model (rnn)", "baseline: repeat the last value (under the actual line)",
                  "baseline: training mean", "baseline: seasonal naive (season 12)"):
        ax.plot([0, 1], [0, 1], label=label)
    ax.set_xlabel("time")
    legend_below(ax)
    grown = fig.get_figheight()
    assert grown > 4.5 and ax.get_legend().get_gid() == BELOW
    ax.axvline(0.5, label="the fit's data ends")
    legend_again([ax])  # once more, with the new line: still below, the figure not grown twice
    fig.draw_without_rendering()
    legend = ax.get_legend()
    box, label = legend.get_window_extent(), ax.xaxis.label.get_window_extent()
    assert legend.get_gid() == BELOW and fig.get_figheight() == grown
    assert box.y1 <= label.y0 and box.y0 >= 0 and 0 <= box.x0 and box.x1 <= fig.bbox.width  # whole, under the label
    assert ax.get_window_extent().width >= 0.8 * fig.bbox.width  # the curves take the width
    assert [t.get_text() for t in legend.get_texts()][-1] == "the fit's data ends"
