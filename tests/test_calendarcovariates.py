"""Calendar covariates computed from the timestamps (``calendarcovariates.py``, decision 1983): their values on known
dates (a clock change in Europe/Berlin, Good Friday 2026 in Germany, a weekend), a fit and predict that need no future
table, a saved model computing them again, and the refusals by name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast import calendarcovariates as cc
from rnncast.config import Settings


def _frame(n=24 * 40, start="2026-03-01", extra=None):
    time = pd.date_range(start, periods=n, freq="h", tz="Europe/Berlin")
    rng = np.random.default_rng(0)
    y = 10 + 3 * np.sin(2 * np.pi * time.hour / 24) - 2 * (time.day_of_week >= 5) + rng.normal(0, 0.1, n)
    frame = pd.DataFrame({"ds": time, "y": y})
    return frame.assign(**(extra or {}))


def test_names_are_read_in_any_spelling_and_kept_as_pandas_writes_them():
    assert cc.parse("hour, dayofweek,Day_Of_Year, holiday:de-by") == (
        "hour", "day_of_week", "day_of_year", "holiday:DE-BY")
    assert cc.parse(["weekend", "month"]) == ("weekend", "month")
    assert cc.columns("hour,weekend,holiday:DE") == ["hour_sin", "hour_cos", "weekend", "holiday_DE"]
    assert cc.parse(None) == () and cc.columns(None) == []
    assert Settings.from_flat({"calendar_covariates": ["hour", "weekend"]}).data.calendar_covariates == "hour,weekend"


def test_values_on_the_spring_clock_change_follow_berlin_wall_clock():
    time = pd.date_range("2026-03-29 01:00", periods=3, freq="15min", tz="Europe/Berlin").append(
        pd.DatetimeIndex([pd.Timestamp("2026-03-29 03:00", tz="Europe/Berlin")]))  # 01:00 ... 01:30, then 03:00
    got = cc.values(time, "hour")
    hours = np.array([1.0, 1.25, 1.5, 3.0])  # 02:00-02:45 do not exist that day: the wall clock jumps to 03:00
    np.testing.assert_allclose(got[:, 0], np.sin(2 * np.pi * hours / 24), atol=1e-12)
    np.testing.assert_allclose(got[:, 1], np.cos(2 * np.pi * hours / 24), atol=1e-12)


def test_good_friday_2026_is_a_german_holiday_and_the_weekend_is_flagged():
    days = pd.date_range("2026-04-02 12:00", periods=5, freq="D", tz="Europe/Berlin")  # Thu, Good Friday, Sat, Sun, Mon
    got = cc.values(days, "weekend,holiday:DE,day_of_week")
    np.testing.assert_array_equal(got[:, 0], [0, 0, 1, 1, 0])
    np.testing.assert_array_equal(got[:, 1], [0, 1, 0, 0, 1])  # Good Friday 04-03, Easter Monday 04-06
    np.testing.assert_allclose(got[2, 2:], [np.sin(2 * np.pi * 5 / 7), np.cos(2 * np.pi * 5 / 7)])  # Saturday: 5


def test_local_midnight_is_the_day_not_utc():
    late = pd.DatetimeIndex([pd.Timestamp("2026-04-02 22:30", tz="UTC")]).tz_convert("Europe/Berlin")  # 00:30 on Fri
    assert cc.values(late, "holiday:DE")[0, 0] == 1.0


def test_fit_and_predict_need_no_future_table_and_a_saved_model_computes_them_again(tmp_path):
    frame = _frame()
    model = Forecaster(lookback=24, horizon=24, hidden_size=4, epochs=1, max_batches=2, device="cpu",
                       calendar_covariates="hour,weekend").fit(frame, target="y", time_col="ds")
    assert model.future_covariates_ == ["hour_sin", "hour_cos", "weekend"]
    first = model.predict(frame)
    model.save(tmp_path / "m")
    again = Forecaster.load(tmp_path / "m")
    assert again.settings_.data.calendar_covariates == "hour,weekend"
    pd.testing.assert_frame_equal(again.predict(frame), first)
    with pytest.raises(RnncastError, match=r"are all computed from the forecast dates .* leave it out"):
        model.predict(frame, future=pd.DataFrame({"ds": [], "weekend": []}))


def test_evaluate_and_a_backtest_from_the_model_compute_them_for_their_windows():
    frame = _frame(start="2026-03-15")  # the training rows hold Good Friday and Easter Monday
    model = Forecaster(lookback=24, horizon=6, hidden_size=4, epochs=1, max_batches=2, device="cpu",
                       calendar_covariates="hour,holiday:DE").fit(frame.iloc[:-48], target="y", time_col="ds")
    assert np.isfinite(model.evaluate(frame)["original"]["model"]["mse"])
    result = model.backtest(frame, n_windows=2)
    assert len(result.forecasts) == 2 * 6


def test_a_future_table_gives_the_data_s_own_covariates_beside_the_computed_ones(caplog):
    frame = _frame(extra={"promo": np.arange(24 * 40) % 5 == 0})
    frame["promo"] = frame["promo"].astype(float)
    model = Forecaster(lookback=24, horizon=6, hidden_size=4, epochs=1, max_batches=2, device="cpu",
                       calendar_covariates="day_of_week").fit(frame, target="y", time_col="ds",
                                                              future_covariates=["promo"])
    assert model.future_covariates_ == ["promo", "day_of_week_sin", "day_of_week_cos"]
    future = pd.DataFrame({"ds": pd.date_range(frame.ds.iloc[-1], periods=7, freq="h")[1:], "promo": 0.0})
    first = model.predict(frame, future=future)
    assert len(first) == 6
    with caplog.at_level("WARNING", logger="rnncast"):  # a computed one given: ignored, and said so (decision 2041)
        pd.testing.assert_frame_equal(model.predict(frame, future=future.assign(day_of_week_sin=5.0)), first)
    assert "day_of_week_sin is computed from the forecast dates (calendar_covariates), so the values given are " \
           "ignored" in caplog.text
    with pytest.raises(RnncastError, match=r"\['promo'\]"):  # asked for by the table's columns alone
        model.predict(frame)


def test_pandas_spellings_read_as_their_feature_and_no_suggestion_names_a_different_one():
    assert cc.parse("weekday,dayofyear") == cc.parse("DayOfWeek,day_of_year") == ("day_of_week", "day_of_year")
    pandas = ["year", "month", "day", "hour", "minute", "second", "microsecond", "nanosecond", "dayofweek",
              "day_of_week", "weekday", "dayofyear", "day_of_year", "quarter", "days_in_month", "daysinmonth",
              "is_month_start", "is_month_end", "is_quarter_start", "is_quarter_end", "is_year_start", "is_year_end",
              "is_leap_year", "week", "weekofyear"]  # DatetimeIndex's fields, week and weekofyear until pandas 2
    for name in pandas:
        try:
            assert name.replace("_", "") == cc.parse(name)[0].replace("_", "") or name == "weekday"
        except RnncastError as err:
            assert "did you mean" not in str(err) and "not computed" in str(err), name
    with pytest.raises(RnncastError, match=r"'week' .* is pandas' week of the year .* not computed \(day_of_year"):
        cc.parse("week")


@pytest.mark.parametrize("value, said", [
    ("hour,moon", r"unknown calendar attribute 'moon' .*known: minute, hour, day_of_week, day, day_of_year, month, "
                  r"weekend, holiday"),
    ("holiday", r"'holiday' needs its holiday set after ':'"),
    ("hour:DE", r"'hour:DE' takes no ':'"),
    ("holiday:XX", r"'holiday:XX': unknown holidays 'XX'"),
    ("hour,hour", r"names 'hour' twice; give each"),
    ("weekday,day_of_week", r"names 'day_of_week' twice \('weekday' and 'day_of_week' are one attribute\)"),  # decision 2102
    (3, r"must be names of calendar attributes"),
])
def test_a_value_it_cannot_read_is_refused_by_name(value, said):
    with pytest.raises(RnncastError, match=said):
        Forecaster(calendar_covariates=value).fit(_frame(), target="y", time_col="ds")


def test_an_attribute_that_cannot_vary_on_the_data_s_calendar_is_refused():
    daily = pd.DataFrame({"ds": pd.date_range("2026-01-01", periods=60, freq="D"), "y": np.arange(60.0)})
    with pytest.raises(RnncastError, match=r"calendar attribute 'hour' .* cannot vary on the data's calendar: the hour "
                                           r"is the same on every row"):
        Forecaster(lookback=7, horizon=2, calendar_covariates="hour").fit(daily, target="y", time_col="ds")
    with pytest.raises(RnncastError, match=r"no row of the data falls on a holiday of DE"):
        Forecaster(lookback=7, horizon=2, calendar_covariates="holiday:DE").fit(
            daily.iloc[5:40], target="y", time_col="ds")  # 01-06 to 02-09: none in Germany's national set


@pytest.mark.parametrize(("freq", "name", "rows"), [
    ("2W-MON", "day_of_week", "its rows come every other week, on Mondays: the calendar '2W-MON'"),
    ("D", "hour", "its rows come every day: the calendar 'D'"),
])
def test_a_constant_attribute_names_the_calendar_in_words(freq, name, rows):
    """t39t6: "(a calendar of steps of 2W-MON)" showed pandas' alias alone; the rows' step is said in words beside
    it (decision 2151)."""
    frame = pd.DataFrame({"ds": pd.date_range("2015-01-05", periods=60, freq=freq), "y": np.arange(60.0)})
    with pytest.raises(RnncastError) as refused:
        Forecaster(lookback=7, horizon=2, calendar_covariates=name).fit(frame, target="y", time_col="ds")
    assert f"is the same on every row of the data ({rows}), so the network" in str(refused.value)
    assert "steps of" not in str(refused.value)


def test_a_clash_with_a_data_column_and_data_without_dates_are_refused():
    with pytest.raises(RnncastError, match=r"makes the column 'weekend', and the data holds a column of that name"):
        Forecaster(calendar_covariates="weekend").fit(_frame(extra={"weekend": 0.0}), target="y", time_col="ds")
    plain = pd.DataFrame({"y": np.arange(50.0)})
    with pytest.raises(RnncastError, match=r"computes each row's hour from its timestamp, and the data has no time "
                                           r"column of dates"):
        Forecaster(calendar_covariates="hour").fit(plain, target="y")


def test_what_is_added_is_said_with_the_clock_it_was_read_on(caplog):
    frame = _frame()
    with caplog.at_level("INFO", logger="rnncast"):
        Forecaster(lookback=24, horizon=2, hidden_size=4, epochs=1, max_batches=1, device="cpu", tz="Europe/Berlin",
                   calendar_covariates="hour").fit(frame, target="y", time_col="ds")
    assert "calendar covariates added as future covariates, read on Europe/Berlin's local clock: hour_sin, hour_cos" \
        in caplog.text


def test_described_says_how_each_column_is_computed():
    said = cc.described("hour,holiday:DE")
    assert said["hour_sin"] == "sin(2 pi x), x = h / 24, h the time of day in hours (15:45 is 15.75)"
    assert said["holiday_DE"] == "1 on a holiday of DE (the holidays package), else 0"


def test_a_frame_or_a_dict_is_refused_by_its_size_in_one_line():
    """Prophet's holidays frame given as calendar_covariates printed its rows (decision 2000)."""
    frame = pd.DataFrame({"holiday": ["a"] * 12, "ds": pd.date_range("2023-01-01", periods=12)})
    for value, shown in ((frame, "a DataFrame of 12 rows"), ({str(i): i for i in range(50)}, "a dict of 50 items")):
        with pytest.raises(RnncastError, match=shown) as err:
            cc.parse(value)
        assert "\n" not in str(err.value)
