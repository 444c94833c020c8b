"""Forecasting with a fitted model (``forecasting.py``): the next horizon after each series' end,
from its last ``lookback`` rows, dated by its calendar (or numbered), back in each series' own units,
in long format for many series, with quantile columns that never cross; the future values a
future-known model needs, and refuses when it has none."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, RnncastError

L, H = TINY["lookback"], TINY["horizon"]

# ---- the next horizon of one series ------------------------------------------------------------

def test_predict_continues_the_timestamps_at_the_series_step():
    quarter = make_frame(160, freq="15min")
    f = Forecaster(**TINY).fit(quarter, target="y", features=["x"])
    part = quarter.iloc[:120]
    forecast = f.predict(part)
    last = part["date"].iloc[-1]
    assert isinstance(forecast.index, pd.DatetimeIndex)
    assert list(forecast.index) == [last + pd.Timedelta(minutes=15) * k for k in range(1, H + 1)]
    assert list(forecast.columns) == ["cutoff", "step_ahead", "y"] and (forecast["cutoff"] == last).all()
    assert forecast["step_ahead"].tolist() == list(range(1, H + 1))


def test_predict_without_time_column_continues_the_row_numbers():
    rows = make_frame(160, time=False)
    f = Forecaster(**TINY).fit(rows, target="y", features=["x"])
    forecast = f.predict(rows.iloc[:130])
    assert isinstance(forecast.index, pd.RangeIndex)
    assert list(forecast.index) == [130, 131, 132] and forecast["cutoff"].tolist() == [129] * 3


def test_predict_reads_only_the_last_lookback_rows(fitted, data):
    full = fitted.predict(data)
    tail = fitted.predict(data.iloc[-L:])
    assert np.array_equal(full.to_numpy(), tail.to_numpy()) and full.index.equals(tail.index)


def test_predict_refuses_fewer_rows_than_lookback(fitted, data):
    with pytest.raises(RnncastError, match=f"lookback = {L}"):
        fitted.predict(data.iloc[: L - 1])


def test_predict_adds_quantile_columns_that_never_cross_and_the_median_is_the_forecast(quantile_model):
    forecast = quantile_model.predict(make_frame(200))
    assert list(forecast.columns) == ["cutoff", "step_ahead", "y", "y_q0.1", "y_q0.5", "y_q0.9"]
    assert np.array_equal(forecast["y"].to_numpy(), forecast["y_q0.5"].to_numpy())
    assert (forecast["y_q0.1"] <= forecast["y_q0.5"]).all() and (forecast["y_q0.5"] <= forecast["y_q0.9"]).all()


# ---- many series: long format, each in its own units ----------------------------------------------

def test_predict_returns_long_format_continuing_each_series(panel_fitted, panel_frame):
    forecast = panel_fitted.predict(panel_frame)
    assert list(forecast.columns) == ["unique_id", "ds", "cutoff", "step_ahead", "y_hat"] and len(forecast) == 4 * H
    for uid, rows in forecast.groupby("unique_id"):
        last = panel_frame.loc[panel_frame.unique_id == uid, "ds"].max()
        assert list(rows["ds"]) == [last + pd.Timedelta(hours=k) for k in range(1, H + 1)]
        assert (rows["cutoff"] == last).all() and rows["step_ahead"].tolist() == list(range(1, H + 1))


def test_predict_scales_each_series_back_to_its_own_units(panel_fitted, panel_frame):
    forecast = panel_fitted.predict(panel_frame)
    for uid, rows in forecast.groupby("unique_id"):
        y = panel_frame.loc[panel_frame.unique_id == uid, "y"]
        assert y.min() * 0.3 < rows["y_hat"].mean() < y.max() * 3  # the right order of magnitude for each


# ---- future values of a future-known model --------------------------------------------------------

def _future(data, n=H):
    return pd.DataFrame({"x": np.cos(0.2 * np.arange(len(data), len(data) + n)).astype(np.float32)})


def test_future_known_model_needs_future_values(tmp_path, data):
    f = Forecaster(**{**TINY, "future_known": True}).fit(data, target="y", features=["x"])
    with pytest.raises(RnncastError, match="future="):
        f.predict(data)
    with pytest.raises(RnncastError, match=f"{H} rows"):
        f.predict(data, future=_future(data, H + 1))


def test_future_values_change_the_forecast_of_a_future_known_model(data):
    f = Forecaster(**{**TINY, "future_known": True}).fit(data, target="y", features=["x"])
    a = f.predict(data, future=_future(data))
    b = f.predict(data, future=_future(data) + 1.0)
    assert not np.array_equal(a.to_numpy(), b.to_numpy())


def test_future_values_are_refused_by_a_model_trained_without_them(fitted, data):
    with pytest.raises(RnncastError, match="future_known"):
        fitted.predict(data, future=_future(data))


@pytest.mark.parametrize("freq", ["h", "MS"])
def test_predict_says_when_the_window_it_reads_misses_calendar_steps(freq, caplog):
    """A newcomer's sensor file lost 7 rows in its last 2 hours: predict forecast from that window
    silently (fit had named such gaps). Hours pass by their fixed step, months date by date."""
    n = 120
    frame = pd.DataFrame({"ds": pd.date_range("2010-01-01", periods=n, freq=freq), "y": np.sin(np.arange(n) / 3.0)})
    model = Forecaster(**TINY).fit(frame, target="y")
    with caplog.at_level("WARNING", logger="rnncast.forecasting"):
        model.predict(frame)
    assert "calendar steps missing" not in caplog.text
    holed = frame.drop(index=[n - 5, n - 4])  # two steps gone inside the last lookback rows
    with caplog.at_level("WARNING", logger="rnncast.forecasting"):
        model.predict(holed)
    assert "the series has calendar steps missing among the last 12 rows predict reads" in caplog.text
    when = frame["ds"][n - 6]  # monthly dates are named as dates, hours with their time
    assert f"after {when if freq == 'h' else when.strftime('%Y-%m-%d')}" in caplog.text


def test_new_data_and_future_values_are_read_in_the_date_order_fit_chose(tmp_path):
    """Fit read dd/mm/yyyy dates day first (13/01/2016 settles it); predict on 12 rows that read
    both ways (01/01 .. 12/01/2016), and a 2-row future file (01/06, 02/06/2016), read them month
    first and dated the forecast December, or refused the future values. The model's calendar now
    keeps the order (in model.json too) and new data and future dates follow it."""
    n = 152  # 01/01/2016 .. 31/05/2016
    days = pd.date_range("2016-01-01", periods=n, freq="D")
    frame = pd.DataFrame({"date": days.strftime("%d/%m/%Y"), "y": np.sin(np.arange(n) / 4.0), "x": np.cos(np.arange(n) / 4.0)})
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 2}).fit(frame, target="y")
    assert model.calendar_.dayfirst is True
    model.save(tmp_path / "m")
    again = Forecaster.load(tmp_path / "m")
    assert list(again.predict(frame.head(12)).index) == [pd.Timestamp("2016-01-13"), pd.Timestamp("2016-01-14")]
    known = Forecaster(**{**TINY, "lookback": 6, "horizon": 2}).fit(frame, target="y", future_covariates=["x"])
    future = pd.DataFrame({"date": ["01/06/2016", "02/06/2016"], "x": [0.1, 0.2]})  # 1 and 2 June: both read both ways
    forecast = known.predict(frame, future=future)
    assert list(forecast.index) == [pd.Timestamp("2016-06-01"), pd.Timestamp("2016-06-02")]


# ---- values that fill made are not scored ---------------------------------------------------------

def _weekly_with_a_hole(n: int = 200, hole=(165, 186)) -> pd.DataFrame:
    """200 weekly rows of a noisy wave with rows 165-185 (in the test part) missing."""
    frame = make_frame(n, freq="W-SUN", feature=False)
    frame.loc[hole[0]: hole[1] - 1, "y"] = np.nan
    return frame


@pytest.fixture(scope="module")
def holey():
    frame = _weekly_with_a_hole()
    settings = {**TINY, "lookback": 8, "horizon": 1}
    return frame, {fill: Forecaster(**settings, fill=fill).fit(frame, target="y") for fill in ("ffill", "interpolate")}


def test_filled_targets_are_left_out_of_every_score_and_said(holey):
    """A newcomer's test split had 21 of its 40 targets made by ffill, scored as if observed: they are
    now left out of the model's and the baselines' scores alike, and the scored sentence says so."""
    frame, models = holey
    model = models["ffill"]
    wf = model.predict_windows(frame, part="test")
    assert wf.filled[:, 0, 0].sum() == 21 and wf.reads_later is not None and not wf.reads_later.any()
    observed = ~wf.filled
    result = model.evaluate(frame)
    for name, pred in [("model", wf.y_pred)] + list(wf.baselines.items()):
        expected = np.mean((pred[observed].astype(np.float64) - wf.y_true[observed]) ** 2)
        assert result["original"][name]["mse"] == pytest.approx(expected, rel=1e-6)
    scored = result["scored"]
    assert (scored["filled_targets"], scored["windows_left_out"], scored["windows_scored"]) == (21, 0, 19)
    assert "21 target values missing from the data and carried forward" in scored["text"]
    assert all(test["times"] == 19 for test in result["significance"].values())  # the test skips them too


def test_a_window_whose_inputs_were_interpolated_from_its_targets_is_left_out_whole(holey):
    """Interpolation fills rows 165-185 from row 186: a window whose inputs hold one of them and whose
    first target is at or before row 186 would read what comes after its forecast time."""
    frame, models = holey
    model = models["interpolate"]
    wf = model.predict_windows(frame, part="test")
    first = wf.target_rows
    expected = (first <= 186) & (first - 1 >= 165)  # the last input row is among the filled ones
    assert wf.reads_later.tolist() == expected.tolist() and expected.sum() == 21
    result = model.evaluate(frame)
    keep = ~wf.filled[:, 0, 0] & ~wf.reads_later
    assert result["original"]["model"]["mse"] == pytest.approx(
        np.mean((wf.y_pred[keep, 0, 0].astype(np.float64) - wf.y_true[keep, 0, 0]) ** 2), rel=1e-6)
    assert result["scored"]["windows_left_out"] == 21 and "left out whole" in result["scored"]["text"]
    # one count, one meaning: "windows" the windows forecast, "windows_scored" those that keep a scored value
    assert result["windows"] == len(first) and result["windows_scored"] == keep.sum() == result["scored"]["windows_scored"]
    assert result["scored"]["text"].startswith(f"forecast {len(first)} windows")
    each = model.evaluate(frame, by_series=True)["series"]
    assert [(v["windows"], v["windows_scored"]) for v in each.values()] == [(len(first), keep.sum())]
    assert models["ffill"].evaluate(frame)["windows_scored"] == 19  # horizon 1: a filled target leaves its window


def test_a_part_with_nothing_observed_is_refused(holey):
    frame, models = holey
    wider = _weekly_with_a_hole(hole=(158, 186)).iloc[:186]  # every test target (rows 160-185) missing
    with pytest.raises(RnncastError, match=r"the last 28 rows of the data \(2027-01-17 to 2027-07-25, rows 158-185\) "
                                           "have a date but no value of 'y'"):  # blank to the end: decision 1475
        models["ffill"].evaluate(wider)


@pytest.mark.parametrize("level", [1.0, 1e9])
def test_a_backtests_training_mean_is_written_at_the_forecasts_resolution(level):
    """forecasts.csv wrote y_hat as the shortest decimal the network's float32 gives (3.30077968) and y_mean as
    float64's 16 digits (2.994897959183674): the mean now takes the forecasts' resolution, one float32 step of
    a scaled unit, and keeps the series' own digits near 1e9. Each window's mean is of every row before its own
    cutoff, FPP's MEAN (decision 2174), not the first model's training rows'."""
    y = level + np.round(np.sin(np.arange(150) / 3.0) + np.random.default_rng(0).normal(0, 0.3, 150), 2)
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=150, freq="h"), "y": y})
    result = Forecaster(**TINY).backtest(frame, n_windows=2, target="y")
    means = result.forecasts.groupby("window")["y_mean"].first().to_numpy()
    exact = [y[: int(c) + 1].mean() for c in result.cutoffs[0]]  # every row up to each window's cutoff
    assert all(float(f"{m:.{len(str(int(level))) + 8}g}") == m for m in means)  # no float64 noise digits
    assert np.allclose(means, exact, rtol=0, atol=1e-6)  # the series' own units, near 1e9 too


