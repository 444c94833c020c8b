"""monthtext: month columns in the forms offices and spreadsheets write (2000/01, Jan 2000, 2000-1, 2000M01,
01.2000, 200001) read as months and forecast in their own form; letters in two cases refused as two forms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, monthtext, timetext
from rnncast.csvtext import csv_text, written_format
from rnncast.data import read_table
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.timeaxis import parse_time

MONTHS = pd.date_range("2000-01-01", periods=60, freq="MS")
FORMS = ["%Y/%m", "%b %Y", "%B %Y", "%Y %b", "%m/%Y", "%Y.%m", "%Y-%-m", "%YM%m", "%m.%Y", "%b-%Y"]


@pytest.mark.parametrize("form", FORMS)
def test_a_month_column_keeps_its_form(form):
    """2000/01, Jan 2000 and 2000-1 were read but written back in no format (pandas' guess names none, or
    %Y-%m, which writes 2000-01); 2000M01 and 01.2000 were not read as months at all."""
    column = pd.Series(timetext.write(MONTHS, form), name="date")
    time = parse_time(column, "date", None, str)
    assert time.equals(pd.DatetimeIndex(MONTHS, name="date").as_unit("us"))
    assert written_format(column, time) == form


def _file(tmp_path, written, name="m.csv"):
    path = tmp_path / name
    y = np.round(10 + np.sin(np.arange(len(written)) * np.pi / 6), 3)
    path.write_text("date,y\n" + "".join(f"{w},{v}\n" for w, v in zip(written, y)))
    return path


@pytest.mark.parametrize("form, first", [("%Y/%m", "2005/01"), ("%b %Y", "Jan 2005"), ("%Y-%-m", "2005-1"),
                                         ("%YM%m", "2005M01"), ("%m.%Y", "01.2005"), ("%Y%m", "200501")])
def test_a_monthly_file_is_forecast_as_it_wrote_its_months(tmp_path, form, first):
    """predict wrote 2010-01-01 for each; 200001 integers were periods of step 1 (forecast 200913) and 01.2000
    the number 1.2."""
    path = _file(tmp_path, timetext.write(MONTHS, form))
    panel = load_panel(path, target="y")
    assert panel.calendar.freq_text == "MS" and panel.calendar.text_format == form
    lines = csv_text(Forecaster(**TINY).fit(path, target="y").predict(path), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:3]] == [first, timetext.write(pd.DatetimeIndex(["2005-02-01"]), form)[0]]


@pytest.mark.parametrize("values", [list(range(200001, 200013)) + [200101], [160001, 239912]])
def test_integers_that_are_all_compact_months_are_months(values):
    assert monthtext.compact_months(pd.Series(values))[0] == pd.Timestamp(str(values[0])[:4] + "-" + str(values[0])[4:])


@pytest.mark.parametrize("values", [list(range(200001, 200020)), [1990, 1991], list(range(1, 50)), [200000, 200001],
                                    [159912, 160001], [240001], [20000101, 20000201]])
def test_a_counter_years_or_other_integers_stay_integers(values):
    """A counter that starts at 200001 leaves the months by its 13th row; years and row numbers are shorter."""
    assert monthtext.compact_months(pd.Series(values)) is None


def test_a_counter_named_step_stays_integer_even_if_its_values_read_as_months():
    frame = pd.DataFrame({"step": [200001, 200002, 200003, 200004, 200005], "y": np.arange(5.0)})
    assert load_panel(frame, target="y").calendar.kind == "integer"


@pytest.mark.parametrize("values, message", [
    (["2000M12", "2000M13"], r"holds '2000M13' at line 3, which names no month \(months run 01 .. 12\)"),
    (["2000M11", "2000-12"], r"holds '2000-12' at line 3, but it is written as months \('2000M11'\)")])
def test_a_value_that_breaks_the_month_form_is_refused_by_its_line(values, message):
    with pytest.raises(RnncastError, match=message):
        parse_time(pd.Series(values), "t", None, lambda i: f"line {i + 2}")


def test_a_csv_column_of_dotted_months_is_read_as_its_text_and_numbers_stay_numbers(tmp_path):
    """01.2000 was read as the number 1.2 and refused as 'a number that is not a whole period'."""
    path = _file(tmp_path, timetext.write(MONTHS, "%m.%Y"))
    assert read_table(path)["date"].iloc[0] == "01.2000"
    numbers = tmp_path / "n.csv"
    numbers.write_text("date,y\n1.2000,1.5\n2.2000,2.5\n")  # no leading zero: numbers, as written
    assert read_table(numbers)["date"].dtype == np.float64


def test_quarters_written_in_lower_case_alone_are_forecast_so():
    quarters = pd.Series(pd.period_range("1990Q1", periods=8, freq="Q").strftime("%Yq%q"), name="date")
    assert written_format(quarters, parse_time(quarters, "date", None, str)) == "%Yq%q"


def _months_frame(name, values):
    return pd.DataFrame({name: values, "y": np.round(np.sin(np.arange(len(values))), 3)})


def test_one_month_13_among_compact_months_is_refused_by_its_line():
    """200013 among 200001 ... made the whole column integer steps: '352 rows are missing', forecasts 200413."""
    values = [int(t.strftime("%Y%m")) for t in MONTHS]
    values[13] = 200013
    for name in ("date", "month"):
        with pytest.raises(RnncastError, match=rf"time column '{name}' holds 200013 at row 13, which names no month "
                                               r"\(months run 01 .. 12\), where its other 59 values are months"):
            load_panel(_months_frame(name, values), target="y")


@pytest.mark.parametrize("name, n", [("t", 14), ("t", 60), ("date", 14), ("date", 15), ("step", 60)])
def test_a_counter_from_200001_stays_integer_periods(name, n):
    """Decision 92's safeguard: a counter holds at most 12 months before it leaves them (200013 .. 200100)."""
    frame = _months_frame(name, list(range(200001, 200001 + n)))
    assert load_panel(frame, target="y", time_col=name).calendar.kind == "integer"


