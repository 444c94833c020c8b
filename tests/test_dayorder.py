"""Tests of dayorder: dates that read both month first and day first, and which order is taken."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.cli import main
from rnncast.datetext import parse_text
from rnncast.dayorder import day_or_month_first


def test_a_second_field_past_12_leaves_month_first_without_a_word(caplog):
    text = pd.Series([f"01/{d:02d}/2020" for d in range(1, 20)])
    month_first = pd.DatetimeIndex(pd.to_datetime(text, format="%m/%d/%Y"))
    order: dict = {}
    with caplog.at_level("WARNING", logger="rnncast"):
        read = day_or_month_first(text, month_first, "date", order, {"dayfirst": True}, text)
    assert read.equals(month_first) and order == {"dayfirst": False} and caplog.text == ""


@pytest.mark.parametrize("form, dayfirst", [("%m/%d/%Y", False), ("%d/%m/%Y", True)])
def test_a_12_hour_clock_starting_in_the_afternoon_is_read_in_the_order_its_days_past_12_settle(form, dayfirst, caplog):
    """'01/01/2020 1:00 PM' first, dates to 01/14: pandas read such text element by element, dateutil swapping day
    and month where a reading named no date, so both orders 'read' and the column was warned of as either way
    round although 13 and 14 settle it (decision 223)."""
    times = pd.date_range("2020-01-01 13:00", periods=320, freq="h")
    text = pd.Series([f"{t.strftime(form)} {int(t.strftime('%I'))}:{t:%M} {t:%p}" for t in times])
    order: dict = {}
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(text, "time", str, order=order)
    assert (read == times).all() and order.get("dayfirst", False) is dayfirst
    assert "could be read month first or day first" not in caplog.text


@pytest.mark.parametrize("periods, freq", [(40, "10min"), (1, "h")])
def test_dotted_dates_that_read_both_ways_are_read_day_first(periods, freq, caplog):
    """09.03.2024 is 9 March wherever dates are written with dots (German, Russian, Polish ...): a history whose
    every date reads both ways, and a future table of one row, read month first (3 September) were misdated. Where
    no calendar tells the orders apart, the choice is warned of with the way to the other, as for slashes."""
    times = pd.date_range("2024-03-09 08:00", periods=periods, freq=freq)
    text = pd.Series(times.strftime("%d.%m.%Y %H:%M"))
    order: dict = {}
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(text, "timestamp", str, order=order)
    assert read.equals(pd.DatetimeIndex(times)) and order == {"dayfirst": True}
    assert ("could be read month first or day first; read day first, as dotted dates are written (09.03.2024 08:00 is "
            "9 March 2024); write ISO dates (2016-02-01) to leave no doubt: to read them month first (09.03.2024 08:00 "
            "as 3 September 2024), give date_order='month', --date-order month, or e.g. with pandas: df['timestamp'] = pd.to_datetime(df['timestamp'], "
            "format='%m.%d.%Y %H:%M')") in caplog.text


@pytest.mark.parametrize("form, dayfirst", [("%m.%d.%Y %H:%M", False), ("%d.%m.%Y %H:%M", True), ("%m/%d/%Y %H:%M", False),
                                            ("%d-%m-%Y %H:%M", True)])
def test_dates_whose_days_are_all_12_or_less_take_the_order_their_calendar_keeps_dotted_or_not(form, dayfirst, caplog):
    """Hours of 1 .. 12 January written month first with dots (01.02.2023 13:00) were read day first, as 1 February,
    said only in an INFO line without the way to the other order: 7,752 rows missing from the 'h' calendar. Dots now
    take the reading whose calendar keeps far fewer rows missing, as slashes and dashes do, warned with the way out."""
    times = pd.date_range("2023-01-01", periods=12 * 24, freq="h")
    text = pd.Series(times.strftime(form))
    order: dict = {}
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(text, "date", str, order=order)
    assert read.equals(pd.DatetimeIndex(times)) and order == {"dayfirst": dayfirst}
    taken, other = ("day", "month") if dayfirst else ("month", "day")
    sep = form[2]
    other_form = form.replace(f"%d{sep}%m", "%D").replace(f"%m{sep}%d", f"%d{sep}%m").replace("%D", f"%m{sep}%d")
    assert f"time column 'date' is read {taken} first (" in caplog.text
    assert f"to read them {other} first (" in caplog.text
    assert f"df['date'] = pd.to_datetime(df['date'], format='{other_form}')" in caplog.text


def test_slashed_dates_that_read_both_ways_keep_their_reading():
    """Slashes are written both ways round (US month first, Europe day first): dayorder's rules stand for them."""
    text = pd.Series(["09/03/2024 08:00"])
    read, _ = parse_text(text, "timestamp", str)
    assert read[0] == pd.Timestamp("2024-09-03 08:00")


