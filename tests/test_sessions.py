"""Intraday bars of a trading session (``sessions.py``): the session as freq= spells it and its refusals in
one line, the bars laid through nights, weekends and holidays, the session found in 30-minute market bars
and FX bars across midnight but not in a 24/7 sensor with night gaps or a few days, pandas' business hours
('bh') as the session they walk, holidays and all, and a fit whose forecasts continue at the next session's first bar, kept in model.json."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, calendars, holidaysets, sessions, weekmasks
from rnncast.loading import load_panel
from rnncast.seasons import implied_season
from rnncast.timecalendar import Calendar

SUN_THU = "Sun Mon Tue Wed Thu"


def _bars(days, first="09:30", last="15:30", step="30min") -> pd.DatetimeIndex:
    times = pd.timedelta_range(pd.Timedelta(f"{first}:00"), pd.Timedelta(f"{last}:00"), freq=step)
    return pd.DatetimeIndex([d + t for d in days for t in times])


def _frame(time, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"date": time, "price": 100 + np.cumsum(rng.normal(0, 1, len(time)))})


def _fx(start="2024-01-07 22:00", end="2024-03-29 21:00") -> pd.DatetimeIndex:
    hours = pd.date_range(start, end, freq="h")
    day, hour = hours.day_of_week, hours.hour
    return hours[(day < 4) | ((day == 4) & (hour < 22)) | ((day == 6) & (hour >= 22))]


def _one(time):
    return np.array([0, len(time)])


# ---- spelling ------------------------------------------------------------------------------------

def test_a_session_is_read_and_written_back_as_freq_spells_it():
    session = sessions.parse("30min 09:30-15:30")
    assert (session.step, session.first, session.bars) == (pd.Timedelta("30min"), pd.Timedelta("09:30:00"), 13)
    assert session.days == pd.offsets.BusinessDay() and session.freqstr == "30min 09:30-15:30"
    fx = sessions.parse("1h 22:00 - 21:00 sun mon tue wed thu")
    assert fx.bars == 24 and fx.week == SUN_THU and fx.freqstr == "h 22:00-21:00 Sun Mon Tue Wed Thu"
    assert sessions.parse("h 16:00-16:00").bars == 1
    for other in ("30min", "B", SUN_THU, None, 5):
        assert sessions.parse(other) is None


@pytest.mark.parametrize("freq, says", [
    ("30min 09:30-16:15", r"the last bar 16:15 is not a whole number of 30min steps after the first 09:30"),
    ("B 09:30-16:00", r"the step 'B' is no fixed time under a day"),
    ("30min 25:00-16:00", r"'25:00' is no time of day"),
    ("7h 00:00-21:00", r"4 bars of 7h last longer than a day"),
    ("30min 09:30-15:30 weekdays", r"'weekdays' is no week"),
    ("30min 09:30-15:30 Mon Thur", r"'Thur' is no weekday \(did you mean 'Thu'\?\)"),
    ("30min 9:30 to 15:30", r"is no session"),
])
def test_a_bad_session_is_refused_in_one_line_with_what_is_accepted(freq, says):
    with pytest.raises(RnncastError, match=says) as err:
        sessions.parse(freq)
    accepted = "'Sun Mon Tue Wed Thu'" if "Thur" in freq else "'30min 09:30-15:30'"  # a week's words: how a week is written
    assert "\n" not in str(err.value) and f"freq={freq!r}" in str(err.value) and accepted in str(err.value)


# ---- the walk ------------------------------------------------------------------------------------

def test_the_bars_after_the_close_are_the_next_trading_days_first():
    session = sessions.parse("30min 09:30-16:00")
    after = sessions.following(session, pd.Timestamp("2024-01-05 15:30"), 3)  # a Friday
    assert list(after.strftime("%a %H:%M")) == ["Fri 16:00", "Mon 09:30", "Mon 10:00"]
    nyse = session.on(holidaysets.offset("NYSE"))
    assert str(sessions.following(nyse, pd.Timestamp("2024-07-03 16:00"), 1)[0]) == "2024-07-05 09:30:00"
    zoned = sessions.following(session, pd.Timestamp("2024-03-08 16:00", tz="America/New_York").as_unit("s"), 1)
    assert str(zoned[0]) == "2024-03-11 09:30:00-04:00" and zoned.unit == "s"  # wall time across the clock change


def test_a_session_across_midnight_runs_from_sunday_evening_to_friday():
    fx = sessions.parse(f"h 22:00-21:00 {SUN_THU}")
    after = sessions.following(fx, pd.Timestamp("2024-03-29 20:00"), 3)
    assert list(after.strftime("%a %H:%M")) == ["Fri 21:00", "Sun 22:00", "Sun 23:00"]
    laid = sessions.grid(fx, pd.Timestamp("2024-01-07 22:00"), pd.Timestamp("2024-03-29 21:00"))
    assert laid.equals(_fx())


# ---- inference -----------------------------------------------------------------------------------

@pytest.mark.parametrize("last, text", [("15:30", "30min 09:30-15:30"), ("16:00", "30min 09:30-16:00")])
def test_market_bars_are_found_as_their_session_without_gap_warnings(caplog, last, text):
    frame = _frame(_bars(pd.bdate_range("2024-01-02", periods=30), last=last))
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="price")
    assert panel.calendar.freq_text == text and panel.calendar.shown == repr(text)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert list(panel.next_times(0, 2).strftime("%a %H:%M")) == ["Tue 09:30", "Tue 10:00"]  # after Monday 2024-02-12
    assert implied_season(panel.calendar) == (len(panel.time) // 30, "bars in a trading session")


def test_fx_bars_across_midnight_are_found_and_forecast_on_sunday_evening():
    panel = load_panel(_frame(_fx()), target="price")
    assert panel.calendar.freq_text == f"h 22:00-21:00 {SUN_THU}"
    assert list(panel.next_times(0, 2).strftime("%a %H:%M")) == ["Sun 22:00", "Sun 23:00"]


def test_holidays_are_found_on_the_days_sessions_open():
    days = pd.date_range("2024-01-02", "2024-12-31", freq=holidaysets.offset("NYSE"))
    panel = load_panel(_frame(_bars(days)), target="price")
    assert panel.calendar.shown == "'30min 09:30-15:30' without NYSE holidays"
    assert str(panel.next_times(0, 1)[0]) == "2025-01-02 09:30:00"


def test_a_sensor_of_every_hour_with_night_gaps_keeps_its_step(caplog):
    rng = np.random.default_rng(1)
    time = pd.date_range("2024-01-01", periods=3000, freq="30min")
    night = np.flatnonzero(time.hour < 5)
    time = time.delete(rng.choice(night, 20, replace=False))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_frame(time), target="price")
    assert panel.calendar.freq_text == "30min" and "20 rows are missing from the '30min' calendar" in caplog.text
    step = pd.Timedelta("30min")
    assert sessions.infer(time, _one(time), step) is None


def test_a_few_days_missing_the_same_hours_are_no_session_but_four_are():
    every = pd.date_range("2024-01-01", periods=24 * 8, freq="h")
    nights = every[(every.hour >= 6)]  # no rows from 00:00 to 05:00
    three, four = nights[nights < "2024-01-04"], nights[nights < "2024-01-05"]
    assert sessions.infer(three, _one(three), pd.Timedelta("1h")) is None
    assert sessions.infer(four, _one(four), pd.Timedelta("1h")).freqstr == "h 06:00-23:00 Mon Tue Wed Thu Fri Sat Sun"
    sparse = every[np.random.default_rng(2).random(len(every)) > 0.5]  # half the hours gone: chance, not a night
    assert sessions.infer(sparse, _one(sparse), pd.Timedelta("1h")) is None


def test_steps_off_the_grid_are_no_session():
    days = pd.bdate_range("2024-01-02", periods=20)
    assert sessions.infer(_bars(days), _one(_bars(days)), pd.Timedelta("7min")) is None


def test_hourly_business_hours_are_the_session_pandas_bh_walks():
    """Hourly bars 09:00-16:00 were pandas' 'bh' (infer_freq names it first), which no holiday set reaches."""
    panel = load_panel(_frame(_bars(pd.bdate_range("2024-01-02", periods=30), "09:00", "16:00", "h")), target="price")
    assert panel.calendar.freq_text == "h 09:00-16:00" and panel.calendar.session is not None


