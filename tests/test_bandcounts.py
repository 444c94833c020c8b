"""A baseline's interval needs its errors on enough training windows, and its scores rest on the values it has one
for (decisions 1875, 1876)."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import bandcounts

REASON = ("no interval where its errors come from fewer than 9 training windows, the fewest whose range holds a new "
          "error as often as the outermost level says: more training rows, or levels nearer the median, give one")


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
        "unlearned": 0, "unlearned_series": 0, "reason": REASON}
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
        "however their quantiles are taken, it holds a new error less often than its level says (more training rows, or "
        "levels nearer the median, give one); its pinball loss and "
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


def test_the_series_whose_training_rows_the_data_lack_are_found_from_the_fits_borders():
    """Decision 1932: the cause of a missing interval read at its source, not guessed from NaNs: a series of new data
    holding fewer of the fit's training rows (rows before the first validation row, less those before the fit's first)
    than the fit read."""
    from rnncast.windows import Split

    splits = [Split(84, 102, 120), Split(9, 27, 45), Split(90, 108, 126)]  # all, the last 45 rows, 6 earlier rows too
    got = bandcounts.unlearned([84, 84, 84], splits, [0, 0, 6])
    np.testing.assert_array_equal(got, [False, True, False])
    np.testing.assert_array_equal(bandcounts.unlearned([84], splits[:1]), [False])


def test_each_cause_of_a_missing_interval_gets_its_own_reason_and_advice():
    """t36t7 1: a fit given its training rows but too few of them for the levels (0.01, 0.99: 99 windows) was told
    "these data lack the fit's training rows ... evaluate data that hold them", and evaluate on the last rows alone
    was told "fewer than 9 training windows". Now the counts tell the two apart and each says its own remedy."""
    bands = np.zeros((4, 2, 1, 3))
    bands[[0, 2]] = np.nan  # series 0 (window 0) thin, series 1 (window 2) not learned in these data
    series = np.array([0, 0, 1, 1])
    thin = bandcounts.left_out(None, bands, series, (0.1, 0.5, 0.9))
    assert (thin["unlearned"], thin["unlearned_series"], thin["reason"]) == (0, 0, REASON)
    lack = bandcounts.left_out(None, bands, series, (0.1, 0.5, 0.9), unlearned=np.array([True, True, True, True]))
    assert (lack["unlearned"], lack["unlearned_series"]) == (4, 2)
    assert lack["reason"] == ("no interval where these data lack the fit's training rows of the window's series, from "
                              "whose errors it is learned: evaluate data that hold them")
    both = bandcounts.left_out(None, bands, series, (0.1, 0.5, 0.9), unlearned=np.array([False, False, True, True]))
    assert (both["unlearned"], both["unlearned_series"]) == (2, 1)
    assert both["reason"].startswith("2 values: no interval where these data lack") and both["reason"].endswith(
        "; the other 2: " + REASON)
    said = bandcounts.note({"model": {}, "repeat": {bandcounts.KEY: lack}})
    assert ("these data lack the fit's training rows of each of the 2 series, and an interval is the baseline's "
            "forecast plus the quantiles of its own errors on them (evaluate data that hold them to score it there)"
            in said and "training windows" not in said)
    said = bandcounts.note({"model": {}, "repeat": {bandcounts.KEY: both}})
    assert ("at 2 of them these data lack the fit's training rows of 1 of the 2 series" in said
            and "; at the other 2, an interval at these levels needs the baseline's errors on at least 9" in said)
    assert "lack" not in bandcounts.note({"model": {}, "repeat": {bandcounts.KEY: thin}})


def test_the_seasonal_naive_of_the_same_counts_shares_the_others_note():
    """t36t7 6: three 60-word notes where the repeat, mean and seasonal naive left out the same values; decision 1913
    joined the first two only. Decision 1934: one sentence, the seasonal naive's own count said within it."""
    left = {"values": 66, "of": 66, "windows": 22, "of_windows": 22, "series": 1, "of_series": 1, "fewest": 99,
            "unlearned": 0, "unlearned_series": 0, "reason": REASON}
    note = bandcounts.note({"model": {}, **{name: {bandcounts.KEY: dict(left)} for name in ("repeat", "mean",
                                                                                            "seasonal")}})
    assert note.count("The ") == 1 and note.startswith(
        "The 'repeat the last value', 'training mean' and 'seasonal naive' baselines have no interval at 66 of the 66 "
        "values scored; 22 of the 22 windows have none: an interval at these levels needs a baseline's errors on at "
        "least 99 training windows (the seasonal naive's counting only its training windows with a full season of "
        "their series' rows before them)")


