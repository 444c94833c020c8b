"""Timestamps written as text (``datetext.py``): read one way or refused naming the row that is not;
dates such as 01/02/2016 read the way that falls on a regular calendar, and said; ISO strings whose
UTC offset changes read as instants."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import RnncastError, twoclocks
from rnncast.datetext import parse_text
from rnncast.loading import load_panel


def test_iso_strings_whose_offset_changes_are_read_as_instants_and_said_so():
    text = pd.Series(["2024-10-27T01:00:00+02:00", "2024-10-27T02:00:00+02:00", "2024-10-27T02:00:00+01:00"])
    time, mixed = parse_text(text, "ds", str)
    assert mixed and str(time.tz) == "UTC" and list(time.hour) == [23, 0, 1]
    plain, mixed = parse_text(pd.Series(["2024-01-31", "2024-02-01"]), "ds", str)
    assert not mixed and list(plain) == [pd.Timestamp("2024-01-31"), pd.Timestamp("2024-02-01")]


@pytest.mark.parametrize("dates, words", [
    (["2020-01-01", "2020-01-02T00:00:00+01:00"] * 5, ["with a UTC offset", "without one"]),
    (["2020-01-01"] * 5 + ["20.02.2020"] * 5, ["mixes date formats", "'20.02.2020' at row 5"]),
    (["2020-01-01", "hello"] * 5, ["'hello' at row 1", "not a timestamp"]),
])
def test_time_text_that_cannot_be_read_one_way_is_named_by_row(dates, words):
    with pytest.raises(RnncastError) as err:
        load_panel(pd.DataFrame({"date": dates, "y": np.arange(10.0)}), target="y", time_col="date")
    assert all(w in str(err.value) for w in words) and "\n" not in str(err.value)


def test_dates_that_read_both_ways_take_the_reading_on_a_regular_calendar(caplog):
    """01/02/2016 is 2 January month first, 1 February day first. A newcomer's monthly file of
    firsts of the month was read month first (days scattered over 8 years, 2,473 'missing' rows) and
    predict invented daily dates; the reading whose dates fall on a calendar is taken, and said."""
    months = pd.date_range("2016-01-01", periods=96, freq="MS").strftime("%d/%m/%Y")
    with caplog.at_level("WARNING"):
        panel = load_panel(pd.DataFrame({"date": months, "y": np.arange(96.0)}), target="y")
    assert panel.calendar.freq == to_offset("MS") and panel.time[1] == pd.Timestamp("2016-02-01")
    assert "is read day first (01/02/2016 is 1 February 2016)" in caplog.text and "they are on the calendar 'MS'" in caplog.text
    caplog.clear()
    both = pd.Series([f"{m:02d}/01/2020" for m in range(1, 13)])  # monthly month first, daily day first
    with caplog.at_level("WARNING"):
        panel = load_panel(pd.DataFrame({"date": both, "y": np.arange(12.0)}), target="y")
    assert panel.time[1] == pd.Timestamp("2020-02-01")  # pandas' month-first reading stays ...
    assert "could be read month first or day first; read month first (02/01/2020 is 1 February 2020)" in caplog.text
    caplog.clear()
    us = pd.date_range("2020-01-01", periods=40, freq="D").strftime("%m/%d/%Y")  # 01/13/2020: one reading only
    with caplog.at_level("WARNING"):
        panel = load_panel(pd.DataFrame({"date": us, "y": np.arange(40.0)}), target="y")
    assert panel.calendar.freq == to_offset("D") and "day first" not in caplog.text


# ---- two-digit years: read only where every reader names the same century --------------------------

def _monthly(start: str, end: str, fmt: str) -> pd.Series:
    return pd.Series(pd.date_range(start, end, freq="MS").strftime(fmt))


@pytest.mark.parametrize("fmt, form, first", [("%m/%d/%y", "MM/DD/YY", "01/01/50"), ("%d-%b-%y", "DD-Mon-YY", "01-Jan-50"),
                                              ("%y-%m-%d", "YY-MM-DD", "50-01-01"), ("%b-%y", "Mon-YY", "Jan-50"),
                                              ("%^b %y", "MON YY", "JAN 50")])
def test_two_digit_years_a_reader_could_put_in_another_century_are_refused_naming_the_first(fmt, form, first):
    """01/15/50 .. 12/15/20 read '50' .. '75' as 2050 .. 2075 and was refused as unsorted; 1950 .. 1974 alone was
    read, silently, a century late."""
    from rnncast.timetext import short_year_span
    low, high = short_year_span()
    refusal = (rf"^time column 'date' is written with two-digit years \({form}\), and '{first}' at row 0 is 2050 to "
               rf"pandas but 1950 to a spreadsheet: readers name a two-digit year alike only in {low} \.\. {high}; write "
               rf"four-digit years \({form.replace('YY', 'YYYY')}\)$")
    ends = ("2020-12-01", "1974-12-01") if fmt != "%y-%m-%d" else ("1974-12-01",)  # pandas reads no '00-01-01'
    for end in ends:  # unsorted as read, and a span that fits the wrong century
        with pytest.raises(RnncastError, match=refusal):
            parse_text(_monthly("1950-01-01", end, fmt), "date", lambda i: f"row {i}")
    if fmt == "%y-%m-%d":  # pandas reads 29-02-01 day first: YY-MM-DD past the span is checked above only
        return
    late = _monthly(f"{high - 1}-01-01", f"{high + 2}-12-01", fmt)  # runs past the span: its first value past it named
    with pytest.raises(RnncastError, match=rf"'{pd.Timestamp(f'{high + 1}-01-01').strftime(fmt)}' at row 24 is "
                                           rf"{high + 1} to pandas but {high - 99} to a spreadsheet"):
        parse_text(late, "date", lambda i: f"row {i}")


def test_two_digit_years_inside_the_span_every_reader_agrees_on_are_read_and_said(caplog):
    import logging
    with caplog.at_level(logging.INFO, logger="rnncast"):
        time, _ = parse_text(_monthly("1990-01-01", "2020-12-01", "%m/%d/%y"), "date", str)
    assert time[0] == pd.Timestamp("1990-01-01") and time[-1] == pd.Timestamp("2020-12-01")
    assert "time column 'date' has two-digit years: read as 1990 .. 2020, as every common reader reads them" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):
        parse_text(_monthly("1950-01-01", "2020-12-01", "%m/%d/%Y"), "date", str)  # four digits: no doubt, nothing said
        parse_text(pd.Series(["2020-01-01 13:00", "2020-01-02 13:00"]), "date", str)
    assert "two-digit" not in caplog.text
    frame = pd.DataFrame({"date": _monthly("1950-01-01", "2020-12-01", "%m/%d/%y"), "y": np.arange(852.0)})
    with pytest.raises(RnncastError, match=r"two-digit years \(MM/DD/YY\), and '01/01/50' at row 0"):
        load_panel(frame, target="y")  # the whole path: not "timestamps are not sorted"


@pytest.mark.parametrize("fmt, first, form", [("%m/%d/%y", "01/01/62", " (MM/DD/YY)"), ("%b-%y", "Jan-62", " (Mon-YY)"),
                                              ("%-m/%y", "1/62", "")])
def test_the_sixties_in_two_digit_years_are_refused_not_read_a_century_late(fmt, first, form):
    """A tester's monthly 1962 .. 1971 written 01/01/62 (and Jan-62) was read as 2062 .. 2071 without a word."""
    frame = pd.DataFrame({"date": _monthly("1962-01-01", "1971-12-01", fmt), "y": np.arange(120.0)})
    with pytest.raises(RnncastError, match=rf"^time column 'date' is written with two-digit years{re.escape(form)}, and "
                                           rf"'{first}' at row 0 is 2062 to pandas but 1962 to a spreadsheet"):
        load_panel(frame, target="y")
    seventies = _monthly("1970-01-01", "1975-12-01", fmt)  # strptime reads 70 as 1970, dateutil as 2070: refused
    with pytest.raises(RnncastError, match=r"at row 0 is 2070 to pandas but 1970 to a spreadsheet"):
        parse_text(seventies, "date", lambda i: f"row {i}")