@pytest.mark.parametrize("ids", [[101, 102], pd.Categorical(["a", "b"])], ids=["integers", "categorical"])
def test_window_forecasts_name_the_series_as_the_caller_gave_them(ids):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"unique_id": np.repeat(list(ids), 60), "ds": np.tile(np.arange(60), 2),
                          "y": rng.normal(size=120)})
    if isinstance(ids, pd.Categorical):
        frame["unique_id"] = frame["unique_id"].astype("category")
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    first = list(ids)[0]
    assert model.predict_windows(frame).ids == list(ids)  # 101, not '101'
    assert model.predict_windows(frame, series=first).ids == [first]  # a series named as given
    assert model.part_forecasts(frame).ids == list(ids)
    forecast = model.predict(frame)
    assert forecast["unique_id"].dtype == frame["unique_id"].dtype  # a categorical of text keeps its categories


@pytest.mark.parametrize("id_col, quantiles, expected", [
    ("y_hat", None, "the id column is named 'y_hat', the name rnncast writes for the forecast of target 'y'"),
    ("y_q0.5", (0.1, 0.5, 0.9), "the id column is named 'y_q0.5', the name rnncast writes for the 0.5 quantile"),
], ids=["point", "quantiles"])
def test_an_id_column_named_as_a_forecast_column_is_refused_at_fit(id_col, quantiles, expected):
    """A panel's forecast came back as columns 'y_hat, ds', the forecasts written over the ids."""
    data = make_panel(2, seed=1).rename(columns={"unique_id": id_col})
    with pytest.raises(RnncastError, match="rename the column") as err:
        Forecaster(**{**TINY, "quantiles": quantiles}).fit(data, id_col=id_col)
    assert expected in str(err.value)


