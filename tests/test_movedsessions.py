"""A trading session's bars read in UTC that keep a daylight-saving zone's clock (``movedsessions.py``): refused at
fit, naming that zone and ``tz=``, as the same bars written with their changing offsets are."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast import movedsessions
from rnncast.movedsessions import first_bars, first_rows, kept, last_rows, market, session_firsts
from rnncast.timecalendar import Calendar

DAYS = pd.bdate_range("2024-09-03", "2024-11-27")  # no NYSE holiday; across New York's end of daylight saving, 3 November


def _bars(zone: str, opens: str, closes: str, step: str = "30min", days=DAYS) -> pd.DatetimeIndex:
    """A session's bars on ``zone``'s clock, as UTC instants."""
    wall = [pd.date_range(f"{d.date()} {opens}", f"{d.date()} {closes}", freq=step, inclusive="left") for d in days]
    return pd.DatetimeIndex(np.concatenate(wall)).tz_localize(zone).tz_convert("UTC")


def _frame(time: pd.DatetimeIndex, written) -> pd.DataFrame:
    return pd.DataFrame({"ds": list(written), "y": np.sin(np.arange(len(time)) / 7.0)})


NEW_YORK = _bars("America/New_York", "09:30", "16:00")


@pytest.mark.parametrize("written", ["%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S+00:00"])
def test_session_bars_written_in_utc_across_daylight_saving_are_refused_naming_the_zone(written):
    """A tester's NYSE 5-minute bars written with Z were read as one session '5min 13:30-20:55' (90 bars, not 78),
    300 rows missing, forecasts dated at 16:00 New York time; without holidays= the refusal advised that freq."""
    frame = _frame(NEW_YORK, NEW_YORK.strftime(written))
    for given in ({}, {"holidays": "NYSE"}, {"freq": "30min 13:30-20:30"}):
        with pytest.raises(RnncastError) as refused:
            load_panel(frame, "y", **given)
        said = str(refused.value)
        assert said.startswith("time column 'ds' is read in UTC, but its bars are a trading session's on the clock of ")
        assert "opening at 09:30 in America/New_York" in said
        assert "(read in UTC they are '30min 13:30-20:30', their forecasts an hour off half the year)" in said
        assert "tz='America/New_York', --tz America/New_York" in said and "freq='30min 13:30-20:30'" not in said
    assert load_panel(frame, "y", tz="America/New_York").calendar.freq_text == "30min 09:30-15:30"  # the advice followed


def test_unix_times_and_hourly_bars_are_refused_and_read_with_tz():
    hourly = _bars("America/New_York", "09:30", "16:00", "h")
    unix = pd.DataFrame({"ds": hourly.as_unit("s").asi8, "y": np.arange(len(hourly), dtype=float)})
    with pytest.raises(RnncastError, match=r"is read in UTC, but .*\(read in UTC they are 'h 13:30-20:30'.*"
                                           r"tz='America/New_York'"):
        load_panel(unix, "y", time_unit="s")
    assert load_panel(unix, "y", time_unit="s", tz="America/New_York").calendar.freq_text == "h 09:30-15:30"


def test_naive_utc_text_is_told_to_be_converted_from_utc_before_tz():
    with pytest.raises(RnncastError) as refused:
        load_panel(_frame(NEW_YORK, NEW_YORK.strftime("%Y-%m-%d %H:%M")), "y")
    said = str(refused.value)
    assert said.startswith("time column 'ds' is read as written (without a zone), but its bars are a trading session's")
    assert "df['ds'] = pd.to_datetime(df['ds'], utc=True).dt.tz_convert('America/New_York'), then tz=" in said
    converted = pd.to_datetime(NEW_YORK.strftime("%Y-%m-%d %H:%M"), utc=True).tz_convert("America/New_York")
    assert load_panel(_frame(NEW_YORK, converted), "y").calendar.freq_text == "30min 09:30-15:30"


def test_a_panel_names_each_markets_zone_and_a_session_kept_in_utc_is_read():
    london = _bars("Europe/London", "08:00", "16:30")
    both = pd.concat([_frame(NEW_YORK, NEW_YORK.strftime("%Y-%m-%dT%H:%M:%SZ")).assign(unique_id="SPY"),
                      _frame(london, london.strftime("%Y-%m-%dT%H:%M:%SZ")).assign(unique_id="VOD")])
    with pytest.raises(RnncastError, match=r"series 'SPY' opens at 09:30 on America/New_York's clock; series 'VOD' "
                                           r"opens at 08:00 on Europe/London's clock; .*'America/New_York' for 'SPY'; "
                                           r"'Europe/London' for 'VOD'"):
        load_panel(both, "y", id_col="unique_id")
    summer = _bars("America/New_York", "09:30", "16:00", days=pd.bdate_range("2024-06-03", "2024-09-27"))
    tokyo = _bars("Asia/Tokyo", "09:00", "15:00")  # no daylight saving: one session in UTC, its own
    for time in (summer, tokyo):
        assert load_panel(_frame(time, time.strftime("%Y-%m-%dT%H:%M:%SZ")), "y").calendar.session is not None


def test_a_panel_of_new_york_and_tokyo_bars_in_utc_says_the_series_keep_different_clocks():
    """SPY's and TYO's bars written 'Z' were told to read the whole table at America/New_York, which then told TYO
    'America/Sao_Paulo' (its 21:00 opening): both lines name each series' likely zone (Tokyo's, whose sessions of
    00:00-06:00Z close at 15:00 there), that a clock per series is not supported, and to fit them apart."""
    tokyo = _bars("Asia/Tokyo", "09:00", "15:00")
    both = pd.concat([_frame(NEW_YORK, NEW_YORK.strftime("%Y-%m-%dT%H:%M:%SZ")).assign(unique_id="SPY"),
                      _frame(tokyo, tokyo.strftime("%Y-%m-%dT%H:%M:%SZ")).assign(unique_id="TYO")])
    for tz, read in ((None, "in UTC"), ("America/New_York", "at America/New_York")):
        with pytest.raises(RnncastError) as refused:
            load_panel(both, "y", id_col="unique_id", tz=tz)
        said = str(refused.value)
        assert said.startswith(f"time column 'ds' is read {read}, but the series keep different clocks: "), said
        assert "series 'TYO' opens at 09:00 on Asia/Tokyo's clock" in said and "Sao_Paulo" not in said
        assert "series 'SPY' opens at 09:30 on America/New_York's clock" in said
        assert "a clock per series is not supported, so no one tz= reads them all" in said
        assert "fit each market's series apart" in said and "'Asia/Tokyo' for 'TYO'" in said
    assert load_panel(both[both["unique_id"] == "TYO"], "y", tz="Asia/Tokyo").calendar.freq_text == "30min 09:00-14:30"


def test_kept_weighs_each_sessions_first_bar():
    session = load_panel(_frame(NEW_YORK, NEW_YORK.strftime("%Y-%m-%dT%H:%M:%SZ")), "y", tz="UTC",
                         announce=False).calendar.session
    opens = first_bars(NEW_YORK, session)
    assert len(opens) == len(DAYS) and set(opens.strftime("%H:%M")) == {"13:30", "14:30"}
    assert kept(NEW_YORK, session, [])[0][:2] == ("America/New_York", "09:30")
    assert kept(NEW_YORK, session, [("America/Chicago", "08:30")]) == [("America/Chicago", "08:30", 0)]
    assert kept(NEW_YORK.tz_convert("America/New_York"), session, []) is None  # one opening on its own clock


def test_naive_utc_text_read_with_tz_is_refused_as_utcs_to_convert_first():
    """A tester's NYSE bars as naive UTC text fit with tz='America/New_York' (the conversion skipped) were read as
    '30min 13:30-20:30' with 106 rows missing and forecasts at 13:30 New York time: the roles of the clocks swapped."""
    text = NEW_YORK.strftime("%Y-%m-%d %H:%M")
    for given in ({}, {"holidays": "NYSE"}, {"freq": "30min 13:30-20:30"}):
        with pytest.raises(RnncastError) as refused:
            load_panel(_frame(NEW_YORK, text), "y", tz="America/New_York", **given)
        said = str(refused.value)
        assert said.startswith("time column 'ds' is read on the clock of America/New_York (tz=), but its trading "
                               "sessions open there at two times of day, 13:30 and 14:30")
        assert "read as UTC's times they open at one, 09:30 there: the times are UTC's" in said
        assert "pd.to_datetime(df['ds'], utc=True).dt.tz_convert('America/New_York'), then tz=" in said
    as_chicago = pd.DataFrame({"ds": text, "y": 1.0}).pipe(lambda f: f.assign(y=np.arange(len(f), dtype=float)))
    with pytest.raises(RnncastError, match=r"open at one, 08:30 there: .*tz_convert\('America/Chicago'\)"):
        load_panel(as_chicago, "y", tz="America/Chicago")
    wall = NEW_YORK.tz_convert("America/New_York").strftime("%Y-%m-%d %H:%M")  # New York's own text: read as before
    assert load_panel(_frame(NEW_YORK, wall), "y", tz="America/New_York").calendar.freq_text == "30min 09:30-15:30"
    summer = _bars("America/New_York", "09:30", "16:00", days=pd.bdate_range("2024-06-03", "2024-09-27"))
    assert load_panel(_frame(summer, summer.strftime("%Y-%m-%d %H:%M")), "y",  # no change crossed: nothing to tell
                      tz="America/New_York").calendar.session is not None


def test_a_refused_clock_says_no_half_day_close_first(caplog):
    """Refused UTC bars with holidays='NYSE' first logged '2024-11-29 bars to 17:55 (as the data's half days end)',
    a UTC close: the note comes once the clock is settled, so not at all where it is refused."""
    import logging

    days = pd.bdate_range("2024-09-03", "2024-12-06").drop(pd.DatetimeIndex(["2024-11-28"]))
    utc = _bars("America/New_York", "09:30", "16:00", days=days)
    frame = _frame(utc, utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
    with caplog.at_level(logging.INFO, logger="rnncast"), pytest.raises(RnncastError, match="is read in UTC"):
        load_panel(frame, "y", holidays="NYSE")
    assert "half days" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(frame, "y", holidays="NYSE", tz="America/New_York")
    assert caplog.text.count("calendar: NYSE's half days") == 1


def test_naive_utc_daily_closes_read_with_tz_are_told_to_be_converted_not_given_another_zone():
    """New York's 16:00 closes as naive UTC text (20:00, 21:00) read with tz='America/New_York' were told to read
    them with tz='Antarctica/Troll', whose clock keeps them at 02:00: the times are UTC's."""
    days = pd.bdate_range("2024-06-03", "2025-01-31")
    closes = (days + pd.Timedelta(hours=16)).tz_localize("America/New_York").tz_convert("UTC")
    with pytest.raises(RnncastError) as refused:
        load_panel(_frame(closes, closes.strftime("%Y-%m-%d %H:%M")), "y", tz="America/New_York")
    said = str(refused.value)
    assert said.startswith("time column 'ds' is read on the clock of America/New_York (tz=), but its rows fall there "
                           "at two times of day, 20:00 and 21:00") and "they fall at one, 16:00 there" in said
    assert "Troll" not in said and ".dt.tz_convert('America/New_York'), then tz=" in said
    dates = pd.DataFrame({"ds": days.strftime("%Y-%m-%d"), "y": np.arange(len(days), dtype=float)})
    assert load_panel(dates, "y", tz="America/New_York").calendar.freq_text is not None  # midnights: as before


