"""The calendars worth trying (``offsetguess.py``): what ``infer_freq`` finds, and the calendars near
the most common step anchored as the data is, semi-monthly ones included, which ``infer_freq``
never names."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast.loading import load_panel
from rnncast.offsetguess import calendar_year, candidates, inside, named_now, near


def test_inside_marks_the_steps_within_a_series():
    assert inside(np.array([0, 3, 5]), 5).tolist() == [True, True, False, True]


@pytest.mark.parametrize("freq", ["SME", "SMS", "SME-20", "SMS-10", "SME-5"])
def test_semi_monthly_calendars_are_candidates_though_infer_freq_never_names_them(freq):
    times = pd.date_range("2020-01-01" if freq.startswith("SMS") else "2020-01-20", periods=30, freq=freq)
    assert pd.infer_freq(times) is None  # checked: pandas infers neither SME nor SMS
    assert to_offset(freq) in candidates(times, np.array([0, len(times)]))


def test_calendars_near_a_step_are_anchored_as_the_data_is():
    assert to_offset("W-WED") in near(pd.Timedelta(days=7), pd.DatetimeIndex(["2024-01-03"]))
    assert to_offset("QS-FEB") in near(pd.Timedelta(days=92), pd.DatetimeIndex(["2024-02-01"]))
    assert to_offset("QS-JAN") in near(pd.Timedelta(days=92), pd.DatetimeIndex(["2024-04-01"]))  # calendar quarters
    assert to_offset("QE-DEC") in near(pd.Timedelta(days=92), pd.DatetimeIndex(["2024-03-31"]))
    days = pd.DatetimeIndex(["2024-01-15", "2024-01-31", "2024-02-15"])
    assert [o.freqstr for o in near(pd.Timedelta(days=15), days)] == ["15D", "SMS-15", "SME-15"]
    assert near(pd.Timedelta(hours=1), days) == []  # under a day: the step itself is tried


def test_a_week_other_than_monday_to_friday_is_a_candidate_of_daily_data():
    time = pd.bdate_range("2021-01-03", periods=60, freq="C", weekmask="Sun Mon Tue Wed Thu")
    found = candidates(time, np.array([0, 60]))
    assert pd.offsets.CustomBusinessDay(weekmask="Sun Mon Tue Wed Thu") in found
    days = pd.date_range("2021-01-01", periods=60, freq="D")
    assert not any(isinstance(o, pd.offsets.CustomBusinessDay) for o in candidates(days[days.day % 5 != 0], np.array([0, 48])))


def test_a_week_mask_is_a_candidate_of_rows_most_often_days_apart():
    """Mon/Wed/Fri rows, most often 2 days apart, were tried on no week mask: calendar irregular, and fit's warning
    advised rounding them onto a 2-day grid (decision 2106). Rows every other day keep every weekday: no mask."""
    time = pd.bdate_range("2021-01-04", periods=60, freq="C", weekmask="Mon Wed Fri")
    assert pd.offsets.CustomBusinessDay(weekmask="Mon Wed Fri") in candidates(time, np.array([0, 60]))
    every_other = pd.date_range("2021-01-01", periods=60, freq="2D")
    assert not any(isinstance(o, pd.offsets.CustomBusinessDay) for o in candidates(every_other, np.array([0, 60])))
    weekly = pd.date_range("2021-01-04", periods=60, freq="W-MON")
    assert not any(isinstance(o, pd.offsets.CustomBusinessDay) for o in candidates(weekly, np.array([0, 60])))


def test_inside_skips_the_cuts_of_series_with_no_rows():
    """Decision 852: a last series with no rows (offset N) indexed past the end (IndexError); a first one, offset 0,
    marked the last step as a cut."""
    assert inside(np.array([0, 2, 4, 4]), 4).tolist() == [True, False, True]
    assert inside(np.array([0, 0, 2, 4]), 4).tolist() == [True, False, True]


@pytest.mark.parametrize("freq, start, inferred", [
    ("QS-OCT", "2019-10-01", "QS-JAN"), ("QS-APR", "2015-04-01", "QS-JAN"), ("QE-SEP", "2019-09-30", "QE-DEC"),
    ("QE-MAR", "2015-03-31", "QE-DEC"), ("QE-JUN", "2015-06-30", "QE-DEC"), ("BQS-OCT", "2019-10-01", "BQS-JAN"),
    ("BQE-MAR", "2019-03-29", "BQE-DEC"), ("2QS-JUL", "2019-07-01", "2QS-JAN"), ("QS-FEB", "2019-02-01", "QS-FEB"),
    ("QS-MAY", "2019-05-01", "QS-FEB"), ("QE-JAN", "2019-01-31", "QE-OCT"), ("QS-JAN", "2019-01-01", "QS-JAN"),
    ("YS-APR", "2015-04-01", "YS-APR"), ("YE-JUN", "2015-06-30", "YE-JUN"), ("W-WED", "2020-01-01", "W-WED")])
def test_an_inferred_quarterly_calendar_is_the_calendar_years(freq, start, inferred):
    """Decision 1044 (reversing 938's inference): quarters from 2015Q2 were inferred 'QS-APR' and their figures read as
    fiscal quarters ("2025Q3" for 2024Q4). Dates cannot tell fiscal quarters from calendar ones: an inferred quarterly
    calendar is anchored as the calendar year is, from any first row, with gaps too; years and weeks keep theirs."""
    days = pd.date_range(start, periods=24, freq=freq)
    frame = pd.DataFrame({"ds": days.strftime("%Y-%m-%d"), "y": np.arange(24.0)})
    assert load_panel(frame, target="y").calendar.freq_text == inferred
    gappy = frame.drop(index=[3, 4])  # near the common step, as inference's fallback finds it
    assert load_panel(gappy, target="y").calendar.freq_text == inferred
    assert load_panel(frame, target="y", freq=freq).calendar.freq_text == freq  # a given anchor is kept
    assert calendar_year(to_offset("MS")) == to_offset("MS")


def test_series_sharing_their_times_each_count_toward_the_calendar_tried_first():
    """Times several series share are inferred once (decision 976), yet each series still counts:
    the calendar most of the five longest series keep is tried first, as when each was inferred alone."""
    ends, starts = pd.date_range("2000-01-31", periods=60, freq="ME"), pd.date_range("2000-01-01", periods=60, freq="MS")
    for series, first in (([ends] * 3 + [starts] * 2, "ME"), ([ends] * 2 + [starts] * 3, "MS")):
        found = candidates(series[0].append(series[1:]), np.arange(6) * 60)
        assert found[0] == to_offset(first)
        assert {to_offset("ME"), to_offset("MS")} <= set(found)


@pytest.mark.parametrize("recorded, now", [("QS-APR", "QS-JAN"), ("QE-MAR", "QE-DEC"), ("BQS-OCT", "BQS-JAN"),
                                           ("2QS-JUL", "2QS-JAN"), ("QS-JAN", "QS-JAN"), ("YS-APR", "YS-APR"),
                                           ("W-WED", "W-WED"), ("MS", "MS"), ("30min 09:30-16:00", "30min 09:30-16:00")])
def test_a_calendar_a_run_found_before_1044_is_named_as_a_read_now_names_it(recorded, now):
    """Runs before decision 1044 recorded quarterly data from 2015Q2 as 'QS-APR': their own advice then named a
    calendar ('--freq QS-APR', fiscal quarters from April) that a read of the same data now calls 'QS-JAN'."""
    assert named_now(recorded) == now
    if now != recorded:
        start = to_offset(recorded).rollforward(pd.Timestamp("2015-04-15"))
        assert pd.date_range(start, periods=9, freq=recorded).equals(pd.date_range(start, periods=9, freq=now))
