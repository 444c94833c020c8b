"""Zoned timestamps that keep one wall-clock time in another zone (``zoneclock.py``): that zone named with tz=."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

import pytest

from rnncast import RnncastError
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
    times cannot tell the two apart (one daylight saving), so each clock they keep is named, London's first (the
    financial centres' in ``FIRST``'s order: LSE's 16:30 closes are these instants too)."""
    paris = kept_clock(_closes("Europe/Paris", "17:30"))
    assert [clock[:2] for clock in paris[:2]] == [("Europe/London", "16:30"), ("Europe/Berlin", "17:30")]
    assert kept_clock(_closes("Europe/London", "16:30")) == paris  # the same instants
    said = kept_hint(paris, _closes("Europe/Paris", "17:30"), "ds", "pd.to_datetime(df['ds'], utc=True)")
    assert re.match(r"the timestamps keep one time of day on the clock of any zone whose daylight saving changes on "
                    r"their dates, their hour as written moving with it \(no jitter to round\): 16:30 in Europe/London "
                    r"\(and \d+ other zones\), 17:30 in Europe/Berlin \(and \d+ other zones\), ", said)  # tzdata's count
    assert said.endswith("read the table on the clock of the data's place, where its time of day is the one you know "
                         "(for the first: tz='Europe/London', --tz Europe/London)")


def test_times_of_one_utc_hour_naive_or_jittered_keep_no_zones_clock():
    assert kept_clock(_closes("Asia/Tokyo", "15:00")) is None  # one UTC hour all year: a clock of its own already
    assert kept_clock(_closes("Asia/Tokyo", "15:00").tz_localize(None)) is None  # naive: the same
    local = _closes("Europe/Paris", "17:30").tz_convert("Europe/Paris").tz_localize(None)
    assert kept_clock(local) is None  # naive local closes keep one time of day on their own clock
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


def _half_days(zone: str, clock: str, early: str, dates: list[str]) -> pd.DatetimeIndex:
    """Closes at ``clock`` on ``zone``'s business days but at ``early`` on ``dates`` (a market's half days), in UTC."""
    days = pd.bdate_range("2022-01-03", "2023-12-29")
    at = [pd.Timedelta((early if str(d.date()) in dates else clock) + ":00") for d in days]
    return pd.DatetimeIndex(days + pd.TimedeltaIndex(at)).tz_localize(zone).tz_convert("UTC")


NYSE_HALF = ["2022-11-25", "2023-07-03", "2023-11-24"]  # the day after Thanksgiving, 3 July: 13:00 closes


def test_a_few_half_days_do_not_hide_the_clock_and_only_the_zones_keeping_most_rows_are_named():
    """Real NYSE closes in UTC: three 13:00 closes (18:00 UTC) among 16:00's kept the rows from two UTC times, so no
    clock was named (decision 762 needed exactly two)."""
    found = kept_clock(_half_days("America/New_York", "16:00", "13:00", NYSE_HALF))
    assert [clock[:2] for clock in found[:2]] == [("America/New_York", "16:00"), ("America/Chicago", "15:00")]
    assert not any(zone.startswith("Europe/") for zone, _, _ in found)  # Paris's 22:00 but for the weeks apart
    many = _half_days("America/New_York", "16:00", "13:00", [str(d.date()) for d in pd.bdate_range(
        "2022-01-03", "2023-12-29")[::10]])
    assert kept_clock(many) is None  # one row in ten at another time: no clock all but a few rows keep


