"""Fiscal quarter labels read by a fiscal quarterly calendar, and written back so."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, fiscalquarters
from rnncast.loading import load_panel


def _labels(fmt="FY%FQ%q", n=24):
    ends = pd.date_range("2005-06-30", periods=n, freq="QE-DEC")
    return pd.PeriodIndex(ends, freq="Q-MAR").strftime(fmt)


@pytest.mark.parametrize("freq, fiscal", [("QE-MAR", "Q-MAR"), ("QS-APR", "Q-MAR"), ("QE-JUN", "Q-JUN"),
                                          ("BQE-SEP", "Q-SEP"), ("QE-DEC", None), ("QS-JAN", None), ("ME", None),
                                          ("nonsense", None), (None, None)])
def test_the_fiscal_year_a_freq_names(freq, fiscal):
    assert fiscalquarters.period_freq(freq) == fiscal


def test_labels_are_the_quarters_of_the_year_they_end_in_as_pandas_names_them():
    """FY2006Q1 of years ending in March is April to June 2005 (pandas' Period('2006Q1', freq='Q-MAR'))."""
    time, fmt = fiscalquarters.labels(pd.Series(["FY2006Q1", "FY2006Q2", None]), "QE-MAR", "fq", str)
    assert list(time[:2]) == [pd.Timestamp("2005-06-30"), pd.Timestamp("2005-09-30")] and time[2] is pd.NaT
    assert fmt == "FY%FQ%!q|QE-MAR" and fiscalquarters.span("FY2006Q1", "QE-MAR") == "April to June 2005"
    start, _ = fiscalquarters.labels(pd.Series(["2006 Q1"]), "QS-APR", "fq", str)
    assert list(start) == [pd.Timestamp("2005-04-01")]
    assert list(fiscalquarters.write(pd.DatetimeIndex(["2024-09-30", "2024-12-31"]), fmt)) == ["FY2025Q2", "FY2025Q3"]


@pytest.mark.parametrize("fmt", ["FY%FQ%q", "%FQ%q", "FY%F-Q%q"])
def test_a_fiscal_freq_reads_the_labels_and_forecasts_are_written_in_their_form(fmt):
    labels = _labels(fmt)
    panel = load_panel(pd.DataFrame({"fq": labels, "y": np.arange(24.0)}), target="y", freq="QE-MAR")
    assert panel.time[0] == pd.Timestamp("2005-06-30") and panel.calendar.text_format.endswith("|QE-MAR")
    after = pd.DatetimeIndex([panel.time[-1]]) + pd.offsets.QuarterEnd(startingMonth=3)
    assert list(fiscalquarters.write(panel.time[-1:], panel.calendar.text_format)) == [labels[-1]]
    assert fiscalquarters.write(after, panel.calendar.text_format)[0] == pd.Period(after[0], freq="Q-MAR").strftime(fmt)


def test_without_a_fiscal_freq_the_labels_are_refused_naming_the_freq_that_reads_them():
    frame = pd.DataFrame({"fq": _labels(), "y": np.arange(24.0)})
    with pytest.raises(RnncastError, match=r"time column 'fq' holds 'FY2006Q1', a fiscal quarter or year, .*--freq "
                                           r"QE-MAR \(freq='QE-MAR'\) for years ending in March \('FY2006Q1' is then "
                                           r"April to June 2005, as pandas names a fiscal year by the year it ends\)"):
        load_panel(frame, target="y")
    with pytest.raises(RnncastError, match=r"--freq QE-MAR"):
        load_panel(frame, target="y", freq="QE-DEC")  # calendar quarters: no fiscal year
