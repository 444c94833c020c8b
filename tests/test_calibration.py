"""Tests of calibration: each level's exceedance and pinball, and the binomial rule for far from level."""

from __future__ import annotations

import numpy as np
import pytest


def _one_step(n: int, low: int, high: int, levels=(0.01, 0.99)):
    """``by_level`` of ``n`` one-step windows (every origin apart) whose actuals lie below the first level's forecast
    ``low`` times, above the last's ``high`` times, between the rest."""
    from rnncast.calibration import by_level

    y = np.zeros((n, 1))
    y[:low], y[low:low + high] = -2.0, 2.0
    q = np.stack([np.full((n, 1), -1.0 + i * 2 / max(len(levels) - 1, 1)) for i in range(len(levels))], axis=-1)
    return by_level(y, q, levels, origins=(np.zeros(n, int), np.arange(n)))


def test_far_from_level_scales_with_the_level_and_the_sample():
    """A fixed 10 points named neither a 98% interval at 94% (three times the misses) nor a 90% one at 81.9% of a
    thousand values; Kupiec's test of the misses names both, with the count it rests on, and a lone level (0.95, VaR
    style) too (decision 2042)."""
    from rnncast.calibration import far_from_level

    said = far_from_level({"coverage_98": 0.94, "by_level": _one_step(1000, 30, 30)})
    assert "the 98% interval held 94.00%, 6.0% misses where 2% were due, 3.0 times as many; at step 1, 60 of 1,000 " \
           "outside it where 20 were due (p = " in said and "so it is too narrow" in said
    assert "the 90% interval held 81.90%" in far_from_level({"coverage_90": 0.819, "by_level": _one_step(
        1000, 91, 90, (0.05, 0.95))})
    assert far_from_level({"coverage_90": 0.8, "by_level": _one_step(20, 2, 2, (0.05, 0.95))}) == ""  # 20: chance
    from rnncast.calibration import by_level

    y = np.r_[np.full(500, -1.0), np.full(400, 0.5), np.full(100, 2.0)][:, None]  # 10% above 0.95's forecast at 1
    lone = far_from_level({"by_level": by_level(y, np.broadcast_to([0.0, 1.0], (1000, 1, 2)), (0.5, 0.95),
                                                origins=(np.zeros(1000, int), np.arange(1000)))})
    assert "level 0.95 had 90.0% of the actuals at or below it, not 95%; at step 1, 100 of 1,000 above it" in lone
    assert "level 0.5" not in lone
    assert far_from_level({"coverage_98": 0.5, "by_level": {"values": 1000}}) == ""  # saved without each step's counts


def test_by_level_gives_each_levels_share_at_or_below_and_its_pinball():
    from rnncast.calibration import by_level
    from rnncast.metrics import pinball

    y = np.array([0.0, 1.0, 2.0, 3.0])
    q = np.stack([y - 1, y + 0.5], axis=-1)  # every actual above the first level, below the second
    levels = by_level(y, q, (0.1, 0.9))
    assert levels["values"] == 4 and levels["0.1"]["below"] == 0.0 and levels["0.9"]["below"] == 1.0
    assert levels["0.9"]["pinball"] == pytest.approx(pinball(y, q[:, 1], 0.9))
    assert by_level(y, q, (0.1, 0.9), keep=np.array([True, True, False, False]))["values"] == 2


def test_a_level_without_forecasts_has_no_shares_as_it_has_no_pinball():
    """A tester's finding (t36t4): a baseline's bands not learned (NaN) gave `below: 0.0` beside `pinball: null`, a
    false "0% of the actuals at or below" (``NaN <= y`` is False); both are NaN now (decision 1884)."""
    from rnncast.calibration import by_level

    y = np.array([0.0, 1.0, 2.0, 3.0])
    q = np.stack([y - 1, np.full(4, np.nan)], axis=-1)
    levels = by_level(y, q, (0.1, 0.9))
    assert levels["0.1"]["below"] == 0.0 and levels["0.1"]["tied"] == 0.0  # the learned level as before
    assert all(np.isnan(levels["0.9"][k]) for k in ("below", "tied", "pinball"))


