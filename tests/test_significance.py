"""The Diebold–Mariano tests: the EWC variance and its t reference, the Newey–West bandwidth rule, sums
per forecast time (a panel's series count once), values left out, gaps kept as gaps, and the
backtest's test over few origins."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from rnncast import significance


def _ar(rng, phi: float, n: int) -> np.ndarray:
    x = np.zeros(n + 100)
    e = rng.normal(size=n + 100)
    for t in range(1, n + 100):
        x[t] = phi * x[t - 1] + e[t]
    return x[100:]


def test_bandwidth_follows_newey_and_west_1994():
    """The rule written out by hand: pilot lags floor(4 (n/100)^(2/9)), then 1.1447 ((s1/s0)^2)^(1/3) n^(1/3)."""
    d = _ar(np.random.default_rng(3), 0.8, 400)
    n, pilot = 400, int(4 * (400 / 100) ** (2 / 9))
    assert pilot == 5
    c = d - d.mean()
    gamma = [c[j:] @ c[: n - j] / n for j in range(pilot + 1)]
    s0 = gamma[0] + 2 * sum(gamma[1:])
    s1 = 2 * sum(j * gamma[j] for j in range(1, pilot + 1))
    expected = 1.1447 * (s1 / s0) ** (2 / 3) * n ** (1 / 3)
    assert significance.bandwidth(d) == pytest.approx(expected)
    assert 5 < expected < 40  # persistent differentials: many lags, where the old rule (horizon - 1) took none


def test_bandwidth_is_never_below_the_horizon():
    """Overlapping windows share horizon - 1 targets: those lags count whatever the data say."""
    d = np.random.default_rng(3).normal(size=300)  # white noise: the rule alone takes under 2 lags here
    assert significance.bandwidth(d) < 2
    assert significance.bandwidth(d, floor=24) == 24
    assert significance.bandwidth(d[:10], floor=24) == 10  # never more lags than positions


def test_at_the_floor_the_variance_is_newey_west_over_horizon_minus_one_lags():
    d = np.random.default_rng(1).normal(size=50)
    c = d - d.mean()
    by_hand = c @ c / 50 + 2 * sum((1 - lag / 3) * (c[lag:] @ c[:-lag]) / 50 for lag in (1, 2))
    assert significance.long_run_variance(d, np.ones(50, bool), 3) == pytest.approx(by_hand)


def test_the_statistic_is_the_mean_over_its_hac_standard_error():
    """One series, horizon 1: the windows' differentials, their mean over the square root of the
    Bartlett-weighted variance at the rule's bandwidth, against Student's t at n - 1 degrees of freedom."""
    rng = np.random.default_rng(2)
    a, b = rng.normal(0, 1.0, (200, 1, 1)), rng.normal(0, 1.1, (200, 1, 1))
    d = (a ** 2 - b ** 2).ravel()
    result = significance.diebold_mariano(a, b, horizon=1, variance="newey-west")
    width = significance.bandwidth(d)
    assert result["bandwidth"] == pytest.approx(width) and result["times"] == 200
    c = d - d.mean()
    variance = c @ c / 200 + 2 * sum((1 - lag / width) * (c[lag:] @ c[:-lag]) / 200 for lag in range(1, math.ceil(width)))
    z = d.mean() / math.sqrt(variance / 200)
    assert result["statistic"] == pytest.approx(z)
    assert result["p_value"] == pytest.approx(stats.t.cdf(z, 199))


def test_a_few_windows_are_judged_against_students_t_not_the_normal():
    """12 windows and t = -4.14: the normal gave p = 1.7e-5, t(11) gives about 8e-4 (a tester's case);
    EWC reads its statistic against t at its 2 cosine terms."""
    rng = np.random.default_rng(3)
    a = rng.normal(0, 1.0, (12, 1, 1))
    b = 1.5 * a + rng.normal(0, 0.5, (12, 1, 1))  # B's errors larger: A better, the statistic negative
    result = significance.diebold_mariano(a, b, horizon=1, variance="newey-west")
    assert result["statistic"] < 0 and result["df"] == 11
    assert result["p_value"] == pytest.approx(stats.t.cdf(result["statistic"], 11))
    assert result["p_value"] > stats.norm.cdf(result["statistic"])  # the normal would claim more
    ewc = significance.diebold_mariano(a, b, horizon=1)
    assert ewc["terms"] == ewc["df"] == 2  # floor(0.4 * 12 ** (2 / 3)) = 2
    assert ewc["p_value"] == pytest.approx(stats.t.cdf(ewc["statistic"], 2))


def test_ewc_variance_is_the_mean_of_the_squared_cosine_projections():
    """Lazarus, Lewis, Stock and Watson's EWC written out for a short series: sqrt(2 / T) times the
    sum of the centred values weighted by cos(pi j (t - 1/2) / T), t = 1 .. T, squared, averaged over j."""
    d = np.array([0.3, -1.2, 2.0, 0.7, -0.4, 1.1, 0.0, -2.2])
    T, c = 8, d - d.mean()
    by_hand = np.mean([(math.sqrt(2 / T) * sum(c[t - 1] * math.cos(math.pi * j * (t - 0.5) / T) for t in range(1, T + 1))) ** 2
                       for j in (1, 2, 3)])
    assert significance.ewc_variance(d, np.ones(T, bool), 3) == pytest.approx(by_hand)
    assert significance.ewc_variance(d, np.ones(T, bool), 7) == pytest.approx(c @ c / 7)  # all T - 1 terms: the sample variance


def test_ewc_takes_its_terms_from_the_times_and_the_horizon():
    """floor(0.4 T^(2/3)) terms and as many degrees of freedom; at most span / (2 horizon), so the
    frequencies weighed stay where overlapping windows' differentials have a flat spectrum."""
    assert [significance.cosine_terms(n) for n in (3, 12, 30, 100, 400, 1000)] == [1, 2, 3, 8, 21, 39]
    assert significance.cosine_terms(400, horizon=24) == 8 and significance.cosine_terms(2) == 1
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=(400, 24, 1)), rng.normal(size=(400, 24, 1))
    result = significance.diebold_mariano(a, b, horizon=24)
    assert (result["terms"], result["df"], result["variance"]) == (8, 8, "ewc")


