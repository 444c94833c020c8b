"""The time axis (``timeaxis.py``): calendars forecast as the data runs, with no step warning; time zones
stay; time comes from a column, the index, integers or nowhere (gaps: test_gaps.py); timestamps no
calendar explains are never given invented dates."""

from __future__ import annotations

import datetime
import logging
import re

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from pandas.tseries.frequencies import to_offset

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError, timeaxis
from rnncast.loading import load_panel
from rnncast.spelling import hints
from rnncast.timeaxis import parse_time


def _warnings(caplog) -> list[str]:
    """Warnings about the data and its time axis (not, e.g., the training loop's about its epochs)."""
    data_loggers = ("rnncast.data", "rnncast.layouts", "rnncast.loading", "rnncast.timeaxis", "rnncast.datetext",
                    "rnncast.calendars")
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name in data_loggers]


def _frame(index: pd.DatetimeIndex) -> pd.DataFrame:
    return pd.DataFrame({"ds": index, "y": np.sin(np.arange(len(index)) / 3.0)})


# ---- the rows of issue 15's table ----------------------------------------------------------------

def _fit(frame, **fit):
    return Forecaster(**{**TINY, "lookback": 6, "horizon": 4}).fit(frame, **fit)


def test_month_starts_are_forecast_on_month_starts_without_a_warning(caplog):
    frame = pd.DataFrame({"date": pd.date_range("2010-01-01", "2019-12-01", freq="MS"), "y": np.arange(120.0)})
    with caplog.at_level(logging.INFO, logger="rnncast"):
        f = _fit(frame, target="y")
        dates = f.predict(frame).index
    assert [d.strftime("%Y-%m-%d") for d in dates] == ["2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01"]
    assert _warnings(caplog) == []
    assert sum("time: column 'date'" in r.getMessage() for r in caplog.records) == 1  # said once per fit


def test_month_ends_keep_the_last_day_of_each_month():
    frame = pd.DataFrame({"date": pd.date_range("2010-01-31", periods=120, freq="ME"), "y": np.arange(120.0)})
    dates = _fit(frame, target="y").predict(frame).index
    assert [d.strftime("%Y-%m-%d") for d in dates] == ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"]


def test_business_days_skip_the_weekend():
    frame = pd.DataFrame({"date": pd.bdate_range(end="2024-10-04", periods=200), "y": np.arange(200.0)})
    dates = Forecaster(**{**TINY, "horizon": 5}).fit(frame, target="y").predict(frame).index
    assert [d.strftime("%a %m-%d") for d in dates] == ["Mon 10-07", "Tue 10-08", "Wed 10-09", "Thu 10-10", "Fri 10-11"]


