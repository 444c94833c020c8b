"""Zoned timestamps that keep one wall-clock time in another zone (``zoneclock.py``): that zone named with tz=."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from rnncast.loading import load_panel
from rnncast.zoneclock import kept_clock, kept_hint, week_clock


def _closes(zone: str, clock: str) -> pd.DatetimeIndex:
    days = pd.bdate_range("2022-01-03", "2023-12-29")
    return pd.DatetimeIndex(days + pd.Timedelta(clock + ":00")).tz_localize(zone).tz_convert("UTC")


def test_a_markets_closes_written_in_utc_keep_their_own_clock():
    new_york = kept_clock(_closes("America/New_York", "16:00"))
    assert [clock[:2] for clock in new_york[:3]] == [("America/New_York", "16:00"), ("America/Chicago", "15:00"),
                                                     ("America/Los_Angeles", "13:00")]
    assert new_york[0][2] > 0  # Toronto, Detroit ...: their clocks keep 16:00 too
    assert kept_clock(_closes("Asia/Tehran", "12:30")) == [("Asia/Tehran", "12:30", 0)]  # its own daylight saving


def test_a_paris_close_is_not_told_londons_clock_alone():
    """A tester's Paris close (17:30) in UTC was told "the timestamps keep 16:30 on the clock of Europe/London": the
    times cannot tell the two apart (one daylight saving), so each clock they keep is named, Central Europe's first."""
    paris = kept_clock(_closes("Europe/Paris", "17:30"))
    assert [clock[:2] for clock in paris[:2]] == [("Europe/Berlin", "17:30"), ("Europe/London", "16:30")]
    assert kept_clock(_closes("Europe/London", "16:30")) == paris  # the same instants
    said = kept_hint(paris)
    assert re.match(r"the timestamps keep one time of day on the clock of any zone whose daylight saving changes on "
                    r"their dates, their hour in UTC moving with it \(no jitter to round\): 17:30 in Europe/Berlin "
                    r"\(and \d+ other zones\), 16:30 in Europe/London \(and \d+ other zones\), ", said)  # tzdata's count
    assert said.endswith("read the table on the clock of the data's place, where its time of day is the one you know "
                         "(for the first: tz='Europe/Berlin', --tz Europe/Berlin)")


def test_times_of_one_utc_hour_naive_or_jittered_keep_no_zones_clock():
    assert kept_clock(_closes("Asia/Tokyo", "15:00")) is None  # one UTC hour all year: a clock of its own already
    assert kept_clock(_closes("America/New_York", "16:00").tz_localize(None)) is None  # naive: no zone to move from
    jitter = pd.date_range("2024-01-01", periods=300, freq="D", tz="UTC") + pd.to_timedelta(
        np.random.default_rng(0).integers(0, 600, 300), unit="s")
    assert kept_clock(jitter) is None  # a logger's seconds: no zone's clock


def test_tokyos_midnights_in_utc_are_a_sunday_to_thursday_week_named_as_tokyos_days():
    midnights = _closes("Asia/Tokyo", "00:00")
    assert week_clock(midnights, "Sun Mon Tue Wed Thu") == "Asia/Tokyo"
    assert week_clock(midnights, None) is None
    assert week_clock(_closes("UTC", "00:00"), "Sun Mon Tue Wed Thu") is None


def test_fit_names_the_zone_where_utc_closes_keep_no_calendar_and_where_a_week_is_tokyos(caplog):
    """A finance tester's NYSE closes written in UTC were told "the timestamps lie within 1 h of a 1-day grid
    (jitter); round them"; Tokyo's midnights as a UTC index read as a Sunday-to-Thursday week, forecast on holidays."""
    closes = _closes("America/New_York", "16:00")
    y = np.sin(np.arange(len(closes)) / 7.0)
    ny = pd.DataFrame({"ds": closes.strftime("%Y-%m-%dT%H:%M:%SZ"), "y": y})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(ny, "y")
    assert any(re.search(r"\(no jitter to round\): 16:00 in America/New_York \(and \d+ other zones\), 15:00 in "
                         r"America/Chicago", r.getMessage()) for r in caplog.records)
    assert load_panel(ny, "y", tz="America/New_York").calendar.freq is not None  # read so, it keeps one
    caplog.clear()
    tokyo = pd.DataFrame({"y": y}, index=_closes("Asia/Tokyo", "00:00").rename("ds"))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(tokyo, "y")
    said = [r.getMessage() for r in caplog.records if "Asia/Tokyo" in r.getMessage()]
    assert said and said[0].startswith("the timestamps fall at 15:00 UTC on a Sun Mon Tue Wed Thu week, which is the "
                                       "midnights of Monday to Friday on the clock of Asia/Tokyo")
