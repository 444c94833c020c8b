"""A baseline's interval needs its errors on enough training windows, and its scores rest on the values it has one
for (decisions 1875, 1876)."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import bandcounts

REASON = ("no interval where its errors come from fewer than 9 training windows, the fewest whose range holds a new "
          "error as often as the outermost level says")


@pytest.mark.parametrize("levels, want", [((0.1, 0.5, 0.9), 9), ((0.05, 0.95), 19), ((0.5,), 1), ((0.25, 0.75), 3),
                                          ((0.5, 0.9), 9), ((0.3, 0.7), 3), ((0.025, 0.5, 0.975), 39)])
def test_the_fewest_errors_are_those_whose_range_holds_a_new_one_at_the_outermost_level(levels, want):
    """n exchangeable errors leave n + 1 equally likely places for a new one: below the smallest with 1 / (n + 1), so
    a level q < 0.5 needs 1 / (n + 1) <= q, n >= (1 - q) / q (0.9 / 0.1 = 9.000000000000002 is 9, not 10)."""
    assert bandcounts.fewest(levels) == want
    m = min(min(q, 1 - q) for q in levels)
    n = want
    assert 1 / (n + 1) <= m + 1e-12 and (n == 1 or 1 / n > m)  # the fewest that hold it, no fewer


def test_what_a_baselines_scores_leave_out_is_counted_by_value_window_and_series():
    bands = np.zeros((5, 2, 1, 3))
    bands[3:] = np.nan  # series 1's two windows have no interval
    bands[0, 1] = np.nan  # one step of a window of series 0
    series = np.array([0, 0, 0, 1, 1])
    keep = np.ones((5, 2, 1), bool)
    keep[4] = False  # a window of series 1 is scored nowhere (fill made it)
    assert bandcounts.left_out(keep, bands, series, (0.1, 0.5, 0.9)) == {
        "values": 3, "of": 8, "windows": 1, "of_windows": 4, "series": 1, "of_series": 2, "fewest": 9,
        "reason": REASON}
    np.testing.assert_array_equal(bandcounts.kept(keep, bands), keep & bandcounts.given(bands))
    assert bandcounts.left_out(None, np.zeros((2, 1, 1, 3)), None, (0.5,)) is None  # all given: nothing said


def test_the_note_names_the_baseline_the_count_the_rule_and_what_its_scores_are():
    left = {"values": 20, "of": 188, "windows": 5, "of_windows": 47, "series": 1, "of_series": 3, "fewest": 9,
            "reason": REASON}
    note = bandcounts.note({"model": {"pinball": 0.1}, "repeat": {"pinball": 0.2},
                            "seasonal": {"pinball": 0.1, bandcounts.KEY: left}})
    assert note == (
        "The 'seasonal naive' baseline has no interval at 20 of the 188 values scored; 5 of the 47 windows (1 of the 3 "
        "series) have none: an interval at these levels needs the baseline's errors on at least 9 training windows "
        "(counting only its training windows with a full season of their series' rows before them): from fewer, "
        "however their quantiles are taken, it holds a new error less often than its level says; its pinball loss and "
        "coverage are those of the other 168 values, and the quantiles' verdict weighs it against the model's on "
        "those values.")
    every = {**left, "values": 8, "of": 8, "windows": 1, "of_windows": 1, "series": 1, "of_series": 1}
    assert ("; 1 of the 1 window has none:" in bandcounts.note({"repeat": {bandcounts.KEY: every}})
            and "none are scored, so its pinball loss and coverage are not given and the quantiles' verdict does not "
            "weigh it." in bandcounts.note({"repeat": {bandcounts.KEY: every}}))
    assert bandcounts.note({"model": {}, "repeat": {"pinball": 0.2}}) is None


def test_baselines_leaving_out_the_same_values_are_said_in_one_sentence():
    """r36r1 9: one short series dropped the repeat and mean bands alike, and the note said the same 70 words twice."""
    left = {"values": 72, "of": 216, "windows": 18, "of_windows": 54, "series": 1, "of_series": 3, "fewest": 9,
            "reason": REASON}
    note = bandcounts.note({"model": {}, "repeat": {bandcounts.KEY: left}, "mean": {bandcounts.KEY: dict(left)}})
    assert note.startswith("The 'repeat the last value' and 'training mean' baselines have no interval at 72 of the "
                           "216 values scored; 18 of the 54 windows (1 of the 3 series) have none: an interval at "
                           "these levels needs a baseline's errors")
    assert note.count("The ") == 1 and note.endswith("their pinball loss and coverage are those of the other 144 "
                                                     "values, and the quantiles' verdict weighs each against the "
                                                     "model's on those values.")


def test_left_out_counts_each_series_once_with_bincount_whatever_their_order():
    """r36r1 6: the series with no interval were found by a mask per series (O(S·W)); now by counts. Series 2's
    windows are split around series 0's, and series 1 has a window with no value scored."""
    bands = np.zeros((6, 1, 1, 3))
    bands[[0, 4]] = np.nan  # series 2 has none at either of its windows
    series = np.array([2, 0, 1, 1, 2, 0])
    keep = np.ones((6, 1, 1), bool)
    keep[3] = False
    bands[2] = np.nan  # series 1's one scored window has none, its other is not scored
    got = bandcounts.left_out(keep, bands, series, (0.5,))
    assert (got["windows"], got["of_windows"], got["series"], got["of_series"]) == (3, 5, 2, 3)
