"""The dates of a forecast's next horizon (``horizondates.py``): a forecast dated on a holiday the data skipped in
an earlier year, warned of once (no market's holidays guessed), each calendar's check reading its own series'
rows."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster


# ---- a forecast dated on a market's holiday ------------------------------------------------------

def _closes(start: str) -> pd.DataFrame:
    days = pd.bdate_range(start, "2023-12-22")
    return pd.DataFrame({"Date": days, "Close": 100 + np.cumsum(np.random.default_rng(0).normal(0, 1, len(days)))})


def test_a_forecast_on_a_holiday_of_a_market_the_model_was_not_fitted_with_is_not_warned_of(caplog):
    """An ASX model's forecast on US Thanksgiving was warned "is a holiday of NYSE and XNAS ... fit with
    --holidays NYSE", fitted with --holidays ASX or without: the warning names no market it was not given."""
    from rnncast import holidaysets

    days = pd.bdate_range("2024-09-03", "2024-11-26")
    days = days[~np.isin(days.values.astype("datetime64[D]"), holidaysets.weekday_holidays("ASX", 2024, 2024))]
    frame = pd.DataFrame({"Date": days, "Close": np.sin(np.arange(len(days)) / 5.0)})
    for holidays in ("ASX", None):
        model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4, "holidays": holidays}).fit(frame, target="Close")
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            forecast = model.predict(frame)
        assert "2024-11-28" in forecast.index.strftime("%Y-%m-%d")
        assert "holiday" not in caplog.text and "NYSE" not in caplog.text, caplog.text
    autumn = _closes("2023-10-02")  # no LSE holiday in the rows: plain 'B', Christmas ahead, no market guessed
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4}).fit(autumn, target="Close")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert str(model.predict(autumn).index[0].date()) == "2023-12-25"
    assert "is a holiday of" not in caplog.text


def test_predict_is_quiet_where_the_rows_trade_on_the_markets_holidays(caplog):
    frame = _closes("2022-12-01")  # a row on every weekday: no market whose holidays the data keeps
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 4}).fit(frame, target="Close")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
    assert not any("is a holiday of" in r.getMessage() for r in caplog.records)


def test_a_holiday_skipped_is_read_from_the_series_own_rows(caplog):
    """A business-day store from 2023 beside a weekly store from 2022: predict warned "forecast date 2023-10-09 is
    Sports Day (JPX), a day the data has no row on in earlier years (2022-10-10, 2023-10-09)" from the weekly
    store's dates; the business-day store alone gave no warning. Each calendar's check reads only its own series'
    rows (decision 575)."""
    a, b = pd.bdate_range("2023-01-02", periods=200), pd.date_range("2022-06-05", periods=100, freq="W-SUN")
    data = pd.concat([pd.DataFrame({"id": "a", "date": a, "y": np.sin(np.arange(200) / 3)}),
                      pd.DataFrame({"id": "b", "date": b, "y": np.cos(np.arange(100) / 3)})], ignore_index=True)
    model = Forecaster(**TINY).fit(data, target="y", time_col="date", id_col="id")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(data)
    assert sorted(set(forecast["id"])) == ["a", "b"]
    assert "Sports Day" not in caplog.text and "earlier years" not in caplog.text, caplog.text