def test_a_column_named_month_of_compact_months_is_the_time_column():
    """'no time column: rows are numbered', 'not used: month'."""
    frame = _months_frame("month", [int(t.strftime("%Y%m")) for t in MONTHS])
    panel = load_panel(frame, target="y")
    assert panel.calendar.name == "month" and panel.calendar.text_format == "%Y%m"
    assert load_panel(_months_frame("month", list(range(1, 13)) * 5), target="y").calendar.kind == "row"  # month of year


def test_imf_unpadded_months_are_read_and_written_back_unpadded(tmp_path):
    """2000M1 was 'not a timestamp; give dates such as 2024-01-31', and found as no time column."""
    written = timetext.write(MONTHS, "%YM%-m")
    assert list(written[:2]) == ["2000M1", "2000M2"] and written[9] == "2000M10"
    path = _file(tmp_path, written)
    panel = load_panel(path, target="y")
    assert panel.calendar.freq_text == "MS" and panel.calendar.text_format == "%YM%-m"
    autumn = pd.Series(written[9:20], name="date")  # starts at 2000M10: unpadded by its later 2001M1
    assert monthtext.format_of(autumn) == "%YM%-m" and parse_time(autumn, "date", None, str)[3] == pd.Timestamp("2001-01")
    with pytest.raises(RnncastError, match=r"holds '2000M02' at line 3, but it is written as months \('2000M1'\)"):
        parse_time(pd.Series(["2000M1", "2000M02"]), "t", None, lambda i: f"line {i + 2}")


@pytest.mark.parametrize("form", ["%Ym%-m", "%Ym%m"])
def test_stata_monthly_is_read_and_written_back_in_its_form(tmp_path, form):
    """Stata's %tm (1999m1, 1999m01) was 'no time column was found', while 1999M1 and Stata's 2009q1 were read."""
    written = timetext.write(MONTHS, form)
    assert written[0] == ("2000m1" if form == "%Ym%-m" else "2000m01") and written[9] == "2000m10"
    panel = load_panel(_file(tmp_path, written), target="y")
    assert panel.calendar.freq_text == "MS" and panel.calendar.text_format == form
    autumn = pd.Series(written[9:20], name="date")  # starts at 2000m10: unpadded only by its later 2001m1
    assert monthtext.format_of(autumn) == form and parse_time(autumn, "date", None, str)[3] == pd.Timestamp("2001-01")
    with pytest.raises(RnncastError, match=r"two forms: '2000m1' at line 2 \(1 row so\) and '2000M2' at line 3"):
        parse_time(pd.Series(["2000m1", "2000M2"]), "t", None, lambda i: f"line {i + 2}")
    with pytest.raises(RnncastError, match=r"holds '2000m02' at line 3, but it is written as months \('2000m1'\)"):
        parse_time(pd.Series(["2000m1", "2000m02"]), "t", None, lambda i: f"line {i + 2}")


def test_a_form_no_format_writes_back_is_warned_of_once_at_fit(tmp_path, caplog):
    """'Sept 2000' (not strftime's %b) was read as months and forecast 2005-01-01 without a word."""
    import logging
    path = _file(tmp_path, [w.replace("Sep ", "Sept ") for w in timetext.write(MONTHS, "%b %Y")])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert load_panel(path, target="y").calendar.text_format is None
        load_panel(path, target="y", announce=False)  # a reload at predict: said once, at fit
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and "'Sept 2000' at line 10 of m.csv, where %b %Y writes 'Sep 2000'" in said[0]
    assert "forecasts will be dated as ISO dates (2004-12-01)" in said[0]


