"""What a daylight-saving change explains in naive times (``clockchanges.py``): the zones tried, and the first
of many groups a clock going forward skips."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import clockchanges


def test_the_machines_zone_is_tried_first_then_the_common_ones(monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: "Europe/Paris")
    assert clockchanges.preferred() == ["Europe/Paris", *clockchanges.COMMON_ZONES]
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)
    assert clockchanges.preferred() == list(clockchanges.COMMON_ZONES)


def test_a_repeated_hour_names_the_zones_it_occurs_twice_in(monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)
    said = clockchanges.clock_change(["2024-10-27 02:30"], "2024-10-27 02:30", repeated=True)
    assert "2024-10-27 02:30 occurs twice in" in said and "Europe/Berlin" in said and "tz" in said
    assert clockchanges.clock_change(["2024-06-01 02:30"], "x", repeated=True) == ""  # no change that night
    assert clockchanges.clock_change(pd.DatetimeIndex(["2024-10-27 02:30"], tz="UTC"), "x", repeated=True) == ""


def test_first_skipped_finds_the_first_group_a_clock_going_forward_skips_whole(monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)
    stamps = pd.DatetimeIndex(["2024-03-30 02:00", "2024-03-31 02:00", "2024-03-31 03:00",  # Berlin: 03:00 exists
                               "2024-03-31 02:00", "2024-03-31 02:30", "2024-03-10 02:00"])
    counts = [1, 2, 2, 1]
    assert clockchanges.first_skipped(stamps, counts) == 2
    groups = np.split(stamps, np.cumsum(counts)[:-1])
    assert [bool(clockchanges.clock_change(g, "", False)) for g in groups] == [False, False, True, True]  # as each alone
    assert clockchanges.first_skipped(stamps[:3], [1, 2]) is None
    assert clockchanges.first_skipped(stamps.tz_localize("UTC"), counts) is None  # zoned times: no clock to guess


def test_a_zone_that_cannot_be_read_is_tried_per_group_alone_each_other_zone_read_once(monkeypatch):
    """A TZ that is no IANA zone failed the read of all groups at once; each group was then read by clock_change in
    every zone again, once per group. Now that zone alone is tried per group; the answer is as before."""
    monkeypatch.setattr(clockchanges, "local_zone", lambda: "Not/AZone")
    stamps = pd.DatetimeIndex(["2024-03-30 02:00", "2024-03-31 02:00", "2024-03-31 03:00",
                               "2024-03-31 02:00", "2024-03-31 02:30", "2024-03-10 02:00"])
    read, localize = [], pd.DatetimeIndex.tz_localize
    monkeypatch.setattr(pd.DatetimeIndex, "tz_localize",
                        lambda self, tz, **kw: read.append(tz) or localize(self, tz, **kw))
    assert clockchanges.first_skipped(stamps, [1, 2, 2, 1]) == 2
    assert read == ["Not/AZone"] * 5 + list(clockchanges.COMMON_ZONES)  # all at once, then each of the 4 groups