@pytest.mark.parametrize("times, form, dayfirst", [
    # monthly on the 5th, written day first: pandas' infer_freq names no calendar for it, so month first stayed
    # ("05/01/2010" read as 1 May: a calendar of days with 4,239 rows missing) and the forecasts were misdated
    (pd.date_range("2010-01-01", periods=150, freq="MS") + pd.Timedelta("4D"), "%d/%m/%Y", True),
    # hourly, one hour missing: infer_freq names none for either reading (a tester's find)
    (pd.date_range("2024-01-01", periods=151, freq="h").delete(70), "%d/%m/%Y %H:%M", True),
    # the same two written month first stay month first
    (pd.date_range("2010-01-01", periods=150, freq="MS") + pd.Timedelta("4D"), "%m/%d/%Y", False),
    (pd.date_range("2024-01-01", periods=151, freq="h").delete(70), "%m/%d/%Y %H:%M", False),
])
def test_the_reading_whose_dates_leave_far_fewer_rows_missing_on_a_calendar_is_taken(times, form, dayfirst, caplog):
    text = pd.Series(times.strftime(form))
    order: dict = {}
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(text, "date", str, order=order)
    assert read.equals(pd.DatetimeIndex(times)) and order == {"dayfirst": dayfirst}
    assert "could be read month first or day first" not in caplog.text
    said = "read day first" if dayfirst else "read month first"
    assert f"time column 'date' is {said}" in caplog.text and "write ISO dates" in caplog.text


def test_readings_that_both_keep_a_calendar_as_well_stay_month_first_with_a_warning(caplog):
    """1 to 12 January daily is 1 January to 1 December monthly read month first: nothing tells them apart."""
    text = pd.Series(pd.date_range("2024-01-01", periods=12, freq="D").strftime("%d/%m/%Y"))
    order: dict = {}
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(text, "date", str, order=order)
    assert read[1] == pd.Timestamp("2024-02-01") and order == {"dayfirst": False}
    assert "could be read month first or day first" in caplog.text


def test_new_data_written_in_the_other_order_is_read_so_where_its_calendar_says_so(caplog):
    """A model fitted on day-first dates read new hourly rows 04/01/2024 00:00 ... 04/05/2024 23:00 day first (4 January
    to 4 May, 2,808 hours missing) and dated its forecast 5 May without a word (a tester's find). Where every date reads
    both ways and the other order keeps a calendar with far fewer rows missing, that order is taken, and said."""
    times = pd.date_range("2024-04-01", periods=5 * 24, freq="h")
    text = pd.Series(times.strftime("%m/%d/%Y %H:%M"))
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(text, "time", str, dayfirst=True)
    assert read.equals(pd.DatetimeIndex(times))
    assert ("time column 'time' is read month first (04/01/2024 00:00 is 1 April 2024), not day first as the data the "
            "model was fitted on") in caplog.text
    assert ("; write ISO dates (2016-02-01) to leave no doubt: to read them day first (04/01/2024 00:00 as 4 January "
            "2024), e.g. with pandas: df['time'] = pd.to_datetime(df['time'], format='%d/%m/%Y %H:%M')") in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):  # written as the model read: no word
        read, _ = parse_text(pd.Series(times.strftime("%d/%m/%Y %H:%M")), "time", str, dayfirst=True)
    assert read.equals(pd.DatetimeIndex(times)) and caplog.text == ""
    days = pd.Series(pd.date_range("2024-01-01", periods=12, freq="D").strftime("%m/%d/%Y"))  # both as regular: the
    read, _ = parse_text(days, "date", str, dayfirst=True)  # model's order stays (1 Jan .. 1 Dec monthly, read so)
    assert read[1] == pd.Timestamp("2024-02-01")