def test_session_firsts_are_the_rows_of_each_series_first_bars_shared_by_both_checks():
    """``session_firsts`` (decision 954): each session series' first bars found once for ``refuse`` and
    ``refuse_utc``; the rows ``first_bars`` finds, zoned or naive, and no series without a session."""
    wall = NEW_YORK.tz_convert("America/New_York").tz_localize(None)
    frame = pd.concat([_frame(wall, wall.strftime("%Y-%m-%d %H:%M")).assign(id=k) for k in ("a", "b")])
    panel = load_panel(frame, "y", id_col="id", tz="America/New_York")
    firsts = session_firsts(panel.time, panel.offsets, panel.calendar, {})
    assert sorted(firsts) == [0, 1]
    for s, rows in firsts.items():
        cut = panel.time_of(s)
        assert cut[rows].equals(first_bars(cut, panel.calendar.session)) and set(cut[rows].strftime("%H:%M")) == {"09:30"}
        assert cut.tz_localize(None)[rows].equals(first_bars(cut.tz_localize(None), panel.calendar.session))
    assert session_firsts(panel.time, panel.offsets, panel.calendar, {0: Calendar(), 1: Calendar()}) == {}


def _session():
    return load_panel(_frame(NEW_YORK, NEW_YORK.strftime("%Y-%m-%dT%H:%M:%SZ")), "y", tz="UTC",
                      announce=False).calendar.session