@pytest.mark.parametrize("texts", [["Jan 2000", "Feb 2000", "March 2000"], ["June 2000", "Jul 2000"],
                                   ["2000-Jun", "2000-July"]])
def test_month_names_short_and_in_full_are_two_forms(texts):
    """Jun 2000 beside June 2000 was read as one calendar and forecast as ISO dates without a word."""
    with pytest.raises(RnncastError, match="month names written short and in full"):
        parse_time(pd.Series(texts), "date", None, str)
    assert parse_time(pd.Series(["May 2000", "June 2000"]), "date", None, str)[1] == pd.Timestamp("2000-06")  # May: either


@pytest.mark.parametrize("form", ["%b-%y", "%b %y", "%^b-%y", "%^b %y", "%B-%y", "%B %y"])
def test_a_month_name_and_a_two_digit_year_are_that_month_and_keep_their_form(form):
    """Excel's mmm-yy (Jan-15) was read by dateutil as 15 January of the year 1: 'timestamps are not sorted:
    1-01-16 ... comes after 1-12-15', or with one year of data a fit on a year-1 calendar."""
    months = pd.date_range("2015-01-01", periods=36, freq="MS")
    column = pd.Series(timetext.write(months, form), name="date")
    time = parse_time(column, "date", None, str)
    assert time.equals(pd.DatetimeIndex(months, name="date").as_unit("us"))
    assert written_format(column, time) == form
    one_year = column.iloc[:12]
    assert parse_time(one_year, "date", None, str)[0] == pd.Timestamp("2015-01-01")


def test_a_month_column_in_full_names_that_starts_in_may_is_read_in_full():
    """May is a short and a full name: a column that starts May-15 and goes on June-15 is written %B-%y."""
    column = pd.Series(timetext.write(pd.date_range("2015-05-01", periods=14, freq="MS"), "%B-%y"), name="date")
    time = parse_time(column, "date", None, str)
    assert time[1] == pd.Timestamp("2015-06-01") and written_format(column, time) == "%B-%y"


def test_a_month_name_with_a_two_digit_year_is_found_by_its_values_and_forecast_so(tmp_path):
    months = pd.date_range("2015-01-01", periods=48, freq="MS")
    data = pd.DataFrame({"when": timetext.write(months, "%^b-%y"), "y": np.round(np.sin(np.arange(48) / 2.0), 3)})
    model = Forecaster(**TINY).fit(data, target="y")
    assert model.time_col_ == "when" and model.calendar_.text_format == "%^b-%y"
    lines = csv_text(model.predict(data), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:4]] == ["JAN-19", "FEB-19", "MAR-19"]


def test_one_stray_month_first_in_the_column_is_not_named_as_the_example_of_the_form():
    values = [int(t.strftime("%Y%m")) for t in MONTHS]
    values[0] = 199913
    with pytest.raises(RnncastError, match=r"holds 199913 at row 0, .* months written 200002 \(year and month\)"):
        load_panel(pd.DataFrame({"month": values, "y": np.arange(60.0)}), target="y", time_col="month")


@pytest.mark.parametrize("month", ["{y}년 {m}월", "{y}년 {m:02d}월"])
def test_korean_months_are_read_as_time_and_forecasts_written_so(tmp_path, month):
    """A Korean analyst's finding: '2015년 1월' (Korean Excel's and statistics portals' month) was "not read as time",
    the fit went on with numbered rows and predict wrote rows 96, 97, 98. It is read as that month, the forecast
    written as the column writes it, and a month that is none (2015년 13월) is refused at its line."""
    from rnncast import Forecaster

    starts = pd.date_range("2015-01-01", periods=48, freq="MS")
    frame = pd.DataFrame({"날짜": [month.format(y=t.year, m=t.month) for t in starts], "매출": np.arange(48.0)})
    frame.to_csv(tmp_path / "m.csv", index=False)
    model = Forecaster(lookback=6, horizon=3, epochs=1, hidden_size=4).fit(tmp_path / "m.csv", target="매출")
    assert model.time_col_ == "날짜" and model.calendar_.freq == "MS"
    forecast = model.predict(tmp_path / "m.csv")
    assert forecast.index.tolist() == list(pd.date_range("2019-01-01", periods=3, freq="MS"))
    written = pd.DatetimeIndex(forecast.index).strftime(model.calendar_.text_format).tolist()  # as predict --out writes
    assert written == [month.format(y=2019, m=m) for m in (1, 2, 3)]
    frame.loc[5, "날짜"] = "2015년 13월"
    frame.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(RnncastError, match=r"holds '2015년 13월' at line 7 of .*bad\.csv, which names no month"):
        Forecaster(lookback=6, horizon=3, epochs=1).fit(tmp_path / "bad.csv", target="매출")


