"""csvtext: forecast tables written as CSV with the dates as the user's data wrote them (2016-02,
2016-02-29, 2016-02-01 13:00), never in a format that would not read back to the same timestamp."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, timetext
from rnncast.csvdialect import Dialect, dialect_of
from rnncast.csvtext import DIALECT, TIME_FORMAT, csv_text, kept_format, stamp_text, written_format
from rnncast.data import read_table
from rnncast.timecalendar import Calendar
from rnncast.timeaxis import parse_time


def fmt(texts, dayfirst=None):
    column = pd.Series(texts, name="ds")
    return written_format(column, parse_time(column, "ds", None, str, dayfirst), dayfirst)


@pytest.mark.parametrize("texts, expected", [
    (["2016-01", "2016-02", "2016-03"], "%Y-%m"),
    (["2016-01-31", "2016-02-29", "2016-03-31"], "%Y-%m-%d"),
    (["2016-01-01 00:00", "2016-01-01 01:00"], "%Y-%m-%d %H:%M"),
    (["2016-01-01T00:00:00", "2016-01-01T01:00:00"], "%Y-%m-%dT%H:%M:%S"),
    ([" 2016-01 ", "2016-02"], "%Y-%m"),  # spaces around the text are no format
    (["2016-1-5", "2016-1-6"], "%Y-%-m-%-d"),  # January unpadded: timetext.write writes it on every platform
    (["2016-01-5", "2016-1-6"], None),  # a number padded in one row and not in another: no one format
    (["2016-01-01", "2016-01-01 13:00"], None),  # mixed precision: no one format
    (["2016-01-01T12:00", "2016-01-01 13:00", "2016-01-01 14:00"], "%Y-%m-%d %H:%M"),  # T beside a space: the
    (["2016-01-01 12:00", "2016-01-01T13:00", "2016-01-01T14:00"], "%Y-%m-%dT%H:%M"),  # commoner of the two
    (["2016-01-01T12:00", "2016-01-01 13:00"], "%Y-%m-%dT%H:%M"),  # as many of each: the first value's
    (["2016-01-01T12:00", "2016-01-01 13:00:00"], None),  # and another precision: no one format
    (["2016-01-01 00:00:00+01:00", "2016-01-01 01:00:00+01:00"], "%Y-%m-%d %H:%M:%S%:z"),  # an offset: +01:00
    (["2016-01-01T00:00+0100", "2016-01-01T01:00+0100"], "%Y-%m-%dT%H:%M%z"),  # +0100
    (["2016-01-01T00:00:00Z", "2016-01-01T01:00:00Z"], "%Y-%m-%dT%H:%M:%SZ"),  # UTC written Z
    (["2014Q4", "2015Q1"], "%YQ%q"),  # quarters and ISO weeks: timetext's forms
    (["2021-W01", "2021-W02"], "%G-W%V"),
])
def test_the_format_is_one_that_writes_the_column_text_back(texts, expected):
    assert fmt(texts) == expected


def test_a_forecast_of_a_column_mixing_t_and_a_space_is_written_in_its_commoner_form(tmp_path):
    times = pd.date_range("2016-01-01", periods=200, freq="h")
    text = np.where(np.arange(200) % 4 == 0, times.strftime("%Y-%m-%dT%H:%M"), times.strftime("%Y-%m-%d %H:%M"))
    path = tmp_path / "d.csv"
    pd.DataFrame({"date": text, "y": np.sin(np.arange(200) / 5)}).to_csv(path, index=False)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(path, target="y")
    lines = csv_text(model.predict(path), index=True).splitlines()
    assert lines[1].startswith("2016-01-09 08:00,"), lines[:2]


@pytest.mark.parametrize("written, tz, first", [
    ("%Y-%m-%dT%H:%M:%S%:z", None, "2024-04-02T22:00:00+00:00"),  # offsets that change, no zone: UTC, ISO's way
    ("%Y-%m-%dT%H:%M:%S%:z", "Europe/Berlin", "2024-04-03T00:00:00+02:00"),  # the zone's own offset
    ("%Y-%m-%d %H:%M", "Europe/Berlin", "2024-04-03 00:00"),  # local wall time read with tz: written so
])
def test_a_zoned_forecast_is_written_in_the_data_form(tmp_path, written, tz, first):
    """Berlin's hours across the spring change (offsets +01:00 then +02:00): the forecast's first date
    is the instant after the last row's, written with a T, seconds and an offset only where the data had them."""
    times = pd.date_range("2024-03-28", periods=143, freq="h", tz="Europe/Berlin")  # to 2024-04-02 23:00+02:00
    text = times.strftime(written.replace("%:z", "%z"))
    text = text.str.replace(r"([+-]\d\d)(\d\d)$", r"\1:\2", regex=True) if "%:z" in written else text
    path = tmp_path / "d.csv"
    pd.DataFrame({"timestamp": text, "load": np.sin(np.arange(143) / 5)}).to_csv(path, index=False)
    model = Forecaster(**{**TINY, "epochs": 1, "tz": tz}).fit(path, target="load")
    lines = csv_text(model.predict(path), index=True).splitlines()
    assert lines[1].split(",")[0] == first, lines[:2]


