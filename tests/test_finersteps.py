"""A series that switches to a finer logging step part way (``finersteps.py``): the change found and named with both
steps and its row; the times a rounding then repeats told as that finer step with the rows keep= would drop."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import finersteps


def _probe(seed: int = 0, jitter_s: int = 180) -> pd.DatetimeIndex:
    """t36t8's P3: 250 readings 3 h apart, then 720 an hour apart, each up to ``jitter_s`` seconds off."""
    rng = np.random.default_rng(seed)
    grid = pd.date_range("2026-03-01", periods=250, freq="3h")
    grid = grid.append(pd.date_range(grid[-1] + pd.Timedelta("3h"), periods=720, freq="h"))
    return grid + pd.to_timedelta(rng.integers(-jitter_s, jitter_s + 1, len(grid)), unit="s")


def test_a_change_from_3_hour_to_1_hour_steps_is_found_at_its_row():
    time = _probe()
    k, before, after = finersteps.change(time)
    assert k == 250 and abs(before - pd.Timedelta("3h")) < pd.Timedelta("1min")
    assert abs(after - pd.Timedelta("1h")) < pd.Timedelta("1min")
    assert finersteps.said(time, lambda i: f"line {i + 2}") == (
        f"the step changes from 3 h to 1 h at {time[250]} (line 252): one calendar keeps one step, so resample it to "
        "the coarser (the mean of each step's rows), or fit its rows of one step apart")


def test_one_step_jitter_or_one_gap_is_no_change():
    rng = np.random.default_rng(1)
    even = pd.date_range("2026-03-01", periods=400, freq="3h")
    assert finersteps.change(even + pd.to_timedelta(rng.integers(-180, 181, 400), unit="s")) is None
    assert finersteps.change(even.delete(slice(100, 132))) is None  # a 4-day outage: one long step
    assert finersteps.said(even, str) == ""


def test_times_a_rounding_repeats_are_a_finer_step_with_the_rows_keep_would_drop():
    rounded = pd.Series(_probe().round("3h"))
    said = finersteps.repeats(rounded, "P3", ["probe", "timestamp"])
    dropped = int(rounded.duplicated(keep="last").sum())
    assert said == (f"; each time of series 'P3' from 2026-04-01 06:00:00 on is written 3 times (a finer logging step "
                    f"rounded onto this one?), and keeping one row of each time would drop {dropped} of its 970 rows: "
                    "average each time's rows instead, e.g. with pandas: df.groupby(['probe', 'timestamp'], "
                    "as_index=False).mean(numeric_only=True)")
    assert finersteps.repeats(pd.Series(pd.date_range("2026-03-01", periods=100, freq="3h").repeat(
        [2] * 5 + [1] * 95)), None, ["timestamp"]) == ""  # 5 revised rows of 105: keep= is the advice still


def test_rows_missing_only_on_the_coarser_side_of_a_step_change_are_that_step():
    """Decision 1990: the rows a finer calendar misses are a series' coarser step where they all lie on the coarser
    side of its change, before it (hourly, then 30 min) or from it on (30 min, then hourly); a row missing on the
    finer side is a row lost, and then the change is not said to explain every row."""
    hours = pd.date_range("2024-01-01", periods=40, freq="h")
    time = hours.append(pd.date_range(hours[-1] + pd.Timedelta("1h"), periods=60, freq="30min"))
    after = np.r_[np.ones(39, np.int64), np.zeros(61, np.int64)]  # one half hour after each hourly row
    offsets = np.array([0, len(time)])
    said, alone = finersteps.coarser_part(time, offsets, after, lambda i: f"row {i}")
    assert alone and said.startswith(f"the step changes from 1 h to 30 min at {time[40]} (row 40), and each row "
                                     "missing from the calendar lies before it")
    lost = after.copy()
    lost[70] = 1  # a half hour lost after the change
    assert finersteps.coarser_part(time, offsets, lost, str) == ("", False)
    halves = pd.date_range("2024-01-01", periods=61, freq="30min")  # 30 min, then hourly
    later = halves.append(pd.date_range(halves[-1] + pd.Timedelta("1h"), periods=39, freq="h"))
    said, alone = finersteps.coarser_part(later, offsets, np.r_[np.zeros(60, np.int64), np.ones(39, np.int64), 0],
                                          lambda i: f"row {i}", name=lambda s: "P")
    assert alone and said.startswith(f"the step changes from 30 min to 1 h at {later[60]} (series 'P' at row 60), and "
                                     "each row missing from the calendar in that series lies from it on")
    assert finersteps.coarser_part(pd.Index(np.arange(100)), offsets, after, str) == ("", False)
