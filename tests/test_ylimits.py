"""A forecast figure's y range (``ylimits.py``): the actual values and the models with a margin; a
baseline wholly beyond it named in its legend entry and at the edge it lies past."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from rnncast import ylimits


def _axes():
    return Figure().subplots()


def test_the_limits_cover_what_is_shown_with_a_margin_and_nothing_else():
    ax = _axes()
    actual, model = np.array([0.77, 0.80, 0.86]), np.array([0.78, np.nan, 0.84])
    ax.plot(actual)
    far = ax.plot([0.60, 0.60, 0.60], label="baseline: training mean")[0]
    assert ylimits.frame(ax, [actual, model], [far]) == ["baseline: training mean (0.6, off the chart below)"]
    bottom, top = ax.get_ylim()
    assert 0.75 < bottom < 0.77 and 0.86 < top < 0.87
    assert (0.77 - bottom) / (top - bottom) >= ylimits.NOTE + ylimits.ROOM - 1e-9  # the note's room (decision 1942)
    assert far.get_label() == "baseline: training mean (0.6, off the chart below)"
    assert [(t.get_text(), t.get_va()) for t in ax.texts] == [("\u2193 training mean 0.6, off the chart", "bottom")]


def test_a_baseline_partly_in_view_or_varying_is_drawn_as_it_is_or_named_by_its_range():
    ax = _axes()
    near = ax.plot([0.0, 5.0], label="baseline: repeat the last value")[0]
    above = ax.plot([20.0, 30.0], label="baseline: seasonal naive (season 4)")[0]
    assert ylimits.frame(ax, [np.array([1.0, 2.0])], [near, above]) == [
        "baseline: seasonal naive (season 4) (20 to 30, off the chart above)"]
    assert near.get_label() == "baseline: repeat the last value"
    assert ax.get_ylim()[0] < 0.0 and ax.get_ylim()[1] > 5.0  # the part of it outside the data is drawn too


def test_a_baseline_that_dips_below_the_data_is_drawn_whole_not_cut_at_the_data():
    """A monthly run's seasonal naive forecast, the baseline its verdict named, dipped below the chart
    for three months without a word: the range stopped at the actual values and the model."""
    ax = _axes()
    actual, model = np.array([240.0, 250.0, 260.0]), np.array([245.0, 250.0, 255.0])
    seasonal = ax.plot([250.0, 230.0, 255.0], label="baseline: seasonal naive (season 12)")[0]
    assert ylimits.frame(ax, [actual, model], [seasonal]) == []
    assert ax.get_ylim()[0] < 230.0 and ax.get_ylim()[1] > 260.0 and not ax.texts


def test_nothing_finite_to_show_leaves_the_axes_as_they_are():
    ax = _axes()
    ax.plot([1.0, 2.0])
    before = ax.get_ylim()
    assert ylimits.frame(ax, [np.array([np.nan])], []) == [] and ax.get_ylim() == before
    one = _axes()
    ylimits.frame(one, [np.array([3.0, 3.0])], [])
    assert one.get_ylim()[0] < 3.0 < one.get_ylim()[1]  # one value: a span around it


def test_a_note_off_the_chart_keeps_clear_of_the_data_and_its_baseline_stays_off_it():
    """t36t8 F7 (decision 1942): "↑ training mean 24, off the chart" was written at the top right over the actual line
    (23.0 to 23.3). The data now ends below the room its notes take; a baseline noted never comes into view."""
    ax = _axes()
    actual = np.array([23.0, 23.1, 23.3])
    ax.plot(actual)
    mean = ax.plot([24.0] * 3, label="baseline: training mean")[0]
    near = ax.plot([23.36] * 3, label="baseline: repeat the last value")[0]
    assert ylimits.frame(ax, [actual], [mean, near]) == ["baseline: training mean (24, off the chart above)",
                                                         "baseline: repeat the last value (23.4, off the chart above)"]
    bottom, top = ax.get_ylim()
    assert top < 23.36 and bottom < 23.0  # the nearer baseline caps the room: still off the chart, as its label says
    ax = _axes()
    ax.plot(actual)
    ylimits.frame(ax, [actual], [ax.plot([24.0] * 3, label="baseline: training mean")[0]])
    bottom, top = ax.get_ylim()
    assert (top - 23.3) / (top - bottom) >= ylimits.NOTE + ylimits.ROOM - 1e-9 and top < 24.0
