"""A future table's time column is read as the model read its data's (``futuretimes.read``): by the kind of
the forecast steps and the model's written form, not guessed again from the table's few rows. A file's text
(``600``, ``2020``, ``202001``) reads as integer periods or months where the model's time is so; a value of
another kind is refused in one line naming it, its place and the steps the model forecasts, never offering
another time column. ``predict --future`` end to end: scenarios/test_cli_fit_predict.py."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.futuretimes import read, same_zone
from rnncast.modeltimes import MODEL_ZONE
from rnncast.spelling import hints

STEPS = pd.Index([600, 601], name="step")
MONTHS = pd.DatetimeIndex(["2020-01-01", "2020-02-01"], name="month")


def at(i: int) -> str:
    return f"line {i + 2} of fut.csv"


def _read(values, target, **kw) -> pd.Index:
    return read(pd.Series(values, name=target.name), str(target.name), target, target, at, **kw)


@pytest.mark.parametrize("values", [["600", "601"], [" 601", "600.0"], [600, 601], [600.0, 601.0]])
def test_integer_periods_read_as_whole_numbers_as_text_or_numbers(values):
    """A file's text '600' (read as text, to name it as written) is step 600 for a model of integer periods."""
    time = _read(values, STEPS)
    assert not isinstance(time, pd.DatetimeIndex) and time.dtype == np.int64
    assert sorted(time.tolist()) == [600, 601] and time.name == "step"


def test_years_stay_integer_periods_not_dates():
    """'2020' alone reads as a date (2020-01-01) to a reader that guesses; to a model of years it is the year 2020."""
    time = _read(["2020"], pd.Index([2020], name="year"))
    assert time.tolist() == [2020] and time.dtype == np.int64


@pytest.mark.parametrize("value, why", [("2020-01-01", "'2020-01-01' at line 2 of fut.csv, which is not a whole number"),
                                        ("600.5", "'600.5' at line 2 of fut.csv, which is not a whole number"),
                                        (True, "True at line 2 of fut.csv, which is not a whole number"),
                                        ("", "is missing a value at line 2 of fut.csv")])
def test_another_kind_of_time_for_integer_periods_is_refused_naming_the_steps(value, why):
    with pytest.raises(RnncastError) as err:
        _read([value, "601"], STEPS)
    text = str(err.value)
    assert why in text and "\n" not in text and "--time-col" not in text
    if value != "":
        assert text.endswith("the model counts time in integer periods (it forecasts 600, 601); give each row's period so")


@pytest.mark.parametrize("values", [["202001", "202002"], [202001, 202002]])
def test_months_written_yyyymm_read_in_the_models_form(values):
    """One row of 202001 is no date to a guesser; the model read its data's months so (text_format %Y%m)."""
    assert _read(values, MONTHS, text_format="%Y%m").equals(MONTHS)
    assert _read(values[:1], MONTHS, text_format="%Y%m").equals(MONTHS[:1])


def test_a_number_not_in_the_models_digit_form_is_refused_with_the_form():
    with pytest.raises(RnncastError, match=r"^time column 'month' holds '202013' at line 2 of fut.csv, which is not a "
                                           r"date written YYYYMM as the model's data were \(it forecasts 202001, "
                                           r"202002\); give each row's date so$"):
        _read(["202013"], MONTHS, text_format="%Y%m")


@pytest.mark.parametrize("values", [["202001.0", "202002.0"], [" 202001.0", "202002"], [202001.0, 202002.0]])
def test_months_written_yyyymm_as_whole_floats_read_in_the_models_form(values):
    """pandas writes 202001 as 202001.0 once its column held a NaN; that was refused as naming no year (pandas
    would read it as 0001-01-01 20:20:01)."""
    assert _read(values, MONTHS, text_format="%Y%m").equals(MONTHS)


@pytest.mark.parametrize("values, shown", [(["202001.5", "202002.0"], "'202001.5'"), ([202001.5, 202002.0], "202001.5")])
def test_a_fraction_of_yyyymm_is_refused_with_the_form(values, shown):
    with pytest.raises(RnncastError, match=rf"^time column 'month' holds {shown} at line 2 of fut.csv, which is not a "
                                           r"date written YYYYMM as the model's data were"):
        _read(values, MONTHS, text_format="%Y%m")


def test_dates_written_otherwise_still_read_for_a_dated_model():
    assert _read(["2020-01-01", "2020-02-01"], MONTHS, text_format="%Y%m").equals(MONTHS)
    days = pd.DatetimeIndex(["2020-02-10", "2020-02-11"], name="ds")
    assert _read(["10/02/2020", "11/02/2020"], days, dayfirst=True, text_format="%d/%m/%Y").equals(days)


