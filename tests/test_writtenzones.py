"""Times written with UTC offsets that change (``writtenzones.py``), as pandas writes a zoned index to CSV: the
clock they were written on, the zones whose offsets match every row, daily and monthly data refused at fit in
one line naming tz= and those zones (not trained on an irregular calendar predict cannot date), hourly data
read in UTC with the zones named in its warning."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, writtenzones
from rnncast.loading import load_panel
from rnncast.modeltimes import MODEL_ZONE, MODEL_ZONE_NONE
from rnncast.spelling import hints


@pytest.fixture(autouse=True)
def _machine_in_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")  # the machine's own zone is named first where it fits: none here


def _written(start, periods, freq, zone) -> pd.DataFrame:
    """A table as pandas writes a zoned index to CSV: each time with its UTC offset."""
    time = pd.date_range(start, periods=periods, freq=freq, tz=zone)
    values = 50 + np.cumsum(np.random.default_rng(0).normal(0, 1, periods))
    return pd.DataFrame({"date": time.astype(str), "sales": values})


def _read(frame):
    column = frame["date"]
    return pd.DatetimeIndex(pd.to_datetime(column, utc=True, format="ISO8601")), column


def test_the_wall_clock_is_the_times_as_written_and_the_zones_those_with_their_offsets():
    frame = _written("2024-02-01", 90, "D", "Europe/Berlin")
    utc, column = _read(frame)
    wall = writtenzones.wall_clock(column, utc)
    assert list(wall[[0, 59, 60]].astype(str)) == ["2024-02-01", "2024-03-31", "2024-04-01"]
    zones = writtenzones.zones(utc, wall, prefer=["Europe/Berlin"])
    assert zones[0] == "Europe/Berlin" and "Europe/Paris" in zones and "Europe/London" not in zones
    assert "America/New_York" in writtenzones.zones(*_ny_monthly())


def _ny_monthly():
    utc, column = _read(_written("2020-01-01", 48, "MS", "America/New_York"))
    return utc, writtenzones.wall_clock(column, utc)


def test_offsets_no_zone_has_are_said_so():
    text = pd.Series(["2024-01-01 00:00:00+01:00", "2024-01-02 00:00:00+03:00", "2024-01-03 00:00:00+01:00"])
    utc = pd.DatetimeIndex(pd.to_datetime(text, utc=True, format="ISO8601"))
    found = writtenzones.zones(utc, writtenzones.wall_clock(text, utc))
    assert found == [] and "no zone has these offsets" in writtenzones.remedy(found)


@pytest.mark.parametrize("start, freq, zone, calendar", [("2024-02-01", "D", "Europe/Berlin", "'D'"),
                                                          ("2020-01-01", "MS", "America/New_York", "'MS'")])
def test_daily_and_monthly_times_of_a_zone_across_daylight_saving_are_refused_naming_tz_and_the_zones(
        start, freq, zone, calendar):
    """They were read in UTC, fitted as 'no regular calendar' and written to a run predict refused."""
    frame = _written(start, 90 if freq == "D" else 48, freq, zone)
    with pytest.raises(RnncastError, match=rf"follow the calendar {calendar} on the clock they are written in, but no "
                                           rf"regular calendar in UTC.*give tz= \(--tz\) the zone they were written in, "
                                           rf"e\.g\. {zone} \(or \d+ other zones with the same offsets\)"):
        load_panel(frame, target="sales")
    with pytest.raises(RnncastError, match=rf"freq='{freq}' on the clock they are written in.* e\.g\. {zone} "):
        load_panel(frame, target="sales", freq=freq)  # was "2024-03-31 22:00:00+00:00 is not on the calendar freq='D'"
    panel = load_panel(frame, target="sales", tz=zone)
    assert panel.calendar.freq_text == freq and panel.calendar.tz == zone


def test_a_fit_on_them_writes_no_run():
    frame = _written("2024-02-01", 90, "D", "Europe/Berlin")
    with pytest.raises(RnncastError, match="e.g. Europe/Berlin"):
        Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="sales")


def test_hourly_times_keep_their_calendar_in_utc_and_the_warning_names_their_zone(caplog):
    frame = _written("2024-03-20", 24 * 20, "h", "Europe/Berlin")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, target="sales")
    assert panel.calendar.freq_text == "h" and str(panel.time.tz) == "UTC"
    said = [r.getMessage() for r in caplog.records if "several UTC offsets" in r.getMessage()]
    assert len(said) == 1 and "e.g. Europe/Berlin (or" in said[0]
    # named as read, in UTC, as the command's later lines name its times (not 03:00 on the written clock)
    assert "(+01:00, +02:00; the first change, to +02:00 from +01:00, at 2024-03-31 01:00:00+00:00 (row 266))" in said[0]


def test_the_warning_names_the_first_change_in_the_datas_form_in_utc(caplog):
    """Across the autumn change the written wall time alone (2024-10-27 02:00:00) names two instants."""
    time = pd.date_range("2024-10-20", periods=24 * 14, freq="h", tz="Europe/Berlin")
    frame = pd.DataFrame({"date": [t.isoformat() for t in time], "sales": np.sin(np.arange(len(time)))})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, target="sales")
    said = next(r.getMessage() for r in caplog.records if "several UTC offsets" in r.getMessage())
    assert "the first change, to +01:00 from +02:00, at 2024-10-27T01:00:00+00:00 (row 171)" in said


def test_a_models_reader_is_told_to_refit_with_the_zone_not_to_give_tz():
    """predict has no tz=: its warning of a future file read in UTC said "give tz= (--tz)"."""
    with hints(zone=MODEL_ZONE, zone_none=MODEL_ZONE_NONE):
        told, none = writtenzones.remedy(["Europe/Berlin", "Europe/Paris"]), writtenzones.remedy([])
    assert told.startswith("refit with the zone they were written in (rnncast fit DATA --tz ZONE, tz= in Python), "
                           "e.g. Europe/Berlin (or 1 other zone") and "tz= (--tz)" not in told
    assert "refit with its zone (rnncast fit DATA --tz ZONE, tz= in Python)" in none and "(--tz)" not in none
    assert writtenzones.remedy(["Europe/Berlin"]).startswith("give tz= (--tz) the zone they were written in")


def test_the_refusal_names_the_first_change_of_offset_where_it_is_written():
    """The refusal named the offsets (+01:00, +02:00) but not where they change, for the reader to look."""
    frame = _written("2024-02-01", 90, "D", "Europe/Berlin")
    with pytest.raises(RnncastError, match=r"carries several UTC offsets \(\+01:00, \+02:00; the first change, to "
                                           r"\+02:00 from \+01:00, at 2024-04-01 \(row 60\)\): its times follow"):
        load_panel(frame, target="sales")
    autumn = _written("2024-10-01", 60, "D", "Europe/Berlin")
    with pytest.raises(RnncastError, match=r"the first change, to \+01:00 from \+02:00, at 2024-10-28 \(row 27\)"):
        load_panel(autumn, target="sales")


def test_business_days_so_written_with_holidays_are_checked_on_their_own_days_and_refused_naming_tz():
    """With holidays='DE' the holiday check read the instants in UTC: 2024-04-02 00:00+02:00 was 'one of the DE
    holidays (Easter Monday)' at 2024-04-01 22:00 UTC, and the refusal naming tz= was never reached."""
    days = pd.bdate_range("2024-02-01", "2024-05-31")
    days = days[~days.isin(pd.to_datetime(["2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20"]))]
    stamps = days.tz_localize("Europe/Berlin")
    frame = pd.DataFrame({"ds": [t.isoformat(sep=" ") for t in stamps], "sales": np.arange(len(days), dtype=float)})
    with pytest.raises(RnncastError, match=r"on the calendar of business days without DE holidays on the clock they "
                                           r"are written in.*e\.g\. Europe/Berlin"):
        load_panel(frame, target="sales", holidays="DE", freq="B")
    assert load_panel(frame, target="sales", holidays="DE", tz="Europe/Berlin").calendar.holidays == "DE"


