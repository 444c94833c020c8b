"""The series number of each row of series stored back to back (``Panel.offsets``), one helper where eight modules
spelled out ``np.repeat(np.arange(S), np.diff(offsets))``. It imports nothing of rnncast, so that the calendars below
the panel (``businessmonths``) take it without an import circle through ``panel``."""

from __future__ import annotations

import numpy as np


def row_series(offsets) -> np.ndarray:
    """[N] int64: the series number of each row of series stored back to back, series ``s`` at rows
    ``offsets[s]:offsets[s + 1]`` (``offsets`` [S + 1], rising from 0: ``Panel.offsets``)."""
    offsets = np.asarray(offsets)
    return np.repeat(np.arange(len(offsets) - 1, dtype=np.int64), np.diff(offsets))