def test_weekly_closes_whose_holiday_fridays_are_absent_are_warned_of_at_fit_and_predict(caplog):
    """NYSE 'W-FRI' closes with the weeks whose Friday is an NYSE holiday simply absent: fit said "11 rows are missing
    from the 'W-FRI' calendar" without naming them holidays, and predict forecast Good Friday 2025-04-18 silently,
    though every earlier Good Friday has no row. Fit says they are NYSE holidays; predict names Good Friday."""
    from rnncast import holidaysets

    fridays = pd.date_range("2018-01-05", "2025-04-11", freq="W-FRI")
    fridays = fridays[~np.isin(fridays.values.astype("datetime64[D]"), holidaysets.weekday_holidays("NYSE", 2018, 2025))]
    frame = pd.DataFrame({"date": fridays, "close": np.sin(np.arange(len(fridays)) / 5.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**dict(TINY, horizon=3)).fit(frame, target="close")
    assert "11 rows are missing from the 'W-FRI' calendar (first: 2018-03-30, 2019-04-19, 2020-04-10); all 11 " \
        "missing rows are on NYSE holidays" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
    assert "forecast date 2025-04-18 is Good Friday (NYSE), a day the data has no row on in earlier years " \
        "(2022-04-15, 2023-04-07, 2024-03-29), but the calendar 'W-FRI' skips no holidays" in caplog.text
    # its weeks are absent, not dated on Thursday: holidays= is no remedy (its weeks would be dated the day before)
    assert caplog.text.rstrip().endswith("the data has no row at all in those weeks, none moved to another day, so "
                                         "expect no value on that day") and "holidays=" not in caplog.text


def test_a_forecast_on_easter_monday_of_a_model_fitted_with_holidays_gb_is_warned_of(caplog):
    """GB's set lacks Easter Monday, which England keeps: a model fitted with --holidays GB on a London series of
    January to March forecast 2024-04-01 without a word; predict names it, GB-ENG and LSE (decision 1984)."""
    from rnncast import holidaysets

    days = pd.date_range("2024-01-02", "2024-03-26", freq=holidaysets.offset("GB-ENG"))
    frame = pd.DataFrame({"Date": days, "Close": np.sin(np.arange(len(days)) / 5.0)})
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 5, "holidays": "GB"}).fit(frame, target="Close")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    assert "2024-04-01" in forecast.index.strftime("%Y-%m-%d")
    said = [r.getMessage() for r in caplog.records if "the forecast falls on" in r.getMessage()]
    assert len(said) == 1 and "2024-04-01 (Easter Monday), a holiday GB-ENG and GB-WLS keep that GB lacks" in said[0]
    assert "refit with holidays='GB-ENG' (--holidays GB-ENG or GB-WLS), or holidays='LSE'" in said[0]


def test_a_bavarian_warehouse_is_warned_of_epiphany_beside_one_that_works_on_it(caplog):
    """--holidays DE on warehouses in Bavaria and North Rhine-Westphalia: the rows were pooled, so the NRW
    warehouse's row on Epiphany 2023 ruled DE-BY out for the Bavarian one too and its forecast on 2025-01-06 went
    unwarned, as it is warned alone (a tester's find). Each series' own rows now decide, the series named (decision
    2109)."""
    from rnncast import holidaysets

    frames = [pd.DataFrame({"site": name, "date": (days := pd.date_range("2022-12-01", "2025-01-03",
                                                                         freq=holidaysets.offset(name))),
                            "y": 50 + 5 * np.sin(np.arange(len(days)) / 3.0) + i})
              for i, name in enumerate(("DE-BY", "DE-NW"))]
    frame = pd.concat(frames, ignore_index=True)
    model = Forecaster(**{**TINY, "lookback": 8, "holidays": "DE"}).fit(frame, target="y", id_col="site")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    assert (forecast["date"] == "2025-01-06").sum() == 2  # DE's days: Epiphany is no holiday of the set given
    said = [r.getMessage() for r in caplog.records if "the forecast falls on" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("series 'DE-BY': the forecast falls on 2025-01-06 (Epiphany), a "
                                                 "holiday DE-BW and DE-BY keep that DE lacks"), said
    assert "leave it unset for each series to keep its own set" in said[0]


def test_one_states_series_of_different_last_dates_share_one_line(caplog):
    """Two Bavarian warehouses ending in October and December meet All Saints' Day and Epiphany: grouped by the words,
    each got its own line (r39r1 M3); grouped by the subdivision advised, one line names both days and the
    subdivisions both leave possible (decision 2137)."""
    from rnncast import holidaysets

    frames = [pd.DataFrame({"site": site, "date": (days := pd.date_range("2022-12-01", end,
                                                                         freq=holidaysets.offset(state))),
                            "y": 50 + 5 * np.sin(np.arange(len(days)) / 3.0) + i})
              for i, (site, state, end) in enumerate((("BY-oct", "DE-BY", "2024-10-25"),
                                                      ("BY-dec", "DE-BY", "2024-12-20"),
                                                      ("NW-dec", "DE-NW", "2024-12-20")))]
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 12, "holidays": "DE"}).fit(
        pd.concat(frames, ignore_index=True), target="y", id_col="site")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(pd.concat(frames, ignore_index=True))
    said = [r.getMessage() for r in caplog.records if "the forecast falls on" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith(
        "series 'BY-dec' and 'BY-oct': the forecast falls on 2024-11-01 (All Saints' Day), 2025-01-06 (Epiphany), "
        "holidays DE-BW and DE-BY keep that DE lacks"), said
    assert "refit with holidays='DE-BW' (--holidays DE-BW or DE-BY) to skip them" in said[0]
