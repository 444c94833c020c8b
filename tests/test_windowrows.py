"""windowrows: the rows of windows' targets, and their values as a view where the windows are one run (decision 1561)."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast.windowrows import Run, taken, target_rows


def test_one_run_of_windows_reads_its_values_as_a_view_with_the_values_of_the_rows():
    values = np.arange(40, dtype=np.float64).reshape(20, 2)  # [N, C]
    first = np.arange(3, 9)  # six windows' first targets, consecutive
    rows = target_rows(first, 4, np.full(6, 19))
    assert rows == Run(3, 6, 4)
    view = taken(values, rows, 1)
    copied = values[first[:, None] + np.arange(4), :1]  # what the [W, H] rows read
    assert view.shape == (6, 4, 1) and np.array_equal(view, copied)
    assert np.shares_memory(view[0], view[1]) and not np.shares_memory(view, values)  # a view of the 9 rows it covers
    with pytest.raises(ValueError):  # read-only: no score can write into the data through it
        view[0, 0, 0] = 1.0
    assert np.array_equal(taken(values, rows, 2), values[first[:, None] + np.arange(4)])


def test_windows_that_are_no_run_or_pass_their_series_end_get_their_rows():
    values = np.arange(20, dtype=np.float64).reshape(20, 1)
    apart = target_rows(np.array([2, 3, 10, 11]), 3, np.array([9, 9, 19, 19]))  # two series' runs
    assert isinstance(apart, np.ndarray) and apart.tolist() == [[2, 3, 4], [3, 4, 5], [10, 11, 12], [11, 12, 13]]
    past = target_rows(np.array([7, 8]), 3, np.array([9, 9]))  # a step past the series' last row reads that row
    assert past.tolist() == [[7, 8, 9], [8, 9, 9]]
    assert not np.shares_memory(taken(values, past, 1), values)
    assert taken(values, past, 1)[:, :, 0].tolist() == [[7.0, 8.0, 9.0], [8.0, 9.0, 9.0]]
    assert isinstance(target_rows(np.zeros(0, np.int64), 3, np.zeros(0, np.int64)), np.ndarray)  # no windows
