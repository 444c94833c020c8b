"""droppedtail: rows fill 'drop' removed at a series' end, and whether a forecast would be dated inside the data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, droppedtail
from rnncast.timecalendar import Calendar

DAYS = Calendar(kind="datetime", freq=pd.offsets.Day())
BDAYS = Calendar(kind="datetime", freq=pd.offsets.BDay())


def test_the_next_step_after_the_rows_dropped_is_no_forecast_inside_the_data():
    fri, sat, sun = (pd.Timestamp(d) for d in ("2024-03-01", "2024-03-02", "2024-03-03"))
    assert droppedtail.beyond(BDAYS, fri, sun)  # business days: Monday comes after the blank weekend
    assert not droppedtail.beyond(DAYS, fri, sun)  # every day: Saturday is inside the data
    assert not droppedtail.beyond(Calendar(), fri, sun) and not droppedtail.beyond(BDAYS, None, sun)  # unknown: not shown
    tail = {0: (2, "2024-03-03", ("the last 2 rows", "", "", ""), sun, fri), 1: (1, "3", ("the last row", "", "s", ""))}
    assert list(droppedtail.inside(tail, lambda s: BDAYS)) == [1]  # a tail without its times stays refused
    assert list(droppedtail.inside(tail, lambda s: DAYS)) == [0, 1]


def test_settled_warns_only_of_the_rows_after_which_the_forecast_is_inside_the_data(caplog):
    fri, sun = pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-03")
    tail = {0: (2, "2024-03-03", ("the last 2 rows", "2024-03-02 to 2024-03-03", "", ""), sun, fri)}
    with caplog.at_level("WARNING", logger="rnncast"):
        assert droppedtail.settled(tail, lambda s: BDAYS, True) == {}
        assert not caplog.records
        assert droppedtail.settled(tail, lambda s: DAYS, True) == tail
    assert "a forecast from this data would be dated inside the data" in caplog.records[0].getMessage()


def closed_hours(end: str) -> pd.DataFrame:
    """Hourly values written round the clock, blank outside Mon-Fri 09:00-16:00."""
    t = pd.date_range("2024-01-01", end, freq="h")
    y = (10 + np.sin(np.arange(len(t)) / 4) + np.random.default_rng(0).normal(0, 0.1, len(t))).round(3)
    return pd.DataFrame({"date": t, "y": np.where((t.day_of_week < 5) & (t.hour >= 9) & (t.hour <= 16), y, np.nan)})


def test_closed_hours_written_blank_and_dropped_forecast_from_the_next_open_bar(caplog):
    """decision 1915: the file ends on Saturday night, blank; the forecast starts Monday 09:00, after the data."""
    frame = closed_hours("2024-03-02 23:00")
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 8, "horizon": 3}, fill="drop").fit(frame, target="y")
    assert not [r for r in caplog.records if "dated inside the data" in r.getMessage()]
    assert model.calendar_.freq_text == "h 09:00-16:00"
    assert model.predict(frame).index[0] == pd.Timestamp("2024-03-04 09:00")
    late = frame.copy()
    late.loc[late.date == "2024-03-01 16:00", "y"] = np.nan  # an open bar blank at the end: its forecast is inside
    with pytest.raises(RnncastError, match="forecast would be dated inside the data"):
        model.predict(late)