def test_a_model_saved_with_such_a_name_is_refused_at_predict():
    """A model saved before fit refused the names forecasts write twice: its predict refuses them, not writes them over."""
    data = make_panel(2, seed=1)
    model = Forecaster(**TINY).fit(data)
    model.state_.id_col = "y_hat"  # as a model.json written before the refusal holds it
    with pytest.raises(RnncastError, match="the id column is named 'y_hat'"):
        model.predict(data.rename(columns={"unique_id": "y_hat"}))


def test_evaluate_says_which_series_fit_left_out_as_too_short_and_that_they_are_not_scored(panel_frame):
    """A tester's store 'Neu', too short to train: predict named it as not forecast, evaluate's lines, its JSON and
    the run page said nothing of it; now what was scored names it, with its rows and the rows it needs (decision 654)."""
    short = pd.DataFrame({"unique_id": "tiny", "ds": pd.date_range("2024-01-01", periods=20, freq="h"), "y": np.arange(20.0)})
    frame = pd.concat([panel_frame, short], ignore_index=True)
    f = Forecaster(**TINY).fit(frame)
    result = f.evaluate(frame)
    needed, scored = f.skipped_series_[0]["needed"], result["scored"]
    said = f"series 'tiny' (20 rows at fit) was too short to train (needs {needed} rows) and is not scored"
    assert scored["not_trained"] == {"series": [{"id": "tiny", "rows": 20, "needed": needed}], "text": said}
    assert scored["text"].endswith(f"; {said}")  # evaluate's first line
    assert f"{said}; the scores are those of the other series." in result["notes"]  # --json's, the run page's
    assert "not_trained" not in Forecaster(**TINY).fit(panel_frame).evaluate(panel_frame)["scored"]  # none left out


