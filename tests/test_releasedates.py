"""The sort key a revision's advice prints for release dates written as text (``releasedates.py``): the day order the
dates settle, else the time column's, as an explicit format; the printed line, run, keeps the latest release."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.releasedates import sort_key


def test_sort_key_reads_the_order_the_dates_settle_else_the_time_columns():
    assert sort_key(pd.Series(["2020-04-01", "2020-03-05"])) == ("pd.to_datetime", "")  # one reading
    assert sort_key(pd.Series(["13/03/2020", "01/04/2020"]))[0] == "lambda s: pd.to_datetime(s, format='%d/%m/%Y')"
    assert sort_key(pd.Series(["03/13/2020", "04/01/2020"]))[0] == "lambda s: pd.to_datetime(s, format='%m/%d/%Y')"
    assert sort_key(pd.Series(["05/03/2020", "01/04/2020"]), dayfirst=True) == (
        "lambda s: pd.to_datetime(s, format='%d/%m/%Y')", "")
    assert sort_key(pd.Series(["01/03/2020", "01/04/2020"]))[1] == ""  # both readings order them alike


def _releases(days, final, prelim, write=lambda d: d.date().isoformat()) -> pd.DataFrame:
    return pd.DataFrame([(write(d), s, 50.0 + k + (d.day % 3) + (0.3 * (r == final)), r)
                         for s, k in (("A", 0), ("B", 300)) for d in days
                         for r in ((final, prelim) if d.day % 5 == 0 else (prelim,))],
                        columns=["date", "store", "sales", "released"])


@pytest.mark.parametrize("final, prelim, write, kept", [
    ("01/04/2020", "05/03/2020", lambda d: d.strftime("%d/%m/%Y"), "01/04/2020"),  # the time column read day first
    ("01/04/2020", "13/03/2020", lambda d: d.date().isoformat(), "01/04/2020"),  # 13/03: a field past 12 settles it
    ("04/01/2020", "03/13/2020", lambda d: d.date().isoformat(), "04/01/2020"),  # 03/13: month first
    ("01.04.2020", "05.03.2020", lambda d: d.date().isoformat(), "01.04.2020")])  # dotted: day first
def test_release_dates_written_day_first_are_sorted_in_the_order_judged(final, prelim, write, kept):
    """A tester's finding (z14.py): releases 01/04/2020 (1 April, final) and 05/03/2020 (5 March, prelim) were told
    df.sort_values('released', key=pd.to_datetime, ...), which reads them month first and kept every prelim row. The
    printed line now reads them in the order settled (an explicit format); followed, it keeps the final release."""
    frame = _releases(pd.date_range("2020-02-01", periods=40, freq="D"), final, prelim, write)
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="sales", time_col="date", id_col="store")
    message = str(err.value)
    line = message[message.index("df.sort_values("):message.index("keep='last')") + len("keep='last')")]
    out = eval(line, {"df": frame, "pd": pd})
    assert set(out[out.sales % 1 > 0.2].released) == {kept} and out.sales.mod(1).round(1).eq(0.3).sum() == 14, line
    assert "read month first and day first alike" not in message


def test_release_dates_that_read_both_ways_say_both_where_they_keep_different_rows():
    frame = _releases(pd.date_range("2020-02-01", periods=40, freq="D"), "01/04/2020", "05/03/2020")
    with pytest.raises(RnncastError, match=r"format='%m/%d/%Y'\), kind='stable'\).+read month first and day first "
                                           r"alike, .+ where they are written day first, read them with "
                                           r"format='%d/%m/%Y'\)"):
        load_panel(frame, target="sales", time_col="date", id_col="store")