def test_a_zero_quantile_of_zero_inflated_counts_is_not_far_from_its_level():
    """93% of the actuals 0 and the 0.1 and 0.5 forecasts clipped at 0 (nonnegative): 0 is the right quantile, yet every
    tie counted "at or below", so "level 0.1 had 94.2% of the actuals at or below it, not 10%" (decision 1483). Ties
    are counted as a range (Czado, Gneiting & Held 2009): far only where even the share strictly below is too high."""
    from rnncast.calibration import by_level, far_from_level, level_shares

    rng = np.random.default_rng(0)
    y = np.where(rng.random((2000, 1)) < 0.93, 0.0, rng.integers(1, 4, (2000, 1)).astype(float))  # [W, H]
    q = np.stack([np.zeros((2000, 1)), np.zeros((2000, 1)), np.full((2000, 1), 1.0)], axis=-1)
    apart = (np.zeros(2000, int), np.arange(2000))
    levels = by_level(y, q, (0.1, 0.5, 0.9), origins=apart)
    assert levels["0.1"]["tied"] == pytest.approx(np.mean(y == 0)) and levels["0.1"]["below"] == levels["0.1"]["tied"]
    said = far_from_level({"by_level": levels})
    assert "level 0.1" not in said and "level 0.5" not in said  # 0 <= 0.1 <= 0.93: consistent
    assert "(0.1%" not in level_shares({"by_level": levels}) and "equal to it)" in level_shares({"by_level": levels})
    high = by_level(y, q[..., :1], (0.02,), origins=apart)  # 0% strictly below 0, 93% at or below: 0.02 lies between
    assert far_from_level({"by_level": high}) == ""
    low = by_level(y + 1, q[..., :1], (0.1,), origins=apart)  # every actual above a 0 forecast: 0% at or below, not 10%
    assert "level 0.1 had 0.0% of the actuals at or below it, not 10%" in far_from_level({"by_level": low})
    over = by_level(np.r_[np.zeros(1500), np.ones(500)][:, None], np.full((2000, 1, 1), 1.0), (0.5,),
                    origins=apart)  # 75% strictly below 1
    text = far_from_level({"by_level": over})
    assert ("level 0.5 had 75.0% of the actuals strictly below it (100.0% at or below, 25.0% equal to it), not 50%"
            in text)
    assert "counted as a range (Czado, Gneiting & Held 2009)" in text
    assert "at step 1, 500 of 2,000 at or above it where 1,000 were due" in text  # 0.5: its rarer side


def test_a_coverage_of_few_values_is_written_as_a_count():
    """t35t6: "90% interval covers 100.00% of the test values" on 20 forecasts of 8 quarters (decision 1809)."""
    from rnncast.calibration import FEW_VALUES, share_text

    assert share_text(1.0, {"by_level": {"values": 20}}, "the test values") == "100% of the test values (20 of 20)"
    assert share_text(0.85, {"by_level": {"values": 20}}) == "85% (17 of 20)"
    assert share_text(0.8509, {"by_level": {"values": FEW_VALUES}}, "x") == "85.09% of x"
    assert share_text(0.8509, {}) == "85.09%"  # no count known: as before


def test_unpaired_pairs_levels_by_metrics_interval_pairs_own_rule():
    """r36r4: ``unpaired`` copied ``interval_pairs``' rounding; now it calls it, so the by-series ≤q columns and the
    interval columns agree on which levels are paired, 0.30000000000000004 beside 0.7 too (decision 1946)."""
    import numpy as np

    from rnncast import calibration, metrics

    for levels in ([0.1, 0.3, 0.5, 0.7, 0.9], list(np.linspace(0.1, 0.9, 5)), [1 / 3, 0.5, 2 / 3, 0.95]):
        names = [f"{float(q):g}" for q in levels]
        paired = {f"{float(q):g}" for lo, hi, _ in metrics.interval_pairs(levels) for q in (lo, hi)}
        assert calibration.unpaired(dict.fromkeys(names, {})) == [n for n in names if n not in paired or n == "0.5"]
    assert calibration.unpaired({**dict.fromkeys(["0.3", "0.5", "0.7", "0.95"], {}), "values": 9, "step_counts": []}) == [
        "0.5", "0.95"]  # by_level's counts are no levels