def test_iso_strings_with_the_offsets_of_one_zone_are_read_and_kept_in_local_time_with_tz(caplog):
    local = pd.date_range("2024-10-20", "2024-11-03", freq="h", tz="Europe/Berlin")  # +02:00, then +01:00
    frame = pd.DataFrame({"ds": [t.isoformat() for t in local], "y": np.sin(np.arange(len(local)) / 5.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        utc = _fit(frame, target="y").predict(frame).index
    assert str(utc.tz) == "UTC" and any("--tz" in m for m in _warnings(caplog))
    kept = Forecaster(**{**TINY, "lookback": 6, "horizon": 4, "tz": "Europe/Berlin"}).fit(frame, target="y")
    dates = kept.predict(frame).index
    assert str(dates.tz) == "Europe/Berlin" and [t.isoformat() for t in dates][0] == "2024-11-03T01:00:00+01:00"


def test_an_integer_year_column_stays_integer_and_is_found_by_its_name(caplog):
    frame = pd.DataFrame({"year": np.arange(1969, 2009), "count": np.arange(40.0) ** 1.5})
    named = _fit(frame, target="count", time_col="year").predict(frame)
    assert list(named.index) == [2009, 2010, 2011, 2012] and named.index.dtype.kind == "i"
    with caplog.at_level(logging.INFO, logger="rnncast"):
        found = _fit(frame, target="count").predict(frame)
    assert list(found.index) == [2009, 2010, 2011, 2012]
    assert any("column 'year' (found by its name" in r.getMessage() for r in caplog.records)


def test_a_datetime_index_is_the_time_axis():
    index = pd.date_range("2024-01-01", periods=600, freq="D")
    frame = pd.DataFrame({"y": np.sin(np.arange(600) / 7.0)}, index=index)
    dates = _fit(frame, target="y").predict(frame).index
    assert dates.equals(pd.date_range("2025-08-23", periods=4, freq="D", name="ds"))
    series_dates = _fit(frame["y"]).predict(frame["y"]).index
    assert series_dates.equals(dates)


def test_a_period_index_gives_periods():
    frame = pd.DataFrame({"y": np.arange(48.0)}, index=pd.period_range("2020-01", periods=48, freq="M"))
    dates = _fit(frame, target="y").predict(frame).index
    assert list(dates.astype(str)) == ["2024-01", "2024-02", "2024-03", "2024-04"]


def test_integer_column_labels_are_targets_as_given():
    frame = pd.DataFrame(np.random.default_rng(0).standard_normal((100, 2)))
    for target in (0, [0]):
        f = _fit(frame, target=target, features=[1])
        assert f.targets_ == ["0"] and f.features_ == ["1"] and f.predict(frame).shape == (4, 3)


def test_rows_numbered_without_time_are_said_once(caplog):
    with caplog.at_level(logging.INFO, logger="rnncast"):
        f = _fit(np.sin(np.arange(100) / 3.0))
        index = f.predict(np.sin(np.arange(100) / 3.0)).index
    assert list(index) == [100, 101, 102, 103]
    assert sum(r.getMessage().startswith("no time column: rows are numbered") for r in caplog.records) == 1
    assert sum("the forecast is rows 100-103" in r.getMessage() for r in caplog.records) == 1  # predict's own line


def test_a_column_that_looks_like_dates_is_found_and_said_in_one_line(caplog):
    frame = pd.DataFrame({"Stichtag": pd.date_range("2024-01-01", periods=50).strftime("%Y-%m-%d"), "y": np.arange(50.0)})
    with caplog.at_level("INFO", logger="rnncast"):
        panel = load_panel(frame, target="y")
    assert panel.time_col == "Stichtag"
    assert [r.getMessage() for r in caplog.records if "Stichtag" in r.getMessage()] == [
        "time: column 'Stichtag' (found by its values; name another with time_col=, --time-col), calendar 'D'"]


# ---- gaps and timestamps no calendar explains ----------------------------------------------------

def test_numbers_with_a_decimal_comma_are_not_found_as_time_by_their_values():
    """pandas reads '1000,00' as the year 1000 and '1.234,56' as 2056: the first such column was taken for time."""
    from rnncast import timeaxis
    days = pd.date_range("2020-01-01", periods=5).strftime("%d.%m.%Y")
    for sales in (["1000,00", "1020,37", "1040,74", "1061,11", "1081,48"], ["1,0000", "1,0037", "1,0074", "1,0111", "1,0148"]):
        frame = pd.DataFrame({"sales": sales, "when": days})
        assert timeaxis.find_time_column(frame) == ("when", "by its values")
        assert timeaxis.find_time_column(frame[["sales"]]) == (None, None)


def test_irregular_time_steps_keep_the_usual_step():
    frame = make_frame(50, freq="15min")
    frame = frame.drop(index=20).reset_index(drop=True)
    assert load_panel(frame, target="y").calendar.freq == to_offset("15min")


def test_timestamps_no_calendar_explains_are_fitted_but_never_given_invented_dates(caplog):
    rng = np.random.default_rng(0)
    stamps = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.cumsum(rng.integers(1, 90, 200)), unit="min")
    frame = pd.DataFrame({"ds": stamps, "y": np.sin(np.arange(200) / 5.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        f = _fit(frame, target="y")
    assert len(_warnings(caplog)) == 1 and "no regular calendar" in _warnings(caplog)[0]
    with pytest.raises(RnncastError, match=r"freq= \(--freq\)"):
        f.predict(frame)
    with pytest.raises(RnncastError, match=r"\(row \d+\) is not on the calendar freq='h'"):
        load_panel(frame, freq="h")


def test_settings_that_need_a_time_column_say_so_without_one():
    for option in ({"freq": "D"}, {"tz": "UTC"}, {"fill_gaps": True, "fill": "ffill"}):
        with pytest.raises(RnncastError, match="applies to a time column"):
            load_panel(np.arange(50.0), **option)
    with pytest.raises(RnncastError, match=r"freq \(--freq\) 'fortnightly' is not a calendar"):
        load_panel(_frame(pd.date_range("2024-01-01", periods=20)), freq="fortnightly")
    with pytest.raises(RnncastError, match="time zone 'Mars/Olympus'"):
        load_panel(_frame(pd.date_range("2024-01-01", periods=20)), tz="Mars/Olympus")


def test_junk_freq_is_refused_in_one_line_without_pandas_internals():
    frame = _frame(pd.date_range("2024-01-01", periods=20))
    for freq in ("-1", "-1D", "0h", "MSX"):  # -1: pandas' "last element must be blank"; -1D would run backwards
        with pytest.raises(RnncastError) as err:
            load_panel(frame, freq=freq)
        assert str(err.value).startswith(f"freq (--freq) {freq!r} is not a calendar; give a pandas offset alias")
        assert "Invalid frequency" not in str(err.value) and "ValueError" not in str(err.value)


# ---- a calendar per series, and what a newcomer's data broke -------------------------------------

def test_a_series_the_panels_calendar_does_not_fit_keeps_its_own(tmp_path):
    y = np.sin(np.arange(100) / 3.0)
    daily_weekly = pd.concat([
        pd.DataFrame({"unique_id": "a", "ds": pd.date_range("2020-01-01", periods=100, freq="D"), "y": y}),
        pd.DataFrame({"unique_id": "b", "ds": pd.date_range("2020-01-05", periods=100, freq="W-SUN"), "y": y})])
    panel = load_panel(daily_weekly)
    assert panel.calendar.freq == to_offset("D") and panel.calendar_of(1).freq == to_offset("W-SUN")
    starts_ends = pd.concat([
        pd.DataFrame({"unique_id": "a", "ds": pd.date_range("2015-01-01", periods=60, freq="MS"), "y": y[:60]}),
        pd.DataFrame({"unique_id": "b", "ds": pd.date_range("2015-01-31", periods=60, freq="ME"), "y": y[:60]})])
    f = Forecaster(**TINY).fit(starts_ends)
    f.save(tmp_path / "m")
    forecast = Forecaster.load(tmp_path / "m").predict(starts_ends)
    b = forecast[forecast.unique_id == "b"]["ds"]
    assert [d.strftime("%m-%d") for d in b] == ["01-31", "02-29", "03-31"]


def test_a_tz_aware_daily_series_with_gaps_in_every_window_stays_at_local_midnight():
    index = pd.date_range("2024-01-01", periods=300, freq="D", tz="Europe/Berlin").delete(np.arange(5, 300, 9))
    panel = load_panel(_frame(index[index <= pd.Timestamp("2024-10-25", tz="Europe/Berlin")]))
    assert panel.calendar.freq == to_offset("D")
    assert [t.hour for t in panel.next_times(0, 4)] == [0, 0, 0, 0]


def test_daily_utc_instants_read_in_a_zone_with_dst_step_by_24_hours():
    stamps = pd.date_range("2024-03-01", periods=100, freq="D").strftime("%Y-%m-%dT00:00:00Z")
    panel = load_panel(pd.DataFrame({"ds": stamps, "y": np.arange(100.0)}), tz="Europe/Berlin")
    assert panel.calendar.freq == to_offset("24h")
    assert (panel.next_times(0, 3).tz_convert("UTC").hour == 0).all()


def test_day_first_dates_and_float_years_are_read_as_written():
    dayfirst = pd.date_range("2020-01-01", periods=40, freq="D").strftime("%d/%m/%Y")
    panel = load_panel(pd.DataFrame({"date": dayfirst, "y": np.arange(40.0)}), target="y")
    assert panel.time[12] == pd.Timestamp("2020-01-13") and panel.calendar.freq == to_offset("D")
    years = load_panel(pd.DataFrame({"year": np.arange(1969.0, 2009.0), "y": np.arange(40.0)}), target="y", time_col="year")
    assert years.calendar.kind == "integer" and list(years.next_times(0, 2)) == [2009, 2010]
    with pytest.raises(RnncastError, match="0.5 at row 1, a number that is not a whole period"):
        load_panel(pd.DataFrame({"time": np.arange(20) * 0.5, "y": np.arange(20.0)}), target="y")


def test_iso_weeks_and_quarters_are_found_as_time_by_their_values():
    """A column of 2021-W01 was not time: rows were numbered, and without a target the refusal asked
    which column to forecast."""
    from rnncast.timeaxis import find_time_column, parse_time

    weeks = pd.DataFrame({"week": ["2021-W01", "2021-W02", "2021-W03"], "y": [1.0, 2.0, 3.0]})
    assert find_time_column(weeks) == ("week", "by its values")
    assert list(parse_time(weeks["week"], "week", None, str).strftime("%a %Y-%m-%d")) == [
        "Mon 2021-01-04", "Mon 2021-01-11", "Mon 2021-01-18"]
    quarters = pd.DataFrame({"q": ["2014Q4", "2015Q1"], "y": [1.0, 2.0]})
    assert find_time_column(quarters) == ("q", "by its values")
    assert list(parse_time(quarters["q"], "q", None, str)) == [pd.Timestamp("2014-10-01"), pd.Timestamp("2015-01-01")]


@pytest.mark.parametrize("name", ["week", "Week", "yearweek", "year_week", "wk", "epiweek", "iso_week"])
def test_yyyyww_weeks_under_a_week_name_are_found_as_time_and_read_as_iso_weeks_or_refused_as_mmwr(name):
    """yw.csv (week: 201902 ...) was silently no time column ("not used: week", rows numbered), where month: 201901
    is found by its name; the refusal of YYYYWW (write them 2019-W02) is now given."""
    from rnncast.timeaxis import find_time_column

    weeks = pd.date_range("2019-01-07", periods=60, freq="W-MON").isocalendar()
    frame = pd.DataFrame({name: (weeks.year * 100 + weeks.week).to_numpy(np.int64), "y": np.arange(60.0)})
    assert find_time_column(frame) == (name, "by its name")
    if name == "epiweek":  # MMWR's by its name, ISO's way beside (test_mmwrweeks)
        with pytest.raises(RnncastError, match=rf"^time column '{name}' holds 201902 .. 202009, which look like CDC's "
                                               r"MMWR weeks written YYYYWW .*write them 2019-W02"):
            load_panel(frame, target="y")
    else:  # ISO's weeks: read as 2019-W02 (decision 965)
        assert load_panel(frame, target="y", announce=False).calendar.freq_text == "W-MON"
    numbered = pd.DataFrame({"week": np.arange(1, 53) % 52 + 1, "y": np.arange(52.0)})  # a week of the year 1 .. 52
    assert find_time_column(numbered) == (None, None)


@pytest.mark.parametrize("zone, near", [("Europe/Berln", "Europe/Berlin"), ("America/New_Yrok", "America/New_York")])
def test_a_misspelt_zone_is_refused_with_the_zone_it_is_nearest(zone, near):
    """--tz Europe/Berln got no did-you-mean, where --holidays NYS did. A name in another case (america/new_york) is
    read as the zone IANA spells so (1206), not refused."""
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=10, freq="D").astype(str), "y": np.arange(10.0)})
    with pytest.raises(RnncastError, match=rf"time zone '{zone}'.*\(did you mean '{near}'\?\)"):
        load_panel(frame, tz=zone)
    assert str(load_panel(frame, tz=near.lower(), announce=False).time.tz) == near


def test_a_time_column_comes_before_a_datetime_index_which_is_said_once_and_used_when_named(caplog):
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=120, freq="D"),
                          "y": np.sin(np.arange(120) / 3.0)}).set_index(pd.date_range("2000-01-01", periods=120, freq="h"))
    with caplog.at_level(logging.INFO):
        model = Forecaster(**TINY).fit(frame, target="y")
    assert model.calendar_.name == "date" and model.calendar_.freq_text == "D"  # the column, as the README orders
    assert [m for m in _warnings(caplog) if "DatetimeIndex" in m] == [
        "time is column 'date' (found by its name), not the data's DatetimeIndex; to use the index, give "
        "time_col='ds' (--time-col) or drop the column"]
    assert not any("not used" in r.getMessage() for r in caplog.records)  # neither 'date' nor the index's 'ds'
    caplog.clear()
    assert model.predict(frame).index[0] == pd.Timestamp("2020-04-30")
    assert not _warnings(caplog)  # said at fit, not at each predict
    assert load_panel(frame, "y", time_col="ds", announce=False).calendar.freq_text == "h"
    assert load_panel(frame.drop(columns="date"), "y", announce=False).calendar.freq_text == "h"  # no column: the index


