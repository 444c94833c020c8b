"""A fitted model's reader and new data's times (``modeltimes.py``): a time column where the fit had none, times of
another kind than the fit's, refused in words that fit predict, which takes no ``freq``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError


def test_times_of_another_kind_than_the_fit_s_are_refused_saying_what_the_model_was_fitted_on():
    """predict of a model fitted on dates, given integer periods (or the other way), was told to give freq=, which
    predict does not take; a model fitted without time read a date column and forecast rows 40-41 without a word
    (a tester's findings, decision 555)."""
    t = np.arange(120)
    y = np.sin(t / 3.0)
    ints, dates = pd.DataFrame({"step": t, "y": y}), pd.DataFrame({"date": pd.date_range("2024-01-01", periods=120), "y": y})
    by_steps = Forecaster(**TINY).fit(ints, target="y", time_col="step")
    with pytest.raises(RnncastError, match=r"^the model was fitted on integer periods \(step 1\), and time column 'step' "
                                           r"holds dates: give data whose times are integer periods, as at fit, or refit"):
        by_steps.predict(dates.rename(columns={"date": "step"}))
    by_dates = Forecaster(**TINY).fit(dates, target="y")
    with pytest.raises(RnncastError, match=r"^the model was fitted on dates \(calendar 'D'\), and time column 'date' holds "
                                           r"integers: give data whose times are dates, as at fit"):
        by_dates.predict(ints.rename(columns={"step": "date"}))
    with pytest.raises(RnncastError, match=r"^freq \(--freq\) 1 is an integer step, but time column 'date' holds dates; "
                                           r"give a calendar"):
        Forecaster(**dict(TINY, freq=1)).fit(dates, target="y")
    numbered = Forecaster(**TINY).fit(pd.DataFrame({"y": y}), target="y")
    for method in (numbered.predict, numbered.evaluate):
        with pytest.raises(RnncastError, match=r"^the model was fitted on rows without a time column \(it forecasts "
                                               r"numbered rows\), and this data has time column 'date': drop that column"):
            method(dates.tail(40))


def test_periods_given_to_a_model_fitted_on_dates_are_read_as_their_days():
    """A Parquet file's Period column of the fit's days crashed predict ("Cannot convert Period to Timestamp") and
    evaluate ('PeriodIndex' object has no attribute 'unit') of a model fitted on dates (a tester's finding, 563)."""
    dates = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=120), "y": np.sin(np.arange(120) / 3.0)})
    model = Forecaster(**TINY).fit(dates, target="y")
    periods = dates.assign(date=dates["date"].dt.to_period("D"))
    pd.testing.assert_frame_equal(model.predict(periods), model.predict(dates))
    assert model.evaluate(periods)["windows"] == model.evaluate(dates)["windows"]


def test_data_read_in_utc_for_a_model_fitted_at_one_offset_is_said_with_the_refit_that_keeps_the_clock(tmp_path, caplog):
    """A helper's find: a model fitted on summer loads written at +02:00 forecast autumn's data (written +02:00, then
    +01:00, so read in UTC) in UTC, without a word."""
    import logging

    summer = pd.date_range("2024-09-20", "2024-10-20 23:00", freq="h", tz="Europe/Berlin")
    later = pd.date_range("2024-09-20", "2024-10-29 23:00", freq="h", tz="Europe/Berlin")
    def table(times):
        return pd.DataFrame({"time": [t.isoformat() for t in times], "load": np.sin(np.arange(len(times)) / 4)})
    table(summer).to_csv(tmp_path / "summer.csv", index=False)
    table(later).to_csv(tmp_path / "later.csv", index=False)
    model = Forecaster(**{**TINY, "lookback": 24, "horizon": 3}).fit(str(tmp_path / "summer.csv"), target="load")
    assert model.calendar_.tz == "UTC+02:00"
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(str(tmp_path / "summer.csv"))
    assert "read in UTC" not in caplog.text and str(forecast.index.tz) == "UTC+02:00"
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(str(tmp_path / "later.csv"))
    assert "time column 'time' is read in UTC (its times carry several UTC offsets, or UTC's), while the model was " \
           "fitted on times all at UTC+02:00: forecasts are dated in UTC (+00:00); to date them on the clock the data " \
           "was written on, refit with the zone they were written in (rnncast fit DATA --tz ZONE" in caplog.text
    assert str(forecast.index.tz) == "UTC"