@pytest.mark.parametrize("values", [["202001", "202002"], [" 202001", "202002.0"], [202001, 202002]])
def test_yyyymm_for_a_model_whose_months_were_written_otherwise_are_those_months_from_a_file_or_a_frame(values):
    """A model whose data wrote 2020-01: a frame's 202001 was read as 2020-01, a file's text '202001' as 2020-01-20
    (a guesser's yymmdd), which then matched no step."""
    assert _read(values, MONTHS, text_format="%Y-%m").equals(MONTHS)
    assert _read(values[:1], MONTHS, text_format="%Y-%m").equals(MONTHS[:1])


def test_numbers_for_a_dated_model_are_refused_as_no_date():
    """A frame's 40, 41 for a model of dates read as integer periods and then matched no step ('missing for
    2020-02-10'); now named as what they are not."""
    days = pd.DatetimeIndex(["2020-02-10", "2020-02-11"], name="ds")
    with pytest.raises(RnncastError, match=r"^time column 'ds' holds 40 at line 2 of fut.csv, which is not a date: "
                                           r"the model's time is dates \(it forecasts 2020-02-10, 2020-02-11\)"):
        _read(np.array([40, 41]), days, text_format="%Y-%m-%d")


def test_text_that_is_no_date_names_the_models_steps_not_another_time_column():
    """predict has no --time-col: the time column is the model's."""
    days = pd.DatetimeIndex(["2020-02-10", "2020-02-11"], name="ds")
    with pytest.raises(RnncastError) as err:
        _read(["soon", "later"], days, text_format="%Y-%m-%d")
    assert "'soon' at line 2 of fut.csv, which is not a timestamp" in str(err.value)
    assert str(err.value).endswith("; the model forecasts 2020-02-10, 2020-02-11") and "time-col" not in str(err.value)


def test_a_models_periods_take_dates_at_their_starts():
    months = pd.period_range("2003-05", periods=2, freq="M", name="ds")
    assert _read(["2003-05", "2003-06"], months).equals(months)
    with pytest.raises(RnncastError, match=r"'2003-05-15' at line 2 of fut.csv, which is not one of the model's periods"):
        _read(["2003-05-15", "2003-06-15"], months)


def test_unix_times_in_the_models_time_unit():
    days = pd.DatetimeIndex(["2020-02-10", "2020-02-11"], name="ts")
    time = _read([1581292800, 1581379200], days, unit="s", text_format="unix:s")
    assert time.equals(days.as_unit(time.unit))


@pytest.mark.parametrize("written, dayfirst", [("09/03/2024 08:00", True), ("03/09/2024 08:00", False),
                                               ("09-03-2024 08:00", True)])
def test_a_future_date_that_reads_both_ways_is_read_on_the_forecast_steps(written, dayfirst, caplog):
    """A model fitted on ISO dates met no 01/02/2016, so it records no order: a future table's slashed (or dashed)
    date is read in the order that puts it on a forecast step, where the other puts none, and said."""
    steps = pd.DatetimeIndex(["2024-03-09 08:00", "2024-03-09 09:00"])
    with caplog.at_level("INFO", logger="rnncast"):
        stamps = read(pd.Series([written]), "timestamp", steps, steps, lambda i: f"line {i + 2}")
    assert stamps[0] == steps[0]
    order = "day first" if dayfirst else "month first"
    assert f"is read {order} ({written} is 9 March 2024): read so, its rows fall on the forecast steps" in caplog.text


def test_a_future_date_on_no_step_either_way_is_read_as_any_data():
    steps = pd.DatetimeIndex(["2024-05-01"])
    stamps = read(pd.Series(["09/03/2024"]), "date", steps, steps, str)
    assert stamps[0] == pd.Timestamp("2024-09-03")  # month first, warned by dayorder; the missing step refused later


MONTH_ENDS = pd.DatetimeIndex(["2024-01-31", "2024-02-29", "2024-03-31"], name="month")


@pytest.mark.parametrize("values", [["2024-01", "2024-02", "2024-03"], ["Jan 2024", "Feb 2024", "Mar 2024"],
                                    ["2024M01", "2024M02", "2024M03"], ["01/2024", "02/2024", "03/2024"],
                                    ["January 2024", "February 2024", "March 2024"]])
