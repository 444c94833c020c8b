"""Months, quarters and years on a fixed day (``monthdays.py``): spelled, read back, found in data only when
every row is on that day, and walked forward with pandas' clamping at a shorter month's end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import monthdays
from rnncast.calendars import settle
from rnncast.errors import RnncastError
from rnncast.seasons import implied_season
from rnncast.timecalendar import Calendar


def every(start: str, months: int, n: int) -> pd.DatetimeIndex:
    """``n`` dates ``months`` apart from ``start``, each counted from the first (no drift after a clamp)."""
    first = pd.Timestamp(start)
    return pd.DatetimeIndex([first + pd.DateOffset(months=months * k) for k in range(n)], name="date")


def inferred(time: pd.DatetimeIndex) -> Calendar:
    return settle(time, np.array([0, len(time)]), quiet=True)[0]


@pytest.mark.parametrize("start, months, text", [("2010-01-15", 1, "MS@15"), ("2010-01-10", 3, "QS-JAN@10"),
                                                 ("2010-02-10", 3, "QS-FEB@10"), ("1990-03-15", 12, "YS-MAR@15"),
                                                 ("2010-01-30", 1, "MS@30"), ("2009-10-10", 3, "QS-JAN@10"),
                                                 ("2009-11-20", 3, "QS-FEB@20")])  # calendar quarters (1044)
def test_a_fixed_day_of_the_month_is_found_and_kept_as_written(start, months, text):
    time = every(start, months, 40)
    calendar = inferred(time)
    assert calendar.freq_text == text and calendar.shown == repr(text)
    back = Calendar.from_state(calendar.state())  # model.json
    assert back == calendar
    assert back.next(time[-1], 3).equals(every(start, months, 43)[-3:])


def test_a_quarterly_day_given_keeps_its_anchor():
    """'QS-OCT@10' (fiscal quarters from October, on the 10th) was kept as 'QS-JAN@10', and 'QS-OCT@1' as QS-JAN."""
    assert monthdays.parse("QS-OCT@10").freqstr == "QS-OCT@10" and monthdays.parse("QS-OCT@1") == to_offset("QS-OCT")
    assert monthdays.parse("QS-OCT@1").freqstr == "QS-OCT" and monthdays.parse("QS@10").freqstr == "QS-JAN@10"


def test_the_30th_clamps_to_february_and_comes_back():
    calendar = Calendar("datetime", monthdays.parse("MS@30"))
    assert [str(d.date()) for d in calendar.next(pd.Timestamp("2011-01-30"), 3)] == ["2011-02-28", "2011-03-30",
                                                                                  "2011-04-30"]


def test_month_ends_stay_me_and_the_first_stays_ms():
    assert inferred(every("2010-01-31", 1, 30)).freq_text == "ME"  # 31, 28, 31, 30 ...: every one a month end
    assert inferred(every("2010-01-01", 1, 30)).freq_text == "MS"
    assert monthdays.parse("MS@1") == to_offset("MS") and monthdays.parse("MS@31") == to_offset("ME")
    assert monthdays.parse("QS-JAN@31") == to_offset("QE-JAN") and monthdays.parse("YS@1") == to_offset("YS-JAN")


@pytest.mark.parametrize("change", ["a row a day late", "drift after a clamp", "days that wander"])
def test_data_off_a_fixed_day_is_not_given_one(change):
    if change == "a row a day late":
        time = every("2010-01-15", 1, 40).delete(20).insert(20, pd.Timestamp("2011-09-16"))
    elif change == "drift after a clamp":  # 31 Jan, 28 Feb, then the 28th: not one day of the month
        time = pd.date_range("2010-01-31", periods=40, freq=pd.DateOffset(months=1), name="date")
    else:
        time = pd.DatetimeIndex([d + pd.Timedelta(days=k % 3) for k, d in enumerate(every("2010-01-10", 1, 40))])
    assert inferred(time).freq is None


def test_a_row_in_another_quarter_month_is_off_the_calendar():
    offset = monthdays.parse("QS-JAN@10")
    assert offset.is_on_offset(pd.Timestamp("2010-07-10")) and not offset.is_on_offset(pd.Timestamp("2010-08-10"))
    time = every("2010-02-10", 3, 8)
    with pytest.raises(RnncastError, match=r"2010-02-10 .* calendar freq='QS-JAN@10'"):
        settle(time, np.array([0, 8]), "QS-JAN@10", where=lambda i: f"row {i}")


@pytest.mark.parametrize("text", ["MS@0", "MS@32", "MS-JAN@3", "XS@3", "QS-ABC@3", "MS@"])
def test_a_bad_spelling_is_refused_in_one_line(text):
    with pytest.raises(RnncastError, match=r"is not a calendar; a day of the month .* 'MS@15'") as error:
        monthdays.parse(text)
    assert "\n" not in str(error.value)


def test_text_without_at_is_left_to_the_other_readers():
    assert monthdays.parse("MS") is None and monthdays.parse(None) is None


def test_the_season_of_a_fixed_day():
    assert implied_season(Calendar("datetime", monthdays.parse("MS@15"))).steps == 12
    assert implied_season(Calendar("datetime", monthdays.parse("QS-JAN@10"))).steps == 4
    assert implied_season(Calendar("datetime", monthdays.parse("YS-MAR@15"))) is None