def test_dates_read_day_first_keep_their_order():
    assert fmt(["31/01/2016", "29/02/2016", "31/03/2016"], dayfirst=True) == "%d/%m/%Y"


def test_timestamps_not_read_from_text_have_no_format():
    times = pd.date_range("2016-01-01", periods=3, freq="MS", name="ds")
    assert written_format(pd.Series(times), times) is None


def test_csv_text_writes_dates_in_the_frame_format_only_where_they_read_back():
    month_starts = pd.DataFrame({"ds": pd.date_range("2016-02-01", periods=2, freq="MS"), "y": [1.5, 2.0]})
    month_starts.attrs[TIME_FORMAT] = "%Y-%m"
    assert csv_text(month_starts) == "ds,y\n2016-02,1.5\n2016-03,2.0\n"
    month_ends = pd.DataFrame({"ds": pd.date_range("2016-02-29", periods=2, freq="ME"), "y": [1.5, 2.0]})
    month_ends.attrs[TIME_FORMAT] = "%Y-%m"  # 2016-02 would read back as 1 February: the full dates
    assert csv_text(month_ends) == month_ends.to_csv(index=False)
    indexed = month_starts.set_index("ds")
    assert csv_text(indexed, index=True) == "ds,y\n2016-02,1.5\n2016-03,2.0\n"
    assert csv_text(indexed.assign(p=pd.period_range("2016-02", periods=2, freq="M")), index=True) == \
        indexed.assign(p=pd.period_range("2016-02", periods=2, freq="M")).to_csv()  # periods: as pandas writes them


def test_one_date_is_written_in_the_format_only_where_it_reads_back():
    assert stamp_text(pd.Timestamp("2016-07-01"), "%Y-%m") == "2016-07"
    assert stamp_text(pd.Timestamp("2016-07-31"), "%Y-%m") == "2016-07-31"  # a date has no time of day to name
    assert stamp_text(pd.Timestamp("2016-07-01"), None) == "2016-07-01"
    hours = pd.date_range("2016-06-30 22:00", periods=4, freq="h")
    assert stamp_text(pd.Timestamp("2016-07-01"), None, hours) == "2016-07-01 00:00:00"  # hourly data: its midnight too
    assert stamp_text(7, "%Y-%m") == "7"  # integer periods, row numbers


def monthly(n=60, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"month": pd.period_range("2012-01", periods=n, freq="M").astype(str),
                         "sales": np.round(50 + 10 * np.sin(np.arange(n) / 2) + rng.normal(0, 1, n), 2)})


