"""Dates written as integers (``compactdates.py``): a column whose every value is a ``20000131`` date is read as
dates on their calendar and forecast in their form; counters and years stay integers; the one value that breaks
a column otherwise of such dates is refused by its line, saying why it is no date."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, compactdates


@pytest.mark.parametrize("values", [[20000101, 20000201, 20000301], [19991231, 20000101], [17490101, 23991231]])
def test_integers_that_are_all_compact_dates_are_read_as_dates(values):
    times = compactdates.compact_dates(pd.Series(values))
    assert list(times) == [pd.Timestamp(str(v)) for v in values]


@pytest.mark.parametrize("values", [list(range(1, 200)), [1990, 1991, 1992], [20000101, 20000132],
                                    [20001301, 20001401], list(range(20000101, 20000201)), [15991231, 16000101],
                                    [24000101], [12345678, 87654321]])
def test_integers_that_are_not_all_compact_dates_stay_integers(values):
    """A row counter, years, a month 13 or a day 32 anywhere, years out of 1600 .. 2399: not dates."""
    assert compactdates.compact_dates(pd.Series(values)) is None


def test_a_file_of_compact_dates_is_read_on_their_calendar_and_forecast_in_their_form(tmp_path):
    """20000101, 20000201 ... were integer periods: calendar 100, 792 'missing' rows, forecasts 20091301."""
    from conftest import TINY
    from rnncast import Forecaster
    from rnncast.csvtext import csv_text
    from rnncast.loading import load_panel

    path = tmp_path / "ymd.csv"
    months = pd.date_range("2000-01-01", periods=60, freq="MS")
    pd.DataFrame({"date": months.strftime("%Y%m%d").astype(int), "y": range(60)}).to_csv(path, index=False)
    panel = load_panel(path, target="y")
    assert panel.calendar.kind == "datetime" and panel.calendar.freq_text == "MS"
    assert panel.calendar.text_format == "%Y%m%d"
    forecast = Forecaster(**TINY).fit(path, target="y").predict(path)
    assert csv_text(forecast, index=True).splitlines()[1].split(",")[0] == "20050101"


def _ymd_frame(name, values):
    return pd.DataFrame({name: values, "y": np.round(np.sin(np.arange(len(values))), 3)})


DAYS = pd.date_range("2020-01-01", periods=200, freq="D")


@pytest.mark.parametrize("stray, why", [(20200230, r"February 2020 has 29 days"), (20201301, r"months run 01 .. 12"),
                                        (2020023, r"not eight digits"), (13000101, r"no year 1600 .. 2399")])
@pytest.mark.parametrize("name, time_col", [("date", None), ("day", "day")])
def test_one_impossible_date_among_compact_dates_is_refused_by_its_line(stray, why, name, time_col):
    """20200230 among 20200101 ... made the column integer steps, and the user was told '20200221 at line 53
    comes after 20200230; sort the rows by time'."""
    from rnncast.loading import load_panel

    values = [int(t.strftime("%Y%m%d")) for t in DAYS]
    values[50] = stray
    with pytest.raises(RnncastError, match=rf"time column '{name}' holds {stray} at row 50, which is not a date written "
                                           rf"YYYYMMDD \({why}\), where its other 199 values are dates written so "
                                           r"\(20200101\); correct that value") as err:
        load_panel(_ymd_frame(name, values), target="y", time_col=time_col)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("values", [list(range(20000101, 20000134)), list(range(20000101, 20000301)),
                                    list(range(1990, 2021)), list(range(1, 200))])
def test_counters_and_years_are_no_compact_dates_typed_wrong(values):
    """A counter from 20000101 holds 31 dates before it leaves them for 68 rows (20000132 .. 20000199)."""
    from rnncast.loading import load_panel

    assert compactdates.stray_dates(pd.Series(values)) is None
    for name in ("date", "step"):
        assert load_panel(_ymd_frame(name, values), target="y").calendar.kind == "integer"


def test_an_impossible_date_on_the_first_line_is_not_named_as_the_example_of_the_form():
    """20200230 first was named as the example of the good form: '... dates written so (20200230)'."""
    from rnncast.loading import load_panel

    values = [int(t.strftime("%Y%m%d")) for t in DAYS]
    values[0] = 20200230
    with pytest.raises(RnncastError, match=r"holds 20200230 at row 0, .* its other 199 values are dates written so "
                                           rf"\({values[1]}\); correct that value"):
        load_panel(_ymd_frame("date", values), target="y")


