"""fiscalyears: a column of fiscal or season years (2001-02, 2002-03 ...) is refused by name, never read as months
on a 13-month calendar (decision 657)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rnncast import fiscalyears
from rnncast.errors import RnncastError
from rnncast.loading import load_panel


def test_fiscal_years_found_as_time_are_refused_not_read_as_a_13_month_calendar():
    """A tester's find: 'year' holding '2001-02' .. '2011-12' was read as months 13 apart ('13MS') and the next one
    forecast as '2013-01'."""
    frame = pd.DataFrame({"year": [f"{y}-{(y + 1) % 100:02d}" for y in range(2001, 2012)], "revenue": np.arange(11.0)})
    with pytest.raises(RnncastError, match=r"time column 'year' holds '2001-02', two successive years: a fiscal or "
                                           r"season year.*write each as the year it ends \(2002\) in a column named year"):
        load_panel(frame, target="revenue")


def test_fiscal_years_not_read_as_time_are_refused_not_trained_on_numbered_rows():
    """'1820-21' (no month 21) was passed over with a warning and the rows numbered; '1950/1951' likewise."""
    for written in ([f"{y}-{(y + 1) % 100:02d}" for y in range(1820, 1860)], [f"{y}/{y + 1}" for y in range(1950, 1990)]):
        frame = pd.DataFrame({"season": written, "v": np.arange(40.0)})
        with pytest.raises(RnncastError, match=r"no time column was found: 'season' holds '\d{4}/?-?\d+' at row 0, two "
                                               r"successive years"):
            load_panel(frame, target="v")


def test_months_and_other_text_are_not_fiscal_years():
    assert fiscalyears.written(pd.Series(["2001-02", "2002-03", "2003-04"]))
    assert fiscalyears.written(pd.Series(["1999-00", "2000-01"]))  # the century turns
    assert not fiscalyears.written(pd.Series(["2001-02", "2001-03", "2001-04"]))  # months
    assert not fiscalyears.written(pd.Series(["2001-02"]))  # one value says too little
    assert not fiscalyears.written(pd.Series(["2001-03", "2002-04"]))  # not the following year
    months = pd.DataFrame({"date": [f"2001-{m:02d}" for m in range(1, 13)], "v": np.arange(12.0)})
    assert len(load_panel(months, target="v").values) == 12  # still read as months


FORMS = r"such as 2005Q1, 2005-Q1 or Q1 2005"


@pytest.mark.parametrize("written", [[f"{2001 + k // 4}-{(2 + k // 4) % 100:02d} Q{k % 4 + 1}" for k in range(40)],
                                     [f"Q{k % 4 + 1} {2001 + k // 4}/{2002 + k // 4}" for k in range(40)],
                                     [f"FY{2001 + k // 4}-{(2 + k // 4) % 100:02d} Q{k % 4 + 1}" for k in range(40)]])
@pytest.mark.parametrize("name", ["period", "date"])
def test_quarters_of_fiscal_years_are_refused_naming_the_quarter_forms_read(written, name):
    """'2001-02 Q1' was refused as no timestamp under 'date', offering dates only, and as text not read under
    'period'; fiscal years alone offered only years: no form that a quarterly table could be written in."""
    frame = pd.DataFrame({name: written, "v": np.arange(40.0)})
    with pytest.raises(RnncastError, match=rf"holds '{written[0]}'.*a quarter of a fiscal or season year written as two "
                                           rf"years, which rnncast does not read as time \(fiscal years start in different "
                                           rf"months\); write each as the calendar quarter it falls in, {FORMS}, or as "
                                           r"the date that quarter starts"):
        load_panel(frame, target="v")
    assert fiscalyears.written(pd.Series(written))


def test_fiscal_years_and_fy_quarters_name_the_quarter_forms_too():
    assert FORMS.replace("\\", "") in fiscalyears.clause("2001-02")  # a quarterly table's years: its quarters so
    frame = pd.DataFrame({"date": [f"FY{2005 + k // 4} Q{k % 4 + 1}" for k in range(40)], "v": np.arange(40.0)})
    with pytest.raises(RnncastError, match=rf"time column 'date' holds 'FY2005 Q1', a fiscal quarter.*calendar "
                                           rf"quarters {FORMS}"):
        load_panel(frame, target="v")


@pytest.mark.parametrize("values, year", [([f"FY{y}" for y in range(1960, 2000)], "the year it ends (1960)"),
                                         ([f"FY {y % 100:02d}" for y in range(1960, 2000)], "the year it ends in four digits")])
def test_fiscal_years_alone_are_told_to_write_the_year_not_quarters(values, year):
    """A yearly column 'FY1960' ... 'FY2016' was told to write calendar quarters: a year alone is written as its year
    under year (as two years' '1960/61' are told) or the date the year starts; 'FY2005 Q1' keeps the quarters."""
    from rnncast.timeunread import unread_time

    said = f"write each as {year} in a column named year, read as integer periods, or as the date its year ends"
    assert said in fiscalyears.clause(values[0]) and "quarter" not in fiscalyears.clause(values[0])
    assert said in unread_time(pd.DataFrame({"fiscal_year": values}), ["fiscal_year"])
    with pytest.raises(RnncastError, match=rf"'date' holds '{values[0]}', a fiscal year, .*{re.escape(said)}"):
        load_panel(pd.DataFrame({"date": values, "v": np.arange(40.0)}), target="v")


@pytest.mark.parametrize("name", ["시점", "기간", "연도"])
def test_kosis_fiscal_years_written_2012_13_are_refused_naming_the_form(name):
    """KOSIS writes fiscal years '2012-13': refused naming the form and what to write (decision 693), not read as
    months (2012-13 is no month) nor as fiscal years of a start month rnncast would have to guess."""
    frame = pd.DataFrame({name: [f"{y}-{(y + 1) % 100:02d}" for y in range(2012, 2024)], "y": np.arange(12.0)})
    with pytest.raises(RnncastError, match=rf"'{name}' holds '2012-13' at row 0, two successive years: a fiscal or season year, "
                                           r"which rnncast does not read as time"):
        load_panel(frame, target="y")


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_fiscal_years_are_refused_in_every_column_type_that_holds_text(dtype):
    """Columns of numbers and timestamps are passed over unread (decision 975); text is read in any of its types."""
    column = pd.Series(["2001-02", "2002-03", "2003-04"], dtype=dtype)
    with pytest.raises(RnncastError, match=r"time column 'year' holds '2001-02', two successive years"):
        fiscalyears.refuse(column, "year", lambda i: f"row {i}")
    assert fiscalyears.written(column)
    for kept in (pd.Series(pd.date_range("2001-02-01", periods=3)), pd.Series([2001, 2002, 2003]),
                 pd.Series(pd.date_range("2001-02-01", periods=3, tz="UTC"))):
        fiscalyears.refuse(kept, "year", lambda i: f"row {i}")
        assert not fiscalyears.written(kept)


def test_two_digit_fiscal_years_are_read_inside_the_years_every_reader_agrees_on_and_said(caplog):
    """'Q1 FY05' was refused whatever freq was given; now read as 2005 and said, where a two-digit year is read
    alike by every common reader, as datetext reads dates (decision 1444)."""
    import logging
    values = [f"Q{k % 4 + 1} FY{(1998 + k // 4) % 100:02d}" for k in range(40)]  # FY98 .. FY07: the century turns
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(pd.DataFrame({"fq": values, "y": np.arange(40.0)}), target="y", freq="QE-MAR")
    assert panel.time[0] == pd.Timestamp("1997-06-30") and panel.time[-1] == pd.Timestamp("2007-03-31")
    assert "time column 'fq' has two-digit fiscal years: read as 1998 .. 2007" in caplog.text


def test_two_digit_fiscal_years_a_reader_could_put_in_another_century_are_refused():
    """FY60 .. FY10 read by any one rule of the century would put a century between its halves."""
    from rnncast.timetext import short_year_span
    low, high = short_year_span()
    values = [f"FY{(1960 + k // 4) % 100:02d} Q{k % 4 + 1}" for k in range(200)]
    with pytest.raises(RnncastError, match=rf"^time column 'fq' is written with two-digit fiscal years, and 'FY60 Q1' at "
                                           rf"row 0 is 2060 to pandas but 1960 to a spreadsheet: readers name a two-digit "
                                           rf"year alike only in {low} \.\. {high}; write four-digit years \('FY1960 Q1' "
                                           r"or 'FY2060 Q1'\)$"):
        load_panel(pd.DataFrame({"fq": values, "y": np.arange(200.0)}), target="y", freq="QE-MAR")


def test_fiscal_labels_with_a_lower_case_fiscal_freq_are_refused_naming_the_freq_given(tmp_path):
    """t31t5 (decision 1465): --freq qe-mar with labels FY1990Q1 .. was told "give the calendar that names them, --freq
    QE-MAR ...", as if no freq were given."""
    pd.DataFrame({"quarter": [f"FY{1990 + i // 4}Q{i % 4 + 1}" for i in range(16)],
                  "gdp": np.arange(16.0)}).to_csv(tmp_path / "fy.csv", index=False)
    for freq in ("qe-mar", "q-mar"):
        with pytest.raises(RnncastError) as err:
            load_panel(tmp_path / "fy.csv", target="gdp", freq=freq)
        assert str(err.value) == (f"freq {freq!r} is written in lower case, and pandas reads a quarter's calendar only "
                                  "in capitals; give freq='QE-MAR', --freq QE-MAR, which reads 'FY1990Q1' as April to "
                                  "June 1989")


def _fy(n=80, fmt="Q{q} FY{y}"):
    return [fmt.format(q=i % 4 + 1, y=2000 + i // 4) for i in range(n)]


@pytest.mark.parametrize("bad", ["oops", "Q5 FY2007", "2007-06-30"])
def test_one_bad_cell_among_fiscal_labels_is_named_with_its_line(tmp_path, bad):
    """t31t8 (decision 1511): 'oops' at line 32 among 'Q1 FY2000' .. under --freq QE-MAR was reported as "'Q1 FY2000' at
    line 2 ..., which is not a timestamp", the first good label."""
    labels = _fy()
    labels[30] = bad
    pd.DataFrame({"fq": labels, "y": np.arange(80.0)}).to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "x.csv", target="y", freq="QE-MAR")
    assert str(err.value) == (f"time column 'fq' holds {bad!r} at line 32 of x.csv, which is not a fiscal quarter as "
                              "the column's others are written ('Q1 FY2000' at line 2 of x.csv, read by freq 'QE-MAR' "
                              "as April to June 1999; a quarter is Q1 .. Q4): correct it to that form")


def test_fiscal_labels_written_in_two_forms_are_refused_naming_one_of_each(tmp_path):
    """t31t8 (decision 1512): 'Q1 FY2000' and 'FY2000Q2' mixed under --freq QE-MAR were told to "give --freq QE-MAR"."""
    pd.DataFrame({"fq": _fy(40) + [f"FY{2010 + i // 4}Q{i % 4 + 1}" for i in range(10)],
                  "y": np.arange(50.0)}).to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "x.csv", target="y", freq="QE-MAR", time_col="fq")
    assert str(err.value) == ("time column 'fq' mixes date formats, one kind of time written in two forms: 'Q1 FY2000' "
                              "at line 2 of x.csv (40 rows so) and 'FY2010Q1' at line 42 of x.csv (10 rows so); write "
                              "every value in one form, e.g. as 'Q1 FY2000' is written")


@pytest.mark.parametrize("freq, tail", [
    ("xyz", "names no calendar pandas reads: give the calendar that names them, --freq QE-MAR"),
    ("3QE-JUN", "steps 3 quarters at a time: give freq='QE-JUN', --freq QE-JUN, which reads 'Q1 FY2000' as July to "
                "September 1999")])  # QE-DEC reads them as the calendar year's quarters (decision 1528)
def test_fiscal_labels_with_a_freq_that_reads_none_name_the_freq_given(freq, tail):
    """t31t8 (decision 1513): --freq xyz or 3QE-JUN with 'Q1 FY2000' .. was neither used nor named ("give the calendar
    that names them, --freq QE-MAR ..."), while dated data names a bad freq."""
    with pytest.raises(RnncastError) as err:
        load_panel(pd.DataFrame({"fq": _fy(), "y": np.arange(80.0)}), target="y", freq=freq)
    assert str(err.value).startswith(f"time column 'fq' holds 'Q1 FY2000' at row 0, a fiscal quarter or year, and freq "
                                     f"{freq!r} {tail}")


def test_fiscal_labels_of_a_december_year_are_read_not_refused():
    """Decision 1528: --freq QE-DEC with 'Q1 FY2000' .. was refused as naming calendar quarters (decision 1513's
    test); a year ending in December is the calendar year, so 'Q1 FY2000' is January to March 2000."""
    panel = load_panel(pd.DataFrame({"fq": _fy(), "y": np.arange(80.0)}), target="y", freq="QE-DEC")
    assert panel.time[0] == pd.Timestamp("2000-03-31") and panel.calendar.text_format == "Q%!q FY%F|QE-DEC"


@pytest.mark.parametrize("cell, said", [
    ("oops", "time column 'fq' holds 'oops' at row 7, which is not a fiscal quarter as the column's others are written "
             "('Q1 FY2000' at row 0, read by freq 'QE-DEC' as January to March 2000; a quarter is Q1 .. Q4): correct "
             "it to that form"),
    ("FY2001Q4", "time column 'fq' mixes date formats, one kind of time written in two forms: 'Q1 FY2000' at row 0 (79 "
                 "rows so) and 'FY2001Q4' at row 7 (1 row so); write every value in one form, e.g. as 'Q1 FY2000' is "
                 "written")])
def test_a_stray_cell_among_december_fy_labels_is_named_as_under_a_fiscal_freq(cell, said):
    """Decision 1567 (r32r1 MED 3): under QE-DEC one bad cell among 'Q1 FY2000' .. was refused as "'Q1 FY2000' at row 0
    ... is not a timestamp" (a good cell), and one label in another form as "freq 'QE-DEC' names calendar quarters ...
    give --freq QE-MAR" (9 months off for a December year); both are named as QE-MAR names them."""
    labels = _fy()
    labels[7] = cell
    with pytest.raises(RnncastError) as err:
        load_panel(pd.DataFrame({"fq": labels, "y": np.arange(80.0)}), target="y", freq="QE-DEC")
    assert str(err.value) == said


@pytest.mark.parametrize("freq", [None, "ME", "QE-JAN"])
def test_a_fiscal_period_label_is_no_quarter_whatever_freq_is_given(freq):
    frame = pd.DataFrame({"period": [f"FY2020-P{p:02d}" for p in range(1, 13)], "v": np.arange(12.0)})
    with pytest.raises(RnncastError) as info:
        load_panel(frame, target="v", time_col="period", freq=freq)
    message = str(info.value)
    assert "'FY2020-P01'" in message and "a fiscal period" in message and "number the periods" in message
    assert "quarter" not in message.replace("4-4-5", "")  # decision 1975: was "a fiscal quarter or year"


def test_a_fiscal_year_is_named_one_way_by_every_remedy_as_pandas_names_it():
    """t41-t2 M2 (decision 2252): 'FY1990' was told "its year (1990)", the same year written '1989/90' "its first year
    (1989)", and "the date its year starts" gave July dates plotted a year before June's: each now names the year it
    ends, as pd.Period('1990', 'Y-JUN') does, and the date it ends."""
    assert pd.Period("1990", "Y-JUN").start_time == pd.Timestamp("1989-07-01")
    for value in ("FY1990", "1989/90", "1989-1990"):
        said = fiscalyears.clause(value)
        assert "the year it ends (1990)" in said and "the date its year ends (1990-06-30" in said, said
