"""Fiscal (retail) weeks and periods of 52/53-week years (``fiscalweeks.py``, decisions 1974, 1975): a week 53 no ISO or MMWR
year has (2023's), 4-4-5 period ends and ``FY2020-P01`` labels are recognised and said, with what works."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, fiscalweeks

RETAIL = pd.offsets.FY5253(weekday=5, startingMonth=1, variation="nearest")  # the Saturday nearest 31 January


def fiscal_weeks(years=range(2020, 2025)) -> pd.DataFrame:
    """Every fiscal week of ``years`` (named by the year they start in: FY2023 has 53 weeks) with its ending Saturday,
    its period (4-4-5, the 53rd week in P12) and a value."""
    ends = pd.date_range("2020-01-01", periods=len(years) + 1, freq=RETAIL)
    rows = []
    for year, start, end in zip(years, ends[:-1], ends[1:]):
        weeks = (end - start).days // 7
        periods = np.repeat(np.arange(1, 13), [4, 4, 5] * 3 + [4, 4, 5 + weeks - 52])
        rows += [(year, w + 1, periods[w], start + pd.Timedelta(weeks=w + 1)) for w in range(weeks)]
    frame = pd.DataFrame(rows, columns=["fiscal_year", "fiscal_week", "period", "week_end"])
    return frame.assign(units=np.random.default_rng(0).normal(100, 5, len(frame)).round(1))


def test_fy2023_has_the_week_53_no_iso_or_mmwr_2023_has():
    frame = fiscal_weeks()
    assert (frame.groupby("fiscal_year").size() == [52, 52, 52, 53, 52]).all()
    assert fiscalweeks.odd_year(frame["fiscal_year"].to_numpy(), frame["fiscal_week"].to_numpy()) == 2023
    assert fiscalweeks.odd_year(np.array([2020, 2015, 2014]), np.array([53, 53, 53])) is None  # ISO's, ISO's, MMWR's


@pytest.mark.parametrize("name, said", [("week", True), ("fiscal_week", True), ("FW", True), ("yyyyww", True),
                                        ("units", False), ("period", False)])
def test_a_yyyyww_column_with_such_a_week_53_is_refused_under_a_week_s_name(name, said):
    frame = fiscal_weeks()
    frame = pd.DataFrame({name: frame["fiscal_year"] * 100 + frame["fiscal_week"], "v": frame["units"]})
    message = fiscalweeks.compact(frame, [name, "v"])
    if not said:
        assert message is None
        return
    assert message.startswith(f"no time column was found: {name!r} holds 202001 .. 202452, weeks written YYYYWW, and "
                              "202353 is a week 53, which neither ISO nor MMWR gives 2023: fiscal (retail) weeks")
    assert "'W-SAT'" in message and "--no-time-col" in message


def test_a_yyyyww_time_column_named_so_is_refused_not_read_as_steps():
    frame = fiscal_weeks()
    time = pd.Index((frame["fiscal_year"] * 100 + frame["fiscal_week"]).to_numpy(), name="week")
    with pytest.raises(RnncastError, match=r"time column 'week' holds 202001 .. 202452, .*202353 is a week 53.*"
                                           r"or give a step \(freq=1, --freq 1\)"):
        fiscalweeks.refuse_told(time)
    fiscalweeks.refuse_told(pd.Index([202001, 202002, 202053], name="week"))  # ISO's 2020 has a week 53: not here


def test_fiscal_names_and_week_names():
    assert all(map(fiscalweeks.fiscal_named, ["fiscal_year", "FY", "fy_week", "Retail Week", "fiscalperiod"]))
    assert not any(map(fiscalweeks.fiscal_named, ["year", "fyear", "fruit", "week"]))
    assert all(map(fiscalweeks.week_named, ["week", "fiscal_week", "FW", "yyyyww", "Week Of Year"]))
    assert not any(map(fiscalweeks.week_named, ["weekday", "period", "units"]))


@pytest.mark.parametrize("unit, said", [("fiscal week", "'week' (the week of the year), and 2023 has a week 53"),
                                        ("fiscal period", "(frame['year'] - 2020) * 12 + frame['week']")])
def test_a_split_fiscal_time_is_told_what_works(unit, said):
    example = "2023 has a week 53, which neither ISO nor MMWR gives 2023" if unit == "fiscal week" else "2020;12"
    clause = fiscalweeks.split_clause("year", "week", unit, example)
    assert said in clause and clause.endswith("'week' is no series id")


def test_the_4_4_5_period_ends_are_said_with_no_freq_to_give():
    ends = fiscal_weeks().groupby(["fiscal_year", "period"])["week_end"].max()
    time = pd.DatetimeIndex(ends.to_numpy(), name="period_end")
    said = fiscalweeks.period_ends(time, np.array([0, len(time)]))
    assert said.startswith("they look like the period ends of a 4-4-5 fiscal calendar (or 4-5-4, 5-4-4: steps of 4 "
                           "and 5 weeks, 6 where a 53-week year's extra week falls, every one a Saturday)")
    assert "number the periods" in said and "--no-time-col" in said
    assert fiscalweeks.period_ends(time[:24], np.array([0, 24])).find(", 6 where") == -1  # no 53-week year yet
    weekly = pd.date_range("2020-01-04", periods=30, freq="4W-SAT")  # 4 weeks alone: 4W-SAT keeps them
    assert fiscalweeks.period_ends(weekly, np.array([0, 30])) is None


@pytest.mark.parametrize("value, what", [("FY2020-P01", "a fiscal period"), ("FY2020-W01", "a fiscal week"),
                                         ("P1 FY20", "a fiscal period"), ("FY2020 P13", "a fiscal period")])
def test_fiscal_period_and_week_labels_are_said_as_such(value, what):
    assert fiscalweeks.label(value)[0] == what
    assert "number the" in fiscalweeks.label(value)[1]


@pytest.mark.parametrize("value", ["FY2005 Q1", "FY2020", "2020-P01", "P1 FY20 W2"])
def test_other_labels_are_no_fiscal_period(value):
    assert fiscalweeks.label(value) is None


def test_season_52_across_a_year_of_53_saturdays_notes_the_week_early():
    from pandas.tseries.frequencies import to_offset

    from rnncast.timecalendar import Calendar

    weekly = Calendar("datetime", to_offset("W-SAT"))
    across = pd.date_range("2020-02-08", "2024-11-30", freq="W-SAT")  # 2022 holds 53 Saturdays
    note = fiscalweeks.season_note(52, weekly, across)
    assert note == ("season 52 counts 52 weeks back, a year less a day or two, so after a year of 53 Saturdays "
                    "(2022) the seasonal naive forecast and MASE's scale repeat an event tied to a week of the year a "
                    "week early; no season keeps such years")
    retail = fiscalweeks.season_note(52, Calendar("datetime", to_offset("W-SAT"), name="fiscal_week"), across)
    assert "(2022), as after a retailer's 53-week fiscal year, the seasonal naive" in retail
    assert fiscalweeks.season_note(52, weekly, across.to_period("W-SAT")) is not None
    assert fiscalweeks.season_note(52, weekly, across[:100]) is None  # 2020-02 .. 2022-01: no whole such year
    assert fiscalweeks.season_note(13, weekly, across) is None
    assert fiscalweeks.season_note(52, Calendar("datetime", to_offset("MS")), across) is None


def test_season_52_on_weeks_that_do_not_look_fiscal_notes_nothing():
    """r37r2 8: ILI's weekly Tuesdays with season 52 were told of "a retailer's 53-week fiscal year ... a promotion in
    fiscal week 1"; the note is kept to Saturday or Sunday week ends, or a time column named fiscal or retail
    (decision 2018)."""
    from pathlib import Path

    from pandas.tseries.frequencies import to_offset

    from rnncast.loading import load_panel
    from rnncast.timecalendar import Calendar

    stock = Path("/work/shared/data/LTSF/national_illness.csv")
    ili = load_panel(pd.read_csv(stock), "OT", announce=False) if stock.exists() else None
    tuesdays = pd.date_range("2002-01-01", "2020-06-30", freq="W-TUE")  # ILI's weeks
    assert fiscalweeks.season_note(52, Calendar("datetime", to_offset("W-TUE")), tuesdays) is None
    named = Calendar("datetime", to_offset("W-TUE"), name="retail_week")
    assert "retailer's" in fiscalweeks.season_note(52, named, tuesdays)
    sundays = pd.date_range("2002-01-06", "2020-06-28", freq="W-SUN")
    assert fiscalweeks.season_note(52, Calendar("datetime", to_offset("W-SUN")), sundays) is not None
    if ili is not None:  # the stock file itself, where it is here
        assert fiscalweeks.season_note(52, ili.calendar, ili.time) is None