def test_ewc_with_gaps_keeps_the_times_apart_and_leaves_the_gaps_out():
    """A time with no kept value keeps its place among the cosines and is out of both sums; nothing
    left out can move the estimate."""
    d = np.array([0.5, -1.0, 9e9, 2.0, 0.1, -0.7, 9e9, 1.3, -0.2, 0.4])
    present = np.array([True, True, False, True, True, True, False, True, True, True])
    c = np.where(present, d - d[present].mean(), 0.0)
    t = np.flatnonzero(present)
    projections = [(c[t] @ np.cos(np.pi * j * (t + 0.5) / 10)) ** 2 / np.sum(np.cos(np.pi * j * (t + 0.5) / 10) ** 2)
                   for j in (1, 2)]
    assert significance.ewc_variance(d, present, 2) == pytest.approx(np.mean(projections))
    a = np.sqrt(np.abs(d) + 1)[:, None, None] * np.sign(d)[:, None, None]
    keep = np.broadcast_to(present[:, None, None], a.shape)
    result = significance.diebold_mariano(a, np.ones_like(a), 1, keep=keep)
    assert result["times"] == 8 and result["terms"] == 1  # floor(0.4 * 8 ** (2 / 3)) = 1



def _ewc_by_definition(d, present, terms):
    """The O(P terms) definition ewc_variance had before its DCTs: each cosine computed at each present position."""
    c = np.where(present, d - d[present].mean(), 0.0)
    t = np.flatnonzero(present) + 0.5
    cosines = np.cos(np.pi * np.arange(1, terms + 1)[:, None] * t / len(d))  # [terms, n]
    return float((np.square(cosines @ c[present]) / np.square(cosines).sum(axis=1)).sum() / terms)


