"""Columns of numbers that write times beside the time column (``timelike.py``) are not offered as the target."""

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.timelike import among, kind

DAYS = pd.date_range("2019-06-03", periods=60, freq="W-MON")
WEEKS = [int(f"{d.isocalendar()[0]}{d.isocalendar()[1]:02d}") for d in DAYS]


@pytest.mark.parametrize("name, values, said", [("week", WEEKS, "ISO weeks written YYYYWW"),
                                                ("kw", WEEKS, "ISO weeks written YYYYWW"),
                                                ("month", [int(d.strftime("%Y%m")) for d in DAYS], "months written YYYYMM"),
                                                ("day_code", [int(d.strftime("%Y%m%d")) for d in DAYS], "dates written YYYYMMDD")])
def test_a_column_writing_times_beside_the_date_is_not_offered_as_the_target(name, values, said):
    frame = pd.DataFrame({"date": DAYS.strftime("%Y-%m-%d"), name: values, "sales": np.arange(60) * 1.5 % 7})
    assert kind(frame[name], name) == said and among(frame, [name, "sales"]) == [name]
    with pytest.raises(RnncastError, match=rf"target='sales'; '{name}' holds {said}: times beside the time column, so not "
                                           "offered as the target"):
        load_panel(frame)
    assert load_panel(frame, target="sales", announce=False).unused == [name]  # named: used as said, not used


def test_values_that_write_no_times_are_offered_as_before():
    frame = pd.DataFrame({"date": DAYS.strftime("%Y-%m-%d"), "week": np.arange(60) * 2.5, "sales": np.arange(60) * 1.5 % 7})
    assert among(frame, ["week", "sales"]) == []
    with pytest.raises(RnncastError, match="target='week' the first"):
        load_panel(frame)
    rng = np.random.default_rng(1)  # kw of 202301 .. out of order: kilowatts, offered as a value
    frame["kw"] = rng.choice(np.arange(202301, 202341), 60)
    assert among(frame, ["kw", "sales"]) == []
