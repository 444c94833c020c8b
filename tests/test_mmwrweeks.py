"""CDC's MMWR weeks written YYYYWW (an epiweek column): read as the Sunday each starts on, week 53 where MMWR's year has
one (2014) and ISO's none, so the column is found as the time and refused saying how to write them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, mmwrweeks
from rnncast.loading import load_panel


def _epiweeks(name="epiweek", years=(2014, 2015, 2016)):
    weeks = [y * 100 + w for y in years for w in range(1, 54 if y in (2014, 2020) else 53)]
    return pd.DataFrame({name: weeks, "ili": np.random.default_rng(11).random(len(weeks)).round(3) + 2})


def test_mmwr_weeks_are_read_as_their_sundays_with_week_53_only_where_mmwr_has_one():
    sundays = mmwrweeks.weeks(np.array([201401, 201453, 201501, 202053, 202101]))
    assert [f"{d:%Y-%m-%d}" for d in sundays] == ["2013-12-29", "2014-12-28", "2015-01-04", "2020-12-27", "2021-01-03"]
    assert set(sundays.day_name()) == {"Sunday"}
    assert mmwrweeks.weeks(np.array([201501, 201553])) is None  # ISO's 2015 has a week 53, MMWR's none
    assert mmwrweeks.weeks(np.array([201400, 201401])) is None and mmwrweeks.weeks(np.array([2014, 2015])) is None


@pytest.mark.parametrize("name", ["epiweek", "week", "yearweek"])
def test_a_column_holding_mmwr_s_week_53_is_found_as_the_time_and_refused_saying_how_to_write_it(name):
    """epiweek 201401 .. 201652 (2014 has MMWR week 53, ISO's 2014 none) was "no time column: rows are numbered" and
    "not used: epiweek": the ISO reading rejected the column for that one value."""
    with pytest.raises(RnncastError, match=rf"^time column '{name}' holds 201401 .. 201652, which look like CDC's MMWR "
                                           r"weeks written YYYYWW \(Sunday to Saturday, 201453 is a week 53, which "
                                           r"MMWR's 2014 has and ISO's lacks; 201401: the week of Sunday 29 December "
                                           r"2013\): .*read as MMWR weeks none; rnncast reads no MMWR weeks: write each "
                                           r"as the Sunday its week starts on \(201401: 2013-12-29\), e\.g\. january4 = "
                                           r".*unit='W'\); or give a step \(freq=1, --freq 1\)"):
        load_panel(_epiweeks(name), target="ili")


def test_the_way_the_refusal_gives_writes_each_week_as_its_sunday_and_rnncast_reads_them_weekly():
    frame = _epiweeks()
    with pytest.raises(RnncastError) as refused:
        load_panel(frame, target="ili")
    way = str(refused.value).split("e.g. ")[1].split("; or give")[0]
    exec(way, {"pd": pd, "frame": frame})  # the user's line, as the refusal writes it
    panel = load_panel(frame, target="ili", time_col="epiweek")
    assert panel.calendar.freq_text == "W-SUN" and len(panel.time) == 157 and panel.time[53] == pd.Timestamp("2015-01-04")


def test_an_epiweek_column_iso_would_read_too_is_named_mmwr_with_the_iso_way_beside():
    frame = _epiweeks(years=(2019, 2020, 2021))  # 2020 has MMWR week 53 and ISO week 53 both
    frame = frame[frame.epiweek != 202053].reset_index(drop=True)
    with pytest.raises(RnncastError, match=r"look like CDC's MMWR weeks written YYYYWW \(Sunday to Saturday, as its name "
                                           r"says; 201901: the week of Sunday 30 December 2018\): .*if they are ISO "
                                           r"weeks \(Monday to Sunday\), write them 2019-W01; or give a step"):
        load_panel(frame, target="ili")


def test_both_calendars_week_53_rules_live_here_once():
    """r37r2 6: fiscalweeks.iso_long copied splittime._iso_long; both calendars' "has a week 53" are here (decision
    2016)."""
    from rnncast import fiscalweeks, splittime
    from rnncast.mmwrweeks import iso_long, long_year

    assert [y for y in range(2014, 2027) if iso_long(y)] == [2015, 2020, 2026]
    assert [y for y in range(2014, 2027) if long_year(y)] == [2014, 2020, 2025]
    assert not hasattr(splittime, "_iso_long") and fiscalweeks.iso_long is iso_long  # one rule, imported