def test_a_far_levels_share_is_said_alike_by_each_caller():
    from rnncast.calibration import far_share, level_share_text

    strict = {"level": "0.5", "below": 0.75, "tied": 0.15, "strict": True}
    assert far_share(strict) == pytest.approx(0.6)
    assert level_share_text(strict) == "60.0% of the actuals strictly below it"
    assert level_share_text({"level": "0.9", "below": 0.854, "tied": 0.0}, "its values") == (
        "85.4% of its values at or below it")


def test_unpaired_names_the_levels_that_end_no_interval():
    """The levels whose share at or below is their only check, shown per series (decision 1892): 0.5 always."""
    from rnncast import calibration

    assert calibration.unpaired({"0.5": {}, "0.9": {}, "0.95": {}, "values": 3}) == ["0.5", "0.9", "0.95"]
    assert calibration.unpaired({"0.05": {}, "0.5": {}, "0.9": {}, "0.95": {}}) == ["0.5", "0.9"]
    assert calibration.unpaired({"0.1": {}, "0.9": {}}) == [] and calibration.unpaired({}) == []

def test_a_lower_levels_test_counts_the_misses_strictly_below_it_not_its_ties():
    """r37r2 1: solar night zeros tie a 0.1 quantile clipped at 0; the test counts the actuals strictly below it, the
    ties left out, at each step (decisions 2012, 2042)."""
    from rnncast.calibration import by_level, far_from_level, far_levels

    w, h = 400, 24
    rows = np.arange(w)[:, None] + np.arange(h)  # [W, H]
    night = rows % 24 < 12
    y = np.where(night, 0.0, 10.0)
    above = ~night & (rows % 5 < 2)  # 40% of daylight's 0.1 quantiles strictly above the actual
    q = np.where(night, 0.0, np.where(above, 11.0, 9.0))[..., None]  # clipped at 0: a tie at night
    levels = by_level(y, q, (0.1,), origins=(np.zeros(w, int), np.arange(w)))
    far = far_levels({"by_level": levels})
    assert far and far[0].get("strict") and far[0]["test"]["side"] == "strictly below"
    said = far_from_level({"by_level": levels})
    assert " strictly below it where " in said and "at or below it where" not in said


def test_each_level_has_its_weighted_quantile_loss_beside_its_pinball_loss():
    """Decision 2036: by_level's ``wql`` is GluonTS's wQuantileLoss[q], 2 * summed pinball / summed |actual|."""
    from rnncast import calibration

    y = np.array([1.0, 2.0, 3.0, 4.0])
    q = np.stack([y - 1, y + 0.5], axis=-1)
    got = calibration.by_level(y, q, (0.2, 0.8))
    assert got["0.2"]["wql"] == pytest.approx(2 * np.sum(0.2 * np.ones(4)) / 10)
    assert got["0.8"]["wql"] == pytest.approx(2 * np.sum(0.2 * 0.5 * np.ones(4)) / 10)
    assert got["0.8"]["wql"] == pytest.approx(2 * got["0.8"]["pinball"] * 4 / 10)