def test_session_bars_written_with_changing_offsets_are_refused_naming_tz():
    """A year of NYSE 30-minute bars as APIs export them (09:30-05:00, then -04:00) was read in UTC as a session
    '30min 13:30-21:00' with hundreds of bars 'missing' and forecasts an hour off: refused naming tz= (decision 244)."""
    days = pd.bdate_range("2023-01-02", "2023-06-30")
    bars = [d + pd.Timedelta(hours=9, minutes=30) + k * pd.Timedelta(minutes=30) for d in days for k in range(13)]
    stamps = pd.DatetimeIndex(bars).tz_localize("America/New_York")
    frame = pd.DataFrame({"timestamp": [t.isoformat(sep=" ") for t in stamps], "close": np.arange(len(bars), dtype=float)})
    with pytest.raises(RnncastError, match=r"its bars are a trading session's on the clock they are written in.*"
                                           r"e\.g\. America/New_York"):
        load_panel(frame, target="close")
    assert load_panel(frame, target="close", tz="America/New_York").calendar.session is not None


def test_a_panel_of_two_markets_offsets_names_which_series_carry_which_and_what_to_do():
    """Berlin's closes at +01:00 and +02:00 beside Tokyo's at +09:00 were refused with "no zone has these offsets ...
    write every timestamp with one UTC offset, or without one and with tz= naming its zone", naming no series."""
    days = pd.bdate_range("2023-01-02", "2024-06-28")
    frames = [pd.DataFrame({"unique_id": i, "ds": [t.isoformat(sep=" ") for t in (days + pd.Timedelta(at)).tz_localize(z)],
                            "y": np.sin(np.arange(len(days)) / (5.0 + k))})
              for k, (i, z, at) in enumerate([("SAP", "Europe/Berlin", "17:30:00"), ("ALV", "Europe/Berlin", "17:30:00"),
                                              ("6758", "Asia/Tokyo", "15:00:00")])]
    with pytest.raises(RnncastError) as refused:
        load_panel(pd.concat(frames, ignore_index=True), "y")
    said = str(refused.value)
    assert ("no zone has the offsets of every series: series '6758' carries +09:00 (Asia/Tokyo's), 'ALV' and 'SAP' carry "
            "+01:00 and +02:00 (Europe/Berlin's); a panel is read on one clock, so fit each market's series apart, each on "
            "its zone's clock (tz=, --tz: 'Asia/Tokyo' for '6758'; 'Europe/Berlin' for 'ALV' and 'SAP'), or date each row "
            "by its day on its own clock") in said


