"""Which steps of a backtest's windows are scored where the data lacks a date they forecast (``stepactuals``): each step
against the actual of its own date, one without a row forecast, left out of the scores, counted and written blank."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.errors import RnncastError
from rnncast.stepactuals import Absent, align, scored, shown
from rnncast.windowforecasts import WindowForecasts, scored as scored_values

SETTINGS = {**TINY, "lookback": 14, "horizon": 7}


def _daily(n: int = 200, seed: int = 0, uid: str | None = None) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=n, freq="D"),
                          "y": 10 + 3 * np.sin(np.arange(n) * 2 * np.pi / 7) + rng.normal(0, 0.5, n)})
    return frame if uid is None else frame.assign(unique_id=uid)


def _wf(y_true, filled=None) -> WindowForecasts:
    y_true = np.asarray(y_true, dtype=float)[..., None]  # [W, H, 1]
    repeat = np.full(y_true.shape, -1.0)
    return WindowForecasts(np.zeros(len(y_true), int), np.arange(len(y_true)) + 5, y_true, y_true + 0.5,
                           {"repeat": repeat}, None, np.zeros(len(y_true), int), filled=filled)


def test_align_moves_each_actual_to_its_own_date_and_marks_the_steps_without_one():
    """Rows after the cutoff are the dates present in order: 07-20, 07-22, 07-23 for steps 1, 3, 4 (07-21 lacking)."""
    wf = _wf([[1, 2, 3, 99], [5, 6, 7, 8]])
    absent = Absent(np.array([[False, True, False, False], [False] * 4]), None)
    out = align(wf, absent)
    assert out.y_true[..., 0].tolist() == [[1, -1, 2, 3], [5, 6, 7, 8]]  # -1: the repeat baseline stands in
    assert out.absent[..., 0].tolist() == [[False, True, False, False], [False] * 4] and out.filled is None
    assert np.isnan(shown(out, absent).y_true[0, 1, 0]) and align(wf, None) is wf
    assert scored_values(out)[..., 0].tolist() == [[True, False, True, True], [True] * 4]  # unscored, not "made"


def test_a_made_value_moves_with_its_actual_and_a_step_without_a_row_is_never_called_made():
    """``filled`` meant both "made by fill" and "no row for this date" (decision 1182 left it): the backtest frame's
    ``<target>_filled`` was True at every blank actual of a date the data lacks. Each has its own mask now."""
    made = np.zeros((1, 4, 1), bool)
    made[0, 1, 0] = True  # the second row after the cutoff (07-22, step 3: 07-21 lacking) was made by fill
    absent = Absent(np.array([[False, True, False, False]]), None)
    out = align(_wf([[1, 2, 3, 99]], made), absent)
    assert out.filled[0, :, 0].tolist() == [False, False, True, False]
    assert out.absent[0, :, 0].tolist() == [False, True, False, False]
    assert scored_values(out)[0, :, 0].tolist() == [True, False, False, True]


def test_a_made_value_and_a_missing_date_are_counted_apart_never_twice():
    made = np.zeros((2, 4, 1), bool)
    made[1, 2, 0] = True  # fill made a value of window 1
    absent = Absent(np.array([[False, True, False, False], [False] * 4]), None)
    block = scored(align(_wf([[1, 2, 3, 9], [5, 6, 7, 8]], made), absent), absent, "ffill")
    assert block["filled_targets"] == 1 and block["missing_steps"] == 1 and block["windows_scored"] == 2
    assert "1 forecast step of 1 window falls on dates the data has no row for" in block["missing_text"]
    assert ("no row for: forecast (the window's cutoff row is present; a gap in its inputs is warned apart) but not "
            "scored") in block["missing_text"]  # not "its inputs are complete", which a gap in them belies (1205)
    assert scored(_wf([[1, 2], [3, 4]]), None, None) is None


def test_one_made_value_seen_by_windows_on_either_side_of_a_missing_date_is_counted_once():
    """Rows 5-10 are the dates d1, d3, d4, ... (d2 lacking); fill made row 7's value (d4). Counted by first target row
    + step, after ``align`` had moved each actual to its own date, windows whose steps cross d2 placed it one row later
    than the others: evaluate said "3 target values ... filled" where the data held 2 (an end-to-end run)."""
    made = np.zeros((3, 4, 1), bool)
    made[0, 2, 0] = made[1, 1, 0] = made[2, 0, 0] = True  # row 7: the 3rd, 2nd and 1st row after each cutoff
    absent = Absent(np.array([[False, True, False, False], [True, False, False, False], [False] * 4]), None)
    out = align(_wf([[1, 2, 3, 9], [2, 3, 4, 5], [3, 4, 5, 6]], made), absent)
    assert out.filled[..., 0].tolist() == [[False, False, False, True], [False, False, True, False],
                                            [True, False, False, False]]
    assert scored(out, absent, "ffill")["filled_targets"] == 1


def test_evaluate_counts_each_made_value_once_where_the_data_also_lacks_dates():
    frame = _daily()
    frame.loc[[185, 190], "y"] = np.nan  # 2 blanks fill makes, in the test part
    frame = frame.drop(index=[187, 193])  # 2 dates the data lacks there too
    model = Forecaster(**SETTINGS, fill="ffill").fit(frame, target="y", time_col="ds")
    scored_block = model.evaluate(frame)["scored"]
    assert scored_block["filled_targets"] == 2 and scored_block["left_out"].startswith("2 target values missing")


def test_a_backtest_forecasts_the_dates_a_series_lacks_and_scores_every_other_step_at_its_own_date():
    """Three days missing from the last 40 of a daily series: 4 of 6 windows were left out whole (14 steps scored);
    now only the window cut at a missing day is (a gap in its inputs), and 32 steps are scored."""
    data = _daily()
    lacking = data.ds.iloc[[172, 185, 193]]  # 2024-06-21, 2024-07-04 (a cutoff), 2024-07-12 (the last window's)
    result = Forecaster(**SETTINGS).backtest(data.drop(index=lacking.index), n_windows=6)
    m, frame = result.metrics, result.forecasts
    assert m["windows_left_out"]["windows"] == 1 and "it lacks that row" in m["windows_left_out"]["text"]
    assert m["scored"]["missing_steps"] == 3 and m["scored"]["windows_scored"] == 5
    assert len(frame) == 5 * 7 and frame.y.notna().sum() == 32
    blank = frame[frame.y.isna()]
    assert sorted(blank.ds.tolist()) == sorted(lacking.tolist()) and blank.y_hat.notna().all()
    assert "y_filled" not in frame  # no fill made a value: a blank actual of a date without a row is not "filled"
    actual = data.set_index("ds").y
    kept = frame[frame.y.notna()]
    np.testing.assert_allclose(kept.y.to_numpy(), actual[kept.ds].to_numpy())  # each step's actual is its own date's
    assert [w["first_step"][0] for w in m["windows"]][2] == "2024-06-21"  # the date, not the next row's
    mse = float(((kept.y_hat - kept.y) ** 2).mean())
    assert m["overall"]["model"]["mse"] == pytest.approx(mse, rel=1e-4)  # over the scored steps, as written
    assert any("Steps without an actual are not scored: 3 forecast steps of 3 windows fall" in n for n in result.notes)
    assert "across_gaps" not in m or m["across_gaps"]["windows"] < 5  # target-side gaps are not warned as input ones


def test_a_panel_refit_backtest_counts_the_steps_of_the_series_that_lacks_them():
    a, b = _daily(uid="a"), _daily(seed=1, uid="b")
    b = b.drop(index=b.index[[172, 194]])  # 2024-06-21 and 2024-07-13: no cutoff among them
    result = Forecaster(**SETTINGS).backtest(pd.concat([a, b]), n_windows=4, refit=True)
    frame = result.forecasts
    assert "windows_left_out" not in result.metrics and result.metrics["scored"]["missing_steps"] == 2
    assert frame[frame.y.isna()].unique_id.tolist() == ["b", "b"] and len(frame) == 2 * 4 * 7


def test_a_model_reading_future_covariates_still_leaves_out_a_window_lacking_a_date_it_forecasts():
    """The covariates of the dates forecast are inputs there: a window without one has incomplete inputs."""
    data = _daily().assign(promo=lambda f: (np.arange(len(f)) % 5 == 0).astype(float))
    result = Forecaster(**SETTINGS, future_known=True).backtest(data.drop(index=[193]), n_windows=3,
                                                                  target="y", features=["promo"])
    assert result.metrics["windows_left_out"]["windows"] == 1 and "scored" not in result.metrics
    assert "future covariates it reads there" in result.metrics["windows_left_out"]["text"]


def test_evaluate_and_fit_s_test_scores_date_each_step_as_a_backtest_does():
    """Fit's test windows are stride-1 rows: a window whose targets ran over a missing day scored its step 1 forecast
    for 06-21 against the actual of 06-22 (20 of 33 windows); each step now meets its own date's actual, or none. The
    window cut at 07-11 (its horizon: 07-12, which the data lacks, to the last day, 07-18) is scored too (enddates)."""
    data = _daily()
    gapped = data.drop(index=[172, 185, 193])
    model = Forecaster(**SETTINGS, test_frac=0.2).fit(gapped)
    result = model.evaluate(gapped)
    assert result["scored"]["missing_steps"] == 21 and "windows_scored" not in result  # each keeps a scored value
    assert "21 forecast steps of 21 windows fall on dates the data has no row for" in result["scored"]["text"]
    test = model.part_forecasts(gapped, "test")
    wf, absent = test.original, test.absent
    assert absent.mask.sum() == 21 and wf.absent[..., 0][absent.mask].all() and wf.absent.sum() == 21
    assert wf.filled is None  # nothing was made by fill
    times = np.asarray(absent.times).reshape(absent.mask.shape)
    actual = data.set_index("ds").y
    np.testing.assert_allclose(wf.y_true[..., 0][~absent.mask], actual[times[~absent.mask]].to_numpy(), rtol=1e-6)
    assert set(times[absent.mask].tolist()) == set(data.ds[[172, 185, 193]].tolist())
    assert result["original"]["model"]["mse"] == pytest.approx(
        float(((wf.y_pred - wf.y_true)[..., 0][~absent.mask] ** 2).mean()), rel=1e-5)


def test_predict_windows_gives_each_step_its_own_date_s_actual_and_a_missing_date_a_blank_one(caplog):
    """predict_windows gave actuals by row: the window forecasting 06-20..06-26 showed 06-22's actual beside its 06-21
    step (the data lacks 06-21); each step now meets its own date's actual, a step without a row a blank (NaN) one,
    marked in ``filled`` (unscored) and said once in evaluate's words."""
    data = _daily()
    gapped = data.drop(index=[172, 185, 193])
    model = Forecaster(**SETTINGS, test_frac=0.2).fit(gapped)
    with caplog.at_level("WARNING"):
        wf = model.predict_windows(gapped, part="test")
    said = [r.getMessage() for r in caplog.records if "fall on dates the data has no row for" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("21 forecast steps of 21 windows")  # the last cut 07-11 (enddates)
    blank = np.isnan(wf.y_true[..., 0])
    assert blank.sum() == 21 and wf.absent[..., 0][blank].all() and wf.absent.sum() == 21 and wf.filled is None
    test = model.part_forecasts(gapped, "test")
    times = np.asarray(test.absent.times).reshape(blank.shape)
    actual = data.set_index("ds").y
    np.testing.assert_allclose(wf.y_true[..., 0][~blank], actual[times[~blank]].to_numpy(), rtol=1e-6)
    assert set(times[blank].tolist()) == set(data.ds[[172, 185, 193]].tolist())
    first = np.flatnonzero(times[:, 0] == pd.Timestamp("2024-06-20"))[0]
    assert np.isnan(wf.y_true[first, 1, 0]) and wf.y_true[first, 2, 0] == pytest.approx(actual["2024-06-22"], rel=1e-6)
    np.testing.assert_allclose(wf.y_pred, test.original.y_pred)  # the same forecasts evaluate scores


def _read_future(monkeypatch) -> list:
    """The future covariates [W, H] each forecast reads, as the network is handed them."""
    from rnncast import batches
    seen, predict = [], batches.WindowBatches.predict
    monkeypatch.setattr(batches.WindowBatches, "predict", staticmethod(
        lambda net, batch: seen.append(batch.future[..., 0].numpy().copy()) or predict(net, batch)))
    return seen


def test_a_model_reading_future_covariates_forecasts_no_window_at_another_date_s_covariates(monkeypatch, caplog):
    """Read by row, the 20 test windows forecasting 06-21 (07-04, 07-12), which the data lacks, read the next row's
    covariates for it (77 steps in all, each also scored against a later date's actual); the covariates of a date
    without a row are not there to be had, and the head reads every step's, so those windows are left out, said by
    count and date, in evaluate, fit's test scores and predict_windows alike; every other step reads its own date's."""
    data = _daily().assign(day=lambda f: np.arange(len(f), dtype=float))  # the covariate names its date
    gapped = data.drop(index=[172, 185, 193])
    model = Forecaster(**SETTINGS, test_frac=0.2, scaler="none").fit(gapped, target="y", future_covariates=["day"])
    seen = _read_future(monkeypatch)
    result = model.evaluate(gapped)
    said = [n for n in result["notes"] if "left out, not forecast" in n]
    assert len(said) == 1 and said[0].startswith("Not every window is scored: 20 of the 33 windows are left out, not "
                                                 "forecast: a date they forecast has no row, so the future covariates "
                                                 "the model reads there ('day') are not in the data")
    assert "2024-06-21, 2024-07-04, 2024-07-12; fill_gaps=True" in said[0]
    left = result["scored"]["future_left_out"]
    assert left["windows"] == 20 and left["of"] == 33 and len(left["dates"]) == 3
    assert result["scored"]["text"].startswith("scored 13 windows") and "missing_steps" not in result["scored"]
    test = model.part_forecasts(gapped, "test")
    wf, read = test.original, np.concatenate(seen[-1:])
    cut = gapped.ds.to_numpy()[wf.target_rows - 1]
    own = cut[:, None] + np.arange(1, 8) * np.timedelta64(1, "D")  # [W, H] each step's own date
    np.testing.assert_array_equal(data.ds.to_numpy()[read.astype(int)], own)  # every step reads its own date's
    actual = data.set_index("ds").y
    np.testing.assert_allclose(wf.y_true[..., 0], actual[own.reshape(-1)].to_numpy().reshape(own.shape), rtol=1e-6)
    with caplog.at_level("WARNING"):
        windows = model.predict_windows(gapped, part="test")  # no score's notes to say it in: a warning
    assert sum("20 of the 33 windows are left out, not forecast" in r.getMessage() for r in caplog.records) == 1
    assert len(windows.y_pred) == 13 and np.isfinite(windows.y_true).all()
    np.testing.assert_allclose(windows.y_pred, wf.y_pred)


def test_no_window_left_for_a_model_reading_future_covariates_is_refused_in_one_line():
    data = _daily(100).assign(promo=lambda f: (np.arange(len(f)) % 5 == 0).astype(float))
    model = Forecaster(**SETTINGS, test_frac=0.2).fit(data, target="y", future_covariates=["promo"])
    gapped = data.drop(index=range(80, 100, 3))  # every test window forecasts a date the data lacks
    with pytest.raises(RnncastError, match=r"^no window of part 'test' is left to score: (\d+) of the \1 windows are "
                                           r"left out, not forecast: .*: 2024-03-21, 2024-03-24"):
        model.evaluate(gapped)
    with pytest.raises(RnncastError, match="is left to forecast"):
        model.predict_windows(gapped, part="test")


def test_a_panel_leaves_out_only_the_windows_of_the_series_lacking_a_date_named_by_date_and_series():
    a, b = _daily(uid="a"), _daily(seed=1, uid="b").drop(index=[172, 185])
    panel = pd.concat([a, b]).assign(promo=lambda f: (f.ds.dt.day_of_week == 4).astype(float))
    model = Forecaster(**SETTINGS, test_frac=0.2).fit(panel, target="y", future_covariates=["promo"])
    left = model.evaluate(panel)["scored"]["future_left_out"]
    assert left["windows"] == 14 and left["dates"] == ["2024-06-21", "2024-07-04"]
    assert ": 2024-06-21 ('b'), 2024-07-04 ('b'); fill_gaps=True" in left["text"]
    windows = model.predict_windows(panel, part="test")
    assert left["of"] - len(windows.y_pred) == 14 and (windows.series == 0).sum() == 34  # every window of 'a'


def _hourly_with_gaps(n: int = 600) -> pd.DataFrame:
    """600 hourly rows on Berlin's clock (Good Friday and Easter Monday 2026 among them), five removed."""
    time = pd.date_range("2026-03-20", periods=n, freq="h", tz="Europe/Berlin")
    rng = np.random.default_rng(0)
    y = 10 + 3 * np.sin(2 * np.pi * time.hour / 24) - 2 * (time.day_of_week >= 5) + rng.normal(0, 0.1, n)
    frame = pd.DataFrame({"ds": time, "y": y, "promo": (np.arange(n) % 7 == 0).astype(float)})
    return frame.drop(index=[100, 300, 450, 520, 560]).reset_index(drop=True)


CALENDAR = {**SETTINGS, "lookback": 24, "horizon": 6, "epochs": 1, "calendar_covariates": "hour,weekend,holiday:DE"}


def test_computed_calendar_covariates_leave_no_window_out_and_are_made_at_each_step_s_own_date():
    """Decision 2024: windows forecasting a date without a row were left out as 'future covariates not in the data',
    though the calendar's are had for any date; each is forecast now with them made at its steps' own dates: the
    forecast predict makes from the rows up to its cutoff (its steps dated on the calendar), not the next rows'."""
    frame = _hourly_with_gaps()
    model = Forecaster(**CALENDAR).fit(frame[["ds", "y"]], target="y", time_col="ds")
    assert "future_left_out" not in model.evaluate(frame[["ds", "y"]])["scored"]
    wf = model.predict_windows(frame[["ds", "y"]], part="test")
    cutoffs = frame["ds"].iloc[wf.target_rows - 1]  # pandas: each window's next 6 hours, against the rows held
    lacking = np.array([not pd.date_range(c, periods=7, freq="h")[1:].isin(frame["ds"]).all() for c in cutoffs])
    assert lacking.sum() == 12 and (wf.absent[..., 0].any(axis=1) == lacking).all()
    for w in np.flatnonzero(lacking)[[0, -1]]:
        alone = model.predict(frame[["ds", "y"]].iloc[: wf.target_rows[w]])
        np.testing.assert_allclose(wf.y_pred[w, :, 0], alone["y"].to_numpy(), atol=1e-5)


def test_a_data_covariate_beside_computed_ones_alone_leaves_windows_out_and_is_the_one_named():
    """The windows left out where the data's own future covariate lacks a date: counted as pandas counts them, and
    the reason names that column, not the computed ones (decision 2024)."""
    frame = _hourly_with_gaps()
    model = Forecaster(**{**CALENDAR, "calendar_covariates": "hour,weekend"}).fit(
        frame, target="y", time_col="ds", future_covariates=["promo"])
    left = model.evaluate(frame)["scored"]["future_left_out"]
    every = Forecaster(**{**CALENDAR, "calendar_covariates": "hour,weekend"}).fit(
        frame[["ds", "y"]], target="y", time_col="ds").predict_windows(frame[["ds", "y"]], part="test")
    cutoffs = frame["ds"].iloc[every.target_rows - 1]
    lacking = sum(not pd.date_range(c, periods=7, freq="h")[1:].isin(frame["ds"]).all() for c in cutoffs)
    assert (left["windows"], left["of"]) == (lacking, len(every.target_rows)) == (12, 114)
    assert "('promo') are not in the data" in left["text"] and "hour_sin" not in left["text"]


def test_a_backtest_on_business_days_forecasts_the_window_whose_dates_the_data_lacks_with_their_own_weekdays():
    """Business days without 2024-03-11 and 2025-02-12: the backtest's window over the lacking day is forecast, its
    step there unscored, and no window is left out for the computed covariates (decision 2024)."""
    time = pd.bdate_range("2024-01-01", periods=300)
    frame = pd.DataFrame({"ds": time, "y": 10 + time.day_of_week + np.random.default_rng(0).normal(0, 0.1, 300)})
    frame = frame[~frame["ds"].isin(pd.to_datetime(["2024-03-11", "2025-02-12"]))]
    model = Forecaster(**{**CALENDAR, "lookback": 10, "horizon": 5, "freq": "B",
                          "calendar_covariates": "day_of_week,month"}).fit(frame, target="y", time_col="ds")
    result = model.backtest(frame, n_windows=3)
    dates = pd.to_datetime(result.forecasts["ds"])
    assert len(result.forecasts) == 15 and pd.Timestamp("2025-02-12") in set(dates)
    assert result.forecasts.loc[dates == "2025-02-12", "y"].isna().all()
