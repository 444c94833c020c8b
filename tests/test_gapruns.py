"""``gapruns``: a panel's missing rows said by series, the most missing first, each with its longest run (decision
1893)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.gapruns import SHOWN, by_series

START = pd.Timestamp("2026-01-01")


def _stamps(codes, steps):
    return pd.DatetimeIndex(START + pd.to_timedelta(np.asarray(steps), unit="D"))


def _said(codes, after, steps=None):
    codes, after = np.asarray(codes), np.asarray(after)
    steps = np.arange(len(codes)) * 10 if steps is None else np.asarray(steps)
    return by_series(lambda code: f"w{code}", codes, after, _stamps, steps, True)


def test_each_series_count_and_longest_run_the_most_missing_first():
    said = _said([0, 0, 0, 1, 1], [1, 0, 1, 0, 5])
    assert said == ("series 'w1': 5 rows, one run, 2026-02-11 to 2026-02-15; series 'w0': 2 rows in 2 runs of 1 row, "
                    "the first at 2026-01-02")  # r36r4: "the longest 1 row" named one of equals (decision 1947)
    assert _said([0, 0, 0], [1, 2, 1]).endswith("4 rows in 3 runs, the longest 2 rows, 2026-01-12 to 2026-01-13")


def test_a_single_row_and_ties_name_the_first_in_the_data():
    assert _said([0, 1], [1, 1]) == "series 'w0': 1 row at 2026-01-02; series 'w1': 1 row at 2026-01-12"
    assert _said([0, 0], [2, 2]) == "series 'w0': 4 rows in 2 runs, the longest 2 rows, 2026-01-02 to 2026-01-03"


def test_series_past_the_shown_are_counted():
    codes = np.arange(SHOWN + 2)
    said = _said(codes, codes + 1)
    assert said.startswith(f"series 'w{SHOWN + 1}': {SHOWN + 2} rows, one run, ")
    assert said.endswith("; and 2 more series (3 rows)")


def test_one_series_missing_one_run_is_said_as_the_run():
    """t41c L1: one series' 3-hour outage was "first: 04:00, 05:00, 06:00", a panel's "one run, A to B" (decision 2245)."""
    said = by_series(lambda code: "w0", np.array([0, 0]), np.array([0, 3]), _stamps, np.array([0, 1]), True, alone=True)
    assert said == "one run, 2026-01-03 to 2026-01-05"
