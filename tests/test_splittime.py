"""A time written over two columns, a date and the hour of the day (``splittime.py``): the refusal of repeated
dates says to join them into one timestamp column, not to train one series per hour with id_col= (decision 621);
a real id column keeps the id_col advice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.mmwrweeks import mmwr_start
from rnncast.splittime import split_over, split_year


def hourly(days: int = 4, repeat: bool = True) -> pd.DataFrame:
    """``Date`` and ``Hour`` 0-23 of ``days`` days, the hour 2 twice on the third day (the clocks go back)."""
    dates, hours = [], []
    for d in range(days):
        day = list(range(24)) + ([2] if repeat and d == 2 else [])
        dates += [f"2024-10-{25 + d}"] * len(day)
        hours += sorted(day)
    rng = np.random.default_rng(0)
    return pd.DataFrame({"Date": dates, "Hour": hours, "load_kw": rng.normal(500, 20, len(dates)).round(1)})


def test_a_date_and_hour_export_is_told_to_join_its_time_not_to_name_the_hour_an_id(tmp_path):
    hourly().to_csv(tmp_path / "load.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "load.csv", target="load_kw")
    message = str(info.value)
    assert "duplicated timestamp 2024-10-25 at line 2 of load.csv and line 3" in message
    assert ("the time is split over 'Date' (the date) and 'Hour' (the hour of the day): rnncast reads time from one "
            "column, so write them as one timestamp column ('2024-10-25 00:00'), e.g. frame['time'] = "
            "pd.to_datetime(frame['Date']) + pd.to_timedelta(frame['Hour'], unit='h'), and name it with time_col= "
            "(--time-col)") in message and "id_col" not in message


def test_a_panel_s_example_timestamp_is_the_date_and_hour_without_the_series_id(tmp_path):
    """datehour_panel2.csv (a store column) was told "write them as one timestamp column ('Berlin2024-01-01 00:00')"."""
    frame = pd.concat([hourly().assign(store=name) for name in ("Berlin", "Hamburg")])
    frame.to_csv(tmp_path / "p.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "p.csv", target="load_kw", id_col="store")
    assert "write them as one timestamp column ('2024-10-25 00:00')" in str(info.value)
    assert split_over(frame.assign(Time=frame["Hour"].map(lambda v: f"{v:02d}:00")), "Date", ["Time"],
                      frame["store"]) == ("Time", "clock", "2024-10-25 00:00")


def test_the_one_liner_it_gives_makes_a_time_column_rnncast_reads():
    frame = hourly(repeat=False)
    frame["time"] = pd.to_datetime(frame["Date"]) + pd.to_timedelta(frame["Hour"], unit="h")
    panel = load_panel(frame.drop(columns=["Date", "Hour"]), target="load_kw", time_col="time")
    assert panel.values.shape == (96, 1)


@pytest.mark.parametrize("hours, name, found", [
    (lambda h: h.map(lambda v: f"{v:02d}:00"), "Time", ("Time", "clock", "2024-10-25 00:00")),  # HH:MM text
    (lambda h: h, "Stunde", ("Stunde", "hours", "2024-10-25 00:00")),  # 0-23, any name
    (lambda h: h + 1, "HE", ("HE", "hours", "2024-10-25 01:00")),  # hour ending 1-24
])
def test_a_time_of_day_is_found_as_text_or_whole_hours(hours, name, found):
    frame = hourly()
    frame[name] = hours(frame.pop("Hour"))
    assert split_over(frame, "Date", [name, "load_kw"]) == found


def test_a_store_number_is_a_series_id_and_dotted_dates_are_read_day_first(tmp_path):
    frame = hourly()
    few = frame[frame["Hour"] < 5].rename(columns={"Hour": "store"})  # 0-4 within each date: stores, not hours
    assert split_over(few, "Date", ["store"]) is None
    few.to_csv(tmp_path / "stores.csv", index=False)
    with pytest.raises(RnncastError, match=r"name the column that tells them apart with id_col= \(--id-col\), "
                                           r"e\.g\. 'store'"):
        load_panel(tmp_path / "stores.csv", target="load_kw")
    frame["Date"] = pd.to_datetime(frame["Date"]).dt.strftime("%d.%m.%Y")
    frame.to_csv(tmp_path / "de.csv", index=False)
    with pytest.raises(RnncastError, match=r"pd\.to_datetime\(frame\['Date'\], dayfirst=True\) \+"):
        load_panel(tmp_path / "de.csv", target="load_kw")


def test_a_whole_day_of_numbers_under_a_name_that_says_no_hour_is_given_both_readings(tmp_path):
    frame = hourly(repeat=False).rename(columns={"Hour": "store"})  # stores 0-23 read as hours 0-23: only a name tells
    assert split_over(frame, "Date", ["store"]) == ("store", "cycle", "2024-10-25 00:00")
    frame.to_csv(tmp_path / "stores.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "stores.csv", target="load_kw")
    message = str(info.value)
    assert ("'store' holds the 24 numbers of a day's hours within each 'Date', which reads as a series id or as the "
            "hour of the day: if it tells series apart, name it with id_col= (--id-col); if it is the hour of the day, "
            "the time is split over 'Date' and 'store': write them as one timestamp column ('2024-10-25 00:00'), e.g. "
            "frame['time'] = pd.to_datetime(frame['Date']) + pd.to_timedelta(frame['store'], unit='h')") in message
    assert "no series id" not in message
    panel = load_panel(tmp_path / "stores.csv", target="load_kw", id_col="store")  # the id reading works as said
    assert len(panel.ids) == 24


def by_year(unit: str, names=("year", "month"), years: int = 5) -> pd.DataFrame:
    """``years`` years from 2015 with every ``unit`` (12 months, 4 quarters, 52 weeks) under ``names``."""
    rng = np.random.default_rng(0)
    if unit == "week":  # ISO's weeks: 53 in 2015, as ISO gives it (decision 1608 reads 52 there as MMWR's)
        return iso_weeks(names, range(2015, 2015 + years))
    count = {"month": 12, "quarter": 4}[unit]
    return pd.DataFrame({names[0]: np.repeat(np.arange(2015, 2015 + years), count),
                         names[1]: np.tile(np.arange(1, count + 1), years),
                         "value": rng.normal(100, 5, count * years).round(2)})


def iso_weeks(names=("YEAR", "WEEK"), years=range(2015, 2017)) -> pd.DataFrame:
    """Every ISO week of ``years`` (53 in 2015 and 2020, else 52) under ``names``, a value each."""
    counts = [pd.Timestamp(year=y, month=12, day=28).isocalendar()[1] for y in years]
    return pd.DataFrame({names[0]: np.repeat(list(years), counts),
                         names[1]: np.concatenate([np.arange(1, n + 1) for n in counts]),
                         "value": np.random.default_rng(0).normal(100, 5, sum(counts)).round(2)})


@pytest.mark.parametrize("unit, names, said", [
    ("month", ("year", "month"), "'month' (the month of the year): rnncast reads time from one column, so write them "
     "as one time column ('2015-01', text rnncast reads), e.g. frame['time'] = pd.PeriodIndex.from_fields("
     "year=frame['year'], month=frame['month'], freq='M'), and name it with time_col= (--time-col)"),
    ("quarter", ("year", "Qtr"), "'Qtr' (the quarter of the year): rnncast reads time from one column, so write them "
     "as one time column ('2015Q1', text rnncast reads), e.g. frame['time'] = pd.PeriodIndex.from_fields("
     "year=frame['year'], quarter=frame['Qtr'], freq='Q')"),
    ("week", ("YEAR", "WEEK"), "'WEEK' (the week of the year): rnncast reads time from one column, so write them as "
     "one time column ('2015-W01', an ISO week, text rnncast reads), e.g. frame['time'] = frame['YEAR'].astype(str) "
     "+ '-W' + frame['WEEK'].astype(str).str.zfill(2)"),
])
def test_a_year_and_its_month_quarter_or_week_are_told_to_join_not_to_name_the_month_an_id(tmp_path, unit, names, said):
    by_year(unit, names).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "t.csv", target="value")
    message = str(info.value)
    assert "duplicated timestamp 2015 at line 2 of t.csv and line 3 of t.csv" in message
    assert f"; the time is split over {names[0]!r} (the year) and {said}" in message and "id_col=" not in message


@pytest.mark.parametrize("unit, names, join", [
    ("month", ("year", "month"), lambda f: pd.PeriodIndex.from_fields(year=f["year"], month=f["month"], freq="M")),
    ("quarter", ("year", "Qtr"), lambda f: pd.PeriodIndex.from_fields(year=f["year"], quarter=f["Qtr"], freq="Q")),
    ("week", ("YEAR", "WEEK"), lambda f: f["YEAR"].astype(str) + "-W" + f["WEEK"].astype(str).str.zfill(2)),
])
def test_the_join_it_gives_makes_a_time_column_rnncast_reads(tmp_path, unit, names, join):
    frame = by_year(unit, names, years=2 if unit == "week" else 5)  # 2015 has an ISO week 53: 2015 and 2016 for weeks
    if unit == "week":
        frame = frame[frame["YEAR"] == 2016]
    frame["time"] = join(frame)
    frame.drop(columns=list(names)).to_csv(tmp_path / "joined.csv", index=False)
    panel = load_panel(tmp_path / "joined.csv", target="value", time_col="time")
    assert panel.values.shape == (len(frame), 1)


def test_a_month_twice_in_a_year_or_a_year_that_is_no_year_keeps_the_id_advice(tmp_path):
    twice = by_year("month", ("year", "store"))  # not named as a unit: stores 1 .. 12
    assert split_year(twice, "year", ["store"]) is None
    steps = by_year("month").assign(year=lambda f: f["year"] - 2014)  # periods 1 .. 5, no years
    assert split_year(steps, "year", ["month"]) is None
    doubled = pd.concat([by_year("month"), by_year("month")])  # each month twice a year: two series
    assert split_year(doubled, "year", ["month"]) is None
    assert split_year(by_year("month"), "year", ["month", "value"]) == ("month", "month", "2015-01")
    twice.to_csv(tmp_path / "stores.csv", index=False)
    with pytest.raises(RnncastError, match=r"name the column that tells them apart with id_col= \(--id-col\), "
                                           r"e\.g\. 'store'"):
        load_panel(tmp_path / "stores.csv", target="value")


def mmwr_weeks(name: str = "WEEK") -> pd.DataFrame:
    """CDC FluView's layout: MMWR weeks of 2013 .. 2016 (2014 has 53 of them, ISO's 2015 has 53 and MMWR's 52)."""
    counts = {2013: 52, 2014: 53, 2015: 52, 2016: 52}
    years = np.concatenate([[y] * n for y, n in counts.items()])
    weeks = np.concatenate([np.arange(1, n + 1) for n in counts.values()])
    return pd.DataFrame({"YEAR": years, name: weeks, "ILITOTAL": np.random.default_rng(0).poisson(900, len(years))})