@pytest.mark.parametrize("fmt, first, read", [("%d-%b", "01-Jan", "0001-01-01"), ("%-m/%-d", "1/1", "0001-01-01"),
                                              ("%b %d %H:%M", "Jan 01 00:00", "0001-01-01"),
                                              ("%H:%M", "00:00", "today")])
def test_a_time_column_whose_values_name_no_year_is_refused_not_read_in_the_year_1(fmt, first, read):
    """dateutil puts 15-Jan or 3/15 in the year 1, and 12:30 on today's date: a fit on a year-1 calendar."""
    column = pd.Series(pd.date_range("2021-01-01", periods=40, freq="min" if fmt == "%H:%M" else "D").strftime(fmt))
    before = pd.Timestamp.now().strftime("%Y-%m-%d")  # today as the call starts and ends: a run across midnight
    with pytest.raises(RnncastError) as refused:  # (today was taken at collection: CI across midnight failed)
        parse_text(column, "date", lambda i: f"row {i}")
    dates = {before, pd.Timestamp.now().strftime("%Y-%m-%d")} if read == "today" else {read}
    assert re.match(rf"^time column 'date' holds '{first}' at row 0, which names no year \(pandas would read it as "
                    rf"({'|'.join(dates)}).*\); give dates with their year, such as 2024-01-31", str(refused.value))


