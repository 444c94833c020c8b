"""A NumPy array (or a list) handed over as a table: 1-D [time] or 2-D [time, columns], its columns named ``0``,
``1``, ... A masked array's masked entries are missing values (``np.asarray`` would hand on the values under the mask);
the tutorials' arrays of windows and a series written across one row are refused, saying how to give them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.madewindows import RAW_SERIES, refuse_windows


def as_table(data) -> pd.DataFrame:
    """``data`` (an array, a masked array, a list or tuple) as a DataFrame [time, columns] with text labels ``0``,
    ``1``, ... Raises ``RnncastError`` for more than 2 dimensions, for an array of under 16 rows and 16 columns or more
    (time running across: ``array.ravel()``, ``array.T``) and for the tutorials' 2-D windows (``refuse_windows``)."""
    array = unmasked(data) if isinstance(data, np.ma.MaskedArray) else np.asarray(data)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        windows = f"; {RAW_SERIES}" if array.ndim == 3 else ""  # [samples, timesteps, features]: the tutorials' X
        raise RnncastError(f"an array must be 1-D [time] or 2-D [time, columns], got shape {array.shape}{windows}")
    if array.shape[0] < 16 <= array.shape[1]:  # a (1, 500) row of a series: its time runs across
        how = "array.ravel() for one series" if array.shape[0] == 1 else "array.T for one series per row"
        raise RnncastError(f"the array has shape {array.shape}: {array.shape[0]} row{'s' * (array.shape[0] > 1)} of "
                           f"{array.shape[1]} columns, and rnncast reads time down the rows ([time, columns]); give "
                           f"{how} (a DataFrame is read as given)")
    refuse_windows(array)  # the tutorials' 2-D X of sliding windows: not a table of k columns
    return pd.DataFrame(array, columns=[str(i) for i in range(array.shape[1])])


def unmasked(data: np.ma.MaskedArray) -> np.ndarray:
    """A NumPy masked array's values with its masked entries missing (NaN: blank cells, which ``fill`` fills or rnncast
    refuses by name), not the values under the mask, which ``np.asarray`` would hand on."""
    if not np.ma.getmask(data).any():
        return np.ma.getdata(data)
    if data.dtype.kind not in "biuf":
        raise RnncastError(f"a masked array of {data.dtype} values: give numbers, with the masked entries as NaN")
    return np.ma.filled(data.astype(np.float64), np.nan)
