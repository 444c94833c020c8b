"""Float columns as the text pandas' ``to_csv`` writes for them, each distinct value formatted once.

pandas writes a float64 column (no ``float_format``, the decimal point ``.``) as numpy's ``astype(str)`` of it:
the shortest text that reads back to the same float (``11955.2374``, ``1e-20``, ``-0.0``, ``1e+16``, ``inf``),
a missing value blank. numpy formats each cell alone, and a test_forecasts.csv of 2 zones of 15-minute data holds
13 million of them (72 s of a 2-minute fit: decision 2006). Python's ``repr`` gives the same text (the same
shortest digits, the same switch to an exponent below 1e-4 and from 1e16, the same ``e-05``) at about half the cost,
and a forecast table repeats its values (each actual in 96 windows, a baseline's mean in all of them), so each
distinct value, told apart by its bits (``-0.0`` is not ``0.0``), is written once. ``csvtext`` hands pandas the text,
which it writes as it wrote its own: quoted where the separator is in it, as before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def written(values) -> np.ndarray:
    """The text pandas' ``to_csv`` writes for each of ``values`` ([N] float64), as an [N] object array: numpy's
    ``str`` of each, ``''`` for a NaN (pandas' blank)."""
    bits = np.ascontiguousarray(values, dtype=np.float64).view(np.int64)  # -0.0 and 0.0 apart; never a NaN key
    codes, uniques = pd.factorize(bits)
    floats = np.asarray(uniques).view(np.float64).tolist()
    return np.array([repr(v) if v == v else "" for v in floats], dtype=object)[codes]


def as_text(frame: pd.DataFrame, decimal: str = ".") -> pd.DataFrame:
    """``frame`` with each float64 column (numpy's, not pandas' nullable ``Float64``) as ``written`` text, for
    ``to_csv`` to write the same bytes sooner (a new frame; ``frame`` is left as it is); ``frame`` itself where it
    has none or ``decimal`` is not ``.`` (pandas then formats otherwise: left to it). The index is left as it is."""
    floats = [i for i, dtype in enumerate(frame.dtypes) if isinstance(dtype, np.dtype) and dtype == np.float64]
    if decimal != "." or not floats:
        return frame
    text = frame.copy(deep=False)  # copy on write: the columns set here are the copy's alone
    for i in floats:  # by position: a name held twice is two columns
        text.isetitem(i, written(frame.iloc[:, i].to_numpy()))
    return text
