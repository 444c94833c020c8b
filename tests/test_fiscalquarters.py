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
                                          ("BQE-SEP", "Q-SEP"), ("QE-NOV", "Q-NOV"),
                                          ("QS-DEC", "Q-NOV"), ("BQS-FEB", "Q-JAN"), ("Q-JUN", "Q-JUN"), ("QE-DEC", None), ("QS-JAN", None), ("ME", None),
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
    december = load_panel(frame, target="y", freq="QE-DEC")  # years ending in December: the calendar's (decision 1528)
    assert december.time[0] == pd.Timestamp("2006-03-31") and december.calendar.text_format == "FY%FQ%!q|QE-DEC"


def test_a_fiscal_freq_in_lower_case_is_kept_for_the_refusal_to_name():
    assert fiscalquarters.cased("qe-mar") == {"fiscal_case": "qe-mar"} and fiscalquarters.cased(" q-jun ") == {
        "fiscal_case": "q-jun"}
    assert fiscalquarters.cased("QE-MAR") == {} and fiscalquarters.cased(None) == {}
    assert fiscalquarters.cased("me") == {"fiscal_given": "me"} and fiscalquarters.cased("xyz") == {"fiscal_given": "xyz"}


@pytest.mark.parametrize("freq, why, meant", [("xyz", "names no calendar pandas reads", None),
                                              ("3QE-JUN", "steps 3 quarters at a time", "QE-JUN"),
                                              ("QE-DEC", "names calendar quarters (years ending in December)", None),
                                              ("QE", "names quarters but not the month their years end in (pandas "
                                                     "takes December)", None),
                                              ("ME", "names no quarters", None)])
def test_a_freq_that_reads_no_fiscal_quarters_is_told_why(freq, why, meant):
    """Decision 1513: the refusal of fiscal labels names the freq given and why it reads none."""
    assert fiscalquarters.unread(freq) == (why, meant)


def test_the_first_value_not_written_as_the_first_label_is_found():
    """Decisions 1511, 1512: a bad cell, or a label in another form, is found where it is, not at the first value."""
    good = list(_labels("Q%q FY%F", 8))
    assert fiscalquarters.stray(pd.Series(good)) is None and fiscalquarters.stray(pd.Series(["2005-06-30"] * 3)) is None
    first, at, form, forms = fiscalquarters.stray(pd.Series([None] + good[:4] + ["oops"] + good[4:]))
    assert (first, at, form, len(forms)) == (1, 5, None, 9)
    assert fiscalquarters.stray(pd.Series(good[:3] + ["FY2007Q1"]))[1:3] == (3, "FY%FQ%!q")


def test_lower_case_labels_are_written_back_in_lower_case():
    """t31t8 (decision 1514): 'q1 fy2000' was read, but forecasts were dated 2015-06-30: the Q's case was lost."""
    labels = [s.lower() for s in _labels("Q%q FY%F")]
    panel = load_panel(pd.DataFrame({"fq": labels, "y": np.arange(24.0)}), target="y", freq="QE-MAR")
    assert panel.calendar.text_format == "q%!q fy%F|QE-MAR"
    assert list(fiscalquarters.write(panel.time[:2], panel.calendar.text_format)) == labels[:2] == ["q1 fy2006", "q2 fy2006"]


