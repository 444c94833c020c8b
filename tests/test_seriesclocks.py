"""A panel read on one zone's clock whose series keep another zone's (``seriesclocks.py``): each such series named
with the clock it keeps, and refused at fit with what a panel of several clocks can do."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.seriesclocks import kept

DAYS = pd.bdate_range("2023-01-02", "2024-06-28")


def _closes(zone: str, clock: str, ids: list[str]) -> pd.DataFrame:
    """Business-day closes at ``clock`` on ``zone``'s clock, written with its offsets, for each of ``ids``."""
    text = [t.isoformat(sep=" ") for t in (DAYS + pd.Timedelta(clock + ":00")).tz_localize(zone)]  # 17:30:00+01:00
    return pd.concat([pd.DataFrame({"unique_id": i, "ds": text, "y": np.sin(np.arange(len(DAYS)) / (5.0 + k))})
                      for k, i in enumerate(ids)], ignore_index=True)


BERLIN_TOKYO = pd.concat([_closes("Europe/Berlin", "17:30", ["ALV", "SAP"]), _closes("Asia/Tokyo", "15:00", ["6758"])],
                         ignore_index=True)


def test_a_panel_of_berlin_and_tokyo_closes_read_on_berlins_clock_names_each_series_clock():
    """A tester's panel with tz='Europe/Berlin' read Tokyo's closes at 07:00 and 08:00 as a '24h' calendar with
    every weekend missing, and predict dated forecasts at 07:00+01:00 on Saturdays, with no warning."""
    with pytest.raises(RnncastError) as refused:
        load_panel(BERLIN_TOKYO, "y", tz="Europe/Berlin")
    said = str(refused.value)
    assert said.startswith("time column 'ds' is read on Europe/Berlin's clock (tz=, --tz), but series '6758' keeps "
                           "Asia/Tokyo's 15:00, at 07:00 and 08:00 on Europe/Berlin's clock as daylight saving moves them; "
                           "the other series ('ALV' and 'SAP') keep Europe/Berlin's clock")
    assert ("fit each market's series apart, each on its zone's clock (tz=, --tz: 'Asia/Tokyo' for '6758'; "
            "'Europe/Berlin' for 'ALV' and 'SAP')") in said
    assert "df['ds'] = df['ds'].map(lambda t: pd.Timestamp(t).tz_localize(None).normalize())" in said
    days = BERLIN_TOKYO.assign(ds=BERLIN_TOKYO["ds"].map(lambda t: pd.Timestamp(t).tz_localize(None).normalize()))
    assert load_panel(days, "y", freq="B").calendar.freq is not None  # the advice followed: each row by its day
    assert load_panel(BERLIN_TOKYO[BERLIN_TOKYO.unique_id == "6758"], "y", tz="Asia/Tokyo").calendar.freq is not None


def test_any_zone_read_names_the_series_off_its_clock_and_one_other_clock_is_told_as_the_tables():
    with pytest.raises(RnncastError, match=r"series 'ALV' and 'SAP' keep Europe/Berlin's 17:30, at 01:30 and 00:30 on "
                                           r"Asia/Tokyo's clock"):
        load_panel(BERLIN_TOKYO, "y", tz="Asia/Tokyo")
    with pytest.raises(RnncastError) as refused:  # read in UTC, Tokyo's closes keep 06:00, but were written at +09:00
        load_panel(BERLIN_TOKYO, "y", tz="UTC")
    assert "(tz=, --tz: 'Europe/Berlin' for 'ALV' and 'SAP'; 'Asia/Tokyo' for '6758')" in str(refused.value)
    tokyo = BERLIN_TOKYO[BERLIN_TOKYO.unique_id == "6758"]
    with pytest.raises(RnncastError, match=r"but its times keep Asia/Tokyo's 15:00, at 07:00 and 08:00 on "
                                           r"Europe/Berlin's clock .*; read the table on that clock \(tz='Asia/Tokyo'"):
        load_panel(tokyo, "y", tz="Europe/Berlin")


def test_hourly_rows_and_naive_times_keep_the_clock_they_are_read_on():
    hourly = pd.date_range("2024-03-20", "2024-04-10", freq="h", tz="Asia/Tokyo")
    assert kept(hourly.tz_convert("Europe/Berlin"), None, []) is None  # many times of day: no clock of days
    assert kept((DAYS + pd.Timedelta("17:30:00")).tz_localize("Europe/Berlin"), None, []) is None  # its own
    naive = BERLIN_TOKYO.assign(ds=BERLIN_TOKYO["ds"].str[:19])  # naive text: localized to the zone, its own clock
    assert load_panel(naive, "y", tz="Europe/Berlin").time.tz is not None


