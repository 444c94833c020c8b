"""Quarters and ISO weeks written as text (``timetext.py``): recognised in one form per column, read
as timestamps (a quarter at its first day, a week at its Monday), written back in the same form, and
refused by name where a value breaks the form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, timetext


@pytest.mark.parametrize("texts, fmt, first", [
    (["2014Q4", "2015Q1"], "%YQ%q", "2014-10-01"),
    (["2014-Q4", "2015-Q1"], "%Y-Q%q", "2014-10-01"),
    (["Q4 2014", "Q1 2015"], "Q%q %Y", "2014-10-01"),
    (["2021-W01", "2021-W02"], "%G-W%V", "2021-01-04"),  # ISO week 1 of 2021 begins on Monday 4 January
    (["2020W53", "2021W01"], "%GW%V", "2020-12-28"),  # 2020 has 53 ISO weeks
    (["2021-W01-3", "2021-W02-3"], "%G-W%V-%u", "2021-01-06"),
])
def test_a_column_of_quarters_or_iso_weeks_is_read_and_written_back_in_its_form(texts, fmt, first):
    column = pd.Series(texts)
    assert timetext.format_of(column) == fmt
    times = timetext.read(column, fmt)
    assert times[0] == pd.Timestamp(first)
    assert list(timetext.write(times, fmt)) == texts and timetext.reads_back(times, fmt)


@pytest.mark.parametrize("texts", [["2014Q4", "2015-Q1"], ["2016-01", "2016-02"], ["2014Q5"], [1, 2], ["2021-W1"]])
def test_other_text_or_a_mix_of_forms_is_none_of_its_business(texts):
    assert timetext.format_of(pd.Series(texts)) is None


def test_only_the_first_day_of_a_quarter_or_the_monday_of_a_week_reads_back():
    assert timetext.reads_back(pd.date_range("2015-01-01", periods=3, freq="QS"), "%YQ%q")
    assert not timetext.reads_back(pd.date_range("2015-03-31", periods=3, freq="QE"), "%YQ%q")
    assert not timetext.reads_back(pd.date_range("2021-01-05", periods=3, freq="W-TUE"), "%G-W%V")
    assert timetext.reads_back(pd.date_range("2016-01-01", periods=3, freq="MS"), "%Y-%m")  # strftime's formats too


def test_a_value_that_breaks_the_form_is_refused_by_its_place_and_a_missing_one_is_nat():
    place = lambda i: f"line {i + 2}"  # noqa: E731
    with pytest.raises(RnncastError, match=r"time column 'week' is written as ISO weeks \('2021-W01'\), but holds "
                                           r"'2021W03' at line 4; write every value as '2021-W01' is written"):
        timetext.read(pd.Series(["2021-W01", "2021-W02", "2021W03"]), "%G-W%V", "week", place)
    with pytest.raises(RnncastError, match=r"'week' holds '2021-W55' at line 4, which names no ISO week: ISO weeks of "
                                           r"2021 run W01 .. W52$"):
        timetext.read(pd.Series(["2021-W01", "2021-W02", "2021-W55"]), "%G-W%V", "week", place)
    with pytest.raises(RnncastError, match=r"'q' holds '2015Q5' at line 3, which names no quarter: quarters run Q1 .. Q4"):
        timetext.read(pd.Series(["2015Q4", "2015Q5"]), "%YQ%q", "q", place)
    assert timetext.read(pd.Series(["2014Q4", None, "2015Q2"]), "%YQ%q").isna().tolist() == [False, True, False]


@pytest.mark.parametrize("values, message", [
    (["2010-W01", "2010-W02", "2010W31"], r"mixes date formats, one kind of time written in two forms: '2010-W01' at line "
                                          r"2 \(2 rows so\) and '2010W31' at line 4 \(1 row so\); write every value in one "
                                          r"form, e.g. as '2010-W01' is written"),
    (["2010-W01", "2010-01-11"], r"is written as ISO weeks \('2010-W01'\), but holds '2010-01-11' at line 3; write "
                                 r"every value as '2010-W01' is written"),
    (["2010-W52", "2010-W53"], r"holds '2010-W53' at line 3, which names no ISO week: ISO weeks of 2010 run W01 .. W52"),
    (["2007Q5", "2008Q1"], r"holds '2007Q5' at line 2, which names no quarter: quarters run Q1 .. Q4"),
    (["2007Q3", "2007Q4", "2007Q5"], r"holds '2007Q5' at line 4, which names no quarter")])
def test_a_time_column_of_weeks_or_quarters_names_the_value_its_line_and_the_form_expected(values, message):
    """Such columns were read by pandas when one value broke the form: '2010-W01' at line 2 'is not a
    timestamp; give dates such as 2024-01-31'; 2010-W53 was told to be written as it was."""
    from rnncast import timeaxis

    with pytest.raises(RnncastError, match=message):
        timeaxis.parse_time(pd.Series(values), "t", None, lambda i: f"line {i + 2}")
    assert timeaxis.parse_time(pd.Series(["2009-W52", "2009-W53"]), "t", None, str)[1] == pd.Timestamp("2009-12-28")


