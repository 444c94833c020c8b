"""Tests of calibration: each level's exceedance and pinball, and the binomial rule for far from level."""

from __future__ import annotations

import numpy as np
import pytest


def test_far_from_level_scales_with_the_level_and_the_sample():
    """A fixed 10 points named neither a 98% interval at 94% (three times the misses) nor a 90% one at 81.9% of a
    thousand values; a binomial test of the misses names both, and a lone level (0.95, VaR style) too."""
    from rnncast.calibration import binomial_p, far_from_level

    n = {"by_level": {"values": 1000}}
    assert "the 98% interval held 94.00%, 6.0% misses where 2% were due, 3.0 times as many" in far_from_level(
        {"coverage_98": 0.94, **n})
    assert "the 90% interval held 81.90%" in far_from_level({"coverage_90": 0.819, **n})
    assert far_from_level({"coverage_90": 0.819, "by_level": {"values": 20}}) == ""  # 20 values: chance
    lone = far_from_level({"by_level": {"values": 1000, "0.5": {"below": 0.51, "pinball": 1.0},
                                        "0.95": {"below": 0.90, "pinball": 1.0}}})
    assert "level 0.95 had 90.0% of the actuals at or below it, not 95%" in lone and "level 0.5" not in lone
    assert binomial_p(2, 100, 0.02) == 1.0 and binomial_p(0, 0, 0.1) != binomial_p(0, 0, 0.1)  # NaN for no draws


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
    y = np.where(rng.random(2000) < 0.93, 0.0, rng.integers(1, 4, 2000).astype(float))
    q = np.stack([np.zeros(2000), np.zeros(2000), np.full(2000, 1.0)], axis=-1)
    levels = by_level(y, q, (0.1, 0.5, 0.9))
    assert levels["0.1"]["tied"] == pytest.approx(np.mean(y == 0)) and levels["0.1"]["below"] == levels["0.1"]["tied"]
    said = far_from_level({"by_level": levels})
    assert "level 0.1" not in said and "level 0.5" not in said  # 0 <= 0.1 <= 0.93: consistent
    assert "(0.1%" not in level_shares({"by_level": levels}) and "equal to it)" in level_shares({"by_level": levels})
    high = by_level(y, q[..., :1], (0.02,))  # 0% strictly below 0, 93% at or below: 0.02 lies between
    assert far_from_level({"by_level": high}) == ""
    low = by_level(y + 1, q[..., :1], (0.1,))  # every actual above a 0 forecast: 0% at or below, not 10%
    assert "level 0.1 had 0.0% of the actuals at or below it, not 10%" in far_from_level({"by_level": low})
    over = by_level(np.r_[np.zeros(1500), np.ones(500)], np.full((2000, 1), 1.0), (0.5,))  # 75% strictly below 1
    text = far_from_level({"by_level": over})
    assert ("level 0.5 had 75.0% of the actuals strictly below it (100.0% at or below, 25.0% equal to it), not 50%"
            in text)
    assert "counted as a range (Czado, Gneiting & Held 2009)" in text
    old = far_from_level({"by_level": {"values": 1000, "0.5": {"below": 0.9, "pinball": 1.0}}})  # saved without ties
    assert "level 0.5 had 90.0% of the actuals at or below it, not 50%" in old


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
    assert calibration.unpaired({**dict.fromkeys(["0.3", "0.5", "0.7", "0.95"], {}), "values": 9, "moments": 5}) == [
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

def test_misses_piled_on_a_few_times_are_counted_once_each_and_said_beside_the_screen():
    """t36t6: level 0.99's 325 misses over 117,000 values were 76 distinct (series, date) pairs, one spike day counted
    71 times by the overlapping windows; the p-value rested on them as if independent (decision 1930)."""
    from rnncast.calibration import by_level, far_from_level

    w, h = 400, 10
    y = np.zeros((w, h))
    rows = np.arange(w)[:, None] + np.arange(h)  # [W, H] window w's step k is row w + k
    y[rows % 50 == 7] = 5.0  # one row in fifty a spike: every window over it misses it
    q = np.ones((w, h, 1))  # the 0.9 level at 1: misses only at the spikes
    levels = by_level(y, q, (0.9,), moments=rows)
    assert levels["moments"] == w + h - 1 and levels["most_windows"] == h and levels["0.9"]["missed_at"] == 9
    said = far_from_level({"by_level": {**levels, "0.9": {**levels["0.9"], "below": 0.5}}})  # far, as a spike's
    assert said.endswith("so read it as a screen); the misses fall on fewer distinct (series, time) pairs, each in "
                         "up to 10 overlapping windows (409 pairs scored): level 0.9's 2,000 above it on 9, so the test "
                         "rests on about that many events.")
    assert "missed_at" not in by_level(y, q, (0.9,))["0.9"]  # no times given: the screen as it was


def test_moments_name_each_series_time_once_whatever_window_or_target_forecasts_it():
    """A time forecast by several overlapping windows is one moment (the coverage screen's distinct count, decision 1930),
    and so is a time of several targets: the sentence counts (series, time) pairs (r36r5 6, decision 1961)."""
    from types import SimpleNamespace

    from rnncast.calibration import by_level, moments

    wf = SimpleNamespace(y_true=np.zeros((3, 2, 2)), series=np.array([0, 0, 1]), target_rows=np.array([5, 6, 5]))
    ids = moments(wf)
    assert ids[0, 1, 0] == ids[1, 0, 0] == ids[0, 1, 1]  # row 6 of series 0: one moment, both targets
    assert ids[2, 0, 0] != ids[0, 0, 0] and len(np.unique(ids)) == 5  # series 1's row 5 is its own
    got = by_level(np.zeros((3, 2, 2)), np.ones((3, 2, 2, 1)), (0.9,), moments=ids)
    assert got["moments"] == 5 and got["most_windows"] == 2  # row 6 of series 0 in 2 windows, not 4 values


def test_a_low_levels_misses_are_the_actuals_at_or_below_it_and_the_medians_its_rarer_side():
    """t37t2 1: level 0.05's "74,020 on 995" counted the values ABOVE it (95% of them); its misses are the 3,548 at or
    below it, on 257 pairs. A level under 0.5 misses below, one over it above, 0.5 on its rarer side (decision 1967)."""
    from rnncast.calibration import by_level, far_from_level, missed_side

    w, h = 400, 10
    rows = np.arange(w)[:, None] + np.arange(h)  # [W, H]
    y = np.where(rows % 50 == 7, -5.0, 0.0)  # one row in fifty a dip under the 0.05 level
    q = np.concatenate([np.full((w, h, 1), -1.0), np.full((w, h, 1), -0.5), np.ones((w, h, 1))], axis=2)
    levels = by_level(y, q, (0.05, 0.5, 0.95), moments=rows)
    assert levels["0.05"]["missed_side"] == "below" and levels["0.05"]["missed_at"] == 9  # the dips, not the 400
    assert levels["0.5"]["missed_side"] == "below" and levels["0.5"]["missed_at"] == 9  # 2% at or below: rarer
    assert levels["0.95"]["missed_side"] == "above" and levels["0.95"]["missed_at"] == 0
    said = far_from_level({"by_level": levels})
    assert "level 0.05's 80 at or below it on 9" in said and "level 0.5's 80 at or below it on 9" in said
    assert missed_side(0.5, 0.6) == "above" and missed_side(0.5, 0.5) == "below" and missed_side(0.9, 0.2) == "above"
    old = {**levels, "0.05": {k: v for k, v in levels["0.05"].items() if k != "missed_side"} | {"missed_at": 400}}
    assert "level 0.05's 3,920 above it on 400" in far_from_level({"by_level": old})  # a result saved before: as it counted


def test_moments_and_most_windows_count_each_series_time_and_window_once_in_any_order():
    """The distinct (moment, window) pairs were found by ``np.unique(axis=1)``, which sorts them as bytes: 20 times
    slower on a 15-minute test split (decision 2006). The counts are those of the pairs, whatever the order of the
    moments, with kept values only."""
    from rnncast.calibration import by_level

    rng = np.random.default_rng(0)
    ids = rng.integers(0, 40, (60, 8, 2))  # [W, H, T]: moments out of order, repeated within a window too
    keep = rng.random((60, 8, 2)) < 0.7
    got = by_level(np.zeros((60, 8, 2)), np.ones((60, 8, 2, 1)), (0.9,), keep=keep, moments=ids)
    pairs = {(int(ids[w, h, t]), w) for w, h, t in zip(*np.nonzero(keep))}
    per_moment = np.unique([m for m, _ in pairs], return_counts=True)[1]
    assert got["moments"] == len(per_moment) and got["most_windows"] == per_moment.max()

def test_a_lower_levels_few_events_count_the_misses_the_screen_tested_not_its_ties():
    """r37r2 1: solar night zeros tie a 0.1 quantile clipped at 0; the screen tests the 20% strictly below it, yet the
    count said "6,744 at or below it on 421", the ties included, nearly every pair scored. The misses are counted on
    the side and strictness the screen tested: strictly below it (decision 2012)."""
    from rnncast.calibration import by_level, far_from_level, far_levels

    w, h = 400, 24
    rows = np.arange(w)[:, None] + np.arange(h)  # [W, H]
    night = rows % 24 < 12
    y = np.where(night, 0.0, 10.0)
    above = ~night & (rows % 5 < 2)  # 40% of daylight's 0.1 quantiles strictly above the actual
    q = np.where(night, 0.0, np.where(above, 11.0, 9.0))[..., None]  # clipped at 0: a tie at night
    levels = by_level(y, q, (0.1,), moments=rows)
    far = far_levels({"by_level": levels})
    assert far and far[0].get("strict")  # the ties leave the level too high all the same
    strictly = y < q[..., 0]
    assert levels["0.1"]["missed_at"] == len(np.unique(rows[strictly]))  # daylight's, not the nights' ties
    said = far_from_level({"by_level": levels})
    assert f"level 0.1's {int(strictly.sum()):,} strictly below it on {levels['0.1']['missed_at']:,}" in said
    assert "at or below it on" not in said
    tie = rows % 50 == 7  # 0.9 strictly above 98% of the actuals, tied with the rest: its misses are at or above it
    high = by_level(np.zeros_like(y), np.where(tie, 0.0, 1.0)[..., None], (0.9,), moments=rows)["0.9"]
    assert high["missed_side"] == "above" and high["missed_at"] == len(np.unique(rows[tie])) > 0


def test_each_level_has_its_weighted_quantile_loss_beside_its_pinball_loss():
    """Decision 2036: by_level's ``wql`` is GluonTS's wQuantileLoss[q], 2 * summed pinball / summed |actual|."""
    from rnncast import calibration

    y = np.array([1.0, 2.0, 3.0, 4.0])
    q = np.stack([y - 1, y + 0.5], axis=-1)
    got = calibration.by_level(y, q, (0.2, 0.8))
    assert got["0.2"]["wql"] == pytest.approx(2 * np.sum(0.2 * np.ones(4)) / 10)
    assert got["0.8"]["wql"] == pytest.approx(2 * np.sum(0.2 * 0.5 * np.ones(4)) / 10)
    assert got["0.8"]["wql"] == pytest.approx(2 * got["0.8"]["pinball"] * 4 / 10)
