"""A 2-D array of sliding windows already made (``madewindows.py``): the tutorials' X, read as a table of k
columns, trained on meaningless data; it is refused with the series to give instead. Ordinary tables are not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.data import as_frame
from rnncast.madewindows import sliding


def windows(series: np.ndarray, k: int) -> np.ndarray:
    return np.stack([series[i : i + k] for i in range(len(series) - k + 1)])


def test_the_tutorials_windows_are_refused_with_the_series_to_give_instead():
    series = np.sin(0.1 * np.arange(1049)) + np.random.default_rng(0).normal(0, 0.05, 1049)
    X = windows(series, 50)  # 1000 x 50
    with pytest.raises(RnncastError, match=r"^the array of shape \(1000, 50\) looks like sliding windows already made: "
                                           r"each row is the row before shifted by one step; rnncast builds the windows "
                                           r"itself from the raw series: give the series itself, one value per row \(1049 "
                                           r"values here: .*np\.r_\[X\[0\], X\[1:, -1\]\]\), with lookback=50, not "
                                           r"pre-made windows$"):
        Forecaster(epochs=1, threads=1).fit(X, target="0")  # refused before any training
    assert np.array_equal(np.r_[X[0], X[1:, -1]], series)  # the rebuild the message gives is the series
    with pytest.raises(RnncastError, match="sliding windows already made"):
        as_frame(windows(np.arange(10), 3).tolist())  # a list of lists, integers: the same
    assert sliding(windows(np.arange(5.0) ** 2, 3))  # the smallest checked: 3 rows, 3 columns


@pytest.mark.parametrize("table", [
    np.random.default_rng(1).normal(size=(200, 5)),  # random data
    np.tile([1.0, 2.0, 3.0, 4.0], (50, 1)),  # constant columns
    np.full((50, 4), 7.0),  # every value the same: no sign of windows
    windows(np.sin(np.arange(40.0)), 2),  # two columns: a value and the next match by chance too easily
    np.column_stack([np.arange(100), np.random.default_rng(2).integers(0, 9, (100, 3))]),  # a running index and integers
    windows(np.arange(10.0), 3)[:2],  # two rows
    np.where(np.eye(5, dtype=bool), np.nan, windows(np.arange(9.0), 5)),  # a NaN equals nothing: not exactly shifted
    np.r_[np.zeros((39, 3)), [[0.0, 0.0, 5.0]]],  # zeros and a last sale: shifted by its repeats, not as windows
    np.r_[[[5.0, 0.0, 0.0]], np.zeros((20, 3))],  # the same at the first corner
])
def test_an_ordinary_table_is_never_refused(table):
    assert not sliding(np.asarray(table)) and len(as_frame(table)) == len(table)


def test_a_dataframe_or_a_3d_array_is_not_asked():
    frame = pd.DataFrame(windows(np.arange(20.0), 4))  # a DataFrame is a table the caller named as one
    assert len(as_frame(frame)) == 17
    assert not sliding(np.zeros((4, 4, 4)))  # a 3-D array is refused by its shape in as_frame
