"""Business days without a holiday set (``businessdays.py``): the set given by name or found from the
weekdays missing from business-day data, forecasts dated on it (a holiday skipped, the year's end, years
ahead), the name kept in model.json, future covariates matched on it, and data that contradicts it refused."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast import businessdays, holidaysets, sessions
from rnncast.loading import load_panel
from rnncast.timecalendar import Calendar

H = 4


def _prices(start="2022-01-03", end="2024-07-03", holidays="NYSE", seed=0) -> pd.DataFrame:
    days = pd.date_range(start, end, freq=holidaysets.offset(holidays) if holidays else "B")
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"Date": days, "Close": 100 + np.cumsum(rng.normal(0, 1, len(days)))})


def _fit(frame, **settings) -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 8, "horizon": H, "epochs": 1, **settings}).fit(frame, target="Close")


def _dates(forecast: pd.DataFrame) -> list[str]:
    return [str(d.date()) for d in forecast.index]


# ---- names ---------------------------------------------------------------------------------------

def test_an_unknown_name_is_refused_in_one_line_with_the_closest_one():
    with pytest.raises(RnncastError, match=r"unknown holidays 'NYS' \(did you mean 'NYSE'\?\); give a market") as err:
        holidaysets.canonical("NYS")
    assert "\n" not in str(err.value) and "country code" in str(err.value)
    with pytest.raises(RnncastError, match=r"US has no subdivision 'XX'.*its subdivisions: US-AK"):
        holidaysets.canonical("US-XX")
    with pytest.raises(RnncastError, match=r"unknown holidays 'NYS' \(did you mean 'NYSE'\?\)"):
        _fit(_prices(), holidays="NYS")  # refused with the settings, before the data is read
    with pytest.raises(RnncastError, match=r"holidays='NYSE' are skipped by business days, but freq='D'"):
        _fit(_prices(), holidays="NYSE", freq="D")


# ---- inference -----------------------------------------------------------------------------------

def test_the_set_whose_holidays_are_the_missing_weekdays_is_found():
    for name in ("NYSE", "DE", "US"):
        time = pd.DatetimeIndex(_prices("2014-01-02", "2023-12-29", holidays=name)["Date"])
        found = businessdays.explain(time, np.array([0, len(time)]))
        assert found is not None and found.name == name
        assert found.missing == len(holidaysets.weekday_holidays(name, 2014, 2023)) - 1  # 2014-01-01 before the start


def test_random_gaps_in_business_days_are_no_holiday_set():
    days = pd.bdate_range("2019-01-01", "2023-12-29")
    rng = np.random.default_rng(3)
    time = days.delete(rng.choice(len(days), 15, replace=False))
    assert businessdays.explain(time, np.array([0, len(time)])) is None
    nyse = pd.DatetimeIndex(_prices("2019-01-02", "2023-12-29")["Date"])
    with_row = nyse.insert(nyse.searchsorted(pd.Timestamp("2023-07-04")), pd.Timestamp("2023-07-04"))
    assert businessdays.explain(with_row, np.array([0, len(with_row)])) is None  # a row on one of its holidays
    extra = nyse.delete(100)  # one missing weekday that is no holiday
    assert businessdays.explain(extra, np.array([0, len(extra)])) is None


def test_random_gaps_warn_with_the_holidays_hint_first(caplog):
    days = pd.bdate_range("2022-01-03", "2022-12-30")
    time = days.delete([20, 50, 90])
    frame = pd.DataFrame({"Date": time, "Close": np.arange(len(time), dtype=float)})
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="Close")
    assert panel.calendar.freq_text == "B" and panel.calendar.holidays is None
    warning = next(r.getMessage() for r in caplog.records if "missing from" in r.getMessage())
    assert "3 rows are missing from the 'B' calendar" in warning
    assert warning.index("--holidays NAME") < warning.index("--fill-gaps") and "inserts true gaps" in warning


def test_inference_on_ten_years_is_cheap():
    import time as clock

    time = pd.DatetimeIndex(_prices("2014-01-02", "2023-12-29")["Date"])
    businessdays.explain(time, np.array([0, len(time)]))  # the first call builds the candidates' tables
    start = clock.perf_counter()
    assert businessdays.explain(time, np.array([0, len(time)])).name == "NYSE"
    assert clock.perf_counter() - start < 0.05


# ---- fit, predict, the saved model ---------------------------------------------------------------

def test_fit_finds_nyse_says_so_without_a_gap_warning_and_forecasts_skip_july_4(caplog):
    with caplog.at_level(logging.INFO, logger="rnncast"):
        model = _fit(_prices())
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("calendar: business days without NYSE holidays (") and "missing weekdays are NYSE "
               "holidays" in m for m in said)
    assert not any("missing from" in m for m in said)
    assert model.calendar_.holidays == "NYSE" and model.calendar_.shown == "'B' without NYSE holidays"
    assert _dates(model.predict(_prices())) == ["2024-07-05", "2024-07-08", "2024-07-09", "2024-07-10"]


def test_given_holidays_date_the_forecast_and_round_trip_through_model_json(tmp_path):
    frame = _prices(end="2024-12-20", holidays="US")
    model = _fit(frame, holidays="us")
    assert model.calendar_.holidays == "US"
    assert _dates(model.predict(frame)) == ["2024-12-23", "2024-12-24", "2024-12-26", "2024-12-27"]
    late = _prices(end="2024-12-31", holidays="US")
    assert _dates(model.predict(late)) == ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07"]
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["calendar"]["holidays"] == "US" and meta["calendar"]["freq"] == "C"
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.calendar_ == model.calendar_
    pd.testing.assert_frame_equal(loaded.predict(late), model.predict(late))


def test_a_horizon_of_years_skips_each_years_holidays():
    calendar = Calendar.from_state({"kind": "datetime", "freq": "C", "holidays": "NYSE", "name": "Date"})
    dates = calendar.next(pd.Timestamp("2024-07-03"), 800)  # beyond 2027
    assert dates[-1].year >= 2027
    days = dates.to_numpy().astype("datetime64[D]")
    assert not np.isin(days, holidaysets.weekday_holidays("NYSE", 2024, 2028)).any()
    assert pd.Timestamp("2027-07-05") not in dates and pd.Timestamp("2027-07-06") in dates  # July 4th observed


def test_new_data_with_a_row_on_a_holiday_is_refused_by_name():
    model = _fit(_prices())
    frame = _prices()
    frame = pd.concat([frame, pd.DataFrame({"Date": [pd.Timestamp("2024-07-04")], "Close": [100.0]})],
                      ignore_index=True)
    with pytest.raises(RnncastError, match=r"timestamp 2024-07-04 \(row \d+\) is one of the NYSE holidays "
                                           r"\(Independence Day\).*the model was fitted on that calendar"):
        model.predict(frame)


def test_future_covariates_are_matched_on_the_holiday_calendar():
    frame = _prices().assign(promo=lambda f: (np.arange(len(f)) % 5 == 0).astype(float))
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": H, "epochs": 1}).fit(
        frame, target="Close", future_covariates=["promo"])
    assert model.calendar_.holidays == "NYSE"
    dates = pd.to_datetime(["2024-07-05", "2024-07-08", "2024-07-09", "2024-07-10"])
    future = pd.DataFrame({"Date": dates[::-1], "promo": [1.0, 0.0, 0.0, 0.0]})
    assert _dates(model.predict(frame, future=future)) == [str(d.date()) for d in dates]
    on_holiday = pd.DataFrame({"Date": pd.to_datetime(["2024-07-04", "2024-07-05", "2024-07-08", "2024-07-09"]),
                               "promo": [0.0] * 4})
    with pytest.raises(RnncastError, match="2024-07-10"):
        model.predict(frame, future=on_holiday)  # dated on plain business days: July 10th has no value


# ---- sets that explain the data alike: the forecast years decide (decision 130) ------------------

def test_sets_that_explain_the_data_alike_but_differ_after_it_are_refused_naming_both_and_the_day():
    time = pd.DatetimeIndex(_prices("2022-03-01", "2024-12-20", holidays="ECB")["Date"])  # TARGET days
    with pytest.raises(RnncastError, match=r"holidays of XETR, .*ECB \(TARGET, TARGET2\) alike, but their calendars "
                                           r"differ after the data: 2024-12-24 is a holiday of XETR \(Christmas Eve\), "
                                           r"not of .*ECB.*--holidays XETR, .*ECB\).*freq='B'") as err:
        businessdays.explain(time, np.array([0, len(time)]))
    assert "\n" not in str(err.value)


def test_target_names_the_ecb_set_and_its_forecast_keeps_christmas_eve():
    assert holidaysets.canonical("TARGET") == "ECB" and holidaysets.canonical("target2") == "ECB"
    frame = _prices("2022-03-01", "2024-12-20", holidays="ECB")
    model = _fit(frame, holidays="TARGET")
    assert model.calendar_.holidays == "ECB"
    assert _dates(model.predict(frame)) == ["2024-12-23", "2024-12-24", "2024-12-27", "2024-12-30"]


def test_sets_that_agree_after_the_data_too_keep_the_preferred_and_name_the_others():
    time = pd.DatetimeIndex(_prices("2023-01-03", "2024-07-03")["Date"])
    found = businessdays.explain(time, np.array([0, len(time)]))
    assert found.name == "NYSE" and found.alike == ("XNAS",) and found.through == 2034
    assert "so are XNAS's, which agrees with it through 2034" in str(found)


# ---- where the found set is kept (decision 131) ---------------------------------------------------

def test_the_found_set_is_warned_of_kept_among_a_runs_notes_and_its_settings_say_it_was_found(tmp_path, caplog):
    import html

    from rnncast import noticed
    from rnncast.report import write_run

    frame = _prices("2023-01-03", "2024-07-03")
    with caplog.at_level(logging.WARNING, logger="rnncast"):  # a notebook's level: a guessed holiday set is shown
        model = _fit(frame)
    found = [r for r in caplog.records if r.getMessage().startswith("calendar: business days without NYSE")]
    assert found and found[0].levelno == logging.WARNING and noticed.kept(found[0])
    assert model.settings_.data.holidays is None  # the user's setting, as given: reproducing finds it again
    write_run(tmp_path / "run", model, frame)
    page = html.unescape((tmp_path / "run" / "report.html").read_text())
    assert "None (NYSE found from the data)" in page


def test_future_rows_on_the_models_holidays_are_counted_apart_from_those_outside(caplog):
    frame = _prices("2023-01-03", "2024-06-28").assign(promo=lambda f: (np.arange(len(f)) % 5 == 0).astype(float))
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": H, "epochs": 1}).fit(
        frame, target="Close", future_covariates=["promo"])
    days = pd.bdate_range("2024-07-01", "2024-07-12")  # plain weekdays: July 4th among them, 3 days past the horizon
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame, future=pd.DataFrame({"Date": days, "promo": 0.0}))
    said = caplog.text
    assert ("1 row on NYSE holidays (first: 2024-07-04), which the calendar of business days without NYSE "
            "holidays skips") in said
    assert "hold 5 rows outside the 4 forecast steps" in said


# ---- another week --------------------------------------------------------------------------------

SUN_THU = "Sun Mon Tue Wed Thu"


def _sun_thu(holidays="IL", start="2019-01-06", end="2022-06-30") -> pd.DataFrame:
    days = pd.date_range(start, end, freq=holidaysets.offset(holidays, SUN_THU) if holidays else
                         pd.offsets.CustomBusinessDay(weekmask=SUN_THU))
    rng = np.random.default_rng(0)
    return pd.DataFrame({"Date": days, "Close": 100 + np.cumsum(rng.normal(0, 1, len(days)))})


def test_the_holidays_of_a_sunday_to_thursday_market_are_found_on_its_week(caplog):
    for name in ("IL", "XSAU"):
        frame = _sun_thu(name)
        with caplog.at_level(logging.INFO, logger="rnncast"):
            panel = load_panel(frame, target="Close")
        assert panel.calendar.holidays == name and panel.calendar.weekmask == SUN_THU
        assert panel.calendar.shown == f"'{SUN_THU}' without {name} holidays"
        assert f"business days {SUN_THU} without {name} holidays (" in caplog.text
        assert "missing from" not in caplog.text
        caplog.clear()


def test_a_named_week_and_set_are_one_calendar_and_a_row_on_a_holiday_is_refused():
    frame = _sun_thu("IL")
    panel = load_panel(frame, target="Close", freq="sun mon tue wed thu", holidays="il")
    assert panel.calendar.holidays == "IL" and panel.calendar.weekmask == SUN_THU
    with pytest.raises(RnncastError, match=r"one of the NYSE holidays .* business days Sun Mon Tue Wed Thu without NYSE"):
        load_panel(_sun_thu(None), target="Close", freq=SUN_THU, holidays="NYSE")


def test_a_sunday_to_thursday_model_forecasts_its_days_and_rebuilds_its_calendar(tmp_path):
    frame = _sun_thu("IL", end="2020-06-30")
    model = _fit(frame)
    assert _dates(model.predict(frame)) == ["2020-07-01", "2020-07-02", "2020-07-05", "2020-07-06"]  # Wed Thu Sun Mon
    model.save(tmp_path / "m")
    kept = json.loads((tmp_path / "m" / "model.json").read_text())["calendar"]
    assert kept["freq"] == SUN_THU and kept["holidays"] == "IL"
    assert Forecaster.load(tmp_path / "m").calendar_ == model.calendar_
    assert Calendar.from_state(kept).freq == holidaysets.offset("IL", SUN_THU)


def test_a_freq_that_is_a_bad_week_mask_is_refused_with_the_settings():
    with pytest.raises(RnncastError, match=r"'Thur' is no weekday \(did you mean 'Thu'\?\)"):
        _fit(_sun_thu(None), freq="Sun Mon Tue Wed Thur")
    with pytest.raises(RnncastError, match=r"not a calendar; .* a week mask of business days such as 'Sun Mon Tue Wed Thu'"):
        _fit(_sun_thu(None), freq="Sun-Thu")


# ---- a session across midnight (decision 156) -----------------------------------------------------

def _fx_bars(start="2024-12-01 22:00", end="2025-01-10 21:00") -> pd.DatetimeIndex:
    """Hourly FX bars, Sunday 22:00 to Friday 21:00: each session opens at 22:00 and ends at 21:00 the next day."""
    hours = pd.date_range(start, end, freq="h")
    day, hour = hours.day_of_week, hours.hour
    return hours[(day < 4) | ((day == 4) & (hour < 22)) | ((day == 6) & (hour >= 22))]


def test_a_row_on_a_holiday_of_a_session_across_midnight_is_named_by_its_own_timestamp():
    session = sessions.parse(f"h 22:00-21:00 {SUN_THU}")
    time = _fx_bars()
    with pytest.raises(RnncastError, match=r"^timestamp 2024-12-25 22:00:00 \(row 432\) is one of the NYSE holidays "
                                           r"\(Christmas Day\), which the calendar of the sessions of 'h 22:00-21:00 "
                                           r"Sun Mon Tue Wed Thu' without NYSE holidays skips \(and 71 more rows"):
        businessdays.given(time, "NYSE", lambda i: f"row {i}", None, SUN_THU, session)
    at_one = time[time != pd.Timestamp("2024-12-25 22:00")]  # 01:00 on the 26th: the session of the 25th
    with pytest.raises(RnncastError, match=r"^timestamp 2024-12-25 23:00:00 .*\(Christmas Day\)"):
        businessdays.given(at_one, "NYSE", lambda i: f"row {i}", None, SUN_THU, session)


def test_load_panel_names_the_row_of_a_session_across_midnight_by_its_own_timestamp():
    with pytest.raises(RnncastError, match=r"^timestamp 2024-12-25 22:00:00 \(.*\) is one of the NYSE holidays"):
        load_panel(pd.DataFrame({"date": _fx_bars(), "Close": 1.0}), target="Close",
                   freq=f"h 22:00-21:00 {SUN_THU}", holidays="NYSE")


# ---- forecasts on a holiday the data skipped before, the calendar skipping none -------------------

def test_a_forecast_on_a_holiday_the_data_skipped_in_earlier_years_is_warned_of(caplog):
    """Data skipping only some NYSE holidays (Good Friday, Christmas, New Year; rows on Thanksgiving) is plain business
    days with missing rows, no holiday set; its forecast fell on Christmas 2024 without a word (a tester's finding,
    decision 551). Christmas Day (observed) on 2022-12-26 counts as Christmas Day."""
    days = pd.bdate_range("2022-01-03", "2024-12-20")
    skipped = pd.to_datetime(["2022-04-15", "2022-12-26", "2023-01-02", "2023-04-07", "2023-12-25", "2024-01-01"])
    rows = days[~days.isin(skipped)]
    offsets = np.array([0, len(rows)])
    said = businessdays.skipped_ahead(pd.bdate_range("2024-12-23", periods=5), rows, offsets)
    assert said.startswith("forecast date 2024-12-25 is Christmas Day (NYSE), a day the data has no row on in earlier "
                           "years (2022-12-26, 2023-12-25), but the calendar of business days skips no holidays")
    assert businessdays.skipped_ahead(pd.bdate_range("2024-11-25", periods=5), rows, offsets) is None  # Thanksgiving: traded
    assert businessdays.skipped_ahead(pd.bdate_range("2024-12-23", periods=5), days, offsets) is None  # nothing skipped
    frame = pd.DataFrame({"date": rows, "y": np.sin(np.arange(len(rows)) / 5.0)})
    model = Forecaster(**dict(TINY, horizon=5)).fit(frame, target="y")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
    assert any(r.getMessage().startswith("forecast date 2024-12-25 is Christmas Day (NYSE)") for r in caplog.records)


def test_a_holiday_skipped_before_is_named_by_the_market_whose_holidays_the_data_skipped():
    """ASX days that also skipped a few of the market's holidays: Christmas was named "(NYSE)", the first market
    tried; the market whose holidays are most of the days skipped names it (decision 940)."""
    days = pd.bdate_range("2023-01-02", "2024-12-20")
    skipped = pd.to_datetime(["2023-01-26", "2023-12-25", "2023-12-26", "2024-01-26"])  # Australia Day, Christmas
    rows = days[~days.isin(skipped)]
    said = businessdays.skipped_ahead(pd.bdate_range("2024-12-23", periods=5), rows, np.array([0, len(rows)]))
    assert said.startswith("forecast dates 2024-12-25 (Christmas Day) and 2024-12-26 (Boxing Day) are ASX holidays, "
                           "days the data has no row on in earlier years (2023-12-25; 2023-12-26)"), said


def test_holidays_skipped_before_are_named_by_a_market_tried_first_or_not_and_by_name_not_date():
    """KRX days with a row on Chuseok 2024 (no set explains them): 2025-01-01 was warned of as "New Year's Day
    (HKEX)", the set of the ten tried first naming most, and 2024-12-31, KRX's End of Year Holiday (skipped on
    2021-12-31, 2022-12-30, 2023-12-29), not at all. Every set inference tries is ranked, and each forecast date
    that is a holiday of the data's set, by name, is said."""
    import holidays as hol

    off = hol.financial_holidays("XKRX", years=range(2021, 2026))
    days = pd.bdate_range("2021-01-04", "2024-12-27")
    rows = days[~days.isin(pd.to_datetime(list(off))) | (days == "2024-09-17")]
    said = businessdays.skipped_ahead(pd.bdate_range("2024-12-30", periods=3), rows, np.array([0, len(rows)]))
    assert said.startswith("forecast dates 2024-12-31 (End of Year Holiday) and 2025-01-01 (New Year's Day) are KRX "
                           "holidays, days the data has no row on in earlier years (2021-12-31, 2022-12-30, "
                           "2023-12-29; 2024-01-01)"), said
    assert "HKEX" not in said and "expect no value on those days" in said