@pytest.mark.parametrize("gaps", [False, True])
def test_ewc_by_dct_equals_the_cosines_summed_one_by_one(gaps):
    """The DCT-II form gives the definition's value to 1e-10, with or without gaps, for tiny series and
    every number of terms up to n - 1 (where 2j passes P and the indicator's DCT is read backwards), and past
    P (j >= P: the cosines one by one; the DCT form raised IndexError there)."""
    rng = np.random.default_rng(11)
    for P in (2, 3, 4, 5, 7, 16, 61, 200, 1001):
        for _ in range(3):
            d = rng.normal(size=P) * rng.uniform(0.1, 100)
            present = rng.random(P) < 0.6 if gaps else np.ones(P, bool)
            present[rng.choice(P, 2, replace=False)] = True  # at least two times
            n = int(present.sum())
            for terms in sorted({1, max(1, n // 2), n - 1, P - 1, P, P + 1, 2 * P + 1} - {0}):
                assert significance.ewc_variance(d, present, terms) == pytest.approx(
                    _ewc_by_definition(d, present, terms), rel=1e-10, abs=0)

def test_white_noise_differentials_get_about_the_verdict_they_had():
    """Independent errors: EWC and Newey–West agree on clear cases and on a null (seeded)."""
    rng = np.random.default_rng(8)
    for scale, beats in ((1.0, False), (1.3, True)):
        a, b = rng.normal(0, 1.0, (400, 1, 1)), rng.normal(0, scale, (400, 1, 1))
        ewc, nw = significance.diebold_mariano(a, b, 1), significance.diebold_mariano(a, b, 1, variance="newey-west")
        assert (ewc["p_value"] < 0.05) == (nw["p_value"] < 0.05) == beats
        assert ewc["statistic"] == pytest.approx(nw["statistic"], rel=0.25)


def test_a_persistent_null_says_beats_less_often_than_newey_west():
    """Equally good forecasts with AR(0.9) errors, 100 windows, 200 seeded draws: Newey–West (t(n-1))
    says "beats" in 30 of them (15 %), EWC in 15 (7.5 %; 5 % is right, and 200 draws are noisy)."""
    rng = np.random.default_rng(0)
    hits = {"ewc": 0, "newey-west": 0}
    for _ in range(200):
        a, b = _ar(rng, 0.9, 100)[:, None, None], _ar(rng, 0.9, 100)[:, None, None]
        for test in hits:
            hits[test] += significance.diebold_mariano(a, b, 1, variance=test)["p_value"] < 0.05
    assert hits["ewc"] <= 16 and hits["newey-west"] >= 20 and hits["ewc"] < hits["newey-west"]


def test_a_panels_series_count_once_per_forecast_time():
    """Ten copies of one series at the same times are no more evidence than the series alone."""
    rng = np.random.default_rng(4)
    a, b = rng.normal(0, 1.0, (120, 2, 1)), rng.normal(0, 1.2, (120, 2, 1))
    alone = significance.diebold_mariano(a, b, 2)
    copies = significance.diebold_mariano(np.tile(a, (10, 1, 1)), np.tile(b, (10, 1, 1)), 2, times=np.tile(np.arange(120), 10))
    assert copies["p_value"] == pytest.approx(alone["p_value"]) and copies["times"] == 120
    strung = significance.diebold_mariano(np.tile(a, (10, 1, 1)), np.tile(b, (10, 1, 1)), 2)  # as one long sequence
    assert strung["p_value"] < alone["p_value"] / 10  # the overstatement the sums per time remove


def test_differentials_sum_to_the_difference_of_the_pooled_mses():
    """Each target's mean over its kept values, then the mean over targets: what metrics.score pools."""
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(30, 3, 2)), rng.normal(size=(30, 3, 2))
    keep = rng.random((30, 3, 2)) > 0.3
    keep[:, :, 1] = False  # a target with no kept value weighs nothing
    keep[:, :, 1][:2] = True
    d = significance.differentials(a, b, keep)
    mse = lambda e: np.mean([np.mean(e[..., t][keep[..., t]] ** 2) for t in range(2)])  # noqa: E731
    assert d.sum() == pytest.approx(mse(a) - mse(b))
    assert significance.differentials(a, b).sum() == pytest.approx(np.mean(a ** 2) - np.mean(b ** 2))


def test_values_left_out_are_out_of_the_test_and_their_times_are_gaps():
    """A window whose values are all left out is a gap: the pairs across it are as far apart as in time."""
    d = np.array([1.0, 2.0, 0.0, 4.0, 5.0])
    present = np.array([True, True, False, True, True])
    c = np.where(present, d - 3.0, 0.0)  # centred on the mean of the present values (3)
    gamma = significance.autocovariances(d, present, 2)
    assert gamma == pytest.approx([c @ c / 4, (c[1:] @ c[:-1]) / 4, (c[2:] @ c[:-2]) / 4])
    assert gamma[1] == pytest.approx(((-2) * (-1) + 1 * 2) / 4)  # pairs (0, 1) and (3, 4); none across the gap
    rng = np.random.default_rng(6)
    a, b = rng.normal(size=(40, 1, 1)), rng.normal(size=(40, 1, 1))
    keep = np.ones((40, 1, 1), bool)
    keep[10:20] = False
    b_wild = b.copy()
    b_wild[10:20] = 1e6  # what is left out cannot move the test
    masked = significance.diebold_mariano(a, b_wild, 1, keep=keep)
    assert masked == significance.diebold_mariano(a, b, 1, keep=keep) and masked["times"] == 30


def _backtest_errors(n_origins: int, n_series: int = 1, seed: int = 0):
    """[S * K, 2, 1] errors of A (smaller on average) and B, series-major, and each window's origin."""
    rng = np.random.default_rng(seed)
    a = rng.normal(0, 1.0, (n_series * n_origins, 2, 1))
    b = rng.normal(0, 1.3, (n_series * n_origins, 2, 1))
    return a, b, np.tile(np.arange(n_origins), n_series)


def test_dm_over_origins_that_share_no_target_is_the_paired_t_test():
    """step >= horizon: the origins' loss differences are independent, and the small-sample form
    reduces to the t-test of their mean at n - 1 degrees of freedom."""
    a, b, origins = _backtest_errors(6)
    d = (a ** 2 - b ** 2).reshape(6, -1).mean(axis=1)
    t = d.mean() / (d.std(ddof=1) / np.sqrt(6))
    result = significance.diebold_mariano_cutoffs(a, b, origins, horizon=2, step=2)
    assert result["statistic"] == pytest.approx(t) and result["p_value"] == pytest.approx(stats.t.cdf(t, 5))
    assert (result["origins"], result["lags"]) == (6, 0)


def test_dm_over_overlapping_origins_is_evaluates_ewc_test_on_the_cutoffs():
    """step < horizon: the cutoffs' differentials are autocorrelated over ceil(h / step) - 1 lags, and the test is
    evaluate's fixed-smoothing one on them: the equal-weighted cosine variance over cosine_terms(n, m) terms against
    Student's t at that many degrees of freedom (decision 655; it pinned dm.test's unweighted sum and its no-lags
    fallback before). The cosine variance is written out here as Lazarus, Lewis, Stock and Watson define it."""
    rng = np.random.default_rng(5)
    for d in (rng.normal(-0.3, 1.0, 12), np.tile([2.0, -1.2, -1.2], 4), rng.normal(-0.2, 1.0, 40)):
        n = len(d)
        a, b = np.sqrt(d + 5.0).reshape(-1, 1, 1), np.full((n, 1, 1), np.sqrt(5.0))  # a^2 - b^2 = d
        result = significance.diebold_mariano_cutoffs(a, b, np.arange(n), horizon=6, step=2)  # m = 3
        terms = significance.cosine_terms(n, 3)
        t_pos = np.arange(n) + 0.5
        c = d - d.mean()
        omega = np.mean([(np.sqrt(2 / n) * (c @ np.cos(np.pi * j * t_pos / n))) ** 2 for j in range(1, terms + 1)])
        t = d.mean() / np.sqrt(omega / n)
        assert result["statistic"] == pytest.approx(t) and result["p_value"] == pytest.approx(stats.t.cdf(t, terms))
        assert (result["lags"], result["variance"], result["terms"], result["df"]) == (2, "ewc", terms, terms)


def test_dm_over_origins_counts_a_panels_series_once_per_origin():
    """Series seen at one time may share its shocks: ten copies of one series are no more evidence
    than the series alone (counted as 60 windows, they would give a far smaller p-value)."""
    a, b, origins = _backtest_errors(6)
    alone = significance.diebold_mariano_cutoffs(a, b, origins, horizon=2, step=2)
    copies = significance.diebold_mariano_cutoffs(np.tile(a, (10, 1, 1)), np.tile(b, (10, 1, 1)), np.tile(origins, 10), 2, 2)
    assert copies["p_value"] == pytest.approx(alone["p_value"]) and copies["origins"] == 6


def test_dm_over_overlapping_origins_takes_lags_and_refuses_too_few_origins():
    a, b, origins = _backtest_errors(8)
    half = significance.diebold_mariano_cutoffs(a, b, origins, horizon=24, step=12)  # each window reaches 2 origins
    assert half["lags"] == 1 and 0 < half["p_value"] < 1
    assert significance.diebold_mariano_cutoffs(a, b, origins, horizon=24, step=6)["lags"] == 3  # 8 origins: just enough
    few = significance.diebold_mariano_cutoffs(a[:5], b[:5], origins[:5], horizon=24, step=8)  # reach 3: needs 6
    assert (few["origins"], few["lags"]) == (5, 2) and np.isnan(few["p_value"]) and np.isnan(few["statistic"])
    assert np.isnan(significance.diebold_mariano_cutoffs(a[:1], b[:1], origins[:1], horizon=2, step=2)["p_value"])


def test_too_few_cutoffs_record_no_degrees_of_freedom_as_evaluates_too_few_times_do():
    """With too few cutoffs no test is made: the record said df = terms = cutoffs - 1 beside variance 'ewc', a
    reference and an estimator never used; it now holds NaN (null in metrics.json), as evaluate's test of fewer than
    2 times does, with the variance the test would take (decision 659)."""
    a, b, origins = _backtest_errors(8)
    few = significance.diebold_mariano_cutoffs(a[:5], b[:5], origins[:5], horizon=24, step=8)  # reach 3: needs 6
    assert few["variance"] == "ewc" and np.isnan(few["df"]) and np.isnan(few["terms"])
    one = significance.diebold_mariano_cutoffs(a[:1], b[:1], origins[:1], horizon=2, step=2)  # paired: needs 2
    assert one["variance"] == "paired" and np.isnan(one["df"]) and "terms" not in one
    single = significance.diebold_mariano(a[:1], b[:1], horizon=2)  # evaluate's, at one time
    assert single["variance"] == "ewc" and np.isnan(single["df"]) and np.isnan(single["terms"])
    flat = significance.diebold_mariano_cutoffs(np.ones((8, 1, 1)), np.zeros((8, 1, 1)), np.arange(8), 24, 6)
    assert np.isnan(flat["p_value"]) and flat["df"] == flat["terms"] == significance.cosine_terms(8, 4)  # tried


def test_p_values_are_exactly_scipy_stats_t_cdf():
    """The p-values come from scipy.special.stdtr (scipy.stats stays unimported): the very number t.cdf gives."""
    rng = np.random.default_rng(4)
    for n in (12, 60, 400):
        a, b = rng.normal(size=(n, 3, 1)), rng.normal(size=(n, 3, 1)) * 1.1
        for variance in ("ewc", "newey-west"):
            result = significance.diebold_mariano(a, b, 3, variance=variance)
            assert result["p_value"] == float(stats.t.cdf(result["statistic"], result["df"]))
        for horizon in (1, 3):  # the paired t-test at origins - 1; EWC at its terms
            result = significance.diebold_mariano_cutoffs(a, b, np.arange(n), horizon=horizon, step=1)
            assert result["p_value"] == float(stats.t.cdf(result["statistic"], result["df"]))
            assert result["df"] == (n - 1 if horizon == 1 else significance.cosine_terms(n, 3))


def test_a_p_value_is_written_with_two_digits_never_as_a_1_or_0_it_is_not():
    """p = 0.999999 was written "1" by two significant digits (a tester's find); every table and sentence writes
    p-values through ``p_number`` (``p_text``: the sentence's "p = ...")."""
    from rnncast.significance import p_number, p_text

    assert p_number(0.999999) == "> 0.99" and p_number(0.996) == "> 0.99" and p_number(0.9949) == "0.99"
    assert p_number(1.0) == "1" and p_number(0.0) == "< 1e-16" and p_number(0.031) == "0.031"
    assert p_number(2.5e-9) == "2.5e-09"  # small, but not 0: written as it is
    assert p_text(0.999999) == "p > 0.99" and p_text(0.0) == "p < 1e-16" and p_text(0.0312) == "p = 0.031"


def test_a_p_value_near_the_verdicts_line_shows_which_side_of_it_it_lies():
    """p = 0.05045 beside "does not beat" and p = 0.0496 beside "beats" were both written "0.05" (a tester's find):
    a p-value that two digits would round onto the verdicts' 0.05 gets the digits that show its side of it."""
    from rnncast.significance import p_number, p_text

    assert p_number(0.05045) == "0.0505" and p_number(0.0496) == "0.0496" and p_number(0.049999) == "0.049999"
    assert p_number(0.05) == "0.05" and p_number(0.051) == "0.051" and p_number(0.0451) == "0.045"
    assert p_text(0.0502) == "p = 0.0502"


def test_dm_over_cutoffs_cannot_be_made_absurd_by_a_near_zero_lagged_variance():
    """A tester's 12 cutoffs (decision 655): 3 favour the baseline, yet dm.test's unweighted sum of
    autocovariances, gamma0 + 2 (gamma1 + gamma2) = 7e-6, near zero but positive, gave p ~ 1e-13. The cosine
    variance cannot be cancelled so, and p stays within an order of magnitude of the test with no lags; the sign
    test points the same way."""
    d = np.array([-0.018, -0.136, 0.017, -0.066, 0.015, -0.019, -0.138, -0.019, -0.009, -0.069, 0.004, -0.019])
    a, b = np.sqrt(d + 5.0).reshape(-1, 1, 1), np.full((12, 1, 1), np.sqrt(5.0))  # a^2 - b^2 = d
    result = significance.diebold_mariano_cutoffs(a, b, np.arange(12), horizon=3, step=1)  # m = 3: 2 lags
    no_lags = significance.diebold_mariano_cutoffs(a, b, np.arange(12), horizon=1, step=1)
    assert (result["origins"], result["lags"], result["variance"]) == (12, 2, "ewc")
    assert result["p_value"] > no_lags["p_value"] / 10 and result["p_value"] > 1e-3
    assert result["statistic"] < 0 and stats.binomtest(int((d > 0).sum()), len(d), alternative="less").pvalue < 0.5


def test_a_verdicts_p_is_one_sided_and_says_so():
    """A tester read "does not beat ... (a higher MSE, p > 0.99)" of a model 6.6x worse as "no difference": the p is
    scipy's one-sided paired t-test (alternative 'less'), not the two-sided one, and its text now says which."""
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(6, 3, 1)) * 2.5, rng.normal(size=(6, 3, 1))  # A far worse, cutoffs sharing no target
    p = significance.diebold_mariano_cutoffs(a, b, np.arange(6), 3, 3)["p_value"]
    d = (a ** 2 - b ** 2).mean(axis=(1, 2))
    assert np.isclose(p, stats.ttest_1samp(d, 0, alternative="less").pvalue)
    assert not np.isclose(p, stats.ttest_1samp(d, 0).pvalue)  # two-sided: 0.098
    assert significance.one_sided_text(p) == "one-sided p = 0.95 that the model is not better"
    assert significance.one_sided_text(0.9999) == "one-sided p > 0.99 that the model is not better"


def test_beaten_is_a_lower_loss_not_the_same_to_a_millionth_and_beyond_chance():
    assert significance.beaten(0.9, 1.0, 0.01)
    assert not significance.beaten(0.9, 1.0, 0.05) and not significance.beaten(1.1, 1.0, 0.01)
    assert not significance.beaten(1.0 - 1e-7, 1.0, 1e-9)  # float32's rounding of the same forecasts: no skill


def test_one_same_loss_rule_holds_for_every_verdict_and_beaten():
    from rnncast import intervalverdict, verdicts
    assert significance.same(2.201383, 2.201384) and not significance.same(2.2, 2.201384)
    assert significance.same(0.0, 0.0) and not significance.same(1e-9, 0.0)
    assert not significance.beaten(2.201383, 2.201384, 0.001)  # the same loss is never beaten, whatever p
    test = {"scaled": {"model": {"mse": 2.201383}, "naive": {"mse": 2.201384}}}
    assert verdicts.same_scores(test, "naive", "scaled") and not verdicts.beats(test, "naive", "scaled")
    assert intervalverdict.judged(test, "scaled", 2.201383, "naive", 2.201384) == "the same loss"


def test_untestable_says_why_no_test_can_be_made_on_windows_of_one_forecast_time():
    from rnncast.significance import too_few_times, untestable
    errors = np.ones((5, 2, 1))
    assert untestable(errors, np.zeros(5, dtype=int)) == "1 forecast time, and it needs 2" == too_few_times(1)
    assert untestable(errors, np.arange(5)) == ""
    keep = np.zeros((5, 2, 1), dtype=bool)
    keep[0] = True
    assert untestable(errors, np.arange(5), keep) == "1 forecast time, and it needs 2"
    assert too_few_times(0) == "0 forecast times, and it needs 2"