def test_mmwr_weeks_start_on_the_sunday_cdc_dates_them():
    assert mmwr_start(2014, 53) == pd.Timestamp("2014-12-28")  # 2014-12-28 .. 2015-01-03
    assert mmwr_start(2015, 1) == pd.Timestamp("2015-01-04")
    assert mmwr_start(2014, 1) == pd.Timestamp("2013-12-29")
    assert mmwr_start(2021, 1) == pd.Timestamp("2021-01-03")


@pytest.mark.parametrize("name", ["WEEK", "mmwr_week", "epiweek"])
def test_mmwr_weeks_are_joined_as_their_sundays_not_as_iso_weeks(tmp_path, name):
    frame = mmwr_weeks(name)
    if name != "WEEK":  # named MMWR: told so whatever years they hold
        frame = frame[frame["YEAR"] >= 2015]
    assert split_year(frame, "YEAR", [name])[1] == "MMWR week"
    frame.to_csv(tmp_path / "fluview.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "fluview.csv", target="ILITOTAL")
    message = str(info.value)
    assert "(the MMWR week of the year)" in message and "the Sunday the week starts on" in message
    assert "ISO" not in message
    january4 = pd.to_datetime(frame["YEAR"].astype(str) + "-01-04")  # the join the message gives, as written there
    frame["time"] = (january4 - pd.to_timedelta((january4.dt.day_of_week + 1) % 7, unit="D")
                     + pd.to_timedelta(frame[name] - 1, unit="W"))
    assert "frame['time'] = january4 - pd.to_timedelta((january4.dt.day_of_week + 1) % 7, unit='D') + " in message
    assert frame["time"].diff().dropna().eq(pd.Timedelta(weeks=1)).all()  # no week twice, none left out
    frame.drop(columns=["YEAR", name]).to_csv(tmp_path / "joined.csv", index=False)
    panel = load_panel(tmp_path / "joined.csv", target="ILITOTAL", time_col="time")
    assert panel.values.shape == (len(frame), 1)


def test_weeks_iso_numbers_allow_stay_iso_weeks():
    frame = by_year("week", ("YEAR", "WEEK"), years=2)  # ISO's 2015 week 53: ISO weeks
    assert split_year(frame, "YEAR", ["WEEK"]) == ("WEEK", "week", "2015-W01")


def mmwr_span(first: int, last: int, regions: int = 1) -> pd.DataFrame:
    """FluView's YEAR,WEEK for every MMWR week of ``first`` .. ``last`` in ``regions`` series (seeded counts)."""
    from rnncast.mmwrweeks import long_year

    pairs = [(y, w) for y in range(first, last + 1) for w in range(1, 54 if long_year(y) else 53)]
    rng = np.random.default_rng(1)
    return pd.DataFrame([(f"R{r}", y, w, rng.poisson(100)) for r in range(regions) for y, w in pairs],
                        columns=["region", "YEAR", "WEEK", "cases"])


@pytest.mark.parametrize("first, last, calendar", [
    (2015, 2022, "MMWR week"),  # t33t1: 2015 has 52 weeks where ISO gives 53 (2020 has 53 in both)
    (2013, 2016, "MMWR week"),  # 2014's week 53, which ISO lacks
    (2008, 2010, "MMWR week"),  # 2008's week 53, and 2009's 52 where ISO gives 53
    (2024, 2026, "MMWR week"),  # 2025's week 53
    (2016, 2019, "MMWR or ISO week"),  # 52 weeks a year in both calendars: cannot tell
    (2020, 2021, "MMWR or ISO week"),  # 2020 has 53 weeks in both
])
def test_mmwr_or_iso_is_told_by_the_lengths_of_the_data_s_years(first, last, calendar):
    """decision 1608: a bare YEAR,WEEK of MMWR weeks 2015 .. 2022 was advised as ISO weeks (a false gap at 2015-W53)."""
    frame = mmwr_span(first, last, regions=3)
    assert split_year(frame, "YEAR", ["WEEK"], frame["region"])[1] == calendar
    iso = iso_weeks(("YEAR", "WEEK"), range(first, last + 1))  # the same years written as ISO weeks
    assert split_year(iso, "YEAR", ["WEEK"])[1] == ("week" if calendar == "MMWR week" else calendar)


def test_a_file_that_cannot_tell_gets_both_joins_and_how_to_choose(tmp_path):
    frame = mmwr_span(2016, 2019)
    frame.drop(columns="region").to_csv(tmp_path / "ili.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "ili.csv", target="cases")
    message = str(info.value)
    assert "as CDC's MMWR weeks (Sunday to Saturday, FluView's YEAR,WEEK: '2016-01-03', the Sunday" in message
    assert "or as ISO weeks (Monday to Sunday: '2016-W01', text rnncast reads), e.g. frame['time'] = " in message
    assert "the data cannot tell which" in message and "take the one its source uses" in message



def test_years_that_disagree_are_named_with_the_week_each_reading_finds_missing(tmp_path):
    """t34t5 LOW 8: ISO weeks 2014 .. 2017 without 2015-W53: 2014's 52 weeks say ISO, 2015's 52 say MMWR, and the
    refusal said "none of its years has a length that only one calendar gives" (decision 1724)."""
    frame = iso_weeks(("YEAR", "WEEK"), range(2014, 2018))
    frame = frame[~((frame.YEAR == 2015) & (frame.WEEK == 53))]
    name, unit, example = split_year(frame, "YEAR", ["WEEK"])
    assert (name, unit) == ("WEEK", "MMWR or ISO week") and example.startswith("2013-12-29 or 2014-W01; ")
    frame.to_csv(tmp_path / "iso_gap.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "iso_gap.csv", target="value")
    message = str(info.value)
    assert "; the data cannot tell which: its years' lengths disagree: 2014's 52 weeks say ISO (MMWR gives it 53), " \
           "2015's 52 weeks say MMWR (ISO gives it 53); a week missing? (read as MMWR, 2014's week 53 is missing; read " \
           "as ISO, 2015's week 53 is missing), so take the one its source uses (CDC and FluView: MMWR;" in message
    assert "none of its years" not in message
    both = pd.DataFrame({"YEAR": [2014] * 53 + [2015] * 53, "WEEK": list(range(1, 54)) * 2, "value": 1.0})
    assert split_year(both, "YEAR", ["WEEK"])[2].endswith(  # a week 53 in each: one reading finds one too many
        "a week missing or extra? (read as MMWR, 2015's week 53 is extra; read as ISO, 2014's week 53 is extra)")

def test_the_t33t1_span_joined_as_said_reads_without_a_gap(tmp_path):
    frame = mmwr_span(2015, 2022, regions=2)
    frame.to_csv(tmp_path / "flu.csv", index=False)
    with pytest.raises(RnncastError, match=r"the MMWR week of the year\)") as info:
        load_panel(tmp_path / "flu.csv", target="cases", id_col="region")
    assert "ISO" not in str(info.value)
    january4 = pd.to_datetime(frame["YEAR"].astype(str) + "-01-04")
    frame["time"] = (january4 - pd.to_timedelta((january4.dt.day_of_week + 1) % 7, unit="D")
                     + pd.to_timedelta(frame["WEEK"] - 1, unit="W"))
    panel = load_panel(frame.drop(columns=["YEAR", "WEEK"]), target="cases", id_col="region", time_col="time")
    assert panel.values.shape == (len(frame), 1)


@pytest.mark.parametrize("names", [("yr", "quarter"), ("Jahr", "Quartal"), ("Year", "Month")])
def test_a_year_under_another_name_split_from_its_unit_is_found_without_a_time_column(names):
    from rnncast.splittime import split_years

    frame = by_year("quarter" if "uar" in names[1] else "month", names).astype({names[0]: float})  # 1959.0
    assert split_years(frame, list(frame.columns))[0] == names[0]
    assert split_years(frame.drop(columns=[names[1]]), [names[0], "value"]) is None


def fiscal_split(names=("fiscal_year", "fiscal_week"), unit="week") -> pd.DataFrame:
    """FY2021 .. FY2024 of a retailer's 52/53-week years (FY2023 has 53 weeks, a week 53 that neither ISO nor MMWR
    gives 2023), by week or by 4-4-5 period (12 a year), under ``names``."""
    counts = [52, 52, 53, 52] if unit == "week" else [12] * 4
    return pd.DataFrame({names[0]: np.repeat(range(2021, 2025), counts),
                         names[1]: np.concatenate([np.arange(1, n + 1) for n in counts]),
                         "units": np.random.default_rng(0).normal(100, 5, sum(counts)).round(1)})


@pytest.mark.parametrize("names", [("fiscal_year", "fiscal_week"), ("year", "week"), ("FY", "fw")])
def test_a_week_53_no_iso_or_mmwr_year_has_is_told_as_fiscal_weeks_never_set_aside(tmp_path, names):
    fiscal_split(names).to_csv(tmp_path / "t.csv", index=False)  # decision 1974: was rows numbered, or 'MMWR or ISO'
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "t.csv", target="units")
    message = str(info.value)
    assert (f"the time is split over {names[0]!r} (the year) and {names[1]!r} (the week of the year), and 2023 has a "
            "week 53, which neither ISO nor MMWR gives 2023: fiscal (retail) weeks of 52/53-week years") in message
    assert "'W-SAT'" in message and "cannot tell which" not in message and "id_col=" not in message


@pytest.mark.parametrize("names", [("fiscal_year", "period_no"), ("year", "period"), ("fiscal_year", "fiscal_month")])
def test_a_year_and_its_fiscal_period_are_told_to_number_the_periods_not_to_name_the_period_an_id(tmp_path, names):
    fiscal_split(names, unit="period").to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "t.csv", target="units")
    message = str(info.value)
    assert (f"the time is split over {names[0]!r} (the year) and {names[1]!r} (the fiscal period of the year, 1 .. 12):"
            " fiscal periods (4-4-5 weeks of a 52/53-week year) have no pandas calendar") in message
    assert f"e.g. frame['step'] = (frame[{names[0]!r}] - 2021) * 12 + frame[{names[1]!r}]" in message
    assert "id_col=" not in message
    frame = fiscal_split(names, unit="period")  # the numbering it gives reads as integer steps
    frame["step"] = (frame[names[0]] - 2021) * 12 + frame[names[1]]
    frame.drop(columns=list(names)).to_csv(tmp_path / "numbered.csv", index=False)
    assert load_panel(tmp_path / "numbered.csv", target="units", time_col="step").values.shape == (48, 1)


def test_an_mmwr_named_week_keeps_the_mmwr_reading_and_iso_weeks_stay_iso():
    assert split_year(fiscal_split(("year", "epiweek")), "year", ["epiweek"])[1] == "MMWR week"
    assert split_year(iso_weeks(("year", "week")), "year", ["week"])[1] == "week"


def test_a_year_is_told_by_its_values_where_they_stay_the_same_over_each_run_of_the_unit():
    from rnncast.splittime import split_years, year_column

    frame = fiscal_split(("budget", "period"), unit="period")  # 2021 over periods 1 .. 12, then 2022 (decision 2059)
    assert split_years(frame, list(frame.columns)) == ("budget", ("period", "fiscal period", "2021;12"))
    assert split_years(frame.sample(frac=1, random_state=0), list(frame.columns)) is None  # no runs: not by value
    assert split_years(frame.assign(budget=frame["budget"] - 1000), list(frame.columns)) is None  # 1021: no year
    assert year_column(frame["budget"]) and year_column(pd.Series([1, 2], name="fy_year"))
    assert not year_column(pd.Series(np.arange(1900, 1960), name="store"))  # each value once: no year's runs
