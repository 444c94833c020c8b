"""The seasonal naive forecast read a season of calendar steps back where rows are missing (``seasonalgaps.py``,
decision 1966): a tester found step 1 after the cutoff 2024-03-20 01:00 read 2024-03-19 00:00, 24 rows back across
two missing hours, where statsforecast's SeasonalNaive reads 01:00; 123 of 553 scored values came from another hour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import baselinebands, baselines, evaluation, seasonalgaps, verdicts
from rnncast.windowforecasts import WindowForecasts

GONE = [20, 21, 45]  # the calendar steps the data lacks


def _series(n: int = 80, season: int = 12):
    """One series' values at every step of its calendar, the positions its rows hold and the values stacked."""
    rng = np.random.default_rng(0)
    full = (np.sin(2 * np.pi * np.arange(n) / season) + 0.1 * rng.normal(size=n)).astype(np.float32)
    steps = np.setdiff1d(np.arange(n), GONE)
    return full, steps, full[steps][:, None]


def test_each_step_reads_the_same_time_a_season_of_calendar_steps_back_nan_where_that_step_is_missing():
    full, steps, values = _series()
    season, horizon = 12, 14
    before = np.arange(season, len(steps) - horizon)  # each window's first target, inside its series
    base = baselinebands.point_forecasts(values, before, np.zeros(len(before), np.int64), np.zeros((1, 1)), horizon,
                                         1, season, before=before, placed={0: (steps, None)})["seasonal"]
    for w, first in enumerate(before):
        cut = steps[first - 1]  # the window's last input, on the calendar
        for h in range(1, horizon + 1):
            source = cut + h - season * -(-h // season)  # the nearest season back at or before the cutoff
            want = np.nan if source in GONE else full[source]
            assert base[w, h - 1, 0] == pytest.approx(want, nan_ok=True)
    assert np.isnan(base).any()


def test_rows_that_are_consecutive_steps_or_no_calendar_give_the_rows_forecast_to_the_bit():
    full, _, _ = _series()
    values = full[:, None]
    season, horizon = 12, 6
    before = np.arange(season, len(full) - horizon)
    series = np.zeros(len(before), np.int64)
    rows = baselinebands.point_forecasts(values, before, series, np.zeros((1, 1)), horizon, 1, season, before=before)
    for placed in ({0: (np.arange(len(full)) + 7, None)}, {}, {1: (np.arange(3), None)}):
        again = baselinebands.point_forecasts(values, before, series, np.zeros((1, 1)), horizon, 1, season,
                                              before=before, placed=placed)
        assert again["seasonal"] is not None and np.array_equal(again["seasonal"], rows["seasonal"])
        assert again["seasonal"].dtype == rows["seasonal"].dtype
    last = values[(before[:, None] - season + np.arange(season))]  # the row method itself
    assert np.array_equal(rows["seasonal"], baselines.seasonal_naive(last, horizon, 1, season))


def test_unread_counts_the_scored_steps_whose_step_a_season_back_is_missing():
    _, steps, _ = _series(60)
    placed, offsets = {0: (steps, None)}, np.array([0, len(steps)])
    lookback, horizon, season = 12, 3, 12
    starts = np.arange(0, len(steps) - lookback - horizon + 1)
    n, of = seasonalgaps.unread(placed, offsets, starts, np.zeros(len(starts), np.int64), lookback, horizon, season)
    want = total = 0
    for start in starts:
        cut = steps[start + lookback - 1]
        for h in range(1, horizon + 1):
            if cut + h in steps:
                total += 1
                want += int(cut + h - season not in steps)
    assert (n, of) == (want, total) and 0 < n < of
    zeros = np.zeros(len(starts), np.int64)
    assert seasonalgaps.unread({}, offsets, starts, zeros, lookback, horizon, season) == (0, 0)
    assert seasonalgaps.unread(placed, offsets, starts, zeros, lookback, horizon, 1) == (0, 0)


def _forecasts(seasonal: np.ndarray, y_true: np.ndarray, y_pred: np.ndarray) -> WindowForecasts:
    return WindowForecasts(np.arange(len(y_true)), np.arange(len(y_true)) + 3, y_true, y_pred,
                           {"repeat": np.zeros_like(y_true), "seasonal": seasonal}, None)


def test_its_scores_rest_on_the_values_it_has_and_the_model_is_weighed_on_those_values():
    rng = np.random.default_rng(2)
    y_true = rng.normal(size=(30, 4, 1))
    y_pred = y_true + rng.normal(scale=0.5, size=y_true.shape)
    seasonal = y_true + rng.normal(scale=0.3, size=y_true.shape)
    seasonal[[3, 7, 12], 1] = np.nan
    block = evaluation.scores(_forecasts(seasonal, y_true, y_pred), np.ones((30, 1)))
    has = np.isfinite(seasonal)
    assert block["seasonal"]["mse"] == pytest.approx(np.mean((seasonal[has] - y_true[has]) ** 2))
    left = block["seasonal"][seasonalgaps.KEY]
    assert (left["values"], left["of"]) == (3, 120)
    assert left["model"]["mse"] == pytest.approx(np.mean((y_pred[has] - y_true[has]) ** 2))
    assert block["model"]["mse"] == pytest.approx(np.mean((y_pred - y_true) ** 2))  # the model's own, unchanged
    assert seasonalgaps.KEY not in block["repeat"]
    test = {"original": block, "significance": {"repeat": {"p_value": 0.0}, "seasonal": {"p_value": 0.0}}}
    each = {e["name"]: e for e in verdicts.against_each(test)}
    assert not each["seasonal"]["beaten"]  # weighed against the model's 117 values, not its 120
    assert verdicts.outcome(test)[2] == left["model"]["mse"]
    said = seasonalgaps.record(block, 24)
    assert said["text"].startswith("the 'seasonal naive' baseline has no forecast at 3 of the 120 values scored: the "
                                   "step a season (24 calendar steps) before each is missing from the data")
    whole = evaluation.scores(_forecasts(np.nan_to_num(seasonal), y_true, y_pred), np.ones((30, 1)))
    assert seasonalgaps.KEY not in whole["seasonal"] and seasonalgaps.record(whole, 24) is None
    assert seasonalgaps.paired(block, "seasonal") == " (on the 117 values it has a forecast for)"  # decision 2005
    assert seasonalgaps.paired(block, "repeat") == "" == seasonalgaps.paired(whole, "seasonal")


def test_the_verdict_says_the_values_the_mse_it_quotes_is_on_where_the_table_differs():
    """t37t7 6: "MSE 355.5 against 31.3 for the 'seasonal naive' baseline" where the table said 353.6, the 355.5 the
    model's on the values the baseline has (decision 1966), said nowhere in the sentence (decision 2005)."""
    block = {"model": {"mse": 353.6}, "seasonal": {"mse": 31.3, seasonalgaps.KEY: {
        "values": 78, "of": 10442, "model": {"mse": 355.5}}}, "repeat": {"mse": 400.0}}
    test = {"original": block, "significance": {"seasonal": {"p_value": 0.9}, "repeat": {"p_value": 0.01}}}
    good, said = verdicts.verdict(test)
    assert not good and ("MSE 355.50 against 31.30 for the 'seasonal naive' baseline (on the 10,364 values it has a "
                         "forecast for), a higher MSE") in said
    block["seasonal"].pop(seasonalgaps.KEY)
    assert "values it has a forecast for" not in verdicts.verdict(test)[1]


def test_the_hourly_data_of_the_tester_reads_the_same_hour_a_day_earlier():
    """The tester's case in small: hourly rows, 2024-03-19 23:00 and 2024-03-20 00:00 missing; the window cut at
    2024-03-20 01:00 forecasts 02:00 with 2024-03-19 02:00, not a value 24 rows back."""
    times = pd.date_range("2024-03-17", periods=96, freq="h")
    keep = ~times.isin(pd.to_datetime(["2024-03-19 23:00", "2024-03-20 00:00"]))
    steps = np.flatnonzero(keep)
    values = np.arange(96, dtype=np.float64)[keep][:, None]  # each row's value: its own hour's number
    first = int(np.searchsorted(times[keep], pd.Timestamp("2024-03-20 02:00")))  # the window's first target row
    base = baselinebands.point_forecasts(values, np.array([first]), np.zeros(1, np.int64), np.zeros((1, 1)), 3, 1, 24,
                                         before=np.array([first]), placed={0: (steps, None)})["seasonal"]
    assert base[0, :, 0].tolist() == [times.get_loc(pd.Timestamp(f"2024-03-19 0{h}:00")) for h in (2, 3, 4)]


def test_values_of_keys_on_the_forecast_and_leaves_every_other_forecaster_at_keep():
    """r37r1 10 (decision 1994): the own-values branch was written out in six places, missed in five, and stepscores
    keyed it on the errors, so a NaN actual changed only its mask."""
    keep = np.ones((3, 2, 1), dtype=bool)
    forecast = np.zeros((3, 2, 1))
    forecast[1, 0] = np.nan
    assert seasonalgaps.values_of("repeat", keep, forecast) is keep  # only the seasonal naive reads a season back
    assert seasonalgaps.values_of("seasonal", keep, np.zeros((3, 2, 1))) is keep  # no value lacking: keep itself
    assert seasonalgaps.values_of("seasonal", keep, None) is keep
    mask = seasonalgaps.values_of("seasonal", keep, forecast)
    assert mask.sum() == 5 and not mask[1, 0, 0]
    assert seasonalgaps.values_of("seasonal", None, forecast).sum() == 5


def test_by_calendar_groups_each_series_once_and_gives_what_each_series_alone_gives():
    """r37r1 7 (decision 1997): each series scanned every window (O(series x windows): 20,000 series of 89 windows
    took 156 s); grouped once, interleaved windows of several series give each series' own forecast."""
    full, steps, values = _series()
    season, horizon = 12, 3
    before = np.arange(season + 1, len(steps) - horizon)
    one = np.zeros((len(before), horizon, 1), dtype=np.float32)
    alone = seasonalgaps.by_calendar(one, values, before, before, np.zeros(len(before), int), 1, season,
                                     {0: (steps, None)})
    stacked = np.concatenate([values, values])  # two series alike, their windows interleaved
    series = np.tile([0, 1], len(before))
    at = np.repeat(before, 2)
    both = seasonalgaps.by_calendar(np.zeros((len(at), horizon, 1), dtype=np.float32), stacked,
                                    at + series * len(steps), at, series, 1, season, {0: (steps, None), 1: (steps, None)})
    np.testing.assert_array_equal(both[0::2], alone)
    np.testing.assert_array_equal(both[1::2], alone)
    assert [s for s, _ in seasonalgaps.groups([2, 0, 2, 1])] == [0, 1, 2]
    assert [w.tolist() for _, w in seasonalgaps.groups([2, 0, 2, 1])] == [[1], [3], [0, 2]]
    assert seasonalgaps.groups([]) == []


def test_no_forecast_at_any_value_is_said_so_with_no_other_zero():
    """r37r1 5 (decision 1995): an outage of a season left the seasonal naive no forecast at any value scored, and the
    notes said "its scores are those of the other 0"."""
    text = seasonalgaps.said(48, 48, 24)
    assert text.startswith("the 'seasonal naive' baseline has no forecast at any of the 48 values scored (the step a "
                           "season (24 calendar steps) back is missing for each), so it has no scores and no verdict "
                           "weighs it") and "the other" not in text
    left = {"values": 48, "of": 48, "model": {"mse": float("nan")}}
    assert seasonalgaps.unforecast({"seasonal": {"mse": float("nan"), seasonalgaps.KEY: left}}, "seasonal")
    assert not seasonalgaps.unforecast({"seasonal": {"mse": 1.0, seasonalgaps.KEY: {**left, "values": 4}}}, "seasonal")
    assert not seasonalgaps.unforecast({"repeat": {"mse": 1.0}}, "repeat")
    assert "no forecast at any value" in seasonalgaps.briefly(left) and "other" not in seasonalgaps.briefly(left)
    assert seasonalgaps.briefly({**left, "values": 12, "of": 552}) == (
        "'seasonal naive' has no forecast at 12 of the 552 values (the step a season back is missing): its MSE, MAE "
        "and MASE are the other 540's, set against the model's on those (model_mse_on_seasonal ...)")


def test_the_model_is_paired_with_a_baseline_on_the_values_it_has_and_ranked_by_the_pair():
    """Decision 2010: ``paired`` gives the model's scores on the seasonal naive's values ({} where it leaves none
    out), ``ratio`` its MSE over the model's there, ``pair_label`` the by-series table's row."""
    block = {"model": {"mse": 2.0}, "repeat": {"mse": 1.0},
             "seasonal": {"mse": 0.9, seasonalgaps.KEY: {"values": 10, "of": 2010, "model": {"mse": 1.5, "mae": 1.0}}}}
    assert seasonalgaps.paired_scores(block, "seasonal") == {"mse": 1.5, "mae": 1.0}
    assert seasonalgaps.paired_scores(block, "repeat") == {}
    assert seasonalgaps.ratio(block, "seasonal") == 0.6 and seasonalgaps.ratio(block, "repeat") == 0.5
    assert seasonalgaps.pair_label(block, "seasonal") == "model on those 2,000 values"


def test_steps_before_counts_the_calendar_steps_of_a_series_before_each_window_missing_rows_and_all():
    """Decision 2028: rows at steps 0, 1, 4, 5, 6, 7 (steps 2 and 3 missing): the window whose first target is row 4
    (its last input, row 3, at step 5) has 4 rows but 6 steps before it; a series no calendar places counts its rows;
    a window with no row before it, none."""
    own = np.array([0, 1, 4, 5, 6, 7])
    before, series = np.array([0, 1, 2, 4, 5, 4]), np.array([0, 0, 0, 0, 0, 1])
    np.testing.assert_array_equal(seasonalgaps.steps_before(before, series, {0: (own, None)}), [0, 1, 2, 6, 7, 4])
    np.testing.assert_array_equal(seasonalgaps.steps_before(before, series, {}), before)


def test_unread_counts_the_windows_with_a_season_of_steps_before_them_though_fewer_rows():
    """Decision 2028: steps 2 and 3 of 0..19 missing, season 7, lookback 3, horizon 1: the window whose first target
    is step 7 (5 rows before it) reads step 0 and has a forecast; the one at step 8 reads step 1; at steps 9 and 10 it
    reads the missing 2 and 3: 2 of the windows' 13 steps have none, where by rows those 4 windows were not counted."""
    own = np.setdiff1d(np.arange(20), [2, 3])
    starts = np.arange(0, len(own) - 3)  # lookback 3, horizon 1: every window
    assert seasonalgaps.unread({0: (own, None)}, np.array([0, len(own)]), starts, np.zeros(len(starts), np.int64), 3,
                               1, 7) == (2, 13)


def test_a_seasonal_naive_with_no_forecast_at_any_value_is_gone_and_its_dash_said():
    """Decision 2029: the score tables wrote its row ``nan``; ``gone`` marks it, ``dash_note`` says the "-"."""
    none = {"mse": np.nan, seasonalgaps.KEY: {"values": 12, "of": 12, "model": {}}}
    some = {"mse": 0.5, seasonalgaps.KEY: {"values": 3, "of": 12, "model": {}}}
    assert seasonalgaps.gone(none) and not seasonalgaps.gone(some) and not seasonalgaps.gone({"mse": 1.0})
    assert seasonalgaps.dash_note([{"model": {}, "seasonal": none}], 7) == (
        "\"-\" in the 'seasonal naive' row: it has no forecast at any of the 12 values scored (every value's step a "
        "season (7 calendar steps) back is missing from the data), so it has no scores (null in metrics.json) and no "
        "verdict weighs it.")
    assert seasonalgaps.dash_note([{"seasonal": none}], 7, windows=True).startswith(
        "\"-\" in a window's 'seasonal naive' row: it has no forecast at any value of that window (")
    assert seasonalgaps.dash_note([{"seasonal": some}], 7) is None
    assert seasonalgaps.untested({"model": {}, "seasonal": none, "repeat": {"mse": 1.0}}) == {"seasonal": {
        "beaten": None, "p_value": None, "no_forecast": seasonalgaps.NO_FORECAST}}
