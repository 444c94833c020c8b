"""A time column's value that is no timestamp (``badtimes.py``): refused by its row, with the form the column's
other values are written in, as a person writes it; a column not read as time named by its first unreadable value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, timetext
from rnncast.datetext import parse_text
from rnncast.loading import load_panel


@pytest.mark.parametrize("freq, fmt, bad, form", [
    ("D", "%Y-%m-%d", "2020-01-32", "YYYY-MM-DD"), ("D", "%d/%m/%Y", "01/13/2020", "DD/MM/YYYY"),
    ("D", "%Y%m%d", "20201301", "YYYYMMDD"), ("MS", "%Y%m", "202013", "YYYYMM"), ("MS", "%b %Y", "Fbe 2020", "Mon YYYY"),
    ("h", "%Y-%m-%d %H:%M", "2020-01-01 25:00", "YYYY-MM-DD hh:mm"), ("D", "%m/%d/%y", "02/30/20", "MM/DD/YY"),
    ("h", "%-m/%-d/%Y %-H:%M", "1/32/2000 0:00", "M/D/YYYY h:mm"), ("D", "%-d.%-m.%Y", "1.13.2000", "D.M.YYYY"),
])  # numbers without their leading zero (Excel's 1/1/2000 0:00) are named so, not MM/DD/YYYY hh:mm; a day its month
# lacks (2020-02-30) is said so (test_a_day_the_gregorian_calendar_lacks_is_said_so_and_a_model_calendar_named)
@pytest.mark.parametrize("name", ["date", "when"])
def test_one_value_out_of_the_columns_form_is_named_with_the_form(freq, fmt, bad, form, name):
    """A column whose values are but for a few dates in one form is refused naming the first that is not, its
    row and the form, never read another way (integers, rows numbered) nor told to write ISO dates."""
    times = timetext.write(pd.date_range("2000-01-01", periods=60, freq=freq), fmt).tolist()  # %-m: not strftime's
    times[3] = bad
    time_col = name if fmt == "%Y%m" else None  # 200001 as text is found by its name only, as when all are months
    with pytest.raises(RnncastError) as err:
        load_panel(pd.DataFrame({name: times, "y": np.arange(60.0)}), target="y", time_col=time_col)
    assert str(err.value).startswith(f"time column {name!r} holds {bad!r} at row 3, which is not a date written as its "
                                     f"other 59 values are ({form}, as {times[0]!r} at row 0); correct that value")


def test_one_value_out_of_an_upper_case_day_month_year_column_names_its_form():
    """'31-APR-2019' was 'not a timestamp; give dates such as 2024-01-31' where '31-Apr-2019' named its form."""
    times = pd.date_range("2019-03-01", periods=40, freq="D").strftime("%d-%b-%Y").str.upper().tolist()
    times[20] = "31-APR-2019"
    with pytest.raises(RnncastError) as err:
        load_panel(pd.DataFrame({"date": times, "y": np.arange(40.0)}), target="y")
    assert str(err.value).startswith("time column 'date' holds '31-APR-2019' at row 20, which is not a date written as its "
                                     "other 39 values are (DD-MON-YYYY, as '01-MAR-2019' at row 0)")


def test_times_written_with_upper_case_dotted_am_pm_are_refused_saying_what_is_read():
    """'1:00 P.M.' made dateutil name an unknown zone 'M', which sent the column to the reader of UTC offsets, where
    no value held one: an IndexError. It is now one line naming the value and the forms that are read."""
    hours = pd.date_range("2020-01-01", periods=30, freq="h")
    column = pd.Series([t.replace("AM", "A.M.").replace("PM", "P.M.") for t in hours.strftime("%m/%d/%Y %I:%M %p")])
    with pytest.raises(RnncastError, match=r"^time column 'date' holds '01/01/2020 12:00 A.M.' at row 0, whose "
                                           r"A.M./P.M. pandas does not read; write the times with AM/PM, am/pm or "
                                           r"a.m./p.m. \(or as 13:00\)$"):
        parse_text(column, "date", lambda i: f"row {i}")


def test_a_column_not_read_as_time_is_named_by_its_first_unreadable_value_not_its_first(tmp_path, caplog):
    """German months ('Jan 2018', 'Feb 2018', 'Mär 2018', 'Mai', 'Okt', 'Dez'): no time column found, and the
    refusal named 'Jan 2018', which is readable; now the first value that is not, at its line, as time_col= names
    it (decision 622). A column none of whose values read is named by its first
    (FY2005 Q1 ...: tests/test_fiscalyears.py)."""
    german = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
    months = [f"{german[k % 12]} {2018 + k // 12}" for k in range(36)]
    path = tmp_path / "m.csv"
    pd.DataFrame({"Month": months, "revenue": np.arange(36.0)}).to_csv(path, sep=";", index=False)
    with pytest.raises(RnncastError, match=r"no time column was found: 'Month' holds 'Mär 2018' at line 4 of m\.csv, "
                                           r"which rnncast does not read as time"):
        load_panel(path)


@pytest.mark.parametrize("value", ["2023-01-01 오후 13:00:00", "2023-01-01 오후", "2023-01-01 오전 0:30:00"])
def test_a_korean_morning_or_afternoon_not_beside_a_12_hour_time_is_named(value):
    column = pd.Series(["2023-01-01 오전 9:00:00", value, "2023-01-01 오후 3:00:00"])
    mark = next(m for m in ("오전", "오후") if m in value)
    with pytest.raises(RnncastError, match=f"holds '{value}' at 1, whose {mark} \\((AM|PM)\\) is read only beside a time of a 12-hour"):
        parse_text(column, "날짜", str)


@pytest.mark.parametrize("first, then", [("2024-01-05 13:00", "2024-01-05 오후 3:00"), ("2024-01-05 13:00", "2024-01-05 3:00 오후"),
                                         ("2024-01-05 13:00", "2024-01-05 3:00 PM"), ("01/05/2024 13:00", "01/05/2024 3:00 pm")])
def test_a_twelve_hour_time_among_24_hour_ones_first_is_refused_as_two_clocks(first, then):
    """A 24-hour column whose first value is 24-hour and which later holds '오후 3:00' (or 3:00 PM) was refused as "not a
    date written as its other 2 values are"; the reverse order was named two clocks (decision 1331): now both are."""
    column = pd.Series([first, first.replace("13:", "14:"), then])
    with pytest.raises(RnncastError, match=rf"^time column 't' holds '{then}' at 2 beside '{first}': times of a 24-hour "
                                           rf"clock and of a 12-hour one in one column; write every time on one clock"):
        parse_text(column, "t", str)