@pytest.mark.parametrize("freq, text", [
    ("bh", "h 09:00-16:00"), ("cbh", "h 09:00-16:00"), ("2bh", "2h 09:00-15:00"),
    (pd.offsets.BusinessHour(start=["09:00", "13:00"], end=["12:00", "17:00"]), "h 09:00-11:00 13:00-16:00"),
    (pd.offsets.CustomBusinessHour(weekmask=SUN_THU, start="22:00", end="02:00"), f"h 22:00-01:00 {SUN_THU}"),
    ("3bh", None), (pd.offsets.BusinessHour(start="09:00", end="16:30"), None),  # pandas carries into the next day
    ("h", None), ("B", None), ("not a calendar", None)])
def test_pandas_business_hours_are_the_session_they_walk(freq, text):
    session = sessions.business_hours(freq)
    assert (session.freqstr if session is not None else None) == text
    if session is not None:  # the same bars as pandas lays, the weekend and the next day's opening included
        offset = pd.tseries.frequencies.to_offset(freq)
        start = pd.Timestamp("2024-01-04") + session.first  # a Thursday: the next sessions are after a weekend
        walked = pd.date_range(start, periods=3 * session.bars, freq=offset)
        assert list(sessions.grid(session, start, count=3 * session.bars - 1)) == list(walked[1:])