def test_a_future_file_is_read_in_the_order_the_new_data_was_read():
    """A month-first model given day-first new data (read day first: days past 12 settle it) read the day-first future
    file month first, and refused it as "missing for 06/01/2024 ... the future values are dated 01/06/2024" (a
    tester's find): the future file is read in the order the data given beside it was read."""
    from conftest import TINY
    from rnncast import Forecaster

    days = pd.date_range("2024-01-01", periods=150)
    fit = pd.DataFrame({"date": days.strftime("%m/%d/%Y"), "y": np.sin(np.arange(150) / 4), "temp": np.cos(np.arange(150) / 5)})
    model = Forecaster(**{**TINY, "horizon": 3, "future_known": True}).fit(fit, target="y", features=["temp"])
    new_days = pd.date_range("2024-04-01", periods=61)
    new = pd.DataFrame({"date": new_days.strftime("%d/%m/%Y"), "y": np.sin(np.arange(61) / 4),
                        "temp": np.cos(np.arange(61) / 5)})
    ahead = pd.date_range("2024-06-01", periods=3)
    future = pd.DataFrame({"date": ahead.strftime("%d/%m/%Y"), "temp": [0.1, 0.2, 0.3]})
    forecast = model.predict(new, future=future)
    assert forecast.index.tolist() == ahead.tolist()
    order: dict = {}
    parse_text(pd.Series(new_days.strftime("%d/%m/%Y")), "date", str, dayfirst=False, order=order)
    assert order == {"dayfirst": True}  # the order the reading took, not the model's


def test_a_model_of_day_first_dates_reads_iso_dates_as_iso_in_data_and_future_files(tmp_path):
    time = pd.date_range("2019-01-01", periods=60, freq="MS")  # every day <= 12: both orders read them
    y = 100 + 10 * np.sin(np.arange(60) / 2) + np.arange(60)
    dotted = pd.DataFrame({"month": time.strftime("%d.%m.%Y"), "sales": y, "price": np.arange(60.0)})
    iso = dotted.assign(month=time.strftime("%Y-%m-%d"))
    model = Forecaster(**{**TINY, "lookback": 12, "horizon": 3, "epochs": 1}).fit(dotted, target="sales",
                                                                                 future_covariates=["price"])
    future = pd.DataFrame({"month": pd.date_range("2024-01-01", periods=3, freq="MS").strftime("%Y-%m-%d"),
                           "price": [60.0, 61.0, 62.0]})  # 2024-02-01 had been read as 2 January
    expected = model.predict(dotted, future=future.assign(month=["01.01.2024", "01.02.2024", "01.03.2024"]))
    for data in (dotted, iso):
        forecast = model.predict(data, future=future)
        assert list(forecast.index) == list(pd.date_range("2024-01-01", periods=3, freq="MS"))
        np.testing.assert_allclose(forecast.iloc[:, 2:].to_numpy(), expected.iloc[:, 2:].to_numpy())  # after cutoff, step_ahead
    assert model.evaluate(iso)["windows"] == model.evaluate(dotted)["windows"]


@pytest.mark.parametrize("words, form", [(("오전", "오후"), "{d} {a} {h}:{m}"), (("午前", "午後"), "{d} {h}:{m} {a}"),
                                         (("上午", "下午"), "{d} {a}{h}:{m}")])
def test_the_way_to_the_other_order_of_dates_with_a_cjk_marker_reads_them(words, form, caplog):
    """'01/02/23 오전 12:00' read month first was warned of with the way back pd.to_datetime(df['date'],
    dayfirst=True), which fails on 오전: the line given now rewrites each marker as AM/PM where it stands and tells
    pandas the format with %p, and run as given reads every value day first (1 .. 9 January: 1 January .. 1 September)."""
    times = pd.date_range("2023-01-01", periods=9 * 24, freq="h")  # days 1 .. 9: month first keeps the calendar
    text = pd.Series([form.format(d=f"{t.month:02d}/{t.day:02d}/{t:%y}", a=words[t.hour >= 12],
                                  h=(t.hour + 11) % 12 + 1, m=f"{t:%M}") for t in times], name="date")
    with caplog.at_level("WARNING", logger="rnncast"):
        parse_text(text, "date", str)
    assert "dayfirst=True" not in caplog.text
    line = caplog.text.split("e.g. with pandas: ")[1].split("\n")[0].strip()
    df = pd.DataFrame({"date": text})
    exec(line, {"pd": pd, "df": df})
    assert df["date"].tolist() == [t.replace(month=t.day, day=t.month) for t in times]