def test_one_missing_weekday_is_counted_as_one():
    time = pd.DatetimeIndex(pd.date_range("2024-07-01", "2024-08-30", freq=holidaysets.offset("LSE")))
    assert "(the missing weekday is one of the LSE holidays;" in str(businessdays.explain(time, np.array([0, len(time)])))
    time = pd.DatetimeIndex(pd.date_range("2024-01-15", "2024-03-20", freq=holidaysets.offset("NYSE")))
    with pytest.raises(RnncastError, match=r"^the 1 weekday missing from business days is a holiday of NYSE, "):
        businessdays.explain(time, np.array([0, len(time)]))


# ---- a trading session's bars keep a market's days -----------------------------------------------

TOKYO = "30min 09:00-11:00 12:30-14:30"


def _tokyo(days) -> pd.DataFrame:
    bars = sessions.grid(sessions.parse(TOKYO).on(pd.offsets.CustomBusinessDay(holidays=[])), days[0], days[-1] +
                         pd.Timedelta("23h"))
    bars = bars[np.isin(bars.normalize(), days)]
    return pd.DataFrame({"Date": bars, "Close": np.arange(len(bars), dtype=float)})


def test_a_sessions_missing_days_are_its_markets_holidays_not_its_countrys(caplog):
    days = pd.date_range("2024-03-01", "2024-06-28", freq=holidaysets.offset("JPX"))  # JPX's and JP's alike
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_tokyo(days), target="Close")
    assert panel.calendar.shown == f"'{TOKYO}' without JPX holidays"
    said = " ".join(r.getMessage() for r in caplog.records)
    assert f"calendar: the sessions of '{TOKYO}' without JPX holidays (4 of 4 missing weekdays are JPX" in said
    assert "so are JP's, a country's, passed over: a trading session's bars keep a market's days" in said
    with pytest.raises(RnncastError, match=r"missing from business days are the holidays of JPX and JP alike"):
        load_panel(pd.DataFrame({"Date": days, "Close": 1.0}), target="Close")  # daily: a country's days, maybe