def test_business_hours_find_holidays_skip_them_and_take_holidays_given():
    """Hourly bars 09:00-16:00 without NYSE holidays were 'bh' with 'rows missing' on each holiday, forecast a
    holiday without a warning, and --holidays NYSE was refused as 'not on the calendar freq='B' ...'."""
    days = pd.date_range("2024-01-02", "2024-11-27", freq=holidaysets.offset("NYSE"))
    frame = _frame(_bars(days, "09:00", "16:00", "h"))
    for given in (None, "NYSE"):
        panel = load_panel(frame, target="price", holidays=given)
        assert panel.calendar.shown == "'h 09:00-16:00' without NYSE holidays"
        ahead = panel.next_times(0, 9)  # past Thanksgiving and the weekend after Friday's bars
        assert [str(t) for t in ahead[[0, 7, 8]]] == ["2024-11-29 09:00:00", "2024-11-29 16:00:00",
                                                       "2024-12-02 09:00:00"]


def test_freq_bh_is_read_as_its_session_said_once_and_takes_holidays(caplog):
    days = pd.date_range("2024-10-01", "2024-11-27", freq=holidaysets.offset("NYSE"))
    frame = _frame(_bars(days, "09:00", "16:00", "h"))
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="price", freq="bh", holidays="NYSE")
    assert panel.calendar.shown == "'h 09:00-16:00' without NYSE holidays"
    assert caplog.text.count("freq='bh' (pandas' business hours) is read as the trading session 'h 09:00-16:00'") == 1
    assert str(panel.next_times(0, 1)[0]) == "2024-11-29 09:00:00"


def test_a_fit_on_business_hours_forecasts_a_holiday_it_was_not_given_without_guessing_a_market(caplog):
    """The same bars as 10:00-15:00 (a session) were warned of forecasting Thanksgiving as NYSE's, a market the model
    was not fitted with: no market is guessed (decision 940)."""
    frame = _frame(_bars(pd.bdate_range("2024-10-01", "2024-11-27"), "09:00", "16:00", "h"))
    model = Forecaster(**{**TINY, "lookback": 16, "horizon": 8, "epochs": 1}).fit(frame, target="price")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = model.predict(frame)
    assert str(forecast.index[0]) == "2024-11-28 09:00:00"
    assert "holiday" not in caplog.text  # no market guessed for a model fitted without holidays= (decision 940)


# ---- given, kept ---------------------------------------------------------------------------------

def test_a_given_session_refuses_a_bar_outside_it():
    frame = _frame(_bars(pd.bdate_range("2024-01-02", periods=10), last="16:00"))
    with pytest.raises(RnncastError, match=r"timestamp 2024-01-02 16:00:00 .* is not on the calendar "
                                           r"freq='30min 09:30-15:30'"):
        load_panel(frame, target="price", freq="30min 09:30-15:30")


def test_a_fit_forecasts_the_next_session_and_round_trips_through_model_json(tmp_path):
    days = pd.date_range("2024-05-01", "2024-07-03", freq=holidaysets.offset("NYSE"))
    frame = _frame(_bars(days))
    model = Forecaster(**{**TINY, "lookback": 13, "horizon": 3, "epochs": 1, "freq": "30min 09:30-15:30",
                          "holidays": "NYSE"}).fit(frame, target="price")
    forecast = model.predict(frame)
    assert [str(t) for t in forecast.index] == ["2024-07-05 09:30:00", "2024-07-05 10:00:00", "2024-07-05 10:30:00"]
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["calendar"]["freq"] == "30min 09:30-15:30" and meta["calendar"]["holidays"] == "NYSE"
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.calendar_ == model.calendar_
    pd.testing.assert_frame_equal(loaded.predict(frame), forecast)


