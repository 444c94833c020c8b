"""Which series a figure of a panel draws (``seriespicks.py``): each series' MASE over its windows, and its best,
median and worst by it; series without a MASE are not ranked. (forecast.png's and backtest.png's own tests draw them:
test_forecastplot.py, test_backtestplot.py.)"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from rnncast.evaluation import scores
from rnncast.seriespicks import lead, mase_by_series, mase_by_target, no_demand, pick_series
from rnncast.windowforecasts import WindowForecasts, take


def test_mase_by_series_pools_each_series_windows_over_its_own_scale():
    y_true = np.zeros((4, 2, 1))
    y_pred = np.array([1.0, 3.0, 2.0, 2.0])[:, None, None] * np.ones((4, 2, 1))
    wf = SimpleNamespace(y_true=y_true, y_pred=y_pred, series=np.array([0, 0, 1, 2]), filled=None, reads_later=None,
                         absent=None)
    scales = np.array([[1.0], [1.0], [2.0], [0.0]])  # series 2: training rows that never change, no scale
    mase = mase_by_series(wf, scales, 4)
    assert np.allclose(mase[:2], [2.0, 1.0]) and np.isnan(mase[2]) and np.isnan(mase[3])  # series 3: no windows


def test_mase_by_series_counts_only_the_values_the_scores_table_scores():
    # was: filled targets and windows whose inputs read later fills counted, so forecast.png ranked and labelled series
    # by a MASE no table reported (ST03 1.42 in the picture, 1.449 in evaluate(by_series=True))
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.normal(size=(6, 3, 1)), rng.normal(size=(6, 3, 1))
    filled = np.zeros((6, 3, 1), bool)
    filled[0, 1:] = filled[3, 0] = True
    reads_later = np.array([False, True, False, False, False, True])
    series, scales = np.array([0, 0, 0, 1, 1, 1]), np.array([[0.5]] * 3 + [[2.0]] * 3)
    wf = WindowForecasts(np.zeros(6, int), np.zeros(6, int), y_true, y_pred, {}, None, series=series, ids=["a", "b"],
                         filled=filled, reads_later=reads_later)
    mase = mase_by_series(wf, scales, 2)
    for s in (0, 1):  # each series' number is the one evaluation scores for its windows alone
        mine = series == s
        assert np.isclose(mase[s], scores(take(wf, mine), scales[mine])["model"]["mase"])
    keep = ~filled[:3, :, 0] & ~reads_later[:3, None]
    assert np.isclose(mase[0], np.abs(y_pred[:3, :, 0] - y_true[:3, :, 0])[keep].mean() / 0.5)


def test_mase_by_target_is_each_targets_own_and_their_pool_the_series():
    """A tester's finding (t30t10): a row titled 'sales' showed store s2's MASE over sales and visits (2.09) where
    sales alone was 2.55, the worst of the three stores on it."""
    rng = np.random.default_rng(1)
    y_true, y_pred = rng.normal(size=(4, 3, 2)), rng.normal(size=(4, 3, 2))
    series, scales = np.array([0, 0, 1, 1]), np.array([[1.0, 4.0], [1.0, 4.0], [2.0, 0.0], [2.0, 0.0]])
    wf = WindowForecasts(np.zeros(4, int), np.zeros(4, int), y_true, y_pred, {}, None, series=series, ids=["a", "b"])
    each = mase_by_target(wf, scales, 3)
    assert each.shape == (3, 2) and np.isnan(each[1, 1]) and np.isnan(each[2]).all()  # b's second: no scale
    for s in (0, 1):
        mine = series == s
        for t in (0, 1):
            one = take(wf, mine)
            alone = SimpleNamespace(y_true=one.y_true[..., t:t + 1], y_pred=one.y_pred[..., t:t + 1], series=one.series,
                                    filled=None, reads_later=None, absent=None)
            assert np.isclose(each[s, t], mase_by_series(alone, scales[mine][:, t:t + 1], 3)[s], equal_nan=True)
    assert np.isclose(mase_by_series(wf, scales, 3)[0], each[0].mean())  # equal counts: the pool is their mean


def test_a_series_of_several_targets_says_its_number_is_over_them_all():
    assert lead("best of 3", "test", "store 's2'", 2.0886, 1) == "best of 3 by test MASE: store 's2', MASE 2.09"
    assert lead("best of 3", "test", "store 's2'", 2.0886, 2) == ("best of 3 by test MASE over its 2 targets: "
                                                                  "store 's2', 2.09")
    assert lead("", "backtest", "store 's1'", 2.67, 2) == "store 's1': backtest MASE over its 2 targets 2.67"


def test_pick_series_ranks_the_defined_mase_and_fills_up_with_the_undefined():
    ids = ["a", "b", "c", "d"]
    every = np.ones(4, bool)
    assert pick_series(np.array([3.0, 1.0, 2.0, 4.0]), every, ids)[0] == [(1, "best of 4"), (2, "median of 4"),
                                                                           (3, "worst of 4")]
    picks, note = pick_series(np.array([np.nan, 1.0, np.nan, 2.0]), every, ids)
    assert picks == [(1, "best"), (3, "worst"), (0, "")] and "2 series not ranked" in note and "'a', 'c'" in note
    assert pick_series(np.array([2.0, 1.0, 5.0, 3.0]), np.array([True, True, False, False]), ids)[0] == [(0, ""), (1, "")]


def test_the_note_on_unranked_series_says_their_cause_only_where_they_share_one():
    ids, every, mase = ["a", "b", "c", "d"], np.ones(4, bool), np.array([np.nan, 1.0, np.nan, 2.0])
    why = ["training rows that repeat exactly every 7 steps", "", "training rows that repeat exactly every 7 steps", ""]
    note = pick_series(mase, every, ids, why)[1]
    assert "MASE is undefined for 'a', 'c' (training rows that repeat exactly every 7 steps)" in note
    assert "constant" not in note and "never change" not in note  # was "constant training rows" whatever the cause
    mixed = pick_series(mase, every, ids, ["training rows that never change", "", why[0], ""])[1]
    assert mixed.endswith("MASE is undefined for 'a', 'c'")
    assert "never change" not in pick_series(mase, every, ids)[1]  # no causes given: none claimed


def test_mase_each_gives_the_series_pool_from_its_targets_sums_in_one_pass():
    """backtest and forecast.png took each series' MASE and each target's in two passes over the windows; one gives
    both, the series' its targets' scaled errors pooled (their means weighed by their counts)."""
    from rnncast.seriespicks import mase_each

    rng = np.random.default_rng(2)
    y_true, y_pred = rng.normal(size=(5, 2, 2)), rng.normal(size=(5, 2, 2))
    filled = np.zeros((5, 2, 2), bool)
    filled[1, 0, 1] = True  # one value of b's second target not scored: the pool weighs it by its counts
    series, scales = np.array([0, 0, 1, 1, 1]), np.array([[1.0, 3.0]] * 2 + [[0.5, 2.0]] * 3)
    wf = WindowForecasts(np.zeros(5, int), np.zeros(5, int), y_true, y_pred, {}, None, series=series, ids=["a", "b"],
                         filled=filled)
    by_series, by_target = mase_each(wf, scales, 2)
    np.testing.assert_allclose(by_series, mase_by_series(wf, scales, 2))
    np.testing.assert_allclose(by_target, mase_by_target(wf, scales, 2))
    counts = np.array([[4, 3], [6, 6]])  # values scored of each series and target
    np.testing.assert_allclose(by_series, (by_target * counts).sum(axis=1) / counts.sum(axis=1))


def test_a_series_without_demand_in_the_scored_steps_is_not_ranked_best():
    """forecast.png's "best of 288 by test MASE" was a discontinued SKU (every test actual 0, MASE 0.148) on which
    "repeat the last value" was exact; such a series is not ranked where others are, and the note says so (decision
    1485)."""
    y_true = np.array([0.0, 0.0, 2.0, 1.0, 5.0, 0.0])[:, None, None] * np.ones((6, 2, 1))
    y_true[5, 1, 0] = np.nan  # a missing actual: not a sale
    wf = SimpleNamespace(y_true=y_true, y_pred=y_true, series=np.array([0, 0, 1, 2, 3, 4]), filled=None,
                         reads_later=None, absent=None)
    assert no_demand(wf, 6).tolist() == [True, False, False, False, True, False]  # series 5: no windows
    mase = np.array([0.1, 0.5, 1.0, 2.0, 0.2])
    picks, note = pick_series(mase, np.ones(5, bool), ["dead", "b", "c", "d", "gone"], idle=no_demand(wf, 5))
    assert picks == [(1, "best of 3"), (2, "median of 3"), (3, "worst of 3")]
    assert "2 series not ranked: every actual scored is 0 (no demand" in note and "'dead', 'gone'" in note
    every = pick_series(mase[[0, 4]].repeat(2), np.ones(4, bool), list("abcd"), idle=np.ones(4, bool))
    assert every[0][0] == (0, "best of 4") and every[1] == ""  # every series without demand: ranked as before


def test_a_rain_gauges_dry_series_is_said_without_demand_in_the_figures_note():
    """A rain gauge's dry test weeks were titled "(no demand: a small MASE there says little)" in forecast.png and
    backtest.png, though the warnings say "no nonzero value" for a target that counts no demand (decision 1572)."""
    mase, idle = np.array([0.1, 0.5, 1.0, 2.0]), np.array([True, False, False, False])
    ids = ["ST03", "b", "c", "d"]
    _, rain = pick_series(mase, np.ones(4, bool), ids, idle=idle, targets=["rain_mm"])
    assert "every actual scored is 0 (no nonzero value: a small MASE" in rain and "demand" not in rain
    _, sales = pick_series(mase, np.ones(4, bool), ids, idle=idle, targets=["sales"])
    assert "(no demand: a small MASE" in sales