PRINTED = re.compile(r"df\['date'\] = (pd\.to_datetime\(.*\))$")


@pytest.mark.parametrize("form", ["%m/%d/%Y", "%m.%d.%Y", "%m-%d-%Y", "%m-%d-%Y %H:%M", "%m/%d/%Y %H:%M", "%m.%d.%Y %H:%M:%S",
                                  "%m/%d/%Y %I:%M %p", "%m.%d.%Y %I:%M %P", "%m-%d-%Y %I:%M%P", "%m/%d/%Y 오후 %I:%M",
                                  "%m.%d.%Y %I:%M下午", "%m-%d-%Y 午後 %I:%M:%S"])
def test_the_pandas_line_the_order_warning_prints_runs_and_reads_the_other_order(form, caplog):
    """The day/month-order warning gave pd.to_datetime(df['date'], format='%d.%m.%Y %I:%M %P') for lower-case pm:
    '%P' is rnncast's own directive, "a bad directive" to pandas; for 오후 it gave dayfirst=True, which reads no 오후.
    Each printed line is run here on the file's values: it reads them in the order rnncast did not take."""
    stamps = pd.DatetimeIndex(["2024-01-05 13:00", "2024-02-05 13:00", "2024-03-05 13:00"])
    swapped = pd.DatetimeIndex(["2024-05-01 13:00", "2024-05-02 13:00", "2024-05-03 13:00"])
    if "%H" not in form and "%I" not in form:
        stamps, swapped = stamps.normalize(), swapped.normalize()
    values = [t.strftime(form.replace("%P", "%p")) for t in stamps]
    values = [v.replace("PM", "pm") for v in values] if "%P" in form else values
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(pd.Series(values), "date", str)
    lines = [m[1] for r in caplog.records if (m := PRINTED.search(r.getMessage()))]
    assert len(lines) == 1
    other = pd.DatetimeIndex(eval(lines[0], {"pd": pd, "df": pd.DataFrame({"date": values})}))
    assert {tuple(read), tuple(other)} == {tuple(stamps), tuple(swapped)}


@pytest.mark.parametrize("values", [["2024-01-05", "2024-01-06", "2024-13-05"], ["2024/01/05", "2024/01/06", "2024/13/05"],
                                    ["2024.01.05 10:00", "2024.01.06 10:00", "2024.13.05 10:00"],
                                    ["2024-13-05", "2024-01-06", "2024-01-07"]])
@pytest.mark.parametrize("dayfirst", [None, True])
def test_a_month_past_12_in_year_first_dates_is_refused_not_read_year_day_month(values, dayfirst):
    """2024-01-05, 2024-01-06, 2024-13-05 were read as 1 May, 1 June and 13 May ("read day first (a day past 12
    comes first)"): pandas read the column year, day, month, no country's order. The typo is refused by its line."""
    bad = next(v for v in values if ".13." in v or "-13-" in v or "/13/" in v)
    with pytest.raises(RnncastError, match=rf"holds '{re.escape(bad)}' at {values.index(bad)}, whose month 13 is no "
                                           r"month: dates written year first are read year, month, day \(YYYY"):
        parse_text(pd.Series(values), "date", str, dayfirst)


def test_a_column_written_year_day_month_is_said_to_be_so_with_the_pandas_line_that_reads_it():
    """t31t5 (decision 1462): a weekly column written 2021/04/01, 2021/11/01, 2021/18/01 .. (60% of its values with
    a month past 12) was told "correct that value" at its first; fixed, the next line failed the same way."""
    values = list(pd.date_range("2021-01-04", periods=30, freq="W-MON").strftime("%Y/%d/%m"))
    with pytest.raises(RnncastError, match=r"holds '2021/18/01' at 2 and 16 other values of its 30 whose second number "
                                           r"is past 12, though no value's third is: it is written year, day, month "
                                           r"\(YYYY/DD/MM\), which rnncast does not read .*write ISO dates \(2021-01-18\), e.g. "
                                           r"with pandas: df\['date'\] = pd.to_datetime\(df\['date'\], "
                                           r"format='%Y/%d/%m'\)"):
        parse_text(pd.Series(values), "date", str)
    values[5] = "2021/08/13"  # a day past 12 too: not year, day, month, a value to correct
    with pytest.raises(RnncastError, match="correct that value"):
        parse_text(pd.Series(values), "date", str)