def test_the_last_bar_of_each_session_is_the_row_before_the_next_opens_one_session_and_one_row_too():
    """``last_rows`` (decision 995) derives the sessions' last bars from their first: each session's latest row,
    for a half day (a 13:00 close, mid-series), a lone session, a lone row and no rows alike, zoned or naive."""
    session = _session()
    half = NEW_YORK[~((NEW_YORK.tz_convert("America/New_York").normalize() == pd.Timestamp("2024-11-26", tz=
                      "America/New_York")) & (NEW_YORK.tz_convert("America/New_York").hour >= 13))]
    for cut in (NEW_YORK, half, half.tz_localize(None), NEW_YORK[:13], NEW_YORK[:1], NEW_YORK[:0]):
        rows = last_rows(first_rows(cut, session), len(cut))
        wall = cut.tz_localize(None) if cut.tz is not None else cut
        latest = pd.Series(np.arange(len(cut))).groupby(np.asarray((wall - session.first).normalize())).max()
        assert list(rows) == list(latest), len(cut)
    closes = half[last_rows(first_rows(half, session), len(half))].tz_convert("America/New_York").strftime("%H:%M")
    assert len(closes) == len(DAYS) and sorted(set(closes)) == ["12:30", "15:30"] and list(closes).count("12:30") == 1