def test_a_counter_named_step_stays_integer_periods_even_when_its_values_read_as_dates():
    """A 25-row counter 20000101 .. 20000125 named 'step' was read as days (an attack helper's file)."""
    from rnncast.loading import load_panel

    frame = pd.DataFrame({"step": range(20000101, 20000126), "y": np.arange(25.0) % 5})
    panel = load_panel(frame, target="y")
    assert panel.calendar.kind == "integer"


def test_a_time_is_shown_as_its_data_writes_it():
    """Messages printed '2008-01-01 00:00:00' for daily, weekly and monthly data."""
    days = pd.date_range("2008-01-01", periods=3, freq="D")
    assert timetext.shown(days[1], days) == "2008-01-02"
    assert timetext.shown(pd.Timestamp("2008-01-01"), pd.date_range("2007-12-31 23:00", periods=3, freq="h")) == \
        "2008-01-01 00:00:00"  # hourly data: a midnight keeps its time, as every other row does
    assert timetext.shown(pd.Timestamp("2008-01-01 06:00")) == "2008-01-01 06:00:00"
    assert timetext.shown(pd.Timestamp("2008-04-01"), None, "%YQ%q") == "2008Q2"  # the column's own form
    assert timetext.shown(pd.Timestamp("2008-04-02"), None, "%YQ%q") == "2008-04-02"  # no quarter's first day
    assert timetext.shown(pd.Timestamp("2008-01-01", tz="Europe/Berlin")) == "2008-01-01 CET"
    assert [timetext.shown(v) for v in (7, pd.Period("2008Q1"), "2008-W01")] == ["7", "2008Q1", "2008-W01"]
    assert timetext.shown(pd.Timestamp("2008-01-01"), True) == "2008-01-01"


def test_a_zoned_time_is_shown_as_its_file_writes_it_with_its_offset_only_in_the_repeated_hour():
    """A '26.10.2024 02:00' file read with tz=Europe/Berlin was named '2024-10-26 02:00:00+02:00' in evaluate's
    and backtest's text, while a file without a zone was named in its own form."""
    quarter = pd.date_range("2024-10-27 01:45", periods=7, freq="15min", tz="Europe/Berlin")  # 02:00+02 .. 02:00+01
    fmt = "%d.%m.%Y %H:%M"
    assert [timetext.shown(t, quarter, fmt) for t in quarter] == [
        "27.10.2024 01:45", "27.10.2024 02:00+02:00", "27.10.2024 02:15+02:00", "27.10.2024 02:30+02:00",
        "27.10.2024 02:45+02:00", "27.10.2024 02:00+01:00", "27.10.2024 02:15+01:00"]
    assert timetext.shown(pd.Timestamp("2024-10-26 02:00", tz="Europe/Berlin"), None, fmt) == "26.10.2024 02:00"
    assert timetext.shown(pd.Timestamp("2024-03-31 03:00", tz="Europe/Berlin"), None, fmt) == "31.03.2024 03:00"
    written = "%Y-%m-%dT%H:%M%:z"  # a form that writes the offset: never twice
    assert timetext.shown(quarter[1], quarter, written) == "2024-10-27T02:00+02:00"
    days = pd.date_range("2024-10-26", periods=3, freq="D", tz="Europe/Berlin")
    assert [timetext.shown(t, days, "%d/%m/%Y") for t in days] == ["26/10/2024", "27/10/2024", "28/10/2024"]
    havana = pd.DatetimeIndex(["2024-11-03 00:00"]).tz_localize("America/Havana", ambiguous=[True])  # repeated at 00:00
    assert timetext.shown(havana[0], True, "%Y-%m-%d") == "2024-11-03"
    assert timetext.shown(pd.Timestamp("2008-01-01", tz="Europe/Berlin")) == "2008-01-01 CET"  # no form: as before