def test_two_digit_years_are_read_month_or_day_first_as_four_digit_years_are(caplog):
    """01/13/20 cannot be day first, but dateutil read it so by swapping day and month, and the user was told the
    dates 'could be read month first or day first'; 13/01/20 day first was read both ways round in one column."""
    days = pd.date_range("2020-01-01", periods=60, freq="D")
    for year in ("%y", "%Y"):
        caplog.clear()
        with caplog.at_level("WARNING"):
            us = load_panel(pd.DataFrame({"date": days.strftime(f"%m/%d/{year}"), "y": np.arange(60.0)}), target="y")
        assert us.time[1] == pd.Timestamp("2020-01-02") and "first" not in caplog.text
        caplog.clear()
        with caplog.at_level("INFO"):
            eu = load_panel(pd.DataFrame({"date": days.strftime(f"%d/%m/{year}"), "y": np.arange(60.0)}), target="y")
        assert eu.time[1] == pd.Timestamp("2020-01-02") and eu.calendar.freq == to_offset("D")
        # the data's own first day past 12, not a date it does not hold (31/01/2024; a tester's find); the values
        # settle the order, so it is INFO, as month first is said nothing
        said = [r for r in caplog.records if "is read day first" in r.getMessage()]
        assert f"is read day first ({days[12].strftime(f'%d/%m/{year}')} is 13 January 2020)" in said[0].getMessage()
        assert said[0].levelno == logging.INFO


@pytest.mark.parametrize("form", ["%m/%d/%Y {h}:%M %p", "%Y-%m-%d {h}:%M %p", "%m/%d/%Y %I:%M:%S%p"])
def test_a_12_hour_clock_in_lower_case_starting_in_the_morning_is_read(form):
    """'01/01/2020 9:00 am' first: pandas' guessed format took 'am' for text and refused the first 'pm' row as
    another format; only a column starting in the afternoon was read (decision 213)."""
    times = pd.date_range("2020-01-01 09:00", periods=30, freq="h")
    text = pd.Series([t.strftime(form.replace("{h}", str(int(t.strftime("%I"))))).lower() for t in times])
    read, _ = parse_text(text, "time", str)
    assert (read == times).all()
    assert text.iloc[0].endswith("am")  # the column as written is not changed: forecasts are written back so


@pytest.mark.parametrize("written, dayfirst", [
    (["03.11.2024 00:00-04:00", "03.11.2024 01:00-04:00", "03.11.2024 01:00-05:00", "03.11.2024 02:00-05:00"], True),
    (["11/03/2024 00:00-04:00", "11/03/2024 01:00-04:00", "11/03/2024 01:00-05:00", "11/03/2024 02:00-05:00"], None),
    (["11/03/2024 12:00 AM-0400", "11/03/2024 1:00 AM-0400", "11/03/2024 1:00 AM-0500", "11/03/2024 2:00 AM-0500"],
     False)])
def test_times_in_any_form_whose_offset_changes_are_read_as_instants(written, dayfirst):
    """'03.11.2024 01:00-04:00', as rnncast writes a forecast in the repeated hour in the data's own form, crashed:
    "Mixed timezones detected. Pass utc=True in to_datetime" from the check of the form most values share."""
    time, mixed = parse_text(pd.Series(written), "ds", str, dayfirst)
    assert mixed and str(time.tz) == "UTC"
    assert list(time) == list(pd.date_range("2024-11-03 04:00", periods=4, freq="h", tz="UTC"))


def test_data_in_a_day_first_form_whose_offset_changes_keeps_its_written_clock():
    zoned = pd.date_range("2024-10-20 00:00", periods=24 * 20, freq="h", tz="America/New_York")
    text = zoned.strftime("%d.%m.%Y %H:%M") + pd.Index(zoned.strftime("%z")).str.replace(r"(\d\d)$", r":\1", regex=True)
    frame = pd.DataFrame({"ds": text, "y": np.arange(len(zoned), dtype=float)})
    panel = load_panel(frame, target="y")
    assert panel.calendar.freq == to_offset("h") and (panel.time == zoned.tz_convert("UTC")).all()
    with pytest.raises(RnncastError, match=r"^time column 'ds' holds 'x' at row 3, which is not a date written as its "
                                           r"other 479 values are \(DD\.MM\.YYYY hh:mm\+hh:mm, as '20\.10\.2024 "
                                           r"00:00-04:00' at row 0\)"):
        load_panel(frame.assign(ds=frame["ds"].where(frame.index != 3, "x")), target="y")