def test_fit_names_the_clock_of_utc_closes_with_half_days_and_how_to_keep_those_rows(caplog):
    closes = _half_days("America/New_York", "16:00", "13:00", NYSE_HALF)
    frame = pd.DataFrame({"ds": closes.strftime("%Y-%m-%dT%H:%M:%SZ"), "y": np.sin(np.arange(len(closes)) / 7.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "y")
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "the timestamps keep one time of day (all but 3 rows, at America/New_York's 13:00 on 2022-11-25, 13:00 on " \
           "2023-07-03, 13:00 on 2023-11-24: a market's early closes) on the clock of any zone" in said
    assert ("(for the first: to keep the rows at other times, date each row by its day there, e.g. with pandas: "
            "df['ds'] = pd.to_datetime(df['ds'], utc=True).dt.tz_convert('America/New_York').dt.normalize(), then "
            "tz='America/New_York', --tz America/New_York)") in said
    frame["ds"] = pd.to_datetime(frame["ds"], utc=True).dt.tz_convert("America/New_York").dt.normalize()
    assert load_panel(frame, "y", tz="America/New_York").calendar.freq is not None  # the advice followed: 'B'
    with pytest.raises(RnncastError, match=r"is not on the calendar freq='B'; the timestamps keep one time of day"):
        load_panel(pd.DataFrame({"ds": closes, "y": frame["y"]}), "y", freq="B")  # a freq given is told the clock too


def test_naive_utc_closes_are_told_the_clock_they_keep_if_utc_and_how_to_read_them_so(caplog):
    """Naive timestamps that are UTC times of a New York close (21:00/20:00 by daylight saving) were told "the
    timestamps lie within 1 h of a 1-day grid (jitter); round them"; tz= alone would read them as New York's 21:00."""
    closes = _closes("America/New_York", "16:00").tz_localize(None)
    frame = pd.DataFrame({"ds": closes.strftime("%Y-%m-%d %H:%M:%S"), "y": np.sin(np.arange(len(closes)) / 7.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "y")
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "round them" not in said
    assert "16:00 in America/New_York" in said and "their hour (if they are UTC times) moving with it" in said
    assert ("naive times are read by tz= as that zone's own, so convert them from UTC first, e.g. with pandas: df['ds'] "
            "= pd.to_datetime(df['ds'], utc=True).dt.tz_convert('America/New_York'), then tz='America/New_York', "
            "--tz America/New_York)") in said
    frame["ds"] = pd.to_datetime(frame["ds"], utc=True).dt.tz_convert("America/New_York")
    panel = load_panel(frame, "y", tz="America/New_York")
    assert panel.calendar.freq is not None and panel.time[0].hour == 16


def test_naive_times_of_tokyos_midnights_in_utc_are_not_weighed():
    """15:00 on a Sunday-to-Thursday week is Tokyo's midnights in UTC, but as often Riyadh's close, written naive."""
    assert week_clock(_closes("Asia/Tokyo", "00:00").tz_localize(None), "Sun Mon Tue Wed Thu") is None


def test_a_panel_of_several_clocks_is_told_to_fit_its_markets_apart_or_date_each_row_by_its_day():
    from rnncast.zoneclock import apart_hint, series_named

    assert series_named(["SAP"]) == "'SAP'" and series_named(["ALV", "SAP", "SIE"]) == "'ALV', 'SAP' and 'SIE'"
    assert series_named(list("abcde")) == "'a', 'b', 'c' and 2 more"
    said = apart_hint("ds", {"Asia/Tokyo": ["6758"], "Europe/Berlin": ["ALV", "SAP"]})
    assert said.startswith("a panel is read on one clock, so fit each market's series apart, each on its zone's clock "
                           "(tz=, --tz: 'Asia/Tokyo' for '6758'; 'Europe/Berlin' for 'ALV' and 'SAP'), or date each row "
                           "by its day on its own clock and fit them together without tz=")
    frame = pd.DataFrame({"ds": ["2024-01-05 15:00:00+09:00", "2024-01-05 17:30:00+01:00"]})
    line = re.search(r"df\['ds'\] = (.*)\)\)$", said).group(1) + ")"  # the pandas line, run as given
    assert list(eval(line, {"pd": pd, "df": frame})) == [pd.Timestamp("2024-01-05")] * 2
    bars = apart_hint("ds", {"Asia/Tokyo": ["6758"]}, days=False)  # a session's bars: no day dates them
    assert bars.endswith("each on its zone's clock (tz=, --tz: 'Asia/Tokyo' for '6758')") and "normalize" not in bars


@pytest.mark.parametrize("zone,clock,early,dates", [
    ("Europe/London", "16:30", "12:30", ["2022-12-30", "2023-12-29"]),  # LSE: 12:30 on the last days of the year
    ("America/New_York", "16:00", "13:00", NYSE_HALF),
    ("Australia/Sydney", "16:00", "14:10", ["2022-12-23", "2023-12-29"])])
def test_the_markets_own_clock_is_named_first(zone, clock, early, dates):
    """London's closes in UTC were told "at Europe/Berlin's 13:30 ..." and Berlin's 17:30 first (the clock of most
    zones): the financial centre whose clock puts the time on a market's close is named first, in FIRST's order."""
    found = kept_clock(_half_days(zone, clock, early, dates))
    assert found[0][:2] == (zone, clock)
    said = kept_hint(found, _half_days(zone, clock, early, dates), "ds", "pd.to_datetime(df['ds'], utc=True)")
    assert f"at {zone}'s {early} on" in said and said.endswith(f"tz={zone!r}, --tz {zone})")


def test_tokyos_close_is_ranked_before_the_other_fixed_offsets_keeping_it():
    """Tokyo's 15:00 is 06:00 UTC all year: every zone without daylight saving keeps one time of day (Moscow's 09:00,
    Shanghai's 14:00); the one on a market's close is named first."""
    from rnncast.zoneclock import FIRST, ranked

    times = pd.DatetimeIndex(["2023-01-10 06:00", "2023-07-10 06:00"], tz="UTC")
    kept: dict[int, list[str]] = {}
    for zone in FIRST:
        local = times.tz_convert(zone)
        if local[0].time() == local[1].time():
            kept.setdefault(local[0].hour * 3600 + local[0].minute * 60, []).append(zone)
    assert ranked(kept)[0][1][0] == "Asia/Tokyo" and "Europe/Moscow" in {z for _, zs in kept.items() for z in zs}


def test_wall_drops_a_zone_keeping_the_local_clock_and_leaves_naive_times_alone():
    from rnncast.zoneclock import wall
    zoned = pd.DatetimeIndex(["2024-03-10 09:30", "2024-03-11 09:30"]).tz_localize("America/New_York")
    assert list(wall(zoned)) == list(pd.DatetimeIndex(["2024-03-10 09:30", "2024-03-11 09:30"]))
    assert wall(zoned[0]) == pd.Timestamp("2024-03-10 09:30")
    naive = pd.DatetimeIndex(["2024-03-10 09:30"])
    assert wall(naive) is naive
    assert wall(pd.Index([1, 2])).equals(pd.Index([1, 2]))  # no tz: as it is