@pytest.mark.parametrize("written, shown", [("%Y-%m-%d", "2008-01-03"), ("%YQ%q", "2008Q3"), ("%Y-%m", "2008-03")])
def test_a_loading_refusal_names_the_time_as_the_file_writes_it(tmp_path, written, shown):
    from rnncast.loading import load_panel

    freq = {"%Y-%m-%d": "D", "%YQ%q": "QS", "%Y-%m": "MS"}[written]
    t = pd.date_range("2008-01-01", periods=6, freq=freq)
    t = t[[0, 1, 2, 2, 3, 4]]  # the third time twice
    pd.DataFrame({"date": timetext.write(t, written), "y": range(6)}).to_csv(tmp_path / "d.csv", index=False)
    with pytest.raises(RnncastError, match=rf"^duplicated timestamp {shown} at line 4 of d.csv and line 5 of d.csv;"):
        load_panel(tmp_path / "d.csv", target="y")


def test_a_two_digit_year_is_named_by_dateutil_within_50_years_of_now_and_by_a_spreadsheet_from_1930():
    this_year = pd.Timestamp.now().year
    for yy in range(100):
        pandas_year, sheet_year = timetext.short_year_readings(yy)
        assert pandas_year % 100 == yy and this_year - 50 <= pandas_year < this_year + 50
        assert sheet_year == (1900 + yy if yy >= 30 else 2000 + yy)
    first, last = timetext.short_year_span()
    agree = [yy for yy in range(100) if len({*timetext.short_year_readings(yy), 1900 + yy if yy >= 69 else 2000 + yy}) == 1]
    assert {(1900 if yy >= 69 else 2000) + yy for yy in agree} == set(range(first, last + 1))


def test_numbers_without_their_leading_zero_are_written_on_every_platform():
    """Excel's 1/5/2020 0:00: %-m, %-d and %-H are glibc's (Windows spells them %#m), so write writes them itself;
    unpadded names the forms that leave some of a format's month, day and hour unpadded, the most unpadded first."""
    times = pd.DatetimeIndex(["2020-01-05 00:30", "2020-11-25 13:05"])
    assert list(timetext.write(times, "%-m/%-d/%Y %-H:%M")) == ["1/5/2020 0:30", "11/25/2020 13:05"]
    assert list(timetext.write(times, "%Y/%-m/%d %H:%M")) == ["2020/1/05 00:30", "2020/11/25 13:05"]
    assert timetext.reads_back(times, "%-d.%-m.%Y %-H:%M") and not timetext.reads_back(times, "%-d.%-m.%Y")
    assert timetext.unpadded("%m/%d/%Y %H:%M")[:4] == ["%-m/%-d/%Y %-H:%M", "%-m/%-d/%Y %H:%M", "%-m/%d/%Y %-H:%M",
                                                      "%m/%-d/%Y %-H:%M"]
    assert timetext.unpadded("%d.%m.%Y") == ["%-d.%-m.%Y", "%d.%-m.%Y", "%-d.%m.%Y"]
    assert timetext.unpadded("%Y-%-m") == [] and timetext.unpadded("%%d %Y") == []  # nothing left, a literal %d


@pytest.mark.parametrize("texts, fmt", [(["4Q99", "1Q00", "2Q00"], "%qQ%y"), (["4Q1999", "1Q2000", "2Q2000"], "%qQ%Y"),
                                        (["4q1999", "1q2000", "2q2000"], "%qq%Y")])
