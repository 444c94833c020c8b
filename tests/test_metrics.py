"""The metrics as pure functions: hand-computed values, the zero guards, and the interval scores."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rnncast import metrics
from rnncast.errors import RnncastError


def test_mase_divides_the_mae_by_the_in_sample_naive_mae():
    train = np.array([1.0, 3.0, 2.0, 5.0])  # naive errors 2, 1, 3: MAE 2
    assert metrics.naive_scale(train) == pytest.approx(2.0)
    assert metrics.mase([4.0, 6.0], [5.0, 5.0], train) == pytest.approx(1.0 / 2.0)


def test_mase_with_a_season_uses_the_value_one_season_earlier():
    train = np.array([0.0, 10.0, 1.0, 12.0, 3.0, 15.0])  # season 2: errors 1, 2, 2, 3 -> MAE 2
    assert metrics.naive_scale(train, season=2) == pytest.approx(2.0)
    assert metrics.mase([2.0], [6.0], train, season=2) == pytest.approx(4.0 / 2.0)


def test_the_naive_scale_keeps_the_differences_observed_at_both_ends():
    train = np.array([1.0, 3.0, 3.0, 3.0, 7.0, 6.0])  # rows 2 and 3 carried forward from row 1
    observed = np.array([True, True, False, False, True, True])
    assert metrics.naive_scale(train) == pytest.approx((2 + 0 + 0 + 4 + 1) / 5)
    assert metrics.naive_scale(train, observed=observed) == pytest.approx((2 + 1) / 2)  # 1->3 and 7->6 only
    assert metrics.naive_scale(train, observed=np.ones(6, bool)) == metrics.naive_scale(train)
    assert metrics.mase([0.0], [3.0], train, observed=observed) == pytest.approx(2.0)
    assert np.isnan(metrics.naive_scale(train, observed=[True, False] * 3))  # no two observed in a row
    assert metrics.naive_scale(train, 2, [True, False] * 3) == pytest.approx((2 + 4) / 2)  # one season: 2 rows


def test_mase_is_nan_when_the_training_values_give_no_scale():
    assert np.isnan(metrics.mase([1.0], [2.0], [3.0, 3.0, 3.0]))  # constant: naive MAE 0
    assert np.isnan(metrics.mase([1.0], [2.0], [3.0], season=1))  # one value: no naive error at all
    with pytest.raises(ValueError, match="season"):
        metrics.mase([1.0], [2.0], [1.0, 2.0], season=0)


def test_smape_in_percent_counts_a_pair_of_zeros_as_exact():
    assert metrics.smape([100.0], [110.0]) == pytest.approx(100 * 2 * 10 / 210)
    assert metrics.smape([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert metrics.smape([0.0], [5.0]) == pytest.approx(200.0)  # the largest sMAPE


def test_mape_leaves_out_points_whose_true_value_is_zero():
    assert metrics.mape([2.0, 0.0, 4.0], [3.0, 7.0, 2.0]) == pytest.approx(100 * (0.5 + 0.5) / 2)
    assert np.isnan(metrics.mape([0.0, 0.0], [1.0, 2.0]))  # every true value 0: undefined, not infinite


def test_coverage_is_the_share_of_true_values_inside_their_interval():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    assert metrics.coverage(y, y - 1, y + 1) == 1.0
    assert metrics.coverage(y, [0, 0, 3.5, 0], [2, 2, 4, 3]) == pytest.approx(0.5)  # bounds count as inside
    assert metrics.coverage([1.0], [1.0], [1.0]) == 1.0


def test_coverage_of_an_interval_with_a_nan_bound_is_nan_as_its_pinball_is():
    """Decision 1827: a seasonal naive baseline with no training window to learn its interval from has NaN bounds;
    its coverage is NaN, as its pinball loss is, not 0%."""
    y = np.array([1.0, 2.0])
    assert np.isnan(metrics.coverage(y, [np.nan, 0.0], [3.0, 3.0]))
    assert np.isnan(metrics.pinball(y, [np.nan, 0.0], 0.5))


def test_pinball_weighs_under_and_over_forecasts_by_the_level():
    assert metrics.pinball([10.0], [8.0], 0.9) == pytest.approx(0.9 * 2)  # truth above the forecast
    assert metrics.pinball([10.0], [12.0], 0.9) == pytest.approx(0.1 * 2)  # truth below
    assert metrics.pinball([1.0, 3.0], [1.0, 1.0], 0.5) == pytest.approx(0.5 * 2 / 2)  # half the MAE at 0.5
    with pytest.raises(ValueError, match="quantile"):
        metrics.pinball([1.0], [1.0], 1.0)


def test_pinball_is_smallest_at_the_true_quantile():
    rng = np.random.default_rng(0)
    y = rng.standard_normal(20_000)
    candidates = np.linspace(-2, 2, 81)
    losses = [metrics.pinball(y, np.full_like(y, c), 0.9) for c in candidates]
    assert candidates[int(np.argmin(losses))] == pytest.approx(np.quantile(y, 0.9), abs=0.05)


def test_interval_pairs_and_quantile_scores():
    assert metrics.interval_pairs((0.1, 0.5, 0.9)) == [(0.1, 0.9, 80)]
    assert metrics.interval_pairs((0.05, 0.1, 0.5, 0.9, 0.95)) == [(0.05, 0.95, 90), (0.1, 0.9, 80)]
    assert metrics.interval_pairs((0.1, 0.5)) == []
    y = np.array([0.0, 1.0, 2.0, 3.0])
    q = np.stack([y - 1, y, y + 1], axis=-1)  # [4, 3]
    q[0] = [1.0, 1.5, 2.0]  # the first value falls below its interval
    scores = metrics.quantile_scores(y, q, (0.1, 0.5, 0.9))
    assert scores["coverage_80"] == pytest.approx(0.75)
    expected = np.mean([metrics.pinball(y, q[:, i], lv) for i, lv in enumerate((0.1, 0.5, 0.9))])
    assert scores["pinball"] == pytest.approx(expected)


def test_score_keeps_its_keys():
    result = metrics.score(np.ones((3, 2, 1)), np.ones((3, 2, 1)) * 2)
    assert set(result) == {"mse", "mae", "rmse", "r2", "smape_pct", "mape_pct"}


def test_a_score_in_percent_says_so_in_its_name_as_every_output_writes_it():
    """A tester's find: metrics.json named sMAPE and MAPE 'smape'/'mape' while evaluate's by-series CSV named the same
    numbers 'model_smape_pct': one score, two names, and only one of them saying its unit. Every output now takes
    the names ``score`` gives (decision 669): a percent (0-200 for sMAPE) ends in _pct, a fraction does not."""
    result = metrics.score(np.array([[[1.0]], [[2.0]]]), np.array([[[1.5]], [[2.0]]]))
    assert result["smape_pct"] == pytest.approx(metrics.smape([1.0, 2.0], [1.5, 2.0]))  # 20.0: percent, not 0.2
    assert result["mape_pct"] == pytest.approx(25.0)
    assert metrics.PERCENT_SCORES == ("smape_pct", "mape_pct")
    assert all(name.endswith("_pct") for name in result if name in metrics.PERCENT_SCORES)


def test_the_readmes_mase_says_the_scale_is_the_seasonal_naive_error_with_a_season():
    """README said MASE's scale is "the naive forecast's error one step ahead ... below 1 means better than that
    one-step forecast", while with a season above 1 it is the in-sample seasonal-naive error, of values one season
    apart (``naive_scale``; Hyndman and Koehler's seasonal MASE, a tester's find)."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    entry = " ".join(readme.split("- **MASE**", 1)[1].split("\n- **", 1)[0].split())  # its words, unwrapped
    assert "one-step forecast" not in entry and "error one step ahead on the training rows" not in entry
    assert "values one `season` apart" in entry and "seasonal naive forecast" in entry and "seasonal-naive" not in entry
    train = np.array([0.0, 10.0, 1.0, 12.0, 3.0, 15.0])
    assert metrics.naive_scale(train, season=2) == pytest.approx(np.mean(np.abs(train[2:] - train[:-2])))


