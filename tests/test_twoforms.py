"""twoforms: a time column that writes one kind of time in two forms is refused, naming both."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import timetext
from rnncast.errors import RnncastError
from rnncast.twoforms import one_form


@pytest.mark.parametrize("forms", [("%YQ%q", "%Y-Q%q"), ("%G-W%V", "%GW%V"), ("%Y-%m", "%Y/%m"), ("%Y-%m-%d", "%d.%m.%Y"),
                                   ("%Y-%m-%d", "%Y/%m/%d")])
def test_a_time_column_writing_one_kind_of_time_in_two_forms_is_refused_naming_both(tmp_path, forms):
    """2001Q4 in some rows and 2001-Q4 in others was read as one quarterly calendar, but no one form
    wrote it back, so forecasts came out as ISO dates without a word; 2016-01 beside 2016/01 the same.
    Such a column is refused in one line: both forms, where each first comes, how many rows each has."""
    from rnncast.loading import load_panel

    stamps = pd.date_range("2001-01-01", periods=12, freq="QS" if "q" in forms[0] else "W-MON" if "V" in forms[0] else "MS")
    write = lambda t, f: timetext.write(pd.DatetimeIndex([t]), f)[0]  # noqa: E731
    written = [write(t, forms[1] if i in (3, 7) else forms[0]) for i, t in enumerate(stamps)]
    pd.DataFrame({"date": written, "y": range(12)}).to_csv(tmp_path / "d.csv", index=False)
    with pytest.raises(RnncastError) as refused:
        load_panel(tmp_path / "d.csv", target="y")
    assert str(refused.value) == (
        f"time column 'date' mixes date formats, one kind of time written in two forms: {written[0]!r} at line 2 of "
        f"d.csv (10 rows so) and {written[3]!r} at line 5 of d.csv (2 rows so); write every value in one form, e.g. as "
        f"{written[0]!r} is written")


@pytest.mark.parametrize("texts", [["2016-01-31", "2016-01-31 13:00"], ["2016-01-31T12:00", "2016-01-31 13:00"],
                                   ["2016-1-5", "2016-12-15"], ["Jan 2016", "February 2016"],
                                   ["2020-01-01T00:00-05:00", "2020-07-01T00:00-04:00"]])
def test_precisions_padding_month_names_and_offsets_are_one_form(texts):
    one_form(pd.Series(texts))  # nothing refused


@pytest.mark.parametrize("texts", [["1990q1", "1990Q2", "1990q3"], ["Q1 1990", "q2 1990"], ["Jan 2000", "FEB 2000"],
                                   ["2021-W01", "2021-w02"], ["2000M01", "2000m02"]])
def test_letters_in_two_cases_are_two_forms(texts):
    """1990q1 beside 1990Q2 was read as one calendar and forecast as ISO dates without a word."""
    with pytest.raises(RnncastError, match="one kind of time written in two forms"):
        one_form(pd.Series(texts), "date")