def test_values_the_seasonal_naive_has_no_forecast_for_are_said_as_such_not_as_too_few_windows():
    """Where the step a season back is missing the seasonal naive has no forecast, so no interval (decision 1966):
    the note and the reason say that, not that its errors come from too few training windows."""
    forecast = np.zeros((4, 2, 1))
    forecast[0, 1] = np.nan
    bands = forecast[..., None] + np.zeros(3)
    left = bandcounts.left_out(None, bands, None, (0.1, 0.5, 0.9), forecast=forecast)
    assert left["unforecast"] == left["values"] == 1
    assert left["reason"] == bandcounts.GONE
    said = bandcounts.note({"model": {}, "seasonal": {bandcounts.KEY: left}})
    assert said.startswith("The 'seasonal naive' baseline has no interval at 1 of the 8 values scored: it has no "
                           "forecast there: the step a season of calendar steps back is missing from the data; its "
                           "pinball loss and coverage are those of the other 7 values")
    bands[3] = np.nan  # and a window without an interval for too few training windows
    both = bandcounts.left_out(None, bands, None, (0.1, 0.5, 0.9), forecast=forecast)
    assert both["reason"].startswith(f"1 values: {bandcounts.GONE}; the other 2: no interval where its errors come")
    assert "at 1 of them it has no forecast there" in bandcounts.note({"seasonal": {bandcounts.KEY: both}})
    assert "unforecast" not in bandcounts.left_out(None, bands, None, (0.1, 0.5, 0.9), forecast=np.zeros((4, 2, 1)))


def test_a_value_without_training_rows_or_a_forecast_is_counted_under_one_cause():
    """r37r1 3 (decision 1996): evaluate on the last 150 rows said "at 12 of them it has no forecast there ...; at the
    other 558, at 570 of them these data lack the fit's training rows ...; at the other -12": a value lacking both was
    counted under both causes. Now no forecast comes first, and the rows lacking count only the values it has."""
    bands = np.ones((2, 4, 1, 2))
    bands[0] = np.nan  # window 0: the data lack its series' training rows
    forecast = np.ones((2, 4, 1))
    forecast[0, 1], forecast[1, 2] = np.nan, np.nan  # and no forecast at two values, one of them in window 0
    bands[1, 2] = np.nan
    left = bandcounts.left_out(None, bands, np.array([0, 0]), (0.1, 0.9), unlearned=np.array([True, False]),
                               forecast=forecast)
    assert (left["values"], left["unforecast"], left["unlearned"]) == (5, 2, 3)
    assert "-" not in left["reason"] and left["reason"].startswith(f"2 values: {bandcounts.GONE}; the other 3: no "
                                                                   "interval where these data lack")
    said = bandcounts.note({"seasonal": {bandcounts.KEY: left}})
    assert "the other -" not in said and ("at 2 of them it has no forecast there: the step a season of calendar steps "
                                          "back is missing from the data; at the other 3, these data lack") in said
    bands[1, 3] = np.nan  # a third cause: window 1's last step, too few training windows
    three = bandcounts.left_out(None, bands, np.array([0, 0]), (0.1, 0.9), unlearned=np.array([True, False]),
                                forecast=forecast)
    assert "at the other 4, at 3 of them these data lack" in bandcounts.note({"seasonal": {bandcounts.KEY: three}})
    assert "at the other 1, an interval" in bandcounts.note({"seasonal": {bandcounts.KEY: three}})
    assert bandcounts.briefly("seasonal", three) == (
        "'seasonal naive' has no interval at 6 of the 8 values (at 2, no forecast: the step a season back is missing; "
        "at 3, these data lack the fit's training rows it is learned from; at 1, its errors on fewer than 9 training "
        "windows): its pinball and coverage are the other 2's")


def test_the_line_under_an_overall_table_counts_each_baselines_interval_values_against_the_models():
    """t39t3 M4 (decision 2139): the console's and a backtest's overall tables showed a seasonal naive's coverage
    from 30 of 774 values with no count."""
    block = {"model": {"pinball": 1.0}, "repeat": {"intervals_left_out": {"values": 348, "of": 774}},
             "mean": {"intervals_left_out": {"values": 348, "of": 774}},
             "seasonal": {"intervals_left_out": {"values": 744, "of": 774}}}
    assert bandcounts.rests(block) == (
        "The baselines' interval scores (pinball, wQL, coverage, MSIS) rest on the values each has an interval for, "
        "fewer than the model's 774 values: 'repeat the last value' 426, 'training mean' 426 and 'seasonal naive' 30.")
    alone = {"model": {}, "seasonal": {"intervals_left_out": {"values": 744, "of": 774}}, "mean": {"pinball": 1.0}}
    assert bandcounts.rests(alone) == (
        "The baseline's interval scores (pinball, wQL, coverage, MSIS) rest on the values it has an interval for, "
        "fewer than the model's 774 values: 'seasonal naive' 30.")
    assert bandcounts.rests({"model": {}, "seasonal": {"intervals_left_out": {"values": 774, "of": 774}}}) is None
    assert bandcounts.rests({"model": {}, "repeat": {"pinball": 1.0}}) is None