def test_python_timestamps_zoned_and_naive_in_one_column_are_refused_naming_one_of_each():
    """Timestamps from Python, some tz-aware (tz_localize'd) and some naive: "mixes date formats" with no row and
    no word of zones, where the same mix as text named the first of each."""
    days = pd.date_range("2023-01-02", periods=10, freq="B")
    for first in (list(days.tz_localize("America/New_York")[:4]), [d.to_pydatetime() for d in days.tz_localize("UTC")[:4]]):
        column = pd.Series(first + list(days[4:]), dtype=object)
        with pytest.raises(RnncastError) as refused:
            parse_text(column, "date", lambda i: f"row {i}")
        said = str(refused.value)
        assert said.startswith("time column 'date' mixes timestamps with a UTC offset ('2023-01-02 00:00:00")
        assert "and without one ('2023-01-06 00:00:00' at row 4); give every one an offset, or none" in said


@pytest.mark.parametrize("written", ["2023-01-{d:02d} {m} {h}:00:00", "2023/01/{d:02d} {m} {h}:00", "2023-01-{d:02d} {h}:00 {m}",
                                     "2023. 1. {d}. {m} {h}:00:00"])  # Google Sheets' Korean form: a date ending in a dot
@pytest.mark.parametrize("morning, afternoon", [("오전", "오후"), ("午前", "午後"), ("上午", "下午")])
def test_korean_excel_morning_and_afternoon_are_read_as_am_and_pm(written, morning, afternoon):
    """Korean Excel writes 2023-01-01 오후 1:00:00 (오후: PM); it was refused as 'not a timestamp'. Google Sheets
    writes 2023. 1. 1. 오전 12:00:00, refused as '오전 read only beside a time of a 12-hour clock': its date ends in a dot."""
    hours = [(morning, 12, 0), (morning, 9, 9), (afternoon, 12, 12), (afternoon, 1, 13), (afternoon, 11, 23)]
    for d in range(1, 4):
        column = pd.Series([written.format(d=d, m=m, h=h) for m, h, _ in hours])
        time, _ = parse_text(column, "날짜", str)
        assert list(time.hour) == [h for _, _, h in hours] and set(time.day) == {d}


MONTHS_2023 = pd.date_range("2023-01-01", periods=12, freq="MS")


@pytest.mark.parametrize("words", [("오전", "오후"), ("上午", "下午"), ("am", "pm")])
def test_a_12_hour_value_is_quoted_as_the_file_writes_it_not_as_the_am_pm_it_is_read_as(caplog, words):
    """A 12-hour clock's 오후 (下午, pm) is written as PM for pandas to read, and every message quoted that: a refused
    '2024년 1월 5일 오후 1:00' was named '2024년 1월 5일 1:00 PM', a text the file does not hold. Refusals and warnings
    alike now quote the value as written."""
    am, pm = words
    late = f"{pm} 1:00" if am != "am" else f"1:00 {pm}"
    cases = [  # (values, what is said)
        ([f"{t:%m/%d/%Y} {late}" for t in MONTHS_2023], f"read month first (02/01/2023 {late} is 1 February 2023)"),
        ([f"{t:%y-%m-%d} {late}" for t in pd.date_range("2019-03-01", periods=30, freq="D")],
         f"is read year first (19-03-01 {late} is 1 March 2019, YY-MM-DD)"),
        ([f"{t:%d/%m/%Y} {late}" for t in pd.date_range("2023-01-01", periods=20, freq="D")],
         f"is read day first (13/01/2023 {late} is 13 January 2023)"),
    ]
    for values, said in cases:
        caplog.clear()
        with caplog.at_level("INFO"):
            parse_text(pd.Series(values), "t", str)
        assert said in caplog.text
    refused = [  # (values, what is quoted)
        ([f"{t:%m/%d/%Y} {late}" for t in MONTHS_2023[:5]] + [f"Jan 5 {late}"], f"holds 'Jan 5 {late}' at 5"),
        ([f"{t:%m/%d/%y} {late}" for t in MONTHS_2023 - pd.DateOffset(years=73)], f"and '01/01/50 {late}' at 0 is 2050"),
        ([f"{t:%m/%d/%Y} {late}" for t in MONTHS_2023[:5]] + [f"13/45/2023 {late}"], f"holds '13/45/2023 {late}' at 5"),
    ]
    for values, said in refused:
        with pytest.raises(RnncastError) as error:
            parse_text(pd.Series(values), "t", str)
        assert said in str(error.value) and "PM" not in str(error.value)