def test_a_band_too_wide_early_and_too_narrow_late_says_both_steps():
    """r38r2 M1: a fixed-width 80% band on a random walk held 80.91% over every value, and the line named only step 1
    (3 of 991 outside it), "so it is wider than these errors needed", though steps 9 and 10 were far too narrow
    (41 of 100 outside). Both sides' worst steps are said now (decision 2073)."""
    from rnncast.calibration import far_from_level

    outside = [3, 14, 26, 29, 30, 34, 35, 39, 40, 41]
    values = [991, 496, 331, 248, 199, 166, 142, 124, 111, 100]
    steps = [{"step": h + 1, "values": n, "below": {}, "tied": {}, "outside": {"80": k}}
             for h, (k, n) in enumerate(zip(outside, values))]
    text = far_from_level({"coverage_80": 0.8091, "by_level": {"values": 9910, "step_counts": steps}})
    assert "at step 1, 3 of 991 outside it where 198 were due" in text
    assert "so it is wider than these errors needed there; yet at step 10, 41 of 100 outside it where 20 were due" in text
    assert "so it is too narrow there (its width is off by step, not overall)" in text


def test_shares_over_every_value_and_a_step_that_misses_the_other_way_are_told_apart():
    """r38r2 L3: "the 98% interval held 90.63%, 9.4% misses where 2% were due, 4.7 times as many; at step 1, 0 of
    1,000 outside it where 20 were due ..., so it is wider than these errors needed" read as one claim. Where the
    step misses the other way from the shares, the line says which is which (decision 2074)."""
    from rnncast.calibration import far_from_level

    steps = [{"step": 1, "values": 1000, "below": {"0.01": 0}, "tied": {"0.01": 0}, "outside": {"98": 0}}]
    steps += [{"step": h, "values": 100, "below": {"0.01": 1}, "tied": {"0.01": 0}, "outside": {"98": 2}}
              for h in range(2, 11)]
    text = far_from_level({"coverage_98": 0.9063, "by_level": {"0.01": {"below": 0.047, "tied": 0.0},
                                                               "values": 1900, "by_step": steps}})
    assert "the 98% interval held 90.63% over every value, 9.4% misses where 2% were due, 4.7 times as many; yet at " \
           "step 1, 0 of 1,000 outside it where 20 were due" in text and "wider than these errors needed at that step" in text
    assert "level 0.01 had 4.7% of the actuals at or below it, not 1% over every value; yet at step 1, 0 of 1,000" in text


def test_a_saved_runs_counts_under_by_step_are_still_tested():
    """Decision 2075 names each step's counts ``step_counts`` (``by_step`` is the scores' per-step block): a run saved
    with them under ``by_step`` is read all the same."""
    from rnncast.calibration import far_intervals, step_counts

    steps = [{"step": 1, "values": 1000, "below": {}, "tied": {}, "outside": {"80": 400}}]
    assert step_counts({"by_step": steps}) == steps == step_counts({"step_counts": steps}) and step_counts({}) == []
    assert far_intervals({"coverage_80": 0.6, "by_level": {"values": 1000, "by_step": steps}})[0]["percent"] == "80"


def test_an_interval_off_over_every_value_with_too_few_values_apart_at_each_step_is_said_untested():
    """t38t9 2: an hourly backtest's 90% interval held 99.44% (4 misses of 720 where 72 were due) and the far line named
    only the median, as if the intervals had passed: with 30 values per step and Holm over 24 steps not even 0 misses
    can be called far. The line now says so; with enough values apart it stays silent (decision 2086)."""
    from rnncast.calibration import far_from_level, untested

    def model(per_step, outside, share, tail=0.003):
        steps = [{"step": h, "values": per_step, "below": {"0.05": 0, "0.95": per_step}, "tied": {"0.05": 0, "0.95": 0},
                  "outside": {"90": outside}} for h in range(1, 25)]
        return {"coverage_90": share, "by_level": {"0.05": {"below": tail, "tied": 0.0},
                                                   "0.95": {"below": 1 - tail, "tied": 0.0},
                                                   "values": 24 * per_step, "step_counts": steps}}

    text = far_from_level(model(30, 0, 0.9944), "the backtest values")
    assert text == (" Not tested, for want of independent values: the 90% interval held 99.44% of the backtest values; "
                    "too few forecasts spaced apart at any step (at most 30, at step 1; a step needs 81 to reject at "
                    "p < 0.01 over 24 steps) to test it.")  # its levels 0.05 and 0.95 are left to the interval they end
    assert "Far from" not in text
    assert untested(model(30, 3, 0.9, 0.05)) == []  # on its level: nothing to say
    assert "Not tested" not in far_from_level(model(100, 0, 0.9944))  # 100 apart can reject: the far line does


