"""China's official working days (``makeupdays.py``): a series keeping the weekend make-up workdays (调休) is named so,
with what can be given instead; no other series is."""

from __future__ import annotations

import holidays
import numpy as np
import pandas as pd
import pytest

from rnncast import makeupdays
from rnncast.errors import RnncastError
from rnncast.loading import load_panel


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


@pytest.mark.parametrize("holidays", ["CN", None])
def test_business_days_given_to_a_file_with_make_up_weekends_name_them_not_the_daily_calendar(tmp_path, holidays):
    """--freq B --holidays CN on the working days with 2024-02-04 and 2024-02-18 (Sundays worked) said "the timestamps
    follow the calendar 'D': give freq=D", which holidays= then refuses (decision 1521)."""
    days = _working_days("2024-01-02", "2024-06-28")
    path = tmp_path / "cn.csv"
    pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "y": np.arange(len(days)) % 7.0}).to_csv(path, index=False)
    with pytest.raises(RnncastError) as refused:
        load_panel(path, target="y", freq="B", holidays=holidays)
    message = str(refused.value)
    assert message.startswith("timestamp 2024-02-04 (line ")
    assert "follow the calendar 'D'" not in message
    assert message.endswith("it is one of the 5 weekend make-up workdays the rows keep with Monday to Friday without CN "
                            "holidays (China's official working days; 调休: 2024-02-04, 2024-02-18, 2024-04-07 ...), "
                            "which no calendar here has: drop those weekend rows to forecast on working days with "
                            "freq='B' and holidays='CN' (--freq B --holidays CN; the make-up days are then not "
                            "forecast), or leave freq and holidays unset to read the rows on the daily calendar 'D', "
                            "the days they lack missing")
    kept = days[days.day_of_week < 5]  # what it says is accepted
    pd.DataFrame({"date": kept.strftime("%Y-%m-%d"), "y": np.arange(len(kept)) % 7.0}).to_csv(path, index=False)
    assert load_panel(path, target="y", freq="B", holidays="CN").calendar.holidays == "CN"
    assert makeupdays.refused(days, np.array([0, len(days)]), 0, pd.offsets.BusinessDay()) is None  # a weekday