def test_a_time_without_an_offset_is_refused_only_where_offset_written_times_are_read_in_utc():
    with pytest.raises(RnncastError, match=r"^cutoff '2024-10-26 20:00' is written without a UTC offset, but the data's "
                                           r"times are written with offsets and read in UTC"):
        writtenzones.without_offset("UTC", "%Y-%m-%dT%H:%M:%S%:z", "cutoff '2024-10-26 20:00'", "2024-10-26 20:00")
    for zone, fmt in (("UTC", "%Y-%m-%dT%H:%M:%SZ"), ("UTC", None), ("UTC+02:00", "%Y-%m-%dT%H:%M:%S%:z"),
                      ("Europe/Berlin", "%Y-%m-%dT%H:%M:%S%:z"), (None, "%Y-%m-%d %H:%M")):
        writtenzones.without_offset(zone, fmt, "cutoff", "2024-10-26 20:00")  # UTC's own, one offset, a zone: read
    utc = pd.date_range("2024-01-10", periods=4, freq="h", tz="UTC")  # written at +00:00 on every row: read at it
    writtenzones.without_offset("UTC", "%Y-%m-%dT%H:%M:%S%:z", "cutoff", "T", writtenzones.by_wall(utc, None))
    one = writtenzones.by_wall(utc, utc.tz_localize(None) + pd.Timedelta(hours=2))  # +02:00 throughout, read in UTC
    with pytest.raises(RnncastError, match=r"e\.g\. 2024-01-11 00:00\+02:00 "):  # (its zone changes ahead, fixedoffsets): refused
        writtenzones.without_offset("UTC", "%Y-%m-%dT%H:%M:%S%:z", "cutoff 'T'", "T", one, pd.Timestamp("2024-01-11"))
    assert [writtenzones.at_offset(z) for z in ("UTC+02:00", "UTC-03:30", "UTC", "Europe/Berlin", None)] == [
        "+02:00", "-03:30", None, None, None]


def test_a_time_without_an_offset_is_given_the_datas_own_offset_as_its_example():
    """The advice said "+02:00 for that wall time at +02:00" whatever the data: a tester's data at +00:00 that followed
    it was cut 2 hours early. The offset the data carries at that wall time, the last before it, or its first."""
    utc = pd.date_range("2024-10-26 20:00", periods=8, freq="h", tz="UTC")
    written = writtenzones.by_wall(utc, utc.tz_convert("Europe/London").tz_localize(None))  # +01:00, then +00:00
    assert sorted(set(written.dt.components.hours)) == [0, 1]

    def said(wall):
        with pytest.raises(RnncastError) as err:
            writtenzones.without_offset("UTC", "%Y-%m-%d %H:%M:%S%:z", "cutoff 'T'", "T", written, pd.Timestamp(wall))
        return str(err.value).split("e.g. ")[1].split("), ")[0] + ")"

    assert said("2024-10-26 22:00") == "2024-10-26 22:00+01:00 (the offset the data's times carry at that wall time)"
    assert said("2024-10-27 01:00") == ("2024-10-27 01:00+00:00 or 2024-10-27 01:00+01:00 (the data's times carry both "
                                        "there: the clocks repeat that hour)")
    assert said("2024-10-30 00:00:30") == "2024-10-30 00:00:30+00:00 (the offset of the data's last time before it)"
    assert said("2024-10-01 00:00") == "2024-10-01 00:00+01:00 (the offset of the data's first time, after it)"
    assert writtenzones.by_wall(utc.tz_localize(None), None) is None  # naive times: none written