def test_integers_named_as_time_that_are_dates_written_yymmdd_are_refused_not_read_as_steps(tmp_path):
    """190301 .. 190628 in a column 'date' were integer steps: '208 rows are missing (first: 190332)', forecasts 190631."""
    from rnncast.loading import load_panel
    days = pd.date_range("2019-03-01", periods=120, freq="D")
    frame = pd.DataFrame({"date": days.strftime("%y%m%d").astype(int), "y": np.arange(120.0)})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="y")
    assert str(err.value) == ("time column 'date' holds 190301 .. 190628, which look like dates written YYMMDD, with "
                              "two-digit years (190301: 1 March 2019?), not integer steps; write them YYYYMMDD "
                              "(20190301) or as text dates (2019-03-01)")
    months = pd.DataFrame({"date": [190301 + i for i in range(12)], "y": np.arange(12.0)})  # YYYYMM: 1903-01 ..
    assert load_panel(months, target="y").time[0] == pd.Timestamp("1903-01-01")
    steps = pd.DataFrame({"step": days.strftime("%y%m%d").astype(int), "y": np.arange(120.0)})  # a counter by name
    assert load_panel(steps, target="y", fill_gaps=True, fill="ffill").time[0] == 190301


@pytest.mark.parametrize("values, form", [([20190301, 20190302, 20190303], "YYYYMMDD"), ([201501, 201502], "YYYYMM"),
                                          ([1, 2, 3], None), ([201513, 201514], None)])
def test_integers_that_are_all_compact_dates_say_how_they_are_written(values, form):
    assert compactdates.written_as(pd.Series(values)) == form
    assert compactdates.written_as(pd.Series(values, dtype=float)) == form  # 20190301.0, as pandas writes floats: alike
    assert compactdates.written_as(pd.Series(values, dtype=float) + 0.5) is None  # no whole numbers: no dates


EXCEL_DAY0 = pd.Timestamp("1899-12-30")


@pytest.mark.parametrize("name", ["Date", "ds", "TIME", "timestamp"])
@pytest.mark.parametrize("days, first", [(pd.date_range("2015-01-01", "2020-12-01", freq="MS"), "2015-01-01"),
                                         (pd.bdate_range(end=EXCEL_DAY0 + pd.Timedelta(days=45037), periods=120),
                                          "2022-11-07")])
@pytest.mark.parametrize("as_float", [False, True])
def test_excel_serial_day_numbers_named_as_time_are_refused_saying_the_date(tmp_path, name, days, first, as_float):
    """42005 .. 44166 (monthly Excel serials in a column 'Date') were integer steps: 2090 rows 'missing' and a
    forecast at 44167, 44168 ..."""
    from rnncast.loading import load_panel

    serials = (days - EXCEL_DAY0).days.to_numpy()
    path = tmp_path / "excel.csv"
    frame = pd.DataFrame({name: serials.astype(float) if as_float else serials, "y": np.arange(len(days))})
    frame.to_csv(path, index=False)
    with pytest.raises(RnncastError, match=rf"time column '{name}' holds {serials[0]} \.\. .*Excel serial .*: "
                                           rf"{serials[0]} would be {first} as an Excel serial date; give "
                                           r"time_unit='excel', --time-unit excel to read them as Excel serial dates, "
                                           r"write the column as dates \(in Excel: Format Cells > Date\), or convert "
                                           r"with pd\.to_datetime"):
        load_panel(path, target="y")


@pytest.mark.parametrize("name", ["OrderDate", "Posting Date", "trade_date", "day"])
def test_excel_serials_in_a_time_column_named_for_dates_are_refused_when_named_as_the_time(name):
    """--time-col OrderDate over 42005 .. was read as integer steps and forecast at 42305: a column the user
    names as the time, and whose name says it holds dates, is refused as 'Date' is."""
    from rnncast.loading import load_panel

    serials = (pd.date_range("2015-01-01", periods=60, freq="D") - EXCEL_DAY0).days.to_numpy()
    with pytest.raises(RnncastError, match=rf"time column '{name}' holds 42005 \.\. .*would be 2015-01-01 as an Excel"):
        load_panel(pd.DataFrame({name: serials, "y": np.arange(60.0)}), target="y", time_col=name)


def test_an_excel_serial_with_a_time_of_day_names_it():
    with pytest.raises(RnncastError, match=r"42005\.5 would be 2015-01-01 12:00 as an Excel serial date"):
        compactdates.refuse_excel_serials(pd.Series([42005.5, 42006.5]), "date")


@pytest.mark.parametrize("name, values", [("time", range(0, 500)), ("time", range(1, 30001)), ("Date", range(1990, 2030)),
                                          ("date", range(100, 20000)), ("step", range(20000, 20100)),
                                          ("time", [18263, 18264, 18265])])
def test_steps_years_and_numbers_reaching_outside_excels_dates_stay_integer_periods(name, values):
    """A step counter from 0 or 1, years, a counter named 'step' (periods by name): integers, as before."""
    from rnncast.loading import load_panel

    values = list(values)
    panel = load_panel(pd.DataFrame({name: values, "y": np.sin(np.arange(len(values)))}), target="y")
    assert panel.calendar.kind == "integer" and list(panel.time[:2]) == values[:2]