def test_a_model_fitted_on_a_zoned_index_reads_the_same_instants_in_another_zone_on_its_own_clock():
    """A finance tester's Tokyo model (fitted on an Asia/Tokyo index, without tz=) given the same closes in UTC
    refused them: "timestamp 2021-01-11 15:00:00+00:00 ... is one of the JPX holidays" (12 January in Tokyo, a trading
    day). The instants are placed on the model's clock, as a model given tz= at fit reads them."""
    import numpy as np
    import pandas as pd

    from conftest import TINY
    from rnncast import Forecaster
    from rnncast.holidaysets import weekday_holidays

    days = pd.bdate_range("2022-01-03", "2023-12-29")
    days = days[~days.isin(pd.DatetimeIndex(weekday_holidays("JPX", 2022, 2023)))]
    frame = pd.DataFrame({"y": np.sin(np.arange(len(days)) / 5.0)}, index=days.tz_localize("Asia/Tokyo").rename("ds"))
    model = Forecaster(**TINY).fit(frame, target="y")
    assert model.calendar_.shown == "'B' without JPX holidays"
    in_utc = model.predict(frame.tz_convert("UTC"))
    assert in_utc.index.equals(model.predict(frame).index) and str(in_utc.index.tz) == "Asia/Tokyo"


def test_a_raw_utc_feed_of_the_closes_a_zoned_model_was_fitted_on_is_told_the_line_that_converts_it():
    """A model fitted on New York closes dated by their day (tz='America/New_York') was given the vendor's naive UTC
    feed (21:00 or 20:00): refused "refit on this data (--freq ALIAS)", a refit refused in turn (t22t6)."""
    days = pd.bdate_range("2022-01-03", periods=300)
    closes = (days + pd.Timedelta(hours=16)).tz_localize("America/New_York")
    values = 100 + np.cumsum(np.random.default_rng(0).normal(size=300))
    dated = pd.DataFrame({"ds": closes.normalize(), "close": values})
    model = Forecaster(**{**TINY, "epochs": 1, "tz": "America/New_York"}).fit(dated, target="close")
    feed = pd.DataFrame({"ds": closes.tz_convert("UTC").tz_localize(None).strftime("%Y-%m-%d %H:%M:%S"), "close": values})
    with pytest.raises(RnncastError, match=r"read as UTC times they keep 16:00 on America/New_York's clock, the model's: "
                                           r"convert them to it first, each dated by its day, as its data were, e\.g\. "
                                           r"with pandas: df\['ds'\] = pd\.to_datetime\(df\['ds'\], utc=True\)\.dt\.tz_convert"
                                           r"\('America/New_York'\)\.dt\.normalize\(\)$"):
        model.predict(feed)
    feed["ds"] = pd.to_datetime(feed["ds"], utc=True).dt.tz_convert("America/New_York").dt.normalize()  # as said
    assert len(model.predict(feed)) == TINY["horizon"]


def test_naive_data_for_a_model_fitted_at_one_offset_is_refused_saying_why_naive_future_times_are_read(tmp_path):
    """A tester's find: a model fitted at +02:00 read a naive --future file at +02:00, but refused evaluate's naive
    data with no word of why the two differ: the future file's offset is the data's beside it, the data's would be
    the fit's, which Berlin's clock leaves in late October."""
    summer = pd.date_range("2024-09-20", "2024-10-20 23:00", freq="h", tz="Europe/Berlin")
    frame = pd.DataFrame({"time": [t.isoformat() for t in summer], "load": np.sin(np.arange(len(summer)) / 4)})
    model = Forecaster(**{**TINY, "lookback": 24, "horizon": 3}).fit(frame, target="load")
    naive = frame.assign(time=[t.strftime("%Y-%m-%d %H:%M:%S") for t in summer])
    for call in (model.evaluate, model.predict):
        with pytest.raises(RnncastError, match=r"^time column 'time' holds times without a zone \(2024-09-20 00:00:00\), "
                                               r"but the model was fitted on times in zone UTC\+02:00: future values' "
                                               r"naive times \(future=, --future\) are read at the offset the data "
                                               r"beside them carries; these have none beside them but the fit's "
                                               r"\+02:00, which a zone's clock may have left since .*; give the times "
                                               r"with their zone or UTC offset"):
            call(naive)