@pytest.mark.parametrize("values, bad, first", [
    (["2024-01-01 1:00 PM", "2024-01-01 2:00 PM", "2024-01-01 15:00"], 2, 0),
    (["1:00 PM", "2:00 PM", "15:00"], 2, 0),
    (["01/05/2024 1:00 pm", "01/05/2024 2:00 p.m.", "01/05/2024 15:00"], 2, 0),
    (["2024-01-01 13:00", "2024-01-01 14:00", "2024-01-01 3:00 PM"], 2, 0),
    (["05.01.2024 오후 1:00", "05.01.2024 15:00"], 1, 0),
    ([None, "2024-01-01 13:00", "2024-01-01 3:00pm"], 2, 1)])
def test_times_on_a_12_hour_and_a_24_hour_clock_in_one_column_are_refused(values, bad, first):
    """'1:00 PM, 2:00 PM, 15:00' was read without a word (pandas reads both clocks), and its forecasts written on one
    of them; refused as cjkdates refuses 13:00 among 오후 1:00, naming the value on the other clock."""
    with pytest.raises(RnncastError) as err:
        parse_text(pd.Series(values), "t", str)
    assert str(err.value) == twoclocks.two_clocks("t", values[bad], str(bad), values[first])


def test_times_on_one_clock_and_dates_alone_are_not_two_clocks():
    for values in (["2024-01-01 1:00 PM", "2024-01-01 12:00 AM"], ["2024-01-01 13:00", "2024-01-02 00:30"]):
        assert len(parse_text(pd.Series(values), "t", str)[0]) == 2


@pytest.mark.parametrize("first", [None, np.nan])
def test_mixed_formats_quote_the_first_written_value_not_a_blank_first_row(first):
    """A blank first row was quoted as the format the column mixes with ("nan at row 0")."""
    dates = [first] + ["2020-01-01"] * 4 + ["January 20, 2020"] * 5
    with pytest.raises(RnncastError, match=r"mixes date formats: '2020-01-01' at row 1, but 'January 20, 2020' at row 5"):
        load_panel(pd.DataFrame({"date": dates, "y": np.arange(10.0)}), target="y", time_col="date")


def test_an_ideographic_space_around_a_date_is_stripped_as_an_ascii_one_is(tmp_path):
    """Decision 1469: '\u30002023/01/02' (U+3000 before or after) was refused "mixes date formats", every value being
    in one form; ' 2023/01/02' was read."""
    days = pd.bdate_range("2023-01-02", periods=40).strftime("%Y/%m/%d")
    for wide in (["\u3000" + d for d in days], [d + "\u3000" for d in days]):
        time, mixed = parse_text(pd.Series(wide, dtype=object), "日付", str)
        assert not mixed and list(time) == list(pd.to_datetime(days))
    (tmp_path / "d.csv").write_text("日付,売上\n" + "".join(f"\u3000{d},{k}\n" for k, d in enumerate(days)),
                                    encoding="utf-8")
    assert len(load_panel(tmp_path / "d.csv", target="売上").values) == 40


@pytest.mark.parametrize("zone", ["MEZ", "MESZ", "WESZ", "OEZ"])
def test_a_zone_abbreviation_ending_in_z_is_no_utc_z_and_the_cell_is_quoted_as_written(zone):
    """Decision 1795 (t35t2 M2): the Z of '07:00 MEZ' was read as UTC's, the time re-read without it and refused as
    '2018-10-01 07:00 ME', text the file does not hold; Z is UTC's only after a time's digit."""
    column = pd.Series([f"2018-10-0{d} 07:00 {zone}" for d in (1, 2, 3)])
    with pytest.raises(RnncastError) as err:
        parse_text(column, "date", lambda i: f"line {i + 2} of A.csv")
    assert str(err.value).startswith(f"time column 'date' holds '2018-10-01 07:00 {zone}' at line 2 of A.csv, which "
                                     f"ends in {zone!r}, a time-zone abbreviation rnncast does not read in a timestamp")
    time, _ = parse_text(pd.Series(["2018-10-01T07:00Z", "2018-10-02T07:00Z"]), "date", str)  # UTC's Z: read
    assert time[0] == pd.Timestamp("2018-10-01 07:00", tz="UTC")