def test_kept_weighs_the_first_rows_it_is_given_and_no_closes_where_no_zone_keeps_the_openings(monkeypatch):
    """Given the rows of the first bars (``session_firsts``', decision 995), ``kept`` and ``market`` find them no
    more; where the openings keep one time on their own clock, or no zone's, no close is weighed at all."""
    session = _session()
    at = first_rows(NEW_YORK, session)
    rng = np.random.default_rng(3)  # two openings, 13:30 and 14:30 UTC, on days at random: no zone's daylight saving
    wander = pd.DatetimeIndex(np.concatenate([pd.date_range(f"{d.date()} {rng.choice(['13:30', '14:30'])}",
                                                            f"{d.date()} 20:00", freq="30min") for d in DAYS]), tz="UTC")
    wandering = first_rows(wander, session)
    found, where = kept(NEW_YORK, session, []), market(NEW_YORK, session, ["America/New_York"])
    monkeypatch.setattr(movedsessions, "first_rows", lambda *a: pytest.fail("first rows found again"))
    assert kept(NEW_YORK, session, [], at) == found and found[0][:2] == ("America/New_York", "09:30")
    assert market(NEW_YORK, session, ["America/New_York"], at) == where == ("America/New_York", "09:30")
    monkeypatch.setattr(movedsessions, "market", lambda *a: pytest.fail("closes weighed for no clock"))
    assert kept(NEW_YORK.tz_convert("America/New_York"), session, [], at) is None  # one opening on its own clock
    assert set(wander[wandering].strftime("%H:%M")) == {"13:30", "14:30"}
    assert kept(wander, session, [], wandering) is None


def _fx(step: str = "h") -> pd.DatetimeIndex:
    """An FX feed's 24/5 bars, Sunday 17:00 to Friday 17:00 New York's, across its end of daylight saving, as UTC."""
    full = pd.date_range("2024-09-29 17:00", "2024-11-29 16:59", freq=step, tz="America/New_York")
    wd, h = full.day_of_week, full.hour
    return full[~((wd == 5) | ((wd == 4) & (h >= 17)) | ((wd == 6) & (h < 17)))].tz_convert("UTC")


def test_a_24_5_fx_feed_in_utc_is_refused_not_given_a_saturday_session():
    """Decision 1614: a tester's FX feed written in UTC (opening 21:00 in summer, 22:00 in winter) was read as
    'h 22:00-21:00 Sat Sun Mon Tue Wed Thu' and predict dated forecasts on Saturday 22:00 UTC, the market shut."""
    fx = _fx()
    for written in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%SZ"):
        with pytest.raises(RnncastError) as refused:
            load_panel(_frame(fx, fx.strftime(written)), "y")
        said = str(refused.value)
        assert "opening at 17:00 in America/New_York" in said and "--tz America/New_York" in said
        assert " they are 'h 21:00-20:00 Sun Mon Tue Wed Thu Fri', their forecasts an hour off" in said  # as UTC
    calendar = load_panel(_frame(fx, fx.strftime("%Y-%m-%dT%H:%M:%SZ")), "y", tz="America/New_York").calendar
    assert calendar.freq_text == "h 17:00-16:00 Sun Mon Tue Wed Thu"


def test_a_whole_days_session_opens_where_its_rows_resume_after_a_day_or_more():
    fx = _fx().tz_convert("America/New_York")
    session = load_panel(_frame(fx, fx.strftime("%Y-%m-%dT%H:%M:%S%z")), "y",
                         tz="America/New_York").calendar.session
    at = first_rows(fx, session)
    assert set(fx[at].strftime("%a %H:%M")) == {"Sun 17:00"} and len(at) == 8  # 9 weeks, the first row not counted
    assert set((fx[last_rows(at, len(fx))] + session.step).strftime("%a %H:%M")) == {"Fri 17:00"}
