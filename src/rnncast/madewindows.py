"""Windows already made, handed over as the data. The tutorials build ``X`` of sliding windows themselves
(``X[i] = series[i : i + k]``); given to rnncast as a 2-D array it reads as a table of ``k`` columns and
trains without complaint on meaningless data (a target that is one step of a window). Such an array is told
by what it is: every row is the row before shifted by one step, exactly, over at least ``MIN_ROWS`` rows
and ``MIN_COLUMNS`` columns of numbers that are not all one value; it is refused with how rnncast takes a
series. A 3-D array of windows ([samples, timesteps, features]) is refused by its shape (``data.as_frame``).
"""

from __future__ import annotations

import numpy as np

from rnncast.errors import RnncastError

# The answer to the tutorials' windows (X of [samples, timesteps, features], y beside it), given where a series is taken
RAW_SERIES = ("rnncast builds the windows itself from the raw series: give the series as [time] or [time, columns] (or a "
              "DataFrame) with lookback= the window length, not pre-made windows")
MIN_ROWS = 3  # fewer rows, or fewer columns, match by chance too easily (a 2-column table of a counter and its next)
MIN_COLUMNS = 3


def sliding(array: np.ndarray) -> bool:
    """Whether ``array`` (2-D) holds sliding windows one step apart: numbers, ``MIN_ROWS`` rows and ``MIN_COLUMNS``
    columns at least, every row's first k - 1 values equal to the row before's last k - 1 (exactly; a NaN equals
    nothing), and the series they would be (``np.r_[X[0], X[1:, -1]]``) holding more distinct values than a window
    has columns: a constant table, or zeros with one value at a corner (a product that sold on the last day only),
    fit the shift by their repeats, not as windows."""
    if array.ndim != 2 or array.shape[0] < MIN_ROWS or array.shape[1] < MIN_COLUMNS:
        return False
    if not (np.issubdtype(array.dtype, np.number) and not np.issubdtype(array.dtype, np.bool_)):
        return False
    if not np.array_equal(array[1:, :-1], array[:-1, 1:]):
        return False
    series = np.r_[array[0], array[1:, -1]]
    return len(np.unique(series)) > array.shape[1]


def refuse_windows(array: np.ndarray) -> None:
    """Raise ``RnncastError`` where ``array`` holds sliding windows already made (``sliding``): what it looks
    like, and the series to give instead, with its length and lookback= the window's."""
    if sliding(array):
        rows, k = array.shape
        raise RnncastError(
            f"the array of shape {array.shape} looks like sliding windows already made: each row is the row before "
            f"shifted by one step; {RAW_SERIES.split(': ')[0]}: give the series itself, one value per row "
            f"({rows + k - 1} values here: the first row, then each later row's last value, np.r_[X[0], X[1:, -1]]), "
            f"with lookback={k}, not pre-made windows")