def _monthly_day_first(bad: str) -> pd.Series:
    months = pd.date_range("2022-01-01", periods=36, freq="MS").strftime("%d.%m.%Y").tolist()
    return pd.Series(months[:7] + [bad] + months[8:], name="Datum")


@pytest.mark.parametrize("bad", ["Quelle: SAP BW, Stand 01.12.2024", "k.A."])
def test_first_of_month_dates_read_day_first_are_named_dd_mm_yyyy(bad):
    """'01.01.2022' ... '01.12.2024' (both orders read every value; day first gives months, month first days with
    hundreds missing) were named "MM.DD.YYYY" to a German user beside a footer line (decision 1478)."""
    with pytest.raises(RnncastError, match=r"which is not a date written as its other 35 values are \(DD\.MM\.YYYY, as "
                                           r"'01\.01\.2022' at row 0\); correct that value"):
        parse_text(_monthly_day_first(bad), "Datum", lambda i: f"row {i}")
    us = pd.Series(pd.date_range("2022-01-01", periods=36, freq="MS").strftime("%m/%d/%Y").tolist()[:35] + ["x"])
    with pytest.raises(RnncastError, match=r"\(MM/DD/YYYY, as '01/01/2022'"):  # month first where that gives months
        parse_text(us, "Month", lambda i: f"row {i}")


def test_twelve_dotted_first_of_month_dates_are_measured_by_their_calendar_and_named_day_first():
    """'01.01.2022' ... '01.12.2022' are months day first and 1-12 January month first, none missing either way: the
    day-first form won by the rounding of a hand-made measure (-0.05 missing steps); the calendar fit infers
    (owncalendars) now measures both and a tie of dotted dates is day first, as dayorder takes it (decision 1508)."""
    months = pd.date_range("2022-01-01", periods=12, freq="MS").strftime("%d.%m.%Y").tolist()
    with pytest.raises(RnncastError, match=r"\(DD\.MM\.YYYY, as '01\.01\.2022' at row 0\)"):
        parse_text(pd.Series(months + ["Stand 3.12."], name="Datum"), "Datum", lambda i: f"row {i}")


def test_an_excel_serial_among_dates_is_named_as_one_with_its_date():
    with pytest.raises(RnncastError, match=r"holds '44774' at row 7, which is not a date written as its other 35 "
                                           r"values are \(DD\.MM\.YYYY, .*\); 44774 looks like an Excel serial day "
                                           r"number \(2022-08-01\): format that cell as a date in Excel \(or write it as "
                                           r"the others are\)"):
        parse_text(_monthly_day_first("44774"), "Datum", lambda i: f"row {i}")


@pytest.mark.parametrize("note", ["Quelle: SAP BW, Stand 01.12.2024", "* vorläufige Zahlen"])
def test_text_below_the_last_date_is_named_as_a_footnote(note):
    """A source line or note below the table got the generic "correct that value", a totals row its own refusal."""
    months = pd.date_range("2022-01-01", periods=36, freq="MS").strftime("%d.%m.%Y").tolist()
    with pytest.raises(RnncastError, match=r"at row 36, which is not a date .*\); it stands below the last date, at "
                                           r"the end of the table: a footnote or a source line \(text below the "
                                           r"table\)\? remove that line and any below it"):
        parse_text(pd.Series(months + [note]), "Datum", lambda i: f"row {i}")
    with pytest.raises(RnncastError, match=r"; correct that value") as err:  # amid the dates: a typo, no footnote
        parse_text(pd.Series(months[:10] + ["vorläufig"] + months[11:]), "Datum", lambda i: f"row {i}")
    assert "footnote" not in str(err.value)