def test_a_calendar_state_rebuilds_the_session():
    state = {"kind": "datetime", "freq": f"h 22:00-21:00 {SUN_THU}", "name": "date"}
    calendar = Calendar.from_state(state)
    assert calendar.freq == sessions.parse(state["freq"]) and calendar.state()["freq"] == state["freq"]
    assert calendar.weekmask == SUN_THU


@pytest.mark.parametrize("weeks", [3, 4, 5])
def test_session_bars_on_weekdays_under_five_weeks_are_monday_to_friday_and_forecast_on_monday(weeks):
    days = pd.bdate_range("2024-02-05", periods=5 * weeks)
    time = pd.DatetimeIndex([d + pd.Timedelta("9h30min") + k * pd.Timedelta("30min") for d in days for k in range(13)])
    calendar, ruler, _ = calendars.settle(time, _one(time))
    assert calendar.freq.freqstr == "30min 09:30-15:30" and ruler.missing == 0  # no weekend warned missing
    after = sessions.following(calendar.freq, time[-1], 2)
    assert list(after) == [days[-1] + pd.Timedelta("3D 9h30min"), days[-1] + pd.Timedelta("3D 10h")]  # Monday


@pytest.mark.parametrize("freq", [None, "30min 09:30-15:30"])
def test_holidays_given_without_freq_skip_the_days_of_the_session_the_bars_follow(freq):
    """--holidays NYSE alone replaced the inferred session with B: '2023-11-13 10:00:00 is not on the calendar
    freq='B' without NYSE holidays'."""
    days = pd.date_range("2023-10-02", "2023-12-29", freq=holidaysets.offset("NYSE"))
    panel = load_panel(_frame(_bars(days)), target="price", holidays="NYSE", freq=freq)
    assert panel.calendar.shown == "'30min 09:30-15:30' without NYSE holidays"
    assert str(panel.next_times(0, 1)[0]) == "2024-01-02 09:30:00"


def test_holidays_given_without_freq_skip_the_days_of_the_week_the_days_follow():
    """Days on Sunday .. Thursday given holidays without freq: that week without them, not Monday to Friday."""
    days = pd.date_range("2024-01-07", "2024-06-27", freq=holidaysets.offset("IL", SUN_THU))
    panel = load_panel(_frame(days), target="price", holidays="IL")
    assert panel.calendar.weekmask == SUN_THU and panel.calendar.holidays == "IL"


# ---- breaks within the session (lunch) -----------------------------------------------------------

TOKYO = "30min 09:00-11:00 12:30-14:30"


def _parts(days, *parts, step="30min") -> pd.DatetimeIndex:
    """The bars of ``days`` in each part (first, last) of a session, in time order."""
    return pd.DatetimeIndex(sorted(t for first, last in parts for t in _bars(days, first, last, step)))


def test_a_session_closed_for_lunch_is_laid_around_its_break_and_continues_the_next_trading_day():
    tokyo = sessions.parse(TOKYO)
    assert (tokyo.bars, tokyo.span) == (10, pd.Timedelta("6h"))
    after = sessions.following(tokyo, pd.Timestamp("2024-03-28 10:30"), 3)  # a horizon across lunch
    assert list(after.strftime("%H:%M")) == ["11:00", "12:30", "13:00"]
    after = sessions.following(tokyo, pd.Timestamp("2024-03-29 14:30"), 6)  # Friday's close
    assert list(after.strftime("%a %H:%M")) == ["Mon 09:00", "Mon 09:30", "Mon 10:00", "Mon 10:30", "Mon 11:00",
                                                 "Mon 12:30"]
    laid = sessions.grid(tokyo, pd.Timestamp("2024-01-08 09:00"), pd.Timestamp("2024-03-29 14:30"))
    assert laid.equals(_parts(pd.bdate_range("2024-01-08", "2024-03-29"), ("09:00", "11:00"), ("12:30", "14:30")))


@pytest.mark.parametrize("parts, text", [
    ((("09:00", "11:00"), ("12:30", "14:30")), TOKYO),
    ((("09:30", "11:00"), ("13:00", "14:30")), "30min 09:30-11:00 13:00-14:30"),  # Shanghai
    ((("09:30", "11:30"), ("13:00", "15:30")), "30min 09:30-11:30 13:00-15:30"),  # Hong Kong
])
def test_market_bars_closed_for_lunch_are_found_as_their_session_without_gap_warnings(caplog, parts, text):
    frame = _frame(_parts(pd.bdate_range("2024-01-08", periods=60), *parts))
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="price")
    assert panel.calendar.freq_text == text and not [r for r in caplog.records if r.levelno >= logging.WARNING]
    bars = sessions.parse(text).bars
    assert implied_season(panel.calendar) == (bars, "bars in a trading session")
    after = panel.next_times(0, bars + 1)  # Friday 2024-03-29's close: Monday's session, then Tuesday's first bar
    assert list(after.strftime("%a %H:%M")) == [f"Mon {t:%H:%M}" for t in _parts([pd.Timestamp(0)], *parts)] + \
        [f"Tue {parts[0][0]}"]