def test_quarters_written_number_first_are_read_and_written_back_in_their_form(texts, fmt):
    """Bloomberg's 1Q00 and 1Q2000 were read (through pandas' deprecated quarter parsing) but forecast '2000Q1' or
    as ISO dates."""
    column = pd.Series(texts)
    assert timetext.format_of(column) == fmt
    times = timetext.read(column, fmt)
    assert list(times.strftime("%Y-%m-%d")) == ["1999-10-01", "2000-01-01", "2000-04-01"]
    assert list(timetext.write(times, fmt)) == texts and timetext.reads_back(times, fmt)
    with pytest.raises(RnncastError, match=r"written as quarters \('4Q99'\), but holds '1Q2000' at 1"):
        timetext.read(pd.Series(["4Q99", "1Q2000"]), "%qQ%y")
    with pytest.raises(RnncastError, match=r"holds '5Q00' at 1, which names no quarter: quarters run Q1 \.\. Q4"):
        timetext.read(pd.Series(["4Q99", "5Q00"]), "%qQ%y")


def test_a_file_of_bloomberg_quarters_is_forecast_as_it_was_written(tmp_path):
    from conftest import TINY
    from rnncast import Forecaster
    from rnncast.csvtext import csv_text

    n = 60
    path = tmp_path / "bbg.csv"
    pd.DataFrame({"date": [f"{k % 4 + 1}Q{k // 4:02d}" for k in range(n)], "y": np.round(np.sin(np.arange(n)), 3)}
                 ).to_csv(path, index=False)
    model = Forecaster(**TINY).fit(pd.read_csv(path), target="y")
    assert model.calendar_.text_format == "%qQ%y" and model.calendar_.freq_text == "QS-JAN"
    lines = csv_text(model.predict(pd.read_csv(path)), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["1Q15", "2Q15", "3Q15"]


def test_times_written_with_the_zone_name_utc_are_written_back_so_in_forecasts(tmp_path):
    """An attacker's hourly times written '2024-01-01 00:00 UTC' were forecast as '2024-01-09 08:00:00+00:00', not
    as the data writes its times."""
    from conftest import TINY
    from rnncast import Forecaster
    from rnncast.cli import main

    hours = pd.date_range("2024-01-01", periods=120, freq="h", tz="UTC")
    assert timetext.reads_back(hours, "%Y-%m-%d %H:%M %Z")
    path = tmp_path / "utc.csv"
    pd.DataFrame({"date": hours.strftime("%Y-%m-%d %H:%M") + " UTC", "y": np.sin(np.arange(120) / 5)}).to_csv(path, index=False)
    Forecaster(**{**TINY, "lookback": 8, "horizon": 2}).fit(str(path), target="y").save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(path), "--out", str(tmp_path / "f.csv")]) == 0
    assert (tmp_path / "f.csv").read_text().splitlines()[1].startswith("2024-01-06 00:00 UTC,")


def test_times_of_one_table_are_shown_alike_with_the_offset_on_all_where_the_repeated_hour_needs_it():
    """A backtest's windows were named ``2024-10-26 21:00:00`` and ``2024-10-27 02:00:00+01:00``: the hour Berlin's
    clocks repeat carries its offset, so every one of the table does; with no such hour, none does."""
    from rnncast.timetext import shown_alike

    times = pd.date_range("2024-10-26 20:00", periods=12, freq="h", tz="Europe/Berlin")
    fmt = "%Y-%m-%d %H:%M:%S"
    assert shown_alike([times[1], times[7]], times, fmt) == ["2024-10-26 21:00:00+02:00", "2024-10-27 02:00:00+01:00"]
    assert shown_alike([times[1], times[4]], times, fmt) == ["2024-10-26 21:00:00", "2024-10-27 00:00:00"]
    days = pd.date_range("2024-10-20", periods=9, freq="D", tz="Europe/Berlin")
    assert shown_alike([days[0], days[7]], days, "%Y-%m-%d") == ["2024-10-20", "2024-10-27"]
    assert shown_alike([3, 5], None, None) == ["3", "5"]