def test_a_quantile_forecast_writes_every_column_with_float32s_digits_at_the_series_spread():
    """predict wrote a quantile model's median near its series' mean as 49.87435367 (10 digits) beside its bands'
    44.428727: every forecast column now has at most a float32's digits at the series' spread (decision 681)."""
    rng = np.random.default_rng(3)
    t = np.arange(200)
    frame = pd.DataFrame({"y": 50 + 5 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 1, 200)})
    model = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9), "epochs": 3}).fit(frame, target="y")
    forecast = model.predict(frame)
    digits = [len(np.format_float_scientific(v, unique=True).split("e")[0].replace("-", "").replace(".", ""))
              for v in forecast.to_numpy().ravel()]
    assert max(digits) <= 9, forecast
    backtest = model.backtest(frame, n_windows=3)
    values = backtest.forecasts[["y_hat", "y_q0.1", "y_q0.5", "y_q0.9", "y_mean"]].to_numpy().ravel()  # not the data's
    assert max(len(np.format_float_scientific(v, unique=True).split("e")[0].replace("-", "").replace(".", ""))
               for v in values) <= 9
    unscaled = Forecaster(**{**TINY, "scaler": "none", "epochs": 1}).fit(frame, target="y").predict(frame)
    assert all(str(np.float32(v)) == repr(v) for v in unscaled["y"].tolist())  # nothing scaled: the float32's own text