def test_a_monthly_forecast_keeps_datetime64_and_is_written_as_the_data_wrote_its_months(tmp_path):
    data = monthly()
    model = Forecaster(**TINY).fit(data, target="sales")
    assert model.calendar_.text_format == "%Y-%m"
    forecast = model.predict(data)
    assert isinstance(forecast.index, pd.DatetimeIndex) and forecast.index[0] == pd.Timestamp("2017-01-01")
    lines = csv_text(forecast, index=True).splitlines()
    assert lines[0] == "month,cutoff,step_ahead,sales" and [line.split(",")[0] for line in lines[1:]] == ["2017-01", "2017-02", "2017-03"]
    assert {line.split(",")[1] for line in lines[1:]} == {"2016-12"}  # the cutoff written as the data writes months
    model.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["calendar"]["text_format"] == "%Y-%m"
    del meta["calendar"]["text_format"], meta["description_sha256"]  # saved before both were kept (679)
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta))
    old = Forecaster.load(tmp_path / "m")
    assert old.calendar_ == Calendar("datetime", old.calendar_.freq, None, "month", None, None)
    assert csv_text(old.predict(data), index=True) == "\n".join(lines) + "\n"  # the new data's text says it
    typed = data.assign(month=pd.to_datetime(data["month"]))  # no text to learn from: the model's format
    assert csv_text(model.predict(typed), index=True) == "\n".join(lines) + "\n"
    assert csv_text(old.predict(typed), index=True).splitlines()[1].startswith("2017-01-01,")