def test_a_missing_timestamp_or_period_is_refused_saying_what_to_do():
    """'is missing a timestamp at line 72 of b6.csv' said nothing about what to do."""
    dates = list(pd.date_range("2020-01-01", periods=20, freq="D").strftime("%Y-%m-%d"))
    dates[5] = None
    with pytest.raises(RnncastError, match=r"^time column 'date' is missing a timestamp at row 5; fill it in, or drop "
                                           r"the row$"):
        load_panel(pd.DataFrame({"date": dates, "y": np.arange(20.0)}), target="y")
    years = np.arange(1990.0, 2010.0)
    years[3] = np.nan
    with pytest.raises(RnncastError, match=r"^time column 'year' is missing a value at row 3; fill it in, or drop the row$"):
        load_panel(pd.DataFrame({"year": years, "y": np.arange(20.0)}), target="y", time_col="year")


FISCAL = [f"FY{2005 + i // 4} Q{i % 4 + 1}" for i in range(60)]


@pytest.mark.parametrize("target", [None, "sales"])
@pytest.mark.parametrize("fiscal", [FISCAL, [f"Q{i % 4 + 1} FY{5 + i // 4:02d}" for i in range(60)],  # Q1 FY05 too
                                    [f"Q{i % 4 + 1}/FY{5 + i // 4:02d}" for i in range(60)]])  # read since decision 1528