def test_year_first_dates_with_every_month_in_range_are_read_year_month_day(caplog):
    values = ["2024/01/05 10:00", "2024/01/06 10:00", "2024/01/13 10:00"]
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(pd.Series(values), "date", str)
    assert list(read) == list(pd.to_datetime(values, format="%Y/%m/%d %H:%M")) and caplog.text == ""


@pytest.mark.parametrize("form", ["%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y %H:%M", "%m/%d/%Y", "%m.%d.%Y"])
def test_dates_whose_values_settle_the_order_are_read_without_a_warning(form, caplog):
    """Day-first dotted 13.01.2024 .. were warned "is read day first" where month-first 01/13/2024 .. were said
    nothing: a day past 12 settles the order, so neither is warned (day first is an INFO line)."""
    days = pd.date_range("2024-01-10", periods=10, freq="D")
    order: dict = {}
    with caplog.at_level("INFO", logger="rnncast"):
        read, _ = parse_text(pd.Series(days.strftime(form)), "date", str, order=order)
    assert read.equals(pd.DatetimeIndex(days)) and order == {"dayfirst": form.startswith("%d")}
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_tie_in_a_file_writing_decimal_commas_is_read_day_first_and_written_back_so(tmp_path, caplog):
    """A pt-BR year of monthly revenue dated 01/01/2022 .. 01/12/2022 (';', '1.510.367,53') was read as 12 days of
    January, and predict wrote its forecast '01/13/2022' (decision 2191): a file that writes decimal commas dates day
    first, said in the warning; the forecast is written as the file's dates are."""
    text = pd.Series(pd.date_range("2022-01-01", periods=12, freq="MS").strftime("%d/%m/%Y"))
    text.attrs["decimal"] = ","
    order: dict = {}
    with caplog.at_level("WARNING", logger="rnncast"):
        read, _ = parse_text(text, "Data", str, order=order)
    assert read[1] == pd.Timestamp("2022-02-01") and order == {"dayfirst": True}
    assert "read day first, as a file writing decimal commas dates them (01/02/2022 is 1 February 2022)" in caplog.text
    path = tmp_path / "mensal.csv"
    path.write_text("Data;Faturamento\n" + "".join(f"01/{m:02d}/2022;1.{500 + m * 20:03d}.{m * 7:03d},45\n"
                                                  for m in range(1, 13)), encoding="utf-8")
    model = Forecaster(**{**TINY, "lookback": 3, "horizon": 1}, val_frac=0.2, test_frac=0.2).fit(str(path), target="Faturamento")
    model.save(str(tmp_path / "run"))
    assert main(["predict", str(tmp_path / "run"), str(path), "--out", str(tmp_path / "prev.csv")]) == 0
    assert "\n01/01/2023;01/12/2022;1;" in (tmp_path / "prev.csv").read_text(encoding="utf-8-sig")


def test_date_order_reads_dates_so_keeps_it_in_the_model_and_refuses_a_date_not_so(tmp_path):
    """A user could not say the order (decision 2192): ``date_order`` reads a tie so at fit and predict, and a date
    that reads only the other way is refused by name, not read the other way."""
    frame = pd.DataFrame({"Data": pd.date_range("2022-01-01", periods=12, freq="MS").strftime("%d/%m/%Y"),
                          "y": np.arange(12.0)})
    settings = {**TINY, "lookback": 3, "horizon": 1, "val_frac": 0.2, "test_frac": 0.2}
    for order, step in (("day", "2023-01-01"), ("month", "2022-01-13")):
        model = Forecaster(**settings, date_order=order).fit(frame, target="y")
        assert model.state_.calendar.dayfirst == (order == "day")
        assert model.predict(frame).index[0] == pd.Timestamp(step)
    bad = pd.DataFrame({"Data": ["12/01/2022", "12/13/2022", "12/14/2022"], "y": [1.0, 2.0, 3.0]})
    with pytest.raises(RnncastError, match=re.escape(
            "time column 'Data' is to be read day first (date_order (--date-order) 'day'), but '12/13/2022' is no date "
            "so: it is month first; give date_order='month', --date-order month, or leave it unset")):
        Forecaster(**settings, date_order="day").fit(bad, target="y")