def test_markets_that_explain_a_session_alike_but_differ_after_it_are_refused_naming_the_session():
    time = pd.DatetimeIndex(_prices("2022-03-01", "2024-12-20", holidays="ECB")["Date"])
    with pytest.raises(RnncastError, match=r"weekdays missing from the sessions of '30min 09:00-17:00' are the "
                                           r"holidays of XETR, .*freq='30min 09:00-17:00'") as err:
        businessdays.explain(time, np.array([0, len(time)]), session="30min 09:00-17:00")
    assert "business days" not in str(err.value)


def test_a_day_skipped_is_never_the_forecast_date_itself():
    """Rows that end before a holiday and others that pass it (a weekly series beside): the forecast date, skipped by
    rows that run past it, is not a day the data skipped "in earlier years" (a tester's finding, decision 575)."""
    rows = pd.date_range("2022-06-05", periods=100, freq="W-SUN")  # no weekday at all: every weekday missing
    said = businessdays.skipped_ahead(pd.bdate_range("2023-10-09", periods=3), rows, np.array([0, len(rows)]))
    assert said is None or "2023-10-09)" not in said and "(2023-10-09" not in said, said


def test_a_set_given_to_a_panel_that_one_series_trades_on_says_it_is_every_series_set():
    """A quant tester's --holidays XETR over NYSE, Tokyo and XETRA tickers was refused at a Tokyo row on Good Friday,
    advising to leave holidays unset "to keep every weekday": in a panel, unset keeps each series' own set."""
    us = _prices("2023-01-03", "2023-12-29", holidays="NYSE").assign(unique_id="US1")
    jp = _prices("2023-01-04", "2023-12-29", holidays="JPX").assign(unique_id="JP1")
    with pytest.raises(RnncastError, match=r"series 'JP1'.* is one of the NYSE holidays .*; holidays= \(--holidays\) "
                                           r"names one set for every series: leave it unset for each series to keep "
                                           r"its own set"):
        load_panel(pd.concat([us, jp]), "Close", id_col="unique_id", holidays="NYSE", announce=False)
    with pytest.raises(RnncastError, match=r"remove the rows on holidays, or give holidays="):
        load_panel(jp, "Close", holidays="NYSE", announce=False)  # one series: as before