def test_fiscal_quarters_are_refused_naming_the_column_even_with_a_target(tmp_path, target, fiscal):
    """'period' of FY2005 Q1 ... was refused as '1 numeric column (sales) and none is named the target', and with
    a target its rows were numbered: the time the table has was never named. Every form a fiscal freq reads
    (fiscalquarters; 'Q1/FY05' too since decision 1528) is found as the time, and that freq named."""
    path = tmp_path / "fyq.csv"
    pd.DataFrame({"period": fiscal, "sales": range(60)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=rf"^time column 'period' holds '{re.escape(fiscal[0])}', a fiscal quarter or "
                                           r"year, which rnncast does not read as time \(fiscal years start in different "
                                           r"months: give the calendar that names them, --freq QE-MAR .+ \(first at "
                                           r"line 2 of fyq\.csv\)$"):
        load_panel(path, target=target)


@pytest.mark.parametrize("name, values", [("period", [f"Jan-Mar {2005 + i}" for i in range(60)]),
                                          ("quarter", [f"{2005 + i // 4} Quarter {i % 4 + 1}" for i in range(60)]),
                                          ("TIME_PERIOD", [f"{2005 + i}*" for i in range(60)]),  # 2023* : provisional
                                          ("기간", [f"{2005 + i}년 연말" for i in range(60)])])
def test_text_whose_name_says_time_and_is_not_read_is_refused_naming_a_value_its_line_and_the_forms(tmp_path, name, values):
    """A 'period' of 'Jan-Mar 2005' beside a named target was only warned of and the rows numbered 0 .. n-1, so forecasts
    carried no dates, where the same text under 'date' was refused (decision 675)."""
    path = tmp_path / "q.csv"
    pd.DataFrame({name: values, "sales": np.arange(60.0)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=rf"^no time column was found: '{name}' holds '{re.escape(values[0])}' at line 2 of "
                                           r"q\.csv, which rnncast does not read as time \(write dates such as 2005-01-31, "
                                           r"months such as 2005-01, quarters such as 2005Q1, half-years such as 2005H1 or "
                                           r"ISO weeks such as 2005-W01\); "
                                           rf"its name says time, so its rows are not numbered: correct it, name the time "
                                           r"column with time_col=, --time-col, or, to number the rows, say the table has "
                                           r"none with time_col=False, --no-time-col$"):
        load_panel(path, target="sales")


def test_text_not_named_as_time_that_writes_years_is_said_in_the_note_and_rows_are_numbered(caplog):
    frame = pd.DataFrame({"label": [f"Jan-Mar {2005 + i}" for i in range(60)], "time_zone": ["UTC"] * 60,
                          "sales": np.arange(60.0)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, target="sales")
    assert panel.calendar.kind == "row"
    assert "no time column was found (rows are numbered): 'label' holds 'Jan-Mar 2005' at row 0, which rnncast does " \
           "not read as time" in caplog.text


DAILY_EPOCHS = 1704067200 + 86400 * np.arange(80)  # 2024-01-01 .. as Unix seconds


@pytest.mark.parametrize("scale, unit", [(1, "s"), (1000, "ms")])
@pytest.mark.parametrize("name, time_col", [("timestamp", None), ("Date", None), ("OrderDate", "OrderDate")])
@pytest.mark.parametrize("as_float", [False, True])
def test_unix_times_under_a_time_name_are_refused_saying_how_to_convert_them(scale, unit, name, time_col, as_float):
    """1704067200 ... in 'timestamp' were read as 'calendar 86400' steps with no word, where Excel serials were refused."""
    values = (DAILY_EPOCHS * scale).astype(float if as_float else np.int64)
    frame = pd.DataFrame({name: values, "y": np.sin(np.arange(80.0))})
    words = {"s": "seconds", "ms": "milliseconds"}[unit]
    with pytest.raises(RnncastError, match=rf"time column '{name}' holds {values[0]:.0f} .. {values[-1]:.0f}, which look like "
                                           rf"Unix times in {words}, not integer steps: {values[0]:.0f} would be "
                                           rf"2024-01-01 00:00 UTC; give time_unit='{unit}', --time-unit {unit} to read "
                                           rf"them as Unix times, or convert them with pd.to_datetime\(x, unit='{unit}'\)"):
        load_panel(frame, target="y", time_col=time_col)


@pytest.mark.parametrize("name, time_col", [("_time", None), ("_time", "_time"), ("t", "t")])
def test_unix_nanoseconds_in_influxdbs_time_or_a_column_named_as_the_time_are_refused_naming_the_unit(name, time_col):
    """Decision 1534: InfluxDB's '_time' of int64 nanoseconds, and any column given as --time-col, was read as integer
    steps of 1e10 with a warning; the user named it the time, so it is refused as a column named 'time' is."""
    frame = pd.DataFrame({name: 1709294400 * 10**9 + 10**10 * np.arange(80), "temp": np.sin(np.arange(80.0))})
    with pytest.raises(RnncastError, match=rf"^time column '{name}' holds 1709294400000000000 .. \d+, which look like "
                                           r"Unix times in nanoseconds, not integer steps: .*give time_unit='ns'"):
        load_panel(frame, target="temp", time_col=time_col)
    assert load_panel(frame, target="temp", time_col=time_col, time_unit="ns").calendar.shown == "'10s'"


@pytest.mark.parametrize("name, time_col", [("step", None), ("step", "step")])
def test_unix_times_read_as_steps_under_another_name_are_said_at_fit(caplog, name, time_col):
    frame = pd.DataFrame({name: DAILY_EPOCHS, "y": np.sin(np.arange(80.0))})
    with caplog.at_level(logging.WARNING):
        panel = load_panel(frame, target="y", time_col=time_col)
    assert panel.calendar.kind == "integer"
    assert any(f"time column '{name}' holds 1704067200 .. " in w and "Unix times in seconds" in w and
               "read as integer steps" in w and "pd.to_datetime(x, unit='s')" in w for w in _warnings(caplog))
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        load_panel(frame, target="y", time_col=time_col, announce=False)  # a reload at predict: said once, at fit
    assert not _warnings(caplog)


def test_a_counter_named_by_time_col_that_looks_like_unix_times_is_read_as_steps_under_freq_1():
    """A reviewer's finding against decision 1534 (decision 1586): time_col='seq' holding 1000000000 .. 1000000199 was
    refused even with freq=1, and the refusal named no way to read it as steps (only renaming it 'step' did)."""
    frame = pd.DataFrame({"seq": np.arange(1_000_000_000, 1_000_000_080), "y": np.sin(np.arange(80.0) / 3)})
    with pytest.raises(RnncastError, match=r"^time column 'seq' holds 1000000000 .. 1000000079, which look like Unix "
                                           r"times in seconds, not integer steps: .*; or give freq=1 \(--freq 1\) if "
                                           r"they are integer steps$"):
        load_panel(frame, target="y", time_col="seq")
    for freq in (1, "1"):
        panel = load_panel(frame, target="y", time_col="seq", freq=freq, announce=False)
        assert panel.calendar.kind == "integer" and panel.calendar.shown == "1"
    fitted = Forecaster(**{**TINY, "epochs": 1, "freq": 1}).fit(frame, target="y", time_col="seq")
    assert list(fitted.predict(frame).index[:2]) == [1_000_000_080, 1_000_000_081]  # predict reads it so too


@pytest.mark.parametrize("name", ["seq", "step"])
def test_a_counter_read_under_freq_1_is_not_warned_to_look_like_unix_times(caplog, name):
    """decision 1593: freq=1 says the column is integer steps, so fit warned of Unix times where the user had said
    otherwise; without freq the warning stays (a counter's name, 'step', reads them as steps unasked)."""
    frame = pd.DataFrame({name: np.arange(1_000_000_000, 1_000_000_080), "y": np.sin(np.arange(80.0) / 3)})
    for freq in (1, "1"):
        with caplog.at_level(logging.WARNING):
            panel = load_panel(frame, target="y", time_col=name, freq=freq)
        assert panel.calendar.kind == "integer" and not any("Unix times" in w for w in _warnings(caplog))
    if name == "step":
        with caplog.at_level(logging.WARNING):
            load_panel(frame, target="y", time_col=name)
        assert any("look like Unix times in seconds" in w for w in _warnings(caplog))


def test_unix_times_under_a_date_name_are_named_when_no_time_column_is_found():
    frame = pd.DataFrame({"OrderDate": DAILY_EPOCHS, "sales": np.sin(np.arange(80.0))})
    with pytest.raises(RnncastError, match=r"no time column was found: 'OrderDate' holds 1704067200 .. \d+, which look "
                                           r"like Unix times in seconds: .*rnncast does not read them as time unless "
                                           r"told \(name the column with time_col='OrderDate', --time-col OrderDate and "
                                           r"give time_unit='s', --time-unit s to read them as Unix times, or convert "
                                           r"them with pd.to_datetime\(x, unit='s'\), which gives UTC times\)"):
        load_panel(frame)


@pytest.mark.parametrize("values", [[0, 1, 2], [20240101, 20240102], [42005, 42006], [1990, 1991], [315532799, 315619200]])
def test_numbers_that_are_no_unix_times_are_not_said_to_be(caplog, values):
    frame = pd.DataFrame({"step": values, "y": np.arange(float(len(values)))})
    with caplog.at_level(logging.WARNING):
        load_panel(frame, target="y", freq=1)
    assert not any("Unix times" in w for w in _warnings(caplog))


def test_a_time_column_not_found_is_offered_the_closest_name_as_other_columns_are():
    """``fit(df, target="y_past", time_col="Date")`` said "time column 'Date' not found; available columns: date, ..."
    without the "did you mean 'date'?" that every other column name not found gets."""
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=60), "y_past": np.sin(np.arange(60) / 5.0)})
    with pytest.raises(RnncastError, match=r"^time column 'Date' not found \(did you mean 'date'\?\); available "
                                           r"columns: date, y_past$"):
        load_panel(frame, target="y_past", time_col="Date")


