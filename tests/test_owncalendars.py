"""The calendar a series keeps on its own, and the one rule fit and a model's readers apply to a calendar read on it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import calendars, calendarwalks
from rnncast.owncalendars import alone, common_step, others, skipping


def sparse_days(missing: float, n_days: int = 400, seed: int = 1) -> pd.DatetimeIndex:
    """Daily dates with a share ``missing`` of the days left out at random (the tester's file at 62 %)."""
    rng = np.random.default_rng(seed)
    kept = np.sort(rng.choice(np.arange(n_days), int(round(n_days * (1 - missing))), replace=False))
    return pd.DatetimeIndex(pd.Timestamp("2020-01-01") + pd.to_timedelta(kept, "D"))


def after_on(time: pd.DatetimeIndex, freq: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """codes, the steps missing after each row on calendar ``freq``, and the offsets of one series."""
    offsets = np.array([0, len(time)])
    ruler = calendarwalks.walk(time, offsets, calendars.Calendar("datetime", pd.tseries.frequencies.to_offset(freq)))
    return np.zeros(len(time), dtype=np.int64), calendars.missing_rows(ruler.steps, offsets), offsets


def test_a_daily_series_with_most_days_missing_keeps_the_daily_calendar_so_none_is_refused():
    """Fit infers 'D' for it; the rule a model's readers apply must then accept it on 'D' (it refused at 55 %)."""
    for share in (0.45, 0.55, 0.625, 0.8):
        time = sparse_days(share)
        codes, after, offsets = after_on(time, "D")
        assert alone(time)[0] == pd.offsets.Day()
        assert others(time, codes, after, offsets) == {}, share
    assert skipping(*after_on(sparse_days(0.625), "D")).all()  # most steps do skip a day: the old rule refused here


def test_a_weekly_file_on_a_daily_calendar_keeps_its_own_and_one_without_a_calendar_keeps_none():
    weekly = pd.date_range("2020-01-05", periods=30, freq="W-SUN")
    found = others(weekly, *after_on(weekly, "D"))
    assert list(found) == [0] and found[0][0] == pd.offsets.Week(weekday=6) and found[0][1].missing == 0
    moved = weekly.delete(15).insert(15, weekly[15] + pd.Timedelta(days=1))  # one row a day late: no calendar
    assert others(moved, *after_on(moved, "D")) == {0: None}


def test_the_common_step_is_the_most_common_one_counted_among_all_steps():
    """The refusal said '3 days apart (90 of its 149 steps)': 90 were the steps that were not 1 day, 23 were 3 days."""
    time = sparse_days(0.625)  # the tester's dates: 150 of 400 days
    assert (time.to_series().diff().dt.days.value_counts()[[1, 3]] == [59, 23]).all()
    assert common_step(time, None) == "1 day apart (59 of its 149 steps)"
    assert common_step(pd.date_range("2020-01-01", periods=4, freq="6h"), None) == "6h apart (3 of its 3 steps)"
    assert common_step(pd.Index([0, 3, 6, 7]), np.array([3, 3, 1])) == "3 steps of it apart (2 of its 3 steps)"


def test_a_coarser_freq_than_the_data_keeps_is_told_the_resample_line_that_makes_it(tmp_path):
    """t31t1: --freq 1min on 10-second data was told only to give freq=10s; a sensor user wanting per-minute forecasts
    learned nothing of aggregating. A calendar of whole steps of the data's (or of weeks, months ...) adds the pandas
    line that resamples one series to it; run as printed on the file read, the rows load on that calendar (decision
    1501). A freq that is no multiple (7 s) gets no such line."""
    import pytest

    from rnncast import RnncastError
    from rnncast.loading import load_panel
    from rnncast.owncalendars import coarser

    time = pd.date_range("2024-03-01 12:00", periods=600, freq="10s")
    pd.DataFrame({"timestamp": time, "temp": np.sin(np.arange(600) / 30)}).to_csv(tmp_path / "s.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "s.csv", target="temp", freq="1min")
    message = str(err.value)
    line = message[message.index("df = "):message.index(" (.sum()")]
    assert line == ("df = df.set_index(pd.to_datetime(df['timestamp'])).resample('min').mean(numeric_only=True)"
                    ".reset_index()"), message
    scope = {"df": pd.read_csv(tmp_path / "s.csv"), "pd": pd}
    exec(line, scope)
    panel = load_panel(scope["df"], target="temp", freq="1min")
    assert panel.calendar.shown == "'min'" and len(panel.values) == 100
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "s.csv", target="temp", freq="7s")
    assert "resample" not in str(err.value)
    assert coarser(pd.offsets.MonthBegin(), pd.offsets.Day()) and not coarser(pd.offsets.Day(), pd.offsets.Hour(5))


@pytest.mark.parametrize("layout", ["long", "wide", "key"])
def test_a_panel_is_told_one_resample_line_for_all_its_series(layout):
    """Decision 1527: the resample line was given for one series only; a panel's works for every series at once: a
    long table's grouped by its id column (or its key's columns), a wide table's on its one time column."""
    from rnncast import RnncastError
    from rnncast.loading import load_panel

    time = pd.date_range("2024-03-01 12:00", periods=600, freq="10s")
    frame, roles = {
        "long": (pd.DataFrame({"timestamp": np.r_[time, time].astype(str), "unique_id": np.repeat([1, 2], 600),
                               "temp": np.arange(1200.0)}), {"target": "temp"}),
        "wide": (pd.DataFrame({"timestamp": time, "a": np.arange(600.0), "b": np.arange(600.0)}), {"series": ["a", "b"]}),
        "key": (pd.DataFrame({"time stamp": np.r_[time, time], "item": np.repeat(["x", "y"], 600), "store": 1,
                              "temp": np.arange(1200.0)}), {"target": "temp", "id_col": ["item", "store"],
                                                           "time_col": "time stamp"})}[layout]
    with pytest.raises(RnncastError) as err:
        load_panel(frame, freq="1min", **roles)
    message = str(err.value)
    line = message[message.index("df = "):message.index(" (.sum()")]
    assert ("groupby" in line) == (layout != "wide"), line
    scope = {"df": frame.copy(), "pd": pd}
    exec(line, scope)
    panel = load_panel(scope["df"], freq="1min", **roles)
    assert panel.n_series == 2 and len(panel.values) == 200 and panel.calendar.shown == "'min'"