def test_zero_actuals_counts_the_values_mape_leaves_out_and_those_smape_scores_at_its_bound():
    """sMAPE said 200 % of a forecast 0.008 off an actual 0, MAPE was over 1 of 32 values, and neither was said."""
    from rnncast.metrics import mape, smape, zero_actuals

    y_true = np.zeros(32)
    y_true[5] = 2.0
    y_pred = y_true + 0.008
    y_pred[7] = 0.0  # exact at one 0
    assert smape(y_true[:1], y_pred[:1]) == 200.0 and mape(y_true, y_pred) == pytest.approx(0.4)
    assert zero_actuals(y_true, y_pred) == {"values": 32, "zeros": 31, "at_bound": 30}
    assert zero_actuals(y_true, y_pred, keep=np.arange(32) > 10) == {"values": 21, "zeros": 21, "at_bound": 21}
    assert zero_actuals(y_true + 1, y_pred) is None


@pytest.mark.parametrize("name", ["mse", "mae", "rmse", "r2", "smape", "mape", "score"])
def test_arrays_of_different_shapes_are_refused_naming_both_not_broadcast(name):
    """[1, 2, 3] against [[1], [2], [4]] was broadcast to 3x3 (MSE 2.333, not 0.333): refused, as scikit-learn does."""
    with pytest.raises(RnncastError, match=r"y_true \(3,\) and y_pred \(3, 1\)"):
        getattr(metrics, name)(np.array([1.0, 2.0, 3.0]), np.array([[1.0], [2.0], [4.0]]))
    assert metrics.mse([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]) == pytest.approx(1 / 3)  # lists of one shape as before