def test_breaks_of_any_length_and_number_a_night_across_midnight_a_zone_and_a_panel_are_found():
    days = pd.bdate_range("2024-01-08", periods=30)
    two = _parts(days, ("09:00", "10:00"), ("10:30", "11:15"), ("13:30", "14:45"), step="15min")  # a short break, lunch
    assert sessions.infer(two, _one(two), pd.Timedelta("15min")).freqstr == "15min 09:00-10:00 10:30-11:15 13:30-14:45"
    hours = [pd.Timedelta(hours=h) for h in (18, 19, 20, 21, 22, 23, 25, 26, 27, 28, 29)]  # 01:00 to 05:00 the next day
    night = pd.DatetimeIndex([d + h for d in days for h in hours])  # the break at midnight, the night by day
    found = sessions.infer(night, _one(night), pd.Timedelta("1h"))
    assert found.freqstr == "h 18:00-23:00 01:00-05:00" and found.bars == 11
    panel = load_panel(_frame(night), target="price")  # Friday's session ends on Saturday, Monday's opens Monday
    assert list(panel.next_times(0, 7).strftime("%a %H:%M")) == ["Mon 18:00", "Mon 19:00", "Mon 20:00", "Mon 21:00",
                                                                 "Mon 22:00", "Mon 23:00", "Tue 01:00"]
    zoned = _parts(days, ("09:00", "11:00"), ("12:30", "14:30")).tz_localize("Asia/Tokyo")
    panel = load_panel(_frame(zoned), target="price")
    assert panel.calendar.freq_text == TOKYO and str(panel.next_times(0, 1)[0]) == "2024-02-19 09:00:00+09:00"
    long = pd.concat([_frame(_parts(days, ("09:00", "11:00"), ("12:30", "14:30")), seed).assign(id=name)
                      for seed, name in enumerate(("7203", "6758"))])
    panel = load_panel(long, target="price", id_col="id")
    assert panel.calendar.freq_text == TOKYO and not panel.calendars and len(panel.ids) == 2


def test_a_hole_that_chance_explains_is_no_break():
    days = pd.bdate_range("2024-01-08", periods=8)
    lunch = _parts(days, ("09:00", "11:00"), ("12:30", "14:30"))
    sparse = lunch[np.random.default_rng(3).random(len(lunch)) < 0.4]  # most bars gone: an empty time may be chance
    assert sessions.infer(sparse, _one(sparse), pd.Timedelta("30min")) is None


def test_a_given_session_closed_for_lunch_refuses_a_lunch_bar_and_holidays_skip_its_days():
    days = pd.date_range("2024-03-01", "2024-04-26", freq=holidaysets.offset("JPX"))
    frame = _frame(_parts(days, ("09:00", "11:00"), ("12:30", "14:30")))
    lunch = pd.concat([frame, _frame(pd.DatetimeIndex(["2024-04-26 11:30"]))]).sort_values("date")
    with pytest.raises(RnncastError, match=rf"timestamp 2024-04-26 11:30:00 .* is not on the calendar freq='{TOKYO}'"):
        load_panel(lunch, target="price", freq=TOKYO)
    panel = load_panel(frame, target="price", holidays="JPX")  # the session the bars follow, without JPX holidays
    assert panel.calendar.shown == f"'{TOKYO}' without JPX holidays"
    assert str(panel.next_times(0, 1)[0]) == "2024-04-30 09:00:00"  # after Showa Day


def test_a_fit_on_a_session_closed_for_lunch_forecasts_across_the_break_and_round_trips(tmp_path):
    days = pd.date_range("2024-03-01", "2024-04-26", freq=holidaysets.offset("JPX"))
    frame = _frame(_parts(days, ("09:00", "11:00"), ("12:30", "14:30")))
    frame = frame[frame.date <= "2024-04-26 10:30"]  # Friday's morning, before lunch
    model = Forecaster(**{**TINY, "lookback": 10, "horizon": 4, "epochs": 1, "freq": TOKYO,
                          "holidays": "JPX"}).fit(frame, target="price")
    forecast = model.predict(frame)
    assert [str(t) for t in forecast.index] == ["2024-04-26 11:00:00", "2024-04-26 12:30:00", "2024-04-26 13:00:00",
                                                "2024-04-26 13:30:00"]
    model.save(tmp_path / "m")
    assert json.loads((tmp_path / "m" / "model.json").read_text())["calendar"]["freq"] == TOKYO
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.calendar_ == model.calendar_
    pd.testing.assert_frame_equal(loaded.predict(frame), forecast)


