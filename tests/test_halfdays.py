"""A market's half days for intraday bars (``halfdays.py``): each half day's close read from the data's own half
days, else from the holiday's name, else assumed and said; the days whose last bars alone are missing, with the set
whose half days they are."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import halfdays, holidaysets, sessions

H = pd.Timedelta


def _hourly(days, half=("2024-07-03",), last="12:30") -> pd.DatetimeIndex:
    """Hourly bars 09:30 .. 15:30 on ``days``, those of ``half`` ending at ``last``."""
    bars = []
    for d in days:
        end = last if d.strftime("%Y-%m-%d") in half else "15:30"
        bars += list(pd.date_range(f"{d.date()} 09:30", f"{d.date()} {end}", freq="h"))
    return pd.DatetimeIndex(bars)


SESSION = sessions.parse("h 09:30-15:30")
DAYS = pd.date_range("2024-06-03", "2024-08-30", freq=holidaysets.offset("NYSE"))


@pytest.mark.parametrize("name, close", [
    ("Day before Independence Day (markets close at 1:00pm)", H("13:00:00")),
    ("Christmas Eve (markets close at 12:00 p.m. SAST)", H("12:00:00")),
    ("New Year's Eve (markets close at 14:00 CET)", H("14:00:00")),
    ("Republic Day (from 1pm)", H("13:00:00")),
    ("Pre-holiday day (workday shortened by 3 hours)", H("13:30:00")),
    ("Christmas Eve (Half-Day Trading Day)", None),
    ("Good Friday (markets close at 8:00am)", None),  # before the session's first bar: another clock's
])
def test_a_half_days_name_tells_its_close_where_it_states_one_within_the_session(name, close):
    assert halfdays.named(name, H("09:30:00"), H("16:30:00")) == close


def test_the_close_is_read_from_the_datas_half_days_then_the_names_and_said_once():
    early, said = halfdays.read(SESSION, "NYSE", _hourly(DAYS))
    closes = dict(early.closes)
    assert closes["Day before Independence Day (markets close at 1:00pm)"] == H("13:30:00")  # 12:30 + one step
    assert closes["Day after Thanksgiving Day (markets close at 1:00pm)"] == H("13:00:00")  # as its name says
    assert said.startswith("NYSE's half days close early") and "2024-07-03 bars to 12:30" in said
    assert halfdays.from_state("nyse", early.state()) == early  # as model.json keeps it


def test_data_whose_half_days_are_whole_sessions_keeps_no_early_close():
    early, said = halfdays.read(SESSION, "NYSE", _hourly(DAYS, half=()))
    assert early is None and "2024-07-03) are whole sessions in the data" in said


def test_a_set_without_half_days_reads_none():
    assert halfdays.read(SESSION, "DE", _hourly(DAYS)) == (None, "")


def test_a_close_neither_the_data_nor_the_name_tells_is_assumed_and_said():
    """Hong Kong's half days name no time: the morning session (the first part) is taken."""
    hk = sessions.parse("30min 09:30-11:30 13:00-15:30")
    days = pd.date_range("2024-06-03", "2024-06-28", freq=holidaysets.offset("XHKG"))
    wall = pd.DatetimeIndex([d + a + hk.first for d in days for a in hk.after])
    early, said = halfdays.read(hk, "XHKG", wall)
    assert dict(early.closes)["Christmas Eve (Half-Day Trading Day)"] == H("12:00:00")
    assert "the next: 2024-12-24 bars to 11:30 (closing 12:00, assumed" in said


def test_the_last_bars_missing_on_a_few_days_are_a_markets_half_days():
    wall = _hourly(DAYS)
    missing = pd.DatetimeIndex(["2024-07-03 13:30", "2024-07-03 14:30", "2024-07-03 15:30"])
    short = halfdays.short_days(SESSION, missing, wall)
    assert list(short) == [pd.Timestamp("2024-07-03")]
    assert "give holidays='NYSE' (--holidays NYSE), whose half days these are" in halfdays.said_short(short, None)
    assert halfdays.short_days(SESSION, missing[:2], wall) is None  # not to the session's end
    assert halfdays.short_days(SESSION, missing.append(pd.DatetimeIndex(["2024-07-05 09:30"])), wall) is None


def test_a_session_across_midnight_closes_early_in_the_one_that_closes_on_the_half_day():
    """FX-like hourly bars 22:00-21:00: CME's 2024-12-24 pause at 12:00 ends the session opened on 12-23."""
    fx = sessions.parse("h 22:00-21:00 Sun Mon Tue Wed Thu")
    early = halfdays.Early("XCME", (("Christmas Eve (markets pause at 12:00pm CT)", H("12:00:00")),))
    bars = sessions.grid(fx.closing(early), pd.Timestamp("2024-12-23 20:00"), count=20)
    assert str(bars[14]) == "2024-12-24 11:00:00" and str(bars[15]) == "2024-12-24 22:00:00"
    assert halfdays.named("Christmas Eve (markets pause at 12:00pm CT)", fx.first - H("1D"), H("21:00:00")) == \
        H("12:00:00")


def test_closing_returns_the_note_for_the_caller_to_log_once_the_clock_is_settled():
    closed, said = halfdays.closing(SESSION, "NYSE", _hourly(DAYS))
    assert closed.early is not None and said.startswith("NYSE's half days close early")
    assert halfdays.closing(closed, "NYSE", _hourly(DAYS)) == (closed, None)  # its closes known: nothing to say


def test_a_half_day_on_weekdays_of_other_hours_is_judged_by_its_own_weekdays_bars():
    """Decision 1837: on a call centre's 08:00-19:30 weekdays and 09:00-12:30 Saturdays, the rows missing after a
    Tuesday's 12:30 close (LSE's 2024-12-24) lost their half-day clause, the whole guard being off on such a
    calendar; a Saturday is judged against its own 12:30, not the weekdays' 19:30."""
    session = sessions.parse("30min 08:00-19:30 Mon Tue Wed Thu Fri; 09:00-12:30 Sat")
    rows = sessions.grid(session, pd.Timestamp("2024-10-01"), pd.Timestamp("2024-12-31 23:00"))
    tuesday = rows[(rows.normalize() == pd.Timestamp("2024-12-24")) & (rows.hour >= 13)]
    assert [f"{d:%Y-%m-%d}" for d in halfdays.short_days(session, tuesday, rows)] == ["2024-12-24"]
    saturday = rows[(rows.normalize() == pd.Timestamp("2024-12-21")) & (rows.hour >= 11)]  # 11:00-12:30 of 09:00-12:30
    assert [f"{d:%Y-%m-%d}" for d in halfdays.short_days(session, saturday, rows)] == ["2024-12-21"]
    not_last = rows[(rows.normalize() == pd.Timestamp("2024-12-21")) & (rows.hour == 11)]  # 12:00 and 12:30 held
    assert halfdays.short_days(session, not_last, rows) is None