def test_the_interval_scores_and_mase_refuse_arrays_of_another_shape_too():
    with pytest.raises(RnncastError, match=r"y_true \(2,\) and upper \(3,\)"):
        metrics.coverage([1.0, 2.0], [0.0, 1.0], [2.0, 3.0, 4.0])
    with pytest.raises(RnncastError, match=r"y_true \(2,\) and q_pred \(1, 2\)"):
        metrics.pinball([1.0, 2.0], [[1.0, 2.0]], 0.5)
    with pytest.raises(RnncastError, match=r"y_true \(1,\) and y_pred \(2,\)"):
        metrics.mase([1.0], [1.0, 2.0], [1.0, 2.0, 4.0])


def test_every_public_function_says_what_it_takes_and_gives():
    import inspect

    public = [name for name, fn in vars(metrics).items()
              if inspect.isfunction(fn) and fn.__module__ == metrics.__name__ and not name.startswith("_")]
    assert {"mse", "mae", "rmse"} <= set(public)
    assert not [name for name in public if not (metrics.__dict__[name].__doc__ or "").strip()]


def test_zero_actuals_treat_rounding_zeros_as_zeros_and_say_where_mape_is_dominated_by_values_near_zero():
    """A sine written out stores its zeros as sin(2 pi k) ~ 1e-15: MAPE was 2.0276e+11 % for a model with R² 1.0000,
    unsaid (decision 848). The neighbours: exact 0s, 1e-15, a sign change, a positive series far from 0."""
    from rnncast.metrics import mape, zero_actuals

    t = np.arange(98)
    y_true = np.sin(2 * np.pi / 49 * t)  # t = 0, 49: 0 and -2.4e-16
    y_pred = y_true + 0.01
    assert y_true[49] != 0 and mape(y_true, y_pred) < 100  # the rounding 0 is left out as an exact 0 is
    zeros = zero_actuals(y_true, y_pred)
    assert zeros["zeros"] == 2 and zeros["rounded"] == 1 and zeros["at_bound"] == 2 and zeros["crosses_zero"]
    assert 1 <= zeros["dominant"] < 96
    exact = np.where(np.abs(y_true) < 1e-9, 0.0, y_true)
    assert mape(exact, y_pred) == mape(y_true, y_pred) and "rounded" not in zero_actuals(exact, y_pred)
    far = 100 + y_true  # positive, far from 0: as before, nothing to say
    assert zero_actuals(far, far + 0.01) is None and mape(far, far + 0.01) == pytest.approx(np.mean(1 / far))
    dip = far.copy()
    dip[10] = 1e-3  # one value near 0 (under 1 % of the mean): it alone makes half of MAPE
    near = zero_actuals(dip, dip + 0.01)
    assert near["near"] == 1 and near["dominant"] == 1 and not near["crosses_zero"] and near["zeros"] == 0
    columns = np.stack([far, 1e6 * far], axis=-1).reshape(2, 49, 2)  # each target column its own scale
    assert zero_actuals(columns, columns + 0.01) is None