@pytest.mark.parametrize("values", [[1950, 1951, 1952], [0, 1, 2], [20150101, 20150102], [True, False], [42005, 80000]])
def test_numbers_that_are_no_excel_serials_are_not_said_to_be(values):
    from rnncast.compactdates import excel_serials

    assert excel_serials(pd.Series(values)) is None


def test_excel_serials_say_their_first_date():
    from rnncast.compactdates import excel_serials

    assert excel_serials(pd.Series([42005, 42036])) == ("holds 42005 .. 42036, which look like Excel serial day "
                                                        "numbers: 42005 would be 2015-01-01 as an Excel serial date")


def _counted(name, times, form):
    return pd.DataFrame({name: times.strftime(form).astype(int), "y": np.round(np.sin(np.arange(len(times))), 3)})


MONTHS = pd.date_range("2016-01-01", periods=47, freq="MS")  # 201601 .. 201911


@pytest.mark.parametrize("name, times, form, kind, freq, step", [
    ("period", MONTHS, "%Y%m", "months written YYYYMM \\(201601: January 2016\\)", "MS", 1),
    ("year", pd.date_range("2016-01-01", periods=20, freq="QS"), "%Y%m", "months written YYYYMM \\(201601: January 2016\\)",
     "QS-JAN", None),  # 3 months apart, 91 across a year: no one step reads them (decision 215 refuses freq=1)
    ("step", pd.date_range("2020-01-01", periods=100, freq="D"), "%Y%m%d", "dates written YYYYMMDD \\(20200101: 1 January "
     "2020\\)", "D", 1)])
def test_compact_dates_under_a_counters_name_are_refused_naming_both_readings(name, times, form, kind, freq, step):
    """201601 .. 201911 in 'period' were steps: '264 rows are missing', forecasts 201912, 201913; --freq MS refused."""
    from rnncast.loading import load_panel

    with pytest.raises(RnncastError, match=rf"time column '{name}' holds {times[0]:{form}} .. {times[-1]:{form}}, {kind} that "
                                           r"its name reads as integer steps: read as integer steps they leave \d+ steps "
                                           rf"missing .*none; give the calendar \(freq='{freq}', --freq {freq}\) to read "
                                           rf"them as .*, forecast as \d+ is written" +
                                           (rf", or a step \(freq={step}, --freq {step}\)" if step else "$")) as err:
        load_panel(_counted(name, times, form), target="y", fill_gaps=True)
    assert "\n" not in str(err.value)
    if step is None:
        return
    stepped = load_panel(_counted(name, times, form), target="y", freq=step)  # the steps offered, asked for
    assert stepped.calendar.kind == "integer" and stepped.time[0] == int(f"{times[0]:{form}}")


@pytest.mark.parametrize("freq", ["MS", "QS", "D"])
def test_a_calendar_given_reads_a_counters_compact_dates_as_dates_and_forecasts_in_their_form(freq, caplog):
    import logging

    from conftest import TINY
    from rnncast import Forecaster
    from rnncast.csvtext import csv_text
    from rnncast.loading import load_panel

    times = pd.date_range("2016-01-01", periods=60, freq=freq)
    form = "%Y%m%d" if freq == "D" else "%Y%m"
    frame = _counted("period", times, form)
    with caplog.at_level(logging.INFO, logger="rnncast.loading"):
        panel = load_panel(frame, target="y", freq=freq)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("time: ")]
    assert said and "integer periods" not in said[0] and "found by its name" in said[0]  # read as dates, said so
    assert panel.calendar.kind == "datetime" and panel.calendar.text_format == form
    assert list(panel.time[:2]) == list(times[:2])
    model = Forecaster(**{**TINY, "lookback": 6}, freq=freq).fit(frame, target="y")
    written = csv_text(model.predict(frame), index=True).splitlines()[1].split(",")[0]
    assert written == f"{pd.date_range(times[-1], periods=2, freq=freq)[1]:{form}}"  # 202101, 20160301 ...


@pytest.mark.parametrize("freq", [None, "W-MON", "W-SUN"])
def test_iso_weeks_written_yyyyww_are_refused_saying_how_to_write_them(freq):
    """202351 under --time-col week: steps with 48 'missing' at each new year; rnncast reads weeks as 2023-W51."""
    from rnncast.loading import load_panel

    frame = _counted("period", pd.date_range("2022-01-03", periods=80, freq="W-MON"), "%G%V")  # 'week': read (965)
    with pytest.raises(RnncastError, match=r"time column 'period' holds 202201 .. 202328, which look like ISO weeks written "
                                           r"YYYYWW \(202201: the week of 3 January 2022\): read as integer steps they "
                                           r"leave 48 steps missing \(the first after 202252\), read as ISO weeks none; "
                                           r"rnncast reads ISO weeks written as text: write them 2022-W01 .*or give a "
                                           r"step \(freq=1, --freq 1\)"):
        load_panel(frame, target="y", time_col="period", freq=freq)
    assert load_panel(frame, target="y", time_col="period", freq=1).calendar.kind == "integer"
    weeks = frame.rename(columns={"period": "week"})
    assert load_panel(weeks, target="y", time_col="week", freq=1).calendar.kind == "integer"  # a step: steps
    assert load_panel(weeks, target="y", announce=False).calendar.freq_text == "W-MON"


