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


def test_the_legend_is_readable_at_the_pages_width():
    """t32t5's MED-5: the legend, 8 pt in a PNG 1,100 px wide at 110 dpi, was about 5 px on a page 650 px wide and
    4.5 pt printed; at 9 pt (110 dpi) it is about 10 pt where the page draws the picture near its own width."""
    axes = Figure().subplots(2, 1)
    axes[0].plot([0, 1], label="actual")
    legend_beside(axes)
    (text,) = axes[0].get_legend().get_texts()
    assert text.get_fontsize() >= 9