@pytest.mark.parametrize("parts, text", [
    ((("09:00", "11:00"), ("12:30", "14:30")), "h 09:00-11:00 12:30-14:30"),  # Tokyo's hours from each part's open
    ((("09:30", "10:30"), ("13:00", "14:00")), "h 09:30-10:30 13:00-14:00"),  # Shanghai's
])
def test_hourly_bars_from_each_parts_open_are_found_spelled_and_forecast(caplog, parts, text):
    frame = _frame(_parts(pd.bdate_range("2024-01-08", periods=40), *parts, step="1h"))
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="price")
    assert panel.calendar.freq_text == text and not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert load_panel(frame, target="price", freq=text).calendar.freq_text == text
    model = Forecaster(**{**TINY, "lookback": 4, "horizon": 4, "epochs": 1}).fit(frame, target="price")
    mon = [f"Mon {t:%H:%M}" for t in _parts([pd.Timestamp(0)], *parts, step="1h")]
    assert list(model.predict(frame).index.strftime("%a %H:%M")) == (mon + ["Tue " + parts[0][0]])[:4]
    ends = [f"{int(last[:2]) + 1:02d}{last[2:]}" for _, last in parts]  # business hours end a step after the last bar
    bh = pd.offsets.BusinessHour(start=[first for first, _ in parts], end=ends)  # pandas walks each from its open
    assert sessions.business_hours(bh).freqstr == text


def test_series_on_different_sessions_keep_their_own_and_forecast_on_it(tmp_path):
    days = pd.bdate_range("2024-01-08", periods=30)
    tokyo = _frame(_parts(days, ("09:00", "11:00"), ("12:30", "14:30"))).assign(id="7203")
    hong_kong = _frame(_parts(days, ("09:30", "11:30"), ("13:00", "15:30")), seed=1).assign(id="0700")
    frame = pd.concat([tokyo, hong_kong])
    panel = load_panel(frame, target="price", id_col="id")
    shown = {panel.ids[s]: panel.calendar_of(s).freq_text for s in range(2)}
    assert shown == {"7203": TOKYO, "0700": "30min 09:30-11:30 13:00-15:30"}  # not one session of both
    model = Forecaster(**{**TINY, "lookback": 4, "horizon": 3, "epochs": 1}).fit(frame, target="price", id_col="id")
    forecast = model.predict(frame)
    after = {k: list(g.date.dt.strftime("%a %H:%M")) for k, g in forecast.groupby("id")}
    assert after == {"0700": ["Mon 09:30", "Mon 10:00", "Mon 10:30"], "7203": ["Mon 09:00", "Mon 09:30", "Mon 10:00"]}
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").predict(frame)[["id", "date"]].equals(forecast[["id", "date"]])


# ---- half days (holidays= with a half_day category) ---------------------------------------------

def _half_bars(days, first="09:30", last="15:30", step="h", close="13:00") -> pd.DatetimeIndex:
    """Bars on ``days`` from ``first`` to ``last``, before ``close`` on NYSE's half days (2024-07-03, 2024-11-29)."""
    half = holidaysets.library().financial_holidays("NYSE", years=2024, categories="half_day")
    bars = _bars(days, first, last, step)
    return bars[[not (t.date() in half and t.strftime("%H:%M") >= close) for t in bars]]


def test_bars_after_a_half_days_close_are_no_steps_of_the_calendar(caplog):
    """Hourly bars ending 12:30 on 2024-07-03 were '3 rows missing (first: 2024-07-03 13:30, ...)', filled by
    fill_gaps, and forecasts ran to 2024-11-29 15:30, after that day's 13:00 close."""
    days = pd.date_range("2024-05-01", "2024-11-27", freq=holidaysets.offset("NYSE"))
    frame = _frame(_half_bars(days))
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame, target="price", holidays="NYSE")
    assert "are missing from" not in caplog.text
    assert caplog.text.count("NYSE's half days close early") == 1 and "2024-07-03 bars to 12:30" in caplog.text
    filled = load_panel(frame, target="price", holidays="NYSE", fill_gaps=True, fill="ffill", announce=False)
    assert len(filled.time) == len(frame)  # no bars of a closed market made
    ahead = panel.next_times(0, 6)
    assert [str(t) for t in ahead[[3, 4]]] == ["2024-11-29 12:30:00", "2024-12-02 09:30:00"]


