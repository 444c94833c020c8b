"""Axis labels that fit their axes (``axislabels.py``): a long name wrapped at its separators along its axes, a column
of axes sharing one label, a name too long shortened in its middle and written whole under a title; rows' titles
wrapped to their axes. The forecast and backtest figures' own tests draw them (test_plots.py, test_backtestplot.py)."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from rnncast import axislabels

NAME = "gross_domestic_product_chain_linked_volumes_2015_prices_seasonally_unadjusted_bn_eur"


def chars(text: str) -> float:
    return float(len(text))  # a width of one per character: the rules without a renderer


def draw(fig):
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    return renderer


def test_a_name_is_wrapped_after_its_separators_and_its_lines_joined_are_the_name():
    lines = axislabels.wrapped(NAME, 30, chars)
    assert "".join(lines) == NAME and all(len(line) <= 30 for line in lines)
    assert all(line[-1] in "_" for line in lines[:-1])  # broken after an underscore
    assert axislabels.wrapped("sales of the north region", 12, chars) == ["sales of the", "north region"]
    assert axislabels.wrapped("x" * 25, 10, chars) == ["x" * 10, "x" * 10, "x" * 5]  # no break: between characters
    assert axislabels.wrapped("MASE 0.846 of a", 9, chars, axislabels.SPACES) == ["MASE", "0.846 of", "a"]


def test_a_name_too_long_keeps_its_start_and_its_end_around_an_ellipsis():
    lines = axislabels.shortened(NAME * 3, 30, chars)
    text = "".join(lines)
    assert len(lines) <= axislabels.MAX_LINES and "…" in text and text.startswith("gross_domestic")
    assert text.endswith("_bn_eur") and all(len(line) <= 30 for line in lines)


def test_a_short_label_stays_and_a_long_one_fits_its_axes_at_every_draw():
    fig = Figure(figsize=(6, 3), layout="constrained")
    short, long = fig.subplots(1, 2)
    axislabels.label(short, "y")
    axislabels.label(long, NAME)
    renderer = draw(fig)
    assert short.get_ylabel() == "y"
    box = long.yaxis.label.get_window_extent(renderer)
    assert box.height <= long.bbox.height + 1 and "".join(long.get_ylabel().split("\n")) == NAME
    fig.set_size_inches(6, 6)  # taller axes: fitted afresh from the whole name
    draw(fig)
    assert long.get_ylabel().count("\n") < 2


def test_a_column_of_axes_shares_one_label_only_where_one_per_axes_does_not_fit():
    fig = Figure(figsize=(6, 6), layout="constrained")
    axes = list(fig.subplots(3, 1)[:])
    axislabels.label(axes, "sales")
    draw(fig)
    assert [ax.get_ylabel() for ax in axes] == ["sales"] * 3
    fig = Figure(figsize=(6, 6), layout="constrained")
    axes = list(fig.subplots(3, 1)[:])
    axislabels.label(axes, NAME, fig.suptitle("t"))
    draw(fig)
    shared = [t for t in fig.texts if t.get_rotation() == 90 and t.get_text()]
    assert [ax.get_ylabel() for ax in axes] == [""] * 3 and ["".join(t.get_text().split("\n")) for t in shared] == [NAME]


@pytest.mark.parametrize("width", [3.0, 6.0])
def test_a_rows_title_is_wrapped_to_its_axes_width(width):
    fig = Figure(figsize=(width, 3), layout="constrained")
    ax = fig.subplots()
    text = "worst of 4 by test MASE: series 'West Side Flagship Store & Outlet, Greater Manchester Metropolitan Area'"
    axislabels.title(ax, text, fontsize=10)
    renderer = draw(fig)
    box = ax.title.get_window_extent(renderer)
    assert box.x0 >= ax.bbox.x0 - 1 and box.x1 <= ax.bbox.x1 + 1
    assert " ".join(ax.get_title().split()) == text


def test_an_x_label_is_wrapped_at_its_spaces_to_its_axes_width_at_every_draw():
    """A session's time label under axes an outside legend narrows was cut at both edges of backtest.png (decision
    1789): it is wrapped at its spaces to the axes' width, fitted afresh from the whole text at every draw."""
    text = "ds (one step per bar of '30min 08:00-19:30 Mon Tue Wed Thu Fri Sat', closed hours left out)"
    fig = Figure(figsize=(4, 3), layout="constrained")
    ax = fig.subplots()
    axislabels.xlabel(ax, text)
    renderer = draw(fig)
    box = ax.xaxis.label.get_window_extent(renderer)
    assert "\n" in ax.get_xlabel() and " ".join(ax.get_xlabel().split()) == text
    assert box.x0 >= ax.bbox.x0 - 1 and box.x1 <= ax.bbox.x1 + 1
    fig.set_size_inches(14, 3)  # wide enough: one line again
    draw(fig)
    assert ax.get_xlabel() == text


def test_a_cut_inside_a_piece_is_the_most_characters_that_fit_and_found_in_a_few_measures():
    """A 20,000-character series id made fit hang after training: each cut measured ``piece[:k]`` for every k
    (t35t4 M3, decision 1803). The cut is the same, found by doubling then halving."""
    weights = {c: 1.0 + (ord(c) % 3) / 2 for c in "abcdefgh"}

    def uneven(text: str) -> float:
        return sum(weights[c] for c in text)

    for piece in ("abcdefghabcdefgh", "h" * 40, "a"):
        for room in (0.5, 1.0, 3.0, 7.5, 100.0):
            brute = max(1, max(k for k in range(1, len(piece) + 1) if uneven(piece[:k]) <= room or k == 1))
            assert axislabels.most_fitting(piece, room, uneven) == brute
    measured = []

    def counted(text: str) -> float:
        measured.append(len(text))
        return float(len(text))

    lines = axislabels.wrapped("L" * 20_000, 50, counted)
    assert "".join(lines) == "L" * 20_000 and len(lines) == 400
    assert len(measured) < 20 * len(lines)  # a few measures a line, not one per character of it


def test_a_title_naming_an_id_of_20000_characters_takes_a_few_lines_around_an_ellipsis():
    fig = Figure(figsize=(6, 3), layout="constrained")
    ax = fig.subplots()
    axislabels.title(ax, "best of 2 by test MASE: series '" + "L" * 20_000 + "'", fontsize=10)
    draw(fig)
    lines = ax.get_title().split("\n")
    assert len(lines) <= axislabels.TITLE_LINES and "…" in ax.get_title() and lines[0].startswith("best of 2")
