"""Points a line cannot show (``lonepoints.py``): a finite value without a finite neighbour is found, marked
where it is (and nowhere else), and a band's such point drawn as a bar."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from rnncast import lonepoints


def test_a_finite_value_without_a_finite_neighbour_is_lone():
    assert lonepoints.lone([1.0]).tolist() == [True]  # a window of one step
    assert lonepoints.lone([np.nan, 2.0, np.nan, 3.0, 4.0]).tolist() == [False, True, False, False, False]
    assert not lonepoints.lone([1.0, 2.0, 3.0]).any() and not lonepoints.lone([]).any()
    assert lonepoints.lone(np.array([True, False, True, True])).tolist() == [True, False, False, False]  # a mask


def test_marks_mark_only_the_lone_points_and_nothing_on_a_line_that_shows_itself():
    assert lonepoints.marks([1.0, 2.0]) == {}
    kw = lonepoints.marks([np.nan, 2.0, np.nan, 3.0, 4.0])
    assert kw["marker"] == "o" and kw["markevery"] == [1]
    assert lonepoints.marks([1.0, 2.0], "o", every=True)["markevery"] is None  # every point, as asked
    ax = Figure().subplots()
    line, = ax.plot([0, 1, 2], [np.nan, 2.0, np.nan], **lonepoints.marks([np.nan, 2.0, np.nan]))
    assert line.get_marker() == "o" and line.get_markevery() == [1]


def test_a_band_of_one_point_is_drawn_as_a_bar_over_dates_too():
    ax = Figure().subplots()
    at = lonepoints.bars(ax, pd.date_range("2024-01-01", periods=1, freq="MS"), [1.0], [3.0], "C0", 0.2)
    assert at.tolist() == [True] and len(ax.collections) == 1
    (segment,) = ax.collections[0].get_segments()
    assert segment[:, 1].tolist() == [1.0, 3.0]  # from the lower to the upper value
    ax = Figure().subplots()
    assert not lonepoints.bars(ax, np.arange(3), [1.0, 1.0, 1.0], [2.0, 2.0, 2.0], "C0", 0.2).any()
    assert not ax.collections  # a band of three points is seen as a fill: no bar


def test_each_of_several_models_has_its_own_mark_along_its_line_and_at_its_lone_points():
    values = np.r_[np.arange(60.0), np.nan, 5.0, np.nan, np.arange(40.0)]  # a lone point at 61
    first, second = lonepoints.model(values, 0), lonepoints.model(values, 1)
    assert first["marker"] != second["marker"] and 61 in first["markevery"] and 61 in second["markevery"]
    assert 8 <= len(first["markevery"]) <= 14 and first["markevery"][0] != second["markevery"][0]  # staggered


def test_three_models_of_few_points_mark_points_of_their_own():
    """A tester's finding (t30t10): under 24 epochs each model marked every epoch, so LSTM's and GRU's marks fell on
    each other along lines that coincide, and over the kept epoch's dot; now at least ``STAGGER`` apart, each its own."""
    for n in (4, 10, 19, 20, 23, 48):
        marked = [set(lonepoints.model(np.arange(float(n)), k)["markevery"]) for k in range(3)]
        assert all(marked) and not (marked[0] & marked[1] or marked[0] & marked[2] or marked[1] & marked[2]), n
        assert all(len(m) <= -(-n // lonepoints.STAGGER) for m in marked)