@pytest.mark.parametrize("freq", [None, "5min 09:30-15:55"])
def test_five_minute_bars_ending_at_a_half_days_close_forecast_the_next_session(freq):
    days = pd.date_range("2024-10-25", "2024-11-29", freq=holidaysets.offset("NYSE"))
    frame = _frame(_half_bars(days, last="15:55", step="5min"))
    assert str(frame["date"].iloc[-1]) == "2024-11-29 12:55:00"
    panel = load_panel(frame, target="price", holidays="NYSE", freq=freq, announce=False)
    assert str(panel.next_times(0, 1)[0]) == "2024-12-02 09:30:00"


def test_a_long_panel_of_hourly_bars_skips_the_half_days_later_bars(caplog):
    days = pd.date_range("2024-05-01", "2024-11-27", freq=holidaysets.offset("NYSE"))
    time = _half_bars(days)
    frame = pd.concat([_frame(time, seed).assign(sym=s) for seed, s in enumerate(["AAA", "BBB"])])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, target="price", id_col="sym", holidays="NYSE")
    assert "missing from" not in caplog.text
    assert [str(panel.next_times(s, 5)[-1]) for s in range(2)] == ["2024-12-02 09:30:00"] * 2


def test_a_fit_keeps_its_half_days_closes_in_model_json_and_forecasts_by_them(tmp_path, caplog):
    """Its windows spanned no 'calendar steps missing', and a future covariate's rows are the forecast's dates."""
    days = pd.date_range("2024-06-03", "2024-11-27", freq=holidaysets.offset("NYSE"))
    frame = _frame(_half_bars(days)).assign(promo=lambda f: np.arange(len(f)) % 3)
    settings = {**TINY, "lookback": 14, "horizon": 6, "epochs": 1, "holidays": "NYSE"}
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**settings).fit(frame, target="price", future_covariates=["promo"])
    assert "missing from" not in caplog.text
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["calendar"]["half_days"]["Day before Independence Day (markets close at 1:00pm)"] == "13:30"
    assert meta["calendar"]["half_days"]["Christmas Eve (markets close at 1:00pm)"] == "13:00"
    ahead = pd.DatetimeIndex(["2024-11-29 09:30", "2024-11-29 10:30", "2024-11-29 11:30", "2024-11-29 12:30",
                              "2024-12-02 09:30", "2024-12-02 10:30"])
    future = pd.DataFrame({"date": ahead, "promo": [0, 1, 2, 0, 1, 2]})
    forecast = Forecaster.load(tmp_path / "m").predict(frame, future=future)
    assert list(forecast.index) == list(ahead)


def test_a_season_of_whole_sessions_counted_across_a_half_day_is_said_to_read_other_bars():
    """Decision 1615: a tester's season 78 on NYSE's 5-minute bars forecast 2024-12-26 09:30 with 12-23 13:00's
    volume (the 12-24 half day keeps 42 bars), in the seasonal naive baseline and MASE's scale, unsaid."""
    days = pd.date_range("2024-10-01", "2024-12-10", freq=holidaysets.offset("NYSE"))
    panel = load_panel(_frame(_half_bars(days)), target="price", holidays="NYSE", announce=False)
    line = sessions.shifted_season(panel.calendar.session, panel.time, 7, panel.calendar.shown)
    assert line.startswith("season 7 is one session of 'h 09:30-15:30' without NYSE holidays (7 bars each), but half "
                           "days keep fewer bars: counted in bars, the seasonal naive forecast and MASE's scale read "
                           "another time of day on the 7 bars after them (for 2024-12-02 09:30, 2024-11-27 13:30's, not "
                           "2024-11-29 09:30's)")
    assert "2 sessions" in sessions.shifted_season(panel.calendar.session, panel.time.tz_localize("UTC"), 14)
    assert sessions.shifted_season(panel.calendar.session, panel.time, 24) is None  # no whole number of sessions
    assert [sessions.whole(panel.calendar.session, s) for s in (7, 14, 24, 1, None)] == [1, 2, 0, 0, 0]  # the gate
    whole = load_panel(_frame(_bars(days, step="h")), target="price", freq="h 09:30-15:30", holidays="NYSE", announce=False)
    assert sessions.shifted_season(whole.calendar.session, whole.time, 7) is None  # no half day in the data