def _panel_of(name, times, form, missing=()):
    """Two series 'A' and 'B' on ``times`` written in ``form`` as integers, 'B' lacking the values ``missing``."""
    one = _counted(name, times, form)
    frame = pd.concat([one.assign(region="A"), one.assign(region="B")], ignore_index=True)
    return frame[~((frame.region == "B") & frame[name].isin(missing))].reset_index(drop=True)


@pytest.mark.parametrize("name", ["period", "step"])
@pytest.mark.parametrize("missing", [(), (202010, 202011, 202012), (201952, 202001)])
def test_iso_weeks_written_yyyyww_in_a_panel_are_refused_whatever_the_gaps(name, missing):
    """One series lacking 6 weeks made 201901 .. weeks integer steps: '4643 rows are missing ... --fill-gaps inserts
    them' (201953 .. 201999) and forecasts dated 202153 (a tester's finding): the rule asked that the weeks explain
    every gap. Weeks that step from a year's last week to the next year's 01 are weeks, whatever some series lack."""
    from rnncast.loading import load_panel

    frame = _panel_of(name, pd.date_range("2019-01-07", periods=155, freq="W-MON"), "%G%V", missing)
    with pytest.raises(RnncastError, match=rf"^time column '{name}' holds 201902 .. 202151, which look like ISO weeks "
                                           rf"written YYYYWW .*read as ISO weeks {len(missing) or 'none'}; rnncast reads "
                                           r"ISO weeks written as text: write them 2019-W02 "):
        load_panel(frame, target="y", time_col=name, id_col="region")
    assert load_panel(frame, target="y", time_col=name, id_col="region", freq=1, fill_gaps=True,
                      fill="ffill").calendar.kind == "integer"


def test_months_written_yyyymm_with_a_gap_in_a_panel_are_months_or_refused_never_integer_steps():
    """The neighbour of YYYYWW: months 201901 .. 202012 with one month missing in one series, read as months under
    'month' and refused by name under 'period' (a crash before: a step across two series was negative)."""
    from rnncast.loading import load_panel

    frame = _panel_of("month", pd.date_range("2019-01-01", periods=24, freq="MS"), "%Y%m", (201906,))
    panel = load_panel(frame, target="y", id_col="region", fill_gaps=True, fill="ffill")
    assert panel.calendar.kind == "datetime" and panel.time[0] == pd.Timestamp("2019-01-01")
    with pytest.raises(RnncastError, match=r"^time column 'period' holds 201901 .. 202012, months written YYYYMM .*"
                                           r"they leave 177 steps missing \(the first after 201912\), read as months 1;"):
        load_panel(frame.rename(columns={"month": "period"}), target="y", id_col="region")


@pytest.mark.parametrize("name, values", [("period", list(range(201601, 201613))),  # a counter: no gap to explain
                                          ("period", list(range(201601, 202601, 100))),  # yearly: steps of 100, none missing
                                          ("step", list(range(202301, 202340))),  # 202313 is no month; weeks without gaps
                                          ("step", list(range(1, 300))), ("year", list(range(1990, 2030)))])
def test_counters_whose_steps_miss_no_rows_the_dates_would_not_stay_integer_periods(name, values):
    from rnncast.loading import load_panel

    panel = load_panel(pd.DataFrame({name: values, "y": np.sin(np.arange(len(values)))}), target="y")
    assert panel.calendar.kind == "integer" and list(panel.time) == values


def test_fiscal_yyyyww_weeks_named_as_the_time_are_refused_not_read_as_integer_steps():
    weeks = [y * 100 + w for y, n in ((2022, 52), (2023, 53)) for w in range(1, n + 1)]  # 202353: no ISO, no MMWR week
    time = pd.Index(weeks, name="week")
    with pytest.raises(RnncastError, match=r"time column 'week' holds 202201 \.\. 202353, .*fiscal \(retail\) weeks"):
        compactdates.counter_dates(time, np.array([0, len(weeks)]), None)  # decision 1974: was 50 'missing' steps
    assert compactdates.counter_dates(time, np.array([0, len(weeks)]), 1)[0] is time  # a step: read as steps
