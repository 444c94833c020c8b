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