KOSIS = [f"{2008 + k // 12}.{k % 12 + 1:02d}" for k in range(48)]  # 2008.01 .. 2011.12, as KOSIS writes months


@pytest.mark.parametrize("name", ["시점", "month", "period", "first"])
def test_months_written_year_dot_month_are_read_as_months_where_named_as_time_or_first(tmp_path, name):
    """KOSIS' 2008.01 .. 2008.12 were typed float by pandas (2008.10 is 2008.1) and the rows numbered."""
    path = tmp_path / "kosis.csv"
    table = pd.DataFrame({name: KOSIS, "y": np.round(np.sin(np.arange(48.0)), 3)})
    if name == "first":
        table = table.rename(columns={"first": "when"})
    table.to_csv(path, index=False)
    assert list(read_table(path).iloc[:, 0][9:11]) == ["2008.10", "2008.11"]
    panel = load_panel(path, "y")
    assert panel.calendar.freq_text == "MS" and panel.calendar.text_format == "%Y.%m"
    assert str(panel.time[9].date()) == "2008-10-01"
    model = Forecaster(**TINY).fit(path, target="y")
    lines = csv_text(model.predict(path), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["2012.01", "2012.02", "2012.03"]


def test_year_dot_month_text_elsewhere_stays_a_number_and_unpadded_months_are_refused(tmp_path):
    path = tmp_path / "k.csv"
    pd.DataFrame({"y": np.arange(48.0), "price": KOSIS}).to_csv(path, index=False)  # neither named time nor first
    assert pd.api.types.is_float_dtype(read_table(path)["price"])
    floats = [str(round(2008 + k // 12 + (k % 12 + 1) / 100, 2)) for k in range(48)]  # a float column written out
    pd.DataFrame({"month": floats, "y": np.arange(48.0)}).to_csv(path, index=False)  # 2008.10 written as a float: 2008.1
    with pytest.raises(RnncastError, match=r"^time column 'month' holds '2008\.1' at line 11 of k\.csv, a month written "
                                           r"as a number: '2008\.1' is January 2008, or October where a number dropped "
                                           r"the 0 of 2008\.10; write every month with two digits \(2008\.01, 2008\.10\) "
                                           r"or as 2008-01$"):
        load_panel(path, "y")


def test_year_dot_month_floats_named_as_time_are_refused_saying_how_to_keep_the_text(tmp_path):
    """pd.read_csv's 2008.01 .. 2008.12 (2008.10 read as 2008.1) under '시점' were passed over and the rows numbered."""
    path = tmp_path / "kosis.csv"
    pd.DataFrame({"시점": KOSIS, "y": np.arange(48.0)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^no time column was found: '시점' holds 2008\.01 \.\. 2011\.12, numbers that "
                                           r"write months as year\.month \(2008\.01\), which a number cannot keep \(2008\.1 "
                                           r"is 2008\.10\); hand rnncast the file's path, which keeps the text, or read it "
                                           r"with pd\.read_csv\(path, dtype=\{'시점': str\}\); its name says time"):
        load_panel(pd.read_csv(path), "y")
    assert monthtext.float_months(pd.Series([2008.0, 2009.0])) is None and monthtext.float_months(pd.Series(["a"])) is None


def test_year_dot_number_under_a_quarterly_calendar_is_refused_naming_the_quarter_forms(tmp_path):
    """t35t6: predict of a quarterly run reading '2009.1' advised 'write every month with two digits (2009.01)', which
    the quarterly model would refuse in turn (decision 1808)."""
    path = tmp_path / "q.csv"
    quarters = pd.period_range("2009Q1", periods=40, freq="Q")
    pd.DataFrame({"quarter": [f"{q.year}.{q.quarter}" for q in quarters], "y": np.arange(40.0)}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"holds '2009\.1' at line 2 of q\.csv, a quarter written as a number, which "
                                           r"rnncast does not read .*; the calendar is quarterly: write quarters such as "
                                           r"2009Q1, 2009-Q1 or Q1 2009$"):
        load_panel(path, "y", freq="QS-JAN")  # as predict reads new data under a quarterly model's calendar
    with pytest.raises(RnncastError, match=r"a month written as a number"):
        monthtext.refuse_number_months(pd.Series(["2009.1", "2009.2"]), "quarter")  # no calendar said: months


def test_a_cell_of_spaces_is_a_missing_month_not_one_written_otherwise():
    """t36t1 L2: ' ' among Stata's months was refused as "holds '' ..., but it is written as months ('2009m1')", and
    before an earlier truly blank cell; it is missing, NaT, as a blank cell is (decision 1921)."""
    column = pd.Series(["2009m1", None, " ", "2009m4"])
    times = monthtext.read(column, "%Ym%-m")
    assert times.isna().tolist() == [False, True, True, False] and times[3] == pd.Timestamp("2009-04-01")