def test_a_panel_s_percent_scores_judge_each_series_zeros_in_its_own_scale():
    """crypto.csv's panel (BTC ~60000 ... SHIB ~2e-5): metrics.json said "60 of these 0s are 0 but for float
    rounding", MAPE left SHIB's real prices out (3 of 4 series) and the note claimed sMAPE's bound at 60 values
    (decision 869). With each window's series: no note, MAPE over every value; a 50-state ILI-like panel stays
    silent; a sine among the series still has its rounding 0s counted, named as each series' own."""
    from rnncast.metrics import mape, score, zero_actuals

    rng = np.random.default_rng(0)
    levels = np.array([60000, 3000, 0.12, 2e-5])
    y = np.concatenate([lv * np.exp(np.cumsum(rng.normal(0, 0.02, 50))) for lv in levels])[:, None, None]
    p = y * (1 + rng.normal(0, 0.02, y.shape))
    series = np.repeat(np.arange(4), 50)
    everyone = 100 * np.mean(np.abs((p - y) / y))
    assert zero_actuals(y, p)["rounded"] == 50  # pooled, as before: SHIB's prices taken for 0s
    assert zero_actuals(y, p, series=series) is None
    assert mape(y, p, series) == pytest.approx(everyone) == score(y, p, series=series)["mape_pct"]
    assert score(y, p)["mape_pct"] != pytest.approx(everyone)  # without the series: as before
    sizes = np.exp(rng.uniform(np.log(20), np.log(5000), 50))  # ILI-like: 50 states, weekly counts 20 to 5000
    ili = np.concatenate([s * (1 + 0.5 * np.sin(np.arange(52) / 52 * 2 * np.pi)) for s in sizes])[:, None, None]
    assert zero_actuals(ili, ili * 1.05, series=np.repeat(np.arange(50), 52)) is None
    y[series == 1, 0, 0] = np.sin(2 * np.pi / 25 * np.arange(50))  # ETH a sine: 0, then -2.4e-16
    zeros = zero_actuals(y, y + 0.01, series=series)
    assert zeros["zeros"] == zeros["rounded"] + 1 == 2 and zeros["at_bound"] == 2 and zeros["crosses_zero"]
    assert zeros["near"] == 0 and zeros["series"] == 4
    assert "series" not in zero_actuals(y[series == 1], y[series == 1] + 0.01, series=series[series == 1])
    keep = np.broadcast_to((series == 1)[:, None, None], y.shape)  # the values scored are of one series
    assert "series" not in zero_actuals(y, y + 0.01, keep, series)
    with pytest.raises(RnncastError, match=r"series has shape \(3,\) for values of shape \(200, 1, 1\)"):
        zero_actuals(y, p, series=[0, 1, 2])


