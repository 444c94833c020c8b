"""The longest run of missing values a fill makes up (``fillruns.py``, decision 1812): found within one series and
column, never across two series, and named with its times (or rows) and what the fill writes across it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import fillruns

NAN = np.nan


def test_the_longest_run_is_found_per_series_and_column_never_across_two_series():
    missing = np.zeros((10, 2), dtype=bool)
    missing[3:5, 0] = True  # series 0 ends on two blanks ...
    missing[5:7, 0] = True  # ... series 1 starts on two: not one run of 4
    missing[6:9, 1] = True  # series 1, column 1: 3 in a row
    assert fillruns.longest(missing, np.array([0, 5, 10])) == (1, 1, 6, 3)
    assert fillruns.longest(np.zeros((4, 1), dtype=bool), np.array([0, 4])) is None
    missing = np.zeros((6, 1), dtype=bool)
    missing[[1, 2, 4, 5]] = True
    assert fillruns.longest(missing, np.array([0, 6])) == (0, 0, 1, 2)  # the first of two as long


def _said(values, fill, time=None):
    values = np.array(values, dtype=float)[:, None]
    return fillruns.said(values, np.isnan(values), np.array([0, len(values)]), fill, lambda s, j: "'y'", time,
                         np.arange(len(values)), {})


def test_the_run_says_what_each_fill_writes_across_it_inside_and_at_either_end():
    days = pd.date_range("2024-01-01", periods=6, freq="D")
    assert _said([1.0, NAN, NAN, NAN, 4.0, 5.0], "interpolate", days) == (
        "the longest run: 3 steps of column 'y', 2024-01-02 to 2024-01-04, across which interpolate draws a straight "
        "line from 1 to 4 (the values on either side)")
    assert _said([1.5, NAN, NAN, NAN, 4.0, 5.0], "ffill", days).endswith("across which ffill repeats 1.5, the value before it")
    assert _said([NAN, NAN, 3.0, 4.0, 5.0], "ffill").endswith("across which ffill repeats 3, the value after it "
                                                              "(none lies before it)")
    assert _said([1.0, 2.0, NAN, NAN], "interpolate") == (
        "the longest run: 2 rows of column 'y', from row 2, across which interpolate repeats 2, the value before it "
        "(none lies after it)")
    assert _said([1.0, NAN, NAN, 2.0], "zero").endswith("across which zero writes 0")


def test_a_run_of_one_value_is_not_named():
    assert _said([1.0, NAN, 2.0, NAN, 3.0], "interpolate") == ""
    assert _said([1.0, 2.0], "interpolate") == ""