def test_months_written_without_a_day_name_the_forecast_date_in_each_month(values):
    """A future file of `2024-07` for a model of month ends was read as 1 July and refused "dated 2024-07-01", while
    the same months given as a frame's periods matched."""
    assert _read(values, MONTH_ENDS).equals(MONTH_ENDS)
    starts = pd.DatetimeIndex(["2024-01-01", "2024-02-01", "2024-03-01"], name="month")
    assert _read(values, starts).equals(starts)  # month starts, as before


def test_a_day_written_is_read_as_written_not_moved_to_the_forecast_date():
    firsts = _read(["2024-01-01", "2024-02-01", "2024-03-01"], MONTH_ENDS)  # a day named: not on the steps, as given
    assert list(firsts.strftime("%Y-%m-%d")) == ["2024-01-01", "2024-02-01", "2024-03-01"]
    quarters = pd.DatetimeIndex(["2020-03-31", "2020-06-30"], name="q")
    assert _read(["2020Q1", "2020Q2"], quarters).equals(quarters)


def test_a_month_without_a_forecast_date_is_its_month_end_for_a_model_of_month_ends():
    """"dated 2024-02-29, 2024-03-01": one text form read as a month end and as a first day."""
    steps = pd.DatetimeIndex(["2024-01-31", "2024-02-29"], name="month")
    assert list(_read(["2024-02", "2024-03"], steps).strftime("%Y-%m-%d")) == ["2024-02-29", "2024-03-31"]


@pytest.mark.parametrize("values", [["202401", "202402"], [202401, 202402], ["202401.0", "202402.0"]])
def test_months_written_yyyymm_name_the_forecast_date_in_each_month(values):
    steps = pd.DatetimeIndex(["2024-01-31", "2024-02-29"], name="month")
    assert _read(values, steps).equals(steps)


@pytest.mark.parametrize("values", [["2079", "2080"], [2079, 2080], [2079.0, 2080.0]])
def test_years_name_the_forecast_date_in_each_year_for_a_model_of_dates(values):
    ends = pd.DatetimeIndex(["2079-12-31", "2080-12-31"], name="year")
    assert _read(values, ends).equals(ends)


def test_a_future_tables_several_offsets_are_named_as_its_instants_and_no_refit_is_advised(caplog):
    # a tester's --future file crossing Berlin's change (+02:00, then +01:00) beside a history at +02:00 was warned of
    # as "time column 'ds' carries several UTC offsets ... refit with the zone they were written in": its times are
    # instants, each matched to the forecast step at it, whatever the history
    steps = pd.date_range("2024-10-27 00:00", periods=4, freq="h", tz="UTC", name="ds")
    written = [t.isoformat() for t in steps.tz_convert("Europe/Berlin")]  # ...01:00+02:00, 02:00+02:00, 02:00+01:00
    with caplog.at_level(logging.INFO, logger="rnncast"), hints(zone=MODEL_ZONE):
        read_ = _read(written, steps)
    assert (read_ == steps).all()
    said = [r for r in caplog.records if "several UTC offsets" in r.getMessage()]
    assert [(r.levelname, r.getMessage()) for r in said] == [
        ("INFO", "the future values' time column 'ds' carries several UTC offsets (+01:00, +02:00): each time is read as "
                 "the instant it writes, matched to the forecast step at that instant")]


def test_a_future_file_of_fiscal_quarters_is_read_as_the_models_fiscal_quarters():
    """A model of FY2006Q1 ... read by freq='QE-MAR' refused its future file's FY2025Q3 'give --freq QE-MAR'."""
    steps = pd.DatetimeIndex(["2024-12-31", "2025-03-31", "2025-06-30"])
    labels = pd.Series(["FY2025Q3", "FY2025Q4", "FY2026Q1"])
    read_so = read(labels, "fq", steps, steps, str, text_format="FY%FQ%!q|QE-MAR")
    assert list(read_so) == list(steps)


def test_naive_future_times_beside_a_zoned_model_are_read_in_its_zone_and_said(caplog):
    """t41-t5 L3: naive future times beside a Berlin model were read as Berlin's wall clock without a word (decision
    2235)."""
    steps = pd.date_range("2026-01-21 00:00", periods=3, freq="h", tz="Europe/Berlin", name="ts")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        read_ = same_zone(steps.tz_localize(None), steps, "ts", at)
    assert (read_ == steps).all()
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "the future values' time column 'ts' holds times without a zone (2026-01-21 00:00): read as "
                    "wall-clock times in Europe/Berlin, the model's zone (a repeated autumn hour by the rows' order, a "
                    "skipped one refused); give them with their zone or UTC offset, as the data's")]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        same_zone(steps.tz_convert("UTC"), steps, "ts", at)  # instants: nothing to say
    assert not caplog.records