def test_the_interval_scores_of_no_value_are_nan_without_a_numpy_warning():
    """A backtest window left out (a row missing) has no value scored: its pinball loss and coverage are NaN, and
    numpy's 'Mean of empty slice' is not printed (decision 1788)."""
    import warnings
    y = np.arange(6.0).reshape(2, 3)
    q = np.stack([y - 1, y, y + 1], axis=-1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(metrics.pinball(np.zeros(0), np.zeros(0), 0.5))
        assert np.isnan(metrics.coverage(np.zeros(0), np.zeros(0), np.zeros(0)))
        none = metrics.quantile_scores(y, q, [0.1, 0.5, 0.9], keep=np.zeros(y.shape, dtype=bool))
    assert np.isnan(none["pinball"]) and np.isnan(none["coverage_80"])
    some = metrics.quantile_scores(y, q, [0.1, 0.5, 0.9], keep=np.ones(y.shape, dtype=bool))
    assert some["coverage_80"] == 1.0 and some["pinball"] == pytest.approx(0.2 / 3)


def test_wql_and_msis_match_gluontss_and_m4s_definitions_by_hand():
    """Decision 2036: the weighted quantile loss is GluonTS's wQuantileLoss[q], 2 * sum of pinball losses over sum of
    |actual|, its mean over the levels mean_wQuantileLoss; MSIS is M4's interval score over MASE's naive scale."""
    rng = np.random.default_rng(0)
    y = rng.normal(10, 3, (5, 4, 1))
    q = np.sort(y[..., None] + rng.normal(0, 2, (5, 4, 1, 3)), axis=-1)  # [W, H, T, Q] at 0.1, 0.5, 0.9
    levels = (0.1, 0.5, 0.9)
    by_hand = []
    for i, level in enumerate(levels):
        e = y - q[..., i]
        by_hand.append(2 * np.sum(np.where(e >= 0, level * e, (level - 1) * e)) / np.sum(np.abs(y)))
    assert [metrics.wql(y, q[..., i], level) for i, level in enumerate(levels)] == pytest.approx(by_hand)
    train = rng.normal(10, 3, 40)
    scale = np.mean(np.abs(train[12:] - train[:-12]))  # MASE's in-sample seasonal naive MAE, season 12
    lo, hi, a = q[..., 0], q[..., 2], 0.2
    interval = (hi - lo) + 2 / a * (lo - y) * (y < lo) + 2 / a * (y - hi) * (y > hi)
    assert metrics.msis(y, lo, hi, a, np.full(y.shape, metrics.naive_scale(train, 12))) == pytest.approx(interval.mean() / scale)
    got = metrics.quantile_scores(y, q, levels, scale=np.full(y.shape, scale))
    assert list(got) == ["pinball", "wql", "coverage_80", "msis_80"]
    assert got["wql"] == pytest.approx(np.mean(by_hand)) and got["msis_80"] == pytest.approx(interval.mean() / scale)
    assert "msis_80" not in metrics.quantile_scores(y, q, levels)  # no scale given: no MSIS


def test_msis_leaves_out_values_without_a_scale_as_mase_does_and_wql_is_nan_on_zeros():
    y, lo, hi = np.array([1.0, 5.0, 2.0]), np.array([0.0, 0.0, 0.0]), np.array([2.0, 2.0, 2.0])
    scale = np.array([2.0, np.nan, 0.0])  # the second and third series have no naive error
    assert metrics.msis(y, lo, hi, 0.1, scale) == pytest.approx(2.0 / 2.0)  # the first value alone: width 2, inside
    assert math.isnan(metrics.msis(y, lo, hi, 0.1, np.zeros(3)))
    assert math.isnan(metrics.wql(np.zeros(3), np.ones(3), 0.5)) and math.isnan(metrics.wql(np.zeros(0), np.zeros(0), 0.5))
    with pytest.raises(RnncastError, match="scale"):
        metrics.msis(y, lo, hi, 0.1, np.ones(2))
    kept = metrics.quantile_scores(y, np.stack([lo, (lo + hi) / 2, hi], -1), (0.1, 0.5, 0.9), keep=np.array([True, False, True]),
                                   scale=np.array([2.0, 1.0, 4.0]))
    assert kept["msis_80"] == pytest.approx((2 / 2 + 2 / 4) / 2)  # the kept values, each over its own scale