def test_predict_counts_every_series_too_short_and_says_what_it_needs():
    """A retail tester: predict's "too short: ..." named 10 of 26 stores and said nothing of the other 16."""
    frame = make_panel(n_series=12, lengths=(60, 80))
    model = Forecaster(**TINY).fit(frame, target="y")
    short = frame.groupby("unique_id").tail(5)  # fewer rows than the lookback (12) in every series
    with pytest.raises(RnncastError, match=r"too short: '.*' \(5 rows\) and 2 more; give each series its last 12 rows at "
                                           r"least, or leave the short ones out$"):
        model.predict(short)


def test_a_value_swamping_the_scores_is_said_though_some_series_lack_a_climatology(caplog):
    """Decision 1693: a climatology only some series have is NaN in the others' windows, whose squared error summed to
    NaN and gave no series a share of it: the far value's warning was never said; now it is judged without it."""
    import logging

    rng = np.random.default_rng(0)
    frames = []
    for sid, start in (("A", "2015-01-01"), ("B", "2017-01-01")):
        time = pd.date_range(start, "2017-12-31", freq="D")
        frames.append(pd.DataFrame({"date": time, "id": sid, "y": 100 + 10 * np.sin(np.arange(len(time)) / 1.1)
                                    + rng.normal(0, 2, len(time))}))
    frame = pd.concat(frames, ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 14, "horizon": 3, "epochs": 1}).fit(frame, target="y", id_col="id")
    assert np.isnan(model.state_.climatology[1]).all() and np.isfinite(model.state_.climatology[0]).all()
    frame.loc[len(frame) - 15, "y"] = 1e5
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(frame)
    assert any(r.name == "rnncast.swampedscores" and "of series 'B' holds 100000" in r.getMessage()
               for r in caplog.records)


def _monthly(n: int = 150) -> pd.DataFrame:
    """A monthly sine of season 12 with noise (seed 0)."""
    t = np.arange(n)
    return pd.DataFrame({"date": pd.date_range("2012-01-31", periods=n, freq="ME"),
                         "y": 10 + np.sin(2 * np.pi * t / 12) + 0.2 * np.random.default_rng(0).standard_normal(n)})