def test_a_zoned_index_of_several_clocks_read_as_given_is_warned_of(caplog):
    zoned = BERLIN_TOKYO.assign(ds=pd.to_datetime(BERLIN_TOKYO["ds"], utc=True, format="ISO8601"))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(zoned, "y")
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("time column 'ds' is zoned UTC")]
    assert said and "series 'ALV' and 'SAP' keep Europe/London's 16:30, at 16:30 and 15:30 on UTC's clock" in said[0]
    # Xetra's 17:30 closes are LSE's 16:30 instants: London's, first in zoneclock.FIRST, is named (the same days)


def test_every_days_utc_midnights_read_on_berlins_clock_keep_24_hour_steps_not_refused():
    """One step of absolute time continues on any clock: '24h' dates them (test_timeaxis' daily UTC instants)."""
    stamps = pd.date_range("2024-03-01", periods=100, freq="D").strftime("%Y-%m-%dT00:00:00Z")
    frame = pd.concat([pd.DataFrame({"unique_id": i, "ds": stamps, "y": np.arange(100.0)}) for i in "ab"])
    assert load_panel(frame, "y", tz="Europe/Berlin").calendar.freq == pd.tseries.frequencies.to_offset("24h")


def test_closes_written_in_utc_name_no_zone_of_a_clock_without_daylight_saving():
    """Tokyo's closes written in UTC (06:00Z) read on Berlin's clock keep 06:00 in UTC and on the clock of every zone
    without daylight saving (São Paulo's 03:00 among them): UTC is named, which dates them, not a zone guessed."""
    utc = BERLIN_TOKYO.assign(ds=pd.to_datetime(BERLIN_TOKYO["ds"], utc=True, format="ISO8601").dt.strftime(
        "%Y-%m-%dT%H:%M:%SZ"))
    with pytest.raises(RnncastError) as refused:
        load_panel(utc, "y", tz="Europe/Berlin")
    said = str(refused.value)
    assert "but series '6758' keeps UTC's 06:00, at 07:00 and 08:00 on Europe/Berlin's clock" in said
    assert "(tz=, --tz: 'UTC' for '6758'; 'Europe/Berlin' for 'ALV' and 'SAP')" in said


def test_the_resample_lines_columns_are_the_callers_labels_and_a_comma_splits_no_column():
    """r32r1 MED 5 (decision 1556): the id column was read back by splitting its text on commas, so one column named
    'store,region' became two, and integer labels were quoted as text. The key's columns are handed over as they are,
    each written as Python writes the caller's label."""
    from types import SimpleNamespace

    from rnncast.owncalendars import WIDE
    from rnncast.seriesclocks import resample_line

    long = SimpleNamespace(codes_by_row=np.zeros(4), id_col="store,region", time_col="timestamp")
    two, one = np.array([0, 2, 4]), np.array([0, 4])
    assert resample_line(long, two, "store,region", {}) == {"resample_by": "'store,region'", "resample_at": "'timestamp'"}
    assert resample_line(long, two, ["store,region", "item"], None)["resample_by"] == "'store,region', 'item'"
    assert resample_line(long, one, "store,region", {})["resample_by"] == ""  # one series: the one-series line
    numbered = SimpleNamespace(codes_by_row=np.zeros(4), id_col="1", time_col="0")
    assert resample_line(numbered, two, "1", {"0": 0, "1": 1, "2": 2}) == {"resample_by": "1", "resample_at": "0"}
    assert resample_line(numbered, two, "1", {})["resample_by"] == "'1'"  # a file's header: text, as read_csv reads it
    wide = SimpleNamespace(codes_by_row=None, id_col=None, time_col="timestamp")
    assert resample_line(wide, two, None, {})["resample_by"] == WIDE
    indexed = SimpleNamespace(codes_by_row=np.zeros(4), id_col="id", time_col="ts")  # a frame's index: no label given
    assert resample_line(indexed, two, "id", {"id": "id", "y": "y"}) == {"resample_by": "'id'", "resample_at": ""}
    assert resample_line(indexed, two, "id", {})["resample_at"] == "'ts'"  # a file's columns: none told, all columns