def test_a_level_off_over_every_value_whose_interval_is_not_given_is_said_untested():
    """decision 2086: a level that ends no interval (0.5) gets the same clause, its share and the values a step needs."""
    from rnncast.calibration import untested

    steps = [{"step": h, "values": 6, "below": {"0.5": 1}, "tied": {"0.5": 0}, "outside": {}} for h in range(1, 25)]
    said = untested({"by_level": {"0.5": {"below": 0.2, "tied": 0.0}, "values": 144, "step_counts": steps}}, "the test values")
    assert said == ["level 0.5 had 20.0% of the test values at or below it, not 50%; too few forecasts spaced apart at "
                    "any step (at most 6, at step 1; a step needs 13 to reject at p < 0.01 over 24 steps) to test it"]


def test_the_untested_sign_rests_on_the_distinct_actuals_not_every_value():
    """Overlapping windows repeat each actual at every step, and the binomial test over every value as if
    independent called calibrated forecasters' shares off: t38t9's 720 values of 30 windows over 24 steps are 53
    actuals, on which 0.56% misses where 10% were due is still a sign; 720 values of 30 actuals are not (decision
    2093). A result saved without ``actuals`` rests on its values, as before."""
    from rnncast.calibration import untested

    steps = [{"step": h, "values": 30, "below": {"0.05": 0, "0.95": 30}, "tied": {"0.05": 0, "0.95": 0},
              "outside": {"90": 0}} for h in range(1, 25)]
    levels = {"0.05": {"below": 0.003, "tied": 0.0}, "0.95": {"below": 0.997, "tied": 0.0}, "values": 720,
              "step_counts": steps}
    assert untested({"coverage_90": 0.9944, "by_level": {**levels, "actuals": 53}})[0].startswith("the 90% interval")
    assert untested({"coverage_90": 0.9944, "by_level": {**levels, "actuals": 30}}) == []
    assert untested({"coverage_90": 0.9944, "by_level": levels})[0].startswith("the 90% interval")


def _poisson_model(seed: int, noise: float = 0.0, windows: int = 300, horizon: int = 6):
    """A calibrated Poisson(2) forecaster's scores as evaluate counts them: its true quantiles (whole numbers) scaled
    to float32 as the network's are (times ``1 + noise``), the shares and each step's counts on the scaled units."""
    from scipy.stats import poisson

    from rnncast.calibration import by_level
    from rnncast.metrics import coverages

    levels = (0.05, 0.1, 0.5, 0.9, 0.95)
    values = np.random.default_rng(seed).poisson(2.0, windows + horizon).astype(float)
    y = values[np.arange(windows)[:, None] + np.arange(horizon)]
    q = np.broadcast_to(poisson.ppf(levels, 2.0), y.shape + (len(levels),))
    offset, scale = values[:100].mean(), values[:100].std()
    ys = ((y - offset) / scale).astype(np.float32)
    qs = ((q - offset) / scale * (1 + noise)).astype(np.float32)
    qo = qs.astype(np.float64) * scale + offset  # 0.99999995, 3.00000004: as evaluate unscales them
    return {**coverages(ys, qs, levels), "by_level": by_level(y, qo, levels, counted=(ys, qs),
                                                                origins=(np.zeros(windows, int), np.arange(windows)))}