def test_quarters_and_iso_weeks_are_forecast_as_the_data_wrote_them():
    """A quarterly file of 2014Q4 was forecast 2015-01-01; ISO weeks were not read as time at all."""
    n = 60
    y = np.round(10 + np.sin(np.arange(n) * np.pi / 2), 3)
    quarters = pd.DataFrame({"quarter": pd.period_range("2000Q1", periods=n, freq="Q").astype(str), "y": y})
    model = Forecaster(**TINY).fit(quarters)
    assert model.calendar_.text_format == "%YQ%q" and model.calendar_.freq_text == "QS-JAN"
    lines = csv_text(model.predict(quarters), index=True).splitlines()
    assert lines[0] == "quarter,cutoff,step_ahead,y" and [line.split(",")[0] for line in lines[1:]] == ["2015Q1", "2015Q2", "2015Q3"]
    assert {line.split(",")[1] for line in lines[1:]} == {"2014Q4"}
    mondays = pd.date_range("2020-01-06", periods=n, freq="W-MON")
    weeks = pd.DataFrame({"week": mondays.strftime("%G-W%V"), "y": y})
    model = Forecaster(**TINY).fit(weeks)  # the one numeric column is the target, the weeks its time
    assert model.time_col_ == "week" and model.calendar_.freq_text == "W-MON"
    lines = csv_text(model.predict(weeks), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["2021-W09", "2021-W10", "2021-W11"]
    frame = pd.DataFrame({"ds": pd.date_range("2015-03-31", periods=2, freq="QE"), "y": [1.0, 2.0]})
    frame.attrs[TIME_FORMAT] = "%YQ%q"  # quarter ends would read back as quarter starts: full dates
    assert csv_text(frame) == frame.to_csv(index=False)
    assert stamp_text(pd.Timestamp("2015-04-01"), "%YQ%q") == "2015Q2"


@pytest.mark.parametrize("form", ["%^b %Y", "%^B %Y", "%Y-%^b", "%m/%d/%y", "%d/%m/%y", "%d-%^b-%y", "%d.%m.%y",
                                  "%d-%^b-%Y", "%d %^b %Y", "%b-%y", "%y.%m.%d", "%y/%m/%d", "%y-%m-%d", "%m.%d.%y", "%y.%m.%d."])
def test_upper_case_month_names_and_two_digit_years_are_forecast_in_their_form(form, caplog):
    """JAN 2000 and 01/15/20 were read, but their forecasts were ISO dates (a note at fit said so); so were Korean
    offices' 23.01.01 (%y.%m.%d), read year first while the note named %d.%m.%y."""
    lines = _forecast_in_form(pd.date_range("2015-01-01", periods=90, freq="D" if "%d" in form else "MS"), form, caplog)
    if form == "%d/%m/%y":  # read day first, written day first: 1 April 2015
        assert lines[1].startswith("01/04/15,")


@pytest.mark.parametrize("form", ["%y.%m.%d %H:%M", "%y.%m.%d %-I:%M %p", "%m/%d/%y %I:%M:%S %p", "%y.%m.%d. %H:%M",
                                  "%y-%m-%d %H:%M:%S", "%d.%m.%y %H:%M", "%m/%d/%y %H:%M"])
def test_two_digit_year_dates_with_a_time_of_day_are_forecast_in_their_form(form, caplog):
    """23.01.01 13:00 was read, but forecast 2023-01-05 03:00 (pandas names no format for two-digit years)."""
    _forecast_in_form(pd.date_range("2023-01-01", periods=100, freq="h"), form, caplog)


def _forecast_in_form(times, form, caplog) -> list[str]:
    """Fit on ``times`` written in ``form``; assert the model keeps the form and forecasts in it; the forecast's lines."""
    import logging
    data = pd.DataFrame({"date": timetext.write(times, form), "y": np.round(np.sin(np.arange(len(times)) / 3.0), 3)})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY).fit(data, target="y")
    assert model.calendar_.text_format == form and "forecasts will be dated as ISO dates" not in caplog.text
    lines = csv_text(model.predict(data), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == list(timetext.write(model.calendar_.next(times[-1], 3), form))
    return lines


def test_two_digit_years_are_written_only_in_the_years_every_reader_agrees_on(caplog):
    """31/12/35 is 1935 to a spreadsheet (Excel, LibreOffice: 30 .. 99 are the 1900s) and 2035 to pandas."""
    import logging
    first, last = timetext.short_year_span()
    assert first >= 1969 and last <= 2029
    assert timetext.reads_back(pd.DatetimeIndex(["2020-01-15", f"{last}-12-31"]), "%m/%d/%y")
    assert not timetext.reads_back(pd.DatetimeIndex([f"{last + 1}-01-01"]), "%m/%d/%y")
    late = pd.DataFrame({"y": [1.0]}, index=pd.DatetimeIndex([f"{last + 1}-01-01"], name="date"))
    late.attrs[TIME_FORMAT] = "%m/%d/%y"
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert csv_text(late, index=True).splitlines()[1] == f"{last + 1}-01-01,1.0"
    assert f"some fall outside the years a two-digit year names alike in every reader ({first} .. {last})" in caplog.text


@pytest.mark.parametrize("texts, expected", [(["01-JAN-2015", "02-JAN-2015"], "%d-%^b-%Y"),
                                             (["01JAN2015", "02JAN2015"], "%d%^b%Y"),
                                             (["JAN 01, 2015", "JAN 02, 2015"], "%^b %d, %Y"),
                                             (["01-Jan-2015", "02-Jan-2015"], "%d-%b-%Y")])
def test_upper_case_month_names_in_dates_keep_their_form(texts, expected):
    """01-JAN-2015 was forecast as ISO dates ('no one date format writes back') while 01-Jan-2015 kept its form:
    pandas guesses no format for upper-case names."""
    assert fmt(texts) == expected


DAYS = pd.date_range("2020-01-01", periods=120, freq="D")  # January to April: months, days and hours below 10
HOURS = pd.date_range("2020-01-01", periods=200, freq="h")


@pytest.mark.parametrize("form, times", [
    ("%-m/%-d/%Y", DAYS), ("%-m/%-d/%Y %-H:%M", DAYS), ("%-m/%-d/%Y %-H:%M", HOURS),  # Excel's US defaults
    ("%Y/%-m/%-d %-H:%M", HOURS), ("%Y/%-m/%-d %-H:%M", DAYS),  # the LTSF exchange-rate file's 1990/1/1 0:00
    ("%-d.%-m.%Y", DAYS), ("%-d/%-m/%Y", DAYS), ("%-d-%-m-%Y", DAYS), ("%Y-%-m-%-d", DAYS),  # day first, ISO's order
    ("%-d/%-m/%Y %-H:%M", HOURS), ("%-d.%-m.%Y %H:%M", HOURS),  # the hour padded, the date not
    ("%-m/%d/%Y", DAYS), ("%m/%-d/%Y", DAYS), ("%d.%-m.%Y", DAYS),  # one number padded, the other not
    ("%-m/%-d/%y", DAYS), ("%-d.%-m.%y", DAYS),  # two-digit years
    ("%-m/%-d/%Y", pd.date_range("2020-01-01", periods=40, freq="MS") + pd.Timedelta(days=14)),  # days never below 10
    ("%m/%d/%Y %I:%M %p", HOURS), ("%-m/%-d/%Y %-I:%M %p", HOURS), ("%Y-%m-%d %I:%M:%S %p", HOURS),  # a 12-hour clock
    ("%-d/%-m/%Y %-I:%M %p", HOURS), ("%m/%d/%Y %I:%M%p", HOURS),
    ("%m/%d/%Y %I:%M %P", HOURS), ("%-m/%-d/%Y %-I:%M %P", HOURS), ("%Y-%m-%d %I:%M:%S %P", HOURS),  # am, pm
    ("%-d/%-m/%Y %-I:%M:%S%P", HOURS), ("%-m/%-d/%Y %-I:%M%P", HOURS),
])
def test_numbers_written_without_their_leading_zero_are_the_column_form_and_read_back(form, times, caplog):
    """1/15/2020 and 1990/1/1 0:00 were read right but warned of as a form 'no one date format writes back', and
    forecast as ISO dates; every such form is now the column's own, written back exactly (timetext.write, not
    glibc's strftime) and read back to the same times, month first or day first as the data was read."""
    import logging
    text = timetext.write(times, form)
    column, order = pd.Series(text, name="date"), {}
    with caplog.at_level(logging.WARNING, logger="rnncast.csvtext"):
        read = parse_time(column, "date", None, str, None, order)
        assert kept_format(column, read, "date", order.get("dayfirst")) == form
    assert "forecasts will be dated as ISO dates" not in caplog.text  # day first or month first: datetext says so
    assert (read == times).all()
    assert list(timetext.write(read, form)) == list(text) and timetext.reads_back(read, form)
    frame = pd.DataFrame({"y": [1.0]}, index=pd.DatetimeIndex([times[-1] + (times[-1] - times[-2])], name="date"))
    frame.attrs[TIME_FORMAT] = form
    assert csv_text(frame, index=True).splitlines()[1] == f"{timetext.write(frame.index, form)[0]},1.0"


def test_a_column_padding_a_number_in_some_rows_only_is_forecast_as_iso_dates_with_the_form_to_keep(caplog):
    """1/20/2020 beside 01/21/2020: read as one form (decision 103), but no one format writes both back, and which
    the forecasts should take would be a guess; the warning names the value and the form nearest the column."""
    import logging
    text = timetext.write(DAYS, "%-m/%-d/%Y")
    text[20] = "01/21/2020"
    column = pd.Series(text, name="date")
    with caplog.at_level(logging.WARNING, logger="rnncast.csvtext"):
        assert kept_format(column, parse_time(column, "date", None, str), "date", place=lambda i: f"line {i + 2}") is None
    assert ("('01/21/2020' at line 22, where %-m/%-d/%Y writes '1/21/2020'): forecasts will be dated as ISO dates "
            "(2020-04-29)") in caplog.text


@pytest.mark.parametrize("noon", [("Am", "Pm"), ("a.m.", "p.m.")])
def test_a_12_hour_clock_no_one_format_writes_is_read_and_forecast_as_iso_dates_with_a_warning(noon, caplog):
    """1:00 pm is written back as the data wrote it (%P, decision 208); Am/Pm (no writer's form) and a.m./p.m.
    (which pandas reads, but no format it reads by) are read right and forecast as ISO dates, as the warning says."""
    import logging
    text = [t.replace("AM", noon[0]).replace("PM", noon[1]) for t in timetext.write(HOURS, "%-m/%-d/%Y %-I:%M %p")]
    column = pd.Series(text, name="date")
    with caplog.at_level(logging.WARNING, logger="rnncast.csvtext"):
        read = parse_time(column, "date", None, str, None, {})
        assert kept_format(column, read, "date") is None
    assert (read == HOURS).all() and "forecasts will be dated as ISO dates" in caplog.text


def test_csv_text_writes_a_frame_in_its_files_dialect():
    frame = pd.DataFrame({"ds": pd.to_datetime(["2021-01-01", "2021-01-02"]), "y": [1.5, -0.25]})
    frame.attrs[TIME_FORMAT] = "%d.%m.%Y"
    assert csv_text(frame) == "ds,y\n01.01.2021,1.5\n02.01.2021,-0.25\n"
    frame.attrs[DIALECT] = Dialect(";", ",", "d.csv")
    assert csv_text(frame) == "ds;y\n01.01.2021;1,5\n02.01.2021;-0,25\n"


def test_a_time_column_the_file_leaves_unnamed_is_forecast_without_a_name(tmp_path):
    """A DatetimeIndex's to_csv (',sales') was forecast with the header 'Unnamed: 0,sales'; a file that names the
    column 'Unnamed: 0' (a frame read so and written with index=False) keeps that name."""
    days = pd.date_range("2020-01-01", periods=60, freq="D")
    data = pd.DataFrame({"sales": np.round(50 + 10 * np.sin(np.arange(60) / 5.0), 2)}, index=days)
    data.to_csv(tmp_path / "unnamed.csv")
    data.rename_axis("Unnamed: 0").reset_index().to_csv(tmp_path / "named.csv", index=False)
    assert (tmp_path / "unnamed.csv").read_text().startswith(",sales\n2020-01-01,")
    assert read_table(tmp_path / "unnamed.csv").attrs["unnamed"] == ["Unnamed: 0"]
    assert dialect_of(read_table(tmp_path / "named.csv")) is None  # a name, as any other
    model = Forecaster(**{**TINY, "epochs": 1, "horizon": 2}).fit(tmp_path / "unnamed.csv", target="sales")
    forecast = model.predict(tmp_path / "unnamed.csv")
    assert forecast.index.name == "Unnamed: 0"  # the frame keeps pandas' name; the CSV text writes the file's
    assert csv_text(forecast, index=True).splitlines()[:2] == [",cutoff,step_ahead,sales",
                                                                "2020-03-01,2020-02-29,1," + str(forecast["sales"].iloc[0])]
    assert csv_text(model.predict(tmp_path / "named.csv"), index=True).startswith("Unnamed: 0,cutoff,step_ahead,sales\n2020-03-01,")
    frame = pd.DataFrame({"unique_id": ["a"], "Unnamed: 0": pd.to_datetime(["2021-01-01"]), "y": [1.5]})
    frame.attrs[DIALECT] = Dialect(",", ".", "d.csv", unnamed=("Unnamed: 0",))
    assert csv_text(frame) == "unique_id,,y\na,2021-01-01,1.5\n"


def test_a_file_headed_by_excels_sep_line_is_forecast_with_it(tmp_path):
    """A file whose first line is Excel's 'sep=;' was forecast with ';' and decimal commas but without that line, so
    an Excel whose list separator is ',' opened the forecast as one column."""
    path = tmp_path / "excel.csv"
    path.write_bytes(b"sep=;\r\ndate;y\r\n2021-01-01;1,5\r\n2021-01-02;2,5\r\n")
    dialect = dialect_of(read_table(path))
    assert dialect[:2] == (";", ",") and dialect.sep_line and "Excel's first line 'sep=;'" in dialect.said
    frame = pd.DataFrame({"date": pd.to_datetime(["2021-01-03"]), "y": [3.25]})
    frame.attrs[DIALECT] = dialect
    assert csv_text(frame, file=True) == "sep=;\r\ndate;y\r\n2021-01-03;3,25\r\n"
    assert csv_text(frame) == "date;y\r\n2021-01-03;3,25\r\n"  # standard output: no file for Excel to open
    assert csv_text(frame, file=True, sep="\t") == "date\ty\r\n2021-01-03\t3,25\r\n"  # a .tsv: no sep= line
    (tmp_path / "plain.csv").write_text("sep=,\ndate,y\n2021-01-01,1.5\n2021-01-02,2.5\n")
    plain = dialect_of(read_table(tmp_path / "plain.csv"))  # ',' and '.', but the line is kept too
    assert plain is not None and plain.sep_line and plain[:2] == (",", ".")
    frame.attrs[DIALECT] = plain
    assert csv_text(frame, file=True) == "sep=,\ndate,y\n2021-01-03,3.25\n"


def test_dates_settled_day_first_by_a_day_past_12_keep_their_form_under_a_month_first_model():
    """A model fitted on 05/30/2024-style dates read new data written 29/05/2024 (its days past 12 settle the order)
    right, but wrote the forecasts 05/30/2024: the format was guessed month first, as the model reads, did not write
    the column back, and the model's own was taken (a tester's find). The other order is tried too."""
    text = pd.Series(pd.date_range("2024-04-10", periods=50).strftime("%d/%m/%Y"))
    times = parse_time(text, "date", None, str, dayfirst=False)
    assert times[-1] == pd.Timestamp("2024-05-29")  # read day first: 29 settles it
    assert written_format(text, times, dayfirst=False) == "%d/%m/%Y"
    assert written_format(text, times, dayfirst=True) == "%d/%m/%Y"


def test_compact_dates_written_as_floats_are_written_back_as_the_integers_they_hold():
    column = pd.Series(pd.date_range("2000-01-30", periods=5).strftime("%Y%m%d").astype(float))  # 20000130.0
    assert written_format(column, parse_time(column, "date", None, str)) == "%Y%m%d"


def test_iso_times_with_milliseconds_are_no_form_no_format_writes_back(caplog):
    """t31t1 subsec.csv (2024-03-01 12:00:00.112, Python logging's form) was warned "written in a form no one date
    format writes back ... forecasts will be dated as ISO dates (2024-03-01 17:33:10.344000)": strftime's %f writes
    six digits, but ISO dates keep the milliseconds as the column writes them (decision 1503)."""
    import logging

    from rnncast.loading import load_panel

    time = pd.date_range("2024-03-01 12:00:00.125", periods=200, freq="250ms")
    text = time.strftime("%Y-%m-%d %H:%M:%S.") + pd.Index([f"{t.microsecond // 1000:03d}" for t in time])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(pd.DataFrame({"timestamp": text, "y": np.sin(np.arange(200) / 9)}), target="y")
    assert "no one date format" not in caplog.text and panel.calendar.shown == "'250ms'"


def test_a_file_written_in_pieces_is_byte_for_byte_the_text_of_the_whole(tmp_path, caplog, monkeypatch):
    """test_forecasts.csv of 9.5 M rows was made as one 1.1 GB string (decision 1560): ``write_csv`` writes it
    ``rows`` rows at a time, with the same bytes, whichever form pandas would pick for a piece's dates alone (a
    piece of midnights would be written 2021-01-01, the file writes 2021-01-01 00:00:00 beside 01:00)."""
    from rnncast.csvtext import write_csv

    times = pd.DatetimeIndex(["2021-01-01", "2021-01-02", "2021-01-03", "2021-01-03 01:00", "2021-01-04", None])
    frame = pd.DataFrame({"id": ["a", "b", "c", "d", "e", "f"], "ds": times, "cutoff": times - pd.Timedelta("1D"),
                          "lag": times - times[0], "y": [1.5, -0.25, np.nan, 1e-7, 3.0, 2.0]},
                         index=pd.DatetimeIndex(times[::-1], name="when"))
    zoned = frame.assign(ds=pd.date_range("2023-10-29", periods=6, freq="h", tz="Europe/Berlin"))  # 02:00 twice
    dated = frame.iloc[:5].assign(ds=pd.date_range("2021-01-01", periods=5, freq="MS"))
    dated.attrs[TIME_FORMAT] = "%Y-%m"
    excel = frame.copy()
    excel.attrs[DIALECT] = Dialect(";", ",", "d.csv", bom=True, sep_line=True, line_end="\r\n", unnamed=("id",))
    for table in (frame, zoned, dated, excel, frame.iloc[:0]):
        for index in (False, True):
            whole = csv_text(table, index=index, file=True).encode("utf-8")
            for rows in (1, 2, 4, 100):
                write_csv(tmp_path / "t.csv", table, index=index, rows=rows)
                assert (tmp_path / "t.csv").read_bytes() == whole
    write_csv(tmp_path / "e.csv", excel, rows=2)
    assert (tmp_path / "e.csv").read_bytes().startswith("\ufeffsep=;\r\n;ds;cutoff;lag;y\r\na;2021-01-01 00:00:00;".encode())
    with pytest.raises(RnncastError, match="exists"):
        write_csv(tmp_path / "e.csv", frame, new="e.csv exists")
    monkeypatch.setattr("rnncast.csvtext.SAID_ROWS", 3)  # a file of many rows is said before it is written
    with caplog.at_level("INFO", logger="rnncast.csvtext"):
        write_csv(tmp_path / "test_forecasts.csv", frame)
    assert "writing test_forecasts.csv: 0.0 M rows" in caplog.text


def test_ids_a_spreadsheet_would_run_are_written_verbatim_and_said_once(tmp_path, caplog):
    """'=HYPERLINK(...)' and '+cmd|calc' as series ids were written to test_forecasts.csv unsaid (decision 1649)."""
    import logging

    from rnncast.csvtext import write_csv

    frame = pd.DataFrame({"unique_id": ['=HYPERLINK("http://x","c")', "+cmd|calc", "-3"], "forecast": [1.5, 2.0, -3.0]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        write_csv(tmp_path / "f.csv", frame)
    assert pd.read_csv(tmp_path / "f.csv", dtype={"unique_id": str}).equals(frame)  # verbatim: read back the same
    assert len(caplog.messages) == 1 and caplog.messages[0].startswith(
        "f.csv holds 2 cells ('=HYPERLINK(\"http://x\",\"c\")', '+cmd|calc') that a spreadsheet may run as formulas")


def test_floats_are_written_as_pandas_writes_them_each_value_formatted_once(tmp_path):
    """A 2-zone 15-minute fit spent 72 s formatting test_forecasts.csv's 13 M numbers cell by cell (t37t2 4): each
    distinct value is now formatted once (``floattext``), the same bytes in every piece, a decimal comma's too
    (decision 2006)."""
    from rnncast.csvtext import write_csv

    values = [np.nan, -0.0, 0.0, 1e-20, 1.7976931348623157e308, -np.inf, 12042.0, 1 / 3]
    frame = pd.DataFrame({"id": "a", "time": pd.date_range("2023-10-29 00:00", periods=8, freq="30min", tz="Europe/Berlin"),
                          "step": range(1, 9), "y": values, "y_hat": values[::-1]})
    comma = frame.copy()
    comma.attrs[DIALECT] = Dialect(";", ",", "d.csv")
    for table, pandas_text in ((frame, frame.to_csv(index=False)), (comma, frame.to_csv(index=False, sep=";", decimal=","))):
        assert csv_text(table) == pandas_text
        for rows in (1, 3, 100):
            write_csv(tmp_path / "t.csv", table, rows=rows)
            assert (tmp_path / "t.csv").read_bytes() == pandas_text.encode()