def test_all_of_names_a_market_from_several_dates_never_from_one():
    """decision 1610: any one date can be some market's holiday (2015-12-28, a week of flu counts, read as LSE's)."""
    one = np.array(["2015-12-28"], dtype="datetime64[D]")
    assert businessdays.all_of(one) is None and businessdays.all_of(one, least=1) is not None
    fridays = np.array(["2019-04-19", "2020-04-10", "2021-04-02"], dtype="datetime64[D]")  # Good Fridays
    assert businessdays.all_of(fridays) is not None
    assert businessdays.all_of(np.array(["2019-04-19", "2019-04-19"], dtype="datetime64[D]")) is None  # one date twice

def test_a_holiday_among_a_sessions_bars_is_refused_naming_the_sessions_not_business_days():
    """Decision 1618: predict's refusal of a bar on Thanksgiving called NYSE's 5-minute bars "the calendar of
    business days without NYSE holidays", where fit's lines name "the sessions of '5min 09:30-15:55'"."""
    time = pd.DatetimeIndex(["2024-11-27 15:30", "2024-11-28 09:30"], name="time")
    with pytest.raises(RnncastError) as refused:
        businessdays.given(time, "NYSE", lambda i: f"row {i}", session=sessions.parse("30min 09:30-15:30"))
    assert "(Thanksgiving Day), which the calendar of the sessions of '30min 09:30-15:30' without NYSE holidays " \
           "skips;" in str(refused.value)