def test_a_calibrated_count_forecaster_is_not_far_nor_said_untested():
    """s39h4: a calibrated Poisson(2) forecaster's intervals (whole-number bounds: [0, 4] holds 94.7% where 80% are
    due) were "wider than these errors needed" in 100 of 100 seeds, and its levels' ties, off a whole number by
    float32's rounding, were misses. Bounds count as a range and float32's ties as ties (decisions 2091, 2092): the
    far line says nothing, on the exact float32 grid or off it by a few units in its last place."""
    from rnncast.calibration import far_from_level

    for seed in range(5):
        for noise in (0.0, 2e-7):
            model = _poisson_model(seed, noise)
            assert far_from_level(model, "the test values") == "", (seed, noise)
    levels = _poisson_model(0, 2e-7)["by_level"]
    assert levels["0.1"]["tied"] > 0.1 and levels["0.1"]["below"] == levels["0.1"]["tied"]  # every 0: a tie
    assert levels["actuals"] == 305


def test_one_cutoffs_values_are_counted_as_the_one_draw_they_are_before_the_untested_sign():
    """s39 (decision 2130): 29 series at one cutoff passed as 29 values, enough to test, though they are one date, so
    bands half as wide at that cutoff got no word at all; their effective values are counted now, and the sentence
    says so. Calibrated bands of a panel of 150 dates that do share a shock get no sentence."""
    from scipy.stats import norm

    from rnncast.calibration import by_level, far_from_level
    from rnncast.metrics import coverages

    levels, rng = (0.1, 0.5, 0.9), np.random.default_rng(0)
    y = (0.7 * rng.normal(size=(1, 6)) + 0.7 * rng.normal(size=(29, 6)))[..., None]  # [29, 6, 1] one shock a step
    q = np.broadcast_to(norm.ppf(levels) * 0.5, y.shape + (3,))  # half as wide
    one_date = (np.arange(29), np.full(29, 20), np.zeros(29, np.int64))
    text = far_from_level({**coverages(y, q, levels), "by_level": by_level(y, q, levels, origins=one_date)})
    assert "Far from" not in text and " Not tested, for want of independent values: the 80% interval held " in text
    assert "(at most 1 effective of 29 values at step 1: 1 origin date, counted as one draw; a step" in text
    panel = 0.7 * rng.normal(size=(1, 150, 1)) + 0.7 * rng.normal(size=(20, 150, 1))
    y, places = panel.reshape(-1, 1, 1), (np.repeat(np.arange(20), 150), np.tile(np.arange(150), 20))
    q = np.broadcast_to(norm.ppf(levels), y.shape + (3,))
    assert far_from_level({**coverages(y, q, levels), "by_level": by_level(y, q, levels, origins=places)}) == ""


def test_the_not_tested_sign_reads_an_intervals_range_from_the_level_counts_alone():
    """r39r1 M1: calibrated Poisson(2) bounds 0 and 4 carrying float32 noise were "Not tested ... the 80% interval held
    71.00%" in 20 of 20 seeds: the exact coverage counted a value a ulp off a bound as outside and the tolerant tie
    count as on it, twice. The range now comes from by_level's counts alone (decision 2149)."""
    import numpy as np

    from rnncast.calibration import by_level, untested
    from rnncast.metrics import coverages

    levels, said = (0.1, 0.5, 0.9), 0
    for seed in range(5):
        y = np.random.default_rng(seed).poisson(2, (3, 200, 1)).astype(np.float64)
        q = np.broadcast_to(np.array([0.0, 2.0, 4.0]), (3, 200, 1, 3)).copy()
        noisy = q.copy()
        noisy[..., 0] += 1e-8
        noisy[..., 2] -= 8e-7  # float32's unscaling noise
        noisy = noisy.astype(np.float32).astype(np.float64)
        places = (np.arange(3), np.zeros(3, int), np.zeros(3, int))
        model = {**coverages(y, noisy, levels), "by_level": by_level(y, q, levels, counted=(y, noisy), origins=places)}
        assert model["coverage_80"] < 0.8  # the exact share: the values on a bound a ulp off count outside it
        said += bool(untested(model))
    assert said == 0
