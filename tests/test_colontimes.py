"""colontimes: EViews' and IFS' quarters 2009:1 and months 1999:01, read under a quarterly or monthly freq given,
forecast in their form; refused naming that freq without one; a time of day (12:30) never read so."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, colontimes, timetext
from rnncast.csvtext import csv_text
from rnncast.errors import RnncastError
from rnncast.loading import load_panel

QUARTERS = pd.date_range("2009-01-01", periods=40, freq="QS")
MONTHS = pd.date_range("1999-01-01", periods=40, freq="MS")


def _frame(texts):
    return pd.DataFrame({"quarter": texts, "y": np.round(10 + np.sin(np.arange(len(texts)) / 2.0), 3)})


@pytest.mark.parametrize("freq, fmt", [("QS-JAN", "%Y:%q"), ("QS", "%Y:%q"), ("QE-DEC", None), ("MS", "%Y:%m"),
                                       ("ME", None), ("BMS", None), ("BQS", None), ("QE-MAR", None), ("2QS", None),
                                       ("D", None), (None, None)])
def test_only_calendar_quarters_and_months_read_the_colon(freq, fmt):
    """A fiscal year's 2009:1 is no calendar quarter: left to be refused; under QE, ME or BMS the first days read lie
    off the calendar, so they are not offered (decision 1851)."""
    assert colontimes.given(freq) == ({"colon": fmt} if fmt else {})


@pytest.mark.parametrize("freq, fmt, times", [("QS", "%Y:%q", QUARTERS), ("QS-JAN", "%Y:%q", QUARTERS),
                                              ("MS", "%Y:%m", MONTHS)])
def test_each_freq_that_reads_the_colon_loads_it(freq, fmt, times):
    """QE-DEC, ME and BMS were offered, and the load then refused the dates read as off their calendar (decision 1851)."""
    panel = load_panel(_frame(list(colontimes.write(times, fmt))), target="y", freq=freq)
    assert panel.calendar.text_format == fmt


@pytest.mark.parametrize("freq, texts, says", [("QE-DEC", QUARTERS, "quarterly freq \\(freq='QS'"),
                                               ("ME", MONTHS, "monthly freq \\(freq='MS'"),
                                               ("BMS", MONTHS, "monthly freq \\(freq='MS'")])
def test_a_freq_that_does_not_read_the_colon_is_refused_naming_one_that_does(freq, texts, says):
    fmt = "%Y:%q" if texts is QUARTERS else "%Y:%m"
    with pytest.raises(RnncastError, match=says):
        load_panel(_frame(list(colontimes.write(texts, fmt))), target="y", freq=freq)


@pytest.mark.parametrize("value, words", [
    ("2009:1", "'2009:1' is read as a quarter (EViews' 2009:1) with a quarterly freq (freq='QS', --freq QS); a month is "
               "written 2009:01 and read with a monthly one (freq='MS', --freq MS)"),
    ("1999:01", "'1999:01' is read as a month (1999:01) with a monthly freq (freq='MS', --freq MS)"),
    ("2009:10", "'2009:10' is read as a month (1999:01) with a monthly freq (freq='MS', --freq MS)"),
    ("2009:7", "'2009:7' names no quarter (quarters run 1 .. 4); a month is written 2009:07 and read with a monthly "
               "freq (freq='MS', --freq MS)"),
    ("2009:0", "'2009:0' names no quarter (1 .. 4) or month (01 .. 12)"),
    ("2009:13", "'2009:13' names no quarter (1 .. 4) or month (01 .. 12)")])
def test_the_clause_names_what_the_number_can_be(value, words):
    """'1999:01' and '2009:10' were said to be "read as a quarter", which they never are (decision 1853)."""
    assert colontimes.clause(value) == "; " + words


def test_a_month_under_a_quarterly_freq_is_told_the_monthly_freq_not_the_one_given():
    with pytest.raises(RnncastError, match=r"'1999:01' is read as a month \(1999:01\) with a monthly freq \(freq='MS'") as e:
        load_panel(_frame(list(colontimes.write(MONTHS, "%Y:%m"))), target="y", freq="QS")
    assert "QS" not in str(e.value).split("'1999:01' is read")[1]


def test_a_quarter_after_a_colon_is_read_under_a_quarterly_freq_and_forecast_so():
    """'2009:1' was 'not a timestamp; give dates such as 2024-01-31', even with --freq QS-JAN --time-col quarter."""
    data = _frame(list(colontimes.write(QUARTERS, "%Y:%q")))
    assert list(data["quarter"][:5]) == ["2009:1", "2009:2", "2009:3", "2009:4", "2010:1"]
    model = Forecaster(**TINY, freq="QS-JAN").fit(data, target="y")
    assert model.time_col_ == "quarter" and model.calendar_.text_format == "%Y:%q"
    lines = csv_text(model.predict(data), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:4]] == ["2019:1", "2019:2", "2019:3"]


def test_a_month_after_a_colon_is_read_under_a_monthly_freq():
    panel = load_panel(_frame(list(colontimes.write(MONTHS, "%Y:%m"))), target="y", freq="MS")
    assert panel.calendar.text_format == "%Y:%m" and timetext.write(MONTHS[:2], "%Y:%m").tolist() == ["1999:01", "1999:02"]


def test_without_a_freq_the_refusal_names_the_freq_that_reads_it():
    with pytest.raises(RnncastError, match=r"holds '2009:1' at .*which is not a timestamp.*'2009:1' is read as a quarter "
                                           r"\(EViews' 2009:1\) with a quarterly freq \(freq='QS', --freq QS\)"):
        load_panel(_frame(list(colontimes.write(QUARTERS, "%Y:%q"))), target="y")


@pytest.mark.parametrize("texts, message", [
    (["2009:1", "2009:5"], r"holds '2009:5' at line 3, which names no quarter: quarters run 1 .. 4"),
    (["2009:1", "2009Q2"], r"written as quarters \('2009:1'\), but holds '2009Q2' at line 3; write every value as")])
def test_a_value_not_a_quarter_is_refused_by_its_line(texts, message):
    with pytest.raises(RnncastError, match=message):
        colontimes.read(pd.Series(texts), "%Y:%q", "quarter", lambda i: f"line {i + 2}")


def test_a_month_unpadded_under_a_monthly_freq_is_refused_by_its_line():
    with pytest.raises(RnncastError, match=r"written as months \('1999:01'\), but holds '1999:2' at line 3"):
        colontimes.read(pd.Series(["1999:01", "1999:2"]), "%Y:%m", "month", lambda i: f"line {i + 2}")


def test_a_time_of_day_is_never_read_as_a_quarter():
    assert colontimes.format_of(pd.Series(["12:30", "13:30"]), "%Y:%m") is None
    assert colontimes.format_of(pd.Series(["2:30", "3:30"]), "%Y:%q") is None and colontimes.clause("12:30") == ""