def test_a_time_column_not_found_beside_a_written_index_says_how_to_read_that_index_as_the_time(tmp_path):
    """A model fitted on a frame indexed by its dates (time 'ds', the name an unnamed index takes) was handed the same
    frame written by ``to_csv``, its dates in a first column left unnamed: "time column 'ds' not found; available
    columns: Unnamed: 0, y", the dates there not named."""
    frame = pd.DataFrame({"y": np.sin(np.arange(60) / 5.0)}, index=pd.date_range("2020-01-01", periods=60))
    model = Forecaster(**TINY).fit(frame)
    frame.to_csv(tmp_path / "data.csv")
    with pytest.raises(RnncastError, match=r"^time column 'ds' not found; available columns: Unnamed: 0, y \('Unnamed: "
                                           r"0', the first column, is pandas' name for a header left empty, as to_csv "
                                           r"writes a frame's index: if it holds the times, head it 'ds'\)"):
        model.predict(tmp_path / "data.csv")
    (tmp_path / "data.csv").write_text("ds" + (tmp_path / "data.csv").read_text())  # headed so, it is read
    assert len(model.predict(tmp_path / "data.csv")) == TINY["horizon"]


def test_a_text_column_named_ts_is_the_time_and_unreadable_times_in_it_are_refused_as_in_a_date_column(tmp_path):
    """An attacker's 'ts' of '2024-01-01 01:00 CET' was passed over ("not used: ts", rows numbered), while the same
    values in a column named date or timestamp were refused by name."""
    hours = pd.date_range("2024-01-01", periods=120, freq="h")
    good = pd.DataFrame({"ts": hours.strftime("%Y-%m-%d %H:%M"), "y": np.sin(np.arange(120) / 5)})
    model = Forecaster(lookback=8, epochs=1, hidden_size=4).fit(good, target="y")
    assert model.time_col_ == "ts" and model.calendar_.freq_text == "h"
    bad = good.assign(ts=good["ts"] + " CET")
    with pytest.raises(RnncastError, match=r"^time column 'ts' holds '2024-01-01 00:00 CET' at row 0, which ends in "
                                           r"'CET', a time-zone abbreviation"):  # said what it is (decision 1795)
        Forecaster(lookback=8, epochs=1, hidden_size=4).fit(bad, target="y")