def test_a_period_without_an_offset_is_given_the_datas_last_time_within_it_written_in_iso_8601():
    """'2024-11-03' was told "e.g. 2024-11-03+01:00", which no reader reads, and '2024-10-27' its first hour's +02:00
    though the day ends at +01:00: the example is the data's last time in the period (which cuts where the period
    does), with its offset; a period the data has no time in is told its first time, as a time given so is."""
    utc = pd.date_range("2024-10-26 20:00", periods=30, freq="h", tz="UTC")
    written = writtenzones.by_wall(utc, utc.tz_convert("Europe/Berlin").tz_localize(None))

    def said(text, wall, end):
        with pytest.raises(RnncastError) as err:
            writtenzones.without_offset("UTC", "%Y-%m-%dT%H:%M:%S%:z", f"cutoff {text!r}", text, written,
                                        pd.Timestamp(wall), pd.Timestamp(end))
        return str(err.value).split("e.g. ")[1].split("), ")[0] + ")"

    assert said("2024-10-27", "2024-10-27", "2024-10-27 23:59:59.999999999") == (
        "2024-10-27 23:00+01:00 (the data's last time within '2024-10-27', which cuts where it does, at its offset)")
    assert said("2024-10-27 10", "2024-10-27 10:00", "2024-10-27 10:59:59.999999999") == (
        "2024-10-27 10:00+01:00 (the offset the data's times carry at that wall time)")  # its one time: itself
    assert said("2024-11-02", "2024-11-02", "2024-11-02 23:59:59.999999999") == (
        "2024-11-02 00:00+01:00 (the offset of the data's last time before it)")  # no time within: no row between


def test_as_written_gives_an_instant_read_in_utc_at_the_offset_the_data_wrote_it_with():
    stamps = pd.date_range("2024-03-31", periods=4, freq="h", tz="Europe/Berlin")  # +01:00, +01:00, +02:00, +02:00
    utc = stamps.tz_convert("UTC")
    written = writtenzones.by_wall(utc, stamps.tz_localize(None))
    assert [str(writtenzones.as_written(t, written)) for t in utc[[1, 2]]] == ["2024-03-31 01:00:00+01:00", "2024-03-31 03:00:00+02:00"]
    assert str(writtenzones.as_written(utc[0], None)) == "2024-03-30 23:00:00+00:00"  # no offsets written: as read
    assert str(writtenzones.as_written(pd.Timestamp("2024-01-01", tz="UTC"), written)) == "2024-01-01 00:00:00+00:00"  # not the data's
    assert writtenzones.as_written(pd.Timestamp("2024-01-01"), written) == pd.Timestamp("2024-01-01")  # no zone: as it is


def test_session_bars_with_holidays_are_named_as_the_session_not_business_days():
    """t36t1 M1: 30-min bars written with +00:00/+01:00 and holidays='GB' were said to be 'on the calendar of business
    days without GB holidays'; the session is named (decision 1918)."""
    days = pd.bdate_range("2024-03-18", "2024-04-12")
    days = days[~days.isin(pd.to_datetime(["2024-03-29", "2024-04-01"]))]
    stamps = pd.DatetimeIndex([t for d in days for t in pd.date_range(f"{d.date()} 09:00", f"{d.date()} 16:30",
                                                                       freq="30min")]).tz_localize("Europe/London")
    frame = pd.DataFrame({"ds": [t.isoformat(sep=" ") for t in stamps], "y": np.arange(len(stamps), dtype=float)})
    with pytest.raises(RnncastError) as refused:
        load_panel(frame, target="y", holidays="GB")
    assert "of business days" not in str(refused.value) and "'30min 09:00-16:30' without GB holidays" in str(refused.value)