@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%d/%m/%Y", "%Y%m%d", "%-d.%-m.%Y %H:%M"])
def test_a_day_the_gregorian_calendar_lacks_is_said_so_and_a_model_calendar_named(fmt):
    """A climate model's 360-day calendar ('2018-02-29', '2018-02-30' ...) was refused as a value "not written as its
    other values are ...; correct that value", though written so (decision 1575): a day its month lacks is said to be
    none of the Gregorian calendar, and several such are named as a model calendar to convert first."""
    times = timetext.write(pd.date_range("2019-02-01", periods=60, freq="D"), fmt).tolist()
    typo = times.copy()
    typo[28] = timetext.write(pd.DatetimeIndex(["2019-02-28"]), fmt)[0].replace("28", "30", 1)
    with pytest.raises(RnncastError) as err:
        load_panel(pd.DataFrame({"date": typo, "y": np.arange(60.0)}), target="y")
    assert str(err.value) == (f"time column 'date' holds {typo[28]!r} at row 28, which is no day of the Gregorian "
                              "calendar (February 2019 has 28 days); correct that value, or name another time column "
                              "(time_col=, --time-col)")
    model = typo[:28] + [typo[28].replace("30", "29", 1), typo[28]] + times[28:]
    with pytest.raises(RnncastError) as err:
        load_panel(pd.DataFrame({"date": model, "y": np.arange(62.0)}), target="y")
    said = str(err.value)
    assert said.startswith(f"time column 'date' holds {model[28]!r} at row 28, which is no day of the Gregorian calendar "
                           f"(February 2019 has 28 days), nor is 1 other value (as {model[29]!r} at row 29): the dates "
                           "of a climate model's 360-day or all-leap calendar are not read; convert them to the Gregorian "
                           "calendar first (xarray's convert_calendar, or cftime)")


@pytest.mark.parametrize("values, language, english", [
    ([f"{d} janvier 2026" for d in range(1, 25)], "French", "'1 Jan 2026'"),
    ([f"{d} de janeiro de 2026" for d in range(1, 25)], "Portuguese", "'1 Jan 2026'"),
    ([f"{d} января 2026 г." for d in range(1, 25)], "Russian", "'1 Jan 2026'")])
def test_a_time_column_named_date_of_foreign_month_names_says_which_language(values, language, english):
    """t34t3: 'date' of '1 janvier 2026' was refused without the clause a 'Datum' column got (decision 1714)."""
    frame = pd.DataFrame({"date": values, "y": np.arange(24.0)})
    with pytest.raises(RnncastError, match=rf"^time column 'date' holds '{values[0]}' at row 0, which is not a "
                                           rf"timestamp; .*; its months are written in {language} .*write them so "
                                           rf"\({english}\) or as numbers"):
        load_panel(frame, target="y")


def test_a_time_followed_by_a_zone_abbreviation_is_told_what_the_abbreviation_is():
    """Decision 1795: '2018-10-01 07:00 CET' was "not a timestamp" with no word of its zone."""
    from rnncast.badtimes import first_bad

    with pytest.raises(RnncastError) as err:
        first_bad(pd.Series(["2018-10-01 07:00 CET", "2018-10-02 07:00 CET"]), "date", lambda i: f"row {i}")
    assert str(err.value) == (
        "time column 'date' holds '2018-10-01 07:00 CET' at row 0, which ends in 'CET', a time-zone abbreviation "
        "rnncast does not read in a timestamp: CET is Central European Time at UTC+01:00 by definition, all year (its "
        "summer time is written CEST, UTC+02:00); remove it from the timestamps and give tz='+01:00', --tz +01:00, the "
        "offset it stands for (or, where the times are a place's local clock, which moves to summer time, its zone, "
        "such as Europe/Berlin)")
    with pytest.raises(RnncastError, match="which is not a timestamp"):  # a word after no time: said as before
        first_bad(pd.Series(["soon CET", "2018-10-02 07:00"]), "date", lambda i: f"row {i}")


def test_a_time_column_of_elapsed_times_is_refused_with_the_recipe():
    """Decision 1865: time_col= naming a timedelta column was refused as "not a timestamp" with no way out."""
    frame = pd.DataFrame({"elapsed": pd.timedelta_range(0, periods=20, freq="15min"), "y": np.arange(20.0)})
    with pytest.raises(RnncastError) as info:
        load_panel(frame, target="y", time_col="elapsed")
    assert str(info.value) == ("time column 'elapsed' holds elapsed times (timedeltas such as 0 days 00:00:00), which "
                               "are not timestamps: make them timestamps (data['elapsed'] += pd.Timestamp('2024-01-01'))")
