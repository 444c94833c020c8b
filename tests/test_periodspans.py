"""The period a time written as text names (``periodspans.py``, moved from cutoffs.py): its first and last instant
and its start; how a cutoff given so cuts is tested in test_cutoffs.py."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast.periodspans import period_start, span


@pytest.mark.parametrize("text, first, after", [
    ("2015", "2015-01-01", "2016-01-01"),
    ("2017Q3", "2017-07-01", "2017-10-01"),
    ("2021-07", "2021-07-01", "2021-08-01"),
    ("2022-W20", "2022-05-16", "2022-05-23"),  # an ISO week: Monday to Sunday
    ("2022-W20-3", "2022-05-18", "2022-05-19"),  # one day of it
    ("2021-05-17/2021-05-23", "2021-05-17", "2021-05-24"),  # a pd.Period of weeks as str() writes it
])
def test_a_period_written_as_text_spans_from_its_first_to_its_last_instant(text, first, after):
    start, last = span(text)
    assert start == pd.Timestamp(first) and period_start(text) == start
    assert pd.Timestamp(after) - pd.Timedelta(1, "us") <= last < pd.Timestamp(after)  # its last instant, to pandas' unit


def test_an_instant_with_its_offset_is_no_period_and_text_of_no_time_is_refused():
    assert span("2024-10-25T10:00:00+00:00") is None
    assert period_start("2024-10-25T10:00:00+00:00") == pd.Timestamp("2024-10-25 10:00", tz="UTC")
    assert span("soon") is None
    with pytest.raises(ValueError):
        period_start("soon")
