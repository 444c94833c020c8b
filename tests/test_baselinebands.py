"""Baseline intervals (``baselinebands.py``): each baseline's forecast plus the quantiles of its own errors on the
training rows alone (Hyndman and Athanasopoulos, FPP3 section 5.5), each series its own, clipped for a nonnegative
model as its own quantiles are."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import make_frame
from rnncast import baselinebands
from rnncast.windows import Split

LEVELS = (0.1, 0.5, 0.9)


def _series(n: int = 60, seed: int = 0, scale: float = 1.0) -> np.ndarray:
    return (scale * np.cumsum(np.random.default_rng(seed).normal(size=n)))[:, None]  # [N, 1]


def _quantiles(values, splits, offsets, lookback=4, horizon=2, season=1, levels=LEVELS, filled=None, placed=None):
    means = np.stack([values[a:b, :1].mean(axis=0) for a, b in zip(offsets[:-1], offsets[1:])])  # [S, T]
    windows = baselinebands.training(np.asarray(offsets), splits, None, np.arange(len(splits)), lookback, horizon, 1,
                                     season, filled, placed=placed)
    return baselinebands.error_quantiles(values, windows, means, levels, horizon, 1, season)


def test_a_repeat_baselines_quantiles_are_those_of_its_own_training_errors_by_hand():
    y = _series()
    out = _quantiles(y, [Split(40, 50, 60)], [0, 60])
    # training windows: targets in rows [0, 40), inputs of 4 rows; step h (0-based) of the window whose first target
    # is row r forecasts y[r + h] by y[r - 1]
    first = np.arange(4, 40 - 2 + 1)
    for h in range(2):
        errors = y[first + h, 0] - y[first - 1, 0]
        assert out["repeat"][0, h, 0] == pytest.approx(np.quantile(errors, LEVELS))
    assert set(out) == {"repeat", "mean"}  # a season of 1: no seasonal naive forecast


def test_no_validation_or_test_row_reaches_the_quantiles():
    y = _series()
    changed = y.copy()
    changed[40:] += 1e6  # every row after the training rows
    before, after = _quantiles(y, [Split(40, 50, 60)], [0, 60]), _quantiles(changed, [Split(40, 50, 60)], [0, 60])
    for name in before:
        if name != "mean":  # the mean baseline's own level is given (the training mean), not read here
            np.testing.assert_array_equal(before[name], after[name])


def test_the_seasonal_naive_errors_are_a_season_back_and_every_series_has_its_own():
    small, large = _series(seed=1), _series(seed=1, scale=1000.0)
    values, offsets = np.concatenate([small, large]), [0, 60, 120]
    out = _quantiles(values, [Split(40, 50, 60)] * 2, offsets, lookback=8, horizon=3, season=7)
    np.testing.assert_allclose(out["seasonal"][1], 1000 * out["seasonal"][0], rtol=1e-9)  # per series, not pooled
    first = np.arange(8, 40 - 3 + 1)
    errors = small[first + 2, 0] - small[first + 2 - 7, 0]  # step 3 (h = 2) one season back
    assert out["seasonal"][0, 2, 0] == pytest.approx(np.quantile(errors, LEVELS))


def test_bands_add_each_windows_series_quantiles_and_clip_at_the_floor():
    forecast = {"repeat": np.array([[[1.0]], [[5.0]]])}  # [W=2, H=1, T=1]
    quantiles = {"repeat": np.array([[[[-3.0, 0.0, 2.0]]], [[[-1.0, 0.0, 1.0]]]])}  # [S=2, H, T, Q]
    bands = baselinebands.bands(forecast, quantiles, np.array([0, 1]))
    np.testing.assert_array_equal(bands["repeat"][:, 0, 0], [[-2.0, 1.0, 3.0], [4.0, 5.0, 6.0]])
    clipped = baselinebands.bands(forecast, quantiles, np.array([0, 1]), floor=0.0)
    np.testing.assert_array_equal(clipped["repeat"][0, 0, 0], [0.0, 1.0, 3.0])


def test_a_quantile_models_baselines_are_scored_with_intervals_from_their_training_errors(quantile_model):
    data = make_frame(200)
    wf = quantile_model.part_forecasts(data).original
    split, lookback, horizon = quantile_model.split_, quantile_model.settings_.data.lookback, 3
    y = data["y"].to_numpy()
    first = np.arange(lookback, split.train_end - horizon + 1)  # each training window's first target row
    errors = y[first + 1] - y[first - 1]  # the repeat baseline's step-2 errors
    expected = wf.baselines["repeat"][:, 1, 0, None] + np.quantile(errors, (0.1, 0.5, 0.9))
    np.testing.assert_allclose(wf.baseline_quantiles["repeat"][:, 1, 0], expected, rtol=1e-5)
    result = quantile_model.evaluate(data)
    for units in ("original", "scaled"):
        for name in ("repeat", "mean"):
            assert {"pinball", "coverage_80"} <= set(result[units][name])
    assert "Its quantiles: mean pinball loss" in result["verdict"]


def test_a_group_with_fewer_errors_than_the_fewest_has_no_quantiles_at_that_step():
    """Decision 1875, counted where the quantiles are taken (rather than counted again with ``np.add.at``, r36r1 6)."""
    errors = np.arange(12 * 2, dtype=float).reshape(12, 2, 1)  # [W, H, T]
    errors[:4, 1] = np.nan  # group 0's step 2 holds 5 errors, its step 1 nine
    group = np.array([0] * 9 + [1] * 3)
    out = baselinebands.grouped_quantiles(errors, group, 2, (0.1, 0.5, 0.9), fewest=9)
    assert np.isfinite(out[0, 0]).all()  # nine errors: given
    assert np.isnan(out[0, 1]).all() and np.isnan(out[1]).all()  # five, three: not given
    assert np.isfinite(baselinebands.grouped_quantiles(errors, group, 2, (0.5,), fewest=1)).all()  # one is enough
    np.testing.assert_array_equal(out[0, 0], baselinebands.grouped_quantiles(errors, group, 2, (0.1, 0.5, 0.9))[0, 0])


def test_grouped_quantiles_are_numpys_per_group_leaving_out_nan_in_blocks_of_any_size():
    rng = np.random.default_rng(1)
    errors = rng.normal(size=(50, 3, 2))
    errors[rng.random(errors.shape) < 0.2] = np.nan  # values fill made
    group = np.sort(rng.integers(0, 6, 50))
    group[group == 3] = 2  # a series with no training window
    levels = (0.05, 0.5, 0.9)
    for cells in (40, 4_000_000):
        got = baselinebands.grouped_quantiles(errors, group, 6, levels, cells=cells)
        assert np.isnan(got[3]).all()
        for k in (0, 1, 2, 4, 5):
            expected = np.moveaxis(np.nanquantile(errors[group == k], levels, axis=0), 0, -1)
            np.testing.assert_allclose(got[k], expected)


def test_a_step_is_learned_against_the_actual_of_its_own_date_and_none_where_the_date_is_lacking():
    y = _series()
    own = np.delete(np.arange(61), 20)  # the rows' positions on the calendar: the date at position 20 has no row
    placed = {0: (own, lambda at: at)}
    out = _quantiles(y, [Split(40, 50, 60)], [0, 60], placed=placed)
    # by hand: window with first target row r (cutoff r - 1 at position own[r - 1]); its step h forecasts position
    # own[r - 1] + 1 + h, whose row is the one at that position (none: no error)
    for h in range(2):
        errors = []
        for r in range(4, 40 - 2 + 1):
            at = own[r - 1] + 1 + h
            if at in own:
                errors.append(y[np.searchsorted(own, at), 0] - y[r - 1, 0])
        assert out["repeat"][0, h, 0] == pytest.approx(np.quantile(errors, LEVELS))
    counted_rows = _quantiles(y, [Split(40, 50, 60)], [0, 60])  # read by row, a later date's actual met the step
    assert not np.allclose(out["repeat"], counted_rows["repeat"])


def test_windows_whose_inputs_fill_made_from_later_rows_are_left_out_and_said_by_count(caplog):
    y = _series()
    filled = np.zeros_like(y, dtype=np.int64)
    filled[10, 0] = 1  # interpolated from row 11: the window whose inputs end at row 10 read it before row 11 is known
    filled[30, 0] = -1  # carried forward from row 29: an actual fill made, no error, its window kept
    with caplog.at_level("INFO", logger="rnncast.baselinebands"):
        windows = baselinebands.training(np.array([0, 60]), [Split(40, 50, 60)], None, np.array([0]), 4, 2, 1, 1, filled)
    first = windows.target_rows
    later = first == 11
    assert windows.unused[later].all() and not windows.unused[~later].all(axis=(1, 2)).any()
    assert windows.unused[first == 30, 0, 0].all() and windows.unused[first == 29, 1, 0].all()
    means = y[:60].mean(axis=0, keepdims=True)
    out = baselinebands.error_quantiles(y, windows, means, LEVELS, 2, 1, 1)
    for h in range(2):
        keep = ~later & (first + h != 30) & (first + h != 10)
        errors = y[first[keep] + h, 0] - y[first[keep] - 1, 0]
        assert out["repeat"][0, h, 0] == pytest.approx(np.quantile(errors, LEVELS))
    said = " ".join(r.getMessage() for r in caplog.records)
    assert (f"learned from the errors of {len(first) - 1} of the {len(first)} training windows" in said
            and "1 window whose inputs hold values fill made from later rows left out whole" in said
            and "4 steps whose actual fill made" in said)  # rows 10 and 30, each a step of two windows


def test_nothing_is_said_where_every_training_window_is_learned_from(caplog):
    with caplog.at_level("INFO", logger="rnncast.baselinebands"):
        windows = baselinebands.training(np.array([0, 60]), [Split(40, 50, 60)], None, np.array([0]), 4, 2, 1, 1)
    assert windows.said == "" and not caplog.records and not windows.unused.any()


def test_the_windows_learned_from_are_the_panels_training_windows_from_the_fits_first_row():
    windows = baselinebands.training(np.array([0, 60, 100]), [Split(40, 50, 60), Split(30, 35, 40)], np.array([5, 0]),
                                     np.array([1, 0, 1]), 4, 2, 1, 7)
    np.testing.assert_array_equal(windows.series, [0] * (38 - 9 + 1) + [1] * (28 - 4 + 1))
    np.testing.assert_array_equal(windows.target_rows[windows.series == 0], np.arange(9, 39))  # from row 5, inputs 4
    np.testing.assert_array_equal(windows.target_rows[windows.series == 1], 60 + np.arange(4, 29))  # every one: decision 1827
    np.testing.assert_array_equal(windows.before, windows.target_rows - np.array([0, 60])[windows.series])


def test_the_baselines_quantiles_are_written_beside_their_forecasts_as_the_models_are(quantile_model):
    from rnncast.outputnames import written
    from rnncast.testforecasts import table

    data = make_frame(200)
    test = quantile_model.part_forecasts(data, "test")
    frame = table(quantile_model.state_, test)
    wf = test.original
    for name in ("repeat", "mean"):
        columns = [f"y_{name}_q{q:g}" for q in (0.1, 0.5, 0.9)]
        assert list(frame.columns[frame.columns.get_loc(f"y_{name}") + 1:][:3]) == columns  # after its forecast
        scaled = test.scaled.baseline_quantiles[name][..., 0, :].reshape(-1, 3)  # the network's float32, as the model's
        offset, scale = quantile_model.state_.scalers[0].offset[0], quantile_model.state_.scalers[0].scale[0]
        back = (frame[columns].to_numpy() - offset) / scale
        np.testing.assert_allclose(back[:, [0, 2]], scaled[:, [0, 2]], rtol=0,
                                   atol=float(np.spacing(np.float32(1))))  # within float32's step at 1 (decimals)
        np.testing.assert_allclose(back[:, 1], scaled[:, 1], rtol=0, atol=1e-6 / scale)  # the median at its bands'
        # digits (decision 1417): moved by at most half their last decimal place
        np.testing.assert_allclose(frame[columns].to_numpy(), wf.baseline_quantiles[name][..., 0, :].reshape(-1, 3),
                                   atol=1e-6)  # the shortest decimal of the values scored
        assert frame[columns].astype(str).stack().str.replace(r"[-.]|e.*", "", regex=True).str.lstrip("0").str.len(
        ).max() <= 9  # not float64's 17 digits
    assert {"y_repeat_q0.1", "y_seasonal_q0.9"} <= {n for n, _, _ in written(["y"], (0.1, 0.9))}  # clashes refused


def test_a_band_the_datas_decimals_make_is_written_with_those_decimals():
    from rnncast import decimals

    rng = np.random.default_rng(3)
    values = np.round(150 + np.cumsum(rng.normal(scale=3, size=(80, 1)), axis=0), 2)  # sales at 2 decimals
    offset, scale = values[:50].mean(axis=0), values[:50].std(axis=0)  # [T]
    means = values[None, :50].mean(axis=1)  # [S, T]
    windows = baselinebands.training(np.array([0, 80]), [Split(50, 60, 80)], None, np.arange(1), 4, 2, 1, 1, None)
    starts = np.arange(60, 79)  # the test windows' first targets
    series = np.zeros(len(starts), np.int64)
    base = baselinebands.point_forecasts(values, starts, series, means, 2, 1, 1)
    o, k = np.tile(offset, (len(starts), 1)), np.tile(scale, (len(starts), 1))  # [W, T]
    made = baselinebands.scaled_bands(values, windows, base, series, means, LEVELS, 1, o, k)
    exact = baselinebands.bands(base, baselinebands.error_quantiles(values, windows, means, LEVELS, 2, 1, 1), series)
    for name in ("repeat", "mean"):
        assert made[name].dtype == np.float32  # the network's dtype, its quantiles' too
        written = decimals.shortest(made[name], o[:, None, :, None], k[:, None, :, None], 1.0)
        if name == "repeat":  # an actual plus an interpolated error: at most 3 decimals, written with them
            np.testing.assert_array_equal(written, np.round(exact[name], 3))
        text = [repr(float(v)) for v in written.reshape(-1)]
        assert max(len(t.split(".")[1]) for t in text) <= (3 if name == "repeat" else 7)  # never 143.860001
        back = ((written - o[:, None, :, None]) / k[:, None, :, None]).astype(np.float32)
        np.testing.assert_array_equal(back, made[name])  # read back: the very float32 the scores took


def test_the_seasonal_naive_forecast_reads_the_series_rows_before_the_window_whatever_the_lookback():
    """Decision 1778: the forecast of the window whose first target is row t, step h, is y[t + h - 1 - season * k]
    read from the series (statsforecast's, Darts'), not from the window: the lookback does not enter. A window with
    fewer than a season of its series' rows before it (``before``) gets NaN, never the rows of the series before it."""
    values, offsets = np.concatenate([_series(seed=2), _series(seed=3)]), np.array([0, 60, 120])
    target_rows = np.array([20, 33, 60 + 12, 60 + 5])  # the last one has 5 rows of its series before it
    series = np.array([0, 0, 1, 1])
    means = np.zeros((2, 1))
    out = baselinebands.point_forecasts(values, target_rows, series, means, 9, 1, 7,
                                        before=target_rows - offsets[series])
    h = np.arange(1, 10)
    for w in range(3):
        np.testing.assert_array_equal(out["seasonal"][w, :, 0], values[target_rows[w] + h - 1 - 7 * -(-h // 7), 0])
    assert np.isnan(out["seasonal"][3]).all()
    assert out["repeat"][3, 0, 0] == values[64, 0]  # the other baselines of that window as they were
    np.testing.assert_array_equal(baselinebands.point_forecasts(values, target_rows[:3], series[:3], means, 9, 1, 7)[
        "seasonal"], out["seasonal"][:3])  # where every window has its season, ``before`` changes nothing


def test_only_the_seasonal_naive_learns_from_the_training_windows_with_a_season_of_rows_before_them():
    """Decision 1827: lookback 3, season 7: every training window is learned from (rows 3 on); the seasonal naive
    baseline's errors are those of the windows with a season of the series' rows before them (row 7 on), as a
    lookback of 7 would have them, none reading another series; the repeat and mean baselines' are those of season 1."""
    windows = baselinebands.training(np.array([0, 60]), [Split(40, 50, 60)], None, np.arange(1), 3, 2, 1, 7)
    assert windows.target_rows.min() == 3 and windows.target_rows.max() == 38
    y = _series(seed=4)
    seven, one = (_quantiles(y, [Split(40, 50, 60)], [0, 60], lookback=3, season=s) for s in (7, 1))
    for name in ("repeat", "mean"):
        np.testing.assert_array_equal(seven[name], one[name])
    first = np.arange(7, 39)  # first targets with 7 rows before them
    errors = y[first + 1, 0] - y[first + 1 - 7, 0]  # step 2 (h = 1) one season back
    assert seven["seasonal"][0, 1, 0] == pytest.approx(np.quantile(errors, LEVELS))


def test_repeat_and_mean_bands_are_the_same_at_season_52_and_1_and_the_seasonal_has_none_without_a_window(caplog):
    """Decision 1827 (r35r1 finding 1): 70 weekly rows, lookback 8, training rows 49: no training window has 52 rows
    before it. The repeat and mean intervals learn from all of them, as at season 1 (the season once cut them to none
    and ``_said`` raised ValueError); the seasonal naive's are NaN, said by the notes beside the scores
    (``bandcounts.note``), not by an INFO line that counted only series with no window at all (decision 1912)."""
    y = _series(70, seed=5)
    with caplog.at_level("INFO", logger="rnncast.baselinebands"):
        yearly, none = (_quantiles(y, [Split(49, 60, 70)], [0, 70], lookback=8, horizon=4, season=s) for s in (52, 1))
    for name in ("repeat", "mean"):
        assert np.isfinite(yearly[name]).all()
        np.testing.assert_array_equal(yearly[name], none[name])
    assert np.isnan(yearly["seasonal"]).all()
    assert not [r.getMessage() for r in caplog.records if "NaN there" in r.getMessage()]


def test_no_training_window_at_all_is_said_as_nothing_left_out():
    windows = baselinebands.training(np.array([0, 10]), [Split(5, 8, 10)], None, np.arange(1), 4, 2, 1, 1)
    assert len(windows.target_rows) == 0 and windows.said == ""  # no ValueError from a 0-size reshape


def test_what_the_training_windows_left_out_is_said_once_in_a_call(caplog):
    """fit learns the baselines' intervals for its validation and its test part alike, and said "baselines' intervals
    are learned from ..." twice in one run (t35t2 L1, decision 1815): once in a call (a command, a public method);
    the next call says it again."""
    from rnncast.noticed import one_call

    filled = np.zeros((60, 1), dtype=np.int64)
    filled[10, 0] = 1

    def learn():
        return baselinebands.training(np.array([0, 60]), [Split(40, 50, 60)], None, np.array([0]), 4, 2, 1, 1, filled)

    for _ in range(2):
        caplog.clear()
        with caplog.at_level("INFO", logger="rnncast.baselinebands"), one_call():
            first, second = learn(), learn()
        assert first.said == second.said != "" and [r.getMessage() for r in caplog.records] == [first.said]


def test_a_band_learned_from_fewer_training_windows_than_its_levels_need_is_not_given():
    """Decision 1875: 80 weekly rows, lookback 8, horizon 4, season 52, training rows 56: the seasonal naive learns from
    the one training window with 52 rows before it, whose error every level took (a flat band: coverage 0%). At levels
    0.1 and 0.9 a band needs 9 windows' errors (``bandcounts.fewest``): the seasonal one is NaN, the repeat's, of 45
    windows, as before; the median alone needs one, which it has."""
    y = _series(80, seed=6)
    splits, offsets = [Split(56, 64, 80)], [0, 80]
    out = _quantiles(y, splits, offsets, lookback=8, horizon=4, season=52)
    assert np.isnan(out["seasonal"]).all()
    assert np.isfinite(out["repeat"]).all() and np.isfinite(out["mean"]).all()
    median = _quantiles(y, splits, offsets, lookback=8, horizon=4, season=52, levels=(0.5,))
    first = 52  # the one window: y[52 + h] against y[h], a season back
    np.testing.assert_allclose(median["seasonal"][0, :, 0, 0], y[first:first + 4, 0] - y[0:4, 0])
    twelve = _quantiles(y, [Split(64, 70, 80)], offsets, lookback=8, horizon=4, season=52)  # first targets 52 to 60
    assert np.isfinite(twelve["seasonal"]).all()


def test_the_seasonal_naive_bands_learn_from_errors_a_season_of_calendar_steps_back_with_fewer_rows_before():
    """Decisions 1966, 2028: a series missing steps 2 and 3, lookback 3, season 7: the seasonal naive's training
    errors are each step's actual less the value of the same step a week back on the calendar, from every window
    with a season of steps before it (the window whose first target is row 5, step 7, has 5 rows before it), none
    where the step a week back or the step itself is missing, as pandas would pair them by date."""
    own = np.setdiff1d(np.arange(60), [2, 3])
    y = _series(len(own), seed=5)
    out = _quantiles(y, [Split(40, 50, len(own))], [0, len(own)], lookback=3, horizon=1, season=7,
                     placed={0: (own, None)})
    at = {int(step): row for row, step in enumerate(own)}
    errors = [y[at[d], 0] - y[at[d - 7], 0] for d in (own[r - 1] + 1 for r in range(3, 40))
              if d in at and d - 7 in at and at[d] < 40]
    assert len(errors) == 33  # steps 7 to 41 less 9 and 10, whose week-back steps are missing (by rows: 31)
    assert out["seasonal"][0, 0, 0] == pytest.approx(np.quantile(errors, LEVELS))