def test_pandas_2s_name_of_the_fiscal_calendar_is_refused_naming_todays(tmp_path):
    """--freq BQ-JUN, pandas 2's name of BQE-JUN and no Period alias, was refused as if no fiscal calendar were given:
    it is named as pandas' older name (decision 1443), as calendars refuses it on dates (decision 221), and BQE-JUN
    reads the labels. Q-JUN, pandas 3's Period alias of those quarters, reads them (decision 2104)."""
    pd.DataFrame({"quarter": [f"FY{2011 + i // 4}Q{i % 4 + 1}" for i in range(16)],
                  "revenue": np.arange(16.0)}).to_csv(tmp_path / "fy.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "fy.csv", target="revenue", freq="BQ-JUN")
    assert str(err.value) == (f"freq='BQ-JUN' is pandas 2's name of 'BQE-JUN', which pandas {pd.__version__} no longer "
                              "reads; give freq='BQE-JUN', --freq BQE-JUN, which reads 'FY2011Q1' as July to September 2010")
    assert str(load_panel(tmp_path / "fy.csv", target="revenue", freq="BQE-JUN").time[0].date()) == "2010-09-30"
    assert str(load_panel(tmp_path / "fy.csv", target="revenue", freq="Q-JUN").time[0].date()) == "2010-09-30"


def test_pandas_period_alias_reads_the_quarters_a_periodindex_of_it_wrote(tmp_path):
    """A Q-MAR PeriodIndex written by to_csv ('2016Q1', no anchor) given --freq Q-MAR, the alias pandas names those
    periods by, was refused as "pandas 2's name of 'QE-MAR' ... no longer reads": pandas 3 reads Q-MAR for periods,
    and pd.Period('2016Q1', freq='Q-MAR') is April to June 2015; so they are read, on the calendar QE-MAR, and
    written back as the file writes them (decision 2104). BQ-MAR is no Period alias; Q-MAR on dates stays refused."""
    periods = pd.period_range("2016Q1", periods=20, freq="Q-MAR")
    pd.Series(np.arange(20.0), index=periods.rename("q"), name="y").to_csv(tmp_path / "q.csv")
    panel = load_panel(tmp_path / "q.csv", target="y", freq="Q-MAR")
    assert panel.time[0] == pd.Timestamp("2015-06-30") and panel.calendar.freq_text == "QE-MAR"
    assert list(fiscalquarters.write(panel.time, panel.calendar.text_format)) == list(periods.strftime("%FQ%q"))
    assert list(panel.time.to_period("Q-MAR")) == list(periods)
    assert fiscalquarters.period_alias("Q-MAR") and not fiscalquarters.period_alias("QE-MAR")
    assert not fiscalquarters.period_alias("BQ-MAR") and not fiscalquarters.period_alias("Q-DEC")
    assert fiscalquarters.given_as("Q-MAR", panel.calendar.text_format) == "QE-MAR"
    assert fiscalquarters.given_as("Q-MAR", "%YQ%q") == "Q-MAR"
    dated = pd.DataFrame({"d": pd.date_range("2015-06-30", periods=20, freq="QE-MAR"), "y": np.arange(20.0)})
    with pytest.raises(RnncastError, match=r"freq='Q-MAR' is pandas 2's name of 'QE-MAR'"):
        load_panel(dated, target="y", freq="Q-MAR")


@pytest.mark.parametrize("fmt, first", [("Q%q FY%F", "Q1 FY2006"), ("FY%f Q%q", "FY06 Q1"), ("Q%q FY%f", "Q1 FY06"),
                                        ("Q%q-FY%f", "Q1-FY06"), ("FY'%f Q%q", "FY'06 Q1"), ("Q%q %F", "Q1 2006")])
def test_the_quarter_first_and_two_digit_years_are_read_and_written_in_their_form(fmt, first):
    """'Q1 FY2006' and 'FY06 Q1' were refused whatever freq was given (decision 1444)."""
    labels = _labels(fmt)
    assert labels[0] == first
    panel = load_panel(pd.DataFrame({"fq": labels, "y": np.arange(24.0)}), target="y", freq="QE-MAR")
    assert panel.time[0] == pd.Timestamp("2005-06-30") and panel.calendar.text_format == f"{fmt.replace('%q', '%!q')}|QE-MAR"
    assert list(fiscalquarters.write(panel.time, panel.calendar.text_format)) == list(labels)


@pytest.mark.parametrize("written", [["06Q1", "06Q2"], ["Q1 06", "Q2 06"], ["FY2006", "FY2007"], ["2006-01", "2006-02"]])
def test_two_digit_years_without_fy_and_years_alone_are_no_fiscal_quarters(written):
    assert fiscalquarters.pattern(pd.Series(written)) is None


@pytest.mark.parametrize("freq, first, start", [("QE-NOV", "2005-02-28", "December 2004 to February 2005"),
                                                ("QS-SEP", "2004-09-01", "September to November 2004"),
                                                ("BQE-AUG", "2004-11-30", "September to November 2004"),
                                                ("QE-JAN", "2004-04-30", "February to April 2004")])
def test_a_fiscal_year_ending_in_any_month_but_december_reads_the_labels(freq, first, start):
    """Only years ending in March, June or September were read; QE-NOV's labels were refused (decision 1445)."""
    labels = pd.Series([f"FY{2005 + i // 4} Q{i % 4 + 1}" for i in range(16)])
    time, fmt = fiscalquarters.labels(labels, freq, "fq", str)
    assert time[0] == pd.Timestamp(first) and fiscalquarters.span(labels[0], freq) == start
    assert list(fiscalquarters.write(time, fmt)) == list(labels) and fiscalquarters.format_of(labels, time) == fmt


def test_the_format_of_a_date_column_is_none_and_each_calendar_is_told_apart():
    dates = pd.Series(pd.date_range("2000-01-01", periods=500, freq="D").strftime("%Y-%m-%d"))
    assert fiscalquarters.format_of(dates, pd.DatetimeIndex(dates)) is None
    labels = pd.Series(_labels())
    for freq in ("QE-MAR", "QS-APR", "BQE-MAR", "BQS-APR"):
        assert fiscalquarters.format_of(labels, fiscalquarters.labels(labels, freq, "fq", str)[0]) == f"FY%FQ%!q|{freq}"


@pytest.mark.parametrize("freq, first", [("QE-DEC", "2006-03-31"), ("QS-JAN", "2006-01-01"), ("BQE-DEC", "2006-03-31"),
                                         ("BQS-JAN", "2006-01-02")])
def test_fy_labels_of_a_december_year_are_read_as_the_calendar_quarters(freq, first):
    """Decision 1528: 'FY2006 Q1' under QE-DEC was refused ("names calendar quarters"), though '2006Q1' and 'Q1 2006'
    are read there; a fiscal year ending in December is the calendar year, and its labels are written back as given."""
    labels = pd.Series([f"FY{2006 + k // 4} Q{k % 4 + 1}" for k in range(12)])
    panel = load_panel(pd.DataFrame({"fq": labels, "y": np.arange(12.0)}), target="y", freq=freq)
    assert panel.time[0] == pd.Timestamp(first) and panel.time[4].year == 2007
    assert list(fiscalquarters.write(panel.time, panel.calendar.text_format)) == list(labels)
    assert fiscalquarters.format_of(labels, panel.time) == panel.calendar.text_format
    plain = pd.Series([f"{2006 + k // 4}Q{k % 4 + 1}" for k in range(12)])  # calendar quarters: timetext's, as before
    assert fiscalquarters.format_of(plain, pd.DatetimeIndex(pd.date_range("2006-03-31", periods=12, freq="QE"))) is None


@pytest.mark.parametrize("freq", ["QE", "QS", "BQE", " BQS "])
def test_fy_labels_under_a_bare_quarterly_freq_are_refused_asking_for_the_year_end(freq):
    """Decision 1566 (r32r1 HIGH 2): bare QE names no year's end (pandas fills December in), but decision 1528 read
    'FY2006 Q1' under it as January to March 2006: an Apple or US federal file (years ending in September) loaded
    with every date 9 months late. Only QE-DEC, QS-JAN, BQE-DEC, BQS-JAN name a December year; bare ones are refused
    as before 1528, naming the year ends to give (QE-DEC among them)."""
    assert not fiscalquarters.december(freq) and fiscalquarters.december("QE-DEC") and fiscalquarters.december("QS-JAN")
    labels = pd.Series([f"FY{2006 + k // 4} Q{k % 4 + 1}" for k in range(12)])
    with pytest.raises(RnncastError, match=r"holds 'FY2006 Q1' at row 0, a fiscal quarter or year, and freq .* names "
                                           r"quarters but not the month their years end in .*QE-JAN \.\. QE-DEC; or"):
        load_panel(pd.DataFrame({"fq": labels, "y": np.arange(12.0)}), target="y", freq=freq)


@pytest.mark.parametrize("labels, first", [(["Q1/FY05", "Q2/FY05", "Q3/FY05", "Q4/FY05", "Q1/FY06"], "2004-06-30"),
                                           (["FY2005/Q1", "FY2005/Q2", "FY2005/Q3", "FY2005/Q4", "FY2006/Q1"], "2004-06-30")])
def test_labels_with_a_slash_are_read_as_their_other_spellings(labels, first):
    """Decision 1528: 'Q1/FY05' was refused where 'Q1 FY05' and 'Q1-FY05' are read."""
    panel = load_panel(pd.DataFrame({"fq": labels, "y": np.arange(5.0)}), target="y", freq="QE-MAR")
    assert panel.time[0] == pd.Timestamp(first)
    assert list(fiscalquarters.write(panel.time, panel.calendar.text_format)) == labels


def test_labels_are_dated_at_once_as_each_calendar_dates_its_quarters():
    """Decision 1528: ``labels`` dated each label in a Python loop; at once now, NaT kept, the days unchanged."""
    labels = pd.Series([*(f"FY{y}Q{q}" for y in range(1990, 2031) for q in range(1, 5)), None])
    for end, start in fiscalquarters.STARTS.items():
        for freq in (f"QE-{end}", f"QS-{start}", f"BQE-{end}", f"BQS-{start}"):
            offset = pd.tseries.frequencies.to_offset(freq)
            time = fiscalquarters.labels(labels, freq, "fq", str)[0]
            looped = [offset.rollforward(p.start_time) if freq.startswith(("QS", "BQS")) else
                      offset.rollback(p.end_time.normalize()) for p in pd.PeriodIndex(labels[:-1].str[2:], freq=f"Q-{end}")]
            assert list(time[:-1]) == looped and time[-1] is pd.NaT
