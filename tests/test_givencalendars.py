"""What a calendar given with freq= is, said against the one the rows follow (decision 1594)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import RnncastError
from rnncast.givencalendars import against, every
from rnncast.loading import load_panel

B = to_offset("B")


@pytest.mark.parametrize(("given", "said"), [
    ("7D", "'7D' counts weekend days (7 calendar days a step)"),
    ("2B", "'2B' is every other business day"),
    ("3B", "'3B' is every 3rd business day"),
    ("BME", "'BME' is month ends, one row a month"),
    ("W-FRI", "'W-FRI' is week ends, one row a week"),
])
def test_a_given_calendar_is_said_against_business_days(given, said):
    assert against(to_offset(given), B, "B") == f"{said}, but the timestamps follow the calendar 'B', every business day"


def test_calendars_it_cannot_name_are_left_to_the_plain_advice():
    assert against(to_offset("h"), to_offset("15min"), "15min") is None  # hours of quarter-hours: the resample line
    assert against(None, B, "B") is None
    assert every(to_offset("SME")) is None and every(to_offset("12MS")) == "every 12th month start"


@pytest.mark.parametrize(("freq", "said"), [
    ("7D", "'7D' counts weekend days (7 calendar days a step)"),
    ("2B", "'2B' is every other business day"),
    ("BME", "'BME' is month ends, one row a month"),
])
def test_fit_on_business_days_given_another_calendar_says_what_was_wrong_with_it(freq, said):
    """On business-day rows, freq='7D', '2B' and 'BME' were refused with only "the timestamps follow the calendar
    'B': give freq=B", not why the given one was wrong. 'BME' is coarser than business days: its resample line
    follows (decision 1641)."""
    days = pd.bdate_range("2022-01-03", periods=120)
    frame = pd.DataFrame({"date": days, "y": np.sin(np.arange(120.0) / 5)})
    with pytest.raises(RnncastError) as refused:
        load_panel(frame, target="y", freq=freq)
    message = str(refused.value)
    assert "\n" not in message
    lead = (f"is not on the calendar freq='{freq}'; {said}, but the timestamps follow the calendar 'B', every "
            "business day: give freq='B', --freq B, or leave freq unset to infer it")
    assert message.endswith(lead) if freq != "BME" else f"{lead}; rnncast does not aggregate rows" in message, message


@pytest.mark.parametrize(("freq", "said"), [("2W-MON", "every other week, on Mondays"), ("W-FRI", "every week, on Fridays"),
                                            ("3W-SUN", "every 3rd week, on Sundays")])
def test_a_calendar_of_weeks_is_said_on_its_weekday(freq, said):
    """'2W-MON' was 'every other week end' (decision 2151): a row every two weeks, on Mondays."""
    assert every(to_offset(freq)) == said
