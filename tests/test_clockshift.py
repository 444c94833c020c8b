"""A run of rows whose clock was set off for a while (``clockshift.py``): named as one run with its rows, the shift and
the line that shifts them back, with a freq given and without; one row, a run at a series' end, or uneven shifts not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from rnncast import RnncastError, clockshift
from rnncast.loading import load_panel


def _probe(seed: int = 0) -> pd.DatetimeIndex:
    """t36t8's P6: 3-hourly within 3 min, an hour late from row 70 to row 317 (248 rows)."""
    rng = np.random.default_rng(seed)
    grid = pd.date_range("2026-03-01", periods=480, freq="3h")
    late = np.where((np.arange(480) >= 70) & (np.arange(480) < 318), 3600, 0)
    return pd.DatetimeIndex(grid + pd.to_timedelta(late + rng.integers(-180, 181, 480), unit="s"), name="timestamp")


def test_a_clock_an_hour_late_for_a_month_is_one_run_named_with_its_rows():
    time = _probe()
    said = clockshift.said(time, np.array([0, 480]), to_offset("3h"), lambda i: f"line {i + 2}")
    assert said == (f"248 rows in a run, {time[70]} (line 72) to {time[317]} (line 319), lie 1 h after the 3-hour grid "
                    "the other rows keep: a clock set off for that while? shift them back, e.g. with pandas: "
                    "df.loc[mask, 'timestamp'] -= pd.Timedelta('1h'), mask selecting those rows")
    assert clockshift.said(time, np.array([0, 480]), None, lambda i: f"line {i + 2}") == said  # the median step


def test_a_few_rows_a_run_at_the_end_or_uneven_shifts_are_not_a_clock_set_off():
    time, whole = _probe(), np.array([0, 480])
    assert clockshift.said(time[:75].append(time[318:]), np.array([0, 237]), None, str) is None  # 5 rows: as before
    assert clockshift.said(time[:200], np.array([0, 200]), None, str) is None  # never set back: which clock is right?
    uneven = time + pd.to_timedelta(np.where(np.arange(480) % 2, 0, 1500) * (np.arange(480) >= 70), unit="s")
    assert clockshift.said(uneven, whole, to_offset("3h"), str) is None


def test_fit_refuses_a_freq_naming_the_run_and_warns_without_one(tmp_path, caplog):
    """t36t8 F3 (decision 1941): `--freq 3h` named 1 of the 248 rows ("correct or remove that row"); without freq
    the warning advised a freq= that was then refused."""
    time = _probe()
    frame = pd.DataFrame({"timestamp": time, "y": np.sin(np.arange(480) / 5.0)})
    frame.to_csv(tmp_path / "p6.csv", index=False)
    with pytest.raises(RnncastError, match=rf"^248 rows in a run, {time[70]} \(line 72 of p6\.csv\) to {time[317]} "
                                           r"\(line 319 of p6\.csv\), lie 1 h after the 3-hour grid .*; or give the "
                                           r"freq its timestamps follow$"):
        load_panel(tmp_path / "p6.csv", "y", freq="3h")
    caplog.set_level("WARNING", logger="rnncast")
    load_panel(tmp_path / "p6.csv", "y")
    assert any("follow no regular calendar" in r.getMessage() and "248 rows in a run" in r.getMessage()
               for r in caplog.records)
