"""Every quantile level seen in a forecast figure (``quantilebands.py``): central intervals as nested bands, the
outer lighter, each labelled with its interval; a level without its mirror as a dashed line labelled with its level."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from rnncast.quantilebands import Band, draw, drawn_levels


def test_every_level_but_the_median_is_drawn_intervals_widest_first_then_lone_levels():
    """0.05, 0.5, 0.9 drew nothing (no symmetric pair); 0.05, 0.25, 0.5, 0.75, 0.95 drew only the 90% band."""
    assert drawn_levels((0.05, 0.5, 0.9)) == [(0.05, None, 0, "q0.05"), (0.9, None, 0, "q0.9")]
    assert drawn_levels((0.05, 0.25, 0.5, 0.75, 0.95)) == [(0.05, 0.95, 0, "90% interval"), (0.25, 0.75, 1, "50% interval")]
    assert drawn_levels((0.1, 0.25, 0.5, 0.9)) == [(0.1, 0.9, 0, "80% interval"), (0.25, None, 0, "q0.25")]
    assert drawn_levels((0.5,)) == [] and drawn_levels(()) == []


def _dashes(line) -> bytes:
    """How ``line``'s dash pattern looks, drawn black, 1 pt wide, across a blank strip: two lines of one pattern
    look the same (matplotlib's get_linestyle says "--" for every dash pattern given as numbers)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.lines import Line2D

    fig = Figure(figsize=(3, 0.2), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set(xlim=(0, 1), ylim=(-1, 1))
    drawn = Line2D([0, 1], [0, 0])
    drawn.update_from(line)
    drawn.set(color="k", alpha=1, linewidth=1.0, transform=ax.transData)  # not the line's own axes' transform
    ax.add_line(drawn)
    FigureCanvasAgg(fig).draw()
    return bytes(np.asarray(fig.canvas.buffer_rgba()))


def _legend(ax) -> dict:
    return {text.get_text(): handle for text, handle in zip(ax.legend().get_texts(), ax.legend().legend_handles)}


def test_nested_bands_are_lighter_outside_and_a_lone_level_is_a_line_in_its_models_colour():
    ax = Figure().subplots()
    x, zero = np.arange(4), np.zeros(4)
    shown = draw(ax, x, {"m 90% interval": Band(zero - 2, zero + 2, "m", 0), "m 50% interval": Band(zero - 1, zero + 1, "m", 1),
                         "m q0.99": Band(zero + 3, None, "m", 0)}, {"m": "C3"})
    outer, inner = [c for c in ax.collections if len(c.get_paths())]  # the bands drawn (the legend's swatches: none)
    assert outer.get_alpha() < inner.get_alpha()  # over the outer band too: the inner darker still
    line, = ax.get_lines()
    assert line.get_color() == "C3" and line.get_label() == "m q0.99"
    assert list(_legend(ax)) == ["m 90% interval", "m 50% interval", "m q0.99"]
    assert len(shown) == 5  # the y range covers every level


def test_each_lone_level_of_a_model_has_a_style_of_its_own_and_none_is_the_cutoffs():
    """0.05, 0.5, 0.8, 0.99 drew three identical dashed lines in the model's colour (three identical legend
    swatches), dashed as a backtest's cutoffs are."""
    ax = Figure().subplots()
    x, zero = np.arange(4), np.zeros(4)
    levels = (0.05, 0.5, 0.8, 0.99)
    draw(ax, x, {f"m {label}": Band(zero + lo, hi, "m", depth) for lo, hi, depth, label in drawn_levels(levels)},
         {"m": "C0"})
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["m q0.05", "m q0.8", "m q0.99"]
    assert {line.get_color() for line in lines} == {"C0"}
    cutoff = ax.axvline(0, color="C0", ls="--", lw=0.8)  # as plots.backtest_figure marks a cutoff
    looks = [_dashes(line) for line in lines] + [_dashes(cutoff)]
    assert len(set(looks)) == 4  # each level its own dashes, and none the cutoffs'
    handles = _legend(ax)
    assert len({_dashes(handles[f"m q{q:g}"]) for q in (0.05, 0.8, 0.99)}) == 3  # the legend's swatches too


def test_nested_bands_legend_swatches_show_the_shade_each_band_shows():
    """0.1, 0.2, ..., 0.9: the swatches of 60%, 40% and 20% were one shade (each band's own alpha, 0.2), while
    the figure shows each darker than the one outside it (alpha over alpha)."""
    ax = Figure().subplots()
    x, zero = np.arange(4), np.zeros(4)
    levels = tuple(round(0.1 * k, 1) for k in range(1, 10))
    draw(ax, x, {label: Band(zero - 1 + lo, zero + hi, "m", depth) for lo, hi, depth, label in drawn_levels(levels)},
         {"m": "C0"})
    handles = _legend(ax)
    assert list(handles) == ["80% interval", "60% interval", "40% interval", "20% interval"]
    shades = [float(handles[name].get_facecolor()[3]) for name in handles]  # the swatch's alpha
    assert shades == sorted(set(shades)) and shades[0] == 0.12  # the outermost as drawn, each inner darker
    assert abs(shades[1] - (1 - 0.88 * 0.8)) < 1e-9  # the 60% band over the 80%'s


def test_one_band_is_drawn_as_before_and_a_later_window_adds_no_legend_entry():
    ax = Figure().subplots()
    draw(ax, np.arange(3), {"80% interval": (np.zeros(3), np.ones(3))}, "C1", labelled=False)
    assert ax.collections[0].get_alpha() == 0.2 and ax.collections[0].get_label().startswith("_")


def test_a_band_and_a_lone_level_of_one_step_are_seen():
    """A horizon-1 window: fill_between of one point has no width, a dotted line of one point no length."""
    ax = Figure().subplots()
    draw(ax, np.array([5]), {"80% interval": Band(np.array([1.0]), np.array([3.0])), "q0.95": Band(np.array([4.0]))}, "C1")
    bars = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(bars) == 1 and bars[0].get_segments()[0][:, 1].tolist() == [1.0, 3.0]  # the band's bar
    (level,) = ax.lines
    assert level.get_marker() == "_" and level.get_markevery() == [0]  # the level as a short stroke
    ax = Figure().subplots()
    draw(ax, np.arange(3), {"80% interval": Band(np.zeros(3), np.ones(3)), "q0.95": Band(np.full(3, 2.0))}, "C1")
    assert ax.lines[0].get_marker() == "None" and len(ax.collections) == 1  # longer: a fill and a line, as before


def test_bands_over_no_steps_draw_nothing_even_on_a_zoned_index():
    """A backtest window left out (its cutoff row missing) has no rows: fill_between of an empty Europe/Berlin
    index raised TypeError ('isfinite' not supported) after the training, and the run was lost (decision 1819)."""
    import pandas as pd

    ax = Figure().subplots()
    x = pd.DatetimeIndex([], tz="Europe/Berlin")
    empty = np.array([], dtype=float)
    assert draw(ax, x, {"80% interval": Band(empty, empty), "q0.25": Band(empty, None)}, "C0") == []
    assert not ax.collections and not ax.lines