CENTRE = "30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat"


def _centre(start="2024-01-08", weeks=8) -> pd.DatetimeIndex:
    """A call centre's half-hour rows: weekdays 08:00-19:30, Saturdays 09:00-12:30, closed on Sundays."""
    days = pd.date_range(start, periods=7 * weeks, freq="D")
    return _bars(days[days.day_of_week < 5], "08:00", "19:30").append(
        _bars(days[days.day_of_week == 5], "09:00", "12:30")).sort_values()


def test_weekdays_of_other_hours_are_walked_bar_by_bar():
    """Decision 1786: the call centre's calendar was '30min 08:00-19:30 Mon Tue Wed Thu Fri Sat', 16 made-up Saturday
    bars a week; forecasts from Saturday 12:30 were dated on the closed afternoon, Monday's 7 hours early."""
    session = sessions.parse(CENTRE)
    assert [str(t) for t in sessions.following(session, pd.Timestamp("2024-07-27 12:30"), 2)] == \
        ["2024-07-29 08:00:00", "2024-07-29 08:30:00"]  # Saturday's last bar: Monday's first next
    assert str(sessions.following(session, pd.Timestamp("2024-07-26 19:30"), 1)[0]) == "2024-07-27 09:00:00"
    week = sessions.grid(session, pd.Timestamp("2024-07-22"), pd.Timestamp("2024-07-28 23:00"))
    assert len(week) == session.week_bars == 128 and week.equals(_centre("2024-07-22", 1))
    zoned = sessions.following(session, pd.Timestamp("2024-10-26 12:30", tz="Europe/London"), 1)
    assert str(zoned[0]) == "2024-10-28 08:00:00+00:00"  # on the wall clock, across the clock change


def test_weekdays_of_other_hours_are_found_kept_in_model_json_and_forecast(tmp_path, caplog):
    frame = _frame(_centre())
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 16, "horizon": 4, "epochs": 1}).fit(frame, target="price")
    assert "missing" not in caplog.text
    assert model.calendar_.shown.startswith(repr(CENTRE)) and implied_season(model.calendar_).steps == 128
    saturday = frame[frame.date <= "2024-03-02 12:30"]  # up to a Saturday's last bar
    assert [str(t) for t in model.predict(saturday).index] == ["2024-03-04 08:00:00", "2024-03-04 08:30:00",
                                                               "2024-03-04 09:00:00", "2024-03-04 09:30:00"]
    model.save(tmp_path / "m")
    assert json.loads((tmp_path / "m" / "model.json").read_text())["calendar"]["freq"] == CENTRE
    assert Forecaster.load(tmp_path / "m").calendar_ == model.calendar_
    with pytest.raises(RnncastError, match="2024-01-13 13:00:00 .* is not on the calendar"):
        load_panel(_frame(_centre().append(pd.DatetimeIndex(["2024-01-13 13:00"])).sort_values()), target="price",
                   freq=CENTRE)


def test_a_season_of_weekday_sessions_on_weekdays_of_other_hours_is_said_to_read_other_bars():
    """t35t3: season 144 (6 sessions of 24 bars) on a week of 128 bars read last week's slot 16 bars off, with no
    warning, as the warning laid the calendar's full grid (decision 1786); a season of whole weeks reads none."""
    panel = load_panel(_frame(_centre()), target="price", announce=False)
    session = panel.calendar.session
    line = sessions.shifted_season(session, panel.time, 144, panel.calendar.shown)
    assert line.startswith("season 144 is counted in bars, but the weekdays of") and line.endswith("--season 128)")
    assert "(08:00-19:30 Mon Tue Wed Thu Fri (24 bars), 09:00-12:30 Sat (8): 128 bars a week)" in line
    assert sessions.shifted_season(session, panel.time, 128) is None
    lse = session.on(holidaysets.offset("LSE", weekmasks.week(session.week)))  # Easter: decision 1839
    time = pd.DatetimeIndex(sessions.grid(lse, pd.Timestamp("2024-03-18"), pd.Timestamp("2024-04-20 23:00")))
    assert "but weeks with holidays or half days keep fewer bars (the first: 2024-03-29)" in \
        sessions.shifted_season(lse, time, 128, "'centre'")
    assert [sessions.whole(session, s) for s in (128, 256, 144, 24, 8, 7)] == [1, 2, 6, 1, 1, 0]