def test_business_day_periods_with_holidays_missing_are_read_as_their_days():
    """A Period[B] column with weekdays missing leaked "AttributeError: 'PeriodIndex' object has no attribute 'tz'"
    from the holiday check; pandas deprecates business-day periods: they are read as their days."""
    days = pd.bdate_range("2023-01-02", periods=120)
    days = days[~days.isin(pd.to_datetime(["2023-01-16", "2023-02-20", "2023-04-07"]))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        periods = pd.PeriodIndex(days, freq="B")
    frame = pd.DataFrame({"date": periods, "close": np.sin(np.arange(len(days)) / 5) + 10})
    dates = _fit(frame, target="close").predict(frame).index
    assert list(dates) == list(pd.bdate_range(days[-1], periods=5)[1:])


def test_several_offsets_a_reader_names_as_instants_are_said_so_not_warned_of_with_a_refit(caplog):
    written = pd.Series([t.isoformat() for t in pd.date_range("2024-10-27", periods=4, freq="h", tz="Europe/Berlin")])
    with caplog.at_level(logging.INFO, logger="rnncast"):
        with hints(offsets_of="the future values' time column"):
            parse_time(written, "ds", None, str)
        parse_time(written, "ds", None, str)  # any other reader: warned of, with tz=
    said = [(r.levelname, r.getMessage().split(":")[0]) for r in caplog.records if "several UTC offsets" in r.getMessage()]
    assert said == [("INFO", "the future values' time column 'ds' carries several UTC offsets (+01"),
                    ("WARNING", "time column 'ds' carries several UTC offsets (+01")]


@pytest.mark.parametrize("name", ["year", "YEAR", "period", "step"])
def test_whole_years_and_steps_written_as_floats_are_found_as_integers_are(tmp_path, caplog, name):
    frame = pd.DataFrame({name: np.arange(1871.0, 1911.0), "volume": np.arange(40.0) ** 1.5})  # statsmodels' nile
    frame.to_csv(tmp_path / "nile.csv", index=False)  # written 1871.0, as pandas writes a float column
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(tmp_path / "nile.csv")  # no target given: the one column besides the time
    assert panel.calendar.kind == "integer" and panel.columns == ["volume"] and panel.time[0] == 1871
    assert any(f"column {name!r} (found by its name (integer periods)" in r.getMessage() for r in caplog.records)
    assert list(_fit(frame, target="volume").predict(frame).index) == [1911, 1912, 1913, 1914]  # whole years (README)


def test_a_float_year_is_never_a_series_of_a_wide_table():
    frame = pd.DataFrame({"YEAR": np.arange(1950.0, 1990.0), "JAN": np.arange(40.0), "FEB": np.arange(40.0) + 1})
    panel = load_panel(frame, series="all")  # statsmodels' elnino: YEAR, JAN .. DEC
    assert panel.ids == ["JAN", "FEB"] and panel.calendar.name == "YEAR"
    with pytest.raises(RnncastError, match=r"2 numeric columns \('JAN', 'FEB'\)"):
        load_panel(frame)


@pytest.mark.parametrize("name, values, first", [
    ("date", pd.date_range("2000-01-25", periods=30).strftime("%Y%m%d").astype(float), pd.Timestamp("2000-01-25")),
    ("month", pd.date_range("2000-01-01", periods=30, freq="MS").strftime("%Y%m").astype(float), pd.Timestamp("2000-01-01")),
])
def test_compact_dates_and_months_written_as_floats_are_dates(name, values, first):
    panel = load_panel(pd.DataFrame({name: values, "y": np.arange(30.0)}), target="y")
    assert panel.calendar.kind == "datetime" and panel.time[0] == first


def test_float_times_that_are_no_whole_numbers_or_miss_one_are_refused_by_name():
    with pytest.raises(RnncastError, match="'step' holds 1.5 at row 0, a number that is not a whole period"):
        load_panel(pd.DataFrame({"step": np.arange(20) + 1.5, "y": np.arange(20.0)}), target="y", time_col="step")
    gap = np.arange(1950.0, 1970.0)
    gap[3] = np.nan  # a year column with a gap is still found by its name, and its gap named
    with pytest.raises(RnncastError, match="time column 'year' is missing a value at row 3"):
        load_panel(pd.DataFrame({"year": gap, "y": np.arange(20.0)}), target="y")
    for name, values in (("date", np.arange(20) + 42005.0), ("timestamp", np.arange(20) * 86400.0 + 1704067200)):
        with pytest.raises(RnncastError, match="not integer steps"):  # Excel serials, Unix times: as integers are
            load_panel(pd.DataFrame({name: values, "y": np.arange(20.0)}), target="y")


@pytest.mark.parametrize("name", ["unixf", "time"])
def test_unix_seconds_with_a_fraction_in_a_named_time_column_are_refused_naming_time_unit(name):
    """t32t8 M2 (decision 1592): time.time()'s 1700000000.5 under --time-col unixf was "not a whole period" with no
    word of time_unit='s', which reads them (a column 'time' gets the dated names' Unix-time refusal, which names it)."""
    frame = pd.DataFrame({name: 1700000000.5 + 10 * np.arange(20), "y": np.arange(20.0)})
    with pytest.raises(RnncastError, match=r"holds 1700000000 .. 1700000190, which look like Unix times in seconds"
                                           r".*give time_unit='s'"):  # 'time': the dated names' refusal, as before
        load_panel(frame, target="y", time_col=name)
    assert load_panel(frame, target="y", time_col=name, time_unit="s").time[0] == pd.Timestamp("2023-11-14 22:13:20.5")


@pytest.mark.parametrize("name", ["step", "period", "time_idx"])
def test_an_integer_column_under_a_periods_name_is_a_value_beside_a_datetime_index(name, caplog):
    """A counter column named `step` (3, 5, 2 ...) beside a DatetimeIndex was taken as the time, and fit refused it:
    "duplicated timestamp 2 at row 3 and row 4". The index is the time; the column is a value."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2020-01-01", periods=80, freq="D")
    frame = pd.DataFrame({name: rng.integers(0, 9, 80), "y": rng.normal(100, 5, 80)}, index=days)
    panel = load_panel(frame, "y", announce=False)
    assert panel.calendar.freq_text == "D" and panel.calendar.name != name
    counted = frame.reset_index(drop=True).assign(**{name: np.arange(80)})
    assert load_panel(counted, "y", announce=False).calendar.name == name  # nothing else is time: the periods are


@pytest.mark.parametrize("values", [np.round(np.linspace(3.2, 9.1, 40), 1)[::-1], np.tile([3, 5, 2, 5], 10)])
def test_a_time_named_column_of_numbers_before_a_date_column_is_a_value(values):
    """`time` of 3.2, 5.1 ... (or counts) before a `date` column was the time: refused "a number that is not a whole
    period" or "duplicated timestamp 5". The dates are the time, the numbers a value."""
    frame = pd.DataFrame({"time": values, "date": pd.date_range("2020-01-01", periods=40, freq="D").astype(str),
                          "y": np.arange(40.0)})
    assert load_panel(frame, "y", announce=False).calendar.name == "date"
    assert load_panel(frame.drop(columns="date").assign(time=np.arange(40)), "y", announce=False).calendar.name == "time"


@pytest.mark.parametrize("tz", ["", "  "])
def test_an_empty_zone_is_named_as_its_reader_gives_it(tz, tmp_path, capsys):
    """--tz "" said "tz= is empty", the keyword, to a command-line user (a tester's finding, session 29)."""
    from rnncast.cli import main

    with pytest.raises(RnncastError, match=r"^tz \(--tz\) is empty; give an IANA zone name"):
        Forecaster(**TINY, tz=tz).fit(make_frame(60), target="y")
    make_frame(60).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--tz", tz, "--out", str(tmp_path / "r")]) == 2
    assert capsys.readouterr().err.startswith("rnncast: error: tz (--tz) is empty; give an IANA zone name")


@pytest.mark.parametrize("order", [["code", "when"], ["when", "code"]])
def test_codes_written_year_colon_number_before_the_dates_are_not_the_time(order):
    """'1700:01' store codes before the date column became the time column and the load was refused as "not a
    timestamp ... read as a quarter"; the colon form is now time only where no other column is (decision 1852)."""
    n = 40
    data = pd.DataFrame({"code": [f"{1700 + i % 30}:{i % 12 + 1:02d}" for i in range(n)],
                         "when": pd.date_range("2020-01-01", periods=n, freq="D").strftime("%Y-%m-%d"),
                         "y": np.arange(n, dtype=float)})[order + ["y"]]
    assert load_panel(data, target="y").calendar.name == "when"


def test_a_colon_column_alone_is_still_found_and_refused_naming_the_freq():
    data = pd.DataFrame({"period": [f"{2009 + i // 4}:{i % 4 + 1}" for i in range(20)], "y": np.arange(20.0)})
    with pytest.raises(RnncastError, match=r"'period' holds '2009:1' .*read as a quarter"):
        load_panel(data, target="y")


def test_a_column_of_date_objects_is_time_by_its_type_under_any_name():
    days = [datetime.date(2025, 1, 1) + datetime.timedelta(days=i) for i in range(40)]
    y = np.sin(np.arange(40) / 3)
    for data in (pd.DataFrame({"day": days, "y": y}), pa.table({"day": pa.array(days, pa.date32()), "y": y})):
        panel = load_panel(data, target="y", announce=False)  # pyarrow's date32 reads as datetime.date objects
        assert panel.time_col == "day" and panel.time[0] == pd.Timestamp("2025-01-01")  # (decision 2242)
    frame = pd.DataFrame({"when": [datetime.date(2025, 1, 1), "soon"] * 20, "y": y})  # not all dates: not by type
    assert load_panel(frame, target="y", announce=False).time_col != "when"


def test_a_timestamp_column_is_the_time_before_a_date_column_beside_it():
    """t41-t7 H2: a warehouse's `day` (Arrow date32: datetime.date objects) before `event_time` (hourly timestamps)
    was taken by its type since decision 2243, and the file refused as 690 duplicated timestamps; the finer column is
    the time (decision 2276)."""
    hours = pd.date_range("2026-10-01", periods=48, freq="h")
    frame = pd.DataFrame({"day": hours.date, "event_time": hours, "y": np.arange(48.0)})
    assert timeaxis.find_time_column(frame, exclude=["y"]) == ("event_time", "by its type")
    assert timeaxis.find_time_column(frame.drop(columns="event_time"), exclude=["y"]) == ("day", "by its type")


def test_a_folders_partition_key_is_not_the_time_over_a_column_of_its_files():
    """t41-t7 M1: `date=2026-11-01/part-0.csv` holding `ts` took the key `date` (a time name) as the time, refused as
    duplicated timestamps; the files' own column is the time, the key only where none is (decision 2276)."""
    hours = pd.date_range("2026-11-01", periods=48, freq="h")
    frame = pd.DataFrame({"ts": hours.strftime("%Y-%m-%d %H:%M"), "y": np.arange(48.0), "date": hours.strftime("%Y-%m-%d")})
    frame.attrs["folder_keys"] = ["date"]
    assert timeaxis.find_time_column(frame, exclude=["y"])[0] == "ts"
    assert timeaxis.find_time_column(frame.drop(columns="ts"), exclude=["y"])[0] == "date"