def test_a_season_longer_than_the_lookback_gives_the_seasonal_naive_forecasts_of_a_lookback_of_the_season():
    """A tester's weekly retail (--season 52 --lookback 16) was refused: "raise lookback to at least the season".
    The seasonal naive baseline reads the series' rows before each window (decision 1778): season 12 beside lookback 8
    gives the forecasts, the test scores and MASE's scale that lookback 24 gives, on the same target rows; the windows
    with fewer than 12 rows of the series before them are left out of every score and said."""
    frame = _monthly()
    fits = {lb: Forecaster(**{**TINY, "lookback": lb, "horizon": 3, "season": 12, "quantiles": (0.1, 0.5, 0.9)}).fit(
        frame, target="y") for lb in (24, 8)}
    every = {lb: f.part_forecasts(frame, "all").original for lb, f in fits.items()}
    long, short = every[24], every[8]
    assert short.target_rows.min() == 12 and long.target_rows.min() == 24  # a season before each, not a lookback
    same = np.isin(short.target_rows, long.target_rows)
    np.testing.assert_array_equal(short.baselines["seasonal"][same], long.baselines["seasonal"])
    y = frame["y"].to_numpy()
    h = np.arange(1, 4)
    np.testing.assert_array_equal(short.baselines["seasonal"][0, :, 0], y[12 + h - 1 - 12])
    assert np.isfinite(short.baseline_quantiles["seasonal"]).all()  # its intervals learned from rows 12 on
    test = {lb: f.evaluate(frame, part="test") for lb, f in fits.items()}
    for units in ("original", "scaled"):  # MASE's scale, every point score alike (the intervals: from more windows)
        point = lambda s: {k: v for k, v in s.items()  # noqa: E731  (the interval scores: wql, msis too, decision 2036)
                           if k not in ("pinball", "wql", "coverage_80", "msis_80", "by_level")}
        assert point(test[8][units]["seasonal"]) == point(test[24][units]["seasonal"])
    scored = fits[8].evaluate(frame, part="all")["scored"]
    assert scored["season_left_out"]["windows"] == 4 and scored["windows"] == len(short.target_rows)
    assert ("4 of the " in scored["text"] and "windows are left out: their series hold fewer than a season (12 "
            "calendar steps) before their first target, which the seasonal naive baseline reads (lookback 8)") in scored["text"]


def test_a_baselines_interval_missing_for_want_of_the_fits_training_rows_says_so(quantile_model):
    """t36t7 1 (decision 1932): evaluate on the last rows alone, without the fit's training rows, said the baselines'
    intervals need "at least 9 training windows" in intervals_left_out's reason and the notes; the cause is read
    where the windows are made: these data hold fewer of each series' training rows than the fit read."""
    data = make_frame(200)
    tail = quantile_model.evaluate(data.tail(60), part="all")["original"]
    left = tail["repeat"]["intervals_left_out"]
    assert left["unlearned"] == left["values"] > 0 and "these data lack the fit's training rows" in left["reason"]
    whole = quantile_model.evaluate(data)["original"]  # the fit's own rows: nothing left out for that cause
    assert all((block.get("intervals_left_out") or {}).get("unlearned", 0) == 0 for block in whole.values())


def test_data_with_part_of_the_fits_training_rows_give_no_baseline_interval_and_all_of_them_the_fits_own():
    """t37t1 1 (decision 1989): data holding only some of the fit's training rows learned each baseline's interval
    again from the errors of those rows, silently (a seasonal naive coverage 67% became 32% on the same windows). A
    series whose data lack some of its training rows now has no baseline interval, counted as unlearned; data holding
    every one of them, rows before the fit's first too, give the fit's own bands to the bit."""
    frame = make_frame(220)
    model = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame.iloc[20:], target="y", features=["x"])
    own = model.part_forecasts(frame.iloc[20:], "test")
    more = model.part_forecasts(frame, "test")  # 20 rows before the fit's first: none learned from
    part = model.part_forecasts(frame.tail(120), "test")  # 60 of the fit's 140 training rows
    for units in ("original", "scaled"):
        mine, earlier, fewer = (getattr(f, units) for f in (own, more, part))
        np.testing.assert_array_equal(fewer.quantiles, mine.quantiles)  # the same windows, the model alike
        assert set(fewer.baseline_quantiles) == set(mine.baseline_quantiles) == {"repeat", "mean"}
        for name, bands in mine.baseline_quantiles.items():
            assert np.isfinite(bands).all() and np.isnan(fewer.baseline_quantiles[name]).all()
            np.testing.assert_array_equal(earlier.baseline_quantiles[name], bands)
    scores = model.evaluate(frame.tail(120))["original"]
    for name in ("repeat", "mean"):
        left = scores[name]["intervals_left_out"]
        assert left["unlearned"] == left["values"] == left["of"] > 0 and np.isnan(scores[name]["pinball"])
    assert scores["model"]["pinball"] == model.evaluate(frame.iloc[20:])["original"]["model"]["pinball"]
