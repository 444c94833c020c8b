"""Every quantile level seen in a forecast figure (``quantilebands.py``): central intervals as nested bands, the
outer lighter, each labelled with its interval; a level without its mirror as a dashed line labelled with its level."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from rnncast.quantilebands import Band, draw, drawn_levels


def test_every_level_but_the_median_is_drawn_intervals_widest_first_then_lone_levels():
    """0.05, 0.5, 0.9 drew nothing (no symmetric pair); 0.05, 0.25, 0.5, 0.75, 0.95 drew only the 90% band."""
    assert drawn_levels((0.05, 0.5, 0.9)) == [(0.05, None, 0, "q0.05"), (0.9, None, 0, "q0.9")]
    assert drawn_levels((0.05, 0.25, 0.5, 0.75, 0.95)) == [(0.05, 0.95, 0, "90% interval"), (0.25, 0.75, 1, "50% interval")]
    assert drawn_levels((0.1, 0.25, 0.5, 0.9)) == [(0.1, 0.9, 0, "80% interval"), (0.25, None, 0, "q0.25")]
    assert drawn_levels((0.5,)) == [] and drawn_levels(()) == []


def test_nested_bands_are_lighter_outside_and_a_lone_level_is_a_dashed_line_in_its_models_colour():
    ax = Figure().subplots()
    x, zero = np.arange(4), np.zeros(4)
    shown = draw(ax, x, {"m 90% interval": Band(zero - 2, zero + 2, "m", 0), "m 50% interval": Band(zero - 1, zero + 1, "m", 1),
                         "m q0.99": Band(zero + 3, None, "m", 0)}, {"m": "C3"})
    outer, inner = ax.collections
    assert outer.get_alpha() < inner.get_alpha()  # over the outer band too: the inner darker still
    line, = ax.get_lines()
    assert line.get_linestyle() == "--" and line.get_color() == "C3" and line.get_label() == "m q0.99"
    assert [c.get_label() for c in ax.collections] == ["m 90% interval", "m 50% interval"]
    assert len(shown) == 5  # the y range covers every level


def test_one_band_is_drawn_as_before_and_a_later_window_adds_no_legend_entry():
    ax = Figure().subplots()
    draw(ax, np.arange(3), {"80% interval": (np.zeros(3), np.ones(3))}, "C1", labelled=False)
    assert ax.collections[0].get_alpha() == 0.2 and ax.collections[0].get_label().startswith("_")
