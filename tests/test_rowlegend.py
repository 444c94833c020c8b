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
