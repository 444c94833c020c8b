"""China's official working days (``makeupdays.py``): a series keeping the weekend make-up workdays (调休) is named so,
with what can be given instead; no other series is."""

from __future__ import annotations

import holidays
import pandas as pd

from rnncast import makeupdays


def _working_days(start="2023-01-03", end="2024-06-28") -> pd.DatetimeIndex:
    china = holidays.CN(years=[2023, 2024])
    days = pd.bdate_range(start, end)
    days = days[~days.isin(pd.to_datetime(sorted(china)))]
    made = pd.to_datetime([d for d in china.weekend_workdays if pd.Timestamp(start) <= pd.Timestamp(d) <= pd.Timestamp(end)])
    return days.union(made)


def test_china_s_working_days_with_their_make_up_weekends_are_named():
    said = makeupdays.said(_working_days())
    assert said.startswith("the data keeps China's official working days: Monday to Friday without CN holidays, and "
                           "the 12 weekend make-up workdays (调休: 2023-01-28, 2023-01-29, 2023-04-23 ...), which no "
                           "calendar here has; to forecast on working days, drop those weekend rows and give freq='B' "
                           "with holidays='CN'")


def test_other_series_are_not_named():
    assert makeupdays.said(pd.date_range("2023-01-01", periods=400, freq="D")) is None  # every weekend day
    assert makeupdays.said(pd.bdate_range("2023-01-02", periods=300)) is None  # no weekend row
    odd = _working_days().union(pd.DatetimeIndex(["2023-03-04"]))  # a Saturday China did not work
    assert makeupdays.said(odd) is None
    assert makeupdays.said(pd.Index([1, 2, 3])) is None
