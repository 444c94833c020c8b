"""A future covariate written as 0 where it is not known yet (``unknownfuture.py``): one warning at predict."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd

from rnncast.unknownfuture import longest_zero_run, zero_tails


def _panel(otb, event):
    """Two series of 6 rows: columns y, otb, event."""
    values = np.column_stack([np.ones(12), otb, event]).astype(float)
    return SimpleNamespace(columns=["y", "otb", "event"], values=values, offsets=np.array([0, 6, 12]))


def test_zeros_ending_every_series_future_longer_than_the_data_hold_are_said(caplog):
    """A tester's finding: on-the-books rooms 30 days out, their 60 unknown days of a 90-day horizon filled with 0,
    were read as known zeros and the forecasts of those days dropped 25-30 % without a word (decision 2260)."""
    panel = _panel([5, 6, 7, 8, 9, 4, 3, 3, 2, 5, 6, 7], [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    future = np.zeros((2, 4, 2))
    future[:, :1, 0] = [[7], [8]]  # otb known 1 step ahead, then 0; event 0 throughout the last 3 steps too
    future[0, 0, 1] = 1
    when = [pd.date_range("2025-07-01", periods=4, freq="D")] * 2
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        said = zero_tails(future, ["otb", "event"], panel, when)
    assert said == ["the future values of 'otb' are 0 from step 2 of 4 (2025-07-02) on in every one of the 2 series, "
                    "where the data's rows of it never hold a run of 0s that long (the longest: 0): a value not known "
                    "yet written as 0? The model reads them as known values, and its forecasts of those steps move "
                    "with them; a future covariate must be known over the whole horizon: give one known that far "
                    "ahead (on-the-books 90 days out for a 90-day horizon), or fit without it"]
    assert caplog.text.count("future values of") == 1  # the event column, often 0 for longer in the data: not said


def test_nothing_said_where_one_series_is_known_to_the_end_or_the_data_hold_such_runs():
    panel = _panel([5, 6, 7, 8, 9, 4, 3, 3, 2, 5, 6, 7], [0] * 12)
    future = np.zeros((2, 4, 1))
    future[:, :1, 0] = 7
    future[1, 3, 0] = 2  # the second series known to the end
    assert zero_tails(future, ["otb"], panel, None) == []
    closed = _panel([5, 0, 0, 0, 9, 4, 3, 3, 2, 5, 6, 7], [0] * 12)  # a closure: 3 zeros in the data
    future[1, 3, 0] = 0
    assert zero_tails(future, ["otb"], closed, None) == []
    assert zero_tails(np.zeros((2, 4, 1)), ["otb"], panel, None) == []  # 0 from the first step: a value, not a tail


def test_the_longest_run_of_zeros_stays_inside_each_series():
    assert longest_zero_run(np.array([1, 0, 0, 0, 0, 2, 0, np.nan]), np.array([0, 3, 8])) == 2
    assert longest_zero_run(np.array([1.0, 2.0]), np.array([0, 2])) == 0
